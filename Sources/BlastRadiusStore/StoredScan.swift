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
}
