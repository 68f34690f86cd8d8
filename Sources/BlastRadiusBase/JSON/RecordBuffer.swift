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

  /// A record's fixed keys and punctuation: its length is known where this is inlined, so a
  /// short one is a few word moves rather than a call to `memcpy` (a dozen per record).
  @inline(__always) package mutating func put(_ s: StaticString) {
    let n = s.utf8CodeUnitCount
    let from = UnsafeRawPointer(s.utf8Start)
    let to = base + count
    // Two moves that overlap in the middle cover any length between one width and two.
    if n >= 16 && n <= 32 {
      to.storeBytes(of: from.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
      (to + n - 16).storeBytes(
        of: (from + n - 16).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
    } else if n >= 8 && n < 16 {
      to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
      (to + n - 8).storeBytes(of: (from + n - 8).loadUnaligned(as: UInt64.self), as: UInt64.self)
    } else if n >= 4 && n < 8 {
      to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
      (to + n - 4).storeBytes(of: (from + n - 4).loadUnaligned(as: UInt32.self), as: UInt32.self)
    } else if n < 4 {
      for i in 0..<n {
        to.storeBytes(of: from.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
      }
    } else {
      to.copyMemory(from: from, byteCount: n)
    }
    count += n
  }

  /// Decimal digits: at most 20 bytes, and 20 must be reserved whatever the value (a short one
  /// is stored as a whole word, its count then advanced by its digits). Up to sixteen digits
  /// eight at a time in a word: each step splits every lane at once, where a division per pair
  /// made a chain of dependent multiplications (the top of the JSON writer's profile). Longer
  /// ones two per division.
  @inline(__always) package mutating func putInt(_ n: Int) {
    let m = UInt64(n.magnitude)
    if n < 0 { put(ASCII.hyphen) }
    if m < 100_000_000 {
      putDigits(Self.eightDigits(UInt32(truncatingIfNeeded: m)), trimmed: true)
    } else if m < 10_000_000_000_000_000 {
      let high = m / 100_000_000
      putDigits(Self.eightDigits(UInt32(truncatingIfNeeded: high)), trimmed: true)
      putDigits(Self.eightDigits(UInt32(truncatingIfNeeded: m &- high &* 100_000_000)), trimmed: false)
    } else {
      putLong(m)
    }
  }

  /// `n` (below 10⁸) as eight digit values, one a byte, the most significant in the lowest byte
  /// (first in memory): halves of four digits, then pairs, then digits, each by a multiply and
  /// shift per lane (exact below 10,000 and below 100).
  @inline(__always) static func eightDigits(_ n: UInt32) -> UInt64 {
    var x = UInt64(n / 10_000) | UInt64(n % 10_000) << 32
    var y = (x &* 10_486) >> 20 & 0x0000_007F_0000_007F
    x = (x &- y &* 100) << 16 | y
    y = (x &* 103) >> 10 & 0x000F_000F_000F_000F
    return (x &- y &* 10) << 8 | y
  }

  /// Writes eight digit values as ASCII, or (`trimmed`) all but their leading zeros, at least
  /// one digit. Stores eight bytes whatever the count: a record reserves 20 for each number.
  @inline(__always) mutating func putDigits(_ digits: UInt64, trimmed: Bool) {
    let skip = trimmed ? min(digits.trailingZeroBitCount &>> 3, 7) : 0
    let ascii = (digits | 0x3030_3030_3030_3030) &>> UInt64(skip &<< 3)
    (base + count).storeBytes(of: ascii.littleEndian, as: UInt64.self)
    count += 8 &- skip
  }

  /// Seventeen to twenty digits, two per division, from a table of pairs.
  mutating func putLong(_ n: UInt64) {
    var m = n
    var digits = 1
    var power: UInt64 = 10
    while m >= power, digits < 19 {
      digits += 1
      power = power &* 10
    }
    if digits == 19, m >= power { digits = 20 }
    var i = count + digits
    count = i
    let pairs = UnsafeRawPointer(Self.digitPairs.utf8Start)
    while m >= 100 {
      let pair = Int(truncatingIfNeeded: m % 100)
      m /= 100
      i -= 2
      (base + i).storeBytes(of: (pairs + 2 * pair).loadUnaligned(as: UInt16.self), as: UInt16.self)
    }
    if m >= 10 {
      i -= 2
      (base + i).storeBytes(of: (pairs + 2 * Int(m)).loadUnaligned(as: UInt16.self), as: UInt16.self)
    } else {
      base.storeBytes(of: 0x30 &+ UInt8(truncatingIfNeeded: m), toByteOffset: i - 1, as: UInt8.self)
    }
  }

  /// "00" to "99", one after another.
  static let digitPairs: StaticString = """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """

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
    if Self.isPlain(bytes) { return put(bytes) }
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

  /// Whether no byte needs escaping (a control byte, `"`, `\`, DEL), eight bytes at a time;
  /// from eight bytes on, the last word overlaps the one before it rather than ending in a
  /// byte loop (a masked value is a dozen bytes or so, per finding).
  static func isPlain(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let p = bytes.baseAddress else { return true }
    let n = bytes.count
    guard n >= 8 else {
      for b in bytes where b < 0x20 || b == ASCII.quote || b == 0x5C || b == 0x7F { return false }
      return true
    }
    var i = 0
    while i + 8 < n {
      if !isPlain(word: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return false }
      i += 8
    }
    return isPlain(word: p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
  }

  @inline(__always)
  static func isPlain(word w: UInt64) -> Bool {
    let special =
      WordBytes.bytes(w, equalTo: ASCII.quote) | WordBytes.bytes(w, equalTo: 0x5C)
      | WordBytes.bytes(w, equalTo: 0x7F)
    return !WordBytes.anyByte(w, below: 0x20) && special == 0
  }
}
