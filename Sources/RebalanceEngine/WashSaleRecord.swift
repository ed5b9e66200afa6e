/// A row of the Wash Sale sheet: a block, a loss sale, or a disallowed loss.
public struct WashSaleRecord: Sendable, Hashable {
    /// What happened, in the sheet's words.
    public enum Action: String, Sendable, Hashable, Codable, CustomStringConvertible {
        /// A buy the tool did not make: a loss sale's window covers the family.
        case buyBlocked = "Buy Blocked"
        /// A loss sale the tool did not make: an unmatched replacement share exists.
        case lossSaleBlocked = "Loss Sale Blocked"
        /// A loss sale in a taxed account, which opens a window.
        case lossSale = "Loss Sale"
        /// A loss disallowed by replacement shares.
        case disallowed = "Disallowed"

        /// The sheet's spelling.
        public var description: String { rawValue }
    }

    /// What happened.
    public var action: Action
    /// The account buying (`Buy Blocked`) or selling (the others).
    public var account: String
    /// The household of the account.
    public var household: String
    /// The symbol bought or sold.
    public var symbol: String
    /// The symbol's family.
    public let family: WashSaleFamily
    /// The other side's date: the loss sale's (`Buy Blocked`, `Loss Sale`), or the
    /// replacement purchase's (`Loss Sale Blocked`, `Disallowed`).
    public var conflictDate: CivilDate
    /// The other side's account.
    public var conflictAccount: String
    /// The last day of the window: a loss sale's date + Wash Sale Days, or for a blocked
    /// loss sale the latest conflicting purchase's date + Wash Sale Days.
    public var windowEnds: CivilDate
    /// Shares sold, blocked or matched, when known.
    public var quantity: Quantity?
    /// The sold lot, for run sales.
    public let lotID: String?
    /// The sale's loss as a size, when known.
    public var loss: Money?
    /// The disallowed part of the loss (`Disallowed` rows), when known.
    public var disallowedLoss: Money?
    /// Where a disallowed loss goes (`Disallowed` rows).
    ///
    /// This, the family and the Lot ID are constants (`replacing(_:disallowedLoss:)` makes a
    /// record anew): a record with a variable optional of names was copied whole after its
    /// initializer, every name retained and then released, at each record made (callgrind),
    /// as Lots Sold and Audit Log rows were.
    public let replacement: ReplacementAdjustment?
    /// A plain-English sentence for the Note column.
    public var note: String

    /// A record.
    public init(
        action: Action, account: String, household: String, symbol: String,
        family: WashSaleFamily, conflictDate: CivilDate, conflictAccount: String,
        windowEnds: CivilDate, quantity: Quantity? = nil, lotID: String? = nil,
        loss: Money? = nil, disallowedLoss: Money? = nil,
        replacement: ReplacementAdjustment? = nil, note: String
    ) {
        self.action = action
        self.account = account
        self.household = household
        self.symbol = symbol
        self.family = family
        self.conflictDate = conflictDate
        self.conflictAccount = conflictAccount
        self.windowEnds = windowEnds
        self.quantity = quantity
        self.lotID = lotID
        self.loss = loss
        self.disallowedLoss = disallowedLoss
        self.replacement = replacement
        self.note = note
    }

    /// The record with `replacement` where it goes, and its disallowed loss.
    func replacing(_ replacement: ReplacementAdjustment, disallowedLoss: Money?) -> WashSaleRecord {
        WashSaleRecord(
            action: action, account: account, household: household, symbol: symbol, family: family,
            conflictDate: conflictDate, conflictAccount: conflictAccount, windowEnds: windowEnds, quantity: quantity,
            lotID: lotID, loss: loss, disallowedLoss: disallowedLoss, replacement: replacement, note: note)
    }
}

/// What a disallowed loss does to the replacement shares, for reporting.
///
/// The disallowed loss moves into the replacement shares' basis and the sold shares'
/// holding period into theirs (26 USC 1091(d), 1223(3)); a replacement in an untaxed
/// account takes neither, and the loss is lost (Rev. Rul. 2008-5).
public struct ReplacementAdjustment: Sendable, Hashable {
    /// The account holding the replacement shares.
    public var account: String
    /// The replacement symbol.
    public var symbol: String
    /// The replacement purchase's date.
    public var acquired: CivilDate
    /// Replacement shares matched to the loss.
    public var shares: Quantity
    /// The disallowed loss allotted to these shares.
    public var disallowedLoss: Money
    /// Whether the replacement sits in an untaxed account, so the loss is lost.
    public var isLost: Bool
    /// The matched shares' own cost, when known.
    public var basisBefore: Money?
    /// Their basis with the disallowed loss added; `nil` when lost or the cost is unknown.
    public var basisAfter: Money?
    /// The date their holding period runs from once the sold shares' period is tacked on;
    /// `nil` when lost or the sold shares' acquisition date is unknown.
    public var holdingPeriodFrom: CivilDate?

    /// An adjustment.
    public init(
        account: String, symbol: String, acquired: CivilDate, shares: Quantity,
        disallowedLoss: Money, isLost: Bool, basisBefore: Money?, basisAfter: Money?,
        holdingPeriodFrom: CivilDate?
    ) {
        self.account = account
        self.symbol = symbol
        self.acquired = acquired
        self.shares = shares
        self.disallowedLoss = disallowedLoss
        self.isLost = isLost
        self.basisBefore = basisBefore
        self.basisAfter = basisAfter
        self.holdingPeriodFrom = holdingPeriodFrom
    }
}

/// An earlier loss that a run purchase disallows, to be added back in the selling account.
///
/// A manual buy inside a window disallows that loss in proportion: loss × matched shares /
/// sold shares (26 USC 1091(a), Pub 550 "Wash Sales"). When the Transactions row lacks
/// Quantity or Realized Gain the amount cannot be known: `disallowedLoss` is `nil` and the
/// phase raises a `Needs Approval` exception naming `missingColumns`.
public struct WashSaleDisallowance: Sendable, Hashable {
    /// The account whose loss is disallowed; the add-back goes to its ledger.
    public var sellingAccount: String
    /// The symbol sold at a loss.
    public var symbol: String
    /// The loss sale's date.
    public var saleDate: CivilDate
    /// The loss sale's term: the Transactions Term column, short-term where absent.
    public var term: Term
    /// Replacement shares of the purchase matched to the sale; `nil` when the sale's
    /// quantity is unknown.
    public var matchedShares: Quantity?
    /// The loss disallowed, as a size; `nil` when it cannot be computed.
    public var disallowedLoss: Money?
    /// The Transactions columns whose absence keeps the amount unknown (`Quantity`, `Realized Gain`).
    public var missingColumns: [String]

    /// A disallowance.
    public init(
        sellingAccount: String, symbol: String, saleDate: CivilDate, term: Term,
        matchedShares: Quantity?, disallowedLoss: Money?, missingColumns: [String]
    ) {
        self.sellingAccount = sellingAccount
        self.symbol = symbol
        self.saleDate = saleDate
        self.term = term
        self.matchedShares = matchedShares
        self.disallowedLoss = disallowedLoss
        self.missingColumns = missingColumns
    }
}
