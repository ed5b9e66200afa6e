/// A cell's value as Excel shows it: formulas by their cached result.
public enum CellValue: Sendable, Equatable {
    /// A number, with what its format says it means (`percent`, `duration` or `plain`).
    case number(Double, NumberFormatKind)
    case string(String)
    case bool(Bool)
    /// An error literal such as `#DIV/0!` or `#GETTING_DATA`.
    case error(String)
    /// A number in a date format, or a `t="d"` cell.
    case date(ExcelDateTime)
    /// A formula whose result was never saved: the workbook must be opened and saved in Excel.
    case formulaWithoutValue
    /// A formula saved with the 0 that a program writing formulas without calculating them
    /// puts in place of a result (the workbook asks to be calculated when opened): its
    /// value is unknown until a spreadsheet calculates and saves it. Read only when asked
    /// (`Workbook.readRows(in:distrustingZeroResults:_:)`).
    case uncalculatedFormula
}

/// One non-empty cell of a row.
public struct Cell: Sendable, Equatable {
    /// 1-based column (A = 1).
    public var column: Int
    public var value: CellValue

    public init(column: Int, value: CellValue) {
        self.column = column
        self.value = value
    }
}

/// One row of a sheet with its non-empty cells, left to right.
public struct Row: Sendable, Equatable {
    /// 1-based row number.
    public var number: Int
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    /// The value in a column, if that cell is non-empty.
    public subscript(column: Int) -> CellValue? {
        cells.first { $0.column == column }?.value
    }
}

/// A sheet as the workbook lists it.
public struct SheetInfo: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case worksheet
        case chartsheet
        /// Dialog and macro sheets: no cells this tool reads.
        case other
    }

    public var name: String
    public var isHidden: Bool
    public var kind: Kind
    /// The part holding the sheet, such as `xl/worksheets/sheet1.xml`.
    public var part: String
}
