import Glibc
import PortfolioGenerator
import RebalanceEngine
import OutputChecks
import Pricing
import WorkbookIO

/// The in-process parts of `make bench` (scripts/bench.sh), in a release build:
///
/// - `RebalanceBench [RUNS] [--lots-per-account N]`: a firm-scale book (1,000 accounts ×
///   200 lots over 500 symbols), generated and written as a workbook, then read, planned and
///   written back, median of RUNS runs, with the process's peak memory.
/// - `RebalanceBench RUNS plan [--lots-per-account N] [--accounts N]`: planning alone, median
///   of RUNS runs (fewer accounts make a profile under callgrind quick; `--threads N` plans
///   on N threads, by default one per processor).
/// - `RebalanceBench check BOOK.xlsx OUTPUT.xlsx`: the end-to-end tests' invariant checks on
///   an output read back with the project's reader (the firm book's, in the script).
/// - `RebalanceBench digest`: one line per generated book (small, larger and firm-shaped
///   ones) with a fingerprint of its whole plan, so an engine change meant to keep every
///   plan can be diffed against the commit before it.
/// - `RebalanceBench read BOOK.xlsx`: the reader alone: streams every worksheet's cells
///   through `Workbook.forEachRow` and prints how many rows and cells it saw; the script
///   times the whole process.

func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// `value` with `decimals` digits after the point.
func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let units = Int64((value * scale).rounded())
    let whole = units / Int64(scale), rest = abs(units % Int64(scale))
    guard decimals > 0 else { return String(whole) }
    let digits = String(rest)
    return "\(whole).\(String(repeating: "0", count: decimals - digits.count))\(digits)"
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// The host's speed at the moment, for reading a time beside: a fixed workload on one
/// thread, of the kinds planning spends its time on (strings made and freed, a sort,
/// hashing), timed five times, median in seconds. The shared machine's speed moves by half
/// or more within an hour (the same plan has taken 0.44 and then 0.78 s on one thread),
/// so a time is compared with another only beside this.
func hostReference() -> Double {
    var times: [Double] = []
    var check = 0
    for _ in 0..<5 {
        let start = seconds()
        var names: [String] = []
        names.reserveCapacity(200_000)
        for i in 0..<200_000 { names.append("SYM\(i % 5_000)-LOT-\(i &* 7_919 % 200_000)") }
        names.sort()
        var counts: [String: Int] = [:]
        for name in names { counts[String(name.prefix(8)), default: 0] += 1 }
        check &+= counts.count &+ names[names.count / 2].utf8.count
        times.append(seconds() - start)
    }
    precondition(check > 0)
    return median(times)
}

/// Times `body` `runs` times and prints the median.
func measure<T>(_ label: String, runs: Int, _ body: () throws -> T) rethrows -> T {
    var times: [Double] = []
    var result: T?
    for _ in 0..<runs {
        result = nil  // the last run's result is let go before the clock starts
        let start = seconds()
        result = try body()
        times.append(seconds() - start)
    }
    print("\(label): median \(fixed(median(times), 3)) s (min \(fixed(times.min()!, 3)) s, \(runs) runs)")
    return result!
}

let usage = """
    usage: RebalanceBench [RUNS] [--lots-per-account N]
           RebalanceBench RUNS plan [--lots-per-account N] [--accounts N] [--threads N]
           RebalanceBench digest [small|larger|firm-shaped SEED]
           RebalanceBench read BOOK.xlsx
           RebalanceBench check BOOK.xlsx OUTPUT.xlsx
    """

/// Streams every worksheet of `path` and prints the rows and cells seen.
func readAlone(path: String) -> Never {
    do {
        let workbook = try Workbook(path: path)
        var rows = 0, cells = 0
        for sheet in workbook.sheets {
            try workbook.forEachRow(in: sheet) { row in
                rows += 1
                cells += row.cells.count
            }
        }
        print("\(path): \(workbook.sheets.count) sheets, \(rows) rows, \(cells) cells")
        exit(0)
    } catch {
        print("reading \(path) failed: \(error)")
        exit(1)
    }
}

/// FNV-1a over the text of each generated book's plan made in one pass: a line per book,
/// marked when the plan made in shards on one or three threads differs from it; or, given
/// a book's name and seed, the text of its plan.
func digestPlans(only: (name: String, seed: UInt64)?) -> Never {
    var firmShaped = Shape.firmScale
    firmShaped.accounts = 12...12
    let books = (UInt64(1)...300).map { ("small", $0, Shape.small) } + (UInt64(1)...100).map { ("larger", $0, Shape.larger) }
        + (UInt64(1)...5).map { ("firm-shaped", $0, firmShaped) }
    for (name, seed, shape) in books where only.map({ $0.name == name && $0.seed == seed }) ?? true {
        let portfolio = PortfolioGenerator.generate(seed: seed, shape: shape)
        let text: String
        do { text = String(describing: try Planner.planInOnePass(for: portfolio)) } catch { text = "error: \(error)" }
        if only != nil {
            print(text)
            exit(0)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let sharded = [1, 3].allSatisfy { threads in
            do { return String(describing: try Planner.plan(for: portfolio, threads: threads)) == text } catch {
                return "error: \(error)" == text
            }
        }
        print("\(name) \(seed): \(String(hash, radix: 16)) (\(text.utf8.count) bytes)"
            + (sharded ? "" : " SHARDED PLAN DIFFERS"))
    }
    exit(0)
}

/// Reads a book and prices it from the workbook alone, as an offline `rebalancer run` does.
func readPriced(_ path: String, today: CivilDate) throws -> (PortfolioReading, Portfolio?) {
    let reading = try PortfolioReader.read(path: path, today: today)
    guard var portfolio = reading.portfolio else { return (reading, nil) }
    let pricing = PriceChain.resolve(reading.priceRequests, settings: portfolio.settings,
                                     options: .workbookOnly(today: today))
    guard pricing.errors.isEmpty else {
        print("the book's prices do not resolve: \(pricing.errors.prefix(3))")
        exit(1)
    }
    portfolio.prices = pricing.prices
    return (reading, portfolio)
}

/// Checks an output workbook against its input with the end-to-end tests' invariant checks.
func checkOutput(input: String, output: String) -> Never {
    do {
        let (reading, priced) = try readPriced(input, today: CivilDate(year: 2000, month: 1, day: 1)!)
        guard let portfolio = priced else {
            print("\(input) does not read: \(reading.errors.prefix(3))")
            exit(1)
        }
        let problems = OutputInvariants.problems(try OutputBook(path: output), portfolio)
        guard problems.isEmpty else {
            print("invariants: \(problems.count) problem(s); first: \(problems.prefix(5).joined(separator: "; "))")
            exit(1)
        }
        print("invariants: all hold (cash, Trades against Lots Sold, tax recomputed, Est Tax in order, "
            + "no buy and sale, no wash-blocked buy)")
        exit(0)
    } catch {
        print("checking \(output) failed: \(error)")
        exit(1)
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "check" {
    guard arguments.count == 3 else {
        print(usage)
        exit(2)
    }
    checkOutput(input: arguments[1], output: arguments[2])
}
if arguments.first == "read" {
    guard arguments.count == 2 else {
        print(usage)
        exit(2)
    }
    readAlone(path: arguments[1])
}
if arguments.first == "digest" {
    guard arguments.count == 1 || (arguments.count == 3 && UInt64(arguments[2]) != nil) else {
        print(usage)
        exit(2)
    }
    digestPlans(only: arguments.count == 3 ? (arguments[1], UInt64(arguments[2])!) : nil)
}
var shape = Shape.firmScale
if let option = arguments.firstIndex(of: "--lots-per-account") {
    guard option + 1 < arguments.count, let lots = Int(arguments[option + 1]), lots >= 0 else {
        print(usage)
        exit(2)
    }
    shape.lotsPerAccount = lots...lots
    arguments.removeSubrange(option...option + 1)
}
if let option = arguments.firstIndex(of: "--accounts") {
    guard option + 1 < arguments.count, let accounts = Int(arguments[option + 1]), accounts > 0 else {
        print(usage)
        exit(2)
    }
    shape.accounts = accounts...accounts
    arguments.removeSubrange(option...option + 1)
}
var threads = Planner.availableThreads
if let option = arguments.firstIndex(of: "--threads") {
    guard option + 1 < arguments.count, let count = Int(arguments[option + 1]), count > 0 else {
        print(usage)
        exit(2)
    }
    threads = count
    arguments.removeSubrange(option...option + 1)
}
let runs = arguments.first.map { Int($0) ?? 0 } ?? 5
let planAlone = arguments.count == 2 && arguments[1] == "plan"
guard runs > 0, arguments.count <= 1 || planAlone else {
    print(usage)
    exit(2)
}
do {
    let portfolio = PortfolioGenerator.generate(seed: 1, shape: shape)
    if planAlone {
        // Planning alone, for the bench script and for profiling.
        print("Firm-scale book: \(portfolio.accounts.count) accounts, \(portfolio.lots.count) lots")
        let before = hostReference()
        let plan = try measure("Plan (\(threads) thread\(threads == 1 ? "" : "s"))", runs: runs) {
            try Planner.plan(for: portfolio, threads: threads)
        }
        print("  \(plan.trades.count) trades; peak memory of this process: \(fixed(peakMemoryMiB(), 0)) MiB")
        print("  host reference (RebalanceBench's fixed workload, one thread): \(fixed(before, 3)) s before, "
            + "\(fixed(hostReference(), 3)) s after")
        exit(0)
    }
    var template = Array("/tmp/rebalancer-bench-XXXXXX".utf8CString)
    let folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    defer {
        for name in ["Firm.xlsx", "Out.xlsx", "Out.audit.json", "W.xlsx", "W.json"] { unlink(folder + "/" + name) }
        rmdir(folder)
    }
    let book = folder + "/Firm.xlsx"
    try PortfolioWorkbookWriter.write(portfolio, to: book)
    let symbols = Set(portfolio.lots.map(\.symbol)).union(portfolio.prices.map(\.symbol)).count
    print("Firm-scale book: \(portfolio.accounts.count) accounts, \(portfolio.lots.count) lots, \(symbols) symbols, "
        + "\(portfolio.transactions.count) transactions")
    let (reading, priced) = try measure("Read the book", runs: runs) {
        try readPriced(book, today: portfolio.settings.asOf)
    }
    guard let read = priced else {
        print("the book did not read: \(reading.errors.prefix(3))")
        exit(1)
    }
    let plan = try measure("Plan", runs: runs) { try Planner.plan(for: read) }
    print("  \(plan.trades.count) trades, \(plan.lotsSold.count) lots sold, \(plan.drift.count) drift rows, "
        + "\(plan.auditLog.count) audit rows, \(plan.washSales.count) wash-sale rows, \(plan.exceptions.count) exceptions")
    let run = try RunInfo(inputPath: book)
    try measure("Write the workbook and audit JSON", runs: runs) {
        let files = OutputFiles(workbook: folder + "/Out.xlsx", auditJSON: folder + "/Out.audit.json")
        unlink(files.workbook)
        unlink(files.auditJSON)
        try PlanOutput.write(plan, run: run, to: files)
    }
    try measure("  of which the workbook", runs: runs) { try PlanWorkbookWriter.write(plan, run: run, to: folder + "/W.xlsx") }
    try measure("  of which the audit JSON", runs: runs) { try AuditJSON.write(plan, run: run, to: folder + "/W.json") }
    var info = stat()
    stat(folder + "/W.xlsx", &info)
    let workbookSize = info.st_size
    stat(folder + "/W.json", &info)
    print("  sizes: workbook \(workbookSize / 1_000_000) MB, audit JSON \(info.st_size / 1_000_000) MB")
    print("Peak memory of this process: \(fixed(peakMemoryMiB(), 0)) MiB")
} catch {
    print("bench failed: \(error)")
    exit(1)
}
