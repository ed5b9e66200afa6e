/// Why the output workbook or audit JSON could not be written, with what was being done.
///
/// `doing` names the step in a PM's words: `writing Trades!D7`, `creating /books/Plan.xlsx`.
public struct WorkbookWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The step that failed: `writing Trades!D7`, `saving the workbook`, `renaming …`.
    public var doing: String
    /// The cause, as the library or the system states it.
    public var message: String

    public init(doing: String, message: String) {
        self.doing = doing
        self.message = message
    }

    /// One sentence: libxlsxwriter's and the system's messages end in a period or do not.
    public var description: String { "Failed \(doing): \(message.hasSuffix(".") ? String(message.dropLast()) : message)." }
}
