import Testing
import RebalanceEngine
import PortfolioGenerator

@Suite("Properties over thousands of seeded random ledgers")
struct TaxPropertyTests {
    /// A random account: taxed or not, YTD figures, carryforwards and rates.
    static func randomLedger(_ random: inout SplitMix64) -> TaxLedger {
        func amount(_ random: inout SplitMix64, _ range: ClosedRange<Int64>) -> Money {
            // Mostly round dollars, sometimes odd cents, sometimes nothing.
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return .zero
            case 1: return Money(cents: Int64.random(in: range, using: &random))
            default: return Money(dollars: Int64.random(in: range, using: &random) / 100)
            }
        }
        let rates = Int.random(in: 0..<3, using: &random) == 0
            ? TaxRates.workbookDefault
            : TaxRates(shortTerm: Rate(millionths: Int64.random(in: 0...600_000, using: &random)),
                       longTerm: Rate(millionths: Int64.random(in: 0...400_000, using: &random)))
        return TaxLedger(
            profile: AccountTaxProfile(isTaxed: Int.random(in: 0..<8, using: &random) != 0, rates: rates),
            realizedShortTermYTD: amount(&random, -50_000_000...50_000_000),
            realizedLongTermYTD: amount(&random, -50_000_000...50_000_000),
            shortTermCarryforward: amount(&random, 0...30_000_000),
            longTermCarryforward: amount(&random, 0...30_000_000))
    }

    /// The estimate written out independently: combine the nets, tax what remains in each term.
    static func referenceTax(_ ledger: TaxLedger) -> Money {
        guard ledger.profile.isTaxed else { return .zero }
        let st = ledger.netShortTerm.cents, lt = ledger.netLongTerm.cents
        let combined = st + lt
        let taxedST: Int64, taxedLT: Int64
        if st >= 0 && lt >= 0 {
            (taxedST, taxedLT) = (st, lt)
        } else if combined <= 0 {
            (taxedST, taxedLT) = (0, 0)
        } else {
            (taxedST, taxedLT) = st > 0 ? (combined, 0) : (0, combined)
        }
        let millionthsOfCents = taxedST * ledger.profile.rates.shortTerm.millionths
            + taxedLT * ledger.profile.rates.longTerm.millionths
        return Money(cents: (millionthsOfCents + 500_000) / 1_000_000)
    }

    @Test("The estimate is never negative, matches the written-out rule, and the impact adds up over trades")
    func estimateAndImpact() {
        var random = SplitMix64(seed: 2026_03_02)
        for _ in 0..<5_000 {
            var ledger = Self.randomLedger(&random)
            #expect(ledger.taxBefore >= .zero)
            #expect(ledger.taxBefore == Self.referenceTax(ledger))
            var estTax: [Money] = []
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                let gain = Money(cents: Int64.random(in: -2_000_000...2_000_000, using: &random))
                let term: Term = Bool.random(using: &random) ? .shortTerm : .longTerm
                let disallowed = gain.isNegative && Bool.random(using: &random)
                    ? gain.magnitude.scaled(by: Int64.random(in: 0...100, using: &random), over: 100)
                    : Money.zero
                let before = ledger.taxAfter
                estTax.append(ledger.record(gain: gain, term: term, disallowedLoss: disallowed))
                // More gain never lowers the estimate; more loss never raises it.
                if (gain + disallowed).isNegative {
                    #expect(ledger.taxAfter <= before)
                } else {
                    #expect(ledger.taxAfter >= before)
                }
                #expect(ledger.taxAfter >= .zero)
                #expect(ledger.taxAfter == Self.referenceTax(ledger))
            }
            #expect(estTax.sum() == ledger.impact)
            #expect(ledger.impact == ledger.taxAfter - ledger.taxBefore)
        }
    }

    @Test("Room for gain is exact: it fits, and a cent more does not")
    func gainRoomIsExact() {
        var random = SplitMix64(seed: 0xB0D6E7)
        for _ in 0..<3_000 {
            var ledger = Self.randomLedger(&random)
            if Bool.random(using: &random) {
                ledger.record(gain: Money(cents: Int64.random(in: -3_000_000...3_000_000, using: &random)),
                              term: Bool.random(using: &random) ? .shortTerm : .longTerm)
            }
            let budget = TaxBudget.limit(Money(cents: Int64.random(in: -50_000...500_000, using: &random)))
            let term: Term = Bool.random(using: &random) ? .shortTerm : .longTerm
            switch ledger.roomForGain(term: term, within: budget) {
            case .unlimited:
                #expect(!ledger.profile.isTaxed || ledger.profile.rates.rate(for: term) == .zero)
                #expect(ledger.admits(gain: Money(dollars: 1_000_000_000), term: term, within: budget))
            case .upTo(let room):
                #expect(room >= .zero)
                #expect(ledger.admits(gain: room, term: term, within: budget))
                #expect(!ledger.admits(gain: room + Money(cents: 1), term: term, within: budget))
            case .none:
                #expect(!budget.admits(impact: ledger.impact))
            }
        }
    }

    @Test("The budget arithmetic never passes the budget, and one step more would")
    func budgetNeverPassed() {
        var random = SplitMix64(seed: 0x5EED_0F_7A)
        let tradeDate = date("2026-03-02")
        for index in 0..<3_000 {
            var ledger = Self.randomLedger(&random)
            if Bool.random(using: &random) {
                ledger.record(gain: Money(cents: Int64.random(in: -3_000_000...1_000_000, using: &random)),
                              term: Bool.random(using: &random) ? .shortTerm : .longTerm)
            }
            let fractional = Int.random(in: 0..<3, using: &random) == 0
            let step = fractional ? Quantity.fractionalStep : .wholeShare
            let quantity = Quantity(micros: Int64.random(in: 1...50_000, using: &random)
                                    * (fractional || Bool.random(using: &random) ? 10_000 : 1_000_000))
            let held = TaxLot(
                lotID: "P\(index)", account: "TAX-1", symbol: "XYZ", quantity: quantity,
                costBasis: Money(cents: Int64.random(in: 0...100_000_000, using: &random)),
                acquired: tradeDate.adding(days: -Int.random(in: 1...1_500, using: &random)))
            let at = Price(micros: Int64.random(in: 1_000_000...2_000_000_000, using: &random))
            let budget: TaxBudget = Int.random(in: 0..<10, using: &random) == 0
                ? .unlimited
                : .limit(Money(cents: Int64.random(in: 0...2_000_000, using: &random)))
            let sold = ledger.largestQuantity(of: held, at: at, on: tradeDate, step: step, within: budget)
            let gain = { (q: Quantity) in held.sale(of: q, at: at, on: tradeDate).gain }
            let term = held.term(on: tradeDate)
            #expect(sold >= .zero && sold <= held.quantity)
            #expect(sold == held.quantity || sold.isMultiple(of: step))
            if sold > .zero {
                #expect(ledger.admits(gain: gain(sold), term: term, within: budget))
            }
            if sold < held.quantity {
                let next = Quantity.min(sold + step, held.quantity)
                #expect(!ledger.admits(gain: gain(next), term: term, within: budget))
            }
            if case .unlimited = budget { #expect(sold == held.quantity) }
        }
    }

    @Test("With whole-cent prices and costs the cut is the largest quantity that fits")
    func budgetMatchesLinearScan() {
        var random = SplitMix64(seed: 42)
        let tradeDate = date("2026-03-02")
        for index in 0..<1_500 {
            var ledger = Self.randomLedger(&random)
            ledger.record(gain: Money(dollars: Int64.random(in: -20_000...20_000, using: &random)), term: .longTerm)
            let count = Int64.random(in: 1...200, using: &random)
            let unitCost = Int64.random(in: 100...20_000, using: &random)
            let held = TaxLot(
                lotID: "S\(index)", account: "TAX-1", symbol: "XYZ", quantity: shares(count),
                costBasis: Money(cents: unitCost * count),
                acquired: tradeDate.adding(days: -Int.random(in: 1...900, using: &random)))
            let at = Price(cents: Int64.random(in: 100...40_000, using: &random))
            let budget = TaxBudget.limit(Money(cents: Int64.random(in: 0...300_000, using: &random)))
            let sold = ledger.largestQuantity(of: held, at: at, on: tradeDate, step: .wholeShare, within: budget)
            let term = held.term(on: tradeDate)
            var expected = Quantity.zero
            for shareCount in stride(from: count, through: 0, by: -1) {
                let gain = held.sale(of: shares(shareCount), at: at, on: tradeDate).gain
                if ledger.admits(gain: gain, term: term, within: budget) {
                    expected = shares(shareCount)
                    break
                }
            }
            #expect(sold == expected, "lot \(index)")
        }
    }
}
