/// Counts one byte value (newlines) sixteen bytes at a time, for line numbers.
package enum ByteCounter {
  package static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let n = bytes.count
    let pattern = SIMD16<UInt8>(repeating: byte)
    var total = 0
    var i = 0
    // A lane counts to at most 255 before it is added up.
    while i &+ 16 <= n {
      var lanes = SIMD16<UInt8>()
      let end = min(n &- 15, i &+ 255 &* 16)
      while i < end {
        let v = base.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
        lanes &-= unsafeBitCast(v .== pattern, to: SIMD16<UInt8>.self)
        i &+= 16
      }
      let wide = unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
      // Sum the 16 byte lanes without overflow: spread into 16-bit halves first.
      let mask: UInt64 = 0x00FF_00FF_00FF_00FF
      let halves = (wide[0] & mask) &+ ((wide[0] >> 8) & mask) &+ (wide[1] & mask) &+ ((wide[1] >> 8) & mask)
      total &+= Int((halves &* 0x0001_0001_0001_0001) >> 48)
    }
    while i < n {
      if base.load(fromByteOffset: i, as: UInt8.self) == byte { total &+= 1 }
      i &+= 1
    }
    return total
  }
}
