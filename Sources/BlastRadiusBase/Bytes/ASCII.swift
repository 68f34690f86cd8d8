/// Byte classification for the ASCII-only shapes the detectors look for.
///
/// All detectors match ASCII: non-ASCII bytes (UTF-8 sequences, Windows-1252 letters, narrowed
/// UTF-16 code units) act as separators, which keeps the hot path on raw bytes.
package enum ASCII {
  @inline(__always) package static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inline(__always) package static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
  @inline(__always) package static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
  @inline(__always) package static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
  @inline(__always) package static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
  /// Letters, digits and underscore: what glues characters into one identifier.
  @inline(__always) package static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F }
  @inline(__always) package static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
  @inline(__always) package static func upper(_ b: UInt8) -> UInt8 { isLower(b) ? b & 0xDF : b }

  package static let newline: UInt8 = 0x0A
  package static let carriageReturn: UInt8 = 0x0D
  package static let space: UInt8 = 0x20
  package static let tab: UInt8 = 0x09
  package static let quote: UInt8 = 0x22
  package static let comma: UInt8 = 0x2C
  package static let hyphen: UInt8 = 0x2D
  package static let dot: UInt8 = 0x2E
  package static let slash: UInt8 = 0x2F
  package static let at: UInt8 = 0x40
}
