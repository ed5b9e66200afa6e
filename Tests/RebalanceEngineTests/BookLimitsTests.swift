import RebalanceEngine
import Testing

/// Books too large for exact arithmetic are refused with what they came to, never planned
/// into an overflow.
@Suite("Books too large to plan")
struct BookLimitsTests {
    /// One account holding 100 VTI at $190, with a model of VTI and BND ($72.85).
    func book(cash: String, shares: Int64 = 100, bndPrice: String = "72.85") -> BookBuilder {
        var book = BookBuilder()
        book.account("BAKER-JT", household: "Baker", cash: cash)
        book.hold("B-1", "VTI", shares, basis: "38000", acquired: "2012-08-01")
        book.target("VTI", "0.6")
        book.target("BND", "0.4")
        book.prices = ["VTI": "190", "BND": bndPrice]
        return book
    }

    @Test func cashWithDigitsTooManyIsRefusedNamingIt() throws {
        // Nine thousand million million dollars of cash once trapped on adding up a buy's shares.
        let error = try #require(throws: PlanningError.self) { try book(cash: "9000000000000000").plan() }
        guard case .input(let problems) = error else { Issue.record("\(error)"); return }
        #expect(problems.first?.message == "The book's amounts (cash, withdrawals, the year's figures, each lot's "
            + "value and basis, manual trades, transactions) come to $9,000,000,000,057,000.00, more than the "
            + "$1,000,000,000,000,000.00 the tool plans with; the largest is BAKER-JT's Cash, "
            + "$9,000,000,000,000,000.00. A digit too many?")
        #expect(throws: PlanningError.self) { try Planner.planInOnePass(for: book(cash: "9000000000000000").portfolio) }
    }

    @Test func aHouseholdThatWouldBuyTooManySharesIsRefused() throws {
        // $1,000,000,019,000 at a tenth of a cent a share would buy a million million shares and more.
        let error = try #require(throws: PlanningError.self) {
            try book(cash: "1000000000000", bndPrice: "0.001").plan()
        }
        guard case .input(let problems) = error else { Issue.record("\(error)"); return }
        #expect(problems.map(\.message) == [
            "Household Baker holds and trades 100 shares, and its $1,000,000,019,000.00 would buy "
                + "1,000,000,019,000,000 shares of BND at $0.001: 1,000,000,019,000,100 in all, more than the "
                + "1,000,000,000,000 shares the tool plans with. A digit too many, or a price far too low?",
        ])
    }

    @Test func aTaxBudgetMeantAsNoLimitIsNotAddedToTheBook() throws {
        // A thousand accounts each with a budget of a thousand million dollars plan; a budget
        // past what the tool plans with is refused, saying how to mean no limit.
        var book = book(cash: "1000")
        book.accounts[0].taxBudget = .limit(usd("999999999999"))
        for number in 1..<1_000 {
            book.account("ACC-\(number)", household: "H\(number)", cash: "100", budget: .limit(usd("999999999999")))
        }
        #expect(throws: Never.self) { try Planner.planInOnePass(for: book.portfolio) }
        book.accounts[3].taxBudget = .limit(usd("2000000000000000"))
        let error = try #require(throws: PlanningError.self) { try book.plan() }
        #expect(error.description == "ACC-3's Tax Budget of $2,000,000,000,000,000.00 is more than the "
            + "$1,000,000,000,000,000.00 the tool plans with; for no limit, write Unlimited.")
    }

    @Test func datesAWindowOrHoldingYearWouldCarryPastTheCalendarAreRefused() throws {
        // A run on 9999-12-20 once crashed opening a window past 9999-12-31.
        var late = book(cash: "1000")
        late.settings.asOf = date("9999-12-20")
        late.lots[0].acquired = date("0001-06-01")
        late.settings.washSaleDays = 400
        let error = try #require(throws: PlanningError.self) { try late.plan() }
        #expect(error.description.split(separator: "\n") == [
            "Settings: Wash Sale Days must be from 0 to 366, found 400.",
            "Settings: As Of 9999-12-20 is outside 0002-01-01 to 9997-12-31, the dates the tool plans with.",
            "Lots: Lot B-1 of BAKER-JT: Acquired 0001-06-01 is outside 0002-01-01 to 9997-12-31, the dates the tool plans with.",
        ])
        var edge = book(cash: "1000")
        edge.settings.asOf = date("9997-12-31")
        edge.settings.washSaleDays = 366
        edge.lots[0].acquired = date("9997-12-31")
        #expect(throws: Never.self) { try edge.plan() }
    }

    @Test func theLargestRealBooksPlan() throws {
        // A hundred thousand million dollars in one account, at a penny a share: inside the limits.
        let plan = try book(cash: "100000000000", bndPrice: "0.20").plan()
        #expect(plan.trade("BAKER-JT", "BND", .buy) != nil)
        #expect(plan.trade("BAKER-JT", "VTI", .buy) != nil)
    }

    @Test func aPositionOfMoreLotsThanTheEnginePlansIsRefusedNamingIt() throws {
        // A Lots sheet filled to Excel's last row with one account's VTI ran past 300 s.
        var book = book(cash: "0")
        for lot in 0..<BookLimits.maxLotsPerPosition {
            book.hold("V-\(lot)", "VTI", 1, basis: "150", acquired: "2020-01-02")
        }
        let error = try #require(throws: PlanningError.self) { try book.plan() }
        guard case .input(let problems) = error else { Issue.record("\(error)"); return }
        #expect(problems.map(\.message) == [
            "Account BAKER-JT holds 100001 lots of VTI; the tool plans at most 100000 lots of one position (its phases "
                + "sell lot by lot, and a position of more would take minutes). Combine the position's lots of a day, "
                + "or plan it by hand.",
        ])
    }
}
