/// Base64 decoding for the few places a credential's inside must be read (JWT headers, OpenSSH
/// key headers). Lenient on padding, strict on the alphabet.
package enum Base64 {
  static let table: [UInt8] = {
    var t = [UInt8](repeating: 0xFF, count: 256)
    for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() {
      t[Int(c)] = UInt8(i)
    }
    return t
  }()

  /// Decodes `text` (standard alphabet, or URL-safe with `url`); nil on a byte outside it.
  package static func decode(_ text: [UInt8], url: Bool = false) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(text.count * 3 / 4)
    var acc: UInt32 = 0
    var bits = 0
    for c in text {
      if c == 0x3D { break }  // padding
      var v = table[Int(c)]
      if v == 0xFF {
        switch c {
        case 0x2B where !url, 0x2D where url: v = 62
        case 0x2F where !url, 0x5F where url: v = 63
        default: return nil
        }
      }
      acc = acc << 6 | UInt32(v)
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
      }
    }
    return out
  }
}
