/// What the whole book says of its symbols, fixed for the run: prices, securities,
/// families, caps and sector bands.
struct Universe: Sendable {
    let settings: Settings
    let prices: [String: Price]
    let securities: [String: Security]
    let families: SecurityFamilies
    let groupCaps: [String: Rate]
    let sectorBands: [String: Rate]
    /// The trading step: a whole share, or 0.0001 under Fractional Shares.
    let step: Quantity

    init(_ portfolio: Portfolio) {
        settings = portfolio.settings
        var prices: [String: Price] = [:]
        for resolved in portfolio.prices { prices[resolved.symbol] = resolved.price }
        self.prices = prices
        var securities: [String: Security] = [:]
        var groups: [String: String] = [:]
        for security in portfolio.securities {
            securities[security.symbol] = security
            if let group = security.identicalGroup { groups[security.symbol] = group }
        }
        self.securities = securities
        families = SecurityFamilies(identicalGroups: groups)
        var caps: [String: Rate] = [:]
        for cap in portfolio.groups { caps[cap.group] = cap.maxWeight }
        groupCaps = caps
        var bands: [String: Rate] = [:]
        for band in portfolio.sectors { bands[band.sector] = band.band }
        sectorBands = bands
        step = portfolio.settings.fractionalShares ? .fractionalStep : .wholeShare
    }

    var asOf: CivilDate { settings.asOf }

    func restriction(of symbol: String) -> Restriction? {
        securities[symbol]?.restriction
    }

    func isHold(_ symbol: String) -> Bool { restriction(of: symbol) == .hold }

    func mayBuy(_ symbol: String) -> Bool { restriction(of: symbol) == nil || restriction(of: symbol) == .noSell }

    func maySell(_ symbol: String) -> Bool { restriction(of: symbol) == nil || restriction(of: symbol) == .noBuy }

    func isMarkedPhaseOut(_ symbol: String) -> Bool { securities[symbol]?.phaseOut ?? false }

    func exposureGroup(of symbol: String) -> String? {
        guard let group = securities[symbol]?.exposureGroup, groupCaps[group] != nil else { return nil }
        return group
    }

    /// The price of a symbol the reader has checked is priced.
    func price(of symbol: String) throws(PlanningError) -> Price {
        guard let price = prices[symbol] else { throw .missingPrice(symbol) }
        return price
    }

    /// The value of `quantity` shares of `symbol`.
    func value(of quantity: Quantity, _ symbol: String) -> Money {
        guard let price = prices[symbol] else { return .zero }
        return price.value(of: quantity)
    }

    /// The most whole steps of `symbol` that `amount` pays for, rounded down.
    func quantity(buyableWith amount: Money, _ symbol: String) -> Quantity {
        guard amount > .zero, let price = prices[symbol] else { return .zero }
        return shares(amount, price, roundingUp: false)
    }

    /// `amount` in shares of `price`, in whole steps, rounded down or up.
    func shares(_ amount: Money, _ price: Price, roundingUp: Bool) -> Quantity {
        guard amount > .zero else { return .zero }
        // amount cents / price micro-dollars → micro-shares: cents × 10^4 × 10^6 / micros.
        let numerator = WideUInt.product(UInt64(amount.cents), 10_000_000_000)
        let stepValue = UInt64(price.micros) * UInt64(step.micros)
        var (steps, remainder) = numerator.quotientAndRemainder(dividingBy: stepValue)
        if roundingUp, remainder != 0 { steps += 1 }
        return Quantity(micros: Int64(steps) * step.micros)
    }
}
