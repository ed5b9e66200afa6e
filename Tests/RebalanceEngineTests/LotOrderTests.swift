import Testing
import RebalanceEngine
import PortfolioGenerator

@Suite("Lot order for Tax Optimal, HIFO, FIFO and LIFO")
struct LotOrderTests {
    static let tradeDate = date("2026-03-02")

    /// Five lots of 100 XYZ at a price of $100.
    static let lots: [TaxLot] = [
        lot("A-st-small-gain", shares: 100, basis: "9800", acquired: "2025-12-01"),  // 0.408 × 2% = 0.00816
        lot("B-lt-large-gain", shares: 100, basis: "5000", acquired: "2015-01-05"),  // 0.238 × 50% = 0.119
        lot("C-st-loss", shares: 100, basis: "11000", acquired: "2025-11-03"),       // 0.408 × −10% = −0.0408
        lot("D-lt-loss", shares: 100, basis: "11500", acquired: "2020-06-01"),       // 0.238 × −15% = −0.0357
        lot("E-lt-small-gain", shares: 100, basis: "9900", acquired: "2019-01-01"),  // 0.238 × 1% = 0.00238
    ]

    @Test("Each method's order", arguments: [
        (LotMethod.taxOptimal, ["C-st-loss", "D-lt-loss", "E-lt-small-gain", "A-st-small-gain", "B-lt-large-gain"]),
        (.hifo, ["D-lt-loss", "C-st-loss", "E-lt-small-gain", "A-st-small-gain", "B-lt-large-gain"]),
        (.fifo, ["B-lt-large-gain", "E-lt-small-gain", "D-lt-loss", "C-st-loss", "A-st-small-gain"]),
        (.lifo, ["A-st-small-gain", "C-st-loss", "D-lt-loss", "E-lt-small-gain", "B-lt-large-gain"]),
    ])
    func order(method: LotMethod, expected: [String]) {
        let sorted = method.lotsInSaleOrder(Self.lots, price: price("100"), rates: .workbookDefault,
                                            tradeDate: Self.tradeDate)
        #expect(sorted.map(\.lotID) == expected)
        // The order does not depend on the order lots arrive in.
        let reversed = method.lotsInSaleOrder(Self.lots.reversed(), price: price("100"),
                                              rates: .workbookDefault, tradeDate: Self.tradeDate)
        #expect(reversed.map(\.lotID) == expected)
    }

    @Test("Tax Optimal sells a small short-term gain before a large long-term one")
    func smallShortTermGainFirst() {
        let order = LotSaleOrder(method: .taxOptimal, price: price("100"), rates: .workbookDefault,
                                 tradeDate: Self.tradeDate)
        let small = Self.lots[0], large = Self.lots[1]
        #expect(order.precedes(small, large))
        #expect(!order.precedes(large, small))
    }

    @Test("Ties go to the oldest lot, then the Lot ID by number", arguments: [
        (LotMethod.taxOptimal, ["L-11", "L-9", "L-10"]), (.hifo, ["L-11", "L-9", "L-10"]),
        (.fifo, ["L-11", "L-9", "L-10"]), (.lifo, ["L-9", "L-10", "L-11"]),
    ])
    func ties(method: LotMethod, expected: [String]) {
        // Same unit cost and term; L-9 and L-10 bought the same day.
        let tied = [
            lot("L-10", shares: 10, basis: "500", acquired: "2024-01-05"),
            lot("L-9", shares: 1000, basis: "50000", acquired: "2024-01-05"),
            lot("L-11", shares: 30, basis: "1500", acquired: "2023-06-01"),
        ]
        let sorted = method.lotsInSaleOrder(tied, price: price("80"), rates: .workbookDefault,
                                            tradeDate: Self.tradeDate)
        #expect(sorted.map(\.lotID) == expected)
    }

    @Test("Two zero-gain lots of different terms tie on the key and go oldest first")
    func zeroGainTie() {
        let lots = [
            lot("NEW", shares: 10, basis: "1000", acquired: "2026-01-05"),
            lot("OLD", shares: 10, basis: "1000", acquired: "2018-01-05"),
        ]
        let sorted = LotMethod.taxOptimal.lotsInSaleOrder(lots, price: price("100"), rates: .workbookDefault,
                                                          tradeDate: Self.tradeDate)
        #expect(sorted.map(\.lotID) == ["OLD", "NEW"])
    }

    @Test("Keys compare exactly, not through a rounded unit cost")
    func exactKeys() {
        // Unit costs 333,333.3333… and 333,333.33: a third of a cent apart per share.
        let thirds = lot("THIRDS", shares: 3, basis: "1000000.00", acquired: "2025-01-02")
        let cents = lot("CENTS", shares: 1, basis: "333333.33", acquired: "2024-01-02")
        for method in [LotMethod.taxOptimal, .hifo] {
            let sorted = method.lotsInSaleOrder([cents, thirds], price: price("400000"),
                                                rates: .workbookDefault, tradeDate: Self.tradeDate)
            #expect(sorted.map(\.lotID) == ["THIRDS", "CENTS"], "\(method)")
        }
    }

    @Test("The term on the trade date picks the rate", arguments: [
        ("2026-03-14", ["OLD-30PCT", "NEW-20PCT"]),  // NEW is short-term: 0.408 × 20% > 0.238 × 30%
        ("2026-03-15", ["NEW-20PCT", "OLD-30PCT"]),  // NEW turned long-term: 0.238 × 20% < 0.238 × 30%
    ])
    func termOnTradeDate(tradeDate: String, expected: [String]) {
        let lots = [
            lot("NEW-20PCT", shares: 10, basis: "800", acquired: "2025-03-14"),
            lot("OLD-30PCT", shares: 10, basis: "700", acquired: "2010-01-04"),
        ]
        let sorted = LotMethod.taxOptimal.lotsInSaleOrder(lots, price: price("100"), rates: .workbookDefault,
                                                          tradeDate: date(tradeDate))
        #expect(sorted.map(\.lotID) == expected)
    }

    @Test("Lot Method cells", arguments: [
        ("Tax Optimal", LotMethod.taxOptimal), ("tax-optimal", .taxOptimal), ("HIFO", .hifo),
        ("hifo", .hifo), ("FIFO", .fifo), ("Lifo", .lifo), ("Tax Optimized", .taxOptimal),
        ("Highest In, First Out", .hifo), ("Highest Cost", .hifo), ("First-In First-Out", .fifo),
        ("Last In First Out", .lifo),
    ])
    func workbookNames(text: String, method: LotMethod) {
        #expect(LotMethod(workbookName: text) == method)
    }

    @Test("A custodian's own lot method is not taken for one of the four", arguments: [
        "Specific ID", "Average Cost", "Tax Lot Optimizer", "Cheapest",
    ])
    func unknownLotMethods(text: String) {
        #expect(LotMethod(workbookName: text) == nil)
    }

    @Test("Random lots sort into a consistent total order that agrees with the plain formula")
    func randomLots() {
        var random = SplitMix64(seed: 0x10_7_0_DE5)
        for round in 0..<300 {
            let price = Price(cents: Int64.random(in: 100...50_000, using: &random))
            var lots: [TaxLot] = []
            for index in 0..<Int.random(in: 2...12, using: &random) {
                let quantity = Quantity(micros: Int64.random(in: 1...5_000, using: &random) * 10_000)
                let basis = Money(cents: Int64.random(in: 0...50_000_000, using: &random))
                let acquired = date("2018-01-01").adding(days: Int.random(in: 0...3000, using: &random))
                lots.append(TaxLot(lotID: "R\(round)-\(index)", account: "TAX-1", symbol: "XYZ",
                                   quantity: quantity, costBasis: basis, acquired: acquired))
            }
            for method in LotMethod.allCases {
                let order = LotSaleOrder(method: method, price: price, rates: .workbookDefault,
                                         tradeDate: Self.tradeDate)
                let sorted = order.sorted(lots)
                #expect(Set(sorted.map(\.lotID)) == Set(lots.map(\.lotID)))
                for (earlier, later) in zip(sorted, sorted.dropFirst()) {
                    #expect(!order.precedes(later, earlier))
                    if method == .taxOptimal {
                        let keyEarlier = Self.approximateKey(earlier, price: price)
                        let keyLater = Self.approximateKey(later, price: price)
                        // Where the plain formula separates the lots clearly, it agrees.
                        if abs(keyEarlier - keyLater) > 1e-9 { #expect(keyEarlier < keyLater) }
                    }
                }
            }
        }
    }

    /// rate × (price − unit cost) / price in floating point, for comparison only.
    static func approximateKey(_ lot: TaxLot, price: Price) -> Double {
        let rate = TaxRates.workbookDefault.rate(for: lot.term(on: tradeDate)).doubleValue
        let unitCost = lot.costBasis.doubleValue / lot.quantity.doubleValue
        return rate * (price.doubleValue - unitCost) / price.doubleValue
    }
}
