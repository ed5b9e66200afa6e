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
    /// sheet (by its ID, its name or the last digits of its number). Other sheets stay
    /// ignored. Nil when no sheet is one; two sheets of one account are an error.
    mutating func readAccountLotSheets() throws -> [SheetTable]? {
        guard let accountsTable = tables[.accounts] else { return nil }
        var known = Set<String>()
        for row in accountsTable.rows {
            guard let id = CellReader.textValue(row["Account"]) else { continue }
            known.insert(id)
            if let name = CellReader.textValue(row["Name"]) { accountNames[id] = name }
        }
        var found: [(info: SheetInfo, account: String, how: String)] = []
        var unnamed: [(info: SheetInfo, part: String, found: [String])] = []
        for info in workbook.sheets where info.kind == .worksheet && !info.isHidden && ContractSheet.matching(sheetName: info.name) == nil {
            guard let part = PortfolioBuilder.accountPart(ofLotSheet: ContractSheet.withoutTableName(info.name)) else { continue }
            let named = accounts(namedBy: part, among: known)
            if named.found.count == 1 {
                found.append((info, named.found[0], named.how))
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
        for (info, account, how) in found {
            log.remove { $0.place == info.name && $0.message == "This sheet is not one the tool reads; it is ignored." }
            view.ignoredSheets.removeAll { $0 == info.name }
            if let other = sheetOfAccount[account] {
                log.error(info.name, "This sheet and \"\(other)\" both hold account \(account)'s lots: keep them on one sheet.")
                continue
            }
            sheetOfAccount[account] = info.name
            log.info(info.name, "This sheet is read as account \(account)'s lots: its name gives \(how).")
            guard var table = try SheetTable.read(.lots, info: info, from: workbook, log: &log) else { continue }
            table.account = account
            tables.append(table)
        }
        return tables
    }
}
