import Testing

/// The `us_ssn` detector end to end on text: formats, context, and the negatives the issue names.
struct SSNDetectionTests {
  @Test(arguments: [
    ("SSN: 123-45-6789", "us_ssn=123-45-6789"),
    ("employee 123 45 6789 on file", "us_ssn=123 45 6789"),
    ("Social Security Number: 234567890", "us_ssn=234567890"),
    ("soc sec 234567890", "us_ssn=234567890"),
    ("SS# 234567890", "us_ssn=234567890"),
    (#"{"name":"A","ssn":"345678901"}"#, "us_ssn=345678901"),
    ("GET /x?ssn=456789012&y=1", "us_ssn=456789012"),
    ("customerSSN=567890123", "us_ssn=567890123"),
    ("new area 734-12-3456", "us_ssn=734-12-3456"),
    ("new area 899-12-3456", "us_ssn=899-12-3456"),
  ])
  func found(_ text: String, _ expected: String) {
    #expect(DetectionHarness.values(text) == [expected])
  }

  @Test(arguments: [
    "bare 123456789 without any label",
    "Invoice 123456789",
    "Order #: 234567890",
    "routing 021000021",
    "account 123456789",
    "request id 123456789",
    "phone 212555014",
    "zip 123456789",
    "masked ***-**-6789",
    "masked XXX-XX-6789",
    "000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456",
    "123-00-4567", "123-45-0000",
    "078-05-1120", "219-09-9999", "457-55-5462", "987-65-4320", "987-65-4329",
    "SSN: 12345678", "SSN: 1234567890",
    "ref 1123-45-6789", "x123-45-6789", "123-45-67890", "123-45-6789-01",
    "classname 234567890",
    #"{"ssn":"123","order_id":"345678901"}"#,
  ])
  func notFound(_ text: String) {
    #expect(DetectionHarness.values(text).filter { $0.hasPrefix("us_ssn") }.isEmpty)
  }

  @Test func negativeContextLowersFormattedSSN() {
    let hits = DetectionHarness.detect("Invoice 345-67-8901", minimum: .low)
    #expect(hits == [.init(detector: "us_ssn", value: "345-67-8901", confidence: .low)])
  }

  @Test func labelRaisesConfidence() {
    #expect(DetectionHarness.detect("SSN 345-67-8901").map(\.confidence) == [.high])
    #expect(DetectionHarness.detect("it is 345-67-8901").map(\.confidence) == [.medium])
    // Words that name a person or an account (name, user, employee) are column headers for
    // linking, not labels: they do not hide the SSN label before them.
    #expect(DetectionHarness.detect("SSN for user: 345-67-8901").map(\.confidence) == [.high])
    #expect(DetectionHarness.detect("SSN of employee Ann Roe: 345-67-8901").map(\.confidence) == [.high])
  }

  @Test func columnHeaderSupportsBareNumbers() {
    let csv = "name,ssn,employee_id\nAnn,123456789,234567890\nBob,345-67-8901,456789012\n"
    #expect(DetectionHarness.values(csv) == ["us_ssn=123456789", "us_ssn=345-67-8901"])
  }

  @Test func leadingZerosDroppedByASpreadsheetArePadded() {
    let csv = "name,ssn,employee_id\nAnn,12345678,1234567\nBob,1234567,2345678\n"
    #expect(DetectionHarness.values(csv) == ["us_ssn=12345678", "us_ssn=1234567"])
    // Only in an SSN column: after a label, eight digits are not an SSN.
    #expect(DetectionHarness.values("SSN: 12345678") == [])
  }

  @Test func pipeAndTabDelimitedHeaders() {
    #expect(DetectionHarness.values("id|SSN|zip\n1|123456789|12345\n") == ["us_ssn=123456789"])
    #expect(DetectionHarness.values("id\tsocial security\n1\t123456789\n") == ["us_ssn=123456789"])
  }

  @Test func itinIsNotAnSSN() {
    #expect(DetectionHarness.values("ITIN 912-70-1234") == ["us_itin=912-70-1234"])
    #expect(DetectionHarness.values("taxpayer id 912701234") == ["us_itin=912701234"])
  }
}

/// Values one space apart: the numeric run holds both, fits no shape as a whole, and each value
/// is found in it (issue 19).
struct SpacedValuesTests {
  @Test(arguments: [
    ("SSN: 412-55-1234 523-66-2345", ["us_ssn=412-55-1234", "us_ssn=523-66-2345"]),
    (
      "SSNs 412-55-1234 523-66-2345 634-77-3456",
      ["us_ssn=412-55-1234", "us_ssn=523-66-2345", "us_ssn=634-77-3456"]
    ),
    (
      "cards 4111 1111 1111 1111 5500 0000 0000 0004",
      ["payment_card=4111 1111 1111 1111", "payment_card=5500 0000 0000 0004"]
    ),
    (
      "cards 4111111111111111 5500000000000004",
      ["payment_card=4111111111111111", "payment_card=5500000000000004"]
    ),
  ])
  func eachValueIsFound(_ text: String, _ expected: [String]) {
    #expect(DetectionHarness.values(text) == Set(expected))
  }

  @Test(arguments: [
    // Still one value when the whole run is one.
    ("Card 4111 1111 1111 1111", ["payment_card=4111 1111 1111 1111"]),
    // Pieces that are no value are not made into one.
    ("SSN: 412-55-1234 12 34", ["us_ssn=412-55-1234"]),
  ])
  func nothingIsSplitThatNeedNotBe(_ text: String, _ expected: [String]) {
    #expect(DetectionHarness.values(text) == Set(expected))
  }
}
