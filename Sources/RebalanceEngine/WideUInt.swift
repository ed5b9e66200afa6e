/// An unsigned 256-bit integer, just wide enough for exact money and lot-order arithmetic.
///
/// Cents × rate and cross-multiplied unit costs overflow 64 bits at firm scale; this keeps
/// them exact without Foundation's `Decimal` and without `UInt128`, which the macOS 13
/// deployment target lacks. Overflow is a bug and traps.
struct WideUInt: Sendable, Hashable, Comparable {
    /// Limbs, least significant first.
    private var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    static let zero = WideUInt(0)

    init(_ value: UInt64) {
        (w0, w1, w2, w3) = (value, 0, 0, 0)
    }

    private init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// The full product of two 64-bit values.
    static func product(_ a: UInt64, _ b: UInt64) -> WideUInt {
        let (high, low) = a.multipliedFullWidth(by: b)
        return WideUInt(low, high, 0, 0)
    }

    var isZero: Bool { w0 == 0 && w1 == 0 && w2 == 0 && w3 == 0 }

    /// This value times `factor`; traps when the product needs more than 256 bits.
    func multiplied(by factor: UInt64) -> WideUInt {
        var carry: UInt64 = 0
        func step(_ limb: UInt64) -> UInt64 {
            let (high, low) = limb.multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            carry = high &+ (overflow ? 1 : 0)
            return sum
        }
        let r0 = step(w0), r1 = step(w1), r2 = step(w2), r3 = step(w3)
        precondition(carry == 0, "256-bit overflow")
        return WideUInt(r0, r1, r2, r3)
    }

    static func + (lhs: WideUInt, rhs: WideUInt) -> WideUInt {
        var carry: UInt64 = 0
        func step(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (partial, overflow1) = a.addingReportingOverflow(b)
            let (sum, overflow2) = partial.addingReportingOverflow(carry)
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
            return sum
        }
        let r0 = step(lhs.w0, rhs.w0), r1 = step(lhs.w1, rhs.w1)
        let r2 = step(lhs.w2, rhs.w2), r3 = step(lhs.w3, rhs.w3)
        precondition(carry == 0, "256-bit overflow")
        return WideUInt(r0, r1, r2, r3)
    }

    /// `lhs − rhs`; traps when `rhs` is larger.
    static func - (lhs: WideUInt, rhs: WideUInt) -> WideUInt {
        precondition(lhs >= rhs, "256-bit underflow")
        var borrow: UInt64 = 0
        func step(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (partial, underflow1) = a.subtractingReportingOverflow(b)
            let (difference, underflow2) = partial.subtractingReportingOverflow(borrow)
            borrow = (underflow1 ? 1 : 0) + (underflow2 ? 1 : 0)
            return difference
        }
        let r0 = step(lhs.w0, rhs.w0), r1 = step(lhs.w1, rhs.w1)
        let r2 = step(lhs.w2, rhs.w2), r3 = step(lhs.w3, rhs.w3)
        return WideUInt(r0, r1, r2, r3)
    }

    static func < (lhs: WideUInt, rhs: WideUInt) -> Bool {
        (lhs.w3, lhs.w2, lhs.w1, lhs.w0) < (rhs.w3, rhs.w2, rhs.w1, rhs.w0)
    }

    /// The quotient by `divisor`, truncated, and the remainder; traps when the quotient
    /// does not fit 64 bits.
    ///
    /// Most values a plan divides fit 128 bits: that case is one division, written where it
    /// is asked (inlined; about a quarter of a million divisions per hundred accounts).
    @inline(__always)
    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        precondition(divisor > 0, "division by zero")
        if w3 == 0, w2 == 0 {
            if w1 == 0 { return (w0 / divisor, w0 % divisor) }
            precondition(w1 < divisor, "64-bit overflow")
            return divisor.dividingFullWidth((high: w1, low: w0))
        }
        return wideQuotientAndRemainder(dividingBy: divisor)
    }

    /// `quotientAndRemainder` of a value beyond 128 bits: a division per limb.
    @inline(never)
    private func wideQuotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        var remainder: UInt64 = 0
        func step(_ limb: UInt64) -> UInt64 {
            let (quotient, rest) = divisor.dividingFullWidth((high: remainder, low: limb))
            remainder = rest
            return quotient
        }
        let q3 = step(w3), q2 = step(w2), q1 = step(w1), q0 = step(w0)
        precondition(q1 == 0 && q2 == 0 && q3 == 0, "64-bit overflow")
        return (q0, remainder)
    }

    /// The quotient by `divisor`, rounded half up; traps when it does not fit 64 bits.
    @inline(__always)
    func dividedRoundingHalfUp(by divisor: UInt64) -> UInt64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        if remainder >= divisor - remainder {
            precondition(quotient < UInt64.max, "64-bit overflow")
            return quotient + 1
        }
        return quotient
    }
}

/// `a × b / divisor`, rounded half away from zero (Excel's ROUND); `divisor` must be positive.
///
/// Exact for every 64-bit input; traps only when the rounded result leaves `Int64`.
/// Inlined, as the division it makes: money is scaled a few hundred thousand times per
/// hundred accounts planned.
@inline(__always)
func roundedProductQuotient(_ a: Int64, _ b: Int64, dividedBy divisor: Int64) -> Int64 {
    precondition(divisor > 0, "divisor must be positive")
    let negative = (a < 0) != (b < 0)
    let magnitude = WideUInt.product(a.magnitude, b.magnitude)
        .dividedRoundingHalfUp(by: divisor.magnitude)
    return signed(magnitude, negative: negative)
}

/// A magnitude and a sign as `Int64`; traps when out of range.
func signed(_ magnitude: UInt64, negative: Bool) -> Int64 {
    if negative {
        precondition(magnitude <= UInt64(Int64.max) + 1, "64-bit overflow")
        return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    precondition(magnitude <= UInt64(Int64.max), "64-bit overflow")
    return Int64(magnitude)
}
