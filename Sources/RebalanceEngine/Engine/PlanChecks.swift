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
        var held: [String: Quantity] = [:]
        var heldLots: [TaxLot.Key: Quantity] = [:]
        for lot in portfolio.lots {
            held["\(lot.account)|\(lot.symbol)", default: .zero] += lot.quantity
            heldLots[lot.id] = lot.quantity
        }
        var bought: [String: Quantity] = [:]
        var soldByTrades: [String: (Quantity, Money)] = [:]
        var sides: [String: Set<Side>] = [:]
        for trade in plan.trades {
            let key = "\(trade.account)|\(trade.symbol)"
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
        for (key, set) in sides where set.count > 1 {
            problems.append("\(key.replacingFirstBar()) is both bought and sold.")
        }
        // 1 and 3: lots sold within holdings; trades agree with lots sold.
        var soldByLots: [String: (Quantity, Money)] = [:]
        var soldPerLot: [TaxLot.Key: Quantity] = [:]
        for lot in plan.lotsSold {
            let key = "\(lot.account)|\(lot.symbol)"
            let sum = soldByLots[key] ?? (.zero, .zero)
            soldByLots[key] = (sum.0 + lot.quantity, sum.1 + lot.proceeds)
            soldPerLot[TaxLot.Key(account: lot.account, lotID: lot.lotID), default: .zero] += lot.quantity
        }
        for (key, quantity) in soldPerLot where quantity > (heldLots[key] ?? .zero) {
            problems.append("Lot \(key) is sold beyond what it holds.")
        }
        for key in Set(soldByLots.keys).union(soldByTrades.keys).sorted() {
            let fromLots = soldByLots[key] ?? (.zero, .zero)
            let fromTrades = soldByTrades[key] ?? (.zero, .zero)
            if fromLots.0 != fromTrades.0 || fromLots.1 != fromTrades.1 {
                problems.append("\(key.replacingFirstBar()): Trades and Lots Sold disagree.")
            }
            if fromLots.0 > (held[key] ?? .zero) {
                problems.append("\(key.replacingFirstBar()) is sold beyond what is held.")
            }
        }
        for trade in plan.trades where trade.side == .sell {
            let lots = plan.lotsSold.filter {
                $0.account == trade.account && $0.symbol == trade.symbol && $0.phase == trade.phase
            }
            let st = lots.filter { $0.term == .shortTerm }.map { $0.gain + $0.disallowedLoss }.sum()
            let lt = lots.filter { $0.term == .longTerm }.map { $0.gain + $0.disallowedLoss }.sum()
            if st != trade.realizedShortTerm || lt != trade.realizedLongTerm {
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
        for account in plan.accounts {
            let sells = plan.trades.filter { $0.account == account.id && $0.side == .sell }.map(\.amount).sum()
            let buys = plan.trades.filter { $0.account == account.id && $0.side == .buy }.map(\.amount).sum()
            if let row = plan.cash.first(where: { $0.account == account.id }),
               row.sellProceeds != sells || row.buyCost != buys {
                problems.append("\(account.id): Cash disagrees with Trades.")
            }
        }
        // 4: tax within budget unless a Needs Approval exception says why; Est Tax sums to the impact.
        for row in plan.taxImpact {
            if !row.taxBudget.admits(impact: row.taxImpact) {
                let explained = plan.exceptions.contains {
                    $0.severity == .needsApproval && ($0.place == row.account || $0.place.hasPrefix(row.account + "/"))
                }
                if !explained { problems.append("\(row.account): tax passes the budget without a Needs Approval exception.") }
            }
            let estimates = plan.trades.filter { $0.account == row.account }.map(\.estimatedTax).sum()
            if estimates + row.taxFromOtherAccounts != row.taxImpact {
                problems.append("\(row.account): Est Tax of its trades (\(estimates)) differs from its tax impact (\(row.taxImpact)).")
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

private extension String {
    /// `account|symbol` as `account/symbol`.
    func replacingFirstBar() -> String {
        guard let bar = firstIndex(of: "|") else { return self }
        return self[..<bar] + "/" + self[index(after: bar)...]
    }
}
