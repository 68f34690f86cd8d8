import BlastRadiusBase

/// Tokens in GitHub's and npm's format: a prefix, 30 random base62 characters, and the CRC-32
/// (ISO 3309) of those 30 in six base62 digits (`0-9A-Za-z`), so a scanner can tell a real
/// token from a typo. The fixtures' tokens carry a valid checksum, as real ones do.
package enum ChecksummedToken {
  static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

  /// `prefix` + `random` (30 base62 characters) + their checksum.
  package static func make(prefix: String, random: String) -> String {
    precondition(random.utf8.count == 30, "30 random characters")
    var value = UInt64(CRC32.checksum(random.utf8))
    var sum = [UInt8](repeating: digits[0], count: 6)
    for k in (0..<6).reversed() {
      sum[k] = digits[Int(value % 62)]
      value /= 62
    }
    return prefix + random + String(decoding: sum, as: UTF8.self)
  }
}
