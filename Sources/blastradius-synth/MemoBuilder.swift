/// A plain-text memo (`.txt`): meeting notes wrapped at 72 columns, with labelled SSNs on lines of their own.
struct MemoBuilder {
  var factory: FakeDataFactory

  static let topics = [
    "Payroll migration", "Benefits renewal", "Badge audit", "Records cleanup", "Onboarding review",
  ]

  init(factory: FakeDataFactory) {
    self.factory = factory
  }

  mutating func build(paragraphs: Int) -> GeneratedDocument {
    var planted = 0
    // The first line names no fields (no commas): it must not read as a delimited header.
    var lines = [
      "Meeting notes - \(factory.rng.pick(Self.topics))",
      "Date: \(DocumentProse.date(&factory.rng).longForm)", "",
    ]
    for _ in 0..<paragraphs {
      lines += DocumentProse.wrap(DocumentProse.paragraph(&factory.rng), width: 72)
      if factory.rng.percent(35) {
        let person = factory.person()
        let ssn = factory.rng.percent(25) ? person.ssn : ValueFormat.dashedSSN(person.ssn)
        planted += 1
        lines.append(DocumentProse.plantedSentence(name: person.fullName, ssn: ssn, &factory.rng))
      }
      if factory.rng.percent(20) { lines.append(DocumentProse.decoySentence(&factory.rng)) }
      lines.append("")
    }
    return GeneratedDocument(bytes: Array(lines.joined(separator: "\n").utf8), plantedSSN: planted)
  }
}
