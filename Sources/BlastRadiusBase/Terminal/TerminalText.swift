/// Text from the scanned tree (file and member names, rule names, messages that quote them) made
/// safe to print on a terminal.
///
/// A file name is attacker-controlled: an escape sequence in it could clear the screen, plant a
/// fake hyperlink or overwrite a line with a carriage return. Every control character (C0, DEL,
/// C1) and the bidirectional overrides that reorder what is shown are written as visible escapes,
/// so what the terminal shows is what the name holds.
public enum TerminalText {
  public static func escaped(_ text: String) -> String {
    let text = RawPath.display(text)
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      guard needsEscape(scalar) else {
        out.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{1B}": out += "\\e"
      default:
        let hex = String(scalar.value, radix: 16, uppercase: false)
        out += scalar.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex + "}"
      }
    }
    return out
  }

  static func needsEscape(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    // Bidirectional embeddings, overrides and isolates: they reorder what follows them.
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
    default: false
    }
  }
}
