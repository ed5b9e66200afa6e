import RebalanceEngine

/// The Settings keys of the contract and the names they go by (normalized like headers;
/// a `%` unit is kept apart so `Harvest Min Loss %` is the percent threshold).
enum SettingKey: String, CaseIterable {
    case asOf = "As Of Date"
    case shortTermRate = "Short-Term Rate"
    case longTermRate = "Long-Term Rate"
    case taxBudget = "Tax Budget"
    case minTrade = "Min Trade"
    case fractionalShares = "Fractional Shares"
    case lotMethod = "Lot Method"
    case defaultBand = "Default Band"
    case rebalanceTo = "Rebalance To"
    case cashTarget = "Cash Target"
    case harvestLosses = "Harvest Losses"
    case harvestMinLoss = "Harvest Min Loss"
    case harvestMinLossPercent = "Harvest Min Loss Pct"
    case washSaleDays = "Wash Sale Days"
    case priceMaxAgeDays = "Price Max Age Days"
    case allowStalePrices = "Allow Stale Prices"
    case priceAPIURL = "Price API URL"
    case priceAPIFormat = "Price API Format"
    case priceAPIField = "Price API Field"

    var names: [String] {
        switch self {
        case .asOf: return ["asofdate", "asof", "rundate", "valuationdate", "tradedate", "rebalancedate"]
        // With a percent sign or the word tax, a term's name alone is its rate (`ST Tax %`, `ST %`,
        // `Short Term Gains Tax`): ignored with a warning, the run had taxed at the default rates
        // (explore-CH).
        case .shortTermRate: return ["shorttermrate", "strate", "shorttermtaxrate", "sttaxrate", "shorttermrate%", "sttax", "st%",
                                     "shorttermtax", "shortterm%", "shorttermgainstax", "stgainstax", "stcapgains%",
                                     "stcapitalgains%", "shorttermcapitalgains%", "shorttermcapitalgainstax", "stcapgainstax",
                                     "stcapitalgainstax", "stcgtax", "stcg%"]
        case .longTermRate: return ["longtermrate", "ltrate", "longtermtaxrate", "lttaxrate", "longtermrate%", "lttax", "lt%",
                                    "longtermtax", "longterm%", "longtermgainstax", "ltgainstax", "ltcapgains%",
                                    "ltcapitalgains%", "longtermcapitalgains%", "longtermcapitalgainstax", "ltcapgainstax",
                                    "ltcapitalgainstax", "ltcgtax", "ltcg%"]
        case .taxBudget: return ["taxbudget", "taxbudget$", "maxtax", "maximumtax", "taxlimit", "annualtaxbudget", "maxtaxes",
                                 "taxmax", "taxceiling", "maxtaxcost", "taxallowance", "taxtolerance", "taxspend", "taxcap"]
        case .minTrade: return ["mintrade", "minimumtrade", "mintradesize", "mintradeamount", "mintrade$", "minimumtradeamount", "mintradevalue",
                                "minorder", "minimumorder", "minordersize", "minimumordersize", "trademinimum", "minticket",
                                "minimumticket", "minticketsize", "minimumticketsize"]
        case .fractionalShares: return ["fractionalshares", "fractional", "allowfractionalshares"]
        // A custodian's other names for it (`Disposal Method`, `Basis Method`), ignored with a
        // note until stop 48: the account was planned Tax Optimal against the custodian's FIFO.
        case .lotMethod: return ["lotmethod", "lotreliefmethod", "lotrelief", "costbasismethod", "taxlotmethod", "lotselection",
                                 "lotselectionmethod", "disposalmethod", "basismethod", "accountingmethod",
                                 "costbasisaccountingmethod", "defaultlotmethod", "taxlotrelief", "taxlotreliefmethod",
                                 "lotdisposalmethod", "costbasisreliefmethod"]
        // The contract's `Tolerance` for a Band column, and a drift band's names.
        case .defaultBand: return ["defaultband", "defaultband%", "defaulttolerance", "band", "tolerance", "tolerance%",
                                   "drifttolerance", "drifttolerance%", "driftband", "driftband%", "rebalanceband",
                                   "rebalanceband%", "defaultdriftband"]
        case .rebalanceTo: return ["rebalanceto", "rebalancetarget", "tradeto", "rebalancemethod", "rebalancemode"]
        // The Accounts sheet's names for it, and a cash buffer's (explore-CH: `Target Cash` 5%
        // ignored with a warning, every account planned to the default 1%).
        case .cashTarget: return ["cashtarget", "cashtarget%", "defaultcashtarget", "targetcash", "targetcash%", "cashreserve",
                                  "cashreserve%", "cashbuffer", "cashbuffer%", "mincash", "mincash%", "minimumcash",
                                  "minimumcash%", "cashallocation", "cashallocation%", "targetcashallocation"]
        // The industry's `TLH` and its forms (explore-BC: an account's `TLH` of No was passed
        // over and the account harvested).
        case .harvestLosses: return ["harvestlosses", "harvest", "taxlossharvesting", "harvestlosses?", "tlh", "tlh?",
                                     "taxlossharvest", "tlhenabled", "tlheligible", "harvesting", "harvestenabled",
                                     "harvesteligible", "allowtlh", "allowharvesting"]
        case .harvestMinLoss: return ["harvestminloss", "harvestminloss$", "harvestminimumloss", "tlhminloss", "tlhminloss$",
                                      "tlhminimumloss", "tlhthreshold", "tlhminimum", "harvestthreshold", "minharvestloss",
                                      "minimumharvestloss", "harvestminimum", "minlosstoharvest", "minimumlosstoharvest"]
        case .harvestMinLossPercent: return ["harvestminlosspct", "harvestminlosspercent", "harvestminloss%", "harvestminlosspct%",
                                             "harvestthreshold%", "harvestthresholdpct", "harvestthresholdpercent",
                                             "tlhthreshold%", "tlhthresholdpct", "tlhthresholdpercent", "tlhminloss%",
                                             "tlhminlosspct", "tlhminlosspercent", "minharvestloss%", "minharvestlosspct"]
        case .washSaleDays: return ["washsaledays", "washsalewindow", "washsalewindowdays", "washsaleperiod", "washsaleperioddays"]
        case .priceMaxAgeDays: return ["pricemaxagedays", "maxpriceagedays", "pricemaxage", "maxpriceage"]
        case .allowStalePrices: return ["allowstaleprices", "allowstale", "usestaleprices"]
        case .priceAPIURL: return ["priceapiurl", "priceapi", "quoteapiurl", "quoteurl", "priceurl"]
        case .priceAPIFormat: return ["priceapiformat", "quoteapiformat", "quoteformat", "priceformat"]
        case .priceAPIField: return ["priceapifield", "quoteapifield", "quotefield", "pricefield"]
        }
    }

    /// The keys an Accounts column may override for its account (`SettingOverrides`); Tax
    /// Budget, the rates and Cash Target are Accounts columns of their own.
    static let perAccount: [SettingKey] = [.lotMethod, .minTrade, .harvestLosses, .harvestMinLoss, .harvestMinLossPercent,
                                           .rebalanceTo]

    /// The keys that hold for the whole run, which an Accounts column does not override.
    static let runWide: Set<SettingKey> = [.asOf, .fractionalShares, .defaultBand, .washSaleDays, .priceMaxAgeDays,
                                           .allowStalePrices, .priceAPIURL, .priceAPIFormat, .priceAPIField]

    /// The key `text` is most likely a misspelling of (`Tax Budjet`, `Min Trdae`): one of its
    /// names within two letters changed, added, dropped or swapped of it, for a text of six
    /// letters or more; nil when none is, or two are.
    static func misspelled(_ text: String) -> SettingKey? {
        let written = Array(HeaderName.normalize(text).key.filter(\.isLetter))
        guard written.count >= 6 else { return nil }
        let near = allCases.filter { key in
            key.names.contains { name in
                let letters = Array(name.filter(\.isLetter))
                return abs(letters.count - written.count) <= 2 && editDistance(letters, written) <= 2
            }
        }
        return near.count == 1 ? near[0] : nil
    }

    /// Letters changed, added, dropped or swapped (two side by side) to make one text the other.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)   // row i − 2
        var previous = Array(0...b.count)                        // row i − 1
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// The rate, budget or harvest threshold a key's words name, though no name of it
    /// matches (`Federal Short-Term Rate`, `Tax Rate (Short-Term)`, `Max Tax Impact ($)`,
    /// `TLH Minimum Loss`): left unread, the run used the default rate or an unlimited budget.
    static func soundsLike(_ text: String) -> SettingKey? {
        let words = SheetTable.headerWords(text)
        let short = !words.isDisjoint(with: ["short", "st", "stcg", "stcl", "shortterm"])
        let long = !words.isDisjoint(with: ["long", "lt", "ltcg", "ltcl", "longterm"])
        let ofTheYear = !words.isDisjoint(with: ["ytd", "realized", "realised", "carryforward", "carryover", "loss", "losses"])
        if !words.isDisjoint(with: ["rate", "rates", "bracket"]) || (!ofTheYear && (words.contains("tax") || text.contains("%"))),
           short != long {
            return short ? .shortTermRate : .longTermRate
        }
        // A term's rate by the tax's other names, as the Accounts sheet reads them
        // (`SheetTable.taxRateColumn`): ordinary income is taxed as short-term gains, and
        // capital gains' and qualified rates are the long-term rate. Ignored with a warning,
        // the run taxed at the default rates; `Cap Gains Rate` had even been taken for a Tax
        // Budget (explore-DV).
        let ordinary = !words.isDisjoint(with: ["ordinary", "income"])
        let capitalGains = (!words.isDisjoint(with: ["cap", "capital"]) && !words.isDisjoint(with: ["gain", "gains"]))
            || !words.isDisjoint(with: ["cg", "qualified"])
        if !short, !long, !ofTheYear, ordinary != capitalGains,
           !words.isDisjoint(with: ["rate", "rates", "bracket", "pct", "percent", "tax"]) || text.contains("%"),
           words.isDisjoint(with: ["max", "maximum", "limit", "ceiling", "budget", "dividend", "dividends", "state"]) {
            return ordinary ? .shortTermRate : .longTermRate
        }
        if words.contains("budget") || (words.contains("tax") && !words.isDisjoint(with: ["max", "maximum", "limit", "cap"])) {
            return .taxBudget
        }
        // A cap on gains (`Max Realized Gain`), which the budget caps by their tax: left unread,
        // the run had no budget at all (explore-CH).
        if !words.isDisjoint(with: ["max", "maximum", "limit", "cap", "ceiling"]), !words.isDisjoint(with: ["gain", "gains", "cg"]) {
            return .taxBudget
        }
        if !words.isDisjoint(with: ["harvest", "harvesting", "tlh"]), !words.isDisjoint(with: ["min", "minimum", "threshold"]) {
            return words.isDisjoint(with: ["pct", "percent"]) && !text.contains("%") ? .harvestMinLoss : .harvestMinLossPercent
        }
        return nil
    }

    /// The key a cell holds together with its value (`Tax Budget = 300`, `Min Trade: 500`), or nil.
    static func writtenWithValue(_ text: String) -> SettingKey? {
        if let mark = text.firstIndex(where: { $0 == "=" || $0 == ":" }) {
            let value = String(text[text.index(after: mark)...]).trimmingWhitespace()
            return value.isEmpty ? nil : matching(String(text[..<mark]))
        }
        // Or a space before a figure (`Tax Budget 300`, `Default Band 5%`; explore-CK).
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2, let last = words.last, case .value = CellReader.number(.string(String(last))) else { return nil }
        return matching(words.dropLast().joined(separator: " "))
    }

    static func matching(_ text: String) -> SettingKey? {
        let (key, unit) = HeaderName.normalize(text)
        if let unit, let found = allCases.first(where: { $0.names.contains(key + unit) }) { return found }
        if let found = allCases.first(where: { $0.names.contains(key) }) { return found }
        // A percent's key with the word spelt out (`Cash Target Pct`, `Default Band Percent`),
        // as `Harvest Min Loss Pct` is: ignored with a warning, the run took the default
        // (explore-BK).
        for word in ["inpercent", "percent", "pct"] where key.hasSuffix(word) {
            let bare = String(key.dropLast(word.count))
            if let found = [SettingKey.cashTarget, .defaultBand, .shortTermRate, .longTermRate, .harvestMinLossPercent]
                .first(where: { $0.names.contains(bare) }) {
                return found
            }
        }
        return nil
    }
}

extension PortfolioBuilder {
    /// A setting's message's end: where the reading found what may be a decimal comma
    /// (`2,00 %`; explore-BE), how to write it, with `example`; a full stop otherwise.
    static func decimalCommaHint(_ problem: String, example: String) -> String {
        problem.contains("decimal comma") ? ": its comma may be a decimal comma; write decimals with a point (\(example))." : "."
    }

    /// Reads a rate or weight the way a Settings key or an Accounts column is read: a percent
    /// cell or `5%` text is its fraction; a plain number above 1 is a percent.
    func rate(from n: NumberText, plainArePercents: Bool) -> Rate? {
        let text = n.form == .plain && plainArePercents ? CellReader.scaledByHundredth(n.text) : n.text
        return Rate(decimal: text)
    }

    /// A plain 1 where a weight or rate is read is 100% by the contract's rule (no plain number
    /// above 1 makes it a percent); a cash target, band or tax rate of 100% is almost surely
    /// the 1% it looks like, and would sell every position or tax every gain whole, so the PM
    /// is warned where it was read.
    mutating func warnOfWholeOne(_ name: String, place: String, fromSettings: Bool = false) {
        let effect: String
        switch name {
        // The Settings value: an account's own, or its model's CASH row, wins over it.
        case "Cash Target" where fromSettings:
            effect = "every position of an account with no cash target of its own is sold to cash"
        case "Cash Target", "CASH": effect = "every position is sold to cash"
        case "Short-Term Rate", "Long-Term Rate": effect = "the tax estimate takes every dollar of gain"
        default: effect = "a band of ±100% lets every weight drift"
        }
        log.warning(place, "\(name) 1 is read as 100% (a plain number is a fraction unless one in its column is above 1): "
            + "\(effect). Write 1% if one percent is meant.")
    }

    /// Warns of a cash target of a quarter or more written as the percent it is (`100`, `50%`), on
    /// Settings, the Accounts sheet or a model's CASH row: it sells positions to reach it, and
    /// had sold an account whole without a word (explore-BR, BV).
    mutating func warnOfLargeCashTarget(_ name: String, _ rate: Rate, of whose: String, at place: String, besides: String = "") {
        log.warning(place, "\(name) \(rate.percentText): that share of \(whose) is raised to cash, its positions sold to reach "
            + "it\(besides). Check it is meant.")
    }

    /// The error for a plain number that `rule` reads as a whole or a large fraction (1 as 100%,
    /// 0.5 as 50%) where `written`, another percent of the same sheet or table, is a plain number
    /// above 1: the PM says which is meant. `typed` is the number as the cell shows it. A
    /// fraction's error gives the fraction that is the small percent too (0.005 for 0.5%), which
    /// is read as it is written.
    mutating func askWhetherPlainIsAPercent(_ name: String, _ typed: String, _ n: NumberText, _ rate: Rate, at place: String,
                                            rule: String, beside written: (column: String, text: String, place: String)) {
        let small = n.doubleValue < 1 ? Rate(decimal: CellReader.scaledByHundredth(n.text)).map { " (or \($0))" } ?? "" : ""
        log.error(place, "\(name) \(typed) would be read as \(rate.percentText) (\(rule)), but \(written.column) \(written.text) "
            + "at \(written.place) writes its percent as a plain number, so \(typed) may mean \(typed)%: write \(typed)%\(small) "
            + "or \(rate.percentText).")
    }

    /// Warns that a plain fraction was read as the large percent it is by the contract's rule
    /// (`0.5` as 50%), with what that does, where a percent was more likely meant.
    mutating func warnOfUnlikelyFraction(_ name: String, _ n: NumberText, _ rate: Rate, effect: String, place: String) {
        log.warning(place, "\(name) \(n.text) is read as \(rate.percentText) (a plain number up to 1 is a fraction): "
            + "\(effect). Write \(n.text)% if \(n.text) percent is meant.")
    }

    /// Above any US rate on gains, federal and state together.
    static let highestRate = Rate(millionths: 600_000)

    /// What a Settings fraction this large would do, when it is so large that a percent was
    /// more likely meant (a Default Band of 20% or more, a Harvest Min Loss % of 30% or more).
    static func unlikelyFraction(_ key: SettingKey, _ rate: Rate) -> String? {
        switch key {
        case .defaultBand where rate >= Rate(millionths: 200_000):
            return "a weight would drift that far either side of its target before it is rebalanced"
        case .harvestMinLossPercent where rate >= Rate(millionths: 300_000):
            return "only lots down that much from their cost would be harvested"
        // A quarter of an account in cash or more, and a rate above any US one (a Cash Target
        // of 0.5 sold half of a household to cash without a word; explore-AV).
        case .cashTarget where rate >= Rate(millionths: 250_000):
            return "that share of each account is raised to cash, its positions sold to reach it"
        case .shortTermRate where rate > highestRate, .longTermRate where rate > highestRate:
            return "gains would be taxed above any US rate, federal and state together"
        default: return nil
        }
    }

    /// Why a positive figure is no price or amount the tool can hold, when its size is why:
    /// too large (a price of 1e300), or smaller than the millionth of a dollar a price counts to
    /// (1e-12). Nil for any other figure, whose message says what is wrong with it (both had
    /// been "must be a positive number", explore-AP).
    static func sizeProblem(_ n: NumberText, _ name: String, what: String) -> String? {
        let size = n.doubleValue
        guard n.isPositiveAsWritten else { return nil }
        if size >= 1e12 { return "\(name) is too large to be \(what), found \(n.text)." }
        if size < 0.000_000_5 { return "\(name) is less than the millionth of a dollar the tool counts to, found \(n.text)." }
        return nil
    }

    /// Whether a cell says `None` (or `Nil`), which the reader takes as an empty cell elsewhere.
    static func saysNone(_ value: CellValue?) -> Bool {
        guard case .string(let raw)? = value else { return false }
        return ["none", "nil"].contains(HeaderName.normalize(raw).key)
    }

    /// `Unlimited` (or blank) or an amount of tax, never negative.
    mutating func taxBudget(_ value: CellValue?, place: String) -> TaxBudget? {
        // `None` could say no limit or no new tax: read as an empty cell (the default), it let
        // an account meant to realize nothing spend the Settings budget (explore-AQ).
        if PortfolioBuilder.saysNone(value), case .string(let raw)? = value {
            log.error(place, "Tax Budget \"\(raw.trimmingWhitespace().excerpt)\" could mean no limit or no new tax: write "
                + "Unlimited for no limit, or 0 for no net new tax.")
            return nil
        }
        // `Unlimited` and its plain synonyms.
        if case .value(let t) = CellReader.text(value),
           ["unlimited", "nolimit", "nocap", "uncapped", "nomaximum", "nomax"].contains(HeaderName.normalize(t).key) {
            return .unlimited
        }
        // An amount written with its currency (`5,000 USD`) is the amount, as on the Accounts sheet.
        switch CellReader.number(value, withUnitOf: CellReader.dollarUnits).reading {
        case .empty: return nil
        case .problem:
            log.error(place, "Tax Budget must be an amount or Unlimited, found \"\(shown(value))\".")
            return nil
        case .value(let n) where n.form != .plain:
            log.error(place, percentProblem("Tax Budget", unit: "an amount in dollars", found: value))
            return nil
        case .value(let n):
            if refusedThreeDecimalDollars(value, "Tax Budget", at: place) || refusedScaleWordFormat(value, "Tax Budget", at: place) {
                return nil
            }
            guard let m = Money(decimal: n.text), !m.isNegative else {
                log.error(place, PortfolioBuilder.sizeProblem(n, "Tax Budget", what: "an amount of money")
                    ?? "Tax Budget must be an amount of zero or more, or Unlimited, found \"\(shown(value))\".")
                return nil
            }
            return .limit(m)
        }
    }

    /// The keys whose values are amounts in dollars.
    static let dollarKeys: Set<SettingKey> = [.taxBudget, .minTrade, .harvestMinLoss]
    /// The keys whose values are percents (a plain number above 1 is one).
    static let percentKeys: Set<SettingKey> = [.shortTermRate, .longTermRate, .defaultBand, .cashTarget, .harvestMinLossPercent]

    /// What a Settings `Unit` cell says of its row's value.
    enum UnitReading { case agrees, percent, refused }

    /// Reads a setting's `Unit` cell: `%` makes its plain number a percent (a Cash Target of 1
    /// beside `%` had been read as 100%, every untaxed account sold to cash; explore-CH); a
    /// unit in thousands or basis points, or dollars for a percent, is refused, as the key so
    /// written is. Any other unit says nothing the tool reads.
    mutating func checkUnit(_ unit: (value: CellValue, place: String), of key: SettingKey, value: CellValue) -> UnitReading {
        guard case .value(let raw) = CellReader.text(unit.value) else { return .agrees }
        let text = raw.trimmingWhitespace().lowercased()
        let percentKey = Self.percentKeys.contains(key)
        if ["%", "pct", "percent", "percentage", "(%)", "% of account", "% of portfolio"].contains(text) {
            if Self.dollarKeys.contains(key) {
                log.error(unit.place, "\(key.rawValue) is an amount in dollars, but its unit says percent (\"\(raw.excerpt)\"): "
                    + "write the amount in dollars, and its unit $.")
                return .refused
            }
            return percentKey ? .percent : .agrees
        }
        if ["bps", "bp", "basis points", "(bps)"].contains(text), percentKey {
            log.error(unit.place, "\(key.rawValue) is in basis points by its unit (\"\(raw.excerpt)\"): write it as a percent "
                + "(50 bps is 0.5%).")
            return .refused
        }
        // In millions or billions (`$M`, `$mm`, `USD (millions)`, `$bn`): read as dollars, a
        // budget of 0.01 $M was a cent (explore-CK).
        let bare = text.filter { !"()[]".contains($0) }
        let compact = bare.filter { !$0.isWhitespace && !"$'’".contains($0) }
        if Self.dollarKeys.contains(key), !SheetTable.isInThousands(text),
           ["m", "mm", "mil", "mn", "mln", "million", "millions", "bn", "b", "billion", "billions", "usdm", "usdmm",
            "usdmillions", "usdbn"].contains(compact) {
            log.error(unit.place, "\(key.rawValue) is in \(compact.contains("b") ? "billions" : "millions") of dollars by its unit "
                + "(\"\(raw.excerpt)\"), and the tool reads it in dollars: write it in dollars, and its unit $.")
            return .refused
        }
        if Self.dollarKeys.contains(key), SheetTable.isInThousands(text) || ["000", "k", "000s", "'000", "thousands"].contains(text)
            || SheetTable.scaleAdvice("(\(bare))")?.contains("thousands") == true {
            var inDollars = ""
            if case .value(let n) = CellReader.number(value), let thousand = Money(decimal: n.text)?.multiplied(by: Rate(millionths: 1_000_000_000)) {
                inDollars = " (\(n.text) thousand is \(thousand.formatted))"
            }
            log.error(unit.place, "\(key.rawValue) is in thousands of dollars by its unit (\"\(raw.excerpt)\"), and the tool reads "
                + "it in dollars: write it in dollars\(inDollars), and its unit $.")
            return .refused
        }
        if percentKey, ["$", "usd", "dollars", "$ amount"].contains(text) {
            log.error(unit.place, "\(key.rawValue) is a percent (1% or 0.01), but its unit says dollars (\"\(raw.excerpt)\"): "
                + "write it as a percent.")
            return .refused
        }
        return .agrees
    }

    /// The error for a Settings key that gives a setting for less or more than each account
    /// of this run, nil for any other: one account's (`A1 Tax Budget`, `Tax Budget (A1)`, an
    /// ID of `accountIDs` beside a key), whose home is the Accounts sheet's column of it; a
    /// household's budget (`Household Tax Budget`), which the contract has not; or the part of
    /// the budget used or left (`Tax Budget Used YTD`, `Remaining Tax Budget`), which changes
    /// what Tax Budget means. Each had been dropped with a warning beside the plain key, and
    /// the run spent a budget the PM did not mean (explore-DV).
    static func settingOfAnotherScope(_ text: String, accountIDs: [String]) -> String? {
        let written = text.trimmingWhitespace().excerpt
        let settingWords = Set(SettingKey.allCases.flatMap { SheetTable.headerWords($0.rawValue) })
        let lowered = Array(text.lowercased())
        for id in accountIDs where !id.isEmpty && !settingWords.contains(id.lowercased()) {
            let target = Array(id.lowercased())
            guard target.count < lowered.count else { continue }
            for start in 0...(lowered.count - target.count) where Array(lowered[start..<(start + target.count)]) == target {
                // The ID as a word of its own: `A1`, not the `a1` of another word.
                let end = start + target.count
                func joins(_ c: Character) -> Bool { c.isLetter || c.isNumber }
                if start > 0, joins(lowered[start - 1]) { continue }
                if end < lowered.count, joins(lowered[end]) { continue }
                let rest = String(lowered[..<start]) + " " + String(lowered[end...])
                guard let key = SettingKey.matching(rest) else { continue }
                if SettingKey.runWide.contains(key) {
                    return "\"\(written)\" gives \(id.excerpt) its own \(key.rawValue), but \(key.rawValue) holds for the whole "
                        + "run, and no account has its own: give the run's \(key.rawValue) under \(key.rawValue), and delete this key."
                }
                return "\"\(written)\" gives \(id.excerpt) its own \(key.rawValue), but the Settings sheet's settings hold for "
                    + "every account. Give \(id.excerpt) its \(key.rawValue) in a \(key.rawValue) column on the Accounts sheet "
                    + "(blank for the accounts that take the Settings value), and delete this key. Left unread, \(id.excerpt) would "
                    + "be planned on the Settings \(key.rawValue)."
            }
        }
        let words = SheetTable.headerWords(text)
        // (A cap on gains, `Max Realized Gain`, is said as such where it is judged.)
        guard words.contains("budget")
            || (SettingKey.soundsLike(text) == .taxBudget && words.isDisjoint(with: ["gain", "gains", "cg"])) else { return nil }
        if !words.isDisjoint(with: ["household", "households", "hh", "family", "relationship", "client"]) {
            return "\"\(written)\" gives a household's tax budget, which the tool does not read: a Tax Budget is each "
                + "account's, for this run. Split the household's budget among its accounts in the Accounts sheet's Tax Budget "
                + "column, and delete this key. Left unread, each account would spend up to the Settings Tax Budget, the "
                + "household more than this."
        }
        if !words.isDisjoint(with: ["used", "spent", "remaining", "left", "consumed", "utilized", "utilised", "ytd",
                                    "available", "balance"]) {
            return "\"\(written)\" gives part of a tax budget as used or left, which the tool does not read: the Tax Budget is "
                + "the net new tax this run may realize in each account. Write under Tax Budget what this run may still spend "
                + "(the year's budget less what is used), and delete this key. Left unread, the run would spend the whole Tax "
                + "Budget."
        }
        return nil
    }

    mutating func readSettings() {
        var understood: [SettingKey: String] = [:]
        var asOfFromSheet: CivilDate?
        if let table = tables[.settings] {
            var seen: [SettingKey: String] = [:]
            var seenValues: [SettingKey: String] = [:]
            // Keys that look like a misspelt setting's name, judged once every key is read.
            var misspelled: [(text: String, key: SettingKey, place: String)] = []
            // Keys written with their values in one cell, judged once every key is read.
            var inOneCell: [(text: String, key: SettingKey, place: String)] = []
            // The keys and values under the Setting and Value header, or where a sheet without
            // it holds them (see `SettingsLayout`).
            var entries = table.settingsLayout?.entries ?? table.rows.compactMap { row in
                text(row, "Setting").map {
                    SettingsLayout.Entry(key: $0, keyPlace: row.place("Setting"), value: row["Value"], valuePlace: row.place("Value"),
                                         unit: row["Unit"].map { ($0, row.place("Unit")) })
                }
            }
            // Keys and values outside the table are settings too: set aside, the PM's own list
            // beside a change-log box lost to the box's old budget (explore-CF). One given in
            // both is set twice, an error; the rest are read, with a warning naming them.
            // A block headed as not this run's (`Last quarter (for reference)`, the template's
            // `Default` column, `Example`) is passed over with a note; a key with two values
            // right of it (a change log's `Old | New`) is asked about: its first had been read
            // (explore-CK: last quarter's $25,000 budget planned against the PM's $500).
            var outside: [SettingsLayout.Entry] = []
            var setAside: [String: [String]] = [:]
            for entry in table.settingsOutside {
                if let rival = entry.rival {
                    log.error(entry.keyPlace, "\(SettingKey.matching(entry.key)?.rawValue ?? entry.key.excerpt), outside the Setting "
                        + "and Value table, has two values right of it, \(shown(entry.value)) at \(entry.valuePlace) and "
                        + "\(shown(rival.value)) at \(rival.place): write this run's in the table, and remove the other or move it "
                        + "off the sheet.")
                    continue
                }
                if let heading = entry.heading,
                   !SheetTable.headerWords(heading).isDisjoint(with: SettingsLayout.notThisRunWords) {
                    setAside[heading, default: []].append(entry.keyPlace)
                    continue
                }
                outside.append(entry)
            }
            for (heading, places) in setAside.sorted(by: { $0.value[0] < $1.value[0] }) {
                log.info(places[0], "The keys under \"\(heading.excerpt)\" (\(places.count) from here) are not read: their "
                    + "heading says they are not this run's settings.")
            }
            if let first = outside.first {
                let named = outside.prefix(4).map { entry in
                    "\(SettingKey.matching(entry.key)?.rawValue ?? entry.key.trimmingWhitespace().excerpt) "
                        + "(\(entry.keyPlace.split(separator: "!").last ?? ""))"
                }
                let more = outside.count > 4 ? ", and \(outside.count - 4) more" : ""
                log.warning(first.keyPlace, "Keys with values beside them stand outside the Setting and Value table (its header "
                    + "in row \(table.headerRow)), and are read as settings too: \(named.joined(separator: ", "))\(more). If "
                    + "they are not this run's (a change log, last quarter's values), remove them; keep every setting under "
                    + "the one header.")
                entries += outside
            }
            // The book's account IDs, longest first, which a key may name (`A1 Tax Budget`).
            // (A set: without an Accounts sheet they are read off every lot's row.)
            var ids = Set<String>()
            for table in tables[.accounts].map({ [$0] }) ?? lotTables {
                for row in table.rows { if let id = CellReader.textValue(row["Account"]) { ids.insert(id) } }
            }
            let accountIDs = ids.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
            // A percent key written as a plain number above 1 (`Short-Term Rate 40.8`, as the
            // template's Instructions show): the sheet writes its percents so.
            let percentKeys = Self.percentKeys
            for entry in entries {
                guard case .value(let keyText) = CellReader.text(.string(entry.key)), let key = SettingKey.matching(keyText),
                      percentKeys.contains(key), case .value(let n) = CellReader.number(entry.value), n.form == .plain,
                      n.doubleValue > 1 else { continue }
                settingsPlainPercent = (key.rawValue, shown(entry.value), entry.valuePlace)
                break
            }
            for entry in entries {
                guard case .value(let keyText) = CellReader.text(.string(entry.key)) else { continue }
                guard let key = SettingKey.matching(keyText) else {
                    // A key and its value in one cell (`Tax Budget = 300`): taken for a title, the
                    // run had no budget (explore-CH).
                    if entry.value == nil, let written = SettingKey.writtenWithValue(keyText) {
                        inOneCell.append((keyText, written, entry.keyPlace))
                        continue
                    }
                    // A percent's key in basis points (`Cash Target (bps)`): ignored with a warning,
                    // the run took the default (explore-CH).
                    let words = keyText.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
                    if words.contains("bps") || words.contains("bp") || (words.contains("basis") && words.contains("points")),
                       let key = SettingKey.matching(words.filter { !["bps", "bp", "basis", "points", "in"].contains($0) }
                           .joined(separator: " ")) {
                        log.error(entry.keyPlace, "\"\(keyText.excerpt)\" gives \(key.rawValue) in basis points, which the tool does "
                            + "not read: name it \(key.rawValue) and write it as a percent (50 bps is 0.5%).")
                        continue
                    }
                    // One account's setting (`A1 Tax Budget`, `Tax Budget (A1)`), a household's budget or
                    // the part of one spent (`Tax Budget Used YTD`): dropped with a warning beside
                    // the plain key, the account spent the Settings budget (explore-DV).
                    if entry.value != nil, let problem = Self.settingOfAnotherScope(keyText, accountIDs: accountIDs) {
                        log.error(entry.keyPlace, problem)
                        continue
                    }
                    // Without a header, a text with nothing beside it is a title or a note.
                    if table.settingsLayout != nil && entry.value == nil { continue }
                    if let near = SettingKey.misspelled(keyText) ?? SettingKey.soundsLike(keyText), entry.value != nil {
                        misspelled.append((keyText, near, entry.keyPlace))
                        continue
                    }
                    log.warning(entry.keyPlace, "\"\(keyText)\" is not a setting the tool knows; it is ignored.")
                    continue
                }
                if let earlier = seen[key] {
                    // The same value twice (a key repeated in a copy of the list) is no conflict:
                    // it had stopped the run (explore-CH).
                    if let first = seenValues[key], first == shown(entry.value), !first.isEmpty {
                        log.info(entry.keyPlace, "\(key.rawValue) is given again, with the same value as at \(earlier).")
                    } else {
                        log.error(entry.keyPlace, "\(key.rawValue) is set twice (also at \(earlier)).")
                    }
                    continue
                }
                seen[key] = entry.keyPlace
                seenValues[key] = shown(entry.value)
                // A percent's key that says dollars (`Cash Buffer ($)` 100): read as 100%, an IRA
                // was sold to cash on a warning (explore-CK).
                if percentKeys.contains(key), HeaderName.normalize(keyText).unit == "$" {
                    log.error(entry.keyPlace, "\(key.rawValue) is a percent of each account (1% or 0.01), but its name "
                        + "\"\(keyText.excerpt)\" says dollars: write it as a percent, and take the $ out of the name.")
                    continue
                }
                // An amount's key that says percent (`Tax Budget (%)` 1): read as dollars, a $1
                // budget was planned without a word (explore-CH).
                if Self.dollarKeys.contains(key), HeaderName.normalize(keyText).unit == "%" {
                    log.error(entry.keyPlace, "\(key.rawValue) is an amount in dollars, but its name \"\(keyText.excerpt)\" says "
                        + "percent: write the amount in dollars, and take the % out of the name.")
                    continue
                }
                let blank: Bool
                if case .empty = CellReader.text(entry.value) { blank = true } else { blank = false }
                guard let value = entry.value, !blank else {
                    // A budget left blank is no limit at all: said, as `None` is refused (explore-CH).
                    if key == .taxBudget {
                        log.warning(entry.valuePlace, "Tax Budget is blank, so the run's tax is not limited. Write Unlimited to "
                            + "keep this warning away, or the most net new tax the run may realize.")
                    }
                    continue
                }
                var saysPercent = Self.saysPercent(keyText)
                if let unit = entry.unit {
                    switch checkUnit(unit, of: key, value: value) {
                    case .refused: continue
                    case .percent: saysPercent = true
                    case .agrees: break
                    }
                }
                if let written = settingsPlainPercent, percentKeys.contains(key), !saysPercent,
                   case .value(let n) = CellReader.number(value), n.form == .plain {
                    // A plain 1 is 100% by the key's own rule, but beside percents written as plain
                    // numbers it is the 1% it looks like: a Cash Target read as 100% sold every
                    // account of a household to cash, on a warning (explore-BR). So is a fraction
                    // too large to be likely (`Cash Target 0.5`, half of each account raised to cash
                    // on a warning; explore-CH). The PM says which.
                    if n.doubleValue <= 1, let r = Rate(decimal: n.text), n.doubleValue == 1 || Self.unlikelyFraction(key, r) != nil {
                        askWhetherPlainIsAPercent(key.rawValue, shown(entry.value), n, r, at: entry.valuePlace,
                                                  rule: "a plain number up to 1 is a fraction", beside: written)
                        continue
                    }
                }
                if applySetting(key, value: value, place: entry.valuePlace, asOf: &asOfFromSheet, saysPercent: saysPercent) {
                    understood[key] = entry.valuePlace
                }
            }
            // A key and its value in one cell (`Tax Budget = 300`): taken for a title, the run had
            // no budget (explore-CH). An error unless the sheet gives the key in a cell of its own
            // (a title `As of: 11/20/2026` above the pairs).
            for (text, key, place) in inOneCell {
                if let given = seen[key] {
                    log.info(place, "\"\(text.excerpt)\" is not read as a setting (\(key.rawValue) is given at \(given)).")
                } else {
                    log.error(place, "\"\(text.excerpt)\" holds \(key.rawValue) and its value in one cell, which is not read: put "
                        + "the value in a cell of its own, right of the key.")
                }
            }
            // A misspelt key the sheet gives no other value of would leave the setting at its
            // default (`Tax Budjet` 5000: a run with an unlimited budget, with a warning only):
            // an error. One whose key the sheet also gives is ignored, with a warning.
            for (text, key, place) in misspelled {
                if let given = seen[key] {
                    log.warning(place, "\"\(text)\" is not a setting the tool knows; it is ignored (\(key.rawValue) is "
                        + "given at \(given)).")
                } else if key == .taxBudget,
                          !SheetTable.headerWords(text).isDisjoint(with: ["gain", "gains", "cg"]) {
                    log.error(place, "\"\(text)\" is not a setting the tool knows. It caps realized gains, where the tool caps "
                        + "their tax, in the Tax Budget (dollars of net new tax): give a Tax Budget (the tax those gains may cost "
                        + "at the run's rates) and remove this key. Left unread, the run would have no budget.")
                } else {
                    log.error(place, "\"\(text)\" is not a setting the tool knows; it looks like \(key.rawValue), which the "
                        + "sheet does not give: if it is, name it \(key.rawValue); if not, remove it. Left unread, the run "
                        + "would use the default \(key.rawValue) (\(describe(key))).")
                }
            }
        }
        if let asOfOverride {
            settings.asOf = asOfOverride
            if asOfFromSheet != nil && asOfFromSheet != asOfOverride {
                log.info(understood[.asOf] ?? "Settings", "--as-of \(asOfOverride) beats the As Of Date setting \(asOfFromSheet!).")
            }
        } else if let asOfFromSheet {
            settings.asOf = asOfFromSheet
            // `=TODAY()` is read as its saved result: the day the workbook was last calculated.
            if let place = understood[.asOf], let formula = tables[.settings]?.todayCells[place] {
                if asOfFromSheet == today {
                    log.info(place, "As Of Date is the formula \(formula), saved as \(asOfFromSheet), today: the plan is as of "
                        + "that day. Opened and saved another day, the workbook plans as of that day; write the date, or pass "
                        + "--as-of, to plan for a day of your choosing.")
                } else {
                    // Planned on, it set the holding periods, windows and price ages of a day
                    // nobody chose: the PM says which day.
                    log.error(place, "As Of Date is the formula \(formula), whose saved result is \(asOfFromSheet), the day the "
                        + "workbook was last calculated, not today (\(today)). Write the date the plan is for, or pass --as-of.")
                }
            }
        } else {
            settings.asOf = today
            // An As Of Date given but unreadable is an error at its cell; "no As Of Date is set"
            // beside it said what was not so (explore-DV).
            if !log.entries.contains(where: { $0.severity == .error && $0.message.hasPrefix("As Of Date") }) {
                log.warning("Settings", "No As Of Date is set; today's date, \(today), is used. Set it (or pass --as-of) for a "
                    + "reproducible run.")
            }
        }
        if !BookLimits.dates.contains(settings.asOf) {
            log.error(asOfOverride != nil ? "--as-of" : understood[.asOf] ?? "Settings", "As Of \(settings.asOf) is outside "
                + "\(BookLimits.dates.lowerBound) to \(BookLimits.dates.upperBound), the dates the tool plans with.")
        }
        view.settings = SettingKey.allCases.map { key in
            "\(key.rawValue) = \(describe(key))\(understood[key].map { " (\($0))" } ?? (key == .asOf && asOfOverride != nil ? " (--as-of)" : " (default)"))"
        }
    }

    func describe(_ key: SettingKey) -> String {
        func percent(_ r: Rate) -> String { "\(r.percentText)" }
        switch key {
        case .asOf: return settings.asOf.description
        case .shortTermRate: return percent(settings.rates.shortTerm)
        case .longTermRate: return percent(settings.rates.longTerm)
        case .taxBudget:
            if case .limit(let m) = settings.taxBudget { return m.formatted }
            return "Unlimited"
        case .minTrade: return settings.minTrade.formatted
        case .fractionalShares: return settings.fractionalShares ? "Yes" : "No"
        case .lotMethod: return settings.lotMethod.rawValue
        case .defaultBand: return percent(settings.defaultBand)
        case .rebalanceTo: return settings.rebalanceTo.rawValue
        case .cashTarget: return percent(settings.cashTarget)
        case .harvestLosses: return settings.harvestLosses ? "Yes" : "No"
        case .harvestMinLoss: return settings.harvestMinLoss.formatted
        case .harvestMinLossPercent: return percent(settings.harvestMinLossPercent)
        case .washSaleDays: return String(settings.washSaleDays)
        case .priceMaxAgeDays: return String(settings.priceMaxAgeDays)
        case .allowStalePrices: return settings.allowStalePrices ? "Yes" : "No"
        case .priceAPIURL: return priceAPI.url ?? "none"
        case .priceAPIFormat: return priceAPI.format?.rawValue ?? PriceAPISettings.Format.json.rawValue
        case .priceAPIField: return priceAPI.field ?? "price"
        }
    }

    /// Applies one Settings value; returns whether it was understood.
    /// `saysPercent`: the key or header as written says percent (`Cash Target (%)`), which
    /// makes a plain 1 one percent (explore-BI: read as 100%, every account sold to cash).
    static func saysPercent(_ written: String) -> Bool {
        let lowered = written.lowercased()
        return lowered.contains("%") || lowered.contains("pct") || lowered.contains("percent")
    }

    mutating func applySetting(
        _ key: SettingKey, value: CellValue?, place: String, asOf: inout CivilDate?, saysPercent: Bool = false
    ) -> Bool {
        let name = key.rawValue
        // A formula with no saved result, or an error, is said as such whatever the key: a rate
        // so written was "found \"\"" (explore-AQ).
        switch value {
        case .formulaWithoutValue?, .uncalculatedFormula?, .error?:
            if case .problem(let problem) = CellReader.text(value) {
                log.error(place, "\(name): \(problem)")
                return false
            }
        default: break
        }
        func whole(_ n: NumberText) -> Int? {
            let d = n.doubleValue
            return d == d.rounded() && abs(d) < 1e9 ? Int(d) : nil
        }
        switch key {
        case .asOf:
            switch CellReader.date(value, uses1904: uses1904) {
            case .value(let d):
                asOf = d
                // Judged with the book's other text dates: in a book kept day first, `10/11/2026`
                // was planned as of 11 October (explore-BX).
                if case .string(let text)? = value, let swapped = CellReader.dayFirstReading(text) {
                    textDates[DateColumn(sheet: "Settings", column: name), default: .init()].monthFirst
                        .append((place, text.trimmingWhitespace(), d, swapped))
                }
                return true
            case .problem(let p): log.error(place, "\(name): \(p)"); return false
            case .empty: return false
            }
        case .shortTermRate, .longTermRate, .defaultBand, .cashTarget, .harvestMinLossPercent:
            // `None`: no cash kept, no minimum loss; read as blank, the defaults held, and a Cash
            // Target of None sold positions to raise 1% in cash (explore-DC). For a band or a rate
            // it could mean zero or the default: asked.
            if PortfolioBuilder.saysNone(value) {
                let written = shown(value).trimmingWhitespace().excerpt
                switch key {
                case .cashTarget, .harvestMinLossPercent:
                    log.info(place, "\(name) \"\(written)\" is read as 0%: "
                        + (key == .cashTarget ? "no cash kept." : "no minimum."))
                    if key == .cashTarget { settings.cashTarget = .zero } else { settings.harvestMinLossPercent = .zero }
                    return true
                default:
                    log.error(place, "\(name) \"\(written)\" could mean 0% or the default: write 0% for none, or leave it "
                        + "blank for the default.")
                    return false
                }
            }
            if CellReader.isWrittenInDollars(value) {
                // `$50` is no percent: read as 50, it was a 50% cash target (explore-BR).
                log.error(place, "\(name) \"\(shown(value).excerpt)\" is written in dollars, but \(name) is a percent "
                    + "(1% or 0.01): write it as a percent.")
                return false
            }
            switch CellReader.number(value) {
            case .value(let n):
                // Under a key that says percent, a 1 is 1% and so is a fraction unlikely as one
                // (`Cash Target (%)` 0.5 is no 50% cash target; explore-BM), as in a column.
                let unlikelyUnderPercent = saysPercent && n.form == .plain && n.doubleValue < 1
                    ? Rate(decimal: n.text).flatMap { PortfolioBuilder.unlikelyFraction(key, $0) } : nil
                let plainIsPercent = n.doubleValue > 1 || (saysPercent && n.doubleValue == 1) || unlikelyUnderPercent != nil
                guard let r = rate(from: n, plainArePercents: plainIsPercent), r >= .zero, r <= .one else {
                    log.error(place, "\(name) must be a percent from 0% to 100%, found \"\(shown(value))\".")
                    return false
                }
                if let effect = unlikelyUnderPercent {
                    let fraction = Rate(decimal: n.text)?.percentText ?? n.text
                    log.warning(place, "\(name) \(n.text) is read as \(r.percentText), since the key says percent, and read as a "
                        + "fraction, \(fraction), \(effect); write \(fraction) if that is meant.")
                } else if n.form == .plain, n.doubleValue == 1, r == .one {
                    warnOfWholeOne(key.rawValue, place: place, fromSettings: true)
                } else if n.form == .plain, n.doubleValue <= 1, let effect = PortfolioBuilder.unlikelyFraction(key, r) {
                    // A plain 0.5 is 50% by the contract's rule: a band or a harvest threshold
                    // that wide is almost surely the half a percent it looks like (explore-AQ).
                    warnOfUnlikelyFraction(name, n, r, effect: effect, place: place)
                } else if key == .cashTarget, PortfolioBuilder.unlikelyFraction(key, r) != nil {
                    // Written as the percent it is (`100`, `50%`), still said (explore-BR).
                    warnOfLargeCashTarget("Cash Target", r, of: "each account", at: place,
                                          besides: ", in every account with no cash target of its own")
                } else if key == .defaultBand, r >= Rate(millionths: 200_000) {
                    // Written as the percent it is (`Drift Tolerance 25%`), a band that wide is
                    // most often a relative tolerance (a quarter of each target): said (explore-CK).
                    log.warning(place, "Default Band is \(r.percentText): each weight may drift \(r.percentText) of the account "
                        + "either side of its target before it is rebalanced (a band is in points of the account, not a share "
                        + "of the target). Check it is meant.")
                } else if key == .shortTermRate || key == .longTermRate, r > PortfolioBuilder.highestRate {
                    // Written as a percent (`65`, `65%`), a rate above any US one is a slip too (explore-AW).
                    log.warning(place, "\(name) is \(r.percentText), above any US rate on gains, federal and state together: "
                        + "check it. The tax estimate and the budget's room are worked at it.")
                }
                switch key {
                case .shortTermRate: settings.rates.shortTerm = r
                case .longTermRate: settings.rates.longTerm = r
                case .defaultBand: settings.defaultBand = r
                case .cashTarget: settings.cashTarget = r
                default: settings.harvestMinLossPercent = r
                }
                return true
            case .problem(let p):
                // The reading's own hint where a comma may be a decimal comma (`2,00 %`; explore-BE).
                log.error(place, "\(name) must be a percent, found \"\(shown(value))\"" + Self.decimalCommaHint(p, example: "2.5%"))
                return false
            case .empty: return false
            }
        case .taxBudget:
            guard let b = taxBudget(value, place: place) else { return false }
            settings.taxBudget = b
            return true
        case .minTrade, .harvestMinLoss:
            // `None` (`No Minimum`) for a minimum is none: read as blank, it kept the default
            // $100, where the PM meant no minimum (explore-AZ).
            if case .string(let raw)? = value,
               ["none", "nominimum", "nomin", "zero"].contains(HeaderName.normalize(raw).key) {
                log.info(place, "\(name) \"\(raw.trimmingWhitespace().excerpt)\" is read as $0.00: no minimum.")
                if key == .minTrade { settings.minTrade = .zero } else { settings.harvestMinLoss = .zero }
                return true
            }
            switch CellReader.number(value, withUnitOf: CellReader.dollarUnits).reading {
            case .value(let n) where n.form != .plain:
                // A harvest threshold in percent has its own key (`Harvest Threshold` of 5%; explore-BF).
                log.error(place, percentProblem(name, unit: "an amount in dollars", found: value)
                    + (key == .harvestMinLoss ? " A loss as a percent of the lot's cost is the Harvest Min Loss Pct." : ""))
                return false
            case .value(let n):
                if refusedThreeDecimalDollars(value, name, at: place) || refusedScaleWordFormat(value, name, at: place) {
                    return false
                }
                guard let m = Money(decimal: n.text), !m.isNegative else {
                    log.error(place, PortfolioBuilder.sizeProblem(n, name, what: "an amount of money")
                        ?? "\(name) must be an amount of zero or more, found \"\(shown(value))\".")
                    return false
                }
                if key == .minTrade { settings.minTrade = m } else { settings.harvestMinLoss = m }
                return true
            case .problem(let p):
                log.error(place, "\(name) must be an amount, found \"\(shown(value))\"" + Self.decimalCommaHint(p, example: "1234.56"))
                return false
            case .empty: return false
            }
        case .fractionalShares, .harvestLosses, .allowStalePrices:
            switch CellReader.flag(value) {
            case .value(let b):
                switch key {
                case .fractionalShares: settings.fractionalShares = b
                case .harvestLosses: settings.harvestLosses = b
                default: settings.allowStalePrices = b
                }
                return true
            case .problem: log.error(place, "\(name) must be Yes or No, found \"\(shown(value))\"."); return false
            case .empty: return false
            }
        case .priceAPIURL, .priceAPIFormat, .priceAPIField:
            guard case .value(let t) = CellReader.text(value) else { return false }
            return applyPriceAPISetting(key, text: t.trimmingWhitespace(), place: place)
        case .lotMethod:
            guard case .value(let t) = CellReader.text(value) else { return false }
            guard let m = LotMethod(workbookName: t) else {
                log.error(place, "Lot Method must be Tax Optimal, HIFO, FIFO or LIFO, found \"\(t)\".")
                return false
            }
            settings.lotMethod = m
            return true
        case .rebalanceTo:
            guard case .value(let t) = CellReader.text(value) else { return false }
            switch HeaderName.normalize(t).key {
            case "target": settings.rebalanceTo = .target
            case "bandedge", "edge", "band": settings.rebalanceTo = .bandEdge
            default:
                log.error(place, "Rebalance To must be Target or Band Edge, found \"\(t)\".")
                return false
            }
            return true
        case .washSaleDays, .priceMaxAgeDays:
            // `30 days` is read as 30, noted: the key already says the number counts days.
            let (reading, bare) = CellReader.number(value, withUnitOf: CellReader.dayUnits)
            if let bare, case .string(let text)? = value {
                log.info(place, "\(name) \"\(text.trimmingWhitespace().excerpt)\" is read as \(bare) days.")
            }
            switch reading {
            case .value(let n):
                guard let days = whole(n), days >= 0 else {
                    log.error(place, "\(name) must be a whole number of days, found \"\(shown(value))\".")
                    return false
                }
                if key == .washSaleDays {
                    guard days >= 30 else {
                        log.error(place, "Wash Sale Days must be at least 30 (26 USC 1091(a)), found \(days).")
                        return false
                    }
                    guard days <= BookLimits.maxWashSaleDays else {
                        log.error(place, "Wash Sale Days must be at most \(BookLimits.maxWashSaleDays), a year, found \(days).")
                        return false
                    }
                    settings.washSaleDays = days
                    if days > 30 {
                        // A firm's longer window is policy; the contract counts its purchases as
                        // replacements in the tax estimate too, where the law stops at 30 days
                        // (explore-BH: $408.00 of tax added for a buy on day 31). Said, so the
                        // CIO reads the Disallowed rows knowing it.
                        log.warning(place, "Wash Sale Days is \(days), longer than the 30 days of 26 USC 1091(a). As the workbook "
                            + "contract asks, a purchase \(days == 31 ? "31 days" : "31 to \(days) days") from a loss sale is treated as a replacement in the tax "
                            + "estimate as well as for blocks: a loss it replaces is estimated as disallowed and moved into its "
                            + "basis, which the law would not do. Check the Wash Sale sheet's Disallowed rows before passing a "
                            + "basis change on.")
                    }
                } else {
                    settings.priceMaxAgeDays = days
                }
                return true
            case .problem: log.error(place, "\(name) must be a whole number of days, found \"\(shown(value))\"."); return false
            case .empty: return false
            }
        }
    }
}

extension Rate {
    /// `40.8%`, `2%`, `0.25%`.
    var percentText: String {
        let hundredths = millionths  // millionths of 1 = ten-thousandths of a percent
        let whole = hundredths / 10_000
        var fraction = hundredths % 10_000
        if fraction == 0 { return "\(whole)%" }
        var digits = 4
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
        return "\(whole).\(padded)%"
    }
}
