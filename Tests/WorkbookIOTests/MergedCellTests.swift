import RebalanceEngine
import Testing
@testable import WorkbookIO
import XLSXTestSupport

/// Cells a PM merged down over the rows they belong to: Excel keeps the value in the top
/// cell and shows it over the whole range, and the tool reads what the sheet shows.
@Suite("Cells merged down over several rows")
struct MergedCellTests {
    /// The canonical household's sheets with `sheet` replaced by `rows`.
    private static func sheets(replacing sheet: String, with rows: [[FixtureCell]]) -> [(name: String, rows: [[FixtureCell]])] {
        Household.canonicalSheets().map { $0.name == sheet ? (sheet, rows) : $0 }
    }

    private static func read(_ sheets: [(name: String, rows: [[FixtureCell]])], merged: [String: [String]]) throws
        -> PortfolioReading {
        try Household.read(.contractBook(sheets, merged: merged))
    }

    /// The Lots sheet with each account's ID, and ACC-1's acquisition month's lots' dates,
    /// typed once at the top of the rows they cover.
    private static let mergedLots: [[FixtureCell]] = [
        ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
        ["ACC-1", "AAPL", "L1", 100, 15000, .day(2024, 1, 15)],
        [nil, "MSFT", "L2", 50, 12500.5, .day(2025, 12, 1)],
        ["ACC-2", "VTI", "L3", 10.5, 2100, .day(2023, 6, 30)],
    ]

    @Test("An account's ID merged over its lots is every lot's account, with a note naming the ranges")
    func accountMergedOverLots() throws {
        let canonical = try #require(try Household.read(Household.canonical()).portfolio)
        let reading = try Self.read(Self.sheets(replacing: "Lots", with: Self.mergedLots), merged: ["Lots": ["A2:A3"]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let portfolio = try #require(reading.portfolio)
        #expect(portfolio.lots.map(\.account) == ["ACC-1", "ACC-1", "ACC-2"])
        #expect(portfolio == canonical)
        #expect(reading.diagnostics.map(\.description).contains(
            "Lots: Cells merged down over several rows (Lots!A2:A3) are read as the sheet shows them: the value at "
                + "the top of each is every row's value there."))
    }

    @Test("A header over two rows, its first names merged down and the rest named below a group's name, is read")
    func headerOverTwoRows() throws {
        // `Position` heads Quantity and Cost Basis on the row below; the other names are
        // merged down over both rows. The lower row alone had been taken for the header, and
        // the sheet refused for want of a Symbol column.
        let lots: [[FixtureCell]] = [
            ["Account", "Symbol", "Lot ID", "Position", nil, "Acquired"],
            [nil, nil, nil, "Quantity", "Cost Basis", nil],
        ] + Self.mergedLots.dropFirst().enumerated().map { row, cells in
            row == 1 ? ["ACC-1"] + cells.dropFirst() : cells
        }
        let reading = try Self.read(Self.sheets(replacing: "Lots", with: lots),
                                    merged: ["Lots": ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:F2"]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio == (try Household.read(Household.canonical()).portfolio))
    }

    @Test("A household merged over its accounts, and a model's name over its rows, are each row's")
    func householdAndModelMerged() throws {
        var sheets = Self.sheets(replacing: "Accounts", with: [
            ["Account", "Name", "Household", "Type", "Cash", "Withdrawal", "Model"],
            ["ACC-1", "Lee Joint", "Lee", "Joint", 10000, 2500, "Growth"],
            ["ACC-2", "Lee IRA", nil, "IRA", 500, nil, "Income"],
            ["ACC-3", "Kim Trust", "Kim", "Trust", 800, nil, "Growth"],
        ])
        sheets = sheets.map { sheet in
            guard sheet.name == "Model" else { return sheet }
            return ("Model", [["Model", "Symbol", "Target"],
                              ["Growth", "AAPL", .percent(0.6)], [nil, "MSFT", .percent(0.35)], [nil, "CASH", .percent(0.05)],
                              ["Income", "VTI", .percent(0.9)], [nil, "CASH", .percent(0.1)]])
        }
        let reading = try Self.read(sheets, merged: ["Accounts": ["C2:C3"], "Model": ["A2:A4", "A5:A6"]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let portfolio = try #require(reading.portfolio)
        #expect(portfolio.accounts.map(\.household) == ["Lee", "Lee", "Kim"])
        let models = Dictionary(uniqueKeysWithValues: portfolio.models.map { model in
            (model.name, (model.targets.map(\.symbol), model.cashTarget))
        })
        #expect(models["Growth"]?.0 == ["AAPL", "MSFT"])
        #expect(models["Growth"]?.1 == Rate(millionths: 50_000))
        #expect(models["Income"]?.0 == ["VTI"])
        #expect(models["Income"]?.1 == Rate(millionths: 100_000))
    }

    @Test("An amount merged over several rows is an error naming the range: copied, it would count once a row")
    func amountMergedOverRows() throws {
        var sheets = Self.sheets(replacing: "Accounts", with: [
            ["Account", "Name", "Household", "Type", "Cash", "Withdrawal", "Model"],
            ["ACC-1", "Lee Joint", "Lee", "Joint", 10000, 12000, "Growth"],
            ["ACC-2", "Lee IRA", "Lee", "IRA", 500, nil, "Growth"],
        ])
        sheets = sheets.map { $0.name == "Lots" ? ("Lots", Self.mergedLots) : $0 }
        let reading = try Self.read(sheets, merged: ["Accounts": ["F2:F3"], "Lots": ["E2:E3"]])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description).filter { $0.contains("is merged over rows") } == [
            "Accounts!F2:F3: Withdrawal is merged over rows 2 to 3: an amount is one row's, and copied to each row it would "
                + "count 2 times. Unmerge the cells and fill in each row's own withdrawal, or keep the whole figure on one row.",
            "Lots!E2:E3: Cost Basis is merged over rows 2 to 3: an amount is one row's, and copied to each row it would "
                + "count 2 times. Unmerge the cells and fill in each row's own cost basis, or keep the whole figure on one row.",
        ])
    }

    @Test("A merge across columns only, or over header rows, changes no value and says nothing")
    func headerAndAcrossMergesFillNothing() throws {
        let canonical = try #require(try Household.read(Household.canonical()).portfolio)
        // A title merged across the sheet, each header merged over two rows, as Excel's
        // Merge & Center leaves them; the data starts below.
        let lots: [[FixtureCell]] = [
            ["Lee household lots"],
            ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
            [],
        ] + Array(Household.canonicalSheets().first { $0.name == "Lots" }!.rows.dropFirst())
        let reading = try Self.read(Self.sheets(replacing: "Lots", with: lots),
                                    merged: ["Lots": ["A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:F3"]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio == canonical)
        #expect(!reading.diagnostics.contains { $0.message.contains("merged") })
    }

    @Test("A value left in a covered cell yields to the one the sheet shows, at the top")
    func topValueWins() throws {
        var lots = Self.mergedLots
        lots[2][0] = "ACC-2"
        let reading = try Self.read(Self.sheets(replacing: "Lots", with: lots), merged: ["Lots": ["A2:A3"]])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.account) == ["ACC-1", "ACC-1", "ACC-2"])
    }

    /// A block merged over the account, symbol and quantity columns shows ACC-1 alone; a file
    /// that keeps values in the cells it covers (Excel clears them) holds quantities nobody
    /// sees, which were read as the rows' own.
    @Test("A block merged over several columns and rows whose covered cells hold values is refused")
    func blockOverColumnsWithCoveredValues() throws {
        let reading = try Self.read(Self.sheets(replacing: "Lots", with: Self.mergedLots), merged: ["Lots": ["A2:D3"]])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description).contains(
            "Lots!A2:D3: These cells are merged over several columns and rows, so the sheet shows one value over them all, "
                + "yet the file keeps values in cells they cover (Lots!B2) that nobody sees. Unmerge the cells and check "
                + "each row's values."))
    }

    @Test("Merged ranges that overlap under one column are refused, naming both")
    func overlappingRangesRefused() throws {
        let reading = try Self.read(Self.sheets(replacing: "Lots", with: Self.mergedLots), merged: ["Lots": ["A2:A3", "A3:A4"]])
        // Nothing is filled by the ranges: the row they share is read as it is without them, the
        // blank Account below ACC-1's first row (a sheet grouped by account).
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!A3:A4: These merged cells overlap the merged cells Lots!A2:A3; no spreadsheet program writes that, "
                + "and which value the sheet shows is unclear. Unmerge them and fill each row's value in.",
        ])
    }

    @Test("A sheet's reading keeps the ranges that span rows, corners in either order, and passes over bad ones")
    func summaryOfMergedRanges() throws {
        let path = try XLSXFixture.contractBook(
            [("Sheet1", [["a", "b"], ["c"], ["d"]])],
            merged: ["Sheet1": ["A1:B1", "B3:A2", "A1", "A0:A2", "XFE1:XFE2", "C5:C1048576"]]
        ).write()
        let workbook = try Workbook(path: path)
        var rows = 0
        let summary = try workbook.readRows(in: workbook.sheets[0]) { _ in rows += 1 }
        #expect(rows == 3)
        #expect(summary.mergedDown == [
            MergedRange(firstColumn: 1, firstRow: 2, lastColumn: 2, lastRow: 3),
            MergedRange(firstColumn: 3, firstRow: 5, lastColumn: 3, lastRow: 1_048_576),
        ])
        #expect(summary.mergedDown.map(\.description) == ["A2:B3", "C5:C1048576"])
        #expect(!summary.tooManyMerged)
    }

    @Test("Past the ranges a reading keeps, the sheet's reading says so, and the Lots sheet is refused")
    func tooManyRangesRefused() throws {
        let path = try XLSXFixture.contractBook([("Sheet1", [["a"], ["b"], ["c"]])], merged: ["Sheet1": ["A1:A2", "B1:B3"]])
            .write()
        let workbook = try Workbook(path: path, limits: ReadLimits(maxMergedDown: 1))
        let summary = try workbook.readRows(in: workbook.sheets[0]) { _ in }
        #expect(summary.mergedDown.map(\.description) == ["A1:A2"])
        #expect(summary.tooManyMerged)

        let layout = SheetTable.RowLayout(columns: ["Account": 1], sheetName: "Lots")
        var rows = [SheetTable.DataRow(number: 2, values: [.string("ACC-1")], layout: layout),
                    SheetTable.DataRow(number: 3, values: [nil], layout: layout)]
        var log = DiagnosticLog()
        SheetTable.readMerged(summary, into: &rows, layout: layout, sheetName: "Lots", log: &log)
        #expect(rows[1].values == [nil])
        #expect(log.entries.map(\.description) == [
            "Lots: The sheet merges cells over more ranges of several rows each than the 1 read; its values cannot all "
                + "be read. Unmerge the cells (Home > Merge & Center) and fill each row's value in.",
        ])
    }

    @Test("Hidden rows of a table (a filter, Hide Rows) are read like the others, with one warning naming them")
    func hiddenRowsRead() throws {
        let canonical = try #require(try Household.read(Household.canonical()).portfolio)
        // The header (row 1) and a title above nothing are not table rows: only lots are named.
        let reading = try Household.read(.contractBook(Household.canonicalSheets(), hiddenRows: ["Lots": [1, 2, 4], "Model": [3]]))
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio == canonical)
        #expect(reading.warnings.map(\.description) == [
            "Lots: Rows 2 and 4 of this sheet are hidden (by a filter or Hide Rows) and are read like the others: the tool "
                + "reads every row of a table, seen or not. Delete any row that should not count.",
            "Model: Row 3 of this sheet is hidden (by a filter or Hide Rows) and is read like the others: the tool reads "
                + "every row of a table, seen or not. Delete any row that should not count.",
        ])
        let runs = try Household.read(.contractBook(Household.canonicalSheets(), hiddenRows: ["Lots": [2, 3, 4]]))
        #expect(runs.warnings.map(\.description) == [
            "Lots: Rows 2–4 of this sheet are hidden (by a filter or Hide Rows) and are read like the others: the tool "
                + "reads every row of a table, seen or not. Delete any row that should not count.",
        ])
    }

    @Test("Hidden columns the tool reads (Hide Columns) are read like the others, with one warning naming them")
    func hiddenColumnsRead() throws {
        let canonical = try #require(try Household.read(Household.canonical()).portfolio)
        let sheets = Household.canonicalSheets()
        let lots = try #require(sheets.first { $0.name == "Lots" })
        let headers = lots.rows[0].compactMap { cell -> String? in if case .text(let text) = cell { text } else { nil } }
        // Columns past the table hide nothing the tool reads: no warning names them.
        let reading = try Household.read(.contractBook(sheets, hiddenColumns: ["Lots": [2...3, 40...45]]))
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio == canonical)
        #expect(reading.warnings.map(\.description) == [
            "Lots: Columns B (\(headers[1])) and C (\(headers[2])) of this sheet are hidden and are read like the others: "
                + "the tool reads every column it knows, seen or not. Clear or delete any column that should not count.",
        ])
        let none = try Household.read(.contractBook(sheets, hiddenColumns: ["Lots": [40...45]]))
        #expect(none.warnings.isEmpty)
    }
}
