import RebalanceEngine
import WorkbookIO

extension SampleBook {
    /// A book whose lots are a custodian's lot export pasted in as it came: text throughout.
    static let custodianExport: SampleBook = {
        let asOf = CivilDate(year: 2026, month: 11, day: 20)!
        let account = "SULLIVAN-4471"
        return SampleBook(
            fileName: "Custodian Lot Export.xlsx",
            story: "Ms. Sullivan's PM pasted the custodian's Lot Details download into the book as it came: a title line, "
                + "dollar amounts and dates as text, a Market Value and gain columns the tool does not need, an Account "
                + "Total row and the download footer. Her old ARKK and AMZN positions are to be phased out.",
            asOf: asOf,
            sheets: [
                Layout.settings([
                    ("As Of Date", .date(asOf)), ("Tax Budget", .money(7_500)), ("Lot Method", "HIFO"),
                    ("Min Trade", .money(200)),
                ]),
                Layout.table("Accounts", ["Account", "Name", "Type", "Cash"], [
                    [.text(account), "Kathleen Sullivan Individual ...4471", "Individual", .money(15_300)],
                ]),
                lotDetails(),
                Layout.table("Model", ["Symbol", "Model %", "Band"], [
                    ["VTI", 50, 3], ["VXUS", 25, 2], ["BND", 18, 2], ["VNQ", 5, 1], ["CASH", 2, nil],
                ]),
                Layout.prices([
                    ("AMZN", 205.40), ("ARKK", 48.15), ("BND", 72.85), ("VNQ", 88.60), ("VTI", 310.25), ("VXUS", 64.40),
                ], asOf: asOf),
                Layout.table("Securities", ["Symbol", "Name", "Phase Out"], [
                    ["AMZN", "Amazon.com Inc.", "Yes"],
                    ["ARKK", "ARK Innovation ETF", "Yes"],
                ]),
            ])
    }()

    /// The Lot Details sheet as the custodian's download lays it out, every value text.
    static func lotDetails() -> GridSheet {
        struct ExportLot {
            var symbol: String, description: String, opened: String, quantity: String
            var price: Double, unitCost: Double, shares: Double, period: String
        }
        let lots = [
            ExportLot(symbol: "VTI", description: "VANGUARD TOTAL STOCK MARKET ETF", opened: "03/15/2019", quantity: "250",
                      price: 310.25, unitCost: 152.40, shares: 250, period: "Long Term"),
            ExportLot(symbol: "VTI", description: "VANGUARD TOTAL STOCK MARKET ETF", opened: "08/02/2023", quantity: "120",
                      price: 310.25, unitCost: 221.85, shares: 120, period: "Long Term"),
            ExportLot(symbol: "VTI", description: "VANGUARD TOTAL STOCK MARKET ETF", opened: "06/11/2026", quantity: "40",
                      price: 310.25, unitCost: 318.90, shares: 40, period: "Short Term"),
            ExportLot(symbol: "VXUS", description: "VANGUARD TOTAL INTL STOCK ETF", opened: "01/22/2021", quantity: "1,100",
                      price: 64.40, unitCost: 61.75, shares: 1_100, period: "Long Term"),
            ExportLot(symbol: "BND", description: "VANGUARD TOTAL BOND MARKET ETF", opened: "09/30/2020", quantity: "450",
                      price: 72.85, unitCost: 84.10, shares: 450, period: "Long Term"),
            ExportLot(symbol: "AMZN", description: "AMAZON.COM INC", opened: "11/04/2016", quantity: "180",
                      price: 205.40, unitCost: 38.65, shares: 180, period: "Long Term"),
            ExportLot(symbol: "ARKK", description: "ARK INNOVATION ETF", opened: "02/12/2021", quantity: "300",
                      price: 48.15, unitCost: 142.30, shares: 300, period: "Long Term"),
        ]
        func dollars(_ value: Double) -> String {
            let text = Money(cents: Int64((value.magnitude * 100).rounded())).formatted
            return value < 0 ? "-\(text)" : text
        }
        func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func percent(_ value: Double) -> String {
            let hundredths = Int((value.magnitude * 10_000).rounded())
            return "\(value < 0 ? "-" : "")\(hundredths / 100).\(twoDigits(hundredths % 100))%"
        }
        var rows: [[GridCell]] = [
            ["Lot Details for Individual Brokerage ...4471 as of 11/20/2026 04:15 PM ET"],
            [],
            ["Symbol", "Description", "Open Date", "Quantity", "Price", "Cost/Share", "Market Value", "Cost Basis",
             "Gain/Loss $", "Gain/Loss %", "Holding Period"],
        ]
        var marketTotal = 0.0, costTotal = 0.0
        for lot in lots {
            let market = lot.price * lot.shares
            let cost = lot.unitCost * lot.shares
            marketTotal += market
            costTotal += cost
            rows.append([.text(lot.symbol), .text(lot.description), .text(lot.opened), .text(lot.quantity),
                         .text(dollars(lot.price)), .text(dollars(lot.unitCost)), .text(dollars(market)),
                         .text(dollars(cost)), .text(dollars(market - cost)), .text(percent((market - cost) / cost)),
                         .text(lot.period)])
        }
        rows.append(["Account Total", "", "", "", "", "", .text(dollars(marketTotal)), .text(dollars(costTotal)),
                     .text(dollars(marketTotal - costTotal)), .text(percent((marketTotal - costTotal) / costTotal)), ""])
        rows.append([])
        rows.append(["Date downloaded 11/20/2026 4:20 PM ET"])
        rows.append(["Brokerage services are provided by the custodian, Member SIPC. Gain/loss figures are estimates."])
        return GridSheet(name: "Lot Details", rows: rows)
    }
}
