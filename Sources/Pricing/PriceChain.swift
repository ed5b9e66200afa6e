import RebalanceEngine

/// Resolves one price per symbol through the chain, recording every step tried:
/// Override, the workbook price within Price Max Age Days, the cache, the quote API, then a
/// stale workbook or cache price (the newest, ties to the workbook) only under Allow Stale
/// Prices. Symbols left without a price make one error that lists each and what was tried.
public enum PriceChain {
    public static func resolve(_ requests: [PriceRequest], settings: Settings,
                               options: PriceChainOptions) -> PriceResolution {
        var run = ChainRun(settings: settings, options: options, attempts: requests.map { Attempt(request: $0) })
        run.tryOverridesAndWorkbook()
        run.tryCache()
        run.tryAPI()
        run.tryStale()
        return run.resolution()
    }
}

/// One symbol on its way through the chain.
struct Attempt {
    struct Stale {
        var origin: ResolvedPrice.Origin
        var price: Price
        var asOf: CivilDate
        var source: String?
        var place: String
    }

    var request: PriceRequest
    var tried: [String] = []
    var notes: [String] = []
    var stale: [Stale] = []
    var resolved: ResolvedPrice?

    var symbol: String { request.symbol }

    mutating func resolve(_ origin: ResolvedPrice.Origin, _ price: Price, asOf: CivilDate, source: String?) {
        resolved = ResolvedPrice(symbol: symbol, price: price, origin: origin, asOf: asOf, source: source, tried: tried)
    }
}
