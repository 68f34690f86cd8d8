#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The built-in detectors, as data. Their ids are part of the output contract.
package enum BuiltinDetectors {
  package static let all: [DetectorSpec] = [
    ssn, itin, paymentCard, bankRouting, iban, email, phone, dateOfBirth, passport, driversLicense,
  ]

  /// Labels that name some other number; shared by the numeric identity detectors.
  static let otherNumbers: Set<LabelClass> = [
    .invoice, .order, .zip, .tracking, .reference, .transaction, .ticket, .employeeId, .customerId,
    .request, .phone, .bankAccount, .bankRouting, .card,
  ]

  package static let ssn = DetectorSpec(
    id: "us_ssn", category: "national_id",
    summary: "US Social Security number: area, group and serial rules, voided numbers rejected; bare nine digits only next to an SSN label, column or key.",
    example: "***-**-6789",
    shapes: [DigitShape(3, 2, 4, separators: "- ")],
    labels: [.ssn], negativeLabels: otherNumbers.union([.itin, .passport, .driversLicense]),
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes), t.digits.count == 9, t.isConsistent,
        t.groups == [9] ? c.source != .shape : t.groups == [3, 2, 4],
        t.separators.allSatisfy({ $0 == ASCII.hyphen || $0 == ASCII.space }),
        SSNRules.isValidSSN(t.digits)
      else { return nil }
      return Validation(length: t.length, canonical: t.digitString, reasons: ["ssn_rules"])
    })

  package static let itin = DetectorSpec(
    id: "us_itin", category: "national_id",
    summary: "US Individual Taxpayer Identification Number (9XX-7X-XXXX ranges); bare only with an ITIN label.",
    example: "***-**-1234",
    shapes: [DigitShape(3, 2, 4, separators: "- ")],
    labels: [.itin], negativeLabels: otherNumbers.union([.ssn]),
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes), t.digits.count == 9, t.isConsistent,
        t.groups == [9] ? c.source != .shape : t.groups == [3, 2, 4],
        t.separators.allSatisfy({ $0 == ASCII.hyphen || $0 == ASCII.space }),
        SSNRules.isValidITIN(t.digits)
      else { return nil }
      return Validation(length: t.length, canonical: t.digitString, reasons: ["itin_ranges"])
    })

  package static let paymentCard = DetectorSpec(
    id: "payment_card", category: "financial",
    summary: "Payment card number: Luhn check plus the issuer's IIN range and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay).",
    example: "**** **** **** 1111",
    shapes: [
      DigitShape([13...19], separators: ""),
      DigitShape([4...4, 4...4, 4...4, 1...7], separators: " -"),
      DigitShape([4...4, 6...6, 4...5], separators: " -"),
      DigitShape([4...4, 4...4, 4...4, 4...4, 3...3], separators: " -"),
    ],
    labels: [.card], negativeLabels: [.invoice, .order, .tracking, .reference, .transaction, .ticket, .phone, .bankAccount],
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes), t.isConsistent,
        t.separators.allSatisfy({ $0 == ASCII.hyphen || $0 == ASCII.space }),
        (13...19).contains(t.digits.count), Set(t.digits).count > 1,
        Luhn.isValid(t.digits), let brand = CardBrand.identify(t.digits)
      else { return nil }
      return Validation(
        length: t.length, canonical: t.digitString, reasons: ["luhn", "iin:\(brand.rawValue)"])
    })

  package static let bankRouting = DetectorSpec(
    id: "us_bank_routing", category: "financial",
    summary: "US ABA routing transit number: checksum and Federal Reserve prefix, next to a routing/ABA label or column.",
    example: "*****0021",
    labels: [.bankRouting],
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes), t.groups == [9], ABARouting.isValid(t.digits)
      else { return nil }
      return Validation(length: t.length, canonical: t.digitString, reasons: ["aba_checksum"])
    })

  package static let iban = DetectorSpec(
    id: "iban", category: "financial",
    summary: "International Bank Account Number: the country's length and the mod-97 check.",
    example: "DE** **** **** **** **30 00",
    shapes: [DigitShape(nil, separators: " ", alphanumericLead: 40)],
    labels: [.iban], standalone: .high,
    validate: { c in ibanAt(c.bytes) },
    mask: Masker.iban)

  package static let email = DetectorSpec(
    id: "email_address", category: "contact",
    summary: "Email address (RFC 5321 shape, a real top-level domain form).",
    example: "j***@example.com",
    patterns: [
      .init(#"@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}"#, tokenStart: emailStart)
    ],
    labels: [],
    validate: { c in emailAt(c.bytes) },
    mask: Masker.email)

  package static let phone = DetectorSpec(
    id: "phone_number", category: "contact",
    summary: "North American phone number: (NPA) NXX-XXXX forms with valid area and exchange codes; bare ten digits only with a phone label.",
    example: "(***) ***-0147",
    shapes: [
      DigitShape(3, 3, 4, separators: "-. "),
      DigitShape(1, 3, 3, 4, separators: "-. "),
      DigitShape([3...3, 4...4], separators: "-. ", parenthesizedLead: 3...3),
    ],
    labels: [.phone], negativeLabels: [.invoice, .order, .tracking, .reference, .transaction, .ticket, .ssn, .card, .bankAccount],
    validate: { c in phoneAt(c) })

  package static let dateOfBirth = DetectorSpec(
    id: "date_of_birth", category: "personal",
    summary: "A calendar date next to a date-of-birth label or column (DOB, date of birth, born).",
    example: "**/**/1980",
    labels: [.dateOfBirth],
    validate: { c in
      for length in dateTokenLengths(c.bytes) {
        if let date = CalendarDate.parse(Array(c.bytes[..<length]), latestYear: currentYear) {
          return Validation(length: length, canonical: date.iso, reasons: ["valid_date"])
        }
      }
      return nil
    },
    mask: Masker.date)

  package static let passport = DetectorSpec(
    id: "us_passport", category: "national_id",
    summary: "US passport number (nine digits, or a letter and eight digits) next to a passport label or column.",
    example: "*****5678",
    labels: [.passport], supported: .medium,
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes, letters: 1), t.groups.count == 1,
        t.letters.count + t.digits.count == 9, t.letters.count == 1 || t.digits.count == 9
      else { return nil }
      return Validation(
        length: t.length, canonical: String(decoding: t.letters, as: UTF8.self) + t.digitString,
        reasons: ["format"])
    })

  package static let driversLicense = DetectorSpec(
    id: "us_drivers_license", category: "national_id",
    summary: "US driver's licence number (state formats: up to two letters and 5 to 14 digits) next to a licence label or column.",
    example: "D****5678",
    labels: [.driversLicense], supported: .medium,
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes, letters: 2), (5...14).contains(t.digits.count),
        t.letters.count + t.digits.count >= 6, t.isConsistent
      else { return nil }
      return Validation(
        length: t.length, canonical: String(decoding: t.letters, as: UTF8.self) + t.digitString,
        reasons: ["format"])
    })

  // MARK: - Validator helpers

  /// The current year, the latest year of birth accepted.
  static let currentYear: Int = {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    return Int(parts.tm_year) + 1900
  }()

  /// An IBAN starting at one of the first alphanumeric groups of `b` (letters and digits in
  /// groups of up to four, separated by single spaces, or unspaced).
  static func ibanAt(_ b: [UInt8]) -> Validation? {
    var start = 0
    while start + 15 <= b.count {
      if start == 0 || !ASCII.isAlnum(b[start - 1]),
        ASCII.isUpper(b[start]), ASCII.isUpper(b[start + 1]),
        ASCII.isDigit(b[start + 2]), ASCII.isDigit(b[start + 3]),
        let length = IBANRules.expectedLength(country: (b[start], b[start + 1]))
      {
        var compact: [UInt8] = []
        var i = start
        while i < b.count, compact.count < length {
          if ASCII.isAlnum(b[i]) {
            compact.append(ASCII.upper(b[i]))
          } else if b[i] != ASCII.space || i + 1 >= b.count || !ASCII.isAlnum(b[i + 1]) {
            break
          }
          i += 1
        }
        if compact.count == length, i == b.count || !ASCII.isAlnum(b[i]), IBANRules.isValid(compact) {
          return Validation(
            offset: start, length: i - start, canonical: String(decoding: compact, as: UTF8.self),
            reasons: ["mod97", "country_length"])
        }
      }
      start += 1
    }
    return nil
  }

  static func emailLocal(_ b: UInt8) -> Bool {
    ASCII.isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
  }

  /// Start of the local part before the `@` that the email pattern anchored on.
  @Sendable static func emailStart(_ buffer: UnsafeRawBufferPointer, _ matchEnd: Int) -> Int? {
    var at = matchEnd - 1
    let floor = max(0, matchEnd - 300)
    while at >= floor, buffer[at] != ASCII.at { at -= 1 }
    guard at >= floor else { return nil }
    var start = at
    while start > 0, at - start < 64, emailLocal(buffer[start - 1]) { start -= 1 }
    return start < at ? start : nil
  }

  /// `local@domain.tld` at the front of `b`, the domain taken greedily.
  static func emailAt(_ b: [UInt8]) -> Validation? {
    guard let at = b.firstIndex(of: ASCII.at), at > 0, at <= 64 else { return nil }
    let local = b[..<at]
    guard local.allSatisfy(emailLocal), local.first != ASCII.dot, local.last != ASCII.dot,
      !zip(local, local.dropFirst()).contains(where: { $0 == ASCII.dot && $1 == ASCII.dot })
    else { return nil }
    var labels: [[UInt8]] = [[]]
    var i = at + 1
    while i < b.count {
      let c = b[i]
      if ASCII.isAlnum(c) || c == ASCII.hyphen {
        labels[labels.count - 1].append(c)
      } else if c == ASCII.dot, i + 1 < b.count, ASCII.isAlnum(b[i + 1]), !labels.last!.isEmpty {
        labels.append([])
      } else {
        break
      }
      i += 1
    }
    // Drop a trailing label that is not a TLD shape ("a@b.com.x1" stops at "com").
    while labels.count >= 2, let tld = labels.last,
      !(tld.count >= 2 && tld.allSatisfy(ASCII.isLetter))
    {
      i -= tld.count + 1
      labels.removeLast()
    }
    guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.first != ASCII.hyphen && $0.last != ASCII.hyphen })
    else { return nil }
    let value = b[..<i].map(ASCII.lower)
    return Validation(length: i, canonical: String(decoding: value, as: UTF8.self), reasons: ["format"])
  }

  /// A NANP number: `(212) 555-0147`, `212-555-0147`, `+1 212 555 0147`, or ten bare digits with a label.
  static func phoneAt(_ c: Candidate) -> Validation? {
    var b = c.bytes[...]
    var lead = 0
    var leadDigits: [UInt8] = []
    if b.first == 0x28 {  // "(212) " or "(212)"
      guard b.count > 6, b[b.startIndex + 4] == 0x29 else { return nil }
      leadDigits = b[(b.startIndex + 1)..<(b.startIndex + 4)].map { $0 &- 0x30 }
      guard leadDigits.allSatisfy({ $0 < 10 }) else { return nil }
      lead = 5
      if b.count > 5, b[b.startIndex + 5] == ASCII.space { lead = 6 }
      b = b.dropFirst(lead)
    }
    guard let t = TokenReader.numeric(Array(b)), t.isConsistent else { return nil }
    var digits = leadDigits + t.digits
    if digits.count == 11, digits[0] == 1, t.groups.count == 4 || lead > 0 { digits.removeFirst() }
    guard digits.count == 10 else { return nil }
    let bare = lead == 0 && t.groups == [10]
    if bare && c.source == .shape { return nil }
    if lead > 0 && t.groups != [3, 4] { return nil }
    guard NANPPhone.isValid(digits) else { return nil }
    return Validation(
      length: lead + t.length, canonical: String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self),
      reasons: ["nanp"])
  }

  /// Lengths of the date-looking prefixes of `b`, longest first: `03/05/1980`, `1980-03-05`,
  /// `March 5, 1980`, `5 Mar. 1980`.
  static func dateTokenLengths(_ b: [UInt8]) -> [Int] {
    var lengths: [Int] = []
    // Numeric dates.
    var i = 0
    while i < b.count, i < 10, ASCII.isDigit(b[i]) || b[i] == ASCII.slash || b[i] == ASCII.hyphen || b[i] == ASCII.dot {
      i += 1
    }
    while i > 0, !ASCII.isDigit(b[i - 1]) { i -= 1 }
    if i >= 8, i == b.count || !ASCII.isAlnum(b[i]) { lengths.append(i) }
    // Word dates: up to four space-separated words, digits and commas.
    var j = 0
    var words = 0
    while j < b.count, words < 4, j < 24 {
      while j < b.count, ASCII.isAlnum(b[j]) { j += 1 }
      words += 1
      let end = j
      if words == 3, end > 0, ASCII.isDigit(b[end - 1]) { lengths.append(end) }
      while j < b.count, b[j] == ASCII.dot || b[j] == ASCII.comma { j += 1 }
      guard j < b.count, b[j] == ASCII.space else { break }
      j += 1
    }
    return lengths
  }
}
