import RebalanceEngine

/// The state of one run of the price chain, stage by stage over every symbol.
struct ChainRun {
    /// A price's age in words: `1 day`, `6 days`.
    static func days(_ age: Int) -> String { age == 1 ? "1 day" : "\(age) days" }

    let settings: Settings
    let options: PriceChainOptions
    var attempts: [Attempt]
    var problems: [PriceProblem] = []
    var cache: PriceCache?

    var asOf: CivilDate { settings.asOf }
    var maxAge: Int { settings.priceMaxAgeDays }

    /// Indices of the symbols still without a price.
    var open: [Int] { attempts.indices.filter { attempts[$0].resolved == nil } }

    // MARK: Override and workbook

    mutating func tryOverridesAndWorkbook() {
        for i in attempts.indices {
            let symbol = attempts[i].symbol
            guard let row = attempts[i].request.workbook else {
                let lookalikes = attempts[i].request.lookalikes
                attempts[i].tried += [
                    "Override: none",
                    lookalikes.isEmpty ? "Workbook: no row" : "Workbook: no row (\(lookalikes.joined(separator: ", ")))",
                ]
                continue
            }
            if let override = row.override {
                if row.asOf > asOf {
                    problems.append(.init(.warning, row.overridePlace, "\(symbol)'s Override is dated \(row.asOf), after the As Of date \(asOf); the Override wins all the same."))
                } else if case let age = asOf.days(since: row.asOf), age > maxAge {
                    // An old Override wins as any does, but is said: a stale price beside it
                    // would have been (explore-AZ).
                    problems.append(.init(.warning, row.overridePlace, "\(symbol)'s Override is dated \(row.asOf), "
                        + "\(ChainRun.days(age)) before the As Of date, older than Price Max Age Days "
                        + "(\(maxAge)); the Override wins all the same."))
                }
                // An Override far from the row's own price is most likely a slip of a digit
                // (3100 beside 300 planned $217,000 of trades unwarned; explore-AZ).
                if let price = row.price, price.micros > 0, override.micros > 0,
                   max(override.doubleValue / price.doubleValue, price.doubleValue / override.doubleValue) >= 2 {
                    problems.append(.init(.warning, row.overridePlace, "\(symbol)'s Override \(override) is "
                        + "\(override > price ? "more than twice" : "less than half") its Price \(price) on the same row; the "
                        + "Override wins, so check it: every trade of \(symbol) is sized at it."))
                }
                attempts[i].tried.append("Override: used")
                attempts[i].resolve(.override, override, asOf: row.asOf, source: row.source)
                continue
            }
            attempts[i].tried.append("Override: none")
            guard let price = row.price else {
                attempts[i].tried.append("Workbook: no price")
                continue
            }
            if row.asOf > asOf {
                problems.append(.init(.warning, row.asOfPlace, "\(symbol)'s price is dated \(row.asOf), after the As Of date \(asOf); it is not used."))
                attempts[i].tried.append("Workbook: dated \(row.asOf), after the As Of")
                continue
            }
            let age = asOf.days(since: row.asOf)
            if age <= maxAge {
                attempts[i].tried.append("Workbook: used")
                attempts[i].resolve(.workbook, price, asOf: row.asOf, source: row.source)
            } else {
                attempts[i].tried.append("Workbook: stale, \(ChainRun.days(age))")
                attempts[i].stale.append(.init(origin: .stale, price: price, asOf: row.asOf, source: row.source,
                                               place: row.pricePlace))
            }
        }
    }

    // MARK: Cache

    mutating func tryCache() {
        let waiting = open
        guard !waiting.isEmpty, let path = options.cachePath else { return }
        var exists = false
        do {
            (cache, exists) = try PriceCache.load(path: path)
        } catch {
            problems.append(.init(.warning, "Price cache", "\(error.description.capitalizedFirst); it is left aside for this run."))
            for i in waiting { attempts[i].tried.append("Cache: unreadable") }
            return
        }
        for i in waiting {
            // "Cache read" beside "Cache: miss (no cache file yet)" said the file was read and
            // was not there.
            attempts[i].notes.append(exists ? "Cache read: \(path)." : "No price cache at \(path) yet.")
            guard exists, let entry = cache?.entries[attempts[i].symbol] else {
                let unusable = cache?.unusable.contains(attempts[i].symbol) ?? false
                attempts[i].tried.append(!exists ? "Cache: miss (no cache file yet)"
                    : unusable ? "Cache: miss (its entry has no usable price or date)" : "Cache: miss")
                continue
            }
            if entry.asOf > asOf {
                attempts[i].tried.append("Cache: dated \(entry.asOf), after the As Of")
                continue
            }
            let age = asOf.days(since: entry.asOf)
            if age <= maxAge {
                attempts[i].tried.append("Cache: used")
                attempts[i].resolve(.cache, entry.price, asOf: entry.asOf, source: entry.source)
            } else {
                attempts[i].tried.append("Cache: stale, \(ChainRun.days(age))")
                attempts[i].stale.append(.init(origin: .staleCache, price: entry.price, asOf: entry.asOf,
                                               source: entry.source, place: "Price cache \(path)"))
            }
        }
    }

    // MARK: Quote API

    mutating func tryAPI() {
        let waiting = open
        guard !waiting.isEmpty else { return }
        if options.offline {
            for i in waiting { attempts[i].tried.append("API: not asked (--offline)") }
            return
        }
        guard let api = options.api else {
            let tried = options.apiNotAsked.map { "API: not asked (\($0))" } ?? "API: none configured"
            for i in waiting { attempts[i].tried.append(tried) }
            return
        }
        if api.needsKey && api.keyWithheld {
            for i in waiting {
                attempts[i].tried.append("API: the workbook's Price API URL asks for the API key, which is not sent to a host "
                    + "a workbook names; give the URL with --price-api-url to send it there")
            }
            return
        }
        if api.needsKey && (api.apiKey ?? "").isEmpty {
            for i in waiting {
                attempts[i].tried.append("API: no API key (set \(APIKey.environmentVariable) or price-api-key in the config file)")
            }
            return
        }
        let (outcomes, redirectedTo) = api.fetch(waiting.map { attempts[$0].symbol }, today: options.today)
        var fetched: [String: PriceCache.Entry] = [:]
        for i in waiting {
            let symbol = attempts[i].symbol
            // The host asked, and the one that answered when a redirect took the request there.
            let host = redirectedTo[symbol].map { "\(api.host), redirected to \($0)" } ?? api.host
            let source = "API, \(host)"
            switch outcomes[symbol] ?? .failed("no answer") {
            case .failed(let reason):
                attempts[i].tried.append("API: \(reason)")
            case .quote(let price, let quoteDate):
                fetched[symbol] = PriceCache.Entry(price: price, asOf: quoteDate, source: source)
                let age = asOf.days(since: quoteDate)
                if quoteDate > asOf {
                    attempts[i].tried.append("API: quote dated \(quoteDate), after the As Of")
                } else if age > maxAge {
                    attempts[i].tried.append("API: stale, \(ChainRun.days(age))")
                    // Cached below, it is a stale cache price for the stale step of this run, as
                    // of the next: left out, a re-run of the same book planned at another price.
                    if let path = options.cachePath {
                        attempts[i].stale.append(.init(origin: .staleCache, price: price, asOf: quoteDate,
                                                       source: source, place: "Price cache \(path)"))
                    }
                } else {
                    attempts[i].tried.append("API: used")
                    attempts[i].resolve(.api, price, asOf: quoteDate, source: host)
                }
            }
        }
        saveToCache(fetched)
    }

    /// Successful quotes update the cache, when there is one.
    mutating func saveToCache(_ fetched: [String: PriceCache.Entry]) {
        guard !fetched.isEmpty, let path = options.cachePath else { return }
        var updated = cache ?? PriceCache(path: path)
        if cache == nil, let (existing, _) = try? PriceCache.load(path: path) { updated = existing }
        // A quote older than the cache's entry (an API answering with yesterday's close)
        // leaves the newer one.
        for (symbol, entry) in fetched where updated.entries[symbol].map({ $0.asOf <= entry.asOf }) ?? true {
            updated.entries[symbol] = entry
        }
        do {
            try updated.save()
            cache = updated
        } catch {
            problems.append(.init(.warning, "Price cache", "\(error.description.capitalizedFirst); the quotes of this run are not kept."))
        }
    }

    // MARK: Stale last resort

    mutating func tryStale() {
        for i in open {
            let candidates = attempts[i].stale
            guard !candidates.isEmpty, settings.allowStalePrices else { continue }
            // The newest first; on the same day the workbook's.
            let best = candidates.max { a, b in
                a.asOf != b.asOf ? a.asOf < b.asOf : (a.origin == .staleCache && b.origin == .stale)
            }!
            let age = asOf.days(since: best.asOf)
            let from = best.origin == .stale ? "workbook" : "cache"
            attempts[i].tried.append("Stale: \(from) price of \(best.asOf) used under Allow Stale Prices")
            problems.append(.init(.warning, best.place, "\(attempts[i].symbol)'s price is \(age) days old (Price Max Age Days is \(maxAge)); used as a stale price under Allow Stale Prices."))
            attempts[i].resolve(best.origin, best.price, asOf: best.asOf, source: best.source)
        }
    }

    // MARK: Outcome

    func resolution() -> PriceResolution {
        var prices: [ResolvedPrice] = []
        var unpriced: [String] = []
        var anyStale = false
        for attempt in attempts.sorted(by: { $0.symbol < $1.symbol }) {
            if var price = attempt.resolved {
                var notes = attempt.notes
                if options.offline { notes.append("Offline (--offline): the quote API was not asked.") }
                price.tried = attempt.tried
                price.note = notes.isEmpty ? nil : notes.joined(separator: " ")
                prices.append(price)
                continue
            }
            anyStale = anyStale || !attempt.stale.isEmpty
            let cell = attempt.request.workbook.map { ", \($0.pricePlace)" } ?? ""
            unpriced.append("\(attempt.symbol) (\(attempt.request.reason)\(cell)): \(attempt.tried.joined(separator: "; "))")
        }
        var problems = self.problems
        if !unpriced.isEmpty {
            let count = unpriced.count == 1 ? "1 symbol" : "\(unpriced.count) symbols"
            var advice = "Add or update them on the Prices sheet"
            advice += options.offline || options.api == nil ? ", or run with a quote API" : ", or check the quote API"
            if anyStale && !settings.allowStalePrices { advice += ", or set Allow Stale Prices to Yes to use the stale ones" }
            let list = unpriced.map { "\n  " + $0 }.joined()
            problems.append(.init(.error, "Prices", "No usable price for \(count):\(list)\n\(advice)."))
        }
        return PriceResolution(prices: prices, problems: problems)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
