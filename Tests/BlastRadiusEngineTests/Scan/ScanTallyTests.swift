import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusScan

/// The shared tally and the backlogs its workers keep while it is busy: whatever the lock did,
/// the summary counts every finding once and every distinct value once.
struct ScanTallyTests {
  static let detectors = [(id: "a", category: "x"), (id: "b", category: "y")]

  /// A batch of `values.count` findings of `detector`, and the fingerprints of `values` (the
  /// worker's fresh ones: a value may come again in a later batch, as from another worker).
  static func batch(_ detector: Int, _ values: Range<UInt64>) -> (
    [CompactFinding], [(detector: Int, key: UInt64)]
  ) {
    let prints = values.map { Fingerprint(word0: $0, word1: 0, word2: 0, word3: 0) }
    let findings = prints.map {
      CompactFinding(
        detector: detector, confidence: .high, reasons: [], line: 1, column: 1, offset: 0, record: nil,
        fingerprint: $0, masked: CompactFinding.Span(start: 0, count: 0), value: nil)
    }
    return (findings, prints.map { (detector, $0.word0) })
  }

  static func counts(_ tally: ScanTally) -> [String: [Int]] {
    let summary = tally.summary(seconds: 0)
    var out: [String: [Int]] = ["findings": [summary.findings]]
    for d in summary.detectors { out[d.detector] = [d.total, d.unique] }
    return out
  }

  @Test func aSmallBacklogWaitsForSettle() {
    let tally = ScanTally(detectors: Self.detectors)
    var backlog = ScanTally.Backlog(detectors: 2)
    let (findings, fresh) = Self.batch(0, 1..<101)
    tally.record(findings, fresh: fresh, backlog: &backlog)
    #expect(tally.live.findings == 100)
    #expect(Self.counts(tally) == ["findings": [0], "a": [0, 0], "b": [0, 0]])
    tally.settle(&backlog)
    #expect(Self.counts(tally) == ["findings": [100], "a": [100, 100], "b": [0, 0]])
    #expect(backlog.findings == 0 && backlog.fresh.isEmpty && backlog.totals == [0, 0])
  }

  @Test func aFullEnoughBacklogSettlesWhenTheLockIsFree() {
    let tally = ScanTally(detectors: Self.detectors)
    var backlog = ScanTally.Backlog(detectors: 2)
    let (findings, fresh) = Self.batch(1, 0..<UInt64(ScanTally.settleBatch))
    tally.record(findings, fresh: fresh, backlog: &backlog)
    let n = ScanTally.settleBatch
    // The value 0 counts too (the sets mark empty slots with it).
    #expect(Self.counts(tally) == ["findings": [n], "a": [0, 0], "b": [n, n]])
    #expect(backlog.fresh.isEmpty)
  }

  /// While another worker settles, a worker keeps its counts, up to the limit, where it waits
  /// for the lock; values repeated across batches and workers count once.
  @Test func aBusyTallyIsWaitedForOnlyAtTheLimit() {
    let tally = ScanTally(detectors: Self.detectors)
    var backlog = ScanTally.Backlog(detectors: 2)
    var other = ScanTally.Backlog(detectors: 2)
    tally.settling.store(true, ordering: .relaxed)  // another worker's turn
    let step = UInt64(ScanTally.settleBatch)
    var sent = 0
    var start: UInt64 = 1
    while sent + Int(step) < ScanTally.backlogLimit {
      // Each batch repeats the last 10 values of the one before.
      let (findings, fresh) = Self.batch(0, (start - 1 > 10 ? start - 10 : 1)..<(start + step))
      tally.record(findings, fresh: fresh, backlog: &backlog)
      sent += findings.count
      start += step
      #expect(Self.counts(tally)["findings"] == [0])
    }
    let (last, lastFresh) = Self.batch(0, 1..<(step + 1))
    tally.record(last, fresh: lastFresh, backlog: &backlog)
    sent += last.count
    #expect(backlog.fresh.isEmpty)
    #expect(Self.counts(tally) == ["findings": [sent], "a": [sent, Int(start) - 1], "b": [0, 0]])
    // The other worker's values, some the same: settled when it is done.
    let (theirs, theirFresh) = Self.batch(0, (start - 5)..<(start + 5))
    tally.record(theirs, fresh: theirFresh, backlog: &other)
    tally.settle(&other)
    #expect(Self.counts(tally) == ["findings": [sent + 10], "a": [sent + 10, Int(start) + 4], "b": [0, 0]])
  }
}
