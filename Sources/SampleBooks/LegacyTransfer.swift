import RebalanceEngine
import WorkbookIO

extension SampleBook {
    /// A portfolio transferred in from another adviser: large embedded gains, a tax budget.
    static let legacyTransfer: SampleBook = {
        let asOf = CivilDate(year: 2026, month: 11, day: 20)!
        let d = Layout.day
        let account = "OKAFOR-IND"
        return SampleBook(
            fileName: "Legacy Transfer.xlsx",
            story: "Dr. Okafor's brokerage account arrived from another adviser: AAPL and MSFT bought a decade ago, "
                + "KO, JNJ and INTC picked one by one, and 2,000 shares of her former employer she may not sell yet. "
                + "The firm's Core Balanced model is to be reached over several years within a $20,000 tax budget a year.",
            asOf: asOf,
            sheets: [
                Layout.settings([
                    ("As Of Date", .date(asOf)), ("Lot Method", "Tax Optimal"), ("Min Trade", .money(500)),
                    ("Default Band", .percent(0.03)), ("Harvest Losses", "Yes"),
                ]),
                Layout.table("Accounts", ["Account", "Name", "Household", "Type", "Cash", "Tax Budget", "Realized LT YTD", "Model"], [
                    [.text(account), "Adaeze Okafor, Individual", "Okafor", "Individual", .money(8_400), .money(20_000),
                     .money(12_000), "Core Balanced"],
                ]),
                Layout.table("Lots", Layout.lotHeader, [
                    Layout.lot(account, "AAPL", "TR-0001", 800, 18_400, d(2013, 5, 6)),
                    Layout.lot(account, "AAPL", "TR-0002", 200, 29_000, d(2021, 9, 15)),
                    Layout.lot(account, "MSFT", "TR-0003", 300, 30_900, d(2016, 2, 10)),
                    Layout.lot(account, "JNJ", "TR-0004", 400, 67_200, d(2022, 4, 20)),
                    Layout.lot(account, "KO", "TR-0005", 600, 25_200, d(2015, 11, 2)),
                    Layout.lot(account, "INTC", "TR-0006", 1_000, 44_000, d(2021, 3, 1)),
                    Layout.lot(account, "VTI", "TR-0007", 150, 33_000, d(2024, 8, 1)),
                    Layout.lot(account, "ACME", "TR-0008", 2_000, 20_000, d(2019, 1, 15)),
                ]),
                Layout.table("Model", ["Model", "Symbol", "Target", "Band", "Sector"], [
                    ["Core Balanced", "VTI", .percent(0.45), nil, "US Equity"],
                    ["Core Balanced", "VXUS", .percent(0.22), nil, "Intl Equity"],
                    ["Core Balanced", "BND", .percent(0.26), .percent(0.02), "Fixed Income"],
                    ["Core Balanced", "VNQ", .percent(0.05), .percent(0.01), "Real Estate"],
                    ["Core Balanced", "CASH", .percent(0.02), nil, nil],
                ]),
                Layout.prices([
                    ("AAPL", 228.50), ("ACME", 36.80), ("BND", 72.85), ("INTC", 21.40), ("JNJ", 154.30),
                    ("KO", 70.10), ("MSFT", 415.20), ("VNQ", 88.60), ("VTI", 310.25), ("VXUS", 64.40),
                ], asOf: asOf),
                Layout.table("Securities", ["Symbol", "Name", "Restriction", "Phase Out"], [
                    ["ACME", "Acme Industrial (former employer; trading window closed)", "No Sell", nil],
                    ["AAPL", "Apple Inc.", nil, "Yes"],
                    ["MSFT", "Microsoft Corp.", nil, "Yes"],
                ]),
            ])
    }()
}
