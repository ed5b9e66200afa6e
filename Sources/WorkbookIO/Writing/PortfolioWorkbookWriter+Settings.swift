import RebalanceEngine

extension InputSheetWriter {
    /// Settings: one Setting/Value row per key, under the contract's key names.
    func writeSettings() throws {
        let settings = portfolio.settings
        let rows: [(String, SheetCell)] = [
            ("As Of Date", .date(settings.asOf)),
            ("Short-Term Rate", .rate(settings.rates.shortTerm)),
            ("Long-Term Rate", .rate(settings.rates.longTerm)),
            ("Tax Budget", settings.taxBudget.cell),
            ("Min Trade", .money(settings.minTrade)),
            ("Fractional Shares", .text(settings.fractionalShares.yesNo)),
            ("Lot Method", .text(settings.lotMethod.rawValue)),
            ("Default Band", .rate(settings.defaultBand)),
            ("Rebalance To", .text(settings.rebalanceTo.rawValue)),
            ("Cash Target", .rate(settings.cashTarget)),
            ("Harvest Losses", .text(settings.harvestLosses.yesNo)),
            ("Harvest Min Loss", .money(settings.harvestMinLoss)),
            ("Harvest Min Loss %", .rate(settings.harvestMinLossPercent)),
            ("Wash Sale Days", .integer(settings.washSaleDays)),
            ("Price Max Age Days", .integer(settings.priceMaxAgeDays)),
            ("Allow Stale Prices", .text(settings.allowStalePrices.yesNo)),
        ]
        try writeTable("Settings", columns: ["Setting", "Value"], rows: rows, count: rows.count) { key, value in
            [.text(key, .label), value]
        }
    }
}
