/// A calendar date without a time zone: birth dates are days, not instants, so Foundation's `Date` would only add
/// time-zone ways to be off by one.
struct CivilDate: Hashable, Sendable {
  var year: Int
  var month: Int
  var day: Int

  static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11:
      return 30
    default:
      return 31
    }
  }

  /// `1980-03-05`: the canonical form the manifest counts.
  var iso: String { "\(year)-\(Self.pad(month))-\(Self.pad(day))" }

  /// `03/05/1980`, as US spreadsheets write it.
  var usNumeric: String { "\(Self.pad(month))/\(Self.pad(day))/\(year)" }

  /// `March 5, 1980`, as letters write it.
  var longForm: String { "\(NameBank.monthNames[month - 1]) \(day), \(year)" }

  private static func pad(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}
