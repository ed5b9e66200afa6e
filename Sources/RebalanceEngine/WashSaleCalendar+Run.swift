extension WashSaleCalendar {
    /// The window that forbids the tool to buy `symbol` in `account` on `date`, as a
    /// `Buy Blocked` row; `nil` when the buy is free.
    ///
    /// A loss sale of any family member in a taxed account of the household, from
    /// Transactions or earlier in the run, blocks buys in every household account (IRAs and
    /// Roths included) for Wash Sale Days after it, the last day included: a loss sale on
    /// 2026-02-13 blocks through 2026-03-15, and 2026-03-16 is free (26 USC 1091(a)).
    /// When several windows cover the date, the one ending last is named.
    /// `besidesManualBuy`: the account bought `symbol` by a manual trade of this run, which is
    /// made as written; the row then says the tool buys no more ("No buy of AAA in TAX2" beside
    /// the manual trade's 25 AAA read as none bought).
    public func buyBlock(account: String, symbol: String, on date: CivilDate, besidesManualBuy: Bool = false) -> WashSaleRecord? {
        buyBlockNamingSale(account: account, symbol: symbol, on: date, besidesManualBuy: besidesManualBuy)?.record
    }

    /// `buyBlock`, with the symbol the loss sale that opened the window sold: a family member
    /// of `symbol`, not always `symbol` (the row's Symbol is the buy's).
    public func buyBlockNamingSale(account: String, symbol: String, on date: CivilDate, besidesManualBuy: Bool = false)
        -> (record: WashSaleRecord, soldSymbol: String)? {
        precondition(taxedByAccount[account] != nil, "account \(account) is not in household \(household)")
        guard let blocking = blockingLossSale(symbol: symbol, on: date) else { return nil }
        return buyBlockedRow(account: account, symbol: symbol, blocking: blocking, besidesManualBuy: besidesManualBuy)
    }

    /// `buyBlock` for a buy of `symbol` that loss sale `blocking` forbids (`blockingSale(ofBuyOf:on:)`):
    /// the phases ask of every buy whether a window forbids it, and word a row only for the
    /// blocks they list, where the family's loss sales were walked a second time to word it.
    func buyBlock(account: String, symbol: String, blockedBy blocking: Int, besidesManualBuy: Bool) -> WashSaleRecord {
        precondition(taxedByAccount[account] != nil, "account \(account) is not in household \(household)")
        return buyBlockedRow(account: account, symbol: symbol, blocking: blocking, besidesManualBuy: besidesManualBuy).record
    }

    /// The `Buy Blocked` row of a buy of `symbol` in `account` that loss sale `blocking` forbids,
    /// with the symbol that sale sold.
    private func buyBlockedRow(account: String, symbol: String, blocking: Int, besidesManualBuy: Bool)
        -> (record: WashSaleRecord, soldSymbol: String) {
        // The sale's names and date read where it is stored: copied out, the whole sale (its
        // tables too) was retained and released at every block worded (callgrind).
        let (sold, seller, soldOn) = (lossSales[blocking].symbol, lossSales[blocking].account, lossSales[blocking].date)
        let family = families.family(of: symbol)
        let ends = windowEnd(ofLossSaleOn: soldOn)
        // Written part by part into one buffer (a `+` of parts makes a sentence for each), the
        // run's dates from their text written once (`append(_:to:)`).
        var note = Sentence(capacity: 192)
        note.append(besidesManualBuy ? "No further buy of " : "No buy of ")
        note.append(symbol)
        note.append(" in ")
        note.append(account)
        if besidesManualBuy { note.append(" than its manual trade's") }
        note.append(": ")
        note.append(sold)
        note.append(" was sold at a loss in ")
        note.append(seller)
        note.append(" on ")
        append(soldOn, to: &note)
        note.append(", so the family ")
        note.append(family)
        note.append(" is not bought in the household through ")
        append(ends, to: &note)
        note.append(" (26 USC 1091(a)).")
        let record = WashSaleRecord(
            action: .buyBlocked, account: account, household: household, symbol: symbol,
            family: family, conflictDate: soldOn, conflictAccount: seller,
            windowEnds: ends, note: note.text)
        return (record, sold)
    }

    /// The loss sale whose window forbids a buy of `symbol` on `date` (`nil`: none), for
    /// `buyBlock(account:symbol:blockedBy:besidesManualBuy:)` to word its row. Inlined (see
    /// `entry(of:)`).
    @inline(__always)
    func blockingSale(ofBuyOf symbol: String, on date: CivilDate) -> Int? {
        blockingLossSale(symbol: symbol, on: date)
    }

    /// The index of the loss sale whose window covers a buy of `symbol` on `date`, the one
    /// ending last. Only the sales' dates are read: a sale copied out of the list retained
    /// its names and its own-shares table, at every buy asked about (callgrind). Inlined (see
    /// `entry(of:)`).
    @inline(__always)
    private func blockingLossSale(symbol: String, on date: CivilDate) -> Int? {
        guard !lossSales.isEmpty else { return nil }
        var index = firstLossSale(ofFamilyOf: symbol)
        // Most families have no loss sale: asked first, before the run date is compared.
        guard index >= 0 else { return nil }
        var blocking: Int?
        // On the run date, a sale's window covers it when the sale falls from the first day of
        // the window that ends on the run date through the run date: dates compared, where the
        // days between them were counted from 1970 for each sale (callgrind).
        let runWindow = date == runDate ? runWindowStart : nil
        while index >= 0 {
            let sold = lossSales[index].date
            let covers: Bool
            if let runWindow {
                covers = sold <= date && sold >= runWindow
            } else {
                let elapsed = date.days(since: sold)
                covers = elapsed >= 0 && elapsed <= windowDays
            }
            if covers, blocking.map({ sold > lossSales[$0].date }) ?? true { blocking = index }
            index = lossSales[index].nextOfFamily
        }
        return blocking
    }

    /// The replacement shares that forbid the tool to sell `lot` at a loss on `date`, as a
    /// `Loss Sale Blocked` row; `nil` when the sale is free. Ask only for loss lots.
    ///
    /// A purchase of a family member anywhere in the household within Wash Sale Days
    /// before the sale, the first day included, is a replacement; the lot's own purchase
    /// never is. The block stands while an unmatched replacement share exists: Transactions
    /// buys, other lots acquired in the window and buys earlier in the run, less shares
    /// sold earlier in the run and those `plannedInTrade` (the lots this trade has taken
    /// so far). Untaxed accounts are never blocked. (26 USC 1091(a); Treas. Reg. 1.1091-1(a))
    public func lossSaleBlock(
        for lot: TaxLot, on date: CivilDate, plannedInTrade: [LotSale] = []
    ) -> WashSaleRecord? {
        guard isTaxed(lot.account) else { return nil }
        requireRunDate(date)
        // Summed as they are found, in the window's stretch of the family's purchases
        // (`replacements(forLoss:symbol:on:planned:)`), with no list of them made.
        let family = purchaseIndexes(ofFamilyOf: lot.symbol)
        let start = firstPlace(in: family, acquiredOnOrAfter: windowStart(endingOn: date))
        var summary = ReplacementSummary()
        forEachReplacement(forLoss: lot.id, in: family, from: start, on: date, planned: plannedInTrade) {
            summary.add($0, $1, acquired: $2)
        }
        return lossSaleBlock(for: lot, summary)
    }

    /// `lossSaleBlock(for:on:plannedInTrade:)`, a large window's purchases read once for every
    /// loss lot of the family asked about until a purchase changes (`cachedReplacementSummary`).
    mutating func cachedLossSaleBlock(
        for lot: TaxLot, on date: CivilDate, plannedInTrade: [LotSale] = []
    ) -> WashSaleRecord? {
        guard isTaxed(lot.account) else { return nil }
        // Worked out first: as an argument of a call on `self`, it made a copy of the calendar.
        let summary = cachedReplacementSummary(forLoss: lot.id, symbol: lot.symbol, on: date, planned: plannedInTrade)
        return lossSaleBlock(for: lot, summary)
    }

    /// The `Loss Sale Blocked` row of `lot` when `summary` (its replacements) has any.
    /// Inlined, and the row worded by a function of what it names, not a method of the
    /// calendar: asked from a mutating method (`cachedLossSaleBlock`, at each loss lot a phase
    /// reaches), a method of the calendar was handed a copy of the whole calendar (callgrind).
    @inline(__always)
    private func lossSaleBlock(for lot: TaxLot, _ summary: ReplacementSummary) -> WashSaleRecord? {
        guard let first = summary.first, let latest = summary.latest else { return nil }
        // The first purchase is read where it is stored: copied, it retained its names.
        return WashSaleCalendar.lossSaleBlock(
            for: lot, total: summary.total, firstBought: purchases[first].date, in: purchases[first].account,
            ends: latest.adding(days: windowDays), family: families.family(of: lot.symbol), household: household)
    }

    /// The `Loss Sale Blocked` row of `lot`: `total` replacement shares (`nil`: one purchase is
    /// of unknown size) of `family`, the first bought on `firstBought` in `buyer`, the block
    /// lasting through `ends` (a window from the latest purchase).
    private static func lossSaleBlock(
        for lot: TaxLot, total: Quantity?, firstBought: CivilDate, in buyer: String, ends: CivilDate,
        family: WashSaleFamily, household: String
    ) -> WashSaleRecord {
        // Written part by part into the sentence's own buffer: a `+` of interpolated parts
        // makes a sentence for each part (callgrind).
        var note: Sentence = "Lot \(lot.lotID) of \(lot.symbol) is not sold at a loss: "
        if let total {
            note.append(total)
            note.append(" unmatched replacement shares")
        } else {
            note.append("a purchase of unknown size")
        }
        note.append(" of ")
        note.append(family)
        note.append(" (first bought ")
        note.append(firstBought)
        note.append(" in ")
        note.append(buyer)
        note.append(") would disallow it; the block lasts through ")
        note.append(ends)
        note.append(" (26 USC 1091(a)).")
        return WashSaleRecord(
            action: .lossSaleBlocked, account: lot.account, household: household,
            symbol: lot.symbol, family: family, conflictDate: firstBought,
            conflictAccount: buyer, windowEnds: ends, quantity: lot.quantity,
            lotID: lot.lotID, note: note.text)
    }

    /// Records one trade's lot sales on `date` and returns each sale's disallowed loss.
    ///
    /// Call once per trade (one symbol, one account, one phase) with its lots in Lot Method
    /// order: the trade's own lots are taken out before any is judged, so none replaces
    /// another. A loss sale in a taxed account opens a window and is listed. When unmatched
    /// replacement shares exist (a forced sale: a manual sale, or Raise Cash after every
    /// unblocked lot), they are matched earliest acquired first and the loss is disallowed
    /// in proportion: loss × matched shares / sold shares, rounded half up (26 USC 1091(a),
    /// Pub 550 "Wash Sales"). Record the sale in the ledger with that disallowed loss.
    ///
    /// `trade` names the trade the sales belong to (any number the caller keeps apart per
    /// trade). The pieces of a lot one trade sells in several calls (passes) are its one Lots
    /// Sold row: pieces sold with no loss before one at a loss are counted on the lot's Loss
    /// Sale row with it, and the row's disallowed loss is its loss × matched shares / shares
    /// as one sale, each later piece's part the difference (a cent off its own proportion,
    /// either way; see `recordSale`).
    @discardableResult
    public mutating func recordSales(_ sales: [LotSale], on date: CivilDate, trade: Int? = nil) -> [Money] {
        disallowedLosses(recording: sales, on: date, trade: trade) ?? Array(repeating: .zero, count: sales.count)
    }

    /// `recordSales`, `nil` when no sale's loss is disallowed, as in most trades: no list is
    /// made for them (callgrind: 0.3% of planning's instructions).
    mutating func disallowedLosses(recording sales: [LotSale], on date: CivilDate, trade: Int?) -> [Money]? {
        requireRunDate(date)
        // The sales are read where they are stored: `for sale in` and `map` each copied every
        // sale, retaining its names (callgrind).
        for sale in sales.indices {
            // A lot acquired before the first replacement day was not listed (see `init`): most
            // lots a run sells are, told here before their key is made and a purchase sought.
            if restatedPurchases.isEmpty, let firstReplacementDay, sales[sale].acquired < firstReplacementDay { continue }
            guard let index = purchaseIndex(
                of: sales[sale].lotKey, symbol: sales[sale].symbol, acquired: sales[sale].acquired
            ) else {
                // A lot too old to replace anything was not listed (see `init`), nor one not bought.
                precondition(firstReplacementDay.map { sales[sale].acquired < $0 } ?? false
                                 || unboughtLots.contains(sales[sale].lotKey),
                             "lot \(sales[sale].lotKey) is not held in household \(household)")
                continue
            }
            precondition(purchases[index].held >= sales[sale].quantity,
                         "lot \(sales[sale].lotKey) sold beyond what is held")
            let restated = restatedPurchases.purchase(account: sales[sale].account, lotID: sales[sale].lotID) != nil
            if restated { soldRestatedLots.insert(sales[sale].lotKey) }
            purchases[index].takeOut(sales[sale].quantity, ofRestatedLot: restated, basis: sales[sale].costBasis)
        }
        var disallowed: [Money]?
        // A trade's sales are of one account: its place is looked up once.
        var account = (name: "", entry: -1)
        for sale in sales.indices {
            if account.entry < 0 || sales[sale].account != account.name {
                account = (sales[sale].account, entry(of: sales[sale].account))
            }
            let amount = recordSale(of: sales, at: sale, account: account.entry, on: date, trade: trade)
            guard amount != .zero else { continue }
            if disallowed == nil { disallowed = Array(repeating: .zero, count: sales.count) }
            disallowed?[sale] = amount
        }
        return disallowed
    }

    /// Records a buy of this run on `date` and returns the earlier losses it disallows.
    ///
    /// The tool never buys inside a window (see `buyBlock`); a manual buy may, with a
    /// warning. Its shares are matched to loss sales within Wash Sale Days of it that still
    /// have unmatched sold shares, earliest sale first, and each such loss is disallowed in
    /// proportion (loss × matched / sold). Add each amount back with
    /// `TaxLedger.addBack(disallowedLoss:term:)` in the selling account; an amount that
    /// cannot be known (the Transactions row lacks Quantity or Realized Gain) needs approval.
    /// `cost` is the buy's amount; `lotID` names the new lot if a later phase may sell it.
    @discardableResult
    public mutating func recordBuy(
        account: String, symbol: String, quantity: Quantity, cost: Money,
        lotID: String? = nil, on date: CivilDate
    ) -> [WashSaleDisallowance] {
        let buyerTaxed = isTaxed(account)
        precondition(quantity > .zero, "a buy has a positive quantity")
        requireRunDate(date)
        let (purchaseIndex, familyNumber) = insertPurchase(Purchase(
            origin: .run, account: account, symbol: symbol, date: date, lotID: lotID,
            bought: quantity, held: quantity, cost: cost, costShares: quantity))
        // The family's loss sales, by the number the purchase found (not looked up again).
        var saleIndexes: [Int] = []
        var next = lossSaleEndsByFamily[familyNumber].first
        while next >= 0 {
            if abs(date.days(since: lossSales[next].date)) <= windowDays { saleIndexes.append(next) }
            next = lossSales[next].nextOfFamily
        }
        guard !saleIndexes.isEmpty else { return [] }
        let family = families.family(of: symbol)
        var remaining = quantity
        var disallowances: [WashSaleDisallowance] = []
        /// The day of the sale that took the buy's last shares.
        var usedUpOn: CivilDate?
        for saleIndex in saleIndexes.sorted(by: { (lossSales[$0].date, $0) < (lossSales[$1].date, $1) }) {
            let sale = lossSales[saleIndex]
            if let day = usedUpOn {
                // Sales of one day come in no known order, so a sale of that day without
                // Quantity may be the one the buy replaces first: its loss, which cannot be
                // known, still needs approval (small book 20076: three MYOK sales of one day,
                // the one without Quantity listed second).
                guard sale.date == day else { break }
                guard sale.quantity == nil else { continue }
            }
            var missing: [String] = []
            if sale.quantity == nil { missing.append("Quantity") }
            if sale.loss == nil { missing.append("Realized Gain") }
            var matched: Quantity?
            var amount: Money?
            if let sold = sale.quantity {
                let taken = Quantity.min(remaining, sold - sale.matched)
                guard taken > .zero else { continue }
                remaining -= taken
                purchases[purchaseIndex].match(taken, inRun: true)
                lossSales[saleIndex].matched += taken
                lossSales[saleIndex].matchedInRun += taken
                matched = taken
                // Running over the run's matches only (a sale of the run: all of its matches),
                // so that they sum to the loss × the run's matched shares / sold, each a cent at
                // most from its own proportion: counted from a Transactions sale's shares matched
                // before the run too, a first buy's $10.00 × 1 / 3 was $3.34.
                let prior = sale.isFromTransactions ? sale.matchedInRun : sale.matched
                amount = sale.loss.map {
                    $0.scaled(by: (prior + taken).micros, over: sold.micros)
                        - $0.scaled(by: prior.micros, over: sold.micros)
                }
            }
            disallowances.append(WashSaleDisallowance(
                sellingAccount: sale.account, symbol: sale.symbol, saleDate: sale.date,
                term: sale.term, matchedShares: matched, disallowedLoss: amount,
                missingColumns: missing))
            let adjustment = amount.flatMap { amount in
                matched.map { shares in
                    replacementAdjustment(
                        of: purchases[purchaseIndex], shares: shares, disallowed: amount,
                        soldAcquired: sale.acquired, saleDate: sale.date, buyerTaxed: buyerTaxed)
                }
            }
            if let listed = sale.record, let matched {
                noteLaterBuy(ofRecord: listed, buyer: account, shares: matched, disallowed: amount)
            }
            records.append(WashSaleRecord(
                action: .disallowed, account: sale.account, household: household,
                symbol: sale.symbol, family: family, conflictDate: date, conflictAccount: account,
                windowEnds: windowEnd(ofLossSaleOn: sale.date), quantity: matched,
                lotID: sale.lotID, loss: sale.loss, disallowedLoss: amount, replacement: adjustment,
                note: buyDisallowanceNote(
                    sale: sale, buyer: account, symbol: symbol, quantity: quantity, date: date,
                    matched: matched, amount: amount, missing: missing, adjustment: adjustment)))
            if remaining == .zero, usedUpOn == nil { usedUpOn = sale.date }
        }
        return disallowances
    }

    /// The held lots that loss sales recorded since the last call were matched to, for the
    /// planner to restate (`noteRestated` then keeps each restated lot's purchase).
    public mutating func takeRestatements() -> [Restatement] {
        defer { pendingRestatements = [] }
        return pendingRestatements
    }

    /// The cents later pieces moved into restated lots' `Disallowed` records since the last
    /// call, for the planner to add to those lots' basis.
    public mutating func takeBasisAmendments() -> [BasisAmendment] {
        defer { pendingAmendments = [] }
        return pendingAmendments
    }

    /// Notes that lot `restated` (shares split off lot `original`, with a Lot ID and date of
    /// their own) is the purchase `original` was: sales of it are found there. What stays of
    /// `original` keeps its ID and date, and is found by them. `record`: the `Disallowed`
    /// record that matched the shares (`Restatement.record`).
    public mutating func noteRestated(
        _ restated: TaxLot.Key, from original: TaxLot.Key, symbol: String, acquired: CivilDate, record: Int
    ) {
        restatedLotOfRecord[record] = restated
        guard let index = purchaseIndex(of: original, symbol: symbol, acquired: acquired) else { return }
        restatedPurchases.set(index, for: restated)
    }

    // MARK: - Internals

    /// The purchase of a held lot or a run buy acquired on `acquired`, found among its
    /// family's purchases of that day.
    func purchaseIndex(of lot: TaxLot.Key, symbol: String, acquired: CivilDate) -> Int? {
        if !restatedPurchases.isEmpty, let index = restatedPurchases[lot] { return index }
        // A lot acquired before the first replacement day was not listed (see `init`): most
        // lots a run sells are, and their symbol is not looked up.
        if let firstReplacementDay, acquired < firstReplacementDay { return nil }
        let family = purchaseIndexes(ofFamilyOf: symbol)
        var place = firstPlace(in: family, acquiredOnOrAfter: acquired)
        while place < family.endIndex, purchases[family[place]].date == acquired {
            if purchases[family[place]].isPurchase(of: lot) { return family[place] }
            place += 1
        }
        return nil
    }

    /// Whether purchase `index` is lot `lot`'s own: the lot's, or another fill of its one
    /// Transactions buy (`fillsOfOneBuy`). Inlined (see `entry(of:)`): asked of each purchase
    /// of a loss lot's window.
    @inline(__always)
    func isOwnPurchase(_ index: Int, of lot: TaxLot.Key) -> Bool {
        if purchases[index].isPurchase(of: lot) { return true }
        guard !fillsOfOneBuy.isEmpty, let fills = fillsOfOneBuy[lot] else { return false }
        return fills.contains { purchases[index].isPurchase(of: $0) }
    }

    /// Unmatched replacement shares for a loss sale of lot `lot` judged on `date`, earliest
    /// acquired first (with `lot` nil, of the window as a whole: no lot's own purchase set
    /// aside). `planned`: the lot sales of the trade being planned, whose shares are no
    /// longer held (a trade's own lots replace none of each other).
    func replacements(
        forLoss lot: TaxLot.Key?, symbol: String, on date: CivilDate, planned: [LotSale]
    ) -> [(index: Int, shares: Shares)] {
        requireRunDate(date)
        // The window's purchases, Wash Sale Days before the date through the date, are one
        // stretch of the family's, in matching order.
        let family = purchaseIndexes(ofFamilyOf: symbol)
        return replacements(forLoss: lot, in: family, from: firstPlace(in: family, acquiredOnOrAfter: windowStart(endingOn: date)),
                            on: date, planned: planned)
    }

    /// The same, of the family's purchases `family` from `start`, the first acquired in the window.
    /// Inlined (see `entry(of:)`): `recordSale` asks it at each loss piece.
    @inline(__always)
    func replacements(
        forLoss lot: TaxLot.Key?, in family: FamilyPurchases, from start: Int, on date: CivilDate, planned: [LotSale]
    ) -> [(index: Int, shares: Shares)] {
        var found: [(index: Int, shares: Shares)] = []
        forEachReplacement(forLoss: lot, in: family, from: start, on: date, planned: planned) { index, shares, _ in
            found.append((index, shares))
        }
        return found
    }

    /// `body` of each of `replacements(forLoss:in:from:on:planned:)`, in order, with its
    /// purchase's date: a question that needs only their summary makes no list of them
    /// (`cachedReplacementSummary`). Inlined where it is asked, so that the calendar is read
    /// where it is stored: asked from a mutating method, a method of its own was handed a
    /// copy of the whole calendar.
    @inline(__always)
    func forEachReplacement(
        forLoss lot: TaxLot.Key?, in family: FamilyPurchases, from start: Int, on date: CivilDate, planned: [LotSale],
        _ body: (_ index: Int, _ shares: Shares, _ acquired: CivilDate) -> Void
    ) {
        // A restated lot's own purchase is found by its key: its Lot ID or date may be new.
        let ownPurchase = restatedPurchases.isEmpty ? nil : lot.flatMap { restatedPurchases[$0] }
        for place in start..<family.endIndex {
            let index = family[place]
            let acquired = purchases[index].date
            guard acquired <= date else { break }
            guard lot.map({ !isOwnPurchase(index, of: $0) }) ?? true, index != ownPurchase else { continue }
            var plannedOwn = Quantity.zero, plannedRestated = Quantity.zero
            // Planned shares are looked up only when the trade has some. A trade has a few
            // lots: scanned, each read where it is stored, not put in a table for each question.
            if !planned.isEmpty, let lotID = purchases[index].lotID {
                for sale in planned.indices {
                    if planned[sale].lotID == lotID && planned[sale].account == purchases[index].account {
                        plannedOwn += planned[sale].quantity
                    } else if restatedPurchases.purchase(account: planned[sale].account, lotID: planned[sale].lotID) == index {
                        // A restated lot's shares are its purchase's, under their own Lot ID.
                        plannedRestated += planned[sale].quantity
                    }
                }
            }
            let shares = purchases[index].replacementShares(plannedOwn: plannedOwn, plannedRestated: plannedRestated)
            if shares.isPositive { body(index, shares, acquired) }
        }
    }

    /// Records one sale (of `sales`, at `index`) whose lot is already taken out of the held
    /// shares. The sale is read where it is stored: passed or bound on its own, it was copied
    /// first, its names retained (callgrind).
    /// `account`: the sale's account's place in `taxedByAccount` (`entry(of:)`).
    private mutating func recordSale(
        of sales: [LotSale], at index: Int, account: Int, on date: CivilDate, trade: Int?
    ) -> Money {
        guard taxedByAccount[at: account] else { return .zero }
        while runRowsOfLot.count <= account {
            runRowsOfLot.append(NameTable(minimumCapacity: heldLotCounts[runRowsOfLot.count]))
        }
        // The lot's rows, at `lotPlace` once found (-1: not yet).
        var lotPlace = -1
        // What the trade has sold of the lot before this piece: its row, in the lot's rows at
        // `rowPlace` (a row of another trade is over, and this trade's begins anew there).
        var rowPlace = -1
        if let trade {
            lotPlace = runRowsOfLot[account].index(of: sales[index].lotID) {
                RunRowsOfLot(tradeRow: TradeRowOfLot(trade: trade))
            }
            // Its trade read in place: the row copied out first was copied twice (callgrind).
            if runRowsOfLot[account][at: lotPlace].tradeRow.trade != trade {
                runRowsOfLot[account][at: lotPlace].tradeRow = TradeRowOfLot(trade: trade)
            }
            rowPlace = lotPlace
        }
        // The row's shares and gain read in place: most pieces are no loss sale, and the row
        // copied out for them, and written back, retained and released its list (callgrind).
        let quantitySoFar = rowPlace < 0 ? .zero : runRowsOfLot[account][at: rowPlace].tradeRow.quantity
        let gainSoFar = rowPlace < 0 ? .zero : runRowsOfLot[account][at: rowPlace].tradeRow.gain
        // A piece at a cent's loss in a row the trade has sold at a gain (the row figured as one
        // sale, its proceeds and basis each rounded: a later pass's share of them can be a cent
        // apart) is no loss sale: the row, which the Lots Sold row is, has no loss to disallow.
        // Taken as one, it matched a replacement share and disallowed a cent on a row of gain
        // (generated book g276 of the independent check stopped on it).
        let rowIsGain = quantitySoFar > .zero && !(gainSoFar + sales[index].gain).isNegative
        guard sales[index].isLoss, !rowIsGain else {
            // A later piece of a lot the same trade sold at a loss, itself without one: the
            // lot's row, figured as one sale, put its loss in the earlier piece (a share's cent
            // of basis or proceeds can leave this piece at zero or a cent of gain). The lot's
            // Loss Sale row counts its shares and gain, so that it says what the lot's Lots Sold
            // row does. A piece another trade sells (a later phase's) has a Lots Sold row of its
            // own, without a loss: it is no loss sale, and the row does not count it (counted,
            // generated firm book 42 said "Loss of $6,165.45 on 278.6915 SUH" where Harvest
            // sold 278.6914 at that loss and Rebalance 0.0001 at no gain).
            var counted = false
            if quantitySoFar > .zero, gainSoFar.isNegative,
               let position = runRowsOfLot[account][at: rowPlace].lossSaleRow,
               runLossSaleRows[position].loss > sales[index].gain {
                addPiece(of: sales, at: index, toLossSaleRow: position, matched: .zero, disallowed: .zero, on: date)
                counted = true
            }
            // Counted with the trade's loss piece, if one follows, when not counted now.
            if rowPlace >= 0 {
                runRowsOfLot[account][at: rowPlace].tradeRow.add(
                    quantity: sales[index].quantity, gain: sales[index].gain, uncounted: !counted)
            }
            return .zero
        }
        // The row of the trade's earlier pieces of the lot, copied out only when it has some
        // shares, the one case it is read as a whole (most loss pieces are the first of their
        // lot): copied at each loss piece, it retained and released its list (callgrind).
        let row = quantitySoFar > .zero ? runRowsOfLot[account][at: rowPlace].tradeRow : nil
        var remaining = sales[index].quantity
        var matches: [(index: Int, shares: Quantity)] = []
        // The family is looked up once, for its purchases and for its loss sales (below).
        let saleFamilyNumber = familyNumber(of: sales[index].symbol)
        let purchasesOfFamily = purchaseIndexesByFamily[saleFamilyNumber]
        let start = firstPlace(in: purchasesOfFamily, acquiredOnOrAfter: windowStart(endingOn: date))
        for replacement in replacements(forLoss: sales[index].lotKey, in: purchasesOfFamily, from: start, on: date,
                                        planned: []) {
            guard remaining > .zero else { break }
            let taken = replacement.shares.taking(upTo: remaining)
            purchases[replacement.index].match(taken, inRun: true)
            matches.append((replacement.index, taken))
            remaining -= taken
        }
        let matched = sales[index].quantity - remaining
        let loss = sales[index].gain.magnitude
        var disallowed = loss.scaled(by: matched.micros, over: sales[index].quantity.micros)
        /// This piece's part for each purchase it matched, when the row's whole disallowed loss
        /// was split again over all of the row's purchases (`resplit`).
        var partOfPurchase: [Int: Money]?
        /// Cents moved into earlier records of the row, by record.
        var moved: [(record: Int, amount: Money)] = []
        var rowFigures: (loss: Money, quantity: Quantity)?
        if let row, row.quantity > .zero {
            // A later piece of the trade's row: the row's disallowed loss is its own loss ×
            // matched / shares, as one sale, as the Lots Sold row shows it; this piece takes
            // the difference from what the earlier pieces took (with each piece's own, a
            // two-pass lot's row was a cent off: $672.72 where its $4,942.99 × 23 / 169 is
            // $672.71, generated firm book 35). The row's figure is split over all of the
            // row's replacement purchases again (`resplit`). Where that would reach a restated
            // lot the run has sold from since, the piece keeps to its own replacements: one
            // that matches nothing moves the cent into the row's last Disallowed record whose
            // replacement was not split off as a lot of its own; with none, into the last one
            // whose replacement was, unless the run has sold from that lot too (its basis
            // spent, the row keeps the earlier figure).
            let rowQuantity = row.quantity + sales[index].quantity
            let rowGain = row.gain + sales[index].gain
            let rowLoss = rowGain.magnitude
            let whole = rowLoss.scaled(by: (row.matched + matched).micros, over: rowQuantity.micros)
            let piece = whole - row.disallowed
            if rowGain.isNegative, piece <= loss, !row.allotments.isEmpty || matched > .zero,
               let split = resplit(whole, of: row, adding: matches, rowLoss: rowLoss, rowQuantity: rowQuantity) {
                disallowed = piece
                partOfPurchase = split.parts
                moved = split.moved
                // This piece's records then speak of the row as one sale too: a part can pass
                // the piece's own loss ($365.96 of a 9-share piece's $365.95, its purchase's
                // share of the row's $2,521.00 on 62 shares).
                rowFigures = (rowLoss, rowQuantity)
            } else if piece != disallowed, piece <= loss, rowGain.isNegative {
                if matched > .zero, !piece.isNegative {
                    disallowed = piece
                } else if matched == .zero, row.lastRecord >= 0 {
                    moveDisallowed(piece, intoRecord: row.lastRecord, rowLoss: rowLoss, rowQuantity: rowQuantity)
                    moved = [(row.lastRecord, piece)]
                    disallowed = piece
                } else if matched == .zero, row.lastSplitRecord >= 0,
                          let lot = restatedLotOfRecord[row.lastSplitRecord], !soldRestatedLots.contains(lot) {
                    // Firm book 41: 531 IXRL sold as 452 (forced, matching 431 shares held in
                    // another taxed account, restated) and then 79; the row disallowed
                    // $3,756.44 where $4,628.01 × 431 / 531 is $3,756.45.
                    moveDisallowed(piece, intoRecord: row.lastSplitRecord, rowLoss: rowLoss, rowQuantity: rowQuantity)
                    moved = [(row.lastSplitRecord, piece)]
                    disallowed = piece
                }
            }
            if rowGain.isNegative, whole == row.disallowed + disallowed {
                // The row's earlier Disallowed records speak of it as one sale too, now of this
                // piece's shares and loss as well, where its amounts are the row's as one sale: a
                // record left as its pass wrote it said "$600.00 of the $960.00 loss on 48 AAA"
                // beside the lot's Lots Sold row of 49 shares and $980.00 (explore-AG).
                for allotment in row.allotments where allotment.lastRecord >= 0 {
                    restateFigures(ofRecord: allotment.lastRecord, rowLoss: rowLoss, rowQuantity: rowQuantity)
                }
            }
        }
        // Handed over whole to the list, not copied. (The lot's Loss Sale row below is worded
        // from the sale where it is stored, with no second loss sale made for it.)
        let lossSaleIndex = appendLossSale(
            runLossSale(of: sales[index], on: date, loss: loss, matched: matched), family: saleFamilyNumber)
        let family = families.family(of: sales[index].symbol)
        // A lot sold in several pieces in one run is one Loss Sale row, its figures summed.
        if lotPlace < 0 {
            lotPlace = runRowsOfLot[account].index(of: sales[index].lotID) {
                RunRowsOfLot(tradeRow: TradeRowOfLot(trade: nil))
            }
        }
        let next = runLossSaleRows.count
        let position = runRowsOfLot[account][at: lotPlace].lossSaleRow ?? next
        if position == next { runRowsOfLot[account][at: lotPlace].lossSaleRow = next }
        lossSales[lossSaleIndex].record = position < next ? runLossSaleRows[position].record : records.count
        if position < next {
            // The trade's earlier pieces at no loss join this one on the lot's row, which an
            // earlier trade began (firm book 43: Raise Cash sold 0.0001 GPV of lot L55 at no
            // gain, then 114.6109 at a loss, after Harvest's 287.389).
            addPiece(of: sales, at: index, toLossSaleRow: position, matched: matched, disallowed: disallowed, on: date,
                     before: rowPlace < 0 ? (.zero, .zero)
                        : (runRowsOfLot[account][at: rowPlace].tradeRow.uncountedQuantity,
                           runRowsOfLot[account][at: rowPlace].tradeRow.uncountedGain))
        } else {
            // The trade's earlier pieces of the lot, with no loss of their own, join it.
            let joined = quantitySoFar > .zero && loss > gainSoFar
            let shown = RunLossSaleRow(
                record: records.count, quantity: joined ? sales[index].quantity + quantitySoFar : sales[index].quantity,
                loss: joined ? loss - gainSoFar : loss, matched: matched, disallowed: disallowed)
            runLossSaleRows.append(shown)
            records.append(WashSaleCalendar.runLossSaleRecord(
                of: sales, at: index, quantity: shown.quantity, loss: shown.loss, matched: matched,
                disallowed: disallowed, family: family, household: household, on: date, phrases: runPhrases(on: date)))
        }
        // Allot the disallowed loss to the replacements by shares, rounding the running total.
        var allotted = Money.zero
        var sharesSoFar = Quantity.zero
        // The row's list read from its copy above, where the trade sold the lot before: read
        // from the table, the whole row was copied to take its list, at each loss piece (callgrind).
        var allotments = row?.allotments ?? []
        for (record, amount) in moved {
            if let place = allotments.firstIndex(where: { $0.lastRecord == record }) { allotments[place].disallowed += amount }
        }
        for match in matches {
            sharesSoFar += match.shares
            let upToHere = disallowed.scaled(by: sharesSoFar.micros, over: matched.micros)
            let part = partOfPurchase?[match.index] ?? upToHere - allotted
            allotted = upToHere
            let purchase = purchases[match.index]
            let adjustment = replacementAdjustment(
                of: purchase, shares: match.shares, disallowed: part, soldAcquired: sales[index].acquired,
                saleDate: date, buyerTaxed: isTaxed(purchase.account))
            var splitOff = false
            if purchase.origin == .heldLot, let lotID = purchase.lotID, let from = adjustment.holdingPeriodFrom,
               adjustment.basisAfter != nil {
                splitOff = true
                purchases[match.index].splitsMatched = true
                // The planner splits them off the lot at this basis (`Planning.restate`).
                if let before = adjustment.basisBefore { purchases[match.index].relieve(match.shares, basis: before) }
                pendingRestatements.append(Restatement(
                    lot: TaxLot.Key(account: purchase.account, lotID: lotID), symbol: purchase.symbol,
                    shares: match.shares, addedBasis: part, holdingPeriodFrom: from, soldLot: sales[index].lotKey,
                    soldTerm: sales[index].term, record: records.count))
            }
            if let place = allotments.firstIndex(where: { $0.purchase == match.index }) {
                allotments[place].shares += match.shares
                allotments[place].disallowed += part
                allotments[place].lastRecord = records.count
                allotments[place].splitOff = splitOff
            } else {
                allotments.append(TradeRowOfLot.Allotment(
                    purchase: match.index, shares: match.shares, disallowed: part, lastRecord: records.count,
                    splitOff: splitOff))
            }
            records.append(WashSaleRecord(
                action: .disallowed, account: sales[index].account, household: household,
                symbol: sales[index].symbol, family: family, conflictDate: purchase.date,
                conflictAccount: purchase.account, windowEnds: windowEnd(ofLossSaleOn: date),
                quantity: match.shares, lotID: sales[index].lotID, loss: rowFigures?.loss ?? loss, disallowedLoss: part,
                replacement: adjustment,
                note: forcedDisallowanceNote(
                    sold: rowFigures?.quantity ?? sales[index].quantity, of: sales[index].symbol, lot: sales[index].lotID,
                    loss: rowFigures?.loss ?? loss, adjustment: adjustment)))
        }
        if rowPlace >= 0 {
            // Changed where its table keeps it: bound anew and written back, the row was copied
            // and let go once more at each loss piece (callgrind).
            runRowsOfLot[account][at: rowPlace].tradeRow.addLossPiece(
                quantity: sales[index].quantity, gain: sales[index].gain, matched: matched, disallowed: disallowed,
                allotments: allotments)
        }
        return disallowed
    }

    /// Splits `whole`, a trade's row's disallowed loss as one sale, over every replacement
    /// purchase the row has matched (its earlier pieces' and `matches`, this piece's) by
    /// shares, rounding the running total, as for a single sale: returns this piece's part for
    /// each purchase it matches, having moved into each earlier purchase's latest record the
    /// cent by which its part changed (and into its restated lot's basis, through the
    /// planner). `nil`, with nothing changed, when a part would be negative or a change would
    /// reach a restated lot the run has sold from since. Split pass by pass, each pass over its
    /// own replacements, two records of a row were a cent apart from the row's split (firm
    /// book 42: lot 700078 of AOF, $79.39 and $17.34 + $9.13 where the row's $105.86 over 6
    /// and 2 shares gives $79.40 and $26.46).
    private mutating func resplit(
        _ whole: Money, of row: TradeRowOfLot, adding matches: [(index: Int, shares: Quantity)],
        rowLoss: Money, rowQuantity: Quantity
    ) -> (parts: [Int: Money], moved: [(record: Int, amount: Money)])? {
        var entries = row.allotments
        var newShares = [Quantity](repeating: .zero, count: entries.count)
        for match in matches {
            if let place = entries.firstIndex(where: { $0.purchase == match.index }) {
                newShares[place] += match.shares
            } else {
                entries.append(TradeRowOfLot.Allotment(
                    purchase: match.index, shares: .zero, disallowed: .zero, lastRecord: -1, splitOff: false))
                newShares.append(match.shares)
            }
        }
        let total = entries.indices.reduce(Quantity.zero) { $0 + entries[$1].shares + newShares[$1] }
        guard total > .zero else { return nil }
        var parts: [Int: Money] = [:]
        var moved: [(record: Int, amount: Money)] = []
        var cumulative = Quantity.zero, before = Money.zero
        for place in entries.indices {
            cumulative += entries[place].shares + newShares[place]
            let upToHere = whole.scaled(by: cumulative.micros, over: total.micros)
            let target = upToHere - before
            before = upToHere
            let change = target - entries[place].disallowed
            if newShares[place] > .zero {
                guard !change.isNegative else { return nil }
                parts[entries[place].purchase] = change
            } else if change != .zero {
                let record = entries[place].lastRecord
                guard record >= 0, !(entries[place].disallowed + change).isNegative else { return nil }
                if entries[place].splitOff {
                    guard let lot = restatedLotOfRecord[record], !soldRestatedLots.contains(lot) else { return nil }
                }
                moved.append((record, change))
            }
        }
        for (record, amount) in moved {
            moveDisallowed(amount, intoRecord: record, rowLoss: rowLoss, rowQuantity: rowQuantity)
        }
        return (parts, moved)
    }

    /// Rewords a Disallowed record of a trade's row of a lot for the row as one sale: its
    /// loss, and its note's loss and shares; its amounts stay.
    private mutating func restateFigures(ofRecord index: Int, rowLoss: Money, rowQuantity: Quantity) {
        guard records[index].action == .disallowed, let adjustment = records[index].replacement,
              let lotID = records[index].lotID else { return }
        records[index].loss = rowLoss
        records[index].note = forcedDisallowanceNote(
            sold: rowQuantity, of: records[index].symbol, lot: lotID, loss: rowLoss, adjustment: adjustment)
    }

    /// Moves `amount` (a cent, either way) of a trade's disallowed loss into the `Disallowed`
    /// record at `index`, which then speaks of the trade's row of the lot as one sale: its
    /// loss, on its shares; for the planner to add to the lot its shares were restated as,
    /// if any (`takeBasisAmendments`: callers move a cent there only while the run has sold
    /// none of that lot).
    private mutating func moveDisallowed(_ amount: Money, intoRecord index: Int, rowLoss: Money, rowQuantity: Quantity) {
        guard var adjustment = records[index].replacement, records[index].lotID != nil else { return }
        adjustment.disallowedLoss += amount
        adjustment.basisAfter = adjustment.basisAfter.map { $0 + amount }
        records[index] = records[index].replacing(adjustment, disallowedLoss: adjustment.disallowedLoss)
        restateFigures(ofRecord: index, rowLoss: rowLoss, rowQuantity: rowQuantity)
        // Shares the planner split off as a lot of their own take the cent into its basis.
        if let lot = restatedLotOfRecord[index] {
            pendingAmendments.append(BasisAmendment(
                lot: lot, symbol: adjustment.symbol, amount: amount, addedBasis: adjustment.disallowedLoss))
        }
    }

    /// Adds a later piece of a lot's sale (`sales[index]`) to the lot's Loss Sale row at
    /// `position`: its shares, its gain (taken off the row's loss), the replacement shares it
    /// matched and the loss they disallowed.
    /// `before`: the trade's earlier pieces of the lot at no loss, not yet on the row, which
    /// join it with this one.
    private mutating func addPiece(
        of sales: [LotSale], at index: Int, toLossSaleRow position: Int, matched: Quantity, disallowed: Money,
        on date: CivilDate, before: (quantity: Quantity, gain: Money) = (.zero, .zero)
    ) {
        let row = RunLossSaleRow(
            record: runLossSaleRows[position].record,
            quantity: runLossSaleRows[position].quantity + before.quantity + sales[index].quantity,
            loss: runLossSaleRows[position].loss - before.gain - sales[index].gain,
            matched: runLossSaleRows[position].matched + matched,
            disallowed: runLossSaleRows[position].disallowed + disallowed)
        runLossSaleRows[position] = row
        records[row.record] = WashSaleCalendar.runLossSaleRecord(
            of: sales, at: index, quantity: row.quantity, loss: row.loss, matched: row.matched,
            disallowed: row.disallowed, family: families.family(of: sales[index].symbol), household: household,
            on: date, phrases: runPhrases(on: date))
        if let later = laterBuysOfRecord[row.record] { records[row.record].note += later.sentence }
    }

    /// Says on a listed loss sale's row that a manual buy of the run, made after it was
    /// listed, replaced `shares` of it in `buyer` and disallowed `disallowed` (nil: cannot be
    /// computed). The row's figures stay those of its listing, as its Lots Sold row's do:
    /// "no buy of AAA in the household" and a Disallowed Loss of 0 read as the whole loss
    /// allowed, beside a `Disallowed` row taking $250.00 of it.
    mutating func noteLaterBuy(ofRecord record: Int, buyer: String, shares: Quantity, disallowed: Money?) {
        var later = laterBuysOfRecord[record] ?? LaterBuys()
        if !later.sentence.isEmpty, records[record].note.hasSuffix(later.sentence) {
            records[record].note.removeLast(later.sentence.count)
        }
        if !later.buyers.contains(buyer) { later.buyers.append(buyer) }
        later.shares += shares
        later.buys += 1
        if let disallowed { later.disallowed += disallowed } else { later.unknown = true }
        var sentence = Sentence(capacity: 160)
        sentence.append(later.buys == 1 ? " Later in this run, a manual buy in " : " Later in this run, manual buys in ")
        sentence.append(later.buyers.joined(separator: " and "))
        sentence.append(later.buys == 1 ? " replaces " : " replace ")
        sentence.append(later.shares)
        sentence.append(" of its shares: ")
        if later.unknown {
            sentence.append("the loss they disallow cannot be computed")
        } else {
            sentence.append(dollars: later.disallowed)
            sentence.append(" of the loss is disallowed")
        }
        sentence.append(later.buys == 1 ? " (see the Disallowed row)." : " (see the Disallowed rows).")
        later.sentence = sentence.text
        records[record].note += later.sentence
        laterBuysOfRecord[record] = later
    }

    /// The loss sale of this run that the piece `sale` is, at its `loss`, `matched` of its
    /// shares matched to replacement shares.
    @inline(__always)
    private func runLossSale(of sale: LotSale, on date: CivilDate, loss: Money, matched: Quantity) -> LossSale {
        LossSale(
            isFromTransactions: false, account: sale.account, symbol: sale.symbol, date: date, quantity: sale.quantity,
            loss: loss, term: sale.term, acquired: sale.acquired, lotID: sale.lotID, matched: matched)
    }

    /// Where a disallowed loss goes: into the replacement shares' basis and holding period
    /// (26 USC 1091(d), 1223(3)), or nowhere when they sit in an untaxed account (Rev. Rul. 2008-5).
    ///
    /// The holding period runs from the sold shares' acquisition plus any days between the
    /// sale and a later replacement purchase; overlapping days are not counted twice, and
    /// it never starts after the replacement's own purchase (a replacement bought before
    /// the sold shares keeps its own, longer, holding period).
    func replacementAdjustment(
        of purchase: Purchase, shares: Quantity, disallowed: Money, soldAcquired: CivilDate?,
        saleDate: CivilDate, buyerTaxed: Bool
    ) -> ReplacementAdjustment {
        let before = purchase.cost(of: shares)
        let gap = max(0, purchase.date.days(since: saleDate))
        return ReplacementAdjustment(
            account: purchase.account, symbol: purchase.symbol, acquired: purchase.date,
            shares: shares, disallowedLoss: disallowed, isLost: !buyerTaxed,
            basisBefore: before, basisAfter: buyerTaxed ? before.map { $0 + disallowed } : nil,
            holdingPeriodFrom: buyerTaxed ? soldAcquired.map { min($0.adding(days: gap), purchase.date) } : nil)
    }
}

extension WashSaleCalendar.TradeRowOfLot {
    /// Adds a piece of the trade's sale of the lot with a loss sale of its own: its shares and
    /// gain, its matched shares and disallowed loss, with the row's replacement purchases as
    /// they now stand; the earlier pieces it brings onto the lot's Loss Sale row are counted.
    mutating func addLossPiece(
        quantity: Quantity, gain: Money, matched: Quantity, disallowed: Money, allotments: [Allotment]
    ) {
        self.quantity += quantity
        self.gain += gain
        uncountedQuantity = .zero
        uncountedGain = .zero
        self.matched += matched
        self.disallowed += disallowed
        self.allotments = allotments
    }

    /// Adds a piece of the trade's sale of the lot with no loss sale of its own, `uncounted`
    /// when no Loss Sale row counts it yet: its shares and gain, read where the sale is stored
    /// (handed over whole, the sale was copied), in one change of the row where its table
    /// keeps it.
    mutating func add(quantity: Quantity, gain: Money, uncounted: Bool) {
        self.quantity += quantity
        self.gain += gain
        if uncounted {
            uncountedQuantity += quantity
            uncountedGain += gain
        }
    }
}
