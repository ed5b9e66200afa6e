extension Transaction {
    /// Whether the row is a sale at a loss; a blank Realized Gain counts as a loss.
    ///
    /// A Transactions sale's Realized Gain only says whether it was a loss: Realized ST/LT
    /// YTD stay authoritative for netting.
    public var isLossSale: Bool {
        side == .sell && (realizedGain.map(\.isNegative) ?? true)
    }
}
