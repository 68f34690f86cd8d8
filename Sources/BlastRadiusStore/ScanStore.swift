import Foundation
import GRDB
package import Synchronization
public import BlastRadiusBase
public import BlastRadiusScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A scan being written into a store: the sink a `Scanner` sends to. Each worker gets its own
/// `ScanStoreWorker`, which keeps a file's records until they are committed together with the
/// file's "done" mark; a file done in the store is never read again by the same scan, so a scan
/// killed at any moment is resumed by running it again. Walk problems (an unreadable folder)
/// belong to the scan, not to a file, and are kept here.
public final class ScanStore: ScanSink {
  let database: any ScanStoreDriver
  /// The scan's id and whether this run continued an interrupted one.
  public let scanID: Int64
  public let resumed: Bool
  package let configuration: ScanConfiguration
  /// Detector index by id, as the configuration lists them.
  let detectorIndex: [String: UInt16]
  let rehash: Bool
  package let sealer: ValueSealer?
  /// Files at least this large may be matched by content with a file of another path.
  let duplicateMinimum: Int
  package let walkIssues = Mutex<[ScanIssue]>([])
  package let failure = Mutex<BlastRadiusError?>(nil)
  let workers = Mutex<[ScanStoreWorker]>([])
  let lock: any Sendable
  package let options: Options
  package let commits = Atomic<Int>(0)
  /// Nanoseconds spent in commits, all workers together.
  package let writeNanoseconds = Atomic<Int>(0)

  /// What to do with files that are unchanged, and whether raw values are kept.
  public struct Options: Sendable {
    /// Compare content hashes (SHA-256) instead of device, inode, size and times.
    public var rehash = false
    /// Keep revealed values, encrypted with this key (`--store-values`).
    public var valuesKey: [UInt8]?
    /// Files smaller than this are read again rather than hashed to find a copy elsewhere.
    public var duplicateMinimum = 64 * 1024
    /// A worker commits once it holds this many finished files (or 8 MiB, or after a second).
    public var commitFiles = 2000
    /// Hold every finished file until `takeHeld` (an agent's work item, committed whole with its
    /// completion); only the parts of a file too large to hold are written before.
    public var deferCommits = false
    /// Called inside each commit's transaction before it commits, and after it committed, with
    /// the number of commits so far: for tests that kill the process at chosen points.
    public var beforeCommit: (@Sendable (Int) -> Void)?
    public var afterCommit: (@Sendable (Int) -> Void)?
    public init() {}
  }

  /// Starts a scan of `configuration.roots`, or resumes the last one of the same roots and
  /// configuration that did not finish. Takes the store's writer lock for the life of this
  /// object: a second writer is refused at once.
  public convenience init(database: StoreDatabase, configuration: ScanConfiguration, options: Options)
    throws(BlastRadiusError)
  {
    try self.init(driver: database, configuration: configuration, options: options)
  }

  /// The same with any store's driver.
  package init(driver database: any ScanStoreDriver, configuration: ScanConfiguration, options: Options)
    throws(BlastRadiusError)
  {
    self.database = database
    self.options = options
    self.configuration = configuration
    self.rehash = options.rehash
    self.duplicateMinimum = options.duplicateMinimum
    self.sealer = options.valuesKey.map { ValueSealer(key: $0) }
    var index: [String: UInt16] = [:]
    for (i, id) in configuration.detectors.enumerated() where index[id] == nil { index[id] = UInt16(i) }
    self.detectorIndex = index
    self.lock = try database.lockForWriting(configuration)
    let (id, resumed) = try database.beginScan(configuration)
    self.scanID = id
    self.resumed = resumed
    database.startWriting()
  }

  deinit { database.finishWriting() }

  public func forWorker(_ index: Int) -> any ScanSink {
    let worker = ScanStoreWorker(store: self)
    workers.withLock { $0.append(worker) }
    return worker
  }

  // Records that reach the scan's own sink are the walk's: roots and folders.
  public func receive(_ findings: [Finding]) {}
  public func receive(_ issue: ScanIssue) { walkIssues.withLock { $0.append(issue) } }

  /// True once a commit failed (a full disk, a damaged store): the scan must stop.
  public var failed: Bool { failure.withLock { $0 != nil } }

  func fail(_ error: any Error, doing what: String) {
    failure.withLock { f in
      if f == nil {
        f = BlastRadiusError(
          .storeUnusable,
          "the store could not be written (\(what)): the scan stopped; run it again to resume it",
          path: database.location, cause: error)
      }
    }
  }

  /// The files the workers hold, taken from them: with `deferCommits`, everything the scan
  /// finished, for the caller to commit in one transaction.
  package func takeHeld() -> [PendingFile] {
    // The workers go with their files: they hold this store, and it would never be freed.
    workers.withLock { w in
      defer { w = [] }
      return w
    }.flatMap { $0.takeDone() }
  }

  /// Ends the run: commits what the workers hold, drops from the current view the files under
  /// the roots that this scan did not see (when it saw everything), counts the values of the
  /// files it reused into `tally`, and records the status and the summary. Throws when the
  /// store failed during the scan, after marking it interrupted when it still can.
  public func finish(_ summary: inout ScanSummary, tally: ScanTally) throws(BlastRadiusError) {
    // The workers are let go once they committed: each holds this store, which would otherwise
    // never be freed, nor its writer lock released, in a process that goes on (an agent, a server).
    for worker in workers.withLock({ w in
      defer { w = [] }
      return w
    }) {
      worker.commitAll()
    }
    let failure = failure.withLock { $0 }
    let interrupted = summary.interrupted || failure != nil
    summary.interrupted = interrupted
    do {
      let reused = try database.reusedCounts(scan: scanID, configuration: configuration, tally: tally)
      summary.detectors = tally.summary(seconds: 0).detectors
      if let reused {
        // Nothing read: the previous scan's counts, with the categories the detectors have now.
        let byID = Dictionary(reused.map { ($0.detector, $0) }, uniquingKeysWith: { a, _ in a })
        for i in summary.detectors.indices {
          guard let c = byID[summary.detectors[i].detector] else { continue }
          summary.detectors[i].total = c.total
          summary.detectors[i].unique = c.unique
        }
      }
    } catch {
      if failure == nil {
        throw BlastRadiusError(
          .storeUnusable, "reading reused results", path: database.location, cause: error)
      }
    }
    summary.store = ScanSummary.StoreRun(
      scan: scanID, resumed: resumed, status: interrupted ? "interrupted" : "complete",
      writeSeconds: Double(writeNanoseconds.load(ordering: .relaxed)) / 1e9)
    do {
      try database.endScan(
        scanID, summary: summary, walkIssues: walkIssues.withLock { $0 }, roots: configuration.roots)
    } catch {
      throw failure
        ?? BlastRadiusError(.storeUnusable, "finishing the scan", path: database.location, cause: error)
    }
    database.finishWriting()
    if let failure { throw failure }
  }
}

/// The store's writer lock: `flock` on the database file, held while a scan writes. SQLite's own
/// locks are per transaction; this one says that another scan is under way.
final class StoreLock: Sendable {
  let fd: Int32
  init(fd: Int32) { self.fd = fd }
  deinit { close(fd) }
}
