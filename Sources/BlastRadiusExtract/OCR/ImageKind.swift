/// Raster images OCR can read, recognised by their first bytes (never by their names: a scan
/// saved as `.dat` or a member without an extension is still an image).
package enum ImageKind: String, Sendable, CaseIterable {
  case png, jpeg, tiff, bmp

  package static func sniff(_ head: UnsafeRawBufferPointer) -> ImageKind? {
    func starts(_ magic: [UInt8]) -> Bool {
      head.count >= magic.count && head.prefix(magic.count).elementsEqual(magic)
    }
    if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
    if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
    // Little- and big-endian TIFF ("II*\0", "MM\0*").
    if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
    // "BM", then a DIB header size writers use (12, 40, 108 or 124 bytes): two
    // letters alone would take text files starting with "BM" for images.
    if starts([0x42, 0x4D]), head.count >= 18 {
      let dib = Int(head[14]) | Int(head[15]) << 8 | Int(head[16]) << 16 | Int(head[17]) << 24
      return dib == 40 || dib == 108 || dib == 124 || dib == 12 ? .bmp : nil
    }
    return nil
  }
}
