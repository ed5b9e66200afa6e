import Testing
@testable import WorkbookIO
import XLSXTestSupport

@Suite("Cell values as Excel shows them")
struct CellValueTests {
    private func one(_ cells: String, sst: [String]? = nil, styles: String? = nil) throws -> [String] {
        try dump(try XLSXFixture.book(sheets: [("S", "<row r=\"1\">\(cells)</row>")],
                                      sharedStrings: sst, styles: styles).write())
    }

    @Test("Every cell type: n s str b e d inlineStr")
    func types() throws {
        let lines = try one("""
            <c r="A1"><v>1234.5</v></c><c r="B1" t="n"><v>-3E-05</v></c><c r="C1" t="s"><v>0</v></c>\
            <c r="D1" t="str"><f>A1&amp;"x"</f><v>1234.5x</v></c><c r="E1" t="b"><v>1</v></c>\
            <c r="F1" t="b"><v>0</v></c><c r="G1" t="e"><v>#DIV/0!</v></c><c r="H1" t="e"><v>#GETTING_DATA</v></c>\
            <c r="I1" t="d"><v>2026-03-15T09:30:00Z</v></c><c r="J1" t="inlineStr"><is><t>inline</t></is></c>
            """, sst: ["shared"])
        #expect(lines == ["S\tA1\tn\t1234.5", "S\tB1\tn\t-3e-05", "S\tC1\ts\tshared", "S\tD1\ts\t1234.5x",
                          "S\tE1\tb\tTRUE", "S\tF1\tb\tFALSE", "S\tG1\te\t#DIV/0!", "S\tH1\te\t#GETTING_DATA",
                          "S\tI1\td\t2026-03-15T09:30:00", "S\tJ1\ts\tinline"])
    }

    @Test("Shared strings: rich runs joined, phonetic runs skipped, _xHHHH_ decoded")
    func sharedStrings() throws {
        let lines = try one("<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>",
            sst: ["<r><rPr><b/></rPr><t>Total </t></r><r><t xml:space=\"preserve\">Cost</t></r>",
                  "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/>",
                  "<t>Line_x000D__x000A_Two _x005F_x0041_ _xD83D__xDE00_</t>"])
        #expect(lines == ["S\tA1\ts\tTotal Cost", "S\tB1\ts\t東京", "S\tC1\ts\tLine\\r\\nTwo _x0041_ 😀"])
    }

    @Test("Formulas read by their cached value; one with none is reported, not printed")
    func formulas() throws {
        let f = XLSXFixture.book(sheets: [("S", "<row r=\"7\"><c r=\"A7\"><f>1+1</f><v>2</v></c><c r=\"B7\"><f>SUM(A1:A6)</f></c></row>")])
        let workbook = try Workbook(path: try f.write())
        var values: [CellValue] = []
        let missing = try workbook.forEachRow(in: workbook.sheets[0]) { row in values += row.cells.map(\.value) }
        #expect(values == [.number(2, .plain), .formulaWithoutValue])
        #expect(missing == ["B7"])
        #expect(try dump(workbook.path) == ["S\tA7\tn\t2.0"])
    }

    @Test("A workbook asking to be calculated on opening: a formula's saved 0 is unknown to the portfolio reader, kept by the dump")
    func placeholderResults() throws {
        let rows = "<row r=\"2\"><c r=\"A2\"><f>B1*C1</f><v>0</v></c><c r=\"B2\"><f>1+1</f><v>2</v></c><c r=\"C2\"><v>0</v></c></row>"
        let marked = XLSXFixture.book(sheets: [("S", rows)], workbookPr: "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/>")
        let workbook = try Workbook(path: try marked.write())
        #expect(workbook.formulaResultsMayBePlaceholders)
        var distrusted: [CellValue] = []
        let summary = try workbook.readRows(in: workbook.sheets[0], distrustingZeroResults: true) { distrusted += $0.cells.map(\.value) }
        #expect(distrusted == [.uncalculatedFormula, .number(2, .plain), .number(0, .plain)])
        #expect(summary.formulasWithoutValue == ["A2"])
        var asSaved: [CellValue] = []
        try workbook.forEachRow(in: workbook.sheets[0]) { asSaved += $0.cells.map(\.value) }
        #expect(asSaved == [.number(0, .plain), .number(2, .plain), .number(0, .plain)])
        #expect(try dump(workbook.path) == ["S\tA2\tn\t0.0", "S\tB2\tn\t2.0", "S\tC2\tn\t0.0"])

        // Excel's own files do not ask it: a formula's saved 0 is its value.
        let excel = try Workbook(path: try XLSXFixture.book(sheets: [("S", rows)], workbookPr: "<calcPr calcId=\"191029\"/>").write())
        #expect(!excel.formulaResultsMayBePlaceholders)
        var values: [CellValue] = []
        _ = try excel.readRows(in: excel.sheets[0], distrustingZeroResults: true) { values += $0.cells.map(\.value) }
        #expect(values == [.number(0, .plain), .number(2, .plain), .number(0, .plain)])
    }

    @Test("Rows and cells without r= are placed after the previous one")
    func missingReferences() throws {
        let lines = try dump(try XLSXFixture.book(sheets: [("S", """
            <row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row><row r="4"><c r="C4"><v>2</v></c><c><v>3</v></c></row><row><c><v>4</v></c></row>
            """)]).write())
        #expect(lines == ["S\tA1\ts\ta", "S\tB1\tn\t1.0", "S\tC4\tn\t2.0", "S\tD4\tn\t3.0", "S\tA5\tn\t4.0"])
    }

    @Test("Empty values and empty strings are no cells")
    func emptyCells() throws {
        let lines = try one("<c r=\"A1\" t=\"s\"/><c r=\"B1\"><v></v></c><c r=\"C1\" t=\"inlineStr\"><is><t></t></is></c><c r=\"D1\" s=\"0\"/>", sst: [""])
        #expect(lines.isEmpty)
    }

    @Test("Nothing is sized from uniqueCount, <dimension> or r=")
    func untrustedSizes() throws {
        var f = XLSXFixture.book(sheets: [("S", "")])
        f.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        f.add("xl/worksheets/sheet1.xml", """
            <worksheet xmlns="\(XLSXFixture.mainNS)"><dimension ref="A1:XFD1048576"/><sheetData>\
            <row r="1048576" spans="1:16384"><c r="XFD1048576"><v>9</v></c></row></sheetData></worksheet>
            """)
        #expect(try dump(try f.write()) == ["S\tXFD1048576\tn\t9.0"])
    }

    @Test("Rows and columns past Excel's limits are refused with the place named")
    func pastLimits() throws {
        let row = try XLSXFixture.book(sheets: [("Lots", "<row r=\"1048577\"><c><v>1</v></c></row>")]).write()
        #expect(readError(row) == WorkbookError(.invalidCell, at: "Lots!row 1048577", "Row 1048577 is past Excel's last row (1048576)."))
        let column = try XLSXFixture.book(sheets: [("Lots", "<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>")]).write()
        #expect(readError(column) == WorkbookError(.invalidCell, at: "Lots!row 2", "A cell is in column 16385, past Excel's last column XFD (16384)."))
    }

    @Test("NaN and Infinity, as some writers save a formula without a number, are Excel's #NUM! error")
    func notANumber() throws {
        let lines = try one("<c r=\"A1\"><v>NaN</v></c><c r=\"B1\"><v> inf </v></c><c r=\"C1\"><f>1/0</f><v>-Infinity</v></c>")
        #expect(lines == ["S\tA1\te\t#NUM!", "S\tB1\te\t#NUM!", "S\tC1\te\t#NUM!"])
    }

    @Test("Unreadable values name their cell")
    func badValues() throws {
        let cases: [(String, WorkbookError)] = [
            ("<c r=\"D17\"><v>12abc</v></c>", WorkbookError(.invalidCell, at: "S!D17", "The number \"12abc\" cannot be read.")),
            ("<c r=\"D17\"><v>0x1F</v></c>", WorkbookError(.invalidCell, at: "S!D17", "The number \"0x1F\" cannot be read.")),
            ("<c r=\"D17\" t=\"s\"><v>5</v></c>", WorkbookError(.invalidCell, at: "S!D17", "The cell refers to shared string 5, but the workbook has only 1.")),
            ("<c r=\"D17\" t=\"b\"><v>maybe</v></c>", WorkbookError(.invalidCell, at: "S!D17", "The boolean value \"maybe\" cannot be read.")),
            ("<c r=\"D17\" t=\"d\"><v>2026-02-30</v></c>", WorkbookError(.invalidCell, at: "S!D17", "The date \"2026-02-30\" is not an ISO 8601 date.")),
            ("<c r=\"D17\" t=\"q\"><v>1</v></c>", WorkbookError(.invalidCell, at: "S!D17", "The cell type \"q\" is not one Excel writes.")),
        ]
        for (xml, expected) in cases {
            let path = try XLSXFixture.book(sheets: [("S", "<row r=\"17\">\(xml)</row>")], sharedStrings: ["x"]).write()
            #expect(readError(path) == expected)
        }
    }
}
