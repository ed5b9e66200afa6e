/// What the reader understood of the workbook, for `inspect` and the Summary sheet:
/// which sheet was taken as which, header rows, matched columns, rows read and skipped,
/// and how each percent column was read.
public struct ContractView: Sendable, Hashable {
    public struct SheetView: Sendable, Hashable {
        public var contractSheet: String
        /// The workbook's sheet taken as it, or nil when the workbook has none.
        public var sheetName: String?
        public var headerRow: Int?
        /// `"Ticker" (B3) → Symbol`, in sheet order.
        public var columns: [String]
        public var ignoredColumns: [String]
        public var rowsRead: Int
        public var rowsSkipped: [String]
        /// `Target (Model!C): plain numbers, one above 1, read as percents`.
        public var percentReadings: [String]
    }

    public var sheets: [SheetView] = []
    /// Sheets the contract does not name, ignored.
    public var ignoredSheets: [String] = []
    /// The settings as understood, `key = value` in contract order.
    public var settings: [String] = []
}
