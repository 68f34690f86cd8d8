/// Draws valid, never-repeating identifiers. Uniqueness is enforced here so that every repeat in the sample is a
/// deliberate one and the manifest's unique counts are exact.
struct FakeDataFactory {
  enum CardBrand: CaseIterable {
    case visa, mastercard, amex
  }

  var rng: SplitMix64
  private var used: Set<String> = []

  init(seed: UInt64) {
    rng = SplitMix64(seed: seed)
  }

  mutating func person() -> FakePerson {
    let first = rng.pick(NameBank.firstNames)
    let last = rng.pick(NameBank.lastNames)
    return FakePerson(
      firstName: first, lastName: last, ssn: ssn(), dateOfBirth: dateOfBirth(),
      email: email(first: first, last: last), phone: phone())
  }

  mutating func ssn() -> String {
    unique("ssn") { rng in
      let (area, group, serial) = Self.randomSSN(using: &rng)
      return digits(area, 3) + digits(group, 2) + digits(serial, 4)
    }
  }

  /// A valid SSN without the uniqueness bookkeeping, for the benchmark corpus where repeats do not matter.
  static func randomSSN(using rng: inout SplitMix64) -> (area: Int, group: Int, serial: Int) {
    while true {
      let area = rng.int(in: 1...899)
      let group = rng.int(in: 1...99)
      let serial = rng.int(in: 1...9999)
      if IdentifierRules.isValidSSN(area: area, group: group, serial: serial) {
        return (area, group, serial)
      }
    }
  }

  mutating func dateOfBirth() -> CivilDate {
    var date = CivilDate(year: 1950, month: 1, day: 1)
    _ = unique("dob") { rng in
      let year = rng.int(in: 1950...2003)
      let month = rng.int(in: 1...12)
      date = CivilDate(
        year: year, month: month, day: rng.int(in: 1...CivilDate.daysInMonth(month, year: year)))
      return date.iso
    }
    return date
  }

  /// Ten digits with area and exchange codes starting 2–9, and no N11 exchange (those are service codes).
  mutating func phone() -> String {
    unique("phone") { rng in
      var exchange: Int
      repeat {
        exchange = rng.int(in: 200...999)
      } while exchange % 100 == 11
      return "\(rng.pick(NameBank.areaCodes))\(exchange)" + digits(rng.below(10_000), 4)
    }
  }

  mutating func email(first: String, last: String) -> String {
    let first = first.lowercased()
    let last = last.lowercased()
    return unique("email") { rng in
      let domain = rng.pick(NameBank.emailDomains)
      switch rng.below(3) {
      case 0: return "\(first).\(last)@\(domain)"
      case 1: return "\(first.prefix(1))\(last)\(rng.int(in: 1...99))@\(domain)"
      default: return "\(first)_\(last)\(rng.int(in: 1...999))@\(domain)"
      }
    }
  }

  mutating func card(_ brand: CardBrand) -> String {
    unique("card") { rng in
      var payload: [Int]
      switch brand {
      case .visa: payload = [4]
      case .mastercard: payload = [5, rng.int(in: 1...5)]
      case .amex: payload = [3, rng.pick([4, 7])]
      }
      let length = brand == .amex ? 15 : 16
      while payload.count < length - 1 { payload.append(rng.below(10)) }
      payload.append(IdentifierRules.luhnCheckDigit(payload))
      return payload.map(String.init).joined()
    }
  }

  /// Nine digits, a Federal Reserve prefix and a correct ABA check digit.
  mutating func routingNumber() -> String {
    unique("routing") { rng in
      let prefix = rng.pick(Array(1...12) + Array(21...32))
      var first8 = [prefix / 10, prefix % 10]
      while first8.count < 8 { first8.append(rng.below(10)) }
      return (first8 + [IdentifierRules.routingCheckDigit(first8)]).map(String.init).joined()
    }
  }

  /// A 22-character German IBAN: DE, check digits, an 8-digit bank code and a 10-digit account. Printed in groups of
  /// four, its digit groups never read as a Luhn-valid card number, so it plants an IBAN and nothing else.
  mutating func germanIBAN() -> String {
    unique("iban") { rng in
      while true {
        let bban = digits(rng.int(in: 10_000_000...89_999_999), 8) + digits(rng.below(10_000_000_000), 10)
        let iban = "DE" + digits(IdentifierRules.ibanCheckDigits(country: "DE", bban: bban), 2) + bban
        if !IdentifierRules.hasCardLikeGroups(ValueFormat.spacedIBAN(iban)) { return iban }
      }
    }
  }

  /// A number of `count` digits that never starts with 0, unique among the factory's numbers; for ids and invoices.
  mutating func number(digits count: Int) -> String {
    unique("number") { rng in
      var low = 1
      for _ in 1..<count { low *= 10 }
      return String(rng.int(in: low...(low * 10 - 1)))
    }
  }

  /// Draws until `make` yields a value not handed out before under `kind`.
  private mutating func unique(_ kind: String, _ make: (inout SplitMix64) -> String) -> String {
    while true {
      let value = make(&rng)
      if used.insert(kind + ":" + value).inserted { return value }
    }
  }
}
