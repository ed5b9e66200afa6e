/// Why a workbook could not be read, with the part or cell it concerns.
///
/// The reader throws these; only the command line decides how they are shown and which
/// exit code they give.
public struct WorkbookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in words a PM can act on.
    public enum Kind: Equatable, Sendable {
        /// The file could not be opened or read from disk.
        case fileUnreadable
        /// The file is not a workbook this tool reads (not a zip, a legacy .xls, a lock file).
        case notAWorkbook
        /// The workbook is encrypted with a password.
        case passwordProtected
        /// The zip container is damaged or ambiguous.
        case corruptArchive
        /// A part is not well-formed XML, or is refused for safety (a DOCTYPE).
        case malformedXML
        /// A required part or relationship is missing.
        case missingPart
        /// A size or ratio limit was passed.
        case limitExceeded
        /// A cell or row is outside what Excel allows, or its value cannot be read.
        case invalidCell
        /// A sheet writes a row after a row numbered the same or below it (asked to be told:
        /// `Workbook.readRows(in:distrustingZeroResults:order:_:)`).
        case rowsOutOfOrder
    }

    public var kind: Kind
    /// The part, sheet or cell being read (`xl/worksheets/sheet3.xml`, `Lots!D17`).
    public var location: String
    /// The plain-English sentence.
    public var message: String

    public init(_ kind: Kind, at location: String, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String {
        location.isEmpty ? message : "\(location): \(message)"
    }
}
