import BlastRadiusBase

/// Text of OpenDocument files (LibreOffice, Google Docs export) from their zip parts.
///
/// The `mimetype` member says what the document is; `content.xml` holds the text. Spreadsheets
/// describe runs of identical cells and rows with repeat counts, and a saved sheet typically ends
/// in an empty row repeated a million times, so repeats are expanded with care: empty ones only
/// move the position (and vanish at the end of a row or sheet), and content is copied at most
/// `maxRepeat` times, the positions after it staying exact.
package enum OpenDocumentExtractor {
  package enum Kind: String, Sendable, CaseIterable {
    case odt, ods, odp
  }

  /// Copies made of one repeated cell or row with content.
  static let maxRepeat = 1000
  /// Copies made from repeats in one sheet, beyond each first: a row of repeated cells repeated
  /// itself would otherwise multiply.
  static let maxRepeatedCells = 1_000_000

  /// The kind named by the `mimetype` member (templates read as their documents).
  package static func kind(mimetype: [UInt8]) -> Kind? {
    let text = String(decoding: OOXMLExtractor.trimmed(mimetype), as: UTF8.self)
    let prefix = "application/vnd.oasis.opendocument."
    guard text.hasPrefix(prefix) else { return nil }
    switch text.dropFirst(prefix.count) {
    case "text", "text-template", "text-master": return .odt
    case "spreadsheet", "spreadsheet-template": return .ods
    case "presentation", "presentation-template": return .odp
    default: return nil
    }
  }

  /// The parts `extract` reads: the content, and for text documents the styles, where headers
  /// and footers live.
  package static func partsNeeded(_ kind: Kind) -> [String] {
    kind == .odt ? ["content.xml", "styles.xml"] : ["content.xml"]
  }

  /// The text of each part, in reading order; parts without text are left out. A flat XML
  /// document (`.fodt`, `.fods`) reads the same when passed as `content.xml`.
  package static func extract(
    _ kind: Kind, parts: [String: [UInt8]], limit: Int = DocumentText.defaultLimit
  ) -> [DocumentText] {
    let content = parts["content.xml"] ?? []
    var result: [DocumentText]
    switch kind {
    case .odt:
      result = [prose("document", content, limit: limit)]
      result += headersAndFooters(parts["styles.xml"] ?? [], limit: limit)
    case .ods: result = spreadsheet(content, limit: limit)
    case .odp: result = presentation(content, limit: limit)
    }
    return result.filter { !$0.text.isEmpty }
  }

  static func prose(_ part: String, _ xml: [UInt8], limit: Int) -> DocumentText {
    var reader = XMLTextReader(xml)
    var walker = ProseWalker(limit: limit)
    while let token = reader.next() { walker.feed(token) }
    return DocumentText(part: part, text: walker.writer.finish(), isTable: false)
  }

  /// Master pages' `style:header`, `style:footer` and their `-left`/`-first` variants, as two parts.
  static func headersAndFooters(_ xml: [UInt8], limit: Int) -> [DocumentText] {
    var reader = XMLTextReader(xml)
    var header = ProseWalker(limit: limit)
    var footer = ProseWalker(limit: limit)
    var region: (isHeader: Bool, depth: Int)?
    while let token = reader.next() {
      if var open = region {
        if case .start = token { open.depth += 1 } else if case .end = token { open.depth -= 1 }
        region = open.depth > 0 ? open : nil
        if region != nil {
          if open.isHeader { header.feed(token) } else { footer.feed(token) }
        }
        continue
      }
      guard case .start(let tag) = token else { continue }
      switch tag.localName {
      case "header", "header-left", "header-first": region = (true, 1)
      case "footer", "footer-left", "footer-first": region = (false, 1)
      default: break
      }
    }
    return [
      DocumentText(part: "header", text: header.writer.finish(), isTable: false),
      DocumentText(part: "footer", text: footer.writer.finish(), isTable: false),
    ]
  }

  /// Each `draw:page` as "slide N" (N its position), its speaker notes as "notes N"; all slides
  /// first, then all notes, as for PowerPoint.
  static func presentation(_ xml: [UInt8], limit: Int) -> [DocumentText] {
    var reader = XMLTextReader(xml)
    var slides: [DocumentText] = []
    var notes: [DocumentText] = []
    var page = 0
    var pageDepth = 0
    var notesDepth = 0
    var slide = ProseWalker(limit: limit)
    var note = ProseWalker(limit: limit)
    while let token = reader.next() {
      if pageDepth == 0 {
        switch token {
        case .start(let tag) where tag.localName == "page":
          page += 1
          pageDepth = 1
          slide = ProseWalker(limit: limit)
          note = ProseWalker(limit: limit)
        case .selfClosing(let tag) where tag.localName == "page":
          page += 1  // an empty slide still takes its number
        default: break
        }
        continue
      }
      switch token {
      case .start(let tag):
        pageDepth += 1
        if notesDepth > 0 {
          notesDepth += 1
        } else if tag.localName == "notes" {
          notesDepth = 1
          continue
        }
      case .end:
        pageDepth -= 1
        if notesDepth > 0 { notesDepth -= 1 }
      default: break
      }
      if pageDepth == 0 {
        slides.append(DocumentText(part: "slide \(page)", text: slide.writer.finish(), isTable: false))
        notes.append(DocumentText(part: "notes \(page)", text: note.writer.finish(), isTable: false))
      } else if notesDepth > 0 {
        note.feed(token)
      } else {
        slide.feed(token)
      }
    }
    if pageDepth > 0 {
      // Cut short: keep what the open page had.
      slides.append(DocumentText(part: "slide \(page)", text: slide.writer.finish(), isTable: false))
      notes.append(DocumentText(part: "notes \(page)", text: note.writer.finish(), isTable: false))
    }
    return slides + notes
  }

  /// Paragraphs (`text:p`, `text:h`) as lines, tables' rows as tab-separated lines. Text outside
  /// paragraphs (shape titles, metadata) is not document text; an annotation's author and date
  /// are left out, its paragraphs kept.
  struct ProseWalker {
    var writer: DocumentText.ProseWriter
    private var paragraphDepth = 0
    private var skipDepth = 0

    init(limit: Int) { writer = DocumentText.ProseWriter(limit: limit) }

    mutating func feed(_ token: XMLTextReader.Token) {
      if skipDepth > 0 {
        if case .start = token { skipDepth += 1 } else if case .end = token { skipDepth -= 1 }
        return
      }
      switch token {
      case .start(let tag):
        switch tag.localName {
        case "p", "h":
          paragraphDepth += 1
          writer.lineBreak()
        case "table-row": writer.beginRow()
        case "table-cell", "covered-table-cell": writer.beginCell()
        case "creator" where Self.isDublinCore(tag), "date" where Self.isDublinCore(tag):
          skipDepth = 1
        default: inline(tag.localName)
        }
      case .selfClosing(let tag):
        switch tag.localName {
        case "p", "h": writer.lineBreak()
        case "table-cell", "covered-table-cell":
          writer.beginCell()
          writer.endCell()
        default: inline(tag.localName)
        }
      case .end(let tag):
        switch tag.localName {
        case "p", "h":
          paragraphDepth = max(0, paragraphDepth - 1)
          writer.lineBreak()
        case "table-row": writer.endRow()
        case "table-cell", "covered-table-cell": writer.endCell()
        default: break
        }
      case .comment: break  // not document text
      case .text(let text):
        if paragraphDepth > 0 { writer.text(text) }
      }
    }

    static func isDublinCore(_ tag: XMLTextReader.Tag) -> Bool {
      XMLTextReader.Byte.equal(tag.name.prefix(3), "dc:")
    }

    private mutating func inline(_ localName: String) {
      switch localName {
      case "s", "tab": writer.space()
      case "line-break": writer.lineBreak()
      default: break
      }
    }
  }

  // MARK: - Spreadsheets

  /// Each top-level `table:table` as "sheet: name", cells at their exact row and column; cell
  /// annotations (comments) gathered in one "comments" part after the sheets.
  static func spreadsheet(_ xml: [UInt8], limit: Int) -> [DocumentText] {
    var reader = XMLTextReader(xml)
    var result: [DocumentText] = []
    var sheet = SheetWalker(name: "", limit: limit)
    var comments = ProseWalker(limit: limit)
    var tableDepth = 0
    var annotationDepth = 0
    while let token = reader.next() {
      if annotationDepth > 0 {
        if case .start = token { annotationDepth += 1 } else if case .end = token { annotationDepth -= 1 }
        if annotationDepth > 0 { comments.feed(token) } else { comments.writer.lineBreak() }
        continue
      }
      switch token {
      case .start(let tag) where tag.localName == "annotation":
        annotationDepth = 1
        continue
      case .start(let tag) where tag.localName == "table":
        tableDepth += 1
        if tableDepth == 1 {
          sheet = SheetWalker(
            name: String(decoding: tag.attribute(local: "name") ?? [], as: UTF8.self), limit: limit)
          continue
        }
      case .end(let tag) where tag.localName == "table":
        tableDepth = max(0, tableDepth - 1)
        if tableDepth == 0 {
          result.append(sheet.finish())
          continue
        }
      default: break
      }
      if tableDepth > 0 { sheet.feed(token, nested: tableDepth > 1) }
    }
    if tableDepth > 0 { result.append(sheet.finish()) }
    result.append(DocumentText(part: "comments", text: comments.writer.finish(), isTable: false))
    return result
  }

  /// One sheet's rows and cells, repeats expanded within the caps.
  struct SheetWalker {
    let name: String
    private var writer: DocumentText.TableWriter
    /// Rows done so far; the open row is `row + 1`.
    private var row = 0
    private var rowRepeat = 1
    private var inRow = false
    /// Cells of the open row that have text: first column, repeat count, text.
    private var cells: [(column: Int, count: Int, text: [UInt8])] = []
    private var column = 0
    private var cellRepeat = 1
    private var inCell = false
    private var cellText: [UInt8] = []
    private var cellNumber: ArraySlice<UInt8>?
    private var paragraphs = 0
    private var paragraphDepth = 0
    private var copiesLeft = OpenDocumentExtractor.maxRepeatedCells

    init(name: String, limit: Int) {
      self.name = name
      writer = DocumentText.TableWriter(limit: limit)
    }

    /// A token inside the sheet; `nested` when inside a table within a cell, whose text joins
    /// that cell's.
    mutating func feed(_ token: XMLTextReader.Token, nested: Bool) {
      switch token {
      case .start(let tag), .selfClosing(let tag):
        var open = false
        if case .start = token { open = true }
        switch tag.localName {
        case "table-row" where !nested:
          let count = Self.repeatCount(tag.attribute(local: "number-rows-repeated"))
          if open {
            inRow = true
            rowRepeat = count
            column = 0
            cells.removeAll(keepingCapacity: true)
          } else {
            row += count
          }
        case "table-cell" where !nested, "covered-table-cell" where !nested:
          let count = Self.repeatCount(tag.attribute(local: "number-columns-repeated"))
          if open {
            inCell = true
            cellRepeat = count
            cellText.removeAll(keepingCapacity: true)
            paragraphs = 0
            paragraphDepth = 0
            let type = tag.attribute(local: "value-type").map { String(decoding: $0, as: UTF8.self) }
            cellNumber = type == "float" ? tag.attribute("office:value") : nil
          } else {
            column += count
          }
        case "p" where inCell, "h" where inCell:
          if open {
            if paragraphs > 0 { cellText.append(ASCII.space) }
            paragraphs += 1
            paragraphDepth += 1
          }
        case "s" where paragraphDepth > 0:
          let count = tag.attribute(local: "c").flatMap(OOXMLExtractor.decimal) ?? 1
          cellText.append(contentsOf: repeatElement(ASCII.space, count: min(max(count, 1), 64)))
        case "tab" where paragraphDepth > 0, "line-break" where paragraphDepth > 0:
          cellText.append(ASCII.space)
        case "table-row", "table-cell", "covered-table-cell":
          if paragraphDepth > 0 || inCell { cellText.append(ASCII.space) }
        default: break
        }
      case .end(let tag):
        switch tag.localName {
        case "p" where inCell, "h" where inCell: paragraphDepth = max(0, paragraphDepth - 1)
        case "table-cell" where !nested && inCell, "covered-table-cell" where !nested && inCell:
          inCell = false
          let text = cellNumber.map(DocumentText.plainNumber) ?? cellText
          if !text.isEmpty { cells.append((column, cellRepeat, text)) }
          column += cellRepeat
        case "table-row" where !nested && inRow:
          inRow = false
          endRow()
        default: break
        }
      case .comment: break  // not document text
      case .text(let text):
        if inCell, paragraphDepth > 0 { cellText.append(contentsOf: text) }
      }
    }

    /// Writes the open row's cells, once per repeat up to the caps; the row count moves by the
    /// full repeat either way.
    private mutating func endRow() {
      defer { row += rowRepeat }
      guard !cells.isEmpty else { return }
      for copy in 0..<min(rowRepeat, OpenDocumentExtractor.maxRepeat) {
        let r = row + 1 + copy
        guard r <= OOXMLExtractor.maxRows, !writer.isFull else { return }
        if copy > 0 {
          copiesLeft -= cells.count
          guard copiesLeft >= 0 else { return }
        }
        for cell in cells {
          for k in 0..<min(cell.count, OpenDocumentExtractor.maxRepeat) {
            let c = cell.column + k
            guard c < OOXMLExtractor.maxColumns else { break }
            if k > 0 {
              copiesLeft -= 1
              guard copiesLeft >= 0 else { break }
            }
            writer.put(row: r, column: c, cell.text)
          }
        }
      }
    }

    /// A repeat attribute's value, at least 1; absurd values are clamped (positions past the
    /// grid are dropped anyway).
    static func repeatCount(_ value: ArraySlice<UInt8>?) -> Int {
      guard let value else { return 1 }
      var n = 0
      for b in value where ASCII.isDigit(b) {
        n = min(n * 10 + Int(b - 0x30), OOXMLExtractor.maxRows + 1)
      }
      return max(1, n)
    }

    mutating func finish() -> DocumentText {
      if inRow {
        if inCell, !cellText.isEmpty || cellNumber != nil {
          let text = cellNumber.map(DocumentText.plainNumber) ?? cellText
          if !text.isEmpty { cells.append((column, cellRepeat, text)) }
        }
        endRow()
      }
      return DocumentText(part: "sheet: \(name)", text: writer.finish(), isTable: true)
    }
  }
}
