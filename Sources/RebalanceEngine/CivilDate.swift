/// A calendar date with no time and no zone: a trade date, an acquisition date, an As Of.
///
/// The engine never asks a clock or a time zone; dates arrive as inputs and move by
/// whole days on the proleptic Gregorian calendar (Howard Hinnant's days-from-civil).
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1 through 9999.
    public let year: Int
    /// The month, 1 through 12.
    public let month: Int
    /// The day of the month, 1 through the month's length.
    public let day: Int

    /// The date, or `nil` when no such day exists (`2025-02-29`) or the year is outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// An ISO date, `2026-03-15`; `nil` for any other text or an impossible day.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date `days` days after 1970-01-01 (negative for earlier).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        precondition((1...9999).contains(year), "date out of range")
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Days from 1970-01-01 to this date.
    ///
    /// The year is 1...9999 (every initializer checks it), so no part is negative: worked
    /// out unsigned, each division by a constant is a multiply and a shift, with no steps for
    /// a negative dividend (callgrind).
    public var daysSinceEpoch: Int {
        let y = UInt(month <= 2 ? year - 1 : year)
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * UInt(month > 2 ? month - 3 : month + 9) + 2) / 5 + UInt(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int(era * 146_097 + dayOfEra) - 719_468
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Whole days from `earlier` to this date; negative when `earlier` is later.
    public func days(since earlier: CivilDate) -> Int {
        daysSinceEpoch - earlier.daysSinceEpoch
    }

    /// Whether the date is the last day of its month (`2024-02-29`, `2023-02-28`, `2025-04-30`).
    public var isLastDayOfMonth: Bool {
        day == CivilDate.daysInMonth(year: year, month: month)
    }

    /// Whether `year` has a February 29.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The ISO form, `2026-03-15`.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { text in
            writeISO(into: text)
            return 10
        }
    }

    /// Writes the ISO form's ten ASCII bytes at the start of `text`: the year is 1...9999,
    /// so every field has a fixed width. Each digit is written by its place: a loop over a
    /// field's places, reversed, took some 190 instructions a date (callgrind).
    func writeISO(into text: UnsafeMutableBufferPointer<UInt8>) {
        precondition(text.count >= 10, "an ISO date is ten bytes")
        let zero = UInt8(ascii: "0")
        let year = UInt(year), month = UInt(month), day = UInt(day)
        text[0] = zero + UInt8(year / 1000)
        text[1] = zero + UInt8(year / 100 % 10)
        text[2] = zero + UInt8(year / 10 % 10)
        text[3] = zero + UInt8(year % 10)
        text[4] = UInt8(ascii: "-")
        text[5] = zero + UInt8(month / 10)
        text[6] = zero + UInt8(month % 10)
        text[7] = UInt8(ascii: "-")
        text[8] = zero + UInt8(day / 10)
        text[9] = zero + UInt8(day % 10)
    }

    /// The date as one number that orders as the date does (year, month and day in bits of
    /// their own), for sort entries made of numbers alone.
    var orderKey: Int32 {
        Int32(year << 9 | month << 5 | day)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Encoded as its ISO text, `"2026-03-15"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected an ISO date, found \"\(text)\".")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
