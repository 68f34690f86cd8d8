import ArgumentParser
import BlastRadiusStore
import BlastRadiusBase
import BlastRadiusIntegrity
import BlastRadiusStore

/// `blastradius diff --db FILE [PATH...]`: compares the tree (or two stored snapshots) with the
/// baseline and classifies every change, so that destruction stands out from routine edits.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare folders with a baseline, classifying every change.",
    discussion: """
      Classes: added, removed, moved, modified, metadata, overwritten, encrypted, wiped, \
      type-changed. Exit status: 0 no change, 1 changes, 2 usage or fatal error, 3 mass \
      destruction (more than --threshold percent of the baseline removed, wiped, encrypted or \
      overwritten, or a boot area changed).
      """)

  @Argument(help: "Folders to compare (default: those of the baseline).")
  var paths: [String] = []

  @OptionGroup var store: StoreOptions

  @Option(help: "Compare two stored snapshots: the older one.")
  var from: String?

  @Option(help: "Compare two stored snapshots: the newer one.")
  var to: String?

  @Option(help: "Percent of the baseline's entries destroyed that means mass destruction (exit status 3).")
  var threshold: Double = 5

  @Flag(help: "After the comparison, make the current state the baseline.")
  var update = false

  @Flag(help: "Trust files whose size, times and inode are unchanged instead of reading them.")
  var quick = false

  func validate() throws {
    if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
    if from != nil, !paths.isEmpty || update || quick {
      throw ValidationError("--from/--to compare stored snapshots: no paths, --update or --quick")
    }
    if update, !paths.isEmpty {
      throw ValidationError(
        "--update replaces the whole baseline: give no paths, the baseline's folders are compared")
    }
    if threshold < 0 { throw ValidationError("--threshold must be a percentage, 0 or more") }
  }

  func run() throws {
    let db = try store.openDatabase(create: false)
    let stream = try store.common.openStream()
    let jsonl = store.common.resolvedFormat == .jsonl
    let started = MonotonicClock.now()
    let baseline = try complete(db, from ?? store.label)
    var summary = DiffSummary(
      baseline: baseline.label, entriesByTop: try db.entriesByTop(baseline), threshold: threshold)
    var printer = ChangePrinter(stream: stream, jsonl: jsonl)
    var issues: [ScanIssue] = []

    let current: Snapshot
    var scope: [String]? = nil
    if let to {
      current = try complete(db, to)
      issues = try db.issues(of: current)
      for area in try (db.bootAreas(of: current)) {
        try compareBootArea(db, baseline, area, &summary, &printer)
      }
    } else {
      if !paths.isEmpty { scope = StoreOptions.resolve(paths) }
      (current, issues) = try snapshotNow(
        db, baseline, roots: scope ?? baseline.roots, stream, &summary, &printer)
    }

    try db.compare(from: baseline, to: current, scope: scope, summary: &summary) { printer.add($0) }
    if from == nil {
      if update { try db.replace(baseline, with: current) } else { try db.delete(current) }
    }
    summary.seconds = MonotonicClock.now() - started
    if jsonl {
      RecordFormatter.append(summary, to: &printer.pending)
      printer.flush()
    } else {
      stream.write(Array(TableRenderer.render(summary, changes: printer.shown, issues: issues).utf8))
    }
    try stream.finish()
    if summary.massDestruction { throw ExitCode(3) }
    if summary.changes > 0 || !summary.bootChanges.isEmpty { throw ExitCode(1) }
  }

  /// Records the folders as they are now in a scratch snapshot (`LABEL~current`), and the boot
  /// areas the baseline knows, reporting those that changed.
  func snapshotNow(
    _ db: StoreDatabase, _ baseline: Snapshot, roots: [String], _ stream: BlastRadiusBase.OutputStream,
    _ summary: inout DiffSummary, _ printer: inout ChangePrinter
  ) throws -> (Snapshot, [ScanIssue]) {
    let label = baseline.label + "~current"
    if let stale = try (db.snapshot(label)) { try db.delete(stale) }
    let scratch = try db.begin(label, roots: roots)
    let output = SnapshotOutput(
      store: db.recorder(for: scratch, prior: quick ? baseline : nil), stream: stream, jsonl: printer.jsonl)
    let walked = try store.take(store.snapshotOptions(roots), into: output, verb: "diff")
    summary.errorsByCode = walked.errorsByCode
    for area in try (db.bootAreas(of: baseline)) {
      switch BootArea.read(area.path) {
      case .success(let now):
        try db.store(now, in: scratch)
        try compareBootArea(db, baseline, now, &summary, &printer)
      case .failure(let error):
        output.receive(error.issue)
        summary.errorsByCode[error.issue.code.rawValue, default: 0] += 1
      }
    }
    return (try db.finish(scratch), output.issues.collected)
  }

  /// The snapshot `label`, which must exist and be complete.
  func complete(_ db: StoreDatabase, _ label: String) throws -> Snapshot {
    guard let snapshot = try db.snapshot(label) else {
      throw BlastRadiusError(.storeMissing, "no snapshot '\(label)'", path: store.db)
    }
    guard snapshot.complete else {
      throw BlastRadiusError(
        .storeMissing,
        "snapshot '\(label)' is partial (its baseline was interrupted): run `blastradius baseline --label \(label)` again to complete it",
        path: store.db)
    }
    return snapshot
  }

  /// Reports the boot area `now` against the baseline's record of the same device.
  func compareBootArea(
    _ db: StoreDatabase, _ baseline: Snapshot, _ now: BootArea, _ summary: inout DiffSummary,
    _ printer: inout ChangePrinter
  ) throws {
    guard let before = try (db.bootAreas(of: baseline)).first(where: { $0.path == now.path }),
      let change = before.change(to: now)
    else { return }
    summary.bootChanges.append(change)
    if printer.jsonl { RecordFormatter.append(change, to: &printer.pending) }
  }
}
