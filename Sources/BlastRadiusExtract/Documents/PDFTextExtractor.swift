import CPoppler
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Text of a PDF through poppler-glib, held in memory: the scanner reads the file (or the archive
/// member) itself, so poppler never opens a path.
///
/// Each call opens its own `PopplerDocument` and releases it before returning, so calls from
/// several tasks at once share nothing but poppler's reference-counted global parameters.
package enum PDFTextExtractor {
  /// Whether bytes start like a PDF ("%PDF-" within the first 1024 bytes).
  ///
  /// Not only at offset 0: readers accept junk before the header (mail headers, a BOM), and so
  /// must we, or such files would go unscanned.
  package static func looksLikePDF(_ head: UnsafeRawBufferPointer) -> Bool {
    let magic: [UInt8] = [0x25, 0x50, 0x44, 0x46, 0x2D]  // "%PDF-"
    let end = min(head.count, 1024)
    guard end >= magic.count else { return false }
    for start in 0...(end - magic.count) where head[start] == magic[0] {
      var matched = true
      for k in 1..<magic.count where head[start + k] != magic[k] {
        matched = false
        break
      }
      if matched { return true }
    }
    return false
  }

  /// Text of every page of the PDF in `data` (the whole file in memory), or why there is none.
  package static func extract(_ data: [UInt8]) -> PDFResult {
    withDocument(data, failed: { $0 }, pages(of:))
  }

  /// Opens the PDF in `data` and gives the document to `body`, or why it cannot be opened to
  /// `failed` (`.encrypted` or `.damaged`). The document lives only during `body`.
  static func withDocument<R>(
    _ data: [UInt8], failed: (PDFResult) -> R, _ body: (OpaquePointer) -> R
  ) -> R {
    _ = quietLog
    return data.withUnsafeBufferPointer { buffer in
      // No copy: poppler borrows the buffer, and every reference to it (the document, its
      // pages) is released before this closure returns.
      guard let bytes = g_bytes_new_static(buffer.baseAddress, gsize(buffer.count)) else {
        return failed(.damaged("cannot wrap the data"))
      }
      defer { g_bytes_unref(bytes) }
      var error: UnsafeMutablePointer<GError>?
      guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
        return failed(failure(error))
      }
      if let error { g_error_free(error) }  // not expected with a document, but never leaked
      defer { g_object_unref(UnsafeMutableRawPointer(document)) }
      return body(document)
    }
  }

  /// Every page's text; a page poppler cannot give is empty rather than failing the document.
  static func pages(of document: OpaquePointer) -> PDFResult {
    let count = Int(poppler_document_get_n_pages(document))
    var texts: [[UInt8]] = []
    texts.reserveCapacity(count)
    var anyText = false
    for index in 0..<count {
      let text = pageText(document, index)
      if text.contains(where: { !isBlank($0) }) { anyText = true }
      texts.append(text)
    }
    return anyText ? .pages(texts) : .noTextLayer(pageCount: count)
  }

  static func pageText(_ document: OpaquePointer, _ index: Int) -> [UInt8] {
    guard let page = poppler_document_get_page(document, Int32(index)) else { return [] }
    defer { g_object_unref(UnsafeMutableRawPointer(page)) }
    guard let text = poppler_page_get_text(page) else { return [] }
    defer { g_free(text) }
    let length = strlen(text)
    return text.withMemoryRebound(to: UInt8.self, capacity: length) {
      Array(UnsafeBufferPointer(start: $0, count: length))
    }
  }

  /// Whitespace only (a scanned page may still carry a stray space or line break) counts as no text.
  package static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C
  }

  /// The result for a document poppler would not open; frees `error`.
  static func failure(_ error: UnsafeMutablePointer<GError>?) -> PDFResult {
    guard let error else { return .damaged("poppler gave no reason") }
    defer { g_error_free(error) }
    if error.pointee.domain == poppler_error_quark(),
      error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue)
    {
      return .encrypted
    }
    guard let message = error.pointee.message else { return .damaged("poppler gave no reason") }
    return .damaged(String(cString: message))
  }

  /// poppler-glib reports every syntax error of a broken file to GLib's log, domain "Poppler",
  /// at level INFO (printed when G_MESSAGES_DEBUG is set), and a few oddities at WARNING. A scan
  /// of thousands of files must not spill them on the terminal, and the outcome is in the result
  /// anyway. CRITICAL stays audible: there it means this file misused the API. Installed once.
  static let quietLog: Void = {
    let levels =
      G_LOG_LEVEL_WARNING.rawValue | G_LOG_LEVEL_MESSAGE.rawValue | G_LOG_LEVEL_INFO.rawValue
      | G_LOG_LEVEL_DEBUG.rawValue
    _ = g_log_set_handler("Poppler", GLogLevelFlags(rawValue: levels), { _, _, _, _ in }, nil)
  }()
}

/// What a PDF yielded.
package enum PDFResult: Sendable, Equatable {
  /// Page texts in order (page 1 first), UTF-8, lines separated by "\n".
  case pages([[UInt8]])
  /// Password-protected: nothing could be read.
  case encrypted
  /// Opened, but no page has a text layer (scanned images): must be reported, never passed silently.
  case noTextLayer(pageCount: Int)
  /// Not a readable PDF: poppler's message.
  case damaged(String)
}
