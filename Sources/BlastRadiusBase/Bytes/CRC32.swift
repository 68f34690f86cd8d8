/// CRC-32 (ISO 3309: reflected 0xEDB88320, inverted in and out), as PNG chunks and the checksums
/// of GitHub and npm tokens use it.
package enum CRC32 {
  package static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    table.withUnsafeBufferPointer { t in
      for b in bytes { crc = t[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
    }
    return ~crc
  }

  /// One entry per byte value.
  static let table: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }
}
