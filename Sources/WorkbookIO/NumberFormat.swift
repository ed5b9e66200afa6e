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
        let scalars = Array(code.lowercased().unicodeScalars)
        var tokens: [(letter: Unicode.Scalar, count: Int)] = []
        var i = 0
        scan: while i < scalars.count {
            let c = scalars[i]
            switch c {
            case ";": break scan
            case "\"":
                i += 1
                while i < scalars.count && scalars[i] != "\"" { i += 1 }
            case "\\", "_", "*": i += 1
            case "[":
                while i < scalars.count && scalars[i] != "]" { i += 1 }
            case "d", "m", "y", "h", "s":
                var count = 1
                while i + count < scalars.count && scalars[i + count] == c { count += 1 }
                tokens.append((c, count))
                i += count - 1
            default: break
            }
            i += 1
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
        let scalars = Array(code.unicodeScalars)
        var sawDate = false
        var sawPercent = false
        var sawElapsed = false
        var sawDollar = false
        var i = 0
        scan: while i < scalars.count {
            let c = scalars[i]
            switch c {
            case ";":
                break scan
            case "\"":
                i += 1
                while i < scalars.count && scalars[i] != "\"" {
                    if scalars[i] == "$" { sawDollar = true }
                    i += 1
                }
            case "\\", "_", "*":
                if c == "\\", i + 1 < scalars.count, scalars[i + 1] == "$" { sawDollar = true }
                i += 1
            case "$":
                sawDollar = true
            case "[":
                var content: [Unicode.Scalar] = []
                i += 1
                while i < scalars.count && scalars[i] != "]" { content.append(scalars[i]); i += 1 }
                // A currency's locale tag: `[$$-409]`, `[$USD]` (not a bare `[$-409]` locale).
                if content.first == "$", content.count > 1, content[1] != "-" { sawDollar = true }
                let lower = content.map { $0.properties.lowercaseMapping }
                if let first = lower.first, ["h", "m", "s"].contains(first), lower.allSatisfy({ $0 == first }) {
                    sawElapsed = true
                }
            case "%":
                sawPercent = true
            case "G", "g":
                let word = String(String.UnicodeScalarView(scalars[i..<min(i + 7, scalars.count)]))
                if word.lowercased() == "general" { i += 6 }
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S":
                sawDate = true
            default:
                break
            }
            i += 1
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
        let scalars = Array(code.unicodeScalars)
        let placeholders: Set<Unicode.Scalar> = ["0", "#", "?"]
        var literals: [String] = []
        var escaped = ""
        var sawPlaceholder = false
        var scales = false
        var i = 0
        scan: while i < scalars.count {
            let c = scalars[i]
            if c != "\\", !escaped.isEmpty { literals.append(escaped); escaped = "" }
            switch c {
            case ";": break scan
            case "\"":
                var text = ""
                i += 1
                while i < scalars.count && scalars[i] != "\"" { text.unicodeScalars.append(scalars[i]); i += 1 }
                literals.append(text)
            case "\\":
                if i + 1 < scalars.count { escaped.unicodeScalars.append(scalars[i + 1]) }
                i += 1
            case "_", "*": i += 1
            case "[":
                while i < scalars.count && scalars[i] != "]" { i += 1 }
            case ",":
                // A comma after the digits, not followed by another digit, divides by 1,000.
                var next = i + 1
                while next < scalars.count && scalars[next] == "," { next += 1 }
                if sawPlaceholder, next >= scalars.count || !(placeholders.contains(scalars[next]) || scalars[next] == ".") {
                    scales = true
                }
            default:
                if placeholders.contains(c) { sawPlaceholder = true }
            }
            i += 1
        }
        if !escaped.isEmpty { literals.append(escaped) }
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
        let scalars = Array(code.unicodeScalars)
        let numberScalars: Set<Unicode.Scalar> = ["0", "#", "?", ",", "."]
        var out = ""
        var wroteNumber = false
        var i = 0
        scan: while i < scalars.count {
            let c = scalars[i]
            switch c {
            case ";": break scan
            case "\"":
                i += 1
                while i < scalars.count && scalars[i] != "\"" { out.unicodeScalars.append(scalars[i]); i += 1 }
            case "\\":
                if i + 1 < scalars.count { out.unicodeScalars.append(scalars[i + 1]) }
                i += 1
            case "_": out += " "; i += 1
            case "*": i += 1
            case "[":
                var content = ""
                i += 1
                while i < scalars.count && scalars[i] != "]" { content.unicodeScalars.append(scalars[i]); i += 1 }
                // A currency's tag shows its symbol (`[$$-409]`, `[$USD]`).
                if content.hasPrefix("$") { out += content.dropFirst().split(separator: "-").first.map(String.init) ?? "" }
            case "0", "#", "?", ".":
                var run: [Unicode.Scalar] = []
                while i < scalars.count && numberScalars.contains(scalars[i]) { run.append(scalars[i]); i += 1 }
                i -= 1
                if !wroteNumber { out += digits(number, run); wroteNumber = true }
            default:
                out.unicodeScalars.append(c)
            }
            i += 1
        }
        return wroteNumber ? out : digits(number, ["0"])
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
