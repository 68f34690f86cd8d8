import Testing

@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusReport

private func ibanBytes(_ s: String) -> [UInt8] { Array(s.utf8) }

struct IBANRulesTests {
  /// Synthetic BBANs whose check digits were computed as 98 − (BBAN ‖ CC ‖ "00" mod 97).
  @Test(arguments: [
    "DE17123456780000000001",
    "GB42ABCD12345612345678",
    "NO2812345678901",  // shortest registered length (15)
    "LC39ABCD123456789012345678901234",  // longest registered length (32)
    "FR021234512345ABCDEFGHIJK12",  // letters inside the BBAN, lowest check digits
    "BE53123456789012",
    "NL98ABNA0000000057",  // highest check digits
    "DE98000000000000000048",
    "DE02000000000000000030",
    "DE97000000000000000066",
    "YE84ABCD1234XYZ789012345678901",
    "RU940445252250000000000000000000A",
  ])
  func validIBANs(_ iban: String) {
    #expect(IBANRules.isValid(ibanBytes(iban)) == true)
  }

  @Test(arguments: [
    "DE17123456780000000002",  // wrong checksum (last digit)
    "DE18123456780000000001",  // wrong checksum (check digits)
    "DE17213456780000000001",  // adjacent digits transposed
    "DE1712345678000000001",  // one short for DE (21)
    "DE171234567800000000011",  // one long for DE (23)
    "GB42ABCD1234561234567",  // one short for GB
    "NO281234567890",  // one short for NO
    "FR991234512345ABCDEFGHIJK12",  // 99 ≡ 02 (mod 97): checksum passes, range does not
    "DE01000000000000000048",  // 01 ≡ 98 (mod 97)
    "DE00000000000000000066",  // 00 ≡ 97 (mod 97)
    "de17123456780000000001",  // lowercase country
    "GB42abcd12345612345678",  // lowercase BBAN
    "DE17 1234 5678 0000 0000 01",  // spaces not removed
    "DE1712345678000000000-",
    "DEX7123456780000000001",  // non-digit check digit
    "US17123456780000000001",  // not in the registry
    "IR17123456780000000001123",  // Iran's format is not registered
    "D",
    "DE1",
    "",
  ])
  func invalidIBANs(_ iban: String) {
    #expect(IBANRules.isValid(ibanBytes(iban)) == false)
  }

  static let registry: [(String, Int)] = [
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

  @Test(arguments: registry)
  func expectedLength(_ code: String, _ length: Int) {
    let b = ibanBytes(code)
    #expect(IBANRules.expectedLength(country: (b[0], b[1])) == length)
  }

  @Test(arguments: ["US", "IR", "CA", "AA", "ZZ", "de", "De", "1E", "D1"])
  func unknownCountry(_ code: String) {
    let b = ibanBytes(code)
    #expect(IBANRules.expectedLength(country: (b[0], b[1])) == nil)
  }

  @Test func registrySize() {
    #expect(Self.registry.count == 89)
  }
}
