internal import CXLSXWriter
import RebalanceEngine

extension SheetWriter {
    /// At most this many accounts get a weights chart, each of at most `chartedSecurities` bars.
    static let chartedAccounts = 3
    static let chartedSecurities = 30

    /// Drift: every security, sector and group before and after, its status highlighted
    /// unless `In Band`; beside the table, a chart of security weights for the first accounts.
    func driftTable() throws -> Table {
        let columns = ["Account", "Level", "Name", "Target", "Low", "High", "Weight Before", "Weight After",
                       "Status", "Drift After"]
        var table = try table("Drift", columns: columns, rows: plan.drift.count) { sheet, plan, styles in
            for row in plan.drift {
                try sheet.addRow([
                    .text(row.account), .text(row.level.rawValue), .text(row.name),
                    .optionalPercent(row.target), .optionalPercent(row.low), .optionalPercent(row.high),
                    .percent(row.weightBefore), .percent(row.weightAfter),
                    .text(row.status.rawValue, row.status == .inBand ? .plain : .warning),
                    .optionalPercent(row.target.map { row.weightAfter - $0 }),
                ], styles: styles)
            }
        }
        // The charts go through libxlsxwriter, on this thread, once the rows are written.
        table.finish = { sheet in
            var runs = SecurityRuns(limit: Self.chartedAccounts)
            for (index, row) in plan.drift.enumerated() { runs.note(row, atRow: index + 1) }
            runs.finish()
            for (index, run) in runs.charted.enumerated() {
                try addWeightsChart(run, to: sheet, at: 1 + index * 16, column: columns.count + 1)
            }
            try sheet.setColumnWidths()
        }
        return table
    }

    /// A column chart of target, weight before and weight after for one account's securities.
    private func addWeightsChart(_ run: SecurityRuns.Run, to sheet: XLSXSheet, at row: Int, column: Int) throws {
        let chart = try document.addChart(type: LXW_CHART_COLUMN)
        let first = run.firstRow + 1
        let last = min(run.lastRow, run.firstRow + Self.chartedSecurities - 1) + 1
        let plainName = sheet.name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let sheetName = plainName ? sheet.name : "'\(sheet.name)'"
        func range(_ column: String) -> String { "=\(sheetName)!$\(column)$\(first):$\(column)$\(last)" }
        for (letter, title) in [("D", "Target"), ("G", "Weight Before"), ("H", "Weight After")] {
            guard let series = chart_add_series(chart, range("C"), range(letter)) else {
                throw WorkbookWriteError(doing: "adding the \(title) series to the chart of \(run.account)",
                                         message: "libxlsxwriter could not allocate it")
            }
            chart_series_set_name(series, title)
        }
        chart_title_set_name(chart, "\(run.account): security weights")
        chart_axis_set_num_format(chart.pointee.y_axis, "0%")
        // Bars measured from zero, so a small drift does not look like a large one.
        chart_axis_set_min(chart.pointee.y_axis, 0)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        try sheet.insertChart(chart, row: row, column: column)
    }
}

/// The first unbroken run of Security rows of each of the first few accounts, for charts.
struct SecurityRuns {
    struct Run {
        var account: String
        /// 0-based sheet rows.
        var firstRow: Int
        var lastRow: Int
    }

    let limit: Int
    private(set) var charted: [Run] = []
    private var current: Run?

    init(limit: Int) {
        self.limit = limit
    }

    mutating func note(_ row: DriftRow, atRow sheetRow: Int) {
        if var run = current, row.level == .security, row.account == run.account, run.lastRow == sheetRow - 1 {
            run.lastRow = sheetRow
            current = run
            return
        }
        finish()
        guard row.level == .security, charted.count < limit,
              !charted.contains(where: { $0.account == row.account }) else { return }
        current = Run(account: row.account, firstRow: sheetRow, lastRow: sheetRow)
    }

    mutating func finish() {
        if let run = current { charted.append(run) }
        current = nil
    }
}
