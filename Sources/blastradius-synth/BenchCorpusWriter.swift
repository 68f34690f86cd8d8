import Foundation

/// Writes the benchmark corpus: a scanner's worst realistic diet of prose, digit-dense logs and contact CSVs, with a
/// sparse, counted set of labelled SSNs so a benchmark can check recall while it measures speed.
///
/// Every file draws from its own random stream, so the corpus for a seed is the same whatever the file order.
struct BenchCorpusWriter {
  enum Kind: CaseIterable {
    case prose, log, csv

    var folder: String {
      switch self {
      case .prose: "docs"
      case .log: "logs"
      case .csv: "exports"
      }
    }

    var fileName: String {
      switch self {
      case .prose: "report"
      case .log: "app"
      case .csv: "contacts"
      }
    }

    var fileExtension: String {
      switch self {
      case .prose: "txt"
      case .log: "log"
      case .csv: "csv"
      }
    }
  }

  struct Summary {
    var bytes = 0
    var files = 0
    var plantedSSN = 0
    var csvRows = 0
  }

  /// A CSV export is this fraction of the other files' size.
  static let csvFraction = 8

  /// One SSN per this many bytes of the whole corpus, on average.
  static let plantSpacing = 2 << 20

  /// How the corpus divides between prose, logs and contact exports.
  enum Mix: String, CaseIterable {
    /// A share's mix: contact exports small and few (about 1 % of the bytes).
    case standard
    /// Issue 20's finding-dense mix: a third prose, a third logs, a third full-size contact exports
    /// of name, phone, email, zip and amount (about 9 million findings per GiB).
    case dense
    /// Every file a full-size contact export (the store's and console's benchmarks).
    case contacts
  }

  let root: URL
  let totalBytes: Int
  let fileCount: Int
  let seed: UInt64
  let mix: Mix
  private let vocabulary = BenchVocabulary()

  init(root: URL, sizeMiB: Int, files: Int, seed: UInt64, mix: Mix = .standard) {
    self.root = root
    totalBytes = sizeMiB << 20
    fileCount = files
    self.seed = seed
    self.mix = mix
  }

  /// Standard: about 35 % prose, 64 % logs and 1 % CSV by bytes. CSV exports are an eighth of a file's size each
  /// (several small exports, as a share holds them), so 8 % of the files: contact rows at about 330,000 findings
  /// per GiB, already far denser than a real share, and spread so that no single file decides the run time.
  func layout() -> [Kind] {
    switch mix {
    case .contacts:
      return Array(repeating: .csv, count: fileCount)
    case .dense:
      let third = fileCount / 3
      return Array(repeating: .prose, count: third) + Array(repeating: .log, count: fileCount - 2 * third)
        + Array(repeating: .csv, count: third)
    case .standard:
      let prose = Int((Double(fileCount) * 0.35).rounded())
      let csv = max(1, Int((Double(fileCount) * 0.08).rounded()))
      return Array(repeating: .prose, count: prose) + Array(repeating: .log, count: fileCount - prose - csv)
        + Array(repeating: .csv, count: csv)
    }
  }

  func run() throws -> Summary {
    let kinds = layout()
    let csvFiles = kinds.filter { $0 == .csv }.count
    let csvShare = mix == .standard ? Self.csvFraction : 1
    let units = Double(fileCount - csvFiles) + Double(csvFiles) / Double(csvShare)
    let fileTarget = Int((Double(totalBytes) / units).rounded(.up))
    // Plants go into prose and logs only (a CSV row has no column for them), so there they are denser.
    let plantingFiles = kinds.filter { $0 != .csv }.count
    let plantEvery = Self.plantSpacing * plantingFiles / max(1, fileCount)

    for kind in Set(kinds) {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent(kind.folder), withIntermediateDirectories: true)
    }
    var summary = Summary()
    let out = ByteBlockWriter()
    var perKind: [Kind: Int] = [:]
    for (index, kind) in kinds.enumerated() {
      let number = perKind[kind, default: 0]
      perKind[kind] = number + 1
      let path = root.appendingPathComponent(
        "\(kind.folder)/\(kind.fileName)-\(digits(number, 3)).\(kind.fileExtension)"
      ).path
      var file = BenchFileGenerator(
        out: out, vocabulary: vocabulary, rng: SplitMix64(seed: seed, stream: UInt64(index)),
        target: kind == .csv ? fileTarget / csvShare : fileTarget, plantEvery: plantEvery)
      try out.open(path)
      switch kind {
      case .prose: try file.writeProse()
      case .log: try file.writeLog(start: CivilDate(year: 2024, month: 1 + index % 12, day: 1 + index % 28))
      case .csv: try file.writeCSV(wide: mix == .dense)
      }
      summary.bytes += try out.finish()
      summary.files += 1
      summary.plantedSSN += file.plantedSSN
      summary.csvRows += file.csvRows
    }
    return summary
  }
}
