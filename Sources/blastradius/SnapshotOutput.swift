import Synchronization
import BlastRadiusBase
import BlastRadiusIntegrity
import BlastRadiusScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sends a snapshot run's issues to the output (JSONL now, or kept for the table) as well as
/// to the store.
final class SnapshotOutput: SnapshotSink {
  let store: any SnapshotSink
  let stream: BlastRadiusBase.OutputStream
  let jsonl: Bool
  let issues = IssueCollector()
  /// For tests: the process kills itself (SIGKILL) after this many batches are written.
  let killAfter: Int?
  let batches = Mutex(0)

  init(store: any SnapshotSink, stream: BlastRadiusBase.OutputStream, jsonl: Bool, killAfter: Int? = nil) {
    self.store = store
    self.stream = stream
    self.jsonl = jsonl
    self.killAfter = killAfter
  }

  func known(in dir: String, from first: String, through last: String) throws -> [String: EntryRecord] {
    try store.known(in: dir, from: first, through: last)
  }

  func write(_ entries: [EntryRecord]) throws {
    try store.write(entries)
    if let killAfter,
      batches.withLock({
        $0 += 1; return $0
      }) >= killAfter
    {
      kill(getpid(), SIGKILL)
    }
  }

  func receive(_ issue: ScanIssue) {
    store.receive(issue)
    if jsonl {
      var json = JSONBuilder()
      RecordFormatter.append(issue, to: &json)
      stream.write(json.bytes)
    } else {
      issues.receive(issue)
    }
  }
}
