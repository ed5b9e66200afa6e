/// One symbol's row of a model.
public struct ModelTarget: Sendable, Hashable {
    public var symbol: String
    public var target: Rate
    /// The row's own band; nil means the Default Band.
    public var band: Rate?
    public var sector: String?

    public init(symbol: String, target: Rate, band: Rate? = nil, sector: String? = nil) {
        self.symbol = symbol
        self.target = target
        self.band = band
        self.sector = sector
    }
}

/// A model portfolio: its targets in sheet order and the cash target its `CASH` row sets.
public struct Model: Sendable, Hashable {
    /// Empty for the default model (a blank Model cell).
    public var name: String
    public var targets: [ModelTarget]
    public var cashTarget: Rate?

    public init(name: String, targets: [ModelTarget] = [], cashTarget: Rate? = nil) {
        self.name = name
        self.targets = targets
        self.cashTarget = cashTarget
    }
}
