/// One trade: one row per account, symbol, side and phase (the Trades sheet).
public struct Trade: Sendable, Hashable {
    public var account: String
    public var symbol: String
    public var side: Side
    public var quantity: Quantity
    public var price: Price
    /// Positive on both sides: for a sale the sum of its lots' proceeds, for a buy quantity × price.
    public var amount: Money
    public var phase: Phase
    /// A sentence a CIO can read: what, why, which lots, what tax.
    public var reason: String
    /// Gain + disallowed loss of the lots sold, short-term (allowed part only).
    public var realizedShortTerm: Money
    public var realizedLongTerm: Money
    /// This trade's increment of the account's tax estimate, in execution order.
    public var estimatedTax: Money

    public init(account: String, symbol: String, side: Side, quantity: Quantity, price: Price, amount: Money,
                phase: Phase, reason: String, realizedShortTerm: Money = .zero, realizedLongTerm: Money = .zero,
                estimatedTax: Money = .zero) {
        self.account = account
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.amount = amount
        self.phase = phase
        self.reason = reason
        self.realizedShortTerm = realizedShortTerm
        self.realizedLongTerm = realizedLongTerm
        self.estimatedTax = estimatedTax
    }
}

/// One lot (or part of one) sold (the Lots Sold sheet).
public struct LotSold: Sendable, Hashable {
    public var account: String
    public var symbol: String
    public var lotID: String
    public var acquired: CivilDate
    public var quantity: Quantity
    public var costBasis: Money
    public var proceeds: Money
    /// Proceeds − cost basis; negative for a loss.
    public var gain: Money
    public var term: Term
    /// The part of a loss disallowed by a wash sale, as a positive amount.
    public var disallowedLoss: Money
    public var phase: Phase
    /// For shares the run split off a held lot when a loss moved into their basis (a wash
    /// sale's replacement, 26 USC 1091(d)), the Lots sheet's lot they came from.
    /// A constant: a row with a variable `String?` was copied whole and the copy let go each
    /// time one was made and appended, every name retained and released (callgrind: 0.4% of
    /// planning's instructions), which a constant is not.
    public let restatedFrom: String?

    public init(account: String, symbol: String, lotID: String, acquired: CivilDate, quantity: Quantity,
                costBasis: Money, proceeds: Money, gain: Money, term: Term, disallowedLoss: Money = .zero, phase: Phase,
                restatedFrom: String? = nil) {
        self.account = account
        self.symbol = symbol
        self.lotID = lotID
        self.acquired = acquired
        self.quantity = quantity
        self.costBasis = costBasis
        self.proceeds = proceeds
        self.gain = gain
        self.term = term
        self.disallowedLoss = disallowedLoss
        self.phase = phase
        self.restatedFrom = restatedFrom
    }
}

/// One account's tax before and after the run (the Tax Impact sheet).
public struct TaxImpactRow: Sendable, Hashable {
    public var account: String
    public var realizedShortTermYTD: Money
    public var realizedLongTermYTD: Money
    public var shortTermCarryforward: Money
    public var longTermCarryforward: Money
    /// The run's gains and losses, losses as positive sizes.
    public var shortTermGains: Money
    public var shortTermLosses: Money
    public var longTermGains: Money
    public var longTermLosses: Money
    public var netShortTerm: Money
    public var netLongTerm: Money
    public var taxBefore: Money
    public var taxAfter: Money
    public var taxImpact: Money
    public var taxBudget: TaxBudget
    /// nil when the budget is unlimited; negative when passed.
    public var budgetLeft: Money?
    public var disallowedLoss: Money
    /// Earlier losses of this account that manual buys of the run disallow after the loss
    /// was realized (a Transactions sale, or a sale earlier in the run), added back to net ST
    /// and net LT: Net = YTD − carryforward + gains − losses + added back.
    public var shortTermAddedBack: Money
    public var longTermAddedBack: Money
    /// Tax from this account's earlier losses that buys in other accounts of the household
    /// disallow: part of the impact, on none of this account's trades.
    public var taxFromOtherAccounts: Money

    public init(account: String, realizedShortTermYTD: Money, realizedLongTermYTD: Money,
                shortTermCarryforward: Money, longTermCarryforward: Money, shortTermGains: Money,
                shortTermLosses: Money, longTermGains: Money, longTermLosses: Money, netShortTerm: Money,
                netLongTerm: Money, taxBefore: Money, taxAfter: Money, taxImpact: Money, taxBudget: TaxBudget,
                budgetLeft: Money?, disallowedLoss: Money, shortTermAddedBack: Money = .zero,
                longTermAddedBack: Money = .zero, taxFromOtherAccounts: Money = .zero) {
        self.account = account
        self.realizedShortTermYTD = realizedShortTermYTD
        self.realizedLongTermYTD = realizedLongTermYTD
        self.shortTermCarryforward = shortTermCarryforward
        self.longTermCarryforward = longTermCarryforward
        self.shortTermGains = shortTermGains
        self.shortTermLosses = shortTermLosses
        self.longTermGains = longTermGains
        self.longTermLosses = longTermLosses
        self.netShortTerm = netShortTerm
        self.netLongTerm = netLongTerm
        self.taxBefore = taxBefore
        self.taxAfter = taxAfter
        self.taxImpact = taxImpact
        self.taxBudget = taxBudget
        self.budgetLeft = budgetLeft
        self.disallowedLoss = disallowedLoss
        self.shortTermAddedBack = shortTermAddedBack
        self.longTermAddedBack = longTermAddedBack
        self.taxFromOtherAccounts = taxFromOtherAccounts
    }
}

/// One account's cash reconciliation (the Cash sheet):
/// Cash After = Cash Before + Sell Proceeds − Buy Cost − Withdrawal Paid, to the cent.
public struct CashRow: Sendable, Hashable {
    public var account: String
    public var cashBefore: Money
    public var sellProceeds: Money
    public var buyCost: Money
    public var withdrawal: Money
    public var withdrawalPaid: Money
    public var cashAfter: Money
    public var cashTarget: Rate
    /// Cash After / investable value after the run; nil when the investable value is zero.
    public var cashWeightAfter: Double?

    public init(account: String, cashBefore: Money, sellProceeds: Money, buyCost: Money, withdrawal: Money,
                withdrawalPaid: Money, cashAfter: Money, cashTarget: Rate, cashWeightAfter: Double?) {
        self.account = account
        self.cashBefore = cashBefore
        self.sellProceeds = sellProceeds
        self.buyCost = buyCost
        self.withdrawal = withdrawal
        self.withdrawalPaid = withdrawalPaid
        self.cashAfter = cashAfter
        self.cashTarget = cashTarget
        self.cashWeightAfter = cashWeightAfter
    }
}

/// What a Drift row describes.
public enum DriftLevel: String, Sendable, Hashable, Codable {
    case security = "Security"
    case sector = "Sector"
    case group = "Group"
}

/// Why something is outside its band after the run, or `In Band`. When several rules
/// apply, the first in this order is named (WORKBOOK.md, Output workbook).
public enum DriftStatus: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case inBand = "In Band"
    case taxBudget = "Tax Budget"
    case washSale = "Wash Sale"
    case restricted = "Restricted"
    case groupCap = "Group Cap"
    case sectorBand = "Sector Band"
    case minTrade = "Min Trade"
    case cash = "Cash"
    case rounding = "Rounding"
    case manual = "Manual"
    case earlierPhase = "Earlier Phase"

    /// The status's place in the order above, as `allCases` lists them. (Searched for among
    /// `allCases`, it cost more than noting a stop; callgrind.)
    var order: Int {
        switch self {
        case .inBand: 0
        case .taxBudget: 1
        case .washSale: 2
        case .restricted: 3
        case .groupCap: 4
        case .sectorBand: 5
        case .minTrade: 6
        case .cash: 7
        case .rounding: 8
        case .manual: 9
        case .earlierPhase: 10
        }
    }

    public static func < (a: DriftStatus, b: DriftStatus) -> Bool { a.order < b.order }
}

/// One security, sector or group of one account, before and after (the Drift sheet).
/// Weights are fractions of the account's investable value.
public struct DriftRow: Sendable, Hashable {
    public var account: String
    public var level: DriftLevel
    public var name: String
    /// nil for a group (it has a cap, not a target) and for legacy holdings.
    public var target: Double?
    public var low: Double?
    public var high: Double?
    public var weightBefore: Double
    public var weightAfter: Double
    public var status: DriftStatus

    public init(account: String, level: DriftLevel, name: String, target: Double?, low: Double?, high: Double?,
                weightBefore: Double, weightAfter: Double, status: DriftStatus) {
        self.account = account
        self.level = level
        self.name = name
        self.target = target
        self.low = low
        self.high = high
        self.weightBefore = weightBefore
        self.weightAfter = weightAfter
        self.status = status
    }
}

/// One row of the Audit Log: a rule that made or changed a decision.
public struct AuditEntry: Sendable, Hashable {
    public var seq: Int
    public var phase: Phase?
    // Constants, as a Lots Sold row's Restated From: a row with a variable `String?` was
    // copied whole and the copy let go each time one was made and appended (callgrind).
    public let account: String?
    public let symbol: String?
    /// The rule, in the contract's words: `Tax Budget`, `Wash Sale`, `Min Trade`, `Lot Order`…
    public var rule: String
    /// What was decided: `Sold`, `Skipped`, `Cut`, `Blocked`, `Bought`…
    public var decision: String
    public var detail: String

    public init(seq: Int, phase: Phase?, account: String?, symbol: String?, rule: String, decision: String, detail: String) {
        self.seq = seq
        self.phase = phase
        self.account = account
        self.symbol = symbol
        self.rule = rule
        self.decision = decision
        self.detail = detail
    }
}

/// One row of the Exceptions sheet.
public struct PlanException: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
        case needsApproval = "Needs Approval"
        case warning = "Warning"
        case info = "Info"
    }

    public var severity: Severity
    /// An account, `Account/Symbol`, or a workbook cell such as `Lots!D7`.
    public var place: String
    public var message: String

    public init(severity: Severity, place: String, message: String) {
        self.severity = severity
        self.place = place
        self.message = message
    }
}

/// A position's quantity before and after one phase, in one account.
public struct PositionChange: Sendable, Hashable {
    public var symbol: String
    public var before: Quantity
    public var after: Quantity

    public init(symbol: String, before: Quantity, after: Quantity) {
        self.symbol = symbol
        self.before = before
        self.after = after
    }
}

/// What one phase changed in one account: positions, cash and tax, not full copies.
public struct PhaseChange: Sendable, Hashable {
    public var phase: Phase
    public var account: String
    public var positions: [PositionChange]
    public var cashBefore: Money
    public var cashAfter: Money
    public var taxBefore: Money
    public var taxAfter: Money

    public init(phase: Phase, account: String, positions: [PositionChange], cashBefore: Money, cashAfter: Money,
                taxBefore: Money, taxAfter: Money) {
        self.phase = phase
        self.account = account
        self.positions = positions
        self.cashBefore = cashBefore
        self.cashAfter = cashAfter
        self.taxBefore = taxBefore
        self.taxAfter = taxAfter
    }
}
