/// The bounds the reader keeps to, so that no file can make it hang or balloon.
public struct ReadLimits: Sendable, Equatable {
    /// The most bytes any one part may inflate to.
    public var maxPartBytes: Int64
    /// The most bytes all parts read may inflate to together.
    public var maxTotalBytes: Int64
    /// The most a part may inflate relative to its compressed size, once past `ratioFloorBytes`.
    public var maxCompressionRatio: Int64
    /// Inflated size below which the ratio is not checked (tiny parts compress absurdly well).
    public var ratioFloorBytes: Int64
    /// The most characters of cell text one sheet may hand over (shared strings repeated count each time).
    public var maxSheetTextCharacters: Int64
    /// The most entries the zip may hold.
    public var maxEntries: Int
    /// The most ranges of cells merged down over several rows that one sheet's reading keeps:
    /// by default one for every row of a sheet, far past a book that merges each account's
    /// or symbol's cells.
    public var maxMergedDown: Int
    /// The most cells a sheet whose rows are not written top to bottom may hold: such a sheet's
    /// rows are all held to be handed over by number, where a sheet in order streams. Far past
    /// a real book; 32 million cells written bottom up had held 2.8 GB (explore-CZ).
    public var maxCellsOutOfOrder: Int

    public init(
        maxPartBytes: Int64 = 512 << 20,
        maxTotalBytes: Int64 = 1 << 30,
        maxCompressionRatio: Int64 = 250,
        ratioFloorBytes: Int64 = 16 << 20,
        maxSheetTextCharacters: Int64 = 256 << 20,
        maxEntries: Int = 10_000,
        maxMergedDown: Int = ReadLimits.maxRows,
        maxCellsOutOfOrder: Int = 4_000_000
    ) {
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioFloorBytes = ratioFloorBytes
        self.maxSheetTextCharacters = maxSheetTextCharacters
        self.maxEntries = maxEntries
        self.maxMergedDown = maxMergedDown
        self.maxCellsOutOfOrder = maxCellsOutOfOrder
    }

    /// The defaults: generous for any real portfolio book, far below what harms a laptop.
    public static let standard = ReadLimits()

    /// Excel's last row.
    public static let maxRows = 1_048_576
    /// Excel's last column (XFD).
    public static let maxColumns = 16_384
    /// The most characters an Excel cell holds: a longer text under a column the tool reads
    /// comes from no spreadsheet program's own editing, and none is written.
    public static let maxCellCharacters = 32_767

    /// `512 MiB`, `64 KiB` or `100 bytes`, for messages.
    static func describe(bytes: Int64) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
