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

struct MarkupTextTests {
  static func html(_ s: String) -> String { String(decoding: MarkupText.html(Array(s.utf8)), as: UTF8.self) }
  static func xml(_ s: String) -> String { String(decoding: MarkupText.xml(Array(s.utf8)), as: UTF8.self) }

  @Test func pageTextTablesAttributesScriptsAndComments() {
    let page = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Staff &amp; pay</title>
      <style>p { color: red; } td > b { x: "<td>" }</style>
      <script>var a = 1 < 2; document.write("<p>123-45-6789</p>");</script>
      <!-- <p>commented out</p> -->
      </head>
      <body><h1>Records</h1>
      <p>Jos&eacute; &copy; 2024&nbsp;&#8212; ok &bogus; &#x41;</p>
      <table>
        <tr><th>Name</th><th>SSN</th></tr>
        <tr><td>Ann</td><td>078-05-1120</td></tr>
        <tr><td><a href="mailto:ann@example.com">Mail</a><td>x
      </table>
      <form><label>SSN <input type="text" value="123-45-6789"></label>\
      <img src="a.png" alt="Photo of Ann" data-ssn="987-65-4320"></form>
      <div>One<br>Two<BR/>Three</div><ul><li>first<li>second</ul>
      </body></html>
      """
    #expect(
      Self.html(page) == """
        Staff & pay
        var a = 1 < 2; document.write("<p>123-45-6789</p>");
        <p>commented out</p>
        Records
        José © 2024 — ok &bogus; A
        Name\tSSN
        Ann\t078-05-1120
        Mail\tx
        mailto:ann@example.com
        SSN
        123-45-6789
        Photo of Ann
        987-65-4320
        One
        Two
        Three
        first
        second

        """)
  }

  @Test func nestedTablesAndCellBreaksKeepRows() {
    let page = """
      <table><tr><td>a<br>b</td><td><table><tr><td>in1</td><td>in2</td></tr></table></td><td><p>c</p><p>d</p></td></tr>\
      <tr><td></td><td> </td></tr><tr><td>e</td></tr></table>
      """
    #expect(Self.html(page) == "a b\tin1 in2\tc d\ne\n")
  }

  @Test func malformedHTMLReturnsWhatItCould() {
    #expect(Self.html("<p>unclosed <b>bold <i>text") == "unclosed bold text\n")
    #expect(Self.html("<p>a < b & c</p><p title=\"t") == "a < b & c\n<p title=\"t\n")
    #expect(Self.html("<script>never closed 123-45-6789") == "never closed 123-45-6789\n")
    #expect(
      Self.html(#"<script type="application/json">{"ssn": "123-45-6789"}</script><p>x</p>"#)
        == "{\"ssn\": \"123-45-6789\"}\nx\n")
    #expect(Self.html("</td></tr></table>x") == "x\n")
    #expect(Self.html("") == "")
  }

  @Test func genericXMLTextAndAttributes() {
    let xml = """
      <?xml version="1.0"?>
      <people xmlns="urn:x" xmlns:p="urn:p">
        <person id="7" p:ssn="123-45-6789" empty="">
          <name>Ann &amp; Bo</name>
          <note><![CDATA[DOB <1980-01-02>]]></note>
          <address>1 Main St
            Springfield</address>
        </person>
      </people>
      """
    #expect(Self.xml(xml) == "7\n123-45-6789\nAnn & Bo\nDOB <1980-01-02>\n1 Main St Springfield\n")
    #expect(Self.xml("<a x=\"1\"><b>two &#x33;<c") == "1\ntwo 3\n<c\n")
    #expect(Self.xml("\u{FEFF}<?xml version=\"1.0\"?><a>b</a>") == "b\n")
    #expect(Self.html("\u{FEFF}<p>b</p>") == "b\n")
  }
}
