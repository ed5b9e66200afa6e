import Testing
@testable import RebalanceEngine

/// A window of many purchases of one family is read once for every loss lot asked about
/// (`cachedLossSaleBlock`); its answers must be those of reading it whole (`lossSaleBlock`).
@Suite("A large window's replacements, read once")
struct WashSaleWindowTableTests {
    static let runDate = date("2026-03-02")

    /// 120 lots of GOOG and GOOGL (one family) bought in the 30 days before the run, 10
    /// shares each, over the Smith household's two taxed accounts and its IRA; every other
    /// lot at a loss at $150.
    static let recent: [TaxLot] = (0..<120).map { number in
        let account = ["TAX-1", "TAX-2", "IRA-1"][number % 3]
        let day = 1 + number % 28
        return lot("R\(number)", account: account, symbol: number % 2 == 0 ? "GOOG" : "GOOGL", shares: 10,
                   basis: number % 2 == 0 ? "2000" : "1000", acquired: "2026-02-\(day < 10 ? "0" : "")\(day)")
    }

    /// Every lot's block, asked both ways, with the trade's planned lots `planned`.
    static func expectSameBlocks(_ calendar: inout WashSaleCalendar, planned: [LotSale] = [],
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        for lot in recent {
            let whole = calendar.lossSaleBlock(for: lot, on: runDate, plannedInTrade: planned)
            let once = calendar.cachedLossSaleBlock(for: lot, on: runDate, plannedInTrade: planned)
            #expect(once == whole, "lot \(lot.lotID)", sourceLocation: sourceLocation)
        }
    }

    @Test("Each lot's block is the whole reading's, its own purchase and its trade's planned lots set aside")
    func sameBlocks() throws {
        var calendar = WashSaleCalendar(household: "Smith", accounts: Smith.accounts, families: Smith.families,
                                        windowDays: 30, lots: Self.recent, transactions: [
                                            bought("TAX-1", "GOOGL", on: "2026-02-27", shares: 5, at: "150"),
                                        ], runDate: Self.runDate)
        // A PM's check: R0 (10 GOOG in TAX-1) is blocked by the other 119 lots' 1,190 shares
        // and the Transactions buy's 5 (no held lot of its account, symbol and day), the first
        // bought 2026-02-01 (R56 in IRA-1: a day's purchases go in account order), and the
        // block lasts 30 days past the latest purchase (2026-02-28).
        let answer = calendar.cachedLossSaleBlock(for: Self.recent[0], on: Self.runDate)
        let block = try #require(answer)
        #expect(block.note == "Lot R0 of GOOG is not sold at a loss: 1195 unmatched replacement shares of GOOG, GOOGL "
            + "(first bought 2026-02-01 in IRA-1) would disallow it; the block lasts through 2026-03-30 (26 USC 1091(a)).")
        Self.expectSameBlocks(&calendar)
        // A trade of TAX-1's first lots planned so far: their shares replace nothing.
        let planned = Self.recent.filter { $0.account == "TAX-1" }.prefix(7).map {
            $0.sale(of: shares(10), at: price("150"), on: Self.runDate)
        }
        Self.expectSameBlocks(&calendar, planned: Array(planned))
        // After sales and a buy, the window is read again.
        calendar.recordSales([Self.recent[3].sale(of: shares(10), at: price("150"), on: Self.runDate)], on: Self.runDate)
        calendar.recordSales([Self.recent[1].sale(of: shares(4), at: price("150"), on: Self.runDate)], on: Self.runDate)
        calendar.recordBuy(account: "TAX-2", symbol: "GOOGL", quantity: shares(6), cost: usd("900"), lotID: "B1",
                           on: Self.runDate)
        Self.expectSameBlocks(&calendar)
        Self.expectSameBlocks(&calendar, planned: Array(planned))
    }

    @Test("A purchase of unknown size in a large window blocks as any number of shares, both ways")
    func unknownSize() {
        var calendar = WashSaleCalendar(household: "Smith", accounts: Smith.accounts, families: Smith.families,
                                        windowDays: 30, lots: Self.recent, transactions: [
                                            bought("TAX-1", "GOOGL", on: "2026-02-27", shares: nil),
                                        ], runDate: Self.runDate)
        let answer = calendar.cachedLossSaleBlock(for: Self.recent[0], on: Self.runDate)
        #expect(answer?.note.contains("a purchase of unknown size of GOOG, GOOGL") == true)
        Self.expectSameBlocks(&calendar)
    }
}
