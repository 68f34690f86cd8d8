/// A keyed fingerprint of a canonical value: HMAC-SHA256, so equal values can be counted and
/// linked across scans with the same key without the value itself being stored.
package struct Fingerprint: Sendable, Hashable {
  /// The first 128 bits, enough to tell values apart in counts.
  package var high: UInt64
  package var low: UInt64
  /// The full digest as lowercase hex, as written to output.
  package var hex: String
}
