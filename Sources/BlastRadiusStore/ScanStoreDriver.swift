package import BlastRadiusBase
package import BlastRadiusScan

/// What a scan needs from the database that keeps it: SQLite (`StoreDatabase`) on one machine,
/// PostgreSQL (`BlastRadiusPostgres`) for many. `ScanStore` and its workers decide what to read
/// and hold each file's records; a driver looks up earlier reads and commits files with their
/// "done" marks, many files per transaction. Calls come from the scan's worker threads, which
/// may block.
package protocol ScanStoreDriver: Sendable {
  /// Names the store in messages: a file's path, or a URL (which holds no password).
  var location: String { get }

  /// Whether every file large enough to have copies gets its SHA-256 when read, rather than when
  /// a file of the same size comes along: needed where that file may be on another host, which
  /// cannot open this one to hash it then.
  var hashesLargeFiles: Bool { get }

  /// Makes this process the only writer of the scan of `configuration` for as long as the
  /// returned object lives; refused at once, naming the writer, when another one is.
  func lockForWriting(_ configuration: ScanConfiguration) throws(BlastRadiusError) -> any Sendable

  /// Starts a scan, or resumes the latest one of the same roots and configuration that did not
  /// finish; reads a killed run left incomplete are dropped.
  func beginScan(_ configuration: ScanConfiguration) throws(BlastRadiusError) -> (id: Int64, resumed: Bool)

  /// The read a path points to now, if any.
  func currentRead(path: String) throws -> PriorRead?

  /// Complete reads of files of this size under this configuration: copies of a file may be
  /// among them.
  func sameSizeReads(size: Int64, configHash: String) throws -> [PriorRead]

  /// Records the content hash of a read made without one.
  func setHash(_ sha: [UInt8], read: Int64) throws

  /// Commits finished files, each with its records and its "done" mark, in one transaction.
  func commit(_ files: [PendingFile], store: ScanStore) throws

  /// Commits the first part of a file still being read; returns its read's id.
  func commitPart(_ part: PendingFile, store: ScanStore) throws -> Int64

  /// The per-detector counts of a scan that read nothing (those of the previous complete scan
  /// of the same roots and reads); otherwise nil, after counting every reused finding's value
  /// into `tally`.
  func reusedCounts(scan: Int64, configuration: ScanConfiguration, tally: ScanTally) throws
    -> [ScanSummary.DetectorCount]?

  /// Ends a scan: its walk problems, status and summary; when it saw everything, files under its
  /// roots it did not see leave the current view.
  func endScan(_ id: Int64, summary: ScanSummary, walkIssues: [ScanIssue], roots: [String]) throws

  /// Called once the scan starts writing and once it is done: room for work beside the commits
  /// (SQLite copies its WAL into the database file on a thread of its own).
  func startWriting()
  func finishWriting()
}
