/// The Note column's sentences: what happened, to which shares, and the rule.
extension WashSaleCalendar {
    /// The `Loss Sale` row of a loss sale.
    func lossSaleRecord(_ sale: LossSale, disallowed: Money? = nil) -> WashSaleRecord {
        let family = families.family(of: sale.symbol)
        let ends = windowEnd(ofLossSaleOn: sale.date)
        var note: Sentence = sale.isFromTransactions ? "Loss sale of " : "Loss of \(dollars: sale.loss!) on "
        if let shares = sale.quantity { note += "\(shares) " }
        if sale.isFromTransactions {
            note += "\(sale.symbol) on \(sale.date) (Transactions)"
            if sale.loss == nil { note += ", taken as a loss because its Realized Gain is blank" }
        } else {
            note += "\(sale.symbol) (lot \(sale.lotID!)) sold \(sale.date)"
        }
        note += "; no buy of \(family) in the household through \(ends)."
        if sale.quantity == nil {
            note += " Its Quantity is blank, so no replacement shares are matched to it."
        } else if sale.matched > .zero {
            if let disallowed {
                note += " \(dollars: disallowed) of it is disallowed: \(sale.matched) replacement "
                    + "shares match it (see the Disallowed rows)."
            } else {
                note += " \(sale.matched) shares bought within \(windowDays) days of it already "
                    + "replace it."
            }
        }
        return WashSaleRecord(
            action: .lossSale, account: sale.account, household: household, symbol: sale.symbol,
            family: family, conflictDate: sale.date, conflictAccount: sale.account,
            windowEnds: ends, quantity: sale.quantity, lotID: sale.lotID, loss: sale.loss,
            disallowedLoss: disallowed, note: note.text)
    }

    /// The sentence of a `Disallowed` row for a forced loss sale.
    func forcedDisallowanceNote(sale: LotSale, loss: Money, adjustment: ReplacementAdjustment) -> String {
        Sentence("\(dollars: adjustment.disallowedLoss) of the \(dollars: loss) loss on \(sale.quantity) "
            + "\(sale.symbol) (lot \(sale.lotID)) is disallowed: \(adjustment.shares) replacement "
            + "shares of \(adjustment.symbol) bought \(adjustment.acquired) in \(adjustment.account). "
            + fate(of: adjustment)).text
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
        return (buy + ": \(dollars: amount) of its \(dollars: sale.loss!) loss is disallowed "
            + "(\(matched) of \(sale.quantity!) shares) and added back in \(sale.account). "
            + fate(of: adjustment)).text
    }

    /// Where the disallowed loss goes, with the rule.
    func fate(of adjustment: ReplacementAdjustment) -> Sentence {
        if adjustment.isLost {
            return "\(adjustment.account) is untaxed, so the loss is lost, not added to basis "
                + "(Rev. Rul. 2008-5)."
        }
        var sentence: Sentence = "It moves into their basis"
        if let before = adjustment.basisBefore, let after = adjustment.basisAfter {
            sentence += " (\(dollars: before) to \(dollars: after))"
        }
        sentence += " and the sold shares' holding period into theirs"
        if let from = adjustment.holdingPeriodFrom { sentence += " (from \(from))" }
        return sentence + " (26 USC 1091(d), 1223(3))."
    }
}
