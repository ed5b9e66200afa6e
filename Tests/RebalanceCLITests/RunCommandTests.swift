import Foundation
import OutputChecks
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
        for problem in OutputInvariants.problems(output, portfolio) {
            Issue.record("seed \(seed): \(problem)")
        }
    }

    /// Generated book 3017: the PM sells TCZ lot 700009 in AC-00002 at a $10,211.79 long-term
    /// loss (422 TCZL shares bought 2025-07-26 replace it: $940.09 disallowed on the sale),
    /// then buys 97 TCZL, which disallows $216.09 more, added back to LT. The Tax Impact row
    /// shows it, so that Net LT reconciles from the row, and the invariants check it.
    @Test func aLossAddedBackByALaterManualBuyReconcilesInTaxImpact() throws {
        let (book, portfolio) = try generatedBook(seed: 3017)
        let result = try runRebalancer(["run", book, "--offline", "--output", TemporaryFolder.make() + "/plan.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try OutputBook(path: try #require(outputPath(in: result.stdout)))
        #expect(output.headers["Tax Impact"]?.suffix(4) == ["Disallowed Loss", "ST Added Back", "LT Added Back",
                                                           "Tax From Other Accounts"])
        let row = try #require(output.rows("Tax Impact").first { $0.text("Account") == "AC-00002" })
        let sold = try #require(output.rows("Lots Sold").first {
            $0.text("Account") == "AC-00002" && $0.text("Lot ID") == "700009" && $0.text("Phase") == "Manual"
        })
        #expect(sold.money("Disallowed Loss") == Money(decimal: "940.09"))
        #expect(row.money("LT Added Back") == Money(decimal: "216.09"))
        #expect(row.money("ST Added Back") == .zero)
        #expect(row.money("Disallowed Loss") == Money(decimal: "1156.18"))
        #expect(row.money("LT Losses") == Money(decimal: "12669.95"))
        #expect(row.money("Net LT") == Money(decimal: "-12453.86"))
        for problem in OutputInvariants.problems(output, portfolio) {
            Issue.record("seed 3017: \(problem)")
        }
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

    @Test("An --output name already taken is said when the workbook takes a numbered one; the price cache may not take it")
    func takenOutputNameIsSaid() throws {
        // A job mailing the name it gave mailed the earlier plan; a cache given the output's
        // name took it, and the workbook a numbered one (explore-CC).
        let folder = TemporaryFolder.make()
        let first = try runRebalancer(["run", sampleBook, "--offline", "--output", folder + "/plan.xlsx"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("already exists"), "\(first.stderr)")
        let second = try runRebalancer(["run", sampleBook, "--offline", "--output", folder + "/plan.xlsx"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("Note: \(folder)/plan.xlsx or its audit JSON already exists; the workbook is written "
            + "as \(folder)/plan (2).xlsx, never over an earlier file."), "\(second.stderr)")
        // A name differing only in its extension's capitals is no earlier file (explore-CF).
        let capitals = try runRebalancer(["run", sampleBook, "--offline", "--output", folder + "/other.XLSX"])
        #expect(capitals.status == 0 && !capitals.stderr.contains("already exists"), "\(capitals.stderr)")
        let cache = try runRebalancer(["run", sampleBook, "--offline", "--output", folder + "/next.xlsx",
                                       "--price-cache", folder + "/./next.xlsx"])
        #expect(cache.status == 2, "\(cache.stderr)")
        #expect(cache.stderr.contains("--price-cache and --output name the same file"), "\(cache.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/next.xlsx"))
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

    @Test("Costs per share under a bare Cost header are refused, named at the header; totals under it are read")
    func costsPerShareUnderCost() throws {
        // Read as totals, a PM's costs per share under `Cost` estimated $14,967.81 of tax where
        // the lots gave a saving, on a warning alone (explore-CB).
        let perShare = try book { sheets in
            sheets[2] = ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost", "Acquired"],
                                  ["ACC-1", "AAPL", "L1", 100, 150, .day(2024, 1, 15)],
                                  ["ACC-1", "AAPL", "L3", 20, 60, .day(2025, 1, 15)],
                                  ["ACC-1", "VTI", "L2", 40, 200, .day(2023, 6, 30)]])
        }
        try expectRefused(perShare, mentioning: "Lots!E1: The column \"Cost\" is read as Cost Basis, each lot's total cost, "
            + "but every one of its 3 lots of two shares or more holds under 2% of the lot's value, nearer one share's price "
            + "(lot L1 of AAPL in ACC-1: $150.00 for 100 shares worth $19,025.00): a cost per share. Name the column Unit Cost "
            + "if it is one, or Cost Basis if the figures are totals.")
        // Small lots held long are totals near one share's price, and beside a Unit Cost
        // column `Cost` is the total: both read (explore-CF: a 2016 custodial account's 4 AAPL
        // for $100 had been refused).
        let smallOld = try book { sheets in
            sheets[2] = ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost", "Acquired"],
                                  ["ACC-1", "AAPL", "L1", 4, 100, .day(2016, 1, 15)],
                                  ["ACC-1", "AAPL", "L3", 3, 90, .day(2016, 5, 15)],
                                  ["ACC-1", "VTI", "L2", 2, 210, .day(2016, 6, 30)]])
        }
        #expect(try runRebalancer([smallOld]).status == 0)
        // `Basis` and `Book Cost` say no more than `Cost` does (explore-EM); `Cost Basis` says a
        // total, and such figures under it are read with the warning.
        for header in ["Basis", "Book Cost"] {
            let underBasis = try book { sheets in
                sheets[2] = ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", .text(header), "Acquired"],
                                      ["ACC-1", "AAPL", "L1", 100, 150, .day(2024, 1, 15)],
                                      ["ACC-1", "AAPL", "L3", 20, 60, .day(2025, 1, 15)],
                                      ["ACC-1", "VTI", "L2", 40, 200, .day(2023, 6, 30)]])
            }
            try expectRefused(underBasis, mentioning: "Lots!E1: The column \"\(header)\" is read as Cost Basis, each lot's total cost, "
                + "but every one of its 3 lots of two shares or more holds under 2% of the lot's value")
        }
        let underCostBasis = try book { sheets in
            sheets[2] = ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                                  ["ACC-1", "AAPL", "L1", 100, 150, .day(2024, 1, 15)],
                                  ["ACC-1", "AAPL", "L3", 20, 60, .day(2025, 1, 15)],
                                  ["ACC-1", "VTI", "L2", 40, 200, .day(2023, 6, 30)]])
        }
        let costBasis = try runRebalancer([underCostBasis])
        #expect(costBasis.status == 0, "\(costBasis.stderr)")
        #expect(costBasis.stdout.contains("3 of 3 lots have a cost basis under 2% of their market value"), "\(costBasis.stdout)")
        let withUnitCost = try book { sheets in
            sheets[2] = ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost", "Cost/Share", "Acquired"],
                                  ["ACC-1", "AAPL", "L1", 100, 150, 1.5, .day(2014, 1, 15)],
                                  ["ACC-1", "AAPL", "L3", 20, 175.5, 8.775, .day(2014, 1, 15)],
                                  ["ACC-1", "VTI", "L2", 40, 200, 5, .day(2013, 6, 30)]])
        }
        let unitCost = try runRebalancer([withUnitCost])
        #expect(!unitCost.stderr.contains("a cost per share. Name the column"), "\(unitCost.stderr)")
        let totals = try book { sheets in
            sheets[2] = ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost", "Acquired"],
                                  ["ACC-1", "AAPL", "L1", 100, 15000, .day(2024, 1, 15)],
                                  ["ACC-1", "AAPL", "L3", 20, 3510, .day(2025, 1, 15)],
                                  ["ACC-1", "VTI", "L2", 40, 8000, .day(2023, 6, 30)]])
        }
        let result = try runRebalancer([totals])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aValidSmallBookRuns() throws {
        let result = try runRebalancer([try book { _ in }])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A manual buy in the IRA disallows a quarter of the taxable account's $1,000 loss sold
    /// on 5 November: $250 added back short-term, at 40.8% $102.00 of tax in the taxable
    /// account, which has no trade of its own. Tax From Other Accounts says so, and the Est
    /// Tax of each account's trades and it add up to the account's Tax Impact.
    @Test func taxAddedByAnotherAccountsBuyIsNamedOnTaxImpact() throws {
        let path = try XLSXFixture.contractBook([
            ("Settings", [["Setting", "Value"], ["As Of Date", .day(2026, 11, 20)], ["Harvest Losses", "No"]]),
            ("Accounts", [["Account", "Household", "Type", "Cash", "Realized ST YTD"],
                          ["G-TAX", "HG", "Taxable", 0, 2000], ["G-IRA", "HG", "IRA", 5000, 0]]),
            ("Lots", [["Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"],
                      ["G-TAX", "M", "T1", 100, 10000, .day(2020, 1, 2)], ["G-IRA", "M", "I1", 50, 5000, .day(2020, 1, 2)]]),
            ("Model", [["Symbol", "Target", "Band"], ["M", 0.99, 0.05]]),
            ("Prices", [["Symbol", "Price"], ["GOOG", 100], ["GOOGL", 100], ["M", 100]]),
            ("Securities", [["Symbol", "Identical Group"], ["GOOG", "Alphabet"], ["GOOGL", "Alphabet"]]),
            ("Transactions", [["Account", "Date", "Symbol", "Side", "Quantity", "Price", "Realized Gain"],
                              ["G-TAX", .day(2026, 11, 5), "GOOG", "Sell", 100, 90, -1000]]),
            ("Manual Trades", [["Account", "Symbol", "Side", "Quantity"], ["G-IRA", "GOOGL", "Buy", 25]]),
        ]).write(named: "Book.xlsx")
        let result = try runRebalancer(["run", path, "--offline", "--output", TemporaryFolder.make() + "/plan.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try OutputBook(path: try #require(outputPath(in: result.stdout)))
        let taxable = try #require(output.rows("Tax Impact").first { $0.text("Account") == "G-TAX" })
        #expect(taxable.money("Tax Before") == Money(decimal: "816.00"))
        #expect(taxable.money("Tax Impact") == Money(decimal: "102.00"))
        #expect(taxable.money("ST Added Back") == Money(decimal: "250.00"))
        #expect(taxable.money("Tax From Other Accounts") == Money(decimal: "102.00"))
        for account in ["G-TAX", "G-IRA"] {
            let row = try #require(output.rows("Tax Impact").first { $0.text("Account") == account })
            let estimated = output.rows("Trades").filter { $0.text("Account") == account }
                .reduce(Money.zero) { $0 + $1.money("Est Tax") }
            #expect(estimated + row.money("Tax From Other Accounts") == row.money("Tax Impact"), "\(account)")
        }
    }

    @Test func warningsArePrintedWithTheirPlace() throws {
        let path = try book { sheets in
            sheets[1].rows[0].append("Household Group")
            sheets[1].rows[1].append("CHEN")
            sheets[1].rows[0].append("Cash Reserve Note")
            sheets[1].rows[1].append("keep")
        }
        let result = try runRebalancer(["run", path, "--output", TemporaryFolder.make() + "/plan.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Exceptions: 0 Needs Approval, 2 Warning"), "\(result.stdout)")
        #expect(result.stdout.contains("\n  Warning: Accounts!D1: The column \"Household Group\" is not one the tool reads; it is "
            + "ignored. If it holds the Household, rename it Household to have it read.\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\n  Warning: Accounts!E1: The column \"Cash Reserve Note\" is not one the tool reads; "
            + "it is ignored. If it holds the Cash Target, rename it Cash Target to have it read.\n"), "\(result.stdout)")
    }

    @Test func aSheetHoldingAnUnreadTableIsRefused() throws {
        try expectRefused(try book { sheets in
            sheets.append(("Orders", [["Account", "Symbol", "Side", "Quantity"], ["ACC-1", "VTI", "Sell", 10]]))
        }, mentioning: "Orders: This sheet holds a Manual Trades table (Symbol, Side, Quantity or Amount) but is not read:")
    }

    @Test func aMissingSheetIsRefused() throws {
        try expectRefused(try book { $0.removeAll { $0.name == "Model" } }, mentioning: "The workbook has no Model sheet")
    }

    @Test func aBadCellIsRefusedWithItsPlace() throws {
        let path = try book { $0[2].rows[2][3] = "-10" }
        try expectRefused(path, mentioning: "Lots!D3: ")
    }

    @Test func aCellLongerThanExcelAllowsIsRefusedWithItsPlace() throws {
        let symbol = String(repeating: "A", count: 40_000)
        let path = try book { $0[2].rows[2][1] = .text(symbol) }
        try expectRefused(path, mentioning: "Lots!B3: The cell holds 40000 characters; a cell holds at most 32767")
    }

    @Test func anAccountNumberLongerThanANameCanBeIsRefusedWithItsPlace() throws {
        let id = String(repeating: "7", count: 1_001)
        let path = try book { sheets in
            sheets[1].rows[1][0] = .text(id)
            for row in 1..<sheets[2].rows.count { sheets[2].rows[row][0] = .text(id) }
        }
        try expectRefused(path, mentioning: "Accounts!A2: Account is 1001 characters long; a name the tool matches "
            + "and writes in every row is at most 1000.")
    }

    @Test func cashWithDigitsTooManyIsRefusedNotPlannedIntoAnOverflow() throws {
        // Nine thousand million million dollars of cash once crashed the run while buying.
        let path = try book { $0[1].rows[1][2] = 9_000_000_000_000_000 }
        try expectRefused(path, mentioning: "the largest is ACC-1's Cash, $9,000,000,000,000,000.00. A digit too many?")
    }

    @Test func anOverlongColumnNameIsQuotedInPartAndTheBookRuns() throws {
        let header = String(repeating: "N", count: 40_000)
        let path = try book { $0[1].rows[0].append(.text(header)) }
        let output = TemporaryFolder.make() + "/plan.xlsx"
        let result = try runRebalancer(["run", path, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let note = try OutputBook(path: output).rows("Exceptions").first { $0.text("Where") == "Accounts!D1" }
        #expect(note?.text("Message")
            == "The column \"\(String(repeating: "N", count: 60))… (40000 characters)\" is not one the tool reads; it is ignored.")
    }

    @Test func controlCharactersInABookArePrintedSpelledOut() throws {
        // `_x001B_` is how a workbook holds the escape character: an account named so must not
        // send its escape sequence (here, one that retitles the terminal) to the PM's terminal.
        let id = "ACC_x001B_]0;owned_x0007_-1"
        let path = try book { sheets in
            sheets[1].rows[1][0] = .text(id)
            for row in 1..<sheets[2].rows.count { sheets[2].rows[row][0] = .text(id) }
        }
        // Since stop 44 such a name is refused at its cell, and the refusal prints no control character either.
        let result = try runRebalancer(["run", path, "--output", TemporaryFolder.make() + "/plan.xlsx"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("Accounts!A2: Account holds a control character (U+001B), which no name has and the "
            + "CIO workbook cannot show; write it without."), "\(result.stderr)")
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let refused = try book { sheets in
            sheets[1].rows[1][0] = .text(id)
            sheets[2].rows[1][0] = .text(id)
            sheets[2].rows[2][0] = .text("ACC-\u{202E}9")
        }
        let errors = try runRebalancer([refused]).stderr
        #expect(errors.contains("The account \"ACC-<U+202E>9\" is not on the Accounts sheet."), "\(errors)")
    }

    @Test func aColumnOfBadCellsPrintsTenAndCountsTheRestWithoutHidingAnotherError() throws {
        // 30 lots dated in words, then one quantity in words on the last row: every error
        // used to be printed in the order found, so a column of them buried the other one.
        let path = try book { sheets in
            for number in 3...32 { sheets[2].rows.append(["ACC-1", "VTI", .text("L\(number)"), 1, 100, "soon"]) }
            sheets[2].rows.append(["ACC-1", "VTI", "L33", "some", 100, .day(2023, 6, 30)])
        }
        let result = try runRebalancer([path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("Lots!F") }.count == 10, "\(result.stderr)")
        #expect(lines.first == "Lots!F4: Acquired: Expected a date (2026-03-15, 03/15/2026 or Mar-15-2026), found \"soon\".")
        #expect(lines.contains { $0.hasPrefix("Lots!D34: Quantity") }, "\(result.stderr)")
        #expect(lines.suffix(2) == ["20 more error(s) not shown above (`--json` lists every one):",
                                    "  Lots!F: 20 more in rows 14 to 33, beside the 10 above."], "\(result.stderr)")
        // The JSON a script reads still lists all 31.
        let json = try runRebalancer(["run", path, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["errors"] as? [Any])?.count == 31, "\(json.stdout.prefix(500))")
    }

    @Test func aQuantityTooSmallOrTooLargeToCountIsRefusedSayingWhich() throws {
        try expectRefused(try book { $0[2].rows[1][3] = 0.0000001 },
                          mentioning: "Lots!D2: Quantity is less than the millionth of a share the tool counts to, found \"1e-07\".")
        try expectRefused(try book { $0[2].rows[1][3] = 1e14 },
                          mentioning: "Lots!D2: Quantity is too large to be a number of shares, found \"100000000000000\".")
    }

    @Test func aMissingPriceIsRefused() throws {
        try expectRefused(try book { $0[4].rows.removeLast() }, mentioning: "VTI")
    }

    @Test func inspectReportsAMissingPriceFromTheWorkbooksOwnChain() throws {
        let path = try book { $0[4].rows.removeLast() }
        let result = try runRebalancer(["inspect", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Error: ") && result.stdout.contains("VTI"))
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
        try expectRefused(path, mentioning: "Manual Trades!D2: This sells 500 AAPL in ACC-1, which holds 100.")
    }

    @Test func aFolderOrADeviceIsRefusedWithoutReadingIt() throws {
        let folder = TemporaryFolder.make()
        let result = try runRebalancer([folder])
        #expect(result.status == 1)
        #expect(result.stderr.contains("This is a folder, not a workbook"))
        // A device's path is refused before anything is opened: written beside it, the output
        // went into /dev (`/dev/stdin` redirected from a book).
        for path in ["/dev/zero", "/dev/stdin", "/proc/self/fd/0"] {
            let device = try runRebalancer([path])
            #expect(device.status == 2)
            #expect(device.stderr.contains("The workbook must be given by its own path, not \"\(path)\"."))
        }
    }

    @Test func aNamedPipeGivenAsTheWorkbookIsRefusedAtOnce() throws {
        // Opened to be hashed before it was read, a FIFO made the run wait for a writer for
        // ever, and a TERM did not end it there. The run is bounded here (`timeout -s KILL`,
        // status 137 when it waits), so that the test fails rather than hangs.
        let fifo = TemporaryFolder.make() + "/book.xlsx"
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try runBuilt("rebalancer", ["run", fifo, "--offline"], under: ["/usr/bin/timeout", "-s", "KILL", "20"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("This is not a regular file (a device, pipe or socket)"), "\(result.stderr)")
    }

    @Test func temporaryFilesGoWhereTMPDIRSays() throws {
        // They went to /tmp whatever TMPDIR said, and a full /tmp was said to be the output's
        // fault (explore-AP).
        let folder = TemporaryFolder.make()
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = folder + "/missing"
        let missing = try runBuilt("rebalancer", ["run", sampleBook, "--offline", "--output", folder + "/out.xlsx"],
                                   environment: environment)
        #expect(missing.status == 4, "\(missing.stderr)")
        #expect(missing.stderr.contains("starting a temporary file for a sheet in \(folder)/missing (TMPDIR)"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.xlsx"))
        environment["TMPDIR"] = folder
        let given = try runBuilt("rebalancer", ["run", sampleBook, "--offline", "--output", folder + "/out.xlsx"],
                                 environment: environment)
        #expect(given.status == 0, "\(given.stderr)")
        // Nothing is left behind in it but the output and its audit.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["out.audit.json", "out.xlsx"])
    }

    @Test("Outputs get a document's mode as the user's umask allows", arguments: [("077", 0o600), ("022", 0o644), ("002", 0o664)])
    func outputsFollowTheUmask(umask: String, mode: Int) throws {
        // Every output was made rw-r--r--, readable by every user of a shared server, whatever
        // the umask said (explore-CC).
        let folder = TemporaryFolder.make()
        let result = try runBuilt("rebalancer", ["run", sampleBook, "--offline", "--output", folder + "/out.xlsx"],
                                  under: ["/bin/sh", "-c", "umask \(umask); exec \"$0\" \"$@\""])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["out.xlsx", "out.audit.json"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            #expect((attributes[.posixPermissions] as? Int) == mode, "\(name)")
        }
    }

    /// Runs a system command; whether it succeeded.
    static func system(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A folder holding a copy of the sample book that the tool cannot write to: read-only to
    /// a user, and for root (whom a folder's mode does not stop) a read-only mount. Nil where
    /// it cannot be made; `restore` makes the folder writable again, or unmounts it.
    static func readOnlyFolderWithBook() -> (folder: String, book: String, restore: () -> Void)? {
        let folder = TemporaryFolder.make() + "/shared"
        guard mkdir(folder, 0o755) == 0 else { return nil }
        let book = folder + "/Household Portfolio.xlsx"
        if geteuid() != 0 {
            guard (try? FileManager.default.copyItem(atPath: sampleBook, toPath: book)) != nil,
                  chmod(folder, 0o555) == 0 else { return nil }
            return (folder, book, { _ = chmod(folder, 0o755) })
        }
        guard system(["/bin/mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", folder]) else { return nil }
        let unmount = { _ = system(["/bin/umount", folder]) }
        guard (try? FileManager.default.copyItem(atPath: sampleBook, toPath: book)) != nil,
              system(["/bin/mount", "-o", "remount,ro", folder]) else {
            unmount()
            return nil
        }
        return (folder, book, unmount)
    }

    /// Whether such a folder can be made here: a user can always; root where a file system
    /// may be mounted (a container may forbid it).
    static let mayMakeReadOnlyFolder: Bool = {
        guard geteuid() == 0 else { return true }
        let probe = TemporaryFolder.make()
        defer { _ = system(["/bin/umount", probe]) }
        return system(["/bin/mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", probe])
    }()

    @Test("A folder the outputs cannot be written to is refused before the book is read",
          .enabled(if: RunCommandTests.mayMakeReadOnlyFolder, "a read-only folder cannot be made on this machine"))
    func unwritableOutputFolderIsRefusedFirst() throws {
        // Found only when the plan was written, 13 s into a large book (explore-CC).
        let shared = try #require(Self.readOnlyFolderWithBook())
        defer { shared.restore() }
        let beside = try runRebalancer(["run", shared.book, "--offline"])
        #expect(beside.status == 2, "\(beside.stderr)")
        #expect(beside.stderr.contains("The outputs are written beside the workbook, in \"\(shared.folder)\", which "), "\(beside.stderr)")
        #expect(beside.stderr.contains(": name a file in another folder with --output."), "\(beside.stderr)")
        #expect(!beside.stderr.contains("Read "), "\(beside.stderr)")
        let named = try runRebalancer(["run", sampleBook, "--offline", "--output", shared.folder + "/out.xlsx"])
        #expect(named.status == 2, "\(named.stderr)")
        #expect(named.stderr.contains("--output names a file in \"\(shared.folder)\", which "), "\(named.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared.folder) == ["Household Portfolio.xlsx"])
    }

    @Test func aWorkbookOpenInASpreadsheetProgramIsWarnedOf() throws {
        // Edits not yet saved in Excel are not in the file the tool reads (explore-AP).
        let folder = TemporaryFolder.make()
        let book = folder + "/Household Portfolio.xlsx"
        try FileManager.default.copyItem(atPath: sampleBook, toPath: book)
        let closed = try runRebalancer(["run", book, "--offline", "--output", folder + "/closed.xlsx"])
        #expect(closed.status == 0)
        #expect(!closed.stdout.contains("lock file"))
        #expect(FileManager.default.createFile(atPath: folder + "/~$usehold Portfolio.xlsx", contents: Data()))
        let open = try runRebalancer(["run", book, "--offline", "--output", folder + "/open.xlsx"])
        #expect(open.status == 0)
        #expect(open.stdout.contains("Warning: Household Portfolio.xlsx: The workbook is open in a spreadsheet program (its lock "
            + "file ~$usehold Portfolio.xlsx is beside it): changes not yet saved there are not in this plan."), "\(open.stdout)")
    }

    @Test func aWorkbookNamedLikeAnOptionIsPlanned() throws {
        // `-dash.xlsx` read as options held `-h`: the help was printed, exit 0, nothing planned.
        let folder = TemporaryFolder.make()
        try FileManager.default.copyItem(atPath: sampleBook, toPath: folder + "/-dash.xlsx")
        let result = try runBuilt("rebalancer", ["-dash.xlsx", "--offline"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Rebalanced -dash.xlsx as of"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: folder + "/-dash - Rebalance 2026-11-20.xlsx"))
    }

    @Test func aSummaryThatCannotBePrintedEndsTheRunAsOutputUnwritten() throws {
        // `--json > /dev/full` exited 0 with the summary lost (explore-AP).
        let folder = TemporaryFolder.make()
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rebalancer").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: binary)
            ? binary : FileManager.default.currentDirectoryPath + "/.build/debug/rebalancer")
        process.arguments = ["run", sampleBook, "--offline", "--json", "--output", folder + "/out.xlsx"]
        process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 4, "\(message)")
        #expect(message.hasPrefix("The summary could not be printed to standard output (No space left on device); the workbook "
            + "and audit are written: \(folder)/out.xlsx and \(folder)/out.audit.json."), "\(message)")
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try runRebalancer(["run"]).status == 2)
        #expect(try runRebalancer(["run", "book.xlsx", "--output", "plan.txt"]).status == 2)
        #expect(try runRebalancer(["run", "book.xlsx", "--as-of", "yesterday"]).status == 2)
        // An output folder that does not exist is said before the book is read (explore-BJ).
        let nowhere = try runRebalancer(["run", sampleBook, "--offline", "--output", "/nonexistent-folder-50/out.xlsx"])
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("--output names a file in \"/nonexistent-folder-50\", which is not a folder that exists."),
                "\(nowhere.stderr)")
        // Under a millisecond, libcurl would read the timeout as none.
        let instant = try runRebalancer(["run", "book.xlsx", "--price-timeout", "0.0005"])
        #expect(instant.status == 2)
        #expect(instant.stderr.contains("must be from 0.001 to 600 seconds"), "\(instant.stderr)")
        let typo = try runRebalancer(["help", "rnu"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("no command \"rnu\""))
        let help = try runRebalancer(["help", "run"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--as-of"))
    }

    @Test("A failed check of the tool's own work (SIGILL, SIGTRAP) ends it with status 3 and a sentence, not a trap")
    func internalFaultExitsThree() throws {
        // `inspect --cells` of a long sheet writes more than a pipe holds: unread, the process
        // waits on its output, with its handlers installed, when the signal comes.
        let rows: [[FixtureCell]] = [["Symbol", "Quantity"]] + (1...20_000).map { [FixtureCell.text("SYM\($0)"), .number(Double($0))] }
        let path = try XLSXFixture.contractBook([("Lots", rows)]).write(named: "Long.xlsx")
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rebalancer").path
        let executable = FileManager.default.isExecutableFile(atPath: binary) ? binary : FileManager.default.currentDirectoryPath + "/.build/debug/rebalancer"
        for signalNumber in [SIGILL, SIGTRAP] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["inspect", path, "--cells", "all"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let first = out.fileHandleForReading.readData(ofLength: 64)
            #expect(first.count == 64)
            kill(process.processIdentifier, signalNumber)
            _ = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 3)
            #expect(stderr.contains("stopped on a check of its own work that failed (a bug in the tool, not in the workbook); "
                + "no output was written."))
        }
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
