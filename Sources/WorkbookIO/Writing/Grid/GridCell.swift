import RebalanceEngine

/// One cell of a sheet laid out by hand: what it holds and how it looks.
///
/// For books written the way a person keeps them (the input template, sample workbooks,
/// a custodian's export pasted in as text), where `PortfolioWorkbookWriter`'s tidy layout
/// is not the point.
public struct GridCell: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case text(String)
        case number(Double)
        /// A real date cell (an Excel serial in a date format).
        case date(CivilDate)
        case empty
    }

    /// The look of a cell: its number format or emphasis.
    public enum Look: Sendable, Hashable {
        case plain
        /// A bold header with a fill: a column the reader requires.
        case requiredHeader
        /// A header with a fill, not bold: an optional column.
        case header
        case title
        case section
        /// Bold text.
        case label
        /// Grey italic text.
        case note
        /// `#,##0.00;(#,##0.00)`.
        case money
        /// `0.00%`.
        case percent
        /// `#,##0` or, with a fraction, `#,##0.0#####`.
        case quantity
        /// `#,##0.00####`.
        case price
        /// `yyyy-mm-dd`.
        case date
        case integer
    }

    public var content: Content
    public var look: Look

    public init(_ content: Content, look: Look = .plain) {
        self.content = content
        self.look = look
    }

    public static func text(_ text: String, _ look: Look = .plain) -> GridCell { GridCell(.text(text), look: look) }
    public static func money(_ amount: Double) -> GridCell { GridCell(.number(amount), look: .money) }
    public static func percent(_ fraction: Double) -> GridCell { GridCell(.number(fraction), look: .percent) }
    public static func quantity(_ shares: Double) -> GridCell { GridCell(.number(shares), look: .quantity) }
    public static func price(_ price: Double) -> GridCell { GridCell(.number(price), look: .price) }
    public static func integer(_ value: Int) -> GridCell { GridCell(.number(Double(value)), look: .integer) }
    public static func number(_ value: Double) -> GridCell { GridCell(.number(value)) }
    public static func date(_ date: CivilDate) -> GridCell { GridCell(.date(date), look: .date) }
    public static let empty = GridCell(.empty)
}

extension GridCell: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(nilLiteral: ()) { self = .empty }
}

extension GridCell.Look {
    /// The writer's style for this look; `quantity` picks whole or fractional by the value.
    func style(for content: GridCell.Content) -> CellStyle {
        switch self {
        case .plain: return .plain
        case .requiredHeader: return .header
        case .header: return .optionalHeader
        case .title: return .title
        case .section: return .section
        case .label: return .label
        case .note: return .note
        case .money: return .money
        case .percent: return .percent
        case .quantity:
            if case .number(let value) = content, value != value.rounded() { return .fractionalQuantity }
            return .wholeQuantity
        case .price: return .price
        case .date: return .date
        case .integer: return .integer
        }
    }
}
