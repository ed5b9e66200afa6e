/// Why the engine cannot plan a book: input it cannot act on (every problem, with its
/// place), or an invariant of its own that failed (a bug; no output may be written).
public enum PlanningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem with the input, at a place such as `Manual Trades!A4`.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var place: String
        public var message: String

        public init(place: String, message: String) {
            self.place = place
            self.message = message
        }

        /// `Manual Trades!A4: message`.
        public var description: String { place.isEmpty ? message : "\(place): \(message)" }
    }

    /// Input errors, all of them: infeasible manual trades, unknown accounts or models.
    case input([Problem])
    /// A symbol the plan must value has no price (the reader reports these first).
    case missingPrice(String)
    /// An invariant of the plan failed: a bug in the engine.
    case invariant(String)

    public var description: String {
        switch self {
        case .input(let problems): return problems.map(\.description).joined(separator: "\n")
        case .missingPrice(let symbol): return "\(symbol) has no usable price."
        case .invariant(let message): return "Internal check failed: \(message)"
        }
    }
}
