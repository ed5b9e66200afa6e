/// One model symbol's place in an account: its target after scaling and its band, as
/// fractions of the account's investable value.
///
/// An immutable class, shared by the accounts of one model and cash target: as a value,
/// each copy (a read of a book's slot, a loop over them) went through the type's outlined
/// copy and retained its symbol: planning took 1% more instructions (callgrind).
final class Slot: Sendable {
    let symbol: String
    /// The model's target, before scaling.
    let modelTarget: Rate
    /// The target after scaling (targets + cash target = 1).
    let target: Double
    let band: Double
    /// Where the model symbol counts (its own slot), and its price: what a buy toward the
    /// slot asks, kept so that it is not looked up by name at every buy.
    let place: SymbolPlace
    let price: Price?
    /// The band's edges, within 0% and 100% (a weight is never outside them): a 100% target's
    /// high edge of 102% read as room no position can have. Worked out once: as computed
    /// properties, each drift line and each buy or sale toward a slot rounded them again
    /// (callgrind).
    let low: Double
    let high: Double

    init(symbol: String, modelTarget: Rate, target: Double, band: Double, place: SymbolPlace, price: Price?) {
        self.symbol = symbol
        self.modelTarget = modelTarget
        self.target = target
        self.band = band
        self.place = place
        self.price = price
        low = max(0, Planning.edge(target - band))
        high = min(1, Planning.edge(target + band))
    }

    /// The sector's number when the Sectors sheet bands it, and the symbol's exposure
    /// group's when the Groups sheet caps it (see `Universe.sectorNumbers`): its place's.
    var bandedSector: Int? { place.bandedSector }
    var cappedGroup: Int? { place.groupNumber }
}

/// One account as the phases work on it: its lots, cash and tax ledger, its targets, and
/// what the run has done to it so far.
///
/// A book is the one working state of its account for the run, changed in place by each
/// phase. It is a class, the one mutable exception to the codebase's values-only rule
/// besides C handles (the immutable classes, `Universe`, `ModelLayout`, `Slot`, behave as
/// values): as a value, every read of `books[i]` outside a stored-property chain copied its
/// thirty-odd fields, about 3.5% of planning's instructions (callgrind). It never leaves the
/// engine: the plan is made of values.
///
/// Its stored properties opt out of the run-time exclusivity check
/// (`@exclusivity(unchecked)`). A book belongs to one planning on one thread, and each
/// access to one of its properties ends before another to it begins: none is held across
/// a call that reaches the book again (swapped-in values, indexes worked out first). The
/// checks, one runtime call per access with a thread-local lookup, were about 4% of
/// planning's instructions (callgrind); while the book kept them, they never fired in the
/// property tests, which plan over a thousand generated portfolios a run.
final class AccountBook {
    let account: Account
    let index: Int
    /// The run's Settings with the account's own overrides (Lot Method, Min Trade, the
    /// harvest thresholds, Rebalance To) in place.
    let settings: Settings
    /// The positions by symbol, `nil` once sold out; change them only through `setLots`,
    /// which keeps the caches below in step.
    @exclusivity(unchecked) private(set) var positions: NameTable<Position?>
    /// Held symbols, sorted: the name of each of `heldEntries`, read where `positions` keeps
    /// it. (Kept in a list of their own, each symbol bought new or sold out was inserted or
    /// removed there too, and each book's list let go at its end; callgrind.)
    var heldSymbols: HeldSymbols { HeldSymbols(names: positions.names, entries: heldEntries) }
    /// Each held symbol's entry in `positions`, in `heldSymbols` order.
    @exclusivity(unchecked) private(set) var heldEntries: [Int] = []
    /// Where each symbol of `positions` counts, by its entry there (worked out with the
    /// slots): a held symbol's place is read without a lookup.
    @exclusivity(unchecked) private var placeOfEntry: [SymbolPlace] = []
    /// Each symbol of `positions`' rank in the universe's order (`String`'s order of the
    /// universe's symbols), by its entry there; -1 for a symbol the universe does not hold.
    @exclusivity(unchecked) private var rankOfEntry: [Int] = []
    /// How many symbols the universe ranks.
    private let rankCount: Int
    /// Market value of every position but `Hold` ones.
    @exclusivity(unchecked) private(set) var positionsValue = Money.zero
    /// Market value of the positions the engine may still sell: not restricted from
    /// selling and not bought in this run.
    @exclusivity(unchecked) private(set) var sellableValue = Money.zero
    /// Each change to the positions, in order, by the symbol's entry in `positions`, with the
    /// quantity before it: what a phase touched.
    @exclusivity(unchecked) private(set) var positionChanges: [(entry: Int, before: Quantity)] = []
    /// Where each symbol counts under the account's model.
    @exclusivity(unchecked) private(set) var layout = ModelLayout.none
    /// Market value counted toward each slot.
    @exclusivity(unchecked) private(set) var slotValues: [Money] = []
    /// Market value in each capped group and banded sector, by number.
    @exclusivity(unchecked) private(set) var groupValues: [Money] = []
    @exclusivity(unchecked) private(set) var sectorValues: [Money] = []
    @exclusivity(unchecked) var cash: Money
    @exclusivity(unchecked) var ledger: TaxLedger
    @exclusivity(unchecked) var sellProceeds = Money.zero
    @exclusivity(unchecked) var buyCost = Money.zero
    @exclusivity(unchecked) var withdrawalPaid = Money.zero
    /// Tax added by buys in other household accounts that disallow this account's losses.
    @exclusivity(unchecked) var taxFromOtherAccounts = Money.zero
    /// Whether Raise Cash has settled the withdrawal (paid, or paid short).
    @exclusivity(unchecked) var withdrawalSettled = false
    /// What stopped Raise Cash short of the cash target, in words, when it was left short:
    /// said again at the end of Rebalance if cash still ends below it.
    @exclusivity(unchecked) var cashTargetShortCause: String?
    /// Symbols bought in this run (never also sold), read where `boughtAtEntry` marks their
    /// entries in `positions`. Buys are marked by `setLots(…, buying: true)`. (Kept in a set of
    /// their own, each symbol bought was hashed and inserted there too, and each book's set let
    /// go at its end; callgrind.)
    var bought: BoughtSymbols { BoughtSymbols(book: self) }
    /// Whether the run bought the symbol at each entry of `positions` (none past its end): what
    /// `maySell(_:entry:)` reads, where asking a set of the bought symbols hashed the symbol at
    /// every change of a position's lots (callgrind).
    @exclusivity(unchecked) private var boughtAtEntry: [Bool] = []
    /// How many entries `boughtAtEntry` marks.
    @exclusivity(unchecked) private var boughtCount = 0
    /// Symbols sold in this run (never also bought): those whose entries in `positions` have a
    /// sell trade (`noteSellRow`). (Kept in a set of their own, each symbol sold was hashed and
    /// inserted there too, and each book's set let go at its end; callgrind.)
    var sold: SoldSymbols { SoldSymbols(book: self) }
    /// Symbols the PM's manual trades bought or sold.
    @exclusivity(unchecked) var manual = NameSet()
    /// Symbols identical to one a manual trade bought (`GOOGL` beside a manual buy of `GOOG`):
    /// no phase sells them, as none sells the symbol bought. Change with `markManualTwinBuy`.
    @exclusivity(unchecked) private(set) var manualTwinBuys = NameSet()
    /// Symbols identical to one a manual trade sold: no phase buys them.
    @exclusivity(unchecked) var manualTwinSales = NameSet()
    /// The model's slots in model order, targets scaled.
    @exclusivity(unchecked) private(set) var slots: [Slot] = []
    /// Sector targets (sum of the slots' scaled targets in each sector).
    @exclusivity(unchecked) private(set) var sectorTargets: [Double] = []
    /// What stopped the engine from moving each drift line (`Security`/`Sector`/`Group` and name).
    /// Kept by level, then name, as one bit per status in `DriftStatus` order: a table for each
    /// level, not a list of them (changed through the list, each table was checked as the list's
    /// element too, and the list let go through its element type; callgrind).
    @exclusivity(unchecked) private var securityStops = NameTable<UInt32>()
    @exclusivity(unchecked) private var sectorStops = NameTable<UInt32>()
    @exclusivity(unchecked) private var groupStops = NameTable<UInt32>()
    /// Each symbol's latest row in the plan's trades; the earlier ones are chained through
    /// `Planning.previousRowOfSymbol` (see `Planning.tradeRow`).
    @exclusivity(unchecked) var tradeRows = NameTable<Int>()
    /// Each position's latest sell trade (-1: none), by its entry in `positions`: a sale
    /// that joins the phase's trade finds it without a lookup of the symbol.
    @exclusivity(unchecked) private var sellRowOfEntry: [Int] = []
    /// How many buys the run has made in the account, for naming the lots they make.
    @exclusivity(unchecked) var buyCount = 0
    /// The position of the most lots when the book was made: its symbol and lot count.
    private(set) var largestPosition: (symbol: String, lots: Int)?

    /// Symbols whose stopped buys are already reported, so each is listed once.
    @exclusivity(unchecked) var loggedBuyStops = NameSet()

    init(account: Account, index: Int, lots: some RandomAccessCollection<TaxLot>, universe: Universe) {
        self.account = account
        self.index = index
        rankCount = universe.symbolCount
        settings = account.overrides.isEmpty ? universe.settings : account.overrides.applied(to: universe.settings)
        // Each lot's symbol numbered first, then the lots of each number counted, so each
        // position's lots are listed at their count. Lots are read where they are stored:
        // `for lot in lots` copies each. (Counted in the table as each lot was numbered, every
        // lot's count was changed through the table, its list checked for a copy; callgrind.)
        var symbols = NameTable<Void>(minimumCapacity: lots.count)
        var numbers: [Int] = []
        numbers.reserveCapacity(lots.count)
        for index in lots.indices {
            numbers.append(symbols.index(of: lots[index].symbol) {})
        }
        var counts = [Int](repeating: 0, count: symbols.count)
        counts.withUnsafeMutableBufferPointer { counts in
            for number in numbers { counts[number] += 1 }
        }
        // The lots' offsets grouped by position in their order (a counting sort), and each
        // position's lots copied out of `lots` at once: a list reserved for each position and
        // grown lot by lot was made again at its reserve and checked at every append
        // (callgrind). `ends`: where each position's next lot goes, at the end where its lots end.
        var ends: [Int] = []
        ends.reserveCapacity(counts.count)
        var total = 0
        for count in counts {
            ends.append(total)
            total += count
        }
        var grouped = [Int](repeating: 0, count: numbers.count)
        for offset in numbers.indices {
            grouped[ends[numbers[offset]]] = offset
            ends[numbers[offset]] += 1
        }
        cash = account.cash
        ledger = TaxLedger(before: account)
        // Positions only; `setSlots` works out where each counts once the targets are known.
        // They take the counting table's places: no symbol is hashed and placed again.
        var sellableValue = Money.zero
        var rankOfEntry: [Int] = []
        rankOfEntry.reserveCapacity(counts.count)
        positions = symbols.mapEntries { number, symbol in
            let (price, maySell, rank) = universe.heldFacts(of: symbol)
            let held = grouped[(ends[number] - counts[number])..<ends[number]].map {
                lots[lots.index(lots.startIndex, offsetBy: $0)]
            }
            let position = Position(held, price: price)
            if maySell { sellableValue += position.value }
            rankOfEntry.append(rank ?? -1)
            return position
        }
        self.sellableValue = sellableValue
        self.rankOfEntry = rankOfEntry
        // Room for a change of each position: grown from empty, the list was moved to a
        // larger one several times in every book (callgrind).
        positionChanges.reserveCapacity(counts.count)
        if let most = counts.indices.max(by: { counts[$0] < counts[$1] }) {
            largestPosition = (symbols.names[most], counts[most])
        }
        heldEntries = inNameOrder(Array(positions.names.indices))
    }

    /// The symbols bought in this run (`bought`): those of the entries of `positions` the book
    /// marks, asked of it where it keeps them (a copy of its tables retained each of their lists).
    struct BoughtSymbols {
        fileprivate let book: AccountBook

        var isEmpty: Bool { book.boughtCount == 0 }

        /// Whether the run bought `symbol`; a book with no buys answers without hashing it.
        @inline(__always)
        func contains(_ symbol: String) -> Bool {
            guard book.boughtCount > 0, let entry = book.positions.indexInPlace(of: symbol) else { return false }
            return book.wasBought(atEntry: entry)
        }
    }

    /// The symbols sold in this run (`sold`): those of the entries of `positions` with a sell
    /// trade, asked of the book where it keeps them.
    struct SoldSymbols {
        fileprivate let book: AccountBook

        /// Whether the run sold `symbol`; a book with no sales answers without hashing it.
        @inline(__always)
        func contains(_ symbol: String) -> Bool {
            guard !book.sellRowOfEntry.isEmpty, let entry = book.positions.indexInPlace(of: symbol) else { return false }
            return book.latestSellRow(atEntry: entry) != nil
        }
    }

    /// The held symbols in name order (`heldSymbols`): the names of their entries.
    struct HeldSymbols: RandomAccessCollection {
        fileprivate let names: [String]
        fileprivate let entries: [Int]

        var startIndex: Int { 0 }
        var endIndex: Int { entries.count }

        subscript(position: Int) -> String { names[entries[position]] }
    }

    /// Entries of `positions` (each at most once) in `String`'s order of their symbols. When the universe ranks
    /// every one, each rank with its entry in the low bits is sorted as a whole number
    /// (comparing names took about a hundred instructions a comparison; callgrind);
    /// otherwise their names are sorted (`sortedNames`).
    func inNameOrder(_ entries: [Int]) -> [Int] {
        if entries.count >= 16, let placed = inRankOrder(entries) { return placed }
        var ranked: [Int] = []
        ranked.reserveCapacity(entries.count)
        for entry in entries {
            guard rankOfEntry[entry] >= 0 else {
                return entries.map { positions.names[$0] }.sortedNames().map { positions.index(of: $0)! }
            }
            ranked.append(rankOfEntry[entry] << 32 | entry)
        }
        ranked.sort()
        // The entries taken out in place: a list made for them was one more allocation.
        for index in ranked.indices { ranked[index] &= 0xFFFF_FFFF }
        return ranked
    }

    /// `inNameOrder` of many entries, each placed by counting the ranks below its own: a bit is
    /// set for each entry's rank in a word per sixty-four of the universe's symbols. Sorting a
    /// book's hundred ranks took about three times the instructions (callgrind). An entry is a
    /// symbol, its rank its own: `entries` listing one twice would leave a place unset. `nil` when
    /// the universe does not rank a symbol of `entries`.
    private func inRankOrder(_ entries: [Int]) -> [Int]? {
        let wordCount = (rankCount + 63) / 64
        // The words, then the count of ranks below each, in a temporary buffer: as lists, each
        // change of one checked that the list was not shared (callgrind).
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * wordCount) { buffer -> [Int]? in
            let words = buffer.baseAddress!, below = words + wordCount
            words.initialize(repeating: 0, count: 2 * wordCount)
            for entry in entries {
                let rank = rankOfEntry[entry]
                guard rank >= 0 else { return nil }
                words[rank >> 6] |= 1 &<< (rank & 63)
            }
            var count = 0
            for word in 0..<wordCount {
                below[word] = count
                count += words[word].nonzeroBitCount
            }
            var placed = [Int](repeating: 0, count: entries.count)
            placed.withUnsafeMutableBufferPointer { placed in
                for entry in entries {
                    let rank = rankOfEntry[entry], word = rank >> 6
                    placed[below[word] + (words[word] & (1 &<< (rank & 63) &- 1)).nonzeroBitCount] = entry
                }
            }
            return placed
        }
    }

    /// The lots held of one symbol, their quantity and market value (zero without a price).
    struct Position: Sendable {
        fileprivate(set) var lots: [TaxLot]
        let quantity: Quantity
        let value: Money
        /// The symbol's price, kept so that a position set again needs no lookup of it.
        let price: Price?

        init(_ lots: consuming [TaxLot], price: Price?) {
            self.lots = lots
            quantity = lots.reduce(Quantity.zero) { $0 + $1.quantity }
            value = price?.value(of: quantity) ?? .zero
            self.price = price
        }
    }

    // The book's small questions (`lots(of:)`, `value(of:)`, `place(of:)`, `quantity(of:)`,
    // the cash figures) are asked in every phase's inner loops: always inlined, planning
    // takes about 0.7% fewer instructions (callgrind).

    /// The lots held of `symbol`, in the order they were acquired or listed.
    @inline(__always)
    func lots(of symbol: String) -> [TaxLot] {
        position(of: symbol)?.lots ?? []
    }

    /// The entry of `symbol` in `positions` (a position held now or before), if any.
    @inline(__always)
    func entry(of symbol: String) -> Int? {
        positions.indexInPlace(of: symbol)
    }

    /// The position at `entry`, if one is held there.
    @inline(__always)
    func position(atEntry entry: Int) -> Position? {
        positions[at: entry]
    }

    /// The latest sell trade of the position at `entry`, if it has one.
    @inline(__always)
    func latestSellRow(atEntry entry: Int) -> Int? {
        entry < sellRowOfEntry.count && sellRowOfEntry[entry] >= 0 ? sellRowOfEntry[entry] : nil
    }

    /// Notes `row` as the latest sell trade of the position at `entry`, its symbol among those
    /// `sold`.
    func noteSellRow(_ row: Int, atEntry entry: Int) {
        // Filled for every position at the book's first sale: a place at a time, it was grown
        // as far as each sale's entry (callgrind).
        if sellRowOfEntry.count <= entry {
            sellRowOfEntry.append(contentsOf: repeatElement(-1, count: max(entry + 1, positions.count) - sellRowOfEntry.count))
        }
        sellRowOfEntry[entry] = row
    }

    /// The position held of `symbol`, if any.
    @inline(__always)
    func position(of symbol: String) -> Position? {
        guard let index = positions.indexInPlace(of: symbol) else { return nil }
        return positions[at: index]
    }

    /// Market value of one held symbol (zero when it is not held or has no price).
    @inline(__always)
    func value(of symbol: String) -> Money {
        position(of: symbol)?.value ?? .zero
    }

    /// Whether any position holds a lot with Lot ID `id` (a question asked rarely: each
    /// position is read).
    func holdsLot(_ id: String) -> Bool {
        positions.values.contains { $0?.lots.contains { $0.lotID == id } ?? false }
    }

    /// Notes that a manual trade bought a symbol identical to `symbol`: it may no longer be
    /// sold. Its value, when it is held, leaves what may be sold.
    func markManualTwinBuy(_ symbol: String) {
        guard manualTwinBuys.insert(symbol), let entry = positions.indexInPlace(of: symbol),
              !wasBought(atEntry: entry),
              entry < placeOfEntry.count, placeOfEntry[entry].maySell else { return }
        sellableValue -= positions[at: entry]?.value ?? .zero
    }

    /// The lots held of `symbol`, taken out of its position so that the caller changes
    /// them in place (read with `lots(of:)`, they are shared with the position, and the
    /// first change copies them). The position's figures stay until the caller gives the
    /// lots back with `setLots`, which it must do before anything else reads the book.
    /// With the lots, the symbol's entry in `positions` when it has one, for `setLots`.
    /// `inserting`: a symbol the book has no entry for gets one (a buy's, whose lots `setLots`
    /// gives back at that entry: looked up there again, a new symbol was hashed twice).
    func takeLots(of symbol: String, inserting: Bool = false) -> (lots: [TaxLot], entry: Int?) {
        let found = inserting ? positions.index(of: symbol) { nil } : positions.indexInPlace(of: symbol)
        guard let index = found else { return ([], nil) }
        return (AccountBook.lots(takenFrom: &positions[at: index]), index)
    }

    /// The lots of `position`, taken out in place, or none when it holds none. (Asked first
    /// whether a position was there, the book copied it, its lots retained and released;
    /// callgrind.)
    private static func lots(takenFrom position: inout Position?) -> [TaxLot] {
        guard position != nil else { return [] }
        var lots: [TaxLot] = []
        swap(&lots, &position!.lots)
        return lots
    }

    /// Replaces the lots of one symbol and updates the position caches. `entry`: the
    /// symbol's entry in `positions` as `takeLots` gave it, which spares a lookup. `buying`:
    /// the lots are those after a buy of the run, which marks the symbol bought: it may no
    /// longer be sold, and what may be sold loses its value before the buy.
    @discardableResult
    func setLots(
        _ lots: [TaxLot], for symbol: String, entry known: Int? = nil, buying: Bool = false, universe: Universe
    ) -> Int {
        // The new position swapped in for the old in one lookup at most; the price is the
        // one the old position kept, when there is one.
        let entry = known ?? positions.index(of: symbol) { nil }
        // The old position taken out where it is kept: asked of it there, whether it was held
        // and at what price copied it, its lots retained and released (callgrind).
        var old: Position?
        swap(&old, &positions[at: entry])
        // A symbol new to the book is looked up once for its price and its rank.
        var price: Price?
        if old != nil {
            price = old?.price
        } else if entry == rankOfEntry.count {
            let facts = universe.heldFacts(of: symbol)
            price = facts.price
            rankOfEntry.append(facts.rank ?? -1)
        } else {
            price = universe.priceIfKnown(symbol)
        }
        let new = lots.isEmpty ? nil : Position(lots, price: price)
        let newValue = new?.value ?? .zero
        positions[at: entry] = new
        while rankOfEntry.count <= entry {
            rankOfEntry.append(universe.heldFacts(of: positions.names[rankOfEntry.count]).rank ?? -1)
        }
        while placeOfEntry.count <= entry {
            let next = placeOfEntry.count
            placeOfEntry.append(layout.place(of: positions.names[next], rank: rankOfEntry[next], universe: universe))
        }
        positionChanges.append((entry, old?.quantity ?? .zero))
        let oldValue = old?.value ?? .zero
        let place = placeOfEntry[entry]
        // A buy asks the bought symbols once, as it joins them (whether it was there decides
        // whether the symbol could be sold before), where the new value counted in and taken
        // out again asked them twice more (callgrind).
        let sellable = buying
            ? markBought(entry: entry) && place.maySell
                && (manualTwinBuys.isEmpty || !manualTwinBuys.contains(symbol))
            : maySell(symbol, entry: entry)
        if lots.isEmpty {
            if place.counted { add(-oldValue, at: place) }
            if sellable { sellableValue -= oldValue }
            let position = heldPlace(ofEntry: entry)
            if position < heldEntries.count, heldEntries[position] == entry { heldEntries.remove(at: position) }
            return entry
        }
        let isNew = old == nil
        // One change of value where it counts: the new value less the old.
        if place.counted { add(newValue - oldValue, at: place) }
        if sellable {
            if buying { sellableValue -= oldValue } else { sellableValue += newValue - oldValue }
        }
        if isNew {
            heldEntries.insert(entry, at: heldPlace(ofEntry: entry))
        }
        return entry
    }

    /// Whether the run bought the symbol at `entry` of `positions`.
    @inline(__always)
    private func wasBought(atEntry entry: Int) -> Bool {
        entry < boughtAtEntry.count && boughtAtEntry[entry]
    }

    /// Marks the symbol at `entry` of `positions` bought; whether it was not bought before.
    private func markBought(entry: Int) -> Bool {
        if wasBought(atEntry: entry) { return false }
        boughtCount += 1
        // Filled for every position at the book's first buy, and at least doubled when a buy
        // of a symbol new to the book passes its end: a place at a time, the list was checked
        // and grown at each (callgrind).
        if boughtAtEntry.count <= entry {
            let count = max(entry + 1, positions.count, 2 * boughtAtEntry.count)
            boughtAtEntry.append(contentsOf: repeatElement(false, count: count - boughtAtEntry.count))
        }
        boughtAtEntry[entry] = true
        return true
    }

    /// Where the symbol at `entry` of `positions` goes in `heldEntries`:
    /// the first held symbol not before it in `String`'s order. Two symbols the universe
    /// ranks are compared by rank, which orders them as their names; any other pair by name.
    /// The lists are read through their buffers: read as the book's properties, each step of
    /// the search loaded and checked both again (callgrind).
    private func heldPlace(ofEntry entry: Int) -> Int {
        rankOfEntry.withUnsafeBufferPointer { ranks in
            heldEntries.withUnsafeBufferPointer { held in
                let rank = ranks[entry]
                var low = 0, high = held.count
                while low < high {
                    let middle = (low + high) / 2
                    let other = held[middle]
                    let before = rank >= 0 && ranks[other] >= 0
                        ? ranks[other] < rank : positions.names[other] < positions.names[entry]
                    if before { low = middle + 1 } else { high = middle }
                }
                return low
            }
        }
    }

    private func add(_ value: Money, at place: SymbolPlace) {
        positionsValue += value
        if let slot = place.slot { slotValues[slot] += value }
        if let group = place.groupNumber { groupValues[group] += value }
        if let sector = place.bandedSector { sectorValues[sector] += value }
    }

    /// The model symbol whose slot `symbol` counts toward when it is another symbol (a twin or
    /// a Replacement standing in), nil when `symbol` is a model symbol or counts toward none.
    func modelSymbol(standingInFor symbol: String) -> String? {
        guard let slot = layout.slotIndexBySymbol[symbol], slots[slot].symbol != symbol else { return nil }
        return slots[slot].symbol
    }

    /// The held symbols other than the slot's model symbol that count toward it, largest
    /// market value first, ties by symbol: the order in which the contract's sales take them
    /// ("largest dollar excess first, ties by symbol"). By symbol alone, a $20,000 stand-in
    /// with a $15,000 gain was sold before a $60,000 one with none, for $3,570 of tax where
    /// renaming the two cost nothing (explore-EC).
    ///
    /// Read off the held symbols and their places when asked (a few times per account), where
    /// a list per slot kept in step with every change of lots cost more to keep and to free.
    func standIns(ofSlot slot: Int) -> [String] {
        var standIns: [(symbol: String, value: Money)] = []
        let model = slots[slot].symbol
        for entry in heldEntries {
            let place = placeOfEntry[entry]
            guard place.counted, place.slot == slot else { continue }
            let symbol = positions.names[entry]
            if symbol != model { standIns.append((symbol, positions[at: entry]?.value ?? .zero)) }
        }
        guard standIns.count > 1 else { return standIns.map(\.symbol) }
        return standIns.sorted(by: AccountBook.standsInBefore).map(\.symbol)
    }

    /// Every slot's stand-ins among the held symbols `include` keeps, with their values, each
    /// slot's in `standIns(ofSlot:)`'s order: read in one pass over the positions, where asking
    /// `standIns(ofSlot:)` of each slot read every position again (callgrind: Raise Cash's
    /// excesses, 1% of planning's instructions).
    func standInsOfSlots(where include: (_ symbol: String, _ entry: Int) -> Bool) -> [[(symbol: String, value: Money)]] {
        var standIns = [[(symbol: String, value: Money)]](repeating: [], count: slots.count)
        for entry in heldEntries {
            let symbol = positions.names[entry]
            guard include(symbol, entry) else { continue }
            let place = placeOfEntry[entry]
            if place.counted, let slot = place.slot, symbol != slots[slot].symbol {
                standIns[slot].append((symbol, positions[at: entry]?.value ?? .zero))
            }
        }
        for slot in standIns.indices where standIns[slot].count > 1 { standIns[slot].sort(by: AccountBook.standsInBefore) }
        return standIns
    }

    /// The order of a slot's stand-ins: largest value first, ties by symbol.
    static func standsInBefore(_ a: (symbol: String, value: Money), _ b: (symbol: String, value: Money)) -> Bool {
        a.value != b.value ? a.value > b.value : a.symbol < b.symbol
    }

    /// Where `symbol` counts in this account.
    @inline(__always)
    func place(of symbol: String, universe: Universe) -> SymbolPlace {
        layout.place(of: symbol, universe: universe)
    }

    /// Sets the slots (targets scaled) and works out every held symbol's place again.
    /// `sectorTargets`: the sum of the slots' scaled targets in each banded sector, by number.
    func setSlots(_ slots: [Slot], layout: ModelLayout, sectorTargets: [Double], universe: Universe) {
        self.slots = slots
        self.layout = layout
        self.sectorTargets = sectorTargets
        slotValues = Array(repeating: .zero, count: slots.count)
        groupValues = Array(repeating: .zero, count: universe.sortedGroups.count)
        sectorValues = Array(repeating: .zero, count: universe.sortedSectors.count)
        positionsValue = .zero
        // With room for the model's symbols besides those held: made at its count, the list
        // was moved to a larger one at the book's first buy of a symbol it did not hold
        // (callgrind).
        var places: [SymbolPlace] = []
        places.reserveCapacity(positions.count + slots.count)
        // Each place read by the symbol's rank in the universe, where the layout keeps it, not
        // looked up by name (callgrind).
        for entry in positions.names.indices {
            let rank = entry < rankOfEntry.count ? rankOfEntry[entry] : -1
            places.append(layout.place(of: positions.names[entry], rank: rank, universe: universe))
        }
        placeOfEntry = places
        // Each value read where the table keeps its position: bound as a position, each was
        // copied, its lots retained and released (callgrind).
        positions.values.withUnsafeBufferPointer { values in
            for entry in heldEntries {
                let place = placeOfEntry[entry]
                guard place.counted, let value = values[entry]?.value else { continue }
                add(value, at: place)
            }
        }
    }

    /// Counts `symbol`, which the account does not hold, toward `slot` from now on (a harvest's
    /// replacement; see `Planning.sizedReplacement`): no value moves, as none is held.
    func countStandIn(_ symbol: String, toward slot: Int, universe: Universe) {
        precondition(position(of: symbol) == nil, "a stand-in is moved to another slot only while not held")
        layout = layout.counting(symbol, toward: slot, universe: universe)
        if let entry = positions.indexInPlace(of: symbol), entry < placeOfEntry.count {
            placeOfEntry[entry] = layout.place(of: symbol, universe: universe)
        }
    }

    /// Where the symbol at `entry` of `positions` counts.
    @inline(__always)
    func place(ofEntry entry: Int) -> SymbolPlace {
        placeOfEntry[entry]
    }

    /// The held symbols whose place meets `condition`, in symbol order: each place is read
    /// by the symbol's entry, where asking `place(of:)` looked every symbol up by name.
    func heldSymbols(placed condition: (SymbolPlace) -> Bool) -> [String] {
        var symbols: [String] = []
        symbols.reserveCapacity(heldEntries.count)
        for entry in heldEntries where condition(placeOfEntry[entry]) { symbols.append(positions.names[entry]) }
        return symbols
    }

    /// Held symbols that are neither in a slot nor `Hold`: sold down over runs.
    func legacySymbols() -> [String] {
        heldSymbols(placed: \.isLegacy)
    }

    /// Whether the engine may still sell the symbol at `entry` of `positions`: the Securities
    /// sheet does not restrict its sale and the run has not bought it.
    @inline(__always)
    func maySell(_ symbol: String, entry: Int) -> Bool {
        placeOfEntry[entry].maySell && !wasBought(atEntry: entry)
            && (manualTwinBuys.isEmpty || !manualTwinBuys.contains(symbol))
    }

    @inline(__always)
    var id: String { account.id }
    @inline(__always)
    var isTaxed: Bool { account.type.isTaxed }

    @inline(__always)
    func quantity(of symbol: String) -> Quantity {
        position(of: symbol)?.quantity ?? .zero
    }

    /// The part of the withdrawal not yet paid that can be paid: at most cash plus what may
    /// be sold; zero once Raise Cash has settled it.
    @inline(__always)
    var pendingWithdrawal: Money {
        guard !withdrawalSettled, account.withdrawal > .zero else { return .zero }
        return .min(account.withdrawal, cash + sellableValue)
    }

    /// Investable value: cash + positions but `Hold` ones − the payable withdrawal, never
    /// below zero.
    @inline(__always)
    var investableValue: Money {
        .max(.zero, cash + positionsValue - pendingWithdrawal)
    }

    /// Cash above the cash target: what buys may spend.
    @inline(__always)
    var spendableCash: Money {
        .max(.zero, cash - investableValue.multiplied(by: account.cashTarget))
    }

    /// The tax budget left: `nil` when unlimited.
    @inline(__always)
    var budgetLeft: Money? { account.taxBudget.left(after: ledger.impact) }

    func noteStop(_ key: DriftKey, _ status: DriftStatus) {
        let bit = AccountBook.stopBit(status)
        changeStops(of: key.level) { stops in
            let entry = stops.index(of: key.name) { 0 }
            stops[at: entry] |= bit
        }
    }

    /// Whether `status` is noted for `key`.
    func hasStop(_ key: DriftKey, _ status: DriftStatus) -> Bool {
        stopBits(of: key) & AccountBook.stopBit(status) != 0
    }

    /// Takes back a status noted for `key` that turned out not to stop it (cash short for a
    /// first buy, enough once the excess-cash buys reach the line).
    func clearStop(_ key: DriftKey, _ status: DriftStatus) {
        let bit = AccountBook.stopBit(status)
        changeStops(of: key.level) { stops in
            guard let entry = stops.index(of: key.name) else { return }
            stops[at: entry] &= ~bit
        }
    }

    /// The first status in `DriftStatus` order among those noted for `key` and `implicit`.
    func firstStop(of key: DriftKey, or implicit: DriftStatus? = nil) -> DriftStatus? {
        var bits = stopBits(of: key)
        if let implicit { bits |= AccountBook.stopBit(implicit) }
        guard bits != 0 else { return nil }
        return DriftStatus.allCases[bits.trailingZeroBitCount]
    }

    /// The stops noted for `key`, read where its level's table keeps them (looked up through a
    /// mutating access: see `NameTable.indexInPlace(of:)`).
    @inline(__always)
    private func stopBits(of key: DriftKey) -> UInt32 {
        var bits: UInt32 = 0
        changeStops(of: key.level) { stops in
            if let entry = stops.indexInPlace(of: key.name) { bits = stops[at: entry] }
        }
        return bits
    }

    /// Changes the stops of `level` in place.
    @inline(__always)
    private func changeStops(of level: DriftLevel, _ change: (inout NameTable<UInt32>) -> Void) {
        switch level {
        case .security: change(&securityStops)
        case .sector: change(&sectorStops)
        case .group: change(&groupStops)
        }
    }

    /// The bit of `status` among a line's stops: its place in `DriftStatus` order. (Its place
    /// searched for among `allCases` cost more than the rest of noting a stop; callgrind.)
    @inline(__always)
    private static func stopBit(_ status: DriftStatus) -> UInt32 {
        precondition(status.order < UInt32.bitWidth, "a drift status beyond the stop bits")
        return 1 << status.order
    }
}

/// Where a symbol's value counts in an account.
struct SymbolPlace: Sendable {
    /// The slot it counts toward (a model symbol or its stand-in).
    let slot: Int?
    /// Its capped exposure group's number, and its sector's when the Sectors sheet bands it.
    /// (A place holds no names: it is copied at every question.)
    let groupNumber: Int?
    let bandedSector: Int?
    /// Whether it counts at all (`Hold` positions do not).
    let counted: Bool
    /// Whether the engine may sell it (not `No Sell` or `Hold`), as the Securities sheet says.
    let maySell: Bool

    /// Counted and in no slot: a legacy holding.
    var isLegacy: Bool { counted && slot == nil }
}

/// Where each symbol counts under one model: its slot (a model symbol's or a stand-in's),
/// capped exposure group and sector, and whether it counts at all. It is the same in
/// every account of the model, so it is worked out once per model, ahead for the symbols
/// the model's accounts hold and on demand for any other.
///
/// It is an immutable class, shared by the model's accounts: read from a book (itself a
/// class), a value of its three tables was copied, seven references retained and released,
/// at every question of where a symbol counts, about 1% of planning's instructions.
final class ModelLayout: Sendable {
    /// The slot each symbol counts toward: model symbols and their stand-ins.
    let slotIndexBySymbol: NameTable<Int>
    /// Each slot's sector (its model row's, else the Securities sheet's).
    let slotSectors: [String?]
    /// The places worked out ahead.
    private let known: NameTable<SymbolPlace>
    /// The entry in `known` of each symbol by its rank in the universe (`Universe.heldFacts`;
    /// -1: none), for a book that knows its positions' ranks: looked up by name, each book's
    /// positions were hashed and compared again (callgrind).
    private let knownOfRank: [Int32]

    /// No model: every symbol is outside the slots.
    static let none = ModelLayout(slotIndexBySymbol: [:], slotSectors: [], symbols: [], universe: nil)

    init(slotIndexBySymbol: [String: Int], slotSectors: [String?], symbols: some Sequence<String>, universe: Universe?) {
        var slots = NameTable<Int>(minimumCapacity: slotIndexBySymbol.count)
        for (symbol, slot) in slotIndexBySymbol { slots.set(slot, for: symbol) }
        self.slotIndexBySymbol = slots
        self.slotSectors = slotSectors
        var known = NameTable<SymbolPlace>()
        var knownOfRank: [Int32] = []
        if let universe {
            knownOfRank = Array(repeating: -1, count: universe.symbolCount)
            for symbol in symbols {
                let entry = known.index(of: symbol) {
                    ModelLayout.place(of: symbol, slot: slots[symbol], slotSectors, universe)
                }
                if let rank = universe.heldFacts(of: symbol).rank { knownOfRank[rank] = Int32(entry) }
            }
        }
        self.known = known
        self.knownOfRank = knownOfRank
    }

    @inline(__always)
    func place(of symbol: String, universe: Universe) -> SymbolPlace {
        known[symbol] ?? ModelLayout.place(of: symbol, slot: slotIndexBySymbol[symbol], slotSectors, universe)
    }

    /// `place(of:universe:)` of a symbol whose rank in the universe is `rank` (-1: it has none).
    @inline(__always)
    func place(of symbol: String, rank: Int, universe: Universe) -> SymbolPlace {
        if rank >= 0, rank < knownOfRank.count, knownOfRank[rank] >= 0 { return known[at: Int(knownOfRank[rank])] }
        return place(of: symbol, universe: universe)
    }

    /// This layout with `symbol` counted toward `slot`: one account's own, for a Replacement
    /// bought or held there for a symbol other than the one that claims it by model order (see
    /// `Planning.sizedReplacement` and `Planning.setTargets`).
    /// Only `symbol`'s slot and place change (a place depends on no other symbol's slot): the
    /// tables are copied and that entry set, where building the layout anew placed every
    /// symbol again, 4% of the firm book's planning (perf).
    func counting(_ symbol: String, toward slot: Int, universe: Universe) -> ModelLayout {
        var slots = slotIndexBySymbol
        slots.set(slot, for: symbol)
        var places = known
        var inserted = false
        let place = ModelLayout.place(of: symbol, slot: slot, slotSectors, universe)
        let entry = places.index(of: symbol) { inserted = true; return place }
        if !inserted { places[at: entry] = place }
        var ofRank = knownOfRank
        if inserted, let rank = universe.heldFacts(of: symbol).rank, rank < ofRank.count { ofRank[rank] = Int32(entry) }
        return ModelLayout(slotIndexBySymbol: slots, slotSectors: slotSectors, known: places, knownOfRank: ofRank)
    }

    private init(
        slotIndexBySymbol: NameTable<Int>, slotSectors: [String?], known: NameTable<SymbolPlace>, knownOfRank: [Int32]
    ) {
        self.slotIndexBySymbol = slotIndexBySymbol
        self.slotSectors = slotSectors
        self.known = known
        self.knownOfRank = knownOfRank
    }

    private static func place(of symbol: String, slot: Int?, _ slotSectors: [String?], _ universe: Universe) -> SymbolPlace {
        let facts = universe.placeFacts(of: symbol)
        let sector = slot.flatMap { slotSectors[$0] } ?? facts.sector
        return SymbolPlace(
            slot: slot, groupNumber: facts.group.flatMap { universe.groupNumbers[$0] },
            bandedSector: sector.flatMap { universe.sectorNumbers[$0] }, counted: !facts.isHold,
            maySell: universe.maySell(symbol))
    }
}

/// A line of the Drift sheet, as the phases note what stopped it.
struct DriftKey: Sendable, Hashable {
    let level: DriftLevel
    let name: String

    static func security(_ name: String) -> DriftKey { DriftKey(level: .security, name: name) }
    static func sector(_ name: String) -> DriftKey { DriftKey(level: .sector, name: name) }
    static func group(_ name: String) -> DriftKey { DriftKey(level: .group, name: name) }

    /// The line as a sentence names a cap's: `exposure group Tech`, `sector Energy`.
    var capName: String { "\(level == .group ? "exposure group" : "sector") \(name)" }
    /// What its limit is called: a group's cap, a sector's high edge.
    var limitName: String { level == .group ? "cap" : "high edge" }
}

extension TaxLedger {
    /// An account's ledger before any trade of the run: its type, rates, year-to-date
    /// figures and carryforwards.
    init(before account: Account) {
        self.init(
            profile: AccountTaxProfile(type: account.type, rates: account.rates),
            realizedShortTermYTD: account.realizedShortTermYTD,
            realizedLongTermYTD: account.realizedLongTermYTD,
            shortTermCarryforward: account.shortTermCarryforward,
            longTermCarryforward: account.longTermCarryforward)
    }
}
