import BlastRadiusBase

/// A scan as a store lists it.
public struct StoredScan: Sendable, Equatable {
  public var id: Int64
  public var host: String
  public var roots: [String]
  public var status: String
  public var startedAt: Double
  public var finishedAt: Double?
  public var filesRead: Int
  public var filesReused: Int
  /// From the summary, when the scan finished.
  public var findings: Int?
  public var errors: Int?
  public var configHash: String
  /// The fingerprint key's id: hosts whose values are counted together must share it.
  public var keyID: String

  /// A scan row's columns as both stores keep them: roots one per line, the summary as its record.
  package init(
    id: Int64, host: String, roots: String, status: String, startedAt: Double, finishedAt: Double?,
    filesRead: Int, filesReused: Int, summary: String?, configHash: String, keyID: String
  ) {
    let record = summary.flatMap { try? JSONParser.parse($0) }
    self.id = id
    self.host = host
    self.roots = roots.split(separator: "\n").map(String.init)
    self.status = status
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.filesRead = filesRead
    self.filesReused = filesReused
    findings = record?["findings"]?.int
    errors = record?["errors"]?.int
    self.configHash = configHash
    self.keyID = keyID
  }
}
