/// The Instructions sheet: what each sheet is for, its columns, the settings and their
/// defaults, and the forms of value the reader accepts.
extension InputTemplate {
    static func instructionsSheet() -> GridSheet {
        var rows: [[GridCell]] = [
            [.text("Rebalance workbook: how to fill it in", .title)],
            [.text("Fill in the sheets below (their tabs follow this one), save, and run: rebalancer \"Your Book.xlsx\". "
                + "The tool writes \"Your Book - Rebalance <As Of>.xlsx\" beside it for the CIO's sign-off.", .note)],
            [.text("Sheets and columns may keep the names your custodian exports use (Tax Lots, Positions, Ticker, Shares, "
                + "Cost Basis Total, Date Acquired...): rebalancer inspect \"Your Book.xlsx\" shows how each was read.", .note)],
            [.text("Title and note rows above a header row are skipped, as are blank rows and custodian total rows "
                + "(Account Total, Positions Total...). Sheets the tool does not know, like this one, are ignored.", .note)],
            [],
            [.text("Sheets", .section)],
            [.text("Sheet", .requiredHeader), .text("Needed", .requiredHeader), .text("What it is for", .requiredHeader),
             .text("Required columns", .requiredHeader), .text("Other columns", .requiredHeader)],
        ]
        for sheet in ContractSheet.allCases {
            let required = sheet.requiredColumns.map { $0.joined(separator: " or ") }
            let others = sheet.enteredColumns.filter { !isRequired($0, on: sheet) }
            rows.append([.text(sheet.rawValue, .label), .text(sheet.isRequired ? "Yes" : "No"),
                         .text(purpose(of: sheet)), .text(required.joined(separator: ", ")),
                         .text(others.joined(separator: ", "))])
        }
        rows += [[], [.text("Columns", .section)],
                 [.text("Sheet", .requiredHeader), .text("Column", .requiredHeader), .text("Required", .requiredHeader),
                  .text("What to enter", .requiredHeader)]]
        for sheet in ContractSheet.allCases where sheet != .settings {
            for column in sheet.enteredColumns {
                let required = isRequired(column, on: sheet)
                    ? (sheet.requiredColumns.first { $0.contains(column) }!.count > 1 ? "One of the pair" : "Yes")
                    : (sheet == .lots && column == "Account" ? "Unless one account" : "No")
                var about = about(column, on: sheet)
                if let choices = choices(for: column, on: sheet) {
                    about += " List: \(choices.joined(separator: ", "))."
                }
                rows.append([.text(sheet.rawValue), .text(column, required == "Yes" ? .label : .plain),
                             .text(required), .text(about)])
            }
        }
        rows += [[], [.text("Settings (Settings sheet: Setting, Value)", .section)],
                 [.text("Setting", .requiredHeader), .text("Default", .requiredHeader), .text("What it means", .requiredHeader)]]
        for setting in settingRows {
            var about = setting.about
            if let choices = setting.choices { about += " List: \(choices.joined(separator: ", "))." }
            rows.append([.text(setting.key, .label), .text(setting.defaultText), .text(about)])
        }
        rows += [[], [.text("Values the tool reads", .section)]]
        rows += valueForms.map { [.text($0.0, .label), .text($0.1)] }
        return GridSheet(name: "Instructions", rows: rows)
    }

    static let valueForms: [(String, String)] = [
        ("Numbers", "Number cells, or text such as 1,234.50, $1,234.50, +$3.10, -$12.00, (250.00) or ($16.20); "
            + "a formula's saved result."),
        ("Empty", "A blank cell, --, -, N/A or n/a."),
        ("Weights and rates", "A percent cell (5%) or 5% text is 5%; plain numbers are percents when any in the "
            + "column is above 1 (5 is 5%), otherwise fractions (0.05 is 5%)."),
        ("Dates", "Date cells, 2026-03-15, 03/15/2026 or 3/15/26 (years 00-29 are 20xx, 30-99 19xx, as Excel reads them)."),
        ("Money", "Dollars, exact to the cent. Cost Basis is the lot's total cost."),
        ("Symbols", "Read in upper case; Replacements separated by commas."),
        ("Problems", "Every problem is named by sheet and cell (Lots!D17); errors stop the run and no output is written."),
    ]
}
