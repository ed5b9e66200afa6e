/// A price per share in dollars, exact to six decimals (held as millionths of a dollar).
public struct Price: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Millionths of a dollar in one dollar.
    public static let scale: Int64 = 1_000_000

    /// The price in millionths of a dollar.
    public var micros: Int64

    /// A price of `micros` millionths of a dollar.
    public init(micros: Int64) {
        self.micros = micros
    }

    /// A price in whole cents.
    public init(cents: Int64) {
        self.micros = cents * 10_000
    }

    /// Plain decimal text (`187.25`), rounded half away from zero to the millionth.
    public init?(decimal text: some StringProtocol) {
        guard let micros = DecimalText.units(of: Substring(text), decimals: 6) else { return nil }
        self.micros = micros
    }

    /// A cell's price, rounded half away from zero to the millionth.
    public init?(roundingDollars value: Double) {
        guard let micros = DecimalText.units(of: value, decimals: 6) else { return nil }
        self.micros = micros
    }

    /// The price as decimal text with at least two decimals: `187.25`, `0.123456`.
    public var description: String {
        let trimmed = DecimalText.text(units: micros, decimals: 6, trimmingZeros: true)
        guard let point = trimmed.firstIndex(of: ".") else { return trimmed + ".00" }
        let decimals = trimmed.distance(from: point, to: trimmed.endIndex) - 1
        return decimals < 2 ? trimmed + "0" : trimmed
    }

    /// The price as a double, for writing a cell.
    public var doubleValue: Double { Double(micros) / Double(Price.scale) }

    /// The value of `quantity` shares at this price, rounded half away from zero to the cent.
    ///
    /// A lot's proceeds and a position's market value; a trade's Amount is the sum of its
    /// lots' proceeds, each rounded here once. Inlined: asked some 80,000 times per hundred
    /// accounts planned, a call of its own cost a third of its instructions (callgrind).
    @inline(__always)
    public func value(of quantity: Quantity) -> Money {
        // micro-dollars × micro-shares = 10^-12 dollars; a cent is 10^10 of those.
        Money(cents: roundedProductQuotient(micros, quantity.micros, dividedBy: 10_000_000_000))
    }

    public static func < (lhs: Price, rhs: Price) -> Bool { lhs.micros < rhs.micros }

    /// Encoded as its decimal text (`"187.25"`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let price = Price(decimal: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a decimal price, found \"\(text)\".")
        }
        self = price
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
