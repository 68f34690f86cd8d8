import ArgumentParser
import BlastRadiusStore
import BlastRadiusBase
import BlastRadiusIntegrity

/// `blastradius baseline PATH... --db FILE`: records every file, folder and link with its
/// metadata and hash, so that `diff` can later say what changed and how.
struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract: "Record the state of folders (and disk boot areas) as a named snapshot.",
    discussion: """
      Each batch of entries is written in one transaction; an interrupted run leaves the snapshot \
      marked partial, and the next run goes on from it. Running it again updates the snapshot: \
      files whose size, times and inode are unchanged keep their hash unless --rehash.
      """)

  @Argument(help: "Folders or files to record (default: those of the existing snapshot).")
  var paths: [String] = []

  @OptionGroup var store: StoreOptions

  @Flag(help: "Read and hash every file again, even when its size, times and inode are unchanged.")
  var rehash = false

  @Option(
    name: .customLong("device"),
    help: ArgumentHelp(
      "Record the first MiB of a block device or disk image (repeatable).", valueName: "PATH"))
  var devices: [String] = []

  @Option(help: .hidden)
  var testKillAfterBatches: Int?

  func run() throws {
    let db = try store.openDatabase(create: true)
    let existing = try db.snapshot(store.label)
    let roots = paths.isEmpty ? existing?.roots ?? [] : StoreOptions.resolve(paths)
    let previousDevices = try existing.map { s in try db.bootAreas(of: s) } ?? []
    let devicePaths = Array(Set(previousDevices.map(\.path) + StoreOptions.resolve(devices))).sorted()
    guard !roots.isEmpty || !devicePaths.isEmpty else {
      throw ValidationError("give the folders to record (no snapshot '\(store.label)' to take them from)")
    }
    let stream = try store.common.openStream()
    let snapshot = try db.begin(store.label, roots: roots)
    let output = SnapshotOutput(
      store: db.recorder(for: snapshot, prior: rehash ? nil : snapshot), stream: stream,
      jsonl: store.common.resolvedFormat == .jsonl, killAfter: testKillAfterBatches)
    var summary = try store.take(store.snapshotOptions(roots), into: output, verb: "baseline")
    var recorded = 0
    for path in devicePaths {
      switch BootArea.read(path) {
      case .success(let area):
        try db.store(area, in: snapshot)
        recorded += 1
      case .failure(let error):
        output.receive(error.issue)
        summary.errorsByCode[error.issue.code.rawValue, default: 0] += 1
      }
    }
    let finished = try db.finish(snapshot)
    switch store.common.resolvedFormat {
    case .jsonl:
      var json = JSONBuilder()
      RecordFormatter.append(
        summary, label: finished.label, complete: finished.complete, devices: recorded, to: &json)
      stream.write(json.bytes)
    case .table:
      stream.write(
        Array(
          TableRenderer.render(
            summary, label: finished.label, complete: finished.complete, issues: output.issues.collected
          ).utf8))
    }
    try stream.finish()
  }
}
