import RebalanceEngine

extension PortfolioBuilder {
    mutating func readSecurities() -> [Security] {
        guard let table = tables[.securities] else { return [] }
        var securities: [Security] = []
        var places: [String: String] = [:]
        /// Each row's Identical Group cell as written and its place, for groups that name symbols.
        var groupCells: [(symbol: String, written: String, place: String)] = []
        for row in table.rows {
            guard let symbol = text(row, "Symbol")?.uppercased() else {
                log.error(row.place("Symbol"), "Symbol is blank.")
                continue
            }
            if let earlier = places[symbol] {
                log.error(row.place("Symbol"), "\(symbol) is listed twice (also at \(earlier)).")
                continue
            }
            places[symbol] = row.place("Symbol")
            var restriction: Restriction?
            if let r = text(row, "Restriction") {
                restriction = SheetTable.restrictionReading(r)
                if restriction == nil, !["none", "no"].contains(HeaderName.normalize(r).key) {
                    log.error(row.place("Restriction"), "Restriction must be No Buy, No Sell, No Trade or Hold, found \"\(r)\".")
                }
            }
            let replacements = PortfolioBuilder.replacementSymbols(text(row, "Replacement") ?? "")
            if let written = text(row, "Identical Group") { groupCells.append((symbol, written, row.place("Identical Group"))) }
            securities.append(Security(
                symbol: symbol, name: describingText(row, "Name"), sector: spelled(row, "Sector", kind: "sector"),
                identicalGroup: spelled(row, "Identical Group", kind: "identical group"),
                exposureGroup: spelled(row, "Exposure Group", kind: "exposure group"),
                replacements: replacements, restriction: restriction, phaseOut: flag(row, "Phase Out") ?? false))
        }
        linkFamiliesNamedBySymbol(&securities, groupCells: groupCells)
        return securities.sorted { $0.symbol < $1.symbol }
    }

    /// A cell's text less its notes in brackets (`IXUS (first choice)` is `IXUS `).
    static func withoutBracketedNotes(_ cell: String) -> String {
        var text = cell
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            text.removeSubrange(open...close)
        }
        return text
    }

    /// The symbols an Identical Group cell names, as written in it: a list at commas,
    /// semicolons, bars, `+`, `&`, spaces and the words `and`, `or`, `same as`, a note in
    /// brackets and a closing full stop left out (`IXUS and VEU`, `Same as VEU`, `VEU
    /// (Vanguard)`, `VEU.`). Nil when a piece is not written in capitals as a symbol is
    /// (`Gold`, `Total Intl`): then the cell is a label.
    /// A slash standing alone between spaces joins the list too (`GOOG / GOOGL`), and a label
    /// naming its members in brackets (`Alphabet (GOOG/GOOGL)`) names them: each had been
    /// read as a label, GOOG sold as legacy beside a buy of GOOGL (explore-CO).
    static func symbolsNamed(inGroupCell cell: String) -> [String]? {
        let filler: Set<String> = ["and", "or", "same", "as", "identical", "to", "with", "substantially", "see", "also"]
        func pieces(of text: Substring) -> [String]? {
            var pieces: [String] = []
            for raw in text.split(whereSeparator: { ",;|+&".contains($0) || $0.isWhitespace }) {
                var piece = String(raw)
                while piece.hasSuffix(".") { piece.removeLast() }
                if piece.isEmpty || piece.allSatisfy({ $0 == "/" }) || filler.contains(piece.lowercased()) { continue }
                guard piece == piece.uppercased(), piece.contains(where: \.isLetter) else { return nil }
                pieces.append(piece)
            }
            return pieces.isEmpty ? nil : pieces
        }
        if let outside = pieces(of: Substring(withoutBracketedNotes(cell))) { return outside }
        // A label outside the brackets, the symbols inside them (one bracket, closed).
        guard let open = cell.firstIndex(of: "("), let close = cell[open...].firstIndex(of: ")") else { return nil }
        return pieces(of: cell[cell.index(after: open)..<close])
    }

    /// Joins into one family the rows whose Identical Group names other symbols of the sheet,
    /// in capitals as symbols are written (`VXUS` on IXUS's row, or `IXUS and VEU`), as a
    /// column headed `Substantially Identical` is filled: read as a label, `VXUS` was a family
    /// of IXUS alone, and the plan harvested VXUS into IXUS the same day (explore-BI). A symbol
    /// is matched without its separators (`BRK/B` names BRK.B). A cell of one symbol that other
    /// rows write as well is their label, not a pointer (`GOLD` on GLD's and IAU's rows beside
    /// Barrick's GOLD; explore-BK). Each family so joined takes the first label of its
    /// members, in sheet order, that is no symbol list, else the first written; a warning says
    /// which rows were joined, as it changes which sales are wash sales.
    /// A symbol the book holds, models or prices counts as a row of the sheet (`GOOGL` on
    /// GOOG's row, GOOGL modelled with no row of its own; explore-CO).
    mutating func linkFamiliesNamedBySymbol(
        _ securities: inout [Security], groupCells: [(symbol: String, written: String, place: String)]
    ) {
        let bookSymbols = symbolsOfTheBook()
        var row: [String: Int] = [:]
        var rowBySeparatorFree: [String: Int] = [:]
        for index in securities.indices {
            row[securities[index].symbol] = index
            rowBySeparatorFree[PortfolioBuilder.separatorFree(securities[index].symbol)] = index
        }
        var rowsWriting: [String: Int] = [:]
        for cell in groupCells { rowsWriting[PortfolioBuilder.lettersAndDigits(cell.written), default: 0] += 1 }
        // Union-find over the rows.
        var parent = Array(securities.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        var links: [(place: String, symbol: String, named: [String], rowless: Bool)] = []
        var symbolLists: Set<String> = []
        for cell in groupCells {
            guard let own = row[cell.symbol], var pieces = PortfolioBuilder.symbolsNamed(inGroupCell: cell.written) else { continue }
            // `GOOG/GOOGL` names two symbols, unless it is one (`BRK/B`): on GOOGL's row alone it
            // had been a family of GOOGL only, and GOOG sold beside a buy of GOOGL (explore-CN).
            pieces = pieces.flatMap { piece -> [String] in
                guard piece.contains("/"), row[piece] == nil, rowBySeparatorFree[PortfolioBuilder.separatorFree(piece)] == nil
                else { return [piece] }
                let parts = piece.split(separator: "/").map(String.init)
                return parts.count > 1 && parts.allSatisfy({ $0.count > 1 }) ? parts : [piece]
            }
            // A list naming the row's own symbol names the others as its twins, each a security
            // of the book though the sheet gives it no row of its own; so does a symbol the
            // book holds, models or prices.
            let naming = pieces.count > 1 && pieces.contains(cell.symbol)
            let rowless = pieces.filter { row[$0] == nil && rowBySeparatorFree[PortfolioBuilder.separatorFree($0)] == nil }
            let ofTheBook = !rowless.isEmpty && rowless.allSatisfy { bookSymbols.contains($0) }
            if naming || ofTheBook {
                for piece in rowless where row[piece] == nil {
                    row[piece] = securities.count
                    rowBySeparatorFree[PortfolioBuilder.separatorFree(piece)] = securities.count
                    securities.append(Security(symbol: piece))
                    parent.append(parent.count)
                }
            }
            let named = pieces.compactMap { row[$0] ?? rowBySeparatorFree[PortfolioBuilder.separatorFree($0)] }
            // (Rows the cell names that share its label are one family already, unsaid.)
            guard named.count == pieces.count,
                  named.contains(where: { $0 != own && securities[$0].identicalGroup != securities[own].identicalGroup }),
                  pieces.count > 1 || rowsWriting[PortfolioBuilder.lettersAndDigits(cell.written)] == 1 else { continue }
            symbolLists.insert(securities[own].identicalGroup ?? cell.written)
            for index in named { parent[root(index)] = root(own) }
            links.append((cell.place, cell.symbol, named.filter { $0 != own }.map { securities[$0].symbol }, ofTheBook && !naming))
        }
        guard !links.isEmpty else { return }
        // Rows sharing a label are one family already.
        var firstOfLabel: [String: Int] = [:]
        for index in securities.indices {
            guard let label = securities[index].identicalGroup else { continue }
            if let first = firstOfLabel[label] { parent[root(index)] = root(first) } else { firstOfLabel[label] = index }
        }
        var members: [Int: [Int]] = [:]
        for index in securities.indices { members[root(index), default: []].append(index) }
        // Sheet order: `groupCells` is in it; rows without a label follow.
        let sheetOrder = Dictionary(groupCells.enumerated().map { ($1.symbol, $0) }, uniquingKeysWith: { first, _ in first })
        for (_, family) in members where family.count > 1 {
            let ordered = family.sorted { (sheetOrder[securities[$0].symbol] ?? .max, $0) < (sheetOrder[securities[$1].symbol] ?? .max, $1) }
            let labels = ordered.compactMap { securities[$0].identicalGroup }
            guard let label = labels.first(where: { !symbolLists.contains($0) }) ?? labels.first else { continue }
            for index in family { securities[index].identicalGroup = label }
        }
        for link in links {
            let family = securities[row[link.symbol]!].identicalGroup ?? ""
            log.warning(link.place, "The Identical Group of \(link.symbol) names \(link.named.joinedAsList), "
                + "\(link.named.count == 1 ? "a symbol" : "symbols") of the \(link.rowless ? "book" : "sheet"): \(([link.symbol] + link.named).joinedAsList) "
                + "are read as one family (\(family.excerpt)), substantially identical for wash sales. If the cell is a "
                + "label, write it otherwise than a symbol.")
        }
    }

    /// The symbols the Lots, Model and Prices sheets name, in capitals.
    func symbolsOfTheBook() -> Set<String> {
        let sheets = lotTables + [tables[.model], tables[.prices]].compactMap { $0 } + modelSheetTables.map(\.table)
        var symbols: Set<String> = []
        for table in sheets where table.has("Symbol") {
            for row in table.rows {
                if case .value(let symbol) = CellReader.text(row["Symbol"]) { symbols.insert(symbol.uppercased()) }
            }
        }
        return symbols
    }

    mutating func readGroups() -> [ExposureGroupCap] {
        guard let table = tables[.groups] else { return [] }
        let caps = weights(.groups, "Max Weight")
        var groups: [ExposureGroupCap] = []
        for row in table.rows {
            guard let group = spelled(row, "Exposure Group", kind: "exposure group") else {
                log.error(row.place("Exposure Group"), "Exposure Group is blank.")
                continue
            }
            if row["Max Weight"] == nil { log.error(row.place("Max Weight"), "Max Weight is blank.") }
            guard let cap = caps[row.number] else { continue }
            if groups.contains(where: { $0.group == group }) {
                log.error(row.place("Exposure Group"), "The exposure group \"\(group)\" is listed twice.")
                continue
            }
            groups.append(ExposureGroupCap(group: group, maxWeight: cap))
        }
        return groups
    }

    mutating func readSectors() -> [SectorBand] {
        guard let table = tables[.sectors] else { return [] }
        let bands = weights(.sectors, "Band")
        var sectors: [SectorBand] = []
        for row in table.rows {
            guard let sector = spelled(row, "Sector", kind: "sector") else {
                log.error(row.place("Sector"), "Sector is blank.")
                continue
            }
            if row["Band"] == nil { log.error(row.place("Band"), "Band is blank.") }
            guard let band = bands[row.number] else { continue }
            if sectors.contains(where: { $0.sector == sector }) {
                log.error(row.place("Sector"), "The sector \"\(sector)\" is listed twice.")
                continue
            }
            sectors.append(SectorBand(sector: sector, band: band))
        }
        return sectors
    }

    /// Warns of a Groups row no security's Exposure Group names, and a Sectors row no
    /// security's or model row's Sector names: a mistyped name (`Tech` for `Technology`) caps
    /// nothing, and the run went on without a word.
    mutating func warnOfUnnamedLimits(groups: [ExposureGroupCap], sectors: [SectorBand], securities: [Security], models: [Model]) {
        let namedGroups = Set(securities.compactMap(\.exposureGroup))
        let namedSectors = Set(securities.compactMap(\.sector) + models.flatMap { $0.targets.compactMap(\.sector) })
        func place(_ sheet: ContractSheet, _ column: String, _ name: String) -> String {
            tables[sheet]?.rows.first { CellReader.textValue($0[column]) == name }?.place(column) ?? sheet.rawValue
        }
        for group in groups where !namedGroups.contains(group.group) {
            log.warning(place(.groups, "Exposure Group", group.group), "No security's Exposure Group is \"\(group.group.excerpt)\": "
                + "its cap limits nothing. If it is meant for some securities, give them that Exposure Group on the "
                + "Securities sheet (written as here).")
        }
        for sector in sectors where !namedSectors.contains(sector.sector) {
            log.warning(place(.sectors, "Sector", sector.sector), "No security or model row has the Sector \"\(sector.sector.excerpt)\": "
                + "its band limits nothing. If it is meant for some securities, give them that Sector (written as here).")
        }
    }

    /// Warns, once per symbol, of a model row whose Sector differs from the Securities sheet's
    /// for its symbol: the model's counts for the slot, the Securities sheet's for a holding of
    /// it outside the model, so the two disagree silently otherwise (a sector band judged on
    /// one, a stand-in counted under the other).
    mutating func warnOfSectorDisagreements(securities: [Security], models: [Model]) {
        var securitySector: [String: String] = [:]
        for security in securities { if let sector = security.sector { securitySector[security.symbol] = sector } }
        var said: Set<String> = []
        for model in models {
            for target in model.targets {
                guard let sector = target.sector, let other = securitySector[target.symbol], other != sector,
                      said.insert(target.symbol).inserted else { continue }
                let place = tables[.model]?.rows.first { CellReader.textValue($0["Symbol"])?.uppercased() == target.symbol }?
                    .place("Sector") ?? ContractSheet.model.rawValue
                log.warning(place, "\(target.symbol)'s Sector is \"\(sector.excerpt)\" on the Model sheet and \"\(other.excerpt)\" "
                    + "on the Securities sheet: the model's counts for its target (and the sector band over it), the "
                    + "Securities sheet's for a holding of it outside the model. Write one sector in both places.")
            }
        }
    }

    /// A row's identical group, exposure group or sector (`kind`) as the book first writes it:
    /// names that differ only in capitals or spacing (`Alphabet`, `alphabet`, `Alphabet  Inc`)
    /// are one, as households are, with a note. Kept apart, two spellings of an identical group
    /// were two families, and the plan bought GOOG inside a GOOGL loss's window, or harvested
    /// VEA into the VEAX the PM had grouped with it; a cap or band would bind no member.
    mutating func spelled(_ row: SheetTable.DataRow, _ column: String, kind: String) -> String? {
        guard let written = text(row, column) else { return nil }
        // An identical group, whose spellings apart split a wash-sale family, is matched on its
        // letters and digits alone: `Total Intl`, `TotalIntl`, `Total-Intl`, `Total Int'l`
        // (explore-BI: VXUS harvested into IXUS the same day, no word).
        let alike = kind == "identical group" ? PortfolioBuilder.lettersAndDigits(written) : PortfolioBuilder.alike(written)
        if let first = nameSpellings[kind]?[alike] {
            if first != written {
                log.info(row.place(column), "The \(kind) \"\(written.excerpt)\" is read as \"\(first.excerpt)\", as an earlier row writes it.")
            }
            return first
        }
        nameSpellings[kind, default: [:]][alike] = written
        return written
    }

    /// The symbols of a Replacement cell, upper case: a list split at commas or semicolons
    /// (`VTI, ITOT; SCHB`), blanks left out.
    static func replacementSymbols(_ list: String) -> [String] {
        // Commas as the contract has it; semicolons, bars and line breaks (Alt+Enter) as PMs
        // list alternatives in a cell.
        list.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" || $0.isNewline })
            .flatMap { listedSymbols(String($0).trimmingWhitespace()) }
            .map { $0.uppercased() }
    }

    /// The symbols of one listed piece: `IXUS`; `IXUS SCHF`, `IXUS or SCHF` and `IXUS/SCHF`
    /// as two. A space or a slash parts symbols only where every part is two characters or
    /// more: `BRK B` and `BRK/B` are one symbol, a share class written as custodians do.
    private static func listedSymbols(_ piece: String) -> [String] {
        // A note in brackets is no symbol (`IXUS (first choice)`).
        let text = withoutBracketedNotes(piece).trimmingWhitespace()
        guard !text.isEmpty else { return [] }
        // `or`, `then`, `and` between symbols part them first: `BRK B or IXUS` is two.
        var groups: [[String]] = [[]]
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            if ["or", "then", "and", "/", "&"].contains(word.lowercased()), !groups[groups.count - 1].isEmpty {
                groups.append([])
            } else {
                groups[groups.count - 1].append(word)
            }
        }
        return groups.filter { !$0.isEmpty }.flatMap(spacedSymbols)
    }

    /// The symbols of words between separators: each a symbol when every one is two
    /// characters or more, else one symbol written with spaces (`BRK B`).
    private static func spacedSymbols(_ words: [String]) -> [String] {
        let piece = words.joined(separator: " ")
        let spaced = words.count > 1 && words.allSatisfy { $0.count >= 2 } ? words : [piece]
        return spaced.flatMap { word -> [String] in
            let parts = word.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            return parts.count > 1 && parts.allSatisfy({ $0.count >= 2 }) ? parts : [word]
        }
    }
}

extension PortfolioBuilder {
    /// A group's name without the words a company's name ends with (`Alphabet Inc` and
    /// `Alphabet Class A` are `alphabet`), to tell two names of one family.
    static func groupCore(_ alike: String) -> String {
        let suffixes: Set<String> = ["inc", "corp", "corporation", "co", "company", "ltd", "plc",
                                     "class", "cl", "a", "b", "c", "holdings", "group", "shares", "sa", "ag", "nv", "se", "llc"]
        var words = alike.split(separator: " ").map { $0.filter { $0 != "," && $0 != "." } }.filter { !$0.isEmpty }
        while let last = words.last, words.count > 1, suffixes.contains(last) { words.removeLast() }
        return words.joined(separator: " ")
    }

    /// How many such Securities rows are warned of each at its cell; more are one warning.
    static let idleRowsSaidEach = 3

    /// Warns of Securities rows whose words apply to nothing:
    ///
    /// - a row with a Restriction or Phase Out whose symbol no lot, model, replacement,
    ///   transaction or manual trade names (a CUSIP, an ISIN, a fund's name, where the book
    ///   writes the ticker): its rule restricted nothing, and the plan sold a No Sell
    ///   security without a word (explore-AO);
    /// - an identical group of one security beside another whose name is the same but for a
    ///   company's ending (`Alphabet Inc` and `Alphabet`, `groupCore`): most likely one family
    ///   written two ways, whose members then count toward no one target and share no window.
    mutating func warnOfIdleSecurityRows(
        _ securities: [Security], lots: [TaxLot], models: [Model], transactions: [Transaction], manualTrades: [ManualTrade]
    ) {
        guard let table = tables[.securities] else { return }
        var named = Set(lots.map(\.symbol))
        for model in models { for target in model.targets { named.insert(target.symbol) } }
        for security in securities { named.formUnion(security.replacements) }
        for trade in transactions { named.insert(trade.symbol) }
        for trade in manualTrades { named.insert(trade.symbol) }
        // The rows as `readSecurities` read them (their rules parsed), by symbol.
        let security = Dictionary(securities.map { ($0.symbol, $0) }, uniquingKeysWith: { first, _ in first })
        var membersOfGroup: [String: [(symbol: String, place: String, written: String)]] = [:]
        var groupOrder: [String] = []
        var idle: [(place: String, said: String)] = []
        for row in table.rows {
            guard case .value(let text) = CellReader.text(row["Symbol"]) else { continue }
            let symbol = text.uppercased()
            if !named.contains(symbol), let read = security[symbol] {
                var rules: [String] = []
                if read.restriction != nil, case .value(let written) = CellReader.text(row["Restriction"]) {
                    rules.append("its Restriction (\(written.excerpt))")
                }
                if read.phaseOut { rules.append("Phase Out") }
                if !rules.isEmpty {
                    let kind = PortfolioBuilder.identifierKind(symbol).map { ", \($0)," } ?? ""
                    idle.append((row.place("Symbol"), "\(symbol.excerpt)\(kind) is named by no lot, model, replacement or trade "
                        + "of the book, so \(rules.joined(separator: " and ")) applies to nothing"))
                }
            }
            if case .value(let group) = CellReader.text(row["Identical Group"]) {
                let alike = PortfolioBuilder.alike(group)
                if membersOfGroup[alike] == nil { groupOrder.append(alike) }
                membersOfGroup[alike, default: []].append((symbol, row.place("Identical Group"), group))
            }
        }
        let advice = "If it is a security the book holds or trades, write the symbol the Lots and Model sheets use."
        if idle.count <= PortfolioBuilder.idleRowsSaidEach {
            for row in idle { log.warning(row.place, "\(row.said). \(advice)") }
        } else {
            // A firm's restricted list pasted whole names many securities no account holds:
            // one warning, its first rows named.
            let shown = idle.prefix(PortfolioBuilder.idleRowsSaidEach).map { $0.place.split(separator: "!").last.map(String.init) ?? $0.place }
            log.warning(table.sheetName, "\(idle.count) rows with a Restriction or Phase Out name a symbol no lot, model, "
                + "replacement or trade of the book names (\(shown.joined(separator: ", ")) and \(idle.count - shown.count) more), "
                + "so their rules apply to nothing. \(advice)")
        }
        var told: Set<String> = []
        // Each group's core worked out once, the groups found by it: asked of every group in
        // turn, 6,000 one-member groups took two minutes (explore-BK).
        let cores = groupOrder.map(PortfolioBuilder.groupCore)
        var groupsByCore: [String: [String]] = [:]
        for (group, core) in zip(groupOrder, cores) { groupsByCore[core, default: []].append(group) }
        for (group, core) in zip(groupOrder, cores) where !told.contains(group) {
            guard let members = membersOfGroup[group], members.count == 1, !core.isEmpty,
                  let other = groupsByCore[core]?.first(where: { $0 != group }),
                  let otherMember = membersOfGroup[other]?.first else { continue }
            // Two groups of one each: one warning names both.
            told.formUnion([group, other])
            let member = members[0]
            log.warning(member.place, "\(member.symbol.excerpt) is the only security of the identical group \"\(member.written.excerpt)\", "
                + "beside the group \"\(otherMember.written.excerpt)\" (\(otherMember.place)): a group of one shares no wash-sale "
                + "window and counts toward no other symbol's target. If they are one family, write its name the same way.")
        }
    }
}

extension PortfolioBuilder {
    /// Gives a security of an Identical Group with no Exposure Group of its own the one group
    /// its identical members name, with a note: identical shares are one exposure, and the
    /// contract has GOOG and GOOGL draw on one cap. Left without, GOOG held as GOOGL's stand-in
    /// counted toward GOOGL's weight but not its group's, which stood at 0% under its cap while
    /// the stand-in alone passed it (explore-AY). Members naming two groups keep their own.
    mutating func shareExposureGroups(_ securities: inout [Security]) {
        let shared = PortfolioBuilder.sharingExposureGroups(securities)
        securities = shared.securities
        for (symbols, family, group) in shared.filled {
            let one = symbols.count == 1
            log.info(tables[.securities]?.sheetName ?? "Securities", "\(symbols.map(\.excerpt).joinedAsList) \(one ? "has" : "have") "
                + "no Exposure Group and \(one ? "is" : "are") in the Identical Group \(family.excerpt), whose other members are "
                + "in \(group.excerpt): \(one ? "it counts" : "they count") toward that group's cap.")
        }
    }

    /// `securities` with each Identical Group's members that name no Exposure Group given the
    /// one group their identical members name (see `shareExposureGroups`), and what was filled.
    static func sharingExposureGroups(_ securities: [Security])
        -> (securities: [Security], filled: [(symbols: [String], family: String, group: String)])
    {
        var securities = securities
        var filled: [(symbols: [String], family: String, group: String)] = []
        var membersOf: [String: [Int]] = [:]
        for index in securities.indices {
            if let family = securities[index].identicalGroup { membersOf[family, default: []].append(index) }
        }
        for family in membersOf.keys.sorted() {
            let members = membersOf[family]!
            let named = Set(members.compactMap { securities[$0].exposureGroup })
            guard named.count == 1, let group = named.first else { continue }
            let without = members.filter { securities[$0].exposureGroup == nil }
            guard !without.isEmpty else { continue }
            for index in without { securities[index].exposureGroup = group }
            filled.append((without.map { securities[$0].symbol }, family, group))
        }
        return (securities, filled)
    }
}
