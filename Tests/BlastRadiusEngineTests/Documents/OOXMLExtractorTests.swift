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
@testable import BlastRadiusWalk

/// Office documents as their parts (what the zip reader hands over), built from XML strings.
private func parts(_ dictionary: [String: String]) -> [String: [UInt8]] {
  dictionary.mapValues { Array($0.utf8) }
}

/// Each extracted part as "name|table|text" (table is "T" or "P").
private func render(_ texts: [DocumentText]) -> [String] {
  texts.map { "\($0.part)|\($0.isTable ? "T" : "P")|" + String(decoding: $0.text, as: UTF8.self) }
}

private func field(_ text: DocumentText, line: Int, column: Int) -> String? {
  let lines = String(decoding: text.text, as: UTF8.self).split(
    separator: "\n", omittingEmptySubsequences: false)
  guard line - 1 < lines.count else { return nil }
  let fields = lines[line - 1].split(separator: "\t", omittingEmptySubsequences: false)
  return column < fields.count ? String(fields[column]) : nil
}

struct OOXMLKindTests {
  @Test func kindFromPartNames() {
    let common = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml"]
    #expect(OOXMLExtractor.kind(partNames: common + ["word/document.xml", "word/styles.xml"]) == .docx)
    #expect(OOXMLExtractor.kind(partNames: common + ["word/document2.xml"]) == .docx)
    #expect(OOXMLExtractor.kind(partNames: common + ["xl/workbook.xml"]) == .xlsx)
    #expect(OOXMLExtractor.kind(partNames: common + ["ppt/presentation.xml"]) == .pptx)
    #expect(OOXMLExtractor.kind(partNames: ["word/document.xml"]) == nil)
    #expect(OOXMLExtractor.kind(partNames: common + ["xl/workbook.bin"]) == nil)
    #expect(OOXMLExtractor.kind(partNames: ["[content_types].xml", "XL/Workbook.xml"]) == .xlsx)
  }

  @Test func partsNeeded() {
    let xlsx = [
      "[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
      "xl/worksheets/_rels/sheet1.xml.rels", "xl/SharedStrings.xml", "xl/styles.xml", "xl/theme/theme1.xml",
    ]
    #expect(
      OOXMLExtractor.partsNeeded(.xlsx, partNames: xlsx) == [
        "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/SharedStrings.xml",
      ])
    let docx = [
      "[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/header1.xml", "word/footer12.xml",
      "word/comments.xml", "word/commentsExtended.xml", "word/footnotes.xml", "word/endnotes.xml",
      "word/_rels/document.xml.rels", "word/headerX.xml",
    ]
    #expect(
      OOXMLExtractor.partsNeeded(.docx, partNames: docx) == [
        "word/document.xml", "word/header1.xml", "word/footer12.xml", "word/comments.xml",
        "word/footnotes.xml",
        "word/endnotes.xml",
      ])
    let pptx = [
      "[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide1.xml",
      "ppt/slides/_rels/slide1.xml.rels",
      "ppt/notesSlides/notesSlide1.xml", "ppt/slideLayouts/slideLayout1.xml",
      "ppt/slideMasters/slideMaster1.xml",
    ]
    #expect(
      OOXMLExtractor.partsNeeded(.pptx, partNames: pptx) == [
        "ppt/slides/slide1.xml", "ppt/notesSlides/notesSlide1.xml",
      ])
  }
}

struct XLSXExtractionTests {
  static let workbook = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
    <sheets><sheet name="R&amp;D" sheetId="1" r:id="rId1"/><sheet name="Payroll" sheetId="2" r:id="rId2"/>\
    <sheet name="Chart" sheetId="3" r:id="rId3"/></sheets></workbook>
    """
  static let relationships = """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
    Target="worksheets/sheet2.xml"/>
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
    Target="/xl/worksheets/sheet1.xml"/>
    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" \
    Target="chartsheets/sheet1.xml"/>
    <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
    Target="sharedStrings.xml"/>
    </Relationships>
    """
  /// 0 Name; 1 rich runs "S" + "SN " with a phonetic run left out; 2 text with a newline and a
  /// tab; 3 empty; 4 an `_x000D_` escape.
  static let sharedStrings = """
    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">\
    <si><t>Name</t></si>\
    <si><r><rPr><b/><sz val="11"/></rPr><t>S</t></r><r><t xml:space="preserve">SN </t></r>\
    <rPh sb="0" eb="1"><t>ignored</t></rPh><phoneticPr fontId="1"/></si>\
    <si><t>Line1\nLine2\ttab</t></si>\
    <si/>\
    <si><t>a_x000D_b</t></si>\
    </sst>
    """
  /// R&D: shared strings, an inline string, the nine-digit number stored three ways, a gap of
  /// rows 2–4 and of column C, booleans, formulas.
  static let rAndD = """
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F6"/>
    <sheetData>
    <row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="3"/>\
    <c r="D1" t="inlineStr"><is><r><t>In</t></r><r><t>line</t></r></is></c></row>
    <row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5"><v>123456789</v></c><c r="D5" t="n"><v>1.23456789E8</v></c></row>
    <row r="6"><c r="B6"><v>123456789.0</v></c><c r="C6" t="b"><v>1</v></c><c r="E6"><v>3.25</v></c>\
    <c r="F6" t="str"><f>LOWER("X")</f><v>x</v></c><c r="G6" t="s"><v>3</v></c></row>
    </sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>
    """
  /// Payroll: rows and cells without `r`, a cell at AA, an error value, a `_x000D_` string.
  static let payroll = """
    <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>\
    <x:row><x:c><x:v>7</x:v></x:c><x:c t="s"><x:v>4</x:v></x:c></x:row>\
    <x:row r="3"><x:c r="AA3" t="e"><x:v>#N/A</x:v></x:c></x:row>\
    <x:row><x:c r="B4" t="b"><x:v>0</x:v></x:c><x:c><x:v>-4.5E1</x:v></x:c></x:row>\
    </x:sheetData></x:worksheet>
    """

  static let book = parts([
    "[Content_Types].xml": "<Types/>",
    "xl/workbook.xml": workbook,
    "xl/_rels/workbook.xml.rels": relationships,
    "xl/SharedStrings.xml": sharedStrings,
    "xl/worksheets/sheet1.xml": payroll,
    "xl/worksheets/sheet2.xml": rAndD,
  ])

  @Test func sheetsInWorkbookOrderWithExactRowsAndColumns() {
    let texts = OOXMLExtractor.extract(.xlsx, parts: Self.book)
    #expect(
      render(texts) == [
        "sheet: R&D|T|Name\tSSN \t\tInline\n\n\n\nLine1 Line2 tab\t123456789\t\t123456789\n"
          + "\t123456789\tTRUE\t\t3.25\tx\n",
        "sheet: Payroll|T|7\ta b\n\n" + String(repeating: "\t", count: 26) + "#N/A\n\tFALSE\t-45\n",
      ])
  }

  @Test func nineDigitNumberLandsAtItsRowAndColumn() throws {
    let sheet = try #require(OOXMLExtractor.extract(.xlsx, parts: Self.book).first)
    #expect(field(sheet, line: 1, column: 1) == "SSN ")
    #expect(field(sheet, line: 5, column: 1) == "123456789")
    #expect(field(sheet, line: 5, column: 3) == "123456789")
    #expect(field(sheet, line: 6, column: 1) == "123456789")
    #expect(field(sheet, line: 3, column: 0) == "")
  }

  @Test func workbookWithoutRelationshipsFallsBackToPositions() {
    var book = Self.book
    book["xl/_rels/workbook.xml.rels"] = nil
    // Without the links, sheet N of the workbook is taken to be sheetN.xml.
    #expect(OOXMLExtractor.extract(.xlsx, parts: book).map(\.part) == ["sheet: R&D", "sheet: Payroll"])
    #expect(field(OOXMLExtractor.extract(.xlsx, parts: book)[0], line: 1, column: 0) == "7")
    book["xl/workbook.xml"] = nil
    #expect(OOXMLExtractor.extract(.xlsx, parts: book).map(\.part) == ["sheet: sheet1", "sheet: sheet2"])
  }

  @Test func gapsGiveExactEmptyLinesAndFields() {
    let sheet = """
      <worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c>\
      <c r="D1" t="inlineStr"><is><t>d</t></is></c></row>\
      <row r="5"><c r="C5"><v>5</v></c></row></sheetData></worksheet>
      """
    let texts = OOXMLExtractor.extract(
      .xlsx,
      parts: parts([
        "xl/workbook.xml": #"<workbook><sheets><sheet name="S" r:id="x"/></sheets></workbook>"#,
        "xl/worksheets/sheet1.xml": sheet,
      ]))
    #expect(render(texts) == ["sheet: S|T|a\t\t\td\n\n\n\n\t\t5\n"])
  }

  @Test func truncatedSheetKeepsWhatItHad() {
    let sheet =
      #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c><c r="B1"><v>12"#
    let texts = OOXMLExtractor.extract(.xlsx, parts: parts(["xl/worksheets/sheet1.xml": sheet]))
    #expect(render(texts) == ["sheet: sheet1|T|ok\n"])
  }

  @Test func cellsOutsideTheGridAreDropped() {
    let sheet = """
      <worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c></row>\
      <row r="1048577"><c r="A1048577"><v>3</v></c></row></sheetData></worksheet>
      """
    let texts = OOXMLExtractor.extract(.xlsx, parts: parts(["xl/worksheets/sheet1.xml": sheet]))
    #expect(render(texts) == ["sheet: sheet1|T|1\n"])
  }
}

struct DOCXExtractionTests {
  static let document = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>
    <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Employee</w:t></w:r>\
    <w:r><w:t xml:space="preserve"> record</w:t></w:r></w:p>
    <w:p><w:r><w:t>SSN:</w:t><w:tab/><w:t>123-45-</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>6789</w:t></w:r>\
    <w:r><w:br/><w:t>next line</w:t></w:r></w:p>
    <w:p/>
    <w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>SSN</w:t></w:r></w:p>\
    </w:tc><w:tc><w:p/></w:tc></w:tr>
    <w:tr><w:tc><w:p><w:r><w:t>Ann</w:t></w:r></w:p><w:p><w:r><w:t>Lee</w:t></w:r></w:p></w:tc>\
    <w:tc><w:p><w:r><w:t>078-05-1120</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>
    <w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>
    <w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t xml:space="preserve">Box </w:t></w:r></mc:Choice>\
    <mc:Fallback><w:r><w:t>Box</w:t></w:r></mc:Fallback></mc:AlternateContent>\
    <w:del><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:noBreakHyphen/><w:t>new</w:t></w:r></w:p>
    <w:sectPr/></w:body></w:document>
    """

  static func part(_ body: String, root: String = "w:hdr") -> String {
    #"<\#(root) xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\#(body)</\#(root)>"#
  }

  @Test func paragraphsTablesAndSideParts() {
    let docx = parts([
      "[Content_Types].xml": "<Types/>",
      "word/document.xml": Self.document,
      "word/header1.xml": Self.part("<w:p><w:r><w:t>Confidential &amp; private</w:t></w:r></w:p>"),
      "word/header2.xml": Self.part("<w:p/>"),
      "word/footer10.xml": Self.part("<w:p><w:r><w:t>Footer ten</w:t></w:r></w:p>", root: "w:ftr"),
      "word/footer2.xml": Self.part("<w:p><w:r><w:t>Footer two</w:t></w:r></w:p>", root: "w:ftr"),
      "word/comments.xml": Self.part(
        #"<w:comment w:id="0" w:author="Ann Lee"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>Check DOB 01/02/1980</w:t>"#
          + #"</w:r></w:p></w:comment><w:comment w:id="1"><w:p><w:r><w:t>Second</w:t></w:r></w:p></w:comment>"#,
        root: "w:comments"),
      "word/styles.xml": Self.part("<w:style><w:name w:val=\"Normal\"/></w:style>", root: "w:styles"),
    ])
    #expect(
      render(OOXMLExtractor.extract(.docx, parts: docx)) == [
        "document|P|Employee record\nSSN: 123-45-6789\nnext line\nName\tSSN\t\nAnn Lee\t078-05-1120\tx\nBox old-new\n",
        "header1|P|Confidential & private\n",
        "footer2|P|Footer two\n",
        "footer10|P|Footer ten\n",
        "comments|P|Check DOB 01/02/1980\nSecond\n",
      ])
  }

  @Test func nestedTableStaysInItsCell() {
    let body = """
      <w:tbl><w:tr><w:tc><w:p><w:r><w:t>outer</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>in1</w:t></w:r></w:p>\
      </w:tc><w:tc><w:p><w:r><w:t>in2</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>right</w:t>\
      </w:r></w:p></w:tc></w:tr></w:tbl>
      """
    let texts = OOXMLExtractor.extract(
      .docx, parts: parts(["word/document.xml": Self.part(body, root: "w:document")]))
    #expect(render(texts) == ["document|P|outer in1 in2\tright\n"])
  }

  @Test func malformedDocumentReturnsWhatItCould() {
    let body = """
      <w:body><w:p><w:r><w:t>A &bogus; &#xZZZ; &#99999999; B</w:t></w:r></w:p><w:p><w:r><w:t>unclosed
      """
    let texts = OOXMLExtractor.extract(
      .docx, parts: parts(["word/document.xml": Self.part(body, root: "w:document")]))
    #expect(render(texts) == ["document|P|A &bogus; &#xZZZ; &#99999999; B\nunclosed\n"])
  }
}

struct PPTXExtractionTests {
  static func slide(_ paragraphs: String) -> String {
    """
    <p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
    xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp>\
    <p:nvSpPr><p:cNvPr id="2" name="Title 1"/></p:nvSpPr><p:txBody><a:bodyPr/>\(paragraphs)</p:txBody></p:sp>\
    </p:spTree></p:cSld></p:sld>
    """
  }

  static func run(_ text: String) -> String { "<a:r><a:rPr lang=\"en-US\"/><a:t>\(text)</a:t></a:r>" }

  @Test func slidesThenNotesInNumericOrder() {
    let pptx = parts([
      "[Content_Types].xml": "<Types/>",
      "ppt/presentation.xml": "<p:presentation/>",
      "ppt/slides/slide10.xml": Self.slide("<a:p>\(Self.run("Ten"))</a:p>"),
      "ppt/slides/slide2.xml": Self.slide(
        "<a:p>\(Self.run("Line"))<a:br/>\(Self.run("two"))</a:p><a:p>\(Self.run("SSN "))\(Self.run("078-05-1120"))</a:p>"
      ),
      "ppt/slides/slide1.xml": Self.slide(
        "<a:p>\(Self.run("Title"))</a:p><a:p/><a:tbl><a:tr><a:tc><a:txBody><a:p>\(Self.run("k"))</a:p></a:txBody></a:tc>"
          + "<a:tc><a:txBody><a:p>\(Self.run("v"))</a:p></a:txBody></a:tc></a:tr></a:tbl>"),
      "ppt/notesSlides/notesSlide10.xml": Self.slide("<a:p>\(Self.run("Notes ten"))</a:p>"),
      "ppt/notesSlides/notesSlide2.xml": Self.slide("<a:p>\(Self.run("Notes two"))</a:p>"),
      "ppt/slideLayouts/slideLayout1.xml": Self.slide("<a:p>\(Self.run("Click to edit"))</a:p>"),
    ])
    #expect(
      render(OOXMLExtractor.extract(.pptx, parts: pptx)) == [
        "slide 1|P|Title\nk\tv\n",
        "slide 2|P|Line\ntwo\nSSN 078-05-1120\n",
        "slide 10|P|Ten\n",
        "notes 2|P|Notes two\n",
        "notes 10|P|Notes ten\n",
      ])
  }
}
