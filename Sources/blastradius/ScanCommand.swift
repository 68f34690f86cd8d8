import ArgumentParser
import FoundationEssentials
import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusExtract
import BlastRadiusHunt
import BlastRadiusReport
import BlastRadiusScan
import BlastRadiusStore
import BlastRadiusStorePostgres

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
  var paths: [String] = []

  @OptionGroup var common: RunOptions

  @OptionGroup var settings: ScanSettings

  @Flag(help: "Include raw values in the output. Output files are created with mode 0600.")
  var reveal = false

  @Option(
    help: ArgumentHelp(
      "Also write scan.jsonl and the breach impact report (report.html, report.json, files.csv, results.sarif; people.csv with --reveal) into DIR, mode 0600.",
      valueName: "DIR"))
  var report: String?

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

  @Option(
    help: ArgumentHelp(
      "With a PostgreSQL --store: submit the scan of these folders to the store's agents (`blastradius agent`) instead of scanning here; prints the scan's id.",
      valueName: "PATH"))
  var plan: [String] = []

  @Option(
    help: ArgumentHelp(
      "With --plan: the folders are on each of these hosts, scanned by their own agents (comma-separated); without it, any agent takes the work (a shared tree, kept under --host).",
      valueName: "HOSTS"))
  var hosts: String?

  @Option(help: "With --plan: a work item whose agents stopped this many times is marked failed.")
  var attempts: Int = 3

  func validate() throws {
    if plan.isEmpty && paths.isEmpty { throw ValidationError("missing files or folders to scan") }
    if !plan.isEmpty {
      guard let store, PostgresURL.isPostgres(store) else {
        throw ValidationError("--plan hands the scan to agents: it needs a PostgreSQL --store")
      }
      if !paths.isEmpty { throw ValidationError("--plan takes the folders to scan: give no other paths") }
      if reveal || storeValues || report != nil || settings.followSymlinks {
        throw ValidationError(
          "--plan does not take --reveal, --store-values, --report or --follow-symlinks: agents keep no raw values, the report comes from `blastradius report --store`, and links followed across agents could loop"
        )
      }
      if attempts < 1 { throw ValidationError("--attempts must be at least 1") }
    } else if hosts != nil {
      throw ValidationError("--hosts goes with --plan")
    }
    for path in paths where access(path, F_OK) != 0 {
      throw ValidationError("no such file or folder: \(path)")
    }
    if let host, host.isEmpty || host.contains(where: \.isNewline) {
      throw ValidationError("--host must be a non-empty name on one line")
    }
    if store == nil, settings.rehash || storeValues || valuesKey != nil || host != nil {
      throw ValidationError("--rehash, --store-values, --values-key and --host need --store")
    }
    if storeValues && !reveal {
      throw ValidationError("--store-values keeps revealed values: it needs --reveal")
    }
  }

  func run() throws {
    if !plan.isEmpty { return try submitPlan() }
    let stream = try common.openStream()
    let format = common.resolvedFormat
    // A store keys files by absolute path: a rescan from another folder finds them.
    let roots = store == nil ? paths : StoreOptions.resolve(paths)
    let setup = try settings.setup(
      roots: roots, jobs: common.threads, excludes: common.exclude, reveal: reveal)
    let (options, detectors, hunt) = (setup.options, setup.detectors, setup.hunt)

    let collector = IssueCollector()
    var sink: any ScanSink = format == .jsonl ? JSONLSink(stream: stream) : collector
    var scanStore: ScanStore?
    if let store {
      let location = try StoreLocation(store)
      var configuration = try ScanConfiguration(
        roots: roots, options: options, detectors: detectors, ruleFiles: setup.ruleFiles,
        valuesKept: storeValues)
      if let host { configuration.host = host }
      var storeOptions = ScanStore.Options()
      storeOptions.rehash = settings.rehash
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

  /// Hands the scan of `--plan` to the store's agents: prints each planned scan's id and host.
  func submitPlan() throws {
    let roots = StoreOptions.resolve(plan)
    let setup = try AgentCommand.setup(settings, roots: roots, jobs: 1, excludes: common.exclude)
    let postgres = try PostgresStore(url: PostgresURL(store!), create: false)
    let hostList = hosts.map {
      $0.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }
    if let hostList, hostList.isEmpty { throw ValidationError("--hosts names no host") }
    let planned = try postgres.submitPlan(
      roots: roots, hosts: hostList, sharedHost: host ?? ScanSettings.hostName(),
      configuration: setup.configuration, arguments: settings.arguments(), excludes: common.exclude,
      maxAttempts: attempts)
    for p in planned {
      print(
        "scan #\(p.scan) on \(p.host): \(p.continued ? "still under way, goes on" : "handed to the agents")")
    }
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
