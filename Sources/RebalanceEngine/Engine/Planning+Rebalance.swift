extension Planning {
    /// Phase 5: sell overweights outside their band and groups and sectors above their
    /// caps, buy underweights outside their band, then spend cash still above the cash
    /// target on the largest remaining shortfalls.
    mutating func rebalance(_ index: Int) throws(PlanningError) {
        let value = books[index].investableValue
        guard value > .zero else {
            raise(.warning, books[index].id, "The investable value is zero: Rebalance is skipped for this account.")
            audit(.rebalance, books[index].id, nil, rule: "Investable Value", decision: "Skipped",
                  "Nothing to rebalance: cash plus positions less the withdrawal is zero.")
            return
        }
        // The groups' and sectors' values before the phase's sales (copied: the book is a
        // class): a cap's sale quotes its line's weight from these, as a band's sale does its own.
        let groupsBefore = books[index].groupValues, sectorsBefore = books[index].sectorValues
        let cut = try sellOverweights(index)
        try sellAboveCaps(index, level: .group, before: groupsBefore)
        try sellAboveCaps(index, level: .sector, before: sectorsBefore)
        if !cut.isEmpty { try sellBudgetCutAgain(cut, in: index) }
        let free = try buyUnderweights(index)
        try spendExcessCash(index, free: free)
        warnOfIdleCash(index)
        noteShortCash(index)
    }

    /// Cash Raise Cash left below the cash target that Rebalance's sales did not make up: an
    /// exception naming what stopped it (it was in the Audit Log alone, where cash above the
    /// target was a Warning). A Warning when cash ends more than the Default Band below the
    /// target, Info otherwise; none when the withdrawal was paid short, whose own exception
    /// says the account could raise no more.
    private mutating func noteShortCash(_ index: Int) {
        let book = books[index]
        guard let stopped = book.cashTargetShortCause, book.withdrawalPaid >= book.account.withdrawal else { return }
        let value = book.investableValue
        let goal = value.multiplied(by: book.account.cashTarget)
        guard value > .zero, book.cash < goal else { return }
        let weight = Planning.weight(book.cash, of: value)
        let target = book.account.cashTarget.doubleValue
        let severity: PlanException.Severity = weight < target - settings.defaultBand.doubleValue ? .warning : .info
        raise(severity, book.id, "Cash ends at \(Planning.percent(weight)) of the account, \((goal - book.cash).formatted) "
            + "below its \(Planning.percent(target)) cash target: \(stopped).")
    }

    /// Cash left well above the cash target (by more than the Default Band) because buys
    /// were stopped: a Warning naming the lines still short and what stopped each.
    private mutating func warnOfIdleCash(_ index: Int) {
        let book = books[index]
        let value = book.investableValue
        guard value > .zero else { return }
        let weight = Planning.weight(book.cash, of: value)
        let target = book.account.cashTarget.doubleValue
        guard weight > target + settings.defaultBand.doubleValue else { return }
        // Under its band as the Drift sheet judges it: a line at its low edge to the cent is
        // in band there, and not named here (explore-BQ).
        let tolerance = Planning.bandTolerance(investable: value)
        /// The lines under `edge` (their low edge, or their target), each with what stopped it.
        func lines(under edge: (Slot) -> Double) -> [String] {
            book.slots.indices.compactMap { position in
                let slot = book.slots[position]
                guard Planning.weight(slotValue(position, in: book), of: value) < edge(slot) - tolerance else { return nil }
                return "\(slot.symbol) (\(book.firstStop(of: .security(slot.symbol))?.rawValue ?? "no buy allowed"))"
            }
        }
        let short = lines { $0.low }
        // Every line inside its band, the cash was for those under their targets: what stopped
        // each is said too, where the warning had said nothing more (explore-EJ).
        let named = short.isEmpty
            ? Planning.listed(lines { $0.target }, as: ": every line is inside its band; under their targets are ")
            : Planning.listed(short, as: ": still under their bands are ")
        raise(.warning, book.id, "Cash ends at \(Planning.percent(weight)) of the account against its "
            + "\(Planning.percent(target)) cash target\(named).")
    }

    /// `lines` after `lead`, six at most and the rest counted; nothing when there are none.
    private static func listed(_ lines: [String], as lead: String) -> String {
        lines.isEmpty ? "" : lead + lines.prefix(6).joined(separator: ", ") + (lines.count > 6 ? " and \(lines.count - 6) more" : "")
    }

    // MARK: - Sales

    /// Sells the lines above their bands, largest dollar excess first. Returns the lines whose
    /// sale the tax budget cut, to be taken up again once the phase's other sales are made.
    private mutating func sellOverweights(_ index: Int) throws(PlanningError) -> [(slot: Int, room: [Int64])] {
        let book = books[index]
        let value = book.investableValue
        var overweights: [(slot: Int, excess: Money)] = []
        overweights.reserveCapacity(book.slots.count)
        for (position, slot) in books[index].slots.enumerated() {
            let current = slotValue(position, in: book)
            guard Planning.weight(current, of: value) > slot.high else { continue }
            let goal = books[index].settings.rebalanceTo == .bandEdge ? slot.high : slot.target
            overweights.append((position, current - Planning.part(goal, of: value)))
        }
        overweights.sort {
            $0.excess != $1.excess ? $0.excess > $1.excess : books[index].slots[$0.slot].symbol < books[index].slots[$1.slot].symbol
        }
        var cut: [(slot: Int, room: [Int64])] = []
        for (position, _) in overweights where try sellOverweight(position, in: index, again: false) {
            cut.append((position, gainRooms(in: index)))
        }
        return cut
    }

    /// The further short- and long-term gains the tax budget leaves room for, in cents (−1
    /// for none): a loss realized after a cut widens one or both, though the impact, never
    /// below what the year's own figures give, may not fall.
    private func gainRooms(in index: Int) -> [Int64] {
        let book = books[index]
        return [Term.shortTerm, .longTerm].map { term in
            switch book.ledger.roomForGain(term: term, within: book.account.taxBudget) {
            case .unlimited: return .max
            case .upTo(let room): return room.cents
            case .none: return -1
            }
        }
    }

    /// Sells more of the lines the tax budget cut, still above their bands, where the phase's
    /// later sales realized losses that widened the budget (the contract: budget cuts use the
    /// true netted estimate). Sold in the first order alone, a $0-budget account left its
    /// largest line at 48% against 35% ±3% with $1,685.64 of room that a later loss sale
    /// made (explore-CA: about one book in twenty).
    private mutating func sellBudgetCutAgain(_ cut: [(slot: Int, room: [Int64])], in index: Int) throws(PlanningError) {
        let value = books[index].investableValue
        for (position, roomAtCut) in cut {
            let slot = books[index].slots[position]
            guard Planning.weight(slotValue(position, in: books[index]), of: value) > slot.high,
                  zip(gainRooms(in: index), roomAtCut).contains(where: { $0 > $1 }) else { continue }
            _ = try sellOverweight(position, in: index, again: true)
        }
    }

    /// Sells line `position`'s excess over its goal, stand-ins first; `again` for a sale the
    /// budget cut, taken up once more. Returns whether the tax budget cut it.
    private mutating func sellOverweight(_ position: Int, in index: Int, again: Bool) throws(PlanningError) -> Bool {
        let book = books[index]
        let value = book.investableValue
        var budgetCut = false
        let slot = books[index].slots[position]
        let key = DriftKey.security(slot.symbol)
        let goal = books[index].settings.rebalanceTo == .bandEdge ? slot.high : slot.target
        let standIns = book.standIns(ofSlot: position)
        // The line's weight before its own sales, which each of them quotes (as a cap's sale
        // quotes its line before the phase's), and the symbols of it sold so far.
        let overBefore = Planning.weight(slotValue(position, in: book), of: value) - slot.target
        var soldAbove: [String] = []
        let counted = Planning.boughtStandInsClause(standIns.filter { book.bought.contains($0) }, for: slot.symbol, in: book)
        // The stand-ins, then the model symbol, read in place: joined into one list, two
        // arrays were made and freed at each line (callgrind).
        for place in 0...standIns.count {
            let symbol = place < standIns.count ? standIns[place] : slot.symbol
            guard book.quantity(of: symbol) > .zero else { continue }
            let current = slotValue(position, in: book)
            let excess = current - Planning.part(goal, of: value)
            guard excess > .zero else { break }
            if let stop = sellStop(symbol, in: index) {
                // Taken up again, a stop already said is not said twice.
                if again { continue }
                books[index].noteStop(key, stop)
                // Bought earlier in the run (a manual buy, a replacement): said, as a sale
                // not bought back is ("No Buy And Sell"), so the overweight left has its row.
                if stop == .restricted {
                    // Said, as a No Buy line's buy not made is (explore-CI: a No Sell overweight
                    // left with no row to say why).
                    audit(.rebalance, books[index].id, symbol, rule: "Restriction", decision: "Not Sold",
                          "\(symbol) is \(universe.restriction(of: symbol)!.rawValue): the engine does not sell it.")
                } else if stop == .manual, !books[index].bought.contains(symbol) {
                    audit(.rebalance, books[index].id, symbol, rule: "No Buy And Sell", decision: "Not Sold",
                          "\(symbol) is identical to \(twins(of: symbol, in: books[index].manual)), which a manual "
                            + "trade bought in \(books[index].id); it is not sold against that buy.")
                } else if stop == .manual || stop == .earlierPhase {
                    audit(.rebalance, books[index].id, symbol, rule: "No Buy And Sell", decision: "Not Sold",
                          "\(symbol) was bought in \(books[index].id) earlier in this run"
                            + (stop == .manual ? " (Manual Trades)" : "") + "; it is not sold back.")
                }
                continue
            }
            let price = try universe.price(of: symbol)
            // Round toward the target, never past the far (low) edge.
            let floorLimit = current - Planning.part(slot.low, of: value)
            var quantity = universe.shares(excess, price, roundingUp: books[index].settings.rebalanceTo == .bandEdge)
            if books[index].settings.rebalanceTo == .target {
                let up = universe.shares(excess, price, roundingUp: true)
                let downValue = price.value(of: quantity), upValue = price.value(of: up)
                // To the nearer whole step, a tie up (the contract's half-up): 10.5 shares
                // over is a sale of 11, unless that crosses the far edge (below).
                if (upValue - excess) <= (excess - downValue) { quantity = up }
            }
            // What the far edge leaves of the sale, against what is held: a stand-in that ran out
            // had been said to be cut by the edge (explore-CI).
            let rounded = Quantity.min(quantity, book.quantity(of: symbol))
            while quantity > .zero, price.value(of: quantity) > floorLimit { quantity -= universe.step }
            quantity = .min(quantity, book.quantity(of: symbol))
            quantity = withFractionalPart(of: symbol, added: quantity, excess: excess, floor: floorLimit, price: price, in: book)
            guard quantity > .zero else {
                if again { continue }
                books[index].noteStop(key, .rounding)
                // Said, as every sale not made is (explore-BD: a line left at 35% with
                // Status Rounding and no row to say why).
                let step = price.value(of: universe.step)
                audit(.rebalance, books[index].id, symbol, rule: "Rounding", decision: "Skipped",
                      rounded == .zero
                        ? "\(symbol)'s excess of \(dollars: excess) is under half of \(universe.step) \(symbol) (\(dollars: step)): not sold."
                        : "A sale of \(universe.step) \(symbol) (\(dollars: step)) would take \(slot.symbol) below "
                            + "its \(percent: slot.low) low edge: not sold.")
                continue
            }
            // Kept from the far edge: a share of a dear stand-in may leave the line above
            // its band by more than a share of the model symbol, and that is rounding.
            if quantity < rounded, !again {
                books[index].noteStop(key, .rounding)
                audit(.rebalance, books[index].id, symbol, rule: "Rounding", decision: "Cut",
                      "The sale of \(symbol) is cut from \(rounded) to \(quantity) so as not to take \(slot.symbol) below "
                        + "its \(percent: slot.low) low edge.")
            }
            // The Reason's words are put together only for a sale made. A sale taken up again
            // adds its clause to the trade's reason, which already says how far over it was.
            let over = Planning.weight(current, of: value) - slot.target
            let made = again && madeTrade(in: index, symbol: symbol, side: .sell, phase: .rebalance) != nil
            // A sale after a stand-in's quotes the line's weight before both and the excess the
            // stand-in's sale left, as Raise Cash and the caps say of earlier sales: "10% over"
            // stood beside a Drift row 20% over, the rest sold as the stand-in (explore-EJ).
            let left = soldAbove.isEmpty || Planning.percent(over) == Planning.percent(overBefore) ? ""
                : ", and still \(Planning.percent(over)) over after the "
                    + (soldAbove.count == 1 ? "sale of its stand-in " : "sales of its stand-ins ") + "\(soldAbove.joinedAsList) above"
            let quoted = left.isEmpty ? over : overBefore
            func why() -> String {
                if made { return Planning.widenedBudgetClause }
                // Written in one buffer: each `+` of strings was an append of its own (callgrind).
                var why: Sentence = "\(percent: quoted) over its \(percent: slot.target) target ±\(percent: slot.band)"
                why.append(left)
                if symbol != slot.symbol {
                    why.append("; " as StaticString)
                    why.append(symbol)
                    why.append(" stands in for " as StaticString)
                    why.append(slot.symbol)
                    why.append(" and is sold first" as StaticString)
                }
                why.append(counted)
                if again {
                    why.append("; " as StaticString)
                    why.append(Planning.widenedBudgetClause)
                }
                return why.text
            }
            let outcome = try sell(
                symbol, upTo: quantity, in: index, phase: .rebalance, access: .unblocked,
                budget: book.account.taxBudget, minimumAmount: books[index].settings.minTrade, why: why())
            if again {
                noteAgain(outcome, wanted: quantity, key: key, symbol: symbol, in: index)
            } else {
                note(outcome, wanted: quantity, key: key, symbol: symbol, in: index)
            }
            budgetCut = budgetCut || outcome.budgetCut
            if outcome.quantity > .zero { soldAbove.append(symbol) }
        }
        return budgetCut
    }

    /// A sale of `quantity` whole steps of `symbol` with the position's fractional part (what it
    /// holds past whole steps) added, where that takes the line no farther from its goal
    /// (`excess` to sell, a tie sold, as rounding is half-up) and not past its far edge
    /// (`floor`, the most the line may sell); `quantity` otherwise. The contract lets a lot that
    /// is itself fractional be sold whole, and a sale closing a position is exempt from Min
    /// Trade: rounded to whole shares, a 10.123456-share position with a 0% target was sold 10,
    /// and 0.123456 shares stayed as `Rounding` dust for good, where Phase Out and a manual
    /// sale sell such a lot whole (explore-EI).
    private func withFractionalPart(
        of symbol: String, added quantity: Quantity, excess: Money, floor: Money, price: Price, in book: AccountBook
    ) -> Quantity {
        let held = book.quantity(of: symbol)
        let part = Quantity(micros: held.micros % universe.step.micros)
        guard part > .zero, quantity + part <= held else { return quantity }
        let whole = quantity + part, wholeValue = price.value(of: whole), value = price.value(of: quantity)
        guard wholeValue <= floor, (wholeValue - excess).magnitude <= (excess - value).magnitude else { return quantity }
        return whole
    }

    /// What a band clause adds when the line's weight counts stand-ins `bought` in this run
    /// (a Replacement a manual trade bought counts toward its model symbol, as the contract
    /// says), which the Drift sheet's Weight Before, read before the run, does not: without
    /// it, a line inside its band there was sold "8% over" with nothing to say why (explore-EJ).
    static func boughtStandInsClause(_ bought: [String], for model: String, in book: AccountBook) -> String {
        guard !bought.isEmpty else { return "" }
        let manual = bought.allSatisfy { book.manual.contains($0) }
        return "; the weight counts \(bought.joinedAsList), bought \(manual ? "by a manual trade " : "")in this run, which "
            + (bought.count == 1 ? "stands" : "stand") + " in for \(model)"
    }

    /// The clause a sale taken up again adds to its trade's reason.
    static let widenedBudgetClause = "more sold once later sales' losses left room in the tax budget"

    /// Logs a sale the budget cut, taken up again: what more it sold, and whether the budget
    /// cut it once more. Nothing is said when it sold nothing more (the first cut's row stands).
    private mutating func noteAgain(_ outcome: SaleOutcome, wanted: Quantity, key: DriftKey, symbol: String, in index: Int) {
        guard outcome.quantity > .zero else { return }
        audit(.rebalance, books[index].id, symbol, rule: "Tax Budget", decision: "Sold",
              "Losses realized by later sales widened the tax budget: \(outcome.quantity) more \(symbol) "
                + (outcome.budgetCut ? "sold of the \(wanted) still over, as far as the budget allows."
                    : "sold, the \(wanted) still over."))
    }

    /// Why the engine may not sell `symbol` in account `index`, or `nil`.
    func sellStop(_ symbol: String, in index: Int) -> DriftStatus? {
        let book = books[index]
        return sellStop(symbol, in: book)
    }

    func sellStop(_ symbol: String, in book: AccountBook) -> DriftStatus? {
        if !universe.maySell(symbol) { return .restricted }
        if book.bought.contains(symbol) { return book.manual.contains(symbol) ? .manual : .earlierPhase }
        if !book.manualTwinBuys.isEmpty, book.manualTwinBuys.contains(symbol) { return .manual }
        return nil
    }

    /// Notes on a drift line what cut a sale short, and logs it.
    private mutating func note(_ outcome: SaleOutcome, wanted: Quantity, key: DriftKey, symbol: String, in index: Int) {
        let id = books[index].id
        if outcome.budgetCut {
            books[index].noteStop(key, .taxBudget)
            // A cut sale then dropped under Min Trade is cut to what fitted, not to nothing.
            // Said with the line the sale was for: fifteen rows of "AAPL from 216 to 0" did not
            // say which band, cap or sector each came from.
            let line = key.level == .security ? "its band" : "\(key.capName)'s \(key.limitName)"
            audit(.rebalance, id, symbol, rule: "Tax Budget", decision: "Cut",
                  "The tax budget cuts the sale of \(symbol) for \(line) from \(wanted) to "
                    + "\(outcome.underMinTrade ? outcome.fitted : outcome.quantity).")
        }
        if outcome.washBlocked > 0 {
            if outcome.quantity < wanted { books[index].noteStop(key, .washSale) }
            warnOfRunBuyers(blocking: symbol, in: index, soldInstead: outcome.quantity >= wanted)
        }
        if outcome.underMinTrade {
            books[index].noteStop(key, .minTrade)
            audit(.rebalance, id, symbol, rule: "Min Trade", decision: "Skipped",
                  outcome.budgetCut
                    ? "The sale of \(outcome.fitted) \(symbol) the budget leaves room for would be under \(dollars: books[index].settings.minTrade): not made."
                    : "A sale of \(symbol) would be under \(dollars: books[index].settings.minTrade).")
        }
        if outcome.quantity < wanted, !outcome.budgetCut, outcome.washBlocked == 0, !outcome.underMinTrade {
            books[index].noteStop(key, .rounding)
        }
    }

    /// Warns, once per account and symbol, when loss lots of a sale Rebalance wants are
    /// blocked by this run's own buys in other accounts of the household: each phase runs over
    /// the accounts in Account order, so an IRA's buy earlier in the order can leave a trust
    /// far above its band (a sample household's trust stayed at 46% against 25% ±3% with
    /// nothing but a Drift status to say why), or have the sale made from gain lots in the
    /// loss lots' place (`soldInstead`; explore-BZ: $5,000 of gain where a $400 loss was
    /// there to sell, with nothing on the Exceptions sheet).
    private mutating func warnOfRunBuyers(blocking symbol: String, in index: Int, soldInstead: Bool) {
        let id = books[index].id
        let buyers = calendars[householdOfBook[index]].runBuyers(ofFamilyOf: symbol, besides: id)
        guard !buyers.isEmpty else { return }
        let place = "\(id)/\(symbol)"
        let opening = soldInstead ? "Rebalance sells \(symbol) in \(id) from other lots than its loss lots"
            : "Rebalance does not sell all of \(symbol) it would in \(id)"
        guard !exceptions.contains(where: { $0.place == place && $0.message.hasPrefix(opening) }) else { return }
        let blocked = ": loss lots of it are blocked by replacement shares, among them this run's buys of its family in "
            + "\(buyers.joined(separator: ", ")), made before this sale (manual trades and Harvest in every account first, "
            + "each later phase in Account order)."
        raise(.warning, place, opening + blocked + (soldInstead
            ? " The other lots are sold in their place (see Lots Sold and the Wash Sale sheet)."
            : " Selling them at a loss within the window would have the loss disallowed (see the Wash Sale sheet)."))
    }

    /// Sells exposure groups above their cap (or sectors above their high edge) down to it,
    /// stand-ins first, then pro rata by market value, within the budget. `before` holds the
    /// groups' (sectors') values before the phase's sales, whose weights the sales' Reasons quote.
    private mutating func sellAboveCaps(_ index: Int, level: DriftLevel, before: [Money]) throws(PlanningError) {
        let value = books[index].investableValue
        let names: [String]
        switch level {
        case .group: names = universe.sortedGroups
        case .sector: names = universe.sortedSectors
        case .security: return
        }
        for (number, name) in names.enumerated() {
            let book = books[index]
            let (current, limit) = capLine(number, level: level, in: book, value: value)
            guard current > limit else { continue }
            let start = before[number]
            let key = DriftKey(level: level, name: name)
            let members = book.heldSymbols(placed: { Planning.isMember($0, of: number, level: level) })
            var excess = current - limit
            // Each kind sold largest first, ties by symbol (the contract's order where a budget
            // binds): sold in name order, the first names took the budget, and a sector trim
            // sold other shares when a ticker was renamed (explore-DY).
            let byValue = members.map { (symbol: $0, value: marketValue($0, in: book)) }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.symbol < $1.symbol }.map(\.symbol)
            let standIns = byValue.filter { book.modelSymbol(standingInFor: $0) != nil }
            let others = byValue.filter { !standIns.contains($0) }
            var plan: [(String, Money)] = []
            for symbol in standIns where excess > .zero {
                guard sellStop(symbol, in: index) == nil else { continue }
                let part = Money.min(excess, marketValue(symbol, in: book))
                plan.append((symbol, part))
                excess -= part
            }
            let sellable = others.filter { sellStop($0, in: index) == nil }
            let total = sellable.map { marketValue($0, in: book) }.sum()
            if excess > .zero, total > .zero {
                for symbol in sellable {
                    let share = Money(cents: roundedProductQuotient(excess.cents, marketValue(symbol, in: book).cents, dividedBy: total.cents))
                    plan.append((symbol, share))
                }
            }
            for symbol in members where sellStop(symbol, in: index) != nil {
                books[index].noteStop(key, sellStop(symbol, in: index)!)
            }
            // Each piece rounds down to whole shares; what the line is then still above its
            // limit is sold by the member whose whole shares pass it by the least
            // (`capRemainderSource`). Rounded up one by one, the pieces passed the limit by a
            // share each (34 HHH and 17 KKK, $5,100 sold where $5,000 met the cap); the last
            // piece rounded up passed it by most of a dear share ($6,700 sold for $4,000, and a
            // sector taken below its low edge).
            // Only what rounding down left is sold so: a piece the budget, a block or Min Trade
            // cut leaves its line above the limit for that rule, not for another member to make up.
            // A piece cut short leaves its rounding out too: counted, the cents NVDA and AAPL
            // rounded off before the budget cut both to nothing were sold as GOOGL (3 shares where
            // its own rounding allowed 1).
            // Which members a sale before this line's pass (a band's, another line's) sold: only
            // their cap pieces are "past its earlier sale". Asked piece by piece, the rounding
            // remainder found the cap piece just made and said the clause again with the other
            // ending ("this sale is for the cap; … the shares past its earlier sale are for the
            // cap" of a sale with no earlier one; explore-EJ).
            let soldBefore = Set(members.filter { madeTrade(in: index, symbol: $0, side: .sell, phase: .rebalance) != nil })
            var roundedOff = Money.zero
            for (symbol, amount) in plan where amount > .zero {
                let price = try universe.price(of: symbol)
                let quantity = universe.shares(amount, price, roundingUp: false)
                let rounding = amount - price.value(of: quantity)
                guard quantity > .zero else {
                    roundedOff += rounding
                    continue
                }
                let sold = try sellCapPiece(symbol, quantity, key: key, level: level, line: (start, current), limit: limit,
                                            value: value, soldBefore: soldBefore.contains(symbol), in: index)
                if sold == quantity { roundedOff += rounding }
            }
            var tried = NameSet()
            while roundedOff > .zero {
                let (now, limitNow) = capLine(number, level: level, in: books[index], value: value)
                guard now > limitNow else { break }
                let left = Money.min(now - limitNow, roundedOff)
                guard let (symbol, quantity) = capRemainderSource(left, members: members, level: level,
                                                                  number: number, value: value, in: index, except: tried)
                else {
                    // Less than a share of any member is left above the limit, or any share more
                    // would take the line (a sector) below its far edge.
                    books[index].noteStop(key, .rounding)
                    break
                }
                tried.insert(symbol)
                let before = books[index].quantity(of: symbol)
                try sellCapPiece(symbol, quantity, key: key, level: level, line: (start, current), limit: limit, value: value,
                                 soldBefore: soldBefore.contains(symbol), in: index)
                let sold = before - books[index].quantity(of: symbol)
                if sold > .zero { roundedOff -= Money.min(roundedOff, try universe.price(of: symbol).value(of: sold)) }
            }
        }
    }

    /// Sells `quantity` of `symbol` toward a group's cap or a sector's high edge (`key`), as
    /// each piece of `sellAboveCaps` is sold, and notes what cut or stopped it. `line` is the
    /// group's or sector's value before the phase's sales (`start`) and when its cap pass began;
    /// `soldBefore`, whether a sale before that pass sold `symbol`.
    @discardableResult
    private mutating func sellCapPiece(
        _ symbol: String, _ quantity: Quantity, key: DriftKey, level: DriftLevel, line: (start: Money, current: Money),
        limit: Money, value: Money, soldBefore: Bool, in index: Int
    ) throws(PlanningError) -> Quantity {
        // The weight quoted is the one before the phase's sales, as a band's clause quotes its
        // own; where those sales brought the line down, the Reason says how far and that what
        // is sold past them is for the cap. Quoted from part-way through, "Alpha is 4.87%"
        // stood beside a sale whose Drift row said 40.59% (explore-CV).
        let weight = Planning.weight(line.start, of: value), weightNow = Planning.weight(line.current, of: value)
        let outcome = try sell(
            symbol, upTo: quantity, in: index, phase: .rebalance, access: .unblocked,
            budget: books[index].account.taxBudget, minimumAmount: books[index].settings.minTrade,
            why: Sentence("""
                \(key.capName) is \
                \(percent: weight), above its \
                \(percent: Planning.weight(limit, of: value)) \(key.limitName)\
                \(Planning.percent(weight) == Planning.percent(weightNow) ? ""
                    : ", and still \(Planning.percent(weightNow)) after this phase's earlier sales: "
                        + (soldBefore ? "the shares past its earlier sale are for the \(key.limitName)" : "this sale is for the \(key.limitName)"))
                """).text)
        note(outcome, wanted: quantity, key: key, symbol: symbol, in: index)
        if outcome.quantity > .zero {
            if let slot = books[index].layout.slotIndexBySymbol[symbol] {
                books[index].noteStop(.security(books[index].slots[slot].symbol), level == .group ? .groupCap : .sectorBand)
            }
            // Said of a legacy member too, which has no slot: its budget cut had a row, its sale
            // none (explore-DY).
            audit(.rebalance, books[index].id, symbol, rule: level == .group ? "Group Cap" : "Sector Band", decision: "Sold",
                  "\(outcome.quantity) \(symbol) sold to bring \(key.name) toward its limit.")
        }
        return outcome.quantity
    }

    /// The member of a capped group or banded sector (`number`) that sells what the line is
    /// still above its limit, `left`, and how much: the fewest whole shares of it that cover
    /// `left`, from the member whose shares pass it by the least, of those whose sale keeps
    /// their own line inside its band first, chosen as Raise Cash's remainder is
    /// (`leastOvershoot`); never a sale that takes a sector below its low
    /// edge. Nil when no member not yet `tried` may cover it.
    private func capRemainderSource(
        _ left: Money, members: [String], level: DriftLevel, number: Int, value: Money, in index: Int,
        except tried: NameSet
    ) -> (String, Quantity)? {
        let book = books[index]
        var floor: Money?
        if level == .sector {
            floor = Planning.part(sectorEdges(number, in: book).low, of: value)
        }
        var candidates: [(symbol: String, quantity: Quantity, overshoot: Money, keepsBand: Bool, value: Money)] = []
        for symbol in members where !tried.contains(symbol) && sellStop(symbol, in: index) == nil {
            guard let position = book.position(of: symbol), let price = position.price else { continue }
            let steps = universe.shares(left, price, roundingUp: true)
            guard steps > .zero, steps <= position.quantity else { continue }
            let sale = price.value(of: steps)
            if let floor, book.sectorValues[number] - sale < floor { continue }
            var keepsBand = true
            if let slot = book.layout.slotIndexBySymbol[symbol] {
                keepsBand = slotValue(slot, in: book) - sale >= Planning.part(book.slots[slot].low, of: value)
            }
            candidates.append((symbol, steps, sale - left, keepsBand, position.value))
        }
        let pool = candidates.contains { $0.keepsBand } ? candidates.filter { $0.keepsBand } : candidates
        // Members come in symbol order, as `leastOvershoot` takes them.
        return Planning.leastOvershoot(pool.count, overshoot: { pool[$0].overshoot }, value: { pool[$0].value })
            .map { (pool[$0].symbol, pool[$0].quantity) }
    }

    /// A capped group's or banded sector's (by number) current value and its limit (cap, or
    /// high edge) in dollars.
    func capLine(_ number: Int, level: DriftLevel, in book: AccountBook, value: Money) -> (Money, Money) {
        switch level {
        case .group:
            return (book.groupValues[number], value.multiplied(by: universe.capsByNumber[number]))
        case .sector:
            return (book.sectorValues[number], Planning.part(sectorEdges(number, in: book).high, of: value))
        case .security:
            return (.zero, .zero)
        }
    }

    /// Whether a symbol placed at `place` counts toward the capped group or banded sector `number`.
    static func isMember(_ place: SymbolPlace, of number: Int, level: DriftLevel) -> Bool {
        guard place.counted else { return false }
        switch level {
        case .group: return place.groupNumber == number
        case .sector: return place.bandedSector == number
        case .security: return false
        }
    }

    // MARK: - Buys

    /// Cash above the cash target: what buys may spend. Inlined: called from a mutating
    /// method, it was handed a copy of the whole planning (callgrind).
    @inline(__always)
    func spendableCash(_ index: Int) -> Money {
        books[index].spendableCash
    }

    /// Buys the lines below their bands toward their goals. Returns, by slot, whether the line
    /// was asked and found free of any stop to its buy: the phase's buys open no window and
    /// sell nothing, so the answer holds for the excess cash's buys after them.
    private mutating func buyUnderweights(_ index: Int) throws(PlanningError) -> [Bool] {
        let book = books[index]
        let value = book.investableValue
        var underweights: [(slot: Int, shortfall: Money)] = []
        underweights.reserveCapacity(book.slots.count)
        for (position, slot) in books[index].slots.enumerated() {
            let current = slotValue(position, in: book)
            guard Planning.weight(current, of: value) < slot.low else { continue }
            let goal = books[index].settings.rebalanceTo == .bandEdge ? slot.low : slot.target
            underweights.append((position, Planning.part(goal, of: value) - current))
        }
        underweights.sort {
            $0.shortfall != $1.shortfall ? $0.shortfall > $1.shortfall
                : books[index].slots[$0.slot].symbol < books[index].slots[$1.slot].symbol
        }
        // When cash cannot cover every shortfall, each gets its share of the cash, so every
        // underweight line is started; what rounding leaves goes to the largest shortfalls below.
        // A line that may not be bought at all (restricted, in a window, sold earlier in the
        // run) takes no share: counted, it left cash idle and every other line was told the cash
        // was short (cash ended 12% of an account, GOOGL not bought beside a manual sale of GOOG).
        // Asked once per line: the loop's buys open no window and sell nothing, so each answer holds.
        let stops = underweights.map { buyStop(books[index].slots[$0.slot].symbol, in: index, phase: .rebalance, log: false) }
        var free = [Bool](repeating: false, count: book.slots.count)
        for (line, stop) in zip(underweights, stops) where stop == nil { free[line.slot] = true }
        let (claims, sharedRoom) = shortCashClaims(underweights, stops: stops, in: index)
        var total = Money.zero
        var buyable = 0
        for (claim, stop) in zip(claims, stops) where stop == nil && claim > .zero {
            total += claim
            buyable += 1
        }
        // Said of a line that cash held back: shared among several, or short of one.
        let shortCash = buyable > 1 ? "; the cash above the cash target is less than the shortfalls, so each underweight gets its share"
            : "; the cash above the cash target covers only part of the shortfall"
        let cash = spendableCash(index)
        // Each buy's Reason is worded in one buffer kept across the lines.
        var wording = Sentence(capacity: 256)
        for line in underweights.indices {
            let (position, shortfall) = underweights[line], stop = stops[line], claim = claims[line]
            let slot = books[index].slots[position]
            let weight = Planning.weight(slotValue(position, in: book), of: value)
            // A line that claims nothing asks for its whole shortfall, which `buyToward` cuts to
            // nothing and names for its cap, or finds under Min Trade.
            let share = cash < total && claim > .zero
                ? Money(cents: roundedProductQuotient(cash.cents, claim.cents, dividedBy: total.cents)) : shortfall
            // Cash is what stopped it only where it may be bought at all: a symbol the run
            // sold, a restriction or a window is named by `buyToward` instead (a BND harvested
            // and replaced was `Cash` with a sixth of the account idle).
            if share < shortfall, stop == nil {
                books[index].noteStop(.security(slot.symbol), .cash)
                // What would have held the whole shortfall back applies as well, and may come
                // first in the contract's order: a sector edge or group cap below it, or a
                // shortfall too small to trade.
                // In whole steps, as `buyToward` judges it (explore-CV).
                if let cap = capRoom(at: slot.place, in: book), let price = slot.price,
                   buysLess(cap.room, at: price,
                            than: Money.min(shortfall, Planning.part(slot.low, of: value) - slotValue(position, in: book))) {
                    books[index].noteStop(.security(slot.symbol), cap.status)
                }
            }
            // A shortfall too small to trade is Min Trade's, where cash is short or the line
            // claimed none of it for that: `buyToward`, finding the cash spent, names cash alone.
            if stop == nil, share < shortfall || claim == .zero, let price = slot.price {
                let whole = universe.shares(shortfall, price, roundingUp: false)
                if whole > .zero, price.value(of: whole) < books[index].settings.minTrade {
                    books[index].noteStop(.security(slot.symbol), .minTrade)
                }
            }
            // A claim its cap cut below its shortfall shrank its share of short cash: the cut is
            // explained, as one `buyToward` makes is (explore-CU: B bought $160 of a $1,000
            // shortfall, cut to the $200 under its group's cap, and the Reason blamed cash alone).
            var claimCut = ""
            if stop == nil, buyable > 1, total > cash, claim > .zero, shortfall > claim,
               let cap = capRoom(at: slot.place, in: book) {
                // A room its other lines claim too is named with the part this line claims of it.
                let binding = sharedRoom[line]?.binding ?? cap.binding
                let part = sharedRoom[line].map { "\(claim.formatted), its part of the \($0.room.formatted)" }
                    ?? "only the \(claim.formatted)"
                let claimed = "claims \(part) left under the \(binding.capName)'s \(binding.limitName), "
                    + "not its \(shortfall.formatted) shortfall"
                claimCut = "; it " + claimed
                audit(.rebalance, books[index].id, slot.symbol, rule: binding.level == .group ? "Group Cap" : "Sector Band",
                      decision: "Cut", text: "The buy of \(slot.symbol) " + claimed
                        + "; short cash shared among the claims gives it \(share.formatted).")
            }
            try buyToward(position, amount: share, in: index,
                          roundUpIfCashAllows: books[index].settings.rebalanceTo == .bandEdge && share == shortfall,
                          noteShortfall: true, amountIsShortfall: share == shortfall, free: stop == nil) { cut in
                wording.removeAll()
                wording.append("at " as StaticString)
                wording.append(percent: weight)
                wording.append(", " as StaticString)
                wording.append(percent: slot.target - weight)
                wording.append(" under its " as StaticString)
                wording.append(percent: slot.target)
                wording.append(" target ±" as StaticString)
                wording.append(percent: slot.band)
                // A cap that cut the buy below its share of the cash is what held it back, not cash.
                if let cut {
                    Planning.appendCapCut(cut, to: &wording)
                } else if share < shortfall {
                    wording.append(claimCut)
                    wording.append(shortCash)
                }
                return wording.text
            }
        }
        return free
    }

    /// What each underweight (in `underweights`' order) claims of short cash: what it can buy,
    /// and, where its claim shares a group's or sector's room with other lines, that room and
    /// its line. Claims are shares of the cash only, and a claim never spent left the line
    /// that could spend it short and its top-up, judged alone, under Min Trade (explore-EI).
    /// - A line's shortfall is cut to the room its group's cap or its sector's high edge leaves:
    ///   counted whole, a capped line's $3,000 took most of $1,000 of short cash, and the line
    ///   outside its band beside it got $100 of its $700 (explore-BD).
    /// - A line that may not be bought (`stops`), or whose claim buys no whole step or less
    ///   than Min Trade (no Rebalance buy is exempt from it), claims nothing: a $300 shortfall
    ///   under a $2,000 Min Trade took $283 of AAA's cash, and AAA's 31 shares left it under
    ///   its band.
    /// - Lines under one cap share its room in proportion to their claims, groups first, then
    ///   sectors' high edges (a share of a share stays within both): each had claimed the
    ///   whole $1,000 a group left, $2,190 claimed of $2,000 where $1,690 could be bought.
    private func shortCashClaims(
        _ underweights: [(slot: Int, shortfall: Money)], stops: [DriftStatus?], in index: Int
    ) -> (claims: [Money], shared: [(room: Money, binding: DriftKey)?]) {
        let book = books[index]
        var claims = underweights.indices.map { line -> Money in
            let (position, shortfall) = underweights[line]
            let claim = Money.min(shortfall, capRoom(at: book.slots[position].place, in: book)?.room ?? shortfall)
            return stops[line] == nil && buys(claim, shortfall: shortfall, of: position, in: book) ? claim : .zero
        }
        var shared: [(room: Money, binding: DriftKey)?] = Array(repeating: nil, count: underweights.count)
        for level in [DriftLevel.group, .sector] {
            let names = level == .group ? universe.sortedGroups : universe.sortedSectors
            for number in names.indices {
                let members = underweights.indices.filter {
                    claims[$0] > .zero && Planning.isMember(book.slots[underweights[$0].slot].place, of: number, level: level)
                }
                guard members.count > 1 else { continue }
                let (current, limit) = capLine(number, level: level, in: book, value: book.investableValue)
                let room = Money.max(.zero, limit - current), claimed = members.map { claims[$0] }.sum()
                guard claimed > room else { continue }
                for member in members {
                    claims[member] = Money(cents: roundedProductQuotient(room.cents, claims[member].cents, dividedBy: claimed.cents))
                    shared[member] = (room, DriftKey(level: level, name: names[number]))
                }
            }
        }
        return (claims, shared)
    }

    /// Whether a buy of `claim` toward line `position` is one Rebalance may make: whole steps,
    /// rounded as `buyToward` rounds them (down; under `Band Edge` a whole shortfall up a step
    /// where the line's high edge and its cap leave room), coming to at least Min Trade.
    private func buys(_ claim: Money, shortfall: Money, of position: Int, in book: AccountBook) -> Bool {
        let slot = book.slots[position]
        // Unpriced, it claims as before: `buyToward` stops the run for the missing price.
        guard let price = slot.price else { return true }
        var quantity = universe.shares(claim, price, roundingUp: false)
        if book.settings.rebalanceTo == .bandEdge, claim == shortfall {
            let up = universe.shares(claim, price, roundingUp: true), cost = price.value(of: up)
            let roomToHigh = Planning.part(slot.high, of: book.investableValue) - slotValue(position, in: book)
            if cost <= roomToHigh, capRoom(at: slot.place, in: book).map({ cost <= $0.room }) ?? true { quantity = up }
        }
        return quantity > .zero && price.value(of: quantity) >= book.settings.minTrade
    }

    /// Spends cash above the cash target on the largest remaining shortfalls below target
    /// (ties by symbol); slots in sectors below their low edge go first. `free`: by slot, whether
    /// its buy is known free of any stop (`buyUnderweights`).
    private mutating func spendExcessCash(_ index: Int, free: [Bool]) throws(PlanningError) {
        guard spendableCash(index) > .zero else { return }
        let book = books[index]
        let value = book.investableValue
        var shortfalls: [(slot: Int, shortfall: Money, steered: Bool)] = []
        shortfalls.reserveCapacity(book.slots.count)
        func precedes(_ a: (slot: Int, shortfall: Money, steered: Bool), _ b: (slot: Int, shortfall: Money, steered: Bool)) -> Bool {
            if a.steered != b.steered { return a.steered }
            if a.shortfall != b.shortfall { return a.shortfall > b.shortfall }
            return book.slots[a.slot].symbol < book.slots[b.slot].symbol
        }
        for (position, slot) in books[index].slots.enumerated() {
            let gap = Planning.part(slot.target, of: value) - slotValue(position, in: book)
            guard gap > .zero else { continue }
            var steered = false
            if let sector = slot.bandedSector {
                steered = Planning.weight(book.sectorValues[sector], of: value) < sectorEdges(sector, in: book).low
            }
            // Each line put in its place as it is found, after those it does not precede (the
            // order of a stable sort), found by halving: the list sorted after was put in order
            // a place at a time, each line moved past the others one by one (callgrind: 0.5% of
            // planning's instructions).
            let line = (slot: position, shortfall: gap, steered: steered)
            var low = 0, high = shortfalls.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(line, shortfalls[middle]) { high = middle } else { low = middle + 1 }
            }
            shortfalls.insert(line, at: low)
        }
        // Each buy's Reason is worded in one buffer kept across the lines: a buffer of each
        // Reason's own was allocated and freed at every buy (callgrind).
        var wording = Sentence(capacity: 256)
        for (position, shortfall, steered) in shortfalls {
            // Asked once a line: the cash above the target is a product worked out at each ask.
            let spendable = spendableCash(index)
            guard spendable > .zero else { continue }
            let slot = books[index].slots[position]
            let cashTarget = books[index].account.cashTarget
            // A line still below its band has its stops noted again here: cash short for its
            // first buy may cover it now, and then rounding, Min Trade or a cap is what
            // stopped it (a line named `Cash` with a seventh of the account idle).
            let key = DriftKey.security(slot.symbol)
            let belowBand = Planning.weight(slotValue(position, in: books[index]), of: value) < slot.low
            if belowBand {
                // Judged again on this buy: a Min Trade skip of its first, smaller share of the
                // cash is noted again only if this buy is skipped too.
                books[index].clearStop(key, .minTrade)
                if spendable >= shortfall { books[index].clearStop(key, .cash) }
            }
            try buyToward(position, amount: shortfall, in: index, roundUpIfCashAllows: false, noteShortfall: belowBand,
                          amountIsShortfall: true, free: free[position]) { cut in
                wording.removeAll()
                wording.append("spends cash above the " as StaticString)
                wording.append(percent: cashTarget.doubleValue)
                wording.append(steered ? " cash target on a shortfall below its " as StaticString
                               : " cash target on the largest shortfall below its ")
                wording.append(percent: slot.target)
                wording.append(" target" as StaticString)
                if steered { wording.append("; its sector is below its band, so its shortfall goes first" as StaticString) }
                if let cut { Planning.appendCapCut(cut, to: &wording) }
                return wording.text
            }
        }
    }

    /// A group's cap or a sector's high edge that cut a buy: the room it left, and its line.
    typealias CapCut = (room: Money, binding: DriftKey)

    /// A buy's Reason clause for the cap that cut it, added to `why`: `; cut to the $10,000.00
    /// left under the exposure group G's cap`.
    static func appendCapCut(_ cut: CapCut, to why: inout Sentence) {
        why.append("; cut to the " as StaticString)
        why.append(dollars: cut.room)
        why.append(" left under the " as StaticString)
        why.append(cut.binding.capName)
        why.append("'s " as StaticString)
        why.append(cut.binding.limitName)
    }

    /// Buys the slot's model symbol toward `amount`, cut to cash, caps and Min Trade, and
    /// notes on the security's drift line what stopped it short. `why` is worded only for a
    /// buy made, given the cap that cut it below both `amount` and the cash, if one did.
    /// `free`: the buy was asked about since the phase's last sale and found free of any stop,
    /// which is not asked again (an answer of none logs nothing; callgrind: about 1,400
    /// instructions an answer).
    private mutating func buyToward(
        _ position: Int, amount: Money, in index: Int, roundUpIfCashAllows: Bool, noteShortfall: Bool,
        amountIsShortfall: Bool, free: Bool, why: (_ cut: CapCut?) -> String
    ) throws(PlanningError) {
        let slot = books[index].slots[position]
        let symbol = slot.symbol
        let key = DriftKey.security(symbol)
        if !free, let stop = buyStop(symbol, in: index, phase: .rebalance, log: true) {
            books[index].noteStop(key, stop)
            return
        }
        // The slot keeps its symbol's price and place: no lookup by name.
        guard let price = slot.price else { throw .missingPrice(symbol) }
        var budget = amount
        // Every rule that holds the buy under `amount`, in the order found; the drift line
        // names the first of them in the contract's order (`firstStop`), as the contract asks
        // when several apply: cash short and a sector edge below the amount are both noted.
        var stops = BuyStops()
        let cash = spendableCash(index)
        if cash < budget {
            budget = cash
            stops.append(.cash)
        }
        let book = books[index]
        let cap = capRoom(at: slot.place, in: book)
        var cut: CapCut?
        if let cap, cap.room < amount {
            // The cap holds the line out of its band only where its room ends short of the low
            // edge: the excess-cash buy toward the target, cut by a sector with room past the
            // edge, left the line named `Sector Band` where cash had stopped it (explore-BQ).
            // Judged in whole steps: a cap whose room ends at the low edge to the cent leaves the
            // line below it by rounding, and the cap, first in the contract's order, is what held
            // it (explore-CV: 12.77 GOOGL of room to a cap equal to the 4% low edge, 12 bought,
            // named `Rounding`).
            let lowNeed = Planning.part(slot.low, of: book.investableValue) - slotValue(position, in: book)
            if buysLess(cap.room, at: price, than: lowNeed) {
                stops.append(cap.status)
            }
            books[index].noteStop(cap.binding, cap.status)
            if cap.room < budget {
                budget = cap.room
                cut = (cap.room, cap.binding)
            }
        }
        var quantity = universe.shares(budget, price, roundingUp: false)
        /// The group or sector whose cap or high edge a whole step more would pass, where the
        /// line's own high edge would not (for the Audit Log's row of a buy rounded to nothing).
        var refusingCap: DriftKey?
        if roundUpIfCashAllows, stops.isEmpty {
            // Up to a whole share past the low edge when cash allows, but never past the
            // line's own high edge, nor past a group's cap or a sector's high edge that left
            // room for the exact amount only (a GOOGL bought to 8.1% of a group capped at
            // 8.05%, then named Group Cap for the overshoot it made).
            let up = universe.shares(amount, price, roundingUp: true)
            let cost = price.value(of: up)
            let roomToHigh = Planning.part(slot.high, of: book.investableValue) - slotValue(position, in: book)
            let capFits = cap.map { cost <= $0.room } ?? true
            if cost > spendableCash(index) {
                // Short of the edge by less than a share, for want of cash.
                if up > quantity { stops.append(.cash) }
            } else if cost <= roomToHigh, capFits {
                quantity = up
            } else if cost <= roomToHigh {
                refusingCap = cap?.binding
            }
            if quantity > .zero, up > quantity, cost <= spendableCash(index), noteShortfall, !books[index].hasStop(key, .rounding) {
                // Rounded down after all, though Band Edge rounds up: the row says which edge
                // refused the last share, so the excess-cash pass after it does not blame
                // "buys round down" (explore-BQ).
                books[index].noteStop(key, .rounding)
                let limit: Sentence = refusingCap.map { "the \($0.capName)'s \($0.limitName)" } ?? "its \(percent: slot.high) high edge"
                audit(.rebalance, books[index].id, symbol, rule: "Rounding", decision: "Cut",
                      "Buying \(up) \(symbol) (\(dollars: cost)) to reach its \(percent: slot.low) low edge would take it above "
                        + limit + ": \(quantity) bought.")
            }
        }
        let cost = price.value(of: quantity)
        if quantity == .zero || cost < books[index].settings.minTrade {
            if quantity == .zero, let cut, let cap, noteShortfall, books[index].tradeRows[symbol] == nil,
               !books[index].hasStop(key, cap.status) {
                // Each cut is explained, one to nothing too (explore-BD), once: not again for a
                // line bought up to its cap already, or cut to nothing by an earlier try.
                audit(.rebalance, books[index].id, symbol, rule: cap.status == .groupCap ? "Group Cap" : "Sector Band",
                      decision: "Cut", "The buy of \(symbol) is cut to nothing: the \(cut.binding.capName) has "
                        + "\(dollars: cut.room) of room under its \(cut.binding.limitName), less than a share.")
            }
            if noteShortfall {
                if quantity > .zero {
                    // Min Trade names the line when its whole shortfall buys too little, or when
                    // the line has bought nothing and this buy, the most cash or a cap left it,
                    // is under Min Trade: both apply then, and the contract's order puts Min
                    // Trade before Cash, as the Audit Log's `Skipped` row says. A further buy
                    // of a line already bought, cut by cash to a remnant, is Cash's.
                    let boughtAlready = books[index].tradeRows[symbol].map { trades[$0].side == .buy } ?? false
                    if (budget == amount && amountIsShortfall) || !boughtAlready { books[index].noteStop(key, .minTrade) }
                    audit(.rebalance, books[index].id, symbol, rule: "Min Trade", decision: "Skipped",
                          "A buy of \(quantity) \(symbol) (\(dollars: cost)) would be under \(dollars: books[index].settings.minTrade).")
                }
                stops.forEach { books[index].noteStop(key, $0) }
                // A share of no cash at all is the cash's stop, not rounding's (explore-CI: "BBB's
                // share of the cash, $0.00, is less than 1 BBB").
                if quantity == .zero, stops.isEmpty, budget <= .zero, !amountIsShortfall {
                    books[index].noteStop(key, .cash)
                } else if quantity == .zero, stops.isEmpty {
                    // Said once a line: a second try (excess cash after the band's buy) adds no row.
                    let said = books[index].hasStop(key, .rounding)
                    books[index].noteStop(key, .rounding)
                    // A whole shortfall under Min Trade is Min Trade's as well as Rounding's, and
                    // the contract's order names Min Trade first (explore-BQ).
                    let minTrade = books[index].settings.minTrade
                    let underMinTrade = amountIsShortfall && !roundUpIfCashAllows && budget < minTrade
                    if underMinTrade { books[index].noteStop(key, .minTrade) }
                    if !said {
                        let step = price.value(of: universe.step)
                        let limit: Sentence = refusingCap.map { "the \($0.capName)'s \($0.limitName)" } ?? "its \(percent: slot.high) high edge"
                        audit(.rebalance, books[index].id, symbol, rule: underMinTrade ? "Min Trade" : "Rounding", decision: "Skipped",
                              roundUpIfCashAllows
                                ? "A buy of \(universe.step) \(symbol) (\(dollars: step)) would take it above " + limit + ": not bought."
                                : underMinTrade
                                ? "\(symbol)'s shortfall of \(dollars: budget) is under the \(dollars: minTrade) Min Trade, and less than "
                                    + "\(universe.step) \(symbol) (\(dollars: step)): not bought."
                                : (cut.map { "The \(dollars: $0.room) left under the \($0.binding.capName)'s \($0.binding.limitName)" }
                                    // The room a cap left is not the line's shortfall (explore-CV).
                                    ?? (amountIsShortfall ? "\(symbol)'s shortfall of \(dollars: budget)" : "\(symbol)'s share of the cash, \(dollars: budget),"))
                                    + " is less than \(universe.step) \(symbol) (\(dollars: step)), and buys round down: not bought.")
                    }
                }
            }
            return
        }
        if noteShortfall { stops.forEach { books[index].noteStop(key, $0) } }
        if let cut, let cap {
            // Said of a buy made only; a second buy of the line (excess cash after its first)
            // is the trade's further buy, cut to the room its first left.
            let further = books[index].tradeRows[symbol].map { trades[$0].side == .buy && trades[$0].phase == .rebalance } ?? false
            audit(.rebalance, books[index].id, symbol,
                  rule: cap.status == .groupCap ? "Group Cap" : "Sector Band", decision: "Cut",
                  "The \(further ? "further buy" : "buy") of \(symbol) is cut to \(dollars: cut.room) by the \(cut.binding.capName).")
        }
        try buy(symbol, quantity: quantity, in: index, phase: .rebalance, price: price, why: why(cut))
    }

    /// The rules that held a buy under its amount, in the order found, kept in place: `buyToward`
    /// notes at most two (cash, then a cap; cash once more only when none was noted), and room
    /// is kept for a third. (An array of them was allocated at every buy that met one;
    /// callgrind, 0.15% of planning.)
    private struct BuyStops {
        private var first: DriftStatus?
        private var second: DriftStatus?
        private var third: DriftStatus?

        var isEmpty: Bool { first == nil }

        mutating func append(_ status: DriftStatus) {
            if first == nil {
                first = status
            } else if second == nil {
                second = status
            } else {
                precondition(third == nil, "a buy is held by at most three rules")
                third = status
            }
        }

        func forEach(_ body: (DriftStatus) -> Void) {
            if let first { body(first) }
            if let second { body(second) }
            if let third { body(third) }
        }
    }

    /// Whether the whole steps `room` buys at `price` come to less than `need`: how a cap's
    /// room is judged to hold a line out of its band, since buys round down (explore-CV).
    private func buysLess(_ room: Money, at price: Price, than need: Money) -> Bool {
        price.value(of: universe.shares(room, price, roundingUp: false)) < need
    }
}
