import BlastRadiusBase

/// Text of Office Open XML documents (Word, Excel, PowerPoint) from their zip parts.
///
/// The caller opens the zip; this decides from part names what the document is and which parts
/// hold its text, then reads those parts' XML. Part names are matched without case (OPC names are
/// case-insensitive and some writers emit `xl/SharedStrings.xml`), and elements by local name, so
/// strict-OOXML files and writers with unusual prefixes read the same.
package enum OOXMLExtractor {
  package enum Kind: String, Sendable, CaseIterable {
    case docx, xlsx, pptx
  }

  /// Excel's grid: rows and columns past these cannot exist, so a cell claiming them is noise.
  static let maxRows = 1_048_576
  static let maxColumns = 16_384

  /// The kind of document a zip holds, from its part names; nil when it is not an Office package
  /// (no `[Content_Types].xml`) or is one whose text lives elsewhere (`.xlsb`).
  package static func kind(partNames: [String]) -> Kind? {
    let names = Set(partNames.map(normalized))
    guard names.contains("[content_types].xml") else { return nil }
    if names.contains(where: { mainDocumentNumber($0) != nil }) { return .docx }
    if names.contains("xl/workbook.xml") { return .xlsx }
    if names.contains("ppt/presentation.xml") { return .pptx }
    return nil
  }

  /// The parts `extract` reads, as named in `partNames`.
  package static func partsNeeded(_ kind: Kind, partNames: [String]) -> [String] {
    switch kind {
    case .docx:
      let main = partNames.filter { mainDocumentNumber(normalized($0)) != nil }
        .min { mainDocumentNumber(normalized($0))! < mainDocumentNumber(normalized($1))! }
      return partNames.filter { name in
        let lower = normalized(name)
        return name == main || (mainDocumentNumber(lower) == nil && wordPart(lower) != nil)
      }
    case .xlsx:
      return partNames.filter { name in
        let lower = normalized(name)
        return lower == "xl/workbook.xml" || lower == "xl/_rels/workbook.xml.rels"
          || lower == "xl/sharedstrings.xml"
          || isWorksheet(lower)
      }
    case .pptx:
      return partNames.filter { slidePart(normalized($0)) != nil }
    }
  }

  /// The text of each part, in reading order; parts without text are left out.
  package static func extract(
    _ kind: Kind, parts: [String: [UInt8]], limit: Int = DocumentText.defaultLimit
  ) -> [DocumentText] {
    var lower: [String: [UInt8]] = [:]
    for (name, bytes) in parts { lower[normalized(name)] = bytes }
    switch kind {
    case .docx: return word(lower, limit: limit)
    case .xlsx: return workbook(lower, limit: limit)
    case .pptx: return presentation(lower, limit: limit)
    }
  }

  // MARK: - Part names

  static func normalized(_ name: String) -> String {
    let lower = name.lowercased()
    return lower.hasPrefix("/") ? String(lower.dropFirst()) : lower
  }

  /// N for `prefix` + digits + `suffix` (digits required unless `optional`, then -1 without).
  static func number(_ name: String, prefix: String, suffix: String, optional: Bool = false) -> Int? {
    guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count >= prefix.count + suffix.count else {
      return nil
    }
    let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
    if middle.isEmpty { return optional ? -1 : nil }
    guard middle.count <= 9, middle.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(middle)
  }

  /// `word/document.xml` is -1; `word/document2.xml` (written by some online editors) is 2.
  static func mainDocumentNumber(_ lower: String) -> Int? {
    number(lower, prefix: "word/document", suffix: ".xml", optional: true)
  }

  /// Reading-order key and user-facing name of a Word part that holds text.
  static func wordPart(_ lower: String) -> (order: (Int, Int), name: String)? {
    if mainDocumentNumber(lower) != nil { return ((0, 0), "document") }
    if let n = number(lower, prefix: "word/header", suffix: ".xml") { return ((1, n), "header\(n)") }
    if let n = number(lower, prefix: "word/footer", suffix: ".xml") { return ((2, n), "footer\(n)") }
    switch lower {
    case "word/footnotes.xml": return ((3, 0), "footnotes")
    case "word/endnotes.xml": return ((4, 0), "endnotes")
    case "word/comments.xml": return ((5, 0), "comments")
    default: return nil
    }
  }

  static func isWorksheet(_ lower: String) -> Bool {
    lower.hasPrefix("xl/worksheets/") && lower.hasSuffix(".xml") && !lower.dropFirst(14).contains("/")
  }

  /// Reading-order key and name of a slide or notes part: all slides, then all notes, each by N.
  static func slidePart(_ lower: String) -> (order: (Int, Int), name: String)? {
    if let n = number(lower, prefix: "ppt/slides/slide", suffix: ".xml") { return ((0, n), "slide \(n)") }
    if let n = number(lower, prefix: "ppt/notesslides/notesslide", suffix: ".xml") {
      return ((1, n), "notes \(n)")
    }
    return nil
  }

  // MARK: - Word and PowerPoint

  static func word(_ parts: [String: [UInt8]], limit: Int) -> [DocumentText] {
    let main = parts.keys.filter { mainDocumentNumber($0) != nil }.min {
      mainDocumentNumber($0)! < mainDocumentNumber($1)!
    }
    let found = parts.compactMap { name, bytes -> (order: (Int, Int), name: String, bytes: [UInt8])? in
      guard mainDocumentNumber(name) == nil || name == main, let part = wordPart(name) else { return nil }
      return (part.order, part.name, bytes)
    }
    return found.sorted { $0.order < $1.order }.compactMap { part in
      let text = prose(part.bytes, limit: limit)
      return text.isEmpty ? nil : DocumentText(part: part.name, text: text, isTable: false)
    }
  }

  static func presentation(_ parts: [String: [UInt8]], limit: Int) -> [DocumentText] {
    let found = parts.compactMap { name, bytes -> (order: (Int, Int), name: String, bytes: [UInt8])? in
      guard let part = slidePart(name) else { return nil }
      return (part.order, part.name, bytes)
    }
    return found.sorted { $0.order < $1.order }.compactMap { part in
      let text = prose(part.bytes, limit: limit)
      return text.isEmpty ? nil : DocumentText(part: part.name, text: text, isTable: false)
    }
  }

  /// Paragraphs of WordprocessingML (`w:p`, `w:t`) or DrawingML (`a:p`, `a:t`) as lines; both use
  /// the same local names, tables included (`tr`, `tc`).
  ///
  /// Deleted text of tracked changes (`w:delText`) is kept: it is still in the file. The fallback
  /// branch of `mc:AlternateContent` is skipped, as it repeats the chosen branch's text box.
  static func prose(_ xml: [UInt8], limit: Int) -> [UInt8] {
    var reader = XMLTextReader(xml)
    var writer = DocumentText.ProseWriter(limit: limit)
    var textDepth = 0
    var skipDepth = 0
    while let token = reader.next() {
      if skipDepth > 0 {
        if case .start = token { skipDepth += 1 } else if case .end = token { skipDepth -= 1 }
        continue
      }
      switch token {
      case .start(let tag):
        switch tag.localName {
        case "t", "delText": textDepth += 1
        case "Fallback": skipDepth = 1
        case "tr": writer.beginRow()
        case "tc": writer.beginCell()
        default: inline(tag.localName, &writer)
        }
      case .selfClosing(let tag):
        switch tag.localName {
        case "p": writer.lineBreak()
        case "tc":
          writer.beginCell()
          writer.endCell()
        default: inline(tag.localName, &writer)
        }
      case .end(let tag):
        switch tag.localName {
        case "t", "delText": textDepth = max(0, textDepth - 1)
        case "p": writer.lineBreak()
        case "tr": writer.endRow()
        case "tc": writer.endCell()
        default: break
        }
      case .comment: break  // not document text
      case .text(let text):
        if textDepth > 0 { writer.text(text) }
      }
    }
    return writer.finish()
  }

  /// Run content that stands for characters.
  private static func inline(_ localName: String, _ writer: inout DocumentText.ProseWriter) {
    switch localName {
    case "tab", "ptab": writer.space()
    case "br", "cr": writer.lineBreak()
    case "noBreakHyphen": writer.text(CollectionOfOne(ASCII.hyphen))
    default: break
    }
  }

  // MARK: - Excel

  static func workbook(_ parts: [String: [UInt8]], limit: Int) -> [DocumentText] {
    let strings = SharedStrings(parts["xl/sharedstrings.xml"] ?? [])
    var sheets: [(name: String, path: String)] = []
    if let workbook = parts["xl/workbook.xml"] {
      let targets = relationships(parts["xl/_rels/workbook.xml.rels"] ?? [], base: "xl/")
      var reader = XMLTextReader(workbook)
      var index = 0
      while let token = reader.next() {
        switch token {
        case .start(let tag), .selfClosing(let tag):
          guard tag.localName == "sheet" else { continue }
          index += 1
          sheets.append(sheet(tag, index: index, targets: targets))
        default: continue
        }
      }
    }
    if sheets.isEmpty {
      // No workbook to name them: every worksheet, by the number in its name.
      let paths = parts.keys.filter(isWorksheet).sorted {
        (trailingNumber($0) ?? Int.max, $0) < (trailingNumber($1) ?? Int.max, $1)
      }
      sheets = paths.map { path in (String(path.dropFirst(14).dropLast(4)), path) }
    }
    var texts = sheets.compactMap { sheet -> DocumentText? in
      guard let bytes = parts[sheet.path] else { return nil }
      let text = worksheet(bytes, strings: strings, limit: limit)
      return text.isEmpty ? nil : DocumentText(part: "sheet: \(sheet.name)", text: text, isTable: true)
    }
    // Cell comments (notes) are prose of their own: "verified SSN 123-45-6789 with HR".
    let comments = parts.keys.filter { $0.hasPrefix("xl/comments") && $0.hasSuffix(".xml") }
      .sorted { (trailingNumber($0) ?? Int.max, $0) < (trailingNumber($1) ?? Int.max, $1) }
      .flatMap { prose(parts[$0]!, limit: limit) }
    if !comments.isEmpty { texts.append(DocumentText(part: "comments", text: comments, isTable: false)) }
    return texts
  }

  /// A `<sheet name=… r:id=…>` and the part it points to (by position if the link is missing).
  private static func sheet(
    _ tag: XMLTextReader.Tag, index: Int, targets: [String: String]
  ) -> (name: String, path: String) {
    let name = String(decoding: tag.attribute("name") ?? [], as: UTF8.self)
    let id = tag.attribute(local: "id").map { String(decoding: $0, as: UTF8.self) }
    let path = id.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(index).xml"
    return (name, path)
  }

  static func trailingNumber(_ path: String) -> Int? {
    let stem = path.hasSuffix(".xml") ? path.dropLast(4) : path[...]
    let digits = stem.reversed().prefix { $0.isASCII && $0.isNumber }
    return digits.isEmpty || digits.count > 9 ? nil : Int(String(digits.reversed()))
  }

  /// Relationship ids to normalized part paths, targets resolved against `base`.
  static func relationships(_ xml: [UInt8], base: String) -> [String: String] {
    var result: [String: String] = [:]
    var reader = XMLTextReader(xml)
    while let token = reader.next() {
      let tag: XMLTextReader.Tag
      switch token {
      case .start(let t), .selfClosing(let t): tag = t
      default: continue
      }
      guard tag.localName == "Relationship", let id = tag.attribute("Id"),
        let target = tag.attribute("Target"),
        !(tag.attribute("TargetMode").map { XMLTextReader.Byte.equal($0, "External", ignoringCase: true) }
          ?? false)
      else { continue }
      result[String(decoding: id, as: UTF8.self)] = resolve(
        String(decoding: target, as: UTF8.self), base: base)
    }
    return result
  }

  /// `target` (relative to the folder `base`, or absolute from the package root) as a normalized
  /// part name, `..` and `.` resolved.
  static func resolve(_ target: String, base: String) -> String {
    let lower = target.lowercased()
    let full = lower.hasPrefix("/") ? String(lower.dropFirst()) : base + lower
    var segments: [Substring] = []
    for segment in full.split(separator: "/", omittingEmptySubsequences: true) {
      if segment == "." { continue }
      if segment == ".." {
        if !segments.isEmpty { segments.removeLast() }
        continue
      }
      segments.append(segment)
    }
    return segments.joined(separator: "/")
  }

  /// One worksheet as a table: each valued cell at its row and column.
  static func worksheet(_ xml: [UInt8], strings: SharedStrings, limit: Int) -> [UInt8] {
    var reader = XMLTextReader(xml)
    var writer = DocumentText.TableWriter(limit: limit)
    var row = 0
    var column = -1
    /// The open cell: where it goes and its `t` type, if it has a place.
    var cell: (row: Int, column: Int, type: ArraySlice<UInt8>)?
    var value: [UInt8] = []
    var inline: [UInt8] = []
    var inValue = false
    var inlineDepth = 0
    var textDepth = 0
    var phoneticDepth = 0
    while let token = reader.next(), !writer.isFull {
      switch token {
      case .start(let tag), .selfClosing(let tag):
        var open = false
        if case .start = token { open = true }
        switch tag.localName {
        case "row":
          row = tag.attribute("r").flatMap(decimal) ?? row + 1
          column = -1
        case "c":
          var place = (row: max(row, 1), column: column + 1)
          if let ref = tag.attribute("r"), let parsed = cellReference(ref) {
            place = (parsed.row ?? place.row, parsed.column)
          }
          row = place.row
          column = place.column
          value.removeAll(keepingCapacity: true)
          inline.removeAll(keepingCapacity: true)
          inValue = false
          inlineDepth = 0
          textDepth = 0
          phoneticDepth = 0
          let fits = place.row <= maxRows && place.column < maxColumns
          cell = open && fits ? (place.row, place.column, tag.attribute("t") ?? []) : nil
        case "v" where open: inValue = true
        case "is" where open: inlineDepth += 1
        case "t" where open: textDepth += 1
        case "rPh" where open: phoneticDepth += 1
        default: break
        }
      case .end(let tag):
        switch tag.localName {
        case "v": inValue = false
        case "is": inlineDepth = max(0, inlineDepth - 1)
        case "t": textDepth = max(0, textDepth - 1)
        case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
        case "c":
          if let open = cell {
            writer.put(row: open.row, column: open.column, cellText(open.type, value, inline, strings))
          }
          cell = nil
        case "sheetData":
          return writer.finish()
        default: break
        }
      case .comment: break  // not document text
      case .text(let text):
        guard cell != nil else { break }
        if inValue {
          value.append(contentsOf: text)
        } else if inlineDepth > 0, textDepth > 0, phoneticDepth == 0 {
          inline.append(contentsOf: text)
        }
      }
    }
    return writer.finish()
  }

  /// What a cell shows, by its `t` type: shared or inline string, formula string, boolean, error,
  /// or a number in its plain form.
  static func cellText(
    _ type: ArraySlice<UInt8>, _ value: [UInt8], _ inline: [UInt8], _ strings: SharedStrings
  ) -> [UInt8] {
    switch String(decoding: type, as: UTF8.self) {
    case "s":
      guard let index = decimal(value[...]), index < strings.count else { return [] }
      return Array(strings[index])
    case "inlineStr": return unescape(inline.isEmpty ? value : inline)
    case "str": return unescape(value)
    case "b":
      if value == [0x31] { return Array("TRUE".utf8) }
      if value == [0x30] { return Array("FALSE".utf8) }
      return value
    case "e", "d": return value
    default:
      if !inline.isEmpty { return unescape(inline) }
      return DocumentText.plainNumber(trimmed(value))
    }
  }

  static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    var lo = 0
    var hi = bytes.count
    while lo < hi, ASCII.isSpace(bytes[lo]) { lo += 1 }
    while hi > lo, ASCII.isSpace(bytes[hi - 1]) { hi -= 1 }
    return bytes[lo..<hi]
  }

  /// A non-negative decimal of at most 9 digits, surrounding spaces allowed.
  static func decimal(_ bytes: ArraySlice<UInt8>) -> Int? {
    var n = 0
    var digits = 0
    for b in bytes {
      if ASCII.isSpace(b) { continue }
      guard ASCII.isDigit(b), digits < 9 else { return nil }
      n = n * 10 + Int(b - 0x30)
      digits += 1
    }
    return digits > 0 ? n : nil
  }

  /// `B7` as column 1 and row 7 (`A` is 0, `AA` is 26); a reference of letters only gives no row.
  static func cellReference(_ ref: ArraySlice<UInt8>) -> (column: Int, row: Int?)? {
    var i = ref.startIndex
    var column = 0
    while i < ref.endIndex, ASCII.isLetter(ref[i]), i - ref.startIndex < 3 {
      column = column * 26 + Int(ASCII.upper(ref[i]) - 0x41 + 1)
      i += 1
    }
    guard column > 0 else { return nil }
    if i == ref.endIndex { return (column - 1, nil) }
    guard let row = decimal(ref[i...]), row > 0 else { return nil }
    return (column - 1, row)
  }

  /// Undoes the `_xHHHH_` escape Office writes for characters XML cannot carry (`_x000D_`).
  static func unescape(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.count >= 7, bytes.contains(0x5F) else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x5F, i + 6 < bytes.count, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F {
        var value: UInt32 = 0
        var ok = true
        for k in 2..<6 {
          guard let d = XMLTextReader.Byte.digitValue(bytes[i + k]) else {
            ok = false
            break
          }
          value = value * 16 + d
        }
        if ok, let scalar = Unicode.Scalar(value) {
          UTF8.encode(scalar) { out.append($0) }
          i += 7
          continue
        }
      }
      out.append(bytes[i])
      i += 1
    }
    return out
  }

  /// The workbook's string table, every `<si>` in order (so indexes stay right), held in one
  /// buffer: rich-text runs are joined and phonetic guides (`<rPh>`) left out.
  struct SharedStrings {
    private var storage: [UInt8] = []
    private var ends: [Int] = []

    init(_ xml: [UInt8]) {
      var reader = XMLTextReader(xml)
      var inItem = false
      var textDepth = 0
      var phoneticDepth = 0
      var start = 0
      while let token = reader.next() {
        switch token {
        case .start(let tag):
          switch tag.localName {
          case "si":
            inItem = true
            start = storage.count
            textDepth = 0
            phoneticDepth = 0
          case "t": textDepth += 1
          case "rPh": phoneticDepth += 1
          default: break
          }
        case .selfClosing(let tag):
          if tag.localName == "si" { ends.append(storage.count) }
        case .end(let tag):
          switch tag.localName {
          case "si":
            if inItem {
              let item = Array(storage[start...])
              if item.contains(0x5F) {
                storage.removeSubrange(start...)
                storage.append(contentsOf: OOXMLExtractor.unescape(item))
              }
              ends.append(storage.count)
            }
            inItem = false
          case "t": textDepth = max(0, textDepth - 1)
          case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
          default: break
          }
        case .comment: break  // not document text
        case .text(let text):
          if inItem, textDepth > 0, phoneticDepth == 0 { storage.append(contentsOf: text) }
        }
      }
    }

    var count: Int { ends.count }

    subscript(index: Int) -> ArraySlice<UInt8> {
      storage[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }
  }
}
