/// An account's marginal rates on short-term and long-term net gains.
public struct TaxRates: Sendable, Hashable {
    /// The rate on remaining net short-term gain (ordinary income plus NIIT by default).
    public var shortTerm: Rate
    /// The rate on remaining net long-term gain.
    public var longTerm: Rate

    /// Rates between 0 and 1.
    public init(shortTerm: Rate, longTerm: Rate) {
        precondition(shortTerm >= .zero && shortTerm <= .one, "a tax rate is a fraction of 0...1")
        precondition(longTerm >= .zero && longTerm <= .one, "a tax rate is a fraction of 0...1")
        self.shortTerm = shortTerm
        self.longTerm = longTerm
    }

    /// The Settings defaults: 0.408 short-term (37% + 3.8% NIIT) and 0.238 long-term (20% + 3.8%).
    public static let workbookDefault = TaxRates(
        shortTerm: Rate(millionths: 408_000), longTerm: Rate(millionths: 238_000))

    /// The rate for gains of `term`.
    public func rate(for term: Term) -> Rate {
        term == .shortTerm ? shortTerm : longTerm
    }

    /// Tax on net gains, netted across terms, never below zero, rounded once to the cent.
    ///
    /// A net loss in one term offsets a net gain in the other (26 USC 1222(5)–(11), Pub 550
    /// "Capital Gains and Losses"); tax = ST rate × remaining net ST gain + LT rate ×
    /// remaining net LT gain, the total rounded half up. The $3,000 ordinary-income offset
    /// (26 USC 1211(b)) is not modelled: a net loss simply owes nothing.
    public func tax(netShortTerm: Money, netLongTerm: Money) -> Money {
        let remaining = TaxRates.remainingGains(netShortTerm: netShortTerm, netLongTerm: netLongTerm)
        let shortPart = WideUInt.product(UInt64(remaining.shortTerm.cents), UInt64(shortTerm.millionths))
        let longPart = WideUInt.product(UInt64(remaining.longTerm.cents), UInt64(longTerm.millionths))
        let cents = (shortPart + longPart).dividedRoundingHalfUp(by: UInt64(Rate.scale))
        return Money(cents: signed(cents, negative: false))
    }

    /// The net gains left in each term after a net loss in one term offsets the other.
    ///
    /// Both are zero or positive: a term's loss first absorbs the other term's gain and
    /// what is left over owes nothing.
    public static func remainingGains(netShortTerm: Money, netLongTerm: Money)
        -> (shortTerm: Money, longTerm: Money)
    {
        switch (netShortTerm.isNegative, netLongTerm.isNegative) {
        case (false, false): return (netShortTerm, netLongTerm)
        case (true, true): return (.zero, .zero)
        case (true, false): return (.zero, .max(.zero, netLongTerm + netShortTerm))
        case (false, true): return (.max(.zero, netShortTerm + netLongTerm), .zero)
        }
    }
}

/// How an account is taxed: whether it is, and at which rates.
public struct AccountTaxProfile: Sendable, Hashable {
    /// Whether sales realize taxable gains and losses (see `AccountType.isTaxed`).
    public var isTaxed: Bool
    /// The account's rates (the Accounts columns, else the Settings defaults).
    public var rates: TaxRates

    /// A profile; untaxed accounts keep their rates only for lot order.
    public init(isTaxed: Bool, rates: TaxRates = .workbookDefault) {
        self.isTaxed = isTaxed
        self.rates = rates
    }

    /// The profile of an account of `type` at `rates`.
    public init(type: AccountType, rates: TaxRates = .workbookDefault) {
        self.init(isTaxed: type.isTaxed, rates: rates)
    }
}
