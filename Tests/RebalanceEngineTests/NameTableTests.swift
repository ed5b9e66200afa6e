import Testing
import PortfolioGenerator
@testable import RebalanceEngine

@Suite("The engine's name table")
struct NameTableTests {
    /// Names a real book holds: short tickers, share classes, long account names, non-ASCII,
    /// the empty name, and names that differ only after their first eight bytes.
    static let names = [
        "AAPL", "BRK.B", "BRK.A", "GOOG", "GOOGL", "", "Ü-Fonds", "日本株ETF",
        "HOUSEHOLD-TRUST-0001", "HOUSEHOLD-TRUST-0002", "ABCDEFGH", "ABCDEFGH1", "ABCDEFGH2",
    ]

    @Test("Every name inserted is found with its own value; others are not")
    func findsWhatWasInserted() {
        var table = NameTable<Int>()
        for (value, name) in Self.names.enumerated() { table.set(value, for: name) }
        for (value, name) in Self.names.enumerated() {
            #expect(table[name] == value, "\(name)")
        }
        #expect(table["AAPL "] == nil)
        #expect(table["aapl"] == nil)
        #expect(table["ABCDEFGH3"] == nil)
        #expect(table.count == Self.names.count)
    }

    @Test("A name spelled with a composed accent is the same name spelled with a combining one")
    func canonicalSpellings() {
        var table = NameTable<Int>()
        table.set(7, for: "Caf\u{E9} Trust")
        #expect(table["Cafe\u{301} Trust"] == 7)
        #expect(table["Cafe Trust"] == nil)
        #expect(table.count == 1)
    }

    @Test("An accented letter anywhere in a name of any length is one name in either spelling",
          arguments: 0..<20)
    func canonicalSpellingsAtEveryPlace(length: Int) {
        // The accent at the start, the middle and the end of a name of `length` plain letters:
        // every byte of the name must be seen to know it is not ASCII.
        for place in Set([0, length / 2, length]) {
            let before = String(repeating: "A", count: place), after = String(repeating: "B", count: length - place)
            var table = NameTable<Int>()
            table.set(place, for: before + "\u{E9}" + after)
            #expect(table[before + "e\u{301}" + after] == place, "length \(length), accent at \(place)")
            #expect(table[before + "e" + after] == nil)
        }
    }

    @Test("Names of every length up to two dozen bytes, differing in one byte, are each their own",
          arguments: 1...24)
    func oneByteApart(length: Int) {
        var table = NameTable<Int>()
        let base = Array(repeating: UInt8(ascii: "K"), count: length)
        var names: [String] = []
        for place in 0..<length {
            var bytes = base
            bytes[place] = UInt8(ascii: "Q")
            names.append(String(decoding: bytes, as: UTF8.self))
        }
        names.append(String(decoding: base, as: UTF8.self))
        for (value, name) in names.enumerated() { table.set(value, for: name) }
        #expect(table.count == names.count)
        for (value, name) in names.enumerated() {
            // The same name stored out of line (room reserved) is found as well.
            var stored = ""
            stored.reserveCapacity(64)
            stored += name
            #expect(table[name] == value && table[stored] == value, "\(name)")
        }
        #expect(table[String(decoding: base + [UInt8(ascii: "K")], as: UTF8.self)] == nil)
    }

    @Test("Thousands of names survive the index growing, in insertion order")
    func growsAndKeepsOrder() {
        var table = NameTable<String>()
        let many = (0..<5_000).map { "ACCT-\(($0 * 7_919) % 100_000)" }
        for name in many { table.set(name.lowercased(), for: name) }
        #expect(table.names == many)
        #expect(table.values == many.map { $0.lowercased() })
        #expect(many.allSatisfy { table[$0] == $0.lowercased() })
        #expect(table["ACCT-100000"] == nil)
    }

    @Test("Setting a name again replaces its value and keeps its place")
    func setReplaces() {
        var table = NameTable<Int>()
        table.set(1, for: "GOOG")
        table.set(2, for: "GOOGL")
        table.set(3, for: "GOOG")
        #expect(table.names == ["GOOG", "GOOGL"])
        #expect(table["GOOG"] == 3)
    }

    @Test("A value is changed in place through its index; the maker runs only for a new name")
    func changesInPlace() {
        var table = NameTable<[Int]>()
        var made = 0
        for (lot, symbol) in ["MSFT", "AAPL", "MSFT", "MSFT"].enumerated() {
            let index = table.index(of: symbol) { made += 1; return [] }
            table[at: index].append(lot)
        }
        #expect(made == 2)
        #expect(table["MSFT"] == [0, 2, 3])
        #expect(table["AAPL"] == [1])
        #expect(table.index(of: "IBM") == nil)
    }

    /// Each account's held symbols are sorted by a byte key; the order must be `String`'s
    /// own for every kind of name, including ones that tie on their first eight bytes, a
    /// name with a NUL byte, and names that are not ASCII (a combining accent sorts as the
    /// composed letter, which byte order would not give).
    @Test("Names sorted by their byte keys come out in String's order")
    func namesSortInStringOrder() {
        var names = NameTableTests.names + [
            "AB", "AB\u{0}", "ABC", "A", "Zeta", "zeta", "e\u{301}clair", "\u{E9}clair", "eclair", "f",
            "HOUSEHOLD-TRUST-0001-B", "MSFT", "msft", "BRK", "BRK-B", "BRK.B ",
        ]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let length = Int(generator.next() % 12)
            names.append(String((0..<length).map { _ in Character(Unicode.Scalar(UInt8(65 + generator.next() % 4))) }))
        }
        for round in 0..<5 {
            var shuffled = names
            shuffled.shuffle(using: &generator)
            let sorted = round == 0 ? names.sortedNames() : shuffled.sortedNames()
            #expect(sorted == names.sorted())
        }
        // In bytes the combining spelling would come before "f"; as a name it comes after.
        #expect(["e\u{301}clair", "f", "eclair"].sortedNames() == ["eclair", "f", "e\u{301}clair"])
    }
}
