internal import CXLSXWriter
import Glibc
import RebalanceEngine

/// Turns a libxlsxwriter result into a thrown error naming what was being done.
func check(_ error: lxw_error, _ doing: @autoclosure () -> String) throws {
    guard error != LXW_NO_ERROR else { return }
    throw WorkbookWriteError(doing: doing(), message: String(cString: lxw_strerror(error)))
}

/// The one owner of a libxlsxwriter workbook handle; `close()` is the one way out.
///
/// Rows are streamed (libxlsxwriter's `constant_memory` mode): each sheet is written top
/// to bottom, so a plan of any size is never held a second time as cells. Strings are
/// then written inline rather than shared, which every reader accepts. A spooled sheet's
/// rows are written by `SheetSpool` and put into the saved workbook by `SpooledSheets`.
final class XLSXDocument {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    /// The document properties' C strings, alive until the workbook is closed.
    private var propertyStrings: [UnsafeMutablePointer<CChar>] = []
    private let path: String
    /// Worksheets added so far: libxlsxwriter saves the n-th as `xl/worksheets/sheet<n>.xml`.
    private var sheetCount = 0
    /// Sheets whose rows are spooled, to splice in once libxlsxwriter has saved the rest.
    private let spooled = SpooledSheets()

    /// Starts a workbook that `close()` writes to `path`.
    init(path: String) throws {
        self.path = path
        // libxlsxwriter's own temporary files go where the spool's do (`ScratchFile`).
        let tmpdir = ScratchFile.folder.map { strdup($0)! }
        if let tmpdir { propertyStrings.append(tmpdir) }
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: tmpdir, use_zip64: 0)
        guard let handle = workbook_new_opt(path, &options) else {
            throw WorkbookWriteError(doing: "creating \(path)", message: "libxlsxwriter could not start a workbook")
        }
        self.handle = handle
    }

    deinit {
        // A workbook abandoned after an error is still freed; the caller removes the file.
        if let handle { _ = workbook_close(handle) }
        propertyStrings.forEach { free($0) }
    }

    private var workbook: UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { preconditionFailure("the workbook is already closed") }
        return handle
    }

    /// Sets title, subject, comments and the created date: the as-of date at 00:00 UTC, so
    /// that the same plan gives the same bytes on any day and in any time zone.
    func setProperties(title: String, subject: String, comments: String, created: CivilDate) throws {
        func owned(_ text: String) -> UnsafeMutablePointer<CChar> {
            let pointer = strdup(text)!
            propertyStrings.append(pointer)
            return pointer
        }
        var properties = lxw_doc_properties()
        properties.title = owned(title)
        properties.subject = owned(subject)
        properties.comments = owned(comments)
        properties.author = owned("rebalancer")
        properties.created = time_t(created.daysSinceEpoch) * 86_400
        try check(workbook_set_properties(workbook, &properties), "setting the workbook's properties")
    }

    /// Adds a worksheet, the next tab. A `spooled` sheet's rows bypass libxlsxwriter's
    /// cells (see `SheetSpool`); it suits long tables written once, top to bottom.
    func addSheet(named name: String, spooled: Bool = false) throws -> XLSXSheet {
        try check(workbook_validate_sheet_name(workbook, name), "adding the sheet \(name)")
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw WorkbookWriteError(doing: "adding the sheet \(name)", message: "libxlsxwriter refused the sheet")
        }
        sheetCount += 1
        guard spooled else { return XLSXSheet(name: name, handle: sheet, spool: nil) }
        let spool = try SheetSpool()
        self.spooled.add(part: "xl/worksheets/sheet\(sheetCount).xml", spool: spool)
        return XLSXSheet(name: name, handle: sheet, spool: spool)
    }

    /// Adds a cell format built by `configure`.
    func addFormat(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) throws -> UnsafeMutablePointer<lxw_format> {
        guard let format = workbook_add_format(workbook) else {
            throw WorkbookWriteError(doing: "adding a cell format", message: "libxlsxwriter could not allocate it")
        }
        configure(format)
        return format
    }

    /// Adds a chart of a libxlsxwriter chart type, to be inserted into a sheet.
    func addChart(type: lxw_chart_type) throws -> UnsafeMutablePointer<lxw_chart> {
        guard let chart = workbook_add_chart(workbook, UInt8(type.rawValue)) else {
            throw WorkbookWriteError(doing: "adding a chart", message: "libxlsxwriter could not allocate it")
        }
        return chart
    }

    /// Assembles and saves the file; the handle is freed whatever the outcome.
    func close() throws {
        let handle = workbook
        self.handle = nil
        try check(workbook_close(handle), "saving \(path)")
        if !spooled.isEmpty { try spooled.splice(into: path) }
    }
}
