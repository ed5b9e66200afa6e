/// A table keyed by a name (a symbol or an account), for the engine's inner loops.
///
/// A `Dictionary` keyed by `String` runs SipHash over the name's bytes at every lookup;
/// planning asks such tables several hundred thousand times per hundred accounts, and
/// those lookups were about a quarter of its instructions (callgrind). This table hashes
/// an ASCII name eight bytes at a time with a multiply-and-shift mix keyed by a seed drawn
/// once per process (so a workbook cannot be written to collide on purpose), and probes
/// an open-addressed index of its entries. A name with any other character is hashed by
/// the standard `Hasher`, which, like `String`'s `==`, sees canonically equivalent
/// spellings (`é` composed or as `e` + accent) as one name.
///
/// Entries are kept in the order they were first inserted and are never removed: a value
/// type of `Optional` stands for "no longer there" where a table needs it. Nothing here
/// depends on the seed but speed: `names` and `values` come out in insertion order.
struct NameTable<Value> {
    /// The names, in the order they were first inserted.
    private(set) var names: [String] = []
    /// Each name's value, at the name's index.
    private(set) var values: [Value] = []
    /// The open-addressed index: 0 for an empty place, else an entry's index + 1.
    private var places: [Int32]
    private var mask: Int
    private let seed: UInt64

    /// An empty table with room for `minimumCapacity` names before it grows, and at least
    /// sixty-four once it holds one: the engine's tables are mostly per account and hold a
    /// few dozen to a hundred names (an account's positions, trades, sales), and growing
    /// from sixteen placed those names again twice (0.5% of planning's instructions;
    /// callgrind). The index is half a kilobyte; a table made with no capacity asked shares
    /// one empty place until its first name (most of a book's sets never get one), which a
    /// lookup reads as it reads any empty place, so it asks no question more.
    init(minimumCapacity: Int = 0) {
        seed = NameTable<Value>.processSeed
        guard minimumCapacity > 0 else {
            places = noPlaces
            mask = 0
            return
        }
        var size = 128
        while size < minimumCapacity * 2 { size *= 2 }
        places = Array(repeating: 0, count: size)
        mask = size - 1
        names.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    var count: Int { names.count }
    var isEmpty: Bool { names.isEmpty }

    /// The entry index of `name`, or `nil` when the table does not hold it.
    @inline(__always)
    func index(of name: String) -> Int? {
        var place = Int(truncatingIfNeeded: NameTable.hash(name, seed: seed)) & mask
        while true {
            let entry = Int(places[place])
            if entry == 0 { return nil }
            if names[entry - 1] == name { return entry - 1 }
            place = (place + 1) & mask
        }
    }

    /// `index(of:)` asked through a mutating access, for a table kept in a class's stored
    /// property: the table is read where it is kept, where a non-mutating call there copied it
    /// first, its three lists retained and released (callgrind).
    @inline(__always)
    mutating func indexInPlace(of name: String) -> Int? {
        index(of: name)
    }

    /// The value of `name`, or `nil` when the table does not hold it.
    @inline(__always)
    subscript(name: String) -> Value? {
        guard let index = index(of: name) else { return nil }
        return values[index]
    }

    /// The value at an entry index from `index(of:)` or `insert`, read where it is stored: a
    /// field read through a getter copied the whole value first (a book's position, its lots
    /// retained and released; callgrind).
    @inline(__always)
    subscript(at index: Int) -> Value {
        _read { yield values[index] }
        _modify { yield &values[index] }
    }

    /// The entry index of `name`, inserting it with `value()` when the table does not hold it.
    @inline(__always)
    mutating func index(of name: String, insertingIfAbsent value: () -> Value) -> Int {
        let hash = NameTable.hash(name, seed: seed)
        var place = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(places[place])
            if entry == 0 { break }
            if names[entry - 1] == name { return entry - 1 }
            place = (place + 1) & mask
        }
        let index = names.count
        // The first name of a table made with no capacity asked gets room for as many as its
        // first index holds: grown from one, its lists were moved five times on the way to a
        // few dozen names (callgrind).
        if mask == 0 {
            names.reserveCapacity(64)
            values.reserveCapacity(64)
        }
        names.append(name)
        values.append(value())
        if (index + 1) * 2 > places.count {
            grow()
        } else {
            places[place] = Int32(index + 1)
        }
        return index
    }

    /// The same names, in the same places, each with the value `transform` gives its entry
    /// (index and name): no name is hashed or placed again.
    func mapEntries<Other>(_ transform: (_ index: Int, _ name: String) -> Other) -> NameTable<Other> {
        NameTable<Other>(names: names, values: names.indices.map { transform($0, names[$0]) }, places: places,
                         mask: mask, seed: seed)
    }

    private init(names: [String], values: [Value], places: [Int32], mask: Int, seed: UInt64) {
        self.names = names
        self.values = values
        self.places = places
        self.mask = mask
        self.seed = seed
    }

    /// Sets the value of `name`, inserting it when the table does not hold it.
    mutating func set(_ value: Value, for name: String) {
        var inserted = false
        let index = index(of: name) { inserted = true; return value }
        if !inserted { values[index] = value }
    }

    /// Grows the index and places every entry again: fourfold while it is small (most of
    /// the engine's tables hold tens to a few hundred names, so fewer rounds of placing them
    /// again), then twofold.
    private mutating func grow() {
        let size = places.count < 128 ? 128 : places.count * (places.count < 256 ? 4 : 2)
        places = Array(repeating: 0, count: size)
        mask = size - 1
        for (index, name) in names.enumerated() {
            var place = Int(truncatingIfNeeded: NameTable.hash(name, seed: seed)) & mask
            while places[place] != 0 { place = (place + 1) & mask }
            places[place] = Int32(index + 1)
        }
    }

    /// A name's hash: its UTF-8 bytes taken eight at a time, each word mixed into the
    /// seeded state by a multiply and a shift, the length folded in last (see `asciiHash`).
    @inline(__always)
    static func hash(_ name: String, seed: UInt64) -> UInt64 {
        let ascii = name.utf8.withContiguousStorageIfAvailable { asciiHash(UnsafeRawBufferPointer($0), seed: seed) }
        if let ascii, let hash = ascii { return hash }
        return slowHash(name, seed: seed)
    }

    /// The hash of a name that is not ASCII (by the standard hasher), or whose bytes are
    /// not in one piece (a string bridged from elsewhere: hashed as its contiguous copy,
    /// so equal names meet whatever their storage).
    @inline(never)
    private static func slowHash(_ name: String, seed: UInt64) -> UInt64 {
        var contiguous = name
        contiguous.makeContiguousUTF8()
        let ascii = contiguous.utf8.withContiguousStorageIfAvailable { asciiHash(UnsafeRawBufferPointer($0), seed: seed) }
        if let ascii, let hash = ascii { return hash }
        var hasher = Hasher()
        hasher.combine(name)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }

    /// The hash of ASCII bytes, or `nil` when a byte is not ASCII.
    ///
    /// Whole words are read eight bytes at a time; the bytes after the last whole word are
    /// read as one word ending at the last byte (overlapping the one before), and a name
    /// under eight bytes as two half words, or three bytes, that together cover it: a few
    /// loads, where reading the tail byte by byte took about a third of a lookup's
    /// instructions (callgrind). Every byte is read, so the ASCII test sees them all.
    @inline(__always)
    private static func asciiHash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64? {
        let count = bytes.count
        var state = seed
        var seen: UInt64 = 0
        var tail: UInt64 = 0
        if count >= 8 {
            var offset = 0
            while offset + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                seen |= word
                state = mix(state ^ word)
                offset += 8
            }
            if offset < count { tail = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) }
        } else if count >= 4 {
            let first = UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let last = UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            tail = first | last << 32
        } else if count > 0 {
            tail = UInt64(bytes[0]) | UInt64(bytes[count / 2]) << 8 | UInt64(bytes[count - 1]) << 16
        }
        seen |= tail
        guard seen & 0x8080_8080_8080_8080 == 0 else { return nil }
        return mix(mix(state ^ tail) ^ UInt64(count))
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var state = value &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 32
        state &*= 0xD6E8_FEB8_6659_FD93
        return state ^ (state >> 29)
    }

    /// Drawn once per process from the system's generator.
    private static var processSeed: UInt64 { nameTableSeed }
}

/// The seed of every `NameTable` in this process.
private let nameTableSeed = UInt64.random(in: .min ... .max)

/// The index of every empty table made with no capacity asked: one empty place.
private let noPlaces: [Int32] = [0]

extension NameTable: Sendable where Value: Sendable {}

/// A set of names (symbols or accounts) on a `NameTable`, for the engine's inner loops.
struct NameSet: Sendable {
    private var table: NameTable<Void>

    /// An empty set with room for `minimumCapacity` names (see `NameTable.init(minimumCapacity:)`).
    init(minimumCapacity: Int = 0) {
        table = NameTable(minimumCapacity: minimumCapacity)
    }

    /// An empty set answers without hashing the name: most of a book's sets stay empty.
    @inline(__always)
    func contains(_ name: String) -> Bool { !table.isEmpty && table.index(of: name) != nil }

    var isEmpty: Bool { table.count == 0 }

    /// Adds `name`; whether it was not there before.
    @inline(__always) @discardableResult
    mutating func insert(_ name: String) -> Bool {
        var inserted = false
        _ = table.index(of: name) { inserted = true }
        return inserted
    }
}

extension Array where Element == String {
    /// The names in `String`'s order (`sorted()`), each compared by a key worked out once.
    ///
    /// `String`'s `<` orders by Unicode scalars after normalization: for two ASCII names,
    /// their byte order. A name's key is its first eight bytes, big-endian, when it is all
    /// ASCII; two names with different keys are in key order, and any other pair (equal
    /// keys, or a name that is not ASCII) is compared by `<` itself, so every comparison
    /// agrees with `<`. `<` took about a hundred instructions a comparison (callgrind), and
    /// each account's symbols are sorted when its book is made.
    func sortedNames() -> [String] {
        guard count > 1 else { return self }
        let keys = map(Array.orderKey)
        return indices.sorted { a, b in
            if let left = keys[a], let right = keys[b], left != right { return left < right }
            return self[a] < self[b]
        }.map { self[$0] }
    }

    /// The first eight bytes of an ASCII name, big-endian and padded with zeros; `nil` when
    /// a byte is not ASCII.
    private static func orderKey(_ name: String) -> UInt64? {
        var key: UInt64 = 0
        var position: UInt64 = 0
        for byte in name.utf8 {
            guard byte < 0x80 else { return nil }
            if position < 8 { key |= UInt64(byte) << (56 - 8 * position) }
            position += 1
        }
        return key
    }
}
