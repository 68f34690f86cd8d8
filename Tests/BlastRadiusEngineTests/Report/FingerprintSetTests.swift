import Testing
@testable import BlastRadiusAggregate

/// The distinct-value count the summary reports: exact through the table's growth (past the
/// size whose pages are advised huge), with zero, repeats and prefetches in between.
struct FingerprintSetTests {
  @Test func countsDistinctValuesExactly() {
    var set = FingerprintSet()
    var reference = Set<UInt64>()
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for i in 0..<600_000 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      // A fifth of the values come again; zero (the empty mark) now and then.
      let value = i % 5 == 4 ? UInt64(i / 5) &* 0x9E37_79B9_7F4A_7C15 : (i % 100_003 == 0 ? 0 : state)
      set.prefetch(value)
      set.insert(value)
      reference.insert(value)
      if i % 50_000 == 0 { #expect(set.count == reference.count) }
    }
    #expect(set.count == reference.count)
    for value in reference.prefix(1000) { set.insert(value) }
    #expect(set.count == reference.count)
  }
}
