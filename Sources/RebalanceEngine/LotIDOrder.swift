/// The order of Lot IDs in a tie: digit runs compare as numbers, so `AAPL-r7` comes
/// before `AAPL-r10` and custodian lot `99` before `100`.
enum LotIDOrder {
    /// Whether `lhs` comes before `rhs`; a total order (plain text order settles `r07` vs `r7`).
    ///
    /// Read as UTF-8 bytes in place, which gives the order of the IDs' Unicode scalars: the
    /// digits are ASCII, the two IDs are walked in step from one scalar's start to the next,
    /// and UTF-8 keeps the scalars' order byte by byte. (Lists of scalars made for each
    /// comparison took about 2,000 instructions a tie; callgrind.)
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { a in rhs.withUTF8 { b in precedes(a, b) } }
    }

    private static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if isDigit(a[i]), isDigit(b[j]) {
                var startA = i, startB = j
                while i < a.count, isDigit(a[i]) { i += 1 }
                while j < b.count, isDigit(b[j]) { j += 1 }
                while startA < i, a[startA] == UInt8(ascii: "0") { startA += 1 }
                while startB < j, b[startB] == UInt8(ascii: "0") { startB += 1 }
                if i - startA != j - startB { return i - startA < j - startB }
                for offset in 0..<(i - startA) where a[startA + offset] != b[startB + offset] {
                    return a[startA + offset] < b[startB + offset]
                }
            } else {
                if a[i] != b[j] { return a[i] < b[j] }
                i += 1
                j += 1
            }
        }
        // One ran out first: the shorter one (a prefix in this order) comes first. (One of
        // the rests is empty, so counting them in bytes or in scalars is the same.)
        let restA = a.count - i, restB = b.count - j
        if restA != restB { return restA < restB }
        return a.lexicographicallyPrecedes(b)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
