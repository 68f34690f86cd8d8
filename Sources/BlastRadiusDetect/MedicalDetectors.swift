import BlastRadiusBase
import BlastRadiusMatch

/// Medical identifiers (category `medical`), as data. Ids are part of the output contract.
///
/// Most of these numbers have no checksum or one that one random number in ten passes, so they
/// count only next to their label or column; NPI and DEA numbers add their check digit.
package enum MedicalDetectors {
  package static let all: [DetectorSpec] = [medicalRecord, npi, dea, healthPlan, icd10, mbi]

  /// A record-style identifier: letters, digits and dashes, with at least four digits.
  static func recordID(_ b: [UInt8], lengths: ClosedRange<Int>) -> Validation? {
    var n = 0
    var digits = 0
    while n < b.count,
      ASCII.isAlnum(b[n]) || (b[n] == ASCII.hyphen && n + 1 < b.count && ASCII.isAlnum(b[n + 1]))
    {
      if ASCII.isDigit(b[n]) { digits += 1 }
      n += 1
    }
    guard lengths.contains(n), digits >= 4, n == b.count || !ASCII.isWord(b[n]) else { return nil }
    let canonical = String(decoding: b[..<n].filter(ASCII.isAlnum).map(ASCII.upper), as: UTF8.self)
    return Validation(length: n, canonical: canonical, reasons: [.check(.format)])
  }

  package static let medicalRecord = DetectorSpec(
    id: "medical_record_number", category: "medical",
    summary: "Medical record number next to an MRN / medical record / patient id label or column.",
    example: "****5678",
    labels: [.medicalRecord],
    validate: { c in recordID(c.bytes, lengths: 5...20) })

  package static let npi = DetectorSpec(
    id: "us_npi", category: "medical",
    summary:
      "US National Provider Identifier: ten digits starting with 1 or 2, Luhn check over 80840 and the number; with an NPI label or column.",
    example: "******3993",
    labels: [.npi],
    validate: { c in
      guard let t = TokenReader.numeric(c.bytes), t.groups == [10], t.digits[0] == 1 || t.digits[0] == 2,
        Luhn.isValid([8, 0, 8, 4, 0] + t.digits)
      else { return nil }
      return Validation(
        length: t.length, canonical: t.digitString, reasons: [.check(.luhn), .check(.npiPrefix)])
    })

  /// Registrant-type letters a DEA number may start with.
  static let deaTypes = Set("ABCDEFGHJKLMPRSTUX".utf8)

  package static let dea = DetectorSpec(
    id: "us_dea", category: "medical",
    summary:
      "US DEA registration number: two letters and seven digits with the DEA check digit; reported at medium only next to a DEA label or column.",
    example: "AB*****63",
    shapes: [DigitShape([7...7], alphanumericLead: 2)],
    labels: [.dea], standalone: .low, supported: .high,
    validate: { c in
      let b = c.bytes
      guard b.count >= 9, deaTypes.contains(ASCII.upper(b[0])),
        ASCII.isLetter(b[1]) || b[1] == 0x39, (2..<9).allSatisfy({ ASCII.isDigit(b[$0]) }),
        b.count == 9 || !ASCII.isWord(b[9])
      else { return nil }
      let d = b[2..<9].map { Int($0 - 0x30) }
      guard (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6] else { return nil }
      return Validation(
        length: 9, canonical: String(decoding: b[..<9].map(ASCII.upper), as: UTF8.self),
        reasons: [.check(.deaChecksum)])
    },
    mask: .keep(first: 2, last: 2))

  package static let healthPlan = DetectorSpec(
    id: "health_plan_id", category: "medical",
    summary:
      "Health plan member or subscriber id next to its label or column (member id, subscriber id, policy number).",
    example: "XGH*****6789",
    labels: [.healthPlan],
    validate: { c in recordID(c.bytes, lengths: 6...20) },
    mask: .keepLast4)

  /// ICD-10-CM: a letter (not U), a digit, a letter or digit, then an optional dot and up to
  /// four letters or digits.
  static func icd10Value(_ b: [UInt8]) -> Validation? {
    guard b.count >= 3, ASCII.isUpper(b[0]), b[0] != 0x55, ASCII.isDigit(b[1]),
      ASCII.isDigit(b[2]) || ASCII.isUpper(b[2])
    else { return nil }
    var n = 3
    if n < b.count, b[n] == ASCII.dot, n + 1 < b.count, ASCII.isAlnum(b[n + 1]) {
      n += 1
      while n < b.count, n < 8, ASCII.isAlnum(b[n]) { n += 1 }
    }
    guard n == b.count || !ASCII.isWord(b[n]) else { return nil }
    return Validation(
      length: n, canonical: String(decoding: b[..<n].filter { $0 != ASCII.dot }, as: UTF8.self),
      reasons: [.check(.icd10Shape)])
  }

  /// Diagnosis labels are looked for everywhere: codes like `E11.9` have too few digits for
  /// the label search that runs near numbers.
  static func afterLabel(_ phrase: String) -> DetectorSpec.PatternRule {
    DetectorSpec.PatternRule(VectorscanPattern.literal(phrase), caseless: true) { buffer, end in
      let start = end - phrase.utf8.count
      guard start >= 0, AssignmentReader.startsName(buffer, at: start),
        end >= buffer.count || !ASCII.isAlnum(buffer[end]),
        let value = LabelValue.start(after: end, in: buffer)
      else { return nil }
      var stop = value
      while stop < min(buffer.count, value + 24),
        ASCII.isAlnum(buffer[stop]) || buffer[stop] == ASCII.dot || buffer[stop] == ASCII.hyphen
      {
        stop += 1
      }
      return value..<stop
    }
  }

  package static let icd10: DetectorSpec = DetectorSpec(
    id: "icd10_code", category: "medical",
    summary: "ICD-10 diagnosis code (valid code shape) next to a diagnosis / ICD / Dx label or column.",
    example: "E11.*",
    patterns: ["diagnosis", "diagnoses", "icd-10", "icd10", "icd", "dx:", "dx code"].map(afterLabel),
    labels: [.diagnosis],
    validate: { c in icd10Value(c.bytes) },
    mask: .custom { b in String(decoding: b.prefix(3), as: UTF8.self) + (b.count > 3 ? ".*" : "") })

  static let mbiLetters = ByteSet("AC-HJKMNP-RT-Y")

  /// Medicare Beneficiary Identifier: 11 positions, digits and letters (no S, L, O, I, B, Z)
  /// in a fixed pattern, optionally written with dashes after the 4th and 7th.
  static func mbiValue(_ b: [UInt8]) -> Validation? {
    var chars: [UInt8] = []
    var n = 0
    while n < b.count, chars.count < 11 {
      if b[n] == ASCII.hyphen, chars.count == 4 || chars.count == 7 { n += 1; continue }
      guard ASCII.isAlnum(b[n]) else { break }
      chars.append(ASCII.upper(b[n]))
      n += 1
    }
    guard chars.count == 11, n == b.count || !ASCII.isWord(b[n]) else { return nil }
    let digit = { (i: Int) in ASCII.isDigit(chars[i]) }
    let letter = { (i: Int) in mbiLetters.contains(chars[i]) }
    let either = { (i: Int) in digit(i) || letter(i) }
    guard chars[0] != 0x30, digit(0), letter(1), either(2), digit(3), letter(4), either(5), digit(6),
      letter(7), letter(8), digit(9), digit(10)
    else { return nil }
    return Validation(
      length: n, canonical: String(decoding: chars, as: UTF8.self), reasons: [.check(.mbiFormat)])
  }

  package static let mbi = DetectorSpec(
    id: "us_mbi", category: "medical",
    summary:
      "Medicare Beneficiary Identifier (11-position pattern) next to a Medicare / MBI label or column.",
    example: "*******MK73",
    patterns: ["medicare", "mbi", "beneficiary id"].map(afterLabel),
    labels: [.medicare],
    validate: { c in mbiValue(c.bytes) })
}
