import RebalanceEngine

extension InputSheetWriter {
    /// Model: each model's targets in order, then its `CASH` row when it sets a cash target;
    /// the default model's rows leave Model blank.
    func writeModels() throws {
        let rows: [[SheetCell]] = portfolio.models.flatMap { model -> [[SheetCell]] in
            var rows = model.targets.map { target -> [SheetCell] in
                [
                    .optionalText(model.name), .text(target.symbol), .rate(target.target),
                    target.band.map { .rate($0) } ?? .blank, .optionalText(target.sector),
                ]
            }
            if let cash = model.cashTarget {
                rows.append([.optionalText(model.name), .text("CASH"), .rate(cash), .blank, .blank])
            }
            return rows
        }
        try writeTable("Model", columns: ["Model", "Symbol", "Target", "Band", "Sector"], rows: rows,
                       count: rows.count) { $0 }
    }

    /// Prices: each price with its As Of and Source; an Override column only when a price
    /// came from one, and then the price is written there.
    func writePrices() throws {
        let hasOverrides = portfolio.prices.contains { $0.origin == .override }
        let columns = ["Symbol", "Price", "As Of", "Source"] + (hasOverrides ? ["Override"] : [])
        try writeTable("Prices", columns: columns, rows: portfolio.prices, count: portfolio.prices.count) { price in
            let isOverride = price.origin == .override
            var cells: [SheetCell] = [
                .text(price.symbol), isOverride ? .blank : .price(price.price), .date(price.asOf),
                .optionalText(price.source),
            ]
            if hasOverrides { cells.append(isOverride ? .price(price.price) : .blank) }
            return cells
        }
    }
}
