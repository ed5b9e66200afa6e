import RebalanceEngine

/// A number read from a cell, as exact decimal text.
struct NumberText: Sendable, Hashable {
    enum Form: Sendable, Hashable {
        /// A plain number: its meaning as a weight is decided per column.
        case plain
        /// Already a fraction: a percent-formatted cell, or text such as `5%`.
        case fraction
    }

    /// Decimal text, possibly with an exponent (`1234.5`, `5e-2`, `-250.00`).
    var text: String
    var form: Form

    var doubleValue: Double { Double(text) ?? .nan }
}

extension NumberText {
    /// Whether the number is above zero as written, though a Double may round it to 0 (`0.`
    /// and 330 zeros before a 1).
    var isPositiveAsWritten: Bool {
        doubleValue > 0 || (!text.hasPrefix("-") && text.contains(where: { $0 >= "1" && $0 <= "9" }))
    }

    /// The number's size as written, its minus sign dropped (a sale's `-100` shares).
    var sizeText: String { text.hasPrefix("-") ? String(text.dropFirst()) : text }
}

/// What a cell holds for the mapping: nothing, a value, or a problem to report.
enum CellReading<Value> {
    case empty
    case value(Value)
    case problem(String)
}

/// Reading cell values the way a careful PM means them.
enum CellReader {
    /// Text: strings trimmed; whole numbers without a decimal point (account numbers typed as
    /// numbers); dates as ISO.
    static func text(_ value: CellValue?) -> CellReading<String> {
        guard let value else { return .empty }
        switch value {
        case .string(let s):
            let trimmed = s.withoutInvisibleCharacters().foldingFullWidth().trimmingWhitespace()
            // The contract's empty cells: `--`, `-` and `N/A` name no household or group.
            if trimmed.isEmpty || isEmptyText(trimmed) { return .empty }
            return .value(trimmed)
        case .number(let n, _):
            if n == n.rounded(), abs(n) < 1e15 { return .value(String(Int64(n))) }
            return .value(n.description)
        case .bool(let b): return .value(b ? "TRUE" : "FALSE")
        case .date(let d): return .value(d.iso)
        case .error(let e): return .problem("The cell holds the error \(e).")
        case .formulaWithoutValue: return .problem(formulaMessage)
        case .uncalculatedFormula: return .problem(uncalculatedFormulaMessage)
        }
    }

    static let formulaMessage = "The cell holds a formula with no saved result; open and save the workbook in Excel, then try again."
    static let uncalculatedFormulaMessage = "The cell holds a formula saved with the result 0 by a program that does not calculate formulas (the workbook asks to be calculated when opened), so its value is unknown; open and save the workbook in Excel, then try again."

    /// The units a number of shares is written with (`420 shs`), after it.
    static let shareUnits = ["sh", "shs", "sh.", "shs.", "share", "shares", "unit", "units"]
    /// The unit a number of days is written with (`30 days`), after it.
    static let dayUnits = ["day", "days"]
    /// The currency an amount in dollars is written with, before or after it (`USD 1,500`).
    static let dollarUnits = ["usd", "us$", "us $"]

    /// Whether a text cell writes its number as dollars (`$50.00`, `USD 50`): never a weight
    /// or a rate, which are percents of something.
    static func isWrittenInDollars(_ value: CellValue?) -> Bool {
        // A number shown as money (`$50.00` from `"$"#,##0.00`; explore-BV: read as 50%).
        if case .number(_, .currency)? = value { return true }
        guard case .string(let text)? = value else { return false }
        return text.contains("$") || withoutUnit(text, units: dollarUnits) != nil
    }

    /// `text` without one of `units` (any capitals) set apart by a space before or after the
    /// rest (`420 shs`, `USD 1,500.00`, `1,500.00 USD`); nil when it has none, or nothing else.
    static func withoutUnit(_ text: String, units: [String]) -> String? {
        let trimmed = text.trimmingWhitespace()
        let lower = trimmed.lowercased()
        for unit in units {
            if lower.hasSuffix(" " + unit) {
                let rest = String(trimmed.dropLast(unit.count)).trimmingWhitespace()
                if !rest.isEmpty { return rest }
            }
            if lower.hasPrefix(unit + " ") {
                let rest = String(trimmed.dropFirst(unit.count)).trimmingWhitespace()
                if !rest.isEmpty { return rest }
            }
        }
        return nil
    }

    /// A number, or text that is one once one of `units` is taken off it (`420 shs`, `30
    /// days`): the reading, and the text read when a unit was taken off (nil when none was).
    static func number(_ value: CellValue?, withUnitOf units: [String]) -> (reading: CellReading<NumberText>, bare: String?) {
        let reading = number(value)
        guard case .problem = reading, case .string(let text)? = value, let bare = withoutUnit(text, units: units),
              case .value(let n) = number(.string(bare)) else { return (reading, nil) }
        return (.value(n), bare)
    }

    /// Words that mean "no value" in custodian exports.
    static let emptyWords: Set<String> = ["--", "-", "—", "–", "n/a", "na", "none", "null"]
    /// Whether a text is an empty cell wherever a name is read: the contract's `--`, `-` and
    /// `N/A` (any capitals), and the dashes `—` and `–`. Judged on the bytes: this is asked of
    /// every text cell, most of them three-letter symbols.
    static func isEmptyText(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count <= 3 else { return false }
        switch first {
        case UInt8(ascii: "-"): return bytes.count <= 2 && bytes.allSatisfy { $0 == UInt8(ascii: "-") }
        case 0xE2: return text == "—" || text == "–"
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return bytes.count == 3 && bytes.dropFirst().first == UInt8(ascii: "/") && bytes.last! | 0x20 == UInt8(ascii: "a")
        default: return false
        }
    }

    /// A number: a numeric cell, or text such as `1,234.50`, `$1,234.50`, `+$3.10`, `-$12.00`,
    /// `(250.00)`, `($16.20)`, `5%`, `200.`; `--`, `-`, `N/A` and blank are empty.
    static func number(_ value: CellValue?) -> CellReading<NumberText> {
        guard let value else { return .empty }
        switch value {
        case .number(let n, let kind):
            return .value(NumberText(text: n.spreadsheetText, form: kind == .percent ? .fraction : .plain))
        case .string(let s):
            return numberText(s)
        case .bool: return .problem("Expected a number, found TRUE/FALSE.")
        case .date(let d): return .problem("Expected a number, found the date \(d.iso).")
        case .error(let e): return .problem("The cell holds the error \(e).")
        case .formulaWithoutValue: return .problem(formulaMessage)
        case .uncalculatedFormula: return .problem(uncalculatedFormulaMessage)
        }
    }

    /// What a cell holds when a formula or a data feed failed to give it a value: an error
    /// (`#N/A`, `#REF!`) or text a market-data add-in leaves in its place (`#N/A N/A`,
    /// `#N/A Requesting Data...`); nil for any other cell.
    static func failedValue(_ value: CellValue?) -> String? {
        switch value {
        case .error(let e)?: return e
        case .string(let s)?:
            let trimmed = s.trimmingWhitespace()
            return trimmed.hasPrefix("#") && trimmed.dropFirst().first?.isLetter == true ? trimmed.excerpt : nil
        default: return nil
        }
    }

    /// Whether a number's text groups its whole part as India does, lakhs and crores: a last
    /// group of three digits after commas, two digits in each group before it but the first
    /// (one or two), at least three groups (`1,00,000`, `12,34,567.50`), a decimal point after.
    static func groupsLakhs(_ text: Substring) -> Bool {
        let whole = text.prefix { $0 != "." }
        let fraction = text.dropFirst(whole.count)
        guard fraction.isEmpty || fraction.dropFirst().allSatisfy(\.isASCIIDigit) else { return false }
        let unsigned = whole.drop { $0 == "-" || $0 == "$" || $0 == " " }
        let groups = unsigned.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 3, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              groups.last!.count == 3, (1...2).contains(groups.first!.count) else { return false }
        return groups.dropFirst().dropLast().allSatisfy { $0.count == 2 }
    }

    static func numberText(_ raw: String) -> CellReading<NumberText> {
        var s = Substring(raw.trimmingWhitespace())
        if s.isEmpty || emptyWords.contains(s.lowercased()) { return .empty }
        let found = "Expected a number, found \"\(raw.trimmingWhitespace().excerpt)\"."
        // Excel's accounting format shows zero dollars as `$ -`: copied as text, it is 0.
        if s.contains("$"), s.contains("-"), s.allSatisfy({ "$ -\u{00A0}".contains($0) }) { return .value(NumberText(text: "0", form: .plain)) }
        var negative = false
        // The same format's negative, `$ (1,500.00)`: the sign stands apart from the parentheses.
        if s.hasPrefix("$"), s.hasSuffix(")") {
            let rest = s.dropFirst().drop { $0 == " " || $0 == "\u{00A0}" }
            if rest.hasPrefix("(") { s = rest }
        }
        if s.hasPrefix("(") && s.hasSuffix(")") {
            negative = true
            s = s.dropFirst().dropLast()
        }
        // A trailing minus on an amount in cents (`1,500.00-`), as ledger and mainframe exports
        // write a negative; `5-` stays a typo, not a number.
        if s.hasSuffix("-") || s.hasSuffix("\u{2212}"), !negative, !s.hasPrefix("-") {
            let amount = s.dropLast()
            let cents = amount.suffix(3)
            if cents.count == 3, cents.first == ".", cents.dropFirst().allSatisfy(\.isASCIIDigit) {
                negative = true
                s = amount
            }
        }
        var percent = false
        if s.hasSuffix("%") {
            percent = true
            s = s.dropLast()
        }
        guard separatorsGroupThrees(s) else {
            if groupsLakhs(s) {
                // Not a decimal comma (explore-BE): the Indian grouping, lakhs and crores.
                return .problem("Expected a number, found \"\(raw.trimmingWhitespace().excerpt)\": its commas set off digits "
                    + "in twos (1,00,000, lakhs and crores), which the tool does not read; write it without them (100000.00) "
                    + "or in thousands (100,000.00).")
            }
            return .problem("Expected a number, found \"\(raw.trimmingWhitespace().excerpt)\": its commas or spaces do not set "
                + "off thousands (1,234.50 or 15 000), so it may be written with a decimal comma; write decimals with a point (1234.56).")
        }
        var cleaned = ""
        var sawSign = false
        for c in s {
            switch c {
            case "$", ",", " ", "\u{00A0}", "\u{202F}":
                continue
            case "+", "-", "\u{2212}":
                // A sign leads the number, or its exponent (`4.2E+02`); U+2212 is the minus
                // sign typeset text and some portals use.
                if let last = cleaned.last, last == "e" || last == "E" {
                    cleaned.append(c == "+" ? "+" : "-")
                    continue
                }
                guard !sawSign, cleaned.isEmpty else { return .problem(found) }
                // A sign inside an accounting negative's parentheses (`(-8,000)`): read as the
                // two negatives' positive, a loss YTD was $8,000 of gain (explore-BO).
                if negative {
                    return .problem("Expected a number, found \"\(raw.trimmingWhitespace().excerpt)\": it is negative by its "
                        + "parentheses and signed inside them too; write it with one sign, a minus or the parentheses.")
                }
                sawSign = true
                if c != "+" { negative = true }
            case "0"..."9", ".":
                cleaned.append(c)
            case "e", "E":
                guard !cleaned.isEmpty, !cleaned.contains(where: { $0 == "e" || $0 == "E" }) else { return .problem(found) }
                cleaned.append(c)
            default:
                return .problem(found)
            }
        }
        if cleaned.hasSuffix(".") { cleaned.removeLast() }
        guard !cleaned.isEmpty, cleaned.contains(where: { $0.isNumber }), Double(cleaned) != nil else {
            return .problem(found)
        }
        var text = negative ? "-" + cleaned : cleaned
        if percent { text = scaledByHundredth(text) }
        return .value(NumberText(text: text, form: percent ? .fraction : .plain))
    }

    /// For a number's text with one separator, a point or a comma, three digits after it and
    /// one to three before (not led by a zero), as a dollar sign or a space may stand beside:
    /// the separator and the number the other reading makes (`1.200`: 1200; `43,105`:
    /// 43.105). Nil for any other text, which reads one way only.
    static func otherSeparatorReading(_ raw: String) -> (separator: Character, reading: String)? {
        let core = raw.filter { !"$ \u{00A0}\u{202F}".contains($0) }
        let separators = core.filter { $0 == "." || $0 == "," }
        guard separators.count == 1, let separator = separators.first,
              let at = core.firstIndex(of: separator) else { return nil }
        let before = core[..<at], after = core[core.index(after: at)...]
        guard (1...3).contains(before.count), after.count == 3, before.first != "0",
              before.allSatisfy(\.isASCIIDigit), after.allSatisfy(\.isASCIIDigit) else { return nil }
        return (separator, separator == "." ? String(before + after) : String(before) + "." + String(after))
    }

    /// The characters a number's text may set off its thousands with.
    static let thousandsSeparators: Set<Character> = [",", " ", "\u{00A0}", "\u{202F}"]

    /// Whether the separators in a number's text set off its whole part's digits in threes
    /// (`1,234,567.50`, `15 000`, `$ 1,234`) or there are none. Taken out wherever they were,
    /// `312,40` (a decimal comma) was $31,240, `25,0000` a basis of $250,000 and `1 234,56`
    /// $123,456, with no word; a comma at either end (`,5`, `5,`) is no separator either.
    static func separatorsGroupThrees(_ text: Substring) -> Bool {
        guard let first = text.firstIndex(where: \.isASCIIDigit), let last = text.lastIndex(where: \.isASCIIDigit) else { return true }
        if text[..<first].contains(",") || text[text.index(after: last)...].contains(",") { return false }
        let core = text[first...last]
        guard core.contains(where: thousandsSeparators.contains) else { return true }
        let whole = core.prefix { $0 != "." && $0 != "e" && $0 != "E" }
        if core.dropFirst(whole.count).contains(where: thousandsSeparators.contains) { return false }
        var groups = [0]
        var separator: Character?
        for c in whole {
            if thousandsSeparators.contains(c) {
                // One kind of separator in a number: `1,234 567` is two numbers or a typo.
                if let separator, separator != c, !(separator.isWhitespace && c.isWhitespace) { return false }
                separator = c
                groups.append(0)
            } else if c.isASCIIDigit {
                groups[groups.count - 1] += 1
            } else {
                // Another character is the number's reading's to refuse.
                return true
            }
        }
        // A first group of zeros sets off no thousands: `0,420` is 0.42 with a decimal comma
        // (read as 420 shares, with no word), as `00,420` is.
        if whole.first == "0" { return false }
        return (1...3).contains(groups[0]) && groups.dropFirst().allSatisfy { $0 == 3 }
    }

    /// `text` divided by 100, exactly, as decimal text.
    static func scaledByHundredth(_ text: String) -> String {
        if text.contains("e") || text.contains("E") {
            return Double(text).map { ($0 / 100).description } ?? text
        }
        return text + "e-2"
    }

    /// A date: a date cell, a serial number (in a date column), or text in ISO
    /// (`2026-03-15`) or US (`03/15/2026`, `3/15/26`) form, optionally with a time.
    static func date(_ value: CellValue?, uses1904: Bool) -> CellReading<CivilDate> {
        guard let value else { return .empty }
        switch value {
        case .date(let d):
            if d.isTimeOnly { return .problem("Expected a date, found the time \(d.iso).") }
            return CivilDate(year: d.year, month: d.month, day: d.day).map { .value($0) } ?? .problem("Expected a date.")
        case .number(let n, _):
            if n == n.rounded(), n >= 18_000_101, n <= 21_991_231, let date = compactDate(Int(n)) { return .value(date) }
            // A plain 1900 to 2100 is a year typed alone (or `2026.08`, a year and month), not
            // the serial of a day in 1905 (a lot bought this year was long-term so).
            if n >= 1900, n < 2101 {
                let shown = n == n.rounded() ? String(Int(n)) : n.description
                return .problem("Expected a date, found the number \(shown), which reads as a year: write the whole date (2026-03-15).")
            }
            guard let d = ExcelDateTime(serial: n, uses1904: uses1904), !d.isTimeOnly,
                  let date = CivilDate(year: d.year, month: d.month, day: d.day) else {
                return .problem("Expected a date, found the number \(n.description).")
            }
            return .value(date)
        case .string(let s):
            // A serial a program stored as text (`"46042"`) is read as the serial it is, as a
            // number typed as text is a number.
            let reading = dateText(s)
            guard case .problem = reading else { return reading }
            // With its time of day as a fraction too (`"46316.75"`, as a CSV import leaves it).
            let digits = s.trimmingWhitespace()
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard !digits.isEmpty, parts.count <= 2, parts[0].utf8.count <= 7, parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 12 }),
                  digits.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }),
                  let n = Double(digits) else { return reading }
            return date(.number(n, .plain), uses1904: uses1904)
        case .bool: return .problem("Expected a date, found TRUE/FALSE.")
        case .error(let e): return .problem("The cell holds the error \(e).")
        case .formulaWithoutValue: return .problem(formulaMessage)
        case .uncalculatedFormula: return .problem(uncalculatedFormulaMessage)
        }
    }

    /// `11/02/2026 as of 10/31/2026` split at its ` as of ` (any capitals); nil without one.
    static func postedAsOf(_ text: String) -> (posted: String, effective: String)? {
        let bytes = Array(text.utf8)
        let marker = Array(" as of ".utf8)
        guard bytes.count > marker.count else { return nil }
        for start in 0...(bytes.count - marker.count) {
            let matches = (0..<marker.count).allSatisfy { offset in
                let byte = bytes[start + offset]
                return byte.asciiLowercased == marker[offset]
            }
            if matches {
                return (String(decoding: bytes[..<start], as: UTF8.self),
                        String(decoding: bytes[(start + marker.count)...], as: UTF8.self))
            }
        }
        return nil
    }

    static func dateText(_ raw: String) -> CellReading<CivilDate> {
        let s = raw.trimmingWhitespace()
        if s.isEmpty || emptyWords.contains(s.lowercased()) { return .empty }
        let found = "Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"\(s.excerpt)\"."
        if ["various", "multiple", "mixed"].contains(s.lowercased()) {
            return .problem("Found \"\(s)\", as a custodian writes for a position bought over several days: "
                + "list its lots, each with its own date (the position's lot detail).")
        }
        // A custodian's word for shares received, not bought, where their date belongs.
        let word = s.lowercased().filter(\.isLetter)
        if word.hasPrefix("inherit") {
            return .problem("Found \"\(s.excerpt)\" where a date belongs: write the date the shares were inherited "
                + "(the date of death, which sets their basis) and mark the lot's Term Inherited (long-term whatever "
                + "its date, and no wash-sale replacement).")
        }
        if word.hasPrefix("gift") {
            return .problem("Found \"\(s.excerpt)\" where a date belongs: write the donor's acquisition date for "
                + "shares received as a gift at the donor's basis (their holding period runs from it, 26 USC "
                + "1223(2)), or the date of the gift if their basis is its value.")
        }
        if s.utf8.count == 8, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let compact = Int(s) {
            return compactDate(compact).map { .value($0) } ?? .problem(found)
        }
        // A custodian's entry posted later than it took effect: `11/02/2026 as of 10/31/2026`
        // is the trade of 31 October, the day that counts for holding periods and windows.
        if let (posted, effective) = postedAsOf(s) {
            guard case .value = dateText(posted) else { return .problem(found) }
            return dateText(effective)
        }
        if let named = monthNameDate(s) {
            return named.map { .value($0) } ?? .problem("\"\(s)\" is not a real date.")
        }
        // Drop a time part: "2026-03-15T10:30", "2026-03-15 10:30:00", "03/15/2026 4:00 PM", and
        // Interactive Brokers' "2026-03-15;10:30:00", "20260315;103000", "2026-03-15, 10:30:00".
        var datePart = Substring(s)
        if let t = datePart.firstIndex(where: { $0 == "T" || $0 == " " || $0 == ";" || $0 == "," }) {
            let rest = String(datePart[datePart.index(after: t)...]).trimmingCharacters(in: " ")
            guard rest.isEmpty || rest.first?.isNumber == true else { return .problem(found) }
            if let time = impossibleTime(rest) {
                return .problem("\"\(s.excerpt)\" holds the time \(time), which is no time of day.")
            }
            datePart = datePart[..<t]
        }
        if datePart.utf8.count == 8, datePart.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let compact = Int(datePart) {
            return compactDate(compact).map { .value($0) } ?? .problem(found)
        }
        func number(_ part: Substring) -> Int? {
            guard !part.isEmpty, part.count <= 4, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part)
        }
        // Year first (`2026-03-15`, `2026/03/15`), or the US order (`03/15/2026`, `3/15/26`,
        // `03-15-2026`), with dashes or slashes.
        // With dots, year first only (`2026.03.15`): `03.04.2026` is the 3rd of April to much of
        // the world and the 4th of March here.
        for separator: Character in ["-", "/", "."] where datePart.contains(separator) {
            let parts = datePart.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, let first = number(parts[0]), let second = number(parts[1]),
                  let third = number(parts[2]) else { return .problem(found) }
            if parts[0].count == 4 {
                return CivilDate(year: first, month: second, day: third).map { .value($0) }
                    ?? .problem("\"\(s)\" is not a real date.")
            }
            guard parts[2].count == 2 || parts[2].count == 4 else { return .problem(found) }
            let year = parts[2].count == 4 ? third : fullYear(twoDigit: third)
            if separator == "." {
                // Day or month first with dots: said why, with the year-first spelling, rather
                // than the generic "Expected a date" (explore-BE: `20.11.2026`).
                guard parts[0].count <= 2, parts[1].count <= 2 else { return .problem(found) }
                let dayFirst = CivilDate(year: year, month: second, day: first)
                let monthFirst = CivilDate(year: year, month: first, day: second)
                let readings = [dayFirst, monthFirst].compactMap { $0 }.map(\.description)
                guard !readings.isEmpty else { return .problem("\"\(s)\" is not a real date.") }
                return .problem("\"\(s)\" writes a date with dots, day or month first, which the tool does not read "
                    + "(03.04.2026 is the 3rd of April to much of the world and the 4th of March in the US); write it "
                    + "year first, " + (Set(readings).count == 1 ? readings[0] : readings.joined(separator: " or ")) + ".")
            }
            if let date = CivilDate(year: year, month: first, day: second) { return .value(date) }
            if first > 12, CivilDate(year: year, month: second, day: first) != nil {
                return .problem("\"\(s)\" reads as day \(first) of month \(second), but a date written with its day "
                    + "and month in figures is read month first (03/15/2026); write it year first, \(year)-"
                    + (second < 10 ? "0" : "") + "\(second)-" + (first < 10 ? "0" : "") + "\(first).")
            }
            return .problem("\"\(s)\" is not a real date.")
        }
        return .problem(found)
    }

    /// A text date's three figures when it is written with two of one or two digits and a
    /// year of two or four, by slashes or dashes (`05/12/2025`, `4-7-24`), a time after it
    /// left out: the first, the second and the year (two digits as Excel reads them,
    /// `fullYear(twoDigit:)`).
    static func numericDateParts(_ raw: String) -> (first: Int, second: Int, year: Int)? {
        var s = Substring(raw.trimmingWhitespace())
        if let t = s.firstIndex(where: { $0 == "T" || $0 == " " }) { s = s[..<t] }
        for separator: Character in ["/", "-"] where s.contains(separator) {
            let parts = s.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4,
                  parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let first = Int(parts[0]), let second = Int(parts[1]), let third = Int(parts[2]) else { return nil }
            return (first, second, parts[2].count == 4 ? third : fullYear(twoDigit: third))
        }
        return nil
    }

    /// The year a date's two-digit year stands for, as Excel reads it (its default two-digit
    /// year cutoff, 2029): 00-29 are 20xx, 30-99 19xx, as LibreOffice and Gnumeric read them
    /// too. The contract's 00-68 read an inherited lot's `6/1/65` as 2065, refused as acquired
    /// after the As Of date (explore-EH).
    static func fullYear(twoDigit year: Int) -> Int {
        year + (year <= 29 ? 2000 : 1900)
    }

    /// Whether a text date can only be read month first: `11/13/2026`, `3-25-26` (a first
    /// figure that can be a month, a second that cannot).
    static func monthFirstOnly(_ raw: String) -> Bool {
        guard let parts = numericDateParts(raw) else { return false }
        return (1...12).contains(parts.first) && (13...31).contains(parts.second)
    }

    /// The date a text date read month first (`05/12/2025`, `4-7-24`) would be read day
    /// first, when both its first two numbers could be a month and they differ; nil for any
    /// other text (year first, a month's name, a day above 12).
    static func dayFirstReading(_ raw: String) -> CivilDate? {
        guard let parts = numericDateParts(raw), parts.first != parts.second,
              (1...12).contains(parts.first), (1...12).contains(parts.second) else { return nil }
        return CivilDate(year: parts.year, month: parts.second, day: parts.first)
    }

    /// `20260315` (year, month, day run together, as some custodian and accounting exports
    /// write dates), for a year from 1800 to 2199 and a real month and day. No Excel serial
    /// is that large (9999-12-31 is 2,958,465), and a US date run together (`03152026`)
    /// has no month 20 or 19 to be read as: nothing else is read this way.
    static func compactDate(_ digits: Int) -> CivilDate? {
        let year = digits / 10_000, month = digits / 100 % 100, day = digits % 100
        guard (1800...2199).contains(year) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// A date written with its month's name, as custodian exports and Excel's own text show
    /// them: `Mar-15-2026`, `Mar 15, 2026`, `March 15, 2026`, `15-Mar-2026`, `15 March 2026`,
    /// The time a date's text gives after it, when it is written in figures (`10:30`,
    /// `10:30:00.5`, Interactive Brokers' `103000`) and is no time of day (`25:00`, `99:99:99`,
    /// `23:59:60`): taken with the date, it was dropped without a word (explore-AP). Nil for a
    /// real time, and for any other text (a zone, `PM`), which is left as it was.
    static func impossibleTime(_ text: String) -> String? {
        let token = text.prefix { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == ".") }
        var fields: [Substring]
        if token.contains(":") {
            fields = token.split(separator: ":", omittingEmptySubsequences: false)
        } else if token.count == 6 || token.count == 4, token.allSatisfy(\.isNumber) {
            fields = stride(from: 0, to: token.count, by: 2).map { offset in
                token.dropFirst(offset).prefix(2)
            }
        } else {
            return nil
        }
        guard (2...3).contains(fields.count), let hour = Int(fields[0]), (1...2).contains(fields[0].count),
              let minute = Int(fields[1]), fields[1].count == 2 else { return nil }
        let second = fields.count == 3 ? Double(fields[2]) : 0
        guard let second, fields.count < 3 || fields[2].prefix(while: \.isNumber).count == 2 else { return nil }
        return hour > 23 || minute > 59 || second >= 60 ? String(token) : nil
    }

    /// `15-Mar-26`, optionally with a time after. `nil` when the text names no month; `.some(nil)`
    /// when it does but the day is not a real one (`Feb-30-2026`).
    static func monthNameDate(_ text: String) -> CivilDate?? {
        let tokens = text.split(whereSeparator: { " -,./".contains($0) })
        guard tokens.count >= 3, let monthAt = tokens.prefix(2).firstIndex(where: { month(named: $0) != nil }) else {
            return nil
        }
        let monthNumber = month(named: tokens[monthAt])!
        let numbers = tokens.prefix(3).enumerated().filter { $0.offset != monthAt }.map(\.element)
        // What follows the date is a time (`4:00`, `PM`), or nothing.
        guard tokens.dropFirst(3).allSatisfy({ $0.contains(":") || ["am", "pm"].contains($0.lowercased()) }),
              !tokens.dropFirst(3).contains(where: { impossibleTime(String($0)) != nil }),
              numbers.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } && $0.count <= 4 }),
              let day = Int(numbers[0]), var year = Int(numbers[1]), numbers[1].count == 2 || numbers[1].count == 4
        else { return nil }
        if numbers[1].count == 2 { year = fullYear(twoDigit: year) }
        return .some(CivilDate(year: year, month: monthNumber, day: day))
    }

    /// 1 to 12 for a month's name or its first three letters (`Mar`, `march`, `Sept`).
    static func month(named token: Substring) -> Int? {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        let word = token.lowercased()
        guard word.count >= 3, word.allSatisfy(\.isLetter) else { return nil }
        return names.firstIndex { $0.hasPrefix(word) || (word == "sept" && $0 == "september") }.map { $0 + 1 }
    }

    /// Yes/No, True/False, Y/N, 1/0.
    static func flag(_ value: CellValue?) -> CellReading<Bool> {
        guard let value else { return .empty }
        if case .bool(let b) = value { return .value(b) }
        switch text(value) {
        case .empty: return .empty
        case .problem(let p): return .problem(p)
        case .value(let t):
            // With a full stop, and a switch's words (`On`, `Off`, `Enabled`, `Disabled`): each
            // was an error (explore-CH).
            switch t.lowercased().trimmingCharacters(in: ".") {
            case "yes", "y", "true", "1", "x", "on", "enabled", "enable", "active": return .value(true)
            case "no", "n", "false", "0", "off", "disabled", "disable", "inactive": return .value(false)
            default: return .problem("Expected Yes or No, found \"\(t.excerpt)\".")
            }
        }
    }
}

extension String {
    /// The text as a message quotes it, on one line (a header typed over two lines, `Cost⏎Basis`,
    /// is quoted `Cost Basis`): whole up to 80 characters, else its first 60 and the count
    /// (`AAAA… (40000 characters)`), so that no cell can swell a message past what a sheet's
    /// cell holds or a terminal shows.
    var excerpt: String {
        // Line breaks (a line feed, a carriage return, and the separators U+2028 and U+2029,
        // whose lead byte is E2, U+0085's C2) as spaces: a message is one line.
        let line = utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C || $0 == 0xE2 || $0 == 0xC2 }
            && unicodeScalars.contains(where: \.isLineBreak)
            ? split(whereSeparator: { $0.unicodeScalars.contains(where: \.isLineBreak) }).joined(separator: " ") : self
        guard line.utf8.count > 80, line.count > 80 else { return line }
        return "\(line.prefix(60))… (\(line.count) characters)"
    }

    /// The text without the characters that take no room and change nothing when shown:
    /// zero-width spaces and joiners, the word joiner, the byte-order mark, the soft hyphen,
    /// and the left-to-right and right-to-left marks. Web pages and portals leave them in
    /// copied symbols, households and groups (`VTI` followed by U+200B); a PM cannot see them,
    /// so a name holding one is the name without it, not a second security or household.
    /// The overrides and isolates that reorder what a cell shows (U+202A to U+202E, U+2066 to
    /// U+2069) are kept: the name shown is not the name without them.
    func withoutInvisibleCharacters() -> String {
        // Each of them is written with a lead byte of C2, E2 or EF: most cells have none.
        guard utf8.contains(where: { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars where !String.isInvisible(scalar) { scalars.append(scalar) }
        return scalars.count == unicodeScalars.count ? self : String(scalars)
    }

    /// Full-width letters, digits and signs (U+FF01 to U+FF5E, as an East Asian input method
    /// types them) as their ASCII ones, and the ideographic space as a space: `ＶＴＩ` is VTI.
    /// Matched as written, a full-width symbol was a security of its own, and a restriction
    /// or a loss sale written with it applied to nothing (explore-AO).
    func foldingFullWidth() -> String {
        // Each is written with a lead byte of EF (the forms) or E3 (the space): most cells have none.
        guard utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 }) else { return self }
        var scalars = String.UnicodeScalarView()
        var folded = false
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E:
                scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
                folded = true
            case 0x3000:
                scalars.append(" ")
                folded = true
            default:
                scalars.append(scalar)
            }
        }
        return folded ? String(scalars) : self
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x200B...0x200F, 0x2060...0x2064, 0xFEFF: return true
        default: return false
        }
    }

    func trimmingWhitespace() -> String {
        // Most cells start and end with a printable ASCII character: nothing to trim. (A
        // character ending in such a byte cannot start with whitespace either.)
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        var s = Substring(self)
        while let c = s.first, c.isWhitespace || c == "\u{FEFF}" { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension UInt8 {
    /// `A` to `Z` as `a` to `z`; every other byte as it is (case beyond ASCII is left to
    /// `String.lowercased`).
    var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }

    /// A space, tab, line feed, vertical tab, form feed or carriage return: the ASCII bytes
    /// `Character.isWhitespace` holds.
    var isASCIIWhitespace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
}
