import ArgumentParser
import FoundationEssentials
import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusExtract
import BlastRadiusHunt
import BlastRadiusReport
import BlastRadiusScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `blastradius scan PATH...`: walks, reads, detects, and writes findings and a summary.
struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Scan files and folders for personal data, and hunt for compromise (YARA, indicators).",
    discussion: """
      Findings carry a masked value and a keyed fingerprint (HMAC-SHA256); raw values are printed \
      only with --reveal. Unreadable files become error records and the scan goes on; the summary \
      says whether the scan was complete.
      """)

  @Argument(help: "Files or folders to scan.")
  var paths: [String]

  @OptionGroup var common: RunOptions

  @Flag(help: "Follow symbolic links (never in a loop; each file once).")
  var followSymlinks = false

  @Flag(help: "Also scan files that look binary, as raw bytes.")
  var binary = false

  @Option(help: "Lowest confidence reported: low, medium or high.")
  var minConfidence: String = "medium"

  @Option(help: "Only these detectors or categories (comma-separated).")
  var only: String?

  @Option(help: "Not these detectors or categories (comma-separated).")
  var except: String?

  @Option(
    help: ArgumentHelp("Add the detectors of a YAML rules file (repeatable; see README).", valueName: "FILE"))
  var rules: [String] = []

  @Option(
    help: ArgumentHelp(
      "Key for fingerprints (default: created once in the config folder).", valueName: "FILE"))
  var keyFile: String?

  @Flag(help: "Include raw values in the output. Output files are created with mode 0600.")
  var reveal = false

  @Option(
    help: ArgumentHelp(
      "Also write scan.jsonl and the breach impact report (report.html, report.json, files.csv, results.sarif; people.csv with --reveal) into DIR, mode 0600.",
      valueName: "DIR"))
  var report: String?

  @Option(help: .hidden)
  var chunkSize: Int?

  @Option(help: "Containers nested at most this deep (zip in zip...).")
  var maxDepth: Int = ExtractionLimits().maxDepth

  @Option(help: "Bytes one archive member may expand to.")
  var maxMemberBytes: Int = ExtractionLimits().maxMemberBytes

  @Option(help: "Bytes all members of one file on disk may expand to.")
  var maxTotalBytes: Int = ExtractionLimits().maxTotalBytes

  @Option(help: "Members one file on disk may hold, at every depth.")
  var maxMembers: Int = ExtractionLimits().maxMembers

  @Option(help: "Expansion per byte of the file on disk, checked past 16 MiB (archive bombs).")
  var maxRatio: Int = ExtractionLimits().maxRatio

  @Option(help: "Bytes of a PDF, mail, HTML file or Office part read whole to be parsed.")
  var maxDocumentBytes: Int = ExtractionLimits().maxDocumentBytes

  @Option(
    help: ArgumentHelp(
      "YARA rules: a rule file or a folder of .yar/.yara files (repeatable).", valueName: "PATH"))
  var yara: [String] = []

  @Option(
    help: ArgumentHelp(
      "Indicators of compromise: Loki hash, filename or c2 files, or STIX 2.1 JSON bundles; a file or a folder (repeatable).",
      valueName: "PATH"))
  var iocs: [String] = []

  @Option(
    help: ArgumentHelp(
      "Seconds one YARA scan of one file may take; past it, an error record.", valueName: "SECONDS"))
  var yaraTimeout: Int = HuntOptions().yaraTimeout

  @Option(
    help: "Bytes of one file or member held in memory for YARA (larger files on disk are read again by YARA)."
  )
  var maxHuntBytes: Int = HuntOptions().maxHuntBytes

  @Flag(help: "Hunt for compromise only (--yara, --iocs): skip the personal-data detectors.")
  var huntOnly = false

  func validate() throws {
    guard Confidence(name: minConfidence) != nil else {
      throw ValidationError("--min-confidence must be low, medium or high, not '\(minConfidence)'")
    }
    for path in paths where access(path, F_OK) != 0 {
      throw ValidationError("no such file or folder: \(path)")
    }
    for (flag, list) in [("--yara", yara), ("--iocs", iocs)] {
      for path in list where access(path, R_OK) != 0 {
        throw ValidationError("\(flag): no such file or folder: \(path)")
      }
    }
    if huntOnly && yara.isEmpty && iocs.isEmpty {
      throw ValidationError("--hunt-only needs --yara or --iocs")
    }
    if yaraTimeout < 1 { throw ValidationError("--yara-timeout must be at least 1 second") }
  }

  static func idSet(_ list: String?) -> Set<String> {
    Set((list ?? "").split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty })
  }

  /// Refuses ids and categories that name no detector: a typo must not silently scan for
  /// everything, or for nothing.
  static func checkKnown(_ ids: Set<String>, _ option: String, in specs: [DetectorSpec]) throws {
    for id in ids.sorted() where !specs.contains(where: { $0.id == id || $0.category == id }) {
      throw ValidationError("\(option): unknown detector or category '\(id)' (see `blastradius detectors`)")
    }
  }

  func run() throws {
    let key = try KeyStore.load(path: keyFile ?? KeyStore.defaultPath(), create: keyFile == nil)
    let stream = try common.openStream()
    let format = common.resolvedFormat
    let custom = try CustomRuleFiles.load(rules)
    let only = Self.idSet(only)
    let except = Self.idSet(except)
    try Self.checkKnown(only, "--only", in: BuiltinDetectors.all + custom)
    try Self.checkKnown(except, "--except", in: BuiltinDetectors.all + custom)
    // A pure compromise sweep runs no detector at all (credential files and document classes
    // included).
    let detectors =
      try huntOnly ? DetectorSet([]) : DetectorSet.builtin(only: only, except: except, extra: custom)

    var hunt: HuntSet?
    if !yara.isEmpty || !iocs.isEmpty {
      let set = try HuntSet(yara: yara, iocs: iocs)
      for warning in set.warnings {
        FileHandleStderr.write("blastradius: warning: \(TerminalText.escaped(warning))\n")
      }
      hunt = set
    }

    var options = ScanOptions(
      roots: paths, jobs: common.threads, key: key)
    options.followSymlinks = followSymlinks
    options.excludes = common.exclude
    options.scanBinary = binary
    options.minConfidence = Confidence(name: minConfidence)!
    options.reveal = reveal
    if let chunkSize { options.chunkSize = max(64, chunkSize & ~1) }
    options.limits.maxDepth = maxDepth
    options.limits.maxMemberBytes = maxMemberBytes
    options.limits.maxTotalBytes = maxTotalBytes
    options.limits.maxMembers = maxMembers
    options.limits.maxRatio = maxRatio
    options.limits.maxDocumentBytes = maxDocumentBytes
    options.hunt.huntOnly = huntOnly
    options.hunt.yaraTimeout = yaraTimeout
    options.hunt.maxHuntBytes = maxHuntBytes

    let collector = IssueCollector()
    var sink: any ScanSink = format == .jsonl ? JSONLSink(stream: stream) : collector
    let log = try report.map { try Self.openLog(in: $0) }
    if let log { sink = TeeSink([sink, JSONLSink(stream: log)]) }
    let scanner = Scanner(options: options, detectors: detectors, hunt: hunt, sink: sink)
    let stopProgress = common.showProgress ? ProgressLine(tally: scanner.tally).start() : {}
    let summary: ScanSummary
    do {
      defer { stopProgress() }
      summary = try scanner.run()
    }

    // The summary record, encoded once for the output and the report's log.
    var record = JSONBuilder()
    RecordFormatter.append(summary, to: &record)
    switch format {
    case .jsonl:
      stream.write(record.bytes)
    case .table:
      stream.write(
        Array(
          TableRenderer.render(
            summary, issues: collector.collected, minConfidence: options.minConfidence,
            hunt: collector.huntHits
          ).utf8))
    }
    try stream.finish()
    if let report, let log {
      log.write(record.bytes)
      try Self.writeReport(in: report, log: log, consent: reveal, progress: common.showProgress)
    }
    if summary.findings > 0 || summary.alerts > 0 { throw ExitCode(1) }
  }

  /// Creates the report folder (0700) and its scan log.
  static func openLog(in dir: String) throws -> BlastRadiusBase.OutputStream {
    if mkdir(dir, 0o700) != 0, errno != EEXIST {
      throw BlastRadiusError(
        .output, "cannot create the report folder", path: dir, cause: SystemCallError(errno: errno))
    }
    return try OutputStream(path: dir + "/scan.jsonl")
  }

  /// Writes the report from the finished scan log; its paths go to stderr (stdout may be JSONL).
  static func writeReport(in dir: String, log: BlastRadiusBase.OutputStream, consent: Bool, progress: Bool)
    throws
  {
    try log.finish("writing the scan log")
    var outputs = ReportJob.Outputs()
    outputs.html = dir + "/report.html"
    outputs.json = dir + "/report.json"
    outputs.files = dir + "/files.csv"
    outputs.sarif = dir + "/results.sarif"
    outputs.people = consent ? dir + "/people.csv" : nil
    outputs.consent = consent
    let report = try ReportCommand.runShowingProgress(
      input: dir + "/scan.jsonl", outputs: outputs, show: progress)
    FileHandleStderr.write(ReportCommand.text(report) + "report: \(dir)/report.html\n")
  }
}

extension String {
  func trimmingSpaces() -> String {
    String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
