/// The engine's whole answer for one run: every trade with its reason and lots, the tax,
/// cash and drift it leaves, the wash-sale findings, the audit trail, the exceptions, and
/// what each phase changed. Rows are in the order the output workbook lists them.
public struct Plan: Sendable, Hashable {
    public var settings: Settings
    /// Accounts in Account order, as the plan saw them.
    public var accounts: [Account]
    /// In execution order: phase, then account, then the phase's own order.
    public var trades: [Trade]
    public var lotsSold: [LotSold]
    public var taxImpact: [TaxImpactRow]
    public var cash: [CashRow]
    public var drift: [DriftRow]
    public var prices: [ResolvedPrice]
    public var washSales: [WashSaleRecord]
    public var auditLog: [AuditEntry]
    public var exceptions: [PlanException]
    public var phaseChanges: [PhaseChange]

    public init(settings: Settings, accounts: [Account] = [], trades: [Trade] = [], lotsSold: [LotSold] = [],
                taxImpact: [TaxImpactRow] = [], cash: [CashRow] = [], drift: [DriftRow] = [],
                prices: [ResolvedPrice] = [], washSales: [WashSaleRecord] = [], auditLog: [AuditEntry] = [],
                exceptions: [PlanException] = [], phaseChanges: [PhaseChange] = []) {
        self.settings = settings
        self.accounts = accounts
        self.trades = trades
        self.lotsSold = lotsSold
        self.taxImpact = taxImpact
        self.cash = cash
        self.drift = drift
        self.prices = prices
        self.washSales = washSales
        self.auditLog = auditLog
        self.exceptions = exceptions
        self.phaseChanges = phaseChanges
    }
}
