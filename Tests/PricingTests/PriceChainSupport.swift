import Foundation
import Pricing
import RebalanceEngine
import XLSXTestSupport

/// The run's As Of in these tests; quotes without a date are taken as of it.
let runDate = CivilDate(iso: "2026-11-20")!

func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }
func price(_ text: String) -> Price { Price(decimal: text)! }

/// A symbol held in account A, with an optional Prices row.
func request(_ symbol: String, price: String? = nil, asOf: String? = nil, override: String? = nil,
             row: Int = 2) -> PriceRequest {
    let workbook = (price != nil || override != nil) ? PriceRequest.WorkbookRow(
        price: price.map(Pricing_price), override: override.map(Pricing_price),
        asOf: asOf.map(date) ?? runDate, source: nil,
        pricePlace: "Prices!B\(row)", asOfPlace: "Prices!C\(row)", overridePlace: "Prices!E\(row)") : nil
    return PriceRequest(symbol: symbol, reason: "held in A", workbook: workbook)
}

private func Pricing_price(_ text: String) -> Price { price(text) }

/// A quote API on a test server with short timeouts and pauses, and no proxy.
func quoteAPI(_ server: QuoteServer, _ path: String, format: QuoteAPI.Format = .json, field: String = "quotes.price",
              key: String? = nil, caBundle: String? = nil, environment: [String: String] = [:]) -> QuoteAPI {
    var api = QuoteAPI(urlTemplate: server.base + path, format: format, field: field, apiKey: key, caBundle: caBundle)
    api.connectTimeout = 1
    api.totalTimeout = 1
    api.retries = 2
    api.backoff = 0.05
    api.environment = environment
    return api
}

/// A fresh cache path in a temporary folder (never the user's cache).
func temporaryCache(_ entries: [String: PriceCache.Entry] = [:]) throws -> String {
    let path = TemporaryFolder.make() + "/prices.json"
    if !entries.isEmpty { try PriceCache(path: path, entries: entries).save() }
    return path
}

func resolve(_ requests: [PriceRequest], api: QuoteAPI? = nil, cache: String?, offline: Bool = false,
             allowStale: Bool = false, maxAge: Int = 5) -> PriceResolution {
    var settings = Settings(asOf: runDate)
    settings.allowStalePrices = allowStale
    settings.priceMaxAgeDays = maxAge
    return PriceChain.resolve(requests, settings: settings,
                              options: PriceChainOptions(cachePath: cache, offline: offline, api: api, today: runDate))
}

extension PriceResolution {
    func price(of symbol: String) -> ResolvedPrice? { prices.first { $0.symbol == symbol } }

    /// Everything the chain says, for checking that a secret never appears.
    var allText: String {
        (prices.flatMap { $0.tried + [$0.note ?? "", $0.source ?? ""] } + problems.map(\.description)).joined(separator: "\n")
    }
}
