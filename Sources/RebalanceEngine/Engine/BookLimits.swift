/// The largest book the engine plans, so that no sum or product it forms can leave its exact
/// arithmetic (money in whole cents and quantities in millionths of a share, each a 64-bit
/// integer: at most about $92 million billion and 9.2 million million shares).
///
/// A book passes when every amount it holds, added up (cash, withdrawals, the year's figures
/// and carryforwards, each lot's value and basis, manual trades, recent transactions), comes
/// to at most `maxDollars`, no Tax Budget is larger, and no household could hold more than
/// `maxShares` of a symbol it might buy: the shares it holds and trades, and what its value
/// buys at the lowest price of any symbol the engine may buy. That leaves room of nine times
/// over and more for every total the plan forms. Real books are far inside; a misplaced digit
/// or a sub-penny price beside a vast account is not, and is refused with what it came to,
/// never a crash.
///
/// The check costs one pass over the lots, in the runs by account the sharding makes anyway,
/// with no lookup by name: each account's shares are valued at the book's highest price, and
/// bought at its lowest, first; only a book that bound does not clear is valued lot by lot.
public enum BookLimits {
    /// A thousand million million dollars.
    static let maxDollars = 1e15
    /// A million million shares.
    static let maxShares = 1e12
    /// The most lots of one symbol in one account the engine plans. Harvest sells a position's
    /// loss lots one at a time, each sale's bookkeeping growing with the position's lots: a
    /// book of one position of 100,000 lots, many of them harvested, ran end to end in 6.9 s,
    /// and one of a million (a Lots sheet filled to Excel's last row with one account's VTI)
    /// ran past 300 s.
    public static let maxLotsPerPosition = 100_000
    /// The longest wash-sale window the engine keeps: a year, twelve times the law's thirty days.
    public static let maxWashSaleDays = 366
    /// The dates a book may hold (As Of, acquisitions, transactions): a window or a holding
    /// year from any of them stays inside the calendar's years 1 to 9999.
    public static let dates = CivilDate(year: 2, month: 1, day: 1)!...CivilDate(year: 9997, month: 12, day: 31)!

    /// The book's dates and wash-sale window outside what the engine's calendar holds.
    static func dateProblems(in portfolio: Portfolio) -> [PlanningError.Problem] {
        var problems: [PlanningError.Problem] = []
        let window = portfolio.settings.washSaleDays
        if !(0...maxWashSaleDays).contains(window) {
            problems.append(.init(place: "Settings", message: "Wash Sale Days must be from 0 to \(maxWashSaleDays), found \(window)."))
        }
        func check(_ date: CivilDate, place: String = "", _ what: @autoclosure () -> String) {
            guard !dates.contains(date) else { return }
            problems.append(.init(place: place, message: "\(what()) \(date) is outside \(dates.lowerBound) to "
                + "\(dates.upperBound), the dates the tool plans with."))
        }
        check(portfolio.settings.asOf, place: "Settings", "As Of")
        // One pass over the lots comparing dates; the lots are named only when one is outside.
        var earliest = dates.lowerBound, latest = dates.upperBound
        portfolio.lots.withUnsafeBufferPointer { lots in
            for lot in lots.indices {
                earliest = min(earliest, lots[lot].acquired)
                latest = max(latest, lots[lot].acquired)
            }
        }
        if earliest < dates.lowerBound || latest > dates.upperBound {
            for lot in portfolio.lots where !dates.contains(lot.acquired) {
                check(lot.acquired, place: "Lots", "Lot \(lot.lotID) of \(lot.account): Acquired")
            }
        }
        for row in portfolio.transactions { check(row.date, place: row.place, "Date") }
        return problems
    }

    /// Every way `portfolio` is too large to plan; empty when it is not. `lotRuns` are its
    /// lots in runs of one account (`Planner.lotRuns(of:)`).
    static func problems(in portfolio: Portfolio, lotRuns: [RowOrder.NameRun]) -> [PlanningError.Problem] {
        // Bounds first, with no lookup by name: every lot at the highest price of the book,
        // every buy at its lowest.
        var highest = Price(micros: 0), lowest: (symbol: String, price: Price)?
        for index in portfolio.prices.indices where portfolio.prices[index].price.micros > 0 {
            let price = portfolio.prices[index].price
            highest = max(highest, price)
            if lowest == nil || price < lowest!.price { lowest = (portfolio.prices[index].symbol, price) }
        }
        let bound = AccountSizes(portfolio, lotRuns: lotRuns, highestPrice: highest.doubleValue)
        if bound.fits(portfolio, lowestBuyPrice: lowest) { return [] }
        // Valued lot by lot, at each lot's own price and the lowest of a symbol that may be
        // bought, to be sure and to say what is too large.
        var prices: [String: Price] = Dictionary(minimumCapacity: portfolio.prices.count)
        for price in portfolio.prices { prices[price.symbol] = price.price }
        let priceOf = { (symbol: String) -> Price? in prices[symbol] }
        let exact = AccountSizes(portfolio, lotRuns: lotRuns, lotValue: { priceOf($0)?.doubleValue ?? 0 })
        return exact.problems(portfolio, lowestBuyPrice: lowestBuyPrice(portfolio, priceOf))
    }

    /// The lowest price of a symbol the engine may buy: a model's, a Replacement or a manual buy.
    private static func lowestBuyPrice(_ portfolio: Portfolio, _ priceOf: (String) -> Price?) -> (symbol: String, price: Price)? {
        var lowest: (symbol: String, price: Price)?
        func consider(_ symbol: String) {
            guard let price = priceOf(symbol), price.micros > 0 else { return }
            if lowest == nil || price < lowest!.price { lowest = (symbol, price) }
        }
        for model in portfolio.models { for target in model.targets { consider(target.symbol) } }
        for security in portfolio.securities { security.replacements.forEach(consider) }
        for trade in portfolio.manualTrades where trade.side == .buy { consider(trade.symbol) }
        return lowest
    }
}

/// What each account of a book comes to, in dollars and shares: every lot valued at the
/// book's highest price (a bound, quickly), or at its own price, with the largest amount named.
private struct AccountSizes {
    /// Every amount of the account's, added up, and the part that can buy.
    var dollars: [Double]
    var buyingPower: [Double]
    var shares: [Double]
    /// The largest single amount of the book, named, for the message.
    var largest: (what: String, dollars: Double) = ("", 0)
    /// Amounts of no account's (a lot, trade or transaction of an account the book lacks).
    var unplaced = 0.0
    /// The largest Tax Budget, and its account.
    var largestBudget: (account: String, dollars: Double) = ("", 0)

    init(_ portfolio: Portfolio, lotRuns: [RowOrder.NameRun], highestPrice: Double) {
        self.init(portfolio, lotRuns: lotRuns, lotValue: nil, highestPrice: highestPrice)
    }

    init(_ portfolio: Portfolio, lotRuns: [RowOrder.NameRun], lotValue: @escaping (String) -> Double) {
        self.init(portfolio, lotRuns: lotRuns, lotValue: lotValue, highestPrice: 0)
    }

    /// `lotValue` is the price of a symbol, in dollars a share; without it, every symbol is
    /// at `highestPrice` and nothing is named.
    private init(
        _ portfolio: Portfolio, lotRuns: [RowOrder.NameRun], lotValue given: ((String) -> Double)?, highestPrice: Double
    ) {
        let naming = given != nil
        let lotValue = given ?? { _ in highestPrice }
        let count = portfolio.accounts.count
        dollars = Array(repeating: 0, count: count)
        buyingPower = Array(repeating: 0, count: count)
        shares = Array(repeating: 0, count: count)
        var indexOf: [String: Int] = Dictionary(minimumCapacity: count)
        let accounts = portfolio.accounts
        for index in accounts.indices {
            indexOf[accounts[index].id] = index
            let cash = abs(accounts[index].cash.doubleValue)
            // A budget is a limit, not an amount held: only each one's own size matters.
            if case .limit(let limit) = accounts[index].taxBudget, abs(limit.doubleValue) > largestBudget.dollars {
                largestBudget = (accounts[index].id, abs(limit.doubleValue))
            }
            let figures = [cash, abs(accounts[index].withdrawal.doubleValue),
                           abs(accounts[index].realizedShortTermYTD.doubleValue), abs(accounts[index].realizedLongTermYTD.doubleValue),
                           abs(accounts[index].shortTermCarryforward.doubleValue),
                           abs(accounts[index].longTermCarryforward.doubleValue)]
            if naming {
                for (figure, name) in zip(figures, ["Cash", "Withdrawal", "Realized ST YTD", "Realized LT YTD",
                                                    "ST Loss Carryforward", "LT Loss Carryforward"]) {
                    note(figure, "\(accounts[index].id)'s \(name)")
                }
            }
            dollars[index] = figures.reduce(0, +)
            buyingPower[index] = cash
        }
        // Each run of an account's lots (they usually come together) is summed here, then
        // added to its account's: its account is looked up once a run.
        // Read in place: a lot read out of the array is copied with its names retained.
        portfolio.lots.withUnsafeBufferPointer { lots in
            for run in lotRuns {
                var value = 0.0, basis = 0.0, quantity = 0.0
                for lot in run.rows {
                    let shares = Double(lots[lot].quantity.micros) / 1e6
                    let lotValue = shares * (naming ? lotValue(lots[lot].symbol) : highestPrice)
                    let lotBasis = Double(lots[lot].costBasis.cents) / 100
                    if naming {
                        note(lotValue, "lot \(lots[lot].lotID) of \(run.name) (\(lots[lot].symbol))")
                        note(lotBasis, "the Cost Basis of lot \(lots[lot].lotID) of \(run.name)")
                    }
                    value += lotValue
                    basis += lotBasis
                    quantity += shares
                }
                if let index = indexOf[run.name] {
                    dollars[index] += value + basis
                    buyingPower[index] += value
                    shares[index] += quantity
                } else {
                    unplaced += value + basis
                }
            }
        }
        for trade in portfolio.manualTrades {
            let (amount, quantity): (Double, Double)
            switch trade.size {
            case .amount(let money): (amount, quantity) = (abs(money.doubleValue), 0)
            case .quantity(let size): (amount, quantity) = (abs(size.doubleValue) * lotValue(trade.symbol), abs(size.doubleValue))
            }
            note(amount, "the manual trade at \(trade.place)")
            guard let index = indexOf[trade.account] else { unplaced += amount; continue }
            dollars[index] += amount
            shares[index] += quantity
        }
        // Rows read where they are stored (`for row in` copied each), their account looked up
        // once per run of its rows (callgrind: 0.2% of planning's instructions).
        let transactions = portfolio.transactions
        var accountOfRow = RunLookup(indexOf)
        for row in transactions.indices {
            let quantity = abs(transactions[row].quantity?.doubleValue ?? 0)
            let amount = abs(transactions[row].realizedGain?.doubleValue ?? 0)
                + quantity * (transactions[row].price?.doubleValue ?? lotValue(transactions[row].symbol))
            note(amount, "the transaction at \(transactions[row].place)")
            guard let index = accountOfRow.value(for: transactions[row].account) else { unplaced += amount; continue }
            dollars[index] += amount
            shares[index] += quantity
        }
    }

    /// Worded only when it is the largest so far: most amounts never are.
    private mutating func note(_ amount: Double, _ what: @autoclosure () -> String) {
        if amount > largest.dollars { largest = (what(), amount) }
    }

    /// Each household's buying power and shares, in the order households first appear.
    private func households(_ portfolio: Portfolio) -> [(name: String, buyingPower: Double, shares: Double)] {
        var households: [(name: String, buyingPower: Double, shares: Double)] = []
        var indexOf: [String: Int] = [:]
        let accounts = portfolio.accounts
        for index in accounts.indices {
            let household = indexOf[accounts[index].household] ?? {
                households.append((accounts[index].household, 0, 0))
                indexOf[accounts[index].household] = households.count - 1
                return households.count - 1
            }()
            households[household].buyingPower += buyingPower[index]
            households[household].shares += shares[index]
        }
        return households
    }

    private var total: Double { dollars.reduce(unplaced, +) }

    func fits(_ portfolio: Portfolio, lowestBuyPrice: (symbol: String, price: Price)?) -> Bool {
        guard total <= BookLimits.maxDollars, largestBudget.dollars <= BookLimits.maxDollars else { return false }
        let price = lowestBuyPrice?.price.doubleValue ?? .infinity
        return households(portfolio).allSatisfy { $0.shares + $0.buyingPower / price <= BookLimits.maxShares }
    }

    func problems(_ portfolio: Portfolio, lowestBuyPrice: (symbol: String, price: Price)?) -> [PlanningError.Problem] {
        var problems: [PlanningError.Problem] = []
        if fits(portfolio, lowestBuyPrice: lowestBuyPrice) { return problems }
        if !(total <= BookLimits.maxDollars) {
            problems.append(.init(place: "", message: "The book's amounts (cash, withdrawals, the year's figures, each "
                + "lot's value and basis, manual trades, transactions) come to \(AccountSizes.dollars(total)), "
                + "more than the \(AccountSizes.dollars(BookLimits.maxDollars)) the tool plans with; the largest "
                + "is \(largest.what), \(AccountSizes.dollars(largest.dollars)). A digit too many?"))
        }
        if !(largestBudget.dollars <= BookLimits.maxDollars) {
            problems.append(.init(place: "", message: "\(largestBudget.account)'s Tax Budget of "
                + "\(AccountSizes.dollars(largestBudget.dollars)) is more than the \(AccountSizes.dollars(BookLimits.maxDollars)) "
                + "the tool plans with; for no limit, write Unlimited."))
        }
        if let lowest = lowestBuyPrice {
            let price = lowest.price.doubleValue
            for household in households(portfolio)
            where !(household.shares + household.buyingPower / price <= BookLimits.maxShares) {
                let bought = household.buyingPower / price
                problems.append(.init(place: "", message: "Household \(household.name) holds and trades "
                    + "\(AccountSizes.count(household.shares)) shares, and its \(AccountSizes.dollars(household.buyingPower)) "
                    + "would buy \(AccountSizes.count(bought)) shares of \(lowest.symbol) at $\(lowest.price): "
                    + "\(AccountSizes.count(household.shares + bought)) in all, more than the "
                    + "\(AccountSizes.count(BookLimits.maxShares)) shares the tool plans with. A digit too many, or a "
                    + "price far too low?"))
            }
        }
        return problems
    }

    /// `$1,234,567.00` (to the dollar: past a few million million, a sum in floating point
    /// is no longer exact to the cent), or `more than $90,000,000,000,000,000.00`.
    static func dollars(_ amount: Double) -> String {
        guard amount.isFinite, amount < 9e16 else { return "more than $90,000,000,000,000,000.00" }
        return Money(dollars: Int64(amount.rounded())).formatted
    }

    /// `1,234,567` for a count of shares, rounded.
    static func count(_ shares: Double) -> String {
        guard shares.isFinite, shares < 9e18 else { return "more than 9,000,000,000,000,000,000" }
        return Int(shares.rounded()).withThousandsSeparators
    }
}
