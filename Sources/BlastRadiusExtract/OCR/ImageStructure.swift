import BlastRadiusBase

/// Cheap checks of an image's structure before leptonica decodes it. Leptonica 1.82 leaves
/// libpng's and libjpeg's own messages on stderr ("libpng error: …", "Premature end of JPEG
/// file"), one per damaged image; the commonest damage, a file cut short, is found here first,
/// so it is an error record and nothing else.
enum ImageStructure {
  /// Why `data` cannot be a whole image of `kind`, or nil when it may be.
  static func problem(_ data: UnsafeBufferPointer<UInt8>, kind: ImageKind) -> String? {
    switch kind {
    case .png: pngProblem(data)
    case .jpeg: hasEndMarker(data) ? nil : "jpeg: cut short (no end of image marker)"
    case .tiff, .bmp: nil
    }
  }

  /// Walks the chunks from the signature to IEND, checking each length and CRC.
  static func pngProblem(_ data: UnsafeBufferPointer<UInt8>) -> String? {
    var at = 8
    while at + 12 <= data.count {
      let length = Int(be32(data, at))
      guard length <= data.count - at - 12 else { return "png: cut short (a chunk runs past the end)" }
      let typeAndBody = UnsafeBufferPointer(rebasing: data[(at + 4)..<(at + 8 + length)])
      guard CRC32.checksum(typeAndBody) == be32(data, at + 8 + length) else {
        return "png: damaged (a chunk's CRC is wrong)"
      }
      if data[at + 4] == 0x49, data[at + 5] == 0x45, data[at + 6] == 0x4E, data[at + 7] == 0x44 { return nil }
      at += 12 + length
    }
    return "png: cut short (no IEND chunk)"
  }

  /// An EOI marker (FF D9) somewhere: a cut file has none after its last complete segment (a
  /// thumbnail's EOI may remain; leptonica then reports the damage itself).
  static func hasEndMarker(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = data.count - 1
    while i > 0 {
      if data[i] == 0xD9, data[i - 1] == 0xFF { return true }
      i -= 1
    }
    return false
  }

  static func be32(_ data: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
    UInt32(data[at]) << 24 | UInt32(data[at + 1]) << 16 | UInt32(data[at + 2]) << 8 | UInt32(data[at + 3])
  }

}
