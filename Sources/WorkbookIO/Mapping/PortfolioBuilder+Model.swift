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

    /// How far short of 100% a model's targets (with its CASH row) may add up without a
    /// warning that they are scaled up: half a point, in millionths.
    static let shortModelTolerance: Int64 = 5_000

    /// Reads the Model sheet: one model per Model name (blank = the default model), a `CASH`
    /// row setting that model's cash target; checks that every account's model exists.
    mutating func readModels(accounts: inout [Account]) -> [Model] {
        var rows = ModelRows()
        /// The sheet a model was read from, for the messages about it.
        let sheetOf: (String) -> String
        if let table = tables[.model] {
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
            // A model's own column of bands (`Growth Band`) is read in its view; the others
            // share the sheet's Band column.
            let shared = weights(.model, "Band")
            let bands = views.map { view in
                view.model.map { table.has(SheetTable.modelBandKey($0)) } ?? false ? weights(in: view.table, "Band") : shared
            }
            let fillsDown = !accounts.isEmpty && accounts.allSatisfy { !$0.model.isEmpty }
            for ((view, targets), bands) in zip(zip(views, targets), bands) {
                readModelRows(view.table, model: view.model, leavingOutBlankTargets: view.model != nil, targets: targets,
                              bands: bands, fillsDown: fillsDown, into: &rows)
            }
            sheetOf = { _ in table.sheetName }
        } else if !modelSheetTables.isEmpty {
            for (table, model) in modelSheetTables {
                let targets = weights(in: table, "Target")
                readModelRows(table, model: model, leavingOutBlankTargets: false, targets: targets,
                              bands: weights(in: table, "Band"), fillsDown: false, into: &rows)
            }
            let sheets = modelSheetTables
            sheetOf = { name in sheets.first { $0.model == name }?.table.sheetName ?? sheets[0].table.sheetName }
        } else {
            return []
        }
        let models = rows.models
        for model in models where !model.targets.contains(where: { $0.target > .zero }) {
            log.error(sheetOf(model.name), "\(model.name.isEmpty ? "The default model" : "The model \"\(model.name)\"") has no security with a target above zero.")
        }
        let sum = { (m: Model) in m.targets.reduce(Int64(0)) { $0 + $1.target.millionths } + (m.cashTarget?.millionths ?? 0) }
        for model in models where sum(model) > Rate.one.millionths {
            log.warning(sheetOf(model.name), "\(model.name.isEmpty ? "The default model's" : "The model \"\(model.name)\"'s") targets add up to \(Rate(millionths: sum(model)).percentText); they are scaled down to fit.")
        }
        // Short of 100% by half a point or more, a model is scaled up as it is scaled down, said
        // as that is (a model of 92% and a 3% CASH row planned at 97/3 without a word); without
        // a CASH row, its shortfall may be meant as cash, which the scaling gives to securities.
        for model in models where sum(model) > 0 && sum(model) <= Rate.one.millionths - PortfolioBuilder.shortModelTolerance {
            // A model written to fill what the cash target leaves (97% beside a 3% cash target
            // in Settings, or on the Accounts sheet for its accounts) is as meant.
            let cashTargets = [settings.cashTarget] + accounts.filter { $0.model == model.name }.map(\.cashTarget)
            if model.cashTarget == nil, cashTargets.contains(where: {
                abs(Rate.one.millionths - $0.millionths - sum(model)) < PortfolioBuilder.shortModelTolerance
            }) { continue }
            let name = model.name.isEmpty ? "The default model's" : "The model \"\(model.name)\"'s"
            let total = Rate(millionths: sum(model)).percentText
            if model.cashTarget != nil {
                log.warning(sheetOf(model.name), "\(name) targets and CASH row add up to \(total); they are scaled up to fit.")
            } else {
                log.warning(sheetOf(model.name), "\(name) targets add up to \(total) and it has no CASH row: they are scaled up "
                    + "to fill all but each account's cash target (Settings, or the Accounts sheet's). If the rest is meant as "
                    + "cash, add a CASH row holding it.")
            }
        }
        // Bands as wide as their targets for most of a model's banded securities look like
        // bands relative to the target (the "25% of the weight" of a 5/25 rule) read as
        // absolute points: such a model would almost never rebalance.
        for model in models {
            let banded = model.targets.filter { $0.band != nil && $0.target > .zero }
            let wide = banded.filter { $0.band! >= $0.target && $0.band! >= Rate(millionths: 100_000) }
            guard banded.count >= 3, wide.count * 2 > banded.count, let first = wide.first else { continue }
            log.warning(sheetOf(model.name), "\(model.name.isEmpty ? "The default model" : "The model \"\(model.name)\"") has bands as wide as their targets for \(wide.count) of \(banded.count) securities (\(first.symbol): ±\(first.band!.percentText) around \(first.target.percentText)). A band is absolute, that many points either side of the target; a band relative to the target is written as its width (±1.25% for a quarter of 5%).")
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
                // A model named for the account (its ID, or its Name) is its model: refused,
                // a Model sheet of one column of targets per account planned nothing (explore-AM).
                if let own = models.first(where: { !$0.name.isEmpty && (PortfolioBuilder.alike($0.name) == PortfolioBuilder.alike(account.id)
                    || PortfolioBuilder.alike($0.name) == PortfolioBuilder.alike(account.name)) }) {
                    accounts[index].model = own.name
                    log.info(place, "The account \"\(account.id)\" names no model; the model \"\(own.name.excerpt)\", named for it, "
                        + "is its model.")
                    continue
                }
                if models.count == 1 {
                    // A blank Model is the only model when there is just one: with no default
                    // model, every holding would be sold as legacy.
                    accounts[index].model = models[0].name
                    givenTheOnlyModel.append(account.id)
                } else {
                    log.error(place, "The account \"\(account.id)\" names no model, and the Model sheet has no default model (rows with a blank Model).")
                }
            } else {
                if modelSheetTables.isEmpty {
                    log.error(place, "The model \"\(account.model)\" of account \"\(account.id)\" is not on the Model sheet.")
                } else {
                    log.error(place, "The model \"\(account.model)\" of account \"\(account.id)\" has no sheet: the book has no Model sheet, "
                        + "and the sheets read as models are " + modelSheetTables.map { "\"\($0.table.sheetName.excerpt)\"" }.joined(separator: ", ")
                        + ". Name its sheet for the model, or gather the models on one Model sheet with a Model column.")
                }
            }
        }
        if let only = models.first, !givenTheOnlyModel.isEmpty {
            let listed = givenTheOnlyModel.prefix(6).joined(separator: ", ") + (givenTheOnlyModel.count > 6 ? " and \(givenTheOnlyModel.count - 6) more" : "")
            log.info(sheetOf(only.name), "The model \"\(only.name.excerpt)\" is the only one on the Model sheet: "
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
    /// (one model's view of a wide sheet, where a blank Target leaves the symbol out, or a
    /// sheet of one model's own).
    ///
    /// `fillsDown`: every account names its model, so none uses a default model, and a blank
    /// Model cell below a named model's rows is that model's (a PM writes the name once, on
    /// the first row of its block), noted once.
    /// The model a block of a Model sheet of stacked models is, by its title: the one model
    /// of the Accounts sheet it names (as a wide Model column's header names one); nil, with
    /// an error at the title, when it names none.
    private mutating func stackedModel(of block: SheetTable.Block, in table: SheetTable) -> String? {
        let names = accountModelNames()
        guard let title = block.title else {
            log.error("\(table.sheetName)!row \(block.headerRow)", "The models stacked on this sheet each need a title above "
                + "their header naming the model (one of \(names.prefix(4).joined(separator: ", "))): this one has none.")
            return nil
        }
        if let model = SheetTable.model(headedBy: title.text, among: names) {
            log.info(title.place, "The targets under \"\(title.text.excerpt)\", to the next repeat of the header, are the "
                + "model \"\(model.excerpt)\"'s.")
            return model
        }
        log.error(title.place, "The title \"\(title.text.excerpt)\" above these stacked targets names no model of the "
            + "Accounts sheet (\(names.prefix(4).joined(separator: ", "))): write the model's name as its accounts do.")
        return nil
    }

    private mutating func readModelRows(_ table: SheetTable, model wideModel: String?, leavingOutBlankTargets: Bool, targets: [Int: Rate],
                                        bands: [Int: Rate], fillsDown: Bool, into read: inout ModelRows) {
        var above: String?
        var filled: [Int] = []
        let classRows = assetClassRows(table, targets: targets)
        // Models stacked one under another: each block's title names its model.
        var blockModel: [Int: String?] = [:]
        // Each model's CASH row of a plain 1, by model: judged once its other targets are read.
        var wholeCashRows: [(model: Int, place: String)] = []
        for row in table.rows {
            if classRows.contains(row.number) { continue }
            var stacked: String?
            if wideModel == nil, let block = table.block(of: row.number) {
                if blockModel[block.headerRow] == nil {
                    blockModel[block.headerRow] = .some(stackedModel(of: block, in: table))
                }
                guard let model = blockModel[block.headerRow]! else { continue }
                stacked = model
            }
            var name = wideModel ?? stacked ?? text(row, "Model") ?? ""
            if wideModel == nil, fillsDown {
                if name.isEmpty, let above {
                    name = above
                    filled.append(row.number)
                } else if !name.isEmpty {
                    above = name
                }
            }
            if leavingOutBlankTargets && isBlank(row, "Target") { continue }
            guard let symbol = text(row, "Symbol")?.uppercased() else {
                if read.blankSymbols.insert(row.number).inserted { refuseBlankSymbol(row) }
                continue
            }
            if row["Target"] == nil {
                log.error(row.place("Target"), "Target is blank.")
            } else if isBlank(row, "Target") {
                // A word for empty (`n/a`, `--`, `None`) read as a blank target: the row was left
                // out without a word, its security sold whole as legacy, or a model's CASH row
                // gave way to the Settings cash target (explore-DD).
                var written = shown(row["Target"])
                if case .string(let raw)? = row["Target"] { written = raw.trimmingWhitespace() }
                log.error(row.place("Target"), "Target \"\(written.excerpt)\" gives no "
                    + "weight: write 0% to hold none of \(symbol.excerpt), or delete the row. Left out, "
                    + (symbol == "CASH" ? "the Settings cash target would apply." : "\(symbol.excerpt) would be sold as a legacy holding."))
            }
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
                // A plain 1 is 100% by the contract's rule: a CASH row of 100% beside securities
                // sold every position to cash, said only as targets "scaled down" (explore-AY).
                if target == .one, case .value(let n) = CellReader.number(row["Target"]), n.form == .plain {
                    wholeCashRows.append((index!, row.place("Target")))
                } else if PortfolioBuilder.unlikelyFraction(.cashTarget, target) != nil {
                    // A quarter or more in cash is said, as on the Accounts sheet (explore-BV).
                    warnOfLargeCashTarget("CASH", target, of: "each account of the model", at: row.place("Target"))
                }
                read.models[index!].cashTarget = target
            } else {
                read.models[index!].targets.append(ModelTarget(symbol: symbol, target: target, band: bands[row.number],
                                                               sector: spelled(row, "Sector", kind: "sector")))
            }
        }
        // Beside the model's securities, 100% cash is no model a PM means, nor one it can hold:
        // read so, a household was sold to cash on warnings only (explore-BP). An error there;
        // alone, an all-cash model, warned of.
        for (index, place) in wholeCashRows {
            if read.models[index].targets.contains(where: { $0.target > .zero }) {
                log.error(place, "CASH 1 is read as 100% (a plain number is a fraction unless one in its column is above 1), "
                    + "beside the model's other targets, which cannot then fit: write 1% if one percent is meant.")
            } else {
                warnOfWholeOne("CASH", place: place)
            }
        }
        if let first = filled.first {
            log.info(table.sheetName, "\(filled.count) row\(filled.count == 1 ? "" : "s") with a blank Model (from row \(first)) "
                + "\(filled.count == 1 ? "is" : "are") read as the model named above \(filled.count == 1 ? "it" : "them"): every "
                + "account names its model, so none uses a default model.")
        }
    }
}

extension PortfolioBuilder {
    /// The error of a Model row with no Symbol: at the blank Symbol cell, or, where the row
    /// holds one text alone (a model's name on a row of its own, a heading the reading did not
    /// set aside), at that text's cell, saying what the row holds: `Model!B4: Symbol is blank`
    /// sent the PM to fill a cell of a heading (explore-EM).
    mutating func refuseBlankSymbol(_ row: SheetTable.DataRow) {
        let filled = row.values.indices.filter { row.values[$0] != nil }
        guard filled.count == 1, case .string(let raw)? = row.values[filled[0]] else {
            log.error(row.place("Symbol"), "Symbol is blank.")
            return
        }
        let column = row.layout.names[filled[0]]
        log.error(row.place(column), "\"\(raw.trimmingWhitespace().excerpt)\" stands alone on its row, with no Symbol or Target: "
            + "the Model sheet reads a security's target on its own row\(column == "Model" ? ", and a model's name on its securities' rows" : ""). "
            + "Delete this row if it is a heading or a note, or give it its Symbol and Target.")
    }

    /// The rows of a Model sheet grouped by asset class that carry their class's weight: words
    /// under Symbol (`US Equity`, `Bonds`, which no ticker is) with a Target, on no Prices row,
    /// whose securities below add up to it (nested classes are passed over; a cash row is not
    /// a class's member; a class below that would not fit in the weight left is the next
    /// one). Each is set aside with a note; one whose rows below do not add up to it is an
    /// error naming it as a class, not left to fail as a symbol without a price. The rows are
    /// read in one model's order (a Model cell naming another model ends a class).
    mutating func assetClassRows(_ table: SheetTable, targets: [Int: Rate]) -> Set<Int> {
        let priced = Set((tables[.prices]?.rows ?? []).compactMap { CellReader.textValue($0["Symbol"])?.trimmingWhitespace().uppercased() })
        func classTitle(_ row: SheetTable.DataRow) -> String? {
            guard targets[row.number] != nil, let raw = CellReader.textValue(row["Symbol"]) else { return nil }
            let text = raw.trimmingWhitespace()
            // Words: a space and small letters (`US Equity`), or one word of capitals and small
            // letters (`Bonds`); `brk.b` or `vti` is a ticker written small.
            let words = text.contains(where: \.isLowercase)
                && (text.contains(where: \.isWhitespace)
                    || (text.count >= 4 && text.allSatisfy(\.isLetter) && text.contains(where: \.isUppercase)))
            guard words, !PortfolioBuilder.isCashRowName(text.uppercased()), !priced.contains(text.uppercased()) else { return nil }
            return text
        }
        let rows = table.rows
        var set: Set<Int> = []
        for (place, row) in rows.enumerated() {
            guard let title = classTitle(row), let weight = targets[row.number] else { continue }
            let model = CellReader.textValue(row["Model"]).map(PortfolioBuilder.alike)
            var sum = Rate.zero, members = 0
            for below in rows[(place + 1)...] {
                if let other = CellReader.textValue(below["Model"]).map(PortfolioBuilder.alike), other != model, !other.isEmpty { break }
                // A class below that would not fit in what is left is the next class, not one
                // within this one.
                if classTitle(below) != nil {
                    if let inner = targets[below.number], sum.millionths + inner.millionths > weight.millionths + 100 { break }
                    continue
                }
                guard let target = targets[below.number],
                      let symbol = CellReader.textValue(below["Symbol"]),
                      !PortfolioBuilder.isCashRowName(symbol.trimmingWhitespace().uppercased()) else { continue }
                sum = Rate(millionths: sum.millionths + target.millionths)
                members += 1
                if sum.millionths >= weight.millionths - 100 { break }
            }
            set.insert(row.number)
            if members > 0, abs(sum.millionths - weight.millionths) <= 100 {
                log.info(row.place("Symbol"), "\"\(title.excerpt)\" with a Target of \(weight.percentText) is read as an asset class's title: "
                    + (members == 1 ? "the security below it has" : "the \(members) securities below it add up to") + " its weight. It is not a security.")
            } else {
                log.error(row.place("Symbol"), "\"\(title.excerpt)\" is not a ticker but reads as an asset class's title, with a Target of "
                    + "\(weight.percentText) that the securities below it do not add up to (\(sum.percentText)). The Model lists each "
                    + "security with its own target: clear the class's Target, or take its row out.")
            }
        }
        return set
    }
}

extension CellReader {
    /// The text of a cell, or nil for an empty or unreadable one.
    static func textValue(_ value: CellValue?) -> String? {
        if case .value(let t) = text(value) { return t }
        return nil
    }
}
