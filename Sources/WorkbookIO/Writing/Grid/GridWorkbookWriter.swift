import RebalanceEngine

/// Writes sheets laid out by hand as a workbook, the same bytes for the same sheets.
public enum GridWorkbookWriter {
    /// The document properties: the created date fixes the bytes.
    public struct Properties: Sendable, Hashable {
        public var title: String
        public var subject: String
        public var comments: String
        public var created: CivilDate

        public init(title: String, subject: String, comments: String = "", created: CivilDate) {
            self.title = title
            self.subject = subject
            self.comments = comments
            self.created = created
        }
    }

    /// Writes the workbook under a temporary name beside `path`, then renames it into
    /// place: an existing file there is replaced whole or not at all.
    public static func write(_ sheets: [GridSheet], properties: Properties, to path: String) throws {
        var file = try TemporaryFile(finalPath: path)
        do {
            try writeInPlace(sheets, properties: properties, to: file.path)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    static func writeInPlace(_ sheets: [GridSheet], properties: Properties, to path: String) throws {
        let document = try XLSXDocument(path: path)
        try document.setProperties(title: properties.title, subject: properties.subject,
                                   comments: properties.comments, created: properties.created)
        let styles = try CellStyles(in: document)
        for grid in sheets {
            try write(grid, in: document, styles: styles)
        }
        try document.close()
    }

    private static func write(_ grid: GridSheet, in document: XLSXDocument, styles: CellStyles) throws {
        var sheet = try document.addSheet(named: grid.name)
        for (column, look) in grid.columnLooks { sheet.columnStyles[column] = look.style(for: .empty) }
        if let header = grid.headerRow {
            let columns = grid.rows.indices.contains(header - 1) ? grid.rows[header - 1].count : 0
            sheet.freezeRows(above: header)
            if columns > 0 {
                try sheet.addAutofilter(headerRow: header - 1, lastRow: grid.rows.count - 1, columns: columns)
            }
        }
        for list in grid.lists {
            let rows = list.rows ?? ((grid.headerRow ?? 0) + 1)...grid.listsThroughRow
            try sheet.addListValidation(column: list.column, firstRow: rows.lowerBound - 1, lastRow: rows.upperBound - 1,
                                        values: list.values, title: list.title, prompt: list.prompt)
        }
        for prompt in grid.prompts {
            try sheet.addPrompt(row: prompt.row - 1, column: prompt.column, title: prompt.title, prompt: prompt.prompt)
        }
        for row in grid.rows {
            try sheet.addRow(row.map(sheetCell), styles: styles)
        }
        try sheet.setColumnWidths(maximum: 70, styles: styles)
    }

    private static func sheetCell(_ cell: GridCell) -> SheetCell {
        let style = cell.look.style(for: cell.content)
        switch cell.content {
        case .text(let text):
            let width = cell.look == .requiredHeader || cell.look == .header ? text.count + 3 : text.count
            // A long note or title spills over empty cells to its right; it does not widen its column.
            let spills = cell.look == .note || cell.look == .title || cell.look == .section
            return SheetCell(content: .text(text), style: style, width: spills ? 0 : width)
        case .number(let value):
            return SheetCell(content: .number(value), style: style, width: numberWidth(value, cell.look))
        case .date(let date):
            return .date(date)
        case .empty:
            return cell.look == .plain ? .blank : .blank(style)
        }
    }

    private static func numberWidth(_ value: Double, _ look: GridCell.Look) -> Int {
        let digits = String(Int(value.magnitude)).count
        switch look {
        case .money: return digits + digits / 3 + 4
        case .percent: return 8
        case .price: return digits + 7
        default: return digits + digits / 3 + 2
        }
    }
}
