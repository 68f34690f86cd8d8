package import BlastRadiusBase

/// Decides whether a credential-shaped value is a real secret or a placeholder.
///
/// Config files, docs and code are full of values shaped like secrets that are not: `changeme`,
/// `<your-password>`, `${DB_PASSWORD}`, `********`, AWS's documented example keys. Each of
/// these is kept at `low` confidence with the reason, so `--min-confidence low` shows what was
/// set aside and why.
package enum SecretJudge {
  /// The verdict on one value: nil confidence means "judge by the detector's rule".
  package struct Verdict {
    package var confidence: Confidence?
    package var reasons: Reasons
  }

  /// Values that documentation, templates and tutorials use in place of a secret (lowercased).
  static let stopWords: Set<[UInt8]> = Set(
    [
      "changeme", "change_me", "change-me", "changeit", "password", "passwd", "pass", "secret",
      "secrets", "example", "sample", "dummy", "placeholder", "redacted", "removed", "hidden",
      "masked", "none", "null", "nil", "undefined", "empty", "true", "false", "yes", "no", "todo",
      "tbd", "fixme", "test", "testing", "default", "mypassword", "my_password", "yourpassword",
      "your_password", "your-password", "password123", "secretkey", "secret_key", "mysecret",
      "notasecret", "not_a_secret", "foo", "bar", "foobar", "baz", "qwerty", "letmein",
      "admin", "root", "user", "username", "xxx", "string", "required", "optional", "token",
      "apikey", "api_key", "your_api_key", "your-api-key", "insert", "enter", "here", "value",
      "replace", "replaceme", "replace_me", "set", "unset", "env", "config", "the", "is", "to",
      "must", "should", "will", "and", "for", "with", "reset", "forgot", "expired", "incorrect",
      "invalid", "wrong", "field", "length", "policy", "protected", "manager", "hash", "salt",
      // nsswitch.conf's `passwd: files systemd` names where accounts live.
      "files", "compat", "systemd",
    ].map { Array($0.utf8) })

  /// Keys the vendors publish in their docs (AWS's `AKIAIOSFODNN7EXAMPLE` and its secret).
  static let exampleMarkers: [[UInt8]] = ["EXAMPLE", "example", "Example", "SAMPLE", "DUMMY"].map {
    Array($0.utf8)
  }

  /// Whole tokens that documentation publishes as samples without marking them, copied into
  /// countless tutorials and tests: Stripe's test-mode key, GitHub's token-format post, Slack's
  /// OAuth response, jwt.io's default token, PyJWT's README token.
  static let documentedExamples: Set<[UInt8]> = Set(
    [
      "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
      "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
      "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9.4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg",
    ].map { Array($0.utf8) })

  /// `token` is a sample the vendor's documentation publishes.
  package static func isDocumentedExample(_ token: [UInt8]) -> Bool { documentedExamples.contains(token) }

  /// Judges `value`: placeholders and template references first, then the entropy floor.
  package static func judge(_ value: [UInt8], minEntropy: Double = 0, minLength: Int = 1) -> Verdict {
    if value.isEmpty { return Verdict(confidence: .low, reasons: [.check(.placeholder)]) }
    if isTemplate(value) { return Verdict(confidence: .low, reasons: [.check(.placeholder)]) }
    let lowered = value.map(ASCII.lower)
    if stopWords.contains(lowered) || isRepeat(value) || isSequence(value) || hasPlaceholderWord(value) {
      return Verdict(confidence: .low, reasons: [.check(.placeholder)])
    }
    for marker in exampleMarkers where ByteSearch.contains(value, marker) {
      return Verdict(confidence: .low, reasons: [.check(.exampleKey)])
    }
    if value.count < minLength { return Verdict(confidence: .low, reasons: [.check(.tooShort)]) }
    if minEntropy > 0 {
      // Hex carries 4 bits a character at most: 32 random hex digits score 3.7, and a floor of 3.5
      // set a fifth of them aside.
      let floor = value.allSatisfy(ByteSet.hex.contains) ? min(minEntropy, 3.0) : minEntropy
      let h = Entropy.bitsPerByte(value)
      if h < floor { return Verdict(confidence: .low, reasons: [.check(.lowEntropy)]) }
      return Verdict(confidence: nil, reasons: [.check(.entropy)])
    }
    return Verdict(confidence: nil, reasons: [])
  }

  /// `${VAR}`, `$VAR`, `%(name)s`, `{{ var }}`, `<your-key>`, `[secret]`, `%ENV%`, `#{x}`:
  /// a reference to a secret kept elsewhere, or a slot to fill in.
  package static func isTemplate(_ v: [UInt8]) -> Bool {
    guard let first = v.first, let last = v.last else { return true }
    switch first {
    case 0x24:  // $
      if v.count > 1, v[1] == 0x7B || v[1] == 0x28 { return true }  // ${…} $(…)
      if v.count > 1, v[1...].allSatisfy({ ASCII.isUpper($0) || ASCII.isDigit($0) || $0 == 0x5F }) {
        return true
      }
      // $db_pass: a shell, Perl or PHP variable
      if v.count > 1, ASCII.isLetter(v[1]) || v[1] == 0x5F, v[1...].allSatisfy(ASCII.isWord) { return true }
    case 0x3C: if last == 0x3E { return true }  // <…>
    case 0x5B: if last == 0x5D { return true }  // […]
    case 0x7B: if v.count > 1, v[1] == 0x7B { return true }  // {{…}}
    case 0x25: if last == 0x25 || (v.count > 1 && v[1] == 0x28) { return true }  // %VAR% %(x)s
    case 0x23: if v.count > 1, v[1] == 0x7B { return true }  // #{…}
    default: break
    }
    if ByteSearch.contains(v, Array("{{".utf8)) || ByteSearch.contains(v, Array("${".utf8)) { return true }
    return false
  }

  /// `********`, `xxxxxx`, `000000`, `abcabc`: one byte or a short cycle repeated; and a longer
  /// block written twice (`0123456789abcdef0123456789abcdef`), which no generated secret is.
  package static func isRepeat(_ v: [UInt8]) -> Bool {
    guard v.count >= 3 else { return false }
    let masks: Set<UInt8> = [0x2A, 0x78, 0x58, 0x2E, 0x23, 0x2D, 0x5F, 0x30]  // * x X . # - _ 0
    if v.allSatisfy({ masks.contains($0) }) { return true }
    for period in 1...3 where v.count >= period * 3 {
      if (period..<v.count).allSatisfy({ v[$0] == v[$0 - period] }) { return true }
    }
    if v.count >= 12 {
      for period in 4...(v.count / 2) where (period..<v.count).allSatisfy({ v[$0] == v[$0 - period] }) {
        return true
      }
    }
    return false
  }

  /// `0123456789abcdef`, `abcdefghijklmnop`: a long value that mostly counts up one by one.
  package static func isSequence(_ v: [UInt8]) -> Bool {
    guard v.count >= 12 else { return false }
    let steps = (1..<v.count).count { v[$0] == v[$0 - 1] &+ 1 }
    return steps * 5 >= (v.count - 1) * 4
  }

  /// Words that only a template uses: `your_api_key_here`, `sk_test_yourStripeKey`,
  /// `replace-with-your-secret`, `CHANGEME_TOKEN`. Words are split at non-letters and at camelCase
  /// humps, so `Yourself` is not `your`.
  static let placeholderWords: Set<[UInt8]> = Set(
    ["your", "changeme", "replaceme", "placeholder", "redacted"].map { Array($0.utf8) })

  package static func hasPlaceholderWord(_ v: [UInt8]) -> Bool {
    var i = 0
    while i < v.count {
      guard ASCII.isLetter(v[i]) else {
        i += 1
        continue
      }
      var j = i + 1
      // A word: one capital then lowercase (`Your`), all capitals (`YOUR`), or all lowercase.
      if ASCII.isUpper(v[i]), j < v.count, ASCII.isUpper(v[j]) {
        while j < v.count, ASCII.isUpper(v[j]) { j += 1 }
      } else {
        while j < v.count, ASCII.isLower(v[j]) { j += 1 }
      }
      if j - i <= 11, placeholderWords.contains(v[i..<j].map(ASCII.lower)) { return true }
      i = j
    }
    return false
  }
}
