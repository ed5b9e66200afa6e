import RebalanceEngine

extension InputSheetWriter {
    /// Transactions: recent buys and sales; what the custodian left out stays blank.
    func writeTransactions() throws {
        let columns = ["Account", "Date", "Symbol", "Side", "Quantity", "Price", "Realized Gain", "Term"]
        try writeTable("Transactions", columns: columns, rows: portfolio.transactions,
                       count: portfolio.transactions.count) { transaction in
            [
                .text(transaction.account), .date(transaction.date), .text(transaction.symbol),
                .text(transaction.side.rawValue), transaction.quantity.map { .quantity($0) } ?? .blank,
                transaction.price.map { .price($0) } ?? .blank, .optionalMoney(transaction.realizedGain),
                .optionalText(transaction.term?.rawValue),
            ]
        }
    }

    /// Manual Trades: each trade by Quantity or by Amount, the other left blank.
    /// A Lot ID column only where a sale names its lot, so that other books are written as before.
    func writeManualTrades() throws {
        let namesLots = portfolio.manualTrades.contains { $0.lotID != nil }
        let columns = ["Account", "Symbol", "Side", "Quantity", "Amount"] + (namesLots ? ["Lot ID"] : []) + ["Note"]
        try writeTable("Manual Trades", columns: columns, rows: portfolio.manualTrades,
                       count: portfolio.manualTrades.count) { trade in
            let (quantity, amount): (SheetCell, SheetCell)
            switch trade.size {
            case .quantity(let q): (quantity, amount) = (.quantity(q), .blank)
            case .amount(let m): (quantity, amount) = (.blank, .money(m))
            }
            return [.text(trade.account), .text(trade.symbol), .text(trade.side.rawValue), quantity, amount]
                + (namesLots ? [.optionalText(trade.lotID)] : []) + [.optionalText(trade.note)]
        }
    }
}
