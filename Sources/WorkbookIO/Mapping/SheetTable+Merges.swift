/// Cells merged down over several rows, read as Excel shows them.
///
/// A PM merges a value over the rows it belongs to: an account's ID over its lots, a
/// household over its accounts, a model's name over its rows. Excel keeps the value in
/// the range's top-left cell only and shows it over the whole range, so each data row
/// the range covers is read with it.
extension SheetTable {
    /// What `readMerged` did: the ranges that gave a row a value, or the first two ranges
    /// under one column that overlap, which no spreadsheet program writes.
    struct MergedReading {
        var filled: [MergedRange] = []
        var overlapping: (MergedRange, MergedRange)?
        /// Ranges over several data rows under a column of one row's amount, with the column.
        var amounts: [(range: MergedRange, column: String)] = []
        /// Ranges over several columns and rows whose covered cells under a read column still
        /// hold values (a file Excel did not write: Excel clears them), with the first such cell.
        var hidden: [(range: MergedRange, cell: String)] = []
    }

    /// The columns whose value is one row's own amount (a lot's shares or basis, an
    /// account's cash, a security's target): merged over several rows, it is one figure
    /// for them all, and copied to each it would count two or more times (a household's
    /// $12,000 withdrawal raised in both its accounts; a basis merged over two lots given to
    /// each). Names, prices and per-share figures are the same on every row they cover.
    static let amountColumns: Set<String> = [
        "Quantity", "Cost Basis", "Market Value", "Cash", "Withdrawal", "Tax Budget", "Realized ST YTD", "Realized LT YTD",
        "ST Loss Carryforward", "LT Loss Carryforward", "Amount", "Realized Gain", "Target", "Max Weight",
    ]

    /// Fills, in `rows` (data rows in sheet order), the cells that ranges merged down
    /// cover under the columns the layout reads, with the value at the range's top. A
    /// range whose top is not a data row (a header merged over two rows, a title) or is
    /// blank fills nothing; a value a writer left in a covered cell yields to the top's,
    /// which is the one the sheet shows.
    ///
    /// Each column's ranges are taken top to bottom, so that each row is filled once at
    /// most: ranges that overlap stop the filling, to be reported.
    static func readMerged(_ ranges: [MergedRange], into rows: inout [DataRow], layout: RowLayout) -> MergedReading {
        var reading = MergedReading()
        // The sheet shows the top-left value over a range of several columns; a value kept in
        // a covered cell of a read column is one nobody sees, yet it was read as the row's own.
        for range in ranges where range.spansRows && range.lastColumn > range.firstColumn {
            let lastRead = min(range.lastColumn, layout.positionOfSheetColumn.count - 1)
            guard lastRead > range.firstColumn else { continue }
            var row = firstRow(atOrAfter: range.firstRow, in: rows)
            search: while row < rows.count, rows[row].number <= range.lastRow {
                for column in (range.firstColumn + 1)...lastRead {
                    let position = layout.positionOfSheetColumn[column]
                    guard position >= 0, rows[row].values[position] != nil else { continue }
                    reading.hidden.append((range, CellReference.name(column: column, row: rows[row].number)))
                    break search
                }
                row += 1
            }
        }
        let read = ranges.filter { range in
            range.spansRows && range.firstColumn < layout.positionOfSheetColumn.count
                && layout.positionOfSheetColumn[range.firstColumn] >= 0
        }.sorted { ($0.firstColumn, $0.firstRow) < ($1.firstColumn, $1.firstRow) }
        for (previous, range) in zip(read, read.dropFirst())
        where previous.firstColumn == range.firstColumn && range.firstRow <= previous.lastRow {
            reading.overlapping = (previous, range)
            return reading
        }
        for range in read {
            let position = layout.positionOfSheetColumn[range.firstColumn]
            var top = firstRow(atOrAfter: range.firstRow, in: rows)
            guard top < rows.count, rows[top].number == range.firstRow, let value = rows[top].values[position] else {
                continue
            }
            if amountColumns.contains(layout.names[position]) {
                if top + 1 < rows.count, rows[top + 1].number <= range.lastRow {
                    reading.amounts.append((range, layout.names[position]))
                }
                continue
            }
            var filled = false
            top += 1
            while top < rows.count, rows[top].number <= range.lastRow {
                if rows[top].values[position] != value {
                    rows[top].values[position] = value
                    filled = true
                }
                top += 1
            }
            if filled { reading.filled.append(range) }
        }
        return reading
    }

    /// The first of `rows` (in sheet order) numbered `number` or after; `rows.count` if none.
    private static func firstRow(atOrAfter number: Int, in rows: [DataRow]) -> Int {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if rows[middle].number < number { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Reads `ranges` into `rows` and says what it did: a note naming the ranges that gave
    /// rows their values, or an error for ranges that overlap or are too many to read.
    static func readMerged(
        _ summary: SheetRowsSummary, into rows: inout [DataRow], layout: RowLayout?, sheetName: String,
        log: inout DiagnosticLog
    ) {
        guard let layout, !summary.mergedDown.isEmpty else { return }
        if summary.tooManyMerged {
            log.error(sheetName, "The sheet merges cells over more ranges of several rows each than the "
                + "\(summary.mergedDown.count) read; its values cannot all be read. Unmerge the cells (Home > Merge & "
                + "Center) and fill each row's value in.")
            return
        }
        let reading = readMerged(summary.mergedDown, into: &rows, layout: layout)
        if let (first, second) = reading.overlapping {
            log.error("\(sheetName)!\(second)", "These merged cells overlap the merged cells \(sheetName)!\(first); "
                + "no spreadsheet program writes that, and which value the sheet shows is unclear. Unmerge them "
                + "and fill each row's value in.")
            return
        }
        for (range, cell) in reading.hidden {
            log.error("\(sheetName)!\(range)", "These cells are merged over several columns and rows, so the sheet shows one "
                + "value over them all, yet the file keeps values in cells they cover (\(sheetName)!\(cell)) that nobody "
                + "sees. Unmerge the cells and check each row's values.")
        }
        for (range, column) in reading.amounts {
            log.error("\(sheetName)!\(range)", "\(column) is merged over rows \(range.firstRow) to \(range.lastRow): an amount is one "
                + "row's, and copied to each row it would count \(range.lastRow - range.firstRow + 1) times. Unmerge the cells "
                + "and fill in each row's own \(column.lowercased()), or keep the whole figure on one row.")
        }
        guard !reading.filled.isEmpty else { return }
        let shown = reading.filled.prefix(3).map { "\(sheetName)!\($0)" }.joined(separator: ", ")
        let more = reading.filled.count > 3 ? " and \(reading.filled.count - 3) more" : ""
        log.info(sheetName, "Cells merged down over several rows (\(shown)\(more)) are read as the sheet shows them: "
            + "the value at the top of each is every row's value there.")
    }
}
