/// Which lots of a position a sale may reach.
enum LotAccess: Sendable {
    /// Lots that no unmatched replacement share blocks; blocked loss lots are skipped and logged.
    case unblocked
    /// Only the loss lots a replacement blocks, sold anyway: their loss is disallowed as far as replacements match it.
    case forcedBlocked
    /// Every lot in Lot Method order, blocked ones forced (a manual sale).
    case all
}

/// What a sale did.
struct SaleOutcome: Sendable {
    var quantity = Quantity.zero
    var proceeds = Money.zero
    /// Lots skipped because a replacement blocks their loss.
    var washBlocked = 0
    /// Blocked loss lots sold anyway (a forced wash sale).
    var forced = 0
    /// The forced lots' losses the replacement shares disallow, and the part of that lost for
    /// good to replacements in untaxed accounts (Rev. Rul. 2008-5).
    var disallowed = Money.zero
    var lost = Money.zero
    /// The forced lots' losses, of which `disallowed` is the part disallowed.
    var forcedLoss = Money.zero
    /// Whether replacement shares matched any forced lot (a Disallowed record, though its
    /// amount may round to $0.00): none do when the trade sold the shares that blocked them.
    var forcedMatched = false
    /// Whether the tax budget cut the sale short.
    var budgetCut = false
    /// Whether the sale was not made: a partial sale under Min Trade.
    var underMinTrade = false
    /// The shares the sale not made would have sold (those the budget left room for).
    var fitted = Quantity.zero
}

extension Planning {
    // MARK: - Selling

    /// The sell trade `phase` has made of the position at `entry` of `book`, if it has made one:
    /// a symbol's sell trades come phase after phase, so the phase's is the position's latest.
    /// Inlined, as `trade(alongChainFrom:side:phase:)` is.
    @inline(__always)
    func sellRow(atEntry entry: Int, in book: AccountBook, phase: Phase) -> Int? {
        book.latestSellRow(atEntry: entry).flatMap { trades[$0].phase == phase ? $0 : nil }
    }

    /// Sells up to `limit` shares of `symbol` from account `index`, lots in the account's
    /// Lot Method order, as one trade of `phase`.
    ///
    /// With `budget`, each lot is sold only as far as the true netted estimate stays within
    /// it (cuts round down to the trading step) and no lot after a cut one is reached.
    /// Blocked loss lots are skipped or forced as `access` says (26 USC 1091(a)). `why` is
    /// worded only for a sale made: the phases ask for many more sales than they make.
    /// With `lot`, only that lot is sold (a manual sale naming it), with the shares restated
    /// out of it earlier in the run, which the law still counts as the lot's. `price`: the
    /// symbol's price, and `entry`, its entry in the book, when the caller has them at hand.
    mutating func sell(
        _ symbol: String, upTo limit: Quantity, in index: Int, phase: Phase, access: LotAccess,
        budget: TaxBudget?, minimumAmount: Money? = nil, lot named: String? = nil, price known: Price? = nil,
        entry knownEntry: Int? = nil, why: @autoclosure () -> String
    ) throws(PlanningError) -> SaleOutcome {
        let price: Price
        if let known { price = known } else { price = try universe.price(of: symbol) }
        let book = books[index]
        // The position found once: its quantity, its lots and its latest sell trade.
        guard let entry = knownEntry ?? book.entry(of: symbol), let position = book.position(atEntry: entry) else {
            return SaleOutcome()
        }
        let held = position.quantity
        let reachable = named.map { name in
            position.lots.filter { $0.lotID == name || restatedFrom[$0.id] == name }
        } ?? position.lots
        let limit = Quantity.min(limit, named == nil ? held : reachable.map(\.quantity).sum())
        var outcome = SaleOutcome()
        guard limit > .zero else { return outcome }
        // A forced pass reaches only blocked lots, and a block is of a loss lot in a taxed account:
        // with none, it would order the lots and ask of each to sell none, with no row. Raise Cash
        // asks such a pass of every position the budget left unsold (callgrind: 0.13% of
        // planning's instructions).
        if access == .forcedBlocked {
            guard book.isTaxed, reachable.indices.contains(where: { reachable[$0].isLoss(at: price) }) else { return outcome }
        }
        // The lots' places in sale order, each lot read where it is stored: the lots copied
        // into a sorted list were each copied and let go again, where most sales reach one or
        // two of them (callgrind).
        let saleOrder = LotSaleOrder(method: book.settings.lotMethod, price: price, rates: book.account.rates, tradeDate: asOf)
        var trial = book.ledger
        var planned: [LotSale] = []
        var remaining = limit
        /// Blocked loss lots this sale forces.
        var forced: [TaxLot.Key] = []
        let today = asOf, household = householdOfBook[index]
        // The trade, if an earlier pass made it (the phase sold the symbol before): none for
        // most sales.
        let soFar = sellRow(atEntry: entry, in: book, phase: phase)
        // A loss lot this trade skipped as blocked stays skipped for the trade (WORKBOOK.md:
        // "stays skipped for that trade"; one pass, no look-ahead), though a later pass of it
        // (a group's cap, a sector's edge) comes after the trade sold the replacement. Raise
        // Cash's tiers are the contract's own order of reaching blocked lots.
        let keepsSkips = access == .unblocked && phase != .raiseCash
        // Each lot read where it is stored: copied out, each lot reached retained and released
        // its names (callgrind).
        reachable.withUnsafeBufferPointer { lots in saleOrder.withPlaces(of: lots) { order in
            for place in order where remaining > .zero {
                if keepsSkips, !skippedInTrade.isEmpty,
                   skippedInTrade.contains(SkippedLot(lot: lots[place].id, phase: phase)) {
                    outcome.washBlocked += 1
                    continue
                }
                let replacementShares: WashSaleCalendar.Shares?
                if book.isTaxed, lots[place].isLoss(at: price) {
                    replacementShares = inCalendar(household) {
                        $0.unmatchedReplacementShares(for: lots[place], on: today, plannedInTrade: planned)
                    }
                } else {
                    replacementShares = nil
                }
                let blocked = replacementShares?.isPositive ?? false
                switch access {
                case .unblocked where blocked:
                    outcome.washBlocked += 1
                    if keepsSkips { skippedInTrade.insert(SkippedLot(lot: lots[place].id, phase: phase)) }
                    if let record = inCalendar(household, {
                        $0.cachedLossSaleBlock(for: lots[place], on: today, plannedInTrade: planned)
                    }) {
                        logLossSaleBlock(record, phase: phase, book: index)
                    }
                    continue
                case .forcedBlocked where !blocked:
                    continue
                case .forcedBlocked where loggedLossSaleBlocks[lots[place].id] == nil:
                    // A blocked lot forced before any pass listed its block (the tax budget cut the
                    // unblocked pass first): its block is listed now, as every forced lot's is.
                    if let record = inCalendar(household, {
                        $0.cachedLossSaleBlock(for: lots[place], on: today, plannedInTrade: planned)
                    }) {
                        logLossSaleBlock(record, phase: phase, book: index)
                    }
                default:
                    break
                }
                var take = Quantity.min(remaining, lots[place].quantity)
                // The lot's term, worked out once for the budget's questions and the sale.
                let term = lots[place].term(on: asOf)
                // A lot relieved before by this trade keeps one Lots Sold row, whose figures are
                // those of one sale of its total (priced, and its basis scaled, once): each pass
                // is that sale's figures less what the row holds. Passes rounded each on its own
                // summed to a row a cent or more from its quantity × price.
                // A constant, so that `realized` reads it with no check of exclusive access (callgrind).
                let pass = soFar.map { rowSoFar(ofLot: lots[place].lotID, inTrade: $0) } ?? RowSoFar()
                func realized(_ quantity: Quantity) -> Money {
                    let gain = pass.gain(of: quantity, lot: lots[place], at: price)
                    guard blocked, gain.isNegative, let shares = replacementShares else { return gain }
                    return gain + WashSaleCalendar.disallowedLoss(ofGain: gain, on: quantity, replacementShares: shares)
                }
                // A piece the budget admits whole is taken whole: the search below rounds down to
                // the step, which would cut a fractional piece after a fractional lot (100.4 then
                // 351.6 of a 452-share sale) for no tax at all, and blame the budget for it.
                if let budget, !trial.admits(gain: realized(take), term: term, within: budget) {
                    // A cut keeps the trade in whole steps (see `largestQuantity`).
                    let fitting = trial.largestQuantity(
                        upTo: take, step: universe.step, after: limit - remaining,
                        sellsWhole: take == lots[place].quantity,
                        term: term, within: budget, limitRefused: true, realizedGain: realized)
                    if fitting < take { outcome.budgetCut = true }
                    take = fitting
                }
                if take > .zero {
                    if blocked {
                        outcome.forced += 1
                        forced.append(lots[place].id)
                    }
                    let sale = pass.sale(of: take, lot: lots[place], at: price, term: term)
                    trial.count(gain: realized(take), term: sale.term)
                    planned.append(sale)
                    remaining -= take
                }
                if outcome.budgetCut { break }
            }
        } }
        // Let go before the sale changes the position's lots, which would copy them all while shared.
        _ = consume reachable
        guard !planned.isEmpty else { return outcome }
        // A further pass of a trade this phase made already (a cap's remainder after its piece)
        // is judged by the trade's total: dropped as a sale of its own, a group was left above
        // its cap for one share of a trade being made anyway (explore-BY).
        let madeSoFar = soFar.map { trades[$0].amount } ?? .zero
        if let minimumAmount, planned.sharesSold < held, planned.totalProceeds + madeSoFar < minimumAmount {
            // Nothing is sold: no blocked lot was forced (its warning named a sale not made).
            outcome.underMinTrade = true
            outcome.fitted = planned.sharesSold
            outcome.forced = 0
            return outcome
        }
        let recordsBefore = calendars[household].records.count
        commitSale(planned, symbol: symbol, price: price, in: index, phase: phase, why: why())
        if !forced.isEmpty {
            for sale in planned where sale.isLoss && forced.contains(sale.lotKey) { outcome.forcedLoss -= sale.gain }
            let records = calendars[household].records
            for record in records[recordsBefore...] where record.action == .disallowed {
                guard let lotID = record.lotID, forced.contains(TaxLot.Key(account: record.account, lotID: lotID)) else {
                    continue
                }
                outcome.forcedMatched = true
                outcome.disallowed += record.disallowedLoss ?? .zero
                if record.replacement?.isLost == true { outcome.lost += record.disallowedLoss ?? .zero }
            }
        }
        // A lot whose block a phase listed, then sold all the same: its block row says so.
        for key in forced where forcedLossSales[key] == nil {
            guard let place = loggedLossSaleBlocks[key] else { continue }
            forcedLossSales[key] = phase
            calendars[household].records[place].note += Self.forcedNote(phase)
        }
        // A listed lot sold at a loss once nothing blocked it (its replacement shares matched
        // to other lots since): said on its row, which read as the lot left unsold beside its
        // Loss Sale row.
        if !loggedLossSaleBlocks.isEmpty {
            for sale in planned where sale.isLoss {
                // The listed lots asked first: most sales are of lots never listed, each other
                // question a hash of the key's two names.
                let key = sale.lotKey
                guard let place = loggedLossSaleBlocks[key], !forced.contains(key), forcedLossSales[key] == nil,
                      freedLossSales[key] == nil else { continue }
                freedLossSales[key] = phase
                calendars[household].records[place].note += Self.freedNote(phase)
            }
        }
        outcome.quantity = planned.sharesSold
        outcome.proceeds = planned.totalProceeds
        return outcome
    }

    /// What the Lots Sold row of lot `lotID` in trade `trade` holds so far; all zero when the
    /// trade has not sold the lot. The rows are read in a loop, not in closures, which copied
    /// each row they read (callgrind).
    func rowSoFar(ofLot lotID: String, inTrade trade: Int) -> RowSoFar {
        for row in lotRows(of: tradeNotes[trade]) where lotsSold[row].lotID == lotID {
            return RowSoFar(quantity: lotsSold[row].quantity, costBasis: lotsSold[row].costBasis,
                            proceeds: lotsSold[row].proceeds)
        }
        return RowSoFar()
    }

    /// Records one trade's lot sales: wash-sale calendar, ledger, lots, cash and rows.
    mutating func commitSale(_ sales: [LotSale], symbol: String, price: Price, in index: Int, phase: Phase, why: String) {
        let account = books[index].id
        let tradeRow = tradeRow(in: index, symbol: symbol, side: .sell, phase: phase, price: price, why: why)
        let disallowed = calendars[householdOfBook[index]].disallowedLosses(recording: sales, on: asOf, trade: tradeRow)
        let restatements = calendars[householdOfBook[index]].takeRestatements()
        // Taken apart at once: a tuple kept whole would share the lots, and the first change
        // to them would copy them all.
        var lots: [TaxLot], entry: Int?
        (lots, entry) = books[index].takeLots(of: symbol)
        // A sale of a few lots searches the position's lots and the trade's Lots Sold rows;
        // a sale of many (a large position phased out whole) finds them through tables and
        // lets go of the sold-out lots in one pass: searched and removed one by one, a
        // position of 30,000 lots took time growing with the square of its lots.
        // (An empty table holds an index of its own: the tables are made only when used.)
        let manyLots = sales.count > 16
        var lotPlaces: NameTable<Int>?, rowOfLot: NameTable<Int>?, soldOut: [Bool] = []
        if manyLots {
            var places = NameTable<Int>(minimumCapacity: lots.count), rows = NameTable<Int>(minimumCapacity: sales.count)
            for place in lots.indices { _ = places.index(of: lots[place].lotID) { place } }
            for row in lotRows(of: tradeNotes[tradeRow]) { _ = rows.index(of: lotsSold[row].lotID) { row } }
            (lotPlaces, rowOfLot) = (places, rows)
            soldOut = Array(repeating: false, count: lots.count)
        }
        // Each sale is read where it is stored: `for … in zip(…)` copied every sale, its names
        // retained (callgrind). The book is found once, not at each of its figures.
        let book = books[index]
        for sale in sales.indices {
            let disallowedLoss = disallowed?[sale] ?? .zero
            // A lot relieved again by the same trade stays one Lots Sold row. The rows are read
            // in loops, not in closures, which copied each row they read (callgrind).
            var lotRow: Int?
            if let rowOfLot {
                lotRow = rowOfLot[sales[sale].lotID]
            } else {
                for row in lotRows(of: tradeNotes[tradeRow]) where lotsSold[row].lotID == sales[sale].lotID {
                    lotRow = row
                    break
                }
            }
            var joining = Money.zero
            if let row = lotRow { joining = lotsSold[row].gain + lotsSold[row].disallowedLoss }
            let tax = book.ledger.record(
                gain: sales[sale].gain, term: sales[sale].term, disallowedLoss: disallowedLoss, joiningRow: joining)
            let position = lotPlaces.map { $0[sales[sale].lotID].flatMap { soldOut[$0] ? nil : $0 } }
                ?? lots.firstIndex(where: { $0.lotID == sales[sale].lotID })
            // A lot sold in part keeps the rest where it is stored (`relieve`).
            if let position, !lots[position].relieve(sales[sale].quantity, basis: sales[sale].costBasis) {
                if manyLots {
                    soldOut[position] = true
                } else {
                    lots.remove(at: position)
                }
            }
            book.cash += sales[sale].proceeds
            book.sellProceeds += sales[sale].proceeds
            if let row = lotRow {
                lotsSold[row].quantity += sales[sale].quantity
                lotsSold[row].costBasis += sales[sale].costBasis
                lotsSold[row].proceeds += sales[sale].proceeds
                lotsSold[row].gain += sales[sale].gain
                lotsSold[row].disallowedLoss += disallowedLoss
            } else {
                lotsSold.append(LotSold(
                    account: account, symbol: symbol, lotID: sales[sale].lotID, acquired: sales[sale].acquired,
                    quantity: sales[sale].quantity, costBasis: sales[sale].costBasis, proceeds: sales[sale].proceeds,
                    gain: sales[sale].gain, term: sales[sale].term, disallowedLoss: disallowedLoss, phase: phase,
                    restatedFrom: restatedFrom.isEmpty ? nil : restatedFrom[sales[sale].lotKey]))
                let row = lotsSold.count - 1
                rowOfLot?.set(row, for: sales[sale].lotID)
                nextLotRow.append(-1)
                if tradeNotes[tradeRow].lastLotRow >= 0 {
                    nextLotRow[tradeNotes[tradeRow].lastLotRow] = row
                } else {
                    tradeNotes[tradeRow].firstLotRow = row
                }
                tradeNotes[tradeRow].lastLotRow = row
                tradeNotes[tradeRow].lotCount += 1
            }
            trades[tradeRow].quantity += sales[sale].quantity
            trades[tradeRow].amount += sales[sale].proceeds
            let realized = sales[sale].gain + disallowedLoss
            switch sales[sale].term {
            case .shortTerm: trades[tradeRow].realizedShortTerm += realized
            case .longTerm: trades[tradeRow].realizedLongTerm += realized
            }
            trades[tradeRow].estimatedTax += tax
        }
        if manyLots, soldOut.contains(true) {
            // The lots still held, in their order.
            var kept = 0
            for place in lots.indices where !soldOut[place] {
                if kept != place { lots.swapAt(kept, place) }
                kept += 1
            }
            lots.removeLast(lots.count - kept)
        }
        let held = books[index].setLots(lots, for: symbol, entry: entry, universe: universe)
        books[index].noteSellRow(tradeRow, atEntry: held)
        for restatement in restatements { restate(restatement, household: householdOfBook[index], phase: phase) }
        for amendment in calendars[householdOfBook[index]].takeBasisAmendments() { amend(amendment) }
    }

    /// Adds the cent a later piece of a trade's row moved into a restated lot's `Disallowed`
    /// record to that lot's basis, and says so in the lot's `Restated` audit row. The
    /// calendar moves it only while the run has sold none of the lot.
    mutating func amend(_ amendment: WashSaleCalendar.BasisAmendment) {
        guard let book = books.firstIndex(where: { $0.id == amendment.lot.account }) else { return }
        var lots: [TaxLot], entry: Int?
        (lots, entry) = books[book].takeLots(of: amendment.symbol)
        defer { books[book].setLots(lots, for: amendment.symbol, entry: entry, universe: universe) }
        guard let place = lots.firstIndex(where: { $0.lotID == amendment.lot.lotID }) else { return }
        lots[place].costBasis += amendment.amount
        guard var note = restatedNotes[amendment.lot] else { return }
        note.addedBasis = amendment.addedBasis
        note.basis = lots[place].costBasis
        restatedNotes[amendment.lot] = note
        auditLog[note.auditRow].detail = note.text
    }

    /// Restates the held lot a loss sale of the run was matched to: the shares matched take
    /// the disallowed loss allotted to them into their basis, and their holding period runs
    /// from the sold lot's (26 USC 1091(d), 1223(3)), so a later phase sells them at the
    /// basis and term the law gives them. They become a lot of their own (`T5-W`); the rest
    /// of a lot matched in part keeps its ID, basis and date.
    mutating func restate(_ restatement: WashSaleCalendar.Restatement, household: Int, phase: Phase) {
        guard let book = books.firstIndex(where: { $0.id == restatement.lot.account }) else { return }
        var lots: [TaxLot], entry: Int?
        (lots, entry) = books[book].takeLots(of: restatement.symbol)
        defer { books[book].setLots(lots, for: restatement.symbol, entry: entry, universe: universe) }
        guard let place = lots.firstIndex(where: { $0.lotID == restatement.lot.lotID }),
              restatement.shares > .zero, restatement.shares <= lots[place].quantity else { return }
        let lot = lots[place]
        let before = lot.costBasis(of: restatement.shares)
        let basis = before + restatement.addedBasis
        // The restated shares take an ID of their own even when they are the whole lot: a
        // trade that sold some of the lot before keeps its Lots Sold row, at the old term.
        let restatedID = splitLotID(of: lot, in: book)
        let key = TaxLot.Key(account: lot.account, lotID: restatedID)
        calendars[household].noteRestated(
            key, from: lot.id, symbol: lot.symbol, acquired: lot.acquired, record: restatement.record)
        restatedFrom[key] = restatedFrom[lot.id] ?? lot.lotID
        // Their term follows the date they are held from, unless the sold shares or these
        // were long-term by a Lots Term mark: the holding period is never shortened, and a
        // short-term mark of the replacement's own purchase does not stand for the shares'
        // new holding period.
        let longByMark = restatement.soldTerm == .longTerm || lot.termOverride == .longTerm
        let restated = TaxLot(lotID: restatedID, account: lot.account, symbol: lot.symbol, quantity: restatement.shares,
                              costBasis: basis, acquired: restatement.holdingPeriodFrom,
                              termOverride: longByMark ? .longTerm : nil)
        if let rest = lot.remainder(afterSelling: restatement.shares) {
            lots[place] = rest
            lots.insert(restated, at: place + 1)
        } else {
            lots[place] = restated
        }
        let note = RestatedNote(
            auditRow: auditLog.count, shares: restatement.shares, wholeLot: restatement.shares == lot.quantity,
            lotID: lot.lotID, restatedID: restatedID, soldLot: restatement.soldLot,
            addedBasis: restatement.addedBasis, basis: basis, before: before, from: restatement.holdingPeriodFrom)
        audit(phase, lot.account, lot.symbol, rule: "Wash Sale", decision: "Restated", text: note.text)
        if auditLog.count > note.auditRow { restatedNotes[key] = note }
    }

    /// What a `Restated` audit row says, kept so that a cent added to the lot's basis later
    /// (`amend`) is said in it too.
    struct RestatedNote: Sendable {
        let auditRow: Int
        let shares: Quantity
        let wholeLot: Bool
        let lotID: String
        let restatedID: String
        let soldLot: TaxLot.Key
        var addedBasis: Money
        var basis: Money
        let before: Money
        let from: CivilDate

        var text: String {
            let held = wholeLot ? "Lot \(lotID)'s" : "\(shares) of lot \(lotID)'s"
            let sentence: Sentence = "\(held) share\(shares == Quantity(shares: 1) ? "" : "s"), now lot \(restatedID), "
                + "replace the loss sold on lot \(soldLot.lotID) in \(soldLot.account): \(dollars: addedBasis) of "
                + "its disallowed loss goes into their basis, now \(dollars: basis) (was \(dollars: before)), and their "
                + "holding period runs from \(from) (26 USC 1091(d), 1223(3)); a later sale in this run uses them."
            return sentence.text
        }
    }

    /// An ID for shares split off `lot` in book `index`: its own with `-W` (a custodian's
    /// mark for a basis a wash sale adjusted), numbered if the account already has it.
    private func splitLotID(of lot: TaxLot, in index: Int) -> String {
        var number = 1
        while true {
            let id = number == 1 ? "\(lot.lotID)-W" : "\(lot.lotID)-W\(number)"
            let key = TaxLot.Key(account: lot.account, lotID: id)
            if restatedFrom[key] == nil, !books[index].holdsLot(id) { return id }
            number += 1
        }
    }

    /// The row of the trade on `side` in `phase` along a symbol's chain of trades, from its
    /// latest row `latest` (−1: none) back, if one was made. Inlined: called from a mutating
    /// method, it was handed a copy of the whole planning state, 344 bytes, at every trade
    /// asked for (callgrind).
    @inline(__always)
    private func trade(alongChainFrom latest: Int, side: Side, phase: Phase) -> Int? {
        var row = latest
        while row >= 0 {
            if trades[row].side == side && trades[row].phase == phase { return row }
            row = previousRowOfSymbol[row]
        }
        return nil
    }

    /// The row of account `index`'s trade of `symbol` on `side` in `phase`, if one was made.
    /// Asked without adding the symbol to the book's rows: an entry of −1 left by the question
    /// read as a trade made (`tradeRows[symbol] != nil`), and a later buy of a symbol whose
    /// cap sale sold nothing looked up trade −1.
    func madeTrade(in index: Int, symbol: String, side: Side, phase: Phase) -> Int? {
        trade(alongChainFrom: books[index].tradeRows[symbol] ?? -1, side: side, phase: phase)
    }

    /// The row of the trade (account, symbol, side, phase), made on first use.
    /// A symbol has a handful of trades in an account (a side in a phase each): the book
    /// keeps the symbol's latest row, and the one asked for is found along the chain back.
    mutating func tradeRow(in index: Int, symbol: String, side: Side, phase: Phase, price: Price, why: String) -> Int {
        let book = books[index]
        // Made at the book's first trade with room for a symbol of each position: grown from
        // empty, every book's table placed its names again and moved them to larger lists
        // several times (callgrind: 0.3% of planning's instructions).
        if book.tradeRows.isEmpty { book.tradeRows = NameTable(minimumCapacity: book.positions.count) }
        let latest = book.tradeRows.index(of: symbol) { -1 }
        if let row = trade(alongChainFrom: book.tradeRows[at: latest], side: side, phase: phase) {
            tradeNotes[row].add(why: why)
            return row
        }
        let new = trades.count
        previousRowOfSymbol.append(book.tradeRows[at: latest])
        book.tradeRows[at: latest] = new
        trades.append(Trade(
            account: book.id, symbol: symbol, side: side, quantity: .zero, price: price, amount: .zero,
            phase: phase, reason: ""))
        tradeNotes.append(TradeNote(why: why))
        return new
    }

    // MARK: - Buying

    /// Buys `quantity` shares of `symbol` in account `index` as a trade of `phase`. The
    /// caller has checked restrictions, windows and cash; a manual buy inside a window
    /// disallows the earlier loss in proportion, added back in the selling account.
    /// `price`: the symbol's price, when the caller has it at hand. Returns the earlier losses
    /// the buy disallows.
    @discardableResult
    mutating func buy(
        _ symbol: String, quantity: Quantity, in index: Int, phase: Phase, price known: Price? = nil, why: String
    ) throws(PlanningError) -> LossesDisallowed {
        var result = LossesDisallowed()
        guard quantity > .zero else { return result }
        let price: Price
        if let known { price = known } else { price = try universe.price(of: symbol) }
        let row = tradeRow(in: index, symbol: symbol, side: .buy, phase: phase, price: price, why: why)
        var cost = price.value(of: quantity)
        if trades[row].quantity > .zero {
            // A trade's buys come to one purchase of its total, priced once: this one costs
            // that less what the trade has spent (a cent off `cost` at most). Priced buy by
            // buy, a trade's Amount drifted a cent or more from its quantity × price. Where
            // the cent more is cash the account does not have, the buy keeps its own price.
            let asPart = price.value(of: trades[row].quantity + quantity) - trades[row].amount
            if !asPart.isNegative, asPart <= cost || asPart <= books[index].cash { cost = asPart }
        }
        let account = books[index].id
        books[index].buyCount += 1
        let lotID = Planning.boughtLotID(symbol, books[index].buyCount)
        // Taken apart at once: a tuple kept whole would share the lots, and the first change
        // to them would copy them all.
        var lots: [TaxLot], entry: Int?
        (lots, entry) = books[index].takeLots(of: symbol, inserting: true)
        let lot = TaxLot(lotID: lotID, account: account, symbol: symbol, quantity: quantity, costBasis: cost, acquired: asOf)
        // A position new to the book is a list made with its lot: appended to an empty list, it
        // was made by the path that grows a list, most buys (callgrind).
        if lots.isEmpty { lots = [lot] } else { lots.append(lot) }
        books[index].setLots(lots, for: symbol, entry: entry, buying: true, universe: universe)
        books[index].cash -= cost
        books[index].buyCost += cost
        trades[row].quantity += quantity
        trades[row].amount += cost
        let disallowances = calendars[householdOfBook[index]].recordBuy(
            account: account, symbol: symbol, quantity: quantity, cost: cost, lotID: lotID, on: asOf)
        for disallowance in disallowances {
            guard let amount = disallowance.disallowedLoss else {
                result.unknown = true
                raise(.needsApproval, "\(account)/\(symbol)",
                      "The buy of \(quantity) \(symbol) falls within \(settings.washSaleDays) days of the "
                        + "\(disallowance.saleDate) loss sale of \(disallowance.symbol) in "
                        + "\(disallowance.sellingAccount), whose Transactions row lacks "
                        + "\(disallowance.missingColumns.joined(separator: " and ")): the disallowed loss "
                        + "cannot be computed.")
                continue
            }
            guard let seller = books.firstIndex(where: { $0.id == disallowance.sellingAccount }) else { continue }
            if let place = result.byAccount.firstIndex(where: { $0.account == disallowance.sellingAccount }) {
                result.byAccount[place].amount += amount
                if !result.byAccount[place].saleDates.contains(disallowance.saleDate) {
                    result.byAccount[place].saleDates.append(disallowance.saleDate)
                }
            } else {
                result.byAccount.append((disallowance.sellingAccount, amount, [disallowance.saleDate]))
            }
            // A loss of an earlier year (a December sale, a January buy) is disallowed on that
            // year's return: this year's figures, which the estimate nets, do not hold it, and
            // it goes into the new shares' basis alone (26 USC 1091(a), (d)). Added back here,
            // it charged this year's budget with last year's loss (explore-BB).
            guard disallowance.saleDate.year == asOf.year else {
                audit(phase, disallowance.sellingAccount, disallowance.symbol, rule: "Wash Sale", decision: "Disallowed",
                      "\(dollars: amount) of the \(disallowance.saleDate) loss on \(disallowance.symbol) is disallowed "
                        + "because \(account) buys \(quantity) \(symbol) within \(settings.washSaleDays) days; the "
                        + "sale is of \(disallowance.saleDate.year), whose return it changes, so this year's estimate "
                        + "is unchanged.")
                continue
            }
            let tax = books[seller].ledger.addBack(disallowedLoss: amount, term: disallowance.term)
            addBacks.append(AddBack(seller: seller, buyer: index, tradeRow: row, amount: amount, term: disallowance.term))
            if seller == index {
                trades[row].estimatedTax += tax
            } else {
                books[seller].taxFromOtherAccounts += tax
            }
            audit(phase, disallowance.sellingAccount, disallowance.symbol, rule: "Wash Sale", decision: "Disallowed",
                  "\(dollars: amount) of the \(disallowance.saleDate) loss on \(disallowance.symbol) is added "
                    + "back in \(disallowance.sellingAccount) (\(disallowance.term)) because \(account) buys "
                    + "\(quantity) \(symbol) within \(settings.washSaleDays) days; tax "
                    + "\(signedDollars: tax).")
        }
        return result
    }

    /// The earlier losses a buy disallows: each selling account's, in the order disallowed
    /// (most buys: none), with the dates of the sales whose losses they are, and whether one
    /// could not be worked out (a Transactions sale lacking Quantity or Realized Gain: a
    /// `Needs Approval` row says so).
    struct LossesDisallowed {
        var byAccount: [(account: String, amount: Money, saleDates: [CivilDate])] = []
        var unknown = false
    }

    /// `AAPL-bought-3`: the Lot ID of an account's third buy of the run, in `symbol`.
    /// Written in place at its length, so that one of up to 15 bytes is kept inside the
    /// `String` and needs no storage of its own (an interpolation always allocated).
    static func boughtLotID(_ symbol: String, _ number: Int) -> String {
        precondition(number > 0, "buys are counted from one")
        var digits = 0
        var rest = number
        repeat {
            digits += 1
            rest /= 10
        } while rest > 0
        let middle = "-bought-".utf8
        return String(unsafeUninitializedCapacity: symbol.utf8.count + middle.count + digits) { text in
            var end = text.initialize(fromContentsOf: symbol.utf8)
            end = text[end...].initialize(fromContentsOf: middle)
            var rest = number
            for position in (end..<end + digits).reversed() {
                text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return end + digits
        }
    }

    /// Lists a loss lot a replacement blocks: once in the Wash Sale sheet however many
    /// phases pass it over, and in the Audit Log for each phase. Met again behind a window
    /// that ends later (a replacement bought since, in this run or by another account), its
    /// row takes the later block, so that it gives the last day of the lot's window, as the
    /// contract asks: the first one met, ten days shorter, told a PM to harvest the lot ten
    /// days too early. The row then also names the block first met, which a PM reading why an
    /// earlier phase passed the lot over looks for (a harvest skipped behind an IRA's purchase
    /// of 2026-11-12, the row naming only that IRA's buy of the run, days later).
    ///
    /// The record is taken, and moved into the calendar's rows: copied there, and the earlier
    /// row copied out to read its window, each was copied whole and let go (callgrind).
    mutating func logLossSaleBlock(_ record: consuming WashSaleRecord, phase: Phase, book index: Int) {
        let key = TaxLot.Key(account: record.account, lotID: record.lotID ?? "")
        let household = householdOfBook[index]
        let (account, symbol, note) = (record.account, record.symbol, record.note)
        if let place = loggedLossSaleBlocks[key] {
            let earlierEnds = calendars[household].records[place].windowEnds
            if record.windowEnds > earlierEnds {
                let first = firstLossSaleBlocks[key] ?? (
                    calendars[household].records[place].conflictDate, calendars[household].records[place].conflictAccount,
                    earlierEnds)
                firstLossSaleBlocks[key] = first
                let sameBlock = first.bought == record.conflictDate && first.account == record.conflictAccount
                calendars[household].records[place] = record
                if !sameBlock {
                    calendars[household].records[place].note += " It was first passed over behind the shares bought "
                        + "\(first.bought) in \(first.account), a block through \(first.ends)."
                }
                if let forcedBy = forcedLossSales[key] { calendars[household].records[place].note += Self.forcedNote(forcedBy) }
                if let freedBy = freedLossSales[key] { calendars[household].records[place].note += Self.freedNote(freedBy) }
            }
        } else {
            // Room for a few dozen at the first: grown from empty, the table of a run's listed
            // lots was made again at each doubling, every key hashed again (callgrind: 0.3% of
            // planning's instructions). Made with its room, not reserved: `reserveCapacity` ran
            // the table's unspecialized path, about 11,800 instructions a call (callgrind).
            if loggedLossSaleBlocks.isEmpty { loggedLossSaleBlocks = [TaxLot.Key: Int](minimumCapacity: 64) }
            loggedLossSaleBlocks[key] = calendars[household].records.count
            calendars[household].log(record)
        }
        audit(phase, account, symbol, rule: "Wash Sale", decision: "Skipped", text: note)
    }

    /// What a blocked lot's `Loss Sale Blocked` row adds once a phase sold the lot all the same,
    /// so that the row does not read as the lot left unsold beside its `Loss Sale` row.
    static func forcedNote(_ phase: Phase) -> String {
        " \(phase.rawValue) then sold it all the same: its Loss Sale and Disallowed rows say what of its loss is disallowed."
    }

    /// What a blocked lot's row adds once a later phase sold it at a loss unblocked.
    static func freedNote(_ phase: Phase) -> String {
        // Shares the run sold before count as none (the contract), which a literal reading of
        // 1091(a) would still count: named, so the CIO sees which way it was read (explore-AU).
        " \(phase.rawValue) then sold it at a loss once no replacement share was left unmatched and held to block it "
            + "(shares matched to another loss sale, or sold earlier in the run, replace nothing more): its Loss Sale row says so."
    }

    /// Whether the engine may buy `symbol` in account `index` now; if not, what stops it.
    /// With `log`, the first time a restriction or a window stops a buy of the symbol in the
    /// account it goes to the Audit Log, and a window's block to the Wash Sale sheet.
    mutating func buyStop(_ symbol: String, in index: Int, phase: Phase, log: Bool) -> DriftStatus? {
        let book = books[index]
        /// Whether this stop is the first of the symbol's in the account to be logged.
        func first() -> Bool { log && book.loggedBuyStops.insert(symbol) }
        let household = householdOfBook[index]
        let today = asOf
        if !universe.mayBuy(symbol) {
            let logged = first()
            if logged {
                audit(phase, book.id, symbol, rule: "Restriction", decision: "Not Bought",
                      "\(symbol) is \(universe.restriction(of: symbol)!.rawValue): the engine does not buy it.")
            }
            // A window on its family stops the buy as well, and comes before `Restricted` in the
            // contract's order; the block is listed as any is (explore-CU: a No Buy line in a
            // window was named `Restricted`, with no Buy Blocked row).
            guard let blocking = inCalendar(household, { $0.blockingSale(ofBuyOf: symbol, on: today) }) else {
                return .restricted
            }
            if logged {
                let record = inCalendar(household, {
                    $0.buyBlock(account: book.id, symbol: symbol, blockedBy: blocking, besidesManualBuy: false)
                })
                let note = record.note
                calendars[household].log(record)
                audit(phase, book.id, symbol, rule: "Wash Sale", decision: "Not Bought", text: note)
            }
            return .washSale
        }
        let sold = book.sold.contains(symbol)
        // The sale whose window stops the buy, asked once: the block's row is worded from it.
        let blocking = inCalendar(household, { $0.blockingSale(ofBuyOf: symbol, on: today) })
        let windowed = blocking != nil
        // A symbol identical to one a manual trade sold: buying it would buy the sale back.
        let twinSold = !sold && !book.manualTwinSales.isEmpty && book.manualTwinSales.contains(symbol)
            && !(book.manual.contains(symbol) && book.bought.contains(symbol))
        guard sold || windowed || twinSold else { return nil }
        let logged = first()
        if sold, logged {
            audit(phase, book.id, symbol, rule: "No Buy And Sell", decision: "Not Bought",
                  "\(symbol) was sold in \(book.id) earlier in this run; it is not bought back.")
        }
        if twinSold, !windowed {
            if logged {
                audit(phase, book.id, symbol, rule: "No Buy And Sell", decision: "Not Bought",
                      "\(symbol) is identical to \(twins(of: symbol, in: book.manual)), which a manual trade sold in "
                        + "\(book.id); it is not bought in its place.")
            }
            return .manual
        }
        // A window on the symbol (a loss sold in the run opens one) comes first in the
        // contract's order of statuses, and is listed as any block is, the selling account's
        // own line too (the Drift sheet names it). The block's row is worded only when listed.
        guard let blocking else { return book.manual.contains(symbol) ? .manual : .earlierPhase }
        // Not sold in the account, a manual trade's symbol there is one it bought.
        let manualBuy = book.manual.contains(symbol) && !sold
        if logged {
            let record = inCalendar(household, {
                $0.buyBlock(account: book.id, symbol: symbol, blockedBy: blocking, besidesManualBuy: manualBuy)
            })
            // Its note read first, and the record moved into the rows (`log`): logged and then
            // read, it was copied whole and let go (callgrind).
            let note = record.note
            calendars[household].log(record)
            audit(phase, book.id, symbol, rule: "Wash Sale", decision: "Not Bought", text: note)
        }
        return .washSale
    }
}

extension Planning {
    /// The symbols of `symbol`'s identical group among `traded` (a manual trade's), other
    /// than itself, joined for a sentence: `GOOG`, or `GOOG and GOOGL`.
    func twins(of symbol: String, in traded: NameSet) -> String {
        let members = universe.families.family(of: symbol).members.filter { $0 != symbol && traded.contains($0) }
        return members.isEmpty ? symbol : members.joinedAsList
    }

    /// `question` asked of a household's calendar where it is stored. Asked as
    /// `calendars[household].question()` inside a mutating method, the whole calendar was
    /// copied first, and released after, at every question (callgrind).
    @inline(__always)
    mutating func inCalendar<Answer>(_ household: Int, _ question: (inout WashSaleCalendar) -> Answer) -> Answer {
        question(&calendars[household])
    }
}

extension WashSaleCalendar {
    /// Unmatched replacement shares that would block a loss sale of `lot` now; zero when free.
    mutating func unmatchedReplacementShares(for lot: TaxLot, on date: CivilDate, plannedInTrade: [LotSale]) -> Shares {
        cachedReplacementSummary(forLoss: lot.id, symbol: lot.symbol, on: date, planned: plannedInTrade).shares
    }

    /// The part of a sale's loss that `replacementShares` would disallow: loss × matched / sold.
    static func disallowedLoss(ofGain gain: Money, on quantity: Quantity, replacementShares: Shares) -> Money {
        guard gain.isNegative, quantity > .zero else { return .zero }
        let matched = replacementShares.taking(upTo: quantity)
        return gain.magnitude.scaled(by: matched.micros, over: quantity.micros)
    }
}

/// What a trade's Lots Sold row holds of a lot before another pass relieves it again (all
/// zero for a lot the trade has not sold): the pass is priced and its basis scaled as the
/// row's part of one sale of the row's total from the lot as it stood before the trade.
struct RowSoFar {
    var quantity = Quantity.zero
    var costBasis = Money.zero
    var proceeds = Money.zero

    /// The pass's proceeds and basis for `sold` more shares of `lot` (the lot as the earlier
    /// passes left it) at `price`.
    private func figures(of sold: Quantity, lot: TaxLot, at price: Price) -> (proceeds: Money, costBasis: Money) {
        guard quantity > .zero else { return (price.value(of: sold), lot.costBasis(of: sold)) }
        let total = quantity + sold, held = quantity + lot.quantity, basis = costBasis + lot.costBasis
        let totalBasis = total == held ? basis : basis.scaled(by: total.micros, over: held.micros)
        return (price.value(of: total) - proceeds, totalBasis - costBasis)
    }

    /// The gain of the pass: `lot.gain(of:at:)` for a lot the trade has not sold.
    func gain(of sold: Quantity, lot: TaxLot, at price: Price) -> Money {
        guard quantity > .zero else { return lot.gain(of: sold, at: price) }
        let pass = figures(of: sold, lot: lot, at: price)
        return pass.proceeds - pass.costBasis
    }

    /// The pass as a sale, `term` being the lot's on the trade date: `lot.sale(of:at:term:)`
    /// for a lot the trade has not sold.
    func sale(of sold: Quantity, lot: TaxLot, at price: Price, term: Term) -> LotSale {
        guard quantity > .zero else { return lot.sale(of: sold, at: price, term: term) }
        let pass = figures(of: sold, lot: lot, at: price)
        return LotSale(
            lotID: lot.lotID, account: lot.account, symbol: lot.symbol, acquired: lot.acquired,
            quantity: sold, costBasis: pass.costBasis, proceeds: pass.proceeds, term: term)
    }
}
