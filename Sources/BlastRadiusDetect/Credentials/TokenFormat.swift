package import BlastRadiusBase
import BlastRadiusMatch

/// A credential with a distinctive shape, as data: literal parts (`ghp_`, `.atlasv1.`) and runs
/// of an alphabet with a length range. The first literal is the anchor Vectorscan looks for; the
/// rest is checked in Swift, backwards and forwards from it, which costs Vectorscan no more than
/// a literal and needs no start-of-match tracking.
package struct TokenFormat: Sendable {
  package enum Part: Sendable {
    case literal(String)
    /// One of several literals (`ghp_`, `gho_`…): as an anchor, Vectorscan matches any of them.
    case oneOf([String])
    case run(ByteSet, ClosedRange<Int>)

    var isLiteral: Bool {
      if case .run = self { false } else { true }
    }

    var literals: [[UInt8]] {
      switch self {
      case .literal(let s): [Array(s.utf8)]
      case .oneOf(let all): all.map { Array($0.utf8) }
      case .run: []
      }
    }

    /// The fixed byte count of a part, when it has one.
    var fixedLength: Int? {
      switch self {
      case .literal(let s): s.utf8.count
      case .oneOf: nil
      case .run(_, let r): r.lowerBound == r.upperBound ? r.lowerBound : nil
      }
    }

    /// The part as Vectorscan syntax.
    var expression: String {
      switch self {
      case .literal(let s): VectorscanPattern.literal(s)
      case .oneOf(let all): "(?:" + all.map(VectorscanPattern.literal).joined(separator: "|") + ")"
      case .run(let set, let r):
        set.expressionClass
          + (r.lowerBound == r.upperBound ? "{\(r.lowerBound)}" : "{\(r.lowerBound),\(r.upperBound)}")
      }
    }
  }

  /// Extra checks some formats allow beyond their shape.
  package enum Check: Sendable {
    case none
    /// A JSON Web Token: its first part decodes to a JSON object with an `alg` member.
    case jwt
    /// Base64 of a PEM block: it decodes to a `-----BEGIN … PRIVATE KEY-----` line.
    case base64PrivateKey
    /// GitHub's and npm's: after a 4-byte prefix, 30 random characters and the CRC-32 of them in
    /// six base62 digits. A token that fails it is reported at `low` (a typo, a fake, a redaction).
    case base62CRC32
  }

  package var id: String
  package var summary: String
  package var example: String
  package var parts: [Part]
  /// Other shapes of the same credential (`sgp_<16 hex>_<40 hex>` beside `sgp_<40 hex>`). A
  /// shape that shares the main one's anchor is tried at the same match, and the longest token
  /// wins; one with another anchor is its own pattern and must not overlap the others.
  package var variants: [[Part]]
  /// Entropy floor over all the runs, in bits per byte (random base62 of 20+ bytes is ~4).
  package var minEntropy: Double
  package var check: Check
  package var confidence: Confidence
  package var category: String

  package init(
    _ id: String, _ summary: String, example: String, _ parts: [Part], or variants: [[Part]] = [],
    minEntropy: Double = 3.0, check: Check = .none, confidence: Confidence = .high,
    category: String = "credential"
  ) {
    for shape in [parts] + variants {
      precondition(shape.contains(where: \.isLiteral), "\(id): a format needs a literal anchor")
    }
    self.id = id
    self.summary = summary
    self.example = example
    self.parts = parts
    self.variants = variants
    self.minEntropy = minEntropy
    self.check = check
    self.confidence = confidence
    self.category = category
  }

  /// Index of the anchor: the first literal part.
  var anchorIndex: Int { parts.firstIndex(where: \.isLiteral)! }

  /// What Vectorscan matches, and how many bytes of the match follow the anchor. A short anchor
  /// (`SK`, `-us`) would fire all over ordinary text, so a fixed-length run beside it is matched
  /// with it: `[0-9a-f]{32}-us`, `SK[0-9a-f]{32}`.
  var matcher: (expression: String, afterAnchor: Int) {
    let k = anchorIndex
    let anchor = parts[k]
    guard anchor.literals.map(\.count).min()! < 3 else { return (anchor.expression, 0) }
    if k > 0, case .run = parts[k - 1], parts[k - 1].fixedLength != nil {
      return (parts[k - 1].expression + anchor.expression, 0)
    }
    if k + 1 < parts.count, case .run = parts[k + 1], let n = parts[k + 1].fixedLength {
      return (anchor.expression + parts[k + 1].expression, n)
    }
    return (anchor.expression, 0)
  }

  /// The main shape and its variants, each as a format of its own.
  var shapes: [TokenFormat] {
    ([parts] + variants).map { shape in
      var f = self
      f.parts = shape
      f.variants = []
      return f
    }
  }

  /// The detector this format defines: one pattern per distinct matcher; shapes that share one
  /// are all tried, and the longest token wins.
  package var spec: DetectorSpec {
    let format = self
    var groups: [(expression: String, afterAnchor: Int, shapes: [TokenFormat])] = []
    for shape in shapes {
      let (expression, afterAnchor) = shape.matcher
      if let i = groups.firstIndex(where: { $0.expression == expression && $0.afterAnchor == afterAnchor }) {
        groups[i].shapes.append(shape)
      } else {
        groups.append((expression, afterAnchor, [shape]))
      }
    }
    let rules = groups.map { group in
      DetectorSpec.PatternRule(group.expression) { buffer, end in
        var best: Range<Int>?
        for shape in group.shapes {
          if let r = shape.locate(buffer, anchorEnd: end - group.afterAnchor), r.count > (best?.count ?? 0) {
            best = r
          }
        }
        return best
      }
    }
    let leading = anchorIndex == 0 ? parts[0].literals.map(\.count).min()! : 0
    return DetectorSpec(
      id: id, category: category, summary: summary, example: example, patterns: rules,
      standalone: confidence,
      validate: { c in format.validate(c.bytes) },
      mask: .custom { Masker.secret($0, keep: leading) })
  }

  /// Whether `token` is, from its first byte to its last, one token of this shape.
  func spans(_ token: [UInt8]) -> Bool {
    token.withUnsafeBytes { buffer in
      for anchor in parts[anchorIndex].literals where anchor.count <= buffer.count {
        for end in anchor.count...buffer.count where Self.ends(anchor, at: end, buffer) {
          if locate(buffer, anchorEnd: end) == 0..<buffer.count { return true }
        }
      }
      return false
    }
  }

  /// Whether `literal` ends at `end` in `buffer`.
  static func ends(_ literal: [UInt8], at end: Int, _ buffer: UnsafeRawBufferPointer) -> Bool {
    guard end >= literal.count, end <= buffer.count else { return false }
    let base = end - literal.count
    for i in 0..<literal.count where buffer[base + i] != literal[i] { return false }
    return true
  }

  /// The token around an anchor that ends at `anchorEnd`, bounded on both sides.
  func locate(_ buffer: UnsafeRawBufferPointer, anchorEnd: Int) -> Range<Int>? {
    let k = anchorIndex
    guard let anchor = parts[k].literals.first(where: { Self.ends($0, at: anchorEnd, buffer) }) else {
      return nil
    }
    var start = anchorEnd - anchor.count
    // Backwards over the parts before the anchor.
    var i = k - 1
    while i >= 0 {
      switch parts[i] {
      case .literal, .oneOf:
        guard let l = parts[i].literals.first(where: { Self.ends($0, at: start, buffer) }) else { return nil }
        start -= l.count
      case .run(let set, let range):
        var n = 0
        while start - n > 0, n <= range.upperBound, set.contains(buffer[start - n - 1]) { n += 1 }
        guard n >= range.lowerBound else { return nil }
        if i == 0, n > range.upperBound { return nil }  // glued to more of the same
        start -= min(n, range.upperBound)
      }
      i -= 1
    }
    if start > 0 {
      let before = buffer[start - 1]
      if ASCII.isWord(before) { return nil }
      if case .run(let set, _) = parts[0], set.contains(before) { return nil }
    }
    // Forwards over the parts after it.
    var end = anchorEnd
    for j in (k + 1)..<parts.count {
      switch parts[j] {
      case .literal, .oneOf:
        guard let l = parts[j].literals.first(where: { Self.ends($0, at: end + $0.count, buffer) }) else {
          return nil
        }
        end += l.count
      case .run(let set, let range):
        var n = 0
        while end + n < buffer.count, n <= range.upperBound, set.contains(buffer[end + n]) { n += 1 }
        guard n >= range.lowerBound else { return nil }
        if j == parts.count - 1, n > range.upperBound { return nil }
        end += min(n, range.upperBound)
      }
    }
    if end < buffer.count {
      let after = buffer[end]
      if ASCII.isWord(after) { return nil }
      if case .run(let set, _) = parts[parts.count - 1], set.contains(after) { return nil }
    }
    return start..<end
  }

  /// Judges a located token: placeholders in its longest run, the entropy of all its runs (a
  /// UUID-shaped token's 12-character tail alone is too short to measure), documented examples,
  /// the format's check.
  func validate(_ token: [UInt8]) -> Validation? {
    if !variants.isEmpty, let shape = shapes.first(where: { $0.spans(token) }) {
      return shape.validate(token)
    }
    // The longest run is the secret: find it by walking the parts over the token again.
    var body = token[...]
    var longest = 0
    var runs: [UInt8] = []
    var pos = 0
    for part in parts {
      switch part {
      case .literal, .oneOf:
        pos += part.literals.first { token[pos...].starts(with: $0) }?.count ?? 0
      case .run(let set, let range):
        var n = 0
        while pos + n < token.count, n < range.upperBound, set.contains(token[pos + n]) { n += 1 }
        if n > longest {
          longest = n
          body = token[pos..<(pos + n)]
        }
        runs += token[pos..<(pos + n)]
        pos += n
      }
    }
    if case .jwt = check, !Self.isJWTHeader(token) { return nil }
    if case .base64PrivateKey = check, !Self.isPrivateKeyPEM(token) { return nil }
    var verdict =
      SecretJudge.isDocumentedExample(token)
      ? SecretJudge.Verdict(confidence: .low, reasons: [.check(.exampleKey)])
      : SecretJudge.judge(Array(body))
    if verdict.confidence == nil, minEntropy > 0 {
      let enough = Entropy.bitsPerByte(runs) >= minEntropy
      verdict = SecretJudge.Verdict(
        confidence: enough ? nil : .low, reasons: [.check(enough ? .entropy : .lowEntropy)])
    }
    var reasons: Reasons = [.check(.tokenFormat)]
    if case .base62CRC32 = check, verdict.confidence == nil {
      if Self.checksumHolds(token) {
        reasons.append(.check(.checksum))
      } else {
        verdict = SecretJudge.Verdict(confidence: .low, reasons: [.check(.checksumMismatch)])
      }
    }
    for r in verdict.reasons { reasons.append(r) }
    return Validation(
      length: token.count, canonical: String(decoding: token, as: UTF8.self), reasons: reasons,
      confidence: verdict.confidence)
  }

  /// `prefix_` + 30 characters + base62(CRC-32 of those 30), six digits, `0-9A-Za-z`.
  static func checksumHolds(_ token: [UInt8]) -> Bool {
    guard token.count == 40 else { return false }
    var sum: UInt64 = 0
    for b in token[34..<40] {
      let digit: UInt8
      switch b {
      case 0x30...0x39: digit = b - 0x30
      case 0x41...0x5A: digit = b - 0x41 + 10
      case 0x61...0x7A: digit = b - 0x61 + 36
      default: return false
      }
      sum = sum * 62 + UInt64(digit)
    }
    return sum == UInt64(CRC32.checksum(token[4..<34]))
  }

  /// Base64 of a PEM private key: its first line, decoded, is a BEGIN line of a private key.
  /// Kubernetes secrets, CI variables and JSON configs carry keys this way, one line long.
  static func isPrivateKeyPEM(_ token: [UInt8]) -> Bool {
    // The first line is under 60 bytes: 80 base64 characters hold it whole.
    let head = token.prefix(80)
    guard let decoded = Base64.decode(Array(head.prefix(head.count / 4 * 4))) else { return false }
    let line = decoded.prefix { $0 != 0x0A && $0 != 0x0D }
    return ByteSearch.contains(Array(line), Array("PRIVATE KEY-----".utf8))
  }

  /// A JWT's header, base64url-decoded, is a JSON object naming its algorithm.
  static func isJWTHeader(_ token: [UInt8]) -> Bool {
    let header = token.prefix { $0 != ASCII.dot }
    guard let decoded = Base64.decode(Array(header), url: true), decoded.first == 0x7B else { return false }
    return ByteSearch.contains(decoded, Array("\"alg\"".utf8))
  }
}
