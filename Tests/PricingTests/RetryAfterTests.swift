import Foundation
@testable import Pricing
import RebalanceEngine
import Testing
import XLSXTestSupport

@Suite("A throttled quote API: the pause its Retry-After asks for, within a limit")
struct RetryAfterTests {
    static let quotes = ["AAPL": "190.25", "MSFT": "410.1", "VTI": "260"]

    /// Fetches through `api`, keeping the pauses instead of sleeping through them.
    private func fetch(_ symbols: [String], _ api: QuoteAPI) -> (outcomes: [String: QuoteOutcome], pauses: [Double]) {
        var pauses: [Double] = []
        let outcomes = api.fetch(symbols, today: runDate) { pauses.append($0) }.outcomes
        return (outcomes, pauses)
    }

    @Test("Retry-After in seconds, longer than the backoff, is the pause before each retry")
    func secondsLongerThanBackoff() throws {
        let server = try QuoteServer(prices: Self.quotes)
        let (outcomes, pauses) = fetch(["VTI"], quoteAPI(server, "/after/429/2/3?symbols={symbols}"))
        #expect(outcomes["VTI"] == .quote(price("260"), asOf: runDate))
        #expect(pauses == [3, 3])
        #expect(server.requests.count == 3)
    }

    @Test("Retry-After shorter than the backoff, or absent, leaves the doubling backoff")
    func shorterThanBackoff() throws {
        let server = try QuoteServer(prices: Self.quotes)
        var api = quoteAPI(server, "/after/503/2/0?symbols={symbols}")
        api.backoff = 0.5
        let (outcomes, pauses) = fetch(["VTI"], api)
        #expect(outcomes["VTI"] == .quote(price("260"), asOf: runDate))
        #expect(pauses == [0.5, 1])

        let plain = fetch(["AAPL"], { var api = quoteAPI(server, "/status/503/1?symbols={symbols}"); api.backoff = 0.5; return api }())
        #expect(plain.pauses == [0.5])
    }

    @Test("Retry-After as an HTTP date is the seconds until then")
    func httpDate() throws {
        let server = try QuoteServer(prices: Self.quotes)
        let (outcomes, pauses) = fetch(["MSFT"], quoteAPI(server, "/after/429/1/in6?symbols={symbols}"))
        #expect(outcomes["MSFT"] == .quote(price("410.1"), asOf: runDate))
        // The header names a whole second: 6 s from the moment it was written, less the
        // part of a second already gone and the moments since. libcurl counts from time(),
        // which reads the kernel's coarse clock: a few milliseconds behind the server's at a
        // second's turn, it counts one second more (7, seen once in a loaded run).
        #expect(pauses.count == 1)
        #expect((4...7).contains(pauses.first ?? 0), "\(pauses)")
    }

    @Test("A server asking for longer than the tool waits is not asked again, and says why")
    func tooLong() throws {
        let server = try QuoteServer(prices: Self.quotes)
        var api = quoteAPI(server, "/after/429/9/120?symbols={symbols}")
        api.batchSize = 1
        let (outcomes, pauses) = fetch(["AAPL", "VTI"], api)
        #expect(pauses.isEmpty)
        #expect(server.requests.count == 1)
        let reason = "HTTP 429 (too many requests), and asks to wait 120 s before asking again (the tool waits at most 10 s in a run for a throttled API)"
        #expect(outcomes["AAPL"] == .failed(reason))
        #expect(outcomes["VTI"] == .failed("not asked, an earlier request failed: " + reason))
    }

    @Test("The pauses a server asks for count across the run's requests: past the limit, the rest are not asked")
    func limitAcrossRequests() throws {
        let server = try QuoteServer(prices: Self.quotes)
        // Each symbol's first request is refused with Retry-After: 4; the limit is 10 s.
        var api = quoteAPI(server, "/after/429/1/4?symbols={symbols}")
        api.batchSize = 1
        let (outcomes, pauses) = fetch(["AAPL", "MSFT", "VTI"], api)
        #expect(pauses == [4, 4])
        #expect(outcomes["AAPL"] == .quote(price("190.25"), asOf: runDate))
        #expect(outcomes["MSFT"] == .quote(price("410.1"), asOf: runDate))
        let reason = "HTTP 429 (too many requests), and asks to wait 4 s before asking again (the tool waits at most 10 s in a run for a throttled API)"
        #expect(outcomes["VTI"] == .failed(reason))
        #expect(server.requests.count == 5)
    }

    @Test("Through the price chain, the Tried column says what the server asked for")
    func triedColumn() throws {
        let server = try QuoteServer(prices: Self.quotes)
        var api = quoteAPI(server, "/after/503/9/3600?symbols={symbols}")
        api.longestServerWait = 2
        let result = resolve([request("VTI")], api: api, cache: nil)
        #expect(result.prices.isEmpty)
        #expect(result.errors.first?.message.contains(
            "VTI (held in A): Override: none; Workbook: no row; API: HTTP 503, and asks to wait 3600 s before asking again (the tool waits at most 2 s in a run for a throttled API)") == true,
            "\(result.errors)")
    }
}
