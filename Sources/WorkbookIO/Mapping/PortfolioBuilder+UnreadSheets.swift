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
    mutating func refuseUnreadTables() throws {
        let missing = ContractSheet.allCases.filter { sheet in
            !sheet.isRequired && tables[sheet] == nil && !ambiguousRoles.contains(sheet)
                && !(sheet == .lots && !accountLotTables.isEmpty)
        }
        guard !missing.isEmpty else { return }
        let ignored = Set(view.ignoredSheets)
        var probed = 0
        for info in workbook.sheets where info.kind == .worksheet && !info.isHidden && ignored.contains(info.name) {
            guard probed < Self.probedSheets else { break }
            probed += 1
            guard let sheet = try heldTable(in: info, among: missing) else { continue }
            let columns = Self.markingColumns(of: sheet).map { $0.joined(separator: " or ") }.joined(separator: ", ")
            log.error(info.name, "This sheet holds a \(sheet.rawValue) table (\(columns)) but is not read: the "
                + "\(sheet.rawValue) sheet is found by its name, and the workbook has none. Rename this sheet "
                + "\(sheet.rawValue) to have it read, or delete it if it is not meant for this run.")
        }
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

    /// The contract sheet among `candidates` whose table `info` holds: one of its first rows
    /// names every marking column of it. Where a row names two sheets' (a Transactions table
    /// with Quantity names Manual Trades' too), the one with more of its columns named.
    func heldTable(in info: SheetInfo, among candidates: [ContractSheet]) throws -> ContractSheet? {
        struct Enough: Error {}
        var rows: [Row] = []
        do {
            _ = try workbook.readRows(in: info) { row in
                rows.append(row)
                if rows.count >= Self.probedRows { throw Enough() }
            }
        } catch is Enough {}
        var best: (sheet: ContractSheet, named: Int)?
        let lookups = candidates.map(\.headerLookup)
        for row in rows {
            let texts = row.cells.compactMap { cell -> String? in
                if case .string(let text) = cell.value { return text }
                return nil
            }
            guard texts.count >= 2 else { continue }
            for (sheet, lookup) in zip(candidates, lookups) {
                let named = Set(texts.compactMap { sheet.column(forHeader: $0, lookup: lookup) })
                guard Self.markingColumns(of: sheet).allSatisfy({ !named.isDisjoint(with: $0) }) else { continue }
                if best == nil || named.count > best!.named { best = (sheet, named.count) }
            }
            if best != nil { return best!.sheet }
        }
        return nil
    }
}
