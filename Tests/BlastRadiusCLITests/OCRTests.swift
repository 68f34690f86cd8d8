import Foundation
import Testing

/// `--ocr`: a typed form scanned to PNG, JPEG and BMP at 300 dpi, the same scan as an image-only
/// PDF, and a two-page TIFF, all rendered at test time with poppler-utils and libtiff-tools
/// (`scripts/setup --tests`). Without `--ocr` none is read and each is counted as such.
@Suite(.serialized)
struct OCRTests {
  static let form = [
    "EMPLOYEE WITHHOLDING CERTIFICATE",
    "",
    "Employee: Ann Example     SSN: 123-45-6789",
    "Spouse: Bob Example       SSN: 234-56-7890",
    "Dependent: Cy Example     SSN: 345-67-8901",
  ]

  static let formSSNs = ["***-**-6789", "***-**-7890", "***-**-8901"]

  /// `path page N detector masked` for each finding, and whether every finding says `ocr`.
  func describe(_ fixture: Fixture, _ findings: [[String: Any]], detector: String = "us_ssn") -> Set<String> {
    for f in findings {
      #expect((f["reasons"] as? [String])?.contains("ocr") == true, "no ocr reason: \(f)")
    }
    return Set(
      findings.filter { $0["detector"] as? String == detector }.map { f in
        let path = (f["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
        return "\(path) page \(f["page"] as? Int ?? 0) \(f["masked"]!)"
      })
  }

  @Test func aTypedFormAsPNGJPEGBMPAndImageOnlyPDFWithOCR() throws {
    let fixture = try Fixture()
    let scans = try ScannedPages(fixture)
    try fixture.write("hr/w4.png", try scans.render([Self.form], as: .png)[0])
    let jpeg = try scans.render([Self.form], as: .jpeg)[0]
    try fixture.write("hr/w4.jpg", jpeg)
    try fixture.write("hr/w4.bmp", try scans.render([Self.form], as: .bmp)[0])
    try fixture.write("hr/w4-scan.pdf", ScannedPages.imagePDF(jpeg: jpeg, width: 2550, height: 3300))
    let result = try fixture.scan(["--ocr"])
    var expected: Set<String> = []
    for file in ["hr/w4.png", "hr/w4.jpg", "hr/w4.bmp", "hr/w4-scan.pdf"] {
      for masked in Self.formSSNs { expected.insert("\(file) page 1 \(masked)") }
    }
    #expect(describe(fixture, result.findings) == expected)
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.status == 1)
    let summary = result.summary
    #expect((summary["documents"] as? [String: Int]) == ["png": 1, "jpeg": 1, "bmp": 1, "pdf": 1])
    let read = ["read": 1, "skipped": 0, "failed": 0]
    #expect(
      (summary["formats"] as? [String: [String: Int]]) == [
        "png": read, "jpeg": read, "bmp": read, "pdf": read,
      ])
    #expect((summary["skipped"] as? [String: Int]) == [:])
    let ocr = summary["ocr"] as? [String: Any]
    #expect(ocr?["pages"] as? Int == 4)
    #expect((ocr?["seconds"] as? Double ?? 0) > 0)
  }

  @Test func withoutOCRImagesAreCountedAsNotReadAndTheScannedPDFHasNoText() throws {
    let fixture = try Fixture()
    let scans = try ScannedPages(fixture)
    let png = try scans.render([Self.form], as: .png)[0]
    try fixture.write("hr/w4.png", png)
    let jpeg = try scans.render([Self.form], as: .jpeg)[0]
    try fixture.write("hr/w4-scan.pdf", ScannedPages.imagePDF(jpeg: jpeg, width: 2550, height: 3300))
    let result = try fixture.scan()
    #expect(result.findings.isEmpty)
    #expect(result.status == 0)
    #expect(result.errors.map { $0["code"] as! String } == ["no_text"])
    #expect(result.errors.map { $0["path"] as! String } == [fixture.tree.path + "/hr/w4-scan.pdf"])
    let summary = result.summary
    #expect((summary["skipped"] as? [String: Int]) == ["image": 1])
    #expect((summary["documents"] as? [String: Int]) == ["pdf": 1])
    #expect(
      (summary["formats"] as? [String: [String: Int]]) == [
        "png": ["read": 0, "skipped": 1, "failed": 0], "pdf": ["read": 0, "skipped": 0, "failed": 1],
      ])
    #expect(summary["ocr"] == nil)
  }

  @Test func everyPageOfATwoPageTIFF() throws {
    let fixture = try Fixture()
    let scans = try ScannedPages(fixture)
    try fixture.write(
      "scans/batch.tif",
      try scans.render(
        [["Payroll correction", "SSN: 123-45-6789"], ["Second page", "SSN: 234-56-7890"]], as: .tiff)[0])
    let result = try fixture.scan(["--ocr"])
    #expect(
      describe(fixture, result.findings) == [
        "scans/batch.tif page 1 ***-**-6789", "scans/batch.tif page 2 ***-**-7890",
      ])
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect((result.summary["documents"] as? [String: Int]) == ["tiff": 1])
    #expect((result.summary["ocr"] as? [String: Any])?["pages"] as? Int == 2)
    // One page allowed: the second is not read, and the record says so.
    let limited = try fixture.scan(["--ocr", "--max-members", "1"])
    #expect(describe(fixture, limited.findings) == ["scans/batch.tif page 1 ***-**-6789"])
    #expect(
      limited.errors.map { "\($0["code"]!): \($0["message"]!)" } == [
        "limit_exceeded: more than 1 pages; the rest were not read (--max-members)"
      ])
  }

  @Test func aDamagedOrHugeImageIsAnErrorRecordAndTheScanGoesOn() throws {
    let fixture = try Fixture()
    let scans = try ScannedPages(fixture)
    let png = try scans.render([Self.form], as: .png)[0]
    // Cut in the middle of its compressed pixels: the header reads, the pixels do not.
    try fixture.write("a/cut.png", Array(png.prefix(png.count / 2)))
    // A header that claims 10 000 × 5 000 pixels and nothing after it.
    try fixture.write("b/huge.png", ScannedPages.pngHeader(width: 10_000, height: 5_000))
    try fixture.write("c/notes.txt", "SSN: 456-78-9012\n")
    let result = try fixture.scan(["--ocr"])
    #expect(fixture.describe(result.findings) == ["c/notes.txt us_ssn 1:6 ***-**-9012"])
    let errors = result.errors.map { e in
      "\((e["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")) \(e["code"]!): \(e["message"]!)"
    }
    #expect(
      Set(errors) == [
        "a/cut.png corrupt: png: cut short (a chunk runs past the end)",
        "b/huge.png limit_exceeded: page 1 is 10000 × 5000 pixels, more than 40000000; not read (--max-image-pixels)",
      ])
    #expect(result.summary["complete"] as? Bool == false)
  }
}

/// Pages of typed text "scanned" at 300 dpi: a PDF of the lines (MiniPDF, Helvetica 12 pt)
/// rendered by poppler-utils' pdftoppm, the pages of a TIFF joined by libtiff-tools' tiffcp.
struct ScannedPages {
  enum Format { case png, jpeg, bmp, tiff }

  let folder: URL

  init(_ fixture: Fixture) throws {
    folder = fixture.root.appendingPathComponent("render")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  static func tool(_ name: String) throws -> String {
    let path = "/usr/bin/" + name
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw FixtureError("\(name) is missing: run scripts/setup --tests (poppler-utils, libtiff-tools)")
    }
    return path
  }

  /// The pages rendered in `format`: one file per page, except a TIFF, which holds them all.
  func render(_ pages: [[String]], as format: Format) throws -> [[UInt8]] {
    let name = UUID().uuidString
    let pdf = folder.appendingPathComponent(name + ".pdf")
    try Data(MiniPDF.make(pages: pages)).write(to: pdf)
    let option =
      switch format {
      case .png: ["-png"]
      case .jpeg: ["-jpeg"]
      case .bmp: ["-gray"]  // a PGM, made a BMP below
      case .tiff: ["-tiff", "-tiffcompression", "lzw", "-gray"]
      }
    let prefix = folder.appendingPathComponent(name).path
    let run = try CLI.execute(try Self.tool("pdftoppm"), ["-r", "300"] + option + [pdf.path, prefix])
    guard run.status == 0 else { throw FixtureError("pdftoppm failed: \(run.stderr)") }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix(name + "-") }.sorted().map { folder.appendingPathComponent($0).path }
    guard files.count == pages.count else { throw FixtureError("pdftoppm made \(files) pages") }
    switch format {
    case .png, .jpeg:
      return try files.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
    case .bmp:
      return try files.map { try Self.bmp(pgm: Array(try Data(contentsOf: URL(fileURLWithPath: $0)))) }
    case .tiff:
      let joined = prefix + "-all.tiff"
      let run = try CLI.execute(try Self.tool("tiffcp"), files + [joined])
      guard run.status == 0 else { throw FixtureError("tiffcp failed: \(run.stderr)") }
      return [Array(try Data(contentsOf: URL(fileURLWithPath: joined)))]
    }
  }

  /// An 8-bit grey BMP (a grey palette, rows bottom-up, each padded to 4 bytes) of a binary PGM.
  static func bmp(pgm: [UInt8]) throws -> [UInt8] {
    // "P5", width, height, maximum, each followed by one white-space byte.
    var fields: [Int] = []
    var i = 2
    while fields.count < 3 {
      while pgm[i] == 0x20 || pgm[i] == 0x0A { i += 1 }
      var n = 0
      while pgm[i] >= 0x30 && pgm[i] <= 0x39 {
        n = n * 10 + Int(pgm[i] - 0x30)
        i += 1
      }
      fields.append(n)
    }
    let (width, height) = (fields[0], fields[1])
    let pixels = pgm[(i + 1)...]
    guard pgm.starts(with: Array("P5".utf8)), pixels.count == width * height else {
      throw FixtureError("not an 8-bit binary PGM")
    }
    let stride = (width + 3) / 4 * 4
    let offset = 14 + 40 + 1024
    var out: [UInt8] = []
    func le(_ value: Int, _ bytes: Int) {
      for k in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }
    out += Array("BM".utf8)
    le(offset + stride * height, 4)
    le(0, 4)
    le(offset, 4)
    le(40, 4)
    le(width, 4)
    le(height, 4)
    le(1, 2)
    le(8, 2)
    le(0, 4)
    le(stride * height, 4)
    le(11811, 4)  // 300 dpi in pixels per metre
    le(11811, 4)
    le(256, 4)
    le(0, 4)
    for grey in 0..<256 { out += [UInt8(grey), UInt8(grey), UInt8(grey), 0] }
    let start = pixels.startIndex
    for row in (0..<height).reversed() {
      out += pgm[(start + row * width)..<(start + (row + 1) * width)]
      out += [UInt8](repeating: 0, count: stride - width)
    }
    return out
  }

  /// A one-page PDF whose page is only `jpeg` (RGB, `width` × `height` pixels), drawn over the
  /// whole letter-size page: what a scanner's "scan to PDF" makes. No text layer.
  static func imagePDF(jpeg: [UInt8], width: Int, height: Int) -> [UInt8] {
    let draw = "q 612 0 0 792 0 0 cm /Scan Do Q"
    var out: [UInt8] = Array("%PDF-1.4\n".utf8)
    var offsets: [Int] = []
    func object(_ head: String, stream: [UInt8]? = nil) {
      offsets.append(out.count)
      out += Array("\(offsets.count) 0 obj\n\(head)\n".utf8)
      if let stream { out += Array("stream\n".utf8) + stream + Array("\nendstream\n".utf8) }
      out += Array("endobj\n".utf8)
    }
    object("<< /Type /Catalog /Pages 2 0 R >>")
    object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    object(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Scan 4 0 R >> >> /Contents 5 0 R >>"
    )
    object(
      "<< /Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length \(jpeg.count) >>",
      stream: jpeg)
    object("<< /Length \(draw.utf8.count) >>", stream: Array(draw.utf8))
    let xref = out.count
    var tail = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
    for o in offsets {
      let digits = String(o)
      tail += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
    }
    tail += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return out + Array(tail.utf8)
  }

  /// A PNG signature, an IHDR chunk (8-bit grey) claiming `width` × `height`, and IEND: no pixels.
  static func pngHeader(width: Int, height: Int) -> [UInt8] {
    func be(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } }
    let body = Array("IHDR".utf8) + be(width) + be(height) + [8, 0, 0, 0, 0]
    let end = Array("IEND".utf8)
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + body
      + be(Int(OverlappingZipTests.crc32(body))) + be(0)
      + end + be(Int(OverlappingZipTests.crc32(end)))
  }
}

/// A fixture that cannot be made: the test fails with the reason.
struct FixtureError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
