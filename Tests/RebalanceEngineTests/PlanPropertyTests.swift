import Testing
@testable import RebalanceEngine
import PortfolioGenerator
#if canImport(Glibc)
import Glibc
#endif

/// The contract's invariants over many generated portfolios: every plan is checked on its
/// own rows and against the input it came from.
@Suite("Plan invariants over generated portfolios")
struct PlanPropertyTests {
    static let seeds: [UInt64] = Array(1...1_200)

    @Test func everyInvariantHoldsOnGeneratedBooks() throws {
        var failures: [String] = []
        var traded = 0
        for seed in PlanPropertyTests.seeds {
            let portfolio = PortfolioGenerator.generate(seed: seed)
            #expect(PortfolioGenerator.problems(in: portfolio).isEmpty)
            let plan: Plan
            do {
                plan = try Planner.plan(for: portfolio)
            } catch {
                failures.append("seed \(seed): \(error)")
                continue
            }
            if !plan.trades.isEmpty { traded += 1 }
            for problem in PlanChecks.violations(plan, portfolio: portfolio) + washSaleViolations(plan, portfolio)
                + repeatedAuditRows(plan) {
                failures.append("seed \(seed): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(8).joined(separator: "\n"))")
        // The books must exercise the engine, not pass by doing nothing.
        #expect(traded > PlanPropertyTests.seeds.count / 2)
    }

    /// Larger households with many lots, symbols and recent trades, where phases, caps and
    /// windows interact more.
    @Test func everyInvariantHoldsOnLargerBooks() throws {
        let shape = Shape(
            accounts: 6...12, householdSize: 1...4, maxHouseholds: 4, symbols: 30...60, modelSymbols: 10...30,
            lotsPerAccount: 20...60, transactionsPerAccount: 2...8, manualTradeChance: 0.4,
            withdrawalChance: 0.3, allowsSecondModel: true)
        var failures: [String] = []
        for seed in UInt64(1)...150 {
            let portfolio = PortfolioGenerator.generate(seed: seed, shape: shape)
            #expect(PortfolioGenerator.problems(in: portfolio).isEmpty)
            do {
                let plan = try Planner.plan(for: portfolio)
                for problem in PlanChecks.violations(plan, portfolio: portfolio) + washSaleViolations(plan, portfolio)
                + repeatedAuditRows(plan) {
                    failures.append("seed \(seed): \(problem)")
                }
            } catch {
                failures.append("seed \(seed): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(8).joined(separator: "\n"))")
    }

    /// The checks themselves: a plan altered the ways a bug would alter it is refused, each
    /// with the words that name the broken invariant.
    @Test func theChecksCatchABrokenPlan() throws {
        var found: (Portfolio, Plan)?
        for seed in UInt64(1)...200 where found == nil {
            let portfolio = PortfolioGenerator.generate(seed: seed)
            let plan = try Planner.plan(for: portfolio, threads: 1)
            let sells = plan.trades.contains { (trade: Trade) in trade.side == Side.sell }
            let buys = plan.trades.contains { (trade: Trade) in trade.side == Side.buy }
            if sells, buys { found = (portfolio, plan) }
        }
        let (portfolio, plan) = try #require(found)
        #expect(PlanChecks.violations(plan, portfolio: portfolio).isEmpty)
        let sale = plan.trades.firstIndex { (trade: Trade) in trade.side == Side.sell }!
        let sold = plan.trades[sale]
        func violations(_ alter: (inout Plan) -> Void) -> [String] {
            var broken = plan
            alter(&broken)
            return PlanChecks.violations(broken, portfolio: portfolio)
        }

        let position = "\(sold.account)/\(sold.symbol)"
        #expect(violations { $0.trades[sale].quantity += Quantity(micros: 1_000_000) }.contains("\(position): Trades and Lots Sold disagree."))
        #expect(violations {
            var buy = sold
            buy.side = .buy
            buy.estimatedTax = .zero
            $0.trades.append(buy)
        }.contains("\(position) is both bought and sold."))
        let lot = plan.lotsSold.firstIndex { $0.account == sold.account && $0.symbol == sold.symbol }!
        let lotKey = "\(sold.account)/\(plan.lotsSold[lot].lotID)"
        let oversold = violations { $0.lotsSold[lot].quantity += Quantity(micros: 1_000_000_000_000) }
        #expect(oversold.contains("Lot \(lotKey) is sold beyond what it holds."))
        #expect(oversold.contains("\(position) is sold beyond what is held."))
        #expect(violations { $0.trades[sale].realizedShortTerm += Money(cents: 1) }
            .contains("\(position): Realized columns disagree with Lots Sold."))
        let cash = plan.cash.firstIndex { $0.account == sold.account }!
        #expect(violations { $0.cash[cash].cashAfter += Money(cents: 1) }.contains("\(sold.account): cash does not reconcile."))
        #expect(violations { $0.trades[sale].amount += Money(cents: 1) }.contains("\(sold.account): Cash disagrees with Trades."))
        #expect(violations { $0.trades[sale].estimatedTax += Money(cents: 1) }.contains { $0.hasPrefix("\(sold.account): Est Tax of its trades") })
        var restricted = portfolio
        let security = restricted.securities.firstIndex { $0.symbol == sold.symbol }
        if let security { restricted.securities[security].restriction = Restriction.noSell } else {
            restricted.securities.append(Security(symbol: sold.symbol, restriction: Restriction.noSell))
        }
        #expect(PlanChecks.violations(plan, portfolio: restricted).contains("\(sold.account) sells \(sold.symbol), which is No Sell."))
    }

    @Test func theSameInputGivesTheSamePlan() throws {
        for seed in PlanPropertyTests.seeds.prefix(200) {
            let portfolio = PortfolioGenerator.generate(seed: seed)
            let first = try Planner.plan(for: portfolio)
            let second = try Planner.plan(for: portfolio)
            #expect(first == second, "seed \(seed)")
        }
    }

    /// Households planned in shards, on one thread or several, merge into the plan of one
    /// pass: every row, in the same order, with the same audit numbers and exceptions.
    @Test func threadsDoNotChangeThePlan() throws {
        let larger = Shape(
            accounts: 6...12, householdSize: 1...4, maxHouseholds: 4, symbols: 30...60, modelSymbols: 10...30,
            lotsPerAccount: 20...60, transactionsPerAccount: 2...8, manualTradeChance: 0.4,
            withdrawalChance: 0.3, allowsSecondModel: true)
        var split = 0
        for (seed, shape) in PlanPropertyTests.seeds.prefix(400).map({ ($0, Shape.small) })
            + (UInt64(1)...150).map({ ($0, larger) }) {
            let portfolio = PortfolioGenerator.generate(seed: seed, shape: shape)
            let single = try Planner.planInOnePass(for: portfolio)
            for threads in [1, 2, 3] {
                if Planner.shards(of: portfolio, count: Planner.shardCount(threads: threads)) != nil {
                    split += 1
                    // Every shard's rows fall in place: the plan is merged, not made again in one pass.
                    #expect(Planner.shardedPlan(for: portfolio, lotRuns: Planner.lotRuns(of: portfolio.lots), threads: threads, progress: nil) != nil,
                            "seed \(seed), \(threads) threads: the shards did not merge")
                }
                let plan = try Planner.plan(for: portfolio, threads: threads)
                let differing = [
                    ("trades", plan.trades == single.trades), ("lots sold", plan.lotsSold == single.lotsSold),
                    ("tax impact", plan.taxImpact == single.taxImpact), ("cash", plan.cash == single.cash),
                    ("drift", plan.drift == single.drift), ("wash sales", plan.washSales == single.washSales),
                    ("audit log", plan.auditLog == single.auditLog), ("exceptions", plan.exceptions == single.exceptions),
                    ("phase changes", plan.phaseChanges == single.phaseChanges), ("the whole plan", plan == single),
                ].filter { !$0.1 }.map(\.0)
                #expect(differing.isEmpty, "seed \(seed), \(threads) threads: \(differing) differ")
                if !differing.isEmpty { return }
            }
        }
        // Most books have more than one household, so the shards are really exercised.
        #expect(split > 900)
    }

    /// A book whose input has errors reports the same errors, in the same order, in one
    /// pass and on any number of threads.
    @Test func threadsReportTheSameInputErrors() throws {
        var book = BookBuilder()
        book.account("SMITH-1", household: "Smith", cash: "1000")
        book.account("JONES-1", household: "Jones", cash: "1000")
        book.hold("S1", "AAPL", 10, basis: "1000", acquired: "2020-01-06", account: "SMITH-1")
        book.hold("J1", "AAPL", 10, basis: "1000", acquired: "2020-01-06", account: "JONES-1")
        book.hold("X1", "AAPL", 5, basis: "500", acquired: "2020-01-06", account: "NOBODY")
        book.target("AAPL", "0.9")
        book.prices["AAPL"] = "150"
        book.manual("JONES-1", "AAPL", .sell, 50)
        book.manual("SMITH-1", "AAPL", .sell, 40)
        /// The errors of a plan on `threads` threads; in one pass without.
        func problems(threads: Int?) -> [String] {
            do {
                if let threads {
                    _ = try Planner.plan(for: book.portfolio, threads: threads)
                } else {
                    _ = try Planner.planInOnePass(for: book.portfolio)
                }
                return []
            } catch let PlanningError.input(problems) {
                return problems.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        let single = problems(threads: nil)
        #expect(single.contains("Lots: Account NOBODY is not in the Accounts sheet."))
        #expect(problems(threads: 1) == single)
        #expect(problems(threads: 2) == single)
        // Without the stray lot, both households' manual sales are refused, in Account order.
        book.lots.removeAll { $0.account == "NOBODY" }
        let manual = problems(threads: nil)
        #expect(manual == ["Manual Trades!A3: Sells 40 AAPL but SMITH-1 holds 10.",
                           "Manual Trades!A2: Sells 50 AAPL but JONES-1 holds 10."])
        #expect(problems(threads: 1) == manual)
        #expect(problems(threads: 2) == manual)
    }

    /// No wash-blocked buy outside Manual Trades; no blocked loss sale but a forced one with
    /// its `Disallowed` row; only Manual and Raise Cash force.
    /// The Audit Log says each decision once per phase and account: a row repeated word for
    /// word in one (a Raise Cash tier or round meeting the same cut, Harvest judging the same
    /// replacement for each loss lot of a symbol) is noise a CIO reads twice.
    func repeatedAuditRows(_ plan: Plan) -> [String] {
        struct Words: Hashable {
            let phase: Phase?, account: String?, symbol: String?, rule: String, decision: String, detail: String
        }
        var seen = Set<Words>()
        var problems: [String] = []
        for row in plan.auditLog {
            let words = Words(phase: row.phase, account: row.account, symbol: row.symbol, rule: row.rule,
                              decision: row.decision, detail: row.detail)
            if !seen.insert(words).inserted { problems.append("Audit Log row \(row.seq) repeats: \(row.detail)") }
        }
        return problems
    }

    func washSaleViolations(_ plan: Plan, _ portfolio: Portfolio) -> [String] {
        var problems: [String] = []
        var group: [String: String] = [:]
        for security in portfolio.securities { if let g = security.identicalGroup { group[security.symbol] = g } }
        func family(_ symbol: String) -> String { group[symbol].map { "group:\($0)" } ?? symbol }
        var accounts: [String: Account] = [:]
        for account in portfolio.accounts { accounts[account.id] = account }
        let asOf = portfolio.settings.asOf
        let window = portfolio.settings.washSaleDays
        // Loss sales that open windows before the run: Transactions in taxed accounts.
        var windows: [(household: String, family: String, date: CivilDate)] = []
        for sale in portfolio.transactions where sale.isLossSale {
            guard let account = accounts[sale.account], account.type.isTaxed else { continue }
            windows.append((account.household, family(sale.symbol), sale.date))
        }
        for buy in plan.trades where buy.side == .buy && buy.phase != .manual {
            let household = accounts[buy.account]!.household
            for open in windows where open.household == household && open.family == family(buy.symbol) {
                let elapsed = asOf.days(since: open.date)
                if elapsed >= 0, elapsed <= window {
                    problems.append("\(buy.account) buys \(buy.symbol) inside the window of a \(open.date) loss sale.")
                }
            }
            // Loss sales earlier in the run (an earlier phase) block the buy too.
            for lot in plan.lotsSold where lot.phase < buy.phase && lot.gain.isNegative
                && accounts[lot.account]!.type.isTaxed && accounts[lot.account]!.household == household
                && family(lot.symbol) == family(buy.symbol) {
                problems.append("\(buy.account) buys \(buy.symbol) after a loss sale of \(lot.symbol) in \(lot.account).")
            }
        }
        for lot in plan.lotsSold where lot.disallowedLoss > .zero {
            if lot.phase != .manual && lot.phase != .raiseCash {
                problems.append("\(lot.account)/\(lot.lotID): a \(lot.phase.rawValue) sale disallows a loss.")
            }
            let listed = plan.washSales.contains {
                $0.action == .disallowed && $0.account == lot.account && $0.lotID == lot.lotID
            }
            if !listed { problems.append("\(lot.account)/\(lot.lotID): disallowed loss without a Disallowed row.") }
        }
        return problems
    }
}

/// `PLAN_SEED=240 swift test --filter planDump` prints one generated plan, for diagnosis.
@Test func planDump() throws {
    guard let text = Environment.value("PLAN_SEED"), let seed = UInt64(text) else { return }
    let portfolio = PortfolioGenerator.generate(seed: seed)
    print(portfolio)
    do {
        let plan = try Planner.uncheckedPlan(for: portfolio)
        for problem in PlanChecks.violations(plan, portfolio: portfolio) { print("VIOLATION", problem) }
        for trade in plan.trades { print("TRADE", trade.account, trade.phase.rawValue, trade.reason, trade.estimatedTax) }
        for row in plan.taxImpact { print("TAX", row) }
        for row in plan.drift { print("DRIFT", row) }
        for row in plan.auditLog { print("AUDIT", row.seq, row.phase?.rawValue ?? "-", row.account ?? "-", row.symbol ?? "-", row.rule, row.decision, row.detail) }
        for row in plan.exceptions { print("EXC", row) }
        for row in plan.washSales { print("WASH", row.action, row.account, row.symbol, row.note) }
    } catch {
        print("ERROR", error)
    }
}

enum Environment {
    static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        return String(cString: pointer)
    }
}
