import OutputChecks
import Foundation
import RebalanceEngine
import Testing
import WorkbookIO
import XLSXTestSupport

/// `rebalancer template`: the input template a PM fills in.
@Suite("rebalancer template")
struct TemplateCommandTests {
    static let committed = packageRoot + "/Templates/Rebalance Template.xlsx"

    func freshTemplate() throws -> String {
        let path = TemporaryFolder.make() + "/Rebalance Template.xlsx"
        let result = try runRebalancer(["template", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Template: \(path)\n")
        return path
    }

    @Test("The template written today has the cells of the committed Templates/Rebalance Template.xlsx")
    func matchesCommittedCopy() throws {
        let path = try freshTemplate()
        let diff = lineDiff(expected: try formatDump(Self.committed), actual: try formatDump(path))
        #expect(diff == nil, "regenerate with: swift run rebalancer template \"Templates/Rebalance Template.xlsx\" (after removing it)\n\(diff ?? "")")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: Self.committed)),
                "the same template must be the same bytes")
    }

    @Test("Every contract sheet has its canonical header on row 2, with a note above, after the Instructions sheet")
    func sheetsAndHeaders() throws {
        let path = try freshTemplate()
        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["Instructions", "Settings", "Accounts", "Lots", "Model", "Prices",
            "Securities", "Groups", "Sectors", "Transactions", "Manual Trades"])
        let lines = try formatDump(path)
        func row(_ sheet: String, _ number: Int) -> [String] {
            var values: [String] = []
            for line in lines where line.hasPrefix(sheet + "\t") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let rowNumber = String(fields[1].drop { $0.isLetter })
                if rowNumber == String(number) { values.append(fields[3]) }
            }
            return values
        }
        #expect(row("Lots", 2) == ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Unit Cost", "Acquired", "Term", "Price"])
        #expect(row("Accounts", 2).first == "Account" && row("Accounts", 2).count == 15)
        #expect(row("Settings", 2) == ["Setting", "Value", "About"])
        #expect(row("Lots", 1).first?.contains("Bold headers are required") == true)
        func has(_ line: String) -> Bool { lines.contains(line) }
        #expect(has("Instructions\tD10\ts\tSymbol, Quantity, Cost Basis or Unit Cost, Acquired"))
        #expect(has("Settings\tB3\td\t2026-11-20"))
        #expect(has("Settings\tB4\tn%\t0.408"))
        #expect(has("Model\tC3\tn%\t0.5"))
        #expect(has("Lots\tG3\td\t2019-06-14"))
    }

    @Test("Enumerations offer drop-down lists; percent and date columns are formatted beyond the examples")
    func listsAndFormats() throws {
        let path = try freshTemplate()
        let accounts = try partText(path, "xl/worksheets/sheet3.xml")
        #expect(accounts.contains("<formula1>\"Taxable,Individual,Joint,Trust,Custodial,IRA,Roth,401k,403b,SEP,SIMPLE,HSA\"</formula1>"))
        #expect(accounts.contains("sqref=\"D3:D1000\""))
        let settings = try partText(path, "xl/worksheets/sheet2.xml")
        #expect(settings.contains("<formula1>\"Tax Optimal,HIFO,FIFO,LIFO\"</formula1>"))
        #expect(settings.contains("<formula1>\"Target,Band Edge\"</formula1>"))
        let securities = try partText(path, "xl/worksheets/sheet7.xml")
        #expect(securities.contains("<formula1>\"No Buy,No Sell,No Trade,Hold\"</formula1>"))
        #expect(securities.contains("<formula1>\"Yes,No\"</formula1>"))
        #expect(try partText(path, "xl/worksheets/sheet10.xml").contains("<formula1>\"Buy,Sell\"</formula1>"))
        #expect(try partText(path, "xl/worksheets/sheet11.xml").contains("<formula1>\"Buy,Sell\"</formula1>"))
        #expect(try partText(path, "xl/worksheets/sheet4.xml").contains("<formula1>\"LT,ST,Inherited\"</formula1>"))
        let styles = try partText(path, "xl/styles.xml")
        #expect(styles.contains("formatCode=\"0.00%\"") && styles.contains("formatCode=\"yyyy-mm-dd\""))
        // Model's Target and Band columns carry a style of their own for rows typed in later.
        #expect(try partText(path, "xl/worksheets/sheet5.xml").contains("<col min=\"3\" max=\"3\""))
    }

    @Test("The examples form a valid book: read without errors, then planned with trades")
    func examplesFormAValidBook() throws {
        let path = try freshTemplate()
        let reading = try PortfolioReader.read(path: path, asOf: nil, today: CivilDate(year: 2030, month: 1, day: 1)!)
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.warnings.isEmpty, "\(reading.warnings)")
        let portfolio = try #require(reading.portfolio)
        #expect(portfolio.settings.asOf == CivilDate(year: 2026, month: 11, day: 20))
        #expect(portfolio.accounts.map(\.id) == ["RIVERA-IRA", "RIVERA-JT"])
        #expect(portfolio.lots.count == 5)
        #expect(portfolio.lots.first { $0.lotID == "JT-3" }?.termOverride == .longTerm)
        #expect(try runRebalancer(["inspect", path]).status == 0)
        let output = TemporaryFolder.make() + "/out.xlsx"
        let run = try runRebalancer(["run", path, "--output", output])
        #expect(run.status == 0, "\(run.stderr)")
        let trades = try OutputBook(path: output).rows("Trades")
        #expect(trades.contains { $0.text("Symbol") == "IXUS" && $0.text("Phase") == "Harvest" && $0.text("Side") == "Buy" })
        #expect(trades.contains { $0.text("Symbol") == "XOM" && $0.text("Phase") == "Phase Out" })
    }

    @Test("An existing file is never replaced: the template gets the next number")
    func neverOverwrites() throws {
        let folder = TemporaryFolder.make()
        let first = folder + "/Rebalance Template.xlsx"
        try Data("a PM's own file".utf8).write(to: URL(fileURLWithPath: first))
        let result = try runRebalancer(["template", first])
        #expect(result.status == 0)
        #expect(result.stdout == "Template: \(folder)/Rebalance Template (2).xlsx\n")
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "a PM's own file")
        #expect(try runRebalancer(["template", folder + "/notes.txt"]).status == 2)
        #expect(try runRebalancer(["template", folder + "/no such folder/Template.xlsx"]).status == 4)
    }
}
