import RebalanceEngine

/// Makes valid, varied portfolios from a seed, for property tests and benchmarks.
///
/// Every portfolio is input the workbook reader would accept (`problems(in:)` lists none):
/// accounts in Account order, unique Lot IDs, a positive price for every symbol that needs
/// one, feasible manual trades. The same seed and shape always give the same portfolio.
public enum PortfolioGenerator {
    /// The portfolio of `seed` in `shape`.
    public static func generate(seed: UInt64, shape: Shape = .small) -> Portfolio {
        var builder = Builder(rng: SplitMix64(seed: seed), shape: shape)
        return builder.build()
    }
}

/// The state of one generation: the random stream and what has been made so far.
struct Builder {
    var rng: SplitMix64
    let shape: Shape
    var settings = Settings(asOf: CivilDate(year: 2026, month: 1, day: 2)!)
    var universe = Universe()
    var models: [Model] = []
    /// What accounts of each model may hold, by model name.
    var poolsByModel: [String: HoldingPools] = [:]
    var accounts: [Account] = []
    /// Each account's lots, in Account order.
    var lotsByAccount: [[TaxLot]] = []
    var transactions: [Transaction] = []
    var manualTrades: [ManualTrade] = []

    init(rng: SplitMix64, shape: Shape) {
        self.rng = rng
        self.shape = shape
    }

    mutating func build() -> Portfolio {
        settings = makeSettings()
        universe = makeUniverse()
        models = makeModels()
        for model in models { poolsByModel[model.name] = pools(for: model) }
        assignExposureGroups()
        let households = makeHouseholds()
        makeAccounts(households: households)
        for index in accounts.indices {
            lotsByAccount.append(makeLots(for: accounts[index]))
            fundAccount(at: index)
        }
        makeTransactions(households: households)
        for index in accounts.indices {
            makeManualTrades(forAccountAt: index)
        }
        let lots = lotsByAccount.flatMap { $0 }
        return Portfolio(
            settings: settings, accounts: accounts, lots: lots, models: models,
            prices: resolvedPrices(lots: lots), securities: universe.securityRows(),
            groups: universe.groups, sectors: universe.sectorBands,
            transactions: transactions, manualTrades: manualTrades)
    }

    // MARK: Settings

    mutating func makeSettings() -> Settings {
        var settings = Settings(asOf: makeAsOf())
        if rng.chance(0.3) {
            settings.rates = TaxRates(
                shortTerm: Rate(millionths: rng.int64(220_000...500_000)),
                longTerm: Rate(millionths: rng.chance(0.15) ? 0 : rng.int64(150_000...288_000)))
        }
        settings.taxBudget = makeBudget()
        settings.minTrade = Money(dollars: rng.pick([0, 25, 100, 100, 250, 500, 1_000] as [Int64]))
        settings.fractionalShares = rng.chance(0.3)
        settings.lotMethod = rng.pick(LotMethod.allCases)
        settings.defaultBand = Rate(millionths: rng.pick([10_000, 20_000, 20_000, 30_000, 50_000] as [Int64]))
        settings.rebalanceTo = rng.chance(0.35) ? .bandEdge : .target
        settings.cashTarget = Rate(millionths: rng.pick([0, 5_000, 10_000, 10_000, 20_000, 50_000] as [Int64]))
        settings.harvestLosses = rng.chance(0.75)
        settings.harvestMinLoss = Money(dollars: rng.pick([0, 100, 500, 1_000, 1_000, 2_500] as [Int64]))
        settings.harvestMinLossPercent = Rate(millionths: rng.pick([0, 20_000, 50_000, 50_000, 100_000] as [Int64]))
        settings.washSaleDays = rng.chance(0.75) ? 30 : rng.int(31...61)
        settings.priceMaxAgeDays = rng.chance(0.8) ? 5 : rng.int(0...10)
        settings.allowStalePrices = rng.chance(0.1)
        return settings
    }

    /// A run date: often one at a holding-period or month edge, otherwise any day of 2024–2027.
    mutating func makeAsOf() -> CivilDate {
        if rng.chance(0.25) {
            let iso = rng.pick([
                "2024-02-29", "2024-03-01", "2025-02-28", "2025-03-01", "2025-12-31",
                "2026-01-02", "2026-03-01", "2026-03-16", "2027-02-28",
            ])
            return CivilDate(iso: iso)!
        }
        let start = CivilDate(year: 2024, month: 1, day: 1)!
        return start.adding(days: rng.int(0...(4 * 365)))
    }

    /// A tax budget: unlimited, zero, small or large.
    mutating func makeBudget() -> TaxBudget {
        switch rng.weighted([(0, 4), (1, 2), (2, 2), (3, 2)]) {
        case 0: return .unlimited
        case 1: return .limit(.zero)
        case 2: return .limit(Money(cents: rng.int64(1_000...200_000)))
        default: return .limit(Money(cents: rng.int64(1_000_000...20_000_000)))
        }
    }

    // MARK: Households and accounts

    /// Account counts per household, in order.
    mutating func makeHouseholds() -> [Int] {
        var remaining = rng.int(shape.accounts)
        var sizes: [Int] = []
        while remaining > 0 {
            let slotsLeft = max(1, shape.maxHouseholds - sizes.count)
            let fewest = max(shape.householdSize.lowerBound, (remaining - 1) / slotsLeft + 1)
            let most = min(shape.householdSize.upperBound, remaining)
            let size = fewest <= most ? rng.int(fewest...most) : min(fewest, remaining)
            sizes.append(size)
            remaining -= size
        }
        return sizes
    }

    mutating func makeAccounts(households: [Int]) {
        let taxed: [AccountType] = [.taxable, .taxable, .joint, .trust, .individual, .custodial]
        let untaxed: [AccountType] = [.ira, .ira, .roth, .roth, .k401, .b403, .sep, .simple, .hsa]
        var number = 0
        for (householdIndex, size) in households.enumerated() {
            let household = "HH-\(padded(householdIndex + 1, 4))"
            for member in 0..<size {
                number += 1
                let type: AccountType
                if member == 0 {
                    type = size == 1 && rng.chance(0.25) ? rng.pick(untaxed) : rng.pick(taxed)
                } else {
                    type = rng.chance(0.7) ? rng.pick(untaxed) : rng.pick(taxed)
                }
                let model = models.count > 1 && rng.chance(0.4) ? models[1] : models[0]
                var account = Account(
                    id: "AC-\(padded(number, 5))", name: "\(household) \(type.rawValue)", household: household,
                    type: type, cash: .zero, cashTarget: model.cashTarget ?? settings.cashTarget,
                    withdrawal: .zero, taxBudget: settings.taxBudget, rates: settings.rates, model: model.name)
                if rng.chance(0.2) { account.cashTarget = Rate(millionths: rng.int64(0...50_000)) }
                if rng.chance(0.25) { account.taxBudget = makeBudget() }
                if type.isTaxed {
                    if rng.chance(0.2) {
                        account.rates = TaxRates(shortTerm: Rate(millionths: rng.int64(100_000...450_000)),
                                                 longTerm: Rate(millionths: rng.int64(0...238_000)))
                    }
                    if rng.chance(0.5) { account.realizedShortTermYTD = Money(cents: rng.int64(-5_000_000...5_000_000)) }
                    if rng.chance(0.5) { account.realizedLongTermYTD = Money(cents: rng.int64(-5_000_000...8_000_000)) }
                    if rng.chance(0.25) { account.shortTermCarryforward = Money(cents: rng.int64(0...3_000_000)) }
                    if rng.chance(0.25) { account.longTermCarryforward = Money(cents: rng.int64(0...3_000_000)) }
                }
                accounts.append(account)
            }
        }
    }

    /// Sets an account's cash from its market value, and sometimes a withdrawal: smaller than
    /// cash, larger than cash, or larger than all it could sell.
    mutating func fundAccount(at index: Int) {
        let value = lotsByAccount[index]
            .filter { universe.restriction(of: $0.symbol) != .hold }
            .map { universe.price(of: $0.symbol).value(of: $0.quantity) }.sum()
        var cash = Money.zero
        switch rng.weighted([(0, 2), (1, 5), (2, 2), (3, 1)]) {
        case 0: cash = .zero
        case 1: cash = value.scaled(by: rng.int64(1_000...50_000), over: 1_000_000) + Money(cents: rng.int64(0...99))
        case 2: cash = value.scaled(by: rng.int64(100_000...500_000), over: 1_000_000) + Money(cents: rng.int64(0...9_999))
        default: cash = Money(cents: rng.int64(0...5_000_000))
        }
        accounts[index].cash = cash
        guard rng.chance(shape.withdrawalChance) else { return }
        let withdrawal: Money
        switch rng.weighted([(0, 4), (1, 4), (2, 2)]) {
        case 0 where cash > .zero:
            withdrawal = Money(cents: rng.int64(1...cash.cents))
        case 0, 1:
            withdrawal = cash + Money(cents: rng.int64(1...max(1, value.cents)))
        default:
            withdrawal = cash + value + Money(cents: rng.int64(1...max(100, value.cents / 2)))
        }
        accounts[index].withdrawal = withdrawal
    }

    // MARK: Prices

    /// A price for every symbol the reader needs one for: held (but `Hold`), in a model, a
    /// replacement, traded by hand. Sorted by symbol, each as of a day within Price Max Age Days.
    mutating func resolvedPrices(lots: [TaxLot]) -> [ResolvedPrice] {
        let needed = PortfolioGenerator.symbolsNeedingPrices(
            lots: lots, models: models, securities: universe.securityRows(), manualTrades: manualTrades)
        var prices: [ResolvedPrice] = []
        for symbol in needed {
            let asOf = settings.asOf.adding(days: -rng.int(0...min(settings.priceMaxAgeDays, 3)))
            prices.append(ResolvedPrice(
                symbol: symbol, price: universe.price(of: symbol), origin: .workbook, asOf: asOf,
                source: rng.pick(["Custodian", "Bloomberg", "Close", nil] as [String?]),
                tried: ["Override: none", "Workbook: used"]))
        }
        return prices
    }
}

extension PortfolioGenerator {
    /// The symbols that need a price, sorted: every held symbol but `Hold` ones, every model
    /// symbol, every replacement and every manual-trade symbol (WORKBOOK.md, Meaning, Prices).
    public static func symbolsNeedingPrices(lots: [TaxLot], models: [Model], securities: [Security],
                                            manualTrades: [ManualTrade]) -> [String] {
        let holdSymbols = Set(securities.filter { $0.restriction == .hold }.map(\.symbol))
        var needed = Set<String>()
        for lot in lots where !holdSymbols.contains(lot.symbol) { needed.insert(lot.symbol) }
        for model in models { for target in model.targets { needed.insert(target.symbol) } }
        for security in securities { for replacement in security.replacements { needed.insert(replacement) } }
        for trade in manualTrades { needed.insert(trade.symbol) }
        return needed.sorted()
    }
}

/// `value` in decimal with leading zeros to `width` digits.
func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
