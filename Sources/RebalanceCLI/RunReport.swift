import Foundation
import RebalanceEngine
import WorkbookIO

/// What a run prints: the short summary a PM reads, or the same as JSON for scripts.
struct RunReport {
    struct Problem: Codable {
        var place: String
        var message: String
        var line: String { place.isEmpty ? message : "\(place): \(message)" }
    }

    struct AccountLine: Codable {
        var account: String
        var taxed: Bool
        var trades: Int
        var taxImpact: String
        var taxBudget: String
        var budgetLeft: String?
        var withdrawal: String
        var withdrawalPaid: String
    }

    struct Summary: Codable {
        var input: String
        var asOf: String
        var accounts: [AccountLine]
        var trades: Int
        var sells: String
        var buys: String
        var needsApproval: Int
        var warnings: Int
        var info: Int
        var outputWorkbook: String
        var auditJSON: String
        var attention: [Problem]
        /// Every `Warning` exception (the reader's first), printed as the contract asks.
        var warningLines: [Problem]
    }

    let summary: Summary

    init(plan: Plan, input: String, files: OutputFiles) {
        var tradeCounts: [String: Int] = [:]
        for trade in plan.trades { tradeCounts[trade.account, default: 0] += 1 }
        let accounts = plan.accounts.enumerated().map { index, account -> AccountLine in
            // Tax Impact and Cash list the accounts in Account order, one row each.
            let tax = plan.taxImpact.indices.contains(index) && plan.taxImpact[index].account == account.id
                ? plan.taxImpact[index] : plan.taxImpact.first { $0.account == account.id }
            let cash = plan.cash.indices.contains(index) && plan.cash[index].account == account.id
                ? plan.cash[index] : plan.cash.first { $0.account == account.id }
            return AccountLine(
                account: account.id, taxed: account.type.isTaxed, trades: tradeCounts[account.id] ?? 0,
                taxImpact: (tax?.taxImpact ?? .zero).description, taxBudget: account.taxBudget.description,
                budgetLeft: tax?.budgetLeft?.description, withdrawal: account.withdrawal.description,
                withdrawalPaid: (cash?.withdrawalPaid ?? .zero).description)
        }
        func count(_ severity: PlanException.Severity) -> Int { plan.exceptions.filter { $0.severity == severity }.count }
        summary = Summary(
            input: input, asOf: plan.settings.asOf.description, accounts: accounts, trades: plan.trades.count,
            sells: plan.trades.filter { $0.side == .sell }.map(\.amount).sum().description,
            buys: plan.trades.filter { $0.side == .buy }.map(\.amount).sum().description,
            needsApproval: count(.needsApproval), warnings: count(.warning), info: count(.info),
            outputWorkbook: files.workbook, auditJSON: files.auditJSON,
            attention: plan.exceptions.filter { $0.severity == .needsApproval }
                .map { Problem(place: $0.place, message: $0.message) },
            warningLines: plan.exceptions.filter { $0.severity == .warning }
                .map { Problem(place: $0.place, message: $0.message) })
    }

    func text() -> String {
        var lines: [String] = []
        let s = summary
        lines.append("Rebalanced \(OutputFiles.fileName(of: s.input)) as of \(s.asOf): \(s.accounts.count) account(s), "
            + "\(s.trades) trade(s); sells \(money(s.sells)), buys \(money(s.buys)).")
        let shownAccounts = 20
        for account in s.accounts.prefix(shownAccounts) {
            var line = "  \(account.account): \(account.trades) trade(s), tax impact \(money(account.taxImpact))"
            if !account.taxed {
                line += " (untaxed)"
            } else if account.taxBudget == "Unlimited" {
                line += " (unlimited budget)"
            } else {
                line += " of a \(money(account.taxBudget)) budget"
            }
            if account.withdrawal != "0.00" {
                line += ", withdrawal \(money(account.withdrawalPaid)) of \(money(account.withdrawal)) paid"
            }
            lines.append(line)
        }
        if s.accounts.count > shownAccounts {
            lines.append("  … and \(s.accounts.count - shownAccounts) more account(s): see the Summary sheet.")
        }
        lines.append("Exceptions: \(s.needsApproval) Needs Approval, \(s.warnings) Warning, \(s.info) Info.")
        for problem in s.attention.prefix(20) { lines.append("  Needs Approval: \(problem.line)") }
        if s.attention.count > 20 {
            lines.append("  … and \(s.attention.count - 20) more: see the Exceptions sheet.")
        }
        for problem in s.warningLines.prefix(20) { lines.append("  Warning: \(problem.line)") }
        if s.warningLines.count > 20 {
            lines.append("  … and \(s.warningLines.count - 20) more warning(s): see the Exceptions sheet.")
        }
        lines.append("Output: \(s.outputWorkbook)")
        lines.append("Audit:  \(s.auditJSON)")
        // Each is one line: a line break a name or a file name holds is spelled out, where
        // printed it made a line of the report that the run never wrote.
        return lines.map(RunReport.oneLine).joined(separator: "\n")
    }

    /// `line` with its line breaks spelled out (`<U+000A>`).
    static func oneLine(_ line: String) -> String {
        spellingOut(line, where: \.isLineBreak)
    }

    func json() -> String {
        RunReport.encode(summary)
    }

    /// The errors as printed on a terminal: in the order found, but at most `perPlace` of one
    /// sheet column (or of one sheet's rows, or one other place) and `shownAtMost` in all,
    /// then a line for each place with errors not shown, saying how many and in which rows. A
    /// column of 200,000 bad dates had printed 200,000 lines (20 MB) and hidden a lone error
    /// elsewhere in the book among them. `--json` still lists every error.
    static func errorLines(_ problems: [Problem], perPlace: Int = 10, shownAtMost: Int = 100,
                           placesSummedAtMost: Int = 20) -> [String] {
        struct Omitted {
            let key: String
            var count = 0
            var firstRow: Int?
            var lastRow: Int?
        }
        var shownOfPlace: [String: Int] = [:]
        var omitted: [Omitted] = []
        var omittedIndex: [String: Int] = [:]
        var lines: [String] = []
        for problem in problems {
            let (key, row) = summaryPlace(problem.place)
            let shown = shownOfPlace[key, default: 0]
            if shown < perPlace, lines.count < shownAtMost {
                shownOfPlace[key] = shown + 1
                lines.append(problem.line)
                continue
            }
            let index = omittedIndex[key] ?? {
                omitted.append(Omitted(key: key))
                omittedIndex[key] = omitted.count - 1
                return omitted.count - 1
            }()
            omitted[index].count += 1
            if let row {
                omitted[index].firstRow = min(omitted[index].firstRow ?? row, row)
                omitted[index].lastRow = max(omitted[index].lastRow ?? row, row)
            }
        }
        guard !omitted.isEmpty else { return lines }
        let total = omitted.reduce(0) { $0 + $1.count }
        lines.append("\(total.withThousandsSeparators) more error(s) not shown above (`--json` lists every one):")
        for place in omitted.prefix(placesSummedAtMost) {
            let shown = shownOfPlace[place.key, default: 0]
            var line = "  \(place.key.isEmpty ? "the workbook" : place.key): \(place.count.withThousandsSeparators) more"
            if let first = place.firstRow, let last = place.lastRow {
                line += first == last ? " in row \(first)" : " in rows \(first) to \(last)"
            }
            if shown > 0 { line += ", beside the \(shown) above" }
            lines.append(oneLine(line + "."))
        }
        if omitted.count > placesSummedAtMost {
            let rest = omitted.dropFirst(placesSummedAtMost)
            lines.append("  … and \(rest.reduce(0) { $0 + $1.count }.withThousandsSeparators) more in \(rest.count) other place(s).")
        }
        return lines
    }

    /// Where an error is counted when not shown, and its row: `Lots!F14` is column `Lots!F`,
    /// row 14; `Lots!row 9` is `Lots!rows`, row 9; any other place is its own.
    static func summaryPlace(_ place: String) -> (key: String, row: Int?) {
        guard let bang = place.lastIndex(of: "!") else { return (place, nil) }
        let sheet = place[..<bang], cell = place[place.index(after: bang)...]
        if cell.hasPrefix("row "), let row = Int(cell.dropFirst(4)) { return ("\(sheet)!rows", row) }
        let letters = cell.prefix { $0.isASCII && $0.isUppercase }
        guard !letters.isEmpty, letters.count <= 3, let row = Int(cell.dropFirst(letters.count)) else { return (place, nil) }
        return ("\(sheet)!\(letters)", row)
    }

    static func errorsJSON(_ problems: [Problem], status: Int32) -> String {
        struct Failure: Codable {
            var status: Int32
            var errors: [Problem]
        }
        return encode(Failure(status: status, errors: problems))
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decimal text as `$1,234.50`.
    private func money(_ text: String) -> String {
        Money(decimal: text)?.formatted ?? text
    }
}
