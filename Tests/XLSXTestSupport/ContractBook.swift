import Foundation
import WorkbookIO

/// A cell of a test workbook, written as a PM would have typed it.
public enum FixtureCell: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, Sendable {
    case text(String)
    case number(Double)
    /// A number in a percent-formatted cell (`0.05` shows as 5%).
    case percent(Double)
    /// A date serial in a date-formatted cell.
    case date(Double)
    case bool(Bool)
    /// A formula with no saved result.
    case formulaWithoutValue
    /// A formula saved with this result.
    case formula(Double)
    /// `=TODAY()` in a date-formatted cell, saved with this date serial.
    case todayFormula(Double)
    /// A date cell holding a formula (`WORKDAY(TODAY(),-1)`) and its saved result.
    case dateFormula(String, Double)
    case error(String)
    /// A number in a cell of a custom number format (`"$"#,##0"K"`).
    case formatted(Double, String)
    case empty

    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(nilLiteral: ()) { self = .empty }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// A date cell for a calendar date, as Excel stores it in the 1900 (or 1904) system.
    public static func day(_ year: Int, _ month: Int, _ day: Int, uses1904: Bool = false) -> FixtureCell {
        func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
            let yy = m <= 2 ? y - 1 : y
            let era = (yy >= 0 ? yy : yy - 399) / 400
            let yoe = yy - era * 400
            let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1
            return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
        }
        let epoch = uses1904 ? days(1904, 1, 1) : days(1899, 12, 30)
        return .date(Double(days(year, month, day) - epoch))
    }
}

extension XLSXFixture {
    /// A workbook of the given sheets, each a grid of cells from row 1 and column A.
    /// Styles: 0 General, 1 percent (`0.00%`), 2 date (`mm-dd-yy`, or `dateFormat`). `merged` lists, by sheet
    /// name, the ranges of cells merged there (`A4:A9`); `hiddenRows`, the rows hidden there
    /// (as a filter or Hide Rows hides them); `hiddenColumns`, the runs of columns hidden there. `calculatesOnLoad` marks the workbook the way a
    /// program that writes formulas without calculating them does (`fullCalcOnLoad`). On the sheets of
    /// `formatsOnColumns`, a styled cell (percent, date, formatted) is written as Gnumeric writes a
    /// column formatted whole: without a style of its own, its column's `<col style>` giving it
    /// (the first style met in the column; a cell of another style there keeps its own).
    public static func contractBook(_ sheets: [(name: String, rows: [[FixtureCell]])], uses1904: Bool = false,
                                    hidden: Set<String> = [], merged: [String: [String]] = [:],
                                    hiddenRows: [String: Set<Int>] = [:], hiddenColumns: [String: [ClosedRange<Int>]] = [:],
                                    calculatesOnLoad: Bool = false, dateFormat: String? = nil,
                                    formatsOnColumns: Set<String> = []) -> XLSXFixture {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        // Each custom format of a `formatted` cell is a cell format of its own, after the three above.
        var customFormats: [String] = []
        for sheet in sheets {
            for row in sheet.rows {
                for case .formatted(_, let code) in row where !customFormats.contains(code) { customFormats.append(code) }
            }
        }
        /// Each styled column's style, by sheet, for `formatsOnColumns`.
        var columnStyles: [String: [Int: Int]] = [:]
        let rendered = sheets.map { sheet -> (String, String) in
            var xml = ""
            /// The cell's own `s`, or none where its column gives the style.
            func style(_ s: Int, column: Int) -> String {
                guard formatsOnColumns.contains(sheet.name) else { return " s=\"\(s)\"" }
                if columnStyles[sheet.name, default: [:]][column] == nil { columnStyles[sheet.name, default: [:]][column] = s }
                return columnStyles[sheet.name]![column] == s ? "" : " s=\"\(s)\""
            }
            for (r, row) in sheet.rows.enumerated() {
                var cells = ""
                for (c, cell) in row.enumerated() {
                    let ref = CellReference.name(column: c + 1, row: r + 1)
                    switch cell {
                    case .text(let s): cells += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(s))</t></is></c>"
                    case .number(let n): cells += "<c r=\"\(ref)\"><v>\(n)</v></c>"
                    case .percent(let n): cells += "<c r=\"\(ref)\"\(style(1, column: c + 1))><v>\(n)</v></c>"
                    case .date(let n): cells += "<c r=\"\(ref)\"\(style(2, column: c + 1))><v>\(n)</v></c>"
                    case .bool(let b): cells += "<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
                    case .formulaWithoutValue: cells += "<c r=\"\(ref)\"><f>SUM(A1:A2)</f></c>"
                    case .formula(let n): cells += "<c r=\"\(ref)\"><f>SUM(A1:A2)</f><v>\(n)</v></c>"
                    case .todayFormula(let n): cells += "<c r=\"\(ref)\" s=\"2\"><f>TODAY()</f><v>\(n)</v></c>"
                    case .dateFormula(let f, let n): cells += "<c r=\"\(ref)\" s=\"2\"><f>\(f)</f><v>\(n)</v></c>"
                    case .error(let e): cells += "<c r=\"\(ref)\" t=\"e\"><v>\(escape(e))</v></c>"
                    case .formatted(let n, let code):
                        cells += "<c r=\"\(ref)\"\(style(3 + customFormats.firstIndex(of: code)!, column: c + 1))><v>\(n)</v></c>"
                    case .empty: break
                    }
                }
                let hides = hiddenRows[sheet.name]?.contains(r + 1) ?? false
                if !cells.isEmpty { xml += "<row r=\"\(r + 1)\"\(hides ? " hidden=\"1\"" : "")>\(cells)</row>" }
            }
            return (sheet.name, xml)
        }
        return book(sheets: rendered.map { (name: $0.0, rows: $0.1) }, styles: styles([0, 10, dateFormat.map { $0 as Any } ?? 14] + customFormats),
                    workbookPr: (uses1904 ? "<workbookPr date1904=\"1\"/>" : "")
                        + (calculatesOnLoad ? "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/>" : ""), hidden: hidden,
                    beforeRows: Dictionary(uniqueKeysWithValues: Set(hiddenColumns.keys).union(columnStyles.keys).map { name in
                        let hides = (hiddenColumns[name] ?? []).map { "<col min=\"\($0.lowerBound)\" max=\"\($0.upperBound)\" width=\"9\" hidden=\"1\"/>" }
                        let styles = (columnStyles[name] ?? [:]).sorted { $0.key < $1.key }.map { "<col min=\"\($0.key)\" max=\"\($0.key)\" style=\"\($0.value)\"/>" }
                        return (name, "<cols>" + (hides + styles).joined() + "</cols>")
                    }),
                    afterRows: merged.mapValues { ranges in
                        "<mergeCells count=\"\(ranges.count)\">"
                            + ranges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
                    })
    }
}
