import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusExtract

/// The OCR stage on its own: image sniffing, decoding within the limits, PDF pages rendered and
/// read by tesseract, and text passed on as read.
struct OCRReaderTests {
  static func sniff(_ bytes: [UInt8]) -> ImageKind? { bytes.withUnsafeBytes { ImageKind.sniff($0) } }

  @Test func imagesAreRecognisedByTheirFirstBytes() {
    #expect(Self.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
    #expect(Self.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
    #expect(Self.sniff(Array("II*\u{0}".utf8)) == .tiff)
    #expect(Self.sniff(Array("MM\u{0}*".utf8)) == .tiff)
    var bmp: [UInt8] = Array("BM".utf8) + [UInt8](repeating: 0, count: 12) + [40, 0, 0, 0]
    #expect(Self.sniff(bmp) == .bmp)
    // Text that starts with "BM" is not a bitmap.
    bmp = Array("BMW 3 series, SSN 123-45-6789".utf8)
    #expect(Self.sniff(bmp) == nil)
    #expect(Self.sniff(Array("%PDF-1.4".utf8)) == nil)
    #expect(Self.sniff([0x89, 0x50]) == nil)
  }

  /// A PNG signature, an IHDR chunk (8-bit grey) claiming `width` × `height`, and IEND: no pixels.
  static func png(width: Int, height: Int) -> [UInt8] {
    func be(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } }
    func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
      let typed = Array(type.utf8) + body
      return be(body.count) + typed + be(Int(CRC32.checksum(typed)))
    }
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
      + chunk("IHDR", be(width) + be(height) + [8, 0, 0, 0, 0])
      + chunk("IEND", [])
  }

  static func pages(_ bytes: [UInt8], _ kind: ImageKind, maxPixels: Int = 40_000_000) -> [String] {
    var out: [String] = []
    ImageDecoder.pages(bytes, kind: kind, maxPixels: maxPixels, maxPages: 10) { index, page in
      switch page {
      case .image: out.append("\(index): image")
      case .tooLarge(let w, let h): out.append("\(index): too large \(w)x\(h)")
      case .damaged(let message): out.append("\(index): \(message)")
      case .pageLimit: out.append("\(index): page limit")
      }
      return true
    }
    return out
  }

  @Test func aHugeImageIsRefusedFromItsHeaderAndGarbageIsDamage() {
    // A header claiming 10000 × 5000 grey pixels, and no pixel data at all.
    #expect(Self.pages(Self.png(width: 10000, height: 5000), .png) == ["0: too large 10000x5000"])
    // Ten billion pixels: refused the same way, from the header, before leptonica allocates.
    #expect(Self.pages(Self.png(width: 100_000, height: 100_000), .png) == ["0: too large 100000x100000"])
    // Cut short, or a chunk altered: found before leptonica (and libpng) see it.
    let whole = Self.png(width: 10, height: 10)
    #expect(Self.pages(Array(whole.dropLast(14)), .png) == ["0: png: cut short (a chunk runs past the end)"])
    #expect(Self.pages(Array(whole.dropLast(12)), .png) == ["0: png: cut short (no IEND chunk)"])
    var altered = whole
    altered[20] ^= 1
    #expect(Self.pages(altered, .png) == ["0: png: damaged (a chunk's CRC is wrong)"])
    #expect(
      Self.pages([0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array(repeating: 0, count: 14), .jpeg)
        == ["0: jpeg: cut short (no end of image marker)"])
    #expect(
      Self.pages([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], .png)
        == ["0: png: cut short (no IEND chunk)"])
    #expect(
      Self.pages(Array("II*\u{0}garbage".utf8), .tiff)
        == ["0: tiff: cannot read the first page's header (damaged or truncated)"])
  }

  /// A PDF page rendered at 300 dpi and read back: tesseract is reused for a second page.
  @Test func aRenderedPageIsReadByTesseract() throws {
    let pdf = MinimalPDF.build([.text(["Employee SSN: 123-45-6789"]), .text(["Card 4111 1111 1111 1111"])])
    let engine = try OCREngine()
    var texts: [String] = []
    PDFPageRenderer.render(pdf, pages: [0, 1], maxPixels: 40_000_000) { _, page in
      guard case .image(let image) = page else {
        Issue.record("not rendered: \(page)")
        return false
      }
      #expect(image.resolution == 300)
      guard case .text(let text) = engine.read(image, seconds: 60) else {
        Issue.record("not read")
        return false
      }
      texts.append(String(decoding: text, as: UTF8.self))
      return true
    }
    #expect(texts == ["Employee SSN: 123-45-6789\n", "Card 4111 1111 1111 1111\n"])
  }

  @Test func aPageOverThePixelLimitIsNotRendered() {
    let pdf = MinimalPDF.build([.rectangle])
    var outcomes: [String] = []
    PDFPageRenderer.render(pdf, pages: [0], maxPixels: 1_000_000) { _, page in
      if case .tooLarge(let w, let h) = page { outcomes.append("\(w)x\(h)") }
      return true
    }
    #expect(outcomes == ["2550x3300"])
  }

  /// OCR text goes to the detectors as read: characters OCR confuses with digits (O and 0, l
  /// and 1, S and 5) are not "corrected", so a misread number never becomes a valid SSN.
  @Test func digitsOCRMayHaveMisreadAreNotCorrected() {
    for misread in ["SSN: 123-45-67O9", "SSN: l23-45-6789", "SSN: 234-S6-7890", "SSN: 123-4S-6789"] {
      #expect(DetectionHarness.findings(misread).filter { $0.hit.detector == "us_ssn" }.isEmpty, "\(misread)")
    }
    #expect(DetectionHarness.findings("SSN: 123-45-6789").map(\.hit.detector) == ["us_ssn"])
  }
}
