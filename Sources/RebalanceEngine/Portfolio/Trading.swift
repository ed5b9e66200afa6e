/// Buy or sell.
public enum Side: String, Sendable, Hashable, Codable {
    case buy = "Buy"
    case sell = "Sell"

    /// `rawValue` where the program keeps its bytes: a sentence copies it without asking a
    /// `String` where they are (callgrind).
    var text: StaticString {
        switch self {
        case .buy: "Buy"
        case .sell: "Sell"
        }
    }
}

/// A recent trade from the Transactions sheet, for wash-sale windows and replacements.
public struct Transaction: Sendable, Hashable {
    public var account: String
    public var date: CivilDate
    public var symbol: String
    public var side: Side
    public var quantity: Quantity?
    public var price: Price?
    /// For a sale: its realized gain (negative for a loss), when the sheet gives it.
    public var realizedGain: Money?
    public var term: Term?
    /// The row it came from (`Transactions!A12`), for messages.
    public var place: String

    public init(account: String, date: CivilDate, symbol: String, side: Side, quantity: Quantity? = nil,
                price: Price? = nil, realizedGain: Money? = nil, term: Term? = nil, place: String = "") {
        self.account = account
        self.date = date
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.realizedGain = realizedGain
        self.term = term
        self.place = place
    }
}

/// A trade the PM orders by hand, applied as written before any other phase.
public struct ManualTrade: Sendable, Hashable {
    public enum Size: Sendable, Hashable {
        case quantity(Quantity)
        case amount(Money)
    }

    public var account: String
    public var symbol: String
    public var side: Side
    public var size: Size
    public var note: String?
    /// The row it came from (`Manual Trades!A4`), for messages.
    public var place: String
    /// For a sale: the one lot the PM named to sell from (a "versus purchase" order), as the
    /// lot's `TaxLot.lotID`; nil sells in the account's Lot Method order.
    public var lotID: String?

    public init(account: String, symbol: String, side: Side, size: Size, note: String? = nil, place: String = "",
                lotID: String? = nil) {
        self.account = account
        self.symbol = symbol
        self.side = side
        self.size = size
        self.note = note
        self.place = place
        self.lotID = lotID
    }
}
