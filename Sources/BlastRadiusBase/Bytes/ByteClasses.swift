/// A byte of flags per byte value, held inline: a walk that asks several questions of each
/// byte (is it a local-part byte, a label byte, a letter) does one load for all of them, where
/// each `ByteSet` test is a few selects and a shift. A value, so a copy on the stack costs no
/// reference count (an array shared by the workers had its count changed by both cores).
///
/// Public for `withTable`, which validators in other modules call once per value: an
/// `@inlinable package` member is not inlined there (Swift 6.3), a public one is.
public struct ByteClasses: Sendable {
  @usableFromInline var table: (SIMD64<UInt8>, SIMD64<UInt8>, SIMD64<UInt8>, SIMD64<UInt8>) = (
    .zero, .zero, .zero, .zero
  )

  package init() {}

  /// Sets `flag` on every member of `set`.
  package mutating func insert(_ set: ByteSet, flag: UInt8) {
    withUnsafeMutableBytes(of: &table) { bytes in
      for b in 0...255 where set.contains(UInt8(b)) { bytes[b] |= flag }
    }
  }

  /// Calls `body` with the 256 flag bytes, indexed by byte value.
  @inlinable @inline(__always) public func withTable<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows
    -> R
  {
    try withUnsafeBytes(of: table) { try body($0) }
  }
}
