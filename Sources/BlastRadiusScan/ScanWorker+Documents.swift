import BlastRadiusBase
import BlastRadiusExtract

/// Documents: PDFs, mail and HTML files, and Office parts are parsed whole (within the limits),
/// and what they hold goes back through `scanItem` as items of their own: page texts, sheet
/// tables, message bodies, attachments.
extension ScanWorker {
  /// What reading a whole item gave.
  enum WholeRead {
    case complete([UInt8])
    /// Larger than `--max-document-bytes`: the bytes read so far; the source holds the rest.
    case tooLarge([UInt8])
    /// A limit stopped the whole file on disk (already reported).
    case stopped
  }

  /// Reads a whole item into memory, counting it against the budget and the document limit.
  func readWhole(_ source: inout some ByteSource, place: ItemPlace, budget: inout ExtractionBudget)
    -> WholeRead
  {
    var bytes: [UInt8] = []
    while true {
      let n: Int
      let eof: Bool
      do {
        (n, eof) = try fill(&source, wideBuffer, options.chunkSize)
      } catch {
        report(error.issue)
        return .complete(bytes)
      }
      bytes.append(contentsOf: UnsafeRawBufferPointer(start: wideBuffer, count: n))
      if place.within.count > 0, let over = budget.expand(n, memberBytes: bytes.count), over.wholeFile {
        report(ScanIssue(code: .limitExceeded, message: over.message, path: place.path, within: place.within))
        return .stopped
      }
      if eof { return .complete(bytes) }
      if bytes.count > options.limits.maxDocumentBytes { return .tooLarge(bytes) }
    }
  }

  /// Reads a document whole and parses it; one too large to parse is scanned as plain text
  /// (a PDF is not: its text is compressed, so that is an error record instead).
  func scanDocument(
    _ kind: DocumentKind, source: inout some ByteSource, place: ItemPlace, depth: Int,
    budget: inout ExtractionBudget, findings: inout Int
  ) -> Bool {
    if kind == .outlook, place.within.isEmpty, descriptor >= 0 {
      return scanOutlook(
        OutlookStore.open(descriptor: descriptor, limits: options.limits), place: place, depth: depth,
        budget: &budget, findings: &findings)
    }
    switch readWhole(&source, place: place, budget: &budget) {
    case .stopped:
      return false
    case .complete(let bytes):
      return scanDocument(kind, bytes, place: place, depth: depth, budget: &budget, findings: &findings)
    case .tooLarge(let partial):
      let limit = options.limits.maxDocumentBytes
      if kind == .pdf || kind == .mail || kind == .compound || kind == .outlook {
        let message =
          switch kind {
          case .pdf: "PDF larger than \(limit) bytes was not parsed (--max-document-bytes)"
          case .compound:
            "OLE2 compound file larger than \(limit) bytes was not parsed (--max-document-bytes)"
          case .outlook:
            "Outlook store inside another file larger than \(limit) bytes was not read (--max-document-bytes)"
          default:
            "mail larger than \(limit) bytes was scanned as plain text; attachments were not decoded (--max-document-bytes)"
          }
        report(ScanIssue(code: .limitExceeded, message: message, path: place.path, within: place.within))
        // Neither a PDF's, a compound file's nor a store's text can be read without parsing.
        if kind != .mail { return true }
      }
      var rest = PrefixedSource(prefix: partial, source: source)
      return scanItem(
        &rest, place: place, depth: depth, budget: &budget, findings: &findings, extracted: true)
    }
  }

  /// Extracted text, scanned like a file at `place`.
  func scanText(
    _ text: [UInt8], place: ItemPlace, depth: Int, budget: inout ExtractionBudget, findings: inout Int
  ) -> Bool {
    guard !text.isEmpty else { return true }
    var source = MemorySource(text)
    return scanItem(
      &source, place: place, depth: depth + 1, budget: &budget, findings: &findings, extracted: true)
  }

  func scanDocument(
    _ kind: DocumentKind, _ bytes: [UInt8], place: ItemPlace, depth: Int, budget: inout ExtractionBudget,
    findings: inout Int
  ) -> Bool {
    guard !bytes.isEmpty else { return true }
    switch kind {
    case .pdf:
      opened("pdf", place: place)
      switch PDFTextExtractor.extract(bytes) {
      case .pages(let pages):
        for (index, page) in pages.enumerated() {
          let pagePlace = place.with(page: index + 1)
          if !scanText(page, place: pagePlace, depth: depth, budget: &budget, findings: &findings) {
            return false
          }
        }
        // With --ocr, pages without text (scanned among typed ones) are read from their image.
        let blank = options.ocr ? pages.indices.filter { pages[$0].allSatisfy(PDFTextExtractor.isBlank) } : []
        if !blank.isEmpty {
          return scanPDFPages(
            bytes, pages: blank, place: place, depth: depth, budget: &budget, findings: &findings)
        }
      case .encrypted:
        report(
          ScanIssue(
            code: .encrypted, message: "encrypted PDF was not read", path: place.path, within: place.within))
      case .noTextLayer(let count):
        if options.ocr {
          return scanPDFPages(
            bytes, pages: Array(0..<count), place: place, depth: depth, budget: &budget, findings: &findings)
        }
        report(
          ScanIssue(
            code: .noText, message: "PDF has no text layer on any of its \(count) page(s) (scanned images?)",
            path: place.path, within: place.within))
      case .damaged(let message):
        report(ScanIssue(code: .corrupt, message: "pdf: \(message)", path: place.path, within: place.within))
      }
      return true
    case .html:
      opened("html", place: place)
      return scanText(
        MarkupText.html(bytes), place: place, depth: depth, budget: &budget, findings: &findings)
    case .xml:
      opened("xml", place: place)
      return scanText(MarkupText.xml(bytes), place: place, depth: depth, budget: &budget, findings: &findings)
    case .compound:
      return scanCompound(bytes, place: place, depth: depth, budget: &budget, findings: &findings)
    case .outlook:
      return scanOutlook(
        OutlookStore.open(bytes: bytes, limits: options.limits), place: place, depth: depth, budget: &budget,
        findings: &findings)
    case .mail:
      let isMbox = bytes.starts(with: Array("From ".utf8))
      opened(isMbox ? "mbox" : "eml", place: place)
      let messages = isMbox ? MailParser.messages(mbox: bytes) : [bytes[...]]
      for (index, raw) in messages.enumerated() {
        let messagePlace = isMbox ? place.appending("message \(index + 1)") : place
        let message = MailParser.parse(raw, limits: MailLimits())
        for problem in message.problems {
          let code: ScanIssue.Code =
            switch problem {
            case .damaged: .corrupt
            case .limit: .limitExceeded
            }
          report(
            ScanIssue(
              code: code, message: "mail: \(problem.message)", path: place.path, within: messagePlace.within))
        }
        if !scanText(
          message.headers, place: messagePlace.appending("headers"), depth: depth, budget: &budget,
          findings: &findings)
        {
          return false
        }
        for body in message.bodies {
          let text = body.isHTML ? MarkupText.html(body.text) : body.text
          if !scanText(
            text, place: messagePlace.appending("body"), depth: depth, budget: &budget, findings: &findings)
          {
            return false
          }
        }
        for attachment in message.attachments {
          var source = MemorySource(attachment.bytes)
          let attachmentPlace = messagePlace.appending("attachment: \(attachment.name)")
          if !scanItem(
            &source, place: attachmentPlace, depth: depth + 1, budget: &budget, findings: &findings)
          {
            return false
          }
        }
      }
      return true
    }
  }

  /// Extracts the text of an Office or OpenDocument file from its parts; parts of anything else
  /// (a zip that only looks like one) are scanned as members.
  func scanOffice(
    _ office: OfficeParts, place: ItemPlace, depth: Int, budget: inout ExtractionBudget, findings: inout Int
  ) -> Bool {
    var texts: [DocumentText] = []
    if let kind = OOXMLExtractor.kind(partNames: office.names) {
      opened(String(describing: kind), place: place)
      texts = OOXMLExtractor.extract(kind, parts: office.parts)
    } else if let mimetype = office.parts["mimetype"],
      let kind = OpenDocumentExtractor.kind(mimetype: mimetype)
    {
      opened(String(describing: kind), place: place)
      texts = OpenDocumentExtractor.extract(kind, parts: office.parts)
    } else {
      for name in office.names {
        var source = MemorySource(office.parts[name]!)
        if !scanItem(
          &source, place: place.appending(name), depth: depth + 1, budget: &budget, findings: &findings)
        {
          return false
        }
      }
      return true
    }
    return scanTexts(texts, place: place, depth: depth, budget: &budget, findings: &findings)
  }

  /// Scans the text parts of a document: a sheet at `place` as that sheet's table, any other
  /// part as the member of `place` it names.
  func scanTexts(
    _ texts: [DocumentText], place: ItemPlace, depth: Int, budget: inout ExtractionBudget, findings: inout Int
  ) -> Bool {
    for var text in texts {
      // Sheets are read as tab-separated rows whose quotes would start quoted fields: a cell
      // like `5" screen` must not shift the columns after it.
      if text.isTable {
        for i in text.text.indices where text.text[i] == ASCII.quote { text.text[i] = 0x27 }
      }
      let partPlace =
        text.isTable && text.part.hasPrefix("sheet: ")
        ? place.with(sheet: String(text.part.dropFirst("sheet: ".count)))
        : place.appending(text.part)
      if !scanText(text.text, place: partPlace, depth: depth, budget: &budget, findings: &findings) {
        return false
      }
    }
    return true
  }
}
