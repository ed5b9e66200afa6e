internal import CXLSXWriter
import RebalanceEngine

/// Writes a `Plan` as the workbook handed to the CIO for sign-off (WORKBOOK.md, Output workbook).
///
/// Sheets in the contract's order and names; numbers as numbers, dates as date cells,
/// totals as formulas carrying their computed values. The same plan and run info give the
/// same bytes: the document's created date is the as-of date, and nothing reads a clock.
public enum PlanWorkbookWriter {
    /// The sheets, in the order the workbook has them.
    public static let sheetNames = [
        "Summary", "Trades", "Lots Sold", "Tax Impact", "Cash", "Drift",
        "Price Provenance", "Wash Sale", "Audit Log", "Exceptions",
    ]

    /// Writes the workbook to `path`, replacing any file there.
    ///
    /// Callers that must not leave a half-written file use `PlanOutput.write`, which writes
    /// to a temporary name and renames.
    public static func write(_ plan: Plan, run: RunInfo, to path: String) throws {
        let document = try XLSXDocument(path: path)
        let asOf = plan.settings.asOf
        try document.setProperties(
            title: "Rebalance \(asOf)",
            subject: "Rebalance plan for \(run.inputFileName) as of \(asOf)",
            comments: "Input SHA-256: \(run.inputSHA256)",
            created: asOf)
        let styles = try CellStyles(in: document)
        var writer = SheetWriter(document: document, styles: styles, plan: plan, run: run)
        try writer.writeSummary()
        try writer.writeTrades()
        try writer.writeLotsSold()
        try writer.writeTaxImpact()
        try writer.writeCash()
        try writer.writeDrift()
        try writer.writePriceProvenance()
        try writer.writeWashSales()
        try writer.writeAuditLog()
        try writer.writeExceptions()
        try document.close()
    }
}

/// The state shared by the sheet facets while one workbook is written.
struct SheetWriter {
    let document: XLSXDocument
    let styles: CellStyles
    let plan: Plan
    let run: RunInfo

    /// Adds the next sheet with its header row and an autofilter over it and `rows` data rows.
    ///
    /// Streamed rows cannot be revisited, so the filter's extent is fixed before any data.
    func startTable(_ name: String, columns: [String], rows: Int) throws -> XLSXSheet {
        var sheet = try document.addSheet(named: name, spooled: true)
        try sheet.addTableHeader(columns, styles: styles)
        try sheet.addAutofilter(lastRow: rows, columns: columns.count)
        try sheet.setUpPrinting(landscape: true, repeatingHeader: true)
        return sheet
    }

    /// Sizes the columns from what was written; the rows are done.
    func finishTable(_ sheet: XLSXSheet) throws {
        try sheet.setColumnWidths()
        try document.rowsFinished(sheet)
    }
}

/// Totals written as formulas with their exact sums as cached values.
enum Totals {
    /// `=SUM(F2:F9)` over the data rows of a 0-based column, or a plain zero when there are none.
    static func sum(column: Int, rows: ClosedRange<Int>?, value: Money) -> SheetCell {
        guard let rows else { return .money(.zero, .moneyTotal) }
        let letters = CellReference.columnName(column + 1)
        return .formula("=SUM(\(letters)\(rows.lowerBound):\(letters)\(rows.upperBound))",
                        value: value.doubleValue, .moneyTotal, width: value.formatted.count + 1)
    }

    /// `=SUMIF(C2:C9,"Sell",F2:F9)`: the total of rows whose criteria column holds `criterion`.
    static func sumIf(criteriaColumn: Int, _ criterion: String, column: Int, rows: ClosedRange<Int>?,
                      value: Money) -> SheetCell {
        guard let rows else { return .money(.zero, .moneyTotal) }
        let criteria = CellReference.columnName(criteriaColumn + 1)
        let letters = CellReference.columnName(column + 1)
        return .formula(
            "=SUMIF(\(criteria)\(rows.lowerBound):\(criteria)\(rows.upperBound),\"\(criterion)\","
                + "\(letters)\(rows.lowerBound):\(letters)\(rows.upperBound))",
            value: value.doubleValue, .moneyTotal, width: value.formatted.count + 1)
    }

    /// A totals row: the label in column A, the given cells at their columns, blanks between.
    static func row(label: String, width: Int, cells: [Int: SheetCell]) -> [SheetCell] {
        (0..<width).map { column in
            if column == 0 { return .text(label, .totalLabel) }
            return cells[column] ?? .blank
        }
    }

    /// The 1-based rows holding data, from row 2, or `nil` for an empty table.
    static func dataRows(count: Int) -> ClosedRange<Int>? {
        count > 0 ? 2...(count + 1) : nil
    }
}

extension TaxBudget {
    /// A cell: `Unlimited` as text, a limit as money.
    var cell: SheetCell {
        switch self {
        case .unlimited: return .text("Unlimited")
        case .limit(let limit): return .money(limit)
        }
    }
}

extension Bool {
    /// `Yes` or `No`, as the Settings sheet spells them.
    var yesNo: String { self ? "Yes" : "No" }
}
