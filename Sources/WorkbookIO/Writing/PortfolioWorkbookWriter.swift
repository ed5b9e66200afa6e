import RebalanceEngine

/// Writes a `Portfolio` as the input workbook a PM keeps (WORKBOOK.md, Input sheets).
///
/// One sheet per contract sheet, under its canonical name and with its canonical columns,
/// so that `PortfolioReader` reads the same portfolio back. Numbers are number cells, dates
/// date cells, weights and rates percent cells (`0.00%`), an unlimited Tax Budget the text
/// `Unlimited`, flags `Yes`/`No`. The created date is the as-of date and nothing reads a
/// clock, so the same portfolio always gives the same bytes. Rows are streamed.
public enum PortfolioWorkbookWriter {
    /// The sheets, in the order the workbook has them.
    public static let sheetNames = [
        "Settings", "Accounts", "Lots", "Model", "Prices", "Securities", "Groups", "Sectors",
        "Transactions", "Manual Trades",
    ]

    /// Writes the workbook to `path` under a temporary name beside it, then renames it into
    /// place: an existing file there is replaced whole or not at all.
    public static func write(_ portfolio: Portfolio, to path: String) throws {
        var file = try TemporaryFile(finalPath: path)
        do {
            try writeInPlace(portfolio, to: file.path)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Writes the workbook straight to `path`.
    static func writeInPlace(_ portfolio: Portfolio, to path: String) throws {
        let document = try XLSXDocument(path: path)
        let asOf = portfolio.settings.asOf
        try document.setProperties(
            title: "Portfolio \(asOf)",
            subject: "Accounts, lots, models and prices as of \(asOf)",
            comments: "\(portfolio.accounts.count) accounts, \(portfolio.lots.count) lots",
            created: asOf)
        let writer = InputSheetWriter(document: document, styles: try CellStyles(in: document), portfolio: portfolio)
        try writer.writeSettings()
        try writer.writeAccounts()
        try writer.writeLots()
        try writer.writeModels()
        try writer.writePrices()
        try writer.writeSecurities()
        try writer.writeGroups()
        try writer.writeSectors()
        try writer.writeTransactions()
        try writer.writeManualTrades()
        try document.close()
    }
}

/// The state shared by the input sheet facets while one workbook is written.
struct InputSheetWriter {
    let document: XLSXDocument
    let styles: CellStyles
    let portfolio: Portfolio

    /// Adds the next sheet: a bold, frozen header row with a filter, then a row of cells per
    /// element of `rows` (`count` of them), then column widths to fit.
    func writeTable<Rows: Sequence>(_ name: String, columns: [String], rows: Rows, count: Int,
                                    cells: (Rows.Element) -> [SheetCell]) throws {
        var sheet = try document.addSheet(named: name)
        try sheet.addTableHeader(columns, styles: styles)
        try sheet.addAutofilter(lastRow: count, columns: columns.count)
        for element in rows {
            try sheet.addRow(cells(element), styles: styles)
        }
        try sheet.setColumnWidths()
    }
}
