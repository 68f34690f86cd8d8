#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase

/// The built-in detectors, as data. Their ids are part of the output contract.
public enum BuiltinDetectors {
  public static let all: [DetectorSpec] =
    personal + CredentialDetectors.all + MedicalDetectors.all + DocumentClasses.all

  /// Personal identifiers and contact data.
  package static let personal: [DetectorSpec] = [
    ssn, itin, paymentCard, bankRouting, iban, email, phone, dateOfBirth, passport, driversLicense,
    PersonRecord.nameSpec,
  ]

  /// Labels that name some other number; shared by the numeric identity detectors.
  static let otherNumbers: Set<LabelClass> = [
    .invoice, .order, .zip, .tracking, .reference, .transaction, .ticket, .employeeId, .customerId,
    .request, .phone, .bankAccount, .bankRouting, .card,
  ]

  package static let ssn = DetectorSpec(
    id: "us_ssn", category: "national_id",
    summary:
      "US Social Security number (3-2-4 with dashes, spaces or dots): area, group and serial rules, voided numbers rejected; bare nine digits only next to an SSN label, column or key.",
    example: "***-**-6789",
    shapes: [DigitShape(3, 2, 4, separators: "- .")],
    labels: [.ssn], negativeLabels: otherNumbers.union([.itin, .passport, .driversLicense]),
    validate: { c in
      guard var t = TokenReader.numeric(c.bytes), t.isConsistent else { return nil }
      // A spreadsheet stores an SSN as a number and drops its leading zeros (012-34-5678 becomes
      // 12345678): in an SSN column, seven or eight bare digits are padded back.
      if c.source == .column(.ssn), t.groups.count == 1, (7...8).contains(t.digits.count) {
        t.digits = [UInt8](repeating: 0, count: 9 - t.digits.count) + t.digits
        t.groups = [9]
      }
      guard t.digits.count == 9, t.groups == [9] ? c.source != .shape : t.groups == [3, 2, 4],
        t.separators.all(in: ASCII.hyphen, ASCII.space, ASCII.dot),
        SSNRules.isValidSSN(t.digits)
      else { return nil }
      return Validation(length: t.length, canonical: t.digitString, reasons: [.check(.ssnRules)])
    })

  package static let itin = DetectorSpec(
    id: "us_itin", category: "national_id",
    summary:
      "US Individual Taxpayer Identification Number (9XX-7X-XXXX ranges); bare only with an ITIN label.",
    example: "***-**-1234",
    shapes: [DigitShape(3, 2, 4, separators: "- ")],
    labels: [.itin], negativeLabels: otherNumbers.union([.ssn]),
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes), t.digits.count == 9, t.isConsistent,
        t.groups == [9] ? c.source != .shape : t.groups == [3, 2, 4],
        t.separators.all(in: ASCII.hyphen, ASCII.space),
        SSNRules.isValidITIN(t.digits)
      else { return nil }
      return Validation(length: t.length, canonical: t.digitString, reasons: [.check(.itinRanges)])
    })

  package static let paymentCard = DetectorSpec(
    id: "payment_card", category: "financial",
    summary:
      "Payment card number: Luhn check plus the issuer's IIN range and length from an IIN table (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay; Maestro, UATP, Dankort, Mir, RuPay, Troy, Verve, InterPayment, InstaPayment grouped or labelled).",
    example: "**** **** **** 1111",
    shapes: [
      DigitShape([13...19], separators: ""),
      DigitShape([4...4, 4...4, 4...4, 1...7], separators: " -"),
      DigitShape([4...4, 6...6, 4...5], separators: " -"),
      DigitShape([4...4, 4...4, 4...4, 4...4, 3...3], separators: " -"),
    ],
    labels: [.card],
    negativeLabels: [.invoice, .order, .tracking, .reference, .transaction, .ticket, .phone, .bankAccount],
    validate: { c in
      // A bare run of digits found by shape alone counts only for the big networks; the
      // others' ranges are broad (Maestro 56–58 at 12–19 digits, UATP's 1 at 15) and need
      // grouping or a card label.
      guard let t = TokenReader.numeric(c.bytes), t.isConsistent,
        t.separators.all(in: ASCII.hyphen, ASCII.space),
        (12...19).contains(t.digits.count), Set(t.digits).count > 1,
        Luhn.isValid(t.digits),
        let brand = CardBrand.identify(t.digits, bare: c.source == .shape && t.groups.count == 1)
      else { return nil }
      return Validation(
        length: t.length, canonical: t.digitString, reasons: [.check(.luhn), .issuer(brand)])
    })

  package static let bankRouting = DetectorSpec(
    id: "us_bank_routing", category: "financial",
    summary:
      "US ABA routing transit number: checksum and Federal Reserve prefix, next to a routing/ABA label or column.",
    example: "*****0021",
    labels: [.bankRouting],
    validate: { c in
      // Nine digits, or grouped with one kind of dash or space (`0110-0001-5`, `011 000 015`):
      // always next to a routing label, so grouping adds no risk.
      guard let t = TokenReader.numeric(c.bytes), t.digits.count == 9, t.isConsistent,
        t.separators.all(in: ASCII.hyphen, ASCII.space), ABARouting.isValid(t.digits)
      else { return nil }
      return Validation(length: t.length, canonical: t.digitString, reasons: [.check(.abaChecksum)])
    })

  package static let iban = DetectorSpec(
    id: "iban", category: "financial",
    summary:
      "International Bank Account Number, grouped by spaces or dashes: the country's length and the mod-97 check.",
    example: "DE** **** **** **** **30 00",
    shapes: [DigitShape(nil, separators: " -", alphanumericLead: 40)],
    labels: [.iban], standalone: .high,
    validate: { c in ibanAt(c.bytes) },
    mask: .keep(first: 2, last: 4))

  package static let email = DetectorSpec(
    id: "email_address", category: "contact",
    summary: "Email address (RFC 5321 shape, a real top-level domain form).",
    example: "j***@example.com",
    patterns: [
      // Every `@`: the validator reads the local part and the whole domain from it, and
      // accepts only what `@label(.label)*.tld` would have matched (EmailAddressTests checks
      // that), so an expression in Vectorscan was a filter that cost more than the addresses'
      // checks.
      .init(
        trigger: ASCII.at,
        tokenStart: { base, count, end in
          EmailAddress.start(UnsafeRawBufferPointer(start: base, count: count), end) ?? -1
        })
    ],
    labels: [],
    validate: { c in EmailAddress.validate(c.bytes) },
    mask: .email)

  package static let phone = DetectorSpec(
    id: "phone_number", category: "contact",
    summary:
      "North American phone number: (NPA) NXX-XXXX, NPA-NXX-XXXX, NPA.NXX.XXXX and +1 forms with valid area and exchange codes; space-separated or bare ten digits only with a phone label.",
    example: "(***) ***-0147",
    // Spaces alone (`571 612 1056`) are as likely a list of numbers: with a label, or after +1.
    shapes: [
      DigitShape(3, 3, 4, separators: "-."),
      DigitShape(1, 3, 3, 4, separators: "-. "),
      DigitShape([3...3, 4...4], separators: "-. ", parenthesizedLead: 3...3),
    ],
    labels: [.phone],
    negativeLabels: [
      .invoice, .order, .tracking, .reference, .transaction, .ticket, .ssn, .card, .bankAccount,
    ],
    validate: { c in phoneAt(c) })

  package static let dateOfBirth = DetectorSpec(
    id: "date_of_birth", category: "personal",
    summary: "A calendar date next to a date-of-birth label or column (DOB, date of birth, born).",
    example: "**/**/1980",
    labels: [.dateOfBirth],
    validate: { c in
      for length in dateTokenLengths(c.bytes) {
        if let date = CalendarDate.parse(Array(c.bytes[..<length]), latestYear: currentYear) {
          return Validation(length: length, canonical: date.iso, reasons: [.check(.validDate)])
        }
      }
      // A spreadsheet keeps a date as its serial number (days since 1899-12-30) unless it is
      // formatted: in a date-of-birth column, a plain number of that range is one.
      if c.source == .column(.dateOfBirth), let date = spreadsheetDate(c.bytes) {
        return Validation(
          length: c.bytes.count, canonical: date.iso,
          reasons: [.check(.validDate), .check(.spreadsheetSerial)])
      }
      return nil
    },
    mask: .keepLast4)

  package static let passport = DetectorSpec(
    id: "us_passport", category: "national_id",
    summary:
      "US passport number (nine digits, or a letter and eight digits) next to a passport label or column.",
    example: "*****5678",
    labels: [.passport], supported: .medium,
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes, letters: 1), t.groups.count == 1,
        t.letters.count + t.digits.count == 9, t.letters.count == 1 || t.digits.count == 9
      else { return nil }
      return Validation(
        length: t.length, canonical: t.letterString + t.digitString,
        reasons: [.check(.format)])
    })

  package static let driversLicense = DetectorSpec(
    id: "us_drivers_license", category: "national_id",
    summary:
      "US driver's licence number (state formats: up to two letters and 5 to 14 digits) next to a licence label or column.",
    example: "D****5678",
    labels: [.driversLicense], supported: .medium,
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes, letters: 2), (5...14).contains(t.digits.count),
        t.letters.count + t.digits.count >= 6, t.isConsistent
      else { return nil }
      return Validation(
        length: t.length, canonical: t.letterString + t.digitString,
        reasons: [.check(.format)])
    })

  // MARK: - Validator helpers

  /// The current year, the latest year of birth accepted.
  static let currentYear: Int = {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    return Int(parts.tm_year) + 1900
  }()

  /// The date of a spreadsheet serial number (the 1900 date system, whose day 60 is the
  /// 29 February 1900 that never was), between 1900 and today.
  static func spreadsheetDate(_ b: [UInt8]) -> CalendarDate? {
    guard (1...5).contains(b.count), b.allSatisfy(ASCII.isDigit) else { return nil }
    let serial = b.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    guard serial >= 1, serial != 60 else { return nil }
    // Days from 1970-01-01; serial 25569 is 1970-01-01, and serials before 60 are one day later
    // than the count suggests.
    let days = serial - 25569 + (serial < 60 ? 1 : 0)
    let (year, month, day) = CivilDay.date(daysSince1970: days)
    guard year >= 1900, year <= currentYear else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

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
          } else if b[i] != ASCII.space && b[i] != ASCII.hyphen || i + 1 >= b.count
            || !ASCII.isAlnum(b[i + 1])
          {
            break
          }
          i += 1
        }
        if compact.count == length, i == b.count || !ASCII.isAlnum(b[i]), IBANRules.isValid(compact) {
          return Validation(
            offset: start, length: i - start, canonical: String(decoding: compact, as: UTF8.self),
            reasons: [.check(.mod97), .check(.countryLength)])
        }
      }
      start += 1
    }
    return nil
  }

  /// A NANP number: `(212) 555-0147`, `212-555-0147`, `+1 212 555 0147`, or ten bare digits with a label.
  ///
  /// The token is read as `TokenReader.numeric` reads it (digit groups joined by one `-`, `.`,
  /// `/` or a space before a digit, one separator throughout, at most eight groups, no word byte
  /// after it), into a fixed buffer: a contact export holds a phone number per row.
  static func phoneAt(_ c: Candidate) -> Validation? {
    let b = c.bytes
    // Digits as bytes 0-7 of `low` and 8-15 of `high`: shifts into registers (writing lanes of
    // a vector at a variable index went through memory, and stalled on reading it back).
    var low: UInt64 = 0
    var high: UInt64 = 0
    var count = 0
    var lead = 0
    if b.first == 0x28 {  // "(212) " or "(212)"
      guard b.count > 6, b[4] == 0x29, ASCII.isDigit(b[1]), ASCII.isDigit(b[2]), ASCII.isDigit(b[3])
      else { return nil }
      low = UInt64(b[1] - 0x30) | UInt64(b[2] - 0x30) << 8 | UInt64(b[3] - 0x30) << 16
      count = 3
      lead = b[5] == ASCII.space ? 6 : 5
    }
    var i = lead
    guard i < b.count, ASCII.isDigit(b[i]) else { return nil }
    // Group count and the first two groups' lengths: all that the forms below look at.
    var groupCount = 0
    var firstGroup = 0
    var secondGroup = 0
    var separator: UInt8 = 0
    var run = 0
    while true {
      let ch: UInt8 = i < b.count ? b[i] : 0
      if ASCII.isDigit(ch) {
        if count < 8 {
          low |= UInt64(ch - 0x30) << UInt64(8 * count)
        } else if count < 16 {
          high |= UInt64(ch - 0x30) << UInt64(8 * (count - 8))
        }
        count += 1
        run += 1
        i += 1
        continue
      }
      let joins =
        i + 1 < b.count && ASCII.isDigit(b[i + 1])
        && (ch == ASCII.hyphen || ch == ASCII.dot || ch == ASCII.slash || ch == ASCII.space)
      if groupCount == 0 { firstGroup = run } else if groupCount == 1 { secondGroup = run }
      groupCount += 1
      guard joins else { break }
      if separator == 0 { separator = ch } else if separator != ch { return nil }
      run = 0
      i += 1
    }
    if i < b.count, ASCII.isWord(b[i]) { return nil }
    guard groupCount <= 8 else { return nil }
    if lead > 0 && (groupCount != 2 || firstGroup != 3 || secondGroup != 4) { return nil }
    if lead == 0 && groupCount == 1 && firstGroup == 10 && c.source == .shape { return nil }
    if count == 11, low & 0xFF == 1, groupCount == 4 {
      // `1-212-…`: the country code dropped, every digit one place down.
      low = low >> 8 | high << 56
      high >>= 8
      count = 10
    }
    func digit(_ k: Int) -> UInt64 { low >> UInt64(8 * k) & 0xFF }
    // NANPPhone.isValid: area code NXX but not N11, exchange NXX, not one digit repeated.
    guard count == 10, digit(0) >= 2, !(digit(1) == 1 && digit(2) == 1), digit(3) >= 2 else { return nil }
    let first = UInt8(truncatingIfNeeded: digit(0))
    guard low != WordBytes.broadcast(first) || high != digit(0) &* 0x0101 else { return nil }
    let ascii = unsafeBitCast(
      ((low &+ WordBytes.broadcast(0x30)).littleEndian, (high &+ 0x3030).littleEndian), to: SIMD16<UInt8>.self
    )
    return Validation(length: i, form: .short(ascii, count: 10), reasons: Reasons(.check(.nanp)))
  }

  /// Lengths of the date-looking prefixes of `b`, longest first: `03/05/1980`, `1980-03-05`,
  /// `March 5, 1980`, `5 Mar. 1980`.
  static func dateTokenLengths(_ b: [UInt8]) -> [Int] {
    var lengths: [Int] = []
    // Numeric dates.
    var i = 0
    while i < b.count, i < 10,
      ASCII.isDigit(b[i]) || b[i] == ASCII.slash || b[i] == ASCII.hyphen || b[i] == ASCII.dot
    {
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
