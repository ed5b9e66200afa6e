import RebalanceEngine

extension Settings {
    /// Every setting as a Setting/Value row under the contract's key names, as the input
    /// workbook's Settings sheet and the CIO workbook's Summary both list them.
    var workbookRows: [(String, SheetCell)] {
        [
            ("As Of Date", .date(self.asOf)),
            ("Short-Term Rate", .rate(self.rates.shortTerm)),
            ("Long-Term Rate", .rate(self.rates.longTerm)),
            ("Tax Budget", self.taxBudget.cell),
            ("Min Trade", .money(self.minTrade)),
            ("Fractional Shares", .text(self.fractionalShares.yesNo)),
            ("Lot Method", .text(self.lotMethod.rawValue)),
            ("Default Band", .rate(self.defaultBand)),
            ("Rebalance To", .text(self.rebalanceTo.rawValue)),
            ("Cash Target", .rate(self.cashTarget)),
            ("Harvest Losses", .text(self.harvestLosses.yesNo)),
            ("Harvest Min Loss", .money(self.harvestMinLoss)),
            ("Harvest Min Loss Pct", .rate(self.harvestMinLossPercent)),
            ("Wash Sale Days", .integer(self.washSaleDays)),
            ("Price Max Age Days", .integer(self.priceMaxAgeDays)),
            ("Allow Stale Prices", .text(self.allowStalePrices.yesNo)),
        ]
    }
}
