import Testing
import RebalanceEngine

@Suite("Calendar dates")
struct CivilDateTests {
    @Test("Days since 1970-01-01", arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("2000-03-01", 11_017), ("2026-03-15", 20_527),
        ("1900-03-01", -25_508), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ])
    func daysSinceEpoch(iso: String, days: Int) {
        #expect(date(iso).daysSinceEpoch == days)
        #expect(CivilDate(daysSinceEpoch: days) == date(iso))
    }

    @Test("Every day from 1896 to 2104 round-trips and follows the previous one")
    func roundTrips() {
        var previous = date("1895-12-31")
        for days in date("1896-01-01").daysSinceEpoch...date("2104-12-31").daysSinceEpoch {
            let day = CivilDate(daysSinceEpoch: days)
            #expect(day.daysSinceEpoch == days)
            #expect(previous < day)
            let expectedNext: CivilDate
            if previous.day < CivilDate.daysInMonth(year: previous.year, month: previous.month) {
                expectedNext = CivilDate(year: previous.year, month: previous.month, day: previous.day + 1)!
            } else if previous.month < 12 {
                expectedNext = CivilDate(year: previous.year, month: previous.month + 1, day: 1)!
            } else {
                expectedNext = CivilDate(year: previous.year + 1, month: 1, day: 1)!
            }
            #expect(day == expectedNext)
            previous = day
        }
    }

    @Test("Adding days crosses months, years and leap days", arguments: [
        ("2026-02-13", 30, "2026-03-15"), ("2026-02-13", 31, "2026-03-16"), ("2024-02-13", 30, "2024-03-14"),
        ("2025-12-15", 30, "2026-01-14"), ("2024-02-28", 1, "2024-02-29"), ("2024-03-01", -1, "2024-02-29"),
        ("2023-03-01", -1, "2023-02-28"), ("2026-03-02", -30, "2026-01-31"),
    ])
    func addsDays(start: String, days: Int, expected: String) {
        #expect(date(start).adding(days: days) == date(expected))
        #expect(date(expected).days(since: date(start)) == days)
    }

    @Test("Impossible days are refused", arguments: [
        (2025, 2, 29), (1900, 2, 29), (2026, 4, 31), (2026, 13, 1), (2026, 0, 1), (2026, 1, 0), (0, 1, 1),
    ])
    func refusesImpossibleDays(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) == nil)
    }

    @Test("Leap years follow the Gregorian rule", arguments: [
        (2024, true), (2025, false), (1900, false), (2000, true), (2100, false), (2400, true),
    ])
    func leapYears(year: Int, leap: Bool) {
        #expect(CivilDate.isLeapYear(year) == leap)
        #expect((CivilDate(year: year, month: 2, day: 29) != nil) == leap)
    }

    @Test("ISO text reads and writes", arguments: [
        ("2026-03-15", true), ("0999-01-01", true), ("2026-3-15", false), ("2026/03/15", false),
        ("2026-02-30", false), ("26-03-15", false), ("2026-03-15T00:00", false), ("+026-03-15", false),
    ])
    func isoText(text: String, valid: Bool) {
        let parsed = CivilDate(iso: text)
        #expect((parsed != nil) == valid)
        if let parsed { #expect(parsed.description == text) }
    }

    @Test("Month ends", arguments: [
        ("2024-02-29", true), ("2023-02-28", true), ("2024-02-28", false), ("2025-04-30", true),
        ("2025-12-31", true), ("2025-01-30", false),
    ])
    func monthEnds(iso: String, last: Bool) {
        #expect(date(iso).isLastDayOfMonth == last)
    }
}
