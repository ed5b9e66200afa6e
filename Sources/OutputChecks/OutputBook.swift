import RebalanceEngine
import WorkbookIO

/// An output workbook read back with the project's own reader: each table sheet as rows
/// keyed by header, totals rows left out.
public struct OutputBook {
    public var sheetNames: [String] = []
    public var headers: [String: [String]] = [:]
    public var tables: [String: [[String: CellValue]]] = [:]

    public init(path: String) throws {
        let workbook = try Workbook(path: path)
        sheetNames = workbook.sheets.map(\.name)
        for sheet in workbook.sheets where sheet.name != "Summary" {
            var header: [Int: String] = [:]
            var rows: [[String: CellValue]] = []
            _ = try workbook.forEachRow(in: sheet) { row in
                if row.number == 1 {
                    for cell in row.cells { if case .string(let name) = cell.value { header[cell.column] = name } }
                    return
                }
                if case .string(let first)? = row[1], first.hasPrefix("Total") { return }
                var values: [String: CellValue] = [:]
                for cell in row.cells { if let name = header[cell.column] { values[name] = cell.value } }
                rows.append(values)
            }
            headers[sheet.name] = header.keys.sorted().map { header[$0]! }
            tables[sheet.name] = rows
        }
    }

    public func rows(_ sheet: String) -> [[String: CellValue]] { tables[sheet] ?? [] }
}

extension Dictionary where Key == String, Value == CellValue {
    public func text(_ column: String) -> String {
        switch self[column] {
        case .string(let text)?: return text
        case .number(let value, _)?: return String(value)
        default: return ""
        }
    }

    public func number(_ column: String) -> Double {
        if case .number(let value, _)? = self[column] { return value }
        return 0
    }

    /// A money cell as exact cents.
    public func money(_ column: String) -> Money {
        Money(roundingDollars: number(column)) ?? .zero
    }

    public func quantity(_ column: String) -> Quantity {
        Quantity(rounding: number(column)) ?? .zero
    }

    public func isNumber(_ column: String) -> Bool {
        if case .number? = self[column] { return true }
        return false
    }
}
