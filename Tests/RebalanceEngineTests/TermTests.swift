import Testing
import RebalanceEngine

@Suite("Holding periods (26 USC 1222, the month-end rule)")
struct TermTests {
    @Test("The contract's four dated examples and their leap-year neighbours", arguments: [
        // The contract's examples.
        ("2025-03-14", "2026-03-15"), ("2024-02-29", "2025-03-01"), ("2023-02-28", "2024-03-01"),
        ("2024-02-28", "2025-03-01"),
        // February around leap years: a month end runs to the next February's last day.
        ("2023-02-27", "2024-02-28"), ("2027-02-28", "2028-03-01"), ("2028-02-28", "2029-03-01"),
        ("2028-02-29", "2029-03-01"), ("2028-02-27", "2029-02-28"), ("2022-02-28", "2023-03-01"),
        ("1999-02-28", "2000-03-01"), ("2099-02-28", "2100-03-01"),
        // Other month ends and the days before them.
        ("2025-01-31", "2026-02-01"), ("2025-01-30", "2026-01-31"), ("2025-04-30", "2026-05-01"),
        ("2025-04-29", "2026-04-30"), ("2025-12-31", "2027-01-01"), ("2025-06-30", "2026-07-01"),
        ("2025-01-01", "2026-01-02"),
    ])
    func longTermStart(acquired: String, start: String) {
        let acquiredOn = date(acquired), startsOn = date(start)
        #expect(Term.longTermStart(acquired: acquiredOn) == startsOn)
        #expect(Term(acquired: acquiredOn, soldOn: startsOn) == .longTerm)
        #expect(Term(acquired: acquiredOn, soldOn: startsOn.adding(days: -1)) == .shortTerm)
        #expect(Term(acquired: acquiredOn, soldOn: acquiredOn) == .shortTerm)
    }

    @Test("Every month end of 2019–2031 turns long-term on the first of the month after, a year on")
    func everyMonthEnd() {
        for year in 2019...2031 {
            for month in 1...12 {
                let acquired = CivilDate(year: year, month: month,
                                         day: CivilDate.daysInMonth(year: year, month: month))!
                let expected = month == 12
                    ? CivilDate(year: year + 2, month: 1, day: 1)!
                    : CivilDate(year: year + 1, month: month + 1, day: 1)!
                #expect(Term.longTermStart(acquired: acquired) == expected, "acquired \(acquired)")
                #expect(Term.holdingYearEnd(acquired: acquired).isLastDayOfMonth)
            }
        }
    }

    @Test("Every other day turns long-term the day after its anniversary")
    func everyOtherDay() {
        var acquired = date("2019-01-01")
        while acquired < date("2032-01-01") {
            defer { acquired = acquired.adding(days: 1) }
            guard !acquired.isLastDayOfMonth else { continue }
            let anniversary = CivilDate(year: acquired.year + 1, month: acquired.month, day: acquired.day)!
            #expect(Term.longTermStart(acquired: acquired) == anniversary.adding(days: 1), "acquired \(acquired)")
        }
    }

    @Test("A Term override wins over the dates", arguments: [
        ("2026-03-01", "2026-03-10", Term.longTerm, Term.longTerm),
        ("2010-01-04", "2026-03-10", Term.shortTerm, Term.shortTerm),
    ])
    func overrideWins(acquired: String, sold: String, override: Term, expected: Term) {
        #expect(Term(acquired: date(acquired), soldOn: date(sold), override: override) == expected)
        let inherited = lot("L1", shares: 10, basis: "100", acquired: acquired, term: override)
        #expect(inherited.term(on: date(sold)) == expected)
    }

    @Test("Terms read as the workbook writes them")
    func workbookSpelling() {
        #expect(Term(rawValue: "ST") == .shortTerm)
        #expect(Term(rawValue: "LT") == .longTerm)
        #expect(Term.longTerm.description == "LT")
    }
}
