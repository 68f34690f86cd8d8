/// A keyed fingerprint of a canonical value: HMAC-SHA256, so equal values can be counted and
/// linked across scans with the same key without the value itself being stored. Kept as four
/// words (no allocation per finding); written as 64 lowercase hex digits.
public struct Fingerprint: Sendable, Hashable {
  public var word0: UInt64
  public var word1: UInt64
  public var word2: UInt64
  public var word3: UInt64

  /// The digest as lowercase hex, as written to output.
  public var hex: String {
    var json = JSONBuilder()
    json.hex(self)
    return String(decoding: json.bytes.dropFirst().dropLast(), as: UTF8.self)
  }
}
