/// Output bytes composed in place: a growable buffer written through a pointer. A record
/// reserves its largest size once and then writes its fields without a capacity check each,
/// which is what a finding-dense scan spends its time on (`FindingWriter`).
package struct RecordBuffer: ~Copyable {
  var base: UnsafeMutableRawPointer
  package private(set) var count = 0
  var capacity: Int

  package init(capacity: Int = 64 * 1024) {
    self.capacity = max(capacity, 64)
    base = .allocate(byteCount: self.capacity, alignment: 16)
  }

  deinit { base.deallocate() }

  /// The bytes written so far; valid until the next write.
  package var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  package mutating func removeAll() { count = 0 }

  /// Makes room for `n` more bytes; the `put` calls after it write without checking.
  @inline(__always) package mutating func reserve(_ n: Int) {
    if count + n > capacity { grow(count + n) }
  }

  mutating func grow(_ needed: Int) {
    var size = capacity * 2
    while size < needed { size *= 2 }
    let bigger = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    bigger.copyMemory(from: base, byteCount: count)
    base.deallocate()
    base = bigger
    capacity = size
  }

  @inline(__always) package mutating func put(_ byte: UInt8) {
    base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
    count += 1
  }

  @inline(__always) package mutating func put(_ bytes: UnsafeRawBufferPointer) {
    guard let from = bytes.baseAddress else { return }
    (base + count).copyMemory(from: from, byteCount: bytes.count)
    count += bytes.count
  }

  @inline(__always) package mutating func put(_ bytes: [UInt8]) { bytes.withUnsafeBytes { put($0) } }

  @inline(__always) package mutating func put(_ s: StaticString) {
    put(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
  }

  /// Decimal digits: at most 20 bytes.
  @inline(__always) package mutating func putInt(_ n: Int) {
    var m = n.magnitude
    if n < 0 { put(ASCII.hyphen) }
    var digits = 1
    var probe = m
    while probe >= 10 {
      probe /= 10
      digits += 1
    }
    var i = count + digits
    count = i
    repeat {
      i -= 1
      base.storeBytes(of: 0x30 &+ UInt8(truncatingIfNeeded: m % 10), toByteOffset: i, as: UInt8.self)
      m /= 10
    } while m != 0
  }

  /// A 256-bit digest as 64 lowercase hex digits (no quotes).
  @inline(__always) package mutating func putHex(_ f: Fingerprint) {
    putHex(f.word0)
    putHex(f.word1)
    putHex(f.word2)
    putHex(f.word3)
  }

  @inline(__always) mutating func putHex(_ word: UInt64) {
    base.storeBytes(
      of: Self.hexDigits(UInt32(truncatingIfNeeded: word >> 32)), toByteOffset: count, as: UInt64.self)
    base.storeBytes(
      of: Self.hexDigits(UInt32(truncatingIfNeeded: word)), toByteOffset: count + 8, as: UInt64.self)
    count += 16
  }

  /// The eight hex digits of `x`, most significant first in memory, computed in one word: a
  /// branch per digit was mispredicted half the time, a sixth of a dense scan.
  @inline(__always) static func hexDigits(_ x: UInt32) -> UInt64 {
    var v = UInt64(x)
    // Spread the nibbles: byte k of v holds nibble k (counted from the least significant).
    v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF
    v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF
    v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F
    // '0' + nibble, and 0x27 more for a..f (a nibble of 10 or more carries into bit 4 when 6 is added).
    let letters = ((v &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
    v = v &+ 0x3030_3030_3030_3030 &+ letters &* 0x27
    return UInt64(littleEndian: v.byteSwapped)
  }

  /// The contents of a JSON string (no quotes), escaped as `JSONBuilder.string` escapes them:
  /// at most six bytes per byte.
  package mutating func putEscaped(_ bytes: UnsafeRawBufferPointer) {
    var plain = true
    for b in bytes where b < 0x20 || b == ASCII.quote || b == 0x5C || b == 0x7F {
      plain = false
      break
    }
    if plain { return put(bytes) }
    for b in bytes {
      switch b {
      case ASCII.quote: put(0x5C); put(ASCII.quote)
      case 0x5C: put(0x5C); put(0x5C)
      case ASCII.newline: put(0x5C); put(0x6E)
      case ASCII.carriageReturn: put(0x5C); put(0x72)
      case ASCII.tab: put(0x5C); put(0x74)
      case 0..<0x20, 0x7F:
        put(0x5C); put(0x75); put(0x30); put(0x30)
        let high = b >> 4
        let low = b & 0xF
        put(high &+ (high < 10 ? 0x30 : 0x57))
        put(low &+ (low < 10 ? 0x30 : 0x57))
      default: put(b)
      }
    }
  }
}
