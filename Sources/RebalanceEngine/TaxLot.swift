/// One tax lot held in an account: shares of a symbol bought together at one cost.
public struct TaxLot: Sendable, Hashable, Identifiable {
    /// Where a lot lives: its account and Lot ID (Lot IDs repeat across custodians' accounts).
    public struct Key: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The account holding the lot.
        public var account: String
        /// The lot's Lot ID.
        public var lotID: String

        /// The key of lot `lotID` in `account`.
        public init(account: String, lotID: String) {
            self.account = account
            self.lotID = lotID
        }

        /// `account/lotID`.
        public var description: String { "\(account)/\(lotID)" }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            lhs.account != rhs.account
                ? lhs.account < rhs.account
                : LotIDOrder.precedes(lhs.lotID, rhs.lotID)
        }
    }

    /// The Lot ID (made from symbol and row, `AAPL-r7`, when the sheet leaves it blank).
    public var lotID: String
    /// The account holding the lot.
    public var account: String
    /// The lot's symbol.
    public var symbol: String
    /// Shares held; positive.
    public var quantity: Quantity
    /// Total cost basis of the shares held; zero or positive.
    public var costBasis: Money
    /// The acquisition date, which starts the holding period.
    public var acquired: CivilDate
    /// The Lots sheet's Term override (inherited or gifted shares), which beats the dates.
    public var termOverride: Term?
    /// Whether the Lots sheet's Term says the shares were inherited: acquired by bequest, not
    /// bought, so no replacement of a loss sale (26 USC 1091(a) counts a purchase, or a
    /// contract or option to buy). Such a lot is long-term (`termOverride`).
    public var inherited: Bool

    /// A lot of positive `quantity` with a basis of zero or more.
    public init(
        lotID: String, account: String, symbol: String, quantity: Quantity,
        costBasis: Money, acquired: CivilDate, termOverride: Term? = nil, inherited: Bool = false
    ) {
        precondition(quantity > .zero, "a lot holds a positive quantity")
        precondition(!costBasis.isNegative, "a lot's cost basis is not negative")
        self.lotID = lotID
        self.account = account
        self.symbol = symbol
        self.quantity = quantity
        self.costBasis = costBasis
        self.acquired = acquired
        self.termOverride = termOverride
        self.inherited = inherited
    }

    /// The lot's account and Lot ID.
    public var id: Key { Key(account: account, lotID: lotID) }

    /// The lot's term on a trade date, the override winning.
    public func term(on tradeDate: CivilDate) -> Term {
        Term(acquired: acquired, soldOn: tradeDate, override: termOverride)
    }

    /// The basis of `sold` shares of this lot: basis × sold / held, rounded half up.
    public func costBasis(of sold: Quantity) -> Money {
        precondition(sold >= .zero && sold <= quantity, "cannot sell more of a lot than it holds")
        return sold == quantity ? costBasis : costBasis.scaled(by: sold.micros, over: quantity.micros)
    }

    /// The sale of `sold` shares of this lot at `price` on `tradeDate`.
    public func sale(of sold: Quantity, at price: Price, on tradeDate: CivilDate) -> LotSale {
        sale(of: sold, at: price, term: term(on: tradeDate))
    }

    /// The sale of `sold` shares of this lot at `price`, `term` being its term on the trade
    /// date (`term(on:)`), when the caller has worked it out already.
    func sale(of sold: Quantity, at price: Price, term: Term) -> LotSale {
        LotSale(
            lotID: lotID, account: account, symbol: symbol, acquired: acquired,
            quantity: sold, costBasis: costBasis(of: sold), proceeds: price.value(of: sold), term: term)
    }

    /// The gain (negative for a loss) of selling `sold` shares of this lot at `price`: the
    /// `gain` of `sale(of: sold, …)`, worked out without making the sale.
    public func gain(of sold: Quantity, at price: Price) -> Money {
        price.value(of: sold) - costBasis(of: sold)
    }

    /// Whether selling the whole lot at `price` realizes a loss (`sale(of: quantity, …).isLoss`,
    /// asked without making the sale).
    public func isLoss(at price: Price) -> Bool {
        gain(of: quantity, at: price).isNegative
    }

    /// What stays of the lot after selling `sold` shares: the rest of the shares with the
    /// rest of the basis (so the two parts add back to the whole), or `nil` when none stay.
    public func remainder(afterSelling sold: Quantity) -> TaxLot? {
        remainder(afterSelling: sold, basis: costBasis(of: sold))
    }

    /// What stays of the lot after selling `sold` shares whose basis was `soldBasis` (a
    /// pass of a trade that relieved the lot before, its basis scaled on the trade's total).
    public func remainder(afterSelling sold: Quantity, basis soldBasis: Money) -> TaxLot? {
        var rest = self
        return rest.relieve(sold, basis: soldBasis) ? rest : nil
    }

    /// Takes `sold` shares whose basis was `soldBasis` out of the lot where it is stored,
    /// leaving the rest of each; false, the lot unchanged, when none stay. (The remainder
    /// made as a lot of its own, and the old lot let go, retained and released its names at
    /// each sale of part of a lot; callgrind.)
    mutating func relieve(_ sold: Quantity, basis soldBasis: Money) -> Bool {
        guard sold < quantity else { return false }
        precondition(soldBasis <= costBasis, "cannot relieve more basis than a lot holds")
        quantity = quantity - sold
        costBasis = costBasis - soldBasis
        return true
    }

    /// Oldest acquired first, then Lot ID: the workbook's tie rule for lot order and harvest.
    public static func isOlder(_ lhs: TaxLot, than rhs: TaxLot) -> Bool {
        isOlder(acquired: lhs.acquired, lotID: lhs.lotID, than: rhs.acquired, rhs.lotID)
    }

    /// `isOlder(_:than:)` of two lots given by their dates and Lot IDs.
    static func isOlder(acquired: CivilDate, lotID: String, than otherAcquired: CivilDate, _ otherLotID: String) -> Bool {
        if acquired != otherAcquired { return acquired < otherAcquired }
        return LotIDOrder.precedes(lotID, otherLotID)
    }
}
