import BlastRadiusBase

/// International Bank Account Numbers (ISO 13616).
///
/// An IBAN is only reported when its country is in the SWIFT IBAN registry,
/// its length is exactly that country's length, and the ISO 7064 mod-97-10
/// check holds, so free text that happens to start with two capitals and two
/// digits is not mistaken for an account number.
package enum IBANRules {
  /// Whether `ascii` (uppercase letters and digits only, spaces already
  /// removed) is a valid IBAN. Lowercase or any other byte fails.
  ///
  /// Check digits must lie in 02–98: the generation algorithm never produces
  /// 00, 01 or 99, even though 01 ≡ 98 and 99 ≡ 02 (mod 97) would otherwise
  /// pass the checksum.
  package static func isValid(_ ascii: [UInt8]) -> Bool {
    guard ascii.count >= 4,
      let length = expectedLength(country: (ascii[0], ascii[1])),
      ascii.count == length
    else { return false }
    guard ASCII.isDigit(ascii[2]), ASCII.isDigit(ascii[3]) else { return false }
    let check = Int(ascii[2] - 0x30) * 10 + Int(ascii[3] - 0x30)
    guard (2...98).contains(check) else { return false }

    // Mod 97 of the rearranged string (BBAN, then country and check digits).
    return rearrangedRemainder(ascii) == 1
  }

  /// ISO 7064 MOD 97-10 of `ascii` with its first four characters moved to the end, letters
  /// expanded to 10...35 and folded one at a time so the 30+ digit number never has to exist;
  /// nil when a byte is neither a digit nor an uppercase letter.
  package static func rearrangedRemainder(_ ascii: [UInt8]) -> Int? {
    var remainder = 0
    for i in 0..<ascii.count {
      let byte = ascii[(i + 4) % ascii.count]
      if ASCII.isDigit(byte) {
        remainder = (remainder * 10 + Int(byte - 0x30)) % 97
      } else if ASCII.isUpper(byte) {
        remainder = (remainder * 100 + Int(byte - 0x41) + 10) % 97
      } else {
        return nil
      }
    }
    return remainder
  }

  /// The IBAN length registered for a two-letter uppercase ASCII country
  /// code, or nil when the country does not take part in the registry.
  package static func expectedLength(country: (UInt8, UInt8)) -> Int? {
    guard ASCII.isUpper(country.0), ASCII.isUpper(country.1) else { return nil }
    return lengths[key(country.0, country.1)]
  }

  /// Every country in the SWIFT IBAN registry with its total IBAN length
  /// (country code and check digits included). National "IBAN-like" formats
  /// that are not registered (for example Iran's) are deliberately absent.
  private static let table: [(String, Int)] = [
    ("AD", 24), ("AE", 23), ("AL", 28), ("AT", 20), ("AZ", 28), ("BA", 20),
    ("BE", 16), ("BG", 22), ("BH", 22), ("BI", 27), ("BR", 29), ("BY", 28),
    ("CH", 21), ("CR", 22), ("CY", 28), ("CZ", 24), ("DE", 22), ("DJ", 27),
    ("DK", 18), ("DO", 28), ("EE", 20), ("EG", 29), ("ES", 24), ("FI", 18),
    ("FK", 18), ("FO", 18), ("FR", 27), ("GB", 22), ("GE", 22), ("GI", 23),
    ("GL", 18), ("GR", 27), ("GT", 28), ("HN", 28), ("HR", 21), ("HU", 28),
    ("IE", 22), ("IL", 23), ("IQ", 23), ("IS", 26), ("IT", 27), ("JO", 30),
    ("KW", 30), ("KZ", 20), ("LB", 28), ("LC", 32), ("LI", 21), ("LT", 20),
    ("LU", 20), ("LV", 21), ("LY", 25), ("MC", 27), ("MD", 24), ("ME", 22),
    ("MK", 19), ("MN", 20), ("MR", 27), ("MT", 31), ("MU", 30), ("NI", 28),
    ("NL", 18), ("NO", 15), ("OM", 23), ("PK", 24), ("PL", 28), ("PS", 29),
    ("PT", 25), ("QA", 29), ("RO", 24), ("RS", 22), ("RU", 33), ("SA", 24),
    ("SC", 31), ("SD", 18), ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27),
    ("SO", 23), ("ST", 25), ("SV", 28), ("TL", 23), ("TN", 24), ("TR", 26),
    ("UA", 29), ("VA", 22), ("VG", 24), ("XK", 20), ("YE", 30),
  ]

  /// The table keyed by the two country bytes packed into one integer.
  private static let lengths: [UInt16: Int] = {
    var map: [UInt16: Int] = [:]
    for (code, length) in table {
      let bytes = Array(code.utf8)
      map[key(bytes[0], bytes[1])] = length
    }
    return map
  }()

  private static func key(_ a: UInt8, _ b: UInt8) -> UInt16 {
    UInt16(a) << 8 | UInt16(b)
  }

}
