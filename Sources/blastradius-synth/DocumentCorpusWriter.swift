import Foundation

/// Writes the document benchmark corpus: workbooks, letters, PDF reports, mail and zip backups in one folder per
/// type, each with planted SSNs it counts as it writes them. The count is what a scan at the default confidence
/// reports as `us_ssn`: every occurrence, at any depth of nesting.
///
/// Every file draws from its own random stream, so a file's bytes depend only on the seed, its type and its number.
struct DocumentCorpusWriter {
  enum Kind: String, CaseIterable {
    case xlsx, docx, pdf, eml, zip

    /// Parts of 20 of the files.
    var weight: Int {
      switch self {
      case .xlsx: 4
      case .docx: 5
      case .pdf: 5
      case .eml: 4
      case .zip: 2
      }
    }

    var fileName: String {
      switch self {
      case .xlsx: "employees"
      case .docx: "letter"
      case .pdf: "report"
      case .eml: "message"
      case .zip: "backup"
      }
    }
  }

  struct Tally {
    var files = 0
    var bytes = 0
    var plantedSSN = 0

    mutating func add(_ other: Tally) {
      files += other.files
      bytes += other.bytes
      plantedSSN += other.plantedSSN
    }
  }

  struct Summary {
    var total = Tally()
    var byKind: [Kind: Tally] = [:]
    /// Planted SSNs per file, by path relative to the corpus folder.
    var perFile: [(path: String, plantedSSN: Int)] = []

    /// `{"files":N,"bytes":N,"planted_ssn":N,"by_type":{"xlsx":{"files":N,"bytes":N,"planted_ssn":N},...}}`
    var json: String {
      func object(_ tally: Tally) -> String {
        "\"files\":\(tally.files),\"bytes\":\(tally.bytes),\"planted_ssn\":\(tally.plantedSSN)"
      }
      let kinds = Kind.allCases.map { "\"\($0.rawValue)\":{\(object(byKind[$0] ?? Tally()))}" }
      return "{\(object(total)),\"by_type\":{\(kinds.joined(separator: ","))}}"
    }

    /// `{"files":{"docx/letter-000.docx":7,...}}`, sorted by path.
    var manifest: String {
      let rows = perFile.sorted { $0.path < $1.path }.map { "    \"\($0.path)\": \($0.plantedSSN)" }
      return "{\n  \"files\": {\n" + rows.joined(separator: ",\n") + "\n  }\n}\n"
    }
  }

  let root: URL
  let count: Int
  let seed: UInt64

  /// How many files of each kind: `count` split by weight, the rounding spread so the total is exact.
  func layout() -> [(kind: Kind, files: Int)] {
    let total = Kind.allCases.reduce(0) { $0 + $1.weight }
    var cumulative = 0
    return Kind.allCases.map { kind in
      let before = count * cumulative / total
      cumulative += kind.weight
      return (kind, count * cumulative / total - before)
    }
  }

  func generate(_ kind: Kind, factory: FakeDataFactory) throws -> GeneratedDocument {
    var factory = factory
    // Office files carry the time they were saved; a fixed day per file keeps the bytes reproducible.
    let modified = (17_000 + factory.rng.below(3_000)) * 86_400 + factory.rng.int(in: 8 * 3600...18 * 3600)
    switch kind {
    case .xlsx:
      var builder = WorkbookBuilder(factory: factory)
      return try builder.build(
        rows: factory.rng.int(in: 200...2000), sheetName: "Employees", modified: modified)
    case .docx:
      var builder = LetterBuilder(factory: factory)
      return try builder.build(pages: factory.rng.int(in: 2...20), modified: modified)
    case .pdf:
      var builder = ReportBuilder(factory: factory)
      return builder.build(pages: factory.rng.int(in: 3...15))
    case .eml:
      var builder = MailBuilder(factory: factory)
      return builder.build(attachmentRows: factory.rng.int(in: 20...300))
    case .zip:
      var builder = BackupBuilder(factory: factory)
      return try builder.build()
    }
  }

  func run() throws -> Summary {
    var summary = Summary()
    for (kindIndex, (kind, files)) in layout().enumerated() {
      var tally = Tally()
      if files > 0 {
        try FileManager.default.createDirectory(
          at: root.appendingPathComponent(kind.rawValue), withIntermediateDirectories: true)
      }
      for number in 0..<files {
        var factory = FakeDataFactory(seed: seed)
        factory.rng = SplitMix64(seed: seed, stream: UInt64(kindIndex) << 32 | UInt64(number))
        let document = try generate(kind, factory: factory)
        let path = "\(kind.rawValue)/\(kind.fileName)-\(digits(number, 3)).\(kind.rawValue)"
        try Data(document.bytes).write(to: root.appendingPathComponent(path))
        tally.files += 1
        tally.bytes += document.bytes.count
        tally.plantedSSN += document.plantedSSN
        summary.perFile.append((path, document.plantedSSN))
      }
      summary.byKind[kind] = tally
      summary.total.add(tally)
    }
    return summary
  }
}
