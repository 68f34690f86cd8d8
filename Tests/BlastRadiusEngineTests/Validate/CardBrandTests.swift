import Testing

@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract

/// Digit values of `prefix` padded with zeros to `length` digits. The brand
/// check ignores Luhn, so zero padding is enough to probe IIN ranges.
private func card(_ prefix: String, _ length: Int) -> [UInt8] {
  let head = prefix.utf8.map { $0 - UInt8(ascii: "0") }
  return head + [UInt8](repeating: 0, count: length - head.count)
}

struct CardBrandTests {
  @Test(
    arguments: [
      ("4", 12, nil),
      ("4", 13, CardBrand.visa),
      ("4", 14, nil),
      ("4", 15, nil),
      ("4", 16, .visa),
      ("4", 17, nil),
      ("4", 18, nil),
      ("4", 19, .visa),
      ("4", 20, nil),
      ("49", 16, .visa),
    ] as [(String, Int, CardBrand?)])
  func visa(_ prefix: String, _ length: Int, _ expected: CardBrand?) {
    #expect(CardBrand.identify(card(prefix, length)) == expected)
  }

  @Test(
    arguments: [
      ("50", 16, nil),
      ("51", 16, CardBrand.mastercard),
      ("55", 16, .mastercard),
      ("56", 16, .maestro),
      ("51", 15, nil),
      ("51", 17, nil),
      ("55", 19, nil),
      ("2220", 16, nil),
      ("2221", 16, .mastercard),
      ("2720", 16, .mastercard),
      ("2721", 16, nil),
      ("2221", 15, nil),
      ("2720", 17, nil),
    ] as [(String, Int, CardBrand?)])
  func mastercard(_ prefix: String, _ length: Int, _ expected: CardBrand?) {
    #expect(CardBrand.identify(card(prefix, length)) == expected)
  }

  @Test(
    arguments: [
      ("33", 15, nil),
      ("34", 15, CardBrand.amex),
      ("35", 15, nil),
      ("37", 15, .amex),
      ("34", 14, nil),
      ("34", 16, nil),
      ("37", 16, nil),
    ] as [(String, Int, CardBrand?)])
  func amex(_ prefix: String, _ length: Int, _ expected: CardBrand?) {
    #expect(CardBrand.identify(card(prefix, length)) == expected)
  }

  @Test(
    arguments: [
      ("6010", 16, .rupay),  // RuPay's 60, beside Discover's 6011
      ("6011", 15, nil),
      ("6011", 16, CardBrand.discover),
      ("6011", 19, .discover),
      ("6011", 20, nil),
      ("6012", 16, .rupay),
      ("643", 16, nil),
      ("644", 16, .discover),
      ("649", 16, .discover),
      ("65", 16, .discover),
      ("659", 19, .discover),
      ("65", 15, nil),
      ("66", 16, nil),
      ("622125", 16, .unionpay),
      ("622126", 16, .discover),
      ("622925", 16, .discover),
      ("622925", 19, .discover),
      ("622926", 16, .unionpay),
      ("622126", 15, nil),
    ] as [(String, Int, CardBrand?)])
  func discover(_ prefix: String, _ length: Int, _ expected: CardBrand?) {
    #expect(CardBrand.identify(card(prefix, length)) == expected)
  }

  @Test(
    arguments: [
      ("3527", 16, nil),
      ("3528", 15, nil),
      ("3528", 16, CardBrand.jcb),
      ("3528", 19, .jcb),
      ("3589", 16, .jcb),
      ("3589", 20, nil),
      ("3590", 16, nil),
    ] as [(String, Int, CardBrand?)])
  func jcb(_ prefix: String, _ length: Int, _ expected: CardBrand?) {
    #expect(CardBrand.identify(card(prefix, length)) == expected)
  }

  @Test(
    arguments: [
      ("299", 14, nil),
      ("300", 13, nil),
      ("300", 14, CardBrand.diners),
      ("305", 14, .diners),
      ("305", 19, .diners),
      ("306", 14, nil),
      ("309", 14, nil),
      ("35", 14, nil),
      ("36", 13, nil),
      ("36", 14, .diners),
      ("36", 16, .diners),
      ("38", 14, .diners),
      ("39", 19, .diners),
      ("39", 20, nil),
    ] as [(String, Int, CardBrand?)])
  func diners(_ prefix: String, _ length: Int, _ expected: CardBrand?) {
    #expect(CardBrand.identify(card(prefix, length)) == expected)
  }

  @Test(
    arguments: [
      ("61", 16, nil),
      ("62", 15, nil),
      ("62", 16, CardBrand.unionpay),
      ("62", 19, .unionpay),
      ("62", 20, nil),
      ("629", 17, .unionpay),
      ("63", 16, nil),
    ] as [(String, Int, CardBrand?)])
  func unionpay(_ prefix: String, _ length: Int, _ expected: CardBrand?) {
    #expect(CardBrand.identify(card(prefix, length)) == expected)
  }

  @Test func nonDigitValuesAndOtherPrefixes() {
    #expect(CardBrand.identify(card("1", 16)) == nil)
    #expect(CardBrand.identify(card("0", 16)) == nil)
    #expect(CardBrand.identify(card("7", 16)) == nil)
    #expect(CardBrand.identify(card("8", 16)) == nil)
    #expect(CardBrand.identify(card("9", 16)) == nil)
    #expect(CardBrand.identify([]) == nil)
    var bad = card("4", 16)
    bad[15] = 10
    #expect(CardBrand.identify(bad) == nil)
    #expect(CardBrand.identify(Array("4000000000000000".utf8)) == nil)  // ASCII, not values
  }

  @Test func rawValuesAndCases() {
    #expect(
      CardBrand.allCases.map(\.rawValue) == [
        "visa", "mastercard", "amex", "discover", "jcb", "diners", "unionpay", "maestro", "uatp", "dankort",
        "mir", "rupay", "troy", "verve", "interpayment", "instapayment",
      ])
  }

  /// The rest of the IIN table: national and debit networks, the more specific range first.
  @Test(
    arguments: [
      ("6759", 12, CardBrand.maestro),
      ("6759", 19, .maestro),
      ("6759", 11, nil),
      ("5018", 16, .maestro),
      ("6304", 18, .maestro),
      ("6761", 16, .maestro),
      ("58", 13, .maestro),
      ("5019", 16, .dankort),
      ("5019", 15, nil),
      ("1", 15, .uatp),
      ("1", 16, nil),
      ("2200", 16, .mir),
      ("2204", 19, .mir),
      ("2205", 16, nil),
      ("652150", 16, .rupay),
      ("653149", 16, .rupay),
      ("653150", 16, .discover),
      ("508", 16, .rupay),
      ("81", 16, .rupay),
      ("9792", 16, .troy),
      ("9793", 16, nil),
      ("650002", 16, .verve),
      ("650002", 17, .discover),  // not a Verve length: Discover's 65 takes it
      ("506099", 19, .verve),
      ("636", 17, .interpayment),
      ("637", 16, .instapayment),
      ("639", 17, nil),
    ] as [(String, Int, CardBrand?)])
  func otherNetworks(_ prefix: String, _ length: Int, _ expected: CardBrand?) {
    #expect(CardBrand.identify(card(prefix, length)) == expected)
  }

  /// A bare run of digits is a card for the big networks only; the others need grouping or a label.
  @Test func bareRunsCountForTheBigNetworksOnly() {
    #expect(CardBrand.identify(card("4", 16), bare: true) == .visa)
    #expect(CardBrand.identify(card("6011", 16), bare: true) == .discover)
    #expect(CardBrand.identify(card("6759", 16), bare: true) == nil)
    #expect(CardBrand.identify(card("1", 15), bare: true) == nil)
    #expect(CardBrand.identify(card("2200", 16), bare: true) == nil)
  }
}
