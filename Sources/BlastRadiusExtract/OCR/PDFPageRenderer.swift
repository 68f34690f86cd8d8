import CPoppler

/// Renders PDF pages to grey images for OCR, through poppler-glib and cairo, one page at a time:
/// a scanned page has no text layer, only the picture of one.
package enum PDFPageRenderer {
  /// Pixels per inch pages are rendered at: what tesseract reads best, and what scanners use.
  package static let resolution = 300

  /// Calls `body` with each page of `pages` (0-based indices) of the PDF in `data`, rendered at
  /// `resolution`, until it returns false. Returns why the document could not be opened, if so.
  @discardableResult
  package static func render(
    _ data: [UInt8], pages: [Int], maxPixels: Int, _ body: (Int, PageImage) -> Bool
  ) -> PDFResult? {
    PDFTextExtractor.withDocument(data, failed: { $0 }) { document in
      for index in pages {
        let page: PageImage
        if let handle = poppler_document_get_page(document, Int32(index)) {
          page = render(handle, maxPixels: maxPixels)
          g_object_unref(UnsafeMutableRawPointer(handle))
        } else {
          page = .damaged("pdf: page \(index + 1) cannot be read")
        }
        if !body(index, page) { break }
      }
      return nil
    }
  }

  static func render(_ page: OpaquePointer, maxPixels: Int) -> PageImage {
    var widthPoints = 0.0
    var heightPoints = 0.0
    poppler_page_get_size(page, &widthPoints, &heightPoints)
    let scale = Double(resolution) / 72
    // Multiplied before dividing, so that 792 points make 3300 pixels, not 3300.0000000000005.
    let (w, h) = (widthPoints * Double(resolution) / 72, heightPoints * Double(resolution) / 72)
    guard w >= 1, h >= 1 else { return .damaged("pdf: page has no size") }
    // Cairo's image surfaces stop at 32767 pixels a side (checked before converting: a hostile
    // size could be too large for an Int).
    guard w <= 32767, h <= 32767 else { return .tooLarge(width: Int(min(w, 1e9)), height: Int(min(h, 1e9))) }
    let width = Int(w.rounded(.up))
    let height = Int(h.rounded(.up))
    guard width * height <= maxPixels else { return .tooLarge(width: width, height: height) }
    // Cairo returns an error surface rather than none: it is destroyed like any other.
    guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
      return .damaged("pdf: no memory for a \(width) × \(height) page")
    }
    defer { cairo_surface_destroy(surface) }
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
      return .damaged("pdf: no memory for a \(width) × \(height) page")
    }
    let cairo = cairo_create(surface)
    // Pages are drawn on nothing: paint them white first, as paper is.
    cairo_set_source_rgb(cairo, 1, 1, 1)
    cairo_paint(cairo)
    cairo_scale(cairo, scale, scale)
    poppler_page_render(page, cairo)
    cairo_destroy(cairo)
    cairo_surface_flush(surface)
    guard let pixels = cairo_image_surface_get_data(surface) else {
      return .damaged("pdf: the page could not be rendered")
    }
    let stride = Int(cairo_image_surface_get_stride(surface))
    let image = OCRImage.gray(width: width, height: height, resolution: resolution) { y, row in
      // RGB24 keeps each pixel in a native 32-bit word, 0x00RRGGBB.
      let words = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
      for x in 0..<width {
        let p = words[x]
        let luma = 77 * ((p >> 16) & 0xFF) + 150 * ((p >> 8) & 0xFF) + 29 * (p & 0xFF)
        row[x] = UInt8(truncatingIfNeeded: luma >> 8)
      }
    }
    guard let image else { return .damaged("pdf: no memory for a \(width) × \(height) page") }
    return .image(image)
  }
}
