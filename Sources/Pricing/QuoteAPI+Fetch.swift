internal import CCurl
import Foundation
import RebalanceEngine

/// What the quote API said of one symbol.
public enum QuoteOutcome: Sendable, Hashable {
    case quote(Price, asOf: CivilDate)
    /// Why there is no quote, worded for the Tried column (key never included).
    case failed(String)
}

extension QuoteAPI {
    /// Asks for every symbol, in batches, with retries; stops asking after a failure that
    /// is not about one answer (the server or the network is down), so nothing waits long.
    /// `today` dates quotes whose answer gives no date.
    ///
    /// `clock` gives seconds: once the requests have taken `longestAsking` in all, the rest
    /// are not asked, so an API answering each symbol just within the timeout cannot hold
    /// the run for hours.
    ///
    /// With each symbol's outcome, the host that answered its request when a redirect took
    /// it elsewhere than `host` (the Source names both).
    func fetch(_ symbols: [String], today: CivilDate,
               pause: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
               clock: () -> Double = QuoteAPI.monotonicSeconds)
        -> (outcomes: [String: QuoteOutcome], redirectedTo: [String: String]) {
        var outcomes: [String: QuoteOutcome] = [:]
        var redirectedTo: [String: String] = [:]
        var stopped: String?
        var throttled = 0.0
        let start = clock()
        for batch in batches(of: symbols) {
            if stopped == nil, clock() - start >= longestAsking {
                stopped = "not asked: the quote API's answers took \(TransferFailure.seconds(longestAsking)) in all, "
                    + "the most a run waits on them"
            }
            if let stopped {
                for symbol in batch { outcomes[symbol] = .failed(stopped) }
                continue
            }
            switch request(batch, pause: pause, throttled: &throttled) {
            case .failure(let failure):
                let text = redacted(failure.text)
                for symbol in batch { outcomes[symbol] = .failed(text) }
                if failure.stopsTheRun { stopped = "not asked, an earlier request failed: \(text)" }
            case .success(let answer):
                let parsed = QuoteParser(format: format, field: field, today: today).quotes(in: answer.body, for: batch)
                for symbol in batch { outcomes[symbol] = parsed[symbol].map { QuoteOutcome(redacted: $0, by: self) } }
                if let url = answer.url, QuoteAPI.host(of: url) != host {
                    for symbol in batch { redirectedTo[symbol] = QuoteAPI.host(of: url) }
                }
            }
        }
        return (outcomes, redirectedTo)
    }

    /// One request, retried after a retryable failure with a doubling pause, or after the
    /// pause the answer's `Retry-After` asks for when that is longer. `throttled` counts the
    /// seconds paused at a server's asking in the run: one that asks for more than is left
    /// of `longestServerWait` is not asked again, so the run does not wait on it.
    private func request(_ batch: [String], pause: (Double) -> Void, throttled: inout Double)
        -> Result<(body: [UInt8], url: String?), RequestFailure> {
        var attempt = 0
        while true {
            var serverWait = 0
            do throws(TransferFailure) {
                let (status, body, retryAfter, answered) = try get(url(for: batch))
                if (200...299).contains(status) { return .success((body, answered)) }
                serverWait = retryAfter
                throw TransferFailure.http(status: status)
            } catch {
                let tooLong = error.isRetryable && throttled + Double(serverWait) > longestServerWait
                if error.isRetryable && attempt < retries && !tooLong {
                    let wait = max(backoff * Double(1 << attempt), Double(serverWait))
                    if serverWait > 0 { throttled += wait }
                    pause(wait)
                    attempt += 1
                    continue
                }
                var text = "\(error)"
                if tooLong {
                    text += ", and asks to wait \(TransferFailure.seconds(Double(serverWait))) before asking again"
                        + " (the tool waits at most \(TransferFailure.seconds(longestServerWait)) in a run for a throttled API)"
                }
                if attempt > 0 { text += " (\(attempt + 1) attempts)" }
                // An answer about one symbol (404, a body too large) leaves the rest to ask;
                // a server failing (5xx), refusing the key (401, 403) or still throttling
                // after the retries would answer the rest so too: a gateway answering 502 at
                // once cost a second and a half a symbol, three minutes for 120 of them.
                let stops: Bool
                switch error {
                case .http(let status): stops = tooLong || status >= 500 || [401, 403, 429].contains(status)
                case .tooLarge: stops = tooLong
                default: stops = true
                }
                return .failure(RequestFailure(text: text, stopsTheRun: stops))
            }
        }
    }

    /// One GET through libcurl, with this API's timeouts, CAs and proxy.
    private func get(_ url: String) throws(TransferFailure) -> (status: Int, body: [UInt8], retryAfter: Int, url: String?) {
        let curl = try CurlHandle()
        let proxy = Proxy.forURL(url, environment: environment)
        try curl.set(CURLOPT_URL, url, "setting the URL")
        try curl.set(CURLOPT_PROTOCOLS_STR, "http,https", "allowing only http and https")
        // An https URL is not redirected to plain http, where the answer (and any key in
        // the next URL) would travel in the clear.
        let secure = url.lowercased().hasPrefix("https://")
        try curl.set(CURLOPT_REDIR_PROTOCOLS_STR, secure ? "https" : "http,https",
                     secure ? "allowing only https redirects" : "allowing only http and https redirects")
        try curl.set(CURLOPT_FOLLOWLOCATION, 1, "following redirects")
        try curl.set(CURLOPT_MAXREDIRS, 3, "limiting redirects")
        try curl.set(CURLOPT_NOSIGNAL, 1, "turning off signals")
        // At least a millisecond: libcurl reads 0 as no limit, and a timeout under a millisecond
        // (0.0005 s, accepted as more than 0) waited on a server that never answered for ever.
        try curl.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int((connectTimeout * 1000).rounded(.up))), "setting the connect timeout")
        try curl.set(CURLOPT_TIMEOUT_MS, max(1, Int((totalTimeout * 1000).rounded(.up))), "setting the total timeout")
        try curl.set(CURLOPT_USERAGENT, "rebalancer", "setting the user agent")
        try curl.set(CURLOPT_PROXY, proxy?.url ?? "", "setting the proxy")
        if let noProxy = proxy?.noProxy { try curl.set(CURLOPT_NOPROXY, noProxy, "setting the no-proxy list") }
        if let caBundle { try curl.set(CURLOPT_CAINFO, caBundle, "setting the CA bundle \(caBundle)") }
        try curl.addHeader(format == .json ? "Accept: application/json" : "Accept: text/csv")
        let target = proxy.map { "the proxy \($0.shown) (for \(host))" } ?? host
        return try curl.get(limit: maxBytes, connectTimeout: connectTimeout, totalTimeout: totalTimeout,
                            target: target, caBundle: caBundle)
    }
}

/// A request that failed after its retries: the words for Tried, and whether to stop asking.
struct RequestFailure: Error {
    var text: String
    var stopsTheRun: Bool
}

extension QuoteOutcome {
    init(redacted outcome: QuoteOutcome, by api: QuoteAPI) {
        switch outcome {
        case .quote: self = outcome
        case .failed(let text): self = .failed(api.redacted(text))
        }
    }
}

extension QuoteAPI {
    /// Seconds on the monotonic clock.
    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
