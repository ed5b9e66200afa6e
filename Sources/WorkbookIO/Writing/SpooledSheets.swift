internal import CLibZip
internal import CZlib
import Glibc

/// Puts spooled rows into the worksheets libxlsxwriter saved without them.
///
/// libxlsxwriter writes everything around a spooled sheet's rows (columns, frozen panes,
/// the filter, printing, charts, styles) and an empty `sheetData`. Each sheet's rows are
/// deflated (zlib level 1) as soon as they are all written, on the thread that wrote them.
/// The package is then written again: every part libxlsxwriter made is copied still
/// compressed, and each spooled sheet's part becomes three deflated pieces joined: the saved
/// part's start, the rows, the saved part's end. Entries keep libxlsxwriter's order and
/// fixed date, so the same plan still gives the same bytes.
final class SpooledSheets {
    /// Fast deflate: the sheets are large and repetitive, and level 1 takes a fraction of
    /// zlib's default level's time for about a quarter more bytes.
    static let compressionLevel: Int32 = 1

    private struct Sheet {
        let part: String
        let spool: SheetSpool
    }

    private var sheets: [Sheet] = []

    var isEmpty: Bool { sheets.isEmpty }

    /// A spooled sheet, the workbook's part `part`.
    func add(part: String, spool: SheetSpool) {
        sheets.append(Sheet(part: part, spool: spool))
    }

    /// Once libxlsxwriter has saved the workbook at `path`: the package again, with the rows.
    func splice(into path: String) throws {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &code) else {
            var error = zip_error_t()
            zip_error_init_with_code(&error, code)
            defer { zip_error_fini(&error) }
            throw WorkbookWriteError(doing: "reopening \(path) to add its rows", message: String(cString: zip_error_strerror(&error)))
        }
        defer { zip_discard(archive) }
        let package = try PackageFile(beside: path)
        do {
            let count = zip_get_num_entries(archive, 0)
            for index in 0..<UInt64(max(count, 0)) {
                guard let raw = zip_get_name(archive, index, 0) else {
                    throw WorkbookWriteError(doing: "reading back \(path)", message: String(cString: zip_strerror(archive)))
                }
                let name = String(cString: raw)
                if let sheet = sheets.first(where: { $0.part == name }) {
                    try writeSheet(sheet, saved: try readPart(index, of: archive, name: name), to: package)
                } else {
                    try copyEntry(index, name: name, of: archive, to: package)
                }
            }
            try package.finish(replacing: path)
        } catch {
            package.discard()
            throw error
        }
    }

    /// A spooled sheet's part: the saved start (its dimension now the rows' extent), the
    /// rows, the saved end, each deflated on its own and joined.
    private func writeSheet(_ sheet: Sheet, saved: [UInt8], to package: PackageFile) throws {
        let rows = try sheet.spool.compress()
        guard let rowFile = rows.file else { return }
        // libxlsxwriter writes an empty `<sheetData></sheetData>` in constant-memory mode and
        // `<sheetData/>` otherwise; either is replaced, and must be there exactly once.
        let found = ["<sheetData></sheetData>", "<sheetData/>"].flatMap { saved.ranges(of: Array($0.utf8)) }
        guard found.count == 1, let place = found.first else {
            throw WorkbookWriteError(doing: "adding rows to \(sheet.part)", message: "its saved part has no single empty sheetData")
        }
        var start = Array(saved[..<place.lowerBound])
        let spool = sheet.spool
        let extent = spool.lastRow == 0 ? "A1" : "A1:\(CellReference.columnName(max(spool.lastColumn, 1)))\(spool.lastRow)"
        let dimension = Array("<dimension ref=\"".utf8)
        if let at = start.firstRange(of: dimension), let end = start[at.upperBound...].firstIndex(of: UInt8(ascii: "\"")) {
            start.replaceSubrange(at.upperBound..<end, with: extent.utf8)
        }
        start += "<sheetData>".utf8
        let end = Array("</sheetData>".utf8) + saved[place.upperBound...]
        let head = try RawDeflater(level: SpooledSheets.compressionLevel)
        let headBytes = try head.compress(start, flush: Z_SYNC_FLUSH)
        let tail = try RawDeflater(level: SpooledSheets.compressionLevel)
        let tailBytes = try tail.compress(end, flush: Z_FINISH)
        var crc = RawDeflater.combine(head.crc, rows.crc, length: rows.length)
        crc = RawDeflater.combine(crc, tail.crc, length: end.count)
        try package.addEntry(
            name: sheet.part, method: UInt16(Z_DEFLATED), crc: UInt32(truncatingIfNeeded: crc),
            compressedSize: headBytes.count + rows.compressedLength + tailBytes.count,
            size: start.count + rows.length + end.count
        ) { write in
            try write(headBytes)
            try package.copy(from: rowFile)
            try write(tailBytes)
        }
    }

    /// Another part, copied without inflating it.
    private func copyEntry(_ index: UInt64, name: String, of archive: OpaquePointer, to package: PackageFile) throws {
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        let needed = UInt64(ZIP_STAT_SIZE) | UInt64(ZIP_STAT_COMP_SIZE) | UInt64(ZIP_STAT_CRC) | UInt64(ZIP_STAT_COMP_METHOD)
        guard zip_stat_index(archive, index, 0, &stat) == 0, stat.valid & needed == needed else {
            throw WorkbookWriteError(doing: "reading back \(name)", message: String(cString: zip_strerror(archive)))
        }
        try package.addEntry(name: name, method: UInt16(stat.comp_method), crc: stat.crc,
                             compressedSize: Int(stat.comp_size), size: Int(stat.size)) { write in
            var copied = 0
            try readEntry(index, of: archive, name: name, compressed: true) { chunk in
                try write(chunk)
                copied += chunk.count
            }
            guard copied == Int(stat.comp_size) else {
                throw WorkbookWriteError(doing: "reading back \(name)", message: "its compressed size changed while copying")
            }
        }
    }

    private func readPart(_ index: UInt64, of archive: OpaquePointer, name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try readEntry(index, of: archive, name: name, compressed: false) { bytes += $0 }
        return bytes
    }

    /// An entry's bytes in chunks: inflated, or as stored when `compressed`.
    private func readEntry(_ index: UInt64, of archive: OpaquePointer, name: String, compressed: Bool,
                           _ body: ([UInt8]) throws -> Void) throws {
        let flags = compressed ? zip_flags_t(ZIP_FL_COMPRESSED) : 0
        guard let file = zip_fopen_index(archive, index, flags) else {
            throw WorkbookWriteError(doing: "reading back \(name)", message: String(cString: zip_strerror(archive)))
        }
        defer { zip_fclose(file) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, UInt64($0.count)) }
            guard count >= 0 else {
                throw WorkbookWriteError(doing: "reading back \(name)",
                                         message: String(cString: zip_error_strerror(zip_file_get_error(file))))
            }
            if count == 0 { return }
            try body(Array(chunk[0..<Int(count)]))
        }
    }
}

/// A zip package written entry by entry, then its central directory: the plain (not ZIP64)
/// format every spreadsheet program reads, each entry dated 1980-01-01 00:00.
private final class PackageFile {
    private struct Entry {
        let name: [UInt8]
        let method: UInt16
        let crc: UInt32
        let compressedSize: UInt32
        let size: UInt32
        let offset: UInt32

        /// The fields the local header and the central directory share, in their order:
        /// version needed (2.0, deflate), flags, method, time, date, CRC-32, sizes, name length.
        var commonFields: [UInt8] {
            var fields: [UInt8] = []
            fields.append16(20)
            fields.append16(0)
            fields.append16(method)
            fields.append16(0)
            fields.append16(PackageFile.dosDate)
            fields.append32(crc)
            fields.append32(compressedSize)
            fields.append32(size)
            fields.append16(UInt16(name.count))
            return fields
        }
    }

    private let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var isOpen = true
    private var offset = 0
    private var entries: [Entry] = []
    /// MS-DOS date of 1980-01-01 (time 00:00 is zero).
    private static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    /// A new file beside `original`, to replace it when whole.
    init(beside original: String) throws {
        // Listed to be removed should the run be stopped, as the file it replaces is: a stop
        // while this one was written had left it beside the input (explore-CC).
        let (descriptor, path) = try InterruptCleanup.makeListedFile(template: "\(original).XXXXXX",
                                                                     doing: "creating a file beside \(original)")
        self.path = path
        guard let file = fdopen(descriptor, "wb") else {
            close(descriptor)
            Self.remove(path)
            throw WorkbookWriteError(doing: "creating a file beside \(original)", message: systemMessage(errno))
        }
        self.file = file
    }

    /// Removes the file at `path` and takes it off the list of files to remove on a stop.
    private static func remove(_ path: String) {
        unlink(path)
        InterruptCleanup.unregister(path)
    }

    /// Writes one entry: its local header, then the compressed bytes `body` writes.
    func addEntry(name: String, method: UInt16, crc: UInt32, compressedSize: Int, size: Int,
                  body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        let limit = Int(UInt32.max)
        guard compressedSize < limit, size < limit, offset < limit, entries.count < Int(UInt16.max) else {
            throw WorkbookWriteError(doing: "writing \(name)", message: "the workbook would need ZIP64, which this tool does not write")
        }
        let entry = Entry(name: Array(name.utf8), method: method, crc: crc, compressedSize: UInt32(compressedSize),
                          size: UInt32(size), offset: UInt32(offset))
        var header: [UInt8] = []
        header.append32(0x0403_4B50)
        header += entry.commonFields
        header.append16(0)   // extra field length
        header += entry.name
        try write(header)
        let before = offset
        try body(write)
        guard offset - before == compressedSize else {
            throw WorkbookWriteError(doing: "writing \(name)", message: "it came to \(offset - before) bytes, not \(compressedSize)")
        }
        entries.append(entry)
    }

    /// Appends everything `source` holds from its current position.
    func copy(from source: UnsafeMutablePointer<FILE>) throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, source) }
            if count == 0 {
                guard ferror(source) == 0 else {
                    throw WorkbookWriteError(doing: "copying a compressed sheet", message: systemMessage(errno))
                }
                return
            }
            try write(Array(chunk[0..<count]))
        }
    }

    private func write(_ bytes: [UInt8]) throws {
        guard bytes.withUnsafeBytes({ fwrite($0.baseAddress, 1, $0.count, file) }) == bytes.count else {
            throw WorkbookWriteError(doing: "writing \(path)", message: systemMessage(errno))
        }
        offset += bytes.count
    }

    /// Writes the central directory, closes the file and renames it over `original`.
    func finish(replacing original: String) throws {
        let directoryOffset = offset
        for entry in entries {
            var record: [UInt8] = []
            record.append32(0x0201_4B50)
            record.append16(20)  // made by: MS-DOS, 2.0
            record += entry.commonFields
            record.append16(0)   // extra field length
            record.append16(0)   // comment length
            record.append16(0)   // disk
            record.append16(0)   // internal attributes
            record.append32(0)   // external attributes
            record.append32(entry.offset)
            record += entry.name
            try write(record)
        }
        let directorySize = offset - directoryOffset
        guard offset < Int(UInt32.max) else {
            throw WorkbookWriteError(doing: "writing \(path)", message: "the workbook would need ZIP64, which this tool does not write")
        }
        var end: [UInt8] = []
        end.append32(0x0605_4B50)
        end.append16(0)
        end.append16(0)
        end.append16(UInt16(entries.count))
        end.append16(UInt16(entries.count))
        end.append32(UInt32(directorySize))
        end.append32(UInt32(directoryOffset))
        end.append16(0)      // comment length
        try write(end)
        isOpen = false
        guard fclose(file) == 0 else {
            Self.remove(path)
            throw WorkbookWriteError(doing: "writing \(path)", message: systemMessage(errno))
        }
        guard rename(path, original) == 0 else {
            Self.remove(path)
            throw WorkbookWriteError(doing: "renaming \(path) to \(original)", message: systemMessage(errno))
        }
        InterruptCleanup.unregister(path)
    }

    /// Abandons the file.
    func discard() {
        guard isOpen else { return }
        isOpen = false
        fclose(file)
        Self.remove(path)
    }
}

private extension Array where Element == UInt8 {
    mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func append32(_ value: UInt32) {
        append16(UInt16(value & 0xFFFF))
        append16(UInt16(value >> 16))
    }
}
