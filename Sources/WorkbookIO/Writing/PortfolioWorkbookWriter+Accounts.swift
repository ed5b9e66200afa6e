import RebalanceEngine

extension InputSheetWriter {
    /// Accounts: every field of each account, its resolved cash target, budget and rates
    /// written out, so that no Settings default or model `CASH` row is needed to read it back.
    func writeAccounts() throws {
        let columns = [
            "Account", "Name", "Household", "Type", "Cash", "Cash Target", "Withdrawal", "Tax Budget",
            "Short-Term Rate", "Long-Term Rate", "Realized ST YTD", "Realized LT YTD",
            "ST Loss Carryforward", "LT Loss Carryforward", "Model",
        ]
        try writeTable("Accounts", columns: columns, rows: portfolio.accounts, count: portfolio.accounts.count) { account in
            [
                .text(account.id), .text(account.name), .text(account.household), .text(account.type.rawValue),
                .money(account.cash), .rate(account.cashTarget), .money(account.withdrawal), account.taxBudget.cell,
                .rate(account.rates.shortTerm), .rate(account.rates.longTerm),
                .money(account.realizedShortTermYTD), .money(account.realizedLongTermYTD),
                .money(account.shortTermCarryforward), .money(account.longTermCarryforward),
                .optionalText(account.model),
            ]
        }
    }

    /// Lots: one row per lot, total Cost Basis, the Term column only for an override.
    func writeLots() throws {
        let columns = ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired", "Term"]
        try writeTable("Lots", columns: columns, rows: portfolio.lots, count: portfolio.lots.count) { lot in
            [
                .text(lot.account), .text(lot.symbol), .text(lot.lotID), .quantity(lot.quantity),
                .money(lot.costBasis), .date(lot.acquired), .optionalText(lot.termOverride?.rawValue),
            ]
        }
    }
}
