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

    /// Gnumeric writes a column formatted whole as `<col style=…>` and leaves the style off its
    /// cells; LibreOffice and Gnumeric show such a cell in its row's format (a row with
    /// `customFormat`), else its column's. Read as General, a `"$"#,##0"K"` or `dd/mm/yyyy`
    /// column passed the checks of what its cells show (explore-EH).
    @Test("A cell without a style of its own is read in its row's format, else its column's")
    func rowAndColumnStyles() throws {
        let styles = XLSXFixture.styles([0, 14, 10, "dd/mm/yyyy", "\"$\"#,##0\"K\""])
        let path = try XLSXFixture.book(sheets: [("S", """
            <row r="1"><c r="A1"><v>46096</v></c><c r="B1"><v>0.05</v></c><c r="C1" s="0"><v>46096</v></c>\
            <c r="D1"><v>46096</v></c><c r="F1"><v>7</v></c><c r="H1"><v>90</v></c></row>\
            <row r="2" s="4" customFormat="1"><c r="A2"><v>0.5</v></c><c r="G2"><v>25</v></c></row>\
            <row r="3" s="4"><c r="A3"><v>46097</v></c><c r="G3"><v>3</v></c></row>
            """)], styles: styles,
            beforeRows: ["S": "<cols><col min=\"1\" max=\"1\" style=\"1\"/><col min=\"2\" max=\"3\" style=\"2\"/>"
                + "<col min=\"4\" max=\"5\" style=\"3\"/><col min=\"8\" max=\"8\" style=\"4\"/></cols>"]).write()
        // A1 and A3 by column A's date format, D1 by D's day-first one; C1's own General stands;
        // F1 and G3 lie in no styled column; A2 and G2 take their row's style over the column's.
        #expect(try dump(path) == ["S\tA1\td\t2026-03-15", "S\tB1\tn\t0.05", "S\tC1\tn\t46096.0", "S\tD1\td\t2026-03-15",
                                   "S\tF1\tn\t7.0", "S\tH1\tn\t90.0", "S\tA2\tn\t0.5", "S\tG2\tn\t25.0",
                                   "S\tA3\td\t2026-03-16", "S\tG3\tn\t3.0"])
        let workbook = try Workbook(path: path)
        var rows: [Row] = []
        let summary = try workbook.readRows(in: workbook.sheets[0]) { rows.append($0) }
        // A percent the cell has only from its row or column is left to the column's plain-number
        // rule: Excel shows it in General (a script's 60 in a percent column shows 60 there, 6000%
        // in LibreOffice). Its own percent stands.
        #expect(rows[0][2] == .number(0.05, .plain))
        // What the checks of a cell's format see: the day-first date, the scale word of column H
        // and of row 2 (not row 3, whose style is not its cells' without customFormat).
        #expect(summary.firstDayFirstDate == .init(cell: "D1", format: "dd/mm/yyyy"))
        #expect(summary.scaleWordCells == ["H1", "A2", "G2"].map { .init(cell: $0, format: "\"$\"#,##0\"K\"") })
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
