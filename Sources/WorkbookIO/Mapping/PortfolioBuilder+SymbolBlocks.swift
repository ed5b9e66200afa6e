import RebalanceEngine

/// A lot export in blocks per security: no Symbol column, and above each block's header (or
/// above the one header, for one security) a title row naming the security, as custodians
/// and PMs lay out lot detail: `AAPL - Apple Inc`, `APPLE INC (AAPL)`, `Symbol: AAPL`.
extension PortfolioBuilder {
    /// The symbol of `row`'s block, by its title; nil when the title names none of the
    /// book's symbols, or several (an error, logged once for the block).
    mutating func blockSymbol(of row: SheetTable.DataRow, in table: SheetTable) -> String? {
        guard let block = table.block(of: row.number) else { return nil }
        return blockSymbol(of: block, in: table)
    }

    /// The symbol worked out for a block whose lots were read; nil for one without lots
    /// (a header right below its security's title), or whose title names none.
    func readBlockSymbol(of block: SheetTable.Block, in table: SheetTable) -> String? {
        blockSymbols[table.key(of: block)] ?? nil
    }

    /// `blockSymbol(of:in:)` of a block, worked out once.
    private mutating func blockSymbol(of block: SheetTable.Block, in table: SheetTable) -> String? {
        let key = table.key(of: block)
        if let resolved = blockSymbols[key] { return resolved }
        let resolved = resolveSymbol(of: block, in: table)
        blockSymbols[key] = .some(resolved)
        return resolved
    }

    private mutating func resolveSymbol(of block: SheetTable.Block, in table: SheetTable) -> String? {
        guard let title = block.title else {
            // An unread header that may be the Symbol (`Security`, `CUSIP`) is what to rename:
            // a title above a table of many securities' lots would not do.
            if let (text, cell) = table.unknownHeaders.first(where: { SheetTable.mayBe($0.header, ["Symbol"]) }) {
                log.error("\(table.sheetName)!row \(block.headerRow)", "The header row lacks the required column Symbol. "
                    + "\"\(text.excerpt)\" (\(table.sheetName)!\(cell)) may be the Symbol: rename it Symbol if it holds "
                    + "each lot's ticker.")
                return nil
            }
            log.error("\(table.sheetName)!row \(block.headerRow)", "The lots under this header have no Symbol column and "
                + "no title row above naming their security: put a title naming the symbol above the header, or each "
                + "lot's symbol in a Symbol column.")
            return nil
        }
        let found = PortfolioBuilder.symbols(namedBy: title.text, among: bookSymbols())
        switch found.count {
        case 1:
            log.info(title.place, "The lots under \"\(title.text.excerpt)\", to the next security's title, are "
                + "\(found[0].excerpt)'s: the Lots sheet has no Symbol column, and the title names the symbol.")
            return found[0]
        case 0:
            log.error(title.place, "The Lots sheet's header (row \(block.headerRow)) has no Symbol column, so the "
                + "title above the lots, \"\(title.text.excerpt)\", must name their symbol, and it names none of the "
                + "Model, Prices, Securities or Transactions sheets' symbols. Add a Symbol column, or write the "
                + "symbol in the title.")
        default:
            log.error(title.place, "The block title \"\(title.text.excerpt)\" could name any of the symbols "
                + "\(found.prefix(4).joined(separator: ", ")): write the one symbol alone in the title.")
        }
        return nil
    }

    /// The symbols the book names outside its lots, upper case: a title is matched only
    /// against these, so that a word of a heading is never taken for a ticker.
    private mutating func bookSymbols() -> Set<String> {
        if let known = titleSymbols { return known }
        var known = Set<String>()
        for sheet in [ContractSheet.model, .prices, .securities, .transactions, .manualTrades] {
            guard let table = tables[sheet] else { continue }
            for row in table.rows {
                if case .value(let symbol) = CellReader.text(row["Symbol"]) { known.insert(symbol.uppercased()) }
                if sheet == .securities, case .value(let list) = CellReader.text(row["Replacement"]) {
                    known.formUnion(PortfolioBuilder.replacementSymbols(list))
                }
            }
        }
        titleSymbols = known
        return known
    }

    /// The symbols of `known` that a block title names: those written in parentheses
    /// (`APPLE INC (AAPL)`), else its first word when it is one (`AAPL - Apple Inc`,
    /// `AAPL`), else those among its words (`Symbol: AAPL`), in the order written.
    static func symbols(namedBy title: String, among known: Set<String>) -> [String] {
        /// The words of `text`: runs between spaces and the marks that set a ticker apart
        /// (`BRK.B`, `BRK-B` and `BRK/B` stay whole).
        func words(_ text: Substring) -> [String] {
            text.split { $0.isWhitespace || ",:;()[]|".contains($0) }
                .map { String($0).trimmingCharacters(in: "-–—.*") .uppercased() }
                .filter { !$0.isEmpty }
        }
        func distinct(_ symbols: [String]) -> [String] {
            var seen = Set<String>()
            return symbols.filter { seen.insert($0).inserted }
        }
        var inParentheses: [String] = []
        var rest = title[...]
        while let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            inParentheses += words(rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
        }
        let parenthesized = distinct(inParentheses.filter(known.contains))
        if !parenthesized.isEmpty { return parenthesized }
        let all = words(title[...])
        if let first = all.first, known.contains(first) { return [first] }
        return distinct(all.filter(known.contains))
    }
}

private extension String {
    /// The string without any of `characters` at either end.
    func trimmingCharacters(in characters: String) -> String {
        var text = self[...]
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
