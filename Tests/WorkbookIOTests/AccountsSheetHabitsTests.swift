import RebalanceEngine
import Testing
@testable import WorkbookIO
import XLSXTestSupport

/// Accounts sheets as CRMs and PMs keep them: a registration beside a tax status, an
/// account funded but holding nothing yet, a restriction column answered `None`.
@Suite("Accounts sheets as PMs keep them")
struct AccountsSheetHabitsTests {
    private func read(_ sheets: [(name: String, rows: [[FixtureCell]])]) throws -> PortfolioReading {
        try readPriced(path: try XLSXFixture.contractBook(sheets).write(), asOf: nil, today: Household.today)
    }

    private static let settings: (name: String, rows: [[FixtureCell]]) =
        ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]])
    private static let lots: (name: String, rows: [[FixtureCell]]) =
        ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                  ["T-1", "VTI", 100, 20000, .day(2019, 1, 2)], ["T-2", "BND", 200, 16000, .day(2019, 1, 2)]])
    private static let model: (name: String, rows: [[FixtureCell]]) = ("Model", [["Symbol", "Target"], ["VTI", 0.6], ["BND", 0.39]])
    private static let prices: (name: String, rows: [[FixtureCell]]) =
        ("Prices", [["Symbol", "Price", "As Of"], ["VTI", 310.25, .day(2026, 11, 20)], ["BND", 72.85, .day(2026, 11, 20)]])

    /// `Joint` beside `Taxable` name one tax treatment; the book had been refused as two Type
    /// columns that disagree (explore-BR). A taxed registration beside an untaxed status still is.
    @Test("A registration beside a tax status agreeing on the tax treatment is read; disagreeing, refused")
    func registrationBesideTaxStatus() throws {
        let agreeing = try read([
            Self.settings,
            ("Accounts", [["Account", "Account Type", "Tax Status", "Cash"], ["T-1", "Joint", "Taxable", 1000],
                          ["T-2", "Rollover IRA", "Tax-Deferred", 1000], ["T-3", "Roth IRA", "Tax-Free", 1000],
                          // A plan's words for untaxed (explore-BV: refused).
                          ["T-4", "401k", "Qualified", 1000], ["T-5", "IRA", "Pre-Tax", 1000], ["T-6", "IRA", "Retirement", 1000]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(agreeing.errors.isEmpty, "\(agreeing.errors)")
        #expect(agreeing.portfolio?.accounts.map(\.type) == [.joint, .ira, .roth, .k401, .ira, .ira])
        // The tax status first: the registration is still the one read (explore-BV: refused).
        let statusFirst = try read([
            Self.settings,
            ("Accounts", [["Account", "Tax Status", "Account Type", "Cash"], ["T-1", "Taxable", "Joint", 1000],
                          ["T-2", "Tax-Deferred", "IRA", 1000]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(statusFirst.errors.isEmpty, "\(statusFirst.errors)")
        #expect(statusFirst.portfolio?.accounts.map(\.type) == [.joint, .ira])
        let disagreeing = try read([
            Self.settings,
            ("Accounts", [["Account", "Account Type", "Tax Status", "Cash"], ["T-1", "Joint", "Taxable", 1000],
                          ["T-2", "Individual", "Tax-Deferred", 1000]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(disagreeing.errors.map(\.description) == [
            "Accounts!C1: The columns \"Account Type\" (Accounts!B1) and \"Tax Status\" (Accounts!C1) both read as Type and "
                + "disagree, first at row 3 (B3 Individual against C3 Tax-Deferred): the tool does not guess which counts. "
                + "Delete or rename the one that should not.",
        ])
    }

    /// A money market's or sweep's balance, an RMD beside the Withdrawal, a household under a
    /// CRM's name and a SEP named by its plan alone (explore-CM: cash raised again by selling,
    /// an IRA's RMD not raised, a family split and its wash sale missed, a SEP taxed).
    @Test("Cash in a money market or sweep column, an RMD beside Withdrawal, a Client Name household and a SEP by name")
    func cashWithdrawalHouseholdAndPlanNames() throws {
        let moneyMarket = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Money Market Balance"], ["T-1", "Joint", 20000], ["T-2", "IRA", 0]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(moneyMarket.errors.map(\.place) == ["Accounts!C1"])
        let sweep = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Cash", "Sweep", "Withdrawal", "RMD"], ["T-1", "Joint", 0, 20000, 15000, nil],
                          ["T-2", "IRA", 0, 0, nil, 8000]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(sweep.errors.map(\.description) == [
            "Accounts!D1: The column \"Sweep\" is not read, beside the Cash column \"Cash\" (Accounts!C1): if it holds more of "
                + "each account's cash (a sweep or money-market balance), add it into Cash and delete this column; if not, "
                + "rename it so it names no cash. Left unread, the plan would sell to raise cash the account holds.",
            "Accounts!F1: The column \"RMD\" may hold amounts to raise, beside the Withdrawal column \"Withdrawal\" "
                + "(Accounts!E1): put each account's whole amount to raise in Withdrawal and delete this column. Left unread, its "
                + "amounts would not be raised.",
        ])
        let named = try read([
            Self.settings,
            ("Accounts", [["Account", "Name", "Client Name", "Type"], ["T-1", "Lee Joint", "Lee Family", "Joint"],
                          ["T-2", "Lee SEP", "Lee Family", nil]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(named.errors.isEmpty, "\(named.errors)")
        #expect(named.portfolio?.accounts.map(\.household) == ["Lee Family", "Lee Family"])
        #expect(named.portfolio?.accounts.map(\.type) == [.joint, .sep])
    }

    /// T-3, funded with $12,000 and holding nothing yet, happens to hold T-1 and T-2's cash:
    /// its ID is shaped as theirs, so the PM is asked which it is; set aside, it went
    /// uninvested (explore-BR), and planned, a summary numbered as an account spent its cash
    /// again (explore-BV). A label or Name saying it sums others is still set aside.
    @Test("An account whose cash happens to sum two others' is asked about when its ID reads as one")
    func fundedAccountIsNoSummary() throws {
        func reading(_ third: [FixtureCell]) throws -> PortfolioReading {
            try read([
                Self.settings,
                ("Accounts", [["Account", "Household", "Type", "Cash"], ["T-1", "Smith", "Joint", 5_000],
                              ["T-2", "Smith", "IRA", 7_000], third]),
                Self.lots, Self.model, Self.prices,
            ])
        }
        let funded = try reading(["T-3", "Smith", nil, 12_000])
        #expect(funded.errors.map(\.description) == [
            "Accounts!A4: T-3 holds no lot, no trade names it, it has no Type, and its Cash, $12,000.00, is the sum of T-1 and "
                + "T-2's: if it is a summary row, delete it; if it is an account, give it its Type.",
        ])
        let typed = try reading(["T-3", "Smith", "Individual", 12_000])
        #expect(try #require(typed.portfolio, "\(typed.errors)").accounts.map(\.id) == ["T-1", "T-2", "T-3"])
        for label in ["T-Total", "HH-1"] {
            let summary = try reading([.text(label), "Smith", nil, 12_000])
            #expect(try #require(summary.portfolio, "\(summary.errors)").accounts.map(\.id) == ["T-1", "T-2"], "\(label)")
        }
    }

    /// Two accounts of $50,000,000,000,000,000 each pass the cell's own limit, but their sum
    /// passes what cents count: summing them for summary rows stopped the run as a bug in
    /// the tool (explore-BT). The read gives both, for the engine's limits to refuse.
    @Test("Cash past what cents can count when summed is read, not a trap")
    func hugeCashSumsAreNoTrap() throws {
        let reading = try read([
            Self.settings,
            ("Accounts", [["Account", "Household", "Type", "Cash"], ["T-1", "Smith", "Joint", 5e16], ["T-2", "Smith", "IRA", 5e16],
                          ["T-3", "Smith", nil, 1e16]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.portfolio?.accounts.map(\.id) == ["T-1", "T-2", "T-3"], "\(reading.errors)")
    }
}
