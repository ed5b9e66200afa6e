/// One kind of a plan's rows, in the plan's order, read as a list.
///
/// A plan made in one pass holds each kind of row in one array. A plan merged from shards
/// leaves every row in the array its shard made and keeps where each one falls: the shard's
/// array and the row's place in it (see `Planner.merge`). Read in order, a list of either
/// kind gives the same rows, and two lists with the same rows in the same order are equal.
public struct RowList<Row> {
    /// The rows, when they are held in one array (`lists` is then empty). Kept apart from
    /// `lists`: read through a list of lists, each field read retained the inner list and
    /// released it (the plan's checks took four times their instructions; callgrind).
    @usableFromInline var rows: [Row]
    /// The arrays the rows are in, when they are left where shards made them.
    @usableFromInline var lists: [[Row]]
    /// Then, for each row in order, its array (high 32 bits) and its place there (low 32).
    @usableFromInline var places: [UInt64]

    /// The rows of `rows`, in their order.
    public init(_ rows: [Row]) {
        self.rows = rows
        lists = []
        places = []
    }

    /// No rows.
    public init() {
        self.init([])
    }

    /// Rows left in `lists`: for each row in order, its array and place there, as
    /// `RowList.place(_:_:)` numbers them.
    init(lists: [[Row]], places: [UInt64]) {
        precondition(!lists.isEmpty || places.isEmpty, "rows are placed in the lists given")
        rows = []
        self.lists = lists
        self.places = places
    }

    /// Row `place` of array `list`, as one number.
    static func place(_ list: Int, _ place: Int) -> UInt64 {
        precondition(list >= 0 && list < 1 << 32 && place >= 0 && place < 1 << 32, "rows are placed by 32-bit numbers")
        return UInt64(list) << 32 | UInt64(place)
    }

    /// Adds `row` after the last row.
    public mutating func append(_ row: Row) {
        if lists.isEmpty { return rows.append(row) }
        places.append(RowList.place(lists.count - 1, lists[lists.count - 1].count))
        lists[lists.count - 1].append(row)
    }

    /// Changes every row in place, in order, with its position: walked in its arrays (a
    /// change through the subscript is a call to its accessor, which allocated a frame
    /// for each row; callgrind).
    mutating func updateEach(_ change: (inout Row, Int) -> Void) {
        if lists.isEmpty {
            for position in rows.indices { change(&rows[position], position) }
            return
        }
        for (position, place) in places.enumerated() {
            change(&lists[Int(place >> 32)][Int(place & 0xFFFF_FFFF)], position)
        }
    }

    /// The rows as one array.
    public var array: [Row] {
        lists.isEmpty ? rows : Array(self)
    }
}

extension RowList: RandomAccessCollection, MutableCollection {
    // Inlined, and read with a getter: a `_read` accessor was left as a call, and each
    // read copied the whole row and retained its texts. A field read through the getter
    // still copies its row (the row comes from one of two kinds of storage), so the
    // engine's loops over many rows read `array` instead (callgrind).
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { lists.isEmpty ? rows.count : places.count }

    @inlinable public subscript(position: Int) -> Row {
        @inline(__always) get {
            if lists.isEmpty { return rows[position] }
            let place = places[position]
            return lists[Int(place >> 32)][Int(place & 0xFFFF_FFFF)]
        }
        _modify {
            if lists.isEmpty {
                yield &rows[position]
            } else {
                let place = places[position]
                yield &lists[Int(place >> 32)][Int(place & 0xFFFF_FFFF)]
            }
        }
    }
}

extension RowList: ExpressibleByArrayLiteral {
    public init(arrayLiteral rows: Row...) {
        self.init(rows)
    }
}

extension RowList: Equatable where Row: Equatable {
    /// The same rows in the same order, wherever each is kept.
    public static func == (lhs: RowList, rhs: RowList) -> Bool {
        lhs.elementsEqual(rhs)
    }
}

extension RowList: Hashable where Row: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for row in self { hasher.combine(row) }
    }
}

extension RowList: Sendable where Row: Sendable {}

extension RowList: CustomStringConvertible, CustomDebugStringConvertible {
    /// Written as an array of the same rows is.
    public var description: String {
        var text = "["
        for (position, row) in enumerated() {
            if position > 0 { text += ", " }
            debugPrint(row, terminator: "", to: &text)
        }
        return text + "]"
    }

    public var debugDescription: String { description }
}
