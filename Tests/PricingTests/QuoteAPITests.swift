import Foundation
import Pricing
import RebalanceEngine
import Testing
import XLSXTestSupport

@Suite("The quote API against real servers on 127.0.0.1")
struct QuoteAPITests {
    static let quotes = ["AAPL": "190.25", "MSFT": "410.1", "VTI": "260", "BND": "72.125", "IXUS": "68.5"]

    @Test("Batches of {symbols}: five symbols in three requests, every quote used and cached")
    func batches() throws {
        let server = try QuoteServer(prices: Self.quotes)
        var api = quoteAPI(server, "/json?symbols={symbols}")
        api.batchSize = 2
        let cache = try temporaryCache()
        let symbols = ["AAPL", "BND", "IXUS", "MSFT", "VTI"]
        let result = resolve(symbols.map { request($0) }, api: api, cache: cache)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.prices.map(\.symbol) == symbols)
        #expect(result.prices.map(\.price) == symbols.map { price(Self.quotes[$0]!) })
        #expect(result.prices.allSatisfy { $0.origin == .api && $0.asOf == runDate })
        #expect(result.price(of: "AAPL")?.tried == ["Override: none", "Workbook: no row", "Cache: miss (no cache file yet)", "API: used"])
        #expect(result.price(of: "AAPL")?.source == "127.0.0.1:\(server.port)")
        #expect(result.price(of: "AAPL")?.note == "No price cache at \(cache) yet.")
        #expect(server.requests == ["/json?symbols=AAPL,BND", "/json?symbols=IXUS,MSFT", "/json?symbols=VTI"])
        let (saved, exists) = try PriceCache.load(path: cache)
        #expect(exists)
        #expect(saved.entries["MSFT"] == PriceCache.Entry(price: price("410.1"), asOf: runDate, source: "API, 127.0.0.1:\(server.port)"))

        // A second run is served by the cache, without a request.
        let again = resolve(symbols.map { request($0) }, api: api, cache: cache)
        #expect(again.prices.allSatisfy { $0.origin == .cache })
        #expect(again.price(of: "VTI")?.tried.last == "Cache: used")
        #expect(again.price(of: "VTI")?.note == "Cache read: \(cache).")
        #expect(server.requests.count == 3)
    }

    @Test("CSV answers, by the column the field names")
    func csv() throws {
        let server = try QuoteServer(prices: Self.quotes, date: "2026-11-19")
        let api = quoteAPI(server, "/csv?symbols={symbols}", format: .csv, field: "Price")
        let result = resolve([request("BND"), request("VTI")], api: api, cache: try temporaryCache())
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.prices.map(\.price) == [price("72.125"), price("260")])
        #expect(result.prices.map(\.asOf) == [date("2026-11-19"), date("2026-11-19")])
    }

    @Test("One request per {symbol}, the price found by a JSON path through the symbol")
    func perSymbol() throws {
        let server = try QuoteServer(prices: Self.quotes)
        let api = quoteAPI(server, "/one/{symbol}", field: "data.{symbol}.close")
        let result = resolve([request("AAPL"), request("MSFT")], api: api, cache: nil)
        #expect(result.prices.map(\.price) == [price("190.25"), price("410.1")])
        #expect(server.requests == ["/one/AAPL", "/one/MSFT"])
    }

    @Test("A malformed answer and a partial one: each symbol says what went wrong")
    func malformedAndPartial() throws {
        let server = try QuoteServer(prices: Self.quotes)
        let malformed = resolve([request("AAPL")], api: quoteAPI(server, "/malformed?symbols={symbols}"), cache: nil)
        #expect(malformed.prices.isEmpty)
        #expect(malformed.errors.first?.message.contains("AAPL (held in A): Override: none; Workbook: no row; API: malformed answer: not JSON") == true)

        let partial = resolve([request("AAPL"), request("MSFT")], api: quoteAPI(server, "/partial?symbols={symbols}"), cache: nil)
        #expect(partial.prices.map(\.symbol) == ["AAPL"])
        #expect(partial.errors.map(\.message) == [
            "No usable price for 1 symbol:\n  MSFT (held in A): Override: none; Workbook: no row; API: no quote for MSFT in the answer\nAdd or update them on the Prices sheet, or check the quote API.",
        ])
    }

    @Test("429 and 503 are asked again after a pause, at most twice more", arguments: [429, 503])
    func retries(status: Int) throws {
        let server = try QuoteServer(prices: Self.quotes)
        let recovered = resolve([request("VTI")], api: quoteAPI(server, "/status/\(status)/2?symbols={symbols}"), cache: nil)
        #expect(recovered.price(of: "VTI")?.price == price("260"))
        #expect(server.requests.count == 3)

        let failed = resolve([request("BND")], api: quoteAPI(server, "/status/\(status)/9?symbols={symbols}"), cache: nil)
        #expect(failed.prices.isEmpty)
        #expect(failed.errors.first?.message.contains("API: HTTP \(status)\(status == 429 ? " (too many requests)" : "") (3 attempts)") == true)
        #expect(server.requests.count == 6)
    }

    @Test("A server that hangs times out; a stale cached price then serves under Allow Stale Prices")
    func hangingServer() throws {
        let server = try QuoteServer(prices: Self.quotes)
        var api = quoteAPI(server, "/hang?symbols={symbols}")
        api.retries = 0
        // Connected at once, the request's whole timeout is what fired, and Tried names it.
        api.connectTimeout = 3
        let cache = try temporaryCache(["VTI": .init(price: price("255.5"), asOf: date("2026-11-12"), source: "API, quotes.example.com")])
        let started = Date()
        let refused = resolve([request("VTI")], api: api, cache: cache)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(refused.errors.first?.message.contains("VTI (held in A): Override: none; Workbook: no row; Cache: stale, 8 days; API: timed out after 1 s") == true)
        #expect(refused.errors.first?.message.hasSuffix("or set Allow Stale Prices to Yes to use the stale ones.") == true)

        let allowed = resolve([request("VTI")], api: api, cache: cache, allowStale: true)
        let vti = try #require(allowed.price(of: "VTI"))
        #expect(vti.origin == .staleCache)
        #expect(vti.price == price("255.5"))
        #expect(vti.tried == ["Override: none", "Workbook: no row", "Cache: stale, 8 days", "API: timed out after 1 s",
                              "Stale: cache price of 2026-11-12 used under Allow Stale Prices"])
        #expect(allowed.problems.map(\.description) == [
            "Price cache \(cache): VTI's price is 8 days old (Price Max Age Days is 5); used as a stale price under Allow Stale Prices.",
        ])
    }

    /// An answer the tool cannot trust is no price: JSON's `true` (read as 1 by Foundation),
    /// a quote naming another symbol than the one asked, two quotes of one symbol that differ,
    /// a CSV of several rows with no symbol column.
    @Test("Answers that are not the symbol's price are refused", arguments: [
        ("{\"price\": true}", "json", "API: malformed answer: \"price\" for VTI is not a number"),
        ("{\"symbol\": \"AAPL\", \"price\": 230}", "json", "API: the answer's quote is for AAPL, not VTI"),
        ("{\"quotes\": [{\"symbol\": \"VTI\", \"price\": 250}, {\"symbol\": \"vti\", \"price\": 999}]}", "json",
         "API: malformed answer: two different quotes for VTI"),
        ("price\n250\n999\n", "csv", "API: malformed answer: the CSV has 2 rows and no symbol column to say whose each is"),
        ("symbol,price\nVTI,250\nVTI,999\n", "csv", "API: malformed answer: two different quotes for VTI"),
    ])
    func untrustedAnswers(body: String, kind: String, tried: String) throws {
        let server = try QuoteServer(prices: Self.quotes)
        let field = body.contains("quotes") ? "quotes.price" : "price"
        let url = "/raw?body=\(QuoteAPITests.encoded(body))&s={symbol}"
        let api = quoteAPI(server, url, format: kind == "csv" ? .csv : .json, field: field)
        let result = resolve([request("VTI")], api: api, cache: nil)
        #expect(result.prices.isEmpty)
        #expect(result.errors.first?.message.contains("VTI (held in A): Override: none; Workbook: no row; \(tried)\n") == true,
                "\(result.errors)")
        // The same symbol's own quote, twice alike, is its price.
        let twice = QuoteAPITests.encoded(#"{"quotes": [{"symbol": "VTI", "price": 250}, {"symbol": "VTI", "price": 250}]}"#)
        let alike = resolve([request("VTI")], api: quoteAPI(server, "/raw?body=" + twice + "&s={symbol}"), cache: nil)
        #expect(alike.price(of: "VTI")?.price == price("250"))
    }

    @Test("A quote whose date is a number is refused, not taken as undated", arguments: ["20200101", "1605830400"])
    func numericDate(date: String) throws {
        let server = try QuoteServer(prices: Self.quotes)
        let body = QuoteAPITests.encoded(#"{"quotes": [{"symbol": "VTI", "price": 100, "date": "# + date + "}]}")
        let result = resolve([request("VTI")], api: quoteAPI(server, "/raw?body=" + body + "&s={symbols}"), cache: nil)
        #expect(result.prices.isEmpty)
        #expect(result.errors.first?.message.contains("API: malformed answer: the date \(date) is not YYYY-MM-DD") == true,
                "\(result.errors)")
    }

    /// The workbook's VTI is ten days old, the API's seven: under Allow Stale Prices the run
    /// takes the API's, newer, as the next run would from the cache it was written to.
    @Test("A stale quote the API just gave takes part in the stale step of the same run")
    func staleQuoteOfTheRun() throws {
        let server = try QuoteServer(prices: Self.quotes)
        let body = QuoteAPITests.encoded(#"{"quotes": [{"symbol": "VTI", "price": 270, "date": "2026-11-13"}]}"#)
        let api = quoteAPI(server, "/raw?body=" + body + "&s={symbols}")
        let cache = try temporaryCache()
        let stale = request("VTI", price: "250", asOf: "2026-11-10")
        let first = resolve([stale], api: api, cache: cache, allowStale: true)
        let vti = try #require(first.price(of: "VTI"))
        #expect(vti.price == price("270"))
        #expect(vti.origin == .staleCache)
        #expect(vti.tried == ["Override: none", "Workbook: stale, 10 days", "Cache: miss (no cache file yet)", "API: stale, 7 days",
                              "Stale: cache price of 2026-11-13 used under Allow Stale Prices"])
        let again = resolve([stale], api: api, cache: cache, allowStale: true)
        #expect(again.price(of: "VTI")?.price == price("270"))
    }

    @Test("A quote older than the cache's entry does not replace it")
    func olderQuoteKeepsTheCache() throws {
        let server = try QuoteServer(prices: Self.quotes)
        let body = QuoteAPITests.encoded(#"{"quotes": [{"symbol": "VTI", "price": 265, "date": "2026-11-13"}]}"#)
        let cache = try temporaryCache(["VTI": .init(price: price("270"), asOf: date("2026-11-14"), source: "API, q.example.com")])
        let result = resolve([request("VTI")], api: quoteAPI(server, "/raw?body=" + body + "&s={symbols}"), cache: cache,
                             allowStale: true)
        #expect(result.price(of: "VTI")?.price == price("270"))
        #expect(try PriceCache.load(path: cache).cache.entries["VTI"]?.asOf == date("2026-11-14"))
    }

    @Test("A price from a host a redirect led to names both hosts in its Source")
    func redirectedSource() throws {
        let asked = try QuoteServer(prices: [:])
        let answering = try QuoteServer(prices: Self.quotes)
        let target = QuoteAPITests.encoded(answering.base + "/json?symbols=")
        let cache = try temporaryCache()
        let result = resolve([request("VTI")], api: quoteAPI(asked, "/redirect?to=" + target + "&symbols={symbols}"), cache: cache)
        #expect(result.price(of: "VTI")?.price == price("260"))
        #expect(result.price(of: "VTI")?.source == "127.0.0.1:\(asked.port), redirected to 127.0.0.1:\(answering.port)")
        #expect(try PriceCache.load(path: cache).cache.entries["VTI"]?.source
            == "API, 127.0.0.1:\(asked.port), redirected to 127.0.0.1:\(answering.port)")
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// AAPL, MSFT and VTI asked one request each of `path` on a new server, the API set by
    /// `configure`: the requests the server saw, and the outcome.
    private func askedOneByOne(_ path: String, _ configure: (inout QuoteAPI) -> Void) throws -> (requests: Int, result: PriceResolution) {
        let server = try QuoteServer(prices: Self.quotes)
        var api = quoteAPI(server, path)
        api.batchSize = 1
        configure(&api)
        let result = resolve([request("AAPL"), request("MSFT"), request("VTI")], api: api, cache: nil)
        return (server.requests.count, result)
    }

    @Test("A server answering 5xx, 401, 403 or 429 after the retries is not asked for the rest", arguments: [503, 502, 401, 429])
    func stopsAfterServerErrors(status: Int) throws {
        let (requests, result) = try askedOneByOne("/status/\(status)/99?symbols={symbols}") { $0.backoff = 0.01 }
        #expect(requests == ([401, 403].contains(status) ? 1 : 3))
        #expect(result.errors.first?.message.contains("MSFT (held in A): Override: none; Workbook: no row; API: not asked, "
            + "an earlier request failed: HTTP \(status)") == true, "\(result.errors)")
    }

    @Test("Once the requests have taken the run's limit, the rest are not asked")
    func stopsAtTheRunsLimit() throws {
        let (requests, result) = try askedOneByOne("/slow/0.4?symbols={symbols}") { $0.longestAsking = 0.3 }
        #expect(requests == 1)
        #expect(result.price(of: "AAPL")?.price == price("190.25"))
        #expect(result.errors.first?.message.contains("MSFT (held in A): Override: none; Workbook: no row; API: not asked: "
            + "the quote API's answers took 0.3 s in all, the most a run waits on them") == true, "\(result.errors)")
    }

    @Test("After a request that timed out the rest are not asked, so a dead API costs one timeout")
    func stopsAfterFailure() throws {
        let server = try QuoteServer(prices: Self.quotes)
        var api = quoteAPI(server, "/hang?symbols={symbols}")
        api.retries = 0
        api.batchSize = 1
        let result = resolve([request("AAPL"), request("MSFT")], api: api, cache: nil)
        #expect(server.requests.count == 1)
        #expect(result.errors.first?.message.contains("MSFT (held in A): Override: none; Workbook: no row; API: not asked, an earlier request failed: timed out after 1 s") == true)
    }
}
