import Testing
import RebalanceEngine

@Suite("Rebalance: bands, caps, sectors, rounding")
struct RebalanceScenarioTests {
    /// $100,000 investable: AAPL 20% against 15% ±2%, BND 79% against 84% ±2%, cash 1%.
    func twoSlotBook(budget: TaxBudget = .limit(usd("5000"))) -> BookBuilder {
        var book = BookBuilder()
        book.account("TAX-1", cash: "1000", cashTarget: "0.01", budget: budget)
        book.hold("A1", "AAPL", 150, basis: "9000", acquired: "2020-03-02")
        book.hold("A2", "AAPL", 50, basis: "4750", acquired: "2026-06-01")
        book.hold("B1", "BND", 1580, basis: "80000", acquired: "2021-01-04")
        book.target("AAPL", "0.15")
        book.target("BND", "0.84")
        book.prices = ["AAPL": "100", "BND": "50"]
        return book
    }

    @Test func overweightIsSoldToTargetWithItsReasonAndTheProceedsBuyTheUnderweight() throws {
        let plan = try twoSlotBook().plan()
        let sale = try #require(plan.trade("TAX-1", "AAPL", .sell, .rebalance))
        #expect(sale.quantity == shares(50))
        #expect(sale.amount == usd("5000"))
        #expect(sale.realizedShortTerm == usd("250"))
        #expect(sale.estimatedTax == usd("102"))
        #expect(sale.reason == "Sell 50 AAPL: 5% over its 15% target ±2%; lot A2 (ST, +$250.00); "
            + "est. tax $102.00 of the $5,000.00 budget")
        let buy = try #require(plan.trade("TAX-1", "BND", .buy, .rebalance))
        #expect(buy.quantity == shares(100))
        #expect(plan.cash("TAX-1")?.cashAfter == usd("1000"))
        #expect(plan.drift("TAX-1", "AAPL")?.status == .inBand)
        #expect(plan.drift("TAX-1", "AAPL")?.weightAfter == 0.15)
        #expect(plan.drift("TAX-1", "BND")?.weightAfter == 0.84)
    }
}
