public import BlastRadiusBase

/// Sends every record to several sinks: `scan --report` keeps the full JSONL log for the report
/// while the terminal still gets its table.
public struct TeeSink: ScanSink {
  let sinks: [any ScanSink]

  public init(_ sinks: [any ScanSink]) { self.sinks = sinks }

  public func receive(_ findings: [Finding]) { for s in sinks { s.receive(findings) } }
  public func receive(_ batch: FindingBatch) { for s in sinks { s.receive(batch) } }
  public func receive(_ issue: ScanIssue) { for s in sinks { s.receive(issue) } }
  public func receive(_ file: FileFacts) { for s in sinks { s.receive(file) } }
  public func receive(_ hits: [HuntHit]) { for s in sinks { s.receive(hits) } }
  public func forWorker(_ index: Int) -> any ScanSink { TeeSink(sinks.map { $0.forWorker(index) }) }
  /// The first sink that remembers the file decides; the others get its records as usual.
  public func recall(_ file: ScannedFile) -> FileTally? {
    for s in sinks { if let t = s.recall(file) { return t } }
    return nil
  }
  public func done(_ file: ScannedFile, tally: FileTally) { for s in sinks { s.done(file, tally: tally) } }
}
