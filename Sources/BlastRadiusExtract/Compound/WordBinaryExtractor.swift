import BlastRadiusBase

/// Text of a Word 97–2003 document (`.doc`): the piece table (the CLX in the table stream) says
/// where each run of characters sits in the WordDocument stream and whether it is 8-bit
/// (Windows-1252) or UTF-16; the character counts of the File Information Block split the text
/// into the main document, footnotes, headers, comments, endnotes and text boxes.
enum WordBinaryExtractor {
  /// The stories in the order their characters follow each other, with the index of their count
  /// in FibRgLw97 and the part name findings carry (the names the `.docx` reader uses where one
  /// exists).
  static let stories: [(count: Int, part: String)] = [
    (3, "document"), (4, "footnotes"), (5, "headers"), (7, "comments"), (8, "endnotes"), (9, "text boxes"),
    (10, "header text boxes"),
  ]

  static func extract(_ file: inout CompoundFile) -> CompoundDocument {
    var document = CompoundDocument(kind: .doc)
    do {
      guard let word = try file.stream(named: "WordDocument") else { return document }
      guard word.u16(at: 0) == 0xA5EC, let flags = word.u16(at: 0x0A), let nFib = word.u16(at: 2) else {
        document.problem(.corrupt, "doc: the WordDocument stream has no File Information Block")
        return document
      }
      if flags & 0x0100 != 0 {
        document.problem(.encrypted, "encrypted Word document was not read")
        return document
      }
      guard nFib >= 0xC1 else {
        document.problem(.unsupported, "Word 6.0/95 document (nFib \(nFib)) was not read")
        return document
      }
      let table = try file.stream(named: flags & 0x0200 != 0 ? "1Table" : "0Table") ?? []
      document.texts = try texts(word: word, table: table)
    } catch {
      document.problem(error.code, "doc: \(error.message)")
    }
    return document
  }

  /// The FIB's counts and CLX, then the pieces' characters split into stories.
  static func texts(word: [UInt8], table: [UInt8]) throws(CompoundFileError) -> [DocumentText] {
    guard let csw = word.u16(at: 32), let cslw = word.u16(at: 34 + 2 * csw) else {
      throw .corrupt("the File Information Block is truncated")
    }
    let longs = 36 + 2 * csw
    let cbRgFcLcb = word.u16(at: longs + 4 * cslw) ?? 0
    let pairs = longs + 4 * cslw + 2
    guard cslw >= 11, cbRgFcLcb > 33, let fcClx = word.u32(at: pairs + 33 * 8),
      let lcbClx = word.u32(at: pairs + 33 * 8 + 4)
    else { throw .corrupt("the File Information Block has no piece table") }
    let counts = stories.map { word.u32(at: longs + 4 * $0.count) ?? 0 }
    let total = counts.reduce(0, +)
    guard fcClx + lcbClx <= table.count else {
      throw .corrupt("the piece table is past the end of the table stream")
    }
    let units = try characters(clx: table[fcClx..<(fcClx + lcbClx)], word: word, total: total)
    var texts: [DocumentText] = []
    var start = 0
    for (story, count) in zip(stories, counts) where count > 0 {
      let end = min(units.count, start + count)
      if start < end {
        let text = prose(units[start..<end])
        if !text.isEmpty { texts.append(DocumentText(part: story.part, text: text, isTable: false)) }
      }
      start += count
    }
    return texts
  }

  /// The first `total` characters the pieces hold, as UTF-16 code units.
  static func characters(clx: ArraySlice<UInt8>, word: [UInt8], total: Int) throws(CompoundFileError)
    -> [UInt16]
  {
    // Property modifiers (Prc, type 1) come first, then the piece table (Pcdt, type 2).
    var i = 0
    while clx.u8(at: i) == 0x01 {
      guard let size = clx.u16(at: i + 1) else { break }
      i += 3 + size
    }
    guard clx.u8(at: i) == 0x02, let size = clx.u32(at: i + 1), i + 5 + size <= clx.count, size >= 4 else {
      throw .corrupt("the piece table is damaged")
    }
    let plc = clx.dropFirst(i + 5).prefix(size)
    let pieces = (size - 4) / 12
    var units: [UInt16] = []
    units.reserveCapacity(min(total, word.count))
    for k in 0..<pieces where units.count < total {
      guard let cpStart = plc.u32(at: 4 * k), let cpEnd = plc.u32(at: 4 * (k + 1)),
        let fcField = plc.u32(at: 4 * (pieces + 1) + 8 * k + 2)
      else { break }
      guard cpEnd > cpStart else { continue }
      let count = min(cpEnd - cpStart, total - units.count)
      let compressed = fcField & 0x4000_0000 != 0
      let fc = fcField & 0x3FFF_FFFF
      let from = compressed ? fc / 2 : fc
      let bytes = compressed ? count : 2 * count
      guard from + bytes <= word.count else {
        throw .corrupt("piece \(k + 1) of the text is past the end of the WordDocument stream")
      }
      if compressed {
        for b in word[from..<(from + bytes)] {
          units.append(b >= 0x80 && b < 0xA0 ? MIMEDecoding.windows1252High[Int(b - 0x80)] : UInt16(b))
        }
      } else {
        for u in 0..<count { units.append(UInt16(word.u16(at: from + 2 * u)!)) }
      }
    }
    return units
  }

  /// Word's characters as lines: paragraph marks end lines, cell marks separate a table row's
  /// cells (a mark right after one ends the row), field instructions are left out (their
  /// results stay), and the special characters become what they show.
  static func prose(_ units: ArraySlice<UInt16>) -> [UInt8] {
    var writer = DocumentText.ProseWriter()
    var paragraph: [UInt8] = []
    var fields: [Bool] = []  // per open field: still in its instruction
    var instructions = 0
    var afterCellMark = false
    var high: UInt32?
    for u in units {
      let unit = UInt32(u)
      switch unit {
      case 0x13:
        fields.append(true)
        instructions += 1
        continue
      case 0x14:
        if let last = fields.last, last {
          fields[fields.count - 1] = false
          instructions -= 1
        }
        continue
      case 0x15:
        if let last = fields.popLast(), last { instructions -= 1 }
        continue
      default: break
      }
      if instructions > 0 { continue }
      let wasCellMark = afterCellMark
      afterCellMark = false
      switch unit {
      case 0x07:
        if paragraph.isEmpty, wasCellMark {
          writer.endRow()
        } else {
          if !writer.inRow { writer.beginRow() }
          writer.beginCell()
          writer.text(paragraph)
          writer.endCell()
          paragraph.removeAll(keepingCapacity: true)
          afterCellMark = true
        }
      case 0x0D, 0x0B, 0x0C:
        if writer.inRow {
          paragraph.append(ASCII.space)
        } else {
          writer.text(paragraph)
          writer.lineBreak()
          paragraph.removeAll(keepingCapacity: true)
        }
      case 0x09, 0xA0: paragraph.append(ASCII.space)
      case 0x1E: paragraph.append(ASCII.hyphen)
      case 0xD800..<0xDC00: high = unit
      case 0xDC00..<0xE000:
        if let h = high {
          MIMEDecoding.appendUTF8(0x10000 + ((h - 0xD800) << 10) + (unit - 0xDC00), to: &paragraph)
        }
        high = nil
      case 0..<0x20: break  // pictures, note and comment anchors, optional hyphens
      default: MIMEDecoding.appendUTF8(unit, to: &paragraph)
      }
    }
    writer.text(paragraph)
    return writer.finish()
  }
}
