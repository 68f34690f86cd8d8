/// Eight bytes at a time in a 64-bit word (little-endian: the first byte is the lowest): the
/// tests the byte loops that run per record or per row share.
///
/// `zeroBytes` marks with its high bit each byte of `w` that is zero; the lowest mark is exact
/// (a borrow only marks bytes above a zero byte), so `firstMarked` is where the first one is.
///
/// Public so that other modules inline it: an `@inlinable package` member is not inlined
/// across modules (Swift 6.3), a public one is.
public enum WordBytes {
  /// 0x01 in every byte.
  @inlinable public static var ones: UInt64 { 0x0101_0101_0101_0101 }
  /// 0x80 in every byte: the marks.
  @inlinable public static var highs: UInt64 { 0x8080_8080_8080_8080 }

  /// `b` in every byte.
  @inlinable @inline(__always) public static func broadcast(_ b: UInt8) -> UInt64 { ones &* UInt64(b) }

  /// Marks of the bytes equal to zero.
  @inlinable @inline(__always) public static func zeroBytes(_ w: UInt64) -> UInt64 {
    (w &- ones) & ~w & highs
  }

  /// Marks of the bytes equal to `b`.
  @inlinable @inline(__always) public static func bytes(_ w: UInt64, equalTo b: UInt8) -> UInt64 {
    zeroBytes(w ^ broadcast(b))
  }

  /// Marks of the bytes below `n` (at most 0x80); the lowest mark is exact, as in `zeroBytes`.
  @inlinable @inline(__always) public static func bytes(_ w: UInt64, below n: UInt8) -> UInt64 {
    (w &- broadcast(n)) & ~w & highs
  }

  /// Non-zero when some byte is below `n` (at most 0x80); only whether, not where, is exact.
  @inlinable @inline(__always) public static func anyByte(_ w: UInt64, below n: UInt8) -> Bool {
    (w &- broadcast(n)) & ~w & highs != 0
  }

  /// Marks of the bytes equal to `b`, every one exact (no borrow crosses a byte), so that the
  /// last one can be looked for too, as a walk back through a text needs.
  @inlinable @inline(__always) public static func exactBytes(_ w: UInt64, equalTo b: UInt8) -> UInt64 {
    let t = w ^ broadcast(b)
    return ~(((t & ~highs) &+ ~highs) | t) & highs
  }

  /// Marks of the bytes below `n` (at most 0x80), every one exact.
  @inlinable @inline(__always) public static func exactBytes(_ w: UInt64, below n: UInt8) -> UInt64 {
    ~((w & ~highs) &+ broadcast(0x80 &- n)) & ~w & highs
  }

  /// The index (0–7) of the last marked byte of non-zero `marks`.
  @inlinable @inline(__always) public static func lastMarked(_ marks: UInt64) -> Int {
    7 &- marks.leadingZeroBitCount >> 3
  }

  /// `w` with its ASCII capitals lowercased; every other byte (UTF-8 ones too) as it was.
  @inlinable @inline(__always) public static func lowercased(_ w: UInt64) -> UInt64 {
    // Each byte's low seven bits, plus 0x3F reach the high bit from `A` up, plus 0x25 from
    // past `Z` up; a byte of its own with the high bit set is no capital. No carry crosses.
    let low = w & ~highs
    let capitals = (low &+ broadcast(0x3F)) & ~(low &+ broadcast(0x25)) & ~w & highs
    return w | (capitals >> 2)
  }

  /// The index (0–7) of the first marked byte of non-zero `marks`.
  @inlinable @inline(__always) public static func firstMarked(_ marks: UInt64) -> Int {
    marks.trailingZeroBitCount >> 3
  }
}
