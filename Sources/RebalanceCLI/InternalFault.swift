import Glibc
import WorkbookIO

/// A check the engine makes of its own work that fails (a precondition: a bug) stops the
/// process with SIGILL or SIGTRAP, which would end it with status 132 or 133 and a runtime
/// backtrace, and could leave an output half-written beside the input. The contract gives a
/// failed internal invariant status 3 and no output: the handler removes the outputs being
/// written, says so in a sentence (after the runtime's own line naming the check), and exits 3.
enum InternalFault {
    static let message: StaticString = """
        rebalancer: stopped on a check of its own work that failed (a bug in the tool, not in the workbook); \
        no output was written. Please send the workbook and this message to support.

        """

    static func install() {
        signal(SIGILL, stop)
        signal(SIGTRAP, stop)
    }
}

/// Only what a signal handler may do: unlink, write a fixed text, exit.
private func stop(_ number: Int32) {
    InterruptCleanup.removeListedFiles()
    InternalFault.message.withUTF8Buffer { text in _ = write(2, text.baseAddress, text.count) }
    _exit(ExitStatus.invariantFailed)
}
