import RebalanceEngine

/// A lot export that lists each position's row above its lots, as some brokers' downloads
/// with lots shown do: the position's row names the symbol with its total quantity and no
/// acquisition date, and the lots below it leave Symbol blank.
extension SheetTable {
    /// Sets aside each position row whose lots follow it and add up to its quantity exactly,
    /// giving them its symbol (and its account, where theirs is blank). A position row whose
    /// lots do not add up stays, and so do its lots: the blanks are errors, as a blank symbol
    /// always is. Returns whether any row was set aside (added to `skipped`).
    static func readPositionRows(_ rows: inout [DataRow], layout: RowLayout, skipped: inout [(Int, String)]) -> Bool {
        guard let symbol = layout.position(of: "Symbol"), let quantity = layout.position(of: "Quantity"),
              let acquired = layout.position(of: "Acquired") else { return false }
        let account = layout.position(of: "Account")
        func shares(_ row: DataRow) -> Quantity? {
            guard case .value(let number) = CellReader.number(row.values[quantity]), number.form == .plain else { return nil }
            return Quantity(decimal: number.text)
        }
        // Most sheets have no row without a date under a symbol: they are passed over uncopied.
        guard rows.contains(where: { row in
            if case .string? = row.values[symbol], row.values[acquired] == nil { return true }
            return false
        }) else { return false }
        var kept: [DataRow] = []
        kept.reserveCapacity(rows.count)
        var setAside = false
        var index = 0
        while index < rows.count {
            let row = rows[index]
            index += 1
            guard case .string(let name)? = row.values[symbol], row.values[acquired] == nil, let total = shares(row),
                  total > .zero else {
                kept.append(row)
                continue
            }
            // The lots below: no symbol, a date, a quantity.
            var end = index
            var sum: Int64 = 0
            while end < rows.count, rows[end].values[symbol] == nil, rows[end].values[acquired] != nil,
                  let lot = shares(rows[end]), lot > .zero {
                // Summed without trapping: a cell may hold any number, and one past the total ends the lots.
                let (next, overflow) = sum.addingReportingOverflow(lot.micros)
                guard !overflow, next <= total.micros else { break }
                sum = next
                end += 1
            }
            guard end > index, sum == total.micros else {
                kept.append(row)
                continue
            }
            let shown = name.trimmingWhitespace().excerpt
            skipped.append((row.number, "the position row of \(shown): the lots below it add up to its quantity, and "
                + "are read as \(shown)'s"))
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
}
