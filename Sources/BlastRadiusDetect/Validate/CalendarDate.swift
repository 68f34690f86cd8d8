import BlastRadiusBase

/// A Gregorian calendar date recognised in text, such as a date of birth.
///
/// Parsing is deliberately narrow: only a fixed set of common written forms,
/// only real calendar days, and only years from 1900 up to a caller-supplied
/// latest year, so version numbers, IP fragments and part numbers that merely
/// look date-shaped are not reported.
package struct CalendarDate: Sendable, Equatable, Hashable {
  package let year: Int
  package let month: Int
  package let day: Int

  /// Creates a date without validation; use `parse` for untrusted input.
  package init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date as ISO 8601 `YYYY-MM-DD`, zero-padded, e.g. "1980-01-05".
  package var iso: String {
    Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
  }

  /// Parses the whole of `ascii` (no surrounding text) as a date in one of:
  ///
  /// - `MM/DD/YYYY`, `M/D/YYYY`, `MM-DD-YYYY`, `MM.DD.YYYY` (one or two digit
  ///   month and day, the same separator twice). US month-first order, except
  ///   that when the first number exceeds 12 and the second does not, the
  ///   input can only be day-first, so it is read that way.
  /// - `YYYY-MM-DD`, `YYYY/MM/DD` (two-digit month and day).
  /// - English month names, full or three-letter (an abbreviation may carry a
  ///   trailing dot), any case: `Jan 5, 1980`, `January 5 1980`,
  ///   `5 January 1980`, `5 Jan. 1980`.
  ///
  /// Returns nil unless the year is in 1900...latestYear and the day exists
  /// in that month (leap years follow the Gregorian rule, so 1900-02-29 is
  /// rejected and 2000-02-29 accepted).
  package static func parse(_ ascii: [UInt8], latestYear: Int) -> CalendarDate? {
    guard let tokens = tokenize(ascii) else { return nil }
    if let date = parseNumeric(tokens) ?? parseMonthFirst(tokens) ?? parseDayFirst(tokens) {
      return validated(date, latestYear: latestYear)
    }
    return nil
  }

  // MARK: - Tokens

  private enum Token: Equatable {
    /// A run of digits with its value and digit count (at most 4).
    case number(Int, digits: Int)
    /// A run of letters, lowercased.
    case word([UInt8])
    /// One of `/ - . ,`.
    case punct(UInt8)
    /// A run of spaces.
    case space
  }

  private static let slash = UInt8(ascii: "/")
  private static let dash = UInt8(ascii: "-")
  private static let dot = UInt8(ascii: ".")
  private static let comma = UInt8(ascii: ",")

  /// Splits the input into tokens; nil on any byte that no accepted form
  /// uses, or on a digit run longer than a year.
  private static func tokenize(_ ascii: [UInt8]) -> [Token]? {
    var tokens: [Token] = []
    var i = 0
    while i < ascii.count {
      let b = ascii[i]
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        var value = 0
        var count = 0
        while i < ascii.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii[i]) {
          count += 1
          if count > 4 { return nil }
          value = value * 10 + Int(ascii[i] - UInt8(ascii: "0"))
          i += 1
        }
        tokens.append(.number(value, digits: count))
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
        var word: [UInt8] = []
        while i < ascii.count, ASCII.isLetter(ascii[i]) {
          if word.count >= 9 { return nil }  // longer than "september"
          word.append(ascii[i] | 0x20)
          i += 1
        }
        tokens.append(.word(word))
      case UInt8(ascii: " "):
        while i < ascii.count, ascii[i] == UInt8(ascii: " ") { i += 1 }
        tokens.append(.space)
      case slash, dash, dot, comma:
        tokens.append(.punct(b))
        i += 1
      default:
        return nil
      }
    }
    return tokens
  }

  // MARK: - Forms

  /// `M/D/YYYY`-style (with day-first fallback) and `YYYY-MM-DD`-style.
  private static func parseNumeric(_ t: [Token]) -> CalendarDate? {
    guard t.count == 5,
      case .number(let a, let la) = t[0], case .punct(let s1) = t[1],
      case .number(let b, let lb) = t[2], case .punct(let s2) = t[3],
      case .number(let c, let lc) = t[4], s1 == s2
    else { return nil }

    if la == 4, lb == 2, lc == 2, s1 == dash || s1 == slash {
      return CalendarDate(year: a, month: b, day: c)
    }
    if (1...2).contains(la), (1...2).contains(lb), lc == 4, s1 == slash || s1 == dash || s1 == dot {
      if a > 12 && b <= 12 {
        return CalendarDate(year: c, month: b, day: a)
      }
      return CalendarDate(year: c, month: a, day: b)
    }
    return nil
  }

  /// `Jan 5, 1980`, `January 5 1980`, `Jan. 5,1980`.
  private static func parseMonthFirst(_ t: [Token]) -> CalendarDate? {
    var i = 0
    guard let month = monthToken(t, &i) else { return nil }
    guard i < t.count, t[i] == .space else { return nil }
    i += 1
    guard let day = dayToken(t, &i) else { return nil }
    let hadComma = i < t.count && t[i] == .punct(comma)
    if hadComma { i += 1 }
    let hadSpace = i < t.count && t[i] == .space
    if hadSpace { i += 1 }
    guard hadComma || hadSpace else { return nil }
    guard let year = yearToken(t, &i), i == t.count else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

  /// `5 January 1980`, `5 Jan. 1980`, `5 Jan, 1980`.
  private static func parseDayFirst(_ t: [Token]) -> CalendarDate? {
    var i = 0
    guard let day = dayToken(t, &i) else { return nil }
    guard i < t.count, t[i] == .space else { return nil }
    i += 1
    guard let month = monthToken(t, &i) else { return nil }
    if i < t.count, t[i] == .punct(comma) { i += 1 }
    guard i < t.count, t[i] == .space else { return nil }
    i += 1
    guard let year = yearToken(t, &i), i == t.count else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

  /// A month name at `t[i]`, consuming a trailing dot after a three-letter
  /// abbreviation.
  private static func monthToken(_ t: [Token], _ i: inout Int) -> Int? {
    guard i < t.count, case .word(let w) = t[i], let month = monthNumber(w) else { return nil }
    i += 1
    if w.count == 3, i < t.count, t[i] == .punct(dot) { i += 1 }
    return month
  }

  private static func dayToken(_ t: [Token], _ i: inout Int) -> Int? {
    guard i < t.count, case .number(let v, let n) = t[i], n <= 2 else { return nil }
    i += 1
    return v
  }

  private static func yearToken(_ t: [Token], _ i: inout Int) -> Int? {
    guard i < t.count, case .number(let v, let n) = t[i], n == 4 else { return nil }
    i += 1
    return v
  }

  private static let monthNames: [[UInt8]] = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
  ].map { Array($0.utf8) }

  /// 1...12 for a lowercased full month name or its first three letters.
  private static func monthNumber(_ w: [UInt8]) -> Int? {
    for (index, name) in monthNames.enumerated() {
      if w == name || (w.count == 3 && name.starts(with: w)) { return index + 1 }
    }
    return nil
  }

  // MARK: - Calendar

  private static func validated(_ date: CalendarDate, latestYear: Int) -> CalendarDate? {
    guard date.year >= 1900, date.year <= latestYear,
      (1...12).contains(date.month),
      date.day >= 1, date.day <= daysIn(month: date.month, year: date.year)
    else { return nil }
    return date
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
