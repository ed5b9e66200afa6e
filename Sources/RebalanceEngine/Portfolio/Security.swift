/// A firm-wide trading restriction from the Securities sheet.
public enum Restriction: String, Sendable, Hashable, Codable {
    case noBuy = "No Buy"
    case noSell = "No Sell"
    case noTrade = "No Trade"
    /// Kept untouched and outside weights and drift.
    case hold = "Hold"

    public var blocksBuying: Bool { self != .noSell }
    public var blocksSelling: Bool { self != .noBuy }
}

/// What the Securities sheet says of one symbol.
public struct Security: Sendable, Hashable {
    public var symbol: String
    public var name: String?
    public var sector: String?
    public var identicalGroup: String?
    public var exposureGroup: String?
    /// Replacements in order of preference.
    public var replacements: [String]
    public var restriction: Restriction?
    public var phaseOut: Bool

    public init(symbol: String, name: String? = nil, sector: String? = nil, identicalGroup: String? = nil,
                exposureGroup: String? = nil, replacements: [String] = [], restriction: Restriction? = nil,
                phaseOut: Bool = false) {
        self.symbol = symbol
        self.name = name
        self.sector = sector
        self.identicalGroup = identicalGroup
        self.exposureGroup = exposureGroup
        self.replacements = replacements
        self.restriction = restriction
        self.phaseOut = phaseOut
    }
}

/// An exposure group's cap on the summed weight of its members.
public struct ExposureGroupCap: Sendable, Hashable {
    public var group: String
    public var maxWeight: Rate

    public init(group: String, maxWeight: Rate) {
        self.group = group
        self.maxWeight = maxWeight
    }
}

/// A sector's absolute band around the summed model targets in it.
public struct SectorBand: Sendable, Hashable {
    public var sector: String
    public var band: Rate

    public init(sector: String, band: Rate) {
        self.sector = sector
        self.band = band
    }
}
