/// What a snapshot run did: entries recorded by kind, files read and kept, issues by code.
public struct SnapshotSummary: Sendable {
  package var entries = 0
  package var files = 0
  package var directories = 0
  package var symlinks = 0
  package var others = 0
  /// Files read and hashed in this run, and their bytes.
  package var hashed = 0
  package var bytesHashed = 0
  /// Files whose size, times and inode had not changed: their stored hash was kept.
  package var reused = 0
  public var errorsByCode: [String: Int] = [:]
  package var seconds = 0.0
  package var errors: Int { errorsByCode.values.reduce(0, +) }

  package init() {}
}
