import RebalanceEngine

/// A book that keeps each account's lots on a sheet of its own (`Joint Lots`, `IRA Holdings`,
/// `Lots - 1234-5678`) instead of one Lots sheet: each sheet whose name is a Lots sheet's
/// name and an account's, read as that account's lots.
extension PortfolioBuilder {
    /// The words of a Lots sheet's name, longest first, as a sheet of one account's lots
    /// begins or ends with them.
    static let lotSheetWords = [
        "unrealized lots", "lot details", "lot detail", "open lots", "tax lots", "cost basis", "holdings", "positions", "lots",
    ]

    /// What is left of a sheet's name once a Lots sheet's word is taken from its start or
    /// end (`Joint` of `Joint Lots`, `1234-5678` of `Lots - 1234-5678`); nil when it has none.
    static func accountPart(ofLotSheet name: String) -> String? {
        let lower = name.lowercased()
        let separators: Set<Character> = [" ", "-", "–", "—", ":", "_", "(", ")", "[", "]", "."]
        for word in lotSheetWords {
            var rest: Substring?
            if lower.hasPrefix(word), lower.dropFirst(word.count).first.map({ !$0.isLetter }) ?? false {
                rest = name.dropFirst(word.count)
            } else if lower.hasSuffix(word), lower.dropLast(word.count).last.map({ !$0.isLetter }) ?? false {
                rest = name.dropLast(word.count)
            }
            guard let rest else { continue }
            let part = rest.drop { separators.contains($0) }.reversed().drop { separators.contains($0) }.reversed()
            let text = String(part)
            if !text.isEmpty { return text }
        }
        return nil
    }

    /// Reads the sheets that each hold one account's lots, when the book has no Lots sheet:
    /// those whose names are a Lots sheet's word and exactly one account of the Accounts
    /// sheet (by its ID, its name or the last digits of its number), and those named for
    /// exactly one account alone (`1234-5678`, `Joint`) whose header is a Lots sheet's. Other
    /// sheets stay ignored. Nil when no sheet is one; two sheets of one account are an error.
    mutating func readAccountLotSheets() throws -> [SheetTable]? {
        guard let accountsTable = tables[.accounts] else { return nil }
        var known = Set<String>()
        for row in accountsTable.rows {
            guard let id = CellReader.textValue(row["Account"]) else { continue }
            known.insert(id)
            if let name = CellReader.textValue(row["Name"]) { accountNames[id] = name }
        }
        var found: [(info: SheetInfo, account: String, how: String, read: SheetAside?)] = []
        var unnamed: [(info: SheetInfo, part: String, found: [String])] = []
        for info in workbook.sheets where info.kind == .worksheet && !info.isHidden && ContractSheet.matching(sheetName: info.name) == nil {
            let name = ContractSheet.withoutTableName(info.name)
            guard let part = PortfolioBuilder.accountPart(ofLotSheet: name) else {
                // Named for its account alone: its name says whose, its header that it is lots.
                // A sheet of notes or performance named for an account stays ignored.
                let named = accounts(namedBy: name, among: known)
                guard named.found.count == 1, let read = try readAside(info, as: .lots) else { continue }
                found.append((info, named.found[0], named.how, read))
                continue
            }
            let named = accounts(namedBy: part, among: known)
            if named.found.count == 1 {
                found.append((info, named.found[0], named.how, nil))
            } else {
                unnamed.append((info, part, named.found))
            }
        }
        guard !found.isEmpty else { return nil }
        // Left out, such a sheet's lots would be missing from its account without a word.
        for (info, part, accounts) in unnamed {
            log.error(info.name, "This sheet's name reads as one account's lots, as the other lot sheets' do, but "
                + (accounts.isEmpty ? "\"\(part.excerpt)\" names no account of the Accounts sheet (by its ID, its name or the last digits of its number)"
                    : "\"\(part.excerpt)\" could be any of the accounts \(accounts.prefix(4).joined(separator: ", "))")
                + ": name the sheet for its account's ID, or gather the lots on one Lots sheet with an Account column.")
        }
        var tables: [SheetTable] = []
        var sheetOfAccount: [String: String] = [:]
        for (info, account, how, read) in found {
            log.remove { $0.place == info.name && $0.message == "This sheet is not one the tool reads; it is ignored." }
            view.ignoredSheets.removeAll { $0 == info.name }
            if let other = sheetOfAccount[account] {
                log.error(info.name, "This sheet and \"\(other)\" both hold account \(account)'s lots: keep them on one sheet.")
                continue
            }
            sheetOfAccount[account] = info.name
            log.info(info.name, "This sheet is read as account \(account)'s lots: its name gives \(how)"
                + (read == nil ? "." : ", and its header is a Lots sheet's."))
            if let read { log.append(contentsOf: read.log) }
            guard var table = try read?.table ?? SheetTable.read(.lots, info: info, from: workbook, log: &log) else { continue }
            // An export's own title naming another account (the IRA's download pasted on the
            // Joint tab): the tab's name had won, the two accounts' lots swapped (explore-AR).
            if let title = table.blocks.first?.title, case let named = accounts(namedBy: title.text, among: known),
               named.found.count == 1, named.found[0] != account {
                log.error(title.place, "This sheet's name makes its lots account \(account)'s, but the export's title here "
                    + "(\"\(title.text.excerpt)\") names account \(named.found[0]): paste each account's export on its own "
                    + "account's sheet.")
                continue
            }
            table.account = account
            tables.append(table)
        }
        return tables
    }

    /// A sheet read as a contract sheet, with what the reading found to say, kept aside
    /// until the sheet is taken as one.
    struct SheetAside {
        let table: SheetTable
        let log: DiagnosticLog
    }

    /// `info` read as `sheet` when its header is one (holding every column `sheet`
    /// requires); nil when not. Nothing is logged.
    func readAside(_ info: SheetInfo, as sheet: ContractSheet) throws -> SheetAside? {
        var aside = DiagnosticLog()
        guard let table = try SheetTable.read(sheet, info: info, from: workbook, log: &aside) else { return nil }
        return SheetAside(table: table, log: aside)
    }

    /// The visible sheets no contract sheet's name matches whose header holds `sheet`'s
    /// required columns, each with its table read aside. At most `probed` sheets are read.
    func sheetsHolding(_ sheet: ContractSheet, probed: Int = 50) throws -> [(info: SheetInfo, aside: SheetAside)] {
        var holders: [(info: SheetInfo, aside: SheetAside)] = []
        var read = 0
        for info in workbook.sheets where info.kind == .worksheet && !info.isHidden
            && ContractSheet.matching(sheetName: info.name) == nil && read < probed {
            read += 1
            if let aside = try readAside(info, as: sheet) { holders.append((info, aside)) }
        }
        return holders
    }

    /// What the error of a book without a required sheet adds when sheets the tool ignores
    /// hold its table (`names`, from `sheetsHolding`): which, and how to have them read.
    /// Empty when none does.
    func missingSheetHint(_ sheet: ContractSheet, holders names: [String]) -> String {
        guard !names.isEmpty else { return "" }
        let columns = sheet.requiredColumns.map { $0.joined(separator: " or ") }.joined(separator: ", ")
        let listed = names.prefix(4).map { "\"\($0.excerpt)\"" }.joined(separator: ", ")
            + (names.count > 4 ? " and \(names.count - 4) more" : "")
        let table = sheet == .lots ? "lot table" : "\(sheet.rawValue) table"
        let subject = names.count == 1 ? "The sheet \(listed) holds a \(table)" : "The sheets \(listed) hold \(table)s"
        let how: String
        switch (sheet, names.count == 1, tables[.accounts] != nil) {
        case (.lots, true, true):
            how = "rename it Lots, or, if it is one account's lots, name it for that account as the Accounts sheet writes it (its ID, its name or the last digits of its number)"
        case (.lots, false, true):
            how = "name each for its account as the Accounts sheet writes it (its ID, its name or the last digits of its number), or gather them on one Lots sheet with an Account column"
        case (.lots, false, false):
            how = "gather them on one Lots sheet with an Account column, or add an Accounts sheet naming each account as its sheet's name does"
        case (.model, false, _):
            how = "name each for its model as the Accounts sheet's Model column writes it (each is then read as that model), or gather them on one Model sheet with a Model column"
        case (_, true, _):
            how = "rename it \(sheet.rawValue)"
        case (_, false, _):
            how = "rename the one to read \(sheet.rawValue)"
        }
        return " \(subject) (\(columns)): \(how)."
    }
}
