import CPoppler
import Foundation

/// "Scans" a typed form for the sample share: the form is typeset as a PDF page (Helvetica 12 pt),
/// rendered by poppler through cairo at 300 dpi, cropped to the form's height, and saved as a PNG
/// and as an image-only PDF (cairo's PDF surface painting that image, with no text layer), the
/// two shapes in which paper reaches a file share. Without OCR neither holds readable text.
final class ScannedFormRenderer {
  struct RenderError: Error, CustomStringConvertible {
    var description: String
  }

  static let dpi = 300.0

  /// The page as pixels: a cairo image surface of `lines` typed at the top of a letter page,
  /// `heightPoints` tall.
  let surface: OpaquePointer

  init(lines: [String], heightPoints: Double) throws {
    var pdf = PDFWriter(title: "Scanned form", created: "D:20141124090000Z")
    pdf.addPage(lines.map { PDFWriter.Line(text: $0, size: 12) })
    let data = pdf.bytes()
    let bytes = data.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
    defer { g_bytes_unref(bytes) }
    var error: UnsafeMutablePointer<GError>?
    guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
      defer { g_error_free(error) }
      throw RenderError(description: "poppler: " + (error.map { String(cString: $0.pointee.message) } ?? "?"))
    }
    defer { g_object_unref(UnsafeMutableRawPointer(document)) }
    guard let page = poppler_document_get_page(document, 0) else { throw RenderError(description: "no page") }
    defer { g_object_unref(UnsafeMutableRawPointer(page)) }
    var width = 0.0
    var height = 0.0
    poppler_page_get_size(page, &width, &height)
    let scale = Self.dpi / 72
    guard
      let surface = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, Int32(width * scale), Int32(heightPoints * scale))
    else { throw RenderError(description: "cairo could not make the image") }
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
      cairo_surface_destroy(surface)
      throw RenderError(description: "cairo could not make the image")
    }
    let cairo = cairo_create(surface)
    cairo_set_source_rgb(cairo, 1, 1, 1)
    cairo_paint(cairo)
    cairo_scale(cairo, scale, scale)
    poppler_page_render(page, cairo)
    cairo_destroy(cairo)
    cairo_surface_flush(surface)
    self.surface = surface
  }

  deinit { cairo_surface_destroy(surface) }

  /// The scan as a PNG.
  func png() throws -> [UInt8] {
    try Self.collect { write, closure in cairo_surface_write_to_png_stream(surface, write, closure) }
  }

  /// The scan as a one-page PDF holding only the image, at its true size (`dpi`).
  func imagePDF() throws -> [UInt8] {
    let scale = 72 / Self.dpi
    let width = Double(cairo_image_surface_get_width(surface)) * scale
    let height = Double(cairo_image_surface_get_height(surface)) * scale
    return try Self.collect { write, closure in
      let pdf = cairo_pdf_surface_create_for_stream(write, closure, width, height)
      let cairo = cairo_create(pdf)
      cairo_scale(cairo, scale, scale)
      cairo_set_source_surface(cairo, surface, 0, 0)
      cairo_paint(cairo)
      cairo_show_page(cairo)
      cairo_destroy(cairo)
      cairo_surface_finish(pdf)
      let status = cairo_surface_status(pdf)
      cairo_surface_destroy(pdf)
      return status
    }
  }

  /// Runs a cairo writer whose output goes through a write callback, and returns the bytes.
  private static func collect(
    _ body: (cairo_write_func_t, UnsafeMutableRawPointer) -> cairo_status_t
  ) throws -> [UInt8] {
    final class Sink { var bytes: [UInt8] = [] }
    let sink = Sink()
    let status = withExtendedLifetime(sink) {
      body(
        { closure, data, length in
          let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
          sink.bytes += UnsafeBufferPointer(start: data, count: Int(length))
          return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
    }
    guard status == CAIRO_STATUS_SUCCESS else {
      throw RenderError(description: "cairo: " + String(cString: cairo_status_to_string(status)))
    }
    return sink.bytes
  }
}
