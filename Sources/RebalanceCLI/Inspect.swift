import ArgumentParser
import Glibc
import Pricing
import RebalanceEngine
import WorkbookIO

/// `rebalancer inspect BOOK.xlsx`: what the reader finds in a workbook.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the sheets a workbook holds, or dump its cells.",
        discussion: """
            Without --cells, lists the sheets in tab order (hidden ones marked) with their \
            used size, then the contract view: which sheet was taken as which contract sheet, \
            its header row and matched columns, rows read and skipped, how each percent \
            column was read, the settings as understood, and every error, warning and note. \
            Exits 1 when the workbook has errors. With --cells SHEET (or --cells all), prints one line per non-empty \
            cell: sheet, cell, type (n s b e d) and value, tab-separated. A formula with no \
            saved result prints nothing and is reported on standard error.
            """)

    @Argument(help: "The workbook (.xlsx, .xlsm).")
    var book: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The run's date (YYYY-MM-DD); beats the As Of Date setting.", valueName: "DATE"))
    var asOf: CivilDate?

    @Option(help: ArgumentHelp("Dump the cells of one sheet, or of every worksheet with 'all'.", valueName: "SHEET"))
    var cells: String?

    func run() throws {
        do {
            let workbook = try Workbook(path: book)
            if let cells {
                try dumpCells(of: workbook, selection: cells)
            } else {
                try listSheets(of: workbook)
                var reading = try PortfolioReader.read(path: book, asOf: asOf, today: todayOnThisComputer())
                // The workbook's own price chain (override, then a fresh enough price, stale
                // only when allowed), without the cache or the network: what `run --offline`
                // with no cache would find.
                if let portfolio = reading.portfolio {
                    var options = PriceChainOptions.workbookOnly(today: todayOnThisComputer())
                    // A Price API URL in Settings is asked by `run`, not here: Tried says so,
                    // where it said none was configured.
                    if reading.priceAPI.url != nil { options.apiNotAsked = "inspect reads the workbook alone; run asks it" }
                    let pricing = PriceChain.resolve(reading.priceRequests, settings: portfolio.settings, options: options)
                    reading.diagnostics += pricing.problems.map { problem in
                        let severity: Diagnostic.Severity = switch problem.severity {
                        case .error: .error
                        case .warning: .warning
                        case .info: .info
                        }
                        return Diagnostic(severity, problem.place, problem.message)
                    }
                }
                printLine("")
                printLine(ContractViewText.render(reading))
                if !reading.errors.isEmpty { throw ExitCode(ExitStatus.inputErrors) }
            }
        } catch let error as WorkbookError {
            printError("error: \(book): \(error)")
            throw ExitCode(ExitStatus.inputErrors)
        }
    }

    private func dumpCells(of workbook: Workbook, selection: String) throws {
        let chosen: [SheetInfo]
        if selection.lowercased() == "all" {
            chosen = workbook.sheets.filter { $0.kind == .worksheet }
        } else if let sheet = workbook.sheets.first(where: { $0.name == selection })
                    ?? workbook.sheets.first(where: { $0.name.lowercased() == selection.lowercased() }) {
            chosen = [sheet]
        } else {
            let names = workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
            printError("error: \(book): no sheet named \"\(selection)\"; the workbook has \(names).")
            throw ExitCode(ExitStatus.usage)
        }
        var missing: [String] = []
        // The dump is exact when it goes to a file or a program (the conformance run compares
        // it byte for byte), and spelled out for a terminal (see `terminalText`).
        let toTerminal = isatty(1) != 0
        func shown(_ text: String) -> String { toTerminal ? terminalText(text) : text }
        for sheet in chosen {
            var out = ""
            let formulas = try workbook.forEachRow(in: sheet) { row in
                for cell in row.cells {
                    if let line = CellDump.line(sheet: sheet.name, row: row.number, cell: cell) {
                        out += line
                        out += "\n"
                    }
                }
                if out.utf8.count > 1 << 16 {
                    FileOutput.standardOutput(shown(out))
                    out = ""
                }
            }
            FileOutput.standardOutput(shown(out))
            missing += formulas.map { "\(sheet.name)!\($0)" }
        }
        if !missing.isEmpty {
            let shown = missing.prefix(20).joined(separator: ", ")
            let more = missing.count > 20 ? " and \(missing.count - 20) more" : ""
            printError("note: \(missing.count) formula cell(s) have no saved result and print nothing: \(shown)\(more). Open and save the workbook in Excel to store them.")
        }
    }

    private func listSheets(of workbook: Workbook) throws {
        printLine("\(book): \(workbook.sheets.count) sheet(s), \(workbook.uses1904DateSystem ? "1904" : "1900") date system")
        for (index, sheet) in workbook.sheets.enumerated() {
            let hidden = sheet.isHidden ? " (hidden)" : ""
            switch sheet.kind {
            case .chartsheet:
                printLine("  \(index + 1). \(sheet.name)\(hidden): chart sheet, no cells")
            case .other:
                printLine("  \(index + 1). \(sheet.name)\(hidden): dialog or macro sheet, no cells read")
            case .worksheet:
                var rows = 0
                var cellCount = 0
                var lastRow = 0
                var lastColumn = 0
                var firstRow = Int.max
                var firstColumn = Int.max
                // As the portfolio reader sees them: in a workbook marked to be calculated on
                // opening, a formula saved as 0 has no known result either.
                let formulas = try workbook.readRows(in: sheet, distrustingZeroResults: true) { row in
                    rows += 1
                    cellCount += row.cells.count
                    firstRow = min(firstRow, row.number)
                    lastRow = max(lastRow, row.number)
                    for cell in row.cells {
                        firstColumn = min(firstColumn, cell.column)
                        lastColumn = max(lastColumn, cell.column)
                    }
                }.formulasWithoutValue
                let range = cellCount == 0 ? "empty" :
                    "\(CellReference.name(column: firstColumn, row: firstRow)):\(CellReference.name(column: lastColumn, row: lastRow))"
                var line = "  \(index + 1). \(sheet.name)\(hidden): \(rows) row(s), \(cellCount) cell(s), \(range)"
                if !formulas.isEmpty {
                    let what = workbook.formulaResultsMayBePlaceholders
                        ? "with no saved result or saved as 0 by a program that does not calculate formulas"
                        : "with no saved result"
                    line += "; \(formulas.count) formula(s) \(what) (first \(formulas[0]))"
                }
                printLine(line)
            }
        }
    }
}
