/// One model symbol's place in an account: its target after scaling and its band, as
/// fractions of the account's investable value.
struct Slot: Sendable {
    let symbol: String
    /// The model's target, before scaling.
    let modelTarget: Rate
    /// The target after scaling (targets + cash target = 1).
    let target: Double
    let band: Double
    let sector: String?

    var low: Double { max(0, target - band) }
    var high: Double { target + band }
}

/// One account as the phases work on it: its lots, cash and tax ledger, its targets, and
/// what the run has done to it so far.
struct AccountBook: Sendable {
    let account: Account
    let index: Int
    /// The lots held, by symbol; change them only through `setLots`, which keeps the
    /// position caches below in step.
    private(set) var lotsBySymbol: [String: [TaxLot]] = [:]
    /// Held symbols, sorted.
    private(set) var heldSymbols: [String] = []
    private(set) var quantities: [String: Quantity] = [:]
    /// Market value of each held symbol (zero when it has no price).
    private(set) var values: [String: Money] = [:]
    /// Market value of every position but `Hold` ones.
    private(set) var positionsValue = Money.zero
    /// Market value of the positions the engine may still sell: not restricted from
    /// selling and not bought in this run.
    private(set) var sellableValue = Money.zero
    /// The symbol of each change to the positions, in order: what a phase touched.
    private(set) var positionChanges: [String] = []
    /// Where each symbol seen so far counts: its slot, exposure group and sector.
    private(set) var places: [String: SymbolPlace] = [:]
    /// Market value counted toward each slot, and the held symbols counting toward it
    /// (the model symbol first, then stand-ins by symbol).
    private(set) var slotValues: [Money] = []
    private(set) var slotMembers: [[String]] = []
    private(set) var groupValues: [String: Money] = [:]
    private(set) var sectorValues: [String: Money] = [:]
    var cash: Money
    var ledger: TaxLedger
    var sellProceeds = Money.zero
    var buyCost = Money.zero
    var withdrawalPaid = Money.zero
    /// Tax added by buys in other household accounts that disallow this account's losses.
    var taxFromOtherAccounts = Money.zero
    /// Whether Raise Cash has settled the withdrawal (paid, or paid short).
    var withdrawalSettled = false
    /// Symbols bought and sold in this run: never both. Buys are marked with `markBought`.
    private(set) var bought: Set<String> = []
    var sold: Set<String> = []
    /// Symbols the PM's manual trades bought or sold.
    var manual: Set<String> = []
    /// The model's slots in model order, targets scaled.
    private(set) var slots: [Slot] = []
    /// The slot each symbol counts toward: model symbols and their stand-ins.
    private(set) var slotIndexBySymbol: [String: Int] = [:]
    /// Sector targets (sum of the slots' scaled targets in each sector).
    private(set) var sectorTargets: [String: Double] = [:]
    /// What stopped the engine from moving each drift line (`Security`/`Sector`/`Group` and name).
    var stops: [DriftKey: Set<DriftStatus>] = [:]
    /// How many buys the run has made in the account, for naming the lots they make.
    var buyCount = 0
    /// Symbols whose stopped buys are already reported, so each is listed once.
    var loggedBuyStops: Set<String> = []

    init(account: Account, index: Int, lots: [TaxLot], universe: Universe) {
        self.account = account
        self.index = index
        var bySymbol: [String: [TaxLot]] = [:]
        for lot in lots { bySymbol[lot.symbol, default: []].append(lot) }
        cash = account.cash
        ledger = TaxLedger(before: account)
        // Positions only; `setSlots` works out where each counts once the targets are known.
        lotsBySymbol = bySymbol
        heldSymbols = bySymbol.keys.sorted()
        for (symbol, symbolLots) in bySymbol {
            let quantity = symbolLots.reduce(Quantity.zero) { $0 + $1.quantity }
            quantities[symbol] = quantity
            let value = universe.value(of: quantity, symbol)
            values[symbol] = value
            if universe.maySell(symbol) { sellableValue += value }
        }
        // Where each position counts waits for `setSlots`, which the targets call once.
    }

    /// Notes a buy of `symbol` in this run: it may no longer be sold.
    mutating func markBought(_ symbol: String, universe: Universe) {
        guard bought.insert(symbol).inserted, universe.maySell(symbol) else { return }
        sellableValue -= values[symbol] ?? .zero
    }

    /// Replaces the lots of one symbol and updates the position caches.
    mutating func setLots(_ lots: [TaxLot], for symbol: String, universe: Universe) {
        positionChanges.append(symbol)
        let oldValue = values[symbol] ?? .zero
        let place = place(of: symbol, universe: universe)
        let sellable = universe.maySell(symbol) && !bought.contains(symbol)
        if place.counted { add(-oldValue, at: place) }
        if sellable { sellableValue -= oldValue }
        if lots.isEmpty {
            lotsBySymbol[symbol] = nil
            quantities[symbol] = nil
            values[symbol] = nil
            if let position = heldSymbols.firstIndex(of: symbol) { heldSymbols.remove(at: position) }
            if place.counted, let slot = place.slot { slotMembers[slot].removeAll { $0 == symbol } }
            return
        }
        let isNew = lotsBySymbol[symbol] == nil
        lotsBySymbol[symbol] = lots
        let quantity = lots.reduce(Quantity.zero) { $0 + $1.quantity }
        quantities[symbol] = quantity
        let value = universe.value(of: quantity, symbol)
        values[symbol] = value
        if place.counted { add(value, at: place) }
        if sellable { sellableValue += value }
        if isNew {
            heldSymbols.insert(symbol, at: AccountBook.insertionIndex(of: symbol, in: heldSymbols))
            if place.counted, let slot = place.slot { addMember(symbol, to: slot) }
        }
    }

    private mutating func add(_ value: Money, at place: SymbolPlace) {
        positionsValue += value
        if let slot = place.slot { slotValues[slot] += value }
        if let group = place.group { groupValues[group, default: .zero] += value }
        if let sector = place.sector { sectorValues[sector, default: .zero] += value }
    }

    private mutating func addMember(_ symbol: String, to slot: Int) {
        var members = slotMembers[slot]
        if symbol == slots[slot].symbol {
            members.insert(symbol, at: 0)
        } else {
            let start = members.first == slots[slot].symbol ? 1 : 0
            let rest = Array(members[start...])
            members.insert(symbol, at: start + AccountBook.insertionIndex(of: symbol, in: rest))
        }
        slotMembers[slot] = members
    }

    private static func insertionIndex(of symbol: String, in sorted: [String]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < symbol { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Where `symbol` counts in this account, worked out once.
    mutating func place(of symbol: String, universe: Universe) -> SymbolPlace {
        if let known = places[symbol] { return known }
        let place = computedPlace(of: symbol, universe: universe)
        places[symbol] = place
        return place
    }

    /// Where `symbol` counts, from the slots and the Securities sheet.
    func computedPlace(of symbol: String, universe: Universe) -> SymbolPlace {
        if let known = places[symbol] { return known }
        let slot = slotIndexBySymbol[symbol]
        let facts = universe.placeFacts(of: symbol)
        return SymbolPlace(
            slot: slot, group: facts.group, sector: slot.flatMap { slots[$0].sector } ?? facts.sector, counted: !facts.isHold)
    }

    /// Sets the slots (targets scaled) and works out every held symbol's place again.
    mutating func setSlots(_ slots: [Slot], slotIndexBySymbol: [String: Int], sectorTargets: [String: Double],
                           universe: Universe) {
        self.slots = slots
        self.slotIndexBySymbol = slotIndexBySymbol
        self.sectorTargets = sectorTargets
        places = [:]
        slotValues = Array(repeating: .zero, count: slots.count)
        slotMembers = Array(repeating: [], count: slots.count)
        groupValues = [:]
        sectorValues = [:]
        positionsValue = .zero
        for symbol in heldSymbols {
            let place = place(of: symbol, universe: universe)
            guard place.counted else { continue }
            add(values[symbol] ?? .zero, at: place)
            if let slot = place.slot { addMember(symbol, to: slot) }
        }
    }

    var id: String { account.id }
    var isTaxed: Bool { account.type.isTaxed }

    func quantity(of symbol: String) -> Quantity {
        quantities[symbol] ?? .zero
    }

    /// The part of the withdrawal not yet paid that can be paid: at most cash plus what may
    /// be sold; zero once Raise Cash has settled it.
    var pendingWithdrawal: Money {
        guard !withdrawalSettled, account.withdrawal > .zero else { return .zero }
        return .min(account.withdrawal, cash + sellableValue)
    }

    /// Investable value: cash + positions but `Hold` ones − the payable withdrawal, never
    /// below zero.
    var investableValue: Money {
        .max(.zero, cash + positionsValue - pendingWithdrawal)
    }

    /// Cash above the cash target: what buys may spend.
    var spendableCash: Money {
        .max(.zero, cash - investableValue.multiplied(by: account.cashTarget))
    }

    /// The tax budget left: `nil` when unlimited.
    var budgetLeft: Money? { account.taxBudget.left(after: ledger.impact) }

    mutating func noteStop(_ key: DriftKey, _ status: DriftStatus) {
        stops[key, default: []].insert(status)
    }
}

/// Where a symbol's value counts in an account.
struct SymbolPlace: Sendable {
    /// The slot it counts toward (a model symbol or its stand-in).
    let slot: Int?
    let group: String?
    let sector: String?
    /// Whether it counts at all (`Hold` positions do not).
    let counted: Bool
}

/// A line of the Drift sheet, as the phases note what stopped it.
struct DriftKey: Sendable, Hashable {
    let level: DriftLevel
    let name: String

    static func security(_ name: String) -> DriftKey { DriftKey(level: .security, name: name) }
    static func sector(_ name: String) -> DriftKey { DriftKey(level: .sector, name: name) }
    static func group(_ name: String) -> DriftKey { DriftKey(level: .group, name: name) }
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
