import ArgumentParser
import BlastRadiusStore
import BlastRadiusBase
import BlastRadiusIntegrity
import BlastRadiusStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options `baseline` and `diff` share: the database, the snapshot label, walking and output.
struct StoreOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The SQLite database of snapshots (created with mode 0600).", valueName: "FILE"))
  var db: String

  @Option(help: "Name of the snapshot (default: baseline).")
  var label: String = "baseline"

  @OptionGroup var common: RunOptions

  @Option(help: .hidden)
  var batchSize: Int?

  func validate() throws {
    if label.isEmpty || label.contains("~") {
      throw ValidationError("--label must be a non-empty name without '~'")
    }
  }

  func openDatabase(create: Bool) throws -> StoreDatabase {
    try StoreDatabase(path: db, create: create)
  }

  /// The walking options for `roots`.
  func snapshotOptions(_ roots: [String]) -> SnapshotOptions {
    var options = SnapshotOptions(roots: roots, jobs: common.threads)
    options.excludes = common.exclude
    if let batchSize { options.batchSize = max(1, batchSize) }
    return options
  }

  /// Runs a snapshot with a progress line on a terminal; a store failure ends the command.
  func take(_ options: SnapshotOptions, into sink: any SnapshotSink, verb: String) throws -> SnapshotSummary {
    let taker = SnapshotTaker(options: options, sink: sink)
    let tally = taker.tally
    let stop = common.showProgress ? ProgressLine(verb: verb, counts: { tally.live }).start() : {}
    let (summary, failure) = taker.run()
    stop()
    if let failure {
      throw BlastRadiusError(
        .storeUnusable, "the database failed, the snapshot is partial", path: db,
        cause: DescribedError(description: failure))
    }
    return summary
  }

  /// Folders as absolute paths with links resolved, as snapshots store them; a path that cannot
  /// be resolved is kept as given (the walk reports it).
  static func resolve(_ paths: [String]) -> [String] {
    paths.map { path in
      guard let real = realpath(path, nil) else { return path }
      defer { free(real) }
      return String(cString: real)
    }
  }
}
