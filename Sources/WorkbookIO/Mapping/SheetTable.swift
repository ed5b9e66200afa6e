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

    func has(_ column: String) -> Bool { columns[column] != nil }

    /// Finds the header row (the first holding at least two known names, the required ones
    /// among them) and reads the rows below it.
    static func read(_ sheet: ContractSheet, info: SheetInfo, from workbook: Workbook,
                     log: inout DiagnosticLog) throws -> SheetTable? {
        let specs = sheet.columns
        let lookup = sheet.headerLookup
        func column(for header: String) -> String? { sheet.column(forHeader: header, lookup: lookup) }

        var header: (row: Int, columns: [String: Int], matches: [(String, String, String)], unknown: [(String, String)])?
        var bestCandidate: (row: Int, found: Set<String>)?
        var rows: [DataRow] = []
        var layout: RowLayout?
        /// The header's text above each of the layout's columns, to tell a repeat of it.
        var headerTexts: [String] = []
        var skipped: [(Int, String)] = []
        var lastRow = 0
        var rowsBeforeHeader = 0

        try workbook.forEachRow(in: info) { row in
            guard let found = header else {
                rowsBeforeHeader += 1
                var columns: [String: Int] = [:]
                var matches: [(String, String, String)] = []
                var unknown: [(String, String)] = []
                for cell in row.cells {
                    guard case .string(let text) = cell.value else {
                        if case .value(let t) = CellReader.text(cell.value) {
                            unknown.append((t, CellReference.name(column: cell.column, row: row.number)))
                        }
                        continue
                    }
                    let place = CellReference.name(column: cell.column, row: row.number)
                    if let name = column(for: text), columns[name] == nil {
                        columns[name] = cell.column
                        matches.append((text.trimmingWhitespace(), name, place))
                    } else if !text.trimmingWhitespace().isEmpty {
                        unknown.append((text.trimmingWhitespace(), place))
                    }
                }
                let names = Set(columns.keys)
                let hasRequired = sheet.requiredColumns.allSatisfy { group in group.contains { names.contains($0) } }
                if names.count >= 2 || (names.count == 1 && specs.count == 1) {
                    if hasRequired {
                        header = (row.number, columns, matches, unknown)
                        lastRow = row.number
                    } else if bestCandidate == nil || names.count > bestCandidate!.found.count {
                        bestCandidate = (row.number, names)
                    }
                }
                return
            }
            if row.number > lastRow + 1 {
                let through = row.number - 1
                skipped.append((lastRow + 1, through == lastRow + 1 ? "blank" : "blank through row \(through)"))
            }
            lastRow = row.number
            if layout == nil {
                layout = RowLayout(columns: found.columns, sheetName: info.name)
                headerTexts = layout!.names.map { name in found.matches.first { $0.1 == name }?.0 ?? "" }
            }
            let values = layout!.values(of: row)
            if values.allSatisfy({ $0 == nil }) {
                skipped.append((row.number, "no value under any known column"))
                return
            }
            if sheet != .settings, let reason = footerReason(row) {
                skipped.append((row.number, reason))
                return
            }
            if SheetTable.repeatsHeader(values, headerTexts) {
                log.error("\(info.name)!row \(row.number)", "This row repeats the header row (row \(found.row)), as an export "
                    + "of several accounts does, each account's block under a title row: the blocks are not read as one "
                    + "sheet. Put every row under one header, with each row's account in an Account column.")
                return
            }
            for (position, value) in values.enumerated() {
                guard case .string(let text) = value, text.utf8.count > SheetTable.maxIdentifierCharacters else { continue }
                let characters = text.unicodeScalars.count
                let place = "\(info.name)!\(CellReference.name(column: layout!.sheetColumns[position], row: row.number))"
                let column = layout!.names[position]
                if characters > ReadLimits.maxCellCharacters {
                    log.error(place, "The cell holds \(characters) characters; a cell holds at most "
                        + "\(ReadLimits.maxCellCharacters) (Excel's limit), so this is not a value the workbook can mean.")
                } else if characters > SheetTable.maxIdentifierCharacters, SheetTable.identifierColumns.contains(column) {
                    log.error(place, "\(column) is \(characters) characters long; a name the tool matches and "
                        + "writes in every row is at most \(SheetTable.maxIdentifierCharacters).")
                }
            }
            rows.append(DataRow(number: row.number, values: values, layout: layout!))
        }

        guard let header else {
            let expected = sheet.requiredColumns.map { $0.joined(separator: " or ") }
            if let best = bestCandidate {
                let missing = sheet.requiredColumns.filter { group in !group.contains { best.found.contains($0) } }
                    .map { $0.joined(separator: " or ") }
                // A custodian's positions export has no lot dates: say which export has them.
                let lotDetail = sheet == .lots && missing.contains("Acquired")
                    ? " A lot's acquisition date decides its term; a positions export has none, so export the "
                        + "account's lot detail (cost basis or unrealized gain by lot) and paste that instead."
                    : ""
                log.error("\(info.name)!row \(best.row)", "The header row lacks the required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")).\(lotDetail)")
            } else {
                log.error(info.name, "No header row found: the \(sheet.rawValue) sheet needs the columns \(expected.joined(separator: ", ")).")
            }
            return nil
        }
        for (text, place) in header.unknown {
            log.info("\(info.name)!\(place)", "The column \"\(text.excerpt)\" is not one the tool reads; it is ignored.")
        }
        for (row, reason) in skipped {
            log.info("\(info.name)!row \(row)", "Skipped: \(reason).")
        }
        return SheetTable(sheet: sheet, sheetName: info.name, headerRow: header.row, columns: header.columns,
                          matches: header.matches.map { ($0.0, $0.1, $0.2) },
                          unknownHeaders: header.unknown.map { ($0.0, $0.1) }, rows: rows,
                          skipped: skipped.map { ($0.0, $0.1) })
    }

    /// The columns whose values are names the tool matches, and writes into its own ids,
    /// places and sentences (`AAPL-r7`, `Model/AAPL`), and the most characters one may have:
    /// far past any real ticker, account number or group, and far inside a cell.
    static let identifierColumns: Set<String> = [
        "Account", "Symbol", "Lot ID", "Household", "Model", "Sector", "Identical Group", "Exposure Group",
    ]
    static let maxIdentifierCharacters = 1_000

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

    /// Phrases that open the footer, total and note rows of custodian exports.
    static let footerPrefixes = [
        "account total", "accounts total", "positions total", "grand total", "subtotal", "sub-total", "total",
        "cash & cash investments", "cash and cash investments", "cash & money market", "pending activity",
        "date downloaded", "downloaded on", "disclaimer", "the information", "data as of",
        "brokerage services", "securities offered", "investments are", "past performance", "*", "†", "note:",
    ]

    static let footerPrefixBytes = footerPrefixes.map { Array($0.utf8) }

    /// The first bytes of `text`, as many as the longest footer phrase, in lower case when
    /// they are all ASCII; nil otherwise (case mapping beyond ASCII is left to `lowercased`).
    private static func plainStart(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for byte in text.utf8.prefix(32) {
            guard byte < 0x80 else { return nil }
            bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
        }
        return bytes
    }

    /// Why a data row is a footer or summary row of a custodian export, or nil.
    static func footerReason(_ row: Row) -> String? {
        guard let first = row.cells.first, case .string(let raw) = first.value else { return nil }
        if let plain = plainStart(raw.trimmingWhitespace()), !footerPrefixBytes.contains(where: { prefix in
            plain.count >= prefix.count && plain.prefix(prefix.count).elementsEqual(prefix)
        }) {
            return nil
        }
        let text = raw.trimmingWhitespace().lowercased()
        for prefix in footerPrefixes where text.hasPrefix(prefix) {
            if prefix == "total" {
                // "Total" alone or "Total ..." but not a symbol such as TOTL.
                let rest = text.dropFirst(prefix.count)
                guard rest.isEmpty || rest.first == " " || rest.first == ":" else { continue }
            }
            return "a summary or footer row (\"\(raw.trimmingWhitespace().prefix(40))\")"
        }
        return nil
    }
}
