#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// File names as the file system has them: bytes, not always UTF-8.
///
/// Old shares are full of Latin-1 names (`r\xE9sum\xE9.txt`). Decoded lossily, such a name is
/// opened by the wrong bytes and reported as `not_found`, and a whole folder disappears. Here a
/// byte that is not part of valid UTF-8 becomes the private-use scalar U+F700 + byte (U+F780 to
/// U+F7FF), and goes back to that byte when the path is handed to the system, so every name
/// round-trips exactly. A name that really holds one of those scalars has its bytes escaped the
/// same way, so decoding stays one-to-one.
public enum RawPath {
  static let base: UInt32 = 0xF700

  /// The name or path `bytes` as a string that `withCString` turns back into the same bytes.
  public static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
    if !mayHoldEscapes(bytes), let text = String(validating: bytes, as: UTF8.self) { return text }
    var out = String.UnicodeScalarView()
    var i = 0
    while i < bytes.count {
      let length = sequenceLength(bytes, at: i)
      if length > 0, let scalar = scalar(bytes, at: i, length: length), !isEscape(scalar.value) {
        out.append(scalar)
        i += length
      } else {
        for k in i..<(i + max(1, length)) { out.append(Unicode.Scalar(base + UInt32(bytes[k]))!) }
        i += max(1, length)
      }
    }
    return String(out)
  }

  public static func decode(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { decode($0) } }

  /// Calls `body` with the path's bytes as the system wants them: NUL-terminated, escapes undone.
  public static func withCString<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R
  {
    guard holdsEscapes(path) else { return try path.withCString(body) }
    var bytes = self.bytes(path)
    bytes.append(0)
    return try bytes.withUnsafeBufferPointer {
      try $0.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
    }
  }

  /// The exact bytes of a decoded path.
  public static func bytes(_ path: String) -> [UInt8] {
    guard holdsEscapes(path) else { return Array(path.utf8) }
    var out: [UInt8] = []
    out.reserveCapacity(path.utf8.count)
    for scalar in path.unicodeScalars {
      if isEscape(scalar.value) {
        out.append(UInt8(scalar.value - base))
      } else {
        out.append(contentsOf: String(scalar).utf8)
      }
    }
    return out
  }

  /// Whether the path holds bytes that are not UTF-8 (then records carry them in hex too).
  /// Called for every record written: a `memchr` for the lead byte, which names almost never hold.
  public static func holdsEscapes(_ path: String) -> Bool {
    // U+F780...U+F7FF is EF 9E 80 ... EF 9F BF in UTF-8.
    if let found = path.utf8.withContiguousStorageIfAvailable({ mayHoldEscapes(UnsafeRawBufferPointer($0)) })
    {
      return found
    }
    var previous: UInt8 = 0
    for b in path.utf8 {
      if previous == 0xEF, b == 0x9E || b == 0x9F { return true }
      previous = b
    }
    return false
  }

  /// The path for people: each byte that is not UTF-8 as `\xHH`.
  public static func display(_ path: String) -> String {
    guard holdsEscapes(path) else { return path }
    var out = ""
    for scalar in path.unicodeScalars {
      if isEscape(scalar.value) {
        let hex = String(scalar.value - base, radix: 16, uppercase: true)
        out += "\\x" + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func isEscape(_ v: UInt32) -> Bool { v >= base + 0x80 && v <= base + 0xFF }

  /// Whether `bytes` may hold the UTF-8 of an escape scalar (EF 9E or EF 9F).
  static func mayHoldEscapes(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard bytes.count >= 3, let base = bytes.baseAddress else { return false }
    var from = 0
    while from < bytes.count - 1, let hit = memchr(base + from, 0xEF, bytes.count - 1 - from) {
      let i = base.distance(to: UnsafeRawPointer(hit))
      if bytes[i + 1] == 0x9E || bytes[i + 1] == 0x9F { return true }
      from = i + 1
    }
    return false
  }

  /// The length of a well-formed UTF-8 sequence at `i`, or 0.
  static func sequenceLength(_ b: UnsafeRawBufferPointer, at i: Int) -> Int {
    let lead = b[i]
    let n: Int
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: n = 2
    case 0xE0...0xEF: n = 3
    case 0xF0...0xF4: n = 4
    default: return 0
    }
    guard i + n <= b.count else { return 0 }
    for k in 1..<n where b[i + k] & 0xC0 != 0x80 { return 0 }
    // Overlong forms, surrogates and values past U+10FFFF.
    if lead == 0xE0 && b[i + 1] < 0xA0 { return 0 }
    if lead == 0xED && b[i + 1] >= 0xA0 { return 0 }
    if lead == 0xF0 && b[i + 1] < 0x90 { return 0 }
    if lead == 0xF4 && b[i + 1] >= 0x90 { return 0 }
    return n
  }

  static func scalar(_ b: UnsafeRawBufferPointer, at i: Int, length: Int) -> Unicode.Scalar? {
    var v: UInt32
    switch length {
    case 1: return Unicode.Scalar(b[i])
    case 2: v = UInt32(b[i] & 0x1F)
    case 3: v = UInt32(b[i] & 0x0F)
    default: v = UInt32(b[i] & 0x07)
    }
    for k in 1..<length { v = v << 6 | UInt32(b[i + k] & 0x3F) }
    return Unicode.Scalar(v)
  }
}
