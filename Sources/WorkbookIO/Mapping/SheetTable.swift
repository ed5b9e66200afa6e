import RebalanceEngine

/// One contract sheet read from the workbook: the header found, the columns matched, and
/// the data rows below it (footer, total and blank rows already set aside).
struct SheetTable {
    /// One data row: its number and its cells by contract column name.
    /// Where each contract column sits in a sheet, shared by all of its rows.
    final class RowLayout {
        /// Contract column names, in a fixed order.
        let names: [String]
        /// Sheet column (1-based) of each name.
        let sheetColumns: [Int]
        let sheetName: String

        /// Sheet column (1-based) → position in `names`, -1 for a column not read.
        let positionOfSheetColumn: [Int]

        init(columns: [String: Int], sheetName: String) {
            names = columns.keys.sorted()
            sheetColumns = names.map { columns[$0]! }
            var positions = [Int](repeating: -1, count: (sheetColumns.max() ?? 0) + 1)
            for (position, column) in sheetColumns.enumerated() { positions[column] = position }
            positionOfSheetColumn = positions
            self.sheetName = sheetName
        }

        /// The position of a contract column name in `names` (and in a row's `values`).
        /// Names are few and short, so comparing
        /// them in turn is quicker than hashing.
        func position(of name: String) -> Int? {
            names.firstIndex(of: name)
        }

        /// A sheet row's values under the known columns, in `names` order, in one pass.
        func values(of row: Row) -> [CellValue?] {
            var values = [CellValue?](repeating: nil, count: names.count)
            for cell in row.cells where cell.column < positionOfSheetColumn.count {
                let position = positionOfSheetColumn[cell.column]
                if position >= 0, values[position] == nil { values[position] = cell.value }
            }
            return values
        }
    }

    struct DataRow {
        var number: Int
        /// The cells under the known columns, in the layout's order; `nil` where empty.
        var values: [CellValue?]
        let layout: RowLayout
        /// On Transactions, the row's other cells (a description, a time, an execution's ID),
        /// which tell apart two trades alike in every column read.
        var otherCells: [CellValue] = []

        subscript(_ column: String) -> CellValue? {
            guard let index = layout.position(of: column) else { return nil }
            return values[index]
        }

        var sheetName: String { layout.sheetName }

        /// `Lots!D17` for a column, or `Lots!row 17` for a column the sheet does not have.
        func place(_ column: String) -> String {
            if let index = layout.position(of: column) {
                return "\(sheetName)!\(CellReference.name(column: layout.sheetColumns[index], row: number))"
            }
            return "\(sheetName)!row \(number)"
        }

        var rowPlace: String { "\(sheetName)!row \(number)" }
    }

    var sheet: ContractSheet
    var sheetName: String
    var headerRow: Int
    /// Contract column name → sheet column (1-based).
    var columns: [String: Int]
    /// Header text → contract column, in sheet order, for the contract view.
    var matches: [(header: String, column: String, cell: String)]
    var unknownHeaders: [(header: String, cell: String)]
    var rows: [DataRow]
    /// Rows set aside, with why (for the contract view and info lines).
    var skipped: [(row: Int, reason: String)]
    /// The sheet's blocks, in order, when it is laid out as a custodian's export of several
    /// accounts: the header repeated above each account's rows, under a title row that
    /// names the account. Empty for a sheet of one block, unless it has no Account column
    /// and a title row above its header (see `Block`).
    var blocks: [Block] = []
    /// The account whose lots the whole sheet holds, when the book keeps each account's
    /// lots on a sheet of its own (see `readAccountLotSheets`).
    var account: String?
    /// A lot export in blocks per security: no Symbol column, and each block's title names
    /// the symbol of its rows (see `PortfolioBuilder.blockSymbol`).
    var symbolsFromTitles = false
    /// A Settings sheet without its header: where its keys and values were found instead
    /// (`rows` is then empty).
    var settingsLayout: SettingsLayout?
    /// Keys and values on a Settings sheet outside its Setting and Value table, read as
    /// settings beside the table's (`SettingsLayout.pairsOutside`).
    var settingsOutside: [SettingsLayout.Entry] = []
    /// The formulas of today's date (`=TODAY()`), by their cells' places (`Settings!B2`).
    var todayCells: [String: String] = [:]
    /// The number cells whose format writes a scale word beside a number it does not scale
    /// (`"$"#,##0"K"`), with that format, by their places (`Settings!B5`).
    var scaleWordCells: [String: String] = [:]

    /// `todayCells` of a sheet read as `summary` says.
    static func todayCells(of summary: SheetRowsSummary, in sheetName: String) -> [String: String] {
        Dictionary(summary.todayFormulas.map { ("\(sheetName)!\($0.cell)", $0.formula) }) { first, _ in first }
    }
    /// `scaleWordCells` of a sheet read as `summary` says.
    static func scaleWordCells(of summary: SheetRowsSummary, in sheetName: String) -> [String: String] {
        Dictionary(summary.scaleWordCells.map { ("\(sheetName)!\($0.cell)", $0.format) }) { first, _ in first }
    }
    /// Rows below the header holding one text alone, in a column the sheet does not read,
    /// on a Lots or Transactions sheet without an Account column: each may name the account
    /// of the rows below it (Black Diamond prints it under Security), see `readGroupTitles`.
    var unreadColumnTitles: [(row: Int, title: Title)] = []
    /// Accounts rows an unread column marks as left out of trading (`Status` Closed, `Active`
    /// No, `Do Not Trade` Yes): each row's number, the cell, the column's header and the mark.
    var exclusionMarks: [(row: Int, place: String, header: String, mark: String)] = []
    /// Securities and Model columns the tool does not read that may restrict a security or
    /// phase it out (`Do Not Sell`, `Hold`, `Trading Status`), judged by their cells.
    var securityMarkColumns: [SecurityMarkColumn] = []
    /// The sheet's first date cell formatted day first (`dd/mm/yyyy`), and that format.
    var dayFirstDate: (place: String, format: String)?
    /// The date a title above the header gives the table (`Lot Details … as of 11/16/2026`),
    /// with the title's place: the last date its words hold. Without one, the date a footer
    /// or note of a lot export dates it by (`Date downloaded: 11/16/2026 3:42 PM ET`), with
    /// `inFooter` set.
    var titleDate: (date: CivilDate, place: String, inFooter: Bool)?
    /// The text of the first title above the header, with its place.
    var title: (text: String, place: String)?
    /// A Prices title above the header that says when its prices were taken (`Prices as of
    /// February 30, 2026`) but gives no date the reading can make out.
    var undatedPricesTitle: (text: String, place: String)?
    /// Headers of other contract sheets' tables met outside this one (`Symbol | Restriction`
    /// in a box beside the Model, `Setting | Value` beside or under the accounts), refused
    /// where the book has no sheet of their kind (`PortfolioBuilder.refuseTablesOfMissingSheets`).
    var otherTables: [OtherTable] = []
    /// Cells outside the table's columns reading as a restriction (`No Sell`), under a header
    /// `otherTables` does not know (`Security | Status`): each with its text and the texts that
    /// read as tickers on its left in its box (`ACME | Acme Corp | No Sell`), the first few.
    var looseRestrictions: [LooseRestriction] = []
    typealias LooseRestriction = (cell: String, text: String, tickers: [String])

    /// The header of another contract sheet's table kept on this sheet, outside its table.
    struct OtherTable {
        /// The contract sheet whose header it is.
        let sheet: ContractSheet
        /// The header's first cell (`H3`) and row.
        let cell: String
        let row: Int
        /// The header's texts, and the columns of `sheet` they name.
        let texts: [String]
        let names: [String]
        /// Whether it stands under the table's own columns (stacked below it), its rows read
        /// as the table's; otherwise it is beside the table, or in its header row.
        let below: Bool
    }

    /// A Model sheet laid out wide: a column of targets for each model, headed by the model's
    /// name as the Accounts sheet's Model column writes it, in place of Model and Target
    /// columns. Each model's name, and the key of its column in `columns` and the rows.
    var modelColumns: [(model: String, column: String)] = []

    /// One model's view of a wide Model sheet: its column of targets as the Target column,
    /// the other models' left out; the rows, numbers and places as they are.
    /// A model's own column of bands (`Growth Band`), when the sheet has one, is its Band.
    func targets(of model: (model: String, column: String)) -> SheetTable {
        var view = self
        view.columns = columns.filter {
            !$0.key.hasPrefix(SheetTable.modelColumnPrefix) && !$0.key.hasPrefix(SheetTable.modelBandPrefix)
        }
        view.columns["Target"] = columns[model.column]
        let bandKey = SheetTable.modelBandKey(model.model)
        let ownBand = columns[bandKey] != nil
        if ownBand { view.columns["Band"] = columns[bandKey] }
        view.modelColumns = []
        let layout = RowLayout(columns: view.columns, sheetName: sheetName)
        view.rows = rows.map { row in
            DataRow(number: row.number, values: layout.names.map {
                row[$0 == "Target" ? model.column : $0 == "Band" && ownBand ? bandKey : $0]
            }, layout: layout)
        }
        return view
    }

    /// What begins the key of a wide Model sheet's column of one model's bands.
    static let modelBandPrefix = "\u{1}Band of "

    /// The key under which a wide Model sheet's column of `model`'s bands is read.
    static func modelBandKey(_ model: String) -> String { modelBandPrefix + model }

    /// The model among `modelNames` whose bands a wide Model sheet's header heads (`Growth
    /// Band`, `Band: Growth`, `Growth Tolerance`); nil when it names no band or no one model.
    static func model(bandHeadedBy header: String, among modelNames: [String]) -> String? {
        var name = header.lowercased().filter { !$0.isWhitespace && !"()[]".contains($0) }
        var found = false
        for word in ["bands", "band", "tolerance", "tol"] {
            if name.hasSuffix(word) { name.removeLast(word.count); found = true; break }
            if name.hasPrefix(word) { name.removeFirst(word.count); found = true; break }
        }
        guard found, !name.isEmpty else { return nil }
        return model(headedBy: name, among: modelNames)
    }

    /// The key under which a wide Model sheet's column of `model`'s targets is read.
    static func modelColumnKey(_ model: String) -> String { modelColumnPrefix + model }

    /// The key of a second Account column kept beside the one read (`Account Number` beside
    /// `Account`), no contract column's name.
    static let secondAccount = "Account (second column)"

    /// What one header row names, as `read` matches it: each contract column's sheet column,
    /// the texts matched (text, name, cell), the texts not, the second columns of a name,
    /// account name columns beside the ID, quantities beside the shares held, a wide Model
    /// sheet's model columns, and the required columns still missing.
    struct HeaderMatch {
        var columns: [String: Int]
        var matches: [(String, String, String)]
        var unknown: [(String, String)]
        var seconds: [(String, String, String)]
        var nameColumns: [(String, String)]
        var setAside: [(String, String, String, String)]
        var wide: [(text: String, model: String, place: String)]
        var missing: [[String]]
    }

    /// The cells of a header written over two rows, with their rows: the lower row's, and the
    /// upper row's words over the columns the lower row leaves blank (a name merged down over
    /// both rows is kept in the upper cell). Upper words over a named column (`Cost` over
    /// `Per Share | Total`) head a group, not a column, and are left out.
    static func headerCells(_ upper: Row, over lower: Row) -> [(cell: Cell, row: Int)] {
        var named = Set<Int>()
        for cell in lower.cells {
            if case .string(let text) = cell.value, text.trimmingWhitespace().isEmpty { continue }
            named.insert(cell.column)
        }
        var cells = lower.cells.map { (cell: $0, row: lower.number) }
        for cell in upper.cells where !named.contains(cell.column) {
            guard case .string(let text) = cell.value, !text.trimmingWhitespace().isEmpty else { continue }
            cells.append((cell, upper.number))
        }
        return cells.sorted { $0.cell.column < $1.cell.column }
    }

    /// What begins the key of a wide Model sheet's column of targets: no header text does.
    static let modelColumnPrefix = "\u{1}Target of "

    func has(_ column: String) -> Bool { columns[column] != nil }

    /// The rows under one header, the first or a repeat of it, and the title row above it.
    struct Block {
        /// The sheet row of the block's header.
        let headerRow: Int
        /// The title above the header (blank rows apart), if there is one.
        let title: Title?
        /// Whether the header above this block, or another, repeats the first.
        let isOneOfSeveral: Bool
        /// A title row among the data, the header not repeated below it (a report grouped by
        /// account; see `PortfolioBuilder.readGroupTitles`): `headerRow` is the title's row.
        var isGroupTitle = false
    }

    /// A row of one or two cells of text above a header: `Individual ...123`, or
    /// `Account:` beside `1234-5678`.
    struct Title: Equatable {
        /// The cells' texts, trimmed, joined by a space.
        let text: String
        /// Where the title starts: `Lots!A14`.
        let place: String

        init(text: String, place: String) {
            self.text = text
            self.place = place
        }

        /// The lines of a title of several rows, read together: their words, from the first's place.
        init(lines: some Collection<Title>) {
            text = lines.map(\.text).joined(separator: " ")
            place = lines.first?.place ?? ""
        }

        /// The longest title, in UTF-8 bytes: far past an account's name and number.
        static let maxBytes = 200
        /// The most lines of a title read together.
        static let maxLines = 4
    }

    /// A block's key among the whole book's: its sheet and header row (`Lots!14`).
    func key(of block: Block) -> String { "\(sheetName)!\(block.headerRow)" }

    /// The block `row` (a sheet row below the first header) is in, if the sheet has blocks.
    func block(of row: Int) -> Block? {
        guard let first = blocks.first, row > first.headerRow else { return nil }
        // The last block whose header is above the row, found by halving: a sheet may
        // have a block for every few rows.
        var low = 0, high = blocks.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if blocks[middle].headerRow < row { low = middle } else { high = middle - 1 }
        }
        return blocks[low]
    }

    /// Whether a sheet's rows each belong to an account, which a block's title may name
    /// (see `Block`): any other sheet laid out in blocks is refused at the header's repeat.
    static func rowsNameAccounts(_ sheet: ContractSheet) -> Bool {
        sheet == .lots || sheet == .transactions || sheet == .manualTrades
    }

    /// `row` as a block title: one or two cells, each of text, in the sheet `sheetName`.
    static func title(of row: Row, sheetName: String) -> Title? {
        // A data row holds a number or a date: it is passed over before any text is trimmed.
        for cell in row.cells {
            guard case .string = cell.value else { return nil }
        }
        var texts: [String] = []
        var firstColumn = 0
        for cell in row.cells {
            guard case .string(let raw) = cell.value else { continue }
            let text = raw.trimmingWhitespace()
            if text.isEmpty { continue }
            guard texts.count < 2 else { return nil }
            if texts.isEmpty { firstColumn = cell.column }
            texts.append(text)
        }
        // A cell of a paragraph is a note, not a title naming an account.
        guard !texts.isEmpty, texts.reduce(0, { $0 + $1.utf8.count }) <= Title.maxBytes else { return nil }
        let place = "\(sheetName)!\(CellReference.name(column: firstColumn, row: row.number))"
        return Title(text: texts.joined(separator: " "), place: place)
    }

    /// A row above the Prices sheet's header as the title that may date its prices: its text
    /// cells, of any length (a long title's date is at its start; explore-BT: one of 237
    /// characters, past a block title's 200 bytes, dated nothing).
    static func pricesTitle(of row: Row, sheetName: String) -> Title? {
        var texts: [String] = []
        var firstColumn = 0
        for cell in row.cells {
            guard case .string(let raw) = cell.value else { return nil }
            let text = raw.trimmingWhitespace()
            if text.isEmpty { continue }
            if texts.isEmpty { firstColumn = cell.column }
            texts.append(text)
            if texts.count == 4 { break }
        }
        guard !texts.isEmpty else { return nil }
        return Title(text: texts.joined(separator: " "), place: "\(sheetName)!\(CellReference.name(column: firstColumn, row: row.number))")
    }

    /// The one model among `modelNames` a wide Model sheet's header, or a sheet's name, names:
    /// written alike (as any model name is matched), else with a word of its own around it or
    /// other spacing: `Growth 70/30 %`, `Growth 70/30 (%)`, `Growth 70 / 30 Target`, `Target:
    /// Growth 70/30`, `Growth 70/30 Model` for the model `Growth 70/30`, compared without
    /// spaces. Nil when none or several match.
    static func model(headedBy header: String, among modelNames: [String]) -> String? {
        if let alike = modelNames.first(where: { PortfolioBuilder.alike($0) == PortfolioBuilder.alike(header) }) { return alike }
        // Spaces and brackets aside: `Growth (80/20)` heads the model `Growth 80/20`.
        let squeezed = { (text: String) in String(text.lowercased().filter { !$0.isWhitespace && !"()[]".contains($0) }) }
        var name = squeezed(header)
        var changed = true
        while changed {
            changed = false
            for word in modelHeaderWords where name.count > word.count {
                if name.hasSuffix(word) { name.removeLast(word.count); changed = true }
                if name.hasPrefix(word) { name.removeFirst(word.count); changed = true }
            }
            for mark in [":", "-", "–", "—"] {
                if name.hasSuffix(mark) { name.removeLast(); changed = true }
                if name.hasPrefix(mark) { name.removeFirst(); changed = true }
            }
        }
        let matches = modelNames.filter { squeezed($0) == name }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The words a header or sheet name puts around a model's name (`model(headedBy:among:)`),
    /// longest first: `targets` is not `target` and an `s`.
    static let modelHeaderWords = ["(%)", "%", "(target)", "target", "targets", "weight", "weights", "(weight)", "wt", "wt.", "tgt",
                                   "allocation", "alloc", "model", "models", "(model)"].sorted { $0.count > $1.count }

    /// Finds the header row (the first holding at least two known names, the required ones
    /// among them) and reads the rows below it.
    ///
    /// `modelNames` are the models the Accounts sheet names: on the Model sheet, a header
    /// with Symbol but no Model or Target column may head a column of targets with each.
    ///
    /// A sheet that writes its rows out of order is read again by row number, with a note.
    static func read(_ sheet: ContractSheet, info: SheetInfo, from workbook: Workbook, modelNames: [String] = [],
                     log: inout DiagnosticLog) throws -> SheetTable? {
        let before = log
        var order = Workbook.SheetRowOrder.checked
        while true {
            let start = log
            do {
                var sideFound: SideByWords?
                let table = try read(sheet, info: info, from: workbook, modelNames: modelNames, order: order, log: &log,
                                     sideFound: &sideFound)
                guard table == nil, let side = sideFound else { return table }
                // A Transactions header lacking Side beside a column whose words below are buys
                // and sells (Merrill's `Description 1`: Purchase, Sale, Dividend): that column is
                // the Side, read with a warning; the other words' rows are skipped as no trade, as
                // under Side.
                log = start
                log.warning("\(info.name)!\(side.place)", "\"\(side.text.excerpt)\" is read as the Side: the header has no "
                    + "Side column, and the words below this one are buys and sells ("
                    + side.words.prefix(3).map { "\"\($0.excerpt)\"" }.joined(separator: ", ") + "). Rename it Side to keep "
                    + "this warning away.")
                return try read(sheet, info: info, from: workbook, modelNames: modelNames, order: order, log: &log,
                                sideFound: &sideFound, sideAdopted: side)
            } catch let error as WorkbookError where error.kind == .rowsOutOfOrder && order == .checked {
                log = before
                log.info(info.name, "The sheet's rows are not written top to bottom (\(error.location): "
                    + "\(error.message.lowercased().dropLast())), as some programs write them: they are read by their row "
                    + "numbers, as a spreadsheet shows them.")
                order = .sorted
            }
        }
    }

    /// A column of a header lacking Side whose words below are buys and sells: its header's
    /// row, its cell, its text and the distinct words seen below it (trade words first).
    struct SideByWords {
        let row: Int
        let column: Int
        let place: String
        let text: String
        let words: [String]
    }

    private static func read(_ sheet: ContractSheet, info: SheetInfo, from workbook: Workbook, modelNames: [String],
                             order: Workbook.SheetRowOrder, log: inout DiagnosticLog,
                             sideFound: inout SideByWords?, sideAdopted: SideByWords? = nil) throws -> SheetTable? {
        let specs = sheet.columns
        let lookup = sheet.headerLookup
        func column(for header: String) -> String? { sheet.column(forHeader: header, lookup: lookup) }

        var header: (row: Int, columns: [String: Int], matches: [(String, String, String)], unknown: [(String, String)],
                     modelColumns: [(model: String, column: String)], symbolsFromTitles: Bool)?
        var bestCandidate: (row: Int, found: Set<String>, unknown: [(String, String)])?
        /// The header's second columns of a name it has (text, name, cell), left unread.
        var secondColumns: [(String, String, String)] = []
        /// An account's name column beside its ID or number column (text, cell): the ID is read.
        var accountNameColumns: [(String, String)] = []
        /// A quantity column beside one naming the shares held (its text and cell, the held
        /// one's text and cell): the held one is read.
        var quantitiesBesideHeld: [(String, String, String, String)] = []
        /// Each second column's sheet column and the read column of its name, and, by the
        /// second's sheet column, the first row where the two hold different figures or words
        /// (`SheetTable.differ`).
        var secondPairs: [(second: Int, first: Int, name: String)] = []
        var firstDisagreement: [Int: (row: Int, first: String, second: String)] = [:]
        var rows: [DataRow] = []
        var layout: RowLayout?
        /// The header's text above each of the layout's columns, to tell a repeat of it.
        var headerTexts: [String] = []
        /// The same, as `PortfolioBuilder.alike` makes names (made once, not at every row).
        var headerAlike: [String] = []
        /// The last column of the header (its known and unknown names), and the row where its
        /// names were met again right of it, a second table beside the first, if they were.
        var tableEnd = 0
        var besideTableRow: Int?
        /// The header's columns, and the cells of data rows under no header within the table or
        /// just right of it, by column: how many, and the first's row and text.
        var headerColumns = Set<Int>()
        var unheaded: [Int: (count: Int, row: Int, text: String)] = [:]
        /// The unknown Accounts columns, by column number, each with whether a cell below holds
        /// words, not an amount (`Yes`, `Reinvest`): such a column moves no money.
        var holdsWordsByColumn: [Int: Bool] = [:]
        /// The same columns, and a second Cash column, that hold something other than a blank or
        /// a 0 below: one that does not can change nothing (an `RMD` column of zeros).
        var holdsSomething = Set<Int>()
        /// The unknown Accounts columns that may mark an account left out, by column number,
        /// with their header and what their cells say (`exclusionKind`).
        var exclusionColumns: [Int: (header: String, kind: ExclusionKind)] = [:]
        /// A Lots sheet's other unread columns (`Notes`), by column, with their headers.
        var lotNoteColumns: [Int: String] = [:]
        var exclusionMarks: [(row: Int, place: String, header: String, mark: String)] = []
        /// On the Securities and Model sheets, the cells of the columns the header does not
        /// read, by column number: a security's mark may be among them (`securityMarkKind`).
        /// On Settings, a value meant to win over the Value column's may be (`Override`).
        var unreadCells: [Int: [(row: Int, value: CellValue)]] = [:]
        var securityMarkColumns: [SecurityMarkColumn] = []
        var skipped: [(Int, String)] = []
        /// The latest run of rows set aside alike (formulas filled down past the data, words for
        /// empty, nothing under a known column): its entry in `skipped`, its first and last
        /// rows, and why.
        var skipRun: (index: Int, first: Int, last: Int, why: String)?
        /// Sets `row` aside for `why`, one line for a run of rows set aside alike, its text
        /// given the run's last row when it is more than one: a column of `--` filled down to the
        /// sheet's last row had made a million Info lines (explore-CZ).
        func skipInRun(_ row: Int, _ why: String, _ text: (_ through: Int?) -> String) {
            if let run = skipRun, run.last == row - 1, run.index == skipped.count - 1, run.why == why {
                skipped[run.index] = (run.first, text(row))
                skipRun = (run.index, run.first, row, why)
            } else {
                skipRun = (skipped.count, row, row, why)
                skipped.append((row, text(nil)))
            }
        }
        var lastRow = 0
        var rowsBeforeHeader = 0
        var unreadColumnTitles: [(row: Int, title: Title)] = []
        /// The first rows below the best header candidate, when no header is found: what an
        /// unknown column holds tells what it may be (`Description 1` holding Purchase, Sale).
        var rowsBelowBest: [Row] = []
        // A Model sheet of models stacked one under another, each under a title naming it,
        // is read in blocks too when the Accounts sheet names models.
        let readsBlocks = rowsNameAccounts(sheet) || (sheet == .model && !modelNames.isEmpty)
        /// The last title row above the header, and the repeats of the header found since.
        var firstTitle: Title?
        var undatedPricesTitle: Title?
        var repeats: [Block] = []
        /// The last row read below the header, when it may title a block: whether it was
        /// kept as a data row (the last one) or set aside.
        var pendingTitle: (title: Title, row: Int, kept: Bool)?
        /// The title rows just before the latest, when they come one after another: a title of
        /// several lines, each kept or set aside as it came.
        var earlierTitleLines: [(title: Title, row: Int, kept: Bool)] = []
        /// The title rows above the first header, one after another, and the last one's row.
        var firstTitleLines: [Title] = []
        var firstTitleRow = 0
        /// The row where a second table's header was met, if one was (see `partlyRepeatsHeader`).
        var secondTableRow: Int?
        /// Other contract sheets' headers met outside the table (`otherTableHeaders`), each
        /// waiting for a row below it (its key column) before it is taken as one.
        var otherTables: [OtherTable] = []
        var looseRestrictions: [LooseRestriction] = []
        var pendingOthers: [(header: OtherTable, keyColumn: Int)] = []
        /// Takes `found`, each once the row below names something under its key column (a
        /// header with no rows restricts nothing; explore-DP), a Settings header only once that
        /// is a setting: `Name | Value` also heads a box of figures.
        func noteOtherTables(_ found: [(header: OtherTable, keyColumn: Int)]) {
            pendingOthers.append(contentsOf: found)
        }
        /// Each required column (or pair) by its positions in the layout's values.
        var requiredPositions: [[Int]] = []
        /// A Settings sheet's first rows, read again for keys and values if no header is found.
        var settingsRows: [Row] = []
        /// The first row above the header holding a setting's key and a value (cell, key).
        var settingAbove: (row: Int, cell: String, key: String)?
        /// The row read just before, while the header is sought (a header may span two rows).
        var rowAbove: Row?
        /// A note above the header saying the figures are in thousands (`($ in thousands)`).
        var thousandsNote: (place: String, text: String)?
        /// The first cell of each of the first rows while no header is found, when it holds
        /// words: a table laid out across (its names down column A, a record in each column
        /// beside them) names its columns here.
        var namesDown: [(cell: Cell, row: Int)] = []

        /// The first date a lot export's footer or note gives its lots (see `titleDate`).
        var footerDate: (date: CivilDate, place: String)?
        /// Keeps the date `row` dates the lots by, when it is a lot export's footer or note
        /// saying when it was taken (`Date downloaded`, `Data as of`, `Generated on`).
        func noteFooterDate(_ row: Row) {
            guard sheet == .lots, footerDate == nil,
                  let date = SheetTable.datingNoteDate(row.cells.compactMap {
                      if case .string(let text) = $0.value { return text } else { return nil } }) else { return }
            footerDate = (date, "\(info.name)!row \(row.number)")
        }
        /// Sets `row` aside as a footer or total row for `reason`, with a note; a download's
        /// cash line among the lots is the account's cash, said in a warning as a CASH lot is.
        func setAsideFooter(_ row: Row, _ reason: String) {
            noteFooterDate(row)
            if sheet == .lots, let label = SheetTable.cashLineLabel(row) {
                log.warning("\(info.name)!row \(row.number)", "\"\(label.excerpt)\" is the account's cash, not a lot, so this row "
                    + "is left out. The account's cash is its Cash on the Accounts sheet (none without one): put the "
                    + "balance there if it is not.")
            } else {
                skipped.append((row.number, reason))
            }
        }
        /// What a header row names, `cells` being its cells with their rows (a header over two
        /// rows gives the upper row's names where the lower leaves its cells blank).
        func matchHeader(_ cells: [(cell: Cell, row: Int)]) -> HeaderMatch {
            var columns: [String: Int] = [:]
            var matches: [(String, String, String)] = []
            var unknown: [(String, String)] = []
            /// Headers naming a column the row already has (`Adjusted Cost Basis` after `Cost Basis`).
            var seconds: [(String, String, String)] = []
            var nameColumns: [(String, String)] = []
            var setAside: [(String, String, String, String)] = []
            for (cell, rowNumber) in cells {
                guard case .string(let text) = cell.value else {
                    if case .value(let t) = CellReader.text(cell.value) {
                        unknown.append((t, CellReference.name(column: cell.column, row: rowNumber)))
                    }
                    continue
                }
                let place = CellReference.name(column: cell.column, row: rowNumber)
                let adopted = sideAdopted.flatMap { $0.row == rowNumber && $0.column == cell.column ? "Side" : nil }
                if let name = adopted ?? column(for: text) {
                    if columns[name] == nil {
                        columns[name] = cell.column
                        matches.append((text.trimmingWhitespace(), name, place))
                    } else if name == "Quantity" || name == "Withdrawal", let earlier = matches.firstIndex(where: { $0.1 == name }),
                              SheetTable.namesWhatIsHeld(matches[earlier].0) != SheetTable.namesWhatIsHeld(text),
                              // The contract's own Withdrawal beside one still due: the two are
                              // compared as second columns (explore-AW).
                              name == "Quantity" || !(SheetTable.isCanonical(text, of: name)
                                  || SheetTable.isCanonical(matches[earlier].0, of: name)) {
                        // The shares still held (`Remaining Quantity`, `Open Qty`) beside another
                        // quantity (what was bought, in an export of lots part sold): the held one
                        // is read, whichever comes first. As a second Quantity column, the first was
                        // read, and a lot part sold was planned on all it ever held.
                        if SheetTable.namesWhatIsHeld(text) {
                            setAside.append((matches[earlier].0, matches[earlier].2, text.trimmingWhitespace(), place))
                            matches[earlier] = (text.trimmingWhitespace(), name, place)
                            columns[name] = cell.column
                        } else {
                            setAside.append((text.trimmingWhitespace(), place, matches[earlier].0, matches[earlier].2))
                        }
                    } else if let earlier = matches.firstIndex(where: { $0.1 == name }),
                              (SheetTable.isCanonical(text, of: name) && !SheetTable.isCanonical(matches[earlier].0, of: name))
                                  || (SheetTable.namesPlainly(text, name) && !SheetTable.namesPlainly(matches[earlier].0, name)) {
                        // The column named as the contract names it wins over one of its other
                        // names (`Target` over `Weight` beside it, `Price` over `Close`).
                        seconds.append(matches[earlier])
                        matches[earlier] = (text.trimmingWhitespace(), name, place)
                        columns[name] = cell.column
                    } else if name == "Type", let earlier = matches.firstIndex(where: { $0.1 == name }),
                              HeaderName.normalize(matches[earlier].0).key == "taxstatus", HeaderName.normalize(text).key != "taxstatus" {
                        // A registration beside a tax status is read, whichever comes first: the
                        // status (`Tax-Deferred`) names no one type (explore-BV: refused).
                        seconds.append(matches[earlier])
                        matches[earlier] = (text.trimmingWhitespace(), name, place)
                        columns[name] = cell.column
                    } else if name == "Account", let earlier = matches.firstIndex(where: { $0.1 == name }),
                              SheetTable.namesAccountByName(matches[earlier].0) != SheetTable.namesAccountByName(text) {
                        // An account's name beside its number (`Account Name | Account Number`, as
                        // a custodian exports them): the number is read, whichever comes first. A
                        // name may be shared (two accounts called `Individual`); read as a second
                        // Account column, the two disagreed on every row and the sheet was refused.
                        if SheetTable.namesAccountByName(text) {
                            nameColumns.append((text.trimmingWhitespace(), place))
                        } else {
                            nameColumns.append((matches[earlier].0, matches[earlier].2))
                            matches[earlier] = (text.trimmingWhitespace(), name, place)
                            columns[name] = cell.column
                        }
                    } else {
                        seconds.append((text.trimmingWhitespace(), name, place))
                    }
                } else if !text.trimmingWhitespace().isEmpty {
                    unknown.append((text.trimmingWhitespace(), place))
                }
            }
            // A newer version of a column the row has (`New Target`, `Revised Withdrawal`, `Price
            // 11/20`, `Target (Dec 2026)`) is a second column of it, compared with it as one:
            // left unread, the old targets, last week's prices or yesterday's cash were planned
            // with an Info line (explore-BL).
            // So is the current figure of one, but a weight's (`Current Qty`, `Current Cash`
            // beside Quantity and Cash: ignored, the plan sold shares and spent cash the columns
            // said were gone, explore-BP; `Current Weight` beside Target is the drift's start).
            // (Asked only of a row that names some column: a row of notes above the header asked
            // it of every cell, and a million such rows took 89 s to read; explore-BT.)
            if !columns.isEmpty { unknown.removeAll { text, place in
                let current = SheetTable.withoutCurrentWords(text).flatMap { rest in
                    column(for: rest).flatMap { ContractSheet.percentColumns.contains($0) ? nil : $0 }
                }
                guard let name = current ?? SheetTable.withoutNewerWords(text).flatMap({ column(for: $0) }), columns[name] != nil
                else { return false }
                seconds.append((text, name, place))
                return true
            } }
            // A wide Model sheet: the texts naming the Accounts sheet's models head their targets.
            var wide: [(text: String, model: String, place: String)] = []
            if sheet == .model, columns["Symbol"] != nil, columns["Target"] == nil, columns["Model"] == nil {
                for (text, place) in unknown {
                    guard let model = SheetTable.model(headedBy: text, among: modelNames),
                          let column = CellReference.column(of: place) else { continue }
                    let key = SheetTable.modelColumnKey(model)
                    guard columns[key] == nil else { continue }
                    columns[key] = column
                    wide.append((text, model, place))
                }
                if !wide.isEmpty {
                    matches += wide.map { ($0.text, "Target of the model \($0.model)", $0.place) }
                    unknown.removeAll { entry in wide.contains { $0.place == entry.1 } }
                    // Each model's own bands beside its targets (`Growth Band`): read as a Band
                    // column would be, where a Band column heads them all. Left unread, every
                    // model took the Default Band, and a Growth band of 15% traded at 2% (explore-AY).
                    var bands: [(text: String, model: String, place: String)] = []
                    for (text, place) in unknown {
                        guard let model = SheetTable.model(bandHeadedBy: text, among: modelNames),
                              columns[SheetTable.modelColumnKey(model)] != nil,
                              let column = CellReference.column(of: place) else { continue }
                        let key = SheetTable.modelBandKey(model)
                        guard columns[key] == nil else { continue }
                        columns[key] = column
                        bands.append((text, model, place))
                    }
                    matches += bands.map { ($0.text, "Band of the model \($0.model)", $0.place) }
                    unknown.removeAll { entry in bands.contains { $0.place == entry.1 } }
                }
            }
            let names = Set(columns.keys)
            let missing = sheet.requiredColumns.filter { group in
                !group.contains { names.contains($0) } && !(!wide.isEmpty && group == ["Target"])
            }
            return HeaderMatch(columns: columns, matches: matches, unknown: unknown, seconds: seconds,
                               nameColumns: nameColumns, setAside: setAside, wide: wide, missing: missing)
        }
        let summary = try workbook.readRows(in: info, distrustingZeroResults: true, order: order) { row in
            guard let found = header else {
                rowsBeforeHeader += 1
                if let best = bestCandidate, row.number > best.row, rowsBelowBest.count < 8 { rowsBelowBest.append(row) }
                // A title of several lines (`Account Number: …`, `Account Name: …`, `As of: …`)
                // is their words together: the account may be named on any of them.
                if readsBlocks {
                    if let title = SheetTable.title(of: row, sheetName: info.name) {
                        // Lines of one title are rows one under another: a blank row parts a
                        // report's heading from an account's title.
                        if firstTitleRow != row.number - 1 { firstTitleLines = [] }
                        firstTitleLines.append(title)
                        firstTitleRow = row.number
                        firstTitle = Title(lines: firstTitleLines.suffix(Title.maxLines))
                    } else {
                        firstTitleLines = []
                    }
                } else if sheet == .prices, firstTitle == nil, let title = SheetTable.pricesTitle(of: row, sheetName: info.name),
                          let anyDay = CivilDate(year: 9999, month: 12, day: 31) {
                    if SheetTable.pricesDate(inTitle: Title(lines: [title]).text, asOf: anyDay) != nil {
                        // A Prices sheet's dated title dates prices that give no As Of (explore-BL).
                        firstTitle = Title(lines: [title])
                    } else if undatedPricesTitle == nil, SheetTable.saysWhenPricesWereTaken(title.text) {
                        undatedPricesTitle = title
                    }
                }
                if sheet == .settings, settingsRows.count < SettingsLayout.rowsKept { settingsRows.append(row) }
                if thousandsNote == nil, [.lots, .accounts, .transactions].contains(sheet) {
                    for cell in row.cells {
                        guard case .string(let text) = cell.value, text.count <= 80, SheetTable.isInThousands(text) else { continue }
                        thousandsNote = ("\(info.name)!\(CellReference.name(column: cell.column, row: row.number))", text)
                        break
                    }
                }
                if sheet != .settings, namesDown.count < SheetTable.namesDownKept, let first = row.cells.first,
                   case .string = first.value {
                    namesDown.append((first, row.number))
                }
                // A key and its value above another sheet's table (a Parameters block atop the
                // Accounts sheet): settings are read from the Settings sheet only.
                if sheet != .settings, settingAbove == nil, row.cells.count >= 2, case .string(let text) = row.cells[0].value,
                   let key = SettingKey.matching(text.trimmingCharacters(in: ":")) {
                    settingAbove = (row.number, CellReference.name(column: row.cells[0].column, row: row.number), key.rawValue)
                }
                var match = matchHeader(row.cells.map { ($0, row.number) })
                // A header over two rows, its first columns' names merged down (or written on the
                // upper row alone) and the rest named on the lower row: Excel shows each name over
                // its column, and the two rows together are the header when neither alone is. The
                // lower row alone was taken for a header lacking its Symbol column.
                var namesAbove = false
                if !match.missing.isEmpty, let above = rowAbove, above.number == row.number - 1 {
                    let combined = matchHeader(SheetTable.headerCells(above, over: row))
                    if combined.missing.isEmpty, combined.columns.count > match.columns.count {
                        match = combined
                        namesAbove = true
                    }
                }
                rowAbove = row
                let (columns, matches, unknown, wide, missing) = (match.columns, match.matches, match.unknown, match.wide, match.missing)
                let names = Set(columns.keys)
                // A lot export in blocks per security: every column but Symbol, each block's
                // title naming its symbol.
                let symbolsFromTitles = sheet == .lots && missing == [["Symbol"]]
                // A Securities header of Symbol beside columns the tool does not read (`Trading
                // Status`) is its header still, so those columns are said; it had been "no header
                // row found" (explore-CN).
                if names.count >= 2 || (names.count == 1 && specs.count == 1)
                    || (sheet == .securities && names == ["Symbol"] && !unknown.isEmpty) {
                    if missing.isEmpty || symbolsFromTitles {
                        secondColumns = match.seconds
                        accountNameColumns = match.nameColumns
                        quantitiesBesideHeld = match.setAside
                        // The header row is no line of the title above it, nor is the row above
                        // when it names columns too.
                        for headerRow in namesAbove ? [row.number, row.number - 1] : [row.number]
                        where firstTitleRow == headerRow && !firstTitleLines.isEmpty {
                            firstTitleLines.removeLast()
                            firstTitleRow -= 1
                            firstTitle = firstTitleLines.isEmpty ? nil : Title(lines: firstTitleLines.suffix(Title.maxLines))
                        }
                        // A second Account column is kept beside the one read: a row whose
                        // account the first does not name is read from it (a custodian's
                        // nickname beside its number, Fidelity's `Account | Account Number`).
                        var kept = columns, keptMatches = matches
                        if let second = match.seconds.first(where: { $0.1 == "Account" }),
                           let column = CellReference.column(of: second.2) {
                            kept[SheetTable.secondAccount] = column
                            keptMatches.append((second.0, SheetTable.secondAccount, second.2))
                        }
                        header = (row.number, kept, keptMatches, unknown,
                                  wide.map { (model: $0.model, column: SheetTable.modelColumnKey($0.model)) },
                                  symbolsFromTitles)
                        lastRow = row.number
                        // Another sheet's header among the names this one does not read, apart from its
                        // own (`Setting | Value`, a blank column, then the accounts'; explore-DN).
                        let read = Set((keptMatches.map(\.2) + match.seconds.map(\.2)).compactMap(CellReference.column(of:)))
                        noteOtherTables(SheetTable.otherTableHeaders(in: row, of: sheet, tableColumns: read, headerRow: true))
                    } else if bestCandidate == nil || names.count > bestCandidate!.found.count {
                        bestCandidate = (row.number, names, unknown)
                        rowsBelowBest = []
                    }
                }
                return
            }
            // Past a second table's header (below), nothing more is read as this table's.
            if secondTableRow != nil { return }
            if sheet == .settings, settingsRows.count < SettingsLayout.rowsKept { settingsRows.append(row) }
            if row.number > lastRow + 1 {
                let through = row.number - 1
                skipped.append((lastRow + 1, through == lastRow + 1 ? "blank" : "blank through row \(through)"))
            }
            lastRow = row.number
            if layout == nil {
                layout = RowLayout(columns: found.columns, sheetName: info.name)
                secondPairs = secondColumns.compactMap { _, name, place in
                    guard let second = CellReference.column(of: place), let first = found.columns[name] else { return nil }
                    return (second, first, name)
                }
                headerTexts = layout!.names.map { name in found.matches.first { $0.1 == name }?.0 ?? "" }
                headerAlike = headerTexts.map(PortfolioBuilder.alike)
                headerColumns = Set((found.matches.map(\.2) + found.unknown.map(\.1) + secondColumns.map(\.2))
                    .compactMap(CellReference.column(of:)))
                tableEnd = headerColumns.max() ?? 0
                requiredPositions = sheet.requiredColumns.map { group in group.compactMap { layout!.position(of: $0) } }
                    .filter { !$0.isEmpty }
                if sheet == .accounts {
                    for (text, place) in found.unknown {
                        guard let column = CellReference.column(of: place) else { continue }
                        holdsWordsByColumn[column] = false
                        if let kind = SheetTable.exclusionKind(text) { exclusionColumns[column] = (text, kind) }
                    }
                    for (_, name, place) in secondColumns where name == "Cash" {
                        if let column = CellReference.column(of: place) { holdsWordsByColumn[column] = false }
                    }
                } else if sheet == .securities || sheet == .model || sheet == .settings {
                    for (_, place) in found.unknown {
                        if let column = CellReference.column(of: place) { unreadCells[column] = [] }
                    }
                } else if sheet == .lots {
                    for (text, place) in found.unknown {
                        guard let column = CellReference.column(of: place) else { continue }
                        if let kind = SheetTable.lotRestrictionKind(text) {
                            exclusionColumns[column] = (text, kind)
                        } else {
                            lotNoteColumns[column] = text
                        }
                    }
                }
            }
            // A lot's note saying it restricts (`Do Not Sell` under `Notes`): judged as a lot's
            // Restriction column's mark is; passed over, the lot was sold (explore-DS).
            if !lotNoteColumns.isEmpty {
                for cell in row.cells {
                    guard let header = lotNoteColumns[cell.column], case .string(let text) = cell.value,
                          SheetTable.readsAsRestriction(text) else { continue }
                    exclusionMarks.append((row.number, "\(info.name)!\(CellReference.name(column: cell.column, row: row.number))",
                                           header, text.trimmingWhitespace()))
                }
            }
            if !exclusionColumns.isEmpty {
                for cell in row.cells {
                    guard let (header, kind) = exclusionColumns[cell.column],
                          let mark = SheetTable.exclusionMark(cell.value, kind: kind) else { continue }
                    exclusionMarks.append((row.number, "\(info.name)!\(CellReference.name(column: cell.column, row: row.number))",
                                           header, mark))
                }
            }
            if !unreadCells.isEmpty {
                for cell in row.cells where unreadCells[cell.column] != nil {
                    unreadCells[cell.column]!.append((row.number, cell.value))
                }
            }
            if !holdsWordsByColumn.isEmpty {
                for cell in row.cells where holdsWordsByColumn[cell.column] != nil && !holdsSomething.contains(cell.column) {
                    if !SheetTable.holdsNothing(cell.value) { holdsSomething.insert(cell.column) }
                }
                for cell in row.cells where holdsWordsByColumn[cell.column] == false {
                    switch cell.value {
                    case .bool: holdsWordsByColumn[cell.column] = true
                    case .string(let text):
                        let trimmed = text.trimmingWhitespace()
                        if !trimmed.isEmpty, !["-", "--", "n/a", "na"].contains(trimmed.lowercased()),
                           case .problem = CellReader.numberText(trimmed) {
                            holdsWordsByColumn[cell.column] = true
                        }
                    default: break
                    }
                }
            }
            for columns in secondPairs where firstDisagreement[columns.second] == nil {
                let first = row.cells.first { $0.column == columns.first }?.value
                let second = row.cells.first { $0.column == columns.second }?.value
                if columns.name == "Type" ? SheetTable.typesDiffer(first, second) : SheetTable.differ(first, second) {
                    func shown(_ value: CellValue?) -> String {
                        if case .value(let text) = CellReader.text(value) { return text.excerpt }
                        return ""
                    }
                    firstDisagreement[columns.second] = (row.number, shown(first), shown(second))
                }
            }
            let values = layout!.values(of: row)
            if SheetTable.repeatsHeader(values, headerTexts) {
                if readsBlocks {
                    // Another account's block: its title row, if the row above is one, was
                    // kept or set aside as it came; it is set aside as the title it is.
                    // Each line of a title of several, the last first, is set aside as the
                    // latest is; the block's title is their words together.
                    for line in (earlierTitleLines + (pendingTitle.map { [$0] } ?? [])).reversed() where line.kept {
                        if let last = rows.last, last.number == line.row { rows.removeLast() }
                    }
                    for line in earlierTitleLines {
                        if let place = skipped.lastIndex(where: { $0.0 == line.row }) { skipped.remove(at: place) }
                        skipped.append((line.row, "a line of the title of the block below"))
                    }
                    var title = pendingTitle
                    if let latest = title, !earlierTitleLines.isEmpty {
                        title?.title = Title(lines: (earlierTitleLines.map(\.title) + [latest.title]).suffix(Title.maxLines))
                    }
                    earlierTitleLines = []
                    if let title {
                        // Read as a security's title between its lots and the header's repeat.
                        if let last = repeats.last, last.headerRow == title.row { repeats.removeLast() }
                        // Its note, if it was set aside, is among the last two (a blank row's
                        // may follow it): looked for there, not through every block's notes.
                        var at = skipped.count
                        while at > 0, skipped.count - at < 2, skipped[at - 1].0 >= title.row { at -= 1 }
                        if at < skipped.count, skipped[at].0 == title.row { skipped.remove(at: at) }
                        skipped.insert((title.row, "the title of the block below"), at: at)
                    }
                    pendingTitle = nil
                    // With no title, the rows below read on as this table's: said once a sheet, as
                    // a closed-lot table pasted under the lots was planned as held (explore-BO).
                    if title == nil, !repeats.contains(where: { $0.title == nil && $0.isOneOfSeveral }) {
                        log.warning("\(info.name)!row \(row.number)", "This row repeats the header row (row \(found.row)) with no "
                            + "title above it: the rows below are read as more rows of this \(sheet.rawValue) table. If they are "
                            + "another table (closed lots, an older copy), move them to a sheet of their own.")
                    }
                    repeats.append(Block(headerRow: row.number, title: title?.title, isOneOfSeveral: true))
                    skipped.append((row.number, "a repeat of the header row (row \(found.row)), above another block"))
                    return
                }
                log.error("\(info.name)!row \(row.number)", sheet == .model
                    ? "This row repeats the header row (row \(found.row)), as models stacked one under another do, each "
                        + "under its title: the blocks are not read as one model. Put every row under one header, with "
                        + "each row's model in a Model column (or each model's targets in a column of its own)."
                    : "This row repeats the header row (row \(found.row)), as an export of several accounts does, each "
                        + "account's block under a title row: the blocks are not read as one sheet. Put every row under "
                        + "one header, with each row's account in an Account column.")
                return
            }
            // Some of the header's names again among other words (`Account | Symbol | Quantity |
            // Proceeds | Gain` below the lots): the header of a second table stacked below the
            // first. Its rows, read as this table's, gave an error a cell (the account
            // "Account", Quantity "Proceeds"); the table is refused once, at this row, and the
            // title kept just above it is no row of this table either.
            if SheetTable.partlyRepeatsHeader(values, headerAlike) {
                if let last = rows.last, last.number >= row.number - 2, last.values.compactMap({ $0 }).count == 1 {
                    rows.removeLast()
                }
                log.error("\(info.name)!row \(row.number)", "This row repeats some of the header's names (row \(found.row)) among "
                    + "others: a second table starts here, below the first. The tool reads one table a sheet, and this one's "
                    + "rows are not the \(sheet.rawValue) sheet's: move that table to a sheet of its own.")
                secondTableRow = row.number
                return
            }
            // The sheet's column names again outside the header's columns, or three of them in one
            // row: a second table beside the first, lower down (explore-CB: a trust's and an
            // IRA's lots under a title at I3, right of the taxable account's in A1:F8, were left
            // out, and the two planned as if they held nothing), or below it. Refused once; the
            // row's own cells read on beside the first table, and nothing more below it.
            if besideTableRow == nil,
               let beside = SheetTable.secondHeader(row, sheet: sheet, headerColumns: headerColumns) {
                besideTableRow = row.number
                log.error("\(info.name)!\(beside.place)", "This row names the \(sheet.rawValue) sheet's columns again "
                    + "(\(beside.names.prefix(5).joined(separator: ", "))) outside the header's (row \(found.row)): a second "
                    + "table beside or below the first, and the tool reads one table a sheet, so the rows of one would be left "
                    + "out. Put every row under one header, or move one table to a sheet of its own.")
                // A table stacked below: nothing more is read as this table's, as past a
                // header repeated in part.
                if beside.below {
                    secondTableRow = row.number
                    return
                }
            }
            // Another contract sheet's table beside this one or stacked under it (a `Symbol |
            // Restriction` box right of the Model, `Setting | Value` under the accounts): kept for
            // the builder, which refuses it where the book has no sheet of its kind (explore-DN:
            // a No Sell restriction, a group cap, sector bands and a zero tax budget had each
            // been passed over, the first two without a word).
            if !pendingOthers.isEmpty {
                pendingOthers.removeAll { pending in
                    guard pending.header.row < row.number else { return false }
                    let key = row.cells.first(where: { $0.column == pending.keyColumn })?.value
                    // A blank row or two under the header (explore-DS: the box had been dropped).
                    if CellReader.textValue(key) == nil, row.number <= pending.header.row + 3 { return false }
                    guard pending.header.sheet == .settings else {
                        switch key {
                        case .string(let text)? where !text.trimmingWhitespace().isEmpty: otherTables.append(pending.header)
                        case .number?: otherTables.append(pending.header)
                        default: break
                        }
                        return true
                    }
                    guard case .string(let text)? = key else { return true }
                    if SettingKey.matching(text.trimmingWhitespace().trimmingCharacters(in: ":")) != nil {
                        otherTables.append(pending.header)
                        return true
                    }
                    return false
                }
            }
            if besideTableRow != row.number {
                noteOtherTables(SheetTable.otherTableHeaders(in: row, of: sheet, tableColumns: headerColumns, headerRow: false))
            }
            // A restriction written in a box of its own beside the table, whatever its header
            // (`Security | Restriction`, `Symbol | Status`): passed over where the book has no
            // Securities sheet, its No Sell position was sold (explore-DP). Kept with the tickers
            // on its left in its box, up to a blank cell (`ACME | Acme Corp | No Sell`), which the
            // builder matches with the book's symbols (a legend's `NS | No Sell` names none).
            if looseRestrictions.count < 64, !headerColumns.isEmpty, sheet != .securities {
                for cell in row.cells where !headerColumns.contains(cell.column) {
                    guard case .string(let text) = cell.value, SheetTable.readsAsRestriction(text) else { continue }
                    var tickers: [String] = []
                    var column = cell.column - 1
                    while column >= max(1, cell.column - 3), !headerColumns.contains(column),
                          case .string(let left)? = row.cells.first(where: { $0.column == column })?.value,
                          !left.trimmingWhitespace().isEmpty {
                        if SheetTable.looksLikeTicker(left) { tickers.append(left.trimmingWhitespace()) }
                        column -= 1
                    }
                    if !tickers.isEmpty {
                        looseRestrictions.append((CellReference.name(column: cell.column, row: row.number),
                                                  text.trimmingWhitespace(), tickers))
                    }
                }
            }
            let previousTitle = pendingTitle
            pendingTitle = readsBlocks ? SheetTable.title(of: row, sheetName: info.name).map { ($0, row.number, false) } : nil
            if pendingTitle != nil, let previousTitle, previousTitle.row == row.number - 1 {
                earlierTitleLines.append(previousTitle)
                if earlierTitleLines.count >= Title.maxLines { earlierTitleLines.removeFirst() }
            } else {
                earlierTitleLines = []
            }
            if values.allSatisfy({ $0 == nil }) {
                if SheetTable.rowsNameAccounts(sheet), found.columns["Account"] == nil, row.cells.count == 1,
                   case .string(let text) = row.cells[0].value, !text.trimmingWhitespace().isEmpty,
                   text.utf8.count <= Title.maxBytes {
                    let place = "\(info.name)!\(CellReference.name(column: row.cells[0].column, row: row.number))"
                    unreadColumnTitles.append((row.number, Title(text: text.trimmingWhitespace(), place: place)))
                }
                skipInRun(row.number, "unknown") { "no value under any known column" + ($0.map { " through row \($0)" } ?? "") }
                return
            }
            // A row of nothing but the words that say empty (`N/A`, `--`): a blank row as a
            // report prints one.
            if sheet != .settings, row.cells.allSatisfy({ cell in
                if case .string(let text) = cell.value {
                    let trimmed = text.trimmingWhitespace().lowercased()
                    return trimmed.isEmpty || CellReader.emptyWords.contains(trimmed)
                }
                return false
            }) {
                skipInRun(row.number, "empty words") {
                    "nothing but words for empty (\"N/A\", \"--\")" + ($0.map { " through row \($0)" } ?? "")
                }
                return
            }
            // A formula filled down a column the rows below the data leave blank (a Market
            // Value of `=IF(B9="","",…)`), written by a program that does not calculate: with
            // no saved result, the row shows blank in Excel, and nothing under a required
            // column makes it a row of the table. Read as one, each such row was an error for
            // each required column it lacks ("Account is blank").
            if sheet != .settings, SheetTable.holdsOnlyUnsavedFormulas(values, required: requiredPositions) {
                skipped.append((row.number, "nothing but formulas with no saved result, as a blank row (open and save the "
                    + "workbook in Excel to have them calculated)"))
                return
            }
            // A template's formulas filled down past the data (`=Input!A14`, `=IF(…,"",…)`)
            // show 0, blank text, a zero date or #N/A in rows that hold nothing: set aside as
            // one, where each was an error per column ("The account \"0\" is not on the
            // Accounts sheet", 374 lines for one Lots sheet).
            if sheet != .settings, SheetTable.holdsOnlyFillValues(values) {
                // A run of them is one line: the rows a template fills down are many.
                skipInRun(row.number, "fill") {
                    "nothing but zeros, blank text or errors (#N/A)" + ($0.map { " through row \($0)" } ?? "")
                        + ", as formulas filled down past the data show"
                }
                return
            }
            if row.number == found.row + 1, let words = SheetTable.subHeaderWords(of: row, values: values, sheet: sheet, layout: layout!) {
                log.error("\(info.name)!row \(row.number)", "This row, right under the header, holds only words ("
                    + words.prefix(4).map { "\"\($0.excerpt)\"" }.joined(separator: ", ") + "): a header written on two rows, "
                    + "or a row of units. The tool reads a header of one row: put each column's whole name in the header row"
                    + (sheet == .lots ? " (Unit Cost for a cost per share, Cost Basis for a lot's total)" : "") + " and delete this row.")
                return
            }
            // A model's cash row named as a custodian's cash line is (`Cash & Cash Investments`,
            // 3%) is the cash target, not a footer: set aside, the default 1% stood (explore-AQ).
            if sheet != .settings, !(sheet == .model && SheetTable.isModelCashRow(row)),
               let reason = footerReason(row, values: values, layout: layout!, required: requiredPositions) {
                setAsideFooter(row, reason)
                return
            }
            // One cell of text alone on its row, lacking what the sheet requires: a report's note
            // or section heading (see `loneLineReason`).
            // Beside an Account column, where a lone text cannot title an account's rows, one
            // labelled as a note is (`Pending: settlement 11/24`: it was refused as a trade of
            // no Side, explore-AM); on the Model sheet too, where a label titling a model's rows
            // says so (`Model: Growth`), and `Source: Schwab Advisor Center` under the Model
            // column was refused as a target with no Symbol (explore-EM).
            if sheet != .settings, row.cells.count == 1, SheetTable.lacksRequired(values, requiredPositions),
               case .string(let text) = row.cells[0].value,
               let reason = SheetTable.loneLineReason(text, on: sheet)
                ?? ((found.columns["Account"] != nil || sheet == .model) && SheetTable.isLabelledNote(text)
                    ? "a note (\"\(text.trimmingWhitespace().prefix(40))\")" : nil) {
                noteFooterDate(row)
                skipped.append((row.number, reason))
                return
            }
            // Under the one header of a lot export in blocks per security, a row of one or two
            // texts and none of a lot's values titles the lots below it: the next block.
            if found.symbolsFromTitles, SheetTable.lacksRequired(values, requiredPositions) {
                // A security's total row (`AAPL Total`, `Apple Inc Total`) lacks a lot's date.
                if let first = row.cells.first, case .string(let text) = first.value,
                   text.trimmingWhitespace().lowercased().hasSuffix(" total") {
                    skipped.append((row.number, "a security's total row (\"\(text.trimmingWhitespace().prefix(40))\")"))
                    return
                }
                if let title = pendingTitle {
                    repeats.append(Block(headerRow: row.number, title: title.title, isOneOfSeveral: true))
                    skipped.append((row.number, "the title of the lots below"))
                    return
                }
            }
            // A model grouped by asset class: its classes' title and subtotal rows.
            if sheet == .model, let reason = SheetTable.modelGroupingReason(values, layout: layout!, modelNames: modelNames) {
                skipped.append((row.number, reason))
                return
            }
            // A subtotal row lacks a required value (a date, a symbol): the rest are passed over.
            if sheet != .settings, let last = rows.last,
               SheetTable.lacksRequired(values, requiredPositions),
               let reason = SheetTable.subtotalReason(values, after: last.values) {
                skipped.append((row.number, reason))
                return
            }
            if sheet != .settings, SheetTable.lacksRequired(values, requiredPositions),
               let reason = SheetTable.totalLabelReason(row) {
                setAsideFooter(row, reason)
                return
            }
            // A row with a cell refused for its length is not kept: the run stops on the error,
            // and a text of 32,000 characters in every row, carried into the spelling, price and
            // identifier checks, took minutes and most of a gigabyte first (explore-BJ).
            var refusedForLength = false
            for (position, value) in values.enumerated() {
                guard case .string(let text) = value, text.utf8.count > SheetTable.maxIdentifierCharacters else { continue }
                let characters = text.unicodeScalars.count
                let place = "\(info.name)!\(CellReference.name(column: layout!.sheetColumns[position], row: row.number))"
                let column = layout!.names[position]
                if characters > ReadLimits.maxCellCharacters {
                    log.error(place, "The cell holds \(characters) characters; a cell holds at most "
                        + "\(ReadLimits.maxCellCharacters) (Excel's limit), so this is not a value the workbook can mean.")
                    refusedForLength = true
                } else if characters > SheetTable.maxIdentifierCharacters, SheetTable.identifierColumns.contains(column) {
                    log.error(place, "\(column) is \(characters) characters long; a name the tool matches and "
                        + "writes in every row is at most \(SheetTable.maxIdentifierCharacters).")
                    refusedForLength = true
                }
            }
            if refusedForLength { return }
            // A value typed under no header (a term override beside the lots, its column never
            // named) is not read: noted, as it was passed over without a word (explore-CB).
            for cell in row.cells where cell.column <= tableEnd + 1 && !headerColumns.contains(cell.column) {
                guard case .value(let text) = CellReader.text(cell.value) else { continue }
                if let seen = unheaded[cell.column] {
                    unheaded[cell.column] = (seen.count + 1, seen.row, seen.text)
                } else {
                    unheaded[cell.column] = (1, row.number, text)
                }
            }
            var dataRow = DataRow(number: row.number, values: values, layout: layout!)
            if sheet == .transactions {
                let read = Set(layout!.sheetColumns)
                dataRow.otherCells = row.cells.filter { !read.contains($0.column) }.map(\.value)
            }
            rows.append(dataRow)
            pendingTitle?.kept = true
        }

        if header == nil, sheet == .settings, let found = SettingsLayout(settingsRows, sheetName: info.name) {
            if case .down(let keys, let value) = found.direction, !found.rivalValueColumns.isEmpty {
                let columns = ([value] + found.rivalValueColumns).sorted().map { column in
                    CellReference.columnName(column) + (found.valueHeadings[column].map { " (\"\($0.excerpt)\")" } ?? "")
                }
                log.error(info.name, "The sheet has no Setting and Value header, and the keys down column "
                    + "\(CellReference.columnName(keys)) have values in more than one column: "
                    + columns.joined(separator: ", ") + ". Head the keys' column Setting and the column meant for this run Value.")
                return nil
            }
            if case .across(let keys, let value) = found.direction, !found.rivalValueRows.isEmpty {
                let rows = ([value] + found.rivalValueRows).map { row in
                    "\(row)" + (found.valueHeadings[row].map { " (\"\($0.excerpt)\")" } ?? "")
                }
                log.error(info.name, "The sheet has no Setting and Value header, and the keys across row \(keys) have values in "
                    + "more than one row: " + rows.joined(separator: ", ") + ". Keep only this run's row of values below the "
                    + "keys, or lay the settings out down a column headed Setting and Value.")
                return nil
            }
            log.info(info.name, found.description)
            var table = SheetTable(sheet: sheet, sheetName: info.name, headerRow: 0, columns: [:], matches: [],
                                   unknownHeaders: [], rows: [], skipped: [], settingsLayout: found)
            table.todayCells = SheetTable.todayCells(of: summary, in: info.name)
            table.scaleWordCells = SheetTable.scaleWordCells(of: summary, in: info.name)
            return table
        }
        guard let header else {
            let expected = sheet.requiredColumns.map { $0.joined(separator: " or ") }
            if let best = bestCandidate {
                let missingGroups = sheet.requiredColumns.filter { group in !group.contains { best.found.contains($0) } }
                let missing = missingGroups.map { $0.joined(separator: " or ") }
                // The header's unread names that may be a missing column, said at their cells:
                // "lacks Acquired" beside an `Acquired/Opened` column sent the PM for another export.
                var candidates: [String] = []
                var candidateFor: Set<String> = []
                // A column whose words below are buys and sells is the Side whatever its name
                // (`Type`, `Trade Type` over BUY and SELL had been asked to be renamed, where
                // `B/S` was read; explore-CJ).
                let sideByWords = missingGroups.contains(["Side"])
                    ? SheetTable.sideColumn(among: best.unknown, below: rowsBelowBest) : nil
                for group in missingGroups where !(group == ["Side"] && sideByWords != nil) {
                    // A name of what was first bought (`Original Qty`) only when no other is there
                    // (`Remaining Qty` beside it holds the shares held).
                    let matching = best.unknown.filter { SheetTable.mayBe($0.0, group) }
                    guard let (text, place) = matching.first(where: { !SheetTable.namesWhatWasFirst($0.0) }) ?? matching.first
                    else { continue }
                    let column = SheetTable.likelyColumn(text, of: group)
                    // In another currency (`Price (CAD)`): renamed Price as advised, its figures
                    // were planned as dollars with no word (explore-CQ).
                    if let currency = SheetTable.foreignCurrency(in: text) {
                        candidates.append("\"\(text.excerpt)\" (\(info.name)!\(place)) may be the \(column), in \(currency): the "
                            + "tool plans in US dollars and applies no exchange rates, so give the figures in dollars under a "
                            + "column headed \(column)")
                        candidateFor.formUnion(group)
                        continue
                    }
                    // In thousands (`Cost Basis ($000)`, `Shares (K)`): renamed as it stood, a basis
                    // of $61,320 would be read as $61.32.
                    let advice = SheetTable.scaleAdvice(text).map { "if so, rename it \(column) and \($0)" }
                        ?? "rename it \(column) if so"
                    candidates.append("\"\(text.excerpt)\" (\(info.name)!\(place)) may be the \(column): \(advice)")
                    candidateFor.formUnion(group)
                }
                // A Side column under a name that says nothing of it (Merrill's `Description 1`),
                // told by what it holds: buys and sells, in words.
                if !candidateFor.contains("Side"), let (text, place, words) = sideByWords {
                    // On a custodian's Transactions export, with no other column missing, the
                    // caller reads the sheet again with this column as the Side.
                    if sheet == .transactions, missingGroups == [["Side"]], sideAdopted == nil,
                       let column = CellReference.column(of: place), let row = Int(place.drop { !$0.isNumber }) {
                        sideFound = SideByWords(row: row, column: column, place: place, text: text, words: words)
                    }
                    candidates.append("\"\(text.excerpt)\" (\(info.name)!\(place)) holds "
                        + words.prefix(2).map { "\"\($0.excerpt)\"" }.joined(separator: " and ")
                        + " below it, and may be the Side: rename it Side if so")
                }
                // A custodian's positions export has no lot dates: say which export has them.
                let lotDetail = sheet == .lots && missing.contains("Acquired") && !candidateFor.contains("Acquired")
                    ? " A lot's acquisition date decides its term; a positions export has none, so export the "
                        + "account's lot detail (cost basis or unrealized gain by lot) and paste that instead."
                    : ""
                let named = candidates.isEmpty ? "" : " " + candidates.joined(separator: "; ") + "."
                // A sheet taken by another word for the contract's name (`History` for Transactions)
                // says so: a price history's "lacks Side" left the PM guessing why (explore-BO).
                let byName = sheet.isRequired || SheetTable.isCanonical(info.name, of: sheet.rawValue) ? ""
                    : " (The sheet is read as the \(sheet.rawValue) sheet by its name; if it is something else, rename it.)"
                log.error("\(info.name)!row \(best.row)", "The header row lacks the required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")).\(named)\(lotDetail)\(byName)")
            } else if case let across = matchHeader(namesDown), across.missing.isEmpty, across.columns.count >= 2 {
                // Its names down the first column, each record a column beside them (a short
                // Accounts sheet written as a form): said so, where "no header row" left the PM
                // looking for a row that is there, turned on its side.
                let names = across.matches.prefix(3).map { "\($0.2) \"\($0.0.excerpt)\"" }.joined(separator: ", ")
                log.error(info.name, "The sheet is laid out across: its column names run down column "
                    + "\(CellReference.columnName(namesDown[0].cell.column)) (\(names)) with a record in each column "
                    + "beside them, where the tool reads a header row with one record in each row below it. Turn it "
                    + "(in Excel: copy the table, then Paste Special, Transpose) and run again.")
            } else if !sheet.isRequired, !SheetTable.isCanonical(info.name, of: sheet.rawValue) {
                // A sheet named by another word for an optional sheet (`History`, `Options`,
                // `Activity`) that holds none of its columns is most likely something else (a
                // table of returns, of option positions): passed over with a warning rather
                // than stopping the run.
                log.warning(info.name, "This sheet's name reads as the \(sheet.rawValue) sheet's, but no row of it holds the "
                    + "\(sheet.rawValue) columns (\(expected.joined(separator: ", "))), so it is not read as one. If it is the "
                    + "\(sheet.rawValue) sheet, give it that header; if not, rename it to keep this warning away.")
            } else {
                log.error(info.name, "No header row found: the \(sheet.rawValue) sheet needs the columns \(expected.joined(separator: ", ")).")
            }
            return nil
        }
        // The header row itself may open with a setting's name (`Run Date`): not a setting.
        if let settingAbove, settingAbove.row != header.row {
            log.warning("\(info.name)!\(settingAbove.cell)", "This row above the header gives \(settingAbove.key), but settings "
                + "are read from the Settings sheet only, so it is not used: move the keys and values there.")
        }
        var settingsOutside: [SettingsLayout.Entry] = []
        if sheet == .settings, let setting = header.columns["Setting"], let value = header.columns["Value"] {
            settingsOutside = SettingsLayout.pairsOutside(settingsRows, headerRow: header.row, settingColumn: setting,
                                                          valueColumn: value, sheetName: info.name)
        }
        // A key and its value on the header's row, outside the table, are read as a setting, not
        // as two columns unread.
        let pairCells = Set(settingsOutside.flatMap { [$0.keyPlace, $0.valuePlace] })
        // The data rows read, whose cells an unread column's are judged by.
        let cellsRead = Set(rows.map(\.number))
        for (text, place) in header.unknown where !pairCells.contains("\(info.name)!\(place)") {
            // A name sharing a word with a column the header lacks (`Withdrawal Request`, `Cash
            // & MMF`, `Trade Restriction`) may be that column: left unread, the plan would go on
            // without it, so the PM is warned rather than told.
            // A setting of the whole run (`Wash Sale Days`, `Default Band`) is read from the
            // Settings sheet only: an account's column of it would say what the run does not do.
            if sheet == .accounts, let key = SettingKey.matching(text), SettingKey.runWide.contains(key) {
                log.warning("\(info.name)!\(place)", "\(key.rawValue) is a setting of the whole run, read from the Settings sheet "
                    + "only: this column is ignored, and every account has the Settings value.")
                continue
            }
            // A restriction or phase-out mark under another name, on the Securities or the Model
            // sheet (`Do Not Sell`, `Hold`, `Trading Status`, `Lockup`): judged by its cells, with
            // the As Of, when the book is built. Read as nothing beside a Restriction column, a
            // No Sell position was sold (explore-CO).
            let cellsBelow = (CellReference.column(of: place).flatMap { unreadCells[$0] } ?? [])
                .filter { cellsRead.contains($0.row) }
            if let kind = SheetTable.securityMarkKind(text, on: sheet), let column = CellReference.column(of: place) {
                securityMarkColumns.append(SecurityMarkColumn(
                    header: text, place: "\(info.name)!\(place)", kind: kind,
                    cells: cellsBelow.map { ($0.row, "\(info.name)!\(CellReference.name(column: column, row: $0.row))", $0.value) }))
                continue
            }
            // A security's family, cap group or replacement, or a sector's band, on the Model
            // sheet: read as nothing, a twin was traded as another security (explore-CN). A
            // column of blank cells says none, and is passed over (explore-CO).
            if let (column, effect) = SheetTable.securityColumn(text, on: sheet) {
                let home = column == "Sector Band" ? "the Sectors sheet's Band column only: move it there (a Sectors sheet of "
                    + "Sector and Band)" : "the Securities sheet's \(column) column only: move it there (a Securities sheet of "
                    + "Symbol and \(column))"
                if cellsBelow.allSatisfy({ if case .value = CellReader.text($0.value) { false } else { true } }) {
                    let read = column == "Sector Band" ? "sector bands from the Sectors sheet"
                        : "each security's \(column) from the Securities sheet"
                    log.info("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is blank in every row, so it is ignored "
                        + "(the tool reads \(read)).")
                    continue
                }
                // A group written on the Model in a book with no Groups sheet caps nothing, read
                // or not: a PM's sleeves (`Group`: Core, Satellite) had refused the book (explore-CN).
                if column == "Exposure Group", !workbook.sheets.contains(where: {
                    $0.kind == .worksheet && ContractSheet.matching(sheetName: $0.name) == .groups
                }) {
                    log.info("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is ignored: the book has no Groups sheet, "
                        + "so no exposure group is capped (caps are read from a Groups sheet of Exposure Group and Max Weight, "
                        + "each security's group from the Securities sheet's Exposure Group column).")
                    continue
                }
                log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" holds what the tool reads from \(home). Left "
                    + "unread, \(effect).")
                continue
            }
            // Whose each setting is (`Account | Setting | Value`): the Settings sheet holds the
            // run's, and a Min Trade meant for one account had been applied to every one.
            if sheet == .settings,
               !SheetTable.headerWords(text).isDisjoint(with: ["account", "accounts", "acct", "household", "households", "client"]) {
                log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" says whose each setting is, but the Settings "
                    + "sheet's settings hold for every account. Give an account its own Lot Method, Min Trade, Rebalance To, "
                    + "Harvest Losses, Harvest Min Loss, Tax Budget, Cash Target or rates in a column of that name on the "
                    + "Accounts sheet, and delete this column.")
                continue
            }
            // A column of the tax budget already used or still left, or of values meant to win
            // over Value's, on Settings: see `budgetUsedColumnErrors` and `valueThatWinsErrors`.
            if sheet == .settings, let column = CellReference.column(of: place), let valueColumn = header.columns["Value"] {
                let boxBetween = settingsOutside.contains { ($0.keyColumn ?? 0) > valueColumn && ($0.keyColumn ?? 0) < column }
                var errors = SheetTable.saysBudgetUsedOrLeft(text)
                    ? SheetTable.budgetUsedColumnErrors(text, column: column, sheetName: info.name, cells: cellsBelow, rows: rows)
                    : []
                if errors.isEmpty, SheetTable.saysValueThatWins(text), !boxBetween {
                    errors = SheetTable.valueThatWinsErrors(text, column: column, sheetName: info.name, cells: cellsBelow, rows: rows)
                }
                for error in errors { log.error(error.place, error.message) }
                if !errors.isEmpty { continue }
            }
            let present = Set(header.columns.keys)
            // An account's tax rate under another name (`Fed ST Rate`): left unread, every
            // account was taxed at the Settings rates, with an Info line only.
            if sheet == .accounts, let found = SheetTable.taxRateColumn(text) {
                if let rate = found, !present.contains(rate.rawValue) {
                    log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not one the tool reads, and the sheet has "
                        + "no \(rate.rawValue) column: if it holds each account's \(rate.rawValue.lowercased()), rename it "
                        + "\(rate.rawValue); if not, add a \(rate.rawValue) column, blank where the Settings rate applies. Left "
                        + "unread, every account would be taxed at the Settings rate.")
                    continue
                }
                if found == nil {
                    // A rate of no one term (`Federal Rate`, `State Rate`, `Tax Bracket`): neither
                    // read nor added in, it left every account at the Settings rates (explore-AQ).
                    log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" names a tax rate the tool does not read: "
                        + "it reads each account's Short-Term Rate and Long-Term Rate, each the whole rate (federal, state "
                        + "and NIIT together) on that term's gains. Put this column's part into those two columns and delete "
                        + "it; left unread, it would change no account's tax estimate.")
                    continue
                }
            }
            // A holding period's start under a name not listed (`Adj Acq Dt.`, `Wash Adj. Date`):
            // passed over, a replacement lot was taxed short-term from its purchase (explore-DI).
            // Not a price, cost or window that an adjusted date dates (`Adjusted Open Price`,
            // `Adj Cost Basis as of Date`, `Wash Sale Window End Date`), which had been refused
            // as one (explore-DK).
            if sheet == .lots, !present.contains("Holding Period Start"), SheetTable.namesAdjustedDate(text) {
                log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" reads as each lot's wash-sale-adjusted "
                    + "acquisition date, which the tool reads under Holding Period Start. If it holds that date, rename it "
                    + "Holding Period Start; if not, rename it so it does not read as one, or delete it. Left unread, a "
                    + "replacement lot's holding period would start at its purchase, and its gains could be taxed short-term.")
                continue
            }
            // A lot export's wash-sale adjustment beside its basis: whether the Cost Basis holds it
            // is the export's to say, and the tool reads the basis as it stands (explore-AQ).
            // (Not a date: `Wash Sale Date` says when, and is ignored as any other column is.)
            if sheet == .lots, case let words = SheetTable.headerWords(text), words.isDisjoint(with: ["date", "dt", "day"]),
               words.contains("wash") || (words.contains("disallowed") && !words.isDisjoint(with: ["loss", "losses"])) {
                log.warning("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not read: each lot's Cost Basis is read as "
                    + "its whole basis, any wash-sale loss disallowed into it included (26 USC 1091(d)). If this sheet's Cost "
                    + "Basis leaves the adjustment out, add it in.")
                continue
            }
            // A cap on gains (`Max Realized Gain`, `Gain Limit`) is no figure of gains realized,
            // which it had been taken for: the tool caps the tax, in the Tax Budget.
            if sheet == .accounts, case let words = SheetTable.headerWords(text),
               !words.isDisjoint(with: ["max", "maximum", "limit", "cap", "budget", "ceiling"]),
               !words.isDisjoint(with: ["gain", "gains", "cg"]) {
                log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not read: the tool caps each account's "
                    + "realized gains by their tax, its Tax Budget in dollars of tax, not by the gains themselves. Give a Tax "
                    + "Budget column (the tax those gains may cost at the account's rates) and delete this one; left unread, "
                    + "gains would be realized up to the Settings budget.")
                continue
            }
            // An Accounts column of money, below, that holds no amount (each cell blank or 0) can
            // change nothing: passed over, where an `RMD` or `Sweep` column of zeros had stopped
            // the run (explore-CO).
            let unreadColumn = CellReference.column(of: place)
            let holdsNoAmount = sheet == .accounts && !(unreadColumn.flatMap { holdsWordsByColumn[$0] } ?? true)
                && !(unreadColumn.map(holdsSomething.contains) ?? true)
            if holdsNoAmount, SheetTable.namesCashBalance(text) || SheetTable.namesAmountToRaise(text)
                || (present.contains("Cash") && SheetTable.namesMoreCash(text))
                || ["Cash", "Withdrawal"].contains(SheetTable.figureColumn(text, on: sheet, besides: present)) {
                log.info("\(info.name)!\(place)", SheetTable.passedOver(text))
                continue
            }
            // An account's cash under a sweep's or a broker's name (`Sweep`, `Buying Power`):
            // ignored with an Info line, every account planned with no cash (explore-AQ).
            if sheet == .accounts, !present.contains("Cash"), SheetTable.namesCashBalance(text),
               !(CellReference.column(of: place).flatMap { holdsWordsByColumn[$0] } ?? false) {
                log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not one the tool reads, and the sheet has "
                    + "no Cash column: if it holds each account's cash (in dollars), rename it Cash; if not, add a Cash "
                    + "column, blank where there is none. Left unread, the plan would go on with no cash.")
                continue
            }
            // Beside a Cash column, a sweep's or money market's balance is more of the cash: left
            // unread, a Cash of 0 beside `Sweep` $20,000 sold $3,570 of tax's worth to raise cash
            // the account held (explore-CM). So is one that names the cash too (`Cash & Money
            // Market`, `Cash Equivalents`): ignored with a hint to rename it Cash Target, the
            // withdrawal was raised by selling (explore-CO).
            if sheet == .accounts, let cash = header.matches.first(where: { $0.1 == "Cash" }),
               SheetTable.namesCashBalance(text) || SheetTable.namesMoreCash(text),
               !(CellReference.column(of: place).flatMap { holdsWordsByColumn[$0] } ?? false) {
                log.error("\(info.name)!\(place)", SheetTable.moreCashMessage(text, besideCash: cash.0,
                                                                            at: "\(info.name)!\(cash.2)"))
                continue
            }
            // An amount to raise under another name (`RMD`, `Required Minimum Distribution`,
            // `Wire Out`): left unread, an IRA's $8,000 RMD was not raised (explore-CM).
            if sheet == .accounts, SheetTable.namesAmountToRaise(text),
               !(CellReference.column(of: place).flatMap { holdsWordsByColumn[$0] } ?? false) {
                if let read = header.matches.first(where: { $0.1 == "Withdrawal" }) {
                    log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" may hold amounts to raise, beside the "
                        + "Withdrawal column \"\(read.0.excerpt)\" (\(info.name)!\(read.2)): put each account's whole amount to raise "
                        + "in Withdrawal and delete this column. Left unread, its amounts would not be raised.")
                } else {
                    log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not one the tool reads, and the sheet has "
                        + "no Withdrawal column: if it holds each account's amount to raise (in dollars), rename it Withdrawal; "
                        + "if not, rename it so it names none. Left unread, the plan would raise nothing.")
                }
                continue
            }
            // What was paid out this year beside the amount read (`RMD Taken YTD` beside `RMD
            // Amount`): the year's whole distribution was raised again (explore-AV).
            if sheet == .accounts, present.contains("Withdrawal"), case let words = SheetTable.headerWords(text),
               !words.isDisjoint(with: ["rmd", "rmds", "distribution", "distributions", "withdrawal", "withdrawals"]),
               !words.isDisjoint(with: ["taken", "ytd", "satisfied", "received", "made", "paid", "distributed", "withdrawn"]),
               let read = header.matches.first(where: { $0.1 == "Withdrawal" }) {
                log.warning("\(info.name)!\(place)", "The column \"\(text.excerpt)\" says what was paid out already, and is not "
                    + "read: the Withdrawal, \"\(read.0.excerpt)\" (\(info.name)!\(read.2)), is raised whole. If part of it is "
                    + "paid, write what is still to be paid out in the Withdrawal column.")
                continue
            }
            // A column of words (`Yes`/`No`, `Reinvest`/`Cash`) holds no amount.
            let holdsWords = CellReference.column(of: place).flatMap { holdsWordsByColumn[$0] } ?? false
            // One naming a money market's fund beside Cash (`Cash & Money Market`: SWVXX) holds
            // no target either, which it had been hinted to be renamed (explore-CO).
            if sheet == .accounts, holdsWords, present.contains("Cash"), SheetTable.namesMoreCash(text) {
                log.info("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not one the tool reads; it is ignored.")
                continue
            }
            let figure = holdsWords ? nil : SheetTable.figureColumn(text, on: sheet, besides: present)
            if let near = figure ?? SheetTable.nearColumn(text, on: sheet, besides: present) {
                if SheetTable.moneyColumns.contains(near), !holdsWords {
                    // Cash, a withdrawal or a budget left unread moves money the PM did not
                    // mean to (`Cash Bal.`: every account planned with no cash).
                    log.error("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not one the tool reads, and the sheet has "
                        + "no \(near) column: if it holds the \(near), rename it \(near) (in dollars); if not, add a \(near) "
                        + "column, blank where there is none. Left unread, the plan would go on with no "
                        + "\(SheetTable.moneyColumnPhrase(near)).")
                    continue
                }
                if near == "Band", !SheetTable.headerWords(text).isDisjoint(with: SheetTable.bandEdgeWords) {
                    // An edge is no band: renamed Band, a low edge of 42% would be read as ±42%.
                    log.warning("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not one the tool reads; it is "
                        + "ignored. A band is read as Target ± Band: to have these edges count, give a Band column holding "
                        + "each target's distance to its edges (a low and a high edge are not read).")
                    continue
                }
                log.warning("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not one the tool reads; it is "
                    + "ignored. If it holds the \(near), rename it \(near) to have it read.")
            } else {
                log.info("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not one the tool reads; it is ignored.")
            }
        }
        // A column read only to check another is not used as its name says: the PM is told so,
        // as of a column ignored (a lot's Market Value never values it).
        for (text, name, place) in header.matches {
            guard let spec = sheet.columns.first(where: { $0.name == name }), spec.checksOnly,
                  let use = ContractSheet.checkOnlyUse[name] else { continue }
            log.info("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is read only \(use).")
        }
        if let read = header.matches.first(where: { $0.1 == "Account" }) {
            for (text, place) in accountNameColumns {
                log.info("\(info.name)!\(place)", "The column \"\(text.excerpt)\" names the accounts that \"\(read.0.excerpt)\" "
                    + "(\(info.name)!\(read.2)) identifies: each row's account is read from \"\(read.0.excerpt)\", and this "
                    + "column is ignored.")
            }
        }
        for (text, place, held, heldPlace) in quantitiesBesideHeld {
            // (The column read, `held`, is the one whose header names what remains.)
            if header.matches.contains(where: { $0.1 == "Withdrawal" && $0.2 == heldPlace }) {
                log.warning("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is a second Withdrawal column: "
                    + "\"\(held.excerpt)\" (\(info.name)!\(heldPlace)), which names what is still to be paid out, is read as the "
                    + "amount to raise, and this one is ignored.")
                continue
            }
            log.warning("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is a second Quantity column: \"\(held.excerpt)\" "
                + "(\(info.name)!\(heldPlace)), which names the shares still held, is read, and this one is ignored.")
        }
        // A header whose second columns hold every column the sheet requires is a second table
        // beside the first (an IRA's lots right of the taxable account's, two Setting/Value
        // pairs): read as one, the second's rows would be left out.
        let repeated = Set(secondColumns.map(\.1))
        if !secondColumns.isEmpty, sheet.requiredColumns.allSatisfy({ !repeated.isDisjoint(with: $0) }),
           let start = secondColumns.min(by: { (CellReference.column(of: $0.2) ?? 0) < (CellReference.column(of: $1.2) ?? 0) }) {
            let names = secondColumns.map(\.1).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            log.error("\(info.name)!\(start.2)", "The header repeats the \(sheet.rawValue) sheet's columns from here (\(names.prefix(5).joined(separator: ", "))): "
                + "two tables side by side, and the tool reads one table a sheet, so the rows of the second would be left out. "
                + "Put its rows below the first table's, under the one header, or on a sheet of their own.")
            return nil
        }
        // Two columns for one name may hold different figures (a basis and an adjusted one, a
        // stale hidden quantity beside the one kept up): where they do, the tool does not pick
        // one, which a warning alone let it do (the first, or the one named as the contract
        // names it); where they agree, the PM is told which is read.
        for (text, name, place) in secondColumns {
            guard let first = header.matches.first(where: { $0.1 == name }) else { continue }
            // A money market's balance beside the Cash column (`Money Market`, a name the Cash
            // column goes by where it is the only one) is more of the cash: ignored as a second
            // Cash column, a withdrawal the two held was raised by selling (explore-CO). One of
            // tickers names the fund, and is a second column as any.
            if sheet == .accounts, name == "Cash", SheetTable.isCanonical(first.0, of: "Cash"),
               SheetTable.namesCashBalance(text), let column = CellReference.column(of: place),
               holdsWordsByColumn[column] == false {
                if holdsSomething.contains(column) {
                    log.error("\(info.name)!\(place)", SheetTable.moreCashMessage(text, besideCash: first.0,
                                                                                at: "\(info.name)!\(first.2)"))
                } else {
                    log.info("\(info.name)!\(place)", SheetTable.passedOver(text))
                }
                continue
            }
            // A second Settings box's keys are read as settings beside the table's (above).
            if name == "Setting", let column = CellReference.column(of: place),
               settingsOutside.contains(where: { $0.keyColumn == column }) {
                continue
            }
            if let firstColumn = CellReference.column(of: first.2), let secondColumn = CellReference.column(of: place),
               let found = firstDisagreement[secondColumn],
               SheetTable.refusesDisagreement(read: (first.0, firstColumn), other: (text, secondColumn), name: name,
                                              hidden: summary.hiddenColumns) {
                let row = found.row
                log.error("\(info.name)!\(place)", "The columns \"\(first.0.excerpt)\" (\(info.name)!\(first.2)) and "
                    + "\"\(text.excerpt)\" (\(info.name)!\(place)) both read as \(name) and disagree, first at row \(row) "
                    + "(\(CellReference.name(column: firstColumn, row: row)) \(found.first) against "
                    + "\(CellReference.name(column: secondColumn, row: row)) \(found.second)): the tool does not guess which "
                    + "counts. Delete or rename the one that should not.")
                continue
            }
            // The read one is the first, unless it won by its name from further right.
            let readFurtherRight = (CellReference.column(of: first.2) ?? 0) > (CellReference.column(of: place) ?? 0)
            let which = readFurtherRight ? "the one named \(name)" : "the first"
            if name == "Account" {
                let read = "\(which), \"\(first.0.excerpt)\" (\(info.name)!\(first.2)), is read, and this one only on a row "
                    + "whose account the first does not name and this one does, as the Accounts sheet writes it"
                if let secondColumn = CellReference.column(of: place), let found = firstDisagreement[secondColumn],
                   let firstColumn = CellReference.column(of: first.2) {
                    log.warning("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is a second Account column that "
                        + "disagrees with the first, first at row \(found.row) (\(CellReference.name(column: firstColumn, row: found.row)) "
                        + "\(found.first) against \(CellReference.name(column: secondColumn, row: found.row)) \(found.second)): "
                        + "\(read). Delete or rename the one that should not count.")
                } else {
                    log.info("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is a second Account column: \(read).")
                }
                continue
            }
            log.warning("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is a second \(name) column: \(which), "
                + "\"\(first.0.excerpt)\" (\(info.name)!\(first.2)), is read, and this one is ignored. Delete or rename the one "
                + "that should not count.")
        }
        readMerged(summary, into: &rows, layout: layout, sheetName: info.name, log: &log)
        if sheet != .settings { SheetTable.setAsideUnlabeledTotals(&rows, skipped: &skipped) }
        noteHiddenRows(summary, rows: rows, sheetName: info.name, log: &log)
        noteHiddenColumns(summary, layout: layout, sheetName: info.name, log: &log)
        if sheet == .lots, let layout, readPositionRows(&rows, layout: layout, skipped: &skipped) {
            skipped.sort { $0.0 < $1.0 }
        }
        if sheet == .lots, let layout {
            let before = skipped.count
            SheetTable.readSecurityHeadings(&rows, layout: layout, skipped: &skipped, log: &log)
            if skipped.count > before { skipped.sort { $0.0 < $1.0 } }
        }
        for (row, reason) in skipped {
            log.info("\(info.name)!row \(row)", "Skipped: \(reason).")
        }
        for (column, seen) in unheaded.sorted(by: { $0.key < $1.key }) {
            let letter = CellReference.name(column: column, row: 1).filter(\.isLetter)
            let more = seen.count > 1 ? ", nor the \(seen.count - 1) more below it" : ""
            log.info("\(info.name)!\(CellReference.name(column: column, row: seen.row))", "\"\(seen.text.excerpt)\" is in column "
                + "\(letter), which has no header: it is not read\(more). Give the column a header if it is one the "
                + "\(sheet.rawValue) sheet has.")
        }
        var blocks: [Block] = []
        if sheet == .model {
            // Stacked models only: a title above a single model's header is a heading.
            if !repeats.isEmpty, header.columns["Model"] == nil, header.modelColumns.isEmpty {
                blocks = [Block(headerRow: header.row, title: firstTitle, isOneOfSeveral: true)] + repeats
            }
        } else if header.symbolsFromTitles || !repeats.isEmpty || (firstTitle != nil && header.columns["Account"] == nil) {
            blocks = [Block(headerRow: header.row, title: firstTitle, isOneOfSeveral: !repeats.isEmpty)] + repeats
        }
        var table = SheetTable(sheet: sheet, sheetName: info.name, headerRow: header.row, columns: header.columns,
                               matches: header.matches.map { ($0.0, $0.1, $0.2) },
                               unknownHeaders: header.unknown.map { ($0.0, $0.1) }, rows: rows,
                               skipped: skipped.map { ($0.0, $0.1) }, blocks: blocks,
                               symbolsFromTitles: header.symbolsFromTitles, modelColumns: header.modelColumns)
        table.todayCells = SheetTable.todayCells(of: summary, in: info.name)
        table.scaleWordCells = SheetTable.scaleWordCells(of: summary, in: info.name)
        table.settingsOutside = settingsOutside
        table.otherTables = otherTables
        table.looseRestrictions = looseRestrictions
        table.dayFirstDate = summary.firstDayFirstDate.map { (place: "\(info.name)!\($0.cell)", format: $0.format) }
        table.unreadColumnTitles = unreadColumnTitles
        table.exclusionMarks = exclusionMarks
        table.securityMarkColumns = securityMarkColumns
        table.title = firstTitle.map { ($0.text, $0.place) }
        if firstTitle == nil { table.undatedPricesTitle = undatedPricesTitle.map { ($0.text, $0.place) } }
        if let title = firstTitle, let date = SheetTable.lastDate(in: title.text) {
            table.titleDate = (date, title.place, false)
        } else if let (date, place) = footerDate {
            table.titleDate = (date, place, true)
        }
        // A report's note that its figures are in thousands, above an ordinary header: read as
        // dollars, every basis and cash figure was a thousandth of itself (explore-AR).
        // (It is looked for only above the header; a header's own name in thousands is that
        // column's, said where the column is.)
        if let note = thousandsNote,
           !header.matches.contains(where: { "\(info.name)!\($0.2)" == note.place }),
           !header.unknown.contains(where: { "\(info.name)!\($0.1)" == note.place }) {
            log.error(note.place, "\"\(note.text.trimmingWhitespace().excerpt)\" says the figures below are in thousands; the "
                + "tool reads dollars and shares as written, so a basis of 61,320 dollars would be read as 61.32. Write the "
                + "figures in dollars and shares (multiplied by 1,000) and delete this note.")
            return nil
        }
        return table
    }

    /// The columns whose values are names the tool matches, and writes into its own ids,
    /// places and sentences (`AAPL-r7`, `Model/AAPL`), and the most characters one may have:
    /// far past any real ticker, account number or group, and far inside a cell.
    static let identifierColumns: Set<String> = [
        "Account", "Symbol", "Lot ID", "Household", "Model", "Sector", "Identical Group", "Exposure Group",
    ]
    static let maxIdentifierCharacters = 1_000

    /// Whether a cell's text reads as a ticker: one to twelve capitals, digits and the marks
    /// of share classes (`BRK.B`, `BRK/B`), with a letter.
    static func looksLikeTicker(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return (1...12).contains(trimmed.count) && trimmed.contains(where: \.isUppercase)
            && trimmed.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || ".-/ ".contains($0) }
    }

    /// Whether a cell's text outside any table is a restriction: `No Sell`, `No Buy`, `No Trade`
    /// or `Do Not Sell` (`Buy`, `Trade`), spacing and capitals aside, a reason after it or not
    /// (`No Sell - trading window closed`, `No Sell (10b5-1 plan)`; explore-DS). Narrower than
    /// a Restriction cell's reading (`restrictionReading`): `Hold` and `Restricted` are words a
    /// note uses for other things, and a cell outside a table has no header to say what it is.
    static func readsAsRestriction(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
        return ["no sell", "no buy", "no trade", "do not sell", "do not buy", "do not trade", "dont sell", "don t sell"]
            .contains { words == $0 || words.hasPrefix($0 + " ") }
    }

    /// Whether a box headed as `other`'s table would change the plan and says so in words of
    /// its own, not words a box of figures or notes shares (explore-DP): a Securities box that
    /// restricts, names replacements or phases out (a `Symbol | Group` sleeve list or a fund
    /// `Family` caps and joins nothing without a Groups sheet, and had been refused); a Groups
    /// or Sectors box whose name column says group, exposure or sector (`Name | Min | Max` of
    /// figures is none); a Settings box whose key column says setting, parameter or key
    /// (`Name | Value` of totals with a `Harvest` row is none).
    static func saysWhatItChanges(_ other: ContractSheet, names: [String], texts: [String]) -> Bool {
        func wordsOf(_ name: String) -> Set<String> {
            for text in texts where other.column(forHeader: text) == name { return headerWords(text) }
            return []
        }
        switch other {
        case .securities:
            // (An `Identical Group` by that name joins wash-sale families; a `Family` may be a fund's.)
            return !Set(names).isDisjoint(with: ["Restriction", "Replacement", "Phase Out"])
                || wordsOf("Identical Group").contains("identical")
        case .groups:
            return !wordsOf("Exposure Group").isDisjoint(with: ["group", "groups", "exposure", "exposures"])
        case .sectors:
            return !wordsOf("Sector").isDisjoint(with: ["sector", "sectors", "industry", "industries", "asset", "class"])
        case .settings:
            return !wordsOf("Setting").isDisjoint(with: ["setting", "settings", "parameter", "parameters", "key", "keys",
                                                          "option", "options"])
        default:
            return true
        }
    }

    /// The headers of other contract sheets' tables in `row`, each with its key column (where a
    /// Settings header names its Setting; its first column otherwise): a run of words side by
    /// side (no blank cell between) naming every column that marks another sheet's header
    /// (`PortfolioBuilder.markingColumns`: `Symbol | Restriction`, `Exposure Group | Max
    /// Weight`, `Sector | Band`, `Setting | Value`), by that sheet's own header matching.
    /// In the header row (`headerRow`), a run none of whose cells the table reads
    /// (`tableColumns`); below it, a run wholly outside the table's columns, unless it names
    /// this sheet's required columns too (a second table of its own, refused where it is read),
    /// or a run under them naming more of the other sheet's columns than of this one's (a table
    /// stacked below: a repeat of this header is not one).
    static func otherTableHeaders(in row: Row, of sheet: ContractSheet, tableColumns: Set<Int>, headerRow: Bool)
        -> [(header: OtherTable, keyColumn: Int)] {
        // Runs of cells side by side, parted at a blank: one under the table's columns is judged
        // whole (a table stacked below), and its cells right or left of them on their own (a box
        // beside the table with no blank column between).
        var runs: [(cells: [(column: Int, text: String)], inside: Bool)] = []
        var run: [(column: Int, text: String)] = []
        func close() {
            if !headerRow, run.count >= 2, run.contains(where: { tableColumns.contains($0.column) }),
               run.allSatisfy({ !$0.text.isEmpty }) {
                runs.append((run, true))
            }
            for part in run.split(whereSeparator: { tableColumns.contains($0.column) || $0.text.isEmpty }) where part.count >= 2 {
                runs.append((Array(part), false))
            }
            run = []
        }
        for cell in row.cells {
            var text: String?
            if case .string(let value) = cell.value { text = value.trimmingWhitespace() }
            if text == "" { close(); continue }
            if let last = run.last, last.column != cell.column - 1 { close() }
            // A number or a long text is no header's name: it parts the words around it.
            run.append((cell.column, text.flatMap { $0.utf8.count <= 60 ? $0 : nil } ?? ""))
        }
        close()
        var found: [(header: OtherTable, keyColumn: Int)] = []
        for (run, inside) in runs {
            let own = Set(run.compactMap { sheet.column(forHeader: $0.text) })
            let ownTable = sheet.requiredColumns.allSatisfy { !own.isDisjoint(with: $0) }
            var best: (sheet: ContractSheet, names: [String], key: Int)?
            for other in ContractSheet.allCases where other != sheet {
                var names: [String] = []
                var key = run[0].column
                for (column, text) in run {
                    guard let name = other.column(forHeader: text), !names.contains(name) else { continue }
                    names.append(name)
                    if name == "Setting" { key = column }
                }
                guard PortfolioBuilder.markingColumns(of: other).allSatisfy({ !Set($0).isDisjoint(with: names) }),
                      SheetTable.saysWhatItChanges(other, names: names, texts: run.map(\.text))
                else { continue }
                if inside ? names.count <= own.count : ownTable && own.count >= names.count { continue }
                if best == nil || names.count > best!.names.count { best = (other, names, key) }
            }
            guard let best else { continue }
            let cell = CellReference.name(column: run[0].column, row: row.number)
            found.append((OtherTable(sheet: best.sheet, cell: cell, row: row.number, texts: run.map(\.text), names: best.names,
                                     below: inside), best.key))
        }
        return found
    }

    /// Whether two or more of a row's cells are the header's names under their own columns
    /// (any capitals or spacing) while another holds something else: a second table's header.
    static func partlyRepeatsHeader(_ values: [CellValue?], _ headerAlike: [String]) -> Bool {
        var named = 0, other = 0
        for position in values.indices {
            guard let value = values[position] else { continue }
            if case .string(let text) = value, !headerAlike[position].isEmpty,
               PortfolioBuilder.isAlike(text, to: headerAlike[position]) {
                named += 1
            } else {
                other += 1
            }
        }
        return named >= 2 && other > 0
    }

    /// The cell where `row` starts a second table's header, and the columns it names: outside
    /// the header's columns, columns of `sheet` (by any of their names) that take in every
    /// column the sheet requires, at least two (beside the first table, or below a box the
    /// header was taken from); or three of the sheet's column names wherever they stand. Nil for
    /// any other row, notes and legends naming a column or two among them.
    static func secondHeader(_ row: Row, sheet: ContractSheet, headerColumns: Set<Int>)
        -> (place: String, names: [String], below: Bool)? {
        guard !headerColumns.isEmpty else { return nil }
        var names: [String] = [], outside: [String] = []
        var first: Int?, firstOutside: Int?
        for cell in row.cells {
            guard case .string(let text) = cell.value, text.utf8.count <= 60,
                  let name = sheet.column(forHeader: text) else { continue }
            if !names.contains(name) {
                names.append(name)
                if first == nil { first = cell.column }
            }
            if !headerColumns.contains(cell.column), !outside.contains(name) {
                outside.append(name)
                if firstOutside == nil { firstOutside = cell.column }
            }
        }
        if outside.count >= 2, let firstOutside,
           sheet.requiredColumns.allSatisfy({ group in group.contains { outside.contains($0) } }) {
            return (CellReference.name(column: firstOutside, row: row.number), outside, false)
        }
        // Three of the sheet's column names in one row, wherever they stand, are a header
        // too (explore-CF: a `Household | Cash | Withdrawal` box under the accounts became two
        // accounts, "Household" and "Chen").
        if names.count >= 3, let first { return (CellReference.name(column: first, row: row.number), names, true) }
        return nil
    }

    /// Whether a data row holds the header's own texts (at least two, and nothing else):
    /// the header repeated above another block. The first value settles most rows.
    static func repeatsHeader(_ values: [CellValue?], _ headerTexts: [String]) -> Bool {
        var matched = 0
        for position in values.indices {
            guard let value = values[position] else { continue }
            guard case .string(let text) = value, text == headerTexts[position] else { return false }
            matched += 1
        }
        return matched >= 2
    }

    /// The columns that name what a row is (an account, a symbol, a lot, a date): a row with
    /// none of them filled is no lot, account or target of its own.
    static let identityColumns: Set<String> = ["Account", "Symbol", "Lot ID", "Acquired", "Date", "Model", "Name",
                                               "Household", "Type", "Side", "Sector", "Group"]

    /// Sets aside total rows without a label (an Excel Table's totals row, `=SUM` under the
    /// figures): a row that names nothing (`identityColumns` all blank) whose every figure is
    /// the sum of its column over the rows above it, since the table began or since the last
    /// such row, of two rows or more (below a single row, a row that merely lacks its names
    /// stays the error it is). Read as rows, each was an error per column it lacked ("Symbol
    /// is blank"). Under a date column such a row may show the latest or earliest date of
    /// those rows (`=SUBTOTAL(104,…)`, an Excel Table's Max), which names no lot of its own.
    static func setAsideUnlabeledTotals(_ rows: inout [DataRow], skipped: inout [(Int, String)]) {
        guard let layout = rows.first?.layout else { return }
        let identity = layout.names.indices.filter { identityColumns.contains(layout.names[$0]) }
        let figures = layout.names.indices.filter { !identityColumns.contains(layout.names[$0]) }
        guard !identity.isEmpty, !figures.isEmpty else { return }
        func number(_ value: CellValue?) -> Double? {
            guard case .value(let n) = CellReader.number(value) else { return nil }
            return Double(n.text)
        }
        // An Excel table's totals row may count a column of names instead of labelling it (`8`
        // under Account, `=SUBTOTAL(103,…)`): read as a lot of account "8" it refused the book
        // with messages of blank cells (explore-BO).
        func blankOrCount(_ value: CellValue?, _ counts: [Double]) -> Bool {
            isBlank(value) || (number(value).map { counts.contains($0) } ?? false)
        }
        // An Excel Table's totals row with its label cleared may show under the lot's date the
        // latest of them (`=SUBTOTAL(104,…)`): it was refused as a lot whose Symbol is blank
        // (explore-CS). The serials are read in the 1900 system, the same for every row compared.
        let dates = identity.filter { ["Acquired", "Date"].contains(layout.names[$0]) }
        func date(_ value: CellValue?) -> CivilDate? {
            guard case .value(let day) = CellReader.date(value, uses1904: false) else { return nil }
            return day
        }
        // Most tables have no row that names nothing (or only a count): their figures are not summed.
        guard rows.dropFirst(2).contains(where: { row in
            identity.allSatisfy { position in
                isBlank(row.values[position]) || number(row.values[position]) != nil
                    || (dates.contains(position) && date(row.values[position]) != nil)
            }
        }) else { return }
        var sinceStart = [Double](repeating: 0, count: layout.names.count)
        var sinceTotal = sinceStart
        // The earliest and latest date under each date column, over the same rows as the sums.
        var spanSinceStart: [Int: ClosedRange<CivilDate>] = [:]
        var spanSinceTotal = spanSinceStart
        func isEndOfSpan(_ position: Int, _ value: CellValue?) -> Bool {
            guard dates.contains(position), let day = date(value) else { return false }
            return [spanSinceStart[position], spanSinceTotal[position]].contains { span in
                span.map { day == $0.lowerBound || day == $0.upperBound } ?? false
            }
        }
        var kept: [DataRow] = []
        var keptSinceTotal = 0
        for row in rows {
            let counts = [Double(kept.count), Double(keptSinceTotal)]
            let namesNothing = identity.allSatisfy { position in
                blankOrCount(row.values[position], counts) || isEndOfSpan(position, row.values[position])
            }
            if namesNothing, kept.count > 1 {
                let given = figures.compactMap { position in number(row.values[position]).map { (position, $0) } }
                let isSum = { (sums: [Double]) in
                    given.allSatisfy { position, value in abs(value - sums[position]) <= 0.005 + 1e-9 * abs(value) }
                }
                if given.contains(where: { $0.1 != 0 }), isSum(sinceTotal) || isSum(sinceStart) {
                    let named = given.sorted { layout.sheetColumns[$0.0] < layout.sheetColumns[$1.0] }.map { layout.names[$0.0] }
                    let listed = named.joinedAsList
                    skipped.append((row.number, "a total row without a label: its \(listed) "
                        + "\(named.count == 1 ? "is the sum" : "are the sums") of the rows above"))
                    sinceTotal = [Double](repeating: 0, count: layout.names.count)
                    spanSinceTotal = [:]
                    keptSinceTotal = 0
                    continue
                }
            }
            for position in figures {
                if let value = number(row.values[position]) {
                    sinceStart[position] += value
                    sinceTotal[position] += value
                }
            }
            for position in dates {
                guard let day = date(row.values[position]) else { continue }
                let widened = { (span: ClosedRange<CivilDate>?) in
                    span.map { min($0.lowerBound, day)...max($0.upperBound, day) } ?? day...day
                }
                spanSinceStart[position] = widened(spanSinceStart[position])
                spanSinceTotal[position] = widened(spanSinceTotal[position])
            }
            kept.append(row)
            keptSinceTotal += 1
        }
        if kept.count < rows.count {
            rows = kept
            skipped.sort { $0.0 < $1.0 }
        }
    }

    /// Whether every value of a row is what a formula referring to an empty cell shows: the
    /// number 0, blank text, a date of day zero (a time of 00:00), or an error; at least one.
    static func holdsOnlyFillValues(_ values: [CellValue?]) -> Bool {
        var any = false
        for value in values {
            switch value {
            case nil: continue
            case .number(let n, _)?: guard n == 0 else { return false }
            case .string(let text)?: guard text.trimmingWhitespace().isEmpty else { return false }
            case .error?: break
            case .date(let date)?: guard date.isTimeOnly, date.milliseconds == 0 else { return false }
            default: return false
            }
            any = true
        }
        return any
    }

    /// Whether a row's values are formulas with no saved result and blanks only, with nothing
    /// under any required column.
    static func holdsOnlyUnsavedFormulas(_ values: [CellValue?], required: [[Int]]) -> Bool {
        var formulas = 0
        for value in values {
            switch value {
            case nil: continue
            case .formulaWithoutValue?, .uncalculatedFormula?: formulas += 1
            case .string(let text)? where text.trimmingWhitespace().isEmpty: continue
            default: return false
            }
        }
        guard formulas > 0 else { return false }
        return required.allSatisfy { group in group.allSatisfy { values[$0] == nil || isBlank(values[$0]) } }
    }

    /// Whether a row has no value under some required column (or either of a pair), given
    /// by their positions in its values.
    static func lacksRequired(_ values: [CellValue?], _ required: [[Int]]) -> Bool {
        for group in required {
            var empty = true
            for position in group {
                if case .some = values[position] {
                    empty = false
                    break
                }
            }
            if empty { return true }
        }
        return false
    }

    /// The words a spreadsheet's subtotal rows add to the value they close (`VTI Total`,
    /// `CHEN-TAX Count`), one for each of its subtotal functions: Excel's, and LibreOffice's
    /// (`VTI Sum`, `VTI StDev`, and `VTI Result` for a row that totals several columns).
    static let subtotalWords: Set<String> = [
        "total", "count", "average", "max", "min", "sum", "product", "stddev", "stddevp", "stdev", "stdevp",
        "var", "varp", "result",
    ]

    /// Whether a cell holds nothing but spaces, or nothing.
    private static func isBlank(_ value: CellValue?) -> Bool {
        guard let value else { return true }
        if case .string(let text) = value { return text.trimmingWhitespace().isEmpty }
        return false
    }

    /// What LibreOffice's Subtotals writes for the group of rows whose value is blank
    /// (`(empty) Sum` below the Model's CASH row, which has no Sector).
    static let emptyGroupWord = "(empty)"

    /// Why a row is a subtotal row a spreadsheet's Subtotal command wrote, or nil: under some
    /// column it holds the value of the row above it with a function's word after
    /// (`VTI Total` below a VTI lot). The previous row's value must match, so a name that
    /// merely ends in `Total` is still read.
    static func subtotalReason(_ values: [CellValue?], after previous: [CellValue?]) -> String? {
        for position in values.indices {
            if case .string(let text)? = values[position], SheetTable.isBlank(previous[position]) {
                let words = text.trimmingWhitespace().lowercased().split(separator: " ", omittingEmptySubsequences: true)
                if words.count == 2, words[0] == emptyGroupWord, subtotalWords.contains(String(words[1])) {
                    return "a subtotal row (\"\(text.trimmingWhitespace().prefix(40))\")"
                }
                continue
            }
            // Most rows repeat or change a name of another length: the lengths settle them.
            guard case .string(let text)? = values[position], case .string(let above)? = previous[position],
                  text.utf8.count > above.utf8.count + 1 else { continue }
            let name = above.trimmingWhitespace()
            let written = text.trimmingWhitespace()
            guard !name.isEmpty, written.count > name.count + 1,
                  written.prefix(name.count).lowercased() == name.lowercased() else { continue }
            let rest = written.dropFirst(name.count)
            guard rest.first == " ", subtotalWords.contains(String(rest.dropFirst()).trimmingWhitespace().lowercased()) else { continue }
            return "a subtotal row (\"\(written.prefix(40))\")"
        }
        return nil
    }

    /// Why a Model row is one a PM groups the model's rows with, or nil: a class's title,
    /// words under Symbol and nothing else on the row (`US Equity`, `Bonds`), or its subtotal,
    /// words ending in Total or Subtotal under Symbol (`US Equity Total`, with the class's
    /// weight). Words are text with a space, or with capitals and small letters both: a
    /// ticker is one word of capitals (`VTI`), so a model symbol left without its target is
    /// still an error, not taken for a title.
    ///
    /// A class's title may stand alone in the Model column instead, above rows that name their
    /// model (`Fixed Income` in A4 over `Core Balanced | BND`): words naming none of
    /// `modelNames` (the Accounts sheet's models, as a wide column's header names one). It was
    /// refused as a target with no Symbol, at the blank Symbol cell (explore-EM). A model's
    /// name alone there is no class: it stays a row, refused at its cell.
    static func modelGroupingReason(_ values: [CellValue?], layout: RowLayout, modelNames: [String]) -> String? {
        guard let position = layout.position(of: "Symbol") else { return nil }
        guard case .string(let raw)? = values[position] else {
            guard let column = layout.position(of: "Model"), case .string(let raw)? = values[column],
                  values.indices.allSatisfy({ $0 == column || values[$0] == nil }) else { return nil }
            let text = raw.trimmingWhitespace()
            guard isTitleWords(text), SheetTable.model(headedBy: text, among: modelNames) == nil else { return nil }
            return "the title of the model's rows below (\"\(text.excerpt)\")"
        }
        let text = raw.trimmingWhitespace()
        guard isTitleWords(text) else { return nil }
        let lower = text.lowercased()
        if text.contains(where: \.isWhitespace), lower.hasSuffix(" total") || lower.hasSuffix(" subtotal") {
            return "a subtotal of the model's rows (\"\(text.excerpt)\")"
        }
        for (other, value) in values.enumerated() where other != position && value != nil { return nil }
        return "the title of the model's rows below (\"\(text.excerpt)\")"
    }

    /// Whether a Model cell's text is words, as a class's title is, not a ticker: a space, or
    /// capitals and small letters both (`US Equity`, `Bonds`; not `VTI`).
    static func isTitleWords(_ text: String) -> Bool {
        text.contains(where: \.isWhitespace) || (text.contains(where: \.isUppercase) && text.contains(where: \.isLowercase))
    }

    /// Whether an Account column's header names the account by its name (`Account Name`,
    /// `Acct Title`), not by its ID or number.
    static func namesAccountByName(_ header: String) -> Bool {
        ColumnSpec.accountNameSynonyms.contains(HeaderName.normalize(header).key)
    }

    /// Whether a header is a contract column's own name (`Target`, `target`, `TARGET %`), not
    /// one of its other names; likewise a sheet's name and a contract sheet's.
    static func isCanonical(_ header: String, of column: String) -> Bool {
        HeaderName.normalize(header).key == HeaderName.normalize(column).key
    }

    /// Whether a header read as a column names it as plainly as the contract's own name:
    /// `Household Name` and `HH Name` are the Household, beside a `Client Name` or `Family
    /// Name` that may hold each person's.
    static func namesPlainly(_ header: String, _ column: String) -> Bool {
        if isCanonical(header, of: column) { return true }
        return column == "Household" && ["householdname", "hhname"].contains(HeaderName.normalize(header).key)
    }

    /// Whether a cell holds no amount: blank, `--`, or 0.
    static func holdsNothing(_ value: CellValue?) -> Bool {
        switch CellReader.number(value) {
        case .empty: return true
        case .value(let number): return !number.text.contains(where: { $0 >= "1" && $0 <= "9" })
        case .problem: return false
        }
    }

    /// The figures and the name a data row of each sheet has, by which a row of words is no
    /// data row (the Settings, Accounts and Securities sheets may hold rows of words alone).
    static let subHeaderColumns: [ContractSheet: (figures: [String], name: String)] = [
        .lots: (["Quantity", "Cost Basis", "Unit Cost", "Acquired"], "Symbol"), .model: (["Target"], "Symbol"),
        .prices: (["Price"], "Symbol"), .transactions: (["Date", "Quantity"], "Symbol"),
        .manualTrades: (["Quantity", "Amount"], "Symbol"), .groups: (["Max Weight"], "Exposure Group"),
        .sectors: (["Band"], "Sector"),
    ]

    /// The words of a row right under the header that continues it rather than starting the
    /// data: every cell text, none under a figure column reading as a number or date, and
    /// the name column blank, in brackets or naming its column again beside a word under a
    /// figure (`Per Share | Total` under a `Cost` merged over two columns, `Ticker` or not
    /// under `Symbol`; `(shares) | ($ total)`). Nil for any other row. Read as data, such a
    /// row was set aside as a footer (`Total`) and the merged `Cost` read as the lot's basis.
    static func subHeaderWords(of row: Row, values: [CellValue?], sheet: ContractSheet, layout: RowLayout) -> [String]? {
        guard let columns = subHeaderColumns[sheet] else { return nil }
        var words: [String] = []
        for cell in row.cells {
            guard case .string(let text) = cell.value else { return nil }
            let trimmed = text.trimmingWhitespace()
            if !trimmed.isEmpty { words.append(trimmed) }
        }
        // Column names are a few words each, and a header's second row names two or more, or
        // a unit in brackets: one sentence under the header (`No activity in this period`) is
        // no header.
        guard words.count >= 2 || words.first?.hasPrefix("(") == true,
              words.allSatisfy({ $0.split(separator: " ").count <= 4 }) else { return nil }
        var figureWords = 0
        for figure in columns.figures {
            guard let position = layout.position(of: figure), case .string(let text)? = values[position] else { continue }
            if case .value = CellReader.numberText(text) { return nil }
            if case .value = CellReader.dateText(text) { return nil }
            if case .empty = CellReader.numberText(text) { continue }
            figureWords += 1
        }
        // A name column that names itself again (`Ticker | Description` under a `Symbol` merged
        // over two columns), beside a word under a figure (`Per Share`), is the header's second
        // row too: taken for data, the row was set aside as a footer for its `Total` and the
        // merged `Cost` over `Per Share` read as each lot's basis (explore-CS).
        if let position = layout.position(of: columns.name), case .string(let name)? = values[position] {
            let trimmed = name.trimmingWhitespace()
            guard trimmed.hasPrefix("(") || (figureWords > 0 && namesANameColumn(trimmed)) else { return nil }
        }
        return words
    }

    /// Whether `text` is a word that heads a column of names (`Ticker`, `Symbol`, `Description`,
    /// `Security Name`) rather than any security's symbol or name.
    static func namesANameColumn(_ text: String) -> Bool {
        titleLabelWords.contains(text.lowercased()) || nameColumnKeys.contains(HeaderName.normalize(text).key)
    }

    /// The header names of a column of symbols or of securities' names, normalized.
    static let nameColumnKeys: Set<String> = Set(ColumnSpec.symbol.synonyms
        + ContractSheet.securities.columns.first { $0.name == "Name" }!.synonyms
        + ["securitydesc", "desc", "investment", "investmentname", "holdingname", "fundname"])

    /// The first of `unknown` header cells whose column holds, in `rows`, only words, some of
    /// them a buy or a sell (`Purchase`, `Sale`), with its different words, those first; nil
    /// when none does.
    static func sideColumn(among unknown: [(String, String)], below rows: [Row]) -> (String, String, [String])? {
        for (text, place) in unknown {
            guard let column = CellReference.column(of: place) else { continue }
            var tradeWords: [String] = [], otherWords: [String] = []
            var numbers = 0
            for row in rows {
                guard let cell = row.cells.first(where: { $0.column == column }) else { continue }
                guard case .string(let raw) = cell.value else { numbers += 1; continue }
                let word = raw.trimmingWhitespace()
                guard !word.isEmpty, !tradeWords.contains(word), !otherWords.contains(word) else { continue }
                if PortfolioBuilder.side(word) != nil { tradeWords.append(word) } else { otherWords.append(word) }
            }
            if !tradeWords.isEmpty, numbers == 0 { return (text, place, tradeWords + otherWords) }
        }
        return nil
    }

    /// Columns whose figure moves money: one left unread under another name (`Cash Bal.`,
    /// `Withdrawal ($000)`) is an error, not a warning.
    static let moneyColumns: Set<String> = ["Cash", "Withdrawal", "Tax Budget", "Realized ST YTD", "Realized LT YTD",
                                            "ST Loss Carryforward", "LT Loss Carryforward"]

    /// Words that say a header may be one of a required group's columns.
    static let requiredColumnHints: [String: Set<String>] = [
        "Account": ["account", "acct", "portfolio"],
        "Symbol": ["symbol", "ticker", "security", "cusip"],
        "Quantity": ["quantity", "qty", "shares", "units", "par"],
        "Amount": ["amount", "amt", "dollars", "notional"],
        "Cost Basis": ["cost", "basis", "paid"],
        "Unit Cost": ["cost", "basis", "paid"],
        "Acquired": ["acquired", "acquisition", "acq", "date", "dt", "opened", "open", "purchase", "purchased", "bought"],
        "Target": ["target", "weight", "allocation", "wt"],
        "Price": ["price", "close", "last", "px"],
        "Date": ["date", "dt", "day"],
        "Side": ["side", "action", "type", "activity"],
        "Model": ["model", "strategy"],
    ]

    /// Words that mark a column as another version of one the sheet has: newer, planned or
    /// dated (`New`, `Revised`, `Proposed`, `Pro Forma`, a month).
    static let newerWords: Set<String> = ["new", "revised", "proposed", "updated", "latest", "amended", "next", "future",
                                          "draft", "pro", "forma", "proforma", "planned", "recommended", "rebalanced",
                                          "approved", "q1", "q2", "q3", "q4",
                                          "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
                                          "nov", "dec", "january", "february", "march", "april", "june", "july",
                                          "august", "september", "october", "november", "december"]

    /// The errors of a Settings column of the tax budget already used or still left (`Used
    /// YTD`, `Spent to Date`, `Remaining`), one at each figure in the Tax Budget row (a cell of
    /// `cells`, the column's cells by row). Passed over with an Info line, the run spent the
    /// whole $3,000 where $2,500 was used, as the key `Tax Budget Used YTD`, an error, would
    /// have had it (explore-EA). Which budget Value then holds, the year's or what is left, is
    /// the PM's to say. (`Actual YTD` had been refused as a rival Tax Budget, asking for this
    /// run's under Value as if the column held one.)
    static func budgetUsedColumnErrors(_ text: String, column: Int, sheetName: String, cells: [(row: Int, value: CellValue)],
                                       rows: [DataRow]) -> [(place: String, message: String)] {
        var errors: [(place: String, message: String)] = []
        for (row, other) in cells {
            guard let data = rows.first(where: { $0.number == row }),
                  case .value(let keyText) = CellReader.text(data["Setting"]),
                  SettingKey.matching(keyText) == .taxBudget, couldHold(.taxBudget, other),
                  case .value(let figure) = CellReader.text(other) else { continue }
            // Nothing used, or all of Value left: Value already is what this run may spend,
            // and the figure changes nothing; each had been refused (explore-EF).
            if case .number(let amount)? = settingReading(.taxBudget, other) {
                let saysLeft = !headerWords(text).isDisjoint(with: budgetLeftWords)
                if !saysLeft, amount == 0 { continue }
                if saysLeft, case .number(let held)? = settingReading(.taxBudget, data["Value"]), abs(held - amount) < 0.005 {
                    continue
                }
            }
            var value = "nothing"
            if case .value(let held) = CellReader.text(data["Value"]) { value = "\"\(held.excerpt)\"" }
            errors.append(("\(sheetName)!\(CellReference.name(column: column, row: row))", "The column \"\(text.excerpt)\" "
                + "gives \"\(figure.excerpt)\" as the tax budget used or left, which the tool does not read: it reads the "
                + "Tax Budget under Value (\(data.place("Value")), \(value)) as the net new tax this run may realize in "
                + "each account. Write under Value what this run may still spend (the year's budget less what is used), "
                + "and clear this cell. Left unread, the run would spend the whole Tax Budget."))
        }
        return errors
    }

    /// The errors of a Settings column of values meant to win over Value's (`Override`, `This
    /// Run`, `Final`, `Approved`), one at each cell its row's setting could hold that says
    /// other than Value. Ignored with an Info line, the plan spent the Value column's $1,000
    /// budget where the PM had written $500 under Override (explore-DV). The tool does not guess
    /// which counts, as for `Value | New Value`; where they agree, or the column is a default's,
    /// a note's or last quarter's, it is ignored as before. (Not a cell the row's setting could
    /// not hold, a date beside a rate or a sign-off's Yes beside Min Trade, see `couldHold`.)
    static func valueThatWinsErrors(_ text: String, column: Int, sheetName: String, cells: [(row: Int, value: CellValue)],
                                    rows: [DataRow]) -> [(place: String, message: String)] {
        func settingKey(_ row: Int) -> SettingKey? {
            guard let data = rows.first(where: { $0.number == row }),
                  case .value(let keyText) = CellReader.text(data["Setting"]) else { return nil }
            return SettingKey.matching(keyText)
        }
        // Yes/No words in rows whose setting takes none (`Approved` Yes beside the As Of Date,
        // the Tax Budget, Lot Method): a sign-off column, whose Yes beside a Fractional Shares
        // of No is a tick, not a value; it had refused the book (explore-EF).
        let signOff = cells.contains { row, other in
            guard let key = settingKey(row), !couldHold(key, other), case .value = CellReader.flag(other) else { return false }
            if case .value = CellReader.number(other) { return false }
            return true
        }
        guard !signOff else { return [] }
        func shown(_ cell: CellValue?) -> String {
            if case .value(let text) = CellReader.text(cell) { return "\"\(text.excerpt)\"" }
            return "nothing"
        }
        var errors: [(place: String, message: String)] = []
        // Every cell the row's setting could hold is compared, as Value would read it: an `N`,
        // `No Limit` or `First In First Out` had been passed over as no figure, and the PM's
        // override silently ignored (explore-EF). (A Price API row's note is no figure of it:
        // there only what `isFigure` takes is compared.)
        for (row, other) in cells {
            guard let data = rows.first(where: { $0.number == row }), let key = settingKey(row), couldHold(key, other),
                  SettingsLayout.isFigure(other) || ![.priceAPIURL, .priceAPIFormat, .priceAPIField].contains(key)
            else { continue }
            let value = data["Value"]
            let blank: Bool
            if case .value = CellReader.text(value) { blank = false } else { blank = true }
            guard blank || settingsDiffer(key, value, other) else { continue }
            errors.append(("\(sheetName)!\(CellReference.name(column: column, row: row))", "The column \"\(text.excerpt)\" holds "
                + "\(shown(other)) for \(key.rawValue), where Value holds \(shown(value)) (\(data.place("Value"))): the tool "
                + "reads Value and does not guess which counts. Write this run's \(key.rawValue) under Value, and delete or "
                + "rename the column \"\(text.excerpt)\"."))
        }
        return errors
    }

    /// Whether a Settings column's header says its values win over the Value column's
    /// (`Override`, `This Run`, `Current`, `Final`, `Approved`, `Revised`, `Q4`): not one that
    /// says it is a default, a note or an old value (`Default`, `Notes`, `Last Quarter`).
    static func saysValueThatWins(_ header: String) -> Bool {
        let words = headerWords(header)
        guard words.isDisjoint(with: SettingsLayout.notThisRunWords), words.isDisjoint(with: noteWords) else { return false }
        let wins: Set<String> = ["override", "overrides", "overridden", "final", "adjusted", "actual", "effective", "this",
                                 "confirmed", "agreed", "manual", "use", "custom", "user", "your"]
        return !words.isDisjoint(with: wins) || !words.isDisjoint(with: newerWords) || !words.isDisjoint(with: currentWords)
    }

    /// Words that mark a Settings column as notes on the settings, not values of them.
    static let noteWords: Set<String> = ["note", "notes", "comment", "comments", "description", "explanation", "source",
                                         "unit", "units", "remark", "remarks", "reason", "rationale", "help", "meaning", "next",
                                         "future"]

    /// Whether a Settings column's header says it holds a budget already used or still left
    /// (`Used YTD`, `Spent to Date`, `YTD`, `Remaining`, `Left`), as the key `Tax Budget Used
    /// YTD` does: not a note's, a default's or an old year's (`Used Last Year`).
    static func saysBudgetUsedOrLeft(_ header: String) -> Bool {
        let words = headerWords(header)
        guard words.isDisjoint(with: SettingsLayout.notThisRunWords), words.isDisjoint(with: noteWords) else { return false }
        // Tax already realized or paid, and a period to date (`Year to Date`, `To Date`, `QTD`,
        // `Realized So Far`, `Taxes Paid`): each had been passed over, and the whole Tax Budget
        // spent (explore-EF).
        if words.isSuperset(of: ["to", "date"]) || words.isSuperset(of: ["so", "far"]) { return true }
        return !words.isDisjoint(with: ["used", "spent", "remaining", "left", "consumed", "utilized", "utilised", "ytd",
                                        "balance", "remainder", "unused", "qtd", "mtd", "realized", "realised", "paid",
                                        "incurred"])
    }

    /// Words that mark a budget column as what is left, not what is used.
    static let budgetLeftWords: Set<String> = ["remaining", "left", "balance", "remainder", "unused"]

    /// Whether a cell could be `key`'s value, read as that setting's own Value is: a date in
    /// the As Of Date row, a number in a number setting's (a rate, an amount, a count of days),
    /// Yes/No in a Yes/No setting's, a Lot Method or Rebalance To word in theirs. Only such a
    /// cell is a rival to Value in a column headed as the value that wins; any other is a note
    /// (a change log's `Effective Date` 2026-01-01 beside a rate, a sign-off's `Approved` Yes
    /// beside Min Trade), where each had refused the book (explore-EA).
    static func couldHold(_ key: SettingKey, _ cell: CellValue) -> Bool {
        settingReading(key, cell) != nil
    }

    /// What the tool reads a cell as under `key`, as that setting's own Value is read: a
    /// date, Yes or No, a Lot Method or Rebalance To, a number (a fraction as its percent),
    /// or nil where the setting could not hold the cell.
    enum SettingReading: Equatable {
        case date(CivilDate), flag(Bool), word(String), number(Double), unlimited
    }

    /// `cell` read as `key`'s Value would be, or nil where the setting could not hold it.
    static func settingReading(_ key: SettingKey, _ cell: CellValue?) -> SettingReading? {
        guard let cell else { return nil }
        switch key {
        case .asOf:
            if case .value(let day) = CellReader.date(cell, uses1904: false) { return .date(day) }
            return nil
        case .fractionalShares, .harvestLosses, .allowStalePrices:
            if case .value(let flag) = CellReader.flag(cell) { return .flag(flag) }
            return nil
        case .lotMethod:
            guard case .value(let t) = CellReader.text(cell), let method = LotMethod(workbookName: t) else { return nil }
            return .word(method.rawValue)
        case .rebalanceTo:
            guard case .value(let t) = CellReader.text(cell) else { return nil }
            let word = HeaderName.normalize(t).key
            guard ["target", "bandedge", "edge", "band"].contains(word) else { return nil }
            return .word(word == "target" ? "target" : "bandedge")
        case .priceAPIURL, .priceAPIFormat, .priceAPIField:
            if case .value(let t) = CellReader.text(cell) { return .word(t.lowercased()) }
            return nil
        case .shortTermRate, .longTermRate, .taxBudget, .minTrade, .defaultBand, .cashTarget, .harvestMinLoss,
             .harvestMinLossPercent, .washSaleDays, .priceMaxAgeDays:
            // A date is no figure of these, a date cell or a date typed as text alike.
            if case .date = cell { return nil }
            let reading = key == .washSaleDays || key == .priceMaxAgeDays
                ? CellReader.number(cell, withUnitOf: CellReader.dayUnits).reading : CellReader.number(cell)
            if case .value(let n) = reading, let figure = Double(n.text) {
                return .number(n.form == .fraction ? figure * 100 : figure)
            }
            // `Unlimited`, and the `None` whose meaning the Tax Budget's reading asks for.
            if key == .taxBudget, case .string(let raw) = cell {
                let word = HeaderName.normalize(raw).key
                if ["unlimited", "nolimit", "nocap", "uncapped", "nomaximum", "nomax"].contains(word) { return .unlimited }
                if ["none", "nil"].contains(word) { return .word("none") }
            }
            return nil
        }
    }

    /// Whether two cells of a setting's row say different things as the tool reads that
    /// setting: `FALSE` beside `No`, a date typed as text beside a date cell, `5,000` beside
    /// 5000 agree, where their texts had been compared and the book refused (explore-EF).
    static func settingsDiffer(_ key: SettingKey, _ a: CellValue?, _ b: CellValue?) -> Bool {
        if let x = settingReading(key, a), let y = settingReading(key, b) {
            if case .number(let first) = x, case .number(let second) = y {
                return abs(first - second) > 1e-9 * max(1, abs(first), abs(second))
            }
            return x != y
        }
        return differ(a, b)
    }

    /// Words that mark a column as the current figure of one the sheet has.
    static let currentWords: Set<String> = ["current", "available", "avail", "today", "todays", "live", "realtime"]

    /// A header less the words that mark it as a column's current figure (`Current Qty` is
    /// `Qty`), or nil when it has none of them, or nothing else.
    static func withoutCurrentWords(_ header: String) -> String? {
        let words = header.split(whereSeparator: { " _-():,'".contains($0) })
        let kept = words.filter { !currentWords.contains($0.lowercased()) }
        return kept.count < words.count && !kept.isEmpty ? kept.joined(separator: " ") : nil
    }

    /// A header less the words and dates that mark it as another version of a column (`New
    /// Target` is `Target`, `Cash 11/20` is `Cash`, `Target (Dec 2026)` is `Target`), or nil
    /// when it has none of them, or nothing else.
    static func withoutNewerWords(_ header: String) -> String? {
        var kept: [Substring] = []
        var dropped = false
        for word in header.split(whereSeparator: { " _-():,".contains($0) }) {
            let isDate = word.contains(where: \.isNumber) && word.allSatisfy { $0.isNumber || $0 == "/" || $0 == "." }
                && (word.contains("/") || word.count == 4)
            // A version's number (`Target v2`) marks one too (explore-BM: read as no column).
            let lower = word.lowercased()
            let isVersion = lower.count >= 2 && lower.first == "v" && lower.dropFirst().allSatisfy(\.isASCIIDigit)
            if isDate || isVersion || newerWords.contains(lower) {
                dropped = true
            } else {
                kept.append(word)
            }
        }
        return dropped && !kept.isEmpty ? kept.joined(separator: " ") : nil
    }

    /// Whether two columns read as `name` that disagree are refused rather than one read: unless
    /// the one read is named as the contract names it (`Target` beside a `Weight` that is the
    /// current weight, `Price` beside `Close`) and the other is not, the tool would be
    /// guessing by position; and even then, a hidden one beside one in view (a stale
    /// `Quantity` hidden beside the `Qty` kept up), a dated, current or newer one, or an
    /// adjusted figure (`Adjusted Cost Basis`: the basis the tax law counts after a wash sale)
    /// is no safe pick.
    static func refusesDisagreement(read: (text: String, column: Int), other: (text: String, column: Int), name: String,
                                    hidden: [ClosedRange<Int>]) -> Bool {
        // A second Name or Source changes nothing the plan does (explore-BP: refused).
        if name == "Name" || name == "Source" { return false }
        guard namesPlainly(read.text, name) else { return true }
        // Two headed alike (a summary's `Symbol | Quantity` left of the lots' own, a second
        // `Target`), or the other saying it is the current figure (`Current Price` beside
        // `Price`, `Cash Available` beside `Cash`): the first had been read by its place
        // (explore-BO: a lot read at the summary's 150 shares for its 100; explore-BM).
        if isCanonical(other.text, of: name) { return true }
        // Two dates for one price (`Price Date` 11/13 beside `As Of` 11/20): the older may make it
        // stale, and the As Of had been taken with a warning (explore-BM).
        if name == "As Of" { return true }
        // A trade's own date beside a plain `Date` (an export's posting or settlement date):
        // the windows run from the trade date, and the `Date` had been read with a warning,
        // a buy 32 days back blocking a harvest the law allows (explore-DM). As `Run Date`
        // beside `Trade Date` is, the two are asked about where they differ.
        if name == "Date", headerWords(other.text).contains("trade") { return true }
        if !headerWords(other.text).isDisjoint(with: currentWords) { return true }
        // A newer version beside it: which one the run means is the PM's to say.
        if withoutNewerWords(other.text) != nil { return true }
        let isHidden = { (column: Int) in hidden.contains { $0.contains(column) } }
        if isHidden(read.column), !isHidden(other.column) { return true }
        return !headerWords(other.text).isDisjoint(with: ["adjusted", "adj"])
    }

    /// Whether two cells of one row, under two columns read as one name, say different
    /// things: two numbers that differ, or two texts that differ but for case. A blank beside
    /// a value is no disagreement (an Adjusted Cost Basis left blank where nothing changed).
    static func differ(_ a: CellValue?, _ b: CellValue?) -> Bool {
        if case .value(let x) = CellReader.number(a), case .value(let y) = CellReader.number(b) {
            let first = x.form == .fraction ? Double(x.text).map { $0 * 100 } : Double(x.text)
            let second = y.form == .fraction ? Double(y.text).map { $0 * 100 } : Double(y.text)
            if let first, let second { return abs(first - second) > 1e-9 * max(1, abs(first), abs(second)) }
        }
        guard case .value(let x) = CellReader.text(a), case .value(let y) = CellReader.text(b) else { return false }
        return x.lowercased() != y.lowercased()
    }

    /// Whether two cells read as an account's Type say different tax treatments: a
    /// registration beside a tax status (`Joint` and `Taxable`, `Rollover IRA` and `Tax
    /// Deferred`) agree, as the plan only asks whether sales are taxed (explore-BR: refused).
    static func typesDiffer(_ a: CellValue?, _ b: CellValue?) -> Bool {
        /// Whether a Type cell's words say sales are taxed: a type or registration, or a tax
        /// status (`Tax-Deferred` names no one type, read alone, but says untaxed beside one).
        func taxed(_ text: String) -> Bool? {
            if let reading = AccountType.reading(text) { return reading.type.isTaxed }
            switch HeaderName.normalize(text).key {
            case "taxed", "fullytaxable", "nonexempt": return true
            case "taxdeferred", "taxfree", "taxexempt", "nontaxable", "deferred", "exempt", "qualified", "pretax",
                 "retirement", "taxadvantaged", "taxsheltered": return false
            default: return nil
            }
        }
        if case .value(let x) = CellReader.text(a), case .value(let y) = CellReader.text(b),
           let first = taxed(x), let second = taxed(y) {
            return first != second
        }
        return differ(a, b)
    }

    /// Of a group of columns one of which a header may be, the one it most likely is: a cost
    /// per share (`Cost Basis/Share`, `Cost ($/sh)`, `Avg Cost`) is the Unit Cost, where the
    /// group's first name sent the PM to rename a per-share column Cost Basis, every lot's
    /// basis then a share's.
    static func likelyColumn(_ header: String, of group: [String]) -> String {
        let words = headerWords(header)
        if group.contains("Unit Cost"), !words.isDisjoint(with: perShareWords) { return "Unit Cost" }
        // A cost given as a price (IBKR's `Cost Price`, `Average Price`) is one share's.
        if group.contains("Unit Cost"), words.contains("price") { return "Unit Cost" }
        // Else the group's column whose words it has (`Trade Amt` is the Amount of Quantity or Amount).
        return group.first { !(requiredColumnHints[$0] ?? []).isDisjoint(with: words) } ?? group[0]
    }

    /// Words that make a cost one per share.
    static let perShareWords: Set<String> = ["share", "shares", "sh", "per", "unit", "each", "avg", "average", "ps"]

    /// Whether a header gives its figures in thousands: `($000)`, `(000)`, `($K)`, `(K)`,
    /// `in thousands`, `000s`.
    static func isInThousands(_ header: String) -> Bool {
        // Each spelling holds a 0, a k or the h of thousand: most texts are passed over unread.
        guard header.utf8.contains(where: { $0 == UInt8(ascii: "0") || $0 | 0x20 == UInt8(ascii: "k") || $0 | 0x20 == UInt8(ascii: "h") })
        else { return false }
        let lower = header.lowercased()
        if lower.contains("thousand") || lower.contains("000s") { return true }
        let compact = lower.filter { !$0.isWhitespace }
        return ["($000)", "(000)", "($k)", "(k)", "(000s)", "($000s)", "$000", "$k"].contains { compact.hasSuffix($0) }
    }

    /// The currency other than the US dollar a header names as its unit (`Price (CAD)`,
    /// `Price EUR`, `Local Price [GBp]`), upper-cased as ISO writes it; nil for none or USD.
    static func foreignCurrency(in header: String) -> String? {
        let words = header.split { !$0.isLetter }.map(String.init)
        guard words.count >= 2, let last = words.last, last.count == 3 else { return nil }
        let code = last.uppercased()
        return foreignCurrencyCodes.contains(code) ? (last == "GBp" ? "GBp (pence)" : code) : nil
    }

    /// ISO codes of currencies a custodian's or a price vendor's export carries beside dollars.
    static let foreignCurrencyCodes: Set<String> = [
        "CAD", "EUR", "GBP", "GBX", "JPY", "CHF", "AUD", "NZD", "HKD", "SGD", "SEK", "NOK", "DKK", "CNY", "CNH", "INR",
        "MXN", "BRL", "ZAR", "KRW", "TWD", "ILS", "PLN", "CZK", "HUF", "TRY", "ILA", "ZAC",
    ]

    /// How to make a column's figures whole dollars or shares when its header's unit says
    /// they are written in thousands (`($000)`, `('000)`, `[$K]`, `(USD 000)`, `x1000`), millions
    /// (`(MM)`, `($mm)`) or cents (`(¢)`, `(cents)`); nil for none. Only `($K)` and a few more
    /// had said to multiply: renamed as it stood, a basis in `('000)` was read at a thousandth
    /// (explore-AV).
    static func scaleAdvice(_ header: String) -> String? {
        let thousands = "multiply its figures by 1,000 (it is in thousands; the tool reads whole dollars and shares)"
        if isInThousands(header) { return thousands }
        let lower = header.lowercased().trimmingWhitespace()
        let compact = lower.filter { !$0.isWhitespace && $0 != "," }
        if compact.hasSuffix("x1000") || compact.hasSuffix("×1000") { return thousands }
        let cents = "divide its figures by 100 (it is in cents; the tool reads whole dollars)"
        if lower.contains("¢") { return cents }
        // The unit in the header's last brackets.
        guard let close = lower.last, close == ")" || close == "]",
              let open = lower.lastIndex(of: close == ")" ? "(" : "[") else { return nil }
        let unit = lower[lower.index(after: open)..<lower.index(before: lower.endIndex)]
            .filter { !$0.isWhitespace && !"$'’‘,".contains($0) }
        let bare = unit.hasPrefix("usd") ? String(unit.dropFirst(3)) : unit.hasSuffix("usd") ? String(unit.dropLast(3)) : unit
        if ["000", "000s", "k", "ks", "thou", "x1000", "1000s", "in000s"].contains(bare) { return thousands }
        if ["mm", "mil", "mln", "mn", "millions", "million", "x1000000"].contains(bare) {
            return "multiply its figures by 1,000,000 (it is in millions; the tool reads whole dollars and shares)"
        }
        if ["c", "cents", "cent"].contains(bare) { return cents }
        return nil
    }

    /// Whether a quantity's header names the shares still held (`Remaining Quantity`, `Open
    /// Qty`, `Shares Remaining`), not what a lot first held or a plain quantity.
    static func namesWhatIsHeld(_ header: String) -> Bool {
        let key = HeaderName.normalize(header).key
        return key.contains("remaining") || key.hasPrefix("open")
    }

    /// Whether a header names what a lot first held (`Original Qty`, `Initial Shares`).
    static func namesWhatWasFirst(_ header: String) -> Bool {
        !headerWords(header).isDisjoint(with: ["original", "orig", "initial"])
    }

    static func mayBe(_ header: String, _ group: [String]) -> Bool {
        let words = headerWords(header)
        // A date's column is no Side or Symbol, whatever else it says (`Activity/Trade Date`
        // was offered as E*TRADE's Side, explore-AR).
        if words.contains("date"), !group.contains(where: { ["Acquired", "Date", "As Of"].contains($0) }) { return false }
        return group.contains { column in !(requiredColumnHints[column] ?? []).isDisjoint(with: words) }
    }

    /// What a money column holds, as the error about it says it.
    static func moneyColumnPhrase(_ column: String) -> String {
        switch column {
        case "Realized ST YTD": return "short-term gain realized so far this year"
        case "Realized LT YTD": return "long-term gain realized so far this year"
        case "ST Loss Carryforward": return "short-term loss carried forward"
        case "LT Loss Carryforward": return "long-term loss carried forward"
        // Unread, the account takes the Settings budget (Unlimited by default), not none.
        case "Tax Budget": return "tax budget of the account's own (the Settings one would apply)"
        default: return column.lowercased()
        }
    }

    /// The Accounts column that moves money or tax, not among `present`, that an unread
    /// `header` most likely holds by its words: a realized gain so far this year (`Net ST
    /// G/L Realized`), a loss carried forward (`LT Cap Loss C/F`), a withdrawal (`Client
    /// Distribution`, `Cash Out`), a tax budget (`Tax Room`) or the cash (`Available Funds`);
    /// nil when none. Read as nothing, each changed the tax estimate, the budget's room or
    /// the cash raised without a word but a note.
    static func figureColumn(_ header: String, on sheet: ContractSheet, besides present: Set<String>) -> String? {
        guard sheet == .accounts else { return nil }
        let words = headerWords(header)
        let joined = words.joined()
        // The tax an account may still realize, by a word of its room (`Allowed Tax`, `Tax
        // Room`, `Tax Headroom`): read as nothing, the run took the Settings budget, Unlimited,
        // and sold $62,722.52 of tax's worth against a budget of $20,000 (explore-EM).
        if namesTaxRoom(words), !header.contains("%") { return present.contains("Tax Budget") ? nil : "Tax Budget" }
        // Neither a rate, a budget or a target, nor what is said about a figure (`Last
        // Distribution Date`, `RMD Taken YTD`, `Distribution Frequency`).
        guard words.isDisjoint(with: ["unrealized", "unrealised", "rate", "rates", "budget", "target", "pct", "percent",
                                      "date", "dates", "day", "days", "month", "frequency", "freq", "method", "schedule",
                                      "type", "taken", "paid", "last", "next", "note", "notes", "comment", "comments",
                                      "status", "instructions", "flag", "count", "code", "number", "id", "limit", "cap",
                                      "max", "maximum", "min", "minimum", "goal", "harvest"]),
              !header.contains("%") else { return nil }
        let withdrawalWords: Set<String> = ["withdrawal", "withdrawals", "withdraw", "distribution", "distributions", "rmd",
                                            "outflow", "outflows", "disbursement", "disbursements", "raise"]
        let cashNeeds: Set<String> = ["out", "need", "needed", "needs", "request", "requested", "required", "requirement"]
        // What was paid out, or how (`YTD Distributions`, `Dividend Distribution`, `Systematic
        // Withdrawal Plan`), is no amount to raise now.
        let pastOrManner: Set<String> = ["ytd", "satisfied", "plan", "option", "options", "dividend", "dividends", "income",
                                         "reinvest", "history", "ltm", "12m", "prior", "previous", "received", "made",
                                         "systematic", "recurring", "frequency", "account", "acct", "age", "year", "start",
                                         // Nor is what may be paid (`Available to Withdraw`: the cash, below).
                                         "available", "avail"]
        if (!words.isDisjoint(with: withdrawalWords) || (words.contains("cash") && !words.isDisjoint(with: cashNeeds))),
           words.isDisjoint(with: pastOrManner) {
            return present.contains("Withdrawal") ? nil : "Withdrawal"
        }
        // An account's cash by a broker's or a PM's other word for it (`Available Funds`, `Settled
        // Funds`, `Available to Trade`, `Liquidity`, `Balance`): read as nothing, every account
        // was planned with no cash (explore-EM). Beside a Cash column such a figure is most
        // likely another (the account's whole balance), and is passed over.
        if namesFunds(words) { return present.contains("Cash") ? nil : "Cash" }
        let short = !words.isDisjoint(with: ["st", "stcg", "stcl", "stgl", "stclcf"]) || joined.contains("shortterm")
            || (words.contains("short") && !words.contains("long"))
        let long = !words.isDisjoint(with: ["lt", "ltcg", "ltcl", "ltgl", "ltclcf"]) || joined.contains("longterm")
            || (words.contains("long") && !words.contains("short"))
        guard short != long else { return nil }
        let carried = joined.contains("carry") || header.lowercased().contains("c/f")
            || !words.isDisjoint(with: ["cf", "clcf", "stclcf", "ltclcf", "cfwd"])
        let realized = !words.isDisjoint(with: ["ytd", "realized", "realised", "gain", "gains", "gl", "stcg", "ltcg", "g"])
        let column: String
        if carried {
            column = short ? "ST Loss Carryforward" : "LT Loss Carryforward"
        } else if realized {
            column = short ? "Realized ST YTD" : "Realized LT YTD"
        } else {
            return nil
        }
        return present.contains(column) ? nil : column
    }

    /// Whether an Accounts header's words name the tax an account may still realize: a word of
    /// tax with one of its room (`Allowed Tax`, `Tax Room`, `Tax Headroom`, `Available Tax`,
    /// `Tax Capacity`). Not a rate, a tax paid or owed, nor a harvest's (`Tax Rate`, `Tax
    /// Withheld`, `Max Tax Loss`).
    static func namesTaxRoom(_ words: Set<String>) -> Bool {
        !words.isDisjoint(with: ["tax", "taxes"]) && !words.isDisjoint(with: roomWords)
            && words.isDisjoint(with: ["rate", "rates", "bracket", "pct", "percent", "paid", "withheld", "withholding",
                                       "owed", "due", "estimated", "est", "estimate", "date", "id", "number", "status",
                                       "type", "method", "lot", "lots", "loss", "losses", "harvest", "harvesting", "drag",
                                       "alpha", "deferred", "exempt", "free", "used", "spent", "ytd"])
    }

    /// Words of what may still be spent of a limit (`Allowed`, `Room`, `Remaining`, `Budget`).
    static let roomWords: Set<String> = [
        "allowed", "allowable", "allowance", "room", "headroom", "capacity", "permitted", "permissible", "available",
        "avail", "remaining", "left", "unused", "budget", "budgeted", "limit", "cap", "ceiling", "max", "maximum",
    ]

    /// Whether an Accounts header's words name the account's cash by another word for it:
    /// funds, liquidity, a balance, what is available (`Available Funds`, `Funds Available`,
    /// `Settled Funds`, `Available to Trade`, `Free Credit Balance`, `Balance`). Not a total or
    /// a holding's value (`Account Balance`, `Total Balance`, `Net Liquidity`), a year's or a
    /// loan's (`Prior Year-End Balance`, `RMD Balance`, `Margin Balance`), a reserve, or a
    /// tax's (`Tax Available`, which is a budget's).
    static func namesFunds(_ words: Set<String>) -> Bool {
        !words.isDisjoint(with: ["funds", "liquidity", "balance", "bal", "available", "avail", "uninvested", "spendable"])
            && words.isDisjoint(with: ["total", "value", "market", "mkt", "mv", "aum", "asset", "assets", "portfolio",
                                       "account", "acct", "net", "equity", "securities", "holdings", "invested", "ending",
                                       "beginning", "opening", "closing", "year", "yearend", "prior", "previous", "ytd",
                                       "rmd", "loan", "margin", "reserve", "buffer", "fee", "fees", "tax", "taxes",
                                       "shares", "units", "qty", "as", "asof"])
    }

    /// Words of column names too common to tell one column from another.
    static let commonWords: Set<String> = [
        "account", "name", "type", "date", "id", "value", "total", "of", "and", "the", "st", "lt", "ytd", "term", "rate",
        "symbol", "price", "short", "long", "loss", "tax", "max", "group", "min", "trade", "trades", "method", "to", "pct",
    ]

    /// Whether a Lots header names a wash-sale-adjusted acquisition date the synonyms do not
    /// list: a word of adjustment (`Adj`, `Adjusted`) with a word of acquisition or of date,
    /// and no word of a price, cost, value or window, which such a date may date.
    static func namesAdjustedDate(_ header: String) -> Bool {
        let words = headerWords(header)
        return !words.isDisjoint(with: ["adj", "adjusted"])
            && !words.isDisjoint(with: ["acq", "acquired", "acquisition", "purchase", "purchased", "opened", "date", "dt"])
            && words.isDisjoint(with: ["price", "cost", "basis", "value", "amount", "gain", "loss", "proceeds", "close",
                                       "closing", "end", "window", "expiry", "expiration", "sold", "sale", "settle",
                                       "settlement"])
    }

    /// A header's words, lower case: its runs of letters and digits (`YTD ST G/L` → ytd, st, g, l).
    static func headerWords(_ header: String) -> Set<String> {
        Set(header.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    /// The contract column of `sheet`, not among `present`, whose name shares a telling word
    /// with `header` (`Withdrawal Request` → Withdrawal); nil when none does.
    static func nearColumn(_ header: String, on sheet: ContractSheet, besides present: Set<String>) -> String? {
        func words(_ text: String) -> Set<String> { headerWords(text).subtracting(commonWords) }
        let written = words(header)
        // A column of a required group another of the group's columns fills (Unit Cost beside
        // Cost Basis) is not missing.
        let filled = present.union(sheet.requiredColumns.filter { !present.isDisjoint(with: $0) }.flatMap { $0 })
        // A date (`Cash Out Date`) is no amount or weight that shares a word with it (Cash
        // Target): only a column of dates is offered for it.
        let isDate = !headerWords(header).isDisjoint(with: ["date", "dt", "day", "when"])
        // Nor is a holding period's start offered for a count of its days.
        if !written.isEmpty, let column = sheet.columns.first(where: {
            !filled.contains($0.name) && !words($0.name).isDisjoint(with: written)
                && (!isDate || ["Acquired", "Date", "As Of"].contains($0.name))
                && (isDate || $0.name != "Holding Period Start")
        }) {
            return column.name
        }
        // A model's band goes by many names (`Drift Tolerance`, `Threshold`, `Min %`/`Max %`):
        // `min` and `max` are words too common to tell other columns by, but not a band.
        if sheet == .model, !present.contains("Band"), !headerWords(header).isDisjoint(with: bandWords) { return "Band" }
        return nil
    }

    /// How an Accounts column may mark an account left out of trading: by a status's words
    /// (`Status`: Closed), by a No (`Active`, `Include`, `Rebalance`) or by a Yes (`Do Not
    /// Trade`, `Exclude`, `Skip`).
    enum ExclusionKind: Sendable {
        case status, noExcludes, yesExcludes
        /// A Lots column restricting a lot (`Restriction`: No Sell, Pledged).
        case lotRestriction
        /// An Accounts column of the date the account closed (`Date Closed`), a mark when on
        /// or before the As Of (said by the reader, which knows it).
        case closedOn
    }

    /// Words of a lot's restriction, as custodians and PMs write it in a Restriction or Lot
    /// Status cell (`Rule 144`, `Lockup until 1/15/2027`, `Pledged`, `Restricted`).
    static let lotRestrictionWords: Set<String> = [
        "restricted", "pledged", "pledge", "collateral", "collateralized", "lien", "encumbered", "escrow", "lockup",
        "locked", "blocked", "frozen", "hold", "legal", "blackout", "nosell", "dns", "dnt", "unvested",
    ]

    /// Whether a restriction's words say one holds: a word of `lotRestrictionWords` or Rule
    /// 144 (`Rule 144`, `144 stock`), not after `not`, `no` or `non` (`Not restricted`), nor
    /// beside words that say it is over (`lifted`, `released`, `expired`, `ended`), nor
    /// ending in a No (`Pledged: No`).
    static func saysLotRestricted(_ text: String) -> Bool {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        // Over (`Lockup ended 1/15/2026`, `Former lockup`; explore-BP: each refused the book).
        guard Set(words).isDisjoint(with: ["lifted", "released", "removed", "cleared", "expired", "none", "unrestricted",
                                           "ended", "former", "formerly", "lapsed", "vested"]),
              !["no", "n", "false"].contains(words.last ?? "") else { return false }
        for (index, word) in words.enumerated()
        where lotRestrictionWords.contains(word) || word == "144" || word.hasPrefix("lockup")
            || (word == "lock" && index + 1 < words.count && words[index + 1] == "up") {
            if index > 0, ["not", "no", "non"].contains(words[index - 1]) { continue }
            return true
        }
        return false
    }

    /// The Securities or Sectors column an unread Model header holds (`Identical Group`,
    /// `Sector Band`), with what leaving it unread would do; nil for any other header (a
    /// Model's `Notes`). Restriction and phase-out marks are `securityMarkKind`'s.
    static func securityColumn(_ header: String, on sheet: ContractSheet) -> (column: String, effect: String)? {
        guard sheet == .model else { return nil }
        let effects = [
            "Identical Group": "a security and its twin would be traded as two, a loss sold beside a buy of its twin",
            "Exposure Group": "no cap would bind the group",
            "Replacement": "a loss lot with no other replacement would not be harvested",
            "Sector Band": "the Sectors sheet's bands would not bind",
        ]
        let words = headerWords(header)
        if words.contains("sector"), !words.isDisjoint(with: ["band", "tolerance", "edge"]) {
            return ("Sector Band", effects["Sector Band"]!)
        }
        guard let column = ContractSheet.securities.column(forHeader: header), let effect = effects[column] else { return nil }
        return (column, effect)
    }

    /// The kind of an unread Lots header that may restrict a lot's sale, or nil: a word column
    /// (`Restriction`) or a Yes column (`Pledged`, `Do Not Sell`). Read as nothing, a pledged
    /// lot was sold with an Info line (explore-BL).
    static func lotRestrictionKind(_ header: String) -> ExclusionKind? {
        let key = HeaderName.normalize(header).key
        if ["restriction", "restrictions", "lotrestriction", "sellrestriction", "traderestriction", "restrictioncode"]
            .contains(key) { return .lotRestriction }
        if ["restricted", "pledged", "pledge", "collateral", "collateralized", "donotsell", "dns", "nosell", "legalhold",
            "hold", "onhold", "donottrade", "dnt", "notrade", "locked", "blocked", "lien", "encumbered", "loancollateral",
            "escrow", "lockup", "lockedup", "rule144", "restrictedstock"].contains(key) { return .yesExcludes }
        // A column that says the lot may be sold, a No its mark (explore-BM: `Sellable` No was sold).
        if ["sellable", "saleable", "cansell", "oktosell", "availabletosell", "freetosell", "tradeable", "tradable",
            "transferable", "vested"].contains(key) { return .noExcludes }
        if ["margincollateral", "pledgedascollateral", "unvested"].contains(key) { return .yesExcludes }
        return nil
    }

    /// Whether a header names the account's own status (`Acct Status`, `Account Trading
    /// Status`), not another's (`Review Status`, `Fee Status`, `Beneficiary Status`: each had
    /// stopped the run with its Closed, Frozen or Deceased; explore-BP).
    static func namesAccountStatus(_ header: String) -> Bool {
        let words = headerWords(header)
        return words.contains("status") && words.isSubset(of: ["status", "account", "acct", "acc", "trading", "trade", "current"])
    }

    /// The kind of an unread Accounts header that may mark an account left out, or nil.
    static func exclusionKind(_ header: String) -> ExclusionKind? {
        let key = HeaderName.normalize(header).key
        if ["status", "accountstatus", "state", "accountstate", "tradingstatus", "tradestatus", "openclosed", "restriction",
            "restrictions", "tradingrestriction", "tradingrestrictions", "accountrestriction", "accountrestrictions"].contains(key)
            || SheetTable.namesAccountStatus(header) { return .status }
        // The day the account closed (explore-BM: `Date Closed` before the As Of was traded).
        if ["dateclosed", "closedate", "closeddate", "closingdate", "closedon", "terminationdate", "dateterminated",
            "terminated", "closedasof"].contains(key) { return .closedOn }
        if ["active", "isactive", "include", "included", "includeinrun", "rebalance", "trade", "tradeable", "tradable",
            "trading", "enabled", "inscope", "managed"].contains(key) { return .noExcludes }
        if ["exclude", "excluded", "skip", "donottrade", "dnt", "notrade", "closed", "frozen", "onhold", "hold",
            "restricted", "donotrebalance", "excludefromrebalance", "norebalance"].contains(key) { return .yesExcludes }
        return nil
    }

    /// The mark a cell of such a column makes, when it says the account is left out.
    static func exclusionMark(_ value: CellValue?, kind: ExclusionKind) -> String? {
        if kind == .closedOn, case .date(let day)? = value { return day.iso }
        let text: String
        switch value {
        case .bool(let flag)?: text = flag ? "TRUE" : "FALSE"
        case .number(let n, _)?: text = n == 0 ? "0" : n == 1 ? "1" : ""
        case .string(let s)?: text = s.trimmingWhitespace()
        default: return nil
        }
        let key = HeaderName.normalize(text).key
        switch kind {
        case .closedOn:
            // `--`, `N/A`: the contract's empty cells, as account lists print them for open accounts.
            return text.isEmpty || CellReader.emptyWords.contains(text.lowercased()) ? nil : text
        case .status:
            if ["closed", "inactive", "terminated", "frozen", "donottrade", "dnt", "notrade", "restricted", "suspended",
                "pendingclose", "closing", "onhold", "hold", "excluded", "transferredout", "transferred"].contains(key) {
                return text
            }
            // A status in a few words, as custodians and PMs write it (explore-BL: `Closed 11/30`,
            // `Transferring`, `ACAT Out`, `Liquidating`, `Deceased`, `Legal Hold` and
            // `Restricted - DNT` were traded with an Info line): any word that leaves the
            // account out, a transfer unless it comes in.
            let sequence = text.lowercased().split { !$0.isLetter }.map(String.init)
            let words = Set(sequence)
            // Not a mark that is over (explore-BM: `Frozen - lifted 11/1`, `Open (legal hold
            // released)` stopped the run), unless the end is denied or to come (`Frozen - not
            // lifted`, `will be lifted 12/1`; explore-BV).
            let over: Set = ["lifted", "released", "removed", "cleared", "reopened", "unfrozen"]
            if sequence.indices.contains(where: { index in
                over.contains(sequence[index])
                    && (index == 0 || !["not", "never", "until", "be", "pending", "once", "when", "unless"].contains(sequence[index - 1]))
            }) {
                return nil
            }
            let leaving: Set = ["closed", "closing", "inactive", "terminated", "frozen", "dnt", "restricted", "suspended",
                                "hold", "excluded", "liquidating", "liquidated", "deceased", "dormant", "escheated", "blocked",
                                "probate", "estate"]
            // A leaving word anywhere, whatever word comes first (explore-BV: `Normal (frozen as of
            // 11/18)`, `Active - frozen 11/18 per legal` were traded), but not denied (`Not
            // Closed`, `Non-restricted`), past (`Active (was frozen)`), a closed-end fund's word,
            // nor a restricted list checked (`None - restricted list checked 11/19`; explore-BR).
            if sequence.indices.contains(where: { index in
                leaving.contains(sequence[index])
                    && (index == 0 || !["not", "non", "no", "un", "was", "were", "formerly", "previously"].contains(sequence[index - 1]))
                    && !(sequence[index] == "closed" && index + 1 < sequence.count && sequence[index + 1] == "end")
                    && !(sequence[index] == "restricted" && index + 1 < sequence.count && ["list", "lists"].contains(sequence[index + 1]))
            }) {
                return text
            }
            // `Unrestricted: No` answers that the account is restricted (explore-BV).
            if ["unrestricted", "active", "open", "tradeable", "tradable"].contains(sequence.first ?? ""), sequence.count == 2,
               ["no", "n", "false"].contains(sequence[1]) {
                return text
            }
            if !words.isDisjoint(with: ["transferring", "transferred", "transfer", "acat", "acats"]), !words.contains("in") {
                return text
            }
            return nil
        case .noExcludes:
            return ["no", "n", "false", "0", "inactive", "excluded", "off"].contains(key) ? text : nil
        case .yesExcludes:
            return ["yes", "y", "true", "1", "x"].contains(key) || (!text.isEmpty && saysLotRestricted(text)) ? text : nil
        case .lotRestriction:
            return ["nosell", "donotsell", "dns", "notrade", "donottrade", "yes", "y", "x"].contains(key) || saysLotRestricted(text)
                ? text : nil
        }
    }

    /// What an Accounts header naming a tax rate names: `.some(key)` when its words say the
    /// term (`Ordinary Rate` and `Short Term %` the short-term rate, `Cap Gains Rate` and `Long
    /// Term %` the long-term), `.some(nil)` for a rate of no one term (`Federal Rate`, `State
    /// Rate`, `Tax Bracket`, `Marginal Rate`); nil when it names no tax rate.
    static func taxRateColumn(_ header: String) -> SettingKey?? {
        let words = headerWords(header)
        let joined = words.joined()
        guard !words.isDisjoint(with: ["rate", "rates", "bracket", "pct", "percent", "marginal"]) || header.contains("%"),
              words.isDisjoint(with: ["withdrawal", "withdrawals", "cash", "target", "return", "returns", "yield", "interest",
                                      "growth", "fee", "fees", "dividend", "dividends", "turnover", "harvest", "loss", "losses",
                                      "band", "weight", "allocation", "drift", "min", "minimum", "distribution", "spending",
                                      "equity", "stock", "bond", "bonds", "model", "savings", "inflation", "discount",
                                      "withholding", "withheld", "withhold"])
        else { return nil }
        let short = !words.isDisjoint(with: ["short", "st", "stcg", "shortterm", "ordinary"]) || joined.contains("shortterm")
        let capitalGains = (!words.isDisjoint(with: ["cap", "capital"]) && !words.isDisjoint(with: ["gain", "gains"]))
            || !words.isDisjoint(with: ["cg", "qualified"])
        let long = !words.isDisjoint(with: ["long", "lt", "ltcg", "longterm"]) || joined.contains("longterm") || (capitalGains && !short)
        if short != long { return .some(short ? .shortTermRate : .longTermRate) }
        if !words.isDisjoint(with: ["tax", "taxes", "federal", "fed", "state", "marginal", "bracket", "niit"]) {
            return .some(nil)
        }
        return nil
    }

    /// Whether an Accounts header names a cash balance under a sweep's or a broker's name.
    static func namesCashBalance(_ header: String) -> Bool {
        let words = headerWords(header)
        // A money-market or core position's balance too (explore-CM: `Money Market Balance`
        // ignored, and $20,000 of cash raised again by selling).
        // (With the word cash too, `Cash & MMF`, it is the near-Cash column's, said as such.)
        if words.contains("sweep") || (words.contains("buying") && words.contains("power")) { return true }
        guard !words.contains("cash") else { return false }
        return (words.contains("money") && words.contains("market")) || !words.isDisjoint(with: ["mmf", "mmkt", "mmda"])
            || (words.contains("core") && !words.isDisjoint(with: ["position", "account", "balance"]))
    }

    /// Whether an Accounts header names cash beside more of it (`Cash & Money Market`, `Cash
    /// Equivalents`, `Cash & MMF`): beside a Cash column, more of the account's cash. Not a
    /// target, a need or a fund's name (`Cash Reserve`, `Cash Need`, `Money Market Fund`).
    static func namesMoreCash(_ header: String) -> Bool {
        let words = headerWords(header)
        guard words.contains("cash"), !header.contains("%"),
              words.isDisjoint(with: ["target", "reserve", "min", "minimum", "max", "maximum", "pct", "percent", "need",
                                      "needed", "needs", "out", "request", "requested", "required", "rate", "yield",
                                      "fund", "funds", "ticker", "symbol", "name", "program", "date", "goal", "weight"])
        else { return false }
        return (words.contains("money") && words.contains("market")) || !words.isDisjoint(with: ["mmf", "mmkt", "mmda", "sweep"])
            || !words.isDisjoint(with: ["equivalent", "equivalents", "equiv"])
    }

    /// The error for a column of more of the accounts' cash, beside the Cash column read.
    static func moreCashMessage(_ header: String, besideCash cash: String, at place: String) -> String {
        "The column \"\(header.excerpt)\" is not read, beside the Cash column \"\(cash.excerpt)\" (\(place)): if it holds "
            + "more of each account's cash (a sweep or money-market balance), add it into Cash and delete this column; if "
            + "not, rename it so it names no cash. Left unread, the plan would sell to raise cash the account holds."
    }

    /// The note for an Accounts column of cash or of an amount to raise that holds none.
    static func passedOver(_ header: String) -> String {
        "The column \"\(header.excerpt)\" is not read: it holds no amount (each cell blank or 0), so it changes nothing. "
            + "If it is to hold one, put it in the column the tool reads (Cash, or Withdrawal for an amount to raise)."
    }

    /// Whether a header names an amount to raise under another name than Withdrawal's (`RMD`,
    /// `Required Minimum Distribution`, `Wire Out`, `Income Need`).
    static func namesAmountToRaise(_ header: String) -> Bool {
        let words = headerWords(header)
        // Not what was paid out already, nor a date, year or flag of it (`RMD Taken YTD`, `RMD Year`),
        // nor a request's number (`Request ID`).
        guard words.isDisjoint(with: ["taken", "ytd", "satisfied", "received", "made", "paid", "distributed", "withdrawn",
                                      "year", "date", "age", "status", "flag", "eligible", "election", "method", "frequency",
                                      "id", "number", "num", "no", "count", "code", "type"])
        else { return false }
        return words.contains("rmd") || words.contains("rmds") || words.isSuperset(of: ["required", "minimum", "distribution"])
            || !words.isDisjoint(with: payoutWords)
            || (!words.isDisjoint(with: ["wire", "wires", "transfer", "transfers"])
                && !words.isDisjoint(with: ["out", "outgoing", "outbound"]))
            || (!words.isDisjoint(with: ["liquidity", "income", "amount", "cash", "funds", "money", "dollars", "proceeds"])
                && !words.isDisjoint(with: ["need", "needed", "needs", "required", "requirement"]))
    }

    /// Words of money paid out of an account, or asked to be (`Payout`, `Redemption`, `Client
    /// Request`, `Net Flow`): read as nothing, a client's $25,000 was not raised (explore-EM). A
    /// flow may be money coming in too: asked about all the same, as its figure is one to raise
    /// or none.
    static let payoutWords: Set<String> = [
        "payout", "payouts", "redemption", "redemptions", "redeem", "request", "requests", "requested", "flow", "flows",
        "cashflow", "netflow", "netflows",
    ]

    /// Words naming one edge of a band, not its width (`Min %`, `Upper Limit`).
    static let bandEdgeWords: Set<String> = ["min", "max", "lower", "upper", "low", "high", "floor", "ceiling"]

    /// Words of the names PMs give a model's band.
    static let bandWords: Set<String> = ["min", "max", "drift", "threshold", "tolerance", "range", "trigger", "lower",
                                         "upper", "deviation"]

    /// Phrases that open the footer, total and note rows of custodian exports.
    static let footerPrefixes = [
        "account total", "accounts total", "positions total", "grand total", "subtotal", "sub-total", "total",
    ] + cashLinePhrases + [
        "pending activity", "date downloaded", "downloaded on", "disclaimer", "the information", "the data and information",
        "data as of", "brokerage services", "securities offered", "investments are", "past performance", "*", "†", "note:",
    ]

    /// Phrases that open a report's note or footnote line, read as one only on a row of one
    /// cell (`Page Industries` or `Footnote Partners` under Account, with a value missing, is
    /// a lot with a blank, not a note).
    static let noteLinePrefixes = [
        "notes:", "footnote", "important information", "important:", "this report", "this statement", "prices are",
        "page ", "generated on", "generated at", "report generated", "printed on", "printed at", "run on", "created on",
        "for more information", "securities are offered",
        "cost basis information", "end of report", "unrealized gains/losses", "investment products", "not fdic",
        "please note", "please see", "for informational purposes", "(1)", "(2)", "(3)", "(a)", "(b)", "¹", "²", "³",
        "w = ", "n/a - ", "n/a = ", "values shown", "account summary", "positions as of", "holdings as of",
        "balances as of",
    ]

    /// Whether `text`, alone on its row, opens like a report's note (`Footnotes:`, `Page 1 of 2`).
    static func isNoteLine(_ text: String) -> Bool {
        let lower = text.trimmingWhitespace().lowercased()
        return noteLinePrefixes.contains(where: lower.hasPrefix)
    }

    /// Whether a Model row's first text names the cash row (`PortfolioBuilder.isCashRowName`).
    static func isModelCashRow(_ row: Row) -> Bool {
        guard let first = row.cells.first, case .string(let text) = first.value else { return false }
        return PortfolioBuilder.isCashRowName(text.trimmingWhitespace().uppercased())
    }

    /// Phrases that open a custodian download's cash line (`Cash & Cash Investments`), or
    /// name its bank deposit sweep on a row with no symbol (Merrill's `ML BANK DEPOSIT
    /// PROGRAM`, read as a lot of no symbol until stop 45).
    static let cashLinePhrases = ["cash & cash investments", "cash and cash investments", "cash & money market",
                                  "ml bank deposit program", "bank deposit program", "bank deposit sweep",
                                  "insured deposit program", "fdic insured deposit", "fdic-insured deposit"]

    static let footerPrefixBytes = footerPrefixes.map { Array($0.utf8) }

    /// The first bytes of `text`, as many as the longest footer phrase, in lower case when
    /// they are all ASCII; nil otherwise (case mapping beyond ASCII is left to `lowercased`).
    private static func plainStart(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for byte in text.utf8.prefix(32) {
            guard byte < 0x80 else { return nil }
            bytes.append(byte.asciiLowercased)
        }
        return bytes
    }

    /// Why a row opening with `text` is a footer or summary row of a custodian export, or nil.
    static func footerReason(_ text: String) -> String? {
        var label = text.trimmingWhitespace()
        // A download's disclaimer is often in quotes: `"The data and information in…"` (looked
        // for by its first byte: this is asked of every row's first cell).
        if let byte = label.utf8.first, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 0xE2,
           let first = label.first, "\"“'‘".contains(first) {
            label = String(label.dropFirst()).trimmingWhitespace()
        }
        if let plain = plainStart(label), !footerPrefixBytes.contains(where: { prefix in
            plain.count >= prefix.count && plain.prefix(prefix.count).elementsEqual(prefix)
        }) {
            return nil
        }
        let lower = label.lowercased()
        for prefix in footerPrefixes where lower.hasPrefix(prefix) {
            var rest = lower.dropFirst(prefix.count)
            if prefix == "total" {
                // "Total", "Totals" or "Total …", but not a symbol such as TOTL.
                if rest.first == "s" { rest = rest.dropFirst() }
                guard rest.isEmpty || rest.first == " " || rest.first == ":" else { continue }
            }
            // A footnote says something: `****4471`, an account number masked the way a
            // portal shows it, is no footnote.
            if prefix == "*" || prefix == "†", !label.contains(where: \.isLetter) { continue }
            return "a summary or footer row (\"\(label.prefix(40))\")"
        }
        return nil
    }

    /// Why a data row is a footer or summary row, or nil: its first cell opens like one
    /// (`footerReason(_:)`).
    ///
    /// A row that holds every value the sheet needs and, besides its first cell, a name (a
    /// symbol, a lot ID, a type, a household) is data whatever its first cell says: a fund
    /// named `Total Stock Market` in a leading Description column, or an account called
    /// `Total Return Trust`, is no total. A total row carries its label and figures only.
    static func footerReason(
        _ row: Row, values: [CellValue?], layout: RowLayout, required: [[Int]]
    ) -> String? {
        guard let first = row.cells.first, case .string(let raw) = first.value, let reason = footerReason(raw) else { return nil }
        if !lacksRequired(values, required), holdsAName(values, layout: layout, besides: first.column) { return nil }
        return reason
    }

    /// Why a row that lacks a value the sheet needs is a total row, or nil: its first cell
    /// ends like one (`Portfolio Total`, `Household Totals`) or says `Sum`, or another of its
    /// cells says just `Total` (`CHEN-TAX | Total | | 2,450`, an account's total under its
    /// lots). Asked after the more particular readings (a security's total, a subtotal).
    static func totalLabelReason(_ row: Row) -> String? {
        for (index, cell) in row.cells.enumerated() {
            guard case .string(let raw) = cell.value else { continue }
            let label = raw.trimmingWhitespace()
            let lower = label.lowercased()
            let endsLikeTotal = index == 0 && endsLikeTotalLabel(lower)
            // A footer's label after the account's number and name (`Pending Activity` under
            // Symbol in a positions download).
            let footerLater = index > 0 && footerReason(label) != nil && label.contains(where: \.isLetter)
            guard endsLikeTotal || footerLater || totalWords.contains(lower) else { continue }
            return "a summary or footer row (\"\(label.prefix(40))\")"
        }
        return nil
    }

    /// Why a text alone on its row is no row of `sheet`'s table, or nil: a sentence, where no
    /// ID, symbol or title ends with a full stop (`Values shown are as of the close of
    /// business.`); a note's opening (`Footnotes:`, `Page 1 of 2`); on Lots and Transactions,
    /// a positions export's section heading (`Equities`, `ETFs & Closed End Funds`).
    static func loneLineReason(_ text: String, on sheet: ContractSheet) -> String? {
        let shown = text.trimmingWhitespace().prefix(40)
        if isSentence(text) || isNoteLine(text) { return "a note (\"\(shown)\")" }
        if sheet == .lots || sheet == .transactions, isSectionHeading(text) { return "a section heading (\"\(shown)\")" }
        return nil
    }

    /// Whether `text` is a label and a remark (`Pending: settlement 11/24`, `FYI: wire out
    /// Friday`): one to three words of letters, a colon, and words after it.
    static func isLabelledNote(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let label = text[..<colon].split(separator: " ")
        let rest = String(text[text.index(after: colon)...])
        // A label naming what the rows below are of (`Symbol: VXUS`, `Account: Joint`) titles
        // them: taken for a note, a lot export in blocks per security lost every block's
        // symbol (fuzz layout seed 4601).
        return (1...3).contains(label.count) && label.allSatisfy { $0.allSatisfy(\.isLetter) }
            && label.allSatisfy { !titleLabelWords.contains($0.lowercased()) }
            && rest.contains(where: { $0.isLetter })
    }

    /// Words of a label that names what the rows below it are of, not a note.
    static let titleLabelWords: Set<String> = [
        "symbol", "ticker", "security", "securities", "account", "acct", "portfolio", "fund", "holding", "position",
        "cusip", "isin", "name", "description", "client", "household", "model", "registration", "owner", "number",
    ]

    /// Whether `text` is a sentence: four words or more, ending with a full stop.
    static func isSentence(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return trimmed.hasSuffix(".") && !trimmed.hasSuffix("..")
            && trimmed.split(whereSeparator: \.isWhitespace).count >= 4
    }

    /// The classes of holdings positions exports head their sections with, lower case.
    static let sectionHeadings: Set<String> = [
        "equities", "equity", "stocks", "stock", "common stock", "common stocks", "etfs", "etf", "exchange traded funds",
        "exchange-traded funds", "etfs & closed end funds", "etfs and closed end funds", "etfs & closed-end funds",
        "closed end funds", "closed-end funds", "mutual funds", "funds", "fixed income", "bonds", "corporate bonds",
        "municipal bonds", "government bonds", "treasuries", "us treasuries", "cds", "certificates of deposit",
        "cash & money market", "cash and money market", "money market", "money market funds", "cash equivalents",
        "options", "preferred stock", "preferred stocks", "preferreds", "alternatives", "alternative investments",
        "real estate", "reits", "international", "international equity", "domestic equity", "us equity",
        "commodities", "other", "other assets", "other holdings", "unit investment trusts", "structured products",
        "annuities", "fixed income & cds", "equities & options",
    ]

    /// Whether `text` is a positions export's section heading (`Equities`, `Fixed Income:`,
    /// `ETFs (continued)`).
    static func isSectionHeading(_ text: String) -> Bool {
        var lower = text.trimmingWhitespace().lowercased()
        for suffix in [" (continued)", " continued", ":"] where lower.hasSuffix(suffix) {
            lower = String(lower.dropLast(suffix.count)).trimmingWhitespace()
        }
        return sectionHeadings.contains(lower)
    }

    /// Whether a lower-cased label ends as a total's does (`Equities Total`, `US Equity
    /// Subtotal`, `Household Totals`).
    static func endsLikeTotalLabel(_ lower: String) -> Bool {
        [" total", " totals", " subtotal", " subtotals", " sub-total", " sub total"].contains(where: lower.hasSuffix)
    }

    /// Whether a name reads as a total row's label: ends as one, or is one (`Total`, `Sum`,
    /// `Grand Total`); `Total Return Trust` does not.
    /// The last date written in a title's words (`as of 11/16/2026 04:15 PM`), if any.
    static func lastDate(in text: String) -> CivilDate? {
        var found: CivilDate?
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" })
        where word.count >= 6 && word.contains(where: \.isNumber) && (word.contains("/") || word.contains("-")) {
            if case .value(let date) = CellReader.dateText(String(word)) { found = date }
        }
        return found
    }

    /// Phrases by which a lot export's footer or note says when it was taken.
    static let datingPhrases = [
        "date downloaded", "downloaded on", "downloaded at", "data as of", "positions as of", "holdings as of",
        "as of", "generated on", "generated at", "report generated", "printed on", "printed at", "run on", "created on",
    ]

    /// The date a footer's or note's texts date a lot export by: the last date of a text
    /// opening with a dating phrase (`Date downloaded: 11/16/2026 3:42 PM ET`), or of the
    /// text beside it (`Date downloaded` | `11/16/2026`); nil when none does.
    static func datingNoteDate(_ texts: [String]) -> CivilDate? {
        for (place, text) in texts.enumerated() {
            let lower = text.trimmingWhitespace().lowercased()
            guard datingPhrases.contains(where: lower.hasPrefix) else { continue }
            if let date = lastDate(in: text) { return date }
            if place + 1 < texts.count, let date = lastDate(in: texts[place + 1]) { return date }
        }
        return nil
    }

    /// How many rows' first cells are kept while no header is found (`namesDown`).
    static let namesDownKept = 40

    static func readsAsTotal(_ text: String) -> Bool {
        let lower = text.trimmingWhitespace().lowercased()
        return endsLikeTotalLabel(lower) || totalWords.contains(lower)
    }

    /// The label of a custodian download's cash line (`Cash & Cash Investments`), if a cell
    /// of `row` opens with one.
    static func cashLineLabel(_ row: Row) -> String? {
        for cell in row.cells {
            guard case .string(let raw) = cell.value else { continue }
            let label = raw.trimmingWhitespace()
            let lower = label.lowercased()
            if cashLinePhrases.contains(where: lower.hasPrefix) {
                return label
            }
        }
        return nil
    }

    /// Labels of a total row: a custodian's, and the grand total row a spreadsheet's Subtotal
    /// command adds (Excel's `Grand Total`; LibreOffice's `Grand Sum`, `Grand Result`…).
    static let totalWords: Set<String> = Set(["total", "totals", "total:", "totals:", "subtotal", "sum"]
        + subtotalWords.map { "grand \($0)" })

    /// Whether a value under a known column other than sheet column `labelColumn` is a name:
    /// text with a letter in it that does not say "empty" (`N/A`).
    private static func holdsAName(_ values: [CellValue?], layout: RowLayout, besides labelColumn: Int) -> Bool {
        for (position, value) in values.enumerated() where layout.sheetColumns[position] != labelColumn {
            guard case .string(let text)? = value else { continue }
            let trimmed = text.trimmingWhitespace()
            if trimmed.contains(where: \.isLetter), !CellReader.emptyWords.contains(trimmed.lowercased()) { return true }
        }
        return false
    }
}
