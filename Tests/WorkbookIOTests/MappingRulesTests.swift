import RebalanceEngine
import Testing
@testable import WorkbookIO
import XLSXTestSupport

@Suite("The contract's reading rules")
struct MappingRulesTests {
    private func read(_ sheets: [(name: String, rows: [[FixtureCell]])], asOf: CivilDate? = nil) throws -> PortfolioReading {
        try readPriced(path: try XLSXFixture.contractBook(sheets).write(), asOf: asOf, today: Household.today)
    }

    /// A book of one AAPL lot whose Transactions sheet is `rows`.
    private func readTransactions(_ rows: [[FixtureCell]]) throws -> PortfolioReading {
        try read([Self.asOf, Self.oneLot, Self.model, Self.prices, ("Transactions", rows)])
    }

    /// A Settings sheet with the As Of Date alone.
    private static let asOf: (name: String, rows: [[FixtureCell]]) =
        ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]])
    /// A Lots sheet of one AAPL lot in account A.
    private static let oneLot: (name: String, rows: [[FixtureCell]]) =
        ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]])
    private static let model: (name: String, rows: [[FixtureCell]]) = ("Model", [["Symbol", "Target"], ["AAPL", 0.99]])
    private static let prices: (name: String, rows: [[FixtureCell]]) =
        ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)]])

    @Test("A one-account book needs no Account column, and blank Lot IDs are made from symbol and row")
    func oneAccountBook() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Symbol", "Quantity", "Cost Basis", "Acquired"], ["AAPL", 10, 1500, .day(2024, 1, 2)],
                      ["AAPL", 5, 900, .day(2025, 1, 2)]]),
            Self.model, Self.prices,
        ])
        let p = try #require(reading.portfolio)
        #expect(p.accounts.map(\.id) == ["Account"])
        #expect(p.accounts[0].household == "Account")
        #expect(p.accounts[0].cash == .zero)
        #expect(p.lots.map(\.lotID) == ["AAPL-r2", "AAPL-r3"])
        #expect(p.lots.map(\.account) == ["Account", "Account"])
        #expect(reading.warnings.map(\.message) == [
            "The workbook has no Accounts sheet: \"Account\" is an account with no cash, its own household and the Settings defaults.",
        ])
    }

    @Test("Without an Accounts sheet every account named in Lots is inferred, each its own household")
    func inferredAccounts() throws {
        let reading = try read([
            Self.asOf,
            // The blank Account above every written one: under no account's block, so not read as a grouped sheet's.
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], [nil, "AAPL", 1, 100, .day(2024, 1, 2)],
                      ["B-2", "AAPL", 1, 100, .day(2024, 1, 2)], ["A-1", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == ["Lots!A2: Account is blank, and the book has 2 accounts; say which one."])
        #expect(reading.warnings.map(\.message) == [
            "The workbook has no Accounts sheet: \"A-1\", \"B-2\" are accounts with no cash, each its own household and the Settings defaults.",
        ])
    }

    @Test("A lot export of many accounts names the first ten and counts the rest")
    func manyInferredAccounts() throws {
        let ids = (1...12).map { "ACCT-\($0 < 10 ? "0" : "")\($0)" }
        let lots: [[FixtureCell]] = [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]]
            + ids.map { [.text($0), "AAPL", 1, 100, .day(2024, 1, 2)] }
        let reading = try read([
            Self.asOf, ("Lots", lots), Self.model, Self.prices,
        ])
        #expect(reading.portfolio?.accounts.count == 12)
        #expect(reading.warnings.map(\.message) == [
            "The workbook has no Accounts sheet: \"ACCT-01\", \"ACCT-02\", \"ACCT-03\", \"ACCT-04\", \"ACCT-05\", "
                + "\"ACCT-06\", \"ACCT-07\", \"ACCT-08\", \"ACCT-09\", \"ACCT-10\" and 2 more are accounts with no cash, "
                + "each its own household and the Settings defaults.",
        ])
    }

    @Test("--as-of beats the As Of Date setting; with neither, today is used with a warning")
    func asOfPrecedence() throws {
        let sheets = [("Settings", [["Setting", "Value"], ["As Of Date", .day(2026, 11, 20)]] as [[FixtureCell]]),
                      Self.oneLot,
                      Self.model, Self.prices]
        let override = try read(sheets, asOf: CivilDate(year: 2026, month: 11, day: 21))
        #expect(override.portfolio?.settings.asOf.description == "2026-11-21")
        let fromSheet = try read(sheets)
        #expect(fromSheet.portfolio?.settings.asOf.description == "2026-11-20")
        let neither = try read(Array(sheets.dropFirst()) + [("Settings", [["Setting", "Value"], ["Tax Budget", 0]])])
        #expect(neither.warnings.first?.message == "No As Of Date is set; today's date, 2030-01-01, is used. Set it (or pass --as-of) for a reproducible run.")
        // One given but unreadable is said at its cell only: "no As Of Date is set" was not so (explore-DV).
        let unreadable = try read(Array(sheets.dropFirst()) + [("Settings", [["Setting", "Value"], ["As Of Date", "Fri 11/20/2026"]])])
        #expect(unreadable.errors.map(\.message) == [
            "As Of Date: Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"Fri 11/20/2026\".",
        ])
        #expect(!unreadable.warnings.contains { $0.message.hasPrefix("No As Of Date is set") })
    }

    @Test("Settings weights read per key: a percent cell or 5% text is its fraction, a plain number above 1 a percent")
    func settingsPercents() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Short-Term Rate", 37], ["Long-Term Rate", 0.2],
                          ["Default Band", "3%"], ["Cash Target", .percent(0.025)], ["Harvest Min Loss %", 4],
                          ["Harvest Min Loss", "$2,500"], ["Tax Budget", "Unlimited"], ["Lot Method", "hifo"],
                          ["Rebalance To", "Band Edge"], ["Fractional Shares", "Yes"], ["Wash Sale Days", 31]]),
            Self.oneLot,
            Self.model, Self.prices,
        ])
        let s = try #require(reading.portfolio?.settings)
        #expect(s.rates == TaxRates(shortTerm: Rate(millionths: 370_000), longTerm: Rate(millionths: 200_000)))
        #expect(s.defaultBand == Rate(millionths: 30_000))
        #expect(s.cashTarget == Rate(millionths: 25_000))
        #expect(s.harvestMinLossPercent == Rate(millionths: 40_000))
        #expect(s.harvestMinLoss == Money(dollars: 2_500))
        #expect(s.taxBudget == .unlimited)
        #expect(s.lotMethod == .hifo)
        #expect(s.rebalanceTo == .bandEdge)
        #expect(s.fractionalShares)
        #expect(s.washSaleDays == 31)
        #expect(reading.view.settings.first == "As Of Date = 2026-11-20 (Settings!B2)")
        #expect(reading.view.settings.contains("Short-Term Rate = 37% (Settings!B3)"))
    }

    @Test("Day settings written with their unit (`45 days`) are read as the number, noted; other words stay errors")
    func settingsDaysWithUnit() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Wash Sale Days", "45 days"],
                          ["Price Max Age Days", "1 Day"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        let s = try #require(reading.portfolio?.settings)
        #expect(s.washSaleDays == 45)
        #expect(s.priceMaxAgeDays == 1)
        #expect(reading.diagnostics.contains { $0.severity == .info && $0.place == "Settings!B3" && $0.message == "Wash Sale Days \"45 days\" is read as 45 days." })
        // Longer than the law's 30 days: warned that the estimate follows the setting.
        #expect(reading.diagnostics.contains {
            $0.severity == .warning && $0.place == "Settings!B3"
                && $0.message.hasPrefix("Wash Sale Days is 45, longer than the 30 days of 26 USC 1091(a).")
                && $0.message.contains("a purchase 31 to 45 days from a loss sale is treated as a replacement in the tax estimate")
        })
        let weeks = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Wash Sale Days", "5 weeks"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(weeks.portfolio == nil)
        #expect(weeks.errors.map(\.description) == ["Settings!B3: Wash Sale Days must be a whole number of days, found \"5 weeks\"."])
    }

    @Test("Cash target: the Accounts column, else the model's CASH row, else Settings; accounts override Settings")
    func cashTargetPrecedence() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Cash Target", "2%"], ["Tax Budget", 1000]]),
            ("Accounts", [["Account", "Model", "Cash Target", "Tax Budget", "Short-Term Rate"],
                          ["A", nil, "4%", nil, nil], ["B", nil, nil, 0, "35%"], ["C", "Income", nil, "Unlimited", nil],
                          ["D", nil, nil, "No Limit", nil]]),
            Self.oneLot,
            ("Model", [["Model", "Symbol", "Target"], [nil, "AAPL", "90%"], [nil, "CASH", "3%"], ["Income", "AAPL", "50%"]]),
            Self.prices,
        ])
        let accounts = try #require(reading.portfolio?.accounts)
        #expect(accounts.map(\.cashTarget) == [Rate(millionths: 40_000), Rate(millionths: 30_000), Rate(millionths: 20_000),
                                               Rate(millionths: 30_000)])
        #expect(accounts.map(\.taxBudget) == [.limit(Money(dollars: 1_000)), .limit(.zero), .unlimited, .unlimited])
        #expect(accounts.map(\.rates.shortTerm) == [Rate(millionths: 408_000), Rate(millionths: 350_000), Rate(millionths: 408_000),
                                                    Rate(millionths: 408_000)])
    }

    @Test("The price chain: Override wins even when dated after the As Of, a stale price only under Allow Stale Prices")
    func priceChain() throws {
        func prices(allowStale: Bool) throws -> PortfolioReading {
            try read([
                ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Allow Stale Prices", allowStale ? "Yes" : "No"]]),
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                          ["A", "MSFT", 1, 100, .day(2024, 1, 2)], ["A", "VTI", 1, 100, .day(2024, 1, 2)],
                          ["A", "BND", 1, 100, .day(2024, 1, 2)]]),
                ("Model", [["Symbol", "Target"], ["AAPL", "99%"]]),
                ("Prices", [["Symbol", "Price", "As Of", "Override"], ["AAPL", 190, .day(2026, 11, 25), 188.5],
                            ["MSFT", 400, .day(2026, 11, 10), nil], ["VTI", 260, .day(2026, 11, 15), nil],
                            ["BND", 72, nil, nil]]),
            ])
        }
        let strict = try prices(allowStale: false)
        #expect(strict.errors.map(\.description) == [
            "Prices: No usable price for 1 symbol:\n  MSFT (held in A, Prices!B3): Override: none; Workbook: stale, 10 days; API: none configured\nAdd or update them on the Prices sheet, or run with a quote API, or set Allow Stale Prices to Yes to use the stale ones.",
        ])
        let lenient = try prices(allowStale: true)
        let p = try #require(lenient.portfolio)
        #expect(p.prices.map(\.symbol) == ["AAPL", "BND", "MSFT", "VTI"])
        #expect(p.prices.map(\.origin) == [.override, .workbook, .stale, .workbook])
        #expect(p.prices.map(\.price) == [Price(decimal: "188.5")!, Price(decimal: "72")!, Price(decimal: "400")!, Price(decimal: "260")!])
        #expect(p.prices[1].asOf.description == "2026-11-20")
        #expect(lenient.warnings.dropFirst().map(\.description) == [
            "Prices!D2: AAPL's Override is dated 2026-11-25, after the As Of date 2026-11-20; the Override wins all the same.",
            "Prices!B3: MSFT's price is 10 days old (Price Max Age Days is 5); used as a stale price under Allow Stale Prices.",
        ])
    }

    @Test("A workbook price dated after the As Of is not used")
    func futurePrice() throws {
        let reading = try read([
            Self.asOf,
            Self.oneLot,
            Self.model,
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, "11/21/2026"]]),
        ])
        #expect(reading.diagnostics.filter { $0.place.hasPrefix("Prices") && $0.severity != .error }.map { "\($0.severity.rawValue): \($0)" } == [
            "Warning: Prices!C2: AAPL's price is dated 2026-11-21, after the As Of date 2026-11-20; it is not used.",
        ])
        #expect(reading.errors.map(\.description) == [
            "Prices: No usable price for 1 symbol:\n  AAPL (held in A, Prices!B2): Override: none; Workbook: dated 2026-11-21, after the As Of; API: none configured\nAdd or update them on the Prices sheet, or run with a quote API.",
        ])
    }

    @Test("A symbol priced with other separators than the book writes it is named, not guessed at")
    func lookalikePrice() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                      ["A", "BRK.B", 2, 800, .day(2024, 1, 2)]]),
            Self.model,
            ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["BRK/B", 480]]),
        ])
        #expect(reading.warnings.map(\.description).contains(
            "Prices!A3: BRK/B is priced here, but the book writes BRK.B (held in A); write the symbol the same way on every sheet."))
        #expect(reading.errors.map(\.description) == [
            "Prices: No usable price for 1 symbol:\n  BRK.B (held in A): Override: none; Workbook: no row (Prices!A3 has BRK/B); API: none configured\nAdd or update them on the Prices sheet, or run with a quote API.",
        ])
    }

    @Test("One symbol written with other separators on two sheets is an error naming both cells")
    func symbolSpellings() throws {
        func book(securities: [[FixtureCell]]) throws -> PortfolioReading {
            try read([
                Self.asOf,
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                          ["A", "BRK/B", 2, 800, .day(2024, 1, 2)]]),
                ("Model", [["Symbol", "Target"], ["AAPL", 0.5], ["brk.b", 0.4]]),
                ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["BRK/B", 480], ["BRK.B", 480], ["BRKB", 480]]),
                ("Securities", securities),
                ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"], ["A", "2026-11-02", "BRK B", "Sell", 1]]),
            ])
        }
        let mixed = try book(securities: [["Symbol", "Replacement"], ["AAPL", "BRKB"]])
        #expect(mixed.errors.map(\.description) == [
            "Model!A3: BRK.B here and BRK/B at Lots!B3 differ only in their separators: write one security the same way on every sheet (or list both on the Securities sheet if they are two).",
            "Securities!B2: BRKB here and BRK/B at Lots!B3 differ only in their separators: write one security the same way on every sheet (or list both on the Securities sheet if they are two).",
            "Transactions!C2: BRK B here and BRK/B at Lots!B3 differ only in their separators: write one security the same way on every sheet (or list both on the Securities sheet if they are two).",
        ])
        // Listed on the Securities sheet, each is a security of its own.
        let declared = try book(securities: [["Symbol", "Replacement"], ["AAPL", "BRKB"], ["BRK/B", nil], ["BRK.B", nil],
                                             ["BRKB", nil], ["BRK B", nil]])
        #expect(declared.errors.isEmpty, "\(declared.errors)")
    }

    @Test("A symbol written with its exchange after it beside the bare symbol is an error naming both cells")
    func symbolsWithTheirExchange() throws {
        // It was refused as a symbol with no price, with no word of VTI.
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "VTI US", 1, 100, .day(2024, 1, 2)],
                      ["A", "AAPL.O", 2, 300, .day(2024, 1, 2)], ["A", "BRK.B", 1, 400, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Target"], ["VTI", 0.5], ["AAPL", 0.2], ["BRK", 0.2]]),
            ("Prices", [["Symbol", "Price"], ["VTI", 300], ["AAPL", 190], ["BRK", 480], ["VTI US", 300], ["AAPL.O", 190],
                        ["BRK.B", 480]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Lots!B2: VTI US here and VTI at Model!A2 name one security, the first with its exchange written with it: write "
                + "VTI on every sheet (or list both on the Securities sheet if they are two).",
            "Lots!B3: AAPL.O here and AAPL at Model!A3 name one security, the first with its exchange written with it: write "
                + "AAPL on every sheet (or list both on the Securities sheet if they are two).",
        ])
        // A class letter is no exchange.
        #expect(PortfolioBuilder.withoutExchange("BRK.B") == nil)
        #expect(PortfolioBuilder.withoutExchange("VTI US Equity") == "VTI")
        // Before it, after a colon, or as Refinitiv and FactSet write listings (explore-AO).
        for (written, bare) in [("NYSEARCA:VTI", "VTI"), ("NASDAQ:GOOGL", "GOOGL"), ("US:VTI", "VTI"), ("VTI:US", "VTI"),
                                ("VTI-US", "VTI"), ("VTI.P", "VTI"), ("VTI.K", "VTI")] {
            #expect(PortfolioBuilder.withoutExchange(written) == bare, "\(written)")
        }
        for (written, bare) in [("'GOOGL", "GOOGL"), ("\"VTI\"", "VTI"), ("(VTI)", "VTI"), ("[VTI]", "VTI"), ("GOOGL*", "GOOGL"),
                                ("VTI#", "VTI"), ("$VTI", "VTI")] {
            #expect(PortfolioBuilder.withoutMarks(written) == bare, "\(written)")
        }
        #expect(PortfolioBuilder.withoutMarks("VTI") == nil)
        #expect(PortfolioBuilder.withoutMarks("SPAXX**") == nil)
        #expect(PortfolioBuilder.withoutExchange("A:B:C") == nil)
    }

    @Test("A Transactions loss sale written with the exchange or marks beside the bare symbol elsewhere is an error naming both")
    func transactionSymbolsWithExchangeOrMarks() throws {
        // PATEL-IRA bought GOOGL inside the window of this loss sale, which opened none.
        for written in ["NASDAQ:GOOGL", "'GOOGL", "GOOGL-US", "(GOOGL)"] {
            let reading = try read([
                Self.asOf,
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "GOOGL", 10, 1500, .day(2024, 1, 2)]]),
                ("Model", [["Symbol", "Target"], ["GOOGL", 0.9]]),
                ("Prices", [["Symbol", "Price"], ["GOOGL", 170]]),
                ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                                  ["A", "2026-11-04", .text(written), "Sell", 10, -2100]]),
            ])
            #expect(reading.errors.map(\.description) == [
                "Transactions!C2: \(written) here and GOOGL at Lots!B2 name one security, the first with "
                    + (written.contains(":") || written.hasSuffix("-US") ? "its exchange written with it" : "marks around it")
                    + ": write GOOGL on every sheet (or list both on the Securities sheet if they are two).",
            ], "\(written)")
        }
    }

    @Test("A security's name with its ticker in parentheses beside the ticker elsewhere is an error naming both cells")
    func nameWithTickerInParentheses() throws {
        // explore-CS: read as a security of its own, the lot was sold at a $5,000 loss as
        // legacy and 107 AAPL bought the same day; a Transactions loss sale opened no window.
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "Apple Inc (AAPL)", 100, 25000, .day(2026, 6, 10)], ["A", "VTI", 10, 3000, .day(2024, 1, 10)]]),
            ("Model", [["Symbol", "Target"], ["AAPL", 0.5], ["VTI", 0.49]]),
            ("Prices", [["Symbol", "Price"], ["AAPL", 200], ["VTI", 300], ["Apple Inc (AAPL)", 200]]),
            ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", "2026-11-10", "Microsoft Corp (MSFT)", "Sell", 5, -400],
                              ["A", "2026-11-12", "Vanguard Total Stock (VTI)", "Sell", 5, -300]]),
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!B2: APPLE INC (AAPL) here and AAPL at Model!A2 name one security, the first with its name written before "
                + "the ticker: write AAPL on every sheet (or list both on the Securities sheet if they are two).",
            "Transactions!C3: VANGUARD TOTAL STOCK (VTI) here and VTI at Lots!B3 name one security, the first with its name "
                + "written before the ticker: write VTI on every sheet (or list both on the Securities sheet if they are two).",
        ])
        // Only a name ending in one word in parentheses names a ticker.
        #expect(PortfolioBuilder.tickerInParentheses("APPLE INC (AAPL)") == "AAPL")
        #expect(PortfolioBuilder.tickerInParentheses("(VTI)") == nil)
        #expect(PortfolioBuilder.tickerInParentheses("IXUS (FIRST CHOICE)") == nil)
        #expect(PortfolioBuilder.tickerInParentheses("APPLE INC") == nil)
    }

    @Test("Full-width symbols read as their ASCII ones; a decimal comma after a zero is refused")
    func fullWidthAndLeadingZeroGroups() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "\u{FF21}\u{FF21}\u{FF30}\u{FF2C}", 10, 1500, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.symbol) == ["AAPL"])
        let comma = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", "0,420", 1500, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(comma.errors.map(\.description) == [
            "Lots!C2: Quantity: Expected a number, found \"0,420\": its commas or spaces do not set off thousands (1,234.50 or "
                + "15 000), so it may be written with a decimal comma; write decimals with a point (1234.56).",
        ])
    }

    @Test("Transactions symbols that are an ISIN, a SEDOL or a name, named nowhere else, are warned of")
    func transactionIdentifiers() throws {
        #expect(PortfolioBuilder.identifierKind("US0378331005") == "an ISIN")
        #expect(PortfolioBuilder.identifierKind("US02079K3059") == "an ISIN")
        #expect(PortfolioBuilder.identifierKind("US0378331006") == nil)
        #expect(PortfolioBuilder.identifierKind("BYVY8G0") == "a SEDOL")
        #expect(PortfolioBuilder.identifierKind("ALPHABET INC CL A") == "a security's name")
        #expect(PortfolioBuilder.identifierKind("BRK B") == nil)
        #expect(PortfolioBuilder.identifierKind("VTI US") == nil)
        #expect(PortfolioBuilder.identifierKind("GOOGL") == nil)
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", "2026-11-04", "US02079K3059", "Sell", 10, -2100],
                              ["A", "2026-11-05", "ALPHABET INC CL A", "Sell", 5, -900]]),
        ])
        #expect(reading.errors.isEmpty)
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Transactions") } == [
            "Transactions!row 2: US02079K3059 is an ISIN, not a ticker, and nothing else in the book names it: trades are "
                + "matched to holdings by ticker, so this sale opens or blocks no wash-sale window on the security it traded. "
                + "Write its ticker in Symbol.",
            "Transactions!row 3: ALPHABET INC CL A is a security's name, not a ticker, and nothing else in the book names it: "
                + "trades are matched to holdings by ticker, so this sale opens or blocks no wash-sale window on the security "
                + "it traded. Write its ticker in Symbol.",
        ])
    }

    @Test("Lots held by a CUSIP or an ISIN no model names, beside a model of tickers, are warned of once; a Hold or a group settles it")
    func heldIdentifiers() throws {
        func book(_ securities: [[FixtureCell]]?, model: [[FixtureCell]] = [["Symbol", "Target"], ["VTI", 0.99]]) throws -> [String] {
            var sheets: [(name: String, rows: [[FixtureCell]])] = [
                Self.asOf,
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                          ["A", "922908769", 100, 25_000, .day(2024, 1, 2)],
                          ["A", "922908769", 10, 2_900, .day(2024, 3, 2)],
                          ["B", "US9229087690", 50, 12_000, .day(2023, 5, 2)],
                          ["B", "VTI", 5, 1_200, .day(2023, 5, 2)]]),
                ("Model", model),
                ("Prices", [["Symbol", "Price"], ["VTI", 310], ["922908769", 310], ["US9229087690", 310]]),
            ]
            if let securities { sheets.append(("Securities", securities)) }
            return try read(sheets).warnings.map(\.description).filter { $0.contains("identifier") }
        }
        #expect(try book(nil) == [
            "Lots: 922908769 (a CUSIP, in A) and US9229087690 (an ISIN, in B) are held under identifiers no model names, "
                + "where the models name tickers, so the plan sells them down as legacy. If one is a security a model names "
                + "by its ticker, write the ticker in Lots: under two names the tool sees two securities, and a loss sold under "
                + "one and bought back under the other is a wash sale it cannot see. A holding to keep as it is (a bond, a CD): "
                + "mark it Hold on the Securities sheet.",
        ])
        // The PM's word on each, in Securities: nothing to say.
        #expect(try book([["Symbol", "Identical Group", "Restriction"],
                          ["922908769", "Total market", ""], ["VTI", "Total market", ""], ["US9229087690", "", "Hold"]]) == [])
        // A model that names its funds by CUSIP too: the book's own names.
        #expect(try book(nil, model: [["Symbol", "Target"], ["922908769", 0.5], ["US9229087690", 0.49]]) == [])
    }

    @Test("A Securities rule on a symbol nothing else names, and a one-member identical group beside a like-named one, are warned of")
    func idleSecurityRows() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                      ["A", "GOOG", 2, 300, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Target"], ["AAPL", 0.5], ["GOOGL", 0.4]]),
            ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["GOOG", 170], ["GOOGL", 171]]),
            ("Securities", [["Symbol", "Identical Group", "Restriction"], ["037833100", nil, "No Sell"],
                            ["GOOGL", "Alphabet", nil], ["GOOG", "Alphabet Inc", nil], ["MSFT", nil, nil],
                            // Two families whose names share a first word only are two families.
                            ["VOO", "S&P 500", nil], ["IVV", "S&P 500", nil], ["IJH", "S&P Midcap", nil]]),
        ])
        #expect(reading.errors.isEmpty)
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Securities") } == [
            "Securities!A2: 037833100, a CUSIP, is named by no lot, model, replacement or trade of the book, so its "
                + "Restriction (No Sell) applies to nothing. If it is a security the book holds or trades, write the symbol "
                + "the Lots and Model sheets use.",
            "Securities!B3: GOOGL is the only security of the identical group \"Alphabet\", beside the group \"Alphabet Inc\" "
                + "(Securities!B4): a group of one shares no wash-sale window and counts toward no other symbol's target. If "
                + "they are one family, write its name the same way.",
        ])
    }

    @Test("A manual trade whose Quantity says empty (`--`, `N/A`) and has no Amount is an error, as a blank one is")
    func manualTradeOfNoSize() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Amount"], ["A", "AAPL", "Sell", "--", nil],
                               ["A", "AAPL", "Sell", "N/A", "--"]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Manual Trades!row 2: The trade gives neither a Quantity nor an Amount.",
            "Manual Trades!row 3: The trade gives neither a Quantity nor an Amount.",
        ])
    }

    /// A size under a header not read (`Shares to Sell`): "gives neither" alone was untrue to a
    /// PM who had filled it (explore-EM).
    @Test("A manual trade of no size read names the column that may hold it")
    func manualTradeSizeUnderAnotherName() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Shares to Sell", "Amount"], ["A", "AAPL", "Sell", 1, nil]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Manual Trades!row 2: The trade gives neither a Quantity nor an Amount the tool reads: the column \"Shares to Sell\" "
                + "(Manual Trades!D1) is not read. If it holds the trade's shares, rename it Quantity; if its dollars, Amount.",
        ])
    }

    @Test("A manual trade's Amount whose format shows a scale word it does not scale by is refused; a scaling format is read")
    func manualAmountFormattedInThousands() throws {
        // (explore-EA) `"$"#,##0"K"` on 5 shows $5K: read as $5.00, the PM's $5,000 trim sold
        // one share, and a $5,000 buy was dropped as less than a share.
        let refused = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Amount"],
                               ["A", "AAPL", "Sell", nil, .formatted(5, "\"$\"#,##0\"K\"")],
                               ["A", "AAPL", "Buy", nil, .formatted(2.5, "#,##0.0 \"k\"")]]),
        ])
        #expect(refused.portfolio == nil)
        #expect(refused.errors.map(\.description) == [
            "Manual Trades!E2: Amount holds 5 but is formatted to show \"$5K\": its number format, \"$\"#,##0\"K\", writes "
                + "\"K\" after the number without scaling it, and the tool reads the amount the cell holds, $5.00. Enter the "
                + "whole amount in dollars ($5,000.00 for 5 thousand), and format the cell as dollars.",
            "Manual Trades!E3: Amount holds 2.5 but is formatted to show \"2.5 k\": its number format, #,##0.0 \"k\", writes "
                + "\"k\" after the number without scaling it, and the tool reads the amount the cell holds, $2.50. Enter the "
                + "whole amount in dollars ($2,500.00 for 2.5 thousand), and format the cell as dollars.",
        ])
        // (explore-EF) The whole amount is worked from the number held: 18.2504 thousand is
        // $18,250.40, where $18,250.00 had been advised.
        let fraction = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Amount"], ["A", "AAPL", "Sell", .formatted(18.2504, "\"$\"#,##0.0\"K\"")]]),
        ])
        #expect(fraction.errors.map(\.description) == [
            "Manual Trades!D2: Amount holds 18.2504 but is formatted to show \"$18.3K\": its number format, \"$\"#,##0.0\"K\", "
                + "writes \"K\" after the number without scaling it, and the tool reads the amount the cell holds, $18.25. Enter "
                + "the whole amount in dollars ($18,250.40 for 18.2504 thousand), and format the cell as dollars.",
        ])
        // A format that scales by itself shows the amount held (`#,##0,"K"` on 5000 is 5K): read.
        let read = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Amount"], ["A", "AAPL", "Buy", .formatted(5000, "\"$\"#,##0,\"K\"")]]),
        ])
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(read.portfolio?.manualTrades.map(\.size) == [.amount(Money(dollars: 5000))])
    }

    @Test("Manual Trades kept as a log: rows marked executed or cancelled are not placed again, an earlier day's unmarked row is refused")
    func manualTradesLog() throws {
        // Last month's executed sale was placed again when the sheet was read as written.
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Manual Trades", [["Date", "Account", "Symbol", "Side", "Quantity", "Status"],
                               [.day(2026, 10, 15), "A", "AAPL", "Sell", 3, "Executed"],
                               [.day(2026, 11, 2), "A", "AAPL", "Sell", 1, "Cancelled"],
                               [.day(2026, 11, 19), "A", "AAPL", "Sell", 1, "Pending"]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.manualTrades.map(\.size) == [.quantity(Quantity(shares: 1))])
        #expect(reading.warnings.filter { $0.place == "Manual Trades" }.map(\.description) == ["Manual Trades: Rows 2 and 3 are trades the Status marks "
            + "executed, sent or cancelled: not placed again. Clear the mark of one meant for this run."])
        let unmarked = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Manual Trades", [["Date", "Account", "Symbol", "Side", "Quantity", "Status"],
                               [.day(2026, 10, 15), "A", "AAPL", "Sell", 3, nil],
                               [.day(2026, 11, 20), "A", "AAPL", "Sell", 1, "Maybe"]]),
        ])
        #expect(unmarked.errors.map(\.description) == [
            "Manual Trades!A2: This manual trade is dated 2026-10-15, before the As Of date 2026-11-20: a trade of an "
                + "earlier day may have been placed already. Delete the row if it was (an executed trade belongs on "
                + "Transactions), or clear its date, or mark it Pending in a Status column, to place it in this run.",
            "Manual Trades!F3: The Status \"Maybe\" does not say whether the trade is still to be placed (Pending, Open, "
                + "Approved) or not (Executed, Sent, Cancelled): write one of those."])
        // A blotter's Working order is at the broker already: asked, not placed again. A
        // trade dated after the As Of is refused: the run trades on the As Of.
        let later = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Manual Trades", [["Date", "Account", "Symbol", "Side", "Quantity", "Status"],
                               [.day(2026, 11, 20), "A", "AAPL", "Sell", 1, "Working"],
                               [.day(2026, 12, 28), "A", "AAPL", "Sell", 1, nil],
                               [.day(2026, 12, 28), "A", "AAPL", "Sell", 1, "Pending"]]),
        ])
        #expect(later.errors.map(\.description) == [
            "Manual Trades!F2: The Status \"Working\" does not say whether the trade is still to be placed (Pending, Open, "
                + "Approved) or not (Executed, Sent, Cancelled): write one of those.",
            "Manual Trades!A3: This manual trade is dated 2026-12-28, after the As Of date 2026-11-20: the run trades on the "
                + "As Of. Move the row to the run of its day, or clear its date to place it in this one.",
            "Manual Trades!A4: This manual trade is dated 2026-12-28, after the As Of date 2026-11-20: the run trades on the "
                + "As Of. Move the row to the run of its day, or clear its date to place it in this one."])
    }

    @Test("A manual trade's flag column (Executed?, Cancel) marks it done with a Yes, still to place with a No")
    func manualTradeDoneFlag() throws {
        let lots: (name: String, rows: [[FixtureCell]]) =
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1000, .day(2024, 1, 2)]])
        let reading = try read([
            Self.asOf, lots, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Executed?"],
                               ["A", "AAPL", "Sell", 3, "Yes"], ["A", "AAPL", "Sell", 2, "x"], ["A", "AAPL", "Sell", 1, "\u{2713}"],
                               ["A", "AAPL", "Sell", 4, "No"], ["A", "AAPL", "Sell", 5, nil]]),
        ])
        // Read as an unknown column, the executed sale was placed again (explore-BC).
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.manualTrades.map(\.size) == [.quantity(Quantity(shares: 4)), .quantity(Quantity(shares: 5))])
        #expect(reading.warnings.filter { $0.place == "Manual Trades" }.map(\.description) == ["Manual Trades: Rows 2, 3 and 4 "
            + "are trades the column \"Executed?\" marks executed, sent or cancelled: not placed again. Clear the mark of one "
            + "meant for this run."])
        let unclear = try read([
            Self.asOf, lots, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Cancel"], ["A", "AAPL", "Sell", 3, "maybe"]]),
        ])
        #expect(unclear.errors.map(\.description) == ["Manual Trades!E2: The column \"Cancel\" holds \"maybe\", which does not "
            + "say whether the trade is done: write Yes (done, not placed again) or No (still to place)."])
        // When, where or how much it was done says it was (explore-BF: a `Fill Date` was passed over).
        let filled = try read([
            Self.asOf, lots, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Fill Date"],
                               ["A", "AAPL", "Sell", 3, .day(2026, 11, 19)], ["A", "AAPL", "Sell", 2, "Pending"]]),
        ])
        #expect(filled.errors.isEmpty, "\(filled.errors)")
        #expect(filled.portfolio?.manualTrades.map(\.size) == [.quantity(Quantity(shares: 2))])
        // A Status still to place beside a Yes is followed, with a word (explore-BF).
        let both = try read([
            Self.asOf, lots, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Status", "Executed?"], ["A", "AAPL", "Sell", 3, "Pending", "Yes"]]),
        ])
        #expect(both.portfolio?.manualTrades.count == 1)
        #expect(both.warnings.map(\.description).contains("Manual Trades!F2: The Status \"Pending\" says this trade is still to "
            + "be placed, and the column \"Executed?\" marks it done: the Status is followed and the trade placed. Clear the one "
            + "not meant."), "\(both.warnings)")
    }

    @Test("A manual trade's Note saying it was done or is on hold is asked about unless a Status says otherwise")
    func manualTradeNoteWithholding() throws {
        // Placed as written, an order noted DO NOT PLACE was in the plan.
        let lots: (name: String, rows: [[FixtureCell]]) =
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1000, .day(2024, 1, 2)]])
        let reading = try read([
            Self.asOf, lots, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Note", "Status"],
                               ["A", "AAPL", "Sell", 1, "DO NOT PLACE - on hold", nil],
                               ["A", "AAPL", "Sell", 1, "Executed 11/18", nil],
                               ["A", "AAPL", "Sell", 1, "don\u{2019}t trade until the CIO signs", nil],
                               ["A", "AAPL", "Sell", 1, "Trim after the executed sale settles", nil],
                               ["A", "AAPL", "Sell", 1, "Filled 6 of 10; rest still to go", "Pending"]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Manual Trades!E2: The Note \"DO NOT PLACE - on hold\" says \"do not place\": this trade may have been placed "
                + "already, or be not to place. Delete the row if so, or say so in a Status column: Pending to place it in "
                + "this run, Executed or Cancelled to keep it out.",
            "Manual Trades!E3: The Note \"Executed 11/18\" says \"executed\": this trade may have been placed already, or "
                + "be not to place. Delete the row if so, or say so in a Status column: Pending to place it in this run, "
                + "Executed or Cancelled to keep it out.",
            "Manual Trades!E4: The Note \"don\u{2019}t trade until the CIO signs\" says \"don't trade\": this trade may have "
                + "been placed already, or be not to place. Delete the row if so, or say so in a Status column: Pending to "
                + "place it in this run, Executed or Cancelled to keep it out.",
        ])
        // A Note about another trade, and one under a Status that says Pending, are the PM's own words.
        #expect(PortfolioBuilder.noteWithholding("Trim after the executed sale settles") == nil)
        #expect(PortfolioBuilder.noteWithholding("Approved by CIO 11/19") == nil)
        // A sentence after the outcome is the PM's own; a bare outcome, a cancellation or a
        // hold is not (explore-BF).
        for note in ["Placed with desk 9:45", "Placed per CIO request", "Sent by JS for approval", "Done in two tranches",
                     "Trim, not on hold", "client has already placed a deposit", "Hold 6 months then sell",
                     "Replaces the order not cancelled", "Ask before you cancel",
                     // Of another order, denied, asked or a list (explore-BM).
                     "replaces cancelled order", "Rebal sell - not cancelled", "DNT list checked",
                     "Checked DNT list - ok to trade", "Client asked: cancelled? no - go ahead", "excellent entry point",
                     // Something else cancelled (explore-BP).
                     "Funding from cancelled CD", "client cancelled their annuity", "Voided check redeposited",
                     // Denied by an article, a hold over, a noun's void, another thing cancelled (explore-BR).
                     "Not a cancellation - trim per IPS", "Client no longer on hold with custodian; proceed",
                     "Per IPS - hold off was lifted 11/15", "Sell to fund void left by closed-end fund redemption",
                     "Sell - client cancelled the gift instead"] {
            #expect(PortfolioBuilder.noteWithholding(note) == nil, "\(note)")
        }
        for (note, words) in [("Sold 11/18", "sold"), ("Order sent 11/19", "sent"), ("Partially filled 50 of 100", "filled"),
                              ("Exec'd 11/18", "exec'd"), ("Working", "working"), ("Cancel - client withdrew", "cancel"),
                              ("Cxl", "cxl"), ("Hold", "hold"), ("Filled @ 301.20", "filled"),
                              // A cancellation at the end and the desk's DNT anywhere (explore-BL).
                              ("client gift - cancelled", "cancelled"), ("Rebalance trim - CXL", "cxl"),
                              ("DNT", "dnt"), ("Tax trade DNT until 12/1", "dnt"),
                              // Anywhere in the note (explore-BM: each was placed).
                              ("Trim - Cancelled per client 11/19", "cancelled"), ("Trim - client cancelled request", "cancelled"),
                              ("Trim - cancellation requested", "cancellation"), ("Trim - cancel", "cancel"),
                              ("Trim - superseded", "superseded"), ("Trim - cxl/rebook", "cxl"), ("Trim - DNP", "dnp"),
                              ("Trim - D.N.T.", "dnt"),
                              ("Revoked", "revoked"), ("Trim - CANX", "canx"), ("Kill", "kill"), ("Not placing", "not placing"),
                              // Still marks beside this stop's denials (explore-BR).
                              ("Trim - client cancelled the order", "cancelled"), ("Trim - VOID per client", "void"),
                              ("Trim - void", "void"), ("On hold until the CIO signs", "on hold"),
                              // A hold not over, another noun, a client's word (explore-BV: each placed).
                              ("Hold - not lifted", "hold"), ("On hold - will be lifted 12/1", "on hold"),
                              ("Hold off until lifted", "hold off"), ("Client cancelled the rebalance", "cancelled"),
                              ("Client said not to sell", "not to sell"), ("Dont trade", "dont trade")] {
            #expect(PortfolioBuilder.noteWithholding(note) == words, "\(note)")
        }
    }

    @Test("A manual trade that Transactions list on the As Of is warned of, naming both rows")
    func manualTradeAlsoOnTransactions() throws {
        let lots: (name: String, rows: [[FixtureCell]]) =
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 20, 4000, .day(2024, 1, 2)]])
        let reading = try read([
            Self.asOf, lots, Self.model,
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["MSFT", 400, .day(2026, 11, 20)]]),
            ("Transactions", [["Account", "Date", "Symbol", "Action", "Quantity", "Realized Gain"],
                              ["A", .day(2026, 11, 20), "AAPL", "Sell", 10, -200],
                              ["A", .day(2026, 11, 19), "MSFT", "Buy", 5, nil]]),
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["A", "AAPL", "Sell", 10], ["A", "MSFT", "Buy", 5]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        // Yesterday's MSFT buy is history; today's AAPL sale may be the manual trade itself.
        #expect(reading.warnings.filter { $0.place.hasPrefix("Manual Trades") }.map(\.description) == [
            "Manual Trades!row 2: This sells 10 AAPL in A, and Transactions!row 2 lists a sale of 10 AAPL there on "
                + "2026-11-20, the As Of date. If that is this trade, executed already, delete this row or mark it Executed "
                + "in a Status column: the plan places it again."])
    }

    @Test("A symbol priced on two rows of a sheet with an Account column is told that prices are one a symbol")
    func pricesPerAccount() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Prices", [["Account", "Symbol", "Price", "As Of"], ["A", "AAPL", 190, .day(2026, 11, 20)],
                        ["B", "AAPL", 191, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.map(\.description) == ["Prices!B3: AAPL is priced twice (also at Prices!B2). Prices are one a "
            + "symbol for the whole book, and the column \"Account\" (Prices!A1) is not read: keep one row of each symbol."])
        // The same price on each account's row is one price (explore-BF).
        let same = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Prices", [["Account", "Symbol", "Price", "As Of"], ["A", "AAPL", 190, .day(2026, 11, 20)],
                        ["B", "AAPL", 190, .day(2026, 11, 20)]]),
        ])
        #expect(same.errors.isEmpty, "\(same.errors)")
    }

    @Test("A second table of lots, trades or securities beside the book's own sheet is warned of, hidden or not")
    func secondTables() throws {
        let lotHeader: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        let trades: (name: String, rows: [[FixtureCell]]) =
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["A", "AAPL", "Sell", 1]])
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices, trades,
            ("Lots Fidelity", [lotHeader, ["A", "AAPL", 5, 600, .day(2025, 3, 3)]]),
            ("Trust Trades", [["Account", "Symbol", "Side", "Quantity"], ["A", "AAPL", "Sell", 1]]),
            // A sheet of dividends holds a trade table's columns, not its trades.
            ("Dividends", [["Account", "Symbol", "Action", "Amount"], ["A", "AAPL", "Qualified Dividend", 12.5]]),
        ])
        // Passed over with a note, the custodian's lots were planned as not held (explore-BC);
        // refused, a book keeping such sheets for other ends could not run (explore-BF).
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let named = reading.warnings.map(\.description).filter { text in
            ["Lots Fidelity", "Trust Trades", "Dividends"].contains { text.hasPrefix($0) }
        }
        #expect(named == [
            "Lots Fidelity: This sheet holds a Lots table (Symbol, Quantity, Cost Basis or Unit Cost, Acquired) beside the "
                + "Lots sheet, and only Lots is read: its lots are left out of the plan, as if not held. If its rows belong in "
                + "this run and are not on Lots already, move them onto Lots (one table for the book, an Account column telling "
                + "accounts apart); if not, delete the sheet.",
            "Trust Trades: This sheet holds a Manual Trades table (Symbol, Side, Quantity or Amount) beside the Manual "
                + "Trades sheet, and only Manual Trades is read: its trades are not placed. If its rows belong in this run and "
                + "are not on Manual Trades already, move them onto Manual Trades (one table for the book, an Account column "
                + "telling accounts apart); if not, delete the sheet.",
        ])
        // Hidden, it was passed over as before (explore-BF: a hidden sheet's VEA buy let a harvest
        // inside its window).
        let hidden = try readPriced(path: try XLSXFixture.contractBook([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"], ["A", .day(2026, 11, 2), "AAPL", "Buy", 1]]),
            ("Transactions Fidelity", [["Account", "Date", "Symbol", "Side", "Quantity"], ["A", .day(2026, 11, 10), "AAPL", "Buy", 2]]),
        ], hidden: ["Transactions Fidelity"]).write(), today: Household.today)
        #expect(hidden.warnings.map(\.description).filter { $0.hasPrefix("Transactions Fidelity") }.first?
            .hasPrefix("Transactions Fidelity: This sheet, hidden, holds a Transactions table") == true, "\(hidden.warnings)")
        let stale = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices, trades,
            ("Lots old", [lotHeader, ["A", "AAPL", 5, 600, .day(2025, 3, 3)]]),
            ("Executed Trades", [["Account", "Symbol", "Side", "Quantity"], ["A", "AAPL", "Sell", 1]]),
        ])
        #expect(stale.errors.isEmpty, "\(stale.errors)")
        #expect(stale.warnings.map(\.description).filter { $0.hasPrefix("Lots old") || $0.hasPrefix("Executed") } == [
            "Lots old: This sheet holds a Lots table (Symbol, Quantity, Cost Basis or Unit Cost, Acquired) but is not read: "
                + "its name (\"old\") marks it as not for this run, and the Lots table is read from Lots alone. If its rows "
                + "belong in this run, move them onto Lots.",
            "Executed Trades: This sheet holds a Manual Trades table (Symbol, Side, Quantity or Amount) but is not read: its "
                + "name (\"executed\") marks it as not for this run, and the Manual Trades table is read from Manual Trades "
                + "alone. If its rows belong in this run, move them onto Manual Trades.",
        ])
    }

    @Test("A book that writes a decimal comma somewhere has its text numbers that read either way named too")
    func decimalCommaBook() throws {
        // LibreOffice set to de-DE, figures kept as text: `1.200` shares read as 1.2 and a
        // price of `43,105` as $43,105, once the cells that could not be read were rewritten.
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", "1.200", "75.000,00", .day(2024, 1, 2)]]),
            Self.model,
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", "43,105", .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Lots!D2: Cost Basis: Expected a number, found \"75.000,00\": its commas or spaces do not set off thousands "
                + "(1,234.50 or 15 000), so it may be written with a decimal comma; write decimals with a point (1234.56).",
            "Lots!C2: \"1.200\" would be read as 1.200, but this workbook writes decimals with a comma (Lots!D2: "
                + "\"75.000,00\"), which makes it 1200: write it without separators (1200 or with a point for decimals).",
            "Prices!B2: \"43,105\" would be read as 43105, but this workbook writes decimals with a comma (Lots!D2: "
                + "\"75.000,00\"), which makes it 43.105: write it without separators (43105 or with a point for decimals).",
        ])
        // With no decimal comma in the book they read as written; a dollar amount of three
        // decimals is refused all the same (a $10,000 budget was $10).
        let plain = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Tax Budget", "10.000"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", "1.200", 240, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(plain.errors.map(\.description) == ["Settings!B3: Tax Budget \"10.000\" has three digits after its point, "
            + "more than an amount in dollars carries: if the point sets off thousands, write 10000; if it is a decimal point, "
            + "round it to the cent."], "\(plain.errors)")
        // A setting's decimal comma is said so too.
        let band = try read([("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Default Band", "2,00 %"]]),
                             Self.oneLot, Self.model, Self.prices])
        #expect(band.errors.map(\.description) == ["Settings!B3: Default Band must be a percent, found \"2,00 %\": its comma may "
            + "be a decimal comma; write decimals with a point (2.5%)."])
        #expect(CellReader.otherSeparatorReading("$6.000")?.reading == "6000")
        #expect(CellReader.otherSeparatorReading("0.125") == nil)
        #expect(CellReader.otherSeparatorReading("1,234.50") == nil)
    }

    @Test("A sale over the shares held, summed over rows, names every row with its share")
    func manualOverSaleOverRows() throws {
        let lots: (name: String, rows: [[FixtureCell]]) =
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 150, 15000, .day(2024, 1, 2)]])
        let reading = try read([
            Self.asOf, lots, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["A", "AAPL", "Sell", 100], ["A", "AAPL", "Sell", 60]]),
        ])
        #expect(reading.errors.map(\.description) == ["Manual Trades!D2: Rows 2 (100) and 3 (60) sell 160 AAPL in A in all, "
            + "which holds 150."])
    }

    /// explore-CW: a sale naming its lot (`Lot ID`) sells that lot; the column had been ignored
    /// with an Info line, and the sale took lots in Lot Method order.
    @Test("A Manual Trades Lot ID names the lot a sale is of, matched as the Lots sheet's Lot IDs are read")
    func manualSaleNamesItsLot() throws {
        let lots: (name: String, rows: [[FixtureCell]]) =
            ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", "LOSS", 10, 2000, .day(2024, 1, 10)], ["A", "AAPL", "GAIN", 10, 500, .day(2020, 1, 10)],
                      // Lot numbers restarting for each symbol: read as AAPL-1 and MSFT-1.
                      ["A", "AAPL", 1, 4, 400, .day(2021, 1, 4)], ["A", "MSFT", 1, 6, 600, .day(2021, 1, 4)]])
        let prices: (name: String, rows: [[FixtureCell]]) = ("Prices", [["Symbol", "Price"], ["AAPL", 100], ["MSFT", 100]])
        let reading = try read([
            Self.asOf, lots, Self.model, prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Lot Number", "Note"],
                               ["A", "AAPL", "Sell", 5, "GAIN", "sell the old lot"], ["A", "AAPL", "Sell", 2, 1, nil],
                               ["A", "MSFT", "Sell", "All", 1, nil], ["A", "AAPL", "Sell", 3, nil, nil]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let trades = try #require(reading.portfolio?.manualTrades)
        #expect(trades.map(\.lotID) == ["GAIN", "AAPL-1", "MSFT-1", nil])
        #expect(trades.map(\.size) == [.quantity(Quantity(shares: 5)), .quantity(Quantity(shares: 2)),
                                       .quantity(Quantity(shares: 6)), .quantity(Quantity(shares: 3))])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Manual Trades!D4",
                                                        "\"All\" with lot MSFT-1 named is the whole lot: 6 MSFT in A.")))
        #expect(!reading.diagnostics.contains { $0.message.contains("is not one the tool reads") })
    }

    @Test("A Manual Trades Lot ID not held, on a buy, or sold past its shares is an error naming the cell")
    func manualNamedLotErrors() throws {
        let lots: (name: String, rows: [[FixtureCell]]) =
            ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", "LOSS", 10, 2000, .day(2024, 1, 10)], ["A", "AAPL", "GAIN", 10, 500, .day(2020, 1, 10)],
                      ["A", "MSFT", "M1", 6, 600, .day(2021, 1, 4)]])
        let prices: (name: String, rows: [[FixtureCell]]) = ("Prices", [["Symbol", "Price"], ["AAPL", 100], ["MSFT", 100]])
        let reading = try read([
            Self.asOf, lots, Self.model, prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Lot ID"],
                               ["A", "AAPL", "Sell", 12, "GAIN"], ["A", "AAPL", "Sell", 1, "M1"],
                               ["A", "MSFT", "Buy", 1, "M1"], ["A", "AAPL", "Sell", 4, "LOSS"], ["A", "AAPL", "Sell", 7, "LOSS"]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Manual Trades!E3: Lot M1 is not one of A's lots of AAPL (its lots of AAPL are LOSS and GAIN): the sale is not "
                + "made. Write the Lot ID as the Lots sheet gives it, or clear it to sell in Lot Method order.",
            "Manual Trades!E4: This buys MSFT and names lot M1: a buy makes a new lot, so only a sale names one. Clear the "
                + "Lot ID, or make the row a Sell.",
            "Manual Trades!D2: Rows 2 (12), 5 (4) and 6 (7) sell 23 AAPL in A in all, which holds 20.",
            "Manual Trades!D2: This sells 12 AAPL from lot GAIN in A, which holds 10 shares. Sell at most that from it, or "
                + "sell the rest on a row of its own, from another lot or in Lot Method order.",
            "Manual Trades!D5: Rows 5 (4) and 6 (7) sell 11 AAPL from lot LOSS in A in all, which holds 10 shares.",
        ])
    }

    @Test("A Manual Trades Lot ID in other capitals names the one lot it can be, said; two lots alike but for capitals stay an error")
    func manualNamedLotInOtherCapitals() throws {
        let lots: (name: String, rows: [[FixtureCell]]) =
            ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", "LOSS", 10, 2000, .day(2024, 1, 10)], ["A", "AAPL", "GAIN", 10, 500, .day(2020, 1, 10)],
                      ["A", "MSFT", "ab", 6, 600, .day(2021, 1, 4)], ["A", "MSFT", "AB", 6, 600, .day(2021, 1, 5)]])
        let prices: (name: String, rows: [[FixtureCell]]) = ("Prices", [["Symbol", "Price"], ["AAPL", 100], ["MSFT", 100]])
        let named = try read([
            Self.asOf, lots, Self.model, prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Lot ID"],
                               ["A", "AAPL", "Sell", 5, "gain"], ["A", "MSFT", "Sell", 1, "AB"]]),
        ])
        #expect(named.errors.isEmpty, "\(named.errors)")
        #expect(named.portfolio?.manualTrades.map(\.lotID) == ["GAIN", "AB"])
        #expect(named.diagnostics.map(\.description).contains(
            "Manual Trades!E2: Lot gain is read as lot GAIN, as the Lots sheet writes it."))
        let ambiguous = try read([
            Self.asOf, lots, Self.model, prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Lot ID"], ["A", "MSFT", "Sell", 1, "Ab"]]),
        ])
        #expect(ambiguous.errors.map(\.description) == [
            "Manual Trades!E2: Lot Ab is not one of A's lots of MSFT (its lots of MSFT are ab and AB): the sale is not "
                + "made. Write the Lot ID as the Lots sheet gives it, or clear it to sell in Lot Method order."])
    }

    @Test("A manual trade giving both Quantity and Amount trades the Quantity, and the warning says both figures")
    func quantityBesideAmount() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity", "Amount"], ["A", "AAPL", "Sell", 1, 30_000]]),
        ])
        #expect(reading.portfolio?.manualTrades.map(\.size) == [.quantity(Quantity(shares: 1))])
        #expect(reading.warnings.map(\.description).contains("Manual Trades!E2: Both Quantity (1 share) and Amount ($30,000.00) "
            + "are given; the Quantity is traded. Check that the two agree at the run's price, or clear the one not meant."),
                "\(reading.warnings)")
    }

    @Test("A manual trade's Side of Sell All sells the whole position; with a Quantity beside it, it is an error")
    func sellAllSide() throws {
        func reading(_ quantity: FixtureCell) throws -> PortfolioReading {
            try read([
                Self.asOf, Self.oneLot, Self.model, Self.prices,
                ("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["A", "AAPL", "Sell All", quantity]]),
            ])
        }
        let all = try reading(nil)
        #expect(all.portfolio?.manualTrades.map(\.size) == [.quantity(Quantity(shares: 1))], "\(all.errors)")
        #expect(try reading(10).errors.map(\.description) == [
            "Manual Trades!C2: \"Sell All\" sells the whole position, but the row also gives a Quantity or an Amount: "
                + "clear them to sell it all, or write Sell.",
        ])
    }

    @Test("A Groups or Sectors row that no security names is warned of: its limit binds nothing")
    func limitsNamingNoSecurity() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Securities", [["Symbol", "Exposure Group", "Sector"], ["AAPL", "Technology", "Tech"]]),
            ("Groups", [["Exposure Group", "Max Weight"], ["Technology", 0.5], ["Tech", 0.2]]),
            ("Sectors", [["Sector", "Band"], ["Tech", 0.05], ["Gold", 0.02]]),
        ])
        #expect(reading.warnings.map(\.description).dropFirst() == [
            "Groups!A3: No security's Exposure Group is \"Tech\": its cap limits nothing. If it is meant for some "
                + "securities, give them that Exposure Group on the Securities sheet (written as here).",
            "Sectors!A3: No security or model row has the Sector \"Gold\": its band limits nothing. If it is meant for "
                + "some securities, give them that Sector (written as here).",
        ])
    }

    @Test("Transactions: a fund exchange and an automatic investment are trades; a cancelled or reversed one is none")
    func exchangesAndCancellations() throws {
        let reading = try readTransactions([["Account", "Date", "Action", "Symbol", "Quantity", "Realized Gain"],
                              ["A", "11/02/2026", "Automatic Investment", "AAPL", 1, nil],
                              ["A", "11/03/2026", "Exchange (incoming)", "AAPL", 2, nil],
                              ["A", "11/04/2026", "Exchange (outgoing)", "AAPL", 3, -30],
                              ["A", "11/05/2026", "Buy Cancel", "AAPL", 4, nil],
                              ["A", "11/06/2026", "Sell - Cancelled", "AAPL", 5, -50],
                              ["A", "11/07/2026", "Buy Reversal", "AAPL", 6, nil],
                              ["A", "11/08/2026", "Exchange Purchase", "AAPL", 7, nil],
                              ["A", "11/09/2026", "Fund Sale", "AAPL", 8, -80]])
        let t = try #require(reading.portfolio?.transactions, "\(reading.errors)")
        #expect(t.map(\.side) == [.buy, .buy, .sell, .buy, .sell])
        #expect(t.map(\.quantity) == [1, 2, 3, 7, 8].map { Quantity(shares: $0) })
        // None of the trades they cancel is listed: each is said, and nothing taken off.
        #expect(reading.diagnostics.contains(Diagnostic(.warning, "Transactions!row 5", "This row cancels a buy of AAPL in A "
            + "that the sheet does not list on or before 2026-11-05: nothing is taken off. If the trade it cancels is listed, "
            + "check its quantity.")))
    }

    @Test("Transactions: action words read, other actions skipped, sales without a gain counted as losses")
    func transactions() throws {
        let reading = try read([
            Self.asOf,
            Self.oneLot,
            Self.model, Self.prices,
            ("Transactions", [["Run Date", "Action", "Symbol", "Quantity", "Price ($)", "Realized Gain"],
                              ["11/03/2026", "YOU SOLD", "aapl", -10, "$180.00", "($250.00)"],
                              ["11/04/2026", "DIVIDEND RECEIVED", "AAPL", nil, nil, nil],
                              ["11/05/2026", "Reinvestment", "AAPL", 0.5, 181, nil],
                              ["11/06/2026", "Sold", "AAPL", 1, 182, nil],
                              ["11/07/2026", "Sell Short", "AAPL", 5, 183, nil],
                              ["11/08/2026", "Buy to Cover", "AAPL", 5, 180, nil]]),
        ])
        let t = try #require(reading.portfolio?.transactions)
        #expect(t.map(\.side) == [.sell, .buy, .sell])
        #expect(t.map(\.symbol) == ["AAPL", "AAPL", "AAPL"])
        #expect(t.map(\.account) == ["A", "A", "A"])
        #expect(t[0].quantity == Quantity(shares: 10))
        #expect(t[0].realizedGain == Money(cents: -25_000))
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Transactions!row 3", "Skipped: \"DIVIDEND RECEIVED\" is not a buy or a sale.")))
        #expect(reading.diagnostics.contains(Diagnostic(
            .info, "Transactions!row 6", "Skipped: \"Sell Short\" is a short sale or an option trade, not a buy or a sale of shares held.")))
        #expect(reading.diagnostics.contains(Diagnostic(
            .info, "Transactions!row 7", "Skipped: \"Buy to Cover\" is a short sale or an option trade, not a buy or a sale of shares held.")))
        #expect(reading.warnings.dropFirst().map(\.description) == [
            "Transactions!F5: This sale has no Realized Gain; it is taken as a loss for wash-sale windows.",
        ])
    }

    @Test("Restrictions as compliance lists write them read as the four the tool knows")
    func restrictionSpellings() throws {
        let spellings = [
            "Do Not Buy", "DNB", "No Purchases", "Buy Restricted", "Do Not Sell", "DNS", "No Sales",
            "Do Not Trade", "DNT", "Restricted", "hold", "None",
        ]
        func book(_ more: [[FixtureCell]]) throws -> PortfolioReading {
            let rows: [[FixtureCell]] = spellings.indices.map { [.text("S\($0)"), .text(spellings[$0])] }
            return try read([
                Self.asOf,
                Self.oneLot,
                Self.model, Self.prices,
                ("Securities", [["Symbol", "Restriction"]] + rows + more),
            ])
        }
        let refused = try book([["BAD", "Sell Only"]])
        #expect(refused.errors.map(\Diagnostic.description) == [
            "Securities!B14: Restriction must be No Buy, No Sell, No Trade or Hold, found \"Sell Only\".",
        ])
        let portfolio = try #require(try book([]).portfolio)
        var restrictionOf: [String: Restriction?] = [:]
        for security in portfolio.securities { restrictionOf[security.symbol] = security.restriction }
        let expected: [Restriction?] = [
            .noBuy, .noBuy, .noBuy, .noBuy, .noSell, .noSell, .noSell, .noTrade, .noTrade, .noTrade, .hold, nil,
        ]
        #expect(spellings.indices.map { restrictionOf["S\($0)"] ?? nil } == expected)
    }

    @Test("A manual sale of All sells the whole position held; All on a buy or a position not held is an error")
    func manualSellAll() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Cash"], ["A", 0], ["B", 0]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1000, .day(2024, 1, 2)],
                      ["A", "AAPL", 2.5, 300, .day(2025, 1, 2)], ["B", "AAPL", 7, 700, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["A", "AAPL", "Sell", "All"],
                               ["B", "MSFT", "Sell", "all"], ["B", "AAPL", "Buy", "Entire position"]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Manual Trades!D3: This sells all of MSFT in B, which holds none.",
            "Manual Trades!D4: \"Entire position\" sells a whole position; a buy needs a number of shares or an Amount.",
        ])
        let sold = try read([
            Self.asOf,
            ("Accounts", [["Account", "Cash"], ["A", 0], ["B", 0]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1000, .day(2024, 1, 2)],
                      ["A", "AAPL", 2.5, 300, .day(2025, 1, 2)], ["B", "AAPL", 7, 700, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["A", "AAPL", "Sell", "All"]]),
        ])
        #expect(sold.portfolio?.manualTrades.map(\.size) == [.quantity(Quantity(micros: 12_500_000))])
        #expect(sold.diagnostics.contains(Diagnostic(.info, "Manual Trades!D2", "\"All\" is the whole position: 12.5 AAPL in A.")))
    }

    @Test("A percent where dollars or shares are wanted is an error, not its fraction in dollars")
    func percentsWhereAmountsAre() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Min Trade", "1%"], ["Tax Budget", .percent(0.005)]]),
            ("Accounts", [["Account", "Cash", "Withdrawal", "Tax Budget"], ["A", 1000, "2%", "0.5%"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", "10%", 100, .day(2024, 1, 2)],
                      ["A", "MSFT", 3, .percent(0.2), .day(2024, 1, 2)]]),
            Self.model,
            ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", "4%"]]),
            ("Manual Trades", [["Account", "Symbol", "Side", "Amount"], ["A", "AAPL", "Buy", "5%"]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Settings!B3: Min Trade is an amount in dollars, found \"1%\", a percent.",
            "Settings!B4: Tax Budget is an amount in dollars, found \"0.5%\", a percent.",
            "Accounts!C2: Withdrawal is an amount in dollars, found \"2%\", a percent.",
            "Accounts!D2: Tax Budget is an amount in dollars, found \"0.5%\", a percent.",
            "Lots!C2: Quantity is a number of shares, found \"10%\", a percent.",
            "Lots!D3: Cost Basis is an amount in dollars, found \"20%\", a percent.",
            "Manual Trades!D2: Amount is an amount in dollars, found \"5%\", a percent.",
            "Prices!B3: Price is a price in dollars, found \"4%\", a percent.",
        ])
    }

    @Test("Bands as wide as their targets are warned about as bands relative to the target read as absolute")
    func relativeBands() throws {
        func reading(_ bands: [FixtureCell]) throws -> PortfolioReading {
            try read([
                Self.asOf,
                Self.oneLot,
                ("Model", [["Symbol", "Target", "Band"], ["AAPL", "5%", bands[0]], ["MSFT", "40%", bands[1]],
                           ["VTI", "12%", bands[2]], ["BND", "42%", bands[3]]]),
                ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", 400], ["VTI", 300], ["BND", 72]]),
            ])
        }
        func modelWarnings(_ bands: [FixtureCell]) throws -> [String] {
            try reading(bands).warnings.filter { $0.place == "Model" }.map(\.description)
        }
        // Half of the banded securities (AAPL and VTI) is not most of them.
        #expect(try modelWarnings(["25%", "25%", "25%", "2%"]) == [])
        #expect(try modelWarnings(["25%", "45%", "25%", "2%"]) == [
            "Model: The default model has bands as wide as their targets for 3 of 4 securities (AAPL: ±25% around 5%). A band is absolute, that many points either side of the target; a band relative to the target is written as its width (±1.25% for a quarter of 5%).",
        ])
    }

    @Test("A positions export pasted as the Lots sheet is told which export has the lot dates")
    func positionsExport() throws {
        let reading = try read([
            Self.asOf,
            ("Positions", [["Positions for Individual ...123"], [], ["Symbol", "Description", "Quantity", "Market Value", "Cost Basis"],
                           ["AAPL", "APPLE INC", 100, 23000, 15000]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Positions!row 3: The header row lacks the required column Acquired. A lot's acquisition date decides its "
                + "term; a positions export has none, so export the account's lot detail (cost basis or unrealized gain "
                + "by lot) and paste that instead.",
        ])
    }

    @Test("An account's model named with other capitals or spacing is the Model sheet's, noted")
    func modelNameCase() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Model"], ["A", "core  balanced"], ["B", "Income"]]),
            Self.oneLot,
            ("Model", [["Model", "Symbol", "Target"], ["Core Balanced", "AAPL", "90%"]]),
            Self.prices,
        ])
        #expect(reading.diagnostics.contains(Diagnostic(
            .info, "Accounts!B2", "The model \"core  balanced\" is read as \"Core Balanced\", as the Model sheet writes it.")))
        #expect(reading.errors.map(\.description) == ["Accounts!B3: The model \"Income\" of account \"B\" is not on the Model sheet."])
    }

    @Test("Households written with other capitals or spacing are one household, noted")
    func householdCase() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Household", "Type"], ["A", "Smith Family", "Individual"], ["B", "smith  family ", "IRA"],
                          ["C", nil, "Joint"], ["D", "c", "Joint"]]),
            Self.oneLot,
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        // An account's own ID as its household is not matched to another's written household.
        #expect(reading.portfolio?.accounts.map(\.household) == ["Smith Family", "Smith Family", "C", "c"])
        #expect(reading.diagnostics.filter { $0.message.hasPrefix("The household") }.map(\.description) == [
            "Accounts!B3: The household \"smith  family\" is read as \"Smith Family\", as an earlier row writes it.",
        ])
    }

    /// A row refused for a cell's length is not carried into the later checks: a symbol of
    /// 32,000 characters in every row took minutes in the spelling, price and identifier
    /// checks (explore-BJ).
    @Test("A row whose cell is refused for its length is not read on")
    func overlongCellRowIsNotRead() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", .text(String(repeating: "V", count: 2_000)), 10, 1500, .day(2024, 1, 2)],
                      ["A", "AAPL", 10, 1500, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Lots!B2: Symbol is 2000 characters long; a name the tool matches and writes in every row is at most 1000.",
        ])
        #expect(reading.view.sheets.first { $0.contractSheet == "Lots" }?.rowsRead == 1)
    }

    @Test("One household written with & or and, its words in another order, leading zeros, HH run in or a short form is one")
    func householdForms() throws {
        let pairs: [(FixtureCell, FixtureCell)] = [("John & Mary Lee", "John and Mary Lee"), ("001", 1), ("HH-001", "HH001"),
                                                    ("Lee, John and Mary", "John & Mary Lee"), ("Lee Household", "Lee Hsld"),
                                                    ("Lee Family", "Lee Fam."), ("Smith Jones", "SmithJones")]
        for (first, second) in pairs {
            let reading = try read([
                Self.asOf,
                ("Accounts", [["Account", "Household", "Type"], ["A", first, "Individual"], ["B", second, "IRA"]]),
                Self.oneLot, Self.model, Self.prices,
            ])
            #expect(reading.errors.isEmpty, "\(reading.errors)")
            let households = reading.portfolio?.accounts.map(\.household) ?? []
            #expect(households.count == 2 && households[0] == households[1], "\(first) / \(second): \(households)")
        }
        // A trust beside the family, and two numbers, stay apart.
        for (first, second) in [("Lee Family", "Lee Family Trust"), ("001", "010"), ("Wong Lee", "Lee Wong"),
                                ("Mary Lee & John Park", "John Lee & Mary Park"), ("HH 12-3", "HH 1-23"), ("Li Ng", "Ling")]
                                as [(FixtureCell, FixtureCell)] {
            let reading = try read([
                Self.asOf,
                ("Accounts", [["Account", "Household", "Type"], ["A", first, "Individual"], ["B", second, "IRA"]]),
                Self.oneLot, Self.model, Self.prices,
            ])
            let households = reading.portfolio?.accounts.map(\.household) ?? []
            #expect(households.count == 2 && households[0] != households[1], "\(first) / \(second): \(households)")
        }
    }

    @Test("Realized gains and losses in columns of their own are netted; a loss column beside a net one is an error")
    func realizedGainsAndLossesApart() throws {
        func book(_ accounts: [[FixtureCell]], _ transactions: [[FixtureCell]] = [["Account", "Date", "Symbol", "Action", "Quantity"]])
            throws -> PortfolioReading {
            try read([Self.asOf, ("Accounts", accounts), Self.oneLot, Self.model, Self.prices, ("Transactions", transactions)])
        }
        // $10,000 of short-term gains and $12,000 of losses (written either sign): a $2,000 net loss.
        for loss in [-12_000, 12_000] {
            let summary = try book([["Account", "Type", "Realized ST Gain", "Realized ST Loss", "LT Gains YTD", "LT Losses YTD"],
                                    ["A", "Individual", 10_000, .number(Double(loss)), 500, nil]])
            #expect(summary.errors.isEmpty, "\(summary.errors)")
            #expect(summary.portfolio?.accounts.first?.realizedShortTermYTD == Money(cents: -200_000))
            #expect(summary.portfolio?.accounts.first?.realizedLongTermYTD == Money(cents: 50_000))
        }
        let refused = try book([["Account", "Type", "Realized ST YTD", "ST Losses YTD"], ["A", "Individual", -2_000, 12_000]])
        #expect(refused.errors.map(\.description) == [
            "Accounts!D1: The column \"ST Losses YTD\" holds losses, beside \"Realized ST YTD\" (Accounts!C1), which reads as "
                + "gains and losses netted: write the net figure in one column, or head the other as gains alone (Gains) to "
                + "have the two netted.",
        ])
        // A sale's loss in its own column opens a window; by term, the loss gives the term.
        let sales = try book([["Account", "Type"], ["A", "Individual"]],
                             [["Account", "Date", "Symbol", "Action", "Quantity", "Realized Gain", "Realized Loss"],
                              ["A", "2026-11-10", "AAPL", "Sell", 10, 0, -500], ["A", "2026-11-11", "AAPL", "Sell", 5, 300, nil],
                              ["A", "2026-11-12", "AAPL", "Sell", 5, nil, 200],
                              // Lots at a gain and at a loss in one sale: the loss opens its window.
                              ["A", "2026-11-13", "AAPL", "Sell", 5, 500, -200],
                              // A negative gain repeated in the loss column is one loss.
                              ["A", "2026-11-14", "AAPL", "Sell", 5, -400, -400]])
        #expect(sales.errors.isEmpty, "\(sales.errors)")
        #expect(sales.portfolio?.transactions.map(\.realizedGain) == [Money(cents: -50_000), Money(cents: 30_000), Money(cents: -20_000),
                                                                    Money(cents: -20_000), Money(cents: -40_000)])
        let byTerm = try book([["Account", "Type"], ["A", "Individual"]],
                              [["Account", "Date", "Symbol", "Action", "Quantity", "Short Term Gain", "Short Term Loss",
                                "Long Term Gain", "Long Term Loss"],
                               ["A", "2026-11-10", "AAPL", "Sell", 10, 0, 500, 0, 0],
                               ["A", "2026-11-11", "AAPL", "Sell", 10, 0, 0, 900, -300]])
        #expect(byTerm.errors.isEmpty, "\(byTerm.errors)")
        #expect(byTerm.portfolio?.transactions.map(\.realizedGain) == [Money(cents: -50_000), Money(cents: -30_000)])
        #expect(byTerm.portfolio?.transactions.map(\.term) == [.shortTerm, .longTerm])
        // Bare loss headers beside a column of the year's gains.
        let bare = try book([["Account", "Type", "ST Gains YTD", "ST Losses", "Realized LT Gain", "STCL"],
                             ["A", "Individual", 10_000, 12_000, 100, nil]])
        #expect(bare.errors.isEmpty, "\(bare.errors)")
        #expect(bare.portfolio?.accounts.first?.realizedShortTermYTD == Money(cents: -200_000))
    }

    @Test("Two accounts whose IDs differ only in capitals, spacing or separators are an error: other rows could name either")
    func alikeAccounts() throws {
        // A lot written `CHEN TAX` went to a second, empty account (explore-AQ).
        for second in ["chen-tax ", "CHEN TAX", "CHENTAX", "Chen_Tax"] {
            let reading = try read([
                Self.asOf,
                ("Accounts", [["Account", "Type"], ["CHEN-TAX", "Joint"], [.text(second), "IRA"]]),
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["CHEN-TAX", "AAPL", 1, 100, .day(2024, 1, 2)]]),
                Self.model, Self.prices,
            ])
            #expect(reading.errors.map(\.description) == [
                "Accounts!A3: The account \"\(second.trimmingCharacters(in: .whitespaces))\" differs from \"CHEN-TAX\" (Accounts!A2) only in "
                    + "capitals, spacing or separators: other sheets' rows could name either. Give the two accounts IDs that "
                    + "differ, or list the account once.",
            ], "\(second)")
        }
    }

    @Test("A blank Type beside a Name saying IRA, Roth or 401(k) is read as that type with a warning; blank households are warned of once")
    func typeFromNameAndNoHouseholds() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Name", "Household", "Type"], ["T", "Chen Joint", nil, nil],
                          ["I", "L. Chen Rollover IRA", nil, nil], ["R", "Smith Roth IRA", nil, ""], ["K", "Solo 401(k)", nil, nil],
                          ["B", "Brokerage IRA Pending", nil, "Taxable"], ["G", "Ira Goldberg Trust", nil, nil],
                          ["D", "David Roth Joint", nil, nil]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["T", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let types = Dictionary(uniqueKeysWithValues: (reading.portfolio?.accounts ?? []).map { ($0.id, $0.type) })
        // A first name Ira and a surname Roth say nothing of the account.
        #expect(types == ["T": .taxable, "I": .ira, "R": .roth, "K": .k401, "B": .taxable, "G": .taxable, "D": .taxable])
        #expect(reading.warnings.map(\.description) == [
            "Accounts!D3: Type is blank, but I's Name \"L. Chen Rollover IRA\" says IRA: it is read as IRA (untaxed), not "
                + "Taxable. Write its Type to keep this warning away (Taxable if it is taxed).",
            "Accounts!D4: Type is blank, but R's Name \"Smith Roth IRA\" says Roth: it is read as Roth (untaxed), not "
                + "Taxable. Write its Type to keep this warning away (Taxable if it is taxed).",
            "Accounts!D5: Type is blank, but K's Name \"Solo 401(k)\" says 401(k): it is read as 401k (untaxed), not "
                + "Taxable. Write its Type to keep this warning away (Taxable if it is taxed).",
            "Accounts: No account has a Household, so each of the 7 accounts is a household of its own: wash sales are "
                + "checked within each account only, and one account's buy blocks no other's loss sale. If accounts belong "
                + "to one family, give them one Household.",
        ])
    }

    @Test("Accounts columns of rates, budgets and cash under other names are read or refused, never passed over")
    func accountColumnsUnderOtherNames() throws {
        func reading(_ header: [FixtureCell], _ values: [FixtureCell]) throws -> PortfolioReading {
            try read([
                Self.asOf,
                ("Accounts", [["Account", "Type", "Household"] + header, ["A", "Taxable", "H"] + values]),
                Self.oneLot, Self.model, Self.prices,
            ])
        }
        // Read: a budget under another name.
        for name in ["Max Taxes", "Tax Max", "Tax Ceiling", "Tax Allowance"] {
            let budget = try reading([.text(name)], [300])
            #expect(budget.errors.isEmpty, "\(name): \(budget.errors)")
            #expect(budget.portfolio?.accounts.first?.taxBudget == .limit(Money(dollars: 300)), "\(name)")
        }
        // Refused: rates of one term, a rate of none, a cash balance under a sweep's name.
        let rates = try reading(["Ordinary Rate", "Cap Gains Rate"], [0.37, 0.2])
        #expect(rates.errors.map(\.description) == [
            "Accounts!D1: The column \"Ordinary Rate\" is not one the tool reads, and the sheet has no Short-Term Rate column: "
                + "if it holds each account's short-term rate, rename it Short-Term Rate; if not, add a Short-Term Rate "
                + "column, blank where the Settings rate applies. Left unread, every account would be taxed at the Settings rate.",
            "Accounts!E1: The column \"Cap Gains Rate\" is not one the tool reads, and the sheet has no Long-Term Rate column: "
                + "if it holds each account's long-term rate, rename it Long-Term Rate; if not, add a Long-Term Rate "
                + "column, blank where the Settings rate applies. Left unread, every account would be taxed at the Settings rate.",
        ])
        let state = try reading(["State Rate"], [0.05])
        #expect(state.errors.map(\.description) == [
            "Accounts!D1: The column \"State Rate\" names a tax rate the tool does not read: it reads each account's "
                + "Short-Term Rate and Long-Term Rate, each the whole rate (federal, state and NIIT together) on that term's "
                + "gains. Put this column's part into those two columns and delete it; left unread, it would change no "
                + "account's tax estimate.",
        ])
        let sweep = try reading(["Sweep"], [12_000])
        #expect(sweep.errors.map(\.description) == [
            "Accounts!D1: The column \"Sweep\" is not one the tool reads, and the sheet has no Cash column: if it holds each "
                + "account's cash (in dollars), rename it Cash; if not, add a Cash column, blank where there is none. Left "
                + "unread, the plan would go on with no cash.",
        ])
        // A cap on gains is not a figure of gains realized (it was taken for Realized ST YTD).
        let gainCap = try reading(["Max Realized Gain"], [20_000])
        #expect(gainCap.errors.map(\.description) == [
            "Accounts!D1: The column \"Max Realized Gain\" is not read: the tool caps each account's realized gains by their "
                + "tax, its Tax Budget in dollars of tax, not by the gains themselves. Give a Tax Budget column (the tax those "
                + "gains may cost at the account's rates) and delete this one; left unread, gains would be realized up to the "
                + "Settings budget.",
        ])
        // `None` could be no limit or no new tax.
        let none = try reading(["Tax Budget"], ["None"])
        #expect(none.errors.map(\.description) == [
            "Accounts!D2: Tax Budget \"None\" could mean no limit or no new tax: write Unlimited for no limit, or 0 for no net new tax.",
        ])
        // Other columns with a rate's word are no tax rate.
        #expect(SheetTable.taxRateColumn("Withdrawal Rate") == nil)
        #expect(SheetTable.taxRateColumn("Cash Target %") == nil)
        #expect(SheetTable.taxRateColumn("Harvest Min Loss %") == nil)
        // A withdrawal's withholding is no tax rate on gains.
        #expect(SheetTable.taxRateColumn("Fed Withholding %") == nil)
    }

    @Test("An account an unread column marks as left out (Status Closed, Active No, Do Not Trade Yes) is an error at the mark")
    func accountsMarkedLeftOut() throws {
        for (header, mark, open) in [("Status", FixtureCell.text("Closed"), FixtureCell.text("Open")),
                                     ("Active", .text("No"), .text("Yes")), ("Do Not Trade", .bool(true), .bool(false)),
                                     ("Include", .number(0), .number(1))] {
            let reading = try read([
                Self.asOf,
                ("Accounts", [["Account", "Type", "Household", .text(header)], ["A", "Taxable", "H", open], ["B", "IRA", "H", mark]]),
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                          ["B", "AAPL", 1, 100, .day(2024, 1, 2)]]),
                Self.model, Self.prices,
            ])
            let shown = Self.markShown(mark)
            #expect(reading.errors.map(\.description) == [
                "Accounts!D3: B is marked \"\(shown)\" (\(header)), but the tool plans every account on the Accounts sheet and "
                    + "reads no such mark. To leave it out of this run, delete its row and the rows of its lots; to plan it, "
                    + "clear the mark.",
            ], "\(header)")
        }
    }

    /// A mark's cell as a message quotes it: TRUE, 0 (the only number marks used here) or its text.
    static func markShown(_ mark: FixtureCell) -> String {
        switch mark {
        case .bool: return "TRUE"
        case .number: return "0"
        case .text(let text): return text
        default: return ""
        }
    }

    @Test("A newer version of a column beside it (New Target, Cash 11/20) is refused where they differ, warned of where not")
    func newerColumnsBesideTheirs() throws {
        let differing = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Target", "New Target"], ["AAPL", 0.55, 0.50], ["BND", 0.44, 0.49]]),
            Self.prices,
        ])
        // Planned on the old column with an Info line until stop 50 (explore-BL).
        #expect(differing.errors.map(\.description) == [
            "Model!C1: The columns \"Target\" (Model!B1) and \"New Target\" (Model!C1) both read as Target and disagree, "
                + "first at row 2 (B2 0.55 against C2 0.5): the tool does not guess which counts. Delete or rename the one that should not.",
        ])
        let cash = try read([
            Self.asOf,
            ("Accounts", [["Account", "Type", "Cash", "Cash 11/20"], ["A", "Taxable", 50_000, 5_000]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(cash.errors.map(\.place) == ["Accounts!D1"], "\(cash.errors)")
        let same = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Target", "Target (Dec 2026)"], ["AAPL", 0.99, 0.99]]),
            Self.prices,
        ])
        #expect(same.errors.isEmpty, "\(same.errors)")
        #expect(same.warnings.contains { $0.place == "Model!C1" && $0.message.contains("is a second Target column") }, "\(same.warnings)")
        #expect(SheetTable.withoutNewerWords("Price 52-wk High") == nil)
        #expect(SheetTable.withoutNewerWords("Proposed Target %") == "Target %")
        // A version's number, a quarter, an approval (explore-BM: each was left unread).
        #expect(SheetTable.withoutNewerWords("Target v2") == "Target")
        #expect(SheetTable.withoutNewerWords("Q4 Target") == "Target")
        #expect(SheetTable.withoutNewerWords("Approved Target") == "Target")
        #expect(SheetTable.withoutNewerWords("Pending Qty") == nil && SheetTable.withoutNewerWords("VTI") == nil)
    }

    @Test("A lot a Lots column restricts (Restriction No Sell, Pledged Yes) is an error at the mark; a blank or No is not")
    func lotRestrictionsAreRefused() throws {
        for (header, mark, open) in [("Restriction", FixtureCell.text("No Sell"), FixtureCell.empty),
                                     ("Pledged", .text("Yes"), .text("No")), ("Do Not Sell", .bool(true), .bool(false)),
                                     // Restricted stock's own words, and a column restating its name (explore-BM).
                                     ("Restriction", .text("Rule 144"), .text("None")),
                                     ("Restriction", .text("Lockup until 1/15/2027"), .text("Not restricted")),
                                     ("Restriction", .text("Pledged"), .text("Pledged: No")),
                                     ("Pledged", .text("Pledged"), .text("No")), ("Sellable", .text("No"), .text("Yes")),
                                     ("Lien", .text("Yes"), .empty), ("Lot Status", .text("Restricted"), .text("Open")),
                                     // Spelt apart, or over (explore-BP: missed, or the book refused).
                                     ("Restriction", .text("Lock-up through 2/1/2027"), .text("Lockup until 1/15/2026")),
                                     ("Restriction", .text("Unvested"), .text("Lockup ended 1/15/2026")),
                                     ("Tradeable", .text("No"), .text("Yes")), ("Margin Collateral", .text("Yes"), .text("No")),
                                     // A note that restricts, in a column of notes (explore-DS: the lot was sold).
                                     ("Notes", .text("Do Not Sell"), .text("Sold 10 in March")),
                                     ("Comment", .text("No Sell - pledged to the bank"), .empty)] {
            let reading = try read([
                Self.asOf,
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", .text(header)],
                          ["A", "AAPL", 1, 100, .day(2024, 1, 2), open], ["A", "AAPL", 2, 200, .day(2024, 1, 3), mark]]),
                Self.model, Self.prices,
            ])
            let shown = Self.markShown(mark)
            #expect(reading.errors.map(\.description) == [
                "Lots!F3: The lot is marked \"\(shown)\" (\(header)), but the tool reads restrictions per security, on the "
                    + "Securities sheet (No Buy, No Sell, No Trade, Hold), and would sell this lot like any other. Restrict its "
                    + "security there, or take the lot out of this run; clear the mark if it does not hold.",
            ], "\(header)")
        }
    }

    @Test("A status of a few words that leaves the account out is read as the one word is; an incoming transfer is not")
    func accountStatusesInWords() throws {
        func errors(_ status: String) throws -> [String] {
            try read([
                Self.asOf,
                ("Accounts", [["Account", "Type", "Household", "Status"], ["A", "Taxable", "H", "Open"], ["B", "IRA", "H", .text(status)]]),
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                          ["B", "AAPL", 1, 100, .day(2024, 1, 2)]]),
                Self.model, Self.prices,
            ]).errors.map(\.description)
        }
        for status in ["Closed 11/30", "Closing 12/1", "Transferring", "ACAT Out", "Liquidating", "Deceased", "Legal Hold",
                       "Restricted - DNT"] {
            #expect(try errors(status) == [
                "Accounts!D3: B is marked \"\(status)\" (Status), but the tool plans every account on the Accounts sheet and "
                    + "reads no such mark. To leave it out of this run, delete its row and the rows of its lots; to plan it, "
                    + "clear the mark.",
            ], "\(status)")
        }
        for status in ["Open", "Active", "ACAT In", "Transfer in progress - in", "New",
                       // A mark denied or over is none (explore-BM: each stopped the run).
                       "Not Closed", "Not restricted", "Active (was frozen)", "Frozen - lifted 11/1", "Open (legal hold released)",
                       // Answered first, with its evidence after (explore-BR: refused).
                       "None - restricted list checked 11/19", "Normal", "Unrestricted"] {
            #expect(try errors(status).isEmpty, "\(status)")
        }
        #expect(try errors("In Probate").count == 1)
        // A leaving word after an answer, or the answer No, is a mark (explore-BV: each traded).
        for status in ["Normal (frozen as of 11/18)", "None - legal hold in place", "Active - frozen 11/18 per legal",
                       "Open (frozen pending probate)", "Unrestricted: No", "Frozen - not lifted"] {
            #expect(try errors(status).count == 1, "\(status)")
        }
    }

    @Test("An account status under another header, or a closing date passed, leaves the account out as Status does")
    func accountStatusesUnderOtherHeaders() throws {
        func errors(_ header: String, _ mark: FixtureCell) throws -> [String] {
            try read([
                Self.asOf,
                ("Accounts", [["Account", "Type", "Household", .text(header)], ["A", "Taxable", "H", nil], ["B", "IRA", "H", mark]]),
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                          ["B", "AAPL", 1, 100, .day(2024, 1, 2)]]),
                Self.model, Self.prices,
            ]).errors.map(\.description)
        }
        // Each was traded with an Info line (explore-BM).
        for (header, mark) in [("Acct Status", FixtureCell.text("Closed")), ("Open/Closed", "Closed"),
                               ("Trading Restriction", "DNT"), ("Restriction", "Legal Hold"),
                               ("Date Closed", .day(2026, 11, 18)), ("Termination Date", "11/18/2026")] {
            let shown = header == "Date Closed" ? "2026-11-18" : Self.markShown(mark)
            let found = try errors(header, mark)
            #expect(found == [
                "Accounts!D3: B is marked \"\(shown)\" (\(header)), but the tool plans every account on the Accounts sheet and "
                    + "reads no such mark. To leave it out of this run, delete its row and the rows of its lots; to plan it, "
                    + "clear the mark.",
            ], "\(header): \(found)")
        }
        // Closing after the run's date: still open now.
        #expect(try errors("Date Closed", .day(2026, 12, 31)).isEmpty)
        #expect(try errors("Restriction", "None").isEmpty)
    }

    @Test("A lot with no Acquired date beside a Term is told why the Term does not stand for it")
    func termWithoutAcquired() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Term"], ["A", "AAPL", 1, 100, "--", "Inherited"]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Lots!E2: Acquired is \"--\", which reads as blank. The Term beside it sets the lot's term, but its date also places "
                + "it in wash-sale windows: give the date it was bought, or for an inherited lot the date of death.",
        ])
    }

    @Test("Two columns headed alike, or one saying it is the current figure, are refused where they disagree")
    func sameNamedAndCurrentColumns() throws {
        // A summary's Symbol and Quantity left of the lots' own (explore-BO: a lot read at 150 shares for its 100).
        let lots = try read([
            Self.asOf,
            ("Lots", [["Symbol", "Quantity", nil, "Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["AAPL", 15, nil, "A", "AAPL", 10, 1500, .day(2024, 1, 2)], [nil, nil, nil, "A", "AAPL", 5, 800, .day(2024, 2, 1)]]),
            Self.model, Self.prices,
        ])
        #expect(lots.errors.map(\.description).contains(
            "Lots!F1: The columns \"Quantity\" (Lots!B1) and \"Quantity\" (Lots!F1) both read as Quantity and disagree, first at "
                + "row 2 (B2 15 against F2 10): the tool does not guess which counts. Delete or rename the one that should not."),
                "\(lots.errors)")
        let current = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Prices", [["Symbol", "Price", "Current Price", "As Of"], ["AAPL", 190, 182, .day(2026, 11, 20)]]),
        ])
        // A current figure under a name of its own (explore-BP: ignored, and the shares sold).
        let quantity = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Current Qty", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 800, 400, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(quantity.errors.map(\.place) == ["Lots!D1"], "\(quantity.errors)")
        let cash = try read([
            Self.asOf, ("Accounts", [["Account", "Cash", "Current Cash"], ["A", 18_250.40, 2_250.40]]), Self.oneLot, Self.model,
            Self.prices,
        ])
        #expect(cash.errors.map(\.place) == ["Accounts!C1"], "\(cash.errors)")
        // Two dates for one price: the older may make it stale (explore-BM).
        let dated = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Prices", [["Symbol", "Price", "As Of", "Price Date"], ["AAPL", 190, .day(2026, 11, 20), .day(2026, 11, 13)]]),
        ])
        #expect(dated.errors.map(\.place) == ["Prices!D1"], "\(dated.errors)")
        #expect(current.errors.map(\.description) == [
            "Prices!C1: The columns \"Price\" (Prices!B1) and \"Current Price\" (Prices!C1) both read as Price and disagree, "
                + "first at row 2 (B2 190 against C2 182): the tool does not guess which counts. Delete or rename the one that "
                + "should not.",
        ])
    }

    @Test("An adjusted basis beside the original is a second Cost Basis; a wash-sale adjustment column is warned of")
    func adjustedBasisColumns() throws {
        for adjusted in ["Adjusted Total Cost", "Cost Basis Adj"] {
            let reading = try read([
                Self.asOf,
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", .text(adjusted), "Acquired"],
                          ["A", "AAPL", 10, 1500, 1600, .day(2024, 1, 2)]]),
                Self.model, Self.prices,
            ])
            #expect(reading.errors.map(\.description) == [
                "Lots!E1: The columns \"Cost Basis\" (Lots!D1) and \"\(adjusted)\" (Lots!E1) both read as Cost Basis and disagree, "
                    + "first at row 2 (D2 1500 against E2 1600): the tool does not guess which counts. Delete or rename the one "
                    + "that should not.",
            ], "\(adjusted)")
        }
        let wash = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Wash Sale Adjustment", "Acquired"],
                      ["A", "AAPL", 10, 1500, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(wash.errors.isEmpty)
        #expect(wash.warnings.map(\.description).contains(
            "Lots!E1: The column \"Wash Sale Adjustment\" is not read: each lot's Cost Basis is read as its whole basis, any "
                + "wash-sale loss disallowed into it included (26 USC 1091(d)). If this sheet's Cost Basis leaves the "
                + "adjustment out, add it in."))
    }

    @Test("A price or amount too large or too small to hold says so, not that it must be positive")
    func figuresOutOfRange() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Min Trade", 1e300]]),
            Self.oneLot, Self.model,
            ("Prices", [["Symbol", "Price"], ["AAPL", 1e-12]]),
        ])
        #expect(reading.errors.map(\.description).sorted() == [
            "Prices!B2: Price is less than the millionth of a dollar the tool counts to, found 1e-12.",
            "Settings!B3: Min Trade is too large to be an amount of money, found 1e+300.",
        ])
    }

    @Test("A realized gain/loss report under another name is an error asking for a Transactions sheet; so named, it reads")
    func realizedReportSheet() throws {
        let report: [[FixtureCell]] = [["Symbol", "Closed Date", "Opened Date", "Quantity", "Gain/Loss ($)"],
                                       ["AAPL", "11/03/2026", "12/01/2025", 5, -200]]
        let unread = try read([Self.asOf, Self.oneLot, Self.model, Self.prices, ("Realized Gain Loss", report)])
        #expect(unread.errors.map(\.description) == [
            "Realized Gain Loss: This sheet holds realized sales (Symbol, Date, Quantity, Realized Gain) but is not read: "
                + "recent sales are read from the Transactions sheet, and their losses open wash-sale windows. Name this sheet "
                + "Transactions and add a Side column reading Sell (or delete it if its sales are over 30 days old).",
        ])
        let named = try read([Self.asOf, Self.oneLot, Self.model, Self.prices,
                              ("Transactions", [report[0] + ["Side"], report[1] + ["Sell"]])])
        #expect(named.errors.isEmpty, "\(named.errors)")
        #expect(named.portfolio?.transactions.map(\.date) == [CivilDate(year: 2026, month: 11, day: 3)!])
    }

    @Test("A realized-lots tab beside the lots is no second Lots table: its recent sales are asked for on Transactions")
    func realizedLotsTab() throws {
        // Schwab's realized lot detail beside its unrealized one: warned of as lots "left out, as if not
        // held", its $3,000 loss sale 10 days before the As Of opened no window (explore-CP).
        let report: (name: String, rows: [[FixtureCell]]) = ("Realized Gain Loss", [
            ["Symbol", "Closed Date", "Quantity", "Proceeds", "Cost Basis", "Open Date", "Gain/Loss", "Term"],
            ["MSFT", .day(2026, 11, 10), 100, 2_000, 5_000, .day(2024, 1, 2), -3_000, "Long Term"],
            ["MSFT", .day(2026, 9, 1), 10, 900, 1_000, .day(2024, 1, 2), -100, "Long Term"],
        ])
        let lots = ("Unrealized Gain Loss", Self.oneLot.rows)
        let alone = try read([Self.asOf, lots, Self.model, Self.prices, report])
        #expect(alone.errors.map(\.description) == [
            "Realized Gain Loss: This sheet holds realized sales (Symbol, Date, Quantity, Realized Gain, Term) but is not "
                + "read: recent sales are read from the Transactions sheet, and their losses open wash-sale windows. Name "
                + "this sheet Transactions and add a Side column reading Sell (or delete it if its sales are over 30 days old).",
        ])
        // Beside a Transactions sheet it is the second table warned of, as before: its lots are not read.
        let trades: (name: String, rows: [[FixtureCell]]) =
            ("Transactions", [["Date", "Symbol", "Side", "Quantity"], [.day(2026, 10, 1), "AAPL", "Buy", 1]])
        let beside = try read([Self.asOf, lots, Self.model, Self.prices, trades, report])
        #expect(beside.errors.isEmpty, "\(beside.errors)")
        #expect(beside.warnings.contains { $0.description.hasPrefix("Realized Gain Loss") })
    }

    @Test("E*TRADE's download: Activity Type is the Side; its two dates, when they disagree, are refused, not one guessed")
    func etradeActivity() throws {
        func reading(_ header: [FixtureCell], _ row: [FixtureCell]) throws -> PortfolioReading {
            try read([Self.asOf, Self.oneLot, Self.model, Self.prices, ("Transactions", [header, row])])
        }
        let one = try reading(["Account", "Activity/Trade Date", "Activity Type", "Symbol", "Quantity #"],
                              ["A", "11/03/26", "Sold", "AAPL", -5])
        #expect(one.errors.isEmpty, "\(one.errors)")
        #expect(one.portfolio?.transactions.map(\.side) == [.sell])
        #expect(one.portfolio?.transactions.map(\.date) == [CivilDate(year: 2026, month: 11, day: 3)!])
        let two = try reading(["Account", "Activity/Trade Date", "Transaction Date", "Activity Type", "Symbol", "Quantity #"],
                              ["A", "11/03/26", "11/04/26", "Sold", "AAPL", -5])
        #expect(two.errors.map(\.description) == [
            "Transactions!C1: The columns \"Activity/Trade Date\" (Transactions!B1) and \"Transaction Date\" (Transactions!C1) "
                + "both read as Date and disagree, first at row 2 (B2 11/03/26 against C2 11/04/26): the tool does not guess "
                + "which counts. Delete or rename the one that should not.",
        ])
        // A date's column is never offered as the Side.
        #expect(!SheetTable.mayBe("Activity/Trade Date", ["Side"]))
    }

    @Test("Lots titled with a date before the As Of beside Transactions sales after it are warned of")
    func salesAfterTheLotsTitle() throws {
        let lots: [[FixtureCell]] = [["Lot Details for Joint as of 11/16/2026 04:15 PM ET"],
                                     ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 100, 15_000, .day(2024, 1, 2)]]
        let sale: [FixtureCell] = ["A", "2026-11-18", "AAPL", "Sell", 40]
        let reading = try read([Self.asOf, ("Lots", lots), Self.model, Self.prices,
                                ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"], sale])])
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Lots!") } == [
            "Lots!A1: The title dates these lots 2026-11-16, before the As Of date 2026-11-20, and Transactions list a sale "
                + "after it of positions they hold (AAPL sold 2026-11-18 in A (Transactions!row 2)). If the lots still hold "
                + "the shares sold since, the plan sells them again: export the lots as of 2026-11-20, or take those shares off.",
        ])
        // A sale before the lots' date is in them.
        let earlier = try read([Self.asOf, ("Lots", lots), Self.model, Self.prices,
                                ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"], ["A", "2026-11-12", "AAPL", "Sell", 40]])])
        #expect(earlier.warnings.filter { $0.place.hasPrefix("Lots!") }.isEmpty)
    }

    @Test("Lots dated by a footer (Date downloaded, Generated on) before the As Of beside later sales are warned of")
    func salesAfterTheLotsFooter() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        let lot: [FixtureCell] = ["A", "AAPL", 100, 15_000, .day(2024, 1, 2)]
        let sale: [FixtureCell] = ["A", "2026-11-18", "AAPL", "Sell", 40]
        func warnings(_ footer: [[FixtureCell]]) throws -> [String] {
            try read([Self.asOf, ("Lots", [header, lot, []] + footer), Self.model, Self.prices,
                      ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"], sale])])
                .warnings.map(\.description).filter { $0.hasPrefix("Lots!") }
        }
        let said = ": The note dates these lots 2026-11-16, before the As Of date 2026-11-20, and Transactions list a sale "
            + "after it of positions they hold (AAPL sold 2026-11-18 in A (Transactions!row 2)). If the lots still hold "
            + "the shares sold since, the plan sells them again: export the lots as of 2026-11-20, or take those shares off."
        #expect(try warnings([["Date downloaded: 11/16/2026 3:42 PM ET"]]) == ["Lots!row 4" + said])
        #expect(try warnings([["Account Total", nil, nil, 15_000], ["Generated on 11/16/2026"]]) == ["Lots!row 5" + said])
        #expect(try warnings([["Data as of", "11/16/2026"]]) == ["Lots!row 4" + said])
        // A footer dated on the As Of, or one of no date, says nothing.
        #expect(try warnings([["Date downloaded: 11/20/2026 3:42 PM ET"]]).isEmpty)
        #expect(try warnings([["Date downloaded: see the custodian's site"]]).isEmpty)
    }

    @Test("A note above the Lots header saying the figures are in thousands is an error at the note")
    func thousandsNoteAboveTheHeader() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Unrealized gains, all accounts"], ["($ in thousands)"],
                      ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1.5, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Lots!A2: \"($ in thousands)\" says the figures below are in thousands; the tool reads dollars and shares as "
                + "written, so a basis of 61,320 dollars would be read as 61.32. Write the figures in dollars and shares "
                + "(multiplied by 1,000) and delete this note.",
        ])
    }

    @Test("A position's row showing its quantity rounded and its basis to the dollar, above its lots, is set aside")
    func roundedPositionRows() throws {
        // 250.790 over 200.4565 and 50.3333 was read as one more lot, the position doubled (explore-AR).
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", "250.790", 38_001, .day(2021, 3, 1)],
                      ["A", "AAPL", "200.4565", 30_000.25, .day(2021, 3, 1)], ["A", "AAPL", "50.3333", 8_000.40, .day(2023, 6, 1)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.quantity) == [Quantity(decimal: "200.4565")!, Quantity(decimal: "50.3333")!])
    }

    @Test("A position's total row among its lots is set aside where it is certainly one, and refused where it may be a lot")
    func positionTotalsAmongLots() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"]
        let lot1: [FixtureCell] = ["A", "AAPL", nil, 100, 5_000, .day(2020, 1, 2)]
        let lot2: [FixtureCell] = ["A", "AAPL", nil, 150, 15_000, .day(2026, 3, 1)]
        func reading(_ rows: [[FixtureCell]]) throws -> PortfolioReading {
            try read([Self.asOf, ("Lots", [header] + rows), Self.model, Self.prices])
        }
        // Above its lots, its basis $500 over theirs: read as a lot, 500 AAPL where 250 are held (explore-CP).
        let basisOff = try reading([["A", "AAPL", nil, 250, 20_500, .day(2020, 1, 2)], lot1, lot2])
        #expect(basisOff.errors.map(\.description) == [
            "Lots!D2: This row may be AAPL's total rather than a lot: its quantity is the sum of the 2 AAPL lots of its "
                + "account below it (Lots!D3–Lots!D4), and its cost basis near theirs (its 250 shares and $20,500.00 against "
                + "their 250 and $20,000.00), though not theirs to the cent. Read as a lot, it would count the position twice. "
                + "Delete it if it is the position's total; if it is a lot of its own, give each lot its Lot ID.",
        ])
        // Dated the As Of date, as a position's line is stamped.
        let stamped = try reading([["A", "AAPL", nil, 250, 20_000, .day(2026, 11, 20)], lot1, lot2])
        #expect(stamped.errors.map(\.description).first?.contains("dated the As Of date 2026-11-20") == true)
        // Below its lots, their sums to the cent and their earliest date: set aside.
        let below = try reading([lot1, lot2, ["A", "AAPL", nil, 250, 20_000, .day(2020, 1, 2)]])
        #expect(below.errors.isEmpty, "\(below.errors)")
        #expect(below.portfolio?.lots.map(\.quantity) == [Quantity(shares: 100), Quantity(shares: 150)])
        #expect(below.warnings.map(\.place).contains("Lots!D4"))
        // The one row without a Lot ID among lots that have them, their quantity: set aside.
        let withIDs = try reading([["A", "AAPL", nil, 250, 20_500, .day(2020, 1, 2)],
                                   ["A", "AAPL", "1001", 100, 5_000, .day(2020, 1, 2)],
                                   ["A", "AAPL", "1002", 150, 15_000, .day(2026, 3, 1)]])
        #expect(withIDs.errors.isEmpty, "\(withIDs.errors)")
        #expect(withIDs.portfolio?.lots.map(\.lotID) == ["1001", "1002"])
        // A lot of 200 beside two of 100 bought at other prices is a lot.
        let lots = try reading([["A", "AAPL", nil, 200, 4_000, .day(2019, 1, 2)], lot1,
                                ["A", "AAPL", nil, 100, 9_000, .day(2026, 3, 1)]])
        #expect(lots.errors.isEmpty, "\(lots.errors)")
        #expect(lots.portfolio?.lots.count == 3)
        // So is a lot of 100 bought first at about the price of the two of 50 after it: a
        // bond fund's lots of round sizes ($8,000 against $3,900 + $4,000 = $7,900, within 5%).
        let roundLots = try reading([["A", "AAPL", nil, 100, 8_000, .day(2019, 1, 2)],
                                     ["A", "AAPL", nil, 50, 3_900, .day(2021, 1, 4)],
                                     ["A", "AAPL", nil, 50, 4_000, .day(2022, 1, 3)]])
        #expect(roundLots.errors.isEmpty, "\(roundLots.errors)")
        #expect(roundLots.portfolio?.lots.count == 3)
    }

    @Test("A cost basis of $0.00 is warned of at its cell, and refused beside a Noncovered mark")
    func zeroCostBasis() throws {
        // Schwab prints $0.00 for a noncovered lot's unknown basis: taxed in full without a word (explore-CP).
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Covered/Noncovered"]
        func reading(_ covered: FixtureCell) throws -> PortfolioReading {
            try read([Self.asOf, ("Lots", [header, ["A", "AAPL", 10, 1_500, .day(2024, 1, 2), "Covered"],
                                           ["A", "AAPL", 200, "$0.00", .day(2010, 1, 15), covered]]),
                      Self.model, Self.prices])
        }
        let noncovered = try reading("Noncovered")
        #expect(noncovered.errors.map(\.description) == [
            "Lots!D3: Cost Basis is $0.00 on a lot marked \"Noncovered\" (Covered/Noncovered): a custodian prints $0.00 "
                + "where it does not know a lot's basis (a transferred or noncovered lot), and read as a real zero every "
                + "dollar of the lot's sale would be taxed as gain. Give the lot's basis (from the client's records or the "
                + "firm it came from); if it is truly $0.00, clear the mark.",
        ])
        let covered = try reading("Covered")
        #expect(covered.errors.isEmpty, "\(covered.errors)")
        #expect(covered.portfolio?.lots.last?.costBasis == .zero)
        #expect(covered.warnings.map(\.description).contains(
            "Lots!D3: A lot's cost basis is $0.00 (Lots!D3), read as a real zero: every dollar of its sale is taxed as gain. "
                + "A custodian prints $0.00 where it does not know a lot's basis (a transferred or noncovered lot); if so, "
                + "give the basis."))
    }

    @Test("IBKR's CostBasisMoney and CostBasisPrice are read; a Cost Price is hinted as the Unit Cost")
    func ibkrCostColumns() throws {
        let money = try read([Self.asOf, ("Lots", [["ClientAccountID", "Symbol", "Quantity", "CostBasisPrice", "CostBasisMoney",
                                                    "OpenDateTime"],
                                                   ["U1", "AAPL", 10, 150, 1_500, "20231115;093000"]]),
                              Self.model, Self.prices])
        #expect(money.errors.isEmpty, "\(money.errors)")
        #expect(money.portfolio?.lots.first?.costBasis == Money(cents: 150_000))
        let perShare = try read([Self.asOf, ("Lots", [["Symbol", "Quantity", "CostBasisPrice", "Acquired"],
                                                      ["AAPL", 10, 150, .day(2024, 1, 2)]]), Self.model, Self.prices])
        #expect(perShare.portfolio?.lots.first?.costBasis == Money(cents: 150_000))
        let price = try read([Self.asOf, ("Lots", [["Symbol", "Quantity", "Cost Price", "Acquired"],
                                                   ["AAPL", 10, 150, .day(2024, 1, 2)]]), Self.model, Self.prices])
        #expect(price.errors.map(\.description).first?.contains("\"Cost Price\" (Lots!C1) may be the Unit Cost: rename it Unit Cost if so") == true,
                "\(price.errors)")
    }

    /// Read as lots, the summaries held each position twice where a lot was missing: 600 BND
    /// of 300 held, `Sell 249 BND` planned (explore-CX).
    @Test("An IBKR lot export's SUMMARY rows are set aside, and a summary its lots do not add up to is warned of")
    func ibkrSummaryRows() throws {
        let header: [FixtureCell] = ["ClientAccountID", "Symbol", "Quantity", "CostBasisMoney", "OpenDateTime", "LevelOfDetail"]
        let reading = try read([Self.asOf, ("Lots", [header,
                                                     ["U1", "AAPL", 100, 19_600, "20240115;093000", "SUMMARY"],
                                                     ["U1", "AAPL", 60, 10_800, "20240115;093000", "LOT"],
                                                     ["U1", "MSFT", 300, 21_000, "20230110;100000", "SUMMARY"],
                                                     ["U1", "MSFT", 300, 21_000, "20230110;100000", "LOT"]]),
                                ("Model", [["Symbol", "Target"], ["AAPL", 0.5], ["MSFT", 0.49]]),
                                ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", 400]])])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.quantity) == [Quantity(shares: 60), Quantity(shares: 300)])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Lots!row 2", "Skipped: the position's summary row (Level Of "
            + "Detail \"SUMMARY\"), not a lot of its own; its lots are the rows listed under it.")))
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Lots!") } == ["Lots!C2: AAPL's summary row says 100 shares, and the lots listed with "
            + "it add up to 60: the plan holds the 60 the lots give. If a lot is missing from the export, add it."])
        // A summary with no lot listed under it is refused: planned as not held, the position
        // had been bought afresh (explore-DB); a closed lot is not held.
        let alone = try read([Self.asOf, ("Lots", [header,
                                                   ["U1", "AAPL", 100, 19_600, "20240115;093000", "SUMMARY"],
                                                   ["U1", "MSFT", 10, 700, "20230110;100000", "CLOSED_LOT"]]),
                              Self.model, Self.prices])
        #expect(alone.errors.map(\.description) == ["Lots!C2: AAPL's summary row says 100 shares, and no lot is listed with "
            + "it: the tool plans on lots, each with its cost and date. Export the position's lots (Level Of Detail LOT), or "
            + "write it as lots of your own."])
        #expect(alone.diagnostics.contains(Diagnostic(.info, "Lots!row 3",
            "Skipped: a closed lot (Level Of Detail \"CLOSED_LOT\"), not held.")))
        // A lot the PM adds by hand, its level left blank, is one of the position's (explore-DD).
        let added = try read([Self.asOf, ("Lots", [header,
                                                   ["U1", "AAPL", 100, 19_600, "20240115;093000", "SUMMARY"],
                                                   ["U1", "AAPL", 60, 10_800, "20240115;093000", "LOT"],
                                                   ["U1", "AAPL", 40, 8_800, "20240301;093000", nil]]),
                              Self.model, Self.prices])
        #expect(added.errors.isEmpty, "\(added.errors)")
        #expect(added.warnings.filter { $0.place.hasPrefix("Lots!") }.isEmpty, "\(added.warnings)")
        #expect(added.portfolio?.lots.map(\.quantity) == [Quantity(shares: 60), Quantity(shares: 40)])
    }

    @Test("Lot numbers that restart for each security are told apart by their symbol; twice under one symbol they are refused")
    func lotNumbersPerSecurity() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Lot", "Acquired", "Quantity", "Cost Basis"]
        let reading = try read([Self.asOf, ("Lots", [header, ["A", "AAPL", 1, .day(2020, 1, 2), 10, 1_000],
                                                     ["A", "AAPL", 2, .day(2021, 1, 2), 5, 700],
                                                     ["A", "MSFT", 1, .day(2020, 3, 2), 4, 800],
                                                     ["A", "MSFT", 2, .day(2022, 3, 2), 6, 1_500]]),
                                Self.model, ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", 400]])])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.lotID) == ["AAPL-1", "AAPL-2", "MSFT-1", "MSFT-2"])
        let twice = try read([Self.asOf, ("Lots", [header, ["A", "AAPL", 1, .day(2020, 1, 2), 10, 1_000],
                                                   ["A", "MSFT", 1, .day(2020, 3, 2), 4, 800],
                                                   ["A", "MSFT", 1, .day(2022, 3, 2), 6, 1_500]]),
                              Self.model, ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", 400]])])
        #expect(twice.errors.map(\.description) == ["Lots!C4: The Lot ID \"1\" is used twice in account A for MSFT (also at Lots!C3)."])
    }

    @Test("An account's lots pasted twice, without Lot IDs, are an error; two equal lots of their own are not")
    func lotsPastedTwice() throws {
        let block: [[FixtureCell]] = [["A", "AAPL", 10, 1500, .day(2024, 1, 2)], ["A", "MSFT", 5, 1000, .day(2023, 5, 1)]]
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        let twice = try read([Self.asOf, ("Lots", [header] + block + block), Self.model,
                              ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", 400]])])
        #expect(twice.errors.map(\.description) == [
            "Lots!B4: The lots of A from this row repeat, lot for lot, the 2 from Lots!B2: the same export pasted twice, every "
                + "lot counted twice? Delete one copy; if they are lots of their own, give each its Lot ID.",
        ])
        // One equal pair among other lots is two purchases alike, read as such.
        let alike = try read([Self.asOf, ("Lots", [header] + block + [block[0]]), Self.model,
                              ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", 400]])])
        #expect(alike.errors.isEmpty)
        #expect(alike.portfolio?.lots.count == 3)
        // The next day's download pasted under the old one: five lots again, then a new one (explore-CP).
        let five: [[FixtureCell]] = [["A", "AAPL", 100, 5_000, .day(2020, 1, 2)], ["A", "AAPL", 50, 6_000, .day(2026, 3, 1)],
                                     ["A", "MSFT", 10, 300, .day(2021, 5, 1)], ["A", "VTI", 40, 8_000, .day(2022, 2, 1)],
                                     ["A", "BND", 25, 2_000, .day(2023, 7, 3)]]
        let pasted = try read([Self.asOf, ("Lots", [header] + five + five + [["A", "AAPL", "0.4321", 43.21, .day(2026, 11, 14)]]),
                               Self.model, ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", 400], ["VTI", 300], ["BND", 70]])])
        #expect(pasted.errors.map(\.description) == [
            "Lots!B7: The lots of A from this row repeat, lot for lot, the 5 from Lots!B2: the same export pasted twice, every "
                + "lot counted twice? Delete one copy; if they are lots of their own, give each its Lot ID.",
        ])
        // One order's four equal fills are lots, wherever they stand.
        let fill: [FixtureCell] = ["A", "AAPL", 10, 1500, .day(2024, 1, 2)]
        let fills = try read([Self.asOf, ("Lots", [header] + block + Array(repeating: fill, count: 8)), Self.model,
                              ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", 400]])])
        #expect(fills.errors.isEmpty, "\(fills.errors)")
    }

    @Test("A model short of 100% is said to be scaled up, unless it fills what the cash target leaves")
    func shortModels() throws {
        func modelWarnings(_ rows: [[FixtureCell]], cashTarget: FixtureCell? = nil) throws -> [String] {
            var settings: [[FixtureCell]] = [["Setting", "Value"], ["As Of Date", "2026-11-20"]]
            if let cashTarget { settings.append(["Cash Target", cashTarget]) }
            return try read([("Settings", settings), Self.oneLot, ("Model", [["Symbol", "Target"]] + rows), Self.prices])
                .warnings.filter { $0.place == "Model" }.map(\.description)
        }
        // 92% and a 3% CASH row: planned at 97/3 scaled up, without a word (explore-AQ).
        #expect(try modelWarnings([["AAPL", "92%"], ["CASH", "3%"]]) == [
            "Model: The default model's targets and CASH row add up to 95%; they are scaled up to fit.",
        ])
        #expect(try modelWarnings([["AAPL", "90%"]]) == [
            "Model: The default model's targets add up to 90% and it has no CASH row: they are scaled up to fill all but each "
                + "account's cash target (Settings, or the Accounts sheet's). If the rest is meant as cash, add a CASH row holding it.",
        ])
        // Written to fill what the cash target leaves, or whole: as meant.
        #expect(try modelWarnings([["AAPL", "97%"]], cashTarget: "3%").isEmpty)
        #expect(try modelWarnings([["AAPL", "99%"]]).isEmpty)
        #expect(try modelWarnings([["AAPL", "96.6%"], ["CASH", "3%"]]).isEmpty)
    }

    @Test("An Override column under a PM's own name (PM Price, Use Price, Overrides) wins as Override does",
          arguments: ["PM Price", "Use Price", "Overrides"])
    func overrideUnderOtherNames(header: String) throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Prices", [["Symbol", "Price", "As Of", .text(header)], ["AAPL", 190, .day(2026, 11, 20), 185]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let aapl = reading.portfolio?.prices.first { $0.symbol == "AAPL" }
        #expect(aapl?.origin == .override)
        #expect(aapl?.price == Price(decimal: "185"))
    }

    @Test("An Override beside a feed's failed price wins; the failed price refuses the book only without one",
          arguments: [(FixtureCell.error("#N/A"), "#N/A"), ("#N/A N/A", "#N/A N/A"),
                      ("#N/A Requesting Data...", "#N/A Requesting Data...")])
    func overrideBesideFailedPrice(failed: FixtureCell, shown: String) throws {
        func reading(override: FixtureCell) throws -> PortfolioReading {
            try read([
                Self.asOf, Self.oneLot, Self.model,
                ("Prices", [["Symbol", "Price", "As Of", "Override"], ["AAPL", failed, .day(2026, 11, 20), override]]),
            ])
        }
        let overridden = try reading(override: 231)
        #expect(overridden.errors.isEmpty, "\(overridden.errors)")
        let aapl = overridden.portfolio?.prices.first { $0.symbol == "AAPL" }
        #expect(aapl?.origin == .override)
        #expect(aapl?.price == Price(decimal: "231"))
        #expect(overridden.diagnostics.map(\.description).contains("Prices!B2: AAPL's Price holds \(shown); its Override, 231.00, is used."))
        let bare = try reading(override: .empty)
        #expect(bare.errors.map(\.description).first?.hasPrefix("Prices!B2: Price: ") == true)
        // A row no symbol of the book needs (a watch list's) refuses nothing (explore-BP).
        let unused = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["MSFT", failed, .day(2026, 11, 20)]]),
        ])
        #expect(unused.errors.isEmpty, "\(unused.errors)")
    }

    @Test("A Lots Price more than a tenth from the Prices sheet's is warned of; the Prices sheet's is used")
    func lotPriceFarFromPrices() throws {
        func reading(lotPrice: Double) throws -> PortfolioReading {
            try read([
                Self.asOf,
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Price"],
                          ["A", "AAPL", 1, 100, .day(2024, 1, 2), .number(lotPrice)]]),
                Self.model, Self.prices,
            ])
        }
        // One of the two is stale, and which flips a harvest (explore-BL).
        let far = try reading(lotPrice: 230)
        #expect(far.warnings.map(\.description).contains(
            "Prices!B2: AAPL is priced 190.00 here and 230.00 on the Lots sheet (Lots!F2), 21% apart: this sheet's price is "
                + "used. Check that neither is stale."), "\(far.warnings)")
        #expect(far.priceRequests.first { $0.symbol == "AAPL" }?.workbook?.price == Price(decimal: "190"))
        #expect(try !reading(lotPrice: 195).warnings.contains { $0.message.contains("apart") })
    }

    @Test("A Lots Price a feed failed to give refuses the book only where the Prices sheet does not price the symbol")
    func failedLotPrice() throws {
        func reading(prices: [[FixtureCell]]) throws -> PortfolioReading {
            try read([
                Self.asOf,
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Price"],
                          ["A", "AAPL", 1, 100, .day(2024, 1, 2), .error("#N/A")]]),
                Self.model, ("Prices", prices),
            ])
        }
        let priced = try reading(prices: [["Symbol", "Price"], ["AAPL", 190]])
        #expect(priced.errors.isEmpty, "\(priced.errors)")
        #expect(priced.portfolio?.prices.first?.price == Price(decimal: "190"))
        let unpriced = try reading(prices: [["Symbol", "Price"], ["MSFT", 400]])
        #expect(unpriced.errors.map(\.description) == [
            "Lots!F2: Price: The cell holds #N/A, and the Prices sheet does not price AAPL (held in A): give its price there or here.",
        ])
    }

    @Test("A Min Trade or Harvest Min Loss of None is no minimum, $0.00, not the default")
    func minimumOfNone() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Min Trade", "None"], ["Harvest Min Loss", "No minimum"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.settings.minTrade == .zero)
        #expect(reading.portfolio?.settings.harvestMinLoss == .zero)
        #expect(reading.diagnostics.map(\.description).contains("Settings!B3: Min Trade \"None\" is read as $0.00: no minimum."))
    }

    /// Read as blank, the row was left out without a word: its security sold whole as legacy,
    /// or a CASH row's 0% gave way to the Settings cash target (explore-DD).
    @Test("A Model Target written as a word for empty (n/a, --, None) is an error naming the cell")
    func modelTargetOfNone() throws {
        let reading = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target"], ["AAPL", "n/a"], ["CASH", "None"], ["MSFT", 0.5]]),
            ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["MSFT", 400]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Model!B2: Target \"n/a\" gives no weight: write 0% to hold none of AAPL, or delete the row. Left out, AAPL "
                + "would be sold as a legacy holding.",
            "Model!B3: Target \"None\" gives no weight: write 0% to hold none of CASH, or delete the row. Left out, the "
                + "Settings cash target would apply.",
        ])
    }

    /// Read as blank, a Cash Target of None kept the default, and positions were sold to raise
    /// it: $15,534.00 of an account, $1,549.78 of tax (explore-DC).
    @Test("A Cash Target or Harvest Min Loss Pct of None is 0%; a Default Band or a rate of None is asked")
    func percentOfNone() throws {
        let settings = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Cash Target", "None"],
                          ["Harvest Min Loss Pct", "none"]]),
            ("Accounts", [["Account", "Cash", "Cash Target"], ["A", 100, "None"], ["B", 100, 0.02]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1500, .day(2020, 1, 2)],
                      ["B", "AAPL", 10, 1500, .day(2020, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(settings.errors.isEmpty, "\(settings.errors)")
        #expect(settings.portfolio?.settings.cashTarget == .zero)
        #expect(settings.portfolio?.settings.harvestMinLossPercent == .zero)
        #expect(settings.portfolio?.accounts.map(\.cashTarget) == [.zero, Rate(decimal: "0.02")!])
        #expect(settings.diagnostics.map(\.description).contains("Settings!B3: Cash Target \"None\" is read as 0%: no cash kept."))
        #expect(settings.diagnostics.map(\.description).contains("Accounts!C2: Cash Target \"None\" is read as 0%: no cash kept."))
        let band = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Default Band", "None"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(band.errors.map(\.description) == ["Settings!B3: Default Band \"None\" could mean 0% or the default: write 0% "
            + "for none, or leave it blank for the default."])
    }

    @Test("A Default Band written as a plain fraction this wide is warned of; under a key saying percent, it is a percent")
    func unlikelyFractions() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Default Band", 0.5], ["Harvest Min Loss %", 0.5]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty)
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Settings!") } == [
            "Settings!B3: Default Band 0.5 is read as 50% (a plain number up to 1 is a fraction): a weight would drift that far "
                + "either side of its target before it is rebalanced. Write 0.5% if 0.5 percent is meant.",
            // Its key says percent: 0.5 is read as 0.5%, as 1 there is 1% (since stop 51, explore-BM).
            "Settings!B4: Harvest Min Loss Pct 0.5 is read as 0.5%, since the key says percent, and read as a fraction, 50%, "
                + "only lots down that much from their cost would be harvested; write 50% if that is meant.",
        ])
        // A rate above any US rate written as a percent.
        let percent = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Long-Term Rate", 65]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(percent.warnings.map(\.description).filter { $0.hasPrefix("Settings!") } == [
            "Settings!B3: Long-Term Rate is 65%, above any US rate on gains, federal and state together: check it. The tax "
                + "estimate and the budget's room are worked at it.",
        ])
        // A cash target of a quarter or more, a rate above any US rate: on Settings and on Accounts.
        let cash = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Cash Target", 0.5], ["Short-Term Rate", 0.9]]),
            ("Accounts", [["Account", "Type", "Cash Target"], ["A", "Individual", 0.25], ["B", "Individual", 0.02]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(cash.errors.isEmpty, "\(cash.errors)")
        #expect(cash.warnings.map(\.description).filter { $0.contains("a plain number up to 1 is a fraction") } == [
            "Settings!B3: Cash Target 0.5 is read as 50% (a plain number up to 1 is a fraction): that share of each account is "
                + "raised to cash, its positions sold to reach it. Write 0.5% if 0.5 percent is meant.",
            "Settings!B4: Short-Term Rate 0.9 is read as 90% (a plain number up to 1 is a fraction): gains would be taxed above "
                + "any US rate, federal and state together. Write 0.9% if 0.9 percent is meant.",
            "Accounts!C2: Cash Target 0.25 is read as 25% (a plain number up to 1 is a fraction): that share of each account is "
                + "raised to cash, its positions sold to reach it. Write 0.25% if 0.25 percent is meant.",
        ])
        // A rate written as a formula with no saved result is said as such, not "found \"\"".
        let formula = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Long-Term Rate", .formulaWithoutValue]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(formula.errors.map(\.description) == [
            "Settings!B3: Long-Term Rate: The cell holds a formula with no saved result; open and save the workbook in Excel, "
                + "then try again.",
        ])
        // As written fractions of ordinary size, or as percents, nothing is said.
        let usual = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Default Band", 0.05], ["Harvest Min Loss %", "50%"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(usual.warnings.filter { $0.place.hasPrefix("Settings!") }.isEmpty)
    }

    @Test("A model's cash row named as a custodian's cash line, and a band headed +/- or Corridor, are read")
    func modelCashLineAndBandSigns() throws {
        for band in ["+/-", "±", "Corridor"] {
            let reading = try read([
                Self.asOf, Self.oneLot, Self.prices,
                ("Model", [["Symbol", "Target", .text(band)], ["AAPL", 0.97, 0.05], ["Cash & Cash Investments", 0.03, nil]]),
            ])
            #expect(reading.errors.isEmpty, "\(band): \(reading.errors)")
            let model = try #require(reading.portfolio?.models.first)
            #expect(model.cashTarget == Rate(millionths: 30_000), "\(band)")
            #expect(model.targets.map(\.band) == [Rate(millionths: 50_000)], "\(band)")
        }
    }

    @Test("An account ID or a symbol holding a line break is an error: printed, it made lines of the report")
    func lineBreakInAnID() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Type"], ["CHEN-TR\nCHEN-TR: 0 trade(s)", "IRA"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["CHEN-TR\nCHEN-TR: 0 trade(s)", "AAPL\u{2028}X", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Accounts!A2: The account \"CHEN-TR CHEN-TR: 0 trade(s)\" holds a line break; write it on one line.",
            "Lots!B2: The symbol \"AAPL X\" holds a line break; write it on one line.",
            "Lots!A2: The account \"CHEN-TR CHEN-TR: 0 trade(s)\" holds a line break; write it on one line.",
        ])
    }

    @Test("An Account cell holding an account's name and its number is that account, noted; a masked number too")
    func accountNameWithNumber() throws {
        func reading(_ cell: String) throws -> PortfolioReading {
            try read([
                Self.asOf,
                ("Accounts", [["Account", "Name", "Type"], ["4411-5678", "Lee Joint", "Joint"], ["4411-9999", "Lee IRA", "IRA"]]),
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["4411-5678", "AAPL", 1, 100, .day(2024, 1, 2)]]),
                Self.model, Self.prices,
                ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"], [.text(cell), "2026-11-02", "AAPL", "Buy", 1]]),
            ])
        }
        for cell in ["Lee Joint 4411-5678", "Lee Joint (4411-5678)", "JOINT TEN 44115678"] {
            let read = try reading(cell)
            #expect(read.portfolio?.transactions.map(\.account) == ["4411-5678"], "\(cell): \(read.errors)")
            #expect(read.diagnostics.contains { $0.place == "Transactions!A2"
                && $0.message == "The account \"\(cell)\" is read as \"4411-5678\", the one account whose ID it holds." })
        }
        // A masked number names the one account whose number ends in its digits, as a title's does.
        let masked = try reading("Lee Joint ...5678")
        #expect(masked.portfolio?.transactions.map(\.account) == ["4411-5678"], "\(masked.errors)")
        #expect(masked.diagnostics.contains { $0.place == "Transactions!A2"
            && $0.message == "The account \"Lee Joint ...5678\" is read as \"4411-5678\", the one account whose number ends in 5678." })
    }

    @Test("An account written with other capitals or spacing on a sheet is the Accounts sheet's, noted once")
    func accountCase() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Type"], ["ACC-1", "Individual"], ["ACC-2", "IRA"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["acc-1", "AAPL", 1, 100, .day(2024, 1, 2)],
                      ["acc-1", "AAPL", 2, 200, .day(2024, 1, 3)], ["ACC-3", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.diagnostics.filter { $0.message.hasPrefix("The account") }.map(\.description) == [
            "Lots!A2: The account \"acc-1\" is read as \"ACC-1\", as the Accounts sheet writes it.",
            "Lots!A4: The account \"ACC-3\" is not on the Accounts sheet.",
        ])
    }

    @Test("An account number whose leading zeros a spreadsheet dropped is the Accounts sheet's, noted once")
    func accountLeadingZeros() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Type"], ["00123456", "Individual"], ["0789", "IRA"], ["789", "Roth"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], [123456, "AAPL", 1, 100, .day(2024, 1, 2)],
                      [123456, "AAPL", 2, 200, .day(2024, 1, 3)], ["00789", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        // 00789 could be either of two accounts: it is not guessed.
        #expect(reading.diagnostics.filter { $0.message.hasPrefix("The account") }.map(\.description) == [
            "Lots!A2: The account \"123456\" is read as \"00123456\", the same number with its leading zeros, which "
                + "a spreadsheet drops from a number.",
            "Lots!A4: The account \"00789\" could be any of 2 accounts on the Accounts sheet (0789, 789): write the "
                + "account's ID here, as the Accounts sheet's Account column does.",
        ])
    }

    @Test("An account number written with other separators is the one account with its letters and digits, noted once")
    func accountSeparators() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Type"], ["1234-5678", "Individual"], ["X-77.01", "IRA"], ["12-34", "Roth"],
                          ["1-234", "Roth"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], [12345678, "AAPL", 1, 100, .day(2024, 1, 2)],
                      ["1234 5678", "AAPL", 2, 200, .day(2024, 1, 3)], ["x 7701", "AAPL", 1, 100, .day(2024, 1, 2)],
                      ["1234", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        // 1234 could be either of two accounts: it is not guessed.
        #expect(reading.diagnostics.filter { $0.message.hasPrefix("The account") }.map(\.description) == [
            "Lots!A2: The account \"12345678\" is read as \"1234-5678\", the same letters and digits with other "
                + "separators between them.",
            "Lots!A3: The account \"1234 5678\" is read as \"1234-5678\", the same letters and digits with other "
                + "separators between them.",
            "Lots!A4: The account \"x 7701\" is read as \"X-77.01\", the same letters and digits with other "
                + "separators between them.",
            "Lots!A5: The account \"1234\" could be any of 2 accounts on the Accounts sheet (1-234, 12-34): write the "
                + "account's ID here, as the Accounts sheet's Account column does.",
        ])
        #expect(PortfolioBuilder.compactAccount("0012 3456-78") == "12345678")
        #expect(PortfolioBuilder.compactAccount("ACC-01") == "acc01")
        #expect(PortfolioBuilder.compactAccount("000") == "000")
    }

    @Test("A model grouped by asset class: its classes' titles and subtotals are set aside, a ticker without a target is not")
    func modelGroupedByClass() throws {
        let reading = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target", "Band"],
                       ["US Equity", nil, nil], ["AAPL", .percent(0.5), .percent(0.03)], ["MSFT", .percent(0.2), nil],
                       ["US Equity Total", .percent(0.7), nil],
                       ["Bonds", nil, nil], ["BND", .percent(0.25), nil], ["Bonds Subtotal", .percent(0.25), nil],
                       ["Cash", nil, nil], ["CASH", .percent(0.05), nil],
                       ["Total", .percent(1), nil]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["MSFT", 400, .day(2026, 11, 20)],
                        ["BND", 72, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let model = try #require(reading.portfolio?.models.first)
        #expect(model.targets.map(\.symbol) == ["AAPL", "MSFT", "BND"])
        #expect(model.targets.map(\.target) == [500_000, 200_000, 250_000].map { Rate(millionths: $0) })
        #expect(model.cashTarget == Rate(millionths: 50_000))
        #expect(reading.diagnostics.filter { $0.place.hasPrefix("Model!row") }.map(\.description) == [
            "Model!row 2: Skipped: the title of the model's rows below (\"US Equity\").",
            "Model!row 5: Skipped: a subtotal of the model's rows (\"US Equity Total\").",
            "Model!row 6: Skipped: the title of the model's rows below (\"Bonds\").",
            "Model!row 8: Skipped: a subtotal of the model's rows (\"Bonds Subtotal\").",
            "Model!row 9: Skipped: the title of the model's rows below (\"Cash\").",
            "Model!row 11: Skipped: a summary or footer row (\"Total\").",
        ])
        // A ticker left without its target is still the error it is.
        let forgotten = try read([Self.asOf, Self.oneLot, ("Model", [["Symbol", "Target"], ["AAPL", 0.9], ["NVDA", nil]]),
                                  Self.prices])
        #expect(forgotten.errors.map(\.description) == ["Model!B3: Target is blank."])
    }

    @Test("Beside a Model column, a class's title and a note alone in it are set aside; a model's name alone is refused at its cell")
    func modelColumnTitlesAndNotes() throws {
        let accounts: (name: String, rows: [[FixtureCell]]) = ("Accounts", [["Account", "Model"], ["A", "Core Balanced"]])
        let model: (name: String, rows: [[FixtureCell]]) = ("Model", [
            ["Model", "Symbol", "Target"], ["Core Balanced", "AAPL", 0.6], ["Fixed Income"], ["Core Balanced", "BND", 0.39],
            [], ["Source: Schwab Advisor Center"], ["Approved by IC 10/15/2026"],
        ])
        let prices: (name: String, rows: [[FixtureCell]]) =
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["BND", 72, .day(2026, 11, 20)]])
        let reading = try read([Self.asOf, accounts, Self.oneLot, model, prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.models.first?.targets.map(\.symbol) == ["AAPL", "BND"])
        #expect(reading.diagnostics.filter { $0.place.hasPrefix("Model!row") && !$0.message.hasSuffix("blank.") }.map(\.description) == [
            "Model!row 3: Skipped: the title of the model's rows below (\"Fixed Income\").",
            "Model!row 6: Skipped: a note (\"Source: Schwab Advisor Center\").",
            "Model!row 7: Skipped: the title of the model's rows below (\"Approved by IC 10/15/2026\").",
        ])
        // The model's own name alone is no class: refused where it is written, not at the blank Symbol beside it.
        var named = model
        named.rows[2] = ["Core Balanced"]
        let refused = try read([Self.asOf, accounts, Self.oneLot, named, prices])
        #expect(refused.errors.map(\.description) == [
            "Model!A3: \"Core Balanced\" stands alone on its row, with no Symbol or Target: the Model sheet reads a security's "
                + "target on its own row, and a model's name on its securities' rows. Delete this row if it is a heading or a "
                + "note, or give it its Symbol and Target.",
        ])
    }

    @Test("A class title carrying its class's weight is set aside when the securities below add up to it; else an error naming it")
    func modelClassRowsWithWeights() throws {
        let reading = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target"],
                       ["Equity", .percent(0.7)], ["US Equity", .percent(0.5)], ["AAPL", .percent(0.3)], ["MSFT", .percent(0.2)],
                       ["Intl Equity", .percent(0.2)], ["VXUS", .percent(0.2)],
                       ["Fixed Income", .percent(0.25)], ["BND", .percent(0.25)], ["CASH", .percent(0.05)]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["MSFT", 400, .day(2026, 11, 20)],
                        ["VXUS", 60, .day(2026, 11, 20)], ["BND", 72, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let model = try #require(reading.portfolio?.models.first)
        #expect(model.targets.map(\.symbol) == ["AAPL", "MSFT", "VXUS", "BND"])
        #expect(model.cashTarget == Rate(millionths: 50_000))
        #expect(reading.diagnostics.filter { $0.message.contains("asset class's title") }.map(\.description) == [
            "Model!A2: \"Equity\" with a Target of 70% is read as an asset class's title: the 3 securities below it add up to its weight. It is not a security.",
            "Model!A3: \"US Equity\" with a Target of 50% is read as an asset class's title: the 2 securities below it add up to its weight. It is not a security.",
            "Model!A6: \"Intl Equity\" with a Target of 20% is read as an asset class's title: the security below it has its weight. It is not a security.",
            "Model!A8: \"Fixed Income\" with a Target of 25% is read as an asset class's title: the security below it has its weight. It is not a security.",
        ])
        // A class whose rows do not add up is an error naming it, not a symbol without a price.
        let short = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target"], ["US Equity", .percent(0.6)], ["AAPL", .percent(0.5)], ["Bonds", .percent(0.4)],
                       ["BND", .percent(0.4)]]),
            Self.prices,
        ])
        #expect(short.errors.map(\.description) == [
            "Model!A2: \"US Equity\" is not a ticker but reads as an asset class's title, with a Target of 60% that the securities below it do not add up to (50%). The Model lists each security with its own target: clear the class's Target, or take its row out.",
        ])
    }

    @Test("A basis the custodian marks W, adjusted for a wash sale, is read as the amount, noted")
    func washSaleMarkedBasis() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Unit Cost", "Acquired"],
                      ["A", "AAPL", 10, "$1,500.00 W", nil, .day(2024, 1, 2)], ["A", "AAPL", 4, nil, "120.50W", .day(2025, 1, 2)],
                      ["A", "AAPL", 1, "WW", nil, .day(2025, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == ["Lots!D4: Cost Basis: Expected a number, found \"WW\"."])
        #expect(reading.diagnostics.filter { $0.message.contains("custodian's W") }.map(\.description) == [
            "Lots!D2: \"$1,500.00 W\" is read as $1,500.00: the custodian's W marks a basis already adjusted for a wash sale.",
            "Lots!E3: \"120.50W\" is read as 120.50: the custodian's W marks a basis already adjusted for a wash sale.",
        ])
        let fine = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, "1,500.00 W", .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(fine.portfolio?.lots.map(\.costBasis) == [Money(dollars: 1_500)])
    }

    @Test("An option position among the lots, a covered call's short contracts too, is left out with a warning")
    func optionLots() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 100, 15000, .day(2024, 1, 2)],
                      ["A", "AAPL 01/17/2027 200.00 C", -1, -520, .day(2026, 10, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.symbol) == ["AAPL"])
        #expect(reading.warnings.map(\.description).contains(
            "Lots!B3: AAPL 01/17/2027 200.00 C is an option: the tool rebalances shares, so this lot is left out of the "
                + "plan, not traded and outside its account's value and weights. Shares a call covers are not held back "
                + "by it: restrict them (No Sell) on the Securities sheet if they must stay."))
    }

    @Test("A core money-market position (SPAXX**) among the lots is cash, left out with a warning; the account's cash stands")
    func coreMoneyMarketPosition() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Cash"], ["A", 2_500]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 100, 15000, .day(2024, 1, 2)],
                      ["A", "SPAXX**", "12,345.67", "--", nil]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.symbol) == ["AAPL"])
        #expect(reading.portfolio?.accounts.map(\.cash) == [Money(dollars: 2_500)])
        #expect(reading.warnings.map(\.description) == [
            "Lots!B3: SPAXX** is the account's core money-market position (a custodian marks its cash sweep **): it is "
                + "cash, not a security with lots, so this row is left out. The account's cash is its Cash on the Accounts "
                + "sheet (none without one): put the sweep's balance there if it is not."])
        #expect(!PortfolioBuilder.isCorePosition("**"))
        #expect(!PortfolioBuilder.isCorePosition("SPAXX"))
    }

    @Test("A Term mark of ST on a lot its dates make long-term is kept, with a warning naming its cells; LT months from the year is not questioned")
    func staleShortTermMarks() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Holding Period"],
                      ["A", "AAPL", 10, 1500, .day(2024, 1, 2), "Short Term"],
                      ["A", "AAPL", 10, 1500, .day(2026, 6, 1), "Short Term"],
                      ["A", "MSFT", 10, 1500, .day(2025, 11, 20), "ST"],
                      ["A", "MSFT", 10, 1500, .day(2025, 11, 19), "ST"],
                      ["A", "MSFT", 10, 1500, .day(2026, 6, 1), "Long Term"]]),
            Self.model, ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["MSFT", 400, .day(2026, 11, 20)]]),
            ("Accounts", [["Account", "Cash"], ["A", 0]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.termOverride) == [.shortTerm, .shortTerm, .shortTerm, .shortTerm, .longTerm])
        #expect(reading.warnings.map(\.description) == [
            "Lots: 2 lots are marked short-term (Lots!F2, Lots!F5) though their Acquired dates make them long-term on the "
                + "As Of date 2026-11-20. The mark wins, as a Term override does, and their gains are taxed at the short-term "
                + "rate; a custodian's Holding Period is as of its download: clear those cells to let the dates decide."])
    }

    @Test("A second column for one name that agrees with the first is left unread with a warning naming both")
    func secondColumnOfOneName() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Adjusted Cost Basis"],
                      ["A", "AAPL", 10, 1500, .day(2024, 1, 2), 1500]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.costBasis) == [Money(dollars: 1_500)])
        #expect(reading.warnings.map(\.description).contains(
            "Lots!F1: The column \"Adjusted Cost Basis\" is a second Cost Basis column: the first, \"Cost Basis\" (Lots!D1), "
                + "is read, and this one is ignored. Delete or rename the one that should not count."))
    }

    @Test("Two columns for one name that disagree are refused where the tool would guess: by position, or beside an adjusted figure")
    func disagreeingColumnsOfOneName() throws {
        let adjusted = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Adjusted Cost Basis"],
                      ["A", "AAPL", 10, 1500, .day(2024, 1, 2), 1500], ["A", "AAPL", 5, 700, .day(2024, 3, 4), 820]]),
            Self.model, Self.prices,
        ])
        #expect(adjusted.portfolio == nil)
        #expect(adjusted.errors.map(\.description) == [
            "Lots!F1: The columns \"Cost Basis\" (Lots!D1) and \"Adjusted Cost Basis\" (Lots!F1) both read as Cost Basis and "
                + "disagree, first at row 3 (D3 700 against F3 820): the tool does not guess which counts. Delete or rename "
                + "the one that should not."])
        let synonyms = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Shares", "Cost Basis", "Acquired", "Qty"],
                      ["A", "AAPL", 10, 1500, .day(2024, 1, 2), 12]]),
            Self.model, Self.prices,
        ])
        #expect(synonyms.errors.map(\.place) == ["Lots!F1"])
        #expect(SheetTable.differ(.number(0.05, .percent), .string("5%")) == false)
        #expect(SheetTable.differ(.string("VTI"), .string("vti")) == false)
        #expect(SheetTable.differ(nil, .number(3, .plain)) == false)
    }

    @Test("Of two columns for one name, the one named as the contract names it is read, wherever it stands")
    func canonicalColumnWins() throws {
        let reading = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Weight", "Target"], ["AAPL", "12%", "90%"]]),
            ("Prices", [["Symbol", "Close", "Price", "As Of"], ["AAPL", 150, 190, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.models.first?.targets.map(\.target) == [Rate(millionths: 900_000)])
        #expect(reading.priceRequests.first?.workbook?.price == Price(decimal: "190"))
        #expect(reading.warnings.map(\.description).contains(
            "Model!B1: The column \"Weight\" is a second Target column: the one named Target, \"Target\" (Model!C1), "
                + "is read, and this one is ignored. Delete or rename the one that should not count."))
    }

    @Test("Two tables side by side under one header row are refused at the second: its rows would be left out")
    func tablesSideBySide() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value", nil, "Setting", "Value"],
                          ["As Of Date", "2026-11-20", nil, "Tax Budget", 0]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", nil, "Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 10, 1500, .day(2024, 1, 2), nil, "B", "AAPL", 5, 700, .day(2023, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Settings!D1: The header repeats the Settings sheet's columns from here (Setting, Value): two tables side by side, "
                + "and the tool reads one table a sheet, so the rows of the second would be left out. Put its rows below the "
                + "first table's, under the one header, or on a sheet of their own.",
            "Lots!G1: The header repeats the Lots sheet's columns from here (Account, Symbol, Quantity, Cost Basis, Acquired): "
                + "two tables side by side, and the tool reads one table a sheet, so the rows of the second would be left out. "
                + "Put its rows below the first table's, under the one header, or on a sheet of their own.",
        ])
    }

    @Test("A second table right of the first, its header lower down, is refused there: its rows would be left out")
    func tableBesideLowerDown() throws {
        // explore-CB: the IRA's lots under their own header at H3, right of ACC-A's lots, were
        // never read, and the IRA planned as if it held nothing.
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 10, 1500, .day(2024, 1, 2)],
                      ["A", "MSFT", 4, 1200, .day(2024, 3, 2), nil, nil, "IRA lots"],
                      ["A", "VTI", 7, 1400, .day(2024, 5, 2), nil, nil, "ACCOUNT", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "BND", 9, 700, .day(2024, 6, 2), nil, nil, "B", "AAPL", 5, 700, .day(2023, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!H4: This row names the Lots sheet's columns again (Account, Symbol, Quantity, Cost Basis, Acquired) outside "
                + "the header's (row 1): a second table beside or below the first, and the tool reads one table a sheet, so the "
                + "rows of one would be left out. Put every row under one header, or move one table to a sheet of its own.",
        ])

        // In other words than the first's (explore-CD: an IRA's trades beside the Transactions,
        // headed Trade Date, Ticker, Action, Qty), and below a box the header was taken from
        // (explore-CD: a restricted list at H1 above the titled Securities table at A3).
        let synonyms = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"],
                              ["A", "2026-11-02", "AAPL", "Buy", 2, nil, "IRA trades"],
                              ["A", "2026-11-03", "AAPL", "Buy", 1, nil, "Acct", "Trade Date", "Ticker", "Action", "Qty"],
                              [nil, nil, nil, nil, nil, nil, "B", "2026-11-10", "AAPL", "Sell", 3]]),
        ])
        #expect(synonyms.errors.map(\.description) == [
            "Transactions!G3: This row names the Transactions sheet's columns again (Account, Date, Symbol, Side, Quantity) "
                + "outside the header's (row 1): a second table beside or below the first, and the tool reads one table a "
                + "sheet, so the rows of one would be left out. Put every row under one header, or move one table to a sheet "
                + "of its own.",
        ])
        let boxAbove = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Securities", [[nil, nil, nil, nil, "Symbol", "Restriction"],
                            ["Security master", nil, nil, nil, "TSLA", "No Buy"],
                            ["Symbol", "Name", "Sector", "Identical Group"],
                            ["AAPL", "Apple", "Tech", nil]]),
        ])
        #expect(boxAbove.errors.map(\.description) == [
            "Securities!A3: This row names the Securities sheet's columns again (Symbol, Name, Sector, Identical Group) "
                + "outside the header's (row 1): a second table beside or below the first, and the tool reads one table a "
                + "sheet, so the rows of one would be left out. Put every row under one header, or move one table to a sheet "
                + "of its own.",
        ])

        // Three of the sheet's column names in one row, wherever they stand: a household's
        // summary box under the accounts had become two accounts (explore-CF).
        let summaryBox = try read([
            Self.asOf,
            ("Accounts", [["Account", "Type", "Cash", "Household"], ["A", "Taxable", 100, "Chen"], [],
                          [nil, "Household", "Cash", "Withdrawal"], [nil, "Chen", 100, 0]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(summaryBox.errors.map(\.description) == [
            "Accounts!B4: This row names the Accounts sheet's columns again (Household, Cash, Withdrawal) outside the "
                + "header's (row 1): a second table beside or below the first, and the tool reads one table a sheet, so the "
                + "rows of one would be left out. Put every row under one header, or move one table to a sheet of its own.",
        ])

        // A legend beside the table naming a column or two is no table.
        let legend = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 10, 1500, .day(2024, 1, 2), nil, "Symbol", "the ticker"],
                      ["A", "AAPL", 4, 1200, .day(2024, 3, 2), nil, "Quantity", "Cost Basis"]]),
            Self.model, Self.prices,
        ])
        #expect(legend.errors.isEmpty, "\(legend.errors)")
        #expect(legend.portfolio?.lots.count == 2)
    }

    @Test("Another sheet's table kept beside a table, in a book without that sheet, is refused at its header")
    func otherSheetsTableBeside() throws {
        // explore-DN: a `Symbol | Restriction` box right of the Model (or the lots), with no
        // Securities sheet, was passed over without a word, and the plan sold the No Sell AAPL.
        let restrictions = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target"], ["AAPL", 0.99, nil, nil, "Restrictions"],
                       [nil, nil, nil, nil, "Symbol", "Restriction"], [nil, nil, nil, nil, "AAPL", "No Sell"]]),
            Self.prices,
        ])
        #expect(restrictions.portfolio == nil)
        #expect(restrictions.errors.map(\.description) == [
            "Model!E3: \"Symbol | Restriction\" heads a table of restrictions (the Securities sheet's Symbol, Restriction) "
                + "beside the Model table this sheet is read as, and the workbook has no Securities sheet: the tool reads one "
                + "table a sheet and finds the Securities table by its sheet's name, so its restrictions would not apply: a "
                + "position marked No Sell could be sold. Move the table to a sheet of its own named Securities.",
        ])
        // Beside the lots, lower down.
        let besideLots = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 1, 100, .day(2024, 1, 2), nil, nil, "Do not sell"],
                      [nil, nil, nil, nil, nil, nil, nil, "Ticker", "Restriction"], [nil, nil, nil, nil, nil, nil, nil, "AAPL", "No Sell"]]),
            Self.model, Self.prices,
        ])
        #expect(besideLots.errors.count == 1)
        #expect(besideLots.errors.first?.description.hasPrefix("Lots!H3: \"Ticker | Restriction\" heads a table of "
            + "restrictions (the Securities sheet's Symbol, Restriction) beside the Lots table this sheet is read as") == true)
        // explore-DN: an Alphabet cap of 5% in a box on the Securities sheet, with no Groups
        // sheet, was one Info line, and Alphabet was left at 10%.
        let caps = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Securities", [["Symbol", "Exposure Group"], ["AAPL", "Apple", nil, "Group caps"],
                            [nil, nil, nil, "Exposure Group", "Max Weight"], [nil, nil, nil, "Apple", "5%"]]),
        ])
        #expect(caps.errors.map(\.description) == [
            "Securities!D3: \"Exposure Group | Max Weight\" heads a table of exposure-group caps (the Groups sheet's Exposure "
                + "Group, Max Weight) beside the Securities table this sheet is read as, and the workbook has no Groups sheet: "
                + "the tool reads one table a sheet and finds the Groups table by its sheet's name, so its caps would not apply: "
                + "a group could be left above its Max Weight. Move the table to a sheet of its own named Groups.",
        ])
        // explore-DN: sector bands in a box right of the Model, with no Sectors sheet, were
        // dropped with no line at all.
        let bands = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target", "Sector"], ["AAPL", 0.99, "Tech", nil, "Sector", "Band"], [nil, nil, nil, nil, "Tech", 0.01]]),
            Self.prices,
        ])
        #expect(bands.errors.map(\.description) == [
            "Model!E2: \"Sector | Band\" heads a table of sector bands (the Sectors sheet's Sector, Band) beside the Model "
                + "table this sheet is read as, and the workbook has no Sectors sheet: the tool reads one table a sheet and "
                + "finds the Sectors table by its sheet's name, so its bands would not apply: a sector could be left outside "
                + "its band. Move the table to a sheet of its own named Sectors.",
        ])
        // explore-DN: a Tax Budget of 0 in a Settings box beside the accounts, with no Settings
        // sheet, was planned as Unlimited ($1,904 of tax).
        let settings = try read([
            ("Accounts", [["Account", "Type", "Cash", nil, "Setting", "Value"], ["A", "Taxable", 100, nil, "As Of Date", "2026-11-20"],
                          [nil, nil, nil, nil, "Tax Budget", 0]]),
            Self.oneLot, Self.model, Self.prices,
        ], asOf: CivilDate(year: 2026, month: 11, day: 20))
        #expect(settings.errors.map(\.description) == [
            "Accounts!E1: \"Setting | Value\" heads a table of settings (the Settings sheet's Setting, Value) beside the "
                + "Accounts table this sheet is read as, and the workbook has no Settings sheet: the tool reads one table a "
                + "sheet and finds the Settings table by its sheet's name, so its settings (As Of Date, Tax Budget, Lot "
                + "Method…) would not apply, and the plan would run on the defaults. Move the table to a sheet of its own "
                + "named Settings.",
        ])
        // Left of the accounts on a sheet read as Accounts for want of one by name.
        let inputs = try read([
            ("Inputs", [["Setting", "Value", nil, "Account", "Type", "Cash"], ["Tax Budget", 0, nil, "A", "Taxable", 100]]),
            Self.oneLot, Self.model, Self.prices,
        ], asOf: CivilDate(year: 2026, month: 11, day: 20))
        #expect(inputs.errors.count == 1)
        #expect(inputs.errors.first?.description.hasPrefix("Inputs!A1: \"Setting | Value\" heads a table of settings (the "
            + "Settings sheet's Setting, Value) beside the Accounts table this sheet is read as") == true)
    }

    @Test("Where the book has that sheet, or the box is none of its tables, the table beside is read as before")
    func otherSheetsTableBesideKept() throws {
        // With a Securities sheet, a restriction box beside the Model is the PM's own note.
        let withSheet = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target"], ["AAPL", 0.99, nil, "Symbol", "Restriction"], [nil, nil, nil, "AAPL", "No Sell"]]),
            Self.prices, ("Securities", [["Symbol", "Restriction"], ["AAPL", "No Sell"]]),
        ])
        #expect(withSheet.errors.isEmpty, "\(withSheet.errors)")
        #expect(withSheet.portfolio?.securities.map(\.symbol) == ["AAPL"])
        // An `Item | Value` box of figures beside the Model names no setting under it: no
        // Settings table, though its header reads as one's.
        let figures = try read([
            Self.oneLot,
            ("Model", [["Symbol", "Target"], ["AAPL", 0.99, nil, "Item", "Value"], [nil, nil, nil, "Total", 0.99],
                       [nil, nil, nil, "Largest", "AAPL"]]),
            Self.prices,
        ], asOf: CivilDate(year: 2026, month: 11, day: 20))
        #expect(figures.errors.isEmpty, "\(figures.errors)")
        #expect(figures.portfolio?.models.first?.targets.count == 1)
        // Boxes that change nothing without their sheet, or say nothing, had been refused
        // (explore-DP): a fund family and a sleeve's group, caps nor joins; a `Name | Min | Max`
        // of figures; a `Name | Value` of totals with a row named like a setting; a restriction
        // box with a header and no rows.
        for box: [[FixtureCell]] in [
            [["Symbol", "Name", "Family"], ["AAPL", "Apple", "Tech"]],
            [["Symbol", "Group"], ["AAPL", "Core"]],
            [["Name", "Min", "Max"], ["Price", 60, 400]],
            [["Name", "Value"], ["Harvest", 12500]],
            [["Symbol", "Restriction"]],
        ] {
            var model: [[FixtureCell]] = [["Symbol", "Target"], ["AAPL", 0.99]]
            for (index, row) in box.enumerated() {
                if index + 2 >= model.count { model.append([nil, nil]) }
                model[index + 2] = [model[index + 2][0], model[index + 2][1], nil] + row
            }
            let reading = try read([Self.oneLot, ("Model", model), Self.prices], asOf: CivilDate(year: 2026, month: 11, day: 20))
            #expect(reading.errors.isEmpty, "\(box[0]): \(reading.errors)")
        }
    }

    @Test("A No Sell beside a held ticker outside the table, under any header, is refused unless the Securities sheet restricts it")
    func looseRestrictionBesideATable() throws {
        func lots(_ box: [[FixtureCell]]) -> (name: String, rows: [[FixtureCell]]) {
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1500, "2020-01-02"]]
                + box.map { [nil, nil, nil, nil, nil, nil] + $0 })
        }
        let asOf = CivilDate(year: 2026, month: 11, day: 20)
        // `Security | Status` with `AAPL | No Sell` beside the lots had been passed over without a
        // word, and the position sold in Phase Out (explore-DP); a name between the ticker and
        // the mark, and a reason after it, hid it too (explore-DS).
        let reading = try read([lots([["Ticker", "Description", "Status"], ["AAPL", "Apple Inc", "No Sell - trading window"]]),
                                Self.model, Self.prices], asOf: asOf)
        #expect(reading.errors.map(\.description) == [
            "Lots!I4: \"No Sell - trading window\" is written beside AAPL outside the Lots table this sheet is read as, and the "
                + "workbook has no Securities sheet: the tool reads restrictions only on the Securities sheet (Symbol, "
                + "Restriction), so this one would not apply and AAPL could be traded. Give AAPL its Restriction on the "
                + "Securities sheet, or delete the cell if it restricts nothing."])
        // A Securities sheet that does not restrict it lets it be sold all the same (explore-DS).
        let unrestricted = try read([lots([["Symbol", "Note"], ["AAPL", "no sell"]]), Self.model, Self.prices,
                                     ("Securities", [["Symbol", "Sector"], ["AAPL", "Tech"]])], asOf: asOf)
        #expect(unrestricted.errors.first?.description.hasPrefix(
            "Lots!H4: \"no sell\" is written beside AAPL outside the Lots table this sheet is read as, and the Securities sheet "
                + "(Securities) does not restrict AAPL") == true, "\(unrestricted.errors)")
        let restricted = try read([lots([["Symbol", "Note"], ["AAPL", "no sell"]]), Self.model, Self.prices,
                                   ("Securities", [["Symbol", "Restriction"], ["AAPL", "No Sell"]])], asOf: asOf)
        #expect(restricted.errors.isEmpty, "\(restricted.errors)")
        // A legend of the marks or their codes, and a watch list of symbols neither held nor
        // modelled, restrict nothing the plan could trade.
        for box: [[FixtureCell]] in [[["Restriction", "Meaning"], ["No Buy", "not added to"]],
                                     [["Code", "Meaning"], ["NS", "No Sell"]],
                                     [["Watch", "Flag"], ["TSLA", "No Buy"]]] {
            let other = try read([lots(box), Self.model, Self.prices], asOf: asOf)
            #expect(other.errors.isEmpty, "\(box): \(other.errors)")
        }
    }

    @Test("A box of identical groups, and a box with a blank row under its header, are refused as other boxes are")
    func identicalGroupsAndGappedBoxes() throws {
        // explore-DS: a `Symbol | Identical Group` box was dropped (GOOG sold as legacy, GOOGL
        // bought), and a caps box with a blank row under its header vanished.
        let asOf = CivilDate(year: 2026, month: 11, day: 20)
        let families = try read([
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1500, "2020-01-02"],
                      [nil, nil, nil, nil, nil, nil, "Symbol", "Identical Group"], [nil, nil, nil, nil, nil, nil, "GOOG", "Alphabet"]]),
            Self.model, Self.prices,
        ], asOf: asOf)
        #expect(families.errors.first?.description.hasPrefix("Lots!G3: \"Symbol | Identical Group\" heads a table of securities")
                    == true, "\(families.errors)")
        let gapped = try read([
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1500, "2020-01-02"],
                      [nil, nil, nil, nil, nil, nil, "Exposure Group", "Max Weight"], ["A", "AAPL", 1, 150, "2020-01-02"],
                      [nil, nil, nil, nil, nil, nil, "Apple", 0.05]]),
            Self.model, Self.prices,
        ], asOf: asOf)
        #expect(gapped.errors.first?.description.hasPrefix("Lots!G3: \"Exposure Group | Max Weight\" heads a table of "
            + "exposure-group caps") == true, "\(gapped.errors)")
    }

    @Test("A Settings table stacked under the accounts, in a book without a Settings sheet, is refused; its rows are no accounts")
    func settingsStackedUnderAccounts() throws {
        // explore-DN: its rows had become accounts named "Setting", "As Of Date" and "Tax Budget"
        // (each its own household), and a Tax Budget of 0 was planned as Unlimited.
        let reading = try read([
            ("Inputs", [["Account", "Name", "Household", "Type", "Cash"], ["A", "Smith Joint", "Smith", "Joint", 100], [],
                        ["Settings"], ["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Tax Budget", 0]]),
            Self.oneLot, Self.model, Self.prices,
        ], asOf: CivilDate(year: 2026, month: 11, day: 20))
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Inputs!A5: \"Setting | Value\" heads a table of settings (the Settings sheet's Setting, Value) under the "
                + "Accounts table this sheet is read as, and the workbook has no Settings sheet: the tool reads one table a "
                + "sheet and finds the Settings table by its sheet's name, so its settings (As Of Date, Tax Budget, Lot "
                + "Method…) would not apply, and the plan would run on the defaults. Move the table to a sheet of its own "
                + "named Settings.",
        ])
        // No account is made of the settings' rows or their title: none is warned of.
        #expect(reading.diagnostics.filter { $0.severity == .warning && $0.place.hasPrefix("Inputs!") }.isEmpty,
                "\(reading.diagnostics.filter { $0.severity == .warning })")
    }

    @Test("An error in a column that only describes is read as blank with a note; in one the plan needs, it is an error")
    func errorsInDescribingColumns() throws {
        // A failed VLOOKUP of a security's name had refused the book (explore-CB).
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Prices", [["Symbol", "Price", "As Of", "Source"], ["AAPL", 190, .day(2026, 11, 20), .error("#N/A")]]),
            ("Securities", [["Symbol", "Name", "Sector"], ["AAPL", .error("#N/A"), "Tech"]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.securities.first?.name == nil)
        #expect(reading.portfolio?.securities.first?.sector == "Tech")
        #expect(reading.diagnostics.filter { $0.severity == .info && $0.message.contains("#N/A") }.map(\.description) == [
            "Securities!B2: Name: the cell holds the error #N/A; read as blank, as nothing the plan does depends on it.",
            "Prices!D2: Source: the cell holds the error #N/A; read as blank, as nothing the plan does depends on it.",
        ])
        // An account's name: the account is then called by its ID (explore-CD).
        let account = try read([
            Self.asOf, ("Accounts", [["Account", "Name", "Cash"], ["A", .error("#N/A"), 100]]), Self.oneLot, Self.model,
            Self.prices,
        ])
        #expect(account.errors.isEmpty, "\(account.errors)")
        #expect(account.portfolio?.accounts.map(\.name) == ["A"])
        let needed = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Securities", [["Symbol", "Name", "Sector"], ["AAPL", "Apple", .error("#N/A")]]),
        ])
        #expect(needed.errors.map(\.description) == ["Securities!C2: Sector: The cell holds the error #N/A."])
        // A cell two rules read is one error, not the same line twice (explore-CD).
        let group = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Securities", [["Symbol", "Identical Group"], ["AAPL", .error("#N/A")]]),
        ])
        #expect(group.errors.map(\.description) == ["Securities!B2: Identical Group: The cell holds the error #N/A."])
    }

    @Test("A value under no header, in the table or just right of it, is noted as not read")
    func valuesUnderNoHeader() throws {
        // An `LT` typed beside a lot whose column has no header had been passed over without a
        // word (explore-CB); a note further right, past the table, is the PM's own.
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", nil, "Cost Basis", "Acquired"],
                      ["A", "AAPL", 10, "x", 1500, .day(2024, 1, 2), "LT"],
                      ["A", "AAPL", 4, nil, 1200, .day(2024, 3, 2), "LT", nil, "checked by JB"],
                      ["A", "AAPL", 2, nil, 300, .day(2025, 3, 2), "LT"]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.diagnostics.filter { $0.message.contains("which has no header") }.map(\.description) == [
            "Lots!D2: \"x\" is in column D, which has no header: it is not read. Give the column a header if it is one the "
                + "Lots sheet has.",
            "Lots!G2: \"LT\" is in column G, which has no header: it is not read, nor the 2 more below it. Give the column a "
                + "header if it is one the Lots sheet has.",
        ])
    }

    @Test("A row of words right under the header (a header on two rows, a row of units) is refused, not a footer")
    func headerOnTwoRows() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost", nil, "Acquired"],
                      [nil, nil, nil, "Per Share", "Total", nil],
                      ["A", "AAPL", 10, 150, 1500, .day(2024, 1, 2)]]),
            Self.model,
            ("Prices", [["Symbol", "Price", "As Of"], ["(ticker)", "($)", "(date)"], ["AAPL", 190, .day(2026, 11, 20)]]),
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!row 2: This row, right under the header, holds only words (\"Per Share\", \"Total\"): a header written on two "
                + "rows, or a row of units. The tool reads a header of one row: put each column's whole name in the header row "
                + "(Unit Cost for a cost per share, Cost Basis for a lot's total) and delete this row.",
            "Prices!row 2: This row, right under the header, holds only words (\"(ticker)\", \"($)\", \"(date)\"): a header "
                + "written on two rows, or a row of units. The tool reads a header of one row: put each column's whole name in the "
                + "header row and delete this row.",
        ])
    }

    @Test("A sheet named by another word for an optional sheet but holding none of its columns is passed over with a warning")
    func synonymSheetsOfOtherContent() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("History", [["Month", "Return"], ["2026-10", "1.2%"]]),
            ("Options", [["Contract", "Strike", "Expiry"], ["AAPL 260116C200", 200, "2026-01-16"]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.warnings.map(\.description).contains(
            "History: This sheet's name reads as the Transactions sheet's, but no row of it holds the Transactions columns "
                + "(Date, Symbol, Side), so it is not read as one. If it is the Transactions sheet, give it that header; if not, "
                + "rename it to keep this warning away."))
        #expect(reading.warnings.map(\.description).contains(
            "Options: This sheet's name also reads as the Settings sheet's, but it holds none of its columns; the sheet named "
                + "Settings is read, and this one is not."))
        #expect(reading.portfolio?.settings.asOf.description == "2026-11-20")
    }

    @Test("An Accounts row of words alone that no lot names titles the accounts below it: set aside, not an account")
    func accountTitleRows() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Household", "Model", "Cash"], ["Lee household", nil, nil, nil], ["A", "Lee", "Growth", 1000],
                          ["Kim family", nil, nil, nil], ["B", "Kim", "Income", 0]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                      ["B", "AAPL", 2, 200, .day(2024, 1, 2)]]),
            ("Model", [["Model", "Symbol", "Target"], ["Growth", "AAPL", "90%"], ["Income", "AAPL", "50%"]]),
            Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.accounts.map(\.id) == ["A", "B"])
        #expect(reading.diagnostics.contains { $0.description == "Accounts!A2: \"Lee household\" is read as a title over the "
            + "accounts below it, not an account: the row holds nothing else and no lot names it." })
    }

    @Test("Header spellings of trading desks: Qty (sh), Purchase Dt, Tgt %, Px")
    func deskSpellings() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Qty (sh)", "Cost Basis", "Purchase Dt"], ["A", "AAPL", 10, 1500, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Tgt %"], ["AAPL", 90]]),
            ("Prices", [["Symbol", "Px", "As Of"], ["AAPL", 190, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.quantity) == [Quantity(shares: 10)])
        #expect(reading.portfolio?.models.first?.targets.map(\.target) == [Rate(millionths: 900_000)])
        #expect(reading.priceRequests.first?.workbook?.price == Price(decimal: "190"))
    }

    /// Notes on a header's figures that its name says already (a date's format, a price per
    /// share, a weight of the account, a count of shares): each had refused the book (explore-EM).
    @Test("Header notes the name says already: Acquired (mm/dd/yyyy), Price per share, Target (% of acct), Quantity (sh)")
    func headerNotesSetAside() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired (mm/dd/yyyy)"], ["A", "AAPL", 10, 1500, "01/02/2024"]]),
            ("Model", [["Symbol", "Target (% of acct)"], ["AAPL", 90]]),
            ("Prices", [["Symbol", "Price per share", "As Of"], ["AAPL", 190, .day(2026, 11, 20)]]),
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity (sh)", "Amount"], ["A", "AAPL", "Sell", 4, nil]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.acquired.description) == ["2024-01-02"])
        #expect(reading.portfolio?.models.first?.targets.map(\.target) == [Rate(millionths: 900_000)])
        #expect(reading.priceRequests.first?.workbook?.price == Price(decimal: "190"))
        let plan = try Planner.plan(for: try #require(reading.portfolio))
        #expect(plan.trades.filter { $0.phase == .manual }.map { "\($0.side) \($0.quantity) \($0.symbol)" } == ["sell 4 AAPL"])
        // A day-first format: its date cells are the dates they hold, and a text date that reads
        // either way is asked about, not read month first.
        let dayFirst = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired (dd/mm/yyyy)"],
                      ["A", "AAPL", 10, 1500, .day(2024, 1, 2)], ["A", "AAPL", 5, 800, "02/01/2024"]]),
            Self.model, Self.prices,
        ])
        #expect(dayFirst.errors.map(\.place) == ["Lots!E3"])
        #expect(dayFirst.errors.first?.message == "\"02/01/2024\" would be read as 2024-02-01, month first, but this column seems to "
            + "write its day first (Lots!E1: \"Acquired (dd/mm/yyyy)\"), which makes it 2024-01-02: write it year first.")
        let dateCells = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired (dd/mm/yyyy)"], ["A", "AAPL", 10, 1500, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(dateCells.errors.isEmpty, "\(dateCells.errors)")
        #expect(dateCells.portfolio?.lots.map(\.acquired.description) == ["2024-01-02"])
    }

    /// A unit after a header's note (`Price per share ($)`, `Target (% of acct) %`): the book
    /// had been refused as one without prices and targets.
    @Test("A unit after a header's note: Price per share ($), Target (% of acct) %")
    func unitAfterHeaderNote() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1500, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Target (% of acct) %"], ["AAPL", 90]]),
            ("Prices", [["Symbol", "Price per share ($)", "As Of"], ["AAPL", 190, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.models.first?.targets.map(\.target) == [Rate(millionths: 900_000)])
        #expect(reading.priceRequests.first?.workbook?.price == Price(decimal: "190"))
    }

    /// Settings amounts written with their currency (`5,000 USD`, `USD 250`) had been refused as
    /// no amount, though the Accounts sheet reads them (explore-DC); an Accounts type with a
    /// note on a taxed registration (`Individual (Taxable)`) or a minor's IRA is its type.
    @Test("Settings amounts written with USD, and registrations with a note: Individual (Taxable), Custodial IRA")
    func settingsAmountsInUSD() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Tax Budget", "5,000 USD"], ["Min Trade", "USD 250"],
                          ["Harvest Min Loss", "1,000.50 usd"]]),
            ("Accounts", [["Account", "Type", "Cash"], ["A", "Individual (Taxable)", 100], ["B", "Custodial IRA", 100]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                      ["B", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let settings = try #require(reading.portfolio?.settings)
        #expect(settings.taxBudget == .limit(Money(dollars: 5_000)))
        #expect(settings.minTrade == Money(dollars: 250))
        #expect(settings.harvestMinLoss == Money(decimal: "1000.50"))
        #expect(reading.portfolio?.accounts.map(\.type) == [.individual, .ira])
    }

    /// A loss sale's shares under a header the Lots sheet reads, or an execution report's: read
    /// as blank on Transactions, the sale was matched to no replacement shares, the shares
    /// bought after it blocked lot L1's loss, and its $8,000 harvest was lost (explore-EM).
    @Test("A Transactions quantity under the Lots sheet's or a fill's name matches a loss sale's replacements",
          arguments: ["Quantity", "Shares Traded", "Number of Shares", "No. of Shares", "Qty (sh)", "Trade Qty", "Filled Qty",
                      "Shs", "SH"])
    func transactionsQuantityNames(header: String) throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Tax Budget", 5000], ["Min Trade", 100]]),
            ("Accounts", [["Account", "Type", "Cash"], ["SMITH-IND", "Individual", 2000]]),
            ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                      ["SMITH-IND", "XYZ", "L1", 200, 20000, .day(2025, 1, 10)], ["SMITH-IND", "XYZ", "L2", 100, 6500, .day(2026, 10, 25)],
                      ["SMITH-IND", "VTI", "L3", 100, 20000, .day(2020, 1, 10)]]),
            ("Model", [["Symbol", "Target", "Band"], ["VTI", 0.6, 0.05], ["XYZ", 0.38, 0.05], ["CASH", 0.02, nil]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["XYZ", 60, .day(2026, 11, 20)], ["VTI", 300, .day(2026, 11, 20)],
                        ["ABC", 50, .day(2026, 11, 20)]]),
            ("Securities", [["Symbol", "Replacement"], ["XYZ", "ABC"]]),
            ("Transactions", [["Account", "Date", "Symbol", "Side", .text(header), "Price", "Realized Gain"],
                              ["SMITH-IND", .day(2026, 10, 20), "XYZ", "Sell", 100, 70, -3000],
                              ["SMITH-IND", .day(2026, 10, 25), "XYZ", "Buy", 100, 65, nil]]),
        ])
        let plan = try Planner.plan(for: try #require(reading.portfolio, "\(reading.errors)"))
        #expect(plan.trades.map { "\($0.phase.rawValue) \($0.side) \($0.quantity) \($0.symbol)" }
            == ["Harvest sell 200 XYZ", "Harvest buy 240 ABC"])
    }

    /// A book of one AAPL lot whose Transactions sheet, headed Date, Action, Symbol, Quantity,
    /// Price and Amount as a custodian's activity history is, holds `rows`.
    private func readActivity(_ rows: [[FixtureCell]]) throws -> PortfolioReading {
        try read([Self.asOf, Self.oneLot, Self.model, Self.prices,
                  ("Transactions", [["Date", "Action", "Symbol", "Quantity", "Price", "Amount"]] + rows)])
    }

    @Test("An order history's rows whose Status says they never traded are set aside; filled and pending ones are read")
    func unfilledOrdersAreSetAside() throws {
        let reading = try read([Self.asOf, Self.oneLot, Self.model, Self.prices,
                                ("Transactions", [["Date", "Action", "Symbol", "Quantity", "Price", "Status"],
                                                  ["11/05/2026", "Buy", "AAPL", 5, 181, "Filled"],
                                                  ["11/06/2026", "Buy", "AAPL", 5, 181, "Cancelled"],
                                                  ["11/07/2026", "Sell", "AAPL", 5, 181, "Expired"],
                                                  ["11/08/2026", "Buy", "AAPL", 5, 181, "Open"],
                                                  ["11/09/2026", "Buy", "AAPL", 2, 181, "Pending Settlement"]])])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.transactions.map(\.date.day) == [5, 9])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Transactions!row 3",
            "Skipped: an order not filled (Status \"Cancelled\").")))
    }

    @Test("A bare Exchange is a sale or a buy by the sign of its shares")
    func exchangeBySign() throws {
        let reading = try readActivity([["11/05/2026", "Exchange", "AAPL", -12, 181, 2172],
                                        ["11/05/2026", "Exchange", "MSFT", 5, 400, -2000]])
        #expect(reading.portfolio?.transactions.map(\.side) == [.sell, .buy])
        #expect(reading.portfolio?.transactions.map(\.quantity) == [Quantity(shares: 12), Quantity(shares: 5)])
        // One that realized a gain or a loss is a sale, whatever its sign.
        let realized = try read([Self.asOf, Self.oneLot, Self.model, Self.prices,
                                 ("Transactions", [["Date", "Action", "Symbol", "Quantity", "Realized Gain"],
                                                   ["11/12/2026", "Exchange", "AAPL", 2, -80]])])
        #expect(realized.portfolio?.transactions.map(\.side) == [.sell])
    }

    @Test("A header's second row with a word under Symbol (`Ticker | Description`) is refused too, not a footer")
    func headerOnTwoRowsNamingTheSymbolColumn() throws {
        // explore-CS: set aside as a `Total` footer, the merged `Cost` over `Per Share` was read
        // as each lot's basis ($150 for 100 shares bought for $15,000): tax $9,412.90 for $2,380.
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", nil, "Shares", "Cost", nil, "Date Acquired"],
                      [nil, "Ticker", "Description", nil, "Per Share", "Total", nil],
                      ["A", "AAPL", "Apple Inc", 100, 150, 15000, .day(2024, 1, 10)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!row 2: This row, right under the header, holds only words (\"Ticker\", \"Description\", \"Per Share\", "
                + "\"Total\"): a header written on two rows, or a row of units. The tool reads a header of one row: put each "
                + "column's whole name in the header row (Unit Cost for a cost per share, Cost Basis for a lot's total) and "
                + "delete this row.",
        ])
        // Words that head a column of symbols or names, not tickers (`COST` is Costco's).
        #expect(SheetTable.namesANameColumn("Ticker") && SheetTable.namesANameColumn("Security Name"))
        #expect(!SheetTable.namesANameColumn("AAPL") && !SheetTable.namesANameColumn("COST"))
    }

    @Test("A reinvestment's cash leg beside its shares is skipped; one with no shares listed stays a buy of any number")
    func reinvestedDividendCash() throws {
        let reading = try readActivity([["11/05/2026", "Reinvest Shares", "AAPL", 0.1234, 181, -22.34],
                                        ["11/05/2026", "Reinvest Dividend", "AAPL", nil, nil, 22.34],
                                        ["11/12/2026", "Reinvest Dividend", "AAPL", nil, nil, 10.50]])
        let t = try #require(reading.portfolio?.transactions)
        #expect(t.map(\.date) == [CivilDate(year: 2026, month: 11, day: 5)!, CivilDate(year: 2026, month: 11, day: 12)!])
        #expect(t.map(\.quantity) == [Quantity(decimal: "0.1234")!, nil])
        #expect(t.map(\.side) == [.buy, .buy])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Transactions!row 3", "Skipped: a reinvestment's cash, with no "
            + "Quantity; the shares it bought are the buy of AAPL with a Quantity the same day, which counts for wash sales.")))
        // Schwab lists the cash on the pay date and the shares a day or more after: paired within
        // a week, each listed buy with one cash leg (unpaired, it blocked a harvest; explore-AR).
        let later = try readActivity([["11/02/2026", "Qual Div Reinvest", "AAPL", nil, nil, 22.34],
                                      ["11/04/2026", "Reinvest Shares", "AAPL", 0.1234, 181, -22.34],
                                      ["11/20/2026", "Qual Div Reinvest", "AAPL", nil, nil, 10.50]])
        let l = try #require(later.portfolio?.transactions)
        #expect(l.map(\.date) == [CivilDate(year: 2026, month: 11, day: 4)!, CivilDate(year: 2026, month: 11, day: 20)!])
        #expect(later.diagnostics.contains(Diagnostic(.info, "Transactions!row 2", "Skipped: a reinvestment's cash, with no "
            + "Quantity; the shares it bought are the buy of AAPL with a Quantity on 2026-11-04, which counts for wash sales.")))
        #expect(PortfolioBuilder.isReinvestedCash("Reinvest Dividend"))
        #expect(PortfolioBuilder.isReinvestedCash("REINVEST CAP GAIN"))
        #expect(!PortfolioBuilder.isReinvestedCash("Reinvest Shares"))
        #expect(!PortfolioBuilder.isReinvestedCash("Reinvestment"))
    }

    @Test("A reinvestment named after its dividend buys; its cash leg is set aside; a wash-sale adjustment is no trade")
    func dividendReinvestmentIsABuy() throws {
        let reading = try readActivity([["11/10/2026", "DIVIDEND REINVESTMENT", "AAPL", 12, 181, -2172],
                                        ["11/10/2026", "Qual Div Reinvest", "AAPL", nil, nil, 2172],
                                        ["11/11/2026", "Wash Sale Adjustment", "AAPL", nil, nil, 150]])
        let t = try #require(reading.portfolio?.transactions)
        #expect(t.map(\.side) == [.buy])
        #expect(t.map(\.quantity) == [Quantity(shares: 12)])
        #expect(t.map(\.date) == [CivilDate(year: 2026, month: 11, day: 10)!])
        #expect(reading.diagnostics.contains { $0.place == "Transactions!row 3" && $0.message.hasPrefix("Skipped: a reinvestment's cash") })
    }

    @Test("Settings keys as PMs name them")
    func settingKeyNames() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["Trade Date", "2026-11-20"], ["Max Tax ($)", 2500], ["Tax Lot Method", "FIFO"],
                          ["Wash Sale Period (days)", 31], ["Minimum Trade Amount", 250]]),
            Self.oneLot,
            Self.model, Self.prices,
        ])
        let settings = try #require(reading.portfolio?.settings)
        #expect(settings.asOf == CivilDate(year: 2026, month: 11, day: 20))
        #expect(settings.taxBudget == .limit(Money(dollars: 2_500)))
        #expect(settings.lotMethod == .fifo)
        #expect(settings.washSaleDays == 31)
        #expect(settings.minTrade == Money(dollars: 250))
    }

    @Test("A header that may be a missing column is named for the one it most likely is: a cost per share; Remaining Qty is read")
    func likelyMissingColumns() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Original Qty", "Remaining Qty", "Book Cost Per Sh", "Acquired"],
                      ["A", "AAPL", 10, 4, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.message) == ["The header row lacks the required column Cost Basis or Unit Cost. "
            + "\"Book Cost Per Sh\" (Lots!E1) may be the Unit Cost: rename it Unit Cost if so."])
    }

    @Test("Rows of formulas filled down past the data (zeros, blank text, a zero date, #N/A) are one set-aside run")
    func formulaFillRows() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Market Value"],
                      ["A", "AAPL", 1, 100, .day(2024, 1, 2), 190],
                      [0, 0, 0, 0, .date(0), 0], [.formula(0), "", .formula(0), .formula(0), "", .error("#N/A")],
                      [0, 0, 0, 0, .date(0), .error("#N/A")]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.count == 1)
        #expect(reading.diagnostics.filter { $0.message.contains("filled down") } == [
            Diagnostic(.info, "Lots!row 3", "Skipped: nothing but zeros, blank text or errors (#N/A) through row 5, as "
                + "formulas filled down past the data show.")])
        #expect(!SheetTable.holdsOnlyFillValues([.number(0, .plain), .string("AAPL")]))
    }

    @Test("A total row without a label (sums under the figures, naming nothing) is set aside; a lone row lacking names is not")
    func unlabeledTotalRows() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 1, 100, .day(2024, 1, 2)], ["A", "AAPL", 2, 260, .day(2024, 3, 4)], [nil, nil, 3, 360, nil]]),
            ("Model", [["Symbol", "Target"], ["AAPL", 0.9], [nil, 0.9]]),
            Self.prices,
        ])
        #expect(reading.errors.map(\.description) == ["Model!A3: Symbol is blank."])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Lots!row 4",
            "Skipped: a total row without a label: its Quantity and Cost Basis are the sums of the rows above.")))
        // An Excel table's totals row counting the accounts (`=SUBTOTAL(103,…)`) is one too
        // (explore-BO: read as a lot of account "2", the book was refused).
        let counted = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 1, 100, .day(2024, 1, 2)], ["A", "AAPL", 2, 260, .day(2024, 3, 4)], [2, nil, 3, 360, nil]]),
            Self.model, Self.prices,
        ])
        #expect(counted.errors.isEmpty, "\(counted.errors)")
        #expect(counted.portfolio?.lots.count == 2)
    }

    @Test("An Excel Table's totals row without a label, showing the latest date under Acquired, is set aside")
    func unlabeledTotalRowWithLatestDate() throws {
        // explore-CS: `=SUBTOTAL(104,…)` under Acquired, the row was refused as a lot whose
        // Symbol is blank. A text date, as a formula's string result shows it, is one too.
        for latest: FixtureCell in [.day(2025, 1, 10), "2025-01-10"] {
            let reading = try read([
                Self.asOf,
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                          ["A", "AAPL", 100, 15000, .day(2024, 1, 10)], ["A", "AAPL", 50, 7500, .day(2024, 1, 10)],
                          ["A", "AAPL", 10, 1500, .day(2025, 1, 10)], [nil, nil, 160, 24000, latest]]),
                Self.model, Self.prices,
            ])
            #expect(reading.errors.isEmpty, "\(reading.errors)")
            #expect(reading.portfolio?.lots.map(\.quantity.description) == ["100", "50", "10"])
            #expect(reading.diagnostics.contains(Diagnostic(.info, "Lots!row 5",
                "Skipped: a total row without a label: its Quantity and Cost Basis are the sums of the rows above.")))
        }
        // A date that is neither the earliest nor the latest names a lot of its own: still refused.
        let dated = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 100, 15000, .day(2024, 1, 10)], ["A", "AAPL", 50, 7500, .day(2024, 1, 10)],
                      ["A", "AAPL", 10, 1500, .day(2025, 1, 10)], [nil, nil, 160, 24000, .day(2024, 6, 1)]]),
            Self.model, Self.prices,
        ])
        #expect(dated.errors.map(\.description) == ["Lots!B5: Symbol is blank."])
    }

    @Test("A masked account number on a lot row is the one account whose number ends in its digits")
    func maskedAccountOnLotRows() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Name"], ["X12344471", "Individual"], ["X12349876", "Roth IRA"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["****4471", "AAPL", 1, 100, .day(2024, 1, 2)], ["XXXX-9876", "AAPL", 2, 260, .day(2024, 3, 4)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.account) == ["X12344471", "X12349876"])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Lots!A2",
            "The account \"****4471\" is read as \"X12344471\", the one account whose number ends in 4471.")))
    }

    @Test("A Lots sheet's Account Name column names each lot's account by the Accounts sheet's Name")
    func lotsAccountNameColumn() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Name", "Type"], ["CHEN-TAX", "Chen Joint Taxable", "Joint"],
                          ["CHEN-IRA", "L. Chen Rollover IRA", "IRA"]]),
            ("Lots", [["Account Name", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["Chen Joint Taxable", "AAPL", 1, 100, .day(2024, 1, 2)], ["L. Chen Rollover IRA", "AAPL", 2, 260, .day(2024, 3, 4)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.account) == ["CHEN-TAX", "CHEN-IRA"])
    }

    @Test("An Account Name column beside the account number, either first: the number is read, the name noted as ignored")
    func accountNameBesideNumber() throws {
        let accounts: (name: String, rows: [[FixtureCell]]) = ("Accounts", [["Account", "Name"], ["X-4471", "Individual"],
                                                               ["X-9876", "Individual"]])
        for nameFirst in [true, false] {
            func row(_ name: FixtureCell, _ number: FixtureCell, _ rest: [FixtureCell]) -> [FixtureCell] {
                (nameFirst ? [name, number] : [number, name]) + rest
            }
            let reading = try read([
                Self.asOf, accounts,
                ("Lots", [row("Account Name", "Account Number", ["Symbol", "Quantity", "Cost Basis", "Acquired"]),
                          row("Individual", "X-4471", ["AAPL", 1, 100, .day(2024, 1, 2)]),
                          row("Individual", "X-9876", ["AAPL", 2, 260, .day(2024, 3, 4)])]),
                Self.model, Self.prices,
            ])
            #expect(reading.errors.isEmpty, "\(reading.errors)")
            #expect(reading.portfolio?.lots.map(\.account) == ["X-4471", "X-9876"])
            let (name, number) = nameFirst ? ("A1", "B1") : ("B1", "A1")
            #expect(reading.diagnostics.contains(Diagnostic(.info, "Lots!\(name)",
                "The column \"Account Name\" names the accounts that \"Account Number\" (Lots!\(number)) identifies: "
                + "each row's account is read from \"Account Number\", and this column is ignored.")))
        }
        // Alone, a Name two accounts share is an error naming both.
        let shared = try read([
            Self.asOf, accounts,
            ("Lots", [["Account Name", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["Individual", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(shared.errors.map(\.description) == ["Lots!A2: The account \"Individual\" could be any of 2 accounts on "
            + "the Accounts sheet (X-4471, X-9876): write the account's ID here, as the Accounts sheet's Account column does."])
    }

    @Test("A report grouped by account, the header once and a row naming each account above its lots, reads each lot's account")
    func groupedByAccountTitles() throws {
        let accounts: (name: String, rows: [[FixtureCell]]) = ("Accounts", [["Account", "Name"], ["CHEN-TAX", "Chen Joint Taxable"],
                                                                              ["CHEN-IRA", "L. Chen Rollover IRA"]])
        func lots(_ secondTitle: FixtureCell) -> (name: String, rows: [[FixtureCell]]) {
            ("Lots", [["Holdings by Account"], ["Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                      ["Chen Joint Taxable"], ["AAPL", "T1", 1, 100, .day(2024, 1, 2)], ["AAPL", "T2", 2, 260, .day(2024, 3, 4)],
                      ["Total Chen Joint Taxable", nil, 3, 360, nil],
                      [secondTitle], ["AAPL", "I1", 5, 700, .day(2023, 5, 1)]])
        }
        let reading = try read([Self.asOf, accounts, lots("L. Chen Rollover IRA"), Self.model, Self.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map { "\($0.account)/\($0.lotID)" } == ["CHEN-TAX/T1", "CHEN-TAX/T2", "CHEN-IRA/I1"])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Lots!A7",
            "The rows under \"L. Chen Rollover IRA\", to the next such title, are account CHEN-IRA's: the title gives the "
            + "account's name.")), "\(reading.diagnostics)")
        // A title naming no account is an error at its cell: its lots are no other account's.
        let typo = try read([Self.asOf, accounts, lots("L. Chen Rolover IRA"), Self.model, Self.prices])
        #expect(typo.errors.map(\.description) == ["Lots!A7: The block title \"L. Chen Rolover IRA\" names no account of the "
            + "Accounts sheet by its ID, its name or the last digits of its number: write the account's ID in the title, or "
            + "each row's account in an Account column."])
    }

    @Test("Account titles under one header in a column the sheet does not read (Black Diamond's Security) name each lot's account")
    func groupedByAccountTitlesInAnUnreadColumn() throws {
        let accounts: (name: String, rows: [[FixtureCell]]) = ("Accounts", [["Account", "Name"], ["4411-5678", "Lee Joint"],
                                                                              ["4411-9012", "Lee Rollover IRA"]])
        // The titles stand alone under Security, which holds each lot's description: they
        // were set aside as rows of no value, and every lot refused for want of an account.
        let reading = try read([Self.asOf, accounts,
                                ("Lots", [["Security", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                                          ["Lee Joint - ****5678"],
                                          ["Apple Inc", "AAPL", 1, 100, .day(2024, 1, 2)],
                                          ["Apple Inc", "AAPL", 2, 260, .day(2024, 3, 4)],
                                          ["Lee Rollover IRA - ****9012"],
                                          ["Apple Inc", "AAPL", 5, 700, .day(2023, 5, 1)]]),
                                Self.model, Self.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.account) == ["4411-5678", "4411-5678", "4411-9012"])
        #expect(reading.diagnostics.map(\.description).contains(
            "Lots!row 5: Skipped: a title naming the account of the rows below it."), "\(reading.diagnostics)")
    }

    /// Two accounts of the Patel household, with their Names, for the grouped layouts below.
    private static let patelAccounts: (name: String, rows: [[FixtureCell]]) =
        ("Accounts", [["Account", "Name"], ["PATEL-JT", "Raj & Priya Patel JTWROS"], ["PATEL-IRA", "Priya Patel Rollover IRA"]])
    private static let lotHeader: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]

    @Test("A note alone on a row under or between the lots, naming no account, is skipped with a note; an ID alone is not")
    func notesAmongLots() throws {
        let lots: (name: String, rows: [[FixtureCell]]) = ("Lots", [
            Self.lotHeader, ["PATEL-JT", "AAPL", 10, 1500, .day(2020, 1, 2)], ["See IPS section 4"],
            ["PATEL-IRA", "AAPL", 5, 700, .day(2023, 5, 1)], [], ["Prepared by J. Doe"],
        ])
        let reading = try read([Self.asOf, Self.patelAccounts, lots, Self.model, Self.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map { "\($0.account) \($0.quantity)" } == ["PATEL-JT 10", "PATEL-IRA 5"])
        #expect(reading.diagnostics.map(\.description).filter { $0.contains("a note") } == [
            "Lots!row 3: Skipped: a note (\"See IPS section 4\").", "Lots!row 6: Skipped: a note (\"Prepared by J. Doe\").",
        ])
        // Without an Accounts sheet the note is no account of the book.
        let alone = try read([Self.asOf, lots, Self.model, Self.prices])
        #expect(alone.errors.isEmpty, "\(alone.errors)")
        #expect(alone.portfolio?.accounts.map(\.id) == ["PATEL-IRA", "PATEL-JT"])
        // An ID alone that is no account's stays the error it was: it may be a lot with its figures lost.
        var typo = lots
        typo.rows[5] = ["PATEL-TR"]
        let refused = try read([Self.asOf, Self.patelAccounts, typo, Self.model, Self.prices])
        #expect(refused.errors.first?.description == "Lots!A6: The account \"PATEL-TR\" is not on the Accounts sheet.")
    }

    @Test("A title naming one account above its rows, which carry their own Account, is skipped; one naming another is refused")
    func accountTitlesAboveRowsWithAccounts() throws {
        let lots: (name: String, rows: [[FixtureCell]]) = ("Lots", [
            Self.lotHeader, ["Raj & Priya Patel JTWROS"], ["PATEL-JT", "AAPL", 10, 1500, .day(2020, 1, 2)],
            ["PATEL-JT", "AAPL", 2, 260, .day(2024, 3, 4)], [], ["Account: PATEL-IRA"], ["PATEL-IRA", "AAPL", 5, 700, .day(2023, 5, 1)],
        ])
        let reading = try read([Self.asOf, Self.patelAccounts, lots, Self.model, Self.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.account) == ["PATEL-JT", "PATEL-JT", "PATEL-IRA"])
        #expect(reading.diagnostics.map(\.description).filter { $0.contains("a title") } == [
            "Lots!row 2: Skipped: a title naming the account of the rows below it, PATEL-JT.",
            "Lots!row 6: Skipped: a title naming the account of the rows below it, PATEL-IRA.",
        ])
        // The ID and Name together title the rows too.
        var both = lots
        both.rows[5] = ["PATEL-IRA - Priya Patel Rollover IRA"]
        #expect(try read([Self.asOf, Self.patelAccounts, both, Self.model, Self.prices]).errors.isEmpty)
        // Under a title naming another account, the rows' own Account is refused, as under a block's title.
        var crossed = lots
        crossed.rows[6] = ["PATEL-JT", "AAPL", 5, 700, .day(2023, 5, 1)]
        let refused = try read([Self.asOf, Self.patelAccounts, crossed, Self.model, Self.prices])
        #expect(refused.errors.map(\.description) == [
            "Lots!A7: This row's account is PATEL-JT, and the title of its block, \"Account: PATEL-IRA\" (Lots!A6), names "
                + "PATEL-IRA (by the account's ID): correct the Account column or the title, whichever is wrong.",
        ])
    }

    @Test("Account written once for each account's rows (a PivotTable's tabular or outline form) is read as the rows' account")
    func groupedAccountColumn() throws {
        // Tabular form without repeated labels: the account on its block's first row.
        let tabular: (name: String, rows: [[FixtureCell]]) = ("Lots", [
            Self.lotHeader, ["PATEL-JT", "AAPL", 10, 1500, .day(2020, 1, 2)], [nil, "AAPL", 2, 260, .day(2024, 3, 4)],
            ["PATEL-IRA", "AAPL", 5, 700, .day(2023, 5, 1)], [nil, "AAPL", 1, 150, .day(2025, 6, 1)],
        ])
        let reading = try read([Self.asOf, Self.patelAccounts, tabular, Self.model, Self.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map { "\($0.account) \($0.quantity)" } == ["PATEL-JT 10", "PATEL-JT 2", "PATEL-IRA 5", "PATEL-IRA 1"])
        #expect(reading.diagnostics.map(\.description).contains(
            "Lots: Account is blank on 2 rows (from row 3), each below its account written once, on the first row of its "
                + "block or on a title row above it, as a PivotTable lays rows out: each is read as the account above it, no "
                + "account's rows being split in two places."), "\(reading.diagnostics)")
        // Outline form: the account on a row of its own above its rows.
        let outline: (name: String, rows: [[FixtureCell]]) = ("Lots", [
            Self.lotHeader, ["PATEL-JT"], [nil, "AAPL", 10, 1500, .day(2020, 1, 2)], [nil, "AAPL", 2, 260, .day(2024, 3, 4)],
            ["PATEL-IRA"], [nil, "AAPL", 5, 700, .day(2023, 5, 1)],
        ])
        let outlined = try read([Self.asOf, Self.patelAccounts, outline, Self.model, Self.prices])
        #expect(outlined.errors.isEmpty, "\(outlined.errors)")
        #expect(outlined.portfolio?.lots.map(\.account) == ["PATEL-JT", "PATEL-JT", "PATEL-IRA"])
        // An account whose rows are split in two places, or a blank under no account, stays the contract's error.
        var split = tabular
        split.rows += [["PATEL-JT", "AAPL", 3, 450, .day(2025, 7, 1)], [nil, "AAPL", 4, 600, .day(2025, 8, 1)]]
        let splitReading = try read([Self.asOf, Self.patelAccounts, split, Self.model, Self.prices])
        #expect(splitReading.errors.map(\.description) == [3, 5, 7].map {
            "Lots!A\($0): Account is blank, and the book has 2 accounts; say which one."
        })
        var headless = tabular
        headless.rows.insert([nil, "AAPL", 4, 600, .day(2025, 8, 1)], at: 1)
        #expect(try read([Self.asOf, Self.patelAccounts, headless, Self.model, Self.prices]).errors.count == 3)
        // A note ends a block: the rows under it are no account's.
        var noted = tabular
        noted.rows.insert(["Reviewed by J. Doe"], at: 2)
        #expect(try read([Self.asOf, Self.patelAccounts, noted, Self.model, Self.prices]).errors.map(\.description) == [
            "Lots!A4: Account is blank, and the book has 2 accounts; say which one.",
            "Lots!A6: Account is blank, and the book has 2 accounts; say which one.",
        ])
        // Transactions grouped alike are each account's trades.
        let trades = try read([Self.asOf, Self.patelAccounts, tabular, Self.model, Self.prices,
                               ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"],
                                                 ["PATEL-JT", .day(2026, 11, 5), "AAPL", "Buy", 1],
                                                 [nil, .day(2026, 11, 6), "AAPL", "Buy", 2],
                                                 ["PATEL-IRA", .day(2026, 11, 6), "AAPL", "Buy", 3]])])
        #expect(trades.errors.isEmpty, "\(trades.errors)")
        #expect(trades.portfolio?.transactions.map { "\($0.account) \($0.quantity!)" } == ["PATEL-JT 1", "PATEL-JT 2", "PATEL-IRA 3"])
    }

    @Test("A labelled note alone on a row among trades, beside an Account column, is skipped as a note")
    func labelledNoteAmongTrades() throws {
        // It was refused as a trade with no Side.
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"],
                              ["A", .day(2026, 11, 5), "AAPL", "Sell", 1],
                              ["Pending: settlement 11/24"],
                              ["A", .day(2026, 11, 6), "AAPL", "Buy", 1]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.transactions.count == 2)
        #expect(reading.diagnostics.map(\.description).contains(
            "Transactions!row 3: Skipped: a note (\"Pending: settlement 11/24\")."))
        #expect(SheetTable.isLabelledNote("FYI: wire out Friday"))
        #expect(!SheetTable.isLabelledNote("10:30 AM"))
        #expect(!SheetTable.isLabelledNote("ACC-1"))
        // A label naming what the rows below are of titles them (fuzz layout seed 4601).
        #expect(!SheetTable.isLabelledNote("Symbol: VXUS"))
        #expect(!SheetTable.isLabelledNote("Account Number: 4471"))
    }

    @Test("A Transactions header without Side reads the column whose words below it are buys and sells as the Side")
    func sideColumnToldByItsWords() throws {
        // Merrill's activity export: `Description 1` holds Purchase and Sale, `Description 2`
        // the security. The error said only that Side was missing.
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1500, .day(2024, 1, 2)]]),
            ("Transactions", [["Trade Date", "Account #", "Description 1", "Description 2", "Symbol", "Quantity"],
                              [.day(2026, 11, 12), "A", "Sale", "APPLE INC", "AAPL", -10],
                              [.day(2026, 11, 13), "A", "Dividend", "APPLE INC", "AAPL", nil],
                              [.day(2026, 11, 14), "A", "Purchase", "APPLE INC", "AAPL", 4]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty)
        #expect(reading.warnings.map(\.description).contains(
            "Transactions!C1: \"Description 1\" is read as the Side: the header has no Side column, and the words below this "
                + "one are buys and sells (\"Sale\", \"Purchase\", \"Dividend\"). Rename it Side to keep this warning away."))
        let transactions = try #require(reading.portfolio).transactions
        #expect(transactions.map(\.side) == [.sell, .buy])
        #expect(transactions.map(\.quantity) == [Quantity(decimal: "10")!, Quantity(decimal: "4")!])
        // Another column missing as well: still the error, naming the column.
        let lacking = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 1500, .day(2024, 1, 2)]]),
            ("Transactions", [["Trade Date", "Account #", "Description 1", "Description 2", "Quantity"],
                              [.day(2026, 11, 12), "A", "Sale", "APPLE INC", -10]]),
            Self.model, Self.prices,
        ])
        #expect(lacking.errors.map(\.description) == [
            "Transactions!row 1: The header row lacks the required columns Symbol, Side. \"Description 1\" (Transactions!C1) "
                + "holds \"Sale\" below it, and may be the Side: rename it Side if so."])
    }

    @Test("Lots an export marks closed (Status Closed, a Date Sold on or before As Of) are left out with a warning")
    func closedLotsAreLeftOut() throws {
        for (header, closed, open) in [("Status", FixtureCell.text("Closed"), FixtureCell.text("Open")),
                                       ("Date Sold", FixtureCell.day(2026, 10, 1), FixtureCell.empty),
                                       ("Open/Closed", FixtureCell.text("CLOSED"), FixtureCell.text("OPEN"))] {
            let reading = try read([
                Self.asOf,
                ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired", .text(header)],
                          ["A", "AAPL", "L1", 10, 1500, .day(2024, 1, 2), open],
                          ["A", "AAPL", "L2", 100, 9000, .day(2023, 1, 2), closed]]),
                Self.model, Self.prices,
            ])
            #expect(reading.errors.isEmpty, "\(reading.errors)")
            #expect(reading.portfolio?.lots.map(\.lotID) == ["L1"], "\(header)")
            #expect(reading.diagnostics.contains(Diagnostic(.warning, "Lots", "Row 3 is a lot the sheet marks closed (a "
                + "Lot Status of Closed or Sold, or a Close Date on or before the As Of date 2026-11-20): it is not held, and "
                + "left out of the plan. Delete it or clear the mark if it is held.")), "\(header)")
        }
    }

    @Test("A Remaining Quantity beside the Quantity first bought is read, either first; Shares Sold without one is an error")
    func remainingQuantityIsRead() throws {
        for remainingFirst in [false, true] {
            let headers: [FixtureCell] = remainingFirst ? ["Remaining Quantity", "Quantity"] : ["Quantity", "Remaining Quantity"]
            let figures: [FixtureCell] = remainingFirst ? [420, 520] : [520, 420]
            let reading = try read([
                Self.asOf,
                ("Lots", [["Account", "Symbol"] + headers + ["Cost Basis", "Acquired"],
                          ["A", "AAPL"] + figures + [61320, .day(2019, 3, 14)]]),
                Self.model, Self.prices,
            ])
            #expect(reading.errors.isEmpty, "\(reading.errors)")
            #expect(reading.portfolio?.lots.map(\.quantity) == [Quantity(decimal: "420")!])
            let (plain, held) = remainingFirst ? ("D1", "C1") : ("C1", "D1")
            #expect(reading.diagnostics.contains(Diagnostic(.warning, "Lots!\(plain)", "The column \"Quantity\" is a second "
                + "Quantity column: \"Remaining Quantity\" (Lots!\(held)), which names the shares still held, is read, and this "
                + "one is ignored.")))
        }
        let sold = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Shares Sold", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 520, 100, 61320, .day(2019, 3, 14)], ["A", "AAPL", 10, 0, 1500, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(sold.errors.map(\.description) == ["Lots!D2: Shares Sold says 100 shares of this lot are sold, and the sheet "
            + "gives no quantity still held: Quantity may be what the lot first held. Give each lot's shares still held in "
            + "Quantity (or a Remaining Quantity column) and delete the Shares Sold column."])
    }

    @Test("Transactions with a gain column per term read their sum as the Realized Gain and the term that holds it")
    func gainByTermColumns() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Short-Term Gain/Loss", "Long-Term Gain/Loss"],
                              ["A", "2026-11-02", "AAPL", "Sell", 3, 300, nil],
                              ["A", "2026-11-03", "AAPL", "Sell", 2, nil, -250],
                              ["A", "2026-11-04", "AAPL", "Sell", 5, 100, -400]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let sales = try #require(reading.portfolio?.transactions)
        // A sale whose short-term lots gained $100 and long-term lots lost $400 is a loss sale
        // of $400, long-term: the lots at a loss open the window (until stop 48, -$300 of no term).
        #expect(sales.map(\.realizedGain) == [Money(cents: 30_000), Money(cents: -25_000), Money(cents: -40_000)])
        #expect(sales.map(\.term) == [.shortTerm, .longTerm, .longTerm])
    }

    @Test("An As Of Date of =TODAY() saved another day is an error; saved today, a note")
    func asOfTodayFormula() throws {
        guard case .date(let serial) = FixtureCell.day(2026, 11, 19) else { return }
        let stale = try read([("Settings", [["Setting", "Value"], ["As Of Date", .todayFormula(serial)]]),
                              Self.oneLot, Self.model, Self.prices])
        // `Household.today` is the reading's today.
        #expect(stale.errors.map(\.description) == ["Settings!B2: As Of Date is the formula =TODAY(), whose saved result is "
            + "2026-11-19, the day the workbook was last calculated, not today (\(Household.today)). Write the date the plan "
            + "is for, or pass --as-of."])
        guard case .date(let todaySerial) = FixtureCell.day(Household.today.year, Household.today.month, Household.today.day)
        else { return }
        let fresh = try read([("Settings", [["Setting", "Value"], ["As Of Date", .todayFormula(todaySerial)]]),
                              Self.oneLot, Self.model,
                              ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .date(todaySerial)]])])
        #expect(fresh.errors.isEmpty, "\(fresh.errors)")
        #expect(fresh.diagnostics.contains { $0.place == "Settings!B2" && $0.message.hasPrefix("As Of Date is the formula =TODAY()") })
        // The formula is named as written: a workday before today was called `TODAY()` (explore-AZ).
        let workday = try read([("Settings", [["Setting", "Value"], ["As Of Date", .dateFormula("WORKDAY(TODAY(),-1)", serial)]]),
                                Self.oneLot, Self.model, Self.prices])
        #expect(workday.errors.map(\.description).first?.hasPrefix("Settings!B2: As Of Date is the formula =WORKDAY(TODAY(),-1), "
            + "whose saved result is 2026-11-19") == true, "\(workday.errors)")
    }

    @Test("A date column that writes a day first somewhere has its dates read month first flagged too")
    func dayFirstColumns() throws {
        let lots = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 1, 100, "14/03/2019"], ["A", "AAPL", 2, 260, "05/12/2025"], ["A", "AAPL", 3, 300, "07/07/2024"]]),
            Self.model, Self.prices,
        ])
        #expect(lots.errors.map(\.description).last == "Lots!E3: \"05/12/2025\" would be read as 2025-05-12, month first, but "
            + "this column seems to write its day first (Lots!E2: \"14/03/2019\"), which makes it 2025-12-05: write it year first.")
        #expect(lots.errors.count == 2, "\(lots.errors)")
        // A date after the As Of month first and before it day first says so, and tells of the others.
        let trades = try readTransactions([["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", "04/11/2026", "AAPL", "Sell", 1, -50], ["A", "12/11/2026", "AAPL", "Buy", 1, nil]])
        #expect(trades.errors.map(\.description) == [
            "Transactions!B3: Date 2026-12-11 is after the As Of date 2026-11-20. \"12/11/2026\" is read month first; if its "
                + "day comes first, it is 2026-11-12: write it year first.",
            "Transactions!B2: \"04/11/2026\" would be read as 2026-04-11, month first, but this column seems to write its day "
                + "first (Transactions!B3: \"12/11/2026\"), which makes it 2026-11-04: write it year first.",
        ])
        // A column of US dates alone reads as before.
        let us = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["A", "AAPL", 1, 100, "03/14/2019"], ["A", "AAPL", 2, 260, "05/12/2025"]]),
            Self.model, Self.prices,
        ])
        #expect(us.errors.isEmpty, "\(us.errors)")
        #expect(us.portfolio?.lots.map(\.acquired.description) == ["2019-03-14", "2025-05-12"])
        // Date cells beside text that reads only month first: what a day-first program makes of
        // a US file (`11/04/2026` into 11 April, `11/13/2026` left as text; explore-BA).
        let swapped = try readTransactions([["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", .day(2026, 4, 11), "AAPL", "Sell", 1, -50], ["A", "11/13/2026", "AAPL", "Buy", 1, nil],
                              ["A", .day(2026, 10, 13), "AAPL", "Buy", 1, nil]])
        #expect(swapped.errors.map(\.description) == [
            "Transactions!B2: This column holds date cells beside text dates that read only month first (Transactions!B3: "
                + "\"11/13/2026\"): the mark of a file opened in a spreadsheet set to write the day first, which turns "
                + "month-first text whose day is 12 or less into date cells with day and month swapped. Date cells that may be "
                + "swapped: Transactions!B2 (2026-04-11, or 2026-11-04 swapped). Write the column's dates year first "
                + "(2026-11-04), or open the file with month-first dates, and run again."])
        // Date cells alone, or beside text that could be either, read as they are.
        let cells = try readTransactions([["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", .day(2026, 4, 11), "AAPL", "Sell", 1, -50], ["A", "2026-11-13", "AAPL", "Buy", 1, nil]])
        #expect(cells.errors.isEmpty, "\(cells.errors)")
    }

    @Test("A Target in dollars is no weight: beside it, Target % is read")
    func targetInDollarsIsNoWeight() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.prices,
            ("Model", [["Symbol", "Target $", "Target %"], ["AAPL", 225000, 0.9]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.models.first?.targets.first?.target == Rate(decimal: "0.9"))
    }

    @Test("A missing column's likely header in thousands is to be multiplied as well as renamed")
    func headerInThousands() throws {
        let reading = try read([
            Self.asOf, Self.model, Self.prices,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis ($000)", "Acquired"], ["A", "AAPL", 420, 61.32, .day(2019, 3, 14)]]),
        ])
        #expect(reading.errors.map(\.message) == ["The header row lacks the required column Cost Basis or Unit Cost. "
            + "\"Cost Basis ($000)\" (Lots!D1) may be the Cost Basis: if so, rename it Cost Basis and multiply its figures by "
            + "1,000 (it is in thousands; the tool reads whole dollars and shares)."])
    }

    @Test("A member of an Identical Group with no Exposure Group of its own takes the one its identical members name")
    func identicalMembersShareAnExposureGroup() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, ("Model", [["Symbol", "Target"], ["AAPL", 0.5], ["GOOGL", 0.49]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["GOOGL", 100, .day(2026, 11, 20)],
                        ["GOOG", 100, .day(2026, 11, 20)], ["BRK.A", 100, .day(2026, 11, 20)], ["BRK.B", 100, .day(2026, 11, 20)]]),
            ("Securities", [["Symbol", "Identical Group", "Exposure Group"], ["GOOGL", "Alphabet", "Mega"], ["GOOG", "Alphabet", nil],
                            ["BRK.A", "Berkshire", "Mega"], ["BRK.B", "Berkshire", "Financials"]]),
            ("Groups", [["Exposure Group", "Max Weight"], ["Mega", 0.3], ["Financials", 0.2]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let groups = Dictionary(uniqueKeysWithValues: (reading.portfolio?.securities ?? []).map { ($0.symbol, $0.exposureGroup ?? "-") })
        // Two groups named in one family: each keeps its own.
        #expect(groups == ["GOOGL": "Mega", "GOOG": "Mega", "BRK.A": "Mega", "BRK.B": "Financials"])
        #expect(reading.diagnostics.map(\.description).contains("Securities: GOOG has no Exposure Group and is in the Identical "
            + "Group Alphabet, whose other members are in Mega: it counts toward that group's cap."))
    }

    @Test("A model's CASH row of a plain 1 beside its securities is an error; alone, it is warned of as 100%")
    func cashRowOfOne() throws {
        // Read as 100% beside the securities, a household was sold to cash on warnings only (explore-BP).
        let reading = try read([Self.asOf, Self.oneLot, ("Model", [["Symbol", "Target"], ["AAPL", 0.99], ["CASH", 1]]), Self.prices])
        #expect(reading.errors.map(\.description) == ["Model!B3: CASH 1 is read as 100% (a plain number is a fraction unless "
            + "one in its column is above 1), beside the model's other targets, which cannot then fit: write 1% if one "
            + "percent is meant."])
        let alone = try read([Self.asOf, Self.oneLot, ("Model", [["Symbol", "Target"], ["AAPL", 0], ["CASH", 1]]), Self.prices])
        #expect(alone.warnings.map(\.description).contains("Model!B3: CASH 1 is read as 100% (a plain number is a fraction "
            + "unless one in its column is above 1): every position is sold to cash. Write 1% if one percent is meant."),
                "\(alone.warnings)")
    }

    @Test("A unit in thousands, millions or cents is said however the header writes it", arguments: [
        ("Cost Basis ('000)", "multiply its figures by 1,000 (it is in thousands; the tool reads whole dollars and shares)"),
        ("Cost Basis [$K]", "multiply its figures by 1,000 (it is in thousands; the tool reads whole dollars and shares)"),
        ("Cost Basis (USD 000)", "multiply its figures by 1,000 (it is in thousands; the tool reads whole dollars and shares)"),
        ("Cost Basis x1000", "multiply its figures by 1,000 (it is in thousands; the tool reads whole dollars and shares)"),
        ("Cost Basis ($MM)", "multiply its figures by 1,000,000 (it is in millions; the tool reads whole dollars and shares)"),
        ("Cost Basis (cents)", "divide its figures by 100 (it is in cents; the tool reads whole dollars)"),
        // The cent sign, in brackets or not, and never read as the Price (explore-BO: prices a hundredfold).
        ("Price ¢", "divide its figures by 100 (it is in cents; the tool reads whole dollars)"),
        ("Price (¢)", "divide its figures by 100 (it is in cents; the tool reads whole dollars)"),
    ])
    func headerScales(header: String, advice: String) {
        #expect(SheetTable.scaleAdvice(header) == advice)
        #expect(ContractSheet.prices.column(forHeader: "Price ¢") == nil && ContractSheet.prices.column(forHeader: "Price (¢)") == nil)
        #expect(SheetTable.scaleAdvice("Cost Basis") == nil && SheetTable.scaleAdvice("Stock") == nil
            && SheetTable.scaleAdvice("Cost Basis (Adjusted)") == nil)
    }

    @Test("An RMD still due is the Withdrawal beside the year's whole RMD; one taken already beside it is warned of")
    func rmdRemaining() throws {
        func accounts(_ rows: [[FixtureCell]]) throws -> PortfolioReading {
            try read([Self.asOf, ("Accounts", rows), Self.oneLot, Self.model, Self.prices])
        }
        let remaining = try accounts([["Account", "Type", "RMD Amount", "RMD Remaining"], ["A", "IRA", 30_000, 25_000]])
        #expect(remaining.errors.isEmpty, "\(remaining.errors)")
        #expect(remaining.portfolio?.accounts.first?.withdrawal == Money(cents: 2_500_000))
        #expect(remaining.warnings.map(\.description).filter { $0.contains("Withdrawal column") } == [
            "Accounts!C1: The column \"RMD Amount\" is a second Withdrawal column: \"RMD Remaining\" (Accounts!D1), which names "
                + "what is still to be paid out, is read as the amount to raise, and this one is ignored.",
        ])
        // The contract's own Withdrawal beside one still due: the Withdrawal is read, as the
        // column named as the contract names it always is, and the other is warned of.
        let both = try accounts([["Account", "Type", "Withdrawal", "RMD Remaining"], ["A", "IRA", 12_000, 5_000]])
        #expect(both.errors.isEmpty, "\(both.errors)")
        #expect(both.portfolio?.accounts.first?.withdrawal == Money(cents: 1_200_000))
        #expect(both.warnings.contains { $0.place == "Accounts!D1" && $0.message.contains("\"RMD Remaining\"") }, "\(both.warnings)")
        // A year-end balance for the RMD's arithmetic is no amount to raise.
        let balance = try accounts([["Account", "Type", "RMD Factor", "RMD Balance"], ["A", "IRA", 26.5, 412_000]])
        #expect(balance.portfolio?.accounts.first?.withdrawal != Money(cents: 41_200_000))
        #expect(balance.diagnostics.contains { $0.place == "Accounts!D1" }, "\(balance.diagnostics)")
        let taken = try accounts([["Account", "Type", "RMD Amount", "RMD Taken YTD"], ["A", "IRA", 30_000, 25_000]])
        #expect(taken.portfolio?.accounts.first?.withdrawal == Money(cents: 3_000_000))
        #expect(taken.warnings.map(\.description).filter { $0.contains("paid out already") } == [
            "Accounts!D1: The column \"RMD Taken YTD\" says what was paid out already, and is not read: the Withdrawal, "
                + "\"RMD Amount\" (Accounts!C1), is raised whole. If part of it is paid, write what is still to be paid out in "
                + "the Withdrawal column.",
        ])
        // A custodian's other names for the lot method.
        for header in ["Disposal Method", "Basis Method", "Accounting Method"] {
            let method = try accounts([["Account", "Type", .text(header)], ["A", "Individual", "FIFO"]])
            #expect(method.errors.isEmpty, "\(method.errors)")
            #expect(method.portfolio?.accounts.first?.overrides.lotMethod == .fifo, "\(header)")
        }
        // Harvesting by the industry's names; `Do Not Harvest` the other way round (it was
        // advised to be renamed Harvest Losses, which would have turned it on; explore-BC).
        let tlh = try accounts([["Account", "Type", "TLH", "TLH Min Loss", "Do Not Harvest"],
                                ["A", "Individual", "No", 100_000, nil], ["B", "Individual", nil, nil, "Yes"],
                                ["C", "Individual", nil, nil, "No"]])
        #expect(tlh.errors.isEmpty, "\(tlh.errors)")
        #expect(tlh.portfolio?.accounts.map(\.overrides.harvestLosses) == [false, false, nil])
        #expect(tlh.portfolio?.accounts.first?.overrides.harvestMinLoss == Money(cents: 10_000_000))
        // A threshold in percent is the Harvest Min Loss Pct (it was advised to be renamed Do Not Harvest).
        let percent = try accounts([["Account", "Type", "Harvest Threshold (%)"], ["A", "Individual", 10]])
        #expect(percent.errors.isEmpty, "\(percent.errors)")
        #expect(percent.portfolio?.accounts.first?.overrides.harvestMinLossPercent == Rate(decimal: "0.1"))
        let twice = try accounts([["Account", "Type", "Harvest Losses", "Do Not Harvest"], ["A", "Individual", "Yes", "Yes"]])
        #expect(twice.errors.map(\.description) == ["Accounts!D2: Do Not Harvest says Yes beside Harvest Losses Yes for this "
            + "account (Accounts!C2): clear the one not meant."])
    }

    @Test("A cancellation takes back the trade it cancels; one whose trade is not listed is warned of")
    func cancellationsTakeBackTheirTrade() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Realized Gain"],
                              ["A", "2026-11-16", "AAPL", "Sell", -5, -300],
                              ["A", "2026-11-17", "AAPL", "Sell", -100, -1100],
                              ["A", "2026-11-17", "AAPL", "CXL SELL", 100, 1100],
                              ["A", "2026-11-18", "AAPL", "Buy - Cancelled", 7, nil]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.transactions.map(\.place) == ["Transactions!row 2"])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Transactions!row 4",
            "Skipped with the trade it cancels, Transactions!row 3.")))
        #expect(reading.diagnostics.contains(Diagnostic(.warning, "Transactions!row 5", "This row cancels a buy of AAPL in "
            + "A that the sheet does not list on or before 2026-11-18: nothing is taken off. If the trade it cancels is "
            + "listed, check its quantity.")))
    }

    @Test("A Trade Date beside a plain Date that differs from it is asked about, naming both cells; alike, the Date is read")
    func tradeDateBesideDate() throws {
        // An export's posting date under `Date` had been read with a warning, the trade date
        // ignored: a buy 32 days back blocked a harvest the law allows (explore-DM).
        let differ = try readTransactions([["Account", "Date", "Trade Date", "Symbol", "Action", "Quantity"],
                                           ["A", "2026-10-21", "2026-10-19", "AAPL", "Buy", 5]])
        #expect(differ.portfolio == nil)
        #expect(differ.errors.map(\.description) == [
            "Transactions!C1: The columns \"Date\" (Transactions!B1) and \"Trade Date\" (Transactions!C1) both read as Date and "
                + "disagree, first at row 2 (B2 2026-10-21 against C2 2026-10-19): the tool does not guess which counts. Delete "
                + "or rename the one that should not."])
        let alike = try readTransactions([["Account", "Date", "Trade Date", "Symbol", "Action", "Quantity"],
                                          ["A", "2026-10-19", "2026-10-19", "AAPL", "Buy", 5]])
        #expect(alike.errors.isEmpty, "\(alike.errors)")
        #expect(alike.portfolio?.transactions.map(\.date.description) == ["2026-10-19"])
    }

    @Test("Interactive Brokers' (Ca.) and the short forms CANC and REV cancel the trade they name")
    func shortCancellationMarks() throws {
        // `SELL (Ca.)` had been read as a second sale: its window let an IRA's buy pass as
        // replacing it, and a $15,600 loss was harvested with none disallowed (explore-DM).
        let reading = try readTransactions([["Account", "Date", "Symbol", "Buy/Sell", "Quantity", "Realized Gain"],
                              ["A", "2026-11-01", "VXUS", "SELL", -100, -15600],
                              ["A", "2026-11-01", "VXUS", "SELL (Ca.)", 100, 15600],
                              ["A", "2026-11-02", "AAPL", "BUY", 10, nil],
                              ["A", "2026-11-02", "AAPL", "BUY (Ca.)", -10, nil],
                              ["A", "2026-11-03", "MSFT", "BUY", 4, nil],
                              ["A", "2026-11-03", "MSFT", "BUY CANC", -4, nil],
                              ["A", "2026-11-04", "MSFT", "SELL", -2, -50],
                              ["A", "2026-11-04", "MSFT", "Sell Rev", 2, 50],
                              ["A", "2026-11-05", "MSFT", "BUY", 1, nil]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.transactions.map(\.place) == ["Transactions!row 10"])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Transactions!row 3",
            "Skipped with the trade it cancels, Transactions!row 2.")))
        // `CA` and `REV` in a custodian's description are no cancellation: the loss sale of a
        // California muni fund had been dropped, and the fund bought back in the IRA (explore-DQ).
        let described = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Realized Gain"],
                              ["A", "2026-11-10", "PWZ", "YOU SOLD INVESCO CA AMT-FREE MUNI BOND ETF", -100, -1500],
                              ["A", "2026-11-11", "XYZ", "YOU SOLD NY DORM AUTH REV", -10, -20],
                              ["A", "2026-11-12", "PWZ", "Sell CA", -5, -75]])
        #expect(described.errors.isEmpty, "\(described.errors)")
        #expect(described.portfolio?.transactions.map(\.side) == [.sell, .sell, .sell])
    }

    @Test("A bare CXL takes back the sale of its gain and price; a buy of a negative quantity among positive ones is refused")
    func bareCancelsAndNegativeBuys() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Price", "Realized Gain"],
                              ["A", "2026-11-05", "AAPL", "Sell", 50, 38, -1100],
                              ["A", "2026-11-05", "AAPL", "CXL", 50, 38, -1100],
                              ["A", "2026-11-05", "AAPL", "Sell", 50, 62, 100],
                              ["A", "2026-11-06", "AAPL", "CXL SL", 10, 38, -220],
                              ["A", "2026-11-06", "AAPL", "Sell", 10, 38, -220],
                              ["A", "2026-11-09", "AAPL", "Cancel", 3, 40, nil]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        // Row 3 takes back row 2 (its loss, its price), not row 4 of that day at a gain; row 5
        // (`SL` a sale) the sale of its day listed after it, which is on or before its date.
        #expect(reading.portfolio?.transactions.map(\.place) == ["Transactions!row 4"])
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Transactions!row 3",
            "Skipped with the trade it cancels, Transactions!row 2.")))
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Transactions") } == [
            "Transactions!D7: Skipped: \"Cancel\" cancels a trade but names neither a buy nor a sale, so the trade it takes "
                + "back is not found and still counts: write Cancel Buy or Cancel Sell.",
        ])
        let reversal = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity"],
                              ["A", "2026-11-10", "AAPL", "Buy", 15], ["A", "2026-11-10", "AAPL", "Buy", -15]])
        #expect(reversal.errors.map(\.description) == [
            "Transactions!E3: A buy of a negative quantity, where the sheet's other buys are positive: if it reverses a buy, "
                + "write it as a cancel (Cancel Buy) or delete both rows; if it sold shares, write Sell.",
        ])
        // A sheet that writes every buy negative has its own sign.
        let signed = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity"],
                              ["A", "2026-11-10", "AAPL", "Buy", -15], ["A", "2026-11-12", "AAPL", "Sell", 5]])
        #expect(signed.errors.isEmpty, "\(signed.errors)")
        #expect(signed.portfolio?.transactions.map(\.quantity) == [Quantity(decimal: "15"), Quantity(decimal: "5")])
    }

    @Test("Custodian Transactions habits: a Type column of buys and sells, cash rows, a Term of both, a text serial, short trades")
    func custodianTransactionHabits() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Type", "Quantity", "Realized Gain", "Term"],
                              ["A", "2026-11-02", "VEA", "BUY", 100, nil, nil],
                              // Cash moved: no side, no symbol, no shares; and a sweep's buy.
                              ["A", "2026-11-09", nil, nil, nil, nil, nil],
                              ["A", "2026-11-09", nil, "BUY", nil, nil, nil],
                              ["A", "46316.75", "VEA", "SELL", -40, -300, "Various"],
                              ["A", "2026-11-12", "BND", "SELL", 10, 50, "Long-term (>1 yr)"],
                              ["A", "2026-11-13", "BND", "Sale Short", 300, nil, nil],
                              ["A", "2026-11-13", "VEA", "Buy Cover", 100, nil, nil]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let trades = try #require(reading.portfolio?.transactions)
        #expect(trades.map(\.place) == ["Transactions!row 2", "Transactions!row 5", "Transactions!row 6"])
        // 46316.75 is 2026-10-21 at 6 pm; a sale of both terms has none; `Long-term (>1 yr)` is LT.
        #expect(trades[1].date == CivilDate(year: 2026, month: 10, day: 21))
        #expect(trades[1].term == nil)
        #expect(trades[2].term == .longTerm)
        #expect(reading.warnings.contains { $0.place == "Transactions!D1" && $0.message.hasPrefix("\"Type\" is read as the Side") })
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Transactions!row 3",
            "Skipped: no Side, Symbol or Quantity, so no trade of shares (a movement of cash).")))
    }

    @Test("A restriction, phase-out mark or family on the Model sheet, or a restriction under another name on Securities, is refused")
    func securityColumnsElsewhere() throws {
        // Read as nothing with an Info line, a No Sell BND was sold and a No Buy VTI bought.
        let model = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target", "Restriction", "Identical Group", "Sector Band"], ["AAPL", 0.99, "No Sell", "Apple", 0.02]]),
            Self.prices,
        ])
        #expect(model.portfolio == nil)
        #expect(model.errors.map(\.description) == [
            "Model!D1: The column \"Identical Group\" holds what the tool reads from the Securities sheet's Identical Group column "
                + "only: move it there (a Securities sheet of Symbol and Identical Group). Left unread, a security and its twin "
                + "would be traded as two, a loss sold beside a buy of its twin.",
            "Model!E1: The column \"Sector Band\" holds what the tool reads from the Sectors sheet's Band column only: move it "
                + "there (a Sectors sheet of Sector and Band). Left unread, the Sectors sheet's bands would not bind.",
            "Model!C2: AAPL is marked \"No Sell\" under \"Restriction\", a column the tool does not read: it reads restrictions "
                + "from the Securities sheet's Restriction column only (a Securities sheet of Symbol and Restriction), so the "
                + "plan could sell AAPL against the mark. Write No Sell as its Restriction there, or clear the mark if it does "
                + "not hold.",
        ])
        // A Model's sleeves (`Group`) cap nothing in a book with no Groups sheet: passed over.
        // Beside a Groups sheet they would be caps left unread, and are refused.
        let sleeves: (name: String, rows: [[FixtureCell]]) = ("Model", [["Symbol", "Target", "Group"], ["AAPL", 0.99, "Core"]])
        let noCaps = try read([Self.asOf, Self.oneLot, sleeves, Self.prices])
        #expect(noCaps.errors.isEmpty, "\(noCaps.errors)")
        #expect(noCaps.diagnostics.contains(Diagnostic(.info, "Model!C1", "The column \"Group\" is ignored: the book has no "
            + "Groups sheet, so no exposure group is capped (caps are read from a Groups sheet of Exposure Group and Max Weight, "
            + "each security's group from the Securities sheet's Exposure Group column).")))
        let capped = try read([Self.asOf, Self.oneLot, sleeves, Self.prices,
                               ("Groups", [["Exposure Group", "Max Weight"], ["Core", 0.5]])])
        #expect(capped.errors.map(\.place) == ["Model!C1"])
        let securities = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Securities", [["Symbol", "Trading Status", "Exit"], ["AAPL", "No Buy", "Y"]]),
            Self.prices,
        ])
        #expect(securities.errors.map(\.place) == ["Securities!B2", "Securities!C2"])
        #expect(securities.errors.last?.message == "AAPL is marked \"Y\" under \"Exit\", a column the tool does not read: it "
            + "reads phase-outs from the Securities sheet's Phase Out column only (Yes or No), so the plan would keep AAPL as "
            + "any other security. Write Yes as its Phase Out there (a Securities sheet of Symbol and Phase Out), or clear the "
            + "mark if it does not hold.")
        // A Status is the security's own (`Active`), with a Restriction column or without.
        let status = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Securities", [["Symbol", "Name", "Status"], ["AAPL", "Apple", "Active"]]),
            Self.prices,
        ])
        #expect(status.errors.isEmpty, "\(status.errors)")
    }

    /// A book of AAPL held and modelled and BND modelled, with `securities` and `model` columns
    /// beside the Symbol and Target ones, read as of 2026-11-20.
    private func readMarked(securities: [[FixtureCell]]? = nil, model: [[FixtureCell]]? = nil) throws -> PortfolioReading {
        let modelRows: [[FixtureCell]] = [["Symbol", "Target"], ["AAPL", 0.5], ["BND", 0.49]]
        let modelSheet = zip(modelRows, model ?? modelRows.map { _ in [] }).map { $0 + $1 }
        return try read([
            Self.asOf, Self.oneLot, ("Model", modelSheet),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["BND", 72, .day(2026, 11, 20)]]),
        ] + (securities.map { [("Securities", $0)] } ?? []))
    }

    @Test("A restriction or phase-out mark under another name is an error at its cell, beside a Restriction column too",
          arguments: [
        // Securities columns beside the contract's own Restriction and Phase Out, left blank (explore-CO).
        (true, "Do Not Sell", FixtureCell.text("Yes"), "sell"),
        (true, "Do Not Buy", .text("Yes"), "buy"),
        (true, "Trading Status", .text("Halted - No Sell"), "sell"),
        (true, "Compliance", .text("Restricted List"), "buy or sell"),
        (true, "Hold", .text("Yes"), "buy or sell"),
        (true, "Lockup", .day(2027, 1, 15), "sell"),
        (true, "Lockup", .day(2026, 11, 20), "sell"),
        (true, "Notes", .text("do not sell - client legacy position"), "sell"),
        (true, "Status", .text("Do Not Sell"), "sell"),
        (true, "Exit", .text("Yes"), nil),
        (true, "Status", .text("Phase Out"), nil),
        // Model columns.
        (false, "Hold", .text("Yes"), "buy or sell"),
        (false, "Locked", .text("Yes"), "buy or sell"),
        (false, "Frozen", .bool(true), "buy or sell"),
        (false, "Sell Only", .text("Yes"), "buy"),
        (false, "Constraint", .text("No Sell"), "sell"),
        (false, "Instructions", .text("No Sell"), "sell"),
        (false, "Status", .text("Do Not Sell"), "sell"),
        (false, "Status", .text("Phase Out"), nil),
        (false, "Phase Out", .text("Yes"), nil),
    ] as [(Bool, String, FixtureCell, String?)])
    func restrictionMarksElsewhereAreRefused(onSecurities: Bool, header: String, mark: FixtureCell, verb: String?) throws {
        let reading = onSecurities
            ? try readMarked(securities: [["Symbol", "Restriction", "Phase Out", .text(header)], ["AAPL", nil, nil, mark],
                                          ["BND", nil, nil, nil]])
            : try readMarked(model: [[.text(header)], [mark], []])
        let place = onSecurities ? "Securities!D2" : "Model!C2"
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.place) == [place], "\(reading.errors)")
        let message = try #require(reading.errors.first?.message)
        #expect(message.hasPrefix("AAPL is marked \""), "\(message)")
        #expect(message.contains("under \"\(header)\", a column the tool does not read"), "\(message)")
        if let verb {
            #expect(message.contains("Securities sheet's Restriction column only"), "\(message)")
            #expect(message.contains("so the plan could \(verb) AAPL against the mark"), "\(message)")
        } else {
            #expect(message.contains("Securities sheet's Phase Out column only (Yes or No)"), "\(message)")
        }
    }

    @Test("A column that marks nothing, or what the Restriction column gives too, is passed over with an Info line",
          arguments: [
        (true, "Trading Status", FixtureCell.text("Tradable"), "restriction"),
        (true, "Compliance", .text("Approved"), "restriction"),
        (true, "Do Not Buy", .text("No"), "restriction"),
        (true, "Do Not Sell", .text("N"), "restriction"),
        (true, "Tradable", .text("Yes"), "restriction"),
        (true, "Lockup", .day(2026, 11, 19), "restriction"),
        (true, "Exit", .bool(false), "phase-out"),
        (false, "Phase Out", .text("No"), "phase-out"),
        (false, "Restricted?", .text("No"), "restriction"),
        (false, "Restriction", .empty, "restriction"),
        (false, "Restriction", .text("None"), "restriction"),
        (false, "Trading Status", .text("Active"), "restriction"),
        (false, "Do Not Trade", 0, "restriction"),
    ] as [(Bool, String, FixtureCell, String)])
    func unmarkingColumnsArePassedOver(onSecurities: Bool, header: String, cell: FixtureCell, what: String) throws {
        let reading = onSecurities
            ? try readMarked(securities: [["Symbol", "Restriction", .text(header)], ["AAPL", nil, cell], ["BND", nil, cell]])
            : try readMarked(model: [[.text(header)], [cell], [cell]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let place = onSecurities ? "Securities!C1" : "Model!C1"
        let home = what == "restriction" ? "Restriction" : "Phase Out"
        #expect(reading.diagnostics.contains(Diagnostic(.info, place, "The column \"\(header)\" is not one the tool reads, and "
            + "none of its cells marks a \(what) (each is blank or says none), so it is ignored: \(what)s are read from the "
            + "Securities sheet's \(home) column.")), "\(reading.diagnostics)")
        // The marks the Restriction column gives as well are no rule left unread.
        let agreeing = try readMarked(securities: [["Symbol", "Restriction", "Do Not Sell"], ["AAPL", "No Trade", "Yes"],
                                                   ["BND", nil, "No"]])
        #expect(agreeing.errors.isEmpty, "\(agreeing.errors)")
        #expect(agreeing.portfolio?.securities.first { $0.symbol == "AAPL" }?.restriction == .noTrade)
        // A Status of the security's own words, and a blank Sector Band on the Model, say nothing.
        let own = try readMarked(securities: [["Symbol", "Status"], ["AAPL", "Closed to new investors"], ["BND", "Hold"]],
                                 model: [["Sector Band"], [], []])
        #expect(own.errors.isEmpty, "\(own.errors)")
        #expect(own.diagnostics.contains(Diagnostic(.info, "Model!C1", "The column \"Sector Band\" is blank in every row, so "
            + "it is ignored (the tool reads sector bands from the Sectors sheet).")), "\(own.diagnostics)")
        // Notes saying a check found nothing mark nothing (two ordinary books had been refused).
        let checked = try readMarked(securities: [["Symbol", "Notes"], ["AAPL", "restricted list checked 11/19"],
                                                  ["BND", "lockup n/a"]])
        #expect(checked.errors.isEmpty, "\(checked.errors)")
        let passed = try readMarked(securities: [["Symbol", "Notes"], ["AAPL", "restricted list check passed"],
                                                 ["BND", "lockup memo n/a"]])
        #expect(passed.errors.isEmpty, "\(passed.errors)")
    }

    @Test("A Do Not Sell mark beside a blank Restriction column stops the plan that sold the position", arguments: [true, false])
    func doNotSellBesideRestrictionIsNotSold(marked: Bool) throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 100, 10_000, .day(2020, 1, 2)]]),
            ("Model", [["Symbol", "Target"], ["AAPL", 0.5], ["BND", 0.49]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["BND", 72, .day(2026, 11, 20)]]),
            ("Securities", [["Symbol", "Restriction", "Do Not Sell"], ["AAPL", nil, .text(marked ? "Yes" : "No")]]),
        ])
        guard marked else {
            // Unmarked, the plan sells AAPL down toward its 50% (the sale the mark forbids).
            let plan = try Planner.plan(for: try #require(reading.portfolio, "\(reading.errors)"))
            #expect(plan.trades.contains { $0.symbol == "AAPL" && $0.side == .sell })
            return
        }
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Securities!C2: AAPL is marked \"Yes\" under \"Do Not Sell\", a column the tool does not read: it reads restrictions "
                + "from the Securities sheet's Restriction column only (a Securities sheet of Symbol and Restriction), so the plan "
                + "could sell AAPL against the mark. Write No Sell as its Restriction there, or clear the mark if it does not hold.",
        ])
    }

    @Test("Two views of one trade, one rounding its price or leaving its gain out, are one trade; a row's other cells tell trades apart")
    func repeatedTransactionsAcrossViews() throws {
        let views = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Price", "Realized Gain", "Term"],
                              ["A", "2026-11-10", "VXUS", "Sell", 100, 66, -900, "ST"],
                              ["A", "2026-11-10", "VXUS", "Sell", 100, 66.004, nil, nil]])
        #expect(views.errors.map(\.place) == ["Transactions!row 3"])
        // Two reinvestments of a day, told apart by their descriptions, and two fills by time.
        let apart = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Description"],
                              ["A", "2026-11-10", "VXUS", "Reinvest", 1, "Dividend"],
                              ["A", "2026-11-10", "VXUS", "Reinvest", 1, "Capital gain"],
                              ["A", .date(46338.4375), "VXUS", "Buy", 100, "Fill"],
                              ["A", .date(46338.5868), "VXUS", "Buy", 100, "Fill"]])
        #expect(apart.errors.isEmpty, "\(apart.errors)")
        #expect(apart.portfolio?.transactions.count == 4)
        // A loss sale whose symbol is missing is no movement of cash: it stops the run.
        let loss = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Price", "Realized Gain"],
                              ["A", "2026-11-10", nil, "Sell", nil, 72, -800]])
        #expect(loss.errors.map(\.description) == ["Transactions!C2: Symbol is blank."])
    }

    @Test("A trade listed twice in every column read is refused; two told apart by their Transaction IDs are read")
    func repeatedTransactions() throws {
        // A household export lists the sale once per account's view: read as two, it used up
        // the IRA's replacement shares that should have blocked a harvest.
        let twice = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Price", "Realized Gain"],
                              ["A", "2026-11-05", "SPDW", "Buy", 150, 40, nil],
                              ["A", "2026-11-10", "VEA", "Sell", 100, 50, -500],
                              ["A", "2026-11-10", "VEA", "Sell", 100, 50, -500]])
        #expect(twice.portfolio == nil)
        #expect(twice.errors.map(\.description) == [
            "Transactions!row 4: This trade repeats the one at Transactions!row 3 in every column read (account, date, "
                + "symbol, side, quantity, price and gain): the same trade listed twice would count twice in the wash-sale "
                + "windows. Delete one; if they are two trades, write them as one row of their total quantity, or give each "
                + "its Transaction ID.",
        ])
        // Two fills alike, each with its order's number, are two trades; so are two sales a
        // share apart.
        let fills = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Price", "Order #"],
                              ["A", "2026-11-10", "VEA", "Buy", 100, 50, "OR-1"], ["A", "2026-11-10", "VEA", "Buy", 100, 50, "OR-2"],
                              ["A", "2026-11-12", "VEA", "Sell", 100, 50, "OR-3"], ["A", "2026-11-12", "VEA", "Sell", 101, 50, "OR-3"]])
        #expect(fills.errors.isEmpty, "\(fills.errors)")
        #expect(fills.portfolio?.transactions.count == 4)
    }

    /// A copy of a loss sale whose Date is text (`11/10/2026`, `2026-11-10`) beside a date cell
    /// had been read as a second sale, using up replacement shares that should have blocked a
    /// harvest; two reinvestments of one day naming different income had been refused as one
    /// trade listed twice (explore-CO).
    @Test("A copy whose Date is text is the trade repeated; two reinvestments of different income are two trades")
    func repeatedTransactionsByDateReadAndIncome() throws {
        let header: [FixtureCell] = ["Account", "Date", "Symbol", "Action", "Quantity", "Price", "Realized Gain", "Term"]
        let textDates = try readTransactions([header,
                              ["A", .day(2026, 11, 10), "VXUS", "Sell", 100, 64, -1500, "ST"],
                              ["A", "11/10/2026", "VXUS", "Sell", 100, 64, -1500, "ST"],
                              ["A", "2026-11-10", "VXUS", "Sell", 100, 64, -1500, "ST"]])
        #expect(textDates.portfolio == nil)
        #expect(textDates.errors.map(\.description) == ["Transactions!row 3", "Transactions!row 4"].map { place in
            "\(place): This trade repeats the one at Transactions!row 2 in every column read (account, date, symbol, side, "
                + "quantity, price and gain): the same trade listed twice would count twice in the wash-sale windows. Delete "
                + "one; if they are two trades, write them as one row of their total quantity, or give each its Transaction ID."
        })
        // A time tells two fills apart, written in a date cell or as text; midnight is no time.
        let times = try readTransactions([header,
                              ["A", .date(46336.65625), "VXUS", "Buy", 10, 64, nil, nil],
                              ["A", "2026-11-10 3:45 PM", "VXUS", "Buy", 10, 64, nil, nil],
                              ["A", "11/10/2026 10:30", "VXUS", "Buy", 10, 64, nil, nil],
                              ["A", "2026-11-12 00:00", "VXUS", "Buy", 5, 64, nil, nil],
                              ["A", .day(2026, 11, 12), "VXUS", "Buy", 5, 64, nil, nil]])
        #expect(times.errors.map(\.place) == ["Transactions!row 3", "Transactions!row 6"])
        // A copy from an export without times, beside the fills with theirs, repeats the fill it
        // matches: read as a third buy, its 10 shares had counted twice in the windows.
        let pasted = try readTransactions([header,
                              ["A", "2026-11-10 10:30", "VXUS", "Buy", 10, 64, nil, nil],
                              ["A", "2026-11-10 15:45", "VXUS", "Buy", 12, 64, nil, nil],
                              ["A", .day(2026, 11, 10), "VXUS", "Buy", 12, 64, nil, nil]])
        #expect(pasted.errors.map(\.description) == [
            "Transactions!row 4: This trade repeats the one at Transactions!row 3 in every column read (account, date, symbol, "
                + "side, quantity, price and gain): the same trade listed twice would count twice in the wash-sale windows. "
                + "Delete one; if they are two trades, write them as one row of their total quantity, or give each its "
                + "Transaction ID.",
        ])
        #expect(PortfolioBuilder.timeOfDayKey(.string("20261110;154500")) == PortfolioBuilder.timeOfDayKey(.date(
            ExcelDateTime(year: 2026, month: 11, day: 10, milliseconds: 56_700_000))))
        // A fund's dividend and its long-term gain reinvested the same day, alike in shares and price.
        let income = try readTransactions([header,
                              ["A", "2026-11-10", "VXUS", "Reinvest Dividend", 1.5, 64, nil, nil],
                              ["A", "2026-11-10", "VXUS", "Reinvest Long Term Cap Gain", 1.5, 64, nil, nil]])
        #expect(income.errors.isEmpty, "\(income.errors)")
        #expect(income.portfolio?.transactions.map(\.quantity) == [Quantity(decimal: "1.5"), Quantity(decimal: "1.5")])
        // The same income in two views' words, or a Side naming none beside one, is one trade.
        let views = try readTransactions([header,
                              ["A", "2026-11-10", "VXUS", "Reinvest LT Cap Gain", 1.5, 64, nil, nil],
                              ["A", "2026-11-10", "VXUS", "Long-Term Capital Gain Reinvest", 1.5, 64, nil, nil],
                              ["A", "2026-11-12", "VXUS", "Reinvest Dividend", 2, 64, nil, nil],
                              ["A", "2026-11-12", "VXUS", "Buy", 2, 64, nil, nil]])
        #expect(views.errors.map(\.place) == ["Transactions!row 3", "Transactions!row 5"])
        #expect(PortfolioBuilder.incomeKind("Return of Capital Reinvest") != PortfolioBuilder.incomeKind("Reinvest Cap Gain"))
    }

    @Test("A buy journaled to another account of its household is read as that account's lot of its day, counted once")
    func journaledBuy() throws {
        func book(_ journal: [[FixtureCell]]) throws -> PortfolioReading {
            try read([
                Self.asOf,
                ("Accounts", [["Account", "Household", "Type"], ["A", "Lee", "Individual"], ["B", "Lee", "Joint"],
                              ["C", "Park", "Joint"]]),
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)],
                          ["B", "VTI", 60, 18_000, .day(2026, 11, 2)], ["C", "VTI", 100, 30_000, .day(2026, 11, 2)]]),
                Self.model, ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["VTI", 300, .day(2026, 11, 20)]]),
                ("Transactions", [["Account", "Date", "Symbol", "Action", "Quantity", "Price"],
                                  ["A", "2026-11-02", "VTI", "Buy", 100, 300], ["C", "2026-11-02", "VTI", "Buy", 100, 300]]
                    + journal),
            ])
        }
        // 100 bought in A; 60 journaled to B (its lot keeps the purchase date), 40 sold since.
        let journaled = try book([["A", "2026-11-05", "VTI", "JOURNAL", -60, nil], ["B", "2026-11-05", "VTI", "Journal", 60, nil]])
        #expect(journaled.errors.isEmpty, "\(journaled.errors)")
        #expect(journaled.portfolio?.transactions.map(\.account) == ["B", "C"])
        #expect(journaled.diagnostics.filter { $0.message.hasPrefix("This buy") }.map(\.description) == [
            "Transactions!row 2: This buy of VTI in A on 2026-11-02 is read as the purchase of B's lot of that day, its "
                + "shares journaled (Transactions!row 4): counted once as a replacement, not as a buy sold since and the lot again.",
        ])
        // Without a journal row the buy stays A's: B's lot may have been bought there, its row missing.
        #expect(try book([]).portfolio?.transactions.map(\.account) == ["A", "C"])
        // A journal before the buy moved other shares.
        #expect(try book([["B", "2026-10-30", "VTI", "Transfer of Securities", 60, nil]]).portfolio?.transactions.map(\.account) == ["A", "C"])
        #expect(PortfolioBuilder.isJournal("JNL") && PortfolioBuilder.isJournal("Internal Transfer") && !PortfolioBuilder.isJournal("Buy"))
        // B's lot dated the journal's day rather than its purchase's: read as bought then, warned of.
        let redated = try read([
            Self.asOf,
            ("Accounts", [["Account", "Household", "Type"], ["A", "Lee", "Individual"], ["B", "Lee", "Joint"]]),
            ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", "A1", 1, 100, .day(2024, 1, 2)],
                      ["B", "VTI", "B7", 60, 18_000, .day(2026, 11, 5)]]),
            Self.model, ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["VTI", 300, .day(2026, 11, 20)]]),
            ("Transactions", [["Account", "Date", "Symbol", "Action", "Quantity", "Price"],
                              ["A", "2026-11-02", "VTI", "Buy", 60, 300], ["A", "2026-11-05", "VTI", "JOURNAL", -60, nil],
                              ["B", "2026-11-05", "VTI", "Journal", 60, nil]]),
        ])
        #expect(redated.warnings.map(\.description).filter { $0.contains("journal or transfer") } == [
            "Lots: B7 of VTI in B is dated the day of a journal or transfer of its shares into the account (Transactions!row 4), "
                + "with no buy that day: it is read as bought then, short-term and a wash-sale replacement inside the window. "
                + "A journal between one owner's accounts carries the purchase date over: write the date the shares were bought.",
        ])
    }

    @Test("A loss sale inside the window of a ticker nothing else names is warned of, once for the book")
    func lonelyLossSales() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Realized Gain"],
                              ["A", "2026-11-02", "FB", "Sell", 10, -400],
                              ["A", "2026-11-03", "AAPL", "Sell", 1, -40],
                              ["A", "2026-11-04", "XYZ", "Sell", 5, 300],
                              ["A", "2026-11-05", "QQQ", "Sell", 5, -30], ["A", "2026-11-06", "QQQ", "Buy", 5, nil],
                              ["A", "2026-09-01", "OLD", "Sell", 5, -30]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        // AAPL is held, XYZ was sold at a gain, QQQ bought back, OLD sold before the window.
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Transactions") } == [
            "Transactions!row 2: The loss sale of FB (Transactions!row 2) inside the wash-sale window names a ticker nothing "
                + "else in the book names (no lot, model, Securities row or buy): its window blocks buys of that ticker only. "
                + "If one is another ticker of a security the book holds or models (a ticker change, another share class), "
                + "give both one Identical Group on the Securities sheet.",
        ])
        // A manual buy of the ticker names it: the sale's window is the one the buy meets.
        let bought = try read([
            Self.asOf, Self.oneLot, Self.model,
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["FB", 90, .day(2026, 11, 20)]]),
            ("Transactions", [["Account", "Date", "Symbol", "Action", "Quantity", "Realized Gain"],
                              ["A", "2026-11-02", "FB", "Sell", 10, -400]]),
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["A", "FB", "Buy", 1]]),
        ])
        #expect(bought.errors.isEmpty, "\(bought.errors)")
        #expect(!bought.warnings.contains { $0.message.contains("nothing else in the book names") }, "\(bought.warnings)")
    }

    @Test("An assignment or exercise that moves shares of a stock is warned of; the option's own row is a note")
    func optionDeliveries() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity"],
                              ["A", "2026-11-02", "AAPL", "Assigned", 100],
                              ["A", "2026-11-02", "AAPL 261120P00150000", "Assigned", 1],
                              ["A", "2026-11-03", "MSFT", "Exercise", nil]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Transactions") } == [
            "Transactions!D2: Skipped: \"Assigned\" is an option's assignment or exercise, and the row moves 100 shares of "
                + "AAPL: the tool reads no side from it, so those shares are neither a purchase nor a sale for wash sales. "
                + "Write Buy or Sell for the shares.",
        ])
        #expect(reading.portfolio?.transactions.isEmpty == true)
    }

    @Test("A split after a trade of its symbol inside the wash-sale window is warned of, once a symbol and day")
    func splitsInsideTheWindow() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity", "Realized Gain"],
                              ["A", "2026-11-02", "AAPL", "Sell", 1000, -4000],
                              ["A", "2026-11-06", "AAPL", "Reverse Split", -900, nil],
                              ["B", "2026-11-06", "AAPL", "REVERSE SPLIT R/S FROM 037833100", 15, nil],
                              ["A", "2026-11-07", "MSFT", "Stock Split", 10, nil],
                              ["A", "2026-10-01", "AAPL", "Buy", 10, nil],
                              ["A", "2026-10-05", "AAPL", "SPL", 10, nil]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        // MSFT has no trade before its split; AAPL's buy before the 10-05 split is outside the window.
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Transactions") } == [
            "Transactions!row 3: A split of AAPL on 2026-11-06 follows a trade of it inside the wash-sale window "
                + "(Transactions!row 2, 2026-11-02): the tool adjusts no share count for a split, so shares before it are "
                + "matched one for one against lots and buys after it. Restate the Quantity of the rows before it in shares "
                + "after the split.",
        ])
        #expect(PortfolioBuilder.isSplit("SPR") && PortfolioBuilder.isSplit("Forward Split") && !PortfolioBuilder.isSplit("Spin-off")
            && PortfolioBuilder.isSplit("Stock Dividend"))
    }

    @Test("An Interactive Brokers statement's closed lots under each execution are no trades of their own")
    func closedLotsUnderExecutions() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Buy/Sell", "Quantity", "Realized P/L", "LevelOfDetail"],
                              ["A", "2026-11-12", "AAPL", "SELL", -10, -500, "EXECUTION"],
                              ["A", "2026-11-12", "AAPL", "SELL", -10, -500, "CLOSED_LOT"]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.transactions.map(\.place) == ["Transactions!row 2"])
    }

    @Test("A Transactions symbol that is a CUSIP nothing else names is warned of once")
    func cusipSymbolsInTransactions() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", "2026-11-12", "921943809", "Sell", 10, -500], ["A", "2026-11-13", "921943809", "Buy", 1, nil]])
        #expect(reading.warnings.map(\.description).dropFirst() == ["Transactions!row 2: 921943809 is a CUSIP, not a ticker, and nothing "
            + "else in the book names it: trades are matched to holdings by ticker, so this sale opens or blocks no wash-sale "
            + "window on the security it traded. Write its ticker in Symbol."])
    }

    @Test("A control character in an account's name or household is an error at its cell")
    func controlCharactersInNames() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Accounts", [["Account", "Name", "Household"], ["A", "Chen_x0000_ Joint", "Chen_x0001_"]]),
        ])
        #expect(reading.errors.map(\.description).sorted() == [
            "Accounts!B2: Name holds a control character (U+0000), which no name has and the CIO workbook cannot show; "
                + "write it without.",
            "Accounts!C2: Household holds a control character (U+0001), which no name has and the CIO workbook cannot "
                + "show; write it without.",
        ])
    }

    @Test("A quantity a Double would round to zero is no closed lot: it is less than the millionth the tool counts")
    func tinyQuantityIsNoZero() throws {
        let tiny = "0." + String(repeating: "0", count: 330) + "1"
        let reading = try read([
            Self.asOf, Self.model, Self.prices,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", .text(tiny), 61320, .day(2019, 3, 14)]]),
        ])
        #expect(reading.errors.map(\.place) == ["Lots!C2"])
        #expect(reading.errors.first?.message.hasPrefix("Quantity is less than the millionth of a share the tool counts to") == true)
    }

    @Test("Cash moved through the core money-market position is no trade")
    func coreAccountMovesAreNoTrades() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Action", "Quantity"],
                                            ["A", "2026-11-09", "SPAXX", "REDEMPTION FROM CORE ACCOUNT", -2840],
                                            ["A", "2026-11-10", "SPAXX", "PURCHASE INTO CORE ACCOUNT", 500]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.transactions.isEmpty == true)
    }

    @Test("A date outside the calendar the plan keeps is an error at its cell, and an As Of from --as-of says so")
    func datesOutsideTheCalendarNameTheirCell() throws {
        let reading = try read([
            Self.asOf, Self.oneLot, Self.model, Self.prices,
            ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity"], ["A", "9999-12-30", "AAPL", "Buy", 1]]),
        ], asOf: CivilDate(year: 9999, month: 12, day: 31))
        #expect(reading.errors.map(\.description) == [
            "--as-of: As Of 9999-12-31 is outside 0002-01-01 to 9997-12-31, the dates the tool plans with.",
            "Transactions!B2: Date 9999-12-30 is outside 0002-01-01 to 9997-12-31, the dates the tool plans with.",
        ])
    }

    /// An en-GB book: date cells formatted `dd/mm/yyyy`, and one Transactions date typed as
    /// text, `05/11/2026`, 5 November. Read month first, the loss sale was dated 11 May and
    /// its window missed, without a word (explore-BU). A day-first text date elsewhere in the
    /// book is the same evidence.
    @Test("A text date that reads either way is asked about in a book whose dates are kept day first")
    func dayFirstBookAsksAboutAmbiguousText() throws {
        let sheets: [(name: String, rows: [[FixtureCell]])] = [
            ("Settings", [["Setting", "Value"], ["As Of Date", .date(46346)]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .date(45296)]]),
            Self.model, Self.prices,
            ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", "05/11/2026", "AAPL", "Sell", 1, -50]]),
        ]
        let british = try readPriced(path: try XLSXFixture.contractBook(sheets, dateFormat: "dd/mm/yyyy").write(), asOf: nil,
                                     today: Household.today)
        #expect(british.errors.map(\.description) == [
            "Transactions!B2: \"05/11/2026\" would be read as 2026-05-11, month first, but the book's date cells are "
                + "formatted day first (Settings!B2: dd/mm/yyyy), which makes it 2026-11-05: write it year first.",
        ])
        // The As Of typed as text is judged as well (explore-BX: planned as of 11 October).
        var typedAsOf = sheets
        typedAsOf[0] = ("Settings", [["Setting", "Value"], ["As Of Date", "10/11/2026"]])
        typedAsOf[1] = ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .date(45296)]])
        let asOfText = try readPriced(path: try XLSXFixture.contractBook(typedAsOf, dateFormat: "dd/mm/yyyy").write(), asOf: nil,
                                      today: Household.today)
        #expect(asOfText.errors.map(\.place).contains("Settings!B2"), "\(asOfText.errors)")
        // A day-first cell on a sheet the tool does not read is no evidence (explore-BV, BX).
        let stray: [(name: String, rows: [[FixtureCell]])] = [
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, "01/04/2024"]]),
            Self.model, ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, "2026-11-20"]]),
            ("Notes", [["Reviewed", .date(46340)]]),
        ]
        let notes = try readPriced(path: try XLSXFixture.contractBook(stray, dateFormat: "dd/mm/yyyy").write(), asOf: nil,
                                   today: Household.today)
        #expect(notes.errors.isEmpty, "\(notes.errors)")
        // The same book with month-first date formats reads the text month first, as before.
        let american = try readPriced(path: try XLSXFixture.contractBook(sheets).write(), asOf: nil, today: Household.today)
        #expect(american.errors.isEmpty, "\(american.errors)")
        // A text date that can only be day first, on another sheet, is evidence too.
        var typed = sheets
        typed[1] = ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, "25/12/2024"]])
        let texts = try readPriced(path: try XLSXFixture.contractBook(typed).write(), asOf: nil, today: Household.today)
        #expect(texts.errors.map(\.description).contains(
            "Transactions!B2: \"05/11/2026\" would be read as 2026-05-11, month first, but a date elsewhere in the book is "
                + "written day first (Lots!E2: \"25/12/2024\"), which makes it 2026-11-05: write it year first."), "\(texts.errors)")
    }

    /// 0001-01-01 is what some exports write for an empty date: the windows counted back from
    /// it left the calendar, and the run stopped as a bug in the tool (explore-BT).
    @Test("An As Of in the first days of year 1 is the calendar's error, with a loss sale in the book")
    func asOfAtTheCalendarsStart() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "0001-01-01"]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, "0001-01-01"]]),
            Self.model, ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, "0001-01-01"]]),
            ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", "0001-01-01", "AAPL", "Sell", 1, -50]]),
        ])
        #expect(reading.errors.first?.description
            == "Settings!B2: As Of 0001-01-01 is outside 0002-01-01 to 9997-12-31, the dates the tool plans with.")
    }

    @Test("A realized loss marked W by the custodian is read as the amount")
    func washMarkOnRealizedGain() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", "2026-11-12", "AAPL", "Sell", 10, "(650.00) W"]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.transactions.first?.realizedGain == Money(cents: -65_000))
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Transactions!F2",
            "\"(650.00) W\" is read as (650.00): the custodian's W marks a loss it counted as a wash sale.")))
    }

    @Test("Lots without a Symbol column but with a Security column: the error names it to rename")
    func securityColumnIsNamedForSymbol() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Security", "Units", "Total Cost", "Purchase Date"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == ["Lots!row 1: The header row lacks the required column Symbol. "
            + "\"Security\" (Lots!B1) may be the Symbol: rename it Symbol if it holds each lot's ticker."])
    }

    @Test("A model row's Sector that differs from the Securities sheet's for its symbol is warned of once")
    func sectorDisagreementIsWarnedOf() throws {
        let reading = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target", "Sector"], ["AAPL", 0.9, "Technology"]]),
            ("Securities", [["Symbol", "Sector"], ["AAPL", "Consumer"]]),
            Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.warnings.filter { $0.message.contains("Sector is") } == [Diagnostic(.warning, "Model!C2",
            "AAPL's Sector is \"Technology\" on the Model sheet and \"Consumer\" on the Securities sheet: the model's counts "
                + "for its target (and the sector band over it), the Securities sheet's for a holding of it outside the "
                + "model. Write one sector in both places.")])
    }

    @Test("An unread date column is not offered as an amount it shares a word with (Cash Out Date is no Cash Target)")
    func dateColumnIsNoAmount() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Cash", "Cash Out Date"], ["A", 100, .day(2026, 12, 1)]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.diagnostics.contains(Diagnostic(.info, "Accounts!C1",
            "The column \"Cash Out Date\" is not one the tool reads; it is ignored.")))
        #expect(SheetTable.nearColumn("Cash Reserve %", on: .accounts, besides: ["Account", "Cash"]) == "Cash Target")
    }

    @Test("A model's Min % and Max % columns are warned of as edges, not a band to rename")
    func modelBandEdgesAreWarnedOf() throws {
        let reading = try read([
            Self.asOf, Self.oneLot,
            ("Model", [["Symbol", "Target", "Min %", "Max %"], ["AAPL", 0.9, 0.87, 0.93]]),
            Self.prices,
        ])
        let edge = "is not one the tool reads; it is ignored. A band is read as Target ± Band: to have these edges count, "
            + "give a Band column holding each target's distance to its edges (a low and a high edge are not read)."
        #expect(reading.diagnostics.contains(Diagnostic(.warning, "Model!C1", "The column \"Min %\" " + edge)))
        #expect(reading.diagnostics.contains(Diagnostic(.warning, "Model!D1", "The column \"Max %\" " + edge)))
    }

    @Test("A misspelt setting the sheet gives no other value of is an error; beside its key, a warning")
    func misspeltSettingKey() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Tax Budjet", 5000], ["Min Trdae", 250],
                          ["Min Trade", 100], ["Reviewer", "J. Chen"]]),
            Self.oneLot,
            Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.place) == ["Settings!A3"])
        #expect(reading.errors.first?.message == "\"Tax Budjet\" is not a setting the tool knows; it looks like Tax Budget, "
            + "which the sheet does not give: if it is, name it Tax Budget; if not, remove it. Left unread, the run would "
            + "use the default Tax Budget (Unlimited).")
        #expect(reading.diagnostics.contains(Diagnostic(.warning, "Settings!A4",
            "\"Min Trdae\" is not a setting the tool knows; it is ignored (Min Trade is given at Settings!A5).")))
        #expect(reading.diagnostics.contains(Diagnostic(.warning, "Settings!A6", "\"Reviewer\" is not a setting the tool knows; it is ignored.")))
        #expect(SettingKey.misspelled("Wash Sale Dyas") == .washSaleDays)
        #expect(SettingKey.misspelled("Notes") == nil)
        #expect(SettingKey.misspelled("Account Manager") == nil)
    }

    @Test("A key whose words name a rate, the budget or the harvest threshold is read as that setting's misspelling")
    func settingKeyByItsWords() throws {
        // Each was ignored with a warning: the run taxed at the default rates, with no budget.
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Federal Short-Term Rate", 0.37],
                          ["Tax Rate (Long-Term)", 0.2], ["Max Tax Impact ($)", 5000], ["TLH Minimum Loss", 500],
                          ["State Tax Rate", 0.05], ["Client Tax Bracket", "35%"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.place) == ["Settings!A3", "Settings!A4", "Settings!A5"])
        #expect(reading.errors.first?.message == "\"Federal Short-Term Rate\" is not a setting the tool knows; it looks like "
            + "Short-Term Rate, which the sheet does not give: if it is, name it Short-Term Rate; if not, remove it. Left "
            + "unread, the run would use the default Short-Term Rate (40.8%).")
        #expect(reading.errors.map(\.message)[2].contains("it looks like Tax Budget"))
        // `TLH Minimum Loss` is one of Harvest Min Loss's names since stop 49.
        #expect(!reading.diagnostics.contains { $0.place == "Settings!A6" && $0.severity != .info })
        // A rate of no term, or a bracket, names none of them: a warning, as before.
        #expect(reading.warnings.map(\.place).contains("Settings!A7"))
        #expect(reading.warnings.map(\.place).contains("Settings!A8"))
    }

    @Test("A rate key naming the tax by its other names (Capital Gains Rate, Ordinary Income Rate) is the term's rate's misspelling")
    func settingRateKeyByTaxName() throws {
        // (explore-DV) Each was ignored with a warning, and the run taxed at the default rates:
        // a 15% capital gains rate planned at 23.8%; `Cap Gains Rate` was even called a budget.
        let cases: [(key: String, looksLike: String, default: String)] = [
            ("Capital Gains Rate", "Long-Term Rate", "23.8%"), ("Cap Gains Rate", "Long-Term Rate", "23.8%"),
            ("Cap Gains Tax Rate", "Long-Term Rate", "23.8%"), ("Capital Gains Tax", "Long-Term Rate", "23.8%"),
            ("Qualified Rate", "Long-Term Rate", "23.8%"), ("Ordinary Rate", "Short-Term Rate", "40.8%"),
            ("Ordinary Income Rate", "Short-Term Rate", "40.8%"), ("Income Tax Rate", "Short-Term Rate", "40.8%"),
        ]
        for (key, looksLike, rate) in cases {
            let reading = try read([
                ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], [.text(key), 0.15], ["Tax Budget", 1000]]),
                Self.oneLot, Self.model, Self.prices,
            ])
            #expect(reading.errors.map(\.description) == [
                "Settings!A3: \"\(key)\" is not a setting the tool knows; it looks like \(looksLike), which the sheet does not "
                    + "give: if it is, name it \(looksLike); if not, remove it. Left unread, the run would use the default "
                    + "\(looksLike) (\(rate)).",
            ], "\(key)")
        }
        // Beside the key it looks like, a warning that names that key, not the budget.
        let beside = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Long-Term Rate", 0.15], ["Cap Gains Rate", 0.15],
                          ["Tax Budget", 1000]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(beside.errors.isEmpty, "\(beside.errors)")
        #expect(beside.diagnostics.contains(Diagnostic(.warning, "Settings!A4",
            "\"Cap Gains Rate\" is not a setting the tool knows; it is ignored (Long-Term Rate is given at Settings!A3).")))
        // A cap on gains, a state's or a dividend's rate, and the year's gains name no term's rate.
        #expect(SettingKey.soundsLike("Max Capital Gains") == .taxBudget)
        #expect(SettingKey.soundsLike("State Income Tax Rate") == nil)
        #expect(SettingKey.soundsLike("Qualified Dividend Rate") == nil)
        #expect(SettingKey.soundsLike("Realized Capital Gains YTD") == nil)
    }

    @Test("A Settings sheet without its header: keys down a column with values beside them, under a title")
    func settingsDownWithoutHeader() throws {
        let reading = try read([
            ("Settings", [["Rebalance settings, Q4"], [], ["Trade Date", nil, .day(2026, 11, 20)], ["Tax Budget", nil, 2500],
                          ["Lot Method", nil, "FIFO"], ["Reviewer", nil, "J. Chen"], ["Tax Budget", nil, 3000]]),
            Self.oneLot,
            Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        // The values sit two columns right of the keys; the title has nothing beside it.
        #expect(reading.diagnostics.map(\.description) == [
            "Settings: The sheet has no Setting and Value header: the keys are read down column A, each value to its "
                + "right in column C.",
            "Settings!A6: \"Reviewer\" is not a setting the tool knows; it is ignored.",
            "Settings!A7: Tax Budget is set twice (also at Settings!A4).",
            "The workbook has no Accounts sheet: \"A\" is an account with no cash, its own household and the Settings defaults.",
        ])
        #expect(reading.view.settings.contains("Tax Budget = $2,500.00 (Settings!C4)"))
        #expect(reading.view.settings.contains("Lot Method = FIFO (Settings!C5)"))
        #expect(reading.view.settings.contains("As Of Date = 2026-11-20 (Settings!C3)"))
    }

    @Test("A Settings sheet without its header whose keys have values in two columns is refused; a column of notes is no rival")
    func settingsTwoValueColumns() throws {
        let reading = try read([
            ("Settings", [["Setting", "Last Quarter", "This Run"], ["As Of Date", "2026-09-30", "2026-11-20"],
                          ["Tax Budget", "Unlimited", 0], ["Min Trade", 100, 5000]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Settings: The sheet has no Setting and Value header, and the keys down column A have values in more than one "
                + "column: B (\"Last Quarter\"), C (\"This Run\"). Head the keys' column Setting and the column meant for this "
                + "run Value.",
        ])
        let notes = try read([
            ("Settings", [["As Of Date", "2026-11-20", "The day the trades are planned for"],
                          ["Tax Budget", 0, "No net new tax this quarter, per the CIO"], ["Min Trade", 5000, "Keep tickets large"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(notes.errors.isEmpty, "\(notes.errors)")
        #expect(notes.portfolio?.settings.minTrade == Money(dollars: 5_000))
    }

    @Test("A Settings sheet laid out across: keys in one row, each value below it")
    func settingsAcross() throws {
        let reading = try read([
            ("Settings", [["As Of Date", "Tax Budget", "Lot Method", "Wash Sale Days"],
                          [.day(2026, 11, 20), 2500, "HIFO", 31]]),
            Self.oneLot,
            Self.model, Self.prices,
        ])
        // Each key's value is the cell below it.
        #expect(reading.view.settings.filter { $0.hasSuffix("2)") } == [
            "As Of Date = 2026-11-20 (Settings!A2)", "Tax Budget = $2,500.00 (Settings!B2)", "Lot Method = HIFO (Settings!C2)",
            "Wash Sale Days = 31 (Settings!D2)",
        ])
        #expect(reading.portfolio?.settings.lotMethod == .hifo)
        #expect(reading.diagnostics.first?.description
            == "Settings: The sheet has no Setting and Value header: the keys are read across row 1, each value below it in row 2.")
    }

    @Test("Keys and values outside a Settings table are read beside it; one set in both is an error")
    func settingsPairsOutsideTheTable() throws {
        // The PM's pairs with no header, and a change-log box whose header was taken for the
        // sheet's: the box's old budget of $25,000 had been planned against the PM's $500.
        let changeLog = try read([
            ("Settings", [["As Of Date", .day(2026, 11, 20), nil, "Changed", "Setting", "Value"],
                          ["Tax Budget", 500, nil, .day(2026, 6, 1), "Tax Budget", 25000],
                          ["Min Trade", 250]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(changeLog.portfolio == nil)
        #expect(changeLog.errors.map(\.description) == ["Settings!A2: Tax Budget is set twice (also at Settings!E2)."])
        // A date and a budget above the table, which gives neither: read, with a warning that
        // names them; the header row's own pair is no column left unread.
        let above = try read([
            ("Settings", [["As Of Date", .day(2026, 11, 20)], ["Tax Budget:", "$1,200"], [],
                          ["Setting", "Value", "Notes"], ["Min Trade", 250, "Tax Budget is per household."],
                          ["Lot Method", "HIFO"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(above.errors.isEmpty, "\(above.errors)")
        #expect(above.portfolio?.settings.taxBudget == .limit(Money(dollars: 1_200)))
        #expect(above.portfolio?.settings.minTrade == Money(dollars: 250))
        #expect(above.view.settings.contains("As Of Date = 2026-11-20 (Settings!B1)"))
        #expect(above.warnings.map(\.description).filter { $0.hasPrefix("Settings") } == [
            "Settings!A1: Keys with values beside them stand outside the Setting and Value table (its header in row 4), and "
                + "are read as settings too: As Of Date (A1), Tax Budget (A2). If they are not this run's (a change log, last "
                + "quarter's values), remove them; keep every setting under the one header.",
        ])
        // Beside the table: a guide of keys across a row (values below, not beside), and a note
        // in a sentence, are no settings.
        let guide = try read([
            ("Settings", [["Setting", "Value", nil, "Short-Term Rate", "Long-Term Rate"],
                          ["As Of Date", .day(2026, 11, 20), nil, 0.37, 0.2],
                          ["Min Trade", 250, nil, "Tax Budget", "Set by the CIO each quarter, not here."]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(guide.errors.isEmpty, "\(guide.errors)")
        #expect(guide.portfolio?.settings.rates == TaxRates.workbookDefault)
        #expect(!guide.diagnostics.contains { $0.message.contains("outside the Setting and Value table") })
    }

    @Test("A Settings column naming whose each setting is is refused: per-account settings are Accounts columns")
    func settingsByAccount() throws {
        let reading = try read([
            ("Settings", [["Account", "Setting", "Value"], [nil, "As Of Date", .day(2026, 11, 20)], ["A", "Min Trade", 500]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Settings!A1: The column \"Account\" says whose each setting is, but the Settings sheet's settings hold for every "
                + "account. Give an account its own Lot Method, Min Trade, Rebalance To, Harvest Losses, Harvest Min Loss, Tax "
                + "Budget, Cash Target or rates in a column of that name on the Accounts sheet, and delete this column.",
        ])
    }

    @Test("A Settings column whose header says its values win over Value's is refused where it disagrees with Value")
    func settingsColumnThatWins() throws {
        // (explore-DV) Ignored with an Info line, the plan spent the Value column's $1,000 where
        // the PM had written $500 under Override.
        let refused = try read([
            ("Settings", [["Setting", "Value", "Override"], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget", 1000, 500],
                          ["Min Trade", 100, 100], ["Lot Method", "HIFO", "FIFO"], ["Reviewer", "J. Chen", "A. Roe"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(refused.portfolio == nil)
        #expect(refused.errors.map(\.description) == [
            "Settings!C3: The column \"Override\" holds \"500\" for Tax Budget, where Value holds \"1000\" (Settings!B3): the "
                + "tool reads Value and does not guess which counts. Write this run's Tax Budget under Value, and delete or "
                + "rename the column \"Override\".",
            "Settings!C5: The column \"Override\" holds \"FIFO\" for Lot Method, where Value holds \"HIFO\" (Settings!B5): the "
                + "tool reads Value and does not guess which counts. Write this run's Lot Method under Value, and delete or "
                + "rename the column \"Override\".",
        ])
        let thisRun = try read([
            ("Settings", [["Setting", "Value", "This Run"], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget", nil, 500]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(thisRun.errors.map(\.place) == ["Settings!C3"])
        // Agreeing with Value, or headed as a default, a note or last quarter's, it is ignored as before.
        for header in ["Final", "Default", "Notes", "Last Quarter", "Previous"] {
            let kept = try read([
                ("Settings", [["Setting", "Value", .text(header)], ["As Of Date", .day(2026, 11, 20)],
                              ["Tax Budget", 1000, .number(header == "Final" ? 1000 : 25000)]]),
                Self.oneLot, Self.model, Self.prices,
            ])
            #expect(kept.errors.isEmpty, "\(header): \(kept.errors)")
            #expect(kept.portfolio?.settings.taxBudget == .limit(Money(dollars: 1000)))
            #expect(kept.diagnostics.contains(Diagnostic(.info, "Settings!C1",
                "The column \"\(header)\" is not one the tool reads; it is ignored.")))
        }
    }

    @Test("A Settings key naming an account, a household's budget or the budget used is refused, the plain key given or not")
    func settingsKeyOfAnotherScope() throws {
        // (explore-DV) Beside the plain key each was dropped with a warning: A1 spent the $1,000
        // Settings budget where the PM had given it $500.
        let accounts: (name: String, rows: [[FixtureCell]]) = ("Accounts", [["Account", "Cash"], ["A1", 0], ["A2", 0]])
        let lots: (name: String, rows: [[FixtureCell]]) = ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                                                                    ["A1", "AAPL", 1, 100, .day(2024, 1, 2)],
                                                                    ["A2", "AAPL", 1, 100, .day(2024, 1, 2)]])
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Tax Budget", 1000], ["Lot Method", "HIFO"],
                          ["A1 Tax Budget", 500], ["Tax Budget (A2)", 300], ["A1 Lot Method", "FIFO"],
                          ["a2 short-term rate", 0.5], ["A1 Wash Sale Days", 45], ["Household Tax Budget", 3000],
                          ["Tax Budget Used YTD", 800], ["Remaining Tax Budget", 200]]),
            accounts, lots, Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        func ownColumn(_ place: String, _ key: String, _ id: String, _ setting: String) -> String {
            "Settings!\(place): \"\(key)\" gives \(id) its own \(setting), but the Settings sheet's settings hold for every account. Give \(id) its "
                + "\(setting) in a \(setting) column on the Accounts sheet (blank for the accounts that take the Settings value), "
                + "and delete this key. Left unread, \(id) would be planned on the Settings \(setting)."
        }
        let usedOrLeft = "gives part of a tax budget as used or left, which the tool does not read: the Tax Budget is the net new "
            + "tax this run may realize in each account. Write under Tax Budget what this run may still spend (the year's "
            + "budget less what is used), and delete this key. Left unread, the run would spend the whole Tax Budget."
        #expect(reading.errors.map(\.description) == [
            ownColumn("A5", "A1 Tax Budget", "A1", "Tax Budget"),
            ownColumn("A6", "Tax Budget (A2)", "A2", "Tax Budget"),
            ownColumn("A7", "A1 Lot Method", "A1", "Lot Method"),
            ownColumn("A8", "a2 short-term rate", "A2", "Short-Term Rate"),
            "Settings!A9: \"A1 Wash Sale Days\" gives A1 its own Wash Sale Days, but Wash Sale Days holds for the whole run, and "
                + "no account has its own: give the run's Wash Sale Days under Wash Sale Days, and delete this key.",
            "Settings!A10: \"Household Tax Budget\" gives a household's tax budget, which the tool does not read: a Tax Budget is "
                + "each account's, for this run. Split the household's budget among its accounts in the Accounts sheet's Tax "
                + "Budget column, and delete this key. Left unread, each account would spend up to the Settings Tax Budget, the "
                + "household more than this.",
            "Settings!A11: \"Tax Budget Used YTD\" " + usedOrLeft,
            "Settings!A12: \"Remaining Tax Budget\" " + usedOrLeft,
        ])
        // Without the plain key, the same error (it had said the key looks like Tax Budget).
        let alone = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["A1 Tax Budget", 500]]),
            accounts, lots, Self.model, Self.prices,
        ])
        #expect(alone.errors.map(\.description) == [ownColumn("A3", "A1 Tax Budget", "A1", "Tax Budget")])
        // An account's ID that is no word of a key leaves an ordinary key alone.
        #expect(PortfolioBuilder.settingOfAnotherScope("Reviewer", accountIDs: ["A1", "A2"]) == nil)
        #expect(PortfolioBuilder.settingOfAnotherScope("Annual Tax Budget", accountIDs: ["A1"]) == nil)
    }

    @Test("A Settings column of the tax budget used or left, with a figure in the Tax Budget row, is refused at its cell")
    func settingsColumnOfBudgetUsed() throws {
        // (explore-EA) Passed over with an Info line, the run spent the whole $3,000 where
        // $2,500 was used, as the key `Tax Budget Used YTD`, an error, would have had it.
        for header in ["Used YTD", "Spent to Date", "YTD", "Actual YTD", "Remaining", "Left"] {
            let refused = try read([
                ("Settings", [["Setting", "Value", "Notes", .text(header)], ["As Of Date", .day(2026, 11, 20)],
                              ["Tax Budget", 3000, "per account", 2500], ["Min Trade", 100, nil, nil]]),
                Self.oneLot, Self.model, Self.prices,
            ])
            #expect(refused.portfolio == nil)
            #expect(refused.errors.map(\.description) == [
                "Settings!D3: The column \"\(header)\" gives \"2500\" as the tax budget used or left, which the tool does not "
                    + "read: it reads the Tax Budget under Value (Settings!B3, \"3000\") as the net new tax this run may realize "
                    + "in each account. Write under Value what this run may still spend (the year's budget less what is used), "
                    + "and clear this cell. Left unread, the run would spend the whole Tax Budget.",
            ], "\(header)")
        }
        // (explore-EF) A period to date, or tax realized or paid, had been passed over, and the
        // whole $3,000 spent.
        for header in ["Year to Date", "To Date", "QTD", "Realized So Far", "Taxes Paid", "Tax Paid YTD", "Realized"] {
            let refused = try read([
                ("Settings", [["Setting", "Value", .text(header)], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget", 3000, 2500]]),
                Self.oneLot, Self.model, Self.prices,
            ])
            #expect(refused.portfolio == nil, "\(header)")
            #expect(refused.errors.first?.description.hasPrefix("Settings!C3: The column \"\(header)\" gives \"2500\" as the tax "
                + "budget used or left") == true, "\(header): \(refused.errors)")
        }
        // (explore-EF) Nothing used, or all of Value left, changes nothing: read, where each had been refused.
        for (header, figure) in [("Used YTD", FixtureCell.number(0)), ("Remaining", 15000), ("Used Last Year", 2500)] {
            let kept = try read([
                ("Settings", [["Setting", "Value", .text(header)], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget", 15000, figure]]),
                Self.oneLot, Self.model, Self.prices,
            ])
            #expect(kept.errors.isEmpty, "\(header): \(kept.errors)")
            #expect(kept.portfolio?.settings.taxBudget == .limit(Money(dollars: 15000)))
        }
        // Remaining 0 beside a Value of 15000 still disagrees.
        let nothingLeft = try read([
            ("Settings", [["Setting", "Value", "Remaining"], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget", 15000, 0]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(nothingLeft.errors.map(\.place) == ["Settings!C3"])
        // Blank in the Tax Budget row, or a last year's column, it is ignored as before.
        for (header, figure) in [("Used YTD", FixtureCell.empty), ("Used Last Year", 2500)] {
            let kept = try read([
                ("Settings", [["Setting", "Value", .text(header)], ["As Of Date", .day(2026, 11, 20)],
                              ["Tax Budget", 3000, figure], ["Min Trade", 100, 40]]),
                Self.oneLot, Self.model, Self.prices,
            ])
            #expect(kept.errors.isEmpty, "\(header): \(kept.errors)")
            #expect(kept.portfolio?.settings.taxBudget == .limit(Money(dollars: 3000)))
        }
    }

    @Test("A column headed as the value that wins compares only cells its row's setting could hold: dates and sign-off ticks are notes")
    func settingsColumnThatWinsReadsAsItsSetting() throws {
        // (explore-EA) A change log's `Effective Date` beside a rate, and a sign-off's `Approved`
        // Yes beside Min Trade, had each refused the book as a rival value.
        for (header, cell) in [("Effective Date", FixtureCell.day(2026, 1, 1)), ("Date Updated", "2026-01-01"),
                               ("Revised On", .day(2026, 3, 2)), ("Current As Of", .day(2026, 1, 1)),
                               ("Approved", "Yes"), ("Confirmed", "Yes"), ("Use?", "Yes"), ("Override?", "No")] {
            let kept = try read([
                ("Settings", [["Setting", "Value", .text(header)], ["As Of Date", .day(2026, 11, 20)],
                              ["Short-Term Rate", 0.408, cell], ["Min Trade", 100, cell], ["Lot Method", "HIFO", cell]]),
                Self.oneLot, Self.model, Self.prices,
            ])
            #expect(kept.errors.isEmpty, "\(header): \(kept.errors)")
            #expect(kept.portfolio?.settings.minTrade == Money(dollars: 100), "\(header)")
            #expect(kept.portfolio?.settings.rates.shortTerm == Rate(millionths: 408_000), "\(header)")
        }
        // A cell the row's setting could hold, and that Value does not, is still refused: a date
        // beside the As Of Date, a Yes beside a No, a figure beside a figure.
        let refused = try read([
            ("Settings", [["Setting", "Value", "Effective Date"], ["As Of Date", .day(2026, 11, 20), .day(2026, 1, 1)],
                          ["Fractional Shares", "No", "Yes"], ["Min Trade", 100, 250], ["Lot Method", "HIFO", .day(2026, 1, 1)]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(refused.errors.map(\.place) == ["Settings!C2", "Settings!C3", "Settings!C4"])
        #expect(refused.errors.first?.description == "Settings!C2: The column \"Effective Date\" holds \"2026-01-01\" for "
            + "As Of Date, where Value holds \"2026-11-20\" (Settings!B2): the tool reads Value and does not guess which counts. "
            + "Write this run's As Of Date under Value, and delete or rename the column \"Effective Date\".")
    }

    @Test("A column headed as the value that wins is compared wherever its cell reads as the setting: N, No Limit, First In First Out")
    func settingsColumnThatWinsReadsEveryWordOfItsSetting() throws {
        // (explore-EF) `N` beside a Harvest Losses of Yes was passed over as no figure, and the
        // run harvested what the PM had turned off; so were `No Limit` and `First In First Out`.
        let refused = try read([
            ("Settings", [["Setting", "Value", "Override"], ["As Of Date", .day(2026, 11, 20)], ["Harvest Losses", "Yes", "N"],
                          ["Tax Budget", 3000, "No Limit"], ["Lot Method", "Tax Optimal", "First In First Out"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(refused.portfolio == nil)
        #expect(refused.errors.map(\.description) == [
            "Settings!C3: The column \"Override\" holds \"N\" for Harvest Losses, where Value holds \"Yes\" (Settings!B3): the "
                + "tool reads Value and does not guess which counts. Write this run's Harvest Losses under Value, and delete or "
                + "rename the column \"Override\".",
            "Settings!C4: The column \"Override\" holds \"No Limit\" for Tax Budget, where Value holds \"3000\" (Settings!B4): "
                + "the tool reads Value and does not guess which counts. Write this run's Tax Budget under Value, and delete or "
                + "rename the column \"Override\".",
            "Settings!C5: The column \"Override\" holds \"First In First Out\" for Lot Method, where Value holds \"Tax Optimal\" "
                + "(Settings!B5): the tool reads Value and does not guess which counts. Write this run's Lot Method under Value, "
                + "and delete or rename the column \"Override\".",
        ])
    }

    @Test("A column headed as the value that wins agreeing with Value as the tool reads both is ignored: TRUE beside Yes, a typed date")
    func settingsColumnThatWinsAgreesAsRead() throws {
        // (explore-EF) FALSE beside No, and 11/20/2026 typed beside the As Of Date's cell, were
        // compared as text and refused, though the tool reads each as Value's own.
        let kept = try read([
            ("Settings", [["Setting", "Value", "Current"], ["As Of Date", .day(2026, 11, 20), "11/20/2026"],
                          ["Harvest Losses", "Yes", .bool(true)], ["Fractional Shares", "No", .bool(false)],
                          ["Tax Budget", 5000, "5,000"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(kept.errors.isEmpty, "\(kept.errors)")
        #expect(kept.portfolio?.settings.taxBudget == .limit(Money(dollars: 5000)))
        #expect(kept.portfolio?.settings.harvestLosses == true)
        #expect(kept.diagnostics.contains(Diagnostic(.info, "Settings!C1", "The column \"Current\" is not one the tool reads; it is ignored.")))
        // Disagreeing as read, still refused.
        let refused = try read([
            ("Settings", [["Setting", "Value", "Current"], ["As Of Date", .day(2026, 11, 20), "11/19/2026"],
                          ["Fractional Shares", "No", .bool(true)]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(refused.errors.map(\.place) == ["Settings!C2", "Settings!C3"])
    }

    @Test("A sign-off column of Yes in rows whose setting takes no Yes is passed over, a No flag beside it or not")
    func settingsSignOffColumn() throws {
        // (explore-EF) `Approved` Yes in every row refused the book where Fractional Shares is No:
        // its Yes beside the As Of Date and the Tax Budget shows it a sign-off, not values.
        let kept = try read([
            ("Settings", [["Setting", "Value", "Approved"], ["As Of Date", .day(2026, 11, 20), "Yes"], ["Tax Budget", 3000, "Yes"],
                          ["Fractional Shares", "No", "Yes"], ["Min Trade", 100, "Yes"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(kept.errors.isEmpty, "\(kept.errors)")
        #expect(kept.portfolio?.settings.taxBudget == .limit(Money(dollars: 3000)))
        #expect(kept.diagnostics.contains(Diagnostic(.info, "Settings!C1", "The column \"Approved\" is not one the tool reads; it is ignored.")))
        // Yes only beside the No flag: a value that wins, refused.
        let refused = try read([
            ("Settings", [["Setting", "Value", "Override"], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget", 3000],
                          ["Fractional Shares", "No", "Yes"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(refused.errors.map(\.place) == ["Settings!C4"])
    }

    @Test("A Settings Unit column: % makes a plain 1 one percent; thousands, basis points and dollars for a percent are refused")
    func settingsUnitColumn() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value", "Unit"], ["As Of Date", .day(2026, 11, 20), "date"],
                          ["Short-Term Rate", 0.35, "%"], ["Cash Target", 1, "%"], ["Default Band", 0.5, "%"],
                          ["Min Trade", 250, "$"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let settings = try #require(reading.portfolio?.settings)
        // 1 beside % is 1%, not the 100% that sold every untaxed account to cash; a fraction
        // beside % stays a fraction unless it is unlikely as one (a band of 50%).
        #expect(settings.cashTarget == Rate(millionths: 10_000))
        #expect(settings.rates.shortTerm == Rate(millionths: 350_000))
        #expect(settings.defaultBand == Rate(millionths: 5_000))
        #expect(settings.minTrade == Money(dollars: 250))
        let refused = try read([
            ("Settings", [["Setting", "Value", "Units"], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget", 0.3, "$000"],
                          ["Cash Target", 50, "bps"], ["Default Band", 2, "$"], ["Min Trade", 1, "%"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(refused.errors.map(\.description) == [
            "Settings!C3: Tax Budget is in thousands of dollars by its unit (\"$000\"), and the tool reads it in dollars: write "
                + "it in dollars (0.3 thousand is $300.00), and its unit $.",
            "Settings!C4: Cash Target is in basis points by its unit (\"bps\"): write it as a percent (50 bps is 0.5%).",
            "Settings!C5: Default Band is a percent (1% or 0.01), but its unit says dollars (\"$\"): write it as a percent.",
            "Settings!C6: Min Trade is an amount in dollars, but its unit says percent (\"%\"): write the amount in dollars, "
                + "and its unit $.",
        ])
    }

    @Test("A lot's Cost Basis that its row's Market Value less Unrealized G/L shows to be a cost per share is refused")
    func costBasisPerShareByItsRow() throws {
        func book(basis: Double, value: Double = 30000, gain: Double = 10000) throws -> PortfolioReading {
            try read([
                ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Market Value", "Unrealized G/L"],
                          ["A", "AAPL", 100, .number(basis), .day(2020, 1, 6), .number(value), .number(gain)]]),
                Self.model, Self.prices,
            ])
        }
        // $30,000 less its $10,000 gain is $20,000: 100 × 200, not 200.
        let perShare = try book(basis: 200)
        #expect(perShare.errors.map(\.description) == [
            "Lots!D2: Cost Basis $200.00 is read as the lot's total cost, but this row's Market Value less its Unrealized "
                + "Gain is $20,000.00, 100 × $200.00: it looks like a cost per share. Write the lot's total cost, or head the "
                + "column Unit Cost.",
        ])
        // The total, or a basis the gain column does not make (an adjusted one): read.
        #expect(try book(basis: 20000).errors.isEmpty)
        #expect(try book(basis: 19500).portfolio?.lots.first?.costBasis == Money(dollars: 19_500))
        // Figures past what 64-bit cents hold once subtracted are no evidence, and stop nothing.
        #expect(try book(basis: 200, value: 9e16, gain: -9e16).errors.isEmpty)
    }

    @Test("A money setting whose own format shows a scale word it does not scale by is refused; a scaling format is read")
    func moneyCellFormattedInThousands() throws {
        // (explore-DV) `"$"#,##0"K"` on 5 shows $5K: read as $5.00 without a word, the budget
        // stopped every sale the PM meant to make.
        let refused = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget", .formatted(5, "\"$\"#,##0\"K\"")],
                          ["Min Trade", .formatted(1, "0\\K")], ["Harvest Min Loss", .formatted(0.005, "\"$\"0.000\"mm\"")]]),
            ("Accounts", [["Account", "Withdrawal", "Tax Budget"], ["A", .formatted(2, "#,##0\" M\""), .formatted(3, "#,##0\"k\"")]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(refused.portfolio == nil)
        let advice = "the tool reads the amount the cell holds"
        #expect(refused.errors.map(\.description) == [
            "Settings!B3: Tax Budget holds 5 but is formatted to show \"$5K\": its number format, \"$\"#,##0\"K\", writes \"K\" "
                + "after the number without scaling it, and \(advice), $5.00. Enter the whole amount in dollars "
                + "($5,000.00 for 5 thousand), and format the cell as dollars.",
            "Settings!B4: Min Trade holds 1 but is formatted to show \"1K\": its number format, 0\\K, writes \"K\" after the "
                + "number without scaling it, and \(advice), $1.00. Enter the whole amount in dollars ($1,000.00 for 1 "
                + "thousand), and format the cell as dollars.",
            "Settings!B5: Harvest Min Loss holds 0.005 but is formatted to show \"$0.005mm\": its number format, "
                + "\"$\"0.000\"mm\", writes \"mm\" after the number without scaling it, and \(advice), $0.01. Enter the whole "
                + "amount in dollars, and format the cell as dollars.",
            "Accounts!B2: Withdrawal holds 2 but is formatted to show \"2 M\": its number format, #,##0\" M\", writes \"M\" "
                + "after the number without scaling it, and \(advice), $2.00. Enter the whole amount in dollars, and format "
                + "the cell as dollars.",
            "Accounts!C2: Tax Budget holds 3 but is formatted to show \"3k\": its number format, #,##0\"k\", writes \"k\" after "
                + "the number without scaling it, and \(advice), $3.00. Enter the whole amount in dollars ($3,000.00 for "
                + "3 thousand), and format the cell as dollars.",
        ])
        // A format that scales by itself shows the amount held (`#,##0,"K"` on 5000 is 5K), as
        // do currency formats and a currency's word: read as written.
        let read = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", .day(2026, 11, 20)],
                          ["Tax Budget", .formatted(5000, "\"$\"#,##0,\"K\"")], ["Min Trade", .formatted(250, "\"USD\" #,##0")],
                          ["Harvest Min Loss", .formatted(2_000_000, "#,##0.0,,\" M\"")]]),
            ("Accounts", [["Account", "Withdrawal", "Tax Budget"], ["A", .formatted(1500, "[$$-409]#,##0.00"), 0]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(read.portfolio?.settings.taxBudget == .limit(Money(dollars: 5000)))
        #expect(read.portfolio?.settings.minTrade == Money(dollars: 250))
        #expect(read.portfolio?.settings.harvestMinLoss == Money(dollars: 2_000_000))
        #expect(read.portfolio?.accounts.first?.withdrawal == Money(dollars: 1500))
        #expect(NumberFormatKind.unscaledScaleWord("#,##0\"k\"") == "k")
        #expect(NumberFormatKind.unscaledScaleWord("#,##0,\"K\"") == nil)
        #expect(NumberFormatKind.unscaledScaleWord("\"USD\" #,##0.00") == nil)
        #expect(NumberFormatKind.unscaledScaleWord("#,##0\" Kč\"") == nil)
    }

    @Test("Settings keys across a row: a row of units is passed over; two rows of values are refused")
    func settingsAcrossUnitsAndRivals() throws {
        let units = try read([
            ("Settings", [["As Of Date", "Tax Budget", "Cash Target"], ["date", "$", "%"], [.day(2026, 11, 20), 300, 1]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(units.errors.isEmpty, "\(units.errors)")
        #expect(units.portfolio?.settings.taxBudget == .limit(Money(dollars: 300)))
        #expect(units.portfolio?.settings.cashTarget == Rate(millionths: 10_000))
        let quarters = try read([
            ("Settings", [[nil, "As Of Date", "Tax Budget", "Min Trade"], ["Q3", .day(2026, 9, 30), 8000, 100],
                          ["Q4", .day(2026, 11, 20), 300, 500], [nil, "Set by the CIO each quarter and kept here"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(quarters.portfolio == nil)
        #expect(quarters.errors.map(\.description) == [
            "Settings: The sheet has no Setting and Value header, and the keys across row 1 have values in more than one row: "
                + "2 (\"Q3\"), 3 (\"Q4\"). Keep only this run's row of values below the keys, or lay the settings out down a "
                + "column headed Setting and Value.",
        ])
    }

    @Test("Settings keys as PMs write them: synonyms read; a percent dollar key, basis points, a gains cap and a key with its value in one cell refused")
    func settingsKeysAsPMsWriteThem() throws {
        let synonyms = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", .day(2026, 11, 20)], ["ST Tax %", 35], ["LT %", 20],
                          ["Target Cash", "5%"], ["Drift Tolerance", "3%"], ["Min Order", 500], ["Trade To", "Band Edge"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(synonyms.errors.isEmpty, "\(synonyms.errors)")
        let settings = try #require(synonyms.portfolio?.settings)
        #expect(settings.rates == TaxRates(shortTerm: Rate(millionths: 350_000), longTerm: Rate(millionths: 200_000)))
        #expect(settings.cashTarget == Rate(millionths: 50_000))
        #expect(settings.defaultBand == Rate(millionths: 30_000))
        #expect(settings.minTrade == Money(dollars: 500))
        #expect(settings.rebalanceTo == .bandEdge)
        let refused = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget (%)", 1],
                          ["Cash Target (bps)", 50], ["Tax Notes", "per IPS"], ["Min Trade = 500", nil],
                          ["Short-Term Rate", 35], ["Default Band", 0.5]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(refused.errors.map(\.description) == [
            "Settings!A3: Tax Budget is an amount in dollars, but its name \"Tax Budget (%)\" says percent: write the amount in "
                + "dollars, and take the % out of the name.",
            "Settings!A4: \"Cash Target (bps)\" gives Cash Target in basis points, which the tool does not read: name it Cash "
                + "Target and write it as a percent (50 bps is 0.5%).",
            // Beside a rate written as a plain 35, a band of 0.5 may be half a percent.
            "Settings!B8: Default Band 0.5 would be read as 50% (a plain number up to 1 is a fraction), but Short-Term Rate 35 "
                + "at Settings!B7 writes its percent as a plain number, so 0.5 may mean 0.5%: write 0.5% (or 0.005) or 50%.",
            "Settings!A6: \"Min Trade = 500\" holds Min Trade and its value in one cell, which is not read: put the value in a "
                + "cell of its own, right of the key.",
        ])
        // A cap on gains, where the sheet gives no budget: no budget at all, had it been ignored.
        let gains = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", .day(2026, 11, 20)], ["Max Realized Gain", 3000]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(gains.errors.map(\.description) == [
            "Settings!A3: \"Max Realized Gain\" is not a setting the tool knows. It caps realized gains, where the tool caps "
                + "their tax, in the Tax Budget (dollars of net new tax): give a Tax Budget (the tax those gains may cost at the "
                + "run's rates) and remove this key. Left unread, the run would have no budget.",
        ])
        // A blank budget is no limit: said. A title giving the date in one cell is passed over
        // where the sheet gives the date in a cell of its own.
        let blank = try read([
            ("Settings", [["As of: 11/20/2026"], ["As Of Date", .day(2026, 11, 20)], ["Tax Budget", "-"], ["Min Trade", 250]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(blank.errors.isEmpty, "\(blank.errors)")
        #expect(blank.portfolio?.settings.taxBudget == .unlimited)
        #expect(blank.warnings.map(\.description).filter { $0.hasPrefix("Settings") } == [
            "Settings!B3: Tax Budget is blank, so the run's tax is not limited. Write Unlimited to keep this warning away, or "
                + "the most net new tax the run may realize.",
        ])
    }

    @Test("Outside a Settings table: a change log's two values are asked about, a defaults or reference block passed over, a legend not read")
    func settingsOutsideTheTableNotThisRuns() throws {
        // A change log's Old and New beside the table: its first, the old budget, had been read.
        let log = try read([
            ("Settings", [["Setting", "Value", nil, "Date", "Setting", "Old", "New"],
                          ["As Of Date", .day(2026, 11, 20), nil, .day(2026, 10, 1), "Tax Budget", 25000, 500]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(log.errors.map(\.description) == [
            "Settings!E2: Tax Budget, outside the Setting and Value table, has two values right of it, 25000 at Settings!F2 "
                + "and 500 at Settings!G2: write this run's in the table, and remove the other or move it off the sheet.",
        ])
        // The template's defaults copied beside the table, and a legend of what each key means.
        let defaults = try read([
            ("Settings", [["Setting", "Value", nil, "Setting", "Default", "What it means"],
                          ["As Of Date", .day(2026, 11, 20), nil, "Tax Budget", "Unlimited", "The most net new tax"],
                          ["Tax Budget", 500, nil, "Min Trade", 100, "The smallest trade"],
                          [nil, nil, nil, "Cash Target", "Max net new tax ($)", nil]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(defaults.errors.isEmpty, "\(defaults.errors)")
        #expect(defaults.portfolio?.settings.taxBudget == .limit(Money(dollars: 500)))
        #expect(defaults.portfolio?.settings.minTrade == Money(dollars: 100))
        #expect(defaults.diagnostics.contains(Diagnostic(.info, "Settings!D2",
            "The keys under \"Setting Default What it means\" (2 from here) are not read: their heading says they are not this "
                + "run's settings.")))
    }

    @Test("A percent key named in dollars, a unit in millions and a key with its figure in one cell are refused; a 25% band is warned of")
    func settingsMoreKeysAsPMsWriteThem() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value", "Unit"], ["As Of Date", .day(2026, 11, 20)], ["Cash Buffer ($)", 100],
                          ["Tax Budget", 0.01, "$M"], ["Min Trade 500", nil], ["Default Band", "25%"]]),
            Self.oneLot, Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Settings!A3: Cash Target is a percent of each account (1% or 0.01), but its name \"Cash Buffer ($)\" says dollars: "
                + "write it as a percent, and take the $ out of the name.",
            "Settings!C4: Tax Budget is in millions of dollars by its unit (\"$M\"), and the tool reads it in dollars: write it "
                + "in dollars, and its unit $.",
            "Settings!A5: \"Min Trade 500\" holds Min Trade and its value in one cell, which is not read: put the value in a cell "
                + "of its own, right of the key.",
        ])
        #expect(reading.warnings.map(\.description).contains(
            "Settings!B6: Default Band is 25%: each weight may drift 25% of the account either side of its target before it is "
                + "rebalanced (a band is in points of the account, not a share of the target). Check it is meant."))
    }

    @Test("A Settings sheet holding no key the tool knows is still refused for its missing header")
    func settingsWithoutKeys() throws {
        let reading = try read([
            ("Settings", [["Reviewer", "J. Chen"], ["Desk", "West"]]),
            Self.oneLot,
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Settings: No header row found: the Settings sheet needs the columns Setting, Value.",
        ])
    }

    @Test("Rows a spreadsheet's Subtotal command wrote, nested by account and symbol, are set aside with a note")
    func subtotalRows() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        let reading = try read([
            Self.asOf,
            ("Lots", [header,
                      ["A", "AAPL", 10, 1500, .day(2020, 1, 2)], ["A", "AAPL", 5, 900, .day(2021, 1, 2)],
                      [nil, "AAPL Total", 15, 2400, nil],
                      ["A", "AMZN", 2, 500, .day(2022, 1, 2)], [nil, "AMZN Total", 2, 500, nil],
                      ["A Total", nil, 17, 2900, nil],
                      // An account named for the one above it, with a word that is no subtotal's.
                      ["A Trust", "AAPL", 1, 100, .day(2022, 1, 2)], ["A Trust Count", nil, 1, nil, nil],
                      ["Grand Total", nil, 18, 3000, nil]]),
            Self.model, ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["AMZN", 200, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let lots = try #require(reading.portfolio?.lots)
        #expect(lots.map(\.account) == ["A", "A", "A", "A Trust"])
        #expect(lots.map(\.quantity) == [10, 5, 2, 1].map { Quantity(shares: $0) })
        #expect(reading.view.sheets.first { $0.contractSheet == "Lots" }?.rowsSkipped == [
            "row 4: a subtotal row (\"AAPL Total\")", "row 6: a subtotal row (\"AMZN Total\")",
            "row 7: a subtotal row (\"A Total\")", "row 9: a subtotal row (\"A Trust Count\")",
            "row 10: a summary or footer row (\"Grand Total\")",
        ])
    }

    @Test("Rows LibreOffice's Subtotals wrote are set aside: Sum, Result (several columns), StDev, a blank group's (empty), Grand")
    func libreOfficeSubtotalRows() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        let reading = try read([
            Self.asOf,
            ("Lots", [header,
                      ["A", "AAPL", 10, 1500, .day(2020, 1, 2)], ["A", "AAPL", 5, 900, .day(2021, 1, 2)],
                      [nil, "AAPL StDev", 3.5, 424.26, nil],
                      ["A", "AMZN", 2, 500, .day(2022, 1, 2)], [nil, "AMZN Sum", 2, 500, nil],
                      ["A Result", nil, 17, 2900, nil],
                      ["Grand Result", nil, 17, 2900, nil]]),
            ("Model", [["Symbol", "Target", "Sector"], ["AAPL", "60%", "Tech"], ["AMZN", "38%", "Tech"],
                       [nil, "98%", "Tech Sum"], ["CASH", "2%", nil], [nil, "2%", "(empty) Sum"],
                       [nil, "100%", "Grand Sum"]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["AMZN", 200, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let portfolio = try #require(reading.portfolio)
        #expect(portfolio.lots.map(\.quantity) == [10, 5, 2].map { Quantity(shares: $0) })
        #expect(portfolio.models.first?.targets.map(\.symbol) == ["AAPL", "AMZN"])
        #expect(reading.view.sheets.first { $0.contractSheet == "Lots" }?.rowsSkipped == [
            "row 4: a subtotal row (\"AAPL StDev\")", "row 6: a subtotal row (\"AMZN Sum\")",
            "row 7: a subtotal row (\"A Result\")", "row 8: a summary or footer row (\"Grand Result\")",
        ])
        #expect(reading.view.sheets.first { $0.contractSheet == "Model" }?.rowsSkipped == [
            "row 4: a subtotal row (\"Tech Sum\")", "row 6: a subtotal row (\"(empty) Sum\")",
            "row 7: a summary or footer row (\"Grand Sum\")",
        ])
    }

    @Test("A wide Model sheet: a column of targets for each model the Accounts sheet names")
    func wideModelSheet() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Model", "Cash"], ["A", "Growth", 0], ["B", "income ", 0]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Growth", "Income", "Band"],
                       ["AAPL", "60%", "20%", "3%"], ["AMZN", "35%", nil, "2%"], ["BND", nil, "75%", nil],
                       ["Cash", "5%", "5%", nil], ["Total", "100%", "100%", nil]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["AMZN", 200, .day(2026, 11, 20)],
                        ["BND", 72, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let portfolio = try #require(reading.portfolio)
        let growth = try #require(portfolio.models.first { $0.name == "Growth" })
        #expect(growth.targets.map(\.symbol) == ["AAPL", "AMZN"])
        #expect(growth.targets.map(\.target) == [Rate(millionths: 600_000), Rate(millionths: 350_000)])
        #expect(growth.targets.map(\.band) == [Rate(millionths: 30_000), Rate(millionths: 20_000)])
        #expect(growth.cashTarget == Rate(millionths: 50_000))
        // The Accounts sheet's `income ` is the column headed Income.
        let income = try #require(portfolio.models.first { $0.name == "income" })
        #expect(income.targets.map(\.symbol) == ["AAPL", "BND"])
        #expect(income.targets.map(\.target) == [Rate(millionths: 200_000), Rate(millionths: 750_000)])
        #expect(portfolio.accounts.map(\.model) == ["Growth", "income"])
        #expect(reading.diagnostics.contains { $0.description
            == "Model: The sheet has a column of targets for each model: \"Growth\" (Model!B), \"income\" (Model!C)." })
    }

    @Test("A wide Model sheet's column of one model's bands beside its targets is that model's Band")
    func wideModelBands() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Model", "Cash"], ["A", "Growth", 0], ["B", "Income", 0]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Growth Target", "Growth Band", "Income Target", "Income Band"],
                       ["AAPL", "60%", "15%", "20%", "1%"], ["BND", "39%", "10%", "79%", nil]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["BND", 72, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(!reading.diagnostics.contains { $0.message.contains("Growth Band") && $0.message.contains("not one the tool reads") })
        let portfolio = try #require(reading.portfolio)
        #expect(portfolio.models.first { $0.name == "Growth" }?.targets.map(\.band) == [Rate(millionths: 150_000), Rate(millionths: 100_000)])
        #expect(portfolio.models.first { $0.name == "Income" }?.targets.map(\.band) == [Rate(millionths: 10_000), nil])
        #expect(SheetTable.model(bandHeadedBy: "Band: Growth", among: ["Growth", "Income"]) == "Growth")
        #expect(SheetTable.model(bandHeadedBy: "Growth", among: ["Growth", "Income"]) == nil)
    }

    @Test("A wide Model sheet's headers may name their model with a unit or a word of their own, or other spacing")
    func wideModelDecoratedHeaders() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Model", "Cash"], ["A", "Growth 70/30", 0], ["B", "Income", 0], ["C", "Balanced 60/40", 0]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Growth 70/30 %", "Income Target (%)", "Target: Balanced 60 / 40"],
                       ["AAPL", 70, 20, 60], ["BND", 30, 80, 40]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["BND", 72, .day(2026, 11, 20)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let portfolio = try #require(reading.portfolio)
        #expect(portfolio.models.map(\.name).sorted() == ["Balanced 60/40", "Growth 70/30", "Income"])
        let growth = try #require(portfolio.models.first { $0.name == "Growth 70/30" })
        #expect(growth.targets.map(\.target) == [Rate(millionths: 700_000), Rate(millionths: 300_000)])
        let balanced = try #require(portfolio.models.first { $0.name == "Balanced 60/40" })
        #expect(balanced.targets.map(\.target) == [Rate(millionths: 600_000), Rate(millionths: 400_000)])
        // Two models the header could name is no match: `Growth %` is neither `Growth` nor `growth`.
        #expect(SheetTable.model(headedBy: "Growth %", among: ["Growth", "growth"]) == nil)
        #expect(SheetTable.model(headedBy: "Aggressive %", among: ["Growth"]) == nil)
        // Brackets aside, as spacing is: `Growth (80/20)` heads `Growth 80/20`.
        #expect(SheetTable.model(headedBy: "Growth (80/20)", among: ["Growth 80/20", "Income 30/70"]) == "Growth 80/20")
    }

    @Test("Models stacked on one Model sheet, each under a title naming an account's model, are read as those models")
    func stackedModels() throws {
        func reading(_ secondTitle: String) throws -> PortfolioReading {
            try read([
                Self.asOf,
                ("Accounts", [["Account", "Model", "Cash"], ["A", "Growth", 0], ["B", "Income 30/70", 0]]),
                ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]]),
                ("Model", [["Growth"], ["Symbol", "Target"], ["AAPL", 0.7], ["BND", 0.3], [],
                           [.text(secondTitle)], ["Symbol", "Target"], ["AAPL", 0.3], ["BND", 0.7]]),
                ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["BND", 72, .day(2026, 11, 20)]]),
            ])
        }
        let stacked = try reading("Income (30/70)")
        let portfolio = try #require(stacked.portfolio, "\(stacked.errors)")
        #expect(portfolio.models.map(\.name).sorted() == ["Growth", "Income 30/70"])
        let income = try #require(portfolio.models.first { $0.name == "Income 30/70" })
        #expect(income.targets.map(\.target) == [Rate(millionths: 300_000), Rate(millionths: 700_000)])
        #expect(stacked.diagnostics.map(\.description).contains(
            "Model!A6: The targets under \"Income (30/70)\", to the next repeat of the header, are the model \"Income 30/70\"'s."))
        #expect(try reading("Balanced").errors.map(\.description).first
            == "Model!A6: The title \"Balanced\" above these stacked targets names no model of the Accounts sheet (Growth, "
                + "Income 30/70): write the model's name as its accounts do.")
    }

    @Test("Without a Model sheet, a sheet named for each model the Accounts sheet names is read as that model")
    func oneSheetPerModel() throws {
        let sheets: [(name: String, rows: [[FixtureCell]])] = [
            Self.asOf,
            ("Accounts", [["Account", "Model", "Cash"], ["A", "Growth 70/30", 0], ["B", "Income", 0]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 1, 100, .day(2024, 1, 2)]]),
            ("Growth 70/30 Model", [["Symbol", "Target", "Band"], ["AAPL", "65%", "3%"], ["BND", "30%", nil], ["CASH", "5%", nil]]),
            ("Targets - Income", [["Symbol", "Target"], ["AAPL", 20], ["BND", 78], ["CASH", 2]]),
            ("Notes", [["Symbol", "Target"], ["AAPL", "99%"]]),
            ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["BND", 72, .day(2026, 11, 20)]]),
        ]
        let reading = try read(sheets)
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let portfolio = try #require(reading.portfolio)
        let growth = try #require(portfolio.models.first { $0.name == "Growth 70/30" })
        #expect(growth.targets.map(\.symbol) == ["AAPL", "BND"])
        #expect(growth.targets.map(\.target) == [Rate(millionths: 650_000), Rate(millionths: 300_000)])
        #expect(growth.targets.map(\.band) == [Rate(millionths: 30_000), nil])
        #expect(growth.cashTarget == Rate(millionths: 50_000))
        let income = try #require(portfolio.models.first { $0.name == "Income" })
        #expect(income.targets.map(\.target) == [Rate(millionths: 200_000), Rate(millionths: 780_000)])
        #expect(income.cashTarget == Rate(millionths: 20_000))
        #expect(reading.diagnostics.contains { $0.description == "Growth 70/30 Model: This sheet is read as the model \"Growth 70/30\": "
            + "its name names the model, its header is a Model sheet's, and the book has no Model sheet." })
        #expect(reading.warnings.map(\.description) == ["Notes: This sheet holds a Model table (Symbol, Target) but is not read: its "
            + "name names none of the models the Accounts sheet names (\"Growth 70/30\", \"Income\"). Name it for its model to have it "
            + "read, or delete it if it is not meant for this run.", "Accounts: No account has a Household (the sheet has no Household column), so each of the 2 accounts is a household of its own: wash sales are checked within each account only, and one account's buy blocks no other's loss sale. If accounts belong to one family, give them one Household."])
        // An account whose model has no sheet is an error saying which sheets were read.
        var third = sheets
        third[1] = ("Accounts", [["Account", "Model", "Cash"], ["A", "Growth 70/30", 0], ["B", "Income", 0], ["C", "Aggressive", 0]])
        let missing = try read(third)
        #expect(missing.errors.map(\.description) == [
            "Accounts!B4: The model \"Aggressive\" of account \"C\" has no sheet: the book has no Model sheet, and the sheets read as "
                + "models are \"Growth 70/30 Model\", \"Targets - Income\". Name its sheet for the model, or gather the models on one Model sheet with a Model column.",
        ])
    }

    @Test("A Model sheet without Target whose other columns name no account's model is refused for its header")
    func wideModelUnnamed() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "Model", "Cash"], ["A", "Growth", 0]]),
            Self.oneLot,
            ("Model", [["Symbol", "Aggressive"], ["AAPL", "95%"]]),
            Self.prices,
        ])
        #expect(reading.errors.map(\.description) == ["Model: No header row found: the Model sheet needs the columns Symbol, Target."])
    }

    @Test("An Accounts sheet laid out across, its names down column A, is refused saying so")
    func accountsAcross() throws {
        let reading = try read([
            Self.asOf,
            ("Accounts", [["Account", "A", "B"], ["Model", "Growth", "Growth"], ["Cash", 1000, 500], ["Type", "Taxable", "IRA"]]),
            Self.oneLot,
            ("Model", [["Symbol", "Target"], ["AAPL", "95%"]]),
            Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Accounts: The sheet is laid out across: its column names run down column A (A1 \"Account\", A2 \"Model\", "
                + "A3 \"Cash\") with a record in each column beside them, where the tool reads a header row with one record "
                + "in each row below it. Turn it (in Excel: copy the table, then Paste Special, Transpose) and run again.",
        ])
    }

    @Test("Without a Prices row, a lot export's Price prices its symbol, as of the As Of, with a note")
    func lotSheetPrices() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired", "Last Price"],
                      ["A", "AAPL", 1, 100, .day(2024, 1, 2), 190.5], ["A", "AAPL", 2, 250, .day(2025, 1, 2), 190.5],
                      ["A", "AMZN", 1, 150, .day(2024, 1, 2), 200], ["A", "AMZN", 1, 150, .day(2024, 2, 2), 201]]),
            ("Model", [["Symbol", "Target"], ["AAPL", 0.5], ["AMZN", 0.45]]),
            // The Prices sheet's own row wins over the lots', which then may disagree.
            ("Prices", [["Symbol", "Price", "As Of"], ["AMZN", 210, .day(2026, 11, 19)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let prices = try #require(reading.portfolio?.prices)
        #expect(prices.map(\.symbol) == ["AAPL", "AMZN"])
        #expect(prices.map(\.price) == [Price(micros: 190_500_000), Price(micros: 210_000_000)])
        #expect(prices[0].source == "Lots sheet")
        #expect(prices[0].asOf == CivilDate(year: 2026, month: 11, day: 20))
        #expect(reading.diagnostics.contains { $0.description
            == "Lots!F2: AAPL has no Prices row: the Lots sheet's price, 190.50, is used, taken as of the run's As Of, 2026-11-20." })
    }

    @Test("A lot export pricing one symbol two ways is an error naming both cells; a book may have no Prices sheet")
    func lotSheetPricesDisagree() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Price"],
                      ["A", "AAPL", 1, 100, 190.5], ["A", "AAPL", 2, 250, 95.25]].map { $0 + [.day(2024, 1, 2)] }
                .enumerated().map { $0.offset == 0 ? Array($0.element.dropLast()) + ["Acquired"] : $0.element }),
            ("Model", [["Symbol", "Target"], ["AAPL", 0.95]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Lots!E3: AAPL is priced 95.25 here and 190.50 at Lots!E2, and the Prices sheet does not price it: a lot "
                + "export prices a symbol once. Put its price on the Prices sheet, which wins.",
        ])
        let unpriced = try read([Self.asOf, Self.oneLot, Self.model])
        #expect(unpriced.errors.map(\.description).first?.hasPrefix("Prices: No usable price for 1 symbol:") == true)
    }

    @Test("A transaction posted later than it took effect counts from the day it took effect, noted")
    func postedAsOfDates() throws {
        let reading = try readTransactions([["Account", "Date", "Symbol", "Side", "Quantity", "Realized Gain"],
                              ["A", "11/02/2026 as of 10/30/2026", "AAPL", "Sell", 1, -40]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.transactions.map(\.date) == [try #require(CivilDate(year: 2026, month: 10, day: 30))])
        #expect(reading.diagnostics.contains { $0.description
            == "Transactions!B2: \"11/02/2026 as of 10/30/2026\" is read as 2026-10-30, the day the entry took effect." })
    }

    @Test("A header repeated above a block with no title, in a sheet without an Account column, is named")
    func repeatedHeader() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Individual ...123"], ["Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["AAPL", 10, 3000, .day(2020, 1, 2)], [], ["Symbol", "Quantity", "Cost Basis", "Acquired"],
                      ["MSFT", 5, 1000, .day(2021, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Lots!row 5: The rows under this header have no Account column and no title row above naming their "
                + "account: put a title naming the account above the header, or each row's account in an Account column.",
        ])
    }

    @Test("A model's cash row written as Cash & Equivalents is its CASH row")
    func cashRowNames() throws {
        let reading = try read([
            Self.asOf,
            Self.oneLot,
            ("Model", [["Symbol", "Target"], ["AAPL", "95%"], ["Cash & Equivalents", "5%"]]),
            Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.models.first?.cashTarget == Rate(millionths: 50_000))
        #expect(reading.portfolio?.models.first?.targets.map(\.symbol) == ["AAPL"])
        #expect(reading.diagnostics.contains(Diagnostic(
            .info, "Model!A3", "\"CASH & EQUIVALENTS\" is read as the model's CASH row, its cash target.")))
        let sweep = try read([
            Self.asOf, Self.oneLot, ("Model", [["Symbol", "Target"], ["AAPL", "97%"], ["Money Market", "3%"]]), Self.prices,
        ])
        #expect(sweep.portfolio?.models.first?.cashTarget == Rate(millionths: 30_000))
    }

    @Test("Manual trades that break a restriction for their side are errors naming the row")
    func manualRestrictions() throws {
        let reading = try read([
            Self.asOf,
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 10, 100, .day(2024, 1, 2)],
                      ["A", "TSLA", 10, 100, .day(2024, 1, 2)]]),
            Self.model,
            ("Prices", [["Symbol", "Price"], ["AAPL", 190], ["TSLA", 250], ["GME", 20]]),
            ("Securities", [["Symbol", "Restriction"], ["GME", "No Buy"], ["TSLA", "No Sell"]]),
            ("Manual Trades", [["Symbol", "Side", "Quantity", "Amount"], ["GME", "Buy", 5, nil], ["TSLA", "Sell", 1, nil],
                               ["AAPL", "Sell", nil, "$500"]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Manual Trades!B2: This buys GME, which is No Buy.",
            "Manual Trades!B3: This sells TSLA, which is No Sell.",
        ])
    }
}

@Suite("A cost basis far from the market value is warned about")
struct BasisCheckTests {
    static func lots(_ bases: [Int64]) -> [TaxLot] {
        bases.enumerated().map { index, basis in
            TaxLot(lotID: "L\(index + 1)", account: "A", symbol: "AAPL", quantity: Quantity(shares: 100),
                   costBasis: Money(dollars: basis), acquired: CivilDate(year: 2020, month: 1, day: 2)!)
        }
    }

    static let prices = [ResolvedPrice(symbol: "AAPL", price: Price(decimal: "190")!, origin: .workbook,
                                       asOf: CivilDate(year: 2026, month: 11, day: 20)!, source: nil, tried: [])]

    @Test("Costs per share under Cost Basis: most lots a fifty-fold gain")
    func perShareUnderCostBasis() {
        #expect(BasisCheck.warnings(lots: Self.lots([150, 120, 18_000, 170]), prices: Self.prices).map(\.description) == [
            "Lots: 3 of 4 lots have a cost basis under 2% of their market value (lot L1 of AAPL in A: $150.00 for 100 "
                + "shares worth $19,000.00). Cost Basis is each lot's total cost; if the sheet gives a cost per share, "
                + "name that column Unit Cost, or every sale's tax is estimated on the wrong gain. If the prices are what is "
                + "too large (a decimal comma read as a thousands separator: 72,850 for 72.85), correct the Prices sheet.",
        ])
    }

    @Test("A bond held by its CUSIP, priced per 100 of face, is warned of lot by lot")
    func bondPricedPerHundred() {
        // A Treasury note bought for $9,900, 10,000 of face at 98.50: valued $985,000.
        let note = TaxLot(lotID: "T1", account: "IRA", symbol: "912828YK0", quantity: Quantity(shares: 10_000),
                          costBasis: Money(dollars: 9_900), acquired: CivilDate(year: 2024, month: 3, day: 1)!)
        let prices = Self.prices + [ResolvedPrice(symbol: "912828YK0", price: Price(decimal: "98.50")!, origin: .workbook,
                                                  asOf: CivilDate(year: 2026, month: 11, day: 20)!, source: nil, tried: [])]
        #expect(BasisCheck.warnings(lots: Self.lots([15_000, 21_000]) + [note], prices: prices).map(\.description) == [
            "Lots: A lot held by a CUSIP, an ISIN or a name is worth about a hundred times its cost (lot T1 of 912828YK0 in IRA: $9,900.00 for "
                + "10000 shares worth $985,000.00): a bond or CD priced per 100 of face value. The tool values a lot at Quantity "
                + "× Price, so it would count it a hundred times over: give the price per dollar of face on the Prices sheet "
                + "(98.25 is 0.9825).",
        ])
        // A ticker a hundredfold up is a deep gain, not a bond.
        var stock = note
        stock.symbol = "NVDA"
        let stockPrice = [ResolvedPrice(symbol: "NVDA", price: Price(decimal: "98.50")!, origin: .workbook,
                                        asOf: CivilDate(year: 2026, month: 11, day: 20)!, source: nil, tried: [])]
        #expect(BasisCheck.warnings(lots: [stock], prices: stockPrice).isEmpty)
    }

    @Test("Costs per share under Cost Basis in a book of small lots: each near one share's price, not the lot's value")
    func perShareInSmallLots() {
        func lots(_ lots: [(shares: Int64, basis: Int64)]) -> [TaxLot] {
            lots.enumerated().map { index, lot in
                TaxLot(lotID: "S\(index + 1)", account: "A", symbol: "AAPL", quantity: Quantity(shares: lot.shares),
                       costBasis: Money(dollars: lot.basis), acquired: CivilDate(year: 2022, month: 5, day: 2)!)
            }
        }
        // 3 to 22 shares at $93 to $180 a share, written as the cost of one share.
        #expect(BasisCheck.warnings(lots: lots([(3, 93), (10, 170), (22, 180), (5, 160), (7, 120)]), prices: Self.prices)
            .map(\.description) == [
                "Lots: 5 of 5 lots of two shares or more have a cost basis nearer one share's price than the lot's market value "
                    + "(lot S1 of AAPL in A: $93.00 for 3 shares worth $570.00). Cost Basis is each lot's total cost; if the sheet "
                    + "gives a cost per share, name that column Unit Cost, or every sale's tax is estimated on the wrong gain.",
            ])
        // The same lots at their totals, and a book where one lot in five has gained more than its share count over.
        #expect(BasisCheck.warnings(lots: lots([(3, 279), (10, 1_700), (22, 3_960), (5, 800), (7, 840)]), prices: Self.prices).isEmpty)
        #expect(BasisCheck.warnings(lots: lots([(3, 279), (10, 150), (22, 3_960), (5, 800), (7, 840)]), prices: Self.prices).isEmpty)
    }

    @Test("Totals under Unit Cost: most lots worth almost nothing of their cost")
    func totalsUnderUnitCost() {
        // A total of $15,000 read as a cost per share: $1,500,000 for 100 shares.
        let warnings = BasisCheck.warnings(lots: Self.lots([1_500_000, 1_200_000, 18_000]), prices: Self.prices)
        #expect(warnings.first?.message.hasPrefix("2 of 3 lots have a cost basis over 50 times their market value") == true)
    }

    @Test("A book of ordinary lots, or a few deep gains among them, is not warned about", arguments: [
        [Int64(15_000), 21_000, 9_000], [150, 15_000, 21_000, 18_000], [150, 170],
    ])
    func ordinaryBooks(bases: [Int64]) {
        #expect(BasisCheck.warnings(lots: Self.lots(bases), prices: Self.prices).isEmpty)
    }
}
