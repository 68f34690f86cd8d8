import BlastRadiusBase

/// Documents that are text only once parsed, recognised by their first bytes.
package enum DocumentKind: String, Sendable {
  case pdf, mail, html, xml
  /// An OLE2 compound file: legacy Word, Excel, PowerPoint, an Outlook message, or an encrypted
  /// Office file; which one is decided by its streams (`CompoundDocument`).
  case compound = "ole2"
  /// An Outlook store (PST, OST, PAB), read through libpff (`OutlookStore`).
  case outlook = "pst"

  package static func sniff(_ head: UnsafeRawBufferPointer) -> DocumentKind? {
    if head.count >= 8, head.prefix(8).elementsEqual(CompoundFile.magic) { return .compound }
    if head.count >= 4, head.prefix(4).elementsEqual(OutlookStore.magic) { return .outlook }
    if PDFTextExtractor.looksLikePDF(head) { return .pdf }
    let sample = Array(head.prefix(4096))
    if MailParser.looksLikeMail(sample) { return .mail }
    if isHTML(sample) { return .html }
    if startsAfterSpace(sample, with: "<?xml") { return .xml }
    return nil
  }

  /// Whether `b` begins with `prefix` (in any case) after a UTF-8 BOM and white space.
  static func startsAfterSpace(_ b: [UInt8], with prefix: String) -> Bool {
    var i = 0
    if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
    while i < b.count,
      b[i] == ASCII.space || b[i] == ASCII.newline || b[i] == ASCII.carriageReturn || b[i] == ASCII.tab
    {
      i += 1
    }
    return b[i...].prefix(prefix.utf8.count).map(ASCII.lower).elementsEqual(prefix.utf8)
  }

  /// `<!DOCTYPE html` or `<html` first, after a BOM and white space, in any case.
  static func isHTML(_ b: [UInt8]) -> Bool {
    startsAfterSpace(b, with: "<!doctype html") || startsAfterSpace(b, with: "<html")
  }
}
