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

    public static func == (a: WashSaleFamily, b: WashSaleFamily) -> Bool {
        a.identicalGroup == b.identicalGroup && (a.identicalGroup != nil || a.members == b.members)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(identicalGroup)
        if identicalGroup == nil { hasher.combine(members.first) }
    }
}

/// The wash-sale families of a book, from the Securities sheet's Identical Group column.
public struct SecurityFamilies: Sendable, Hashable {
    private let groupBySymbol: [String: String]
    private let membersByGroup: [String: [String]]
    private let familyBySymbol: [String: WashSaleFamily]

    /// Families from each symbol's Identical Group; symbols with no group are families of one.
    public init(identicalGroups: [String: String]) {
        var members: [String: [String]] = [:]
        for (symbol, group) in identicalGroups {
            members[group, default: []].append(symbol)
        }
        groupBySymbol = identicalGroups
        let sortedMembers = members.mapValues { $0.sorted() }
        membersByGroup = sortedMembers
        var families: [String: WashSaleFamily] = [:]
        for (symbol, group) in identicalGroups {
            families[symbol] = WashSaleFamily(identicalGroup: group, members: sortedMembers[group] ?? [symbol])
        }
        familyBySymbol = families
    }

    /// A book with no Identical Groups.
    public static let none = SecurityFamilies(identicalGroups: [:])

    /// The family of `symbol`: itself plus every symbol sharing its Identical Group.
    public func family(of symbol: String) -> WashSaleFamily {
        familyBySymbol[symbol] ?? WashSaleFamily(identicalGroup: nil, members: [symbol])
    }

    /// Whether two symbols are one family.
    public func areIdentical(_ a: String, _ b: String) -> Bool {
        family(of: a) == family(of: b)
    }
}
