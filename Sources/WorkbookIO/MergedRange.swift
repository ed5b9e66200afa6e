/// A range of merged cells (`<mergeCell ref="A4:A9"/>`): Excel shows the value of its
/// top-left cell over the whole range, and keeps no value in its other cells.
public struct MergedRange: Sendable, Equatable, CustomStringConvertible {
    public let firstColumn: Int
    public let firstRow: Int
    public let lastColumn: Int
    public let lastRow: Int

    /// `A4:B9`.
    public var description: String {
        "\(CellReference.name(column: firstColumn, row: firstRow)):\(CellReference.name(column: lastColumn, row: lastRow))"
    }

    /// Whether the range covers more than one row: a value merged down over several.
    public var spansRows: Bool { lastRow > firstRow }

    /// The range a `ref` attribute names (`A4:B9`, corners in either order), or nil when it
    /// does not name two cells within Excel's grid.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> MergedRange? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let first = UnsafeBufferPointer(rebasing: bytes[..<colon])
        let last = UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])
        guard let start = CellReference.parse(first), let end = CellReference.parse(last),
              let startColumn = start.column, let startRow = start.row,
              let endColumn = end.column, let endRow = end.row else { return nil }
        let columns = min(startColumn, endColumn)...max(startColumn, endColumn)
        let rows = min(startRow, endRow)...max(startRow, endRow)
        guard columns.lowerBound >= 1, columns.upperBound <= ReadLimits.maxColumns,
              rows.lowerBound >= 1, rows.upperBound <= ReadLimits.maxRows else { return nil }
        return MergedRange(firstColumn: columns.lowerBound, firstRow: rows.lowerBound,
                           lastColumn: columns.upperBound, lastRow: rows.upperBound)
    }
}

/// A cell whose formula is today's date, and the formula's start as written (`=TODAY()`).
public struct TodayFormula: Sendable, Equatable {
    public let cell: String
    public let formula: String
}

/// What reading a worksheet's rows found besides them.
public struct SheetRowsSummary: Sendable, Equatable {
    /// Cells that hold a formula with no saved result.
    public var formulasWithoutValue: [String] = []
    /// Cells whose formula is today's date (`TODAY()`, `NOW()`, `WORKDAY(TODAY(),-1)`), with
    /// the formula's start as written, at most `maxTodayFormulas`.
    public var todayFormulas: [TodayFormula] = []
    static let maxTodayFormulas = 1_000
    /// The merged ranges that cover more than one row, in the order the sheet lists them.
    public var mergedDown: [MergedRange] = []
    /// Whether the sheet lists more such ranges than are kept (`ReadLimits.maxMergedDown`).
    public var tooManyMerged = false
    /// The rows holding a value that the sheet hides (a filter, or Hide Rows), as runs of
    /// row numbers in sheet order; at most `maxHiddenRuns` runs are kept (a warning names four).
    public var hiddenRows: [ClosedRange<Int>] = []
    static let maxHiddenRuns = 100_000
    /// The columns the sheet hides (Hide Columns: a `<col>` marked hidden), as the sheet
    /// lists their runs of column numbers; at most `maxHiddenColumnRuns` runs are kept.
    public var hiddenColumns: [ClosedRange<Int>] = []
    static let maxHiddenColumnRuns = 16_384
    /// The sheet's first date cell whose format writes the day before the month (`dd/mm/yyyy`),
    /// and that format: the sign of a book kept day first.
    public var firstDayFirstDate: DayFirstDate?
    /// The number cells whose format writes a scale word beside a number it does not scale
    /// (`"$"#,##0"K"`: 5 shown as `$5K`), with that format, at most `maxScaleWordCells`.
    public var scaleWordCells: [ScaleWordCell] = []
    static let maxScaleWordCells = 10_000

    /// A date cell whose format writes the day first, and that format.
    public struct DayFirstDate: Sendable, Equatable {
        public var cell: String
        public var format: String
    }

    /// A number cell whose format writes a scale word it does not scale by, and that format.
    public struct ScaleWordCell: Sendable, Equatable {
        public var cell: String
        public var format: String
    }

    /// The hidden rows in row order, runs that touch made one (a sheet read by row number).
    mutating func sortHiddenRows() {
        var runs: [ClosedRange<Int>] = []
        for run in hiddenRows.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = runs.last, run.lowerBound <= last.upperBound + 1 {
                runs[runs.count - 1] = last.lowerBound...max(last.upperBound, run.upperBound)
            } else {
                runs.append(run)
            }
        }
        hiddenRows = runs
    }

    /// Notes that row `number` holds values and is hidden.
    mutating func noteHidden(_ number: Int) {
        if let last = hiddenRows.last, last.upperBound + 1 == number {
            hiddenRows[hiddenRows.count - 1] = last.lowerBound...number
        } else if hiddenRows.count < SheetRowsSummary.maxHiddenRuns {
            hiddenRows.append(number...number)
        }
    }
}
