import Foundation
import Testing
import XLSXTestSupport

/// The package's root folder, where `SampleWorkbooks/` and `Templates/` are.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardized.path

/// Every `.xlsx` in `SampleWorkbooks/`, by file name.
func sampleWorkbookNames() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/SampleWorkbooks")) ?? []
    return names.filter { $0.hasSuffix(".xlsx") && !$0.hasPrefix("~$") }.sorted()
}

/// Compares lines with a golden file under `Golden/`; `REBALANCER_RECORD_GOLDEN=1` re-records it.
func expectGoldenLines(_ actual: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    let text = actual.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["REBALANCER_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expectedText = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("Golden/\(name) is missing; REBALANCER_RECORD_GOLDEN=1 records it.", sourceLocation: sourceLocation)
        return
    }
    var expected = expectedText.components(separatedBy: "\n")
    if expected.last == "" { expected.removeLast() }
    if let diff = lineDiff(expected: expected, actual: actual) {
        Issue.record("\(name) differs from its golden file (REBALANCER_RECORD_GOLDEN=1 re-records it):\n\(diff)",
                     sourceLocation: sourceLocation)
    }
}

/// Runs `rebalancer run` on a sample into a fresh folder and returns the output workbook's path.
func rebalancedSample(_ name: String) throws -> (output: String, result: CommandResult) {
    let folder = TemporaryFolder.make()
    let output = folder + "/" + String(name.dropLast(5)) + " - Rebalance.xlsx"
    let result = try runRebalancer(["run", packageRoot + "/SampleWorkbooks/" + name, "--output", output])
    return (output, result)
}

/// JSON text re-printed with sorted keys and indentation, so a golden diff shows the line that changed.
func prettyJSON(_ text: String) throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
}
