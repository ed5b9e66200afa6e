import RebalanceEngine

extension PortfolioBuilder {
    /// How far from its lots' cost basis a position's total row may show its own and still
    /// look like their total: a basis corrected on a lot's row only, or an adjustment shown
    /// on the position's line only.
    static let totalBasisNearness = 0.05

    /// Looks again at each run of three or more lots of one account and symbol, in sheet
    /// order, for a row at its top or bottom that looks like the position's total of the
    /// others: its quantity their sum (within a total's rounding) and its basis near theirs,
    /// or no Lot ID where they all have one. Such a row read as a lot counts the position
    /// twice, and the plan sells shares not held (explore-CP).
    ///
    /// A row that is certainly a total is set aside with a warning naming it: below its lots
    /// with their quantity, their basis to the cent and their earliest date (above them,
    /// `setAsidePositionTotals` has already done so), or without a Lot ID where its lots have
    /// them. Any other such row may be a lot (a lot of 200 beside two of 100 bought at
    /// about its price): an error naming it and saying why. A row with a Lot ID of its own is
    /// a lot; lots of one day are `setAsidePositionTotals`' to judge.
    mutating func refusePositionTotals(_ lots: inout [TaxLot], rows: [TaxLot.Key: SheetTable.DataRow]) {
        var setAside: [Int] = []
        var start = lots.startIndex
        while start < lots.endIndex {
            var end = start + 1
            while end < lots.endIndex, lots[end].account == lots[start].account, lots[end].symbol == lots[start].symbol {
                end += 1
            }
            defer { start = end }
            guard end - start >= 3 else { continue }
            for candidate in [start, end - 1] {
                guard let verdict = totalVerdict(of: candidate, in: start..<end, lots: lots, rows: rows) else { continue }
                if verdict { setAside.append(candidate) }
                break
            }
        }
        for index in setAside.reversed() { lots.remove(at: index) }
    }

    /// Whether the lot at `candidate`, at the top or bottom of the run `run` of one position's
    /// lots, is set aside as the position's total (true), refused as one that may be (false,
    /// its error logged), or a lot (nil).
    private mutating func totalVerdict(
        of candidate: Int, in run: Range<Int>, lots: [TaxLot], rows: [TaxLot.Key: SheetTable.DataRow]
    ) -> Bool? {
        guard let row = rows[lots[candidate].id], !hasLotID(row) else { return nil }
        let others = run.filter { $0 != candidate }
        let quantity = others.reduce(Quantity.zero) { $0 + lots[$1].quantity }
        let basis = others.reduce(Money.zero) { $0 + lots[$1].costBasis }
        let total = lots[candidate]
        let othersHaveIDs = others.allSatisfy { hasLotID(rows[lots[$0].id]) }
        let sums = abs(total.quantity.micros - quantity.micros) <= PortfolioBuilder.positionRounding.micros
        let gap = (total.costBasis - basis).magnitude
        let basisExact = gap <= Money(cents: max(Int64(others.count), 100))
        let basisNear = basisExact || gap.doubleValue <= basis.doubleValue * PortfolioBuilder.totalBasisNearness
        let dates = others.map { lots[$0].acquired }
        guard let earliest = dates.min(), let latest = dates.max() else { return nil }
        // Lots of one day below a row equal to them are judged, and said, as lots of its day.
        if sums, Set(dates).count == 1, total.acquired == earliest { return nil }
        let atTop = candidate == run.lowerBound
        let first = rows[lots[others[0]].id], last = rows[lots[others[others.count - 1]].id]
        guard let first, let last else { return nil }
        let lotsPlace = "\(first.place("Quantity"))–\(last.place("Quantity"))"
        let side = atTop ? "below it" : "above it"
        let symbol = total.symbol.excerpt
        let figures = "its \(total.quantity) shares and \(total.costBasis.formatted) against their \(quantity) and "
            + "\(basis.formatted)"
        if sums, basisNear, othersHaveIDs {
            log.warning(row.place("Quantity"), "This row is \(symbol)'s total, not a lot: the \(others.count) lots of its "
                + "account and symbol \(side) (\(lotsPlace)) each have a Lot ID and add up to its quantity (\(figures)), and "
                + "it has none. It is set aside, not read as one more lot; if it is a lot of its own, give it its Lot ID.")
            return true
        }
        if sums, basisExact, !atTop, total.acquired == earliest, Set(dates).count > 1 {
            log.warning(row.place("Quantity"), "This row is a position's row below its lots: the \(others.count) lots right "
                + "above it (\(lotsPlace)), of its account and symbol, add up to its quantity and cost basis, and it shows "
                + "their earliest date. It is set aside, not read as one more lot; if it is a lot of its own, give each lot "
                + "its Lot ID.")
            return true
        }
        var why: String
        // A lot the size of the others together, bought at about their price on a day of its
        // own (100 BND, then 50 and 50 at prices a few percent apart), is an ordinary lot:
        // only a total's own signs (their basis to the cent, a date of theirs or the As Of)
        // make it one that may be a total.
        let totalsDate = total.acquired == earliest || total.acquired == latest || total.acquired == settings.asOf
        if sums, basisNear, basisExact || totalsDate {
            why = "its quantity is the sum of the \(others.count) \(symbol) lots of its account \(side) (\(lotsPlace)), and "
                + "its cost basis near theirs (\(figures))"
            if !basisExact {
                why += ", though not theirs to the cent"
            } else if total.acquired == settings.asOf {
                why += ", and it is dated the As Of date \(settings.asOf), as a position's line is stamped"
            } else if total.acquired == latest {
                why += ", and it shows their latest date"
            } else if total.acquired != earliest {
                why += ", though it shows none of their dates' earliest"
            }
        } else if othersHaveIDs, total.quantity > quantity, total.costBasis > basis {
            why = "it has no Lot ID where the \(others.count) \(symbol) lots of its account \(side) (\(lotsPlace)) each "
                + "have one, and it holds more than they do together (\(figures)), as a total does when a lot is missing "
                + "from the export"
        } else {
            return nil
        }
        let way = othersHaveIDs
            ? "Delete it if it is the position's total; if it is a lot of its own, give it its Lot ID."
            : "Delete it if it is the position's total; if it is a lot of its own, give each lot its Lot ID."
        log.error(row.place("Quantity"), "This row may be \(symbol)'s total rather than a lot: \(why). Read as a lot, it "
            + "would count the position twice. " + way)
        return false
    }
}
