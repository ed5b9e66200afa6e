extension Planning {
    /// Phase 3: sell legacy holdings down within the tax budget.
    ///
    /// All of the account's legacy lots are taken together in Lot Method order; the lot
    /// where the budget binds is sold in part (rounded down) and no later lot of its symbol
    /// is reached, while lots of other symbols that still fit go on. A partial sale (one
    /// that leaves some of the position) under Min Trade is not made, and the plan is
    /// worked out again without it so its room goes to the others.
    mutating func phaseOut(_ index: Int) throws(PlanningError) {
        let book = books[index]
        var sellable: [String] = []
        for symbol in book.legacySymbols() {
            if !universe.maySell(symbol) {
                let why = universe.isMarkedPhaseOut(symbol) ? "marked Phase Out" : "not in the model"
                books[index].noteStop(.security(symbol), .restricted)
                audit(.phaseOut, book.id, symbol, rule: "Restriction", decision: "Kept",
                      "\(symbol) is \(why) but \(universe.restriction(of: symbol)!.rawValue): it stays.")
            } else if book.bought.contains(symbol) {
                books[index].noteStop(.security(symbol), book.manual.contains(symbol) ? .manual : .earlierPhase)
            } else {
                sellable.append(symbol)
            }
        }
        guard !sellable.isEmpty else { return }
        // The sellable symbols are in symbol order (held symbols are kept sorted), so each
        // is known by its number in that list, and lists by number come out sorted.
        var excluded = [Bool](repeating: false, count: sellable.count)
        var plan: PhaseOutPlan
        do {
            // Each symbol's position, looked up once for every plan worked out (the plans change
            // no lots): each plan looked every symbol up again, and the search for a partial sale
            // each symbol of the plan's order. Let go before the sales, which would copy the lots
            // of a position still shared.
            let positions = sellable.map { book.position(of: $0) }
            plan = try planPhaseOut(index, symbols: sellable, positions: positions, excluded: excluded)
            // One partial sale under Min Trade is left out at a time, the first in the plan's
            // order, and the plan worked out again: a later symbol's sale, partial only because
            // the first took room, may then fit whole (explore-CG: 5 Z fitting the $8.00 left were
            // not sold, left out with the one X share that had squeezed them).
            while let number = plan.order.first(where: { number in
                plan.sales[number].sharesSold < positions[number]?.quantity ?? .zero
                    && plan.sales[number].totalProceeds < books[index].settings.minTrade
            }) {
                excluded[number] = true
                // What made the sale partial stopped the line first (the contract's order of
                // statuses puts Tax Budget and Wash Sale before Min Trade).
                if plan.cut[number] { books[index].noteStop(.security(sellable[number]), .taxBudget) }
                for (lot, record) in plan.washSkipped where lot.symbol == sellable[number] {
                    logLossSaleBlock(record, phase: .phaseOut, book: index)
                    books[index].noteStop(.security(lot.symbol), .washSale)
                }
                plan = try planPhaseOut(index, symbols: sellable, positions: positions, excluded: excluded)
            }
        }
        for (lot, record) in plan.washSkipped {
            logLossSaleBlock(record, phase: .phaseOut, book: index)
            books[index].noteStop(.security(lot.symbol), .washSale)
        }
        for (number, symbol) in sellable.enumerated() where excluded[number] {
            books[index].noteStop(.security(symbol), .minTrade)
            audit(.phaseOut, book.id, symbol, rule: "Min Trade", decision: "Skipped",
                  "The sale of \(symbol) that fits the budget is a partial sale under "
                    + "\(dollars: books[index].settings.minTrade): not made.")
        }
        for (number, symbol) in sellable.enumerated() where plan.cut[number] && !excluded[number] {
            books[index].noteStop(.security(symbol), .taxBudget)
            audit(.phaseOut, book.id, symbol, rule: "Tax Budget", decision: "Cut",
                  "The tax budget binds in \(symbol): the rest of the position waits for a later run.")
        }
        for number in plan.order where !excluded[number] {
            let symbol = sellable[number]
            let sales = plan.sales[number]
            guard !sales.isEmpty else { continue }
            let price: Price
            if let known = plan.prices[number] { price = known } else { price = try universe.price(of: symbol) }
            let why = universe.isMarkedPhaseOut(symbol)
                ? "phases out a holding marked Phase Out" : "phases out a legacy holding not in the model"
            commitSale(sales, symbol: symbol, price: price, in: index, phase: .phaseOut,
                       why: plan.cut[number] ? why + ", as far as the tax budget allows" : why)
        }
    }

    /// Phase Out's sales in one account, by the number of each symbol in the sellable list.
    struct PhaseOutPlan: Sendable {
        var sales: [[LotSale]]
        /// Symbol numbers in the order their first lot is sold.
        var order: [Int] = []
        /// Whether the budget bound in each symbol.
        var cut: [Bool]
        var washSkipped: [(TaxLot, WashSaleRecord)] = []
        /// Each symbol's price, found at its first lot: its sale needs no lookup of it.
        var prices: [Price?]

        init(symbols: Int) {
            sales = Array(repeating: [], count: symbols)
            cut = Array(repeating: false, count: symbols)
            prices = Array(repeating: nil, count: symbols)
        }
    }

    /// A lot of Phase Out's plan: its symbol's number and its place among that symbol's lots.
    struct LotPlace {
        let number: Int
        let lot: Int
    }

    /// A lot's key in `placesInSaleOrder`, its date and its place, as numbers that order as they do.
    struct SaleOrderEntry {
        let key: UInt64
        let acquired: Int32
        let number: Int32
        let lot: Int32

        /// A finite key as a word that orders as the key does, −0 as 0: a negative key's bits
        /// turned over, a positive key's sign bit set.
        static func orderedBits(_ key: Double) -> UInt64 {
            let bits = (key + 0).bitPattern
            return bits >> 63 == 1 ? ~bits : bits | 1 << 63
        }
    }

    /// The account's legacy lots in `symbols` (sorted) but those `excluded`, sold in Lot
    /// Method order as far as the tax budget allows. `positions`: each symbol's position in
    /// the book, by its number.
    private func planPhaseOut(
        _ index: Int, symbols: [String], positions: [AccountBook.Position?], excluded: [Bool]
    ) throws(PlanningError) -> PhaseOutPlan {
        let book = books[index]
        let calendar = calendars[householdOfBook[index]]
        // A copy made for a large window only: it keeps the windows it reads for this plan.
        var windowed: WashSaleCalendar?
        // Each symbol's lots as its position holds them, by the symbol's number (none for one
        // excluded), so each lot finds its symbol's price (found at its first lot), sales so far
        // and whether the budget bound there without a lookup by name. Read where the positions
        // keep them: copied into one list, each lot had its names retained and let go
        // (callgrind: 0.5% of planning's instructions).
        var helds = [[TaxLot]](repeating: [], count: symbols.count)
        for number in symbols.indices where !excluded[number] { helds[number] = positions[number]?.lots ?? [] }
        var trial = book.ledger
        var plan = PhaseOutPlan(symbols: symbols.count)
        // The prices the order looks up are the plan's: each symbol's price was looked up
        // again at its first lot.
        let order = placesInSaleOrder(helds, rates: book.account.rates, method: book.settings.lotMethod, prices: &plan.prices)
        for place in order {
            let number = place.number
            guard !plan.cut[number] else { continue }
            let price: Price
            if let known = plan.prices[number] {
                price = known
            } else {
                price = try universe.price(of: helds[number][place.lot].symbol)
                plan.prices[number] = price
            }
            // Each lot is read where it is stored: a copy of each retained and released its names
            // (callgrind). The symbol's sales so far are read where the plan keeps them: a copy
            // held in a local until the append below made every append copy the whole list.
            helds[number].withUnsafeBufferPointer { lots in
                let lot = place.lot
                if book.isTaxed, lots[lot].isLoss(at: price) {
                    let record: WashSaleRecord?
                    if calendar.hasLargeWindow(of: lots[lot].symbol, on: asOf) {
                        if windowed == nil { windowed = calendar }
                        record = windowed!.cachedLossSaleBlock(for: lots[lot], on: asOf, plannedInTrade: plan.sales[number])
                    } else {
                        record = calendar.lossSaleBlock(for: lots[lot], on: asOf, plannedInTrade: plan.sales[number])
                    }
                    if let record {
                        plan.washSkipped.append((lots[lot], record))
                        return
                    }
                }
                // `largestQuantity(of:…)` of the lot read where it is stored: given whole, the lot
                // was copied into its gain's closure and let go, at every lot (callgrind). Its
                // term is worked out once, for the search and the sale.
                let term = lots[lot].term(on: asOf)
                let take = trial.largestQuantity(
                    upTo: lots[lot].quantity, step: universe.step, after: plan.sales[number].sharesSold,
                    sellsWhole: true, term: term, within: book.account.taxBudget
                ) { lots[lot].gain(of: $0, at: price) }
                if take < lots[lot].quantity { plan.cut[number] = true }
                guard take > .zero else { return }
                let sale = lots[lot].sale(of: take, at: price, term: term)
                trial.count(gain: sale.gain, term: sale.term)
                if plan.sales[number].isEmpty {
                    plan.order.append(number)
                    // Room for every lot of the symbol: a legacy position is mostly sold whole.
                    plan.sales[number].reserveCapacity(lots.count)
                }
                plan.sales[number].append(sale)
            }
        }
        return plan
    }

    /// The places of the lots of one or several symbols, in the account's Lot Method order.
    ///
    /// For one symbol this is the exact order of `LotSaleOrder`; across symbols each lot is
    /// keyed at its own price (`Tax Optimal`: rate × (price − unit cost) / price), ties to
    /// the oldest lot, then Lot ID, then symbol. `helds`: each symbol's lots by its number;
    /// each symbol's price found is put in `prices` by its number.
    func placesInSaleOrder(
        _ helds: [[TaxLot]], rates: TaxRates, method: LotMethod, prices: inout [Price?]
    ) -> [LotPlace] {
        // With room for every symbol: grown by `filter`, the list was moved to larger ones several
        // times per plan (callgrind).
        var numbers: [Int] = []
        numbers.reserveCapacity(helds.count)
        for number in helds.indices where !helds[number].isEmpty { numbers.append(number) }
        guard let first = numbers.first else { return [] }
        if numbers.count == 1, let price = universe.priceIfKnown(helds[first][0].symbol) {
            prices[first] = price
            return LotSaleOrder(method: method, price: price, rates: rates, tradeDate: asOf).places(of: helds[first])
                .map { LotPlace(number: first, lot: $0) }
        }
        // Each lot's key and date are worked out once, reading the lot where it is stored, and
        // the sort moves those with the lot's place; the lots are read again only in a tie
        // of both (`lots.map(key)` and a sort of places reading keys and lots by place took
        // about a fifth more instructions; callgrind). Each symbol's price is looked up once.
        // Each entry of numbers alone, 24 bytes: the key as a word that orders as it does, and the
        // date as one number (a tuple of the key, the date and the place was 48 bytes to move;
        // callgrind: the order 5.42 -> 4.22 million instructions, with the list of symbols above).
        var entries: [SaleOrderEntry] = []
        entries.reserveCapacity(numbers.reduce(0) { $0 + helds[$1].count })
        for number in numbers {
            let known = universe.priceIfKnown(helds[number][0].symbol)
            prices[number] = known
            let price = known?.doubleValue ?? 0
            helds[number].withUnsafeBufferPointer { lots in
                for place in lots.indices {
                    // The unit cost is one division of the two exact integers: lots of equal unit
                    // cost get equal keys, and their tie goes to the date and Lot ID. Worked from
                    // the rounded basis and quantity, two such lots' keys differed in the last
                    // bit, and the newer went first beside another legacy symbol (explore-DY).
                    let unitCost = Double(lots[place].costBasis.cents) / Double(lots[place].quantity.micros) * 10_000
                    let key: Double
                    switch method {
                    case .taxOptimal:
                        if price > 0 {
                            let rate = rates.rate(for: lots[place].term(on: asOf)).doubleValue
                            key = rate * (1 - unitCost / price)
                        } else {
                            key = 0
                        }
                    case .hifo:
                        key = -unitCost
                    case .fifo:
                        key = Double(lots[place].acquired.daysSinceEpoch)
                    case .lifo:
                        key = -Double(lots[place].acquired.daysSinceEpoch)
                    }
                    entries.append(SaleOrderEntry(
                        key: SaleOrderEntry.orderedBits(key), acquired: lots[place].acquired.orderKey,
                        number: Int32(number), lot: Int32(place)))
                }
            }
        }
        entries.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            if a.acquired != b.acquired { return a.acquired < b.acquired }
            let lotA = helds[Int(a.number)][Int(a.lot)].lotID, lotB = helds[Int(b.number)][Int(b.lot)].lotID
            if lotA != lotB { return LotIDOrder.precedes(lotA, lotB) }
            return helds[Int(a.number)][Int(a.lot)].symbol < helds[Int(b.number)][Int(b.lot)].symbol
        }
        return entries.map { LotPlace(number: Int($0.number), lot: Int($0.lot)) }
    }
}
