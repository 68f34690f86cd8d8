import BlastRadiusBase

/// Cells of an Excel 97–2003 workbook (`.xls`, BIFF8): the Workbook stream is a list of records;
/// the globals hold the sheet names (BOUNDSHEET) and the shared strings (SST), each sheet's
/// records hold its cells (LABELSST, LABEL, NUMBER, RK, MULRK, FORMULA with its STRING) and the
/// text of its notes and text boxes (TXO). Sheets come out as tables like those of `.xlsx`, so
/// the header rules read them the same way; notes come out as prose ("comments").
enum ExcelBinaryExtractor {
  /// One record: its type and where its data sits in the stream.
  struct Record {
    var type: Int
    var data: Range<Int>
  }

  static func extract(_ file: inout CompoundFile) -> CompoundDocument {
    var document = CompoundDocument(kind: .xls)
    let stream: [UInt8]
    do {
      guard let workbook = try file.stream(named: "Workbook") else { return document }
      stream = workbook
    } catch {
      document.problem(error.code, "xls: \(error.message)")
      return document
    }
    let records = records(stream)
    if records.truncated { document.problem(.corrupt, "xls: the Workbook stream ends inside a record") }
    read(stream, records.list, into: &document)
    return document
  }

  /// The records of the stream, up to the first one that does not fit.
  static func records(_ s: [UInt8]) -> (list: [Record], truncated: Bool) {
    var list: [Record] = []
    var i = 0
    while i + 4 <= s.count {
      let type = s.u16(at: i)!
      let size = s.u16(at: i + 2)!
      guard i + 4 + size <= s.count else { return (list, true) }
      list.append(Record(type: type, data: (i + 4)..<(i + 4 + size)))
      i += 4 + size
    }
    return (list, false)
  }

  static func read(_ s: [UInt8], _ records: [Record], into document: inout CompoundDocument) {
    var sheetNames: [Int: String] = [:]  // stream offset of a sheet's BOF → its name
    var sheetOrder: [String] = []
    var strings: [[UInt8]] = []
    var sheet: (name: String, writer: DocumentText.TableWriter)?
    var sheetIndex = 0
    var notes = DocumentText.ProseWriter()
    /// A FORMULA whose string result is in the STRING record that follows.
    var pendingFormula: (row: Int, column: Int)?
    var k = 0
    func finishSheet() {
      guard let open = sheet else { return }
      var writer = open.writer
      let text = writer.finish()
      if !text.isEmpty {
        document.texts.append(DocumentText(part: "sheet: \(open.name)", text: text, isTable: true))
      }
      sheet = nil
    }
    while k < records.count {
      let record = records[k]
      let d = s[record.data]
      k += 1
      switch record.type {
      case 0x002F:  // FILEPASS
        document.problem(.encrypted, "encrypted Excel workbook was not read")
        document.texts = []
        return
      case 0x0809:  // BOF
        finishSheet()
        pendingFormula = nil
        // Worksheets (0x10) and macro sheets (0x40) hold cells; the globals (0x05) and charts do not.
        if let kind = d.u16(at: 2), kind == 0x10 || kind == 0x40 {
          let offset = record.data.lowerBound - 4
          let name =
            sheetNames[offset]
            ?? (sheetIndex < sheetOrder.count ? sheetOrder[sheetIndex] : "Sheet\(sheetIndex + 1)")
          sheetIndex += 1
          sheet = (name, DocumentText.TableWriter())
        }
      case 0x0085:  // BOUNDSHEET
        guard let offset = d.u32(at: 0) else { continue }
        var reader = StringReader(segments: [d.dropFirst(6)])
        let name = String(decoding: reader.string(lengthBytes: 1) ?? [], as: UTF8.self)
        sheetNames[offset] = name
        sheetOrder.append(name)
      case 0x00FC:  // SST, continued in CONTINUE records
        var segments = [d]
        while k < records.count, records[k].type == 0x003C {
          segments.append(s[records[k].data])
          k += 1
        }
        strings = sharedStrings(segments)
      case 0x00FD:  // LABELSST
        guard let (row, column) = cell(d), let index = d.u32(at: 6) else { continue }
        if index < strings.count { sheet?.writer.put(row: row, column: column, strings[index]) }
      case 0x0204, 0x00D6:  // LABEL, RSTRING
        guard let (row, column) = cell(d) else { continue }
        var reader = StringReader(segments: [d.dropFirst(6)])
        if let text = reader.string(lengthBytes: 2) { sheet?.writer.put(row: row, column: column, text) }
      case 0x0203:  // NUMBER
        guard let (row, column) = cell(d), let bits = d.u64(at: 6) else { continue }
        sheet?.writer.put(row: row, column: column, number(Double(bitPattern: bits)))
      case 0x027E:  // RK
        guard let (row, column) = cell(d), let rk = d.u32(at: 6) else { continue }
        sheet?.writer.put(row: row, column: column, rkNumber(rk))
      case 0x00BD:  // MULRK: a row's run of RK cells
        guard let (row, first) = cell(d) else { continue }
        let cells = (d.count - 6) / 6
        for c in 0..<max(0, cells) {
          guard let rk = d.u32(at: 4 + 6 * c + 2) else { break }
          sheet?.writer.put(row: row, column: first + c, rkNumber(rk))
        }
      case 0x0006:  // FORMULA: a number result, or a string one in the next STRING record
        guard let (row, column) = cell(d), let bits = d.u64(at: 6) else { continue }
        if bits >> 48 == 0xFFFF {
          if d.u8(at: 6) == 0 { pendingFormula = (row, column) }
        } else {
          sheet?.writer.put(row: row, column: column, number(Double(bitPattern: bits)))
        }
      case 0x0207:  // STRING
        guard let target = pendingFormula else { continue }
        pendingFormula = nil
        var segments = [d]
        while k < records.count, records[k].type == 0x003C {
          segments.append(s[records[k].data])
          k += 1
        }
        var reader = StringReader(segments: segments)
        if let text = reader.string(lengthBytes: 2) {
          sheet?.writer.put(row: target.row, column: target.column, text)
        }
      case 0x01B6:  // TXO: a note's or text box's text, in the CONTINUE records that follow
        guard let length = d.u16(at: 10), length > 0 else { continue }
        var segments: [ArraySlice<UInt8>] = []
        while k < records.count, records[k].type == 0x003C {
          segments.append(s[records[k].data])
          k += 1
        }
        var reader = StringReader(segments: segments)
        reader.startSegment()
        if let text = reader.characters(length) {
          notes.text(text)
          notes.lineBreak()
        }
      default: break
      }
    }
    finishSheet()
    let text = notes.finish()
    if !text.isEmpty { document.texts.append(DocumentText(part: "comments", text: text, isTable: false)) }
  }

  /// Row (1-based) and column (0-based) of a cell record.
  static func cell(_ d: ArraySlice<UInt8>) -> (Int, Int)? {
    guard let row = d.u16(at: 0), let column = d.u16(at: 2) else { return nil }
    return (row + 1, column)
  }

  /// The SST's strings, in order: their characters may run on into the next CONTINUE record,
  /// which then starts with a new flags byte.
  static func sharedStrings(_ segments: [ArraySlice<UInt8>]) -> [[UInt8]] {
    var reader = StringReader(segments: segments)
    guard let unique = reader.u32() else { return [] }
    _ = reader.u32()
    var strings: [[UInt8]] = []
    while strings.count < unique, let text = reader.string(lengthBytes: 2) {
      strings.append(text)
    }
    return strings
  }

  /// A number as a cell shows it when it is an integer (`123456789`, not `1.23456789E8`).
  static func number(_ value: Double) -> [UInt8] {
    guard value.isFinite else { return [] }
    return DocumentText.plainNumber(Array("\(value)".utf8))
  }

  /// An RK value: a 30-bit integer or the high bits of a double, possibly divided by 100.
  static func rkNumber(_ rk: Int) -> [UInt8] {
    let divided = rk & 1 != 0
    if rk & 2 != 0 {
      let integer = Int(Int32(truncatingIfNeeded: UInt32(rk))) >> 2
      if !divided { return Array(String(integer).utf8) }
      return number(Double(integer) / 100)
    }
    let value = Double(bitPattern: UInt64(rk & ~3) << 32)
    return number(divided ? value / 100 : value)
  }

  /// Reads BIFF8 strings from a record and its CONTINUE records.
  struct StringReader {
    let segments: [ArraySlice<UInt8>]
    var segment = 0
    var offset = 0
    /// Characters are 16-bit (else the low bytes of UTF-16 only).
    var wide = false

    init(segments: [ArraySlice<UInt8>]) { self.segments = segments }

    mutating func byte() -> UInt8? {
      while segment < segments.count, offset >= segments[segment].count {
        segment += 1
        offset = 0
      }
      guard segment < segments.count else { return nil }
      defer { offset += 1 }
      return segments[segment][segments[segment].startIndex + offset]
    }

    mutating func u16() -> Int? {
      guard let a = byte(), let b = byte() else { return nil }
      return Int(a) | Int(b) << 8
    }

    mutating func u32() -> Int? {
      guard let a = u16(), let b = u16() else { return nil }
      return a | b << 16
    }

    mutating func skip(_ n: Int) {
      var left = n
      while left > 0, segment < segments.count {
        let available = segments[segment].count - offset
        let step = min(left, available)
        offset += step
        left -= step
        if left > 0 {
          segment += 1
          offset = 0
        }
      }
    }

    /// A TXO's text starts its own CONTINUE record, with a flags byte.
    mutating func startSegment() {
      wide = (byte() ?? 0) & 1 != 0
    }

    /// `count` characters as UTF-8; at a segment's end the next one starts with a flags byte.
    mutating func characters(_ count: Int) -> [UInt8]? {
      var out: [UInt8] = []
      out.reserveCapacity(count)
      for _ in 0..<count {
        if segment < segments.count, offset >= segments[segment].count, segment + 1 < segments.count {
          segment += 1
          offset = 0
          startSegment()
        }
        if wide {
          guard let unit = u16() else { return out }
          MIMEDecoding.appendUTF8(UInt32(unit), to: &out)
        } else {
          // 8-bit characters are UTF-16 units whose high byte is zero: Latin-1.
          guard let b = byte() else { return out }
          MIMEDecoding.appendUTF8(UInt32(b), to: &out)
        }
      }
      return out
    }

    /// An XLUnicodeString (2-byte length) or ShortXLUnicodeString (1-byte length), with the
    /// rich-text runs and phonetic data of an SST entry skipped.
    mutating func string(lengthBytes: Int) -> [UInt8]? {
      guard let length = lengthBytes == 1 ? byte().map(Int.init) : u16(), let flags = byte() else {
        return nil
      }
      wide = flags & 0x01 != 0
      let runs = flags & 0x08 != 0 ? (u16() ?? 0) : 0
      let phonetic = flags & 0x04 != 0 ? (u32() ?? 0) : 0
      guard let text = characters(length) else { return nil }
      skip(4 * runs + phonetic)
      return text
    }
  }
}
