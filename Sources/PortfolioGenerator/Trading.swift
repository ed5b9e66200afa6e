import RebalanceEngine

extension Builder {
    // MARK: Transactions

    /// Recent buys and sales, many of them loss sales, dated at the wash-sale window's edges
    /// (exactly Wash Sale Days and Wash Sale Days + 1 before the As Of) and inside it; some
    /// loss sales lack Quantity or Realized Gain; a loss sale's family is sometimes bought in
    /// another account of the household; some buys are the purchase of a held lot.
    mutating func makeTransactions(households: [Int]) {
        var first = 0
        for size in households {
            let members = Array(first..<(first + size))
            first += size
            var householdSymbols: [String] = []
            var seen = Set<String>()
            for index in members {
                for lot in lotsByAccount[index] where seen.insert(lot.symbol).inserted { householdSymbols.append(lot.symbol) }
            }
            for index in members {
                let account = accounts[index]
                let modelSymbols = models.first { $0.name == account.model }?.targets.map(\.symbol) ?? []
                for _ in 0..<rng.int(shape.transactionsPerAccount) {
                    let base = householdSymbols.isEmpty || rng.chance(0.3) ? rng.pick(modelSymbols) : rng.pick(householdSymbols)
                    let symbol = rng.pick(universe.family(of: base))
                    let date = settings.asOf.adding(days: -windowOffset())
                    if rng.chance(0.55) {
                        let sale = makeSale(account: account.id, symbol: symbol, date: date)
                        transactions.append(sale)
                        let isLoss = sale.realizedGain.map(\.isNegative) ?? true
                        if isLoss && members.count > 1 && rng.chance(0.35) {
                            let other = rng.pick(members.filter { $0 != index })
                            let shift = rng.int(-settings.washSaleDays...settings.washSaleDays)
                            let buyDate = min(settings.asOf, date.adding(days: shift))
                            transactions.append(makeBuy(account: accounts[other].id,
                                                        symbol: rng.pick(universe.family(of: symbol)), date: buyDate))
                        }
                    } else {
                        transactions.append(makeBuy(account: account.id, symbol: symbol, date: date))
                    }
                }
                // The purchase of a recent lot, as the custodian's activity shows it.
                for lot in lotsByAccount[index] where shape.transactionsPerAccount.upperBound > 0
                    && settings.asOf.days(since: lot.acquired) <= settings.washSaleDays + 10 && rng.chance(0.5) {
                    transactions.append(Transaction(
                        account: lot.account, date: lot.acquired, symbol: lot.symbol, side: .buy,
                        quantity: lot.quantity, price: universe.price(of: lot.symbol)))
                }
            }
        }
        for index in transactions.indices {
            transactions[index].place = "Transactions!A\(index + 2)"
        }
    }

    /// Days before the As Of: exactly Wash Sale Days, one more, inside the window, or older.
    mutating func windowOffset() -> Int {
        let days = settings.washSaleDays
        switch rng.weighted([(0, 2), (1, 2), (2, 4), (3, 2)]) {
        case 0: return days
        case 1: return days + 1
        case 2: return rng.int(0...(days - 1))
        default: return rng.int((days + 2)...(days + 90))
        }
    }

    mutating func makeSale(account: String, symbol: String, date: CivilDate) -> Transaction {
        var gain: Money?
        if rng.chance(0.85) {
            gain = rng.chance(0.75) ? Money(cents: -rng.int64(1...500_000)) : Money(cents: rng.int64(0...500_000))
        }
        return Transaction(
            account: account, date: date, symbol: symbol, side: .sell,
            quantity: rng.chance(0.85) ? Quantity(shares: rng.int64(1...500)) : nil,
            price: rng.chance(0.8) ? scaledPrice(of: symbol) : nil, realizedGain: gain,
            term: rng.chance(0.5) ? rng.pick(Term.allCases) : nil)
    }

    mutating func makeBuy(account: String, symbol: String, date: CivilDate) -> Transaction {
        Transaction(
            account: account, date: date, symbol: symbol, side: .buy,
            quantity: rng.chance(0.9) ? Quantity(shares: rng.int64(1...500)) : nil,
            price: rng.chance(0.8) ? scaledPrice(of: symbol) : nil)
    }

    /// The symbol's price moved by up to 30% either way, in cents.
    mutating func scaledPrice(of symbol: String) -> Price {
        let cents = universe.price(of: symbol).micros / 10_000
        return Price(cents: max(1, cents * rng.int64(700...1_300) / 1_000))
    }

    // MARK: Manual trades

    /// One to three feasible manual trades for an account, as its chance allows: sales of at
    /// most what is held of a symbol that may be sold, buys of a symbol that may be bought with
    /// cash that covers every manual buy of the account (sale proceeds not counted); never a
    /// buy and a sale of one symbol; by quantity or by amount.
    mutating func makeManualTrades(forAccountAt index: Int) {
        guard rng.chance(shape.manualTradeChance) else { return }
        let account = accounts[index]
        var heldQuantity: [String: Quantity] = [:]
        var heldOrder: [String] = []
        for lot in lotsByAccount[index] {
            if heldQuantity[lot.symbol] == nil { heldOrder.append(lot.symbol) }
            heldQuantity[lot.symbol, default: .zero] += lot.quantity
        }
        let household = Set(accounts.filter { $0.household == account.household }.map(\.id))
        let recentLosses = transactions.filter {
            $0.side == .sell && ($0.realizedGain?.isNegative ?? true) && household.contains($0.account)
        }.map(\.symbol)
        var sold = Set<String>()
        var bought = Set<String>()
        var spent = Money.zero
        for _ in 0..<rng.int(1...3) {
            let sellable = heldOrder.filter {
                !bought.contains($0) && !sold.contains($0) && !(universe.restriction(of: $0)?.blocksSelling ?? false)
            }
            let available = account.cash - spent
            if !sellable.isEmpty && (rng.chance(0.5) || available < Money(dollars: 1)) {
                let symbol = rng.pick(sellable)
                sold.insert(symbol)
                appendManualSale(account: account.id, symbol: symbol, held: heldQuantity[symbol]!)
                continue
            }
            guard available >= Money(dollars: 1) else { return }
            let buyable = universe.symbols.filter {
                !sold.contains($0) && !bought.contains($0) && !(universe.restriction(of: $0)?.blocksBuying ?? false)
            }
            let inWindow = recentLosses.flatMap { universe.family(of: $0) }.filter { buyable.contains($0) }
            guard !buyable.isEmpty else { return }
            let symbol = !inWindow.isEmpty && rng.chance(0.3) ? rng.pick(inWindow) : rng.pick(buyable)
            let price = universe.price(of: symbol)
            let size: ManualTrade.Size
            let cost: Money
            let affordable = available.cents * 6 / 10 * 10_000 / price.micros
            if affordable >= 1 && rng.chance(0.5) {
                var quantity = Quantity(shares: rng.int64(1...affordable))
                if settings.fractionalShares && rng.chance(0.3) {
                    quantity = Quantity(micros: quantity.micros - rng.int64(0...9_999) * 100)
                }
                size = .quantity(quantity)
                cost = price.value(of: quantity)
            } else {
                let amount = Money(cents: rng.int64(100...max(100, available.cents * 6 / 10)))
                size = .amount(amount)
                cost = amount
            }
            bought.insert(symbol)
            spent += cost
            manualTrades.append(ManualTrade(account: account.id, symbol: symbol, side: .buy, size: size,
                                            note: rng.chance(0.3) ? "Client request" : nil,
                                            place: "Manual Trades!A\(manualTrades.count + 2)"))
        }
    }

    /// A manual sale of at most `held` shares (or their value) of `symbol`.
    mutating func appendManualSale(account: String, symbol: String, held: Quantity) {
        let price = universe.price(of: symbol)
        let wholeHeld = held.micros / Quantity.scale
        let value = price.value(of: held)
        let size: ManualTrade.Size
        if value >= Money(dollars: 2) && rng.chance(0.4) {
            size = .amount(Money(cents: rng.int64(100...max(100, value.cents * 95 / 100))))
        } else if rng.chance(0.15) && (settings.fractionalShares || held.isMultiple(of: .wholeShare)) {
            size = .quantity(held)
        } else if settings.fractionalShares && rng.chance(0.3) {
            size = .quantity(Quantity(micros: rng.int64(1...max(1, held.micros / 100)) * 100))
        } else if wholeHeld >= 1 {
            size = .quantity(Quantity(shares: rng.int64(1...wholeHeld)))
        } else {
            size = .quantity(held)
        }
        manualTrades.append(ManualTrade(account: account, symbol: symbol, side: .sell, size: size,
                                        note: rng.chance(0.3) ? "Gift to charity" : nil,
                                        place: "Manual Trades!A\(manualTrades.count + 2)"))
    }
}
