/// The Note column's sentences: what happened, to which shares, and the rule.
extension WashSaleCalendar {
    /// The `Loss Sale` row of a Transactions loss sale (a run's: `runLossSaleRecord`).
    /// `family`: the sale's family (`families.family(of: sale.symbol)`), which callers have at hand.
    func lossSaleRecord(_ sale: LossSale, family: WashSaleFamily) -> WashSaleRecord {
        let ends = windowEnd(ofLossSaleOn: sale.date)
        // Written part by part into one buffer, as the Reasons are: a `+=` of an
        // interpolation makes a sentence of its own for each part (callgrind).
        var note = Sentence(capacity: 192)
        note.append("Loss sale of ")
        if let shares = sale.quantity {
            note.append(shares)
            note.append(" ")
        }
        note.append(sale.symbol)
        note.append(" on ")
        note.append(sale.date)
        note.append(" (Transactions)")
        if sale.loss == nil { note.append(", taken as a loss because its Realized Gain is blank") }
        note.append("; no buy of ")
        note.append(family)
        note.append(" in the household through ")
        note.append(ends)
        note.append(".")
        if sale.quantity == nil {
            note.append(" Its Quantity is blank, so no replacement shares are matched to it.")
        } else if sale.matched > .zero {
            note.append(" ")
            let one = sale.matched == Quantity(shares: 1)
            note.append(sale.matched)
            note.append(one ? " share bought within " : " shares bought within ")
            note.append(windowDays)
            note.append(one ? " days of it already replaces it" : " days of it already replace it")
            // What that means for the figures: the tool adds nothing to them.
            note.append(": that part of the loss is taken as disallowed before this run, and no amount is figured here "
                + "(the Realized YTD on Accounts is taken as given); the Lots sheet's Cost Basis is read as it stands.")
            if let elsewhere = elsewhereClause(sale) {
                note.append(" ")
                note.append(elsewhere)
            }
        }
        return WashSaleRecord(
            action: .lossSale, account: sale.account, household: household, symbol: sale.symbol,
            family: family, conflictDate: sale.date, conflictAccount: sale.account,
            windowEnds: ends, quantity: sale.quantity, lotID: sale.lotID, loss: sale.loss, note: note.text)
    }

    /// The `Loss Sale` row of a loss sale of this run on `date`: lot `sales[index]`, `quantity`
    /// shares at a loss of `loss` (the piece's own, or the lot's pieces summed), `matched` of
    /// them to replacement shares, which disallow `disallowed`. It says what `lossSaleRecord`
    /// says of the sale. The sale is read where it is stored, with no `LossSale` made for the
    /// row (made and let go at each loss piece, its names retained and released), and a
    /// function of what it names, not a method of the calendar, which `recordSale` handed a
    /// copy of the whole calendar (callgrind).
    static func runLossSaleRecord(
        of sales: [LotSale], at index: Int, quantity: Quantity, loss: Money, matched: Quantity, disallowed: Money,
        family: WashSaleFamily, household: String, on date: CivilDate, phrases: RunPhrases
    ) -> WashSaleRecord {
        var note = Sentence(capacity: 192)
        note.append("Loss of ")
        note.append(dollars: loss)
        note.append(" on ")
        note.append(quantity)
        note.append(" ")
        note.append(sales[index].symbol)
        note.append(" (lot ")
        note.append(sales[index].lotID)
        note.append(phrases.sold)
        note.append(family)
        note.append(phrases.through)
        if matched > .zero {
            note.append(" ")
            note.append(dollars: disallowed)
            note.append(" of it is disallowed: ")
            note.append(matched)
            note.append(" replacement shares match it (see the Disallowed rows).")
        }
        return WashSaleRecord(
            action: .lossSale, account: sales[index].account, household: household, symbol: sales[index].symbol,
            family: family, conflictDate: date, conflictAccount: sales[index].account,
            windowEnds: phrases.ends, quantity: quantity, lotID: sales[index].lotID, loss: loss,
            disallowedLoss: disallowed, note: note.text)
    }

    /// The parts of a run Loss Sale row's note that name its dates (`runLossSaleRecord`): the
    /// sale's and the window's last day, each written once per run, where at each row they
    /// were written again, with the words about them, in five parts (callgrind). A class: a
    /// row's phrases are handed over as one reference, where a value was copied, each of its
    /// texts retained and released, at each row (callgrind: 0.3% of planning's instructions).
    final class RunPhrases: Sendable {
        /// The last day of the window: the sale's date + Wash Sale Days.
        let ends: CivilDate
        /// `) sold 2026-02-13; no buy of `
        let sold: String
        /// ` in the household through 2026-03-15.`
        let through: String
        /// The sale's date and the window's last day as a note writes them (`append(_:to:)`).
        let dateText: String
        let endsText: String

        init(date: CivilDate, ends: CivilDate) {
            self.ends = ends
            var dateText = Sentence(capacity: 10), endsText = Sentence(capacity: 10)
            dateText.append(date)
            endsText.append(ends)
            self.dateText = dateText.text
            self.endsText = endsText.text
            var sold: Sentence = ") sold "
            sold.append(date)
            sold.append("; no buy of ")
            self.sold = sold.text
            var through: Sentence = " in the household through "
            through.append(ends)
            through.append(".")
            self.through = through.text
        }
    }

    /// Appends `date` to `note`: the run date and its window's last day from their text
    /// written once per calendar (`RunPhrases`), where each note wrote them again (some 200
    /// instructions a date; callgrind), and other dates written now. Inlined (see `entry(of:)`).
    @inline(__always)
    func append(_ date: CivilDate, to note: inout Sentence) {
        if let runDatePhrases, date == runDate {
            note.append(runDatePhrases.dateText)
        } else if let runDatePhrases, date == runDatePhrases.ends {
            note.append(runDatePhrases.endsText)
        } else {
            note.append(date)
        }
    }

    /// The run Loss Sale row's phrases of a sale on `date`: the run date's, worked out once,
    /// or others worked out now. Inlined (see `entry(of:)`).
    @inline(__always)
    func runPhrases(on date: CivilDate) -> RunPhrases {
        if let runDatePhrases, date == runDate { return runDatePhrases }
        return RunPhrases(date: date, ends: windowEnd(ofLossSaleOn: date))
    }

    /// What a Transactions loss sale's replacements bought before the run in other accounts
    /// of the household mean for the figures the tool takes as given; `nil` when there are
    /// none. A custodian applies the wash-sale rule within one account, so its Realized YTD
    /// may still count the part of the loss they disallow: the tax before the run is then
    /// understated, and in an IRA or Roth that part is lost for good (Rev. Rul. 2008-5).
    func elsewhereClause(_ sale: LossSale) -> String? {
        guard !sale.matchedElsewhere.isEmpty, let sold = sale.quantity, sold > .zero else { return nil }
        var text = Sentence(capacity: 256)
        var shares = Quantity.zero
        for (position, match) in sale.matchedElsewhere.enumerated() {
            text.append(position == 0 ? "" : position + 1 == sale.matchedElsewhere.count ? " and " : ", ")
            text.append(match.shares)
            text.append(" in ")
            text.append(match.account)
            text.append(isTaxed(match.account) ? "" : " (untaxed)")
            shares += match.shares
        }
        var clause: Sentence = "Bought in another account of the household: \(text.text). The custodian of the sale's "
        clause += "account does not see those buys, so its Realized YTD may still count "
        if let loss = sale.loss {
            clause += "the \(dollars: loss.scaled(by: shares.micros, over: sold.micros)) of the loss they disallow"
        } else {
            clause += "the part of the loss they disallow"
        }
        let untaxed = sale.matchedElsewhere.contains { !isTaxed($0.account) }
        let taxed = sale.matchedElsewhere.contains { isTaxed($0.account) }
        clause += untaxed && taxed ? " (lost for good in an untaxed account, added to the replacement's basis in a taxed one)"
            : untaxed ? " (lost for good in an untaxed account, Rev. Rul. 2008-5)"
            : " (added to the replacement's basis, 26 USC 1091(d))"
        clause += ". If it does, correct Realized YTD on the Accounts sheet: the tax before this run is understated."
        return clause.text
    }

    /// A warning for each Transactions loss sale of `account` with replacements bought before
    /// the run in another account of the household (`elsewhereClause`), so that the figure
    /// the tool takes as given is checked, not only told of in the Wash Sale sheet's note.
    func elsewhereWarnings(soldIn account: String) -> [String] {
        lossSales.compactMap { sale in
            guard sale.isFromTransactions, sale.account == account, let clause = elsewhereClause(sale) else { return nil }
            var warning: Sentence = "The loss sale of "
            if let shares = sale.quantity { warning += "\(shares) " }
            warning += "\(sale.symbol) on \(sale.date) (Transactions) has replacements bought within \(windowDays) days of it. "
            warning.append(clause)
            return warning.text
        }
    }

    /// The sentence of a `Disallowed` row for a forced loss sale.
    func forcedDisallowanceNote(
        sold quantity: Quantity, of symbol: String, lot lotID: String, loss: Money, adjustment: ReplacementAdjustment
    ) -> String {
        var note: Sentence = """
            \(dollars: adjustment.disallowedLoss) of the \(dollars: loss) loss on \(quantity) \
            \(symbol) (lot \(lotID)) is disallowed: \(adjustment.shares) replacement \
            shares of \(adjustment.symbol) bought \(adjustment.acquired) in \(adjustment.account).\u{20}
            """
        note += fate(of: adjustment)
        return note.text
    }

    /// The sentence of a `Disallowed` row for a run buy inside a window.
    func buyDisallowanceNote(
        sale: LossSale, buyer: String, symbol: String, quantity: Quantity, date: CivilDate,
        matched: Quantity?, amount: Money?, missing: [String], adjustment: ReplacementAdjustment?
    ) -> String {
        let buy: Sentence = "The buy of \(quantity) \(symbol) in \(buyer) on \(date) falls within "
            + "\(windowDays) days of the \(sale.date) loss sale of \(sale.symbol) in \(sale.account)"
        guard let amount, let matched, let adjustment else {
            return (buy + ", whose Transactions row lacks \(missing.joined(separator: " and ")): "
                + "the disallowed loss cannot be computed and needs approval (26 USC 1091(a)).").text
        }
        // A sale of an earlier year is disallowed on that year's return, not this one's.
        let addedBack: Sentence = sale.date.year == date.year ? "added back in \(sale.account)"
            : "taken off \(sale.account)'s \(sale.date.year) return, not this year's estimate"
        return (buy + ": \(dollars: amount) of its \(dollars: sale.loss!) loss is disallowed "
            + "(\(matched) of \(sale.quantity!) shares) and " + addedBack + ". " + fate(of: adjustment, soldTerm: sale.term)).text
    }

    /// Where the disallowed loss goes, with the rule.
    func fate(of adjustment: ReplacementAdjustment, soldTerm: Term? = nil) -> Sentence {
        if adjustment.isLost {
            return "\(adjustment.account) is untaxed, so the loss is lost, not added to basis "
                + "(Rev. Rul. 2008-5)."
        }
        var sentence: Sentence = "It moves into their basis"
        if let before = adjustment.basisBefore, let after = adjustment.basisAfter {
            sentence += " (\(dollars: before) to \(dollars: after))"
        }
        sentence += " and the sold shares' holding period into theirs"
        if let from = adjustment.holdingPeriodFrom {
            sentence += " (from \(from))"
        } else if soldTerm == .longTerm {
            // A Transactions sale gives no acquisition date, but a long-term one was held over a
            // year: said, where the Holding Period From cell stays blank (explore-BH).
            sentence += " (the sold shares were held over a year, so theirs are long-term from the start)"
        }
        return sentence + " (26 USC 1091(d), 1223(3))."
    }
}
