import Testing
import RebalanceEngine

/// A run's realized gains by term, as a PM would tally them by hand.
struct NettingCase: Sendable, CustomTestStringConvertible {
    var name: String
    var ytdST = "0", ytdLT = "0", carryST = "0", carryLT = "0"
    /// The run's sales, in order: (gain, term).
    var sales: [(String, Term)] = []
    var netST: String
    var netLT: String
    var taxBefore: String
    var taxAfter: String

    var testDescription: String { name }
}

@Suite("The tax estimate nets within and across terms (Pub 550, 26 USC 1222)")
struct TaxLedgerTests {
    static let nettingCases: [NettingCase] = [
        NettingCase(name: "ST loss 4,000 and LT loss 6,000 owe nothing",
                    sales: [("-4000", .shortTerm), ("-6000", .longTerm)],
                    netST: "-4000", netLT: "-6000", taxBefore: "0", taxAfter: "0"),
        NettingCase(name: "ST loss 4,000 and LT loss 6,000 against YTD gains",
                    ytdST: "10000", ytdLT: "3000",
                    sales: [("-4000", .shortTerm), ("-6000", .longTerm)],
                    netST: "6000", netLT: "-3000", taxBefore: "4794.00", taxAfter: "1224.00"),
        NettingCase(name: "ST gain against an LT loss",
                    sales: [("10000", .shortTerm), ("-4000", .longTerm)],
                    netST: "10000", netLT: "-4000", taxBefore: "0", taxAfter: "2448.00"),
        NettingCase(name: "LT gain against an ST loss",
                    sales: [("-4000", .shortTerm), ("10000", .longTerm)],
                    netST: "-4000", netLT: "10000", taxBefore: "0", taxAfter: "1428.00"),
        NettingCase(name: "an ST loss larger than the LT gain owes nothing",
                    sales: [("-12000", .shortTerm), ("10000", .longTerm)],
                    netST: "-12000", netLT: "10000", taxBefore: "0", taxAfter: "0"),
        NettingCase(name: "gains in both terms at both rates",
                    sales: [("1000", .shortTerm), ("1000", .longTerm)],
                    netST: "1000", netLT: "1000", taxBefore: "0", taxAfter: "646.00"),
        NettingCase(name: "carryforwards reduce each term, then net across",
                    ytdST: "5000", carryST: "2000", carryLT: "1000",
                    netST: "3000", netLT: "-1000", taxBefore: "816.00", taxAfter: "816.00"),
        NettingCase(name: "the budget trap: a 4,000 ST harvest wipes out 816.00",
                    ytdST: "12000", ytdLT: "-2000", carryST: "5000", carryLT: "3000",
                    sales: [("-4000", .shortTerm)],
                    netST: "3000", netLT: "-5000", taxBefore: "816.00", taxAfter: "0"),
        NettingCase(name: "the total rounds once: 0.00408 + 0.00238 is a cent",
                    sales: [("0.01", .shortTerm), ("0.01", .longTerm)],
                    netST: "0.01", netLT: "0.01", taxBefore: "0", taxAfter: "0.01"),
        NettingCase(name: "a loss recorded after a gain in the same term",
                    ytdLT: "500",
                    sales: [("2500", .longTerm), ("-1000", .longTerm), ("-300", .shortTerm)],
                    netST: "-300", netLT: "2000", taxBefore: "119.00", taxAfter: "404.60"),
    ]

    @Test("Netting", arguments: nettingCases)
    func netting(_ example: NettingCase) {
        var ledger = taxedLedger(ytdST: example.ytdST, ytdLT: example.ytdLT,
                                 carryST: example.carryST, carryLT: example.carryLT)
        var increments: [Money] = []
        for (gain, term) in example.sales {
            increments.append(ledger.record(gain: usd(gain), term: term))
        }
        #expect(ledger.netShortTerm == usd(example.netST))
        #expect(ledger.netLongTerm == usd(example.netLT))
        #expect(ledger.taxBefore == usd(example.taxBefore))
        #expect(ledger.taxAfter == usd(example.taxAfter))
        #expect(ledger.impact == usd(example.taxAfter) - usd(example.taxBefore))
        #expect(increments.sum() == ledger.impact)
    }

    @Test("Each trade's Est Tax is its increment in execution order")
    func estTaxInExecutionOrder() {
        var ledger = taxedLedger()
        let trades: [(gain: String, term: Term, estTax: String)] = [
            ("5000", .shortTerm, "2040.00"),   // 5,000 × 0.408
            ("-3000", .longTerm, "-1224.00"),  // the LT loss absorbs 3,000 of the ST gain
            ("1000", .longTerm, "408.00"),     // shrinks the LT loss: 1,000 more ST stays taxed
            ("4000", .longTerm, "1292.00"),    // 2,000 fills the LT loss (816.00 of ST back), 2,000 LT at 0.238 (476.00)
        ]
        for trade in trades {
            #expect(ledger.record(gain: usd(trade.gain), term: trade.term) == usd(trade.estTax))
        }
        #expect(ledger.taxAfter == usd("2516.00"))
        #expect(ledger.shortTermGains == usd("5000"))
        #expect(ledger.longTermGains == usd("5000"))
        #expect(ledger.longTermLosses == usd("3000"))
    }

    @Test("Half up: half a cent rounds up", arguments: [
        ("0.01", "0.01"), ("0.03", "0.02"), ("0.05", "0.03"), ("0.02", "0.01"),
    ])
    func halfUp(gain: String, tax: String) {
        let half = Rate(millionths: 500_000)
        var ledger = taxedLedger(rates: TaxRates(shortTerm: half, longTerm: half))
        ledger.record(gain: usd(gain), term: .shortTerm)
        #expect(ledger.taxAfter == usd(tax))
    }

    @Test("Gains whose products pass 64 bits are taxed to the cent, half a cent up, as smaller ones are")
    func taxOfVeryLargeGains() {
        let half = Rate(millionths: 500_000)
        // $200 billion and a cent at 50%: the product fits 64 bits.
        var narrow = taxedLedger(rates: TaxRates(shortTerm: half, longTerm: half))
        narrow.record(gain: usd("200000000000.01"), term: .shortTerm)
        #expect(narrow.taxAfter == usd("100000000000.01"))
        // And $200 billion more long-term: the sum of the two products does not.
        narrow.record(gain: usd("200000000000"), term: .longTerm)
        #expect(narrow.taxAfter == usd("200000000000.01"))
    }

    @Test("Untaxed accounts never owe", arguments: AccountType.allCases.filter { !$0.isTaxed })
    func untaxedNeverOwe(type: AccountType) {
        var ledger = TaxLedger(profile: AccountTaxProfile(type: type),
                               realizedShortTermYTD: usd("50000"), realizedLongTermYTD: usd("20000"))
        #expect(ledger.record(gain: usd("12345.67"), term: .shortTerm) == .zero)
        #expect(ledger.record(gain: usd("-500"), term: .longTerm) == .zero)
        #expect(ledger.taxBefore == .zero)
        #expect(ledger.taxAfter == .zero)
        #expect(ledger.impact == .zero)
        // The run's gains are still tallied for the Tax Impact sheet.
        #expect(ledger.shortTermGains == usd("12345.67"))
    }

    @Test("A washed loss counts only its allowed part")
    func washedLoss() {
        var ledger = taxedLedger(ytdST: "1000")
        let estTax = ledger.record(gain: usd("-1000"), term: .shortTerm, disallowedLoss: usd("750"))
        #expect(ledger.shortTermLosses == usd("250"))
        #expect(ledger.netShortTerm == usd("750"))
        #expect(ledger.disallowedLoss == usd("750"))
        #expect(estTax == usd("-102.00"))
    }

    /// Generated `larger` book 23: a lot relieved in two passes of one trade, the first
    /// piece a cent's gain from rounding, the row a loss of $721.25 (LT).
    @Test("A lot's row relieved in pieces counts as one sale, by the sign of its total")
    func rowInPieces() {
        var ledger = taxedLedger(ytdLT: "5000")
        let first = ledger.record(gain: usd("0.01"), term: .longTerm)
        let second = ledger.record(gain: usd("-721.26"), term: .longTerm, joiningRow: usd("0.01"))
        #expect(ledger.longTermGains == .zero)
        #expect(ledger.longTermLosses == usd("721.25"))
        #expect(ledger.netLongTerm == usd("4278.75"))
        #expect(first + second == ledger.impact)
        // A row that turns from a loss to a gain moves to the gains.
        var turned = taxedLedger()
        turned.record(gain: usd("-0.01"), term: .shortTerm)
        turned.record(gain: usd("25.00"), term: .shortTerm, joiningRow: usd("-0.01"))
        #expect(turned.shortTermGains == usd("24.99"))
        #expect(turned.shortTermLosses == .zero)
        // A washed piece joins with its allowed part.
        var washed = taxedLedger()
        washed.record(gain: usd("-100"), term: .shortTerm, disallowedLoss: usd("40"))
        washed.record(gain: usd("-50"), term: .shortTerm, disallowedLoss: usd("20"), joiningRow: usd("-60"))
        #expect(washed.shortTermLosses == usd("90"))
        #expect(washed.disallowedLoss == usd("60"))
    }

    @Test("A disallowed earlier loss is added back to its term")
    func addBack() {
        // The Transactions loss of 250 is already in Realized ST YTD.
        var ledger = taxedLedger(ytdST: "-250", ytdLT: "1000")
        #expect(ledger.taxBefore == usd("178.50"))
        #expect(ledger.addBack(disallowedLoss: usd("250"), term: .shortTerm) == usd("59.50"))
        #expect(ledger.netShortTerm == .zero)
        #expect(ledger.taxAfter == usd("238.00"))
        #expect(ledger.shortTermAddedBack == usd("250"))
        #expect(ledger.disallowedLoss == usd("250"))
    }

    @Test("Recording a lot sale uses its gain and term")
    func recordsLotSale() {
        let held = lot("L1", shares: 100, basis: "1000", acquired: "2025-06-02")
        let sale = held.sale(of: shares(40), at: price("12.5"), on: date("2026-03-02"))
        #expect(sale.costBasis == usd("400"))
        #expect(sale.proceeds == usd("500"))
        #expect(sale.term == .shortTerm)
        var ledger = taxedLedger()
        #expect(ledger.record(sale) == usd("40.80"))
        let rest = held.remainder(afterSelling: shares(40))
        #expect(rest?.quantity == shares(60))
        #expect(rest?.costBasis == usd("600"))
        #expect(held.remainder(afterSelling: shares(100)) == nil)
    }

    @Test("A partly sold lot's basis is rounded and the remainder keeps the rest", arguments: [
        (Int64(1), "333.33", "666.67"), (2, "666.67", "333.33"),
    ])
    func partialBasis(sold: Int64, soldBasis: String, restBasis: String) {
        let held = lot("L1", shares: 3, basis: "1000", acquired: "2025-06-02")
        #expect(held.costBasis(of: shares(sold)) == usd(soldBasis))
        #expect(held.remainder(afterSelling: shares(sold))?.costBasis == usd(restBasis))
    }

    @Test("Account types and their tax treatment", arguments: [
        ("Taxable", AccountType.taxable, true), ("individual", .individual, true), ("JOINT", .joint, true),
        ("Trust", .trust, true), ("Custodial", .custodial, true), ("", .taxable, true),
        ("IRA", .ira, false), ("Roth", .roth, false), ("401(k)", .k401, false), ("403b", .b403, false),
        ("SEP", .sep, false), ("Simple", .simple, false), ("HSA", .hsa, false),
    ])
    func accountTypes(text: String, type: AccountType, taxed: Bool) {
        #expect(AccountType(workbookName: text) == type)
        #expect(type.isTaxed == taxed)
    }

    @Test("Registrations as custodians write them read as the type with their tax treatment", arguments: [
        ("Roth IRA", AccountType.roth), ("ROTH CONTRIBUTORY IRA", .roth), ("Traditional IRA", .ira),
        ("Rollover IRA", .ira), ("Inherited IRA", .ira), ("SEP-IRA", .sep), ("SIMPLE IRA", .simple),
        ("Roth 401(k)", .k401), ("Solo 401k", .k401), ("Roth 403(b)", .b403), ("Health Savings Account", .hsa),
        ("Brokerage", .taxable), ("Individual - TOD", .individual), ("JTWROS", .joint), ("Joint WROS", .joint),
        ("Tenants in Common", .joint), ("Revocable Trust", .trust), ("UTMA", .custodial), ("UTMA/UGMA", .custodial),
        ("Revocable Living Trust", .trust), ("Grantor Trust", .trust), ("Non-Qualified", .taxable),
        ("UTMA/CA", .custodial), ("UGMA NY", .custodial), ("Trust (Rev.)", .trust), ("TOD", .individual),
        ("401(k) Rollover IRA", .ira), ("Roth IRA - Inherited", .roth), ("Joint TIC", .joint),
        ("IRA - Traditional", .ira), ("IRA - Roth", .roth), ("Joint Tenant", .joint), ("Tenants by the Entirety", .joint),
        // A minor's IRA is an IRA; a note in brackets on a taxed registration keeps it taxed.
        ("Custodial IRA", .ira), ("Custodial Roth IRA", .roth), ("Individual (Taxable)", .individual),
        ("Trust (Grantor)", .trust), ("Trust (Irrevocable)", .trust), ("Joint (Taxable)", .joint),
    ])
    func registrations(text: String, type: AccountType) {
        #expect(AccountType(workbookName: text) == type)
        #expect(AccountType.reading(text)?.byRegistration == true)
    }

    @Test("Unknown account types are refused, never guessed", arguments: ["529", "529 Plan", "457(b)", "Corporate", "Estate", "Roth Brokerage",
                                                                    "Charitable Remainder Trust", "Tax-Deferred"])
    func unknownAccountTypes(text: String) {
        #expect(AccountType(workbookName: text) == nil)
    }
}
