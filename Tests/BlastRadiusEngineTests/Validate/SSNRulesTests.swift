import Testing

@testable import BlastRadiusDetect

/// "078-05-1120" → digit values, dashes skipped.
private func ssnDigits(_ s: String) -> [UInt8] {
  s.utf8.filter { $0 != UInt8(ascii: "-") }.map { $0 - UInt8(ascii: "0") }
}

struct SSNRulesTests {
  @Test(arguments: [
    ("000-12-3456", false),
    ("001-12-3456", true),
    ("665-12-3456", true),
    ("666-12-3456", false),
    ("667-12-3456", true),
    ("733-12-3456", true),
    ("734-12-3456", true),
    ("749-12-3456", true),
    ("750-12-3456", true),
    ("772-12-3456", true),
    ("773-12-3456", true),
    ("899-12-3456", true),
    ("900-12-3456", false),
    ("950-70-3456", false),
    ("999-12-3456", false),
  ])
  func ssnArea(_ ssn: String, _ expected: Bool) {
    #expect(SSNRules.isValidSSN(ssnDigits(ssn)) == expected)
  }

  @Test(arguments: [
    ("123-00-4567", false),
    ("123-01-4567", true),
    ("123-99-4567", true),
    ("123-45-0000", false),
    ("123-45-0001", true),
    ("123-45-9999", true),
  ])
  func ssnGroupAndSerial(_ ssn: String, _ expected: Bool) {
    #expect(SSNRules.isValidSSN(ssnDigits(ssn)) == expected)
  }

  @Test(arguments: [
    ("078-05-1120", false),
    ("078-05-1119", true),
    ("078-05-1121", true),
    ("078-04-1120", true),
    ("078-06-1120", true),
    ("077-05-1120", true),
    ("079-05-1120", true),
    ("219-09-9999", false),
    ("219-09-9998", true),
    ("219-08-9999", true),
    ("219-10-9999", true),
    ("218-09-9999", true),
    ("220-09-9999", true),
    ("457-55-5462", false),
    ("457-55-5461", true),
    ("457-55-5463", true),
    ("457-54-5462", true),
    ("457-56-5462", true),
    ("456-55-5462", true),
    ("458-55-5462", true),
  ])
  func ssnVoidedNumbers(_ ssn: String, _ expected: Bool) {
    #expect(SSNRules.isValidSSN(ssnDigits(ssn)) == expected)
  }

  /// The 987-65-4320…4329 advertising block lies in area 987, which is
  /// never an SSN, so the whole neighbourhood fails as an SSN.
  @Test(arguments: ["987-65-4319", "987-65-4320", "987-65-4329", "987-65-4330"])
  func ssnAdvertisingBlockIsNeverAnSSN(_ ssn: String) {
    #expect(SSNRules.isValidSSN(ssnDigits(ssn)) == false)
  }

  @Test func ssnWrongLengthOrNonDigitValues() {
    #expect(SSNRules.isValidSSN([]) == false)
    #expect(SSNRules.isValidSSN(ssnDigits("12345678")) == false)
    #expect(SSNRules.isValidSSN(ssnDigits("1234567890")) == false)
    #expect(SSNRules.isValidSSN(ssnDigits("123456789")) == true)
    #expect(SSNRules.isValidSSN([1, 2, 3, 4, 5, 6, 7, 8, 10]) == false)
    #expect(SSNRules.isValidSSN(Array("123456789".utf8)) == false)  // ASCII, not values
  }

  @Test(arguments: [
    ("899-70-1234", false),
    ("900-70-1234", true),
    ("999-70-1234", true),
    ("912-00-1234", false),
    ("912-49-1234", false),
    ("912-50-1234", true),
    ("912-65-1234", true),
    ("912-66-1234", false),
    ("912-69-1234", false),
    ("912-70-1234", true),
    ("912-88-1234", true),
    ("912-89-1234", false),
    ("912-90-1234", true),
    ("912-92-1234", true),
    ("912-93-1234", false),
    ("912-94-1234", true),
    ("912-99-1234", true),
    ("912-70-0000", false),
    ("912-70-0001", true),
  ])
  func itinAreaGroupSerial(_ itin: String, _ expected: Bool) {
    #expect(SSNRules.isValidITIN(ssnDigits(itin)) == expected)
  }

  @Test(arguments: [
    ("987-65-4319", true),
    ("987-65-4320", false),
    ("987-65-4321", false),
    ("987-65-4322", false),
    ("987-65-4323", false),
    ("987-65-4324", false),
    ("987-65-4325", false),
    ("987-65-4326", false),
    ("987-65-4327", false),
    ("987-65-4328", false),
    ("987-65-4329", false),
    ("987-65-4330", true),
    ("987-64-4325", true),
    ("986-65-4325", true),
  ])
  func itinAdvertisingBlock(_ itin: String, _ expected: Bool) {
    #expect(SSNRules.isValidITIN(ssnDigits(itin)) == expected)
  }

  @Test func itinWrongLengthOrNonDigitValues() {
    #expect(SSNRules.isValidITIN([]) == false)
    #expect(SSNRules.isValidITIN(ssnDigits("91270123")) == false)
    #expect(SSNRules.isValidITIN(ssnDigits("9127012345")) == false)
    #expect(SSNRules.isValidITIN([9, 1, 2, 7, 0, 1, 2, 3, 11]) == false)
  }
}
