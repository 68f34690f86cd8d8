import BlastRadiusBase
import BlastRadiusExtract

/// OCR (`--ocr`): images and PDF pages without a text layer are read by tesseract, and the text
/// goes through the detectors like any other, placed on its page, its findings marked `ocr`.
/// Without `--ocr` an image is counted as skipped (`image`), never passed over silently.
extension ScanWorker {
  /// An image (its first bytes in `head`): OCR'd with `--ocr`, else counted as skipped. Returns
  /// nil when the item should be read on as bytes (`--binary` without `--ocr`), else whether
  /// the scan of the file on disk goes on.
  func scanImage(
    _ kind: ImageKind, head: UnsafeRawBufferPointer, eof: Bool, source: inout some ByteSource,
    place: ItemPlace, depth: Int, budget: inout ExtractionBudget, findings: inout Int
  ) -> Bool? {
    guard options.ocr else {
      fileTally?.skipped("image")
      skippedFormat()
      if options.scanBinary { return nil }
      return depth == 0 || drain(&source, place: place, already: head.count, atEnd: eof, budget: &budget)
    }
    var rest = PrefixedSource(prefix: Array(head), source: source)
    let bytes: [UInt8]
    switch readWhole(&rest, place: place, budget: &budget) {
    case .stopped:
      return false
    case .tooLarge:
      report(
        ScanIssue(
          code: .limitExceeded,
          message:
            "\(kind.rawValue) image larger than \(options.limits.maxDocumentBytes) bytes was not read (--max-document-bytes)",
          path: place.path, within: place.within))
      return true
    case .complete(let whole):
      bytes = whole
    }
    opened(kind.rawValue, place: place)
    let limits = options.limits
    return readPages(place: place, depth: depth, budget: &budget, findings: &findings) { body in
      ImageDecoder.pages(
        bytes, kind: kind, maxPixels: limits.maxImagePixels, maxPages: limits.maxMembers, body)
    }
  }

  /// Renders the PDF pages `pages` (0-based) of `bytes` and OCRs them. Returns whether the scan
  /// of the file on disk goes on.
  func scanPDFPages(
    _ bytes: [UInt8], pages: [Int], place: ItemPlace, depth: Int, budget: inout ExtractionBudget,
    findings: inout Int
  ) -> Bool {
    var failure: PDFResult?
    // As many pages as a TIFF may have: past them, the same error record.
    let limit = options.limits.maxMembers
    let keepGoing = readPages(place: place, depth: depth, budget: &budget, findings: &findings) { body in
      var going = true
      failure = PDFPageRenderer.render(
        bytes, pages: Array(pages.prefix(limit)), maxPixels: options.limits.maxImagePixels
      ) { index, page in
        going = body(index, page)
        return going
      }
      if going, pages.count > limit { _ = body(pages[limit], .pageLimit) }
    }
    // The text extractor opened this document a moment ago; failing now is not expected.
    if case .damaged(let message) = failure {
      report(ScanIssue(code: .corrupt, message: "pdf: \(message)", path: place.path, within: place.within))
    }
    return keepGoing
  }

  /// OCRs each page `produce` decodes or renders (it calls its argument per page, in order, and
  /// stops when that returns false), and scans the text of each on its page.
  func readPages(
    place: ItemPlace, depth: Int, budget: inout ExtractionBudget, findings: inout Int,
    _ produce: ((Int, PageImage) -> Bool) -> Void
  ) -> Bool {
    guard let engine = engine(for: place) else { return true }
    var keepGoing = true
    var started = MonotonicClock.now()
    produce { index, page in
      let pagePlace = place.with(page: index + 1)
      switch page {
      case .image(let image):
        keepGoing = read(
          image, engine: engine, started: started, place: pagePlace, depth: depth, budget: &budget,
          findings: &findings)
      case .tooLarge(let width, let height):
        report(
          ScanIssue(
            code: .limitExceeded,
            message:
              "page \(index + 1) is \(width) × \(height) pixels, more than \(options.limits.maxImagePixels); not read (--max-image-pixels)",
            path: place.path, within: place.within))
      case .damaged(let message):
        report(ScanIssue(code: .corrupt, message: message, path: place.path, within: place.within))
      case .pageLimit:
        report(
          ScanIssue(
            code: .limitExceeded,
            message: "more than \(options.limits.maxMembers) pages; the rest were not read (--max-members)",
            path: place.path, within: place.within))
      }
      started = MonotonicClock.now()
      return keepGoing
    }
    return keepGoing
  }

  /// OCRs one page decoded or rendered since `started`, and scans its text.
  func read(
    _ image: OCRImage, engine: OCREngine, started: Double, place: ItemPlace, depth: Int,
    budget: inout ExtractionBudget, findings: inout Int
  ) -> Bool {
    let seconds = options.limits.ocrSecondsPerPage
    let outcome = engine.read(image, seconds: seconds)
    fileTally?.ocred(seconds: MonotonicClock.now() - started)
    switch outcome {
    case .text(let text):
      var textPlace = place
      textPlace.ocr = true
      return scanText(text, place: textPlace, depth: depth, budget: &budget, findings: &findings)
    case .timedOut:
      report(
        ScanIssue(
          code: .limitExceeded,
          message:
            "OCR of page \(place.page ?? 1) took more than \(seconds) s and was stopped (--ocr-timeout)",
          path: place.path, within: place.within))
    case .failed(let message):
      report(
        ScanIssue(
          code: .corrupt, message: "page \(place.page ?? 1): \(message)", path: place.path,
          within: place.within))
    }
    return true
  }

  /// This thread's tesseract, made on first use; when it cannot be made (no language data),
  /// each item that needed it says so.
  func engine(for place: ItemPlace) -> OCREngine? {
    if ocrEngine == nil {
      do throws(OCRUnavailable) { ocrEngine = .success(try OCREngine()) } catch {
        ocrEngine = .failure(error)
      }
    }
    switch ocrEngine! {
    case .success(let engine):
      return engine
    case .failure(let error):
      report(
        ScanIssue(
          code: .unsupported, message: "not OCR'd: \(error.message)", path: place.path, within: place.within))
      return nil
    }
  }
}
