import Testing

@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusReport

private func phoneDigits(_ s: String) -> [UInt8] {
  s.utf8.filter { $0 != UInt8(ascii: "-") }.map { $0 - UInt8(ascii: "0") }
}

struct NANPPhoneTests {
  @Test(arguments: [
    ("312-456-7890", true),
    ("012-456-7890", false),
    ("112-456-7890", false),
    ("212-456-7890", true),
    ("912-456-7890", true),
    ("211-456-7890", false),
    ("311-456-7890", false),
    ("411-456-7890", false),
    ("911-456-7890", false),
    ("210-456-7890", true),
    ("201-456-7890", true),
    ("212-056-7890", false),
    ("212-156-7890", false),
    ("212-256-7890", true),
    ("212-956-7890", true),
    ("222-222-2222", false),
    ("999-999-9999", false),
    ("222-222-2223", true),
    ("322-222-2222", true),
  ])
  func rules(_ number: String, _ expected: Bool) {
    #expect(NANPPhone.isValid(phoneDigits(number)) == expected)
  }

  @Test func shape() {
    #expect(NANPPhone.isValid([]) == false)
    #expect(NANPPhone.isValid(phoneDigits("312-456-789")) == false)
    #expect(NANPPhone.isValid(phoneDigits("1-312-456-7890")) == false)  // country code not stripped
    #expect(NANPPhone.isValid([3, 1, 2, 4, 5, 6, 7, 8, 9, 10]) == false)
    #expect(NANPPhone.isValid(Array("3124567890".utf8)) == false)  // ASCII, not values
  }
}
