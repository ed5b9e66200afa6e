import Foundation
import RebalanceEngine
import SampleBooks
import Testing
import WorkbookIO
import XLSXTestSupport

/// The sample workbooks: the committed files are what the code writes, and each reads cleanly.
@Suite("Sample workbooks")
struct SampleBookTests {
    @Test("Every sample the code writes has the cells of its committed copy", arguments: SampleBook.all.map(\.fileName))
    func committedCopyIsCurrent(fileName: String) throws {
        let book = try #require(SampleBook.all.first { $0.fileName == fileName })
        let path = TemporaryFolder.make() + "/" + fileName
        try book.write(to: path)
        let committed = packageRoot + "/SampleWorkbooks/" + fileName
        let diff = lineDiff(expected: try formatDump(committed), actual: try formatDump(path))
        #expect(diff == nil, "regenerate with: swift run SampleGenerator SampleWorkbooks\n\(diff ?? "")")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: committed)))
    }

    @Test("Every sample reads without errors or warnings, with a fixed As Of Date", arguments: sampleWorkbookNames())
    func readsCleanly(fileName: String) throws {
        let reading = try PortfolioReader.read(path: packageRoot + "/SampleWorkbooks/" + fileName, asOf: nil,
                                               today: CivilDate(year: 2030, month: 1, day: 1)!)
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.warnings.isEmpty, "\(reading.warnings)")
        #expect(reading.portfolio?.settings.asOf == CivilDate(year: 2026, month: 11, day: 20))
    }

    @Test("The custodian's lot export is read from text: $ amounts, US dates, Holding Period, the total row skipped")
    func custodianExportReadsAsLots() throws {
        let reading = try PortfolioReader.read(path: packageRoot + "/SampleWorkbooks/Custodian Lot Export.xlsx",
                                               asOf: nil, today: CivilDate(year: 2030, month: 1, day: 1)!)
        let portfolio = try #require(reading.portfolio)
        #expect(portfolio.lots.count == 7)
        let vxus = try #require(portfolio.lots.first { $0.symbol == "VXUS" })
        #expect(vxus.account == "SULLIVAN-4471")
        #expect(vxus.quantity == Quantity(rounding: 1_100))
        #expect(vxus.costBasis == Money(decimal: "67925.00"))
        #expect(vxus.acquired == CivilDate(year: 2021, month: 1, day: 22))
        let shortLot = try #require(portfolio.lots.first { $0.acquired == CivilDate(year: 2026, month: 6, day: 11) })
        #expect(shortLot.costBasis == Money(decimal: "12756.00"))
        #expect(shortLot.termOverride == .shortTerm)
        let messages = reading.diagnostics.map(\.message)
        #expect(messages.contains("Skipped: a summary or footer row (\"Account Total\")."))
        #expect(messages.contains("The column \"Gain/Loss $\" is read only to check, with Market Value, that Cost Basis is "
            + "each lot's total cost, not a cost per share; gains are worked out at the run's prices."))
        // Market Value is read to check each lot's Price against it (every lot agrees), and
        // the PM is told that is all it is read for, as the contract lists a column ignored.
        #expect(messages.filter { $0.contains("Market Value") && !$0.contains("Gain/Loss") } == [
            "The column \"Market Value\" is read only to check the Price column (a bond or CD priced per 100 of face); "
                + "lots are valued at the run's prices."])
    }
}
