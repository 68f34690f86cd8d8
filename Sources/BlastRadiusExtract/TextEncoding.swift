/// How a file's bytes are decoded before matching.
package enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  case windows1252 = "windows-1252"
  case binary

  package var isUTF16: Bool { self == .utf16LE || self == .utf16BE }
}
