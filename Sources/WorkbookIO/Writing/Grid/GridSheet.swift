/// A worksheet laid out by hand: rows of cells from A1, with what a person filling it in
/// needs (a frozen, filtered header row, column formats, drop-down lists, prompts).
public struct GridSheet: Sendable, Hashable {
    /// A drop-down list of allowed values on the rows below the header of one column.
    public struct List: Sendable, Hashable {
        /// 0-based column.
        public var column: Int
        public var values: [String]
        /// At most 32 characters, as Excel shows it.
        public var title: String
        /// At most 255 characters.
        public var prompt: String
        /// 1-based rows; nil for every row below the header, through `listsThroughRow`.
        public var rows: ClosedRange<Int>?

        public init(column: Int, values: [String], title: String, prompt: String, rows: ClosedRange<Int>? = nil) {
            self.column = column
            self.values = values
            self.title = title
            self.prompt = prompt
            self.rows = rows
        }
    }

    /// A prompt shown when a cell is selected.
    public struct Prompt: Sendable, Hashable {
        /// 1-based row and 0-based column.
        public var row: Int
        public var column: Int
        public var title: String
        public var prompt: String

        public init(row: Int, column: Int, title: String, prompt: String) {
            self.row = row
            self.column = column
            self.title = title
            self.prompt = prompt
        }
    }

    public var name: String
    public var rows: [[GridCell]]
    /// The 1-based header row: the rows down to it stay in view and it gets a filter.
    public var headerRow: Int?
    /// Looks given to whole columns (0-based), for the values a person types in later.
    public var columnLooks: [Int: GridCell.Look]
    /// Lists apply from the row below the header to `listsThroughRow`.
    public var lists: [List]
    public var listsThroughRow: Int
    public var prompts: [Prompt]

    public init(name: String, rows: [[GridCell]], headerRow: Int? = nil, columnLooks: [Int: GridCell.Look] = [:],
                lists: [List] = [], listsThroughRow: Int = 1_000, prompts: [Prompt] = []) {
        self.name = name
        self.rows = rows
        self.headerRow = headerRow
        self.columnLooks = columnLooks
        self.lists = lists
        self.listsThroughRow = listsThroughRow
        self.prompts = prompts
    }
}
