/// An account as the wash-sale calendar sees it: its name and whether it is taxed.
public struct HouseholdAccount: Sendable, Hashable {
    /// The account.
    public var account: String
    /// Whether it is taxed (see `AccountType.isTaxed`).
    public var isTaxed: Bool

    /// An account of a household.
    public init(account: String, isTaxed: Bool) {
        self.account = account
        self.isTaxed = isTaxed
    }
}

/// One household's wash-sale calendar (26 USC 1091; Treas. Reg. 1.1091-1): its purchases,
/// its loss sales and their windows, and every block and loss sale as a Wash Sale row.
///
/// Built from the household's lots and Transactions, it matches the Transactions loss
/// sales to their replacements first; the phases then ask it before each buy
/// (`buyBlock`) and each loss sale (`lossSaleBlock`), and tell it what they did
/// (`recordSales`, `recordBuy`, `log`). Dates and order come only from its inputs.
public struct WashSaleCalendar: Sendable {
    /// The household's name.
    public let household: String
    /// Wash Sale Days: the window on each side of a loss sale.
    public let windowDays: Int
    /// The book's families.
    public let families: SecurityFamilies
    /// Every block, loss sale and disallowed loss, in the order they happened.
    public internal(set) var records: [WashSaleRecord] = []

    let taxedByAccount: NameTable<Bool>
    /// The date the run trades on, when given at creation (see `init`).
    let runDate: CivilDate?
    /// The first day of the window that ends on the run date, worked out once: worked out at
    /// each loss piece, loss lot and row, the run date's first and last window days were some
    /// 0.4% of planning's instructions (callgrind).
    let runWindowStart: CivilDate?

    /// The run date's phrases in its Loss Sale rows' notes, worked out once (`runPhrases(on:)`),
    /// and the last day of a loss sale's window on the run date (`ends`).
    let runDatePhrases: RunPhrases?
    /// Held lots acquired before this day are not purchases here: no loss sale's window
    /// reaches them. `nil` when every lot is listed.
    let firstReplacementDay: CivilDate?
    /// Held lots that were not bought (inherited), so no purchase here: a sale of one has no
    /// purchase to take its shares out of.
    var unboughtLots: Set<TaxLot.Key> = []
    var purchases: [Purchase] = [] {
        didSet { purchasesVersion &+= 1 }
    }
    /// Each family met so far by number, every member's symbol pointing to it: one lookup
    /// of a symbol finds its family's purchases and loss sales.
    var familyNumbers = NameTable<Int>()
    /// Each family's purchases in matching order (`isAcquiredEarlier`: date first), kept so
    /// once the calendar is built: a question about a date finds its window's purchases by
    /// halving, already in the order they are matched, and a lot's own purchase among those
    /// of its acquisition day. Sorting a family's purchases at every loss lot took time
    /// growing with the square of a large position's lots (a position of 10,000 lots, a
    /// tenth of them recent, planned in 1.7 s; of 30,000, in 15.8 s).
    var purchaseIndexesByFamily: [FamilyPurchases] = [] {
        didSet { purchasesVersion &+= 1 }
    }
    var lossSales: [LossSale] = []
    /// Each family's first and last loss sale, by family number: its loss sales are chained
    /// from the first through `LossSale.nextOfFamily`, in the order they were added. A list
    /// for each family was made at its first loss sale and let go with the calendar (callgrind:
    /// 0.2% of planning's instructions).
    var lossSaleEndsByFamily: [LossSaleEnds] = []

    /// A family's first and last loss sale (-1: none).
    struct LossSaleEnds: Sendable {
        var first = -1
        var last = -1
    }
    /// The Loss Sale row of each lot sold at a loss in this run, with its summed sale.
    var runLossSaleRows: [RunLossSaleRow] = []

    /// A run Loss Sale row's place in `records`, and the figures of the lot's pieces summed:
    /// numbers alone, where the summed sale was kept whole, its names and tables retained,
    /// and each row let go through its tuple type's description (callgrind).
    struct RunLossSaleRow: Sendable {
        let record: Int
        var quantity: Quantity
        var loss: Money
        var matched: Quantity
        var disallowed: Money
    }
    /// The rows of each lot the run has sold, by account (its place in `taxedByAccount`) and
    /// Lot ID: one table for both, where a table for each hashed a loss piece's Lot ID twice
    /// and each account's two tables were made and let go (callgrind).
    var runRowsOfLot: [NameTable<RunRowsOfLot>] = []
    /// How many lots each account (by its place in `taxedByAccount`) holds when the calendar
    /// is made: room for the lots it may sell in `runRowsOfLot`. Grown from empty, their
    /// Lot IDs were moved to a larger list several times per account (callgrind).
    let heldLotCounts: [Int]

    /// A sold lot's rows: its Loss Sale row, if any, and its latest trade's Lots Sold row.
    struct RunRowsOfLot: Sendable {
        /// Where its Loss Sale row is in `runLossSaleRows`; `nil` before its first loss piece.
        var lossSaleRow: Int?
        /// What the latest trade to sell the lot has sold of it so far (see `recordSales`).
        var tradeRow: TradeRowOfLot
    }

    /// The pieces of a lot one trade has sold, which its Lots Sold row counts as one sale.
    struct TradeRowOfLot: Sendable {
        /// The trade; `nil` for the row of a sale recorded without one, which no trade reads.
        let trade: Int?
        var quantity = Quantity.zero
        var gain = Money.zero
        var matched = Quantity.zero
        var disallowed = Money.zero
        /// What the row's `Disallowed` records gave each replacement purchase, in the order
        /// they were first matched: a later piece splits the row's disallowed loss over them
        /// again, as one sale (see `resplit`).
        var allotments: [Allotment] = []
        /// The trade's pieces at no loss not yet counted on the lot's Loss Sale row (those
        /// before its first loss piece), which the loss piece brings with it.
        var uncountedQuantity = Quantity.zero
        var uncountedGain = Money.zero

        init(trade: Int?) {
            self.trade = trade
        }

        /// One replacement purchase's shares matched to the row, the disallowed loss its
        /// records took, its latest record, and whether that record's shares were split off.
        struct Allotment: Sendable {
            let purchase: Int
            var shares: Quantity
            var disallowed: Money
            var lastRecord: Int
            var splitOff: Bool
        }

        /// The row's last `Disallowed` record whose replacement was not split off as a lot of
        /// its own, where a later piece that matches nothing (and cannot split the row again)
        /// moves the cent by which the row's proportion differs from its pieces' (-1: none).
        var lastRecord: Int { latestRecord(splitOff: false) }
        /// The row's last `Disallowed` record whose replacement was split off (restated), which
        /// takes that cent when no record above does, with the restated lot's basis, while the
        /// run has sold none of that lot (-1: none).
        var lastSplitRecord: Int { latestRecord(splitOff: true) }

        /// The latest record of the purchases whose shares were, or were not, split off (a
        /// purchase's records all are, or none: it is a held lot of a taxed account or not).
        private func latestRecord(splitOff: Bool) -> Int {
            var latest = -1
            for allotment in allotments where allotment.splitOff == splitOff { latest = max(latest, allotment.lastRecord) }
            return latest
        }
    }
    /// What manual buys of the run disallowed of each listed loss sale after it was listed,
    /// by its `Loss Sale` record's place in `records` (see `noteLaterBuy`).
    var laterBuysOfRecord: [Int: LaterBuys] = [:]

    /// The manual buys of the run that replaced shares of a loss sale already listed: the
    /// sentence its row's Note ends with, kept to be put back when the row is written anew.
    struct LaterBuys: Sendable {
        var buyers: [String] = []
        var shares = Quantity.zero
        var disallowed = Money.zero
        var unknown = false
        var buys = 0
        var sentence = ""
    }

    /// Held lots of taxed accounts that a loss sale of this run was matched to, not yet
    /// restated by the planner (`takeRestatements`).
    var pendingRestatements: [Restatement] = []
    /// Cents a later piece of a trade's row moved into a `Disallowed` record whose
    /// replacement was restated, for the planner to add to the restated lot's basis
    /// (`takeBasisAmendments`).
    var pendingAmendments: [BasisAmendment] = []
    /// The lot each restated `Disallowed` record's shares became, by the record's place in
    /// `records` (see `noteRestated`).
    var restatedLotOfRecord: [Int: TaxLot.Key] = [:]
    /// Restated lots the run has sold from since they were restated: their basis is spent
    /// (in part or whole), and a cent is no longer moved into it.
    var soldRestatedLots: Set<TaxLot.Key> = []
    /// The purchase of each lot restated in this run (its date, or its Lot ID, changed), by
    /// the lot's key: a restated lot is found by it, not by its acquisition day.
    var restatedPurchases = RestatedPurchases() {
        didSet { purchasesVersion &+= 1 }
    }

    /// Purchases by the key of a lot restated in this run, found by the lot's Lot ID in a
    /// table of names, then by its account: a `Dictionary` keyed by the lot's key ran the
    /// standard hasher over both names, some 530 instructions a question (callgrind).
    struct RestatedPurchases: Sendable {
        private var byLotID = NameTable<[Entry]>()

        /// A restated lot of one Lot ID: its account and its purchase.
        private struct Entry: Sendable {
            let account: String
            var purchase: Int
        }

        var isEmpty: Bool { byLotID.isEmpty }

        /// The purchase of lot `lotID` in `account`, when it is restated.
        func purchase(account: String, lotID: String) -> Int? {
            guard !byLotID.isEmpty, let entry = byLotID.index(of: lotID) else { return nil }
            return byLotID[at: entry].first { $0.account == account }?.purchase
        }

        /// The purchase of `lot`, when it is restated.
        subscript(lot: TaxLot.Key) -> Int? { purchase(account: lot.account, lotID: lot.lotID) }

        /// Makes `purchase` the purchase of `lot`.
        mutating func set(_ purchase: Int, for lot: TaxLot.Key) {
            let entry = byLotID.index(of: lot.lotID) { [] }
            if let place = byLotID[at: entry].firstIndex(where: { $0.account == lot.account }) {
                byLotID[at: entry][place].purchase = purchase
            } else {
                byLotID[at: entry].append(Entry(account: lot.account, purchase: purchase))
            }
        }
    }
    /// Held lots that are fills of one Transactions buy (its day's lots in the account, the
    /// buy the day's only one and of no fewer shares): each lot by key, with the others of its
    /// buy. They are one purchase, so none replaces another's loss sale, as a lot's own
    /// purchase never does (Rev. Rul. 56-602). Read apart, a custodian's two fills of one
    /// order blocked each other's loss sale and a $5,000 harvest was lost (explore-EO).
    /// Empty in most books.
    var fillsOfOneBuy: [TaxLot.Key: [TaxLot.Key]] = [:]
    /// Counts every change to the purchases, their order and the restated ones: a family's
    /// window read for one version (`windows`) is read again after any change.
    var purchasesVersion = 0
    /// Large windows' purchases with replacement shares, by family number, each read once
    /// for every loss lot asked about until a purchase changes (see `cachedReplacementSummary`).
    var windows: [Int: WindowEntries] = [:]

    /// Shares of a held lot of a taxed account that a loss sale of this run was matched to:
    /// the disallowed loss allotted to them goes into their basis, and their holding period
    /// runs from the sold lot's (26 USC 1091(d), 1223(3)).
    public struct Restatement: Sendable, Hashable {
        /// The replacement lot.
        public let lot: TaxLot.Key
        public let symbol: String
        /// Its shares matched to the loss.
        public let shares: Quantity
        /// The part of the disallowed loss added to their basis.
        public let addedBasis: Money
        /// The date their holding period runs from.
        public let holdingPeriodFrom: CivilDate
        /// The loss sale's lot and account.
        public let soldLot: TaxLot.Key
        /// The sold shares' term: long-term ones bring a holding period of more than a year,
        /// whether their dates or a Lots Term mark said so.
        public let soldTerm: Term
        /// The place in `records` of the `Disallowed` record that matched them.
        public let record: Int
    }

    /// A cent (either way) of disallowed loss that a later piece of a trade's row moved into
    /// the basis of a lot restated at an earlier piece (see `recordSale`).
    public struct BasisAmendment: Sendable, Hashable {
        /// The restated lot.
        public let lot: TaxLot.Key
        public let symbol: String
        /// Added to its basis (negative: taken off).
        public let amount: Money
        /// The `Disallowed` record's disallowed loss now: what the lot's restatement added.
        public let addedBasis: Money
    }

    /// The calendar of `household` before the run.
    ///
    /// - Parameters:
    ///   - accounts: the household's accounts; lots and transactions of other accounts are ignored.
    ///   - windowDays: Wash Sale Days (30 or more; the reader rejects fewer).
    ///   - lots: the held lots. A Transactions buy with a lot's account, symbol and date is
    ///     that lot: a purchase counts once.
    ///   - transactions: the Transactions sheet. Its loss sales in taxed accounts open
    ///     windows and are matched to replacements here, earliest sale first.
    ///   - runDate: the one date the run sells and buys on, when known. A held lot acquired
    ///     more than Wash Sale Days before it and before every Transactions sale can replace
    ///     no loss sale, so it is not listed as a purchase; the calendar is then asked about
    ///     that date only. `nil` lists every lot and allows any date.
    public init<Lots: RandomAccessCollection<TaxLot>>(
        household: String, accounts: [HouseholdAccount], families: SecurityFamilies,
        windowDays: Int = 30, lots: Lots, transactions: [Transaction], runDate: CivilDate? = nil
    ) {
        self.init(household: household, accounts: accounts, families: families, windowDays: windowDays, lots: lots,
                  transactions: transactions, runDate: runDate, holds: nil, lotCounts: nil)
    }

    /// The calendar `init(household:accounts:families:windowDays:lots:transactions:runDate:)`
    /// makes. `holds`, when given, tells whether a lot of `lots` is of a symbol: the planner's
    /// books have each symbol's lots already, where the calendar listed every lot's symbol
    /// again to ask (callgrind: 1% of planning's instructions). `lotCounts`, when given, says
    /// that `lots` are all of the household's accounts, and how many each of `accounts` holds:
    /// the planner has counted them, where each lot's account was looked up again here
    /// (callgrind: 0.5% of planning's instructions).
    init<Lots: RandomAccessCollection<TaxLot>>(
        household: String, accounts: [HouseholdAccount], families: SecurityFamilies,
        windowDays: Int, lots: Lots, transactions: [Transaction], runDate: CivilDate?, holds: ((String) -> Bool)?,
        lotCounts: [Int]?
    ) {
        precondition(windowDays >= 30, "Wash Sale Days below 30 is an input error")
        // Room for the rows a run is likely to add, a guess: a row per Transactions row, and
        // one per three lots (the firm book makes about one per five; with room for one per
        // four, 10 of the 100-account book's 37 households moved their rows to a larger list,
        // 0.2% of its instructions). Grown from empty by doubling, the rows were moved to a
        // larger list 2,613 times in the firm book, some 0.8% of its instructions (callgrind).
        // Room never written is never touched.
        records.reserveCapacity(transactions.count + lots.count / 3)
        // Room for its loss sales and the run's Loss Sale rows, a guess as well: the 100-account
        // book sells one lot in nine at a loss.
        lossSales.reserveCapacity(transactions.count + lots.count / 8)
        runLossSaleRows.reserveCapacity(lots.count / 8)
        self.household = household
        self.windowDays = windowDays
        self.families = families
        self.runDate = runDate
        runWindowStart = runDate.map { $0.adding(days: -windowDays) }
        runDatePhrases = runDate.map { RunPhrases(date: $0, ends: $0.adding(days: windowDays)) }
        var taxed = NameTable<Bool>(minimumCapacity: accounts.count)
        for account in accounts { taxed.set(account.isTaxed, for: account.account) }
        taxedByAccount = taxed
        // The planner passes only the household's own lots; others are dropped here.
        var counts = [Int](repeating: 0, count: taxed.count)
        let ownLots: Bool
        if let lotCounts {
            for member in accounts.indices { counts[taxed.index(of: accounts[member].account)!] = lotCounts[member] }
            ownLots = true
        } else {
            // Asked once per run of one account's lots.
            var entryOfAccount = RunLookup<Int>()
            ownLots = lots.indices.allSatisfy { index in
                guard let entry = entryOfAccount.value(for: lots[index].account, { taxed.index(of: $0) }) else { return false }
                counts[entry] += 1
                return true
            }
        }
        heldLotCounts = counts
        // Rows read where they are stored, and filtered only when some are of other accounts:
        // `filter` and a lazy filter's test copied every row, its names retained (callgrind).
        let ownTransactions = transactions.indices.allSatisfy { taxed.index(of: transactions[$0].account) != nil }
        let transactions = ownTransactions ? transactions : transactions.filter { taxed.index(of: $0.account) != nil }
        firstReplacementDay = runDate.map { runDate in
            var first = runDate
            for index in transactions.indices where transactions[index].side == .sell {
                first = min(first, transactions[index].date)
            }
            return first.adding(days: -windowDays)
        }
        // Room for the families met, a guess: one per four lots and one per Transactions row
        // (the 100-account book has one per four or five lots). Grown from empty, the lists
        // of families were moved to a larger list, and the table of their symbols placed its
        // names again, several times per household (callgrind).
        let familyRoom = lots.count / 4 + transactions.count
        familyNumbers = NameTable(minimumCapacity: familyRoom)
        purchaseIndexesByFamily.reserveCapacity(familyRoom)
        lossSaleEndsByFamily.reserveCapacity(familyRoom)
        if ownLots {
            addPurchases(lots: lots, transactions: transactions, holds: holds)
        } else {
            addPurchases(lots: lots.filter { taxed.index(of: $0.account) != nil }, transactions: transactions, holds: holds)
        }
        sortPurchases()
        let sells = addTransactionLossSales(transactions)
        attributeSoldShares(sells, of: transactions)
        matchTransactionLossSales()
    }

    /// Stops the run when the calendar, made for one run date, is asked about another.
    /// Inlined (see `entry(of:)`), its message worded apart.
    @inline(__always)
    func requireRunDate(_ date: CivilDate) {
        if let runDate, runDate != date { WashSaleCalendar.stop(runDate: runDate) }
    }

    private static func stop(runDate: CivilDate) -> Never {
        preconditionFailure("the calendar was made for a run on \(runDate)")
    }

    /// Whether `account` is one of the household's taxed accounts. Inlined (see `entry(of:)`).
    @inline(__always)
    func isTaxed(_ account: String) -> Bool {
        taxedByAccount[at: entry(of: account)]
    }

    /// `account`'s place in `taxedByAccount`; it must be one of the household's accounts.
    ///
    /// Inlined, as are the few questions below that the phases ask at every lot and buy: a
    /// method of the calendar called from a mutating one, or through `inCalendar`, is handed
    /// a copy of the whole calendar (a `memcpy` of its 376 bytes at each call; callgrind).
    @inline(__always)
    func entry(of account: String) -> Int {
        guard let entry = taxedByAccount.index(of: account) else {
            WashSaleCalendar.stop(account: account, household: household)
        }
        return entry
    }

    private static func stop(account: String, household: String) -> Never {
        preconditionFailure("account \(account) is not in household \(household)")
    }

    /// The last day a loss sale on `date` blocks buys: `date` + Wash Sale Days. Inlined (see
    /// `entry(of:)`).
    @inline(__always)
    public func windowEnd(ofLossSaleOn date: CivilDate) -> CivilDate {
        if let runDatePhrases, date == runDate { return runDatePhrases.ends }
        return date.adding(days: windowDays)
    }

    /// The first day of the window that ends on `date`: `date` − Wash Sale Days. Inlined (see
    /// `entry(of:)`).
    @inline(__always)
    func windowStart(endingOn date: CivilDate) -> CivilDate {
        if let runWindowStart, date == runDate { return runWindowStart }
        return date.adding(days: -windowDays)
    }

    /// Adds a block the phase acted on (a buy not made, a loss lot skipped) to `records`. The
    /// record is taken and moved there: copied, it was copied whole and let go (callgrind).
    public mutating func log(_ record: consuming WashSaleRecord) {
        records.append(record)
    }

    /// The records, taken out (the calendar is left with none): held once, they can be moved.
    mutating func takeRecords() -> [WashSaleRecord] {
        var taken: [WashSaleRecord] = []
        swap(&taken, &records)
        return taken
    }
}

extension WashSaleCalendar {
    /// Shares a purchase still offers as replacements: a count, or any number when its
    /// size is unknown (a Transactions buy without Quantity).
    enum Shares: Sendable, Hashable {
        case count(Quantity)
        case unlimited

        var isPositive: Bool {
            if case .count(let count) = self { return count > .zero }
            return true
        }

        /// The count, or `nil` when unlimited.
        var count: Quantity? {
            if case .count(let count) = self { return count }
            return nil
        }

        /// At most `wanted` of these shares.
        func taking(upTo wanted: Quantity) -> Quantity {
            if case .count(let count) = self { return .min(count, wanted) }
            return wanted
        }
    }

    /// A purchase of a family member in the household: a held lot, a Transactions buy that
    /// is no held lot, or a buy of this run.
    struct Purchase: Sendable {
        enum Origin: Sendable { case heldLot, transaction, run }

        let origin: Origin
        let account: String
        let symbol: String
        let date: CivilDate
        let lotID: String?
        /// Shares bought; `nil` when unknown.
        let bought: Quantity?
        /// Shares still held (held lots and run buys).
        var held: Quantity
        /// Shares matched to loss sales, each share once.
        var matched: Quantity = .zero
        /// Of a held lot's or run buy's matched shares, those still held: matched to
        /// Transactions loss sales before the run, and to loss sales and manual buys of the
        /// run. A sale of the lot is taken to sell the shares matched before the run first
        /// (the sale is not told which); shares a run's loss sale matches in a held lot of a
        /// taxed account become a lot of their own (`splitsMatched`), sold under its key.
        var matchedHeldBeforeRun: Quantity = .zero
        var matchedHeldInRun: Quantity = .zero
        /// Whether shares matched in the run were restated as a lot of their own.
        var splitsMatched = false
        /// Shares not held that Transactions sales are taken to have sold, first in first out.
        var soldBeforeRun: Quantity = .zero
        /// The cost of `costShares` of these shares, when known. A held lot's is what stays
        /// of its basis and shares under its own Lot ID as the run sells some and restates
        /// some, so that the basis a replacement's shares take is the one the planner's lot
        /// gives them.
        var cost: Money?
        var costShares: Quantity
        /// A Transactions buy's price, when its shares' cost is that price × shares: the
        /// buy's own, or the one price a day's buys beyond its held lots all paid.
        var price: Price? = nil

        /// Unmatched shares that can replace a loss sale judged now: a held lot's or run
        /// buy's only while held, unmatched and not planned for sale in the same trade
        /// (`plannedOwn` shares under its own Lot ID, `plannedRestated` under a restated
        /// lot's); a Transactions buy's whether or not still held, as the acquisition is what
        /// counts.
        func replacementShares(plannedOwn: Quantity = .zero, plannedRestated: Quantity = .zero) -> Shares {
            switch origin {
            case .heldLot, .run:
                let matched = matchedHeld(afterSellingOwn: plannedOwn, restated: plannedRestated)
                return .count(.max(.zero, held - plannedOwn - plannedRestated - matched.beforeRun - matched.inRun))
            case .transaction:
                guard let bought else { return .unlimited }
                return .count(.max(.zero, bought - matched))
            }
        }

        /// Matches `shares` of these, held, to a loss: before the run or in it.
        mutating func match(_ shares: Quantity, inRun: Bool) {
            matched += shares
            guard origin != .transaction else { return }
            if inRun { matchedHeldInRun += shares } else { matchedHeldBeforeRun += shares }
        }

        /// Takes `sold` shares out of those held: a restated lot's are shares matched in the
        /// run; the lot's own are its shares matched before the run first, then (unless the
        /// run's matched shares were split off) those matched in the run, then unmatched ones.
        /// `basis`, for a sale under the lot's own ID: the basis the sale relieves.
        mutating func takeOut(_ sold: Quantity, ofRestatedLot restated: Bool, basis: Money? = nil) {
            guard sold > .zero else { return }
            held -= sold
            if !restated, origin == .heldLot, let basis { relieve(sold, basis: basis) }
            (matchedHeldBeforeRun, matchedHeldInRun) = restated
                ? matchedHeld(afterSellingOwn: .zero, restated: sold)
                : matchedHeld(afterSellingOwn: sold, restated: .zero)
        }

        /// The matched shares still held after selling `own` shares under the lot's own Lot
        /// ID and `restated` under a restated lot's (as `takeOut` takes them out).
        private func matchedHeld(afterSellingOwn own: Quantity, restated: Quantity)
            -> (beforeRun: Quantity, inRun: Quantity) {
            let fromBefore = Quantity.min(own, matchedHeldBeforeRun)
            var inRun = splitsMatched ? matchedHeldInRun : .max(.zero, matchedHeldInRun - (own - fromBefore))
            inRun = .max(.zero, inRun - restated)
            return (matchedHeldBeforeRun - fromBefore, inRun)
        }

        /// Whether this is the purchase of `lot` (a held lot or a run buy; a Transactions
        /// buy names no lot).
        func isPurchase(of lot: TaxLot.Key) -> Bool {
            lotID == lot.lotID && account == lot.account
        }

        /// Takes `shares` and their `basis` out of what stays under the lot's own Lot ID.
        mutating func relieve(_ shares: Quantity, basis: Money) {
            guard let left = cost else { return }
            cost = .max(.zero, left - basis)
            costShares = .max(.zero, costShares - shares)
        }

        /// The cost of `shares` of these shares, when known.
        func cost(of shares: Quantity) -> Money? {
            if let price { return price.value(of: shares) }
            guard let cost, costShares > .zero else { return nil }
            return cost.scaled(by: shares.micros, over: costShares.micros)
        }
    }

    /// A loss sale in a taxed account: from Transactions, or made in this run.
    struct LossSale: Sendable {
        let isFromTransactions: Bool
        let account: String
        let symbol: String
        let date: CivilDate
        /// Shares sold; `nil` when the Transactions row lacks Quantity.
        let quantity: Quantity?
        /// The loss as a size; `nil` when the row's Realized Gain is blank.
        let loss: Money?
        let term: Term
        /// The sold lot's acquisition date, known for run sales.
        let acquired: CivilDate?
        let lotID: String?
        /// Sold shares already matched to replacement shares.
        var matched: Quantity = .zero
        /// Its `Loss Sale` record's place in `records`, once listed.
        var record: Int?
        /// The next loss sale of its family, in the order they were added (-1: none).
        var nextOfFamily = -1
        /// The part of `matched` the run's buys matched: a Transactions sale's disallowed loss
        /// in the run is figured on it alone (loss × matched / sold, as the contract writes
        /// it), the shares matched before the run being the custodian's to account for.
        var matchedInRun: Quantity = .zero
        /// Purchases (by index) whose shares this Transactions sale sold: never its replacements.
        var ownShares = [Int: Quantity]()
        /// Of the shares matched before the run, those bought in another account of the
        /// household, by account in the order first matched: a custodian applies the wash-sale
        /// rule within one account, so the Realized YTD it reports may still count that part
        /// of the loss.
        var matchedElsewhere: [(account: String, shares: Quantity)] = []
    }

    /// Whether purchase `a` was acquired before purchase `b`: the matching order (date; within
    /// a day, the book's purchases by account, symbol, Lot ID, then input order, and the run's
    /// buys after them, in the order the run made them).
    ///
    /// A run buy is made on its day after every purchase the book records for that day, so
    /// those are matched first (Treas. Reg. 1.1091-1(b): earliest acquisition first). Placed
    /// among them by Lot ID, `GOT-bought-1` would come before the held lot `GOT-r3` bought
    /// earlier that day (generated small book 24098).
    /// The purchases are read where they are stored: copied out, each comparison retained
    /// their names.
    static func isAcquiredEarlier(_ a: Int, _ b: Int, in purchases: [Purchase]) -> Bool {
        if purchases[a].date != purchases[b].date { return purchases[a].date < purchases[b].date }
        let aRun = purchases[a].origin == .run, bRun = purchases[b].origin == .run
        if aRun || bRun { return aRun == bRun ? a < b : bRun }
        if purchases[a].account != purchases[b].account { return purchases[a].account < purchases[b].account }
        if purchases[a].symbol != purchases[b].symbol { return purchases[a].symbol < purchases[b].symbol }
        if purchases[a].lotID != purchases[b].lotID {
            return LotIDOrder.precedes(purchases[a].lotID ?? "", purchases[b].lotID ?? "")
        }
        return a < b
    }

    /// Adds a purchase while the calendar is built; `sortPurchases` then puts each family's
    /// in matching order.
    private mutating func appendPurchase(_ purchase: consuming Purchase) {
        let index = purchases.count
        let family = familyNumber(of: purchase.symbol)
        purchases.append(purchase)
        purchaseIndexesByFamily[family].append(index)
    }

    /// Each family's purchases in matching order, once they are all added.
    private mutating func sortPurchases() {
        for family in purchaseIndexesByFamily.indices where purchaseIndexesByFamily[family].count > 1 {
            purchaseIndexesByFamily[family] = FamilyPurchases(purchaseIndexesByFamily[family].sortedByAcquisition(in: purchases))
        }
    }

    /// Adds a purchase of the run at its place in its family's matching order; returns its
    /// index and its family's number. The purchase is taken and moved into the list: copied,
    /// its names were retained and the copy let go (callgrind).
    mutating func insertPurchase(_ purchase: consuming Purchase) -> (index: Int, family: Int) {
        let index = purchases.count
        let family = familyNumber(of: purchase.symbol)
        purchases.append(purchase)
        // The first of the family's purchases acquired after this one: the run's buys come
        // last but for those of their own day, so the search starts from the end.
        var place = purchaseIndexesByFamily[family].endIndex
        while place > 0, WashSaleCalendar.isAcquiredEarlier(index, purchaseIndexesByFamily[family][place - 1], in: purchases) {
            place -= 1
        }
        purchaseIndexesByFamily[family].insert(index, at: place)
        return (index, family)
    }

    /// The first place in `family` (purchase indexes in matching order) of a purchase
    /// acquired on or after `date`; `family.endIndex` when there is none. Inlined (see
    /// `entry(of:)`).
    @inline(__always)
    func firstPlace(in family: FamilyPurchases, acquiredOnOrAfter date: CivilDate) -> Int {
        var low = 0, high = family.count
        while low < high {
            let middle = (low + high) / 2
            if purchases[family[middle]].date < date { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of `symbol`'s family, numbering it (every member) when first met.
    mutating func familyNumber(of symbol: String) -> Int {
        let next = purchaseIndexesByFamily.count
        var isNew = false
        let entry = familyNumbers.index(of: symbol) { isNew = true; return next }
        guard isNew else { return familyNumbers[at: entry] }
        purchaseIndexesByFamily.append(FamilyPurchases())
        lossSaleEndsByFamily.append(LossSaleEnds())
        // The members read where the families keep them: a family made for the symbol, its
        // names retained and let go, cost more than the rest of a new family (callgrind).
        if let members = families.groupMembers(of: symbol) {
            for member in members where member != symbol { familyNumbers.set(next, for: member) }
        }
        return next
    }

    /// The purchases of `symbol`'s family, in matching order once the calendar is built.
    @inline(__always)
    func purchaseIndexes(ofFamilyOf symbol: String) -> FamilyPurchases {
        familyNumbers[symbol].map { purchaseIndexesByFamily[$0] } ?? FamilyPurchases()
    }

    /// The accounts other than `account` that bought `symbol`'s family in this run and still
    /// hold shares of it not matched to a loss, in the order of their first such buy.
    func runBuyers(ofFamilyOf symbol: String, besides account: String) -> [String] {
        var buyers: [String] = []
        for index in purchaseIndexes(ofFamilyOf: symbol) {
            let purchase = purchases[index]
            guard purchase.origin == .run, purchase.account != account, purchase.held > purchase.matched,
                  !buyers.contains(purchase.account) else { continue }
            buyers.append(purchase.account)
        }
        return buyers
    }

    /// The first loss sale of `symbol`'s family (-1: none); the next of each is its
    /// `nextOfFamily`, in the order they were added.
    @inline(__always)
    func firstLossSale(ofFamilyOf symbol: String) -> Int {
        familyNumbers[symbol].map { lossSaleEndsByFamily[$0].first } ?? -1
    }

    /// Adds a loss sale of the family numbered `family` (`familyNumber(of: sale.symbol)`).
    mutating func appendLossSale(_ sale: consuming LossSale, family: Int) -> Int {
        let index = lossSales.count
        lossSales.append(sale)
        let last = lossSaleEndsByFamily[family].last
        if last < 0 { lossSaleEndsByFamily[family].first = index } else { lossSales[last].nextOfFamily = index }
        lossSaleEndsByFamily[family].last = index
        return index
    }

    /// Held lots, then the Transactions buys that are no held lot (in row order). `holds`,
    /// when given, tells whether a lot of `lots` is of a symbol.
    private mutating func addPurchases(
        lots: some RandomAccessCollection<TaxLot>, transactions: [Transaction], holds: ((String) -> Bool)?
    ) {
        // The buys by their places in `transactions`: a list of them copied each row (callgrind).
        let buys = transactions.indices.filter { transactions[$0].side == .buy }
        // The Transactions buys grouped by account, symbol and day, each group with the
        // shares the held lots of that day hold: only those days' lots are summed (those
        // days are recent, most lots are older: the range is asked first).
        // A group is found by its symbol's number, its account's place in `taxedByAccount` and
        // its day: names are hashed by tables of names alone (a `Dictionary` keyed by the names
        // ran the standard hasher over both; a list of a symbol's groups, searched at every buy,
        // took time growing with the square of ten years of daily buys). A group's buys are
        // chained by their places in `buys` (`nextBuyOfGroup`): a list of buys in each group
        // and a table of days under each symbol made several allocations per buy and copied
        // each buy (callgrind: 0.23% of planning's instructions).
        var symbolNumbers = NameTable<Void>()
        // Made with its room: `reserveCapacity` of a `Dictionary` runs unspecialized, its
        // type's metadata looked up by name at each call (callgrind: 9,000 instructions a call).
        var groupOfKey = [BuyKey: Int](minimumCapacity: buys.count)
        // Room for a group per buy, and below for a held lot per buy: grown from empty, the
        // lists were moved several times per household (callgrind).
        var groups: [BuyGroup] = []
        groups.reserveCapacity(buys.count)
        var nextBuyOfGroup = [Int](repeating: -1, count: buys.count)
        var groupOfBuy: [Int] = []
        groupOfBuy.reserveCapacity(buys.count)
        var firstBuy: CivilDate?, lastBuy: CivilDate?
        // A buy under a symbol no lot of the household holds, grouped with one symbol that a
        // lot does hold (a ticker change the Securities sheet groups: `Buy FB` in the history,
        // its shares held as META), is grouped as a buy of that symbol: read apart, it was a
        // second purchase of the same shares (explore-AS). Share classes both held (GOOG and
        // GOOGL) stay apart: a buy of one is not a lot of the other.
        // (Without `holds`, a set of the household's symbols, made at its first such buy: a
        // `Set` was 2.6% of planning's instructions, callgrind. Made with room for a symbol per
        // two lots, where the 100-account book has one per three: grown from empty, it placed
        // its names again several times per household, some 0.17% of planning's instructions.)
        var heldSymbols: NameSet?
        let families = self.families
        func isHeld(_ symbol: String) -> Bool {
            if let holds { return holds(symbol) }
            if heldSymbols == nil {
                var held = NameSet(minimumCapacity: lots.count / 2)
                for index in lots.indices { held.insert(lots[index].symbol) }
                heldSymbols = held
            }
            return heldSymbols!.contains(symbol)
        }
        func heldSymbol(for symbol: String) -> String {
            guard let members = families.groupMembers(of: symbol), !isHeld(symbol) else { return symbol }
            let held = members.filter { isHeld($0) }
            return held.count == 1 ? held[0] : symbol
        }
        for number in buys.indices {
            let row = buys[number]
            let symbol = symbolNumbers.index(of: heldSymbol(for: transactions[row].symbol)) { () }
            let key = BuyKey(symbol: symbol, account: entry(of: transactions[row].account), date: transactions[row].date)
            let group: Int
            if let known = groupOfKey[key] {
                group = known
                nextBuyOfGroup[groups[group].lastBuy] = number
                groups[group].lastBuy = number
                groups[group].buyCount += 1
            } else {
                group = groups.count
                groupOfKey[key] = group
                groups.append(BuyGroup(firstBuy: number))
            }
            groupOfBuy.append(group)
            let date = transactions[row].date
            if firstBuy.map({ date < $0 }) ?? true { firstBuy = date }
            if lastBuy.map({ date > $0 }) ?? true { lastBuy = date }
        }
        /// The buys of `group`, in the order of `buys`.
        func buysOf(_ group: Int) -> [Transaction] {
            var members: [Transaction] = []
            members.reserveCapacity(groups[group].buyCount)
            var buy = groups[group].firstBuy
            while buy >= 0 {
                members.append(transactions[buys[buy]])
                buy = nextBuyOfGroup[buy]
            }
            return members
        }
        purchases.reserveCapacity(lots.count + transactions.count)
        // The held lots of the groups' days, in one list, each with the next of its group (-1:
        // none), as the buys are chained: a list of lots in each group was made and let go, the
        // groups then destroyed one by one (callgrind: 0.25% of planning's instructions).
        var groupLots: [TaxLot.Key] = [], nextLotOfGroup: [Int] = []
        groupLots.reserveCapacity(buys.count)
        nextLotOfGroup.reserveCapacity(buys.count)
        // Asked once per run of one account's lots.
        var entryOfAccount = RunLookup<Int>()
        // Each lot read where it is stored, not copied whole.
        for index in lots.indices {
            // Inherited shares were not bought: no loss sale's replacement, and no Transactions
            // buy of their day is them.
            guard !lots[index].inherited else {
                unboughtLots.insert(lots[index].id)
                continue
            }
            let acquired = lots[index].acquired
            if firstReplacementDay.map({ acquired >= $0 }) ?? true {
                appendPurchase(Purchase(
                    origin: .heldLot, account: lots[index].account, symbol: lots[index].symbol,
                    date: acquired, lotID: lots[index].lotID, bought: lots[index].quantity,
                    held: lots[index].quantity, cost: lots[index].costBasis, costShares: lots[index].quantity))
            }
            // A lot too old to list still tells whether a Transactions buy of its day is it.
            guard let firstBuy, let lastBuy, acquired >= firstBuy, acquired <= lastBuy,
                  let symbol = symbolNumbers.index(of: lots[index].symbol),
                  let account = entryOfAccount.value(for: lots[index].account, { taxedByAccount.index(of: $0) }),
                  let group = groupOfKey[BuyKey(symbol: symbol, account: account, date: acquired)]
            else { continue }
            groups[group].held = (groups[group].held ?? .zero) + lots[index].quantity
            let place = groupLots.count
            groupLots.append(lots[index].id)
            nextLotOfGroup.append(-1)
            if groups[group].lotCount > 0 { nextLotOfGroup[groups[group].lastLot] = place } else { groups[group].firstLot = place }
            groups[group].lastLot = place
            groups[group].lotCount += 1
        }
        // The groups and buys are read where they are stored: a group copied out of the list
        // was copied through its type's description, field by field (callgrind).
        for group in groups.indices where groups[group].buyCount == 1 && groups[group].lotCount > 1 {
            if let bought = transactions[buys[groups[group].firstBuy]].quantity, let held = groups[group].held, bought < held { continue }
            var members: [TaxLot.Key] = []
            members.reserveCapacity(groups[group].lotCount)
            var lot = groups[group].firstLot
            while lot >= 0 {
                members.append(groupLots[lot])
                lot = nextLotOfGroup[lot]
            }
            for member in members { fillsOfOneBuy[member] = members.filter { $0 != member } }
        }
        for number in buys.indices {
            let group = groupOfBuy[number], row = buys[number]
            if let held = groups[group].held {
                // Those lots are this purchase; shares bought beyond them were sold since.
                guard !groups[group].listed else { continue }
                groups[group].listed = true
                // The day's buys read along their chain where they are stored, stopping at one of
                // unknown size: listed, each buy was copied, at every day of held lots (callgrind).
                var bought: Quantity? = .zero
                var buy = groups[group].firstBuy
                while buy >= 0, let sum = bought {
                    bought = transactions[buys[buy]].quantity.map { sum + $0 }
                    buy = nextBuyOfGroup[buy]
                }
                guard let bought, bought > held else { continue }
                let sameDay = buysOf(group)
                // Which of the day's shares were sold is not known: their cost is known only
                // when every buy of the day paid one price, as a lone Transactions buy's is
                // (generated small book 28065).
                let prices = sameDay.compactMap(\.price)
                let onePrice = prices.count == sameDay.count && prices.dropFirst().allSatisfy { $0 == prices[0] }
                appendPurchase(Purchase(
                    origin: .transaction, account: transactions[row].account, symbol: transactions[row].symbol,
                    date: transactions[row].date, lotID: nil, bought: bought - held, held: .zero,
                    cost: nil, costShares: .zero, price: onePrice ? prices.first : nil))
            } else {
                appendPurchase(Purchase(
                    origin: .transaction, account: transactions[row].account, symbol: transactions[row].symbol,
                    date: transactions[row].date, lotID: nil, bought: transactions[row].quantity, held: .zero,
                    cost: nil, costShares: .zero, price: transactions[row].quantity == nil ? nil : transactions[row].price))
            }
        }
    }

    /// Adds the loss sales of taxed accounts; returns every sale (its place in `transactions`),
    /// earliest first, with its loss-sale index. The rows are read where they are stored:
    /// `enumerated().filter` copied every row, and each sale was copied twice more (callgrind).
    private mutating func addTransactionLossSales(_ transactions: [Transaction]) -> [(row: Int, lossSale: Int?)] {
        let sells = transactions.indices.filter { transactions[$0].side == .sell }
            .sorted { (transactions[$0].date, $0) < (transactions[$1].date, $1) }
        return sells.map { row in
            guard transactions[row].isLossSale, isTaxed(transactions[row].account) else { return (row, nil) }
            let family = familyNumber(of: transactions[row].symbol)
            let index = appendLossSale(LossSale(
                isFromTransactions: true, account: transactions[row].account, symbol: transactions[row].symbol,
                date: transactions[row].date, quantity: transactions[row].quantity,
                loss: transactions[row].realizedGain.map(\.magnitude), term: transactions[row].term ?? .shortTerm,
                acquired: nil, lotID: nil), family: family)
            return (row, index)
        }
    }

    /// Transactions name no lots, so each sale is taken to have sold its account's earliest
    /// purchases of the symbol that are no longer held (first in, first out, the rule for
    /// unidentified shares, Treas. Reg. 1.1012-1(c)). Those are never its own replacements.
    ///
    /// Each account and symbol's purchases are listed once, in matching order, with the first
    /// of them a sale may still take (`bought` known and all of it taken stays so): scanned
    /// from the family's first purchase at every sale, ten years of one account's trades
    /// (140,000 sales) took time growing with the square of its rows.
    private mutating func attributeSoldShares(_ sells: [(row: Int, lossSale: Int?)], of transactions: [Transaction]) {
        struct Holder: Hashable {
            let account: String
            let symbol: String
        }
        // Made with room for a holder per sale: grown, the table looked its type up by name at
        // each growth (callgrind: 6,000 instructions each).
        var listed = [Holder: (purchases: [Int], first: Int)](minimumCapacity: sells.count)
        for (row, lossSale) in sells {
            let sell = transactions[row]
            guard var remaining = sell.quantity else { continue }
            let holder = Holder(account: sell.account, symbol: sell.symbol)
            if listed[holder] == nil {
                let own = purchaseIndexes(ofFamilyOf: sell.symbol).filter {
                    purchases[$0].account == sell.account && purchases[$0].symbol == sell.symbol
                }
                listed[holder] = (own, 0)
            }
            let (own, first) = listed[holder]!
            var exhausted = first
            for place in first..<own.endIndex {
                let index = own[place]
                guard remaining > .zero, purchases[index].date <= sell.date else { break }
                let purchase = purchases[index]
                var notHeld = purchase.bought.map { $0 - purchase.held - purchase.soldBeforeRun }
                let taken = notHeld.map { Quantity.min(remaining, $0) } ?? remaining
                if taken > .zero {
                    purchases[index].soldBeforeRun += taken
                    if let lossSale { lossSales[lossSale].ownShares[index, default: .zero] += taken }
                    remaining -= taken
                    notHeld = notHeld.map { $0 - taken }
                }
                // Purchases from the first one a sale may still take are read from now on.
                if exhausted == place, let left = notHeld, left <= .zero { exhausted += 1 }
            }
            listed[holder]!.first = exhausted
        }
    }

    /// Matches each Transactions loss sale, earliest first, to purchases within Wash Sale
    /// Days either side, earliest acquired first, each share once; then lists the sales.
    private mutating func matchTransactionLossSales() {
        for saleIndex in lossSales.indices {
            let sale = lossSales[saleIndex]
            if let quantity = sale.quantity {
                // The window either side of the sale is one stretch of the family's purchases.
                let family = purchaseIndexes(ofFamilyOf: sale.symbol)
                let last = sale.date.adding(days: windowDays)
                var remaining = quantity
                for place in firstPlace(in: family, acquiredOnOrAfter: sale.date.adding(days: -windowDays))..<family.endIndex {
                    let index = family[place]
                    guard remaining > .zero, purchases[index].date <= last else { break }
                    let purchase = purchases[index]
                    let own = sale.ownShares[index] ?? .zero
                    let free: Shares = purchase.bought.map { .count($0 - purchase.matched - own) } ?? .unlimited
                    let taken = free.taking(upTo: remaining)
                    guard taken > .zero else { continue }
                    purchases[index].match(taken, inRun: false)
                    remaining -= taken
                    let buyer = purchases[index].account
                    if buyer != sale.account {
                        if let known = lossSales[saleIndex].matchedElsewhere.firstIndex(where: { $0.account == buyer }) {
                            lossSales[saleIndex].matchedElsewhere[known].shares += taken
                        } else {
                            lossSales[saleIndex].matchedElsewhere.append((buyer, taken))
                        }
                    }
                }
                lossSales[saleIndex].matched = quantity - remaining
            }
            lossSales[saleIndex].record = records.count
            records.append(lossSaleRecord(lossSales[saleIndex], family: families.family(of: sale.symbol)))
        }
    }
}

/// A household's Transactions buys of one account, symbol and day (`addPurchases`): its buys
/// by their places (the first, and the last, which chains each to the next), and its held
/// lots of that day, with their shares, by their places in a list of them chained the same way.
private struct BuyGroup {
    let firstBuy: Int
    var lastBuy: Int
    var buyCount = 1
    var held: Quantity?
    var listed = false
    var firstLot = -1
    var lastLot = -1
    var lotCount = 0

    init(firstBuy: Int) {
        self.firstBuy = firstBuy
        lastBuy = firstBuy
    }
}

/// Where a household's Transactions buys of a symbol in an account on a day are found
/// (`addPurchases`): the symbol's number in a table of them, the account's place in
/// `taxedByAccount`, and the day.
private struct BuyKey: Hashable {
    let symbol: Int
    let account: Int
    let date: CivilDate

    /// The three folded into one word, hashed once: hashed one by one, the hasher read five
    /// words (the date is three) at each of a household's lots bought on a day it bought.
    func hash(into hasher: inout Hasher) {
        hasher.combine(symbol &<< 40 ^ account &<< 24 ^ date.year &<< 9 ^ date.month &<< 5 ^ date.day)
    }
}

extension WashSaleCalendar {
    /// A family's purchases, by their indexes in `purchases` (in matching order once the
    /// calendar is built): the first kept in place, the others in a list made at the second.
    /// Most families have one purchase (a lot bought within the window, a buy of the run):
    /// a list of each family's was made at its first purchase and let go with the calendar.
    struct FamilyPurchases: RandomAccessCollection, Sendable {
        private var first = -1
        /// The others, made with room for four at the second: grown from one, a list of two or
        /// three was moved to a larger one at each (callgrind: 350 instructions a move).
        private var rest: [Int] = []

        init() {}

        /// `indexes`, in their order, the list kept for the others.
        init(_ indexes: consuming [Int]) {
            guard !indexes.isEmpty else { return }
            first = indexes.removeFirst()
            rest = indexes
        }

        var startIndex: Int { 0 }
        var endIndex: Int { first < 0 ? 0 : rest.count + 1 }

        subscript(place: Int) -> Int {
            place == 0 ? first : rest[place - 1]
        }

        /// Adds `index` last.
        mutating func append(_ index: Int) {
            if first < 0 {
                first = index
            } else {
                if rest.isEmpty { rest.reserveCapacity(4) }
                rest.append(index)
            }
        }

        /// Adds `index` at `place`, those from it on moved one place on. Most land last and
        /// are appended: the list's `insert` ran the general replacement of a range, some 360
        /// instructions a buy (callgrind).
        mutating func insert(_ index: Int, at place: Int) {
            if place == endIndex {
                append(index)
            } else if place == 0 {
                rest.insert(first, at: 0)
                first = index
            } else {
                rest.insert(index, at: place - 1)
            }
        }
    }
}

extension Sequence<Int> {
    /// Purchase indexes in matching order (see `WashSaleCalendar.isAcquiredEarlier`). The
    /// comparison holds only the purchases: a method of the calendar would copy it into the sort.
    func sortedByAcquisition(in purchases: [WashSaleCalendar.Purchase]) -> [Int] {
        sorted { WashSaleCalendar.isAcquiredEarlier($0, $1, in: purchases) }
    }
}
