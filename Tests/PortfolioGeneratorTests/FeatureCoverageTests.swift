import PortfolioGenerator
import RebalanceEngine
import Testing

/// Counts, over many generated portfolios, how many show each feature the engine's
/// invariants need exercised.
struct FeatureCounter {
    private(set) var counts: [String: Int] = [:]

    static let expected: [String] = [
        "restriction No Buy held", "restriction No Sell held", "restriction No Trade held", "restriction Hold held",
        "lot method Tax Optimal", "lot method HIFO", "lot method FIFO", "lot method LIFO",
        "rebalance to Band Edge", "rebalance to Target", "fractional shares on", "fractional shares off",
        "budget unlimited", "budget zero", "budget small", "budget large", "harvest losses off",
        "wash sale days above 30", "identical group", "stand-in held", "legacy held", "phase out in model",
        "phase out outside model", "replacement list", "replacement restricted", "replacement in identical group",
        "group cap below targets", "sector band", "second model", "zero target", "targets 100% less cash",
        "untaxed account", "household taxed and untaxed",
        "lot with gain", "lot with loss", "lot short-term", "lot long-term", "lot acquired one year before",
        "lot long-term from the As Of", "lot acquired on a month end", "lot acquired Feb 29", "term override",
        "fractional lot", "zero basis lot",
        "transaction at Wash Sale Days", "transaction at Wash Sale Days + 1", "transaction inside window",
        "loss sale without quantity", "loss sale without realized gain", "loss sale in untaxed account",
        "household buy in another account within window", "buy of a held lot",
        "realized YTD", "carryforward", "zero cash", "withdrawal within cash", "withdrawal above cash",
        "withdrawal above cash and holdings",
        "manual buy by quantity", "manual buy by amount", "manual sell by quantity", "manual sell by amount",
    ]

    private mutating func note(_ feature: String, _ present: Bool) {
        precondition(FeatureCounter.expected.contains(feature), "unlisted feature \(feature)")
        if present { counts[feature, default: 0] += 1 }
    }

    mutating func count(_ p: Portfolio) {
        let s = p.settings
        let asOf = s.asOf
        let securities = Dictionary(uniqueKeysWithValues: p.securities.map { ($0.symbol, $0) })
        let prices = Dictionary(uniqueKeysWithValues: p.prices.map { ($0.symbol, $0.price) })
        let accounts = Dictionary(uniqueKeysWithValues: p.accounts.map { ($0.id, $0) })
        let heldSymbols = Set(p.lots.map(\.symbol))
        let modelled = Set(p.models.flatMap { $0.targets.map(\.symbol) })
        func family(_ symbol: String) -> Set<String> {
            guard let group = securities[symbol]?.identicalGroup else { return [symbol] }
            return Set(p.securities.filter { $0.identicalGroup == group }.map(\.symbol)).union([symbol])
        }

        for kind in [Restriction.noBuy, .noSell, .noTrade, .hold] {
            note("restriction \(kind.rawValue) held", heldSymbols.contains { securities[$0]?.restriction == kind })
        }
        for method in LotMethod.allCases { note("lot method \(method.rawValue)", s.lotMethod == method) }
        note("rebalance to Band Edge", s.rebalanceTo == .bandEdge)
        note("rebalance to Target", s.rebalanceTo == .target)
        note("fractional shares on", s.fractionalShares)
        note("fractional shares off", !s.fractionalShares)
        let budgets = [s.taxBudget] + p.accounts.map(\.taxBudget)
        note("budget unlimited", budgets.contains(.unlimited))
        note("budget zero", budgets.contains(.limit(.zero)))
        note("budget small", budgets.contains { if case .limit(let m) = $0 { m > .zero && m <= Money(dollars: 2_000) } else { false } })
        note("budget large", budgets.contains { if case .limit(let m) = $0 { m >= Money(dollars: 10_000) } else { false } })
        note("harvest losses off", !s.harvestLosses)
        note("wash sale days above 30", s.washSaleDays > 30)
        note("identical group", p.securities.contains { $0.identicalGroup != nil })
        note("phase out in model", p.securities.contains { $0.phaseOut && modelled.contains($0.symbol) })
        note("phase out outside model", p.securities.contains { $0.phaseOut && !modelled.contains($0.symbol) })
        note("replacement list", p.securities.contains { $0.replacements.count >= 2 })
        note("replacement restricted", p.securities.contains { $0.replacements.contains { securities[$0]?.restriction != nil } })
        note("replacement in identical group", p.securities.contains { security in
            security.identicalGroup != nil && security.replacements.contains { securities[$0]?.identicalGroup == security.identicalGroup }
        })
        let targets = Dictionary(p.models[0].targets.map { ($0.symbol, $0.target.millionths) }, uniquingKeysWith: { a, _ in a })
        note("group cap below targets", p.groups.contains { group in
            p.securities.filter { $0.exposureGroup == group.group }.compactMap { targets[$0.symbol] }.reduce(0, +)
                > group.maxWeight.millionths
        })
        note("sector band", !p.sectors.isEmpty)
        note("second model", p.models.count > 1)
        note("zero target", p.models.contains { $0.targets.contains { $0.target == .zero } })
        note("targets 100% less cash", p.models.contains { model in
            model.targets.map(\.target.millionths).reduce(0, +) + (model.cashTarget ?? s.cashTarget).millionths == 1_000_000
        })
        note("untaxed account", p.accounts.contains { !$0.type.isTaxed })
        let households = Dictionary(grouping: p.accounts, by: \.household)
        note("household taxed and untaxed", households.values.contains { members in
            members.contains { $0.type.isTaxed } && members.contains { !$0.type.isTaxed }
        })

        var standIn = false, legacy = false
        for lot in p.lots {
            guard let account = accounts[lot.account],
                  let model = p.models.first(where: { $0.name == account.model }) ?? (p.models.count == 1 ? p.models.first : nil)
            else { continue }
            let modelSymbols = Set(model.targets.map(\.symbol))
            if modelSymbols.contains(lot.symbol) || securities[lot.symbol]?.restriction == .hold { continue }
            let isStandIn = modelSymbols.contains { m in
                family(m).contains(lot.symbol) || (securities[m]?.replacements.contains(lot.symbol) ?? false)
            }
            if isStandIn { standIn = true } else { legacy = true }
        }
        note("stand-in held", standIn)
        note("legacy held", legacy)

        let yearBefore = CivilDate(year: asOf.year - 1, month: asOf.month, day: asOf.day)
        note("lot with gain", p.lots.contains { lot in prices[lot.symbol].map { $0.value(of: lot.quantity) > lot.costBasis } ?? false })
        note("lot with loss", p.lots.contains { lot in prices[lot.symbol].map { $0.value(of: lot.quantity) < lot.costBasis } ?? false })
        note("lot short-term", p.lots.contains { $0.term(on: asOf) == .shortTerm })
        note("lot long-term", p.lots.contains { $0.term(on: asOf) == .longTerm })
        note("lot acquired one year before", p.lots.contains { $0.acquired == yearBefore })
        note("lot long-term from the As Of", p.lots.contains { Term.longTermStart(acquired: $0.acquired) == asOf })
        note("lot acquired on a month end", p.lots.contains { $0.acquired.isLastDayOfMonth })
        note("lot acquired Feb 29", p.lots.contains { $0.acquired.month == 2 && $0.acquired.day == 29 })
        note("term override", p.lots.contains { $0.termOverride != nil })
        note("fractional lot", p.lots.contains { !$0.quantity.isMultiple(of: .wholeShare) })
        note("zero basis lot", p.lots.contains { $0.costBasis == .zero })

        let w = s.washSaleDays
        note("transaction at Wash Sale Days", p.transactions.contains { asOf.days(since: $0.date) == w })
        note("transaction at Wash Sale Days + 1", p.transactions.contains { asOf.days(since: $0.date) == w + 1 })
        note("transaction inside window", p.transactions.contains { asOf.days(since: $0.date) < w })
        let lossSales = p.transactions.filter { $0.side == .sell && ($0.realizedGain?.isNegative ?? true) }
        note("loss sale without quantity", lossSales.contains { $0.quantity == nil })
        note("loss sale without realized gain", lossSales.contains { $0.realizedGain == nil })
        note("loss sale in untaxed account", lossSales.contains { !(accounts[$0.account]?.type.isTaxed ?? true) })
        note("household buy in another account within window", lossSales.contains { sale in
            p.transactions.contains { buy in
                buy.side == .buy && buy.account != sale.account
                    && accounts[buy.account]?.household == accounts[sale.account]?.household
                    && family(sale.symbol).contains(buy.symbol) && abs(buy.date.days(since: sale.date)) <= w
            }
        })
        note("buy of a held lot", p.transactions.contains { t in
            t.side == .buy && p.lots.contains { $0.account == t.account && $0.symbol == t.symbol && $0.acquired == t.date }
        })

        note("realized YTD", p.accounts.contains { $0.realizedShortTermYTD != .zero || $0.realizedLongTermYTD != .zero })
        note("carryforward", p.accounts.contains { $0.shortTermCarryforward > .zero || $0.longTermCarryforward > .zero })
        note("zero cash", p.accounts.contains { $0.cash == .zero })
        note("withdrawal within cash", p.accounts.contains { $0.withdrawal > .zero && $0.withdrawal <= $0.cash })
        note("withdrawal above cash", p.accounts.contains { $0.withdrawal > $0.cash })
        note("withdrawal above cash and holdings", p.accounts.contains { account in
            let value = p.lots.filter { $0.account == account.id }.compactMap { lot in prices[lot.symbol]?.value(of: lot.quantity) }.sum()
            return account.withdrawal > account.cash + value
        })
        func manual(_ side: Side, byQuantity: Bool) -> Bool {
            p.manualTrades.contains { trade in
                guard trade.side == side else { return false }
                if case .quantity = trade.size { return byQuantity } else { return !byQuantity }
            }
        }
        note("manual buy by quantity", manual(.buy, byQuantity: true))
        note("manual buy by amount", manual(.buy, byQuantity: false))
        note("manual sell by quantity", manual(.sell, byQuantity: true))
        note("manual sell by amount", manual(.sell, byQuantity: false))
    }
}

@Suite struct FeatureCoverageTests {
    @Test func everyFeatureAppearsOverAThousandSmallPortfolios() {
        var counter = FeatureCounter()
        for seed in 0..<1_000 as Range<UInt64> {
            counter.count(PortfolioGenerator.generate(seed: seed, shape: .small))
        }
        for feature in FeatureCounter.expected {
            #expect(counter.counts[feature, default: 0] > 0, "no portfolio has: \(feature)")
        }
        let table = FeatureCounter.expected.map { "\($0): \(counter.counts[$0, default: 0])" }
        print("Feature coverage over 1,000 small portfolios:\n  " + table.joined(separator: "\n  "))
    }
}
