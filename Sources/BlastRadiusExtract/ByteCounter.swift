import CByteScan

/// Counts one byte value (newlines) for line numbers: every byte a scan reads goes through it,
/// so it is the C library's vector code (`br_count_byte`), 64 bytes a step where AVX2 exists.
package enum ByteCounter {
  package static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    return br_count_byte(base.assumingMemoryBound(to: UInt8.self), bytes.count, byte)
  }
}
