/// The readable text of HTML and of generic XML, for the matcher.
///
/// Markup would hide data from it: an SSN split across `<td>` cells, typed into
/// `<input value=…>`, or sitting in an XML attribute never looks like one in raw bytes.
package enum MarkupText {
  /// Text of an HTML page: block elements break lines, a table row is one line with its cells
  /// joined by "\t", entities are decoded. `<script>` bodies (JSON data islands, inline data) and
  /// comments are read as lines of their own, since pages hide data there; `<style>` bodies are
  /// dropped. Attribute
  /// values that often carry data (`value`, `title`, `alt`, `content`, `href`, `placeholder`,
  /// `label`, `data-*`) follow as lines of their own once the line (or table row) they appear in
  /// ends, so rows keep their cells.
  package static func html(_ bytes: [UInt8], limit: Int = DocumentText.defaultLimit) -> [UInt8] {
    var reader = XMLTextReader(bytes, html: true)
    var writer = DocumentText.ProseWriter(limit: limit)
    var tables = TableStack()
    var deferred: [ArraySlice<UInt8>] = []
    var dropDepth = 0
    while let token = reader.next() {
      switch token {
      case .start(let tag), .selfClosing(let tag):
        var open = false
        if case .start = token { open = true }
        for attribute in tag.attributes where isDataAttribute(attribute.name) {
          let value = attribute.value
          if !value.isEmpty, deferred.last != value { deferred.append(value) }
        }
        let name = tag.localName
        switch name {
        case "style":
          if open { dropDepth += 1 }
        case "script":
          writer.lineBreak()
        case "br": writer.lineBreak()
        case "table":
          writer.lineBreak()
          if open { tables.open() }
        case "tr":
          tables.beginRow(&writer)
          if !open { tables.endRow(&writer) }
        case "td", "th":
          tables.beginCell(&writer)
          if !open { tables.endCell(&writer) }
        default:
          if blocks.contains(name) { writer.lineBreak() }
        }
      case .end(let tag):
        let name = tag.localName
        switch name {
        case "style": dropDepth = max(0, dropDepth - 1)
        case "script": writer.lineBreak()
        case "td", "th": tables.endCell(&writer)
        case "tr": tables.endRow(&writer)
        case "table":
          tables.close(&writer)
          writer.lineBreak()
        default:
          if blocks.contains(name) { writer.lineBreak() }
        }
      case .text(let text):
        if dropDepth == 0 { writer.text(text) }
      case .comment(let text):
        writer.lineBreak()
        writer.text(text)
        writer.lineBreak()
      }
      if !deferred.isEmpty, !writer.inRow, writer.lineIsEmpty {
        for value in deferred { writer.line(value) }
        deferred.removeAll(keepingCapacity: true)
      }
    }
    tables.closeAll(&writer)
    writer.lineBreak()
    for value in deferred { writer.line(value) }
    return writer.finish()
  }

  /// Text of generic XML: every text node and every attribute value (namespace declarations
  /// aside), one per line, in document order.
  package static func xml(_ bytes: [UInt8], limit: Int = DocumentText.defaultLimit) -> [UInt8] {
    var reader = XMLTextReader(bytes)
    var writer = DocumentText.ProseWriter(limit: limit)
    while let token = reader.next() {
      switch token {
      case .start(let tag), .selfClosing(let tag):
        for attribute in tag.attributes {
          let name = attribute.name
          if XMLTextReader.Byte.equal(name, "xmlns") || XMLTextReader.Byte.equal(name.prefix(6), "xmlns:") {
            continue
          }
          writer.line(attribute.value)
        }
      case .text(let text), .comment(let text): writer.line(text)
      case .end: break
      }
    }
    return writer.finish()
  }

  /// Elements that start a new line, besides tables, rows, cells and `br`.
  static let blocks: Set<String> = [
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6",
    "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "optgroup",
    "option",
    "p", "pre", "section", "select", "summary", "tbody", "textarea", "tfoot", "thead", "title", "ul",
  ]

  static func isDataAttribute(_ name: ArraySlice<UInt8>) -> Bool {
    for known in ["value", "title", "alt", "content", "href", "placeholder", "label"]
    where XMLTextReader.Byte.equal(name, known, ignoringCase: true) {
      return true
    }
    return name.count > 5 && XMLTextReader.Byte.equal(name.prefix(5), "data-", ignoringCase: true)
  }

  /// Open tables, each with whether a row and a cell are open: HTML lets `</td>` and `</tr>` be
  /// left out, so a new cell or row closes the previous one.
  struct TableStack {
    private var stack: [(row: Bool, cell: Bool)] = []

    mutating func open() { stack.append((false, false)) }

    mutating func beginRow(_ writer: inout DocumentText.ProseWriter) {
      if stack.isEmpty { open() }
      endRow(&writer)
      writer.beginRow()
      stack[stack.count - 1].row = true
    }

    mutating func beginCell(_ writer: inout DocumentText.ProseWriter) {
      if stack.isEmpty { open() }
      if !stack[stack.count - 1].row { beginRow(&writer) }
      endCell(&writer)
      writer.beginCell()
      stack[stack.count - 1].cell = true
    }

    mutating func endCell(_ writer: inout DocumentText.ProseWriter) {
      guard let top = stack.last, top.cell else { return }
      writer.endCell()
      stack[stack.count - 1].cell = false
    }

    mutating func endRow(_ writer: inout DocumentText.ProseWriter) {
      endCell(&writer)
      guard let top = stack.last, top.row else { return }
      writer.endRow()
      stack[stack.count - 1].row = false
    }

    mutating func close(_ writer: inout DocumentText.ProseWriter) {
      endRow(&writer)
      if !stack.isEmpty { stack.removeLast() }
    }

    mutating func closeAll(_ writer: inout DocumentText.ProseWriter) {
      while !stack.isEmpty { close(&writer) }
    }
  }
}
