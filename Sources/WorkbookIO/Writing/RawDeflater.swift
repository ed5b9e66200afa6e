internal import CZlib
import Glibc

/// One raw deflate stream (no zlib or gzip wrapper, as zip entries hold it) with the CRC-32
/// and length of what went in.
///
/// Streams ended with a sync flush can be followed by another stream's output: a zip entry
/// may be deflated in pieces, each by its own compressor, and the pieces joined.
final class RawDeflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer
    private(set) var crc: UInt = 0
    private(set) var bytesIn: Int = 0

    init(level: Int32) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = .allocate(byteCount: 1 << 16, alignment: 16)
        let status = deflateInit2_(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            output.deallocate()
            throw WorkbookWriteError(doing: "starting to compress a sheet", message: "zlib refused (\(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
        output.deallocate()
    }

    /// Compresses `input` and hands every compressed byte ready to `emit`. `flush` is
    /// `Z_NO_FLUSH` while more follows, `Z_SYNC_FLUSH` to end on a byte boundary for a
    /// piece another stream continues, `Z_FINISH` to end the entry.
    func compress(_ input: UnsafeRawBufferPointer, flush: Int32, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let base = input.baseAddress, !input.isEmpty {
            crc = crc32_z(crc, base.assumingMemoryBound(to: UInt8.self), input.count)
        }
        bytesIn += input.count
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        while true {
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(output.count)
            let status = deflate(stream, flush)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw WorkbookWriteError(doing: "compressing a sheet", message: "zlib failed (\(status))")
            }
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 { try emit(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
            // Done when zlib has room left over (all input taken, the flush complete), or
            // at the end of the stream.
            if status == Z_STREAM_END || (stream.pointee.avail_out > 0 && flush != Z_FINISH) { return }
        }
    }

    /// Compresses bytes held in memory and returns the output.
    func compress(_ bytes: [UInt8], flush: Int32) throws -> [UInt8] {
        var out: [UInt8] = []
        try bytes.withUnsafeBytes { input in
            try compress(input, flush: flush) { out.append(contentsOf: $0) }
        }
        return out
    }

    /// The CRC-32 of `first` followed by `length` bytes whose CRC-32 is `second`.
    static func combine(_ first: UInt, _ second: UInt, length: Int) -> UInt {
        crc32_combine(first, second, length)
    }
}

/// A spooled sheet's rows, deflated into an anonymous temporary file, ending in a sync
/// flush so the part's end can follow them.
final class DeflatedRows {
    private(set) var crc: UInt = 0
    private(set) var length = 0
    private(set) var compressedLength = 0
    private(set) var file: UnsafeMutablePointer<FILE>?

    deinit {
        if let file { fclose(file) }
    }

    /// Compresses everything `rows` holds from its current position.
    init(_ rows: UnsafeMutablePointer<FILE>, level: Int32) throws {
        let out = try ScratchFile.open(doing: "starting a temporary file for a sheet")
        file = out
        let deflater = try RawDeflater(level: level)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        var written = 0
        func emit(_ bytes: UnsafeRawBufferPointer) throws {
            guard fwrite(bytes.baseAddress, 1, bytes.count, out) == bytes.count else {
                throw WorkbookWriteError(doing: "writing a compressed sheet", message: systemMessage(errno))
            }
            written += bytes.count
        }
        while true {
            let count = fread(chunk.baseAddress, 1, chunk.count, rows)
            if count == 0 {
                guard ferror(rows) == 0 else {
                    throw WorkbookWriteError(doing: "reading back a sheet's rows", message: systemMessage(errno))
                }
                break
            }
            try deflater.compress(UnsafeRawBufferPointer(rebasing: chunk[0..<count]), flush: Z_NO_FLUSH, emit: emit)
        }
        try deflater.compress(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_SYNC_FLUSH, emit: emit)
        compressedLength = written
        crc = deflater.crc
        length = deflater.bytesIn
        guard fflush(out) == 0, fseek(out, 0, SEEK_SET) == 0 else {
            throw WorkbookWriteError(doing: "writing a compressed sheet", message: systemMessage(errno))
        }
    }
}
