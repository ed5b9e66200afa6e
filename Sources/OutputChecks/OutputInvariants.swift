import RebalanceEngine
import WorkbookIO

/// The contract's invariants (WORKBOOK.md, Invariants) checked from an output workbook and
/// its input alone, the way a reviewer with the two files would: cash reconciles, Trades agree
/// with Lots Sold, tax recomputes, no buy and sale of one symbol, no wash-blocked buy.
/// Used by the end-to-end tests and by `make bench` on the firm-scale book.
public enum OutputInvariants {
    /// The invariants of WORKBOOK.md read from the output workbook and the input alone.
    public static func problems(_ output: OutputBook, _ portfolio: Portfolio) -> [String] {
        var problems: [String] = []
        // 2: cash reconciles to the cent and stays at or above zero.
        for row in output.rows("Cash") {
            let after = row.money("Cash Before") + row.money("Sell Proceeds") - row.money("Buy Cost")
                - row.money("Withdrawal Paid")
            if after != row.money("Cash After") { problems.append("\(row.text("Account")): cash does not reconcile") }
            if row.money("Cash After").isNegative { problems.append("\(row.text("Account")): cash below zero") }
        }
        // 3: Trades agree with Lots Sold; Realized = Gain + Disallowed Loss by term.
        struct Key: Hashable { let account: String, symbol: String }
        var fromTrades: [Key: (Quantity, Money, Money, Money)] = [:]
        var sides: [Key: Set<String>] = [:]
        for row in output.rows("Trades") {
            let key = Key(account: row.text("Account"), symbol: row.text("Symbol"))
            sides[key, default: []].insert(row.text("Side"))
            guard row.text("Side") == "Sell" else { continue }
            let sum = fromTrades[key] ?? (.zero, .zero, .zero, .zero)
            fromTrades[key] = (sum.0 + row.quantity("Quantity"), sum.1 + row.money("Amount"),
                               sum.2 + row.money("Realized ST"), sum.3 + row.money("Realized LT"))
        }
        var fromLots: [Key: (Quantity, Money, Money, Money)] = [:]
        for row in output.rows("Lots Sold") {
            let key = Key(account: row.text("Account"), symbol: row.text("Symbol"))
            let realized = row.money("Gain") + row.money("Disallowed Loss")
            if row.money("Disallowed Loss").isNegative { problems.append("Disallowed Loss is negative") }
            if row.money("Gain") != row.money("Proceeds") - row.money("Cost Basis") { problems.append("Gain ≠ Proceeds − Cost Basis") }
            let sum = fromLots[key] ?? (.zero, .zero, .zero, .zero)
            let st = row.text("Term") == "ST"
            fromLots[key] = (sum.0 + row.quantity("Quantity"), sum.1 + row.money("Proceeds"),
                             sum.2 + (st ? realized : .zero), sum.3 + (st ? .zero : realized))
        }
        for key in Set(fromTrades.keys).union(fromLots.keys) {
            let t = fromTrades[key], l = fromLots[key]
            if t?.0 != l?.0 || t?.1 != l?.1 || t?.2 != l?.2 || t?.3 != l?.3 {
                problems.append("\(key.account)/\(key.symbol): Trades and Lots Sold disagree")
            }
        }
        // 1: nothing sold beyond what is held.
        var held: [Key: Quantity] = [:]
        for lot in portfolio.lots { held[Key(account: lot.account, symbol: lot.symbol), default: .zero] += lot.quantity }
        for (key, sums) in fromLots where sums.0 > (held[key] ?? .zero) {
            problems.append("\(key.account)/\(key.symbol) sold beyond what is held")
        }
        // 5: no buy and sell of one symbol in one account.
        for (key, set) in sides where set.count > 1 { problems.append("\(key.account)/\(key.symbol) bought and sold") }
        // Rows by account, and lots by trade, so the checks stay linear at firm scale.
        var lotsByAccount: [String: [[String: CellValue]]] = [:]
        var lotsByTrade: [String: [[String: CellValue]]] = [:]
        for lot in output.rows("Lots Sold") {
            lotsByAccount[lot.text("Account"), default: []].append(lot)
            lotsByTrade[lot.text("Account") + "\u{1}" + lot.text("Symbol") + "\u{1}" + lot.text("Phase"), default: []].append(lot)
        }
        var tradesByAccount: [String: [[String: CellValue]]] = [:]
        for trade in output.rows("Trades") { tradesByAccount[trade.text("Account"), default: []].append(trade) }
        let approvedAccounts = Set(output.rows("Exceptions").filter { $0.text("Severity") == "Needs Approval" }
            .map { String($0.text("Where").split(separator: "/").first ?? "") })
        // 4: the tax estimate recomputed from the inputs and Lots Sold.
        for row in output.rows("Tax Impact") {
            let id = row.text("Account")
            guard let account = portfolio.accounts.first(where: { $0.id == id }) else {
                problems.append("Tax Impact names unknown account \(id)")
                continue
            }
            var gains = (st: Money.zero, stLoss: Money.zero, lt: Money.zero, ltLoss: Money.zero)
            var disallowed = Money.zero
            for lot in lotsByAccount[id] ?? [] {
                let realized = lot.money("Gain") + lot.money("Disallowed Loss")
                disallowed += lot.money("Disallowed Loss")
                switch (lot.text("Term") == "ST", realized.isNegative) {
                case (true, false): gains.st += realized
                case (true, true): gains.stLoss -= realized
                case (false, false): gains.lt += realized
                case (false, true): gains.ltLoss -= realized
                }
            }
            if row.money("ST Gains") != gains.st || row.money("ST Losses") != gains.stLoss
                || row.money("LT Gains") != gains.lt || row.money("LT Losses") != gains.ltLoss {
                problems.append("\(id): Tax Impact gains and losses differ from Lots Sold")
            }
            // Losses that manual buys disallow after they were realized are outside Lots Sold:
            // the row adds them back in its ST and LT Added Back columns, and Disallowed Loss
            // is Lots Sold's plus those.
            let addedBack = (st: row.money("ST Added Back"), lt: row.money("LT Added Back"))
            if addedBack.st.isNegative || addedBack.lt.isNegative { problems.append("\(id): an Added Back amount is negative") }
            if row.money("Disallowed Loss") != disallowed + addedBack.st + addedBack.lt {
                problems.append("\(id): Disallowed Loss is not Lots Sold's plus the losses added back")
            }
            let netST = account.realizedShortTermYTD - account.shortTermCarryforward + gains.st - gains.stLoss + addedBack.st
            let netLT = account.realizedLongTermYTD - account.longTermCarryforward + gains.lt - gains.ltLoss + addedBack.lt
            let before = tax(account, account.realizedShortTermYTD - account.shortTermCarryforward,
                             account.realizedLongTermYTD - account.longTermCarryforward)
            let after = tax(account, netST, netLT)
            if row.money("Net ST") != netST || row.money("Net LT") != netLT { problems.append("\(id): net gains differ") }
            if row.money("Tax Before") != before || row.money("Tax After") != after
                || row.money("Tax Impact") != after - before {
                problems.append("\(id): tax \(row.money("Tax After")) differs from the recomputed \(after)")
            }
            if case .limit(let limit) = account.taxBudget, after - before > limit {
                if !approvedAccounts.contains(id) { problems.append("\(id): budget passed without Needs Approval") }
            }
            // The Est Tax of the account's trades and the tax other accounts' buys added here
            // (by disallowing a loss of this account) make its Tax Impact.
            let estimated = (tradesByAccount[id] ?? []).reduce(Money.zero) { $0 + $1.money("Est Tax") }
            if estimated + row.money("Tax From Other Accounts") != row.money("Tax Impact") {
                problems.append("\(id): Est Tax \(estimated) and Tax From Other Accounts \(row.money("Tax From Other Accounts")) "
                    + "do not add up to the Tax Impact \(row.money("Tax Impact"))")
            }
            // Each trade's Est Tax is its increment in the order the Trades sheet lists them;
            // an amount added back is the increment of a buy, which Lots Sold does not show.
            guard addedBack.st == .zero, addedBack.lt == .zero else { continue }
            var runningST = account.realizedShortTermYTD - account.shortTermCarryforward
            var runningLT = account.realizedLongTermYTD - account.longTermCarryforward
            for trade in tradesByAccount[id] ?? [] {
                let lots = lotsByTrade[id + "\u{1}" + trade.text("Symbol") + "\u{1}" + trade.text("Phase")] ?? []
                let taxBefore = tax(account, runningST, runningLT)
                if trade.text("Side") == "Sell" {
                    for lot in lots {
                        let realized = lot.money("Gain") + lot.money("Disallowed Loss")
                        if lot.text("Term") == "ST" { runningST += realized } else { runningLT += realized }
                    }
                }
                let increment = tax(account, runningST, runningLT) - taxBefore
                if trade.money("Est Tax") != increment {
                    problems.append("\(id) \(trade.text("Side")) \(trade.text("Symbol")): Est Tax \(trade.money("Est Tax")) is not its increment \(increment)")
                }
            }
        }
        // 5: no wash-blocked buy outside Manual Trades: no buy of a family member in the
        // household inside the window of a Transactions loss sale.
        let households = Dictionary(uniqueKeysWithValues: portfolio.accounts.map { ($0.id, $0.household) })
        for window in output.rows("Wash Sale") where window.text("Action") == "Loss Sale" {
            guard case .date(let sold)? = window["Conflict Date"], case .date(let ends)? = window["Window Ends"] else { continue }
            let asOf = portfolio.settings.asOf
            let soldDay = CivilDate(year: sold.year, month: sold.month, day: sold.day)!
            let endDay = CivilDate(year: ends.year, month: ends.month, day: ends.day)!
            guard soldDay < asOf, asOf <= endDay else { continue }
            let family = window.text("Family").split(separator: ",").map { String($0.drop(while: { $0 == " " })) }
            for buy in output.rows("Trades") where buy.text("Side") == "Buy" && buy.text("Phase") != "Manual"
                && family.contains(buy.text("Symbol")) && households[buy.text("Account")] == window.text("Household") {
                problems.append("\(buy.text("Account")) buys \(buy.text("Symbol")) inside a window ending \(endDay)")
            }
        }
        return problems
    }

    /// The contract's estimate, worked independently: net across terms, rate × remaining
    /// gain, rounded half up once.
    static func tax(_ account: Account, _ netST: Money, _ netLT: Money) -> Money {
        guard account.type.isTaxed else { return .zero }
        var st = netST.cents, lt = netLT.cents
        if st < 0 { lt += st; st = 0 }
        if lt < 0 { st += lt; lt = 0 }
        st = max(0, st); lt = max(0, lt)
        // In 128 bits: a book of trillions of dollars (the fuzzer writes some) passes 64.
        let micro = Int128(st) * Int128(account.rates.shortTerm.millionths)
            + Int128(lt) * Int128(account.rates.longTerm.millionths)
        return Money(cents: Int64((micro + 500_000) / 1_000_000))
    }

}
