/// An exact amount of US dollars, held as integer cents.
///
/// Every sum in the plan is a sum of `Money`; a `Double` appears only when a cell is
/// written. Products with rates and ratios round once, half away from zero (Excel's
/// ROUND), as the workbook contract's "every rounding is half-up" asks.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in cents; negative for a loss or an outflow.
    public var cents: Int64

    /// An amount of `cents` cents.
    public init(cents: Int64) {
        self.cents = cents
    }

    /// A whole number of dollars.
    public init(dollars: Int64) {
        self.cents = dollars * 100
    }

    /// Zero dollars.
    public static let zero = Money(cents: 0)

    /// Plain decimal text such as `1234.5`, `-0.05` or `1e3`, rounded half away from zero
    /// to the cent; `nil` for anything else (currency signs and commas are the reader's).
    public init?(decimal text: some StringProtocol) {
        guard let cents = DecimalText.units(of: Substring(text), decimals: 2) else { return nil }
        self.cents = cents
    }

    /// A cell's dollars, rounded half away from zero to the cent from the shortest decimal
    /// that reads back as the same double (`1234.505` is $1,234.51); `nil` when not finite.
    public init?(roundingDollars value: Double) {
        guard let cents = DecimalText.units(of: value, decimals: 2) else { return nil }
        self.cents = cents
    }

    /// The amount as decimal text with two decimals: `1234.50`, `-0.05`.
    public var description: String {
        DecimalText.text(units: cents, decimals: 2, trimmingZeros: false)
    }

    /// The amount as a reader sees it in a sentence: `$1,234.50`, `-$0.05`.
    public var formatted: String {
        withFormatted(signed: false) { String(decoding: $0, as: UTF8.self) }
    }

    /// `body` given the bytes of `formatted`, or with `signed` of the signed form a gain or
    /// a tax change takes in a sentence (`+$1,234.50`, `-$0.05`); they live only during the call.
    func withFormatted<Result>(signed: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // The digits of each number under 100, two each: a number under 100 is written as its
        // pair, read here, where each digit was a division of its own (callgrind: 0.4% of
        // planning's instructions).
        let digits: StaticString = """
            00010203040506070809101112131415161718192021222324\
            25262728293031323334353637383940414243444546474849\
            50515253545556575859606162636465666768697071727374\
            75767778798081828384858687888990919293949596979899
            """
        let pairs = digits.utf8Start
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            /// Writes the two digits of `number` (under 100) ending at `end`.
            func putPair(_ number: UInt64, endingAt end: Int) {
                buffer[end - 2] = pairs[Int(number) &* 2]
                buffer[end - 1] = pairs[Int(number) &* 2 &+ 1]
            }
            var end = buffer.count
            var (value, fraction) = cents.magnitude.quotientAndRemainder(dividingBy: 100)
            putPair(fraction, endingAt: end)
            buffer[end - 3] = UInt8(ascii: ".")
            end -= 3
            // The dollars a group of three digits at a time (a sentence's amounts are formatted
            // some 20,000 times per hundred accounts; callgrind).
            while value >= 1000 {
                let (rest, group) = value.quotientAndRemainder(dividingBy: 1000)
                let (hundreds, tens) = group.quotientAndRemainder(dividingBy: 100)
                putPair(tens, endingAt: end)
                buffer[end - 3] = 48 + UInt8(hundreds)
                buffer[end - 4] = UInt8(ascii: ",")
                end -= 4
                value = rest
            }
            // The first group, without its leading zeros.
            if value >= 100 {
                let (hundreds, tens) = value.quotientAndRemainder(dividingBy: 100)
                putPair(tens, endingAt: end)
                buffer[end - 3] = 48 + UInt8(hundreds)
                end -= 3
            } else if value >= 10 {
                putPair(value, endingAt: end)
                end -= 2
            } else {
                end -= 1
                buffer[end] = 48 + UInt8(value)
            }
            end -= 1
            buffer[end] = UInt8(ascii: "$")
            if cents < 0 || signed {
                end -= 1
                buffer[end] = UInt8(ascii: cents < 0 ? "-" : "+")
            }
            return body(UnsafeBufferPointer(rebasing: buffer[end...]))
        }
    }

    /// The amount in dollars as a double, for writing a cell; never for arithmetic.
    public var doubleValue: Double { Double(cents) / 100 }

    /// Whether the amount is below zero.
    public var isNegative: Bool { cents < 0 }

    /// The size of the amount, without its sign.
    public var magnitude: Money { Money(cents: cents < 0 ? -cents : cents) }

    /// This amount times `rate`, rounded half away from zero to the cent.
    public func multiplied(by rate: Rate) -> Money {
        Money(cents: roundedProductQuotient(cents, rate.millionths, dividedBy: Rate.scale))
    }

    /// This amount × `numerator` / `denominator`, rounded half away from zero to the cent.
    ///
    /// The workbook's partial-lot rule: a partly sold lot's basis is its basis × sold / held,
    /// rounded, the remainder staying with the lot. `denominator` must be positive.
    public func scaled(by numerator: Int64, over denominator: Int64) -> Money {
        Money(cents: roundedProductQuotient(cents, numerator, dividedBy: denominator))
    }

    /// The larger of two amounts.
    public static func max(_ a: Money, _ b: Money) -> Money { a < b ? b : a }

    /// The smaller of two amounts.
    public static func min(_ a: Money, _ b: Money) -> Money { a < b ? a : b }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static prefix func - (amount: Money) -> Money { Money(cents: -amount.cents) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.cents += rhs.cents }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.cents -= rhs.cents }

    /// Encoded as its decimal text (`"1234.50"`), as the audit JSON keeps money.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let money = Money(decimal: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a decimal amount, found \"\(text)\".")
        }
        self = money
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Sequence where Element == Money {
    /// The exact total of the amounts.
    public func sum() -> Money { reduce(.zero, +) }
}
