import RebalanceEngine

extension PortfolioBuilder {
    /// Judges the Securities and Model columns the tool does not read that may restrict a
    /// security or phase it out (`Do Not Sell`, `Hold`, `Lockup`, `Trading Status`), by their
    /// cells, whatever else the sheet holds: a cell that marks one (a Lockup on or after the As
    /// Of) is an error naming it, unless the security's Restriction or Phase Out already says
    /// as much; a column marking none is passed over with an Info line. By the header alone, a
    /// `Do Not Sell` Yes beside a blank Restriction column was sold, and a `Do Not Buy` column
    /// of No refused the book (explore-CO).
    mutating func judgeSecurityMarks(securities: [Security]) {
        let bySymbol = Dictionary(securities.map { ($0.symbol, $0) }, uniquingKeysWith: { first, _ in first })
        let markTables = [tables[.securities], tables[.model]].compactMap { $0 } + modelSheetTables.map(\.table)
        for table in markTables where !table.securityMarkColumns.isEmpty {
            let rowsByNumber = Dictionary(table.rows.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
            for column in table.securityMarkColumns {
                var marks = 0
                var agreeing = 0
                for cell in column.cells {
                    guard let mark = SheetTable.securityMark(cell.value, kind: column.kind, asOf: settings.asOf,
                                                             uses1904: uses1904) else { continue }
                    let symbol = rowsByNumber[cell.row].flatMap { text($0, "Symbol")?.uppercased() }
                    if let symbol, SheetTable.carries(bySymbol[symbol], mark) {
                        agreeing += 1
                        continue
                    }
                    marks += 1
                    log.error(cell.place, Self.unreadMarkMessage(mark, shown: Self.shownMark(cell.value),
                                                                 header: column.header, symbol: symbol))
                }
                guard marks == 0 else { continue }
                let (what, home) = column.kind == .yes(.phaseOut) ? ("phase-out", "Phase Out") : ("restriction", "Restriction")
                if agreeing > 0 {
                    log.info(column.place, "The column \"\(column.header.excerpt)\" is not one the tool reads; each of its marks "
                        + "the Securities sheet's \(home) column gives as well, and that column is read, so this one is ignored.")
                } else if column.kind == .words(strict: true) {
                    log.info(column.place, "The column \"\(column.header.excerpt)\" is not one the tool reads; it is ignored.")
                } else {
                    log.info(column.place, "The column \"\(column.header.excerpt)\" is not one the tool reads, and none of its "
                        + "cells marks a \(what) (each is blank or says none), so it is ignored: \(what)s are read from the "
                        + "Securities sheet's \(home) column.")
                }
            }
        }
    }

    /// What a mark left unread would do, and where the tool reads it.
    static func unreadMarkMessage(_ mark: SheetTable.SecurityMark, shown: String, header: String, symbol: String?) -> String {
        let who = symbol ?? "This row's security"
        let it = symbol ?? "it"
        let opening = "\(who) is marked \"\(shown.excerpt)\" under \"\(header.excerpt)\", a column the tool does not read: "
        switch mark {
        case .phaseOut:
            return opening + "it reads phase-outs from the Securities sheet's Phase Out column only (Yes or No), so the plan "
                + "would keep \(it) as any other security. Write Yes as its Phase Out there (a Securities sheet of Symbol and "
                + "Phase Out), or clear the mark if it does not hold."
        case .restriction(let restriction):
            let verb = restriction == .noBuy ? "buy" : restriction == .noSell ? "sell" : "buy or sell"
            let write = restriction.map { "Write \($0.rawValue) as its Restriction there" }
                ?? "Write its Restriction there (No Buy, No Sell, No Trade or Hold)"
            return opening + "it reads restrictions from the Securities sheet's Restriction column only (a Securities sheet "
                + "of Symbol and Restriction), so the plan could \(verb) \(it) against the mark. \(write), or clear the mark "
                + "if it does not hold."
        }
    }

    /// A mark's cell as the PM sees it: a date as a date, a checkbox as TRUE or FALSE.
    static func shownMark(_ value: CellValue) -> String {
        switch value {
        case .date(let day): return day.iso
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        default:
            if case .value(let text) = CellReader.text(value) { return text }
            return ""
        }
    }
}
