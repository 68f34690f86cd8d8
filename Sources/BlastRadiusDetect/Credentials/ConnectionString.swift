import BlastRadiusBase

/// A URL or connection string carrying a password: `scheme://user:password@host`.
package enum ConnectionString {
  static let hostBytes = ByteSet("A-Za-z0-9._[]%-")

  /// Bytes that end a URL's user or password part.
  static let userinfoStops = ByteSet(" \t\r\n\"'<>@/")
  /// The same without `@`, which a pasted password may hold.
  static let passwordStops = ByteSet(" \t\r\n\"'<>/")

  /// From the scheme to the end of the host, around a `://` that ends at `separatorEnd`, when a
  /// `user:password@` follows it. The anchor is the plain literal: a regex with the userinfo's
  /// bounded repeats cost Vectorscan six instructions a byte on logs full of URLs.
  static func locate(_ buffer: UnsafeRawBufferPointer, separatorEnd: Int) -> Range<Int>? {
    let sep = separatorEnd - 3
    guard sep >= 1 else { return nil }
    var i = separatorEnd
    let userLimit = min(buffer.count, i + 64)
    while i < userLimit, !userinfoStops.contains(buffer[i]), buffer[i] != 0x3A { i += 1 }
    guard i > separatorEnd, i < buffer.count, buffer[i] == 0x3A else { return nil }
    // The password runs to the last `@` before the host: people paste passwords with an
    // unescaped `@` or `:` (`postgres://app:p@ss:w0rd@db`), which a parser would refuse but a
    // server may still accept.
    let passwordStart = i + 1
    i = passwordStart
    let passwordLimit = min(buffer.count, i + 128)
    var last: Int?
    while i < passwordLimit, !passwordStops.contains(buffer[i]) {
      if buffer[i] == ASCII.at, i > passwordStart, i + 1 < buffer.count,
        ASCII.isAlnum(buffer[i + 1]) || buffer[i + 1] == 0x5B
      {
        last = i
      }
      i += 1
    }
    guard let at = last else { return nil }
    var start = sep
    while start > 0, sep - start < 24,
      ASCII.isAlnum(buffer[start - 1]) || buffer[start - 1] == 0x2B
        || buffer[start - 1] == ASCII.dot || buffer[start - 1] == ASCII.hyphen
    {
      start -= 1
    }
    guard start < sep, ASCII.isLetter(buffer[start]) else { return nil }
    var end = at + 1
    while end < buffer.count, end - at < 256, hostBytes.contains(buffer[end]) { end += 1 }
    while end > at + 1, buffer[end - 1] == ASCII.dot { end -= 1 }
    return end > at + 1 ? start..<end : nil
  }

  /// Where the password sits in a located string.
  static func parts(_ b: [UInt8]) -> (
    scheme: Range<Int>, user: Range<Int>, password: Range<Int>, host: Range<Int>
  )? {
    guard let sep = (0..<b.count).first(where: { b[$0] == 0x3A }), sep + 3 <= b.count,
      let at = b.lastIndex(of: ASCII.at), at > sep + 3
    else { return nil }
    let userStart = sep + 3
    guard let colon = b[userStart..<at].firstIndex(of: 0x3A) else { return nil }
    return (0..<sep, userStart..<colon, (colon + 1)..<at, (at + 1)..<b.count)
  }

  static func validate(_ b: [UInt8]) -> Validation? {
    guard let p = parts(b), !p.user.isEmpty, !p.password.isEmpty else { return nil }
    let password = Array(b[p.password])
    // `http://host:8080@…` is not a password, nor is a port.
    if password.allSatisfy(ASCII.isDigit), password.count <= 5 { return nil }
    // Documentation's hosts (RFC 2606: example.com, *.example, *.invalid) make the whole URL a sample.
    let host = b[p.host].map(ASCII.lower)
    let sample = [".example.com", ".example.net", ".example.org", ".example", ".invalid"].contains { suffix in
      ("." + String(decoding: host, as: UTF8.self)).hasSuffix(suffix)
    }
    let verdict =
      sample
      ? SecretJudge.Verdict(confidence: .low, reasons: [.check(.exampleKey)])
      : SecretJudge.judge(password, minLength: 3)
    var reasons: Reasons = [.check(.format)]
    for r in verdict.reasons { reasons.append(r) }
    var canonical = b
    for i in p.scheme { canonical[i] = ASCII.lower(canonical[i]) }
    for i in p.host { canonical[i] = ASCII.lower(canonical[i]) }
    return Validation(
      length: b.count, canonical: String(decoding: canonical, as: UTF8.self), reasons: reasons,
      confidence: verdict.confidence)
  }

  /// `postgres://app:****@db.example.com`: whose account on which host, not its password.
  @Sendable static func mask(_ b: [UInt8]) -> String {
    guard let p = parts(b) else { return "****" }
    let out = Array(b[..<p.password.lowerBound]) + Array("****".utf8) + Array(b[p.password.upperBound...])
    return String(decoding: out.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
  }
}
