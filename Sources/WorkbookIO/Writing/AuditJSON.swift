import Glibc
import RebalanceEngine

/// The audit JSON written beside the output workbook: what was read, what was understood,
/// what each phase changed, and every trade and decision.
///
/// UTF-8, keys sorted at every level, money, quantities, prices and rates as decimal
/// strings, dates as ISO text. The same plan and run info give the same bytes, and the
/// document is streamed to its file, so a large plan is never held twice.
public enum AuditJSON {
    /// The version of this document's layout; a reader checks it before anything else.
    public static let formatVersion = "1.0"

    /// Writes the document to `path`, replacing any file there.
    public static func write(_ plan: Plan, run: RunInfo, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw WorkbookWriteError(doing: "creating \(path)", message: systemMessage(errno))
        }
        defer { close(descriptor) }
        var writer = JSONStreamWriter { bytes in
            try writeAll(bytes, to: descriptor, path: path)
        }
        try encode(plan, run: run, into: &writer)
    }

    /// The document's bytes.
    public static func encoded(_ plan: Plan, run: RunInfo) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var writer = JSONStreamWriter { bytes.append(contentsOf: $0) }
        try encode(plan, run: run, into: &writer)
        return bytes
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WorkbookWriteError(doing: "writing \(path)", message: systemMessage(errno))
                }
                offset += written
            }
        }
    }

    static func encode(_ plan: Plan, run: RunInfo, into json: inout JSONStreamWriter) throws {
        try json.document { json in
            try json.object { json in
                json.key("accounts")
                try json.array { json in
                    for account in plan.accounts { json.element(); try encode(account, into: &json) }
                }
                json.key("auditLog")
                try json.array { json in
                    for entry in plan.auditLog { json.element(); try encode(entry, into: &json) }
                }
                json.key("exceptions")
                try json.array { json in
                    for exception in plan.exceptions {
                        json.element()
                        try json.object { json in
                            json.field("message", exception.message)
                            json.field("place", exception.place)
                            json.field("severity", exception.severity.rawValue)
                        }
                    }
                }
                json.field("formatVersion", formatVersion)
                json.key("input")
                try json.object { json in
                    json.field("fileName", run.inputFileName)
                    json.field("sha256", run.inputSHA256)
                }
                json.key("lotsSold")
                try json.array { json in
                    for lot in plan.lotsSold { json.element(); try encode(lot, into: &json) }
                }
                json.key("phases")
                try encodePhases(plan.phaseChanges, into: &json)
                json.key("prices")
                try json.array { json in
                    for price in plan.prices { json.element(); try encode(price, into: &json) }
                }
                json.key("settings")
                try encode(plan.settings, into: &json)
                json.key("trades")
                try json.array { json in
                    for trade in plan.trades { json.element(); try encode(trade, into: &json) }
                }
                json.key("washSales")
                try json.array { json in
                    for record in plan.washSales { json.element(); try encode(record, into: &json) }
                }
            }
        }
    }

    private static func encode(_ settings: Settings, into json: inout JSONStreamWriter) throws {
        try json.object { json in
            json.field("allowStalePrices", settings.allowStalePrices)
            json.field("asOf", settings.asOf.description)
            json.field("cashTarget", settings.cashTarget.description)
            json.field("defaultBand", settings.defaultBand.description)
            json.field("fractionalShares", settings.fractionalShares)
            json.field("harvestLosses", settings.harvestLosses)
            json.field("harvestMinLoss", settings.harvestMinLoss.description)
            json.field("harvestMinLossPercent", settings.harvestMinLossPercent.description)
            json.field("longTermRate", settings.rates.longTerm.description)
            json.field("lotMethod", settings.lotMethod.rawValue)
            json.field("minTrade", settings.minTrade.description)
            json.field("priceMaxAgeDays", settings.priceMaxAgeDays)
            json.field("rebalanceTo", settings.rebalanceTo.rawValue)
            json.field("shortTermRate", settings.rates.shortTerm.description)
            json.field("taxBudget", settings.taxBudget.description)
            json.field("washSaleDays", settings.washSaleDays)
        }
    }

    private static func encode(_ account: Account, into json: inout JSONStreamWriter) throws {
        try json.object { json in
            json.field("cash", account.cash.description)
            json.field("cashTarget", account.cashTarget.description)
            json.field("household", account.household)
            json.field("id", account.id)
            json.field("longTermCarryforward", account.longTermCarryforward.description)
            json.field("model", account.model)
            json.field("name", account.name)
            // Only an account that overrides a setting has the key (sorted: after "name").
            if !account.overrides.isEmpty {
                json.key("overrides")
                try json.object { json in
                    let o = account.overrides
                    if let v = o.harvestLosses { json.field("harvestLosses", v) }
                    if let v = o.harvestMinLoss { json.field("harvestMinLoss", v.description) }
                    if let v = o.harvestMinLossPercent { json.field("harvestMinLossPercent", v.description) }
                    if let v = o.lotMethod { json.field("lotMethod", v.rawValue) }
                    if let v = o.minTrade { json.field("minTrade", v.description) }
                    if let v = o.rebalanceTo { json.field("rebalanceTo", v.rawValue) }
                }
            }
            json.key("rates")
            try json.object { json in
                json.field("longTerm", account.rates.longTerm.description)
                json.field("shortTerm", account.rates.shortTerm.description)
            }
            json.field("realizedLongTermYTD", account.realizedLongTermYTD.description)
            json.field("realizedShortTermYTD", account.realizedShortTermYTD.description)
            json.field("shortTermCarryforward", account.shortTermCarryforward.description)
            json.field("taxBudget", account.taxBudget.description)
            json.field("type", account.type.rawValue)
            json.field("withdrawal", account.withdrawal.description)
        }
    }

    private static func encode(_ trade: Trade, into json: inout JSONStreamWriter) throws {
        try json.object { json in
            json.field("account", trade.account)
            json.field("amount", trade.amount.description)
            json.field("estimatedTax", trade.estimatedTax.description)
            json.field("phase", trade.phase.rawValue)
            json.field("price", trade.price.description)
            json.field("quantity", trade.quantity.description)
            json.field("realizedLongTerm", trade.realizedLongTerm.description)
            json.field("realizedShortTerm", trade.realizedShortTerm.description)
            json.field("reason", trade.reason)
            json.field("side", trade.side.rawValue)
            json.field("symbol", trade.symbol)
        }
    }

    private static func encode(_ lot: LotSold, into json: inout JSONStreamWriter) throws {
        try json.object { json in
            json.field("account", lot.account)
            json.field("acquired", lot.acquired.description)
            json.field("costBasis", lot.costBasis.description)
            json.field("disallowedLoss", lot.disallowedLoss.description)
            json.field("gain", lot.gain.description)
            json.field("lotID", lot.lotID)
            json.field("phase", lot.phase.rawValue)
            json.field("proceeds", lot.proceeds.description)
            json.field("quantity", lot.quantity.description)
            // Only on shares a wash sale restated in the run: the Lots sheet's lot they came from.
            if let original = lot.restatedFrom { json.field("restatedFrom", original) }
            json.field("symbol", lot.symbol)
            json.field("term", lot.term.rawValue)
        }
    }

    private static func encode(_ price: ResolvedPrice, into json: inout JSONStreamWriter) throws {
        try json.object { json in
            json.field("asOf", price.asOf.description)
            json.field("note", price.note)
            json.field("origin", price.origin.rawValue)
            json.field("price", price.price.description)
            json.field("source", price.source)
            json.field("stale", price.isStale)
            json.field("symbol", price.symbol)
            json.key("tried")
            try json.array { json in
                for step in price.tried { json.element(); json.string(step) }
            }
        }
    }

    private static func encode(_ entry: AuditEntry, into json: inout JSONStreamWriter) throws {
        try json.object { json in
            json.field("account", entry.account)
            json.field("decision", entry.decision)
            json.field("detail", entry.detail)
            json.field("phase", entry.phase?.rawValue)
            json.field("rule", entry.rule)
            json.field("seq", entry.seq)
            json.field("symbol", entry.symbol)
        }
    }

    private static func encode(_ record: WashSaleRecord, into json: inout JSONStreamWriter) throws {
        try json.object { json in
            json.field("account", record.account)
            json.field("action", record.action.rawValue)
            json.field("conflictAccount", record.conflictAccount)
            json.field("conflictDate", record.conflictDate.description)
            json.field("disallowedLoss", record.disallowedLoss?.description)
            json.key("family")
            try json.array { json in
                for member in record.family.members { json.element(); json.string(member) }
            }
            json.field("household", record.household)
            json.field("loss", record.loss?.description)
            json.field("lotID", record.lotID)
            json.field("note", record.note)
            json.field("quantity", record.quantity?.description)
            json.key("replacement")
            if let replacement = record.replacement {
                try json.object { json in
                    json.field("account", replacement.account)
                    json.field("acquired", replacement.acquired.description)
                    json.field("basisAfter", replacement.basisAfter?.description)
                    json.field("basisBefore", replacement.basisBefore?.description)
                    json.field("disallowedLoss", replacement.disallowedLoss.description)
                    json.field("holdingPeriodFrom", replacement.holdingPeriodFrom?.description)
                    json.field("isLost", replacement.isLost)
                    json.field("shares", replacement.shares.description)
                    json.field("symbol", replacement.symbol)
                }
            } else {
                json.null()
            }
            json.field("symbol", record.symbol)
            json.field("windowEnds", record.windowEnds.description)
        }
    }

    /// Every phase in run order, each with the accounts it changed, in the plan's order.
    private static func encodePhases(_ changes: RowList<PhaseChange>, into json: inout JSONStreamWriter) throws {
        try json.array { json in
            for phase in Phase.allCases {
                json.element()
                try json.object { json in
                    json.key("accounts")
                    try json.array { json in
                        for change in changes where change.phase == phase {
                            json.element()
                            try encode(change, into: &json)
                        }
                    }
                    json.field("phase", phase.rawValue)
                }
            }
        }
    }

    private static func encode(_ change: PhaseChange, into json: inout JSONStreamWriter) throws {
        try json.object { json in
            json.field("account", change.account)
            json.field("cashAfter", change.cashAfter.description)
            json.field("cashBefore", change.cashBefore.description)
            json.key("positions")
            try json.array { json in
                for position in change.positions {
                    json.element()
                    try json.object { json in
                        json.field("after", position.after.description)
                        json.field("before", position.before.description)
                        json.field("symbol", position.symbol)
                    }
                }
            }
            json.field("taxAfter", change.taxAfter.description)
            json.field("taxBefore", change.taxBefore.description)
        }
    }
}
