import ArgumentParser
import WorkbookIO

/// The `rebalancer` command: a thin shell around reading, planning and writing.
@main
struct Rebalancer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalancer",
        abstract: "A tax-aware portfolio rebalancer that reads and writes the PM's own workbook.",
        subcommands: [Inspect.self])
}

/// Exit codes, fixed by the workbook contract.
enum ExitStatus {
    static let inputErrors: Int32 = 1
    static let usage: Int32 = 2
    static let invariantFailed: Int32 = 3
    static let outputUnwritable: Int32 = 4
}

/// Writes a line to standard error.
func printError(_ line: String) {
    var stream = StandardError()
    print(line, to: &stream)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileOutput.standardError(string)
    }
}
