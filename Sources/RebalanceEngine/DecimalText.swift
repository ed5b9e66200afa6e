/// Reading and writing the plain decimal text that money, quantities, prices and rates
/// share: `1234.50`, `-0.05`, `0.408`, `1e-05`.
///
/// Reading rounds half away from zero (Excel's ROUND) to the unit's decimals, so a cell
/// the PM typed as `1234.505` is $1,234.51 even though its binary double is a hair below.
enum DecimalText {
    /// The value of `text` in units of 10^-`decimals`, rounded half away from zero.
    ///
    /// Accepts an optional sign, digits with at most one point, and an optional exponent
    /// (`2.5e-3`), which is how Swift writes small and large doubles. Anything else, and
    /// a value beyond `Int64`, is `nil`.
    static func units(of text: Substring, decimals: Int) -> Int64? {
        var scalars = text.unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        while let scalar = scalars.first, scalar != "e", scalar != "E" {
            scalars = scalars.dropFirst()
            if scalar == "." {
                if sawPoint { return nil }
                sawPoint = true
            } else if let digit = digitValue(scalar) {
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
                // Leading zeros carry no value; after the point they still count toward the scale.
                if digit != 0 || !digits.isEmpty { digits.append(digit) }
            } else {
                return nil
            }
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if !scalars.isEmpty {
            scalars = scalars.dropFirst()
            var exponentNegative = false
            if let sign = scalars.first, sign == "-" || sign == "+" {
                exponentNegative = sign == "-"
                scalars = scalars.dropFirst()
            }
            guard !scalars.isEmpty else { return nil }
            for scalar in scalars {
                guard let digit = digitValue(scalar) else { return nil }
                exponent = min(exponent * 10 + Int(digit), 100_000)
            }
            if exponentNegative { exponent = -exponent }
        }
        // value = digits × 10^(exponent − fractionDigits); we want value × 10^decimals.
        let shift = exponent - fractionDigits + decimals
        var magnitude: UInt64 = 0
        let kept = shift >= 0 ? digits.count : digits.count + shift
        if kept > 0 {
            for digit in digits.prefix(kept) {
                guard let next = multiplyAdd(magnitude, 10, UInt64(digit)) else { return nil }
                magnitude = next
            }
        }
        if shift > 0, magnitude != 0 {
            for _ in 0..<shift {
                guard let next = multiplyAdd(magnitude, 10, 0) else { return nil }
                magnitude = next
            }
        }
        if kept >= 0, kept < digits.count, digits[kept] >= 5 {
            guard magnitude < UInt64.max else { return nil }
            magnitude += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
        } else {
            guard magnitude <= UInt64(Int64.max) else { return nil }
        }
        return signed(magnitude, negative: negative)
    }

    /// The value of a finite double in units of 10^-`decimals`, rounded half away from
    /// zero from the decimal a spreadsheet shows for it (`Double.spreadsheetText`).
    static func units(of value: Double, decimals: Int) -> Int64? {
        guard value.isFinite else { return nil }
        return units(of: Substring(value.spreadsheetText), decimals: decimals)
    }

    /// The significant digits a spreadsheet keeps of a number.
    static let shownDigits = 15

    /// `text`, a double's shortest decimal form (`4000.1049999999996`, `1.2345678901234567e+16`),
    /// rounded half away from zero to `shownDigits` significant digits and written without an
    /// exponent (`4000.105`, `12345678901234600`); unchanged when it has no more digits.
    static func shown(_ text: String) -> String {
        var negative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        var exponent = 0
        var rest = text.utf8[...]
        if rest.first == UInt8(ascii: "-") {
            negative = true
            rest = rest.dropFirst()
        }
        while let byte = rest.first {
            rest = rest.dropFirst()
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let power = Int(Substring(rest)) else { return text }
                exponent = power
                break
            } else if byte == UInt8(ascii: ".") {
                sawPoint = true
            } else if (48...57).contains(byte) {
                if sawPoint { fractionDigits += 1 }
                if byte != 48 || !digits.isEmpty { digits.append(byte - 48) }
            } else {
                return text
            }
        }
        guard digits.count > shownDigits, abs(exponent) < 400 else { return text }
        // The value is digits × 10^power once all but the first shownDigits are dropped.
        var power = exponent - fractionDigits + (digits.count - shownDigits)
        var kept = Array(digits.prefix(shownDigits))
        if digits[shownDigits] >= 5 {
            var index = kept.count - 1
            while index >= 0, kept[index] == 9 {
                kept[index] = 0
                index -= 1
            }
            if index >= 0 {
                kept[index] += 1
            } else {
                kept.insert(1, at: 0)
                kept.removeLast()
                power += 1
            }
        }
        while power < 0, kept.last == 0 {
            kept.removeLast()
            power += 1
        }
        var written = kept.map { $0 + 48 }
        if power >= 0 {
            written += repeatElement(48, count: power)
        } else {
            let point = written.count + power
            if point > 0 {
                written.insert(UInt8(ascii: "."), at: point)
            } else {
                written = [48, UInt8(ascii: ".")] + repeatElement(48, count: -point) + written
            }
        }
        return (negative ? "-" : "") + String(decoding: written, as: UTF8.self)
    }

    /// `units` × 10^-`decimals` written out: `-1234.50` with all decimals, or `12.5`
    /// with trailing zeros (and a bare point) dropped.
    static func text(units: Int64, decimals: Int, trimmingZeros: Bool) -> String {
        withText(units: units, decimals: decimals, trimmingZeros: trimmingZeros) {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// `body` given the bytes of `text(units:decimals:trimmingZeros:)`, which live only
    /// during the call: a sentence copies them without making a `String` first.
    static func withText<Result>(
        units: Int64, decimals: Int, trimmingZeros: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        precondition((0...18).contains(decimals), "decimal scale out of range")
        // Digits are laid down from the right into a small buffer: this runs for every
        // amount the plan prints.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var end = buffer.count
            var value = units.magnitude
            var trimming = trimmingZeros
            var kept = 0
            // A whole number trimmed (most quantities are whole shares) has no decimals to write.
            var decimals = decimals
            if trimming, decimals > 0 {
                let scale = power10(decimals)
                if value % scale == 0 {
                    value /= scale
                    decimals = 0
                }
            }
            for _ in 0..<decimals {
                let digit = UInt8(value % 10)
                value /= 10
                if trimming, digit == 0 { continue }
                trimming = false
                end -= 1
                buffer[end] = 48 + digit
                kept += 1
            }
            if kept > 0 {
                end -= 1
                buffer[end] = UInt8(ascii: ".")
            }
            repeat {
                end -= 1
                buffer[end] = 48 + UInt8(value % 10)
                value /= 10
            } while value > 0
            if units < 0 {
                end -= 1
                buffer[end] = UInt8(ascii: "-")
            }
            return body(UnsafeBufferPointer(rebasing: buffer[end...]))
        }
    }

    /// 10^`exponent` for the few small exponents the fixed-point types use.
    static func power10(_ exponent: Int) -> UInt64 {
        precondition((0...18).contains(exponent), "decimal scale out of range")
        var result: UInt64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt8? {
        guard ("0"..."9").contains(scalar) else { return nil }
        return UInt8(scalar.value - 48)
    }

    private static func multiplyAdd(_ value: UInt64, _ factor: UInt64, _ addend: UInt64) -> UInt64? {
        let (product, overflow1) = value.multipliedReportingOverflow(by: factor)
        let (sum, overflow2) = product.addingReportingOverflow(addend)
        return overflow1 || overflow2 ? nil : sum
    }
}

extension Double {
    /// The decimal a spreadsheet shows for this number: its shortest form cut to the 15
    /// significant digits Excel keeps. A formula's `=101*39.605` is saved as
    /// 4000.1049999999996, which Excel shows, and the PM reads, as 4000.105 ($4,000.11).
    public var spreadsheetText: String {
        DecimalText.shown(description)
    }
}
