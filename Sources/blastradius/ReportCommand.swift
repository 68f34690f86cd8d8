import ArgumentParser
import BlastRadiusBase
import BlastRadiusReport
import BlastRadiusDetect
import BlastRadiusStore

/// `blastradius report SCAN.jsonl`: turns a scan's findings into people, notification triggers
/// and risk, and writes the page, the lists and SARIF.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a breach impact report from a scan's JSONL.",
    discussion: """
      Links findings into people (a name with the identifiers of its record; one person across \
      files when an identifier is shared), counts them per notification trigger, and scores each \
      file's risk. Every file is created with mode 0600. The notification list (--people) is \
      written only with --reveal.
      """)

  @Argument(help: "The JSONL of `blastradius scan --format jsonl` (several: one report over all of them).")
  var scans: [String] = []

  @Option(
    help: ArgumentHelp("Report on the current view of this store instead of JSONL files.", valueName: "FILE"))
  var store: String?

  @Option(
    help: ArgumentHelp(
      "With --store: one scan's files, as that scan saw them (see `blastradius scans`).", valueName: "ID"))
  var scan: Int64?

  @Option(
    help: ArgumentHelp(
      "With --store and --reveal: the key of the values the store kept (--store-values).", valueName: "FILE"))
  var valuesKey: String?

  @Option(help: ArgumentHelp("Self-contained HTML page (no value in it).", valueName: "FILE"))
  var html: String?

  @Option(help: ArgumentHelp("Every figure of the page, as JSON.", valueName: "FILE"))
  var json: String?

  @Option(help: ArgumentHelp("Files with findings, riskiest first, as CSV.", valueName: "FILE"))
  var files: String?

  @Option(help: ArgumentHelp("Findings as SARIF 2.1.0 (masked values).", valueName: "FILE"))
  var sarif: String?

  @Option(
    help: ArgumentHelp(
      "The notification list, one row per person, as CSV (needs --reveal).", valueName: "FILE"))
  var people: String?

  @Option(
    help: ArgumentHelp(
      "The JSONL of `blastradius diff`: adds what changed since the baseline.", valueName: "FILE"))
  var changes: String?

  @Flag(help: "Consent to write the notification list (with raw names if the scan revealed them).")
  var reveal = false

  func validate() throws {
    if people != nil, !reveal { throw ValidationError(ReportJob.refusal) }
    if (store == nil) == scans.isEmpty {
      throw ValidationError("give the scan's JSONL files or --store FILE (one of the two)")
    }
    if store == nil, scan != nil || valuesKey != nil {
      throw ValidationError("--scan and --values-key need --store")
    }
  }

  func run() throws {
    var outputs = ReportJob.Outputs()
    outputs.html = html
    outputs.json = json
    outputs.files = files
    outputs.sarif = sarif
    outputs.people = people
    outputs.consent = reveal
    outputs.changes = changes
    let report: ImpactReport
    if let store {
      let key = try reveal ? ExportCommand.valuesKey(valuesKey) : nil
      report = try Self.runShowingProgress(store: store, scan: scan, valuesKey: key, outputs: outputs)
    } else {
      report = try Self.runShowingProgress(inputs: scans, outputs: outputs)
    }
    print(Self.text(report), terminator: "")
    if let store {
      // What the console's users decided: false positives are already counted out above.
      var counts: [String: Int] = [:]
      for d in try StoreLocation(store).console().decisions() { counts[d.state.rawValue, default: 0] += 1 }
      if !counts.isEmpty {
        let states = TriageDecision.State.allCases.compactMap { s in
          counts[s.rawValue].map { "\(s.rawValue) \($0)" }
        }
        print("  triage decisions: " + states.joined(separator: ", ") + " (false positives counted out)")
      }
    }
  }

  /// The report of a store's current view (or of one scan), read straight from the store.
  static func runShowingProgress(
    store: String, scan: Int64?, valuesKey: [UInt8]?, outputs: ReportJob.Outputs,
    show: Bool = ProgressLine.stderrIsTerminal
  ) throws(BlastRadiusError) -> ImpactReport {
    let location = try StoreLocation(store)
    return try withProgress(show: show) { progress throws(BlastRadiusError) in
      try ReportJob.run(
        name: store, outputs: outputs, catalog: BuiltinDetectors.catalog, progress: progress
      ) { (line: (UnsafeRawBufferPointer) -> Void) throws(BlastRadiusError) in
        // Findings triaged as false positives in the console are not counted.
        _ = try location.export(scan: scan, valuesKey: valuesKey, withoutFalsePositives: true) { bytes in
          // Lines without their newline, as a JSONL reader gives them.
          bytes.withUnsafeBytes { raw in
            line(UnsafeRawBufferPointer(rebasing: raw[..<(raw.last == 0x0A ? raw.count - 1 : raw.count)]))
          }
        }
      }
    }
  }

  /// Runs the report with a progress line on stderr (when it is a terminal, and not `--quiet`
  /// for `scan --report`).
  static func runShowingProgress(
    inputs: [String], outputs: ReportJob.Outputs, show: Bool = ProgressLine.stderrIsTerminal
  ) throws(BlastRadiusError) -> ImpactReport {
    try withProgress(show: show) { progress throws(BlastRadiusError) in
      try ReportJob.run(
        inputs: inputs, outputs: outputs, catalog: BuiltinDetectors.catalog, progress: progress)
    }
  }

  static func withProgress(
    show: Bool, _ body: (ReportJob.Progress) throws(BlastRadiusError) -> ImpactReport
  ) throws(BlastRadiusError) -> ImpactReport {
    let progress = ReportJob.Progress()
    let stop =
      show
      ? ProgressLine(verb: "reading the scan", unit: "records") {
        let (lines, bytes) = progress.counts
        return (lines, bytes, "linking people")
      }.start() : {}
    defer { stop() }
    return try body(progress)
  }

  /// The headline for the terminal.
  static func text(_ r: ImpactReport) -> String {
    var out = "Breach impact (\(r.complete ? "complete scan" : "INCOMPLETE scan: counts are a floor")):\n"
    if let unread = r.unreadDescription { out += "  not read: \(unread)\n" }
    out +=
      "  unique SSNs \(TextFormat.grouped(r.uniqueSSNs)), people affected \(TextFormat.grouped(r.people.count)), "
    out +=
      "with a notification trigger \(TextFormat.grouped(r.peopleToNotify)), credentials \(TextFormat.grouped(r.credentials))\n"
    for (t, n) in r.triggers where n > 0 { out += "  \(t.rawValue): \(TextFormat.grouped(n))\n" }
    if let c = r.changes {
      out +=
        "  integrity: \(TextFormat.grouped(c.changes)) changes against \(TextFormat.grouped(c.baselineEntries)) baseline entries\(c.massDestruction ? ", MASS DESTRUCTION" : "")\n"
    }
    if r.hipaaThresholdReached {
      out +=
        "  HIPAA: \(TextFormat.grouped(r.healthPeople)) people with health data: 500-person threshold reached\n"
    }
    return out
  }
}
