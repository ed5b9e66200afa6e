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
    @Test("An override cell saying Default, See Settings or Same takes the Settings value, as a blank one does")
    func overrideCellsSayingDefault() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Tax Budget", 1000], ["Short-Term Rate", 0.37],
                          ["Lot Method", "FIFO"]]),
            ("Accounts", [["Account", "Cash", "Tax Budget", "Short-Term Rate", "Lot Method"],
                          ["T-1", 1000, "Default", "See Settings", "Same"], ["T-2", 1000, 500, 0.5, "HIFO"]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let accounts = try #require(reading.portfolio?.accounts)
        #expect(accounts[0].taxBudget == .limit(Money(dollars: 1000)))
        #expect(accounts[0].rates.shortTerm == Rate(decimal: "0.37"))
        #expect(accounts[0].overrides.lotMethod == nil)
        #expect(accounts[1].taxBudget == .limit(Money(dollars: 500)))
        #expect(reading.diagnostics.filter { $0.message.contains("is read as a blank cell") }.map(\.description) == [
            "Accounts!C2: \"Default\" is read as a blank cell: Tax Budget is the Settings value for this account.",
            "Accounts!D2: \"See Settings\" is read as a blank cell: Short-Term Rate is the Settings value for this account.",
            "Accounts!E2: \"Same\" is read as a blank cell: Lot Method is the Settings value for this account.",
        ])
    }

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

    /// A money market's balance beside Cash under a name the Cash column goes by alone
    /// (`Money Market`), or naming the cash too (`Cash & Money Market`, `Cash Equivalents`):
    /// ignored as a second Cash column or with a hint to rename it Cash Target, a $15,000
    /// withdrawal the account held was raised by selling, $1,148.84 more tax (explore-CO).
    @Test("A money market's balance beside Cash is refused under any name; one of tickers or of zeros is not",
          arguments: ["Money Market", "Cash & Money Market", "Cash Equivalents", "Money Market Balance"])
    func moneyMarketBesideCash(header: String) throws {
        let reading = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Cash", "Withdrawal", .text(header)], ["T-1", "Joint", 500, 15_000, 20_000],
                          ["T-2", "IRA", 0, nil, nil]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Accounts!E1: The column \"\(header)\" is not read, beside the Cash column \"Cash\" (Accounts!C1): if it holds "
                + "more of each account's cash (a sweep or money-market balance), add it into Cash and delete this column; if "
                + "not, rename it so it names no cash. Left unread, the plan would sell to raise cash the account holds.",
        ])
        // Naming the fund (a ticker), it holds no balance; holding none, it changes nothing.
        for cells in [["SWVXX", "SPAXX"], [0, nil]] as [[FixtureCell]] {
            let other = try read([
                Self.settings,
                ("Accounts", [["Account", "Type", "Cash", .text(header)], ["T-1", "Joint", 500, cells[0]],
                              ["T-2", "IRA", 0, cells[1]]]),
                Self.lots, Self.model, Self.prices,
            ])
            #expect(other.errors.isEmpty, "\(header) \(cells): \(other.errors)")
            #expect(other.portfolio?.accounts.map(\.cash) == [Money(cents: 50_000), .zero])
        }
    }

    /// Columns of an amount to raise or of cash that hold none (`RMD` all 0, `Sweep Balance` all
    /// blank) change nothing: they had stopped the run (explore-CO). An amount in any is refused.
    @Test("An RMD, Wire Out, Income Need, Sweep, MMF or Core Position column of zeros or blanks is passed over")
    func columnsOfNoAmount() throws {
        let headers = ["RMD", "Wire Out", "Monthly Income Need", "Sweep", "MMF", "Core Position", "Sweep Balance"]
        let reading = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Cash", "Withdrawal"] + headers.map { .text($0) },
                          ["T-1", "Joint", 500, 0, 0, 0, 0, 0, 0, nil, nil], ["T-2", "IRA", 0, nil, 0, "--", nil, 0, nil, nil, nil]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.diagnostics.filter { $0.message.contains("holds no amount") }.map(\.description) == zip(headers, "EFGHIJK")
            .map { header, column in
                "Accounts!\(column)1: The column \"\(header)\" is not read: it holds no amount (each cell blank or 0), so it "
                    + "changes nothing. If it is to hold one, put it in the column the tool reads (Cash, or Withdrawal for an "
                    + "amount to raise)."
            })
        #expect(reading.diagnostics.filter { $0.message.contains("holds no amount") }.allSatisfy { $0.severity == .info })
        let amount = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Cash", "Withdrawal", "Sweep Balance"], ["T-1", "Joint", 500, 0, nil],
                          ["T-2", "IRA", 0, nil, 0.01]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(amount.errors.map(\.place) == ["Accounts!E1"])
    }

    /// An account's cash, withdrawal or tax budget under a PM's or a broker's other words for
    /// it: each was ignored with an Info line, and the plan made on $0 cash, no withdrawal or
    /// the Settings budget (explore-EM: $62,722.52 of tax against a $20,000 budget).
    @Test("An Accounts column that may be the Cash, Withdrawal or Tax Budget by its words is an error at its header",
          arguments: [("Allowed Tax", "Tax Budget"), ("Tax Room", "Tax Budget"), ("Max Tax Allowed", "Tax Budget"),
                      ("Tax Headroom", "Tax Budget"), ("Funds Needed", "Withdrawal"), ("Payout", "Withdrawal"),
                      ("Redemption", "Withdrawal"), ("Client Request", "Withdrawal"), ("Outgoing Wire", "Withdrawal"),
                      ("Net Flow", "Withdrawal"), ("Available Funds", "Cash"), ("Funds Available", "Cash"),
                      ("Available to Trade", "Cash"), ("Available Balance", "Cash"), ("Settled Funds", "Cash"), ("Funds", "Cash"),
                      ("Liquidity", "Cash"), ("Balance", "Cash"), ("Available Funds ($)", "Cash"), ("Free Credit Balance", "Cash"),
                      ("Available to Withdraw", "Cash")])
    func moneyUnderOtherWords(header: String, column: String) throws {
        let reading = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", .text(header)], ["T-1", "Joint", 20_000], ["T-2", "IRA", 0]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.place) == ["Accounts!C1"])
        #expect(reading.errors.first?.message.contains("and the sheet has no \(column) column") == true, "\(reading.errors)")
        #expect(reading.errors.first?.message.contains("rename it \(column)") == true, "\(reading.errors)")
    }

    @Test("The errors for a tax budget, a withdrawal and cash under other words say what is left unread")
    func moneyUnderOtherWordsMessages() throws {
        let reading = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Allowed Tax", "Funds Needed", "Available Funds"], ["T-1", "Joint", 20_000, 25_000, 31_975.55],
                          ["T-2", "IRA", nil, 0, 0]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Accounts!C1: The column \"Allowed Tax\" is not one the tool reads, and the sheet has no Tax Budget column: if it "
                + "holds the Tax Budget, rename it Tax Budget (in dollars); if not, add a Tax Budget column, blank where there is "
                + "none. Left unread, the plan would go on with no tax budget of the account's own (the Settings one would apply).",
            "Accounts!D1: The column \"Funds Needed\" is not one the tool reads, and the sheet has no Withdrawal column: if it "
                + "holds each account's amount to raise (in dollars), rename it Withdrawal; if not, rename it so it names none. "
                + "Left unread, the plan would raise nothing.",
            "Accounts!E1: The column \"Available Funds\" is not one the tool reads, and the sheet has no Cash column: if it "
                + "holds the Cash, rename it Cash (in dollars); if not, add a Cash column, blank where there is none. Left "
                + "unread, the plan would go on with no cash.",
        ])
    }

    /// Columns an Accounts sheet carries beside its cash that move no money: a total's value, a
    /// fee, a date, a name, or a balance beside the Cash column (most likely the whole
    /// account's). Each stays a note, as a balance of zeros does without a Cash column.
    @Test("Market Value, AUM, a fee, a date, a balance beside Cash and a column of zeros stay readable")
    func columnsBesideCashStayReadable() throws {
        let headers: [FixtureCell] = ["Market Value", "Account Value", "AUM", "Total Value", "Fee", "Advisor", "Opened", "Notes",
                                      "Custodian", "Balance Date", "Account Balance", "Total Balance", "Net Liquidity",
                                      "Request ID", "Balance"]
        let values: [FixtureCell] = [250_000, 250_000, 250_000, 250_000, 0.01, "J. Doe", .day(2019, 1, 2), "Rebalance quarterly",
                                     "Schwab", .day(2026, 11, 19), 250_000, 250_000, 250_000, 4471, 250_000]
        let reading = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Cash"] + headers, ["T-1", "Joint", 500] + values, ["T-2", "IRA", 0] + values]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.warnings.filter { $0.place.hasPrefix("Accounts!") }.isEmpty, "\(reading.warnings)")
        #expect(reading.portfolio?.accounts.map(\.cash) == [Money(cents: 50_000), .zero])
        // With no Cash column, a Balance of zeros holds none: passed over.
        let zeros = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Balance", "Payout"], ["T-1", "Joint", 0, nil], ["T-2", "IRA", nil, 0]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(zeros.errors.isEmpty, "\(zeros.errors)")
        #expect(zeros.diagnostics.filter { $0.message.contains("holds no amount") }.map(\.place) == ["Accounts!C1", "Accounts!D1"])
    }

    /// `Household Name` beside `Client Name` names the household as plainly as `Household`
    /// (refused as two disagreeing Household columns); a `Client Name` or `Family Name` read
    /// as the Household that leaves accounts each alone is warned of, as a couple's two names
    /// split their household and a wash sale across their accounts went unseen (explore-CO).
    @Test("Household Name beside Client Name is the Household; a Client Name leaving accounts alone is warned of")
    func householdUnderClientNames() throws {
        let named = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Client Name", "Household Name"], ["T-1", "Joint", "David Chen", "Chen Family"],
                          ["T-2", "IRA", "Linda Chen", "Chen Family"]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(named.errors.isEmpty, "\(named.errors)")
        #expect(named.portfolio?.accounts.map(\.household) == ["Chen Family", "Chen Family"])
        for header in ["Client Name", "Family Name"] {
            let persons = try read([
                Self.settings,
                ("Accounts", [["Account", "Type", .text(header)], ["T-1", "Joint", "David Chen"], ["T-2", "IRA", "Linda Wong"]]),
                Self.lots, Self.model, Self.prices,
            ])
            #expect(persons.warnings.map(\.description) == [
                "Accounts!C1: The Household is read from \"\(header)\", and it leaves T-1 and T-2 each a household of its own: "
                    + "wash sales are checked within each alone, and one's buy blocks no other's loss sale. If it holds each "
                    + "person's name, give the accounts of one family one Household (a Household column of the family's name).",
            ])
        }
        // One family's name on both rows: no warning.
        let family = try read([
            Self.settings,
            ("Accounts", [["Account", "Type", "Client Name"], ["T-1", "Joint", "Chen"], ["T-2", "IRA", "Chen"]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(family.warnings.isEmpty, "\(family.warnings)")
    }

    /// A Name saying an untaxed plan and a taxed account at once (`SIMPLE TRUST`, a taxed
    /// trust): read as the plan, with a blank Type, its gains had been planned at no tax
    /// (explore-CO). The PM is asked for the Type; a plan's own name is still read.
    @Test("A blank Type beside a Name saying a plan and a taxed account is an error at the Type cell",
          arguments: [("SIMPLE TRUST", "SIMPLE", "TRUST"), ("SEP Holdings LLC", "SEP", "LLC"), ("HSA Holdings LLC", "HSA", "LLC"),
                      ("Chen Joint (former SEP)", "SEP", "Joint"), ("Chen Brokerage (non-IRA)", "IRA", "Brokerage"),
                      ("DAVID SIMPLE & MARY SIMPLE JTWROS", "SIMPLE", "JTWROS"), ("IRA CHEN INDIVIDUAL", "IRA", "INDIVIDUAL"),
                      ("Chen SEP (non-qualified)", "SEP", "non-qualified")])
    func planNameSayingTaxedAccount(name: String, plan: String, taxed: String) throws {
        let reading = try read([
            Self.settings,
            ("Accounts", [["Account", "Name", "Type"], ["T-1", .text(name), nil], ["T-2", "Chen IRA", "IRA"]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Accounts!C2: Type is blank, and T-1's Name \"\(name)\" says both \(plan) (untaxed) and \(taxed) (taxed): write the "
                + "account's Type (Taxable, Joint or Trust if its sales are taxed, \(plan) if it is the plan).",
        ])
    }

    @Test("A plan's own name, a custodian's company or a solo 401(k) beside it, is still read as the plan")
    func planNamesStillRead() throws {
        let names: [FixtureCell] = ["SIMPLE IRA - J. Chen", "SEP-IRA Chen", "Chen Individual 401(k)",
                                    "SCHWAB & CO INC CUST IRA ROLLOVER FBO DAVID CHEN", "Chen HSA (non-taxable)"]
        let reading = try read([
            Self.settings,
            ("Accounts", [["Account", "Name", "Type"]] + names.enumerated().map { [.text("T-\($0.offset + 1)"), $0.element, nil] }),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["T-1", "VTI", 100, 20000, .day(2019, 1, 2)]]),
            Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.accounts.map(\.type) == [.simple, .sep, .k401, .ira, .hsa])
    }
}
