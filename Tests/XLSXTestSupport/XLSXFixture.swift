import Foundation
import CLibZip
import Glibc
import WorkbookIO

/// Builds small `.xlsx` packages from XML text, part by part, for the reader's tests.
public struct XLSXFixture: Sendable {
    public init() {}
    public struct Entry: Sendable {
        public var name: String
        public var bytes: [UInt8]
    }

    public var entries: [Entry] = []

    public mutating func add(_ name: String, _ text: String) {
        entries.append(Entry(name: name, bytes: Array(text.utf8)))
    }

    public mutating func add(_ name: String, bytes: [UInt8]) {
        entries.append(Entry(name: name, bytes: bytes))
    }

    public static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    public static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    public static let relType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A conventional package: one worksheet part per sheet, optional shared strings and styles.
    public static func book(
        sheets: [(name: String, rows: String)],
        sharedStrings: [String]? = nil,
        styles: String? = nil,
        workbookPr: String = "",
        hidden: Set<String> = [],
        beforeRows: [String: String] = [:],
        afterRows: [String: String] = [:]
    ) -> XLSXFixture {
        var f = XLSXFixture()
        f.add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>
            """)
        f.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(relType)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        var sheetElements = ""
        var rels = ""
        for (i, sheet) in sheets.enumerated() {
            let state = hidden.contains(sheet.name) ? " state=\"hidden\"" : ""
            sheetElements += "<sheet name=\"\(sheet.name)\" sheetId=\"\(i + 1)\"\(state) r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(relType)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            f.add("xl/worksheets/sheet\(i + 1).xml", worksheet(sheet.rows, before: beforeRows[sheet.name] ?? "",
                                                                    after: afterRows[sheet.name] ?? ""))
        }
        if let sharedStrings {
            rels += "<Relationship Id=\"rIdS\" Type=\"\(relType)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            let items = sharedStrings.map { $0.hasPrefix("<") ? "<si>\($0)</si>" : "<si><t>\($0)</t></si>" }.joined()
            f.add("xl/sharedStrings.xml", "<sst xmlns=\"\(mainNS)\" count=\"\(sharedStrings.count)\">\(items)</sst>")
        }
        if let styles {
            rels += "<Relationship Id=\"rIdY\" Type=\"\(relType)/styles\" Target=\"styles.xml\"/>"
            f.add("xl/styles.xml", "<styleSheet xmlns=\"\(mainNS)\">\(styles)</styleSheet>")
        }
        f.add("xl/workbook.xml", """
            <workbook xmlns="\(mainNS)" xmlns:r="\(relNS)">\(workbookPr)<sheets>\(sheetElements)</sheets></workbook>
            """)
        f.add("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)</Relationships>
            """)
        return f
    }

    /// A worksheet part of `rows`, with `after` (merged cells, say) where Excel puts it.
    public static func worksheet(_ rows: String, before: String = "", after: String = "") -> String {
        "<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">\(before)<sheetData>\(rows)</sheetData>\(after)</worksheet>"
    }

    /// Styles with the given number formats as cell formats 0, 1, 2…: an Int is a built-in id,
    /// a String a custom code.
    public static func styles(_ formats: [Any]) -> String {
        var custom = ""
        var xfs = ""
        for (i, format) in formats.enumerated() {
            if let id = format as? Int {
                xfs += "<xf numFmtId=\"\(id)\"/>"
            } else if let code = format as? String {
                let id = 164 + i
                custom += "<numFmt numFmtId=\"\(id)\" formatCode=\"\(escapeAttribute(code))\"/>"
                xfs += "<xf numFmtId=\"\(id)\"/>"
            }
        }
        return "<numFmts>\(custom)</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>\(xfs)</cellXfs>"
    }

    public static func escapeAttribute(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    /// Writes the package with libzip (deflated) and returns its path in a fresh temporary folder.
    public func write(named fileName: String = "book.xlsx") throws -> String {
        let path = TemporaryFolder.make() + "/" + fileName
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
            throw FixtureError("zip_open failed with \(code)")
        }
        for entry in entries {
            let buffer = malloc(max(entry.bytes.count, 1))!
            entry.bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            guard let source = zip_source_buffer(archive, buffer, UInt64(entry.bytes.count), 1) else {
                throw FixtureError("zip_source_buffer failed")
            }
            let index = zip_file_add(archive, entry.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
            guard index >= 0 else {
                zip_source_free(source)
                throw FixtureError("zip_file_add \(entry.name): \(String(cString: zip_strerror(archive)))")
            }
            zip_set_file_compression(archive, UInt64(index), ZIP_CM_DEFLATE, 9)
        }
        guard zip_close(archive) == 0 else { throw FixtureError("zip_close failed") }
        return path
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Folders under /tmp for the tests' books and outputs, each removed with all it holds when
/// the test process exits (left behind, a run of the suite left some 1,500 in /tmp).
public enum TemporaryFolder {
    private static let made = Made()

    /// A new empty folder, removed at exit.
    public static func make() -> String {
        var template = Array("/tmp/rebalancer-test-XXXXXX".utf8CString)
        let folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        made.add(folder)
        return folder
    }

    /// Removes every folder `make` made. Runs at exit.
    static func removeAll() {
        for folder in made.takeAll() { try? FileManager.default.removeItem(atPath: folder) }
    }

    private final class Made: @unchecked Sendable {
        private let lock = NSLock()
        private var folders: [String] = []
        private var registered = false

        func add(_ folder: String) {
            lock.lock()
            defer { lock.unlock() }
            folders.append(folder)
            if !registered {
                registered = true
                atexit { TemporaryFolder.removeAll() }
            }
        }

        func takeAll() -> [String] {
            lock.lock()
            defer { lock.unlock() }
            defer { folders = [] }
            return folders
        }
    }
}

/// Every row of every worksheet as dump lines, the way `inspect --cells all` prints them.
public func dump(_ path: String) throws -> [String] {
    let workbook = try Workbook(path: path)
    var lines: [String] = []
    for sheet in workbook.sheets where sheet.kind == .worksheet {
        try workbook.forEachRow(in: sheet) { row in
            for cell in row.cells {
                if let line = CellDump.line(sheet: sheet.name, row: row.number, cell: cell) { lines.append(line) }
            }
        }
    }
    return lines
}

/// The error opening and reading a whole workbook throws, or nil.
public func readError(_ path: String) -> WorkbookError? {
    do {
        _ = try dump(path)
        return nil
    } catch let error as WorkbookError {
        return error
    } catch {
        return WorkbookError(.corruptArchive, at: "", "unexpected \(error)")
    }
}
