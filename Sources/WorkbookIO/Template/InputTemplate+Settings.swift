/// The Settings keys as the template lists them: default, meaning, and a list where the
/// value comes from one.
extension InputTemplate {
    struct SettingRow {
        var key: String
        var value: GridCell
        var defaultText: String
        var about: String
        var choices: [String]?
    }

    static let settingRows: [SettingRow] = [
        .init(key: "As Of Date", value: .date(asOf), defaultText: "today",
              about: "The run's date; fix it so a run can be repeated. --as-of on the command line beats it."),
        .init(key: "Short-Term Rate", value: .percent(0.408), defaultText: "40.8%",
              about: "Tax rate on short-term gains (a percent cell, 40.8%, or 40.8)."),
        .init(key: "Long-Term Rate", value: .percent(0.238), defaultText: "23.8%",
              about: "Tax rate on long-term gains."),
        .init(key: "Tax Budget", value: "Unlimited", defaultText: "Unlimited",
              about: "The most new tax a run may cost each account, in dollars; 0 means no net new tax."),
        .init(key: "Min Trade", value: .money(100), defaultText: "$100",
              about: "Smaller rebalance trades are not made."),
        .init(key: "Fractional Shares", value: "No", defaultText: "No",
              about: "Yes trades to 4 decimals; No trades whole shares.", choices: yesNo),
        .init(key: "Lot Method", value: "Tax Optimal", defaultText: "Tax Optimal",
              about: "Which lots a sale relieves first: Tax Optimal (least tax per dollar), HIFO, FIFO or LIFO.",
              choices: ["Tax Optimal", "HIFO", "FIFO", "LIFO"]),
        .init(key: "Default Band", value: .percent(0.02), defaultText: "2%",
              about: "Absolute tolerance around a target when the Model row gives none."),
        .init(key: "Rebalance To", value: "Target", defaultText: "Target",
              about: "Trade a drifted position back to its Target, or only to its Band Edge.",
              choices: ["Target", "Band Edge"]),
        .init(key: "Cash Target", value: .percent(0.01), defaultText: "1%",
              about: "Cash to keep when neither the account nor the model's CASH row sets it."),
        .init(key: "Harvest Losses", value: "Yes", defaultText: "Yes",
              about: "Sell loss lots in taxed accounts and buy their replacements.", choices: yesNo),
        .init(key: "Harvest Min Loss", value: .money(1_000), defaultText: "$1,000",
              about: "A harvest sale must carry at least this loss in dollars..."),
        .init(key: "Harvest Min Loss %", value: .percent(0.05), defaultText: "5%",
              about: "...and at least this share of its cost basis."),
        .init(key: "Wash Sale Days", value: .integer(30), defaultText: "30",
              about: "Days before and after a loss sale in which a purchase is a wash sale; fewer than 30 is an error (26 USC 1091)."),
        .init(key: "Price Max Age Days", value: .integer(5), defaultText: "5",
              about: "A price older than this many days before the As Of Date is stale."),
        .init(key: "Allow Stale Prices", value: "No", defaultText: "No",
              about: "Yes uses stale prices (marked stale); No makes them an error.", choices: yesNo),
    ]

    /// Settings rows below the header (row 2), one list per key that takes one.
    static func settingsLists() -> [GridSheet.List] {
        settingRows.enumerated().compactMap { index, row in
            row.choices.map { .init(column: 1, values: $0, title: row.key, prompt: row.about, rows: (index + 3)...(index + 3)) }
        }
    }
}
