/// A zip backup of a department folder: smaller workbooks, letters, reports and messages beside plain CSV exports
/// and text memos, and in some backups an older zip inside (one level of nesting). Every planted SSN of every
/// member counts, at whatever depth.
struct BackupBuilder {
  enum Member: CaseIterable {
    case xlsx, docx, pdf, eml, csv, txt
  }

  var factory: FakeDataFactory
  private var serial = 0

  init(factory: FakeDataFactory) {
    self.factory = factory
  }

  /// Seconds since 1970 of a day in 2015–2024 at office hours.
  private mutating func timestamp() -> Int {
    let days = factory.rng.int(in: 16_436...20_088)  // 2015-01-01 ... 2024-12-31
    return days * 86_400 + factory.rng.int(in: 8 * 3600...18 * 3600)
  }

  private mutating func member(_ kind: Member) throws -> (name: String, document: GeneratedDocument) {
    serial += 1
    let number = digits(serial, 3)
    let department = factory.rng.pick(NameBank.departments).replacingOccurrences(of: " ", with: "_")
    switch kind {
    case .xlsx:
      var builder = WorkbookBuilder(factory: factory)
      let document = try builder.build(
        rows: factory.rng.int(in: 50...300), sheetName: "Staff", modified: timestamp())
      factory = builder.factory
      return ("\(department)/staff_\(number).xlsx", document)
    case .docx:
      var builder = LetterBuilder(factory: factory)
      let document = try builder.build(pages: factory.rng.int(in: 2...4), modified: timestamp())
      factory = builder.factory
      return ("\(department)/Letters/letter_\(number).docx", document)
    case .pdf:
      var builder = ReportBuilder(factory: factory)
      let document = builder.build(pages: factory.rng.int(in: 2...5))
      factory = builder.factory
      return ("\(department)/Reports/report_\(number).pdf", document)
    case .eml:
      var builder = MailBuilder(factory: factory)
      let document = builder.build(attachmentRows: factory.rng.int(in: 10...80))
      factory = builder.factory
      return ("\(department)/Mail/message_\(number).eml", document)
    case .csv:
      var builder = EmployeeCSVBuilder(factory: factory)
      let document = builder.build(rows: factory.rng.int(in: 20...400), withIDs: factory.rng.percent(50))
      factory = builder.factory
      return ("\(department)/Exports/employees_\(number).csv", document)
    case .txt:
      var builder = MemoBuilder(factory: factory)
      let document = builder.build(paragraphs: factory.rng.int(in: 4...20))
      factory = builder.factory
      return ("\(department)/Notes/notes_\(number).txt", document)
    }
  }

  private mutating func zip(_ kinds: [Member], prefix: String) throws -> GeneratedDocument {
    var writer = ZipWriter()
    var planted = 0
    for kind in kinds {
      let (name, document) = try member(kind)
      writer.add(prefix + name, document.bytes, modified: timestamp())
      planted += document.plantedSSN
    }
    return GeneratedDocument(bytes: try writer.archive(), plantedSSN: planted)
  }

  mutating func build() throws -> GeneratedDocument {
    let year = factory.rng.int(in: 2016...2023)
    let kinds = (0..<factory.rng.int(in: 4...10)).map { _ in factory.rng.pick(Member.allCases) }
    var writer = ZipWriter()
    var planted = 0
    for kind in kinds {
      let (name, document) = try member(kind)
      writer.add("backup_\(year)/" + name, document.bytes, modified: timestamp())
      planted += document.plantedSSN
    }
    if factory.rng.percent(40) {
      let inner = (0..<factory.rng.int(in: 2...4)).map { _ in
        factory.rng.pick([Member.csv, .txt, .docx, .pdf])
      }
      let nested = try zip(inner, prefix: "")
      writer.add("backup_\(year)/Archive/older_\(year - 3).zip", nested.bytes, modified: timestamp())
      planted += nested.plantedSSN
    }
    return GeneratedDocument(bytes: try writer.archive(), plantedSSN: planted)
  }
}
