/// A symbol that needs a price, why, and what the Prices sheet says of it: the input of the
/// price chain, which turns it into a `ResolvedPrice` before planning.
public struct PriceRequest: Sendable, Hashable {
    /// The Prices sheet's row for a symbol, with the cells it came from.
    public struct WorkbookRow: Sendable, Hashable {
        public var price: Price?
        public var override: Price?
        /// The row's As Of, or the run's As Of when the cell is blank.
        public var asOf: CivilDate
        public var source: String?
        /// The Price cell (`Prices!B7`), named in messages.
        public var pricePlace: String
        public var asOfPlace: String
        public var overridePlace: String

        public init(price: Price?, override: Price?, asOf: CivilDate, source: String?,
                    pricePlace: String, asOfPlace: String, overridePlace: String) {
            self.price = price
            self.override = override
            self.asOf = asOf
            self.source = source
            self.pricePlace = pricePlace
            self.asOfPlace = asOfPlace
            self.overridePlace = overridePlace
        }
    }

    public var symbol: String
    /// Why it needs a price: `held in T-1`, `in the model "Income"`.
    public var reason: String
    /// Nil when the Prices sheet has no row for the symbol.
    public var workbook: WorkbookRow?
    /// When it has none: the rows that write the symbol with other separators, as
    /// `Prices!A3 has BRK/B`, named where the symbol's missing price is reported.
    public var lookalikes: [String]

    public init(symbol: String, reason: String, workbook: WorkbookRow?, lookalikes: [String] = []) {
        self.symbol = symbol
        self.reason = reason
        self.workbook = workbook
        self.lookalikes = lookalikes
    }
}
