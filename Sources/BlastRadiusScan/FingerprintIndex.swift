/// A stored block's index of its findings: per finding, the detector's index in the scan's
/// configuration (UInt16, little-endian) and then either the fingerprint's 32 bytes in order
/// (34 bytes a finding, stores since v3) or only its first word, little-endian (10 bytes, v2).
/// Counting distinct values needs only that first word, which this gives in both forms.
package struct FingerprintIndex {
  let bytes: UnsafeRawBufferPointer
  /// Findings in the block.
  package let count: Int
  let stride: Int

  /// Nil when the bytes do not hold `count` entries of a known size (a damaged block).
  package init?(_ bytes: UnsafeRawBufferPointer, count: Int) {
    guard count > 0, bytes.count % count == 0, [10, 34].contains(bytes.count / count) else { return nil }
    self.bytes = bytes
    self.count = count
    self.stride = bytes.count / count
  }

  /// Detector index and fingerprint's first word of finding `i`.
  package subscript(i: Int) -> (detector: Int, word0: UInt64) {
    let at = i * stride
    let detector = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self)))
    let raw = bytes.loadUnaligned(fromByteOffset: at + 2, as: UInt64.self)
    return (detector, stride == 10 ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw))
  }

  /// The fingerprint's 32 bytes of finding `i`, when the block holds them.
  package func digest(_ i: Int) -> UnsafeRawBufferPointer? {
    stride == 34 ? UnsafeRawBufferPointer(rebasing: bytes[(i * stride + 2)..<(i * stride + 34)]) : nil
  }
}
