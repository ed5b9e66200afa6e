import RebalanceEngine
import Testing
@testable import WorkbookIO
import XLSXTestSupport

@Suite("Reading values the way a PM means them")
struct MappingValueTests {
    @Test("Numbers typed as text", arguments: [
        ("1,234.50", "1234.50"), ("$1,234.50", "1234.50"), ("+$3.10", "3.10"), ("-$12.00", "-12.00"),
        ("(250.00)", "-250.00"), ("($16.20)", "-16.20"), ("200.", "200"), ("  42 ", "42"), ("$ 1 000", "1000"),
        ("0.05", "0.05"), ("1.5E3", "1.5E3"), ("4.2E+02", "4.2E+02"), ("1.5e-3", "1.5e-3"), ("\u{2212}5,000.00", "-5000.00"),
        ("$ -", "0"), ("$-", "0"),
        // Excel's accounting negative pasted as text, and a ledger's trailing minus.
        ("$ (1,500.00)", "-1500.00"), ("$(16.20)", "-16.20"), ("1,500.00-", "-1500.00"), ("$12.50-", "-12.50"),
    ])
    func numbers(text: String, expected: String) {
        guard case .value(let n) = CellReader.numberText(text) else { Issue.record("\(text) did not read"); return }
        #expect(n.text == expected)
        #expect(n.form == .plain)
    }

    @Test("A number negative by its parentheses and signed inside them is asked about, not read as positive",
          arguments: ["(-8,000)", "(\u{2212}8,000)", "($-8,000.00)", "(+8,000)"])
    func signInsideParentheses(text: String) {
        // Read as the two negatives' positive, a loss YTD was $8,000 of gain (explore-BO).
        guard case .problem(let problem) = CellReader.numberText(text) else { Issue.record("\(text) was read"); return }
        #expect(problem.hasSuffix("it is negative by its parentheses and signed inside them too; write it with one sign, a "
            + "minus or the parentheses."))
    }

    @Test("A unit set apart by a space is taken off: shares after, dollars before or after", arguments: [
        ("420 shs", CellReader.shareUnits, "420"), ("80 SH", CellReader.shareUnits, "80"),
        ("1,000.5 shares", CellReader.shareUnits, "1,000.5"), ("12 Units", CellReader.shareUnits, "12"),
        ("USD 1,500.00", CellReader.dollarUnits, "1,500.00"), ("$61,320.00 usd", CellReader.dollarUnits, "$61,320.00"),
        ("US$ 9.50", CellReader.dollarUnits, "9.50"),
    ])
    func unitsTakenOff(text: String, units: [String], expected: String) {
        #expect(CellReader.withoutUnit(text, units: units) == expected)
    }

    @Test("Text without a unit set apart, or with nothing but one, is left alone", arguments: [
        "420shs", "shs", "USD", "1,500.00 CR", "420 shares of AAPL",
    ])
    func noUnitTakenOff(text: String) {
        #expect(CellReader.withoutUnit(text, units: CellReader.shareUnits + CellReader.dollarUnits) == nil)
    }

    @Test("Lots written with their units read as the numbers, noted once per column")
    func lotsWithUnits() throws {
        var sheets = Household.canonicalSheets()
        sheets[2] = ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                              ["ACC-1", "AAPL", "L1", "100 shs", "USD 15,000.00", .day(2024, 1, 15)],
                              ["ACC-1", "MSFT", "L2", "50 shs", "12,500.50 USD", .day(2025, 12, 1)],
                              ["ACC-2", "VTI", "L3", 10.5, 2100, .day(2023, 6, 30)]])
        let reading = try Household.read(.contractBook(sheets))
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio == (try Household.read(Household.canonical()).portfolio))
        #expect(reading.diagnostics.filter { $0.message.contains("with their unit") }.map(\.description) == [
            "Lots!D2: \"100 shs\" is read as 100, a number of shares: the Quantity column's numbers written with their "
                + "unit are read as the numbers.",
            "Lots!E2: \"USD 15,000.00\" is read as 15,000.00, an amount in dollars: the Cost Basis column's numbers "
                + "written with their unit are read as the numbers.",
        ])
    }

    @Test("A number saved a hair below a half cent reads as the 15 digits a spreadsheet shows")
    func numbersAsShown() throws {
        // =101*39.605 is saved as 4000.1049999999996, shown in Excel as $4,000.11; read from its
        // shortest form it had been $4,000.10, a cent off the PM's own sheet (explore-BU).
        var sheets = Household.canonicalSheets()
        sheets[2] = ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                              ["ACC-1", "AAPL", "L1", 101, .number(101 * 39.605), .day(2024, 1, 15)],
                              ["ACC-2", "VTI", "L3", 10.5, .number(3 * 3.695), .day(2023, 6, 30)]])
        let reading = try Household.read(.contractBook(sheets))
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let basis = reading.portfolio?.lots.map { "\($0.lotID) \($0.costBasis)" }
        #expect(basis == ["L1 4000.11", "L3 11.09"])
    }

    @Test("Headers typed over two lines are matched, and quoted on one line")
    func headersOverTwoLines() throws {
        var sheets = Household.canonicalSheets()
        sheets[2].rows[0] = ["Account", "Symbol", "Lot\nID", "Qty\r\n(Shares)", "Cost\nBasis", "Date\nAcquired"]
        let reading = try Household.read(.contractBook(sheets))
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio == (try Household.read(Household.canonical()).portfolio))
        let lots = try #require(reading.view.sheets.first { $0.contractSheet == "Lots" })
        #expect(lots.columns == ["\"Account\" (A1) → Account", "\"Symbol\" (B1) → Symbol", "\"Lot ID\" (C1) → Lot ID",
                                 "\"Qty (Shares)\" (D1) → Quantity", "\"Cost Basis\" (E1) → Cost Basis",
                                 "\"Date Acquired\" (F1) → Acquired"])
    }

    @Test("Percent text is its fraction", arguments: [("5%", 0.05), ("12.5%", 0.125), ("(2%)", -0.02), ("100%", 1.0)])
    func percentText(text: String, fraction: Double) {
        guard case .value(let n) = CellReader.numberText(text) else { Issue.record("\(text) did not read"); return }
        #expect(n.form == .fraction)
        #expect(Rate(decimal: n.text) == Rate(roundingFraction: fraction))
    }

    @Test("Empty words", arguments: ["--", "-", "N/A", "n/a", "", "   ", "—"])
    func emptyWords(text: String) {
        guard case .empty = CellReader.numberText(text) else { Issue.record("\(text) is not empty"); return }
    }

    @Test("Text that is not a number says what it found", arguments: ["abc", "12abc", "1.2.3", "$", "--5", "5-"])
    func notNumbers(text: String) {
        guard case .problem(let p) = CellReader.numberText(text) else { Issue.record("\(text) read"); return }
        #expect(p == "Expected a number, found \"\(text)\".")
    }

    @Test("Thousands separators must set off threes: a decimal comma is refused, not multiplied away", arguments: [
        "312,40", "25,0000", "1 234,56", "12.500,00", "1,000,00", "1,,000", ",5", "5,", "12 34", "1 5", "1,234 567",
    ])
    func separatorsNotInThrees(text: String) {
        guard case .problem(let p) = CellReader.numberText(text) else { Issue.record("\(text) read"); return }
        #expect(p.hasPrefix("Expected a number, found \"\(text)\": its commas or spaces do not set off thousands"))
    }

    @Test("Digits grouped in lakhs and crores are refused as that, not as a decimal comma", arguments: [
        "1,00,000", "1,00,000.00", "12,34,567.50", "$1,00,00,000", "-5,00,000",
    ])
    func lakhGrouping(text: String) {
        guard case .problem(let p) = CellReader.numberText(text) else { Issue.record("\(text) read"); return }
        #expect(p == "Expected a number, found \"\(text)\": its commas set off digits in twos (1,00,000, lakhs and crores), "
            + "which the tool does not read; write it without them (100000.00) or in thousands (100,000.00).")
    }

    @Test("Separators in threes, however many and of whichever kind", arguments: [
        ("1,234,567.891", "1234567.891"), ("15 000", "15000"), ("1\u{00A0}234\u{202F}567", "1234567"), ("$ 1,234", "1234"),
        ("999", "999"), ("-1,000", "-1000"), ("(1,000.5)", "-1000.5"), ("12,345%", "12345e-2"),
    ])
    func separatorsInThrees(text: String, expected: String) {
        guard case .value(let n) = CellReader.numberText(text) else { Issue.record("\(text) did not read"); return }
        #expect(n.text == expected)
    }

    @Test("Dates typed as text", arguments: [
        ("2026-03-15", "2026-03-15"), ("03/15/2026", "2026-03-15"), ("3/15/26", "2026-03-15"), ("3/15/68", "1968-03-15"),
        ("3/15/69", "1969-03-15"), ("12/31/99", "1999-12-31"), ("1/2/00", "2000-01-02"), ("2026-03-15T14:30:00", "2026-03-15"),
        ("2026-03-15 14:30", "2026-03-15"), ("03/15/2026 4:00 PM", "2026-03-15"), ("2024-02-29", "2024-02-29"),
        ("Mar-03-2020", "2020-03-03"), ("03-Mar-2020", "2020-03-03"), ("Mar 3, 2020", "2020-03-03"),
        ("March 3, 2020", "2020-03-03"), ("3 March 2020", "2020-03-03"), ("15-Mar-26", "2026-03-15"),
        ("Sept 1, 2025", "2025-09-01"), ("Mar-15-2026 4:00 PM", "2026-03-15"), ("dec 31 1999", "1999-12-31"),
        ("20260315", "2026-03-15"), ("19991231", "1999-12-31"), ("2019/03/14", "2019-03-14"), ("03-14-2019", "2019-03-14"),
        ("3-14-19", "2019-03-14"),
        // Two-digit years as Excel reads them (its cutoff, 2029): an inherited lot's 6/1/65 is 1965.
        ("12/31/29", "2029-12-31"), ("1/1/30", "1930-01-01"), ("6/1/65", "1965-06-01"), ("15-Mar-65", "1965-03-15"),
        ("1-Jan-30", "1930-01-01"), ("7-4-29", "2029-07-04"),
        // Interactive Brokers' date-times.
        ("2019-03-14;09:30:00", "2019-03-14"), ("20190314;093000", "2019-03-14"), ("2019-03-14, 09:30:00", "2019-03-14"),
        // A custodian's entry posted after it took effect is the day it took effect.
        ("11/02/2026 as of 10/30/2026", "2026-10-30"), ("2026-11-02 AS OF 2026-10-30", "2026-10-30"),
    ])
    func dates(text: String, iso: String) {
        guard case .value(let d) = CellReader.dateText(text) else { Issue.record("\(text) did not read"); return }
        #expect(d.description == iso)
    }

    @Test("Option symbols as custodians write them are told from tickers")
    func optionSymbols() {
        for option in ["AAPL 01/17/2027 200.00 C", "SPY 12/19/2026 450 P", "AAPL  270117C00200000", "AAPL270117C00200000",
                       "-AAPL270117C200", "BRK.B 270115P00400000", "AAPL JAN 17 2027 200 CALL", "MSFT 1/15/27 400 PUT"] {
            #expect(PortfolioBuilder.isOptionSymbol(option), "\(option)")
        }
        for ticker in ["AAPL", "BRK.B", "SPY2", "ACC-1", "912828YK3", "3M", "AB12345C12345678", "T 2027", "VTI 2027 C",
                       "ZVZZT"] {
            #expect(!PortfolioBuilder.isOptionSymbol(ticker), "\(ticker)")
        }
    }

    @Test("Impossible dates are named", arguments: [
        ("2026-02-30", "\"2026-02-30\" is not a real date."), ("13/13/2026", "\"13/13/2026\" is not a real date."),
        ("20/11/2026", "\"20/11/2026\" reads as day 20 of month 11, but a date written with its day and month in figures "
            + "is read month first (03/15/2026); write it year first, 2026-11-20."),
        ("2026/02/30", "\"2026/02/30\" is not a real date."),
        ("March 15", "Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"March 15\"."),
        ("15.03.2026", "\"15.03.2026\" writes a date with dots, day or month first, which the tool does not read (03.04.2026 "
            + "is the 3rd of April to much of the world and the 4th of March in the US); write it year first, 2026-03-15."),
        ("03.04.26", "\"03.04.26\" writes a date with dots, day or month first, which the tool does not read (03.04.2026 "
            + "is the 3rd of April to much of the world and the 4th of March in the US); write it year first, 2026-04-03 or 2026-03-04."),
        ("31.02.2026", "\"31.02.2026\" is not a real date."),
        ("1.2.3", "Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"1.2.3\"."),
        ("Feb-30-2026", "\"Feb-30-2026\" is not a real date."),
        ("Mark 15 2026", "Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"Mark 15 2026\"."),
        // Run together, a US date has no month to read: 03152026 is not 0315-20-26.
        ("03152026", "Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"03152026\"."),
        ("20261315", "Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"20261315\"."),
        ("11/02/2026 as of then", "Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"then\"."),
        ("posted as of 10/30/2026", "Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"posted as of 10/30/2026\"."),
        ("Various", "Found \"Various\", as a custodian writes for a position bought over several days: list its lots, each with its own date (the position's lot detail)."),
        ("INHERITED", "Found \"INHERITED\" where a date belongs: write the date the shares were inherited (the date of death, "
            + "which sets their basis) and mark the lot's Term Inherited (long-term whatever its date, and no wash-sale replacement)."),
        ("Gifted", "Found \"Gifted\" where a date belongs: write the donor's acquisition date for shares received as a gift at "
            + "the donor's basis (their holding period runs from it, 26 USC 1223(2)), or the date of the gift if their basis is its value."),
    ])
    func badDates(text: String, message: String) {
        guard case .problem(let p) = CellReader.dateText(text) else { Issue.record("\(text) read"); return }
        #expect(p == message)
    }

    @Test("Date cells and serials in a date column, 1900 and 1904")
    func dateCells() {
        guard case .value(let a) = CellReader.date(.number(46096, .plain), uses1904: false),
              case .value(let b) = CellReader.date(.number(44634, .plain), uses1904: true),
              case .value(let c) = CellReader.date(.date(ExcelDateTime(year: 2026, month: 3, day: 15, milliseconds: 3_600_000)), uses1904: false)
        else { Issue.record("did not read"); return }
        #expect([a, b, c].map(\.description) == ["2026-03-15", "2026-03-15", "2026-03-15"])
        // Eight digits are no serial (9999-12-31 is 2,958,465): year, month and day run together.
        guard case .value(let d) = CellReader.date(.number(20_260_315, .plain), uses1904: false) else {
            Issue.record("20260315 did not read"); return
        }
        #expect(d.description == "2026-03-15")
        guard case .problem(let p) = CellReader.date(.number(20_261_315, .plain), uses1904: false) else {
            Issue.record("20261315 read"); return
        }
        #expect(p == "Expected a date, found the number 20261315.0.")
    }

    @Test("A date year first with dots, and a serial stored as text, are read; day and month with dots are not")
    func dottedAndTextSerialDates() {
        guard case .value(let dotted) = CellReader.date(.string("2026.03.15"), uses1904: false) else { Issue.record("dots"); return }
        #expect(dotted.description == "2026-03-15")
        guard case .value(let serial) = CellReader.date(.string("46346"), uses1904: false) else { Issue.record("serial"); return }
        #expect(serial.description == "2026-11-20")
        guard case .problem = CellReader.date(.string("03.04.2026"), uses1904: false) else { Issue.record("03.04.2026 read"); return }
        guard case .problem(let year) = CellReader.date(.string("2026"), uses1904: false) else { Issue.record("2026 read"); return }
        #expect(year.hasSuffix("which reads as a year: write the whole date (2026-03-15)."))
    }

    @Test("A plain number that reads as a year in a date column is refused, not a day of 1905", arguments: [2026.0, 1999.0, 2026.08])
    func yearAlone(number: Double) {
        guard case .problem(let p) = CellReader.date(.number(number, .plain), uses1904: false) else { Issue.record("\(number) read"); return }
        #expect(p.hasSuffix("which reads as a year: write the whole date (2026-03-15)."))
        // A serial of these years' days is read.
        guard case .value(let day) = CellReader.date(.number(46_346, .plain), uses1904: false) else { Issue.record("46346 did not read"); return }
        #expect(day.description == "2026-11-20")
    }

    @Test("Header synonyms on each sheet", arguments: [
        (ContractSheet.lots, "Ticker", "Symbol"), (.lots, "Symbol/CUSIP", "Symbol"), (.lots, "Account Number", "Account"),
        (.lots, "Account #", "Account"), (.lots, "Shares", "Quantity"), (.lots, "Qty", "Quantity"),
        (.lots, "Qty (Quantity)", "Quantity"), (.lots, "Cost Basis Total", "Cost Basis"), (.lots, "Total Cost", "Cost Basis"),
        (.lots, "Cost Basis ($)", "Cost Basis"), (.lots, "Cost/Share", "Unit Cost"), (.lots, "Cost Per Share", "Unit Cost"),
        (.lots, "Average Cost Basis", "Unit Cost"), (.lots, "Price Paid", "Unit Cost"), (.lots, "Open Date", "Acquired"),
        (.lots, "Date Acquired", "Acquired"), (.lots, "Acquisition Date", "Acquired"), (.lots, "\u{FEFF}Symbol", "Symbol"),
        (.model, "Target %", "Target"), (.model, "Weight", "Target"), (.model, "Model %", "Target"), (.model, "Model", "Model"),
        (.model, "Target (%)", "Target"), (.model, "Tolerance", "Band"), (.accounts, "Account Type", "Type"),
        (.transactions, "Action", "Side"), (.transactions, "Transaction Type", "Side"), (.transactions, "Trade Date", "Date"),
        (.transactions, "Run Date", "Date"), (.prices, "Last Price", "Price"), (.prices, "As Of", "As Of"),
        (.groups, "Max Weight %", "Max Weight"), (.manualTrades, "Dollar Amount", "Amount"),
        (.lots, "Qty (Shares)", "Quantity"), (.lots, "Number of Shares", "Quantity"), (.lots, "Shares Held", "Quantity"),
        (.lots, "Lot Date", "Acquired"), (.lots, "Date Opened", "Acquired"),
        (.lots, "Adj. Cost Basis", "Cost Basis"), (.lots, "Adjusted Cost ($)", "Cost Basis"), (.lots, "Avg Cost/Share", "Unit Cost"),
        (.lots, "Acq. Date", "Acquired"), (.lots, "Trade Date", "Acquired"), (.lots, "Shares Owned", "Quantity"),
        (.lots, "Holding Period", "Term"), (.lots, "Last Price", "Price"),
        // A header abbreviated to fit a narrow column (explore-CB).
        (.lots, "Sym", "Symbol"), (.prices, "Sym.", "Symbol"), (.model, "SYM", "Symbol"),
        // Bloomberg's last-price field (explore-DN: a pasted block had been refused); its previous close is no Price.
        (.prices, "PX_LAST", "Price"),
        // A lot export's gain, read with its Market Value to check Cost Basis (explore-EG).
        (.lots, "Unrealized Gain", "Unrealized Gain"), (.lots, "Gain/Loss", "Unrealized Gain"),
        (.lots, "Gain/Loss ($)", "Unrealized Gain"),
    ])
    func headers(sheet: ContractSheet, header: String, column: String) {
        #expect(sheet.column(forHeader: header) == column)
    }

    /// A trade's shares as the Lots sheet heads them, or as an execution report does: read as
    /// nothing on Transactions, a loss sale matched no replacement shares (explore-EM).
    @Test("Transactions and Manual Trades read the Lots sheet's names of a number of shares, and a trade's own",
          arguments: ["Number of Shares", "Shares Qty", "Share Qty", "Share Count", "Qty (sh)", "Quantity Shares", "No. of Shares",
                      "Quantity (sh)", "Trade Qty", "Trade Quantity", "Shs", "Sh.", "SHRS"])
    func tradeQuantityNames(header: String) {
        #expect(ContractSheet.transactions.column(forHeader: header) == "Quantity")
        #expect(ContractSheet.manualTrades.column(forHeader: header) == "Quantity")
    }

    @Test("Transactions read a fill's names of its shares; Manual Trades takes none of them for a trade's size",
          arguments: ["Shares Traded", "Filled Qty", "Executed Qty", "Qty Traded", "Qty Filled", "Quantity Traded"])
    func filledQuantityNames(header: String) {
        #expect(ContractSheet.transactions.column(forHeader: header) == "Quantity")
        #expect(ContractSheet.manualTrades.column(forHeader: header) != "Quantity")
    }

    /// A note on a column's figures that its name says already (explore-EM: each refused).
    @Test("A header's note that its column's name says already is set aside", arguments: [
        (ContractSheet.lots, "Acquired (mm/dd/yyyy)", "Acquired"), (.lots, "Date Acquired (MM/DD/YY)", "Acquired"),
        (.lots, "Acquired (yyyy-mm-dd)", "Acquired"), (.transactions, "Trade Date (m/d/yy)", "Date"),
        (.prices, "Price ($/sh)", "Price"), (.prices, "Price per share", "Price"), (.prices, "Price (USD per share)", "Price"),
        (.prices, "Price/Sh", "Price"), (.lots, "Unit Cost ($/sh)", "Unit Cost"), (.model, "Target (% of acct)", "Target"),
        (.model, "Weight (% of portfolio)", "Target"), (.manualTrades, "Quantity (sh)", "Quantity"),
        (.manualTrades, "Qty (# of shares)", "Quantity"),
        // A note that changes what the column holds is no note to set aside: a cost per share is
        // the Unit Cost, as it was.
        (.lots, "Cost (per share)", "Unit Cost"), (.lots, "Cost Basis (per share)", "Unit Cost"),
        // A unit after the note.
        (.prices, "Price per share ($)", "Price"), (.lots, "Unit Cost (per share) $", "Unit Cost"),
        (.model, "Target (% of acct) %", "Target"),
        // A day-first format: the column is read, its text dates that read either way asked about.
        (.lots, "Acquired (dd/mm/yyyy)", "Acquired"), (.transactions, "Trade Date (DD-MM-YY)", "Date"),
    ])
    func headerNotes(sheet: ContractSheet, header: String, column: String) {
        #expect(sheet.column(forHeader: header) == column)
    }

    @Test("A note that changes what a column holds, or says what the tool does not read, names no column", arguments: [
        (ContractSheet.lots, "Total Cost (per share)"), (.model, "Target (% of equity)"),
        (.manualTrades, "Amount (sh)"), (.manualTrades, "Amount per share"), (.accounts, "Cash (% of acct)"),
        (.lots, "Market Value per share"), (.prices, "Price (sh)"),
        // A unit after a note that does not fit the column: a price in percent, a weight in dollars.
        (.prices, "Price per share (%)"), (.model, "Target (% of acct) ($)"),
    ])
    func notesThatChangeTheColumn(sheet: ContractSheet, header: String) {
        #expect(sheet.column(forHeader: header) == nil)
    }

    @Test("Unknown headers match nothing", arguments: ["Gain/Loss %", "Unrealized Gain %", "Description %", "PX_CLOSE_1D"])
    func unknownHeaders(header: String) {
        #expect(ContractSheet.lots.column(forHeader: header) == nil)
    }

    @Test("Sheet names", arguments: [
        ("Lots", ContractSheet.lots), ("Tax Lots", .lots), ("HOLDINGS", .lots), (" positions ", .lots),
        ("Targets", .model), ("Model Weights", .model), ("Manual Trades", .manualTrades), ("manual_trades", .manualTrades),
        ("Exposure Groups", .groups), ("Security Master", .securities), ("Recent Transactions", .transactions),
        // Apple Numbers names each table it exports after its sheet.
        ("Lots - Table 1", .lots), ("Model Weights - Table 12", .model),
        // Excel names a sheet's copy after it.
        ("Lots (2)", .lots), ("Tax Lots (12)", .lots),
        // LibreOffice and Google Sheets name it their own ways.
        ("Lots_2", .lots), ("Model_12", .model), ("Copy of Lots", .lots), ("copy of Manual Trades", .manualTrades),
        // A book made of exported files names each sheet after its file (Gnumeric's --merge-to).
        ("Manual Trades.csv", .manualTrades), ("Lots.CSV", .lots), ("Transactions.txt", .transactions),
        // Custodians' lot reports (Merrill's sheet).
        ("Unrealized Gain Loss", .lots), ("Unrealized Gain/Loss", .lots), ("Unrealized G-L", .lots),
    ])
    func sheetNames(name: String, sheet: ContractSheet) {
        #expect(ContractSheet.matching(sheetName: name) == sheet)
    }

    @Test("A sheet's name with another end than Numbers' table number is not a contract sheet's")
    func notTableNames() {
        #expect(ContractSheet.matching(sheetName: "Lots - Table") == nil)
        #expect(ContractSheet.matching(sheetName: "Lots - Old 1") == nil)
        #expect(ContractSheet.withoutTableName("Export Summary") == "Export Summary")
        #expect(ContractSheet.matching(sheetName: "Lots (old)") == nil)
        #expect(ContractSheet.matching(sheetName: "Lots_2025") == nil)
        #expect(ContractSheet.matching(sheetName: "Copy of") == nil)
        #expect(ContractSheet.matching(sheetName: "Lots.old") == nil)
        #expect(ContractSheet.matching(sheetName: ".csv") == nil)
    }

    @Test("Footer and summary rows of custodian exports", arguments: [
        ("Account Total", true), ("Total", true), ("Positions Total", true), ("Cash & Cash Investments", true),
        ("Pending Activity", true), ("Date downloaded 11/20/2026 4:05 PM", true), ("Grand Total", true),
        ("TOTL", false), ("CHEN-TAX", false), ("Totalizer Fund", false), ("Totals", true), ("Totals:", true),
        ("* Market values include accrued interest", true), ("****4471", false), ("*4471", false),
    ])
    func footers(text: String, skipped: Bool) {
        #expect((SheetTable.footerReason(text) != nil) == skipped)
    }

    /// A Lots sheet laid out Description, Symbol, Quantity, Acquired: a row's first cell is
    /// the Description, under no contract column.
    static func descriptionFirstRow(_ cells: [CellValue?]) -> (Row, [CellValue?], SheetTable.RowLayout, [[Int]]) {
        let layout = SheetTable.RowLayout(columns: ["Symbol": 2, "Quantity": 3, "Acquired": 4], sheetName: "Lots")
        let row = Row(number: 7, cells: cells.enumerated().compactMap { column, value in
            value.map { Cell(column: column + 1, value: $0) }
        })
        let required = ["Symbol", "Quantity", "Acquired"].map { [layout.position(of: $0)!] }
        return (row, layout.values(of: row), layout, required)
    }

    @Test("A fund named Total… in a leading column is a lot, and a total row is not")
    func totalNamedFunds() {
        let acquired = CellValue.date(ExcelDateTime(year: 2023, month: 3, day: 14))
        let lot = Self.descriptionFirstRow([.string("Total Stock Market Index"), .string("VTI"), .number(120, .plain), acquired])
        #expect(SheetTable.footerReason(lot.0, values: lot.1, layout: lot.2, required: lot.3) == nil)
        let total = Self.descriptionFirstRow([.string("Total"), nil, .number(2_450, .plain), nil])
        #expect(SheetTable.footerReason(total.0, values: total.1, layout: total.2, required: total.3) != nil)
        // Every value a lot needs, but no name beside the label: the label decides.
        let figures = Self.descriptionFirstRow([.string("Total"), .string("--"), .number(2_450, .plain), acquired])
        #expect(SheetTable.footerReason(figures.0, values: figures.1, layout: figures.2, required: figures.3) != nil)
    }

    @Test("A row lacking a value the sheet needs, labelled like a total at its end or Sum", arguments: [
        ("Chen Household Total", true), ("Portfolio Totals", true), ("Sum", true), ("Vanguard Total Bond", false),
        ("Summit Trust", false),
    ])
    func totalLabels(label: String, isTotal: Bool) {
        let row = Row(number: 12, cells: [Cell(column: 1, value: .string(label)), Cell(column: 3, value: .number(2_450, .plain))])
        #expect((SheetTable.totalLabelReason(row) != nil) == isTotal)
        // After an account's ID, `Total` alone says so; a longer text ending so does not.
        let labelled = Row(number: 12, cells: [Cell(column: 1, value: .string("CHEN-TAX")), Cell(column: 2, value: .string(label)),
                                               Cell(column: 4, value: .number(2_450, .plain))])
        #expect((SheetTable.totalLabelReason(labelled) != nil) == (isTotal && !label.contains(" ")))
    }

    @Test("Action words", arguments: [
        ("Buy", Side.buy), ("Bought", .buy), ("YOU BOUGHT PROSPECTUS UNDER SEPARATE COVER", .buy), ("Reinvest Shares", .buy),
        ("Sell", .sell), ("Sold", .sell), ("YOU SOLD", .sell), ("BOT", .buy), ("SLD", .sell),
        ("DIVIDEND REINVESTMENT", .buy), ("Dividend Reinvest", .buy), ("Qual Div Reinvest", .buy),
        ("REINVESTMENT VANGUARD TOTAL INTL STOCK ETF", .buy),
        ("YOU BOUGHT VANGUARD SHORT-TERM BOND ETF (BSV) (Cash)", .buy), ("Reinvest Short Term Capital Gain", .buy),
        ("YOU SOLD VANGUARD SHORT-TERM TREASURY ETF (VGSH) (Cash)", .sell), ("DRIP", .buy), ("Div Reinv", .buy),
        ("Recurring Investment", .buy), ("Auto-Invest", .buy), ("Systematic Investment", .buy), ("Tender", .sell),
    ])
    func sides(word: String, side: Side) {
        #expect(PortfolioBuilder.side(word) == side)
    }

    @Test("Other actions are no trade", arguments: [
        "Dividend", "Qualified Dividend", "Journal", "Cash In Lieu", "Fee", "Wash Sale Adjustment", "Cost Basis Adj",
        "Sale Adjustment", "DIVIDEND RECEIVED NUVEEN S&P 500 BUY-WRITE INCOME FD (BXMX) (Cash)", "Sales Charge",
        "Sales Load", "TRANSFERRED FROM TO BROKERAGE OPTION",
    ])
    func notTrades(word: String) {
        #expect(PortfolioBuilder.side(word) == nil)
    }

    @Test("Short sales and option trades are no side, wherever their words stand", arguments: [
        "Sell Short", "SHORT SALE", "Buy to Cover", "Sell to Open", "Buy To Close", "sell  short", "Bought to cover",
    ])
    func shortAndOptionTrades(word: String) {
        #expect(PortfolioBuilder.side(word) == nil)
        #expect(PortfolioBuilder.isShortOrOptionTrade(word.lowercased()))
    }

    @Test("Words near the short and option ones are trades", arguments: [
        ("Sell", Side.sell), ("Buy to", .buy), ("Bought covered call stock", .buy), ("Sold shor", .sell),
    ])
    func nearShortWords(word: String, side: Side) {
        #expect(!PortfolioBuilder.isShortOrOptionTrade(word.lowercased()))
        #expect(PortfolioBuilder.side(word) == side)
    }

    @Test("An ASCII header is normalized on its bytes as the general way does it", arguments: [
        "Target (%)", "  Cost Basis Total ($) ", "Cost Basis USD", "Costusd", "Price(usd)", "usd", "%", "$ ",
        "Qty (sh)", "Acct #", "Symbol/CUSIP", "\tMarket\r\nValue ", "Tgt %", "(%)", "Cost ($)", "ABC(USD)", "Weight%",
        "Cost Basis (usd)", "x usd", "A  B   C", "", "   ",
    ])
    func asciiHeaders(header: String) {
        let fast = HeaderName.normalizeASCII(header), general = HeaderName.normalizeUnicode(header)
        #expect(fast.key == general.key && fast.unit == general.unit, "\(fast) \(general)")
    }

    @Test("A footnote's mark after a header is no part of its name", arguments: [
        ("Acquired\u{00B9}", "Acquired"), ("Cost Basis\u{00B2}", "Cost Basis"), ("Price \u{2020}", "Price"),
        ("Quantity\u{2074}\u{2075}", "Quantity"),
    ])
    func footnoteMarks(header: String, column: String) {
        #expect(ContractSheet.lots.column(forHeader: header) == column)
    }

    @Test("A date's time that is no time of day is refused; real times, zones and AM/PM are read as before")
    func timesOfDay() {
        for text in ["2026-11-20 99:99:99", "2026-11-20 25:00:00", "11/20/2026 47:00", "2026-11-20T23:59:60", "20261120;250000",
                     "Nov 20, 2026 24:30"] {
            guard case .problem(let problem) = CellReader.dateText(text) else {
                Issue.record("\(text) was read")
                continue
            }
            #expect(problem.contains("which is no time of day") || problem.hasPrefix("Expected a date"), "\(text): \(problem)")
        }
        for text in ["2026-11-20 23:59:59", "2026-11-20T10:30", "11/20/2026 4:00 PM", "2026-11-20;10:30:00", "20261120;103000",
                     "2026-11-20, 10:30:00", "2026-11-20T10:30:00.123Z", "2026-11-20 10:30:00 EST", "Nov 20, 2026 4:00 PM"] {
            guard case .value(let date) = CellReader.dateText(text) else {
                Issue.record("\(text) was not read")
                continue
            }
            #expect(date == CivilDate(year: 2026, month: 11, day: 20)!, "\(text)")
        }
    }

    @Test("A CUSIP is told from a ticker by its check digit", arguments: [
        ("037833100", true), ("921943809", true), ("38259P508", true), ("037833101", false), ("VTI", false),
        ("ABCDEFGHI", false), ("0378331000", false),
    ])
    func cusips(symbol: String, isCUSIP: Bool) {
        #expect(PortfolioBuilder.isCUSIP(symbol) == isCUSIP)
    }

    @Test("A text far longer than any header names no column")
    func longTextNamesNoColumn() {
        #expect(ContractSheet.lots.column(forHeader: "Quantity") == "Quantity")
        #expect(ContractSheet.lots.column(forHeader: "Quantity" + String(repeating: " ", count: 300)) == nil)
    }

    @Test("A text is alike a name exactly when their alike forms are equal", arguments: [
        ("Quantity", "quantity", true), ("  Cost   Basis ", "cost basis", true), ("Cost\tBasis", "cost basis", true),
        ("CostBasis", "cost basis", false), ("Cost Basis2", "cost basis", false), ("Cost", "cost basis", false),
        ("", "", true), ("   ", "", true), ("Symbol", "", false), ("Prix Unitaire", "prix unitaire", true),
        ("ÉCART", "écart", true), ("Écart ", "ecart", false), ("Account", "accounts", false),
    ])
    func alikeNames(text: String, name: String, alike: Bool) {
        #expect(PortfolioBuilder.isAlike(text, to: name) == alike)
        #expect(PortfolioBuilder.isAlike(text, to: name) == (PortfolioBuilder.alike(text) == name))
    }
}
