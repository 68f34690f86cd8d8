import Testing

@testable import BlastRadiusDetect
@testable import BlastRadiusExtract

private func abaDigits(_ s: String) -> [UInt8] {
  s.utf8.map { $0 - UInt8(ascii: "0") }
}

struct ABARoutingTests {
  /// Each number is the prefix, "123456", and a check digit computed so the
  /// 3-7-1 weighted sum is a multiple of 10; only the prefix decides.
  @Test(arguments: [
    ("001234561", true),
    ("121234564", true),
    ("131234567", false),
    ("201234565", false),
    ("211234568", true),
    ("321234568", true),
    ("331234561", false),
    ("601234563", false),
    ("611234566", true),
    ("721234566", true),
    ("731234569", false),
    ("791234567", false),
    ("801234567", true),
    ("811234560", false),
    ("991234561", false),
  ])
  func prefixes(_ number: String, _ expected: Bool) {
    #expect(ABARouting.isValid(abaDigits(number)) == expected)
  }

  @Test(arguments: [
    ("121234564", true),
    ("121234565", false),
    ("121234563", false),
    ("121234654", false),  // adjacent digits transposed
    ("221234564", false),
    ("001234561", true),
    ("001234560", false),
  ])
  func checksum(_ number: String, _ expected: Bool) {
    #expect(ABARouting.isValid(abaDigits(number)) == expected)
  }

  @Test func allZeroAndShape() {
    #expect(ABARouting.isValid(abaDigits("000000000")) == false)
    #expect(ABARouting.isValid(abaDigits("12123456")) == false)
    #expect(ABARouting.isValid(abaDigits("1212345640")) == false)
    #expect(ABARouting.isValid([]) == false)
    #expect(ABARouting.isValid([1, 2, 1, 2, 3, 4, 5, 6, 14]) == false)
    #expect(ABARouting.isValid(Array("121234564".utf8)) == false)  // ASCII, not values
  }
}
