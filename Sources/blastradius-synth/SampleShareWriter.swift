import Foundation

/// Writes the sample file share. Each file's writer records what it plants in the ledger as it writes it; the order
/// of the calls below fixes the random stream, so reordering them changes the data for a given seed.
struct SampleShareWriter {
  let root: URL
  var factory: FakeDataFactory
  private(set) var ledger = PlantLedger()
  private(set) var fileCount = 0
  private(set) var byteCount = 0

  init(root: URL, seed: UInt64) {
    self.root = root
    factory = FakeDataFactory(seed: seed)
  }

  mutating func writeAll() throws {
    let staff = (0..<200).map { _ in newEmployee() }
    try writeEmployees(staff)
    try writeWindowsExport(repeating: Array(staff[0..<3]))
    try writeOfferLetters(count: 20)
    try writeBenefits(repeating: Array(staff[3..<8]))
    try writePayments(rows: 60, repeatedCards: 3)
    try writeWires(domestic: 15, international: 12)
    try writeAppLog(lines: 2000)
    try writeUsers(minified: 40, pretty: 10)
    try writeContainersAndDocuments()
    try writeNegatives()
    try writeCredentials()
    try writeVisitNotes(count: 3)
    try writeHRDocuments()
    try writeLegacyFormats()
    try writeReadme()
  }

  mutating func write(_ path: String, _ text: String) throws {
    try write(path, Data(text.utf8))
  }

  mutating func write(_ path: String, _ data: Data) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
    ledger.register(file: path)
    fileCount += 1
    byteCount += data.count
  }

  mutating func plant(_ detector: DetectorID, _ value: String, in file: String) {
    ledger.record(detector, value, in: file)
  }
}
