import CByteScan
import Testing

/// The SIMD byte classifier behind `NumericRunScanner`: its vector and portable code must give
/// the same masks as a plain definition, for every byte value at every position of a block.
@Suite(.serialized)
struct DigitMaskTests {
  static func reference(_ bytes: [UInt8]) -> (digits: [UInt64], separators: [UInt64], spaces: [UInt64]) {
    var d = [UInt64](repeating: 0, count: bytes.count / 64)
    var s = d
    var w = d
    for (i, b) in bytes.enumerated() where i < d.count * 64 {
      if b >= 0x30 && b <= 0x39 { d[i / 64] |= 1 << UInt64(i % 64) }
      if b == 0x2D || b == 0x2E || b == 0x2F || b == 0x20 { s[i / 64] |= 1 << UInt64(i % 64) }
      if b == 0x20 { w[i / 64] |= 1 << UInt64(i % 64) }
    }
    return (d, s, w)
  }

  static func masks(_ bytes: [UInt8], portable: Bool) -> (
    digits: [UInt64], separators: [UInt64], spaces: [UInt64]
  ) {
    let blocks = bytes.count / 64
    var d = [UInt64](repeating: 0, count: blocks)
    var s = d
    var w = d
    br_byte_scan_force_portable(portable ? 1 : 0)
    defer { br_byte_scan_force_portable(0) }
    bytes.withUnsafeBufferPointer { p in
      d.withUnsafeMutableBufferPointer { dp in
        s.withUnsafeMutableBufferPointer { sp in
          w.withUnsafeMutableBufferPointer { wp in
            br_digit_masks(p.baseAddress, blocks, dp.baseAddress, sp.baseAddress, wp.baseAddress)
          }
        }
      }
    }
    return (d, s, w)
  }

  @Test(arguments: [false, true])
  func everyByteValueAtEveryPosition(portable: Bool) {
    // 256 values rotated through 64 positions: each value lands on each bit of a block.
    var bytes: [UInt8] = []
    for shift in 0..<64 {
      for v in 0..<256 { bytes.append(UInt8((v + shift * 5) & 0xFF)) }
    }
    let expected = Self.reference(bytes)
    let got = Self.masks(bytes, portable: portable)
    #expect(got.digits == expected.digits)
    #expect(got.separators == expected.separators)
    #expect(got.spaces == expected.spaces)
  }

  @Test func emptyInputWritesNothing() {
    let got = Self.masks([UInt8](repeating: 0x31, count: 63), portable: false)
    #expect(got.digits.isEmpty && got.separators.isEmpty)
  }
}
