/// Near misses and the README: files with nothing to report, where any finding is a false positive.
extension SampleShareWriter {
  mutating func writeNegatives() throws {
    let badCards = [FakeDataFactory.CardBrand.visa, .mastercard, .amex, .visa].map { brand -> String in
      var card = Array(factory.card(brand))
      let check = Int(String(card.removeLast()))!
      return String(card) + String((check + 1) % 10)
    }
    let validIBAN = factory.germanIBAN()
    let check = Int(validIBAN.dropFirst(2).prefix(2))!
    let badIBAN = "DE" + digits(check == 98 ? 2 : check + 1, 2) + validIBAN.dropFirst(4)
    // A correct ABA check digit behind a prefix the Federal Reserve never assigns.
    let badPrefix = [5, 0] + (0..<6).map { _ in factory.rng.below(10) }
    let badPrefixRouting = (badPrefix + [IdentifierRules.routingCheckDigit(badPrefix)]).map(String.init)
      .joined()

    let text = """
      Near misses (synthetic). Nothing in this file is personal data: a scanner should report no finding here.

      Masked values
      Statement shows SSN ***-**-6789 on file.
      Letter template: SSN XXX-XX-1234
      Card on file: **** **** **** 4242

      Numbers that break the SSN rules
      SSN (area 000): 000-12-3456
      SSN (area 666): 666-12-3456
      SSN (area 900): 900-12-3456
      SSN (group 00): 123-00-4567
      SSN (serial 0000): 123-45-0000
      SSN printed on a wallet insert: 078-05-1120
      SSN from an advertisement: 987-65-4321

      Nine-digit numbers that are not SSNs
      Invoice 123456789
      Order #: 234567890

      Card numbers that fail the Luhn check
      Card: \(ValueFormat.card(badCards[0], separator: " "))
      Card: \(ValueFormat.card(badCards[1], separator: "-"))
      Card: \(ValueFormat.card(badCards[2], separator: " "))
      Card: \(badCards[3])

      Bank numbers that fail their checks
      Routing number: 123456789
      Routing number: \(badPrefixRouting)
      IBAN: \(ValueFormat.spacedIBAN(badIBAN))

      Phone numbers that cannot exist
      Phone: 123-456-7890
      Phone: (055) 321-4567
      Phone: 212-155-0147

      Dates that are not birth dates
      Meeting on 03/05/2024
      Invoice date: 11/30/2023
      Version 4 shipped on April 2, 2021.

      """
    try write("misc/negatives.txt", text)
  }

  mutating func writeReadme() throws {
    let text = """
      This folder is a synthetic sample file share written by blastradius-synth.

      Every name, number and address in it was generated. Identifiers are made to pass the checks a scanner
      applies (the SSN issuance rules, Luhn, the ABA routing checksum, IBAN mod 97) but belong to no one. Email
      addresses use the reserved example.com, example.org and example.net domains.

      Folders: hr (employee records, offer letters, a UTF-16 file, a CRLF export, an improvement plan, a bonus
      memo, a marked plan, a Word 97 agreement and a typed form scanned to PNG and to an image-only PDF, which
      only an OCR pass reads), finance (card payments, wire instructions, an Excel 97 payroll), mail (a MIME
      message, an Outlook message and an Outlook store with nested folders), logs, it (JSON user records,
      configs with generated keys in the vendors' formats, hashes, a vault), benefits (visit notes), legal (a
      memo) and misc (near misses that must produce no finding). The keys and hashes are random and open
      nothing.

      """
    try write("README.txt", text)
  }
}
