import BlastRadiusBase

/// The readable text of an RTF body: control words dropped, `\par` and `\line` as line ends,
/// `\'hh` (Windows-1252) and `\uN` characters decoded, and the groups that hold no body text
/// (font and color tables, style sheets, pictures, `\*` destinations, field instructions) left
/// out. HTML that Outlook wrapped in RTF (`\fromhtml`) reads as its text, since the RTF-only
/// runs between `\htmlrtf` and `\htmlrtf0` are skipped with the `\*\htmltag` groups.
enum RTFText {
  static let skippedDestinations: Set<String> = [
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "objdata", "themedata", "datastore",
    "latentstyles", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "fldinst",
    "filetbl", "revtbl", "mmathPr",
  ]

  static func text(_ rtf: [UInt8], limit: Int = DocumentText.defaultLimit) -> [UInt8] {
    var out: [UInt8] = []
    /// Per open group: whether its text is skipped.
    var skipping: [Bool] = [false]
    var htmlRTF = false
    /// Characters still to drop after a `\uN` (its fallback, `\ucN` long).
    var fallback = 0
    var unicodeSkip = 1
    var i = 0
    func emit(_ scalar: UInt32) {
      guard !(skipping.last ?? false), !htmlRTF, out.count < limit else { return }
      if fallback > 0 {
        fallback -= 1
        return
      }
      MIMEDecoding.appendUTF8(scalar, to: &out)
    }
    while i < rtf.count {
      let b = rtf[i]
      switch b {
      case 0x7B:  // {
        // Nesting is bounded by the input's length; depth costs one Bool per level.
        skipping.append(skipping.last ?? false)
        i += 1
        if rtf.u8(at: i) == 0x5C, rtf.u8(at: i + 1) == 0x2A {  // {\*  an optional destination
          skipping[skipping.count - 1] = true
        }
      case 0x7D:  // }
        if skipping.count > 1 { skipping.removeLast() }
        fallback = 0
        i += 1
      case 0x5C:  // \
        i += 1
        guard i < rtf.count else { break }
        let c = rtf[i]
        if ASCII.isLetter(c) {
          let start = i
          while i < rtf.count, ASCII.isLetter(rtf[i]), i - start < 32 { i += 1 }
          let word = String(decoding: rtf[start..<i], as: UTF8.self)
          var parameter: Int?
          let negative = rtf.u8(at: i) == 0x2D
          if negative { i += 1 }
          let digitsStart = i
          while i < rtf.count, ASCII.isDigit(rtf[i]), i - digitsStart < 10 {
            parameter = (parameter ?? 0) * 10 + Int(rtf[i] - 0x30)
            i += 1
          }
          if negative, let p = parameter { parameter = -p }
          if rtf.u8(at: i) == Int(ASCII.space) { i += 1 }
          switch word {
          case "par", "line", "sect", "page", "row": emit(0x0A)
          case "tab", "cell": emit(0x09)
          case "u":
            // A signed 16-bit code unit (negative above 32767); anything else is not one.
            if let p = parameter, (-32768...65535).contains(p) {
              emit(UInt32(p < 0 ? p + 65536 : p))
              fallback = unicodeSkip
            }
          case "uc": unicodeSkip = max(0, min(parameter ?? 1, 8))
          case "htmlrtf": htmlRTF = parameter != 0
          default:
            if skippedDestinations.contains(word) { skipping[skipping.count - 1] = true }
          }
        } else if c == 0x27 {  // \'hh
          if let h = rtf.u8(at: i + 1).flatMap(hex), let l = rtf.u8(at: i + 2).flatMap(hex) {
            let byte = h << 4 | l
            emit(
              byte >= 0x80 && byte < 0xA0 ? UInt32(MIMEDecoding.windows1252High[byte - 0x80]) : UInt32(byte))
          }
          i += 3
        } else {
          switch c {
          case 0x5C, 0x7B, 0x7D: emit(UInt32(c))
          case 0x7E: emit(0x20)  // non-breaking space
          case 0x5F: emit(0x2D)  // non-breaking hyphen
          case 0x0A, 0x0D: emit(0x0A)
          default: break
          }
          i += 1
        }
      case 0x0A, 0x0D:
        i += 1  // line ends in RTF source are not text
      default:
        emit(UInt32(b))
        i += 1
      }
    }
    return out
  }

  static func hex(_ b: Int) -> Int? {
    switch b {
    case 0x30...0x39: b - 0x30
    case 0x41...0x46: b - 0x37
    case 0x61...0x66: b - 0x57
    default: nil
    }
  }
}
