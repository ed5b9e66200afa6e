/// A JSON writer that streams UTF-8 into a sink, refusing keys out of sorted order.
///
/// Objects and arrays are written through closures; each object checks that its keys
/// come in increasing byte order, so the document's keys are sorted by construction.
/// Output is compact with no insignificant whitespace, a newline at the very end.
struct JSONStreamWriter {
    private var buffer: [UInt8] = []
    private let flushThreshold: Int
    private let sink: ([UInt8]) throws -> Void
    /// Per open object or array: whether a member was written, and the object's last key.
    private var levels: [(hasMembers: Bool, lastKey: [UInt8]?)] = []

    /// A writer handing its bytes to `sink` in pieces of about `flushThreshold` bytes.
    init(flushThreshold: Int = 1 << 16, sink: @escaping ([UInt8]) throws -> Void) {
        self.flushThreshold = flushThreshold
        self.sink = sink
        buffer.reserveCapacity(flushThreshold + 1024)
    }

    /// Writes the whole document: one top-level value.
    mutating func document(_ body: (inout JSONStreamWriter) throws -> Void) throws {
        try body(&self)
        precondition(levels.isEmpty, "every object and array is closed")
        buffer.append(UInt8(ascii: "\n"))
        try flush()
    }

    mutating func object(_ body: (inout JSONStreamWriter) throws -> Void) throws {
        buffer.append(UInt8(ascii: "{"))
        levels.append((false, nil))
        try body(&self)
        levels.removeLast()
        buffer.append(UInt8(ascii: "}"))
        try flushIfFull()
    }

    mutating func array(_ body: (inout JSONStreamWriter) throws -> Void) throws {
        buffer.append(UInt8(ascii: "["))
        levels.append((false, nil))
        try body(&self)
        levels.removeLast()
        buffer.append(UInt8(ascii: "]"))
        try flushIfFull()
    }

    /// Starts an object member; its value must follow.
    mutating func key(_ key: String) {
        let bytes = Array(key.utf8)
        precondition(!levels.isEmpty, "a key belongs in an object")
        if let last = levels[levels.count - 1].lastKey {
            precondition(last.lexicographicallyPrecedes(bytes), "keys in sorted order: \(key) after \(String(decoding: last, as: UTF8.self))")
        }
        separate()
        levels[levels.count - 1].lastKey = bytes
        appendString(bytes)
        buffer.append(UInt8(ascii: ":"))
    }

    /// Starts an array element; its value must follow.
    mutating func element() {
        separate()
    }

    mutating func string(_ text: String) {
        appendString(Array(text.utf8))
    }

    mutating func integer(_ value: Int) {
        buffer.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        buffer.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        buffer.append(contentsOf: "null".utf8)
    }

    /// A member whose value is a string, or `null` for `nil`.
    mutating func field(_ name: String, _ text: String?) {
        key(name)
        if let text { string(text) } else { null() }
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        integer(value)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    private mutating func separate() {
        guard !levels.isEmpty else { return }
        if levels[levels.count - 1].hasMembers { buffer.append(UInt8(ascii: ",")) }
        levels[levels.count - 1].hasMembers = true
    }

    /// A JSON string: quote, backslash and control characters escaped, the rest as UTF-8.
    private mutating func appendString(_ bytes: [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                buffer.append(contentsOf: Array("\\u00".utf8))
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0x0F)])
            default:
                buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private mutating func flushIfFull() throws {
        if buffer.count >= flushThreshold { try flush() }
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
