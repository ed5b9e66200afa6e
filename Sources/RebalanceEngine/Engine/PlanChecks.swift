/// The contract's invariants (WORKBOOK.md, Invariants), checked on every plan before it
/// leaves the engine: a failure is a bug, and no output may be written.
public enum PlanChecks {
    /// Every invariant that can be judged from the plan and its input; the first failure throws.
    public static func check(_ plan: Plan, portfolio: Portfolio) throws(PlanningError) {
        let problems = violations(plan, portfolio: portfolio)
        if let first = problems.first { throw .invariant(first) }
    }

    /// Every invariant failure, in words; empty when the plan keeps them all.
    public static func violations(_ plan: Plan, portfolio: Portfolio) -> [String] {
        violations(plan, portfolio: portfolio, lots: nil)
    }

    /// The Securities sheet's restrictions by symbol, only of the symbols restricted: most
    /// books restrict none, and then no trade asks. A book's shards share its Securities
    /// sheet, and so one table (made for each shard's checks, it was 0.4% of planning's
    /// instructions; callgrind).
    struct Restrictions: Sendable {
        fileprivate let table: NameTable<Restriction>

        init(_ securities: [Security]) {
            var table = NameTable<Restriction>()
            // Read where they are stored: `for security in` copied each.
            for index in securities.indices {
                if let rule = securities[index].restriction { table.set(rule, for: securities[index].symbol) }
            }
            self.table = table
        }
    }

    /// The same; `lots`, when given, are `portfolio`'s lots (which it then leaves out), read
    /// where the whole book keeps them (a shard's; see `Planning.init`); `restrictions`,
    /// when given, are its Securities sheet's.
    static func violations(
        _ plan: Plan, portfolio: Portfolio, lots selected: SelectedLots?, restrictions: Restrictions? = nil
    ) -> [String] {
        var problems: [String] = []
        let restriction = (restrictions ?? Restrictions(portfolio.securities)).table
        // What the trades and Lots Sold say of each account and each of its positions.
        var accounts = NameTable<AccountChecks>(minimumCapacity: plan.cash.count)
        // Each account's tables get room for twice its share of the trades and Lots Sold rows:
        // grown from the smallest, most were placed again once, and with room for its share,
        // the accounts that trade most still grew theirs, their tallies moved (callgrind:
        // 0.2% of planning's instructions).
        let rowsPerAccount = 2 * max(plan.trades.count, plan.lotsSold.count) / max(1, plan.cash.count)
        func newAccount() -> AccountChecks { AccountChecks(expectedRows: rowsPerAccount) }
        // 1 and 3: lots sold within holdings; trades agree with lots sold. The Lots Sold rows
        // are counted first, so that each sale's trade is checked against its lots' realized
        // gains as it is counted: kept for a second pass over the trades, each trade's account
        // and position entries took a list per plan (callgrind: 0.14% of planning's instructions).
        // Rows are read where they are stored: `for row in` copied each, its names retained.
        // Each run of an account's rows (and below, of its lots) is counted by one call on its
        // checks: found and changed in the accounts' table once per run, where once per row
        // each change checked the table was not shared (callgrind).
        // The rows are read from their arrays (`RowList.array`: no copy for a plan made in one
        // pass, as a shard's is); read through the list, each field read copied its whole row.
        let lotsSold = plan.lotsSold.array
        for run in RowOrder.runs(lotsSold.count, { lotsSold[$0].account }) {
            let account = accounts.index(of: run.name, insertingIfAbsent: newAccount)
            accounts[at: account].countSold(lotsSold[run.rows])
        }
        // Trades are read field by field where they are stored, as the Lots Sold rows are. An
        // account's rows come together, so its entry is found once per run of them.
        let trades = plan.trades.array
        var realizedProblems: [String] = []
        var accountOfRow = RunLookup<Int>()
        for row in trades.indices {
            let name = trades[row].account, symbol = trades[row].symbol, side = trades[row].side
            let account = accountOfRow.value(for: name) { accounts.index(of: $0, insertingIfAbsent: newAccount) }!
            let position = accounts[at: account].countTrade(
                side, symbol: symbol, quantity: trades[row].quantity, amount: trades[row].amount,
                estimatedTax: trades[row].estimatedTax)
            // A sale's trade is its position's in its phase; its lots' realized gains are summed
            // by phase in the position's tally.
            if side == .sell {
                let sums = accounts[at: account].positions[at: position].realized(in: trades[row].phase)
                if sums.st != trades[row].realizedShortTerm || sums.lt != trades[row].realizedLongTerm {
                    realizedProblems.append("\(name)/\(symbol): Realized columns disagree with Lots Sold.")
                }
            }
            guard !restriction.isEmpty, let rule = restriction[symbol] else { continue }
            if side == .buy {
                if rule != .noSell { problems.append("\(name) buys \(symbol), which is \(rule.rawValue).") }
            } else if rule != .noBuy {
                problems.append("\(name) sells \(symbol), which is \(rule.rawValue).")
            }
        }
        let bothSides = accounts.positions { $0.isBoughtAndSold }.map(\.position)
        for key in bothSides.sorted() {
            problems.append("\(key) is both bought and sold.")
        }
        // Holdings, only of the positions the plan sells from lots (a lot's ID names one
        // position: the reader refuses an ID twice in an account).
        let held = selected?.all ?? portfolio.lots
        let numbers = SelectedLots.numbers(selected, of: held)
        for run in RowOrder.runs(numbers.count, { held[numbers[$0]].account }) {
            if let account = accounts.index(of: run.name) { accounts[at: account].countHeld(run.rows, of: numbers, in: held) }
        }
        var oversold: [TaxLot.Key] = []
        // Each lot read by its entry where it is stored: a `zip` of the names and values
        // stepped through a generic iterator (callgrind).
        for account in accounts.names.indices {
            let lots = accounts[at: account].lots
            for entry in lots.values.indices where lots.values[entry].sold > lots.values[entry].held {
                oversold.append(TaxLot.Key(account: accounts.names[account], lotID: lots.names[entry]))
            }
        }
        for key in oversold.sorted() {
            problems.append("Lot \(key) is sold beyond what it holds.")
        }
        var positionProblems: [(Position, String)] = []
        // Only the positions with a problem are listed: listing every sold one cost more than
        // the checks (callgrind).
        for (key, tally) in accounts.positions({ $0.isSold && ($0.lotsDisagree || $0.isOversold) }) {
            if tally.lotsDisagree {
                positionProblems.append((key, "\(key): Trades and Lots Sold disagree."))
            }
            if tally.isOversold {
                positionProblems.append((key, "\(key) is sold beyond what is held."))
            }
        }
        problems += positionProblems.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
        problems += realizedProblems
        // 2: cash reconciles and stays at or above zero. Rows are read where they are stored,
        // as the trades are above.
        let cash = plan.cash.array
        for row in cash.indices {
            if cash[row].cashAfter != cash[row].cashBefore + cash[row].sellProceeds - cash[row].buyCost
                - cash[row].withdrawalPaid {
                problems.append("\(cash[row].account): cash does not reconcile.")
            }
            if cash[row].cashAfter.isNegative { problems.append("\(cash[row].account): cash after is below zero.") }
        }
        for row in cash.indices {
            let sum = accounts[cash[row].account]?.tally ?? AccountTally()
            if cash[row].sellProceeds != sum.sells || cash[row].buyCost != sum.buys {
                problems.append("\(cash[row].account): Cash disagrees with Trades.")
            }
        }
        // 4: tax within budget unless a Needs Approval exception says why; Est Tax sums to the impact.
        let exceptions = plan.exceptions.array
        for row in plan.taxImpact.array {
            if !row.taxBudget.admits(impact: row.taxImpact) {
                let explained = exceptions.contains {
                    $0.severity == .needsApproval && ($0.place == row.account || $0.place.hasPrefix(row.account + "/"))
                }
                if !explained { problems.append("\(row.account): tax passes the budget without a Needs Approval exception.") }
            }
            let estimated = accounts[row.account]?.tally.estimates ?? .zero
            if estimated + row.taxFromOtherAccounts != row.taxImpact {
                problems.append("\(row.account): Est Tax of its trades (\(estimated)) differs from its tax impact (\(row.taxImpact)).")
            }
        }
        // 6: drift honesty. Each row read where it is stored: `for row in` copied each, its two
        // names retained and released (callgrind: 0.2% of planning's instructions).
        let drift = plan.drift.array
        for row in drift.indices where drift[row].status == .inBand {
            let tolerance = 1e-5
            if let low = drift[row].low, drift[row].weightAfter < low - tolerance {
                problems.append(
                    "\(drift[row].account) \(drift[row].level.rawValue) \(drift[row].name) is below its band with no reason named.")
            }
            if let high = drift[row].high, drift[row].weightAfter > high + tolerance {
                problems.append(
                    "\(drift[row].account) \(drift[row].level.rawValue) \(drift[row].name) is above its band with no reason named.")
            }
        }
        return problems
    }
}

/// What the trades and Lots Sold say of one position.
private struct PositionTally {
    /// Bought (1), sold (2) or both.
    var sides: UInt8 = 0
    var tradesSold = Quantity.zero
    var tradesAmount = Money.zero
    var lotsSold = Quantity.zero
    var lotsProceeds = Money.zero
    var isSoldFromLots = false
    /// Holdings, counted only for positions sold from lots.
    var held = Quantity.zero
    /// Realized gain (with the disallowed loss added back) of the lots sold, short- and
    /// long-term, by phase in `Phase.allCases` order: held in place, where a list of the
    /// phases met was made for every position sold (callgrind).
    var realizedByPhase = PhaseSums()

    var isBoughtAndSold: Bool { sides == 3 }
    var isSold: Bool { isSoldFromLots || sides & 2 != 0 }
    /// Whether its trades and its Lots Sold rows sell different quantities or proceeds.
    var lotsDisagree: Bool { lotsSold != tradesSold || lotsProceeds != tradesAmount }
    /// Whether its Lots Sold rows sell more than its lots hold.
    var isOversold: Bool { lotsSold > held }

    mutating func add(_ side: Side, quantity: Quantity, amount: Money) {
        sides |= side == .buy ? 1 : 2
        guard side == .sell else { return }
        tradesSold += quantity
        tradesAmount += amount
    }

    /// A Lots Sold row: its quantity, proceeds and realized gain (with the disallowed loss
    /// added back).
    mutating func addSold(_ quantity: Quantity, proceeds: Money, realized: Money, term: Term, phase: Phase) {
        isSoldFromLots = true
        lotsSold += quantity
        lotsProceeds += proceeds
        realizedByPhase.add(realized, term: term, phase: phase)
    }

    /// The realized gains of the lots sold in `phase`, short- and long-term.
    func realized(in phase: Phase) -> (st: Money, lt: Money) {
        realizedByPhase[phase]
    }
}

/// Short- and long-term sums for each of the five phases.
private struct PhaseSums {
    private var shortTerm: (Money, Money, Money, Money, Money) = (.zero, .zero, .zero, .zero, .zero)
    private var longTerm: (Money, Money, Money, Money, Money) = (.zero, .zero, .zero, .zero, .zero)

    mutating func add(_ amount: Money, term: Term, phase: Phase) {
        switch term {
        case .shortTerm: PhaseSums.add(amount, to: &shortTerm, phase)
        case .longTerm: PhaseSums.add(amount, to: &longTerm, phase)
        }
    }

    subscript(phase: Phase) -> (st: Money, lt: Money) {
        (PhaseSums.sum(shortTerm, phase), PhaseSums.sum(longTerm, phase))
    }

    private static func add(_ amount: Money, to sums: inout (Money, Money, Money, Money, Money), _ phase: Phase) {
        switch phase {
        case .manual: sums.0 += amount
        case .harvest: sums.1 += amount
        case .phaseOut: sums.2 += amount
        case .raiseCash: sums.3 += amount
        case .rebalance: sums.4 += amount
        }
    }

    private static func sum(_ sums: (Money, Money, Money, Money, Money), _ phase: Phase) -> Money {
        switch phase {
        case .manual: sums.0
        case .harvest: sums.1
        case .phaseOut: sums.2
        case .raiseCash: sums.3
        case .rebalance: sums.4
        }
    }
}

/// What the plan says of one account: its trades summed, its positions' tallies, and its
/// lots sold (by Lot ID) with what each holds.
private struct AccountChecks {
    var tally = AccountTally()
    var positions: NameTable<PositionTally>
    var lots: NameTable<(sold: Quantity, held: Quantity)>

    init(expectedRows: Int) {
        positions = NameTable(minimumCapacity: expectedRows)
        lots = NameTable(minimumCapacity: expectedRows)
    }

    /// Counts a trade toward the account's sums and its position's tally; the position's
    /// entry in `positions`. One change of the account's checks in place: changed field by
    /// field, each change checked the accounts' table was not shared (callgrind).
    mutating func countTrade(_ side: Side, symbol: String, quantity: Quantity, amount: Money, estimatedTax: Money) -> Int {
        tally.add(side, amount: amount, estimatedTax: estimatedTax)
        let position = positions.index(of: symbol) { PositionTally() }
        positions[at: position].add(side, quantity: quantity, amount: amount)
        return position
    }

    /// Counts Lots Sold rows of the account toward their positions and their lots. A trade's
    /// rows come together: its symbol is looked up once per run of them.
    mutating func countSold(_ rows: ArraySlice<LotSold>) {
        var position = 0
        for row in rows.indices {
            // Compared with the row before where both are stored: a copy of the symbol kept
            // was retained and released, and the row copied whole, at each new symbol (callgrind).
            if row == rows.startIndex || rows[row].symbol != rows[row - 1].symbol {
                position = positions.index(of: rows[row].symbol) { PositionTally() }
            }
            // Passed field by field: a row passed whole is copied, its names retained.
            positions[at: position].addSold(
                rows[row].quantity, proceeds: rows[row].proceeds, realized: rows[row].gain + rows[row].disallowedLoss,
                term: rows[row].term, phase: rows[row].phase)
            lots[at: lots.index(of: rows[row].restatedFrom ?? rows[row].lotID) { (.zero, .zero) }].sold += rows[row].quantity
        }
    }

    /// Counts the account's held lots (`rows` of the lots of `numbers` in `held`) toward their
    /// positions, if the plan sells those positions from lots, and toward their own entries,
    /// if the plan sells from them. An account the plan sells no lot of counts none.
    mutating func countHeld(_ rows: Range<Int>, of numbers: SelectedLots.Numbers, in held: [TaxLot]) {
        guard !lots.isEmpty else { return }
        // Each lot's symbol is looked up: compared with the lot before's first, to look it up
        // once per run of a position's lots, it differed at 19,728 of 19,900 lots, each
        // comparison a call (callgrind: 0.3% of planning's instructions).
        for row in rows {
            let lot = numbers[row]
            guard let position = positions.index(of: held[lot].symbol), positions[at: position].isSoldFromLots
            else { continue }
            positions[at: position].held += held[lot].quantity
            if let entry = lots.index(of: held[lot].lotID) { lots[at: entry].held = held[lot].quantity }
        }
    }
}

extension NameTable where Value == AccountChecks {
    /// Every account's positions whose tally meets `condition`, with the tally.
    fileprivate func positions(_ condition: (PositionTally) -> Bool) -> [(position: Position, tally: PositionTally)] {
        var found: [(position: Position, tally: PositionTally)] = []
        // Read by entry, as the lots are in `violations`.
        for account in names.indices {
            let positions = values[account].positions
            for entry in positions.values.indices where condition(positions.values[entry]) {
                found.append((Position(names[account], positions.names[entry]), positions.values[entry]))
            }
        }
        return found
    }
}

/// An account's trades summed: sale proceeds, buy costs and Est Tax.
private struct AccountTally {
    var sells = Money.zero
    var buys = Money.zero
    var estimates = Money.zero

    mutating func add(_ side: Side, amount: Money, estimatedTax: Money) {
        switch side {
        case .sell: sells += amount
        case .buy: buys += amount
        }
        estimates += estimatedTax
    }
}

/// An account's position in one symbol.
private struct Position: Hashable, Comparable, CustomStringConvertible {
    let account: String
    let symbol: String

    init(_ account: String, _ symbol: String) {
        self.account = account
        self.symbol = symbol
    }

    static func < (a: Position, b: Position) -> Bool { (a.account, a.symbol) < (b.account, b.symbol) }

    /// `account/symbol`.
    var description: String { "\(account)/\(symbol)" }
}
