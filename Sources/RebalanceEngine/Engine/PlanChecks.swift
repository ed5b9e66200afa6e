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
        var problems: [String] = []
        var restriction: [String: Restriction] = [:]
        for security in portfolio.securities { restriction[security.symbol] = security.restriction }
        // Holdings, only of the positions and lots the plan sells.
        var soldLots = Set<TaxLot.Key>(minimumCapacity: plan.lotsSold.count)
        var soldPositions = Set<Position>()
        for lot in plan.lotsSold {
            soldLots.insert(TaxLot.Key(account: lot.account, lotID: lot.lotID))
            soldPositions.insert(Position(lot.account, lot.symbol))
        }
        var held: [Position: Quantity] = [:]
        var heldLots: [TaxLot.Key: Quantity] = Dictionary(minimumCapacity: soldLots.count)
        for lot in portfolio.lots where soldLots.contains(lot.id) {
            heldLots[lot.id] = lot.quantity
        }
        for lot in portfolio.lots {
            let position = Position(lot.account, lot.symbol)
            if soldPositions.contains(position) { held[position, default: .zero] += lot.quantity }
        }
        var bought: [Position: Quantity] = [:]
        var soldByTrades: [Position: (Quantity, Money)] = [:]
        var sides: [Position: Set<Side>] = [:]
        for trade in plan.trades {
            let key = Position(trade.account, trade.symbol)
            sides[key, default: []].insert(trade.side)
            if trade.side == .buy {
                bought[key, default: .zero] += trade.quantity
                if let rule = restriction[trade.symbol], rule != .noSell {
                    problems.append("\(trade.account) buys \(trade.symbol), which is \(rule.rawValue).")
                }
            } else {
                let sum = soldByTrades[key] ?? (.zero, .zero)
                soldByTrades[key] = (sum.0 + trade.quantity, sum.1 + trade.amount)
                if let rule = restriction[trade.symbol], rule != .noBuy {
                    problems.append("\(trade.account) sells \(trade.symbol), which is \(rule.rawValue).")
                }
            }
        }
        for key in sides.filter({ $0.value.count > 1 }).map(\.key).sorted() {
            problems.append("\(key) is both bought and sold.")
        }
        // 1 and 3: lots sold within holdings; trades agree with lots sold.
        var soldByLots: [Position: (Quantity, Money)] = [:]
        var soldPerLot: [TaxLot.Key: Quantity] = [:]
        for lot in plan.lotsSold {
            let key = Position(lot.account, lot.symbol)
            let sum = soldByLots[key] ?? (.zero, .zero)
            soldByLots[key] = (sum.0 + lot.quantity, sum.1 + lot.proceeds)
            soldPerLot[TaxLot.Key(account: lot.account, lotID: lot.lotID), default: .zero] += lot.quantity
        }
        for key in soldPerLot.filter({ $0.value > (heldLots[$0.key] ?? .zero) }).map(\.key).sorted() {
            problems.append("Lot \(key) is sold beyond what it holds.")
        }
        var positionProblems: [(Position, String)] = []
        for key in Set(soldByLots.keys).union(soldByTrades.keys) {
            let fromLots = soldByLots[key] ?? (.zero, .zero)
            let fromTrades = soldByTrades[key] ?? (.zero, .zero)
            if fromLots.0 != fromTrades.0 || fromLots.1 != fromTrades.1 {
                positionProblems.append((key, "\(key): Trades and Lots Sold disagree."))
            }
            if fromLots.0 > (held[key] ?? .zero) {
                positionProblems.append((key, "\(key) is sold beyond what is held."))
            }
        }
        problems += positionProblems.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
        struct TradeKey: Hashable { let account: String, symbol: String, phase: Phase }
        var realizedByTrade: [TradeKey: (st: Money, lt: Money)] = [:]
        for lot in plan.lotsSold {
            let key = TradeKey(account: lot.account, symbol: lot.symbol, phase: lot.phase)
            var sums = realizedByTrade[key] ?? (.zero, .zero)
            switch lot.term {
            case .shortTerm: sums.st += lot.gain + lot.disallowedLoss
            case .longTerm: sums.lt += lot.gain + lot.disallowedLoss
            }
            realizedByTrade[key] = sums
        }
        for trade in plan.trades where trade.side == .sell {
            let sums = realizedByTrade[TradeKey(account: trade.account, symbol: trade.symbol, phase: trade.phase)] ?? (.zero, .zero)
            if sums.st != trade.realizedShortTerm || sums.lt != trade.realizedLongTerm {
                problems.append("\(trade.account)/\(trade.symbol): Realized columns disagree with Lots Sold.")
            }
        }
        // 2: cash reconciles and stays at or above zero.
        for row in plan.cash {
            if row.cashAfter != row.cashBefore + row.sellProceeds - row.buyCost - row.withdrawalPaid {
                problems.append("\(row.account): cash does not reconcile.")
            }
            if row.cashAfter.isNegative { problems.append("\(row.account): cash after is below zero.") }
        }
        var sells: [String: Money] = [:], buys: [String: Money] = [:], estimates: [String: Money] = [:]
        for trade in plan.trades {
            if trade.side == .sell { sells[trade.account, default: .zero] += trade.amount }
            if trade.side == .buy { buys[trade.account, default: .zero] += trade.amount }
            estimates[trade.account, default: .zero] += trade.estimatedTax
        }
        for row in plan.cash where row.sellProceeds != sells[row.account] ?? .zero || row.buyCost != buys[row.account] ?? .zero {
            problems.append("\(row.account): Cash disagrees with Trades.")
        }
        // 4: tax within budget unless a Needs Approval exception says why; Est Tax sums to the impact.
        for row in plan.taxImpact {
            if !row.taxBudget.admits(impact: row.taxImpact) {
                let explained = plan.exceptions.contains {
                    $0.severity == .needsApproval && ($0.place == row.account || $0.place.hasPrefix(row.account + "/"))
                }
                if !explained { problems.append("\(row.account): tax passes the budget without a Needs Approval exception.") }
            }
            let estimated = estimates[row.account] ?? .zero
            if estimated + row.taxFromOtherAccounts != row.taxImpact {
                problems.append("\(row.account): Est Tax of its trades (\(estimated)) differs from its tax impact (\(row.taxImpact)).")
            }
        }
        // 6: drift honesty.
        for row in plan.drift where row.status == .inBand {
            let tolerance = 1e-5
            if let low = row.low, row.weightAfter < low - tolerance {
                problems.append("\(row.account) \(row.level.rawValue) \(row.name) is below its band with no reason named.")
            }
            if let high = row.high, row.weightAfter > high + tolerance {
                problems.append("\(row.account) \(row.level.rawValue) \(row.name) is above its band with no reason named.")
            }
        }
        return problems
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
