/// The canonical text dump of cells: `sheet<TAB>cell<TAB>type<TAB>value`, one line per
/// non-empty cell, the format of the conformance suite's expected files.
public enum CellDump {
    /// The line for one cell, or nil for a cell that prints nothing (a formula with no value).
    public static func line(sheet: String, row: Int, cell: Cell) -> String? {
        let (type, text): (String, String)
        switch cell.value {
        case .number(let n, .duration): (type, text) = ("n", durationToTheMillisecond(n).description)
        case .number(let n, _): (type, text) = ("n", n.description)
        case .string(let s): (type, text) = ("s", escape(s))
        case .bool(let b): (type, text) = ("b", b ? "TRUE" : "FALSE")
        case .error(let e): (type, text) = ("e", escape(e))
        case .date(let d): (type, text) = ("d", d.iso)
        case .formulaWithoutValue, .uncalculatedFormula: return nil
        }
        return "\(escape(sheet))\t\(CellReference.name(column: cell.column, row: row))\t\(type)\t\(text)"
    }

    /// A duration in days, rounded to the millisecond as Excel shows elapsed time:
    /// to the microsecond first, then the microseconds to thousands, halves to even.
    static func durationToTheMillisecond(_ days: Double) -> Double {
        let micro = (days * 86_400_000_000).rounded(.toNearestOrEven)
        let seconds = (micro / 1_000_000).rounded(.down)
        let fraction = ((micro - seconds * 1_000_000) / 1000).rounded(.toNearestOrEven) * 1000
        return ((seconds * 1_000_000 + fraction) / 1_000_000) / 86_400
    }

    /// Backslash, tab, newline and carriage return escaped as `\\`, `\t`, `\n`, `\r`.
    public static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
