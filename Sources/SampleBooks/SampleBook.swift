import RebalanceEngine
import WorkbookIO

/// A sample workbook: a story a PM knows, laid out as a PM's own book.
public struct SampleBook: Sendable {
    /// The file name under `SampleWorkbooks/`.
    public var fileName: String
    /// The story in a sentence or two, for the README and the Read Me line of the book.
    public var story: String
    public var asOf: CivilDate
    public var sheets: [GridSheet]

    /// Writes the book to `path`; the same book always gives the same bytes.
    public func write(to path: String) throws {
        try GridWorkbookWriter.write(sheets, properties: .init(
            title: String(fileName.dropLast(".xlsx".count)), subject: "Sample rebalance workbook",
            comments: story, created: asOf), to: path)
    }

    /// Every sample, in the order the README lists them.
    public static let all: [SampleBook] = [
        legacyTransfer, householdWashSales, retireeWithdrawal, harvestAfterDrawdown, custodianExport,
    ]
}

/// Shorthand for laying out the sheets of a sample.
enum Layout {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> GridCell {
        .date(CivilDate(year: year, month: month, day: day)!)
    }

    /// A table with a bold header in row 1, as a tidy PM keeps it.
    static func table(_ name: String, _ header: [String], _ rows: [[GridCell]]) -> GridSheet {
        GridSheet(name: name, rows: [header.map { .text($0, .requiredHeader) }] + rows, headerRow: 1)
    }

    static func settings(_ rows: [(String, GridCell)]) -> GridSheet {
        table("Settings", ["Setting", "Value"], rows.map { [.text($0.0, .label), $0.1] })
    }

    /// Prices rows, all as of one date from one source.
    static func prices(_ quotes: [(String, Double)], asOf: CivilDate, source: String = "Custodian close") -> GridSheet {
        table("Prices", ["Symbol", "Price", "As Of", "Source"],
              quotes.map { [.text($0.0), .price($0.1), .date(asOf), .text(source)] })
    }

    /// A lot row: account, symbol, lot ID, shares, total cost, acquired.
    static func lot(_ account: String, _ symbol: String, _ id: String, _ shares: Double, _ cost: Double,
                    _ acquired: GridCell) -> [GridCell] {
        [.text(account), .text(symbol), .text(id), .quantity(shares), .money(cost), acquired]
    }

    static let lotHeader = ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"]
}
