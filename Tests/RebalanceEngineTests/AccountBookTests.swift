import Testing
@testable import RebalanceEngine

@Suite("An account's book")
struct AccountBookTests {
    /// A book holding `symbols` (one lot each, in this order), with prices for `priced`.
    static func book(holding symbols: [String], priced: Set<String>) -> AccountBook {
        var builder = BookBuilder()
        builder.account("A1")
        for (number, symbol) in symbols.enumerated() {
            builder.hold("L\(number + 1)", symbol, 10, basis: "1000", acquired: "2024-01-02")
        }
        for symbol in priced { builder.prices[symbol] = "100" }
        let portfolio = builder.portfolio
        let universe = Universe(portfolio)
        return AccountBook(account: portfolio.accounts[0], index: 0, lots: portfolio.lots, universe: universe)
    }

    /// The contract's list of Drift Statuses, in its order: when several stopped a line, the
    /// first in this list is the one its Status names.
    static let contractStatusOrder = [
        "In Band", "Tax Budget", "Wash Sale", "Restricted", "Group Cap", "Sector Band", "Min Trade",
        "Cash", "Rounding", "Manual", "Earlier Phase",
    ]

    /// Every pair of statuses noted for one line, the later one first: the line's first stop is
    /// the earlier one in the contract's list, at each level, and a line of another level or
    /// name keeps none of them. Cleared, the earlier one gives way to the later.
    @Test("A line stopped for several reasons names the first in the contract's order")
    func firstStopFollowsTheContractsOrder() {
        #expect(DriftStatus.allCases.sorted().map(\.rawValue) == AccountBookTests.contractStatusOrder)
        let statuses = AccountBookTests.contractStatusOrder.dropFirst().map { DriftStatus(rawValue: $0)! }
        for (number, earlier) in statuses.enumerated() {
            for later in statuses[(number + 1)...] {
                for key in [DriftKey.security("VTI"), .sector("Energy"), .group("Tech")] {
                    let book = AccountBookTests.book(holding: ["VTI"], priced: ["VTI"])
                    book.noteStop(key, later)
                    book.noteStop(key, earlier)
                    #expect(book.firstStop(of: key) == earlier)
                    #expect(book.hasStop(key, later))
                    #expect(book.firstStop(of: DriftKey(level: key.level, name: "Other")) == nil)
                    let otherLevel: DriftKey = key.level == .security ? .group("VTI") : .security(key.name)
                    #expect(book.firstStop(of: otherLevel) == nil)
                    book.clearStop(key, earlier)
                    #expect(book.firstStop(of: key) == later)
                    #expect(!book.hasStop(key, earlier))
                    // A status given as implicit counts with those noted.
                    #expect(book.firstStop(of: key, or: earlier) == earlier)
                }
            }
        }
    }

    /// Held symbols come in `String`'s order whether the universe ranks them all (every one
    /// priced) or not (one with no price and no Securities row), accented names included.
    @Test("Held symbols are listed in name order, ranked by the universe or not",
          arguments: [["VTI", "AAPL", "Ü-FONDS", "BRK.B", "ZZZ"], ["ZZZ", "BRK.B", "Ü-FONDS", "AAPL", "VTI"]])
    func heldSymbolsInNameOrder(symbols: [String]) {
        let expected = ["AAPL", "BRK.B", "VTI", "ZZZ", "Ü-FONDS"]
        let allPriced = AccountBookTests.book(holding: symbols, priced: Set(symbols))
        #expect(Array(allPriced.heldSymbols) == expected)
        let oneUnpriced = AccountBookTests.book(holding: symbols, priced: Set(symbols).subtracting(["ZZZ"]))
        #expect(Array(oneUnpriced.heldSymbols) == expected)
        // Each held symbol's entry names it in the positions table.
        for book in [allPriced, oneUnpriced] {
            #expect(zip(book.heldSymbols, book.heldEntries).allSatisfy { book.positions.names[$1] == $0 })
        }
    }
}

/// Harvest finds a loss lot where its position holds it now: its first place less the lots
/// sold whole before it.
@Suite("Lots taken out of a position, counted by first place")
struct TakenOutTests {
    @Test("Each place's count of earlier lots taken out, as a PM would count them by hand")
    func counts() {
        var taken = TakenOut(count: 10)
        #expect((0...10).map { taken.before($0) } == Array(repeating: 0, count: 11))
        for place in [7, 2, 5] { taken.take(place) }
        // Lots first at 2, 5 and 7 are gone: the lot first at 8 is now at 5.
        #expect((0...10).map { taken.before($0) } == [0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3])
        #expect(8 - taken.before(8) == 5)
        taken.take(0)
        taken.take(9)
        #expect(taken.before(1) == 1)
        #expect(taken.before(10) == 5)
    }
}
