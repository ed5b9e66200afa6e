import RebalanceEngine

extension PortfolioBuilder {
    mutating func readAccounts() -> [Account] {
        blankDefaultWords()
        guard let table = tables[.accounts] else { return [] }
        let cashTargets = weights(.accounts, "Cash Target")
        let shortRates = weights(.accounts, "Short-Term Rate")
        let longRates = weights(.accounts, "Long-Term Rate")
        var accounts: [Account] = []
        var firstRow: [String: String] = [:]
        var alikeRow: [String: (id: String, place: String)] = [:]
        /// Each ID without its separators: the first row of it, and whether that ID has none.
        var bareRow: [String: (id: String, place: String, bare: Bool)] = [:]
        // Households are matched without regard to capitals or spacing: `Smith` and `smith `
        // kept apart would keep the IRA's purchases out of the taxable account's windows.
        var householdSpelling: [String: String] = [:]
        let netsShort = netsLosses("Realized ST Loss YTD", with: "Realized ST YTD", in: table)
        let netsLong = netsLosses("Realized LT Loss YTD", with: "Realized LT YTD", in: table)
        for row in table.rows {
            guard let id = text(row, "Account") else {
                log.error(row.place("Account"), "Account is blank; every row of the Accounts sheet needs one.")
                continue
            }
            if let earlier = firstRow[id] {
                log.error(row.place("Account"), "The account \"\(id)\" is listed twice (also at \(earlier)).")
                continue
            }
            // Two IDs alike but for capitals, spacing or separators (`CHEN-TAX`, `chen-tax `, `CHEN
            // TAX`, `CHEN_TAX`): rows elsewhere are matched to an ID so written, and could name
            // either (a lot written `CHEN TAX` went to a second, empty account; explore-AQ).
            // Separators in other places (`12-34`, `1-234`) may be two accounts: a row naming
            // `1234` is then refused as naming either.
            let written = PortfolioBuilder.alike(id)
            let alike = String(written.map { PortfolioBuilder.isIDSeparator($0) ? "-" : $0 })
            let bare = PortfolioBuilder.separatorFree(written)
            let hasNone = bare == written
            let earlierBare = bareRow[bare].flatMap { hasNone || $0.bare ? ($0.id, $0.place) : nil }
            if let (other, place) = alikeRow[alike] ?? earlierBare {
                log.error(row.place("Account"), "The account \"\(id.excerpt)\" differs from \"\(other.excerpt)\" (\(place)) only in "
                    + "capitals, spacing or separators: other sheets' rows could name either. Give the two accounts IDs "
                    + "that differ, or list the account once.")
                continue
            }
            // An account an unread column marks as left out (`Status` Closed, `Do Not Trade` Yes):
            // the tool plans every account listed, and it traded such an account with an Info
            // line only (explore-AQ).
            for mark in table.exclusionMarks where mark.row == row.number {
                if SheetTable.exclusionKind(mark.header) == .closedOn {
                    // A closing date marks the account only once it has passed; one that cannot be
                    // read as a date is asked about.
                    switch CellReader.date(.string(mark.mark), uses1904: uses1904) {
                    case .value(let day) where day > settings.asOf: continue
                    case .value: break
                    default:
                        log.error(mark.place, "\(mark.header.excerpt) \"\(mark.mark.excerpt)\" is no date: write the day \(id.excerpt) "
                            + "closed, or clear the cell if it is open.")
                        continue
                    }
                }
                log.error(mark.place, "\(id.excerpt) is marked \"\(mark.mark.excerpt)\" (\(mark.header.excerpt)), but the tool plans "
                    + "every account on the Accounts sheet and reads no such mark. To leave it out of this run, delete its "
                    + "row and the rows of its lots; to plan it, clear the mark.")
            }
            alikeRow[alike] = (id, row.place("Account"))
            if bareRow[bare] == nil || hasNone { bareRow[bare] = (id, row.place("Account"), hasNone) }
            firstRow[id] = row.place("Account")
            var type = AccountType.taxable
            var typeRefused = false
            if let typeText = text(row, "Type") {
                if let reading = AccountType.reading(typeText) {
                    type = reading.type
                    if reading.byRegistration {
                        log.info(row.place("Type"), "\"\(typeText.excerpt)\" is read as \(type.rawValue) (\(type.isTaxed ? "taxed" : "untaxed")).")
                    }
                } else {
                    typeRefused = true
                    log.error(row.place("Type"), "Type must be one of Taxable, Individual, Joint, Trust, Custodial, IRA, Roth, 401k, 403b, SEP, SIMPLE or HSA (or a registration such as Roth IRA, Rollover IRA, JTWROS or UTMA), found \"\(typeText.excerpt)\".")
                }
            }
            // A blank Type is Taxable (the contract), but not beside a Name that says the
            // account is a retirement or health account (`L. Chen Rollover IRA`, `Smith Roth`):
            // read as taxed, the IRA's trades were taxed and its losses harvested (explore-AQ).
            // The Name's word is taken, with a warning.
            if !typeRefused, isBlank(row, "Type"), let name = CellReader.textValue(row["Name"]),
               let (untaxed, word) = PortfolioBuilder.untaxedType(in: name) {
                // A Name that says a taxed account too (`SIMPLE TRUST`, `SEP Holdings LLC`, `Chen
                // Joint (former SEP)`, `IRA CHEN INDIVIDUAL`): read as untaxed, its gains had been
                // planned at no tax (explore-CO). The PM says which.
                if let taxed = PortfolioBuilder.taxedAccountWord(in: name) {
                    log.error(table.has("Type") ? row.place("Type") : row.place("Name"),
                              "\(table.has("Type") ? "Type is blank" : "The sheet has no Type column"), and \(id.excerpt)'s Name "
                                  + "\"\(name.excerpt)\" says both \(word) (untaxed) and \(taxed) (taxed): write the account's Type"
                                  + "\(table.has("Type") ? "" : " in a Type column") (Taxable, Joint or Trust if its sales are taxed, "
                                  + "\(untaxed.rawValue) if it is the plan).")
                } else {
                    type = untaxed
                    log.warning(table.has("Type") ? row.place("Type") : row.place("Name"),
                                "\(table.has("Type") ? "Type is blank" : "The sheet has no Type column"), but \(id.excerpt)'s Name "
                                    + "\"\(name.excerpt)\" says \(word): it is read as \(untaxed.rawValue) (untaxed), not Taxable. Write "
                                    + "its Type to keep this warning away (Taxable if it is taxed).")
                }
            }
            let cash = money(row, "Cash") ?? .zero
            if cash.isNegative { log.error(row.place("Cash"), "Cash must not be negative, found \"\(shown(row["Cash"]))\".") }
            let withdrawal = money(row, "Withdrawal") ?? .zero
            if withdrawal.isNegative {
                log.error(row.place("Withdrawal"), "Withdrawal must not be negative, found \"\(shown(row["Withdrawal"]))\".")
            }
            var budget = settings.taxBudget
            if row["Tax Budget"] != nil, let b = taxBudget(row["Tax Budget"], place: row.place("Tax Budget")) { budget = b }
            var rates = settings.rates
            if let r = shortRates[row.number] { rates.shortTerm = r }
            if let r = longRates[row.number] { rates.longTerm = r }
            func carryforward(_ column: String) -> Money {
                guard let m = money(row, column) else { return .zero }
                if m.isNegative {
                    log.warning(row.place(column), "\(column) entered as \(shown(row[column])); read as its size, \(m.magnitude.formatted).")
                }
                return m.magnitude
            }
            var household = id
            if let written = text(row, "Household") {
                let alike = PortfolioBuilder.householdKey(written)
                if PortfolioBuilder.householdRoleKeys.contains(alike) {
                    // A Relationship column of roles (`Primary`, `Spouse`) names no household:
                    // read so, every client marked Primary would be one household for wash sales.
                    log.warning(row.place("Household"), "\"\(written.excerpt)\" is a role, not a household: the account is its "
                        + "own household. Give each client's accounts one household name (the family's) to have them "
                        + "counted together.")
                } else if let first = householdSpelling[alike], first != written {
                    log.info(row.place("Household"), "The household \"\(written.excerpt)\" is read as \"\(first.excerpt)\", as an earlier row writes it.")
                    household = first
                } else {
                    householdSpelling[alike] = written
                    household = written
                }
            }
            var account = Account(
                id: id, name: describingText(row, "Name") ?? id, household: household, type: type,
                cash: cash, cashTarget: settings.cashTarget, withdrawal: withdrawal, taxBudget: budget, rates: rates,
                realizedShortTermYTD: PortfolioBuilder.netted(money(row, "Realized ST YTD"),
                                                              less: netsShort ? money(row, "Realized ST Loss YTD") : nil) ?? .zero,
                realizedLongTermYTD: PortfolioBuilder.netted(money(row, "Realized LT YTD"),
                                                             less: netsLong ? money(row, "Realized LT Loss YTD") : nil) ?? .zero,
                shortTermCarryforward: carryforward("ST Loss Carryforward"),
                longTermCarryforward: carryforward("LT Loss Carryforward"),
                model: text(row, "Model") ?? "")
            if let target = cashTargets[row.number] {
                account.cashTarget = target
                explicitCashTargets.insert(id)
            }
            account.overrides = settingOverrides(row)
            accounts.append(account)
            accountNames[id] = account.name
        }
        return accounts.sorted { $0.id < $1.id }
    }

    /// Whether a character separates an ID's parts (`CHEN-TAX`, `CHEN TAX`, `CHEN_TAX`, `X.01`).
    static func isIDSeparator(_ character: Character) -> Bool {
        "./-_ ".contains(character)
    }

    /// A word of an account's name saying it is a taxed account (`Trust`, `LLC`, `Joint`,
    /// `JTWROS`, `Individual`, `Brokerage`, `non-IRA`, `former`), as written; nil when none
    /// does. A company's word beside a custodian's (`SCHWAB & CO INC CUST IRA`) names the
    /// custodian, and `Individual 401(k)` is a solo 401(k).
    static func taxedAccountWord(in name: String) -> String? {
        let written = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let words = written.map { $0.uppercased() }
        let custodian = !Set(words).isDisjoint(with: ["CUST", "CUSTODIAN", "TTEE", "TRUSTEE"])
        let owners: Set<String> = ["JOINT", "JTWROS", "JTTEN", "TOD", "INDIVIDUAL", "BROKERAGE", "TAXABLE", "FORMER",
                                   "FORMERLY", "UTMA", "UGMA", "TENANTS"]
        let companies: Set<String> = ["TRUST", "LLC", "INC", "CORP", "CORPORATION", "INCORPORATED", "LTD", "LLP"]
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : ""
            let afterNext = index + 2 < words.count ? words[index + 2] : ""
            if word == "INDIVIDUAL", next == "401K" || next + afterNext == "401K" || next == "RETIREMENT"
                || (next == "ROTH" && afterNext.hasPrefix("401")) {
                continue
            }
            // `non-IRA`, `Non-Qualified`; not `non-taxable`, which says the plan.
            if word == "NON", ["IRA", "SEP", "SIMPLE", "HSA", "ROTH", "401", "401K", "403", "403B", "QUALIFIED",
                               "RETIREMENT"].contains(next) {
                return written[index] + "-" + written[index + 1]
            }
            if word == "TAXABLE", index > 0, words[index - 1] == "NON" { continue }
            if owners.contains(word) || (!custodian && companies.contains(word)) { return written[index] }
            if word == "JT", next == "TEN" { return written[index] + " " + written[index + 1] }
        }
        return nil
    }

    /// The untaxed type an account's name says (`Roth IRA` is Roth, `Rollover IRA` IRA, `Solo
    /// 401(k)` 401k), with its word; nil when no word of it says one.
    ///
    /// `IRA` and `HSA` count in capitals only, and `Roth` only beside IRA, 401(k) or 403(b):
    /// Ira and Roth are also a client's first name and surname (`Ira Goldberg Trust`, `David
    /// Roth Joint`).
    static func untaxedType(in name: String) -> (AccountType, String)? {
        let written = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let words = written.map { $0.uppercased() }
        let pairs = Set(zip(words, words.dropFirst()).map { $0 + $1 })
        let capitals = Set(written)
        // `Roth IRA`, `Roth 401k`, `Roth 401(k)` (split as `401` and `K`).
        let roth = words.indices.contains { i in
            guard words[i] == "ROTH", i + 1 < words.count else { return false }
            let next = words[i + 1], nextTwo = i + 2 < words.count ? words[i + 1] + words[i + 2] : ""
            return ["IRA", "401K", "403B"].contains(next) || ["401K", "403B"].contains(nextTwo)
        }
        if roth { return (.roth, "Roth") }
        if words.contains("401K") || pairs.contains("401K") { return (.k401, "401(k)") }
        if words.contains("403B") || pairs.contains("403B") { return (.b403, "403(b)") }
        if capitals.contains("HSA") { return (.hsa, "HSA") }
        // A SEP or SIMPLE IRA named by its plan alone (`Smith SEP`; explore-CM: taxed).
        if capitals.contains("SEP") { return (.sep, "SEP") }
        if capitals.contains("SIMPLE") { return (.simple, "SIMPLE") }
        if capitals.contains("IRA") || capitals.contains("IRAs") || capitals.contains("IRAS") { return (.ira, "IRA") }
        return nil
    }

    /// The households a lot export's Household column names (Orion, Black Diamond), for the
    /// accounts the Accounts sheet gives none: left unread, a Roth's buy 10 days before the
    /// taxable account's loss sale neither disallowed the loss nor was blocked, and the plan
    /// warned that the book named no household (explore-DI). An account whose rows name two
    /// households is an error; one the Accounts sheet places otherwise keeps that household,
    /// with a warning. Households are matched as the Accounts sheet's are (`householdKey`), and
    /// a role (`Primary`) names none.
    mutating func householdsFromLots(
        _ named: [(account: String, household: String, place: String)], accounts: inout [Account]
    ) {
        guard !named.isEmpty else { return }
        // The households the Accounts sheet gives, matched as households are: their accounts'
        // lots are only compared with them.
        let accountsKeys = Dictionary(accounts.filter { $0.household != $0.id }
            .map { ($0.id, PortfolioBuilder.householdKey($0.household)) }, uniquingKeysWith: { first, _ in first })
        // Each account's first household and its cell (for an account the Accounts sheet places,
        // the first that differs from it); one whose rows name a second is reported.
        var firstOf: [String: (household: String, key: String, place: String)] = [:]
        var reported: Set<String> = []
        for (account, household, place) in named {
            let key = PortfolioBuilder.householdKey(household)
            guard !PortfolioBuilder.householdRoleKeys.contains(key) else { continue }
            if let given = accountsKeys[account] {
                // Lots that name two households beside an Accounts household: the Accounts
                // sheet's stands, and the first lot that differs from it is warned of below
                // (explore-DK: refused, with advice to do what the book did already).
                if given != key, firstOf[account] == nil { firstOf[account] = (household, key, place) }
                continue
            }
            guard let first = firstOf[account] else {
                firstOf[account] = (household, key, place)
                continue
            }
            if first.key != key, reported.insert(account).inserted {
                log.error(place, "\(account)'s lots name two households, \"\(first.household.excerpt)\" (\(first.place)) and "
                    + "\"\(household.excerpt)\": an account is in one household. Give its lots one Household, or give the "
                    + "account its Household on the Accounts sheet.")
            }
        }
        // One spelling per household, the Accounts sheet's first: the engine tells households by name.
        var spelling: [String: String] = [:]
        for account in accounts where account.household != account.id {
            let key = PortfolioBuilder.householdKey(account.household)
            if spelling[key] == nil { spelling[key] = account.household }
        }
        // Said once, not per account: a firm's export may hold a thousand.
        var placed: [(id: String, household: String, place: String)] = []
        for index in accounts.indices {
            let id = accounts[index].id
            guard let found = firstOf[id], !reported.contains(id) else { continue }
            if accounts[index].household != id {
                if PortfolioBuilder.householdKey(accounts[index].household) != found.key {
                    log.warning(found.place, "The lots put \(id) in household \"\(found.household.excerpt)\", the Accounts "
                        + "sheet in \"\(accounts[index].household.excerpt)\": it is read as the Accounts sheet says. Make "
                        + "the two agree if the lots are right.")
                }
                continue
            }
            let household = spelling[found.key] ?? found.household
            spelling[found.key] = household
            accounts[index].household = household
            placed.append((id, household, found.place))
        }
        guard let first = placed.first else { return }
        let listed = placed.prefix(4).map { "\($0.id) in \"\($0.household.excerpt)\"" }.joinedAsList
            + (placed.count > 4 ? " and \(placed.count - 4) more" : "")
        let source = tables[.accounts] == nil ? "lots" : "lots, the Accounts sheet giving none,"
        log.info(first.place, "Households are read from the \(source) for \(placed.count == 1 ? "one account" : "\(placed.count) accounts"): "
            + "\(listed). Wash sales are checked across each household's accounts.")
    }

    /// A blank Household beside others written is the account's own household, as the
    /// contract reads it; said, since its buys then meet no other account's windows (an IRA
    /// left blank bought inside its family's loss sales' windows, with no word). Asked once
    /// the Accounts rows that title or total others are set aside.
    mutating func warnOfBlankHouseholds(_ accounts: [Account]) {
        guard let table = tables[.accounts] else { return }
        // No household at all among several accounts: each is its own, and an IRA's buy
        // blocks no taxable account's loss sale. Said once (a Patel family's three accounts
        // harvested beside the IRA's purchases without a word; explore-AQ).
        if accounts.count >= 2, accounts.allSatisfy({ $0.household == $0.id }),
           !table.has("Household") || table.rows.allSatisfy({ isBlank($0, "Household") }) {
            log.warning(table.sheetName, "No account has a Household\(table.has("Household") ? "" : " (the sheet has no Household column)"), "
                + "so each of the \(accounts.count) accounts is a household of its own: wash sales are checked within each "
                + "account only, and one account's buy blocks no other's loss sale. If accounts belong to one family, give "
                + "them one Household.")
            return
        }
        guard table.has("Household") else {
            // Households the lots gave some accounts, and none for the rest: said, as a blank
            // Household cell beside written ones is (explore-DK: a cash-only Roth stayed alone).
            let alone = accounts.filter { $0.household == $0.id }.map(\.id)
            let named = Set(accounts.filter { $0.household != $0.id }.map(\.household))
            guard !alone.isEmpty, !named.isEmpty else { return }
            let listed = Array(alone.prefix(4)).joinedAsList + (alone.count > 4 ? " and \(alone.count - 4) more" : "")
            log.warning(table.sheetName, "\(listed) \(alone.count == 1 ? "is" : "are each") a household of \(alone.count == 1 ? "its" : "their") "
                + "own: the lots name no household for \(alone.count == 1 ? "it" : "them"), as they do for the other accounts "
                + "(\(named.sorted().prefix(3).map { "\"\($0.excerpt)\"" }.joinedAsList)). If \(alone.count == 1 ? "it belongs" : "they belong") "
                + "to one of those, give the Accounts sheet a Household column.")
            return
        }
        // A Household read from a column that may hold each person's name (`Client Name`,
        // `Family Name`): a couple's accounts were each a household of its own, and a buy in
        // one's IRA met no window of the other's loss sale, without a word (explore-CO).
        if let read = table.matches.first(where: { $0.1 == "Household" }),
           ["client", "clientname", "family", "familyname", "relationship", "relationshipname"]
               .contains(HeaderName.normalize(read.0).key) {
            let sizes = accounts.reduce(into: [String: Int]()) { $0[$1.household, default: 0] += 1 }
            let alone = accounts.filter { $0.household != $0.id && sizes[$0.household] == 1 }.map(\.id)
            if alone.count >= 2 {
                let named = Array(alone.prefix(4)).joinedAsList + (alone.count > 4 ? " and \(alone.count - 4) more" : "")
                log.warning("\(table.sheetName)!\(read.2)", "The Household is read from \"\(read.0.excerpt)\", and it leaves "
                    + "\(named) each a household of its own: wash sales are checked within each alone, and one's buy blocks "
                    + "no other's loss sale. If it holds each person's name, give the accounts of one family one Household "
                    + "(a Household column of the family's name).")
            }
        }
        let blankCells = table.rows.compactMap { row in
            isBlank(row, "Household") ? CellReader.textValue(row["Account"]).map { (id: $0, place: row.place("Household")) } : nil
        }
        // (An account with a blank cell may have its household from its lots.)
        let named = Set(accounts.filter { $0.household != $0.id }.map(\.household))
        guard !named.isEmpty else { return }
        // (An account the lots place in a household is not alone.)
        let remaining = Set(accounts.filter { $0.household == $0.id }.map(\.id))
        let listed = named.sorted().prefix(3).map { "\"\($0.excerpt)\"" }.joinedAsList
        for (id, place) in blankCells where remaining.contains(id) {
            log.warning(place, "\(id) has no Household, so it is a household of its own: its trades meet no wash-sale "
                + "window of another account's (the others are in \(listed)). If it is one of theirs, write it.")
        }
    }

    /// A household's name as households are matched: without regard to capitals or spacing,
    /// nor to the words that say it is one (`Smith Household`, `The Smith Family`, `Smith HH`
    /// are `smith`): kept apart, an IRA written `Smith Household` beside `Smith` bought inside
    /// the taxable accounts' windows (explore-AM).
    ///
    /// Nor to the forms one name takes across rows (explore-AV): `&` or `and` (`John & Mary Lee`,
    /// `John and Mary Lee`), a surname put first before a comma (`Lee, John and Mary`), a number's leading
    /// zeros (`001` typed as text beside 1 typed as a number), `HH` run into its number (`HH001`,
    /// `HH-001`) and the short forms `Hsld` and `Fam`. Merged wrongly, two households' windows
    /// block each other's buys; kept apart wrongly, an IRA buys inside a loss sale's window.
    static func householdKey(_ written: String) -> String {
        let words = written.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { word -> String in
            var word = Substring(word)
            // `hh001` is `hh 001`.
            if word.hasPrefix("hh"), word.count > 2, word.dropFirst(2).allSatisfy(\.isNumber) { word = word.dropFirst(2) }
            // `001` is 1.
            if word.allSatisfy(\.isNumber) { word = word.drop { $0 == "0" }; if word.isEmpty { word = "0" } }
            return String(word)
        }
        var kept = words.filter { !householdWords.contains($0) }
        // `Lee, John and Mary` is `John and Mary Lee`: a surname before a comma goes last. Other
        // orders stay apart (`Wong Lee` is not `Lee Wong`).
        if let comma = written.firstIndex(of: ","), kept.count > 1,
           written[..<comma].split(whereSeparator: { !$0.isLetter && !$0.isNumber }).count == 1 {
            kept.append(kept.removeFirst())
        }
        // Words of three letters or more are joined with nothing between: `SmithJones` is
        // `Smith Jones` (explore-BI: kept apart, an IRA bought inside the trust's loss window).
        // Numbers and short words keep a mark between them: `HH 12-3` is not `HH 1-23`, nor
        // `Li Ng` `Ling` (explore-BK).
        guard !kept.isEmpty else { return alike(written) }
        func joins(_ word: String) -> Bool { word.count >= 3 && word.allSatisfy(\.isLetter) }
        var key = kept[0]
        for (previous, word) in zip(kept, kept.dropFirst()) {
            if !(joins(previous) && joins(word)) { key += " " }
            key += word
        }
        return key
    }

    /// Words that say a name is a household's, or join its members' names.
    static let householdWords: Set<String> = ["household", "households", "family", "hh", "the", "relationship", "group",
                                              "hsld", "hshld", "hhld", "fam", "and"]

    /// Words an Accounts cell of a setting uses to say the account takes the Settings value.
    static let defaultWords: Set<String> = ["default", "defaults", "settings", "seesettings", "persettings", "usesettings",
                                            "usedefault", "firmdefault", "same", "sameassettings", "asdefault"]

    /// An Accounts cell of a setting that says to use the Settings value (`Default`, `See
    /// Settings`, `Same`) is read as the blank cell the template asks for, with an Info line:
    /// it had been an error asking for an amount or a rate, where the PM plainly meant the
    /// default (explore-DV).
    mutating func blankDefaultWords() {
        guard var table = tables[.accounts] else { return }
        let columns = ["Tax Budget", "Short-Term Rate", "Long-Term Rate", "Cash Target"] + SettingKey.perAccount.map(\.rawValue)
        for index in table.rows.indices {
            for column in columns {
                guard let position = table.rows[index].layout.position(of: column),
                      case .string(let text)? = table.rows[index].values[position],
                      Self.defaultWords.contains(HeaderName.normalize(text).key) else { continue }
                log.info(table.rows[index].place(column), "\"\(text.trimmingWhitespace().excerpt)\" is read as a blank cell: "
                    + "\(column) is the Settings value for this account.")
                table.rows[index].values[position] = nil
            }
        }
        tables[.accounts] = table
    }

    /// The Settings an Accounts row's own columns override for its account (the contract:
    /// "An Accounts column overrides the Settings value for that account; a blank cell keeps
    /// the default"), each read as the Settings key is, with a note where it differs.
    mutating func settingOverrides(_ row: SheetTable.DataRow) -> SettingOverrides {
        var overrides = SettingOverrides()
        let global = settings
        for key in SettingKey.perAccount where row[key.rawValue] != nil {
            var unusedAsOf: CivilDate?
            let settingsValue = describe(key)
            // Read into the builder's settings, as a Settings value is, and taken back out.
            defer { settings = global }
            let header = tables[.accounts]?.matches.first { $0.column == key.rawValue }?.header ?? ""
            guard applySetting(key, value: row[key.rawValue], place: row.place(key.rawValue), asOf: &unusedAsOf,
                               saysPercent: Self.saysPercent(header)) else { continue }
            switch key {
            case .lotMethod: overrides.lotMethod = settings.lotMethod
            case .minTrade: overrides.minTrade = settings.minTrade
            case .harvestLosses: overrides.harvestLosses = settings.harvestLosses
            case .harvestMinLoss: overrides.harvestMinLoss = settings.harvestMinLoss
            case .harvestMinLossPercent: overrides.harvestMinLossPercent = settings.harvestMinLossPercent
            case .rebalanceTo: overrides.rebalanceTo = settings.rebalanceTo
            default: continue
            }
            let own = describe(key)
            if own != settingsValue {
                log.info(row.place(key.rawValue), "\(key.rawValue) \(own) overrides the Settings value (\(settingsValue)) for this account.")
            }
        }
        // `Do Not Harvest` Yes is Harvest Losses No for the account; its No leaves the account
        // to the Settings value (it lifts no exclusion the book makes).
        if row["Do Not Harvest"] != nil, let excluded = flag(row, "Do Not Harvest"), excluded {
            if overrides.harvestLosses == true {
                log.error(row.place("Do Not Harvest"), "Do Not Harvest says Yes beside Harvest Losses Yes for this account "
                    + "(\(row.place("Harvest Losses"))): clear the one not meant.")
            } else {
                overrides.harvestLosses = false
                if settings.harvestLosses {
                    log.info(row.place("Do Not Harvest"), "Do Not Harvest Yes: no losses are harvested in this account, "
                        + "overriding the Settings value (Yes).")
                }
            }
        }
        return overrides
    }

    /// The account a row names, or the book's only account when the cell is blank.
    mutating func account(_ row: SheetTable.DataRow, in table: SheetTable, known: Set<String>, sheetHasAccounts: Bool) -> String? {
        let found = columnAccount(row, in: table, known: known, sheetHasAccounts: sheetHasAccounts)
        if let found, sheetHasAccounts, !table.blocks.isEmpty, !table.symbolsFromTitles, !isBlank(row, "Account") {
            checkBlockTitle(of: row, in: table, known: known, against: found)
        }
        return found
    }

    /// An error, once a block, where the block's title names one account of the Accounts sheet
    /// and a row's Account column another: a custodian's export pasted under the wrong title,
    /// or its Account column filled down from the block above (the Individual account's lots
    /// were read as the Joint account's, a second time over; explore-AR). Which is right, the
    /// tool cannot tell.
    mutating func checkBlockTitle(of row: SheetTable.DataRow, in table: SheetTable, known: Set<String>, against account: String) {
        guard let block = table.block(of: row.number), let title = block.title else { return }
        let key = table.key(of: block)
        guard !titleDisagreements.contains(key) else { return }
        let named = accounts(namedBy: title.text, among: known)
        guard named.found.count == 1, let titled = named.found.first, titled != account else { return }
        titleDisagreements.insert(key)
        log.error(row.place("Account"), "This row's account is \(account.excerpt), and the title of its block, \"\(title.text.excerpt)\" "
            + "(\(title.place)), names \(titled.excerpt) (by \(named.how)): correct the Account column or the title, whichever is wrong.")
    }

    /// The account a row's Account column (or its sheet, or its block's title) names.
    private mutating func columnAccount(_ row: SheetTable.DataRow, in table: SheetTable, known: Set<String>, sheetHasAccounts: Bool) -> String? {
        // A sheet of one account's lots is that account's (see `readAccountLotSheets`).
        if let owner = table.account {
            guard let id = text(row, "Account") else { return owner }
            if id != owner && PortfolioBuilder.alike(id) != PortfolioBuilder.alike(owner) {
                log.error(row.place("Account"), "The account \"\(id.excerpt)\" is written on the sheet of account \(owner)'s lots.")
                return nil
            }
            return owner
        }
        // A sheet in blocks (a custodian's export of several accounts) names the account of
        // a row without one in its block's title.
        if !table.blocks.isEmpty, !table.symbolsFromTitles, isBlank(row, "Account"), let byTitle = blockAccount(of: row, in: table, known: known, sheetHasAccounts: sheetHasAccounts) {
            return byTitle
        }
        if !table.blocks.isEmpty, !table.symbolsFromTitles, !stackedTableTitleHolds(row, in: table, known: known) {
            return nil
        }
        if let id = text(row, "Account") {
            if sheetHasAccounts && !known.contains(id) {
                // Written with other capitals or spacing than the Accounts sheet's (`acc-1`
                // for `ACC-1`), it is that account when only one is so alike: noted once.
                // An account number with its leading zeros dropped (a spreadsheet keeps
                // `00123456` typed as a number as 123456), or added, is that account likewise.
                // Written with other separators (`12345678` or `1234 5678` for `1234-5678`), it
                // is the one account with the same letters and digits likewise. The accounts'
                // forms are indexed once: an export may write every account another way.
                if accountSpellings[id] == nil {
                    if accountForms.count != known.count { accountForms = AccountForms(known, names: accountNames) }
                    var matching = accountForms.alike[PortfolioBuilder.alike(id)] ?? []
                    var why = "as the Accounts sheet writes it"
                    if matching.isEmpty, let number = PortfolioBuilder.accountNumber(id) {
                        matching = accountForms.numbers[number] ?? []
                        why = "the same number with its leading zeros, which a spreadsheet drops from a number"
                    }
                    if matching.isEmpty {
                        matching = accountForms.compact[PortfolioBuilder.compactAccount(id)] ?? []
                        why = "the same letters and digits with other separators between them"
                    }
                    // An export that names each row's account by its name (`ROTH IRA`), where
                    // one account of the Accounts sheet has that Name.
                    if matching.isEmpty {
                        matching = accountForms.names[PortfolioBuilder.alike(id)] ?? []
                        why = "the account the Accounts sheet names so"
                    }
                    // The account's name with its number (`Lee Joint 4411-5678`, `Lee Joint
                    // (4411-5678)`), as a block's title may be written: the one account whose ID
                    // is a word of the cell, written alike or with other separators.
                    if matching.isEmpty {
                        let words = id.split(whereSeparator: { $0.isWhitespace || "()[],;:".contains($0) })
                        var found = Set<String>()
                        for word in words where word.count >= 4 && word.contains(where: \.isNumber) {
                            for account in accountForms.alike[PortfolioBuilder.alike(String(word))]
                                ?? accountForms.compact[PortfolioBuilder.compactAccount(String(word))] ?? [] {
                                found.insert(account)
                            }
                        }
                        matching = Array(found)
                        why = "the one account whose ID it holds"
                    }
                    // A masked number (`****4471`, `XXXX-4471`), as a custodian writes an account
                    // on each row: the one account whose number ends in its digits, as a block's
                    // title holding one is read.
                    if matching.isEmpty, let digits = PortfolioBuilder.maskedDigits(in: id) {
                        matching = accounts(namedBy: id, among: known).found
                        why = "the one account whose number ends in \(digits)"
                    }
                    accountSpellings[id] = matching.count == 1 ? matching.first! : .some(nil)
                    if matching.count > 1 { ambiguousAccounts[id] = matching.sorted() }
                    if matching.count == 1 {
                        log.info(row.place("Account"), "The account \"\(id.excerpt)\" is read as \"\(matching.first!.excerpt)\", \(why).")
                    }
                }
                if let account = accountSpellings[id]! { return account }
                if let candidates = ambiguousAccounts[id] {
                    let listed = candidates.prefix(5).map { $0.excerpt }.joined(separator: ", ")
                    log.error(row.place("Account"), "The account \"\(id.excerpt)\" could be any of \(candidates.count) accounts on "
                        + "the Accounts sheet (\(listed)\(candidates.count > 5 ? ", …" : "")): write the account's ID here, as the "
                        + "Accounts sheet's Account column does.")
                    return nil
                }
                // A second Account column beside it that names an account of the Accounts
                // sheet exactly (the number beside a nickname): that account, said once a sheet.
                if let other = text(row, SheetTable.secondAccount), known.contains(other) {
                    if secondAccountNoted.insert(table.sheetName).inserted {
                        log.info(row.place("Account"), "The account \"\(id.excerpt)\" is not on the Accounts sheet, and the "
                            + "second Account column names \(other.excerpt) on this row (\(row.place(SheetTable.secondAccount))): "
                            + "each such row's account is read from there.")
                    }
                    return other
                }
                log.error(row.place("Account"), tables[.accounts] != nil
                    ? "The account \"\(id.excerpt)\" is not on the Accounts sheet."
                    : "The account \"\(id.excerpt)\" holds no lot: without an Accounts sheet, the book's accounts are those its lots name.")
                return nil
            }
            return id
        }
        if known.count <= 1 { return known.first ?? PortfolioBuilder.soleAccountName }
        log.error(row.place("Account"), "Account is blank, and the book has \(known.count) accounts; say which one.")
        return nil
    }

    /// An account ID of digits alone without its leading zeros (`123456` of `00123456`); nil
    /// for any other ID.
    static func accountNumber(_ id: String) -> Substring? {
        guard !id.isEmpty, id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let number = id.drop { $0 == "0" }
        return number.isEmpty ? nil : number
    }

    /// An account ID's letters and digits alone, lower case, without the leading zeros of a
    /// number: `12345678` of `1234-5678`, `0012 3456 78` and `00123456-78`; `acc1` of `ACC-1`.
    static func compactAccount(_ id: String) -> String {
        let kept = id.lowercased().filter { $0.isLetter || $0.isNumber }
        guard kept.allSatisfy(\.isNumber) else { return kept }
        let number = kept.drop { $0 == "0" }
        return number.isEmpty ? kept : String(number)
    }

    /// The Accounts sheet's IDs by the forms another sheet may write them in, made once.
    struct AccountForms {
        private(set) var count = -1
        private(set) var alike: [String: [String]] = [:]
        private(set) var numbers: [Substring: [String]] = [:]
        private(set) var compact: [String: [String]] = [:]
        /// The accounts by their Name on the Accounts sheet, written alike.
        private(set) var names: [String: [String]] = [:]

        init() {}

        init(_ known: Set<String>, names accountNames: [String: String]) {
            count = known.count
            for id in known.sorted() {
                alike[PortfolioBuilder.alike(id), default: []].append(id)
                if let number = PortfolioBuilder.accountNumber(id) { numbers[number, default: []].append(id) }
                compact[PortfolioBuilder.compactAccount(id), default: []].append(id)
                if let name = accountNames[id] { names[PortfolioBuilder.alike(name), default: []].append(id) }
            }
        }
    }

    /// Roles a Relationship column gives an account's owner, which name no household.
    static let householdRoles: Set<String> = [
        "primary", "secondary", "spouse", "joint", "joint owner", "co-owner", "owner", "beneficiary", "child", "dependent",
        "self", "client", "partner", "trustee", "custodian", "individual",
    ]

    /// The roles as households are matched (`householdKey`): `Joint Owner` becomes `jointowner`
    /// there, and compared with the role as written it had named a household, putting every
    /// client so marked in one (explore-DK).
    static let householdRoleKeys: Set<String> = Set(householdRoles.map(householdKey))

    /// The name given to the one account of a book that names none.
    static let soleAccountName = "Account"

    /// Cash target precedence: the Accounts column, else the model's `CASH` row, else Settings.
    mutating func resolveCashTargets(accounts: inout [Account], models: [Model]) {
        for i in accounts.indices where !explicitCashTargets.contains(accounts[i].id) {
            if let model = models.first(where: { $0.name == accounts[i].model }), let target = model.cashTarget {
                accounts[i].cashTarget = target
            }
        }
    }
}

extension PortfolioBuilder {
    /// Whether `row`, which names its account, may be read where it stands: under a repeat
    /// of the header whose title names no account, it belongs to a second table stacked
    /// below the first (`Closed lots (sold in 2026)`, `Cancelled orders`), and read as more
    /// rows its lots were held lots and its orders trades done. Such a title is an error,
    /// logged once; a repeat with no title (a header a printout repeats) or a title naming
    /// an account is read as before.
    mutating func stackedTableTitleHolds(_ row: SheetTable.DataRow, in table: SheetTable, known: Set<String>) -> Bool {
        guard let block = table.block(of: row.number), block.headerRow != table.headerRow,
              let title = block.title, !isBlank(row, "Account") else { return true }
        let key = table.key(of: block)
        if let holds = stackedTitles[key] { return holds }
        if let word = PortfolioBuilder.otherTableWord(in: title.text) {
            stackedTitles[key] = false
            log.error(title.place, PortfolioBuilder.otherTableMessage(title.text, word: word, headerRow: block.headerRow, sheet: table.sheet))
            return false
        }
        let names = accounts(namedBy: title.text, among: known).found
        let id = text(row, "Account") ?? ""
        let holds = !names.isEmpty || (!id.isEmpty && PortfolioBuilder.alike(title.text).contains(PortfolioBuilder.alike(id)))
        stackedTitles[key] = holds
        if !holds {
            log.error(title.place, "\"\(title.text.excerpt)\" titles a second table below the first, under a repeat of its "
                + "header (row \(block.headerRow)), and names no account: its rows would be read as more of the \(table.sheet.rawValue) "
                + "sheet's. Move that table to a sheet of its own, or, if its rows belong here, delete the title and the repeated header.")
        }
        return holds
    }
}

extension PortfolioBuilder {
    /// Words of a block's title that mark its rows as another table's, whatever account it
    /// names: lots sold or closed, an older copy (explore-BP: `CHEN-IRA closed lots (sold
    /// 10/15)` was read as the IRA's held lots, and 50 shares sold again).
    static let otherTableWords: Set<String> = [
        "closed", "sold", "realized", "realised", "disposed", "disposals", "cancelled", "canceled", "old", "older", "backup",
        "copy", "archive", "archived", "prior", "previous", "prev", "obsolete", "superseded",
    ]

    /// The first word of `title` that marks a block as another table's, or nil.
    static func otherTableWord(in title: String) -> String? {
        title.lowercased().split { !$0.isLetter }.first { otherTableWords.contains(String($0)) }.map(String.init)
    }

    static func otherTableMessage(_ title: String, word: String, headerRow: Int, sheet: ContractSheet) -> String {
        "\"\(title.excerpt)\" titles a second table below the first, under a repeat of its header (row \(headerRow)), and "
            + "its word \"\(word)\" says its rows are not the \(sheet.rawValue) sheet's to plan: move that table to a sheet of its "
            + "own, or, if its rows belong here, delete the title and the repeated header."
    }
}

extension PortfolioBuilder {
    /// Sets aside the Accounts rows that title the accounts below them (`Lee household`,
    /// `Smith Family Trust accounts`): words alone under Account (a space and small letters,
    /// which no account ID has), nothing else on the row, and no lot naming them. Read as an
    /// account, such a row was one more account in the CIO workbook, worth nothing.
    mutating func setAsideTitleRows(of accounts: inout [Account], lots: [TaxLot]) {
        guard let table = tables[.accounts] else { return }
        let held = Set(lots.map(\.account))
        // The accounts recent trades or manual trades name: an account too, lots or none.
        var traded = Set<String>()
        for sheet in [ContractSheet.transactions, .manualTrades] {
            for row in tables[sheet]?.rows ?? [] {
                if case .value(let id) = CellReader.text(row["Account"]) { traded.insert(PortfolioBuilder.alike(id)) }
            }
        }
        var titles: [(id: String, place: String)] = []
        var totals: [(id: String, place: String)] = []
        for row in table.rows {
            guard let position = row.layout.position(of: "Account"), case .string(let raw)? = row.values[position] else { continue }
            let text = raw.trimmingWhitespace()
            // A total row of the accounts above (`Household Total`, `Portfolio Subtotal`): its
            // label fills the Account column, so the sheet's total-row reading, which asks for
            // a required value missing, let it through as one more account, its cash invested.
            if SheetTable.readsAsTotal(text), !held.contains(text), !traded.contains(PortfolioBuilder.alike(text)),
               accounts.contains(where: { $0.id == text }) {
                totals.append((text, row.place("Account")))
                continue
            }
            guard PortfolioBuilder.readsAsWords(text),
                  row.values.indices.allSatisfy({ $0 == position || row.values[$0] == nil }),
                  !held.contains(text), accounts.contains(where: { $0.id == text }) else { continue }
            titles.append((text, row.place("Account")))
        }
        for (id, place) in titles {
            accounts.removeAll { $0.id == id }
            log.info(place, "\"\(id.excerpt)\" is read as a title over the accounts below it, not an account: the row holds "
                + "nothing else and no lot names it.")
        }
        for (id, place) in totals {
            accounts.removeAll { $0.id == id }
            log.warning(place, "\"\(id.excerpt)\" reads as a total row, not an account, and no lot names it: it is set aside, "
                + "its figures not planned. If it is an account, give it an ID that does not end in Total.")
        }
        setAsideSummaryRows(of: &accounts, in: table, untouched: { !held.contains($0) && !traded.contains(PortfolioBuilder.alike($0)) })
    }

    /// Whether a text alone where an account is written reads as words, not as an account's
    /// ID: a space and small letters, which no account ID has (`Lee household`, `Prepared by
    /// J. Doe`).
    static func readsAsWords(_ text: String) -> Bool {
        text.contains(where: \.isWhitespace) && text.contains(where: \.isLowercase)
    }

    /// Sets aside the Accounts rows that sum others under a label of the PM's own (`Smith
    /// Household`, `Combined`, `All Accounts`): no lot or trade names the row, it gives no
    /// Type, and its Cash is, to the dollar, the sum of two or more other accounts', those of
    /// its household, those above it since the last such row, or all those above it. Read as an
    /// account, the household's cash was spent a second time, in an account the custodian does
    /// not have (explore-BL: $4,812 of buys).
    private mutating func setAsideSummaryRows(of accounts: inout [Account], in table: SheetTable,
                                              untouched: (String) -> Bool) {
        let byID = Dictionary(accounts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Each household's accounts and the running sums of the rows above, so that a sheet of
        // many accounts is read in one pass: summed again at every row, 20,000 accounts took 11 s
        // more than without the check.
        let members = Dictionary(grouping: accounts, by: \.household)
        // Sums held short of overflow: a book whose cash passes what cents can count is
        // refused by the engine's limits with what it came to (explore-BT: two accounts of
        // $5e16 each stopped the run here as a bug in the tool).
        func plus(_ a: Money, _ b: Money) -> Money {
            let (sum, overflow) = a.cents.addingReportingOverflow(b.cents)
            return overflow ? Money(cents: b.cents < 0 ? .min / 2 : .max / 2) : Money(cents: sum)
        }
        let householdCash = members.mapValues { $0.reduce(Money.zero) { plus($0, $1.cash) } }
        var above: [Account] = [], aboveCash = Money.zero
        var allAbove: [Account] = [], allAboveCash = Money.zero
        var seenAbove = Set<String>()
        var summaries: [(account: Account, place: String, parts: [Account])] = []
        for row in table.rows {
            guard case .value(let id) = CellReader.text(row["Account"]), let account = byID[id], !seenAbove.contains(id)
            else { continue }
            // To the dollar: a summary rounds (explore-BP: 22,350 and 22,350.41 for 22,350.40
            // were planned as accounts).
            func sums(_ count: Int, _ cash: Money) -> Bool {
                let (apart, overflow) = cash.cents.subtractingReportingOverflow(account.cash.cents)
                return count >= 2 && !overflow && apart.magnitude <= 100
            }
            var parts: [Account]?
            // A row with its own Type is an account (a new one funded from two others).
            if account.cash > .zero, untouched(id), isBlank(row, "Type") {
                if account.household != account.id, let household = members[account.household],
                   case let (rest, overflow) = householdCash[account.household]!.cents.subtractingReportingOverflow(account.cash.cents),
                   !overflow, sums(household.count - 1, Money(cents: rest)) {
                    parts = household.filter { $0.id != id }
                } else if sums(above.count, aboveCash) {
                    parts = above
                } else if sums(allAbove.count, allAboveCash) {
                    parts = allAbove
                }
            }
            // A row whose ID is shaped as the accounts' own (`T-3` beside `T-1` and `T-2`) and whose
            // ID and Name say nothing of a summary may be a new account funded from others, or a
            // summary numbered as one: the PM says which. Set aside, a client's new account went
            // uninvested (explore-BR); planned, a household's summary spent its cash again
            // (explore-BV).
            if let found = parts, !Self.saysSummary(id), !(text(row, "Name").map(Self.saysSummary) ?? false),
               accounts.contains(where: { $0.id != id && Self.idShape($0.id) == Self.idShape(id) }) {
                let named = found.prefix(3).map(\.id).joinedAsList + (found.count > 3 ? ", and \(found.count - 3) more" : "")
                log.error(row.place("Account"), "\(id.excerpt) holds no lot, no trade names it, it has no Type, and its Cash, "
                    + "\(account.cash.formatted), is the sum of \(named)'s: if it is a summary row, delete it; if it is an "
                    + "account, give it its Type.")
                parts = nil
            }
            guard let parts else {
                above.append(account)
                aboveCash = plus(aboveCash, account.cash)
                allAbove.append(account)
                allAboveCash = plus(allAboveCash, account.cash)
                seenAbove.insert(id)
                continue
            }
            summaries.append((account, row.place("Account"), parts))
            above = []
            aboveCash = .zero
        }
        let setAside = Set(summaries.map(\.account.id))
        accounts.removeAll { setAside.contains($0.id) }
        for (account, place, parts) in summaries {
            let named = parts.prefix(3).map(\.id).joinedAsList + (parts.count > 3 ? ", and \(parts.count - 3) more" : "")
            log.warning(place, "\"\(account.id.excerpt)\" reads as a summary row, not an account: no lot or trade names it, and "
                + "its Cash, \(account.cash.formatted), is the sum of \(named)'s. It is set aside, its figures not planned.")
        }
    }
}

extension PortfolioBuilder {
    /// Whether an Accounts label says it sums others (`Smith Household`, `All Accounts`).
    static func saysSummary(_ label: String) -> Bool {
        let words = Set(label.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        return !words.isDisjoint(with: ["household", "households", "hh", "all", "combined", "family", "aggregate", "consolidated",
                                        "summary", "overall", "total", "totals", "relationship", "sum", "group"])
    }

    /// An ID's shape: each run of letters `A`, of digits `9`, other characters as written
    /// (`T-3` and `T-12` are `A-9`; `Smith Household` is `A A`).
    static func idShape(_ id: String) -> String {
        var shape = ""
        for character in id {
            let mark: Character = character.isLetter ? "A" : character.isNumber ? "9" : character
            if shape.last != mark || !(mark == "A" || mark == "9") { shape.append(mark) }
        }
        return shape
    }

    /// Whether a header names gains alone (`Realized ST Gain`, `STCG YTD`, `Gain`), not gains
    /// and losses netted (`Realized ST YTD`, `ST G/L`, `Realized P&L`).
    static func namesGainsAlone(_ header: String) -> Bool {
        let key = HeaderName.normalize(header).key
        let gains = key.contains("gain") || key.contains("stcg") || key.contains("ltcg") || key.contains("profit")
        return gains && !["loss", "gl", "pl", "net"].contains { key.contains($0) }
    }

    /// Whether a sheet's column of losses `loss` (`Realized ST Loss`, `Realized Loss`) is netted
    /// with its column of gains `gain`: where that column holds gains alone, as a realized-gain
    /// summary prints them, or is missing. Beside a column of gains and losses netted it is an
    /// error, once: added, it would count its losses twice; left out, a sheet of gains only
    /// would lose them. Unread, the gains were taken for the net (a $10,000 gain beside a
    /// $12,000 loss made a $300 budget cut a sale that had no tax; explore-AV).
    mutating func netsLosses(_ loss: String, with gain: String, in table: SheetTable) -> Bool {
        guard let lossMatch = table.matches.first(where: { $0.column == loss }) else { return false }
        guard let gainMatch = table.matches.first(where: { $0.column == gain }) else { return true }
        if Self.namesGainsAlone(gainMatch.header) { return true }
        log.error("\(table.sheetName)!\(lossMatch.cell)", "The column \"\(lossMatch.header.excerpt)\" holds losses, beside "
            + "\"\(gainMatch.header.excerpt)\" (\(table.sheetName)!\(gainMatch.cell)), which reads as gains and losses netted: "
            + "write the net figure in one column, or head the other as gains alone (\(gain == "Realized Gain" ? "Realized Gain" : "Gains")) "
            + "to have the two netted.")
        return false
    }

    /// `gain` less the size of `loss` (written either sign), when a loss is given: a year's
    /// figures.
    static func netted(_ gain: Money?, less loss: Money?) -> Money? {
        guard let loss else { return gain }
        return (gain ?? .zero) - loss.magnitude
    }

    /// A sale's gain read beside its loss column, for wash sales: its loss, when it has one
    /// (a sale of lots some at a gain and some at a loss, `500` beside `-200`: the lots at a
    /// loss open a window, which netted to +300 they did not; explore-AW); a gain column that
    /// is negative already holds the loss (the loss column repeats it).
    static func lossFirst(_ gain: Money?, loss: Money?) -> Money? {
        guard let loss, loss != .zero else { return gain }
        if let gain, gain.isNegative { return gain }
        return -loss.magnitude
    }
}
