extension Planning {
    /// The plan's rows from the state the phases left: reasons, tax, cash, drift, wash sales.
    /// The trades get their Reasons and Est Tax in the list the plan keeps (finished one by
    /// one as copies, each trade was copied three times).
    ///
    /// The rows are moved into the plan, not copied: a copy retains each row's texts, and the
    /// planning's release of them later is one more atomic step for each (callgrind). The
    /// planning is left without its rows (`RowOrder` counts them before).
    mutating func finish(before: [[(entry: Int, value: Money)]], initialValues: [Money], prices: [ResolvedPrice]) -> Plan {
        wordManualBudgetPasses()
        var plan = Plan(settings: settings, accounts: books.map(\.account))
        var bookIndex = NameTable<Int>(minimumCapacity: books.count)
        for (index, book) in books.enumerated() { bookIndex.set(index, for: book.id) }
        // What a Reason says of a price, by symbol: only a stale or overridden one is named.
        // Each price's fields are read where it is stored: `for price in`, or a computed
        // property of `prices[index]`, copied the whole price, its texts retained and
        // released, in every shard (about 120,000 instructions a shard; callgrind).
        // Sized for the prices it keeps, counted first: sized for every price, each shard's
        // empty table was a few kilobytes of index set to zero (callgrind).
        var noted = 0
        for index in prices.indices where prices[index].origin.isStale || prices[index].origin == .override { noted += 1 }
        var priceNotes = NameTable<PriceNote>(minimumCapacity: noted)
        for index in prices.indices {
            let origin = prices[index].origin
            guard origin.isStale || origin == .override else { continue }
            _ = priceNotes.index(of: prices[index].symbol) { PriceNote(isStale: origin.isStale, asOf: prices[index].asOf) }
        }
        // Each trade's book, an account looked up once per run of its rows (a trade is read
        // where it is stored: `enumerated()` copied each).
        var bookOfAccount = RunLookup<Int>()
        let bookOfTrade = trades.indices.map { bookOfAccount.value(for: trades[$0].account) { bookIndex[$0] }! }
        let taxes = replayedTaxes(bookOfTrade: bookOfTrade)
        var finished: [Trade] = []
        swap(&finished, &trades)
        setReasons(of: &finished, taxes: taxes.estimates, impactsAfter: taxes.impactsAfter, bookOfTrade: bookOfTrade,
                   priceNotes: priceNotes)
        /// The rows of a list the planning keeps, handed to the plan and emptied here, so that
        /// the plan holds them once and a later change to them copies none.
        func taken<Row>(_ rows: inout [Row]) -> RowList<Row> {
            var held: [Row] = []
            swap(&held, &rows)
            return RowList(held)
        }
        plan.trades = RowList(finished)
        plan.lotsSold = taken(&lotsSold)
        plan.taxImpact = RowList(books.indices.map { index in
            var row = taxImpactRow(books[index])
            row.taxFromOtherAccounts = taxes.fromOthers[index]
            return row
        })
        plan.cash = RowList(books.map(cashRow))
        // Each account's lines written into the plan's one list: lists by account, joined,
        // copied every line once more. Room for the most lines there can be (a line per
        // slot, per legacy holding before or after the run, per sector and per group): grown
        // by doubling, the list was copied again at each step, and its new pages touched (perf).
        let linesPerBook = universe.sortedSectors.count + universe.sortedGroups.count
        var drift: [DriftRow] = []
        drift.reserveCapacity(books.indices.reduce(0) { lines, index in
            lines + linesPerBook + books[index].slots.count + before[index].count + books[index].heldSymbols.count
        })
        for index in books.indices {
            appendDriftRows(index, before: before[index], initialValue: initialValues[index], to: &drift)
        }
        plan.drift = RowList(drift)
        plan.prices = prices
        // Each household's rows moved, one after another. The first household's list is taken
        // whole and grown for the rest: moved row by row, every row of a one-household shard
        // was copied four times (callgrind: 0.2% of planning).
        let washSaleCount = calendars.reduce(0) { $0 + $1.records.count }
        var washSales: [WashSaleRecord] = []
        for household in calendars.indices {
            if washSales.isEmpty {
                washSales = calendars[household].takeRecords()
                washSales.reserveCapacity(washSaleCount)
                continue
            }
            var rows = RowQueue(calendars[household].takeRecords())
            while rows.count > 0 { washSales.append(rows.take()) }
        }
        plan.washSales = RowList(washSales)
        plan.auditLog = taken(&auditLog)
        plan.exceptions = RowList(exceptions)
        plan.phaseChanges = taken(&phaseChanges)
        return plan
    }

    /// Each trade's Est Tax worked out again in the order the Trades sheet lists them: per
    /// account, its trades' lots (and the losses its buys add back) recorded one trade after
    /// another on the account's ledger before the run, so each is its increment in that order
    /// and they add up to the impact. Losses added back by another account's buys count where
    /// that account's Manual Trades fall in Account order. The impact after each trade is
    /// worked out only where its Reason reads it, in a taxed account with a limited budget
    /// (zero elsewhere; callgrind: 0.2% of planning).
    func replayedTaxes(bookOfTrade: [Int]) -> (estimates: [Money], fromOthers: [Money], impactsAfter: [Money]) {
        var estimates = trades.map { _ in Money.zero }
        var impactsAfter = estimates
        var fromOthers = books.map { _ in Money.zero }
        // Each book's list made with room for its rows: grown row by row, most were moved
        // several times (callgrind).
        var rowsOfBook = [Int](repeating: 0, count: books.count)
        for book in bookOfTrade { rowsOfBook[book] += 1 }
        var rowsByBook = rowsOfBook.map { [Int](reservingCapacity: $0) }
        for (row, book) in bookOfTrade.enumerated() { rowsByBook[book].append(row) }
        // The add-backs by selling book and by trade row, each list in the order they were
        // made: a trade's are found without a pass over all of them.
        var addBacksOfSeller = [[Int]](repeating: [], count: books.count)
        var addBacksOfRow: [Int: [Int]] = [:]
        for (number, addBack) in addBacks.enumerated() {
            addBacksOfSeller[addBack.seller].append(number)
            addBacksOfRow[addBack.tradeRow, default: []].append(number)
        }
        for (index, book) in books.enumerated() {
            var ledger = TaxLedger(before: book.account)
            var limited = false
            if case .limit = book.account.taxBudget { limited = book.account.type.isTaxed }
            let foreign = addBacksOfSeller[index].filter { addBacks[$0].buyer != index }
            var later = foreign.filter { addBacks[$0].buyer > index }
            for number in foreign where addBacks[number].buyer < index {
                fromOthers[index] += ledger.addBack(disallowedLoss: addBacks[number].amount, term: addBacks[number].term)
            }
            for row in rowsByBook[index] {
                if trades[row].phase != .manual, !later.isEmpty {
                    for number in later {
                        fromOthers[index] += ledger.addBack(disallowedLoss: addBacks[number].amount, term: addBacks[number].term)
                    }
                    later = []
                }
                var tax = Money.zero
                // The trade's rows read along their chain here: `lotRows(of:)` copied the chain
                // at every trade (callgrind).
                var lotRow = tradeNotes[row].firstLotRow
                while lotRow >= 0 {
                    tax += ledger.record(gain: lotsSold[lotRow].gain, term: lotsSold[lotRow].term,
                                         disallowedLoss: lotsSold[lotRow].disallowedLoss)
                    lotRow = nextLotRow[lotRow]
                }
                // Asked only of a table that has some (most have none): asked at every trade, it
                // hashed the row and let go of an empty list (callgrind).
                if !addBacksOfRow.isEmpty, let numbers = addBacksOfRow[row] {
                    for number in numbers where addBacks[number].seller == index {
                        tax += ledger.addBack(disallowedLoss: addBacks[number].amount, term: addBacks[number].term)
                    }
                }
                estimates[row] = tax
                if limited { impactsAfter[row] = ledger.impact }
            }
            for number in later {
                fromOthers[index] += ledger.addBack(disallowedLoss: addBacks[number].amount, term: addBacks[number].term)
            }
        }
        return (estimates, fromOthers, impactsAfter)
    }

    /// What a Reason says of a stale or overridden price (a run has few: they are kept
    /// apart, not read from each trade's whole resolved price).
    struct PriceNote {
        /// Stale (as of `asOf`); otherwise overridden.
        let isStale: Bool
        let asOf: CivilDate
    }

    /// Sets each of `finished` (the planning's trades, in order) its Est Tax and its Reason.
    /// The Reasons are worded from the trades and notes where they are stored (passed to
    /// `reason` as values, each trade and note was copied and released; callgrind), each set
    /// in its trade as it is worded (kept in a list of their own first, each was retained
    /// again as it was set and released with the list; callgrind). One buffer words them all,
    /// emptied between trades: a buffer of each Reason's own was allocated and freed at every
    /// trade (callgrind). Not mutating: `reason` called from the mutating `finish` was handed
    /// a copy of the whole planning at every trade (callgrind: 2.7% of planning).
    func setReasons(
        of finished: inout [Trade], taxes: [Money], impactsAfter: [Money], bookOfTrade: [Int],
        priceNotes: NameTable<PriceNote>
    ) {
        var wording = Sentence(capacity: 256)
        let reasonBooks = books.map(ReasonBook.init)
        for row in finished.indices {
            let text = reason(
                ofTrade: row, among: finished, estimatedTax: taxes[row], impactAfter: impactsAfter[row],
                book: reasonBooks[bookOfTrade[row]],
                price: priceNotes.isEmpty ? nil : priceNotes[finished[row].symbol], in: &wording)
            finished[row].estimatedTax = taxes[row]
            finished[row].reason = text
        }
    }

    /// The most clauses a Reason says after its first, the last of them a count of the rest.
    static let reasonClauses = 8

    /// What a Reason reads of a trade's account, read once per account: read from the book at
    /// every trade, the book was retained and released, and the ledger's impact worked out
    /// again (callgrind).
    struct ReasonBook {
        let type: AccountType
        let budget: TaxBudget
        /// The account's tax impact once the run's last trade is made.
        let impact: Money

        init(_ book: AccountBook) {
            type = book.account.type
            budget = book.account.taxBudget
            impact = book.ledger.impact
        }
    }

    /// The Reason of the trade at row `row` of `trades` (with its Est Tax): what, why, which
    /// lots, what tax, and a stale or overridden price; worded in `reason` (emptied first, its
    /// room kept). The trade is read where it is stored: passed as a value, it was copied.
    func reason(ofTrade row: Int, among trades: [Trade], estimatedTax: Money, impactAfter: Money, book: ReasonBook,
                price: PriceNote? = nil, in reason: inout Sentence) -> String {
        let side = trades[row].side
        reason.removeAll()
        // A choice of words is written as one literal of each choice, the space after the side
        // and the words around a lot's term in it: each literal is written in place where its
        // length is known, where a literal chosen at run time or written in parts was a call
        // for each part (callgrind).
        if side == .sell { reason.append("Sell " as StaticString) } else { reason.append("Buy " as StaticString) }
        reason.append(trades[row].quantity)
        reason.append(" " as StaticString)
        reason.append(trades[row].symbol)
        reason.append(": " as StaticString)
        reason.append(tradeNotes[row].why)
        // A trade of many passes (a harvest of a position's thousands of loss lots, each its
        // own words) says the first few: the Lots Sold rows and the Audit Log name every lot.
        // The later clauses are read only where there are some (most trades have none).
        let whys = tradeNotes[row].moreWhyCount
        let shown = whys > Planning.reasonClauses ? Planning.reasonClauses - 1 : whys
        if shown > 0 {
            let moreWhys = tradeNotes[row].moreWhys
            for more in 0..<shown {
                reason.append("; " as StaticString)
                reason.append(moreWhys[more])
            }
        }
        if shown < whys {
            reason.append("; and " as StaticString)
            reason.append(whys - shown)
            reason.append(" more of the same kind (see the Audit Log)" as StaticString)
        }
        // The trade's Lots Sold rows are read along their chain here: `lotRows(of:)` copied
        // the chain at each question (callgrind).
        let firstLotRow = tradeNotes[row].firstLotRow
        // A harvest's clauses name each lot with its loss and term ("harvests a $22,600.00 loss on
        // lot TR-0006 (LT)"): its lots are listed again only where one has a loss disallowed,
        // which the clauses do not say (each lot was said twice; explore-EJ).
        var lotsSaid = false
        if trades[row].phase == .harvest {
            lotsSaid = true
            var lotRow = firstLotRow
            while lotRow >= 0, lotsSaid {
                if lotsSold[lotRow].disallowedLoss > .zero { lotsSaid = false }
                lotRow = nextLotRow[lotRow]
            }
        }
        if side == .sell, !lotsSaid {
            let lotCount = tradeNotes[row].lotCount
            if lotCount == 1 { reason.append("; lot " as StaticString) } else { reason.append("; lots " as StaticString) }
            // Each row's fields are read where it is stored: a copy of the row retains its names.
            var lotRow = firstLotRow, position = 0
            while lotRow >= 0, position < 4 {
                if position > 0 { reason.append(" then " as StaticString) }
                reason.append(lotsSold[lotRow].lotID)
                switch lotsSold[lotRow].term {
                case .shortTerm: reason.append(" (ST, " as StaticString)
                case .longTerm: reason.append(" (LT, " as StaticString)
                }
                reason.append(dollars: lotsSold[lotRow].gain, signed: true)
                if lotsSold[lotRow].disallowedLoss > .zero {
                    reason.append(", " as StaticString)
                    reason.append(dollars: lotsSold[lotRow].disallowedLoss)
                    reason.append(" disallowed" as StaticString)
                }
                reason.append(")" as StaticString)
                lotRow = nextLotRow[lotRow]
                position += 1
            }
            if lotCount > 4 {
                reason.append(" and " as StaticString)
                reason.append(lotCount - 4)
                reason.append(" more" as StaticString)
            }
        }
        if !book.type.isTaxed {
            if side == .sell {
                reason.append("; no tax (" as StaticString)
                reason.append(book.type.rawValue)
                reason.append(" account)" as StaticString)
            }
        } else if side == .sell || estimatedTax != .zero {
            reason.append("; est. tax " as StaticString)
            reason.append(dollars: estimatedTax)
            switch book.budget {
            case .unlimited:
                // "(no tax budget)" read as a budget of $0.00, the contract's "no net new tax".
                reason.append(" (unlimited budget)" as StaticString)
            case .limit(let limit):
                // A trade's own tax past the budget, where earlier trades' losses keep the
                // account within it, says so: "$428.40 of the $400.00 budget" read as a breach.
                if impactAfter > limit, book.impact <= limit {
                    // Past the budget with the trades before it, within it once a later row's
                    // loss counts (a row of two passes, a loss sold between them): said so, where
                    // "$1,477.55 of the $0.00 budget" read as a breach no exception explained.
                    reason.append(", the account's " as StaticString)
                    reason.append(dollars: impactAfter)
                    reason.append(" with the trades before it, back within the " as StaticString)
                    reason.append(dollars: limit)
                    reason.append(" budget at " as StaticString)
                    reason.append(dollars: book.impact)
                    reason.append(" with those after it" as StaticString)
                } else if estimatedTax.isNegative {
                    // A saving takes nothing from the budget: "-$2,856.00 of the $20,000.00
                    // budget" read as spending it.
                    reason.append(" (a saving; the budget is " as StaticString)
                    reason.append(dollars: limit)
                    reason.append(")" as StaticString)
                } else {
                    if estimatedTax > limit, impactAfter <= limit {
                        reason.append(", the account's " as StaticString)
                        reason.append(dollars: impactAfter)
                        reason.append(" in all with the trades before it," as StaticString)
                    }
                    reason.append(" of the " as StaticString)
                    reason.append(dollars: limit)
                    reason.append(" budget" as StaticString)
                }
            }
        }
        if let price, price.isStale {
            reason.append("; price stale (as of " as StaticString)
            reason.append(price.asOf)
            reason.append(")" as StaticString)
        } else if price != nil {
            reason.append("; price overridden" as StaticString)
        }
        return reason.text
    }

    func taxImpactRow(_ book: AccountBook) -> TaxImpactRow {
        let ledger = book.ledger
        return TaxImpactRow(
            account: book.id, realizedShortTermYTD: ledger.realizedShortTermYTD,
            realizedLongTermYTD: ledger.realizedLongTermYTD,
            shortTermCarryforward: ledger.shortTermCarryforward, longTermCarryforward: ledger.longTermCarryforward,
            shortTermGains: ledger.shortTermGains, shortTermLosses: ledger.shortTermLosses,
            longTermGains: ledger.longTermGains, longTermLosses: ledger.longTermLosses,
            netShortTerm: ledger.netShortTerm, netLongTerm: ledger.netLongTerm,
            taxBefore: ledger.taxBefore, taxAfter: ledger.taxAfter, taxImpact: ledger.impact,
            taxBudget: book.account.taxBudget, budgetLeft: book.account.taxBudget.left(after: ledger.impact),
            disallowedLoss: ledger.disallowedLoss, shortTermAddedBack: ledger.shortTermAddedBack,
            longTermAddedBack: ledger.longTermAddedBack, taxFromOtherAccounts: book.taxFromOtherAccounts)
    }

    func cashRow(_ book: AccountBook) -> CashRow {
        let value = book.investableValue
        return CashRow(
            account: book.id, cashBefore: book.account.cash, sellProceeds: book.sellProceeds,
            buyCost: book.buyCost, withdrawal: book.account.withdrawal, withdrawalPaid: book.withdrawalPaid,
            cashAfter: book.cash, cashTarget: book.account.cashTarget,
            cashWeightAfter: value > .zero ? Planning.weight(book.cash, of: value) : nil)
    }

    // MARK: - Drift

    /// Security (slot and legacy), sector and group lines of one account, before and after,
    /// with a Status for everything left outside its band, added to `rows`.
    func appendDriftRows(
        _ index: Int, before: [(entry: Int, value: Money)], initialValue: Money, to rows: inout [DriftRow]
    ) {
        let book = books[index]
        let valueAfter = book.investableValue
        // The "before" values by line, in one pass over the positions before the run.
        var slotBefore = Array(repeating: Money.zero, count: book.slots.count)
        var groupBefore = [Money](repeating: .zero, count: universe.sortedGroups.count)
        var sectorBefore = [Money](repeating: .zero, count: universe.sortedSectors.count)
        // Legacy positions (counted, in no slot) by their entry in the book: a table of them
        // by symbol, its names then sorted, was 0.7% of planning (callgrind).
        var legacyBefore = [Money?](repeating: nil, count: book.positions.names.count)
        // Each place read by the position's entry in the book, not looked up by name.
        for (entry, value) in before {
            let place = book.place(ofEntry: entry)
            guard place.counted else { continue }
            if let slot = place.slot { slotBefore[slot] += value } else { legacyBefore[entry] = value }
            if let group = place.groupNumber { groupBefore[group] += value }
            if let sector = place.bandedSector { sectorBefore[sector] += value }
        }
        let tolerance = Planning.bandTolerance(investable: valueAfter)
        /// One line. Its key, and a security's trading step, are made only for a line outside
        /// its band: made for every line, each retained the line's name, and its slot, once more
        /// (callgrind).
        func add(_ level: DriftLevel, _ name: String, target: Double?, low: Double?, high: Double?, before: Money,
                 after: Money, implicit: DriftStatus?) {
            let weightBefore = Planning.weight(before, of: initialValue)
            let weightAfter = Planning.weight(after, of: valueAfter)
            let inside = (low.map { weightAfter >= $0 - tolerance } ?? true) && (high.map { weightAfter <= $0 + tolerance } ?? true)
            var status = DriftStatus.inBand
            if !inside {
                let key = DriftKey(level: level, name: name)
                status = book.firstStop(of: key, or: implicit) ?? unexplained(
                    key, after: after, low: low, high: high, value: valueAfter,
                    step: level == .security ? universe.value(of: universe.step, name) : .zero)
            }
            rows.append(DriftRow(
                account: book.id, level: level, name: name, target: target, low: low, high: high,
                weightBefore: weightBefore, weightAfter: weightAfter, status: status))
        }
        for position in book.slots.indices {
            let slot = book.slots[position]
            add(.security, slot.symbol, target: slot.target, low: slot.low, high: slot.high,
                before: slotBefore[position], after: book.slotValues[position], implicit: nil)
        }
        // A legacy line for each legacy position before the run or after it, zero where not held,
        // in symbol order (`inNameOrder`, the order of the symbols' names).
        for entry in book.heldEntries where book.place(ofEntry: entry).isLegacy && legacyBefore[entry] == nil {
            legacyBefore[entry] = .zero
        }
        // Listed with room for every entry: filtered into a list grown from empty, each book's
        // was moved to a larger one several times (callgrind).
        var legacyEntries: [Int] = []
        legacyEntries.reserveCapacity(legacyBefore.count)
        for entry in legacyBefore.indices where legacyBefore[entry] != nil { legacyEntries.append(entry) }
        for entry in book.inNameOrder(legacyEntries) {
            let symbol = book.positions.names[entry]
            add(.security, symbol, target: 0, low: 0, high: 0, before: legacyBefore[entry] ?? .zero,
                after: book.positions[at: entry]?.value ?? .zero, implicit: nil)
        }
        for (number, sector) in universe.sortedSectors.enumerated() {
            let target = book.sectorTargets[number]
            let before = sectorBefore[number], after = book.sectorValues[number]
            guard target > 0 || before > .zero || after > .zero else { continue }
            // A sector every member of which the Securities sheet keeps from the trade it needs
            // (No Buy below its low edge, No Sell above its high edge) is held back by
            // restrictions, which come first in the contract's order: `Sector Band` named the
            // line's own limit (Bonds 6 points under its edge, both members No Buy).
            let weight = Planning.weight(after, of: valueAfter)
            let edges = sectorEdges(number, in: book)
            let low = max(0, edges.low), high = min(1, edges.high)
            var restricted = false
            if weight < low || weight > high {
                let members = book.slots.filter { $0.bandedSector == number }.map(\.symbol)
                restricted = !members.isEmpty && (weight < low ? members.allSatisfy { !universe.mayBuy($0) }
                                                  : members.allSatisfy { !universe.maySell($0) })
            }
            add(.sector, sector, target: target, low: low, high: high,
                before: before, after: after, implicit: restricted ? .restricted : .sectorBand)
        }
        var groupHasTarget = [Bool](repeating: false, count: universe.sortedGroups.count)
        for slot in book.slots { if let group = slot.cappedGroup { groupHasTarget[group] = true } }
        for (number, group) in universe.sortedGroups.enumerated() {
            let before = groupBefore[number], after = book.groupValues[number]
            guard groupHasTarget[number] || before > .zero || after > .zero else { continue }
            add(.group, group, target: nil, low: nil, high: universe.capsByNumber[number].doubleValue,
                before: before, after: after, implicit: .groupCap)
        }
    }

    /// How far past a band edge a weight may sit and still be in band: the few cents by
    /// which rounding each position's value can move it, and never more than 0.001%.
    static func bandTolerance(investable: Money) -> Double {
        guard investable.cents > 0 else { return 1e-9 }
        return min(1e-5, max(1e-9, 5 / Double(investable.cents)))
    }

    /// A line outside its band that no rule claims: within a trading step of its edge it is
    /// `Rounding`; otherwise the engine failed to say why, which the checks report.
    func unexplained(_ key: DriftKey, after: Money, low: Double?, high: Double?, value: Money, step: Money) -> DriftStatus {
        // An account worth nothing to invest (a withdrawal took it all) buys nothing for want
        // of cash; no share was rounded.
        guard value > .zero else { return .cash }
        let lowValue = low.map { Planning.part($0, of: value) } ?? after
        let highValue = high.map { Planning.part($0, of: value) } ?? after
        let distance = after < lowValue ? lowValue - after : after - highValue
        return distance <= step ? .rounding : .inBand
    }
}
