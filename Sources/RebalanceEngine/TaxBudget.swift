/// An account's Tax Budget for one run: the most net new tax the run may add.
///
/// `0` means no net new tax: gains may still be taken as far as harvested and earlier
/// losses absorb them, because every cut uses the true netted estimate, not rate × gain.
public enum TaxBudget: Sendable, Hashable, CustomStringConvertible {
    /// No limit (the Settings default, `Unlimited`).
    case unlimited
    /// At most this much tax impact.
    case limit(Money)

    /// Whether a run's tax impact stays within the budget.
    public func admits(impact: Money) -> Bool {
        switch self {
        case .unlimited: return true
        case .limit(let limit): return impact <= limit
        }
    }

    /// Budget Left after an impact, or `nil` when unlimited; negative when passed.
    public func left(after impact: Money) -> Money? {
        switch self {
        case .unlimited: return nil
        case .limit(let limit): return limit - impact
        }
    }

    /// `Unlimited` or the limit's decimal text.
    public var description: String {
        switch self {
        case .unlimited: return "Unlimited"
        case .limit(let limit): return limit.description
        }
    }
}

/// How much more gain in one term fits a budget.
public enum GainRoom: Sendable, Hashable {
    /// Any gain fits (an unlimited budget, an untaxed account, or a zero rate with nothing to absorb).
    case unlimited
    /// Gains up to this amount fit; one cent more passes the budget.
    case upTo(Money)
    /// The budget is already passed: no gain fits.
    case none
}

extension TaxLedger {
    /// Whether realizing `gain` more in `term` keeps the run's impact within `budget`, or
    /// adds no tax to it: a sale that adds none fits whatever an earlier phase did (a
    /// manual sale past the budget leaves a loss lot, or a gain the losses absorb, free to
    /// sell; read as "the impact after within the budget", every sale after a manual
    /// overshoot was past it, and a withdrawal sold a gain lot past the budget rather than a
    /// loss lot that added no tax).
    public func admits(gain: Money, term: Term, within budget: TaxBudget) -> Bool {
        // An unlimited budget admits any gain: the estimates, worked out three times, are
        // not asked.
        if case .unlimited = budget { return true }
        return admits(gain: gain, term: term, within: budget, taxBefore: taxBefore, taxNow: taxAfter)
    }

    /// `admits(gain:term:within:)` given the estimate before the run (`taxBefore`) and with
    /// what is recorded so far (`taxAfter`), which a search asking many gains works out once.
    /// The gain is counted without `record`'s Est Tax: asked through `record` and `impact`,
    /// each question worked out the estimate six times (callgrind: `TaxRates.tax` called
    /// 187,765 times in planning 100 accounts). Nor is it counted in a copy of the ledger:
    /// counted among its term's gains or, a loss, its losses, a gain moves the term's net by
    /// itself, so the nets are this ledger's with the gain added (a copy of the ledger was
    /// made and let go at each question; callgrind).
    func admits(gain: Money, term: Term, within budget: TaxBudget, taxBefore before: Money, taxNow now: Money) -> Bool {
        let shortTerm = term == .shortTerm ? netShortTerm + gain : netShortTerm
        let longTerm = term == .longTerm ? netLongTerm + gain : netLongTerm
        let impact = estimate(netShortTerm: shortTerm, netLongTerm: longTerm) - before
        return budget.admits(impact: impact) || impact <= now - before
    }

    /// The largest further gain in `term` that keeps the run's impact within `budget`.
    ///
    /// Exact to the cent with the netted estimate: after YTD ST +12,000, YTD LT −2,000,
    /// carryforwards 5,000 ST and 3,000 LT and a 4,000 ST harvest, a budget of 0 leaves
    /// room for 4,000.00 of LT gain (not the 6,857 that rate × gain would suggest).
    public func roomForGain(term: Term, within budget: TaxBudget) -> GainRoom {
        guard case .limit = budget else { return .unlimited }
        guard budget.admits(impact: impact) else { return .none }
        guard profile.isTaxed else { return .unlimited }
        // Past this gain the term is net positive whatever the other term holds, so the
        // tax grows at exactly the term's rate from here on.
        let settled = netShortTerm.magnitude + netLongTerm.magnitude + Money(cents: 1)
        let before = taxBefore, now = taxAfter
        func admits(_ gain: Money) -> Bool {
            self.admits(gain: gain, term: term, within: budget, taxBefore: before, taxNow: now)
        }
        if profile.rates.rate(for: term) == .zero {
            if admits(settled) { return .unlimited }
        }
        // The estimate never falls as a gain grows, so the admitted gains are 0...room.
        var low: Int64 = 0
        var high: Int64 = max(settled.cents, 1)
        while admits(Money(cents: high)) {
            low = high
            precondition(high <= Int64.max / 2, "a gain room beyond any account")
            high *= 2
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if admits(Money(cents: middle)) {
                low = middle
            } else {
                high = middle
            }
        }
        return .upTo(Money(cents: low))
    }

    /// The largest quantity of `lot` whose sale at `price` on `tradeDate` keeps the run's
    /// impact within `budget`; zero when none fits.
    ///
    /// Budget cuts round down to `step` (a whole share, or 0.0001 under Fractional Shares);
    /// the whole lot is taken when it fits even if it is itself fractional. At most `limit`
    /// shares are considered (the whole lot when `nil`). The gain of each candidate is the
    /// one the Lots Sold row will carry: proceeds and prorated basis, each rounded to the cent.
    /// `after` is what the trade has sold before this lot: a cut leaves the trade's total a
    /// multiple of `step` (see `largestQuantity(upTo:step:after:sellsWhole:term:within:realizedGain:)`).
    public func largestQuantity(
        of lot: TaxLot, at price: Price, on tradeDate: CivilDate,
        step: Quantity, limit: Quantity? = nil, after soldBefore: Quantity = .zero, within budget: TaxBudget
    ) -> Quantity {
        let limit = limit.map { Quantity.min($0, lot.quantity) } ?? lot.quantity
        return largestQuantity(
            upTo: limit, step: step, after: soldBefore, sellsWhole: limit == lot.quantity,
            term: lot.term(on: tradeDate), within: budget
        ) { lot.gain(of: $0, at: price) }
    }

    /// The largest quantity up to `limit` whose realized gain in `term` keeps the run's impact
    /// within `budget`; zero when none fits. The candidates are `limit` itself when
    /// `sellsWhole`, and the quantities that bring the trade's total, `after` sold before
    /// them, to a multiple of `step`: a trade cut by the budget stays in whole steps.
    ///
    /// `realizedGain` is the amount the ledger would record for a quantity (for a forced
    /// wash sale, the gain plus its disallowed loss). The answer fits the budget and the next
    /// candidate does not: a search on the exact estimate, never an approximation of it.
    /// (A cut found in steps of the lot and then moved onto the trade's steps was a smaller
    /// quantity never tried: after a lot of 68.865712 shares sold whole, its proceeds and
    /// basis rounded apart gave a cent more gain, and the plan passed the budget by a cent.)
    /// `limitRefused`: the caller has asked `admits(gain:term:within:)` of `limit`'s gain and
    /// been refused, so the search does not ask it again.
    public func largestQuantity(
        upTo limit: Quantity, step: Quantity, after soldBefore: Quantity = .zero, sellsWhole: Bool, term: Term,
        within budget: TaxBudget, limitRefused: Bool = false, realizedGain: (Quantity) -> Money
    ) -> Quantity {
        precondition(step > .zero, "a step must be positive")
        guard limit > .zero else { return .zero }
        // An unlimited budget admits every candidate, with no gain or estimate worked out.
        var unlimited = false
        if case .unlimited = budget { unlimited = true }
        let before = unlimited ? .zero : taxBefore, now = unlimited ? .zero : taxAfter
        func fits(_ quantity: Quantity) -> Bool {
            unlimited || admits(gain: realizedGain(quantity), term: term, within: budget, taxBefore: before, taxNow: now)
        }
        // Tries whose answer is certain are not made, each a gain and the estimate worked out
        // (callgrind: 0.17% of planning's instructions): `limit` refused by the caller fits no
        // better here, and a gain of nothing or less always fits, as the estimate never falls as
        // a gain grows and an impact no larger than the run's so far is admitted. The gain of
        // nothing is asked of the estimate itself: through `fits`, a further call kept `fits`
        // and the sale's gain from being inlined.
        if sellsWhole, !limitRefused, fits(limit) { return limit }
        // Candidate k is k steps less what `after` has past its last whole step (candidate 0
        // is nothing sold): each brings the trade to a whole number of steps.
        let past = soldBefore.micros % step.micros
        func candidate(_ k: Int64) -> Quantity { k == 0 ? .zero : Quantity(micros: k * step.micros - past) }
        let steps = (limit.micros + past) / step.micros
        let top = candidate(steps)
        if top != limit || (!sellsWhole && !limitRefused), fits(top) { return top }
        let gainOfNothing = realizedGain(.zero)
        guard unlimited || gainOfNothing <= .zero
                || admits(gain: gainOfNothing, term: term, within: budget, taxBefore: before, taxNow: now) else { return .zero }
        // fits(candidate(low)) holds and fits(candidate(high)) does not.
        var low: Int64 = 0
        var high = steps
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if fits(candidate(middle)) {
                low = middle
            } else {
                high = middle
            }
        }
        return candidate(low)
    }
}
