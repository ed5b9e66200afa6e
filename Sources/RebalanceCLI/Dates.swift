import ArgumentParser
import Glibc
import RebalanceEngine

/// Today's date on this computer's calendar: the only clock the tool reads, used when
/// neither `--as-of` nor the As Of Date setting gives the run's date.
func todayOnThisComputer() -> CivilDate {
    var now = time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    return CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
}

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(iso: argument)
    }
}
