/// A Settings sheet without its Setting and Value header, as PMs lay one out: the keys down a
/// column with each value to its right, or the keys across a row with each value below it.
struct SettingsLayout {
    /// One key and its value, where each was found.
    struct Entry {
        let key: String
        /// `Settings!A3`.
        let keyPlace: String
        let value: CellValue?
        let valuePlace: String
    }

    enum Direction: Equatable {
        /// The keys in column `key`, their values in column `value`.
        case down(key: Int, value: Int)
        /// The keys in row `key`, their values in row `value`.
        case across(key: Int, value: Int)
    }

    let direction: Direction
    let entries: [Entry]
    /// Other columns right of the keys holding values for as many keys as the one read
    /// (`Setting | Last Quarter | This Run`): which is meant is the PM's to say.
    private(set) var rivalValueColumns: [Int] = []
    /// The texts heading the value columns, by column, when a row above the keys has them.
    private(set) var valueHeadings: [Int: String] = [:]

    /// How many of a sheet's first rows are kept to look for a layout without a header: a
    /// Settings sheet has a few dozen.
    static let rowsKept = 1_000

    /// The layout of `rows` (the sheet's first rows), or nil when no cell holds a key the
    /// tool knows. The keys run down the column holding most of them, or across the row
    /// holding most, when that row holds two or more and more than any column.
    init?(_ rows: [Row], sheetName: String) {
        var keysInColumn: [Int: Int] = [:]
        var keysInRow: [Int: Int] = [:]
        for row in rows {
            for cell in row.cells {
                guard case .string(let text) = cell.value, SettingKey.matching(text) != nil else { continue }
                keysInColumn[cell.column, default: 0] += 1
                keysInRow[row.number, default: 0] += 1
            }
        }
        // Ties go to the first column or row.
        guard let column = keysInColumn.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) else { return nil }
        let row = keysInRow.max { ($0.value, -$0.key) < ($1.value, -$1.key) }!
        func place(_ column: Int, _ row: Int) -> String { "\(sheetName)!\(CellReference.name(column: column, row: row))" }
        var entries: [Entry] = []
        if row.value >= 2 && row.value > column.value {
            guard let keyRow = rows.first(where: { $0.number == row.key }) else { return nil }
            let keyColumns = Set(keyRow.cells.map(\.column))
            // The values are in the next row with a cell under a key.
            guard let valueRow = rows.first(where: { $0.number > row.key && $0.cells.contains { keyColumns.contains($0.column) } })
            else { return nil }
            for cell in keyRow.cells {
                guard case .string(let text) = cell.value else { continue }
                let value = valueRow.cells.first { $0.column == cell.column }?.value
                entries.append(Entry(key: text, keyPlace: place(cell.column, keyRow.number), value: value,
                                     valuePlace: place(cell.column, valueRow.number)))
            }
            direction = .across(key: keyRow.number, value: valueRow.number)
        } else {
            // The values are in the column right of the keys that holds most of theirs. Columns
            // holding values for nearly as many keys (four in five of the most) are rivals: a PM
            // keeping last quarter's settings beside this run's. A column of notes (sentences
            // about each key) is no rival.
            var valuesInColumn: [Int: Int] = [:]
            var valueLikeInColumn: [Int: Int] = [:]
            var firstKeyRow: Int?
            for row in rows {
                guard let key = row.cells.first(where: { $0.column == column.key }),
                      case .string(let text) = key.value, SettingKey.matching(text) != nil else { continue }
                if firstKeyRow == nil { firstKeyRow = row.number }
                for cell in row.cells where cell.column > column.key {
                    valuesInColumn[cell.column, default: 0] += 1
                    if case .string(let words) = cell.value, words.split(separator: " ").count > 3 { continue }
                    valueLikeInColumn[cell.column, default: 0] += 1
                }
            }
            let valueColumn = valuesInColumn.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? column.key + 1
            let most = valuesInColumn[valueColumn] ?? 0
            rivalValueColumns = valueLikeInColumn.filter { $0.key != valueColumn && $0.value >= 2 && $0.value * 5 >= most * 4 }
                .map(\.key).sorted()
            if !rivalValueColumns.isEmpty, let firstKeyRow, let headingRow = rows.last(where: { $0.number < firstKeyRow }) {
                for cell in headingRow.cells { if case .string(let text) = cell.value { valueHeadings[cell.column] = text } }
            }
            for row in rows {
                guard let key = row.cells.first(where: { $0.column == column.key }),
                      case .string(let text) = key.value else { continue }
                let value = row.cells.first { $0.column == valueColumn }?.value
                entries.append(Entry(key: text, keyPlace: place(column.key, row.number), value: value,
                                     valuePlace: place(valueColumn, row.number)))
            }
            direction = .down(key: column.key, value: valueColumn)
        }
        self.entries = entries
    }

    /// What the reader took the layout to be, for a note.
    var description: String {
        switch direction {
        case .down(let key, let value):
            return "The sheet has no Setting and Value header: the keys are read down column "
                + "\(CellReference.columnName(key)), each value to its right in column \(CellReference.columnName(value))."
        case .across(let key, let value):
            return "The sheet has no Setting and Value header: the keys are read across row \(key), each value "
                + "below it in row \(value)."
        }
    }
}
