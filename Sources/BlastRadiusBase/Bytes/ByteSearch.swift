import CByteScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a byte string occurs in bytes: the one substring search the detectors share, for
/// markers in a file's head, the end of a key block, placeholder marks. `memchr` finds each
/// candidate first byte, `memcmp` checks the rest.
package enum ByteSearch {
  /// The offset of the first `byte` in `haystack[from...]`, or nil.
  package static func firstIndex(of byte: UInt8, in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
    guard let base = haystack.baseAddress, from < haystack.count else { return nil }
    guard let hit = memchr(base + from, Int32(byte), haystack.count - from) else { return nil }
    return base.distance(to: UnsafeRawPointer(hit))
  }

  /// The offset of the last `byte` in `haystack[..<end]`, or nil.
  package static func lastIndex(
    of byte: UInt8, in haystack: UnsafeRawBufferPointer, before end: Int
  ) -> Int? {
    guard let base = haystack.baseAddress, end > 0 else { return nil }
    let at = br_last_index(base.assumingMemoryBound(to: UInt8.self), min(end, haystack.count), byte)
    return at < 0 ? nil : at
  }

  /// The first offset of `needle` in `haystack[from..<to]`, or nil.
  package static func find(
    _ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from: Int = 0, to: Int? = nil
  ) -> Int? {
    let to = min(to ?? haystack.count, haystack.count)
    guard !needle.isEmpty, from >= 0, to - from >= needle.count, let base = haystack.baseAddress else {
      return nil
    }
    return needle.withUnsafeBytes { n -> Int? in
      var i = from
      let last = to - n.count
      while i <= last {
        guard let hit = memchr(base + i, Int32(n[0]), last - i + 1) else { return nil }
        let at = base.distance(to: UnsafeRawPointer(hit))
        if memcmp(base + at, n.baseAddress!, n.count) == 0 { return at }
        i = at + 1
      }
      return nil
    }
  }

  package static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    haystack.withUnsafeBytes { find(needle, in: $0) }
  }

  package static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    find(needle, in: haystack) != nil
  }
}
