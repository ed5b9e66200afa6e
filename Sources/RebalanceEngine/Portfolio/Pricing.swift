/// One symbol's price as the workbook's chain resolved it, with where it came from.
public struct ResolvedPrice: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// The Prices sheet's Override column.
        case override = "Override"
        /// The Prices sheet's Price, within Price Max Age Days.
        case workbook = "Workbook"
        /// A Prices sheet price older than Price Max Age Days, used under Allow Stale Prices.
        case stale = "Workbook (stale)"
    }

    public var symbol: String
    public var price: Price
    public var origin: Origin
    /// The date the price is as of (the run's As Of when the sheet left it blank).
    public var asOf: CivilDate
    /// The Source column, as written.
    public var source: String?
    /// Every step tried, in order: `Override: none; Workbook 2026-11-20: used`.
    public var tried: [String]

    public init(symbol: String, price: Price, origin: Origin, asOf: CivilDate, source: String?, tried: [String]) {
        self.symbol = symbol
        self.price = price
        self.origin = origin
        self.asOf = asOf
        self.source = source
        self.tried = tried
    }

    public var isStale: Bool { origin == .stale }
}

/// The whole input, as plain values: what the engine plans from.
public struct Portfolio: Sendable, Hashable {
    public var settings: Settings
    /// In Account order.
    public var accounts: [Account]
    public var lots: [TaxLot]
    /// Keyed by model name; the default model is "".
    public var models: [Model]
    /// Sorted by symbol.
    public var prices: [ResolvedPrice]
    public var securities: [Security]
    public var groups: [ExposureGroupCap]
    public var sectors: [SectorBand]
    public var transactions: [Transaction]
    public var manualTrades: [ManualTrade]

    public init(settings: Settings, accounts: [Account] = [], lots: [TaxLot] = [], models: [Model] = [],
                prices: [ResolvedPrice] = [], securities: [Security] = [], groups: [ExposureGroupCap] = [],
                sectors: [SectorBand] = [], transactions: [Transaction] = [], manualTrades: [ManualTrade] = []) {
        self.settings = settings
        self.accounts = accounts
        self.lots = lots
        self.models = models
        self.prices = prices
        self.securities = securities
        self.groups = groups
        self.sectors = sectors
        self.transactions = transactions
        self.manualTrades = manualTrades
    }
}
