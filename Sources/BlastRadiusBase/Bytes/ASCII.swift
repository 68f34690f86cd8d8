/// Byte classification for the ASCII-only shapes the detectors look for.
///
/// All detectors match ASCII: non-ASCII bytes (UTF-8 sequences, Windows-1252 letters, narrowed
/// UTF-16 code units) act as separators, which keeps the hot path on raw bytes. Everything here
/// is `@inlinable`: the detectors in other modules call it per byte.
public enum ASCII {
  @inlinable @inline(__always) public static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inlinable @inline(__always) public static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
  @inlinable @inline(__always) public static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
  @inlinable @inline(__always) public static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
  @inlinable @inline(__always) public static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
  /// Letters, digits and underscore: what glues characters into one identifier.
  @inlinable @inline(__always) public static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F }
  @inlinable @inline(__always) public static func isHexDigit(_ b: UInt8) -> Bool {
    isDigit(b) || (b | 0x20) &- 0x61 < 6
  }
  /// Space and tab: what separates words on one line.
  @inlinable @inline(__always) public static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
  /// Blanks and line ends, and form feed (white space in XML, HTML and mail).
  @inlinable @inline(__always) public static func isSpace(_ b: UInt8) -> Bool {
    isBlank(b) || b == 0x0A || b == 0x0D || b == 0x0C
  }
  @inlinable @inline(__always) public static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
  @inlinable @inline(__always) public static func upper(_ b: UInt8) -> UInt8 { isLower(b) ? b & 0xDF : b }

  @inlinable public static var newline: UInt8 { 0x0A }
  @inlinable public static var carriageReturn: UInt8 { 0x0D }
  @inlinable public static var space: UInt8 { 0x20 }
  @inlinable public static var tab: UInt8 { 0x09 }
  @inlinable public static var quote: UInt8 { 0x22 }
  @inlinable public static var comma: UInt8 { 0x2C }
  @inlinable public static var hyphen: UInt8 { 0x2D }
  @inlinable public static var dot: UInt8 { 0x2E }
  @inlinable public static var slash: UInt8 { 0x2F }
  @inlinable public static var at: UInt8 { 0x40 }
}
