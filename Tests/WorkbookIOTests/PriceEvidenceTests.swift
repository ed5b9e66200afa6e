import RebalanceEngine
import Testing
import WorkbookIO
import XLSXTestSupport

/// What the book itself says of its prices: their unit (per 100 of face), their date on the
/// Lots sheet, their currency, and the rows that repeat or leave them blank.
@Suite("Price evidence")
struct PriceEvidenceTests {
    private func read(_ sheets: [(name: String, rows: [[FixtureCell]])]) throws -> PortfolioReading {
        try readPriced(path: try XLSXFixture.contractBook(sheets).write(), today: Household.today)
    }

    private static let settings: (name: String, rows: [[FixtureCell]]) =
        ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]])
    private static let model: (name: String, rows: [[FixtureCell]]) = ("Model", [["Symbol", "Target"], ["VTI", 0.99]])

    /// The per-100 errors of a read book, as the run gives them once prices are resolved.
    private func perHundred(_ reading: PortfolioReading) throws -> [String] {
        let portfolio = try #require(reading.portfolio, "\(reading.errors)")
        return BasisCheck.pricedPerHundred(lots: portfolio.lots, prices: portfolio.prices, requests: reading.priceRequests,
                                           lotCells: reading.lotCells).map(\.description)
    }

    @Test("A bond under a ticker, priced per 100, is an error naming the lot's and the price's cells")
    func bondTickerPerHundred() throws {
        for symbol in ["UST34", "T 4.25 11/15/34"] {
            let reading = try read([
                Self.settings,
                ("Lots", [["Account", "Lot ID", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                          ["TAX", "L1", "VTI", 100, 25_000, .day(2024, 1, 2)],
                          ["TAX", "L5", .text(symbol), 20_000, 19_700, .day(2022, 5, 1)]]),
                Self.model,
                ("Prices", [["Symbol", "Price", "As Of"], ["VTI", 300, .day(2026, 11, 20)],
                            [.text(symbol), 98.25, .day(2026, 11, 20)]]),
            ])
            #expect(try perHundred(reading) == [
                "Lots!D3: Lot L5 of \(symbol) in TAX: 20000 at a cost of $19,700.00 is worth $1,965,000.00 at the price 98.25 "
                    + "(Prices!B3), about a hundred times its cost, and its cost is 0.985 a unit of Quantity and its price 98.25, "
                    + "as a bond's or CD's are per dollar and per 100 of face: the price is per 100 of face. The tool values a "
                    + "lot at Quantity × Price, so every trade and tax of it would be a hundred times over. Give the price per "
                    + "unit of Quantity on the Prices sheet (98.25 is 0.9825), or the Quantity in the units the price is for. "
                    + "If the lot truly rose a hundredfold, give the Lots sheet a Market Value column showing Quantity × Price, "
                    + "which tells the tool so.",
            ])
        }
    }

    @Test("A lot export's Market Value about Quantity × Price / 100 refuses it; one that agrees keeps a hundredfold stock")
    func marketValueSettlesPerHundred() throws {
        func reading(marketValue: Double, quantity: Double) throws -> PortfolioReading {
            try read([
                Self.settings,
                ("Lots", [["Account", "Lot ID", "Symbol", "Quantity", "Cost Basis", "Acquired", "Price", "Market Value"],
                          ["TAX", "L1", "VTI", 100, 25_000, .day(2024, 1, 2), 300, 30_000],
                          ["TAX", "L2", "NVDA", .number(quantity), .number(quantity), .day(2012, 5, 1), 98.5, .number(marketValue)]]),
                Self.model,
            ])
        }
        // 20,050 of face (no round thousand): the row's own value says per 100.
        let bond = try perHundred(reading(marketValue: 19_749.25, quantity: 20_050))
        #expect(bond.count == 1)
        #expect(bond.first?.hasPrefix("Lots!D3: Lot L2 of NVDA in TAX: 20050 at a cost of $20,050.00 is worth $1,974,925.00 at "
            + "the price 98.50 (Lots!G3), about a hundred times its cost, and the row's Market Value, $19,749.25, is about "
            + "Quantity × Price / 100: the price is per 100 of face.") == true)
        // 2,000 shares bought at $1, now $98.50, worth what the row says: a hundredfold gain, read.
        #expect(try perHundred(reading(marketValue: 197_000, quantity: 2_000)).isEmpty)
    }

    @Test("A stock up a hundredfold from a low basis, where nothing says per 100, is read", arguments: [
        // Not a round number of thousands: no face amount.
        (quantity: 350.0, basis: 350.0, price: 98.5),
        // A cost per share of $0.40: far from par.
        (quantity: 2_000.0, basis: 800.0, price: 60.0),
        // A price of $250: far from 100.
        (quantity: 1_000.0, basis: 2_000.0, price: 250.0),
    ])
    func hundredfoldStockRead(lot: (quantity: Double, basis: Double, price: Double)) throws {
        let reading = try read([
            Self.settings,
            ("Lots", [["Account", "Lot ID", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["TAX", "L1", "VTI", 100, 25_000, .day(2024, 1, 2)],
                      ["TAX", "L2", "NVDA", .number(lot.quantity), .number(lot.basis), .day(2012, 5, 1)]]),
            Self.model,
            ("Prices", [["Symbol", "Price", "As Of"], ["VTI", 300, .day(2026, 11, 20)], ["NVDA", .number(lot.price), .day(2026, 11, 20)]]),
        ])
        #expect(try perHundred(reading).isEmpty)
    }

    @Test("A Lots price the book dates (a Price Date, an As Of, its title) is judged by that date")
    func lotsPricesDatedByTheBook() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Price"]
        let books: [(lots: [[FixtureCell]], dateCell: String)] = [
            ([header + ["Price Date"], ["TAX", "VTI", 100, 25_000, .day(2024, 1, 2), 300, .day(2026, 8, 31)]], "Lots!G2"),
            ([header + ["As Of"], ["TAX", "VTI", 100, 25_000, .day(2024, 1, 2), 300, .day(2026, 8, 31)]], "Lots!G2"),
            ([["Positions as of 08/31/2026"], header, ["TAX", "VTI", 100, 25_000, .day(2024, 1, 2), 300]], "Lots!A1"),
        ]
        for (lots, dateCell) in books {
            let priceCell = dateCell == "Lots!A1" ? "Lots!F3" : "Lots!F2"
            let refused = try read([Self.settings, ("Lots", lots), Self.model])
            #expect(refused.errors.map(\.description) == [
                "Prices: No usable price for 1 symbol:\n  VTI (held in TAX, \(priceCell)): Override: none; Workbook: stale, 81 days; "
                    + "API: none configured\nAdd or update them on the Prices sheet, or run with a quote API, or set Allow "
                    + "Stale Prices to Yes to use the stale ones.",
            ])
            #expect(refused.diagnostics.contains { $0.description == "\(priceCell): VTI has no Prices row: the Lots sheet's price, "
                + "300.00, is read as of 2026-08-31, the date \(dateCell) gives it." })
            let stale = try read([
                ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Allow Stale Prices", "Yes"]]),
                ("Lots", lots), Self.model,
            ])
            let price = try #require(stale.portfolio?.prices.first)
            #expect(price.asOf == CivilDate(year: 2026, month: 8, day: 31))
            #expect(price.origin == .stale)
        }
    }

    @Test("An FX Rate other than 1 beside a price is an error at its cell; a rate of 1 is a dollar price")
    func exchangeRateRefused() throws {
        for header in ["FX Rate", "Exchange Rate", "FX"] {
            let reading = try read([
                Self.settings,
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["TAX", "VTI", 100, 25_000, .day(2024, 1, 2)],
                          ["TAX", "VXUS", 200, 12_000, .day(2024, 1, 2)]]),
                ("Model", [["Symbol", "Target"], ["VTI", 0.6], ["VXUS", 0.39]]),
                ("Prices", [["Symbol", "Price", .text(header), "As Of"], ["VTI", 300, 1, .day(2026, 11, 20)],
                            ["VXUS", 89, 0.73, .day(2026, 11, 20)]]),
            ])
            #expect(reading.errors.map(\.description) == [
                "Prices!C3: The exchange rate in this column is 0.73 for this row: its price is in another currency, and the "
                    + "tool plans in US dollars and applies no exchange rates. Give the row's figures in dollars (and a rate "
                    + "of 1), or leave the row out.",
            ], "\(header)")
        }
    }

    @Test("A Price column headed in another currency is not advised to be renamed Price as it stands")
    func priceInAnotherCurrencyHeader() throws {
        let reading = try read([
            Self.settings,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["TAX", "VTI", 100, 25_000, .day(2024, 1, 2)]]),
            Self.model,
            ("Prices", [["Symbol", "Price (CAD)", "As Of"], ["VTI", 410, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Prices!row 1: The header row lacks the required column Price. \"Price (CAD)\" (Prices!B1) may be the Price, in "
                + "CAD: the tool plans in US dollars and applies no exchange rates, so give the figures in dollars under a "
                + "column headed Price.",
        ])
    }

    @Test("The same Prices row pasted twice is one price, with no Account column")
    func pastedPriceRowReadOnce() throws {
        let reading = try read([
            Self.settings,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["TAX", "VTI", 100, 25_000, .day(2024, 1, 2)]]),
            Self.model,
            ("Prices", [["Symbol", "Price", "As Of", "Source"], ["VTI", 300, .day(2026, 11, 20), "Schwab"],
                        ["VTI", 300, .day(2026, 11, 20), "Schwab"]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.prices.map(\.price) == [Price(micros: 300_000_000)])
        #expect(reading.diagnostics.contains { $0.description
            == "Prices!A3: VTI's row repeats the price and date of Prices!A2: one price, read once." })
        // Two prices of one symbol are still refused.
        let two = try read([
            Self.settings,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["TAX", "VTI", 100, 25_000, .day(2024, 1, 2)]]),
            Self.model,
            ("Prices", [["Symbol", "Price", "As Of"], ["VTI", 290, .day(2026, 11, 19)], ["VTI", 300, .day(2026, 11, 20)]]),
        ])
        #expect(two.errors.map(\.description) == ["Prices!A3: VTI is priced twice (also at Prices!A2)."])
    }

    @Test("A Lots Price of N/A for a symbol no Prices row prices is named in the missing price's message")
    func blankLotsPriceNamed() throws {
        let reading = try read([
            Self.settings,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Price"],
                      ["TAX", "VTI", 100, 25_000, .day(2024, 1, 2), 300], ["TAX", "VXUS", 200, 12_000, .day(2024, 1, 2), "N/A"]]),
            ("Model", [["Symbol", "Target"], ["VTI", 0.6], ["VXUS", 0.39]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Prices: No usable price for 1 symbol:\n  VXUS (held in TAX, Lots!F3): Override: none; Workbook: no price; API: none "
                + "configured\nAdd or update them on the Prices sheet, or run with a quote API.",
        ])
    }
}
