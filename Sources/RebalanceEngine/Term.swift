/// The holding period class of a lot at a trade date: short-term or long-term.
public enum Term: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Held one year or less (26 USC 1222(1)); the workbook writes `ST`.
    case shortTerm = "ST"
    /// Held more than one year (26 USC 1222(3)); the workbook writes `LT`.
    case longTerm = "LT"

    /// The workbook's spelling, `ST` or `LT`.
    public var description: String { rawValue }

    /// `rawValue` where the program keeps its bytes: a sentence copies it without asking a
    /// `String` where they are (callgrind).
    var text: StaticString {
        switch self {
        case .shortTerm: "ST"
        case .longTerm: "LT"
        }
    }

    /// The term of a lot acquired on `acquired` and sold on `soldOn`; an `override` wins.
    ///
    /// Long-term when the trade date is after the end of the holding year
    /// (`holdingYearEnd(acquired:)`). The Lots sheet's Term override covers inherited shares,
    /// long-term whatever their date (26 USC 1223(9)), and gifts that keep the donor's period.
    public init(acquired: CivilDate, soldOn: CivilDate, override: Term? = nil) {
        if let override {
            self = override
        } else {
            self = soldOn > Term.holdingYearEnd(acquired: acquired) ? .longTerm : .shortTerm
        }
    }

    /// The last day of the holding year of a lot acquired on `acquired`.
    ///
    /// The same date one year later, except that a lot acquired on the last day of a month
    /// ends its year on the last day of that month a year later (Caspe v. US, 8th Cir. 1982):
    /// 2024-02-29 ends on 2025-02-28 and 2023-02-28 on 2024-02-29.
    public static func holdingYearEnd(acquired: CivilDate) -> CivilDate {
        let year = acquired.year + 1
        let day = acquired.isLastDayOfMonth
            ? CivilDate.daysInMonth(year: year, month: acquired.month)
            : acquired.day
        // Only February 29 lacks a twin a year later, and it is a month end.
        return CivilDate(year: year, month: acquired.month, day: day)!
    }

    /// The first trade date on which a lot acquired on `acquired` is long-term.
    ///
    /// Acquired 2025-03-14: 2026-03-15. 2024-02-29: 2025-03-01. 2023-02-28: 2024-03-01.
    /// 2024-02-28: 2025-03-01.
    public static func longTermStart(acquired: CivilDate) -> CivilDate {
        holdingYearEnd(acquired: acquired).adding(days: 1)
    }
}
