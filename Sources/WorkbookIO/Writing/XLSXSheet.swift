internal import CXLSXWriter
import RebalanceEngine

/// What goes in one cell, and how it looks.
struct SheetCell {
    enum Content {
        case text(String)
        case number(Double)
        /// A formula with the value it computes, for viewers that do not recalculate.
        case formula(String, value: Double)
        case blank
    }

    var content: Content
    var style: CellStyle
    /// Characters the cell shows, for the column's width.
    var width: Int

    static func text(_ text: String, _ style: CellStyle = .plain) -> SheetCell {
        SheetCell(content: .text(text), style: style, width: SheetCell.characters(in: text))
    }

    /// Characters in `text`; for ASCII text, its bytes, without working out characters.
    static func characters(in text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }

    /// Text the tool composed (a reason, a message, a note): whole up to Excel's 32,767
    /// characters, the most a cell holds; a longer one (a message quoting long cells) cut to
    /// fit and saying so. The audit JSON, which has no such limit, keeps it whole. Any other
    /// text too long for a cell is refused by name, as a cell the writer cannot hold.
    static func message(_ text: String, _ style: CellStyle = .plain) -> SheetCell {
        .text(fitted(text), style)
    }

    static func fitted(_ text: String) -> String {
        let limit = SheetSpool.maxCellCharacters
        guard text.utf8.count > limit else { return text }
        let characters = text.unicodeScalars.count
        guard characters > limit else { return text }
        let note = "… [cut to fit the cell: \(characters) characters in all, whole in the audit JSON]"
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.prefix(limit - note.unicodeScalars.count))
        return String(kept) + note
    }

    /// Text, or an empty cell for `nil` or `""`.
    static func optionalText(_ text: String?) -> SheetCell {
        guard let text, !text.isEmpty else { return .blank }
        return .text(text)
    }

    /// A composed text (see `message`), or an empty cell for `nil` or `""`.
    static func optionalMessage(_ text: String?, _ style: CellStyle = .plain) -> SheetCell {
        guard let text, !text.isEmpty else { return .blank }
        return .message(text, style)
    }

    static func money(_ amount: Money, _ style: CellStyle = .money) -> SheetCell {
        SheetCell(content: .number(amount.doubleValue), style: style, width: amount.formatted.count + 1)
    }

    static func optionalMoney(_ amount: Money?) -> SheetCell {
        amount.map { .money($0) } ?? .blank
    }

    static func percent(_ fraction: Double) -> SheetCell {
        SheetCell(content: .number(fraction), style: .percent, width: 8)
    }

    static func optionalPercent(_ fraction: Double?) -> SheetCell {
        fraction.map { .percent($0) } ?? .blank
    }

    static func rate(_ rate: Rate) -> SheetCell { .percent(rate.doubleValue) }

    static func quantity(_ quantity: Quantity) -> SheetCell {
        let whole = quantity.isMultiple(of: .wholeShare)
        let text = quantity.description
        return SheetCell(content: .number(quantity.doubleValue), style: whole ? .wholeQuantity : .fractionalQuantity,
                         width: text.count + text.count / 3)
    }

    static func price(_ price: Price, _ style: CellStyle = .price) -> SheetCell {
        SheetCell(content: .number(price.doubleValue), style: style, width: price.description.count + 2)
    }

    /// A real date cell: the Excel serial (1900 system) with a `yyyy-mm-dd` format.
    static func date(_ date: CivilDate) -> SheetCell {
        SheetCell(content: .number(Double(date.excelSerial)), style: .date, width: 10)
    }

    static func optionalDate(_ date: CivilDate?) -> SheetCell {
        date.map { .date($0) } ?? .blank
    }

    static func integer(_ value: Int, _ style: CellStyle = .integer) -> SheetCell {
        SheetCell(content: .number(Double(value)), style: style, width: String(value).count)
    }

    static func formula(_ formula: String, value: Double, _ style: CellStyle, width: Int = 14) -> SheetCell {
        SheetCell(content: .formula(formula, value: value), style: style, width: width)
    }

    static let blank = SheetCell(content: .blank, style: .plain, width: 0)

    static func blank(_ style: CellStyle) -> SheetCell {
        SheetCell(content: .blank, style: style, width: 0)
    }
}

extension CivilDate {
    /// Days since 1899-12-30: Excel's serial in the 1900 date system (true from 1900-03-01 on).
    var excelSerial: Int { daysSinceEpoch + 25_569 }
}

/// One worksheet being written top to bottom, remembering how wide each column must be.
struct XLSXSheet {
    let name: String
    let handle: UnsafeMutablePointer<lxw_worksheet>
    /// The next row to write, 0-based.
    private(set) var nextRow = 0
    private var widths: [Int] = []
    /// Formats given to whole columns (0-based), for cells a person types in later.
    var columnStyles: [Int: CellStyle] = [:]
    /// Set up for printing (`setUpPrinting`): fitted to pages with the column widths.
    private var printsFitted = false

    /// Where the rows go instead of libxlsxwriter's cells, for a spooled sheet.
    let spool: SheetSpool?

    init(name: String, handle: UnsafeMutablePointer<lxw_worksheet>, spool: SheetSpool?) {
        self.name = name
        self.handle = handle
        self.spool = spool
    }

    /// The 1-based row number the next `addRow` writes, as a formula names it.
    var nextRowNumber: Int { nextRow + 1 }

    /// `Trades!D7` for a 0-based row and column.
    func reference(row: Int, column: Int) -> String {
        "\(name)!\(CellReference.name(column: column + 1, row: row + 1))"
    }

    /// Writes a row below the last one, cells from column A.
    mutating func addRow(_ cells: [SheetCell], styles: CellStyles) throws {
        let row = nextRow
        nextRow += 1
        guard let spool else {
            for (column, cell) in cells.enumerated() {
                try write(cell, row: row, column: column, styles: styles)
            }
            return
        }
        try spool.addRow(row, cells: cells.map { ($0.content, styles.xfIndex(of: $0.style)) },
                         height: XLSXSheet.wrappedHeight(of: cells), place: { reference(row: row, column: $0) })
        for (column, cell) in cells.enumerated() {
            noteWidth(cell.width, column: column)
        }
    }

    /// The widest a column is set (`setColumnWidths`), in characters: a wrapped text's column
    /// once any of its texts is longer.
    static let widestColumn = 60

    /// The height in points of a row whose wrapped texts take more than a line, each line a
    /// column's width of characters (text is narrower than the digits a width counts, so
    /// this errs tall); nil for a row of one line. Excel would fit such a row when it opens
    /// the workbook, LibreOffice keeps a row's stored height: set here, both show every line.
    static func wrappedHeight(of cells: [SheetCell]) -> Int? {
        var lines = 1
        for cell in cells where cell.style == .wrapped || cell.style == .wrappedWarning {
            guard case .text(let text) = cell.content, cell.width > widestColumn else { continue }
            var cellLines = 0
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                cellLines += max(1, (SheetCell.characters(in: String(paragraph)) + widestColumn - 1) / widestColumn)
            }
            lines = max(lines, cellLines)
        }
        // Calibri 11's line is 15 points; Excel's tallest row 409.
        return lines > 1 ? min(15 * lines, 409) : nil
    }

    /// Leaves a row empty.
    mutating func skipRow() {
        nextRow += 1
    }

    private mutating func write(_ cell: SheetCell, row: Int, column: Int, styles: CellStyles) throws {
        let format = styles[cell.style]
        let r = lxw_row_t(row)
        let c = lxw_col_t(column)
        let error: lxw_error
        switch cell.content {
        case .text(let text):
            error = worksheet_write_string(handle, r, c, text, format)
        case .number(let value):
            error = worksheet_write_number(handle, r, c, value, format)
        case .formula(let formula, let value):
            error = worksheet_write_formula_num(handle, r, c, formula, format, value)
        case .blank:
            guard format != nil else { return noteWidth(0, column: column) }
            error = worksheet_write_blank(handle, r, c, format)
        }
        try check(error, "writing \(reference(row: row, column: column))")
        noteWidth(cell.width, column: column)
    }

    private mutating func noteWidth(_ width: Int, column: Int) {
        while widths.count <= column { widths.append(0) }
        widths[column] = max(widths[column], width)
    }

    /// Writes the bold header row 1 and freezes it, with the first column when
    /// `freezingFirstColumn` (the Account of a wide table stays in sight).
    mutating func addTableHeader(_ titles: [String], styles: CellStyles, freezingFirstColumn: Bool = false) throws {
        precondition(nextRow == 0, "a table header is the sheet's first row")
        // The filter's drop-down arrow takes about two characters.
        try addRow(titles.map { SheetCell(content: .text($0), style: .header, width: $0.count + 3) }, styles: styles)
        worksheet_freeze_panes(handle, 1, freezingFirstColumn ? 1 : 0)
    }

    /// Prints in landscape for tables, with their header row on every page, the sheet's name
    /// and the workbook's file name above each page, and the as-of date and the page number
    /// below it. How many pages wide is set with the column widths (`setColumnWidths`).
    mutating func setUpPrinting(landscape: Bool, repeatingHeader: Bool, asOf: CivilDate) throws {
        if landscape { worksheet_set_landscape(handle) }
        printsFitted = true
        if repeatingHeader {
            try check(worksheet_repeat_rows(handle, 0, 0), "setting \(name)'s printed header row")
        }
        // Fields and digits only: nothing a person typed, so no `&` to escape and well within
        // the 255 characters a header holds.
        try check(worksheet_set_header(handle, "&L&A&R&F"), "setting \(name)'s printed header")
        try check(worksheet_set_footer(handle, "&LAs of \(asOf)&RPage &P of &N"), "setting \(name)'s printed footer")
    }

    /// An autofilter over rows `0...lastRow` (0-based) of the first `columns` columns.
    func addAutofilter(lastRow: Int, columns: Int) throws {
        try check(worksheet_autofilter(handle, 0, 0, lxw_row_t(lastRow), lxw_col_t(columns - 1)),
                  "setting the autofilter on \(name)")
    }

    /// Sets each column's width from its longest content, between `minimum` and `maximum`
    /// characters, and the format of each column in `columnStyles`. A sheet set up for
    /// printing prints `pagesWide` pages wide, by default as many as keep its type readable
    /// (`pagesWide(characters:)`), with its first column on each.
    func setColumnWidths(
        minimum: Int = 8, maximum: Int = XLSXSheet.widestColumn, styles: CellStyles? = nil, pagesWide: Int? = nil
    ) throws {
        let count = max(widths.count, (columnStyles.keys.max() ?? -1) + 1)
        var total = 0
        for column in 0..<count {
            let width = column < widths.count ? widths[column] : 0
            let chars = min(max(width + 2, minimum), maximum)
            total += chars
            let format = columnStyles[column].flatMap { styles?[$0] }
            try check(worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), Double(chars), format),
                      "setting the width of \(name) column \(CellReference.columnName(column + 1))")
        }
        guard printsFitted else { return }
        let pages = pagesWide ?? XLSXSheet.pagesWide(characters: total)
        worksheet_fit_to_pages(handle, UInt16(pages), 0)
        if pages > 1 {
            try check(worksheet_repeat_columns(handle, 0, 0), "setting \(name)'s printed first column")
        }
    }

    /// Landscape pages a table of `characters` columns' width prints on: one page holds some
    /// 125 characters of Calibri 11 at full size, so up to 200 a page keeps the type at about
    /// 60% or more, and a trade's row with its Reason on one page (fitted to one page, the 20
    /// columns of Tax Impact printed at about 28%).
    static func pagesWide(characters: Int) -> Int {
        max(1, (characters + 199) / 200)
    }

    /// Places a chart with its top-left corner at a 0-based cell.
    func insertChart(_ chart: UnsafeMutablePointer<lxw_chart>, row: Int, column: Int) throws {
        try check(worksheet_insert_chart(handle, lxw_row_t(row), lxw_col_t(column), chart),
                  "placing a chart on \(reference(row: row, column: column))")
    }
}
