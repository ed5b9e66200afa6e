/// A fraction such as a tax rate, exact to the millionth (`0.408` is 408,000 millionths).
///
/// Six decimals hold every rate a PM enters, `40.8%` and `23.8%` included, and keep
/// cents × rate inside exact integer arithmetic.
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Millionths in one whole.
    static let scale: Int64 = 1_000_000

    /// The fraction in millionths.
    public var millionths: Int64

    /// A fraction of `millionths` millionths.
    public init(millionths: Int64) {
        self.millionths = millionths
    }

    /// Plain decimal text of the fraction (`0.408`), rounded half away from zero to the millionth.
    public init?(decimal text: some StringProtocol) {
        guard let units = DecimalText.units(of: Substring(text), decimals: 6) else { return nil }
        millionths = units
    }

    /// A cell's fraction (`0.408`, not `40.8`), rounded half away from zero to the millionth.
    public init?(roundingFraction value: Double) {
        guard let units = DecimalText.units(of: value, decimals: 6) else { return nil }
        millionths = units
    }

    /// Zero.
    public static let zero = Rate(millionths: 0)

    /// One whole (100%).
    public static let one = Rate(millionths: scale)

    /// The fraction as decimal text without trailing zeros: `0.408`, `1`.
    public var description: String {
        DecimalText.text(units: millionths, decimals: 6, trimmingZeros: true)
    }

    /// The fraction as a double, for writing a cell.
    public var doubleValue: Double { Double(millionths) / Double(Rate.scale) }

    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.millionths < rhs.millionths }
}
