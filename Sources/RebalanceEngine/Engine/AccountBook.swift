/// One model symbol's place in an account: its target after scaling and its band, as
/// fractions of the account's investable value.
struct Slot: Sendable {
    let symbol: String
    /// The model's target, before scaling.
    let modelTarget: Rate
    /// The target after scaling (targets + cash target = 1).
    let target: Double
    let band: Double
    let sector: String?

    var low: Double { max(0, target - band) }
    var high: Double { target + band }
}

/// One account as the phases work on it: its lots, cash and tax ledger, its targets, and
/// what the run has done to it so far.
struct AccountBook: Sendable {
    let account: Account
    let index: Int
    var lotsBySymbol: [String: [TaxLot]]
    var cash: Money
    var ledger: TaxLedger
    var sellProceeds = Money.zero
    var buyCost = Money.zero
    var withdrawalPaid = Money.zero
    /// Tax added by buys in other household accounts that disallow this account's losses.
    var taxFromOtherAccounts = Money.zero
    /// Whether Raise Cash has settled the withdrawal (paid, or paid short).
    var withdrawalSettled = false
    /// Symbols bought and sold in this run: never both.
    var bought: Set<String> = []
    var sold: Set<String> = []
    /// Symbols the PM's manual trades bought or sold.
    var manual: Set<String> = []
    /// The model's slots in model order, targets scaled.
    var slots: [Slot] = []
    /// The slot each symbol counts toward: model symbols and their stand-ins.
    var slotIndexBySymbol: [String: Int] = [:]
    /// Sector targets (sum of the slots' scaled targets in each sector).
    var sectorTargets: [String: Double] = [:]
    /// What stopped the engine from moving each drift line (`Security`/`Sector`/`Group` and name).
    var stops: [DriftKey: Set<DriftStatus>] = [:]
    /// Symbols whose lots the run has bought, for naming new lots.
    var buyCount = 0

    init(account: Account, index: Int, lots: [TaxLot]) {
        self.account = account
        self.index = index
        var bySymbol: [String: [TaxLot]] = [:]
        for lot in lots { bySymbol[lot.symbol, default: []].append(lot) }
        lotsBySymbol = bySymbol
        cash = account.cash
        ledger = TaxLedger(
            profile: AccountTaxProfile(type: account.type, rates: account.rates),
            realizedShortTermYTD: account.realizedShortTermYTD,
            realizedLongTermYTD: account.realizedLongTermYTD,
            shortTermCarryforward: account.shortTermCarryforward,
            longTermCarryforward: account.longTermCarryforward)
    }

    var id: String { account.id }
    var isTaxed: Bool { account.type.isTaxed }

    func quantity(of symbol: String) -> Quantity {
        lotsBySymbol[symbol]?.reduce(Quantity.zero) { $0 + $1.quantity } ?? .zero
    }

    /// Held symbols, sorted.
    var heldSymbols: [String] {
        lotsBySymbol.keys.filter { !(lotsBySymbol[$0]?.isEmpty ?? true) }.sorted()
    }

    /// The tax budget left: `nil` when unlimited.
    var budgetLeft: Money? { account.taxBudget.left(after: ledger.impact) }

    mutating func noteStop(_ key: DriftKey, _ status: DriftStatus) {
        stops[key, default: []].insert(status)
    }
}

/// A line of the Drift sheet, as the phases note what stopped it.
struct DriftKey: Sendable, Hashable {
    let level: DriftLevel
    let name: String

    static func security(_ name: String) -> DriftKey { DriftKey(level: .security, name: name) }
    static func sector(_ name: String) -> DriftKey { DriftKey(level: .sector, name: name) }
    static func group(_ name: String) -> DriftKey { DriftKey(level: .group, name: name) }
}
