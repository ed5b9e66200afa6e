internal import CXLSXWriter

/// How a cell looks: the number formats and highlights a CIO expects.
enum CellStyle: Int, CaseIterable {
    case plain
    case header
    /// A header the reader does not require: the header's fill, not bold.
    case optionalHeader
    case title
    /// Grey italic text: a note to the person filling a sheet in.
    case note
    case section
    case label
    /// `#,##0.00;(#,##0.00)`: thousands separators, two decimals, negatives in parentheses.
    case money
    case moneyTotal
    case percent
    case wholeQuantity
    case fractionalQuantity
    /// At least two decimals, up to the six a price keeps.
    case price
    /// A price used stale under Allow Stale Prices: a price's format, amber.
    case stalePrice
    case date
    case integer
    case integerTotal
    case totalLabel
    /// Red: a `Needs Approval` exception.
    case needsApproval
    /// Amber: a warning, or a Drift Status other than `In Band`.
    case warning
    /// A blank cell with a line to sign on.
    case signatureLine
    /// A composed text (a Reason, a note, a Detail, a message) wrapped within its column, so
    /// that all of it shows on screen and on paper: cut off by the next cell, most Reasons
    /// were unreadable.
    case wrapped
    /// A wrapped text highlighted as a warning (a stale price's note).
    case wrappedWarning

    /// The number format, if any.
    var numberFormat: String? {
        switch self {
        case .money, .moneyTotal: return "#,##0.00;(#,##0.00)"
        case .percent: return "0.00%"
        case .wholeQuantity: return "#,##0"
        case .fractionalQuantity: return "#,##0.0#####"
        case .price, .stalePrice: return "#,##0.00####"
        case .date: return "yyyy-mm-dd"
        case .integer, .integerTotal: return "0"
        default: return nil
        }
    }
}

/// The workbook's formats, made once per workbook.
///
/// Sendable for the rows of table sheets written on several threads: after `fixIndices()`
/// nothing here or in libxlsxwriter's formats changes when an index is asked for.
struct CellStyles: @unchecked Sendable {
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    /// The same formats by the style's raw value, for lookups cell by cell.
    private var byRawValue: [UnsafeMutablePointer<lxw_format>?] = []

    init(in document: XLSXDocument) throws {
        for style in CellStyle.allCases where style != .plain {
            formats[style] = try document.addFormat { format in
                if let code = style.numberFormat { format_set_num_format(format, code) }
                switch style {
                case .header:
                    format_set_bold(format)
                    format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
                    format_set_bg_color(format, 0xD9E1F2)
                case .optionalHeader:
                    format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
                    format_set_bg_color(format, 0xD9E1F2)
                case .note:
                    format_set_italic(format)
                    format_set_font_color(format, 0x595959)
                case .title:
                    format_set_bold(format)
                    format_set_font_size(format, 16)
                case .section:
                    format_set_bold(format)
                    format_set_font_size(format, 12)
                case .label, .totalLabel:
                    format_set_bold(format)
                case .moneyTotal, .integerTotal:
                    format_set_bold(format)
                    format_set_top(format, UInt8(LXW_BORDER_THIN.rawValue))
                case .needsApproval:
                    format_set_bg_color(format, 0xFFC7CE)
                    format_set_font_color(format, 0x9C0006)
                    format_set_bold(format)
                case .warning:
                    format_set_bg_color(format, 0xFFEB9C)
                    format_set_font_color(format, 0x9C5700)
                case .stalePrice:
                    format_set_bg_color(format, 0xFFEB9C)
                    format_set_font_color(format, 0x9C5700)
                case .wrapped:
                    format_set_text_wrap(format)
                case .wrappedWarning:
                    format_set_text_wrap(format)
                    format_set_bg_color(format, 0xFFEB9C)
                    format_set_font_color(format, 0x9C5700)
                case .signatureLine:
                    format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
                default:
                    break
                }
            }
        }
        byRawValue = CellStyle.allCases.map { formats[$0] }
    }

    /// Gives every format its index now (libxlsxwriter gives one the first time a cell uses
    /// the format), so that asking later only reads.
    func fixIndices() {
        for case let format? in byRawValue { _ = lxw_format_get_xf_index(format) }
    }

    /// The format of a style; `nil` (the default format) for `.plain`.
    subscript(style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        formats[style]
    }

    /// The style's index among the workbook's cell formats, as a cell's `s` attribute
    /// gives it; `nil` for the default format. Asking fixes the index, as a cell using the
    /// format through libxlsxwriter does (one thread only, as every libxlsxwriter call).
    func xfIndex(of style: CellStyle) -> Int? {
        byRawValue[style.rawValue].map { Int(lxw_format_get_xf_index($0)) }
    }
}
