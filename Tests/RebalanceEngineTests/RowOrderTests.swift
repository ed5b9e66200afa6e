import Testing
@testable import RebalanceEngine
import PortfolioGenerator

/// How the shards' rows are put back in the order of one pass.
@Suite("Merging the shards' rows")
struct RowOrderTests {
    /// Stage 1 holds rows of no account (every shard has them) and of accounts 1–4; shard 0
    /// planned accounts 1 and 3, shard 1 accounts 2 and 4.
    static func key(_ stage: Int64, _ account: Int64) -> Int64 { stage << 32 | account }

    @Test func rowsComeBackInOnePassOrder() {
        let first: [Int64] = [Self.key(1, 0), Self.key(1, 1), Self.key(1, 1), Self.key(1, 3), Self.key(2, 0), Self.key(2, 3)]
        let second: [Int64] = [Self.key(1, 0), Self.key(1, 2), Self.key(1, 4), Self.key(2, 0), Self.key(2, 2)]
        let picks = RowOrder.merged([first, second]).map { "\($0.shard).\($0.index)" }
        // The second shard's rows of no account are the first shard's again: dropped.
        #expect(picks == ["0.0", "0.1", "0.2", "1.1", "0.3", "1.2", "0.4", "1.4", "0.5"])
    }

    @Test func anAccountsRowsInOneStageArePlacedAsOneRun() {
        let first: [Int64] = [Self.key(1, 0), Self.key(1, 1), Self.key(1, 1), Self.key(1, 3)]
        let second: [Int64] = [Self.key(1, 0), Self.key(1, 0), Self.key(1, 2), Self.key(1, 2), Self.key(1, 2)]
        #expect(RowOrder.mergedRuns([first, second]) == [
            RowOrder.Run(key: Self.key(1, 0), shard: 0, start: 0, count: 1),
            RowOrder.Run(key: Self.key(1, 1), shard: 0, start: 1, count: 2),
            RowOrder.Run(key: Self.key(1, 2), shard: 1, start: 2, count: 3),
            RowOrder.Run(key: Self.key(1, 3), shard: 0, start: 3, count: 1),
        ])
    }

    @Test func equalKeysGoToTheEarlierShardThenTheEarlierRow() {
        let picks = RowOrder.merged([[Self.key(1, 2), Self.key(1, 2)], [Self.key(1, 2)], [Self.key(1, 1)]])
            .map { "\($0.shard).\($0.index)" }
        #expect(picks == ["2.0", "0.0", "0.1", "1.0"])
    }

    @Test func keysOutOfOrderAreSortedAllTheSame() {
        let picks = RowOrder.merged([[Self.key(1, 3), Self.key(1, 1)], [Self.key(1, 2)]]).map { "\($0.shard).\($0.index)" }
        #expect(picks == ["0.1", "1.0", "0.0"])
        // A key met again later in its shard: its two runs go in their rows' order.
        let again = RowOrder.merged([[Self.key(1, 3), Self.key(1, 3), Self.key(1, 1), Self.key(1, 3)], [Self.key(1, 2)]])
            .map { "\($0.shard).\($0.index)" }
        #expect(again == ["0.2", "1.0", "0.0", "0.1", "0.3"])
    }
    @Test func manyShardsWithTiesMergeAsTheirRowsSorted() {
        // Sixteen shards of ascending keys with many ties, rows of no account among them.
        var generator = SplitMix64(seed: 7)
        let shards: [[Int64]] = (0..<16).map { _ in
            var key: Int64 = 0
            return (0..<Int(generator.next() % 40)).map { _ in
                key += Int64(generator.next() % 3)
                return Self.key(key / 8, key % 8)
            }
        }
        let expected = shards.enumerated()
            .flatMap { shard, keys in keys.indices.map { (key: keys[$0], shard: shard, index: $0) } }
            .filter { $0.shard == 0 || !RowOrder.isOfNoAccount($0.key) }
            .sorted { ($0.key, $0.shard, $0.index) < ($1.key, $1.shard, $1.index) }
            .map { "\($0.shard).\($0.index)" }
        #expect(RowOrder.merged(shards).map { "\($0.shard).\($0.index)" } == expected)
    }

    @Test func rowsAreReadInOnePassOrderWhereTheirShardsLeftThem() {
        let first: [Int64] = [Self.key(1, 0), Self.key(1, 1), Self.key(1, 1), Self.key(1, 3), Self.key(2, 0), Self.key(2, 3)]
        let second: [Int64] = [Self.key(1, 0), Self.key(1, 2), Self.key(1, 4), Self.key(2, 0), Self.key(2, 2)]
        let rows = [
            ["note", "AC-1 sell", "AC-1 buy", "AC-3 sell", "note 2", "AC-3 buy"],
            ["note", "AC-2 sell", "AC-4 sell", "note 2", "AC-2 buy"],
        ]
        var placed = RowOrder.placed(RowOrder.mergedRuns([first, second]), in: rows)
        // The second shard's rows of no account are not read.
        #expect(Array(placed) == ["note", "AC-1 sell", "AC-1 buy", "AC-2 sell", "AC-3 sell", "AC-4 sell", "note 2",
                                  "AC-2 buy", "AC-3 buy"])
        #expect(placed == ["note", "AC-1 sell", "AC-1 buy", "AC-2 sell", "AC-3 sell", "AC-4 sell", "note 2",
                           "AC-2 buy", "AC-3 buy"])
        #expect(placed.description == #"["note", "AC-1 sell", "AC-1 buy", "AC-2 sell", "AC-3 sell", "AC-4 sell", "note 2", "AC-2 buy", "AC-3 buy"]"#)
        // A row changed, or added, through the list lands in its shard's array.
        placed[3] = "AC-2 sell, cut"
        placed.append("closing note")
        #expect(placed[3] == "AC-2 sell, cut")
        #expect(placed.last == "closing note")
        #expect(placed.count == 10)
        #expect(placed.array.suffix(2) == ["AC-3 buy", "closing note"])
    }

    @Test func rowsOfKeysOutOfOrderAreReadAllTheSame() {
        let rows = [["AC-3", "AC-1"], ["AC-2"]]
        let runs = RowOrder.mergedRuns([[Self.key(1, 3), Self.key(1, 1)], [Self.key(1, 2)]])
        #expect(Array(RowOrder.placed(runs, in: rows)) == ["AC-1", "AC-2", "AC-3"])
    }

    @Test func aListReadThroughPlacesEqualsAndHashesAsOneArray() {
        let placed = RowOrder.placed(RowOrder.mergedRuns([[Self.key(1, 1), Self.key(1, 3)], [Self.key(1, 2)]]),
                                     in: [["AC-1", "AC-3"], ["AC-2"]])
        let plain = RowList(["AC-1", "AC-2", "AC-3"])
        #expect(placed == plain)
        #expect(placed.hashValue == plain.hashValue)
        #expect(placed != RowList(["AC-1", "AC-3", "AC-2"]))
    }

    @Test func accountRunsAreCountedInTheOrderOfTheRows() {
        func cash(_ account: String) -> CashRow {
            CashRow(account: account, cashBefore: .zero, sellProceeds: .zero, buyCost: .zero, withdrawal: .zero,
                    withdrawalPaid: .zero, cashAfter: .zero, cashTarget: .zero, cashWeightAfter: nil)
        }
        let plan = Plan(settings: Settings(asOf: CivilDate(year: 2026, month: 11, day: 25)!),
                        cash: ["AC-2", "AC-2", "AC-5", "AC-2"].map(cash))
        let runs = RowOrder.accountRuns(of: plan)
        #expect(runs.cash == [RowOrder.NameRun(name: "AC-2", rows: 0..<2), RowOrder.NameRun(name: "AC-5", rows: 2..<3),
                              RowOrder.NameRun(name: "AC-2", rows: 3..<4)])
        #expect(runs.drift.isEmpty && runs.washSales.isEmpty && runs.taxImpact.isEmpty)
    }

    @Test func lotsAreGroupedInRunsOfOneAccountInTheirOrder() {
        let date = CivilDate(year: 2024, month: 3, day: 1)!
        let lots = ["AC-1", "AC-1", "AC-2", "AC-1"].enumerated().map { number, account in
            TaxLot(lotID: "L\(number)", account: account, symbol: "XYZ", quantity: Quantity(decimal: "10")!,
                   costBasis: Money(cents: 1_000), acquired: date)
        }
        let runs = Planner.lotRuns(of: lots)
        #expect(runs.map(\.name) == ["AC-1", "AC-2", "AC-1"])
        #expect(runs.map(\.rows) == [0..<2, 2..<3, 3..<4])
        #expect(Planner.lotRuns(of: []).isEmpty)
    }

    @Test func aQueueHandsRowsOutFrontToBack() {
        var queue = RowQueue(["AC-1 buy", "AC-1 sell", "AC-2 buy"])
        #expect(queue.take() == "AC-1 buy")
        #expect(queue.take() == "AC-1 sell")
        #expect(queue.count == 1)
        #expect(queue.take() == "AC-2 buy")
        #expect(queue.count == 0)
    }
}
