/// A Word letter (`.docx`): a letterhead, 2–20 pages of prose with a few labelled SSNs (`SSN: 123-45-6789`), a
/// small table of employees with their dashed SSNs, and reviewer comments in `word/comments.xml`, one of which may
/// carry an SSN.
///
/// Word splits text into runs wherever formatting or spell-checking changes; some planted SSNs are split the same
/// way (the label in a bold run, or the number itself across two runs), which the reader must join.
struct LetterBuilder {
  var factory: FakeDataFactory
  private(set) var planted = 0

  /// About 450 words a page: seven paragraphs of five sentences of twelve words.
  static let paragraphsPerPage = 7

  init(factory: FakeDataFactory) {
    self.factory = factory
  }

  private static func run(_ text: String, bold: Bool = false) -> String {
    let properties = bold ? "<w:rPr><w:b/></w:rPr>" : ""
    return "<w:r>\(properties)<w:t xml:space=\"preserve\">\(XMLEscaping.escape(text))</w:t></w:r>"
  }

  private static func paragraph(_ runs: String, style: String? = nil) -> String {
    let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
    return "<w:p>\(properties)\(runs)</w:p>"
  }

  /// A paragraph of prose around one planted sentence, its SSN in runs of its own.
  private mutating func plantedParagraph() -> String {
    let person = factory.person()
    let ssn = ValueFormat.dashedSSN(person.ssn)
    planted += 1
    let sentence = DocumentProse.plantedSentence(name: person.fullName, ssn: ssn, &factory.rng)
    let range = sentence.range(of: ssn)!
    let before = String(sentence[..<range.lowerBound])
    let after = String(sentence[range.upperBound...])
    var runs = Self.run(DocumentProse.paragraph(&factory.rng, sentences: 1...3) + " ")
    switch factory.rng.below(3) {
    case 0:
      runs += Self.run(before) + Self.run(ssn)
    case 1:
      // The label in bold: "SSN:" in a run of its own.
      let label = before.range(of: "SSN:")!
      runs += Self.run(String(before[..<label.lowerBound])) + Self.run("SSN:", bold: true)
      runs += Self.run(String(before[label.upperBound...])) + Self.run(ssn)
    default:
      // A proofing mark splitting the number itself.
      let cut = ssn.index(ssn.startIndex, offsetBy: factory.rng.pick([4, 7]))
      runs += Self.run(before) + Self.run(String(ssn[..<cut])) + "<w:proofErr w:type=\"spellStart\"/>"
      runs += Self.run(String(ssn[cut...])) + "<w:proofErr w:type=\"spellEnd\"/>"
    }
    runs += Self.run(after + " " + DocumentProse.paragraph(&factory.rng, sentences: 1...3))
    return Self.paragraph(runs)
  }

  private static func cell(_ text: String, width: Int, bold: Bool = false) -> String {
    "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>\(paragraph(run(text, bold: bold)))</w:tc>"
  }

  /// Employees named in the letter: name, department, SSN, start date. The SSN cells have no label of their own on
  /// their line (cells are read as tab-separated fields), and a dashed SSN needs none.
  private mutating func table(rows: Int) -> String {
    let widths = [2800, 2400, 1800, 1800]
    var xml =
      "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>"
    for width in widths { xml += "<w:gridCol w:w=\"\(width)\"/>" }
    xml += "</w:tblGrid><w:tr>"
    for (title, width) in zip(["Employee", "Department", "SSN", "Start date"], widths) {
      xml += Self.cell(title, width: width, bold: true)
    }
    xml += "</w:tr>"
    for _ in 0..<rows {
      let person = factory.person()
      planted += 1
      let start = DocumentProse.date(&factory.rng)
      xml += "<w:tr>" + Self.cell(person.fullName, width: widths[0])
      xml += Self.cell(factory.rng.pick(NameBank.departments), width: widths[1])
      xml += Self.cell(ValueFormat.dashedSSN(person.ssn), width: widths[2])
      xml += Self.cell(start.usNumeric, width: widths[3]) + "</w:tr>"
    }
    return xml + "</w:tbl>"
  }

  mutating func build(pages: Int, modified: Int) throws -> GeneratedDocument {
    planted = 0
    let recipient = factory.person()
    let signer = "\(factory.rng.pick(NameBank.firstNames)) \(factory.rng.pick(NameBank.lastNames))"
    let reviewer = "\(factory.rng.pick(NameBank.firstNames)) \(factory.rng.pick(NameBank.lastNames))"
    let sent = DocumentProse.date(&factory.rng)

    let paragraphs = pages * Self.paragraphsPerPage
    var plants = Set<Int>()
    let plantCount = min(paragraphs - 1, factory.rng.int(in: 2...4))
    while plants.count < plantCount { plants.insert(factory.rng.int(in: 1...(paragraphs - 1))) }
    let tableAfter = factory.rng.int(in: 1...min(paragraphs - 1, 10))
    // Each comment is anchored on a prose paragraph of its own.
    let commentCount = factory.rng.int(in: 1...3)
    var anchors: [Int: Int] = [:]
    while anchors.count < commentCount {
      let index = factory.rng.below(paragraphs)
      if !plants.contains(index), anchors[index] == nil { anchors[index] = anchors.count }
    }

    var body = ""
    body.reserveCapacity(paragraphs * 900 + 4096)
    // The first line names no fields (no commas): it must not read as a delimited header.
    body += Self.paragraph(Self.run("Northwind Analytics Inc.", bold: true))
    body += Self.paragraph(Self.run("Human Resources Department"))
    body += Self.paragraph(Self.run(sent.longForm))
    body += Self.paragraph(Self.run("Dear \(recipient.fullName),"))
    for index in 0..<paragraphs {
      if plants.contains(index) {
        body += plantedParagraph()
      } else if let id = anchors[index] {
        body += Self.paragraph(
          "<w:commentRangeStart w:id=\"\(id)\"/>"
            + Self.run(DocumentProse.paragraph(&factory.rng, sentences: 4...6))
            + "<w:commentRangeEnd w:id=\"\(id)\"/><w:r><w:commentReference w:id=\"\(id)\"/></w:r>")
      } else {
        var text = DocumentProse.paragraph(&factory.rng, sentences: 4...6)
        if factory.rng.percent(20) { text += " " + DocumentProse.decoySentence(&factory.rng) }
        body += Self.paragraph(Self.run(text))
      }
      if index == tableAfter {
        body += Self.paragraph(Self.run("The employees concerned are listed below."))
        body += table(rows: factory.rng.int(in: 3...6))
      }
    }
    body += Self.paragraph(Self.run("Sincerely,"))
    body += Self.paragraph(Self.run(signer))
    body += Self.paragraph(Self.run("Human Resources"))

    let document = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>\(body)\
      <w:sectPr><w:pgSz w:w="12240" w:h="15840"/>\
      <w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>\
      </w:sectPr></w:body></w:document>
      """

    var comments = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      """
    let initials = reviewer.split(separator: " ").map { String($0.prefix(1)) }.joined()
    for id in 0..<commentCount {
      var text = DocumentProse.sentence(&factory.rng)
      if id == 0, factory.rng.percent(50) {
        let person = factory.person()
        planted += 1
        text =
          "Checked against payroll: SSN: \(ValueFormat.dashedSSN(person.ssn)) matches \(person.fullName)."
      }
      comments += "<w:comment w:id=\"\(id)\" w:author=\"\(XMLEscaping.escape(reviewer))\" "
      comments += "w:date=\"\(sent.iso)T09:\(digits(10 + id, 2)):00Z\" w:initials=\"\(initials)\">"
      comments += Self.paragraph(Self.run(text)) + "</w:comment>"
    }
    comments += "</w:comments>"

    var zip = ZipWriter()
    zip.add("[Content_Types].xml", Self.contentTypes, modified: modified)
    zip.add("_rels/.rels", Self.packageRelationships, modified: modified)
    zip.add("word/document.xml", document, modified: modified)
    zip.add("word/_rels/document.xml.rels", Self.documentRelationships, modified: modified)
    zip.add("word/comments.xml", comments, modified: modified)
    return GeneratedDocument(bytes: try zip.archive(), plantedSSN: planted)
  }

  static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/comments.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>
    """

  static let packageRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
    Target="word/document.xml"/></Relationships>
    """

  static let documentRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" \
    Target="comments.xml"/></Relationships>
    """
}
