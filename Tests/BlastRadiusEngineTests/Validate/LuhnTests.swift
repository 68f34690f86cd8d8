import Testing

@testable import BlastRadiusDetect
@testable import BlastRadiusExtract

private func luhnDigits(_ s: String) -> [UInt8] {
  s.utf8.map { $0 - UInt8(ascii: "0") }
}

struct LuhnTests {
  /// Check digits computed for these payloads by hand-rolled doubling.
  @Test(arguments: [
    "00",
    "18",
    "26",
    "91",
    "9876543217",
    "500000000000005",
    "370000000000002",
    "36000000000008",
    "4242424200000000",
    "2719123400000004",
    "6200000000000000000",
  ])
  func validNumbers(_ number: String) {
    #expect(Luhn.isValid(luhnDigits(number)) == true)
  }

  /// The same payloads with a wrong check digit, a changed payload digit, or
  /// two adjacent digits transposed.
  @Test(arguments: [
    "10",
    "19",
    "9876543210",
    "9876543218",
    "8876543217",
    "9786543217",
    "500000000000004",
    "4242424200000001",
    "2719123400000040",
  ])
  func invalidNumbers(_ number: String) {
    #expect(Luhn.isValid(luhnDigits(number)) == false)
  }

  @Test func tooShortOrNotDigitValues() {
    #expect(Luhn.isValid([]) == false)
    #expect(Luhn.isValid([0]) == false)
    #expect(Luhn.isValid([5]) == false)
    #expect(Luhn.isValid([1, 8]) == true)
    #expect(Luhn.isValid([10, 0]) == false)
    #expect(Luhn.isValid(Array("18".utf8)) == false)  // ASCII, not values
  }
}
