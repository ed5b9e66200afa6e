import Testing
import RebalanceEngine

@Suite("Replacement shares block loss sales (26 USC 1091(a), Treas. Reg. 1.1091-1)")
struct WashSaleReplacementTests {
    static let runDate = date("2026-03-02")
    /// An old GOOGL lot in TAX-1 that would sell at a loss.
    static let old = lot("OLD", account: "TAX-1", symbol: "GOOGL", shares: 100, basis: "20000", acquired: "2020-05-01")

    @Test("A family purchase within 30 days before the sale, the first day included, blocks it", arguments: [
        (0, "TAX-1", "GOOGL", true), (30, "TAX-1", "GOOGL", true), (31, "TAX-1", "GOOGL", false),
        (10, "IRA-1", "GOOG", true), (10, "TAX-2", "GOOG", true), (10, "TAX-1", "XYZ", false),
        (-1, "TAX-1", "GOOGL", false),
    ])
    func replacementWindow(daysBefore: Int, account: String, symbol: String, blocked: Bool) {
        let acquired = Self.runDate.adding(days: -daysBefore)
        let replacement = TaxLot(lotID: "NEW", account: account, symbol: symbol, quantity: shares(20),
                                 costBasis: usd("3000"), acquired: acquired)
        let calendar = Smith.calendar(lots: [Self.old, replacement])
        let block = calendar.lossSaleBlock(for: Self.old, on: Self.runDate)
        #expect((block != nil) == blocked)
        if let block {
            #expect(block.action == .lossSaleBlocked)
            #expect(block.account == "TAX-1")
            #expect(block.lotID == "OLD")
            #expect(block.conflictDate == acquired)
            #expect(block.conflictAccount == account)
            #expect(block.windowEnds == acquired.adding(days: 30))
            #expect(block.note.contains("20 unmatched replacement shares"))
        }
    }

    @Test("Inherited shares received inside the window replace nothing; a buy of their day still does")
    func inheritedShares() {
        // 20 GOOG inherited on 2026-02-20 (the date of death) in TAX-2: not bought.
        let inherited = TaxLot(lotID: "EST", account: "TAX-2", symbol: "GOOG", quantity: shares(20),
                               costBasis: usd("3000"), acquired: date("2026-02-20"), termOverride: .longTerm, inherited: true)
        #expect(Smith.calendar(lots: [Self.old, inherited]).lossSaleBlock(for: Self.old, on: Self.runDate) == nil)
        // Read as a purchase, the same lot blocks the sale.
        var bought20 = inherited
        bought20.inherited = false
        #expect(Smith.calendar(lots: [Self.old, bought20]).lossSaleBlock(for: Self.old, on: Self.runDate)?
            .note.contains("20 unmatched replacement shares") == true)
        // 5 GOOG bought that day in TAX-2 are a purchase of their own, not the inherited lot.
        let calendar = Smith.calendar(lots: [Self.old, inherited],
                                      transactions: [bought("TAX-2", "GOOG", on: "2026-02-20", shares: 5, at: "150")])
        #expect(calendar.lossSaleBlock(for: Self.old, on: Self.runDate)?.note.contains("5 unmatched replacement shares") == true)
    }

    @Test("The lot's own purchase never counts against itself")
    func ownPurchase() {
        let recent = lot("RECENT", account: "TAX-1", symbol: "GOOGL", shares: 10, basis: "2000", acquired: "2026-02-20")
        let calendar = Smith.calendar(lots: [recent],
                                      transactions: [bought("TAX-1", "GOOGL", on: "2026-02-20", shares: 10)])
        #expect(calendar.lossSaleBlock(for: recent, on: Self.runDate) == nil)
    }

    @Test("Fills of one Transactions buy are one purchase: neither replaces the other's loss sale")
    func fillsOfOneBuy() {
        // One order of 100 GOOGL on 2026-02-20, listed by the custodian as fills of 60 and 40.
        let first = lot("F1", account: "TAX-1", symbol: "GOOGL", shares: 60, basis: "12000", acquired: "2026-02-20")
        let second = lot("F2", account: "TAX-1", symbol: "GOOGL", shares: 40, basis: "8000", acquired: "2026-02-20")
        let oneBuy = Smith.calendar(lots: [first, second],
                                    transactions: [bought("TAX-1", "GOOGL", on: "2026-02-20", shares: 100, at: "200")])
        #expect(oneBuy.lossSaleBlock(for: first, on: Self.runDate) == nil)
        #expect(oneBuy.lossSaleBlock(for: second, on: Self.runDate) == nil)
        // A buy of unknown size is the day's lots too.
        let unknownSize = Smith.calendar(lots: [first, second],
                                         transactions: [bought("TAX-1", "GOOGL", on: "2026-02-20", shares: nil)])
        #expect(unknownSize.lossSaleBlock(for: first, on: Self.runDate) == nil)
        // Two buys of the day are two purchases, and with no record the lots may be too: the
        // other lot's shares replace the sale.
        let twoBuys = Smith.calendar(lots: [first, second],
                                     transactions: [bought("TAX-1", "GOOGL", on: "2026-02-20", shares: 60, at: "200"),
                                                    bought("TAX-1", "GOOGL", on: "2026-02-20", shares: 40, at: "200")])
        #expect(twoBuys.lossSaleBlock(for: first, on: Self.runDate)?.note.contains("40 unmatched replacement shares") == true)
        #expect(Smith.calendar(lots: [first, second]).lossSaleBlock(for: second, on: Self.runDate)?
            .note.contains("60 unmatched replacement shares") == true)
        // A buy of fewer shares than the day's lots hold cannot be all of them.
        let smallBuy = Smith.calendar(lots: [first, second],
                                      transactions: [bought("TAX-1", "GOOGL", on: "2026-02-20", shares: 60, at: "200")])
        #expect(smallBuy.lossSaleBlock(for: first, on: Self.runDate) != nil)
        // Another account's buy that day replaces the sale still.
        let elsewhere = lot("B1", account: "TAX-2", symbol: "GOOG", shares: 5, basis: "1000", acquired: "2026-02-25")
        let withOther = Smith.calendar(lots: [first, second, elsewhere],
                                       transactions: [bought("TAX-1", "GOOGL", on: "2026-02-20", shares: 100, at: "200")])
        #expect(withOther.lossSaleBlock(for: first, on: Self.runDate)?.note.contains("5 unmatched replacement shares") == true)
    }

    @Test("An IRA loss is never blocked, though an IRA buy blocks a taxed loss")
    func iraLoss() {
        let iraLot = lot("IRA-OLD", account: "IRA-1", symbol: "GOOG", shares: 10, basis: "5000", acquired: "2021-01-04")
        let iraBuy = lot("IRA-NEW", account: "IRA-1", symbol: "GOOG", shares: 10, basis: "1000", acquired: "2026-02-25")
        let calendar = Smith.calendar(lots: [Self.old, iraLot, iraBuy])
        #expect(calendar.lossSaleBlock(for: iraLot, on: Self.runDate) == nil)
        #expect(calendar.lossSaleBlock(for: Self.old, on: Self.runDate) != nil)
    }

    @Test("Shares already matched to a Transactions loss sale do not block again; a purchase counts once",
          arguments: [(Int64(100), false), (150, true)])
    func matchedShares(newShares: Int64, blocked: Bool) {
        // Sold 100 XYZ at a loss on 2026-02-10, bought back on 2026-02-15 (a Transactions row and a held lot).
        let old = lot("OLD", account: "TAX-1", shares: 50, basis: "5000", acquired: "2019-03-01")
        let new = lot("NEW", account: "TAX-2", shares: newShares, basis: "8000", acquired: "2026-02-15")
        let calendar = Smith.calendar(lots: [old, new], transactions: [
            sold("TAX-1", "XYZ", on: "2026-02-10", shares: 100, gain: "-900"),
            bought("TAX-2", "XYZ", on: "2026-02-15", shares: newShares, at: "80"),
        ])
        let block = calendar.lossSaleBlock(for: old, on: Self.runDate)
        #expect((block != nil) == blocked)
        if let block { #expect(block.note.contains("\(newShares - 100) unmatched replacement shares")) }
        // The window still blocks buys.
        #expect(calendar.buyBlock(account: "TAX-1", symbol: "XYZ", on: Self.runDate)?.windowEnds == date("2026-03-12"))
        #expect(calendar.records.rows(.lossSale).first?.note.contains("100 shares bought within 30 days") == true)
    }

    @Test("A Transactions buy under a family symbol no lot holds, of a lot's account and day, is that lot")
    func buyUnderAnotherFamilySymbol() {
        // A ticker change the Securities sheet groups: the history says GOOG (held nowhere),
        // the lot GOOGL.
        let new = lot("NEW", account: "TAX-2", symbol: "GOOGL", shares: 20, basis: "3000", acquired: "2026-02-20")
        let calendar = Smith.calendar(lots: [Self.old, new],
                                      transactions: [bought("TAX-2", "GOOG", on: "2026-02-20", shares: 20, at: "150")])
        let block = calendar.lossSaleBlock(for: Self.old, on: Self.runDate)
        #expect(block?.note.contains("20 unmatched replacement shares") == true, "\(block?.note ?? "no block")")
        // Bought beyond the lot (25 where 20 are held), the 5 sold since still count.
        let more = Smith.calendar(lots: [Self.old, new],
                                  transactions: [bought("TAX-2", "GOOG", on: "2026-02-20", shares: 25, at: "150")])
        #expect(more.lossSaleBlock(for: Self.old, on: Self.runDate)?.note.contains("25 unmatched replacement shares") == true)
        // With GOOG held in the household too, the two are share classes both traded: the
        // GOOG buy is a purchase of its own beside the GOOGL lot.
        let classes = Smith.calendar(
            lots: [Self.old, new, lot("G", account: "IRA-1", symbol: "GOOG", shares: 1, basis: "100", acquired: "2019-01-02")],
            transactions: [bought("TAX-2", "GOOG", on: "2026-02-20", shares: 20, at: "150")])
        #expect(classes.lossSaleBlock(for: Self.old, on: Self.runDate)?.note.contains("40 unmatched replacement shares") == true)
    }

    @Test("Lots sold earlier in the run are not replacements; what is left of them still is", arguments: [
        (Int64(20), false), (15, true),
    ])
    func soldEarlierInRun(soldShares: Int64, blocked: Bool) {
        let new = lot("NEW", account: "TAX-2", symbol: "GOOG", shares: 20, basis: "2000", acquired: "2026-02-20")
        var calendar = Smith.calendar(lots: [Self.old, new])
        // An earlier phase sells NEW at a gain.
        calendar.recordSales([new.sale(of: shares(soldShares), at: price("150"), on: Self.runDate)], on: Self.runDate)
        let block = calendar.lossSaleBlock(for: Self.old, on: Self.runDate)
        #expect((block != nil) == blocked)
        if let block { #expect(block.note.contains("5 unmatched replacement shares")) }
    }

    @Test("Within a trade, lots planned so far are not replacements", arguments: [
        (Int64(20), false), (12, true),
    ])
    func plannedInTrade(plannedShares: Int64, blocked: Bool) {
        // One GOOGL trade in TAX-1: NEW (a gain, first in Lot Method order), then OLD at a loss.
        let new = lot("NEW", account: "TAX-1", symbol: "GOOGL", shares: 20, basis: "2000", acquired: "2026-02-20")
        let calendar = Smith.calendar(lots: [Self.old, new])
        let planned = [new.sale(of: shares(plannedShares), at: price("150"), on: Self.runDate)]
        #expect((calendar.lossSaleBlock(for: Self.old, on: Self.runDate, plannedInTrade: planned) != nil) == blocked)
        #expect(calendar.lossSaleBlock(for: Self.old, on: Self.runDate) != nil)
    }

    @Test("A trade's own lots are taken out before any is judged")
    func tradeLotsTakenOutFirst() {
        let new = lot("NEW", account: "TAX-1", symbol: "GOOGL", shares: 20, basis: "2000", acquired: "2026-02-20")
        var calendar = Smith.calendar(lots: [Self.old, new])
        let trade = [
            Self.old.sale(of: shares(100), at: price("150"), on: Self.runDate),  // a 5,000 loss
            new.sale(of: shares(20), at: price("150"), on: Self.runDate),
        ]
        #expect(calendar.recordSales(trade, on: Self.runDate) == [.zero, .zero])
        #expect(calendar.records.rows(.disallowed).isEmpty)
    }

    @Test("A Transactions buy counts as a replacement even when no longer held")
    func transactionBuyNotHeld() {
        let calendar = Smith.calendar(lots: [Self.old], transactions: [
            bought("TAX-2", "GOOG", on: "2026-02-20", shares: 30, at: "140"),
            sold("TAX-2", "GOOG", on: "2026-02-25", shares: 30, gain: "150"),
        ])
        let block = calendar.lossSaleBlock(for: Self.old, on: Self.runDate)
        #expect(block?.conflictDate == date("2026-02-20"))
        #expect(block?.note.contains("30 unmatched replacement shares") == true)
    }

    /// Generated small book 28065: 328 HKW bought on 2025-01-31 at $32.16, 17 of them still
    /// held (lot L4, basis $235.55). A forced loss sale matching the 311 no longer held
    /// says what they cost; it did not, where a buy with no held lot said it.
    @Test("Shares a day's buys bought beyond its held lot cost the day's price, when there is one", arguments: [
        (["32.16"], "3216.00"), (["32.16", "32.16"], "3216.00"), (["32.16", "33.00"], nil), ([nil], nil),
    ] as [([String?], String?)])
    func sharesBeyondHeldLot(prices: [String?], cost: String?) throws {
        let held = lot("L4", account: "TAX-1", symbol: "GOOGL", shares: 17, basis: "235.55", acquired: "2026-02-20")
        let buys = prices.map { bought("TAX-1", "GOOGL", on: "2026-02-20", shares: Int64(328 / prices.count), at: $0) }
        var calendar = Smith.calendar(lots: [Self.old, held], transactions: buys)
        let sale = Self.old.sale(of: shares(100), at: price("150"), on: Self.runDate)
        #expect(calendar.recordSales([sale], on: Self.runDate) == [usd("5000")])
        let row = try #require(calendar.records.rows(.disallowed).first)
        #expect(row.replacement?.shares == shares(100))
        #expect(row.replacement?.basisBefore == cost.map(usd))
        #expect(row.replacement?.basisAfter == cost.map { usd($0) + usd("5000") })
    }

    @Test("A Transactions sale's own purchase does not replace it, but still replaces a later sale", arguments: [
        ("TAX-1", true),   // the 02-01 buy is the shares the 02-10 sale sold: left unmatched, it blocks OLD
        ("TAX-2", false),  // a buy in another account replaces the 02-10 sale and is used up by it
    ])
    func transactionOwnShares(buyAccount: String, blocksRunSale: Bool) {
        let calendar = Smith.calendar(lots: [Self.old], transactions: [
            bought(buyAccount, "GOOGL", on: "2026-02-01", shares: 100),
            sold("TAX-1", "GOOGL", on: "2026-02-10", shares: 100, gain: "-700"),
        ])
        #expect((calendar.lossSaleBlock(for: Self.old, on: date("2026-02-20")) != nil) == blocksRunSale)
    }

    /// A sale at a gain sells half of the 02-01 buy; the loss sale after it sells the rest of
    /// that buy and half of the 02-03 one (first in, first out): its own shares are five of
    /// each, so five of each replace it, and five of each are left to replace OLD's loss, the
    /// earliest on 02-01.
    @Test("A Transactions sale sells the rest of a purchase an earlier sale took part of")
    func partlySoldPurchase() {
        let calendar = Smith.calendar(lots: [Self.old], transactions: [
            bought("TAX-1", "GOOGL", on: "2026-02-01", shares: 10),
            bought("TAX-1", "GOOGL", on: "2026-02-03", shares: 10),
            sold("TAX-1", "GOOGL", on: "2026-02-05", shares: 5, gain: "40"),
            sold("TAX-1", "GOOGL", on: "2026-02-10", shares: 10, gain: "-700"),
        ])
        let block = calendar.lossSaleBlock(for: Self.old, on: date("2026-02-20"))
        #expect(block?.conflictDate == date("2026-02-01"))
        #expect(block?.note.contains("10 unmatched replacement shares") == true)
    }

    @Test("A buy of unknown size blocks, and a forced sale against it loses the whole loss")
    func unknownSize() {
        var calendar = Smith.calendar(lots: [Self.old], transactions: [
            bought("TAX-2", "GOOG", on: "2026-02-20", shares: nil),
        ])
        let block = calendar.lossSaleBlock(for: Self.old, on: Self.runDate)
        #expect(block?.note.contains("a purchase of unknown size") == true)
        let sale = Self.old.sale(of: shares(100), at: price("150"), on: Self.runDate)
        #expect(calendar.recordSales([sale], on: Self.runDate) == [usd("5000")])
    }

    /// An IRA's GOOG and TAX-2's GOOGL bought within the window, and two old GOOGL lots in
    /// TAX-1 that would sell at a loss.
    static let replacementLots = (
        ira: lot("IRA-NEW", account: "IRA-1", symbol: "GOOG", shares: 30, basis: "4200", acquired: "2026-02-15"),
        tax: lot("TAX-NEW", account: "TAX-2", symbol: "GOOGL", shares: 40, basis: "6000", acquired: "2026-02-20"),
        first: lot("FIRST", account: "TAX-1", symbol: "GOOGL", shares: 50, basis: "10000", acquired: "2020-05-01"),
        second: lot("SECOND", account: "TAX-1", symbol: "GOOGL", shares: 50, basis: "10000", acquired: "2020-06-01"))

    @Test("Replacement shares are matched earliest acquired first, each once")
    func earliestFirst() {
        let (ira, tax, first, second) = Self.replacementLots
        var calendar = Smith.calendar(lots: [first, second, ira, tax])
        // A forced sale of 50 at $150 (a $2,500 loss): 30 IRA shares, then 20 of TAX-2's.
        let forced = calendar.recordSales([first.sale(of: shares(50), at: price("150"), on: Self.runDate)],
                                          on: Self.runDate)
        #expect(forced == [usd("2500")])
        let rows = calendar.records.rows(.disallowed)
        #expect(rows.map(\.conflictAccount) == ["IRA-1", "TAX-2"])
        #expect(rows.map(\.quantity) == [shares(30), shares(20)])
        #expect(rows.map(\.disallowedLoss) == [usd("1500"), usd("1000")])
        // 20 TAX-2 shares remain unmatched, so the next lot is still blocked; a second
        // forced sale matches only those.
        #expect(calendar.lossSaleBlock(for: second, on: Self.runDate)?.note.contains("20 unmatched") == true)
        let again = calendar.recordSales([second.sale(of: shares(50), at: price("150"), on: Self.runDate)],
                                         on: Self.runDate)
        #expect(again == [usd("1000")])
    }
    @Test("A forced sale's matched shares of a taxed lot are handed over for restating, and stay that lot's purchase")
    func restatedSharesStayTheirPurchase() {
        let (ira, tax, first, second) = Self.replacementLots
        var calendar = Smith.calendar(lots: [first, second, ira, tax])
        _ = calendar.recordSales([first.sale(of: shares(50), at: price("150"), on: Self.runDate)], on: Self.runDate)
        // Only TAX-2's 20 shares take basis: the IRA's 30 lose their $1,500 (Rev. Rul. 2008-5).
        let restatements = calendar.takeRestatements()
        #expect(restatements.map(\.lot) == [TaxLot.Key(account: "TAX-2", lotID: "TAX-NEW")])
        #expect(restatements.map(\.shares) == [shares(20)])
        #expect(restatements.map(\.addedBasis) == [usd("1000")])
        #expect(restatements.map(\.holdingPeriodFrom) == [date("2020-05-01")])
        #expect(calendar.takeRestatements().isEmpty)
        // The planner splits them off as TAX-NEW-W, dated from FIRST: a planned sale of them
        // counts against TAX-NEW's purchase, whose other 20 shares still block SECOND's loss
        // until they are planned for sale too.
        let restated = lot("TAX-NEW-W", account: "TAX-2", symbol: "GOOGL", shares: 20, basis: "4000", acquired: "2020-05-01")
        calendar.noteRestated(
            restated.id, from: tax.id, symbol: "GOOGL", acquired: tax.acquired, record: restatements[0].record)
        let rest = lot("TAX-NEW", account: "TAX-2", symbol: "GOOGL", shares: 20, basis: "3000", acquired: "2026-02-20")
        let sellingRestated = [restated.sale(of: shares(20), at: price("150"), on: Self.runDate)]
        #expect(calendar.lossSaleBlock(for: second, on: Self.runDate, plannedInTrade: sellingRestated)?.note
            .contains("20 unmatched") == true)
        let sellingBoth = sellingRestated + [rest.sale(of: shares(20), at: price("150"), on: Self.runDate)]
        #expect(calendar.lossSaleBlock(for: second, on: Self.runDate, plannedInTrade: sellingBoth) == nil)
        // The restated lot's own purchase never replaces its loss; its sale is found there.
        #expect(calendar.lossSaleBlock(for: restated, on: Self.runDate) == nil)
        #expect(calendar.recordSales(sellingRestated, on: Self.runDate) == [.zero])
    }

    @Test("A run's buy is matched after the lots the book holds from the same day, whatever their Lot IDs")
    func runBuysAfterTheDaysHeldLots() throws {
        // From generated small book 24098: a lot bought on the run date before the run, and the
        // run's own buy of the same symbol in the same account that day, named `-bought-1`,
        // which sorts before `-r3`. The held lot was acquired first, so a forced loss sale
        // matches its shares first (Treas. Reg. 1.1091-1(b)), and they are restated.
        let held = lot("GOOGL-r3", account: "TAX-2", symbol: "GOOGL", shares: 150, basis: "16500", acquired: "2026-03-02")
        var calendar = Smith.calendar(lots: [Self.old, held])
        _ = calendar.recordBuy(account: "TAX-2", symbol: "GOOGL", quantity: shares(365), cost: usd("41000"),
                               lotID: "GOOGL-bought-1", on: Self.runDate)
        let disallowed = calendar.recordSales([Self.old.sale(of: shares(100), at: price("150"), on: Self.runDate)],
                                              on: Self.runDate)
        #expect(disallowed == [usd("5000")])
        let record = try #require(calendar.records.rows(.disallowed).first)
        #expect(calendar.records.rows(.disallowed).count == 1)
        #expect(record.quantity == shares(100))
        #expect(record.replacement?.basisBefore == usd("11000"))
        #expect(record.replacement?.basisAfter == usd("16000"))
        #expect(calendar.takeRestatements().map(\.lot) == [TaxLot.Key(account: "TAX-2", lotID: "GOOGL-r3")])
    }

    @Test("Within one forced trade, replacement shares left after it are matched to its first loss lot only: each share once")
    func eachShareOnceWithinATrade() {
        // RECENT (160 GOOGL bought 2026-02-20) replaces losses sold on 2026-03-02. A manual
        // sale takes lots A and B at a loss and 155 of RECENT's shares: 5 stay held, so 5
        // replacement shares match A's loss, and none are left for B's.
        let a = lot("A", account: "TAX-1", symbol: "GOOGL", shares: 9, basis: "1800", acquired: "2025-06-01")
        let b = lot("B", account: "TAX-1", symbol: "GOOGL", shares: 16, basis: "3200", acquired: "2025-05-01")
        let recent = lot("RECENT", account: "TAX-1", symbol: "GOOGL", shares: 160, basis: "24800", acquired: "2026-02-20")
        var calendar = Smith.calendar(lots: [a, b, recent])
        let sales = [a.sale(of: shares(9), at: price("150"), on: Self.runDate),
                     b.sale(of: shares(16), at: price("150"), on: Self.runDate),
                     recent.sale(of: shares(155), at: price("150"), on: Self.runDate)]
        // A loses $450 on 9 shares: 5 matched, $250 disallowed; B's $800 stays allowed.
        #expect(calendar.recordSales(sales, on: Self.runDate) == [usd("250"), .zero, .zero])
        let rows = calendar.records.rows(.disallowed)
        #expect(rows.map(\.lotID) == ["A"])
        #expect(rows.map(\.quantity) == [shares(5)])
        // The 5 shares are matched, so a later loss sale finds no replacement left.
        let later = lot("LATER", account: "TAX-2", symbol: "GOOG", shares: 10, basis: "2000", acquired: "2024-01-02")
        #expect(calendar.lossSaleBlock(for: later, on: Self.runDate) == nil)
    }

    @Test("A replacement lot the run sold in part gives its matched shares the basis of what stays of it")
    func basisOfWhatStays() {
        // REPL: 91 shares for $5,546.99, bought 2026-02-20. The run first sells 21 of them
        // ($1,280.07 of basis), leaving 70 for $4,266.92; then OLD's loss is forced on 41.
        let repl = lot("REPL", account: "TAX-2", symbol: "GOOG", shares: 91, basis: "5546.99", acquired: "2026-02-20")
        let old = lot("OLD", account: "TAX-1", symbol: "GOOGL", shares: 41, basis: "4100", acquired: "2020-05-01")
        var calendar = Smith.calendar(lots: [old, repl])
        _ = calendar.recordSales([repl.sale(of: shares(21), at: price("60"), on: Self.runDate)], on: Self.runDate)
        #expect(calendar.recordSales([old.sale(of: shares(41), at: price("60"), on: Self.runDate)], on: Self.runDate)
            == [usd("1640")])
        // $4,266.92 × 41 / 70 = $2,499.20, as the planner's lot gives them (not $5,546.99 × 41 / 91 = $2,499.19).
        let replacement = calendar.records.rows(.disallowed).first?.replacement
        #expect(replacement?.basisBefore == usd("2499.20"))
        #expect(replacement?.basisAfter == usd("4139.20"))
    }

    @Test("A replacement bought before the sold lot was keeps its own, longer, holding period (26 USC 1223(3) never shortens one)")
    func holdingPeriodNeverShortened() {
        // SOLD was bought 2026-02-25 and sold at a loss on 2026-03-02; EARLIER (2026-02-10) replaces it.
        let sold = lot("SOLD", account: "TAX-1", symbol: "GOOGL", shares: 10, basis: "2000", acquired: "2026-02-25")
        let earlier = lot("EARLIER", account: "TAX-2", symbol: "GOOG", shares: 10, basis: "1500", acquired: "2026-02-10")
        var calendar = Smith.calendar(lots: [sold, earlier])
        #expect(calendar.recordSales([sold.sale(of: shares(10), at: price("150"), on: Self.runDate)], on: Self.runDate)
            == [usd("500")])
        #expect(calendar.takeRestatements().map(\.holdingPeriodFrom) == [date("2026-02-10")])
        #expect(calendar.records.rows(.disallowed).first?.replacement?.holdingPeriodFrom == date("2026-02-10"))
    }

    @Test("Replacements are matched earliest acquired first however the lots are listed, a run's buy after them")
    func earliestFirstHoweverListed() {
        let (ira, tax, first, second) = Self.replacementLots
        // Newest first, as a custodian export may list them; the run buys 10 GOOG in TAX-1 first.
        var calendar = Smith.calendar(lots: [tax, second, ira, first])
        #expect(calendar.recordBuy(account: "TAX-1", symbol: "GOOG", quantity: shares(10), cost: usd("1500"),
                                   on: Self.runDate).isEmpty)
        // FIRST's $2,500 loss: 30 IRA shares, then 20 of TAX-2's. SECOND's: TAX-2's other 20,
        // then the run's 10: 30 of 50 shares, $1,500 of its $2,500 loss.
        let disallowed = calendar.recordSales([first.sale(of: shares(50), at: price("150"), on: Self.runDate)],
                                              on: Self.runDate)
            + calendar.recordSales([second.sale(of: shares(50), at: price("150"), on: Self.runDate)], on: Self.runDate)
        #expect(disallowed == [usd("2500"), usd("1500")])
        let rows = calendar.records.rows(.disallowed)
        #expect(rows.map(\.conflictAccount) == ["IRA-1", "TAX-2", "TAX-2", "TAX-1"])
        #expect(rows.map(\.conflictDate) == [date("2026-02-15"), date("2026-02-20"), date("2026-02-20"), Self.runDate])
        #expect(rows.map(\.quantity) == [shares(30), shares(20), shares(20), shares(10)])
        #expect(rows.map(\.disallowedLoss) == [usd("1500"), usd("1000"), usd("1000"), usd("500")])
    }

    @Test("A calendar made for the run date leaves out lots too old to replace anything, and answers the same")
    func runDateCalendar() {
        // Transactions: the purchase of an old TAX-2 lot (that lot, not a second purchase), a
        // buy since sold, and a loss sale on 2026-01-05, so lots from 2025-12-06 on are kept.
        // The sale sold the 2025-12-20 shares (first in, first out among those not held), so
        // REPL replaces it; NEW replaces a run sale of OLD.
        let kept = lot("KEPT", account: "TAX-2", symbol: "GOOG", shares: 40, basis: "4000", acquired: "2025-09-10")
        let repl = lot("REPL", account: "TAX-1", symbol: "GOOGL", shares: 30, basis: "4500", acquired: "2026-01-20")
        let new = lot("NEW", account: "TAX-2", symbol: "GOOG", shares: 20, basis: "3000", acquired: "2026-02-20")
        let lots = [Self.old, kept, repl, new]
        let transactions = [
            bought("TAX-2", "GOOG", on: "2025-09-10", shares: 40, at: "100"),
            bought("TAX-2", "GOOG", on: "2025-12-20", shares: 40, at: "110"),
            sold("TAX-2", "GOOG", on: "2026-01-05", shares: 40, gain: "-600"),
        ]
        func run(_ calendar: inout WashSaleCalendar) -> [Money] {
            let block = calendar.lossSaleBlock(for: Self.old, on: Self.runDate)
            #expect(block?.conflictAccount == "TAX-2")
            var disallowed = calendar.recordSales([
                Self.old.sale(of: shares(100), at: price("150"), on: Self.runDate),  // a $5,000 loss
                kept.sale(of: shares(40), at: price("150"), on: Self.runDate),       // a gain, never listed
            ], on: Self.runDate)
            disallowed += calendar.recordBuy(account: "TAX-1", symbol: "GOOGL", quantity: shares(10),
                                             cost: usd("1500"), on: Self.runDate).compactMap(\.disallowedLoss)
            return disallowed
        }
        var full = Smith.calendar(lots: lots, transactions: transactions)
        var pruned = WashSaleCalendar(household: "Smith", accounts: Smith.accounts, families: Smith.families,
                                      windowDays: 30, lots: lots, transactions: transactions, runDate: Self.runDate)
        let fullDisallowed = run(&full)
        // NEW's 20 shares take $1,000 of OLD's $5,000 loss; the run's buy of 10 takes $500 more.
        #expect(fullDisallowed == [usd("1000"), .zero, usd("500")])
        #expect(run(&pruned) == fullDisallowed)
        #expect(pruned.records == full.records)
        // The 2026-01-05 sale is matched to REPL's 30 shares, not to the shares it sold.
        #expect(full.records.rows(.lossSale).first?.note.contains("30 shares bought within 30 days") == true)
    }
}

extension WashSaleReplacementTests {
    @Test("A later pass's cent of loss on a lot the trade sells at a gain disallows nothing: the row has no loss")
    func aCentOfLossInARowOfGain() throws {
        // Generated book g276 of the independent check: Raise Cash sells MMM-17 (a gain of
        // $39.45 a share) in passes; one pass's share of the row's rounded proceeds and basis
        // is a cent of loss, and AC3's MMM bought eight days ago would have matched it.
        var book = BookBuilder()
        book.settings.fractionalShares = true
        book.account("AC1", household: "H1", cash: "9083.69", cashTarget: "0.01", withdrawal: "20000")
        book.account("AC3", household: "H1", cashTarget: "0.01")
        book.hold("MMM-17", "MMM", 177, basis: "41963.80", acquired: "2026-01-29")
        book.hold("FFF-14", "FFF", 115, basis: "10845", acquired: "2020-11-17")
        book.hold("FFF-16", "FFF", 165, basis: "9057", acquired: "2023-07-26")
        book.hold("RRR-11", "RRR", 17, basis: "246", acquired: "2022-01-17")
        book.hold("RRR-21", "RRR", quantity: "56.45", basis: "421", acquired: "2025-11-21")
        book.hold("RRR-32", "RRR", 10, basis: "128", acquired: "2023-01-23")
        book.hold("MMM-22", "MMM", 101, basis: "26245", acquired: "2026-11-12", account: "AC3")
        book.target("MMM", "0.7834")
        book.target("RRR", "0.1866")
        book.manual("AC1", "FFF", .buy, 28)
        book.prices = ["FFF": "81.87", "MMM": "276.53", "RRR": "11.50"]
        let plan = try book.plan()
        let row = try #require(plan.lotsSold.first { $0.lotID == "MMM-17" })
        #expect(row.quantity == Quantity(decimal: "49.0431"))
        #expect(row.gain == usd("1934.57"))
        #expect(row.disallowedLoss == .zero)
        #expect(plan.lotsSold.allSatisfy { $0.disallowedLoss <= .zero - $0.gain || $0.disallowedLoss == .zero })
    }
}

extension WashSaleReplacementTests {
    @Test("A manual buy disallows loss × its matched shares / sold, whatever matched the sale before the run")
    func manualBuyAddBackIsItsOwnProportion() throws {
        // A sold 3 X at a $10.00 loss; B's share bought 2026-11-01 already replaces one. B's
        // manual buy of one more disallows $10.00 × 1 / 3 = $3.33 (not $6.67 − $3.33 = $3.34).
        var book = BookBuilder()
        book.account("A", household: "H", ytdST: "1000")
        book.account("B", type: .ira, household: "H", cash: "100")
        book.hold("A1", "Y", 10, basis: "1000", acquired: "2020-01-06")
        book.hold("B1", "X", 1, basis: "10", acquired: "2026-11-01", account: "B")
        book.transaction("A", "2026-11-05", "X", .sell, quantity: 3, price: "10", gain: "-10")
        book.manual("B", "X", .buy, 1)
        book.target("Y", "0.99")
        book.prices = ["X": "10", "Y": "100"]
        let plan = try book.plan()
        let disallowed = plan.washSales.filter { $0.action == .disallowed }
        #expect(disallowed.map(\.disallowedLoss) == [usd("3.33")])
        #expect(plan.tax("A")?.shortTermAddedBack == usd("3.33"))
    }
}
