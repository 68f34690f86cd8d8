/// One distinct value of the current view, known by its fingerprint: the values page lists one
/// row per fingerprint, most places first, so a value copied into a hundred files is seen once.
public struct ValueRow: Sendable, Equatable {
  /// The fingerprint's first 64 bits: what the store indexes, and the value's id in the console.
  public var word: UInt64
  public var detector: String
  /// Findings of this value in the current view.
  public var findings: Int
  /// Files holding it.
  public var files: Int

  public init(word: UInt64, detector: String, findings: Int, files: Int) {
    self.word = word
    self.detector = detector
    self.findings = findings
    self.files = files
  }

  /// The id in links: the fingerprint's first 16 hex digits.
  public var id: String { Self.id(word) }

  public static func id(_ word: UInt64) -> String {
    let hex = String(word, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The word of an id (16 hex digits) or of a whole fingerprint (64): nil for anything else.
  public static func word(_ id: String) -> UInt64? {
    guard id.utf8.count == 16 || id.utf8.count == 64,
      id.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    else { return nil }
    return UInt64(id.prefix(16), radix: 16)
  }
}
