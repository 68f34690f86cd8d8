public import BlastRadiusBase

/// Where a snapshot's entries go, in batches, from any walking thread (the store writes each
/// batch in one transaction), and where entries already known come from, so that unchanged
/// files keep their hash instead of being read again.
public protocol SnapshotSink: Sendable {
  /// Entries already recorded in `dir` with names from `first` through `last` (in byte order),
  /// by name. Empty when every file must be read.
  func known(in dir: String, from first: String, through last: String) throws -> [String: EntryRecord]
  func write(_ entries: [EntryRecord]) throws
  func receive(_ issue: ScanIssue)
}
