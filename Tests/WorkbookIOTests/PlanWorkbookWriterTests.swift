import Foundation
import RebalanceEngine
import Testing
@testable import WorkbookIO

@Suite("The CIO workbook written from a plan")
final class PlanWorkbookWriterTests {
    let folder: String
    let path: String

    init() throws {
        folder = try PlanFixture.temporaryDirectory()
        path = folder + "/plan.xlsx"
        try PlanWorkbookWriter.write(PlanFixture.plan, run: PlanFixture.run, to: path)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test("Sheets in the contract's order, with its exact names")
    func sheetOrder() throws {
        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == [
            "Summary", "Trades", "Lots Sold", "Tax Impact", "Cash", "Drift",
            "Price Provenance", "Wash Sale", "Audit Log", "Exceptions",
        ])
        #expect(workbook.sheets.allSatisfy { !$0.isHidden && $0.kind == .worksheet })
    }

    @Test("Header rows start with the contract's columns, in order", arguments: [
        ("Trades", ["Account", "Symbol", "Side", "Quantity", "Price", "Amount", "Phase", "Reason",
                    "Realized ST", "Realized LT", "Est Tax"]),
        ("Lots Sold", ["Account", "Symbol", "Lot ID", "Acquired", "Quantity", "Cost Basis", "Proceeds", "Gain",
                       "Term", "Disallowed Loss", "Phase"]),
        ("Tax Impact", ["Account", "Realized ST YTD", "Realized LT YTD", "ST Carryforward", "LT Carryforward",
                        "ST Gains", "ST Losses", "LT Gains", "LT Losses", "Net ST", "Net LT", "Tax Before",
                        "Tax After", "Tax Impact", "Tax Budget", "Budget Left", "Disallowed Loss"]),
        ("Cash", ["Account", "Cash Before", "Sell Proceeds", "Buy Cost", "Withdrawal", "Withdrawal Paid",
                  "Cash After", "Cash Target", "Cash Weight After"]),
        ("Drift", ["Account", "Level", "Name", "Target", "Low", "High", "Weight Before", "Weight After", "Status"]),
        ("Price Provenance", ["Symbol", "Price", "Source", "As Of", "Age Days", "Tried", "Note"]),
        ("Wash Sale", ["Account", "Household", "Symbol", "Family", "Action", "Conflict Date", "Conflict Account",
                       "Window Ends", "Note"]),
        ("Audit Log", ["Seq", "Phase", "Account", "Symbol", "Rule", "Decision", "Detail"]),
        ("Exceptions", ["Severity", "Where", "Message"]),
    ])
    func headers(sheet: String, columns: [String]) throws {
        let header = try #require(try PlanFixture.rows(of: sheet, in: path).first)
        #expect(header.number == 1)
        let titles = header.cells.prefix(columns.count).map { PlanFixture.text($0.value) }
        #expect(titles == columns.map { Optional($0) })
    }

    @Test("A trade row: text where the contract spells words, numbers where it has amounts")
    func tradeRow() throws {
        let rows = try PlanFixture.rows(of: "Trades", in: path)
        let aapl = try #require(rows.first { PlanFixture.text($0[2]) == "AAPL" })
        #expect(PlanFixture.text(aapl[1]) == "TAX-1")
        #expect(PlanFixture.text(aapl[3]) == "Sell")
        #expect(aapl[4] == .number(150, .plain))
        #expect(aapl[5] == .number(200, .plain))
        #expect(aapl[6] == .number(30000, .plain))
        #expect(PlanFixture.text(aapl[7]) == "Rebalance")
        #expect(aapl[9] == .number(1000, .plain))
        #expect(aapl[10] == .number(12000, .plain))
        #expect(aapl[11] == .number(2702.4, .plain))
        let bnd = try #require(rows.first { PlanFixture.text($0[2]) == "BND" })
        #expect(bnd[4] == .number(50.5, .plain))
        #expect(PlanFixture.text(bnd[3]) == "Buy")
    }

    @Test("Trades totals are formulas whose saved values are the sums")
    func tradeTotals() throws {
        let rows = try PlanFixture.rows(of: "Trades", in: path)
        let sells = try #require(rows.first { PlanFixture.text($0[1]) == "Total Sells" })
        let buys = try #require(rows.first { PlanFixture.text($0[1]) == "Total Buys" })
        let total = try #require(rows.first { PlanFixture.text($0[1]) == "Total" })
        #expect(sells[6] == .number(55000, .plain))
        #expect(buys[6] == .number(28617.31, .plain))
        #expect(total[9] == .number(-800, .plain))
        #expect(total[10] == .number(12000, .plain))
        #expect(total[11] == .number(2702.4, .plain))
        let xml = try sheetXML("Trades")
        #expect(xml.contains("<f>SUMIF(C2:C5,\"Sell\",F2:F5)</f>"))
        #expect(xml.contains("<f>SUM(K2:K5)</f>"))
    }

    @Test("Lots Sold: dates are dates, gains signed, Disallowed Loss positive, totals summed")
    func lotsSold() throws {
        let rows = try PlanFixture.rows(of: "Lots Sold", in: path)
        let vti = try #require(rows.first { PlanFixture.text($0[3]) == "VTI-r4" })
        #expect(vti[4] == .date(ExcelDateTime(year: 2025, month: 11, day: 3)))
        #expect(vti[8] == .number(-3000, .plain))
        #expect(PlanFixture.text(vti[9]) == "ST")
        #expect(vti[10] == .number(1200, .plain))
        #expect(vti[12] == .number(-1800, .plain))
        let total = try #require(rows.last)
        #expect(PlanFixture.text(total[1]) == "Total")
        #expect(total[6] == .number(45000, .plain))
        #expect(total[7] == .number(55000, .plain))
        #expect(total[8] == .number(10000, .plain))
        #expect(total[10] == .number(1200, .plain))
        #expect(try sheetXML("Lots Sold").contains("<f>SUM(J2:J4)</f>"))
    }

    @Test("Tax Impact and Cash: budgets in words or money, weights as percents, totals")
    func taxAndCash() throws {
        let tax = try PlanFixture.rows(of: "Tax Impact", in: path)
        #expect(tax[1][15] == .number(5000, .plain))
        #expect(tax[1][16] == .number(2297.6, .plain))
        #expect(PlanFixture.text(tax[2][15]) == "Unlimited")
        #expect(PlanFixture.text(tax[2][16]) == "Unlimited")
        #expect(tax[3][14] == .number(2702.4, .plain))
        let cash = try PlanFixture.rows(of: "Cash", in: path)
        #expect(cash[1][7] == .number(37525, .plain))
        #expect(cash[1][8] == .number(0.01, .percent))
        #expect(cash[1][9] == .number(0.0912, .percent))
        #expect(cash[2][9] == nil)
        #expect(PlanFixture.text(cash[3][1]) == "Total")
        #expect(cash[3][7] == .number(37882.69, .plain))
    }

    @Test("Drift: weights as percents, statuses in the contract's words, a chart of weights")
    func drift() throws {
        let rows = try PlanFixture.rows(of: "Drift", in: path)
        #expect(rows.count == 6)
        let vti = try #require(rows.first { PlanFixture.text($0[3]) == "VTI" })
        #expect(vti[4] == .number(0.4, .percent))
        #expect(vti[8] == .number(0.43, .percent))
        #expect(PlanFixture.text(vti[9]) == "Tax Budget")
        let sector = try #require(rows.first { PlanFixture.text($0[2]) == "Sector" })
        #expect(PlanFixture.text(sector[9]) == "Sector Band")
        let archive = try ZipArchive(path: path, limits: .standard)
        #expect(archive.contains("xl/charts/chart1.xml"))
        #expect(archive.contains("xl/charts/chart2.xml"))
        let chart = String(decoding: try archive.readAll("xl/charts/chart1.xml"), as: UTF8.self)
        #expect(chart.contains("Drift!$C$2:$C$4"))
    }

    @Test("Price Provenance, Wash Sale, Audit Log and Exceptions rows")
    func records() throws {
        let prices = try PlanFixture.rows(of: "Price Provenance", in: path)
        #expect(prices[1][2] == .number(200, .plain))
        #expect(prices[1][4] == .date(ExcelDateTime(year: 2026, month: 3, day: 13)))
        #expect(prices[1][5] == .number(3, .plain))
        #expect(PlanFixture.text(prices[2][7])?.hasPrefix("Stale: 14 days old") == true)
        let wash = try PlanFixture.rows(of: "Wash Sale", in: path)
        #expect(wash.dropFirst().compactMap { PlanFixture.text($0[5]) } == ["Loss Sale", "Disallowed"])
        #expect(wash[1][8] == .date(ExcelDateTime(year: 2026, month: 4, day: 15)))
        #expect(wash[2][13] == .number(1200, .plain))
        let audit = try PlanFixture.rows(of: "Audit Log", in: path)
        #expect(audit[1][1] == .number(1, .plain))
        #expect(audit[1][2] == nil)
        #expect(PlanFixture.text(audit[2][2]) == "Harvest")
        #expect(PlanFixture.text(audit[2][7]) == "Lot VTI-r4: loss $3,000.00 \"above\" both thresholds.\nReplacement ITOT.")
        let exceptions = try PlanFixture.rows(of: "Exceptions", in: path)
        #expect(exceptions.dropFirst().compactMap { PlanFixture.text($0[1]) } == ["Needs Approval", "Warning", "Info"])
    }

    @Test("Summary: the run, the settings as understood, accounts, counts and sign-off")
    func summary() throws {
        let rows = try PlanFixture.rows(of: "Summary", in: path)
        func value(_ label: String) -> CellValue? {
            rows.first { PlanFixture.text($0[1]) == label }?[2]
        }
        #expect(PlanFixture.text(rows.first?[1]) == "Rebalance Plan")
        #expect(value("As Of") == .date(ExcelDateTime(year: 2026, month: 3, day: 16)))
        #expect(PlanFixture.text(value("Input File")) == "Household Portfolio.xlsx")
        #expect(PlanFixture.text(value("Input SHA-256")) == PlanFixture.run.inputSHA256)
        #expect(value("Short-Term Rate") == .number(0.408, .percent))
        #expect(value("Tax Budget") == .number(5000, .plain))
        #expect(PlanFixture.text(value("Lot Method")) == "HIFO")
        #expect(PlanFixture.text(value("Rebalance To")) == "Target")
        #expect(PlanFixture.text(value("Fractional Shares")) == "No")
        #expect(value("Wash Sale Days") == .number(30, .plain))
        #expect(value("Needs Approval") == .number(1, .plain))
        #expect(value("Warning") == .number(1, .plain))
        #expect(value("Info") == .number(1, .plain))
        #expect(value("Sector Band") == .number(1, .plain))
        #expect(value("Total outside band") == .number(2, .plain))
        #expect(value("Disallowed") == .number(1, .plain))
        #expect(value("Buy Blocked") == .number(0, .plain))
        #expect(value("Workbook") == .number(1, .plain))
        #expect(value("Override") == .number(0, .plain))
        #expect(value("Stale (Allow Stale Prices)") == .number(1, .plain))
        #expect(rows.contains { PlanFixture.text($0[2]) == "Stale: BND (as of 2026-03-02); see Price Provenance." })
        let account = try #require(rows.first { PlanFixture.text($0[1]) == "TAX-1" })
        #expect(PlanFixture.text(account[3]) == "Taxable")
        #expect(account[5] == .number(3, .plain))
        #expect(account[6] == .number(55000, .plain))
        #expect(account[7] == .number(24975, .plain))
        #expect(account[10] == .number(2297.6, .plain))
        let ira = try #require(rows.first { PlanFixture.text($0[1]) == "IRA-1" })
        #expect(PlanFixture.text(ira[9]) == "Unlimited")
        let total = try #require(rows.first { PlanFixture.text($0[1]) == "Total" })
        #expect(total[5] == .number(4, .plain))
        #expect(total[12] == .number(37882.69, .plain))
        for role in ["Prepared by", "Reviewed by", "Approved by"] {
            let line = try #require(rows.first { PlanFixture.text($0[1]) == role })
            #expect(PlanFixture.text(line[4]) == "Date")
        }
    }

    @Test("An account taxed at rates of its own says so under the accounts; one at the Settings rates does not")
    func accountRatesOnTheSummary() throws {
        // A CIO checking such an account at the Settings rates shown found errors that were
        // not there (explore-CG).
        var plan = PlanFixture.plan
        let index = try #require(plan.accounts.firstIndex { $0.id == "TAX-1" })
        plan.accounts[index].rates = TaxRates(shortTerm: Rate(decimal: "0.37")!, longTerm: Rate(decimal: "0.2")!)
        let folder = try PlanFixture.temporaryDirectory()
        let own = folder + "/own-rates.xlsx"
        try PlanWorkbookWriter.write(plan, run: PlanFixture.run, to: own)
        let notes = try PlanFixture.rows(of: "Summary", in: own).compactMap { PlanFixture.text($0[1]) }
            .filter { $0.contains("its own rates") }
        #expect(notes == ["TAX-1 is taxed at its own rates: short-term 37%, long-term 20%, not the Settings rates above."])
        let standard = try PlanFixture.rows(of: "Summary", in: path).compactMap { PlanFixture.text($0[1]) }
        #expect(!standard.contains { $0.contains("its own rates") })
    }

    @Test("An account planned on settings of its own names each that differs under the accounts")
    func accountOverridesOnTheSummary() throws {
        var plan = PlanFixture.plan
        let index = try #require(plan.accounts.firstIndex { $0.id == "TAX-1" })
        // Min Trade as the Settings give it is not named: it overrides nothing.
        plan.accounts[index].overrides = SettingOverrides(
            lotMethod: .fifo, minTrade: plan.settings.minTrade, harvestLosses: !plan.settings.harvestLosses,
            rebalanceTo: .bandEdge)
        let folder = try PlanFixture.temporaryDirectory()
        let own = folder + "/own-settings.xlsx"
        try PlanWorkbookWriter.write(plan, run: PlanFixture.run, to: own)
        let notes = try PlanFixture.rows(of: "Summary", in: own).compactMap { PlanFixture.text($0[1]) }
            .filter { $0.contains("settings of its own") }
        #expect(notes == ["TAX-1 is planned on settings of its own: Lot Method FIFO, Harvest Losses "
            + (plan.settings.harvestLosses ? "No" : "Yes") + ", Rebalance To Band Edge, not the Settings values above."])
        let standard = try PlanFixture.rows(of: "Summary", in: path).compactMap { PlanFixture.text($0[1]) }
        #expect(!standard.contains { $0.contains("settings of its own") })
    }

    @Test("Needs Approval is red, Warning, drift outside its band and a stale price amber, Info and In Band plain")
    func highlights() throws {
        func style(_ cell: String, in xml: String) -> String? {
            guard let start = xml.range(of: "<c r=\"\(cell)\"") else { return nil }
            let tag = xml[start.upperBound...].prefix { $0 != ">" }
            guard let s = tag.range(of: "s=\"") else { return "" }
            return String(tag[s.upperBound...].prefix { $0 != "\"" })
        }
        let exceptions = try sheetXML("Exceptions")
        let red = try #require(style("A2", in: exceptions))
        let amber = try #require(style("A3", in: exceptions))
        let plain = try #require(style("A4", in: exceptions))
        #expect(Set([red, amber, plain]).count == 3)
        let drift = try sheetXML("Drift")
        #expect(style("I3", in: drift) == amber)
        // BND's stale price is amber on its trade's row (E5); AAPL's and VTI's are not.
        let trades = try sheetXML("Trades")
        #expect(style("E4", in: trades) == style("E2", in: trades))
        #expect(style("E5", in: trades) != style("E4", in: trades))
        #expect(style("I2", in: drift) == plain)
        let archive = try ZipArchive(path: path, limits: .standard)
        let styles = String(decoding: try archive.readAll("xl/styles.xml"), as: UTF8.self)
        #expect(styles.contains("FFFFC7CE"))
        #expect(styles.contains("FFFFEB9C"))
    }

    @Test("Exceptions list Needs Approval first, then Warning, then Info, and the Summary writes out what needs approval")
    func exceptionsBySeverity() throws {
        var plan = PlanFixture.plan
        plan.exceptions = [
            PlanException(severity: .warning, place: "Lots!A4", message: "First warning."),
            PlanException(severity: .needsApproval, place: "TAX-1", message: "The withdrawal is paid $500.00 short."),
            PlanException(severity: .info, place: "Lots!A9", message: "Blank row skipped."),
            PlanException(severity: .needsApproval, place: "IRA-1", message: "The tax budget is passed by $120.00."),
            PlanException(severity: .warning, place: "Prices!B3", message: "Second warning."),
        ]
        let sorted = folder + "/sorted.xlsx"
        try PlanWorkbookWriter.write(plan, run: PlanFixture.run, to: sorted)
        let rows = try PlanFixture.rows(of: "Exceptions", in: sorted).dropFirst()
        #expect(rows.compactMap { PlanFixture.text($0[3]) } == [
            "The withdrawal is paid $500.00 short.", "The tax budget is passed by $120.00.",
            "First warning.", "Second warning.", "Blank row skipped.",
        ])
        let summary = try PlanFixture.rows(of: "Summary", in: sorted)
        let heading = try #require(summary.firstIndex { PlanFixture.text($0[1]) == "Needing approval" })
        #expect(PlanFixture.text(summary[heading + 1][1]) == "TAX-1")
        #expect(PlanFixture.text(summary[heading + 1][2]) == "The withdrawal is paid $500.00 short.")
        #expect(PlanFixture.text(summary[heading + 2][1]) == "IRA-1")
        #expect(PlanFixture.text(summary[heading + 2][2]) == "The tax budget is passed by $120.00.")
        #expect(PlanFixture.text(summary[heading + 3][1]) == "Drift Outside Band")
    }

    @Test("A Reason longer than its column wraps, its row tall enough for its lines; a wide sheet prints two pages wide with its Account column on each; every page is headed and numbered")
    func readableOnScreenAndPaper() throws {
        let trades = try sheetXML("Trades")
        // "Harvested a $3,000.00 short-term loss on lot VTI-r4; $1,200.00 of it is disallowed.":
        // 85 characters in a column 60 wide, two lines of 15 points.
        #expect(trades.contains("<row r=\"2\" ht=\"30\" customHeight=\"1\">"))
        #expect(trades.contains("<row r=\"3\">"))
        let archive = try ZipArchive(path: path, limits: .standard)
        let styles = String(decoding: try archive.readAll("xl/styles.xml"), as: UTF8.self)
        #expect(styles.contains("wrapText=\"1\""))
        #expect(trades.contains("fitToWidth=\"1\"") || !trades.contains("fitToWidth="))
        let taxImpact = try sheetXML("Tax Impact")
        #expect(taxImpact.contains("fitToWidth=\"2\""))
        #expect(taxImpact.contains("<pane xSplit=\"1\" ySplit=\"1\""))
        let workbook = String(decoding: try archive.readAll("xl/workbook.xml"), as: UTF8.self)
        #expect(workbook.contains("'Tax Impact'!$A:$A,'Tax Impact'!$1:$1"))
        for sheet in ["Summary", "Trades", "Exceptions"] {
            let xml = try sheetXML(sheet)
            #expect(xml.contains("<oddHeader>&amp;L&amp;A&amp;R&amp;F</oddHeader>"))
            #expect(xml.contains("<oddFooter>&amp;LAs of 2026-03-16&amp;RPage &amp;P of &amp;N</oddFooter>"))
        }
    }

    @Test("Printed pages wide: one up to 200 characters of columns, then one more for each 200")
    func pagesWide() {
        #expect(XLSXSheet.pagesWide(characters: 120) == 1)
        #expect(XLSXSheet.pagesWide(characters: 200) == 1)
        #expect(XLSXSheet.pagesWide(characters: 201) == 2)
        #expect(XLSXSheet.pagesWide(characters: 420) == 3)
    }

    @Test("A wrapped text's row: a line per 60 characters and per line break, 15 points each, at most Excel's 409")
    func wrappedHeights() {
        func row(_ text: String, _ style: CellStyle = .wrapped) -> [SheetCell] { [.text("TAX-1"), .message(text, style)] }
        #expect(XLSXSheet.wrappedHeight(of: row(String(repeating: "a", count: 60))) == nil)
        #expect(XLSXSheet.wrappedHeight(of: row(String(repeating: "a", count: 61))) == 30)
        #expect(XLSXSheet.wrappedHeight(of: row(String(repeating: "a", count: 61), .plain)) == nil)
        #expect(XLSXSheet.wrappedHeight(of: row(String(repeating: "a", count: 70) + "\nb")) == 45)
        #expect(XLSXSheet.wrappedHeight(of: row(String(repeating: "é", count: 130))) == 45)
        #expect(XLSXSheet.wrappedHeight(of: row(String(repeating: "a", count: 30_000))) == 409)
    }

    @Test("The document's created date is the as-of date at midnight UTC")
    func createdDate() throws {
        let archive = try ZipArchive(path: path, limits: .standard)
        let core = String(decoding: try archive.readAll("docProps/core.xml"), as: UTF8.self)
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-03-16T00:00:00Z</dcterms:created>"))
    }

    @Test("The CIO workbook dropped on the tool again is named as such, not met with a list of missing sheets")
    func outputReadAsInput() throws {
        let reading = try PortfolioReader.read(path: path, asOf: nil, today: PlanFixture.asOf)
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "This is a CIO workbook the tool wrote (its Trades, Lots Sold, Tax Impact and Audit Log sheets); run the "
                + "tool on the PM's workbook it was made from, the one with the Lots, Model and Prices sheets.",
        ])
    }

    @Test("The same plan written twice gives the same bytes")
    func deterministic() throws {
        let again = folder + "/again.xlsx"
        try PlanWorkbookWriter.write(PlanFixture.plan, run: PlanFixture.run, to: again)
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        let second = try Data(contentsOf: URL(fileURLWithPath: again))
        #expect(first == second)
    }

    @Test("An empty plan still has every sheet, with zero totals")
    func emptyPlan() throws {
        let empty = folder + "/empty.xlsx"
        try PlanWorkbookWriter.write(Plan(settings: Settings(asOf: PlanFixture.asOf)), run: PlanFixture.run, to: empty)
        let workbook = try Workbook(path: empty)
        #expect(workbook.sheets.map(\.name) == PlanWorkbookWriter.sheetNames)
        let trades = try PlanFixture.rows(of: "Trades", in: empty)
        #expect(trades.count == 4)
        #expect(trades[1][6] == .number(0, .plain))
    }

    @Test("Text and numbers read back exactly: markup, spaces, control characters, tiny and inexact numbers")
    func exactCells() throws {
        var plan = PlanFixture.plan
        let reason = "  Sell <all> & more: _x0041_ stays, \u{1} too, tab\there, é and 漢字  "
        plan.trades[0].reason = reason
        plan.drift[0].weightAfter = 0.4 + 0.02
        plan.drift[0].weightBefore = 1e-5
        let written = folder + "/exact.xlsx"
        try PlanWorkbookWriter.write(plan, run: PlanFixture.run, to: written)
        let trades = try PlanFixture.rows(of: "Trades", in: written)
        #expect(PlanFixture.text(trades[1][8]) == reason)
        let drift = try PlanFixture.rows(of: "Drift", in: written)
        #expect(drift[1][7] == .number(1e-5, .percent))
        #expect(drift[1][8] == .number(0.4 + 0.02, .percent))
    }

    @Test("A reason longer than a cell holds is cut to fit and says so; the audit JSON keeps it whole")
    func longReasonCutToFit() throws {
        var plan = PlanFixture.plan
        plan.trades[0].reason = String(repeating: "é", count: 40_000)
        try PlanWorkbookWriter.write(plan, run: PlanFixture.run, to: folder + "/long.xlsx")
        let written = try #require(PlanFixture.text(try PlanFixture.rows(of: "Trades", in: folder + "/long.xlsx")[1][8]))
        let note = "… [cut to fit the cell: 40000 characters in all, whole in the audit JSON]"
        #expect(written.unicodeScalars.count == 32_767)
        #expect(written == String(repeating: "é", count: 32_767 - note.unicodeScalars.count) + note)
        try AuditJSON.write(plan, run: PlanFixture.run, to: folder + "/long.json")
        let json = try String(contentsOfFile: folder + "/long.json", encoding: .utf8)
        #expect(json.contains(String(repeating: "é", count: 40_000)))
    }

    @Test("A cell Excel cannot hold names the cell being written")
    func refusedCell() throws {
        var plan = PlanFixture.plan
        plan.trades[0].symbol = String(repeating: "x", count: 40_000)
        let error = try #require(throws: WorkbookWriteError.self) {
            try PlanWorkbookWriter.write(plan, run: PlanFixture.run, to: folder + "/refused.xlsx")
        }
        #expect(error.description == "Failed writing Trades!B2: String exceeds Excel's limit of 32,767 characters.")
    }

    @Test("A refused cell after earlier sheets are done names its cell; their compression is waited for")
    func refusedLateCell() throws {
        var plan = PlanFixture.plan
        plan.trades = RowList(Array(repeating: plan.trades[2], count: 5_000))
        plan.auditLog[0].rule = String(repeating: "y", count: 40_000)
        let error = try #require(throws: WorkbookWriteError.self) {
            try PlanWorkbookWriter.write(plan, run: PlanFixture.run, to: folder + "/late.xlsx")
        }
        #expect(error.doing == "writing Audit Log!E2")
    }

    private func sheetXML(_ name: String) throws -> String {
        let index = try #require(PlanWorkbookWriter.sheetNames.firstIndex(of: name))
        let archive = try ZipArchive(path: path, limits: .standard)
        return String(decoding: try archive.readAll("xl/worksheets/sheet\(index + 1).xml"), as: UTF8.self)
    }
}

@Suite("A large plan")
struct LargePlanWriterTests {
    @Test("Twenty thousand trades stream out and read back with their totals")
    func manyTrades() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var plan = PlanFixture.plan
        plan.trades = RowList(Array(repeating: plan.trades[2], count: 20_000))
        let path = folder + "/large.xlsx"
        try PlanWorkbookWriter.write(plan, run: PlanFixture.run, to: path)
        let rows = try PlanFixture.rows(of: "Trades", in: path)
        #expect(rows.count == 20_004)
        #expect(rows[20_001][6] == .number(600_000_000, .plain))
        #expect(rows[20_003][11] == .number(54_048_000, .plain))
    }
}
