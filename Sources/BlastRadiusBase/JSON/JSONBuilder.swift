/// Appends JSON to a byte buffer without Foundation: records are written per finding, and
/// `JSONEncoder` would cost more than the scan of the bytes they came from.
public struct JSONBuilder: Sendable {
  public var bytes: [UInt8] = []

  public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

  public mutating func raw(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  public mutating func string(_ s: String) {
    bytes.append(ASCII.quote)
    // Most strings need no escaping: copy them whole.
    let plain = s.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
      guard !utf8.contains(where: { $0 < 0x20 || $0 == ASCII.quote || $0 == 0x5C || $0 == 0x7F }) else {
        return false
      }
      bytes.append(contentsOf: utf8)
      return true
    }
    if plain == true {
      bytes.append(ASCII.quote)
      return
    }
    for b in s.utf8 {
      switch b {
      case ASCII.quote: bytes.append(0x5C); bytes.append(ASCII.quote)
      case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
      case ASCII.newline: bytes.append(0x5C); bytes.append(0x6E)
      case ASCII.carriageReturn: bytes.append(0x5C); bytes.append(0x72)
      case ASCII.tab: bytes.append(0x5C); bytes.append(0x74)
      case 0..<0x20, 0x7F:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
      default: bytes.append(b)
      }
    }
    bytes.append(ASCII.quote)
  }

  /// Decimal digits written from the end of a stack buffer: no `String` per number.
  package mutating func int(_ n: Int) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: 20 digits and a sign
    withUnsafeMutableBytes(of: &digits) { buffer in
      var i = buffer.count
      var m = n.magnitude
      repeat {
        i -= 1
        buffer[i] = 0x30 &+ UInt8(truncatingIfNeeded: m % 10)
        m /= 10
      } while m != 0
      if n < 0 {
        i -= 1
        buffer[i] = ASCII.hyphen
      }
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[i...]))
    }
  }

  package mutating func double(_ d: Double, decimals: Int = 3) {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let whole = Int((d * scale).rounded())
    let sign = whole < 0 ? "-" : ""
    let a = abs(whole)
    var frac = String(a % Int(scale))
    while frac.count < decimals { frac = "0" + frac }
    bytes.append(contentsOf: "\(sign)\(a / Int(scale)).\(frac)".utf8)
  }

  package mutating func bool(_ b: Bool) { raw(b ? "true" : "false") }

  package mutating func strings(_ list: [String]) { array(list) { $0.string($1) } }

  package mutating func ints(_ list: [Int]) { array(list) { $0.int($1) } }

  /// `[…]` with each element written by `element`.
  package mutating func array<T>(_ list: [T], _ element: (inout JSONBuilder, T) -> Void) {
    bytes.append(0x5B)
    for (i, item) in list.enumerated() {
      if i > 0 { bytes.append(ASCII.comma) }
      element(&self, item)
    }
    bytes.append(0x5D)
  }

  /// `{…}` with the members in the order given, each value written by `value`.
  package mutating func object<T>(
    _ members: [(key: String, value: T)], _ value: (inout JSONBuilder, T) -> Void
  ) {
    bytes.append(0x7B)
    for (i, member) in members.enumerated() {
      key(dynamic: member.key, first: i == 0)
      value(&self, member.value)
    }
    bytes.append(0x7D)
  }

  /// A file path as its record's `KEY` field: shown with bytes that are not UTF-8 as `\xHH`, and
  /// then also exactly, in hex, as `KEY_bytes` (`RawPath`).
  package mutating func path(_ path: String, key: StaticString) {
    guard RawPath.holdsEscapes(path) else { return string(path) }
    string(RawPath.display(path))
    raw(","); string(String(describing: key) + "_bytes"); raw(":")
    string(Hex.lower(RawPath.bytes(path)))
  }

  /// An object of counts, keys sorted (`errors_by_code`, `skipped`, …).
  package mutating func counts(_ counts: [String: Int]) {
    object(counts.sorted { $0.key < $1.key }) { $0.int($1) }
  }

  package mutating func reasons(_ list: Reasons) {
    bytes.append(0x5B)
    var first = true
    for r in list {
      if !first { bytes.append(ASCII.comma) }
      first = false
      bytes.append(ASCII.quote)
      switch r {
      case .check(let c): raw(c.name)
      case .issuer(let b): raw("iin:"); bytes.append(contentsOf: b.rawValue.utf8)
      case .label(let l): raw("label:"); bytes.append(contentsOf: l.rawValue.utf8)
      case .column(let l): raw("column:"); bytes.append(contentsOf: l.rawValue.utf8)
      case .notLabel(let l): raw("not_label:"); bytes.append(contentsOf: l.rawValue.utf8)
      case .notColumn(let l): raw("not_column:"); bytes.append(contentsOf: l.rawValue.utf8)
      case .ocr: raw("ocr")
      }
      bytes.append(ASCII.quote)
    }
    bytes.append(0x5D)
  }

  /// A fingerprint as 64 lowercase hex digits in quotes.
  package mutating func hex(_ f: Fingerprint) { hex(words: f.word0, f.word1, f.word2, f.word3) }

  /// A 256-bit digest, given as four big-endian words, as 64 lowercase hex digits in quotes.
  package mutating func hex(words w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
    // Composed in a stack buffer and appended at once: one capacity check, not 66.
    var text: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &text) { buffer in
      buffer[0] = ASCII.quote
      func put(_ word: UInt64, at first: Int) {
        for k in 0..<16 {
          let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * k)) & 0xF
          buffer[first + k] = nibble < 10 ? 0x30 &+ nibble : 0x57 &+ nibble
        }
      }
      put(w0, at: 1)
      put(w1, at: 17)
      put(w2, at: 33)
      put(w3, at: 49)
      buffer[65] = ASCII.quote
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<66]))
    }
  }

  /// `"key":` with a leading comma unless `first` (or right after a `{`, so that an object of
  /// optional fields can start with any of them).
  public mutating func key(_ k: StaticString, first: Bool = false) {
    if !first && bytes.last != 0x7B { bytes.append(ASCII.comma) }
    bytes.append(ASCII.quote)
    raw(k)
    bytes.append(ASCII.quote)
    bytes.append(0x3A)
  }

  /// `,"key":value` when there is a value, nothing otherwise.
  package mutating func optional(_ k: StaticString, _ value: Int?) {
    guard let value else { return }
    key(k)
    int(value)
  }

  package mutating func optional(_ k: StaticString, _ value: String?) {
    guard let value else { return }
    key(k)
    string(value)
  }

  package mutating func key(dynamic k: String, first: Bool = false) {
    if !first { bytes.append(ASCII.comma) }
    string(k)
    bytes.append(0x3A)
  }
}
