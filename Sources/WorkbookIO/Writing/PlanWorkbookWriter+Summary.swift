import RebalanceEngine

extension SheetWriter {
    /// Summary, what the CIO reads first: the run, the settings as understood, totals per
    /// account, the counts that need attention, and the sign-off lines.
    mutating func writeSummary() throws {
        var sheet = try document.addSheet(named: "Summary")
        try sheet.setUpPrinting(landscape: true, repeatingHeader: false, asOf: plan.settings.asOf)
        let settings = plan.settings
        // The title, file name and digest spill over empty cells, so they set no width.
        try sheet.addRow([SheetCell(content: .text("Rebalance Plan"), style: .title, width: 0)], styles: styles)
        sheet.skipRow()
        try sheet.addRow([.text("As Of", .label), .date(settings.asOf)], styles: styles)
        try sheet.addRow([.text("Input File", .label),
                          SheetCell(content: .text(run.inputFileName), style: .plain, width: 0)], styles: styles)
        try sheet.addRow([.text("Input SHA-256", .label),
                          SheetCell(content: .text(run.inputSHA256), style: .plain, width: 0)], styles: styles)
        sheet.skipRow()

        try sheet.addRow([.text("Settings", .section)], styles: styles)
        try sheet.addRow([SheetCell(
            content: .text("Defaults from the Settings sheet. Each account's own cash target is on the Cash sheet, "
                + "its tax budget in the Accounts table below."),
            style: .note, width: 0)], styles: styles)
        for (name, value) in settingsRows(settings) {
            try sheet.addRow([.text(name, .label), value], styles: styles)
        }
        sheet.skipRow()

        try writeAccountTotals(into: &sheet)
        // An account taxed at rates of its own: a CIO checking its figures at the Settings rates
        // above found errors that were not there (explore-CG).
        for account in plan.accounts where account.type.isTaxed && account.rates != settings.rates {
            try sheet.addRow([SheetCell(
                content: .text("\(account.id) is taxed at its own rates: short-term \(account.rates.shortTerm.percentText), "
                    + "long-term \(account.rates.longTerm.percentText), not the Settings rates above."),
                style: .note, width: 0)], styles: styles)
        }
        // An account planned on settings of its own: the Settings block above showed the
        // firm-wide Lot Method while the account sold in another order (explore-DV).
        for account in plan.accounts {
            let own = ownSettings(account.overrides, against: settings)
            guard !own.isEmpty else { continue }
            try sheet.addRow([SheetCell(
                content: .text("\(account.id) is planned on settings of its own: \(own.joined(separator: ", ")), "
                    + "not the Settings values above."),
                style: .note, width: 0)], styles: styles)
        }
        if plan.trades.isEmpty {
            try sheet.addRow([SheetCell(
                content: .text("No trades are proposed. The Drift sheet gives each line's status."),
                style: .label, width: 0)], styles: styles)
        }
        sheet.skipRow()

        try sheet.addRow([.text("Exceptions", .section)], styles: styles)
        var severities = [PlanException.Severity: Int]()
        for exception in plan.exceptions { severities[exception.severity, default: 0] += 1 }
        for severity in PlanException.Severity.allCases {
            let count = severities[severity] ?? 0
            try sheet.addRow([.text(severity.rawValue, count > 0 ? severity.style : .label), .integer(count)],
                             styles: styles)
        }
        try writeNeedingApproval(into: &sheet)
        sheet.skipRow()

        try sheet.addRow([.text("Drift Outside Band", .section)], styles: styles)
        var statuses = [DriftStatus: Int]()
        for row in plan.drift where row.status != .inBand { statuses[row.status, default: 0] += 1 }
        var outside = 0
        for status in DriftStatus.allCases where status != .inBand {
            guard let count = statuses[status] else { continue }
            outside += count
            try sheet.addRow([.text(status.rawValue, .warning), .integer(count)], styles: styles)
        }
        try sheet.addRow([.text("Total outside band", .label), .integer(outside)], styles: styles)
        sheet.skipRow()

        try sheet.addRow([.text("Wash Sale", .section)], styles: styles)
        var actions = [WashSaleRecord.Action: Int]()
        for record in plan.washSales { actions[record.action, default: 0] += 1 }
        for action in [WashSaleRecord.Action.buyBlocked, .lossSaleBlocked, .lossSale, .disallowed] {
            try sheet.addRow([.text(action.rawValue, .label), .integer(actions[action] ?? 0)], styles: styles)
        }
        sheet.skipRow()

        try writePrices(into: &sheet)
        sheet.skipRow()

        try sheet.addRow([.text("Sign-off", .section)], styles: styles)
        for role in ["Prepared by", "Reviewed by", "Approved by"] {
            sheet.skipRow()
            try sheet.addRow([.text(role, .label), .blank(.signatureLine), .blank(.signatureLine),
                              .text("Date", .label), .blank(.signatureLine)], styles: styles)
        }
        // One page wide, read and signed as one.
        try sheet.setColumnWidths(minimum: 12, maximum: 40, pagesWide: 1)
    }

    /// Each `Needs Approval` exception written out, where it is and what it says, so that
    /// what the sign-off is asked to approve is on the page it is signed on (a count alone
    /// sent the reader to the Exceptions sheet for a withdrawal paid short or a budget
    /// passed). Past `SheetWriter.approvalsListed`, a line says how many more there are.
    private func writeNeedingApproval(into sheet: inout XLSXSheet) throws {
        let needing = plan.exceptionsBySeverity.prefix { $0.severity == .needsApproval }
        guard !needing.isEmpty else { return }
        sheet.skipRow()
        try sheet.addRow([.text("Needing approval", .label)], styles: styles)
        for exception in needing.prefix(SheetWriter.approvalsListed) {
            // The message spills over the empty cells to its right: it sets no width.
            try sheet.addRow([
                SheetCell(content: .text(SheetCell.fitted(exception.place)), style: .needsApproval, width: 0),
                SheetCell(content: .text(SheetCell.fitted(exception.message)), style: .plain, width: 0),
            ], styles: styles)
        }
        if needing.count > SheetWriter.approvalsListed {
            try sheet.addRow([.blank, SheetCell(
                content: .text("and \(needing.count - SheetWriter.approvalsListed) more on the Exceptions sheet"),
                style: .note, width: 0)], styles: styles)
        }
    }

    /// How many prices each source gave, the stale ones named with their dates: the contract
    /// asks that a stale price be marked everywhere, and the Summary is where sign-off starts.
    private func writePrices(into sheet: inout XLSXSheet) throws {
        try sheet.addRow([.text("Prices", .section)], styles: styles)
        var byOrigin = [ResolvedPrice.Origin: Int]()
        for price in plan.prices { byOrigin[price.origin, default: 0] += 1 }
        let stale = plan.prices.filter(\.isStale)
        let origins: [(String, [ResolvedPrice.Origin])] = [
            ("Workbook", [.workbook]), ("Cache", [.cache]), ("API", [.api]), ("Override", [.override]),
            ("Stale (Allow Stale Prices)", [.stale, .staleCache]),
        ]
        for (label, kinds) in origins {
            let count = kinds.reduce(0) { $0 + (byOrigin[$1] ?? 0) }
            let isStale = kinds.contains(.stale)
            try sheet.addRow([.text(label, isStale && count > 0 ? .warning : .label), .integer(count)], styles: styles)
        }
        guard !stale.isEmpty else { return }
        let named = stale.prefix(SheetWriter.approvalsListed).map { "\($0.symbol) (as of \($0.asOf))" }
        let more = stale.count > named.count ? ", and \(stale.count - named.count) more" : ""
        try sheet.addRow([.blank, SheetCell(content: .text(SheetCell.fitted("Stale: " + named.joined(separator: ", ") + more
            + "; see Price Provenance.")), style: .warning, width: 0)], styles: styles)
    }

    /// The most `Needs Approval` exceptions the Summary writes out.
    static let approvalsListed = 25

    /// Every field of `Settings`, in the Settings sheet's words.
    /// Each setting `overrides` gives a value other than `settings`', as `Lot Method FIFO`.
    private func ownSettings(_ overrides: SettingOverrides, against settings: Settings) -> [String] {
        var own: [String] = []
        if let method = overrides.lotMethod, method != settings.lotMethod { own.append("Lot Method \(method.rawValue)") }
        if let amount = overrides.minTrade, amount != settings.minTrade { own.append("Min Trade \(amount.formatted)") }
        if let harvest = overrides.harvestLosses, harvest != settings.harvestLosses {
            own.append("Harvest Losses \(harvest.yesNo)")
        }
        if let amount = overrides.harvestMinLoss, amount != settings.harvestMinLoss {
            own.append("Harvest Min Loss \(amount.formatted)")
        }
        if let rate = overrides.harvestMinLossPercent, rate != settings.harvestMinLossPercent {
            own.append("Harvest Min Loss Pct \(rate.percentText)")
        }
        if let edge = overrides.rebalanceTo, edge != settings.rebalanceTo { own.append("Rebalance To \(edge.rawValue)") }
        return own
    }

    private func settingsRows(_ settings: Settings) -> [(String, SheetCell)] {
        settings.workbookRows
    }

    /// One row per account: trades, amounts, tax against budget, cash; totals below.
    private func writeAccountTotals(into sheet: inout XLSXSheet) throws {
        try sheet.addRow([.text("Accounts", .section)], styles: styles)
        let columns = ["Account", "Name", "Type", "Household", "Trades", "Sells", "Buys", "Tax Impact",
                       "Tax Budget", "Budget Left", "Cash Before", "Cash After", "Withdrawal", "Withdrawal Paid"]
        try sheet.addRow(columns.map { .text($0, .header) }, styles: styles)

        struct Activity { var trades = 0, sells = Money.zero, buys = Money.zero }
        var activity = [String: Activity]()
        for trade in plan.trades {
            var entry = activity[trade.account, default: Activity()]
            entry.trades += 1
            if trade.side == .sell { entry.sells += trade.amount } else { entry.buys += trade.amount }
            activity[trade.account] = entry
        }
        var taxByAccount = [String: TaxImpactRow]()
        for row in plan.taxImpact { taxByAccount[row.account] = row }
        var cashByAccount = [String: CashRow]()
        for row in plan.cash { cashByAccount[row.account] = row }

        let firstRow = sheet.nextRowNumber
        var trades = 0
        /// Totals of columns 5...7 and 10...13.
        var sums = [Int: Money]()
        for account in plan.accounts {
            let done = activity[account.id] ?? Activity()
            let tax = taxByAccount[account.id]
            let cash = cashByAccount[account.id]
            let budget = tax?.taxBudget ?? account.taxBudget
            let amounts: [Int: Money] = [
                5: done.sells, 6: done.buys, 7: tax?.taxImpact ?? .zero,
                10: cash?.cashBefore ?? account.cash, 11: cash?.cashAfter ?? account.cash,
                12: cash?.withdrawal ?? account.withdrawal, 13: cash?.withdrawalPaid ?? .zero,
            ]
            for (column, amount) in amounts { sums[column, default: .zero] += amount }
            trades += done.trades
            try sheet.addRow([
                .text(account.id), .text(account.name), .text(account.type.rawValue), .text(account.household),
                .integer(done.trades), .money(done.sells), .money(done.buys), .money(amounts[7]!),
                budget.cell, budget.left(after: amounts[7]!).map { .money($0) } ?? .text("Unlimited"),
                .money(amounts[10]!), .money(amounts[11]!), .money(amounts[12]!), .money(amounts[13]!),
            ], styles: styles)
        }
        let rows = plan.accounts.isEmpty ? nil : firstRow...(sheet.nextRowNumber - 1)
        var cells: [Int: SheetCell] = [:]
        for column in [5, 6, 7, 10, 11, 12, 13] {
            cells[column] = Totals.sum(column: column, rows: rows, value: sums[column] ?? .zero)
        }
        if let rows {
            cells[4] = .formula("=SUM(E\(rows.lowerBound):E\(rows.upperBound))", value: Double(trades), .integerTotal)
        } else {
            cells[4] = .integer(0, .integerTotal)
        }
        try sheet.addRow(Totals.row(label: "Total", width: columns.count, cells: cells), styles: styles)
    }
}
