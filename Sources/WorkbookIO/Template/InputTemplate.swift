import RebalanceEngine

/// The input template `rebalancer template` writes: an Instructions sheet, then every
/// contract sheet with its headers (required ones bold), drop-down lists for the values
/// that come from a list, percent, money and date formats, and example rows that form a
/// small valid book.
///
/// The note above each header row is skipped by the reader, which finds the header as
/// the first row holding two known column names.
public enum InputTemplate {
    /// The examples' as-of date, also the document's created date, so the bytes never vary.
    public static let asOf = CivilDate(year: 2026, month: 11, day: 20)!

    /// The file name `rebalancer template` uses when not given one.
    public static let defaultFileName = "Rebalance Template.xlsx"

    /// Writes the template to `path` (under a temporary name, then renamed into place).
    public static func write(to path: String) throws {
        try GridWorkbookWriter.write(sheets(), properties: .init(
            title: "Rebalance workbook template",
            subject: "The input sheets of the workbook contract, with examples",
            comments: "Written by rebalancer template",
            created: asOf), to: path)
    }

    /// The Instructions sheet, then one sheet per contract sheet in contract order.
    public static func sheets() -> [GridSheet] {
        [instructionsSheet()] + ContractSheet.allCases.map(contractSheet)
    }

    /// One contract sheet: a note, the header row (row 2), the examples.
    static func contractSheet(_ sheet: ContractSheet) -> GridSheet {
        let columns = templateColumns(sheet)
        let required = columns.map { isRequired($0, on: sheet) }
        let header = zip(columns, required).map { name, required in
            GridCell.text(name, required ? .requiredHeader : .header)
        }
        let note = GridCell.text("\(purpose(of: sheet)) Bold headers are required. "
            + "The rows below the header are examples: replace them with your own.", .note)
        var looks: [Int: GridCell.Look] = [:]
        var lists: [GridSheet.List] = []
        var prompts: [GridSheet.Prompt] = []
        for (index, column) in columns.enumerated() {
            if let look = look(of: column, on: sheet) { looks[index] = look }
            if let choices = choices(for: column, on: sheet) {
                lists.append(.init(column: index, values: choices, title: column,
                                   prompt: String("\(about(column, on: sheet)) Choose from the list.".prefix(255))))
            }
            let status = required[index] ? "Required." : "Optional."
            prompts.append(.init(row: 2, column: index, title: String(column.prefix(32)),
                                 prompt: String("\(status) \(about(column, on: sheet))".prefix(255))))
        }
        if sheet == .settings { lists = settingsLists() }
        let examples = exampleRows(sheet)
        return GridSheet(name: sheet.rawValue, rows: [[note], header] + examples, headerRow: 2,
                         columnLooks: looks, lists: lists, prompts: prompts)
    }

    /// The columns the template shows: the contract's, with Settings' explanation column.
    static func templateColumns(_ sheet: ContractSheet) -> [String] {
        sheet.enteredColumns + (sheet == .settings ? ["About"] : [])
    }

    /// Whether a column is one of the sheet's required ones (either of a pair such as
    /// Cost Basis or Unit Cost counts).
    static func isRequired(_ column: String, on sheet: ContractSheet) -> Bool {
        sheet.requiredColumns.contains { $0.contains(column) }
    }
}
