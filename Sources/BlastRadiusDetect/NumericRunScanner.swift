import CByteScan
import BlastRadiusBase

/// Finds numeric runs: maximal sequences of digits joined by single separators (`-`, `.`, `/`,
/// space), at least `minimumLength` bytes long.
///
/// Why not Vectorscan: on logs dense with ids and timestamps, Vectorscan spent 0.26–1.3 GB/s per
/// core on digit-class patterns (see docs/performance.md), while this bit-parallel pass works on
/// digit and separator masks of 64 bytes at a time (made with SIMD compares in `CByteScan`) and
/// touches scalar code only at the start of a long run. Every numeric detector shape (SSN, card,
/// phone, IBAN tail) is classified from these runs.
package struct NumericRunScanner: Sendable {
  /// Runs shorter than this are never reported. 8 covers `555-0147` after `(212) `; the mask
  /// arithmetic below is written for exactly this length.
  package static let minimumLength = 8
  /// Runs longer than this are not reported: no shape is that long.
  package var maximumLength = 63

  /// The masks of the buffer being scanned, one word per 64-byte block; reused across buffers.
  private var digitMasks: [UInt64] = []
  private var separatorMasks: [UInt64] = []
  private var spaceMasks: [UInt64] = []

  package init() {}

  @inline(__always)
  private static func isSeparator(_ b: UInt8) -> Bool { b &- 0x2D < 3 || b == 0x20 }

  /// Bytes before and after four digits in a row where a label may stand.
  package static let labelSpanBefore = 192
  package static let labelSpanAfter = 96

  /// One run: where it starts and ends (exclusive), how many digits and groups it has, and
  /// whether a space joins two of them.
  package struct Run: Equatable {
    package var start: Int
    package var end: Int
    package var digits: Int
    package var groups: Int
    package var spaced = false
  }

  /// Appends each run of `minimumLength` to `maximumLength` bytes in `bytes` to `runs`, in
  /// order, and to `labelSpans` the merged spans (sorted, disjoint) around every four digits in a
  /// row and every run start: only there can a label name a value, so only there are labels
  /// looked for. With a `gate`, a run without a space that no shape may take is left out: most
  /// runs in logs, whose appending was a tenth of this scan.
  package mutating func scan(
    _ bytes: UnsafeRawBufferPointer, runs: inout [Run], labelSpans: inout [Range<Int>], gate: ShapeGate? = nil
  ) {
    runs.removeAll(keepingCapacity: true)
    labelSpans.removeAll(keepingCapacity: true)
    guard let base = bytes.baseAddress else { return }
    let n = bytes.count
    let blocks = n / 64
    if digitMasks.count < blocks {
      digitMasks = [UInt64](repeating: 0, count: blocks)
      separatorMasks = digitMasks
      spaceMasks = digitMasks
    }
    let maximumLength = maximumLength
    digitMasks.withUnsafeMutableBufferPointer { digitWords in
      separatorMasks.withUnsafeMutableBufferPointer { separatorWords in
        spaceMasks.withUnsafeMutableBufferPointer { spaceWords in
          br_digit_masks(
            base.assumingMemoryBound(to: UInt8.self), blocks, digitWords.baseAddress,
            separatorWords.baseAddress,
            spaceWords.baseAddress)
          Self.scanBlocks(
            base, n, maximumLength, digitWords, separatorWords, spaceWords, gate, &runs, &labelSpans)
        }
      }
    }
  }

  /// The run logic over the masks: whole blocks while a next block exists, then a scalar tail.
  private static func scanBlocks(
    _ base: UnsafeRawPointer, _ n: Int, _ maximumLength: Int,
    _ digitWords: UnsafeMutableBufferPointer<UInt64>, _ separatorWords: UnsafeMutableBufferPointer<UInt64>,
    _ spaceWords: UnsafeMutableBufferPointer<UInt64>, _ gate: ShapeGate?, _ runs: inout [Run],
    _ labelSpans: inout [Range<Int>]
  ) {
    // The span being extended, kept out of the array until the next one starts past it: on
    // logs nearly every block extends it.
    var openLower = -1
    var openUpper = -1
    func span(_ first: Int, _ last: Int) {
      let lo = max(0, first &- Self.labelSpanBefore)
      let hi = min(n, last &+ Self.labelSpanAfter)
      if openUpper >= 0, lo <= openUpper {
        openUpper = max(hi, openUpper)
      } else {
        if openUpper >= 0 { labelSpans.append(openLower..<openUpper) }
        openLower = lo
        openUpper = hi
      }
    }
    func body(_ start: Int, _ end: Int, _ digits: Int, _ groups: Int, _ spaced: Bool) {
      if let gate, !spaced, !gate.mayFit(base, start: start, digits: digits, groups: groups) { return }
      runs.append(Run(start: start, end: end, digits: digits, groups: groups, spaced: spaced))
    }
    var i = 0
    var previousDigit: UInt64 = 0  // bit 63 of the previous block's digit mask, moved to bit 0
    var previousT: UInt64 = 0  // the same for its run mask
    // Blocks of 64 bytes; the tail (< 64 + minimumLength bytes) is handled by the scalar path.
    while i &+ 128 <= n {
      let block = i &>> 6
      let d = digitWords[block]
      // No digit: no run byte and no mark here (most of prose).
      if d == 0 {
        previousDigit = 0
        previousT = 0
        i &+= 64
        continue
      }
      let s = separatorWords[block]
      let next = (digits: digitWords[block &+ 1], separators: separatorWords[block &+ 1])
      let w = spaceWords[block]
      let nextSpaces = spaceWords[block &+ 1]
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
      // A start has no run byte before it; a run going on from the previous block has none here.
      let starts = t & ~((t << 1) | previousT) & l
      // Four digits in a row, or a run's start (`123 456 789` has no four in a row), anywhere in
      // this block: its neighbourhood may hold a label.
      let d4 =
        d & ((d >> 1) | (next.digits << 63)) & ((d >> 2) | (next.digits << 62))
        & ((d >> 3) | (next.digits << 61))
      let marks = d4 | starts
      if marks != 0 {
        span(i &+ marks.trailingZeroBitCount, i &+ 63 &- marks.leadingZeroBitCount &+ 4)
      }
      var bits = starts
      let joiners = t & ~d
      let nextJoiners = tNext & ~next.digits
      while bits != 0 {
        let bit = bits.trailingZeroBitCount
        bits &= bits &- 1
        // The run ends at the first byte out of it, in this block or the next; longer runs are
        // no detector's shape.
        let here = (~(t >> UInt64(bit))).trailingZeroBitCount
        let length: Int
        var digits = (d >> UInt64(bit)).nonzeroBitCount
        var groups = (joiners >> UInt64(bit)).nonzeroBitCount
        // Spaces inside the run are among its joiners.
        var spaced = (joiners & w) >> UInt64(bit) != 0
        if bit &+ here < 64 {
          length = here
          let keep = ~(UInt64.max << UInt64(here))
          digits = ((d >> UInt64(bit)) & keep).nonzeroBitCount
          groups = ((joiners >> UInt64(bit)) & keep).nonzeroBitCount
          spaced = ((joiners & w) >> UInt64(bit)) & keep != 0
        } else {
          let there = (~tNext).trailingZeroBitCount
          guard there < 64 else { continue }
          length = here &+ there
          let keep = there == 0 ? 0 : ~(UInt64.max << UInt64(there))
          digits &+= (next.digits & keep).nonzeroBitCount
          groups &+= (nextJoiners & keep).nonzeroBitCount
          spaced = spaced || (nextJoiners & nextSpaces & keep) != 0
        }
        guard length <= maximumLength else { continue }
        body(i &+ bit, i &+ bit &+ length, digits, groups &+ 1, spaced)
      }
      previousDigit = d >> 63
      previousT = t >> 63
      i &+= 64
    }
    // Scalar tail: first skip the rest of a run already under way (reported or too long).
    var j = i
    if j > 0, j < n {
      let at = base.load(fromByteOffset: j, as: UInt8.self)
      let before = base.load(fromByteOffset: j &- 1, as: UInt8.self)
      let continues =
        ASCII.isDigit(at)
        ? ASCII.isDigit(before)
          || (j >= 2 && Self.isSeparator(before)
            && ASCII.isDigit(base.load(fromByteOffset: j &- 2, as: UInt8.self)))
        : Self.isSeparator(at) && ASCII.isDigit(before) && j &+ 1 < n
          && ASCII.isDigit(base.load(fromByteOffset: j &+ 1, as: UInt8.self))
      if continues {
        j = scanEnd(base, n, from: ASCII.isDigit(at) ? j : j &+ 1, limit: n)
      }
    }
    while j < n {
      if ASCII.isDigit(base.load(fromByteOffset: j, as: UInt8.self)) {
        let end = scanEnd(base, n, from: j, limit: n)
        if end &- j >= Self.minimumLength && end &- j <= maximumLength {
          var digits = 0
          var spaced = false
          for k in j..<end {
            let b = base.load(fromByteOffset: k, as: UInt8.self)
            if ASCII.isDigit(b) { digits &+= 1 } else if b == ASCII.space { spaced = true }
          }
          body(j, end, digits, end &- j &- digits &+ 1, spaced)
        }
        if end &- j >= 4 { span(j, end) }
        j = end
      } else {
        j &+= 1
      }
    }
    if openUpper >= 0 { labelSpans.append(openLower..<openUpper) }
  }

  /// The exclusive end of the run that starts with a digit at `start`.
  @inline(__always)
  private static func scanEnd(_ base: UnsafeRawPointer, _ n: Int, from start: Int, limit: Int) -> Int {
    var k = start
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
