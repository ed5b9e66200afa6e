import Foundation
import Testing
import XLSXTestSupport

/// Runs the built `rebalancer` binary and captures what it prints.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

func runRebalancer(_ arguments: [String]) throws -> CommandResult {
    try runBuilt("rebalancer", arguments)
}

/// Runs a built executable of the package (`rebalancer`, `BookGenerator`), with the test's
/// environment or the one given, under `wrapper` when one is given (`timeout 20`), in
/// `folder` when one is given.
func runBuilt(_ name: String, _ arguments: [String], environment: [String: String]? = nil,
              under wrapper: [String] = [], in folder: String? = nil) throws -> CommandResult {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path,
        FileManager.default.currentDirectoryPath + "/.build/debug/\(name)",
    ]
    guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[1]])
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: wrapper.first ?? binary)
    process.arguments = wrapper.isEmpty ? arguments : Array(wrapper.dropFirst()) + [binary] + arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// The sample workbook shipped with the repository.
let sampleBook = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../SampleWorkbooks/Household Portfolio.xlsx").standardized.path

@Suite("rebalancer inspect, end to end")
struct InspectCommandTests {
    @Test("Lists the sample's sheets with their used ranges")
    func listsSheets() throws {
        let result = try runRebalancer(["inspect", sampleBook])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix(": 6 sheet(s), 1900 date system") == true)
        #expect(lines.dropFirst().prefix(6).map { $0.trimmingCharacters(in: .whitespaces) } == [
            "1. Settings: 6 row(s), 12 cell(s), A1:B6",
            "2. Accounts: 4 row(s), 24 cell(s), A1:F4",
            "3. Lots: 12 row(s), 67 cell(s), A1:F13",
            "4. Model: 6 row(s), 22 cell(s), A1:D6",
            "5. Prices: 8 row(s), 32 cell(s), A1:D8",
            "6. Securities: 5 row(s), 18 cell(s), A1:F5",
        ])
    }

    @Test("Dumps one sheet's cells with dates, money and percents as a PM typed them")
    func dumpsCells() throws {
        let lots = try runRebalancer(["inspect", sampleBook, "--cells", "Lots"])
        #expect(lots.status == 0)
        let lines = lots.stdout.split(separator: "\n").map(String.init)
        #expect(lines.prefix(2) == ["Lots\tA1\ts\tTax lots as of 11/20/2026", "Lots\tA3\ts\tAccount"])
        #expect(lines.contains("Lots\tE4\tn\t61320.0"))
        #expect(lines.contains("Lots\tF4\td\t2019-03-14"))
        #expect(lines.contains("Lots\tF11\td\t2024-02-29"))
        let model = try runRebalancer(["inspect", sampleBook, "--cells", "model"])
        #expect(model.stdout.split(separator: "\n").contains("Model\tB2\tn\t0.45"))
    }

    @Test("An unknown sheet is a usage error naming the sheets there are")
    func unknownSheet() throws {
        let result = try runRebalancer(["inspect", sampleBook, "--cells", "Trades"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasSuffix("no sheet named \"Trades\"; the workbook has \"Settings\", \"Accounts\", \"Lots\", \"Model\", \"Prices\", \"Securities\".\n"))
    }

    @Test("A file that is not a workbook exits 1 with one line, and is left untouched")
    func notAWorkbook() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rebalancer-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("notes.xlsx").path
        try Data("quarterly notes".utf8).write(to: URL(fileURLWithPath: path))
        let result = try runRebalancer(["inspect", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(path): This file is not an .xlsx workbook (it is not a zip container).\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("quarterly notes".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.xlsx"])
    }

    @Test("A symbol without a workbook price says inspect did not ask the workbook's quote API, which run asks")
    func quoteAPINotAsked() throws {
        let path = try XLSXFixture.contractBook([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"],
                          ["Price API URL", "https://quotes.example.com/p?s={symbols}"]]),
            ("Lots", [["Symbol", "Quantity", "Cost Basis", "Acquired"], ["VTI", 10, 1500, .day(2024, 1, 2)]]),
            ("Model", [["Symbol", "Target"], ["VTI", 0.9]]),
        ]).write()
        let result = try runRebalancer(["inspect", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("VTI (held in Account): Override: none; Workbook: no row; "
            + "API: not asked (inspect reads the workbook alone; run asks it)"), "\(result.stdout)")
    }
}
