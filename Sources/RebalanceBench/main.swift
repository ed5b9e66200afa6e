import Glibc
import PortfolioGenerator
import RebalanceEngine

/// `make bench`: times planning a firm-scale book (1,000 accounts × 200 lots over 500
/// symbols) in a release build, median of several runs, with the process's peak memory.

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

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 5 : 5
var start = seconds()
let portfolio = PortfolioGenerator.generate(seed: 1, shape: .firmScale)
let generated = seconds() - start
let symbols = Set(portfolio.lots.map(\.symbol)).union(portfolio.prices.map(\.symbol)).count
print("Firm-scale book: \(portfolio.accounts.count) accounts, \(portfolio.lots.count) lots, "
    + "\(symbols) symbols, \(portfolio.transactions.count) transactions (generated in "
    + "\(fixed(generated, 2)) s)")
var times: [Double] = []
var trades = 0
for _ in 0..<runs {
    start = seconds()
    do {
        let plan = try Planner.plan(for: portfolio)
        trades = plan.trades.count
    } catch {
        print("planning failed: \(error)")
        exit(1)
    }
    times.append(seconds() - start)
}
print("Planning: median \(fixed(median(times), 3)) s over \(runs) runs "
    + "(min \(fixed(times.min()!, 3)) s), \(trades) trades; peak memory "
    + "\(fixed(peakMemoryMiB(), 0)) MiB")
