internal import CXLSXWriter
import Dispatch
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
        // The table sheets are set up here; their rows are written and deflated on as many
        // threads as the machine has (they touch only the plan, the styles' indices, fixed
        // first, and their own spool); charts and column widths are added back here.
        var tables = [
            try writer.tradesTable(), try writer.lotsSoldTable(), try writer.taxImpactTable(),
            try writer.cashTable(), try writer.driftTable(), try writer.priceProvenanceTable(),
            try writer.washSalesTable(), try writer.auditLogTable(), try writer.exceptionsTable(),
        ]
        styles.fixIndices()
        try Table.writeRows(of: &tables, styles: styles, plan: plan)
        for table in tables { try table.finish(table.sheet) }
        try document.close()
    }
}

/// A table sheet: set up on the document's thread, its rows written on any thread, then
/// finished (charts, column widths) on the document's thread again.
struct Table {
    /// Writes every row below the header, from the plan, with the styles' fixed indices.
    typealias Rows = @Sendable (inout XLSXSheet, Plan, CellStyles) throws -> Void

    var sheet: XLSXSheet
    let rows: Rows
    /// Rows to write, to start the longest tables first.
    let rowCount: Int
    var finish: (XLSXSheet) throws -> Void = { try $0.setColumnWidths() }

    /// Writes and deflates every table's rows, several tables at once; the first error, in
    /// table order, is thrown once all are done.
    static func writeRows(of tables: inout [Table], styles: CellStyles, plan: Plan) throws {
        let work = TableWork(tables.map { ($0.sheet, $0.rows) })
        let longestFirst = tables.indices.sorted { (-tables[$0].rowCount, $0) < (-tables[$1].rowCount, $1) }
        DispatchQueue.concurrentPerform(iterations: longestFirst.count) { turn in
            work.run(longestFirst[turn], styles: styles, plan: plan)
        }
        for index in tables.indices {
            let (sheet, error) = work.result(index)
            if let error { throw error }
            tables[index].sheet = sheet
        }
    }
}

/// The tables' sheets while their rows are written: each slot is used by one thread at a
/// time, and read back only after every thread is done.
private final class TableWork: @unchecked Sendable {
    private var sheets: [XLSXSheet]
    private let rows: [Table.Rows]
    private var errors: [(any Error)?]

    init(_ tables: [(XLSXSheet, Table.Rows)]) {
        sheets = tables.map(\.0)
        rows = tables.map(\.1)
        errors = Array(repeating: nil, count: tables.count)
    }

    func run(_ index: Int, styles: CellStyles, plan: Plan) {
        var sheet = sheets[index]
        do {
            try rows[index](&sheet, plan, styles)
            try sheet.spool?.compress()
        } catch {
            errors[index] = error
        }
        sheets[index] = sheet
    }

    func result(_ index: Int) -> (XLSXSheet, (any Error)?) { (sheets[index], errors[index]) }
}

/// The state shared by the sheet facets while one workbook is written.
struct SheetWriter {
    let document: XLSXDocument
    let styles: CellStyles
    let plan: Plan
    let run: RunInfo

    /// Adds the next sheet with its header row and an autofilter over it and `rows` data
    /// rows, whose writing `body` does later (see `Table`).
    ///
    /// Streamed rows cannot be revisited, so the filter's extent is fixed before any data.
    func table(_ name: String, columns: [String], rows: Int, _ body: @escaping Table.Rows) throws -> Table {
        var sheet = try document.addSheet(named: name, spooled: true)
        try sheet.addTableHeader(columns, styles: styles, freezingFirstColumn: true)
        try sheet.addAutofilter(lastRow: rows, columns: columns.count)
        try sheet.setUpPrinting(landscape: true, repeatingHeader: true, asOf: plan.settings.asOf)
        return Table(sheet: sheet, rows: body, rowCount: rows)
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

    /// A `Total` row of `=SUM` cells: `sums[i]` is the total of data column `columns[i]`
    /// over a table of `count` data rows.
    static func sumRow(width: Int, columns: [Int], sums: [Money], count: Int) -> [SheetCell] {
        let rows = dataRows(count: count)
        var cells: [Int: SheetCell] = [:]
        for (column, total) in zip(columns, sums) { cells[column] = sum(column: column, rows: rows, value: total) }
        return row(label: "Total", width: width, cells: cells)
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
