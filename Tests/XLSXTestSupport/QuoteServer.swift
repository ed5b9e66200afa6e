import Foundation

/// The test quote API (`Tests/PricingTests/Fixtures/quote_server.py`) run as a child
/// process on 127.0.0.1; stopped when the value goes.
public final class QuoteServer: @unchecked Sendable {
    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../PricingTests/Fixtures").standardized.path
    public static let certificate = fixtures + "/localhost-cert.pem"

    public let port: Int
    public let tls: Bool
    private let process: Process
    private let input: Pipe
    private let log: String

    /// Starts a server quoting `prices`; `key` is the API key it accepts on `/key`.
    public init(prices: [String: String], tls: Bool = false, key: String = "", date: String = "") throws {
        log = TemporaryFolder.make() + "/requests.log"
        _ = FileManager.default.createFile(atPath: log, contents: Data())
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", Self.fixtures + "/quote_server.py", "--log", log, "--key", key, "--date", date,
                         "--prices", prices.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")]
        if tls { arguments += ["--tls", Self.certificate, Self.fixtures + "/localhost-key.pem"] }
        process.arguments = arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
        self.tls = tls
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// `http://127.0.0.1:PORT` (or https).
    public var base: String { "\(tls ? "https" : "http")://127.0.0.1:\(port)" }

    /// The paths asked so far, in order.
    public var requests: [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// A port nothing listens on (bound, then closed).
    public static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        close(fd)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
