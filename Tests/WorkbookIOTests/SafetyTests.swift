import Foundation
import Testing
@testable import WorkbookIO
import XLSXTestSupport

@Suite("Hostile and broken files fail cleanly")
struct SafetyTests {
    private func book(sharedStrings raw: String) throws -> String {
        var f = XLSXFixture.book(sheets: [("S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")], sharedStrings: ["x"])
        f.entries.removeAll { $0.name == "xl/sharedStrings.xml" }
        f.add("xl/sharedStrings.xml", raw)
        return try f.write()
    }

    @Test("A billion-laughs DTD is refused as soon as its DOCTYPE is seen")
    func billionLaughs() throws {
        let path = try book(sharedStrings: """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\
            <sst xmlns="\(XLSXFixture.mainNS)"><si><t>&lol3;</t></si></sst>
            """)
        #expect(readError(path) == WorkbookError(.malformedXML, at: "xl/sharedStrings.xml",
            "This part declares a DOCTYPE, which no workbook needs; it is refused for safety."))
    }

    /// libxml2 2.9 compares every pair of a tag's attributes: 400,000 on one cell ran for
    /// minutes. A tag with more than the guard's limit is refused before the parser sees it;
    /// one at the limit (and `=` in text or values) reads as before.
    @Test("An element with thousands of attributes is refused at once", arguments: [513, 512])
    func manyAttributes(count: Int) throws {
        let attributes = (0..<count).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let path = try book(sharedStrings: "<sst xmlns=\"\(XLSXFixture.mainNS)\"><si \(attributes)><t>x=1&gt;2</t></si></sst>")
        let error = readError(path)
        if count > StartTagGuard.mostAttributes {
            #expect(error == WorkbookError(.malformedXML, at: "xl/sharedStrings.xml", "An element of this part has more than "
                + "512 attributes, which no workbook writes; it is refused, as the XML parser's time would grow with the "
                + "square of them."))
        } else {
            #expect(error == nil)
        }
    }

    @Test("A cell written twice in its row with two values is an error naming it; twice alike, it is one cell")
    func cellTwiceInARow() throws {
        let twice = try XLSXFixture.book(sheets: [("S", """
            <row r="2"><c r="C2"><v>1</v></c><c r="D2"><v>800</v></c><c r="D2"><v>900</v></c></row>
            """)]).write()
        #expect(readError(twice) == WorkbookError(.invalidCell, at: "S!D2", "The file writes this cell twice in row 2, with "
            + "two values; open the workbook in a spreadsheet program, check the row and save it again."))
        let alike = try XLSXFixture.book(sheets: [("S", """
            <row r="2"><c r="D2"><v>800</v></c><c r="D2"><v>800</v></c></row>
            """)]).write()
        #expect(try dump(alike) == ["S\tD2\tn\t800.0"])
    }

    @Test("A cell reference naming another row than its own is an error", arguments: ["XFD1048577", "A0", "B3"])
    func referenceInAnotherRow(reference: String) throws {
        let path = try XLSXFixture.book(sheets: [("S", "<row r=\"2\"><c r=\"\(reference)\"><v>1</v></c></row>")]).write()
        let error = readError(path)
        #expect(error?.location == "S!row 2")
        #expect(error?.message == "The cell reference \"\(reference)\" is not in row 2, where the file writes it.")
    }

    @Test("Other programs' spreadsheets in a zip each get a sentence saying how to convert them", arguments: [
        (["mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"],
         "This is an OpenDocument spreadsheet (.ods)."),
        (["Index/Document.iwa": "x", "Metadata/Properties.plist": "x"], "This is an Apple Numbers file."),
        (["[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>", "xl/workbook.bin": "x"],
         "This is a binary Excel workbook (.xlsb)."),
    ])
    func otherSpreadsheets(parts: [String: String], sentence: String) throws {
        var f = XLSXFixture.book(sheets: [("S", "")])
        f.entries.removeAll()
        for (name, text) in parts.sorted(by: { $0.key < $1.key }) { f.add(name, text) }
        let error = readError(try f.write())
        #expect(error?.kind == .notAWorkbook)
        #expect(error?.message.hasPrefix(sentence) == true, "\(String(describing: error))")
    }

    @Test("An external entity is never loaded")
    func externalEntity() throws {
        let path = try book(sharedStrings: """
            <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\
            <sst xmlns="\(XLSXFixture.mainNS)"><si><t>&xxe;</t></si></sst>
            """)
        #expect(readError(path)?.kind == .malformedXML)
    }

    @Test("An encoding libxml2 cannot convert is malformed XML, and libxml2 prints nothing of its own")
    func unconvertibleEncodingPrintsNothing() throws {
        let path = try book(sharedStrings: "<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?><sst xmlns=\"\(XLSXFixture.mainNS)\"><si><t>x</t></si></sst>")
        // Standard error caught in a file while the part is read.
        let capture = NSTemporaryDirectory() + "stderr-\(UUID().uuidString).txt"
        FileManager.default.createFile(atPath: capture, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: capture) }
        let file = open(capture, O_WRONLY)
        let saved = dup(2)
        fflush(nil)
        dup2(file, 2)
        let error = readError(path)
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        close(file)
        #expect(error?.kind == .malformedXML)
        let printed = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
        #expect(!printed.contains("encoding error"), "\(printed)")
    }

    @Test("An undeclared entity is malformed XML, with the line")
    func undeclaredEntity() throws {
        let path = try book(sharedStrings: "<sst xmlns=\"\(XLSXFixture.mainNS)\"><si><t>&xxe;</t></si></sst>")
        let error = readError(path)
        #expect(error?.kind == .malformedXML)
        #expect(error?.location == "xl/sharedStrings.xml")
        #expect(error?.message.hasPrefix("This part is not well-formed XML (line 1: Entity 'xxe' not defined") == true)
    }

    @Test("A part that inflates far past its compressed size is refused as a zip bomb")
    func zipBomb() throws {
        var f = XLSXFixture.book(sheets: [("S", "")])
        f.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        let padding = [UInt8](repeating: 0x20, count: 48 << 20)
        f.add("xl/worksheets/sheet1.xml", bytes: Array("<worksheet><sheetData>".utf8) + padding + Array("</sheetData></worksheet>".utf8))
        let path = try f.write()
        #expect(readError(path) == WorkbookError(.limitExceeded, at: "xl/worksheets/sheet1.xml",
            "This part inflates to more than 250 times its compressed size (a zip bomb); refusing it."))
    }

    @Test("Per-part and total size limits hold whatever the directory says")
    func sizeLimits() throws {
        let f = XLSXFixture.book(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")])
        let path = try f.write()
        var limits = ReadLimits.standard
        limits.maxPartBytes = 100
        // Refused on what the directory declares, and said so (explore-BJ: "inflates" sent the
        // reader looking for a huge sheet that was not there).
        #expect(throws: WorkbookError(.limitExceeded, at: "_rels/.rels",
                                      "The zip directory declares this part as 279 bytes, more than the 100 bytes a part may inflate to; refusing it.")) {
            _ = try Workbook(path: path, limits: limits)
        }
        limits = .standard
        limits.maxTotalBytes = 400
        let error = #expect(throws: WorkbookError.self) { _ = try Workbook(path: path, limits: limits) }
        #expect(error?.message == "The workbook inflates to more than 400 bytes in all; refusing it.")
    }

    @Test("One shared string repeated past the sheet's text limit is refused")
    func textAmplification() throws {
        let big = String(repeating: "a", count: 1 << 20)
        var rows = ""
        for r in 1...40 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>0</v></c></row>" }
        let path = try XLSXFixture.book(sheets: [("S", rows)], sharedStrings: [big]).write()
        var limits = ReadLimits.standard
        limits.maxSheetTextCharacters = 32 << 20
        let workbook = try Workbook(path: path, limits: limits)
        #expect(throws: WorkbookError(.limitExceeded, at: "S", "This sheet's cells hold more than 32 MiB of text; refusing it.")) {
            try workbook.forEachRow(in: workbook.sheets[0]) { _ in }
        }
    }

    @Test("Two workbooks run together in one file are refused, whichever directory a reader would take")
    func twoArchivesInOneFile() throws {
        // The second book's directory, at the end, counts its offsets from its own start: libzip
        // took the first book's, while other programs read the second (explore-BJ).
        let first = try Data(contentsOf: URL(fileURLWithPath: try XLSXFixture.book(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>420</v></c></row>")]).write()))
        let second = try Data(contentsOf: URL(fileURLWithPath: try XLSXFixture.book(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>99999</v></c></row>")]).write()))
        let path = NSTemporaryDirectory() + "two-\(UUID().uuidString).xlsx"
        try (first + second).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = readError(path)
        #expect(error?.kind == .corruptArchive)
        #expect(error?.message.hasPrefix("The file holds \(first.count) bytes that its last zip directory does not account for: two workbooks run together") == true,
                "\(String(describing: error))")
        // Each book alone is read.
        let alone = NSTemporaryDirectory() + "one-\(UUID().uuidString).xlsx"
        try second.write(to: URL(fileURLWithPath: alone))
        defer { try? FileManager.default.removeItem(atPath: alone) }
        #expect(readError(alone) == nil)
    }

    @Test("A workbook whose end record marks only its counts as ZIP64 is read, not taken for two run together")
    func zip64CountsOnly() throws {
        let plain = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try XLSXFixture.book(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>")]).write())))
        let end = plain.count - 22
        #expect(plain[end] == 0x50 && plain[end + 1] == 0x4B && plain[end + 2] == 0x05 && plain[end + 3] == 0x06)
        func le(_ value: UInt64, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) } }
        func read(_ at: Int, _ bytes: Int) -> UInt64 { (0..<bytes).reduce(0) { $0 | UInt64(plain[at + $1]) << (8 * UInt64($1)) } }
        let entries = read(end + 10, 2), size = read(end + 12, 4), offset = read(end + 16, 4)
        // The ZIP64 end record and its locator, then the classic record with its counts 0xFFFF (explore-BK).
        let record = [0x50, 0x4B, 0x06, 0x06] + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4)
            + le(entries, 8) + le(entries, 8) + le(size, 8) + le(offset, 8)
        let locator = [0x50, 0x4B, 0x06, 0x07] + le(0, 4) + le(UInt64(end), 8) + le(1, 4)
        let classic = [0x50, 0x4B, 0x05, 0x06] + le(0, 2) + le(0, 2) + le(0xFFFF, 2) + le(0xFFFF, 2) + le(size, 4) + le(offset, 4) + le(0, 2)
        let path = NSTemporaryDirectory() + "zip64-\(UUID().uuidString).xlsx"
        try Data(plain[..<end] + record + locator + classic).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(readError(path) == nil, "\(String(describing: readError(path)))")
    }

    @Test("Duplicate entries, exact or differing only in case, are refused")
    func duplicates() throws {
        var f = XLSXFixture.book(sheets: [("S", "")])
        f.add("xl/worksheets/SHEET1.xml", XLSXFixture.worksheet(""))
        #expect(readError(try f.write()) == WorkbookError(.corruptArchive, at: "xl/worksheets/SHEET1.xml",
            "The zip container holds this part twice (names compared without case); it is ambiguous which one Excel would read."))

        var g = XLSXFixture.book(sheets: [("S", "")])
        g.add("xl/worksheets/sheetX.xml", XLSXFixture.worksheet(""))
        let path = try g.write()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let from = Data("sheetX.xml".utf8), to = Data("sheet1.xml".utf8)
        while let range = bytes.range(of: from) { bytes.replaceSubrange(range, with: to) }
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(readError(path)?.message.contains("holds this part twice") == true)
    }

    @Test("Files that are not workbooks say what they are", arguments: [
        ("empty.xlsx", [UInt8](), "The file is empty (0 bytes); it is not a workbook."),
        ("notes.xlsx", Array("just some text, not a zip".utf8), "This file is not an .xlsx workbook (it is not a zip container)."),
        ("old.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600),
         "This is a legacy Excel 97-2003 (.xls) file. Open it in Excel and save it as an .xlsx workbook."),
        ("locked.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 100)
            + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
         "This workbook is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook), save, and try again."),
        ("~$book.xlsx", Array("owner file".utf8),
         "This is the lock file Excel keeps beside an open workbook, not the workbook itself; use the file without the \"~$\" prefix."),
    ])
    func notWorkbooks(name: String, bytes: [UInt8], message: String) throws {
        let path = TemporaryFolder.make() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: WorkbookError(name.hasPrefix("locked") ? .passwordProtected : .notAWorkbook, at: "", message)) {
            _ = try Workbook(path: path)
        }
    }

    @Test("A damaged zip and a missing file are clean errors")
    func damaged() throws {
        let path = try XLSXFixture.book(sheets: [("S", "")]).write()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes = bytes.prefix(bytes.count - 30)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: WorkbookError(.corruptArchive, at: "", "This file starts as an .xlsx workbook does, but its zip "
            + "directory cannot be found: it is damaged or cut short (an interrupted download or copy). Save or copy it again.")) {
            _ = try Workbook(path: path)
        }
        #expect(throws: WorkbookError(.fileUnreadable, at: "", "The file cannot be opened: No such file or directory.")) {
            _ = try Workbook(path: "/nonexistent/book.xlsx")
        }
    }
}
