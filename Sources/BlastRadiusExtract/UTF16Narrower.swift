/// Turns UTF-16 into one byte per code unit: ASCII stays, anything else becomes 0x80.
///
/// Every detector matches ASCII, so this keeps the matcher on bytes and keeps offsets exact:
/// code unit `i` is file byte `bom + 2 * i`. It also checks surrogate pairing, across chunks.
package struct UTF16Narrower {
  package let bigEndian: Bool
  /// A high surrogate ended the previous chunk.
  var pendingHigh = false
  /// Code-unit index of the first malformed sequence seen, if any.
  package private(set) var firstInvalidUnit: Int?
  var unitsSeen = 0

  package init(bigEndian: Bool) { self.bigEndian = bigEndian }

  /// Narrows `source` (an even number of bytes) into `destination`, which holds at least half
  /// as many bytes. Returns the number of bytes written.
  package mutating func narrow(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer)
    -> Int
  {
    let units = source.count / 2
    var i = 0
    while i < units {
      let a = UInt16(source[2 * i])
      let b = UInt16(source[2 * i + 1])
      let u = bigEndian ? a << 8 | b : b << 8 | a
      let isHigh = u & 0xFC00 == 0xD800
      let isLow = u & 0xFC00 == 0xDC00
      if pendingHigh != isLow, firstInvalidUnit == nil {
        // A high surrogate without its low half is the bad unit; so is a low one alone.
        firstInvalidUnit = unitsSeen + i - (pendingHigh ? 1 : 0)
      }
      pendingHigh = isHigh
      destination.storeBytes(of: u < 0x80 ? UInt8(u) : 0x80, toByteOffset: i, as: UInt8.self)
      i += 1
    }
    unitsSeen += units
    return units
  }

  /// Call at the end of the file: a trailing high surrogate is malformed too.
  package mutating func finish() {
    if pendingHigh, firstInvalidUnit == nil { firstInvalidUnit = unitsSeen - 1 }
  }
}
