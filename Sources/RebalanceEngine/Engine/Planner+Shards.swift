#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// Where each row of a plan falls in one pass over the whole book.
///
/// A key is the run's stage (a phase's pass over the accounts, or its rows before or after
/// that pass) and the place in Account order of the account being planned when the row was
/// made (0 for rows of no account, 1 for the first account). One pass makes its rows in key
/// order, and nothing one household does reaches another, so the plans of disjoint sets of
/// households, sorted together by key, give back the rows of the single pass in its order.
struct RowOrder: Sendable {
    /// The counts of each kind of row when a new key began.
    struct Mark: Sendable {
        let key: Int64
        let trades: Int
        let lotsSold: Int
        let auditLog: Int
        let exceptions: Int
        let phaseChanges: Int
    }

    var trades: [Int64]
    var lotsSold: [Int64]
    var auditLog: [Int64]
    var exceptions: [Int64]
    var phaseChanges: [Int64]
    /// Exceptions a run raises once however many accounts meet them.
    var onceExceptions: Set<Int>
    /// The runs of rows of one account or household in the plan's lists, counted once the
    /// plan is made (`accountRuns(of:)`).
    var accountRuns = AccountRuns()

    /// The rows that one account (tax impact, cash, drift) or household (wash sales) makes
    /// together, in the order of a plan's lists: each run's name and count of rows.
    struct AccountRuns: Sendable {
        var taxImpact: [NameRun] = []
        var cash: [NameRun] = []
        var drift: [NameRun] = []
        var washSales: [NameRun] = []
    }

    /// Rows that follow one another under one name, and where they are.
    struct NameRun: Sendable, Equatable {
        let name: String
        let rows: Range<Int>
    }

    /// The rows `0..<count` in runs of one name (`name(row)`), in their order; a name met
    /// again after another starts a run of its own.
    static func runs(_ count: Int, _ name: (Int) -> String) -> [NameRun] {
        var runs: [NameRun] = []
        var row = 0
        while row < count {
            let first = name(row)
            var end = row + 1
            while end < count, name(end) == first { end += 1 }
            runs.append(NameRun(name: first, rows: row..<end))
            row = end
        }
        return runs
    }

    /// The runs of `plan`'s account and household rows. A shard counts them as
    /// soon as its plan is made, while its rows are fresh in the cache: read again in the
    /// merge, every row came from memory, and placing the firm book's took about 20 ms for
    /// five million instructions (timed on two threads; callgrind).
    static func accountRuns(of plan: Plan) -> AccountRuns {
        let taxImpact = plan.taxImpact.array, cash = plan.cash.array
        let drift = plan.drift.array, washSales = plan.washSales.array
        return AccountRuns(
            taxImpact: runs(taxImpact.count) { taxImpact[$0].account },
            cash: runs(cash.count) { cash[$0].account },
            drift: runs(drift.count) { drift[$0].account },
            washSales: runs(washSales.count) { washSales[$0].household })
    }

    init(_ planning: Planning) {
        let marks = planning.orderMarks
        func keys(_ count: Int, _ start: (Mark) -> Int) -> [Int64] {
            var keys = [Int64](repeating: 0, count: count)
            for (position, mark) in marks.enumerated() {
                let end = position + 1 < marks.count ? start(marks[position + 1]) : count
                for row in start(mark)..<end { keys[row] = mark.key }
            }
            return keys
        }
        trades = keys(planning.trades.count, \.trades)
        lotsSold = keys(planning.lotsSold.count, \.lotsSold)
        auditLog = keys(planning.auditLog.count, \.auditLog)
        exceptions = keys(planning.exceptions.count, \.exceptions)
        phaseChanges = keys(planning.phaseChanges.count, \.phaseChanges)
        onceExceptions = Set(planning.onceExceptions)
    }

    /// Whether a key is of rows made for no account (the same in every shard).
    static func isOfNoAccount(_ key: Int64) -> Bool { key & 0xFFFF_FFFF == 0 }

    /// Rows of one shard, one after another, that share a key.
    struct Run: Equatable, Sendable {
        let key: Int64
        let shard: Int
        let start: Int
        let count: Int
    }

    /// The rows of every shard (by their keys) in key order, ties to the earlier shard, then
    /// to the earlier row; rows of no account only from the first shard.
    static func merged(_ keys: [[Int64]]) -> [(shard: Int, index: Int)] {
        rows(of: mergedRuns(keys))
    }

    /// Each row of `runs`, in their order.
    static func rows(of runs: [Run]) -> [(shard: Int, index: Int)] {
        runs.flatMap { run in (run.start..<run.start + run.count).map { (run.shard, $0) } }
    }

    /// The rows of `runs`, in the runs' order, left where each shard made them in `lists`.
    static func placed<Row>(_ runs: [Run], in lists: [[Row]]) -> RowList<Row> {
        var places: [UInt64] = []
        places.reserveCapacity(runs.reduce(0) { $0 + $1.count })
        for run in runs {
            for place in run.start..<run.start + run.count { places.append(RowList<Row>.place(run.shard, place)) }
        }
        return RowList(lists: lists, places: places)
    }

    /// `merged(keys)` as runs: the rows a shard made for one account in one stage come
    /// together, and they are placed as one. The runs are sorted by key, then shard, then
    /// start: a run's rows share a key and follow one another in their shard, so this is the
    /// order of the rows sorted one by one, whether or not a shard's keys ascend (a pass
    /// makes its rows in key order, so they do).
    static func mergedRuns(_ keys: [[Int64]]) -> [Run] {
        var runs: [Run] = []
        for (shard, keys) in keys.enumerated() {
            var row = 0
            while row < keys.count {
                let key = keys[row]
                var end = row + 1
                while end < keys.count, keys[end] == key { end += 1 }
                if shard == 0 || !isOfNoAccount(key) {
                    runs.append(Run(key: key, shard: shard, start: row, count: end - row))
                }
                row = end
            }
        }
        // (Picking the shard with the lowest next key each time looked at every shard for
        // every run: with sixteen shards a thread, that took 1.6 times the sort's
        // instructions; callgrind, 300 accounts on two threads.)
        runs.sort { ($0.key, $0.shard, $0.start) < ($1.key, $1.shard, $1.start) }
        return runs
    }
}

extension Planner {
    /// The processors this machine has, at most eight: the default number of planning threads.
    public static var availableThreads: Int {
        #if canImport(Glibc)
        return max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        #else
        return 1
        #endif
    }

    /// A plan made by shards, and what each shard's invariant checks found.
    struct ShardedPlan {
        let plan: Plan
        let violations: [String]
    }

    /// How many shards each thread plans, about: finer shards, taken one at a time by
    /// whichever thread is free, let a thread slowed by the machine take fewer, and leave
    /// less for one thread to finish while the others wait, and a smaller shard's books and
    /// calendars stay nearer the processor. Once the merge moved no row, the firm book on two
    /// threads planned faster with more shards (medians of three, two binaries in turn):
    /// sixteen against eight 4% faster; thirty-two against sixteen 10% (16 rounds), sixty-four
    /// against sixteen 16% (12 rounds, every one faster), 128 against sixty-four 3% (12
    /// rounds, 7 faster: within the noise). With the merge that moved rows, thirty-two and
    /// sixty-four had been no faster than sixteen.
    static let shardsPerThread = 64

    /// The fewest shards a book is split into, on any number of threads (its households
    /// permitting): on one thread, where sixty-four shards left about sixteen of the firm
    /// book's accounts to each, 128 shards planned it about 10% faster than sixty-four (16
    /// rounds in turn, 12 faster) and 256 about 5% faster than 128 (12 rounds, 9 faster); one
    /// shard for each of its 400 households was no faster than 256. On two threads 256 were
    /// as fast as 128 (20 rounds in turn: 1.2% apart, within the noise).
    static let minimumShards = 256

    /// How many shards a book planned on `threads` threads is split into, at most.
    static func shardCount(threads: Int) -> Int {
        max(minimumShards, threads * shardsPerThread)
    }

    /// The book's households split into shards of about equal lots, planned (and checked)
    /// on `threads` threads (one at least; 256 at most), each taking the next shard when it
    /// is free; merged in the order one pass would make. `lotRuns` are the book's lots in
    /// runs of one account (`lotRuns(of:)`), worked out once for this and the size check.
    ///
    /// `nil` when the book cannot be split (a single household, a lot or manual trade of an
    /// account not in the Accounts sheet, a repeated account) or a shard fails: the caller
    /// then plans in one pass, which reports such input exactly as it always does.
    static func shardedPlan(
        for portfolio: Portfolio, lotRuns: [RowOrder.NameRun], threads: Int, progress: ((Phase, Int, Int) -> Void)?
    ) -> ShardedPlan? {
        let threads = min(max(1, threads), 256)
        guard let shards = shards(of: portfolio, lotRuns: lotRuns, count: shardCount(threads: threads)) else { return nil }
        var shardOf: [String: Int] = [:]
        for (shard, members) in shards.enumerated() {
            for index in members { shardOf[portfolio.accounts[index].id] = shard }
        }
        var parts = shards.map { members in
            var part = portfolio
            part.accounts = members.map { portfolio.accounts[$0] }
            part.lots = []
            part.transactions = []
            part.manualTrades = []
            return part
        }
        // Each run of an account's lots goes to its account's shard; each shard's lots are
        // listed by number here and read where the book keeps them: copied out for each
        // shard, every lot was copied and let go once more (callgrind).
        let lots = portfolio.lots
        var lotCounts = [Int](repeating: 0, count: shards.count)
        var shardOfRun: [Int] = []
        shardOfRun.reserveCapacity(lotRuns.count)
        for run in lotRuns {
            guard let shard = shardOf[run.name] else { return nil }
            shardOfRun.append(shard)
            lotCounts[shard] += run.rows.count
        }
        var lotsOfShard = lotCounts.map { [Int](reservingCapacity: $0) }
        for (run, shard) in zip(lotRuns, shardOfRun) { lotsOfShard[shard].append(contentsOf: run.rows) }
        for trade in portfolio.manualTrades {
            guard let shard = shardOf[trade.account] else { return nil }
            parts[shard].manualTrades.append(trade)
        }
        // A transaction of an unknown account opens no window in one pass either. Its shard
        // is found once per run of an account's rows (each lookup hashed the name: 1.2 ms of
        // the firm book's 14,698 rows before any shard could start).
        var shardOfRow = RunLookup(shardOf)
        for row in portfolio.transactions {
            if let shard = shardOfRow.value(for: row.account) { parts[shard].transactions.append(row) }
        }

        let universe = Universe(portfolio)
        let results = ShardResults(
            count: shards.count, universe: universe, models: ModelSetups(portfolio.models, universe: universe, accounts: portfolio.accounts),
            restrictions: PlanChecks.Restrictions(portfolio.securities))
        let counts = ShardProgress(shards: shards.count)
        let group = DispatchGroup()
        let planParts = parts
        parts = []
        let shardLots = lotsOfShard
        lotsOfShard = []
        /// Plans shards until none is left; `report` hears of this thread's progress.
        @Sendable func planShards(report: ((Phase) -> Void)?) {
            while let shard = results.nextShard() {
                results.plan(
                    shard, planParts[shard], lots: SelectedLots(lots, shardLots[shard]), accountOrder: shards[shard]
                ) { phase, done, _ in
                    counts.record(shard: shard, phase: phase, done: done)
                    report?(phase)
                }
            }
        }
        for _ in 1..<min(threads, shards.count) {
            DispatchQueue.global().async(group: group) { planShards(report: nil) }
        }
        // This thread plans shards too, and reports the progress of all of them.
        let total = portfolio.accounts.count
        planShards(report: progress.map { report in { phase in report(phase, counts.done(phase), total) } })
        group.wait()
        // Each shard's plan is held once, here, so that its rows can be moved.
        var planned: [(plan: Plan, order: RowOrder)] = []
        var violations: [String] = []
        var outcomes = results.take()
        for shard in outcomes.indices {
            guard case .success(let part)? = outcomes[shard] else { return nil }
            outcomes[shard] = nil
            planned.append((part.plan, part.order))
            violations += part.violations
        }
        guard let plan = merge(&planned, of: portfolio, shards: shards) else { return nil }
        return ShardedPlan(plan: plan, violations: violations)
    }

    /// The account indices of each shard, in Account order: whole households, heaviest first
    /// to the lightest shard. `nil` when there is nothing to split or an account repeats.
    static func shards(of portfolio: Portfolio, count: Int) -> [[Int]]? {
        shards(of: portfolio, lotRuns: lotRuns(of: portfolio.lots), count: count)
    }

    /// The lots of `lots` in runs of one account, in their order (an account's lots usually
    /// come together; a run is met again for each time they do not). Each lot's account is
    /// read where the lot is stored: `for lot in` copied every lot.
    static func lotRuns(of lots: [TaxLot]) -> [RowOrder.NameRun] {
        RowOrder.runs(lots.count) { lots[$0].account }
    }

    /// `shards(of:count:)`, given the runs of the book's lots by account (`lotRuns(of:)`).
    static func shards(of portfolio: Portfolio, lotRuns: [RowOrder.NameRun], count: Int) -> [[Int]]? {
        var households: [String] = []
        var members: [String: [Int]] = [:]
        var ids = Set<String>()
        for (index, account) in portfolio.accounts.enumerated() {
            guard ids.insert(account.id).inserted else { return nil }
            if members[account.household] == nil { households.append(account.household) }
            members[account.household, default: []].append(index)
        }
        guard count > 1, households.count > 1 else { return nil }
        var lots: [String: Int] = [:]
        for run in lotRuns { lots[run.name, default: 0] += run.rows.count }
        let weight = households.map { household in
            members[household]!.reduce(0) { $0 + 1 + (lots[portfolio.accounts[$1].id] ?? 0) }
        }
        let heaviestFirst = households.indices.sorted { (-weight[$0], $0) < (-weight[$1], $1) }
        var shards = [[Int]](repeating: [], count: min(count, households.count))
        var load = [Int](repeating: 0, count: shards.count)
        for household in heaviestFirst {
            let lightest = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
            shards[lightest] += members[households[household]]!
            load[lightest] += weight[household]
        }
        return shards.map { $0.sorted() }
    }

    /// The shards' plans as the one plan a single pass over `portfolio` makes. Each row is
    /// left in the list its shard made, and the plan's lists read it through its place
    /// there (see `RowList`): neither moved nor copied. Moved into new lists, the firm
    /// book's rows took 25 to 30 ms of the two threads at the end of planning (perf), about
    /// 60 MB of memory touched for the first time; placed, they take about 2 ms on one.
    /// `shards` are the account indices of each shard, as `shards(of:count:)` gives them;
    /// `parts` are left with no rows. `nil` when a row does not fall in place (never expected).
    static func merge(
        _ parts: inout [(plan: Plan, order: RowOrder)], of portfolio: Portfolio, shards: [[Int]]
    ) -> Plan? {
        // Only these of the first shard's plan are kept: a copy of the whole would share its
        // rows with the shard's plan, which is let go with them.
        var plan = Plan(settings: parts[0].plan.settings, accounts: portfolio.accounts, prices: parts[0].plan.prices)
        guard mergeAccountRows(parts, of: portfolio, shards: shards, into: &plan) else { return nil }
        mergeKeyedRows(&parts, into: &plan)
        return plan
    }

    /// The rows placed by their keys (trades, lots sold, phase changes, audit log,
    /// exceptions): every shard's sorted by key; rows of no account from the first shard.
    private static func mergeKeyedRows(_ parts: inout [(plan: Plan, order: RowOrder)], into plan: inout Plan) {
        var plans = parts.indices.map { shard in
            var taken = Plan(settings: plan.settings)
            swap(&taken, &parts[shard].plan)
            return taken
        }
        func merged<Row>(_ rows: WritableKeyPath<Plan, RowList<Row>>, _ keys: (RowOrder) -> [Int64]) -> RowList<Row> {
            RowOrder.placed(RowOrder.mergedRuns(parts.map { keys($0.order) }), in: plans.takeRows(rows))
        }
        plan.trades = merged(\.trades, \.trades)
        plan.lotsSold = merged(\.lotsSold, \.lotsSold)
        plan.phaseChanges = merged(\.phaseChanges, \.phaseChanges)
        plan.auditLog = merged(\.auditLog, \.auditLog)
        plan.auditLog.updateEach { row, position in row.seq = position + 1 }
        // An exception raised once a run is kept from the first shard that raised it.
        let exceptions = plans.takeRows(\.exceptions)
        var raisedOnce = NameSet()
        var kept: [UInt64] = []
        for pick in RowOrder.rows(of: RowOrder.mergedRuns(parts.map(\.order.exceptions))) {
            if parts[pick.shard].order.onceExceptions.contains(pick.index) {
                guard raisedOnce.insert(exceptions[pick.shard][pick.index].message) else { continue }
            }
            kept.append(RowList<PlanException>.place(pick.shard, pick.index))
        }
        plan.exceptions = RowList(lists: exceptions, places: kept)
    }

    /// The rows of one account or household (tax impact, cash, drift, wash sales) of every
    /// shard, placed in Account order by the runs each shard counted; `false` if a shard has
    /// a row that does not fall in place (never expected: the caller then plans in one pass).
    ///
    /// A shard lists them in its own Account order (its accounts ascend) and a household's
    /// accounts are all in one shard, so going over the accounts, each one's rows are the
    /// next run of its shard's; a household's wash-sale rows go where its first account comes.
    private static func mergeAccountRows(
        _ parts: [(plan: Plan, order: RowOrder)], of portfolio: Portfolio, shards: [[Int]], into plan: inout Plan
    ) -> Bool {
        let accounts = portfolio.accounts
        var shardOf = [Int](repeating: 0, count: accounts.count)
        for (shard, members) in shards.enumerated() { for index in members { shardOf[index] = shard } }
        var opensHousehold = [Bool](repeating: false, count: accounts.count)
        var seen = Set<String>()
        for (index, account) in accounts.enumerated() { opensHousehold[index] = seen.insert(account.household).inserted }
        var complete = true
        /// One kind of row from every shard, each shard's `lists` in its `shardRuns`: account
        /// `index`'s are the run named `name(index)`.
        func placed<Row>(_ lists: [[Row]], _ shardRuns: [[RowOrder.NameRun]], _ name: (Int) -> String?) -> RowList<Row> {
            var nextRun = [Int](repeating: 0, count: parts.count)
            var places: [UInt64] = []
            places.reserveCapacity(lists.reduce(0) { $0 + $1.count })
            for index in accounts.indices {
                guard let name = name(index) else { continue }
                let shard = shardOf[index], run = nextRun[shard]
                guard run < shardRuns[shard].count, shardRuns[shard][run].name == name else { continue }
                for place in shardRuns[shard][run].rows { places.append(RowList<Row>.place(shard, place)) }
                nextRun[shard] += 1
            }
            // The runs cover their shard's rows: every run placed, every row placed.
            if nextRun != shardRuns.map(\.count) { complete = false }
            return RowList(lists: lists, places: places)
        }
        // Each shard's rows and runs are read where its plan and order keep them: read through
        // key paths, every shard's plan and order was copied for each kind of row (callgrind).
        plan.taxImpact = placed(parts.map { $0.plan.taxImpact.array }, parts.map { $0.order.accountRuns.taxImpact }) {
            accounts[$0].id
        }
        plan.cash = placed(parts.map { $0.plan.cash.array }, parts.map { $0.order.accountRuns.cash }) { accounts[$0].id }
        plan.drift = placed(parts.map { $0.plan.drift.array }, parts.map { $0.order.accountRuns.drift }) { accounts[$0].id }
        plan.washSales = placed(parts.map { $0.plan.washSales.array }, parts.map { $0.order.accountRuns.washSales }) {
            opensHousehold[$0] ? accounts[$0].household : nil
        }
        return complete
    }
}

extension Array where Element == Plan {
    /// Each plan's rows of one kind, taken from it: read, then emptied in the plan, so that
    /// they are held once, by the list returned. Inlined, so that the key path is resolved
    /// where it is written: called, each merge looked it up at run time.
    @inline(__always)
    mutating func takeRows<Row>(_ rows: WritableKeyPath<Plan, RowList<Row>>) -> [[Row]] {
        indices.map { shard in
            let taken = self[shard][keyPath: rows].array
            self[shard][keyPath: rows] = []
            return taken
        }
    }
}

/// Rows handed out front to back by moving each one: reversed in place once (a reversal
/// moves rows, it copies none), each row is then taken off the end.
struct RowQueue<Row> {
    private var reversed: [Row]

    init(_ rows: consuming [Row]) {
        reversed = consume rows
        // Reversed through its buffer, whose swaps move rows; the array's own swap copies them.
        reversed.withUnsafeMutableBufferPointer { $0.reverse() }
    }

    /// How many rows are left.
    var count: Int { reversed.count }

    /// The next row. There is one.
    mutating func take() -> Row {
        reversed.removeLast()
    }
}

/// Each shard's plan, or the error that stopped it, filled in by the shards' threads, and
/// the next shard no thread has taken.
private final class ShardResults: Sendable {
    typealias Part = (plan: Plan, order: RowOrder, violations: [String])
    private let slots: Mutex<[Result<Part, PlanningError>?]>
    private let count: Int
    private let taken = Mutex(0)
    /// The whole book's universe and models, worked out once for every shard.
    private let universe: Universe
    private let models: ModelSetups
    /// The book's restrictions, for every shard's checks.
    private let restrictions: PlanChecks.Restrictions

    init(count: Int, universe: Universe, models: ModelSetups, restrictions: PlanChecks.Restrictions) {
        slots = Mutex(Array(repeating: nil, count: count))
        self.count = count
        self.universe = universe
        self.models = models
        self.restrictions = restrictions
    }

    /// A shard for the calling thread to plan; `nil` when every shard is taken.
    func nextShard() -> Int? {
        taken.withLock { taken in
            guard taken < count else { return nil }
            defer { taken += 1 }
            return taken
        }
    }

    /// Plans and checks one shard and keeps what came of it. `portfolio` leaves out the
    /// shard's lots, which are `lots`.
    func plan(
        _ shard: Int, _ portfolio: Portfolio, lots: SelectedLots, accountOrder: [Int],
        progress: ((Phase, Int, Int) -> Void)?
    ) {
        let outcome: Result<Part, PlanningError>
        do throws(PlanningError) {
            var (plan, order) = try Planner.orderedPlan(
                for: portfolio, accountOrder: accountOrder, universe: universe, models: models, lots: lots,
                progress: progress)
            order.accountRuns = RowOrder.accountRuns(of: plan)
            outcome = .success((plan, order, PlanChecks.violations(
                plan, portfolio: portfolio, lots: lots, restrictions: restrictions)))
        } catch {
            outcome = .failure(error)
        }
        slots.withLock { $0[shard] = outcome }
    }

    /// What every shard came to, handed over (the results keep nothing).
    func take() -> [Result<Part, PlanningError>?] {
        slots.withLock { slots in
            defer { slots = slots.map { _ in nil } }
            return slots
        }
    }
}

/// The accounts each shard has finished in each phase.
private final class ShardProgress: Sendable {
    /// By shard, then by the phase's place in the run (`Phase.allCases`). (A table by phase
    /// for each shard hashed the phase at every account a phase finished, and a run's first
    /// list of such tables looked its type up by name; callgrind: 0.2% of planning.)
    private let done: Mutex<[[Int]]>

    init(shards: Int) {
        done = Mutex(Array(repeating: Array(repeating: 0, count: Phase.allCases.count), count: shards))
    }

    func record(shard: Int, phase: Phase, done count: Int) {
        done.withLock { $0[shard][phase.place] = count }
    }

    /// The accounts every shard has finished in `phase`.
    func done(_ phase: Phase) -> Int {
        done.withLock { shards in shards.reduce(0) { $0 + $1[phase.place] } }
    }
}

private extension Phase {
    /// The phase's place in the run: its place in `allCases`.
    var place: Int {
        switch self {
        case .manual: 0
        case .harvest: 1
        case .phaseOut: 2
        case .raiseCash: 3
        case .rebalance: 4
        }
    }
}
