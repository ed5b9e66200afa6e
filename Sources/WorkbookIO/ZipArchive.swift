internal import CLibZip
import Glibc

/// A read-only zip container, owning its libzip handle.
///
/// Entry names are matched case-insensitively with `\` read as `/`, as Excel does. Every
/// byte inflated is counted against `ReadLimits`, whatever the central directory claims.
final class ZipArchive {
    private let handle: OpaquePointer
    private let limits: ReadLimits
    /// Normalized name → entry index.
    private var entries: [String: UInt64] = [:]
    /// Entry names as stored, in archive order (for listings and error messages).
    private(set) var names: [String] = []
    private var inflatedTotal: Int64 = 0

    /// Bytes inflated so far, all parts together.
    var bytesInflated: Int64 { inflatedTotal }

    init(path: String, limits: ReadLimits) throws {
        self.limits = limits
        if let before = try ZipArchive.bytesBeforeArchive(path: path), before != 0 {
            throw WorkbookError(.corruptArchive, at: "", "The file holds \(before > 0 ? "\(before) bytes" : "a zip directory") "
                + "that its last zip directory does not account for: two workbooks run together in one file, or data "
                + "before the workbook. Other programs may read another workbook from it than this tool would, so it "
                + "is not read; save the workbook again from the spreadsheet program.")
        }
        var code: Int32 = 0
        guard let handle = zip_open(path, ZIP_RDONLY, &code) else {
            throw ZipArchive.openError(code: code, path: path)
        }
        self.handle = handle
        try indexEntries()
    }

    deinit {
        zip_discard(handle)
    }

    /// How many bytes come before the archive that the file's last end-of-directory record
    /// describes: 0 for a workbook as a spreadsheet program writes it; more when another
    /// archive (or anything else) is run in before it, whose own directory libzip may read
    /// instead (explore-BJ: the first of two books run together was planned, while other
    /// programs showed the second); negative when the record points past itself. Nil when
    /// the file ends in no such record (libzip then says what is wrong).
    static func bytesBeforeArchive(path: String) throws -> Int64? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int64(info.st_size)
        // The record is 22 bytes and a comment of up to 65,535 follows it.
        let tailLength = Int(min(size, 22 + 65_535))
        guard tailLength >= 22 else { return nil }
        var tail = [UInt8](repeating: 0, count: tailLength)
        let tailStart = size - Int64(tailLength)
        let read = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, tailLength, off_t(tailStart)) }
        guard read == tailLength else { return nil }
        func u16(_ at: Int) -> Int64 { Int64(tail[at]) | Int64(tail[at + 1]) << 8 }
        func u32(_ at: Int) -> Int64 { u16(at) | u16(at + 2) << 16 }
        // The last record whose comment runs to the end of the file.
        var place = tailLength - 22
        while place >= 0 {
            if tail[place] == 0x50, tail[place + 1] == 0x4B, tail[place + 2] == 0x05, tail[place + 3] == 0x06,
               place + 22 + Int(u16(place + 20)) == tailLength {
                break
            }
            place -= 1
        }
        guard place >= 0 else { return nil }
        let record = tailStart + Int64(place)
        let directorySize = u32(place + 12), directoryOffset = u32(place + 16)
        // ZIP64: the locator just before the record gives the ZIP64 record's place, which holds
        // the directory's size and offset. Looked for whatever the record's own fields say: a
        // writer may mark only the counts as ZIP64 (explore-BK).
        var locator = [UInt8](repeating: 0, count: 20)
        let hasLocator = record >= 20
            && locator.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, 20, off_t(record - 20)) }) == 20
            && locator[0] == 0x50 && locator[1] == 0x4B && locator[2] == 0x06 && locator[3] == 0x07
        if hasLocator {
            var zip64Place: Int64 = 0
            for byte in 0..<8 { zip64Place |= Int64(locator[8 + byte]) << (8 * byte) }
            var zip64 = [UInt8](repeating: 0, count: 56)
            guard zip64Place >= 0, zip64Place < record,
                  zip64.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, 56, off_t(zip64Place)) }) == 56,
                  zip64[0] == 0x50, zip64[1] == 0x4B, zip64[2] == 0x06, zip64[3] == 0x06 else { return nil }
            func u64(_ at: Int) -> Int64 {
                var value: UInt64 = 0
                for byte in 0..<8 { value |= UInt64(zip64[at + byte]) << (8 * UInt64(byte)) }
                return Int64(clamping: value)
            }
            let (size64, offset64) = (u64(40), u64(48))
            guard size64 >= 0, offset64 >= 0, size64 <= Int64.max - offset64 else { return -1 }
            // The ZIP64 record follows the directory.
            return zip64Place - (offset64 + size64)
        }
        if directoryOffset == 0xFFFF_FFFF || directorySize == 0xFFFF_FFFF { return nil }
        return record - (directoryOffset + directorySize)
    }

    /// The key a part name is looked up by.
    static func normalize(_ name: String) -> String {
        var key = name.replacingBackslashes().lowercased()
        while key.hasPrefix("/") { key.removeFirst() }
        return key
    }

    private func indexEntries() throws {
        let count = zip_get_num_entries(handle, 0)
        guard count >= 0 else {
            throw WorkbookError(.corruptArchive, at: "", "The zip container cannot be read: \(libraryMessage()).")
        }
        guard count <= limits.maxEntries else {
            throw WorkbookError(.limitExceeded, at: "", "The zip container holds \(count) entries; a workbook this tool reads has at most \(limits.maxEntries).")
        }
        for index in 0..<UInt64(count) {
            guard let raw = zip_get_name(handle, index, 0) else {
                throw WorkbookError(.corruptArchive, at: "", "Entry \(index) of the zip container has no readable name: \(libraryMessage()).")
            }
            let name = String(cString: raw)
            names.append(name)
            if name.hasSuffix("/") || name.hasSuffix("\\") { continue }
            let key = ZipArchive.normalize(name)
            if entries[key] != nil {
                throw WorkbookError(.corruptArchive, at: name, "The zip container holds this part twice (names compared without case); it is ambiguous which one Excel would read.")
            }
            entries[key] = index
        }
    }

    /// Whether a part exists.
    func contains(_ name: String) -> Bool {
        entries[ZipArchive.normalize(name)] != nil
    }

    /// Streams one part's inflated bytes to `body`, in chunks, within the limits.
    func read(_ name: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let index = entries[ZipArchive.normalize(name)] else {
            throw WorkbookError(.missingPart, at: name, "The workbook has no such part.")
        }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        try check(zip_stat_index(handle, index, 0, &stat), reading: name)
        let declared = (stat.valid & UInt64(ZIP_STAT_SIZE)) != 0 ? Int64(clamping: stat.size) : 0
        let compressed = (stat.valid & UInt64(ZIP_STAT_COMP_SIZE)) != 0 ? Int64(clamping: stat.comp_size) : 0
        if declared > limits.maxPartBytes {
            // What the directory says, not what was inflated: no byte has been (explore-BJ).
            throw WorkbookError(.limitExceeded, at: name, "The zip directory declares this part as \(declared) bytes, more than "
                + "the \(ReadLimits.describe(bytes: limits.maxPartBytes)) a part may inflate to; refusing it.")
        }
        if declared > limits.ratioFloorBytes && declared > max(compressed, 1) * limits.maxCompressionRatio {
            throw tooCompressed(name)
        }
        guard let file = zip_fopen_index(handle, index, 0) else {
            throw WorkbookError(.corruptArchive, at: name, "This part cannot be opened: \(libraryMessage()).")
        }
        defer { zip_fclose(file) }
        let chunkSize = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var inflated: Int64 = 0
        while true {
            let n = zip_fread(file, buffer.baseAddress, UInt64(chunkSize))
            if n < 0 {
                let message = String(cString: zip_error_strerror(zip_file_get_error(file)))
                throw WorkbookError(.corruptArchive, at: name, "This part is damaged and cannot be inflated: \(message).")
            }
            if n == 0 { break }
            inflated += n
            inflatedTotal += n
            if inflated > limits.maxPartBytes { throw partTooLarge(name) }
            if inflatedTotal > limits.maxTotalBytes {
                throw WorkbookError(.limitExceeded, at: name, "The workbook inflates to more than \(ReadLimits.describe(bytes: limits.maxTotalBytes)) in all; refusing it.")
            }
            if inflated > limits.ratioFloorBytes && inflated > max(compressed, 1) * limits.maxCompressionRatio {
                throw tooCompressed(name)
            }
            if inflated > declared {
                throw WorkbookError(.corruptArchive, at: name, "This part inflates to more bytes than the zip directory says it holds; refusing it.")
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(n)]))
        }
    }

    /// Reads a whole (small) part into memory.
    func readAll(_ name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try read(name) { bytes.append(contentsOf: $0) }
        return bytes
    }

    private func tooCompressed(_ name: String) -> WorkbookError {
        WorkbookError(.limitExceeded, at: name, "This part inflates to more than \(limits.maxCompressionRatio) times its compressed size (a zip bomb); refusing it.")
    }

    private func partTooLarge(_ name: String) -> WorkbookError {
        WorkbookError(.limitExceeded, at: name, "This part inflates to more than \(ReadLimits.describe(bytes: limits.maxPartBytes)); refusing it.")
    }

    /// Turns a libzip status into an error naming what was being read.
    private func check(_ status: Int32, reading name: String) throws {
        if status != 0 {
            throw WorkbookError(.corruptArchive, at: name, "This part cannot be read: \(libraryMessage()).")
        }
    }

    private func libraryMessage() -> String {
        String(cString: zip_error_strerror(zip_get_error(handle)))
    }

    private static func openError(code: Int32, path: String) -> WorkbookError {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        let message = String(cString: zip_error_strerror(&error))
        switch code {
        case ZIP_ER_NOENT, ZIP_ER_OPEN, ZIP_ER_READ:
            return WorkbookError(.fileUnreadable, at: "", "The file cannot be opened: \(message).")
        case ZIP_ER_NOZIP:
            // The file starts as a zip does (`Workbook.sniff` saw to that): its directory, at
            // the end, is missing, as in a download or copy cut short.
            return WorkbookError(.corruptArchive, at: "", "This file starts as an .xlsx workbook does, but its zip directory "
                + "cannot be found: it is damaged or cut short (an interrupted download or copy). Save or copy it again.")
        default:
            return WorkbookError(.corruptArchive, at: "", "The workbook's zip container is damaged: \(message).")
        }
    }
}

extension String {
    func replacingBackslashes() -> String {
        guard contains("\\") else { return self }
        return String(map { $0 == "\\" ? "/" : $0 })
    }
}
