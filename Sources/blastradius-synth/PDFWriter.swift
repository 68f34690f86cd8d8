/// Writes a PDF 1.4 of text pages in the standard Helvetica fonts: objects numbered in order, one uncompressed
/// content stream per page, and a cross-reference table of computed byte offsets.
///
/// Layout: 1 catalog, 2 page tree, 3 Helvetica, 4 Helvetica-Bold, 5 document information, then per page its page
/// object and its content stream. Text is ASCII; `(`, `)` and `\` are escaped in strings.
struct PDFWriter {
  struct Line {
    var text: String
    var bold = false
    /// Points; body text is 10.
    var size = 10
  }

  var title: String
  /// `D:20240305091500Z`-style date of the information dictionary.
  var created: String
  private var pages: [[Line]] = []

  /// Lines per page at 13-point leading between the top and bottom margins.
  static let linesPerPage = 52

  init(title: String, created: String) {
    self.title = title
    self.created = created
  }

  mutating func addPage(_ lines: [Line]) {
    precondition(lines.count <= Self.linesPerPage + 2, "page too long")
    pages.append(lines)
  }

  /// A string literal's content: backslash and parentheses escaped.
  static func escape(_ text: String) -> String {
    guard text.contains(where: { $0 == "\\" || $0 == "(" || $0 == ")" }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for character in text {
      if character == "\\" || character == "(" || character == ")" { out.append("\\") }
      out.append(character)
    }
    return out
  }

  static func contentStream(_ lines: [Line], pageNumber: Int, pageCount: Int) -> String {
    var stream = "BT\n13 TL\n72 740 Td\n"
    var font = ""
    for line in lines {
      let wanted = "/\(line.bold ? "F2" : "F1") \(line.size) Tf"
      if wanted != font {
        stream += wanted + "\n"
        font = wanted
      }
      stream += line.text.isEmpty ? "T*\n" : "(\(escape(line.text))) Tj T*\n"
    }
    stream += "ET\nBT\n/F1 8 Tf\n500 40 Td\n(Page \(pageNumber) of \(pageCount)) Tj\nET\n"
    return stream
  }

  func bytes() -> [UInt8] {
    var out: [UInt8] = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
    var offsets: [Int] = []
    func object(_ body: String) {
      offsets.append(out.count)
      out += Array("\(offsets.count) 0 obj\n\(body)\nendobj\n".utf8)
    }
    let firstPage = 6
    let kids = (0..<pages.count).map { "\(firstPage + 2 * $0) 0 R" }.joined(separator: " ")
    object("<< /Type /Catalog /Pages 2 0 R >>")
    object("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
    object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    object(
      "<< /Title (\(Self.escape(title))) /Producer (blastradius-synth) /CreationDate (\(created)) /ModDate (\(created)) >>"
    )
    for (index, lines) in pages.enumerated() {
      let content = firstPage + 2 * index + 1
      object(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
          + "/Contents \(content) 0 R >>")
      let stream = Self.contentStream(lines, pageNumber: index + 1, pageCount: pages.count)
      object("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)endstream")
    }
    let xref = out.count
    var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { table += digits(offset, 10) + " 00000 n \n" }
    table += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    out += Array(table.utf8)
    return out
  }
}
