import Foundation

/// The proxy the standard variables ask for, decided here so that it can be named.
///
/// `https_proxy`/`HTTPS_PROXY` for https, `http_proxy`/`HTTP_PROXY` for http (libcurl itself
/// ignores the upper-case `HTTP_PROXY`, a guard for CGI programs that does not apply to a
/// command run by hand), then `all_proxy`/`ALL_PROXY`; lower case first. `no_proxy`/
/// `NO_PROXY` lists hosts (or `.domain` suffixes, or `*`) reached directly.
struct Proxy: Sendable, Hashable {
    /// As given, handed to libcurl.
    var url: String
    /// `host:port`, credentials dropped, for messages.
    var shown: String
    /// The no-proxy list handed to libcurl (it applies it to an explicit proxy too).
    var noProxy: String?

    static func forURL(_ url: String, environment: [String: String]) -> Proxy? {
        let https = url.lowercased().hasPrefix("https:")
        let names = (https ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"]) + ["all_proxy", "ALL_PROXY"]
        guard let value = names.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        let noProxy = ["no_proxy", "NO_PROXY"].lazy.compactMap { environment[$0] }.first
        if let noProxy, bypasses(host: host(of: url), list: noProxy) { return nil }
        return Proxy(url: value, shown: host(of: value), noProxy: noProxy)
    }

    /// The host and port of a URL, without scheme, credentials or path.
    static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(authority.split(separator: "@").last ?? authority)
    }

    /// Whether `NO_PROXY` names the host: `*`, the host itself, or a domain it ends in.
    static func bypasses(host: String, list: String) -> Bool {
        let name = (host.hasPrefix("[") ? String(host.prefix { $0 != "]" }.dropFirst())
                    : String(host.prefix { $0 != ":" })).lowercased()
        for entry in list.split(separator: ",") {
            var item = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if item == "*" { return true }
            if item.hasPrefix(".") { item.removeFirst() }
            if item.isEmpty { continue }
            if name == item || name.hasSuffix("." + item) { return true }
        }
        return false
    }
}
