/// A symbol and every symbol sharing its Identical Group: what 26 USC 1091 treats as
/// "substantially identical" for wash sales (GOOG and GOOGL are one family).
public struct WashSaleFamily: Sendable, Hashable, CustomStringConvertible {
    /// The Securities sheet's Identical Group, or `nil` for a symbol in none.
    public let identicalGroup: String?
    /// The group's members, sorted (none for a family of one).
    fileprivate let groupMembers: [String]
    /// The symbol of a family of one.
    private let single: String

    init(identicalGroup: String, members: [String]) {
        self.identicalGroup = identicalGroup
        groupMembers = members
        single = ""
    }

    /// The family of a symbol in no Identical Group (made without allocating).
    init(single symbol: String) {
        identicalGroup = nil
        groupMembers = []
        single = symbol
    }

    /// The members, sorted.
    public var members: [String] { identicalGroup == nil ? [single] : groupMembers }

    /// Whether `symbol` is a member.
    public func contains(_ symbol: String) -> Bool {
        identicalGroup == nil ? symbol == single : groupMembers.contains(symbol)
    }

    /// The members as the Wash Sale sheet lists them: `GOOG, GOOGL`.
    public var description: String { identicalGroup == nil ? single : groupMembers.joined(separator: ", ") }

    /// Each member in turn, sorted, with no list made for a family of one.
    func forEachMember(_ body: (String) -> Void) {
        if identicalGroup == nil { body(single) } else { groupMembers.forEach(body) }
    }

    public static func == (a: WashSaleFamily, b: WashSaleFamily) -> Bool {
        a.identicalGroup == b.identicalGroup && (a.identicalGroup != nil || a.single == b.single)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(identicalGroup)
        if identicalGroup == nil { hasher.combine(single) }
    }
}

/// The wash-sale families of a book, from the Securities sheet's Identical Group column.
/// Two are equal when they group the same symbols the same way.
public struct SecurityFamilies: Sendable, Hashable {
    private let groupBySymbol: [String: String]
    private let membersByGroup: [String: [String]]
    /// Every grouped symbol's family, asked at each wash-sale question.
    private let familyBySymbol: NameTable<WashSaleFamily>
    /// Every grouped symbol's group, numbered: what `areIdentical` compares (two families
    /// made to be compared copied their member lists; callgrind).
    private let groupNumberBySymbol: NameTable<Int>

    /// Families from each symbol's Identical Group; symbols with no group are families of one.
    public init(identicalGroups: [String: String]) {
        var members = [String: [String]](minimumCapacity: identicalGroups.count)
        for (symbol, group) in identicalGroups {
            members[group, default: []].append(symbol)
        }
        groupBySymbol = identicalGroups
        let sortedMembers = members.mapValues { $0.sorted() }
        membersByGroup = sortedMembers
        var families = NameTable<WashSaleFamily>(minimumCapacity: identicalGroups.count)
        var numbers = NameTable<Int>(minimumCapacity: identicalGroups.count)
        // Group by group, each numbered by its place: each symbol's group looked up again, and
        // numbered through a table of groups, hashed the names three times more (callgrind).
        for (number, group) in sortedMembers.enumerated() {
            let family = WashSaleFamily(identicalGroup: group.key, members: group.value)
            for symbol in group.value {
                families.set(family, for: symbol)
                numbers.set(number, for: symbol)
            }
        }
        familyBySymbol = families
        groupNumberBySymbol = numbers
    }

    public static func == (a: SecurityFamilies, b: SecurityFamilies) -> Bool {
        a.groupBySymbol == b.groupBySymbol
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(groupBySymbol)
    }

    /// A book with no Identical Groups.
    public static let none = SecurityFamilies(identicalGroups: [:])

    /// The family of `symbol`: itself plus every symbol sharing its Identical Group.
    public func family(of symbol: String) -> WashSaleFamily {
        familyBySymbol[symbol] ?? WashSaleFamily(single: symbol)
    }

    /// The members of `symbol`'s Identical Group, sorted; `nil` for a symbol in none. No
    /// family is made: `family(of:)` copies three parts and lets them go.
    func groupMembers(of symbol: String) -> [String]? {
        guard !familyBySymbol.isEmpty, let entry = familyBySymbol.index(of: symbol) else { return nil }
        return familyBySymbol[at: entry].groupMembers
    }

    /// `symbol`'s Identical Group; `nil` for a symbol in none. No family is made (see
    /// `groupMembers(of:)`).
    func identicalGroup(of symbol: String) -> String? {
        guard !familyBySymbol.isEmpty, let entry = familyBySymbol.index(of: symbol) else { return nil }
        return familyBySymbol[at: entry].identicalGroup
    }

    /// Whether two symbols are one family.
    public func areIdentical(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let first = groupNumberBySymbol[a], let second = groupNumberBySymbol[b] else { return false }
        return first == second
    }
}

extension Universe {
    /// Whether two symbols are one family (`SecurityFamilies.areIdentical`), asked where the
    /// universe keeps its families: asked as `universe.families.areIdentical` inside a
    /// planning's mutating method, the families were copied out first, four tables retained
    /// and released, at every question (callgrind).
    func areIdentical(_ a: String, _ b: String) -> Bool {
        families.areIdentical(a, b)
    }
}
