import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport
@testable import BlastRadiusScan
@testable import BlastRadiusWalk

/// One credential rule's test: a realistic line holding a synthetic secret in the vendor's
/// format, and a realistic near miss (one character short, wrong prefix case, a placeholder, a
/// documented example, no assignment) that must not be reported at the default confidence.
struct CredentialCase: Sendable, CustomTestStringConvertible {
  var id: String
  var text: String
  var value: String
  /// Other findings the positive text legitimately holds (an email address in a JSON file).
  var also: Set<String>
  var nearMiss: String
  /// For a placeholder or an example: the reason it is kept at low confidence. Without one the
  /// near miss must not be found by this detector at all.
  var lowReason: String?
  var nearMissAlso: Set<String>

  /// `template` holds the secret where `@@` stands.
  init(
    _ id: String, _ template: String, _ value: String, also: Set<String> = [],
    miss nearMiss: String, low lowReason: String? = nil, missAlso: Set<String> = []
  ) {
    self.id = id
    self.text = template.replacing("@@", with: value)
    self.value = value
    self.also = also
    self.nearMiss = nearMiss
    self.lowReason = lowReason
    self.nearMissAlso = missAlso
  }

  var testDescription: String { id }

  static var all: [CredentialCase] { tokens + keyed + structures }

  /// `NAME=<prefix><secret>` in an env file; the near miss is the prefix with one character
  /// fewer where `miss` has `@@` (an error log unless said otherwise).
  static func env(
    _ id: String, _ name: String, _ prefix: String, _ alphabet: Synth.Alphabet, _ n: Int,
    miss: String = "401 Unauthorized for @@", line: Int = #line
  ) -> CredentialCase {
    env(id, name, [.text(prefix), .run(alphabet, n)], miss: miss, line: line)
  }

  /// The same for a token of several parts; the near miss has its last run one character short.
  static func env(
    _ id: String, _ name: String, _ pieces: [Synth.Piece], miss: String = "401 Unauthorized for @@",
    line: Int = #line
  ) -> CredentialCase {
    var short = pieces
    if case .run(let alphabet, let n) = short.last { short[short.count - 1] = .run(alphabet, n - 1) }
    return .init(
      id, "\(name)=@@", Synth.token(pieces, line: line, column: 1),
      miss: miss.replacing("@@", with: Synth.token(short, line: line, column: 101)))
  }
}

/// Synthetic secrets: deterministic, high-entropy, and never a real credential. Each call site
/// gets its own characters (seeded by its line and column), so a table reads like the format.
enum Synth {
  static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
  static let lower = "abcdefghijklmnopqrstuvwxyz"
  static let digits = "0123456789"
  static let base62 = upper + lower + digits

  enum Alphabet: String {
    case b62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    /// base64url: what most vendors' secret parts are drawn from.
    case url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    case b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    case hex = "0123456789abcdef"
    case upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    case lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
    case word = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
    case letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    case digits = "0123456789"
  }

  /// A token as literal parts and random runs.
  enum Piece: ExpressibleByStringLiteral {
    case text(String)
    case run(Alphabet, Int)

    init(stringLiteral s: String) { self = .text(s) }
    static func b62(_ n: Int) -> Piece { .run(.b62, n) }
    static func url(_ n: Int) -> Piece { .run(.url, n) }
    static func hex(_ n: Int) -> Piece { .run(.hex, n) }
    static func lowerAlnum(_ n: Int) -> Piece { .run(.lowerAlnum, n) }
    static func digits(_ n: Int) -> Piece { .run(.digits, n) }
    static func letters(_ n: Int) -> Piece { .run(.letters, n) }
  }

  /// Each run seeded by the call site and its place in the token.
  static func token(_ pieces: [Piece], line: Int, column: Int) -> String {
    pieces.enumerated().map { i, piece in
      switch piece {
      case .text(let s): s
      case .run(let alphabet, let n): chars(alphabet.rawValue, n, line: line, column: column + i)
      }
    }.joined()
  }

  static func chars(_ alphabet: String, _ n: Int, line: Int = #line, column: Int = #column) -> String {
    let a = Array(alphabet)
    var rng = SplitMix(seed: (UInt64(line) << 16 | UInt64(column)) ^ 0x9E37_79B9_7F4A_7C15)
    return String((0..<n).map { _ in a[Int(rng.next() % UInt64(a.count))] })
  }

  static func b62(_ n: Int, line: Int = #line, column: Int = #column) -> String {
    chars(Alphabet.b62.rawValue, n, line: line, column: column)
  }
  static func hex(_ n: Int, line: Int = #line, column: Int = #column) -> String {
    chars(Alphabet.hex.rawValue, n, line: line, column: column)
  }
  static func url(_ n: Int, line: Int = #line, column: Int = #column) -> String {
    chars(Alphabet.url.rawValue, n, line: line, column: column)
  }
  static func b64(_ n: Int, line: Int = #line, column: Int = #column) -> String {
    chars(Alphabet.b64.rawValue, n, line: line, column: column)
  }
  /// crypt(3)'s alphabet.
  static func crypt(_ n: Int, line: Int = #line, column: Int = #column) -> String {
    chars("./" + base62, n, line: line, column: column)
  }
  static func upperAlnum(_ n: Int, line: Int = #line, column: Int = #column) -> String {
    chars(Alphabet.upperAlnum.rawValue, n, line: line, column: column)
  }
  static func lowerAlnum(_ n: Int, line: Int = #line, column: Int = #column) -> String {
    chars(Alphabet.lowerAlnum.rawValue, n, line: line, column: column)
  }
  static func number(_ n: Int, line: Int = #line, column: Int = #column) -> String {
    "7" + chars(digits, n - 1, line: line, column: column)
  }
  static func uuid(line: Int = #line, column: Int = #column) -> String {
    let h = Array(hex(32, line: line, column: column))
    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(h[$0]) }.joined(separator: "-")
  }

  /// Random-looking bytes, for key bodies.
  static func bytes(_ n: Int, line: Int = #line, column: Int = #column) -> [UInt8] {
    var rng = SplitMix(seed: (UInt64(line) << 16 | UInt64(column)) ^ 0x9E37_79B9_7F4A_7C15)
    return (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
  }

  static func base64(_ bytes: [UInt8], url: Bool = false, padded: Bool = true) -> String {
    let table = Array(base62.dropLast(10)) + Array(digits) + (url ? ["-", "_"] : ["+", "/"])
    var out = ""
    for i in stride(from: 0, to: bytes.count, by: 3) {
      let chunk = Array(bytes[i..<min(i + 3, bytes.count)]) + [0, 0]
      let n = UInt32(chunk[0]) << 16 | UInt32(chunk[1]) << 8 | UInt32(chunk[2])
      let count = min(3, bytes.count - i) + 1
      for k in 0..<4 {
        if k < count {
          out.append(table[Int(n >> UInt32(18 - 6 * k) & 63)])
        } else if padded {
          out.append("=")
        }
      }
    }
    return out
  }
}

/// `text` holds nothing at the default confidence, and one `id` finding kept at low for `reason`.
func expectOnlyLow(
  _ text: String, _ id: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(DetectionHarness.values(text) == [], sourceLocation: sourceLocation)
  let own = DetectionHarness.findings(text).filter { $0.hit.detector == id }
  #expect(
    own.count == 1 && own.allSatisfy { $0.hit.confidence == .low && $0.reasons.contains(reason) }, "\(own)",
    sourceLocation: sourceLocation)
}

/// Every built-in credential detector, one positive and one near miss each.
struct CredentialRuleTests {
  @Test(arguments: CredentialCase.all)
  func found(_ c: CredentialCase) {
    #expect(DetectionHarness.values(c.text) == c.also.union(["\(c.id)=\(c.value)"]))
  }

  @Test(arguments: CredentialCase.all)
  func nearMissIsNotReported(_ c: CredentialCase) {
    let findings = DetectionHarness.findings(c.nearMiss)
    let reported = findings.map(\.hit).filter { $0.confidence >= .medium }.map {
      "\($0.detector)=\($0.value)"
    }
    #expect(Set(reported) == c.nearMissAlso)
    let own = findings.filter { $0.hit.detector == c.id }
    if let reason = c.lowReason {
      #expect(own.count == 1, "\(own)")
      #expect(own.allSatisfy { $0.hit.confidence == .low && $0.reasons.contains(reason) }, "\(own)")
    } else {
      #expect(own.isEmpty, "\(own)")
    }
  }

  /// A new rule without its two tests fails here.
  @Test func everyCredentialDetectorHasACase() {
    // credential_file judges whole files by name and first bytes, not text: its positives and
    // near misses are in CredentialScanTests.filesThatAreCredentialsByNature.
    let ids = Set(BuiltinDetectors.all.filter { $0.category == "credential" }.map(\.id)).subtracting([
      "credential_file"
    ])
    let covered = CredentialCase.all.map(\.id)
    #expect(ids.count >= 60)
    #expect(ids.subtracting(covered).sorted() == [])
    #expect(Set(covered).subtracting(ids).sorted() == [])
    #expect(covered.count == Set(covered).count, "one case per detector")
  }

  @Test func synthIsDeterministicPerCallSite() {
    let a = (0..<2).map { _ in Synth.b62(24) }
    #expect(a[0] == a[1])
    #expect(Synth.b62(24) != a[0])
    #expect(Synth.base64(Array("openssh-key-v1".utf8)) == "b3BlbnNzaC1rZXktdjE=")
    #expect(Synth.base64(Array("{\"alg\"".utf8), url: true, padded: false) == "eyJhbGci")
  }
}
