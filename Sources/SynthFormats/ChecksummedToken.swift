/// Tokens in GitHub's and npm's format: a prefix, 30 random base62 characters, and the CRC-32
/// (ISO 3309) of those 30 in six base62 digits (`0-9A-Za-z`), so a scanner can tell a real
/// token from a typo. The fixtures' tokens carry a valid checksum, as real ones do.
package enum ChecksummedToken {
  static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

  /// `prefix` + `random` (30 base62 characters) + their checksum.
  package static func make(prefix: String, random: String) -> String {
    precondition(random.utf8.count == 30, "30 random characters")
    var crc: UInt32 = 0xFFFF_FFFF
    for b in random.utf8 {
      crc ^= UInt32(b)
      for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }
    var value = UInt64(~crc)
    var sum = [UInt8](repeating: digits[0], count: 6)
    for k in (0..<6).reversed() {
      sum[k] = digits[Int(value % 62)]
      value /= 62
    }
    return prefix + random + String(decoding: sum, as: UTF8.self)
  }
}
