/// A number of shares, exact to six decimals (held as millionths of a share).
///
/// The contract keeps quantities to six decimals; trades move in whole shares, or in
/// steps of 0.0001 under `Fractional Shares`, both exact multiples of a millionth.
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Millionths of a share in one share.
    public static let scale: Int64 = 1_000_000

    /// The quantity in millionths of a share.
    public var micros: Int64

    /// A quantity of `micros` millionths of a share.
    public init(micros: Int64) {
        self.micros = micros
    }

    /// A whole number of shares.
    public init(shares: Int64) {
        self.micros = shares * Quantity.scale
    }

    /// Plain decimal text (`12.5`), rounded half away from zero to the millionth.
    public init?(decimal text: some StringProtocol) {
        guard let micros = DecimalText.units(of: Substring(text), decimals: 6) else { return nil }
        self.micros = micros
    }

    /// A cell's quantity, rounded half away from zero to the millionth.
    public init?(rounding value: Double) {
        guard let micros = DecimalText.units(of: value, decimals: 6) else { return nil }
        self.micros = micros
    }

    /// No shares.
    public static let zero = Quantity(micros: 0)

    /// The trading step in whole shares.
    public static let wholeShare = Quantity(micros: scale)

    /// The trading step under `Fractional Shares = Yes` (four decimals).
    public static let fractionalStep = Quantity(micros: 100)

    /// The quantity as decimal text without trailing zeros: `100`, `12.3456`.
    public var description: String {
        DecimalText.text(units: micros, decimals: 6, trimmingZeros: true)
    }

    /// The quantity as a double, for writing a cell.
    public var doubleValue: Double { Double(micros) / Double(Quantity.scale) }

    /// Whether the quantity is a whole number of `step`s.
    public func isMultiple(of step: Quantity) -> Bool {
        precondition(step.micros > 0, "a step must be positive")
        return micros % step.micros == 0
    }

    /// The largest whole number of `step`s not above this quantity (budget cuts round down).
    public func roundedDown(toMultipleOf step: Quantity) -> Quantity {
        precondition(step.micros > 0, "a step must be positive")
        let whole = micros / step.micros - (micros % step.micros < 0 ? 1 : 0)
        return Quantity(micros: whole * step.micros)
    }

    /// The smaller of two quantities.
    public static func min(_ a: Quantity, _ b: Quantity) -> Quantity { a < b ? a : b }

    /// The larger of two quantities.
    public static func max(_ a: Quantity, _ b: Quantity) -> Quantity { a < b ? b : a }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.micros < rhs.micros }
    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity { Quantity(micros: lhs.micros + rhs.micros) }
    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity { Quantity(micros: lhs.micros - rhs.micros) }
    public static func += (lhs: inout Quantity, rhs: Quantity) { lhs.micros += rhs.micros }
    public static func -= (lhs: inout Quantity, rhs: Quantity) { lhs.micros -= rhs.micros }

    /// Encoded as its decimal text (`"12.5"`), like money in the audit JSON.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let quantity = Quantity(decimal: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a decimal quantity, found \"\(text)\".")
        }
        self = quantity
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Sequence where Element == Quantity {
    /// The exact total of the quantities.
    public func sum() -> Quantity { reduce(.zero, +) }
}
