import Pricing
import RebalanceEngine
import WorkbookIO

/// Reads a workbook and resolves its prices from the workbook alone (no cache, no quote
/// API), with the chain's problems as diagnostics: what a run with nothing else gives.
func readPriced(path: String, asOf: CivilDate? = nil, today: CivilDate) throws -> PortfolioReading {
    var reading = try PortfolioReader.read(path: path, asOf: asOf, today: today)
    guard var portfolio = reading.portfolio else { return reading }
    let resolution = PriceChain.resolve(reading.priceRequests, settings: portfolio.settings,
                                        options: .workbookOnly(today: today))
    for problem in resolution.problems {
        let severity: Diagnostic.Severity = problem.severity == .error ? .error : problem.severity == .warning ? .warning : .info
        reading.diagnostics.append(Diagnostic(severity, problem.place, problem.message))
    }
    portfolio.prices = resolution.prices
    reading.portfolio = resolution.errors.isEmpty ? portfolio : nil
    return reading
}
