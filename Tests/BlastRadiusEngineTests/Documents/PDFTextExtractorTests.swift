import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport
@testable import BlastRadiusScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct PDFTextExtractorTests {
  static func looks(_ text: String) -> Bool {
    Array(text.utf8).withUnsafeBytes { PDFTextExtractor.looksLikePDF($0) }
  }

  static func text(_ string: String) -> [UInt8] { Array(string.utf8) }

  @Test func recognisesTheHeaderWithinTheFirstKilobyte() {
    #expect(Self.looks("%PDF-1.4\n"))
    #expect(Self.looks("From: a@b\r\n\r\n%PDF-1.7"))
    #expect(Self.looks(String(repeating: " ", count: 1019) + "%PDF-"))
    #expect(!Self.looks(String(repeating: " ", count: 1020) + "%PDF-"))
    #expect(!Self.looks("%PDF"))
    #expect(!Self.looks(""))
    #expect(!Self.looks("%!PS-Adobe-3.0"))
  }

  @Test func pagesInOrderWithThePlantedSSNOnPageTwo() {
    let pdf = MinimalPDF.build([
      .text(["Employee record", "Name: Jane Doe"]),
      .text(["Payroll (2024)", "SSN: 123-45-6789", "Dept: HR"]),
    ])
    #expect(pdf.withUnsafeBytes { PDFTextExtractor.looksLikePDF($0) })
    #expect(
      PDFTextExtractor.extract(pdf)
        == .pages([
          Self.text("Employee record\nName: Jane Doe"),
          Self.text("Payroll (2024)\nSSN: 123-45-6789\nDept: HR"),
        ]))
  }

  @Test func aBlankPageAmongTextPagesIsAnEmptyPage() {
    let pdf = MinimalPDF.build([.text(["SSN: 123-45-6789"]), .rectangle])
    #expect(PDFTextExtractor.extract(pdf) == .pages([Self.text("SSN: 123-45-6789"), []]))
  }

  @Test func onlyDrawingsMeansNoTextLayer() {
    #expect(PDFTextExtractor.extract(MinimalPDF.build([.rectangle])) == .noTextLayer(pageCount: 1))
    #expect(
      PDFTextExtractor.extract(MinimalPDF.build([.rectangle, .rectangle])) == .noTextLayer(pageCount: 2))
  }

  @Test func garbageAfterTheHeaderIsDamaged() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var bytes = Self.text("%PDF-1.4\n")
    for _ in 0..<4096 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      bytes.append(UInt8(truncatingIfNeeded: state >> 33))
    }
    #expect(PDFTextExtractor.extract(bytes) == .damaged("PDF document is damaged"))
    #expect(PDFTextExtractor.extract([]) == .damaged("PDF document is damaged"))
  }

  @Test func aFileCutInHalfIsDamaged() {
    let pdf = MinimalPDF.build([.text(["SSN: 123-45-6789"])])
    let cut = Array(pdf.prefix(pdf.count / 2))
    #expect(PDFTextExtractor.extract(cut) == .damaged("PDF document is damaged"))
  }

  @Test func aUserPasswordMeansEncrypted() {
    let pdf = MinimalPDF.build(
      [.text(["SSN: 123-45-6789"])], encryption: .init(user: "user", owner: "owner"))
    #expect(PDFTextExtractor.extract(pdf) == .encrypted)
  }

  @Test func anOwnerPasswordAloneStillReads() {
    let pdf = MinimalPDF.build(
      [.text(["SSN: 123-45-6789"])], encryption: .init(user: "", owner: "owner"))
    #expect(PDFTextExtractor.extract(pdf) == .pages([Self.text("SSN: 123-45-6789")]))
  }

  @Test func md5MatchesKnownVectors() {
    #expect(MinimalPDF.hex(MD5.digest([])) == "d41d8cd98f00b204e9800998ecf8427e")
    #expect(MinimalPDF.hex(MD5.digest(Self.text("abc"))) == "900150983cd24fb0d6963f7d28e17f72")
    let long = Self.text("12345678901234567890123456789012345678901234567890123456789012345678901234567890")
    #expect(MinimalPDF.hex(MD5.digest(long)) == "57edf4a22be3c955ac49da2e2107b67a")
  }

  @Test func extractsFromSeveralTasksAtOnce() async {
    let pdf = MinimalPDF.build([.text(["SSN: 123-45-6789"])])
    let results = await withTaskGroup(of: PDFResult.self) { group in
      for _ in 0..<8 { group.addTask { PDFTextExtractor.extract(pdf) } }
      var all: [PDFResult] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(results == Array(repeating: .pages([Self.text("SSN: 123-45-6789")]), count: 8))
  }
}

/// Writes the smallest PDF 1.4 poppler accepts, with a real xref table, so the tests need no
/// binary fixtures and no tool: Helvetica text lines, or a filled rectangle and no text at all.
enum MinimalPDF {
  enum Page {
    case text([String])
    case rectangle
  }

  /// The standard security handler, revision 2 (40-bit RC4), as Acrobat 3 wrote it.
  struct Encryption {
    var user: String
    var owner: String
  }

  static func build(_ pages: [Page], encryption: Encryption? = nil) -> [UInt8] {
    var out: [UInt8] = []
    var offsets: [Int] = []
    func emit(_ s: String) { out += Array(s.utf8) }

    let id = (0..<16).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
    let security = encryption.map { Security($0, id: id) }

    // 1 catalog, 2 page tree, 3 font, then a page and its content per page, then /Encrypt.
    let pageObjects = pages.indices.map { 4 + 2 * $0 }
    let encryptObject = 4 + 2 * pages.count
    emit("%PDF-1.4\n")
    out += [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]

    func object(_ number: Int, _ body: String) {
      offsets.append(out.count)
      emit("\(number) 0 obj\n\(body)\nendobj\n")
    }
    object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    let kids = pageObjects.map { "\($0) 0 R" }.joined(separator: " ")
    object(2, "<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
    object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for (page, number) in zip(pages, pageObjects) {
      object(
        number,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
          + "/Resources << /Font << /F1 3 0 R >> >> /Contents \(number + 1) 0 R >>")
      var content = Array(contentStream(page).utf8)
      if let security { content = RC4.apply(security.objectKey(number + 1), content) }
      offsets.append(out.count)
      emit("\(number + 1) 0 obj\n<< /Length \(content.count) >>\nstream\n")
      out += content
      emit("\nendstream\nendobj\n")
    }
    if let security {
      object(
        encryptObject,
        "<< /Filter /Standard /V 1 /R 2 /O <\(hex(security.o))> /U <\(hex(security.u))> /P \(Security.p) >>")
    }

    let xref = out.count
    emit("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n")
    for offset in offsets { emit("\(padded(offset)) 00000 n \n") }
    var trailer = "<< /Size \(offsets.count + 1) /Root 1 0 R"
    if security != nil { trailer += " /Encrypt \(encryptObject) 0 R /ID [<\(hex(id))> <\(hex(id))>]" }
    emit("trailer\n\(trailer) >>\nstartxref\n\(xref)\n%%EOF\n")
    return out
  }

  static func contentStream(_ page: Page) -> String {
    switch page {
    case .rectangle:
      return "0.2 0.4 0.8 rg 100 500 300 200 re f"
    case .text(let lines):
      let shown = lines.map { "(\(escaped($0))) Tj" }.joined(separator: " 0 -14 Td ")
      return "BT /F1 12 Tf 72 720 Td \(shown) ET"
    }
  }

  static func escaped(_ line: String) -> String {
    var s = ""
    for c in line {
      if c == "(" || c == ")" || c == "\\" { s.append("\\") }
      s.append(c)
    }
    return s
  }

  /// Ten digits, as the fixed 20-byte xref entries require.
  static func padded(_ offset: Int) -> String {
    let digits = String(offset)
    return String(repeating: "0", count: 10 - digits.count) + digits
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
  }

  /// Algorithms 2, 3 and 4 of the PDF 1.7 reference, section 3.5.2, for revision 2.
  struct Security {
    static let padding: [UInt8] = [
      0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
      0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ]
    /// Print, modify, copy and annotate allowed; the high bits set as the format demands.
    static let p: Int32 = -4
    let key: [UInt8]
    let o: [UInt8]
    let u: [UInt8]

    init(_ passwords: Encryption, id: [UInt8]) {
      func pad(_ password: String) -> [UInt8] {
        Array((Array(password.utf8) + Self.padding).prefix(32))
      }
      let ownerKey = Array(MD5.digest(pad(passwords.owner)).prefix(5))
      o = RC4.apply(ownerKey, pad(passwords.user))
      let pBytes = (0..<4).map { UInt8(truncatingIfNeeded: UInt32(bitPattern: Self.p) >> (8 * UInt32($0))) }
      key = Array(MD5.digest(pad(passwords.user) + o + pBytes + id).prefix(5))
      u = RC4.apply(key, Self.padding)
    }

    /// Algorithm 1: the key for one object's strings and streams.
    func objectKey(_ number: Int) -> [UInt8] {
      let salt = [
        UInt8(truncatingIfNeeded: number), UInt8(truncatingIfNeeded: number >> 8),
        UInt8(truncatingIfNeeded: number >> 16), 0, 0,
      ]
      return Array(MD5.digest(key + salt).prefix(key.count + 5))
    }
  }
}

private enum RC4 {
  static func apply(_ key: [UInt8], _ data: [UInt8]) -> [UInt8] {
    var s = (0...255).map { UInt8($0) }
    var j = 0
    for i in 0..<256 {
      j = (j + Int(s[i]) + Int(key[i % key.count])) & 255
      s.swapAt(i, j)
    }
    var i = 0
    j = 0
    return data.map { byte in
      i = (i + 1) & 255
      j = (j + Int(s[i])) & 255
      s.swapAt(i, j)
      return byte ^ s[(Int(s[i]) + Int(s[j])) & 255]
    }
  }
}

/// RFC 1321, only to derive the security handler's keys (the test target links no crypto library).
private enum MD5 {
  static let shifts: [UInt32] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
    5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
  ]
  static let constants: [UInt32] = (0..<64).map { UInt32(fabs(sin(Double($0 + 1))) * 4_294_967_296) }

  static func digest(_ message: [UInt8]) -> [UInt8] {
    var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476]
    var m = message
    let bits = UInt64(message.count) &* 8
    m.append(0x80)
    while m.count % 64 != 56 { m.append(0) }
    for i in 0..<8 { m.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
    for chunk in stride(from: 0, to: m.count, by: 64) {
      let w = (0..<16).map { i in
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(m[chunk + 4 * i + $1]) << (8 * UInt32($1)) }
      }
      var (a, b, c, d) = (state[0], state[1], state[2], state[3])
      for i in 0..<64 {
        var f: UInt32
        let g: Int
        switch i / 16 {
        case 0: (f, g) = ((b & c) | (~b & d), i)
        case 1: (f, g) = ((d & b) | (~d & c), (5 * i + 1) % 16)
        case 2: (f, g) = (b ^ c ^ d, (3 * i + 5) % 16)
        default: (f, g) = (c ^ (b | ~d), (7 * i) % 16)
        }
        f = f &+ a &+ constants[i] &+ w[g]
        (a, d, c) = (d, c, b)
        b = b &+ (f << shifts[i] | f >> (32 - shifts[i]))
      }
      state[0] &+= a
      state[1] &+= b
      state[2] &+= c
      state[3] &+= d
    }
    return state.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) } }
  }
}
