import BlastRadiusBase

/// Undoes the encodings MIME puts on text (base64, quoted-printable, RFC 2047 encoded-words,
/// RFC 2231 percent-encoding) and brings the charsets mail uses to UTF-8, so the detectors read
/// what a person reads rather than its wire form. Every decoder is lenient: mail in the wild is
/// often slightly wrong, and a scanner must read it all the same.
package enum MIMEDecoding {
  /// A charset the converter knows; any other label passes bytes through as they are.
  package enum Charset: Sendable, Equatable {
    case utf8
    /// Also what a missing label means: bytes kept when they are valid UTF-8 (8-bit mail without a
    /// charset usually is), read as Windows-1252 otherwise, so the result is always UTF-8.
    case usASCII
    /// ISO-8859-1 labels land here too: mail marked Latin-1 routinely carries Windows-1252's
    /// 0x80–0x9F punctuation, and the two agree on every other byte (browsers read it the same way).
    case windows1252
    /// UTF-16 whose byte order comes from its BOM, or without one from where ASCII's zero bytes fall.
    case utf16
    case utf16LE
    case utf16BE
    case unknown

    /// Reads a label in any case; quotes, surrounding spaces and an RFC 2231 `*language` suffix
    /// are ignored, and an empty label means undeclared (`usASCII`).
    package init(label: some Collection<UInt8>) {
      var name: [UInt8] = []
      for b in label {
        if b == 0x2A { break }  // '*' starts an RFC 2231 language
        if b == 0x22 || b == 0x27 || b == ASCII.space || b == ASCII.tab { continue }
        name.append(ASCII.lower(b))
      }
      switch String(decoding: name, as: UTF8.self) {
      case "utf-8", "utf8": self = .utf8
      case "", "us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso646-us", "cp367": self = .usASCII
      case "iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "latin1", "latin-1", "l1", "cp819",
        "ibm819",
        "iso-ir-100", "windows-1252", "cp1252", "x-cp1252", "cp-1252", "win-1252":
        self = .windows1252
      case "utf-16", "utf16": self = .utf16
      case "utf-16le", "utf16le": self = .utf16LE
      case "utf-16be", "utf16be": self = .utf16BE
      default: self = .unknown
      }
    }
  }

  // MARK: Transfer encodings

  /// Quoted-printable: `=XX` in either case is a byte, `=` before a line break (after optional
  /// transport padding) or at the very end is a soft break that joins the lines, so a value split
  /// by one is whole again; any other `=` is kept as written. `underscoreIsSpace` gives RFC 2047's
  /// Q encoding.
  package static func quotedPrintable(_ input: ArraySlice<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8]
  {
    var out: [UInt8] = []
    out.reserveCapacity(input.count)
    var i = input.startIndex
    let end = input.endIndex
    while i < end {
      let b = input[i]
      if b == 0x3D {
        var j = i + 1
        while j < end, input[j] == ASCII.space || input[j] == ASCII.tab { j += 1 }
        if j == end {
          i = end
          continue
        }
        if input[j] == ASCII.newline {
          i = j + 1
          continue
        }
        if input[j] == ASCII.carriageReturn, j + 1 < end, input[j + 1] == ASCII.newline {
          i = j + 2
          continue
        }
        if i + 2 < end, let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2]) {
          out.append(high << 4 | low)
          i += 3
          continue
        }
        out.append(b)
      } else if underscoreIsSpace, b == 0x5F {
        out.append(ASCII.space)
      } else {
        out.append(b)
      }
      i += 1
    }
    return out
  }

  /// RFC 2231 `%XX` escapes; a `%` not followed by two hex digits is kept.
  package static func percentDecoded(_ input: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(input.count)
    var i = input.startIndex
    while i < input.endIndex {
      if input[i] == 0x25, i + 2 < input.endIndex, let high = hexValue(input[i + 1]),
        let low = hexValue(input[i + 2])
      {
        out.append(high << 4 | low)
        i += 3
      } else {
        out.append(input[i])
        i += 1
      }
    }
    return out
  }

  static func hexValue(_ b: UInt8) -> UInt8? {
    if ASCII.isDigit(b) { return b - 0x30 }
    let l = b | 0x20
    if l >= 0x61, l <= 0x66 { return l - 0x61 + 10 }
    return nil
  }

  // MARK: RFC 2047

  /// Decodes every `=?charset?B|Q?text?=` in a header value to UTF-8, dropping the white space
  /// between two adjacent encoded-words. Words are decoded wherever they stand (mailers do not
  /// always keep them apart from other text), and adjacent words of one charset are joined before
  /// conversion, so a character split across two words comes out whole. Text outside words is
  /// read as undeclared (`usASCII`); a malformed word is kept as written.
  package static func decodeEncodedWords(_ value: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(value.count)
    var pending: (label: [UInt8], bytes: [UInt8])?
    func flush() {
      if let p = pending { out += toUTF8(p.bytes[...], charset: Charset(label: p.label)) }
      pending = nil
    }
    var plainStart = value.startIndex
    var i = value.startIndex
    while i < value.endIndex {
      guard value[i] == 0x3D, let word = encodedWord(value, at: i) else {
        i += 1
        continue
      }
      let gap = value[plainStart..<i]
      if pending == nil || !gap.allSatisfy({ $0 == ASCII.space || $0 == ASCII.tab }) {
        flush()
        out += toUTF8(gap, charset: .usASCII)
      }
      if pending?.label == word.label {
        pending!.bytes += word.bytes
      } else {
        flush()
        pending = (word.label, word.bytes)
      }
      i = word.end
      plainStart = i
    }
    flush()
    out += toUTF8(value[plainStart...], charset: .usASCII)
    return out
  }

  /// The encoded-word starting at `start` (its `=`), if one is there: the lower-case charset label
  /// (language dropped), the decoded bytes, and the index after its closing `?=`.
  static func encodedWord(_ s: ArraySlice<UInt8>, at start: Int) -> (
    label: [UInt8], bytes: [UInt8], end: Int
  )? {
    let end = s.endIndex
    guard start + 1 < end, s[start] == 0x3D, s[start + 1] == 0x3F else { return nil }
    var i = start + 2
    var label: [UInt8] = []
    var inLanguage = false
    while i < end, s[i] != 0x3F {
      let b = s[i]
      guard ASCII.isAlnum(b) || b == ASCII.hyphen || b == 0x5F || b == ASCII.dot || b == 0x3A || b == 0x2A,
        label.count < 64
      else { return nil }
      if b == 0x2A { inLanguage = true }
      if !inLanguage { label.append(ASCII.lower(b)) }
      i += 1
    }
    guard !label.isEmpty, i + 2 < end, s[i + 2] == 0x3F else { return nil }
    let encoding = ASCII.lower(s[i + 1])
    guard encoding == 0x62 || encoding == 0x71 else { return nil }
    let textStart = i + 3
    guard let close = s[textStart...].firstIndex(of: 0x3F), close + 1 < end, s[close + 1] == 0x3D else {
      return nil
    }
    let text = s[textStart..<close]
    let bytes =
      encoding == 0x62 ? Base64.decodeMIME(text).bytes : quotedPrintable(text, underscoreIsSpace: true)
    return (label, bytes, close + 2)
  }

  // MARK: Charsets

  /// Windows-1252's 0x80–0x9F; its five unassigned bytes keep their C1 code points.
  static let windows1252High: [UInt16] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
    0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
    0x203A,
    0x0153, 0x009D, 0x017E, 0x0178,
  ]

  /// The text in UTF-8. UTF-8 input loses a leading BOM and is otherwise kept as is (even where
  /// invalid, so no byte is lost); an unknown charset is kept as is.
  package static func toUTF8(_ bytes: ArraySlice<UInt8>, charset: Charset) -> [UInt8] {
    switch charset {
    case .utf8:
      return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : Array(bytes)
    case .unknown:
      return Array(bytes)
    case .usASCII:
      return isValidUTF8(bytes) ? Array(bytes) : fromWindows1252(bytes)
    case .windows1252:
      return fromWindows1252(bytes)
    case .utf16LE:
      return fromUTF16(bytes.starts(with: [0xFF, 0xFE]) ? bytes.dropFirst(2) : bytes, bigEndian: false)
    case .utf16BE:
      return fromUTF16(bytes.starts(with: [0xFE, 0xFF]) ? bytes.dropFirst(2) : bytes, bigEndian: true)
    case .utf16:
      if bytes.starts(with: [0xFF, 0xFE]) { return fromUTF16(bytes.dropFirst(2), bigEndian: false) }
      if bytes.starts(with: [0xFE, 0xFF]) { return fromUTF16(bytes.dropFirst(2), bigEndian: true) }
      var zeroEven = 0
      var zeroOdd = 0
      for (k, b) in bytes.prefix(4096).enumerated() where b == 0 {
        if k & 1 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
      }
      return fromUTF16(bytes, bigEndian: zeroOdd <= zeroEven)
    }
  }

  static func fromWindows1252(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    for b in bytes {
      if b < 0x80 {
        out.append(b)
      } else if b < 0xA0 {
        appendUTF8(UInt32(windows1252High[Int(b - 0x80)]), to: &out)
      } else {
        appendUTF8(UInt32(b), to: &out)
      }
    }
    return out
  }

  /// UTF-16 to UTF-8; an unpaired surrogate becomes U+FFFD and an odd last byte is dropped.
  static func fromUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = bytes.startIndex
    func unit(at k: Int) -> UInt32 {
      let a = UInt32(bytes[k])
      let b = UInt32(bytes[k + 1])
      return bigEndian ? a << 8 | b : b << 8 | a
    }
    while i + 1 < bytes.endIndex {
      let u = unit(at: i)
      i += 2
      if u & 0xFC00 == 0xD800, i + 1 < bytes.endIndex {
        let next = unit(at: i)
        if next & 0xFC00 == 0xDC00 {
          appendUTF8(0x10000 + ((u - 0xD800) << 10) + (next - 0xDC00), to: &out)
          i += 2
          continue
        }
      }
      appendUTF8(u & 0xF800 == 0xD800 ? 0xFFFD : u, to: &out)
    }
    return out
  }

  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | scalar >> 6))
      out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | scalar >> 12))
      out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    default:
      out.append(UInt8(0xF0 | scalar >> 18))
      out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// Strict UTF-8 validity: no overlong forms, surrogates or code points past U+10FFFF.
  static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      let c = bytes[i]
      if c < 0x80 {
        i += 1
        continue
      }
      let need: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch c {
      case 0xC2...0xDF: need = 1
      case 0xE0: need = 2; low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED: need = 2; high = 0x9F
      case 0xF0: need = 3; low = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4: need = 3; high = 0x8F
      default: return false
      }
      guard i + need < end else { return false }
      guard bytes[i + 1] >= low, bytes[i + 1] <= high else { return false }
      for k in 2..<(need + 1) where bytes[i + k] & 0xC0 != 0x80 { return false }
      i += need + 1
    }
    return true
  }
}
