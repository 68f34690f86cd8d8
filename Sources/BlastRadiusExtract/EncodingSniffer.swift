/// Decides a file's encoding from its first bytes: a byte-order mark, the zero-byte pattern of
/// BOM-less UTF-16, NUL bytes for binary content, else UTF-8 if it validates, else Windows-1252.
package enum EncodingSniffer {
  /// How many leading bytes the sniffer looks at.
  package static let sampleSize = 8192

  package static func sniff(_ head: UnsafeRawBufferPointer) -> (encoding: TextEncoding, bom: Int) {
    let n = head.count
    if n >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { return (.utf8, 3) }
    if n >= 2, head[0] == 0xFF, head[1] == 0xFE { return (.utf16LE, 2) }
    if n >= 2, head[0] == 0xFE, head[1] == 0xFF { return (.utf16BE, 2) }
    let sample = min(n, sampleSize)
    guard sample > 0 else { return (.utf8, 0) }
    var zeroEven = 0
    var zeroOdd = 0
    var control = 0
    for i in 0..<sample {
      let b = head[i]
      if b == 0 {
        if i & 1 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
      } else if b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) {
        control += 1
      }
    }
    let pairs = max(1, sample / 2)
    // BOM-less UTF-16: zeros on one side of most pairs, and text on the other side; a short or
    // binary blob with zeros in places is not text.
    if sample >= 16, zeroOdd * 10 >= pairs * 4, zeroEven * 20 < pairs,
      textRatio(head, sample, parity: 0) >= 0.9
    {
      return (.utf16LE, 0)
    }
    if sample >= 16, zeroEven * 10 >= pairs * 4, zeroOdd * 20 < pairs,
      textRatio(head, sample, parity: 1) >= 0.9
    {
      return (.utf16BE, 0)
    }
    if zeroEven + zeroOdd > 0 || control * 10 > sample { return (.binary, 0) }
    return (isUTF8(head, count: sample, truncated: sample < n) ? .utf8 : .windows1252, 0)
  }

  /// Share of the bytes at `parity` (where ASCII sits in UTF-16 text) that are printable or
  /// white space, counting only pairs whose other byte is zero.
  static func textRatio(_ b: UnsafeRawBufferPointer, _ count: Int, parity: Int) -> Double {
    var text = 0
    var total = 0
    var i = 0
    while i + 1 < count {
      let c = b[i + parity]
      let other = b[i + 1 - parity]
      if other == 0 {
        total += 1
        if (c >= 0x20 && c < 0x7F) || c == 0x09 || c == 0x0A || c == 0x0D { text += 1 }
      }
      i += 2
    }
    return total == 0 ? 0 : Double(text) / Double(total)
  }

  /// Whether the first `count` bytes are valid UTF-8 (a sequence cut by the sample end is fine).
  static func isUTF8(_ b: UnsafeRawBufferPointer, count: Int, truncated: Bool) -> Bool {
    var i = 0
    while i < count {
      let c = b[i]
      if c < 0x80 { i += 1; continue }
      let need: Int
      if c & 0xE0 == 0xC0, c >= 0xC2 {
        need = 1
      } else if c & 0xF0 == 0xE0 {
        need = 2
      } else if c & 0xF8 == 0xF0, c <= 0xF4 {
        need = 3
      } else {
        return false
      }
      if i + need >= count { return truncated || i + need < count }
      for k in 1...need where b[i + k] & 0xC0 != 0x80 { return false }
      i += need + 1
    }
    return true
  }
}
