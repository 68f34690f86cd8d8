/// Finds numeric runs: maximal sequences of digits joined by single separators (`-`, `.`, `/`,
/// space), at least `minimumLength` bytes long.
///
/// Why not Vectorscan: on logs dense with ids and timestamps, Vectorscan spent 0.26–1.3 GB/s per
/// core on digit-class patterns (see docs/performance.md), while this bit-parallel pass computes
/// digit and separator masks eight bytes at a time (SWAR) and touches scalar code only at the
/// start of a long run. Every numeric detector shape (SSN, card, phone, IBAN tail) is classified
/// from these runs.
package struct NumericRunScanner: Sendable {
  /// Runs shorter than this are never reported. 8 covers `555-0147` after `(212) `; the mask
  /// arithmetic below is written for exactly this length.
  package static let minimumLength = 8
  /// Runs longer than this are reported truncated as too long and skipped by callers.
  package var maximumLength = 64

  package init() {}

  private static let high: UInt64 = 0x8080_8080_8080_8080
  private static let ones: UInt64 = 0x0101_0101_0101_0101

  /// One bit per byte: set where `lo <= byte < lo + count` (bytes below 0x80 only).
  @inline(__always)
  private static func inRange(_ x: UInt64, _ lo: UInt64, _ count: UInt64) -> UInt64 {
    let withHigh = x | high
    let aboveLo = withHigh &- lo &* ones
    let aboveHi = withHigh &- (lo + count) &* ones
    let bits = aboveLo & ~aboveHi & ~x & high
    return ((bits >> 7) &* 0x0102_0408_1020_4080) >> 56
  }

  /// One bit per byte: set where the byte equals `c`.
  @inline(__always)
  private static func equal(_ x: UInt64, _ c: UInt64) -> UInt64 {
    let t = x ^ (c &* ones)
    let zero = ~(((t & ~high) &+ ~high) | t) & high
    return ((zero >> 7) &* 0x0102_0408_1020_4080) >> 56
  }

  /// Digit and separator masks of 64 bytes at `p`.
  @inline(__always)
  private static func masks(_ p: UnsafeRawPointer) -> (digits: UInt64, separators: UInt64) {
    var d: UInt64 = 0
    var s: UInt64 = 0
    for k in 0..<8 {
      let x = p.loadUnaligned(fromByteOffset: k &* 8, as: UInt64.self)
      let shift = UInt64(k &* 8)
      d |= inRange(x, 0x30, 10) << shift
      // '-' 0x2D, '.' 0x2E, '/' 0x2F, and space
      s |= (inRange(x, 0x2D, 3) | equal(x, 0x20)) << shift
    }
    return (d, s)
  }

  @inline(__always)
  private static func isSeparator(_ b: UInt8) -> Bool { b &- 0x2D < 3 || b == 0x20 }

  /// Calls `body(start, end)` for each run of at least `minimumLength` bytes in `bytes`, in order.
  /// `end` is exclusive. Runs that touch the end of the buffer are reported as they are.
  @inline(__always)
  package func forEachRun(
    in bytes: UnsafeRawBufferPointer, _ body: (_ start: Int, _ end: Int) -> Void
  ) {
    guard let base = bytes.baseAddress else { return }
    let n = bytes.count
    var i = 0
    var resumeAt = 0  // runs already reported end here; never report inside them again
    var previousDigit: UInt64 = 0  // bit 63 of the previous block's digit mask, moved to bit 0
    // Blocks of 64 bytes; the tail (< 64 + minimumLength bytes) is handled by the scalar path.
    while i &+ 128 <= n {
      let (d, s) = Self.masks(base + i)
      let next = Self.masks(base + (i &+ 64))
      // A separator joins when a digit is on both sides.
      let digitBefore = (d << 1) | previousDigit
      let digitAfter = (d >> 1) | (next.digits << 63)
      let t = d | (s & digitBefore & digitAfter)
      // t of the next block, for runs that continue across the boundary (its own joiners need
      // the block after it; a separator at its bit 0..7 joins if digits surround it).
      let nextDigitAfter = (next.digits >> 1)
      let tNext = next.digits | (next.separators & ((next.digits << 1) | (d >> 63)) & nextDigitAfter)
      // Bit i set when bytes i..i+7 are all in a run.
      var l = t & ((t >> 1) | (tNext << 63))
      let l2 = (tNext & (tNext >> 1))
      l = l & ((l >> 2) | (l2 << 62))
      let l4 = l2 & (l2 >> 2)
      l = l & ((l >> 4) | (l4 << 60))
      let previousT = previousDigit  // a run continuing from the previous block starts earlier
      let starts = t & ~((t << 1) | previousT) & l
      var bits = starts
      while bits != 0 {
        let bit = bits.trailingZeroBitCount
        bits &= bits &- 1
        let start = i &+ bit
        if start < resumeAt { continue }
        let end = scanEnd(base, n, from: start)
        resumeAt = end
        if end &- start >= Self.minimumLength { body(start, end) }
      }
      previousDigit = d >> 63
      i &+= 64
    }
    // Scalar tail: first skip the rest of a run already under way (reported or too short).
    var j = max(i, resumeAt)
    if j > 0, j < n, ASCII.isDigit(base.load(fromByteOffset: j, as: UInt8.self)) {
      let before = base.load(fromByteOffset: j &- 1, as: UInt8.self)
      if ASCII.isDigit(before)
        || (j >= 2 && Self.isSeparator(before)
          && ASCII.isDigit(base.load(fromByteOffset: j &- 2, as: UInt8.self)))
      {
        j = scanEnd(base, n, from: j)
      }
    }
    while j < n {
      if ASCII.isDigit(base.load(fromByteOffset: j, as: UInt8.self)) {
        let end = scanEnd(base, n, from: j)
        if end &- j >= Self.minimumLength { body(j, end) }
        j = end
      } else {
        j &+= 1
      }
    }
  }

  /// The exclusive end of the run that starts with a digit at `start`.
  @inline(__always)
  private func scanEnd(_ base: UnsafeRawPointer, _ n: Int, from start: Int) -> Int {
    var k = start
    let limit = min(n, start &+ maximumLength &+ 1)
    while k < limit {
      let b = base.load(fromByteOffset: k, as: UInt8.self)
      if ASCII.isDigit(b) {
        k &+= 1
      } else if Self.isSeparator(b), k &+ 1 < n,
        ASCII.isDigit(base.load(fromByteOffset: k &+ 1, as: UInt8.self))
      {
        k &+= 2
      } else {
        break
      }
    }
    return k
  }
}
