import Foundation
import Pricing
import RebalanceEngine
import Testing
import XLSXTestSupport

@Suite("The price chain's order, offline runs, stale prices and the API key")
struct PriceChainTests {
    @Test("An Override beats a fresh workbook price, the cache and the API, which is not asked")
    func overrideWins() throws {
        let server = try QuoteServer(prices: ["AAPL": "190.25"])
        let cache = try temporaryCache(["AAPL": .init(price: price("189"), asOf: runDate, source: "API, x")])
        let result = resolve([request("AAPL", price: "191", override: "188.5")],
                             api: quoteAPI(server, "/json?symbols={symbols}"), cache: cache)
        let aapl = try #require(result.price(of: "AAPL"))
        #expect(aapl.origin == .override)
        #expect(aapl.price == price("188.5"))
        #expect(aapl.tried == ["Override: used"])
        #expect(server.requests.isEmpty)
    }

    @Test("A fresh workbook price beats the cache and the API")
    func workbookBeforeCache() throws {
        let server = try QuoteServer(prices: ["AAPL": "190.25"])
        let cache = try temporaryCache(["AAPL": .init(price: price("189"), asOf: runDate, source: "API, x")])
        let result = resolve([request("AAPL", price: "191", asOf: "2026-11-16")], api: quoteAPI(server, "/json?symbols={symbols}"), cache: cache)
        #expect(result.price(of: "AAPL")?.origin == .workbook)
        #expect(result.price(of: "AAPL")?.tried == ["Override: none", "Workbook: used"])
        #expect(result.price(of: "AAPL")?.note == nil)
        #expect(server.requests.isEmpty)
    }

    @Test("--offline: the API is not asked; workbook prices still serve and say so")
    func offline() throws {
        let server = try QuoteServer(prices: ["AAPL": "190.25", "MSFT": "410.1"])
        let result = resolve([request("AAPL", price: "191"), request("MSFT")],
                             api: quoteAPI(server, "/json?symbols={symbols}"), cache: try temporaryCache(), offline: true)
        #expect(server.requests.isEmpty)
        #expect(result.price(of: "AAPL")?.note == "Offline (--offline): the quote API was not asked.")
        #expect(result.errors.first?.message.contains("MSFT (held in A): Override: none; Workbook: no row; Cache: miss (no cache file yet); API: not asked (--offline)") == true)
    }

    @Test("No network and no cache: a book priced in the workbook runs")
    func workbookOnly() throws {
        var settings = Settings(asOf: runDate)
        settings.priceMaxAgeDays = 5
        let result = PriceChain.resolve([request("AAPL", price: "191"), request("BND", price: "72", asOf: "2026-11-15", row: 3)],
                                        settings: settings, options: .workbookOnly(today: runDate))
        #expect(result.problems.isEmpty)
        #expect(result.prices.map(\.origin) == [.workbook, .workbook])
    }

    @Test("Stale prices refused with every symbol listed, then allowed: the newest wins, ties to the workbook")
    func staleRefusedThenAllowed() throws {
        let cache = try temporaryCache([
            "MSFT": .init(price: price("405"), asOf: date("2026-11-12"), source: "API, x"),
            "VTI": .init(price: price("259"), asOf: date("2026-11-01"), source: "API, x"),
            "BND": .init(price: price("71"), asOf: date("2026-11-10"), source: "API, x"),
        ])
        let requests = [request("BND", price: "72", asOf: "2026-11-10", row: 2), request("MSFT", price: "400", asOf: "2026-11-10", row: 3),
                        request("VTI", price: "260", asOf: "2026-11-13", row: 4), request("ZZZ")]
        let refused = resolve(requests, cache: cache)
        #expect(refused.prices.isEmpty)
        #expect(refused.errors.map(\.description) == ["""
            Prices: No usable price for 4 symbols:
              BND (held in A, Prices!B2): Override: none; Workbook: stale, 10 days; Cache: stale, 10 days; API: none configured
              MSFT (held in A, Prices!B3): Override: none; Workbook: stale, 10 days; Cache: stale, 8 days; API: none configured
              VTI (held in A, Prices!B4): Override: none; Workbook: stale, 7 days; Cache: stale, 19 days; API: none configured
              ZZZ (held in A): Override: none; Workbook: no row; Cache: miss; API: none configured
            Add or update them on the Prices sheet, or run with a quote API, or set Allow Stale Prices to Yes to use the stale ones.
            """])

        let allowed = resolve(Array(requests.dropLast()), cache: cache, allowStale: true)
        #expect(allowed.errors.isEmpty)
        #expect(allowed.prices.map(\.origin) == [.stale, .staleCache, .stale])
        #expect(allowed.prices.map(\.price) == [price("72"), price("405"), price("260")])
        #expect(allowed.prices.allSatisfy { $0.isStale })
        #expect(allowed.problems.map(\.place) == ["Prices!B2", "Price cache \(cache)", "Prices!B4"])
    }

    @Test("Prices dated after the As Of are not used, with a warning; an Override is, with one too")
    func futureDated() throws {
        let result = resolve([request("AAPL", price: "190", asOf: "2026-11-21"), request("MSFT", asOf: "2026-11-25", override: "400", row: 3)],
                             cache: nil)
        #expect(result.prices.map(\.symbol) == ["MSFT"])
        #expect(result.problems.filter { $0.severity == .warning }.map(\.description) == [
            "Prices!C2: AAPL's price is dated 2026-11-21, after the As Of date 2026-11-20; it is not used.",
            "Prices!E3: MSFT's Override is dated 2026-11-25, after the As Of date 2026-11-20; the Override wins all the same.",
        ])
    }

    @Test("An Override older than Price Max Age Days, or far from its row's Price, wins with a warning")
    func overridesWarnedOf() throws {
        let result = resolve([request("AAPL", price: "300", asOf: "2026-11-10", override: "300"),
                              request("MSFT", price: "300", override: "3100", row: 3),
                              request("VTI", price: "300", override: "290", row: 4)], cache: nil)
        #expect(result.prices.map(\.origin) == [.override, .override, .override])
        #expect(result.problems.filter { $0.severity == .warning }.map(\.description) == [
            "Prices!E2: AAPL's Override is dated 2026-11-10, 10 days before the As Of date, older than Price Max Age Days "
                + "(5); the Override wins all the same.",
            "Prices!E3: MSFT's Override 3100.00 is more than twice its Price 300.00 on the same row; the Override wins, so "
                + "check it: every trade of MSFT is sized at it.",
        ])
    }

    @Test("The API key goes into {key} and nowhere else: not in Tried, notes, errors or the cache")
    func apiKeyNeverShown() throws {
        let secret = "s3cr3t-K3Y"
        let server = try QuoteServer(prices: ["VTI": "260", "BND": "72"], key: secret)
        let cache = try temporaryCache()
        let good = resolve([request("VTI")], api: quoteAPI(server, "/key?symbols={symbols}&apikey={key}", key: secret), cache: cache)
        #expect(good.price(of: "VTI")?.origin == .api)
        #expect(server.requests == ["/key?symbols=VTI&apikey=\(secret)"])
        #expect(!good.allText.contains(secret))
        let cached = try String(contentsOfFile: cache, encoding: .utf8)
        #expect(!cached.contains(secret))

        let wrong = resolve([request("BND")], api: quoteAPI(server, "/key?symbols={symbols}&apikey={key}", key: "wrong-key"), cache: cache)
        #expect(wrong.errors.first?.message.contains("API: HTTP 401 (check the API key)") == true)
        #expect(!wrong.allText.contains("wrong-key"))

        let missing = resolve([request("BND")], api: quoteAPI(server, "/key?symbols={symbols}&apikey={key}"), cache: nil)
        #expect(missing.errors.first?.message.contains("API: no API key (set REBALANCER_PRICE_API_KEY or price-api-key in the config file)") == true)

        // A URL the workbook names is never sent the key: nothing is asked of its host.
        var named = quoteAPI(server, "/key?symbols={symbols}&apikey={key}")
        named.keyWithheld = true
        let before = server.requests.count
        let withheld = resolve([request("BND")], api: named, cache: nil)
        #expect(withheld.errors.first?.message.contains("API: the workbook's Price API URL asks for the API key, which is "
            + "not sent to a host a workbook names; give the URL with --price-api-url to send it there") == true)
        #expect(server.requests.count == before)
    }

    @Test("The key is found in the environment first, then the config file")
    func keyLookup() throws {
        let folder = TemporaryFolder.make()
        try FileManager.default.createDirectory(atPath: folder + "/rebalancer", withIntermediateDirectories: true)
        try "# quotes\nprice-api-key = \"from-file\"\n".write(toFile: folder + "/rebalancer/config", atomically: true, encoding: .utf8)
        #expect(APIKey.find(environment: ["XDG_CONFIG_HOME": folder]) == "from-file")
        #expect(APIKey.find(environment: ["XDG_CONFIG_HOME": folder, "REBALANCER_PRICE_API_KEY": "from-env"]) == "from-env")
        #expect(APIKey.find(environment: ["XDG_CONFIG_HOME": folder + "/none", "HOME": folder + "/none"]) == nil)
    }

    @Test("The cache's default place follows XDG_CACHE_HOME, else ~/.cache")
    func cachePath() {
        #expect(PriceCache.defaultPath(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/pm"]) == "/x/cache/rebalancer/prices.json")
        #expect(PriceCache.defaultPath(environment: ["HOME": "/home/pm"]) == "/home/pm/.cache/rebalancer/prices.json")
    }

    @Test("A file that is no price cache is left aside with a warning and never written over (the workbook named as the cache)")
    func unreadableCache() throws {
        let server = try QuoteServer(prices: ["VTI": "260"])
        let path = TemporaryFolder.make() + "/prices.json"
        try "{not json".write(toFile: path, atomically: true, encoding: .utf8)
        let result = resolve([request("VTI")], api: quoteAPI(server, "/json?symbols={symbols}"), cache: path)
        #expect(result.price(of: "VTI")?.tried == ["Override: none", "Workbook: no row", "Cache: unreadable", "API: used"])
        #expect(result.problems.first?.description.hasPrefix("Price cache: The price cache \(path) could not be read") == true)
        #expect(result.problems.last?.description == "Price cache: The price cache \(path) could not be written: it holds "
            + "something other than a price cache, so it is not written over (delete it, or name another file, to have the "
            + "cache kept there); the quotes of this run are not kept.")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{not json")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["prices.json"])
    }

    /// A cache is a plain file any hand may edit: an entry the tool could not have written,
    /// a price of zero or below, is no price (it was served: a BND of -$5 planned on).
    @Test("A cache entry whose price is zero or below is passed over")
    func nonPositiveCachedPrice() throws {
        let path = TemporaryFolder.make() + "/prices.json"
        try #"{"format": 1, "prices": {"VTI": {"price": "0", "asOf": "2026-11-20", "source": "x"}, "#
            .appending(#""BND": {"price": "-5", "asOf": "2026-11-20", "source": "x"}, "#)
            .appending(#""AGG": {"price": "98.5", "asOf": "2026-11-20", "source": "x"}}}"#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        let (cache, exists) = try PriceCache.load(path: path)
        #expect(exists)
        #expect(cache.entries.keys.sorted() == ["AGG"])
        let result = resolve([request("VTI"), request("AGG")], cache: path, offline: true)
        #expect(result.price(of: "AGG")?.price == price("98.5"))
        #expect(result.price(of: "VTI") == nil)
        #expect(cache.unusable == ["VTI", "BND"])
        #expect(result.errors.first?.message.contains("VTI (held in A): Override: none; Workbook: no row; "
            + "Cache: miss (its entry has no usable price or date)") == true, "\(result.errors)")
    }

    @Test("A file far larger than a price cache is left aside unread")
    func hugeCache() throws {
        let path = TemporaryFolder.make() + "/prices.json"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(PriceCache.largestFile) + 1)
        try handle.close()
        #expect(throws: PriceCache.Failure.unreadable(path: path, reason: "it is larger than 64 MiB, far more than a price cache holds")) {
            try PriceCache.load(path: path)
        }
    }
}
