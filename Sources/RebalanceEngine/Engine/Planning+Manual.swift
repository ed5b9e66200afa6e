extension Planning {
    /// A manual trade with its quantity worked out.
    struct SizedManualTrade: Sendable {
        let trade: ManualTrade
        let account: Int
        let quantity: Quantity
    }

    /// Phase 1: the PM's trades, applied as written.
    ///
    /// Within an account, sales go first and then buys, each in sheet order, so a buy may
    /// spend what a sale raises. Every infeasible trade is an input error naming its rows:
    /// selling more than is held, buying a `No Buy`/`No Trade`/`Hold` symbol, selling a
    /// `No Sell`/`No Trade`/`Hold` one, cash below zero, a buy and a sale of one symbol in
    /// one account. Their tax counts against the budget but is never cut.
    mutating func runManualTrades(_ manualTrades: [ManualTrade]) throws(PlanningError) {
        let (sized, warnings) = try validate(manualTrades)
        // Warnings are reported account by account (in sheet order within one).
        beginStage()
        let byAccount = warnings.indices.sorted { (warnings[$0].account, $0) < (warnings[$1].account, $1) }
        for (account, problem, decision) in byAccount.map({ warnings[$0] }) {
            markRows(account: account)
            raise(.warning, problem.place, problem.message)
            audit(.manual, books[account].id, nil, rule: "Manual Trade", decision: decision,
                  "\(problem.place): \(problem.message)")
        }
        beginStage()
        let before = books.indices.map { snapshot($0) }
        for index in books.indices {
            markRows(account: index)
            let mine = sized.filter { $0.account == index }
            // Sales naming a lot first, each from its lot, then the rest in Lot Method order from
            // what they leave: a sale of 30 above one of 50 naming lot A2 had taken 30 of A2 by
            // Lot Method, and the named sale, cut to A2's 20 left, sold 50 of the 80 written
            // without a word (explore-DB).
            for item in mine where item.trade.side == .sell && item.trade.lotID != nil {
                try applyManualSale(item)
            }
            for item in mine where item.trade.side == .sell && item.trade.lotID == nil {
                try applyManualSale(item)
            }
            for item in mine where item.trade.side == .buy {
                try applyManualBuy(item)
            }
            progress?(.manual, index + 1, books.count)
        }
        // What each account's manual trades changed is recorded once all are made: a buy in
        // one account adds back a loss, and its tax, in another, whose record must show it
        // (recorded with its own trades, the audit JSON's tax state skipped the add-back).
        beginStage()
        for index in books.indices {
            markRows(account: index)
            recordChange(.manual, index, from: before[index])
        }
        // A manual buy may disallow a loss in another account of the household: every
        // account's budget is judged once the phase is done.
        beginStage()
        for (index, book) in books.enumerated() where !book.account.taxBudget.admits(impact: book.ledger.impact) {
            guard case .limit(let limit) = book.account.taxBudget else { continue }
            markRows(account: index)
            let over = book.ledger.impact - limit
            raise(.needsApproval, book.id,
                  "Manual trades add \(book.ledger.impact.formatted) of tax, \(over.formatted) past the "
                    + "\(limit.formatted) budget; they are applied as written.")
            manualBudgetPasses.append((exceptions.count - 1, index, book.ledger.impact))
            audit(.manual, book.id, nil, rule: "Tax Budget", decision: "Passed",
                  "Manual trades are never cut: their tax passes the budget by \(dollars: over).")
        }
    }

    /// Says where each account whose manual trades passed its tax budget ends, once the run's
    /// last trade is made: a later phase's losses may bring it back within the budget, which
    /// its trades' Reasons said ("back within the $0.00 budget at $0.00 with those after it")
    /// while the approval asked for stood alone beside a Budget Left of $0.00 (explore-EJ).
    mutating func wordManualBudgetPasses() {
        for (exception, index, manualImpact) in manualBudgetPasses {
            let book = books[index]
            let impact = book.ledger.impact
            guard case .limit(let limit) = book.account.taxBudget, impact != manualImpact else { continue }
            let end = impact <= limit
                ? " The run's later trades bring the account back within the budget: its tax impact ends at \(impact.formatted)."
                : " With the run's later trades the account's tax impact ends at \(impact.formatted), "
                    + "\((impact - limit).formatted) past the budget."
            word(exception, exceptions[exception].message + end)
        }
    }

    /// Works out each trade's quantity and collects every infeasible one.
    ///
    /// A trade by amount that buys or sells less than one trading step is not an error: it
    /// is skipped with a warning. A sale by amount past the position sells the position, and
    /// a fraction of a share where shares are whole is traded as written, each with a
    /// warning. The warnings are returned second, each with its account's index and the
    /// Audit Log's decision.
    func validate(_ manualTrades: [ManualTrade]) throws(PlanningError)
        -> ([SizedManualTrade], [(account: Int, problem: PlanningError.Problem, decision: String)])
    {
        var problems: [PlanningError.Problem] = []
        var warnings: [(account: Int, problem: PlanningError.Problem, decision: String)] = []
        var sized: [SizedManualTrade] = []
        // The first row of each account, symbol, side and size: a row that repeats one is made
        // too, as written, but said (a row pasted twice doubled the trade without a word).
        var firstOfTrade: [ManualTrade: String] = [:]
        for trade in manualTrades {
            let place = trade.place.isEmpty ? "Manual Trades" : trade.place
            guard let account = books.firstIndex(where: { $0.id == trade.account }) else {
                problems.append(.init(place: place, message: "Account \(trade.account) is not in the Accounts sheet."))
                continue
            }
            var same = trade
            same.note = nil
            same.place = ""
            if let first = firstOfTrade[same] {
                let size: String
                switch trade.size {
                case .quantity(let shares): size = "\(shares)"
                case .amount(let amount): size = amount.formatted + " of"
                }
                warnings.append((account, .init(place: place, message:
                    "This row repeats \(first) (\(trade.side == .buy ? "buy" : "sell") \(size) \(trade.symbol) in "
                        + "\(trade.account)): both are made, as written; delete one if it was entered twice."), "Repeated"))
            } else {
                firstOfTrade[same] = place
            }
            guard let price = universe.priceIfKnown(trade.symbol) else {
                problems.append(.init(place: place, message: "\(trade.symbol) has no usable price."))
                continue
            }
            // A lot named on a sale (explore-CW): one of the account's lots of the symbol. A buy
            // makes a new lot, so it names none.
            var namedLot: Quantity?
            if let lotID = trade.lotID {
                guard trade.side == .sell else {
                    problems.append(.init(place: place, message:
                        "This buys \(trade.symbol) and names lot \(lotID): a buy makes a new lot, so only a sale names one."))
                    continue
                }
                let shares = Planning.shares(ofLot: lotID, trade.symbol, in: books[account])
                guard shares > .zero else {
                    problems.append(.init(place: place, message:
                        "Lot \(lotID) is not one of \(trade.account)'s lots of \(trade.symbol): the sale is not made."))
                    continue
                }
                namedLot = shares
            }
            let quantity: Quantity
            switch trade.size {
            case .quantity(let shares):
                quantity = shares
                // Applied as written, as a manual trade is: said, where the book trades whole shares,
                // unless it sells a whole lot or position whose own size is fractional, as a lot
                // may be sold whole (`Sell All` of 133.956 MMF had been warned of; explore-DU).
                let sellsWhole = trade.side == .sell && (shares == namedLot || shares == books[account].quantity(of: trade.symbol))
                if !settings.fractionalShares, shares.micros % Quantity(shares: 1).micros != 0, !sellsWhole {
                    warnings.append((account, .init(place: place, message:
                        "\(trade.side == .buy ? "Buys" : "Sells") \(shares) \(trade.symbol), a fraction of a share, though "
                            + "Fractional Shares is No: the manual trade is made as written."), "Fractional"))
                }
            case .amount(let amount):
                // Buys by amount round down (never spend more than asked); sales round up
                // (raise at least the amount), never past what is held.
                let shares = universe.shares(amount, price, roundingUp: trade.side == .sell)
                let held = namedLot ?? books[account].quantity(of: trade.symbol)
                quantity = trade.side == .sell ? .min(shares, held) : shares
                if quantity == .zero, trade.side == .buy {
                    warnings.append((account, .init(place: place, message:
                        "\(amount.formatted) buys less than one trading step of \(trade.symbol) at "
                            + "$\(price.description): the trade is not made."), "Skipped"))
                    continue
                }
                // A sale of more dollars than the position is worth sells the position, said
                // so: cut to it without a word, the PM's figure went unchecked.
                if trade.side == .sell, let lotID = trade.lotID, let lotShares = namedLot, shares > lotShares {
                    warnings.append((account, .init(place: place, message:
                        "Selling \(amount.formatted) of \(trade.symbol) from lot \(lotID) asks for more than the "
                            + "\(price.value(of: lotShares).formatted) the lot holds in \(trade.account): the whole lot, "
                            + "\(lotShares) shares, is sold."), "Whole Lot"))
                }
                if trade.side == .sell, trade.lotID == nil, held > .zero, shares > held {
                    warnings.append((account, .init(place: place, message:
                        "Selling \(amount.formatted) of \(trade.symbol) asks for more than the \(price.value(of: held).formatted) "
                            + "held in \(trade.account): the whole position, \(held) shares, is sold."), "Whole Position"))
                }
                if quantity == .zero {
                    problems.append(.init(place: place, message:
                        "\(trade.symbol) is not held in \(trade.account), so \(amount.formatted) of it cannot be sold."))
                    continue
                }
            }
            guard quantity > .zero else {
                problems.append(.init(place: place, message: "The quantity to trade must be positive."))
                continue
            }
            let restriction = universe.restriction(of: trade.symbol)
            if trade.side == .buy, let restriction, restriction != .noSell {
                problems.append(.init(place: place, message:
                    "\(trade.symbol) is \(restriction.rawValue): it cannot be bought."))
            }
            if trade.side == .sell, let restriction, restriction != .noBuy {
                problems.append(.init(place: place, message:
                    "\(trade.symbol) is \(restriction.rawValue): it cannot be sold."))
            }
            sized.append(SizedManualTrade(trade: trade, account: account, quantity: quantity))
        }
        for index in books.indices {
            let mine = sized.filter { $0.account == index }
            guard !mine.isEmpty else { continue }
            let book = books[index]
            let symbols = Set(mine.map(\.trade.symbol)).sorted()
            for symbol in symbols {
                let rows = mine.filter { $0.trade.symbol == symbol }
                let sells = rows.filter { $0.trade.side == .sell }
                let buys = rows.filter { $0.trade.side == .buy }
                if !sells.isEmpty, !buys.isEmpty {
                    problems.append(.init(place: (sells + buys).map(\.trade.place).joined(separator: ", "), message:
                        "\(book.id) both buys and sells \(symbol); a run never does both in one account."))
                }
                let selling = sells.map(\.quantity).sum()
                let held = book.quantity(of: symbol)
                if selling > held {
                    problems.append(.init(place: sells.map(\.trade.place).joined(separator: ", "), message:
                        "Sells \(selling) \(symbol) but \(book.id) holds \(held)."))
                }
                // A named lot sells only its own shares: past them, the sale is not as written.
                let named = Set(sells.compactMap(\.trade.lotID)).sorted()
                for lotID in named {
                    let fromLot = sells.filter { $0.trade.lotID == lotID }
                    let selling = fromLot.map(\.quantity).sum()
                    let lotShares = Planning.shares(ofLot: lotID, symbol, in: book)
                    if selling > lotShares {
                        problems.append(.init(place: fromLot.map(\.trade.place).joined(separator: ", "), message:
                            "Sells \(selling) \(symbol) from lot \(lotID) but the lot holds \(lotShares) in \(book.id)."))
                    }
                }
            }
            var cash = book.cash
            for item in mine where item.trade.side == .sell {
                cash += universe.value(of: item.quantity, item.trade.symbol)
            }
            for item in mine where item.trade.side == .buy {
                cash -= universe.value(of: item.quantity, item.trade.symbol)
                // Every buy that leaves cash below zero is named, as every problem is: stopped at
                // the first, the next came back only once that one was fixed (explore-BS).
                if cash.isNegative {
                    problems.append(.init(place: item.trade.place, message:
                        "Buying \(item.quantity) \(item.trade.symbol) leaves \(book.id) with "
                            + "\(cash.formatted) of cash; cash may not go below zero."))
                }
            }
        }
        guard problems.isEmpty else { throw .input(problems) }
        return (sized, warnings)
    }

    /// The shares `book` holds in its lot `lotID` of `symbol` before any trade: zero when it
    /// has no such lot (a lot holds a positive quantity).
    private static func shares(ofLot lotID: String, _ symbol: String, in book: AccountBook) -> Quantity {
        book.lots(of: symbol).filter { $0.lotID == lotID }.map(\.quantity).sum()
    }

    private func why(_ trade: ManualTrade) -> String {
        let note = trade.note.map { ": \($0)" } ?? ""
        // A lot the PM named is said to be the PM's choice, not the Lot Method's.
        let lot = trade.lotID.map { ", lot \($0) as named" } ?? ""
        return "manual trade (\(trade.place.isEmpty ? "Manual Trades" : trade.place)\(lot))\(note)"
    }

    mutating func applyManualSale(_ item: SizedManualTrade) throws(PlanningError) {
        let symbol = item.trade.symbol
        let reason = why(item.trade)
        let outcome = try sell(symbol, upTo: item.quantity, in: item.account, phase: .manual, access: .all,
                               budget: nil, lot: item.trade.lotID, why: reason)
        books[item.account].manual.insert(symbol)
        // Its identical symbols are not bought in its place (GOOGL for a manual sale of GOOG),
        // unless a manual trade buys them (`buyStop`).
        for twin in universe.families.family(of: symbol).members where twin != symbol {
            books[item.account].manualTwinSales.insert(twin)
        }
        // Blocked lots whose replacements the same trade sells lose nothing (the contract: lots
        // sold in one trade are no replacements): said of the lots a replacement still held
        // disallows, where "part of the loss is disallowed" stood beside $0 disallowed.
        if outcome.forced > 0, !outcome.forcedMatched {
            audit(.manual, books[item.account].id, symbol, rule: "Wash Sale", decision: "Allowed",
                  "A manual sale sells \(outcome.forced) blocked loss lot(s) with the shares that blocked them: lots sold in "
                    + "one trade are no replacements, and no loss is disallowed.")
        } else if outcome.forced > 0 {
            // How much: "part of the loss" stood beside a loss disallowed whole (explore-AS). Not
            // "while replacement shares are held": a purchase sold again since still replaces
            // (explore-DZ).
            let whole = outcome.disallowed >= outcome.forcedLoss
            let howMuch = whole ? "all \(outcome.forcedLoss.formatted) of their loss is disallowed"
                : "\(outcome.disallowed.formatted) of their \(outcome.forcedLoss.formatted) loss is disallowed"
            raise(.warning, "\(books[item.account].id)/\(symbol)",
                  "The manual sale of \(symbol) sells \(outcome.forced) loss lot(s) with replacement shares bought "
                    + "inside their wash-sale window: \(howMuch) (see the Wash Sale sheet).")
            audit(.manual, books[item.account].id, symbol, rule: "Wash Sale", decision: "Forced",
                  "A manual sale is applied as written: blocked loss lots are sold and \(howMuch).")
        }
    }

    mutating func applyManualBuy(_ item: SizedManualTrade) throws(PlanningError) {
        let symbol = item.trade.symbol
        let book = books[item.account]
        // The sale named is the one that opened the window: a family member, which may be
        // another symbol than the one bought (the block's row is the buy's). The warning keeps
        // its place before the buy's own rows, and is worded once the buy is made.
        let window = calendars[householdOfBook[item.account]].buyBlockNamingSale(account: book.id, symbol: symbol, on: asOf)
        var warning: Int?
        if let (record, sold) = window {
            warning = raiseUnworded(.warning, "\(book.id)/\(symbol)")
            // Its own words: the block's row ("No buy of …") read as a refusal beside `Allowed`.
            audit(.manual, book.id, symbol, rule: "Wash Sale", decision: "Allowed",
                  "The manual buy of \(symbol) in \(book.id) is applied as written, inside the window of the loss "
                    + "sale of \(sold) in \(record.conflictAccount) on \(record.conflictDate) (through \(record.windowEnds)): "
                    // Not "that loss": matched earliest sale first, the shares may disallow
                    // another sale's loss than the one whose window is named (explore-BH).
                    + "the shares it matches disallow the losses they replace, earliest sale first (26 USC 1091(a)).")
        }
        let heldBefore = book.position(of: symbol) != nil
        let made = try buy(symbol, quantity: item.quantity, in: item.account, phase: .manual, why: why(item.trade))
        books[item.account].manual.insert(symbol)
        // A stand-in the buy brings in has its row, as one held before the run has: a
        // Replacement bought so counted toward its model symbol, whose band sale then quoted
        // a weight the Drift sheet's did not show, with no row to say why (explore-EJ).
        if !heldBefore, !universe.isHold(symbol), let model = books[item.account].modelSymbol(standingInFor: symbol) {
            audit(.manual, book.id, symbol, rule: "Stand-In", decision: "Counted",
                  "\(symbol) is bought by a manual trade and counts toward the \(model) target in \(book.id).")
        }
        // Nor are its identical symbols sold against it (GOOGL for a manual buy of GOOG), unless
        // a manual trade sold them (the PM moving from one to the other: the phases may go on).
        for twin in universe.families.family(of: symbol).members
        where twin != symbol && !(books[item.account].manual.contains(twin) && books[item.account].sold.contains(twin)) {
            books[item.account].markManualTwinBuy(twin)
        }
        guard let warning, let (record, sold) = window else { return }
        // What the buy costs in losses, said where the PM signs off: each selling account's
        // disallowed loss (the Wash Sale sheet has each sale's), or why there is none.
        let outcome: String
        if !made.byAccount.isEmpty {
            // Each with the sales it is of: the window named above may be another sale's.
            let parts = made.byAccount.map {
                "\($0.amount.formatted) in \($0.account) (of its "
                    + $0.saleDates.map(\.description).joinedAsList + ($0.saleDates.count == 1 ? " sale)" : " sales)")
            }
            outcome = "it is applied as written and disallows earlier losses of \(parts.joined(separator: ", "))"
                + (made.unknown ? ", and one that cannot be worked out (see Needs Approval)" : "")
                + " (see the Wash Sale sheet)."
        } else if made.unknown {
            outcome = "it is applied as written; the loss it disallows cannot be worked out (see Needs Approval)."
        } else {
            outcome = "it is applied as written; the sales' shares are already replaced, so it disallows no loss."
        }
        let message = "The manual buy of \(symbol) falls inside a wash-sale window (\(record.conflictAccount) sold "
            + "\(sold) at a loss on \(record.conflictDate)); " + outcome
        word(warning, message)
    }
}
