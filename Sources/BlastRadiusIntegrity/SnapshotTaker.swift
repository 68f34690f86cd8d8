import Synchronization
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase
import BlastRadiusWalk

/// Records the state of file trees into a `SnapshotSink`: every file, folder and link with its
/// metadata, files with their hash and content profile. `jobs` threads share one work stack,
/// each with its own read buffer and batch, so memory stays bounded whatever the tree's size.
public final class SnapshotTaker: Sendable {
  let options: SnapshotOptions
  let sink: any SnapshotSink
  public let tally = SnapshotTally()
  /// The first store failure: it stops the run (the batches written before it stay written).
  let failure = Mutex<String?>(nil)

  public init(options: SnapshotOptions, sink: any SnapshotSink) {
    self.options = options
    self.sink = sink
  }

  /// Walks every root. Unreadable entries and roots are issues sent to the sink; a store
  /// failure stops the run and is returned.
  public func run() -> (summary: SnapshotSummary, failure: String?) {
    let started = MonotonicClock.now()
    let queue = WorkQueue<SnapshotItem>()
    let lister = DirectoryLister(excludes: ExcludeFilter(options.excludes), followSymlinks: false)
    let workers = (0..<max(1, options.jobs)).map { _ in
      SnapshotWorker(taker: self, queue: queue, lister: lister)
    }
    var initial: [SnapshotItem] = []
    for root in options.roots {
      guard let item = rootItem(root) else { continue }
      initial.append(item)
    }
    queue.push(initial.reversed())
    let pool = WorkerPool(workers)
    Threads.run(count: workers.count) { index in
      let worker = pool.take(index)
      while let item = queue.next() {
        worker.handle(item)
        queue.finished()
      }
      worker.flush()
    }
    return (tally.summary(seconds: MonotonicClock.now() - started), failure.withLock { $0 })
  }

  /// The first item for a root: its real path (links and `..` resolved), listed if a folder.
  func rootItem(_ root: String) -> SnapshotItem? {
    guard let resolved = RawPath.withCString(root, { realpath($0, nil) }) else {
      report(.fromErrno(errno, path: root, doing: "cannot resolve root"))
      return nil
    }
    let path = RawPath.decode(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
    free(resolved)
    let (dir, name) = Self.split(path)
    var st = stat()
    guard RawPath.withCString(path, { lstat($0, &st) }) == 0 else {
      report(.fromErrno(errno, path: path, doing: "cannot read root"))
      return nil
    }
    if EntryKind(mode: UInt32(st.st_mode)) == .directory {
      return .directory(EntryRecord(dir: dir, name: name, top: path, stat: st), childTop: nil)
    }
    return .names(dir: dir, childTop: nil, names: [name])
  }

  /// `/a/b` → (`/a`, `b`); `/a` → (`/`, `a`); `/` → (``, `/`).
  static func split(_ path: String) -> (dir: String, name: String) {
    guard path != "/", let slash = path.utf8.lastIndex(of: ASCII.slash) else { return ("", path) }
    let dir = slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    return (dir, String(path[path.utf8.index(after: slash)...]))
  }

  var stopped: Bool { failure.withLock { $0 != nil } }

  func fail(_ error: any Error) {
    failure.withLock { if $0 == nil { $0 = "\(error)" } }
  }

  func report(_ issue: ScanIssue) {
    tally.issue(issue)
    sink.receive(issue)
  }
}
