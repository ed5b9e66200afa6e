import RebalanceEngine

/// The outcome of reading a workbook as a portfolio: the portfolio when it has no errors,
/// every diagnostic in the order found, and the contract view.
///
/// The portfolio's prices are not resolved yet: `priceRequests` says which symbols need one
/// and what the Prices sheet offers, and the price chain (`Pricing`) resolves them.
public struct PortfolioReading: Sendable {
    public var portfolio: Portfolio?
    public var diagnostics: [Diagnostic]
    public var view: ContractView
    /// Every symbol that needs a price, sorted by symbol.
    public var priceRequests: [PriceRequest] = []
    /// The quote API as the Settings sheet describes it.
    public var priceAPI = PriceAPISettings()
    /// The header read as the Lots sheet's Cost Basis, and its cell (`Lots!E1`), when the book
    /// has one Lots table: a bare `Cost` or `Basis` may be a cost per share (`BasisCheck`).
    public var costBasisHeader: (text: String, place: String)?
    /// Each lot's Quantity cell and the Market Value its row gives, for checks made once the
    /// prices are known (`BasisCheck.pricedPerHundred`).
    public var lotCells: [TaxLot.Key: LotCells] = [:]

    /// Where a lot was read, and what its row says of its value.
    public struct LotCells: Sendable {
        /// The lot's Quantity cell (`Lots!D7`).
        public var quantityPlace: String
        /// The row's Market Value, where the sheet has the column and the cell a plain positive amount.
        public var marketValue: Money?
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Reads the PM's workbook as the contract's input sheets (WORKBOOK.md, Reading rules and
/// Input sheets), collecting every problem with its place rather than stopping at the first.
public enum PortfolioReader {
    /// Reads a workbook. `asOf` (the command line's `--as-of`) beats the As Of Date setting;
    /// `today` is used only when neither gives one, with a warning.
    ///
    /// Throws only when the file cannot be read as a workbook at all; problems with its
    /// content come back as diagnostics.
    public static func read(path: String, asOf: CivilDate? = nil, today: CivilDate) throws -> PortfolioReading {
        let workbook = try Workbook(path: path)
        var builder = PortfolioBuilder(workbook: workbook, asOfOverride: asOf, today: today)
        try builder.build()
        return builder.result
    }
}

/// The state of one read: the workbook, the tables found, the log.
struct PortfolioBuilder {
    let workbook: Workbook
    let asOfOverride: CivilDate?
    let today: CivilDate
    var log = DiagnosticLog()
    var view = ContractView()
    var tables: [ContractSheet: SheetTable] = [:]
    var settings: Settings
    var portfolio: Portfolio?
    /// Accounts whose Cash Target cell was filled in (it beats the model and Settings).
    var explicitCashTargets: Set<String> = []
    /// Account names written on a sheet with other capitals or spacing than the Accounts
    /// sheet's, each with the account it is, noted once (see `account(_:in:known:sheetHasAccounts:)`).
    var accountSpellings: [String: String?] = [:]
    /// The sheets whose rows took an account from a second Account column, noted once each.
    var secondAccountNoted: Set<String> = []
    /// Each date column's text dates, by sheet and column (`flagDayFirstColumns`).
    var textDates: [DateColumn: TextDates] = [:]
    /// The book's first text date that can only be day first (`25/12/2024`), wherever it is:
    /// the book is kept day first, and its other text dates are judged so.
    var bookDayFirst: (place: String, text: String)?
    /// A Settings percent key written as a plain number above 1 (`Short-Term Rate 40.8`): the
    /// book writes its percents so, and a plain 1 on the Accounts sheet may be 1%.
    var settingsPlainPercent: (column: String, text: String, place: String)?
    /// The accounts an account cell could be read as, where it could be several (a Name two
    /// accounts share), to name them in its error.
    var ambiguousAccounts: [String: [String]] = [:]
    /// Each symbol's price on the Lots sheet (a lot export's Price column), with the first
    /// cell giving it and the first cell giving another: the price of a symbol the Prices
    /// sheet does not list, unless its lots disagree.
    var lotPrices: [String: (price: Price, place: String, other: (price: Price, place: String)?)] = [:]
    /// Each symbol's first Lots Price a formula or feed failed to give (`#N/A`): an error
    /// only where that price would be used, as the Prices sheet does not price the symbol.
    var failedLotPrices: [String: (value: String, place: String)] = [:]
    /// The date the book gives the Lots sheet's price of a symbol (the row's As Of, else the
    /// sheet's title: `Positions as of 08/31/2026`), with the cell that gives it.
    var lotPriceDates: [String: (date: CivilDate, place: String)] = [:]
    /// Each lot's cells, by its key (see `PortfolioReading.lotCells`).
    var lotCells: [TaxLot.Key: PortfolioReading.LotCells] = [:]
    /// Each symbol's first Lots Price cell left blank or written `N/A`, where the sheet has a
    /// Price column: named where the symbol is found unpriced.
    var blankLotPrices: [String: String] = [:]
    /// The sheets holding one account's lots each, read in place of a Lots sheet the book
    /// does not have (see `readAccountLotSheets`).
    var accountLotTables: [SheetTable] = []
    /// The sheets holding one model each, read in place of a Model sheet the book does not
    /// have (see `readModelSheets`).
    var modelSheetTables: [(table: SheetTable, model: String)] = []
    /// The Lots sheet, or the sheets of each account's lots.
    var lotTables: [SheetTable] { tables[.lots].map { [$0] } ?? accountLotTables }
    /// Each account's Name on the Accounts sheet, by ID, for a block title that names it.
    var accountNames: [String: String] = [:]
    /// The account each block of a sheet laid out in blocks is, by sheet and header row
    /// (`Lots!14`), once resolved (see `blockAccount(of:in:known:sheetHasAccounts:)`).
    var blockAccounts: [String: String?] = [:]
    /// Whether each stacked block's title (by sheet and header row) may head rows that name
    /// their accounts, once worked out (see `stackedTableTitleHolds`).
    var stackedTitles: [String: Bool] = [:]
    /// The blocks (by sheet and header row) whose title was found to name another account than
    /// a row's Account column, said once each (see `checkBlockTitle`).
    var titleDisagreements: Set<String> = []
    /// The Transactions rows that journal or transfer shares between accounts, skipped as no
    /// trade, with their account (when the row names a known one), symbol and date: see
    /// `rehomeJournaledBuys`.
    var journals: [(place: String, account: String?, symbol: String, date: CivilDate)] = []
    /// Each block's symbol in a lot export in blocks per security, by sheet and header row,
    /// once worked out (nil when its title names none).
    var blockSymbols: [String: String?] = [:]
    /// The Accounts sheet's IDs by the forms other sheets may write them in.
    var accountForms = AccountForms()
    /// The columns (`Lots!Quantity`) whose numbers written with a unit were noted.
    var unitsNoted: Set<String> = []
    /// The first cell whose number is written with a decimal comma (`75.000,00`), and the
    /// text cells whose numbers read another way with one (`1.200`, `43,105`): place, text,
    /// the number as read and as a decimal comma makes it (`flagDecimalCommaCells`).
    var decimalCommaCell: (place: String, text: String)?
    var separatorAmbiguous: [(place: String, text: String, read: String, other: String)] = []
    /// The symbols the book names outside its lots, which such a title may name, once gathered.
    var titleSymbols: Set<String>?
    /// The accounts that block titles and sheet names are matched against, and the answers
    /// found (see `accounts(namedBy:among:)`).
    var accountIndex = AccountIndex()
    var priceAPI = PriceAPISettings()
    var requests: [PriceRequest] = []
    /// Contract sheets that two workbook sheets claimed (already an error).
    var ambiguousRoles: Set<ContractSheet> = []
    /// The contract sheets read from a hidden sheet, no visible one being named as they are.
    var hiddenRoles: Set<ContractSheet> = []
    /// The first spelling of each identical group, exposure group and sector name, by kind
    /// and alike form (see `spelled(_:_:kind:)`).
    var nameSpellings: [String: [String: String]] = [:]

    init(workbook: Workbook, asOfOverride: CivilDate?, today: CivilDate) {
        self.workbook = workbook
        self.asOfOverride = asOfOverride
        self.today = today
        settings = Settings(asOf: asOfOverride ?? today)
    }

    var result: PortfolioReading {
        PortfolioReading(portfolio: log.hasErrors ? nil : portfolio, diagnostics: log.entries, view: view,
                         priceRequests: requests, priceAPI: priceAPI,
                         costBasisHeader: tables[.lots].flatMap { table in
                             // Beside a cost per share or a value, `Cost` is shown to be the total.
                             guard table.columns["Unit Cost"] == nil, table.columns["Market Value"] == nil else { return nil }
                             return table.matches.first { $0.column == "Cost Basis" }.map { ($0.header, "\(table.sheetName)!\($0.cell)") }
                         },
                         lotCells: lotCells)
    }

    var uses1904: Bool { workbook.uses1904DateSystem }

    /// The models the Accounts sheet's Model column names, each once, in its order.
    func accountModelNames() -> [String] {
        var names: [String] = []
        guard let accounts = tables[.accounts] else { return names }
        // Without a Model column, a model may be named for its account (a wide Model sheet
        // headed `Symbol | SMITH-IND | SMITH-JT`): the accounts' IDs are the names looked for.
        let column = accounts.has("Model") ? "Model" : "Account"
        for row in accounts.rows {
            if let name = CellReader.textValue(row[column]), !names.contains(name) { names.append(name) }
        }
        return names
    }

    mutating func build() throws {
        let roles = assignRoles()
        // A CIO workbook the tool wrote, dropped on it again, is named as such rather than
        // met with the list of the sheets it lacks.
        let written = Set(workbook.sheets.map(\.name))
        if roles[.lots] == nil, ["Trades", "Lots Sold", "Tax Impact", "Audit Log"].allSatisfy(written.contains) {
            log.error("", "This is a CIO workbook the tool wrote (its Trades, Lots Sold, Tax Impact and Audit Log "
                + "sheets); run the tool on the PM's workbook it was made from, the one with the Lots, Model and Prices sheets.")
            return
        }
        for sheet in ContractSheet.allCases {
            guard let info = roles[sheet] else {
                // Without a Lots sheet, sheets that each hold one account's lots.
                if sheet == .lots, !ambiguousRoles.contains(.lots), let found = try readAccountLotSheets() {
                    accountLotTables = found
                    for table in found { view.sheets.append(Self.sheetView(of: table)) }
                    continue
                }
                // Without a Model sheet, sheets that each hold one model.
                if sheet == .model, !ambiguousRoles.contains(.model), let found = try readModelSheets() {
                    modelSheetTables = found
                    for (table, _) in found { view.sheets.append(Self.sheetView(of: table)) }
                    continue
                }
                // The sheets the tool ignores that hold its table: without a Lots or Model sheet
                // by name, the one of them whose name carries it (`Lots 11-20-2026`, `Model
                // 2026`) is read as it; else they are named in the error.
                let holders = sheet.isRequired && !ambiguousRoles.contains(sheet) ? try sheetsHolding(sheet) : []
                if let table = try adoptHeldTable(sheet, among: holders) {
                    tables[sheet] = table
                    view.sheets.append(Self.sheetView(of: table))
                    continue
                }
                view.sheets.append(.init(contractSheet: sheet.rawValue, sheetName: nil, headerRow: nil, columns: [],
                                         ignoredColumns: [], rowsRead: 0, rowsSkipped: [], percentReadings: []))
                if sheet.isRequired && !ambiguousRoles.contains(sheet) {
                    let names = sheet.names.prefix(4).joined(separator: ", ")
                    // Sheets holding its table under another name are named, and how to have them read.
                    let hint = missingSheetHint(sheet, holders: holders.map(\.info.name))
                    log.error("", "The workbook has no \(sheet.rawValue) sheet (a sheet named \(sheet.rawValue) or a synonym such as \(names)).\(hint)")
                }
                continue
            }
            // A Model sheet may head a column of targets with each model the Accounts sheet names.
            let modelNames = sheet == .model ? accountModelNames() : []
            if let table = try SheetTable.read(sheet, info: info, from: workbook, modelNames: modelNames, log: &log) {
                tables[sheet] = table
                view.sheets.append(Self.sheetView(of: table))
            } else {
                view.sheets.append(.init(contractSheet: sheet.rawValue, sheetName: info.name, headerRow: nil, columns: [],
                                         ignoredColumns: [], rowsRead: 0, rowsSkipped: [], percentReadings: []))
            }
        }
        try refuseUnreadTables()
        refuseTablesOfMissingSheets()
        readSettings()
        var securities = readSecurities()
        judgeSecurityMarks(securities: securities)
        var accounts = readAccounts()
        for sheet in [ContractSheet.lots, .transactions] {
            if tables[.accounts] != nil { readGroupTitles(of: sheet, known: Set(accounts.map(\.id))) }
            readAccountGrouping(of: sheet, known: tables[.accounts] != nil ? Set(accounts.map(\.id)) : accountsWrittenOnLots())
        }
        let lots = readLots(accounts: &accounts)
        setAsideTitleRows(of: &accounts, lots: lots)
        warnOfBlankHouseholds(accounts)
        let models = readModels(accounts: &accounts)
        resolveCashTargets(accounts: &accounts, models: models)
        let groups = readGroups()
        shareExposureGroups(&securities)
        let sectors = readSectors()
        warnOfUnnamedLimits(groups: groups, sectors: sectors, securities: securities, models: models)
        warnOfSectorDisagreements(securities: securities, models: models)
        warnOfHeldIdentifiers(lots: lots, models: models, securities: securities)
        var transactions = readTransactions(accounts: accounts)
        // (Before the buys are moved: a buy of the lot's own day in its own account is its purchase.)
        warnOfLotsDatedByJournals(lots: lots, transactions: transactions)
        rehomeJournaledBuys(&transactions, lots: lots, accounts: accounts)
        warnOfSalesAfterTheLots(transactions, lots: lots)
        let manualTrades = readManualTrades(accounts: accounts, lots: lots, securities: securities)
        warnOfCUSIPs(in: transactions, lots: lots, models: models, securities: securities, manualTrades: manualTrades)
        warnOfManualTradesOnTransactions(manualTrades, transactions: transactions)
        warnOfIdleSecurityRows(securities, lots: lots, models: models, transactions: transactions, manualTrades: manualTrades)
        checkSymbolSpellings()
        requests = priceRequests(lots: lots, models: models, securities: securities, manualTrades: manualTrades)
        // After the prices, whose As Of dates are judged with the rest (explore-BX).
        flagDayFirstColumns()
        flagDecimalCommaCells()
        portfolio = Portfolio(settings: settings, accounts: accounts, lots: lots, models: models, prices: [],
                              securities: securities, groups: groups, sectors: sectors,
                              transactions: transactions, manualTrades: manualTrades)
    }

    /// What the contract view shows of a sheet read as `table`: a Settings sheet without its
    /// header, where its keys and values were found.
    static func sheetView(of table: SheetTable) -> ContractView.SheetView {
        if let layout = table.settingsLayout {
            return .init(contractSheet: table.sheet.rawValue, sheetName: table.sheetName, headerRow: nil,
                         columns: [layout.description], ignoredColumns: [], rowsRead: layout.entries.count,
                         rowsSkipped: [], percentReadings: [])
        }
        return .init(contractSheet: table.sheet.rawValue, sheetName: table.sheetName, headerRow: table.headerRow,
              columns: table.matches.map { "\"\($0.header.excerpt)\" (\($0.cell)) → \($0.column)" },
              ignoredColumns: table.unknownHeaders.map { "\"\($0.header.excerpt)\" (\($0.cell))" },
              rowsRead: table.rows.count,
              rowsSkipped: table.skipped.map { "row \($0.row): \($0.reason)" }, percentReadings: [])
    }

    /// Which workbook sheet is taken as each contract sheet: visible over hidden, two of
    /// one kind an error.
    mutating func assignRoles() -> [ContractSheet: SheetInfo] {
        var candidates: [ContractSheet: [SheetInfo]] = [:]
        for info in workbook.sheets where info.kind == .worksheet {
            if let role = ContractSheet.matching(sheetName: info.name) {
                candidates[role, default: []].append(info)
            } else {
                view.ignoredSheets.append(info.name)
                log.info(info.name, "This sheet is not one the tool reads; it is ignored.")
            }
        }
        var roles: [ContractSheet: SheetInfo] = [:]
        for sheet in ContractSheet.allCases {
            guard let found = candidates[sheet] else { continue }
            let visible = found.filter { !$0.isHidden }
            var pool = visible.isEmpty ? found : visible
            // Beside the sheet named as the contract names it, another named by another word
            // for it (`Options` beside `Settings`, `History` beside `Transactions`) that holds
            // none of its columns is something else: passed over with a warning.
            let canonical = pool.filter { SheetTable.isCanonical($0.name, of: sheet.rawValue) }
            if pool.count > 1, canonical.count == 1 {
                let others = pool.filter { $0.name != canonical[0].name }
                // Read aside once each: a sheet that cannot be read is no such sheet either.
                let holdsNone = others.allSatisfy { other in
                    do { return try readAside(other, as: sheet) == nil } catch { return true }
                }
                if holdsNone {
                    for other in others {
                        view.ignoredSheets.append(other.name)
                        log.warning(other.name, "This sheet's name also reads as the \(sheet.rawValue) sheet's, but it holds none of "
                            + "its columns; the sheet named \(canonical[0].name) is read, and this one is not.")
                    }
                    pool = canonical
                }
            }
            if pool.count > 1 {
                // The first few named, then how many more (explore-CZ: 10,000 sheets named Lots made
                // one line of 110 KB).
                let named = pool.prefix(5).map { "\"\($0.name.excerpt)\"" }
                let names = pool.count > named.count ? named.joined(separator: ", ") + " and \(pool.count - named.count) more"
                    : named.joined(separator: " and ")
                ambiguousRoles.insert(sheet)
                log.error("", "\(pool.count == 2 ? "Two" : "Several") \(visible.isEmpty ? "hidden" : "visible") sheets, \(names), are each a \(sheet.rawValue) sheet; rename or delete all but one.")
                continue
            }
            roles[sheet] = pool[0]
            for hidden in found where hidden.isHidden && !visible.isEmpty {
                log.info(hidden.name, "This hidden sheet is ignored: the visible sheet \"\(pool[0].name)\" is the \(sheet.rawValue) sheet.")
            }
            if visible.isEmpty {
                hiddenRoles.insert(sheet)
                // Hidden, its rows are easily forgotten (last month's manual trades): a warning.
                log.warning(pool[0].name, "The \(sheet.rawValue) sheet is hidden; it is read all the same. Unhide it to "
                    + "check its rows, or delete it if they are not meant for this run.")
            }
        }
        return roles
    }

    // MARK: Reading cells with their place

    /// The columns whose text names something the plan keys on (an account, household,
    /// symbol, lot, model, sector or group): a control character there is an error.
    static let namingColumns: Set<String> = SheetTable.identifierColumns.union(["Name"])

    /// Text in a column, with problems logged.
    mutating func text(_ row: SheetTable.DataRow, _ column: String) -> String? {
        switch CellReader.text(row[column]) {
        case .empty: return nil
        case .value(let t):
            // An ID or a symbol is one line: one holding a line break printed as lines of the
            // run's own report (`CHEN-TR: 0 trade(s), tax impact $0.00`) that it never made.
            if column == "Account" || column == "Symbol", t.unicodeScalars.contains(where: \.isLineBreak) {
                log.error(row.place(column), "The \(column.lowercased()) \"\(t.excerpt)\" holds a line break; write it on one line.")
            } else if PortfolioBuilder.namingColumns.contains(column),
                      let control = t.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                // A NUL (`_x0000_`) or another control character in a name: the CIO workbook's
                // cells showed `Chen` where the plan had two households, `Chen` and `Chen<NUL>Hidden`.
                let code = String(control.value, radix: 16, uppercase: true)
                log.error(row.place(column), "\(column) holds a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)), "
                    + "which no name has and the CIO workbook cannot show; write it without.")
            }
            return t
        case .problem(let p): log.error(row.place(column), "\(column): \(p)"); return nil
        }
    }

    /// Text in a column that only describes (a security's Name, a price's Source): a cell
    /// holding an error (`#N/A` from a lookup that failed) is read as blank, with a note, as
    /// the plan needs nothing of it; refused, one failed lookup of a name stopped the run
    /// (explore-CB).
    mutating func describingText(_ row: SheetTable.DataRow, _ column: String) -> String? {
        if case .error(let error)? = row[column] {
            log.info(row.place(column), "\(column): the cell holds the error \(error); read as blank, as nothing the plan "
                + "does depends on it.")
            return nil
        }
        return text(row, column)
    }

    /// Whether a row's Currency (if its sheet has one) is the dollar the tool plans in; an
    /// error naming the cell when it is another.
    mutating func isInDollars(_ row: SheetTable.DataRow, hasCurrency: Bool) -> Bool {
        // An exchange rate other than 1 beside the price: the price is in the currency it
        // converts from, and the tool applies no rates.
        if case .value(let rate) = CellReader.number(row["FX Rate"]), let value = Double(rate.text), value != 1 {
            log.error(row.place("FX Rate"), "The exchange rate in this column is \(rate.text) for this row: "
                + "its price is in another currency, and the tool plans in US dollars and applies no exchange rates. Give "
                + "the row's figures in dollars (and a rate of 1), or leave the row out.")
            return false
        }
        guard hasCurrency, let currency = text(row, "Currency") else { return true }
        // Normalized, `US$` and `$` lose their dollar sign as a unit would: they are matched as written.
        guard ["usd", "usdollar", "dollar", "dollars"].contains(HeaderName.normalize(currency).key)
            || ["$", "us$"].contains(currency.lowercased()) else {
            log.error(row.place("Currency"), "The currency is \(currency.excerpt): the tool plans in US dollars. Give the "
                + "row's figures in dollars (and Currency USD), or leave it out.")
            return false
        }
        return true
    }

    /// The cell as the PM typed it, for messages.
    func shown(_ value: CellValue?) -> String {
        if case .number(let n, .percent) = value {
            let percent = (n * 100 * 1e9).rounded() / 1e9
            return (percent == percent.rounded() && abs(percent) < 1e15 ? String(Int64(percent)) : percent.description) + "%"
        }
        if case .value(let t) = CellReader.text(value) { return t.excerpt }
        return ""
    }

    /// `Quantity is blank.`, or, for a cell holding a word read as blank, what it holds:
    /// `Cost Basis is "N/A", which reads as blank.` ("is blank" beside a cell showing N/A
    /// sent the PM looking for an empty cell).
    func blankMessage(_ row: SheetTable.DataRow, _ column: String) -> String {
        if case .string(let s)? = row[column], !s.trimmingWhitespace().isEmpty {
            return "\(column) is \"\(s.trimmingWhitespace().excerpt)\", which reads as blank."
        }
        return "\(column) is blank."
    }

    /// Whether a cell is empty or says so (`--`, `N/A`).
    func isBlank(_ row: SheetTable.DataRow, _ column: String) -> Bool {
        guard let value = row[column] else { return true }
        if case .string(let s) = value {
            let t = s.trimmingWhitespace().lowercased()
            return t.isEmpty || CellReader.emptyWords.contains(t)
        }
        return false
    }

    mutating func number(_ row: SheetTable.DataRow, _ column: String) -> NumberText? {
        switch CellReader.number(row[column]) {
        case .empty: return nil
        case .value(let n): return n
        case .problem(let p):
            noteDecimalComma(row, column, problem: p)
            log.error(row.place(column), "\(column): \(p)")
            return nil
        }
    }

    /// Whether a text amount in dollars has three digits after its point (`10.000`), an
    /// error said at `place`: the cent is an amount's last digit, and a point that sets off
    /// thousands made a $10,000 budget $10 and a $50,000 withdrawal $50 (explore-BE).
    mutating func refusedThreeDecimalDollars(_ value: CellValue?, _ name: String, at place: String) -> Bool {
        guard case .string(let text)? = value, let other = CellReader.otherSeparatorReading(text), other.separator == "."
        else { return false }
        log.error(place, "\(name) \"\(text.trimmingWhitespace().excerpt)\" has three digits after its point, more than an "
            + "amount in dollars carries: if the point sets off thousands, write \(other.reading); if it is a decimal "
            + "point, round it to the cent.")
        return true
    }

    /// Whether an amount in dollars is in a cell whose number format shows a scale word beside
    /// it without scaling it (`"$"#,##0"K"` on 5 shows `$5K`), an error said at `place`: read
    /// as the $5.00 it holds, a Tax Budget shown as $5K stopped every sale without a word, as
    /// a `$000` unit or a `($ in thousands)` note would have (explore-DV). A format that
    /// scales by itself (`#,##0,"K"` on 5000) shows the amount the cell holds, and is read.
    ///
    /// Asked of every amount read (each lot's Cost Basis among them): the place is made, and
    /// looked up, only for a number in a book with such cells at all.
    mutating func refusedScaleWordFormat(_ value: CellValue?, _ name: String, at cell: @autoclosure () -> String) -> Bool {
        guard case .number(let number, _)? = value, number != 0,
              tables.values.contains(where: { !$0.scaleWordCells.isEmpty })
                || accountLotTables.contains(where: { !$0.scaleWordCells.isEmpty }) else { return false }
        let place = cell()
        guard let code = tables.values.lazy.compactMap({ $0.scaleWordCells[place] }).first
                ?? accountLotTables.lazy.compactMap({ $0.scaleWordCells[place] }).first,
              let word = NumberFormatKind.unscaledScaleWord(code),
              case .value(let n) = CellReader.number(value), let amount = Money(decimal: n.text) else { return false }
        // As a spreadsheet writes it: 5, not the 5.0 some writers store.
        var held = n.text
        if held.contains("."), !held.lowercased().contains("e") {
            while held.hasSuffix("0") { held.removeLast() }
            if held.hasSuffix(".") { held.removeLast() }
        }
        var whole = ""
        if ["k", "000", "000s", "thousand", "thousands"].contains(word.lowercased().filter { $0.isLetter || $0.isNumber }) {
            // From the number as held, not the amount rounded to the cent: 18.2504 thousand is
            // $18,250.40, where $18,250.00 had been advised (explore-EF).
            let parts = n.text.lowercased().split(separator: "e", maxSplits: 1)
            let thousands = parts.count == 2 ? Int(parts[1]).map { "\(parts[0])e\($0 + 3)" } : "\(n.text)e3"
            if let thousands, let dollars = Money(decimal: thousands) {
                whole = " (\(dollars.formatted) for \(held) thousand)"
            }
        }
        log.error(place, "\(name) holds \(held) but is formatted to show \"\(NumberFormatKind.shown(number, code: code))\": "
            + "its number format, \(code), writes \"\(word)\" after the number without scaling it, and the tool reads the "
            + "amount the cell holds, \(amount.formatted). Enter the whole amount in dollars\(whole), and format the cell as "
            + "dollars.")
        return true
    }

    /// Keeps the book's first cell refused for a decimal comma.
    private mutating func noteDecimalComma(_ row: SheetTable.DataRow, _ column: String, problem: String) {
        guard decimalCommaCell == nil, problem.contains("decimal comma"), case .string(let text)? = row[column] else { return }
        decimalCommaCell = (row.place(column), text.trimmingWhitespace())
    }

    /// A workbook that writes a decimal comma somewhere (`75.000,00`) writes it everywhere:
    /// its text numbers that read another way with one (`1.200` shares read as 1.2, `43,105`
    /// as 43105 dollars) are errors too. Until stop 49 only the cells that could not be read
    /// were named; a PM who rewrote them planned a VWO price of $43,105 and a lot of 1.2
    /// shares, with no word (explore-BE, LibreOffice set to de-DE).
    mutating func flagDecimalCommaCells() {
        guard let (place, text) = decimalCommaCell else { return }
        for cell in separatorAmbiguous {
            log.error(cell.place, "\"\(cell.text.excerpt)\" would be read as \(cell.read), but this workbook writes decimals "
                + "with a comma (\(place): \"\(text.excerpt)\"), which makes it \(cell.other): write it without separators "
                + "(\(cell.other.filter { $0 != "." && $0 != "," }) or with a point for decimals).")
        }
    }

    /// A number of `unit` (`an amount in dollars`, `a number of shares`): a percent cell or
    /// `5%` text there is an error, not its fraction read as dollars or shares (a Tax Budget
    /// of `0.5%` is not a budget of one cent).
    mutating func number(_ row: SheetTable.DataRow, _ column: String, counting unit: String) -> NumberText? {
        // The cell is read once: most hold a number, and this is asked of every lot's.
        let value = row[column]
        // A number written with its unit (`420 shs`, `USD 1,500.00`) is read as the number,
        // noted once per column.
        let (reading, bare) = CellReader.number(value, withUnitOf: unit.hasSuffix("shares") ? CellReader.shareUnits
                                                    : unit.hasSuffix("dollars") ? CellReader.dollarUnits : [])
        if let bare, case .string(let text)? = value {
            if unitsNoted.insert("\(row.sheetName)!\(column)").inserted {
                log.info(row.place(column), "\"\(text.trimmingWhitespace().excerpt)\" is read as \(bare), \(unit): "
                    + "the \(column) column's numbers written with their unit are read as the numbers.")
            }
        }
        switch reading {
        case .empty: return nil
        case .problem(let p):
            noteDecimalComma(row, column, problem: p)
            log.error(row.place(column), "\(column): \(p)")
            return nil
        case .value(let n):
            guard n.form == .plain else {
                log.error(row.place(column), percentProblem(column, unit: unit, found: value))
                return nil
            }
            if unit == "an amount in dollars", refusedThreeDecimalDollars(value, column, at: row.place(column)) { return nil }
            if case .string(let text)? = value, let other = CellReader.otherSeparatorReading(text) {
                separatorAmbiguous.append((row.place(column), text.trimmingWhitespace(), n.text, other.reading))
            }
            // `$100.00` where shares are counted is dollars, not a hundred shares.
            if case .string(let text)? = value, text.utf8.contains(UInt8(ascii: "$")), unit.hasSuffix("shares") {
                log.error(row.place(column), "\(column) is \(unit), found \"\(shown(value))\", an amount in dollars"
                    + (row.layout.position(of: "Amount") != nil ? " (a trade in dollars gives its Amount instead)." : "."))
                return nil
            }
            return n
        }
    }

    /// The message for a percent where `unit` is wanted.
    func percentProblem(_ name: String, unit: String, found value: CellValue?) -> String {
        "\(name) is \(unit), found \"\(shown(value))\", a percent."
    }

    /// Why the number in `column` is not a quantity of shares, when its sign is right: too
    /// large, or too small for the six decimals a quantity keeps; `sign` words the rest
    /// (`a positive number`).
    func quantityProblem(_ n: NumberText, _ row: SheetTable.DataRow, _ column: String, sign: String) -> String {
        let found = "found \"\(shown(row[column]))\"."
        let size = abs(n.doubleValue)
        if size >= Double(Int64.max) / 1e6 { return "\(column) is too large to be a number of shares, \(found)" }
        if (size > 0 || n.isPositiveAsWritten) && size < 0.000_000_5 {
            return "\(column) is less than the millionth of a share the tool counts to, \(found)"
        }
        return "\(column) must be \(sign), \(found)"
    }

    mutating func money(_ row: SheetTable.DataRow, _ column: String) -> Money? {
        guard let n = number(row, column, counting: "an amount in dollars") else { return nil }
        if refusedScaleWordFormat(row[column], column, at: row.place(column)) { return nil }
        guard let m = Money(decimal: n.text) else {
            log.error(row.place(column), "\(column) is too large to be an amount of money, found \"\(shown(row[column]))\".")
            return nil
        }
        return m
    }

    mutating func date(_ row: SheetTable.DataRow, _ column: String) -> CivilDate? {
        // The cell is read once: this is asked of every lot's date.
        let value = row[column]
        switch CellReader.date(value, uses1904: uses1904) {
        case .empty: return nil
        case .value(let d):
            // Outside the calendar the plan keeps, said at the cell (the plan's own check names
            // only the sheet and the lot).
            guard BookLimits.dates.contains(d) else {
                log.error(row.place(column), "\(column) \(d) is outside \(BookLimits.dates.lowerBound) to "
                    + "\(BookLimits.dates.upperBound), the dates the tool plans with.")
                return nil
            }
            guard case .string(let text)? = value else {
                // A date cell whose day could be its month: kept, few a column, in case the
                // column's text says a day-first program made it (`flagDayFirstColumns`).
                if d.day <= 12, d.day != d.month {
                    textDates[DateColumn(sheet: row.sheetName, column: column), default: .init()]
                        .noteSwappable(d, at: row.place(column))
                }
                return d
            }
            let key = DateColumn(sheet: row.sheetName, column: column)
            if CellReader.monthFirstOnly(text), textDates[key]?.monthFirstOnly == nil {
                textDates[key, default: .init()].monthFirstOnly = (row.place(column), text.trimmingWhitespace())
            }
            if CellReader.postedAsOf(text) != nil {
                log.info(row.place(column), "\"\(text.trimmingWhitespace().excerpt)\" is read as \(d), the day the entry took effect.")
            } else if let swapped = CellReader.dayFirstReading(text) {
                // After the As Of date month first, before it day first: the column's day
                // may come first (`12/11/2026` as of 2026-11-20), as a day above 12 says.
                if d > settings.asOf, swapped <= settings.asOf {
                    noteDayFirst(row, column, text)
                } else {
                    textDates[key, default: .init()].monthFirst.append((row.place(column), text.trimmingWhitespace(), d, swapped))
                }
            }
            return d
        case .problem(let p):
            if case .string(let text)? = value, p.contains(" reads as day ") {
                noteDayFirst(row, column, text)
                if bookDayFirst == nil { bookDayFirst = (row.place(column), text.trimmingWhitespace().excerpt) }
            }
            log.error(row.place(column), "\(column): \(p)")
            return nil
        }
    }

    /// Keeps `text`, a date of `row` that writes its day first, as its column's first such
    /// cell (`flagDayFirstColumns`).
    private mutating func noteDayFirst(_ row: SheetTable.DataRow, _ column: String, _ text: String) {
        let key = DateColumn(sheet: row.sheetName, column: column)
        if textDates[key]?.dayFirst == nil {
            textDates[key, default: .init()].dayFirst = (row.place(column), text.trimmingWhitespace())
        }
    }

    /// For a text date read month first and found after the As Of date, which day first is
    /// not (`12/11/2026`, 11 December, as of 20 November): that it may be written day first.
    func dayFirstHint(_ row: SheetTable.DataRow, _ column: String) -> String {
        guard case .string(let text)? = row[column], let swapped = CellReader.dayFirstReading(text),
              swapped <= settings.asOf else { return "" }
        return " \"\(text.trimmingWhitespace().excerpt)\" is read month first; if its day comes first, it is \(swapped): write "
            + "it year first."
    }

    /// A sheet's column of dates, to judge its text dates together.
    struct DateColumn: Hashable {
        let sheet: String
        let column: String
    }

    /// A column's text dates that tell or leave open which comes first, day or month.
    struct TextDates {
        /// The first cell that can only be day first (`14/03/2019`), and its text.
        var dayFirst: (place: String, text: String)?
        /// The cells read month first that could be read day first: place, text, the date
        /// read, and the date day first.
        var monthFirst: [(place: String, text: String, read: CivilDate, dayFirst: CivilDate)] = []
        /// The first text that can only be month first (`11/13/2026`).
        var monthFirstOnly: (place: String, text: String)?
        /// The first date cells whose day could be their month (2026-04-11), and how many.
        var swappable: [(place: String, date: CivilDate)] = []
        var swappableCount = 0
        static let swappableKept = 3

        /// Counts a date cell whose day could be its month, kept while few.
        mutating func noteSwappable(_ date: CivilDate, at place: @autoclosure () -> String) {
            if swappable.count < Self.swappableKept { swappable.append((place(), date)) }
            swappableCount += 1
        }
    }

    /// A column that writes a day first somewhere (`14/03/2019`, or `12/11/2026` that month
    /// first is after the As Of date and day first is not) writes it first everywhere: its
    /// dates read month first (`05/12/2025` as 12 May) are errors too. Flagged one at a time,
    /// a PM who rewrote the flagged cells planned on the rest misread, without a word.
    ///
    /// The mirror case (explore-BA): date cells beside text that can only be month first
    /// (`11/13/2026`) are what a program set to write the day first makes of a month-first
    /// file, turning each text whose day is 12 or less into a date cell with day and month
    /// swapped (`11/04/2026` into 11 April) and leaving the rest as text. The column's date
    /// cells that may be swapped are an error: planned on, a 4 November loss sale was dated
    /// 11 April and a buy of its family went inside its window, and a lot changed its term.
    mutating func flagDayFirstColumns() {
        // By sheet and column: a dictionary's order differs from run to run.
        let keyed = textDates.sorted { ($0.key.sheet, $0.key.column) < ($1.key.sheet, $1.key.column) }
        for dates in keyed.map(\.value) {
            guard let (place, text) = dates.monthFirstOnly, let first = dates.swappable.first else { continue }
            let listed = dates.swappable.map { cell in
                "\(cell.place) (\(cell.date), or \(CivilDate(year: cell.date.year, month: cell.date.day, day: cell.date.month)!) swapped)"
            }
            let more = dates.swappableCount - dates.swappable.count
            log.error(first.place, "This column holds date cells beside text dates that read only month first (\(place): "
                + "\"\(text.excerpt)\"): the mark of a file opened in a spreadsheet set to write the day first, which turns "
                + "month-first text whose day is 12 or less into date cells with day and month swapped. Date cells that may "
                + "be swapped: \(listed.joinedAsList)\(more > 0 ? " and \(more) more" : ""). Write the column's dates year "
                + "first (2026-11-04), or open the file with month-first dates, and run again.")
        }
        // Day first elsewhere in the book, by a text date or by the date format of its cells
        // (`dd/mm/yyyy`): a text that reads either way is asked about in every column. Read month
        // first beside them, a 5 November loss sale was dated 11 May and its family bought inside
        // the window, without a word (explore-BU). Only a sheet the tool reads counts: a stray
        // cell of a notes sheet is no sign of the book's order (explore-BV, BX: a US sample
        // refused for one), and the cell is named.
        let evidence = bookDayFirst.map { "a date elsewhere in the book is written day first (\($0.place): \"\($0.text)\")" }
            ?? ContractSheet.allCases.compactMap { tables[$0]?.dayFirstDate }.first
                .map { "the book's date cells are formatted day first (\($0.place): \($0.format.excerpt))" }
        // A column whose header says so (`Acquired (dd/mm/yyyy)`) writes its day first too.
        let headers = dayFirstHeaders()
        for (column, dates) in keyed {
            if let (place, text) = dates.dayFirst ?? headers[column] {
                for cell in dates.monthFirst {
                    log.error(cell.place, "\"\(cell.text.excerpt)\" would be read as \(cell.read), month first, but this column seems "
                        + "to write its day first (\(place): \"\(text.excerpt)\"), which makes it \(cell.dayFirst): write it year first.")
                }
                continue
            }
            guard let evidence else { continue }
            for cell in dates.monthFirst {
                log.error(cell.place, "\"\(cell.text.excerpt)\" would be read as \(cell.read), month first, but \(evidence), which "
                    + "makes it \(cell.dayFirst): write it year first.")
            }
        }
    }

    /// The date columns whose header says their dates are written day first (`Acquired
    /// (dd/mm/yyyy)`), with the header's place and text. Its date cells are read as the dates
    /// they hold; its text dates that read either way are asked about.
    func dayFirstHeaders() -> [DateColumn: (place: String, text: String)] {
        var headers: [DateColumn: (place: String, text: String)] = [:]
        for table in tables.values {
            for match in table.matches where HeaderName.withoutNote(match.header)?.note == .dayFirstDateFormat {
                headers[DateColumn(sheet: table.sheetName, column: match.column)] = ("\(table.sheetName)!\(match.cell)", match.header)
            }
        }
        return headers
    }

    mutating func flag(_ row: SheetTable.DataRow, _ column: String) -> Bool? {
        switch CellReader.flag(row[column]) {
        case .empty: return nil
        case .value(let b): return b
        case .problem(let p): log.error(row.place(column), "\(column): \(p)"); return nil
        }
    }

    /// Reads a weight column by the contract's per-column rule: percent cells and `5%` text
    /// are their fraction; plain numbers are percents when any plain value in the column is
    /// above 1, fractions otherwise. Records how the column was read.
    mutating func weights(_ sheet: ContractSheet, _ column: String) -> [Int: Rate] {
        guard let table = tables[sheet] else { return [:] }
        return weights(in: table, column)
    }

    /// The first plain number above 1 in another percent column of `table` (a Model's
    /// `Target` of 60): that table writes its percents as plain numbers.
    func plainPercentSibling(of column: String, in table: SheetTable) -> (column: String, text: String, place: String)? {
        for other in ContractSheet.percentColumns.sorted() where other != column && table.has(other) {
            for row in table.rows {
                if case .value(let n) = CellReader.number(row[other]), n.form == .plain, n.doubleValue > 1 {
                    return (other, shown(row[other]), row.place(other))
                }
            }
        }
        return nil
    }

    /// A fraction written as a percent: 0.22 as `22%`.
    func percentOf(_ n: NumberText) -> String {
        guard let rate = Rate(decimal: n.text), rate <= Rate.one else { return n.text }
        return rate.percentText
    }

    /// `weights(_:_:)` of one table: a contract sheet's, or one model's view of a wide
    /// Model sheet (see `SheetTable.modelColumns`).
    mutating func weights(in table: SheetTable, _ column: String) -> [Int: Rate] {
        guard table.has(column) else { return [:] }
        let sheet = table.sheet
        var read: [(row: SheetTable.DataRow, number: NumberText)] = []
        var noneRows: [Int] = []
        let header = table.matches.first { $0.column == column }?.header
        for row in table.rows {
            // A dollar amount under a weight's header (`Cash Reserve` of `$50.00`) is no
            // percent: read as 50, it was a 50% cash target, half the account sold without a
            // word (explore-BR).
            if CellReader.isWrittenInDollars(row[column]) {
                let money: String
                if case .number? = row[column] { money = "\(shown(row[column]).excerpt), formatted as money," }
                else { money = "\"\(shown(row[column]).excerpt)\"" }
                let under = header.flatMap { HeaderName.normalize($0).key == HeaderName.normalize(column).key ? nil : " (under \"\($0.excerpt)\")" }
                log.error(row.place(column), "\(column) \(money)\(under ?? "") "
                    + "is written in dollars, but \(column) is a percent (\(column == "Cash Target" ? "of the account, " : "")1% or 0.01): "
                    + "write it as a percent, or move the column out of the sheet if it is an amount.")
                continue
            }
            // `None` for a cash target is no cash kept: read as blank, the Settings target held and
            // $15,534.00 of positions was sold to raise it, $1,549.78 of tax (explore-DC).
            if column == "Cash Target", PortfolioBuilder.saysNone(row[column]) {
                log.info(row.place(column), "Cash Target \"\(shown(row[column]).excerpt)\" is read as 0%: no cash kept.")
                noneRows.append(row.number)
                continue
            }
            if let n = number(row, column) { read.append((row, n)) }
        }
        let plain = read.filter { $0.number.form == .plain }
        // Under a header that says percent (`Cash Target (%)`, `Band Pct`), in a column where
        // the whole is no value a PM means (a cash target, band or tax rate of 100%), a plain 1
        // is 1%, where the column rule read 100% and sold every account to cash (explore-BI),
        // and so is a fraction that would be unlikely as one (0.5: a 50% cash target, a ±50%
        // band; explore-BM); the column's plain numbers are then percents (explore-BK: one
        // client's 0.5 beside another's 1). A target or a cap of 1 under `Target %` or `Max
        // Weight %` keeps the column rule: 100%, the one-fund model or the group left uncapped
        // that it says beside fractions (explore-BM: read as 1%, three-quarters of a household
        // was sold).
        let key = ["Cash Target": SettingKey.cashTarget, "Band": .defaultBand, "Short-Term Rate": .shortTermRate,
                   "Long-Term Rate": .longTermRate][column]
        let aboveOne = plain.first { $0.number.doubleValue > 1 }
        /// What a plain number of the column would do read as a fraction, when that is unlikely.
        func unlikely(_ number: NumberText) -> String? {
            guard let key, let rate = Rate(decimal: number.text) else { return nil }
            return PortfolioBuilder.unlikelyFraction(key, rate)
        }
        var byHeader: (row: SheetTable.DataRow, number: NumberText, effect: String?)?
        if key != nil, aboveOne == nil, PortfolioBuilder.saysPercent(header ?? "") {
            if let one = plain.first(where: { $0.number.doubleValue == 1 }) {
                byHeader = (one.row, one.number, nil)
            } else if let found = plain.lazy.compactMap({ entry in unlikely(entry.number).map { (entry.row, entry.number, $0) } }).first {
                byHeader = (found.0, found.1, found.2)
            }
        }
        // A fraction unlikely as one beside one likely as one (0.25 and 0.02 under `Cash Target
        // (%)`): read as percents, the 0.02 was 0.02%; as fractions, the 0.25 a quarter of the
        // account. Which the column means is the PM's to say (explore-BP).
        if let byHeader, byHeader.effect != nil,
           let likely = plain.first(where: { $0.number.doubleValue > 0 && $0.number.doubleValue < 1 && unlikely($0.number) == nil }) {
            log.error(byHeader.row.place(column), "\(column) \(shown(byHeader.row[column])) here would be \(percentOf(byHeader.number)) "
                + "as a fraction, unlikely for it, and \(shown(likely.row[column])) at \(likely.row.place(column)) \(percentOf(likely.number)), "
                + "likely; under the header \"\((header ?? column).excerpt)\" the tool does not guess whether the column's plain "
                + "numbers are percents or fractions. Write them with % signs.")
            return [:]
        }
        let plainArePercents = byHeader != nil || aboveOne != nil
        if let byHeader {
            let typed = shown(byHeader.row[column])
            let headerText = "the header \"\((header ?? column).excerpt)\" says percent"
            if let effect = byHeader.effect {
                log.warning(byHeader.row.place(column), "\(column) \(typed) is read as \(typed)%, since \(headerText), and read "
                    + "as a fraction, \(percentOf(byHeader.number)), \(effect); write \(percentOf(byHeader.number)) if that is meant.")
            } else {
                log.info(byHeader.row.place(column), "\(column) 1 is read as 1%, since \(headerText); write 100% if the whole is meant.")
            }
        }
        // Among percents, a plain number below 1 is a small percent (0.22 is 0.22%): most
        // likely a fraction typed among percents (22% meant), so the first is warned of (but
        // the one the header made a percent, said above).
        let smalls = plain.filter { $0.number.doubleValue > 0 && $0.number.doubleValue < 1 && $0.row.number != byHeader?.row.number }
        if plainArePercents, let small = smalls.first {
            let typed = shown(small.row[column])
            let why = aboveOne != nil ? "(one is above 1)" : "(the header says percent)"
            log.warning(small.row.place(column), "\(column) \(typed) is read as \(typed)%, since the column's plain numbers "
                + "are percents \(why)\(smalls.count > 1 ? "; \(smalls.count - 1) more below 1 likewise" : ""). If it is a "
                + "fraction, write it as a percent (\(percentOf(small.number))).")
        }
        var result: [Int: Rate] = [:]
        for row in noneRows { result[row] = .zero }
        /// The table's other percent column written as plain numbers, looked for once, at the first 1.
        var sibling: (column: String, text: String, place: String)??
        /// A percent written as a plain number above 1 beside this column: the table's own, or on
        /// an Accounts sheet the Settings sheet's.
        func plainPercentBeside() -> (column: String, text: String, place: String)? {
            if sibling == nil { sibling = .some(plainPercentSibling(of: column, in: table)) }
            return sibling! ?? (table.sheet == .accounts ? settingsPlainPercent : nil)
        }
        for (row, n) in read {
            let text = n.form == .plain && plainArePercents ? CellReader.scaledByHundredth(n.text) : n.text
            guard let rate = Rate(decimal: text) else {
                log.error(row.place(column), "\(column) cannot be read as a weight, found \"\(shown(row[column]))\".")
                continue
            }
            if rate > Rate.one {
                log.error(row.place(column), "\(column) must be at most 100%, found \"\(shown(row[column]))\"\(n.form == .plain && plainArePercents ? " (read as a percent, since the column has plain numbers above 1)" : "").")
                continue
            }
            if rate < Rate.zero {
                log.error(row.place(column), "\(column) must not be negative, found \"\(shown(row[column]))\".")
                continue
            }
            if n.form == .plain, !plainArePercents, rate == Rate.one,
               ["Cash Target", "Band", "Short-Term Rate", "Long-Term Rate"].contains(column) {
                // Beside a percent column of the same table written as plain numbers (`Target`
                // 60 and 39 beside `Band` 1), the 1 is the 1% it looks like: read as ±100%, an
                // 88% weight against a 60% target was In Band (explore-BR). The PM says which.
                if let written = plainPercentBeside() {
                    askWhetherPlainIsAPercent(column, shown(row[column]), n, rate, at: row.place(column),
                                              rule: "a plain number is a fraction unless one in its column is above 1", beside: written)
                    continue
                }
                warnOfWholeOne(column, place: row.place(column))
            } else if n.form == .plain, !plainArePercents, unlikely(n) != nil, let written = plainPercentBeside() {
                // So is a fraction too large to be likely, as on the Settings sheet (`Band` 0.5
                // beside `Target` 60 and 38: read as ±50%, nothing was traded, in silence;
                // explore-EI).
                askWhetherPlainIsAPercent(column, shown(row[column]), n, rate, at: row.place(column),
                                          rule: "a plain number is a fraction unless one in its column is above 1", beside: written)
                continue
            } else if n.form == .plain, !plainArePercents,
                      let key = ["Cash Target": SettingKey.cashTarget, "Short-Term Rate": .shortTermRate,
                                 "Long-Term Rate": .longTermRate][column],
                      let effect = PortfolioBuilder.unlikelyFraction(key, rate) {
                warnOfUnlikelyFraction(column, n, rate, effect: effect, place: row.place(column))
            } else if column == "Cash Target", PortfolioBuilder.unlikelyFraction(.cashTarget, rate) != nil {
                warnOfLargeCashTarget(column, rate, of: "the account", at: row.place(column))
            }
            result[row.number] = rate
        }
        let letter = table.columns[column].map { CellReference.columnName($0) } ?? "?"
        var how: [String] = []
        let fractions = read.count - plain.count
        if fractions > 0 { how.append("\(fractions) percent cell\(fractions == 1 ? "" : "s") or % text read as their fraction") }
        if let example = plain.first(where: { !plainArePercents || $0.number.doubleValue >= 1 }) ?? (plainArePercents ? plain.first : nil) {
            let typed = shown(example.row[column])
            let meaning = rate(from: example.number, plainArePercents: plainArePercents)?.percentText ?? typed
            let count = "\(plain.count) plain number\(plain.count == 1 ? "" : "s")"
            how.append(byHeader != nil && aboveOne == nil
                ? "\(count) read as percents, since the header says percent (\(typed) means \(meaning))"
                : plainArePercents
                ? "\(count) read as percents, since one is above 1 (\(typed) means \(meaning))"
                : "\(count) read as fractions, since none is above 1 (\(typed) means \(meaning))")
        }
        if !how.isEmpty, let index = view.sheets.firstIndex(where: { $0.contractSheet == sheet.rawValue }) {
            view.sheets[index].percentReadings.append("\(column) (\(table.sheetName)!\(letter)): \(how.joined(separator: "; "))")
        }
        return result
    }
}

extension Unicode.Scalar {
    /// A line feed, carriage return, vertical tab, form feed, next line, or line or paragraph
    /// separator: what starts a new line where text is shown.
    public var isLineBreak: Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
