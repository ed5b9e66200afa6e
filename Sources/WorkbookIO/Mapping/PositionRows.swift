import RebalanceEngine

/// A lot export that lists each position's row above its lots, as some brokers' downloads
/// with lots shown do: the position's row names the symbol with its total quantity and no
/// acquisition date (blank, or `Various`), and the lots below it leave Symbol blank or
/// repeat it (and the account).
extension SheetTable {
    /// Sets aside each position row whose lots follow it and add up to its quantity exactly,
    /// giving them its symbol (and its account, where theirs is blank). A position row whose
    /// lots do not add up stays, and so do its lots: the blanks are errors, as a blank symbol
    /// always is. Returns whether any row was set aside (added to `skipped`).
    static func readPositionRows(_ rows: inout [DataRow], layout: RowLayout, skipped: inout [(Int, String)]) -> Bool {
        guard let symbol = layout.position(of: "Symbol"), let quantity = layout.position(of: "Quantity"),
              let acquired = layout.position(of: "Acquired") else { return false }
        let account = layout.position(of: "Account")
        // `--` and `N/A` are empty as a blank cell is (the contract's rule): a position row
        // with `--` under its Open Date was read as a lot with no date.
        func empty(_ value: CellValue?) -> Bool {
            if case .empty = CellReader.text(value) { return true }
            return false
        }
        /// A position row's date: none, or the word a custodian writes for several (`Various`).
        func datesSeveral(_ value: CellValue?) -> Bool {
            if empty(value) { return true }
            guard case .string(let text)? = value else { return false }
            return ["various", "multiple", "mixed"].contains(text.trimmingWhitespace().lowercased())
        }
        func shares(_ row: DataRow) -> Quantity? {
            guard case .value(let number) = CellReader.number(row.values[quantity]), number.form == .plain else { return nil }
            return Quantity(decimal: number.text)
        }
        // Most sheets have no row without a date under a symbol: they are passed over uncopied.
        guard rows.contains(where: { row in
            if case .string? = row.values[symbol], datesSeveral(row.values[acquired]) { return true }
            return false
        }) else { return false }
        var kept: [DataRow] = []
        kept.reserveCapacity(rows.count)
        var setAside = false
        var index = 0
        while index < rows.count {
            let row = rows[index]
            index += 1
            guard case .string(let name)? = row.values[symbol], datesSeveral(row.values[acquired]), let total = shares(row),
                  total > .zero else {
                kept.append(row)
                continue
            }
            let alikeName = PortfolioBuilder.alike(name)
            let accountName: String? = account.flatMap { column in
                if case .value(let text) = CellReader.text(row.values[column]) { return PortfolioBuilder.alike(text) }
                return nil
            }
            /// A lot of this position: its symbol blank or the position's, its account blank or
            /// the position's.
            func isLot(_ lot: DataRow) -> Bool {
                switch CellReader.text(lot.values[symbol]) {
                case .empty: break
                case .value(let text): guard PortfolioBuilder.alike(text) == alikeName else { return false }
                case .problem: return false
                }
                guard let account else { return true }
                switch CellReader.text(lot.values[account]) {
                case .empty: return true
                case .value(let text): return accountName == PortfolioBuilder.alike(text)
                case .problem: return false
                }
            }
            // The lots below: no symbol, a date, a quantity. Figures shown to a few decimals
            // (150.413 over 100.000, 50.206 and 0.206) may miss by each one's rounding: half a
            // unit of the last decimal shown, for the position and for each lot.
            let unit = decimalUnit(row.values[quantity])
            var end = index
            var sum: Int64 = 0
            while end < rows.count, isLot(rows[end]), !datesSeveral(rows[end].values[acquired]),
                  let lot = shares(rows[end]), lot > .zero {
                // Summed without trapping: a cell may hold any number, and one past the total ends the lots.
                let (next, overflow) = sum.addingReportingOverflow(lot.micros)
                guard !overflow, next <= total.micros + unit else { break }
                sum = next
                end += 1
            }
            let missed = abs(total.micros - sum)
            guard end > index, missed == 0 || (end - index >= 2 && missed * 2 <= unit * Int64(end - index + 1)) else {
                kept.append(row)
                continue
            }
            let shown = name.trimmingWhitespace().excerpt
            skipped.append((row.number, missed == 0
                ? "the position row of \(shown): the lots below it add up to its quantity, and are read as \(shown)'s"
                : "the position row of \(shown): the lots below it add up to \(Quantity(micros: sum)), its "
                    + "\(total) within the rounding of the figures shown, and are read as \(shown)'s"))
            for var lot in rows[index..<end] {
                lot.values[symbol] = row.values[symbol]
                if let account, lot.values[account] == nil { lot.values[account] = row.values[account] }
                kept.append(lot)
            }
            index = end
            setAside = true
        }
        if setAside { rows = kept }
        return setAside
    }

    /// Sets aside the rows that head a security's lots without being a lot or a position (a
    /// symbol or a name alone, no quantity, date or cost) when the lots right below leave
    /// their Symbol blank: an export grouped by security (Addepar's). A heading whose text is
    /// one word under Symbol gives the lots its symbol, said in one warning for the sheet; one
    /// whose text is words (`VTI - Vanguard Total…`) or whose only text is elsewhere (`VANGUARD TOTAL STOCK MARKET ETF (VTI)` across the Account
    /// column) is an error, and the lots' blank symbols stay errors: a name is not turned
    /// into a symbol. Each heading had been read as a lot with its quantity, cost and date
    /// blank, or as an account of its name (explore-AR).
    static func readSecurityHeadings(_ rows: inout [DataRow], layout: RowLayout, skipped: inout [(Int, String)],
                                     log: inout DiagnosticLog) {
        guard let symbol = layout.position(of: "Symbol"), let quantity = layout.position(of: "Quantity"),
              let acquired = layout.position(of: "Acquired") else { return }
        let costs = ["Cost Basis", "Unit Cost"].compactMap { layout.position(of: $0) }
        func filled(_ row: DataRow, _ position: Int) -> Bool {
            if case .empty = CellReader.text(row.values[position]) { return false }
            return true
        }
        var headings: [Int] = []
        var given: [(place: String, symbol: String, lots: String)] = []
        for index in rows.indices.dropLast() {
            let row = rows[index]
            guard !filled(row, quantity), !filled(row, acquired), !costs.contains(where: { filled(row, $0) }),
                  !filled(rows[index + 1], symbol), filled(rows[index + 1], quantity) else { continue }
            let texts = row.values.indices.filter { filled(row, $0) }
            // Its symbol, or its one text anywhere.
            let underSymbol = filled(row, symbol)
            guard underSymbol || texts.count == 1,
                  case .value(let said) = CellReader.text(row.values[underSymbol ? symbol : texts[0]]) else { continue }
            var last = index + 1
            while last + 1 < rows.count, !filled(rows[last + 1], symbol), filled(rows[last + 1], quantity) { last += 1 }
            let lots = last == index + 1 ? "row \(rows[last].number)" : "rows \(rows[index + 1].number)–\(rows[last].number)"
            let shown = said.trimmingWhitespace().excerpt
            // A symbol is one word: `VTI - VANGUARD TOTAL…` under Symbol is a name too.
            if underSymbol, !said.trimmingWhitespace().contains(where: \.isWhitespace) {
                for lot in index + 1...last { rows[lot].values[symbol] = row.values[symbol] }
                given.append((row.rowPlace, shown, lots))
                skipped.append((row.number, "a heading of the lots below it (\(lots)), read as \(shown)'s"))
            } else {
                log.error(row.rowPlace, "\"\(shown)\" heads the lots below it (\(lots)), whose Symbol is blank: the tool "
                    + "reads each lot's symbol on the lot's own row. Write the symbol in each of those rows' Symbol cell, and "
                    + "delete this row.")
                skipped.append((row.number, "a heading of the lots below it (\"\(said.trimmingWhitespace().prefix(40))\")"))
            }
            headings.append(index)
        }
        for index in headings.reversed() { rows.remove(at: index) }
        if let first = given.first {
            log.warning(first.place, "\(given.count == 1 ? "This row" : "This row and \(given.count - 1) more like it") "
                + "\(given.count == 1 ? "holds" : "hold") a symbol alone, above lots whose Symbol is blank: each is read as the "
                + "heading of the lots below it, which are read as its security's (\(first.symbol): \(first.lots)). If a lot "
                + "is another security's, write its symbol on its row.")
        }
    }

    /// A unit of the last decimal a quantity is shown to, in millionths of a share (0.001 of
    /// `150.413` is 1,000); zero for a whole number or one of more than six decimals.
    private static func decimalUnit(_ value: CellValue?) -> Int64 {
        guard case .value(let number) = CellReader.number(value), let point = number.text.firstIndex(of: ".") else { return 0 }
        let decimals = number.text[number.text.index(after: point)...].prefix { $0.isNumber }.count
        guard (1...6).contains(decimals) else { return 0 }
        var unit: Int64 = 1_000_000
        for _ in 0..<decimals { unit /= 10 }
        return unit
    }
}
