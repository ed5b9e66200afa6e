import RebalanceEngine
import WorkbookIO

extension SampleBook {
    /// Harvesting the losses of money invested at this year's peak, with replacements.
    static let harvestAfterDrawdown: SampleBook = {
        let asOf = CivilDate(year: 2026, month: 11, day: 20)!
        let d = Layout.day
        let account = "NGUYEN-IND"
        return SampleBook(
            fileName: "Harvest After Drawdown.xlsx",
            story: "Mr. Nguyen invested the proceeds of his business sale in February, at the market's peak, and has "
                + "$38,000 of short-term gains realized this year. After the drawdown every February lot is under water: "
                + "harvest them into the listed replacements. QQQ reinvested its dividend on October 30.",
            asOf: asOf,
            sheets: [
                Layout.settings([
                    ("As Of Date", .date(asOf)), ("Tax Budget", "Unlimited"), ("Harvest Losses", "Yes"),
                    ("Harvest Min Loss", .money(2_000)), ("Harvest Min Loss %", .percent(0.05)), ("Min Trade", .money(250)),
                ]),
                Layout.table("Accounts", ["Account", "Name", "Type", "Cash", "Realized ST YTD"], [
                    [.text(account), "Minh Nguyen, Individual", "Individual", .money(3_500), .money(38_000)],
                ]),
                Layout.table("Lots", Layout.lotHeader, [
                    Layout.lot(account, "VTI", "N-1", 200, 28_000, d(2018, 4, 2)),
                    Layout.lot(account, "VTI", "N-2", 600, 207_000, d(2026, 2, 3)),
                    Layout.lot(account, "VXUS", "N-3", 1_500, 107_700, d(2026, 2, 3)),
                    Layout.lot(account, "VWO", "N-4", 1_200, 58_680, d(2026, 2, 3)),
                    Layout.lot(account, "QQQ", "N-5", 150, 79_500, d(2026, 3, 2)),
                    Layout.lot(account, "QQQ", "N-6", 1.2, 540, d(2026, 10, 30)),
                    Layout.lot(account, "BND", "N-7", 800, 58_480, d(2026, 2, 3)),
                ]),
                Layout.table("Model", ["Symbol", "Target", "Sector"], [
                    ["VTI", .percent(0.40), "US Equity"],
                    ["QQQ", .percent(0.10), "US Equity"],
                    ["VXUS", .percent(0.20), "Intl Equity"],
                    ["VWO", .percent(0.07), "Intl Equity"],
                    ["BND", .percent(0.21), "Fixed Income"],
                    ["CASH", .percent(0.02), nil],
                ]),
                Layout.prices([
                    ("BND", 72.85), ("IEMG", 54.20), ("ITOT", 136.40), ("IXUS", 68.10), ("QQQ", 455.00), ("SCHG", 27.10),
                    ("VTI", 310.25), ("VWO", 43.10), ("VXUS", 64.40),
                ], asOf: asOf),
                Layout.table("Securities", ["Symbol", "Name", "Replacement"], [
                    ["VTI", "Vanguard Total Stock Market ETF", "ITOT"],
                    ["VXUS", "Vanguard Total International Stock ETF", "IXUS"],
                    ["VWO", "Vanguard FTSE Emerging Markets ETF", "IEMG"],
                    ["QQQ", "Invesco QQQ Trust", "SCHG"],
                ]),
                Layout.table("Transactions", ["Date", "Symbol", "Action", "Quantity", "Price"], [
                    [d(2026, 10, 30), "QQQ", "Reinvest Dividend", .quantity(1.2), .price(450.00)],
                ]),
            ])
    }()
}
