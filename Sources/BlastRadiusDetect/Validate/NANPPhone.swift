/// North American Numbering Plan telephone numbers (US, Canada and the
/// Caribbean members), country code already stripped.
///
/// NANP numbering forbids 0 and 1 as the leading digit of both the area code
/// and the exchange and reserves N11 codes for services (411, 911, ...), so
/// these rules reject most ten-digit runs that are not dialable numbers.
package enum NANPPhone {
  /// Whether the ten digit values (0...9, not ASCII) form a plausible NANP
  /// number: area code NXX but not N11, exchange NXX, and not one repeated
  /// digit (5555555555 and the like are placeholders, not real numbers).
  package static func isValid(_ d: [UInt8]) -> Bool {
    guard d.count == 10, d.allSatisfy({ $0 <= 9 }) else { return false }
    guard d[0] >= 2 else { return false }
    if d[1] == 1 && d[2] == 1 { return false }
    guard d[3] >= 2 else { return false }
    return d.contains(where: { $0 != d[0] })
  }
}
