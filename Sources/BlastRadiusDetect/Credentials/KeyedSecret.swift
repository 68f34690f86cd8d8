package import BlastRadiusBase
import BlastRadiusMatch

/// A credential recognised by the name it is assigned to (`TWILIO_AUTH_TOKEN=…`,
/// `"password": "…"`) rather than by its own shape: key phrases matched case-insensitively, the
/// assignment read by `AssignmentReader`, the value checked against an alphabet and a length.
package struct KeyedSecret: Sendable {
  package var id: String
  package var summary: String
  package var example: String
  /// Phrases that name the secret, lowercase; matched anywhere in a name that they start
  /// (`TWILIO` in `MY_TWILIO_TOKEN`).
  package var keys: [String]
  /// The name must end with the phrase (`DB_PASSWORD`, not `PASSWORD_HINT`): for generic words
  /// that many unrelated names contain.
  package var keyEndsName: Bool
  package var alphabet: ByteSet
  package var length: ClosedRange<Int>
  package var minEntropy: Double
  package var confidence: Confidence
  /// Dropped when a more specific detector reports the same value.
  package var fallback: Bool
  /// Shapes one of which the whole value must have, for secrets whose name is common (`token`)
  /// but whose form is not (a Kubernetes bootstrap token's `abcdef.0123456789abcdef`).
  package var shapes: [TokenFormat]

  package init(
    _ id: String, _ summary: String, example: String, keys: [String], keyEndsName: Bool = false,
    alphabet: ByteSet, length: ClosedRange<Int>, minEntropy: Double = 3.0, confidence: Confidence = .high,
    fallback: Bool = false, shapes: [[TokenFormat.Part]] = []
  ) {
    self.shapes = shapes.map { TokenFormat(id, summary, example: example, $0) }
    self.id = id
    self.summary = summary
    self.example = example
    self.keys = keys
    self.keyEndsName = keyEndsName
    self.alphabet = alphabet
    self.length = length
    self.minEntropy = minEntropy
    self.confidence = confidence
    self.fallback = fallback
  }

  package var spec: DetectorSpec {
    let secret = self
    var spec = DetectorSpec(
      id: id, category: "credential", summary: summary, example: example,
      patterns: keys.map { key in
        DetectorSpec.PatternRule(VectorscanPattern.literal(key), caseless: true) { buffer, end in
          Self.assignedValue(
            buffer, keyStart: end - key.utf8.count, keyEnd: end, endsName: secret.keyEndsName,
            options: !secret.fallback, maxLength: max(AssignmentReader.maxValue, secret.length.upperBound))
        }
      },
      standalone: confidence,
      validate: { c in secret.validate(c.bytes) },
      mask: .custom { Masker.secret($0, keep: 0) })
    spec.fallback = fallback
    return spec
  }

  /// The value assigned to the name around a key phrase, quotes included (the validator strips
  /// them and so knows the value was quoted).
  static func assignedValue(
    _ buffer: UnsafeRawBufferPointer, keyStart: Int, keyEnd: Int, endsName: Bool, options: Bool = false,
    maxLength: Int = AssignmentReader.maxValue
  ) -> Range<Int>? {
    guard keyStart >= 0, AssignmentReader.startsName(buffer, at: keyStart) else { return nil }
    let nameEnd = endsName ? keyEnd : AssignmentReader.identifierEnd(buffer, from: keyEnd)
    if endsName, nameEnd < buffer.count, ASCII.isWord(buffer[nameEnd]) { return nil }
    var nameStart = keyStart
    while nameStart > 0, keyStart - nameStart < 48,
      ASCII.isWord(buffer[nameStart - 1]) || buffer[nameStart - 1] == ASCII.hyphen
        || buffer[nameStart - 1] == ASCII.dot
    {
      nameStart -= 1
    }
    if !endsName, namesNoSecret(buffer, nameEnd: nameEnd) { return nil }
    guard
      // A long option is an assignment for names that say which secret (`--datadog-api-key`,
      // `--token` for a bootstrap token's shape), not for the catch-all's generic words.
      var value = AssignmentReader.value(
        buffer, keyStart: nameStart, keyEnd: nameEnd, maxLength: maxLength, options: options)
    else { return nil }
    if !isQuoted(value, buffer), let next = nextNonBlank(buffer, after: value.upperBound) {
      // `var token: Secret {` declares; `let password: String = "x"` assigns after the type.
      if buffer[next] == 0x7B { return nil }
      if buffer[next] == 0x3D, next + 1 == buffer.count || buffer[next + 1] != 0x3D {
        guard
          let v = AssignmentReader.value(
            buffer, keyStart: nameStart, keyEnd: value.upperBound, maxLength: maxLength)
        else { return nil }
        value = v
      }
    }
    return isQuoted(value, buffer) ? (value.lowerBound - 1)..<(value.upperBound + 1) : value
  }

  static func isQuoted(_ value: Range<Int>, _ buffer: UnsafeRawBufferPointer) -> Bool {
    value.lowerBound > 0 && value.upperBound < buffer.count && isQuote(buffer[value.lowerBound - 1])
      && buffer[value.upperBound] == buffer[value.lowerBound - 1]
  }

  /// The first byte after `end` on its line that is not a blank, when a blank comes first.
  static func nextNonBlank(_ buffer: UnsafeRawBufferPointer, after end: Int) -> Int? {
    var i = end
    while i < buffer.count, buffer[i] == ASCII.space || buffer[i] == ASCII.tab { i += 1 }
    return i > end && i < buffer.count ? i : nil
  }

  /// Name endings that say a vendor's value is an identifier, not a secret (`SNYK_ORG_ID`,
  /// `herokuAppName`, `SPLUNK_HEC_URL`): a UUID there is an organisation, not a token.
  static let identifierWords: Set<[UInt8]> = Set(
    [
      "id", "ids", "uuid", "guid", "name", "url", "uri", "host", "hostname", "domain", "region", "site",
      "user",
      "username", "email", "index", "org", "project", "account", "zone", "endpoint", "version", "port",
      "path",
    ].map { Array($0.utf8) })

  /// Whether the name that ends at `nameEnd` ends with one of `identifierWords`.
  static func namesNoSecret(_ buffer: UnsafeRawBufferPointer, nameEnd: Int) -> Bool {
    var start = nameEnd
    while start > 0, nameEnd - start < 16, ASCII.isAlnum(buffer[start - 1]) {
      start -= 1
      // A camelCase hump starts a word: `herokuAppId`.
      if ASCII.isUpper(buffer[start]), start > 0, ASCII.isLower(buffer[start - 1]) { break }
    }
    return identifierWords.contains((start..<nameEnd).map { ASCII.lower(buffer[$0]) })
  }

  static func isQuote(_ b: UInt8) -> Bool { b == ASCII.quote || b == 0x27 || b == 0x60 }

  /// The value without its quotes: where it starts in the candidate, and whether it was quoted.
  static func unquote(_ b: [UInt8]) -> (offset: Int, length: Int, quoted: Bool) {
    if b.count >= 2, isQuote(b[0]), b[b.count - 1] == b[0] { return (1, b.count - 2, true) }
    return (0, b.count, false)
  }

  func validate(_ b: [UInt8]) -> Validation? {
    let (offset, n, quoted) = Self.unquote(b)
    let value = Array(b[offset..<(offset + n)])
    guard length.contains(n), value.allSatisfy(alphabet.contains) else { return nil }
    if !shapes.isEmpty, !shapes.contains(where: { $0.spans(value) }) { return nil }
    var reasons: Reasons = [.check(.assignment)]
    // `token = os.getenv("TOKEN")`: code that reads the secret, not the secret.
    let verdict =
      // A value of the required shape is that secret, even when it reads like `s.name`.
      !quoted && shapes.isEmpty && CredentialDetectors.looksLikeCode(value)
      ? SecretJudge.Verdict(confidence: .low, reasons: [.check(.codeReference)])
      : SecretJudge.judge(value, minEntropy: minEntropy)
    for r in verdict.reasons { reasons.append(r) }
    return Validation(
      offset: offset, length: n, canonical: String(decoding: value, as: UTF8.self), reasons: reasons,
      confidence: verdict.confidence)
  }
}
