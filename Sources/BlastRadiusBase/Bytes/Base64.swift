/// The one Base64 decoder: strict for the few places a credential's inside must be read (JWT
/// headers, OpenSSH key headers), lenient for mail bodies, sharing one alphabet.
package enum Base64 {
  static let invalid: UInt8 = 0xFF
  static let whitespace: UInt8 = 0xFE
  static let padding: UInt8 = 0xFD

  /// Sextet value of each byte of the standard alphabet, or one of the markers above; the
  /// URL-safe `-` and `_` are marked invalid here and mapped by `decode(_:url:)`.
  static let values: [UInt8] = {
    var table = [UInt8](repeating: invalid, count: 256)
    for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
      table[Int(c)] = UInt8(i)
    }
    for c: UInt8 in [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C] { table[Int(c)] = whitespace }
    table[0x3D] = padding
    return table
  }()

  /// Decodes `text` (standard alphabet, or URL-safe with `url`) up to its first `=`; nil on any
  /// other byte outside the alphabet, white space included. Lenient on padding.
  package static func decode(_ text: [UInt8], url: Bool = false) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(text.count * 3 / 4)
    var acc: UInt32 = 0
    var bits = 0
    for c in text {
      var v = values[Int(c)]
      if v == padding { break }
      switch c {
      case 0x2B, 0x2F: if url { return nil }
      case 0x2D: if url { v = 62 }
      case 0x5F: if url { v = 63 }
      default: break
      }
      guard v < 64 else { return nil }
      acc = acc << 6 | UInt32(v)
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
      }
    }
    return out
  }

  /// Base64 as mail carries it: white space ignored and padding optional. An `=` ends a group,
  /// after which decoding goes on (some encoders join padded blocks); other bytes outside the
  /// alphabet are skipped and counted in `invalid`. A lone sextet left at the end holds no whole
  /// byte and is dropped.
  package static func decodeMIME(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], invalid: Int) {
    var out: [UInt8] = []
    out.reserveCapacity(input.count / 4 * 3 + 3)
    var acc: UInt32 = 0
    var sextets = 0
    var bad = 0
    func flush() {
      if sextets == 2 {
        out.append(UInt8(truncatingIfNeeded: acc >> 4))
      } else if sextets == 3 {
        out.append(UInt8(truncatingIfNeeded: acc >> 10))
        out.append(UInt8(truncatingIfNeeded: acc >> 2))
      }
      acc = 0
      sextets = 0
    }
    for b in input {
      let v = values[Int(b)]
      if v < 64 {
        acc = acc << 6 | UInt32(v)
        sextets += 1
        if sextets == 4 {
          out.append(UInt8(truncatingIfNeeded: acc >> 16))
          out.append(UInt8(truncatingIfNeeded: acc >> 8))
          out.append(UInt8(truncatingIfNeeded: acc))
          acc = 0
          sextets = 0
        }
      } else if v == padding {
        flush()
      } else if v != whitespace {
        bad += 1
      }
    }
    flush()
    return (out, bad)
  }
}
