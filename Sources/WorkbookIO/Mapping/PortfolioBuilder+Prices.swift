import RebalanceEngine

extension PortfolioBuilder {
    /// One Prices row as read.
    struct PriceRow {
        var symbol: String
        var price: Price?
        var asOf: CivilDate?
        var source: String?
        var override: Price?
        var row: SheetTable.DataRow
    }

    /// Resolves a price for every symbol that needs one (held but `Hold`, in a model, a
    /// replacement, traded by hand) through the workbook's chain: Override, else a Prices
    /// price dated within Price Max Age Days before the As Of, else a stale one only under
    /// Allow Stale Prices (WORKBOOK.md, Meaning, Prices).
    mutating func resolvePrices(lots: [TaxLot], models: [Model], securities: [Security],
                                manualTrades: [ManualTrade]) -> [ResolvedPrice] {
        var rows: [String: PriceRow] = [:]
        if let table = tables[.prices] {
            for row in table.rows {
                guard let symbol = text(row, "Symbol")?.uppercased() else {
                    log.error(row.place("Symbol"), "Symbol is blank.")
                    continue
                }
                if let earlier = rows[symbol] {
                    log.error(row.place("Symbol"), "\(symbol) is priced twice (also at \(earlier.row.place("Symbol"))).")
                    continue
                }
                func positive(_ column: String) -> Price? {
                    guard let n = number(row, column) else { return nil }
                    guard let p = Price(decimal: n.text), p > Price(micros: 0) else {
                        log.error(row.place(column), "\(column) must be a positive number, found \"\(shown(row[column]))\".")
                        return nil
                    }
                    return p
                }
                rows[symbol] = PriceRow(symbol: symbol, price: positive("Price"), asOf: date(row, "As Of"),
                                        source: text(row, "Source"), override: positive("Override"), row: row)
            }
        }
        let restricted = Dictionary(securities.map { ($0.symbol, $0) }, uniquingKeysWith: { a, _ in a })
        var needs: [String: String] = [:]
        for lot in lots where restricted[lot.symbol]?.restriction != .hold && needs[lot.symbol] == nil {
            needs[lot.symbol] = "held in \(lot.account)"
        }
        for model in models {
            for target in model.targets where needs[target.symbol] == nil {
                needs[target.symbol] = "in \(model.name.isEmpty ? "the default model" : "the model \"\(model.name)\"")"
            }
        }
        for security in securities {
            for replacement in security.replacements where needs[replacement] == nil {
                needs[replacement] = "the replacement for \(security.symbol)"
            }
        }
        for trade in manualTrades where needs[trade.symbol] == nil {
            needs[trade.symbol] = "traded at \(trade.place)"
        }

        var resolved: [ResolvedPrice] = []
        for symbol in needs.keys.sorted() {
            let why = needs[symbol]!
            guard let row = rows[symbol] else {
                log.error("Prices", "No price for \(symbol) (\(why)); add it to the Prices sheet.")
                continue
            }
            let place = row.row.place("Price")
            let asOf = row.asOf ?? settings.asOf
            if row.asOf == nil && (row.price != nil || row.override != nil) {
                log.info(row.row.place("As Of"), "\(symbol)'s price has no As Of; it is taken as of the run's As Of, \(settings.asOf).")
            }
            var tried: [String] = []
            if let override = row.override {
                if asOf > settings.asOf {
                    log.warning(row.row.place("Override"), "\(symbol)'s Override is dated \(asOf), after the As Of date \(settings.asOf); the Override wins all the same.")
                }
                tried.append("Override: used")
                resolved.append(ResolvedPrice(symbol: symbol, price: override, origin: .override, asOf: asOf,
                                              source: row.source, tried: tried))
                continue
            }
            tried.append("Override: none")
            guard let price = row.price else {
                log.error(place, "No price for \(symbol) (\(why)): the Price cell is blank.")
                continue
            }
            if asOf > settings.asOf {
                log.warning(row.row.place("As Of"), "\(symbol)'s price is dated \(asOf), after the As Of date \(settings.asOf); it is not used.")
                log.error(place, "No usable price for \(symbol) (\(why)): its only price is dated after the As Of date.")
                continue
            }
            let age = settings.asOf.days(since: asOf)
            if age <= settings.priceMaxAgeDays {
                tried.append("Workbook \(asOf): used")
                resolved.append(ResolvedPrice(symbol: symbol, price: price, origin: .workbook, asOf: asOf,
                                              source: row.source, tried: tried))
            } else if settings.allowStalePrices {
                tried.append("Workbook \(asOf): \(age) days old, stale; used under Allow Stale Prices")
                log.warning(place, "\(symbol)'s price is \(age) days old (Price Max Age Days is \(settings.priceMaxAgeDays)); used as a stale price under Allow Stale Prices.")
                resolved.append(ResolvedPrice(symbol: symbol, price: price, origin: .stale, asOf: asOf,
                                              source: row.source, tried: tried))
            } else {
                log.error(place, "No usable price for \(symbol) (\(why)): its price is as of \(asOf), \(age) days before the As Of date; Price Max Age Days is \(settings.priceMaxAgeDays). Update it, or set Allow Stale Prices to Yes.")
            }
        }
        return resolved
    }
}
