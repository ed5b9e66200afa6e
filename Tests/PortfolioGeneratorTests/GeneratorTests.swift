import PortfolioGenerator
import RebalanceEngine
import Testing

@Suite struct GeneratorTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        // The first outputs for seed 0 of the reference C implementation (Vigna, splitmix64.c).
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
    }

    @Test(arguments: [0, 1, 42, 0xDEAD_BEEF, UInt64.max] as [UInt64])
    func theSameSeedGivesTheSamePortfolio(seed: UInt64) {
        #expect(PortfolioGenerator.generate(seed: seed, shape: .small) == PortfolioGenerator.generate(seed: seed, shape: .small))
    }

    @Test func differentSeedsGiveDifferentPortfolios() {
        let portfolios = (0..<50 as Range<UInt64>).map { PortfolioGenerator.generate(seed: $0, shape: .small) }
        #expect(Set(portfolios).count == portfolios.count)
    }

    /// Checks every portfolio of `shape` from `seeds`: valid, with its accounts and households
    /// in range; `more` adds the shape's own expectations.
    private func expectEveryPortfolio(
        of shape: Shape, seeds: Range<UInt64>, accounts: ClosedRange<Int>, households: ClosedRange<Int>,
        _ more: (Portfolio, UInt64) -> Void
    ) {
        for seed in seeds {
            let portfolio = PortfolioGenerator.generate(seed: seed, shape: shape)
            let problems = PortfolioGenerator.problems(in: portfolio)
            #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(5).joined(separator: " "))")
            #expect(accounts.contains(portfolio.accounts.count), "seed \(seed)")
            #expect(households.contains(Set(portfolio.accounts.map(\.household)).count), "seed \(seed)")
            more(portfolio, seed)
        }
    }

    @Test func everySmallPortfolioIsValidAndSmall() {
        expectEveryPortfolio(of: .small, seeds: 0..<1_000, accounts: 1...4, households: 1...3) { portfolio, seed in
            #expect(portfolio.lots.count <= 40, "seed \(seed)")
            let universe = Set(portfolio.lots.map(\.symbol) + portfolio.models.flatMap { $0.targets.map(\.symbol) }
                + portfolio.securities.map(\.symbol))
            #expect(universe.count <= 15, "seed \(seed)")
        }
    }

    @Test func everyDensePortfolioIsValidAndCrowdsItsHouseholds() {
        expectEveryPortfolio(of: .dense, seeds: 0..<200, accounts: 8...16, households: 1...2) { portfolio, seed in
            // Every account trades: at least two Transactions rows of its own.
            let traded = Dictionary(grouping: portfolio.transactions, by: \.account)
            #expect(portfolio.accounts.allSatisfy { (traded[$0.id]?.count ?? 0) >= 2 }, "seed \(seed)")
        }
    }

    @Test func pricesAreRealisticAndExact() {
        for seed in 0..<200 as Range<UInt64> {
            for price in PortfolioGenerator.generate(seed: seed, shape: .small).prices {
                #expect(price.price >= Price(cents: 500) && price.price <= Price(cents: 90_000), "\(price.symbol) \(price.price)")
                #expect(price.price.micros % 100 == 0, "\(price.symbol) \(price.price) has more than four decimals")
                #expect(price.origin == .workbook)
            }
        }
    }

    @Test func aShapeCanTurnFeaturesOff() {
        var plain = Shape.small
        plain.transactionsPerAccount = 0...0
        plain.manualTradeChance = 0
        plain.withdrawalChance = 0
        plain.allowsSecondModel = false
        plain.restrictionChance = 0
        plain.phaseOutChance = 0
        plain.shareClassChance = 0
        for seed in 0..<200 as Range<UInt64> {
            let portfolio = PortfolioGenerator.generate(seed: seed, shape: plain)
            #expect(PortfolioGenerator.problems(in: portfolio) == [], "seed \(seed)")
            #expect(portfolio.transactions.isEmpty && portfolio.manualTrades.isEmpty)
            #expect(portfolio.accounts.allSatisfy { $0.withdrawal == .zero })
            #expect(portfolio.models.count == 1)
            #expect(portfolio.securities.allSatisfy { $0.restriction == nil && !$0.phaseOut && $0.identicalGroup == nil })
        }
    }

    @Test func firmScaleHasTheBookOfAFirm() {
        let portfolio = PortfolioGenerator.generate(seed: 7, shape: .firmScale)
        #expect(portfolio.accounts.count == 1_000)
        #expect(portfolio.lots.count == 200_000)
        let universe = Set(portfolio.lots.map(\.symbol) + portfolio.models.flatMap { $0.targets.map(\.symbol) }
            + portfolio.securities.map(\.symbol))
        #expect(universe.count == 500)
        #expect(portfolio.models.count == 1)
        #expect(portfolio.models[0].targets.count == 100)
        var householdSizes: [String: Int] = [:]
        for account in portfolio.accounts { householdSizes[account.household, default: 0] += 1 }
        #expect(householdSizes.values.allSatisfy { (1...4).contains($0) })
        #expect(portfolio.accounts.contains { $0.withdrawal > .zero })
        #expect(!portfolio.transactions.isEmpty)
        #expect(PortfolioGenerator.problems(in: portfolio) == [])
    }
}

@Suite struct ProblemListTests {
    /// A valid small portfolio to break one rule at a time.
    static let base: Portfolio = {
        for seed in (0 as UInt64)... {
            let portfolio = PortfolioGenerator.generate(seed: seed, shape: .small)
            if !portfolio.lots.isEmpty && portfolio.accounts.count >= 2 && !portfolio.manualTrades.isEmpty
                && !portfolio.transactions.isEmpty {
                return portfolio
            }
        }
        fatalError("no seed gives the base portfolio")
    }()

    @Test func theBaseIsValid() {
        #expect(PortfolioGenerator.problems(in: Self.base) == [])
    }

    @Test func eachBrokenRuleIsListed() {
        let asOf = Self.base.settings.asOf
        var cases: [(String, (inout Portfolio) -> Void)] = [
            ("Wash Sale Days", { $0.settings.washSaleDays = 29 }),
            ("out of Account order", { $0.accounts.reverse() }),
            ("cash is negative", { $0.accounts[0].cash = Money(cents: -1) }),
            ("not a model", { $0.accounts[0].model = "Nowhere" }),
            ("unknown account", { $0.lots[0].account = "ZZZ" }),
            ("used twice", { $0.lots.append($0.lots[0]) }),
            ("after the As Of", { $0.lots[0].acquired = asOf.adding(days: 1) }),
            ("negative cost basis", { $0.lots[0].costBasis = Money(cents: -1) }),
            ("not a positive quantity", { $0.lots[0].quantity = .zero }),
            ("needs a price", { p in p.prices.removeAll() }),
            ("above 100%", { $0.models[0].targets[0].target = .one }),
            ("not within Price Max Age Days", { $0.prices[0].asOf = asOf.adding(days: -($0.settings.priceMaxAgeDays + 1)) }),
            ("out of order", { $0.prices.reverse(); $0.prices.append($0.prices[0]) }),
            ("is dated", { $0.transactions[0].date = asOf.adding(days: 1) }),
        ]
        cases.append(("both buys and sells", { p in
            var opposite = p.manualTrades[0]
            opposite.side = opposite.side == .buy ? .sell : .buy
            p.manualTrades.append(opposite)
        }))
        cases.append(("more than its cash", { p in
            let trade = p.manualTrades[0]
            p.manualTrades.append(ManualTrade(account: trade.account, symbol: "NEWBUY", side: .buy,
                                              size: .amount(Money(dollars: 1_000_000_000))))
        }))
        cases.append(("which holds", { p in
            let lot = p.lots[0]
            p.manualTrades.removeAll { $0.account == lot.account && $0.symbol == lot.symbol }
            p.manualTrades.append(ManualTrade(account: lot.account, symbol: lot.symbol, side: .sell,
                                              size: .quantity(lot.quantity + lot.quantity + Quantity(shares: 1_000_000))))
        }))
        for (phrase, breakIt) in cases {
            var portfolio = Self.base
            breakIt(&portfolio)
            let problems = PortfolioGenerator.problems(in: portfolio)
            #expect(problems.contains { $0.contains(phrase) }, "\(phrase): \(problems)")
        }
    }
}
