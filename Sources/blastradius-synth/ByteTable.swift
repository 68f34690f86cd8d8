/// A list of short byte strings in 16-byte slots, so the benchmark generator copies a word with one 16-byte vector
/// load and store instead of building a `String` per word or calling `memcpy` for a few bytes.
final class ByteTable: @unchecked Sendable {
  static let stride = 16

  let count: Int
  private let slots: UnsafeMutablePointer<UInt8>
  private let lengths: UnsafeMutablePointer<Int>

  init(_ entries: [String]) {
    precondition(!entries.isEmpty && entries.allSatisfy { $0.utf8.count <= Self.stride })
    count = entries.count
    slots = .allocate(capacity: Self.stride * count)
    slots.initialize(repeating: 0, count: Self.stride * count)
    lengths = .allocate(capacity: count)
    for (index, entry) in entries.enumerated() {
      (slots + index * Self.stride).update(from: Array(entry.utf8), count: entry.utf8.count)
      (lengths + index).initialize(to: entry.utf8.count)
    }
  }

  deinit {
    slots.deallocate()
    lengths.deallocate()
  }

  /// All 16 bytes of slot `index`, padding included; the caller keeps only `length(index)` of them.
  @inline(__always)
  func slot(_ index: Int) -> SIMD16<UInt8> {
    UnsafeRawPointer(slots + index * Self.stride).loadUnaligned(as: SIMD16<UInt8>.self)
  }

  @inline(__always)
  func firstByte(_ index: Int) -> UInt8 {
    slots[index * Self.stride]
  }

  @inline(__always)
  func length(_ index: Int) -> Int {
    lengths[index]
  }
}
