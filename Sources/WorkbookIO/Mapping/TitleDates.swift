import RebalanceEngine

extension SheetTable {
    /// Words by which a Prices sheet's title or note says when its prices were taken (`Closing
    /// prices as of 11/13/2026`, `Data through 11/13`); a title without one (`Model approved
    /// 3/1/2026`, `Prepared 11/13/2026 by JS`) dates no prices.
    static let priceDatingCues = ["as of", "as at", "close", "closing", "prices", "price", "priced", "through", "thru",
                                  "quotes", "quoted", "eod", "end of day", "valuation", "valued", "data", "pricing", "px",
                                  "settle"]

    /// The date a Prices sheet's title or note gives its prices, or nil: the first date after
    /// its first dating word (`Prices as of 11/19/2026 (file saved 11/13/2026)` is of 11/19),
    /// else its last date. Dates are read as the US writes them, with or without the year
    /// (`11/13/2026`, `2026-11-13`, `November 13, 2026`, `Nov 13`, `13 Nov 2026`, `11/13`); one
    /// without a year is of the As Of's year, or the year before when that would be more than
    /// a month after it.
    /// Until stop 51 only a date in figures with its year was read, and `Model approved
    /// 3/1/2026` dated the prices (explore-BM).
    /// Whether a title says when its prices were taken, with a figure in it, though no date of
    /// it could be read (`Prices as of February 30, 2026`, `Prix au 13 novembre 2026`): said, as
    /// such prices are taken as of the run's As Of (explore-BT: silently).
    static func saysWhenPricesWereTaken(_ text: String) -> Bool {
        guard text.utf8.count <= 400, text.contains(where: \.isNumber) else { return false }
        // Whole words only: `Closed-end funds 2026` says no date.
        let words = " " + text.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " ") + " "
        return strongPriceDatingCues.contains { words.contains(" \($0) ") }
    }

    /// Words among those that say when the prices were taken, not only that they are prices.
    static let strongPriceDatingCues = ["as of", "as at", "close", "closing", "through", "thru", "eod", "end of day",
                                        "settle", "priced", "quoted", "valued"]

    static func pricesDate(inTitle whole: String, asOf: CivilDate) -> CivilDate? {
        // A title is a line: its first 400 bytes are searched, a long one's date at its start
        // (explore-BT: a title of 237 characters dated nothing, its week-old prices fresh).
        var text = Substring(whole)
        while text.utf8.count > 400 { text = text.dropLast(max(1, (text.utf8.count - 400) / 4)) }
        // Ordinals and abbreviations' points aside (`November 13th`, `Nov. 13`, `the 13th of
        // November`; explore-BR: each dated nothing), and a dotted date in figures slashed
        // (`11.13.2026`).
        var words: [String] = []
        for written in text.lowercased().split(separator: " ", omittingEmptySubsequences: false) {
            // A comma or a bracket after it is kept, and the word judged without it.
            let core = written.prefix { !",;:)]".contains($0) }
            let tail = written[core.endIndex...]
            var word = core
            defer { if !word.isEmpty || !tail.isEmpty { words.append(String(word) + String(tail)) } }
            if word.hasSuffix("."), word.dropLast().allSatisfy(\.isLetter) { word = word.dropLast() }
            for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) && word.count > 2
                && word.dropLast(2).allSatisfy(\.isASCIIDigit) && word.dropLast(2).count <= 2 {
                word = word.dropLast(2)
            }
            if word.contains("."), word.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
               word.split(separator: ".").count == 3 {
                word = Substring(word.map { $0 == "." ? "/" : $0 })
            }
            if word == "of", tail.isEmpty, words.last?.allSatisfy(\.isASCIIDigit) == true { word = "" }
        }
        let lower = words.joined(separator: " ")
        /// The offset of the first of `cues` in the title.
        func firstOffset(of cues: [String]) -> Int? {
            lower.indices.enumerated().first(where: { _, index in cues.contains { lower[index...].hasPrefix($0) } })?.offset
        }
        // A word that says when the prices were taken (`as of`, `close`) beats one that only
        // says they are prices: `Prices updated 11/20/2026, as of close 11/13/2026` is of
        // 11/13 (explore-BV: 11/20, the week-old close planned as fresh).
        guard let cueOffset = firstOffset(of: strongPriceDatingCues) ?? firstOffset(of: priceDatingCues) else {
            // A date alone is the sheet's date.
            if case .value(let date) = CellReader.dateText(String(text).trimmingWhitespace()) { return date }
            return nil
        }
        var tokens: [(word: Substring, offset: Int)] = []
        var start: String.Index?
        for index in lower.indices {
            if " ,;()[]".contains(lower[index]) {
                if let s = start { tokens.append((lower[s..<index], lower.distance(from: lower.startIndex, to: s))) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let s = start { tokens.append((lower[s...], lower.distance(from: lower.startIndex, to: s))) }
        // A date a few weeks after the As Of is this year's (dated after it, so not used, as a
        // dated one is; explore-BP: `as of 11/21` was last year's, 364 days stale).
        func yearless(_ month: Int, _ day: Int) -> CivilDate? {
            guard let date = CivilDate(year: asOf.year, month: month, day: day) else { return nil }
            return date.days(since: asOf) > 31 ? CivilDate(year: asOf.year - 1, month: month, day: day) : date
        }
        func number(_ at: Int, digits: ClosedRange<Int>) -> Int? {
            guard tokens.indices.contains(at), digits.contains(tokens[at].word.count),
                  tokens[at].word.allSatisfy(\.isASCIIDigit) else { return nil }
            return Int(tokens[at].word)
        }
        /// Where token `i` ends in the title.
        func end(_ i: Int) -> Int { tokens[i].offset + tokens[i].word.count }
        var dates: [(date: CivilDate, offset: Int, end: Int)] = []
        for (i, token) in tokens.enumerated() {
            var word = token.word
            // An ISO date with its time (`2026-11-13t16:00`) is its day.
            if word.count > 10, word.dropFirst(10).first == "t", word.prefix(4).allSatisfy(\.isASCIIDigit) { word = word.prefix(10) }
            if word.count >= 6, word.contains(where: \.isNumber), word.contains("/") || word.contains("-") {
                switch CellReader.dateText(String(word)) {
                case .value(let date): dates.append((date, token.offset, end(i)))
                default:
                    // One that can only be day first (`13/11/2026`, `13.11.2026`) is read so: the
                    // PM wrote that day (explore-BV: dated nothing, the prices taken as fresh).
                    if let parts = CellReader.numericDateParts(String(word)), parts.first > 12, (1...12).contains(parts.second),
                       let date = CivilDate(year: parts.year, month: parts.second, day: parts.first) {
                        dates.append((date, token.offset, end(i)))
                    }
                }
            } else if case let parts = word.split(separator: "/", omittingEmptySubsequences: false), parts.count == 2,
                      parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
                      let date = yearless(Int(parts[0])!, Int(parts[1])!) {
                dates.append((date, token.offset, end(i)))
            } else if let month = CellReader.month(named: word), let day = number(i + 1, digits: 1...2) {
                let year = number(i + 2, digits: 4...4)
                let date = year.flatMap { CivilDate(year: $0, month: month, day: day) } ?? yearless(month, day)
                if let date { dates.append((date, token.offset, end(year == nil ? i + 1 : i + 2))) }
            } else if let day = number(i, digits: 1...2), tokens.indices.contains(i + 1),
                      let month = CellReader.month(named: tokens[i + 1].word) {
                let year = number(i + 2, digits: 4...4)
                let date = year.flatMap { CivilDate(year: $0, month: month, day: day) } ?? yearless(month, day)
                if let date { dates.append((date, token.offset, end(year == nil ? i + 1 : i + 2))) }
            }
        }
        // A date right before the dating word, nothing but spaces between, is its date
        // (`November 13th closing prices (sent Nov 20th)`; explore-BV); else the first after it.
        let cueStart = lower.index(lower.startIndex, offsetBy: cueOffset)
        if let before = dates.last(where: { $0.end <= cueOffset }),
           lower[lower.index(lower.startIndex, offsetBy: before.end)..<cueStart].allSatisfy(\.isWhitespace) {
            return before.date
        }
        return (dates.first { $0.offset >= cueOffset } ?? dates.last)?.date
    }
}
