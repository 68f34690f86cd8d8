/// What one snapshot run (a baseline, or the current state for a diff) walks and how.
public struct SnapshotOptions: Sendable {
  package var roots: [String]
  package var jobs: Int
  public var excludes: [String] = []
  /// Entries written to the sink at once (one transaction each in the store).
  public var batchSize = 1024
  /// Bytes read per `read`; one buffer of this size per thread.
  package var chunkSize = 1 << 20
  /// Names of one folder handed to a thread at once.
  package var groupSize = 256
  /// For tests: called after the first chunk of each file is read.
  package var afterFirstChunk: (@Sendable (String) -> Void)? = nil

  public init(roots: [String], jobs: Int) {
    self.roots = roots
    self.jobs = jobs
  }
}
