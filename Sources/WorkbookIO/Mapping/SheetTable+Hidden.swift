extension SheetTable {
    /// Warns once for a sheet whose table rows include hidden ones (a filter or Hide Rows):
    /// they are read like any other, so a lot a PM filtered out of sight still counts, and
    /// the PM is told which rows those are. `rows` are the table's rows, in sheet order.
    static func noteHiddenRows(_ summary: SheetRowsSummary, rows: [DataRow], sheetName: String, log: inout DiagnosticLog) {
        guard !summary.hiddenRows.isEmpty else { return }
        // Sorted, should a writer have listed rows out of order, and searched by halves.
        let hidden = summary.hiddenRows.sorted { $0.lowerBound < $1.lowerBound }
        func isHidden(_ number: Int) -> Bool {
            var low = 0, high = hidden.count
            while low < high {
                let middle = (low + high) / 2
                if hidden[middle].upperBound < number { low = middle + 1 } else { high = middle }
            }
            return low < hidden.count && hidden[low].contains(number)
        }
        // The runs of hidden table rows.
        var runs: [ClosedRange<Int>] = []
        var count = 0
        for row in rows where isHidden(row.number) {
            count += 1
            if let last = runs.last, last.upperBound + 1 == row.number {
                runs[runs.count - 1] = last.lowerBound...row.number
            } else {
                runs.append(row.number...row.number)
            }
        }
        guard count > 0 else { return }
        let named = runs.prefix(4).map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }
        let listed = named.joinedAsList
        let more = runs.count > 4 ? " (\(count) rows in all)" : ""
        log.warning(sheetName, "\(count == 1 ? "Row" : "Rows") \(listed)\(more) of this sheet \(count == 1 ? "is" : "are") hidden "
            + "(by a filter or Hide Rows) and \(count == 1 ? "is" : "are") read like the others: the tool reads every row "
            + "of a table, seen or not. Delete any row that should not count.")
    }

    /// Warns once for a sheet that hides columns the tool reads (Hide Columns): they count
    /// like any other, so a Term override in a column a PM hid still makes a lot long-term,
    /// and the PM is told which columns those are (hidden rows were named; hidden columns
    /// were read without a word).
    static func noteHiddenColumns(_ summary: SheetRowsSummary, layout: RowLayout?, sheetName: String,
                                  log: inout DiagnosticLog) {
        guard !summary.hiddenColumns.isEmpty, let layout else { return }
        var hidden: [(column: Int, name: String)] = []
        for (position, column) in layout.sheetColumns.enumerated()
        where summary.hiddenColumns.contains(where: { $0.contains(column) }) {
            hidden.append((column, layout.names[position]))
        }
        let named = hidden.sorted { $0.column < $1.column }.map { "\(CellReference.columnName($0.column)) (\($0.name))" }
        guard !named.isEmpty else { return }
        let listed = named.joinedAsList
        let one = named.count == 1
        log.warning(sheetName, "\(one ? "Column" : "Columns") \(listed) of this sheet \(one ? "is" : "are") hidden and "
            + "\(one ? "is" : "are") read like the others: the tool reads every column it knows, seen or not. Clear or "
            + "delete any column that should not count.")
    }
}
