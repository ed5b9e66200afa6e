import RebalanceEngine

extension SheetWriter {
    /// Tax Impact: per account, the netted estimate before and after the run and the budget
    /// it drew on; money totals across accounts below. The contract's columns come first, in
    /// its order; ST and LT Added Back follow them, so that Net ST and Net LT reconcile from
    /// the row (Net = YTD − carryforward + gains − losses + added back), then Tax From Other
    /// Accounts: the tax a buy in another account of the household added here by disallowing
    /// a loss of this account, which no trade of this account carries, so that the Est Tax of
    /// the account's trades plus it is the Tax Impact.
    func taxImpactTable() throws -> Table {
        let columns = ["Account", "Realized ST YTD", "Realized LT YTD", "ST Carryforward", "LT Carryforward",
                       "ST Gains", "ST Losses", "LT Gains", "LT Losses", "Net ST", "Net LT", "Tax Before",
                       "Tax After", "Tax Impact", "Tax Budget", "Budget Left", "Disallowed Loss",
                       "ST Added Back", "LT Added Back", "Tax From Other Accounts"]
        return try table("Tax Impact", columns: columns, rows: plan.taxImpact.count) { sheet, plan, styles in
            /// The columns totalled, with the amount each row contributes.
            let totalled: [(column: Int, amount: (TaxImpactRow) -> Money)] = [
                (1, \.realizedShortTermYTD), (2, \.realizedLongTermYTD), (3, \.shortTermCarryforward),
                (4, \.longTermCarryforward), (5, \.shortTermGains), (6, \.shortTermLosses), (7, \.longTermGains),
                (8, \.longTermLosses), (11, \.taxBefore), (12, \.taxAfter), (13, \.taxImpact), (16, \.disallowedLoss),
                (17, \.shortTermAddedBack), (18, \.longTermAddedBack), (19, \.taxFromOtherAccounts),
            ]
            var sums = [Money](repeating: .zero, count: totalled.count)
            for row in plan.taxImpact {
                for (index, entry) in totalled.enumerated() { sums[index] += entry.amount(row) }
                try sheet.addRow([
                    .text(row.account), .money(row.realizedShortTermYTD), .money(row.realizedLongTermYTD),
                    .money(row.shortTermCarryforward), .money(row.longTermCarryforward),
                    .money(row.shortTermGains), .money(row.shortTermLosses),
                    .money(row.longTermGains), .money(row.longTermLosses),
                    .money(row.netShortTerm), .money(row.netLongTerm),
                    .money(row.taxBefore), .money(row.taxAfter), .money(row.taxImpact),
                    row.taxBudget.cell, row.budgetLeft.map { .money($0) } ?? .text("Unlimited"),
                    .money(row.disallowedLoss), .money(row.shortTermAddedBack), .money(row.longTermAddedBack),
                    .money(row.taxFromOtherAccounts),
                ], styles: styles)
            }
            try sheet.addRow(Totals.sumRow(width: columns.count, columns: totalled.map(\.column), sums: sums,
                                           count: plan.taxImpact.count), styles: styles)
        }
    }

    /// Cash: per account, Cash After = Cash Before + Sell Proceeds − Buy Cost − Withdrawal Paid.
    func cashTable() throws -> Table {
        let columns = ["Account", "Cash Before", "Sell Proceeds", "Buy Cost", "Withdrawal", "Withdrawal Paid",
                       "Cash After", "Cash Target", "Cash Weight After"]
        return try table("Cash", columns: columns, rows: plan.cash.count) { sheet, plan, styles in
            let totalled: [(column: Int, amount: (CashRow) -> Money)] = [
                (1, \.cashBefore), (2, \.sellProceeds), (3, \.buyCost), (4, \.withdrawal), (5, \.withdrawalPaid),
                (6, \.cashAfter),
            ]
            var sums = [Money](repeating: .zero, count: totalled.count)
            for row in plan.cash {
                for (index, entry) in totalled.enumerated() { sums[index] += entry.amount(row) }
                try sheet.addRow([
                    .text(row.account), .money(row.cashBefore), .money(row.sellProceeds), .money(row.buyCost),
                    .money(row.withdrawal), .money(row.withdrawalPaid), .money(row.cashAfter),
                    .rate(row.cashTarget), .optionalPercent(row.cashWeightAfter),
                ], styles: styles)
            }
            try sheet.addRow(Totals.sumRow(width: columns.count, columns: totalled.map(\.column), sums: sums,
                                           count: plan.cash.count), styles: styles)
        }
    }
}
