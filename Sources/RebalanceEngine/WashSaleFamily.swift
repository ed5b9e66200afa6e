/// A symbol and every symbol sharing its Identical Group: what 26 USC 1091 treats as
/// "substantially identical" for wash sales (GOOG and GOOGL are one family).
public struct WashSaleFamily: Sendable, Hashable, CustomStringConvertible {
    /// The Securities sheet's Identical Group, or `nil` for a symbol in none.
    public let identicalGroup: String?
    /// The members, sorted.
    public let members: [String]

    /// Whether `symbol` is a member.
    public func contains(_ symbol: String) -> Bool {
        members.contains(symbol)
    }

    /// The members as the Wash Sale sheet lists them: `GOOG, GOOGL`.
    public var description: String { members.joined(separator: ", ") }
}

/// The wash-sale families of a book, from the Securities sheet's Identical Group column.
public struct SecurityFamilies: Sendable, Hashable {
    private let groupBySymbol: [String: String]
    private let membersByGroup: [String: [String]]

    /// Families from each symbol's Identical Group; symbols with no group are families of one.
    public init(identicalGroups: [String: String]) {
        var members: [String: [String]] = [:]
        for (symbol, group) in identicalGroups {
            members[group, default: []].append(symbol)
        }
        groupBySymbol = identicalGroups
        membersByGroup = members.mapValues { $0.sorted() }
    }

    /// A book with no Identical Groups.
    public static let none = SecurityFamilies(identicalGroups: [:])

    /// The family of `symbol`: itself plus every symbol sharing its Identical Group.
    public func family(of symbol: String) -> WashSaleFamily {
        guard let group = groupBySymbol[symbol], let members = membersByGroup[group] else {
            return WashSaleFamily(identicalGroup: nil, members: [symbol])
        }
        return WashSaleFamily(identicalGroup: group, members: members)
    }

    /// Whether two symbols are one family.
    public func areIdentical(_ a: String, _ b: String) -> Bool {
        family(of: a) == family(of: b)
    }
}
