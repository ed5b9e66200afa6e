import Foundation
import PortfolioGenerator
import RebalanceEngine
import Testing
import WorkbookIO
import XLSXTestSupport

/// `rebalancer BOOK.xlsx` end to end: the built binary on generated books, the output read
/// back with the project's own reader and every invariant checked from the output alone.
@Suite("rebalancer run, end to end")
struct RunCommandTests {
    static let contractSheets = ["Summary", "Trades", "Lots Sold", "Tax Impact", "Cash", "Drift",
                                 "Price Provenance", "Wash Sale", "Audit Log", "Exceptions"]

    /// Writes a generated book into a fresh folder and returns its path.
    func generatedBook(seed: UInt64) throws -> (path: String, portfolio: Portfolio) {
        let portfolio = PortfolioGenerator.generate(seed: seed)
        let path = TemporaryFolder.make() + "/Book \(seed).xlsx"
        try PortfolioWorkbookWriter.write(portfolio, to: path)
        return (path, portfolio)
    }

    func outputPath(in stdout: String, label: String = "Output:") -> String? {
        stdout.split(separator: "\n").first { $0.hasPrefix(label) }
            .map { $0.dropFirst(label.count).trimmingCharacters(in: .whitespaces) }
    }

    @Test(arguments: Array(UInt64(1)...16))
    func generatedBooksGiveOutputsThatKeepEveryInvariant(seed: UInt64) throws {
        let (book, portfolio) = try generatedBook(seed: seed)
        let result = try runRebalancer([book])
        #expect(result.status == 0, "\(result.stderr)")
        let path = try #require(outputPath(in: result.stdout))
        #expect(path.hasSuffix("Book \(seed) - Rebalance \(portfolio.settings.asOf).xlsx"))
        #expect(FileManager.default.fileExists(atPath: String(path.dropLast(5)) + ".audit.json"))
        let output = try OutputBook(path: path)
        #expect(output.sheetNames == RunCommandTests.contractSheets)
        #expect(output.headers["Trades"]?.starts(with: ["Account", "Symbol", "Side", "Quantity", "Price", "Amount",
            "Phase", "Reason", "Realized ST", "Realized LT", "Est Tax"]) == true)
        #expect(output.headers["Cash"]?.starts(with: ["Account", "Cash Before", "Sell Proceeds", "Buy Cost",
            "Withdrawal", "Withdrawal Paid", "Cash After", "Cash Target", "Cash Weight After"]) == true)
        #expect(output.headers["Lots Sold"] == ["Account", "Symbol", "Lot ID", "Acquired", "Quantity", "Cost Basis",
            "Proceeds", "Gain", "Term", "Disallowed Loss", "Phase", "Realized"])
        #expect(output.headers["Tax Impact"]?.starts(with: ["Account", "Realized ST YTD", "Realized LT YTD",
            "ST Carryforward", "LT Carryforward", "ST Gains", "ST Losses", "LT Gains", "LT Losses", "Net ST", "Net LT",
            "Tax Before", "Tax After", "Tax Impact", "Tax Budget", "Budget Left", "Disallowed Loss"]) == true)
        #expect(output.headers["Wash Sale"]?.starts(with: ["Account", "Household", "Symbol", "Family", "Action",
            "Conflict Date", "Conflict Account", "Window Ends", "Note"]) == true)
        #expect(output.rows("Cash").count == portfolio.accounts.count)
        #expect(output.rows("Tax Impact").count == portfolio.accounts.count)
        for problem in invariantProblems(output, portfolio) {
            Issue.record("seed \(seed): \(problem)")
        }
    }

    /// The invariants of WORKBOOK.md read from the output workbook and the input alone.
    func invariantProblems(_ output: OutputBook, _ portfolio: Portfolio) -> [String] {
        var problems: [String] = []
        // 2: cash reconciles to the cent and stays at or above zero.
        for row in output.rows("Cash") {
            let after = row.money("Cash Before") + row.money("Sell Proceeds") - row.money("Buy Cost")
                - row.money("Withdrawal Paid")
            if after != row.money("Cash After") { problems.append("\(row.text("Account")): cash does not reconcile") }
            if row.money("Cash After").isNegative { problems.append("\(row.text("Account")): cash below zero") }
        }
        // 3: Trades agree with Lots Sold; Realized = Gain + Disallowed Loss by term.
        struct Key: Hashable { let account: String, symbol: String }
        var fromTrades: [Key: (Quantity, Money, Money, Money)] = [:]
        var sides: [Key: Set<String>] = [:]
        for row in output.rows("Trades") {
            let key = Key(account: row.text("Account"), symbol: row.text("Symbol"))
            sides[key, default: []].insert(row.text("Side"))
            guard row.text("Side") == "Sell" else { continue }
            let sum = fromTrades[key] ?? (.zero, .zero, .zero, .zero)
            fromTrades[key] = (sum.0 + row.quantity("Quantity"), sum.1 + row.money("Amount"),
                               sum.2 + row.money("Realized ST"), sum.3 + row.money("Realized LT"))
        }
        var fromLots: [Key: (Quantity, Money, Money, Money)] = [:]
        for row in output.rows("Lots Sold") {
            let key = Key(account: row.text("Account"), symbol: row.text("Symbol"))
            let realized = row.money("Gain") + row.money("Disallowed Loss")
            if row.money("Disallowed Loss").isNegative { problems.append("Disallowed Loss is negative") }
            if row.money("Gain") != row.money("Proceeds") - row.money("Cost Basis") { problems.append("Gain ≠ Proceeds − Cost Basis") }
            let sum = fromLots[key] ?? (.zero, .zero, .zero, .zero)
            let st = row.text("Term") == "ST"
            fromLots[key] = (sum.0 + row.quantity("Quantity"), sum.1 + row.money("Proceeds"),
                             sum.2 + (st ? realized : .zero), sum.3 + (st ? .zero : realized))
        }
        for key in Set(fromTrades.keys).union(fromLots.keys) {
            let t = fromTrades[key], l = fromLots[key]
            if t?.0 != l?.0 || t?.1 != l?.1 || t?.2 != l?.2 || t?.3 != l?.3 {
                problems.append("\(key.account)/\(key.symbol): Trades and Lots Sold disagree")
            }
        }
        // 1: nothing sold beyond what is held.
        var held: [Key: Quantity] = [:]
        for lot in portfolio.lots { held[Key(account: lot.account, symbol: lot.symbol), default: .zero] += lot.quantity }
        for (key, sums) in fromLots where sums.0 > (held[key] ?? .zero) {
            problems.append("\(key.account)/\(key.symbol) sold beyond what is held")
        }
        // 5: no buy and sell of one symbol in one account.
        for (key, set) in sides where set.count > 1 { problems.append("\(key.account)/\(key.symbol) bought and sold") }
        // 4: the tax estimate recomputed from the inputs and Lots Sold.
        for row in output.rows("Tax Impact") {
            let id = row.text("Account")
            guard let account = portfolio.accounts.first(where: { $0.id == id }) else {
                problems.append("Tax Impact names unknown account \(id)")
                continue
            }
            var gains = (st: Money.zero, stLoss: Money.zero, lt: Money.zero, ltLoss: Money.zero)
            var disallowed = Money.zero
            for lot in output.rows("Lots Sold") where lot.text("Account") == id {
                let realized = lot.money("Gain") + lot.money("Disallowed Loss")
                disallowed += lot.money("Disallowed Loss")
                switch (lot.text("Term") == "ST", realized.isNegative) {
                case (true, false): gains.st += realized
                case (true, true): gains.stLoss -= realized
                case (false, false): gains.lt += realized
                case (false, true): gains.ltLoss -= realized
                }
            }
            if row.money("ST Gains") != gains.st || row.money("ST Losses") != gains.stLoss
                || row.money("LT Gains") != gains.lt || row.money("LT Losses") != gains.ltLoss {
                problems.append("\(id): Tax Impact gains and losses differ from Lots Sold")
            }
            // Losses added back by manual buys are outside Lots Sold: recompute the rest.
            guard row.money("Disallowed Loss") == disallowed else { continue }
            let netST = account.realizedShortTermYTD - account.shortTermCarryforward + gains.st - gains.stLoss
            let netLT = account.realizedLongTermYTD - account.longTermCarryforward + gains.lt - gains.ltLoss
            let before = tax(account, account.realizedShortTermYTD - account.shortTermCarryforward,
                             account.realizedLongTermYTD - account.longTermCarryforward)
            let after = tax(account, netST, netLT)
            if row.money("Net ST") != netST || row.money("Net LT") != netLT { problems.append("\(id): net gains differ") }
            if row.money("Tax Before") != before || row.money("Tax After") != after
                || row.money("Tax Impact") != after - before {
                problems.append("\(id): tax \(row.money("Tax After")) differs from the recomputed \(after)")
            }
            // Each trade's Est Tax is its increment in the order the Trades sheet lists them.
            var runningST = account.realizedShortTermYTD - account.shortTermCarryforward
            var runningLT = account.realizedLongTermYTD - account.longTermCarryforward
            for trade in output.rows("Trades") where trade.text("Account") == id {
                let lots = output.rows("Lots Sold").filter {
                    $0.text("Account") == id && $0.text("Symbol") == trade.text("Symbol") && $0.text("Phase") == trade.text("Phase")
                }
                let taxBefore = tax(account, runningST, runningLT)
                if trade.text("Side") == "Sell" {
                    for lot in lots {
                        let realized = lot.money("Gain") + lot.money("Disallowed Loss")
                        if lot.text("Term") == "ST" { runningST += realized } else { runningLT += realized }
                    }
                }
                let increment = tax(account, runningST, runningLT) - taxBefore
                if trade.money("Est Tax") != increment {
                    problems.append("\(id) \(trade.text("Side")) \(trade.text("Symbol")): Est Tax \(trade.money("Est Tax")) is not its increment \(increment)")
                }
            }
            if case .limit(let limit) = account.taxBudget, after - before > limit {
                let approved = output.rows("Exceptions").contains {
                    $0.text("Severity") == "Needs Approval" && $0.text("Where").hasPrefix(id)
                }
                if !approved { problems.append("\(id): budget passed without Needs Approval") }
            }
        }
        // 5: no wash-blocked buy outside Manual Trades: no buy of a family member in the
        // household inside the window of a Transactions loss sale.
        let households = Dictionary(uniqueKeysWithValues: portfolio.accounts.map { ($0.id, $0.household) })
        for window in output.rows("Wash Sale") where window.text("Action") == "Loss Sale" {
            guard case .date(let sold)? = window["Conflict Date"], case .date(let ends)? = window["Window Ends"] else { continue }
            let asOf = portfolio.settings.asOf
            let soldDay = CivilDate(year: sold.year, month: sold.month, day: sold.day)!
            let endDay = CivilDate(year: ends.year, month: ends.month, day: ends.day)!
            guard soldDay < asOf, asOf <= endDay else { continue }
            let family = window.text("Family").components(separatedBy: ", ")
            for buy in output.rows("Trades") where buy.text("Side") == "Buy" && buy.text("Phase") != "Manual"
                && family.contains(buy.text("Symbol")) && households[buy.text("Account")] == window.text("Household") {
                problems.append("\(buy.text("Account")) buys \(buy.text("Symbol")) inside a window ending \(endDay)")
            }
        }
        return problems
    }

    /// The contract's estimate, worked independently: net across terms, rate × remaining
    /// gain, rounded half up once.
    func tax(_ account: Account, _ netST: Money, _ netLT: Money) -> Money {
        guard account.type.isTaxed else { return .zero }
        var st = netST.cents, lt = netLT.cents
        if st < 0 { lt += st; st = 0 }
        if lt < 0 { st += lt; lt = 0 }
        st = max(0, st); lt = max(0, lt)
        let micro = Int64(st) * account.rates.shortTerm.millionths + Int64(lt) * account.rates.longTerm.millionths
        return Money(cents: (micro + 500_000) / 1_000_000)
    }

    @Test func theSameBookTwiceGivesTheSameBytes() throws {
        let (book, _) = try generatedBook(seed: 3)
        let first = try runRebalancer([book])
        let second = try runRebalancer(["run", book])
        #expect(first.status == 0 && second.status == 0)
        let one = try #require(outputPath(in: first.stdout)), two = try #require(outputPath(in: second.stdout))
        #expect(two.hasSuffix(" (2).xlsx"))
        #expect(FileManager.default.contents(atPath: one) == FileManager.default.contents(atPath: two))
        let jsonOne = try #require(outputPath(in: first.stdout, label: "Audit:"))
        let jsonTwo = try #require(outputPath(in: second.stdout, label: "Audit:"))
        #expect(FileManager.default.contents(atPath: jsonOne) == FileManager.default.contents(atPath: jsonTwo))
    }

    @Test func jsonSummaryForScripts() throws {
        let (book, portfolio) = try generatedBook(seed: 5)
        let result = try runRebalancer(["run", book, "--json", "--output", TemporaryFolder.make() + "/plan.xlsx"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["asOf"] as? String == portfolio.settings.asOf.description)
        #expect((object?["outputWorkbook"] as? String)?.hasSuffix("/plan.xlsx") == true)
        #expect((object?["accounts"] as? [Any])?.count == portfolio.accounts.count)
    }

    // MARK: - Bad input: exit 1, the place named, no output, the input untouched

    /// A small valid book; `edit` breaks one thing.
    func book(_ edit: (inout [(name: String, rows: [[FixtureCell]])]) -> Void) throws -> String {
        var sheets: [(name: String, rows: [[FixtureCell]])] = [
            ("Settings", [["Setting", "Value"], ["As Of Date", .day(2026, 11, 20)]]),
            ("Accounts", [["Account", "Type", "Cash"], ["ACC-1", "Taxable", 1000]]),
            ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                      ["ACC-1", "AAPL", "L1", 100, 15000, .day(2024, 1, 15)],
                      ["ACC-1", "VTI", "L2", 40, 8000, .day(2023, 6, 30)]]),
            ("Model", [["Symbol", "Target"], ["AAPL", .percent(0.5)], ["VTI", .percent(0.49)]]),
            ("Prices", [["Symbol", "Price"], ["AAPL", 190.25], ["VTI", 260]]),
        ]
        edit(&sheets)
        return try XLSXFixture.contractBook(sheets).write(named: "Book.xlsx")
    }

    func expectRefused(_ book: String, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = URL(fileURLWithPath: book).deletingLastPathComponent().path
        let before = FileManager.default.contents(atPath: book)
        let result = try runRebalancer([book])
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(result.stderr.contains(text), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["Book.xlsx"], sourceLocation: sourceLocation)
        #expect(FileManager.default.contents(atPath: book) == before, sourceLocation: sourceLocation)
    }

    @Test func aValidSmallBookRuns() throws {
        let result = try runRebalancer([try book { _ in }])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aMissingSheetIsRefused() throws {
        try expectRefused(try book { $0.removeAll { $0.name == "Prices" } }, mentioning: "The workbook has no Prices sheet")
    }

    @Test func aBadCellIsRefusedWithItsPlace() throws {
        let path = try book { $0[2].rows[2][3] = "-10" }
        try expectRefused(path, mentioning: "Lots!D3: ")
    }

    @Test func aMissingPriceIsRefused() throws {
        try expectRefused(try book { $0[4].rows.removeLast() }, mentioning: "VTI")
    }

    @Test func aBrokenFileIsRefused() throws {
        let path = TemporaryFolder.make() + "/Book.xlsx"
        try Data("this is not a workbook".utf8).write(to: URL(fileURLWithPath: path))
        try expectRefused(path, mentioning: "Book.xlsx: ")
    }

    @Test func anInfeasibleManualTradeIsRefusedWithItsRow() throws {
        let path = try book {
            $0.append(("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["ACC-1", "AAPL", "Sell", 500]]))
        }
        try expectRefused(path, mentioning: "Manual Trades!row 2: This sells 500 AAPL in ACC-1, which holds 100.")
    }

    @Test func aFolderOrADeviceIsRefusedWithoutReadingIt() throws {
        let folder = TemporaryFolder.make()
        let result = try runRebalancer([folder])
        #expect(result.status == 1)
        #expect(result.stderr.contains("This is a folder, not a workbook"))
        let device = try runRebalancer(["/dev/zero"])
        #expect(device.status == 1)
        #expect(device.stderr.contains("not a regular file"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try runRebalancer(["run"]).status == 2)
        #expect(try runRebalancer(["run", "book.xlsx", "--output", "plan.txt"]).status == 2)
        #expect(try runRebalancer(["run", "book.xlsx", "--as-of", "yesterday"]).status == 2)
    }

    @Test func errorsAsJSON() throws {
        let path = try book { $0[2].rows[2][3] = "-10" }
        let result = try runRebalancer(["run", path, "--json"])
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let errors = object?["errors"] as? [[String: Any]]
        #expect(errors?.first?["place"] as? String == "Lots!D3")
    }
}
