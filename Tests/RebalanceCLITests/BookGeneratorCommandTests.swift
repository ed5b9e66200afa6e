import Foundation
import Testing

@Suite("BookGenerator, end to end")
final class BookGeneratorCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bookgen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("Writes the same book for the same seed, and rebalancer reads it without errors")
    func writesAReadableBook() throws {
        let first = folder.appendingPathComponent("Small 7.xlsx").path
        let second = folder.appendingPathComponent("again.xlsx").path
        let result = try runBuilt("BookGenerator", ["--seed", "7", "--shape", "small", first])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == "\(first): seed 7, small shape, 4 accounts, 25 lots, as of 2024-01-25\n")
        #expect(try runBuilt("BookGenerator", ["--shape=small", "--seed=7", second]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        let inspect = try runRebalancer(["inspect", first])
        #expect(inspect.status == 0)
        #expect(inspect.stdout.contains("0 errors"))
    }

    @Test("Usage errors exit 2 with the usage line and write nothing", arguments: [
        [] as [String],
        ["--seed", "1", "out.xlsx"],
        ["--seed", "x", "--shape", "small", "out.xlsx"],
        ["--seed", "1", "--shape", "huge", "out.xlsx"],
        ["--seed", "1", "--shape", "small", "a.xlsx", "b.xlsx"],
        ["--seed", "1", "--shape", "small", "--fast", "out.xlsx"],
        ["--seed"],
        ["--seed", "1", "--shape", "small", "--lots-per-account", "-3", "out.xlsx"],
        ["--seed", "1", "--shape", "small", "--lots-per-account=many", "out.xlsx"],
        ["--seed", "1", "--shape", "small", "out.xlsx", "--lots-per-account"],
    ])
    func usage(arguments: [String]) throws {
        let result = try runBuilt("BookGenerator", arguments.map { $0.hasSuffix(".xlsx") ? folder.appendingPathComponent($0).path : $0 })
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasSuffix("usage: BookGenerator --seed N --shape small|larger|dense|firm [--lots-per-account N] OUTPUT.xlsx\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("--lots-per-account gives every account that many lots", arguments: [0, 3, 12])
    func lotsPerAccount(lots: Int) throws {
        let path = folder.appendingPathComponent("Lots \(lots).xlsx").path
        let result = try runBuilt("BookGenerator", ["--seed", "7", "--shape", "small", "--lots-per-account", String(lots), path])
        #expect(result.status == 0)
        // Seed 7's small book has 4 accounts (see the test above).
        #expect(result.stdout == "\(path): seed 7, small shape, 4 accounts, \(4 * lots) lots, as of 2024-01-25\n")
        let inspect = try runRebalancer(["inspect", path])
        #expect(inspect.status == 0)
        #expect(inspect.stdout.contains("0 errors"))
    }

    @Test("A folder that does not exist exits 4 with one line")
    func unwritable() throws {
        let path = folder.appendingPathComponent("missing/Book.xlsx").path
        let result = try runBuilt("BookGenerator", ["--seed", "1", "--shape", "small", path])
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("BookGenerator: Failed creating a file beside \(path)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
