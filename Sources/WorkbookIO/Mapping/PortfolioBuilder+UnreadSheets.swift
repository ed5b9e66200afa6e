extension PortfolioBuilder {
    /// Rows of a sheet looked at for a header when naming the sheets the tool passes over.
    static let probedRows = 30
    /// Sheets looked at so.
    static let probedSheets = 50

    /// Sheets are found by name; a sheet under another name holding the table of a contract
    /// sheet the book lacks (`Recent Activity` with Date, Symbol and Side; `Settings &
    /// Assumptions` with Setting and Value) would be passed over with a note, its trades or
    /// settings left out of the plan. Each is an error that says how to have it read: with a
    /// warning alone (until stop 44), a custodian's `Accounts_History` was planned without
    /// its loss sales, and buys were made inside their windows.
    /// Only the first `probedRows` rows of at most `probedSheets` ignored sheets are read.
    ///
    /// Since stop 45 the one sheet holding a missing sheet's table is read as that sheet, with
    /// a warning naming it (`adopt`); two or more holding one are each an error, as before.
    ///
    /// Since stop 49 a sheet holding a second table of a sheet the book has (`Lots Fidelity`
    /// beside Lots, `Transactions Fidelity`, `Trust Trades` beside Manual Trades), hidden or
    /// not, is warned of: passed over with a note, a trust's lots, a loss sale or a PM's
    /// trade was left out of the plan unseen (explore-BC). Not an error: a PM's book keeps
    /// such sheets for other ends (closed lots, last quarter's trades, a watch list), and
    /// refused, it could not be run (explore-BF).
    mutating func refuseUnreadTables() throws {
        let missing = ContractSheet.allCases.filter { sheet in
            !sheet.isRequired && tables[sheet] == nil && !ambiguousRoles.contains(sheet)
                && !(sheet == .lots && !accountLotTables.isEmpty)
        }
        // A sheet read from a hidden one is doubled by any visible sheet holding its table.
        let doubled = (Self.sheetsNotToDouble + hiddenRoles.sorted { $0.rawValue < $1.rawValue }.filter {
            !Self.sheetsNotToDouble.contains($0)
        }).filter { tables[$0] != nil }
        guard !missing.isEmpty || !doubled.isEmpty else { return }
        let ignored = Set(view.ignoredSheets)
        var probed = 0
        var holders: [ContractSheet: [SheetInfo]] = [:]
        for info in workbook.sheets where info.kind == .worksheet && ignored.contains(info.name) {
            guard probed < Self.probedSheets else { break }
            probed += 1
            let rows = try probedRows(of: info)
            // A realized-lots tab beside the lots (Symbol, Closed Date, Quantity, Cost Basis,
            // Open Date, Gain/Loss) names a Lots table's columns too: warned of as lots "left
            // out as if not held", its loss sale opened no window (explore-CP).
            // Beside a Transactions sheet it stays the second table warned of below.
            if !info.isHidden, tables[.transactions] == nil, let columns = closedLotsColumns(in: rows) {
                refuseRealizedSales(in: info, columns: columns)
                continue
            }
            // The book's own sheets first: a tie (a history with Date, Side and Quantity names
            // both Transactions' and Manual Trades' columns) goes to the one it has.
            if let sheet = heldTable(in: rows, among: doubled + missing), doubled.contains(sheet) {
                // The table read is a hidden sheet's, and a visible one holds it too: a hidden old
                // copy named as the contract names it had been planned on, the visible current one
                // (`Lots 11-20`, `Prices 11-20`) passed over (explore-BO: 900 shares sold of 300 held).
                if hiddenRoles.contains(sheet), !info.isHidden, let read = tables[sheet]?.sheetName {
                    log.error(info.name, "This sheet holds a \(sheet.rawValue) table, and the sheet read as \(sheet.rawValue), "
                        + "\"\(read)\", is hidden: the tool does not guess which is current. Delete the one not meant for this "
                        + "run, and name the other \(sheet.rawValue).")
                    continue
                }
                if !Self.sheetsNotToDouble.contains(sheet) { continue }
                if sheet != .transactions && sheet != .manualTrades || Self.listsTrades(rows, as: sheet) {
                    warnOfSecondTable(of: sheet, in: info)
                }
                continue
            }
            // A visible sheet named for a sheet read from a hidden one (`Smith Model` beside a
            // hidden `Model`) in a layout its columns do not tell (a grid of targets by account
            // has no Target column): the hidden helper's old targets had been planned on, the
            // visible grid passed over with an Info line (explore-DN).
            if !info.isHidden, let sheet = hiddenRoles.sorted(by: { $0.rawValue < $1.rawValue }).first(where: {
                   tables[$0] != nil && Self.carriesName(of: $0, info.name) && Self.mayAdopt(info.name, as: $0)
               }), let read = tables[sheet]?.sheetName {
                log.error(info.name, "This sheet's name says \(sheet.rawValue), and the sheet read as \(sheet.rawValue), "
                    + "\"\(read)\", is hidden: the tool does not guess which is current. Delete the one not meant for this "
                    + "run, and name the other \(sheet.rawValue).")
                continue
            }
            // (A hidden sheet is no missing sheet's: one visible is there, or its hidden one was read.)
            guard !info.isHidden else { continue }
            guard let sheet = heldTable(in: rows, among: missing) else {
                // A custodian's realized gain/loss report (Symbol, a sale's date, the gain, no
                // Side) is the book's recent sales: passed over with a note, its loss sales
                // opened no window and a buy went inside one (explore-AR). Judged on the rows
                // already read: read again, a sheet padded to the reader's limits passed them.
                if missing.contains(.transactions), let columns = realizedSalesColumns(in: rows) {
                    refuseRealizedSales(in: info, columns: columns)
                }
                continue
            }
            holders[sheet, default: []].append(info)
        }
        for sheet in missing {
            guard let found = holders[sheet] else { continue }
            let columns = Self.markingColumns(of: sheet).map { $0.joined(separator: " or ") }.joined(separator: ", ")
            if found.count == 1, Self.mayAdopt(found[0].name, as: sheet), let table = try adopt(found[0], as: sheet) {
                tables[sheet] = table
                if let place = view.sheets.firstIndex(where: { $0.contractSheet == sheet.rawValue && $0.sheetName == nil }) {
                    view.sheets[place] = Self.sheetView(of: table)
                }
                continue
            }
            for info in found {
                log.error(info.name, "This sheet holds a \(sheet.rawValue) table (\(columns)) but is not read: the "
                    + "\(sheet.rawValue) sheet is found by its name, and the workbook has none"
                    + (found.count > 1 ? ", while \(found.count) sheets hold one" : "") + ". Rename the one meant for this "
                    + "run \(sheet.rawValue) to have it read, or delete the others.")
            }
        }
    }

    /// A table of another contract sheet kept on a sheet read as one (`SheetTable.otherTables`:
    /// a `Symbol | Restriction` box beside the Model or the lots, `Exposure Group | Max Weight`
    /// on the Securities sheet, `Sector | Band` beside the Model, `Setting | Value` beside or
    /// under the accounts) is an error at its header when the book has no sheet of its kind:
    /// the tool finds that table by its sheet's name, and read as one table a sheet, it had been
    /// passed over, a No Sell position sold, a group cap and sector bands not applied, a zero
    /// tax budget planned as Unlimited; stacked under the accounts, its rows had become
    /// accounts named `Setting` and `Tax Budget` (explore-DN). Where the book has such a
    /// sheet, the box is the PM's own (a copy, a note) and is left as it was. The rows of one
    /// stacked below, and a title just above it, are no rows of the table above it.
    mutating func refuseTablesOfMissingSheets() {
        let hosts = ContractSheet.allCases.compactMap { tables[$0] } + accountLotTables + modelSheetTables.map(\.table)
        var refused = Set<String>()
        refuseLooseRestrictions(in: hosts)
        for host in hosts {
            for other in host.otherTables {
                let place = "\(host.sheetName)!\(other.cell)"
                guard !view.sheets.contains(where: { $0.contractSheet == other.sheet.rawValue && $0.sheetName != nil }),
                      !ambiguousRoles.contains(other.sheet), refused.insert(place).inserted else { continue }
                let name = other.sheet.rawValue
                let placing = other.below ? "under the \(host.sheet.rawValue) table this sheet is read as"
                    : "beside the \(host.sheet.rawValue) table this sheet is read as"
                log.error(place, "\"\(other.texts.joined(separator: " | ").excerpt)\" heads \(Self.kindOfTable(other)) (the "
                    + "\(name) sheet's \(other.names.joined(separator: ", "))) \(placing), and the workbook has no \(name) sheet: "
                    + "the tool reads one table a sheet and finds the \(name) table by its sheet's name, so "
                    + "\(Self.lostWithTable(other)). Move the table to a sheet of its own named \(name).")
                if other.below, let index = ContractSheet.allCases.first(where: { tables[$0]?.sheetName == host.sheetName }) {
                    tables[index]?.rows.removeAll { $0.number >= other.row }
                    // Nor is its title just above (`Settings`), as above a header repeated in part.
                    if let last = tables[index]?.rows.last, last.number >= other.row - 2,
                       last.values.compactMap({ $0 }).count == 1 {
                        tables[index]?.rows.removeLast()
                    }
                }
            }
        }
    }

    /// A restriction beside a ticker the book holds or models, outside any table
    /// (`SheetTable.looseRestrictions`): an error at its cell where no Securities sheet
    /// restricts that symbol (explore-DP, explore-DS: with a Securities sheet that did not list
    /// it, the No Sell position was sold all the same). A ticker the book neither holds nor
    /// models (a watch list's `TSLA | No Buy`, a legend's `NS | No Sell`) changes nothing. A box
    /// refused as a table of restrictions is not refused again cell by cell.
    mutating func refuseLooseRestrictions(in hosts: [SheetTable]) {
        guard hosts.contains(where: { !$0.looseRestrictions.isEmpty }), !ambiguousRoles.contains(.securities) else { return }
        let known = Set((lotTables + [tables[.model]].compactMap { $0 } + modelSheetTables.map(\.table)).flatMap { table in
            table.rows.compactMap { CellReader.textValue($0["Symbol"])?.uppercased() }
        })
        let restricted = Set((tables[.securities]?.rows ?? []).compactMap { row -> String? in
            guard CellReader.textValue(row["Restriction"]) != nil else { return nil }
            return CellReader.textValue(row["Symbol"])?.uppercased()
        })
        for host in hosts where !host.otherTables.contains(where: { $0.sheet == .securities }) {
            // The first mark of a sheet that restricts a symbol the plan could trade.
            guard let (mark, symbol) = host.looseRestrictions.lazy.compactMap({ mark -> (SheetTable.LooseRestriction, String)? in
                guard let symbol = mark.tickers.first(where: { known.contains($0.uppercased()) })?.uppercased(),
                      !restricted.contains(symbol) else { return nil }
                return (mark, symbol)
            }).first else { continue }
            let lacking = tables[.securities].map { "the Securities sheet (\($0.sheetName)) does not restrict \(symbol)" }
                ?? "the workbook has no Securities sheet"
            log.error("\(host.sheetName)!\(mark.cell)", "\"\(mark.text.excerpt)\" is written beside \(symbol) outside the "
                + "\(host.sheet.rawValue) table this sheet is read as, and \(lacking): the tool reads restrictions only on "
                + "the Securities sheet (Symbol, Restriction), so this one would not apply and \(symbol) could be traded. "
                + "Give \(symbol) its Restriction on the Securities sheet, or delete the cell if it restricts nothing.")
        }
    }

    /// What a table of another sheet kept on this one holds, in a PM's words.
    static func kindOfTable(_ other: SheetTable.OtherTable) -> String {
        switch other.sheet {
        case .settings: return "a table of settings"
        case .securities: return other.names.contains("Restriction") ? "a table of restrictions" : "a table of securities"
        case .groups: return "a table of exposure-group caps"
        case .sectors: return "a table of sector bands"
        case .accounts: return "a table of accounts"
        case .lots: return "a table of lots"
        case .model: return "a table of model targets"
        case .prices: return "a table of prices"
        case .transactions: return "a table of trades made"
        case .manualTrades: return "a table of trades to place"
        }
    }

    /// What the plan would lose with another sheet's table left unread.
    static func lostWithTable(_ other: SheetTable.OtherTable) -> String {
        switch other.sheet {
        case .settings: return "its settings (As Of Date, Tax Budget, Lot Method…) would not apply, and the plan would run on the defaults"
        case .securities: return other.names.contains("Restriction")
            ? "its restrictions would not apply: a position marked No Sell could be sold"
            : "its groups, replacements and marks would not apply"
        case .groups: return "its caps would not apply: a group could be left above its Max Weight"
        case .sectors: return "its bands would not apply: a sector could be left outside its band"
        case .accounts: return "its accounts' cash, types and models would not apply"
        case .lots: return "its lots would be left out of the plan, as if not held"
        case .model: return "its targets would not be planned"
        case .prices: return "its prices would not be used"
        case .transactions: return "its trades would open and close no wash-sale window"
        case .manualTrades: return "its trades would not be placed"
        }
    }

    /// Sheets whose rows, left out, change the plan unseen: lots, trades and restrictions
    /// (a second Model, Prices or Settings sheet left out is seen: an account's model or a
    /// symbol's price is then missing, or the Summary shows the settings used; an account
    /// left out is an error at its lots, and a dashboard of accounts and cash is no table
    /// of the book's).
    static let sheetsNotToDouble: [ContractSheet] = [.lots, .transactions, .manualTrades, .securities]

    /// Words that mark a sheet of trades as a record of trades made, not ones to place.
    static let madeTradeWords: Set<String> = ["executed", "filled", "done", "history", "log", "blotter", "completed",
                                              "placed", "sent", "booked"]

    /// Warns that `info`, passed over, holds a second table of `sheet`, said more briefly
    /// when its name marks it as not for this run.
    mutating func warnOfSecondTable(of sheet: ContractSheet, in info: SheetInfo) {
        let columns = Self.markingColumns(of: sheet).map { $0.joined(separator: " or ") }.joined(separator: ", ")
        let read = tables[sheet]?.sheetName ?? sheet.rawValue
        let hidden = info.isHidden ? ", hidden," : ""
        let words = Self.nameWords(info.name)
        let notForThisRun = sheet == .manualTrades ? Self.staleSheetWords.union(Self.madeTradeWords) : Self.staleSheetWords
        if let stale = words.intersection(notForThisRun).sorted().first {
            log.warning(info.name, "This sheet\(hidden) holds a \(sheet.rawValue) table (\(columns)) but is not read: its "
                + "name (\"\(stale)\") marks it as not for this run, and the \(sheet.rawValue) table is read from \(read) "
                + "alone. If its rows belong in this run, move them onto \(read).")
            return
        }
        let lost: String
        switch sheet {
        case .lots: lost = "its lots are left out of the plan, as if not held"
        case .transactions: lost = "its trades open and close no wash-sale window"
        case .manualTrades: lost = "its trades are not placed"
        default: lost = "its restrictions, groups and replacements do not apply"
        }
        log.warning(info.name, "This sheet\(hidden) holds a \(sheet.rawValue) table (\(columns)) beside the \(read) sheet, "
            + "and only \(read) is read: \(lost). If its rows belong in this run and are not on \(read) already, move them "
            + "onto \(read) (one table for the book, an Account column telling accounts apart); if not, delete the sheet.")
    }

    /// Whether a table of trades among `rows` lists a buy or a sale: a sheet of dividends or
    /// fees (Account, Symbol, Action, Amount) holds the columns of one, not its trades.
    static func listsTrades(_ rows: [Row], as sheet: ContractSheet) -> Bool {
        let lookup = sheet.headerLookup
        for (offset, row) in rows.enumerated() {
            guard let sideColumn = row.cells.first(where: { cell in
                if case .string(let text) = cell.value { return sheet.column(forHeader: text, lookup: lookup) == "Side" }
                return false
            })?.column else { continue }
            for below in rows.dropFirst(offset + 1) {
                if case .string(let text)? = below.cells.first(where: { $0.column == sideColumn })?.value,
                   PortfolioBuilder.side(text) != nil { return true }
            }
            return false
        }
        return false
    }

    /// The table of a required sheet the book has no sheet of by name, from the one sheet the
    /// tool ignores that holds it (`holders`, from `sheetsHolding`) when its name carries the
    /// sheet's; nil when none or several do (the error then names them).
    mutating func adoptHeldTable(_ sheet: ContractSheet, among holders: [(info: SheetInfo, aside: SheetAside)]) throws
        -> SheetTable? {
        guard holders.count == 1, Self.mayAdopt(holders[0].info.name, as: sheet),
              Self.carriesName(of: sheet, holders[0].info.name) else { return nil }
        return try adopt(holders[0].info, as: sheet, readAside: holders[0].aside)
    }

    /// Whether a sheet's name carries a name of `sheet` at its start or end, with more beside
    /// it (`Lots 11-20-2026`, `Tax Lots Nov`, `Open Positions`, `Model 2026`), or at its end
    /// before a date (`Individual-Positions-2026-03-20`, the sheet Excel names for a custodian's
    /// positions file, had been refused for want of a Lots sheet; explore-CX): a Lots or Model
    /// sheet is taken only so, since a lot table under another name may be an old one, and a
    /// sheet of weights (`Allocation`) may be the current ones, not the model's.
    static func carriesName(of sheet: ContractSheet, _ name: String) -> Bool {
        let key = HeaderName.normalize(name).key
        let beforeDate = String(key.reversed().drop(while: \.isASCIIDigit).reversed())
        return sheet.names.contains {
            $0.count >= 4 && key != $0 && (key.hasPrefix($0) || key.hasSuffix($0) || beforeDate.hasSuffix($0))
        }
    }

    /// Whether a sheet holding `sheet`'s table may be read as it without its name: not a
    /// Manual Trades table (an `Orders` or blotter sheet is trades placed or proposed, and
    /// read as Manual Trades each would be traded again), nor a sheet its name says is not
    /// the current one (`Lots (old)`, `Model backup`, `Copy of Lots`).
    static func mayAdopt(_ name: String, as sheet: ContractSheet) -> Bool {
        guard sheet != .manualTrades else { return false }
        return nameWords(name).isDisjoint(with: staleSheetWords)
    }

    /// A sheet's name as its words, lower case (`Lots (old)`: lots, old).
    static func nameWords(_ name: String) -> Set<String> {
        Set(name.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
    }

    /// Words that mark a sheet as not the one for this run.
    static let staleSheetWords: Set<String> = [
        "old", "older", "backup", "bak", "copy", "archive", "archived", "prior", "previous", "prev", "draft", "test",
        "sample", "example", "template", "unused", "obsolete", "superseded", "last", "original", "orig", "scratch",
    ]

    /// `info` read as `sheet`, no longer an ignored sheet, with a warning saying so: a sheet
    /// the book keeps under another name (a date after it, a custodian's own) is the PM's.
    /// A reading made aside is taken as it is when it was read as this one would be (with
    /// no model names to look for).
    mutating func adopt(_ info: SheetInfo, as sheet: ContractSheet, readAside aside: SheetAside? = nil) throws -> SheetTable? {
        let modelNames = sheet == .model ? accountModelNames() : []
        var reading = DiagnosticLog()
        let table: SheetTable
        if let aside, modelNames.isEmpty {
            table = aside.table
            reading = aside.log
        } else {
            guard let read = try SheetTable.read(sheet, info: info, from: workbook, modelNames: modelNames, log: &reading)
            else { return nil }
            table = read
        }
        log.remove { $0.place == info.name && $0.message == "This sheet is not one the tool reads; it is ignored." }
        view.ignoredSheets.removeAll { $0 == info.name }
        let columns = Self.markingColumns(of: sheet).map { $0.joined(separator: " or ") }.joined(separator: ", ")
        log.warning(info.name, "This sheet is read as the \(sheet.rawValue) sheet: it holds its table (\(columns)), "
            + "and no sheet is named \(sheet.rawValue). Rename it \(sheet.rawValue) if so; if it is not meant for this "
            + "run, delete it.")
        log.append(contentsOf: reading)
        return table
    }

    /// The columns whose names in one header row mark it as `sheet`'s: its required ones,
    /// and for the Accounts and Securities sheets (which require one) one more of theirs.
    static func markingColumns(of sheet: ContractSheet) -> [[String]] {
        switch sheet {
        case .accounts: return [["Account"], ["Cash", "Type", "Household", "Tax Budget", "Withdrawal", "Model"]]
        case .securities: return [["Symbol"], ["Restriction", "Identical Group", "Exposure Group", "Replacement", "Phase Out"]]
        default: return sheet.requiredColumns
        }
    }

    /// The header of a realized gain/loss report among a sheet's first rows: the
    /// Transactions columns it names when they are Symbol, a date and a realized gain, with no
    /// Side; nil otherwise.
    func realizedSalesColumns(in rows: [Row]) -> [String]? {
        let lookup = ContractSheet.transactions.headerLookup
        for row in rows {
            let texts = Self.texts(of: row)
            var named: [String] = []
            for text in texts {
                if let name = ContractSheet.transactions.column(forHeader: text, lookup: lookup), !named.contains(name) {
                    named.append(name)
                }
            }
            let gain = named.contains { ["Realized Gain", "Short-Term Gain", "Long-Term Gain"].contains($0) }
            // A sale's date under a report's name (`Closed Date`, `Date Sold`).
            let saleDate = texts.first { text in
                let words = SheetTable.headerWords(text)
                return words.contains("date") && !words.isDisjoint(with: ["closed", "close", "sold", "sale", "disposed"])
            }
            if named.contains("Symbol"), named.contains("Date") || saleDate != nil, gain, !named.contains("Side") {
                return (named.contains("Date") ? [] : [saleDate!.trimmingWhitespace()]) + named
            }
        }
        return nil
    }

    /// Refuses a realized gain/loss report in a book without a Transactions sheet: its sales
    /// are the book's recent ones, and their losses open wash-sale windows.
    mutating func refuseRealizedSales(in info: SheetInfo, columns: [String]) {
        log.error(info.name, "This sheet holds realized sales (\(columns.joined(separator: ", "))) but is not read: "
            + "recent sales are read from the Transactions sheet, and their losses open wash-sale windows. Name "
            + "this sheet Transactions and add a Side column reading Sell (or delete it if its sales are over "
            + "\(settings.washSaleDays) days old).")
    }

    /// The Transactions columns a realized gain/loss report of closed lots names in its first
    /// rows (its header names Symbol, a sale's date under a closing word, `Closed Date` or
    /// `Date Sold`, and a realized gain, and no Side), or nil. A plain `Date` or `Trade Date`
    /// beside a gain is no sale's date (a lot sheet's unrealized gain beside its dates).
    func closedLotsColumns(in rows: [Row]) -> [String]? {
        let lookup = ContractSheet.transactions.headerLookup
        for row in rows {
            guard let columns = realizedSalesColumns(in: [row]) else { continue }
            var symbol = false, saleDate = false
            for cell in row.cells {
                guard case .string(let text) = cell.value else { continue }
                let words = SheetTable.headerWords(text)
                if ContractSheet.transactions.column(forHeader: text, lookup: lookup) == "Symbol" {
                    symbol = true
                } else if words.contains("date"), !words.isDisjoint(with: ["closed", "close", "sold", "sale", "disposed"]) {
                    saleDate = true
                }
            }
            return symbol && saleDate ? columns : nil
        }
        return nil
    }

    /// The texts of a row's cells that hold text, as a header's names are looked for in them.
    static func texts(of row: Row) -> [String] {
        row.cells.compactMap { cell -> String? in
            if case .string(let text) = cell.value { return text }
            return nil
        }
    }

    /// The first `probedRows` rows of `info`, read once for every question asked of them.
    func probedRows(of info: SheetInfo) throws -> [Row] {
        struct Enough: Error {}
        var rows: [Row] = []
        do {
            _ = try workbook.readRows(in: info) { row in
                rows.append(row)
                if rows.count >= Self.probedRows { throw Enough() }
            }
        } catch is Enough {}
        return rows
    }

    /// The contract sheet among `candidates` whose table a sheet holds: one of its first rows
    /// (`rows`) names every marking column of it. Where a row names two sheets' (a Transactions
    /// table with Quantity names Manual Trades' too), the one with more of its columns named.
    func heldTable(in rows: [Row], among candidates: [ContractSheet]) -> ContractSheet? {
        var best: (sheet: ContractSheet, named: Int)?
        let lookups = candidates.map(\.headerLookup)
        // A copy of a sheet the book has (`Model 2025` beside Model: Symbol, Target, Band,
        // Sector) holds no missing sheet's table, though its Sector and Band name the Sectors
        // sheet's columns: it was refused as an unread Sectors table (explore-AQ).
        let present = ContractSheet.allCases.filter { !candidates.contains($0) && $0 != .settings }
        let presentLookups = present.map(\.headerLookup)
        for row in rows {
            let texts = Self.texts(of: row)
            guard texts.count >= 2 else { continue }
            for (sheet, lookup) in zip(candidates, lookups) {
                let named = Set(texts.compactMap { sheet.column(forHeader: $0, lookup: lookup) })
                guard Self.markingColumns(of: sheet).allSatisfy({ !named.isDisjoint(with: $0) }) else { continue }
                if best == nil || named.count > best!.named { best = (sheet, named.count) }
            }
            if let found = best {
                for (sheet, lookup) in zip(present, presentLookups) {
                    let named = Set(texts.compactMap { sheet.column(forHeader: $0, lookup: lookup) })
                    if Self.markingColumns(of: sheet).allSatisfy({ !named.isDisjoint(with: $0) }), named.count >= found.named {
                        return nil
                    }
                }
                return found.sheet
            }
        }
        return nil
    }
}
