import ArgumentParser
import Foundation
import Pricing
import RebalanceEngine
import WorkbookIO

/// `rebalancer run BOOK.xlsx` (and plain `rebalancer BOOK.xlsx`): read, plan, write the CIO
/// workbook and its audit JSON, print a short summary.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan the trades for a workbook and write the CIO workbook and audit JSON.",
        discussion: """
            Writes "<BOOK> - Rebalance <As Of>.xlsx" and "<same name>.audit.json" beside the \
            input (or at --output), never over the input or an earlier output: an existing \
            name gets " (2)", " (3)"... Exit status: 0 done (warnings and Needs Approval \
            exceptions are printed), 1 the input has errors (each printed as Sheet!Cell: \
            message; no file is written), 2 usage, 3 an internal check failed (no file is \
            written), 4 the output could not be written (nothing half-written is left).
            """)

    @Argument(help: "The workbook (.xlsx, .xlsm).")
    var book: String

    @Option(help: ArgumentHelp("Where to write the output workbook; the audit JSON goes beside it.", valueName: "PATH"))
    var output: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The run's date (YYYY-MM-DD); beats the As Of Date setting.", valueName: "DATE"))
    var asOf: CivilDate?

    @Flag(help: "Print the summary, or the errors, as JSON for scripts.")
    var json = false

    @OptionGroup(title: "Prices")
    var prices: PriceFlags

    func validate() throws {
        if let output, !output.lowercased().hasSuffix(".xlsx") {
            throw ValidationError("--output must name an .xlsx file, found \"\(output)\".")
        }
        // Its folder is asked for before the book is read and planned: a folder that does not
        // exist failed the run only at the end, minutes into a large book (explore-BJ).
        if let output {
            let folder = (output as NSString).deletingLastPathComponent
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder) || !isFolder.boolValue {
                throw ValidationError("--output names a file in \"\(folder)\", which is not a folder that exists.")
            }
        }
        // A folder the outputs cannot be written to (a read-only share, another user's): found
        // only when the plan was written, 13 s into a large book (explore-CC).
        let outputFolder = ((output ?? book) as NSString).deletingLastPathComponent
        let shownFolder = outputFolder.isEmpty ? "." : outputFolder
        if access(shownFolder, W_OK | X_OK) != 0, errno == EACCES || errno == EROFS {
            let why = errno == EROFS ? "is on a read-only file system" : "cannot be written to"
            throw ValidationError(output != nil
                ? "--output names a file in \"\(shownFolder)\", which \(why)."
                : "The outputs are written beside the workbook, in \"\(shownFolder)\", which \(why): name a file in "
                    + "another folder with --output.")
        }
        // The price cache, written first, took the output's name, and the workbook a numbered
        // one beside it (explore-CC).
        if let output, let cache = prices.priceCache,
           (cache as NSString).standardizingPath == (output as NSString).standardizingPath {
            throw ValidationError("--price-cache and --output name the same file, \"\(output)\": give the cache a path of its own.")
        }
        // A device's or the kernel's path (`/dev/stdin`): the output, written beside the
        // input, went into /dev.
        if ["/dev/", "/proc/", "/sys/"].contains(where: { book.hasPrefix($0) }) {
            throw ValidationError("The workbook must be given by its own path, not \"\(book)\".")
        }
        try prices.validate()
    }

    func run() throws {
        let progress = Progress(enabled: true)
        // The input's state and hash before it is read: the audit records the bytes the plan
        // was made of, and a workbook saved again while it was read is refused before any
        // output is written (hashed after planning, the replacement's hash was recorded).
        let before = try? InputFileState(path: book)
        let reading: PortfolioReading
        do {
            reading = try PortfolioReader.read(path: book, asOf: asOf, today: todayOnThisComputer())
            if let portfolio = reading.portfolio {
                progress.stage("Read \(portfolio.accounts.count) account(s) and \(portfolio.lots.count) lot(s)")
            }
        } catch let error as WorkbookError {
            fail(ExitStatus.inputErrors, [RunReport.Problem(place: OutputFiles.fileName(of: book), message: "\(error)")])
        }
        guard var portfolio = reading.portfolio, reading.errors.isEmpty else {
            fail(ExitStatus.inputErrors, reading.errors.map { RunReport.Problem(place: $0.place, message: $0.message) })
        }
        // Hashed once the reader has taken it as a workbook: hashed first, a 4 GB file that
        // is none was read whole (27 s) before it was refused (explore-AP). The file's state is
        // compared again before any output is written, so the hash is of the bytes read. Not
        // a named pipe's: opened to be hashed, a FIFO made the run wait for ever.
        let hash = before?.isRegularFile == true ? try? SHA256.hexDigest(ofFileAt: book) : nil
        let environment = ProcessInfo.processInfo.environment
        let pricing = PriceChain.resolve(reading.priceRequests, settings: portfolio.settings,
                                         options: prices.options(reading.priceAPI, environment: environment,
                                                                 today: todayOnThisComputer()))
        guard pricing.errors.isEmpty else {
            fail(ExitStatus.inputErrors, pricing.errors.map { RunReport.Problem(place: $0.place, message: $0.message) })
        }
        portfolio.prices = pricing.prices
        // Costs per share under a bare Cost header refuse the book before it is planned.
        if let perShare = BasisCheck.perShareUnderCost(lots: portfolio.lots, prices: portfolio.prices,
                                                       header: reading.costBasisHeader) {
            fail(ExitStatus.inputErrors, [RunReport.Problem(place: perShare.place, message: perShare.message)])
        }
        // A lot priced per 100 of face refuses the book: every trade and tax of it would be a
        // hundred times over.
        let perHundred = BasisCheck.pricedPerHundred(lots: portfolio.lots, prices: portfolio.prices,
                                                     requests: reading.priceRequests, lotCells: reading.lotCells)
        if !perHundred.isEmpty {
            fail(ExitStatus.inputErrors, perHundred.map { RunReport.Problem(place: $0.place, message: $0.message) })
        }
        progress.stage("Prices resolved; planning")
        var plan: Plan
        do {
            plan = try Planner.plan(for: portfolio, progress: progress.planning)
        } catch let PlanningError.input(problems) {
            fail(ExitStatus.inputErrors, problems.map { RunReport.Problem(place: $0.place, message: $0.message) })
        } catch let PlanningError.missingPrice(symbol) {
            fail(ExitStatus.inputErrors, [RunReport.Problem(place: "Prices", message: "\(symbol) has no usable price.")])
        } catch {
            fail(ExitStatus.invariantFailed, [RunReport.Problem(place: "", message: "\(error) No output was written; please report this workbook.")])
        }
        let basis = BasisCheck.warnings(lots: portfolio.lots, prices: portfolio.prices).map {
            PlanException(severity: .warning, place: $0.place, message: $0.message)
        }
        let open = OpenElsewhere.lockFile(besides: book).map { lock in
            [PlanException(severity: .warning, place: OutputFiles.fileName(of: book), message:
                "The workbook is open in a spreadsheet program (its lock file \(lock) is beside it): changes not yet saved "
                    + "there are not in this plan. Save it and run again if it has any.")]
        } ?? []
        plan.exceptions = RowList(open + readerExceptions(reading) + priceExceptions(pricing) + basis + plan.exceptions)
        progress.stage("Planned \(plan.trades.count) trade(s); writing the CIO workbook and audit JSON")
        guard let before, let hash, let after = try? InputFileState(path: book), after == before else {
            fail(ExitStatus.inputErrors, [RunReport.Problem(place: OutputFiles.fileName(of: book), message:
                "The workbook changed while the tool read it (saved again, or replaced): no output was written. Run the "
                    + "tool again once it is saved.")])
        }
        let files: OutputFiles
        do {
            let run = RunInfo(inputFileName: OutputFiles.fileName(of: book), inputSHA256: hash)
            if let output {
                files = try PlanOutput.write(plan, run: run) { Run.files(at: output, input: book) }
            } else {
                files = try PlanOutput.write(plan, run: run, besideInput: book)
            }
        } catch {
            fail(ExitStatus.outputUnwritable, [RunReport.Problem(place: "", message: "The output could not be written: \(error)")])
        }
        // A name given with --output that was taken is said, not only shown on the Output line:
        // a job mailing that name mailed the earlier plan (explore-CC).
        if let output, files.workbook.lowercased() != output.lowercased(), !json {
            printError("Note: \(output) or its audit JSON already exists; the workbook is written as \(files.workbook), "
                + "never over an earlier file.")
        }
        let report = RunReport(plan: plan, input: book, files: files)
        // A summary that could not be printed (`--json > /dev/full`) ends the run as output
        // unwritten: a script reading it had seen status 0 and no summary (explore-AP).
        if let error = json ? printJSON(report.json()) : printLine(report.text()) {
            printError("The summary could not be printed to standard output (\(String(cString: strerror(error)))); the "
                + "workbook and audit are written: \(files.workbook) and \(files.auditJSON).")
            Foundation.exit(ExitStatus.outputUnwritable)
        }
        // Done: the process ends here, its memory given back whole, rather than letting go of
        // the reading, the book and the plan one object at a time on the way out.
        withExtendedLifetime((reading, portfolio, plan)) { Foundation.exit(0) }
    }

    /// The reader's warnings and notes, as the plan's exceptions, before the engine's own.
    /// A spreadsheet program's lock file beside the workbook.
    enum OpenElsewhere {
        /// The name of the lock file Excel (`~$` over the name's first two characters when it
        /// is long, before it when it is short) or LibreOffice (`.~lock.NAME#`) keeps beside an
        /// open workbook, if one is there.
        static func lockFile(besides book: String) -> String? {
            let folder = OutputFiles.directory(of: book), name = OutputFiles.fileName(of: book)
            for lock in ["~$" + name, "~$" + name.dropFirst(2), ".~lock." + name + "#"] where access(folder + lock, F_OK) == 0 {
                return lock
            }
            return nil
        }
    }

    private func readerExceptions(_ reading: PortfolioReading) -> [PlanException] {
        reading.diagnostics.compactMap { diagnostic in
            switch diagnostic.severity {
            case .error: return nil
            case .warning: return PlanException(severity: .warning, place: diagnostic.place, message: diagnostic.message)
            case .info: return PlanException(severity: .info, place: diagnostic.place, message: diagnostic.message)
            }
        }
    }

    /// The price chain's warnings and notes, as the plan's exceptions.
    private func priceExceptions(_ pricing: PriceResolution) -> [PlanException] {
        pricing.problems.compactMap { problem in
            switch problem.severity {
            case .error: return nil
            case .warning: return PlanException(severity: .warning, place: problem.place, message: problem.message)
            case .info: return PlanException(severity: .info, place: problem.place, message: problem.message)
            }
        }
    }

    /// The pair of files at an explicit output path, numbered like the default names when taken.
    static func files(at output: String, input: String) -> OutputFiles {
        let stem = String(output.dropLast(".xlsx".count))
        var number = 1
        while true {
            let name = number == 1 ? stem : "\(stem) (\(number))"
            let files = OutputFiles(workbook: name + ".xlsx", auditJSON: name + ".audit.json")
            if !sameFile(files.workbook, input), !sameFile(files.auditJSON, input),
               !OutputFiles.fileExists(files.workbook), !OutputFiles.fileExists(files.auditJSON) {
                return files
            }
            number += 1
        }
    }

    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return a == b }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Prints the problems (as `Sheet!Cell: message` lines on standard error, or JSON) and exits.
    private func fail(_ status: Int32, _ problems: [RunReport.Problem]) -> Never {
        if json {
            printJSON(RunReport.errorsJSON(problems, status: status))
        } else {
            for line in RunReport.errorLines(problems) { printError(line) }
        }
        Foundation.exit(status)
    }
}
