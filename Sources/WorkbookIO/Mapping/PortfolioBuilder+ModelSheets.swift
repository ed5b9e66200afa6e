/// A book that keeps each model on a sheet of its own (`Growth`, `Income Model`, `Model -
/// Balanced 60/40`) instead of one Model sheet: each sheet whose name names one model of the
/// Accounts sheet and whose header is a Model sheet's, read as that model's rows.
extension PortfolioBuilder {
    /// Reads the sheets that each hold one model, when the book has no Model sheet: those
    /// whose names are exactly one of the models the Accounts sheet's Model column names
    /// (`SheetTable.model(headedBy:among:)`: written alike, or with a word such as Model or
    /// Targets around it) and whose header holds Symbol and Target. Other
    /// sheets stay ignored. Nil when no sheet is one; two sheets of one model are an error.
    mutating func readModelSheets() throws -> [(table: SheetTable, model: String)]? {
        let names = accountModelNames()
        guard !names.isEmpty else { return nil }
        var found: [(table: SheetTable, model: String)] = []
        var sheetOfModel: [String: String] = [:]
        for info in workbook.sheets where info.kind == .worksheet && !info.isHidden && ContractSheet.matching(sheetName: info.name) == nil {
            let name = ContractSheet.withoutTableName(info.name)
            guard let model = SheetTable.model(headedBy: name, among: names),
                  let aside = try readAside(info, as: .model) else { continue }
            if let other = sheetOfModel[model] {
                log.error(info.name, "This sheet and \"\(other.excerpt)\" both hold the model \"\(model.excerpt)\": keep it on one sheet.")
                continue
            }
            sheetOfModel[model] = info.name
            log.remove { $0.place == info.name && $0.message == "This sheet is not one the tool reads; it is ignored." }
            view.ignoredSheets.removeAll { $0 == info.name }
            log.info(info.name, "This sheet is read as the model \"\(model.excerpt)\": its name names the model, its header is a "
                + "Model sheet's, and the book has no Model sheet.")
            log.append(contentsOf: aside.log)
            found.append((aside.table, model))
        }
        guard !found.isEmpty else { return nil }
        // A sheet holding a model's table under a name that names no model would be left out
        // with a note, its accounts planned against no model: warned of.
        var probed = 0
        for info in workbook.sheets where info.kind == .worksheet && !info.isHidden && view.ignoredSheets.contains(info.name) {
            guard probed < Self.probedSheets else { break }
            probed += 1
            guard try readAside(info, as: .model) != nil else { continue }
            log.warning(info.name, "This sheet holds a Model table (Symbol, Target) but is not read: its name names none of the "
                + "models the Accounts sheet names (" + names.prefix(6).map { "\"\($0.excerpt)\"" }.joined(separator: ", ")
                + "). Name it for its model to have it read, or delete it if it is not meant for this run.")
        }
        return found
    }
}
