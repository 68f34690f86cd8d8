import Synchronization
public import BlastRadiusBase

/// Reads a scan's JSONL once and writes the outputs asked for, each created with mode 0600 (they
/// name files, and the notification list names people). Shared by `blastradius report` and
/// `scan --report`.
public enum ReportJob {
  /// The files to write; nil leaves one out.
  public struct Outputs: Sendable {
    public var html: String?
    public var json: String?
    public var files: String?
    public var sarif: String?
    /// The notification list: refused unless `consent`.
    public var people: String?
    /// A `blastradius diff` JSONL, for the integrity section.
    public var changes: String?
    /// Explicit consent (`--reveal`) to write names: the notification list, with raw names when
    /// the scan revealed them.
    public var consent = false

    public init() {}
  }

  public static let refusal =
    "the notification list names people: it is written only with --reveal (explicit consent)"

  /// Lines and bytes read so far, for a progress line drawn from another thread.
  public final class Progress: Sendable {
    let lines = Atomic<Int>(0)
    let bytes = Atomic<Int>(0)
    public init() {}
    public var counts: (lines: Int, bytes: Int) {
      (lines.load(ordering: .relaxed), bytes.load(ordering: .relaxed))
    }
  }

  /// Reads the scan log at `input` and writes `outputs`; `catalog` names the detectors the log's
  /// ids stand for (built-ins and rules files).
  public static func run(
    input: String, outputs: Outputs, catalog: DetectorCatalog, progress: Progress? = nil
  ) throws(BlastRadiusError) -> ImpactReport {
    try run(inputs: [input], outputs: outputs, catalog: catalog, progress: progress)
  }

  /// Reads several scan logs as one scan (scans of several shares made without a store).
  public static func run(
    inputs: [String], outputs: Outputs, catalog: DetectorCatalog, progress: Progress? = nil
  ) throws(BlastRadiusError) -> ImpactReport {
    try run(name: inputs.joined(separator: ", "), outputs: outputs, catalog: catalog, progress: progress) {
      (line: (UnsafeRawBufferPointer) -> Void) throws(BlastRadiusError) in
      for input in inputs {
        try JSONLReader.forEachLine(path: input) { bytes, _ in line(bytes) }
      }
    }
  }

  /// Reads the records `records` produces, one JSONL line per call of its argument (a store's
  /// export), as one scan named `name`.
  public static func run(
    name: String, outputs: Outputs, catalog: DetectorCatalog, progress: Progress? = nil,
    records: ((UnsafeRawBufferPointer) -> Void) throws(BlastRadiusError) -> Void
  ) throws(BlastRadiusError) -> ImpactReport {
    if outputs.people != nil, !outputs.consent { throw BlastRadiusError(.consent, refusal) }
    // Open every output first: a wrong path fails before minutes of reading.
    func open(_ path: String?) throws(BlastRadiusError) -> OutputStream? {
      guard let path else { return nil }
      return try OutputStream(path: path)
    }
    let html = try open(outputs.html)
    let json = try open(outputs.json)
    let files = try open(outputs.files)
    let sarifStream = try open(outputs.sarif)
    let people = try open(outputs.people)

    var builder = ImpactBuilder(input: name, keepNames: outputs.consent && outputs.people != nil)
    var sarif = sarifStream.map { SARIFWriter(stream: $0, catalog: catalog) }
    try records { line in
      if let progress {
        progress.lines.add(1, ordering: .relaxed)
        progress.bytes.add(line.count + 1, ordering: .relaxed)
      }
      guard let value = try? JSONParser.parse(line), let record = ScanRecord.decode(value, catalog: catalog)
      else {
        builder.unreadableLine()
        return
      }
      switch record {
      case .finding(let f): sarif?.add(f)
      case .error(let issue): sarif?.add(issue)
      default: break
      }
      builder.add(record)
    }
    var report = builder.finish()
    if let changes = outputs.changes {
      report.changes = try ChangeDigest.read(path: changes)
    }
    sarif?.finish(complete: report.complete)
    html?.write(Array(HTMLReport(report).render().utf8))
    json?.write(ReportJSON.render(report))
    files?.write(Array(FilesCSV.render(report).utf8))
    people?.write(Array(PeopleCSV.render(report).utf8))
    for stream in [html, json, files, sarifStream, people] {
      try stream?.finish("writing the report")
    }
    return report
  }
}
