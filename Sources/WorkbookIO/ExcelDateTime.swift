/// A calendar date and time of day as a cell shows it, with no time zone.
public struct ExcelDateTime: Sendable, Equatable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Milliseconds since midnight.
    public var milliseconds: Int
    /// A serial below one day in a date format: a time of day with no date.
    public var isTimeOnly: Bool

    public init(year: Int, month: Int, day: Int, milliseconds: Int = 0, isTimeOnly: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.milliseconds = milliseconds
        self.isTimeOnly = isTimeOnly
    }

    public static func < (a: ExcelDateTime, b: ExcelDateTime) -> Bool {
        (a.year, a.month, a.day, a.milliseconds) < (b.year, b.month, b.day, b.milliseconds)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's civil_from_days).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Whether a year, month and day name a real date.
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return day <= (month == 2 && leap ? 29 : lengths[month - 1])
    }

    /// The date a serial stands for in a workbook's date system, or nil outside years 1-9999.
    ///
    /// 1900 system: serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never
    /// was, so serials 1-59 are shifted one day back onto the real calendar (ECMA-376 Part 1,
    /// 18.17.4.1). 1904 system: serial 0 is 1904-01-01. A serial in [0, 1) is a time of day.
    /// The fraction is rounded to the millisecond.
    public init?(serial: Double, uses1904: Bool) {
        guard serial.isFinite, abs(serial) < 3_000_000 else { return nil }
        let whole = serial.rounded(.down)
        var ms = Int(((serial - whole) * 86_400_000).rounded(.toNearestOrEven))
        var dayCount = Int(whole)
        if ms >= 86_400_000 { ms -= 86_400_000; dayCount += 1 }
        if serial >= 0 && serial < 1 && dayCount == 0 {
            self.init(year: 1899, month: 12, day: 30, milliseconds: ms, isTimeOnly: true)
            return
        }
        let epoch = uses1904
            ? ExcelDateTime.daysFromCivil(year: 1904, month: 1, day: 1)
            : ExcelDateTime.daysFromCivil(year: 1899, month: 12, day: 30)
        if !uses1904 && serial > 0 && serial < 60 { dayCount += 1 }
        let (y, m, d) = ExcelDateTime.civilFromDays(epoch + dayCount)
        guard (1...9999).contains(y) else { return nil }
        self.init(year: y, month: m, day: d, milliseconds: ms)
    }

    /// Reads an ISO 8601 date or date-time (`t="d"` cells): `2026-03-15`,
    /// `2026-03-15T09:30:00`, `2026-03-15T09:30:00.250Z`, or a time `09:30:00`.
    init?(iso text: String) {
        let trimmed = text.trimmingCharacters(in: " ")
        let parts = trimmed.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        func number(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(s)
        }
        func time(_ s: Substring) -> Int? {
            var body = s
            if let zone = body.firstIndex(where: { $0 == "Z" || $0 == "+" || ($0 == "-") }) {
                body = body[..<zone]
            }
            let hms = body.split(separator: ":", omittingEmptySubsequences: false)
            guard hms.count >= 2, hms.count <= 3, let h = number(hms[0]), let mi = number(hms[1]),
                  h < 24, mi < 60 else { return nil }
            var ms = 0
            if hms.count == 3 {
                let secParts = hms[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                guard let sec = number(secParts[0]), sec < 60 else { return nil }
                ms = sec * 1000
                if secParts.count == 2 {
                    let digits = secParts[1].prefix(3)
                    guard let frac = number(digits) else { return nil }
                    ms += frac * [100, 10, 1][digits.count - 1]
                }
            }
            return (h * 60 + mi) * 60_000 + ms
        }
        if parts.count == 1 && trimmed.contains(":") {
            guard let ms = time(parts[0]) else { return nil }
            self.init(year: 1899, month: 12, day: 30, milliseconds: ms, isTimeOnly: true)
            return
        }
        let ymd = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard ymd.count == 3, let y = number(ymd[0]), let m = number(ymd[1]), let d = number(ymd[2]),
              ExcelDateTime.isValid(year: y, month: m, day: d) else { return nil }
        var ms = 0
        if parts.count == 2 {
            guard let t = time(parts[1]) else { return nil }
            ms = t
        }
        self.init(year: y, month: m, day: d, milliseconds: ms)
    }

    /// ISO 8601: `2026-03-15`, `2026-03-15T09:30:00`, or `09:30:00` for a time of day
    /// (`09:30:00.250000` when it has a fraction of a second).
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        let seconds = milliseconds / 1000
        let clock = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if isTimeOnly {
            let fraction = milliseconds % 1000
            return fraction == 0 ? clock : clock + "." + pad(fraction * 1000, 6)
        }
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        return milliseconds == 0 ? date : date + "T" + clock
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
