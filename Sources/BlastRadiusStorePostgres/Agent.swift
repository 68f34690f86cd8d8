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
    /// Items scanned at once, each on a thread of its own.
    public var jobs = 1
    /// A folder's files are scanned in batches of at most this many bytes and files; batches past
    /// the first become items of their own, for other agents to share.
    public var batchBytes: Int64 = 32 << 20
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
    /// Findings committed, and seconds spent committing items (their transactions, `COPY` included).
    public var findings = 0
    public var commitSeconds = 0.0
    public var scansEnded: [Int64] = []

    /// One line for the agent's last words.
    public var text: String {
      var line =
        "\(items) items, \(bytes) bytes, \(findings) findings (commits \(ProgressLine.fixed(commitSeconds, 3)) s)"
      line += "; \(lost) taken over, \(failed) failed"
      if !scansEnded.isEmpty {
        line += "; ended scan #" + scansEnded.map(String.init).joined(separator: ", #")
      }
      return line
    }
  }

  let queue: AgentQueue
  let options: Options
  let prepare: @Sendable (Plan) throws -> Setup
  /// The items held now, for the heartbeat, and those whose lease passed to another agent.
  let held = Mutex<[Int64: ClaimedItem]>([:])
  let lost = Mutex<Set<Int64>>([])
  /// What every slot learned: scans it cannot serve, setups by scan, and the report.
  let shared = Mutex(Shared())
  let claims = Atomic<Int>(0)

  struct Shared {
    var excluded: [Int64] = []
    var setups: [Int64: Setup] = [:]
    var report = Report()
  }

  /// `prepare` builds a scan's setup from its plan (the CLI parses the arguments as `scan` does).
  public init(store: PostgresStore, options: Options, prepare: @escaping @Sendable (Plan) throws -> Setup) {
    self.queue = AgentQueue(
      store: store, name: options.name, host: options.host, leaseSeconds: options.leaseSeconds)
    self.options = options
    self.prepare = prepare
  }

  /// Runs until `shouldStop` (polled between files) or, with `exitWhenIdle`, until the queue has
  /// nothing left for it. `jobs` slots each take an item and scan it on a thread of their own, so
  /// that one item's commit overlaps the others' reading, and small items keep every core busy.
  /// `log` gets one line per item and per problem.
  public func run(shouldStop: @escaping @Sendable () -> Bool, log: @escaping @Sendable (String) -> Void)
    throws(BlastRadiusError) -> Report
  {
    try queue.register()
    let beats = Heartbeat(every: options.leaseSeconds / 3) { [self] in
      let items = held.withLock { Array($0.values) }
      if let gone = try? queue.heartbeat(items), !gone.isEmpty { lost.withLock { $0.formUnion(gone) } }
    }
    defer {
      beats.stop()
      queue.unregister()
    }
    let failure = Mutex<BlastRadiusError?>(nil)
    Threads.run(count: max(1, options.jobs)) { [self] _ in
      do throws(BlastRadiusError) {
        try serve(shouldStop: shouldStop, log: log)
      } catch {
        failure.withLock { $0 = $0 ?? error }
      }
    }
    if let failure = failure.withLock({ $0 }) { throw failure }
    let ended = (try? finishScans()) ?? []
    return shared.withLock { s in
      s.report.scansEnded += ended
      return s.report
    }
  }

  /// One slot's loop: take an item, scan it, commit it, until stopped or idle.
  func serve(shouldStop: @escaping @Sendable () -> Bool, log: @escaping @Sendable (String) -> Void)
    throws(BlastRadiusError)
  {
    while !shouldStop() {
      if let ended = try? finishScans(), !ended.isEmpty { shared.withLock { $0.report.scansEnded += ended } }
      let excluded = shared.withLock { $0.excluded }
      guard let item = try queue.claim(excluding: excluded) else {
        // Items held by others may yet add items, or come back when their lease expires.
        let open = try queue.openItems(excluding: excluded)
        if open == 0, options.exitWhenIdle { break }
        Thread.sleep(forTimeInterval: open > 0 ? min(0.2, options.idleSeconds) : options.idleSeconds)
        continue
      }
      let claimed = claims.add(1, ordering: .relaxed).newValue
      held.withLock { $0[item.id] = item }
      defer { held.withLock { $0[item.id] = nil } }
      let setup: Setup
      do {
        setup =
          try shared.withLock { $0.setups[item.scan] }
          ?? prepare(Plan(arguments: item.plan.arguments, excludes: item.plan.excludes))
      } catch {
        queue.release(item, error: "\(error)", counted: false)
        shared.withLock { $0.excluded.append(item.scan) }
        log("cannot take the items of scan #\(item.scan): \(error)")
        continue
      }
      guard setup.configuration.hash == item.configHash else {
        queue.release(item, error: "another configuration", counted: false)
        shared.withLock { $0.excluded.append(item.scan) }
        log(
          "cannot take the items of scan #\(item.scan): this agent's configuration differs from the scan's (another fingerprint key, other rules files, or another release)"
        )
        continue
      }
      shared.withLock { $0.setups[item.scan] = setup }
      do {
        let done = try scan(item, setup, kill: claimed == options.killInItem, shouldStop: shouldStop)
        shared.withLock { s in
          s.report.items += 1
          s.report.bytes += done.bytes
          s.report.findings += done.findings
          s.report.commitSeconds += done.commitSeconds
        }
        log("item #\(item.id) of scan #\(item.scan) done: \(item.kind.rawValue) \(item.paths.first ?? "")")
      } catch is Abandoned {
        if lost.withLock({ $0.contains(item.id) }) {
          shared.withLock { $0.report.lost += 1 }
          log("item #\(item.id) was taken over by another agent: its lease expired")
        } else {
          queue.release(item, error: "its agent stopped", counted: false)
        }
      } catch let error as BlastRadiusError where error.cause is LostItem {
        shared.withLock { $0.report.lost += 1 }
        log("item #\(item.id): \(error.cause!)")
      } catch {
        shared.withLock { $0.report.failed += 1 }
        queue.release(item, error: "\(error)", counted: true)
        log("item #\(item.id) failed: \(error)")
      }
    }
  }

  /// Ends the scans whose items are all done, naming detectors' categories as this agent knows them.
  func finishScans() throws -> [Int64] {
    var categories: [String: String] = [:]
    for setup in shared.withLock({ Array($0.setups.values) }) {
      for spec in setup.detectors.specs { categories[spec.id] = spec.category }
    }
    let known = categories
    return try queue.finishScans(category: { known[$0] })
  }

  /// The item stopped before its end (the agent was told to stop, or lost the lease).
  struct Abandoned: Error {}

  /// Scans one item and commits it; returns what it read and the time its commit took.
  func scan(_ item: ClaimedItem, _ setup: Setup, kill: Bool, shouldStop: @escaping @Sendable () -> Bool)
    throws -> (bytes: Int64, findings: Int, commitSeconds: Double)
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
      options.jobs = 1
      let scanner = Scanner(
        options: options, detectors: setup.detectors, hunt: setup.hunt, sink: store,
        shouldStop: { [self] in lost.withLock { $0.contains(item.id) } || shouldStop() || store.failed })
      summary = try scanner.run()
    }
    // Whatever happens next, the workers are let go (they hold the store: it would never be freed).
    let held = store.takeHeld()
    if let failure = store.failure.withLock({ $0 }) { throw failure }
    if summary.interrupted || lost.withLock({ $0.contains(item.id) }) { throw Abandoned() }
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
    try queue.complete(item, files: held, outcome: outcome, scan: store)
    return (outcome.bytes, summary.findings, Double(store.writeNanoseconds.load(ordering: .relaxed)) / 1e9)
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
