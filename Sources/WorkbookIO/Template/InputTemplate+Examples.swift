import RebalanceEngine

/// The template's example rows: the Rivera household, a joint account and an IRA, a
/// small book that reads without errors and gives a plan (a harvest with its
/// replacement, a phase-out, a withdrawal, a manual sale, a wash-sale block).
extension InputTemplate {
    static func exampleRows(_ sheet: ContractSheet) -> [[GridCell]] {
        let day = { (y: Int, m: Int, d: Int) in GridCell.date(CivilDate(year: y, month: m, day: d)!) }
        switch sheet {
        case .settings:
            return settingRows.map { [.text($0.key, .label), $0.value, .text($0.about, .note)] }
        case .accounts:
            return [
                ["RIVERA-JT", "Rivera Joint", "Rivera", "Joint", .money(12_500), nil, .money(10_000), .money(4_000),
                 nil, nil, .money(3_200), nil, nil, nil, nil],
                ["RIVERA-IRA", "M. Rivera IRA", "Rivera", "IRA", .money(3_000), nil, nil, nil,
                 nil, nil, nil, nil, nil, nil, nil],
            ]
        case .lots:
            return [
                ["RIVERA-JT", "VTI", "JT-1", .quantity(300), .money(60_000), nil, day(2019, 6, 14), nil],
                ["RIVERA-JT", "VXUS", "JT-2", .quantity(500), .money(34_500), nil, day(2026, 2, 10), nil],
                ["RIVERA-JT", "XOM", "JT-3", .quantity(150), .money(9_000), nil, day(2018, 3, 1), "Inherited"],
                ["RIVERA-IRA", "BND", "IRA-1", .quantity(400), .money(30_800), nil, day(2021, 8, 31), nil],
                ["RIVERA-IRA", "VTI", "IRA-2", .quantity(60), nil, .price(250), day(2024, 2, 29), nil],
            ]
        case .model:
            return [
                [nil, "VTI", .percent(0.50), .percent(0.03), "US Equity"],
                [nil, "VXUS", .percent(0.25), nil, "Intl Equity"],
                [nil, "BND", .percent(0.22), nil, "Bonds"],
                [nil, "CASH", .percent(0.03), nil, nil],
            ]
        case .prices:
            return [("VTI", 310.25), ("VXUS", 64.40), ("IXUS", 68.10), ("BND", 72.85), ("XOM", 108.30)].map {
                [.text($0.0), .price($0.1), .date(asOf), "Custodian close", nil]
            }
        case .securities:
            return [
                ["VTI", "Vanguard Total Stock Market ETF", "US Equity", nil, "US Equity", nil, nil, "No"],
                ["VXUS", "Vanguard Total International Stock ETF", "Intl Equity", "Total International", nil, "IXUS", nil, "No"],
                ["IXUS", "iShares Core MSCI Total International Stock ETF", "Intl Equity", nil, nil, nil, nil, "No"],
                ["XOM", "Exxon Mobil Corp.", "Energy", nil, nil, nil, nil, "Yes"],
            ]
        case .groups:
            return [["US Equity", .percent(0.60)]]
        case .sectors:
            return [["US Equity", .percent(0.05)], ["Intl Equity", .percent(0.05)], ["Bonds", .percent(0.05)]]
        case .transactions:
            return [
                ["RIVERA-IRA", day(2026, 9, 2), "VTI", "Buy", .quantity(20), .price(295.10), nil, nil],
                ["RIVERA-JT", day(2026, 10, 1), "XOM", "Sell", .quantity(50), .price(110), .money(7_000), "LT"],
            ]
        case .manualTrades:
            return [["RIVERA-IRA", "BND", "Sell", .quantity(100), nil, nil, "Trim bonds, as the client asked"]]
        }
    }
}
