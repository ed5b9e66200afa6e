/// The engine's whole answer for one run: every trade with its reason and lots, the tax,
/// cash and drift it leaves, the wash-sale findings, the audit trail, the exceptions, and
/// what each phase changed. Rows are in the order the output workbook lists them.
public struct Plan: Sendable, Hashable {
    public var settings: Settings
    /// Accounts in Account order, as the plan saw them.
    public var accounts: [Account]
    /// In execution order: phase, then account, then the phase's own order.
    public var trades: RowList<Trade>
    public var lotsSold: RowList<LotSold>
    public var taxImpact: RowList<TaxImpactRow>
    public var cash: RowList<CashRow>
    public var drift: RowList<DriftRow>
    public var prices: [ResolvedPrice]
    public var washSales: RowList<WashSaleRecord>
    public var auditLog: RowList<AuditEntry>
    public var exceptions: RowList<PlanException>
    public var phaseChanges: RowList<PhaseChange>

    public init(settings: Settings, accounts: [Account] = [], trades: [Trade] = [], lotsSold: [LotSold] = [],
                taxImpact: [TaxImpactRow] = [], cash: [CashRow] = [], drift: [DriftRow] = [],
                prices: [ResolvedPrice] = [], washSales: [WashSaleRecord] = [], auditLog: [AuditEntry] = [],
                exceptions: [PlanException] = [], phaseChanges: [PhaseChange] = []) {
        self.settings = settings
        self.accounts = accounts
        self.trades = RowList(trades)
        self.lotsSold = RowList(lotsSold)
        self.taxImpact = RowList(taxImpact)
        self.cash = RowList(cash)
        self.drift = RowList(drift)
        self.prices = prices
        self.washSales = RowList(washSales)
        self.auditLog = RowList(auditLog)
        self.exceptions = RowList(exceptions)
        self.phaseChanges = RowList(phaseChanges)
    }

    /// The exceptions as the Exceptions sheet and the Summary list them: `Needs Approval`,
    /// then `Warning`, then `Info`, each severity's in the order the run raised them.
    public var exceptionsBySeverity: [PlanException] {
        PlanException.Severity.allCases.flatMap { severity in exceptions.filter { $0.severity == severity } }
    }
}
