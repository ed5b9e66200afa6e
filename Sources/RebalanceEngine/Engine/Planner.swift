/// The deterministic rule engine: a portfolio in, a plan out.
///
/// Phases run in the contract's order (Manual, Harvest, Phase Out, Raise Cash, Rebalance),
/// each over every account in Account order before the next starts, each on the state the
/// previous one left. Nothing here reads a file, a clock or the network.
public enum Planner {
    /// Plans every account of `portfolio` as of its Settings' As Of date.
    ///
    /// Throws `PlanningError.input` with every problem (infeasible manual trades, unknown
    /// accounts or models) before any trade is made.
    ///
    /// `progress`, when given, hears of each account as each phase finishes it (phase,
    /// accounts done, accounts in all); it may report, but the plan never depends on it.
    ///
    /// Households never affect each other, so a book of several is planned in shards of
    /// whole households, on `threads` threads at once (on one, a shard after another), and
    /// merged into the very plan `planInOnePass` makes. A shard's books and calendars stay
    /// near the processor: on one thread the firm book plans in a fifth to a quarter less
    /// time, and in some 110 MB less memory, than in one pass over every account.
    public static func plan(
        for portfolio: Portfolio, progress: ((Phase, Int, Int) -> Void)? = nil,
        threads: Int = Planner.availableThreads
    ) throws(PlanningError) -> Plan {
        let lotRuns = lotRuns(of: portfolio.lots)
        try checkLimits(of: portfolio, lotRuns: lotRuns)
        if let sharded = shardedPlan(for: portfolio, lotRuns: lotRuns, threads: threads, progress: progress) {
            guard let problem = sharded.violations.first else { return sharded.plan }
            // Name the failure the whole plan's checks name first.
            try PlanChecks.check(sharded.plan, portfolio: portfolio)
            throw .invariant(problem)
        }
        return try checkedPlan(for: portfolio, progress: progress)
    }

    /// Throws `PlanningError.input` for a book too large to plan exactly, or with dates its
    /// windows and holding years would carry past the calendar (see `BookLimits`).
    static func checkLimits(of portfolio: Portfolio, lotRuns: [RowOrder.NameRun]) throws(PlanningError) {
        let problems = BookLimits.dateProblems(in: portfolio) + BookLimits.problems(in: portfolio, lotRuns: lotRuns)
        guard problems.isEmpty else { throw .input(problems) }
    }

    /// The plan of one pass over every account, phase by phase in Account order: the plan
    /// the contract describes, which `plan` equals row for row, and the plan of a book that
    /// cannot be split (one household, a lot or manual trade of an unknown account) or
    /// whose input has errors, which it reports.
    public static func planInOnePass(
        for portfolio: Portfolio, progress: ((Phase, Int, Int) -> Void)? = nil
    ) throws(PlanningError) -> Plan {
        try checkLimits(of: portfolio, lotRuns: lotRuns(of: portfolio.lots))
        return try checkedPlan(for: portfolio, progress: progress)
    }

    /// The one-pass plan, its invariants checked, of a book within the limits.
    private static func checkedPlan(
        for portfolio: Portfolio, progress: ((Phase, Int, Int) -> Void)?
    ) throws(PlanningError) -> Plan {
        let plan = try uncheckedPlan(for: portfolio, progress: progress)
        try PlanChecks.check(plan, portfolio: portfolio)
        return plan
    }

    /// The plan of one pass, before the invariant checks, for diagnosing a failed one.
    static func uncheckedPlan(
        for portfolio: Portfolio, progress: ((Phase, Int, Int) -> Void)? = nil
    ) throws(PlanningError) -> Plan {
        try orderedPlan(for: portfolio, accountOrder: nil, progress: progress).plan
    }

    /// The plan with where each of its rows falls in a pass over the whole book.
    /// `universe` and `models`, when given, are `portfolio`'s (shards share the book's);
    /// `lots`, when given, are its lots, read where the whole book keeps them.
    static func orderedPlan(
        for portfolio: Portfolio, accountOrder: [Int]?, universe: Universe? = nil, models: ModelSetups? = nil,
        lots: SelectedLots? = nil, progress: ((Phase, Int, Int) -> Void)?
    ) throws(PlanningError) -> (plan: Plan, order: RowOrder) {
        var planning = try Planning(
            portfolio, accountOrder: accountOrder, universe: universe, models: models, lots: lots)
        planning.progress = progress
        // Each position before the run by its entry in the book, with its value (prices do
        // not change in a run). Labelled as `finish` takes them: an array of unlabelled pairs
        // is converted element by element (callgrind).
        // Listed with room for every position: grown from empty by `compactMap`, each book's list
        // was moved several times (callgrind: 0.13% of planning's instructions).
        let before = planning.books.map { book in
            var values: [(entry: Int, value: Money)] = []
            values.reserveCapacity(book.positions.count)
            for entry in book.positions.values.indices {
                if let value = book.positions[at: entry]?.value { values.append((entry: entry, value: value)) }
            }
            return values
        }
        let initialValues = planning.books.indices.map { planning.books[$0].investableValue }
        try planning.runManualTrades(portfolio.manualTrades)
        // An account's own Harvest Losses column may say otherwise than Settings.
        if portfolio.settings.harvestLosses || planning.books.contains(where: { $0.settings.harvestLosses }) {
            try planning.runPhase(.harvest) { planning, index throws(PlanningError) in
                guard planning.books[index].settings.harvestLosses else {
                    let id = planning.books[index].id
                    planning.audit(.harvest, id, nil, rule: "Harvest Losses", decision: "Skipped",
                                   planning.books[index].account.overrides.harvestLosses == false
                                    ? "Harvest Losses is No for \(id) (its Accounts column): no loss is harvested in it."
                                    : "Harvest Losses is No in Settings: no loss is harvested in \(id).")
                    return
                }
                try planning.harvest(index)
            }
        } else {
            planning.beginStage()
            planning.audit(.harvest, nil, nil, rule: "Harvest Losses", decision: "Skipped",
                           "Harvest Losses is No in Settings: no loss is harvested.")
        }
        try planning.runPhase(.phaseOut) { planning, index throws(PlanningError) in try planning.phaseOut(index) }
        try planning.runPhase(.raiseCash) { planning, index throws(PlanningError) in try planning.raiseCash(index) }
        try planning.runPhase(.rebalance) { planning, index throws(PlanningError) in try planning.rebalance(index) }
        // Counted before `finish` moves the rows into the plan.
        let order = RowOrder(planning)
        let plan = planning.finish(before: before, initialValues: initialValues, prices: portfolio.prices)
        return (plan, order)
    }
}

extension Planning {
    /// The books, targets scaled once per account, and each household's calendar.
    /// `accountOrder` gives each account's place in the whole book when `portfolio` is
    /// some of its households (see `Planner.shardedPlan`); `universe` and `models`, when
    /// given, are the whole book's, which are `portfolio`'s: they depend on no account.
    /// `selected`, when given, are `portfolio`'s lots (which it then leaves out), read where
    /// the whole book keeps them: a shard's lots are not copied out of the book.
    init(
        _ portfolio: Portfolio, accountOrder: [Int]? = nil, universe shared: Universe? = nil,
        models sharedModels: ModelSetups? = nil, lots selected: SelectedLots? = nil
    ) throws(PlanningError) {
        universe = shared ?? Universe(portfolio)
        modelSetups = sharedModels ?? ModelSetups(portfolio.models, universe: universe, accounts: portfolio.accounts)
        self.accountOrder = accountOrder ?? Array(portfolio.accounts.indices)
        var problems: [PlanningError.Problem] = []
        var households: [String] = []
        var householdIndex: [String: Int] = [:]
        var membersByHousehold: [[Account]] = []
        var memberBooksByHousehold: [[Int]] = []
        // Each account (an owner of lots) by number, with its books (one unless the Accounts
        // list repeats an ID) and the household of its last row. Numbered, so that the answer
        // kept between lots below is a number: one holding the list of books was retained and
        // released at every lot (callgrind).
        var ownerNumbers: [String: Int] = [:]
        var booksOfOwner: [[Int]] = []
        var householdOfOwner: [Int] = []
        for (index, account) in portfolio.accounts.enumerated() {
            let household = householdIndex[account.household] ?? households.count
            if household == households.count {
                householdIndex[account.household] = household
                households.append(account.household)
                membersByHousehold.append([])
                memberBooksByHousehold.append([])
            }
            membersByHousehold[household].append(account)
            memberBooksByHousehold[household].append(index)
            let owner = ownerNumbers[account.id] ?? booksOfOwner.count
            if owner == booksOfOwner.count {
                ownerNumbers[account.id] = owner
                booksOfOwner.append([])
                householdOfOwner.append(household)
            }
            booksOfOwner[owner].append(index)
            householdOfOwner[owner] = household
        }
        // One lookup per run of an account's lots: its books and household. The lots are
        // counted first, so each book's and household's list is made at its size.
        // Lots are read where they are stored (`for lot in` copies each): each book and each
        // household's calendar reads its own there, by number.
        var owners = RunLookup(ownerNumbers)
        // Every lot by its number in the whole book's list: the portfolio's own, or those
        // selected.
        let lots = selected?.all ?? portfolio.lots
        let lotNumbers = SelectedLots.numbers(selected, of: lots)
        let lotCount = lotNumbers.count
        var lotsInBook = [Int](repeating: 0, count: portfolio.accounts.count)
        var lotsInHousehold = [Int](repeating: 0, count: households.count)
        for lot in lotNumbers {
            guard let owner = owners.value(for: lots[lot].account) else { continue }
            for book in booksOfOwner[owner].indices { lotsInBook[booksOfOwner[owner][book]] += 1 }
            lotsInHousehold[householdOfOwner[owner]] += 1
        }
        var lotsOfBook = lotsInBook.map { [Int](reservingCapacity: $0) }
        var lotsByHousehold = lotsInHousehold.map { [Int](reservingCapacity: $0) }
        var unknown = Set<String>()
        for lot in lotNumbers {
            guard let owner = owners.value(for: lots[lot].account) else {
                unknown.insert(lots[lot].account)
                continue
            }
            for book in booksOfOwner[owner].indices { lotsOfBook[booksOfOwner[owner][book]].append(lot) }
            lotsByHousehold[householdOfOwner[owner]].append(lot)
        }
        for account in unknown.sorted() {
            problems.append(.init(place: "Lots", message: "Account \(account) is not in the Accounts sheet."))
        }
        var books: [AccountBook] = []
        for (index, account) in portfolio.accounts.enumerated() {
            let book = AccountBook(account: account, index: index, lots: SelectedLots(lots, lotsOfBook[index]), universe: universe)
            if let largest = book.largestPosition, largest.lots > BookLimits.maxLotsPerPosition {
                problems.append(.init(place: "Lots", message: "Account \(account.id) holds \(largest.lots) lots of \(largest.symbol); "
                    + "the tool plans at most \(BookLimits.maxLotsPerPosition) lots of one position (its phases sell lot by lot, "
                    + "and a position of more would take minutes). Combine the position's lots of a day, or plan it by hand."))
            }
            books.append(book)
        }
        lotsOfBook = []
        self.households = households
        // Room for a row per two lots in the trade lists and Lots Sold, and one per lot in
        // the audit log, a guess: grown by doubling from empty, each row was copied once more
        // on the way (callgrind). The firm book makes 0.44 trades, 0.43 Lots Sold rows and
        // 0.52 audit rows per lot: with room for half as many, the audit log of nearly every
        // shard was copied once, near its end. Room never written is never touched.
        let expectedRows = lotCount / 2
        trades.reserveCapacity(expectedRows)
        tradeNotes.reserveCapacity(expectedRows)
        previousRowOfSymbol.reserveCapacity(expectedRows)
        lotsSold.reserveCapacity(expectedRows)
        nextLotRow.reserveCapacity(expectedRows)
        auditLog.reserveCapacity(lotCount)
        self.books = books
        var transactionsByHousehold = [[Transaction]](repeating: [], count: households.count)
        // Asked once per run of an account's rows (each lookup hashed the name: 0.1% of planning's
        // instructions, callgrind).
        var transactionOwners = RunLookup(ownerNumbers)
        for row in portfolio.transactions {
            if let owner = transactionOwners.value(for: row.account) { transactionsByHousehold[householdOfOwner[owner]].append(row) }
        }
        // A book of each owner of a household's lots: their positions are the household's held
        // symbols, which its calendar asks of them.
        var ownerBooksOfHousehold = [[Int]](repeating: [], count: households.count)
        for owner in booksOfOwner.indices { ownerBooksOfHousehold[householdOfOwner[owner]].append(booksOfOwner[owner][0]) }
        var calendars: [WashSaleCalendar] = []
        // Each book's warnings of its household's Transactions sales, asked as the calendar is
        // made: asked of the calendar in the list, each question was handed a copy of it.
        var warningsOfBook = [[String]](repeating: [], count: books.count)
        for (position, household) in households.enumerated() {
            let ownerBooks = ownerBooksOfHousehold[position]
            let calendar = WashSaleCalendar(
                household: household,
                accounts: membersByHousehold[position].map { HouseholdAccount(account: $0.id, isTaxed: $0.type.isTaxed) },
                families: universe.families, windowDays: max(30, portfolio.settings.washSaleDays),
                lots: SelectedLots(lots, lotsByHousehold[position]), transactions: transactionsByHousehold[position],
                runDate: universe.asOf, holds: { [books] symbol in ownerBooks.contains { books[$0].entry(of: symbol) != nil } },
                lotCounts: memberBooksByHousehold[position].map { lotsInBook[$0] })
            for book in memberBooksByHousehold[position] {
                warningsOfBook[book] = calendar.elsewhereWarnings(soldIn: books[book].id)
            }
            calendars.append(consume calendar)
        }
        self.calendars = calendars
        householdOfBook = books.map { householdIndex[$0.account.household]! }
        beginStage()
        for index in books.indices {
            markRows(account: index)
            for warning in warningsOfBook[index] {
                raise(.warning, books[index].id, warning)
            }
            // Its place among the accounts its model setups were made with: the whole book's,
            // when they are given (a shard's), else this portfolio's.
            let place = sharedModels == nil ? index : self.accountOrder[index]
            if let problem = setTargets(index, models: portfolio.models, place: place) { problems.append(problem) }
        }
        guard problems.isEmpty else { throw .input(problems) }
    }

    /// Scales the account's model targets once so that targets + cash target = 1, after
    /// dropping `Phase Out`/`Hold` model symbols, and maps stand-ins to their slots. `place`:
    /// the account's place among the accounts `modelSetups` were made with.
    mutating func setTargets(_ index: Int, models: [Model], place: Int) -> PlanningError.Problem? {
        let account = books[index].account
        guard let setup = modelSetups[account.model] else {
            books[index].setSlots(
                [], layout: .none, sectorTargets: Array(repeating: 0, count: universe.sortedSectors.count), universe: universe)
            if account.model.isEmpty, !models.contains(where: { $0.name.isEmpty }) {
                // No default model: every holding is legacy.
                audit(nil, account.id, nil, rule: "Targets", decision: "No Model",
                      "The book has no default model: \(account.id) has no targets.")
                return nil
            }
            return .init(place: "Accounts", message: "Account \(account.id) names model \"\(account.model)\", "
                + "which the Model sheet does not define.")
        }
        // The model's warnings of its dropped rows are raised once a run, by the first account
        // naming it: in one shard of the book, the one the plan keeps them from.
        let warned = !setup.dropped.isEmpty
            && !(modelSetups.firstAccount(naming: account.model).map { $0 == place } ?? modelsWarnedOfDrops.insert(account.model))
        for dropped in setup.dropped {
            if !warned { raiseOnce(.warning, "Model/\(dropped.symbol)", dropped.warning) }
            audit(nil, account.id, dropped.symbol, rule: "Targets", decision: "Dropped", text: dropped.audit)
        }
        let total = setup.keptTotal
        let scale = setup.scale(cashTarget: account.cashTarget)
        if total > 0, total != Rate.one.millionths - account.cashTarget.millionths {
            audit(nil, account.id, nil, rule: "Targets", decision: "Scaled",
                  "Model targets sum to \(Rate(millionths: total).percentText) with a "
                    + "\(percent: account.cashTarget.doubleValue) cash target: each is scaled by "
                    + "\((scale * 1_000_000).rounded() / 1_000_000) so that targets and cash make 100%.")
        }
        let scaled = ScaledModelKey(model: account.model, cashTarget: account.cashTarget)
        // The book's, when its models were set up with its accounts (a shard's are), else
        // made once per run.
        let slots: [Slot], sectors: [Double]
        if let known = modelSetups[scaled: scaled] ?? scaledSlots[scaled] {
            (slots, sectors) = known
        } else {
            (slots, sectors) = setup.scaledSlots(cashTarget: account.cashTarget, universe: universe)
            scaledSlots[scaled] = (slots, sectors)
        }
        // A held Replacement several model symbols name, bought within the wash-sale window,
        // counts toward the one of them the account does not hold, when there is one: the
        // symbol a harvest sold whole and it replaced. By model order alone, the run after the
        // harvest counted it toward the first, sold it as that symbol's overweight, and left the
        // harvested symbol at 0% through its window (explore-DE). Past the window, model order
        // decides again, and the harvested symbol may be bought back.
        // After `setSlots`, each held symbol's slot and `Hold` mark are read off the place the
        // book keeps by its entry, where asking the slot and the restriction looked each
        // symbol up twice.
        let book = books[index]
        var layout = setup.layout
        var replacing: [String: String] = [:]
        let windowStart = asOf.adding(days: -book.settings.washSaleDays)
        // Only the few symbols several slots claim are looked up in the book, where each held
        // symbol was looked up among the slots (callgrind: 0.5% of planning's instructions).
        // `counting` below changes only the slot of the symbol it counts, met once here.
        for symbol in setup.sharedReplacements {
            guard let entry = book.entry(of: symbol),
                  book.positions[at: entry]?.lots.contains(where: { $0.acquired >= windowStart }) ?? false,
                  let slot = setup.layout.slotIndexBySymbol[symbol], slots[slot].symbol != symbol,
                  !universe.isHold(symbol), standsInAsReplacement(symbol, for: slots[slot].symbol),
                  let claimants = setup.claimants[symbol] else { continue }
            let unheld = claimants.filter { book.position(of: slots[$0].symbol) == nil }
            guard unheld.count == 1, unheld[0] != slot else { continue }
            layout = layout.counting(symbol, toward: unheld[0], universe: universe)
            replacing[symbol] = slots[slot].symbol
        }
        book.setSlots(slots, layout: layout, sectorTargets: sectors, universe: universe)
        // The model's sentences, worded once per book, of the stand-ins its layout places.
        let notes = modelSetups.standInNotes(of: account.model)
        // By place in the held lists: a `zip` of them stepped through a call for each symbol
        // (callgrind: 0.1% of planning's instructions).
        for held in book.heldEntries.indices {
            // A `Hold` position is valued apart, toward no target: no row says otherwise (explore-AX).
            let place = book.place(ofEntry: book.heldEntries[held])
            guard let slot = place.slot, place.counted else { continue }
            let symbol = book.positions.names[book.heldEntries[held]]
            guard slots[slot].symbol != symbol else { continue }
            let replaced = replacing.isEmpty ? nil : replacing[symbol]
            // A stand-in counted where the model's layout places it has its model's sentence.
            if replaced == nil, let notes, let entry = setup.layout.slotIndexBySymbol.index(of: symbol),
               setup.layout.slotIndexBySymbol[at: entry] == slot, let note = notes[at: entry] {
                audit(nil, account.id, symbol, rule: "Stand-In", decision: "Counted", text: note)
                continue
            }
            var detail = Planning.standInNote(symbol, countsToward: slots[slot].symbol)
            if let replaced {
                detail.append(", the one model symbol naming it a Replacement that ")
                detail.append(account.id)
                detail.append(" does not hold (by model order it would count toward ")
                detail.append(replaced)
                detail.append("'s)")
            }
            detail.append(".")
            audit(nil, account.id, symbol, rule: "Stand-In", decision: "Counted", detail)
        }
        return nil
    }

    /// The start of a `Stand-In` audit row's sentence: `symbol` is held and counts toward
    /// `slotSymbol`'s target. Written part by part into one sentence: joined with `+`, each
    /// part was a sentence of its own, its buffer made and let go (callgrind).
    static func standInNote(_ symbol: String, countsToward slotSymbol: String) -> Sentence {
        "\(symbol) is held and counts toward the \(slotSymbol) target"
    }

    /// Runs one phase over every account in Account order, recording what it changed.
    mutating func runPhase(
        _ phase: Phase, _ body: (inout Planning, Int) throws(PlanningError) -> Void
    ) throws(PlanningError) {
        beginStage()
        for index in books.indices {
            markRows(account: index)
            let before = snapshot(index)
            try body(&self, index)
            recordChange(phase, index, from: before)
            progress?(phase, index + 1, books.count)
        }
    }

    // MARK: - What each phase changed

    /// The positions of `book` whose quantity its changes from row `first` on changed, each
    /// with its quantity before them and now, in name order.
    private static func positionChanges(of book: AccountBook, since first: Int) -> [PositionChange] {
        var firstChange = [Int](repeating: -1, count: book.positions.count)
        var changed: [Int] = []
        changed.reserveCapacity(book.positionChanges.count - first)
        for row in first..<book.positionChanges.count {
            let entry = book.positionChanges[row].entry
            guard firstChange[entry] < 0 else { continue }
            firstChange[entry] = row
            let now = book.positions[at: entry]?.quantity ?? .zero
            if now != book.positionChanges[row].before { changed.append(entry) }
        }
        return book.inNameOrder(changed).map { entry in
            PositionChange(symbol: book.positions.names[entry], before: book.positionChanges[firstChange[entry]].before,
                           after: book.positions[at: entry]?.quantity ?? .zero)
        }
    }

    struct BookSnapshot: Sendable {
        /// How many position changes the book had made when taken.
        let positionChanges: Int
        let cash: Money
        let tax: Money
    }

    func snapshot(_ index: Int) -> BookSnapshot {
        BookSnapshot(positionChanges: books[index].positionChanges.count,
                     cash: books[index].cash, tax: books[index].ledger.taxAfter)
    }

    mutating func recordChange(_ phase: Phase, _ index: Int, from before: BookSnapshot) {
        let after = snapshot(index)
        // Only symbols whose lots were set since the snapshot can differ; the first change
        // to each since then holds its quantity at the snapshot. Symbols are known by their
        // entry in the book's positions, and put in order by their rank in the universe (see
        // `AccountBook.inNameOrder`): a table by name and a sort of the changes by name took
        // over twice the instructions (callgrind).
        let book = books[index]
        // A book whose positions the phase left alone (many) makes no list of them.
        let changes = book.positionChanges.count == before.positionChanges ? []
            : Planning.positionChanges(of: book, since: before.positionChanges)
        guard !changes.isEmpty || before.cash != after.cash || before.tax != after.tax else { return }
        phaseChanges.append(PhaseChange(
            phase: phase, account: books[index].id, positions: changes, cashBefore: before.cash,
            cashAfter: after.cash, taxBefore: before.tax, taxAfter: after.tax))
    }
}

extension Rate {
    /// `15%`, `2.5%`: a weight in a sentence.
    var percentText: String { Planning.percent(doubleValue) }
}

extension Planning {
    /// A fraction as a percent in a sentence, to at most two decimals: `15%`, `4.13%`.
    static func percent(_ fraction: Double) -> String {
        withPercent(fraction) { String(decoding: $0, as: UTF8.self) }
    }

    /// `body` given the bytes of `percent(fraction)`, which live only during the call.
    static func withPercent<Result>(_ fraction: Double, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let hundredths = Int64((fraction * 10_000).rounded())
        // Written backwards into a small buffer: the plan words a few percentages per trade.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var end = buffer.count
            func put(_ byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            put(UInt8(ascii: "%"))
            var rest = (hundredths % 100).magnitude
            if rest != 0 {
                if rest % 10 == 0 { rest /= 10 } else {
                    put(48 + UInt8(rest % 10))
                    rest /= 10
                }
                put(48 + UInt8(rest))
                put(UInt8(ascii: "."))
            }
            var whole = (hundredths / 100).magnitude
            repeat {
                put(48 + UInt8(whole % 10))
                whole /= 10
            } while whole > 0
            if hundredths < 0 { put(UInt8(ascii: "-")) }
            return body(UnsafeBufferPointer(rebasing: buffer[end...]))
        }
    }
}

/// Some of a list of lots, by number, read in place: a household's lots without a copy
/// of each.
struct SelectedLots: RandomAccessCollection {
    /// The whole list.
    let all: [TaxLot]
    /// The numbers in `all` of the lots selected.
    let numbers: [Int]

    init(_ lots: [TaxLot], _ numbers: [Int]) {
        all = lots
        self.numbers = numbers
    }

    var startIndex: Int { 0 }
    var endIndex: Int { numbers.count }

    subscript(position: Int) -> TaxLot {
        _read { yield all[numbers[position]] }
    }

    /// The numbers in `all` of the lots `selected`, or of every lot of `all` when none are:
    /// a selection of every lot read each one through one more list.
    static func numbers(_ selected: SelectedLots?, of all: [TaxLot]) -> Numbers {
        Numbers(selected: selected?.numbers, count: selected?.numbers.count ?? all.count)
    }

    /// The numbers of some lots: those of a selection, or `0..<count` without one. (A lazy map
    /// of the range called its closure at each number: callgrind, 0.1% of planning.)
    struct Numbers: RandomAccessCollection {
        let selected: [Int]?
        let count: Int

        var startIndex: Int { 0 }
        var endIndex: Int { count }

        subscript(position: Int) -> Int { selected?[position] ?? position }
    }
}

extension Array {
    /// An empty array with room for `capacity` elements.
    init(reservingCapacity capacity: Int) {
        self.init()
        reserveCapacity(capacity)
    }
}
