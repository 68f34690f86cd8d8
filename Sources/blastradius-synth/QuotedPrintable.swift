/// Quoted-printable (RFC 2045) for ASCII text: `=` and trailing blanks encoded, hard line breaks as CRLF, and soft
/// line breaks (`=` CRLF) keeping every encoded line within 76 characters, wherever they fall: inside a word or a
/// number too, as mail clients write them.
enum QuotedPrintable {
  static let maxLine = 76

  /// Encodes `text`, whose lines are separated by "\n".
  static func encode(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + text.utf8.count / 20 + 16)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      if index > 0 { out += "\r\n" }
      let bytes = Array(line.utf8)
      var column = 0
      for (position, byte) in bytes.enumerated() {
        let last = position == bytes.count - 1
        let token: String
        if byte == 0x3D || byte > 0x7E || (byte < 0x20 && byte != 0x09)
          || (last && (byte == 0x20 || byte == 0x09))
        {
          token = "=" + hex(byte)
        } else {
          token = String(UnicodeScalar(byte))
        }
        // The last token of a line may use all 76 columns; any other leaves room for the soft break's `=`.
        let room = last ? maxLine : maxLine - 1
        if column + token.count > room {
          out += "=\r\n"
          column = 0
        }
        out += token
        column += token.count
      }
    }
    return out
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
  }
}
