import RebalanceEngine

extension PortfolioBuilder {
    /// A name's letters and digits alone, lower case: `Total Int'l` is `totalintl`. A name of
    /// none (`--`) is itself.
    static func lettersAndDigits(_ name: String) -> String {
        let kept = String(name.lowercased().filter { $0.isLetter || $0.isNumber })
        return kept.isEmpty ? name : kept
    }

    /// A name as names are matched across sheets: lower case, runs of spaces one space
    /// (`Smith  family` is `Smith Family`'s household, `acc-1` the account `ACC-1`).
    static func alike(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `alike(text) == alike`, for `alike` already made alike. An ASCII text is
    /// compared byte by byte as `alike` would make it, with nothing made: the stacked-table
    /// check asks it of every text cell against its column's name, and making each cell's
    /// alike name was most of the time a sheet of 280,000 rows took to read.
    static func isAlike(_ text: String, to alike: String) -> Bool {
        var target = alike.utf8.makeIterator()
        var pendingSpace = false, started = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return PortfolioBuilder.alike(text) == alike }
            if byte.isASCIIWhitespace {
                pendingSpace = started
                continue
            }
            if pendingSpace {
                guard target.next() == 0x20 else { return false }
                pendingSpace = false
            }
            started = true
            guard target.next() == byte.asciiLowercased else { return false }
        }
        return target.next() == nil
    }

    /// A symbol without its separators: `BRK/B`, `BRK.B`, `BRK-B` and `BRK B` are `BRKB`.
    static func separatorFree(_ symbol: String) -> String {
        symbol.filter { !"./-_ ".contains($0) }
    }

    /// Symbols written on the sheets that differ only in their separators (`BRK/B` on Lots,
    /// `BRK.B` on the Model, `BRK B` in Transactions) are an error naming both cells. Taken as
    /// two symbols, the plan would sell the one and buy the other, one security, realizing
    /// its gain for nothing; a loss sale of the one would open no window on the other.
    /// Custodians, quote sources and PMs write class shares each their own way, so the
    /// tool asks rather than guesses. A book that means two securities lists both on the
    /// Securities sheet. The Prices sheet is left out: a row there that nothing needs does
    /// no harm, and one that a needed symbol lacks is named where its price is missing.
    mutating func checkSymbolSpellings() {
        var firstPlace: [String: String] = [:]
        var written: [String] = []
        var listedOnSecurities: Set<String> = []
        // A symbol's place is worked out only when first met: naming a cell for each of a
        // firm book's 200,000 lots cost more than reading them.
        func note(_ symbol: String, at place: @autoclosure () -> String) {
            guard firstPlace[symbol] == nil else { return }
            firstPlace[symbol] = place()
            written.append(symbol)
        }
        let sheets = lotTables + [ContractSheet.model, .securities, .transactions, .manualTrades].compactMap { tables[$0] }
        for table in sheets {
            let sheet = table.sheet
            // A lot export in blocks per security writes each symbol in a block's title.
            if table.symbolsFromTitles {
                for block in table.blocks {
                    if let symbol = readBlockSymbol(of: block, in: table), let title = block.title { note(symbol, at: title.place) }
                }
            }
            // A symbol's cell text met before on the sheet is passed over: a firm book's
            // lots repeat a few hundred symbols 200,000 times, and trimming and upper-casing
            // each cost more than this one lookup (callgrind).
            var seen = Set<String>()
            for row in table.rows {
                let cell = row["Symbol"]
                if case .string(let raw)? = cell, !seen.insert(raw).inserted, sheet != .securities { continue }
                if case .value(let text) = CellReader.text(cell) {
                    note(text.uppercased(), at: row.place("Symbol"))
                    if sheet == .securities { listedOnSecurities.insert(text.uppercased()) }
                }
                if sheet == .securities, case .value(let list) = CellReader.text(row["Replacement"]) {
                    for symbol in PortfolioBuilder.replacementSymbols(list) { note(symbol, at: row.place("Replacement")) }
                }
            }
        }
        var spellings: [String: [String]] = [:]
        var skeletons: [String] = []
        for symbol in written {
            let skeleton = PortfolioBuilder.separatorFree(symbol)
            if spellings[skeleton] == nil { skeletons.append(skeleton) }
            spellings[skeleton, default: []].append(symbol)
        }
        for skeleton in skeletons {
            let group = spellings[skeleton]!
            guard group.count > 1, !group.allSatisfy(listedOnSecurities.contains) else { continue }
            for other in group.dropFirst() {
                log.error(firstPlace[other]!, "\(other.excerpt) here and \(group[0].excerpt) at \(firstPlace[group[0]]!) differ only in their separators: write one security the same way on every sheet (or list both on the Securities sheet if they are two).")
            }
        }
        // A symbol written with its exchange after it (`VTI US`, `VTI.N`, as Bloomberg and
        // Reuters name listings) beside the bare symbol elsewhere: one security, said at the
        // cell. It was refused as a symbol with no price, without saying why (explore-AM).
        // So is one written with its exchange before it (`NYSEARCA:VTI`, as Google Finance names
        // listings), or with marks around it (`'GOOGL` from a CSV import, `"VTI"`, `(VTI)`,
        // `GOOGL*`): each was a security of its own, a legacy holding sold whole and bought
        // back, or a loss sale that opened no window (explore-AO).
        for symbol in written {
            let exchange = PortfolioBuilder.withoutExchange(symbol)
            guard let base = exchange ?? PortfolioBuilder.withoutMarks(symbol), base != symbol, let place = firstPlace[base],
                  !(listedOnSecurities.contains(symbol) && listedOnSecurities.contains(base)) else { continue }
            log.error(firstPlace[symbol]!, "\(symbol.excerpt) here and \(base.excerpt) at \(place) name one security, the first "
                + (exchange != nil ? "with its exchange written with it" : "with marks around it")
                + ": write \(base.excerpt) on every sheet (or list both on the Securities sheet if they are two).")
        }
        // A security's name with its ticker in parentheses (`Apple Inc (AAPL)`, as a lot export
        // titles a security's block) beside the ticker elsewhere: one security, said at the cell
        // as the marks are. Taken as a name nothing else names, its loss was sold and AAPL
        // bought back the same day, a wash sale the plan could not see (explore-CS). The tool
        // asks rather than reads the ticker out: the cell may be a fund named after an index.
        for symbol in written {
            guard let ticker = PortfolioBuilder.tickerInParentheses(symbol), let place = firstPlace[ticker],
                  !(listedOnSecurities.contains(symbol) && listedOnSecurities.contains(ticker)) else { continue }
            log.error(firstPlace[symbol]!, "\(symbol.excerpt) here and \(ticker.excerpt) at \(place) name one security, the "
                + "first with its name written before the ticker: write \(ticker.excerpt) on every sheet (or list both on the "
                + "Securities sheet if they are two).")
        }
    }

    /// The ticker a name ends with in parentheses (`APPLE INC (AAPL)` → `AAPL`), or nil: the
    /// words before it must hold a letter, and the ticker be one word. A name without the
    /// parentheses is no ticker's, whatever it reads like.
    static func tickerInParentheses(_ symbol: String) -> String? {
        guard symbol.hasSuffix(")"), let open = symbol.lastIndex(of: "(") else { return nil }
        let name = String(symbol[..<open]).trimmingWhitespace()
        let ticker = String(symbol[symbol.index(after: open)..<symbol.index(before: symbol.endIndex)]).trimmingWhitespace()
        guard name.contains(where: \.isLetter), !ticker.isEmpty, !ticker.contains(where: \.isWhitespace) else { return nil }
        return ticker.uppercased()
    }

    /// A symbol without the marks a copy or an export leaves around it: a leading apostrophe
    /// (a CSV import's text mark), quotes, parentheses or brackets around it, a `$` or `^`
    /// before it, a `*` or `#` after it; nil when it has none of those, or ends in Fidelity's
    /// `**`.
    static func withoutMarks(_ symbol: String) -> String? {
        // Fidelity marks its core money-market position so (`SPAXX**`, the account's cash,
        // `SPAXX` in its history): no mistake to ask about.
        if symbol.hasSuffix("**") { return nil }
        var text = Substring(symbol)
        for (open, close) in [("\"", "\""), ("(", ")"), ("[", "]"), ("'", "'"), ("\u{201C}", "\u{201D}"), ("\u{2018}", "\u{2019}")]
        where text.count > 2 && text.hasPrefix(open) && text.hasSuffix(close) {
            text = text.dropFirst().dropLast()
        }
        while let first = text.first, "'$^\u{2018}".contains(first) { text = text.dropFirst() }
        while let last = text.last, "*#".contains(last) { text = text.dropLast() }
        let base = String(text).trimmingWhitespace()
        return base.isEmpty || base == symbol || base.contains(" ") ? nil : base
    }

    /// A symbol without the exchange a data vendor writes after it (`VTI US`, `VTI UN`, `VTI US
    /// Equity`, `VTI.N`, `VTI.O`, Refinitiv's `VTI.P` and `VTI.K`, FactSet's `VTI-US`) or before
    /// it (`NYSEARCA:VTI`); nil when it has none of those. Class letters (`BRK.B`, `BF.A`) are
    /// no exchange; a `.P` or `.K` said of a symbol the book also names bare is an error a
    /// book of two such securities answers by listing both on the Securities sheet.
    static func withoutExchange(_ symbol: String) -> String? {
        let upper = symbol.uppercased()
        // An exchange or a country before a colon (`NYSEARCA:VTI`, `NASDAQ:GOOGL`, `US:VTI`) or
        // after one (`VTI:US`), letters only.
        if let colon = upper.firstIndex(of: ":") {
            let before = upper[..<colon], after = upper[upper.index(after: colon)...]
            let isExchange = { (part: Substring) in (2...12).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isLetter } }
            if ["US", "CA", "GB", "UK", "LN", "DE", "JP", "HK", "AU"].contains(after), !before.isEmpty, !before.contains(" ") {
                return String(before)
            }
            if isExchange(before), !after.isEmpty, !after.contains(" ") { return String(after) }
            return nil
        }
        for suffix in [" US EQUITY", " EQUITY", " US", " UN", " UW", " UQ", " UA", " UP", " UR", ".N", ".O", ".OQ", ".US",
                       "-US", ".P", ".K"]
        where upper.hasSuffix(suffix) && upper.count > suffix.count {
            let base = String(upper.dropLast(suffix.count)).trimmingWhitespace()
            return base.isEmpty || base.contains(" ") ? nil : base
        }
        return nil
    }
}
