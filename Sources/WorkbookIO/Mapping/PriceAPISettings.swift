/// The quote API as the Settings sheet describes it (`Price API URL`, `Price API Format`,
/// `Price API Field`); the command line may override each.
public struct PriceAPISettings: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case csv = "CSV"
        case json = "JSON"
    }

    /// A template with `{symbol}` (one request per symbol) or `{symbols}` (a batch), and
    /// optionally `{key}`. Nil when the workbook names no API.
    public var url: String?
    public var format: Format?
    /// The CSV column or the JSON path of the price.
    public var field: String?

    public init(url: String? = nil, format: Format? = nil, field: String? = nil) {
        self.url = url
        self.format = format
        self.field = field
    }
}

extension PortfolioBuilder {
    /// Whether a query parameter's name says it carries a credential (`apikey`, `api_key`,
    /// `x-api-key`, `access_token`, `auth_token`, `client_secret`, `password`…), refused in the
    /// workbook's URL. Until stop 40 a list of nine names let `access_token=` and `x-api-key=`
    /// through.
    static func namesCredential(_ parameter: Substring) -> Bool {
        let name = parameter.lowercased().filter { $0.isLetter || $0.isNumber }
        return ["key", "token", "secret", "password", "passwd", "signature", "credential", "credentials"]
            .contains { name == $0 || name.hasSuffix($0) } || name == "auth" || name == "sig"
    }

    /// Applies one of the quote API's settings; returns whether it was understood.
    mutating func applyPriceAPISetting(_ key: SettingKey, text: String, place: String) -> Bool {
        switch key {
        case .priceAPIURL:
            let lower = text.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                log.error(place, "Price API URL must start with http:// or https://, found \"\(text)\".")
                return false
            }
            guard text.contains("{symbol}") || text.contains("{symbols}") else {
                log.error(place, "Price API URL must hold {symbol} (one request per symbol) or {symbols} (a batch), found \"\(text)\".")
                return false
            }
            // A user name and password before the host (`https://user:pass@host/`) would be
            // sent as the request's credentials: they are the key's kind, and kept out too.
            let authority = text.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if authority.contains("@") {
                log.error(place, "Price API URL must not hold a user name or password (…@ before the host): give the URL "
                    + "with --price-api-url, and the key in the REBALANCER_PRICE_API_KEY environment variable or the config file.")
                return false
            }
            if let query = text.split(separator: "?", maxSplits: 1).dropFirst().first {
                for pair in query.split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2, Self.namesCredential(parts[0]), parts[1] != "{key}" else { continue }
                    log.error(place, "Price API URL must not hold an API key (\(parts[0])=…): write \(parts[0])={key} and set the key in the REBALANCER_PRICE_API_KEY environment variable or the config file.")
                    return false
                }
            }
            priceAPI.url = text
        case .priceAPIFormat:
            guard let format = PriceAPISettings.Format(rawValue: text.uppercased()) else {
                log.error(place, "Price API Format must be CSV or JSON, found \"\(text)\".")
                return false
            }
            priceAPI.format = format
        default:
            priceAPI.field = text
        }
        return true
    }
}
