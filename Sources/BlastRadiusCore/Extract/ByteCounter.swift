/// Counts one byte value (newlines) eight bytes at a time, for line numbers.
package enum ByteCounter {
  private static let high: UInt64 = 0x8080_8080_8080_8080
  private static let ones: UInt64 = 0x0101_0101_0101_0101

  package static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let pattern = UInt64(byte) &* ones
    var total = 0
    var i = 0
    let n = bytes.count
    while i &+ 8 <= n {
      let t = base.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
      total &+= (~(((t & ~high) &+ ~high) | t) & high).nonzeroBitCount
      i &+= 8
    }
    while i < n {
      if base.load(fromByteOffset: i, as: UInt8.self) == byte { total &+= 1 }
      i &+= 1
    }
    return total
  }
}
