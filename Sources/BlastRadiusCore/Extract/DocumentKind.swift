/// Documents that are text only once parsed, recognised by their first bytes.
package enum DocumentKind: String, Sendable {
  case pdf, mail, html

  package static func sniff(_ head: UnsafeRawBufferPointer) -> DocumentKind? {
    if PDFTextExtractor.looksLikePDF(head) { return .pdf }
    let sample = Array(head.prefix(4096))
    if MailParser.looksLikeMail(sample) { return .mail }
    if isHTML(sample) { return .html }
    return nil
  }

  /// `<!DOCTYPE html` or `<html` first, after a BOM and white space, in any case.
  static func isHTML(_ b: [UInt8]) -> Bool {
    var i = 0
    if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
    while i < b.count, b[i] == ASCII.space || b[i] == ASCII.newline || b[i] == ASCII.carriageReturn || b[i] == ASCII.tab {
      i += 1
    }
    let rest = b[i...].prefix(14).map(ASCII.lower)
    return rest.starts(with: Array("<!doctype html".utf8)) || rest.starts(with: Array("<html".utf8))
  }
}
