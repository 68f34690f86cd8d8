// The example of docs/library.md, compiled here without package access (as a program outside
// this repository would be) and run by LibraryExampleTests. Keep the two identical: the test
// compares them.
// BEGIN EXAMPLE
import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusIntegrity
import BlastRadiusReport
import BlastRadiusScan
import BlastRadiusStore
import Synchronization

/// A sink of our own: findings arrive in batches from the scan's worker threads.
final class FindingCollector: ScanSink {
  let findings = Mutex<[Finding]>([])
  let issues = Mutex<[ScanIssue]>([])
  func receive(_ batch: [Finding]) { findings.withLock { $0 += batch } }
  func receive(_ issue: ScanIssue) { issues.withLock { $0.append(issue) } }
}

/// Scans `folder` with every built-in detector, keeps the findings, writes the scan's log
/// (JSONL) and the breach impact report into `reportFolder`, and returns what was found.
func scanAndReport(folder: String, key: [UInt8], reportFolder: String) throws(BlastRadiusError) -> (
  summary: ScanSummary, findings: [Finding], uniqueSSNs: Int
) {
  let detectors = try DetectorSet.builtin()
  let log = try OutputStream(path: reportFolder + "/scan.jsonl")
  let collector = FindingCollector()
  var options = ScanOptions(roots: [folder], jobs: 2, key: key)
  options.minConfidence = .medium
  // Hunting uses the same read: pass `hunt: try HuntSet(yara: [...], iocs: [...])`.
  let scanner = Scanner(
    options: options, detectors: detectors, sink: TeeSink([collector, JSONLSink(stream: log)]))
  let summary = try scanner.run()
  var record = JSONBuilder()
  RecordFormatter.append(summary, to: &record)
  log.write(record.bytes)
  try log.finish()

  var outputs = ReportJob.Outputs()
  outputs.json = reportFolder + "/report.json"
  outputs.sarif = reportFolder + "/results.sarif"
  let report = try ReportJob.run(
    input: reportFolder + "/scan.jsonl", outputs: outputs, catalog: BuiltinDetectors.catalog)
  return (summary, collector.findings.withLock { $0 }, report.uniqueSSNs)
}

/// Records a baseline of `folder` in a store, then tells what changed since.
func baselineThenDiff(folder: String, store: String, change: () -> Void) throws(BlastRadiusError) -> [Change]
{
  let db = try StoreDatabase(path: store, create: true)
  let baseline = try db.begin("baseline", roots: [folder])
  _ = SnapshotTaker(
    options: SnapshotOptions(roots: [folder], jobs: 2), sink: db.recorder(for: baseline, prior: nil)
  )
  .run()
  let recorded = try db.finish(baseline)

  change()
  let now = try db.begin("now", roots: [folder])
  _ = SnapshotTaker(
    options: SnapshotOptions(roots: [folder], jobs: 2), sink: db.recorder(for: now, prior: nil)
  ).run()
  let current = try db.finish(now)
  var summary = DiffSummary(
    baseline: recorded.label, entriesByTop: try db.entriesByTop(recorded), threshold: 5)
  var changes: [Change] = []
  try db.compare(from: recorded, to: current, summary: &summary) { changes.append($0) }
  return changes
}
// END EXAMPLE
