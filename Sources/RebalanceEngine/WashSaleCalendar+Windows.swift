/// A large window's replacements, read once for every loss lot asked about.
///
/// Whether a loss lot is blocked reads every purchase of its family within the window
/// (`replacements(forLoss:symbol:on:planned:)`). A position of many lots bought within the
/// window asks it for each loss lot, and each time every other lot was read again: 50,000
/// lots all bought in the last forty days planned in 136 s. The window's purchases with
/// replacement shares are now read once for the family, then each lot's answer sets aside
/// its own purchase and its trade's planned lots, found by key, until a purchase changes.
/// The answers are those the full reading gives (`RebalanceBench digest` is unchanged).
extension WashSaleCalendar {
    /// What a loss lot's replacements come to: what its `Loss Sale Blocked` row says, and
    /// whether it is blocked.
    struct ReplacementSummary {
        /// The first purchase with replacement shares, in matching order; nil when none.
        var first: Int?
        /// The latest acquisition date among them.
        var latest: CivilDate?
        /// Their shares in all; nil when one is of unknown size.
        var total: Quantity? = .zero

        init() {}

        /// The summary of `replacements` (purchase indexes into `purchases`, in matching order).
        init(_ replacements: [(index: Int, shares: Shares)], in purchases: [Purchase]) {
            for replacement in replacements {
                add(replacement.index, replacement.shares, acquired: purchases[replacement.index].date)
            }
        }

        /// Counts the next replacement, in matching order: purchase `index`, acquired on
        /// `acquired`, with `shares`.
        mutating func add(_ index: Int, _ shares: Shares, acquired: CivilDate) {
            if first == nil { first = index }
            if latest.map({ acquired > $0 }) ?? true { latest = acquired }
            total = shares.count.flatMap { count in total.map { $0 + count } }
        }

        /// The shares that block a loss sale: none, some, or a purchase of unknown size.
        var shares: Shares { total.map { .count($0) } ?? .unlimited }
    }

    /// One family's purchases with replacement shares in the window of the run date, none
    /// set aside, as one version of the purchases has them.
    struct WindowEntries {
        let version: Int
        let date: CivilDate
        /// The purchases and their shares, in matching order (acquisition date first).
        let entries: [(index: Int, shares: Shares)]
        /// Places in `entries` by the lot a purchase is (its account and Lot ID).
        let placesOfLot: [TaxLot.Key: [Int]]
        /// Places in `entries` by purchase index.
        let placeOfPurchase: [Int: Int]
        /// The shares of the entries of known size, and how many are of unknown size.
        let knownShares: Quantity
        let unknownSized: Int
    }

    /// Windows with fewer purchases than this are read whole at each question, as before:
    /// a table of them costs more than reading them.
    static let windowReadOnce = 64

    /// `ReplacementSummary` of `replacements(forLoss: lot, symbol:, on: date, planned:)`,
    /// a window of many purchases read once for every loss lot of the family until a
    /// purchase changes.
    mutating func cachedReplacementSummary(
        forLoss lot: TaxLot.Key, symbol: String, on date: CivilDate, planned: [LotSale]
    ) -> ReplacementSummary {
        requireRunDate(date)
        guard let family = familyNumbers[symbol] else { return ReplacementSummary() }
        let purchasesOfFamily = purchaseIndexesByFamily[family]
        let start = firstPlace(in: purchasesOfFamily, acquiredOnOrAfter: windowStart(endingOn: date))
        // Most families have few purchases from the window's start on: no second search.
        guard purchasesOfFamily.count - start >= WashSaleCalendar.windowReadOnce,
              firstPlace(in: purchasesOfFamily, acquiredOnOrAfter: date.adding(days: 1)) - start
                >= WashSaleCalendar.windowReadOnce else {
            // Summed as they are found: a list of them was made, and let go, at each question.
            var summary = ReplacementSummary()
            forEachReplacement(forLoss: lot, in: purchasesOfFamily, from: start, on: date, planned: planned) {
                summary.add($0, $1, acquired: $2)
            }
            return summary
        }
        let window: WindowEntries
        if let known = windows[family], known.version == purchasesVersion, known.date == date {
            window = known
        } else {
            window = windowEntries(symbol: symbol, on: date)
            windows[family] = window
        }
        return summary(of: window, forLoss: lot, planned: planned)
    }

    /// Whether the window of `date` holds enough purchases of `symbol`'s family to be read
    /// once for every loss lot (`cachedReplacementSummary`) rather than at each question.
    func hasLargeWindow(of symbol: String, on date: CivilDate) -> Bool {
        guard let family = familyNumbers[symbol] else { return false }
        let purchasesOfFamily = purchaseIndexesByFamily[family]
        let start = firstPlace(in: purchasesOfFamily, acquiredOnOrAfter: windowStart(endingOn: date))
        return purchasesOfFamily.count - start >= WashSaleCalendar.windowReadOnce
            && firstPlace(in: purchasesOfFamily, acquiredOnOrAfter: date.adding(days: 1)) - start >= WashSaleCalendar.windowReadOnce
    }

    /// The family's purchases with replacement shares in the window of `date`, none set aside.
    private func windowEntries(symbol: String, on date: CivilDate) -> WindowEntries {
        let entries = replacements(forLoss: nil, symbol: symbol, on: date, planned: [])
        var placesOfLot: [TaxLot.Key: [Int]] = [:]
        var placeOfPurchase: [Int: Int] = Dictionary(minimumCapacity: entries.count)
        var knownShares = Quantity.zero, unknownSized = 0
        for (place, entry) in entries.enumerated() {
            placeOfPurchase[entry.index] = place
            if let lotID = purchases[entry.index].lotID {
                placesOfLot[TaxLot.Key(account: purchases[entry.index].account, lotID: lotID), default: []].append(place)
            }
            if let count = entry.shares.count { knownShares += count } else { unknownSized += 1 }
        }
        return WindowEntries(version: purchasesVersion, date: date, entries: entries, placesOfLot: placesOfLot,
                             placeOfPurchase: placeOfPurchase, knownShares: knownShares, unknownSized: unknownSized)
    }

    /// What `window` comes to for a loss sale of `lot` in a trade that has `planned` so far,
    /// as `replacements(forLoss:symbol:on:planned:)` reads it: the lot's own purchase set
    /// aside (by its key, with the other fills of its one buy, or as the purchase of a
    /// restated lot), and each purchase a planned sale is of (the same, for the sale's lot)
    /// holding the planned shares no more.
    private func summary(of window: WindowEntries, forLoss lot: TaxLot.Key, planned: [LotSale]) -> ReplacementSummary {
        // The entries this lot changes: nil for one set aside, else its shares now.
        var changed: [Int: Shares?] = [:]
        for place in window.placesOfLot[lot] ?? [] { changed[place] = .some(nil) }
        for fill in fillsOfOneBuy.isEmpty ? [] : fillsOfOneBuy[lot] ?? [] {
            for place in window.placesOfLot[fill] ?? [] { changed[place] = .some(nil) }
        }
        if !restatedPurchases.isEmpty, let own = restatedPurchases[lot], let place = window.placeOfPurchase[own] {
            changed[place] = .some(nil)
        }
        if !planned.isEmpty {
            // Shares planned for sale under each purchase's own Lot ID, and under a restated lot's.
            var plannedShares: [Int: (own: Quantity, restated: Quantity)] = [:]
            for sale in planned.indices {
                let places = window.placesOfLot[planned[sale].lotKey] ?? []
                for place in places { plannedShares[place, default: (.zero, .zero)].own += planned[sale].quantity }
                // A restated lot's shares are its purchase's, under their own Lot ID.
                if let restated = restatedPurchases.purchase(account: planned[sale].account, lotID: planned[sale].lotID),
                   purchases[restated].lotID != nil, let place = window.placeOfPurchase[restated], !places.contains(place) {
                    plannedShares[place, default: (.zero, .zero)].restated += planned[sale].quantity
                }
            }
            for (place, shares) in plannedShares where changed[place] == nil {
                let now = purchases[window.entries[place].index].replacementShares(
                    plannedOwn: shares.own, plannedRestated: shares.restated)
                changed[place] = .some(now.isPositive ? now : nil)
            }
        }
        var known = window.knownShares, unknown = window.unknownSized
        for (place, now) in changed {
            if let count = window.entries[place].shares.count { known -= count } else { unknown -= 1 }
            if let now { if let count = now.count { known += count } else { unknown += 1 } }
        }
        func isLeft(_ place: Int) -> Bool { changed[place].map { $0 != nil } ?? true }
        var summary = ReplacementSummary()
        // The entries set aside are few: the first and the last left are a few steps in.
        guard let first = window.entries.indices.first(where: isLeft),
              let last = window.entries.indices.last(where: isLeft) else { return summary }
        summary.first = window.entries[first].index
        summary.latest = purchases[window.entries[last].index].date
        summary.total = unknown > 0 ? nil : known
        return summary
    }
}
