import WorkbookIO

/// The contract view as text, for `inspect`.
enum ContractViewText {
    static func render(_ reading: PortfolioReading) -> String {
        var lines: [String] = ["Contract view:"]
        for sheet in reading.view.sheets {
            guard let name = sheet.sheetName else {
                lines.append("  \(sheet.contractSheet): not in the workbook")
                continue
            }
            guard let header = sheet.headerRow else {
                lines.append("  \(sheet.contractSheet): sheet \"\(name)\", no header row found")
                // A Settings sheet read without its header says how it was read.
                for column in sheet.columns { lines.append("    \(column)") }
                continue
            }
            lines.append("  \(sheet.contractSheet): sheet \"\(name)\", header row \(header), \(sheet.rowsRead) row(s) read, \(sheet.rowsSkipped.count) skipped")
            for column in sheet.columns { lines.append("    \(column)") }
            for column in sheet.ignoredColumns { lines.append("    \(column) ignored") }
            for skipped in sheet.rowsSkipped { lines.append("    skipped \(skipped)") }
            for reading in sheet.percentReadings { lines.append("    \(reading)") }
        }
        if !reading.view.ignoredSheets.isEmpty {
            lines.append("  Other sheets, ignored: \(reading.view.ignoredSheets.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        lines.append("Settings as understood:")
        lines += reading.view.settings.map { "  \($0)" }
        let counts = [("error", reading.errors.count), ("warning", reading.warnings.count),
                      ("note", reading.diagnostics.count - reading.errors.count - reading.warnings.count)]
        lines.append(counts.map { "\($0.1) \($0.0)\($0.1 == 1 ? "" : "s")" }.joined(separator: ", ")
            + (reading.diagnostics.isEmpty ? "." : ":"))
        for severity in [Diagnostic.Severity.error, .warning, .info] {
            for d in reading.diagnostics where d.severity == severity {
                lines.append("  \(severity.rawValue): \(d)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
