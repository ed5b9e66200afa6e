import Foundation
import RebalanceEngine
import XLSXTestSupport
@testable import WorkbookIO

/// A small plan as the engine would fill it: a taxable and an IRA account, a sale of two
/// AAPL lots, a harvest of VTI with part of its loss disallowed, buys, drift, exceptions.
enum PlanFixture {
    static let asOf = CivilDate(year: 2026, month: 3, day: 16)!
    static let run = RunInfo(inputFileName: "Household Portfolio.xlsx",
                             inputSHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day)!
    }

    static func money(_ text: String) -> Money { Money(decimal: text)! }

    static var plan: Plan {
        var settings = Settings(asOf: asOf)
        settings.taxBudget = .limit(money("5000"))
        settings.lotMethod = .hifo
        let taxable = Account(
            id: "TAX-1", name: "Jane Doe Brokerage", household: "Doe", type: .taxable, cash: money("12500.00"),
            cashTarget: Rate(millionths: 10_000), withdrawal: money("5000.00"), taxBudget: .limit(money("5000")),
            rates: .workbookDefault, realizedShortTermYTD: money("2000.00"), longTermCarryforward: money("1500.00"))
        let ira = Account(
            id: "IRA-1", name: "Jane Doe IRA", household: "Doe", type: .ira, cash: money("4000.00"),
            cashTarget: Rate(millionths: 10_000), withdrawal: .zero, taxBudget: .unlimited, rates: .workbookDefault)
        let families = SecurityFamilies(identicalGroups: ["VTI": "US Total Market", "ITOT": "US Total Market 2"])

        let trades = [
            Trade(account: "TAX-1", symbol: "VTI", side: .sell, quantity: Quantity(shares: 100),
                  price: Price(decimal: "250.00")!, amount: money("25000.00"), phase: .harvest,
                  reason: "Harvested a $3,000.00 short-term loss on lot VTI-r4; $1,200.00 of it is disallowed.",
                  realizedShortTerm: money("-1800.00")),
            Trade(account: "TAX-1", symbol: "ITOT", side: .buy, quantity: Quantity(shares: 200),
                  price: Price(decimal: "124.875")!, amount: money("24975.00"), phase: .harvest,
                  reason: "Replacement for VTI, bought with the harvest's proceeds."),
            Trade(account: "TAX-1", symbol: "AAPL", side: .sell, quantity: Quantity(shares: 150),
                  price: Price(decimal: "200.00")!, amount: money("30000.00"), phase: .rebalance,
                  reason: "AAPL is 4.1% over its 10.0% target; sold lots AAPL-r3 and AAPL-r2 (HIFO).",
                  realizedShortTerm: money("1000.00"), realizedLongTerm: money("12000.00"),
                  estimatedTax: money("2702.40")),
            Trade(account: "IRA-1", symbol: "BND", side: .buy, quantity: Quantity(decimal: "50.5")!,
                  price: Price(decimal: "72.125")!, amount: money("3642.31"), phase: .rebalance,
                  reason: "BND is 3.0% under its 40.0% target."),
        ]
        let lots = [
            LotSold(account: "TAX-1", symbol: "VTI", lotID: "VTI-r4", acquired: date(2025, 11, 3),
                    quantity: Quantity(shares: 100), costBasis: money("28000.00"), proceeds: money("25000.00"),
                    gain: money("-3000.00"), term: .shortTerm, disallowedLoss: money("1200.00"), phase: .harvest),
            LotSold(account: "TAX-1", symbol: "AAPL", lotID: "AAPL-r3", acquired: date(2025, 6, 10),
                    quantity: Quantity(shares: 50), costBasis: money("9000.00"), proceeds: money("10000.00"),
                    gain: money("1000.00"), term: .shortTerm, phase: .rebalance),
            LotSold(account: "TAX-1", symbol: "AAPL", lotID: "AAPL-r2", acquired: date(2020, 5, 1),
                    quantity: Quantity(shares: 100), costBasis: money("8000.00"), proceeds: money("20000.00"),
                    gain: money("12000.00"), term: .longTerm, phase: .rebalance),
        ]
        let taxImpact = [
            TaxImpactRow(account: "TAX-1", realizedShortTermYTD: money("2000.00"), realizedLongTermYTD: .zero,
                         shortTermCarryforward: .zero, longTermCarryforward: money("1500.00"),
                         shortTermGains: money("1000.00"), shortTermLosses: money("1800.00"),
                         longTermGains: money("12000.00"), longTermLosses: .zero,
                         netShortTerm: money("1200.00"), netLongTerm: money("10500.00"),
                         taxBefore: money("816.00"), taxAfter: money("3518.40"), taxImpact: money("2702.40"),
                         taxBudget: .limit(money("5000")), budgetLeft: money("2297.60"),
                         disallowedLoss: money("1200.00")),
            TaxImpactRow(account: "IRA-1", realizedShortTermYTD: .zero, realizedLongTermYTD: .zero,
                         shortTermCarryforward: .zero, longTermCarryforward: .zero, shortTermGains: .zero,
                         shortTermLosses: .zero, longTermGains: .zero, longTermLosses: .zero, netShortTerm: .zero,
                         netLongTerm: .zero, taxBefore: .zero, taxAfter: .zero, taxImpact: .zero,
                         taxBudget: .unlimited, budgetLeft: nil, disallowedLoss: .zero),
        ]
        let cash = [
            CashRow(account: "TAX-1", cashBefore: money("12500.00"), sellProceeds: money("55000.00"),
                    buyCost: money("24975.00"), withdrawal: money("5000.00"), withdrawalPaid: money("5000.00"),
                    cashAfter: money("37525.00"), cashTarget: Rate(millionths: 10_000), cashWeightAfter: 0.0912),
            CashRow(account: "IRA-1", cashBefore: money("4000.00"), sellProceeds: .zero, buyCost: money("3642.31"),
                    withdrawal: .zero, withdrawalPaid: .zero, cashAfter: money("357.69"),
                    cashTarget: Rate(millionths: 10_000), cashWeightAfter: nil),
        ]
        let drift = [
            DriftRow(account: "TAX-1", level: .security, name: "AAPL", target: 0.10, low: 0.08, high: 0.12,
                     weightBefore: 0.141, weightAfter: 0.104, status: .inBand),
            DriftRow(account: "TAX-1", level: .security, name: "VTI", target: 0.40, low: 0.38, high: 0.42,
                     weightBefore: 0.45, weightAfter: 0.43, status: .taxBudget),
            DriftRow(account: "TAX-1", level: .security, name: "ITOT", target: nil, low: nil, high: nil,
                     weightBefore: 0, weightAfter: 0.06, status: .inBand),
            DriftRow(account: "TAX-1", level: .sector, name: "US Equity", target: 0.50, low: 0.45, high: 0.55,
                     weightBefore: 0.59, weightAfter: 0.594, status: .sectorBand),
            DriftRow(account: "IRA-1", level: .security, name: "BND", target: 0.40, low: 0.38, high: 0.42,
                     weightBefore: 0.37, weightAfter: 0.399, status: .inBand),
        ]
        let prices = [
            ResolvedPrice(symbol: "AAPL", price: Price(decimal: "200.00")!, origin: .workbook, asOf: date(2026, 3, 13),
                          source: "Schwab", tried: ["Override: none", "Workbook 2026-03-13: used"]),
            ResolvedPrice(symbol: "BND", price: Price(decimal: "72.125")!, origin: .stale, asOf: date(2026, 3, 2),
                          source: nil, tried: ["Override: none", "Workbook 2026-03-02: stale, allowed"]),
        ]
        let washSales = [
            WashSaleRecord(action: .lossSale, account: "TAX-1", household: "Doe", symbol: "VTI",
                           family: families.family(of: "VTI"), conflictDate: asOf, conflictAccount: "TAX-1",
                           windowEnds: asOf.adding(days: 30), quantity: Quantity(shares: 100), lotID: "VTI-r4",
                           loss: money("3000.00"), note: "Loss sale: no VTI bought in the household through 2026-04-15."),
            WashSaleRecord(action: .disallowed, account: "TAX-1", household: "Doe", symbol: "VTI",
                           family: families.family(of: "VTI"), conflictDate: date(2026, 3, 2), conflictAccount: "IRA-1",
                           windowEnds: date(2026, 4, 1), quantity: Quantity(shares: 40), lotID: "VTI-r4",
                           loss: money("3000.00"), disallowedLoss: money("1200.00"),
                           replacement: ReplacementAdjustment(
                               account: "IRA-1", symbol: "VTI", acquired: date(2026, 3, 2), shares: Quantity(shares: 40),
                               disallowedLoss: money("1200.00"), isLost: true, basisBefore: money("10200.00"),
                               basisAfter: nil, holdingPeriodFrom: nil),
                           note: "Replacement in an IRA: the disallowed loss is lost (Rev. Rul. 2008-5)."),
        ]
        let audit = [
            AuditEntry(seq: 1, phase: nil, account: "TAX-1", symbol: nil, rule: "Targets", decision: "Scaled",
                       detail: "Model targets scaled by 0.99 so that targets + cash target = 100%."),
            AuditEntry(seq: 2, phase: .harvest, account: "TAX-1", symbol: "VTI", rule: "Harvest", decision: "Sold",
                       detail: "Lot VTI-r4: loss $3,000.00 \"above\" both thresholds.\nReplacement ITOT."),
            AuditEntry(seq: 3, phase: .rebalance, account: "TAX-1", symbol: "AAPL", rule: "Lot Order",
                       decision: "Sold", detail: "HIFO: AAPL-r3 (unit cost 180.00) before AAPL-r2 (80.00)."),
        ]
        let exceptions = [
            PlanException(severity: .needsApproval, place: "TAX-1",
                          message: "The withdrawal passes the tax budget by $120.00."),
            PlanException(severity: .warning, place: "Prices!B3", message: "BND's price is 14 days old; used as Allow Stale Prices says."),
            PlanException(severity: .info, place: "Lots!A9", message: "Blank row skipped."),
        ]
        let changes = [
            PhaseChange(phase: .harvest, account: "TAX-1",
                        positions: [PositionChange(symbol: "ITOT", before: .zero, after: Quantity(shares: 200)),
                                    PositionChange(symbol: "VTI", before: Quantity(shares: 300), after: Quantity(shares: 200))],
                        cashBefore: money("12500.00"), cashAfter: money("12525.00"),
                        taxBefore: money("816.00"), taxAfter: .zero),
            PhaseChange(phase: .rebalance, account: "TAX-1",
                        positions: [PositionChange(symbol: "AAPL", before: Quantity(shares: 400), after: Quantity(shares: 250))],
                        cashBefore: money("12525.00"), cashAfter: money("42525.00"),
                        taxBefore: .zero, taxAfter: money("3518.40")),
            PhaseChange(phase: .rebalance, account: "IRA-1",
                        positions: [PositionChange(symbol: "BND", before: Quantity(shares: 500), after: Quantity(decimal: "550.5")!)],
                        cashBefore: money("4000.00"), cashAfter: money("357.69"), taxBefore: .zero, taxAfter: .zero),
        ]
        return Plan(settings: settings, accounts: [taxable, ira], trades: trades, lotsSold: lots,
                    taxImpact: taxImpact, cash: cash, drift: drift, prices: prices, washSales: washSales,
                    auditLog: audit, exceptions: exceptions, phaseChanges: changes)
    }

    /// A new empty folder for one test, removed when the tests end.
    static func temporaryDirectory() throws -> String {
        TemporaryFolder.make()
    }

    /// The rows of a sheet of a written workbook.
    static func rows(of sheetName: String, in path: String) throws -> [Row] {
        let workbook = try Workbook(path: path)
        guard let sheet = workbook.sheets.first(where: { $0.name == sheetName }) else { return [] }
        var rows: [Row] = []
        try workbook.forEachRow(in: sheet) { rows.append($0) }
        return rows
    }

    /// The text of a cell, if it holds text.
    static func text(_ value: CellValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    /// The number in a cell, if it holds one.
    static func number(_ value: CellValue?) -> Double? {
        if case .number(let number, _)? = value { return number }
        return nil
    }
}
