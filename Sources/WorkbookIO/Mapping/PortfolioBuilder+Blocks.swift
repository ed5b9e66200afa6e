import RebalanceEngine

/// A custodian's export of several accounts, pasted as one sheet: each account's rows under
/// a repeat of the header, and above it a title row naming the account (`Individual ...123`,
/// `Account: 1234-5678`, `Smith Joint XXXX-5678`). A row with its Account cell blank is the
/// account its block's title names.
extension PortfolioBuilder {
    /// The account of `row`, whose Account cell is blank, by its block's title: `nil` when
    /// the sheet's blocks do not decide it (one block, and no account to choose among);
    /// `.some(nil)` when the title names no account, or several (an error, logged once for
    /// the block).
    ///
    /// With an Accounts sheet, the title names the one account `accounts(namedBy:among:)`
    /// finds in it. Without one, the title is the account's ID, less a leading `Account:` or
    /// `Account Number:` label.
    mutating func blockAccount(
        of row: SheetTable.DataRow, in table: SheetTable, known: Set<String>, sheetHasAccounts: Bool
    ) -> String?? {
        guard let block = table.block(of: row.number),
              block.isOneOfSeveral || (sheetHasAccounts && known.count > 1) else { return nil }
        // In a book of one account a header repeated with no title anywhere (a page break's)
        // names no other: the rows are the one account's, as without the repeat (explore-BT:
        // refused). Beside a block titled with an account, an untitled one may be another's.
        if known.count <= 1, table.blocks.allSatisfy({ $0.title == nil }) { return nil }
        let key = table.key(of: block)
        if let resolved = blockAccounts[key] { return .some(resolved) }
        let resolved = resolveBlock(block, in: table, known: known, sheetHasAccounts: sheetHasAccounts)
        blockAccounts[key] = .some(resolved)
        return .some(resolved)
    }

    private mutating func resolveBlock(
        _ block: SheetTable.Block, in table: SheetTable, known: Set<String>, sheetHasAccounts: Bool
    ) -> String? {
        guard let title = block.title else {
            log.error("\(table.sheetName)!row \(block.headerRow)", "The rows under this header have no Account "
                + "column and no title row above naming their account: put a title naming the account above the "
                + "header, or each row's account in an Account column.")
            return nil
        }
        if block.isOneOfSeveral, block.headerRow != table.headerRow, let word = PortfolioBuilder.otherTableWord(in: title.text) {
            log.error(title.place, PortfolioBuilder.otherTableMessage(title.text, word: word, headerRow: block.headerRow, sheet: table.sheet))
            return nil
        }
        guard sheetHasAccounts else {
            let id = PortfolioBuilder.unlabelled(title.text)
            log.info(title.place, "The rows under this title, to the next repeat of the header, are read as account "
                + "\"\(id.excerpt)\".")
            return id
        }
        let (found, how) = accounts(namedBy: title.text, among: known)
        switch found.count {
        case 1:
            log.info(title.place, "The rows under \"\(title.text.excerpt)\", to the next \(block.isGroupTitle ? "such title" : "repeat of the header"), are "
                + "account \(found[0].excerpt)'s: the title gives \(how).")
            return found[0]
        case 0:
            log.error(title.place, "The block title \"\(title.text.excerpt)\" names no account of the Accounts sheet "
                + "by its ID, its name or the last digits of its number: write the account's ID in the title, or each "
                + "row's account in an Account column.")
        default:
            let listed = found.prefix(4).map { $0.excerpt }.joined(separator: ", ")
            log.error(title.place, "The block title \"\(title.text.excerpt)\" could be any of the accounts \(listed)"
                + "\(found.count > 4 ? " and \(found.count - 4) more" : ""): write the one account's ID in full.")
        }
        return nil
    }

    /// A report grouped by account (a portfolio system's, Black Diamond's): the header once,
    /// then each account's rows under a row naming the account, with no Account column.
    /// Where a Lots or Transactions sheet has no Account column and the book several
    /// accounts, each data row holding one text alone is such a title, when one of them names
    /// an account of the Accounts sheet: each becomes a block whose rows are its account's,
    /// and a title naming none is an error at its cell (`resolveBlock`). Read as data, each
    /// title row was errors of blank cells, and the sheet was refused row by row.
    mutating func readGroupTitles(of sheet: ContractSheet, known: Set<String>) {
        // Not among blocks under repeated headers: a note there naming an account would move
        // the rows below it to that account.
        guard var table = tables[sheet], !table.has("Account"), table.account == nil, !table.symbolsFromTitles,
              table.blocks.count <= 1, known.count > 1 else { return }
        var titles: [(index: Int, title: SheetTable.Title)] = []
        for (index, row) in table.rows.enumerated() {
            guard let lone = PortfolioBuilder.loneText(of: row) else { continue }
            titles.append((index, SheetTable.Title(text: lone.text, place: "\(table.sheetName)!\(lone.cell)")))
        }
        // A title alone in a column the sheet does not read (Black Diamond's Security column)
        // was set aside as a row of no value: it is one too.
        let unread = table.unreadColumnTitles
        guard (titles.map(\.title) + unread.map(\.title)).contains(where: {
            accounts(namedBy: $0.text, among: known).found.count == 1
        }) else { return }
        let reason = "a title naming the account of the rows below it"
        for (index, title) in titles.reversed() {
            table.blocks.append(SheetTable.Block(headerRow: table.rows[index].number, title: title, isOneOfSeveral: true,
                                                 isGroupTitle: true))
            table.skipped.append((table.rows[index].number, reason))
            table.rows.remove(at: index)
        }
        for (row, title) in unread {
            table.blocks.append(SheetTable.Block(headerRow: row, title: title, isOneOfSeveral: true, isGroupTitle: true))
            if let entry = table.skipped.firstIndex(where: { $0.row == row }) { table.skipped[entry].reason = reason }
            // Its note says why it was set aside, now that it is known.
            let place = "\(table.sheetName)!row \(row)"
            log.remove { $0.place == place && $0.message == "Skipped: no value under any known column." }
            log.info(place, "Skipped: \(reason).")
        }
        table.blocks.sort { $0.headerRow < $1.headerRow }
        table.skipped.sort { $0.row < $1.row }
        tables[sheet] = table
        if let place = view.sheets.firstIndex(where: { $0.contractSheet == sheet.rawValue && $0.sheetName == table.sheetName }) {
            view.sheets[place] = Self.sheetView(of: table)
        }
    }

    /// The rows of one text alone on a Lots or Transactions sheet with an Account column, and
    /// its rows grouped by account, as PMs and Excel's PivotTables lay them out (explore-EM):
    ///
    /// - A text naming one account of `known` (its ID, its Name, a title holding one ID:
    ///   `Account: PATEL-JT`, `PATEL-JT - Raj & Priya Patel JTWROS`) titles the rows below it:
    ///   set aside with a note, and a block's title as a custodian's is, so that a row naming
    ///   another account under it is refused (`checkBlockTitle`). Each had been read as a row
    ///   of blanks, "Symbol is blank".
    /// - On Lots, words naming no account (`Prepared by J. Doe`, `See IPS section 4`) are a note,
    ///   set aside with a note: refused as an account "not on the Accounts sheet". (Transactions
    ///   sets such a row aside as no trade.) A word or ID alone stays a row.
    /// - Account blank below a block's first row, or below a title row (the PivotTable's tabular
    ///   form without repeated labels, and its outline form), is that block's account, with one
    ///   note for the sheet, only where the layout cannot be read otherwise: every blank lies
    ///   under a block whose account is known, and no account's rows are split into several
    ///   blocks (a note ends a block). Otherwise each blank stays the error the contract makes it.
    ///   A book of one account needs none of this.
    mutating func readAccountGrouping(of sheet: ContractSheet, known: Set<String>) {
        guard var table = tables[sheet], table.has("Account"), table.account == nil, !table.symbolsFromTitles,
              table.blocks.isEmpty, let account = table.rows.first?.layout.position(of: "Account") else { return }
        var headings: [(index: Int, id: String, title: SheetTable.Title)] = []
        var notes: [(index: Int, text: String)] = []
        for (index, row) in table.rows.enumerated() {
            guard let lone = PortfolioBuilder.loneText(of: row) else { continue }
            let named = accounts(namedBy: lone.text, among: known).found
            if named.count == 1 {
                headings.append((index, named[0], SheetTable.Title(text: lone.text, place: "\(table.sheetName)!\(lone.cell)")))
            } else if named.isEmpty, PortfolioBuilder.readsAsWords(lone.text) {
                notes.append((index, lone.text))
            }
        }
        // A title heads rows: one with none under it (an account's row whose lot was never
        // typed) stays a row, refused as it was.
        let noteRows = Set(notes.map(\.index))
        let lone = noteRows.union(headings.map(\.index))
        headings.removeAll { $0.index + 1 == table.rows.count || lone.contains($0.index + 1) }
        let headingAt = Dictionary(uniqueKeysWithValues: headings.map { ($0.index, $0.id) })
        // Each blank Account's row and the account it is filled with (nil where none can be).
        var fills: [(index: Int, id: String?)] = []
        var current: (key: String, id: String?)?
        var started: Set<String> = []
        var grouped = true
        for (index, row) in table.rows.enumerated() {
            if let id = headingAt[index] {
                if current?.key != id, !started.insert(id).inserted { grouped = false }
                current = (id, id)
                continue
            }
            // A note ends a block: the rows below it are read as no account's.
            if noteRows.contains(index) {
                current = nil
                continue
            }
            guard case .value(let written) = CellReader.text(row.values[account]) else {
                if let current { fills.append((index, current.id)) } else { grouped = false }
                continue
            }
            let named = known.contains(written) ? [written] : accounts(namedBy: written, among: known).found
            let id = named.count == 1 ? named[0] : nil
            let key = id ?? "\u{1F}" + PortfolioBuilder.alike(written)
            if current?.key != key {
                if !started.insert(key).inserted { grouped = false }
                current = (key, id)
            }
        }
        guard !headings.isEmpty || !notes.isEmpty || !fills.isEmpty else { return }
        grouped = grouped && known.count > 1 && fills.allSatisfy { $0.id != nil }
        if grouped, let first = fills.first {
            for (index, id) in fills { table.rows[index].values[account] = .string(id!) }
            let rows = table.rows[first.index].number
            log.info(table.sheetName, "Account is blank on \(fills.count) row\(fills.count == 1 ? "" : "s") (from row \(rows)), "
                + "each below its account written once, on the first row of its block or on a title row above it, as a "
                + "PivotTable lays rows out: each is read as the account above it, no account's rows being split in two places.")
        }
        // Titles head blocks only where the rows below them are read so: otherwise a blank
        // Account under one stays the contract's error.
        if grouped || fills.isEmpty {
            for heading in headings {
                table.blocks.append(SheetTable.Block(headerRow: table.rows[heading.index].number, title: heading.title,
                                                     isOneOfSeveral: true, isGroupTitle: true))
            }
        }
        var setAside = headings.map { ($0.index, "a title naming the account of the rows below it, \($0.id)") }
        if sheet == .lots { setAside += notes.map { ($0.index, "a note (\"\($0.text.prefix(40))\")") } }
        setAside.sort { $0.0 < $1.0 }
        for (index, reason) in setAside {
            table.skipped.append((table.rows[index].number, reason))
            log.info("\(table.sheetName)!row \(table.rows[index].number)", "Skipped: \(reason).")
        }
        for (index, _) in setAside.reversed() { table.rows.remove(at: index) }
        table.skipped.sort { $0.row < $1.row }
        tables[sheet] = table
        if let place = view.sheets.firstIndex(where: { $0.contractSheet == sheet.rawValue && $0.sheetName == table.sheetName }) {
            view.sheets[place] = Self.sheetView(of: table)
        }
    }

    /// Without an Accounts sheet, the book's accounts as the Lots sheet names them: the IDs in
    /// its Account column on rows holding more than that one text.
    func accountsWrittenOnLots() -> Set<String> {
        var written: Set<String> = []
        for row in tables[.lots]?.rows ?? [] where PortfolioBuilder.loneText(of: row) == nil {
            if let id = CellReader.textValue(row["Account"]) { written.insert(id) }
        }
        return written
    }

    /// The one text of a row holding nothing else, trimmed, and its cell (`A14`); nil otherwise.
    static func loneText(of row: SheetTable.DataRow) -> (text: String, cell: String)? {
        var found: Int?
        for position in row.values.indices where row.values[position] != nil {
            guard found == nil else { return nil }
            found = position
        }
        guard let found, case .string(let raw)? = row.values[found] else { return nil }
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        return (text, CellReference.name(column: row.layout.sheetColumns[found], row: row.number))
    }

    /// The accounts of `known` that `text` (a block's title, a sheet's name) names, and how:
    /// those whose ID it writes whole, else those whose Name it is (written alike), else
    /// those whose number ends in the digits a masked number leaves, else those whose Name
    /// holds it whole. The caller takes an answer of one account only.
    mutating func accounts(namedBy text: String, among known: Set<String>) -> (found: [String], how: String) {
        // The accounts' forms and their indexes, made once for every title a book has: a
        // custodian's export of a firm's accounts has a title for each.
        if accountIndex.forms.count != known.count { accountIndex = AccountIndex(known.sorted(), names: accountNames) }
        return accountIndex.accounts(namedBy: text)
    }

    /// The accounts of a book as titles name them, indexed so that a title is matched in
    /// time that does not grow with the number of accounts.
    struct AccountIndex {
        /// Each account's ID, lower-case ID and Name, in ID order.
        private(set) var forms: [(id: String, idBytes: [UInt8], nameBytes: [UInt8]?)] = []
        /// IDs that begin and end with a letter or digit, by their lower-case bytes; the
        /// lengths they have; the other IDs, matched one by one.
        private var byIDBytes: [[UInt8]: [Int]] = [:]
        private var idLengths: [Int] = []
        private var otherIDs: [Int] = []
        /// Names as `alike` makes them; the last digits of numbers (two to twenty); the
        /// words of names.
        private var byName: [String: [Int]] = [:]
        private var byDigits: [String: [Int]] = [:]
        private var byNameWord: [[UInt8]: [Int]] = [:]
        /// Each title's answer, once worked out: a title may head many blocks.
        private var answers: [String: (found: [String], how: String)] = [:]

        init() {}

        init(_ ids: [String], names: [String: String]) {
            for (index, id) in ids.enumerated() {
                let idBytes = Array(id.lowercased().utf8)
                let nameBytes = names[id].map { Array($0.lowercased().utf8) }
                forms.append((id, idBytes, nameBytes))
                if let first = idBytes.first, let last = idBytes.last, isWordByte(first), isWordByte(last) {
                    byIDBytes[idBytes, default: []].append(index)
                } else {
                    otherIDs.append(index)
                }
                if let name = names[id] { byName[alike(name), default: []].append(index) }
                let digits = Array(id.filter(\.isASCIIDigit))
                for count in stride(from: 2, through: min(digits.count, 20), by: 1) {
                    byDigits[String(digits.suffix(count)), default: []].append(index)
                }
                for word in Set(nameBytes.map(AccountIndex.words) ?? []) { byNameWord[word, default: []].append(index) }
            }
            idLengths = Set(byIDBytes.keys.map(\.count)).sorted()
        }

        /// The runs of letters and digits of lower-case bytes.
        static func words(_ bytes: [UInt8]) -> [[UInt8]] {
            bytes.split { !isWordByte($0) }.map(Array.init)
        }

        /// The accounts `text` names, as `PortfolioBuilder.accounts(namedBy:among:)` says.
        mutating func accounts(namedBy text: String) -> (found: [String], how: String) {
            if let answer = answers[text] { return answer }
            let answer = matching(text)
            answers[text] = answer
            return answer
        }

        private func matching(_ text: String) -> (found: [String], how: String) {
            let textBytes = Array(text.lowercased().utf8)
            func ids(_ indexes: some Sequence<Int>) -> [String] { Set(indexes).sorted().map { forms[$0].id } }
            // An ID written whole begins where a word does and ends where one does.
            var byID: [Int] = otherIDs.filter { containsWhole(forms[$0].idBytes, in: textBytes) }
            for start in textBytes.indices where isWordByte(textBytes[start]) && (start == 0 || !isWordByte(textBytes[start - 1])) {
                for length in idLengths {
                    let end = start + length
                    guard end <= textBytes.count else { break }
                    guard end == textBytes.count || !isWordByte(textBytes[end]) else { continue }
                    byID += byIDBytes[Array(textBytes[start..<end])] ?? []
                }
            }
            if !byID.isEmpty { return (ids(byID), "the account's ID") }
            if let named = byName[alike(text)] { return (ids(named), "the account's name") }
            // An account number written whole without its separators (Vanguard's `44712290*`
            // for `4471-2290`): a run of six digits or more that is an account's every digit.
            var byWholeNumber: [Int] = []
            for run in text.split(whereSeparator: { !$0.isASCIIDigit }) where run.count >= 6 && run.count <= 20 {
                byWholeNumber += (byDigits[String(run)] ?? []).filter { forms[$0].id.filter(\.isASCIIDigit) == run }
            }
            if !byWholeNumber.isEmpty { return (ids(byWholeNumber), "the account's number without its separators") }
            if let digits = maskedDigits(in: text) {
                let matching = digits.count <= 20 ? byDigits[digits] ?? []
                    : forms.indices.filter { forms[$0].id.filter(\.isASCIIDigit).hasSuffix(digits) }
                // Another account's whole name beside the digits (`Smith IRA ...5678`, the digits
                // the taxable account's): one of the two is wrong, and taxable or not changes every
                // tax figure, so both are named (explore-BM: the digits won with an Info line).
                // (Not a name the digits' own account's name holds: `Smith` in `Smith Individual`.)
                let ownName = matching.count == 1 ? forms[matching[0]].nameBytes : nil
                let namedOtherwise = forms.indices.filter { index in
                    guard !matching.contains(index), let name = forms[index].nameBytes, name.count >= 3,
                          containsWhole(name, in: textBytes) else { return false }
                    return !(ownName.map { containsWhole(name, in: $0) } ?? false)
                }
                if matching.count == 1, !namedOtherwise.isEmpty {
                    return (ids(matching + namedOtherwise), "the last digits of one account's number and the name of another")
                }
                return (ids(matching), "the last digits of the account's number, \(digits)")
            }
            // A word or two of one account's name (`Joint` for `Chen Joint Taxable`).
            let candidates = AccountIndex.words(textBytes).first.map { byNameWord[$0] ?? [] } ?? Array(forms.indices)
            let inName = candidates.filter { forms[$0].nameBytes.map { containsWhole(textBytes, in: $0) } ?? false }
            return (ids(inName), "a word of the account's name, \"\(text.excerpt)\"")
        }
    }

    /// Whether a lower-case byte is a letter or digit (or part of a character beyond ASCII).
    static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80
    }

    /// Whether `id` is written in `text` whole, both in lower case: not as part of a longer
    /// run of letters and digits (`acc-1` is in `joint acc-1 (ira)`, not in `acc-12`).
    static func containsWhole(_ id: [UInt8], in text: [UInt8]) -> Bool {
        guard !id.isEmpty, id.count <= text.count else { return false }
        for start in 0...(text.count - id.count) where text[start..<start + id.count].elementsEqual(id) {
            let end = start + id.count
            let openBefore = start == 0 || !isWordByte(text[start - 1]) || !isWordByte(id[0])
            let openAfter = end == text.count || !isWordByte(text[end]) || !isWordByte(id[id.count - 1])
            if openBefore && openAfter { return true }
        }
        return false
    }

    /// The digits a custodian leaves of a masked account number: `123` of `Individual ...123`,
    /// `5678` of `XXXX-5678`, `****5678` or `x5678`; nil when the text has no masked number.
    static func maskedDigits(in text: String) -> String? {
        // In words, as broker portals title an account: `Account ending in 2345`, `ending with
        // 2345`, `ends in 2345` (explore-BI: the title was read as a lot whose Symbol it was).
        let words = text.lowercased().split(whereSeparator: { " :#-()".contains($0) })
        if let ending = words.lastIndex(where: { $0 == "ending" || $0 == "ends" }) {
            var next = ending + 1
            if next < words.count, words[next] == "in" || words[next] == "with" { next += 1 }
            if next == words.count - 1, words[next].count >= 2, words[next].allSatisfy(\.isASCIIDigit) {
                return String(words[next])
            }
        }
        let characters = Array(text)
        var end = characters.count
        while end > 0 {
            // The last run of digits, then what comes before it.
            guard let last = characters[..<end].lastIndex(where: \.isASCIIDigit) else { return nil }
            var start = last
            while start > 0, characters[start - 1].isASCIIDigit { start -= 1 }
            var mark = start
            if mark > 0, characters[mark - 1] == "-" || characters[mark - 1] == " " { mark -= 1 }
            var masks = 0
            while mark > 0, "xX*.…#".contains(characters[mark - 1]) {
                masks += characters[mark - 1] == "…" ? 3 : 1
                mark -= 1
            }
            let digits = last - start + 1
            // One `x` alone is a mask only right before the digits (`x5678`), where it is no word.
            let masked = masks >= 2 || (masks == 1 && mark == start - 1 && (mark == 0 || !characters[mark - 1].isLetter))
            if masked, digits >= 2, last + 1 == characters.count || !characters[last + 1].isLetter {
                return String(characters[start...last])
            }
            end = start
        }
        return nil
    }

    /// A title less a leading label: `1234-5678` of `Account: 1234-5678` or
    /// `Account Number 1234-5678`; the title itself when it has none, or nothing after it.
    static func unlabelled(_ title: String) -> String {
        let lower = title.lowercased()
        for label in ["account number", "account no.", "account no", "account #", "account", "acct no.", "acct #", "acct.", "acct"]
        where lower.hasPrefix(label) {
            let rest = title.dropFirst(label.count)
            guard let first = rest.first, first == ":" || first == "#" || first.isWhitespace else { continue }
            let id = rest.drop { $0 == ":" || $0 == "#" || $0.isWhitespace }.trimmingWhitespaceOfSubstring()
            return id.isEmpty ? title : id
        }
        return title
    }
}

private extension Substring {
    func trimmingWhitespaceOfSubstring() -> String { String(self).trimmingWhitespace() }
}

extension Character {
    /// `0` to `9`.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
