import Testing
import RebalanceEngine

@Suite("Wash-sale windows block buys (26 USC 1091(a))")
struct WashSaleWindowTests {
    /// A GOOGL loss sale in TAX-1 on 2026-02-13.
    static let calendar = Smith.calendar(transactions: [
        sold("TAX-1", "GOOGL", on: "2026-02-13", shares: 50, gain: "-1200"),
    ])

    @Test("A loss sale on 2026-02-13 blocks the family through 2026-03-15 in every household account", arguments: [
        ("TAX-1", "GOOGL", "2026-02-13", true),   // the sale's own day
        ("TAX-2", "GOOG", "2026-03-15", true),    // day 30, another family member, another account
        ("IRA-1", "GOOG", "2026-03-15", true),    // IRAs too
        ("TAX-1", "GOOGL", "2026-03-16", false),  // day 31 is free
        ("IRA-1", "GOOGL", "2026-03-16", false),
        ("TAX-1", "XYZ", "2026-02-20", false),    // another family
        ("TAX-1", "GOOG", "2026-02-12", false),   // the day before the sale
    ])
    func buyWindow(account: String, symbol: String, day: String, blocked: Bool) {
        let block = Self.calendar.buyBlock(account: account, symbol: symbol, on: date(day))
        #expect((block != nil) == blocked)
        if let block {
            #expect(block.action == .buyBlocked)
            #expect(block.account == account)
            #expect(block.household == "Smith")
            #expect(block.symbol == symbol)
            #expect(block.family.description == "GOOG, GOOGL")
            #expect(block.conflictDate == date("2026-02-13"))
            #expect(block.conflictAccount == "TAX-1")
            #expect(block.windowEnds == date("2026-03-15"))
            #expect(block.note.contains("through 2026-03-15"))
        }
    }

    @Test("Only a loss sale in a taxed account opens a window", arguments: [
        ("TAX-1", "-100", true), ("TAX-2", nil, true), ("IRA-1", "-100", false),
        ("TAX-1", "100", false), ("TAX-1", "0", false),
    ] as [(String, String?, Bool)])
    func whatOpensAWindow(account: String, gain: String?, opens: Bool) {
        let calendar = Smith.calendar(transactions: [sold(account, "XYZ", on: "2026-02-20", shares: 10, gain: gain)])
        #expect((calendar.buyBlock(account: "IRA-1", symbol: "XYZ", on: date("2026-03-02")) != nil) == opens)
        let listed = calendar.records.rows(.lossSale)
        #expect(listed.count == (opens ? 1 : 0))
        if let row = listed.first {
            #expect(row.windowEnds == date("2026-03-22"))
            #expect(row.conflictDate == date("2026-02-20"))
            #expect(row.quantity == shares(10))
            #expect(row.loss == gain.map(usd)?.magnitude)
            #expect(row.note.contains("through 2026-03-22"))
            if gain == nil { #expect(row.note.contains("Realized Gain is blank")) }
        }
    }

    @Test("A loss sale earlier in the run opens a window; a gain or an IRA loss does not", arguments: [
        ("TAX-1", "80", true), ("TAX-1", "120", false), ("IRA-1", "80", false),
    ])
    func runSalesOpenWindows(account: String, salePrice: String, opens: Bool) {
        let held = lot("OLD", account: account, symbol: "GOOG", shares: 10, basis: "1000", acquired: "2020-05-01")
        var calendar = Smith.calendar(lots: [held])
        let sale = held.sale(of: shares(10), at: price(salePrice), on: date("2026-03-02"))
        let disallowed = calendar.recordSales([sale], on: date("2026-03-02"))
        #expect(disallowed == [.zero])
        let block = calendar.buyBlock(account: "TAX-2", symbol: "GOOGL", on: date("2026-03-02"))
        #expect((block != nil) == opens)
        #expect(block?.windowEnds == (opens ? date("2026-04-01") : nil))
        #expect(calendar.records.rows(.lossSale).count == (opens ? 1 : 0))
        if opens {
            let row = calendar.records.rows(.lossSale)[0]
            #expect(row.lotID == "OLD")
            #expect(row.loss == usd("200"))
            #expect(row.note == "Loss of $200.00 on 10 GOOG (lot OLD) sold 2026-03-02; "
                    + "no buy of GOOG, GOOGL in the household through 2026-04-01.")
        }
    }

    @Test("Of several windows, the one ending last is named")
    func latestWindowNamed() {
        let calendar = Smith.calendar(transactions: [
            sold("TAX-2", "GOOG", on: "2026-02-25", shares: 5, gain: "-50"),
            sold("TAX-1", "GOOGL", on: "2026-02-13", shares: 5, gain: "-50"),
        ])
        let block = calendar.buyBlock(account: "TAX-1", symbol: "GOOG", on: date("2026-03-02"))
        #expect(block?.conflictAccount == "TAX-2")
        #expect(block?.windowEnds == date("2026-03-27"))
        // The Loss Sale rows are listed earliest sale first.
        #expect(calendar.records.map(\.conflictDate) == [date("2026-02-13"), date("2026-02-25")])
    }

    @Test("Accounts outside the household neither open windows nor replace")
    func otherHouseholds() {
        let calendar = Smith.calendar(
            lots: [lot("NEIGHBOUR", account: "JONES-1", symbol: "XYZ", shares: 10, basis: "10",
                       acquired: "2026-02-25"),
                   lot("OLD", account: "TAX-1", symbol: "XYZ", shares: 10, basis: "1000", acquired: "2020-01-02")],
            transactions: [sold("JONES-1", "XYZ", on: "2026-02-20", shares: 10, gain: "-100")])
        #expect(calendar.buyBlock(account: "TAX-1", symbol: "XYZ", on: date("2026-03-02")) == nil)
        let old = lot("OLD", account: "TAX-1", symbol: "XYZ", shares: 10, basis: "1000", acquired: "2020-01-02")
        #expect(calendar.lossSaleBlock(for: old, on: date("2026-03-02")) == nil)
        #expect(calendar.records.isEmpty)
    }

    @Test("A block the phase acts on is logged")
    func logsBlocks() {
        var calendar = Self.calendar
        let block = calendar.buyBlock(account: "IRA-1", symbol: "GOOG", on: date("2026-03-02"))!
        calendar.log(block)
        #expect(calendar.records.last == block)
        #expect(calendar.records.map(\.action) == [.lossSale, .buyBlocked])
    }

    @Test("Families come from Identical Groups")
    func families() {
        #expect(Smith.families.areIdentical("GOOG", "GOOGL"))
        #expect(!Smith.families.areIdentical("GOOG", "XYZ"))
        #expect(Smith.families.family(of: "XYZ").members == ["XYZ"])
        #expect(Smith.families.family(of: "XYZ").identicalGroup == nil)
        #expect(Smith.families.family(of: "GOOGL").identicalGroup == "Alphabet")
    }
}
