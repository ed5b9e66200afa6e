/// The engine's working state for one run: every account's book, each household's
/// wash-sale calendar, and the rows the plan is growing.
struct Planning {
    let universe: Universe
    var books: [AccountBook]
    /// Each household's calendar, in the order of `households`.
    var calendars: [WashSaleCalendar]
    /// Households in the order their first account appears.
    let households: [String]
    /// The place in `households` (and `calendars`) of each book's household.
    let householdOfBook: [Int]
    var trades: [Trade] = []
    /// For each trade, why it was made (without the side, quantity and symbol) and its lots.
    var tradeNotes: [TradeNote] = []
    /// The lots each harvest replacement buy replaces, by account index, replacement and the
    /// symbol harvested, in the order harvested: its Reason names them once.
    var replacedLots: [ReplacementOfSymbol: [String]] = [:]

    /// A harvest replacement buy of one account and the symbol it replaces.
    struct ReplacementOfSymbol: Hashable, Sendable {
        let book: Int
        let replacement: String
        let harvested: String
    }
    var lotsSold: [LotSold] = []
    /// For each Lots Sold row, the next row of the same trade (-1: the last).
    var nextLotRow: [Int] = []
    /// For each trade, the row of the account's previous trade in the same symbol (-1: none);
    /// each book keeps its latest row per symbol (`AccountBook.tradeRows`).
    var previousRowOfSymbol: [Int] = []
    var auditLog: [AuditEntry] = []
    /// The audit rows made since the last mark (`markRows`), by a hash of their words: a
    /// decision met again in the same words, in the same phase and account (a tier or round
    /// of Raise Cash, the replacements judged again for each loss lot of a symbol), is logged
    /// once. A hash met again is confirmed on the rows themselves before a row is left out.
    /// (A `Set` of the rows' strings cost 8% of planning's instructions, callgrind.)
    private var auditHashesSinceMark = HashSlots()
    /// For each audit row since the mark, the latest earlier one with the same hash (-1: none),
    /// so that a hash met again is confirmed on its own rows only: each repeat scanned the
    /// hashes of every row since the mark (Raise Cash repeats its tiers' rows, callgrind: 0.5%
    /// of planning's instructions).
    private var previousRowOfHash: [Int] = []
    private var auditMark = 0
    private(set) var exceptions: [PlanException] = []
    /// The messages of `exceptions`, to raise a once-per-run warning once. (A `Set` ran the
    /// standard hasher over each message, a sentence or two, and over them all again as it
    /// grew: callgrind, 0.4% of planning's instructions with the merge's set of them.)
    private var exceptionMessages = NameSet()
    var phaseChanges: [PhaseChange] = []
    var addBacks: [AddBack] = []
    /// Told of each account each phase finishes; never read back.
    var progress: ((Phase, Int, Int) -> Void)?
    /// Loss lots already listed as blocked, so each is listed once, with the place of their
    /// `Loss Sale Blocked` record in their household's calendar.
    var loggedLossSaleBlocks: [TaxLot.Key: Int] = [:]
    /// The block a listed lot was first passed over behind, once its row has taken a later one.
    var firstLossSaleBlocks: [TaxLot.Key: (bought: CivilDate, account: String, ends: CivilDate)] = [:]
    /// Blocked loss lots a phase sold all the same (Raise Cash), by key, with that phase.
    var forcedLossSales: [TaxLot.Key: Phase] = [:]
    /// Listed blocked loss lots a later phase sold at a loss unblocked (their replacement
    /// shares matched to other lots by then), by key, with that phase.
    var freedLossSales: [TaxLot.Key: Phase] = [:]
    /// Loss lots a trade skipped as blocked, with the trade's phase (a lot names its account
    /// and symbol, so the two name the trade): later passes of the trade skip them too.
    var skippedInTrade: Set<SkippedLot> = []

    struct SkippedLot: Hashable, Sendable {
        let lot: TaxLot.Key
        let phase: Phase
    }

    /// The Needs Approval of manual trades past an account's tax budget, by its place in
    /// `exceptions`, with the account's book and the tax impact the manual trades left it:
    /// said again once the run's last trade is made.
    var manualBudgetPasses: [(exception: Int, book: Int, impact: Money)] = []
    /// Raise Cash's warning of blocked loss lots it forced, by its place (account/symbol).
    var forcedSaleWarnings: [String: ForcedSaleWarning] = [:]
    /// What held back Raise Cash's sales for the cash target in the account being planned:
    /// the budget's cut, Min Trade, wash-sale blocks (the Audit Log's `Short` row names them).
    var cashTargetStops = CashTargetStops()

    /// What Raise Cash's passes forced of one account's symbol, for its one warning.
    struct ForcedSaleWarning: Sendable {
        /// The warning's place in `exceptions`, worded again after each pass.
        let exception: Int
        /// The most lots one pass forced (a later pass forces the same lots further).
        var lots = 0
        var disallowed = Money.zero
        var lost = Money.zero
    }
    /// Lots the run split off held lots when a loss moved into their basis, by key, with the
    /// Lots sheet's lot each came from (see `restate`).
    var restatedFrom: [TaxLot.Key: String] = [:]
    /// Each restated lot's `Restated` audit row, by the lot's key (see `amend`).
    var restatedNotes: [TaxLot.Key: RestatedNote] = [:]
    /// What each model gives the accounts that use it, by model name, worked out once.
    let modelSetups: ModelSetups
    /// Each model's slots and sector targets scaled for a cash target, worked out once.
    var scaledSlots: [ScaledModelKey: (slots: [Slot], sectors: [Double])] = [:]
    /// Each book's place in the whole book's Account order: a shard plans some households only.
    var accountOrder: [Int] = []
    /// Where the rows appended since each mark fall in a run over the whole book.
    var orderMarks: [RowOrder.Mark] = []
    /// Counts the run's stages (a phase's pass over the accounts, or its rows before or after it).
    var stage = 0
    /// Exceptions raised once per run however many accounts meet them (by index).
    var onceExceptions: [Int] = []
    /// Models whose dropped rows' warnings are raised already: the next account of the model
    /// raises none (each would find its message raised; asking cost 0.4% of planning's
    /// instructions, callgrind).
    var modelsWarnedOfDrops = NameSet()

    /// What a model gives every account that uses it: its rows kept (in model order), their
    /// targets' sum, the rows dropped as `Phase Out` or `Hold`, and where each symbol counts.
    struct ModelSetup: Sendable {
        struct Dropped: Sendable {
            let symbol: String
            /// The once-per-run warning and each account's audit detail.
            let warning: String
            let audit: String
        }

        let kept: [ModelTarget]
        let keptTotal: Int64
        let dropped: [Dropped]
        let layout: ModelLayout
        /// Each kept row's place (its own slot's) and price, at its place in `kept`: the
        /// same in every account and shard, so a slot made for a cash target looks neither up.
        let keptPlaces: [SymbolPlace]
        let keptPrices: [Price?]
        /// The slots (places in `kept`) whose model symbol names each symbol a Replacement,
        /// in model order.
        let claimants: NameTable<[Int]>
        /// The symbols of `claimants` that more than one slot claims.
        let sharedReplacements: [String]
    }

    struct ScaledModelKey: Hashable, Sendable {
        let model: String
        let cashTarget: Rate
    }

    /// An earlier loss a run buy disallowed, added back in the selling account.
    struct AddBack: Sendable {
        let seller: Int
        let buyer: Int
        let tradeRow: Int
        let amount: Money
        let term: Term
    }

    /// Why a trade was made and which Lots Sold rows are its lots. Most trades have one
    /// reason and a lot or two: they are kept without an array of their own each (arrays
    /// made and freed per trade were about 2% of planning's instructions, callgrind).
    struct TradeNote: Sendable {
        var why: String
        /// The later passes' words, made for the first trade a later pass speaks of: most
        /// trades have none, and four empty lists and sets kept for each were let go one by
        /// one at the end of the book (callgrind: 0.2% of planning).
        private var later: LaterWhys?
        /// The first and last of the trade's Lots Sold rows (-1: none), chained through
        /// `nextLotRow`, and how many there are.
        var firstLotRow = -1
        var lastLotRow = -1
        var lotCount = 0

        init(why: String) {
            self.why = why
        }

        /// Clauses a later pass adds to the trade's reason, in order; most often none.
        var moreWhys: [String] { later?.moreWhys ?? [] }

        /// How many clauses `moreWhys` has.
        var moreWhyCount: Int { later?.moreWhys.count ?? 0 }

        /// Adds the clauses of `text` (parts between "; ") the reason does not have yet.
        mutating func add(why text: String) {
            guard text != why else { return }
            if later == nil { later = LaterWhys() }
            later!.add(text, after: why)
        }

        /// Puts `new` in the place of the clause `old`, wherever the reason has it: a
        /// replacement buy names one more lot it replaces in the clause naming the others.
        mutating func replace(clause old: String, with new: String) {
            if later?.replace(clause: old, with: new) != true {
                why = TradeNote.clauses(of: why).map { $0 == old ? new : String($0) }.joined(separator: "; ")
            }
        }

        /// What later passes said of a trade.
        private struct LaterWhys: Sendable {
            /// Clauses a later pass adds to the trade's reason, in order. A later pass's words
            /// repeat the purpose the first pass gave ("raises cash for the withdrawal; past
            /// the tax budget…" after "raises cash for the withdrawal"): only the clauses the
            /// reason does not yet have are kept, so no clause is said twice.
            var moreWhys: [String] = []
            /// The later passes' words already taken apart into `moreWhys`: a pass that says
            /// what an earlier one said is not split again (splitting every pass's words was
            /// 9% of planning's instructions, callgrind).
            var addedWhys: [String] = []
            /// `addedWhys` and `moreWhys` as sets, once a trade has many (a harvest of a
            /// position's thousands of loss lots, each lot its own words): searched in the
            /// lists, each pass took time growing with those before it, the plan with the
            /// square of the lots.
            var addedSet: Set<String> = []
            var moreSet: Set<Substring> = []

            /// Adds the clauses of `text` that the first pass's `why` and the passes since
            /// do not have yet.
            mutating func add(_ text: String, after why: String) {
                let many = TradeNote.manyWhys
                guard addedWhys.count < many ? !addedWhys.contains(text) : !addedSet.contains(text) else { return }
                addedWhys.append(text)
                if addedWhys.count == many { addedSet = Set(addedWhys) } else if addedWhys.count > many { addedSet.insert(text) }
                let said = TradeNote.clauses(of: why)
                for clause in TradeNote.clauses(of: text) where !said.contains(clause) {
                    if moreWhys.count < many {
                        guard !moreWhys.contains(where: { $0 == clause }) else { continue }
                        moreWhys.append(String(clause))
                        if moreWhys.count == many { moreSet = Set(moreWhys.map { Substring($0) }) }
                    } else {
                        guard moreSet.insert(clause).inserted else { continue }
                        moreWhys.append(String(clause))
                    }
                }
            }

            /// Puts `new` in the place of the clause `old` among `moreWhys`; false when they
            /// do not have it.
            mutating func replace(clause old: String, with new: String) -> Bool {
                guard let place = moreWhys.firstIndex(of: old) else { return false }
                moreWhys[place] = new
                if moreWhys.count >= TradeNote.manyWhys {
                    moreSet.remove(Substring(old))
                    moreSet.insert(Substring(new))
                }
                return true
            }
        }

        /// How many words a trade keeps in lists before it keeps them in sets too.
        static let manyWhys = 16

        /// The parts of `text` between "; ", empty ones left out: found on its UTF-8 bytes
        /// (the standard `split` by a string searched each position through a generic
        /// matcher, 8% of planning's instructions, callgrind).
        static func clauses(of text: String) -> [Substring] {
            // Room for a few clauses at once: grown from empty, most lists were moved to a
            // larger one at their second clause (callgrind).
            var clauses: [Substring] = []
            clauses.reserveCapacity(4)
            let bytes = text.utf8
            // Searched in the bytes where they are stored, each clause cut by its offsets:
            // stepping the view's index a byte at a time cost several times the search
            // (callgrind: 0.4% of planning's instructions).
            let searched: Void? = bytes.withContiguousStorageIfAvailable { stored in
                func place(_ offset: Int) -> String.Index { bytes.index(bytes.startIndex, offsetBy: offset) }
                var start = 0, index = 0
                while index < stored.count {
                    if stored[index] == UInt8(ascii: ";"), index + 1 < stored.count, stored[index + 1] == UInt8(ascii: " ") {
                        if start != index { clauses.append(text[place(start)..<place(index)]) }
                        start = index + 2
                        index = start
                    } else {
                        index += 1
                    }
                }
                if start != stored.count { clauses.append(text[place(start)...]) }
            }
            if searched != nil { return clauses }
            var start = bytes.startIndex, index = start
            while index != bytes.endIndex {
                let next = bytes.index(after: index)
                if bytes[index] == UInt8(ascii: ";"), next != bytes.endIndex, bytes[next] == UInt8(ascii: " ") {
                    if start != index { clauses.append(text[start..<index]) }
                    start = bytes.index(after: next)
                    index = start
                } else {
                    index = next
                }
            }
            if start != bytes.endIndex { clauses.append(text[start...]) }
            return clauses
        }
    }

    /// The Lots Sold rows of the trade with `note`, in the order they were added.
    func lotRows(of note: TradeNote) -> some Sequence<Int> {
        let next = nextLotRow
        return sequence(state: note.firstLotRow) { row -> Int? in
            guard row >= 0 else { return nil }
            defer { row = next[row] }
            return row
        }
    }

    var settings: Settings { universe.settings }
    var asOf: CivilDate { universe.asOf }

    // MARK: - Audit and exceptions

    mutating func audit(
        _ phase: Phase?, _ account: String?, _ symbol: String?, rule: String, decision: String, _ detail: Sentence
    ) {
        audit(phase, account, symbol, rule: rule, decision: decision, text: detail.text)
    }

    /// An audit row whose detail is already written (a wash-sale row's note). A row alike in
    /// every cell to one of the same account's stage is not written twice, unless it records
    /// a trade made (`Sold`, `Bought`): two pieces of one size are two sales, the second said
    /// as such. Its row had been left out as a repeat, 2 of a Raise Cash trade's 17 shares
    /// unexplained (explore-CR).
    mutating func audit(
        _ phase: Phase?, _ account: String?, _ symbol: String?, rule: String, decision: String, text said: String
    ) {
        var detail = said
        var hash = Planning.wordsHash(rule, detail)
        var piece = 1
        var slot = auditHashesSinceMark.slot(of: hash)
        while let latest = auditHashesSinceMark.latestRow(at: slot),
              repeatsRow(from: latest, account: account, symbol: symbol, rule: rule, decision: decision, detail: detail) {
            guard decision == "Sold" || decision == "Bought" else { return }
            piece += 1
            detail = "\(said) Piece \(piece) of this size."
            hash = Planning.wordsHash(rule, detail)
            slot = auditHashesSinceMark.slot(of: hash)
        }
        previousRowOfHash.append(auditHashesSinceMark.setLatestRow(previousRowOfHash.count, at: slot, of: hash) ?? -1)
        auditLog.append(AuditEntry(
            seq: auditLog.count + 1, phase: phase, account: account, symbol: symbol,
            rule: rule, decision: decision, detail: detail))
    }

    /// Whether a row since the mark with the hash of row `latest` (its place since the mark),
    /// that row or an earlier one, is alike in every cell.
    private func repeatsRow(
        from latest: Int, account: String?, symbol: String?, rule: String, decision: String, detail: String
    ) -> Bool {
        var offset = latest
        while offset >= 0 {
            let row = auditMark + offset
            if auditLog[row].rule == rule, auditLog[row].decision == decision, auditLog[row].symbol == symbol,
               auditLog[row].account == account, auditLog[row].detail == detail {
                return true
            }
            offset = previousRowOfHash[offset]
        }
        return false
    }

    mutating func raise(_ severity: PlanException.Severity, _ place: String, _ message: String) {
        exceptions.append(PlanException(severity: severity, place: place, message: message))
        exceptionMessages.insert(message)
    }

    /// Raises an exception worded later (`word(_:_:)`), so that it keeps its place before the
    /// rows the step it speaks of then makes; returns that place.
    mutating func raiseUnworded(_ severity: PlanException.Severity, _ place: String) -> Int {
        exceptions.append(PlanException(severity: severity, place: place, message: ""))
        return exceptions.count - 1
    }

    /// Words the exception `raiseUnworded` put at `index`.
    mutating func word(_ index: Int, _ message: String) {
        exceptions[index].message = message
        exceptionMessages.insert(message)
    }

    /// A warning raised once in a run, by the first account (in Account order) that meets it.
    mutating func raiseOnce(_ severity: PlanException.Severity, _ place: String, _ message: String) {
        guard !exceptionMessages.contains(message) else { return }
        onceExceptions.append(exceptions.count)
        raise(severity, place, message)
    }

    /// A hash of an audit row's rule and detail, which name its account, symbol and decision
    /// in all but a few rows (rows that hash alike are compared whole): FNV-1a over the
    /// detail's UTF-8 bytes, read where they are stored eight at a time, then closed by a value
    /// no run of bytes is. (The standard hasher over the row's five words was 9% of planning's
    /// instructions, a byte-by-byte walk of `utf8` 17%: callgrind.) The rule, one of a few
    /// dozen names, counts by its length alone: a detail met again under another rule is told
    /// apart when the rows are compared, and its bytes hashed too were a third of the hash's
    /// instructions (callgrind).
    static func wordsHash(_ rule: String, _ detail: String) -> UInt64 {
        wordsHash(detail, from: 0xcbf2_9ce4_8422_2325 ^ UInt64(rule.utf8.count))
    }

    private static func wordsHash(_ word: String, from start: UInt64) -> UInt64 {
        if let hash = word.utf8.withContiguousStorageIfAvailable({ wordsHash(UnsafeRawBufferPointer($0), from: start) }) {
            return hash
        }
        // A string not stored as UTF-8 in one piece is hashed from a copy that is, alike.
        var copy = word
        return copy.withUTF8 { wordsHash(UnsafeRawBufferPointer($0), from: start) }
    }

    @inline(__always)
    private static func wordsHash(_ raw: UnsafeRawBufferPointer, from start: UInt64) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var hash = start, offset = 0
        // Two words a step, the same hash as one at a time: a detail of a hundred-odd bytes
        // spent as much on each step's count and test as on its word (callgrind).
        while offset + 16 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* prime
            offset += 16
        }
        if offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
            offset += 8
        }
        // The last bytes read as one word: the eight that end the word, or those there are
        // (byte by byte, they cost a fifth of the hash; callgrind).
        if offset < raw.count {
            var tail: UInt64 = 0
            if raw.count >= 8 {
                tail = raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)
            } else {
                for byte in raw { tail = tail << 8 | UInt64(byte) }
            }
            hash = (hash ^ tail) &* prime
        }
        return (hash ^ 0x1_0000) &* prime
    }

    // MARK: - Row order

    /// A new stage of the run begins: the rows that follow belong to no account yet.
    mutating func beginStage() {
        stage += 1
        markRows(account: nil)
    }

    /// The rows that follow are made while book `index` is being planned (nil: for no account).
    mutating func markRows(account index: Int?) {
        auditHashesSinceMark.removeAll()
        previousRowOfHash.removeAll(keepingCapacity: true)
        auditMark = auditLog.count
        let account = index.map { accountOrder[$0] + 1 } ?? 0
        orderMarks.append(RowOrder.Mark(
            key: Int64(stage) << 32 | Int64(account), trades: trades.count, lotsSold: lotsSold.count,
            auditLog: auditLog.count, exceptions: exceptions.count, phaseChanges: phaseChanges.count))
    }

    // MARK: - Valuation

    /// Market value of one held symbol in an account.
    func marketValue(_ symbol: String, in book: AccountBook) -> Money {
        book.value(of: symbol)
    }

    func slotValue(_ index: Int, in book: AccountBook) -> Money {
        book.slotValues[index]
    }

    func isLegacy(_ symbol: String, in book: AccountBook) -> Bool {
        book.place(of: symbol, universe: universe).isLegacy
    }

    /// `fraction` of `value`, to the cent.
    static func part(_ fraction: Double, of value: Money) -> Money {
        Money(cents: Int64((Double(value.cents) * fraction).rounded()))
    }

    /// A band's edge, its target and band added in binary: 15% + 2% is 0.16999999999999998,
    /// under the 0.17 a line of exactly 17% weighs, which was sold as over its edge
    /// (explore-CN). Rounded to a billionth, each edge is the decimal it is written as.
    static func edge(_ sum: Double) -> Double {
        (sum * 1e9).rounded() / 1e9
    }

    /// A banded sector's edges (by its number) in `book`: its target there plus or minus its
    /// band, each the decimal written (`edge`). Not held within 0% and 100%: a high edge past
    /// 100% is room no buy reaches, where one of 100% would name the sector as what bound a
    /// buy that cash bound.
    func sectorEdges(_ number: Int, in book: AccountBook) -> (low: Double, high: Double) {
        let target = book.sectorTargets[number], band = universe.bandsByNumber[number].doubleValue
        return (Planning.edge(target - band), Planning.edge(target + band))
    }

    static func weight(_ value: Money, of total: Money) -> Double {
        total.cents > 0 ? Double(value.cents) / Double(total.cents) : 0
    }


    /// The most that may be bought of `symbol` before its exposure group reaches its cap
    /// and its sector its high edge; `nil` when neither limits it. Names what binds.
    func capRoom(for symbol: String, in book: AccountBook) -> (room: Money, binding: DriftKey, status: DriftStatus)? {
        capRoom(at: book.place(of: symbol, universe: universe), in: book)
    }

    /// `capRoom(for:in:)` of a symbol whose place is known.
    /// `freeing`: a sale about to be made (its symbol's place and value), whose value leaves
    /// the group and sector it shares with `place` (a harvest's replacement in the group of
    /// the position sold: the group at its cap before the sale has that sale's room after it).
    /// Inlined: called from a mutating method, it was handed a copy of the whole planning
    /// (callgrind).
    @inline(__always)
    func capRoom(
        at place: SymbolPlace, in book: AccountBook, freeing: (place: SymbolPlace, value: Money)? = nil
    ) -> (room: Money, binding: DriftKey, status: DriftStatus)? {
        let value = book.investableValue
        var best: (room: Money, binding: DriftKey, status: DriftStatus)?
        if let group = place.groupNumber {
            let freed = freeing.map { $0.place.groupNumber == group ? $0.value : .zero } ?? .zero
            let room = Money.max(.zero, value.multiplied(by: universe.capsByNumber[group]) - (book.groupValues[group] - freed))
            best = (room, .group(universe.sortedGroups[group]), .groupCap)
        }
        if let sector = place.bandedSector {
            let freed = freeing.map { $0.place.bandedSector == sector ? $0.value : .zero } ?? .zero
            let room = Money.max(.zero, Planning.part(sectorEdges(sector, in: book).high, of: value) - (book.sectorValues[sector] - freed))
            if best.map({ room < $0.room }) ?? true { best = (room, .sector(universe.sortedSectors[sector]), .sectorBand) }
        }
        return best
    }
}

/// 64-bit hashes, each with the latest row (a place since the mark) that has it: open
/// addressing on each hash's low bits, emptied at once by a new mark (the standard `Set`
/// hashes each key again). Keys are compared whole, so the slot a key lands in only sets how
/// far a probe goes: FNV-1a's low bits depend only on the low bits of what it read, yet
/// indexing by its high bits cost more instructions (callgrind).
struct HashSlots {
    /// A slot's key, its latest row, and the mark it was set under: a slot set under an earlier
    /// mark is empty. (Kept in lists of their own, with a list of the slots used, each key set
    /// changed three lists and each mark cleared the slots one by one; callgrind.)
    private struct Slot {
        var key: UInt64 = 0
        var row = 0
        var mark = 0
    }

    /// Room from the start for the rows an account's stage makes in most books: begun with 64
    /// slots, most plannings' tables were grown twice, their keys placed again each time, and
    /// probed further while full (callgrind: 0.15% of planning).
    private var slots = [Slot](repeating: Slot(), count: 1024)
    /// The mark of the slots in use; every slot begins under none.
    private var mark = 1
    private var used = 0

    /// The slot of `hash`: where it is kept, or the empty slot where it would go. One probe
    /// serves the question and the row then added (`setLatestRow(_:at:of:)`), where a probe
    /// for each walked the same slots twice.
    func slot(of hash: UInt64) -> Int { probe(hash) }

    /// The latest row of the hash at `slot` (`slot(of:)`); `nil` when none has it.
    func latestRow(at slot: Int) -> Int? { slots[slot].mark == mark ? slots[slot].row : nil }

    /// Makes `row` the latest with `hash`, at its `slot` (`slot(of:)`, nothing added since);
    /// returns the latest before it, `nil` when none.
    mutating func setLatestRow(_ row: Int, at slot: Int, of hash: UInt64) -> Int? {
        if let previous = latestRow(at: slot) {
            slots[slot].row = row
            return previous
        }
        var slot = slot
        if (used + 1) * 2 > slots.count {
            grow()
            slot = probe(hash)
        }
        slots[slot] = Slot(key: hash, row: row, mark: mark)
        used += 1
        return nil
    }

    /// Empties every slot: those set before are under an earlier mark.
    mutating func removeAll() {
        mark += 1
        used = 0
    }

    /// Where `key` is kept, or the empty slot where it would go.
    @inline(__always)
    private func probe(_ key: UInt64) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while slots[slot].mark == mark, slots[slot].key != key { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        used = 0
        for entry in old where entry.mark == mark { _ = setLatestRow(entry.row, at: probe(entry.key), of: entry.key) }
    }
}
