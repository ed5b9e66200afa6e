/// A sentence put together in one growing buffer of UTF-8 bytes and made a `String` once.
///
/// Appending to a `String` checks its storage's uniqueness and capacity and may move it at
/// every step; the plan words a Reason of a dozen parts for each of tens of thousands of
/// trades, and a note for each wash-sale row, where those steps cost more than the words.
/// A sentence is written as a string literal with interpolations, typed `Sentence`.
struct Sentence: ExpressibleByStringInterpolation {
    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) {
            Sentence.append(literal, to: &bytes)
        }

        mutating func appendInterpolation(_ text: String) {
            Sentence.append(text, to: &bytes)
        }

        mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            Sentence.append(value.description, to: &bytes)
        }
    }

    private var bytes: [UInt8]

    init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.bytes
    }

    init(stringLiteral literal: String) {
        bytes = []
        Sentence.append(literal, to: &bytes)
    }

    /// The sentence itself: `Sentence("…\(x)…" + "…")` words a long one in place.
    init(_ sentence: Sentence) {
        self = sentence
    }

    /// An empty sentence with room for `capacity` bytes.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ text: String) {
        Sentence.append(text, to: &bytes)
    }

    /// `parts` with `separator` between them.
    mutating func append(_ parts: [String], separator: String) {
        for (position, part) in parts.enumerated() {
            if position > 0 { append(separator) }
            append(part)
        }
    }

    static func += (sentence: inout Sentence, more: Sentence) {
        sentence.bytes.append(contentsOf: more.bytes)
    }

    static func + (sentence: Sentence, more: Sentence) -> Sentence {
        var joined = sentence
        joined += more
        return joined
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
