import ArgumentParser
import WorkbookIO

/// `rebalancer template [PATH]`: writes the input template a PM fills in.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the input workbook template: every sheet, its headers, lists and examples.",
        discussion: """
            Writes "\(InputTemplate.defaultFileName)" in the current folder, or PATH. An existing \
            file is never replaced: the name gets " (2)", " (3)"... The template opens with an \
            Instructions sheet; required headers are bold; the example rows form a small book \
            that rebalancer reads and runs. Exit status: 0 written, 2 usage, 4 not written.
            """)

    @Argument(help: ArgumentHelp("Where to write the template (.xlsx).", valueName: "PATH"))
    var path: String = InputTemplate.defaultFileName

    func validate() throws {
        if !path.lowercased().hasSuffix(".xlsx") {
            throw ValidationError("The template must be an .xlsx file, found \"\(path)\".")
        }
    }

    func run() throws {
        let stem = String(path.dropLast(".xlsx".count))
        var target = path
        var number = 2
        while OutputFiles.fileExists(target) {
            target = "\(stem) (\(number)).xlsx"
            number += 1
        }
        do {
            try InputTemplate.write(to: target)
        } catch {
            printError("error: the template could not be written: \(error)")
            throw ExitCode(ExitStatus.outputUnwritable)
        }
        printLine("Template: \(target)")
    }
}
