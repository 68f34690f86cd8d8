import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport

/// Cards, bank numbers, contacts, dates of birth, passports and licences on text.
struct OtherDetectorTests {
  @Test(arguments: [
    ("pay 4111 1111 1111 1111 now", "payment_card=4111 1111 1111 1111"),
    ("pay 4111-1111-1111-1111.", "payment_card=4111-1111-1111-1111"),
    ("pay 4111111111111111", "payment_card=4111111111111111"),
    ("amex 3782 822463 10005", "payment_card=3782 822463 10005"),
    ("mc 2221000000000009", "payment_card=2221000000000009"),
    ("routing number: 021000021", "us_bank_routing=021000021"),
    ("ABA 011000015", "us_bank_routing=011000015"),
    ("IBAN: DE89 3704 0044 0532 0130 00", "iban=DE89 3704 0044 0532 0130 00"),
    ("wire to DE89370400440532013000 today", "iban=DE89370400440532013000"),
    ("GB82 WEST 1234 5698 7654 32", "iban=GB82 WEST 1234 5698 7654 32"),
    ("mail Jane.Doe+hr@mail.example.co.uk.", "email_address=Jane.Doe+hr@mail.example.co.uk"),
    ("call (212) 555-0147", "phone_number=(212) 555-0147"),
    ("call 212.555.0147", "phone_number=212.555.0147"),
    ("call +1 212 555 0147", "phone_number=1 212 555 0147"),
    ("Phone: 2125550147", "phone_number=2125550147"),
    ("Tel: 212 555 0147", "phone_number=212 555 0147"),
    ("DOB: 03/05/1980", "date_of_birth=03/05/1980"),
    ("Date of birth: March 5, 1980", "date_of_birth=March 5, 1980"),
    ("born 1980-03-05 in Ohio", "date_of_birth=1980-03-05"),
    ("birthdate=1980-03-05", "date_of_birth=1980-03-05"),
    ("Birth_Date: 03/05/1980", "date_of_birth=03/05/1980"),
    ("Date Of Birth 5 Mar. 1980", "date_of_birth=5 Mar. 1980"),
    ("Passport No. A12345678", "us_passport=A12345678"),
    ("passport: 123456789", "us_passport=123456789"),
    ("Driver's License: D1234567", "us_drivers_license=D1234567"),
    ("DL# 123456789", "us_drivers_license=123456789"),
  ])
  func found(_ text: String, _ expected: String) {
    #expect(DetectionHarness.values(text) == [expected])
  }

  /// A phone number's canonical form is its ten digits, the `1` country code dropped; a
  /// repeated digit, an N11 area code or an exchange below 2 is no number.
  @Test(
    arguments: [
      ("(212) 555-0147", "2125550147"), ("(212)555-0147", "2125550147"), ("212-555-0147", "2125550147"),
      ("212.555.0147", "2125550147"), ("1-212-555-0147", "2125550147"), ("1 987 654 3210", "9876543210"),
      ("2125550147", "2125550147"), ("222-222-2222", nil), ("211-555-0147", nil), ("212-155-0147", nil),
      ("112-555-0147", nil), ("212-555-01477", nil), ("2-212-555-0147", nil), ("(212) 555-0147x", nil),
      ("222-222-2223", "2222222223"), ("1-999-999-9999", nil),
    ] as [(String, String?)])
  func phoneCanonicalForm(_ text: String, _ expected: String?) {
    let v = BuiltinDetectors.phoneAt(Candidate(bytes: Array(text.utf8), source: .label(.phone)))
    guard let expected else {
      #expect(v == nil, "\(text)")
      return
    }
    var digits = SIMD16<UInt8>()
    for (k, byte) in expected.utf8.enumerated() { digits[k] = byte }
    #expect(v?.canonical == .short(digits, count: 10), "\(text)")
    #expect(v?.length == text.utf8.count)
  }

  /// The user part of a URL is a login, not a mailbox, whatever its password holds; an address
  /// in a URL's path or query, or after `mailto:`, is one.
  @Test func emailsAndURLLogins() {
    #expect(
      DetectionHarness.values("DSN=postgres://app:Xq9~Zs@db01.corp.internal:5432/hr") == [
        "url_credentials=postgres://app:Xq9~Zs@db01.corp.internal"
      ])
    #expect(
      DetectionHarness.values("mailto:jane.roe@corp-example.com") == [
        "email_address=jane.roe@corp-example.com"
      ])
    #expect(
      DetectionHarness.values("https://crm.internal/contact?email=jane.roe@corp-example.com") == [
        "email_address=jane.roe@corp-example.com"
      ])
  }

  @Test func spreadsheetSerialsInADateOfBirthColumn() {
    // 29285 is 1980-03-05, 1 is 1900-01-01, 61 is 1900-03-01 (after the day 60 that never was).
    let csv =
      "name\tdate_of_birth\tbadge\nAnn\t29285\t29285\nBob\t1\t2\nCy\t61\t3\nDee\t60\t4\nEd\t99999\t5\n"
    #expect(DetectionHarness.values(csv) == ["date_of_birth=29285", "date_of_birth=1", "date_of_birth=61"])
    #expect(BuiltinDetectors.spreadsheetDate(Array("29285".utf8))?.iso == "1980-03-05")
    #expect(BuiltinDetectors.spreadsheetDate(Array("1".utf8))?.iso == "1900-01-01")
    #expect(BuiltinDetectors.spreadsheetDate(Array("61".utf8))?.iso == "1900-03-01")
    #expect(BuiltinDetectors.spreadsheetDate(Array("60".utf8)) == nil)
    // Outside a date-of-birth column a number stays a number.
    #expect(DetectionHarness.values("DOB: 29285") == [])
  }

  @Test(arguments: [
    "pay 4111 1111 1111 1112",  // Luhn fails
    "id 0000 0000 0000 0000",  // one repeated digit
    "order 1234567812345670",  // Luhn passes but no issuer range, and an order label
    "routing number: 021000022",  // checksum fails
    "IBAN: DE89 3704 0044 0532 0130 01",  // mod 97 fails
    "DE8937040044053201300",  // one digit short
    "user@localhost", "a@b", "@example.com",
    "Phone: 123-456-7890",  // area code starts with 1
    "call 211-555-0147",  // N11 area code
    "Meeting on 03/05/2024",  // a date without birth context
    "DOB: 02/30/1980",  // no such day
    "2024-03-14T08:15:02.331Z INFO svc=auth req=483920175 user=jdoe latency=12ms",
    "192.168.100.200 10.0.0.1",
    "failed tests: 571 612 1056",  // a list of numbers, not a phone
    "https://fuzz.example/testcase-detail/5390364397928448",  // an id in a URL, not a card
    "version 1.2.3.4567",
  ])
  func notFound(_ text: String) {
    #expect(DetectionHarness.values(text) == [])
  }
}
