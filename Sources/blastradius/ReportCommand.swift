import ArgumentParser
import BlastRadiusBase
import BlastRadiusReport
import BlastRadiusDetect

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

  @Argument(help: "The JSONL of `blastradius scan --format jsonl`.")
  var scan: String

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
    let report = try Self.runShowingProgress(input: scan, outputs: outputs)
    print(Self.text(report), terminator: "")
  }

  /// Runs the report with a progress line on stderr (when it is a terminal, and not `--quiet`
  /// for `scan --report`).
  static func runShowingProgress(
    input: String, outputs: ReportJob.Outputs, show: Bool = ProgressLine.stderrIsTerminal
  ) throws(BlastRadiusError) -> ImpactReport {
    let progress = ReportJob.Progress()
    let stop =
      show
      ? ProgressLine(verb: "reading the scan", unit: "records") {
        let (lines, bytes) = progress.counts
        return (lines, bytes, "linking people")
      }.start() : {}
    defer { stop() }
    return try ReportJob.run(
      input: input, outputs: outputs, catalog: BuiltinDetectors.catalog, progress: progress)
  }

  /// The headline for the terminal.
  static func text(_ r: ImpactReport) -> String {
    var out = "Breach impact (\(r.complete ? "complete scan" : "INCOMPLETE scan: counts are a floor")):\n"
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
