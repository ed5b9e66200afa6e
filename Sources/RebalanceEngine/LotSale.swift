/// The sale of some or all of one lot: a row of the Lots Sold sheet before wash-sale effects.
public struct LotSale: Sendable, Hashable {
    /// The sold lot's Lot ID.
    public var lotID: String
    /// The account selling.
    public var account: String
    /// The symbol sold.
    public var symbol: String
    /// The sold lot's acquisition date.
    public var acquired: CivilDate
    /// Shares sold.
    public var quantity: Quantity
    /// Basis of the shares sold (basis × sold / held, rounded).
    public var costBasis: Money
    /// Proceeds of the shares sold (quantity × price, rounded).
    public var proceeds: Money
    /// The lot's term on the trade date.
    public var term: Term

    /// A sale of `quantity` shares of lot `lotID`.
    public init(
        lotID: String, account: String, symbol: String, acquired: CivilDate,
        quantity: Quantity, costBasis: Money, proceeds: Money, term: Term
    ) {
        self.lotID = lotID
        self.account = account
        self.symbol = symbol
        self.acquired = acquired
        self.quantity = quantity
        self.costBasis = costBasis
        self.proceeds = proceeds
        self.term = term
    }

    /// The sold lot's account and Lot ID.
    public var lotKey: TaxLot.Key { TaxLot.Key(account: account, lotID: lotID) }

    /// Proceeds − basis; negative for a loss.
    public var gain: Money { proceeds - costBasis }

    /// Whether the sale realizes a loss.
    public var isLoss: Bool { gain.isNegative }
}

extension Array where Element == LotSale {
    /// The shares sold, summed (without the array of them that `map` would make).
    var sharesSold: Quantity {
        var total = Quantity.zero
        for index in indices { total += self[index].quantity }
        return total
    }

    /// The proceeds, summed.
    var totalProceeds: Money {
        var total = Money.zero
        for index in indices { total += self[index].proceeds }
        return total
    }
}
