internal import CXLSXWriter
import Glibc

/// What a sheet a person fills in needs beyond cells: drop-down lists, prompts, a frozen
/// header row that is not the first.
extension XLSXSheet {
    /// A drop-down list on rows `firstRow...lastRow` (0-based) of one column; a value not in
    /// the list is refused with `errorMessage`.
    func addListValidation(column: Int, firstRow: Int, lastRow: Int, values: [String],
                           title: String, prompt: String) throws {
        var owned: [UnsafeMutablePointer<CChar>?] = values.map { strdup($0) } + [nil]
        let ownedTitle = strdup(title)
        let ownedPrompt = strdup(prompt)
        let ownedError = strdup("Choose one of: \(values.joined(separator: ", ")).")
        defer {
            for pointer in owned { free(pointer) }
            free(ownedTitle); free(ownedPrompt); free(ownedError)
        }
        let error = owned.withUnsafeMutableBufferPointer { list -> lxw_error in
            var validation = lxw_data_validation()
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            validation.value_list = list.baseAddress
            validation.input_title = ownedTitle
            validation.input_message = ownedPrompt
            validation.error_title = ownedTitle
            validation.error_message = ownedError
            return worksheet_data_validation_range(handle, lxw_row_t(firstRow), lxw_col_t(column),
                                                   lxw_row_t(lastRow), lxw_col_t(column), &validation)
        }
        try check(error, "adding the \(title) list to \(reference(row: firstRow, column: column))")
    }

    /// A prompt shown when the cell is selected, with no restriction on what it holds.
    func addPrompt(row: Int, column: Int, title: String, prompt: String) throws {
        let ownedTitle = strdup(title)
        let ownedPrompt = strdup(prompt)
        defer { free(ownedTitle); free(ownedPrompt) }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        validation.input_title = ownedTitle
        validation.input_message = ownedPrompt
        try check(worksheet_data_validation_cell(handle, lxw_row_t(row), lxw_col_t(column), &validation),
                  "adding a prompt to \(reference(row: row, column: column))")
    }

    /// Freezes the rows above `row` (0-based), so the header row stays in view.
    func freezeRows(above row: Int) {
        worksheet_freeze_panes(handle, lxw_row_t(row), 0)
    }

    /// An autofilter over a header row and the rows below it, to `lastRow` (0-based).
    func addAutofilter(headerRow: Int, lastRow: Int, columns: Int) throws {
        try check(worksheet_autofilter(handle, lxw_row_t(headerRow), 0, lxw_row_t(max(lastRow, headerRow)),
                                       lxw_col_t(columns - 1)),
                  "setting the autofilter on \(name)")
    }
}
