import Glibc

/// An `.xlsx` workbook opened for streaming reads.
///
/// Opening reads only the package's map (relationships, the workbook part, styles);
/// cells are read sheet by sheet, one row at a time, by `forEachRow(in:_:)`.
public final class Workbook {
    /// The sheets in tab order, hidden ones included.
    public let sheets: [SheetInfo]
    /// Whether dates count from 1904 (Excel for Mac's old default) rather than 1900.
    public let uses1904DateSystem: Bool
    /// Whether the workbook asks to have every formula calculated when it is opened
    /// (`fullCalcOnLoad`): the mark of a program that writes formulas without calculating
    /// them, and saves 0 in place of each result it was not given (XlsxWriter, for one).
    public let formulaResultsMayBePlaceholders: Bool
    /// For each style index, the custom date format it uses when that writes the day before
    /// the month (`dd/mm/yyyy`): a date cell so formatted is the sign of a book kept day first
    /// (see `SheetRowsSummary.firstDayFirstDate`).
    private let dayFirstCodes: [String?]
    /// For each style index, the custom format it uses when that writes a scale word beside a
    /// number it does not scale (`"$"#,##0"K"`; see `SheetRowsSummary.scaleWordCells`).
    private let scaleWordCodes: [String?]
    /// The path as given.
    public let path: String

    private let archive: ZipArchive
    private let limits: ReadLimits
    private let styles: [NumberFormatKind]
    private let sharedStringsPart: String?
    private var sharedStrings: [String]?
    private var sharedStringsLoaded = false

    /// Opens a workbook, reading its package map.
    public init(path: String, limits: ReadLimits = .standard) throws {
        self.path = path
        self.limits = limits
        try Workbook.sniff(path: path)
        let archive = try ZipArchive(path: path, limits: limits)
        self.archive = archive
        try Workbook.refuseOtherSpreadsheets(archive)

        guard let packageRels = try RelationshipsHandler.read(for: "", in: archive) else {
            throw WorkbookError(.missingPart, at: "_rels/.rels", "The workbook has no package relationships part, so its main part cannot be found.")
        }
        guard let workbookPart = packageRels.first(where: { $0.kind == "officeDocument" })?.target,
              archive.contains(workbookPart) else {
            throw WorkbookError(.missingPart, at: "_rels/.rels", "The package names no workbook part that it holds (no officeDocument relationship).")
        }
        let workbookHandler = WorkbookPartHandler()
        try XMLEventParser.parse(part: workbookPart, in: archive, handler: workbookHandler)
        guard workbookHandler.sawWorkbookElement else {
            throw WorkbookError(.malformedXML, at: workbookPart, "This part is not a workbook (no <workbook> element).")
        }
        uses1904DateSystem = workbookHandler.uses1904
        formulaResultsMayBePlaceholders = workbookHandler.asksFullCalculationOnLoad

        guard let workbookRels = try RelationshipsHandler.read(for: workbookPart, in: archive) else {
            throw WorkbookError(.missingPart, at: PackagePath.relationshipsPart(of: workbookPart),
                                "The workbook has no relationships part, so its sheets cannot be found.")
        }
        var byID: [String: Relationship] = [:]
        for relationship in workbookRels { byID[relationship.id] = relationship }

        var sheets: [SheetInfo] = []
        for entry in workbookHandler.sheets where !entry.relationshipID.isEmpty {
            guard let relationship = byID[entry.relationshipID] else {
                throw WorkbookError(.missingPart, at: workbookPart,
                                    "The sheet \"\(entry.name)\" points to relationship \(entry.relationshipID), which the workbook's relationships part does not hold.")
            }
            guard let target = relationship.target else {
                // An external target is never opened: said as such, not as missing (explore-BJ).
                throw WorkbookError(.missingPart, at: workbookPart,
                                    "The sheet \"\(entry.name)\" points to relationship \(entry.relationshipID), whose target is outside "
                                        + "the file (TargetMode External); a sheet's cells must be inside the workbook, and nothing outside it is read.")
            }
            let kind: SheetInfo.Kind
            switch relationship.kind.lowercased() {
            case "worksheet": kind = .worksheet
            case "chartsheet": kind = .chartsheet
            default: kind = .other
            }
            if kind == .worksheet && !archive.contains(target) {
                throw WorkbookError(.missingPart, at: target, "The sheet \"\(entry.name)\" is listed, but its part is missing from the file.")
            }
            sheets.append(SheetInfo(name: entry.name, isHidden: entry.state != "visible", kind: kind, part: target))
        }
        guard sheets.contains(where: { $0.kind == .worksheet }) else {
            throw WorkbookError(.missingPart, at: workbookPart, "The workbook has no worksheets.")
        }
        self.sheets = sheets

        if let stylesPart = workbookRels.first(where: { $0.kind == "styles" })?.target, archive.contains(stylesPart) {
            let handler = StylesHandler()
            try XMLEventParser.parse(part: stylesPart, in: archive, handler: handler)
            styles = handler.kinds
            dayFirstCodes = handler.dayFirstCodes
            scaleWordCodes = handler.scaleWordCodes
        } else {
            styles = []
            dayFirstCodes = []
            scaleWordCodes = []
        }
        sharedStringsPart = workbookRels.first(where: { $0.kind == "sharedStrings" })?.target.flatMap {
            archive.contains($0) ? $0 : nil
        }
    }

    /// How `readRows` hands over the rows of a sheet that does not write them top to bottom.
    public enum SheetRowOrder: Sendable {
        /// As the file writes them.
        case asWritten
        /// As the file writes them, until one comes after a row numbered the same or below
        /// it: then `WorkbookError.Kind.rowsOutOfOrder` is thrown.
        case checked
        /// By row number, a row written twice gathered into one (the sheet is held whole).
        case sorted
    }

    /// Bytes inflated from the archive so far (all parts).
    var bytesInflated: Int64 { archive.bytesInflated }

    /// Streams the rows of a worksheet, top to bottom, each with its non-empty cells.
    ///
    /// Returns the cells that hold a formula with no saved result. Chart and other
    /// sheets have no cells.
    @discardableResult
    public func forEachRow(in sheet: SheetInfo, _ body: (Row) throws -> Void) throws -> [String] {
        try readRows(in: sheet, body).formulasWithoutValue
    }

    /// `forEachRow(in:_:)`, with what the sheet lists after its rows: its merged ranges.
    ///
    /// `distrustingZeroResults`: in a workbook whose formula results may be placeholders
    /// (`formulaResultsMayBePlaceholders`), a formula whose saved result is the number 0 is
    /// read as `.uncalculatedFormula`, since 0 is what such a writer saves for a result it
    /// was not given, and is listed with the formulas without a saved result. The cell dump
    /// keeps every saved result as it is.
    ///
    /// `order` says what to do with a sheet whose rows are not written top to bottom (the
    /// file format requires it, but some writers' streaming modes break it, and Excel then
    /// offers a repair where LibreOffice reads the rows by their numbers): hand them over as
    /// written, throw `.rowsOutOfOrder` at the first such row, or hand them over by number.
    public func readRows(in sheet: SheetInfo, distrustingZeroResults: Bool = false, order: SheetRowOrder = .asWritten,
                         _ body: (Row) throws -> Void) throws -> SheetRowsSummary {
        switch order {
        case .asWritten:
            return try parseRows(in: sheet, distrustingZeroResults: distrustingZeroResults, body)
        case .checked:
            var last = 0
            return try parseRows(in: sheet, distrustingZeroResults: distrustingZeroResults) { row in
                guard row.number > last else {
                    throw WorkbookError(.rowsOutOfOrder, at: "\(sheet.name)!row \(row.number)",
                                        "Row \(row.number) comes after row \(last) in the file.")
                }
                last = row.number
                try body(row)
            }
        case .sorted:
            // Every row is held, then handed over by number: only for a sheet found out of order.
            var rows: [Row] = []
            var cells = 0
            var summary = try parseRows(in: sheet, distrustingZeroResults: distrustingZeroResults) { row in
                cells += row.cells.count
                guard cells <= limits.maxCellsOutOfOrder else {
                    throw WorkbookError(.limitExceeded, at: sheet.name, "The sheet's rows are not written top to bottom, and "
                        + "it holds more than \(limits.maxCellsOutOfOrder) cells, too many to hold and put in order. Open the "
                        + "workbook in Excel or LibreOffice and save it again: they write rows in order.")
                }
                rows.append(row)
            }
            for row in try Workbook.inRowOrder(rows, sheetName: sheet.name) { try body(row) }
            summary.sortHiddenRows()
            return summary
        }
    }

    /// `rows` by number (a stable sort). A row written twice is one row, its cells gathered;
    /// a cell written twice with two values is an error, since which one is meant is unknown.
    static func inRowOrder(_ rows: [Row], sheetName: String) throws -> [Row] {
        var ordered: [Row] = []
        ordered.reserveCapacity(rows.count)
        for row in rows.enumerated().sorted(by: { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }).map(\.element) {
            guard let last = ordered.last, last.number == row.number else {
                ordered.append(row)
                continue
            }
            var cells = last.cells
            for cell in row.cells {
                if let earlier = cells.first(where: { $0.column == cell.column }) {
                    guard earlier.value == cell.value else {
                        throw WorkbookError(.invalidCell, at: "\(sheetName)!\(CellReference.name(column: cell.column, row: row.number))",
                                            "The file writes row \(row.number) twice, with two values in this cell; open the "
                                            + "workbook in a spreadsheet program, check the row and save it again.")
                    }
                } else {
                    cells.append(cell)
                }
            }
            cells.sort { $0.column < $1.column }
            ordered[ordered.count - 1] = Row(number: row.number, cells: cells)
        }
        return ordered
    }

    private func parseRows(in sheet: SheetInfo, distrustingZeroResults: Bool,
                           _ body: (Row) throws -> Void) throws -> SheetRowsSummary {
        guard sheet.kind == .worksheet else { return SheetRowsSummary() }
        let strings = try loadSharedStrings()
        return try withoutActuallyEscaping(body) { escapable in
            let handler = WorksheetHandler(
                sheetName: sheet.name, sharedStrings: strings, styles: styles, dayFirstCodes: dayFirstCodes,
                scaleWordCodes: scaleWordCodes,
                uses1904: uses1904DateSystem,
                zeroFormulaResultIsUnknown: distrustingZeroResults && formulaResultsMayBePlaceholders,
                limits: limits, consumer: escapable)
            try XMLEventParser.parse(part: sheet.part, in: archive, handler: handler)
            return handler.summary
        }
    }

    private func loadSharedStrings() throws -> [String]? {
        if !sharedStringsLoaded {
            sharedStringsLoaded = true
            if let part = sharedStringsPart {
                let handler = SharedStringsHandler()
                try XMLEventParser.parse(part: part, in: archive, handler: handler)
                sharedStrings = handler.strings
            }
        }
        return sharedStrings
    }

    /// Tells apart, before libzip sees it, the files that are not zip workbooks at all.
    private static func sniff(path: String) throws {
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw WorkbookError(.notAWorkbook, at: "", "This is a folder, not a workbook: give the path of an .xlsx file.")
        }
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            throw WorkbookError(.notAWorkbook, at: "", "This is not a regular file (a device, pipe or socket); give the path of an .xlsx file.")
        }
        guard let file = fopen(path, "rb") else {
            throw WorkbookError(.fileUnreadable, at: "", "The file cannot be opened: \(String(cString: strerror(errno))).")
        }
        defer { fclose(file) }
        var header = [UInt8](repeating: 0, count: 8)
        let count = fread(&header, 1, 8, file)
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        if count == 0 {
            throw WorkbookError(.notAWorkbook, at: "", "The file is empty (0 bytes); it is not a workbook.")
        }
        if count == 8 && header == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            if try fileMentions(file, utf16: "EncryptedPackage") {
                throw WorkbookError(.passwordProtected, at: "", "This workbook is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook), save, and try again.")
            }
            throw WorkbookError(.notAWorkbook, at: "", "This is a legacy Excel 97-2003 (.xls) file. Open it in Excel and save it as an .xlsx workbook.")
        }
        if fileName.hasPrefix("~$") {
            throw WorkbookError(.notAWorkbook, at: "", "This is the lock file Excel keeps beside an open workbook, not the workbook itself; use the file without the \"~$\" prefix.")
        }
        if count < 4 || header[0] != 0x50 || header[1] != 0x4B {
            throw WorkbookError(.notAWorkbook, at: "", "This file is not an .xlsx workbook (it is not a zip container).")
        }
    }

    /// Other programs' spreadsheets in a zip container, each with its own sentence saying how
    /// to convert it (they were "no package relationships part" or "not well-formed XML").
    private static func refuseOtherSpreadsheets(_ archive: ZipArchive) throws {
        if archive.contains("content.xml") && (archive.contains("mimetype") || archive.contains("META-INF/manifest.xml")) {
            throw WorkbookError(.notAWorkbook, at: "", "This is an OpenDocument spreadsheet (.ods). Open it in LibreOffice "
                + "Calc or Excel and save it as an Excel 2007-365 .xlsx workbook.")
        }
        if archive.contains("Index/Document.iwa") {
            throw WorkbookError(.notAWorkbook, at: "", "This is an Apple Numbers file. In Numbers, choose File > Export To > "
                + "Excel and give the tool the .xlsx it writes.")
        }
        if archive.contains("xl/workbook.bin") {
            throw WorkbookError(.notAWorkbook, at: "", "This is a binary Excel workbook (.xlsb). Open it in Excel and save it "
                + "as an .xlsx workbook (File > Save As > Excel Workbook).")
        }
    }

    /// Whether the UTF-16LE form of `name` occurs in the first 4 MiB of a compound file.
    private static func fileMentions(_ file: UnsafeMutablePointer<FILE>, utf16 name: String) throws -> Bool {
        let needle = name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        fseek(file, 0, SEEK_SET)
        var bytes = [UInt8](repeating: 0, count: 4 << 20)
        let count = fread(&bytes, 1, bytes.count, file)
        guard count >= needle.count else { return false }
        outer: for start in 0...(count - needle.count) {
            for (offset, b) in needle.enumerated() where bytes[start + offset] != b { continue outer }
            return true
        }
        return false
    }
}
