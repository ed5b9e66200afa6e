import RebalanceEngine
import Testing
import WorkbookIO
import XLSXTestSupport

/// A book with one of nearly every mistake the reader catches.
enum MessyBook {
    static let fixture = XLSXFixture.contractBook([
        ("Settings", [["Setting", "Value"], ["As Of Date", .day(2026, 11, 20)], ["Wash Sale Days", 21],
                      ["Lot Method", "Cheapest"], ["Default Band", 150], ["Favourite Colour", "Blue"],
                      ["Tax Budget", "-5"]]),
        ("Accounts", [["Account", "Type", "Cash", "Withdrawal", "ST Loss Carryforward"],
                      ["T-1", "Taxable", -100, 0, -3000],
                      ["T-2", "529 Plan", 0, "-$50.00", nil],
                      ["T-1", "IRA", 0, 0, nil],
                      [nil, "IRA", 10]]),
        ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                  ["T-1", "AAPL", "A1", -10, 1000, .day(2024, 1, 2)],
                  ["T-9", "AAPL", "A2", 10, 1000, .day(2024, 1, 2)],
                  ["T-1", "MSFT", "M1", 5, 500, .day(2027, 1, 2)],
                  ["T-1", "MSFT", "M1", 5, 500, .day(2024, 1, 2)],
                  ["T-1", "MSFT", "M1", 5, 500, .day(2024, 1, 3)],
                  [nil, "VTI", "V1", 3, 300, "2024-02-30"],
                  ["T-2", nil, "X1", 1, .formulaWithoutValue, .day(2024, 1, 2)],
                  ["T-2", "BND", "B1", "12 dozen", "n/a", .error("#N/A")]]),
        ("Model", [["Model", "Symbol", "Target"], [nil, "AAPL", .percent(1.2)], [nil, "MSFT", .percent(0.5)],
                   ["Income", "BND", .percent(0)]]),
        ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 0, .day(2026, 11, 20)], ["MSFT", 410, .day(2026, 11, 1)],
                    ["MSFT", 411, .day(2026, 11, 20)]]),
        ("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["T-1", "MSFT", "Sell", 100], ["T-1", "MSFT", "Buy", 1],
                           ["T-3", "AAPL", "Hold", 1]]),
    ])
}

@Suite("Every problem, with its cell, all at once")
struct MappingErrorTests {
    @Test("The messy book's errors and warnings, word for word")
    func messyBook() throws {
        let reading = try readPriced(path: try MessyBook.fixture.write(), today: Household.today)
        #expect(reading.portfolio == nil)
        let shown = reading.diagnostics.filter { $0.severity != .info }.map { "\($0.severity.rawValue): \($0)" }
        #expect(shown == [
            "Error: Settings!B3: Wash Sale Days must be at least 30 (26 USC 1091(a)), found 21.",
            "Error: Settings!B4: Lot Method must be Tax Optimal, HIFO, FIFO or LIFO, found \"Cheapest\".",
            "Error: Settings!B5: Default Band must be a percent from 0% to 100%, found \"150\".",
            "Warning: Settings!A6: \"Favourite Colour\" is not a setting the tool knows; it is ignored.",
            "Error: Settings!B7: Tax Budget must be an amount of zero or more, or Unlimited, found \"-5\".",
            "Error: Accounts!C2: Cash must not be negative, found \"-100\".",
            "Warning: Accounts!E2: ST Loss Carryforward entered as -3000; read as its size, $3,000.00.",
            "Error: Accounts!B3: Type must be one of Taxable, Individual, Joint, Trust, Custodial, IRA, Roth, 401k, 403b, SEP, SIMPLE or HSA (or a registration such as Roth IRA, Rollover IRA, JTWROS or UTMA), found \"529 Plan\".",
            "Error: Accounts!D3: Withdrawal must not be negative, found \"-$50.00\".",
            "Error: Accounts!A4: The account \"T-1\" is listed twice (also at Accounts!A2).",
            "Error: Accounts!A5: Account is blank; every row of the Accounts sheet needs one.",
            "Error: Lots!D2: Quantity must be a positive number, found \"-10\".",
            "Error: Lots!A3: The account \"T-9\" is not on the Accounts sheet.",
            "Error: Lots!F4: Acquired 2027-01-02 is after the As Of date 2026-11-20.",
            "Error: Lots!C6: The Lot ID \"M1\" is used twice in account T-1 (also at Lots!C5).",
            "Error: Lots!A7: Account is blank, and the book has 2 accounts; say which one.",
            "Error: Lots!F7: Acquired: \"2024-02-30\" is not a real date.",
            "Error: Lots!B8: Symbol is blank.",
            "Error: Lots!E8: Cost Basis: The cell holds a formula with no saved result; open and save the workbook in Excel, then try again.",
            "Error: Lots!D9: Quantity: Expected a number, found \"12 dozen\".",
            "Error: Lots!E9: Cost Basis is \"n/a\", which reads as blank.",
            "Error: Lots!F9: Acquired: The cell holds the error #N/A.",
            "Warning: Accounts: No account has a Household (the sheet has no Household column), so each of the 2 accounts is a household of its own: wash sales are checked within each account only, and one account's buy blocks no other's loss sale. If accounts belong to one family, give them one Household.",
            "Error: Model!C2: Target must be at most 100%, found \"120%\".",
            "Error: Model: The model \"Income\" has no security with a target above zero.",
            "Warning: Model: The default model's targets add up to 50% and it has no CASH row: they are scaled up to fill all "
                + "but each account's cash target (Settings, or the Accounts sheet's). If the rest is meant as cash, add a CASH "
                + "row holding it.",
            "Error: Manual Trades!row 3: This buys MSFT in T-1, which Manual Trades!row 2 sells; one run may not buy and sell one symbol in one account.",
            "Error: Manual Trades!A4: The account \"T-3\" is not on the Accounts sheet.",
            "Error: Manual Trades!C4: Side must be Buy or Sell, found \"Hold\".",
            "Error: Manual Trades!D2: This sells 100 MSFT in T-1, which holds 5.",
            "Error: Prices!B2: Price must be a positive number, found \"0\".",
            "Error: Prices!A4: MSFT is priced twice (also at Prices!A3).",
        ])
    }

    @Test("Two visible sheets claiming one role are an error; a visible sheet wins over a hidden one")
    func sheetRoles() throws {
        let lots: [[FixtureCell]] = [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]]
        let twice = XLSXFixture.contractBook([("Lots", lots), ("Holdings", lots), ("Model", []), ("Prices", [])])
        let reading = try readPriced(path: try twice.write(), today: Household.today)
        #expect(reading.errors.first?.description == "Two visible sheets, \"Lots\" and \"Holdings\", are each a Lots sheet; rename or delete all but one.")
        #expect(!reading.errors.contains { $0.message.hasPrefix("The workbook has no Lots sheet") })

        let withHidden = XLSXFixture.contractBook(Household.canonicalSheets() + [
            ("Holdings", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["ACC-1", "ZZZ", 1, 1, .day(2020, 1, 1)]]),
        ], hidden: ["Holdings"])
        let hiddenReading = try readPriced(path: try withHidden.write(), today: Household.today)
        #expect(hiddenReading.errors.isEmpty)
        #expect(hiddenReading.portfolio == (try readPriced(path: try Household.canonical().write(), today: Household.today)).portfolio)
        #expect(hiddenReading.diagnostics.contains(Diagnostic(.info, "Holdings", "This hidden sheet is ignored: the visible sheet \"Lots\" is the Lots sheet.")))
    }
}
