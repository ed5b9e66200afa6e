/// The order in which a sale of a position relieves its lots under a Lot Method.
///
/// - `Tax Optimal`: the lowest rate × (price − unit cost) / price first, the rate being the
///   account's ST or LT rate by the lot's term on the trade date. Losses go first, the
///   deepest first, and a short-term lot with a small gain can go before a long-term lot
///   with a large one.
/// - `HIFO`: the highest unit cost first. `FIFO`: the oldest acquired first. `LIFO`: the
///   newest acquired first.
///
/// Ties go to the oldest lot, then the Lot ID (digit runs by number); under `LIFO`, where
/// the date is the key, a tie on the date goes to the Lot ID. Keys are compared exactly
/// (cross-multiplied in 256 bits), never through a rounded unit cost.
public struct LotSaleOrder: Sendable {
    /// The Lot Method.
    public let method: LotMethod
    /// The position's price.
    public let price: Price
    /// The account's rates (used by `Tax Optimal`).
    public let rates: TaxRates
    /// The trade date, which fixes each lot's term.
    public let tradeDate: CivilDate

    /// The order for `method` at `price` (positive) on `tradeDate`.
    public init(method: LotMethod, price: Price, rates: TaxRates, tradeDate: CivilDate) {
        precondition(price.micros > 0, "a price is positive")
        self.method = method
        self.price = price
        self.rates = rates
        self.tradeDate = tradeDate
    }

    /// The lots in the order a sale relieves them.
    public func sorted(_ lots: [TaxLot]) -> [TaxLot] {
        guard lots.count > 1 else { return lots }
        return places(of: lots).map { lots[$0] }
    }

    /// The places of `lots` in the order a sale relieves them.
    func places(of lots: [TaxLot]) -> [Int] {
        lots.withUnsafeBufferPointer { lots in withPlaces(of: lots) { Array($0) } }
    }

    /// `body` given the places of `lots` in the order a sale relieves them, which live only
    /// during the call.
    ///
    /// The lots' places are sorted, not the lots: a place moves in one word. The places and
    /// the lots' sort keys are kept in temporary allocations, on the stack for a position of a
    /// few lots: as lists, they were allocated and freed at each sale (callgrind).
    func withPlaces<Result>(of lots: UnsafeBufferPointer<TaxLot>, _ body: (UnsafeBufferPointer<Int>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: lots.count) { places in
            for place in lots.indices { places.initializeElement(at: place, to: place) }
            defer { _ = places.deinitialize() }
            guard lots.count > 1 else { return body(UnsafeBufferPointer(places)) }
            // Keyed on the lot's fields read in place: a lot given whole was copied, its names
            // retained and released (callgrind).
            withUnsafeTemporaryAllocation(of: SortKey.self, capacity: lots.count) { keys in
                for place in lots.indices {
                    keys.initializeElement(at: place, to: SortKey(
                        quantity: lots[place].quantity, costBasis: lots[place].costBasis,
                        term: Term(acquired: lots[place].acquired, soldOn: tradeDate, override: lots[place].termOverride),
                        order: self))
                }
                defer { _ = keys.deinitialize() }
                var sorting = places
                sorting.sort { precedes(lots[$0], keys[$0], lots[$1], keys[$1]) }
            }
            return body(UnsafeBufferPointer(places))
        }
    }

    /// Whether a sale relieves `lhs` before `rhs`.
    public func precedes(_ lhs: TaxLot, _ rhs: TaxLot) -> Bool {
        precedes(lhs, SortKey(lot: lhs, order: self), rhs, SortKey(lot: rhs, order: self))
    }

    private func precedes(_ lhs: TaxLot, _ lhsKey: SortKey, _ rhs: TaxLot, _ rhsKey: SortKey) -> Bool {
        switch method {
        case .taxOptimal:
            let order = SortKey.compareTaxCost(lhsKey, rhsKey)
            if order != 0 { return order < 0 }
        case .hifo:
            let order = SortKey.compareUnitCost(lhsKey, rhsKey)
            if order != 0 { return order > 0 }
        case .fifo:
            break
        case .lifo:
            if lhs.acquired != rhs.acquired { return lhs.acquired > rhs.acquired }
        }
        if lhs.acquired != rhs.acquired { return lhs.acquired < rhs.acquired }
        if lhs.lotID != rhs.lotID { return LotIDOrder.precedes(lhs.lotID, rhs.lotID) }
        // Same date and Lot ID (lots of different accounts): settle by the rest, for a total order.
        return (lhs.account, lhs.quantity.micros, lhs.costBasis.cents)
            < (rhs.account, rhs.quantity.micros, rhs.costBasis.cents)
    }
}

extension LotMethod {
    /// `lots` in the order a sale under this method relieves them.
    public func lotsInSaleOrder(
        _ lots: [TaxLot], price: Price, rates: TaxRates, tradeDate: CivilDate
    ) -> [TaxLot] {
        LotSaleOrder(method: self, price: price, rates: rates, tradeDate: tradeDate).sorted(lots)
    }
}

/// A lot's exact sort quantities at one price.
private struct SortKey {
    /// Shares in millionths.
    let quantity: UInt64
    /// Basis in cents.
    let basis: UInt64
    /// Sign of price × quantity − basis: −1, 0 or 1.
    let gainSign: Int
    /// rate × |price × quantity − basis|, in millionths × 10^-12 dollars.
    let weightedGain: WideUInt

    init(lot: TaxLot, order: LotSaleOrder) {
        self.init(quantity: lot.quantity, costBasis: lot.costBasis, term: lot.term(on: order.tradeDate), order: order)
    }

    /// The key of a lot of `quantity` shares and `costBasis`, of `term` on the order's trade date.
    init(quantity lotQuantity: Quantity, costBasis: Money, term: Term, order: LotSaleOrder) {
        quantity = UInt64(lotQuantity.micros)
        basis = UInt64(costBasis.cents)
        // Market value in 10^-12 dollars (micro-dollars × micro-shares); basis to the same unit.
        let value = WideUInt.product(UInt64(order.price.micros), quantity)
        let cost = WideUInt.product(basis, 10_000_000_000)
        let rate = UInt64(order.rates.rate(for: term).millionths)
        if value > cost {
            gainSign = 1
            weightedGain = (value - cost).multiplied(by: rate)
        } else if value < cost {
            gainSign = -1
            weightedGain = (cost - value).multiplied(by: rate)
        } else {
            gainSign = 0
            weightedGain = .zero
        }
    }

    /// −1, 0 or 1 as rate × (price − unit cost) / price of `a` is below, equal to or above `b`'s.
    ///
    /// key = r (PQ − B) / (PQ); with P > 0 and both Q > 0, compare r_a (PQ_a − B_a) Q_b
    /// with r_b (PQ_b − B_b) Q_a.
    static func compareTaxCost(_ a: SortKey, _ b: SortKey) -> Int {
        let signA = a.weightedGain.isZero ? 0 : a.gainSign
        let signB = b.weightedGain.isZero ? 0 : b.gainSign
        if signA != signB { return signA < signB ? -1 : 1 }
        if signA == 0 { return 0 }
        let left = a.weightedGain.multiplied(by: b.quantity)
        let right = b.weightedGain.multiplied(by: a.quantity)
        if left == right { return 0 }
        // Among gains the smaller is first; among losses the larger size is the lower key.
        return (left < right) == (signA > 0) ? -1 : 1
    }

    /// −1, 0 or 1 as `a`'s unit cost (basis / quantity) is below, equal to or above `b`'s.
    static func compareUnitCost(_ a: SortKey, _ b: SortKey) -> Int {
        let left = WideUInt.product(a.basis, b.quantity)
        let right = WideUInt.product(b.basis, a.quantity)
        return left == right ? 0 : (left < right ? -1 : 1)
    }
}
