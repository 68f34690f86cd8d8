/// Password hashes an attacker can crack offline, in the forms dumps hold them: crypt(3) strings
/// (alone, in `/etc/shadow` or htpasswd lines), LDAP `{SSHA}` values, NTLM pwdump lines and
/// NetNTLM / Kerberos captures.
package enum PasswordHashes {
  static let crypt = ByteSet("./A-Za-z0-9")
  /// Bytes a hash string may hold, for finding where it starts and ends around a match.
  static let hashBytes = ByteSet("./A-Za-z0-9$=,+*{}-")

  static var patterns: [DetectorSpec.PatternRule] {
    let c = "[./A-Za-z0-9]"
    let token = { (expression: String) in
      DetectorSpec.PatternRule(expression) { buffer, end in hashToken(buffer, matchEnd: end) }
    }
    let line = { (expression: String) in
      DetectorSpec.PatternRule(expression) { buffer, end in captureLine(buffer, matchEnd: end) }
    }
    return [
      token(#"\$2[abxy]?\$\d\d\$"# + c + "{53}"),
      token(#"\$[56]\$(?:rounds=\d+\$)?"# + c + #"{1,16}\$"# + c + "{43}"),
      token(#"\$(?:1|apr1)\$"# + c + #"{0,8}\$"# + c + "{22}"),
      token(#"\$y\$"# + c + #"+\$"# + c + #"{1,86}\$"# + c + "{43}"),
      token(#"\$7\$"# + c + #"{11,64}\$"# + c + "{43}"),
      token(#"\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{16}"#),
      token(#"\{(?:SSHA|SHA|SSHA256|SSHA512|SHA256|SHA512|SMD5|MD5|CRYPT)\}[A-Za-z0-9+/=$.]{20}"#),
      line(#":\d{1,10}:[0-9A-Fa-f]{32}:[0-9A-Fa-f]{32}:::"#),
      line(#"::[^\s:]*:[0-9A-Fa-f]{16}:[0-9A-Fa-f]{32}:[0-9A-Fa-f]{40}"#),
      line(#"::[^\s:]*:[0-9A-Fa-f]{48}:[0-9A-Fa-f]{48}:[0-9A-Fa-f]{16}"#),
      token(#"\$krb5(?:tgs|asrep|pa)\$\d+\$"#),
    ]
  }

  /// A hash string around a match: back to its `$` or `{`, forward over hash bytes.
  static func hashToken(_ buffer: UnsafeRawBufferPointer, matchEnd: Int) -> Range<Int>? {
    var start = matchEnd
    while start > 0, matchEnd - start < 200, hashBytes.contains(buffer[start - 1]) { start -= 1 }
    // `user:$6$…` and `{SSHA}…` start at the scheme; drop anything glued before it.
    while start < matchEnd, buffer[start] != 0x24, buffer[start] != 0x7B { start += 1 }
    var end = matchEnd
    let extra: ByteSet = TokenFormat.ends(Array("$krb5".utf8), at: start + 5, buffer) ? ByteSet("!-~") : hashBytes
    while end < buffer.count, end - start < 8192, extra.contains(buffer[end]), buffer[end] != 0x3A || extra != hashBytes { end += 1 }
    return start..<end
  }

  /// A `user:…` capture line around a match: from the user name to the end of the hex.
  static func captureLine(_ buffer: UnsafeRawBufferPointer, matchEnd: Int) -> Range<Int>? {
    var start = matchEnd
    while start > 0, matchEnd - start < 400, buffer[start - 1] > 0x20 { start -= 1 }
    var end = matchEnd
    while end < buffer.count, end - start < 8192, ByteSet.hex.contains(buffer[end]) || buffer[end] == 0x3A { end += 1 }
    return start..<end
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
    if has("$argon2") { return .argon2 }
    if has("$krb5") { return .kerberos }
    if has("{SSHA") || has("{SHA") || has("{SMD5}") || has("{MD5}") || has("{CRYPT}") { return .ldapSHA }
    return nil
  }

  static let emptyNT = Array("31d6cfe0d16ae931b73c59d7e0c089c0".utf8)

  static func validate(_ c: Candidate) -> Validation? {
    let b = c.bytes
    if let scheme = scheme(of: b) {
      guard b.count >= 13 else { return nil }
      return Validation(length: b.count, canonical: String(decoding: b, as: UTF8.self), reasons: [.check(scheme)])
    }
    // Capture lines: user:rid:lm:nt::: (pwdump), user::domain:challenge:response:blob (NetNTLM).
    let fields = b.split(separator: 0x3A, omittingEmptySubsequences: false)
    if fields.count >= 7, fields[1].allSatisfy(ASCII.isDigit), fields[2].count == 32, fields[3].count == 32 {
      let nt = fields[3].map(ASCII.lower)
      let empty = nt == emptyNT
      return Validation(
        length: b.count, canonical: String(decoding: nt, as: UTF8.self),
        reasons: empty ? [.check(.ntlm), .check(.pwdumpLine), .check(.placeholder)] : [.check(.ntlm), .check(.pwdumpLine)],
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
