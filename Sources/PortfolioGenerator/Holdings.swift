import RebalanceEngine

/// What an account may hold, by role against its model.
struct HoldingPools {
    /// The model's symbols, targets of zero included.
    var model: [String]
    /// Symbols outside the model that share an Identical Group with a model symbol or are a
    /// model symbol's Replacement: they count toward that model symbol.
    var standIns: [String]
    /// Every other symbol: legacy holdings (or `Hold` ones, kept outside weights).
    var legacy: [String]
}

extension Builder {
    /// What accounts of `model` may hold.
    func pools(for model: Model) -> HoldingPools {
        let modelled = Set(model.targets.map(\.symbol))
        var standIns = Set<String>()
        for symbol in modelled {
            for other in universe.family(of: symbol).dropFirst() + (universe.rows[symbol]?.replacements ?? [])
            where !modelled.contains(other) {
                standIns.insert(other)
            }
        }
        return HoldingPools(
            model: model.targets.map(\.symbol),
            standIns: universe.symbols.filter { standIns.contains($0) },
            legacy: universe.symbols.filter { !modelled.contains($0) && !standIns.contains($0) })
    }

    /// An account's lots over model symbols, stand-ins and legacy holdings: gains and losses,
    /// short- and long-term, some at the one-year edge, on month ends or on February 29.
    mutating func makeLots(for account: Account) -> [TaxLot] {
        let count = rng.int(shape.lotsPerAccount)
        guard count > 0 else { return [] }
        guard let pools = poolsByModel[account.model] else { preconditionFailure("no model \(account.model)") }
        let symbolCount = max(1, min(count, count / rng.int(1...4) + rng.int(0...1)))
        var held: [String] = []
        for _ in 0..<symbolCount {
            var options: [([String], Int)] = [(pools.model, 65), (pools.legacy, 23)]
            if !pools.standIns.isEmpty { options.append((pools.standIns, 12)) }
            let pool = rng.weighted(options.filter { !$0.0.isEmpty })
            var symbol = rng.pick(pool)
            if held.contains(symbol) { symbol = rng.pick(universe.symbols) }
            if !held.contains(symbol) { held.append(symbol) }
        }
        let idStyle = rng.int(0...2)
        var lots: [TaxLot] = []
        lots.reserveCapacity(count)
        for index in 0..<count {
            let symbol = index < held.count ? held[index] : rng.pick(held)
            let number = index + 2
            let lotID: String
            switch idStyle {
            case 0: lotID = "\(symbol)-r\(number)"
            case 1: lotID = String(700_000 + number * 3)
            default: lotID = "L\(number - 1)"
            }
            lots.append(makeLot(id: lotID, account: account.id, symbol: symbol))
        }
        return lots
    }

    mutating func makeLot(id: String, account: String, symbol: String) -> TaxLot {
        let price = universe.price(of: symbol)
        let valueCents = rng.weighted([
            (rng.int64(20_000...200_000), 3), (rng.int64(200_000...2_000_000), 5), (rng.int64(2_000_000...15_000_000), 2),
        ])
        let shares = max(1, valueCents * 10_000 / price.micros)
        var quantity = Quantity(shares: shares)
        if settings.fractionalShares && rng.chance(0.25) {
            let fraction = rng.int64(1...9_999) * 100
            quantity = Quantity(micros: rng.chance(0.1) ? fraction : quantity.micros + fraction)
        }
        let value = price.value(of: quantity).cents
        let permille: Int64
        switch rng.weighted([(0, 1), (1, 35), (2, 10), (3, 54)]) {
        case 0: permille = 0
        case 1: permille = rng.int64(1_010...1_600)
        case 2: permille = rng.int64(980...1_020)
        default: permille = rng.int64(300...980)
        }
        var termOverride: Term?
        if rng.chance(0.03) { termOverride = rng.chance(0.7) ? .longTerm : .shortTerm }
        return TaxLot(lotID: id, account: account, symbol: symbol, quantity: quantity,
                      costBasis: Money(cents: value * permille / 1_000 + (permille == 0 ? 0 : rng.int64(0...99))),
                      acquired: acquiredDate(), termOverride: termOverride)
    }

    /// An acquisition date on or before the As Of: at the one-year edge either side, on a
    /// month end, on February 29, within the wash-sale window, or any day of ten years.
    mutating func acquiredDate() -> CivilDate {
        let asOf = settings.asOf
        let yearBefore = CivilDate(year: asOf.year - 1, month: asOf.month, day: asOf.day)
            ?? CivilDate(year: asOf.year - 1, month: asOf.month, day: asOf.day - 1)!
        switch rng.weighted([(0, 4), (1, 4), (2, 5), (3, 3), (4, 9), (5, 75)]) {
        case 0:
            return yearBefore
        case 1:
            return yearBefore.adding(days: -1)
        case 2:
            let monthsBack = rng.int(1...36)
            let serial = asOf.year * 12 + (asOf.month - 1) - monthsBack
            let (year, month) = (serial / 12, serial % 12 + 1)
            return CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))!
        case 3:
            let leapDays = [2016, 2020, 2024].compactMap { CivilDate(year: $0, month: 2, day: 29) }.filter { $0 <= asOf }
            return rng.pick(leapDays)
        case 4:
            return asOf.adding(days: -rng.int(0...(settings.washSaleDays + 10)))
        default:
            return asOf.adding(days: -(rng.chance(0.4) ? rng.int(1...400) : rng.int(1...3_650)))
        }
    }
}
