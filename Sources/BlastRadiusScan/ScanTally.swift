import Synchronization
public import BlastRadiusBase
package import BlastRadiusDetect
import BlastRadiusAggregate

/// Running totals shared by the workers. Workers report per chunk or per file, never per byte;
/// it keeps counts and fingerprint sets, not findings, so memory grows with distinct values only.
public final class ScanTally: Sendable {
  struct State {
    var files = 0
    var bytes = 0
    var findings = 0
    var errorsByCode: [String: Int] = [:]
    var skipped: [String: Int] = [:]
    var encodings: [String: Int] = [:]
    var members = 0
    var containers: [String: Int] = [:]
    var documents: [String: Int] = [:]
    var formats: [String: FormatCount] = [:]
    var totals: [Int]
    var unique: [FingerprintSet]
    var topFiles: [(path: String, findings: Int)] = []
    /// Items with hunt evidence by level, and hits by kind (`yara`, `hash`, `filename`, `network`).
    var huntLevels: [String: Int] = [:]
    var huntHits: [String: Int] = [:]
    /// Files whose results came from a store, unread.
    var reusedFiles = 0
    var ocrPages = 0
    var ocrSeconds = 0.0
  }

  let state: Mutex<State>
  let specs: [(id: String, category: String)]
  static let topFileCount = 10

  /// Live counters for the progress line, read without taking the lock.
  let liveFiles = Atomic<Int>(0)
  let liveBytes = Atomic<Int>(0)
  let liveFindings = Atomic<Int>(0)

  /// Files, bytes and findings so far, for the progress line.
  package var live: (files: Int, bytes: Int, findings: Int) {
    (
      liveFiles.load(ordering: .relaxed), liveBytes.load(ordering: .relaxed),
      liveFindings.load(ordering: .relaxed)
    )
  }

  package convenience init(detectors: [DetectorSpec]) {
    self.init(detectors: detectors.map { ($0.id, $0.category) })
  }

  /// Detectors by id and category, for counting stored results without the detectors themselves.
  package init(detectors: [(id: String, category: String)]) {
    specs = detectors
    state = Mutex(
      State(
        totals: Array(repeating: 0, count: detectors.count),
        unique: (0..<detectors.count).map { _ in FingerprintSet() }))
  }

  /// What one worker has counted and not yet added to the shared totals. The distinct sets'
  /// inserts miss the caches and a growing table zeroes megabytes, all under the lock: a worker
  /// that finds it taken keeps its counts here and goes on, rather than waiting.
  package struct Backlog {
    var findings = 0
    var totals: [Int]
    /// Fingerprints new to the worker (its memo), for the distinct sets: their first 64 bits,
    /// which is what the sets keep.
    var fresh: [(detector: Int, key: UInt64)] = []

    package init(detectors: Int) { totals = Array(repeating: 0, count: detectors) }
  }

  /// Fingerprints a backlog may hold before its worker waits for the lock: a bound on its
  /// memory (16 bytes each, 4 MiB) when the other workers keep the lock busy. Large enough to
  /// outlast the doubling of a distinct set of millions (a rehash into fresh pages, a few
  /// hundred milliseconds, in which a worker sends some 300,000 new values): a worker that
  /// waited then spun in the kernel's mutex for the whole of it (1.1 % of a finding-dense
  /// scan's CPU at 16,384, 0.3 % at this bound).
  static let backlogLimit = 262_144
  /// Fingerprints a backlog gathers before its worker tries the lock: fewer, longer turns, whose
  /// inserts overlap their cache misses.
  static let settleBatch = 2_048
  /// Whether a worker is settling its backlog: the others then keep theirs.
  let settling = Atomic<Bool>(false)

  /// A batch of findings, and the fingerprints among them its worker had not sent before (the
  /// others are in the distinct counts already): added to the worker's `backlog`, and the
  /// backlog to the totals if the lock is free (or the backlog full). `settle` adds the rest.
  package func record(
    _ findings: [CompactFinding], fresh: [(detector: Int, key: UInt64)], backlog: inout Backlog
  ) {
    guard !findings.isEmpty else { return }
    liveFindings.add(findings.count, ordering: .relaxed)
    backlog.findings += findings.count
    for f in findings { backlog.totals[Int(f.detector)] += 1 }
    backlog.fresh += fresh
    if backlog.fresh.count >= Self.backlogLimit {
      state.withLock { Self.settle(&backlog, into: &$0) }
    } else if backlog.fresh.count >= Self.settleBatch,
      settling.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    {
      // Held, the flag keeps the other workers from the lock without a system call (the
      // mutex's own try takes one when the lock is held).
      state.withLock { Self.settle(&backlog, into: &$0) }
      settling.store(false, ordering: .releasing)
    }
  }

  /// Adds all of a worker's backlog to the totals, waiting for the lock: when the worker is done.
  package func settle(_ backlog: inout Backlog) {
    state.withLock { Self.settle(&backlog, into: &$0) }
  }

  /// Moves a backlog into the totals; called with the lock held.
  static func settle(_ backlog: inout Backlog, into s: inout State) {
    guard backlog.findings > 0 else { return }
    s.findings += backlog.findings
    backlog.findings = 0
    for d in backlog.totals.indices where backlog.totals[d] != 0 {
      s.totals[d] += backlog.totals[d]
      backlog.totals[d] = 0
    }
    // Each slot is fetched sixteen inserts ahead of its own, so that the cache misses overlap.
    let fresh = backlog.fresh
    let ahead = 16
    for f in fresh.prefix(ahead) { s.unique[f.detector].prefetch(f.key) }
    for i in fresh.indices {
      if i + ahead < fresh.count {
        let next = fresh[i + ahead]
        s.unique[next.detector].prefetch(next.key)
      }
      s.unique[fresh[i].detector].insert(fresh[i].key)
    }
    backlog.fresh.removeAll(keepingCapacity: true)
  }

  /// One finding about a whole item.
  package func record(finding detector: Int, fingerprint: Fingerprint) {
    liveFindings.add(1, ordering: .relaxed)
    state.withLock { s in
      s.findings += 1
      s.totals[detector] += 1
      s.unique[detector].insert(fingerprint.word0)
    }
  }

  /// A file on disk is done: what reading it added, or (`reused`) what an earlier read of it
  /// added, findings included; the values of reused findings come through `recordValues`.
  package func fileDone(path: String, _ t: FileTally, reused: Bool = false) {
    liveFiles.add(1, ordering: .relaxed)
    if reused { liveFindings.add(t.findings, ordering: .relaxed) }
    state.withLock { s in
      s.files += 1
      if reused {
        s.findings += t.findings
        s.reusedFiles += 1
      }
      s.bytes += t.bytes
      s.members += t.members
      s.errorsByCode.merge(t.errorsByCode, uniquingKeysWith: +)
      s.skipped.merge(t.skipped, uniquingKeysWith: +)
      s.encodings.merge(t.encodings, uniquingKeysWith: +)
      s.containers.merge(t.containers, uniquingKeysWith: +)
      s.documents.merge(t.documents, uniquingKeysWith: +)
      s.formats.merge(t.formats, uniquingKeysWith: +)
      s.huntLevels.merge(t.huntLevels, uniquingKeysWith: +)
      s.huntHits.merge(t.huntHits, uniquingKeysWith: +)
      s.ocrPages += t.ocrPages
      s.ocrSeconds += t.ocrSeconds
      let findings = t.findings
      guard findings > 0 else { return }
      if s.topFiles.count < Self.topFileCount || findings > s.topFiles.last!.findings {
        s.topFiles.append((path, findings))
        s.topFiles.sort { ($0.findings, $1.path) > ($1.findings, $0.path) }
        if s.topFiles.count > Self.topFileCount { s.topFiles.removeLast() }
      }
    }
  }

  /// The values of findings taken from a store rather than read, as `FingerprintIndex` reads a
  /// block's index. Adds to the detectors' totals and distinct values; the findings were counted
  /// by `fileDone`.
  package func recordValues(_ index: FingerprintIndex) {
    state.withLock { s in
      for i in 0..<index.count {
        let (detector, word) = index[i]
        if detector < s.totals.count {
          s.totals[detector] += 1
          s.unique[detector].insert(word)
        }
      }
    }
  }

  package func bytesRead(_ n: Int) { liveBytes.add(n, ordering: .relaxed) }

  package func skipped(_ reason: String) {
    state.withLock { $0.skipped[reason, default: 0] += 1 }
  }

  package func issue(_ issue: ScanIssue) {
    state.withLock { $0.errorsByCode[issue.code.rawValue, default: 0] += 1 }
  }

  package func summary(seconds: Double) -> ScanSummary {
    state.withLock { s in
      var out = ScanSummary()
      out.files = s.files
      out.bytes = s.bytes
      out.seconds = seconds
      out.findings = s.findings
      out.errorsByCode = s.errorsByCode
      out.errors = s.errorsByCode.values.reduce(0, +)
      out.skipped = s.skipped
      out.encodings = s.encodings
      out.members = s.members
      out.containers = s.containers
      out.documents = s.documents
      out.formats = s.formats
      out.detectors = specs.indices.map {
        ScanSummary.DetectorCount(
          detector: specs[$0].id, category: specs[$0].category, total: s.totals[$0],
          unique: s.unique[$0].count)
      }
      out.topFiles = s.topFiles
      out.huntLevels = s.huntLevels
      out.huntHits = s.huntHits
      out.reusedFiles = s.reusedFiles
      if s.ocrPages > 0 { out.ocr = ScanSummary.OCRRun(pages: s.ocrPages, seconds: s.ocrSeconds) }
      return out
    }
  }
}

extension ProgressLine {
  /// The scan's line: files, MiB and findings so far.
  public convenience init(tally: ScanTally) {
    self.init(verb: "scanning") {
      let live = tally.live
      return (live.files, live.bytes, "\(live.findings) findings")
    }
  }
}
