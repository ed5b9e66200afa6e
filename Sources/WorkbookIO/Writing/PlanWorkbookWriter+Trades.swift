import RebalanceEngine

extension SheetWriter {
    /// Trades: one row per account, symbol, side and phase, in execution order, then totals
    /// of sells, buys, realized gains and estimated tax.
    func tradesTable() throws -> Table {
        let columns = ["Account", "Symbol", "Side", "Quantity", "Price", "Amount", "Phase", "Reason",
                       "Realized ST", "Realized LT", "Est Tax"]
        return try table("Trades", columns: columns, rows: plan.trades.count) { sheet, plan, styles in
            var sells = Money.zero, buys = Money.zero
            var shortTerm = Money.zero, longTerm = Money.zero, tax = Money.zero
            // A stale price is marked wherever a price is shown (its Reason says so too).
            let stale = Set(plan.prices.filter(\.isStale).map(\.symbol))
            for trade in plan.trades {
                if trade.side == .sell { sells += trade.amount } else { buys += trade.amount }
                shortTerm += trade.realizedShortTerm
                longTerm += trade.realizedLongTerm
                tax += trade.estimatedTax
                try sheet.addRow([
                    .text(trade.account), .text(trade.symbol), .text(trade.side.rawValue),
                    .quantity(trade.quantity), .price(trade.price, stale.contains(trade.symbol) ? .stalePrice : .price),
                    .money(trade.amount),
                    .text(trade.phase.rawValue), .message(trade.reason, .wrapped),
                    .money(trade.realizedShortTerm), .money(trade.realizedLongTerm), .money(trade.estimatedTax),
                ], styles: styles)
            }
            let rows = Totals.dataRows(count: plan.trades.count)
            try sheet.addRow(Totals.row(label: "Total Sells", width: columns.count, cells: [
                5: Totals.sumIf(criteriaColumn: 2, Side.sell.rawValue, column: 5, rows: rows, value: sells),
            ]), styles: styles)
            try sheet.addRow(Totals.row(label: "Total Buys", width: columns.count, cells: [
                5: Totals.sumIf(criteriaColumn: 2, Side.buy.rawValue, column: 5, rows: rows, value: buys),
            ]), styles: styles)
            try sheet.addRow(Totals.row(label: "Total", width: columns.count, cells: [
                8: Totals.sum(column: 8, rows: rows, value: shortTerm),
                9: Totals.sum(column: 9, rows: rows, value: longTerm),
                10: Totals.sum(column: 10, rows: rows, value: tax),
            ]), styles: styles)
        }
    }

    /// Lots Sold: every lot or part of one sold, with its gain (a loss negative), term and
    /// any disallowed loss (positive); Realized = Gain + Disallowed Loss, as Trades counts it.
    func lotsSoldTable() throws -> Table {
        let columns = ["Account", "Symbol", "Lot ID", "Acquired", "Quantity", "Cost Basis", "Proceeds", "Gain",
                       "Term", "Disallowed Loss", "Phase", "Realized"]
        return try table("Lots Sold", columns: columns, rows: plan.lotsSold.count) { sheet, plan, styles in
            var basis = Money.zero, proceeds = Money.zero, gain = Money.zero
            var disallowed = Money.zero, realized = Money.zero
            for lot in plan.lotsSold {
                basis += lot.costBasis
                proceeds += lot.proceeds
                gain += lot.gain
                disallowed += lot.disallowedLoss
                realized += lot.gain + lot.disallowedLoss
                try sheet.addRow([
                    .text(lot.account), .text(lot.symbol), .text(lot.lotID), .date(lot.acquired),
                    .quantity(lot.quantity), .money(lot.costBasis), .money(lot.proceeds), .money(lot.gain),
                    .text(lot.term.rawValue), .money(lot.disallowedLoss), .text(lot.phase.rawValue),
                    .money(lot.gain + lot.disallowedLoss),
                ], styles: styles)
            }
            let rows = Totals.dataRows(count: plan.lotsSold.count)
            try sheet.addRow(Totals.row(label: "Total", width: columns.count, cells: [
                5: Totals.sum(column: 5, rows: rows, value: basis),
                6: Totals.sum(column: 6, rows: rows, value: proceeds),
                7: Totals.sum(column: 7, rows: rows, value: gain),
                9: Totals.sum(column: 9, rows: rows, value: disallowed),
                11: Totals.sum(column: 11, rows: rows, value: realized),
            ]), styles: styles)
        }
    }
}
