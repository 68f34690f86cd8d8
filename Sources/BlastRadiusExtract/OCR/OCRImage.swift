import CLeptonica

/// One decoded page in leptonica's form, owned: freed when the last reference goes.
///
/// Not `Sendable`: it is made, read by tesseract and dropped on one worker thread.
package final class OCRImage {
  let pix: UnsafeMutablePointer<PIX>
  /// Pixels per inch when the image says so (a PDF page rendered here, a scan with its DPI
  /// stored), else nil and tesseract estimates it from the text's size.
  package let resolution: Int?

  init(owning pix: UnsafeMutablePointer<PIX>, resolution: Int?) {
    self.pix = pix
    self.resolution = resolution
  }

  /// An 8-bit grey image of `width` × `height`, each row filled by `fill` (its row index and a
  /// buffer of `width` bytes); nil when leptonica cannot allocate it.
  static func gray(
    width: Int, height: Int, resolution: Int, fill: (Int, UnsafeMutableBufferPointer<UInt8>) -> Void
  ) -> OCRImage? {
    guard let pix = pixCreate(Int32(width), Int32(height), 8) else { return nil }
    let image = OCRImage(owning: pix, resolution: resolution)
    let words = Int(pixGetWpl(pix))
    let data = UnsafeMutableRawPointer(pixGetData(pix)!)
    let row = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: width)
    defer { row.deallocate() }
    for y in 0..<height {
      fill(y, row)
      let target = (data + y * words * 4).assumingMemoryBound(to: UInt8.self)
      // Leptonica keeps 8-bit pixels in 32-bit words, most significant byte first: on a
      // little-endian machine pixel x is byte x ^ 3 of the row.
      #if _endian(little)
        for x in 0..<width { target[x ^ 3] = row[x] }
      #else
        for x in 0..<width { target[x] = row[x] }
      #endif
    }
    return image
  }

  deinit {
    var p: UnsafeMutablePointer<PIX>? = pix
    pixDestroy(&p)
  }
}
