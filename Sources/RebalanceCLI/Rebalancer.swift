import ArgumentParser
import Glibc
import WorkbookIO

/// The `rebalancer` command: a thin shell around reading, planning and writing.
struct Rebalancer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalancer",
        abstract: "A tax-aware portfolio rebalancer that reads and writes the PM's own workbook.",
        discussion: """
            rebalancer BOOK.xlsx is what dropping a workbook on the tool does: it plans the \
            trades and writes "BOOK - Rebalance <As Of>.xlsx" and its .audit.json beside it.
            """,
        subcommands: [Run.self, Inspect.self, Template.self],
        defaultSubcommand: Run.self)
}

/// The entry point: argument errors exit with the contract's usage status (2), not the
/// argument parser's own.
@main
enum Main {
    static func main() {
        InternalFault.install()
        if let topic = unknownHelpTopic(Array(CommandLine.arguments.dropFirst())) {
            printError("Error: there is no command \"\(topic)\" to show help for; the commands are run, inspect and template.")
            exit(ExitStatus.usage)
        }
        do {
            var command = try Rebalancer.parseAsRoot(filesNamedLikeOptions(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            if Rebalancer.exitCode(for: error) == .validationFailure {
                printError(Rebalancer.fullMessage(for: error))
                exit(ExitStatus.usage)
            }
            Rebalancer.exit(withError: error)
        }
    }
}

/// The name `rebalancer help NAME…` asks about that is not a command, if any: the argument
/// parser shows the main help for it and exits 0, so a mistyped `help` would look like it
/// had worked.
func unknownHelpTopic(_ arguments: [String]) -> String? {
    guard arguments.first == "help" else { return nil }
    let commands = Set(Rebalancer.configuration.subcommands.map { $0._commandName })
    return arguments.dropFirst().first { !$0.hasPrefix("-") && !commands.contains($0) }
}

/// `arguments` with each one that starts with a dash but names a file there (`-dash.xlsx`,
/// a name a download or a copy can give) written as that file's path (`./-dash.xlsx`): read
/// as options, `-dash.xlsx` held `-h`, printed the help and exited 0 without planning.
func filesNamedLikeOptions(_ arguments: [String]) -> [String] {
    arguments.map { argument in
        guard argument.count > 1, argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.contains("."),
              access(argument, F_OK) == 0 else { return argument }
        return "./" + argument
    }
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
    print(terminalText(line), to: &stream)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileOutput.standardError(string)
    }
}
