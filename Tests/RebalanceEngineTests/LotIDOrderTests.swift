import Testing
@testable import RebalanceEngine

@Suite("Lot IDs in a tie: digit runs by number")
struct LotIDOrderTests {
    @Test("Pairs a PM would order by hand", arguments: [
        ("AAPL-r7", "AAPL-r10"),
        ("99", "100"),
        ("L9", "L10"),
        ("L-2-b", "L-10-a"),
        ("r07", "r7"),          // the same number: plain text order settles it ('0' < '7')
        ("r007", "r07"),
        ("A", "A1"),            // a prefix first
        ("A9", "AB"),           // a digit before a letter, as in text
        ("Z", "a"),             // upper case before lower, as in text
        ("lot-é2", "lot-é10"),  // an accented letter does not stop the numbers counting
        ("lot-e", "lot-é"),     // e (U+0065) before é (U+00E9)
        ("ab", "é"),            // a before é, whatever the lengths
        ("x€", "x€1"),
    ])
    func pairs(first: String, second: String) {
        #expect(LotIDOrder.precedes(first, second))
        #expect(!LotIDOrder.precedes(second, first))
        #expect(!LotIDOrder.precedes(first, first))
    }

    @Test("A total order that agrees with comparing scalars one by one, over random IDs")
    func agreesWithScalars() {
        let alphabet: [Unicode.Scalar] = ["0", "1", "7", "9", "-", "A", "a", "r", "é", "€", "𝟘", "😀"]
        var state: UInt64 = 0x5EED_1D5
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        func randomID() -> String {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<(next() % 7) { scalars.append(alphabet[next() % alphabet.count]) }
            return String(scalars)
        }
        let ids = (0..<400).map { _ in randomID() }
        for (a, b) in zip(ids, ids.dropFirst()) {
            #expect(LotIDOrder.precedes(a, b) == byScalars(a, b), "\(a) vs \(b)")
            #expect(LotIDOrder.precedes(a, b) != LotIDOrder.precedes(b, a) || a == b, "\(a) vs \(b)")
        }
        let sorted = ids.sorted(by: LotIDOrder.precedes)
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(!LotIDOrder.precedes(b, a)) }
    }

    /// The order as the contract words it, on lists of scalars: runs of ASCII digits compare
    /// by value (fewer significant digits first), anything else scalar by scalar, a prefix
    /// first, and plain scalar order between IDs that tie on all of that.
    private func byScalars(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.unicodeScalars), b = Array(rhs.unicodeScalars)
        func digit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        var i = 0, j = 0
        while i < a.count, j < b.count {
            guard digit(a[i]), digit(b[j]) else {
                if a[i] != b[j] { return a[i].value < b[j].value }
                i += 1; j += 1
                continue
            }
            var x = "", y = ""
            while i < a.count, digit(a[i]) { x.unicodeScalars.append(a[i]); i += 1 }
            while j < b.count, digit(b[j]) { y.unicodeScalars.append(b[j]); j += 1 }
            let sx = String(x.drop { $0 == "0" }), sy = String(y.drop { $0 == "0" })
            if sx.count != sy.count { return sx.count < sy.count }
            if sx != sy { return sx < sy }
        }
        if a.count - i != b.count - j { return a.count - i < b.count - j }
        return a.lexicographicallyPrecedes(b) { $0.value < $1.value }
    }
}
