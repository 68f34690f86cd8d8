/// A PDF report: a title, a scope note with a file-share path (backslashes and parentheses, escaped in the PDF),
/// then pages of wrapped prose under section headings. Some pages carry planted SSNs, each on a line of its own
/// right after an `SSN:` label, so that no line break can separate the label from the number; a quarter of them
/// are bare nine digits, which only that label makes an SSN.
struct ReportBuilder {
  var factory: FakeDataFactory
  private(set) var planted = 0

  static let titles = [
    "Data Retention Review", "Payroll Audit Findings", "Benefits Enrollment Summary", "Access Review Report",
    "Quarterly Compliance Report", "Records Migration Status",
  ]

  static let sections = [
    "Background", "Scope", "Findings", "Exceptions", "Recommendations", "Open Items", "Timeline", "Appendix",
  ]

  /// Characters per line of 10-point Helvetica across the text block.
  static let width = 92

  init(factory: FakeDataFactory) {
    self.factory = factory
  }

  private mutating func plantedLine() -> PDFWriter.Line {
    let person = factory.person()
    let ssn = factory.rng.percent(25) ? person.ssn : ValueFormat.dashedSSN(person.ssn)
    planted += 1
    return PDFWriter.Line(text: DocumentProse.plantedSentence(name: person.fullName, ssn: ssn, &factory.rng))
  }

  mutating func build(pages pageCount: Int) -> GeneratedDocument {
    planted = 0
    let title = "\(factory.rng.pick(Self.titles)) \(factory.rng.int(in: 2016...2025))"
    let date = DocumentProse.date(&factory.rng)
    let created =
      "D:\(date.year)\(digits(date.month, 2))\(digits(date.day, 2))0\(factory.rng.int(in: 7...9))3000Z"
    var writer = PDFWriter(title: title, created: created)

    var plantPages: [Int: Int] = [:]
    for page in 0..<pageCount where factory.rng.percent(40) { plantPages[page] = factory.rng.int(in: 1...2) }
    if plantPages.isEmpty { plantPages[factory.rng.below(pageCount)] = 1 }

    var pending: [PDFWriter.Line] = []  // wrapped prose not yet placed
    var sectionIndex = 0
    for page in 0..<pageCount {
      // The first line names no fields (no commas): it must not read as a delimited header.
      var lines: [PDFWriter.Line] = []
      if page == 0 {
        lines.append(PDFWriter.Line(text: title, bold: true, size: 16))
        lines.append(PDFWriter.Line(text: ""))
        lines.append(PDFWriter.Line(text: "Northwind Analytics Inc. - prepared on \(date.longForm)"))
        lines.append(PDFWriter.Line(text: ""))
        let share = factory.rng.pick(["hr", "finance", "payroll", "legal"])
        lines.append(
          PDFWriter.Line(
            text:
              "Source folder: \\\\fs01\\\(share)\\exports (restricted) and C:\\Users\\Public\\Reports (copy)")
        )
        lines.append(PDFWriter.Line(text: ""))
      } else {
        lines.append(PDFWriter.Line(text: "Northwind Analytics Inc. - \(title)", bold: true))
        lines.append(PDFWriter.Line(text: ""))
      }
      let budget = PDFWriter.linesPerPage
      var plants = plantPages[page] ?? 0
      var plantAt = Set<Int>()
      while plantAt.count < plants { plantAt.insert(factory.rng.int(in: lines.count...(budget - 1))) }
      while lines.count < budget {
        if plantAt.contains(lines.count), plants > 0 {
          lines.append(plantedLine())
          plants -= 1
          continue
        }
        if pending.isEmpty {
          if factory.rng.percent(15) || (page == 0 && sectionIndex == 0) {
            pending.append(PDFWriter.Line(text: ""))
            pending.append(
              PDFWriter.Line(text: Self.sections[sectionIndex % Self.sections.count], bold: true, size: 11))
            sectionIndex += 1
          }
          var text = DocumentProse.paragraph(&factory.rng, sentences: 3...6)
          if factory.rng.percent(25) { text += " " + DocumentProse.decoySentence(&factory.rng) }
          pending += DocumentProse.wrap(text, width: Self.width).map { PDFWriter.Line(text: $0) }
          pending.append(PDFWriter.Line(text: ""))
        }
        lines.append(pending.removeFirst())
      }
      // Every slot below the budget is visited once, so every plant of the page was placed.
      precondition(plants == 0)
      writer.addPage(lines)
    }
    return GeneratedDocument(bytes: writer.bytes(), plantedSSN: planted)
  }
}
