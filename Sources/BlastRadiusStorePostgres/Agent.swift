import Foundation
public import BlastRadiusBase
public import BlastRadiusDetect
public import BlastRadiusHunt
public import BlastRadiusScan
public import BlastRadiusStore
import BlastRadiusWalk
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A scanning agent: takes work items of scans handed to agents (`PostgresStore.submitPlan`)
/// from the store's queue, scans each, and commits its results with its completion, until told
/// to stop (or, with `exitWhenIdle`, until no item it could take is left). A heartbeat thread
/// renews its lease; if the agent dies, the lease expires and another agent takes the item.
public final class Agent: Sendable {
  /// How the agent names itself and paces its work.
  public struct Options: Sendable {
    /// Unique among the agents of the store: its row in `status`.
    public var name: String
    /// The host whose files it reads: it takes items planned for this host and shared ones.
    public var host: String
    /// Seconds an item stays this agent's without a heartbeat; renewed every third of it.
    public var leaseSeconds = 60.0
    /// Worker threads scanning an item's files.
    public var jobs = 1
    /// A folder's files are scanned in batches of at most this many bytes and files; batches past
    /// the first become items of their own, for other agents to share.
    public var batchBytes: Int64 = 64 << 20
    public var batchFiles = 1000
    /// Seconds between looks at the queue when it has nothing for this agent.
    public var idleSeconds = 1.0
    /// Stop once no item this agent could take is pending or held by anyone.
    public var exitWhenIdle = false
    /// For tests: the agent kills itself (SIGKILL) while committing its Nth item.
    public var killInItem: Int?

    public init(name: String, host: String) {
      self.name = name
      self.host = host
    }
  }

  /// What a scan's plan runs with, as this agent builds it from the plan's arguments.
  public struct Setup: Sendable {
    public var options: ScanOptions
    public var detectors: DetectorSet
    public var hunt: HuntSet?
    public var configuration: ScanConfiguration
    /// Reuse a file's results only when its content is unchanged (`--rehash`).
    public var rehash: Bool

    public init(
      options: ScanOptions, detectors: DetectorSet, hunt: HuntSet?, configuration: ScanConfiguration,
      rehash: Bool
    ) {
      self.options = options
      self.rehash = rehash
      self.detectors = detectors
      self.hunt = hunt
      self.configuration = configuration
    }
  }

  /// A scan's plan: its settings as command-line arguments, and its excludes.
  public struct Plan: Sendable {
    public var arguments: [String]
    public var excludes: [String]
  }

  /// What the agent did, for its last words.
  public struct Report: Sendable {
    public var items = 0
    public var lost = 0
    public var failed = 0
    public var bytes: Int64 = 0
    public var scansEnded: [Int64] = []
  }

  let queue: AgentQueue
  let options: Options
  let prepare: @Sendable (Plan) throws -> Setup
  /// The item being scanned, for the heartbeat; and whether its lease was lost.
  let current = Mutex<ClaimedItem?>(nil)
  let lost = Atomic<Bool>(false)

  /// `prepare` builds a scan's setup from its plan (the CLI parses the arguments as `scan` does).
  public init(store: PostgresStore, options: Options, prepare: @escaping @Sendable (Plan) throws -> Setup) {
    self.queue = AgentQueue(
      store: store, name: options.name, host: options.host, leaseSeconds: options.leaseSeconds)
    self.options = options
    self.prepare = prepare
  }

  /// Runs until `shouldStop` (polled between files) or, with `exitWhenIdle`, until the queue has
  /// nothing left for it. `log` gets one line per item and per problem.
  public func run(shouldStop: @escaping @Sendable () -> Bool, log: @escaping @Sendable (String) -> Void)
    throws(BlastRadiusError) -> Report
  {
    try queue.register()
    let beats = Heartbeat(every: options.leaseSeconds / 3) { [self] in
      let item = current.withLock { $0 }
      if (try? queue.heartbeat(item)) == false, item != nil { lost.store(true, ordering: .relaxed) }
    }
    defer {
      beats.stop()
      queue.unregister()
    }
    var report = Report()
    var excluded: [Int64] = []
    var setups: [Int64: Setup] = [:]
    var claimed = 0
    while !shouldStop() {
      report.scansEnded += (try? finishScans(setups)) ?? []
      guard let item = try queue.claim(excluding: excluded) else {
        if options.exitWhenIdle, try queue.openItems(excluding: excluded) == 0 { break }
        Thread.sleep(forTimeInterval: options.idleSeconds)
        continue
      }
      claimed += 1
      lost.store(false, ordering: .relaxed)
      current.withLock { $0 = item }
      defer { current.withLock { $0 = nil } }
      let setup: Setup
      do {
        setup =
          try setups[item.scan] ?? prepare(Plan(arguments: item.plan.arguments, excludes: item.plan.excludes))
      } catch {
        queue.release(item, error: "\(error)", counted: false)
        excluded.append(item.scan)
        log("cannot take the items of scan #\(item.scan): \(error)")
        continue
      }
      guard setup.configuration.hash == item.configHash else {
        queue.release(item, error: "another configuration", counted: false)
        excluded.append(item.scan)
        log(
          "cannot take the items of scan #\(item.scan): this agent's configuration differs from the scan's (another fingerprint key, other rules files, or another release)"
        )
        continue
      }
      setups[item.scan] = setup
      do {
        let bytes = try scan(item, setup, kill: claimed == options.killInItem, shouldStop: shouldStop)
        report.items += 1
        report.bytes += bytes
        log("item #\(item.id) of scan #\(item.scan) done: \(item.kind.rawValue) \(item.paths.first ?? "")")
      } catch is Abandoned {
        if lost.load(ordering: .relaxed) {
          report.lost += 1
          log("item #\(item.id) was taken over by another agent: its lease expired")
        } else {
          queue.release(item, error: "its agent stopped", counted: false)
        }
      } catch let error as BlastRadiusError where error.cause is LostItem {
        report.lost += 1
        log("item #\(item.id): \(error.cause!)")
      } catch {
        report.failed += 1
        queue.release(item, error: "\(error)", counted: true)
        log("item #\(item.id) failed: \(error)")
      }
    }
    report.scansEnded += (try? finishScans(setups)) ?? []
    return report
  }

  /// Ends the scans whose items are all done, naming detectors' categories as this agent knows them.
  func finishScans(_ setups: [Int64: Setup]) throws -> [Int64] {
    var categories: [String: String] = [:]
    for setup in setups.values {
      for spec in setup.detectors.specs { categories[spec.id] = spec.category }
    }
    let known = categories
    return try queue.finishScans(category: { known[$0] })
  }

  /// The item stopped before its end (the agent was told to stop, or lost the lease).
  struct Abandoned: Error {}

  /// Scans one item and commits it; returns the bytes it read.
  func scan(_ item: ClaimedItem, _ setup: Setup, kill: Bool, shouldStop: @escaping @Sendable () -> Bool)
    throws
    -> Int64
  {
    let started = MonotonicClock.now()
    var listing = Listing()
    switch item.kind {
    case .folder: listing = list(item.paths[0], setup)
    case .files: listing.files = item.paths
    }
    var files = listing.files
    var children = listing.folders.map { (kind: ClaimedItem.Kind.folder, paths: [$0]) }
    let batches = batch(files)
    if batches.count > 1 {
      files = batches[0]
      children += batches.dropFirst().map { (kind: ClaimedItem.Kind.files, paths: $0) }
    }
    var storeOptions = ScanStore.Options()
    storeOptions.deferCommits = true
    storeOptions.rehash = setup.rehash
    if kill { storeOptions.beforeCommit = { _ in _ = Glibc.kill(getpid(), SIGKILL) } }
    let writer = PostgresScanWriter(store: queue.store, host: item.host, claim: item)
    let store = try ScanStore(driver: writer, configuration: setup.configuration, options: storeOptions)
    var summary = ScanSummary()
    if !files.isEmpty {
      var options = setup.options
      options.roots = files
      let scanner = Scanner(
        options: options, detectors: setup.detectors, hunt: setup.hunt, sink: store,
        shouldStop: { [self] in lost.load(ordering: .relaxed) || shouldStop() || store.failed })
      summary = try scanner.run()
    }
    if let failure = store.failure.withLock({ $0 }) { throw failure }
    if summary.interrupted || lost.load(ordering: .relaxed) { throw Abandoned() }
    let issues = listing.issues + store.walkIssues.withLock { $0 }
    for issue in listing.issues {
      summary.errors += 1
      summary.errorsByCode[issue.code.rawValue, default: 0] += 1
    }
    summary.skipped.merge(listing.skipped, uniquingKeysWith: +)
    summary.seconds = MonotonicClock.now() - started
    // Its store part carries the files reused unchanged, for the scan's own count.
    summary.store = ScanSummary.StoreRun(scan: item.scan, resumed: false, status: "complete")
    var record = JSONBuilder()
    RecordFormatter.append(summary, to: &record)
    var outcome = AgentQueue.Outcome(summary: String(decoding: record.bytes, as: UTF8.self))
    outcome.issues = issues.map { issue in
      var json = JSONBuilder()
      RecordFormatter.append(issue, to: &json)
      return String(decoding: json.bytes, as: UTF8.self)
    }
    outcome.children = children
    outcome.bytes = Int64(summary.bytes)
    outcome.seconds = summary.seconds
    try queue.complete(item, files: store.takeHeld(), outcome: outcome, scan: store)
    return outcome.bytes
  }

  /// A folder's entries under the walking rules, or the problem that kept it from being listed.
  struct Listing {
    var files: [String] = []
    var folders: [String] = []
    var issues: [ScanIssue] = []
    var skipped: [String: Int] = [:]
  }

  /// Lists a folder item: a root may also be a file, or be missing (an error record, as a scan
  /// of a missing root gives).
  func list(_ path: String, _ setup: Setup) -> Listing {
    var listing = Listing()
    let path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    var st = stat()
    guard RawPath.withCString(path, { stat($0, &st) }) == 0 else {
      listing.issues.append(.fromErrno(errno, path: path, doing: "cannot read scan root"))
      return listing
    }
    switch st.st_mode & S_IFMT {
    case S_IFREG:
      listing.files = [path]
      return listing
    case S_IFDIR: break
    default:
      listing.skipped["special", default: 0] += 1
      return listing
    }
    let lister = DirectoryLister(excludes: ExcludeFilter(setup.options.excludes), followSymlinks: false)
    var skipped: [String: Int] = [:]
    switch lister.list(path, skip: { skipped[$0, default: 0] += 1 }) {
    case .success(let items):
      for item in items {
        switch item {
        case .directory(let d): listing.folders.append(d)
        case .file(let f): listing.files.append(f)
        }
      }
    case .failure(let error):
      listing.issues.append(error.issue)
    }
    listing.skipped = skipped
    return listing
  }

  /// Files cut into batches of bounded bytes and count, in the order given.
  func batch(_ files: [String]) -> [[String]] {
    var batches: [[String]] = []
    var current: [String] = []
    var bytes: Int64 = 0
    for file in files {
      var st = stat()
      let size = RawPath.withCString(file, { lstat($0, &st) }) == 0 ? Int64(st.st_size) : 0
      if !current.isEmpty, bytes + size > options.batchBytes || current.count >= options.batchFiles {
        batches.append(current)
        current = []
        bytes = 0
      }
      current.append(file)
      bytes += size
    }
    if !current.isEmpty { batches.append(current) }
    return batches
  }
}

/// Runs `beat` on a thread of its own every `interval` seconds until stopped.
final class Heartbeat: Sendable {
  let wake = DispatchSemaphore(value: 0)
  let ended = DispatchSemaphore(value: 0)
  let stopped = Atomic<Bool>(false)

  init(every interval: Double, _ beat: @escaping @Sendable () -> Void) {
    let thread = Thread { [self] in
      while !stopped.load(ordering: .acquiring) {
        _ = wake.wait(timeout: .now() + interval)
        if stopped.load(ordering: .acquiring) { break }
        beat()
      }
      ended.signal()
    }
    thread.name = "blastradius-heartbeat"
    thread.start()
  }

  func stop() {
    guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
    wake.signal()
    ended.wait()
  }
}
