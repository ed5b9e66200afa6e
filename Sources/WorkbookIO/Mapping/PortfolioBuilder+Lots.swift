import RebalanceEngine

extension PortfolioBuilder {
    /// Reads the Lots sheet. Without an Accounts sheet, every account it names becomes an
    /// account with zero cash, its own household and the Settings defaults, with a warning.
    mutating func readLots(accounts: inout [Account]) -> [TaxLot] {
        guard let first = lotTables.first else { return [] }
        let hasAccountsSheet = tables[.accounts] != nil
        var known = accounts.map(\.id)
        if !hasAccountsSheet {
            var named: Set<String> = []
            for row in first.rows {
                if case .value(let id) = CellReader.text(row["Account"]) {
                    named.insert(id)
                } else if isBlank(row, "Account"), !first.symbolsFromTitles,
                          let id = blockAccount(of: row, in: first, known: [], sheetHasAccounts: false) ?? nil {
                    named.insert(id)
                }
            }
            known = named.sorted()
            let ids = known.isEmpty ? [PortfolioBuilder.soleAccountName] : known
            for id in ids {
                accounts.append(Account(id: id, name: id, household: id, type: .taxable, cash: .zero,
                                        cashTarget: settings.cashTarget, withdrawal: .zero,
                                        taxBudget: settings.taxBudget, rates: settings.rates))
            }
            // A custodian's lot export can hold thousands of accounts: the first ten are named.
            let listed = ids.prefix(10).map { "\"\($0.excerpt)\"" }.joined(separator: ", ")
                + (ids.count > 10 ? " and \(ids.count - 10) more" : "")
            log.warning("", "The workbook has no Accounts sheet: \(listed) \(ids.count == 1 ? "is an account" : "are accounts") with no cash, \(ids.count == 1 ? "its" : "each its") own household and the Settings defaults.")
        }
        var lots: [TaxLot] = []
        // Term cells a lot's dates contradict on the As Of date, by sheet.
        var lotMarks = LotMarks()
        /// Lots whose Quantity × Price is about 100 times their Market Value: the cell and the figures.
        var pricedPerHundred: [(place: String, figures: String)] = []
        /// Lots whose Cost Basis and Unit Cost × Quantity differ: the cell and the figures.
        var basisDisagreements: [(place: String, figures: String)] = []
        /// Lots whose basis is $0.00, unmarked: the cells.
        var zeroBases: [String] = []
        /// Lots an export lists as closed (a Lot Status, a Close Date), by sheet: not held.
        var closedLots: [(sheet: String, rows: [Int])] = []
        // Where each lot was first seen, by row; its place is spelled only for a message.
        var lotRows: [TaxLot.Key: SheetTable.DataRow] = Dictionary(minimumCapacity: first.rows.count)
        // Where each lot stands in `lots`, and the Lot IDs given to lots of two symbols of an account.
        var lotIndex: [TaxLot.Key: Int] = Dictionary(minimumCapacity: first.rows.count)
        var sharedLotIDs: [TaxLot.Key] = []
        let knownSet = Set(known)
        // Whether the Accounts sheet gives each account's cash (else a cash row among its lots
        // does). Without an Accounts sheet, the contract gives every account zero cash.
        let accountsGiveCash = tables[.accounts]?.has("Cash") ?? true
        var cashFromLots: [String: Money] = [:]
        // The household each lot's row names (a lot export's Household column), in row order.
        var lotHouseholds: [(account: String, household: String, place: String)] = []
        defer {
            householdsFromLots(lotHouseholds, accounts: &accounts)
            for index in accounts.indices {
                if let cash = cashFromLots[accounts[index].id] { accounts[index].cash += cash }
            }
        }
        for table in lotTables {
            let basisPositions = table.rows.first.map { row in
                ["Cost Basis", "Unit Cost"].compactMap { row.layout.position(of: $0) }
            } ?? []
            let hasCurrency = table.has("Currency")
            let listsClosedLots = table.has("Lot Status") || table.has("Close Date")
            // Shares sold beside a Quantity that does not name what is still held: it may be
            // what the lot first held.
            let quantityMayBeBought = table.has("Shares Sold")
                && !SheetTable.namesWhatIsHeld(table.matches.first { $0.column == "Quantity" }?.header ?? "")
            closedLots.append((table.sheetName, []))
            // A title that says when the lots were taken (`Positions as of 08/31/2026`) dates the
            // Price column's prices that have no As Of of their own: taken as the run's, a
            // quarter-old price had been planned on as today's, with age 0 (explore-CQ).
            let titleDate = table.title.flatMap { title in
                SheetTable.saysWhenPricesWereTaken(title.text)
                    ? SheetTable.pricesDate(inTitle: title.text, asOf: settings.asOf).map { (date: $0, place: title.place) }
                    : nil
            }
            // Lots a column restricts (`Restriction`: No Sell, `Pledged`: Yes), by row.
            var restrictionMarks: [Int: (place: String, header: String, mark: String)] = [:]
            for mark in table.exclusionMarks where restrictionMarks[mark.row] == nil {
                restrictionMarks[mark.row] = (mark.place, mark.header, mark.mark)
            }
            // A Lot Status that restricts the lot (`Restricted`, `Pledged`; explore-BM: sold).
            if let header = table.matches.first(where: { $0.column == "Lot Status" })?.header {
                for row in table.rows where restrictionMarks[row.number] == nil {
                    if case .value(let status) = CellReader.text(row["Lot Status"]), SheetTable.saysLotRestricted(status) {
                        restrictionMarks[row.number] = (row.place("Lot Status"), header, status)
                    }
                }
            }
            // Each position's summary row (Level Of Detail `SUMMARY`), by account and symbol as
            // written, with its quantity, and the shares of the lots listed under that level.
            var summaries: [(key: String, place: String, symbol: String, quantity: Quantity?)] = []
            var lotShares: [String: Quantity] = [:]
            for original in table.rows {
                let row = washSaleMarksRead(original, at: basisPositions)
                // An Interactive Brokers position's summary row above its lots: read as a lot, its
                // shares were held twice where one of the position's lots was missing from the
                // export, and `Sell 249 BND` was planned of 300 held (explore-CX).
                if table.has("Level Of Detail") {
                    // Read as written, for a key only: the row's cells are read (and judged) below.
                    let level = CellReader.textValue(row["Level Of Detail"]) ?? ""
                    let symbol = CellReader.textValue(row["Symbol"])?.uppercased() ?? ""
                    let key = (CellReader.textValue(row["Account"]) ?? "") + "\u{1F}" + symbol
                    var quantity: Quantity?
                    if case .value(let n) = CellReader.number(row["Quantity"]) { quantity = Quantity(decimal: n.text) }
                    // A closed lot listed beside the open ones (`CLOSED_LOT`): not held.
                    if level.lowercased().contains("closed") {
                        log.info(row.rowPlace, "Skipped: a closed lot (Level Of Detail \"\(level.excerpt)\"), not held.")
                        continue
                    }
                    if level.lowercased().contains("summary") {
                        summaries.append((key, row.place("Quantity"), symbol, quantity))
                        log.info(row.rowPlace, "Skipped: the position's summary row (Level Of Detail \"\(level.excerpt)\"), "
                            + "not a lot of its own; its lots are the rows listed under it.")
                        continue
                    }
                    if let quantity { lotShares[key, default: .zero] += quantity }
                }
                // A closed lot an export lists beside the open ones (`Closed` under Status, a
                // Date Sold): read as held, its shares were sold again.
                if listsClosedLots, isClosedLot(row) {
                    closedLots[closedLots.count - 1].rows.append(row.number)
                    continue
                }
                if let mark = restrictionMarks[row.number], !PortfolioBuilder.ranOut(mark.mark, before: settings.asOf) {
                    // Restrictions are the Securities sheet's, per security: a lot's own was
                    // passed over with an Info line and the pledged lot sold (explore-BL).
                    log.error(mark.place, "The lot is marked \"\(mark.mark.excerpt)\" (\(mark.header.excerpt)), but the tool "
                        + "reads restrictions per security, on the Securities sheet (No Buy, No Sell, No Trade, Hold), and "
                        + "would sell this lot like any other. Restrict its security there, or take the lot out of this "
                        + "run; clear the mark if it does not hold.")
                }
                let symbol = table.symbolsFromTitles ? blockSymbol(of: row, in: table) : text(row, "Symbol")?.uppercased()
                if let symbol, PortfolioBuilder.isOptionSymbol(symbol) {
                    log.warning(row.place("Symbol"), "\(symbol.excerpt) is an option: the tool rebalances shares, so this lot is "
                        + "left out of the plan, not traded and outside its account's value and weights. Shares a call "
                        + "covers are not held back by it: restrict them (No Sell) on the Securities sheet if they must stay.")
                    continue
                }
                // Without a Cash column on the Accounts sheet, an account's cash row among its
                // lots is its cash: left out, every account planned with none (explore-AM).
                if let symbol, !accountsGiveCash,
                   PortfolioBuilder.isCorePosition(symbol) || PortfolioBuilder.isCashRowName(symbol),
                   let amount = cashOfRow(row, in: table),
                   let accountID = account(row, in: table, known: knownSet, sheetHasAccounts: hasAccountsSheet) {
                    // Its dollars shown `$12.5K` holding 12.5 are refused, as an Accounts Cash is:
                    // read as $12.50, the account was planned with next to no cash (explore-EA).
                    let shownInScale = ["Market Value", "Quantity"].filter { table.has($0) }.map {
                        refusedScaleWordFormat(row[$0], $0, at: row.place($0))
                    }
                    if shownInScale.contains(true) { continue }
                    cashFromLots[accountID, default: .zero] += amount
                    log.info(row.place("Symbol"), "\(symbol.excerpt) is the account's cash: \(amount.formatted) is read as "
                        + "\(accountID)'s cash, the Accounts sheet having no Cash column.")
                    continue
                }
                if let symbol, PortfolioBuilder.isCorePosition(symbol) {
                    log.warning(row.place("Symbol"), "\(symbol.excerpt) is the account's core money-market position (a "
                        + "custodian marks its cash sweep **): it is cash, not a security with lots, so this row is left out. "
                        + "The account's cash is its Cash on the Accounts sheet (none without one): put the sweep's "
                        + "balance there if it is not.")
                    continue
                }
                if let symbol, PortfolioBuilder.isCashRowName(symbol) {
                    log.warning(row.place("Symbol"), "\(symbol.excerpt) is cash, not a security with lots, so this row is left "
                        + "out. The account's cash is its Cash on the Accounts sheet (none without one): put the balance there "
                        + "if it is not.")
                    continue
                }
                guard isInDollars(row, hasCurrency: hasCurrency) else { continue }
                if quantityMayBeBought, case .value(let sold) = CellReader.number(row["Shares Sold"]), sold.doubleValue != 0 {
                    let shares = Quantity(decimal: sold.text).map(\.description) ?? sold.text
                    log.error(row.place("Shares Sold"), "Shares Sold says \(shares) shares of this lot are sold, and the sheet "
                        + "gives no quantity still held: Quantity may be what the lot first held. Give "
                        + "each lot's shares still held in Quantity (or a Remaining Quantity column) and delete the Shares Sold column.")
                    continue
                }
                let accountID = account(row, in: table, known: knownSet, sheetHasAccounts: hasAccountsSheet)
                if let accountID, table.has("Household"), case .value(let household) = CellReader.text(row["Household"]) {
                    lotHouseholds.append((accountID, household, row.place("Household")))
                }
                if symbol == nil && isBlank(row, "Symbol") && !table.symbolsFromTitles {
                    log.error(row.place("Symbol"), blankMessage(row, "Symbol"))
                }
                var quantity: Quantity?
                if let n = number(row, "Quantity", counting: "a number of shares") {
                    // Zero as written, not as a Double rounds it: `0.000…1` of 330 zeros underflowed
                    // to 0, and a lot of $61,320 was set aside as closed.
                    if n.text.allSatisfy({ $0 == "0" || $0 == "." || $0 == "-" || $0 == "+" }) {
                        // A closed lot some exports still list: nothing held, nothing to read. One
                        // still carrying a cost basis may be a held lot whose Quantity was lost (a
                        // formula, a typing slip): warned, so the CIO sees it (explore-BJ: $61,320
                        // set aside with an Info line, and the plan bought the position afresh).
                        if case .value(let basis) = CellReader.number(row["Cost Basis"]), basis.doubleValue > 0 {
                            log.warning(row.place("Quantity"), "A lot of no shares with a cost basis of "
                                + "\(Money(decimal: basis.text)?.formatted ?? basis.text) is set aside as closed; if the "
                                + "shares are held, give their Quantity.")
                        } else {
                            log.info(row.rowPlace, "Skipped: a lot of no shares (a closed lot an export still lists).")
                        }
                        continue
                    }
                    if let q = Quantity(decimal: n.text), q > .zero {
                        quantity = q
                    } else {
                        log.error(row.place("Quantity"), quantityProblem(n, row, "Quantity", sign: "a positive number"))
                    }
                } else if isBlank(row, "Quantity") {
                    log.error(row.place("Quantity"), blankMessage(row, "Quantity"))
                }
                var basis: Money?
                let basisColumn = !isBlank(row, "Cost Basis") || !table.has("Unit Cost") ? "Cost Basis" : "Unit Cost"
                if basisColumn == "Cost Basis" {
                    basis = money(row, "Cost Basis")
                    if let given = basis, let quantity, refusedBasisPerShare(given, quantity: quantity, row, in: table) { basis = nil }
                    // Beside it, a Unit Cost that does not make it (a basis of $0.00, a figure in
                    // the wrong column): Cost Basis wins, as the contract says, and the PM is told.
                    if let basis, let quantity, table.has("Unit Cost"), case .value(let n) = CellReader.number(row["Unit Cost"]),
                       n.form == .plain, let unit = Price(decimal: n.text) {
                        let implied = unit.value(of: quantity)
                        let gap = (basis - implied).magnitude
                        if gap > Money(cents: 100), gap.doubleValue > implied.doubleValue * 0.01 {
                            basisDisagreements.append((row.place("Cost Basis"),
                                                       "\(basis.formatted) against \(quantity) × \(unit) = \(implied.formatted)"))
                        }
                    }
                } else if let n = number(row, "Unit Cost", counting: "a price in dollars") {
                    if let unit = Price(decimal: n.text) {
                        if let quantity { basis = unit.value(of: quantity) }
                    } else {
                        log.error(row.place("Unit Cost"), "Unit Cost cannot be read as a price, found \"\(shown(row["Unit Cost"]))\".")
                    }
                }
                if isBlank(row, basisColumn) && (basisColumn == "Unit Cost" || isBlank(row, "Unit Cost")) {
                    // Named at the column it names: with both columns, both are blank.
                    let both = table.has("Cost Basis") && table.has("Unit Cost")
                    let named = table.has("Cost Basis") ? "Cost Basis" : "Unit Cost"
                    log.error(row.place(named), both ? "Cost Basis and Unit Cost are both blank." : blankMessage(row, named))
                }
                if let b = basis, b.isNegative {
                    log.error(row.place(basisColumn), "\(basisColumn) must not be negative, found \"\(shown(row[basisColumn]))\".")
                    basis = nil
                }
                // $0.00 is how custodians print a basis they do not know (a transferred or
                // noncovered lot): read as a real zero, the whole sale was taxed as gain, without
                // a word (explore-CP). A Unit Cost disagreeing is warned of above.
                if basis == .zero, basisDisagreements.last?.place != row.place("Cost Basis") {
                    if let mark = unknownBasisMark(row, in: table) {
                        log.error(row.place(basisColumn), "\(basisColumn) is $0.00 on a lot marked \(mark): a custodian prints "
                            + "$0.00 where it does not know a lot's basis (a transferred or noncovered lot), and read as a real "
                            + "zero every dollar of the lot's sale would be taxed as gain. Give the lot's basis (from the "
                            + "client's records or the firm it came from); if it is truly $0.00, clear the mark.")
                        basis = nil
                    } else {
                        zeroBases.append(row.place(basisColumn))
                    }
                }
                let acquired = date(row, "Acquired")
                if isBlank(row, "Acquired") {
                    // A Term beside it (`LT`, `Inherited`: a custodian's `--` for an inherited or
                    // transferred lot) does not stand for the date (explore-BN: the message said why not).
                    let termed = CellReader.textValue(row["Term"]) != nil
                    log.error(row.place("Acquired"), blankMessage(row, "Acquired") + (termed
                        ? " The Term beside it sets the lot's term, but its date also places it in wash-sale windows: give the "
                            + "date it was bought, or for an inherited lot the date of death."
                        : ""))
                }
                if let acquired, acquired > settings.asOf {
                    log.error(row.place("Acquired"), "Acquired \(acquired) is after the As Of date \(settings.asOf)."
                        + dayFirstHint(row, "Acquired"))
                }
                // Excel's day 0 or 1 (1899-12-31, 1900-01-01) is what a database export writes
                // for an unknown date: read as a purchase, it would make the lot long-term.
                if let acquired, acquired.year < 1901 {
                    log.error(row.place("Acquired"), "Acquired \(acquired) is before 1901: an export's stand-in for an unknown "
                        + "date, not a purchase. A lot's holding period and wash-sale windows need its real acquisition date.")
                }
                var termOverride: Term?
                let termText = text(row, "Term")
                let inherited = termText.map(PortfolioBuilder.isInheritedTerm) ?? false
                if let termText {
                    termOverride = PortfolioBuilder.term(termText)
                    if termOverride == nil { log.error(row.place("Term"), "Term must be LT, ST or Inherited, found \"\(termText)\".") }
                } else if let acquired, let start = holdingPeriodStart(row, acquired: acquired),
                          Term(acquired: start, soldOn: settings.asOf) == .longTerm,
                          Term(acquired: acquired, soldOn: settings.asOf) == .shortTerm {
                    // Long-term by the period a wash sale carried over, short by its purchase:
                    // the lot is sold as long-term (it was sold as short, the period ignored).
                    termOverride = .longTerm
                    log.info(row.place("Holding Period Start"), "The lot's holding period starts \(start), before its "
                        + "purchase on \(acquired) (a wash sale carried it over), so it is long-term; its purchase date "
                        + "still dates it for wash sales.")
                }
                // Only a date the run can hold is judged (one after the As Of is an error above,
                // and a year past 9999 has no day to be long-term on).
                // (A term from the Holding Period Start is the dates', not a mark to question.)
                if termText != nil, let termOverride, let acquired, acquired <= settings.asOf,
                   termOverride != Term(acquired: acquired, soldOn: settings.asOf) {
                    // An inherited lot is long-term whatever its date, and a gifted one may be long
                    // by its donor's period: a long mark is questioned only on a lot within a week
                    // of its holding year's end, where a custodian counting a year to the day as
                    // long (the law wants more) differs from the dates.
                    let nearTheYear = BookLimits.dates.contains(settings.asOf) && Term(acquired: acquired, soldOn: settings.asOf.adding(days: 7)) == .longTerm
                    if termOverride == .shortTerm || (!inherited && nearTheYear) {
                        let marks = termOverride == .shortTerm ? \PortfolioBuilder.LotMarks.shortOfLong : \.longOfShort
                        if lotMarks[keyPath: marks].last?.sheet != table.sheetName { lotMarks[keyPath: marks].append((table.sheetName, [])) }
                        lotMarks[keyPath: marks][lotMarks[keyPath: marks].count - 1].cells.append(row.place("Term"))
                    }
                }
                guard let symbol else { continue }
                if table.has("Price") {
                    readLotPrice(row, symbol: symbol, titleDate: titleDate)
                    if table.has("Market Value"), let quantity, let scaled = Self.pricedPerHundred(row, quantity: quantity) {
                        pricedPerHundred.append((row.place("Price"), scaled))
                    }
                }
                let lotID = text(row, "Lot ID") ?? "\(symbol)-r\(row.number)"
                guard let accountID, let quantity, let basis, let acquired, acquired <= settings.asOf else { continue }
                var key = TaxLot.Key(account: accountID, lotID: lotID)
                // Lot numbers that restart for each security (1, 2 under AAPL and again under
                // MSFT) name a lot within its account and symbol: each is told apart by its
                // symbol (`MSFT-1`), where the second had been refused as an ID used twice (explore-CP).
                if let earlier = lotIndex[key], lots[earlier].symbol != symbol {
                    sharedLotIDs.append(key)
                    key = TaxLot.Key(account: accountID, lotID: "\(symbol)-\(lotID)")
                }
                if let earlier = lotRows[key] {
                    log.error(row.place("Lot ID"), "The Lot ID \"\(lotID)\" is used twice in account \(accountID)"
                        + (key.lotID == lotID ? "" : " for \(symbol)") + " (also at \(earlier.place("Lot ID"))).")
                    continue
                }
                lotRows[key] = row
                lotIndex[key] = lots.count
                lotCells[key] = .init(quantityPlace: row.place("Quantity"),
                                      marketValue: table.has("Market Value") ? Self.plainMarketValue(row) : nil)
                lots.append(TaxLot(lotID: key.lotID, account: accountID, symbol: symbol, quantity: quantity,
                                   costBasis: basis, acquired: acquired, termOverride: termOverride,
                                   inherited: inherited))
            }
            // A summary whose lots do not add up to it: a lot is missing from the export, or one
            // was taken out by hand; the plan holds the lots listed.
            for summary in summaries {
                guard let quantity = summary.quantity else { continue }
                let listed = lotShares[summary.key] ?? .zero
                guard listed != quantity else { continue }
                // With no lot listed, the position would be planned as not held (explore-DB).
                guard listed > .zero else {
                    log.error(summary.place, "\(summary.symbol.excerpt)'s summary row says \(quantity) shares, and no lot is listed "
                        + "with it: the tool plans on lots, each with its cost and date. Export the position's lots (Level Of "
                        + "Detail LOT), or write it as lots of your own.")
                    continue
                }
                log.warning(summary.place, "\(summary.symbol.excerpt)'s summary row says \(quantity) shares, and the lots listed "
                    + "with it add up to \(listed): the plan holds the \(listed) the lots give. If a lot is missing from the "
                    + "export, add it.")
            }
        }
        // The first lot of a Lot ID that another symbol's lot uses too is told apart by its symbol.
        for key in sharedLotIDs {
            guard let index = lotIndex.removeValue(forKey: key), let row = lotRows.removeValue(forKey: key) else { continue }
            let named = TaxLot.Key(account: key.account, lotID: "\(lots[index].symbol)-\(key.lotID)")
            if let other = lotRows[named] {
                log.error(other.place("Lot ID"), "The Lot ID \"\(named.lotID)\" is used in account \(key.account) for "
                    + "\(lots[index].symbol)'s lot \"\(key.lotID)\" (\(row.place("Lot ID"))) too: its lot numbers restart for "
                    + "each security, and the tool names such a lot by its symbol and number. Give each lot a Lot ID of its own.")
                continue
            }
            lots[index].lotID = named.lotID
            lotRows[named] = row
            lotIndex[named] = index
            if let cells = lotCells.removeValue(forKey: key) { lotCells[named] = cells }
        }
        // An account's lots, without Lot IDs, whose second half repeats the first lot for lot:
        // its export pasted twice (two downloads stacked, each under its title), every lot
        // read twice, with Info lines only (explore-AR). So too a run of four lots or more
        // repeated among others: the next day's download pasted under the old one, with a new
        // lot (explore-CP). Given IDs, the repeat is refused as IDs used twice.
        var lotsOfAccount: [String: [Int]] = [:]
        var accountOrder: [String] = []
        for index in lots.indices {
            if lotsOfAccount[lots[index].account] == nil { accountOrder.append(lots[index].account) }
            lotsOfAccount[lots[index].account, default: []].append(index)
        }
        for account in accountOrder {
            let indices = lotsOfAccount[account]!.filter { !hasLotID(lotRows[lots[$0].id]) }
            guard let (from, again, count) = PortfolioBuilder.repeatedRun(indices.map { LotFigures(lots[$0]) }),
                  let first = lotRows[lots[indices[from]].id], let repeated = lotRows[lots[indices[again]].id] else { continue }
            log.error(repeated.place("Symbol"), "The lots of \(account.excerpt) from this row repeat, lot for lot, the \(count) "
                + "from \(first.place("Symbol")): the same export pasted twice, every lot counted twice? Delete one copy; if "
                + "they are lots of their own, give each its Lot ID.")
        }
        // The contract's override wins, so the marks are kept; but a custodian's Holding
        // Period column is as of its download, and a lot may have passed its holding year since.
        for (sheet, cells) in lotMarks.shortOfLong {
            let listed = cells.prefix(6).joined(separator: ", ") + (cells.count > 6 ? " and \(cells.count - 6) more" : "")
            log.warning(sheet, "\(cells.count == 1 ? "A lot is" : "\(cells.count) lots are") marked short-term (\(listed)) "
                + "though \(cells.count == 1 ? "its Acquired date makes it" : "their Acquired dates make them") long-term on the "
                + "As Of date \(settings.asOf). The mark wins, as a Term override does, and \(cells.count == 1 ? "its" : "their") "
                + "gains are taxed at the short-term rate; a custodian's Holding Period is as of its download: clear those "
                + "cells to let the dates decide.")
        }
        for (sheet, rows) in closedLots where !rows.isEmpty {
            let named = rows.prefix(6).map(String.init)
            let listed = named.joinedAsList
            log.warning(sheet, "\(rows.count == 1 ? "Row \(listed) is a lot" : "Rows \(listed)\(rows.count > 6 ? " (\(rows.count) in all)" : "") are lots") "
                + "the sheet marks closed (a Lot Status of Closed or Sold, or a Close Date on or before the As Of date "
                + "\(settings.asOf)): \(rows.count == 1 ? "it is" : "they are") not held, and left out of the plan. Delete "
                + "\(rows.count == 1 ? "it" : "them") or clear the mark if \(rows.count == 1 ? "it is" : "they are") held.")
        }
        if let first = pricedPerHundred.first {
            let count = pricedPerHundred.count
            log.warning(first.place, "\(count == 1 ? "A lot's" : "\(count) lots'") Quantity × Price is about 100 times \(count == 1 ? "its" : "their") "
                + "Market Value (here \(first.figures)): a bond or CD priced per 100 of face value. The tool values a lot at "
                + "Quantity × Price, so it would count \(count == 1 ? "it" : "them") a hundred times over: give the price per "
                + "dollar of face on the Prices sheet (98.25 is 0.9825), which wins over this column.")
        }
        if let first = basisDisagreements.first {
            let count = basisDisagreements.count
            log.warning(first.place, "\(count == 1 ? "A lot's Cost Basis differs from its" : "\(count) lots' Cost Basis differs from their") Unit Cost × "
                + "Quantity by more than 1% (here \(first.figures)). Cost Basis is read, as a total cost wins over a cost per "
                + "share; check \(count == 1 ? "it" : "them") if the two columns should agree.")
        }
        if let first = zeroBases.first {
            let count = zeroBases.count
            let listed = zeroBases.prefix(6).joined(separator: ", ") + (count > 6 ? " and \(count - 6) more" : "")
            log.warning(first, "\(count == 1 ? "A lot's cost basis is" : "\(count) lots' cost bases are") $0.00 (\(listed)), "
                + "read as a real zero: every dollar of \(count == 1 ? "its" : "their") sale is taxed as gain. A custodian "
                + "prints $0.00 where it does not know a lot's basis (a transferred or noncovered lot); if so, give the basis.")
        }
        // The other way round, a custodian that counts a holding period of a year to the day
        // as long (the law wants more than a year) would have the tax estimated too low.
        for (sheet, cells) in lotMarks.longOfShort {
            let listed = cells.prefix(6).joined(separator: ", ") + (cells.count > 6 ? " and \(cells.count - 6) more" : "")
            log.warning(sheet, "\(cells.count == 1 ? "A lot is" : "\(cells.count) lots are") marked long-term (\(listed)) "
                + "though \(cells.count == 1 ? "its Acquired date makes it" : "their Acquired dates make them") short-term on the "
                + "As Of date \(settings.asOf), a few days short of \(cells.count == 1 ? "its" : "their") holding year (long-term "
                + "takes more than a year). The mark wins, as a Term override does, and \(cells.count == 1 ? "its" : "their") gains "
                + "are taxed at the long-term rate; if the column is a custodian's Holding Period, clear those cells to let the "
                + "dates decide.")
        }
        // A sheet that shows positions' rows above their lots (set aside while it was read).
        let showsPositionRows = lotTables.contains { $0.skipped.contains { $0.reason.hasPrefix("the position row of") } }
        setAsidePositionTotals(&lots, rows: lotRows, showsPositionRows: showsPositionRows)
        refusePositionTotals(&lots, rows: lotRows)
        return lots
    }

    /// `row` with a basis a custodian marks as adjusted for a wash sale (`1,500.00 W`) read
    /// without its mark, noted: the adjusted basis is the lot's basis.
    /// `positions` are those of the Cost Basis and Unit Cost columns in the row's values.
    private mutating func washSaleMarksRead(_ row: SheetTable.DataRow, at positions: [Int]) -> SheetTable.DataRow {
        var row = row
        for position in positions {
            // Most bases are numbers: text is looked at only when it ends in a W.
            guard case .string(let text)? = row.values[position], let last = text.utf8.last, last | 0x20 == 0x77 || last <= 0x20,
                  let amount = PortfolioBuilder.withoutWashSaleMark(text) else { continue }
            row.values[position] = .string(amount)
            log.info(row.place(row.layout.names[position]), "\"\(text.trimmingWhitespace().excerpt)\" is read as \(amount): the "
                + "custodian's W marks a basis already adjusted for a wash sale.")
        }
        return row
    }

    /// The amount of `1,500.00 W` or `$1,500.00W`; nil for text without the mark after a number.
    static func withoutWashSaleMark(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count > 1, trimmed.last == "W" || trimmed.last == "w" else { return nil }
        let amount = String(trimmed.dropLast()).trimmingWhitespace()
        guard let last = amount.last, last.isNumber || last == ")", case .value = CellReader.number(.string(amount)) else { return nil }
        return amount
    }

    /// Whether a restriction ran until a day now past (`Lockup until 1/15/2026`), and so holds
    /// no more.
    static func ranOut(_ restriction: String, before day: CivilDate) -> Bool {
        guard let last = SheetTable.lastDate(in: restriction), last < day else { return false }
        let words = Set(restriction.lowercased().split { !$0.isLetter }.map(String.init))
        return !words.isDisjoint(with: ["until", "through", "thru", "till", "expires"])
    }

    /// Notes a lot export's Price for its symbol, and the first lot that prices it otherwise
    /// (an error only if the price is needed: see `priceRequests`).
    /// The price is dated by the row's As Of, else by `titleDate`, the sheet's title's.
    private mutating func readLotPrice(_ row: SheetTable.DataRow, symbol: String,
                                       titleDate: (date: CivilDate, place: String)?) {
        // A lookup or feed that failed on a row (`#N/A`) refused the book even where the
        // Prices sheet priced the symbol and this price was never used (explore-BL).
        if let failed = CellReader.failedValue(row["Price"]) {
            if failedLotPrices[symbol] == nil { failedLotPrices[symbol] = (failed, row.place("Price")) }
            return
        }
        // A Price left blank or `N/A`: named if the symbol is found unpriced (explore-CQ: the
        // message had said only "Workbook: no row").
        if isBlank(row, "Price") {
            if blankLotPrices[symbol] == nil { blankLotPrices[symbol] = row.place("Price") }
            return
        }
        guard let n = number(row, "Price", counting: "a price in dollars") else { return }
        guard let price = Price(decimal: n.text), price > Price(micros: 0) else {
            log.error(row.place("Price"), PortfolioBuilder.sizeProblem(n, "Price", what: "a price")
                ?? "Price must be a positive number, found \"\(shown(row["Price"]))\".")
            return
        }
        guard let first = lotPrices[symbol] else {
            lotPrices[symbol] = (price, row.place("Price"), nil)
            if !isBlank(row, "As Of") {
                if let date = date(row, "As Of") { lotPriceDates[symbol] = (date, row.place("As Of")) }
            } else if let titleDate {
                lotPriceDates[symbol] = titleDate
            }
            return
        }
        if first.price != price && first.other == nil { lotPrices[symbol]!.other = (price, row.place("Price")) }
    }

    /// What on a lot's row says its basis is unknown, as the error says it: a Covered column
    /// of No or Noncovered, or a cell saying the basis is unknown or the lot noncovered; nil
    /// for none.
    func unknownBasisMark(_ row: SheetTable.DataRow, in table: SheetTable) -> String? {
        if let header = table.matches.first(where: { $0.column == "Covered" })?.header,
           case .value(let mark) = CellReader.text(row["Covered"]) {
            let key = HeaderName.normalize(mark).key
            if ["no", "n", "false", "noncovered", "notcovered", "uncovered", "unknown", "nonreportable"].contains(key)
                || key.hasPrefix("noncovered") {
                return "\"\(mark.trimmingWhitespace().excerpt)\" (\(header.excerpt))"
            }
        }
        for value in row.values {
            guard case .string(let text)? = value else { continue }
            let key = HeaderName.normalize(text).key
            if key.contains("noncovered") || key.contains("notcovered") || key.contains("basisunknown")
                || key.contains("unknownbasis") || key.contains("basisnotavailable") || key.contains("nobasis")
                || key.contains("basisnotprovided") || key.contains("missingbasis") {
                return "\"\(text.trimmingWhitespace().excerpt)\""
            }
        }
        return nil
    }

    /// Whether a lot row is marked closed: a Lot Status of Closed, Sold, Disposed or
    /// Liquidated, or a Close Date on or before the As Of date. A Close Date that cannot be
    /// read is an error at its cell, and the lot is not left out on it.
    mutating func isClosedLot(_ row: SheetTable.DataRow) -> Bool {
        if let status = text(row, "Lot Status") {
            let words = Set(status.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
            if !words.isDisjoint(with: ["closed", "sold", "disposed", "liquidated"]) { return true }
        }
        guard !isBlank(row, "Close Date"), let closed = date(row, "Close Date") else { return false }
        return closed <= settings.asOf
    }

    /// The figures of a lot export's row whose Quantity × Price is 90 to 110 times its Market
    /// Value, as a bond's is when priced per 100 of face; nil otherwise.
    static func pricedPerHundred(_ row: SheetTable.DataRow, quantity: Quantity) -> String? {
        guard case .value(let priceText) = CellReader.number(row["Price"]), priceText.form == .plain,
              let price = Price(decimal: priceText.text), let value = plainMarketValue(row)
        else { return nil }
        let worth = price.value(of: quantity)
        let ratio = worth.doubleValue / value.doubleValue
        guard (90...110).contains(ratio) else { return nil }
        return "\(quantity) × \(price) = \(worth.formatted) against \(value.formatted)"
    }

    /// Whether a lot's Cost Basis is a cost per share by its own row, an error said at the cell:
    /// the row's Market Value less its Unrealized Gain (the basis a custodian counts the gain
    /// from) is the quantity times the Cost Basis, not the Cost Basis. Read as the lot's total,
    /// a $200-a-share basis of 100 shares was $200, and a sale of 37 was taxed on $11,026 of
    /// gain where it made $3,700 (explore-EG). Judged only where the quantity times the Cost
    /// Basis makes that basis, within a dollar or half a percent, and the Cost Basis does not.
    mutating func refusedBasisPerShare(_ basis: Money, quantity: Quantity, _ row: SheetTable.DataRow,
                                       in table: SheetTable) -> Bool {
        guard table.has("Market Value"), table.has("Unrealized Gain"), quantity > Quantity(shares: 1),
              let value = Self.plainMarketValue(row),
              case .value(let g) = CellReader.number(row["Unrealized Gain"]), g.form == .plain,
              let gain = Money(decimal: g.text) else { return false }
        // Worked so that no figure a row may hold traps: the difference with its overflow
        // reported, the quantity times the basis in floating point (a near match is all the
        // check asks of it).
        let (cents, overflow) = value.cents.subtractingReportingOverflow(gain.cents)
        let implied = Money(cents: cents)
        guard !overflow, implied > .zero else { return false }
        let tolerance = Money.max(Money(cents: 100), Money(cents: Int64(implied.doubleValue * 0.5)))
        guard (implied - basis).magnitude > tolerance,
              abs(implied.doubleValue - basis.doubleValue * quantity.doubleValue) <= tolerance.doubleValue else { return false }
        log.error(row.place("Cost Basis"), "Cost Basis \(basis.formatted) is read as the lot's total cost, but this row's "
            + "Market Value less its Unrealized Gain is \(implied.formatted), \(quantity) × \(basis.formatted): it looks like "
            + "a cost per share. Write the lot's total cost, or head the column Unit Cost.")
        return true
    }

    /// A lot row's Market Value written as a plain positive amount (not a percent or in
    /// thousands), or nil: what the checks of a price per 100 weigh the row's price against.
    static func plainMarketValue(_ row: SheetTable.DataRow) -> Money? {
        guard case .value(let n) = CellReader.number(row["Market Value"]), n.form == .plain,
              let value = Money(decimal: n.text), value > .zero else { return nil }
        return value
    }

    /// The dollars of an account's cash row among its lots: its Market Value, else its
    /// Quantity (cash and a money-market sweep count in units of a dollar); nil when neither
    /// is a positive amount, or a Cost Basis beside the Quantity says otherwise.
    func cashOfRow(_ row: SheetTable.DataRow, in table: SheetTable) -> Money? {
        if table.has("Market Value"), case .value(let n) = CellReader.number(row["Market Value"]),
           let value = Money(decimal: n.text), value > .zero {
            return value
        }
        guard case .value(let n) = CellReader.number(row["Quantity"]), let units = Money(decimal: n.text), units > .zero
        else { return nil }
        if case .value(let b) = CellReader.number(row["Cost Basis"]), let basis = Money(decimal: b.text), basis != units {
            return nil
        }
        return units
    }

    /// A lot's Holding Period Start, when it reads as a date before its purchase; a later one
    /// (no wash sale moves a period forward) is warned of and not used.
    mutating func holdingPeriodStart(_ row: SheetTable.DataRow, acquired: CivilDate) -> CivilDate? {
        guard !isBlank(row, "Holding Period Start"), let start = date(row, "Holding Period Start") else { return nil }
        guard start <= acquired else {
            log.warning(row.place("Holding Period Start"), "The holding period starts \(start), after the lot's purchase "
                + "on \(acquired): a wash sale carries a period back, never forward, so the purchase date is used.")
            return nil
        }
        return start < acquired ? start : nil
    }

    /// Whether a Lots row's symbol is a custodian's core money-market position, its cash
    /// sweep, which Fidelity's exports mark with `**` after the ticker (`SPAXX**`).
    static func isCorePosition(_ symbol: String) -> Bool {
        symbol.hasSuffix("**") && symbol.count > 2
    }

    /// Whether an upper-case symbol is an option's, as custodians write them: `AAPL 01/17/2027
    /// 200.00 C` (a date and a Call or Put among its words), the OCC's `AAPL  270117C00200000`,
    /// or `-AAPL270117C200`. A ticker has no digit, so most symbols are settled at once.
    static func isOptionSymbol(_ symbol: String) -> Bool {
        guard symbol.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let words = symbol.split(separator: " ")
        if words.count >= 3, let last = words.last {
            let dated = words.contains { $0.contains("/") }
            let year = words.contains { $0.count == 4 && $0.allSatisfy(\.isNumber) && $0 >= "1990" }
            if ["C", "P"].contains(last) && dated || ["CALL", "PUT", "CALLS", "PUTS"].contains(last) && (dated || year) {
                return true
            }
        }
        // The OCC's form, spaces apart: a root of letters, YYMMDD, C or P, then the strike
        // in thousandths (eight digits); or a custodian's shorter strike after a leading dash.
        let compact = Array(symbol.utf8.filter { $0 != 0x20 })
        let dashed = compact.first == UInt8(ascii: "-")
        var index = dashed ? 1 : 0
        let rootStart = index
        while index < compact.count, (0x41...0x5A).contains(compact[index]) || compact[index] == UInt8(ascii: ".") { index += 1 }
        // Six digits of date, C or P, and a strike of one digit at least.
        guard index > rootStart, index - rootStart <= 6, index + 8 <= compact.count else { return false }
        guard compact[index..<index + 6].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        index += 6
        guard index < compact.count, compact[index] == UInt8(ascii: "C") || compact[index] == UInt8(ascii: "P") else { return false }
        let strike = compact[(index + 1)...]
        guard !strike.isEmpty, strike.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }) else { return false }
        return dashed || strike.count == 8
    }

    /// Term marks that the lots' dates contradict on the As Of date, by sheet, for a warning.
    struct LotMarks {
        var shortOfLong: [(sheet: String, cells: [String])] = []
        var longOfShort: [(sheet: String, cells: [String])] = []
    }

    /// Whether a Term mark says the lot was inherited (`Inherited`, `Inheritance`).
    static func isInheritedTerm(_ text: String) -> Bool { HeaderName.normalize(text).key.hasPrefix("inherit") }

    static func term(_ text: String) -> Term? {
        switch HeaderName.normalize(text).key {
        // Inherited shares are long-term whatever their date (26 USC 1223(9)).
        case "lt", "long", "longterm", "l", "inherited", "inheritance", "ltcg", "ltcl", "ltgain", "ltloss": return .longTerm
        case "st", "short", "shortterm", "s", "stcg", "stcl", "stgain", "stloss": return .shortTerm
        // With its meaning spelt out (`Long-term (>1 yr)`, `Short Term Capital Gain`): it had
        // stopped the run (explore-CJ).
        case let key where key.hasPrefix("longterm") && !key.contains("short"): return .longTerm
        case let key where key.hasPrefix("shortterm") && !key.contains("long"): return .shortTerm
        default: return nil
        }
    }
}

extension PortfolioBuilder {
    /// How far a position's total row may show its quantity from its lots' sum: its rounding
    /// to two decimals.
    static let positionRounding = Quantity(micros: 5_000)

    /// Sets aside a position's total row above its lots where the lots repeat its symbol
    /// (`VTI | Vanguard Total | 150 | … | 03/15/2019` over `VTI | Lot 1 | 100` and `VTI | Lot 2 |
    /// 50`): a row of an account and symbol whose quantity and cost basis the two or more
    /// lots right below it, of that account and symbol and of more than one day, add up to
    /// (the basis within a cent a lot), dated as the earliest of them. Read as a lot, it counted the position twice: 300 VTI where 150 are held, and a
    /// sale of the phantom lot. (Rows whose lots leave Symbol blank: `readPositionRows`.)
    mutating func setAsidePositionTotals(
        _ lots: inout [TaxLot], rows: [TaxLot.Key: SheetTable.DataRow], showsPositionRows: Bool
    ) {
        var totals: [Int] = []
        /// Rows that equal the lots of their one day below them, which a sheet of positions'
        /// rows shows for a position bought in a day (its one lot again, or lots of that day).
        var sameDay: [(first: Int, last: Int)] = []
        /// The last lot of the latest total found: its lots are no totals of their own (two
        /// alike lots of 10 below a row of 20 are lots).
        var coveredThrough = -1
        for first in lots.indices where first > coveredThrough {
            var quantity = Quantity.zero, basis = Money.zero
            var next = first + 1
            // A few lots follow a total; a long run of small ones is not scanned to its end.
            while next < lots.endIndex, next - first <= 10_000, lots[next].account == lots[first].account,
                  lots[next].symbol == lots[first].symbol {
                quantity += lots[next].quantity
                basis += lots[next].costBasis
                if quantity + PortfolioBuilder.positionRounding >= lots[first].quantity { break }
                next += 1
            }
            let count = next - first
            // The total may show its quantity rounded (250.790 over 200.4565 and 50.3333) and its
            // basis to the dollar: read as one more lot, it doubled the position (explore-AR).
            guard next < lots.endIndex, count >= 1,
                  abs(quantity.micros - lots[first].quantity.micros) <= PortfolioBuilder.positionRounding.micros,
                  (basis - lots[first].costBasis).magnitude <= Money(cents: max(Int64(count), 100)) else { continue }
            // A total shows its earliest lot's date.
            let dates = lots[(first + 1)...next].map(\.acquired)
            guard let earliest = dates.min(), earliest == lots[first].acquired else { continue }
            // Lots of more than one day below it: a total. A position of one lot, or of lots of
            // its one day, shows that day too (an export listing every position's row above its
            // lots, 30 MSFT over the one lot of 30): a total unless its own Lot ID says it is a
            // lot. Read as one more lot, the position was counted twice and the phantom sold.
            if count >= 2, Set(dates).count > 1 {
                totals.append(first)
                coveredThrough = next
            } else if !hasLotID(rows[lots[first].id]) {
                sameDay.append((first, next))
                coveredThrough = next
            }
        }
        // A row equal to the lots of its day below it is a position's row where the sheet
        // shows positions' rows (some above lots of several days, or dated `Various`), or where
        // those lots have IDs and it has none; elsewhere a lot of 20 with two of 10 of its day,
        // or two alike lots, are lots, and said. Read as one more lot, an export's position of
        // one lot (30 MSFT over its lot of 30) was counted twice and the phantom sold.
        var maybeTotals: [Int] = []
        for (first, last) in sameDay {
            if showsPositionRows || !totals.isEmpty || lots[(first + 1)...last].allSatisfy({ hasLotID(rows[$0.id]) }) {
                totals.append(first)
            } else {
                maybeTotals.append(first)
            }
        }
        totals.sort()
        if !maybeTotals.isEmpty {
            let places = maybeTotals.compactMap { rows[lots[$0].id]?.place("Quantity") }
            let listed = places.prefix(6).joined(separator: ", ") + (places.count > 6 ? " and \(places.count - 6) more" : "")
            log.warning(places.first ?? "Lots", "\(places.count == 1 ? "A lot equals" : "\(places.count) lots equal") the "
                + "lots of its day right below \(places.count == 1 ? "it" : "each") added up (\(listed)): read as "
                + "\(places.count == 1 ? "a lot of its own" : "lots of their own"). If one is a position's row above its "
                + "lots, delete it, or give each lot its Lot ID.")
        }
        // One warning for the sheet's position rows: an export lists one for every position.
        var places: [String] = []
        var sheet = "Lots"
        for first in totals.reversed() {
            let lot = lots.remove(at: first)
            if let row = rows[lot.id] {
                places.append(row.place("Quantity"))
                sheet = row.sheetName
            }
        }
        guard !totals.isEmpty else { return }
        places.reverse()
        let listed = places.prefix(6).joined(separator: ", ") + (places.count > 6 ? " and \(places.count - 6) more" : "")
        log.warning(places.first ?? sheet, totals.count == 1
            ? "This row is a position's row above its lots (\(listed)): the lots right below it, of its account and symbol, "
                + "add up to its quantity and cost basis, and it shows their earliest date. It is set aside, not read as one "
                + "more lot; if it is a lot of its own, give each lot its Lot ID."
            : "\(totals.count) rows are positions' rows above their lots (\(listed)): the lots right below each, of its "
                + "account and symbol, add up to its quantity and cost basis, and it shows their earliest date. They are set "
                + "aside, not read as more lots; if one is a lot of its own, give each lot its Lot ID.")
    }

    /// Whether a lot's row gives a Lot ID (blank, the lot's ID was made from its row).
    func hasLotID(_ row: SheetTable.DataRow?) -> Bool {
        guard let row else { return false }
        return !isBlank(row, "Lot ID")
    }
}

/// What tells one lot of an account from another without its Lot ID: symbol, quantity,
/// basis and date.
struct LotFigures: Hashable {
    let symbol: String
    let quantity: Quantity
    let costBasis: Money
    let acquired: CivilDate

    init(_ lot: TaxLot) {
        symbol = lot.symbol
        quantity = lot.quantity
        costBasis = lot.costBasis
        acquired = lot.acquired
    }
}

extension PortfolioBuilder {
    /// The shortest run of lots a repeat among other lots must span to be refused as a
    /// download pasted twice.
    static let repeatedRunLength = 4

    /// Where a list of an account's lots repeats itself: an earlier run's start, the repeat's
    /// start and its length. Either its second half repeats its first (two lots or more
    /// each), or a run of `repeatedRunLength` lots or more, not all alike (one order's equal
    /// fills are lots), comes again later in the same order.
    static func repeatedRun(_ figures: [LotFigures]) -> (from: Int, again: Int, count: Int)? {
        let half = figures.count / 2
        if figures.count >= 4, figures.count % 2 == 0, figures[..<half].elementsEqual(figures[half...]) {
            return (0, half, half)
        }
        let length = repeatedRunLength
        guard figures.count >= 2 * length else { return nil }
        var firstSeen: [ArraySlice<LotFigures>: Int] = [:]
        for start in 0...(figures.count - length) {
            let window = figures[start..<(start + length)]
            guard window.contains(where: { $0 != window.first }) else { continue }
            guard let earlier = firstSeen[window] else {
                firstSeen[window] = start
                continue
            }
            // The copies do not overlap (a pattern of lots repeating every lot or two is no copy).
            guard earlier + length <= start else { continue }
            var count = length
            while start + count < figures.count, earlier + count < start, figures[earlier + count] == figures[start + count] {
                count += 1
            }
            return (earlier, start, count)
        }
        return nil
    }
}
