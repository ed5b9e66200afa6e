import Glibc

/// The `<sheetData>` rows of one worksheet, written as SpreadsheetML to an anonymous
/// temporary file while the plan is walked, deflated, and spliced into the workbook once
/// libxlsxwriter has saved it (see `SpooledSheets`). One thread at a time uses a spool.
///
/// Large tables go this way rather than through libxlsxwriter's cell calls: the cells are
/// formatted here straight into bytes (numbers in their shortest exact form), and the part
/// is then compressed at a fast zlib level that libxlsxwriter does not offer. Cells look as
/// libxlsxwriter writes them: inline strings, numbers, formulas with cached values, styled
/// blanks, each with its format's index.
final class SheetSpool {
    /// Excel's limits: rows in a sheet, characters in a cell.
    static let maxRows = ReadLimits.maxRows
    static let maxCellCharacters = ReadLimits.maxCellCharacters

    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    /// Column letters for columns used so far (0-based).
    private var letters: [[UInt8]] = []
    /// The last row written (1-based) and the widest row, for the sheet's dimension.
    private(set) var lastRow = 0
    private(set) var lastColumn = 0
    private var deflated: DeflatedRows?

    init() throws {
        file = try ScratchFile.open(doing: "starting a temporary file for a sheet")
        buffer.reserveCapacity(1 << 17)
    }

    deinit {
        fclose(file)
    }

    /// Appends row `row` (0-based) with its cells from column A, each with its format's
    /// index (`nil`: the default format); empty text is a blank, as in libxlsxwriter.
    /// `place` names a cell for an error message.
    func addRow(_ row: Int, cells: [(content: SheetCell.Content, format: Int?)], height: Int? = nil,
                place: (Int) -> String) throws {
        precondition(deflated == nil, "a row added to a sheet already compressed")
        guard row < SheetSpool.maxRows else {
            throw WorkbookWriteError(doing: "writing \(place(0))", message: "Worksheet row or column index out of range.")
        }
        let number = String(row + 1)
        buffer.append(contentsOf: "<row r=\"".utf8)
        buffer.append(contentsOf: number.utf8)
        if let height {
            buffer.append(contentsOf: "\" ht=\"".utf8)
            buffer.append(contentsOf: String(height).utf8)
            buffer.append(contentsOf: "\" customHeight=\"1".utf8)
        }
        buffer.append(contentsOf: "\">".utf8)
        var wrote = false
        for (column, cell) in cells.enumerated() {
            var content = cell.content
            if case .text(let text) = content, text.isEmpty { content = .blank }
            if case .blank = content, cell.format == nil { continue }
            while letters.count <= column { letters.append(Array(CellReference.columnName(letters.count + 1).utf8)) }
            buffer.append(contentsOf: "<c r=\"".utf8)
            buffer.append(contentsOf: letters[column])
            buffer.append(contentsOf: number.utf8)
            buffer.append(UInt8(ascii: "\""))
            if let format = cell.format {
                buffer.append(contentsOf: " s=\"".utf8)
                buffer.append(contentsOf: String(format).utf8)
                buffer.append(UInt8(ascii: "\""))
            }
            switch content {
            case .text(let text):
                guard text.utf8.count <= SheetSpool.maxCellCharacters
                        || text.unicodeScalars.count <= SheetSpool.maxCellCharacters else {
                    throw WorkbookWriteError(doing: "writing \(place(column))",
                                             message: "String exceeds Excel's limit of 32,767 characters.")
                }
                buffer.append(contentsOf: SheetSpool.keepsEdges(text)
                    ? " t=\"inlineStr\"><is><t>".utf8 : " t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8)
                appendEscaped(text)
                buffer.append(contentsOf: "</t></is></c>".utf8)
            case .number(let value):
                buffer.append(contentsOf: value.isFinite ? "><v>".utf8 : " t=\"e\"><v>".utf8)
                appendNumber(value)
                buffer.append(contentsOf: "</v></c>".utf8)
            case .formula(let formula, let value):
                buffer.append(contentsOf: value.isFinite ? "><f>".utf8 : " t=\"e\"><f>".utf8)
                appendEscaped(formula.hasPrefix("=") ? String(formula.dropFirst()) : formula)
                buffer.append(contentsOf: "</f><v>".utf8)
                appendNumber(value)
                buffer.append(contentsOf: "</v></c>".utf8)
            case .blank:
                buffer.append(contentsOf: "/>".utf8)
            }
            lastColumn = max(lastColumn, column + 1)
            wrote = true
        }
        buffer.append(contentsOf: "</row>".utf8)
        if wrote { lastRow = row + 1 }
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// The rows, deflated (once): no row may be added after this. Called on the thread that
    /// wrote the rows, as soon as they are all written, or when the workbook is saved.
    @discardableResult
    func compress() throws -> DeflatedRows {
        if let deflated { return deflated }
        try flush()
        guard fflush(file) == 0, fseek(file, 0, SEEK_SET) == 0 else {
            throw WorkbookWriteError(doing: "reading back a sheet's rows", message: systemMessage(errno))
        }
        let rows = try DeflatedRows(file, level: SpooledSheets.compressionLevel)
        deflated = rows
        return rows
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else {
            throw WorkbookWriteError(doing: "writing a sheet's rows to a temporary file", message: systemMessage(errno))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// A finite number in its shortest form that reads back exactly (whole numbers without
    /// a point); anything else as Excel's `#NUM!` (in a cell typed as an error), never as a
    /// number it is not.
    private func appendNumber(_ value: Double) {
        guard value.isFinite else {
            buffer.append(contentsOf: "#NUM!".utf8)
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            buffer.append(contentsOf: String(Int64(value)).utf8)
        } else {
            // `1e-05` as Excel and libxlsxwriter spell it, `1E-05`.
            for byte in value.description.utf8 { buffer.append(byte == UInt8(ascii: "e") ? UInt8(ascii: "E") : byte) }
        }
    }

    /// Text as XML character data: `&`, `<`, `>` escaped; characters XML cannot hold, and
    /// text that would read as such an escape, written `_xHHHH_` as Excel does.
    private func appendEscaped(_ text: String) {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                || $0 == UInt8(ascii: "_") || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) }
        }
        if plain == true {
            buffer.append(contentsOf: text.utf8)
            return
        }
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"): buffer.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): buffer.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): buffer.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "_") where SheetSpool.startsEscape(bytes, at: index):
                buffer.append(contentsOf: "_x005F_".utf8)
            case 0x00...0x1F where byte != 0x09 && byte != 0x0A && byte != 0x0D:
                let hex = Array("0123456789ABCDEF".utf8)
                buffer.append(contentsOf: "_x00".utf8)
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0x0F)])
                buffer.append(UInt8(ascii: "_"))
            default: buffer.append(byte)
            }
            index += 1
        }
    }

    /// Whether text neither starts nor ends with whitespace, which a reader would drop
    /// unless told to keep it. Printable ASCII at both ends settles it without looking at
    /// characters (a character ending in such a byte does not start with whitespace).
    private static func keepsEdges(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return true }
        if (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return true }
        return !(text.first!.isWhitespace || text.last!.isWhitespace)
    }

    /// Whether `_xHHHH_` starts at `index`: such text must itself be escaped.
    private static func startsEscape(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "x") || bytes[index + 1] == UInt8(ascii: "X"),
              bytes[index + 6] == UInt8(ascii: "_") else { return false }
        return bytes[(index + 2)...(index + 5)].allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}
