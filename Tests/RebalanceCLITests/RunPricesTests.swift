import OutputChecks
import Foundation
import RebalanceEngine
import Testing
import WorkbookIO
import XLSXTestSupport

/// Runs the built `rebalancer` with exactly this environment (no proxy or key leaks in
/// from the machine; HOME and the XDG folders point into a temporary folder).
func runRebalancer(_ arguments: [String], environment extra: [String: String]) throws -> CommandResult {
    let home = TemporaryFolder.make()
    var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home,
                       "XDG_CACHE_HOME": home + "/cache", "XDG_CONFIG_HOME": home + "/config"]
    environment.merge(extra) { _, new in new }
    return try runBuilt("rebalancer", arguments, environment: environment)
}

@Suite("rebalancer run: prices from the workbook, the cache and the quote API")
struct RunPricesTests {
    func output(_ result: CommandResult) throws -> OutputBook {
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("Output:") })
        return try OutputBook(path: line.dropFirst("Output:".count).trimmingCharacters(in: .whitespaces))
    }

    func copyOfSample() throws -> String {
        let path = TemporaryFolder.make() + "/Household Portfolio.xlsx"
        try FileManager.default.copyItem(atPath: sampleBook, toPath: path)
        return path
    }

    @Test("The sample with no network and no cache runs from its workbook prices, and Price Provenance says so")
    func sampleOffline() throws {
        let cache = TemporaryFolder.make() + "/prices.json"
        let result = try runRebalancer([try copyOfSample(), "--offline", "--price-cache", cache], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try output(result).rows("Price Provenance")
        #expect(rows.count == 7)
        for row in rows {
            #expect(row.text("Source").hasPrefix("Workbook"))
            #expect(row.text("Tried") == "Override: none; Workbook: used")
            #expect(row.text("Note") == "Offline (--offline): the quote API was not asked.")
        }
        #expect(!FileManager.default.fileExists(atPath: cache))
    }

    @Test("Stale workbook prices stop the run with every symbol listed; no output is written")
    func sampleStale() throws {
        let book = try copyOfSample()
        let result = try runRebalancer([book, "--as-of", "2026-11-30", "--offline", "--price-cache",
                                        TemporaryFolder.make() + "/prices.json"], environment: [:])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Prices: No usable price for 7 symbols:\n  BND (held in CHEN-TAX, Prices!B4): Override: none; Workbook: stale, 10 days; Cache: miss (no cache file yet); API: not asked (--offline)\n"))
        let folder = (book as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["Household Portfolio.xlsx"])
    }

    /// A one-account book as of `asOf`: AAPL held and priced stale, MSFT overridden, VTI only
    /// from the quote API.
    func book(asOf: String, allowStale: Bool) throws -> String {
        let date = CivilDate(iso: asOf)!
        return try XLSXFixture.contractBook([
            ("Settings", [["Setting", "Value"], ["As Of Date", .text(asOf)], ["Allow Stale Prices", allowStale ? "Yes" : "No"],
                          ["Min Trade", 1]]),
            ("Accounts", [["Account", "Type", "Cash"], ["A", "IRA", 20_000]]),
            ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"], ["A", "AAPL", 200, 20_000, .day(2020, 1, 2)]]),
            ("Model", [["Symbol", "Target"], ["AAPL", "30%"], ["MSFT", "30%"], ["VTI", "39%"]]),
            ("Prices", [["Symbol", "Price", "As Of", "Source", "Override"],
                        ["AAPL", 190, .day(date.adding(days: -9).year, date.adding(days: -9).month, date.adding(days: -9).day), "Close", nil],
                        ["MSFT", 410, .text(asOf), "Close", 400]]),
        ]).write(named: "Book.xlsx")
    }

    static var today: String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    @Test("Quotes from the API over HTTP with a key from the environment; stale and overridden prices named in Reasons; the key in no output")
    func apiRun() throws {
        let secret = "k-\(UInt32.random(in: 1_000_000...9_999_999))"
        let server = try QuoteServer(prices: ["VTI": "260.5"], key: secret)
        let cache = TemporaryFolder.make() + "/prices.json"
        let path = try book(asOf: Self.today, allowStale: true)
        let arguments = [path, "--price-cache", cache, "--price-api-url", server.base + "/key?symbols={symbols}&apikey={key}",
                         "--price-api-field", "quotes.price", "--price-timeout", "2"]
        let result = try runRebalancer(arguments, environment: ["REBALANCER_PRICE_API_KEY": secret])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(server.requests == ["/key?symbols=AAPL,VTI&apikey=\(secret)"])
        let book = try output(result)
        let provenance = Dictionary(uniqueKeysWithValues: book.rows("Price Provenance").map { ($0.text("Symbol"), $0) })
        #expect(provenance["VTI"]?.text("Source") == "API, 127.0.0.1:\(server.port)")
        #expect(provenance["VTI"]?.text("Tried") == "Override: none; Workbook: no row; Cache: miss (no cache file yet); API: used")
        #expect(provenance["VTI"]?.text("Note") == "No price cache at \(cache) yet.")
        #expect(provenance["AAPL"]?.text("Source") == "Workbook (stale), Close")
        #expect(provenance["AAPL"]?.text("Tried") == "Override: none; Workbook: stale, 9 days; Cache: miss (no cache file yet); API: no quote for AAPL in the answer; Stale: workbook price of \(CivilDate(iso: Self.today)!.adding(days: -9)) used under Allow Stale Prices")
        #expect(provenance["MSFT"]?.text("Tried") == "Override: used")
        let reasons = Dictionary(book.rows("Trades").map { ($0.text("Symbol"), $0.text("Reason")) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["MSFT"]?.hasSuffix("; price overridden") == true)
        #expect(reasons["AAPL"]?.contains("; price stale (as of ") == true)
        #expect(reasons["VTI"]?.contains("; price ") == false)
        let auditLine = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("Audit:") })
        let audit = try String(contentsOfFile: auditLine.dropFirst("Audit:".count).trimmingCharacters(in: .whitespaces),
                               encoding: .utf8)
        #expect(audit.contains("\"origin\" : \"API\"") || audit.contains("\"origin\":\"API\""))
        for text in [result.stdout, result.stderr, audit, try String(contentsOfFile: cache, encoding: .utf8)] {
            #expect(!text.contains(secret))
        }
        let cells = book.rows("Price Provenance").flatMap { $0.values.map { "\($0)" } }.joined()
        #expect(!cells.contains(secret))
    }
}
