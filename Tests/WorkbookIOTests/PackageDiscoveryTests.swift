import Testing
@testable import WorkbookIO
import XLSXTestSupport

@Suite("Finding the workbook, its sheets and parts")
struct PackageDiscoveryTests {
    @Test("Tab order comes from workbook.xml, hidden sheets are known as hidden")
    func tabOrderAndHidden() throws {
        let f = XLSXFixture.book(
            sheets: [("Lots", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"),
                     ("Notes", ""), ("Model", "")],
            hidden: ["Notes"])
        let workbook = try Workbook(path: try f.write())
        #expect(workbook.sheets.map(\.name) == ["Lots", "Notes", "Model"])
        #expect(workbook.sheets.map(\.isHidden) == [false, true, false])
        #expect(workbook.uses1904DateSystem == false)
    }

    @Test("Parts at the package root, found only through _rels/.rels, with Strict relationship types")
    func rootPartsAndStrict() throws {
        var f = XLSXFixture()
        let strict = "http://purl.oclc.org/ooxml/officeDocument/relationships"
        f.add("_rels/.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId9" Type="http://example.com/unknown" Target="docProps/custom.xml"/>\
            <Relationship Id="rId1" Type="\(strict)/officeDocument" Target="/book.xml"/></Relationships>
            """)
        f.add("book.xml", """
            <workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="\(strict)">\
            <sheets><sheet name="Only" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        f.add("_rels/book.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(strict)/worksheet" Target="data/s.xml"/></Relationships>
            """)
        f.add("data/s.xml", """
            <x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:sheetData>\
            <x:row r="1"><x:c r="B1"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>
            """)
        #expect(try dump(try f.write()) == ["Only\tB1\tn\t42.0"])
    }

    @Test("Part names are matched without case and with backslash separators")
    func backslashesAndCase() throws {
        var f = XLSXFixture.book(sheets: [("S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")],
                                 sharedStrings: ["hello"])
        for i in f.entries.indices where f.entries[i].name.hasPrefix("xl/") {
            f.entries[i].name = f.entries[i].name.replacingOccurrences(of: "/", with: "\\")
                .replacingOccurrences(of: "sharedStrings", with: "SHAREDstrings")
        }
        #expect(try dump(try f.write()) == ["S\tA1\ts\thello"])
    }

    @Test("The 1904 date system is read from workbookPr")
    func dateSystem1904() throws {
        let f = XLSXFixture.book(sheets: [("S", "<row r=\"1\"><c r=\"A1\" s=\"0\"><v>0</v></c><c r=\"B1\" s=\"0\"><v>1</v></c></row>")],
                                 styles: XLSXFixture.styles([14]), workbookPr: "<workbookPr date1904=\"1\"/>")
        let workbook = try Workbook(path: try f.write())
        #expect(workbook.uses1904DateSystem)
        #expect(try dump(workbook.path) == ["S\tA1\td\t00:00:00", "S\tB1\td\t1904-01-02"])
    }

    @Test("Errors for a package that cannot be followed, each with the part it concerns")
    func missingParts() throws {
        var noRels = XLSXFixture.book(sheets: [("S", "")])
        noRels.entries.removeAll { $0.name == "xl/_rels/workbook.xml.rels" }
        #expect(readError(try noRels.write()) == WorkbookError(
            .missingPart, at: "xl/_rels/workbook.xml.rels",
            "The workbook has no relationships part, so its sheets cannot be found."))

        var noPackageRels = XLSXFixture.book(sheets: [("S", "")])
        noPackageRels.entries.removeAll { $0.name == "_rels/.rels" }
        #expect(readError(try noPackageRels.write()) == WorkbookError(
            .missingPart, at: "_rels/.rels",
            "The workbook has no package relationships part, so its main part cannot be found."))

        var noSheetPart = XLSXFixture.book(sheets: [("Lots", "")])
        noSheetPart.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        #expect(readError(try noSheetPart.write()) == WorkbookError(
            .missingPart, at: "xl/worksheets/sheet1.xml",
            "The sheet \"Lots\" is listed, but its part is missing from the file."))

        var badTarget = XLSXFixture.book(sheets: [("S", "")])
        badTarget.entries.removeAll { $0.name == "_rels/.rels" }
        badTarget.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>")
        #expect(readError(try badTarget.write()) == WorkbookError(
            .missingPart, at: "_rels/.rels",
            "The package names no workbook part that it holds (no officeDocument relationship)."))
    }
}
