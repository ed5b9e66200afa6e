/// The engine's phases, in the order they run (WORKBOOK.md, Phases).
public enum Phase: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case manual = "Manual"
    case harvest = "Harvest"
    case phaseOut = "Phase Out"
    case raiseCash = "Raise Cash"
    case rebalance = "Rebalance"

    private var order: Int { Phase.allCases.firstIndex(of: self)! }
    public static func < (a: Phase, b: Phase) -> Bool { a.order < b.order }
}
