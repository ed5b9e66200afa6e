import Glibc

/// Streams a worksheet part row by row: each `</row>` hands one `Row` to the consumer,
/// so at most one row is held, whatever the sheet's size.
final class WorksheetHandler: XMLEventHandler {
    private enum CellType { case number, sharedString, formulaString, inlineString, boolean, error, date }

    private let sheetName: String
    private let sharedStrings: [String]?
    private let styles: [NumberFormatKind]
    /// Each style's day-first date format, if it has one (see `Workbook`).
    private let dayFirstCodes: [String?]
    /// Each style's format writing a scale word it does not scale by, if it has one (see `Workbook`).
    private let scaleWordCodes: [String?]
    private let uses1904: Bool
    /// A formula's saved result of 0 is taken for a writer's placeholder, not a value.
    private let zeroFormulaResultIsUnknown: Bool
    private let limits: ReadLimits
    private let consumer: (Row) throws -> Void

    private var inSheetData = false
    private var rowNumber = 0
    private var rowOpen = false
    private var rowHidden = false
    /// The style the row gives its cells written without one (`<row s="8" customFormat="1">`).
    private var rowStyle: Int?
    /// The runs of columns a `<col style=…>` gives a style, sorted by their first column
    /// when the rows begin; at most `ReadLimits.maxColumns`, as many as a sheet has columns.
    private var columnStyles: [(columns: ClosedRange<Int>, style: Int)] = []
    private var cells: [Cell] = []
    private var column = 0
    private var textCharacters: Int64 = 0

    // The cell being read.
    private var cellType = CellType.number
    private var cellStyle = 0
    /// Whether the cell's style is its row's or column's, not one it names itself.
    private var cellStyleInherited = false
    private var hasFormula = false
    private var hasValue = false
    private var inValue = false
    private var inInline = false
    private var inInlineText = false
    /// Inside a cell's `<f>`, and the formula's first bytes (`volatileDateFormula`).
    private var inFormula = false
    private var formulaBytes: [UInt8] = []
    private var phoneticDepth = 0
    private var valueBytes: [UInt8] = []
    private var inlineBytes: [UInt8] = []

    /// Cells that hold a formula with no saved result (for `inspect` to report), and the
    /// merged ranges listed after the rows.
    private(set) var summary = SheetRowsSummary()

    init(sheetName: String, sharedStrings: [String]?, styles: [NumberFormatKind], dayFirstCodes: [String?] = [],
         scaleWordCodes: [String?] = [],
         uses1904: Bool, zeroFormulaResultIsUnknown: Bool, limits: ReadLimits, consumer: @escaping (Row) throws -> Void) {
        self.sheetName = sheetName
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.dayFirstCodes = dayFirstCodes
        self.scaleWordCodes = scaleWordCodes
        self.uses1904 = uses1904
        self.zeroFormulaResultIsUnknown = zeroFormulaResultIsUnknown
        self.limits = limits
        self.consumer = consumer
        valueBytes.reserveCapacity(64)
    }

    private func place(_ column: Int) -> String {
        "\(sheetName)!\(CellReference.name(column: column, row: rowNumber))"
    }

    private func invalid(_ column: Int, _ message: String) -> WorkbookError {
        WorkbookError(.invalidCell, at: place(column), message)
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        if !inSheetData {
            if name.is("sheetData") {
                inSheetData = true
                columnStyles.sort { $0.columns.lowerBound < $1.columns.lowerBound }
            } else if name.is("mergeCell") {
                mergeCell(attributes)
            } else if name.is("col") {
                column(attributes)
            }
            return
        }
        if name.is("c") {
            try startCell(attributes)
        } else if name.is("v") {
            inValue = true
            hasValue = true
            valueBytes.removeAll(keepingCapacity: true)
        } else if name.is("f") {
            hasFormula = true
            inFormula = true
        } else if name.is("is") {
            inInline = true
            hasValue = true
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("t") {
            if inInline && phoneticDepth == 0 { inInlineText = true }
        } else if name.is("row") {
            try startRow(attributes)
        }
    }

    /// Keeps a merged range that covers several rows; a `ref` that names no range is passed
    /// over, as Excel shows such a sheet's cells unmerged.
    private func mergeCell(_ attributes: XMLAttributes) {
        guard let ref = attributes.bytes("ref"), let range = MergedRange.parse(ref), range.spansRows else { return }
        guard summary.mergedDown.count < limits.maxMergedDown else {
            summary.tooManyMerged = true
            return
        }
        summary.mergedDown.append(range)
    }

    /// Keeps a run of columns the sheet hides (`<col min="4" max="4" hidden="1"/>`), and one
    /// it gives a style (`<col min="5" max="5" style="6"/>`): the format LibreOffice and
    /// Gnumeric show a cell of the column in when the cell names no style of its own, as
    /// Gnumeric writes every cell of a column formatted whole. A run whose bounds cannot be
    /// read, or lie past Excel's last column, is passed over.
    private func column(_ attributes: XMLAttributes) {
        guard let low = attributes.bytes("min").flatMap(WorksheetHandler.columnNumber),
              let high = attributes.bytes("max").flatMap(WorksheetHandler.columnNumber), low <= high else { return }
        if WorksheetHandler.isTrue(attributes.bytes("hidden")),
           summary.hiddenColumns.count < SheetRowsSummary.maxHiddenColumnRuns {
            summary.hiddenColumns.append(low...high)
        }
        if let style = attributes.bytes("style").flatMap(WorksheetHandler.styleIndex), style != 0,
           columnStyles.count < ReadLimits.maxColumns {
            columnStyles.append((low...high, style))
        }
    }

    /// The style of the `<col>` run that holds `column`, or 0 (General) if none does.
    private func columnStyle(_ column: Int) -> Int {
        var low = 0, high = columnStyles.count
        // The first run starting past the column; the run before it is the only one that may hold it.
        while low < high {
            let middle = (low + high) / 2
            if columnStyles[middle].columns.lowerBound <= column { low = middle + 1 } else { high = middle }
        }
        guard low > 0, columnStyles[low - 1].columns.contains(column) else { return 0 }
        return columnStyles[low - 1].style
    }

    /// A style index as a cell, row or column writes it (`s="6"`, `style="6"`).
    private static func styleIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        Int(String(decoding: bytes, as: UTF8.self))
    }

    /// An OOXML boolean attribute that says yes (`1`, `true`); absent is no.
    private static func isTrue(_ bytes: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let bytes, bytes.count >= 1 else { return false }
        return bytes[0] == UInt8(ascii: "1") || bytes[0] | 0x20 == UInt8(ascii: "t")
    }

    /// A column number written in decimal, 1 to Excel's last column (16,384).
    private static func columnNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 5 else { return nil }
        var number = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return (1...16_384).contains(number) ? number : nil
    }

    private func startRow(_ attributes: XMLAttributes) throws {
        if rowOpen { try finishRow() }
        var number = rowNumber + 1
        if let r = attributes.bytes("r") {
            guard let parsed = CellReference.parse(r), parsed.column == nil, let row = parsed.row, row >= 1 else {
                throw WorkbookError(.invalidCell, at: "\(sheetName)!row \(rowNumber + 1)",
                                    "The row number \"\(String(decoding: r, as: UTF8.self).excerpt)\" cannot be read.")
            }
            number = row
        }
        guard number <= ReadLimits.maxRows else {
            throw WorkbookError(.invalidCell, at: "\(sheetName)!row \(number)",
                                "Row \(number) is past Excel's last row (\(ReadLimits.maxRows)).")
        }
        rowNumber = number
        rowOpen = true
        // `hidden="1"` (or `true`): a filter or Hide Rows keeps the row out of sight.
        rowHidden = WorksheetHandler.isTrue(attributes.bytes("hidden"))
        // A row's `s` is its cells' style only with `customFormat="1"` (ECMA-376 §18.3.1.73).
        rowStyle = WorksheetHandler.isTrue(attributes.bytes("customFormat"))
            ? attributes.bytes("s").flatMap(WorksheetHandler.styleIndex) : nil
        column = 0
    }

    private func startCell(_ attributes: XMLAttributes) throws {
        if !rowOpen {
            // A cell outside any <row>: read it as the next row, as Excel would not write it.
            rowNumber += 1
            rowOpen = true
            rowHidden = false
            rowStyle = nil
            column = 0
        }
        var nextColumn = column + 1
        if let r = attributes.bytes("r") {
            guard let parsed = CellReference.parse(r), let c = parsed.column else {
                throw WorkbookError(.invalidCell, at: "\(sheetName)!row \(rowNumber)",
                                    "The cell reference \"\(String(decoding: r, as: UTF8.self).excerpt)\" cannot be read.")
            }
            // A reference naming another row than its own (`XFD1048577`, `A0` inside row 2)
            // is a damaged file: its row digits were passed over, the cell read in this row.
            if let row = parsed.row, row != rowNumber {
                throw WorkbookError(.invalidCell, at: "\(sheetName)!row \(rowNumber)",
                                    "The cell reference \"\(String(decoding: r, as: UTF8.self).excerpt)\" is not in row "
                                        + "\(rowNumber), where the file writes it.")
            }
            nextColumn = c
        }
        guard nextColumn <= ReadLimits.maxColumns else {
            throw WorkbookError(.invalidCell, at: "\(sheetName)!row \(rowNumber)",
                                "A cell is in column \(nextColumn), past Excel's last column XFD (\(ReadLimits.maxColumns)).")
        }
        column = nextColumn
        // A cell written without a style of its own is shown in its row's format, else its
        // column's (LibreOffice and Gnumeric): read as General, a Gnumeric-saved `"$"#,##0"K"`
        // or `dd/mm/yyyy` column passed the checks of what its cells show (explore-EH).
        if let s = attributes.bytes("s") {
            cellStyle = WorksheetHandler.styleIndex(s) ?? 0
            cellStyleInherited = false
        } else {
            cellStyle = rowStyle ?? columnStyle(column)
            cellStyleInherited = cellStyle != 0
        }
        cellType = .number
        if let t = attributes.bytes("t") {
            switch String(decoding: t, as: UTF8.self) {
            case "s": cellType = .sharedString
            case "str": cellType = .formulaString
            case "inlineStr": cellType = .inlineString
            case "b": cellType = .boolean
            case "e": cellType = .error
            case "d": cellType = .date
            case "n": cellType = .number
            case let other:
                throw invalid(column, "The cell type \"\(other)\" is not one Excel writes.")
            }
        }
        hasFormula = false
        hasValue = false
        inFormula = false
        formulaBytes.removeAll(keepingCapacity: true)
        inValue = false
        inInline = false
        inInlineText = false
        phoneticDepth = 0
        valueBytes.removeAll(keepingCapacity: true)
        inlineBytes.removeAll(keepingCapacity: true)
    }

    func endElement(_ name: XMLName) throws {
        guard inSheetData else { return }
        if name.is("v") {
            inValue = false
        } else if name.is("f") {
            inFormula = false
        } else if name.is("t") {
            inInlineText = false
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("is") {
            inInline = false
        } else if name.is("c") {
            try finishCell()
        } else if name.is("row") {
            try finishRow()
        } else if name.is("sheetData") {
            if rowOpen { try finishRow() }
            inSheetData = false
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
        if inValue {
            valueBytes.append(contentsOf: text)
        } else if inInlineText {
            inlineBytes.append(contentsOf: text)
        } else if inFormula, formulaBytes.count < WorksheetHandler.formulaBytesKept {
            formulaBytes.append(contentsOf: text.prefix(WorksheetHandler.formulaBytesKept - formulaBytes.count))
        }
    }

    /// How much of a formula is kept: enough to tell `TODAY()` or `NOW()` at its start.
    static let formulaBytesKept = 32

    /// Whether the formula read is today's date (`=TODAY()`, `=NOW()`, `=INT(NOW())`): its
    /// saved result is the day the workbook was last calculated, not the day it is read.
    private var isVolatileDateFormula: Bool {
        guard !formulaBytes.isEmpty else { return false }
        let text = String(decoding: formulaBytes, as: UTF8.self).uppercased().filter { !$0.isWhitespace }
        return text.contains("TODAY(") || text.contains("NOW(")
    }

    private func finishRow() throws {
        rowOpen = false
        guard !cells.isEmpty else { return }
        if rowHidden { summary.noteHidden(rowNumber) }
        try consumer(Row(number: rowNumber, cells: cells))
        cells.removeAll(keepingCapacity: true)
    }

    private func countText(_ s: String) throws {
        textCharacters += Int64(s.utf8.count)
        if textCharacters > limits.maxSheetTextCharacters {
            throw WorkbookError(.limitExceeded, at: sheetName,
                                "This sheet's cells hold more than \(ReadLimits.describe(bytes: limits.maxSheetTextCharacters)) of text; refusing it.")
        }
    }

    private func finishCell() throws {
        let value: CellValue?
        switch cellType {
        case .inlineString:
            if hasValue && !inlineBytes.isEmpty {
                value = .string(TextEscapes.decode(inlineBytes))
            } else if !valueBytes.isEmpty {
                value = .string(TextEscapes.decode(valueBytes))
            } else {
                value = hasFormula ? .formulaWithoutValue : nil
            }
        case .formulaString:
            if hasValue {
                value = valueBytes.isEmpty ? nil : .string(TextEscapes.decode(valueBytes))
            } else {
                value = hasFormula ? .formulaWithoutValue : nil
            }
        case .sharedString:
            guard hasValue, let text = trimmedValue(), !text.isEmpty else {
                value = hasFormula && !hasValue ? .formulaWithoutValue : nil
                break
            }
            guard let index = Int(text), index >= 0 else {
                throw invalid(column, "The shared-string index \"\(text.excerpt)\" cannot be read.")
            }
            guard let strings = sharedStrings, index < strings.count else {
                throw invalid(column, "The cell refers to shared string \(index), but the workbook has only \(sharedStrings?.count ?? 0).")
            }
            value = .string(strings[index])
        case .boolean:
            guard hasValue, let text = trimmedValue(), !text.isEmpty else {
                value = hasFormula ? .formulaWithoutValue : nil
                break
            }
            switch text.lowercased() {
            case "1", "true": value = .bool(true)
            case "0", "false": value = .bool(false)
            default: throw invalid(column, "The boolean value \"\(text.excerpt)\" cannot be read.")
            }
        case .error:
            guard hasValue, let text = trimmedValue(), !text.isEmpty else {
                value = hasFormula ? .formulaWithoutValue : nil
                break
            }
            // Excel's error values are a few characters (`#N/A`, `#GETTING_DATA`); a long one is
            // kept as an excerpt, as it is quoted in messages (explore-CZ: 60,000 characters).
            value = .error(text.utf8.count > 64 ? text.excerpt : text)
        case .date:
            guard hasValue, let text = trimmedValue(), !text.isEmpty else {
                value = hasFormula ? .formulaWithoutValue : nil
                break
            }
            guard let date = ExcelDateTime(iso: text) else {
                throw invalid(column, "The date \"\(text.excerpt)\" is not an ISO 8601 date.")
            }
            value = .date(date)
        case .number:
            value = try numberValue()
        }
        guard let value else { return }
        if case .string(let s) = value {
            if s.isEmpty { return }
            try countText(s)
        }
        // A cell written twice in its row (two `<c r="D2">`) is one cell when both say the
        // same, an error when they differ: the first was read and the second dropped unseen.
        if let last = cells.last, last.column >= column, let earlier = cells.firstIndex(where: { $0.column == column }) {
            guard cells[earlier].value == value else {
                throw invalid(column, "The file writes this cell twice in row \(rowNumber), with two values; open the workbook "
                    + "in a spreadsheet program, check the row and save it again.")
            }
            return
        }
        if value == .formulaWithoutValue || value == .uncalculatedFormula {
            summary.formulasWithoutValue.append(CellReference.name(column: column, row: rowNumber))
        }
        if hasFormula, isVolatileDateFormula, summary.todayFormulas.count < SheetRowsSummary.maxTodayFormulas {
            // Said as written (`=WORKDAY(TODAY(),-1)` was called `TODAY()`; explore-AZ), its cut
            // end marked.
            let cut = formulaBytes.count >= WorksheetHandler.formulaBytesKept ? "…" : ""
            summary.todayFormulas.append(TodayFormula(cell: CellReference.name(column: column, row: rowNumber),
                                                      formula: "=" + String(decoding: formulaBytes, as: UTF8.self) + cut))
        }
        cells.append(Cell(column: column, value: value))
    }

    private func trimmedValue() -> String? {
        let text = String(decoding: valueBytes, as: UTF8.self)
        return text.trimmingCharacters(in: " ")
    }

    static let notANumber: Set<String> = ["nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"]

    private func numberValue() throws -> CellValue? {
        guard hasValue else { return hasFormula ? .formulaWithoutValue : nil }
        // Trim spaces, then check the characters before handing them to strtod, which would
        // also take `inf`, `nan` and hexadecimal.
        var start = 0
        var end = valueBytes.count
        while start < end, valueBytes[start] == 32 || valueBytes[start] == 9 || valueBytes[start] == 10 || valueBytes[start] == 13 { start += 1 }
        while end > start, valueBytes[end - 1] == 32 || valueBytes[end - 1] == 9 || valueBytes[end - 1] == 10 || valueBytes[end - 1] == 13 { end -= 1 }
        if start == end { return hasFormula ? .formulaWithoutValue : nil }
        var digits = 0
        for i in start..<end {
            let b = valueBytes[i]
            switch b {
            case 48...57: digits += 1
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default:
                // `NaN` and `Infinity`, which writers that save a float as they print it put where
                // a formula had no number (SheetJS, excelize, EPPlus): Excel's #NUM!, an error
                // value the column's reading judges (a column the tool does not read passes it over).
                if end - start <= 9, Self.notANumber.contains(String(decoding: valueBytes[start..<end], as: UTF8.self).lowercased()) {
                    return .error("#NUM!")
                }
                throw invalid(column, "The number \"\(String(decoding: valueBytes[start..<end], as: UTF8.self).excerpt)\" cannot be read.")
            }
        }
        valueBytes.append(0)
        var consumed = 0
        let number = valueBytes.withUnsafeBufferPointer { buffer -> Double in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                var parsedEnd: UnsafeMutablePointer<CChar>? = nil
                let value = strtod(base + start, &parsedEnd)
                if let parsedEnd { consumed = UnsafePointer(parsedEnd) - base }
                return value
            }
        }
        guard digits > 0, consumed == end, number.isFinite else {
            throw invalid(column, "The number \"\(String(decoding: valueBytes[start..<end], as: UTF8.self).excerpt)\" cannot be read.")
        }
        if hasFormula && zeroFormulaResultIsUnknown && number == 0 { return .uncalculatedFormula }
        var kind = cellStyle < styles.count && cellStyle >= 0 ? styles[cellStyle] : .plain
        // A percent format the cell has only from its row or column is left out: Excel shows such
        // a cell in General (a script's 60 in the template's percent Target column is 60, where
        // LibreOffice shows 6000%), and the column's plain-number rule reads it as either shows
        // a fraction (0.45, 45%) and as the percent a number above 1 can only mean.
        if kind == .percent && cellStyleInherited { kind = .plain }
        switch kind {
        case .date:
            if let date = ExcelDateTime(serial: number, uses1904: uses1904) {
                if summary.firstDayFirstDate == nil, cellStyle < dayFirstCodes.count, let code = dayFirstCodes[cellStyle] {
                    summary.firstDayFirstDate = .init(cell: CellReference.name(column: column, row: rowNumber), format: code)
                }
                return .date(date)
            }
            return .number(number, .plain)
        case .percent, .duration, .plain, .currency:
            if cellStyle >= 0, cellStyle < scaleWordCodes.count, let code = scaleWordCodes[cellStyle],
               summary.scaleWordCells.count < SheetRowsSummary.maxScaleWordCells {
                summary.scaleWordCells.append(.init(cell: CellReference.name(column: column, row: rowNumber), format: code))
            }
            return .number(number, kind)
        }
    }
}
