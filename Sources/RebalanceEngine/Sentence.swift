/// A sentence put together in one growing buffer of UTF-8 bytes and made a `String` once.
///
/// Appending to a `String` checks its storage's uniqueness and capacity and may move it at
/// every step; the plan words a Reason of a dozen parts for each of tens of thousands of
/// trades, and a note for each wash-sale row, where those steps cost more than the words.
/// A sentence is written as a string literal with interpolations, typed `Sentence`.
struct Sentence: ExpressibleByStringInterpolation {
    /// A sentence's literal parts are `StaticString`s: their bytes are where the program
    /// keeps them, read without asking a `String` where its storage is (callgrind).
    typealias StringLiteralType = StaticString

    struct StringInterpolation: StringInterpolationProtocol {
        typealias StringLiteralType = StaticString

        fileprivate var bytes: Bytes

        init(literalCapacity: Int, interpolationCount: Int) {
            // Room to spare: a long sentence is often this part and more joined with `+`.
            bytes = Bytes(capacity: literalCapacity + 16 * interpolationCount + 128)
        }

        /// Inlined, as `Bytes.append(_:)` of a literal is: a literal's bytes are then written
        /// where its length is known (callgrind).
        @inline(__always)
        mutating func appendLiteral(_ literal: StaticString) {
            bytes.append(literal)
        }

        mutating func appendInterpolation(_ text: String) {
            bytes.append(text)
        }

        mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            bytes.append(value.description)
        }

        // Numbers and dates are written straight into the buffer, as their `description`
        // (or `formatted`) reads: making each a `String` first cost more than the words.

        mutating func appendInterpolation(_ quantity: Quantity) {
            bytes.append(quantity)
        }

        mutating func appendInterpolation(_ date: CivilDate) {
            bytes.append(date)
        }

        mutating func appendInterpolation(_ number: Int) {
            bytes.append(number)
        }

        /// A family as the Wash Sale sheet lists it, `GOOG, GOOGL`: its `description` joins
        /// the members into a string of their own first.
        mutating func appendInterpolation(_ family: WashSaleFamily) {
            bytes.append(family)
        }

        /// `$1,234.50`: `Money.formatted`.
        mutating func appendInterpolation(dollars amount: Money) {
            bytes.append(dollars: amount, signed: false)
        }

        /// `+$1,234.50` or `-$1,234.50`: a gain or a tax change.
        mutating func appendInterpolation(signedDollars amount: Money) {
            bytes.append(dollars: amount, signed: true)
        }

        /// `4.13%`: `Planning.percent`.
        mutating func appendInterpolation(percent fraction: Double) {
            bytes.append(percent: fraction)
        }
    }

    private var bytes: Bytes

    init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.bytes
    }

    init(stringLiteral literal: StaticString) {
        bytes = Bytes(capacity: literal.utf8CodeUnitCount)
        bytes.append(literal)
    }

    /// The sentence itself: `Sentence("…\(x)…" + "…")` words a long one in place.
    init(_ sentence: Sentence) {
        self = sentence
    }

    /// An empty sentence with room for `capacity` bytes.
    init(capacity: Int) {
        bytes = Bytes(capacity: capacity)
    }

    /// No words, the room kept for the next sentence.
    mutating func removeAll() {
        bytes.removeAll()
    }

    /// Disfavoured, so that a literal (`append("; ")`) is read as a `StaticString` below.
    @_disfavoredOverload
    mutating func append(_ text: String) {
        bytes.append(text)
    }

    /// A literal part, read where the program keeps its bytes. (A literal passed as a
    /// `String` is asked where its bytes are, about twice the instructions of the copy;
    /// callgrind.)
    mutating func append(_ literal: StaticString) {
        bytes.append(literal)
    }

    mutating func append(_ quantity: Quantity) {
        bytes.append(quantity)
    }

    /// `GOOG, GOOGL`: a family's members as the Wash Sale sheet lists them.
    mutating func append(_ family: WashSaleFamily) {
        bytes.append(family)
    }

    mutating func append(_ date: CivilDate) {
        bytes.append(date)
    }

    mutating func append(_ number: Int) {
        bytes.append(number)
    }

    /// `$1,234.50`, or with `signed` `+$1,234.50`.
    mutating func append(dollars amount: Money, signed: Bool = false) {
        bytes.append(dollars: amount, signed: signed)
    }

    /// `4.13%`: `Planning.percent`.
    mutating func append(percent fraction: Double) {
        bytes.append(percent: fraction)
    }

    static func += (sentence: inout Sentence, more: Sentence) {
        more.bytes.read { sentence.bytes.append($0) }
    }

    /// The left sentence is taken, not copied: `"…" + "…"` grows the first part's buffer.
    static func + (sentence: consuming Sentence, more: Sentence) -> Sentence {
        sentence += more
        return sentence
    }

    var text: String { bytes.read { String(decoding: $0, as: UTF8.self) } }
}

extension Sentence {
    /// UTF-8 bytes in one buffer, written only past what every sentence sharing it holds.
    ///
    /// An append is a capacity check and a copy of the text's bytes. `[UInt8]`'s
    /// `append(contentsOf:)` took about 170 instructions for the few bytes of a typical
    /// part (callgrind), more than the copy itself.
    ///
    /// A copy of a sentence shares its buffer. The buffer's header is how many bytes the
    /// sentence that wrote last holds, and no sentence sharing it holds more: bytes past it
    /// are no one's, and a sentence holding as many may write there in place. One holding
    /// fewer (a copy that another grew, or one emptied while shared) writes into a buffer of
    /// its own. A sentence is not `Sendable`, so no two threads hold one buffer. (Asked
    /// whether its buffer was shared at every append, a sentence spent a call into the
    /// runtime and a function of its own on each part: callgrind, 1.7% of planning's
    /// instructions.)
    fileprivate struct Bytes {
        private var storage: Storage
        private var count = 0
        private var capacity: Int

        typealias Storage = ManagedBuffer<Int, UInt8>

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            storage = Storage.create(minimumCapacity: self.capacity) { _ in 0 }
        }

        /// The bytes so far.
        func read<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            storage.withUnsafeMutablePointerToElements { body(UnsafeBufferPointer(start: $0, count: count)) }
        }

        /// No bytes; the buffer and its room are kept, for the next sentence, when no other
        /// sentence holds it.
        mutating func removeAll() {
            count = 0
            if isKnownUniquelyReferenced(&storage) { storage.withUnsafeMutablePointerToHeader { $0.pointee = 0 } }
        }

        mutating func append(_ text: String) {
            // Read in place; only a string not stored as UTF-8 in one piece is copied.
            if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
                var copy = text
                copy.withUTF8 { append($0) }
            }
        }

        /// Inlined: a literal's bytes are written where its length is known, where a call
        /// for each of a sentence's literal parts cost more than their copy (callgrind).
        @inline(__always)
        mutating func append(_ literal: StaticString) {
            literal.withUTF8Buffer { append($0) }
        }

        mutating func append(_ more: UnsafeBufferPointer<UInt8>) {
            guard let source = more.baseAddress, more.count > 0 else { return }
            let start = count
            write(more.count) { ($0 + start).initialize(from: source, count: more.count) }
        }

        mutating func append(_ family: WashSaleFamily) {
            var first = true
            family.forEachMember { member in
                if !first { append(", " as StaticString) }
                first = false
                append(member)
            }
        }

        mutating func append(_ quantity: Quantity) {
            DecimalText.withText(units: quantity.micros, decimals: 6, trimmingZeros: true) { append($0) }
        }

        mutating func append(_ number: Int) {
            DecimalText.withText(units: Int64(number), decimals: 0, trimmingZeros: false) { append($0) }
        }

        mutating func append(dollars amount: Money, signed: Bool) {
            amount.withFormatted(signed: signed) { append($0) }
        }

        mutating func append(percent fraction: Double) {
            Planning.withPercent(fraction) { append($0) }
        }

        mutating func append(_ date: CivilDate) {
            let start = count
            write(10) { date.writeISO(into: UnsafeMutableBufferPointer(start: $0 + start, count: 10)) }
        }

        /// Writes `more` bytes after the ones so far (`body` is given the buffer's start), in
        /// place where no sentence sharing the buffer holds bytes past them, else in a buffer
        /// of its own.
        @inline(__always)
        private mutating func write(_ more: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
            reserve(more)
            count += more
            let end = count
            storage.withUnsafeMutablePointers { held, bytes in
                body(bytes)
                held.pointee = end
            }
        }

        /// Room for `more` bytes after the ones so far, in a buffer no other sentence holds
        /// bytes past them in. Kept apart from the writes, which are inlined where a literal's
        /// length is known: inlined there too, it cost more (callgrind).
        @inline(never)
        private mutating func reserve(_ more: Int) {
            // The header read through its pointer: `storage.header` is a class's stored
            // property, its every read checked for exclusive access (callgrind: 5%).
            if count + more > capacity || storage.withUnsafeMutablePointerToHeader({ $0.pointee }) != count {
                reallocate(toHold: count + more)
            }
        }

        /// A buffer of its own with room for `needed` bytes (at least twice the old room
        /// when it grows), the bytes so far copied over.
        @inline(never)
        private mutating func reallocate(toHold needed: Int) {
            let newCapacity = needed > capacity ? max(needed, 2 * capacity) : capacity
            let count = count
            let new = Storage.create(minimumCapacity: newCapacity) { _ in count }
            storage.withUnsafeMutablePointerToElements { old in
                new.withUnsafeMutablePointerToElements { $0.initialize(from: old, count: count) }
            }
            storage = new
            capacity = newCapacity
        }
    }
}

extension Array where Element == String {
    /// The items as a sentence lists them: `A`, `A and B`, `A, B and C` (empty: nothing).
    public var joinedAsList: String {
        guard let last, count > 1 else { return last ?? "" }
        return dropLast().joined(separator: ", ") + " and " + last
    }
}

extension Int {
    /// The count as a sentence writes it: `1234567` as `1,234,567`.
    public var withThousandsSeparators: String {
        let digits = String(magnitude)
        var grouped = self < 0 ? "-" : ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }
}
