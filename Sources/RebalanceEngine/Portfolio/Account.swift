/// One account as the Accounts sheet (or, without one, the Lots sheet) gives it, every
/// Settings default already applied.
public struct Account: Sendable, Hashable {
    public var id: String
    public var name: String
    public var household: String
    public var type: AccountType
    public var cash: Money
    /// The resolved cash target: the Accounts column, else the model's `CASH` row, else Settings.
    public var cashTarget: Rate
    public var withdrawal: Money
    public var taxBudget: TaxBudget
    public var rates: TaxRates
    public var realizedShortTermYTD: Money
    public var realizedLongTermYTD: Money
    /// Carryforwards as positive sizes.
    public var shortTermCarryforward: Money
    public var longTermCarryforward: Money
    /// The model name; empty for the default model.
    public var model: String
    /// The Settings values the account's own Accounts columns give it.
    public var overrides = SettingOverrides()

    public init(id: String, name: String, household: String, type: AccountType, cash: Money,
                cashTarget: Rate, withdrawal: Money, taxBudget: TaxBudget, rates: TaxRates,
                realizedShortTermYTD: Money = .zero, realizedLongTermYTD: Money = .zero,
                shortTermCarryforward: Money = .zero, longTermCarryforward: Money = .zero,
                model: String = "") {
        self.id = id
        self.name = name
        self.household = household
        self.type = type
        self.cash = cash
        self.cashTarget = cashTarget
        self.withdrawal = withdrawal
        self.taxBudget = taxBudget
        self.rates = rates
        self.realizedShortTermYTD = realizedShortTermYTD
        self.realizedLongTermYTD = realizedLongTermYTD
        self.shortTermCarryforward = shortTermCarryforward
        self.longTermCarryforward = longTermCarryforward
        self.model = model
    }
}
