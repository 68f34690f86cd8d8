import BlastRadiusBase

/// Text of a PowerPoint 97–2003 presentation (`.ppt`): the PowerPoint Document stream is a tree
/// of records, and what a person typed sits in its text atoms (TextCharsAtom in UTF-16,
/// TextBytesAtom in 8 bits), in slides, notes, masters and text boxes alike.
enum PowerPointBinaryExtractor {
  static let textChars = 0x0FA0
  static let textBytes = 0x0FA8
  /// DocumentEncryptionAtom: the presentation is encrypted (RC4 CryptoAPI).
  static let encryption = 0x2F14

  static func extract(_ file: inout CompoundFile) -> CompoundDocument {
    var document = CompoundDocument(kind: .ppt)
    if file.child("EncryptedSummary") != nil {
      document.problem(.encrypted, "encrypted PowerPoint presentation was not read")
      return document
    }
    let stream: [UInt8]
    do {
      guard let s = try file.stream(named: "PowerPoint Document") else { return document }
      stream = s
    } catch {
      document.problem(error.code, "ppt: \(error.message)")
      return document
    }
    var writer = DocumentText.ProseWriter()
    // Containers (version 0xF) are entered, atoms stepped over: one pass over the stream,
    // whatever the nesting, and no record can send the walk backwards.
    var i = 0
    while i + 8 <= stream.count {
      let version = stream.u16(at: i)! & 0x000F
      let type = stream.u16(at: i + 2)!
      let size = stream.u32(at: i + 4)!
      let body = i + 8
      if version == 0xF {
        i = body
        continue
      }
      guard body + size <= stream.count else {
        document.problem(.corrupt, "ppt: a record runs past the end of the PowerPoint Document stream")
        break
      }
      switch type {
      case encryption:
        document.problem(.encrypted, "encrypted PowerPoint presentation was not read")
        return document
      case textChars:
        paragraphs(MIMEDecoding.toUTF8(stream[body..<(body + size)], charset: .utf16LE), into: &writer)
      case textBytes:
        // 8-bit text atoms hold the low bytes of UTF-16 units: Latin-1.
        var text: [UInt8] = []
        for b in stream[body..<(body + size)] { MIMEDecoding.appendUTF8(UInt32(b), to: &text) }
        paragraphs(text, into: &writer)
      default: break
      }
      i = body + size
    }
    let text = writer.finish()
    if !text.isEmpty { document.texts.append(DocumentText(part: "slides", text: text, isTable: false)) }
    return document
  }

  /// PowerPoint ends paragraphs with CR and breaks lines with VT: each piece is a line.
  static func paragraphs(_ text: [UInt8], into writer: inout DocumentText.ProseWriter) {
    for line in text.split(whereSeparator: { $0 == 0x0D || $0 == 0x0B }) { writer.line(line) }
  }
}
