import BlastRadiusBase
import BlastRadiusMatch

/// Credentials that need more than a shape: passwords assigned in config and lists, private key
/// blocks, connection strings with a password, password hashes, and an AWS secret next to its
/// key id. Ids are part of the output contract.
package enum CredentialDetectors {
  package static var all: [DetectorSpec] {
    [password, privateKey, urlCredentials, passwordHash, awsSecretAccessKey, CredentialFiles.spec]
      + KeyedRules.all.map(\.spec) + TokenRules.all.map(\.spec) + CommandLineSecrets.all
  }

  // MARK: password

  static let passwordKeys = [
    "password", "passwd", "passphrase", "pwd", "pass", "passcode", "db_pass", "userpass",
  ]

  package static let password: DetectorSpec = {
    var spec = DetectorSpec(
      id: "password", category: "credential",
      summary:
        "A password assigned in config, env, JSON, YAML, XML, Makefiles, code or a list (`password=`, `DB_PASSWORD:`, `\"password\": \"…\"`, `?=`, `.=`, `setProperty(\"password\", …)`, `<add key=… value=…>`, .netrc, `NetworkCredential(user, \"…\")`, \"the password is …\"), or in a password column of delimited data or a spreadsheet. Placeholders, template references and code are kept at low confidence.",
      example: "********",
      patterns: passwordKeys.map { key in
        DetectorSpec.PatternRule(VectorscanPattern.literal(key), caseless: true) { buffer, end in
          let start = end - key.utf8.count
          if key == "pass", isTestStatus(buffer, keyStart: start) { return nil }
          return KeyedSecret.assignedValue(buffer, keyStart: start, keyEnd: end, endsName: true)
        }
      } + PasswordPhrases.patterns,
      labels: [.password], standalone: .medium, supported: .medium,
      validate: { c in passwordValue(c) },
      mask: .custom(Masker.hidden))
    spec.fallback = true
    return spec
  }()

  /// `PASS: gdb.base/break.exp: …` opens a line of an automake or DejaGnu test log, not a password.
  static func isTestStatus(_ buffer: UnsafeRawBufferPointer, keyStart: Int) -> Bool {
    guard keyStart == 0 || buffer[keyStart - 1] == ASCII.newline, keyStart + 5 < buffer.count else {
      return false
    }
    return (0..<6).allSatisfy { buffer[keyStart + $0] == Array("PASS: ".utf8)[$0] }
  }

  /// Judges an assigned or column value as a password.
  static func passwordValue(_ c: Candidate) -> Validation? {
    var (offset, n, quoted) = KeyedSecret.unquote(c.bytes)
    switch c.source {
    case .column:
      // A whole cell: trailing blanks are the file's.
      while n > 0, c.bytes[offset + n - 1] <= 0x20 { n -= 1 }
      quoted = true
    case .label:
      // The rest of a labelled line: the password is its first word (`Password: x  user: y`).
      n = c.bytes[offset..<(offset + n)].firstIndex { $0 <= 0x20 }.map { $0 - offset } ?? n
    default:
      break
    }
    // A label without `=` or `:` is prose (`PASS_MAX_DAYS 99999`, `passwd<TAB>note` in a header
    // line, `Password reset link`): assignments are read by the key patterns, cells by columns.
    if case .label = c.source { return nil }
    guard n > 0, n <= 128 else { return nil }
    let value = Array(c.bytes[offset..<(offset + n)])
    // A hash is reported as a password hash; a bare key name is a reference, not a secret.
    if PasswordHashes.scheme(of: value) != nil { return nil }
    var reasons: Reasons = c.source == .pattern ? [.check(.assignment)] : []
    var confidence: Confidence?
    if !quoted, looksLikeCode(value) {
      reasons.append(.check(.codeReference))
      confidence = .low
    } else {
      let verdict = SecretJudge.judge(value, minLength: 4)
      for r in verdict.reasons { reasons.append(r) }
      confidence = verdict.confidence
    }
    return Validation(
      offset: offset, length: n, canonical: String(decoding: value, as: UTF8.self), reasons: reasons,
      confidence: confidence)
  }

  /// `os.environ["PW"]`, `getenv(`, `config.password`, `self.pwd`, `input()`: an unquoted value
  /// that reads like an expression in code rather than a literal.
  static func looksLikeCode(_ v: [UInt8]) -> Bool {
    if v.contains(0x28) && v.last == 0x29 { return true }  // call(...)
    if v.first == 0x28 { return true }  // a cast or a parenthesised expression: `(char *)malloc(64)`
    if v.contains(0x5B) && v.last == 0x5D { return true }  // x["y"]
    if v.last == 0x28 || v.last == 0x5B || v.last == 0x7B { return true }  // `f(` cut at a blank
    // A name then a bracket: a call, subscript or block cut at a blank (`lowercased(head.prefix`,
    // `XMLTextReader.Token)`, `typing.Union[bytes`), or a generic type (`Range<Int>`).
    if let first = v.first, ASCII.isLetter(first) || first == 0x5F,
      let bracket = v.firstIndex(where: { [0x28, 0x29, 0x3C, 0x5B, 0x5D, 0x7B, 0x7D].contains($0) }),
      v[..<bracket].allSatisfy({ ASCII.isWord($0) || $0 == ASCII.dot }),
      v[bracket] != 0x3C || v.last == 0x3E
    {
      return true
    }
    // dotted names: a.b.c, all letters, digits and underscores between the dots, and few digits
    // (`dt0c01.X7K…` is a token, `settings.SECRET_KEY` a name)
    if v.contains(ASCII.dot), v.allSatisfy({ ASCII.isWord($0) || $0 == ASCII.dot }),
      v.count(where: ASCII.isDigit) <= 2,
      let first = v.first, ASCII.isLetter(first) || first == 0x5F, v.last != ASCII.dot
    {
      let parts = v.split(separator: ASCII.dot)
      return parts.count >= 2
        && parts.allSatisfy { ($0.first.map { ASCII.isLetter($0) || $0 == 0x5F } ?? false) }
    }
    return false
  }

  // MARK: private_key

  package static let privateKey = DetectorSpec(
    id: "private_key", category: "credential",
    summary:
      "PEM or OpenSSH private key block (RSA, EC, DSA, ed25519, PKCS#8, PuTTY, PGP), saying whether a passphrase protects it.",
    example: "-----BEGIN RSA PRIVATE KEY-----",
    patterns: [
      .init(#"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |ANY )?PRIVATE KEY(?: BLOCK)?-----"#) {
        buffer, end in
        PrivateKeyBlock.locate(buffer, headerEnd: end)
      },
      .init(#"PuTTY-User-Key-File-[23]: "#) { buffer, end in
        PrivateKeyBlock.locatePuTTY(buffer, headerEnd: end)
      },
    ],
    standalone: .high,
    validate: { c in PrivateKeyBlock.validate(c.bytes) },
    mask: .custom(PrivateKeyBlock.mask))

  // MARK: url_credentials

  package static let urlCredentials = DetectorSpec(
    id: "url_credentials", category: "credential",
    summary:
      "A user name and password inside a URL or connection string (`postgres://app:secret@db:5432/prod`).",
    example: "postgres://app:****@db.example.com",
    patterns: [
      .init(VectorscanPattern.literal("://")) { buffer, end in
        ConnectionString.locate(buffer, separatorEnd: end)
      }
    ],
    standalone: .high,
    validate: { c in ConnectionString.validate(c.bytes) },
    mask: .custom(ConnectionString.mask))

  // MARK: password_hash

  package static let passwordHash = DetectorSpec(
    id: "password_hash", category: "credential",
    summary:
      "Password hashes that can be cracked offline: crypt(3) schemes in /etc/shadow and htpasswd (bcrypt, sha512crypt, sha256crypt, yescrypt, md5crypt, apr1), argon2, scrypt, Cisco type 8 and 9 secrets, LDAP {SSHA}, NTLM pwdump lines, NetNTLMv1/v2 and Kerberos captures.",
    example: "$6$****",
    patterns: PasswordHashes.patterns,
    standalone: .high,
    validate: { c in PasswordHashes.validate(c) },
    mask: .custom(PasswordHashes.mask))

  // MARK: aws_secret_access_key

  /// Found by its name, or by sitting right after an access key id (`AKIA…,wJalr…` in the
  /// console's CSV export). The second form's candidate starts with the separator before the
  /// secret, which tells the validator which form it is.
  package static let awsSecretAccessKey: DetectorSpec = {
    let keyed = KeyedRules.awsSecret
    var spec = keyed.spec
    let idFormat = TokenFormat("", "", example: "", [.oneOf(["AKIA", "ASIA"]), .run(.base32Upper, 16...16)])
    spec.patterns += ["AKIA", "ASIA"].map { anchor in
      .init(anchor) { buffer, anchorEnd in
        // A key id first: the anchor and its 16 base32 characters, bounded.
        guard let id = idFormat.locate(buffer, anchorEnd: anchorEnd) else { return nil }
        let end = id.upperBound
        var i = end
        let limit = min(buffer.count, end + 200)
        while i < limit {
          let b = buffer[i]
          if ByteSet.base64.contains(b) {
            var j = i
            while j < buffer.count, j - i <= 40, ByteSet.base64.contains(buffer[j]) { j += 1 }
            if j - i == 40, j == buffer.count || !(ByteSet.base64.contains(buffer[j]) || buffer[j] == 0x3D) {
              return (i - 1)..<j
            }
            i = j
          } else if b == ASCII.newline, buffer[i - 1] == ASCII.newline {
            return nil  // a blank line ends the record
          } else {
            i += 1
          }
        }
        return nil
      }
    }
    spec.validate = { c in
      let b = c.bytes
      guard b.count == 41, !ByteSet.base64.contains(b[0]) else { return keyed.validate(b) }
      let secret = Array(b[1...])
      guard secret.contains(where: ASCII.isLower), secret.contains(where: ASCII.isUpper) else { return nil }
      let verdict = SecretJudge.judge(secret, minEntropy: 4.0)
      var reasons: Reasons = [.check(.nearKeyID)]
      for r in verdict.reasons { reasons.append(r) }
      return Validation(
        offset: 1, length: 40, canonical: String(decoding: secret, as: UTF8.self), reasons: reasons,
        confidence: verdict.confidence)
    }
    return spec
  }()
}
