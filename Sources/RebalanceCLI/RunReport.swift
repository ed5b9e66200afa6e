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
