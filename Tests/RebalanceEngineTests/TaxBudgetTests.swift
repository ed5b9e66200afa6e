import Testing
import RebalanceEngine

@Suite("Budget cuts use the true netted estimate")
struct TaxBudgetTests {
    /// YTD ST +12,000, YTD LT −2,000, carryforwards 5,000 ST and 3,000 LT, then a 4,000 ST harvest.
    static func trapLedger() -> TaxLedger {
        var ledger = taxedLedger(ytdST: "12000", ytdLT: "-2000", carryST: "5000", carryLT: "3000")
        ledger.record(gain: usd("-4000"), term: .shortTerm)
        return ledger
    }

    @Test("The trap: after a 4,000 ST harvest a further LT gain may reach 4,000, not 6,857")
    func trap() {
        let ledger = Self.trapLedger()
        #expect(ledger.impact == usd("-816.00"))
        // 4,000.01 still rounds to the same 816.00 of tax (0.408 × 2,000.01 = 816.00408).
        #expect(ledger.roomForGain(term: .longTerm, within: .limit(.zero)) == .upTo(usd("4000.01")))
        #expect(ledger.admits(gain: usd("4000"), term: .longTerm, within: .limit(.zero)))
        #expect(!ledger.admits(gain: usd("4000.02"), term: .longTerm, within: .limit(.zero)))
        #expect(!ledger.admits(gain: usd("6857"), term: .longTerm, within: .limit(.zero)))

        // An LT lot of 1,000 shares with $10 of gain each: 400 shares fit, 401 do not.
        let legacy = lot("L1", shares: 1000, basis: "10000", acquired: "2015-01-05")
        let quantity = ledger.largestQuantity(
            of: legacy, at: price("20"), on: date("2026-03-02"), step: .wholeShare, within: .limit(.zero))
        #expect(quantity == shares(400))
    }

    @Test("Room for gain on a clean ledger, to the cent", arguments: [
        (Term.shortTerm, "408.00", "1000.01"), (.shortTerm, "408.01", "1000.03"), (.shortTerm, "0", "0.01"),
        (.longTerm, "238.00", "1000.02"), (.longTerm, "0", "0.02"), (.shortTerm, "1", "2.46"),
    ])
    func cleanRoom(term: Term, budget: String, room: String) {
        let ledger = taxedLedger()
        #expect(ledger.roomForGain(term: term, within: .limit(usd(budget))) == .upTo(usd(room)))
    }

    @Test("Losses and carryforwards widen the room", arguments: [
        ("5000", "0", Term.shortTerm, "5000.01"), ("5000", "0", .longTerm, "5000.02"),
        ("0", "2000", .longTerm, "2000.02"), ("0", "2000", .shortTerm, "2000.01"),
    ])
    func widenedRoom(carryST: String, carryLT: String, term: Term, room: String) {
        let ledger = taxedLedger(carryST: carryST, carryLT: carryLT)
        #expect(ledger.roomForGain(term: term, within: .limit(.zero)) == .upTo(usd(room)))
    }

    @Test("Room is unlimited without a budget, in untaxed accounts, and past the reach of a zero rate")
    func unlimitedRoom() {
        #expect(taxedLedger().roomForGain(term: .shortTerm, within: .unlimited) == .unlimited)
        let ira = TaxLedger(profile: AccountTaxProfile(type: .ira))
        #expect(ira.roomForGain(term: .shortTerm, within: .limit(.zero)) == .unlimited)
        // A zero ST rate: ST gains only raise tax by eating the ST loss that offsets LT gains.
        let zeroST = TaxRates(shortTerm: .zero, longTerm: Rate(millionths: 238_000))
        let ledger = taxedLedger(ytdST: "-500", ytdLT: "1000", rates: zeroST)
        #expect(ledger.roomForGain(term: .shortTerm, within: .limit(usd("50"))) == .upTo(usd("210.10")))
        #expect(ledger.roomForGain(term: .shortTerm, within: .limit(usd("200"))) == .unlimited)
    }

    @Test("A passed budget leaves no room for gains; a sale that adds no tax still fits")
    func passedBudget() {
        var ledger = taxedLedger()
        ledger.record(gain: usd("1000"), term: .shortTerm)   // manual trade: 408.00 of tax
        let budget = TaxBudget.limit(usd("100"))
        #expect(ledger.roomForGain(term: .longTerm, within: budget) == .none)
        let gainLot = lot("G", shares: 10, basis: "100", acquired: "2015-01-05")
        #expect(ledger.largestQuantity(of: gainLot, at: price("20"), on: date("2026-03-02"),
                                       step: .wholeShare, within: budget) == .zero)
        // A loss lot that brings the impact back within the budget is sold whole.
        let lossLot = lot("L", shares: 100, basis: "10000", acquired: "2025-06-02")
        #expect(ledger.largestQuantity(of: lossLot, at: price("92"), on: date("2026-03-02"),
                                       step: .wholeShare, within: budget) == shares(100))
        // One whose loss is too small to do so still adds no tax: it fits, whole.
        #expect(ledger.largestQuantity(of: lossLot, at: price("98"), on: date("2026-03-02"),
                                       step: .wholeShare, within: budget) == shares(100))
        #expect(budget.left(after: ledger.impact) == usd("-308.00"))
        #expect(TaxBudget.unlimited.left(after: ledger.impact) == nil)
    }

    @Test("Budget cuts round down to whole shares or to 0.0001", arguments: [
        // budget, step, expected quantity of a 1,000-share ST lot with $3.00 of gain per share.
        // 408.00 leaves room for 1,000.01 of gain: 333.338 shares gain 4,333.39 − 3,333.38.
        // A budget of 0 leaves 0.01 (0.00408 of tax rounds to nothing): 0.0057 shares gain 0.07 − 0.06.
        ("408.00", "1", "333"), ("408.00", "0.0001", "333.338"), ("1224.00", "1", "1000"),
        ("0", "1", "0"), ("0", "0.0001", "0.0057"), ("1223.99", "1", "999"),
    ])
    func roundsDown(budget: String, step: String, expected: String) {
        let held = lot("L1", shares: 1000, basis: "10000", acquired: "2025-12-01")
        let ledger = taxedLedger()
        let stepSize = Quantity(decimal: step)!
        let quantity = ledger.largestQuantity(
            of: held, at: price("13"), on: date("2026-03-02"), step: stepSize, within: .limit(usd(budget)))
        #expect(quantity == Quantity(decimal: expected)!)
        // It fits, and one step more does not (unless the whole lot fits).
        let gain = { (q: Quantity) in held.sale(of: q, at: price("13"), on: date("2026-03-02")).gain }
        #expect(ledger.admits(gain: gain(quantity), term: .shortTerm, within: .limit(usd(budget))))
        if quantity < held.quantity {
            #expect(!ledger.admits(gain: gain(quantity + stepSize), term: .shortTerm, within: .limit(usd(budget))))
        }
    }

    @Test("A fractional lot is sold whole when it fits, else in whole shares")
    func fractionalLot() {
        let held = TaxLot(lotID: "DRIP", account: "TAX-1", symbol: "XYZ", quantity: Quantity(decimal: "10.5")!,
                          costBasis: usd("105"), acquired: date("2025-12-01"))
        let ledger = taxedLedger()
        let at = price("20"), on = date("2026-03-02")
        #expect(ledger.largestQuantity(of: held, at: at, on: on, step: .wholeShare, within: .unlimited)
                == Quantity(decimal: "10.5")!)
        #expect(ledger.largestQuantity(of: held, at: at, on: on, step: .wholeShare, within: .limit(usd("42.84")))
                == Quantity(decimal: "10.5")!)
        #expect(ledger.largestQuantity(of: held, at: at, on: on, step: .wholeShare, within: .limit(usd("42.83")))
                == shares(10))
        // A limit below the lot is cut to whole steps: the lot is not being sold whole.
        #expect(ledger.largestQuantity(of: held, at: at, on: on, step: .wholeShare,
                                       limit: Quantity(decimal: "7.5")!, within: .unlimited) == shares(7))
    }

    @Test("An untaxed account's lots always fit")
    func untaxedFits() {
        let ira = TaxLedger(profile: AccountTaxProfile(type: .roth))
        let held = lot("L1", account: "ROTH-1", shares: 500, basis: "100", acquired: "2025-12-01")
        #expect(ira.largestQuantity(of: held, at: price("300"), on: date("2026-03-02"),
                                    step: .wholeShare, within: .limit(.zero)) == shares(500))
    }

    @Test("A forced wash sale is cut on its allowed loss")
    func forcedSaleGain() {
        // A 3,000 ST gain already taken; a 100-share LT loss lot whose loss is 60% disallowed.
        var ledger = taxedLedger()
        ledger.record(gain: usd("3000"), term: .shortTerm)
        let quantity = ledger.largestQuantity(
            upTo: shares(100), step: .wholeShare, sellsWhole: true, term: .longTerm,
            within: .limit(usd("1000"))
        ) { q in
            // $20 of loss per share, 60% disallowed: $8 allowed per share.
            Money(dollars: -8 * q.micros / Quantity.scale)
        }
        // 3,000 − 8q ≤ 1,000 / 0.408 ⇒ the budget already holds at 0 shares: the whole lot fits.
        #expect(quantity == shares(100))
    }
}
