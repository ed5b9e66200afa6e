import RebalanceEngine

extension PortfolioBuilder {
    /// The side an action word means: `Buy`, `Bought`, `YOU BOUGHT…`, `Reinvest…` buy;
    /// `Sell`, `Sold`, `YOU SOLD…` sell; anything else (dividends, journals) is no trade.
    /// A reinvestment buys wherever its word stands (`Dividend Reinvestment`, `Qual Div
    /// Reinvest`): shares a dividend bought are the commonest replacement a wash sale meets,
    /// and read as no trade, a harvest ten days after one went ahead. Its cash leg, listed
    /// beside the shares, is set aside later (`isReinvestedCash`). An adjustment (`Wash Sale
    /// Adjustment`, `Cost Basis Adj`) changes a basis, not a holding: no trade.
    static func side(_ text: String) -> Side? {
        let t = text.trimmingWhitespace().lowercased()
        if isShortOrOptionTrade(t) || isCancellation(t) || isAdjustment(t) || isCharge(t) { return nil }
        // Cash moved through the account's core money-market position (`REDEMPTION FROM CORE
        // ACCOUNT`, `PURCHASE INTO CORE ACCOUNT`) is cash, not a trade: read as a sale without a
        // gain, each opened a loss sale's window on the sweep fund.
        if holdsAny(of: ["core account", "core position"], t) { return nil }
        // A reinvestment or a standing purchase plan buys, however it is abbreviated (`DRIP`,
        // `Div Reinv`, `Recurring Investment`): each was skipped as no trade, and a harvest
        // went ahead beside the shares an IRA's plan had just bought.
        if holdsAny(of: ["reinv", "drip", "recurring investment", "recurring purchase", "auto-invest", "auto invest",
                         "autoinvest", "periodic investment", "systematic investment", "automatic investment"], t) {
            return .buy
        }
        for prefix in ["buy", "bought", "you bought", "purchase", "b",
                       "exchange (incoming)", "exchange in", "exchange incoming", "exchanged in"]
        where t == prefix || (prefix.count > 1 && t.hasPrefix(prefix)) {
            return .buy
        }
        for prefix in ["sell", "sold", "you sold", "sale", "s", "redemption", "redeemed", "you redeemed",
                       "exchange (outgoing)", "exchange out", "exchange outgoing", "exchanged out", "tender", "tendered"]
        where t == prefix || (prefix.count > 1 && t.hasPrefix(prefix)) {
            return .sell
        }
        // A trade blotter's and a broker's confirmation codes.
        if t == "bot" || t == "by" { return .buy }
        if t == "sld" || t == "sl" { return .sell }
        // Income or a movement of cash names no trade, whatever the security's name after it
        // says (`DIVIDEND RECEIVED NUVEEN S&P 500 BUY-WRITE INCOME FD` was read as a buy).
        if nonTradeOpeners.contains(where: { t.hasPrefix($0) }) { return nil }
        // A buy or a sale named later in the action (`Exchange Purchase`, `Systematic
        // Purchase`, `Fund Sale`): one side's word and not the other's.
        let words = Set(t.split(whereSeparator: { !$0.isLetter }).map(String.init))
        let buys = !words.isDisjoint(with: ["buy", "bought", "purchase", "purchased"])
        let sells = !words.isDisjoint(with: ["sell", "sold", "sale", "redemption", "redeemed"])
        if buys != sells { return buys ? .buy : .sell }
        return nil
    }

    /// A short sale, its cover, or an option trade (`Sell Short`, `Buy to Cover`, `Sell to
    /// Open`, `Buy to Close`): no buy or sale of shares held, so no side here. Read as a
    /// sale, a short sale with no Realized Gain would have opened a loss sale's window.
    ///
    /// The words are looked for byte by byte: `String.contains` built a searcher at every
    /// call, most of the time a Transactions sheet of 280,000 rows took to read.
    /// Whether a Term names lots of both terms (`Various`, `ST/LT`, `Mixed`, `Both`).
    static func namesBothTerms(_ text: String) -> Bool {
        let key = HeaderName.normalize(text).key
        return ["various", "mixed", "both", "stlt", "ltst", "multiple", "shortandlongterm", "longandshortterm",
                "shorttermlongterm", "longtermshortterm"].contains(key)
    }

    static func isShortOrOptionTrade(_ lowercased: String) -> Bool {
        // A short's cover in any order of its words (`Buy Cover`, `Cover Short`): read as a
        // buy, it blocked a harvest (explore-CJ).
        if holdsAny(of: ["to cover", "to open", "to close", "buy cover", "cover short", "short cover"], lowercased) { return true }
        guard holdsAny(of: ["short"], lowercased) else { return false }
        // `short` as a short sale's word, not a fund's (`YOU BOUGHT VANGUARD SHORT-TERM BOND`,
        // `Reinvest Short Term Capital Gain`): every row of a fund named so was set aside.
        let words = lowercased.split(whereSeparator: { !$0.isLetter }).map(String.init)
        if words == ["short"] { return true }
        for (place, word) in words.enumerated() where word == "short" {
            let before = place > 0 ? words[place - 1] : "", after = place + 1 < words.count ? words[place + 1] : ""
            if after == "term" { continue }
            // (`Sale Short` too: read as a sale, it opened a loss window on every buy of the fund.)
            if ["sell", "sold", "sells", "sale"].contains(before) || ["sale", "sell", "sold"].contains(after) { return true }
        }
        return false
    }

    /// A fee charged on a purchase or sale (`Sales Charge`, `Sales Load`): its word `Sales`
    /// read it as a sale, a loss sale that blocked an IRA's buys.
    static func isCharge(_ lowercased: String) -> Bool {
        holdsAny(of: ["sales charge", "sales load", "sale charge", "commission", "service fee"], lowercased)
    }

    /// Actions that open with income or a movement of cash or shares, not a trade.
    static let nonTradeOpeners = [
        "dividend", "qualified dividend", "interest", "fee", "journal", "transfer", "foreign tax", "tax withheld",
        "return of capital", "cash in lieu", "deposit", "wire", "check", "stock split", "spin-off", "spinoff",
        "capital gain", "long term cap", "short term cap", "long-term cap", "short-term cap",
    ]

    /// Whether `lowercased` holds one of `words`, looked for on its bytes.
    private static func holdsAny(of words: [StaticString], _ lowercased: String) -> Bool {
        let bytes = Array(lowercased.utf8)
        return words.contains { bytes.containsBytes(of: $0) }
    }

    /// A cancelled or reversed trade (`Buy Cancel`, `Sell - Cancelled`, `Buy Reversal`, `CXL
    /// SELL`): no buy or sale, as `CANCEL YOU BOUGHT` is none. Read as one, a cancelled buy
    /// opened a replacement that blocked a harvest.
    ///
    /// Also the short forms: Interactive Brokers marks a cancelled fill `SELL (Ca.)` or `BUY
    /// (Ca.)`, read as a sale that had opened no window and let an IRA's purchase pass as
    /// replacing it, a $15,600 loss harvested with none disallowed (explore-DM); `CANC`; and
    /// `REV` after a side alone (`Sell Rev`). Not `CA` or `REV` as words of a description a
    /// custodian writes into the action (`YOU SOLD INVESCO CA AMT-FREE MUNI`, `DORM AUTH REV`,
    /// `REV SPLIT`): read as cancellations, a loss sale was dropped and the fund bought back in
    /// the IRA inside its window (explore-DQ).
    static func isCancellation(_ lowercased: String) -> Bool {
        if holdsAny(of: ["cancel", "reversal", "reversed", "(ca.)", "(ca)"], lowercased) { return true }
        let words = lowercased.split(whereSeparator: { !$0.isLetter })
        if words.contains(where: { $0 == "cxl" || $0 == "cncl" || $0 == "canc" }) { return true }
        return words.count == 2 && words.contains("rev") && words.contains { side(String($0)) != nil }
    }

    /// The side of the trade a cancellation takes back (`CXL SELL`, `Buy Cancelled`), when
    /// its words name one side only.
    static func cancelledSide(_ text: String) -> Side? {
        let lowercased = text.lowercased()
        guard isCancellation(lowercased) else { return nil }
        let words = Set(lowercased.split(whereSeparator: { !$0.isLetter }).map(String.init))
        let buys = !words.isDisjoint(with: ["buy", "bought", "purchase", "purchased", "bot"])
        let sells = !words.isDisjoint(with: ["sell", "sold", "sale", "redemption", "redeemed", "sld", "sl"])
        return buys == sells ? nil : (buys ? .buy : .sell)
    }

    /// Whether an action is a fund exchange that names no direction (`Exchange`, `Exchange
    /// Shares`), its side told by its shares' sign.
    static func isExchange(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.first == "exchange" || words.first == "exchanged"
    }

    /// Whether an order's Status says it did not trade.
    static func isUnfilled(_ status: String) -> Bool {
        let lowercased = status.lowercased()
        let words = Set(lowercased.split(whereSeparator: { !$0.isLetter }).map(String.init))
        // (`Pending` is left out: a trade made and not yet settled counts from its trade date.)
        return !words.isDisjoint(with: ["open", "cancelled", "canceled", "expired", "rejected", "working", "unfilled"])
            || lowercased.contains("not filled") || lowercased.contains("not executed")
    }

    /// A basis or wash-sale adjustment (`Wash Sale Adjustment`, `Cost Basis Adj`, `Adj`):
    /// its words (`sale`) would read it as a sale, one with no Realized Gain, a loss sale's
    /// window opened by a row that sold nothing.
    static func isAdjustment(_ lowercased: String) -> Bool {
        // Split into words only where the bytes hold `adj`: asked of every Transactions row.
        holdsAny(of: ["adj"], lowercased)
            && lowercased.split(whereSeparator: { !$0.isLetter }).contains { $0 == "adj" || $0.hasPrefix("adjust") }
    }

    /// Whether an action is a stock split (`Stock Split`, `Reverse Split`, Fidelity's `REVERSE
    /// SPLIT R/S FROM…`, Robinhood's `SPL` and `SPR`).
    static func isSplit(_ text: String) -> Bool {
        let lowercased = text.lowercased()
        if holdsAny(of: ["split", "r/s", "stock dividend", "stock div"], lowercased) { return true }
        let words = lowercased.split(whereSeparator: { !$0.isLetter })
        return words.count == 1 && (words[0] == "spl" || words[0] == "spr")
    }

    /// Whether an action is an option's assignment or exercise (`Assigned`, `Assignment`,
    /// `Exercise`, `Exercised`), which delivers shares without saying the side.
    static func isOptionDelivery(_ text: String) -> Bool {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).contains {
            $0 == "assigned" || $0 == "assignment" || $0 == "exercise" || $0 == "exercised"
        }
    }

    /// Whether an action moves shares between accounts (`Journal`, `JNL`, `Transfer of
    /// Securities`, `XFER`, `Internal Transfer`), no trade.
    static func isJournal(_ text: String) -> Bool {
        let lowercased = text.lowercased()
        if holdsAny(of: ["journal", "transfer"], lowercased) { return true }
        return lowercased.split(whereSeparator: { !$0.isLetter }).contains { $0 == "jnl" || $0 == "xfer" || $0 == "jrnl" }
    }

    /// A Transactions buy whose shares its account no longer holds, where one other account of
    /// its household holds a lot of its symbol bought that day that no buy of its own claims,
    /// and a journal or transfer row of the symbol in either account follows it: the shares
    /// were journaled, and the buy is read as that lot's purchase, in the lot's account. Read
    /// in its own account, it counted the same shares twice as replacements, once as a buy
    /// sold since and once as the lot (explore-AS).
    mutating func rehomeJournaledBuys(_ transactions: inout [Transaction], lots: [TaxLot], accounts: [Account]) {
        guard !journals.isEmpty else { return }
        let journaled = Set(journals.map(\.symbol))
        // Shares of each account, symbol and day held in lots, less the account's own buys of that day.
        var unclaimed: [HoldingDay: Quantity] = [:]
        for lot in lots where journaled.contains(lot.symbol) && !lot.inherited {
            unclaimed[HoldingDay(account: lot.account, symbol: lot.symbol, date: lot.acquired), default: .zero] += lot.quantity
        }
        let held = Set(unclaimed.keys)
        for trade in transactions where trade.side == .buy {
            let day = HoldingDay(account: trade.account, symbol: trade.symbol, date: trade.date)
            if let shares = unclaimed[day] {
                unclaimed[day] = shares - min(shares, trade.quantity ?? shares)
            }
        }
        let household = Dictionary(accounts.map { ($0.id, $0.household) }, uniquingKeysWith: { first, _ in first })
        for index in transactions.indices where transactions[index].side == .buy && journaled.contains(transactions[index].symbol) {
            let buy = transactions[index]
            guard !held.contains(HoldingDay(account: buy.account, symbol: buy.symbol, date: buy.date)),
                  let home = household[buy.account] else { continue }
            let others = accounts.filter {
                $0.id != buy.account && $0.household == home
                    && (unclaimed[HoldingDay(account: $0.id, symbol: buy.symbol, date: buy.date)] ?? .zero) > .zero
            }
            guard others.count == 1, let to = others.first?.id,
                  let journal = journals.first(where: {
                      $0.symbol == buy.symbol && $0.date >= buy.date && ($0.account == buy.account || $0.account == to)
                  })
            else { continue }
            let day = HoldingDay(account: to, symbol: buy.symbol, date: buy.date)
            unclaimed[day] = unclaimed[day]! - min(unclaimed[day]!, buy.quantity ?? unclaimed[day]!)
            transactions[index].account = to
            log.info(buy.place, "This buy of \(buy.symbol.excerpt) in \(buy.account.excerpt) on \(buy.date) is read as the "
                + "purchase of \(to.excerpt)'s lot of that day, its shares journaled (\(journal.place)): counted once as a "
                + "replacement, not as a buy sold since and the lot again.")
        }
    }

    /// Warns, once for the book, of lots dated the day of a journal or transfer row of their
    /// account and symbol, with no buy of that day: a journal carries the shares' purchase date
    /// over, so a lot dated by it was probably restated on moving, and is read as bought that
    /// day (short-term, and a replacement inside the window).
    mutating func warnOfLotsDatedByJournals(lots: [TaxLot], transactions: [Transaction]) {
        var journalOf: [HoldingDay: String] = [:]
        for journal in journals {
            guard let account = journal.account else { continue }
            let day = HoldingDay(account: account, symbol: journal.symbol, date: journal.date)
            if journalOf[day] == nil { journalOf[day] = journal.place }
        }
        guard !journalOf.isEmpty else { return }
        let bought = Set(transactions.lazy.filter { $0.side == .buy }.map { HoldingDay(account: $0.account, symbol: $0.symbol, date: $0.date) })
        var found: [(lot: TaxLot, journal: String)] = []
        for lot in lots where !lot.inherited {
            // A money-market fund (`SWVXX`, `SPAXX`: five letters ending XX) moves with cash
            // transfers, and its lots are dated by them.
            if lot.symbol.utf8.count == 5, lot.symbol.hasSuffix("XX") { continue }
            let day = HoldingDay(account: lot.account, symbol: lot.symbol, date: lot.acquired)
            guard let place = journalOf[day], !bought.contains(day) else { continue }
            found.append((lot, place))
        }
        guard let first = found.first else { return }
        let listed = found.prefix(3).map { "\($0.lot.lotID.excerpt) of \($0.lot.symbol.excerpt) in \($0.lot.account.excerpt)" }.joinedAsList
            + (found.count > 3 ? " and \(found.count - 3) more" : "")
        log.warning(lotTables.first?.sheetName ?? first.lot.account,
            "\(listed) \(found.count == 1 ? "is" : "are") dated the day of a journal or transfer of \(found.count == 1 ? "its" : "their") "
            + "shares into the account (\(first.journal)), with no buy that day: \(found.count == 1 ? "it is" : "they are") read as "
            + "bought then, short-term and a wash-sale replacement inside the window. A journal between one owner's "
            + "accounts carries the purchase date over: write the date the shares were bought.")
    }

    /// Warns of a split row dated after a trade of its symbol inside the wash-sale window:
    /// the tool adjusts no share count, so the trade's old shares were matched one for one
    /// against lots and buys in new ones (a 1-for-10 reverse split let a $12,000 loss be
    /// harvested beside an IRA's 150 new shares it took for 1,500; explore-AS).
    mutating func warnOfSplits(_ splits: [(place: String, symbol: String, date: CivilDate)], trades: [Transaction]) {
        guard !splits.isEmpty else { return }
        // Counted only from an As Of inside the calendar; one outside is an error already
        // (explore-BT: 0001-01-01, some exports' empty date, stopped the run as a bug).
        guard BookLimits.dates.contains(settings.asOf) else { return }
        let windowStart = settings.asOf.adding(days: -settings.washSaleDays)
        struct Said: Hashable { let symbol: String, date: CivilDate }
        var said = Set<Said>()
        // Once a symbol and day: a split is listed in each account holding the security.
        for split in splits where !said.contains(Said(symbol: split.symbol, date: split.date)) {
            guard let before = trades.first(where: {
                $0.symbol == split.symbol && $0.date < split.date && $0.date >= windowStart && $0.quantity != nil
            }) else { continue }
            said.insert(Said(symbol: split.symbol, date: split.date))
            log.warning(split.place, "A split of \(split.symbol.excerpt) on \(split.date) follows a trade of it inside the "
                + "wash-sale window (\(before.place), \(before.date)): the tool adjusts no share count for a split, so shares "
                + "before it are matched one for one against lots and buys after it. Restate the Quantity of the rows before "
                + "it in shares after the split.")
        }
    }

    /// The accounts rows may name: the Accounts sheet's, or those the Lots sheet named.
    func knownAccounts(_ accounts: [Account]) -> Set<String> { Set(accounts.map(\.id)) }

    mutating func readTransactions(accounts: [Account]) -> [Transaction] {
        guard let table = tables[.transactions] else { return [] }
        let known = knownAccounts(accounts)
        var transactions: [Transaction] = []
        // `Reinvest Dividend` rows without a Quantity, by their place in `transactions`.
        var reinvestedCash: [Int] = []
        /// What tells each trade apart from another alike (see `refuseRepeatedTrades`).
        var apartCells: [[CellValue]] = []
        /// What income each trade reinvests, if its Side says (see `incomeKind`), and the time
        /// of day its Date gives (see `timeOfDayKey`).
        var actionKinds: [(kind: Set<String>, time: String)] = []
        /// Rows that cancel a trade, read as the trade they take back.
        var cancellations: [Transaction] = []
        /// Buys written with a negative quantity (their places), and whether any buy has a
        /// positive one: see below.
        var negativeBuys: [String] = []
        var negativeBuyRows: Set<String> = []
        var positiveBuy = false
        /// Split rows, skipped as no trade, with their symbol and date: see `warnOfSplits`.
        var splits: [(place: String, symbol: String, date: CivilDate)] = []
        let gainPosition = table.rows.first?.layout.position(of: "Realized Gain")
        let netsLoss = netsLosses("Realized Loss", with: "Realized Gain", in: table)
        let netsShort = netsLosses("Short-Term Loss", with: "Short-Term Gain", in: table)
        let netsLong = netsLosses("Long-Term Loss", with: "Long-Term Gain", in: table)
        for original in table.rows {
            // A custodian's W after a realized loss (`(650.00) W`): the loss it counted as a wash
            // sale, read as the amount (refused as text, where the same mark on a basis was read).
            var row = original
            if let gainPosition, case .string(let text)? = row.values[gainPosition],
               let amount = PortfolioBuilder.withoutWashSaleMark(text) {
                row.values[gainPosition] = .string(amount)
                log.info(row.place("Realized Gain"), "\"\(text.trimmingWhitespace().excerpt)\" is read as \(amount): the "
                    + "custodian's W marks a loss it counted as a wash sale.")
            }
            // An order history's rows that never traded (an Activity & Orders paste): an open,
            // cancelled or expired order read as a trade blocked a harvest with a buy never made.
            if let status = text(row, "Status"), PortfolioBuilder.isUnfilled(status) {
                log.info(row.rowPlace, "Skipped: an order not filled (Status \"\(status.excerpt)\").")
                continue
            }
            // An Interactive Brokers trade's closed lots, listed under its execution row: read
            // as sales of their own, each loss sale was counted twice and used up replacement
            // shares that should have blocked a harvest.
            if let level = text(row, "Level Of Detail"), level.lowercased().contains("lot") {
                log.info(row.rowPlace, "Skipped: a closed lot of the execution above it (Level Of Detail \"\(level.excerpt)\").")
                continue
            }
            guard let sideText = text(row, "Side") else {
                // A row naming no security and no shares moved cash (a deposit, interest): it
                // stopped the run (explore-CJ).
                if text(row, "Symbol") == nil, isBlank(row, "Quantity"), realizedFigure(row) == nil, isBlank(row, "Price") {
                    log.info(row.rowPlace, "Skipped: no Side, Symbol or Quantity, so no trade of shares (a movement of cash).")
                    continue
                }
                log.error(row.place("Side"), "Side is blank.")
                continue
            }
            // A cancellation takes back the trade it names: read as that trade, then taken off
            // with it (`withoutCancelled`). Skipped alone, the sale it cancelled stayed a loss
            // sale, used up replacement shares and let a harvest through.
            var cancelled = PortfolioBuilder.cancelledSide(sideText)
            // A cancel naming no side (a bare `CXL`) takes back a sale when it carries a
            // realized gain or loss, or a negative quantity: skipped, the loss sale it
            // cancelled kept its window (explore-AS).
            if cancelled == nil, PortfolioBuilder.isCancellation(sideText.lowercased()), PortfolioBuilder.side(sideText) == nil {
                if realizedFigure(row) != nil {
                    cancelled = .sell
                } else if case .value(let n) = CellReader.number(row["Quantity"]), n.doubleValue < 0 {
                    cancelled = .sell
                }
            }
            var named = PortfolioBuilder.side(sideText) ?? cancelled
            // A bare `Exchange` (Vanguard's fund exchanges) is a sale when it realized a gain or
            // a loss, else a sale or a buy by its shares' sign: skipped as no trade, an exchange
            // out of VTSAX at a loss opened no window.
            if named == nil, PortfolioBuilder.isExchange(sideText) {
                if realizedFigure(row) != nil {
                    named = .sell
                } else if case .value(let n) = CellReader.number(row["Quantity"]), n.doubleValue != 0, !n.doubleValue.isNaN {
                    named = n.doubleValue < 0 ? .sell : .buy
                }
            }
            guard let side = named else {
                // (Read quietly: a row skipped as no trade has no cell to fault.)
                let split = PortfolioBuilder.isSplit(sideText), journal = PortfolioBuilder.isJournal(sideText)
                if split || journal, let symbol = text(row, "Symbol")?.uppercased(),
                   case .value(let day) = CellReader.date(row["Date"], uses1904: uses1904) {
                    if split { splits.append((row.rowPlace, symbol, day)) }
                    if journal {
                        let named = table.account ?? text(row, "Account").flatMap { id in
                            known.contains(id) ? id : known.first { PortfolioBuilder.alike($0) == PortfolioBuilder.alike(id) }
                        }
                        journals.append((row.rowPlace, named, symbol, day))
                    }
                }
                let what = PortfolioBuilder.isShortOrOptionTrade(sideText.lowercased())
                    ? "is a short sale or an option trade, not a buy or a sale of shares held" : "is not a buy or a sale"
                // A loss on a row read as no sale opens no window: if it was a sale (a fund's
                // exchange out), the PM should know the tool passed it over.
                if PortfolioBuilder.isCancellation(sideText.lowercased()) {
                    log.warning(row.place("Side"), "Skipped: \"\(sideText.excerpt)\" cancels a trade but names neither a buy nor "
                        + "a sale, so the trade it takes back is not found and still counts: write Cancel Buy or Cancel Sell.")
                } else if PortfolioBuilder.isOptionDelivery(sideText), let symbol = text(row, "Symbol"),
                          !PortfolioBuilder.isOptionSymbol(symbol.uppercased()),
                          case .value(let n) = CellReader.number(row["Quantity"]), n.doubleValue != 0,
                          let moved = Quantity(decimal: n.sizeText) {
                    // Shares delivered on an option's assignment or exercise were bought or sold:
                    // a put assigned buys them, and a purchase by option replaces a loss sale
                    // (26 USC 1091(a)).
                    log.warning(row.place("Side"), "Skipped: \"\(sideText.excerpt)\" is an option's assignment or exercise, "
                        + "and the row moves \(moved) shares of \(symbol.uppercased().excerpt): the tool reads no side from it, "
                        + "so those shares are neither a purchase nor a sale for wash sales. Write Buy or Sell for the shares.")
                } else if let gain = realizedFigure(row), gain < 0 {
                    log.warning(row.place("Side"), "Skipped: \"\(sideText.excerpt)\" \(what), though the row has a realized "
                        + "loss: no wash-sale window is opened for it. If it sold shares, write Sell.")
                } else {
                    log.info(row.rowPlace, "Skipped: \"\(sideText)\" \(what).")
                }
                continue
            }
            let symbol = text(row, "Symbol")?.uppercased()
            // A buy or sale of no named security and no shares (`Buy CASH ALTERNATIVES` with an
            // amount alone) is the cash sweep's: it stopped the run (explore-CJ).
            // (A row with a price or a realized gain is a trade whose symbol is missing: a loss
            // sale so skipped opened no window; explore-CK.)
            if symbol == nil, isBlank(row, "Quantity"), realizedFigure(row) == nil, isBlank(row, "Price") {
                log.info(row.rowPlace, "Skipped: \"\(sideText.excerpt)\" names no Symbol and no Quantity, so no trade of shares "
                    + "(a movement of cash).")
                continue
            }
            let accountID = account(row, in: table, known: known, sheetHasAccounts: true)
            if symbol == nil { log.error(row.place("Symbol"), "Symbol is blank.") }
            let tradeDate = date(row, "Date")
            // `N/A` or `--` is blank as an empty cell is: the row was dropped unsaid, and an
            // IRA's buy inside a window with it.
            if tradeDate == nil, isBlank(row, "Date") { log.error(row.place("Date"), "Date is blank.") }
            if let tradeDate, tradeDate > settings.asOf {
                log.error(row.place("Date"), "Date \(tradeDate) is after the As Of date \(settings.asOf)." + dayFirstHint(row, "Date"))
            }
            var quantity: Quantity?
            if let n = number(row, "Quantity", counting: "a number of shares") {
                // Custodian exports show sales as negative quantities: the size is what counts.
                if let q = Quantity(decimal: n.sizeText), q > .zero {
                    quantity = q
                    if side == .buy, cancelled == nil {
                        if n.text.hasPrefix("-") {
                            negativeBuys.append(row.place("Quantity"))
                            negativeBuyRows.insert(row.rowPlace)
                        } else {
                            positiveBuy = true
                        }
                    }
                } else {
                    log.error(row.place("Quantity"), quantityProblem(n, row, "Quantity", sign: "a non-zero number"))
                }
            }
            var price: Price?
            if let n = number(row, "Price", counting: "a price in dollars") {
                price = Price(decimal: n.sizeText)
            }
            // A loss in a column of its own beside the gain's (`Realized Gain` 0, `Realized Loss`
            // -500): netted. Read from the gain alone, a loss sale opened no window (explore-AV).
            var gain = PortfolioBuilder.lossFirst(money(row, "Realized Gain"),
                                                  loss: netsLoss && !isBlank(row, "Realized Loss") ? money(row, "Realized Loss") : nil)
            var term: Term?
            if let termText = text(row, "Term") {
                term = PortfolioBuilder.term(termText)
                // A sale of lots of both terms (`Various`, `ST/LT`, `Mixed`, as realized-gain
                // exports print it) has no one term: read as blank, where it stopped the run.
                if term == nil, PortfolioBuilder.namesBothTerms(termText) {
                    log.info(row.place("Term"), "Term \"\(termText.excerpt)\" names both terms: read as blank (the contract's "
                        + "default applies to a loss it disallows).")
                } else if term == nil {
                    log.error(row.place("Term"), "Term must be LT or ST, found \"\(termText)\".")
                }
            }
            // A gain given by term (`Short-Term Gain/Loss`, `Long-Term Gain/Loss`): their sum,
            // and the term of the one that holds it. Unread, every sale was taken as a loss.
            if gain == nil, isBlank(row, "Realized Gain") {
                let short = PortfolioBuilder.lossFirst(isBlank(row, "Short-Term Gain") ? nil : money(row, "Short-Term Gain"),
                    loss: netsShort && !isBlank(row, "Short-Term Loss") ? money(row, "Short-Term Loss") : nil)
                let long = PortfolioBuilder.lossFirst(isBlank(row, "Long-Term Gain") ? nil : money(row, "Long-Term Gain"),
                    loss: netsLong && !isBlank(row, "Long-Term Loss") ? money(row, "Long-Term Loss") : nil)
                if short != nil || long != nil {
                    // A loss in either term is the sale's, for wash sales: the lots at a loss open
                    // a window whatever the other term's lots gained.
                    let losses = [short, long].compactMap { $0 }.filter(\.isNegative)
                    gain = losses.isEmpty ? (short ?? .zero) + (long ?? .zero) : losses.reduce(.zero, +)
                    let inShort = (short ?? .zero) != .zero && (losses.isEmpty || short!.isNegative)
                    let inLong = (long ?? .zero) != .zero && (losses.isEmpty || long!.isNegative)
                    if term == nil, isBlank(row, "Term"), inShort != inLong { term = inShort ? .shortTerm : .longTerm }
                }
            }
            if side == .sell && gain == nil && cancelled == nil {
                log.warning(row.place("Realized Gain"), "This sale has no Realized Gain; it is taken as a loss for wash-sale windows.")
            }
            guard let accountID, let symbol, let tradeDate, tradeDate <= settings.asOf else { continue }
            if cancelled != nil {
                cancellations.append(Transaction(account: accountID, date: tradeDate, symbol: symbol, side: side,
                                                 quantity: quantity, price: price, realizedGain: gain, place: row.rowPlace))
                continue
            }
            if side == .buy, quantity == nil, PortfolioBuilder.isReinvestedCash(sideText) { reinvestedCash.append(transactions.count) }
            transactions.append(Transaction(account: accountID, date: tradeDate, symbol: symbol, side: side,
                                            quantity: quantity, price: price, realizedGain: gain, term: term,
                                            place: row.rowPlace))
            // Told apart by an ID, by the other cells of the row, or by the time of its Date (the
            // date itself compared as read: a copy whose Date is text, `11/10/2026` beside a date
            // cell, had been read as a second sale; explore-CO).
            var apart = row.otherCells
            if let id = row["Transaction ID"] { apart.append(id) }
            apartCells.append(apart)
            actionKinds.append((PortfolioBuilder.incomeKind(sideText), PortfolioBuilder.timeOfDayKey(row["Date"])))
        }
        // (A buy of a negative quantity repeating the buy it reverses is refused as such, below.)
        refuseRepeatedTrades(transactions, apart: apartCells, kinds: actionKinds, besides: positiveBuy ? negativeBuyRows : [])
        // A buy of a negative quantity among buys of positive ones is a reversal written as a
        // buy (`Buy -15` under `Buy 15`): read by its size, it was a second buy, and its shares
        // blocked a harvest (explore-AS). A sheet writing every buy negative has its own sign.
        warnOfSplits(splits, trades: transactions)
        if positiveBuy {
            for place in negativeBuys {
                log.error(place, "A buy of a negative quantity, where the sheet's other buys are positive: if it reverses a "
                    + "buy, write it as a cancel (Cancel Buy) or delete both rows; if it sold shares, write Sell.")
            }
        }
        return withoutCancelled(withoutReinvestedCash(transactions, candidates: reinvestedCash), by: cancellations)
    }

    /// Refuses a trade listed again in every column read (a household export listing each
    /// trade once per account's view, or a paste made twice): read as two, a loss sale used
    /// up replacement shares that should have blocked a harvest, and a buy blocked one it
    /// should not have, without a word (explore-CJ). Two trades alike are told apart by their
    /// Transaction IDs, or by the times of day their Dates give. Two reinvestments whose Sides
    /// name different income (`Reinvest Dividend` and `Reinvest Long Term Cap Gain` of one fund
    /// on one day) are two trades.
    private mutating func refuseRepeatedTrades(_ transactions: [Transaction], apart: [[CellValue]],
                                               kinds: [(kind: Set<String>, time: String)], besides: Set<String>) {
        // Alike in account, day, symbol, side and quantity; then in price to the cent, in gain
        // and in term, either blank where one view leaves it out (explore-CK: a second view's price
        // of 66.004, or its gain left blank, had counted the sale twice).
        struct Listing: Hashable {
            let account: String, date: CivilDate, symbol: String, side: Side, quantity: Quantity?
            let apart: String
        }
        var earlier: [Listing: [(trade: Transaction, kind: Set<String>, time: String)]] = [:]
        for ((trade, cells), (kind, time)) in zip(zip(transactions, apart), kinds) where !besides.contains(trade.place) {
            let listing = Listing(account: trade.account, date: trade.date, symbol: trade.symbol, side: trade.side,
                                  quantity: trade.quantity, apart: cells.map { "\($0)" }.joined(separator: "\u{1F}"))
            func alike(_ listed: (trade: Transaction, kind: Set<String>, time: String)) -> Bool {
                let other = listed.trade
                // (A Side naming no income, `Buy` or `YOU BOUGHT`, may be either view's; a Date
                // giving no time, a copy's from an export without times, either fill's.)
                guard kind.isEmpty || listed.kind.isEmpty || kind == listed.kind else { return false }
                guard time.isEmpty || listed.time.isEmpty || time == listed.time else { return false }
                let prices = [trade.price, other.price].compactMap { $0?.value(of: Quantity(decimal: "1")!) }
                let gains = [trade.realizedGain, other.realizedGain].compactMap { $0 }
                let terms = [trade.term, other.term].compactMap { $0 }
                return (prices.count < 2 || prices[0] == prices[1]) && (gains.count < 2 || gains[0] == gains[1])
                    && (terms.count < 2 || terms[0] == terms[1])
            }
            if let first = earlier[listing]?.first(where: alike)?.trade {
                log.error(trade.place, "This trade repeats the one at \(first.place) in every column read (account, date, symbol, "
                    + "side, quantity, price and gain): the same trade listed twice would count twice in the wash-sale windows. "
                    + "Delete one; if they are two trades, write them as one row of their total quantity, or give each its "
                    + "Transaction ID.")
                continue
            }
            earlier[listing, default: []].append((trade, kind, time))
        }
    }

    /// The income a trade's Side says it reinvests, in words of one spelling each (`Reinvest
    /// LT Cap Gain` and `Reinvest Long Term Capital Gains` are both `capgain`, `long`); empty
    /// when it names none (`Buy`, `YOU BOUGHT`, `Reinvestment`).
    static func incomeKind(_ side: String) -> Set<String> {
        let words = SheetTable.headerWords(side)
        var kind = Set<String>()
        for word in words {
            switch word {
            case "div", "divs", "dividend", "dividends", "dvd": kind.insert("dividend")
            case "int", "interest": kind.insert("interest")
            case "cap", "capital", "cg", "gain", "gains": kind.insert("capgain")
            case "ltcg": kind.formUnion(["capgain", "long"])
            case "stcg": kind.formUnion(["capgain", "short"])
            case "lt", "long", "longterm": kind.insert("long")
            case "st", "short", "shortterm": kind.insert("short")
            default: break
            }
        }
        // (`Return of Capital` names no capital gain.)
        if words.contains("roc") || words.isSuperset(of: ["return", "capital"]) {
            kind.remove("capgain")
            kind.insert("return")
        }
        return kind
    }

    /// The time of day a trade's Date cell gives, as a key telling two fills of one day
    /// apart: empty when it gives none, whether the day is a date cell or text (`11/10/2026`,
    /// `2026-11-10`, `2026-11-10 00:00`), as the date itself is compared as read.
    static func timeOfDayKey(_ value: CellValue?) -> String {
        let day = 86_400_000
        func fraction(_ serial: Double) -> String {
            let milliseconds = Int(((serial - serial.rounded(.down)) * Double(day)).rounded())
            return milliseconds % day == 0 ? "" : "\(milliseconds)"
        }
        switch value {
        case nil: return ""
        case .date(let date)?: return date.milliseconds == 0 ? "" : "\(date.milliseconds)"
        case .number(let serial, _)?: return serial.isFinite ? fraction(serial) : "\(serial)"
        case .string(let raw)?:
            let text = raw.trimmingWhitespace()
            // A serial stored as text (`"46316.75"`).
            if text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }), let serial = Double(text) { return fraction(serial) }
            // Interactive Brokers' `20261110;154500`.
            if let semicolon = text.firstIndex(of: ";") {
                let rest = String(text[text.index(after: semicolon)...]).trimmingWhitespace()
                if rest.count == 6, rest.allSatisfy(\.isASCIIDigit), let hours = Int(rest.prefix(2)),
                   let minutes = Int(rest.dropFirst(2).prefix(2)), let seconds = Int(rest.suffix(2)) {
                    let milliseconds = ((hours * 60 + minutes) * 60 + seconds) * 1000
                    return milliseconds == 0 ? "" : "\(milliseconds)"
                }
            }
            guard let colon = text.firstIndex(of: ":") else { return "" }
            // The figures around the first colon (`15:45`, `3:45:10.5 PM`, `T15:45:00`).
            let start = text[..<colon].reversed().prefix(while: \.isASCIIDigit).count
            let token = text[text.index(colon, offsetBy: -start)...].prefix { $0.isASCIIDigit || $0 == ":" || $0 == "." }
            let fields = token.split(separator: ":", omittingEmptySubsequences: false)
            let after = String(text[text.index(colon, offsetBy: -start)...].dropFirst(token.count)).trimmingWhitespace().lowercased()
                .filter(\.isLetter)
            guard (2...3).contains(fields.count), var hours = Int(fields[0]), let minutes = Int(fields[1]),
                  let seconds = fields.count == 3 ? Double(fields[2]) : 0 else { return "text:" + text.lowercased() }
            if after.hasPrefix("pm"), hours < 12 { hours += 12 }
            if after.hasPrefix("am"), hours == 12 { hours = 0 }
            let milliseconds = (hours * 60 + minutes) * 60_000 + Int((seconds * 1000).rounded())
            return milliseconds == 0 ? "" : "\(milliseconds)"
        case let other?: return "\(other)"
        }
    }

    /// `transactions` without the trade each cancellation takes back: of its account, symbol,
    /// side and quantity (any, when it gives none), the latest on or before its date. One
    /// that matches none is warned of: the trade it cancels may be outside the sheet.
    private mutating func withoutCancelled(_ transactions: [Transaction], by cancellations: [Transaction]) -> [Transaction] {
        guard !cancellations.isEmpty else { return transactions }
        // The trades of each account and symbol a cancellation names, read once: looked for
        // over the whole sheet at each cancellation, many cancellations on a long history took
        // their count times its rows.
        struct Holding: Hashable { let account: String, symbol: String }
        let named = Set(cancellations.map { Holding(account: $0.account, symbol: $0.symbol) })
        var tradesOf: [Holding: [Int]] = [:]
        for (index, trade) in transactions.enumerated() {
            let holding = Holding(account: trade.account, symbol: trade.symbol)
            if named.contains(holding) { tradesOf[holding, default: []].append(index) }
        }
        var dropped = Set<Int>()
        for cancel in cancellations {
            // Of the trades it may take back, one with its realized gain and price (a `CXL` of the
            // loss sale above it, not the sale of that day below it at a gain), then the latest.
            func likeness(_ index: Int) -> Int {
                let trade = transactions[index]
                // (A reversal may write the gain with the other sign.)
                let gain = cancel.realizedGain.flatMap { cancelled in trade.realizedGain.map { $0.magnitude == cancelled.magnitude } }
                return (gain == true ? 2 : 0) + (cancel.price != nil && trade.price == cancel.price ? 1 : 0)
            }
            let match = tradesOf[Holding(account: cancel.account, symbol: cancel.symbol), default: []].filter { index in
                let trade = transactions[index]
                return !dropped.contains(index) && trade.side == cancel.side && trade.date <= cancel.date
                    && (cancel.quantity == nil || trade.quantity == cancel.quantity)
            }.max { (likeness($0), transactions[$0].date, $0) < (likeness($1), transactions[$1].date, $1) }
            guard let match else {
                log.warning(cancel.place, "This row cancels a \(cancel.side == .buy ? "buy" : "sale") of \(cancel.symbol) in "
                    + "\(cancel.account) that the sheet does not list on or before \(cancel.date): nothing is taken off. If the "
                    + "trade it cancels is listed, check its quantity.")
                continue
            }
            dropped.insert(match)
            log.info(cancel.place, "Skipped with the trade it cancels, \(transactions[match].place).")
        }
        return transactions.indices.filter { !dropped.contains($0) }.map { transactions[$0] }
    }

    /// Warns, once a symbol, of a Transactions row whose symbol is a CUSIP that nothing else
    /// in the book names (`921943809` in Merrill's `Symbol/CUSIP #`): trades are matched to
    /// holdings by ticker, so the row opens no window on the security it traded. A CUSIP the
    /// book names elsewhere (a bond held by its CUSIP) is its symbol.
    mutating func warnOfCUSIPs(in transactions: [Transaction], lots: [TaxLot], models: [Model], securities: [Security],
                               manualTrades: [ManualTrade]) {
        var known = Set(lots.map(\.symbol))
        // A manual buy is a buy the book names (a VXUS bought back by hand was said to be named
        // by nothing; explore-AZ).
        known.formUnion(manualTrades.map(\.symbol))
        for model in models { for target in model.targets { known.insert(target.symbol) } }
        for security in securities {
            known.insert(security.symbol)
            known.formUnion(security.replacements)
        }
        var warned = Set<String>()
        for trade in transactions where !known.contains(trade.symbol) {
            guard let kind = PortfolioBuilder.identifierKind(trade.symbol), warned.insert(trade.symbol).inserted else { continue }
            log.warning(trade.place, "\(trade.symbol.excerpt) is \(kind), not a ticker, and nothing else in the book names it: "
                + "trades are matched to holdings by ticker, so this \(trade.side == .buy ? "buy" : "sale") opens or blocks no "
                + "wash-sale window on the security it traded. Write its ticker in Symbol.")
        }
        warnOfLonelyLossSales(transactions, known: known)
    }

    /// Warns, once for the book, of loss sales inside the wash-sale window of tickers nothing
    /// else in the book names (no lot, model, Securities row or buy): their windows block buys
    /// of those tickers only. Where one is another ticker of a security held or modelled (`FB`
    /// sold at a loss, `META` in the model), the plan bought it inside the window unwarned
    /// (explore-AS).
    mutating func warnOfLonelyLossSales(_ transactions: [Transaction], known: Set<String>) {
        // Counted only from an As Of inside the calendar; one outside is an error already
        // (explore-BT: 0001-01-01, some exports' empty date, stopped the run as a bug).
        guard BookLimits.dates.contains(settings.asOf) else { return }
        let windowStart = settings.asOf.adding(days: -settings.washSaleDays)
        let bought = Set(transactions.lazy.filter { $0.side == .buy }.map(\.symbol))
        var lonely: [Transaction] = []
        var seen = Set<String>()
        for trade in transactions where trade.isLossSale && trade.date >= windowStart && !known.contains(trade.symbol)
            && !bought.contains(trade.symbol) && PortfolioBuilder.identifierKind(trade.symbol) == nil {
            if seen.insert(trade.symbol).inserted { lonely.append(trade) }
        }
        guard let first = lonely.first else { return }
        let listed = lonely.prefix(3).map { "\($0.symbol.excerpt) (\($0.place))" }.joinedAsList
            + (lonely.count > 3 ? " and \(lonely.count - 3) more" : "")
        let one = lonely.count == 1
        let (sales, names, windows, tickers) = one ? ("sale", "names", "its window blocks", "that ticker")
            : ("sales", "name", "their windows block", "those tickers")
        log.warning(first.place, "The loss \(sales) of \(listed) inside the wash-sale window \(names) a ticker nothing else in "
            + "the book names (no lot, model, Securities row or buy): \(windows) buys of \(tickers) only. If one is another "
            + "ticker of a security the book holds or models (a ticker change, another share class), give both one Identical "
            + "Group on the Securities sheet.")
    }

    /// Warns, once for the book, of lots held under a CUSIP, an ISIN, a SEDOL or a name that
    /// no model names, while the models name tickers, and of which the Securities sheet says
    /// nothing (no Identical Group, Restriction or Phase Out, the PM's own word on it). Such
    /// a holding is legacy and sold down; where it is a model's fund under another name
    /// (`922908769` beside VTI), the plan sold it and bought VTI, and a loss sold under one
    /// name and bought back under the other met no wash-sale window (explore-AO).
    mutating func warnOfHeldIdentifiers(lots: [TaxLot], models: [Model], securities: [Security]) {
        var modelled = Set<String>()
        for model in models { for target in model.targets { modelled.insert(target.symbol) } }
        guard modelled.contains(where: { PortfolioBuilder.identifierKind($0) == nil }) else { return }
        let decided = Set(securities.filter { $0.identicalGroup != nil || $0.restriction != nil || $0.phaseOut }.map(\.symbol))
        var held: [(symbol: String, kind: String, account: String)] = []
        var seen = Set<String>()
        for lot in lots where !modelled.contains(lot.symbol) && !decided.contains(lot.symbol) && seen.insert(lot.symbol).inserted {
            if let kind = PortfolioBuilder.identifierKind(lot.symbol) { held.append((lot.symbol, kind, lot.account)) }
        }
        guard let first = held.first else { return }
        let listed = held.prefix(3).map { "\($0.symbol.excerpt) (\($0.kind), in \($0.account))" }.joinedAsList
            + (held.count > 3 ? " and \(held.count - 3) more" : "")
        let one = held.count == 1
        let (are, them, which) = one ? ("is held under an identifier", "it", "it is") : ("are held under identifiers", "them", "one is")
        log.warning(lotTables.first?.sheetName ?? first.account,
            "\(listed) \(are) no model names, where the models name tickers, so the plan sells \(them) down as legacy. If "
            + "\(which) a security a model names by its ticker, write the ticker in Lots: under two names the tool sees two "
            + "securities, and a loss sold under one and bought back under the other is a wash sale it cannot see. A holding "
            + "to keep as it is (a bond, a CD): mark it Hold on the Securities sheet.")
    }

    /// What a symbol is when it is a security's identifier or name rather than a ticker: a
    /// CUSIP, an ISIN or a SEDOL (each with its check digit right), or words (`ALPHABET INC CL
    /// A`, two words of two letters or more); nil for anything else. An ISIN or a name in
    /// Transactions opened no window, silently, where a CUSIP was warned of (explore-AO).
    static func identifierKind(_ symbol: String) -> String? {
        if isCUSIP(symbol) { return "a CUSIP" }
        if isISIN(symbol) { return "an ISIN" }
        if isSEDOL(symbol) { return "a SEDOL" }
        guard withoutExchange(symbol) == nil else { return nil }
        let words = symbol.split(separator: " ")
        if words.count >= 2, words.filter({ $0.count >= 2 && $0.allSatisfy(\.isLetter) }).count >= 2 {
            return "a security's name"
        }
        return nil
    }

    /// Warns where a Lots sheet's title dates its lots before the As Of date and Transactions
    /// list sales after that date of positions the lots hold: an export taken on the 16th
    /// still holds the 40 AAPL sold on the 18th, and the plan sold them again (explore-AR).
    mutating func warnOfSalesAfterTheLots(_ transactions: [Transaction], lots: [TaxLot]) {
        struct Held: Hashable { let account: String, symbol: String }
        let held = Set(lots.map { Held(account: $0.account, symbol: $0.symbol) })
        for table in lotTables {
            guard let (date, place, inFooter) = table.titleDate, date < settings.asOf else { continue }
            let later = transactions.filter {
                $0.side == .sell && $0.date > date && held.contains(Held(account: $0.account, symbol: $0.symbol))
            }
            guard !later.isEmpty else { continue }
            let listed = later.prefix(3).map { "\($0.symbol) sold \($0.date) in \($0.account) (\($0.place))" }.joined(separator: "; ")
            log.warning(place, "The \(inFooter ? "note" : "title") dates these lots \(date), before the As Of date \(settings.asOf), and Transactions "
                + "list \(later.count == 1 ? "a sale" : "\(later.count) sales") after it of positions they hold (\(listed)"
                + (later.count > 3 ? "; and \(later.count - 3) more" : "") + "). If the lots still hold the shares sold "
                + "since, the plan sells them again: export the lots as of \(settings.asOf), or take those shares off.")
        }
    }

    /// Warns of a manual trade that Transactions already list on the As Of date (its account,
    /// symbol and side): a trade executed this morning and left on Manual Trades was placed a
    /// second time, silently, while its sale also counted as a loss sale (explore-AZ). The
    /// quantities need not agree: a partial fill is a trade under way too.
    mutating func warnOfManualTradesOnTransactions(_ manualTrades: [ManualTrade], transactions: [Transaction]) {
        let today = transactions.filter { $0.date == settings.asOf }
        guard !today.isEmpty else { return }
        for trade in manualTrades {
            guard let listed = today.first(where: { $0.account == trade.account && $0.symbol == trade.symbol && $0.side == trade.side })
            else { continue }
            let (verb, noun) = trade.side == .buy ? ("buys", "buy") : ("sells", "sale")
            let size: String
            switch trade.size {
            case .quantity(let q): size = "\(q) "
            case .amount(let m): size = "\(m.formatted) of "
            }
            log.warning(trade.place, "This \(verb) \(size)\(trade.symbol) in \(trade.account), and \(listed.place) lists a \(noun) "
                + "of \(listed.quantity.map { "\($0) " } ?? "")\(trade.symbol) there on \(listed.date), the As Of date. If that is this "
                + "trade, executed already, delete this row or mark it Executed in a Status column: the plan places it again.")
        }
    }

    /// Whether a symbol is an ISIN: two capitals (the country), nine digits or capitals, and
    /// the check digit (letters as two digits, A = 10, then the Luhn sum).
    static func isISIN(_ symbol: String) -> Bool {
        let bytes = Array(symbol.utf8)
        guard bytes.count == 12, bytes[0...1].allSatisfy({ $0 >= 65 && $0 <= 90 }),
              bytes[2...10].allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }),
              bytes[2...10].contains(where: { $0 >= 48 && $0 <= 57 }),
              let check = bytes.last, check >= 48, check <= 57 else { return false }
        var digits: [Int] = []
        for byte in bytes[..<11] {
            let value = byte <= 57 ? Int(byte) - 48 : Int(byte) - 55
            if value >= 10 { digits.append(value / 10) }
            digits.append(value % 10)
        }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            let doubled = offset % 2 == 0 ? digit * 2 : digit
            sum += doubled / 10 + doubled % 10
        }
        return (10 - sum % 10) % 10 == Int(check) - 48
    }

    /// Whether a symbol is a SEDOL: six digits or consonant capitals, at least one digit and
    /// one letter or a leading digit, and the weighted check digit.
    static func isSEDOL(_ symbol: String) -> Bool {
        let bytes = Array(symbol.utf8)
        guard bytes.count == 7, let check = bytes.last, check >= 48, check <= 57,
              bytes[..<6].contains(where: { $0 >= 48 && $0 <= 57 }) else { return false }
        let weights = [1, 3, 1, 7, 3, 9]
        var sum = 0
        for (position, byte) in bytes[..<6].enumerated() {
            let value: Int
            switch byte {
            case 48...57: value = Int(byte) - 48
            case 65...90 where !"AEIOU".utf8.contains(byte): value = Int(byte) - 55
            default: return false
            }
            sum += value * weights[position]
        }
        return (10 - sum % 10) % 10 == Int(check) - 48
    }

    /// Whether a symbol is a CUSIP: nine characters, digits and capitals, with a digit among
    /// the first eight and the standard check digit last.
    static func isCUSIP(_ symbol: String) -> Bool {
        let bytes = Array(symbol.utf8)
        guard bytes.count == 9, bytes[..<8].contains(where: { $0 >= 48 && $0 <= 57 }),
              let check = bytes.last, check >= 48, check <= 57 else { return false }
        var sum = 0
        for (position, byte) in bytes[..<8].enumerated() {
            var value: Int
            switch byte {
            case 48...57: value = Int(byte) - 48
            case 65...90: value = Int(byte) - 55
            case UInt8(ascii: "*"): value = 36
            case UInt8(ascii: "@"): value = 37
            case UInt8(ascii: "#"): value = 38
            default: return false
            }
            if position % 2 == 1 { value *= 2 }
            sum += value / 10 + value % 10
        }
        return (10 - sum % 10) % 10 == Int(check) - 48
    }

    /// A row's realized gain as a number, to tell a sale: its Realized Gain, else the sum of
    /// its Short-Term and Long-Term Gain where either is given; nil when none is.
    func realizedFigure(_ row: SheetTable.DataRow) -> Double? {
        var sum: Double?
        for column in ["Realized Gain", "Short-Term Gain", "Long-Term Gain"] {
            if case .value(let gain) = CellReader.number(row[column]) { sum = (sum ?? 0) + gain.doubleValue }
            if column == "Realized Gain", sum != nil { break }
        }
        // A loss column's figure, of either sign, is a loss, and the row's (read quietly, as the
        // gains are): see `lossFirst`.
        var losses: Double?
        for column in ["Realized Loss", "Short-Term Loss", "Long-Term Loss"] {
            if case .value(let loss) = CellReader.number(row[column]), loss.doubleValue != 0 {
                losses = (losses ?? 0) - abs(loss.doubleValue)
            }
        }
        if let losses, !((sum ?? 0) < 0) { return losses }
        return sum
    }

    /// Whether an action read as a buy is the cash leg of a reinvestment (`Reinvest
    /// Dividend`, `Reinvest Cap Gain`), which a custodian lists beside the shares it bought
    /// (`Reinvest Shares`), rather than the shares themselves.
    static func isReinvestedCash(_ text: String) -> Bool {
        let t = text.lowercased()
        return t.contains("reinv") && !t.contains("share") && ["div", "interest", "gain", "distribution"].contains { t.contains($0) }
    }

    /// `transactions` without the cash legs among `candidates` (buys without a Quantity)
    /// whose shares are listed: a buy with a Quantity of the same account and symbol, that day
    /// or within `reinvestmentDays` of it (Schwab lists `Qual Div Reinvest` on the pay date
    /// and `Reinvest Shares` a day or more after; unpaired, the cash leg blocked a harvest,
    /// explore-AR). Read as buys of any number of shares, they would block every loss sale of
    /// the symbol in the household for the window. A cash leg with no such row stays a buy of
    /// any number of shares: the shares it bought are not listed, and the tool does not guess
    /// them.
    private mutating func withoutReinvestedCash(_ transactions: [Transaction], candidates: [Int]) -> [Transaction] {
        guard !candidates.isEmpty else { return transactions }
        struct Position: Hashable { let account: String, symbol: String }
        var listed: [Position: [CivilDate]] = [:]
        for trade in transactions where trade.side == .buy && trade.quantity != nil {
            listed[Position(account: trade.account, symbol: trade.symbol), default: []].append(trade.date)
        }
        var dropped = Set<Int>()
        // Each listed buy pairs with one cash leg: the same day's first, then the nearest.
        var pairs: [(cash: Int, shares: CivilDate)] = []
        var paired = Set<Int>()
        for sameDayOnly in [true, false] {
            for index in candidates where !paired.contains(index) {
                let cash = transactions[index]
                let position = Position(account: cash.account, symbol: cash.symbol)
                let days = listed[position] ?? []
                guard let nearest = days.indices.min(by: { abs(days[$0].days(since: cash.date)) < abs(days[$1].days(since: cash.date)) }),
                      abs(days[nearest].days(since: cash.date)) <= (sameDayOnly ? 0 : PortfolioBuilder.reinvestmentDays)
                else { continue }
                pairs.append((index, days[nearest]))
                paired.insert(index)
                listed[position]?.remove(at: nearest)
            }
        }
        for (index, shares) in pairs.sorted(by: { $0.cash < $1.cash }) {
            let cash = transactions[index]
            dropped.insert(index)
            log.info(cash.place, "Skipped: a reinvestment's cash, with no Quantity; the shares it bought are the buy of "
                + "\(cash.symbol) with a Quantity \(shares == cash.date ? "the same day" : "on \(shares)"), which counts for wash sales.")
        }
        return transactions.indices.filter { !dropped.contains($0) }.map { transactions[$0] }
    }

    /// How many days from a reinvestment's cash leg its shares may be listed.
    static let reinvestmentDays = 7

    /// What a manual trade's Status says of it.
    enum ManualTradeStatus {
        /// Blank, or no Status column.
        case unsaid
        /// Still to be placed (`Pending`, `Open`, `Approved`).
        case toPlace
        /// Executed, sent to the broker or cancelled: not placed again.
        case done
        /// A word the tool does not know (an error at its cell).
        case unknown
    }

    /// Statuses of a trade still to be placed, and of one that is not, normalized.
    /// (`Working`, `Queued` and `Active` are not among them: a broker's blotter says so of an
    /// order already sent, and placed again the sale was doubled; explore-AZ. They are asked.)
    static let toPlaceStatuses: Set<String> = ["pending", "open", "new", "approved", "todo", "proposed",
                                              "toplace", "tobeplaced", "notplaced", "ready"]
    static let doneStatuses: Set<String> = ["executed", "filled", "done", "complete", "completed", "settled", "cancelled",
                                           "canceled", "rejected", "expired", "void", "voided", "placed", "sent", "traded",
                                           "booked", "closed", "partiallyfilled", "partfilled", "submitted", "entered"]

    /// A manual trade row's Status, an unknown word said at its cell; with no Status, what
    /// a flag column (`Executed?`, `Sent`, `Cancel`) says.
    mutating func manualTradeStatus(_ row: SheetTable.DataRow) -> ManualTradeStatus {
        guard let status = text(row, "Trade Status") else { return doneFlag(row) }
        let key = HeaderName.normalize(status).key
        if Self.toPlaceStatuses.contains(key) {
            // Followed, but not without a word when a done column beside it says Yes (explore-BF).
            if case .value(true) = CellReader.flag(row["Done"]) {
                log.warning(row.place("Done"), "The Status \"\(status.excerpt)\" says this trade is still to be placed, and the "
                    + "column \"\(doneHeader?.excerpt ?? "Done")\" marks it done: the Status is followed and the trade placed. Clear the "
                    + "one not meant.")
            }
            return .toPlace
        }
        if Self.doneStatuses.contains(key) { return .done }
        log.error(row.place("Trade Status"), "The Status \"\(status.excerpt)\" does not say whether the trade is still to be "
            + "placed (Pending, Open, Approved) or not (Executed, Sent, Cancelled): write one of those.")
        return .unknown
    }

    /// The words of a manual trade's Note that say it was placed already or is not to be
    /// placed, as written; nil when it says neither:
    /// - a hold or a refusal anywhere (`DO NOT PLACE - on hold`, `Already placed 11/18`), not
    ///   when `not` stands before it (`Trim, not on hold`), nor `already placed` of something
    ///   else (`already placed a deposit`);
    /// - a cancellation as the first word, whatever follows (`Cancel - client withdrew`,
    ///   `Cxl`), or later, unless denied, asked or of another order (see below), and `Hold` alone;
    /// - an outcome as the first word (after `Order` or `Partially`) with nothing after it
    ///   but a date, a number or a price (`Executed 11/18`, `Filled @ 301.20`, `Partially
    ///   filled 50 of 100`, `Order sent 11/19`, `Working`): a sentence after it is the PM's own
    ///   (`Placed per CIO request`, `Sent by JS for approval`, `Done in two tranches`; explore-BF).
    static func noteWithholding(_ note: String) -> String? {
        let words = String(note.lowercased().map { $0 == "\u{2019}" ? "'" : $0 })
            .split { !$0.isLetter && $0 != "'" }.map(String.init)
        let refusals: [[String]] = [["do", "not", "place"], ["don't", "place"], ["do", "not", "trade"], ["don't", "trade"],
                                    ["do", "not", "execute"], ["don't", "execute"], ["do", "not", "send"], ["don't", "send"],
                                    ["on", "hold"], ["hold", "off"], ["not", "to", "be", "placed"], ["already", "placed"],
                                    ["already", "executed"], ["already", "filled"], ["already", "traded"], ["already", "sent"],
                                    ["already", "done"],
                                    // Said without the apostrophe, or as the client's word (explore-BV: placed).
                                    ["dont", "place"], ["dont", "trade"], ["dont", "execute"], ["dont", "send"], ["dont", "sell"],
                                    ["dont", "buy"], ["not", "to", "sell"], ["not", "to", "buy"], ["not", "to", "trade"],
                                    ["not", "to", "place"]]
        // A hold that is over (`hold off was lifted 11/15`, `no longer on hold`; explore-BR).
        let over: Set = ["lifted", "released", "removed", "cleared", "ended", "resolved"]
        for phrase in refusals {
            guard words.count >= phrase.count else { continue }
            for start in 0...(words.count - phrase.count) where words[start..<start + phrase.count].elementsEqual(phrase) {
                if start > 0, words[start - 1] == "not" { continue }
                if start > 1, words[start - 2] == "no", words[start - 1] == "longer" { continue }
                // Over only when said so (`hold off was lifted`), not denied or to come (`Hold - not
                // lifted`, `On hold - will be lifted 12/1`, `Hold off until lifted`; explore-BV).
                if phrase.contains("hold"), (start + phrase.count..<words.count).contains(where: { at in
                    over.contains(words[at])
                        && !["not", "never", "until", "be", "pending", "once", "when", "unless"].contains(words[at - 1])
                }) { continue }
                if phrase[0] == "already", start + phrase.count < words.count,
                   ["a", "an", "the", "his", "her", "their", "its", "our"].contains(words[start + phrase.count]) { continue }
                return phrase.joined(separator: " ")
            }
        }
        guard let first = words.first else { return nil }
        let cancellations: Set = ["cancel", "cancelled", "canceled", "cancellation", "cxl", "cxld", "void", "voided"]
        // What else a note may say was cancelled (`Funding from cancelled CD`, `client cancelled
        // their annuity`, `Voided check redeposited`; explore-BP: each refused the book).
        let otherThings: Set = ["cd", "cds", "annuity", "annuities", "check", "checks", "cheque", "policy", "wire", "transfer",
                                "ach", "deposit", "loan", "insurance", "their", "his", "her", "its", "subscription", "contract"]
        if cancellations.contains(first), words.count == 1 || !otherThings.contains(words[1]) { return first }
        // Anywhere else too, as a note's tail or its middle says it (`client gift - cancelled`,
        // `Trim - Cancelled per client 11/19`, `client cancelled request`; explore-BL, BM: each
        // was placed), and the desk's `DNT` and `DNP` (`D.N.T.`): not after words that deny it
        // or name another order (`not cancelled`, `replaces cancelled order`), nor asked
        // (`Cancelled? no`), nor `DNT list`.
        let lowered = note.lowercased()
        let others: Set = ["not", "no", "never", "replaces", "replacing", "replace", "replacement", "after", "previously",
                           "prior", "earlier", "re", "un"]
        let marks = cancellations.union(["killed", "scrapped", "superseded", "rescinded", "revoked", "canx", "cncl", "dnt",
                                         "dnp"])
        // What a cancellation names after an article: something else cancelled (`client
        // cancelled the gift`; explore-BR), where any other noun may be this trade.
        // Only a thing that is plainly no trade of the run's counts as another (explore-BV:
        // `cancelled the rebalance` was placed).
        let elsewhere: Set = ["gift", "gifts", "meeting", "call", "appointment", "trip", "drip", "margin", "card", "donation",
                              "pledge", "transfer", "wire", "check", "cd", "annuity", "policy", "loan", "deposit", "subscription",
                              "contract", "insurance", "ach", "distribution"]
        for (index, word) in words.enumerated() where marks.contains(word) {
            if index > 0, others.contains(words[index - 1]) { continue }
            // Denied by its article: `Not a cancellation` (explore-BR).
            if index > 1, ["a", "an", "any"].contains(words[index - 1]), others.contains(words[index - 2]) { continue }
            if index + 1 < words.count, otherThings.contains(words[index + 1]) { continue }
            if index + 2 < words.count, ["the", "a", "an", "this", "that"].contains(words[index + 1]),
               elsewhere.contains(words[index + 2]) { continue }
            // `void` inside a sentence is a noun or an adjective (`fund the void left by`), a
            // mark only at the note's end or before who or why (`VOID per client`).
            if word == "void" || word == "voided", index + 1 < words.count,
               !["per", "by", "due", "as", "on", "at"].contains(words[index + 1]) { continue }
            // The verb itself only ends a note as a mark (`Trim - cancel`), not after a modal
            // (`Ask before you cancel`).
            if word == "cancel", index + 1 < words.count
                || (index > 0 && ["you", "to", "may", "will", "would", "could", "might", "should", "can", "i", "we"].contains(words[index - 1])) {
                continue
            }
            if lowered.contains(word + "?") { continue }
            if ["dnt", "dnp"].contains(word), index + 1 < words.count, ["list", "lists", "check", "checked"].contains(words[index + 1]) { continue }
            return word
        }
        for letters in [["d", "n", "t"], ["d", "n", "p"]] where words.count >= 3 {
            if (0...(words.count - 3)).contains(where: { words[$0..<$0 + 3].elementsEqual(letters) }) { return letters.joined() }
        }
        if words == ["hold"] { return "hold" }
        // `Hold` set apart as the note's head (`Hold - not lifted`, `HOLD: client call`), unless
        // the note says the hold is over (explore-BV: placed).
        if first == "hold", let after = note.trimmingWhitespace().dropFirst(4).first(where: { !$0.isWhitespace }),
           "-:\u{2013}\u{2014}(".contains(after),
           !(1..<words.count).contains(where: { over.contains(words[$0]) && !["not", "never", "until", "be"].contains(words[$0 - 1]) }) {
            return "hold"
        }
        // A bare word the desk writes for a trade dropped (`Kill`, `Ignore`; explore-BP).
        if words.count == 1, ["kill", "ignore", "withdrawn", "revoked", "pulled"].contains(first) { return first }
        if let not = words.firstIndex(of: "not"), not + 1 < words.count, ["placing", "trading", "executing"].contains(words[not + 1]) {
            return "not \(words[not + 1])"
        }
        var rest = words[...]
        if rest.first == "order" || rest.first == "trade" { rest = rest.dropFirst() }
        if rest.first == "partially" || rest.first == "partly" { rest = rest.dropFirst() }
        let outcomes: Set = ["executed", "exec'd", "execd", "filled", "done", "sent", "placed", "booked", "traded", "settled",
                             "completed", "sold", "bought", "trimmed", "submitted", "entered", "working", "routed"]
        let filler: Set = ["of", "at", "on", "am", "pm", "sh", "shs", "share", "shares", "and", "est", "et", "ct", "today",
                           "yesterday"]
        guard let outcome = rest.first, outcomes.contains(outcome), rest.dropFirst().allSatisfy(filler.contains) else { return nil }
        return outcome
    }

    /// What a flag column headed for a trade's being done says of a row: Yes (`Y`, `X`, a
    /// check mark) done, not placed again; No, or a word still to place, to place; a date, a
    /// figure or a name (when, how much, where it was done) done; a word that says neither
    /// (`Maybe`) an error at its cell.
    mutating func doneFlag(_ row: SheetTable.DataRow) -> ManualTradeStatus {
        if case .value(let mark) = CellReader.text(row["Done"]), ["\u{2713}", "\u{2714}", "\u{2611}"].contains(mark) {
            return .done
        }
        switch CellReader.flag(row["Done"]) {
        case .empty: return .unsaid
        case .value(let done): return done ? .done : .toPlace
        case .problem:
            // Another value says when, how much or at what price it was done (a `Fill Date`, a
            // `Filled Qty`, an `Executed Price`, a broker's name under `Placed`, a percent
            // `Complete`): under way or done, not placed again (explore-BF). A word still to
            // place (`Pending`) places it; one that says neither is asked.
            if case .value(let text) = CellReader.text(row["Done"]) {
                let key = HeaderName.normalize(text).key
                if Self.toPlaceStatuses.contains(key) { return .toPlace }
                if ["maybe", "tbd", "unknown", "notsure", "unsure", ""].contains(key) {
                    log.error(row.place("Done"), "The column \"\(doneHeader?.excerpt ?? "Done")\" holds \"\(shown(row["Done"]))\", which does "
                        + "not say whether the trade is done: write Yes (done, not placed again) or No (still to place).")
                    return .unknown
                }
            }
            return .done
        }
    }

    /// The Manual Trades sheet's header of its done column (`Executed?`), if it has one.
    var doneHeader: String? { tables[.manualTrades]?.matches.first { $0.column == "Done" }?.header }

    mutating func readManualTrades(accounts: [Account], lots: [TaxLot], securities: [Security]) -> [ManualTrade] {
        guard let table = tables[.manualTrades] else { return [] }
        let known = knownAccounts(accounts)
        var trades: [ManualTrade] = []
        // Each trade's row and the cell of its size (Quantity, Amount, or the Side of a Sell
        // All), for the messages that sum several rows.
        var sizeCells: [(row: Int, cell: String)] = []
        var placedBefore: [Int] = []
        // A column that may give a trade's size but is not read (`Shares to Sell`), named where
        // a row gives none: "neither a Quantity nor an Amount" alone was untrue to a PM who had
        // filled it (explore-EM).
        let unreadSize = table.unknownHeaders.first { SheetTable.mayBe($0.header, ["Quantity", "Amount"]) }
        for row in table.rows {
            // A row holding only a Note (`Approved by CIO 11/19`) is a remark, not a trade.
            if ["Account", "Symbol", "Side", "Quantity", "Amount"].allSatisfy({ isBlank(row, $0) }) {
                log.info("\(table.sheetName)!row \(row.number)", "Skipped: a note with no trade (\"\(shown(row["Note"]))\").")
                continue
            }
            // A running log of the PM's trades: one executed, sent or cancelled is not placed
            // again, and one of an earlier day must say it is still to be placed. Read as
            // written, last month's executed BND sale was placed again (explore-AM).
            let status = manualTradeStatus(row)
            switch status {
            case .done:
                placedBefore.append(row.number)
                continue
            case .unknown:
                continue
            case .toPlace, .unsaid:
                break
            }
            // A Note saying the trade is done or held, with no Status to say otherwise: placed
            // as written, an order marked `DO NOT PLACE` was in the plan (explore-AZ).
            if status == .unsaid, let note = text(row, "Note"), let words = Self.noteWithholding(note) {
                log.error(row.place("Note"), "The Note \"\(note.excerpt)\" says \"\(words)\": this trade may have been "
                    + "placed already, or be not to place. Delete the row if so, or say so in a Status column: Pending to "
                    + "place it in this run, Executed or Cancelled to keep it out.")
                continue
            }
            if let date = date(row, "Trade Date") {
                // A later day's trade, whatever its Status: placed in this run it trades on the
                // As Of, before the day the PM meant, where a window that day would have passed
                // may still be open (explore-AZ).
                if date > settings.asOf {
                    log.error(row.place("Trade Date"), "This manual trade is dated \(date), after the As Of date "
                        + "\(settings.asOf): the run trades on the As Of. Move the row to the run of its day, or clear its "
                        + "date to place it in this one.")
                    continue
                }
                if status == .unsaid, date < settings.asOf {
                    log.error(row.place("Trade Date"), "This manual trade is dated \(date), before the As Of date "
                        + "\(settings.asOf): a trade of an earlier day may have been placed already. Delete the row if it "
                        + "was (an executed trade belongs on Transactions), or clear its date, or mark it Pending in a Status "
                        + "column, to place it in this run.")
                    continue
                }
            }
            let accountID = account(row, in: table, known: known, sheetHasAccounts: true)
            let symbol = text(row, "Symbol")?.uppercased()
            if symbol == nil { log.error(row.place("Symbol"), "Symbol is blank.") }
            var side: Side?
            // `Sell All` (`Liquidate`, `Close Position`) sells the whole position, as a Quantity
            // of `All` does: read as a plain Sell, it sold the Quantity beside it.
            var sellsAll = false
            if let sideText = text(row, "Side") {
                sellsAll = ["sellall", "liquidate", "sellentireposition", "sellwholeposition", "closeposition", "sellallshares"]
                    .contains(HeaderName.normalize(sideText).key)
                side = sellsAll ? .sell : PortfolioBuilder.side(sideText)
                if side == nil { log.error(row.place("Side"), "Side must be Buy or Sell, found \"\(sideText)\".") }
                if sellsAll, !isBlank(row, "Quantity") || !isBlank(row, "Amount") {
                    log.error(row.place("Side"), "\"\(sideText.excerpt)\" sells the whole position, but the row also gives "
                        + "a Quantity or an Amount: clear them to sell it all, or write Sell.")
                    continue
                }
            } else {
                log.error(row.place("Side"), "Side is blank.")
            }
            // The lot a sale names (explore-CW), matched as the Lots sheet's Lot IDs are read:
            // as written, else as the `SYM-ID` that lot numbers restarting for each symbol
            // become. A buy makes a new lot and names none.
            var lotFailed = false
            var namedLot: TaxLot?
            if let lotID = text(row, "Lot ID"), let symbol {
                if side == .buy {
                    log.error(row.place("Lot ID"), "This buys \(symbol) and names lot \(lotID.excerpt): a buy makes a new "
                        + "lot, so only a sale names one. Clear the Lot ID, or make the row a Sell.")
                    lotFailed = true
                } else if let accountID {
                    let ofPosition = lots.filter { $0.account == accountID && $0.symbol == symbol }
                    namedLot = ofPosition.first { $0.lotID == lotID } ?? ofPosition.first { $0.lotID == "\(symbol)-\(lotID)" }
                    // Typed in other capitals (`a1` for `A1`): the one lot of the position it can
                    // be, said; refused, a PM's lower-case ID stopped the run. Two lots alike but
                    // for capitals stay an error.
                    if namedLot == nil {
                        let folded = lotID.lowercased()
                        let alike = ofPosition.filter {
                            $0.lotID.lowercased() == folded || $0.lotID.lowercased() == "\(symbol)-\(lotID)".lowercased()
                        }
                        if alike.count == 1 {
                            namedLot = alike[0]
                            log.info(row.place("Lot ID"), "Lot \(lotID.excerpt) is read as lot \(alike[0].lotID.excerpt), as the "
                                + "Lots sheet writes it.")
                        }
                    }
                    if namedLot == nil {
                        let known = ofPosition.isEmpty ? "it holds no lot of \(symbol)"
                            : "its lots of \(symbol) are " + Self.namesInBrief(ofPosition.map(\.lotID))
                        log.error(row.place("Lot ID"), "Lot \(lotID.excerpt) is not one of \(accountID)'s lots of \(symbol) "
                            + "(\(known)): the sale is not made. Write the Lot ID as the Lots sheet gives it, or clear it to "
                            + "sell in Lot Method order.")
                        lotFailed = true
                    }
                }
            }
            var size: ManualTrade.Size?
            var quantityGiven = false
            let allWord: String? = sellsAll ? "Sell All" : {
                guard case .value(let word) = CellReader.text(row["Quantity"]),
                      ["all", "allshares", "entireposition", "wholeposition"].contains(HeaderName.normalize(word).key) else { return nil }
                return word
            }()
            if let word = allWord {
                quantityGiven = true
                // `All`: the whole position, as held in the account before the run.
                if side == .buy {
                    log.error(row.place("Quantity"), "\"\(word.excerpt)\" sells a whole position; a buy needs a number of shares or an Amount.")
                } else if let lot = namedLot {
                    // `All` of a named lot: the whole lot.
                    size = .quantity(lot.quantity)
                    log.info(row.place(sellsAll ? "Side" : "Quantity"),
                             "\"\(word.excerpt)\" with lot \(lot.lotID) named is the whole lot: \(lot.quantity) \(lot.symbol) in \(lot.account).")
                } else if lotFailed {
                    // Said at the Lot ID.
                } else if let accountID, let symbol, side == .sell {
                    let held = lots.filter { $0.account == accountID && $0.symbol == symbol }.map(\.quantity).sum()
                    if held > .zero {
                        size = .quantity(held)
                        log.info(row.place("Quantity"), "\"\(word.excerpt)\" is the whole position: \(held) \(symbol) in \(accountID).")
                    } else {
                        log.error(row.place("Quantity"), "This sells all of \(symbol) in \(accountID), which holds none.")
                    }
                }
            } else if let n = number(row, "Quantity", counting: "a number of shares") {
                quantityGiven = true
                if let q = Quantity(decimal: n.text), q > .zero { size = .quantity(q) } else {
                    log.error(row.place("Quantity"), quantityProblem(n, row, "Quantity", sign: "a positive number"))
                }
            } else if let n = number(row, "Amount", counting: "an amount in dollars") {
                // An Amount shown `$5K` holding 5, judged as every other amount in dollars is:
                // read as $5.00, the PM's $5,000 trim sold one share, and a buy was dropped as
                // less than a share (explore-EA).
                if !refusedScaleWordFormat(row["Amount"], "Amount", at: row.place("Amount")) {
                    if let m = Money(decimal: n.text), m > .zero { size = .amount(m) } else {
                        log.error(row.place("Amount"), "Amount must be a positive amount, found \"\(shown(row["Amount"]))\".")
                    }
                }
            } else if isBlank(row, "Quantity") && isBlank(row, "Amount") {
                // `--` and `N/A` are blank as an empty cell is: the trade was dropped unsaid.
                if let (header, cell) = unreadSize {
                    log.error(row.rowPlace, "The trade gives neither a Quantity nor an Amount the tool reads: the column "
                        + "\"\(header.excerpt)\" (\(table.sheetName)!\(cell)) is not read. If it holds the trade's shares, "
                        + "rename it Quantity; if its dollars, Amount.")
                } else {
                    log.error(row.rowPlace, "The trade gives neither a Quantity nor an Amount.")
                }
            }
            if quantityGiven && row["Amount"] != nil {
                // Both figures said, so that two that disagree (10 shares beside $30,000 at $300)
                // are seen: the same words had stood for both cases (explore-AZ).
                var amount = ""
                if case .value(let n) = CellReader.number(row["Amount"]), let m = Money(decimal: n.text) { amount = " (\(m.formatted))" }
                let quantity: String
                if case .quantity(let q)? = size {
                    quantity = " (\(q) \(q == Quantity(shares: 1) ? "share" : "shares"))"
                } else {
                    quantity = ""
                }
                log.warning(row.place("Amount"), "Both Quantity\(quantity) and Amount\(amount) are given; the Quantity is "
                    + "traded. Check that the two agree at the run's price, or clear the one not meant.")
            }
            guard let accountID, let symbol, let side, let size, !lotFailed else { continue }
            if let restriction = securities.first(where: { $0.symbol == symbol })?.restriction {
                if side == .buy && restriction.blocksBuying && restriction != .hold {
                    log.error(row.place("Side"), "This buys \(symbol), which is \(restriction.rawValue).")
                    continue
                }
                if side == .sell && restriction.blocksSelling {
                    log.error(row.place("Side"), "This sells \(symbol), which is \(restriction.rawValue).")
                    continue
                }
                if side == .buy && restriction == .hold {
                    log.error(row.place("Side"), "This buys \(symbol), which is Hold (kept untouched).")
                    continue
                }
            }
            if let opposite = trades.first(where: { $0.account == accountID && $0.symbol == symbol && $0.side != side }) {
                log.error(row.rowPlace, "This \(side == .buy ? "buys" : "sells") \(symbol) in \(accountID), which \(opposite.place) \(side == .buy ? "sells" : "buys"); one run may not buy and sell one symbol in one account.")
                continue
            }
            trades.append(ManualTrade(account: accountID, symbol: symbol, side: side, size: size,
                                      note: text(row, "Note"), place: row.rowPlace, lotID: namedLot?.lotID))
            sizeCells.append((row.number, row.place(sellsAll ? "Side" : quantityGiven ? "Quantity" : "Amount")))
        }
        if !placedBefore.isEmpty {
            let rows = placedBefore.map(String.init).joinedAsList
            // The column that marks them: a flag column's own header where the sheet has one.
            let marks = doneHeader.map { table.has("Trade Status") ? "the Status or the column \"\($0.excerpt)\"" : "the column \"\($0.excerpt)\"" }
                ?? "the Status"
            log.warning(table.sheetName, "Row\(placedBefore.count == 1 ? "" : "s") \(rows) \(placedBefore.count == 1 ? "is a trade" : "are trades") "
                + "\(marks) marks executed, sent or cancelled: not placed again. Clear the mark of one meant for this run.")
        }
        // A sale of more than is held, counted over every manual sale of the symbol in the account.
        struct Position: Hashable { let account: String, symbol: String }
        var held: [Position: Quantity] = [:]
        let selling = Set(trades.filter { $0.side == .sell }.map { Position(account: $0.account, symbol: $0.symbol) })
        for lot in lots {
            let position = Position(account: lot.account, symbol: lot.symbol)
            if selling.contains(position) { held[position, default: .zero] += lot.quantity }
        }
        var checked: Set<Position> = []
        for (index, trade) in trades.enumerated() where trade.side == .sell {
            let position = Position(account: trade.account, symbol: trade.symbol)
            guard case .quantity = trade.size, checked.insert(position).inserted else { continue }
            let sales = trades.indices.compactMap { other -> (index: Int, quantity: Quantity)? in
                let sale = trades[other]
                guard sale.account == trade.account, sale.symbol == trade.symbol, sale.side == .sell,
                      case .quantity(let q) = sale.size else { return nil }
                return (other, q)
            }
            let sold = sales.map(\.quantity).sum()
            let held = held[position] ?? .zero
            guard sold > held else { continue }
            if sales.count == 1 {
                log.error(sizeCells[index].cell, "This sells \(sold) \(trade.symbol) in \(trade.account), which holds \(held).")
            } else {
                // Every row of the sum named, each with its share: the first alone was named, with
                // a figure it did not hold (explore-AZ).
                let rows = sales.map { "\(sizeCells[$0.index].row) (\($0.quantity))" }.joinedAsList
                log.error(sizeCells[index].cell, "Rows \(rows) sell \(sold) \(trade.symbol) in \(trade.account) in all, which "
                    + "holds \(held).")
            }
        }
        // A sale from a named lot of more than the lot holds, counted over every row naming it.
        struct NamedLot: Hashable { let account: String, lotID: String }
        var checkedLots: Set<NamedLot> = []
        for (index, trade) in trades.enumerated() where trade.side == .sell {
            guard let lotID = trade.lotID, case .quantity = trade.size,
                  checkedLots.insert(NamedLot(account: trade.account, lotID: lotID)).inserted,
                  let lot = lots.first(where: { $0.account == trade.account && $0.lotID == lotID }) else { continue }
            let sales = trades.indices.compactMap { other -> (index: Int, quantity: Quantity)? in
                let sale = trades[other]
                guard sale.account == trade.account, sale.lotID == lotID, sale.side == .sell,
                      case .quantity(let q) = sale.size else { return nil }
                return (other, q)
            }
            let sold = sales.map(\.quantity).sum()
            guard sold > lot.quantity else { continue }
            let shares = "\(lot.quantity) \(lot.quantity == Quantity(shares: 1) ? "share" : "shares")"
            if sales.count == 1 {
                log.error(sizeCells[index].cell, "This sells \(sold) \(trade.symbol) from lot \(lotID) in \(trade.account), "
                    + "which holds \(shares). Sell at most that from it, or sell the rest on a row of its own, from another "
                    + "lot or in Lot Method order.")
            } else {
                let rows = sales.map { "\(sizeCells[$0.index].row) (\($0.quantity))" }.joinedAsList
                log.error(sizeCells[index].cell, "Rows \(rows) sell \(sold) \(trade.symbol) from lot \(lotID) in "
                    + "\(trade.account) in all, which holds \(shares).")
            }
        }
        return trades
    }

    /// Up to five names, then how many more: a position's lots listed in a message.
    static func namesInBrief(_ names: [String]) -> String {
        guard names.count > 5 else { return names.joinedAsList }
        return (Array(names.prefix(5)) + ["\(names.count - 5) more"]).joinedAsList
    }
}

extension [UInt8] {
    /// Whether `word`'s UTF-8 bytes appear together somewhere in these.
    func containsBytes(of word: StaticString) -> Bool {
        let wanted = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard let first = wanted.first else { return true }
        guard count >= wanted.count else { return false }
        for start in 0...(count - wanted.count) where self[start] == first {
            if self[start..<start + wanted.count].elementsEqual(wanted) { return true }
        }
        return false
    }
}

/// An account's holding of a symbol on one day: a lot's purchase, a buy or a journal of it.
struct HoldingDay: Hashable {
    let account: String, symbol: String, date: CivilDate
}
