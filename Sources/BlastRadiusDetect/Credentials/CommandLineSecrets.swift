import BlastRadiusBase
import BlastRadiusMatch

/// Credentials written the way people write them in shells, scripts, logs and HAR files: HTTP
/// `Authorization: Basic` and `Bearer` headers, and the password arguments of the commands that
/// take one (`curl -u user:pass`, `sshpass -p`, `mysql -pSECRET`, `psexec -p`, `net use … /user:NAME
/// PASS`, `--password=`). Each is found by the command's own syntax and judged like any secret:
/// a placeholder or a variable stays low.
package enum CommandLineSecrets {
  package static var all: [DetectorSpec] { [basicAuth, bearerToken, commandPassword] }

  /// Bytes that may be part of an argument (not white space, not a quote or a redirection).
  static func isArgument(_ b: UInt8) -> Bool {
    b > 0x20 && b < 0x7F && b != ASCII.quote && b != 0x27 && b != 0x60 && b != 0x3C && b != 0x3E && b != 0x7C
      && b != 0x3B
  }

  /// The argument starting at `start` (after optional quotes): its range, or nil when empty.
  static func argument(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
    var s = start
    while s < buffer.count, buffer[s] == ASCII.space || buffer[s] == ASCII.tab { s += 1 }
    var quote: UInt8?
    if s < buffer.count, buffer[s] == ASCII.quote || buffer[s] == 0x27 {
      quote = buffer[s]
      s += 1
    }
    var e = s
    let limit = min(buffer.count, s + 256)
    while e < limit {
      let b = buffer[e]
      if let quote { if b == quote || b == ASCII.newline { break } } else if !isArgument(b) { break }
      e += 1
    }
    return e > s ? s..<e : nil
  }

  /// Whether `word` (lowercase) stands on the same line within `reach` bytes before `position`.
  static func onLineBefore(_ word: String, _ buffer: UnsafeRawBufferPointer, _ position: Int, reach: Int)
    -> Bool
  {
    let w = Array(word.utf8)
    var i = position - w.count
    let stop = max(0, position - reach)
    while i >= stop {
      if buffer[i] == ASCII.newline { return false }
      if (0..<w.count).allSatisfy({ ASCII.lower(buffer[i + $0]) == w[$0] }) { return true }
      i -= 1
    }
    return false
  }

  /// The judge's verdict on a password found by its syntax.
  static func judged(_ value: [UInt8], canonical: String? = nil, offset: Int = 0, length: Int? = nil)
    -> Validation?
  {
    guard !value.isEmpty, value.count <= 256 else { return nil }
    // `$PASS`, `%PASSWORD%`, `${{ secrets.X }}`: a reference, not the secret.
    if value.first == 0x24 || value.first == 0x25 { return nil }
    let verdict = SecretJudge.judge(value, minLength: 4)
    var reasons: Reasons = [.check(.format)]
    for r in verdict.reasons { reasons.append(r) }
    return Validation(
      offset: offset, length: length ?? value.count,
      canonical: canonical ?? String(decoding: value, as: UTF8.self),
      reasons: reasons, confidence: verdict.confidence)
  }

  // MARK: HTTP headers

  static let basicAuth: DetectorSpec = {
    DetectorSpec(
      id: "http_basic_auth", category: "credential",
      summary:
        "HTTP Basic credentials (`Authorization: Basic <base64 of user:password>`) in logs, HAR files and curl commands; the encoded text must decode to a user and a password.",
      example: "Basic ********",
      patterns: [
        DetectorSpec.PatternRule("basic ", caseless: true) { buffer, end in
          guard onLineBefore("authorization", buffer, end - 6, reach: 48) else { return nil }
          return argument(buffer, from: end)
        }
      ],
      standalone: .high, supported: .high,
      validate: { c in
        guard c.bytes.count >= 8,
          c.bytes.allSatisfy({ ASCII.isAlnum($0) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D }),
          let decoded = Base64.decode(c.bytes, url: false), let colon = decoded.firstIndex(of: 0x3A),
          colon > 0,
          colon + 1 < decoded.count, decoded.allSatisfy({ $0 >= 0x20 && $0 != 0x7F })
        else { return nil }
        return judged(
          Array(decoded[(colon + 1)...]), canonical: String(decoding: decoded, as: UTF8.self),
          length: c.bytes.count)
      },
      mask: .custom(Masker.hidden))
  }()

  static let bearerToken: DetectorSpec = {
    var spec = DetectorSpec(
      id: "http_bearer_token", category: "credential",
      summary:
        "An HTTP bearer token (`Authorization: Bearer …`) in logs, HAR files and curl commands; JSON Web Tokens are reported as `jwt`.",
      example: "Bearer ********",
      patterns: [
        DetectorSpec.PatternRule("bearer ", caseless: true) { buffer, end in
          guard onLineBefore("authorization", buffer, end - 7, reach: 48) else { return nil }
          return argument(buffer, from: end)
        }
      ],
      standalone: .high, supported: .high,
      validate: { c in
        let token = c.bytes
        guard token.count >= 16, !token.starts(with: Array("eyJ".utf8)),
          token.allSatisfy({ ASCII.isAlnum($0) || "-._~+/=".utf8.contains($0) })
        else { return nil }
        guard var v = judged(token) else { return nil }
        if Entropy.bitsPerByte(token) < 3.0 {
          v.confidence = .low
          v.reasons.append(.check(.lowEntropy))
        }
        return v
      },
      mask: .custom(Masker.hidden))
    // A vendor's token in the header is reported as that vendor's.
    spec.fallback = true
    return spec
  }()

  // MARK: command lines

  /// `flag` followed by the password on the same line, after `command` within the line.
  static func afterFlag(_ command: String, _ flag: String, glued: Bool = false) -> DetectorSpec.PatternRule {
    let pattern = VectorscanPattern.literal(flag)
    return DetectorSpec.PatternRule(pattern) { buffer, end in
      guard onLineBefore(command, buffer, end - flag.utf8.count, reach: 200) else { return nil }
      // `mysql -pSECRET`: the password is glued to the flag; `-p` alone asks for it.
      if glued { guard end < buffer.count, isArgument(buffer[end]) else { return nil } }
      return argument(buffer, from: end)
    }
  }

  static let commandPassword: DetectorSpec = {
    DetectorSpec(
      id: "command_line_password", category: "credential",
      summary:
        "A password given on a command line: `curl -u user:pass`, `sshpass -p`, `mysql -pSECRET`, `psexec -p`, `net use … /user:NAME PASS`, `--password=`/`--password PASS`. Variables and placeholders stay low.",
      example: "********",
      patterns: [
        afterFlag("sshpass", " -p "), afterFlag("sshpass", " -p"), afterFlag("psexec", " -p "),
        afterFlag("mysql", " -p", glued: true), afterFlag("mysqldump", " -p", glued: true),
        afterFlag("mysqladmin", " -p", glued: true),
        DetectorSpec.PatternRule(VectorscanPattern.literal(" -u ")) { buffer, end in
          guard onLineBefore("curl", buffer, end - 4, reach: 200), let arg = argument(buffer, from: end)
          else {
            return nil
          }
          // `user:password`: the password is what follows the first colon.
          guard let colon = (arg.lowerBound..<arg.upperBound).first(where: { buffer[$0] == 0x3A }),
            colon + 1 < arg.upperBound
          else { return nil }
          return (colon + 1)..<arg.upperBound
        },
        DetectorSpec.PatternRule("/user:", caseless: true) { buffer, end in
          guard onLineBefore("net use", buffer, end - 6, reach: 200), let user = argument(buffer, from: end),
            let pass = argument(buffer, from: user.upperBound), buffer[pass.lowerBound] != 0x2F,
            buffer[pass.lowerBound] != 0x2A
          else { return nil }
          return pass
        },
        DetectorSpec.PatternRule("--password=", caseless: true) { buffer, end in argument(buffer, from: end)
        },
        DetectorSpec.PatternRule("--password ", caseless: true) { buffer, end in
          guard end < buffer.count, buffer[end] != 0x2D else { return nil }
          return argument(buffer, from: end)
        },
      ],
      standalone: .high, supported: .high,
      validate: { c in judged(c.bytes) },
      mask: .custom(Masker.hidden))
  }()
}
