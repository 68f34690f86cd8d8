#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
public import BlastRadiusBase
public import BlastRadiusDetect
public import BlastRadiusHunt
import BlastRadiusWalk
import Synchronization

/// Runs a scan: a pool of `jobs` threads shares one work stack, each thread listing folders or
/// scanning files with its own `ScanWorker`, all reporting to one tally and one sink.
public final class Scanner: Sendable {
  let options: ScanOptions
  let detectors: DetectorSet
  let hunt: HuntSet?
  public let tally: ScanTally
  let sink: any ScanSink
  /// Polled between files: true stops the scan cleanly (Ctrl-C); files under way are finished.
  let shouldStop: @Sendable () -> Bool

  public init(
    options: ScanOptions, detectors: DetectorSet, hunt: HuntSet? = nil, sink: any ScanSink,
    shouldStop: @escaping @Sendable () -> Bool = { false }
  ) {
    self.options = options
    self.detectors = detectors
    self.hunt = hunt
    self.tally = ScanTally(detectors: detectors.specs)
    self.sink = sink
    self.shouldStop = shouldStop
  }

  /// Scans every root and returns the summary. Per-file problems are records, not failures;
  /// only a detector set that cannot get scratch space (or a YARA scanner) throws.
  public func run() throws(BlastRadiusError) -> ScanSummary {
    let started = MonotonicClock.now()
    let queue = WorkQueue<WorkItem>()
    let lister = DirectoryLister(
      excludes: ExcludeFilter(options.excludes), followSymlinks: options.followSymlinks)
    var initial: [WorkItem] = []
    for root in options.roots {
      let path = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
      var st = stat()
      guard RawPath.withCString(path, { stat($0, &st) }) == 0 else {
        report(.fromErrno(errno, path: path, doing: "cannot read scan root"))
        continue
      }
      switch st.st_mode & S_IFMT {
      case S_IFDIR:
        _ = lister.claim(st)
        initial.append(.directory(path))
      case S_IFREG: initial.append(.file(path))
      default: tally.skipped("special")
      }
    }
    // Stack order: the first root is taken first.
    queue.push(initial.reversed())

    // Workers are made up front so a failure (scratch allocation) stops the scan before it starts.
    var workers: [ScanWorker] = []
    var hunters: [HuntWorker] = []
    for _ in 0..<max(1, options.jobs) {
      var hunter: HuntWorker?
      if let hunt {
        hunter = try HuntWorker(set: hunt, options: options.huntOptions)
        hunters.append(hunter!)
      }
      workers.append(
        try ScanWorker(
          options: options, detectors: detectors, hunter: hunter, tally: tally,
          sink: sink.forWorker(workers.count)))
    }
    let pool = WorkerPool(workers)
    let tally = self.tally
    let shouldStop = self.shouldStop
    let stopped = Atomic<Bool>(false)
    Threads.run(count: workers.count) { index in
      let worker = pool.take(index)
      while let item = queue.next() {
        if stopped.load(ordering: .relaxed) || shouldStop() {
          // What is left is dropped, item by item, so that every thread's loop ends.
          stopped.store(true, ordering: .relaxed)
          queue.finished()
          continue
        }
        switch item {
        case .directory(let path):
          switch lister.list(path, skip: { tally.skipped($0) }) {
          case .success(let items):
            // Back-pressure: a huge flat folder is scanned in place rather than queued whole.
            var deferred: [WorkItem] = []
            for item in items {
              if case .file(let file) = item, queue.count > 8192 {
                if !stopped.load(ordering: .relaxed) { worker.scanFile(file) }
              } else {
                deferred.append(item)
              }
            }
            queue.push(deferred.reversed())
          case .failure(let error):
            worker.report(error.issue)
          }
        case .file(let path):
          worker.scanFile(path)
        }
        queue.finished()
      }
      worker.settle()
    }
    var summary = tally.summary(seconds: MonotonicClock.now() - started)
    summary.interrupted = stopped.load(ordering: .relaxed)
    // A scan with --ocr says so even when it met no image: zero pages is an answer.
    if options.ocr && summary.ocr == nil { summary.ocr = ScanSummary.OCRRun() }
    if let hunt {
      var h = HuntSummary()
      if let rules = hunt.rules {
        h.yaraFiles = rules.fileCount
        h.yaraRules = rules.ruleCount
        h.yaraCache = rules.cache
        h.yaraSeconds = rules.seconds
      }
      h.indicators = hunt.indicatorCounts
      h.bytes = hunters.reduce(0) { $0 + $1.bytesHunted }
      h.secondReads = hunters.reduce(0) { $0 + $1.secondReads }
      h.warnings = hunt.warnings
      summary.hunt = h
    }
    return summary
  }

  func report(_ issue: ScanIssue) {
    tally.issue(issue)
    sink.receive(issue)
  }

}
