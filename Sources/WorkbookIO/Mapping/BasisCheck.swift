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

    /// The warning, if more than half of at least three priced lots are out of bounds the
    /// same way. `prices` are the resolved prices of the book.
    public static func warnings(lots: [TaxLot], prices: [ResolvedPrice]) -> [Diagnostic] {
        var price: [String: Price] = [:]
        for resolved in prices { price[resolved.symbol] = resolved.price }
        var priced = 0
        var under: [Int] = [], over: [Int] = []
        for index in lots.indices {
            guard let p = price[lots[index].symbol] else { continue }
            let value = p.value(of: lots[index].quantity).doubleValue
            guard value > 0 else { continue }
            priced += 1
            let ratio = lots[index].costBasis.doubleValue / value
            if ratio < low { under.append(index) } else if ratio > high { over.append(index) }
        }
        guard priced >= 3 else { return [] }
        func example(_ index: Int) -> String {
            let lot = lots[index]
            return "lot \(lot.lotID) of \(lot.symbol) in \(lot.account): \(lot.costBasis.formatted) for \(lot.quantity) "
                + "shares worth \(price[lot.symbol]!.value(of: lot.quantity).formatted)"
        }
        if under.count * 2 > priced {
            return [Diagnostic(.warning, "Lots", "\(under.count) of \(priced) lots have a cost basis under \(Int(low * 100))% of their "
                + "market value (\(example(under[0]))). Cost Basis is each lot's total cost; if the sheet gives a cost "
                + "per share, name that column Unit Cost, or every sale's tax is estimated on the wrong gain.")]
        }
        if over.count * 2 > priced {
            return [Diagnostic(.warning, "Lots", "\(over.count) of \(priced) lots have a cost basis over \(Int(high)) times their "
                + "market value (\(example(over[0]))). Unit Cost is a cost per share; if the sheet gives each lot's "
                + "total cost, name that column Cost Basis, or every sale's tax is estimated on the wrong loss.")]
        }
        return []
    }
}
