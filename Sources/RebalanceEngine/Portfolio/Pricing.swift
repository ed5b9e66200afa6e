/// One symbol's price as the price chain resolved it, with where it came from.
public struct ResolvedPrice: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// The Prices sheet's Override column.
        case override = "Override"
        /// The Prices sheet's Price, within Price Max Age Days.
        case workbook = "Workbook"
        /// The local price cache, within Price Max Age Days.
        case cache = "Cache"
        /// The quote API, asked during the run.
        case api = "API"
        /// A Prices sheet price older than Price Max Age Days, used under Allow Stale Prices.
        case stale = "Workbook (stale)"
        /// A cached price older than Price Max Age Days, used under Allow Stale Prices.
        case staleCache = "Cache (stale)"

        /// Whether a price of this origin is older than Price Max Age Days.
        public var isStale: Bool { self == .stale || self == .staleCache }
    }

    public var symbol: String
    public var price: Price
    public var origin: Origin
    /// The date the price is as of (the run's As Of when the sheet left it blank).
    public var asOf: CivilDate
    /// Who quoted the price: the Prices sheet's Source column, or the quote API's host.
    public var source: String?
    /// Every step tried, in order: `Override: none`, `Workbook: stale, 7 days`, `Cache: miss`.
    public var tried: [String]
    /// What a reader of Price Provenance should know (the cache file read, offline, stale).
    public var note: String?

    public init(symbol: String, price: Price, origin: Origin, asOf: CivilDate, source: String?, tried: [String],
                note: String? = nil) {
        self.symbol = symbol
        self.price = price
        self.origin = origin
        self.asOf = asOf
        self.source = source
        self.tried = tried
        self.note = note
    }

    public var isStale: Bool { origin.isStale }
    public var isOverride: Bool { origin == .override }
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
