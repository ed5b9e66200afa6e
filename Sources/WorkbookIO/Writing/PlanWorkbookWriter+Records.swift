import RebalanceEngine

extension SheetWriter {
    /// Price Provenance: each symbol's price with the chain tried to find it.
    func priceProvenanceTable() throws -> Table {
        let columns = ["Symbol", "Price", "Source", "As Of", "Age Days", "Tried", "Note"]
        return try table("Price Provenance", columns: columns, rows: plan.prices.count) { sheet, plan, styles in
            for price in plan.prices {
                let age = plan.settings.asOf.days(since: price.asOf)
                try sheet.addRow([
                    .text(price.symbol), .price(price.price),
                    .message(price.source.map { "\(price.origin.rawValue), \($0)" } ?? price.origin.rawValue, .wrapped),
                    .date(price.asOf), .integer(age), .message(price.tried.joined(separator: "; "), .wrapped),
                    price.isStale ? .message(Self.note(for: price, age: age, settings: plan.settings), .wrappedWarning)
                        : .optionalMessage(Self.note(for: price, age: age, settings: plan.settings), .wrapped),
                ], styles: styles)
            }
        }
    }

    private static func note(for price: ResolvedPrice, age: Int, settings: Settings) -> String {
        let rule: String
        switch price.origin {
        case .override:
            rule = "Override price used."
        case .stale, .staleCache:
            rule = "Stale: \(age) days old, past Price Max Age Days (\(settings.priceMaxAgeDays)); used under Allow Stale Prices."
        case .workbook, .cache, .api:
            rule = ""
        }
        return [rule, price.note ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Wash Sale: every block, loss sale and disallowed loss with the last day of its window.
    func washSalesTable() throws -> Table {
        let columns = ["Account", "Household", "Symbol", "Family", "Action", "Conflict Date", "Conflict Account",
                       "Window Ends", "Note", "Quantity", "Lot ID", "Loss", "Disallowed Loss",
                       "Replacement Account", "Replacement Symbol", "Replacement Basis After", "Holding Period From"]
        return try table("Wash Sale", columns: columns, rows: plan.washSales.count) { sheet, plan, styles in
            for record in plan.washSales {
                let replacement = record.replacement
                try sheet.addRow([
                    .text(record.account), .text(record.household), .text(record.symbol),
                    .message(record.family.description), .text(record.action.rawValue),
                    .date(record.conflictDate), .text(record.conflictAccount), .date(record.windowEnds),
                    .message(record.note, .wrapped), record.quantity.map { .quantity($0) } ?? .blank, .optionalText(record.lotID),
                    .optionalMoney(record.loss), .optionalMoney(record.disallowedLoss),
                    .optionalText(replacement?.account), .optionalText(replacement?.symbol),
                    .optionalMoney(replacement?.basisAfter), .optionalDate(replacement?.holdingPeriodFrom),
                ], styles: styles)
            }
        }
    }

    /// Audit Log: every rule that made or changed a decision, in order.
    func auditLogTable() throws -> Table {
        let columns = ["Seq", "Phase", "Account", "Symbol", "Rule", "Decision", "Detail"]
        return try table("Audit Log", columns: columns, rows: plan.auditLog.count) { sheet, plan, styles in
            for entry in plan.auditLog {
                try sheet.addRow([
                    .integer(entry.seq), .optionalText(entry.phase?.rawValue), .optionalText(entry.account),
                    .optionalText(entry.symbol), .text(entry.rule), .message(entry.decision), .message(entry.detail, .wrapped),
                ], styles: styles)
            }
        }
    }

    /// Exceptions: `Needs Approval` in red first, then `Warning` in amber, then `Info` plain,
    /// each severity's in the order the run raised them (the reader's first). The audit JSON
    /// keeps the run's order.
    func exceptionsTable() throws -> Table {
        let columns = ["Severity", "Where", "Message"]
        return try table("Exceptions", columns: columns, rows: plan.exceptions.count) { sheet, plan, styles in
            for exception in plan.exceptionsBySeverity {
                try sheet.addRow([
                    .text(exception.severity.rawValue, exception.severity.style), .message(exception.place),
                    .message(exception.message, .wrapped),
                ], styles: styles)
            }
        }
    }
}

extension PlanException.Severity {
    /// The highlight of the severity's cell.
    var style: CellStyle {
        switch self {
        case .needsApproval: return .needsApproval
        case .warning: return .warning
        case .info: return .plain
        }
    }
}
