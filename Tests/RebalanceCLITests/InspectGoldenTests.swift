import Foundation
import Testing
import XLSXTestSupport

/// Compares text with a golden file beside the tests; `REBALANCER_RECORD_GOLDEN=1` re-records it.
func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["REBALANCER_RECORD_GOLDEN"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    guard expected != actual else { return }
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for i in 0..<max(e.count, a.count) where i >= e.count || i >= a.count || e[i] != a[i] {
        if i < e.count { diff.append("- \(i + 1): \(e[i])") }
        if i < a.count { diff.append("+ \(i + 1): \(a[i])") }
        if diff.count > 40 { break }
    }
    Issue.record("\(name) differs from its golden file (REBALANCER_RECORD_GOLDEN=1 re-records it):\n\(diff.joined(separator: "\n"))",
                 sourceLocation: sourceLocation)
}

@Suite("rebalancer inspect's contract view")
struct InspectGoldenTests {
    /// A PM's messy book: notes above headers, custodian column names, text money and
    /// dates, percents as plain numbers, a total row, a hidden old sheet, an extra sheet,
    /// and three mistakes.
    static let messy = XLSXFixture.contractBook([
        ("Read Me", [["Rebalance for the Park household, Q4"]]),
        ("Settings", [["Setting", "Value"], ["As Of Date", "11/20/2026"], ["Tax Budget", "$2,500"], ["Default Band", 3],
                      ["Wash Sale Days", 30], ["Colour", "Green"]]),
        ("Accounts", [["Account #", "Account Type", "Household", "Cash Balance", "Withdrawal"],
                      ["P-TAX", "Joint", "Park", "$12,000.00", "$5,000.00"], ["P-IRA", "IRA", "Park", "$800.00", "--"]]),
        ("Tax Lots", [["Unrealized gain/loss by lot, as of 11/20/2026"], [],
                      ["Account Number", "Symbol", "Shares", "Cost Basis Total", "Date Acquired", "Market Value", "Term"],
                      ["P-TAX", "VTI", "200", "$41,000.00", "03/14/2025", "$52,000.00", nil],
                      ["P-TAX", "IEFA", "300", "$24,300.00", "02/29/2024", "$21,600.00", nil],
                      ["P-TAX", "XOM", "-5", "$500.00", "01/02/2020", "$520.00", "LT"],
                      ["Account Total", nil, nil, "$65,800.00"],
                      ["P-IRA", "BND", "150", "$11,100.00", "06/30/2022", "$10,900.00", "Inherited"],
                      ["P-IRA", "BND", "20", "$1,500.00", "02/30/2025", "$1,453.00", nil]]),
        ("Holdings", [["Account", "Symbol", "Quantity", "Cost Basis", "Acquired"]]),
        ("Model Weights", [["Ticker", "Weight", "Tolerance"], ["VTI", 55, 3], ["IEFA", 25, nil], ["BND", 17, nil], ["CASH", 3, nil]]),
        ("Prices", [["Symbol", "Close", "Price Date", "Source"], ["VTI", "$260.00", "11/20/2026", "Custodian"],
                    ["IEFA", "$72.00", "11/19/2026", "Custodian"], ["BND", "$72.65", nil, nil]]),
    ], hidden: ["Holdings"])

    @Test("A messy book's contract view matches its golden file")
    func messyBook() throws {
        let path = try Self.messy.write(named: "Park household.xlsx")
        let result = try runRebalancer(["inspect", path, "--as-of", "2026-11-20"])
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        try expectGolden(result.stdout.replacingOccurrences(of: path, with: "BOOK"), named: "inspect-messy.txt")
    }
}
