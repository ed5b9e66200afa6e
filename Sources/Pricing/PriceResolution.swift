import RebalanceEngine

/// Something the price chain has to tell the PM, with its place (`Prices!B7`, `Prices`).
public struct PriceProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error = "Error"
        case warning = "Warning"
        case info = "Info"
    }

    public var severity: Severity
    public var place: String
    public var message: String

    public init(_ severity: Severity, _ place: String, _ message: String) {
        self.severity = severity
        self.place = place
        self.message = message
    }

    public var description: String { place.isEmpty ? message : "\(place): \(message)" }
}

/// The outcome of the price chain: a price for every symbol that found one, in symbol
/// order, and the problems met (at most one error, listing every symbol left unpriced).
public struct PriceResolution: Sendable, Hashable {
    public var prices: [ResolvedPrice]
    public var problems: [PriceProblem]

    public var errors: [PriceProblem] { problems.filter { $0.severity == .error } }
}

/// How the chain may look beyond the workbook.
public struct PriceChainOptions: Sendable {
    /// The cache file; nil reads and writes no cache.
    public var cachePath: String?
    /// `--offline`: the quote API is not asked.
    public var offline: Bool
    /// Nil when no quote API is configured.
    public var api: QuoteAPI?
    /// The day quotes are fetched on (an answer without a date is as of it).
    public var today: CivilDate
    /// Why a quote API the workbook names is not asked (`inspect` reads the workbook
    /// alone), for Tried; nil when none is named.
    public var apiNotAsked: String?

    public init(cachePath: String?, offline: Bool, api: QuoteAPI?, today: CivilDate) {
        self.cachePath = cachePath
        self.offline = offline
        self.api = api
        self.today = today
    }

    /// The workbook alone: no cache, no API.
    public static func workbookOnly(today: CivilDate) -> PriceChainOptions {
        PriceChainOptions(cachePath: nil, offline: false, api: nil, today: today)
    }
}
