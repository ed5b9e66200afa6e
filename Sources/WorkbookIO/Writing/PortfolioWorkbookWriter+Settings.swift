import RebalanceEngine

extension InputSheetWriter {
    /// Settings: one Setting/Value row per key, under the contract's key names.
    func writeSettings() throws {
        let settings = portfolio.settings
        let rows = settings.workbookRows
        try writeTable("Settings", columns: ["Setting", "Value"], rows: rows, count: rows.count) { key, value in
            [.text(key, .label), value]
        }
    }
}
