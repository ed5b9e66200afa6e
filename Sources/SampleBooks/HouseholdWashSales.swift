import RebalanceEngine
import WorkbookIO

extension SampleBook {
    /// A household of three accounts whose recent trades collide under the wash-sale rule.
    static let householdWashSales: SampleBook = {
        let asOf = CivilDate(year: 2026, month: 11, day: 20)!
        let d = Layout.day
        let (jt, ira, tr) = ("PATEL-JT", "PATEL-IRA", "PATEL-TR")
        return SampleBook(
            fileName: "Patel Household.xlsx",
            story: "The Patels hold a joint account, an IRA and a family trust. Two weeks ago the trust sold GOOGL at a loss "
                + "and the IRA reinvested in VWO; the joint account holds GOOG from 2019 far above the 6% Alphabet cap, "
                + "and VEA and VWO lots bought this spring are under water.",
            asOf: asOf,
            sheets: [
                Layout.settings([
                    ("As Of Date", .date(asOf)), ("Tax Budget", .money(10_000)), ("Lot Method", "Tax Optimal"),
                    ("Min Trade", .money(250)), ("Default Band", .percent(0.02)),
                ]),
                Layout.table("Accounts", ["Account", "Name", "Household", "Type", "Cash", "Withdrawal"], [
                    [.text(jt), "Raj & Priya Patel JTWROS", "Patel", "Joint", .money(6_000), nil],
                    [.text(ira), "Priya Patel Rollover IRA", "Patel", "IRA", .money(2_500), nil],
                    [.text(tr), "Patel Family Trust", "Patel", "Trust", .money(4_000), nil],
                ]),
                Layout.table("Lots", Layout.lotHeader, [
                    Layout.lot(jt, "VTI", "J-101", 500, 75_000, d(2017, 3, 10)),
                    Layout.lot(jt, "GOOG", "J-102", 400, 36_000, d(2019, 6, 3)),
                    Layout.lot(jt, "VEA", "J-103", 1_200, 64_200, d(2026, 3, 12)),
                    Layout.lot(jt, "VWO", "J-104", 900, 42_300, d(2026, 5, 20)),
                    Layout.lot(jt, "BND", "J-105", 700, 53_200, d(2022, 1, 5)),
                    Layout.lot(ira, "BND", "I-201", 600, 48_000, d(2021, 7, 1)),
                    Layout.lot(ira, "VTI", "I-202", 150, 30_000, d(2020, 5, 1)),
                    Layout.lot(ira, "VWO", "I-203", 200, 8_700, d(2026, 11, 12)),
                    Layout.lot(tr, "GOOGL", "T-301", 150, 18_000, d(2023, 2, 28)),
                    Layout.lot(tr, "VEA", "T-302", 400, 18_000, d(2020, 9, 1)),
                    Layout.lot(tr, "VTI", "T-303", 100, 18_000, d(2021, 10, 1)),
                ]),
                Layout.table("Model", ["Symbol", "Target", "Band", "Sector"], [
                    ["VTI", .percent(0.38), .percent(0.03), "US Equity"],
                    ["GOOGL", .percent(0.05), .percent(0.01), "US Equity"],
                    ["VEA", .percent(0.20), nil, "Intl Equity"],
                    ["VWO", .percent(0.08), nil, "Intl Equity"],
                    ["BND", .percent(0.27), nil, "Fixed Income"],
                    ["CASH", .percent(0.02), nil, nil],
                ]),
                Layout.prices([
                    ("BND", 72.85), ("GOOG", 176.20), ("GOOGL", 175.35), ("IEFA", 76.40), ("IEMG", 54.20),
                    ("VEA", 49.80), ("VTI", 310.25), ("VWO", 43.10),
                ], asOf: asOf),
                Layout.table("Securities", ["Symbol", "Name", "Identical Group", "Exposure Group", "Replacement"], [
                    ["GOOG", "Alphabet Inc. Class C", "Alphabet", "Alphabet", nil],
                    ["GOOGL", "Alphabet Inc. Class A", "Alphabet", "Alphabet", nil],
                    ["VEA", "Vanguard FTSE Developed Markets ETF", nil, nil, "IEFA"],
                    ["IEFA", "iShares Core MSCI EAFE ETF", nil, nil, nil],
                    ["VWO", "Vanguard FTSE Emerging Markets ETF", nil, nil, "IEMG"],
                    ["IEMG", "iShares Core MSCI Emerging Markets ETF", nil, nil, nil],
                ]),
                Layout.table("Groups", ["Exposure Group", "Max Weight"], [["Alphabet", .percent(0.06)]]),
                Layout.table("Transactions", ["Account", "Date", "Symbol", "Side", "Quantity", "Price", "Realized Gain", "Term"], [
                    [.text(tr), d(2026, 11, 4), "GOOGL", "Sell", .quantity(50), .price(168.00), .money(-2_100), "ST"],
                    [.text(ira), d(2026, 11, 12), "VWO", "Buy", .quantity(200), .price(43.50), nil, nil],
                ]),
            ])
    }()
}
