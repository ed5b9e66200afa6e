import RebalanceEngine
import Testing
@testable import WorkbookIO
import XLSXTestSupport

/// The sheets the tests of this file share, and how they read a book.
private enum Book {
    static func read(_ sheets: [(name: String, rows: [[FixtureCell]])]) throws -> PortfolioReading {
        try readPriced(path: try XLSXFixture.contractBook(sheets).write(), today: Household.today)
    }

    static let asOf: (name: String, rows: [[FixtureCell]]) =
        ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]])
    static let model: (name: String, rows: [[FixtureCell]]) =
        ("Model", [["Symbol", "Target"], ["AAPL", 0.5], ["MSFT", 0.4]])
    static let prices: (name: String, rows: [[FixtureCell]]) =
        ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], ["MSFT", 400, .day(2026, 11, 20)]])
    /// A Lots header without an Account column.
    static let header: [FixtureCell] = ["Symbol", "Quantity", "Cost Basis", "Acquired"]
}

/// A custodian's export of several accounts pasted as one sheet: each account's rows under a
/// repeat of the header, below a title row naming the account.
@Suite("Sheets laid out in blocks, one per account")
struct BlockLayoutTests {
    private static let accounts: (name: String, rows: [[FixtureCell]]) =
        ("Accounts", [["Account", "Name", "Cash"], ["11110123", "Individual", 500], ["22225678", "Smith Roth", 0],
                      ["33339999", "Joint", 0]])

    /// Schwab's layout: a title over everything, then each account's block with its masked
    /// number above the header, an Account Total row and a blank row after it.
    private static let schwabLots: (name: String, rows: [[FixtureCell]]) = ("Lots", [
        ["Positions for All-Accounts as of 11/20/2026"], [],
        ["Individual ...123"], Book.header,
        ["AAPL", 10, 1500, .day(2020, 1, 2)], ["MSFT", 5, 1000, .day(2021, 3, 4)],
        ["Account Total", nil, 2500], [],
        ["Smith Roth"], Book.header,
        ["AAPL", 3, 600, .day(2025, 6, 1)],
        ["Account Total", nil, 600], [],
        ["Account: 33339999"], Book.header,
        ["MSFT", 2, 700, .day(2024, 2, 2)],
    ])

    @Test("A second table stacked below the first under a title naming no account is refused, though its rows name theirs")
    func stackedSecondTable() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        let lots: (name: String, rows: [[FixtureCell]]) = ("Lots", [
            header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)], [],
            ["Closed lots (sold in 2026)"], header, ["11110123", "MSFT", 50, 4000, .day(2016, 1, 4)],
        ])
        let reading = try Book.read([Book.asOf, Self.accounts, lots, Book.model, Book.prices])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!A4: \"Closed lots (sold in 2026)\" titles a second table below the first, under a repeat of its header "
                + "(row 5), and its word \"closed\" says its rows are not the Lots sheet's to plan: move that table to a sheet of "
                + "its own, or, if its rows belong here, delete the title and the repeated header.",
        ])
        // Titled with its account, the block is that account's, as before.
        var named = lots
        named.rows[3] = ["Smith Roth"]
        named.rows[5] = ["22225678", "MSFT", 50, 4000, .day(2016, 1, 4)]
        let read = try Book.read([Book.asOf, Self.accounts, named, Book.model, Book.prices])
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(read.portfolio?.lots.map(\.account) == ["11110123", "22225678"])
    }

    @Test("A block title naming one account above rows whose Account column names another is refused, once a block")
    func titleAgainstAccountColumn() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        func lots(_ second: FixtureCell) -> (name: String, rows: [[FixtureCell]]) {
            ("Lots", [
                ["Lot Details for Individual ...123 as of 11/20/2026"], header,
                ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)], [],
                ["Lot Details for Roth ...5678 as of 11/20/2026"], header,
                [second, "MSFT", 5, 1000, .day(2021, 3, 4)], [second, "AAPL", 3, 600, .day(2025, 6, 1)],
            ])
        }
        // The Individual account's number filled down into the Roth's block.
        let reading = try Book.read([Book.asOf, Self.accounts, lots("11110123"), Book.model, Book.prices])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!A7: This row's account is 11110123, and the title of its block, \"Lot Details for Roth ...5678 as of "
                + "11/20/2026\" (Lots!A5), names 22225678 (by the last digits of the account's number, 5678): correct the "
                + "Account column or the title, whichever is wrong.",
        ])
        // Column and titles agreeing: read as before.
        let agreeing = try Book.read([Book.asOf, Self.accounts, lots("22225678"), Book.model, Book.prices])
        #expect(agreeing.errors.isEmpty, "\(agreeing.errors)")
        #expect(agreeing.portfolio?.lots.map(\.account) == ["11110123", "22225678", "22225678"])
    }

    @Test("A title of several lines, one under another, names its account on any of them")
    func titlesOfSeveralLines() throws {
        let lots: (name: String, rows: [[FixtureCell]]) = ("Lots", [
            ["POSITIONS BY TAX LOT"], [],
            ["Account Number: 11110123"], ["Account Name: SMITH INDIVIDUAL"], ["As of: 11/20/2026"], [],
            Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)], [],
            ["Account Number: 22225678"], ["Account Name: SMITH ROTH"], ["As of: 11/20/2026"], [],
            Book.header, ["MSFT", 2, 700, .day(2024, 2, 2)],
        ])
        let reading = try Book.read([Book.asOf, Self.accounts, lots, Book.model, Book.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.account) == ["11110123", "22225678"])
        #expect(reading.diagnostics.map(\.description).contains("Lots!A10: The rows under \"Account Number: 22225678 Account "
            + "Name: SMITH ROTH As of: 11/20/2026\", to the next repeat of the header, are account 22225678's: the title gives "
            + "the account's ID."))
    }

    @Test("A stacked block whose title says its lots are sold or an old copy is refused, though it names an account")
    func stackedClosedLotsOfAnAccount() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        // Read as the IRA's held lots, 50 shares were sold again (explore-BP).
        let reading = try Book.read([Book.asOf, Self.accounts, ("Lots", [
            header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)], [],
            ["22225678 closed lots (sold 10/15)"], header, ["22225678", "MSFT", 50, 4000, .day(2016, 1, 4)],
        ]), Book.model, Book.prices])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!A4: \"22225678 closed lots (sold 10/15)\" titles a second table below the first, under a repeat of its header "
                + "(row 5), and its word \"closed\" says its rows are not the Lots sheet's to plan: move that table to a sheet of "
                + "its own, or, if its rows belong here, delete the title and the repeated header.",
        ])
    }

    @Test("A block title whose digits are one account's and whose name is another's is refused, naming both")
    func titleOfTwoAccounts() throws {
        func reading(_ title: FixtureCell) throws -> PortfolioReading {
            try Book.read([Book.asOf, Self.accounts, ("Lots", [
                [title], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)], [],
                ["Joint ...999"], Book.header, ["MSFT", 2, 700, .day(2024, 2, 2)],
            ]), Book.model, Book.prices])
        }
        // Taxable or not changes every tax figure: the digits had won with an Info line (explore-BM).
        let both = try reading("Smith Roth ...123")
        #expect(both.errors.map(\.description) == [
            "Lots!A1: The block title \"Smith Roth ...123\" could be any of the accounts 11110123, 22225678: write the one "
                + "account's ID in full.",
        ])
        // A name the digits' own account's name holds is no other account's.
        let own = try reading("Individual ...123")
        #expect(own.errors.isEmpty, "\(own.errors)")
        #expect(own.portfolio?.lots.map(\.account) == ["11110123", "33339999"])
    }

    @Test("A repeat of the header with no title above it is read on, with a warning once a sheet")
    func untitledRepeatIsWarnedOf() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        let reading = try Book.read([Book.asOf, Self.accounts, ("Lots", [
            header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)], [], [],
            header, ["11110123", "MSFT", 5, 1000, .day(2021, 3, 4)], [],
            header, ["22225678", "MSFT", 2, 700, .day(2024, 2, 2)],
        ]), Book.model, Book.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.symbol) == ["AAPL", "MSFT", "MSFT"])
        // A closed-lot table pasted under the lots had been planned as held, unsaid (explore-BO).
        #expect(reading.warnings.map(\.description).filter { $0.contains("repeats the header row") } == [
            "Lots!row 5: This row repeats the header row (row 1) with no title above it: the rows below are read as more rows "
                + "of this Lots table. If they are another table (closed lots, an older copy), move them to a sheet of their own.",
        ])
    }

    /// A one-account book needs no Account column; a page break's repeat of the header had
    /// asked for titles naming the account (explore-BT: refused).
    @Test("In a one-account book a header repeated with no title and no Account column is read on")
    func oneAccountRepeatNeedsNoTitle() throws {
        let header: [FixtureCell] = ["Symbol", "Quantity", "Cost Basis", "Acquired"]
        for accounts in [[("Accounts", [["Account", "Type"], ["A-TAX", "Taxable"]])] as [(name: String, rows: [[FixtureCell]])], []] {
            let reading = try Book.read([Book.asOf] + accounts + [("Lots", [
                header, ["AAPL", 10, 1500, .day(2020, 1, 2)], header, ["MSFT", 5, 1000, .day(2021, 3, 4)],
            ]), Book.model, Book.prices])
            #expect(reading.errors.isEmpty, "\(reading.errors)")
            #expect(reading.portfolio?.lots.map(\.symbol) == ["AAPL", "MSFT"])
            #expect(Set(reading.portfolio?.lots.map(\.account) ?? []).count == 1)
        }
    }

    @Test("Each block's rows are the account its title names: by masked digits, by name or by ID")
    func accountsFromTitles() throws {
        let reading = try Book.read([Book.asOf, Self.accounts, Self.schwabLots, Book.model, Book.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let lots = try #require(reading.portfolio?.lots)
        #expect(lots.map(\.account) == ["11110123", "11110123", "22225678", "33339999"])
        #expect(lots.map(\.symbol) == ["AAPL", "MSFT", "AAPL", "MSFT"])
        #expect(lots.map(\.quantity) == [10, 5, 3, 2].map { Quantity(shares: $0) })
        let infos = reading.diagnostics.filter { $0.severity == .info }.map(\.description)
        #expect(infos.contains("Lots!A3: The rows under \"Individual ...123\", to the next repeat of the header, are "
            + "account 11110123's: the title gives the last digits of the account's number, 123."))
        #expect(infos.contains("Lots!A9: The rows under \"Smith Roth\", to the next repeat of the header, are "
            + "account 22225678's: the title gives the account's name."))
        #expect(infos.contains("Lots!A14: The rows under \"Account: 33339999\", to the next repeat of the header, are "
            + "account 33339999's: the title gives the account's ID."))
        #expect(infos.contains("Lots!row 10: Skipped: a repeat of the header row (row 4), above another block."))
        #expect(infos.contains("Lots!row 14: Skipped: the title of the block below."))
    }

    @Test("Without an Accounts sheet, each title less its label is an account")
    func accountsFromTitlesAlone() throws {
        let reading = try Book.read([Book.asOf, ("Lots", [
            ["Account: 1234-5678"], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)],
            [], ["Account Number: 9999-0001"], Book.header, ["MSFT", 1, 300, .day(2020, 1, 2)],
        ]), Book.model, Book.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let portfolio = try #require(reading.portfolio)
        #expect(portfolio.lots.map(\.account) == ["1234-5678", "9999-0001"])
        #expect(portfolio.accounts.map(\.id) == ["1234-5678", "9999-0001"])
    }

    @Test("A title matching no account, or two, is an error naming its cell; the sheet is not read as one account")
    func unmatchedTitles() throws {
        let reading = try Book.read([Book.asOf, Self.accounts, ("Lots", [
            ["Trust ...4444"], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)],
            [], ["Rollover ...9"], Book.header, ["MSFT", 1, 300, .day(2020, 1, 2)],
            [], ["IRA xxxx"], Book.header, ["MSFT", 1, 300, .day(2020, 1, 2)],
        ]), Book.model, Book.prices])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!A1: The block title \"Trust ...4444\" names no account of the Accounts sheet by its ID, its name or "
                + "the last digits of its number: write the account's ID in the title, or each row's account in an "
                + "Account column.",
            // One digit is too few to tell an account by.
            "Lots!A5: The block title \"Rollover ...9\" names no account of the Accounts sheet by its ID, its name or "
                + "the last digits of its number: write the account's ID in the title, or each row's account in an "
                + "Account column.",
            "Lots!A9: The block title \"IRA xxxx\" names no account of the Accounts sheet by its ID, its name or the "
                + "last digits of its number: write the account's ID in the title, or each row's account in an "
                + "Account column.",
        ])
        let ambiguous = try Book.read([Book.asOf,
            ("Accounts", [["Account", "Cash"], ["A-10123", 0], ["B-20123", 0]]),
            ("Lots", [["Joint ...123"], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)],
                      [], ["B-20123"], Book.header, ["MSFT", 1, 300, .day(2020, 1, 2)]]),
            Book.model, Book.prices])
        #expect(ambiguous.errors.map(\.description) == [
            "Lots!A1: The block title \"Joint ...123\" could be any of the accounts A-10123, B-20123: write the one "
                + "account's ID in full.",
        ])
    }

    @Test("A block with no title, in a book of several accounts, is named once at its header")
    func untitledBlock() throws {
        let reading = try Book.read([Book.asOf, Self.accounts, ("Lots", [
            ["Individual ...123"], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)],
            ["MSFT", 1, 300, .day(2020, 1, 2)], [], Book.header, ["MSFT", 1, 300, .day(2020, 1, 2)],
            ["AAPL", 1, 300, .day(2020, 1, 2)],
        ]), Book.model, Book.prices])
        // Row 4 holds a symbol and numbers: not a title, so row 6 starts a block without one.
        #expect(reading.errors.map(\.description) == [
            "Lots!row 6: The rows under this header have no Account column and no title row above naming their "
                + "account: put a title naming the account above the header, or each row's account in an Account column.",
        ])
    }

    @Test("With an Account column, repeats of the header and the titles above them are set aside")
    func blocksWithAccountColumn() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        let reading = try Book.read([Book.asOf, Self.accounts, ("Lots", [
            ["Individual"], header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)],
            [], ["Joint"], header, ["33339999", "MSFT", 1, 300, .day(2020, 1, 2)],
        ]), Book.model, Book.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.account) == ["11110123", "33339999"])
    }

    @Test("A one-account export's title names the account among several; a sheet title in a one-account book is ignored")
    func singleBlock() throws {
        let one = try Book.read([Book.asOf, Self.accounts, ("Lots", [
            ["Smith Roth XXXX-5678"], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)],
        ]), Book.model, Book.prices])
        #expect(one.errors.isEmpty, "\(one.errors)")
        #expect(one.portfolio?.lots.map(\.account) == ["22225678"])
        let titled = try Book.read([Book.asOf, ("Accounts", [["Account", "Cash"], ["A", 0]]), ("Lots", [
            ["Tax lots as of 11/20/2026"], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)],
        ]), Book.model, Book.prices])
        #expect(titled.errors.isEmpty, "\(titled.errors)")
        #expect(titled.portfolio?.lots.map(\.account) == ["A"])
    }

    @Test("Transactions in blocks take their account from the title, and open its windows")
    func transactionsInBlocks() throws {
        let header: [FixtureCell] = ["Date", "Symbol", "Side", "Quantity", "Realized Gain"]
        let reading = try Book.read([Book.asOf, Self.accounts, ("Lots", [
            ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
            ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)],
        ]), ("Transactions", [
            ["Individual ...123"], header, [.day(2026, 11, 2), "MSFT", "Sell", 1, -50],
            [], ["Joint ...999"], header, [.day(2026, 11, 3), "AAPL", "Buy", 2, nil],
        ]), Book.model, Book.prices])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let transactions = try #require(reading.portfolio?.transactions)
        #expect(transactions.map(\.account) == ["11110123", "33339999"])
        #expect(transactions.map(\.symbol) == ["MSFT", "AAPL"])
    }

    @Test("A sheet whose rows name no account is still refused at a repeat of its header")
    func modelInBlocks() throws {
        let reading = try Book.read([Book.asOf, Self.accounts, ("Lots", [
            ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
            ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)],
        ]), ("Prices", [["Symbol", "Price", "As Of"], ["AAPL", 190, .day(2026, 11, 20)], [],
                        ["Symbol", "Price", "As Of"], ["MSFT", 400, .day(2026, 11, 20)]]), Book.model])
        #expect(reading.errors.map(\.description).first?.hasPrefix("Prices!row 4: This row repeats the header row (row 1)") == true)
    }

    @Test("Masked digits and whole IDs are found as a custodian writes them")
    func titleParts() {
        #expect(PortfolioBuilder.maskedDigits(in: "Individual ...123") == "123")
        #expect(PortfolioBuilder.maskedDigits(in: "Account ending in 2345") == "2345")
        #expect(PortfolioBuilder.maskedDigits(in: "Smith Trust - ending with 2345") == "2345")
        #expect(PortfolioBuilder.maskedDigits(in: "Joint (ends in 78)") == "78")
        #expect(PortfolioBuilder.maskedDigits(in: "Fund ending in 2345 shares") == nil)
        #expect(PortfolioBuilder.maskedDigits(in: "Smith IRA (XXXX-5678)") == "5678")
        #expect(PortfolioBuilder.maskedDigits(in: "Trust ****5678 as of 2026") == "5678")
        #expect(PortfolioBuilder.maskedDigits(in: "Acct x5678") == "5678")
        #expect(PortfolioBuilder.maskedDigits(in: "Box5678") == nil)
        #expect(PortfolioBuilder.maskedDigits(in: "Account 12345678") == nil)
        var ids = PortfolioBuilder.AccountIndex(["ACC-1", "123"], names: [:])
        #expect(ids.accounts(namedBy: "Joint acc-1 (IRA)").found == ["ACC-1"])
        #expect(ids.accounts(namedBy: "Joint ACC-12").found.isEmpty)
        #expect(ids.accounts(namedBy: "Individual 91234").found.isEmpty)
        #expect(PortfolioBuilder.unlabelled("Account #1234") == "1234")
        #expect(PortfolioBuilder.unlabelled("Account Number: X-1") == "X-1")
        #expect(PortfolioBuilder.unlabelled("Accounts Payable") == "Accounts Payable")
        #expect(PortfolioBuilder.unlabelled("Account:") == "Account:")
    }
}

/// A book keeping each account's lots on a sheet of its own, named for the account.
@Suite("A sheet of lots for each account")
struct AccountLotSheetTests {
    private static let accounts: (name: String, rows: [[FixtureCell]]) =
        ("Accounts", [["Account", "Name", "Cash"], ["11110123", "Chen Joint Taxable", 500], ["22225678", "Rollover IRA", 0],
                      ["33339999", "Family Trust", 0]])

    @Test("Each sheet named for an account holds its lots: by a word of its name, its ID or masked digits")
    func sheetsNamedForAccounts() throws {
        let reading = try Book.read([Book.asOf, Self.accounts, Book.model, Book.prices,
            ("Joint Lots", [["Tax lots as of 11/20/2026"], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)]]),
            ("Holdings - 22225678", [Book.header, ["MSFT", 5, 1000, .day(2021, 3, 4)], ["AAPL", 1, 100, .day(2021, 3, 4)]]),
            ("Trust ...9999 Positions", [["Account"] + Book.header, ["33339999", "MSFT", 2, 700, .day(2024, 2, 2)]]),
            ("Notes", [["Client asked to keep AAPL."]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let lots = try #require(reading.portfolio?.lots)
        #expect(lots.map(\.account) == ["11110123", "22225678", "22225678", "33339999"])
        #expect(lots.map(\.symbol) == ["AAPL", "MSFT", "AAPL", "MSFT"])
        let notes = reading.diagnostics.filter { $0.message.hasPrefix("This sheet is read as") }.map(\.description)
        #expect(notes == [
            "Joint Lots: This sheet is read as account 11110123's lots: its name gives a word of the account's name, \"Joint\".",
            "Holdings - 22225678: This sheet is read as account 22225678's lots: its name gives the account's ID.",
            "Trust ...9999 Positions: This sheet is read as account 33339999's lots: its name gives the last digits of the account's number, 9999.",
        ])
        #expect(reading.view.ignoredSheets == ["Notes"])
    }

    @Test("A block title giving an account's number whole without its separators names it (Vanguard's 44712290*)")
    func blockTitleWithTheWholeNumber() throws {
        let reading = try Book.read([Book.asOf, Book.model, Book.prices,
            ("Accounts", [["Account", "Name", "Cash"], ["4471-2290", "Chen Joint", 500], ["6618-3307", "Lin Chen", 0]]),
            ("Lots", [["David & Lin Chen — Brokerage Account — 44712290*"], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)],
                      ["Lin Chen — Brokerage Account — 66183307*"], Book.header, ["MSFT", 5, 1000, .day(2021, 3, 4)]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.account) == ["4471-2290", "6618-3307"])
    }

    @Test("An account's sheet whose export title names another account is an error at the title")
    func exportOnAnotherAccountsSheet() throws {
        // The IRA's download pasted on the Joint tab: the tab's name won, the lots swapped (explore-AR).
        let reading = try Book.read([Book.asOf, Self.accounts, Book.model, Book.prices,
            ("Joint Lots", [["Lot Details for Rollover IRA ...5678 as of 11/20/2026"], Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)]]),
        ])
        #expect(reading.errors.map(\.description) == [
            "Joint Lots!A1: This sheet's name makes its lots account 11110123's, but the export's title here (\"Lot Details for "
                + "Rollover IRA ...5678 as of 11/20/2026\") names account 22225678: paste each account's export on its own "
                + "account's sheet.",
        ])
    }

    @Test("A lot sheet naming no account beside others that do, two sheets of one account, another account's row: errors")
    func sheetsThatDoNotFit() throws {
        let reading = try Book.read([Book.asOf, Self.accounts, Book.model, Book.prices,
            ("Joint Lots", [Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)]]),
            ("Joint Holdings", [Book.header, ["AAPL", 1, 150, .day(2020, 1, 2)]]),
            ("Lots (old)", [Book.header, ["MSFT", 5, 1000, .day(2021, 3, 4)]]),
            ("IRA Lots", [["Account"] + Book.header, ["33339999", "MSFT", 2, 700, .day(2024, 2, 2)]]),
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots (old): This sheet's name reads as one account's lots, as the other lot sheets' do, but \"old\" names "
                + "no account of the Accounts sheet (by its ID, its name or the last digits of its number): name the sheet "
                + "for its account's ID, or gather the lots on one Lots sheet with an Account column.",
            "Joint Holdings: This sheet and \"Joint Lots\" both hold account 11110123's lots: keep them on one sheet.",
            "IRA Lots!A2: The account \"33339999\" is written on the sheet of account 22225678's lots.",
        ])
    }

    @Test("A sheet named for its account alone is its lots when its header is a Lots sheet's; one of notes is ignored")
    func sheetsNamedForTheAccountAlone() throws {
        let reading = try Book.read([Book.asOf, Self.accounts, Book.model, Book.prices,
            ("11110123", [Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)]]),
            ("Rollover IRA", [["Symbol", "Quantity", "Cost Basis", "Unit Cost", "Acquired"],
                              ["MSFT", 5, 1000, nil, .day(2021, 3, 4)], ["AAPL", 1, nil, 100, .day(2021, 3, 4)]]),
            ("Family Trust", [["Quarter", "Return"], ["Q3", 0.021]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let lots = try #require(reading.portfolio?.lots)
        #expect(lots.map(\.account) == ["11110123", "22225678", "22225678"])
        #expect(lots.map(\.symbol) == ["AAPL", "MSFT", "AAPL"])
        #expect(lots.map(\.costBasis) == [Money(cents: 150_000), Money(cents: 100_000), Money(cents: 10_000)])
        let notes = reading.diagnostics.filter { $0.message.hasPrefix("This sheet is read as") }.map(\.description)
        #expect(notes == [
            "11110123: This sheet is read as account 11110123's lots: its name gives the account's ID, and its header is a Lots sheet's.",
            "Rollover IRA: This sheet is read as account 22225678's lots: its name gives the account's name, and its header is a Lots sheet's.",
        ])
        #expect(reading.view.ignoredSheets == ["Family Trust"])
    }

    @Test("A book with no Lots or Model sheet names the sheets that hold such tables, and how to have them read")
    func lotTablesUnderOtherNames() throws {
        let perAccount = try Book.read([Book.asOf, Book.model, Book.prices,
            ("Joint", [Book.header, ["AAPL", 10, 1500, .day(2020, 1, 2)]]),
            ("IRA", [Book.header, ["MSFT", 5, 1000, .day(2021, 3, 4)]]),
            ("Notes", [["Client asked to keep AAPL."]]),
        ])
        #expect(perAccount.portfolio == nil)
        #expect(perAccount.errors.map(\.description) == [
            "The workbook has no Lots sheet (a sheet named Lots or a synonym such as lots, taxlots, holdings, positions). "
                + "The sheets \"Joint\", \"IRA\" hold lot tables (Symbol, Quantity, Cost Basis or Unit Cost, Acquired): "
                + "gather them on one Lots sheet with an Account column, or add an Accounts sheet naming each account as its sheet's name does.",
        ])
        let allocation = try Book.read([Book.asOf, Self.accounts, Book.prices,
            ("Lots", [["Account"] + Book.header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)]]),
            ("Allocation", [["Ticker", "Weight"], ["AAPL", 0.5], ["MSFT", 0.4]]),
            ("Returns", [["Symbol", "Return"], ["AAPL", 0.12]]),
        ])
        #expect(allocation.errors.map(\.description) == [
            "The workbook has no Model sheet (a sheet named Model or a synonym such as model, models, targets, modelweights). "
                + "The sheet \"Allocation\" holds a Model table (Symbol, Target): rename it Model.",
        ])
        let export = try Book.read([Book.asOf, Self.accounts, Book.model, Book.prices,
            ("Export 2026-11-20", [["Account"] + Book.header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)]]),
        ])
        #expect(export.errors.map(\.description) == [
            "The workbook has no Lots sheet (a sheet named Lots or a synonym such as lots, taxlots, holdings, positions). "
                + "The sheet \"Export 2026-11-20\" holds a lot table (Symbol, Quantity, Cost Basis or Unit Cost, Acquired): "
                + "rename it Lots, or, if it is one account's lots, name it for that account as the Accounts sheet writes it "
                + "(its ID, its name or the last digits of its number).",
        ])
    }

    @Test("The one sheet whose name carries the Lots or Model sheet's with a date beside it is read as that sheet, with a warning")
    func datedSheetNames() throws {
        let reading = try Book.read([Book.asOf, Self.accounts, Book.prices,
            ("Lots 11-20-2026", [["Account"] + Book.header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)]]),
            ("Model 2026", [["Symbol", "Target"], ["AAPL", 0.5], ["MSFT", 0.49]]),
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.portfolio?.lots.map(\.account) == ["11110123"])
        #expect(reading.portfolio?.models.first?.targets.map(\.symbol) == ["AAPL", "MSFT"])
        #expect(reading.warnings.map(\.description) == [
            "Lots 11-20-2026: This sheet is read as the Lots sheet: it holds its table (Symbol, Quantity, Cost Basis or "
                + "Unit Cost, Acquired), and no sheet is named Lots. Rename it Lots if so; if it is not meant for this run, "
                + "delete it.",
            "Model 2026: This sheet is read as the Model sheet: it holds its table (Symbol, Target), and no sheet is named "
                + "Model. Rename it Model if so; if it is not meant for this run, delete it.",
            "Accounts!B3: The sheet has no Type column, but 22225678's Name \"Rollover IRA\" says IRA: it is read as IRA "
                + "(untaxed), not Taxable. Write its Type to keep this warning away (Taxable if it is taxed).",
            "Accounts: No account has a Household (the sheet has no Household column), so each of the 3 accounts is a household of its own: wash sales are checked within each account only, and one account's buy blocks no other's loss sale. If accounts belong to one family, give them one Household.",
        ])
        #expect(reading.view.ignoredSheets.isEmpty)
        // A custodian's positions file opened in Excel names its sheet for the account and the day.
        let schwab = try Book.read([Book.asOf, Self.accounts, Book.prices, Book.model,
            ("Individual-Positions-2026-03-20", [["Account"] + Book.header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)]])])
        #expect(schwab.errors.isEmpty, "\(schwab.errors)")
        #expect(schwab.portfolio?.lots.map(\.account) == ["11110123"])
        // Its name saying it is not the current one, or a second sheet holding lots, it is not taken.
        for second in [("Lots 10-31-2026", true), ("Old Lots 11-20-2026", false)] {
            var sheets = [Book.asOf, Self.accounts, Book.prices, Book.model,
                          (second.0, [["Account"] + Book.header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)]])]
            if second.1 { sheets.append(("Lots 11-20-2026", [["Account"] + Book.header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)]])) }
            let refused = try Book.read(sheets)
            #expect(refused.errors.first?.message.hasPrefix("The workbook has no Lots sheet") == true, "\(refused.errors)")
        }
    }

    @Test("Without sheets named for accounts, a book with no Lots sheet is still refused, its lot table named")
    func noLotSheets() throws {
        let reading = try Book.read([Book.asOf, Self.accounts, Book.model, Book.prices,
            ("Lots (old)", [Book.header, ["MSFT", 5, 1000, .day(2021, 3, 4)]]),
            ("Performance", [["Account", "Symbol", "Return"], ["11110123", "MSFT", 0.12]])])
        #expect(reading.errors.map(\.description) == [
            "The workbook has no Lots sheet (a sheet named Lots or a synonym such as lots, taxlots, holdings, positions). "
                + "The sheet \"Lots (old)\" holds a lot table (Symbol, Quantity, Cost Basis or Unit Cost, Acquired): "
                + "rename it Lots, or, if it is one account's lots, name it for that account as the Accounts sheet writes it "
                + "(its ID, its name or the last digits of its number).",
        ])
        let noTable = try Book.read([Book.asOf, Self.accounts, Book.model, Book.prices,
            ("Performance", [["Account", "Symbol", "Return"], ["11110123", "MSFT", 0.12]])])
        #expect(noTable.errors.map(\.description) == [
            "The workbook has no Lots sheet (a sheet named Lots or a synonym such as lots, taxlots, holdings, positions).",
        ])
    }
}

extension BlockLayoutTests {
    @Test("A second table below the first under a header of other columns is refused once, at its header")
    func stackedTableOfOtherColumns() throws {
        let header: [FixtureCell] = ["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]
        let lots: (name: String, rows: [[FixtureCell]]) = ("Lots", [
            header, ["11110123", "AAPL", 10, 1500, .day(2020, 1, 2)], [],
            ["Realized this year"], ["Account", "Symbol", "Proceeds", "Gain", "Closed"],
            ["11110123", "MSFT", 4000, 800, .day(2026, 3, 4)],
        ])
        let reading = try Book.read([Book.asOf, Self.accounts, lots, Book.model, Book.prices])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == [
            "Lots!row 5: This row repeats some of the header's names (row 1) among others: a second table starts here, below "
                + "the first. The tool reads one table a sheet, and this one's rows are not the Lots sheet's: move that table to "
                + "a sheet of its own.",
        ])
    }
}
