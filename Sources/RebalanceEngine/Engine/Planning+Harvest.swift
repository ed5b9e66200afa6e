extension Planning {
    /// Phase 2: harvest losses in a taxed account, largest dollar loss first.
    ///
    /// A loss lot is sold when the quantity sold carries a loss of at least Harvest Min Loss
    /// and Harvest Min Loss % of its basis, and no replacement share blocks it. The proceeds
    /// buy the first allowed Replacement, never past its target; without one, only the part
    /// of the position above its target (band edge under `Band Edge`) is harvested, since
    /// the family cannot be bought back for Wash Sale Days. Legacy loss lots are harvested
    /// whole; they buy a replacement only if it is a model symbol.
    mutating func harvest(_ index: Int) throws(PlanningError) {
        guard books[index].isTaxed else { return }
        let book = books[index]
        // Each loss lot's Lot ID (its place in the harvest's order after its loss and date), and
        // its symbol's place in `symbols`: the lot itself is read from its position when its turn
        // comes (each lot copied whole into a list had its names retained and let go twice;
        // callgrind). The order sorts entries of numbers alone (`HarvestEntry`), which reach the
        // Lot IDs only in a tie of loss and date: a sort of the lots' places read the losses and
        // dates from lists of their own at every comparison (callgrind: 0.11% of planning's
        // instructions).
        // The lists start with room for a loss lot per position: grown from empty, they were
        // moved to larger ones several times per account.
        var lots: [(lotID: String, symbol: Int)] = []
        var order: [HarvestEntry] = []
        var symbols: [(symbol: String, entry: Int, price: Price)] = []
        var places: [(symbol: Int, lot: Int)] = []
        lots.reserveCapacity(book.heldEntries.count)
        order.reserveCapacity(book.heldEntries.count)
        places.reserveCapacity(book.heldEntries.count)
        // `places`: each loss lot's place among its position's lots, and its symbol's number when the
        // position is large (-1 when not); each such symbol's entry in the book, and its lots
        // taken out (counted once one is). A small position's lot is found by a short search
        // when a sale has moved it: counting costs more there than it saves.
        var entries: [Int] = []
        var takenOut: [TakenOut?] = []
        // Each held symbol's place, price and lots read by its entry in the book, not looked up by name.
        for (symbol, entry) in zip(book.heldSymbols, book.heldEntries)
        where book.maySell(symbol, entry: entry) {
            guard let position = book.positions[at: entry], let price = position.price else { continue }
            // Read where they are stored: `for lot in` copies each lot, and most are no loss.
            let held = position.lots
            var listed = false
            for lot in held.indices {
                // A whole-lot sale's loss: basis over proceeds.
                let proceeds = price.value(of: held[lot].quantity)
                if proceeds < held[lot].costBasis {
                    let isLarge = held.count >= Planning.countedPosition
                    if isLarge, entries.last != entry {
                        entries.append(entry)
                        takenOut.append(nil)
                    }
                    if !listed {
                        symbols.append((symbol, entry, price))
                        listed = true
                    }
                    order.append(HarvestEntry(
                        loss: (held[lot].costBasis - proceeds).cents, acquired: held[lot].acquired.orderKey,
                        lot: Int32(lots.count)))
                    lots.append((held[lot].lotID, symbols.count - 1))
                    places.append((isLarge ? entries.count - 1 : -1, lot))
                }
            }
        }
        noteLossesKeptByManualBuys(index)
        // Largest loss first, then oldest, then by Lot ID (`TaxLot.isOlder`).
        order.sort { a, b in
            a.loss != b.loss ? a.loss > b.loss
                : a.acquired != b.acquired ? a.acquired < b.acquired
                : LotIDOrder.precedes(lots[Int(a.lot)].lotID, lots[Int(b.lot)].lotID)
        }
        var passedOver: [PassedOver] = []
        for ordered in order {
            let candidate = Int(ordered.lot)
            // Where the lot is now: its first place less the lots of its position sold whole
            // before it (the phase takes a lot out only by selling it whole, and adds none to
            // a position it harvests). Searched for one by one, a position of 50,000 lots took
            // most of its planning time here.
            let (number, place) = places[candidate]
            let (symbol, entry, price) = symbols[lots[candidate].symbol]
            let lotID = lots[candidate].lotID
            guard number >= 0 else {
                if let why = try harvestLot(symbol, entry, price, lotID, at: place, in: index) { passedOver.append(why) }
                continue
            }
            let heldBefore = books[index].positions[at: entries[number]]?.lots.count ?? 0
            let now = place - (takenOut[number]?.before(place) ?? 0)
            if let why = try harvestLot(symbol, entry, price, lotID, at: now, in: index) { passedOver.append(why) }
            if (books[index].positions[at: entries[number]]?.lots.count ?? 0) < heldBefore {
                if takenOut[number] == nil { takenOut[number] = TakenOut(count: heldBefore) }
                takenOut[number]!.take(place)
            }
        }
        // Each row filed under the rule that held its lots back: a lot left because there is no
        // replacement and nothing above target was filed under Harvest Min Loss, which played
        // no part in it (explore-CU).
        if passedOver.indices.contains(where: { passedOver[$0].why != .nothingAboveTarget }) {
            audit(.harvest, books[index].id, nil, rule: "Harvest Min Loss", decision: "Skipped",
                  text: passedOverDetail(passedOver, for: [.underMinimum, .underPercent], settings: books[index].settings))
        }
        if passedOver.indices.contains(where: { passedOver[$0].why == .nothingAboveTarget }) {
            audit(.harvest, books[index].id, nil, rule: "Replacement", decision: "Skipped",
                  text: passedOverDetail(passedOver, for: [.nothingAboveTarget], settings: books[index].settings))
        }
    }

    /// Says in the Audit Log which positions with a loss worth harvesting Harvest leaves
    /// because a manual trade bought them, or an identical symbol, in the account: selling
    /// them would undo the buy (and the buy would disallow the loss). Left without a word, a
    /// $20,000 loss went unharvested with nothing in the Audit Log, Wash Sale or Exceptions.
    private mutating func noteLossesKeptByManualBuys(_ index: Int) {
        let book = books[index]
        guard !book.manual.isEmpty || !book.manualTwinBuys.isEmpty else { return }
        for (symbol, entry) in zip(book.heldSymbols, book.heldEntries) where !book.maySell(symbol, entry: entry) {
            let bought = book.bought.contains(symbol) && book.manual.contains(symbol)
            guard bought || book.manualTwinBuys.contains(symbol), universe.maySell(symbol),
                  let position = book.position(atEntry: entry), let price = position.price else { continue }
            var loss = Money.zero
            for lot in position.lots.indices {
                let proceeds = price.value(of: position.lots[lot].quantity)
                if proceeds < position.lots[lot].costBasis { loss += position.lots[lot].costBasis - proceeds }
            }
            guard loss >= book.settings.harvestMinLoss, loss > .zero else { continue }
            let buy = bought ? "a manual trade bought it in \(book.id) in this run"
                : "a manual trade bought \(twins(of: symbol, in: book.manual)), identical to it, in \(book.id) in this run"
            audit(.harvest, book.id, symbol, rule: "No Buy And Sell", decision: "Not Harvested",
                  "\(symbol)'s loss lots (\(dollars: loss) of loss) are not harvested: \(buy), and a sale would undo the buy, "
                    + "which would disallow the loss in any case (26 USC 1091(a)).")
        }
    }

    /// A loss lot's place in Harvest's order, as numbers: its loss as sold whole in cents, its
    /// date as one number that orders as the date does, and its place in the list of loss lots.
    struct HarvestEntry {
        let loss: Int64
        let acquired: Int32
        let lot: Int32
    }

    /// A loss lot Harvest passed over, and why.
    struct PassedOver {
        enum Why: CaseIterable {
            /// The loss on what could be sold is under Harvest Min Loss.
            case underMinimum
            /// It is under Harvest Min Loss % of that quantity's basis.
            case underPercent
            /// With no replacement, none of the position is above its target to sell.
            case nothingAboveTarget
        }

        let symbol: String
        let lotID: String
        let why: Why
        /// The loss on the quantity that could be sold (zero when nothing could be).
        let loss: Money
    }

    /// The Audit Log's words for the loss lots Harvest passed over for the reasons `whys` (in
    /// `Why` order), each reason with the lots it held back (the first few by name, largest
    /// loss first): "1 loss lot(s) were not harvested: below $1,000.00 or 5% of basis …, or
    /// nothing above target" named neither the lot nor which rule held it.
    private func passedOverDetail(_ lots: [PassedOver], for whys: [PassedOver.Why], settings: Settings) -> String {
        let named = 5
        // Each reason's lots by their places: lists of the lots themselves copied their names (callgrind).
        let places = whys.map { why in lots.indices.filter { lots[$0].why == why } }
        var detail: Sentence = "\(places.reduce(0) { $0 + $1.count }) loss lot(s) not harvested"
        var first = true
        for (why, held) in zip(whys, places) {
            guard !held.isEmpty else { continue }
            detail.append(first ? ": " : "; ")
            first = false
            switch why {
            case .underMinimum: detail += "a loss under Harvest Min Loss (\(dollars: settings.harvestMinLoss)): "
            case .underPercent:
                detail += "a loss under Harvest Min Loss Pct (\(percent: settings.harvestMinLossPercent.doubleValue) of basis): "
            case .nothingAboveTarget:
                detail += "no replacement, and nothing of the position above its \(Planning.harvestEdge(settings)) to sell: "
            }
            for (number, place) in held.prefix(named).enumerated() {
                if number > 0 { detail.append(", ") }
                detail.append(lots[place].symbol)
                detail.append(" lot ")
                detail.append(lots[place].lotID)
                if why != .nothingAboveTarget {
                    detail.append(" (")
                    detail.append(dollars: lots[place].loss)
                    detail.append(")")
                }
            }
            if held.count > named { detail += " and \(held.count - named) more" }
        }
        detail.append(".")
        return detail.text
    }

    /// What a harvest with no replacement sells down to, as its words say: the target, or the
    /// band's high edge under `Rebalance To = Band Edge`.
    static func harvestEdge(_ settings: Settings) -> String {
        settings.rebalanceTo == .bandEdge ? "band's high edge" : "target"
    }

    /// Positions of this many lots or more have the lots Harvest sells whole counted, to find
    /// each loss lot where it is now (`TakenOut`).
    static let countedPosition = 64

    /// Harvests one lot, of `symbol` (at `entry` of the book's positions, priced at `price`)
    /// with Lot ID `lotID`, if the rules allow; what held it back when its loss is below the thresholds or nothing
    /// of it may be sold, nil otherwise (sold, blocked, or no longer held). `place` is where
    /// the lot should be among its position's lots; it is looked for by its Lot ID when it is
    /// not there.
    private mutating func harvestLot(
        _ symbol: String, _ entry: Int, _ price: Price, _ lotID: String, at place: Int, in index: Int
    ) throws(PlanningError) -> PassedOver? {
        guard let lot = heldLot(entry, lotID, at: place, in: index) else { return nil }
        let id = books[index].id
        let today = asOf
        if let record = inCalendar(householdOfBook[index], { $0.cachedLossSaleBlock(for: lot, on: today) }) {
            logLossSaleBlock(record, phase: .harvest, book: index)
            return nil
        }
        // Made only when it is the answer: most lots have a replacement, and their names were
        // retained for it and let go (callgrind).
        func nothingAboveTarget() -> PassedOver {
            PassedOver(symbol: symbol, lotID: lot.lotID, why: .nothingAboveTarget, loss: .zero)
        }
        let whole = lot.sale(of: lot.quantity, at: price, on: asOf)
        let book = books[index]
        let legacy = book.place(ofEntry: entry).isLegacy
        let replacement = harvestReplacement(for: symbol, selling: whole, legacy: legacy, in: index)
        var quantity = lot.quantity
        if replacement == nil, !legacy {
            guard let slot = books[index].layout.slotIndexBySymbol[symbol] else { return nothingAboveTarget() }
            let value = books[index].investableValue
            let edge = books[index].settings.rebalanceTo == .bandEdge ? books[index].slots[slot].high : books[index].slots[slot].target
            let excess = slotValue(slot, in: book) - Planning.part(edge, of: value)
            quantity = .min(lot.quantity, universe.shares(excess, price, roundingUp: false))
            guard quantity > .zero else { return nothingAboveTarget() }
        }
        let sale = quantity == lot.quantity ? whole : lot.sale(of: quantity, at: price, term: whole.term)
        let loss = sale.gain.magnitude
        guard sale.isLoss, loss >= books[index].settings.harvestMinLoss else {
            return PassedOver(symbol: symbol, lotID: lot.lotID, why: .underMinimum, loss: sale.isLoss ? loss : .zero)
        }
        guard loss >= sale.costBasis.multiplied(by: books[index].settings.harvestMinLossPercent) else {
            return PassedOver(symbol: symbol, lotID: lot.lotID, why: .underPercent, loss: loss)
        }
        // The rest written into the same buffer: a `+=` of a sentence makes one of its own.
        var why: Sentence = "harvests a \(dollars: loss) loss on lot \(lot.lotID) (\(sale.term))"
        if let replacement {
            why.append(", replaced by ")
            why.append(replacement)
        } else if legacy {
            why.append("; a legacy holding with no model replacement, so the proceeds wait for Rebalance")
        } else {
            why.append("; no allowed replacement, so only the part above its ")
            why.append(Planning.harvestEdge(books[index].settings))
            why.append(" is sold")
        }
        // The proceeds read first, and the sale moved into the list: read after, it was copied
        // into the list whole (callgrind).
        let proceeds = sale.proceeds
        commitSale([sale], symbol: symbol, price: price, in: index, phase: .harvest, why: why.text)
        audit(.harvest, id, symbol, rule: "Harvest", decision: "Sold",
              "Lot \(lot.lotID): \(quantity) sold at a \(dollars: loss) loss.")
        guard let replacement else { return nil }
        // The buy, sized again on the sale as made: never past the replacement's target.
        let (slot, sized) = sizedReplacement(replacement, for: symbol, proceeds: proceeds, in: index)
        if let slot, let claimant = books[index].layout.slotIndexBySymbol[replacement], slot != claimant {
            books[index].countStandIn(replacement, toward: slot, universe: universe)
            audit(.harvest, id, replacement, rule: "Stand-In", decision: "Counted",
                  "\(replacement) is bought to replace \(symbol), so it counts toward the \(books[index].slots[slot].symbol) "
                    + "target in \(id), not the \(books[index].slots[claimant].symbol) target it counts toward by model order.")
        } else if let slot, books[index].slots[slot].symbol != replacement, !legacy,
                  let stoodFor = books[index].modelSymbol(standingInFor: symbol) {
            // A stand-in's replacement that is no model symbol counts where the stand-in did:
            // the Drift line of the model symbol took it in without a word (explore-ED). One
            // that counts toward another line (in that line's Identical Group) says so, and
            // which line the stand-in stood in for: "FFPL, which stood in for NEC" named the
            // replacement's line for the stand-in's, and hid FFP's exposure moving to NEC (explore-EJ).
            let counts = books[index].slots[slot].symbol
            audit(.harvest, id, replacement, rule: "Stand-In", decision: "Counted",
                  "\(replacement) is bought to replace \(symbol), which stood in for \(stoodFor): "
                    + (stoodFor == counts ? "it counts toward the \(counts) target in \(id)."
                        : "\(replacement) counts toward the \(counts) target in \(id), not \(stoodFor)'s."))
        }
        // The model symbol bought back in place of its stand-in is said to be so (explore-ED).
        let modelBack = books[index].modelSymbol(standingInFor: symbol) == replacement
        if let amount = sized.amount {
            let shares = universe.quantity(buyableWith: amount, replacement)
            // A cut by a group's cap or a sector's edge is said, as Rebalance says its own: the
            // rest of the proceeds waits in cash for a reason the PM can read.
            let cut = sized.cappedBy.map { "; cut to \(amount.formatted) by the \($0.capName)" } ?? ""
            try buy(replacement, quantity: shares, in: index, phase: .harvest,
                    why: replacingClause(replacement, for: symbol, lot: lot.lotID, in: index)
                        + (modelBack ? "; \(replacement) is the model symbol \(symbol) stood in for" : "") + cut)
            audit(.harvest, id, replacement, rule: "Replacement", decision: "Bought",
                  text: Sentence("\(shares) \(replacement) bought with the proceeds of \(symbol) lot \(lot.lotID)").text + cut + ".")
        }
        return nil
    }

    /// The clause of a replacement buy for a harvest of `symbol`'s lot `lotID`, naming every lot
    /// of `symbol` it replaces; the buy's trade, when an earlier lot made it, has its clause
    /// put in the new one's place. Each lot's own clause was said once per lot ("replaces RBG
    /// harvested at a loss (lot 700015); …; replaces RBG harvested at a loss (lot 700051)";
    /// explore-EJ).
    private mutating func replacingClause(_ replacement: String, for symbol: String, lot lotID: String, in index: Int) -> String {
        let key = ReplacementOfSymbol(book: index, replacement: replacement, harvested: symbol)
        // Made with room for a few dozen at the first: grown from empty, the table was made again
        // at each doubling, every key hashed again (callgrind: 0.2% of planning's instructions).
        if replacedLots.isEmpty { replacedLots = [ReplacementOfSymbol: [String]](minimumCapacity: 32) }
        // The lot added and the lots read in one question of the table, where the earlier lots were
        // read in one, the lot added in another, and the two joined in a list of their own.
        func adding(to lots: inout [String]) -> [String] {
            lots.append(lotID)
            return lots
        }
        let lots = adding(to: &replacedLots[key, default: []])
        let clause = Planning.replacingClause(symbol, lots: lots)
        if lots.count > 1, let row = madeTrade(in: index, symbol: replacement, side: .buy, phase: .harvest) {
            tradeNotes[row].replace(clause: Planning.replacingClause(symbol, lots: Array(lots.dropLast())), with: clause)
        }
        return clause
    }

    /// "replaces X harvested at a loss (lot A)", or of lots: "(lots A and B)", the first four
    /// named and the rest counted, as a sale's Reason lists its lots.
    static func replacingClause(_ symbol: String, lots: [String]) -> String {
        // Written in one buffer: the clause inside a clause, a string of its own, was appended
        // piece by piece twice (callgrind).
        var clause: Sentence = "replaces \(symbol) harvested at a loss ("
        if lots.count == 1 {
            clause.append("lot " as StaticString)
            clause.append(lots[0])
        } else if lots.count <= 4 {
            clause.append("lots " as StaticString)
            clause.append(lots.joinedAsList)
        } else {
            clause.append("lots " as StaticString)
            clause.append(lots.prefix(4).joined(separator: ", "))
            clause.append(" and " as StaticString)
            clause.append(lots.count - 4)
            clause.append(" more" as StaticString)
        }
        clause.append(")" as StaticString)
        return clause.text
    }

    /// The lot `lotID` of the position at `entry` as it holds it now, looked for at `place`
    /// first; nil when no longer held. (The position's lots are let go on return: held across
    /// the sale, they would be copied whole at its change to them.)
    private func heldLot(_ entry: Int, _ lotID: String, at place: Int, in index: Int) -> TaxLot? {
        guard let held = books[index].positions[at: entry]?.lots else { return nil }
        if place < held.count, held[place].lotID == lotID { return held[place] }
        return held.first { $0.lotID == lotID }
    }

    /// The first allowed Replacement for a harvest of `symbol`: unrestricted, priced, in a
    /// slot (a model symbol for legacy), not in the harvested symbol's Identical Group, not
    /// in a blocked family, and a buy of at least Min Trade within its target.
    ///
    /// A stand-in's own Replacements are asked first, then the model symbol it counts toward
    /// (never a twin's: identical), then that symbol's Replacements: ITOT held as VTI's
    /// Replacement goes back to VTI once VTI's window is past, and GOOG held in GOOGL's slot
    /// may be replaced by GOOGL's Replacement, which counts toward GOOGL as GOOG did. Asked of
    /// its own list alone, a GOOG lot $5,000 under water was harvested only above its target,
    /// which was nothing (explore-DL), and a harvest's replacement could never be harvested
    /// back into the symbol it replaced (explore-DX).
    private mutating func harvestReplacement(for symbol: String, selling sale: LotSale, legacy: Bool, in index: Int) -> String? {
        var listed = universe.replacements(of: symbol)
        if let model = books[index].modelSymbol(standingInFor: symbol) {
            // Its own name in the model symbol's list (a Replacement standing in), and its twin,
            // are not asked of it.
            let twin = universe.areIdentical(model, symbol)
            for candidate in (twin ? [] : [model]) + universe.replacements(of: model)
            where candidate != symbol && !listed.contains(candidate) {
                listed.append(candidate)
            }
        }
        for candidate in listed {
            let book = books[index]
            var why: String?
            if candidate == symbol || universe.areIdentical(candidate, symbol) {
                why = "it is substantially identical to \(symbol)"
            } else if universe.priceIfKnown(candidate) == nil {
                why = "it has no price"
            } else if universe.restriction(of: candidate) != nil {
                why = "it is \(universe.restriction(of: candidate)!.rawValue)"
            } else if book.layout.slotIndexBySymbol[candidate] == nil {
                // A Phase Out flag makes even a model symbol legacy: that, not the model, is why
                // (explore-BD: "not in the model" of a symbol the model held).
                why = universe.isMarkedPhaseOut(candidate) ? "it is marked Phase Out on the Securities sheet"
                    : "it is not in the model and stands in for no model symbol"
            } else if legacy, book.slots[book.layout.slotIndexBySymbol[candidate]!].symbol != candidate {
                why = "\(symbol) is a legacy holding and \(candidate) is not a model symbol"
            } else if let stop = buyStop(candidate, in: index, phase: .harvest, log: true) {
                why = stop == .washSale ? "a wash-sale window covers it" : "it was sold in this account earlier in the run"
            } else if let limit = sizedReplacement(candidate, for: symbol, proceeds: sale.proceeds, in: index, selling: sale)
                        .sized.refusal {
                why = limit
            }
            if let why {
                audit(.harvest, book.id, candidate, rule: "Replacement", decision: "Not Allowed",
                      "\(candidate) does not replace \(symbol): \(why).")
                continue
            }
            return candidate
        }
        return nil
    }

    /// What a replacement buy for a harvest of `harvested` may spend, and the slot it then
    /// counts toward. A Replacement several model symbols name counts, by model order, toward
    /// the first (the stand-in rule). Bought for another of them, in an account that holds none
    /// of it and has not traded it in the run, it is sized against, and counts toward, the slot
    /// of the symbol it replaces, as the contract's stand-ins say of a replacement bought in a
    /// harvest; where that slot has no room for it, against the first's. Sized against the
    /// first's slot alone, a $6,000 loss of the third had not been harvested, "at or past its
    /// target" said of a replacement at 0% (explore-CT), and a $4,000 harvest was replaced by
    /// $300, the room the first had left (explore-DB).
    private func sizedReplacement(_ replacement: String, for harvested: String, proceeds: Money, in index: Int,
                                  selling: LotSale? = nil)
        -> (slot: Int?, sized: (amount: Money?, cappedBy: DriftKey?, refusal: String?)) {
        let book = books[index]
        let claimant = book.layout.slotIndexBySymbol[replacement]
        // The claimant's size asked in two places, not through a closure: one capturing the
        // planning retained and released seven of its references at every question (callgrind).
        guard let slot = claimant, let own = book.layout.slotIndexBySymbol[harvested], own != slot,
              standsInAsReplacement(replacement, for: book.slots[slot].symbol),
              book.position(of: replacement) == nil, !book.bought.contains(replacement), !book.sold.contains(replacement)
        else { return (claimant, replacementSize(replacement, slot: claimant, proceeds: proceeds, in: index, selling: selling)) }
        let mine = replacementSize(replacement, slot: own, proceeds: proceeds, in: index, selling: selling)
        return mine.amount != nil ? (own, mine)
            : (claimant, replacementSize(replacement, slot: claimant, proceeds: proceeds, in: index, selling: selling))
    }

    /// Whether `symbol`, counted toward the slot of `model`, counts there as a Replacement only:
    /// a model symbol counts toward its own slot, and a twin toward its identical one's,
    /// whatever names it a Replacement.
    func standsInAsReplacement(_ symbol: String, for model: String) -> Bool {
        symbol != model && !universe.areIdentical(symbol, model)
    }

    /// What a replacement buy may spend: the proceeds, at most up to the replacement's slot
    /// target (after `selling`, if not yet made), cut to its group cap or sector edge (which,
    /// when it cut, is `cappedBy`); `nil` with the reason when nothing may be bought.
    private func replacementSize(_ symbol: String, slot: Int?, proceeds: Money, in index: Int, selling: LotSale?)
        -> (amount: Money?, cappedBy: DriftKey?, refusal: String?) {
        let book = books[index]
        guard let slot, let price = universe.priceIfKnown(symbol) else {
            return (nil, nil, "it has no place in the model")
        }
        let value = book.investableValue
        var current = slotValue(slot, in: book)
        // The sale's value is its proceeds, priced at the universe's price as the harvest sells
        // it: looked up by name again, twice at each question (callgrind). Its fields are read
        // where they are, not copied out whole with its names.
        let sellingValue = selling?.proceeds ?? .zero
        if let sold = selling?.symbol, book.layout.slotIndexBySymbol[sold] == slot {
            current -= sellingValue
        }
        let room = Planning.part(book.slots[slot].target, of: value) - current
        guard room > .zero else {
            // With nothing to invest (a withdrawal of the whole account), every target is $0:
            // "at its target" of a line at 0% read as untrue to the CIO (explore-EJ).
            guard value > .zero else {
                return (nil, nil, "the account has nothing to invest (its cash and positions less the withdrawal come to zero)")
            }
            let model = book.slots[slot].symbol
            return (nil, nil, model == symbol ? "it is at or past its target already"
                : "it counts toward the \(model) target, which is reached already")
        }
        var amount = Money.min(proceeds, room)
        var cappedBy: DriftKey?
        // The position sold leaves its group and sector: the pre-check, before the sale, counts
        // it out, as the sizing after the sale finds it gone.
        let freeing = (selling?.symbol).map { (place: book.place(of: $0, universe: universe), value: sellingValue) }
        if let cap = capRoom(at: book.place(of: symbol, universe: universe), in: book, freeing: freeing), cap.room < amount {
            guard cap.room > .zero else {
                return (nil, cap.binding, "the \(cap.binding.capName) is at its \(cap.binding.limitName)")
            }
            amount = cap.room
            cappedBy = cap.binding
        }
        amount = .min(amount, book.cash + (selling?.proceeds ?? .zero))
        let shares = universe.shares(amount, price, roundingUp: false)
        let cost = price.value(of: shares)
        guard shares > .zero, cost >= books[index].settings.minTrade else {
            return (nil, cappedBy, "the buy would be under Min Trade (\(books[index].settings.minTrade.formatted))")
        }
        return (cost, cappedBy, nil)
    }
}

/// How many lots of a position a phase has taken out, by their places when it began, so
/// that a lot's place now is its first place less those taken out before it: a Fenwick
/// tree, each count and question a few steps whatever the position's size.
struct TakenOut {
    private var tree: [Int]

    init(count: Int) {
        tree = Array(repeating: 0, count: count + 1)
    }

    /// Notes that the lot first at `place` is taken out.
    mutating func take(_ place: Int) {
        var node = place + 1
        while node < tree.count {
            tree[node] += 1
            node += node & -node
        }
    }

    /// How many lots first placed before `place` are taken out.
    func before(_ place: Int) -> Int {
        var node = place, count = 0
        while node > 0 {
            count += tree[node]
            node -= node & -node
        }
        return count
    }
}
