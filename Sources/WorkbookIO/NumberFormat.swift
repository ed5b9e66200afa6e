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
}
