import Foundation
import PortfolioGenerator
import RebalanceEngine
import Testing
@testable import WorkbookIO

/// A generated portfolio written as an input workbook and read back is the same portfolio.
///
/// Normalised before comparing, as they legitimately differ: `Transaction.place` and
/// `ManualTrade.place`, which name the row a value came from (the generator writes
/// `Transactions!A5`, the reader `Transactions!row 5`), and an identical member's Exposure
/// Group the reader fills in. Every other field is compared as is,
/// lot order and each price's `source` and `tried` chain included.
@Suite("A portfolio written as an input workbook reads back the same")
final class PortfolioWorkbookRoundTripTests {
    let folder: String
    /// A day the reader must not use: the As Of Date comes from the Settings sheet.
    static let today = CivilDate(year: 2000, month: 1, day: 3)!

    init() throws {
        folder = try PlanFixture.temporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The portfolio without the fields that name rows, and with each Identical Group's
    /// members that name no Exposure Group in the one their identical members name, as the
    /// reader reads them (`PortfolioBuilder.sharingExposureGroups`).
    static func normalised(_ portfolio: Portfolio) -> Portfolio {
        var portfolio = portfolio
        portfolio.securities = PortfolioBuilder.sharingExposureGroups(portfolio.securities).securities
        for index in portfolio.transactions.indices { portfolio.transactions[index].place = "" }
        for index in portfolio.manualTrades.indices { portfolio.manualTrades[index].place = "" }
        return portfolio
    }

    /// Writes `portfolio`, reads it back, and returns the reading.
    func roundTrip(_ portfolio: Portfolio, name: String) throws -> PortfolioReading {
        let path = "\(folder)/\(name).xlsx"
        try PortfolioWorkbookWriter.write(portfolio, to: path)
        return try readPriced(path: path, asOf: nil, today: Self.today)
    }

    @Test("Small generated books round-trip field by field", arguments: 0..<200 as Range<UInt64>)
    func smallBook(seed: UInt64) throws {
        let original = PortfolioGenerator.generate(seed: seed, shape: .small)
        let reading = try roundTrip(original, name: "small-\(seed)")
        #expect(reading.errors.isEmpty, "\(reading.errors.prefix(5).map(\.description))")
        let read = try #require(reading.portfolio)
        let expected = Self.normalised(original)
        let actual = Self.normalised(read)
        #expect(actual.settings == expected.settings)
        #expect(actual.accounts == expected.accounts)
        #expect(actual.lots == expected.lots)
        #expect(actual.models == expected.models)
        #expect(actual.prices == expected.prices)
        #expect(actual.securities == expected.securities)
        #expect(actual.groups == expected.groups)
        #expect(actual.sectors == expected.sectors)
        #expect(actual.transactions == expected.transactions)
        #expect(actual.manualTrades == expected.manualTrades)
        #expect(actual == expected)
    }

    @Test("The round-tripped seeds hold every kind of value the writer must spell")
    func seedsCoverTheValueKinds() {
        let books = (0..<200 as Range<UInt64>).map { PortfolioGenerator.generate(seed: $0, shape: .small) }
        let accounts = books.flatMap(\.accounts)
        let lots = books.flatMap(\.lots)
        let models = books.flatMap(\.models)
        let targets = models.flatMap(\.targets)
        let transactions = books.flatMap(\.transactions)
        let trades = books.flatMap(\.manualTrades)
        let securities = books.flatMap(\.securities)
        let covered: [(String, Bool)] = [
            ("fractional lot", lots.contains { !$0.quantity.isMultiple(of: .wholeShare) }),
            ("lot under one share", lots.contains { $0.quantity < .wholeShare }),
            ("numeric Lot ID", lots.contains { Int($0.lotID) != nil }),
            ("Term override", lots.contains { $0.termOverride != nil }),
            ("zero basis", lots.contains { $0.costBasis == .zero }),
            ("February 29 acquisition", lots.contains { $0.acquired.month == 2 && $0.acquired.day == 29 }),
            ("unlimited account budget", accounts.contains { $0.taxBudget == .unlimited }),
            ("zero account budget", accounts.contains { $0.taxBudget == .limit(.zero) }),
            ("negative Realized YTD", accounts.contains { $0.realizedShortTermYTD.isNegative }),
            ("withdrawal", accounts.contains { $0.withdrawal > .zero }),
            ("untaxed account", accounts.contains { !$0.type.isTaxed }),
            ("default model", models.contains { $0.name.isEmpty }),
            ("named model", models.contains { !$0.name.isEmpty }),
            ("CASH row", models.contains { $0.cashTarget != nil }),
            ("zero target", targets.contains { $0.target == .zero }),
            ("row band", targets.contains { $0.band != nil }),
            ("no row band", targets.contains { $0.band == nil }),
            ("price to four decimals", books.flatMap(\.prices).contains { $0.price.micros % 10_000 != 0 }),
            ("price without source", books.flatMap(\.prices).contains { $0.source == nil }),
            ("restriction", securities.contains { $0.restriction != nil }),
            ("Phase Out", securities.contains(where: \.phaseOut)),
            ("several replacements", securities.contains { $0.replacements.count > 1 }),
            ("exposure group", books.contains { !$0.groups.isEmpty }),
            ("sector band", books.contains { !$0.sectors.isEmpty }),
            ("sale without Quantity", transactions.contains { $0.side == .sell && $0.quantity == nil }),
            ("sale without Realized Gain", transactions.contains { $0.side == .sell && $0.realizedGain == nil }),
            ("transaction Term", transactions.contains { $0.term != nil }),
            ("manual trade by Amount", trades.contains { if case .amount = $0.size { true } else { false } }),
            ("manual trade by Quantity", trades.contains { if case .quantity = $0.size { true } else { false } }),
            ("manual trade Note", trades.contains { $0.note != nil }),
            ("Band Edge", books.contains { $0.settings.rebalanceTo == .bandEdge }),
            ("Fractional Shares", books.contains(where: \.settings.fractionalShares)),
            ("Allow Stale Prices", books.contains(where: \.settings.allowStalePrices)),
        ]
        for (kind, present) in covered {
            #expect(present, "no \(kind) among the seeds")
        }
    }

    @Test("The sheets are the contract's, in order, each with its canonical header")
    func sheetsAndHeaders() throws {
        let path = "\(folder)/layout.xlsx"
        try PortfolioWorkbookWriter.write(PortfolioGenerator.generate(seed: 7, shape: .small), to: path)
        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == PortfolioWorkbookWriter.sheetNames)
        let expected: [String: [String]] = [
            "Settings": ["Setting", "Value"],
            "Accounts": ["Account", "Name", "Household", "Type", "Cash", "Cash Target", "Withdrawal", "Tax Budget",
                         "Short-Term Rate", "Long-Term Rate", "Realized ST YTD", "Realized LT YTD",
                         "ST Loss Carryforward", "LT Loss Carryforward", "Model"],
            "Lots": ["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired", "Term"],
            "Model": ["Model", "Symbol", "Target", "Band", "Sector"],
            "Prices": ["Symbol", "Price", "As Of", "Source"],
            "Securities": ["Symbol", "Name", "Sector", "Identical Group", "Exposure Group", "Replacement",
                           "Restriction", "Phase Out"],
            "Groups": ["Exposure Group", "Max Weight"],
            "Sectors": ["Sector", "Band"],
            "Transactions": ["Account", "Date", "Symbol", "Side", "Quantity", "Price", "Realized Gain", "Term"],
            "Manual Trades": ["Account", "Symbol", "Side", "Quantity", "Amount", "Note"],
        ]
        for name in PortfolioWorkbookWriter.sheetNames {
            let header = try #require(try PlanFixture.rows(of: name, in: path).first)
            #expect(header.number == 1)
            #expect(header.cells.map { PlanFixture.text($0.value) } == expected[name]!.map { Optional($0) }, "\(name)")
        }
    }

    @Test("Settings: dates as dates, rates as percents, Unlimited and Yes/No as text, amounts as numbers")
    func settingsCells() throws {
        var portfolio = PortfolioGenerator.generate(seed: 3, shape: .small)
        portfolio.settings.taxBudget = .unlimited
        portfolio.settings.rates = TaxRates(shortTerm: Rate(millionths: 408_000), longTerm: Rate(millionths: 238_000))
        portfolio.settings.fractionalShares = true
        portfolio.settings.minTrade = Money(cents: 12_345)
        let path = "\(folder)/settings.xlsx"
        try PortfolioWorkbookWriter.write(portfolio, to: path)
        let rows = try PlanFixture.rows(of: "Settings", in: path).dropFirst()
        var values: [String: CellValue] = [:]
        for row in rows { values[PlanFixture.text(row[1]) ?? ""] = row[2] }
        #expect(values.count == 16)
        guard case .date(let asOf)? = values["As Of Date"] else {
            Issue.record("As Of Date is not a date cell: \(String(describing: values["As Of Date"]))")
            return
        }
        #expect(asOf.iso == portfolio.settings.asOf.description)
        #expect(values["Short-Term Rate"] == .number(0.408, .percent))
        #expect(values["Long-Term Rate"] == .number(0.238, .percent))
        #expect(values["Tax Budget"] == .string("Unlimited"))
        #expect(values["Min Trade"] == .number(123.45, .plain))
        #expect(values["Fractional Shares"] == .string("Yes"))
        #expect(values["Wash Sale Days"] == .number(Double(portfolio.settings.washSaleDays), .plain))
        #expect(values["Harvest Min Loss Pct"].map { if case .number(_, .percent) = $0 { true } else { false } } == true)
    }

    @Test("Prices from an Override are written to the Override column and read back as Override")
    func overridePrice() throws {
        var portfolio = PortfolioGenerator.generate(seed: 11, shape: .small)
        let index = try #require(portfolio.prices.indices.first)
        portfolio.prices[index].origin = .override
        portfolio.prices[index].tried = ["Override: used"]
        let reading = try roundTrip(portfolio, name: "override")
        #expect(reading.errors.isEmpty, "\(reading.errors.prefix(5).map(\.description))")
        #expect(reading.portfolio?.prices == portfolio.prices)
    }

    @Test("Values at the edges of their precision come back exact; a stale price stays stale")
    func precisionEdges() throws {
        var portfolio = PortfolioGenerator.generate(seed: 3, shape: .small)
        try #require(!portfolio.lots.isEmpty && portfolio.prices.count >= 2)
        portfolio.lots[0].quantity = Quantity(micros: 1_234_567_123_456)
        portfolio.lots[0].costBasis = Money(cents: 999_999_999_999)
        portfolio.prices[0].price = Price(micros: 123_456_789_012)
        portfolio.settings.defaultBand = Rate(millionths: 123_457)
        portfolio.settings.harvestMinLossPercent = Rate(millionths: 1)
        portfolio.accounts[0].cashTarget = Rate(millionths: 999_999)
        portfolio.accounts[0].realizedLongTermYTD = Money(cents: -12_345_678_901)
        portfolio.settings.allowStalePrices = true
        portfolio.prices[1].asOf = portfolio.settings.asOf.adding(days: -(portfolio.settings.priceMaxAgeDays + 1))
        portfolio.prices[1].origin = .stale
        let reading = try roundTrip(portfolio, name: "edges")
        #expect(reading.errors.isEmpty, "\(reading.errors.prefix(5).map(\.description))")
        let read = try #require(reading.portfolio)
        // The reader words the stale step of the chain itself.
        func withoutChains(_ prices: [ResolvedPrice]) -> [ResolvedPrice] {
            prices.map { var price = $0; price.tried = []; return price }
        }
        #expect(withoutChains(read.prices) == withoutChains(portfolio.prices))
        #expect(read.prices[1].isStale)
        #expect(read.lots == portfolio.lots)
        #expect(read.settings == portfolio.settings)
        #expect(read.accounts == portfolio.accounts)
    }

    @Test("The same portfolio gives the same bytes")
    func deterministicBytes() throws {
        let portfolio = PortfolioGenerator.generate(seed: 5, shape: .small)
        try PortfolioWorkbookWriter.write(portfolio, to: "\(folder)/a.xlsx")
        try PortfolioWorkbookWriter.write(portfolio, to: "\(folder)/b.xlsx")
        let first = try #require(FileManager.default.contents(atPath: "\(folder)/a.xlsx"))
        let second = try #require(FileManager.default.contents(atPath: "\(folder)/b.xlsx"))
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test("A firm-scale book (1,000 accounts × 200 lots) writes and reads back without errors")
    func firmScale() throws {
        let original = PortfolioGenerator.generate(seed: 1, shape: .firmScale)
        let reading = try roundTrip(original, name: "firm")
        #expect(reading.errors.isEmpty, "\(reading.errors.prefix(5).map(\.description))")
        let read = try #require(reading.portfolio)
        #expect(read.accounts.count == original.accounts.count)
        #expect(read.lots.count == original.lots.count)
        #expect(read.lots.count == 200_000)
        #expect(read.models.map(\.targets.count) == original.models.map(\.targets.count))
        #expect(read.prices.count == original.prices.count)
        #expect(read.securities.count == original.securities.count)
        #expect(read.groups.count == original.groups.count)
        #expect(read.sectors.count == original.sectors.count)
        #expect(read.transactions.count == original.transactions.count)
        #expect(read.manualTrades.count == original.manualTrades.count)
    }
}
