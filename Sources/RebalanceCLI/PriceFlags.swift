import ArgumentParser
import Pricing
import RebalanceEngine
import WorkbookIO

/// The run's price flags: where the cache is, whether and how to ask the quote API.
struct PriceFlags: ParsableArguments {
    @Flag(help: "Do not ask the quote API; use the workbook and the cache only.")
    var offline = false

    @Option(name: .customLong("price-cache"),
            help: ArgumentHelp("The price cache file (default: $XDG_CACHE_HOME/rebalancer/prices.json or ~/.cache/rebalancer/prices.json).", valueName: "PATH"))
    var priceCache: String?

    @Option(name: .customLong("ca-bundle"),
            help: ArgumentHelp("A PEM file of CAs to trust for the quote API (for TLS inspection by a corporate proxy).", valueName: "PATH"))
    var caBundle: String?

    @Option(name: .customLong("price-api-url"),
            help: ArgumentHelp("The quote API's URL template, with {symbol} or {symbols} and optionally {key}; beats the Price API URL setting.", valueName: "URL"))
    var apiURL: String?

    @Option(name: .customLong("price-api-format"),
            help: ArgumentHelp("CSV or JSON; beats the Price API Format setting (default JSON).", valueName: "FORMAT"))
    var apiFormat: String?

    @Option(name: .customLong("price-api-field"),
            help: ArgumentHelp("The CSV column or JSON path of the price; beats the Price API Field setting (default price).", valueName: "FIELD"))
    var apiField: String?

    @Option(name: .customLong("price-connect-timeout"), help: ArgumentHelp("Seconds to wait for a connection (default 5).", valueName: "SECONDS"))
    var connectTimeout: Double = 5

    @Option(name: .customLong("price-timeout"), help: ArgumentHelp("Seconds a whole request may take (default 20).", valueName: "SECONDS"))
    var totalTimeout: Double = 20

    @Option(name: .customLong("price-retries"), help: ArgumentHelp("Retries after a timeout, 429 or 5xx (default 2).", valueName: "N"))
    var retries: Int = 2

    func validate() throws {
        if let apiFormat, PriceAPISettings.Format(rawValue: apiFormat.uppercased()) == nil {
            throw ValidationError("--price-api-format must be CSV or JSON, found \"\(apiFormat)\".")
        }
        if let apiURL {
            let lower = apiURL.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                throw ValidationError("--price-api-url must start with http:// or https://.")
            }
            guard apiURL.contains("{symbol}") || apiURL.contains("{symbols}") else {
                throw ValidationError("--price-api-url must hold {symbol} or {symbols}.")
            }
        }
        guard connectTimeout >= 0.001, totalTimeout >= 0.001, connectTimeout <= 600, totalTimeout <= 600 else {
            throw ValidationError("--price-connect-timeout and --price-timeout must be from 0.001 to 600 seconds.")
        }
        if let caBundle, !isRegularFile(caBundle) {
            throw ValidationError("--ca-bundle must name a PEM file; \(caBundle) is not a regular file.")
        }
        guard (0...5).contains(retries) else { throw ValidationError("--price-retries must be from 0 to 5.") }
    }

    /// The chain's options from these flags, the workbook's settings and the environment.
    func options(_ settings: PriceAPISettings, environment: [String: String], today: CivilDate) -> PriceChainOptions {
        var api: QuoteAPI?
        if let url = apiURL ?? settings.url {
            let format = apiFormat.flatMap { PriceAPISettings.Format(rawValue: $0.uppercased()) } ?? settings.format ?? .json
            var quoteAPI = QuoteAPI(urlTemplate: url, format: format == .csv ? .csv : .json,
                                    field: apiField ?? settings.field ?? "price",
                                    apiKey: APIKey.find(environment: environment), caBundle: caBundle)
            // The key goes only to a URL the PM gives on the command line: a workbook's author
            // chose its URL's host, and could have the key sent anywhere.
            if apiURL == nil, quoteAPI.needsKey {
                quoteAPI.apiKey = nil
                quoteAPI.keyWithheld = true
            }
            quoteAPI.connectTimeout = connectTimeout
            quoteAPI.totalTimeout = totalTimeout
            quoteAPI.retries = retries
            quoteAPI.environment = environment
            api = quoteAPI
        }
        return PriceChainOptions(cachePath: priceCache ?? PriceCache.defaultPath(environment: environment),
                                 offline: offline, api: api, today: today)
    }
}
