import RebalanceEngine

extension PortfolioBuilder {
    /// The cash row as models write it, matched as headers are: `CASH`, or `Cash &
    /// Equivalents` and the like.
    static let cashRowNames: Set<String> = [
        "cash", "cashequivalents", "cashandequivalents", "cashandcashequivalents", "cashreserve", "cashreserves",
        "moneymarket", "cashmoneymarket", "cashandmoneymarket", "cashsweep", "sweep",
        // `&` is punctuation to the matching: `Cash & Cash Equivalents`.
        "cashcashequivalents", "cashcashinvestments", "cashandcashinvestments",
    ]

    /// Whether an upper-case symbol names cash (`CASH`, `Cash & Equivalents`) rather than a
    /// security. Every cash row's name opens with C, M or S: most symbols are passed at once
    /// (this is asked of every lot).
    static func isCashRowName(_ symbol: String) -> Bool {
        guard let initial = symbol.utf8.first,
              initial == UInt8(ascii: "C") || initial == UInt8(ascii: "M") || initial == UInt8(ascii: "S") else { return false }
        return cashRowNames.contains(HeaderName.normalize(symbol).key)
    }

    /// Reads the Model sheet: one model per Model name (blank = the default model), a `CASH`
    /// row setting that model's cash target; checks that every account's model exists.
    mutating func readModels(accounts: inout [Account]) -> [Model] {
        guard let table = tables[.model] else { return [] }
        // A wide Model sheet is read a model at a time, each one's column as its Target: a
        // blank cell there leaves the row's symbol out of that model.
        let views = table.modelColumns.isEmpty
            ? [(table: table, model: String?.none)]
            : table.modelColumns.map { (table: table.targets(of: $0), model: String?.some($0.model)) }
        if !table.modelColumns.isEmpty {
            log.info(table.sheetName, "The sheet has a column of targets for each model: "
                + table.modelColumns.map { "\"\($0.model.excerpt)\" (\(table.sheetName)!\(CellReference.columnName(table.columns[$0.column]!)))" }
                    .joined(separator: ", ") + ".")
        }
        // Targets before bands: how each column was read is echoed in the sheet's order.
        let targets = views.map { weights(in: $0.table, "Target") }
        let bands = weights(.model, "Band")
        var rows = ModelRows()
        let fillsDown = !accounts.isEmpty && accounts.allSatisfy { !$0.model.isEmpty }
        for (view, targets) in zip(views, targets) {
            readModelRows(view.table, model: view.model, targets: targets, bands: bands, fillsDown: fillsDown, into: &rows)
        }
        let models = rows.models
        for model in models where !model.targets.contains(where: { $0.target > .zero }) {
            log.error("\(table.sheetName)", "\(model.name.isEmpty ? "The default model" : "The model \"\(model.name)\"") has no security with a target above zero.")
        }
        let sum = { (m: Model) in m.targets.reduce(Int64(0)) { $0 + $1.target.millionths } + (m.cashTarget?.millionths ?? 0) }
        for model in models where sum(model) > Rate.one.millionths {
            log.warning(table.sheetName, "\(model.name.isEmpty ? "The default model's" : "The model \"\(model.name)\"'s") targets add up to \(Rate(millionths: sum(model)).percentText); they are scaled down to fit.")
        }
        // Bands as wide as their targets for most of a model's banded securities look like
        // bands relative to the target (the "25% of the weight" of a 5/25 rule) read as
        // absolute points: such a model would almost never rebalance.
        for model in models {
            let banded = model.targets.filter { $0.band != nil && $0.target > .zero }
            let wide = banded.filter { $0.band! >= $0.target && $0.band! >= Rate(millionths: 100_000) }
            guard banded.count >= 3, wide.count * 2 > banded.count, let first = wide.first else { continue }
            log.warning(table.sheetName, "\(model.name.isEmpty ? "The default model" : "The model \"\(model.name)\"") has bands as wide as their targets for \(wide.count) of \(banded.count) securities (\(first.symbol): ±\(first.band!.percentText) around \(first.target.percentText)). A band is absolute, that many points either side of the target; a band relative to the target is written as its width (±1.25% for a quarter of 5%).")
        }
        let accountsTable = tables[.accounts]
        // A model named with other capitals or spacing (`core balanced` for `Core Balanced`)
        // is that model, noted; two models so alike leave the account's name unmatched.
        for index in accounts.indices where !models.contains(where: { $0.name == accounts[index].model }) {
            let matching = models.filter {
                !$0.name.isEmpty && PortfolioBuilder.alike($0.name) == PortfolioBuilder.alike(accounts[index].model)
            }
            guard matching.count == 1, !accounts[index].model.isEmpty else { continue }
            let place = accountsTable?.rows.first { CellReader.textValue($0["Account"]) == accounts[index].id }?.place("Model") ?? "Accounts"
            log.info(place, "The model \"\(accounts[index].model.excerpt)\" is read as \"\(matching[0].name.excerpt)\", as the Model sheet writes it.")
            accounts[index].model = matching[0].name
        }
        var givenTheOnlyModel: [String] = []
        for index in accounts.indices where !models.contains(where: { $0.name == accounts[index].model }) {
            let account = accounts[index]
            let place = accountsTable?.rows.first { CellReader.textValue($0["Account"]) == account.id }?.place("Model") ?? "Accounts"
            if account.model.isEmpty {
                if models.count == 1 {
                    // A blank Model is the only model when there is just one: with no default
                    // model, every holding would be sold as legacy.
                    accounts[index].model = models[0].name
                    givenTheOnlyModel.append(account.id)
                } else {
                    log.error(place, "The account \"\(account.id)\" names no model, and the Model sheet has no default model (rows with a blank Model).")
                }
            } else {
                log.error(place, "The model \"\(account.model)\" of account \"\(account.id)\" is not on the Model sheet.")
            }
        }
        if let only = models.first, !givenTheOnlyModel.isEmpty {
            let listed = givenTheOnlyModel.prefix(6).joined(separator: ", ") + (givenTheOnlyModel.count > 6 ? " and \(givenTheOnlyModel.count - 6) more" : "")
            log.info(table.sheetName, "The model \"\(only.name.excerpt)\" is the only one on the Model sheet: "
                + "\(givenTheOnlyModel.count == 1 ? "the account" : "the accounts") with no model (\(listed)) use \(givenTheOnlyModel.count == 1 ? "it" : "them").")
        }
        return models
    }

    /// The models read so far, with where each model's symbols were first listed, and the
    /// rows whose blank Symbol was reported (a wide sheet reads each row once per model).
    struct ModelRows {
        var models: [Model] = []
        var places: [String: String] = [:]
        var blankSymbols: Set<Int> = []
    }

    /// Reads the rows of `table`, of the models its Model column names, or all of `model`
    /// (one model's view of a wide sheet, where a blank Target leaves the symbol out).
    ///
    /// `fillsDown`: every account names its model, so none uses a default model, and a blank
    /// Model cell below a named model's rows is that model's (a PM writes the name once, on
    /// the first row of its block), noted once.
    private mutating func readModelRows(_ table: SheetTable, model wideModel: String?, targets: [Int: Rate],
                                        bands: [Int: Rate], fillsDown: Bool, into read: inout ModelRows) {
        var above: String?
        var filled: [Int] = []
        for row in table.rows {
            var name = wideModel ?? text(row, "Model") ?? ""
            if wideModel == nil, fillsDown {
                if name.isEmpty, let above {
                    name = above
                    filled.append(row.number)
                } else if !name.isEmpty {
                    above = name
                }
            }
            if wideModel != nil && isBlank(row, "Target") { continue }
            guard let symbol = text(row, "Symbol")?.uppercased() else {
                if read.blankSymbols.insert(row.number).inserted { log.error(row.place("Symbol"), "Symbol is blank.") }
                continue
            }
            if row["Target"] == nil { log.error(row.place("Target"), "Target is blank.") }
            guard let target = targets[row.number] else { continue }
            let key = "\(name)\u{0}\(symbol)"
            if let earlier = read.places[key] {
                log.error(row.place("Symbol"), "\(symbol) is listed twice in \(name.isEmpty ? "the default model" : "the model \"\(name)\"") (also at \(earlier)).")
                continue
            }
            read.places[key] = row.place("Symbol")
            var index = read.models.firstIndex { $0.name == name }
            if index == nil {
                read.models.append(Model(name: name))
                index = read.models.count - 1
            }
            if PortfolioBuilder.isCashRowName(symbol) {
                if symbol != "CASH" {
                    log.info(row.place("Symbol"), "\"\(symbol.excerpt)\" is read as the model's CASH row, its cash target.")
                }
                read.models[index!].cashTarget = target
            } else {
                read.models[index!].targets.append(ModelTarget(symbol: symbol, target: target, band: bands[row.number],
                                                               sector: text(row, "Sector")))
            }
        }
        if let first = filled.first {
            log.info(table.sheetName, "\(filled.count) row\(filled.count == 1 ? "" : "s") with a blank Model (from row \(first)) "
                + "\(filled.count == 1 ? "is" : "are") read as the model named above \(filled.count == 1 ? "it" : "them"): every "
                + "account names its model, so none uses a default model.")
        }
    }
}

extension CellReader {
    /// The text of a cell, or nil for an empty or unreadable one.
    static func textValue(_ value: CellValue?) -> String? {
        if case .value(let t) = text(value) { return t }
        return nil
    }
}
