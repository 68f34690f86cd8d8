package import BlastRadiusBase
import BlastRadiusMatch

/// Password hashes an attacker can crack offline, in the forms dumps hold them: crypt(3) strings
/// (alone, in `/etc/shadow` or htpasswd lines), LDAP `{SSHA}` values, NTLM pwdump lines and
/// NetNTLM / Kerberos captures.
package enum PasswordHashes {
  static let crypt = ByteSet("./A-Za-z0-9")
  /// Bytes a hash string may hold, for finding where it starts and ends around a match.
  static let hashBytes = ByteSet("./A-Za-z0-9$=,+*{}-")

  /// Scheme prefixes, matched as plain literals: counted repeats such as `[./A-Za-z0-9]{53}`
  /// made Vectorscan spend 80 instructions a byte; the structure is checked in Swift instead.
  static let schemes = [
    "$2a$", "$2b$", "$2y$", "$2x$", "$5$", "$6$", "$1$", "$apr1$", "$y$", "$7$", "$8$", "$9$", "$argon2",
    "$krb5",
    "{SSHA",
    "{SHA", "{SMD5}", "{MD5}", "{CRYPT}",
  ]

  static var patterns: [DetectorSpec.PatternRule] {
    schemes.map { scheme in
      DetectorSpec.PatternRule(VectorscanPattern.literal(scheme)) { buffer, end in
        hashToken(buffer, start: end - scheme.utf8.count)
      }
    } + [
      // pwdump lines end in `:::`, NetNTLM captures have `user::domain:`.
      DetectorSpec.PatternRule(":::") { buffer, end in captureLine(buffer, matchEnd: end) },
      DetectorSpec.PatternRule("::") { buffer, end in captureLine(buffer, matchEnd: end) },
    ]
  }

  /// A hash string from its scheme forward over hash bytes; glued to a word before, it is not one.
  static func hashToken(_ buffer: UnsafeRawBufferPointer, start: Int) -> Range<Int>? {
    guard start >= 0, start == 0 || !ASCII.isWord(buffer[start - 1]) && buffer[start - 1] != 0x24 else {
      return nil
    }
    let krb = TokenFormat.ends(Array("$krb5".utf8), at: start + 5, buffer)
    var end = start
    while end < buffer.count, end - start < 8192,
      krb
        ? buffer[end] > 0x20 && buffer[end] < 0x7F && buffer[end] != ASCII.quote
        : hashBytes.contains(buffer[end])
    {
      end += 1
    }
    // `user:$6$…` at a line start is a shadow or htpasswd entry: the user name and the field
    // after the hash come with it, so the validator can say which.
    var from = start
    if start > 1, buffer[start - 1] == 0x3A {
      var u = start - 1
      while u > 0, start - u < 64,
        ASCII.isWord(buffer[u - 1]) || buffer[u - 1] == ASCII.dot || buffer[u - 1] == ASCII.hyphen
      { u -= 1 }
      if u < start - 1, u == 0 || buffer[u - 1] == ASCII.newline { from = u }
    }
    if from < start, end + 1 < buffer.count, buffer[end] == 0x3A, ASCII.isDigit(buffer[end + 1]) { end += 2 }
    return from..<end
  }

  /// A `user:…` capture line around a match: from the user name to the end of the hex.
  static func captureLine(_ buffer: UnsafeRawBufferPointer, matchEnd: Int) -> Range<Int>? {
    var start = matchEnd
    while start > 0, matchEnd - start < 400, buffer[start - 1] > 0x20 { start -= 1 }
    var end = matchEnd
    // NetNTLM's `user::domain:`: the domain is a name, not hex.
    while end < buffer.count, end - matchEnd < 64, buffer[end] > 0x20, buffer[end] != 0x3A { end += 1 }
    while end < buffer.count, end - start < 8192, ByteSet.hex.contains(buffer[end]) || buffer[end] == 0x3A {
      end += 1
    }
    guard end - start >= 40 else { return nil }
    return start..<end
  }

  /// The length of a well-formed hash of `scheme` at the front of `v`, or nil.
  static func wellFormedLength(_ v: [UInt8], _ scheme: Reason.Check) -> Int? {
    var p = 0
    func lit(_ s: String) -> Bool {
      let l = Array(s.utf8)
      guard v[p...].starts(with: l) else { return false }
      p += l.count
      return true
    }
    func run(_ set: ByteSet, _ r: ClosedRange<Int>) -> Bool {
      var n = 0
      while p + n < v.count, n < r.upperBound, set.contains(v[p + n]) { n += 1 }
      guard n >= r.lowerBound else { return false }
      p += n
      return true
    }
    let digits = ByteSet.digits
    let b64 = ByteSet.base64
    var ok: Bool
    switch scheme {
    case .bcrypt:
      ok =
        lit("$2") && run(ByteSet("abxy"), 0...1) && lit("$") && run(digits, 2...2) && lit("$")
        && run(crypt, 53...53)
    case .sha512crypt, .sha256crypt:
      ok = lit(scheme == .sha512crypt ? "$6$" : "$5$")
      if ok, v[p...].starts(with: Array("rounds=".utf8)) {
        ok = lit("rounds=") && run(digits, 1...9) && lit("$")
      }
      ok = ok && run(crypt, 1...16) && lit("$") && run(crypt, scheme == .sha512crypt ? 86...86 : 43...43)
    case .md5crypt, .apr1:
      ok = lit(scheme == .md5crypt ? "$1$" : "$apr1$") && run(crypt, 0...8) && lit("$") && run(crypt, 22...22)
    case .yescrypt:
      ok =
        lit("$y$") && run(crypt, 1...32) && lit("$") && run(crypt, 1...86) && lit("$") && run(crypt, 43...43)
    case .scrypt:
      ok = lit("$7$") && run(crypt, 11...64) && lit("$") && run(crypt, 43...43)
    case .ciscoType8, .ciscoType9:
      // `enable secret 9 $9$<14-character salt>$<43-character hash>`, in Cisco's base64.
      ok =
        lit(scheme == .ciscoType8 ? "$8$" : "$9$") && run(crypt, 14...14) && lit("$") && run(crypt, 43...43)
    case .argon2:
      ok =
        lit("$argon2") && run(ByteSet("id"), 1...2) && lit("$v=") && run(digits, 1...3) && lit("$m=")
        && run(digits, 1...10) && lit(",t=") && run(digits, 1...5) && lit(",p=") && run(digits, 1...3)
        && lit("$") && run(b64, 8...128) && lit("$") && run(b64, 16...256)
    case .kerberos:
      ok =
        lit("$krb5") && run(ByteSet("a-z"), 2...5) && lit("$") && run(digits, 1...3) && lit("$")
        && v.count - p >= 32
      p = v.count
    case .ldapSHA:
      ok = lit("{") && run(ByteSet("A-Z0-9"), 2...8) && lit("}") && run(ByteSet("A-Za-z0-9+/=$."), 20...200)
    default:
      ok = false
    }
    // Glued to more hash bytes, the string is something else.
    guard ok, p == v.count || !crypt.contains(v[p]) else { return nil }
    return p
  }

  /// The scheme a hash string starts with, or nil when it is none of them.
  package static func scheme(of v: [UInt8]) -> Reason.Check? {
    func has(_ p: String) -> Bool { v.starts(with: Array(p.utf8)) }
    if has("$2a$") || has("$2b$") || has("$2y$") || has("$2x$") || has("$2$") { return .bcrypt }
    if has("$6$") { return .sha512crypt }
    if has("$5$") { return .sha256crypt }
    if has("$1$") { return .md5crypt }
    if has("$apr1$") { return .apr1 }
    if has("$y$") { return .yescrypt }
    if has("$7$") { return .scrypt }
    if has("$8$") { return .ciscoType8 }
    if has("$9$") { return .ciscoType9 }
    if has("$argon2") { return .argon2 }
    if has("$krb5") { return .kerberos }
    if has("{SSHA") || has("{SHA") || has("{SMD5}") || has("{MD5}") || has("{CRYPT}") { return .ldapSHA }
    return nil
  }

  static let emptyNT = Array("31d6cfe0d16ae931b73c59d7e0c089c0".utf8)

  static func validate(_ c: Candidate) -> Validation? {
    let b = c.bytes
    let entry = b.first != 0x24 && b.first != 0x7B ? (b.firstIndex(of: 0x3A).map { $0 + 1 }) : nil
    let offset = entry ?? 0
    let hash = Array(b[offset...])
    if let scheme = scheme(of: hash) {
      guard let n = wellFormedLength(hash, scheme) else { return nil }
      var reasons: Reasons = [.check(scheme)]
      if entry != nil {
        let shadow = offset + n + 1 < b.count && b[offset + n] == 0x3A && ASCII.isDigit(b[offset + n + 1])
        reasons.append(.check(shadow ? .shadowLine : .htpasswdLine))
      }
      return Validation(
        offset: offset, length: n, canonical: String(decoding: hash[..<n], as: UTF8.self), reasons: reasons)
    }
    // Capture lines: user:rid:lm:nt::: (pwdump), user::domain:challenge:response:blob (NetNTLM).
    let fields = b.split(separator: 0x3A, omittingEmptySubsequences: false)
    if fields.count >= 7, fields[1].allSatisfy(ASCII.isDigit), fields[2].count == 32, fields[3].count == 32 {
      let nt = fields[3].map(ASCII.lower)
      let empty = nt == emptyNT
      return Validation(
        length: b.count, canonical: String(decoding: nt, as: UTF8.self),
        reasons: empty
          ? [.check(.ntlm), .check(.pwdumpLine), .check(.placeholder)]
          : [.check(.ntlm), .check(.pwdumpLine)],
        confidence: empty ? .low : nil)
    }
    if fields.count >= 6, fields[1].isEmpty {
      let v2 = fields[3].count == 16 && fields[4].count == 32
      let v1 = fields[3].count == 48 && fields[4].count == 48
      guard v1 || v2 else { return nil }
      return Validation(
        length: b.count, canonical: String(decoding: b.map(ASCII.lower), as: UTF8.self),
        reasons: [.check(v2 ? .netNTLMv2 : .netNTLMv1)])
    }
    return nil
  }

  /// The scheme only: `$6$****`, `{SSHA}****`, `ntlm:****`.
  @Sendable static func mask(_ b: [UInt8]) -> String {
    if b.first == 0x24, let second = b.dropFirst().firstIndex(of: 0x24) {
      return String(decoding: b[...second], as: UTF8.self) + "****"
    }
    if b.first == 0x7B, let close = b.firstIndex(of: 0x7D) {
      return String(decoding: b[...close], as: UTF8.self) + "****"
    }
    return "****:****"
  }
}
