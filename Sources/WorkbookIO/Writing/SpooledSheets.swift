internal import CLibZip
import Glibc

/// Splices spooled rows into the worksheets libxlsxwriter saved without them.
///
/// libxlsxwriter writes everything around a spooled sheet's rows (columns, frozen panes,
/// the filter, printing, charts, styles) and an empty `sheetData`; libzip then replaces
/// each such part with the same part holding the spooled rows, deflated at zlib level 1,
/// and copies every other part as it is. The entries keep libxlsxwriter's fixed date, so
/// the same plan still gives the same bytes.
enum SpooledSheets {
    /// One sheet's part in the package and its rows.
    struct Sheet {
        let part: String
        let spool: SheetSpool
    }

    /// Fast deflate: the sheets are large and repetitive, and level 1 takes a fraction of
    /// the default level's time for about a quarter more bytes.
    static let compressionLevel: UInt32 = 1

    static func splice(_ sheets: [Sheet], into path: String) throws {
        guard !sheets.isEmpty else { return }
        var code: Int32 = 0
        guard let archive = zip_open(path, 0, &code) else {
            var error = zip_error_t()
            zip_error_init_with_code(&error, code)
            defer { zip_error_fini(&error) }
            throw WorkbookWriteError(doing: "reopening \(path) to add its rows", message: String(cString: zip_error_strerror(&error)))
        }
        var parts: [PartSource] = []
        do {
            for sheet in sheets {
                parts.append(try replace(sheet, in: archive, path: path))
            }
        } catch {
            zip_discard(archive)
            throw error
        }
        let closed = zip_close(archive)
        let message = closed == 0 ? "" : String(cString: zip_strerror(archive))
        if closed != 0 { zip_discard(archive) }
        withExtendedLifetime(parts) {}
        if let failure = parts.lazy.compactMap(\.failure).first {
            throw WorkbookWriteError(doing: "saving \(path)", message: failure)
        }
        guard closed == 0 else { throw WorkbookWriteError(doing: "saving \(path)", message: message) }
        // A replaced archive is a new file: give it a document's usual mode again.
        chmod(path, 0o644)
    }

    /// Replaces one sheet's part by the part with its rows.
    private static func replace(_ sheet: Sheet, in archive: OpaquePointer, path: String) throws -> PartSource {
        let index = zip_name_locate(archive, sheet.part, 0)
        guard index >= 0 else {
            throw WorkbookWriteError(doing: "adding rows to \(path)", message: "the workbook has no part \(sheet.part)")
        }
        let saved = try readPart(UInt64(index), of: archive, name: sheet.part)
        // libxlsxwriter writes an empty `<sheetData></sheetData>` in constant-memory mode and
        // `<sheetData/>` otherwise; either is replaced, and must be there exactly once.
        let empties = ["<sheetData></sheetData>", "<sheetData/>"].map { Array($0.utf8) }
        let found = empties.flatMap { saved.ranges(of: $0) }
        guard found.count == 1, let start = found.first else {
            throw WorkbookWriteError(doing: "adding rows to \(sheet.part)", message: "its saved part has no single empty sheetData")
        }
        var prefix = Array(saved[..<start.lowerBound])
        let extent = sheet.spool.lastRow == 0 ? "A1"
            : "A1:\(CellReference.columnName(max(sheet.spool.lastColumn, 1)))\(sheet.spool.lastRow)"
        let dimension = Array("<dimension ref=\"".utf8)
        if let at = prefix.firstRange(of: dimension),
           let end = prefix[at.upperBound...].firstIndex(of: UInt8(ascii: "\"")) {
            prefix.replaceSubrange(at.upperBound..<end, with: extent.utf8)
        }
        prefix += "<sheetData>".utf8
        let suffix = Array("</sheetData>".utf8) + saved[start.upperBound...]
        let part = PartSource(prefix: prefix, rows: try sheet.spool.finish(), suffix: suffix)
        let context = Unmanaged.passUnretained(part).toOpaque()
        guard let source = zip_source_function(archive, PartSource.callback, context) else {
            throw WorkbookWriteError(doing: "adding rows to \(sheet.part)", message: String(cString: zip_strerror(archive)))
        }
        // The saved part is removed and the new one added (at the end of the package): libzip
        // 1.7 keeps a replaced entry's compression method at its default level, 9.
        let added = zip_delete(archive, UInt64(index)) == 0 ? zip_file_add(archive, sheet.part, source, 0) : -1
        guard added >= 0 else {
            zip_source_free(source)
            throw WorkbookWriteError(doing: "adding rows to \(sheet.part)", message: String(cString: zip_strerror(archive)))
        }
        // 1980-01-01 00:00 in MS-DOS form, as libxlsxwriter dates every part.
        guard zip_set_file_compression(archive, UInt64(added), ZIP_CM_DEFLATE, compressionLevel) == 0,
              zip_file_set_dostime(archive, UInt64(added), 0, (0 << 9) | (1 << 5) | 1, 0) == 0 else {
            throw WorkbookWriteError(doing: "adding rows to \(sheet.part)", message: String(cString: zip_strerror(archive)))
        }
        return part
    }

    private static func readPart(_ index: UInt64, of archive: OpaquePointer, name: String) throws -> [UInt8] {
        guard let file = zip_fopen_index(archive, index, 0) else {
            throw WorkbookWriteError(doing: "reading back \(name)", message: String(cString: zip_strerror(archive)))
        }
        defer { zip_fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, UInt64($0.count)) }
            guard count >= 0 else {
                throw WorkbookWriteError(doing: "reading back \(name)",
                                         message: String(cString: zip_error_strerror(zip_file_get_error(file))))
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<Int(count)]
        }
    }
}

/// A part's bytes for libzip: the saved part's start, the spooled rows, its end.
private final class PartSource {
    private let prefix: [UInt8]
    private let rows: UnsafeMutablePointer<FILE>
    private let suffix: [UInt8]
    private let rowBytes: Int
    /// Where reading is: 0 the prefix, 1 the rows, 2 the suffix, 3 done; and the offset in it.
    private var piece = 0
    private var offset = 0
    /// What went wrong reading the rows, for the error message.
    private(set) var failure: String?

    init(prefix: [UInt8], rows: UnsafeMutablePointer<FILE>, suffix: [UInt8]) {
        self.prefix = prefix
        self.rows = rows
        self.suffix = suffix
        fseek(rows, 0, SEEK_END)
        rowBytes = ftell(rows)
        fseek(rows, 0, SEEK_SET)
    }

    static let callback: zip_source_callback = { context, data, length, command in
        let part = Unmanaged<PartSource>.fromOpaque(context!).takeUnretainedValue()
        return part.handle(command, data, length)
    }

    private func handle(_ command: zip_source_cmd_t, _ data: UnsafeMutableRawPointer?, _ length: zip_uint64_t) -> zip_int64_t {
        switch command {
        case ZIP_SOURCE_OPEN:
            piece = 0
            offset = 0
            return fseek(rows, 0, SEEK_SET) == 0 ? 0 : fail("the sheet's rows cannot be reread")
        case ZIP_SOURCE_READ:
            return read(into: data!, upTo: Int(clamping: length))
        case ZIP_SOURCE_CLOSE, ZIP_SOURCE_FREE:
            return 0
        case ZIP_SOURCE_STAT:
            let stat = data!.assumingMemoryBound(to: zip_stat_t.self)
            zip_stat_init(stat)
            stat.pointee.size = UInt64(prefix.count + rowBytes + suffix.count)
            stat.pointee.valid |= UInt64(ZIP_STAT_SIZE)
            return zip_int64_t(MemoryLayout<zip_stat_t>.size)
        case ZIP_SOURCE_ERROR:
            let codes = data!.assumingMemoryBound(to: Int32.self)
            codes[0] = ZIP_ER_READ
            codes[1] = 0
            return zip_int64_t(2 * MemoryLayout<Int32>.size)
        case ZIP_SOURCE_SUPPORTS:
            let commands = [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
                            ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS]
            return commands.reduce(0) { $0 | (zip_int64_t(1) << zip_int64_t($1.rawValue)) }
        default:
            return fail("libzip asked for something a sheet's rows cannot do")
        }
    }

    private func read(into data: UnsafeMutableRawPointer, upTo length: Int) -> zip_int64_t {
        var filled = 0
        while filled < length && piece < 3 {
            let free = length - filled
            switch piece {
            case 1:
                let count = fread(data + filled, 1, free, rows)
                if count == 0 {
                    if ferror(rows) != 0 { return fail("the sheet's rows cannot be read back") }
                    piece = 2
                    offset = 0
                }
                filled += count
            default:
                let bytes = piece == 0 ? prefix : suffix
                let count = min(free, bytes.count - offset)
                bytes.withUnsafeBytes { (data + filled).copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
                filled += count
                offset += count
                if offset == bytes.count {
                    piece += 1
                    offset = 0
                }
            }
        }
        return zip_int64_t(filled)
    }

    private func fail(_ message: String) -> zip_int64_t {
        failure = message
        return -1
    }
}
