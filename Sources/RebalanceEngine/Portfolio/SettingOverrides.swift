/// The Settings an account's own Accounts columns override (the contract: "An Accounts column
/// overrides the Settings value for that account; a blank cell keeps the default"), each nil
/// where the account keeps the Settings value. Tax Budget, the rates and Cash Target are the
/// account's own fields; the settings of the run as a whole (As Of Date, Wash Sale Days, the
/// prices' age, Fractional Shares, the models' Default Band) are not overridden per account.
public struct SettingOverrides: Sendable, Hashable {
    public var lotMethod: LotMethod?
    public var minTrade: Money?
    public var harvestLosses: Bool?
    public var harvestMinLoss: Money?
    public var harvestMinLossPercent: Rate?
    public var rebalanceTo: RebalanceTo?

    public init(
        lotMethod: LotMethod? = nil, minTrade: Money? = nil, harvestLosses: Bool? = nil, harvestMinLoss: Money? = nil,
        harvestMinLossPercent: Rate? = nil, rebalanceTo: RebalanceTo? = nil
    ) {
        self.lotMethod = lotMethod
        self.minTrade = minTrade
        self.harvestLosses = harvestLosses
        self.harvestMinLoss = harvestMinLoss
        self.harvestMinLossPercent = harvestMinLossPercent
        self.rebalanceTo = rebalanceTo
    }

    /// Whether the account keeps every Settings value.
    public var isEmpty: Bool { self == SettingOverrides() }

    /// `settings` with these values in place of its own.
    public func applied(to settings: Settings) -> Settings {
        var applied = settings
        if let lotMethod { applied.lotMethod = lotMethod }
        if let minTrade { applied.minTrade = minTrade }
        if let harvestLosses { applied.harvestLosses = harvestLosses }
        if let harvestMinLoss { applied.harvestMinLoss = harvestMinLoss }
        if let harvestMinLossPercent { applied.harvestMinLossPercent = harvestMinLossPercent }
        if let rebalanceTo { applied.rebalanceTo = rebalanceTo }
        return applied
    }
}
