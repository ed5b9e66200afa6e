import Glibc
import RebalanceEngine

/// A warning when most lots' cost basis is far from anything their market value makes
/// likely, as when a sheet gives a cost per share under Cost Basis (read as each lot's
/// total cost, every lot a fifty-fold gain) or each lot's total under Unit Cost (read as a
/// cost per share, every lot worth almost nothing of its cost). Either misreading would
/// estimate every sale's tax wrong; the tool cannot tell it from a book of such lots, so
/// it warns rather than stops, and the Exceptions sheet shows the CIO.
public enum BasisCheck {
    /// Lots whose basis is under this fraction of their market value look like a cost per
    /// share read as a total; over `high` times it, like a total read as a cost per share.
    static let low = 0.02
    static let high = 50.0
    /// A lot whose basis is between these fractions of its value is worth 50 to 200 times its
    /// cost: for a lot held by a CUSIP, a bond priced per 100 of face.
    static let perHundredLow = 0.005
    static let perHundredHigh = 0.02

    /// The warning, if more than half of at least three priced lots are out of bounds the
    /// same way. `prices` are the resolved prices of the book.
    public static func warnings(lots: [TaxLot], prices: [ResolvedPrice]) -> [Diagnostic] {
        let price = priceBySymbol(prices)
        var priced = 0
        var under: [Int] = [], over: [Int] = []
        var perHundred: [Int] = []
        var severalShares = 0
        var nearOneShare: [Int] = []
        for index in lots.indices {
            guard let p = price[lots[index].symbol] else { continue }
            let value = p.value(of: lots[index].quantity).doubleValue
            guard value > 0 else { continue }
            priced += 1
            let ratio = lots[index].costBasis.doubleValue / value
            let shares = lots[index].quantity.doubleValue
            if shares >= 2, lots[index].costBasis.doubleValue > 0 {
                severalShares += 1
                if isNearerOneShare(ratio: ratio, shares: shares) { nearOneShare.append(index) }
            }
            if ratio < low { under.append(index) } else if ratio > high { over.append(index) }
            if (perHundredLow...perHundredHigh).contains(ratio), PortfolioBuilder.identifierKind(lots[index].symbol) != nil {
                perHundred.append(index)
            }
        }
        func example(_ index: Int) -> String {
            let lot = lots[index]
            return "lot \(lot.lotID) of \(lot.symbol) in \(lot.account): \(lot.costBasis.formatted) for \(lot.quantity) "
                + "shares worth \(price[lot.symbol]!.value(of: lot.quantity).formatted)"
        }
        // A bond or CD held by its CUSIP (or ISIN, or its name), its Quantity the face amount,
        // priced per 100 of face:
        // each lot worth about a hundred times its cost. Without a Market Value column to tell
        // it by, a Treasury note bought for $9,900 was valued at $985,000 and sold in Phase Out
        // (explore-AO). A stock's CUSIP up a hundredfold is warned of too: the PM says which.
        var found: [Diagnostic] = []
        if let first = perHundred.first {
            let count = perHundred.count
            found.append(Diagnostic(.warning, "Lots", "\(count == 1 ? "A lot" : "\(count) lots") held by a CUSIP, an ISIN or a name \(count == 1 ? "is" : "are") "
                + "worth about a hundred times \(count == 1 ? "its" : "their") cost (\(example(first))): a bond or CD priced per "
                + "100 of face value. The tool values a lot at Quantity × Price, so it would count \(count == 1 ? "it" : "them") "
                + "a hundred times over: give the price per dollar of face on the Prices sheet (98.25 is 0.9825)."))
        }
        guard priced >= 3 else { return found }
        if under.count * 2 > priced {
            return found + [Diagnostic(.warning, "Lots", "\(under.count) of \(priced) lots have a cost basis under \(Int(low * 100))% of their "
                + "market value (\(example(under[0]))). Cost Basis is each lot's total cost; if the sheet gives a cost "
                + "per share, name that column Unit Cost, or every sale's tax is estimated on the wrong gain. If the prices are "
                // Every price a thousandfold, a decimal comma read as a thousands separator,
                // was told only of the basis (explore-BE).
                + "what is too large (a decimal comma read as a thousands separator: 72,850 for 72.85), correct the Prices sheet.")]
        }
        if over.count * 2 > priced {
            return found + [Diagnostic(.warning, "Lots", "\(over.count) of \(priced) lots have a cost basis over \(Int(high)) times their "
                + "market value (\(example(over[0]))). Unit Cost is a cost per share; if the sheet gives each lot's "
                + "total cost, name that column Cost Basis, or every sale's tax is estimated on the wrong loss.")]
        }
        // Costs per share under Cost Basis in a book of small lots (3 to 20 shares): each
        // lot's "basis" is near one share's price, not its value, but seldom under 2% of it,
        // and the plan went on with every gain overstated (explore-AO). A lot of several
        // shares whose total cost is near one share's price has gained more than its share
        // count over: a few do, three in four do not.
        if severalShares >= nearOneShareFewest, nearOneShare.count * 4 >= severalShares * 3 {
            found.append(Diagnostic(.warning, "Lots", "\(nearOneShare.count) of \(severalShares) lots of two shares or more have a "
                + "cost basis nearer one share's price than the lot's market value (\(example(nearOneShare[0]))). Cost Basis is "
                + "each lot's total cost; if the sheet gives a cost per share, name that column Unit Cost, or every sale's tax "
                + "is estimated on the wrong gain."))
        }
        return found
    }

    /// Errors for lots priced per 100 of face, one per symbol: a lot worth about a hundred
    /// times its cost (50 to 200 times) whose figures say the price is per 100 — the Lots
    /// sheet's own Market Value near Quantity × Price / 100, or a cost per unit near 1 while
    /// the price is near 100 and the Quantity a whole number of thousands, as a bond's or CD's
    /// face is. Valued at Quantity × Price, a Treasury of $19,700 held as `UST34` was worth
    /// $1,965,000 and planned with $462,981 of tax, with no word (explore-CQ).
    ///
    /// A stock that truly rose a hundredfold is told apart by what nothing about a bond
    /// shares: a Market Value on its row that agrees with Quantity × Price clears it, and
    /// otherwise its cost is seldom near a dollar a share while its price is near 100 and its
    /// lot a round number of thousands; such a lot is refused with the way to clear it.
    /// `requests` give each price's cells, `lotCells` each lot's.
    public static func pricedPerHundred(lots: [TaxLot], prices: [ResolvedPrice], requests: [PriceRequest],
                                        lotCells: [TaxLot.Key: PortfolioReading.LotCells]) -> [Diagnostic] {
        var resolved: [String: ResolvedPrice] = [:]
        for price in prices { resolved[price.symbol] = price }
        var requested: [String: PriceRequest] = [:]
        for request in requests { requested[request.symbol] = request }
        var found: [String: (lot: TaxLot, evidence: String, count: Int)] = [:]
        var order: [String] = []
        for lot in lots {
            guard let price = resolved[lot.symbol], lot.costBasis > .zero, lot.quantity > .zero else { continue }
            let worth = price.price.value(of: lot.quantity)
            let times = worth.doubleValue / lot.costBasis.doubleValue
            guard (1 / perHundredHigh...1 / perHundredLow).contains(times) else { continue }
            let cells = lotCells[lot.id]
            let evidence: String
            if let marketValue = cells?.marketValue {
                // The row's own value settles it either way: about Quantity × Price / 100 says
                // per 100; about Quantity × Price, a stock that rose a hundredfold.
                guard (90...110).contains(worth.doubleValue / marketValue.doubleValue) else { continue }
                evidence = "the row's Market Value, \(marketValue.formatted), is about Quantity × Price / 100"
            } else {
                let unitCost = lot.costBasis.doubleValue / lot.quantity.doubleValue
                let wholeThousands = lot.quantity.micros % (1_000 * Quantity.scale) == 0
                guard (0.5...1.5).contains(unitCost), (50...150).contains(price.price.doubleValue), wholeThousands else { continue }
                evidence = "its cost is \(formattedUnit(unitCost)) a unit of Quantity and its price \(price.price), as a bond's or "
                    + "CD's are per dollar and per 100 of face"
            }
            if found[lot.symbol] == nil {
                order.append(lot.symbol)
                found[lot.symbol] = (lot, evidence, 0)
            }
            found[lot.symbol]!.count += 1
        }
        return order.map { symbol in
            let (lot, evidence, count) = found[symbol]!
            let price = resolved[symbol]!
            let place = lotCells[lot.id]?.quantityPlace ?? "Lots"
            let worth = price.price.value(of: lot.quantity)
            let others = count == 1 ? "" : " (and \(count - 1) more of its lots)"
            let clear = evidence.hasPrefix("the row's") ? ""
                : " If the lot truly rose a hundredfold, give the Lots sheet a Market Value column showing Quantity × Price, "
                    + "which tells the tool so."
            return Diagnostic(.error, place, "Lot \(lot.lotID) of \(symbol) in \(lot.account)\(others): \(lot.quantity) at a cost of "
                + "\(lot.costBasis.formatted) is worth \(worth.formatted) at the price \(price.price) (\(pricePlace(of: price, requested[symbol]))), "
                + "about a hundred times its cost, and \(evidence): the price is per 100 of face. The tool values a lot at "
                + "Quantity × Price, so every trade and tax of it would be a hundred times over. Give the price per unit of "
                + "Quantity on the Prices sheet (\(price.price) is \(perUnit(price.price))), or the Quantity in the units the "
                + "price is for.\(clear)")
        }
    }

    /// Where a resolved price came from, for a message: its cell, or the cache or the API.
    static func pricePlace(of price: ResolvedPrice, _ request: PriceRequest?) -> String {
        switch price.origin {
        case .override: return request?.workbook?.overridePlace ?? "the Prices sheet's Override"
        case .workbook, .stale: return request?.workbook?.pricePlace ?? "the Prices sheet"
        case .cache, .staleCache: return "the price cache"
        case .api: return "the quote API"
        }
    }

    /// A price per 100 as the price per unit (98.25 as 0.9825).
    static func perUnit(_ price: Price) -> String {
        Price(micros: price.micros / 100).description
    }

    /// A cost per unit to four places (0.985).
    static func formattedUnit(_ value: Double) -> String {
        Price(roundingDollars: (value * 10_000).rounded() / 10_000)?.description ?? "\(value)"
    }

    /// The fewest lots of two shares or more that the near-one-share check judges a book by.
    static let nearOneShareFewest = 5

    /// The resolved prices by symbol.
    static func priceBySymbol(_ prices: [ResolvedPrice]) -> [String: Price] {
        var price: [String: Price] = [:]
        for resolved in prices { price[resolved.symbol] = resolved.price }
        return price
    }

    /// Whether a lot of `shares` whose basis is `ratio` of its value has a basis nearer one
    /// share's price than the lot's value, by their logarithms.
    static func isNearerOneShare(ratio: Double, shares: Double) -> Bool {
        abs(log(ratio * shares)) < abs(log(ratio))
    }

    /// The Cost Basis headers that say neither a total nor a cost per share: a sheet uses
    /// `Cost`, `Basis` or `Book Cost` (`Cost ($)`) for either. Headers that say a total
    /// (`Cost Basis`, `Total Cost`) are taken at their word.
    static let headersOfEitherCost: Set<String> = [
        "cost", "basis", "bookcost", "taxcost", "taxbasis", "adjcost", "adjustedcost", "adjbasis", "adjustedbasis",
    ]

    /// An error when the Cost Basis column is headed by a word that says neither a total nor
    /// a cost per share (`headersOfEitherCost`), beside no Unit Cost or Market Value column,
    /// and every one of at least three priced lots of two shares or more has a cost under 2%
    /// of its value and nearer one share's price: a cost per share. Planned on a warning
    /// alone, such a book's taxable account showed $14,967.81 of tax where its lots, read per
    /// share, gave a $988.47 saving (explore-CB); under `Basis` or `Book Cost` until stop 59,
    /// a joint account's $4,933.84 of tax was estimated at $9,967.93 (explore-EM).
    public static func perShareUnderCost(lots: [TaxLot], prices: [ResolvedPrice], header: (text: String, place: String)?) -> Diagnostic? {
        guard let header, headersOfEitherCost.contains(HeaderName.normalize(header.text).key) else { return nil }
        let price = priceBySymbol(prices)
        var judged = 0
        var example: TaxLot?
        for lot in lots {
            guard let p = price[lot.symbol], lot.quantity.doubleValue >= 2, lot.costBasis > .zero else { continue }
            let value = p.value(of: lot.quantity).doubleValue
            guard value > 0 else { continue }
            let ratio = lot.costBasis.doubleValue / value
            // Under 2% of the lot's value as well: small lots held long (4 AAPL bought for
            // $100) are nearer one share's price and are totals all the same (explore-CF).
            guard ratio < low, isNearerOneShare(ratio: ratio, shares: lot.quantity.doubleValue) else { return nil }
            judged += 1
            if example == nil { example = lot }
        }
        guard judged >= 3, let lot = example, let p = price[lot.symbol] else { return nil }
        return Diagnostic(.error, header.place, "The column \"\(header.text.excerpt)\" is read as Cost Basis, each lot's total "
            + "cost, but every one of its \(judged) lots of two shares or more holds under 2% of the lot's value, nearer one "
            + "share's price (lot \(lot.lotID) of \(lot.symbol) in \(lot.account): \(lot.costBasis.formatted) for \(lot.quantity) shares "
            + "worth \(p.value(of: lot.quantity).formatted)): a cost per share. Name the column Unit Cost if it is one, or Cost "
            + "Basis if the figures are totals.")
    }
}
