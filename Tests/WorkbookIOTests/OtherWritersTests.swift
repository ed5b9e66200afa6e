import RebalanceEngine
import Testing
@testable import WorkbookIO
import XLSXTestSupport

/// Books as programs other than Excel write them, and as PMs lay them out, that a reading
/// by the letter of the file format would take wrongly.
@Suite("Books from other writers and layouts")
struct OtherWritersTests {
    /// A row of inline strings and numbers, numbered `number`, for a sheet written by hand.
    private static func row(_ number: Int, _ cells: [FixtureCell]) -> String {
        var xml = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() {
            let ref = CellReference.name(column: index + 1, row: number)
            switch cell {
            case .text(let text): xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
            case .number(let value): xml += "<c r=\"\(ref)\"><v>\(value)</v></c>"
            default: Issue.record("only text and numbers are written here")
            }
        }
        return xml + "</row>"
    }

    /// A one-account book whose Model sheet is `modelRows`, the rows in the order given.
    private static func book(modelRows: String) throws -> String {
        try XLSXFixture.book(sheets: [
            ("Settings", row(1, ["Setting", "Value"]) + row(2, ["As Of Date", "2026-11-20"])),
            ("Lots", row(1, ["Symbol", "Quantity", "Cost Basis", "Acquired"]) + row(2, ["AAPL", 10, 1500, "2024-01-02"])),
            ("Model", modelRows),
            ("Prices", row(1, ["Symbol", "Price", "As Of"]) + row(2, ["AAPL", 190, "2026-11-20"])
                + row(3, ["MSFT", 400, "2026-11-20"])),
        ]).write()
    }

    @Test("An & in a sheet's name is the & the sheet tab shows")
    func ampersandInSheetName() throws {
        let path = try XLSXFixture.book(sheets: [("Tom &amp; Ellen Lots", Self.row(1, ["x"])),
                                                 ("A &lt; B &#38; C", Self.row(1, ["y"]))]).write()
        #expect(try Workbook(path: path).sheets.map(\.name) == ["Tom & Ellen Lots", "A < B & C"])
    }

    @Test("Rows a writer puts out of order are read by their numbers, with a note")
    func rowsOutOfOrder() throws {
        // The header (row 1) is written after the first target, as some streaming writers do.
        let path = try Self.book(modelRows: Self.row(2, ["AAPL", 0.6]) + Self.row(1, ["Symbol", "Target"])
            + Self.row(3, ["MSFT", 0.3]))
        let reading = try readPriced(path: path, today: Household.today)
        let portfolio = try #require(reading.portfolio)
        #expect(portfolio.models.flatMap(\.targets).map(\.symbol) == ["AAPL", "MSFT"])
        #expect(portfolio.models.flatMap(\.targets).map(\.target) == [Rate(millionths: 600_000), Rate(millionths: 300_000)])
        #expect(reading.diagnostics.contains {
            $0.place == "Model" && $0.message.hasPrefix("The sheet's rows are not written top to bottom (Model!row 1: row 1 comes after row 2")
        })
    }

    @Test("A row written twice with two values in a cell is an error naming the cell")
    func rowWrittenTwice() throws {
        let path = try Self.book(modelRows: Self.row(1, ["Symbol", "Target"]) + Self.row(2, ["AAPL", 0.6])
            + Self.row(2, ["AAPL", 0.5]))
        #expect(throws: WorkbookError(.invalidCell, at: "Model!B2", "The file writes row 2 twice, with two values in this "
            + "cell; open the workbook in a spreadsheet program, check the row and save it again.")) {
            try readPriced(path: path, today: Household.today)
        }
        // The same row twice, the same values: one row.
        let same = try Self.book(modelRows: Self.row(1, ["Symbol", "Target"]) + Self.row(2, ["AAPL", 0.6])
            + Self.row(2, ["AAPL", 0.6]))
        let reading = try readPriced(path: same, today: Household.today)
        #expect(try #require(reading.portfolio).models.flatMap(\.targets).map(\.symbol) == ["AAPL"])
    }

    @Test("Characters that take no room are not part of a symbol, household or group")
    func invisibleCharacters() throws {
        let path = try XLSXFixture.contractBook([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            ("Accounts", [["Account", "Household", "Type"], ["TAX", "Chen", "Taxable"], ["IRA", "Chen\u{200B}", "IRA"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["TAX", "VTI\u{200B}", 10, 1500, .day(2024, 1, 2)], ["IRA", "\u{FEFF}GOOG\u{2060}", 5, 500, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Target"], ["VTI", 0.5], ["GOOGL", 0.4]]),
            ("Securities", [["Symbol", "Identical Group"], ["GOOG", "Alphabet\u{00AD}"], ["GOOGL", "Alphabet"]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["VTI", 300, .day(2026, 11, 20)], ["GOOG", 170, .day(2026, 11, 20)],
                        ["GOOGL", 171, .day(2026, 11, 20)]]),
        ]).write()
        let reading = try readPriced(path: path, today: Household.today)
        let portfolio = try #require(reading.portfolio, "\(reading.errors)")
        #expect(portfolio.lots.map(\.symbol) == ["VTI", "GOOG"])
        #expect(portfolio.accounts.map(\.household) == ["Chen", "Chen"])
        #expect(portfolio.securities.map(\.identicalGroup) == ["Alphabet", "Alphabet"])
    }

    @Test("A lot, an account or a trade whose first cell opens like a total row is read")
    func totalNamedRows() throws {
        let path = try XLSXFixture.contractBook([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            ("Accounts", [["Account", "Name", "Type"], ["Total Return Trust", "Chen trust", "Trust"],
                          ["****4471", "Chen joint", "Joint"], ["Total", nil, nil]]),
            ("Lots", [["Description", "Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["Total Stock Market ETF", "Total Return Trust", "VTI", 10, 1500, .day(2024, 1, 2)],
                      ["Total Bond Market ETF", "****4471", "BND", 20, 1400, .day(2024, 1, 2)],
                      ["Total", nil, nil, 30, 2900, nil],
                      ["* Cost basis as reported by the custodian", nil, nil, nil, nil, nil]]),
            ("Model", [["Fund", "Symbol", "Target"], ["Total Stock Market", "VTI", 0.6], ["Total Bond Market", "BND", 0.38],
                       ["Total", nil, 0.98]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["VTI", 300, .day(2026, 11, 20)], ["BND", 72, .day(2026, 11, 20)]]),
        ]).write()
        let reading = try readPriced(path: path, today: Household.today)
        let portfolio = try #require(reading.portfolio, "\(reading.errors)")
        #expect(portfolio.accounts.map(\.id) == ["****4471", "Total Return Trust"])
        #expect(portfolio.lots.map(\.symbol) == ["VTI", "BND"])
        #expect(portfolio.models.flatMap(\.targets).map(\.symbol) == ["VTI", "BND"])
        #expect(reading.diagnostics.filter { $0.message.hasPrefix("Skipped: a summary or footer row") }.map(\.place)
            == ["Accounts!row 4", "Lots!row 4", "Model!row 4"])
        // The footnote holds nothing under a column the tool reads.
        #expect(reading.diagnostics.contains { $0.place == "Lots!row 5" && $0.message == "Skipped: no value under any known column." })
    }
}
