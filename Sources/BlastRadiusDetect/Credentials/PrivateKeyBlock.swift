import BlastRadiusBase

/// PEM, OpenSSH and PuTTY private key blocks: where they end, what kind of key they hold, and
/// whether a passphrase protects them (an unencrypted key is usable as found).
package enum PrivateKeyBlock {
  static let begin = Array("-----BEGIN ".utf8)
  static let end = Array("-----END".utf8)
  static let dashes = Array("-----".utf8)
  /// The most a block may span: an RSA-8192 PEM is about 6.5 KB.
  static let maxBlock = 12 * 1024

  /// From `-----BEGIN` to the end of the matching `-----END …-----` line, or to the reach of the
  /// buffer when the end is not there (a truncated key is still a leaked key).
  static func locate(_ buffer: UnsafeRawBufferPointer, headerEnd: Int) -> Range<Int>? {
    var start = headerEnd - begin.count
    while start >= max(0, headerEnd - 48), !TokenFormat.ends(begin, at: start + begin.count, buffer) {
      start -= 1
    }
    guard start >= 0, start >= headerEnd - 48 else { return nil }
    let limit = min(buffer.count, headerEnd + maxBlock)
    guard let endMarker = ByteSearch.find(end, in: buffer, from: headerEnd, to: limit) else {
      var stop = headerEnd
      while stop < min(buffer.count, headerEnd + 4096), buffer[stop] != 0x2D { stop += 1 }
      return start..<stop
    }
    let close = ByteSearch.find(
      dashes, in: buffer, from: endMarker + end.count, to: min(buffer.count, endMarker + 64))
    return start..<(close.map { $0 + dashes.count } ?? (endMarker + end.count))
  }

  static func locatePuTTY(_ buffer: UnsafeRawBufferPointer, headerEnd: Int) -> Range<Int>? {
    let header = Array("PuTTY-User-Key-File-2: ".utf8).count
    let start = headerEnd - header
    let limit = min(buffer.count, headerEnd + maxBlock)
    let mac = Array("Private-MAC:".utf8)
    var stop = ByteSearch.find(mac, in: buffer, from: headerEnd, to: limit) ?? limit
    while stop < limit, buffer[stop] != ASCII.newline { stop += 1 }
    return start..<stop
  }

  /// The header line, which names the kind but holds nothing secret.
  @Sendable static func mask(_ value: [UInt8]) -> String {
    let line = value.prefix { $0 != ASCII.newline && $0 != ASCII.carriageReturn && $0 != 0x5C }
    return String(decoding: line.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
  }

  static func validate(_ b: [UInt8]) -> Validation? {
    var reasons: Reasons = []
    let headerLine = Array(b.prefix { $0 != ASCII.newline && $0 != 0x5C && $0 != ASCII.carriageReturn })
    let header = String(decoding: headerLine, as: UTF8.self)
    // The base64 body: lines after the header up to the end marker; JSON escapes (`\n`) and PEM
    // header lines (`Proc-Type:`, `DEK-Info:`) are not part of it.
    var body: [UInt8] = []
    var encrypted: Bool?
    if header.hasPrefix("PuTTY") {
      reasons.append(.check(.putty))
      let text = String(decoding: b, as: UTF8.self)
      encrypted = !text.contains("Encryption: none")
      body = Array(
        text.split(separator: "\n").dropFirst(3).prefix { !$0.hasPrefix("Private-") }.joined().utf8)
    } else {
      var i = headerLine.count
      var lineStart = true
      while i < b.count {
        if b[i] == ASCII.hyphen, b[i...].starts(with: end) { break }
        if b[i] == 0x5C, i + 1 < b.count, b[i + 1] == 0x6E || b[i + 1] == 0x72 {  // \n \r
          i += 2
          lineStart = true
          continue
        }
        if lineStart, let colon = b[i..<min(b.count, i + 24)].firstIndex(of: 0x3A),
          b[i..<colon].allSatisfy({ ASCII.isAlnum($0) || $0 == ASCII.hyphen })
        {
          if b[i...].starts(with: Array("Proc-Type: 4,ENCRYPTED".utf8)) { encrypted = true }
          while i < b.count, b[i] != ASCII.newline, b[i] != 0x5C { i += 1 }
          continue
        }
        lineStart = b[i] == ASCII.newline
        if ByteSet.base64.contains(b[i]) || b[i] == 0x3D { body.append(b[i]) }
        i += 1
      }
      if header.contains("RSA") { reasons.append(.check(.rsa)) }
      if header.contains(" EC ") { reasons.append(.check(.ec)) }
      if header.contains("DSA") { reasons.append(.check(.dsa)) }
      if header.contains("PGP") { reasons.append(.check(.pgp)) }
      if header.contains("ENCRYPTED PRIVATE KEY") {
        reasons.append(.check(.pkcs8))
        encrypted = true
      } else if header.contains("BEGIN PRIVATE KEY") || header.contains("BEGIN ANY PRIVATE KEY") {
        reasons.append(.check(.pkcs8))
      }
      if header.contains("OPENSSH") {
        reasons.append(.check(.openssh))
        let (cipher, keyType) = openSSHHeader(body)
        if let cipher { encrypted = cipher != "none" }
        if let keyType {
          if keyType.contains("ed25519") {
            reasons.append(.check(.ed25519))
          } else if keyType.contains("rsa") {
            reasons.append(.check(.rsa))
          } else if keyType.contains("ecdsa") {
            reasons.append(.check(.ec))
          } else if keyType.contains("dss") {
            reasons.append(.check(.dsa))
          }
        }
      }
      if encrypted == nil, !header.contains("PGP") { encrypted = false }
    }
    if let encrypted { reasons.append(.check(encrypted ? .encrypted : .unencrypted)) }
    var confidence: Confidence?
    if body.count < 64 {
      // `-----BEGIN RSA PRIVATE KEY-----\n...\n-----END…` in documentation.
      reasons.append(.check(.tooShort))
      confidence = .low
    }
    let canonical = String(decoding: body.isEmpty ? b : Array(body.prefix(8192)), as: UTF8.self)
    return Validation(length: b.count, canonical: canonical, reasons: reasons, confidence: confidence)
  }

  /// The cipher and key type an OpenSSH key's binary header names: `openssh-key-v1\0`, then
  /// length-prefixed strings: cipher, kdf, kdf options, a key count, and the first public key.
  static func openSSHHeader(_ body: [UInt8]) -> (cipher: String?, keyType: String?) {
    guard let raw = Base64.decode(Array(body.prefix(800))), raw.count > 20 else { return (nil, nil) }
    let magic = Array("openssh-key-v1".utf8) + [0]
    guard raw.starts(with: magic) else { return (nil, nil) }
    var p = magic.count
    func string() -> [UInt8]? {
      guard p + 4 <= raw.count else { return nil }
      let n = Int(raw[p]) << 24 | Int(raw[p + 1]) << 16 | Int(raw[p + 2]) << 8 | Int(raw[p + 3])
      p += 4
      guard n >= 0, p + n <= raw.count else { return nil }
      defer { p += n }
      return Array(raw[p..<(p + n)])
    }
    guard let cipher = string() else { return (nil, nil) }
    _ = string()  // kdf name
    _ = string()  // kdf options
    p += 4  // number of keys
    var keyType: String?
    if let publicKey = string(), publicKey.count > 4 {
      let n = Int(publicKey[0]) << 24 | Int(publicKey[1]) << 16 | Int(publicKey[2]) << 8 | Int(publicKey[3])
      if n > 0, 4 + n <= publicKey.count { keyType = String(decoding: publicKey[4..<(4 + n)], as: UTF8.self) }
    }
    return (String(decoding: cipher, as: UTF8.self), keyType)
  }
}
