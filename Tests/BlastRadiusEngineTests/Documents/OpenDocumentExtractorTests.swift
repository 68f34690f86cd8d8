import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusReport
@testable import BlastRadiusScan
@testable import BlastRadiusWalk

/// Each extracted part as "name|table|text" (table is "T" or "P").
private func render(_ texts: [DocumentText]) -> [String] {
  texts.map { "\($0.part)|\($0.isTable ? "T" : "P")|" + String(decoding: $0.text, as: UTF8.self) }
}

private func content(_ body: String) -> [String: [UInt8]] {
  let xml = """
    <?xml version="1.0" encoding="UTF-8"?>
    <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
    xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
    xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" \
    xmlns:dc="http://purl.org/dc/elements/1.1/"><office:automatic-styles><style:style style:name="P1"/>\
    </office:automatic-styles><office:body>\(body)</office:body></office:document-content>
    """
  return ["mimetype": Array("application/vnd.oasis.opendocument.text".utf8), "content.xml": Array(xml.utf8)]
}

struct OpenDocumentExtractionTests {
  @Test func kindFromMimetype() {
    let kind = { (s: String) in OpenDocumentExtractor.kind(mimetype: Array(s.utf8)) }
    #expect(kind("application/vnd.oasis.opendocument.text") == .odt)
    #expect(kind("application/vnd.oasis.opendocument.spreadsheet\n") == .ods)
    #expect(kind("application/vnd.oasis.opendocument.presentation") == .odp)
    #expect(kind("application/vnd.oasis.opendocument.spreadsheet-template") == .ods)
    #expect(kind("application/vnd.oasis.opendocument.graphics") == nil)
    #expect(kind("application/zip") == nil)
    #expect(OpenDocumentExtractor.partsNeeded(.odt) == ["content.xml", "styles.xml"])
    #expect(OpenDocumentExtractor.partsNeeded(.ods) == ["content.xml"])
  }

  @Test func textParagraphsHeadingsTablesNotesAndHeaders() {
    var parts = content(
      """
      <office:text><text:sequence-decls/>
      <text:h text:outline-level="1">Staff &amp; Pay</text:h>
      <text:p text:style-name="P1">SSN:<text:s/>123-45-<text:span text:style-name="T1">6789</text:span>\
      <text:line-break/>Next<text:tab/>col</text:p>
      <text:p/>
      <text:list><text:list-item><text:p>Item one</text:p></text:list-item></text:list>
      <table:table table:name="Table1"><table:table-column table:number-columns-repeated="2"/>\
      <table:table-row><table:table-cell><text:p>A</text:p></table:table-cell><table:table-cell><text:p>B</text:p>\
      <text:p>more</text:p></table:table-cell></table:table-row></table:table>
      <text:p>Body<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>\
      <text:p>Footnote text</text:p></text:note-body></text:note> after</text:p>
      <text:p>Said<office:annotation><dc:creator>Ann Lee</dc:creator><dc:date>2024-01-02T00:00:00</dc:date>\
      <text:p>Verify</text:p></office:annotation> so</text:p>
      </office:text>
      """)
    parts["styles.xml"] = Array(
      """
      <office:document-styles><office:automatic-styles><style:page-layout><style:header-style/></style:page-layout>\
      </office:automatic-styles><office:master-styles><style:master-page style:name="Standard">\
      <style:header><text:p>Acme HR</text:p></style:header><style:header-left><text:p>Left head</text:p>\
      </style:header-left><style:footer><text:p>Page <text:page-number>1</text:page-number></text:p></style:footer>\
      </style:master-page></office:master-styles></office:document-styles>
      """.utf8)
    #expect(
      render(OpenDocumentExtractor.extract(.odt, parts: parts)) == [
        "document|P|Staff & Pay\nSSN: 123-45-6789\nNext col\nItem one\nA\tB more\nBody1\nFootnote text\nafter\n"
          + "Said\nVerify\nso\n",
        "header|P|Acme HR\nLeft head\n",
        "footer|P|Page 1\n",
      ])
  }

  @Test func spreadsheetCellsRepeatsNumbersAndComments() {
    let parts = content(
      """
      <office:spreadsheet><table:calculation-settings/>
      <table:table table:name="R&amp;D"><table:table-column table:number-columns-repeated="3"/>
      <table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell>\
      <table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>SSN</text:p></table:table-cell>\
      <table:table-cell table:number-columns-repeated="16380"/></table:table-row>
      <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/>\
      </table:table-row>
      <table:table-row><table:table-cell office:value-type="float" office:value="123456789">\
      <text:p>123,456,789</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1.5">\
      <text:p>1.50</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"><text:p>x</text:p>\
      </table:table-cell><table:table-cell><text:p>a</text:p><text:p>b<text:s text:c="2"/>c<text:tab/>d</text:p>\
      </table:table-cell><table:covered-table-cell/><table:table-cell office:value-type="float" \
      office:value="1.23456789E8"><text:p>1.2E+08</text:p></table:table-cell></table:table-row>
      <table:table-row><table:table-cell><office:annotation><dc:creator>Ann</dc:creator>\
      <dc:date>2024-01-01T00:00:00</dc:date><text:p>Verify SSN</text:p></office:annotation>\
      <text:p>noted</text:p></table:table-cell><table:table-cell office:value-type="percentage" \
      office:value="0.15"><text:p>15%</text:p></table:table-cell></table:table-row>
      <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/>\
      </table:table-row>
      </table:table>
      <table:table table:name="Empty"><table:table-row table:number-rows-repeated="1048576">\
      <table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>
      </office:spreadsheet>
      """)
    #expect(
      render(OpenDocumentExtractor.extract(.ods, parts: parts)) == [
        "sheet: R&D|T|Name\t\t\tSSN\n\n\n123456789\t1.5\tx\tx\ta b  c d\t\t123456789\nnoted\t15%\n",
        "comments|P|Verify SSN\n",
      ])
  }

  @Test func repeatedContentIsCappedButLaterPositionsStayExact() throws {
    let parts = content(
      """
      <office:spreadsheet><table:table table:name="Big">\
      <table:table-row><table:table-cell table:number-columns-repeated="1500"><text:p>y</text:p></table:table-cell>\
      <table:table-cell><text:p>end</text:p></table:table-cell></table:table-row>\
      <table:table-row table:number-rows-repeated="1200"><table:table-cell><text:p>v</text:p></table:table-cell>\
      </table:table-row>\
      <table:table-row><table:table-cell><text:p>last</text:p></table:table-cell></table:table-row>\
      <table:table-row table:number-rows-repeated="99999999999"><table:table-cell/></table:table-row>\
      </table:table></office:spreadsheet>
      """)
    let sheet = try #require(OpenDocumentExtractor.extract(.ods, parts: parts).first)
    let first =
      Array(repeating: "y", count: 1000).joined(separator: "\t") + String(repeating: "\t", count: 501) + "end"
    let expected =
      first + "\n" + String(repeating: "v\n", count: 1000) + String(repeating: "\n", count: 200) + "last\n"
    #expect(sheet.part == "sheet: Big")
    #expect(sheet.isTable)
    #expect(String(decoding: sheet.text, as: UTF8.self) == expected)
  }

  @Test func presentationSlidesAndNotes() {
    let parts = content(
      """
      <office:presentation>\
      <draw:page draw:name="page1"><draw:frame><draw:text-box><text:p>Hello</text:p><text:p>SSN 078-05-1120</text:p>\
      </draw:text-box></draw:frame><presentation:notes><draw:page-thumbnail/><draw:frame><draw:text-box>\
      <text:p>Say hi</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>\
      <draw:page draw:name="page2"/>\
      <draw:page draw:name="page3"><draw:frame><draw:text-box><text:p>Third</text:p></draw:text-box></draw:frame>\
      </draw:page></office:presentation>
      """)
    #expect(
      render(OpenDocumentExtractor.extract(.odp, parts: parts)) == [
        "slide 1|P|Hello\nSSN 078-05-1120\n", "slide 3|P|Third\n", "notes 1|P|Say hi\n",
      ])
  }

  @Test func malformedContentReturnsWhatItCould() {
    let ods = content(
      #"<office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell><text:p>ok &bad; &#x41;"#
    )
    #expect(render(OpenDocumentExtractor.extract(.ods, parts: ods)) == ["sheet: S|T|ok &bad; A\n"])
    let odt = content("<office:text><text:p>one</text:p><text:p>two <text:span>three")
    #expect(render(OpenDocumentExtractor.extract(.odt, parts: odt)) == ["document|P|one\ntwo three\n"])
    #expect(OpenDocumentExtractor.extract(.odt, parts: [:]).isEmpty)
  }
}
