/// A Settings sheet without its Setting and Value header, as PMs lay one out: the keys down a
/// column with each value to its right, or the keys across a row with each value below it.
struct SettingsLayout {
    /// One key and its value, where each was found.
    struct Entry {
        let key: String
        /// `Settings!A3`.
        let keyPlace: String
        /// The key's column, where a layout of its own found it (`nil` under the table's
        /// Setting header).
        var keyColumn: Int? = nil
        let value: CellValue?
        let valuePlace: String
        /// The row's `Unit` cell and its place, under a header with a Unit column.
        var unit: (value: CellValue, place: String)? = nil
        /// Outside the table: a second value right of the first (`Old | New`), and the words
        /// heading the pair's block (`Last quarter (for reference)`, `Default`).
        var rival: (value: CellValue, place: String)? = nil
        var heading: String? = nil
    }

    /// Words heading a block of settings that are not this run's: an example, a reference, the
    /// template's defaults, an old copy or a change log.
    static let notThisRunWords: Set<String> = [
        "default", "defaults", "example", "examples", "sample", "samples", "reference", "illustration", "illustrative",
        "template", "old", "previous", "prior", "last", "was", "before", "history", "log", "changelog", "changed", "archive",
        "archived", "former", "superseded", "obsolete",
    ]

    /// Whether a cell holds a figure or a word a setting takes (a number, a date, `Yes`,
    /// `Unlimited`), not a note (`Prepared by J. Chen`).
    static func isFigure(_ value: CellValue) -> Bool {
        switch value {
        case .number, .date, .bool: return true
        case .string(let text):
            if case .value = CellReader.number(value) { return true }
            let lowered = text.trimmingWhitespace().lowercased()
            return ["unlimited", "yes", "no", "none", "true", "false", "target", "band edge", "fifo", "lifo", "hifo",
                    "tax optimal", "json", "csv"].contains(lowered) || lowered.hasPrefix("http")
                || { if case .value = CellReader.date(value, uses1904: false) { return true }; return false }()
        default: return false
        }
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
    /// Other rows below the keys holding values for as many keys as the one read, when the
    /// keys run across a row (`Q3` and `Q4` rows of values).
    private(set) var rivalValueRows: [Int] = []
    /// The texts heading the value columns, by column, when a row above the keys has them; or,
    /// with the keys across a row, labelling the value rows, by row.
    private(set) var valueHeadings: [Int: String] = [:]

    /// The units a row under keys across may hold instead of values.
    static let unitWords: Set<String> = ["%", "$", "usd", "days", "date", "y/n", "yes/no", "#", "pct", "percent", "dollars",
                                         "(%)", "($)", "text", "unit", "units"]

    /// Whether every cell of `row` under a key is a unit (`%`, `$`, `days`).
    static func isUnitsRow(_ row: Row, under keyColumns: Set<Int>) -> Bool {
        let cells = row.cells.filter { keyColumns.contains($0.column) }
        return !cells.isEmpty && cells.allSatisfy { cell in
            guard case .string(let text) = cell.value else { return false }
            return unitWords.contains(text.trimmingWhitespace().lowercased())
        }
    }

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
            // The values are in the next row with a cell under a key, past a row of units (`%`,
            // `$`), which had been read as the values (explore-CH).
            let below = rows.filter { $0.number > row.key && $0.cells.contains { keyColumns.contains($0.column) } }
            guard let valueRow = below.first(where: { !SettingsLayout.isUnitsRow($0, under: keyColumns) }) else { return nil }
            // Rows further down with values under nearly as many keys (four in five) are rivals:
            // last quarter's row above this run's, each labelled left of the keys (`Q3`, `Q4`).
            // The first had been read without a word (explore-CH). Rows of notes are no rivals.
            func valueCount(_ row: Row) -> Int {
                row.cells.filter { cell in
                    guard keyColumns.contains(cell.column) else { return false }
                    if case .string(let words) = cell.value, words.split(separator: " ").count > 3 { return false }
                    return true
                }.count
            }
            let most = valueCount(valueRow)
            let rivals = below.filter { $0.number > valueRow.number && !SettingsLayout.isUnitsRow($0, under: keyColumns) }
                .filter { valueCount($0) >= 2 && valueCount($0) * 5 >= most * 4 }
            if !rivals.isEmpty, let firstKey = keyColumns.min() {
                rivalValueRows = rivals.map(\.number)
                for row in [valueRow] + rivals {
                    if let label = row.cells.last(where: { $0.column < firstKey }), case .string(let text) = label.value {
                        valueHeadings[row.number] = text
                    }
                }
            }
            // A row of units between the keys and the values says each value's unit, as a Unit
            // column does.
            let unitsRow = below.last { $0.number < valueRow.number }
            for cell in keyRow.cells {
                guard case .string(let text) = cell.value else { continue }
                let value = valueRow.cells.first { $0.column == cell.column }?.value
                let unit = unitsRow.flatMap { units in
                    units.cells.first { $0.column == cell.column }.map { ($0.value, place(cell.column, units.number)) }
                }
                entries.append(Entry(key: text, keyPlace: place(cell.column, keyRow.number), keyColumn: cell.column, value: value,
                                     valuePlace: place(cell.column, valueRow.number), unit: unit))
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
                entries.append(Entry(key: text, keyPlace: place(column.key, row.number), keyColumn: column.key, value: value,
                                     valuePlace: place(valueColumn, row.number)))
            }
            direction = .down(key: column.key, value: valueColumn)
        }
        self.entries = entries
    }

    /// Keys and their values standing outside a Settings sheet's `Setting | Value` table: above
    /// its header, or in another column than its Setting column (the PM's own list of pairs
    /// beside a small change-log box whose header had been taken for the sheet's, and the
    /// pairs set aside while the box's old budget was planned; explore-CF). A key's value is
    /// the cell right of it, at most two columns on, when it is a figure or a word a setting
    /// takes (not another key, whose value is below it, nor a legend's or a note's words).
    static func pairsOutside(_ rows: [Row], headerRow: Int, settingColumn: Int, valueColumn: Int,
                             sheetName: String) -> [Entry] {
        func place(_ column: Int, _ row: Int) -> String { "\(sheetName)!\(CellReference.name(column: column, row: row))" }
        func isKey(_ value: CellValue?) -> Bool {
            if case .string(let text)? = value { return SettingKey.matching(text) != nil }
            return false
        }
        let rowByNumber = Dictionary(rows.map { ($0.number, $0) }) { first, _ in first }
        var pairs: [Entry] = []
        for row in rows {
            for (index, cell) in row.cells.enumerated() {
                guard case .string(let text) = cell.value, SettingKey.matching(text) != nil else { continue }
                if row.number > headerRow && cell.column == settingColumn { continue }
                if row.number >= headerRow && cell.column == valueColumn { continue }
                guard index + 1 < row.cells.count, case let next = row.cells[index + 1], next.column <= cell.column + 2,
                      !(row.number == headerRow && [settingColumn, valueColumn].contains(next.column)),
                      !isKey(next.value), SettingsLayout.isFigure(next.value) else { continue }
                var entry = Entry(key: text, keyPlace: place(cell.column, row.number), keyColumn: cell.column, value: next.value,
                                  valuePlace: place(next.column, row.number))
                // A second value right beside the first (a change log's `Old | New`).
                if index + 2 < row.cells.count, case let after = row.cells[index + 2], after.column == next.column + 1,
                   SettingsLayout.isFigure(after.value) {
                    entry.rival = (after.value, place(after.column, row.number))
                }
                // The block's heading: the row above its run of keys, within two rows.
                var top = row.number
                while let above = rowByNumber[top - 1], isKey(above[cell.column]) { top -= 1 }
                for number in stride(from: top - 1, through: max(1, top - 2), by: -1) {
                    guard let above = rowByNumber[number] else { continue }
                    let words = above.cells.filter { $0.column >= cell.column - 1 && $0.column <= next.column + 2 }
                        .compactMap { cell -> String? in if case .string(let t) = cell.value { return t }; return nil }
                    if !words.isEmpty { entry.heading = words.joined(separator: " "); break }
                }
                pairs.append(entry)
            }
        }
        return pairs
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
