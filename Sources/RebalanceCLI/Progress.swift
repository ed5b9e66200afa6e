import Glibc
import RebalanceEngine

/// Progress on standard error for runs longer than a second: the stage, and while planning
/// the phase and the accounts done, at most once a second. Short runs print nothing.
final class Progress {
    private let start = Progress.now()
    private var lastLine = 0.0
    /// Whether to print at all (off for `--json`, whose standard output is for scripts;
    /// progress goes to standard error either way).
    private let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private var elapsed: Double { Progress.now() - start }

    /// A stage begins (or ends): printed once the run has passed a second.
    func stage(_ text: String) {
        guard enabled, elapsed >= 1 else { return }
        report(text)
    }

    /// One account of a phase is done.
    func planning(_ phase: Phase, _ done: Int, _ total: Int) {
        guard enabled else { return }
        let now = elapsed
        guard now >= 1, now - lastLine >= 1 || done == total && phase == .rebalance else { return }
        report("Planning: \(phase.rawValue), \(done) of \(total) account(s)")
    }

    private func report(_ text: String) {
        lastLine = elapsed
        let seconds = Int(lastLine * 10)
        printError("[\(seconds / 10).\(seconds % 10) s] \(text)")
    }
}
