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

    /// An error when the Cost Basis column is headed by the bare word `Cost` (`Cost ($)`),
    /// which a sheet uses for a cost per share as often as for a lot's total, beside no Unit
    /// Cost or Market Value column, and every one of at least three priced lots of two shares
    /// or more has a cost under 2% of its value and nearer one share's price: a cost per
    /// share. Planned on a warning alone, such a book's taxable account showed $14,967.81 of
    /// tax where its lots, read per share, gave a $988.47 saving (explore-CB).
    public static func perShareUnderCost(lots: [TaxLot], prices: [ResolvedPrice], header: (text: String, place: String)?) -> Diagnostic? {
        guard let header, HeaderName.normalize(header.text).key == "cost" else { return nil }
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
