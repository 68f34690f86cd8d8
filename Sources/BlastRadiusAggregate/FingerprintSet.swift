import CByteScan

/// Distinct fingerprints of one detector, by their first 64 bits, in an open-addressing table:
/// 8 bytes a value, so tens of millions of distinct values stay within the memory budget.
/// (Two different values share 64 bits with probability n²/2⁶⁵: about 3 in a million at 10⁷.)
package struct FingerprintSet: Sendable {
  private var slots: [UInt64] = []
  package private(set) var count = 0
  /// Whether the value 0 (used to mark empty slots) has been inserted.
  private var hasZero = false

  package init() {}

  package mutating func insert(_ value: UInt64) {
    if value == 0 {
      if !hasZero { hasZero = true; count += 1 }
      return
    }
    if (count + 1) * 10 > slots.count * 7 { grow() }
    if slots.withUnsafeMutableBufferPointer({ Self.place(value, in: $0) }) { count += 1 }
  }

  /// Fetches the slot `value` probes first into the cache, ahead of its `insert`: a batch of
  /// inserts into a table of millions then waits for its misses together, not one by one.
  /// (Mutating only so that a set in an array is reached in place: a copy cost a reference
  /// count on its table.)
  package mutating func prefetch(_ value: UInt64) {
    guard !slots.isEmpty else { return }
    slots.withUnsafeMutableBufferPointer {
      br_prefetch($0.baseAddress! + Self.home(value, mask: $0.count - 1))
    }
  }

  static func home(_ value: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: value &* 0x9E37_79B9_7F4A_7C15 >> 20) & mask
  }

  /// Puts `value` in `table` (a power of two long, never full); false if it was there.
  private static func place(_ value: UInt64, in table: UnsafeMutableBufferPointer<UInt64>) -> Bool {
    let mask = table.count - 1
    let base = table.baseAddress!
    var i = home(value, mask: mask)
    while true {
      let slot = base[i]
      if slot == value { return false }
      if slot == 0 {
        base[i] = value
        return true
      }
      i = (i + 1) & mask
    }
  }

  private mutating func grow() {
    let size = max(1024, slots.count * 2)
    var bigger = [UInt64](unsafeUninitializedCapacity: size) { table, initialized in
      // Advised before the first touch, so that its pages are faulted in huge where they can be.
      if size >= 1 << 19 { br_advise_huge_pages(table.baseAddress!, size * 8) }
      table.initialize(repeating: 0)
      initialized = size
    }
    bigger.withUnsafeMutableBufferPointer { table in
      for v in slots where v != 0 { _ = Self.place(v, in: table) }
    }
    slots = bigger
  }
}
