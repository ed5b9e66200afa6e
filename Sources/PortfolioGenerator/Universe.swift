import RebalanceEngine

/// The symbols a generated book knows: prices, Securities rows, groups and sectors.
struct Universe {
    static let sectorNames = [
        "Communication Services", "Consumer Discretionary", "Consumer Staples", "Energy", "Financials",
        "Health Care", "Industrials", "Information Technology", "Materials", "Real Estate", "Utilities",
    ]

    /// Every symbol, in the order made.
    var symbols: [String] = []
    var prices: [String: Price] = [:]
    /// What the Securities sheet would say of each symbol.
    var rows: [String: Security] = [:]
    /// Symbols whose row carries nothing but a name and sector and is left off the sheet.
    var unlisted: Set<String> = []
    /// The other members of each symbol's Identical Group.
    var partners: [String: [String]] = [:]
    var groups: [ExposureGroupCap] = []
    var sectorBands: [SectorBand] = []

    func price(of symbol: String) -> Price {
        guard let price = prices[symbol] else { preconditionFailure("\(symbol) has no price") }
        return price
    }

    func restriction(of symbol: String) -> Restriction? {
        rows[symbol]?.restriction
    }

    func sector(of symbol: String) -> String? {
        rows[symbol]?.sector
    }

    /// The Securities sheet, sorted by symbol as the reader returns it.
    func securityRows() -> [Security] {
        symbols.sorted().compactMap { symbol in
            guard let row = rows[symbol] else { return nil }
            let bare = row.identicalGroup == nil && row.exposureGroup == nil && row.replacements.isEmpty
                && row.restriction == nil && !row.phaseOut
            return bare && unlisted.contains(symbol) ? nil : row
        }
    }

    /// The symbol and every member of its Identical Group.
    func family(of symbol: String) -> [String] {
        [symbol] + (partners[symbol] ?? [])
    }
}

extension Builder {
    /// Symbols with prices, sectors, Identical Groups (GOOG/GOOGL-style classes), restrictions
    /// of every kind and Phase Out flags.
    mutating func makeUniverse() -> Universe {
        var universe = Universe()
        let count = rng.int(shape.symbols)
        let sectorCount = min(Universe.sectorNames.count, max(2, count / 3))
        let sectors = rng.sample(Universe.sectorNames, count: sectorCount)
        var used = Set<String>()
        while universe.symbols.count < count {
            let base = freshTicker(&used)
            let sector: String? = rng.chance(0.9) ? rng.pick(sectors) : nil
            let price = makePrice()
            var family = [base]
            universe.prices[base] = price
            if count - universe.symbols.count >= 2 && rng.chance(shape.shareClassChance) {
                // A second share class trades near the first.
                for suffix in ["L", "K"].prefix(count - universe.symbols.count >= 3 && rng.chance(0.2) ? 2 : 1) {
                    let member = base + suffix
                    used.insert(member)
                    family.append(member)
                    let jitter = rng.int64(-(price.micros / 50)...(price.micros / 50))
                    let cents = min(90_000, max(500, (price.micros + jitter) / 10_000))
                    universe.prices[member] = Price(cents: cents)
                }
            }
            for symbol in family {
                universe.symbols.append(symbol)
                var row = Security(symbol: symbol, name: "\(symbol) \(rng.pick(["Inc.", "Corp.", "Holdings", "Fund", "ETF"]))",
                                   sector: sector)
                if family.count > 1 {
                    row.identicalGroup = "\(base) classes"
                    universe.partners[symbol] = family.filter { $0 != symbol }
                }
                if rng.chance(shape.restrictionChance) {
                    row.restriction = rng.pick([Restriction.noBuy, .noSell, .noTrade, .hold])
                }
                row.phaseOut = rng.chance(shape.phaseOutChance)
                universe.rows[symbol] = row
                if rng.chance(0.2) { universe.unlisted.insert(symbol) }
            }
        }
        return universe
    }

    /// A three-letter ticker not used before.
    mutating func freshTicker(_ used: inout Set<String>) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        while true {
            let ticker = String((0..<3).map { _ in rng.pick(letters) })
            if used.insert(ticker).inserted { return ticker }
        }
    }

    /// A price from $5 to $900, mostly whole cents, some to four decimals.
    mutating func makePrice() -> Price {
        let cents = rng.weighted([
            (rng.int64(500...5_000), 1), (rng.int64(5_000...30_000), 2), (rng.int64(30_000...90_000), 1),
        ])
        if rng.chance(0.1) {
            return Price(micros: min(cents, 89_999) * 10_000 + rng.int64(0...99) * 100)
        }
        return Price(cents: cents)
    }

    // MARK: Models

    /// The default model (and sometimes a second, named one), then Replacements and
    /// sector bands, which depend on what is modelled.
    mutating func makeModels() -> [Model] {
        let count = max(1, min(rng.int(shape.modelSymbols), universe.symbols.count - 1))
        var models = [makeModel(name: rng.chance(0.15) ? "Core" : "", symbols: rng.sample(universe.symbols, count: count))]
        if shape.allowsSecondModel && rng.chance(0.3) {
            let size = rng.int(1...max(1, universe.symbols.count / 2))
            models.append(makeModel(name: "Income", symbols: rng.sample(universe.symbols, count: size)))
        }
        let modelled = Set(models.flatMap { $0.targets.map(\.symbol) })
        for symbol in universe.symbols {
            guard rng.chance(modelled.contains(symbol) ? 0.6 : 0.15) else { continue }
            var choices: [String] = []
            if let partner = universe.partners[symbol]?.first, rng.chance(0.25) { choices.append(partner) }
            for candidate in rng.sample(universe.symbols, count: rng.int(1...3)) where candidate != symbol {
                if !choices.contains(candidate) { choices.append(candidate) }
            }
            universe.rows[symbol]?.replacements = choices
        }
        let used = Set(models.flatMap { $0.targets.compactMap(\.sector) })
        for sector in Universe.sectorNames where used.contains(sector) && rng.chance(0.5) {
            universe.sectorBands.append(SectorBand(sector: sector, band: Rate(millionths: rng.int64(2...16) * 5_000)))
        }
        return models
    }

    /// Targets in whole basis points adding up to 100% less the cash target, or less; a
    /// zero target now and then.
    mutating func makeModel(name: String, symbols: [String]) -> Model {
        let cash: Rate? = rng.chance(0.4) ? Rate(millionths: rng.int64(0...50) * 1_000) : nil
        let room = (Rate.one.millionths - (cash ?? settings.cashTarget).millionths) / 100
        let total: Int64
        switch rng.weighted([(0, 7), (1, 11), (2, 2)]) {
        case 0: total = room
        case 1: total = rng.int64(room * 6 / 10...room)
        default: total = rng.int64(room / 5...room * 6 / 10)
        }
        let weights = symbols.map { _ in rng.int64(1...100) }
        let sum = weights.reduce(0, +)
        var units = weights.map { total * $0 / sum }
        units[0] += total - units.reduce(0, +)
        if units.count >= 2 && rng.chance(0.1) {
            let zeroed = rng.int(1...(units.count - 1))
            units[0] += units[zeroed]
            units[zeroed] = 0
        }
        let targets = zip(symbols, units).map { symbol, unit in
            ModelTarget(symbol: symbol, target: Rate(millionths: unit * 100),
                        band: rng.chance(0.5) ? nil : Rate(millionths: rng.int64(5...50) * 1_000),
                        sector: rng.chance(0.9) ? universe.sector(of: symbol) : nil)
        }
        return Model(name: name, targets: targets, cashTarget: cash)
    }

    /// Exposure groups over a few symbols each, capped sometimes below their members' targets.
    mutating func assignExposureGroups() {
        let count = shape.symbols.lowerBound >= 100 ? 12 : rng.int(0...2)
        var free = universe.symbols
        free.shuffle(using: &rng)
        let targets = Dictionary(models[0].targets.map { ($0.symbol, $0.target.millionths) },
                                 uniquingKeysWith: { first, _ in first })
        for number in 1...max(1, count) where count > 0 && free.count >= 2 {
            let size = rng.int(2...min(6, free.count))
            let members = Array(free.prefix(size))
            free.removeFirst(size)
            let name = "EG-\(number)"
            for member in members { universe.rows[member]?.exposureGroup = name }
            let modelled = members.compactMap { targets[$0] }.reduce(0, +)
            let cap: Int64
            if modelled > 0 && rng.chance(0.4) {
                cap = modelled * rng.int64(50...95) / 100
            } else if modelled > 0 {
                cap = min(Rate.one.millionths, modelled + rng.int64(10_000...200_000))
            } else {
                cap = rng.int64(50_000...300_000)
            }
            universe.groups.append(ExposureGroupCap(group: name, maxWeight: Rate(millionths: cap / 100 * 100)))
        }
    }
}
