/// The quote API: where to ask, how to read the answer, and how patiently.
public struct QuoteAPI: Sendable {
    public enum Format: String, Sendable, Hashable {
        case csv = "CSV"
        case json = "JSON"
    }

    /// A template with `{symbol}` or `{symbols}` (a comma-separated batch), and optionally
    /// `{key}`.
    public var urlTemplate: String
    public var format: Format
    /// The CSV column, or the JSON path (dots between names, `{symbol}` for the symbol), of
    /// the price.
    public var field: String
    /// Substituted into `{key}`; never shown.
    public var apiKey: String?
    /// Whether the URL came from the workbook, whose author chose its host: the key is then
    /// not sent there (`keyWithheld`), whoever wrote the workbook.
    public var keyWithheld = false
    /// A PEM file of CAs to trust instead of the system's (`--ca-bundle`).
    public var caBundle: String?
    public var connectTimeout: Double = 5
    public var totalTimeout: Double = 20
    /// Further attempts after a timeout, a lost connection, 429 or 5xx.
    public var retries: Int = 2
    /// The pause before the first retry, doubled before each later one.
    public var backoff: Double = 0.5
    /// The most a run pauses, in all, at the asking of answers' `Retry-After`; a server
    /// that asks for more than is left is not asked again in the run (its symbols go on to
    /// the stale step), so a throttled API cannot hold the run up.
    public var longestServerWait: Double = 10
    /// The most time a run spends asking, in all: requests not yet made when it has passed
    /// are not asked (see `fetch`).
    public var longestAsking: Double = 120
    /// Symbols per request when the template has `{symbols}`.
    public var batchSize: Int = 50
    /// The largest answer read.
    public var maxBytes: Int = 8 << 20
    /// The process environment, for the proxy variables.
    public var environment: [String: String] = [:]

    public init(urlTemplate: String, format: Format, field: String, apiKey: String? = nil, caBundle: String? = nil) {
        self.urlTemplate = urlTemplate
        self.format = format
        self.field = field
        self.apiKey = apiKey
        self.caBundle = caBundle
    }

    public var isBatched: Bool { urlTemplate.contains("{symbols}") }
    public var needsKey: Bool { urlTemplate.contains("{key}") }

    /// The host (and port) asked, as shown in Source and messages: never the path or query,
    /// which may hold the key.
    public var host: String { QuoteAPI.host(of: urlTemplate) }

    /// The host (and port) of a URL, without any user name or password.
    static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(authority.split(separator: "@").last ?? authority)
    }

    /// The symbols in requests: one each, or batches of `batchSize`.
    func batches(of symbols: [String]) -> [[String]] {
        guard isBatched else { return symbols.map { [$0] } }
        let size = max(1, batchSize)
        return stride(from: 0, to: symbols.count, by: size).map { Array(symbols[$0..<min($0 + size, symbols.count)]) }
    }

    /// The URL for one request, symbols and key percent-encoded.
    func url(for symbols: [String]) -> String {
        var url = urlTemplate
        url = url.replacingOccurrences(of: "{symbols}", with: symbols.map(Self.encoded).joined(separator: ","))
        url = url.replacingOccurrences(of: "{symbol}", with: Self.encoded(symbols[0]))
        if let apiKey { url = url.replacingOccurrences(of: "{key}", with: Self.encoded(apiKey)) }
        return url
    }

    /// Text with the API key (plain or percent-encoded) blotted out.
    public func redacted(_ text: String) -> String {
        guard let apiKey, !apiKey.isEmpty else { return text }
        return text.replacingOccurrences(of: apiKey, with: "***")
            .replacingOccurrences(of: Self.encoded(apiKey), with: "***")
    }

    /// RFC 3986 unreserved characters kept, everything else percent-encoded.
    static func encoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 15)])"
            }
        }
        return out
    }
}
