import OutputChecks
import Foundation
import RebalanceEngine
import Testing
import WorkbookIO
import XLSXTestSupport

/// Each sample rebalanced by the built binary: its output workbook and audit JSON match their
/// golden files (`Golden/samples/`), and the trades tell the sample's story.
@Suite("Sample outputs")
struct SampleGoldenTests {
    @Test("A sample's output workbook and audit JSON match their golden files", arguments: sampleWorkbookNames())
    func outputMatchesGolden(fileName: String) throws {
        let (output, result) = try rebalancedSample(fileName)
        #expect(result.status == 0, "\(result.stderr)")
        let stem = String(fileName.dropLast(5))
        try expectGoldenLines(try formatDump(output), named: "samples/\(stem).cells.txt")
        let audit = try String(contentsOfFile: String(output.dropLast(5)) + ".audit.json", encoding: .utf8)
        try expectGoldenLines(try prettyJSON(audit), named: "samples/\(stem).audit.json")
    }

    func output(of fileName: String) throws -> OutputBook {
        let (output, result) = try rebalancedSample(fileName)
        try #require(result.status == 0, "\(result.stderr)")
        return try OutputBook(path: output)
    }

    @Test("Legacy transfer: harvests INTC and JNJ, phases out within the $20,000 budget, leaves ACME restricted")
    func legacyTransfer() throws {
        let book = try output(of: "Legacy Transfer.xlsx")
        let tax = try #require(book.rows("Tax Impact").first)
        #expect(tax.money("Tax Impact") == Money(decimal: "19954.44"))
        #expect(tax.money("Tax Impact") <= tax.money("Tax Budget"))
        let trades = book.rows("Trades")
        #expect(trades.contains { $0.text("Symbol") == "INTC" && $0.text("Phase") == "Harvest" && $0.quantity("Quantity") == Quantity(rounding: 1_000) })
        #expect(trades.contains { $0.text("Symbol") == "MSFT" && $0.text("Phase") == "Phase Out" && $0.text("Reason").contains("as far as the tax budget allows") })
        #expect(!trades.contains { $0.text("Symbol") == "ACME" })
        let status = Dictionary(book.rows("Drift").map { ($0.text("Name"), $0.text("Status")) }, uniquingKeysWith: { a, _ in a })
        #expect(status["AAPL"] == "Tax Budget")
        #expect(status["MSFT"] == "Tax Budget")
        #expect(status["ACME"] == "Restricted")
    }

    @Test("Patel household: wash-sale blocks across accounts, GOOG sold as GOOGL's stand-in under the Alphabet cap")
    func householdWashSales() throws {
        let book = try output(of: "Patel Household.xlsx")
        let washSales = Set(book.rows("Wash Sale").map { "\($0.text("Account")) \($0.text("Symbol")) \($0.text("Action"))" })
        #expect(washSales.isSuperset(of: ["PATEL-IRA GOOGL Buy Blocked", "PATEL-IRA VEA Buy Blocked",
                                          "PATEL-JT VWO Loss Sale Blocked", "PATEL-TR GOOGL Loss Sale", "PATEL-JT VEA Loss Sale"]))
        let trades = book.rows("Trades")
        #expect(!trades.contains { ["GOOG", "GOOGL", "VEA"].contains($0.text("Symbol")) && $0.text("Side") == "Buy" })
        #expect(trades.contains { $0.text("Account") == "PATEL-JT" && $0.text("Symbol") == "GOOG" && $0.text("Reason").contains("stands in for GOOGL") })
        #expect(trades.contains { $0.text("Symbol") == "IEFA" && $0.text("Phase") == "Harvest" })
        for group in book.rows("Drift") where group.text("Level") == "Group" {
            #expect(group.number("Weight After") <= 0.06 + 1e-9, "\(group.text("Account")) Alphabet after \(group.number("Weight After"))")
        }
    }

    @Test("Retiree withdrawal: $90,000 paid from loss lots, tax impact negative under a $0 budget, T untouched")
    func retireeWithdrawal() throws {
        let book = try output(of: "Retiree Withdrawal.xlsx")
        let cash = try #require(book.rows("Cash").first)
        #expect(cash.money("Withdrawal Paid") == Money(dollars: 90_000))
        let tax = try #require(book.rows("Tax Impact").first)
        #expect(tax.money("Tax Impact") == Money(decimal: "-2278.00"))
        #expect(book.rows("Lots Sold").allSatisfy { $0.number("Gain") < 0 })
        #expect(!book.rows("Trades").contains { $0.text("Symbol") == "T" })
        #expect(book.rows("Drift").contains { $0.text("Name") == "T" && $0.text("Status") == "Restricted" })
    }

    @Test("Harvest after the drawdown: three losses harvested into ITOT, IXUS and IEMG; QQQ blocked by its reinvested dividend")
    func harvestAfterDrawdown() throws {
        let book = try output(of: "Harvest After Drawdown.xlsx")
        let buys = book.rows("Trades").filter { $0.text("Phase") == "Harvest" && $0.text("Side") == "Buy" }.map { $0.text("Symbol") }
        #expect(buys == ["ITOT", "IXUS", "IEMG"])
        let tax = try #require(book.rows("Tax Impact").first)
        #expect(tax.money("Tax Impact") == Money(decimal: "-15504.00"))
        #expect(book.rows("Wash Sale").contains { $0.text("Symbol") == "QQQ" && $0.text("Action") == "Loss Sale Blocked" })
        #expect(!book.rows("Lots Sold").contains { $0.text("Lot ID") == "N-5" })
    }

    @Test("Custodian lot export: ARKK's loss harvested, AMZN phased out, the export's footer rows noted")
    func custodianExport() throws {
        let book = try output(of: "Custodian Lot Export.xlsx")
        let lots = book.rows("Lots Sold")
        #expect(lots.contains { $0.text("Symbol") == "ARKK" && $0.money("Gain") == Money(decimal: "-28245.00") })
        #expect(lots.contains { $0.text("Symbol") == "AMZN" && $0.money("Cost Basis") == Money(decimal: "6957.00") })
        #expect(book.rows("Exceptions").contains { $0.text("Where") == "Lot Details!row 11" && $0.text("Message").contains("Account Total") })
        let tax = try #require(book.rows("Tax Impact").first)
        #expect(tax.money("Tax Impact") <= Money(dollars: 7_500))
    }
}
