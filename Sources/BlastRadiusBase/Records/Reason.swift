/// Why a finding was reported at its confidence: validator evidence and context.
///
/// An enum rather than strings: every finding carries several, and strings cost an allocation
/// each on the hot path. The output spelling (`luhn`, `iin:visa`, `label:ssn`) is part of the
/// output contract.
public enum Reason: Hashable, Sendable {
  /// What a validator checked.
  public enum Check: UInt8, CaseIterable, Sendable {
    case ssnRules, itinRanges, luhn, abaChecksum, mod97, countryLength, format, nanp, validDate,
      spreadsheetSerial
    // Credentials: how the secret was recognised, and why one was judged a placeholder.
    case tokenFormat, checksum, entropy, assignment, nearKeyID
    case placeholder, exampleKey, lowEntropy, tooShort, codeReference
    // Private keys: the kind, and whether a passphrase protects it.
    case rsa, ec, dsa, ed25519, pkcs8, openssh, putty, pgp, encrypted, unencrypted
    // Password hashes: the scheme, and the line form it sat in.
    case bcrypt, sha512crypt, sha256crypt, md5crypt, apr1, argon2, scrypt, yescrypt, descrypt, ldapSHA
    case ntlm, netNTLMv1, netNTLMv2, kerberos, shadowLine, pwdumpLine, htpasswdLine
    // Medical identifiers.
    case deaChecksum, mbiFormat, icd10Shape, npiPrefix
    // Credential files: recognised by name, by content, or both.
    case fileName, fileContent
    // Custom rules.
    case rule, keyword
    // Cisco IOS type 8 (PBKDF2-SHA256) and type 9 (scrypt) secrets; appended, as stored
    // findings keep a check as its index.
    case ciscoType8, ciscoType9
    // A token whose format carries a checksum (GitHub, npm) that does not hold.
    case checksumMismatch

    public var name: StaticString {
      switch self {
      case .ssnRules: "ssn_rules"
      case .itinRanges: "itin_ranges"
      case .luhn: "luhn"
      case .abaChecksum: "aba_checksum"
      case .mod97: "mod97"
      case .countryLength: "country_length"
      case .format: "format"
      case .nanp: "nanp"
      case .validDate: "valid_date"
      case .spreadsheetSerial: "spreadsheet_serial"
      case .tokenFormat: "token_format"
      case .checksum: "checksum"
      case .entropy: "entropy"
      case .assignment: "assignment"
      case .nearKeyID: "near_key_id"
      case .placeholder: "placeholder"
      case .exampleKey: "example_key"
      case .lowEntropy: "low_entropy"
      case .tooShort: "too_short"
      case .codeReference: "code_reference"
      case .rsa: "rsa"
      case .ec: "ec"
      case .dsa: "dsa"
      case .ed25519: "ed25519"
      case .pkcs8: "pkcs8"
      case .openssh: "openssh"
      case .putty: "putty"
      case .pgp: "pgp"
      case .encrypted: "encrypted"
      case .unencrypted: "unencrypted"
      case .bcrypt: "bcrypt"
      case .sha512crypt: "sha512crypt"
      case .sha256crypt: "sha256crypt"
      case .md5crypt: "md5crypt"
      case .apr1: "apr1"
      case .argon2: "argon2"
      case .scrypt: "scrypt"
      case .yescrypt: "yescrypt"
      case .descrypt: "descrypt"
      case .ldapSHA: "ldap_sha"
      case .ntlm: "ntlm"
      case .netNTLMv1: "netntlmv1"
      case .netNTLMv2: "netntlmv2"
      case .kerberos: "kerberos"
      case .shadowLine: "shadow_line"
      case .pwdumpLine: "pwdump_line"
      case .htpasswdLine: "htpasswd_line"
      case .deaChecksum: "dea_checksum"
      case .mbiFormat: "mbi_format"
      case .icd10Shape: "icd10_shape"
      case .npiPrefix: "npi_prefix"
      case .fileName: "file_name"
      case .fileContent: "file_content"
      case .rule: "rule"
      case .keyword: "keyword"
      case .ciscoType8: "cisco_type8"
      case .ciscoType9: "cisco_type9"
      case .checksumMismatch: "checksum_mismatch"
      }
    }
  }

  case check(Check)
  /// The card issuer whose IIN range and length matched.
  case issuer(CardBrand)
  /// A supporting label before the value on its line.
  case label(LabelClass)
  /// A supporting column header.
  case column(LabelClass)
  /// A label naming something else, which lowered the confidence.
  case notLabel(LabelClass)
  case notColumn(LabelClass)
  /// The value was read by OCR from an image: a character may have been misread, so the value
  /// may not be what the page says (never "corrected" into a valid one either).
  case ocr

  /// The output spelling.
  public var text: String {
    switch self {
    case .check(let c): c.name.description
    case .issuer(let b): "iin:" + b.rawValue
    case .label(let l): "label:" + l.rawValue
    case .column(let l): "column:" + l.rawValue
    case .notLabel(let l): "not_label:" + l.rawValue
    case .notColumn(let l): "not_column:" + l.rawValue
    case .ocr: "ocr"
    }
  }

  var isContradiction: Bool {
    switch self {
    case .notLabel, .notColumn: true
    default: false
    }
  }

  /// 16-bit code for `Reasons`: kind in the high byte, case index in the low one; never 0.
  var code: UInt16 {
    switch self {
    case .check(let c): 0x100 | UInt16(c.rawValue)
    case .issuer(let b): 0x200 | UInt16(Self.brands.firstIndex(of: b)!)
    case .label(let l): 0x300 | UInt16(l.index)
    case .column(let l): 0x400 | UInt16(l.index)
    case .notLabel(let l): 0x500 | UInt16(l.index)
    case .notColumn(let l): 0x600 | UInt16(l.index)
    case .ocr: 0x700
    }
  }

  /// The cases in code order, made once: `allCases` builds a new array at every call, and
  /// codes are taken for every candidate's reasons.
  static let brands = CardBrand.allCases
  static let labels = LabelClass.allCases

  init(code: UInt16) {
    let index = Int(code & 0xFF)
    switch code >> 8 {
    case 1: self = .check(Check(rawValue: UInt8(index))!)
    case 2: self = .issuer(Self.brands[index])
    case 3: self = .label(Self.labels[index])
    case 4: self = .column(Self.labels[index])
    case 5: self = .notLabel(Self.labels[index])
    case 7: self = .ocr
    default: self = .notColumn(Self.labels[index])
    }
  }
}

/// Up to eight reasons, packed in two words: copied with a finding, never allocated.
public struct Reasons: Sendable, Equatable, Sequence, ExpressibleByArrayLiteral {
  var low: UInt64 = 0
  var high: UInt64 = 0
  public private(set) var count = 0

  public init() {}
  public init(arrayLiteral elements: Reason...) {
    for e in elements { append(e) }
  }

  /// One reason, without the array a literal makes.
  public init(_ reason: Reason) { append(reason) }

  public mutating func append(_ reason: Reason) {
    let code = reason.code
    guard count < 8, !contains(code: code) else { return }
    if count < 4 {
      low |= UInt64(code) << UInt64(count * 16)
    } else {
      high |= UInt64(code) << UInt64((count - 4) * 16)
    }
    count += 1
  }

  public func contains(_ reason: Reason) -> Bool { contains(code: reason.code) }

  func contains(code: UInt16) -> Bool {
    for i in 0..<count where self.code(at: i) == code { return true }
    return false
  }

  /// The code of the `i`th reason.
  @inline(__always) func code(at i: Int) -> UInt16 {
    UInt16(truncatingIfNeeded: (i < 4 ? low : high) >> UInt64((i % 4) * 16))
  }

  public subscript(i: Int) -> Reason { Reason(code: code(at: i)) }

  /// Walks the packed codes: no allocation (an `AnyIterator` would cost one per finding).
  public struct Iterator: IteratorProtocol {
    let reasons: Reasons
    var i = 0

    public mutating func next() -> Reason? {
      guard i < reasons.count else { return nil }
      defer { i += 1 }
      return reasons[i]
    }
  }

  public func makeIterator() -> Iterator { Iterator(reasons: self) }

  /// The packed form, for a cache of the reasons' output text.
  package var key: (UInt64, UInt64) { (low, high) }

  public func appending(_ reason: Reason) -> Reasons {
    var copy = self
    copy.append(reason)
    return copy
  }

  /// The same reasons without those that contradicted the value.
  public func withoutContradictions() -> Reasons {
    var out = Reasons()
    for r in self where !r.isContradiction { out.append(r) }
    return out
  }
}
