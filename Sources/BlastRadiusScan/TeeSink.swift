package import BlastRadiusBase

/// Sends every record to several sinks: `scan --report` keeps the full JSONL log for the report
/// while the terminal still gets its table.
package struct TeeSink: ScanSink {
  let sinks: [any ScanSink]

  package init(_ sinks: [any ScanSink]) { self.sinks = sinks }

  package func receive(_ findings: [Finding]) { for s in sinks { s.receive(findings) } }
  package func receive(_ issue: ScanIssue) { for s in sinks { s.receive(issue) } }
  package func receive(_ file: FileFacts) { for s in sinks { s.receive(file) } }
  package func receive(_ hits: [HuntHit]) { for s in sinks { s.receive(hits) } }
}
