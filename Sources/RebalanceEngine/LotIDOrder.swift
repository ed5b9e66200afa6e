/// The order of Lot IDs in a tie: digit runs compare as numbers, so `AAPL-r7` comes
/// before `AAPL-r10` and custodian lot `99` before `100`.
enum LotIDOrder {
    /// Whether `lhs` comes before `rhs`; a total order (plain text order settles `r07` vs `r7`).
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.unicodeScalars), b = Array(rhs.unicodeScalars)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if isDigit(a[i]), isDigit(b[j]) {
                let startA = i, startB = j
                while i < a.count, isDigit(a[i]) { i += 1 }
                while j < b.count, isDigit(b[j]) { j += 1 }
                let runA = a[startA..<i].drop { $0 == "0" }, runB = b[startB..<j].drop { $0 == "0" }
                if runA.count != runB.count { return runA.count < runB.count }
                for (x, y) in zip(runA, runB) where x != y { return x.value < y.value }
            } else {
                if a[i] != b[j] { return a[i].value < b[j].value }
                i += 1
                j += 1
            }
        }
        // One ran out first: the shorter one (a prefix in this order) comes first.
        let restA = a.count - i, restB = b.count - j
        if restA != restB { return restA < restB }
        return lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
