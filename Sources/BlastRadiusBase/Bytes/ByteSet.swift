/// A set of byte values as a 256-bit mask: the alphabet of a token part, tested in one shift.
///
/// Public for `contains`, which validators call per byte from other modules: an `@inlinable
/// package` member is not inlined there (Swift 6.3), a public one is.
public struct ByteSet: Sendable, Equatable {
  @usableFromInline var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  package init() {}

  /// Bytes named by a compact spec: `a-z`, `A-Z`, `0-9` ranges and single characters
  /// (`"A-Za-z0-9_-"`: a trailing `-` is literal).
  package init(_ spec: String) {
    let b = Array(spec.utf8)
    var i = 0
    while i < b.count {
      if i + 2 < b.count, b[i + 1] == ASCII.hyphen {
        for v in b[i]...b[i + 2] { insert(v) }
        i += 3
      } else {
        insert(b[i])
        i += 1
      }
    }
  }

  package mutating func insert(_ b: UInt8) {
    let bit = UInt64(1) << UInt64(b & 63)
    switch b >> 6 {
    case 0: words.0 |= bit
    case 1: words.1 |= bit
    case 2: words.2 |= bit
    default: words.3 |= bit
    }
  }

  package mutating func remove(_ b: UInt8) {
    let bit = ~(UInt64(1) << UInt64(b & 63))
    switch b >> 6 {
    case 0: words.0 &= bit
    case 1: words.1 &= bit
    case 2: words.2 &= bit
    default: words.3 &= bit
    }
  }

  /// Selects the word with the byte's two high bits rather than a `switch` on them: the
  /// switch became a jump table, an indirect branch per byte of a walk.
  @inlinable @inline(__always) public func contains(_ b: UInt8) -> Bool {
    let low = b & 0x40 == 0 ? words.0 : words.1
    let high = b & 0x40 == 0 ? words.2 : words.3
    let word = b & 0x80 == 0 ? low : high
    return word & (UInt64(1) << UInt64(b & 63)) != 0
  }

  package func union(_ other: ByteSet) -> ByteSet {
    var u = self
    u.words.0 |= other.words.0
    u.words.1 |= other.words.1
    u.words.2 |= other.words.2
    u.words.3 |= other.words.3
    return u
  }

  public static func == (a: ByteSet, b: ByteSet) -> Bool {
    a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
  }

  /// The set as a Vectorscan character class, every member hex-escaped.
  package var expressionClass: String {
    var out = "["
    for b in 0...255 where contains(UInt8(b)) {
      let hex = String(b, radix: 16)
      out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
    }
    return out + "]"
  }

  package static let digits = ByteSet("0-9")
  package static let hexLower = ByteSet("0-9a-f")
  package static let hex = ByteSet("0-9a-fA-F")
  package static let upperAlnum = ByteSet("A-Z0-9")
  package static let base32Upper = ByteSet("A-Z2-7")
  package static let base62 = ByteSet("A-Za-z0-9")
  package static let base64 = ByteSet("A-Za-z0-9+/")
  package static let base64URL = ByteSet("A-Za-z0-9_-")
  package static let word = ByteSet("A-Za-z0-9_")
  /// Printable ASCII but space: what an unquoted secret may hold.
  package static let printable = ByteSet("!-~")
}
