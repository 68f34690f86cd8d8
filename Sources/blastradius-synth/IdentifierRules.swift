/// The validity rules a scanner applies, written out here so planted values pass them by construction and the near
/// misses in `misc/negatives.txt` fail them by construction.
enum IdentifierRules {
  /// SSNs printed on sample cards or in advertising; valid in form, never issued to a person.
  private static let advertisedSSNs: Set<Int> = [78_051_120, 219_099_999, 457_555_462]

  /// Area 000, 666 and 900–999 are never issued (the 987-65-4320…4329 advertising range falls in 900–999); group 00
  /// and serial 0000 neither.
  static func isValidSSN(area: Int, group: Int, serial: Int) -> Bool {
    guard area > 0, area != 666, area < 900, group > 0, serial > 0 else { return false }
    return !advertisedSSNs.contains(area * 1_000_000 + group * 10_000 + serial)
  }

  /// The Luhn digit that makes `payload` followed by it pass the check.
  static func luhnCheckDigit(_ payload: [Int]) -> Int {
    var sum = 0
    for (position, digit) in payload.reversed().enumerated() {
      if position % 2 == 0 {
        let doubled = digit * 2
        sum += doubled > 9 ? doubled - 9 : doubled
      } else {
        sum += digit
      }
    }
    return (10 - sum % 10) % 10
  }

  static func isLuhnValid(_ digits: [Int]) -> Bool {
    guard let last = digits.last else { return false }
    return luhnCheckDigit(Array(digits.dropLast())) == last
  }

  /// Whether whole consecutive digit groups of a printed value (say a spaced IBAN) add up to 13–19 digits that pass
  /// Luhn: a card detector could fairly report those, which would make the planted counts wrong.
  static func hasCardLikeGroups(_ printed: String) -> Bool {
    let groups = printed.split(separator: " ").filter { $0.allSatisfy(\.isASCIIDigit) }.map {
      $0.compactMap(\.wholeNumberValue)
    }
    for start in groups.indices {
      var digits: [Int] = []
      for group in groups[start...] {
        digits += group
        if (13...19).contains(digits.count) && isLuhnValid(digits) { return true }
      }
    }
    return false
  }

  /// The ninth ABA digit: 3(d1+d4+d7) + 7(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10), and d9 has weight 1.
  static func routingCheckDigit(_ first8: [Int]) -> Int {
    let sum =
      3 * (first8[0] + first8[3] + first8[6]) + 7 * (first8[1] + first8[4] + first8[7])
      + first8[2] + first8[5]
    return (10 - sum % 10) % 10
  }

  /// Federal Reserve routing symbols: 01–12 for banks, 21–32 for thrifts.
  static func isValidRoutingPrefix(_ prefix: Int) -> Bool {
    (1...12).contains(prefix) || (21...32).contains(prefix)
  }

  /// ISO 13616 check digits: the remainder mod 97 of BBAN + country + "00", read with letters as 10–35.
  static func ibanCheckDigits(country: String, bban: String) -> Int {
    98 - mod97(bban + country + "00")
  }

  static func isValidIBAN(_ iban: String) -> Bool {
    let compact = iban.filter { $0 != " " }.uppercased()
    guard compact.count >= 15 else { return false }
    return mod97(String(compact.dropFirst(4) + compact.prefix(4))) == 1
  }

  private static func mod97(_ text: String) -> Int {
    var remainder = 0
    for scalar in text.unicodeScalars {
      let value = Int(scalar.value)
      if (48...57).contains(value) {
        remainder = (remainder * 10 + value - 48) % 97
      } else {
        remainder = (remainder * 100 + value - 55) % 97
      }
    }
    return remainder
  }
}
