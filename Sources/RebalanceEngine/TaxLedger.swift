/// One account's capital gains for the year: what was realized before the run, the
/// carryforwards, and what the run realizes, with the tax estimate they imply.
///
/// Phases record each lot sale in execution order; the increment each record returns is
/// that sale's Est Tax, so a trade's Est Tax is the sum over its lots and all the
/// increments add up to `impact`.
public struct TaxLedger: Sendable, Hashable {
    /// How the account is taxed.
    public let profile: AccountTaxProfile
    /// Realized ST YTD, signed (authoritative for netting).
    public let realizedShortTermYTD: Money
    /// Realized LT YTD, signed.
    public let realizedLongTermYTD: Money
    /// ST Loss Carryforward, as a size (zero or positive).
    public let shortTermCarryforward: Money
    /// LT Loss Carryforward, as a size.
    public let longTermCarryforward: Money
    /// The tax estimate before the run, from the year-to-date figures and carryforwards:
    /// worked out once, where every question of a sale's tax worked it out again (callgrind:
    /// some 20,000 estimates per hundred accounts).
    public let taxBefore: Money

    /// The run's short-term gains (allowed part of each sale with a gain).
    public private(set) var shortTermGains = Money.zero
    /// The run's short-term losses, as a size (only the allowed part of a washed loss).
    public private(set) var shortTermLosses = Money.zero
    /// The run's long-term gains.
    public private(set) var longTermGains = Money.zero
    /// The run's long-term losses, as a size.
    public private(set) var longTermLosses = Money.zero
    /// Earlier short-term losses the run's purchases disallow, added back to net ST.
    public private(set) var shortTermAddedBack = Money.zero
    /// Earlier long-term losses the run's purchases disallow, added back to net LT.
    public private(set) var longTermAddedBack = Money.zero
    /// All loss disallowed by wash sales in this run: on the run's own sales and added back.
    public private(set) var disallowedLoss = Money.zero

    /// A ledger before any trade of the run. Carryforwards are sizes; the reader turns a
    /// negative entry into its size (with a warning).
    public init(
        profile: AccountTaxProfile,
        realizedShortTermYTD: Money = .zero, realizedLongTermYTD: Money = .zero,
        shortTermCarryforward: Money = .zero, longTermCarryforward: Money = .zero
    ) {
        precondition(!shortTermCarryforward.isNegative && !longTermCarryforward.isNegative,
                     "a carryforward is entered as a size")
        self.profile = profile
        self.realizedShortTermYTD = realizedShortTermYTD
        self.realizedLongTermYTD = realizedLongTermYTD
        self.shortTermCarryforward = shortTermCarryforward
        self.longTermCarryforward = longTermCarryforward
        taxBefore = TaxLedger.estimate(
            profile, netShortTerm: realizedShortTermYTD - shortTermCarryforward,
            netLongTerm: realizedLongTermYTD - longTermCarryforward)
    }

    /// Net ST = Realized ST YTD − ST carryforward + the run's ST gains − ST losses
    /// (+ disallowed ST losses added back). Signed, before netting across terms.
    public var netShortTerm: Money {
        realizedShortTermYTD - shortTermCarryforward + shortTermGains - shortTermLosses + shortTermAddedBack
    }

    /// Net LT, built like `netShortTerm`.
    public var netLongTerm: Money {
        realizedLongTermYTD - longTermCarryforward + longTermGains - longTermLosses + longTermAddedBack
    }

    /// The tax estimate with everything the run has recorded so far.
    public var taxAfter: Money {
        estimate(netShortTerm: netShortTerm, netLongTerm: netLongTerm)
    }

    /// The run's tax impact: tax after − tax before. Negative when the run saves tax.
    public var impact: Money { taxAfter - taxBefore }

    /// Records a sale's gain in `term` and returns its Est Tax, the change in the estimate.
    ///
    /// `gain` is the sale's economic gain (proceeds − basis, negative for a loss) and
    /// `disallowedLoss` the part of a loss a wash sale disallows (26 USC 1091(a)); the
    /// realized amount counted is their sum, as in the Trades sheet's Realized columns.
    ///
    /// A later piece of a sale recorded before as one Lots Sold row (a lot the same trade
    /// relieves again) gives `row`, the row's realized amount so far: the row is counted as
    /// one sale, among the gains or the losses by the sign of its total. Each piece counted
    /// by its own sign split a row over both: a cent's gain from rounding in a piece before a
    /// loss piece put that cent in the gains and the losses both (generated `larger` book 23:
    /// LT Gains and LT Losses each a cent above its Lots Sold rows', Net LT the same).
    @discardableResult
    public mutating func record(gain: Money, term: Term, disallowedLoss: Money = .zero, joiningRow row: Money = .zero) -> Money {
        // A later piece of a lot's row may give back a cent its earlier piece disallowed
        // (`WashSaleCalendar.recordSales`): a negative amount, on a loss.
        precondition(!disallowedLoss.isNegative || gain.isNegative, "a disallowed loss is a size")
        precondition(disallowedLoss.cents == 0 || disallowedLoss <= -gain,
                     "only part of a loss can be disallowed")
        let before = taxAfter
        uncount(row, term: term)
        count(row + gain + disallowedLoss, term: term)
        self.disallowedLoss += disallowedLoss
        return taxAfter - before
    }

    /// Records the sale of a lot, with the part of its loss a wash sale disallows.
    @discardableResult
    public mutating func record(_ sale: LotSale, disallowedLoss: Money = .zero) -> Money {
        record(gain: sale.gain, term: sale.term, disallowedLoss: disallowedLoss)
    }

    /// Records a sale's `gain` in `term` as `record(gain:term:)` does, without working out
    /// its Est Tax: for a trial that reads only where the estimate ends (each Est Tax worked
    /// out the estimate twice; callgrind).
    mutating func count(gain: Money, term: Term) {
        count(gain, term: term)
    }

    /// Counts `realized` in its term's gains or, negative, its losses (both kept as sizes).
    private mutating func count(_ realized: Money, term: Term) {
        tally(realized, term: term, by: realized.magnitude)
    }

    /// Takes out what `count` counted for `realized`.
    private mutating func uncount(_ realized: Money, term: Term) {
        tally(realized, term: term, by: -realized.magnitude)
    }

    /// Adds `amount` to the gains or losses of `term` that `realized` belongs to.
    private mutating func tally(_ realized: Money, term: Term, by amount: Money) {
        switch (term, realized.isNegative) {
        case (.shortTerm, false): shortTermGains += amount
        case (.shortTerm, true): shortTermLosses += amount
        case (.longTerm, false): longTermGains += amount
        case (.longTerm, true): longTermLosses += amount
        }
    }

    /// Adds back an earlier loss of `term` that a run purchase disallows, returning the
    /// change in the estimate.
    ///
    /// A manual buy inside a window disallows the earlier loss in proportion to the
    /// replacement shares (26 USC 1091(a)); the loss is already in Realized YTD, so the
    /// disallowed part returns to that sale's term here.
    @discardableResult
    public mutating func addBack(disallowedLoss: Money, term: Term) -> Money {
        precondition(!disallowedLoss.isNegative, "a disallowed loss is a size")
        let before = taxAfter
        switch term {
        case .shortTerm: shortTermAddedBack += disallowedLoss
        case .longTerm: longTermAddedBack += disallowedLoss
        }
        self.disallowedLoss += disallowedLoss
        return taxAfter - before
    }

    /// The estimate for given nets: zero in an untaxed account, else `TaxRates.tax`.
    func estimate(netShortTerm: Money, netLongTerm: Money) -> Money {
        TaxLedger.estimate(profile, netShortTerm: netShortTerm, netLongTerm: netLongTerm)
    }

    /// `estimate(netShortTerm:netLongTerm:)` of an account taxed as `profile` says.
    private static func estimate(_ profile: AccountTaxProfile, netShortTerm: Money, netLongTerm: Money) -> Money {
        guard profile.isTaxed else { return .zero }
        return profile.rates.tax(netShortTerm: netShortTerm, netLongTerm: netLongTerm)
    }
}
