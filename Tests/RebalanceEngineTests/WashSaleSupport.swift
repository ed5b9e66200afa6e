import RebalanceEngine

/// The Smith household: two taxed accounts and an IRA; GOOG and GOOGL are one family.
enum Smith {
    static let accounts = [
        HouseholdAccount(account: "TAX-1", isTaxed: true),
        HouseholdAccount(account: "TAX-2", isTaxed: true),
        HouseholdAccount(account: "IRA-1", isTaxed: false),
    ]

    static let families = SecurityFamilies(identicalGroups: ["GOOG": "Alphabet", "GOOGL": "Alphabet"])

    static func calendar(lots: [TaxLot] = [], transactions: [Transaction] = []) -> WashSaleCalendar {
        WashSaleCalendar(household: "Smith", accounts: accounts, families: families,
                         windowDays: 30, lots: lots, transactions: transactions)
    }
}

/// A Transactions sale.
func sold(
    _ account: String, _ symbol: String, on day: String, shares count: Int64?, gain: String?,
    term: Term? = nil
) -> Transaction {
    Transaction(account: account, date: date(day), symbol: symbol, side: .sell,
                quantity: count.map(shares), realizedGain: gain.map(usd), term: term)
}

/// A Transactions buy.
func bought(_ account: String, _ symbol: String, on day: String, shares count: Int64?, at cost: String? = nil)
    -> Transaction
{
    Transaction(account: account, date: date(day), symbol: symbol, side: .buy,
                quantity: count.map(shares), price: cost.map(price))
}

extension Array where Element == WashSaleRecord {
    /// The rows of one action.
    func rows(_ action: WashSaleRecord.Action) -> [WashSaleRecord] {
        filter { $0.action == action }
    }
}
