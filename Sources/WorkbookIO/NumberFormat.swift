/// What a cell's number format says about the number in it.
public enum NumberFormatKind: Sendable, Equatable {
    /// A plain number (General, currency, decimals, text `@`).
    case plain
    /// A percent format: `5%` is stored as 0.05.
    case percent
    /// A date, time or date-time format: the number is a date serial.
    case date
    /// An elapsed-time format (`[h]:mm:ss`): the number is a count of days.
    case duration
    /// A plain number shown as money (`"$"#,##0.00`, `[$$-409]#,##0.00`, `[$USD] 0.00`): read
    /// as a plain number, but never a weight or a rate, which are percents of something.
    case currency

    /// The kind of one of Excel's built-in format ids (ECMA-376 Part 1, 18.8.30).
    ///
    /// 14-22 and 45-47 are the dates and times every locale has; 27-36 and 50-58 are the
    /// East Asian locales' date formats, which Excel writes by id alone.
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 9, 10: return .percent
        // Excel's built-in currency and accounting formats (`$#,##0_);($#,##0)`, 5-8 and 41-44 as en-US writes them).
        case 5...8, 42, 44: return .currency
        case 46: return .duration
        case 14...22, 27...36, 45, 47, 50...58: return .date
        default: return .plain
        }
    }

    /// Whether a date format code writes a numeric day before a numeric month (`dd/mm/yyyy`,
    /// `d.m.yy`): the mark of a workbook kept day first. A month by name (`d-mmm-yy`), a
    /// weekday (`dddd`) and minutes (the `m` after an hour) are no such evidence.
    static func writesDayFirst(_ code: String) -> Bool {
        var tokens: [(letter: Unicode.Scalar, count: Int)] = []
        var previous: Unicode.Scalar?
        for piece in pieces(ofFirstSection: code.lowercased()) {
            guard case .symbol(let c) = piece, ["d", "m", "y", "h", "s"].contains(c) else {
                previous = nil
                continue
            }
            if c == previous { tokens[tokens.count - 1].count += 1 } else { tokens.append((c, 1)) }
            previous = c
        }
        var day: Int?, month: Int?
        for (index, token) in tokens.enumerated() {
            if token.letter == "d", token.count <= 2, day == nil { day = index }
            if token.letter == "m", token.count <= 2, month == nil,
               !(index > 0 && tokens[index - 1].letter == "h"), !(index + 1 < tokens.count && tokens[index + 1].letter == "s") {
                month = index
            }
        }
        guard let day, let month else { return false }
        return day < month
    }

    /// Classifies a format code by its first section, as Excel shows a positive number.
    ///
    /// Quoted text, `\\`-escaped characters, `_x` spaces, `*x` fills, the keyword
    /// `General` and bracketed codes (`[Red]`, `[$-409]`, `[>100]`) are passed over; an
    /// elapsed-time code (`[h]`, `[mm]`, `[ss]`) makes a duration; any of `y m d h s` a
    /// date; `%` a percent.
    static func classify(_ code: String) -> NumberFormatKind {
        var sawDate = false
        var sawPercent = false
        var sawElapsed = false
        var sawDollar = false
        for piece in pieces(ofFirstSection: code) {
            switch piece {
            case .text(let text, _):
                if text.contains("$") { sawDollar = true }
            case .bracket(let content):
                // A currency's locale tag: `[$$-409]`, `[$USD]` (not a bare `[$-409]` locale).
                let scalars = Array(content.unicodeScalars)
                if scalars.first == "$", scalars.count > 1, scalars[1] != "-" { sawDollar = true }
                let lower = content.lowercased()
                if let first = lower.first, ["h", "m", "s"].contains(first), lower.allSatisfy({ $0 == first }) {
                    sawElapsed = true
                }
            case .symbol("$"): sawDollar = true
            case .symbol("%"): sawPercent = true
            // `General` has none of these letters.
            case .symbol(let c) where "ymdhsYMDHS".unicodeScalars.contains(c): sawDate = true
            case .symbol, .space, .fill: break
            }
        }
        if sawElapsed { return .duration }
        if sawDate { return .date }
        if sawPercent { return .percent }
        if sawDollar { return .currency }
        return .plain
    }

    /// Words that say an amount is in thousands, millions or billions (`K`, `mm`, `bn`, `000`).
    static let scaleWords: Set<String> = ["k", "m", "mm", "mn", "mil", "mln", "b", "bn", "bil", "000", "000s", "thousand",
                                          "thousands", "million", "millions", "billion", "billions"]

    /// The scale word a format code writes as text beside a number it does not scale
    /// (`"$"#,##0"K"`, `#,##0"k"`, `0\K`, `#,##0" M"`, `"$"0.000"mm"`), as written: a cell
    /// holding 5 so formatted shows `$5K`. Nil for a code without one, or one whose commas
    /// after its digits divide the number for display (`#,##0,"K"` shows 5000 as `5K`), which
    /// shows the true amount; a currency's word (`"USD" #,##0`) is no scale.
    static func unscaledScaleWord(_ code: String) -> String? {
        let pieces = pieces(ofFirstSection: code)
        let placeholders: Set<Unicode.Scalar> = ["0", "#", "?"]
        var literals: [String] = []
        var sawPlaceholder = false
        var scales = false
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .text(let text, let escaped):
                // Escaped characters in a row are one word (`0\K\B`).
                if escaped, index > 0, case .text(_, true) = pieces[index - 1] { literals[literals.count - 1] += text } else {
                    literals.append(text)
                }
            case .symbol(","):
                // A comma after the digits, not followed by another digit, divides by 1,000.
                var next = index + 1
                while next < pieces.count, case .symbol(",") = pieces[next] { next += 1 }
                var digitFollows = false
                if next < pieces.count, case .symbol(let c) = pieces[next] { digitFollows = placeholders.contains(c) || c == "." }
                if sawPlaceholder, !digitFollows { scales = true }
            case .symbol(let c):
                if placeholders.contains(c) { sawPlaceholder = true }
            case .space, .fill, .bracket: break
            }
        }
        guard sawPlaceholder, !scales else { return nil }
        for literal in literals {
            let words = literal.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
            if words.contains(where: scaleWords.contains) { return literal.trimmingWhitespace() }
        }
        return nil
    }

    /// A number as a simple format code shows it, by its first section: its text kept, its
    /// digits rounded to the code's decimals and grouped where it groups (`"$"#,##0"K"` shows
    /// 5 as `$5K`, `"$"0.000"mm"` 0.005 as `$0.005mm`).
    static func shown(_ number: Double, code: String) -> String {
        let pieces = pieces(ofFirstSection: code)
        let numberScalars: Set<Unicode.Scalar> = ["0", "#", "?", ",", "."]
        var out = ""
        var wroteNumber = false
        var index = 0
        while index < pieces.count {
            switch pieces[index] {
            case .text(let text, _): out += text
            case .space: out += " "
            case .fill: break
            case .bracket(let content):
                // A currency's tag shows its symbol (`[$$-409]`, `[$USD]`).
                if content.hasPrefix("$") { out += content.dropFirst().split(separator: "-").first.map(String.init) ?? "" }
            case .symbol(let c) where numberScalars.contains(c) && c != ",":
                var run: [Unicode.Scalar] = []
                while index < pieces.count, case .symbol(let d) = pieces[index], numberScalars.contains(d) {
                    run.append(d)
                    index += 1
                }
                index -= 1
                if !wroteNumber { out += digits(number, run); wroteNumber = true }
            case .symbol(let c): out.unicodeScalars.append(c)
            }
            index += 1
        }
        return wroteNumber ? out : digits(number, ["0"])
    }

    /// One piece of a format code, as the functions above read a code.
    private enum Piece {
        /// Text shown as written: a quoted string, or one `\\`-escaped character (`escaped`).
        case text(String, escaped: Bool)
        /// A `_x`: a space as wide as x.
        case space
        /// A `*x`: x repeated to fill the cell.
        case fill
        /// A bracketed code's content: a color, a locale or currency tag, a condition, an
        /// elapsed-time unit (`Red`, `$$-409`, `>=1000`, `h`).
        case bracket(String)
        /// Any other character: a digit placeholder, a date or time letter, a comma, `%`, `$`.
        case symbol(Unicode.Scalar)
    }

    /// The pieces of a format code's first section (the one Excel shows a positive number by).
    private static func pieces(ofFirstSection code: String) -> [Piece] {
        let scalars = Array(code.unicodeScalars)
        var pieces: [Piece] = []
        var i = 0
        scan: while i < scalars.count {
            let c = scalars[i]
            switch c {
            case ";": break scan
            case "\"":
                var text = ""
                i += 1
                while i < scalars.count && scalars[i] != "\"" { text.unicodeScalars.append(scalars[i]); i += 1 }
                pieces.append(.text(text, escaped: false))
            case "\\":
                if i + 1 < scalars.count { pieces.append(.text(String(scalars[i + 1]), escaped: true)) }
                i += 1
            case "_":
                pieces.append(.space)
                i += 1
            case "*":
                pieces.append(.fill)
                i += 1
            case "[":
                var content = ""
                i += 1
                while i < scalars.count && scalars[i] != "]" { content.unicodeScalars.append(scalars[i]); i += 1 }
                pieces.append(.bracket(content))
            default:
                pieces.append(.symbol(c))
            }
            i += 1
        }
        return pieces
    }

    /// `number` written as a run of digit placeholders asks (`#,##0.00`): its decimals, and
    /// commas between thousands where the run has one before its point.
    private static func digits(_ number: Double, _ run: [Unicode.Scalar]) -> String {
        let point = run.firstIndex(of: ".")
        let decimals = point.map { run[($0 + 1)...].filter { $0 != "," }.count } ?? 0
        var integer = Array(run[..<(point ?? run.count)])
        while integer.last == "," { integer.removeLast() }
        let grouped = integer.contains(",")
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        guard abs(number) * scale < 9e15 else { return "\(number)" }
        let units = Int64((abs(number) * scale).rounded())
        var whole = String(units / Int64(scale))
        if grouped {
            var parts: [String] = []
            while whole.count > 3 { parts.insert(String(whole.suffix(3)), at: 0); whole.removeLast(3) }
            whole = ([whole] + parts).joined(separator: ",")
        }
        var text = (number < 0 ? "-" : "") + whole
        if decimals > 0 {
            let fraction = String(units % Int64(scale))
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }
}
