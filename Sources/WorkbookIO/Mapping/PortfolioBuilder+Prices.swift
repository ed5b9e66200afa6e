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

    /// A Prices row's price in `column` as the earlier row of its symbol would hold it: nil
    /// when blank or not a price (the row is then read and refused as any other).
    private func samePrice(_ row: SheetTable.DataRow, _ column: String) -> Price? {
        guard case .value(let n) = CellReader.number(row[column]), let price = Price(decimal: n.text), price > Price(micros: 0)
        else { return nil }
        return price
    }

    /// A price request for every symbol that needs a price (held but `Hold`, in a model, a
    /// replacement, traded by hand), with what the Prices sheet says of it. The reader stops
    /// here: which source wins is the price chain's to decide (the `Pricing` module), since
    /// the cache and the quote API may price what the sheet does not.
    mutating func priceRequests(lots: [TaxLot], models: [Model], securities: [Security],
                                manualTrades: [ManualTrade]) -> [PriceRequest] {
        // A sheet dated only in its title or note (`Closing prices as of 11/13/2026`) dates the
        // prices that give no As Of: taken as of the run's date, last week's prices were planned
        // as fresh (explore-BL). A date after the As Of dates them too, so that they are not
        // used, as a price whose As Of is after it is not: taken as the run's, prices of a
        // later day were planned on as of today (explore-BT).
        let sheetDate = tables[.prices]?.title.flatMap { title in
            SheetTable.pricesDate(inTitle: title.text, asOf: settings.asOf).map { (date: $0, place: title.place) }
        }
        // A title that says when but whose date cannot be read: said once, where the prices with
        // no As Of of their own are then taken as of the run's As Of (explore-BT: silently).
        if sheetDate == nil, let title = tables[.prices]?.undatedPricesTitle,
           tables[.prices]?.rows.contains(where: { isBlank($0, "As Of") }) ?? false {
            log.warning(title.place, "The title \"\(title.text.excerpt)\" says when the prices were taken, but holds no date the "
                + "tool can read: prices with no As Of are taken as of the run's As Of, \(settings.asOf). Write the date as "
                + "11/13/2026 or 2026-11-13, or give each price its As Of.")
        }
        var rows: [String: PriceRow] = [:]
        // Prices a feed failed to give, said only where the symbol needs a price (explore-BP: a
        // watch-list row's `#N/A` refused the book).
        var failedPrices: [String: (value: String, place: String)] = [:]
        if let table = tables[.prices] {
            // An Account column, unread: a sheet of a price per account had its same prices
            // called "priced twice" with no word of why (explore-AZ).
            let accountColumn = table.unknownHeaders.first { ContractSheet.accounts.column(forHeader: $0.header) == "Account" }
            for row in table.rows {
                guard let symbol = text(row, "Symbol")?.uppercased() else {
                    log.error(row.place("Symbol"), "Symbol is blank.")
                    continue
                }
                guard isInDollars(row, hasCurrency: table.has("Currency")) else { continue }
                if let earlier = rows[symbol] {
                    // One price written twice (a price per account, the same on each row; a row
                    // pasted twice) is one price, whatever else its columns say (explore-BF).
                    // Without an Account column, a pasted row had been refused (explore-CQ).
                    if earlier.price != nil || earlier.override != nil,
                       earlier.price == samePrice(row, "Price"), earlier.override == samePrice(row, "Override"),
                       earlier.asOf == date(row, "As Of") {
                        if accountColumn == nil {
                            log.info(row.place("Symbol"), "\(symbol)'s row repeats the price and date of \(earlier.row.place("Symbol")): "
                                + "one price, read once.")
                        }
                        continue
                    }
                    log.error(row.place("Symbol"), "\(symbol) is priced twice (also at \(earlier.row.place("Symbol")))."
                        + (accountColumn.map { " Prices are one a symbol for the whole book, and the column \"\($0.header.excerpt)\" "
                            + "(\(table.sheetName)!\($0.cell)) is not read: keep one row of each symbol." } ?? ""))
                    continue
                }
                func positive(_ column: String) -> Price? {
                    guard let n = number(row, column, counting: "a price in dollars") else { return nil }
                    guard let p = Price(decimal: n.text), p > Price(micros: 0) else {
                        log.error(row.place(column), PortfolioBuilder.sizeProblem(n, column, what: "a price")
                            ?? "\(column) must be a positive number, found \"\(shown(row[column]))\".")
                        return nil
                    }
                    return p
                }
                // An Override beside a feed's failed price (`#N/A` cached from `=BDP(...)`) is why
                // the PM typed it: the price it replaces is not read (explore-BL refused the book).
                let override = positive("Override")
                var price: Price?
                if let failed = CellReader.failedValue(row["Price"]) {
                    if let override {
                        log.info(row.place("Price"), "\(symbol)'s Price holds \(failed); its Override, \(override), is used.")
                    } else {
                        failedPrices[symbol] = (failed, row.place("Price"))
                    }
                } else {
                    price = positive("Price")
                }
                rows[symbol] = PriceRow(symbol: symbol, price: price, asOf: date(row, "As Of"),
                                        source: describingText(row, "Source"), override: override, row: row)
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

        // A Prices row no symbol needs, written as a needed one is but for its separators
        // (`BRK/B` where the lots say `BRK.B`, as custodians and quote sources differ), is
        // pointed out: the sheets must agree, and the tool does not guess that they do.
        var unneededRows: [String: [String]] = [:]
        for symbol in rows.keys.sorted() where needs[symbol] == nil {
            unneededRows[PortfolioBuilder.separatorFree(symbol), default: []].append(symbol)
        }
        var requests: [PriceRequest] = []
        for symbol in needs.keys.sorted() {
            let why = needs[symbol]!
            if let failed = failedPrices[symbol] {
                log.error(failed.place, "Price: The cell holds \(failed.value), and \(symbol) needs a price (\(why)): give it, or an "
                    + "Override beside it.")
                continue
            }
            if rows[symbol] == nil, let failed = failedLotPrices[symbol] {
                log.error(failed.place, "Price: The cell holds \(failed.value), and the Prices sheet does not price \(symbol) "
                    + "(\(why)): give its price there or here.")
                continue
            }
            if rows[symbol] == nil, let lot = lotPrices[symbol] {
                // A lot export's price, taken as of the run's As Of as a Prices row without one is.
                if let other = lot.other {
                    log.error(other.place, "\(symbol) is priced \(other.price) here and \(lot.price) at \(lot.place), and "
                        + "the Prices sheet does not price it: a lot export prices a symbol once. Put its price on the "
                        + "Prices sheet, which wins.")
                    continue
                }
                // Dated by the book (an As Of beside it, the sheet's title), it is judged by Price
                // Max Age Days as a Prices row of that date is.
                let dated = lotPriceDates[symbol]
                if let dated {
                    log.info(lot.place, "\(symbol) has no Prices row: the Lots sheet's price, \(lot.price), is read as of "
                        + "\(dated.date), the date \(dated.place) gives it.")
                } else {
                    log.info(lot.place, "\(symbol) has no Prices row: the Lots sheet's price, \(lot.price), is used, taken as of the run's As Of, \(settings.asOf).")
                }
                requests.append(PriceRequest(symbol: symbol, reason: why, workbook: .init(
                    price: lot.price, override: nil, asOf: dated?.date ?? settings.asOf, source: "Lots sheet",
                    pricePlace: lot.place, asOfPlace: dated?.place ?? lot.place, overridePlace: lot.place)))
                continue
            }
            if rows[symbol] == nil, let place = blankLotPrices[symbol] {
                // The Lots sheet's Price cell for it is blank or `N/A`: the chain names it.
                requests.append(PriceRequest(symbol: symbol, reason: why, workbook: .init(
                    price: nil, override: nil, asOf: settings.asOf, source: "Lots sheet",
                    pricePlace: place, asOfPlace: place, overridePlace: place)))
                continue
            }
            guard let row = rows[symbol] else {
                var lookalikes: [String] = []
                for lookalike in unneededRows[PortfolioBuilder.separatorFree(symbol)] ?? [] {
                    let place = rows[lookalike]!.row.place("Symbol")
                    log.warning(place, "\(lookalike) is priced here, but the book writes \(symbol) (\(why)); write the symbol the same way on every sheet.")
                    lookalikes.append("\(place) has \(lookalike)")
                }
                requests.append(PriceRequest(symbol: symbol, reason: why, workbook: nil, lookalikes: lookalikes))
                continue
            }
            // A lot export's price far from the Prices sheet's: one of the two is stale (or a
            // split lies between them), and which is flips a harvest (explore-BL: $75 on the
            // Lots sheet, $62 here; a $2,500 gain or a $4,000 loss). The Prices sheet wins, said.
            if row.override == nil, let price = row.price, let lot = lotPrices[symbol] {
                let ratio = lot.price.doubleValue / price.doubleValue
                if ratio > 1.1 || ratio < 1 / 1.1 {
                    let apart = Int((abs(lot.price.doubleValue - price.doubleValue) / min(lot.price.doubleValue, price.doubleValue) * 100).rounded())
                    log.warning(row.row.place("Price"), "\(symbol) is priced \(price) here and \(lot.price) on the Lots sheet "
                        + "(\(lot.place)), \(apart)% apart: this sheet's price is used. Check that neither is stale.")
                }
            }
            let titled = row.asOf == nil ? sheetDate : nil
            let asOf = row.asOf ?? titled?.date ?? settings.asOf
            if row.asOf == nil && (row.price != nil || row.override != nil) {
                if let titled {
                    log.info(titled.place, "\(symbol)'s price has no As Of; it is taken as of the date the sheet's title or note gives, \(titled.date).")
                } else {
                    log.info(row.row.place("As Of"), "\(symbol)'s price has no As Of; it is taken as of the run's As Of, \(settings.asOf).")
                }
            }
            requests.append(PriceRequest(symbol: symbol, reason: why, workbook: .init(
                price: row.price, override: row.override, asOf: asOf, source: row.source,
                pricePlace: row.row.place("Price"), asOfPlace: titled?.place ?? row.row.place("As Of"),
                overridePlace: row.row.place("Override"))))
        }
        return requests
    }
}
