public import BlastRadiusBase

/// Where a scan's records go as they are produced, batch by batch, from any worker thread.
public protocol ScanSink: Sendable {
  func receive(_ findings: [Finding])
  /// Findings of one item as the worker holds them; by default made into `Finding` values for
  /// `receive(_: [Finding])`. A sink that writes them as they are overrides it.
  func receive(_ batch: FindingBatch)
  func receive(_ issue: ScanIssue)
  /// A file on disk that held findings, after its last finding.
  func receive(_ file: FileFacts)
  /// The evidence of one item (file, member, attachment), scored.
  func receive(_ hits: [HuntHit])
  /// The sink worker `index` sends to. A file's records, from `recall` to `done`, all come from
  /// one worker, in order; a sink that keeps them per file (a store) gives each worker its own.
  func forWorker(_ index: Int) -> any ScanSink
  /// Before a file on disk is read: the tally of earlier results that stand for this read (a
  /// store that saw the same file, unchanged, under the same configuration), or nil to read it.
  func recall(_ file: ScannedFile) -> FileTally?
  /// A file on disk is done: every record it produced was received since `recall`.
  func done(_ file: ScannedFile, tally: FileTally)
}

extension ScanSink {
  public func receive(_ batch: FindingBatch) { receive(batch.materialized) }
  public func receive(_ file: FileFacts) {}
  public func receive(_ hits: [HuntHit]) {}
  public func forWorker(_ index: Int) -> any ScanSink { self }
  public func recall(_ file: ScannedFile) -> FileTally? { nil }
  public func done(_ file: ScannedFile, tally: FileTally) {}
}

/// Writes JSONL `finding` and `error` records to a stream.
public struct JSONLSink: ScanSink {
  let stream: OutputStream

  public init(stream: OutputStream) { self.stream = stream }

  public func receive(_ findings: [Finding]) {
    var json = JSONBuilder(capacity: 96 * 1024)
    for f in findings { RecordFormatter.append(f, to: &json) }
    stream.write(json.bytes)
  }

  public func receive(_ batch: FindingBatch) {
    var writer = FindingWriter(capacity: 96 * 1024)
    writer.append(batch)
    stream.write(writer.buffer.bytes)
  }

  /// A worker's own sink: it keeps its record buffer and its escaped detector names from one
  /// batch to the next.
  public func forWorker(_ index: Int) -> any ScanSink { JSONLWorkerSink(stream: stream) }

  public func receive(_ issue: ScanIssue) {
    var json = JSONBuilder()
    RecordFormatter.append(issue, to: &json)
    stream.write(json.bytes)
  }

  public func receive(_ file: FileFacts) {
    var json = JSONBuilder()
    RecordFormatter.append(file, to: &json)
    stream.write(json.bytes)
  }

  public func receive(_ hits: [HuntHit]) {
    var json = JSONBuilder(capacity: 1024 * hits.count)
    for h in hits { RecordFormatter.append(h, to: &json) }
    stream.write(json.bytes)
  }
}

/// `JSONLSink` for one worker: batches are written through its own `FindingWriter`, reused.
final class JSONLWorkerSink: ScanSink {
  let stream: OutputStream
  let shared: JSONLSink
  /// Only its worker takes it: the lock is never contended, and makes the buffer safe to share.
  let writer = Mutex(FindingWriter())

  init(stream: OutputStream) {
    self.stream = stream
    shared = JSONLSink(stream: stream)
  }

  func receive(_ findings: [Finding]) { shared.receive(findings) }
  func receive(_ issue: ScanIssue) { shared.receive(issue) }
  func receive(_ file: FileFacts) { shared.receive(file) }
  func receive(_ hits: [HuntHit]) { shared.receive(hits) }

  func receive(_ batch: FindingBatch) {
    writer.withLock { w in
      w.buffer.removeAll()
      w.append(batch)
      stream.write(w.buffer.bytes)
    }
  }
}

/// Keeps issues and hunt evidence for a table to print at the end; findings are only counted
/// (by the tally).
public final class IssueCollector: ScanSink {
  let issues = Mutex<[ScanIssue]>([])
  let hits = Mutex<[HuntHit]>([])

  public init() {}
  public func receive(_ findings: [Finding]) {}
  public func receive(_ batch: FindingBatch) {}
  public func receive(_ issue: ScanIssue) { issues.withLock { $0.append(issue) } }
  public func receive(_ hits: [HuntHit]) { self.hits.withLock { $0 += hits } }
  public var collected: [ScanIssue] { issues.withLock { $0 } }
  public var huntHits: [HuntHit] { hits.withLock { $0 } }
}

import Synchronization
