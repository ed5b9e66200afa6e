/// One thing the reader has to tell the PM about the workbook, with its place.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error = "Error"
        case warning = "Warning"
        case info = "Info"

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// `Lots!D17`, `Lots!row 9`, `Settings`, or empty for the whole workbook.
    public var place: String
    /// A plain-English sentence.
    public var message: String

    public init(_ severity: Severity, _ place: String, _ message: String) {
        self.severity = severity
        self.place = place
        self.message = message
    }

    /// `Lots!D17: Quantity must be a positive number, found "-10".`
    public var description: String {
        place.isEmpty ? message : "\(place): \(message)"
    }
}

/// Diagnostics collected while reading, in the order found.
struct DiagnosticLog {
    private(set) var entries: [Diagnostic] = []
    /// The errors logged, as place and message: a cell read by two rules (a Note read for the
    /// trade's outcome and for its withholding) printed the same error twice (explore-CD).
    private var errorsLogged = Set<String>()

    private static func key(_ place: String, _ message: String) -> String { place + "\u{0}" + message }

    mutating func error(_ place: String, _ message: String) {
        guard errorsLogged.insert(Self.key(place, message)).inserted else { return }
        entries.append(Diagnostic(.error, place, message))
    }
    mutating func warning(_ place: String, _ message: String) { entries.append(Diagnostic(.warning, place, message)) }
    mutating func info(_ place: String, _ message: String) { entries.append(Diagnostic(.info, place, message)) }

    var hasErrors: Bool { entries.contains { $0.severity == .error } }

    /// Takes back the entries `matching` says (a note a later finding makes untrue).
    mutating func remove(where matching: (Diagnostic) -> Bool) {
        entries.removeAll(where: matching)
        errorsLogged = Set(entries.filter { $0.severity == .error }.map { Self.key($0.place, $0.message) })
    }

    /// Takes on the entries of a log kept aside (a sheet read to learn whether it is one).
    mutating func append(contentsOf other: DiagnosticLog) {
        for entry in other.entries {
            if entry.severity == .error {
                error(entry.place, entry.message)
            } else {
                entries.append(entry)
            }
        }
    }
}
