/// What the engine rebalances toward inside a band.
public enum RebalanceTo: String, Sendable, Hashable, Codable {
    case target = "Target"
    case bandEdge = "Band Edge"
}

/// The run's settings as understood from the Settings sheet, with the contract's defaults.
public struct Settings: Sendable, Hashable {
    public var asOf: CivilDate
    public var rates: TaxRates
    public var taxBudget: TaxBudget
    public var minTrade: Money
    public var fractionalShares: Bool
    public var lotMethod: LotMethod
    public var defaultBand: Rate
    public var rebalanceTo: RebalanceTo
    public var cashTarget: Rate
    public var harvestLosses: Bool
    public var harvestMinLoss: Money
    public var harvestMinLossPercent: Rate
    public var washSaleDays: Int
    public var priceMaxAgeDays: Int
    public var allowStalePrices: Bool

    /// The contract's defaults (WORKBOOK.md, Settings keys) on a given as-of date.
    public init(asOf: CivilDate) {
        self.asOf = asOf
        rates = .workbookDefault
        taxBudget = .unlimited
        minTrade = Money(dollars: 100)
        fractionalShares = false
        lotMethod = .taxOptimal
        defaultBand = Rate(millionths: 20_000)
        rebalanceTo = .target
        cashTarget = Rate(millionths: 10_000)
        harvestLosses = true
        harvestMinLoss = Money(dollars: 1_000)
        harvestMinLossPercent = Rate(millionths: 50_000)
        washSaleDays = 30
        priceMaxAgeDays = 5
        allowStalePrices = false
    }
}
