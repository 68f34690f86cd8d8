import CLeptonica

/// Decodes PNG, JPEG, TIFF and BMP from memory with leptonica, one page at a time, reading each
/// page's header first: a hostile image declaring a billion pixels is refused before a byte of
/// it is decoded, and a many-page TIFF never holds more than one page in memory.
package enum ImageDecoder {
  /// Calls `body` with each page of `data` in order (page 0 first) until it returns false; past
  /// `maxPages`, with `.pageLimit` once. A TIFF may have many pages, the other formats have one.
  package static func pages(
    _ data: [UInt8], kind: ImageKind, maxPixels: Int, maxPages: Int, _ body: (Int, PageImage) -> Bool
  ) {
    _ = quiet
    data.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, buffer.count > 0 else {
        _ = body(0, .damaged("\(kind.rawValue): empty"))
        return
      }
      if let problem = ImageStructure.problem(buffer, kind: kind) {
        _ = body(0, .damaged(problem))
      } else if kind == .tiff {
        tiffPages(base, buffer.count, maxPixels: maxPixels, maxPages: maxPages, body)
      } else {
        _ = body(0, single(base, buffer.count, kind: kind, maxPixels: maxPixels))
      }
    }
  }

  static func single(_ base: UnsafePointer<UInt8>, _ count: Int, kind: ImageKind, maxPixels: Int) -> PageImage
  {
    var format: Int32 = 0
    var width: Int32 = 0
    var height: Int32 = 0
    guard pixReadHeaderMem(base, count, &format, &width, &height, nil, nil, nil) == 0 else {
      return .damaged("\(kind.rawValue): cannot read the image header (damaged or truncated)")
    }
    if let refused = refuse(width, height, maxPixels) { return refused }
    guard let pix = pixReadMem(base, count) else {
      return .damaged("\(kind.rawValue): cannot decode the image (damaged or truncated)")
    }
    return .image(OCRImage(owning: pix, resolution: credible(pixGetXRes(pix))))
  }

  /// Pages until the first that has no directory; a first page that cannot be read is damage.
  static func tiffPages(
    _ base: UnsafePointer<UInt8>, _ count: Int, maxPixels: Int, maxPages: Int,
    _ body: (Int, PageImage) -> Bool
  ) {
    // A first directory past the end: leptonica 1.82 would print about it on stderr whatever
    // its message level, so it is refused here.
    let little = base[0] == 0x49
    var first = 0
    for k in 0..<4 where count >= 8 { first |= Int(base[little ? 4 + k : 7 - k]) << (8 * k) }
    guard count >= 8, first >= 8, first + 2 <= count else {
      _ = body(0, .damaged("tiff: cannot read the first page's header (damaged or truncated)"))
      return
    }
    for index in 0...maxPages {
      var width: Int32 = 0
      var height: Int32 = 0
      var resolution: Int32 = 0
      guard
        readHeaderMemTiff(base, count, Int32(index), &width, &height, nil, nil, &resolution, nil, nil) == 0
      else {
        if index == 0 {
          _ = body(0, .damaged("tiff: cannot read the first page's header (damaged or truncated)"))
        }
        return
      }
      let page: PageImage
      if index == maxPages {
        page = .pageLimit
      } else if let refused = refuse(width, height, maxPixels) {
        page = refused
      } else if let pix = pixReadMemTiff(base, count, Int32(index)) {
        page = .image(OCRImage(owning: pix, resolution: credible(resolution)))
      } else {
        page = .damaged("tiff: cannot decode page \(index + 1) (damaged or truncated)")
      }
      if !body(index, page) || index == maxPages { return }
    }
  }

  static func refuse(_ width: Int32, _ height: Int32, _ maxPixels: Int) -> PageImage? {
    guard width > 0, height > 0 else { return .damaged("image has no pixels (\(width) × \(height))") }
    return Int(width) * Int(height) > maxPixels ? .tooLarge(width: Int(width), height: Int(height)) : nil
  }

  /// A stored resolution worth passing on: scanners write 72 or 96 when they know nothing.
  static func credible(_ ppi: Int32) -> Int? { ppi >= 100 && ppi <= 2400 ? Int(ppi) : nil }

  /// Leptonica prints every decoding problem on stderr; the result already says what failed,
  /// and a scan of thousands of images must not spill on the terminal. Set once.
  static let quiet: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()
}
