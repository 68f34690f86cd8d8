import ArgumentParser
import FoundationEssentials
import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusExtract
import BlastRadiusHunt
import BlastRadiusReport
import BlastRadiusScan
import BlastRadiusStore

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

  @Option(
    help: ArgumentHelp(
      "Keep the scan in this SQLite store (created with mode 0600) or PostgreSQL store (postgres://USER@HOST[:PORT]/DB): a killed scan resumes when run again, and unchanged files are not read again.",
      valueName: "FILE|URL"))
  var store: String?

  @Option(
    help: ArgumentHelp(
      "With --store: the name this machine's files are kept under (default: the host name).",
      valueName: "NAME"))
  var host: String?

  @Flag(
    help:
      "With --store: reuse a file's results only when its content (SHA-256) is unchanged, not its size and times."
  )
  var rehash = false

  @Flag(help: "With --store and --reveal: keep raw values in the store, encrypted with the values key.")
  var storeValues = false

  @Option(
    help: ArgumentHelp(
      "Key that encrypts stored values (default: created once in the config folder, mode 0600).",
      valueName: "FILE"))
  var valuesKey: String?

  @Option(help: .hidden)
  var storeCommitFiles: Int?

  /// For tests: the process kills itself (SIGKILL) inside its Nth commit, before it commits…
  @Option(help: .hidden)
  var testKillInCommit: Int?

  /// …or just after its Nth commit.
  @Option(help: .hidden)
  var testKillAfterCommit: Int?

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
    if let host, host.isEmpty || host.contains(where: \.isNewline) {
      throw ValidationError("--host must be a non-empty name on one line")
    }
    if store == nil, rehash || storeValues || valuesKey != nil || host != nil {
      throw ValidationError("--rehash, --store-values, --values-key and --host need --store")
    }
    if storeValues && !reveal {
      throw ValidationError("--store-values keeps revealed values: it needs --reveal")
    }
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

    // A store keys files by absolute path: a rescan from another folder finds them.
    let roots = store == nil ? paths : StoreOptions.resolve(paths)
    var options = ScanOptions(
      roots: roots, jobs: common.threads, key: key)
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
    var scanStore: ScanStore?
    if let store {
      let location = try StoreLocation(store)
      var configuration = try ScanConfiguration(
        roots: roots, options: options, detectors: detectors,
        ruleFiles: RuleFiles.expand(rules + yara + iocs),
        valuesKept: storeValues)
      if let host { configuration.host = host }
      var storeOptions = ScanStore.Options()
      storeOptions.rehash = rehash
      if let storeCommitFiles { storeOptions.commitFiles = max(1, storeCommitFiles) }
      if let at = testKillInCommit {
        storeOptions.beforeCommit = { n in if n == at { kill(getpid(), SIGKILL) } }
      }
      if let at = testKillAfterCommit {
        storeOptions.afterCommit = { n in if n == at { kill(getpid(), SIGKILL) } }
      }
      if storeValues {
        storeOptions.valuesKey = try KeyStore.load(
          path: valuesKey ?? ExportCommand.defaultValuesKey(), create: valuesKey == nil)
      }
      let opened = try location.scanStore(configuration: configuration, options: storeOptions)
      if opened.resumed {
        FileHandleStderr.write("blastradius: resuming scan #\(opened.scanID) of this store\n")
      }
      // The store takes the findings; the terminal (or the JSONL output) gets the summary.
      sink = format == .jsonl ? opened : TeeSink([opened, collector])
      scanStore = opened
      Interruption.install()
    }
    // With a store the report is built from it (unchanged files are not sent again); without
    // one, from the scan's log.
    let log = scanStore == nil ? try report.map { try Self.openLog(in: $0) } : nil
    if let log { sink = TeeSink([sink, JSONLSink(stream: log)]) }
    let stopWhen: @Sendable () -> Bool = { [scanStore] in
      Interruption.requested || (scanStore?.failed ?? false)
    }
    let scanner = Scanner(
      options: options, detectors: detectors, hunt: hunt, sink: sink, shouldStop: stopWhen)
    let stopProgress = common.showProgress ? ProgressLine(tally: scanner.tally).start() : {}
    var summary: ScanSummary
    do {
      defer { stopProgress() }
      summary = try scanner.run()
    }
    if let scanStore {
      try scanStore.finish(&summary, tally: scanner.tally)
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
    if let report, let scanStore, let store {
      try Self.makeFolder(report)
      let r = try ReportCommand.runShowingProgress(
        store: store, scan: scanStore.scanID, valuesKey: nil,
        outputs: Self.reportOutputs(in: report, consent: reveal),
        show: common.showProgress)
      FileHandleStderr.write(ReportCommand.text(r) + "report: \(report)/report.html\n")
    }
    if let scanStore, summary.interrupted {
      FileHandleStderr.write(
        "blastradius: interrupted: scan #\(scanStore.scanID) is saved; run the same command again to resume it\n"
      )
      throw ExitCode(130)
    }
    if summary.findings > 0 || summary.alerts > 0 { throw ExitCode(1) }
  }

  /// Creates the report folder (0700) and its scan log.
  static func openLog(in dir: String) throws -> BlastRadiusBase.OutputStream {
    try makeFolder(dir)
    return try OutputStream(path: dir + "/scan.jsonl")
  }

  static func makeFolder(_ dir: String) throws {
    if mkdir(dir, 0o700) != 0, errno != EEXIST {
      throw BlastRadiusError(
        .output, "cannot create the report folder", path: dir, cause: SystemCallError(errno: errno))
    }
  }

  /// The files `--report DIR` writes.
  static func reportOutputs(in dir: String, consent: Bool) -> ReportJob.Outputs {
    var outputs = ReportJob.Outputs()
    outputs.html = dir + "/report.html"
    outputs.json = dir + "/report.json"
    outputs.files = dir + "/files.csv"
    outputs.sarif = dir + "/results.sarif"
    outputs.people = consent ? dir + "/people.csv" : nil
    outputs.consent = consent
    return outputs
  }

  /// Writes the report from the finished scan log; its paths go to stderr (stdout may be JSONL).
  static func writeReport(in dir: String, log: BlastRadiusBase.OutputStream, consent: Bool, progress: Bool)
    throws
  {
    try log.finish("writing the scan log")
    let report = try ReportCommand.runShowingProgress(
      inputs: [dir + "/scan.jsonl"], outputs: reportOutputs(in: dir, consent: consent), show: progress)
    FileHandleStderr.write(ReportCommand.text(report) + "report: \(dir)/report.html\n")
  }
}

extension String {
  func trimmingSpaces() -> String {
    String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
