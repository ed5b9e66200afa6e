import RebalanceEngine


/// A date from ISO text; a typo in a test is a crash, not a silent pass.
func date(_ iso: String) -> CivilDate {
    guard let date = CivilDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return date
}

/// Dollars from decimal text, exactly.
func usd(_ text: String) -> Money {
    guard let money = Money(decimal: text) else { fatalError("bad test amount \(text)") }
    return money
}

/// Whole shares.
func shares(_ count: Int64) -> Quantity {
    Quantity(shares: count)
}

/// A price from decimal text.
func price(_ text: String) -> Price {
    guard let price = Price(decimal: text) else { fatalError("bad test price \(text)") }
    return price
}

/// A lot with whole shares and a total basis in dollars.
func lot(
    _ id: String, account: String = "TAX-1", symbol: String = "XYZ", shares count: Int64,
    basis: String, acquired: String, term: Term? = nil
) -> TaxLot {
    TaxLot(
        lotID: id, account: account, symbol: symbol, quantity: shares(count),
        costBasis: usd(basis), acquired: date(acquired), termOverride: term)
}

/// A taxed ledger at the default rates.
func taxedLedger(
    ytdST: String = "0", ytdLT: String = "0", carryST: String = "0", carryLT: String = "0",
    rates: TaxRates = .workbookDefault
) -> TaxLedger {
    TaxLedger(
        profile: AccountTaxProfile(isTaxed: true, rates: rates),
        realizedShortTermYTD: usd(ytdST), realizedLongTermYTD: usd(ytdLT),
        shortTermCarryforward: usd(carryST), longTermCarryforward: usd(carryLT))
}
