import Testing
@testable import RebalanceEngine

@Suite("A lot a trade relieves in several passes keeps one Lots Sold row, figured as one sale")
struct TradePassTests {
    /// One account holding 7 XYZ bought for $100.00, priced $10.005.
    static func planning() throws -> Planning {
        var book = BookBuilder()
        book.account("TAX-1")
        book.hold("L1", "XYZ", 7, basis: "100", acquired: "2020-01-02")
        book.target("XYZ", "1")
        book.prices = ["XYZ": "10.005"]
        return try Planning(book.portfolio)
    }

    @Test("Pieces of one size sold in one stage each keep their Audit Log row; a repeated skip is one row")
    func repeatedPiecesKeepTheirRows() throws {
        var planning = try Self.planning()
        let sold: Sentence = "2 XYZ sold for $20.01: pro rata by market value."
        let skipped: Sentence = "A sale of XYZ for the cash target would be under $100.00."
        for _ in 0..<2 {
            planning.audit(.raiseCash, "TAX-1", "XYZ", rule: "Cash Target", decision: "Sold", sold)
            planning.audit(.raiseCash, "TAX-1", "XYZ", rule: "Min Trade", decision: "Skipped", skipped)
        }
        planning.audit(.raiseCash, "TAX-1", "XYZ", rule: "Cash Target", decision: "Sold", sold)
        // Three sales of 2 shares are 6 shares sold: each its row, the later ones said to be.
        // The same skip said twice tells the PM nothing more.
        #expect(planning.auditLog.map(\.decision) == ["Sold", "Skipped", "Sold", "Sold"])
        #expect(planning.auditLog.filter { $0.decision == "Sold" }.map(\.detail) == [
            "2 XYZ sold for $20.01: pro rata by market value.",
            "2 XYZ sold for $20.01: pro rata by market value. Piece 2 of this size.",
            "2 XYZ sold for $20.01: pro rata by market value. Piece 3 of this size.",
        ])
    }

    @Test("Two passes of one share each: proceeds and basis of 2 of 7 shares, rounded once")
    func twoPasses() throws {
        var planning = try Self.planning()
        for _ in 0..<2 {
            let outcome = try planning.sell("XYZ", upTo: shares(1), in: 0, phase: .raiseCash, access: .unblocked,
                                            budget: nil, why: "raises cash")
            #expect(outcome.quantity == shares(1))
        }
        // One sale of 2 shares: 2 × $10.005 = $20.01; basis $100 × 2 / 7 = $28.57. Rounded
        // pass by pass they were $10.01 + $10.01 and $14.29 + $14.29 ($85.71 × 1 / 6).
        #expect(planning.lotsSold.count == 1)
        let row = try #require(planning.lotsSold.first)
        #expect(row.quantity == shares(2))
        #expect(row.proceeds == usd("20.01"))
        #expect(row.costBasis == usd("28.57"))
        #expect(row.gain == usd("-8.56"))
        #expect(planning.trades.map(\.amount) == [usd("20.01")])
        #expect(planning.books[0].cash == usd("20.01"))
        // What stays of the lot keeps the rest of the basis: the two parts add back to $100.
        let rest = planning.books[0].lots(of: "XYZ")
        #expect(rest.map(\.quantity) == [shares(5)])
        #expect(rest.map(\.costBasis) == [usd("71.43")])

        // A third pass that sells the rest: the row is the whole lot, at its whole basis.
        _ = try planning.sell("XYZ", upTo: shares(5), in: 0, phase: .raiseCash, access: .unblocked,
                              budget: nil, why: "raises cash")
        #expect(planning.lotsSold.map(\.quantity) == [shares(7)])
        #expect(planning.lotsSold.map(\.proceeds) == [usd("70.04")])   // 7 × 10.005 = 70.035
        #expect(planning.lotsSold.map(\.costBasis) == [usd("100")])
        #expect(planning.books[0].lots(of: "XYZ").isEmpty)
    }

    @Test("A sale in another phase is a trade of its own, figured from the lot it finds")
    func anotherPhase() throws {
        var planning = try Self.planning()
        _ = try planning.sell("XYZ", upTo: shares(1), in: 0, phase: .raiseCash, access: .unblocked,
                              budget: nil, why: "raises cash")
        _ = try planning.sell("XYZ", upTo: shares(1), in: 0, phase: .rebalance, access: .unblocked,
                              budget: nil, why: "rebalances")
        #expect(planning.lotsSold.map(\.proceeds) == [usd("10.01"), usd("10.01")])
        #expect(planning.lotsSold.map(\.costBasis) == [usd("14.29"), usd("14.29")])   // $85.71 × 1 / 6
    }

    @Test("Two buys of one trade cost one purchase of their total: 2 × $10.004 is $20.01, not $10.00 twice")
    func buysOfOneTrade() throws {
        var book = BookBuilder()
        book.account("TAX-1", cash: "100")
        book.target("XYZ", "1")
        book.prices = ["XYZ": "10.004"]
        var planning = try Planning(book.portfolio)
        try planning.buy("XYZ", quantity: shares(1), in: 0, phase: .rebalance, why: "buys")
        try planning.buy("XYZ", quantity: shares(1), in: 0, phase: .rebalance, why: "buys")
        #expect(planning.trades.map(\.quantity) == [shares(2)])
        #expect(planning.trades.map(\.amount) == [usd("20.01")])
        #expect(planning.books[0].cash == usd("79.99"))
        // The two lots bought hold the trade's amount between them.
        #expect(planning.books[0].lots(of: "XYZ").map(\.costBasis) == [usd("10.00"), usd("10.01")])
    }

    @Test("A buy keeps its own price where the cent more of the trade's is not in cash", arguments: [
        ("20.00", "20.00", "0.00"), ("20.01", "20.01", "0.00"),
    ])
    func buyWithoutTheCent(cash: String, amount: String, left: String) throws {
        var book = BookBuilder()
        book.account("TAX-1", cash: cash)
        book.target("XYZ", "1")
        book.prices = ["XYZ": "10.004"]
        var planning = try Planning(book.portfolio)
        try planning.buy("XYZ", quantity: shares(1), in: 0, phase: .rebalance, why: "buys")
        try planning.buy("XYZ", quantity: shares(1), in: 0, phase: .rebalance, why: "buys")
        #expect(planning.trades.map(\.amount) == [usd(amount)])
        #expect(planning.books[0].cash == usd(left))
    }

    /// A lot sold in two passes of one trade, one pass at no gain: the row, as one sale, loses
    /// a few cents, all in the other pass. From generated firm books: 128 UAN bought for
    /// $14,450.07, priced $112.89, sold 127 then 1 (the first pass took the whole $0.15 loss,
    /// the last share none; book 33); 1 NWQ bought for $197.68, priced $197.67, sold 0.478 then
    /// 0.522 (the first pass neither gained nor lost, $94.49 − $94.49, the second took the
    /// cent; book 35).
    struct PassAtNoGain: Sendable, CustomTestStringConvertible {
        let symbol: String
        let shares: Int64
        let basis: String
        let price: String
        let passes: [String]
        let loss: String

        var testDescription: String { "\(passes.joined(separator: " then ")) of \(shares) \(symbol)" }
    }

    @Test("A pass without a loss of its own counts on the lot's Loss Sale row, before or after the loss", arguments: [
        PassAtNoGain(symbol: "UAN", shares: 128, basis: "14450.07", price: "112.89", passes: ["127", "1"], loss: "0.15"),
        PassAtNoGain(symbol: "NWQ", shares: 1, basis: "197.68", price: "197.67", passes: ["0.478", "0.522"], loss: "0.01"),
    ])
    func aPassAtNoGainCountsOnItsLotsLossSaleRow(_ lot: PassAtNoGain) throws {
        var book = BookBuilder()
        book.settings.fractionalShares = true
        book.account("TAX-1")
        book.hold("L1", lot.symbol, lot.shares, basis: lot.basis, acquired: "2014-07-10")
        book.target(lot.symbol, "1")
        book.prices = [lot.symbol: lot.price]
        var planning = try Planning(book.portfolio)
        for part in lot.passes {
            _ = try planning.sell(lot.symbol, upTo: Quantity(decimal: part)!, in: 0, phase: .raiseCash,
                                  access: .unblocked, budget: nil, why: "raises cash")
        }
        let row = try #require(planning.lotsSold.first)
        #expect(row.quantity == shares(lot.shares))
        #expect(row.gain == usd("-" + lot.loss))
        let lossSales = planning.calendars[0].records.rows(.lossSale)
        #expect(lossSales.count == 1)
        #expect(lossSales.first?.quantity == shares(lot.shares))
        #expect(lossSales.first?.loss == usd(lot.loss))
        #expect(lossSales.first?.note.hasPrefix("Loss of $\(lot.loss) on \(lot.shares) \(lot.symbol) (lot L1) sold ") == true)
    }

    /// Generated `larger` book 23: 147.1042 and then 0.0003 of 293.1255 EGSL bought for
    /// $111,948.44, priced $377.01. The row loses $721.25; the first pass $721.26, so the
    /// second, a rounding's cent, gained $0.01, and was counted among the gains.
    @Test("A lot's row relieved in two passes is one sale on the Tax Impact sheet: a loss, not a loss and a gain")
    func aRowIsOneSaleOnTheLedger() throws {
        var book = BookBuilder()
        book.settings.fractionalShares = true
        book.account("TAX-1")
        book.hold("L1", "EGSL", quantity: "293.1255", basis: "111948.44", acquired: "2017-06-07")
        book.target("EGSL", "1")
        book.prices = ["EGSL": "377.01"]
        var planning = try Planning(book.portfolio)
        for part in ["147.1042", "0.0003"] {
            _ = try planning.sell("EGSL", upTo: Quantity(decimal: part)!, in: 0, phase: .raiseCash,
                                  access: .unblocked, budget: nil, why: "raises cash")
        }
        #expect(planning.lotsSold.map(\.gain) == [usd("-721.25")])
        let ledger = planning.books[0].ledger
        #expect(ledger.longTermGains == .zero)
        #expect(ledger.longTermLosses == usd("721.25"))
        #expect(planning.trades.first?.realizedLongTerm == usd("-721.25"))
    }

    @Test("A later phase's piece of a loss lot, at no gain, is its own sale, not on the lot's Loss Sale row")
    func aLaterPhasesPieceAtNoGainIsNoLossSale() throws {
        // As generated firm book 42's SUH lot L62: one phase sells 127 of 128 UAN at a loss of
        // $0.15, a later phase the last share at no gain ($112.89 for $112.89): two trades,
        // two Lots Sold rows, and the Loss Sale row speaks of the 127 shares sold at the loss.
        var book = BookBuilder()
        book.account("TAX-1")
        book.hold("L1", "UAN", 128, basis: "14450.07", acquired: "2014-07-10")
        book.target("UAN", "1")
        book.prices = ["UAN": "112.89"]
        var planning = try Planning(book.portfolio)
        for (part, phase) in [(shares(127), Phase.raiseCash), (shares(1), .rebalance)] {
            _ = try planning.sell("UAN", upTo: part, in: 0, phase: phase, access: .unblocked, budget: nil, why: "sells")
        }
        #expect(planning.lotsSold.map(\.quantity) == [shares(127), shares(1)])
        #expect(planning.lotsSold.map(\.gain) == [usd("-0.15"), .zero])
        let lossSales = planning.calendars[0].records.rows(.lossSale)
        #expect(lossSales.map(\.quantity) == [shares(127)])
        #expect(lossSales.first?.note.hasPrefix("Loss of $0.15 on 127 UAN (lot L1) sold ") == true)
    }

    @Test("A later trade's piece at no gain before its loss piece joins the lot's Loss Sale row with it")
    func aLaterTradesPieceAtNoGainJoinsItsLossPiece() throws {
        // As generated firm book 43's GPV lot L55: one phase sells 2 of 3 NWQ at a loss of
        // $0.02; a later phase's trade sells the last share in two passes, 0.478 at no gain
        // ($94.49 for $94.49) and then 0.522 at a loss of $0.01. That trade's Lots Sold row
        // sells the share at the $0.01 loss, and the lot's Loss Sale row counts all 3 shares.
        var book = BookBuilder()
        book.settings.fractionalShares = true
        book.account("TAX-1")
        book.hold("L1", "NWQ", 3, basis: "593.04", acquired: "2014-07-10")
        book.target("NWQ", "1")
        book.prices = ["NWQ": "197.67"]
        var planning = try Planning(book.portfolio)
        for (part, phase) in [("2", Phase.raiseCash), ("0.478", .rebalance), ("0.522", .rebalance)] {
            _ = try planning.sell("NWQ", upTo: Quantity(decimal: part)!, in: 0, phase: phase, access: .unblocked,
                                  budget: nil, why: "sells")
        }
        #expect(planning.lotsSold.map(\.quantity) == [shares(2), shares(1)])
        #expect(planning.lotsSold.map(\.gain) == [usd("-0.02"), usd("-0.01")])
        let lossSales = planning.calendars[0].records.rows(.lossSale)
        #expect(lossSales.map(\.quantity) == [shares(3)])
        #expect(lossSales.first?.loss == usd("0.03"))
    }

    /// The book's first account sells `symbol` in one Raise Cash trade of two passes: `first`
    /// shares with blocked loss lots forced, then `second` more.
    static func soldInTwoPasses(_ book: BookBuilder, _ symbol: String, _ first: Quantity, _ second: Quantity) throws -> Planning {
        var planning = try Planning(book.portfolio)
        for (part, access) in [(first, LotAccess.forcedBlocked), (second, .unblocked)] {
            _ = try planning.sell(symbol, upTo: part, in: 0, phase: .raiseCash, access: access, budget: nil, why: "raises cash")
        }
        return planning
    }

    @Test("A lot's row sold in two passes disallows its loss × matched / shares as one sale")
    func aTwoPassLotsDisallowedLossIsItsRowsProportion() throws {
        // From generated firm book 35: 169 CYX bought for $15,951.65, priced $65.14, with 23
        // CYX bought in the household's IRA within the window. Sold 162.3551 (forced) and then
        // 6.6449 in one trade: the first pass matches all 23 replacement shares, $4,748.64 ×
        // 23 / 162.3551 = $672.72 of its loss; the row, as one sale, loses $4,942.99 on 169
        // shares, and 23 of them disallow $672.71. The second pass gives the cent back.
        var book = BookBuilder()
        book.settings.fractionalShares = true
        book.account("TAX-1")
        book.account("IRA-1", type: .ira)
        book.hold("L1", "CYX", 169, basis: "15951.65", acquired: "2016-10-16")
        book.hold("R1", "CYX", 23, basis: "1500", acquired: "2026-11-01", account: "IRA-1")
        book.target("CYX", "1")
        book.prices = ["CYX": "65.14"]
        let planning = try Self.soldInTwoPasses(book, "CYX", Quantity(decimal: "162.3551")!, Quantity(decimal: "6.6449")!)
        let row = try #require(planning.lotsSold.first)
        #expect(planning.lotsSold.count == 1)
        #expect(row.quantity == shares(169))
        #expect(row.gain == usd("-4942.99"))
        #expect(row.disallowedLoss == usd("672.71"))
        #expect(planning.trades.first?.realizedLongTerm == usd("-4270.28"))
        #expect(planning.books[0].ledger.disallowedLoss == usd("672.71"))
        let records = planning.calendars[0].records
        #expect(records.rows(.disallowed).map(\.disallowedLoss) == [usd("672.71")])
        #expect(records.rows(.disallowed).first?.note.hasPrefix(
            "$672.71 of the $4,942.99 loss on 169 CYX (lot L1) is disallowed: 23 replacement shares") == true)
        #expect(records.rows(.lossSale).first?.disallowedLoss == usd("672.71"))
    }

    @Test("A two-pass row's disallowed loss is split over its replacements as one sale, a restated one's basis too")
    func aTwoPassRowsSplitReachesARestatedReplacement() throws {
        // From generated firm book 38: 228 ROV bought for $63,845.87, priced $225.10, sold in
        // one trade as 208 (forced) and then 20. The first pass matches 85 shares bought in
        // the household's IRA and then 13 held in another taxed account, which are split off
        // with their part of the loss: $11,424.56 × 98 / 208 = $5,382.73, as $4,668.69 and
        // $714.04. The row, as one sale, loses $12,523.07 on 228 shares, and 98 of them
        // disallow $5,382.72, which over 85 and 13 shares is $4,668.69 and $714.03: the second
        // pass takes the cent from the restated lot's record and basis ($3,637.55 + $714.03).
        var book = BookBuilder()
        book.account("TAX-1")
        book.account("IRA-1", type: .ira)
        book.account("TAX-2")
        book.hold("L1", "ROV", 228, basis: "63845.87", acquired: "2017-01-20")
        book.hold("R1", "ROV", 85, basis: "19000", acquired: "2026-11-01", account: "IRA-1")
        book.hold("R2", "ROV", 13, basis: "3637.55", acquired: "2026-11-10", account: "TAX-2")
        book.target("ROV", "1")
        book.prices = ["ROV": "225.10"]
        let planning = try Self.soldInTwoPasses(book, "ROV", shares(208), shares(20))
        let row = try #require(planning.lotsSold.first)
        #expect(planning.lotsSold.count == 1)
        #expect(row.quantity == shares(228))
        #expect(row.gain == usd("-12523.07"))
        #expect(row.disallowedLoss == usd("5382.72"))
        #expect(planning.books[0].ledger.disallowedLoss == usd("5382.72"))
        let records = planning.calendars[0].records
        #expect(records.rows(.disallowed).map(\.disallowedLoss) == [usd("4668.69"), usd("714.03")])
        #expect(records.rows(.disallowed).last?.note.hasPrefix(
            "$714.03 of the $12,523.07 loss on 228 ROV (lot L1) is disallowed: 13 replacement shares") == true)
        #expect(records.rows(.disallowed).last?.replacement?.basisAfter == usd("4351.58"))
        #expect(planning.books[2].lots(of: "ROV").map(\.costBasis) == [usd("4351.58")])
        #expect(records.rows(.lossSale).first?.disallowedLoss == usd("5382.72"))
    }

    @Test("A replacement matched by both passes of a row takes its part of the row's split over them")
    func aReplacementMatchedTwiceTakesItsPartOfTheRow() throws {
        // From generated firm book 42: lot L1 of 8 AOF bought for $1,728.02, priced $202.77,
        // sold as 7.3103 (forced) and then 0.6897, with 6 AOF in the household's IRA and 2 in
        // another taxed account bought within the window. The first pass loses $96.73, all of
        // it disallowed, $79.39 for the IRA's 6 shares and $17.34 for 1.3103 of the 2; the
        // second matches the other 0.6897. The row, as one sale, disallows its whole $105.86
        // loss: $79.40 for the 6 shares and $26.46 for the 2, so the IRA's record takes a cent
        // and the second pass's record $9.12 (its piece's $9.13 less that cent).
        var book = BookBuilder()
        book.settings.fractionalShares = true
        book.account("TAX-1")
        book.account("IRA-1", type: .ira)
        book.account("TAX-2")
        book.hold("L1", "AOF", 8, basis: "1728.02", acquired: "2026-02-06")
        book.hold("R1", "AOF", 6, basis: "1200", acquired: "2026-11-01", account: "IRA-1")
        book.hold("R2", "AOF", 2, basis: "521.94", acquired: "2026-11-10", account: "TAX-2")
        book.target("AOF", "1")
        book.prices = ["AOF": "202.77"]
        // Both passes forced: the shares the first leaves unmatched still block the lot.
        var planning = try Planning(book.portfolio)
        for part in ["7.3103", "0.6897"] {
            _ = try planning.sell("AOF", upTo: Quantity(decimal: part)!, in: 0, phase: .raiseCash, access: .forcedBlocked,
                                  budget: nil, why: "raises cash")
        }
        let row = try #require(planning.lotsSold.first)
        #expect(row.quantity == shares(8))
        #expect(row.gain == usd("-105.86"))
        #expect(row.disallowedLoss == usd("105.86"))
        let records = planning.calendars[0].records
        #expect(records.rows(.disallowed).map(\.disallowedLoss) == [usd("79.40"), usd("17.34"), usd("9.12")])
        #expect(records.rows(.disallowed).first?.note.hasPrefix(
            "$79.40 of the $105.86 loss on 8 AOF (lot L1) is disallowed: 6 replacement shares") == true)
        #expect(records.rows(.disallowed).last?.note.hasPrefix(
            "$9.12 of the $105.86 loss on 8 AOF (lot L1) is disallowed: 0.6897 replacement shares") == true)
        let restated = planning.books[2].lots(of: "AOF").sorted { $0.lotID < $1.lotID }
        #expect(restated.map(\.lotID) == ["R2-W", "R2-W2"])
        #expect(restated.map(\.quantity) == [Quantity(decimal: "1.3103")!, Quantity(decimal: "0.6897")!])
        #expect(restated.map(\.costBasis) == [usd("359.29"), usd("189.11")])
        #expect(records.rows(.lossSale).first?.disallowedLoss == usd("105.86"))
    }

    /// Generated firm book 41's lot 700198: 531 IXRL bought for $13,246.14, priced $16.23, with
    /// 431 IXRL bought in the household's other taxed account within the window for $6,960.38.
    static func splitOffReplacementBook() -> BookBuilder {
        var book = BookBuilder()
        book.account("TAX-1")
        book.account("TAX-2")
        book.hold("L1", "IXRL", 531, basis: "13246.14", acquired: "2026-01-24")
        book.hold("R1", "IXRL", 431, basis: "6960.38", acquired: "2026-10-24", account: "TAX-2")
        book.target("IXRL", "1")
        book.prices = ["IXRL": "16.23"]
        return book
    }

    @Test("A two-pass row's cent goes to a replacement split off, and into its restated basis, when no other takes it")
    func aTwoPassRowsCentReachesARestatedLot() throws {
        // Sold as 452 (forced) and then 79 in one trade. The first pass loses $3,939.47 and
        // matches all 431 replacement shares, split off as R1-W with $3,939.47 × 431 / 452 =
        // $3,756.44 of it. The row, as one sale, loses $4,628.01 on 531 shares, and 431 of
        // them disallow $3,756.45: the second pass, matching nothing, adds the cent to R1-W's
        // record and basis ($6,960.38 + $3,756.45 = $10,716.83).
        let planning = try Self.soldInTwoPasses(Self.splitOffReplacementBook(), "IXRL", shares(452), shares(79))
        let row = try #require(planning.lotsSold.first)
        #expect(planning.lotsSold.count == 1)
        #expect(row.quantity == shares(531))
        #expect(row.gain == usd("-4628.01"))
        #expect(row.disallowedLoss == usd("3756.45"))
        #expect(planning.books[0].ledger.disallowedLoss == usd("3756.45"))
        let records = planning.calendars[0].records
        #expect(records.rows(.disallowed).map(\.disallowedLoss) == [usd("3756.45")])
        #expect(records.rows(.disallowed).first?.replacement?.basisAfter == usd("10716.83"))
        #expect(records.rows(.disallowed).first?.note.hasPrefix(
            "$3,756.45 of the $4,628.01 loss on 531 IXRL (lot L1) is disallowed: 431 replacement shares") == true)
        #expect(records.rows(.lossSale).first?.disallowedLoss == usd("3756.45"))
        let restated = planning.books[1].lots(of: "IXRL")
        #expect(restated.map(\.lotID) == ["R1-W"])
        #expect(restated.first?.costBasis == usd("10716.83"))
        let audit = planning.auditLog.filter { $0.decision == "Restated" }.map(\.detail)
        #expect(audit.count == 1)
        #expect(audit.first?.contains("$3,756.45 of its disallowed loss goes into their basis, now $10,716.83 (was $6,960.38)") == true)
    }

    @Test("A two-pass row keeps its first pass's figure when the run has sold from the lot its replacement became")
    func aTwoPassRowsCentSkipsASoldRestatedLot() throws {
        // As above, but TAX-2 sells 100 of R1-W between the passes: its basis, spent in part
        // at $10,716.82, is not changed after the sale, and the row keeps $3,756.44.
        var planning = try Planning(Self.splitOffReplacementBook().portfolio)
        _ = try planning.sell("IXRL", upTo: shares(452), in: 0, phase: .raiseCash, access: .forcedBlocked,
                              budget: nil, why: "raises cash")
        _ = try planning.sell("IXRL", upTo: shares(100), in: 1, phase: .raiseCash, access: .unblocked,
                              budget: nil, why: "raises cash")
        _ = try planning.sell("IXRL", upTo: shares(79), in: 0, phase: .raiseCash, access: .unblocked,
                              budget: nil, why: "raises cash")
        let row = try #require(planning.lotsSold.first { $0.account == "TAX-1" })
        #expect(row.quantity == shares(531))
        #expect(row.disallowedLoss == usd("3756.44"))
        let records = planning.calendars[0].records
        #expect(records.rows(.disallowed).first?.replacement?.basisAfter == usd("10716.82"))
        let sold = try #require(planning.lotsSold.first { $0.account == "TAX-2" })
        #expect(sold.lotID == "R1-W")
        #expect(sold.costBasis == usd("2486.50"))
        #expect(planning.books[1].lots(of: "IXRL").first?.costBasis == usd("8230.32"))
    }

    @Test("A reason's clauses are its parts between \"; \"", arguments: [
        ("raises cash; past the tax budget", ["raises cash", "past the tax budget"]),
        ("sells 5; 2% over; its lots", ["sells 5", "2% over", "its lots"]),
        ("a;b; ; c", ["a;b", "c"]),
        ("", []),
    ])
    func clauses(text: String, expected: [String]) {
        #expect(Planning.TradeNote.clauses(of: text).map(String.init) == expected)
    }
}
