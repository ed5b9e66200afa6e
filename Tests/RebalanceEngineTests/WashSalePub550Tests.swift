import Testing
import RebalanceEngine

@Suite("Disallowed losses: Pub 550's examples and the proportion rule (26 USC 1091(a), (d))")
struct WashSalePub550Tests {
    static let runDate = date("2026-03-02")

    @Test("Pub 550: 100 shares bought for $1,000, sold for $750, 100 bought back for $800: $250 disallowed, basis $1,050")
    func pub550ForcedSale() {
        let original = lot("ORIG", account: "TAX-1", shares: 100, basis: "1000", acquired: "2025-06-02")
        let replacement = lot("BACK", account: "TAX-1", shares: 100, basis: "800", acquired: "2026-02-20")
        var calendar = Smith.calendar(lots: [original, replacement])
        #expect(calendar.lossSaleBlock(for: original, on: Self.runDate) != nil)

        // Raise Cash forces the blocked lot.
        let sale = original.sale(of: shares(100), at: price("7.50"), on: Self.runDate)
        #expect(sale.gain == usd("-250"))
        let disallowed = calendar.recordSales([sale], on: Self.runDate)
        #expect(disallowed == [usd("250")])

        var ledger = taxedLedger(ytdST: "1000")
        #expect(ledger.record(sale, disallowedLoss: disallowed[0]) == .zero)
        #expect(ledger.shortTermLosses == .zero)
        #expect(ledger.disallowedLoss == usd("250"))

        #expect(calendar.records.map(\.action) == [.lossSale, .disallowed])
        let row = calendar.records[1]
        #expect(row.account == "TAX-1")
        #expect(row.conflictDate == date("2026-02-20"))
        #expect(row.windowEnds == date("2026-04-01"))
        #expect(row.disallowedLoss == usd("250"))
        let adjustment = row.replacement
        #expect(adjustment?.basisBefore == usd("800"))
        #expect(adjustment?.basisAfter == usd("1050"))
        #expect(adjustment?.holdingPeriodFrom == date("2025-06-02"))
        #expect(adjustment?.isLost == false)
        #expect(row.note == "$250.00 of the $250.00 loss on 100 XYZ (lot ORIG) is disallowed: 100 replacement "
                + "shares of XYZ bought 2026-02-20 in TAX-1. It moves into their basis ($800.00 to $1,050.00) "
                + "and the sold shares' holding period into theirs (from 2025-06-02) (26 USC 1091(d), 1223(3)).")
    }

    @Test("Pub 550: a $1,000 loss on 100 shares with 75 replacement shares: $750 disallowed")
    func pub550PartialForcedSale() {
        let original = lot("ORIG", account: "TAX-1", shares: 100, basis: "3000", acquired: "2025-06-02")
        let replacement = lot("BACK", account: "TAX-2", shares: 75, basis: "1500", acquired: "2026-02-25")
        var calendar = Smith.calendar(lots: [original, replacement])
        let sale = original.sale(of: shares(100), at: price("20"), on: Self.runDate)
        #expect(sale.gain == usd("-1000"))
        let disallowed = calendar.recordSales([sale], on: Self.runDate)
        #expect(disallowed == [usd("750")])
        var ledger = taxedLedger(ytdST: "5000")
        ledger.record(sale, disallowedLoss: disallowed[0])
        #expect(ledger.shortTermLosses == usd("250"))
        #expect(calendar.records.rows(.disallowed).first?.replacement?.basisAfter == usd("2250"))
    }

    @Test("Pub 550 through a manual buy: the Transactions loss is disallowed and added back", arguments: [
        (Int64(100), "-250", "250", "800", "1050"),    // the whole loss, basis $800 + $250
        (Int64(75), "-1000", "750", "600", "1350"),    // 75 of 100 shares: $750 of the $1,000
    ])
    func pub550ManualBuy(boughtShares: Int64, loss: String, disallowed: String, cost: String, basisAfter: String) {
        var calendar = Smith.calendar(transactions: [
            sold("TAX-1", "XYZ", on: "2026-02-20", shares: 100, gain: loss),
        ])
        let result = calendar.recordBuy(account: "TAX-2", symbol: "XYZ", quantity: shares(boughtShares),
                                        cost: usd(cost), on: Self.runDate)
        #expect(result == [WashSaleDisallowance(
            sellingAccount: "TAX-1", symbol: "XYZ", saleDate: date("2026-02-20"), term: .shortTerm,
            matchedShares: shares(boughtShares), disallowedLoss: usd(disallowed), missingColumns: [])])
        let row = calendar.records.rows(.disallowed)[0]
        #expect(row.account == "TAX-1")
        #expect(row.conflictAccount == "TAX-2")
        #expect(row.conflictDate == Self.runDate)
        #expect(row.windowEnds == date("2026-03-22"))
        #expect(row.replacement?.basisBefore == usd(cost))
        #expect(row.replacement?.basisAfter == usd(basisAfter))
        #expect(row.replacement?.holdingPeriodFrom == nil)   // Transactions do not say when the sold shares were bought

        // The selling account's ledger takes the loss back.
        var ledger = taxedLedger(ytdST: loss, ytdLT: "2000")
        let estTax = ledger.addBack(disallowedLoss: result[0].disallowedLoss!, term: result[0].term)
        #expect(ledger.netShortTerm == usd(loss) + usd(disallowed))
        #expect(estTax == ledger.impact)
    }

    @Test("A manual buy of an earlier run loss moves the holding period: sold lot's date plus the gap")
    func holdingPeriodAfterRunSale() {
        let original = lot("ORIG", account: "TAX-1", shares: 100, basis: "1000", acquired: "2025-06-02")
        var calendar = Smith.calendar(lots: [original])
        calendar.recordSales([original.sale(of: shares(100), at: price("7.5"), on: date("2026-02-20"))],
                             on: date("2026-02-20"))
        let result = calendar.recordBuy(account: "TAX-1", symbol: "XYZ", quantity: shares(100),
                                        cost: usd("800"), on: Self.runDate)
        #expect(result.map(\.disallowedLoss) == [usd("250")])
        #expect(result.map(\.term) == [.shortTerm])
        // Held 263 days; bought back 10 days after the sale.
        #expect(calendar.records.rows(.disallowed)[0].replacement?.holdingPeriodFrom == date("2025-06-12"))
    }

    @Test("A replacement in an IRA loses the loss (Rev. Rul. 2008-5)")
    func iraReplacement() {
        let original = lot("ORIG", account: "TAX-1", symbol: "GOOG", shares: 100, basis: "20000",
                           acquired: "2025-06-02")
        let ira = lot("IRA-BUY", account: "IRA-1", symbol: "GOOGL", shares: 100, basis: "15000",
                      acquired: "2026-02-27")
        var calendar = Smith.calendar(lots: [original, ira])
        let disallowed = calendar.recordSales(
            [original.sale(of: shares(100), at: price("150"), on: Self.runDate)], on: Self.runDate)
        #expect(disallowed == [usd("5000")])
        let adjustment = calendar.records.rows(.disallowed)[0].replacement
        #expect(adjustment?.isLost == true)
        #expect(adjustment?.basisAfter == nil)
        #expect(adjustment?.holdingPeriodFrom == nil)
        #expect(calendar.records.rows(.disallowed)[0].note.hasSuffix(
            "IRA-1 is untaxed, so the loss is lost, not added to basis (Rev. Rul. 2008-5)."))
    }

    @Test("A disallowed loss split over replacements adds up exactly")
    func splitAddsUp() {
        let sold = lot("SOLD", account: "TAX-1", shares: 3, basis: "400", acquired: "2025-06-02")
        let replacements = (1...3).map { index in
            lot("R\(index)", account: "TAX-2", shares: 1, basis: "100", acquired: "2026-02-1\(index)")
        }
        var calendar = Smith.calendar(lots: [sold] + replacements)
        let disallowed = calendar.recordSales([sold.sale(of: shares(3), at: price("100"), on: Self.runDate)],
                                              on: Self.runDate)
        #expect(disallowed == [usd("100")])
        let parts = calendar.records.rows(.disallowed).compactMap(\.disallowedLoss)
        #expect(parts == [usd("33.33"), usd("33.34"), usd("33.33")])
        #expect(parts.sum() == usd("100"))
    }

    @Test("A Transactions row without Quantity or Realized Gain needs approval", arguments: [
        (Int64?.none, "-250", ["Quantity"], Quantity?.none),
        (Int64(100), nil, ["Realized Gain"], Quantity(shares: 100)),
        (nil, nil, ["Quantity", "Realized Gain"], nil),
    ] as [(Int64?, String?, [String], Quantity?)])
    func missingColumns(quantity: Int64?, gain: String?, missing: [String], matched: Quantity?) {
        var calendar = Smith.calendar(transactions: [
            sold("TAX-1", "XYZ", on: "2026-02-20", shares: quantity, gain: gain, term: .longTerm),
        ])
        let result = calendar.recordBuy(account: "IRA-1", symbol: "XYZ", quantity: shares(100),
                                        cost: usd("800"), on: Self.runDate)
        #expect(result.count == 1)
        #expect(result.first?.disallowedLoss == nil)
        #expect(result.first?.missingColumns == missing)
        #expect(result.first?.matchedShares == matched)
        #expect(result.first?.term == .longTerm)
        #expect(calendar.records.rows(.disallowed).first?.note.contains("needs approval") == true)
    }

    @Test("A buy used up by one sale still needs approval for a sale of that day without Quantity, not of a later day")
    func sameDaySaleWithoutQuantity() {
        // From small book 20076: three loss sales of one day, the one without Quantity listed
        // second; the buy's 35 shares are all matched to the first, but the day's sales come
        // in no known order, so the buy may replace the one whose loss cannot be known.
        var calendar = Smith.calendar(transactions: [
            sold("TAX-1", "XYZ", on: "2026-02-20", shares: 66, gain: "-1861.02"),
            sold("TAX-1", "XYZ", on: "2026-02-20", shares: nil, gain: "-275.16"),
            sold("TAX-1", "XYZ", on: "2026-02-20", shares: 78, gain: "-4563.36"),
            sold("TAX-1", "XYZ", on: "2026-02-25", shares: nil, gain: "-100"),
        ])
        let result = calendar.recordBuy(account: "TAX-1", symbol: "XYZ", quantity: shares(35),
                                        cost: usd("750"), on: Self.runDate)
        #expect(result.map(\.matchedShares) == [shares(35), nil])
        #expect(result.map(\.disallowedLoss) == [usd("986.90"), nil])
        #expect(result.map(\.missingColumns) == [[], ["Quantity"]])
        #expect(result.map(\.saleDate) == [date("2026-02-20"), date("2026-02-20")])
    }

    @Test("Later buys match only the sold shares still unmatched")
    func successiveBuys() {
        var calendar = Smith.calendar(transactions: [
            sold("TAX-1", "XYZ", on: "2026-02-20", shares: 100, gain: "-1000"),
        ])
        let buy = { (calendar: inout WashSaleCalendar, count: Int64) in
            calendar.recordBuy(account: "TAX-2", symbol: "XYZ", quantity: shares(count),
                               cost: usd("100"), on: Self.runDate).compactMap(\.disallowedLoss)
        }
        #expect(buy(&calendar, 30) == [usd("300")])
        #expect(buy(&calendar, 100) == [usd("700")])
        #expect(buy(&calendar, 10) == [])
    }

    @Test("A buy matches the earliest loss sale first")
    func earliestSaleFirst() {
        var calendar = Smith.calendar(transactions: [
            sold("TAX-2", "GOOG", on: "2026-02-20", shares: 50, gain: "-1000"),
            sold("TAX-1", "GOOGL", on: "2026-02-10", shares: 50, gain: "-500"),
        ])
        let result = calendar.recordBuy(account: "TAX-1", symbol: "GOOG", quantity: shares(60),
                                        cost: usd("9000"), on: Self.runDate)
        #expect(result.map(\.sellingAccount) == ["TAX-1", "TAX-2"])
        #expect(result.map(\.matchedShares) == [shares(50), shares(10)])
        #expect(result.map(\.disallowedLoss) == [usd("500"), usd("200")])
    }

    @Test("Earliest sale first holds when a Transactions sale is dated after the run's loss sale")
    func earliestSaleFirstAcrossSources() {
        let held = lot("OLD", account: "TAX-2", shares: 50, basis: "5000", acquired: "2021-04-01")
        var calendar = Smith.calendar(lots: [held], transactions: [
            sold("TAX-1", "XYZ", on: "2026-03-05", shares: 50, gain: "-400"),
        ])
        calendar.recordSales([held.sale(of: shares(50), at: price("90"), on: Self.runDate)], on: Self.runDate)
        let result = calendar.recordBuy(account: "IRA-1", symbol: "XYZ", quantity: shares(60),
                                        cost: usd("5400"), on: Self.runDate)
        #expect(result.map(\.saleDate) == [Self.runDate, date("2026-03-05")])
        #expect(result.map(\.disallowedLoss) == [usd("500"), usd("80")])
    }

    @Test("Successive disallowances of one loss round on the running total")
    func runningRounding() {
        var calendar = Smith.calendar(transactions: [
            sold("TAX-1", "XYZ", on: "2026-02-20", shares: 3, gain: "-100"),
        ])
        var parts: [Money] = []
        for _ in 0..<3 {
            parts += calendar.recordBuy(account: "TAX-1", symbol: "XYZ", quantity: shares(1), cost: usd("30"),
                                        on: Self.runDate).compactMap(\.disallowedLoss)
        }
        #expect(parts == [usd("33.33"), usd("33.34"), usd("33.33")])
    }
}
