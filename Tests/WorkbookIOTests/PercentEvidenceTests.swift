import RebalanceEngine
import Testing
@testable import WorkbookIO
import XLSXTestSupport

/// A weight or rate is a percent of something: how the book's own writing of its other
/// percents, and a dollar sign, decide what a plain number under a weight's name means.
@Suite("Percents read by the book's own evidence")
struct PercentEvidenceTests {
    private func read(_ sheets: [(name: String, rows: [[FixtureCell]])]) throws -> PortfolioReading {
        try readPriced(path: try XLSXFixture.contractBook(sheets).write(), asOf: nil, today: Household.today)
    }

    private static let lots: (name: String, rows: [[FixtureCell]]) =
        ("Lots", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"],
                  ["T-1", "VTI", 100, 20000, .day(2019, 1, 2)], ["T-1", "BND", 200, 16000, .day(2019, 1, 2)]])
    private static let prices: (name: String, rows: [[FixtureCell]]) =
        ("Prices", [["Symbol", "Price", "As Of"], ["VTI", 310.25, .day(2026, 11, 20)], ["BND", 72.85, .day(2026, 11, 20)]])
    private static let model: (name: String, rows: [[FixtureCell]]) = ("Model", [["Symbol", "Target"], ["VTI", 0.6], ["BND", 0.39]])

    /// A CRM's `Cash Reserve` of `$50.00`: read as 50, it was a 50% cash target and half the
    /// account was sold without a word (explore-BR).
    @Test("A dollar amount under a weight's name is an error, on the Accounts sheet and in Settings")
    func dollarsAreNoPercent() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Default Band", "$2"]]),
            ("Accounts", [["Account", "Type", "Cash", "Cash Reserve"], ["T-1", "Joint", 1000, "$50.00"], ["T-2", "IRA", 1000, "USD 100"]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.errors.map(\.description) == [
            "Settings!B3: Default Band \"$2\" is written in dollars, but Default Band is a percent (1% or 0.01): write it as a percent.",
            "Accounts!D2: Cash Target \"$50.00\" (under \"Cash Reserve\") is written in dollars, but Cash Target is a percent "
                + "(of the account, 1% or 0.01): write it as a percent, or move the column out of the sheet if it is an amount.",
            "Accounts!D3: Cash Target \"USD 100\" (under \"Cash Reserve\") is written in dollars, but Cash Target is a percent "
                + "(of the account, 1% or 0.01): write it as a percent, or move the column out of the sheet if it is an amount.",
        ])
    }

    /// A CRM's reserve of 50 in a cell formatted `"$"#,##0.00` shows `$50.00`: read as 50%, the
    /// account raised half its value to cash (explore-BV).
    @Test("A number formatted as money under a weight's name is an error")
    func moneyFormattedWeightIsRefused() throws {
        let sheets: [(name: String, rows: [[FixtureCell]])] = [
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            ("Accounts", [["Account", "Type", "Cash", "Cash Target"], ["T-1", "Joint", 1000, .date(50)]]),
            Self.lots, Self.model, Self.prices,
        ]
        let reading = try readPriced(path: try XLSXFixture.contractBook(sheets, dateFormat: "\"$\"#,##0.00").write(), asOf: nil,
                                     today: Household.today)
        #expect(reading.errors.map(\.description) == [
            "Accounts!D2: Cash Target 50, formatted as money, is written in dollars, but Cash Target is a percent (of the account, 1% or 0.01): "
                + "write it as a percent, or move the column out of the sheet if it is an amount.",
        ])
    }

    /// A model's CASH row of 30% is warned of as the same on the Accounts sheet is (explore-BV).
    @Test("A model's CASH row of a quarter or more is warned of")
    func largeModelCashRowIsSaid() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            Self.lots, ("Model", [["Symbol", "Target"], ["VTI", 0.4], ["BND", 0.3], ["CASH", 0.3]]), Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.warnings.map(\.description).contains(
            "Model!B4: CASH 30%: that share of each account of the model is raised to cash, its positions sold to reach it. "
                + "Check it is meant."), "\(reading.warnings)")
    }

    /// The template's Instructions show rates as `40.8`: a PM who writes `Cash Target 1` beside
    /// them means 1%; read as 100%, every account was sold to cash on a warning (explore-BR).
    @Test("A Settings 1 beside rates written as plain percents is an error asking which")
    func settingsOneBesidePercents() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Short-Term Rate", 40.8],
                          ["Long-Term Rate", 23.8], ["Cash Target", 1], ["Default Band", 1]]),
            Self.lots, Self.model, Self.prices,
        ])
        let asks = "writes its percent as a plain number, so 1 may mean 1%: write 1% or 100%."
        #expect(reading.errors.map(\.description) == [
            "Settings!B5: Cash Target 1 would be read as 100% (a plain number up to 1 is a fraction), but Short-Term Rate 40.8 "
                + "at Settings!B3 " + asks,
            "Settings!B6: Default Band 1 would be read as 100% (a plain number up to 1 is a fraction), but Short-Term Rate 40.8 "
                + "at Settings!B3 " + asks,
        ])
        // An Accounts Cash Target of 1 beside such Settings is asked about too (explore-BV: read
        // as 100%, the account sold whole).
        let accounts = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Short-Term Rate", 40.8]]),
            ("Accounts", [["Account", "Type", "Cash", "Cash Target"], ["T-1", "Joint", 1000, 1]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(accounts.errors.map(\.description) == [
            "Accounts!D2: Cash Target 1 would be read as 100% (a plain number is a fraction unless one in its column is above "
                + "1), but Short-Term Rate 40.8 at Settings!B3 writes its percent as a plain number, so 1 may mean 1%: write 1% or 100%.",
        ])
        // Beside rates written as fractions the key's own rule stands: 100%, warned of.
        let fractions = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Short-Term Rate", 0.408], ["Cash Target", 1]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(fractions.errors.isEmpty, "\(fractions.errors)")
        #expect(fractions.portfolio?.settings.cashTarget == Rate.one)
        // A Cash Target written 100 is 100%, and said as what it holds, not as "1".
        let hundred = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Cash Target", 100]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(hundred.warnings.map(\.description).filter { $0.hasPrefix("Settings!") } == [
            "Settings!B3: Cash Target 100%: that share of each account is raised to cash, its positions sold to reach it, in "
                + "every account with no cash target of its own. Check it is meant.",
        ])
    }

    /// An Accounts Cash Target of 100 or 50% is that percent, and sells positions to reach it:
    /// said, where an account was sold whole without a word (explore-BR).
    @Test("An account's cash target of a quarter or more, written as a percent, is warned of")
    func largeCashTargetIsSaid() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            ("Accounts", [["Account", "Type", "Cash", "Cash Target"], ["T-1", "Joint", 1000, 100], ["T-2", "IRA", 1000, "50%"],
                          ["T-3", "IRA", 1000, 2]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.warnings.map(\.description).filter { $0.hasPrefix("Accounts!D") } == [
            "Accounts!D2: Cash Target 100%: that share of the account is raised to cash, its positions sold to reach it. Check it is meant.",
            "Accounts!D3: Cash Target 50%: that share of the account is raised to cash, its positions sold to reach it. Check it is meant.",
        ])
    }

    /// Targets typed as points (60, 39) beside a Band of 1: read as ±100%, an 88% weight
    /// against a 60% target was In Band (explore-BR).
    @Test("A Band of 1 beside targets written as plain percents is an error asking which")
    func bandOneBesidePercentTargets() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            Self.lots, ("Model", [["Symbol", "Target", "Band"], ["VTI", 60, 1], ["BND", 39, 1]]), Self.prices,
        ])
        #expect(reading.errors.map(\.description) == ["B2", "B3"].map {
            "Model!C\($0.dropFirst()): Band 1 would be read as 100% (a plain number is a fraction unless one in its column is "
                + "above 1), but Target 60 at Model!B2 writes its percent as a plain number, so 1 may mean 1%: write 1% or 100%."
        })
        // Beside fraction targets, a Band of 1 keeps the column rule and its warning.
        let fractions = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            Self.lots, ("Model", [["Symbol", "Target", "Band"], ["VTI", 0.6, 1], ["BND", 0.39, 0.02]]), Self.prices,
        ])
        #expect(fractions.errors.isEmpty, "\(fractions.errors)")
        #expect(fractions.warnings.contains { $0.place == "Model!C2" && $0.message.hasPrefix("Band 1 is read as 100%") })
    }

    /// Targets typed as points (60, 38) beside a Band of 0.5: read as ±50%, a 75% weight against
    /// a 60% target was In Band and nothing was traded, in silence (explore-EI). The Settings
    /// sheet refuses the same (a Default Band of 0.5 beside a rate of 35).
    @Test("A Band fraction too large to be likely beside targets written as plain percents is an error asking which")
    func bandFractionBesidePercentTargets() throws {
        let reading = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            Self.lots, ("Model", [["Symbol", "Target", "Band"], ["VTI", 60, 0.5], ["BND", 38, 0.5], ["CASH", 2]]), Self.prices,
        ])
        #expect(reading.portfolio == nil)
        #expect(reading.errors.map(\.description) == ["2", "3"].map {
            "Model!C\($0): Band 0.5 would be read as 50% (a plain number is a fraction unless one in its column is above 1), "
                + "but Target 60 at Model!B2 writes its percent as a plain number, so 0.5 may mean 0.5%: write 0.5% (or 0.005) "
                + "or 50%."
        })
        // Written as the fraction of the small percent, the band reads: ±0.5%.
        let small = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            Self.lots, ("Model", [["Symbol", "Target", "Band"], ["VTI", 60, 0.005], ["BND", 38, 0.005], ["CASH", 2]]), Self.prices,
        ])
        #expect(small.errors.isEmpty, "\(small.errors)")
        #expect(small.portfolio?.models.flatMap(\.targets).compactMap(\.band) == [Rate(millionths: 5_000), Rate(millionths: 5_000)])
        // A band likely as a fraction (0.05) beside the same targets keeps the column rule: ±5%.
        let likely = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"]]),
            Self.lots, ("Model", [["Symbol", "Target", "Band"], ["VTI", 60, 0.05], ["BND", 38, 0.05], ["CASH", 2]]), Self.prices,
        ])
        #expect(likely.errors.isEmpty, "\(likely.errors)")
        #expect(likely.portfolio?.models.flatMap(\.targets).compactMap(\.band) == [Rate(millionths: 50_000), Rate(millionths: 50_000)])
        // An Accounts Cash Target of 0.5 beside a Settings rate written as 40.8 is asked about
        // too, as its 1 is: read as 50%, half the account was raised to cash on a warning.
        let accounts = try read([
            ("Settings", [["Setting", "Value"], ["As Of Date", "2026-11-20"], ["Short-Term Rate", 40.8]]),
            ("Accounts", [["Account", "Type", "Cash", "Cash Target"], ["T-1", "Joint", 1000, 0.5]]),
            Self.lots, Self.model, Self.prices,
        ])
        #expect(accounts.errors.map(\.description) == [
            "Accounts!D2: Cash Target 0.5 would be read as 50% (a plain number is a fraction unless one in its column is above "
                + "1), but Short-Term Rate 40.8 at Settings!B3 writes its percent as a plain number, so 0.5 may mean 0.5%: write "
                + "0.5% (or 0.005) or 50%.",
        ])
    }
}
