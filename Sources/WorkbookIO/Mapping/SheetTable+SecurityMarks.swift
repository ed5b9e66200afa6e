import RebalanceEngine

extension SheetTable {
    /// What a mark in an unread Securities or Model column would do to its security.
    enum SecurityMark: Equatable, Sendable {
        /// A restriction: the one the contract names, when the mark says which.
        case restriction(Restriction?)
        case phaseOut
    }

    /// How an unread Securities or Model column marks a security.
    enum SecurityMarkKind: Equatable, Sendable {
        /// Any cell but a No marks (`Do Not Sell`, `Hold`, `Exit`: Yes).
        case yes(SecurityMark)
        /// A No marks (`Tradable`, `Approved`: No).
        case no
        /// Any value but none marks, as in the contract's Restriction (`Restr Code`).
        case value
        /// Words of a restriction or phase-out mark (`Trading Status`: Halted - No Sell).
        /// `strict`, for a column that is the security's own (`Status`, `Notes`), reads only
        /// words that can mean nothing else (`Hold`, `Exit` are a rating's or a plan's there).
        case words(strict: Bool)
        /// A date on or after the As Of marks (`Lockup`: 2027-01-15).
        case until
    }

    /// An unread Securities or Model column that may restrict a security or phase it out,
    /// with its cells under the table's data rows, judged against the As Of by the builder.
    struct SecurityMarkColumn {
        var header: String
        /// Its header cell's place (`Securities!C1`).
        var place: String
        var kind: SecurityMarkKind
        var cells: [(row: Int, place: String, value: CellValue)]
    }

    /// The kind of an unread Securities or Model header that may restrict a security or phase
    /// it out, or nil. Read as nothing whatever they held, `Do Not Sell` Yes beside a
    /// Restriction column and `Hold` Yes had their positions sold (explore-CO).
    static func securityMarkKind(_ header: String, on sheet: ContractSheet) -> SecurityMarkKind? {
        guard sheet == .securities || sheet == .model else { return nil }
        let key = HeaderName.normalize(header).key
        switch key {
        case "donotbuy", "dnb", "nobuy", "donotpurchase", "nopurchase", "sellonly", "buyrestricted":
            return .yes(.restriction(.noBuy))
        case "donotsell", "dns", "nosell", "buyonly", "sellrestricted":
            return .yes(.restriction(.noSell))
        case "donottrade", "dnt", "notrade", "frozen", "halted", "suspended", "blocked", "tradinghalted":
            return .yes(.restriction(.noTrade))
        case "hold", "onhold", "holds", "legalhold", "locked", "lockedup", "restrictedlist", "onrestrictedlist":
            return .yes(.restriction(key.hasPrefix("lock") || key.contains("restricted") ? nil : .hold))
        case "exit", "tobesold", "toexit", "sell", "sellall", "exitposition", "winddown", "liquidation", "tobeliquidated",
             "tosell", "phasingout":
            return .yes(.phaseOut)
        case "tradable", "tradeable", "approved", "buyable", "sellable", "cantrade", "canbuy", "cansell", "oktobuy",
             "oktosell", "oktotrade":
            return .no
        case "tradingstatus", "tradestatus", "compliance", "compliancenote", "compliancestatus", "constraint",
             "constraints", "instructions", "instruction", "tradinginstructions", "tradinginstruction", "pminstructions":
            return .words(strict: false)
        case "restrcode", "restrictioncode", "restr", "tradeflag", "tradingflag", "complianceflag", "compliancerestriction":
            return .value
        case "lockup", "lockupdate", "lockupuntil", "lockupend", "lockupends", "lockupenddate", "lockupexpiration",
             "lockupexpiry", "lockupexpires", "lockupexpirationdate", "lockeduntil", "lockedthrough", "holduntil",
             "restricteduntil", "restrictedthrough":
            return .until
        case "status", "securitystatus", "notes", "note", "comment", "comments", "pmnotes", "pmnote", "remarks":
            return .words(strict: true)
        default:
            break
        }
        // The Securities sheet's own columns written on the Model (`Restriction`, `Phase Out`).
        if sheet == .model, let column = ContractSheet.securities.column(forHeader: header) {
            if column == "Restriction" { return .value }
            if column == "Phase Out" { return .yes(.phaseOut) }
        }
        return nil
    }

    /// Cells that say no restriction: blank, a No, or a status of a security free to trade.
    static let unmarkedWords: Set<String> = [
        "no", "n", "false", "0", "none", "na", "null", "nil", "tradable", "tradeable", "approved", "active", "open",
        "unrestricted", "norestriction", "norestrictions", "notrestricted", "nonrestricted", "clear", "cleared", "ok",
        "normal", "allowed", "permitted", "eligible", "unlocked", "off", "notapplicable", "",
    ]

    /// Words of a note saying a check found no mark (see `securityMarkInWords`).
    static let checkedWords: Set<String> = [
        "checked", "check", "passed", "ok", "okay", "approved", "reviewed", "cleared", "clear", "na", "applicable",
    ]

    /// Words that say a mark is over (`Lockup ended 1/15/2026`, `Restriction lifted`).
    static let markOverWords: Set<String> = [
        "lifted", "released", "removed", "cleared", "expired", "ended", "former", "formerly", "lapsed", "unrestricted",
        "none", "was", "previously",
    ]

    /// The mark a cell of a column of `kind` makes, or nil where it says none. A date, or
    /// words ending in one after `until` (`Lockup until 1/15/2027`), marks only to the As Of.
    static func securityMark(_ value: CellValue, kind: SecurityMarkKind, asOf: CivilDate, uses1904: Bool) -> SecurityMark? {
        let generic: SecurityMark
        switch kind {
        case .yes(let mark): generic = mark
        // (A lockup keeps the position from being sold.)
        case .until: generic = .restriction(.noSell)
        case .no, .value, .words: generic = .restriction(nil)
        }
        switch value {
        case .bool(let flag):
            if case .words = kind { return nil }
            return (kind == .no) != flag ? generic : nil
        case .number(let n, _):
            switch kind {
            case .words: return nil
            case .no: return n == 0 ? generic : nil
            case .until: break
            case .yes, .value: return n == 0 ? nil : generic
            }
            fallthrough
        case .date:
            guard kind == .until || isYesKind(kind) else { return nil }
            if case .value(let day) = CellReader.date(value, uses1904: uses1904) { return day >= asOf ? generic : nil }
            return generic
        case .string(let raw):
            let text = raw.trimmingWhitespace()
            let key = HeaderName.normalize(text).key
            if CellReader.emptyWords.contains(text.lowercased()) { return nil }
            if kind == .no {
                return ["no", "n", "false", "0", "off"].contains(key) ? generic : securityMarkInWords(text, strict: false, asOf: asOf)
            }
            if unmarkedWords.contains(key) { return nil }
            if case .words(let strict) = kind { return securityMarkInWords(text, strict: strict, asOf: asOf) }
            if PortfolioBuilder.ranOut(text, before: asOf) { return nil }
            if kind == .until, case .value(let day) = CellReader.dateText(text) { return day >= asOf ? generic : nil }
            let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
            if !Set(words).isDisjoint(with: markOverWords) || ["no", "n", "false"].contains(words.last ?? "") { return nil }
            if kind == .value, let read = restrictionReading(text) { return .restriction(read) }
            return securityMarkInWords(text, strict: false, asOf: asOf) ?? generic
        case .error, .formulaWithoutValue, .uncalculatedFormula:
            return nil
        }
    }

    private static func isYesKind(_ kind: SecurityMarkKind) -> Bool {
        if case .yes = kind { return true }
        return false
    }

    /// The contract's restriction a Restriction cell names (`No Sell`, `DNS`, `Frozen`), or
    /// nil for a cell that names none of them.
    static func restrictionReading(_ text: String) -> Restriction? {
        switch HeaderName.normalize(text).key {
        case "nobuy", "donotbuy", "dnb", "nobuys", "nopurchase", "nopurchases", "buyrestricted": return .noBuy
        case "nosell", "donotsell", "dns", "nosale", "nosales", "sellrestricted": return .noSell
        case "notrade", "donottrade", "dnt", "notrading", "restricted", "frozen": return .noTrade
        case "hold": return .hold
        default: return nil
        }
    }

    /// The mark a restriction's or phase-out's words make (`Halted - No Sell`, `Restricted
    /// List`, `Do not sell - client legacy position`, `Phase Out`), or nil: none of those
    /// words, or only after `not`, `no` or `non`, or beside words that say it is over.
    static func securityMarkInWords(_ text: String, strict: Bool, asOf: CivilDate) -> SecurityMark? {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard Set(words).isDisjoint(with: markOverWords), !PortfolioBuilder.ranOut(text, before: asOf) else { return nil }
        // A security's own note that a check found nothing (`restricted list checked 11/19`,
        // `lockup n/a`, `restricted list check passed`) marks nothing: read as a mark, an
        // ordinary book was refused. Under a column headed as a mark, `checked` may be its yes.
        if strict, !Set(words).isDisjoint(with: checkedWords) || text.lowercased().contains("n/a") { return nil }
        func word(_ index: Int) -> String { words.indices.contains(index) ? words[index] : "" }
        // (`Not restricted`, `Not on restricted list`.)
        func denied(_ index: Int) -> Bool {
            !Set([word(index - 1), word(index - 2)]).isDisjoint(with: ["not", "non", "un", "never"])
        }
        let buying: Set = ["buy", "buys", "buying", "purchase", "purchases", "purchasing"]
        let selling: Set = ["sell", "sells", "selling", "sale", "sales"]
        let trading: Set = ["trade", "trades", "trading"]
        // The words saying which restriction first (`Halted - No Sell` is No Sell).
        for (index, current) in words.enumerated() {
            // `Do not sell`, `No sell`, `Sell only`.
            if current == "do", word(index + 1) == "not" || word(index + 1) == "n" {
                let verb = word(index + 2)
                if buying.contains(verb) { return .restriction(.noBuy) }
                if selling.contains(verb) { return .restriction(.noSell) }
                if trading.contains(verb) { return .restriction(.noTrade) }
            }
            if current == "no" {
                if buying.contains(word(index + 1)) { return .restriction(.noBuy) }
                if selling.contains(word(index + 1)) { return .restriction(.noSell) }
                if trading.contains(word(index + 1)) { return .restriction(.noTrade) }
            }
            if current == "only", index > 0 {
                if selling.contains(word(index - 1)) { return .restriction(.noBuy) }
                if buying.contains(word(index - 1)) { return .restriction(.noSell) }
            }
        }
        for (index, current) in words.enumerated() {
            if denied(index) { continue }
            let next = word(index + 1)
            switch current {
            case "dnb": return .restriction(.noBuy)
            case "dns": return .restriction(.noSell)
            case "dnt": return .restriction(.noTrade)
            case "restricted", "halted", "frozen", "suspended", "locked", "lockup", "blackout": return .restriction(nil)
            case "lock": if next == "up" { return .restriction(nil) }
            case "hold": if !strict || ["on", "legal"].contains(word(index - 1)) { return .restriction(.hold) }
            case "blocked": if !strict { return .restriction(nil) }
            case "phaseout", "liquidate", "liquidating": return .phaseOut
            case "phase", "phasing", "phased": if next == "out" { return .phaseOut }
            case "wind": if next == "down" { return .phaseOut }
            case "exit", "exiting": if !strict { return .phaseOut }
            default: continue
            }
        }
        return nil
    }

    /// Whether a security read from the Securities sheet already carries `mark`: a mark the
    /// Restriction or Phase Out column says too is no rule left unread.
    static func carries(_ security: Security?, _ mark: SecurityMark) -> Bool {
        guard let security else { return false }
        switch mark {
        case .phaseOut: return security.phaseOut
        case .restriction(let wanted):
            guard let held = security.restriction else { return false }
            switch wanted {
            case nil: return true
            case .noBuy?: return held.blocksBuying
            case .noSell?: return held.blocksSelling
            case .noTrade?: return held == .noTrade || held == .hold
            case .hold?: return held == .hold
            }
        }
    }
}
