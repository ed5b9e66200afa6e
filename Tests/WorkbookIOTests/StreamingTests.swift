import Testing
@testable import WorkbookIO
import XLSXTestSupport

@Suite("Reading streams")
struct StreamingTests {
    @Test("A 200,000-row sheet is handed over one row at a time, in order, before the part is fully inflated")
    func rowsStream() throws {
        var rows = ""
        rows.reserveCapacity(200_000 * 120)
        for r in 1...200_000 {
            rows += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"inlineStr\"><is><t>ACCT-\(r % 97)</t></is></c><c r=\"B\(r)\"><v>\(r)</v></c>"
            rows += "<c r=\"C\(r)\"><v>\(Double(r) * 1.25)</v></c><c r=\"D\(r)\"><v>45000</v></c></row>"
        }
        let path = try XLSXFixture.book(sheets: [("Lots", rows)]).write()
        let archive = try ZipArchive(path: path, limits: .standard)
        let partSize = try archive.readAll("xl/worksheets/sheet1.xml").count

        let workbook = try Workbook(path: path)
        var count = 0
        var inOrder = true
        var largestRow = 0
        var inflatedAtFirstRow = -1
        try workbook.forEachRow(in: workbook.sheets[0]) { row in
            count += 1
            if row.number != count { inOrder = false }
            largestRow = max(largestRow, row.cells.count)
            if count == 1 { inflatedAtFirstRow = Int(workbook.bytesInflated) }
        }
        #expect(count == 200_000)
        #expect(inOrder)
        #expect(largestRow == 4)
        // The first row arrives after one 64 KiB chunk, not after the whole part.
        #expect(inflatedAtFirstRow > 0 && inflatedAtFirstRow < partSize / 100)
    }
}
