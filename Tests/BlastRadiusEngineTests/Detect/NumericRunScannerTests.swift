import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport
@testable import BlastRadiusScan
@testable import BlastRadiusWalk

/// The bit-parallel run finder must agree with a plain byte loop at every position, including
/// runs that cross its 64-byte blocks and the scalar tail.
struct NumericRunScannerTests {
  /// Reference: maximal runs of digits joined by one separator, 8 to 63 bytes: start, end,
  /// digits, groups, and 1 when a space joins two groups.
  static func reference(_ b: [UInt8]) -> [Int] {
    var out: [Int] = []
    var i = 0
    func sep(_ c: UInt8) -> Bool { c == 0x2D || c == 0x2E || c == 0x2F || c == 0x20 }
    while i < b.count {
      guard ASCII.isDigit(b[i]) else { i += 1; continue }
      var j = i
      var digits = 0
      var groups = 1
      var spaced = 0
      while j < b.count {
        if ASCII.isDigit(b[j]) {
          j += 1; digits += 1
        } else if sep(b[j]), j + 1 < b.count, ASCII.isDigit(b[j + 1]) {
          if b[j] == 0x20 { spaced = 1 }
          j += 1; groups += 1
        } else {
          break
        }
      }
      if j - i >= 8 && j - i <= 63 { out += [i, j, digits, groups, spaced] }
      i = j
    }
    return out
  }

  static func scan(_ b: [UInt8]) -> [Int] {
    var runs: [NumericRunScanner.Run] = []
    var spans: [Range<Int>] = []
    var scanner = NumericRunScanner()
    b.withUnsafeBytes { scanner.scan($0, runs: &runs, labelSpans: &spans) }
    return runs.flatMap { [$0.start, $0.end, $0.digits, $0.groups, $0.spaced ? 1 : 0] }
  }

  /// With the analyzer's gate, the runs no built-in shape may take are left out where they are
  /// found (a log's dates, ids and addresses), the others kept as they were: a shape's counts
  /// alone, a letter or `(212) ` before them, or a space inside (pieces may fit).
  @Test func theGateKeepsOnlyRunsAShapeMayTake() {
    let text = Array(
      ("2024-10-22T03:04:51Z req=409628640 user=6866811441 ip=172.244.173.142 "
        + "SSN 123-45-6789, call (212) 555-0147, DE89 3704 0044 0532 0130 00, "
        + "412 55 1234 523 66 2345, 555-123-4567\n").utf8)
    let analyzer = try! ChunkAnalyzer(detectors: DetectionHarness.detectors)
    var all: [NumericRunScanner.Run] = []
    var gated: [NumericRunScanner.Run] = []
    var spans: [Range<Int>] = []
    var scanner = NumericRunScanner()
    text.withUnsafeBytes {
      scanner.scan($0, runs: &all, labelSpans: &spans)
      scanner.scan($0, runs: &gated, labelSpans: &spans, gate: analyzer.gate)
    }
    func texts(_ runs: [NumericRunScanner.Run]) -> [String] {
      runs.map { String(decoding: text[$0.start..<$0.end], as: UTF8.self) }
    }
    #expect(
      texts(all) == [
        "2024-10-22", "409628640", "6866811441", "172.244.173.142", "123-45-6789", "555-0147",
        "89 3704 0044 0532 0130 00", "412 55 1234 523 66 2345", "555-123-4567",
      ])
    #expect(
      texts(gated) == [
        "123-45-6789", "555-0147", "89 3704 0044 0532 0130 00", "412 55 1234 523 66 2345", "555-123-4567",
      ])
  }

  @Test func runsAtEveryOffset() {
    for pad in 0..<140 {
      let text =
        Array(String(repeating: "x", count: pad).utf8)
        + Array(" 123-45-6789 and 4111 1111 1111 1111; 2024-03-14 id 12345".utf8)
      #expect(Self.scan(text) == Self.reference(text), "pad \(pad)")
    }
  }

  @Test func randomTextAgreesWithReference() {
    var rng = SplitMix(seed: 42)
    let alphabet = Array("0123456789012345678901234567890123456789 -./a\n".utf8)
    for _ in 0..<300 {
      let n = Int(rng.next() % 600)
      let text = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      #expect(Self.scan(text) == Self.reference(text))
    }
  }

  /// Label spans are sorted and disjoint (the combined label pass searches them by bisection),
  /// and each covers the bytes before a run where its label may stand.
  @Test func labelSpansAreDisjointAndCoverEveryRun() {
    var rng = SplitMix(seed: 7)
    let alphabet = Array("0123456789 -./abcdefghijklmnopqrstuvwxyz\n".utf8)
    var scanner = NumericRunScanner()
    for _ in 0..<200 {
      let n = Int(rng.next() % 2000)
      let text = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      var runs: [NumericRunScanner.Run] = []
      var spans: [Range<Int>] = []
      text.withUnsafeBytes { scanner.scan($0, runs: &runs, labelSpans: &spans) }
      for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.upperBound < b.lowerBound) }
      for run in runs {
        let before = max(0, run.start - NumericRunScanner.labelSpanBefore)..<run.start
        #expect(spans.contains { $0.lowerBound <= before.lowerBound && before.upperBound <= $0.upperBound })
      }
    }
  }

  /// One scanner reused on a long buffer and then a short one keeps no state from the first.
  @Test func reusedScannerForgetsTheLastBuffer() {
    var scanner = NumericRunScanner()
    var runs: [NumericRunScanner.Run] = []
    var spans: [Range<Int>] = []
    let long = Array((String(repeating: "call 212-555-0147 now ", count: 50)).utf8)
    long.withUnsafeBytes { scanner.scan($0, runs: &runs, labelSpans: &spans) }
    #expect(
      runs.flatMap { [$0.start, $0.end, $0.digits, $0.groups, $0.spaced ? 1 : 0] } == Self.reference(long))
    let short = Array((String(repeating: "x", count: 130) + " 123-45-6789").utf8)
    short.withUnsafeBytes { scanner.scan($0, runs: &runs, labelSpans: &spans) }
    #expect(runs == [NumericRunScanner.Run(start: 131, end: 142, digits: 9, groups: 3)])
  }

  @Test func longRunsAreNotReported() {
    let text = Array(String(repeating: "1234-", count: 40).utf8)
    #expect(Self.scan(text) == [])
  }

  @Test func labelSpansStayNearNumbers() {
    var runs: [NumericRunScanner.Run] = []
    var spans: [Range<Int>] = []
    let text = Array(
      (String(repeating: "a", count: 1000) + "SSN 123456789" + String(repeating: "b", count: 1000)).utf8)
    var scanner = NumericRunScanner()
    text.withUnsafeBytes { scanner.scan($0, runs: &runs, labelSpans: &spans) }
    #expect(spans.count == 1)
    #expect(spans[0].contains(1000) && spans[0].contains(1012))
    #expect(spans[0].count < 400)
  }
}

/// A small deterministic generator for tests.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
