/// What the whole book says of its symbols, fixed for the run: prices, securities,
/// families, caps and sector bands.
///
/// An immutable class, shared by every book and phase (and every shard's planning): read
/// from a planning inside its mutating methods, a value's tables were copied out, their
/// references retained and released, at every question (callgrind).
final class Universe: Sendable {
    let settings: Settings
    let prices: [String: Price]
    let securities: [String: Security]
    let families: SecurityFamilies
    /// The capped groups and banded sectors, sorted: the order their lines are judged and listed.
    let sortedGroups: [String]
    let sortedSectors: [String]
    /// Each capped group's and banded sector's place in those lists: a book keeps their
    /// values by number.
    let groupNumbers: [String: Int]
    let sectorNumbers: [String: Int]
    /// The caps and bands by number.
    let capsByNumber: [Rate]
    let bandsByNumber: [Rate]
    /// The trading step: a whole share, or 0.0001 under Fractional Shares.
    let step: Quantity
    /// What the phases ask of a symbol, found with one lookup.
    private let facts: NameTable<SymbolFacts>
    /// The named facts of each symbol, at its entry in `facts`.
    private let namedFacts: [NamedFacts]
    /// Each symbol's place among all of them in `String`'s order, at its entry in `facts`:
    /// the symbols are sorted once here, and a book's held symbols by these numbers.
    private let ranks: [Int]

    /// A symbol's price, restriction and Phase Out mark: plain values, so that a lookup
    /// copies no reference (with the names below in it, each question retained and
    /// released three of them; callgrind).
    private struct SymbolFacts: Sendable {
        var price: Price?
        var restriction: Restriction?
        var phaseOut = false
    }

    /// A symbol's capped exposure group, sector and Replacements.
    private struct NamedFacts: Sendable {
        /// Its exposure group when the Groups sheet caps that group.
        var cappedGroup: String?
        /// Its sector on the Securities sheet.
        var sector: String?
        /// Its Replacements, in the Securities sheet's order.
        var replacements: [String] = []
    }

    init(_ portfolio: Portfolio) {
        settings = portfolio.settings
        // The tables are made with room for every row: grown from empty, each placed its
        // names again some ten times (callgrind: 0.2% of planning's instructions).
        var prices = [String: Price](minimumCapacity: portfolio.prices.count)
        for resolved in portfolio.prices { prices[resolved.symbol] = resolved.price }
        self.prices = prices
        var securities = [String: Security](minimumCapacity: portfolio.securities.count)
        var groups = [String: String](minimumCapacity: portfolio.securities.count)
        for security in portfolio.securities {
            securities[security.symbol] = security
            if let group = security.identicalGroup { groups[security.symbol] = group }
        }
        self.securities = securities
        families = SecurityFamilies(identicalGroups: groups)
        var caps: [String: Rate] = [:]
        for cap in portfolio.groups { caps[cap.group] = cap.maxWeight }
        var bands: [String: Rate] = [:]
        for band in portfolio.sectors { bands[band.sector] = band.band }
        sortedGroups = caps.keys.sorted()
        sortedSectors = bands.keys.sorted()
        groupNumbers = Dictionary(uniqueKeysWithValues: sortedGroups.enumerated().map { ($1, $0) })
        sectorNumbers = Dictionary(uniqueKeysWithValues: sortedSectors.enumerated().map { ($1, $0) })
        capsByNumber = sortedGroups.map { caps[$0]! }
        bandsByNumber = sortedSectors.map { bands[$0]! }
        step = portfolio.settings.fractionalShares ? .fractionalStep : .wholeShare
        var facts = NameTable<SymbolFacts>(minimumCapacity: max(prices.count, securities.count))
        for (symbol, price) in prices { facts[at: facts.index(of: symbol) { SymbolFacts() }].price = price }
        var namedFacts = [NamedFacts](repeating: NamedFacts(), count: facts.count)
        for (symbol, security) in securities {
            let index = facts.index(of: symbol) { SymbolFacts() }
            facts[at: index].restriction = security.restriction
            facts[at: index].phaseOut = security.phaseOut
            if index == namedFacts.count { namedFacts.append(NamedFacts()) }
            namedFacts[index].sector = security.sector
            namedFacts[index].replacements = security.replacements
            if let group = security.exposureGroup, caps[group] != nil { namedFacts[index].cappedGroup = group }
        }
        self.facts = facts
        self.namedFacts = namedFacts
        // Sorted by a key of each name's first bytes (`sortedNames`): comparing the names took
        // about a hundred instructions a comparison (callgrind: 0.1% of planning's).
        var ranks = [Int](repeating: 0, count: facts.count)
        for (rank, symbol) in facts.names.sortedNames().enumerated() { ranks[facts.index(of: symbol)!] = rank }
        self.ranks = ranks
    }

    var asOf: CivilDate { settings.asOf }

    /// How many symbols the universe ranks (`heldFacts(of:)`): ranks are below it.
    var symbolCount: Int { ranks.count }

    func restriction(of symbol: String) -> Restriction? {
        facts[symbol]?.restriction
    }

    func isHold(_ symbol: String) -> Bool { restriction(of: symbol) == .hold }

    func mayBuy(_ symbol: String) -> Bool {
        let restriction = restriction(of: symbol)
        return restriction == nil || restriction == .noSell
    }

    func maySell(_ symbol: String) -> Bool {
        heldFacts(of: symbol).maySell
    }

    func isMarkedPhaseOut(_ symbol: String) -> Bool { facts[symbol]?.phaseOut ?? false }

    /// The symbol's Replacements for loss harvesting, in the Securities sheet's order.
    func replacements(of symbol: String) -> [String] { facts.index(of: symbol).map { namedFacts[$0].replacements } ?? [] }

    /// The symbol's Identical Group on the Securities sheet, found with one lookup in the
    /// families: asked of `securities`, the symbol's security was copied out whole, its names
    /// retained.
    func identicalGroup(of symbol: String) -> String? { families.identicalGroup(of: symbol) }

    /// What decides where a symbol counts outside the model: its Securities sheet sector,
    /// its capped exposure group, and whether it is `Hold`.
    func placeFacts(of symbol: String) -> (sector: String?, group: String?, isHold: Bool) {
        guard let index = facts.index(of: symbol) else { return (nil, nil, false) }
        let named = namedFacts[index]
        return (named.sector, named.cappedGroup, facts[at: index].restriction == .hold)
    }

    /// What a position needs, in one lookup: the symbol's price, when it has one, whether
    /// the engine may sell it (not `No Sell` or `Hold`), and its place in `String`'s order
    /// among the symbols the book prices or lists (`nil` for any other).
    func heldFacts(of symbol: String) -> (price: Price?, maySell: Bool, rank: Int?) {
        guard let entry = facts.index(of: symbol) else { return (nil, true, nil) }
        let facts = facts[at: entry]
        return (facts.price, facts.restriction == nil || facts.restriction == .noBuy, ranks[entry])
    }

    /// The symbol's price, when it has one.
    func priceIfKnown(_ symbol: String) -> Price? {
        facts[symbol]?.price
    }

    /// The price of a symbol the reader has checked is priced.
    func price(of symbol: String) throws(PlanningError) -> Price {
        guard let price = facts[symbol]?.price else { throw .missingPrice(symbol) }
        return price
    }

    /// The value of `quantity` shares of `symbol`.
    func value(of quantity: Quantity, _ symbol: String) -> Money {
        guard let price = facts[symbol]?.price else { return .zero }
        return price.value(of: quantity)
    }

    /// The most whole steps of `symbol` that `amount` pays for, rounded down.
    func quantity(buyableWith amount: Money, _ symbol: String) -> Quantity {
        guard amount > .zero, let price = facts[symbol]?.price else { return .zero }
        return shares(amount, price, roundingUp: false)
    }

    /// `amount` in shares of `price`, in whole steps, rounded down or up.
    func shares(_ amount: Money, _ price: Price, roundingUp: Bool) -> Quantity {
        guard amount > .zero, price.micros > 0 else { return .zero }
        let most = UInt64(Int64.max / step.micros)
        // More shares than a quantity can hold: only an absurd price gets here.
        if Double(amount.cents) * 1e10 / Double(price.micros) >= Double(Int64.max) {
            return Quantity(micros: Int64(most) * step.micros)
        }
        // amount cents / price micro-dollars → micro-shares: cents × 10^10 / micros; then
        // whole steps (floor of a floor is the floor of the whole quotient).
        let numerator = WideUInt.product(UInt64(amount.cents), 10_000_000_000)
        let (microShares, first) = numerator.quotientAndRemainder(dividingBy: UInt64(price.micros))
        var steps = microShares / UInt64(step.micros)
        if roundingUp, first != 0 || microShares % UInt64(step.micros) != 0 { steps += 1 }
        return Quantity(micros: Int64(min(steps, most)) * step.micros)
    }
}
