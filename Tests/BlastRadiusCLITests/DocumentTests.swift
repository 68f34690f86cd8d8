import Foundation
import Testing

/// Documents found in a share: spreadsheets, word-processing files, slides, PDFs, mail and HTML,
/// on disk and inside zips, with every finding placed in its file, member, sheet, cell or page.
struct DocumentTests {
  static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

  /// The package parts an Office application needs to open a file (BlastRadius does not): the
  /// relationships to the main part and the content types of `overrides` (part, type suffix).
  static func packaging(main: String, overrides: [(String, String)]) -> [(String, [UInt8])] {
    let types = overrides.map {
      #"<Override PartName="/\#($0.0)" ContentType="application/vnd.openxmlformats-officedocument.\#($0.1)+xml"/>"#
    }
    let ct =
      #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
      + types.joined() + "</Types>"
    let rels =
      #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="\#(main)"/></Relationships>"#
    return [("[Content_Types].xml", bytes(ct)), ("_rels/.rels", bytes(rels))]
  }

  /// A relationships part with one relationship of `type` to `target`.
  static func relationship(_ type: String, _ target: String) -> [UInt8] {
    bytes(
      #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/\#(type)" Target="\#(target)"/></Relationships>"#
    )
  }

  /// The workbook; `packaged` adds what an Office application needs to open it (LibreOffice
  /// converts it to `.xls` in the tests of legacy files) and changes no text.
  static func xlsx(packaged: Bool = false) throws -> [UInt8] {
    let ct =
      #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#
    let workbook =
      #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Payroll" sheetId="1" r:id="rId1"/><sheet name="R&amp;D" sheetId="2" r:id="rId2"/></sheets></workbook>"#
    let rels =
      #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#
    let shared =
      #"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>name</t></si><si><t>ssn</t></si><si><t>Ann</t></si><si><r><t>123-45-</t></r><r><t>6789</t></r></si></sst>"#
    let sheet1 =
      #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>date_of_birth</t></is></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>29285</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Bob</t></is></c><c r="B3"><v>234567890</v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>Invoice</t></is></c><c r="C4"><v>345678901</v></c></row></sheetData></worksheet>"#
    let comments =
      #"<?xml version="1.0"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>HR</author></authors><commentList><comment ref="B3" authorId="0"><text><r><t>Checked SSN 567-89-0123 against the file</t></r></text></comment></commentList></comments>"#
    let sheet2 =
      #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>SSN: 456-78-9012</t></is></c></row></sheetData></worksheet>"#
    // Packaged, the workbook's relationships also lead to the string table, as an application
    // looks for it there.
    let sharedRel =
      #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    let workbookRels = packaged ? rels.replacingOccurrences(of: "</Relationships>", with: sharedRel) : rels
    let parts: [(String, [UInt8])] = [
      ("xl/workbook.xml", bytes(workbook)), ("xl/_rels/workbook.xml.rels", bytes(workbookRels)),
      ("xl/worksheets/sheet1.xml", bytes(sheet1)), ("xl/worksheets/sheet2.xml", bytes(sheet2)),
      ("xl/sharedStrings.xml", bytes(shared)), ("xl/comments1.xml", bytes(comments)),
    ]
    guard packaged else {
      return try ArchiveFixture.make(.zip, entries: [("[Content_Types].xml", bytes(ct))] + parts)
    }
    let overrides = [
      ("xl/workbook.xml", "spreadsheetml.sheet.main"),
      ("xl/worksheets/sheet1.xml", "spreadsheetml.worksheet"),
      ("xl/worksheets/sheet2.xml", "spreadsheetml.worksheet"),
      ("xl/sharedStrings.xml", "spreadsheetml.sharedStrings"), ("xl/comments1.xml", "spreadsheetml.comments"),
    ]
    return try ArchiveFixture.make(
      .zip,
      entries: packaging(main: "xl/workbook.xml", overrides: overrides) + parts + [
        ("xl/worksheets/_rels/sheet1.xml.rels", relationship("comments", "../comments1.xml"))
      ])
  }

  /// The letter; `packaged` adds what an Office application needs to open it, and anchors the
  /// comment to the first paragraph (an anchor holds no text).
  static func docx(packaged: Bool = false) throws -> [UInt8] {
    let ct =
      #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#
    let anchor = packaged ? #"<w:r><w:commentReference w:id="0"/></w:r>"# : ""
    let document =
      #"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Dear Ann,</w:t></w:r>"#
      + anchor
      + #"</w:p><w:p><w:r><w:t xml:space="preserve">Employee SSN: </w:t></w:r><w:r><w:t>123-45-6789</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>ssn</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>card</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>234-56-7890</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>4111 1111 1111 1111</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
    let comments =
      #"<?xml version="1.0"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0"><w:p><w:r><w:t>DOB: 03/05/1980</w:t></w:r></w:p></w:comment></w:comments>"#
    let parts = [("word/document.xml", bytes(document)), ("word/comments.xml", bytes(comments))]
    guard packaged else {
      return try ArchiveFixture.make(.zip, entries: [("[Content_Types].xml", bytes(ct))] + parts)
    }
    let overrides = [
      ("word/document.xml", "wordprocessingml.document.main"),
      ("word/comments.xml", "wordprocessingml.comments"),
    ]
    return try ArchiveFixture.make(
      .zip,
      entries: packaging(main: "word/document.xml", overrides: overrides) + parts + [
        ("word/_rels/document.xml.rels", relationship("comments", "comments.xml"))
      ])
  }

  func describe(_ fixture: Fixture, _ findings: [[String: Any]]) -> Set<String> {
    Set(
      findings.map { f in
        let path = (f["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
        let within = (f["within"] as! [String]).joined(separator: " > ")
        var place = "\(path) [\(within)]"
        if let sheet = f["sheet"] as? String {
          place += " sheet \(sheet) row \(f["row"]!) cell \(f["cell"]!)"
          // The column of a sheet finding is its cell's, A = 1.
          let letters = (f["cell"] as! String).prefix { $0.isLetter }
          let number = letters.reduce(0) { $0 * 26 + Int($1.asciiValue! - 64) }
          #expect(f["column"] as? Int == number)
        }
        if let page = f["page"] as? Int { place += " page \(page)" }
        return "\(place) \(f["detector"]!) \(f["masked"]!)"
      })
  }

  @Test func spreadsheetCellsOnDiskAndInsideAZip() throws {
    let fixture = try Fixture()
    let book = try Self.xlsx()
    try fixture.write("hr/payroll.xlsx", book)
    try fixture.write("backup.zip", try ArchiveFixture.make(.zip, entries: [("2014/payroll.xlsx", book)]))
    let result = try fixture.scan()
    var expected: Set<String> = []
    for (path, within) in [("hr/payroll.xlsx", ""), ("backup.zip", "2014/payroll.xlsx")] {
      expected.insert("\(path) [\(within)] sheet Payroll row 2 cell B2 us_ssn ***-**-6789")
      // A date kept as its serial number (1980-03-05) in the date-of-birth column.
      expected.insert("\(path) [\(within)] sheet Payroll row 2 cell C2 date_of_birth *9285")
      expected.insert("\(path) [\(within)] sheet Payroll row 3 cell B3 us_ssn *****7890")
      // The name column of each row that holds an identifier.
      expected.insert("\(path) [\(within)] sheet Payroll row 2 cell A2 person_name A.")
      expected.insert("\(path) [\(within)] sheet Payroll row 3 cell A3 person_name B.")
      expected.insert("\(path) [\(within)] sheet R&D row 1 cell A1 us_ssn ***-**-9012")
      expected.insert("\(path) [\(within.isEmpty ? "comments" : within + " > comments")] us_ssn ***-**-0123")
    }
    #expect(describe(fixture, result.findings) == expected)
    #expect((result.summary["documents"] as! [String: Int]) == ["xlsx": 2])
    #expect(result.errors.isEmpty)
  }

  @Test func wordBodyTablesAndComments() throws {
    let fixture = try Fixture()
    try fixture.write("letter.docx", try Self.docx())
    let result = try fixture.scan()
    #expect(
      describe(fixture, result.findings) == [
        "letter.docx [document] us_ssn ***-**-6789",
        "letter.docx [document] us_ssn ***-**-7890",
        "letter.docx [document] payment_card **** **** **** 1111",
        // `Dear Ann,` heads the paragraph that holds the first SSN.
        "letter.docx [document] person_name A.",
        "letter.docx [comments] date_of_birth **/**/1980",
      ])
  }

  @Test func mailBodiesHeadersAndAttachments() throws {
    let fixture = try Fixture()
    let csv = Data("name,ssn\nAnn,123456789\n".utf8).base64EncodedString()
    let mail = [
      "From: HR <hr@example.com>", "To: payroll@example.com", "Subject: =?UTF-8?B?Q2Vuc3Vz?=",
      "Date: Mon, 24 Nov 2014 09:00:00 -0800", "MIME-Version: 1.0",
      "Content-Type: multipart/mixed; boundary=\"XYZ\"", "", "--XYZ",
      "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
      "Her SSN is 234-56-=", "7890, please update.", "--XYZ",
      "Content-Type: text/csv; name=\"census.csv\"",
      "Content-Disposition: attachment; filename=\"census.csv\"",
      "Content-Transfer-Encoding: base64", "", csv, "--XYZ--", "",
    ].joined(separator: "\r\n")
    try fixture.write("mail/hr.eml", mail)
    let result = try fixture.scan()
    #expect(
      describe(fixture, result.findings) == [
        "mail/hr.eml [body] us_ssn ***-**-7890",
        "mail/hr.eml [attachment: census.csv] us_ssn *****6789",
        "mail/hr.eml [attachment: census.csv] person_name A.",
        "mail/hr.eml [headers] email_address h***@example.com",
        "mail/hr.eml [headers] email_address p***@example.com",
      ])
    #expect((result.summary["documents"] as! [String: Int]) == ["eml": 1])
  }

  @Test func mboxMessagesAreNumbered() throws {
    let fixture = try Fixture()
    let mbox = [
      "From hr@example.com Mon Nov 24 09:00:00 2014", "From: hr@example.com", "Subject: one",
      "Date: Mon, 24 Nov 2014 09:00:00 -0800", "",
      "SSN: 123-45-6789", "",
      "From it@example.com Mon Nov 24 10:00:00 2014", "From: it@example.com", "Subject: two",
      "Date: Mon, 24 Nov 2014 10:00:00 -0800", "",
      ">From the archive: SSN 234-56-7890", "",
    ].joined(separator: "\n")
    try fixture.write("exec.mbox", mbox)
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(
      describe(fixture, result.findings) == [
        "exec.mbox [message 1 > body] us_ssn ***-**-6789", "exec.mbox [message 2 > body] us_ssn ***-**-7890",
      ])
    #expect((result.summary["documents"] as! [String: Int]) == ["mbox": 1])
  }

  @Test func htmlTextEntitiesAndAttributes() throws {
    let fixture = try Fixture()
    try fixture.write(
      "site/index.html",
      "<!DOCTYPE html><html><body><p>SSN&#58; 123&#45;45&#45;6789</p><script>var x = '234-56-7890';</script><input value=\"345-67-8901\"></body></html>"
    )
    let result = try fixture.scan()
    // Script bodies are read too: pages keep data in them.
    #expect(
      describe(fixture, result.findings) == [
        "site/index.html [] us_ssn ***-**-6789", "site/index.html [] us_ssn ***-**-7890",
        "site/index.html [] us_ssn ***-**-8901",
      ])
  }

  @Test func xmlEntitiesAndOversizedMarkupFallsBackToText() throws {
    let fixture = try Fixture()
    try fixture.write(
      "export.xml",
      "<?xml version=\"1.0\"?><people><p ssn=\"123-45-6789\"><note>SSN&#58; 234&#45;56&#45;7890</note></p></people>"
    )
    let big =
      "<!DOCTYPE html><html><body>" + String(repeating: "<p>filler text</p>", count: 400)
      + "<p>SSN: 345-67-8901</p></body></html>"
    try fixture.write("big.html", big)
    let result = try fixture.scan(["--max-document-bytes", "1024", "--chunk-size", "512"])
    #expect(
      describe(fixture, result.findings) == [
        "export.xml [] us_ssn ***-**-6789", "export.xml [] us_ssn ***-**-7890",
        "big.html [] us_ssn ***-**-8901",
      ])
    #expect(result.errors.isEmpty)
  }

  @Test func slidesAndOpenDocumentSheets() throws {
    let fixture = try Fixture()
    let slide =
      #"<?xml version="1.0"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>Layoffs: SSN 123-45-6789</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"#
    let notes =
      #"<?xml version="1.0"?><p:notes xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>DOB: 03/05/1980</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>"#
    try fixture.write(
      "deck.pptx",
      try ArchiveFixture.make(
        .zip,
        entries: [
          ("[Content_Types].xml", Self.bytes(#"<?xml version="1.0"?><Types/>"#)),
          (
            "ppt/presentation.xml",
            Self.bytes(
              #"<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>"#
            )
          ),
          ("ppt/slides/slide1.xml", Self.bytes(slide)),
          ("ppt/notesSlides/notesSlide1.xml", Self.bytes(notes)),
        ]))
    let content =
      #"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Staff"><table:table-row><table:table-cell><text:p>name</text:p></table:table-cell><table:table-cell><text:p>ssn</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>Ann</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="234567890"><text:p>234567890</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    try fixture.write(
      "staff.ods",
      try ArchiveFixture.make(
        .zip,
        entries: [
          ("mimetype", Self.bytes("application/vnd.oasis.opendocument.spreadsheet")),
          ("content.xml", Self.bytes(content)),
        ]))
    let result = try fixture.scan()
    #expect(
      describe(fixture, result.findings) == [
        "deck.pptx [slide 1] us_ssn ***-**-6789", "deck.pptx [notes 1] date_of_birth **/**/1980",
        "staff.ods [] sheet Staff row 2 cell B2 us_ssn *****7890",
        "staff.ods [] sheet Staff row 2 cell A2 person_name A.",
      ])
    #expect((result.summary["documents"] as! [String: Int]) == ["pptx": 1, "ods": 1])
  }

  @Test func pdfPagesAndPDFsWithoutText() throws {
    let fixture = try Fixture()
    try fixture.write(
      "scan/letter.pdf", MiniPDF.make(pages: [["Quarterly report"], ["Employee SSN: 123-45-6789"]]))
    try fixture.write("scan/image.pdf", MiniPDF.make(pages: [[]]))
    let result = try fixture.scan()
    #expect(describe(fixture, result.findings) == ["scan/letter.pdf [] page 2 us_ssn ***-**-6789"])
    #expect(result.errors.map { $0["code"] as! String } == ["no_text"])
    #expect((result.summary["documents"] as! [String: Int]) == ["pdf": 2])
  }
}

/// A minimal PDF 1.4 with Helvetica text lines per page, offsets computed, for the tests.
enum MiniPDF {
  static func make(pages: [[String]]) -> [UInt8] {
    var objects: [String] = []
    let pageCount = pages.count
    // 1: catalog, 2: pages, 3: font, then per page: page object and content stream.
    objects.append("<< /Type /Catalog /Pages 2 0 R >>")
    let kids = (0..<pageCount).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
    objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for (i, lines) in pages.enumerated() {
      objects.append(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * i) 0 R >>"
      )
      var stream = lines.isEmpty ? "0 0 m 100 100 l S" : "BT /F1 12 Tf 72 720 Td"
      for (k, line) in lines.enumerated() {
        stream += (k == 0 ? " " : " 0 -14 Td ") + "(\(line)) Tj"
      }
      if !lines.isEmpty { stream += " ET" }
      objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
    }
    var out = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (i, body) in objects.enumerated() {
      offsets.append(out.utf8.count)
      out += "\(i + 1) 0 obj\n\(body)\nendobj\n"
    }
    let xref = out.utf8.count
    out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for o in offsets {
      let digits = String(o)
      out += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
    }
    out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Array(out.utf8)
  }
}
