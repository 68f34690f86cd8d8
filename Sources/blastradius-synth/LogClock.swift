/// The advancing timestamp of a generated log, kept as calendar fields so each line formats it with a few digit
/// writes instead of a date formatter.
struct LogClock {
  private var year: Int
  private var month: Int
  private var day: Int
  private var millisecondOfDay: Int

  init(start: CivilDate, millisecondOfDay: Int) {
    year = start.year
    month = start.month
    day = start.day
    self.millisecondOfDay = millisecondOfDay
  }

  mutating func advance(milliseconds: Int) {
    millisecondOfDay += milliseconds
    while millisecondOfDay >= 86_400_000 {
      millisecondOfDay -= 86_400_000
      day += 1
      if day > CivilDate.daysInMonth(month, year: year) {
        day = 1
        month += 1
        if month > 12 {
          month = 1
          year += 1
        }
      }
    }
  }

  /// `2024-03-14T08:15:02.331Z`
  func write(to out: ByteBlockWriter) {
    out.appendDigits(year, width: 4)
    out.append(UInt8(ascii: "-"))
    out.appendDigits(month, width: 2)
    out.append(UInt8(ascii: "-"))
    out.appendDigits(day, width: 2)
    out.append(UInt8(ascii: "T"))
    out.appendDigits(millisecondOfDay / 3_600_000, width: 2)
    out.append(UInt8(ascii: ":"))
    out.appendDigits(millisecondOfDay / 60_000 % 60, width: 2)
    out.append(UInt8(ascii: ":"))
    out.appendDigits(millisecondOfDay / 1000 % 60, width: 2)
    out.append(UInt8(ascii: "."))
    out.appendDigits(millisecondOfDay % 1000, width: 3)
    out.append(UInt8(ascii: "Z"))
  }
}
