/// What each model of the book gives the accounts that use it (see `Planning.ModelSetup`),
/// worked out once per book from the Model sheet and the universe alone: the shards of a
/// book share it, as they share its universe. (Worked out again by each shard, the models
/// took 2.4% of the firm book's instructions on two threads; callgrind.)
final class ModelSetups: Sendable {
    private let byName: [String: Planning.ModelSetup]
    /// The slots and sector targets of each model and cash target of `accounts`: made once
    /// per book and shared by its shards, where each shard made its own (0.5% of planning's
    /// instructions; callgrind).
    private let scaled: [Planning.ScaledModelKey: (slots: [Slot], sectors: [Double])]
    /// Each model's `Stand-In` audit sentence of each symbol that counts toward another's slot,
    /// by model name, then by the symbol's entry in its layout's `slotIndexBySymbol` (`nil`
    /// for a model symbol's own): worded once per book, where each account worded its
    /// held stand-ins' again (callgrind: 0.3% of planning's instructions).
    private let standInNotes: [String: NameTable<String?>]
    /// The place in `accounts` (see `init`) of the first account naming each model that drops
    /// rows: the one account whose targets raise the model's warnings of them. Raised by the
    /// first account of each shard, each shard's but the first's were let go where the shards'
    /// plans are merged (callgrind: 0.2% of planning's instructions).
    private let firstAccountOfModel: NameTable<Int>

    /// Every model of `models`; where a name repeats, its first model, as the accounts
    /// that name it have always been given. Each model's slots are scaled for the cash
    /// target of each of `accounts` that uses it.
    init(_ models: [Model], universe: Universe, accounts: [Account] = []) {
        var byName: [String: Planning.ModelSetup] = [:]
        for model in models where byName[model.name] == nil {
            byName[model.name] = ModelSetups.setup(of: model, universe: universe)
        }
        self.byName = byName
        standInNotes = byName.mapValues { setup in
            setup.layout.slotIndexBySymbol.mapEntries { entry, symbol in
                let slotSymbol = setup.kept[setup.layout.slotIndexBySymbol[at: entry]].symbol
                guard slotSymbol != symbol else { return nil }
                var note = Planning.standInNote(symbol, countsToward: slotSymbol)
                note.append(".")
                return note.text
            }
        }
        // Made with room for a key per account: grown, the table of labelled pairs was moved
        // through its type's description (callgrind).
        var scaled = [Planning.ScaledModelKey: (slots: [Slot], sectors: [Double])](minimumCapacity: accounts.count)
        // Accounts are read where they are stored: `for account in` copied each.
        for index in accounts.indices {
            let key = Planning.ScaledModelKey(model: accounts[index].model, cashTarget: accounts[index].cashTarget)
            guard scaled[key] == nil, let setup = byName[key.model] else { continue }
            scaled[key] = setup.scaledSlots(cashTarget: key.cashTarget, universe: universe)
        }
        self.scaled = scaled
        var firstAccountOfModel = NameTable<Int>()
        for index in accounts.indices where !(byName[accounts[index].model]?.dropped.isEmpty ?? true) {
            _ = firstAccountOfModel.index(of: accounts[index].model) { index }
        }
        self.firstAccountOfModel = firstAccountOfModel
    }

    /// The setup of the model named `name`; `nil` when the Model sheet has no such model.
    subscript(name: String) -> Planning.ModelSetup? { byName[name] }

    /// The place among the accounts the setups were made with of the first one naming the
    /// model `name`, when the model drops rows; `nil` when no such account was given.
    func firstAccount(naming name: String) -> Int? {
        firstAccountOfModel.isEmpty ? nil : firstAccountOfModel[name]
    }

    /// The `Stand-In` audit sentences of the model named `name` (see `standInNotes`).
    func standInNotes(of name: String) -> NameTable<String?>? { standInNotes[name] }

    /// The slots and sector targets of a model and cash target, when an account of the
    /// book has them.
    subscript(scaled key: Planning.ScaledModelKey) -> (slots: [Slot], sectors: [Double])? { scaled[key] }

    /// The rows kept, the rows dropped and why, and where each symbol counts. Each priced
    /// symbol's place is worked out here, once: the places of the book's holdings are asked
    /// for at every trade.
    private static func setup(of model: Model, universe: Universe) -> Planning.ModelSetup {
        var kept: [ModelTarget] = []
        var dropped: [Planning.ModelSetup.Dropped] = []
        for row in model.targets {
            if universe.isMarkedPhaseOut(row.symbol) || universe.isHold(row.symbol) {
                let why = universe.isHold(row.symbol) ? "Hold" : "Phase Out = Yes"
                let modelName = model.name.isEmpty ? "the model" : "model \(model.name)"
                dropped.append(Planning.ModelSetup.Dropped(
                    symbol: row.symbol,
                    warning: "\(row.symbol) is in \(modelName) at \(row.target.percentText) but marked \(why): "
                        + "its target is dropped in every account that uses it.",
                    audit: "\(row.symbol) is marked \(why); its \(row.target.percentText) target is dropped before scaling."))
                continue
            }
            kept.append(row)
        }
        var slotIndex: [String: Int] = [:]
        for (position, row) in kept.enumerated() { slotIndex[row.symbol] = position }
        let sectors = kept.map { $0.sector ?? universe.securities[$0.symbol]?.sector }
        slotIndex = standInMap(symbols: kept.map(\.symbol), slotIndex: slotIndex, universe: universe)
        let layout = ModelLayout(slotIndexBySymbol: slotIndex, slotSectors: sectors,
                                 symbols: Array(slotIndex.keys) + universe.prices.keys, universe: universe)
        var claimants = NameTable<[Int]>()
        for (position, row) in kept.enumerated() {
            for replacement in universe.replacements(of: row.symbol) {
                let entry = claimants.index(of: replacement) { [] }
                // A Replacement named twice by one model symbol claims once for it.
                if claimants[at: entry].last != position { claimants[at: entry].append(position) }
            }
        }
        return Planning.ModelSetup(
            kept: kept, keptTotal: kept.reduce(Int64(0)) { $0 + $1.target.millionths }, dropped: dropped,
            layout: layout, keptPlaces: kept.map { layout.place(of: $0.symbol, universe: universe) },
            keptPrices: kept.map { universe.priceIfKnown($0.symbol) }, claimants: claimants,
            sharedReplacements: claimants.names.indices.filter { claimants[at: $0].count > 1 }.map { claimants.names[$0] })
    }

    /// The slot each symbol counts toward: model symbols, then symbols in a model symbol's
    /// Identical Group, then those among its Replacements, the first model symbol in model
    /// order claiming a symbol. The same for every account of one model.
    ///
    /// Identity comes before a Replacement: a fund identical to one model symbol and named
    /// another's Replacement is the first's exposure. Counted toward the other, it was sold
    /// as that symbol's overweight while its identical symbol sat underweight (and, sold at a
    /// loss, blocked buying it), and the Drift sheet showed both slots wrong (explore-AX).
    static func standInMap(symbols: [String], slotIndex: [String: Int], universe: Universe) -> [String: Int] {
        var slotIndex = slotIndex
        var claimed: [String: Int] = [:]
        var slotOfGroup: [String: Int] = [:]
        for (position, symbol) in symbols.enumerated() {
            if let group = universe.identicalGroup(of: symbol), slotOfGroup[group] == nil {
                slotOfGroup[group] = position
            }
        }
        // A priced symbol's group is asked first: only one of a group with a slot is claimed
        // here, and most are of none (each was looked up in the slots, and its security copied
        // out of the table, callgrind: 0.3% of planning's instructions).
        for symbol in universe.prices.keys where !slotOfGroup.isEmpty {
            if let group = universe.identicalGroup(of: symbol), let position = slotOfGroup[group],
               slotIndex[symbol] == nil, !universe.isMarkedPhaseOut(symbol) {
                claimed[symbol] = position
            }
        }
        for (position, symbol) in symbols.enumerated() {
            for replacement in universe.replacements(of: symbol)
                where slotIndex[replacement] == nil && !universe.isMarkedPhaseOut(replacement) {
                if claimed[replacement] != nil { continue }
                claimed[replacement] = position
            }
        }
        for (symbol, position) in claimed { slotIndex[symbol] = position }
        return slotIndex
    }
}

extension Planning.ModelSetup {
    /// What each kept target is multiplied by so that targets and `cashTarget` make 100%.
    func scale(cashTarget: Rate) -> Double {
        keptTotal > 0 ? (1 - cashTarget.doubleValue) / (Double(keptTotal) / 1_000_000) : 0
    }

    /// The slots, targets scaled for `cashTarget`, and each banded sector's target (the sum
    /// of its slots' targets), by number.
    func scaledSlots(cashTarget: Rate, universe: Universe) -> (slots: [Slot], sectors: [Double]) {
        let scale = scale(cashTarget: cashTarget)
        var slots: [Slot] = []
        slots.reserveCapacity(kept.count)
        for (position, row) in kept.enumerated() {
            // A model symbol's place is its own slot's: the slot's sector and its numbers.
            slots.append(Slot(
                symbol: row.symbol, modelTarget: row.target, target: row.target.doubleValue * scale,
                band: (row.band ?? universe.settings.defaultBand).doubleValue,
                place: keptPlaces[position], price: keptPrices[position]))
        }
        var sectors = [Double](repeating: 0, count: universe.sortedSectors.count)
        for slot in slots { if let sector = slot.bandedSector { sectors[sector] += slot.target } }
        return (slots, sectors)
    }
}
