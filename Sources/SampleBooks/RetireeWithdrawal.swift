import RebalanceEngine
import WorkbookIO

extension SampleBook {
    /// A retiree's year-end withdrawal, raised in a falling market under a no-new-tax budget.
    static let retireeWithdrawal: SampleBook = {
        let asOf = CivilDate(year: 2026, month: 11, day: 20)!
        let d = Layout.day
        let account = "BAKER-JT"
        return SampleBook(
            fileName: "Retiree Withdrawal.xlsx",
            story: "The Bakers draw $90,000 from their joint account each December. This year the market is down: "
                + "the QQQ, VTI and VXUS bought last winter sit at losses, the 2012 VTI lot at a large gain, and the "
                + "AT&T shares Mr. Baker inherited are not to be sold. Their accountant asked for no net new tax.",
            asOf: asOf,
            sheets: [
                Layout.settings([
                    ("As Of Date", .date(asOf)), ("Tax Budget", .money(0)), ("Lot Method", "Tax Optimal"),
                    ("Harvest Losses", "No"), ("Min Trade", .money(250)),
                ]),
                Layout.table("Accounts", ["Account", "Name", "Type", "Cash", "Withdrawal", "Cash Target", "Realized ST YTD", "Realized LT YTD"], [
                    [.text(account), "Tom & Ellen Baker JT", "Joint", .money(4_000), .money(90_000), .percent(0.03),
                     .money(1_850), .money(6_400)],
                ]),
                Layout.table("Lots", Layout.lotHeader + ["Term"], [
                    Layout.lot(account, "VTI", "B-1", 400, 38_000, d(2012, 8, 1)) + [nil],
                    Layout.lot(account, "VTI", "B-2", 150, 51_750, d(2026, 1, 15)) + [nil],
                    Layout.lot(account, "QQQ", "B-3", 200, 104_000, d(2025, 12, 10)) + [nil],
                    Layout.lot(account, "VXUS", "B-4", 800, 56_800, d(2025, 10, 1)) + [nil],
                    Layout.lot(account, "BND", "B-5", 1_000, 74_000, d(2024, 5, 1)) + [nil],
                    Layout.lot(account, "T", "B-6", 2_000, 36_000, d(2021, 6, 18)) + ["Inherited"],
                ]),
                Layout.table("Model", ["Symbol", "Target", "Band"], [
                    ["VTI", .percent(0.45), .percent(0.03)],
                    ["QQQ", .percent(0.10), nil],
                    ["VXUS", .percent(0.15), nil],
                    ["BND", .percent(0.27), .percent(0.03)],
                ]),
                Layout.prices([("BND", 72.85), ("QQQ", 455.00), ("T", 22.40), ("VTI", 310.25), ("VXUS", 64.40)], asOf: asOf),
                Layout.table("Securities", ["Symbol", "Name", "Restriction"], [
                    ["T", "AT&T Inc. (inherited; the client keeps it)", "No Sell"],
                ]),
            ])
    }()
}
