import RebalanceEngine
import Testing
@testable import WorkbookIO
import XLSXTestSupport

/// A lot export laid out per security: no Symbol column, each security's lots under a title
/// naming it, above a repeat of the header or between the lots under one header.
@Suite("Lots sheets in blocks per security")
struct SymbolBlockTests {
    private static let settings: (name: String, rows: [[FixtureCell]]) =
        ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]])
    private static let accounts: (name: String, rows: [[FixtureCell]]) =
        ("Accounts", [["Account", "Cash"], ["ACC-1", 500], ["ACC-2", 0]])
    private static let model: (name: String, rows: [[FixtureCell]]) =
        ("Model", [["Symbol", "Target"], ["AAPL", 0.5], ["BRK.B", 0.4]])
    private static let prices: (name: String, rows: [[FixtureCell]]) =
        ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["BRK.B", 480, .day(2026, 11, 20)],
                    ["XOM", 110, .day(2026, 11, 20)]])
    private static let header: [FixtureCell] = ["Account", "Lot ID", "Open Date", "Quantity", "Cost Basis"]

    private static func read(_ lots: [[FixtureCell]]) throws -> PortfolioReading {
        let path = try XLSXFixture.contractBook([settings, accounts, ("Lots", lots), model, prices]).write()
        return try readPriced(path: path, today: Household.today)
    }

    @Test("Each security's block under its title and a repeat of the header: the title names the symbol")
    func titlesAboveRepeatedHeaders() throws {
        let reading = try Self.read([
            ["Unrealized gain/loss by lot"], [],
            ["APPLE INC (AAPL)"], Self.header,
            ["ACC-1", "L1", .day(2020, 1, 2), 10, 1500], ["ACC-2", "L2", .day(2024, 5, 6), 4, 700],
            ["AAPL Total", nil, nil, 14, 2200], [],
            ["BRK.B", "BERKSHIRE HATHAWAY INC CL B"], Self.header,
            ["ACC-1", "L3", .day(2019, 3, 4), 2, 600],
            [], ["Symbol: XOM"], Self.header,
            ["ACC-2", "L4", .day(2025, 7, 8), 5, 600],
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let lots = try #require(reading.portfolio?.lots)
        #expect(lots.map(\.symbol) == ["AAPL", "AAPL", "BRK.B", "XOM"])
        #expect(lots.map(\.account) == ["ACC-1", "ACC-2", "ACC-1", "ACC-2"])
        #expect(lots.map(\.lotID) == ["L1", "L2", "L3", "L4"])
        #expect(lots.map(\.costBasis) == [1500, 700, 600, 600].map { Money(dollars: $0) })
        let infos = reading.diagnostics.filter { $0.severity == .info }.map(\.description)
        #expect(infos.contains("Lots!A3: The lots under \"APPLE INC (AAPL)\", to the next security's title, are AAPL's: "
            + "the Lots sheet has no Symbol column, and the title names the symbol."))
        #expect(infos.contains("Lots!A9: The lots under \"BRK.B BERKSHIRE HATHAWAY INC CL B\", to the next security's "
            + "title, are BRK.B's: the Lots sheet has no Symbol column, and the title names the symbol."))
        #expect(infos.contains("Lots!A13: The lots under \"Symbol: XOM\", to the next security's title, are XOM's: the "
            + "Lots sheet has no Symbol column, and the title names the symbol."))
        #expect(infos.contains("Lots!row 14: Skipped: a repeat of the header row (row 4), above another block."))
        #expect(infos.contains("Lots!row 7: Skipped: a security's total row (\"AAPL Total\")."))
    }

    @Test("Titles between the lots under one header start each security's lots")
    func titlesUnderOneHeader() throws {
        let reading = try Self.read([
            Self.header,
            ["AAPL - Apple Inc"], ["ACC-1", "L1", .day(2020, 1, 2), 10, 1500], ["ACC-2", "L2", .day(2024, 5, 6), 4, 700],
            ["Berkshire Hathaway (BRK.B)"], ["ACC-1", "L3", .day(2019, 3, 4), 2, 600],
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let lots = try #require(reading.portfolio?.lots)
        #expect(lots.map(\.symbol) == ["AAPL", "AAPL", "BRK.B"])
        #expect(lots.map(\.account) == ["ACC-1", "ACC-2", "ACC-1"])
        let infos = reading.diagnostics.filter { $0.severity == .info }.map(\.description)
        #expect(infos.contains("Lots!row 2: Skipped: the title of the lots below."))
        #expect(infos.contains("Lots!row 5: Skipped: the title of the lots below."))
    }

    @Test("A title naming no symbol of the book, or two, and lots under no title, are errors naming their place")
    func unresolvedTitles() throws {
        let reading = try Self.read([
            ["Tax lots as of 11/20/2026"], Self.header, ["ACC-1", "L1", .day(2020, 1, 2), 10, 1500],
            [], ["Apple and Exxon: AAPL, XOM"], Self.header, ["ACC-1", "L2", .day(2020, 1, 2), 1, 150],
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!A1: The Lots sheet's header (row 2) has no Symbol column, so the title above the lots, \"Tax lots as "
                + "of 11/20/2026\", must name their symbol, and it names none of the Model, Prices, Securities or "
                + "Transactions sheets' symbols. Add a Symbol column, or write the symbol in the title.",
            "Lots!A5: The block title \"Apple and Exxon: AAPL, XOM\" could name any of the symbols AAPL, XOM: write the one symbol "
                + "alone in the title.",
        ])
        let untitled = try Self.read([Self.header, ["ACC-1", "L1", .day(2020, 1, 2), 10, 1500]])
        #expect(untitled.errors.map(\.description) == [
            "Lots!row 1: The lots under this header have no Symbol column and no title row above naming their "
                + "security: put a title naming the symbol above the header, or each lot's symbol in a Symbol column.",
        ])
    }

    @Test("A title's symbol: in parentheses first, then its first word, then any word the book knows")
    func symbolsNamedByTitles() {
        let known: Set<String> = ["AAPL", "BRK.B", "ETF", "VTI"]
        #expect(PortfolioBuilder.symbols(namedBy: "VANGUARD TOTAL STOCK MKT ETF (VTI)", among: known) == ["VTI"])
        #expect(PortfolioBuilder.symbols(namedBy: "aapl – Apple Inc.", among: known) == ["AAPL"])
        #expect(PortfolioBuilder.symbols(namedBy: "Security: BRK.B", among: known) == ["BRK.B"])
        #expect(PortfolioBuilder.symbols(namedBy: "Apple Inc", among: known) == [])
        #expect(PortfolioBuilder.symbols(namedBy: "VTI or AAPL, VTI", among: known) == ["VTI"])
        #expect(PortfolioBuilder.symbols(namedBy: "Total VTI and AAPL", among: known) == ["VTI", "AAPL"])
    }

    @Test("A symbol alone on its row heads the blank-symbol lots below it (a warning); a name alone there is an error")
    func securityHeadingRows() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Description", "Quantity", "Cost Basis", "Acquired"]
        func read(_ heading: [FixtureCell]) throws -> PortfolioReading {
            let path = try XLSXFixture.contractBook([Self.settings, Self.accounts, ("Lots", [
                header,
                heading,
                ["ACC-1", nil, nil, 10, 1500, .day(2020, 1, 2)], ["ACC-2", nil, nil, 4, 700, .day(2024, 5, 6)],
                [nil, "BRK.B", "Berkshire Hathaway Inc Cl B"],
                ["ACC-1", nil, nil, 2, 600, .day(2019, 3, 4)],
                ["Total", nil, nil, 16, 2800],
            ]), Self.model, Self.prices]).write()
            return try readPriced(path: path, today: Household.today)
        }
        let reading = try read([nil, "AAPL", "Apple Inc"])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.symbol) == ["AAPL", "AAPL", "BRK.B"])
        #expect(reading.portfolio?.lots.map(\.account) == ["ACC-1", "ACC-2", "ACC-1"])
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Lots") } == [
            "Lots!row 2: This row and 1 more like it hold a symbol alone, above lots whose Symbol is blank: each is read as "
                + "the heading of the lots below it, which are read as its security's (AAPL: rows 3–4). If a lot is another "
                + "security's, write its symbol on its row.",
        ])
        // A name across the Account column, or words under Symbol: not made a symbol.
        for (heading, said) in [(["APPLE INC (AAPL)"], "APPLE INC (AAPL)"), ([nil, "AAPL - APPLE INC"], "AAPL - APPLE INC")]
            as [([FixtureCell], String)] {
            let refused = try read(heading)
            #expect(refused.portfolio == nil)
            #expect(refused.errors.map(\.description) == [
                "Lots!row 2: \"\(said)\" heads the lots below it (rows 3–4), whose Symbol is blank: the tool reads each "
                    + "lot's symbol on the lot's own row. Write the symbol in each of those rows' Symbol cell, and delete this row.",
                "Lots!B3: Symbol is blank.", "Lots!B4: Symbol is blank.",
            ])
        }
    }

    @Test("A position row with -- under its Acquired, its lots' Symbol --, is a position row as with blanks")
    func positionRowsWithDashes() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"]
        let path = try XLSXFixture.contractBook([Self.settings, Self.accounts, ("Lots", [
            header,
            ["ACC-1", "AAPL", "--", 14, 2200, "--"],
            ["ACC-1", "--", "L1", 10, 1500, .day(2020, 1, 2)], ["ACC-1", "--", "L2", 4, 700, .day(2024, 5, 6)],
        ]), Self.model, Self.prices]).write()
        let reading = try readPriced(path: path, today: Household.today)
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.symbol) == ["AAPL", "AAPL"])
        #expect(reading.portfolio?.lots.map(\.lotID) == ["L1", "L2"])
    }

    @Test("A position's row dated Various above lots that repeat its account and symbol is set aside when they add up")
    func positionRowsAboveRepeatingLots() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"]
        let path = try XLSXFixture.contractBook([Self.settings, Self.accounts, ("Lots", [
            header,
            ["ACC-1", "AAPL", nil, 14, 2200, "Various"],
            ["ACC-1", "AAPL", "L1", 10, 1500, .day(2020, 1, 2)], ["ACC-1", "AAPL", "L2", 4, 700, .day(2024, 5, 6)],
            ["ACC-2", "BRK.B", nil, 2, 600, nil],
            ["ACC-2", "BRK.B", "L3", 2, 600, .day(2019, 3, 4)],
        ]), Self.model, Self.prices]).write()
        let reading = try readPriced(path: path, today: Household.today)
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let lots = try #require(reading.portfolio?.lots)
        #expect(lots.map(\.lotID) == ["L1", "L2", "L3"])
        #expect(lots.map(\.account) == ["ACC-1", "ACC-1", "ACC-2"])
        // Lots of another account below are not the position's.
        let other = try XLSXFixture.contractBook([Self.settings, Self.accounts, ("Lots", [
            header, ["ACC-1", "AAPL", nil, 14, 2200, nil], ["ACC-2", "AAPL", "L1", 14, 1500, .day(2020, 1, 2)],
        ]), Self.model, Self.prices]).write()
        #expect(try readPriced(path: other, today: Household.today).errors.map(\.message) == ["Acquired is blank."])
    }

    @Test("A position's row above its lots, Symbol left blank on them, gives them its symbol when they add up to it")
    func positionRowsAboveLots() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"]
        let path = try XLSXFixture.contractBook([Self.settings, Self.accounts, ("Lots", [
            header,
            ["ACC-1", "AAPL", nil, 14, 2200, nil],
            [nil, nil, "L1", 10, 1500, .day(2020, 1, 2)], [nil, nil, "L2", 4, 700, .day(2024, 5, 6)],
            ["ACC-2", "BRK.B", nil, 2, 600, nil],
            ["ACC-2", nil, "L3", 2, 600, .day(2019, 3, 4)],
        ]), Self.model, Self.prices]).write()
        let reading = try readPriced(path: path, today: Household.today)
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let lots = try #require(reading.portfolio?.lots)
        #expect(lots.map(\.symbol) == ["AAPL", "AAPL", "BRK.B"])
        #expect(lots.map(\.account) == ["ACC-1", "ACC-1", "ACC-2"])
        #expect(lots.map(\.lotID) == ["L1", "L2", "L3"])
        #expect(reading.diagnostics.map(\.description).contains("Lots!row 2: Skipped: the position row of AAPL: the lots "
            + "below it add up to its quantity, and are read as AAPL's."))
        // Lots that do not add up to the position's quantity are not guessed to be its.
        let short = try XLSXFixture.contractBook([Self.settings, Self.accounts, ("Lots", [
            header, ["ACC-1", "AAPL", nil, 15, 2200, nil], [nil, nil, "L1", 10, 1500, .day(2020, 1, 2)],
            [nil, nil, "L2", 4, 700, .day(2024, 5, 6)],
        ]), Self.model, Self.prices]).write()
        let refused = try readPriced(path: short, today: Household.today)
        #expect(refused.portfolio == nil)
        #expect(refused.errors.map(\.description).contains("Lots!F2: Acquired is blank."))
        #expect(refused.errors.map(\.description).contains("Lots!B3: Symbol is blank."))
    }
}
