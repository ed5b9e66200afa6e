extension Planning {
    /// What Raise Cash is raising.
    enum CashPurpose: Sendable {
        /// The withdrawal: may pass the budget, exempt from Min Trade.
        case withdrawal
        /// The cash target: within the budget, under Min Trade.
        case cashTarget
    }

    /// What a withdrawal paid short leaves unsold, in words: the positions still held, each
    /// with what keeps it from sale, or that the account holds nothing more (its cash and
    /// every position sold fall short of the withdrawal).
    /// When even those positions would not cover what is short (`short`), that is said first:
    /// naming a $2,240 No Sell position as what kept a $7,645 shortfall was blaming it.
    func unsoldHoldings(_ index: Int, short: Money) -> String {
        let book = books[index]
        var held: [String] = []
        var heldValue = Money.zero
        /// Whether a position is held at a value the run does not know (a Hold position is not
        /// priced): what it holds in all cannot then be said.
        var unpriced = false
        for symbol in book.heldSymbols {
            guard let position = book.position(of: symbol), position.quantity > .zero else { continue }
            let why: String
            if let restriction = universe.restriction(of: symbol), restriction != .noBuy {
                why = restriction.rawValue
            } else if book.bought.contains(symbol) {
                if position.price != nil, let part = partBoughtInRun(symbol, held: position.quantity, in: index) {
                    held.append("\(symbol) (\(position.value.formatted): \(part))")
                    heldValue += position.value
                    continue
                }
                why = "bought in this run"
            } else if !book.manualTwinBuys.isEmpty, book.manualTwinBuys.contains(symbol) {
                // Its identical symbol bought by hand: "not sold" named no reason (explore-AX).
                why = "identical to a symbol a manual trade buys"
            } else {
                why = "not sold"
            }
            held.append("\(symbol) (\(why)\(position.price == nil ? "" : ", " + position.value.formatted))")
            heldValue += position.value
            if position.price == nil { unpriced = true }
        }
        guard !held.isEmpty else {
            return "the account's cash and every position it held, all sold, come to less than the withdrawal."
        }
        let listed = held.prefix(5).joined(separator: ", ") + (held.count > 5 ? " and \(held.count - 5) more" : "")
        if unpriced {
            return "the positions not sold are \(listed)."
        }
        if heldValue < short {
            return "the account's cash and every position it holds, those that may not be sold included, come to "
                + "\((short - heldValue).formatted) less than the withdrawal; the positions not sold are \(listed)."
        }
        return "the rest is in positions that may not be sold: \(listed)."
    }

    /// The shares of `symbol` account `index` bought in this run before Raise Cash: by its
    /// manual trades and Harvest's replacements.
    func quantityBoughtInRun(_ symbol: String, in index: Int) -> Quantity {
        [Phase.manual, .harvest].compactMap { madeTrade(in: index, symbol: symbol, side: .buy, phase: $0) }
            .map { trades[$0].quantity }.sum()
    }

    /// Why a position of `held` shares held before the run and bought into by it is not sold:
    /// how much of it the run bought, and that the contract's one rule (no buy and sell of one
    /// symbol in one account) keeps the whole position; nil when the run bought all of it.
    /// "Bought in this run, $30,500.00" was said of $30,000 held before a $500 manual buy
    /// (explore-EJ).
    func partBoughtInRun(_ symbol: String, held: Quantity, in index: Int) -> String? {
        sharesBoughtInRun(symbol, ofHeld: held, in: index).map {
            "\($0) of its \(held) shares bought in this run; no symbol is bought and sold in one account, so none of it is sold"
        }
    }

    /// The shares of a position of `held` that the run bought before Raise Cash, when it
    /// bought some but not all of them (the rest held before the run); nil otherwise.
    func sharesBoughtInRun(_ symbol: String, ofHeld held: Quantity, in index: Int) -> Quantity? {
        let bought = quantityBoughtInRun(symbol, in: index)
        return bought > .zero && bought < held ? bought : nil
    }

    /// What held back the sales for the cash target, as met.
    struct CashTargetStops: Sendable {
        var budget = false
        var minTrade = false
        var washSale = false
        /// A dear share not sold, as it would have taken its position below its low edge.
        var rounding = false
        /// A position not sold, as it stood at or below its low edge already.
        var atLowEdge = false
    }

    /// Phase 4: raise the withdrawal, then the cash target.
    ///
    /// Need = Withdrawal + cash target × investable value − cash. Lots are reached in this
    /// order: unblocked lots within the budget; blocked loss lots, forced, within the budget;
    /// then, for the withdrawal only, unblocked and then blocked lots past the budget (a
    /// `Needs Approval` exception says by how much). Within each, positions above target go
    /// first (largest excess first), then pro rata by market value. `No Sell`/`Hold`
    /// positions are never sold: what cannot be raised is paid short.
    mutating func raiseCash(_ index: Int) throws(PlanningError) {
        let withdrawal = books[index].account.withdrawal
        let id = books[index].id
        if withdrawal > .zero {
            let impactBefore = books[index].ledger.impact
            let short = withdrawal - books[index].cash
            if short > .zero {
                let tiers: [(LotAccess, Bool)] = [(.unblocked, true), (.forcedBlocked, true), (.unblocked, false), (.forcedBlocked, false)]
                try raise(short, in: index, purpose: .withdrawal, tiers: tiers)
            }
            let paid = Money.min(withdrawal, books[index].cash)
            books[index].cash -= paid
            books[index].withdrawalPaid = paid
            audit(.raiseCash, id, nil, rule: "Withdrawal", decision: "Paid",
                  "\(dollars: paid) of the \(dollars: withdrawal) withdrawal is paid.")
            if paid < withdrawal {
                raise(.needsApproval, id,
                      "The \(withdrawal.formatted) withdrawal is paid short by \((withdrawal - paid).formatted): "
                        + unsoldHoldings(index, short: withdrawal - paid))
            }
            // What raising the withdrawal itself put past the budget: a manual trade's own
            // overshoot before it has its own row, and is not said again here.
            let impactAfter = books[index].ledger.impact
            if case .limit(let limit) = books[index].account.taxBudget, impactAfter > limit, impactAfter > impactBefore {
                let over = impactAfter - Money.max(limit, impactBefore)
                // The budget the phases before it had used is said: the withdrawal alone was
                // blamed where Phase Out had taken all but $1.33 of it (explore-CE).
                let before = impactBefore > .zero
                    ? "; the trades before it (manual trades, Harvest, Phase Out) had used \(impactBefore.formatted) of it" : ""
                raise(.needsApproval, id,
                      "Raising the withdrawal passes the \(limit.formatted) tax budget by \(over.formatted)\(before).")
                audit(.raiseCash, id, nil, rule: "Tax Budget", decision: "Passed",
                      "Only the withdrawal may pass the budget: by \(dollars: over).")
            }
        }
        books[index].withdrawalSettled = true
        let value = books[index].investableValue
        let target = value.multiplied(by: books[index].account.cashTarget)
        let short = target - books[index].cash
        guard short > .zero else { return }
        cashTargetStops = CashTargetStops()
        try raise(short, in: index, purpose: .cashTarget, tiers: [(.unblocked, true), (.forcedBlocked, true)])
        let left = target - books[index].cash
        if left > .zero {
            // What stopped it, of what was met: "the tax budget, Min Trade or restrictions"
            // named three causes where Min Trade alone had.
            // Each cause with whether its words are one thing (`stops`) or many (`stop`).
            var causes: [(words: String, isOne: Bool)] = []
            if cashTargetStops.budget { causes.append(("the tax budget", true)) }
            if cashTargetStops.minTrade { causes.append(("Min Trade (\(books[index].settings.minTrade.formatted))", true)) }
            if cashTargetStops.washSale { causes.append(("wash-sale blocks", false)) }
            let book = books[index]
            if book.heldSymbols.contains(where: { universe.restriction(of: $0).map { $0 != .noBuy } ?? false }) {
                causes.append(("restrictions", false))
            }
            if cashTargetStops.rounding {
                // explore-BK: a $16 shortfall a $72 share would have crossed a low edge for was
                // blamed on the run's buys alone.
                causes.append(("whole shares that would take positions below their low edges", false))
            }
            if cashTargetStops.atLowEdge { causes.append(("positions at or below their low edges", false)) }
            if book.heldSymbols.contains(where: { book.bought.contains($0) }) {
                causes.append(("this run's buys, which are not sold back,", false))
            }
            let words = causes.map(\.words)
            let stopped = causes.isEmpty ? "nothing is left that may be sold"
                : causes.count == 1 ? words[0] + (causes[0].isOne ? " stops further sales" : " stop further sales")
                : words.joinedAsList + " stop further sales"
            books[index].cashTargetShortCause = stopped
            audit(.raiseCash, id, nil, rule: "Cash Target", decision: "Short",
                  "Cash stays \(dollars: left) below the \(percent: books[index].account.cashTarget.doubleValue) cash target: "
                    + "\(stopped).")
        }
    }

    /// The proceeds of the sell trade `phase` has made of `symbol` in account `index`, zero
    /// when it has made none.
    func soldSoFar(_ symbol: String, in index: Int, phase: Phase) -> Money {
        guard let entry = books[index].entry(of: symbol), let row = sellRow(atEntry: entry, in: books[index], phase: phase)
        else { return .zero }
        return trades[row].amount
    }

    /// Sells positions of account `index` until `amount` is raised or no tier can give more.
    private mutating func raise(
        _ amount: Money, in index: Int, purpose: CashPurpose, tiers: [(LotAccess, Bool)]
    ) throws(PlanningError) {
        var remaining = amount
        noteExcessesBoughtInRun(index, purpose: purpose)
        // A forced sale of blocked loss lots within the budget matches their replacement shares;
        // the loss lots left are then free, and unblocked lots within the budget come before
        // any past it: that tier is run again (a withdrawal passed a $0 budget on a gain lot
        // while the loss lot it had forced, now free, could have raised the rest at no tax).
        var order: [(access: LotAccess, withinBudget: Bool, again: Bool)] = []
        for tier in tiers {
            order.append((tier.0, tier.1, false))
            if tier.0 == .forcedBlocked, tier.1 { order.append((.unblocked, true, true)) }
        }
        // Whether a tier has made a sale (its proceeds may round to nothing: not the amount raised).
        var sold = false
        for (access, withinBudget, again) in order where remaining > .zero {
            // The tier run again is skipped when no tier before it made a sale: each list of tiers
            // begins with it, so it would read what it read then. A sale alone changes the book,
            // its trades and the calendar; a sale refused changes none of them, and what else it
            // leaves stays as the tier run again would leave it: each audit row is a repeat of its
            // stage's row, not written twice (only `Sold` and `Bought` rows, made with sales, are),
            // each block listed again keeps its row (the same window, not one that ends later), and
            // each flag of `cashTargetStops` is set again as it was. It would ask the same sales and
            // be refused alike. (callgrind: 0.37% of planning's instructions.)
            if again, !sold, tiers.first.map({ $0 == (.unblocked, true) }) ?? false { continue }
            let budget: TaxBudget? = withinBudget ? books[index].account.taxBudget : nil
            // Positions above target, largest excess first. For the cash target a sale of
            // unblocked lots is at least Min Trade where the excess allows it (blocked loss lots
            // are never sold past the need): a need under Min Trade skipped on the
            // overweight went on to sell an underweight pro rata, which Rebalance could then
            // not buy back (1 VTI at 29.5% against a 39.6% target, BND at 62% left alone).
            // A sale rounded up to a whole step stays within the excess, or is rounded down: one
            // $5,000 share sold for a $400 excess raised $5,000 for a $1,000 withdrawal and took
            // the position from 40.4% to 35.4% against a 38% edge. What is left goes on to the
            // next position, and pro rata. A position above its band's high edge, which Rebalance
            // sells down in any case, may round up to its low edge (`roundingRoom`).
            // A line's excess is asked of its members in turn, stand-ins first: what one cannot
            // give (a wash-blocked loss lot, the budget, Min Trade) is asked of the next, as
            // Rebalance does. Split over them before any sale, a GOOG stand-in worth the whole
            // excess took it all, and when its loss lot was blocked the held GOOGL was never
            // asked: N and Q were sold pro rata for $490 of tax where 50 GOOGL paid the $5,000
            // withdrawal at none (explore-DL).
            for line in excesses(in: index) where remaining > .zero {
                var left = line.excess
                for (symbol, value) in line.members where remaining > .zero && left > .zero {
                    let excess = Money.min(left, value)
                    var amount = Money.min(excess, remaining)
                    if purpose == .cashTarget, access == .unblocked {
                        // Min Trade is judged on the trade's total: a position the withdrawal sold
                        // already needs no more than the need. Topped up to Min Trade alone, a $90
                        // target after a $1,000 withdrawal sale sold $200 (explore-DH).
                        let minimum = books[index].settings.minTrade - soldSoFar(symbol, in: index, phase: .raiseCash)
                        amount = .min(excess, .max(remaining, minimum))
                    }
                    let raised = try raiseFrom(symbol, amount, in: index, purpose: purpose,
                                               access: access, budget: budget, roundingUp: true,
                                               roundingUpWithin: roundingRoom(of: symbol, excess: excess, in: index),
                                               sold: &sold, how: "largest excess over target first")
                    remaining -= raised
                    left -= raised
                }
            }
            // Then pro rata by market value: each position's share rounded down to whole
            // steps, then what rounding left over from the largest positions, one at a time,
            // so the need is overshot by less than one step in all.
            var rounds = 0
            while remaining > .zero, rounds < 4 {
                rounds += 1
                let sellable = sellablePositions(in: index)
                let book = books[index]
                // Each value read by the position's entry, not looked up by name.
                let values = sellable.map { book.positions[at: $0.entry]?.value ?? .zero }
                let total = values.sum()
                guard total > .zero else { break }
                var raisedThisRound = Money.zero
                let goal = remaining
                // Largest first, ties by symbol: asked in name order, the first tickers took the
                // tax budget, and renaming one moved shares between positions (explore-EC).
                let largestFirst = zip(sellable, values).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.symbol < $1.0.symbol }
                for (position, value) in largestFirst where remaining > .zero {
                    let share = Money(cents: roundedShare(goal.cents, value.cents, total.cents))
                    let raised = try raiseFrom(position.symbol, Money.min(share, remaining), in: index, purpose: purpose,
                                               access: access, budget: budget, roundingUp: false, entry: position.entry,
                                               sold: &sold, how: "pro rata by market value")
                    remaining -= raised
                    raisedThisRound += raised
                }
                // The positions in the order they are asked for the remainder, worked out again
                // only when a sale changes it: a sale Min Trade or a block refuses changes
                // nothing, and the next in the order is the one that would be chosen then.
                // Each next position is chosen as it is asked for: most remainders are sold by
                // the first one or two, and ordering every position each time took 1.9% of
                // planning's instructions (callgrind).
                // The positions asked, by their entries in the book (a sale adds none): asked of a
                // set of names, each position was hashed again at every remainder (callgrind).
                var tried = [Bool](repeating: false, count: books[index].positions.count)
                var order = remainderCandidates(remaining, in: index, except: tried)
                while remaining > .zero, let position = Planning.takeLeastOvershoot(from: &order) {
                    let symbol = position.symbol
                    tried[position.entry] = true
                    // For the cash target, rounded up no further than the position's low edge:
                    // one $5,000 share sold for a $500 need took it from 35% to 30% against a
                    // 31.5% edge, which Rebalance then could not buy back (explore-BD). The
                    // target is left short instead, as the cash-short warning says.
                    let raised = try raiseFrom(symbol, remaining, in: index, purpose: purpose,
                                               access: access, budget: budget, roundingUp: true,
                                               roundingUpWithin: purpose == .cashTarget ? roomToLowEdge(of: symbol, in: index) : nil,
                                               withinIsLowEdge: true, entry: position.entry, sold: &sold, how: "pro rata by market value")
                    remaining -= raised
                    raisedThisRound += raised
                    if raised != .zero, remaining > .zero {
                        order = remainderCandidates(remaining, in: index, except: tried)
                    }
                }
                if raisedThisRound == .zero { break }
            }
        }
    }

    /// Logs each position above its target that Raise Cash passes over because this run bought
    /// it (a manual buy, a replacement): the largest excess, skipped without a row, left the PM
    /// to find the reason in Rebalance's row alone (explore-BD).
    private mutating func noteExcessesBoughtInRun(_ index: Int, purpose: CashPurpose) {
        let book = books[index]
        guard !book.bought.isEmpty else { return }
        let value = book.investableValue
        // Each slot's stand-ins the run bought, in one pass over the positions.
        let standIns = book.standInsOfSlots { symbol, _ in book.bought.contains(symbol) }
        for slot in book.slots.indices {
            let over = Planning.weight(slotValue(slot, in: book), of: value) - book.slots[slot].target
            guard over > 0 else { continue }
            // Each member asked where it is listed: a list of the slot's members was made and let
            // go at each slot (callgrind).
            func note(_ symbol: String) {
                guard book.quantity(of: symbol) > .zero, book.bought.contains(symbol), universe.maySell(symbol) else { return }
                let held = book.quantity(of: symbol)
                // Said of a position held before the buy too: its older shares are not sold either.
                let part = sharesBoughtInRun(symbol, ofHeld: held, in: index).map { ": \($0) of its \(held) shares; none of it is" }
                    ?? "; it is not"
                let how = book.manual.contains(symbol) ? " (Manual Trades)" : ""
                let purposeWords = purpose == .withdrawal ? "withdrawal" : "cash target"
                audit(.raiseCash, book.id, symbol, rule: "No Buy And Sell", decision: "Not Sold",
                      text: Sentence("\(symbol), \(percent: over) over its \(percent: book.slots[slot].target) target").text
                        + ", was bought in \(book.id) earlier in this run\(how)\(part) sold for the \(purposeWords).")
            }
            for member in standIns[slot].indices { note(standIns[slot][member].symbol) }
            note(book.slots[slot].symbol)
        }
    }

    /// The positions, in the order they sell what the pro-rata round-down left, `remaining`:
    /// each time, of those whose value covers it, the one whose whole steps pass it by the
    /// least (a $10 remainder from a $245 share overshot by $235 where a $52 share passed it
    /// by $42), and of those that pass it by less than `remainderTolerance` more than that, the
    /// largest (fractional steps pass it by cents in every position); when none covers it,
    /// the largest, which raises what it can. Ties by symbol. `except`: the positions already
    /// asked this round. Each held position is read by its entry, its steps worked out only
    /// where its value may cover the remainder (chosen one by one over every position, with a
    /// lookup of each by name, the remainder took 16% of planning's instructions; callgrind).
    /// The candidates come in symbol order; `takeLeastOvershoot` takes them in that order.
    /// `tried`: by entry in the book.
    private func remainderCandidates(_ remaining: Money, in index: Int, except tried: [Bool])
        -> [(symbol: String, entry: Int, overshoot: Money?, value: Money)] {
        let book = books[index]
        var candidates: [(symbol: String, entry: Int, overshoot: Money?, value: Money)] = []
        candidates.reserveCapacity(book.heldSymbols.count)
        for (symbol, entry) in zip(book.heldSymbols, book.heldEntries)
        where !tried[entry] && book.maySell(symbol, entry: entry) {
            // The position's figures read where the book keeps them: a copy of the position
            // retained and released its lots (callgrind).
            let value = book.positions[at: entry]?.value ?? .zero
            guard value > .zero, let price = book.positions[at: entry]?.price else { continue }
            var overshoot: Money?
            if value >= remaining {
                let steps = universe.shares(remaining, price, roundingUp: true)
                if steps <= book.positions[at: entry]?.quantity ?? .zero { overshoot = price.value(of: steps) - remaining }
            }
            candidates.append((symbol, entry, overshoot, value))
        }
        return candidates
    }

    /// The next position of the remainder's order (`remainderCandidates`), taken out of
    /// `candidates`, with its entry in the book; nil when none is left. The candidates are read
    /// where they are stored: a list of their figures, and another of their overshoots, were
    /// made and let go at every position asked (callgrind: 0.4% of planning's instructions).
    static func takeLeastOvershoot(
        from candidates: inout [(symbol: String, entry: Int, overshoot: Money?, value: Money)]
    ) -> HeldPosition? {
        guard let best = leastOvershoot(
            candidates.count, overshoot: { candidates[$0].overshoot }, value: { candidates[$0].value }) else { return nil }
        let taken = candidates.remove(at: best)
        return HeldPosition(symbol: taken.symbol, entry: taken.entry)
    }

    /// Overshoots closer than this are alike to `leastOvershoot`.
    static let remainderTolerance = Money(cents: 100)

    /// Of `count` positions that may sell a remainder, each with how far its whole steps pass
    /// it (`overshoot`, nil when it cannot cover it) and its `value`, in symbol order: the
    /// place of the one whose steps pass it by the least, of those within
    /// `remainderTolerance` of that the largest, the first of them on a tie; when none covers
    /// it, the largest. Nil when there are none. Raise Cash's remainder and a cap's or sector
    /// band's choose alike.
    @inline(__always)
    static func leastOvershoot(_ count: Int, overshoot: (Int) -> Money?, value: (Int) -> Money) -> Int? {
        var least: Money?
        for place in 0..<count {
            if let overshoot = overshoot(place), least.map({ overshoot < $0 }) ?? true { least = overshoot }
        }
        var best: Int?
        for place in 0..<count {
            if let least {
                guard let overshoot = overshoot(place), overshoot - least < remainderTolerance else { continue }
            }
            if best.map({ value(place) > value($0) }) ?? true { best = place }
        }
        return best
    }

    private func roundedShare(_ goal: Int64, _ value: Int64, _ total: Int64) -> Int64 {
        roundedProductQuotient(goal, value, dividedBy: total)
    }

    /// How far a sale of `symbol` for its `excess` above target may come to when rounded up:
    /// the excess while the position is inside its band; the way down to its low edge when it
    /// is above its high edge (3 shares at $5,000, 55.6% against a 49.2% edge: held to the
    /// excess, no share was sold, an underweight was sold pro rata, and Rebalance then sold
    /// the share all the same). Nil for a legacy holding, all of it excess.
    private func roundingRoom(of symbol: String, excess: Money, in index: Int) -> Money? {
        let book = books[index]
        guard let slot = book.place(of: symbol, universe: universe).slot else { return nil }
        guard Planning.weight(slotValue(slot, in: book), of: book.investableValue) > book.slots[slot].high else { return excess }
        return .max(excess, roomToLowEdge(ofSlot: slot, in: book))
    }

    /// How much of a model position may be sold before it falls below its band's low edge
    /// (none once below it); nil for a position no model line counts, which has no band.
    private func roomToLowEdge(of symbol: String, in index: Int) -> Money? {
        let book = books[index]
        return book.place(of: symbol, universe: universe).slot.map { roomToLowEdge(ofSlot: $0, in: book) }
    }

    /// `roomToLowEdge(of:in:)` of a model line.
    private func roomToLowEdge(ofSlot slot: Int, in book: AccountBook) -> Money {
        .max(.zero, slotValue(slot, in: book) - Planning.part(book.slots[slot].low, of: book.investableValue))
    }

    /// Sells about `amount` of `symbol` (rounded up to the trading step, or down) and returns
    /// the proceeds. `roundingUpWithin`: the most a sale rounded up may come to; past it, the
    /// sale is rounded down instead. `sold`: set when a sale is made.
    private mutating func raiseFrom(
        _ symbol: String, _ amount: Money, in index: Int, purpose: CashPurpose, access: LotAccess,
        budget: TaxBudget?, roundingUp: Bool, roundingUpWithin: Money? = nil, withinIsLowEdge: Bool = false,
        entry knownEntry: Int? = nil, sold: inout Bool, how: String
    ) throws(PlanningError) -> Money {
        guard amount > .zero, let price = universe.priceIfKnown(symbol) else { return .zero }
        let book = books[index]
        var quantity = universe.shares(amount, price, roundingUp: roundingUp)
        /// Whether the round-up was undone to keep the position from its low edge.
        var keptFromEdge = false
        if roundingUp, let within = roundingUpWithin, price.value(of: quantity) > within {
            quantity = universe.shares(amount, price, roundingUp: false)
            keptFromEdge = true
        }
        // The position's entry found once (or given: found by name, a position's three tables
        // were retained and released at each sale asked; callgrind), for its quantity here and
        // for the sale.
        let entry = knownEntry ?? book.entry(of: symbol)
        let held = entry.flatMap { book.position(atEntry: $0)?.quantity } ?? .zero
        // Rounding up for the withdrawal, an amount that is the whole position's value sells
        // all of it: worked out from its value in cents, fractional shares came to a ten-
        // thousandth short (160.5187 of 160.5188 V at $10.96, the rest left as dust while
        // the withdrawal was paid short).
        if roundingUp, held > quantity, amount >= price.value(of: held) { quantity = held }
        // What is sought of a position is at most what it holds: "0 of the 1673 sought" of 652
        // held named the whole need in its shares.
        quantity = Quantity.min(quantity, held)
        guard quantity > .zero else {
            // Said, as Rebalance's rounding is (explore-BK: a dear share passed over had no row),
            // where the edge kept was the low edge, the remainder's last resort: an excess's own
            // round-down leaves the pro-rata steps to sell it.
            if keptFromEdge, withinIsLowEdge, held > .zero {
                let purposeWords = purpose == .withdrawal ? "withdrawal." : "cash target."
                if roundingUpWithin == .zero {
                    // No share would take it below its edge: it is there already (explore-DH: "A sale
                    // of 1 Y would take it below its low edge" of Y at 44.4% against a 67% edge).
                    if purpose == .cashTarget { cashTargetStops.atLowEdge = true }
                    // Its own pro rata sale may have taken it there: "already" beside that sale's
                    // row read as a contradiction (explore-ED).
                    let soldHere = madeTrade(in: index, symbol: symbol, side: .sell, phase: .raiseCash) != nil
                    audit(.raiseCash, book.id, symbol, rule: "Band", decision: "Skipped", soldHere
                          ? "\(symbol) is at or below its low edge after its sale above: no more of it is sold for the \(purposeWords)"
                          : "\(symbol) is at or below its low edge already: none of it is sold for the \(purposeWords)")
                } else {
                    if purpose == .cashTarget { cashTargetStops.rounding = true }
                    audit(.raiseCash, book.id, symbol, rule: "Rounding", decision: "Skipped",
                          "A sale of \(universe.step) \(symbol) (\(dollars: price.value(of: universe.step))) would take it below "
                            + "its low edge: not made for the \(purposeWords)")
                }
            }
            return .zero
        }
        /// The Reason's words, put together only for a sale made.
        func why() -> String {
            var why: Sentence
            switch purpose {
            case .withdrawal: why = "raises cash for the \(dollars: book.account.withdrawal) withdrawal"
            case .cashTarget: why = "raises cash toward the \(percent: book.account.cashTarget.doubleValue) cash target"
            }
            if access == .forcedBlocked {
                // "after every unblocked lot" read as false where the budget had left unblocked
                // lots unsold: they are the ones the budget allowed.
                why += budget == nil
                    ? "; blocked loss lots sold once unblocked lots could raise no more, their loss disallowed as far as "
                        + "replacement shares match it"
                    : "; blocked loss lots sold once unblocked lots could raise no more within the tax budget, their loss "
                        + "disallowed as far as replacement shares match it"
            }
            if budget == nil { why += "; past the tax budget, as only the withdrawal may" }
            return why.text
        }
        let outcome = try sell(
            symbol, upTo: quantity, in: index, phase: .raiseCash, access: access, budget: budget,
            minimumAmount: purpose == .cashTarget ? books[index].settings.minTrade : nil, price: price, entry: entry,
            why: why())
        if outcome.quantity > .zero {
            sold = true
            audit(.raiseCash, book.id, symbol, rule: purpose == .withdrawal ? "Withdrawal" : "Cash Target",
                  decision: "Sold", "\(outcome.quantity) \(symbol) sold for \(dollars: outcome.proceeds)"
                    + (budget == nil ? " past the tax budget, as only the withdrawal may" : "") + ": \(how).")
        }
        if outcome.forced > 0 {
            // One warning per account and symbol, worded again with the totals when another
            // pass (the withdrawal's, then the cash target's) forces more: the amount, and
            // what of it is lost for good, is what a reviewer weighs.
            let place = "\(book.id)/\(symbol)"
            var forced = forcedSaleWarnings[place] ?? ForcedSaleWarning(exception: raiseUnworded(.warning, place))
            forced.lots = max(forced.lots, outcome.forced)
            forced.disallowed += outcome.disallowed
            forced.lost += outcome.lost
            forcedSaleWarnings[place] = forced
            var message: Sentence = "Raise Cash sells \(forced.lots) loss lot(s) of \(symbol) that replacement shares block: "
                + "\(dollars: forced.disallowed) of the loss is disallowed"
            if forced.lost > .zero {
                message += ", \(dollars: forced.lost) of it lost for good to replacements in an untaxed account "
                    + "(Rev. Rul. 2008-5)"
            }
            message += " (see the Wash Sale sheet)."
            word(forced.exception, message.text)
        }
        if purpose == .cashTarget {
            cashTargetStops.budget = cashTargetStops.budget || outcome.budgetCut
            cashTargetStops.minTrade = cashTargetStops.minTrade || outcome.underMinTrade
            cashTargetStops.washSale = cashTargetStops.washSale || (outcome.washBlocked > 0 && access == .unblocked)
        }
        if outcome.underMinTrade {
            audit(.raiseCash, book.id, symbol, rule: "Min Trade", decision: "Skipped",
                  "A sale of \(symbol) for the cash target would be under \(dollars: books[index].settings.minTrade).")
        }
        if outcome.budgetCut {
            audit(.raiseCash, book.id, symbol, rule: "Tax Budget", decision: "Cut",
                  outcome.underMinTrade
                    ? "The tax budget leaves room for \(outcome.fitted) of the \(quantity) \(symbol) sought, a sale under Min "
                        + "Trade: not made."
                    : "The tax budget cuts the sale of \(symbol) within it to \(outcome.quantity) of the \(quantity) sought.")
        }
        return outcome.proceeds
    }

    /// A held position: its symbol and its entry in the book.
    struct HeldPosition {
        let symbol: String
        let entry: Int
    }

    /// Positions that Raise Cash may sell: held, not `Hold`/`No Sell`/`No Trade`, not bought
    /// in this run. In symbol order.
    func sellablePositions(in index: Int) -> [HeldPosition] {
        // `sellStop` is nil: each symbol's place read by its entry in the book.
        let book = books[index]
        var sellable: [HeldPosition] = []
        for (symbol, entry) in zip(book.heldSymbols, book.heldEntries)
        where book.maySell(symbol, entry: entry) {
            sellable.append(HeldPosition(symbol: symbol, entry: entry))
        }
        return sellable
    }

    /// Sellable positions above their target, a line at a time with its dollar excess: a
    /// slot's members in the order they are asked for it, its stand-ins first, then its model
    /// symbol, each with its market value; a legacy position, all excess, is a line of its
    /// own. A slot's excess is at most what its sellable members hold. Lines come largest
    /// excess first (ties by their first member's symbol): sorted member by member, a model
    /// symbol's larger part came before its stand-in's (Raise Cash sold VTI at a gain, then
    /// Rebalance the ITOT standing in for it at a loss).
    func excesses(in index: Int) -> [(members: [(symbol: String, value: Money)], excess: Money)] {
        let book = books[index]
        let value = book.investableValue
        var lines: [(members: [(symbol: String, value: Money)], excess: Money)] = []
        // The sellable positions, each read by its entry: legacy ones are lines of their own,
        // and stand-ins are listed under their slots.
        for (symbol, entry) in zip(book.heldSymbols, book.heldEntries)
        where book.place(ofEntry: entry).isLegacy && book.maySell(symbol, entry: entry) {
            let worth = book.positions[at: entry]?.value ?? .zero
            lines.append(([(symbol, worth)], worth))
        }
        let standIns = book.standInsOfSlots { symbol, entry in book.maySell(symbol, entry: entry) }
        for slot in book.slots.indices {
            let excess = slotValue(slot, in: book) - Planning.part(book.slots[slot].target, of: value)
            guard excess > .zero else { continue }
            var members = standIns[slot]
            // Removed from only when one is worth nothing: asked of every slot, the removal went
            // through the general replacement of a range (callgrind).
            if members.contains(where: { $0.value <= .zero }) { members.removeAll { $0.value <= .zero } }
            let model = book.slots[slot].symbol
            if let entry = book.entry(of: model), book.positions[at: entry] != nil, book.maySell(model, entry: entry) {
                let worth = book.positions[at: entry]?.value ?? .zero
                if worth > .zero { members.append((model, worth)) }
            }
            let held = members.reduce(Money.zero) { $0 + $1.value }
            if !members.isEmpty { lines.append((members, Money.min(excess, held))) }
        }
        lines.sort {
            $0.excess != $1.excess ? $0.excess > $1.excess : $0.members[0].symbol < $1.members[0].symbol
        }
        return lines
    }
}
