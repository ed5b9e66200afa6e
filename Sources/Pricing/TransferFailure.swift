/// Why a request to the quote API failed, worded for the Tried column.
public enum TransferFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// No answer within the total timeout (or no connection within the connect timeout).
    case timedOut(seconds: Double)
    /// The server (or the proxy) refused or did not take the connection.
    case couldNotConnect(String)
    /// The host (or the proxy) name did not resolve.
    case couldNotResolve(String)
    /// The server's certificate did not verify against the trusted CAs.
    case certificateNotTrusted(String)
    /// The `--ca-bundle` file could not be read as certificates.
    case caBundleUnreadable(String)
    /// The TLS handshake failed for another reason.
    case tls(String)
    /// The server answered with an HTTP error status.
    case http(status: Int)
    /// The answer was larger than the quote API may send.
    case tooLarge(bytes: Int)
    /// Anything else libcurl reports, with what was being done.
    case other(String)

    /// Worth asking again after a pause: timeouts, lost connections, 429 and 5xx.
    public var isRetryable: Bool {
        switch self {
        case .timedOut, .couldNotConnect: return true
        case .http(let status): return status == 429 || (500...599).contains(status)
        case .other(let text): return text.hasPrefix("connection lost")
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .timedOut(let seconds): return "timed out after \(Self.seconds(seconds))"
        case .couldNotConnect(let what): return "could not connect to \(what)"
        case .couldNotResolve(let what): return "could not resolve \(what)"
        case .certificateNotTrusted(let detail):
            return "TLS certificate not trusted\(detail.isEmpty ? "" : ": \(detail)") (behind a proxy? use --ca-bundle)"
        case .caBundleUnreadable(let path): return "the CA bundle \(path) could not be read as PEM certificates (check --ca-bundle)"
        case .tls(let detail): return "TLS handshake failed: \(detail) (behind a proxy? use --ca-bundle)"
        case .http(let status):
            return "HTTP \(status)\(status == 429 ? " (too many requests)" : status == 401 || status == 403 ? " (check the API key)" : "")"
        case .tooLarge(let bytes): return "the answer is larger than \(bytes / (1 << 20)) MiB"
        case .other(let text): return text
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
