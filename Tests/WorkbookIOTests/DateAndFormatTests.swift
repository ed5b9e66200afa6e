import Testing
@testable import WorkbookIO
import XLSXTestSupport

@Suite("Dates, percents and durations from number formats")
struct DateAndFormatTests {
    @Test("Built-in format ids", arguments: [
        (0, NumberFormatKind.plain), (2, .plain), (4, .plain), (9, .percent), (10, .percent),
        (14, .date), (15, .date), (17, .date), (18, .date), (20, .date), (21, .date), (22, .date),
        (27, .date), (30, .date), (36, .date), (45, .date), (46, .duration), (47, .date),
        (49, .plain), (50, .date), (55, .date), (58, .date), (59, .plain), (5, .currency), (8, .currency), (44, .currency),
    ])
    func builtIn(id: Int, kind: NumberFormatKind) {
        #expect(NumberFormatKind.builtIn(id) == kind)
    }

    @Test("Custom codes: first section only, quoted text, escapes, colours and locales ignored", arguments: [
        ("yyyy-mm-dd", NumberFormatKind.date), ("m/d/yy h:mm", .date), ("[$-409]mmmm d, yyyy;@", .date),
        ("[Red]dd/mm/yyyy", .date), ("h:mm AM/PM", .date), ("mmm-yy", .date), ("[h]:mm:ss", .duration),
        ("[mm]:ss", .duration), ("[ss].00", .duration), ("0.00%", .percent), ("0%;[Red]-0%", .percent),
        ("#,##0.00", .plain), ("\"$\"#,##0.00_);[Red](\"$\"#,##0.00)", .currency), ("0.00\"days\"", .plain),
        ("[$$-409]#,##0.00", .currency), ("$#,##0", .currency), ("[$-409]#,##0.00", .plain),
        ("#,##0 \\m\\s", .plain), ("General", .plain), ("@", .plain), ("0.00E+00", .plain),
        ("_(* #,##0_);_(* (#,##0);_(* \"-\"??_);_(@_)", .plain), ("#,##0;[Red]yyyy", .plain),
        ("[>=100]#,##0;0.00", .plain), ("\"Date: \"0", .plain), ("0.0\"%\"", .plain), ("General\" shares\"", .plain),
    ])
    func custom(code: String, kind: NumberFormatKind) {
        #expect(NumberFormatKind.classify(code) == kind)
    }

    @Test("A date format writes the day first only with a numeric day before a numeric month", arguments: [
        ("dd/mm/yyyy", true), ("d.m.yy", true), ("[$-809]dd/mm/yyyy;@", true), ("dd-mm-yyyy hh:mm", true),
        ("mm/dd/yyyy", false), ("m/d/yy h:mm", false), ("yyyy-mm-dd", false), ("d-mmm-yy", false), ("dddd, mmmm d", false),
        ("h:mm", false), ("\"dd/mm\" yyyy-mm-dd", false), ("0.00", false), ("mmm d, yyyy", false),
    ])
    func dayFirstFormats(code: String, dayFirst: Bool) {
        #expect(NumberFormatKind.writesDayFirst(code) == dayFirst)
    }

    @Test("Serials in the 1900 system, with the phantom 29 February 1900", arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (61.0, "1900-03-01"), (46096.0, "2026-03-15"),
        (46096.5, "2026-03-15T12:00:00"), (0.25, "06:00:00"), (0.0, "00:00:00"), (2958465.0, "9999-12-31"),
        (45351.0, "2024-02-29"), (46096.999994212965, "2026-03-15T23:59:59"),
    ])
    func serial1900(serial: Double, iso: String) {
        #expect(ExcelDateTime(serial: serial, uses1904: false)?.iso == iso)
    }

    @Test("Serials in the 1904 system", arguments: [
        (1.0, "1904-01-02"), (11.0, "1904-01-12"), (11111.0, "1934-06-03"), (44634.0, "2026-03-15"),
    ])
    func serial1904(serial: Double, iso: String) {
        #expect(ExcelDateTime(serial: serial, uses1904: true)?.iso == iso)
    }

    @Test("A serial past year 9999 stays a number")
    func outOfRange() throws {
        #expect(ExcelDateTime(serial: 2958466, uses1904: false) == nil)
        let lines = try dump(try XLSXFixture.book(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\" s=\"0\"><v>99999999</v></c></row>")],
            styles: XLSXFixture.styles([14])).write())
        #expect(lines == ["S\tA1\tn\t99999999.0"])
    }

    @Test("Cells read through their styles: dates, percents typed as 5%, durations, text-formatted numbers")
    func styledCells() throws {
        let styles = XLSXFixture.styles([0, 14, 10, "[h]:mm", "dd\\.mm\\.yyyy", 49, 57])
        let lines = try dump(try XLSXFixture.book(sheets: [("S", """
            <row r="1"><c r="A1" s="1"><v>46096</v></c><c r="B1" s="2"><v>0.05</v></c><c r="C1" s="3"><v>1.5</v></c>\
            <c r="D1" s="4"><v>46096</v></c><c r="E1" s="5"><v>12</v></c><c r="F1" s="6"><v>46096</v></c><c r="G1" s="99"><v>7</v></c></row>
            """)], styles: styles).write())
        #expect(lines == ["S\tA1\td\t2026-03-15", "S\tB1\tn\t0.05", "S\tC1\tn\t1.5", "S\tD1\td\t2026-03-15",
                          "S\tE1\tn\t12.0", "S\tF1\td\t2026-03-15", "S\tG1\tn\t7.0"])
        let workbook = try Workbook(path: try XLSXFixture.book(
            sheets: [("S", "<row r=\"1\"><c r=\"B1\" s=\"2\"><v>0.05</v></c></row>")], styles: styles).write())
        try workbook.forEachRow(in: workbook.sheets[0]) { row in
            #expect(row[2] == .number(0.05, .percent))
        }
    }

    @Test("A conditional format's number format is not the cells' own of the same id")
    func differentialFormatsLeftToConditionalFormats() throws {
        // openpyxl renumbers the cell formats it saves, not a conditional format's: id 164 is the
        // cells' `#,##0.00`, and the `<dxf>` keeps a `0.0%` of its own under 164. Taken as the
        // cells', 12,500.00 was read as 1250000% (explore-DF).
        let styles = "<numFmts><numFmt numFmtId=\"164\" formatCode=\"#,##0.00;(#,##0.00)\"/></numFmts>"
            + "<cellStyleXfs><xf numFmtId=\"0\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs>"
            + "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></dxf></dxfs>"
        let lines = try dump(try XLSXFixture.book(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>12500</v></c></row>")], styles: styles).write())
        #expect(lines == ["S\tA1\tn\t12500.0"])
        let workbook = try Workbook(path: try XLSXFixture.book(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>12500</v></c></row>")], styles: styles).write())
        try workbook.forEachRow(in: workbook.sheets[0]) { row in
            #expect(row[1] == .number(12500, .plain))
        }
    }

    @Test("ISO dates of t=\"d\" cells", arguments: [
        ("2026-03-15", "2026-03-15"), ("2026-03-15T00:00:00", "2026-03-15"), ("2026-03-15T09:30:15.250Z", "2026-03-15T09:30:15"),
        ("09:30:00", "09:30:00"), ("2024-02-29T23:59:59+01:00", "2024-02-29T23:59:59"),
    ])
    func isoDates(text: String, iso: String) {
        #expect(ExcelDateTime(iso: text)?.iso == iso)
    }

    @Test("Durations print to the millisecond")
    func durations() {
        #expect(CellDump.durationToTheMillisecond(10.6320601851852) == 10.632060185185185)
        #expect(CellDump.durationToTheMillisecond(1.5) == 1.5)
    }
}

@Suite("A1 references")
struct CellReferenceTests {
    @Test("Column names", arguments: [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA"), (16384, "XFD")])
    func names(column: Int, name: String) {
        #expect(CellReference.columnName(column) == name)
        let parsed = Array((name + "12").utf8).withUnsafeBufferPointer { CellReference.parse($0) }
        #expect(parsed?.column == column)
        #expect(parsed?.row == 12)
    }

    @Test("Absolute references and junk")
    func parsing() {
        func parse(_ s: String) -> (column: Int?, row: Int?)? { Array(s.utf8).withUnsafeBufferPointer { CellReference.parse($0) } }
        #expect(parse("$B$7")?.column == 2)
        #expect(parse("$B$7")?.row == 7)
        #expect(parse("12")?.column == nil)
        #expect(parse("A1B") == nil)
        #expect(parse("") == nil)
        #expect(parse("ABCDE1") == nil)
    }
}
