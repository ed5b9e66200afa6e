import RebalanceEngine

/// A portfolio written in a test as a PM would fill the workbook: accounts, lots, one
/// model, prices and securities, with the contract's defaults elsewhere.
struct BookBuilder {
    var settings = Settings(asOf: date("2026-11-20"))
    var accounts: [Account] = []
    var lots: [TaxLot] = []
    var targets: [ModelTarget] = []
    var prices: [String: String] = [:]
    var securities: [Security] = []
    var groups: [ExposureGroupCap] = []
    var sectors: [SectorBand] = []
    var transactions: [Transaction] = []
    var manualTrades: [ManualTrade] = []

    /// Adds an account; rates and budget default to Settings.
    mutating func account(
        _ id: String, type: AccountType = .taxable, household: String = "Smith", cash: String = "0",
        cashTarget: String = "0", withdrawal: String = "0", budget: TaxBudget? = nil,
        ytdST: String = "0", ytdLT: String = "0", carryST: String = "0", carryLT: String = "0"
    ) {
        accounts.append(Account(
            id: id, name: id, household: household, type: type, cash: usd(cash),
            cashTarget: Rate(decimal: cashTarget)!, withdrawal: usd(withdrawal),
            taxBudget: budget ?? settings.taxBudget, rates: settings.rates,
            realizedShortTermYTD: usd(ytdST), realizedLongTermYTD: usd(ytdLT),
            shortTermCarryforward: usd(carryST), longTermCarryforward: usd(carryLT)))
    }

    mutating func hold(
        _ id: String, _ symbol: String, _ count: Int64, basis: String, acquired: String,
        account: String? = nil, term: Term? = nil
    ) {
        lots.append(lot(id, account: account ?? accounts.first!.id, symbol: symbol, shares: count,
                        basis: basis, acquired: acquired, term: term))
    }

    /// A lot of a fractional number of shares, in the first account.
    mutating func hold(_ id: String, _ symbol: String, quantity: String, basis: String, acquired: String) {
        lots.append(TaxLot(lotID: id, account: accounts.first!.id, symbol: symbol, quantity: Quantity(decimal: quantity)!,
                           costBasis: usd(basis), acquired: date(acquired)))
    }

    mutating func target(_ symbol: String, _ weight: String, band: String? = nil, sector: String? = nil) {
        targets.append(ModelTarget(symbol: symbol, target: Rate(decimal: weight)!,
                                   band: band.map { Rate(decimal: $0)! }, sector: sector))
    }

    mutating func security(
        _ symbol: String, identicalGroup: String? = nil, exposureGroup: String? = nil, sector: String? = nil,
        replacements: [String] = [], restriction: Restriction? = nil, phaseOut: Bool = false
    ) {
        securities.append(Security(
            symbol: symbol, sector: sector, identicalGroup: identicalGroup, exposureGroup: exposureGroup,
            replacements: replacements, restriction: restriction, phaseOut: phaseOut))
    }

    mutating func transaction(
        _ account: String, _ day: String, _ symbol: String, _ side: Side, quantity: Int64? = nil,
        price: String? = nil, gain: String? = nil, term: Term? = nil
    ) {
        transactions.append(Transaction(
            account: account, date: date(day), symbol: symbol, side: side, quantity: quantity.map(shares),
            price: price.map { RebalanceEngineTests.price($0) }, realizedGain: gain.map(usd), term: term,
            place: "Transactions!A\(transactions.count + 2)"))
    }

    mutating func manual(_ account: String, _ symbol: String, _ side: Side, _ count: Int64) {
        manualTrades.append(ManualTrade(
            account: account, symbol: symbol, side: side, size: .quantity(shares(count)),
            place: "Manual Trades!A\(manualTrades.count + 2)"))
    }

    var portfolio: Portfolio {
        Portfolio(
            settings: settings, accounts: accounts, lots: lots,
            models: [Model(name: "", targets: targets)],
            prices: prices.keys.sorted().map {
                ResolvedPrice(symbol: $0, price: RebalanceEngineTests.price(prices[$0]!), origin: .workbook,
                              asOf: settings.asOf, source: nil, tried: [])
            },
            securities: securities, groups: groups, sectors: sectors, transactions: transactions,
            manualTrades: manualTrades)
    }

    func plan() throws -> Plan {
        try Planner.plan(for: portfolio)
    }
}

extension Plan {
    func trade(_ account: String, _ symbol: String, _ side: Side, _ phase: Phase? = nil) -> Trade? {
        trades.first { $0.account == account && $0.symbol == symbol && $0.side == side && (phase == nil || $0.phase == phase) }
    }

    func drift(_ account: String, _ name: String, level: DriftLevel = .security) -> DriftRow? {
        drift.first { $0.account == account && $0.name == name && $0.level == level }
    }

    func cash(_ account: String) -> CashRow? { cash.first { $0.account == account } }

    func tax(_ account: String) -> TaxImpactRow? { taxImpact.first { $0.account == account } }
}
