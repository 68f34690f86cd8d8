/// The finance folder: card numbers in every printed layout next to nine-digit invoice numbers that must stay quiet,
/// and wire instructions with routing numbers and IBANs.
extension SampleShareWriter {
  mutating func writePayments(rows: Int, repeatedCards: Int) throws {
    let file = "finance/payments.tsv"
    var lines = ["customer\tcard_number\texpiry\tinvoice"]
    var cards: [String] = []
    for row in 0..<rows {
      // The last rows charge a card used above again, written differently: one value, two occurrences.
      let card: String
      if row >= rows - repeatedCards {
        card = cards[row - (rows - repeatedCards)]
      } else {
        let brand: FakeDataFactory.CardBrand
        switch factory.rng.below(20) {
        case 0..<8: brand = .visa
        case 8..<15: brand = .mastercard
        default: brand = .amex
        }
        card = factory.card(brand)
        cards.append(card)
      }
      let written: String
      switch row % 3 {
      case 0: written = ValueFormat.card(card, separator: " ")
      case 1: written = ValueFormat.card(card, separator: "-")
      default: written = card
      }
      plant(.paymentCard, written, in: file)
      let customer = "\(factory.rng.pick(NameBank.firstNames)) \(factory.rng.pick(NameBank.lastNames))"
      let expiry = "\(digits(factory.rng.int(in: 1...12), 2))/\(factory.rng.int(in: 26...31))"
      lines.append([customer, written, expiry, factory.number(digits: 9)].joined(separator: "\t"))
    }
    try write(file, lines.joined(separator: "\n") + "\n")
  }

  mutating func writeWires(domestic: Int, international: Int) throws {
    let file = "finance/wires.txt"
    var lines = ["Outgoing wire instructions, week 11 (synthetic)", "", "Domestic", ""]
    for _ in 0..<domestic {
      let routing = factory.routingNumber()
      plant(.usBankRouting, routing, in: file)
      lines.append(
        "Beneficiary: \(factory.rng.pick(NameBank.firstNames)) \(factory.rng.pick(NameBank.lastNames))")
      lines.append("Routing number: \(routing)  Account: \(factory.number(digits: 8))")
      lines.append("")
    }
    lines += ["International", ""]
    for index in 0..<international {
      let iban = factory.germanIBAN()
      let written = index % 2 == 0 ? ValueFormat.spacedIBAN(iban) : iban
      plant(.iban, written, in: file)
      lines.append(
        "Beneficiary: \(factory.rng.pick(NameBank.firstNames)) \(factory.rng.pick(NameBank.lastNames))")
      lines.append("IBAN: \(written)")
      lines.append("")
    }
    try write(file, lines.joined(separator: "\n"))
  }
}
