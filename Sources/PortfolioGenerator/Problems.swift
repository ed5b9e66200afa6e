import RebalanceEngine

extension PortfolioGenerator {
    /// Every way `portfolio` is not input the workbook reader would accept, one sentence
    /// each; empty when it is valid.
    ///
    /// Checks settings (Wash Sale Days at least 30, weights and rates within 0...1, no
    /// negative amounts); accounts (in Account order, unique, non-negative cash, withdrawal
    /// and carryforwards, a model that exists); lots (a known account, a Lot ID unique in
    /// its account, positive quantity, non-negative basis, acquired on or before the As Of);
    /// models (unique names and symbols, a target above zero, targets plus the `CASH` row at
    /// most 100%); prices (sorted by symbol, positive, usable on the As Of under the
    /// settings, one for every symbol that needs one); Securities, Groups and Sectors
    /// (unique, weights within 0...1); transactions (a known account, dated on or before the
    /// As Of, positive quantity and price when given); manual trades (a known account,
    /// positive size, no trade against a restriction for its side, never a buy and a sale
    /// of one symbol in one account, sales of at most what is held, by quantity and by
    /// value at its price, and cash that covers the account's buys without counting its
    /// sales' proceeds).
    public static func problems(in portfolio: Portfolio) -> [String] {
        var problems: [String] = []
        let settings = portfolio.settings
        let asOf = settings.asOf

        func checkWeight(_ rate: Rate, _ what: String) {
            if rate < .zero || rate > .one { problems.append("\(what) is \(rate), outside 0...1.") }
        }
        func checkRates(_ rates: TaxRates, _ what: String) {
            checkWeight(rates.shortTerm, "\(what) Short-Term Rate")
            checkWeight(rates.longTerm, "\(what) Long-Term Rate")
        }
        func checkBudget(_ budget: TaxBudget, _ what: String) {
            if case .limit(let limit) = budget, limit.isNegative { problems.append("\(what) Tax Budget \(limit) is negative.") }
        }

        // Settings
        if settings.washSaleDays < 30 { problems.append("Wash Sale Days is \(settings.washSaleDays), below 30.") }
        if settings.priceMaxAgeDays < 0 { problems.append("Price Max Age Days is negative.") }
        if settings.minTrade.isNegative { problems.append("Min Trade is negative.") }
        if settings.harvestMinLoss.isNegative { problems.append("Harvest Min Loss is negative.") }
        checkWeight(settings.defaultBand, "Default Band")
        checkWeight(settings.cashTarget, "Cash Target")
        checkWeight(settings.harvestMinLossPercent, "Harvest Min Loss %")
        checkRates(settings.rates, "Settings")
        checkBudget(settings.taxBudget, "Settings")

        // Models
        var modelNames = Set<String>()
        for model in portfolio.models {
            let name = model.name.isEmpty ? "the default model" : "model \"\(model.name)\""
            if !modelNames.insert(model.name).inserted { problems.append("\(name) is listed twice.") }
            if !model.targets.contains(where: { $0.target > .zero }) {
                problems.append("\(name) has no target above zero.")
            }
            var symbols = Set<String>()
            var sum = model.cashTarget?.millionths ?? 0
            for target in model.targets {
                if !symbols.insert(target.symbol).inserted { problems.append("\(target.symbol) is twice in \(name).") }
                if target.symbol.isEmpty || target.symbol == "CASH" {
                    problems.append("\(name) has a target for \"\(target.symbol)\".")
                }
                checkWeight(target.target, "\(name)'s target for \(target.symbol)")
                if let band = target.band { checkWeight(band, "\(name)'s band for \(target.symbol)") }
                sum += target.target.millionths
            }
            if let cash = model.cashTarget { checkWeight(cash, "\(name)'s cash target") }
            if sum > Rate.one.millionths {
                problems.append("\(name)'s targets and cash add up to \(Rate(millionths: sum)), above 100%.")
            }
        }

        // Accounts
        var accountsByID: [String: Account] = [:]
        for (index, account) in portfolio.accounts.enumerated() {
            if account.id.isEmpty { problems.append("Account \(index + 1) has no id.") }
            if index > 0 && !(portfolio.accounts[index - 1].id < account.id) {
                problems.append("Account \(account.id) is out of Account order or listed twice.")
            }
            accountsByID[account.id] = account
            if account.cash.isNegative { problems.append("\(account.id)'s cash is negative.") }
            if account.withdrawal.isNegative { problems.append("\(account.id)'s withdrawal is negative.") }
            if account.shortTermCarryforward.isNegative || account.longTermCarryforward.isNegative {
                problems.append("\(account.id) has a negative carryforward.")
            }
            checkWeight(account.cashTarget, "\(account.id)'s cash target")
            checkRates(account.rates, account.id)
            checkBudget(account.taxBudget, account.id)
            let hasModel = modelNames.contains(account.model) || (account.model.isEmpty && portfolio.models.count == 1)
            if !hasModel { problems.append("\(account.id)'s model \"\(account.model)\" is not a model of the book.") }
        }

        // Lots
        var lotKeys = Set<TaxLot.Key>()
        var held: [String: Quantity] = [:]
        for lot in portfolio.lots {
            let place = "Lot \(lot.id)"
            if accountsByID[lot.account] == nil { problems.append("\(place) names an unknown account.") }
            if lot.lotID.isEmpty { problems.append("\(place) has no Lot ID.") }
            if lot.symbol.isEmpty { problems.append("\(place) has no symbol.") }
            if !lotKeys.insert(lot.id).inserted { problems.append("\(place): the Lot ID is used twice in its account.") }
            if lot.quantity <= .zero { problems.append("\(place) holds \(lot.quantity), not a positive quantity.") }
            if lot.costBasis.isNegative { problems.append("\(place) has a negative cost basis.") }
            if lot.acquired > asOf { problems.append("\(place) was acquired \(lot.acquired), after the As Of \(asOf).") }
            held["\(lot.account)\u{0}\(lot.symbol)", default: .zero] += lot.quantity
        }

        // Securities, groups, sectors
        var restriction: [String: Restriction] = [:]
        for (index, security) in portfolio.securities.enumerated() {
            if index > 0 && !(portfolio.securities[index - 1].symbol < security.symbol) {
                problems.append("Security \(security.symbol) is out of order or listed twice.")
            }
            if let r = security.restriction { restriction[security.symbol] = r }
            if security.replacements.contains(where: \.isEmpty) {
                problems.append("Security \(security.symbol) has a blank replacement.")
            }
        }
        var groupNames = Set<String>()
        for group in portfolio.groups {
            if !groupNames.insert(group.group).inserted { problems.append("Exposure group \(group.group) is listed twice.") }
            checkWeight(group.maxWeight, "Exposure group \(group.group)'s Max Weight")
        }
        var sectorNames = Set<String>()
        for sector in portfolio.sectors {
            if !sectorNames.insert(sector.sector).inserted { problems.append("Sector \(sector.sector) is listed twice.") }
            checkWeight(sector.band, "Sector \(sector.sector)'s band")
        }

        // Prices
        var prices: [String: Price] = [:]
        for (index, price) in portfolio.prices.enumerated() {
            if index > 0 && !(portfolio.prices[index - 1].symbol < price.symbol) {
                problems.append("The price of \(price.symbol) is out of order or listed twice.")
            }
            prices[price.symbol] = price.price
            if price.price <= Price(micros: 0) { problems.append("The price of \(price.symbol) is not positive.") }
            let age = asOf.days(since: price.asOf)
            switch price.origin {
            case .override:
                break
            case .workbook, .cache, .api:
                if age < 0 || age > settings.priceMaxAgeDays {
                    problems.append("The price of \(price.symbol) is as of \(price.asOf), not within Price Max Age Days of \(asOf).")
                }
            case .stale, .staleCache:
                if age < 0 || !settings.allowStalePrices {
                    problems.append("The price of \(price.symbol) is stale without Allow Stale Prices, or dated after the As Of.")
                }
            }
        }
        let needed = symbolsNeedingPrices(lots: portfolio.lots, models: portfolio.models,
                                          securities: portfolio.securities, manualTrades: portfolio.manualTrades)
        for symbol in needed where prices[symbol] == nil { problems.append("\(symbol) needs a price and has none.") }

        // Transactions
        for transaction in portfolio.transactions {
            let place = transaction.place.isEmpty ? "A transaction of \(transaction.symbol)" : transaction.place
            if accountsByID[transaction.account] == nil { problems.append("\(place) names an unknown account \(transaction.account).") }
            if transaction.symbol.isEmpty { problems.append("\(place) has no symbol.") }
            if transaction.date > asOf { problems.append("\(place) is dated \(transaction.date), after the As Of \(asOf).") }
            if let quantity = transaction.quantity, quantity <= .zero { problems.append("\(place) has a quantity that is not positive.") }
            if let price = transaction.price, price <= Price(micros: 0) { problems.append("\(place) has a price that is not positive.") }
        }

        // Manual trades
        var sides: [String: Side] = [:]
        var sold: [String: Quantity] = [:]
        var soldValue: [String: Money] = [:]
        var buyCost: [String: Money] = [:]
        for trade in portfolio.manualTrades {
            let place = trade.place.isEmpty ? "A manual trade of \(trade.symbol)" : trade.place
            let key = "\(trade.account)\u{0}\(trade.symbol)"
            if accountsByID[trade.account] == nil { problems.append("\(place) names an unknown account \(trade.account).") }
            if let side = sides[key], side != trade.side {
                problems.append("\(place) both buys and sells \(trade.symbol) in \(trade.account).")
            }
            sides[key] = trade.side
            let price = prices[trade.symbol]
            switch trade.size {
            case .quantity(let quantity) where quantity <= .zero:
                problems.append("\(place) trades a quantity that is not positive.")
            case .amount(let amount) where amount <= .zero:
                problems.append("\(place) trades an amount that is not positive.")
            default:
                break
            }
            let r = restriction[trade.symbol]
            switch trade.side {
            case .buy:
                if let r, r.blocksBuying { problems.append("\(place) buys \(trade.symbol), which is \(r.rawValue).") }
                switch trade.size {
                case .quantity(let quantity): buyCost[trade.account, default: .zero] += price?.value(of: quantity) ?? .zero
                case .amount(let amount): buyCost[trade.account, default: .zero] += amount
                }
            case .sell:
                if let r, r.blocksSelling { problems.append("\(place) sells \(trade.symbol), which is \(r.rawValue).") }
                switch trade.size {
                case .quantity(let quantity):
                    sold[key, default: .zero] += quantity
                    soldValue[key, default: .zero] += price?.value(of: quantity) ?? .zero
                case .amount(let amount):
                    soldValue[key, default: .zero] += amount
                }
                let holding = held[key] ?? .zero
                if let total = sold[key], total > holding {
                    problems.append("\(place) sells \(total) \(trade.symbol) in \(trade.account) in all, which holds \(holding).")
                }
                if let price, let value = soldValue[key], value > price.value(of: holding) {
                    problems.append("\(place) sells \(value.formatted) of \(trade.symbol) in \(trade.account) in all, more than its holding is worth.")
                }
            }
        }
        for account in portfolio.accounts {
            if let cost = buyCost[account.id], cost > account.cash {
                problems.append("\(account.id)'s manual buys cost \(cost.formatted), more than its cash \(account.cash.formatted).")
            }
        }
        return problems
    }
}
