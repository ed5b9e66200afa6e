import Foundation
import Pricing
import RebalanceEngine
import Testing
import XLSXTestSupport

@Suite("HTTPS with a self-signed certificate, --ca-bundle and proxy variables")
struct TLSAndProxyTests {
    @Test("An untrusted certificate names the problem and suggests --ca-bundle; the cache then serves")
    func untrustedCertificate() throws {
        let server = try QuoteServer(prices: ["VTI": "260"], tls: true)
        let cache = try temporaryCache(["VTI": .init(price: price("258"), asOf: date("2026-11-10"), source: "API, quotes.example.com")])
        let result = resolve([request("VTI")], api: quoteAPI(server, "/json?symbols={symbols}"), cache: cache, allowStale: true)
        let vti = try #require(result.price(of: "VTI"))
        #expect(vti.origin == .staleCache)
        let api = try #require(vti.tried.first { $0.hasPrefix("API: ") })
        #expect(api.hasPrefix("API: TLS certificate not trusted: "))
        #expect(api.contains("self-signed certificate") || api.contains("self signed certificate"))
        #expect(api.hasSuffix("(behind a proxy? use --ca-bundle)"))
        #expect(server.requests.isEmpty)
    }

    @Test("The same server trusted through --ca-bundle")
    func trustedThroughBundle() throws {
        let server = try QuoteServer(prices: ["VTI": "260"], tls: true)
        let api = quoteAPI(server, "/json?symbols={symbols}", caBundle: QuoteServer.certificate)
        let result = resolve([request("VTI")], api: api, cache: try temporaryCache())
        #expect(result.price(of: "VTI")?.origin == .api)
        #expect(result.price(of: "VTI")?.price == price("260"))
    }

    @Test("A --ca-bundle that is not a certificate file is named")
    func unreadableBundle() throws {
        let server = try QuoteServer(prices: ["VTI": "260"], tls: true)
        let bogus = TemporaryFolder.make() + "/bundle.pem"
        try "not a certificate".write(toFile: bogus, atomically: true, encoding: .utf8)
        let result = resolve([request("VTI")], api: quoteAPI(server, "/json?symbols={symbols}", caBundle: bogus), cache: nil)
        #expect(result.errors.first?.message.contains("API: the CA bundle \(bogus) could not be read as PEM certificates (check --ca-bundle)") == true)
    }

    @Test("A proxy variable pointing at a closed port: the failure names the proxy", arguments: ["http_proxy", "HTTP_PROXY", "ALL_PROXY"])
    func closedProxy(variable: String) throws {
        let server = try QuoteServer(prices: ["VTI": "260"])
        let port = QuoteServer.closedPort()
        var api = quoteAPI(server, "/json?symbols={symbols}", environment: [variable: "http://127.0.0.1:\(port)"])
        api.retries = 1
        let result = resolve([request("VTI", price: "250", asOf: "2026-11-01")], api: api, cache: nil, allowStale: true)
        let vti = try #require(result.price(of: "VTI"))
        #expect(vti.origin == .stale)
        #expect(vti.tried.contains("API: could not connect to the proxy 127.0.0.1:\(port) (for 127.0.0.1:\(server.port)) (2 attempts)"))
        #expect(server.requests.isEmpty)
    }

    @Test("NO_PROXY lets the API be reached directly past the same proxy")
    func noProxy() throws {
        let server = try QuoteServer(prices: ["VTI": "260"])
        let environment = ["http_proxy": "http://127.0.0.1:\(QuoteServer.closedPort())", "NO_PROXY": "localhost,127.0.0.1"]
        let result = resolve([request("VTI")], api: quoteAPI(server, "/json?symbols={symbols}", environment: environment), cache: nil)
        #expect(result.price(of: "VTI")?.origin == .api)
    }

    @Test("An HTTPS proxy variable at a closed port, for an HTTPS API")
    func closedHTTPSProxy() throws {
        let server = try QuoteServer(prices: ["VTI": "260"], tls: true)
        let port = QuoteServer.closedPort()
        var api = quoteAPI(server, "/json?symbols={symbols}", caBundle: QuoteServer.certificate,
                           environment: ["HTTPS_PROXY": "http://user:secret@127.0.0.1:\(port)"])
        api.retries = 0
        let result = resolve([request("VTI")], api: api, cache: nil)
        let message = try #require(result.errors.first?.message)
        #expect(message.contains("API: could not connect to the proxy 127.0.0.1:\(port)"))
        #expect(!message.contains("secret"))
    }
}
