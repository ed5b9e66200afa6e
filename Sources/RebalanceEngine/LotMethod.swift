/// The account's Lot Method: which lots a sale relieves first.
public enum LotMethod: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Lowest rate × (price − unit cost) / price first, by the lot's term rate.
    case taxOptimal = "Tax Optimal"
    /// Highest unit cost first.
    case hifo = "HIFO"
    /// Oldest acquired first.
    case fifo = "FIFO"
    /// Newest acquired first.
    case lifo = "LIFO"

    /// The workbook's spelling.
    public var description: String { rawValue }

    /// The method a Lot Method cell names, ignoring case, spaces and punctuation
    /// (`tax-optimal`, `Hifo`), or spells out (`Highest In, First Out`, `First-In First-Out`,
    /// `Tax Optimized`); `nil` for anything else (a custodian's own method, `Specific ID` or
    /// `Average Cost`, is not one of these four, and is not guessed at).
    public init?(workbookName text: some StringProtocol) {
        func key(_ text: some StringProtocol) -> String {
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: text.unicodeScalars.filter { $0.properties.isAlphabetic })
            return String(kept).lowercased()
        }
        let spelledOut: [String: LotMethod] = [
            "taxoptimized": .taxOptimal, "taxoptimised": .taxOptimal,
            "highestinfirstout": .hifo, "highestcostfirst": .hifo, "highestcost": .hifo,
            "firstinfirstout": .fifo, "lastinfirstout": .lifo,
        ]
        let wanted = key(text)
        guard let match = LotMethod.allCases.first(where: { key($0.rawValue) == wanted }) ?? spelledOut[wanted] else {
            return nil
        }
        self = match
    }
}
