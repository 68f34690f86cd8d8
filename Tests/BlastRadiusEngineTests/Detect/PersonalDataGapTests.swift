import Testing

/// Personal data written in the less common ways (issue 19): SSNs with dots, grouped routing
/// numbers under a label, IBANs with dashes or letters after their digits, internationalised
/// addresses, and the card networks beyond the big seven. Each with its near misses.
struct PersonalDataGapTests {
  typealias H = DetectionHarness

  /// `prefix` padded with a fixed filler to `length` digits, the last one the Luhn check digit,
  /// grouped in fours.
  static func card(_ prefix: String, _ length: Int, grouped: Bool = true) -> String {
    var digits = prefix.map { Int(String($0))! }
    let filler = [7, 3, 0, 9, 2, 8, 4, 6, 1, 5]
    while digits.count < length - 1 { digits.append(filler[digits.count % filler.count]) }
    var sum = 0
    for (k, d) in digits.reversed().enumerated() {
      let v = k % 2 == 0 ? d * 2 : d
      sum += v > 9 ? v - 9 : v
    }
    digits.append((10 - sum % 10) % 10)
    let text = digits.map(String.init).joined()
    guard grouped else { return text }
    return stride(from: 0, to: text.count, by: 4).map {
      String(text.dropFirst($0).prefix(4))
    }.joined(separator: " ")
  }

  @Test(
    arguments: [
      ("SSN 412.55.1234 on file", ["us_ssn=412.55.1234"]),
      ("ids 412-55-1234 523-66-2345 listed", ["us_ssn=412-55-1234", "us_ssn=523-66-2345"]),
      ("Routing: 0110-0001-5", ["us_bank_routing=0110-0001-5"]),
      ("ABA routing number 011 000 015", ["us_bank_routing=011 000 015"]),
      ("IBAN DE89-3704-0044-0532-0130-00", ["iban=DE89-3704-0044-0532-0130-00"]),
      ("pay GB82-WEST-1234-5698-7654-32 now", ["iban=GB82-WEST-1234-5698-7654-32"]),
      ("to MT84MALT011000012345MTLCAST001S today", ["iban=MT84MALT011000012345MTLCAST001S"]),
      ("Mail: jörg@bücher.de", ["email_address=jörg@bücher.de"]),
      ("write to info@xn--bcher-kva.de", ["email_address=info@xn--bcher-kva.de"]),
      ("user@xn--80ak6aa92e.xn--p1ai", ["email_address=user@xn--80ak6aa92e.xn--p1ai"]),
      ("müller@例え.jp", ["email_address=müller@例え.jp"]),
      ("連絡はuser@example.comまで", ["email_address=user@example.com"]),
      ("info@mail.müller.de schrieb", ["email_address=info@mail.müller.de"]),
      // Several matches of one address (`.co`, `.com`) are one candidate; the next `@` starts another.
      (
        "a@b.com,c@d.org x@sub.example.co.uk;y@e.info",
        [
          "email_address=a@b.com", "email_address=c@d.org", "email_address=x@sub.example.co.uk",
          "email_address=y@e.info",
        ]
      ),
      (
        "https://u:p@host.example.com/x then j@x.org", ["email_address=j@x.org"]
      ),
    ] as [(String, Set<String>)])
  func found(_ text: String, _ expected: Set<String>) {
    #expect(H.values(text) == expected)
  }

  @Test(arguments: [
    "routing 0110-0001-6 (bad check digit)",
    "Route 0110-0001-5 is an id, not labelled",
    "IBAN DE89-3704-0044-0532-0130-01",  // mod 97 fails
    "code MT84MALT011000012345MTLCAST001T",
    "price@€5.00",
  ])
  func notFound(_ text: String) {
    #expect(H.values(text).isEmpty, "\(H.values(text))")
  }

  /// Every network of the IIN table, grouped in fours; a Luhn failure is no card.
  @Test(
    arguments: [
      ("6759", 16, "maestro"), ("5018", 12, "maestro"), ("1354", 15, "uatp"), ("5019", 16, "dankort"),
      ("2200", 16, "mir"), ("6522", 16, "rupay"), ("9792", 16, "troy"), ("506099", 16, "verve"),
      ("636", 16, "interpayment"), ("637", 16, "instapayment"),
    ] as [(String, Int, String)])
  func otherNetworks(_ prefix: String, _ length: Int, _ brand: String) {
    let number = Self.card(prefix, length)
    let found = H.findings("card \(number) on file").filter { $0.hit.confidence >= .medium }
    #expect(found.map(\.hit.value) == [number])
    #expect(found.first?.reasons.contains("iin:\(brand)") == true, "\(found)")
    var broken = Array(number)
    broken[broken.count - 1] = broken.last == "0" ? "1" : "0"
    #expect(H.values("card \(String(broken)) on file").isEmpty)
  }

  /// Bare digit runs in the broad ranges are ids until a card label says otherwise.
  @Test func bareRunsOfTheSmallerNetworksNeedALabel() {
    let maestro = Self.card("6759", 16, grouped: false)
    #expect(H.values("order \(maestro) shipped").isEmpty)
    #expect(H.values("Card number: \(maestro)") == ["payment_card=\(maestro)"])
    let visa = Self.card("4", 16, grouped: false)
    #expect(H.values("paid \(visa) today") == ["payment_card=\(visa)"])
  }
}
