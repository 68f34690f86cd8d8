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

struct XMLTextReaderTests {
  /// Every token as a line: "start NAME", "empty NAME", "end NAME", "text …".
  static func tokens(_ xml: String, html: Bool = false) -> [String] {
    var reader = XMLTextReader(Array(xml.utf8), html: html)
    var result: [String] = []
    while let token = reader.next() {
      switch token {
      case .start(let tag): result.append("start " + String(decoding: tag.name, as: UTF8.self))
      case .selfClosing(let tag): result.append("empty " + String(decoding: tag.name, as: UTF8.self))
      case .end(let tag): result.append("end " + String(decoding: tag.name, as: UTF8.self))
      case .text(let text): result.append("text " + String(decoding: text, as: UTF8.self))
      case .comment(let text): result.append("comment " + String(decoding: text, as: UTF8.self))
      }
    }
    return result
  }

  static func firstTag(_ xml: String, html: Bool = false) -> XMLTextReader.Tag? {
    var reader = XMLTextReader(Array(xml.utf8), html: html)
    while let token = reader.next() {
      if case .start(let tag) = token { return tag }
      if case .selfClosing(let tag) = token { return tag }
    }
    return nil
  }

  static func string(_ bytes: ArraySlice<UInt8>?) -> String? {
    bytes.map { String(decoding: $0, as: UTF8.self) }
  }

  @Test func tagsTextEntitiesAndSkippedMarkup() {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY e "v">]>\
      <a:root x="1"><!-- a <comment> --><w:t>A &lt; B &amp; C &#233;&#xE9;&#x1F600; &quot;q&apos;</w:t>\
      <br/><?pi stuff?><![CDATA[<raw> &amp;]]></a:root>
      """
    #expect(
      Self.tokens(xml) == [
        "start a:root", "comment  a <comment> ", "start w:t", "text A < B & C éé😀 \"q'", "end w:t",
        "empty br",
        "text <raw> &amp;",
        "end a:root",
      ])
  }

  @Test func attributesDecodedAndFoundByQualifiedOrLocalName() throws {
    let tag = try #require(
      Self.firstTag(#"<sheet name="R&amp;D" sheetId="2" r:id = 'rId3' state="hidden"/>"#))
    #expect(tag.localName == "sheet")
    #expect(Self.string(tag.attribute("name")) == "R&D")
    #expect(Self.string(tag.attribute("r:id")) == "rId3")
    #expect(Self.string(tag.attribute(local: "id")) == "rId3")
    #expect(tag.attribute("id") == nil)
    #expect(
      tag.attributes.map { String(decoding: $0.name, as: UTF8.self) } == ["name", "sheetId", "r:id", "state"])
    #expect(
      tag.attributes.map { String(decoding: $0.value, as: UTF8.self) } == ["R&D", "2", "rId3", "hidden"])
  }

  @Test func quotedGreaterThanDoesNotEndATag() {
    #expect(Self.tokens(#"<a title="x > y">t</a>"#) == ["start a", "text t", "end a"])
  }

  @Test func htmlHabits() throws {
    let html =
      #"<INPUT Value=123-45-6789 disabled><Script>if (a<b) x = "</p>";</SCRIPT><p>caf&eacute;&nbsp;ok"#
    #expect(
      Self.tokens(html, html: true) == [
        "start INPUT", "start Script", #"text if (a<b) x = "</p>";"#, "end SCRIPT", "start p", "text café ok",
      ])
    let tag = try #require(Self.firstTag(html, html: true))
    #expect(tag.localName == "input")
    #expect(Self.string(tag.attribute("value")) == "123-45-6789")
    #expect(Self.string(tag.attribute("disabled")) == "")
    // Outside HTML mode, HTML's named entities are not XML's.
    #expect(Self.tokens("<p>caf&eacute;</p>") == ["start p", "text caf&eacute;", "end p"])
  }

  @Test func malformedInputStopsWithWhatItHad() {
    // Unclosed elements: tokens as far as they go.
    #expect(Self.tokens("<a><b>text") == ["start a", "start b", "text text"])
    // Unknown, broken and out-of-range entities stay as written.
    #expect(
      Self.tokens("<t>&bogus; &#xZZ; & x &#0; &#1114112; &#65</t>") == [
        "start t", "text &bogus; &#xZZ; & x &#0; &#1114112; &#65", "end t",
      ])
    // A stray `<` is text.
    #expect(Self.tokens("<p>a < b <3</p>") == ["start p", "text a < b <3", "end p"])
    // What follows an unterminated comment, instruction, tag or end tag is not hidden: the
    // comment runs to the end, the rest is text.
    #expect(Self.tokens("<a>x<!-- never 123-45-6789") == ["start a", "text x", "comment  never 123-45-6789"])
    #expect(Self.tokens("<a>x<?pi") == ["start a", "text x", "text <?pi"])
    #expect(Self.tokens("<a>x<b attr=\"oops") == ["start a", "text x", "text <b attr=\"oops"])
    #expect(Self.tokens("<a>x</a") == ["start a", "text x", "text </a"])
    #expect(
      Self.tokens("<html><!--\nname,ssn\nAnn,123-45-6789\n") == [
        "start html", "comment \nname,ssn\nAnn,123-45-6789\n",
      ])
    // An unterminated CDATA keeps its text.
    #expect(Self.tokens("<a><![CDATA[123-45-6789") == ["start a", "text 123-45-6789"])
    // An unclosed quote falls back to the first `>`.
    #expect(Self.tokens("<a title=\"x>y</a>") == ["start a", "text y", "end a"])
    #expect(Self.tokens("") == [])
    #expect(Self.tokens("</>x<") == ["text x<"])
  }

  @Test func everyPrefixAndCorruptionTerminates() {
    let xml = Array(
      #"""
      <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><w:document a='1' b="2&amp;"><w:p><w:t>A&#233;</w:t>\
      <!-- c --><![CDATA[d]]><br/></w:p></w:document>
      """#.utf8)
    for n in 0...xml.count {
      var reader = XMLTextReader(Array(xml[..<n]))
      var steps = 0
      while reader.next() != nil { steps += 1 }
      #expect(steps <= n)
    }
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<300 {
      var bytes = xml
      for _ in 0..<4 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let i = Int(seed >> 33) % bytes.count
        bytes[i] = [0x3C, 0x3E, 0x26, 0x22, 0x2F, 0x21, 0x3F, 0x5B, 0x5D, 0x3B][Int(seed >> 20) % 10]
      }
      for html in [false, true] {
        var reader = XMLTextReader(bytes, html: html)
        var steps = 0
        while reader.next() != nil { steps += 1 }
        #expect(steps <= bytes.count)
      }
    }
  }
}

struct DocumentTextTests {
  static func plain(_ s: String) -> String {
    String(decoding: DocumentText.plainNumber(Array(s.utf8)), as: UTF8.self)
  }

  @Test func integralNumbersLoseExponentAndPoint() {
    #expect(Self.plain("123456789") == "123456789")
    #expect(Self.plain("1.23456789E8") == "123456789")
    #expect(Self.plain("1.23456789E+8") == "123456789")
    #expect(Self.plain("123456789.0") == "123456789")
    #expect(Self.plain("123456789.000") == "123456789")
    #expect(Self.plain("1.5E1") == "15")
    #expect(Self.plain("-1.5E2") == "-150")
    #expect(Self.plain("1E+20") == "100000000000000000000")
    #expect(Self.plain("12300E-2") == "123")
    #expect(Self.plain("0.0") == "0")
    #expect(Self.plain("-0.0") == "0")
  }

  @Test func othersStayAsWritten() {
    #expect(Self.plain("3.25") == "3.25")
    #expect(Self.plain("1.2345E2") == "1.2345E2")
    #expect(Self.plain("1.5E-3") == "1.5E-3")
    #expect(Self.plain("007") == "007")
    #expect(Self.plain("1E+400") == "1E+400")
    #expect(Self.plain("12a") == "12a")
    #expect(Self.plain("E5") == "E5")
    #expect(Self.plain("1.0E") == "1.0E")
    #expect(Self.plain("") == "")
  }

  @Test func tableWriterKeepsPositionsAndCleansCells() {
    var writer = DocumentText.TableWriter()
    writer.put(row: 2, column: 1, Array("a\tb\nc\r".utf8))
    writer.put(row: 2, column: 3, Array("d".utf8))
    writer.put(row: 2, column: 4, [UInt8]())
    writer.put(row: 4, column: 0, Array("e".utf8))
    // Out of order (a malformed sheet): merged in at the end.
    writer.put(row: 2, column: 0, Array("late".utf8))
    writer.put(row: 2, column: 1, Array("dup".utf8))
    writer.put(row: 3, column: 2, Array("f".utf8))
    #expect(String(decoding: writer.finish(), as: UTF8.self) == "\nlate\ta b c \t\td\n\t\tf\ne\n")
  }

  @Test func tableWriterStopsAtItsLimit() {
    var writer = DocumentText.TableWriter(limit: 10)
    writer.put(row: 1, column: 0, Array("12345".utf8))
    writer.put(row: 2, column: 0, Array("67890".utf8))
    writer.put(row: 3, column: 0, Array("x".utf8))
    #expect(writer.isFull)
    #expect(String(decoding: writer.finish(), as: UTF8.self) == "12345\n")
  }

  @Test func proseWriterCollapsesSpaceAndJoinsCells() {
    var writer = DocumentText.ProseWriter()
    writer.text(Array("  Hello \n  world ".utf8))
    writer.lineBreak()
    writer.lineBreak()
    writer.beginRow()
    writer.beginCell()
    writer.text(Array(" a ".utf8))
    writer.lineBreak()
    writer.text(Array("b".utf8))
    writer.endCell()
    writer.beginCell()
    writer.endCell()
    writer.beginCell()
    writer.text(Array("c".utf8))
    writer.endCell()
    writer.endRow()
    writer.beginRow()
    writer.beginCell()
    writer.endCell()
    writer.endRow()
    writer.text(Array("tail".utf8))
    #expect(String(decoding: writer.finish(), as: UTF8.self) == "Hello world\na b\t\tc\ntail\n")
  }
}
