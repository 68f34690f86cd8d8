/// The project's one JSON reader (RFC 8259 over bytes): scan records read back by the report,
/// indicator bundles, rules. Strict about structure, tolerant of what real files carry (a
/// leading byte-order mark, lone surrogate escapes, which become U+FFFD). Foundation's would
/// pull the whole framework into the engine for this.
package struct JSONParser {
  package struct Failure: Error, CustomStringConvertible {
    package var offset: Int
    /// The 1-based line of `offset`.
    package var line: Int
    package var reason: String
    package var description: String { "invalid JSON at byte \(offset): \(reason)" }
  }

  let bytes: UnsafeRawBufferPointer
  /// Wrap each value in `.located` with the line it starts on.
  let keepLines: Bool
  var i = 0
  var line = 1

  init(bytes: UnsafeRawBufferPointer, keepLines: Bool = false) {
    self.bytes = bytes
    self.keepLines = keepLines
  }

  /// Parses one complete value (whitespace around it allowed). With `lines`, every value comes
  /// wrapped in `.located` with its line, for inputs whose entries are reported by line.
  package static func parse(_ bytes: UnsafeRawBufferPointer, lines: Bool = false) throws(Failure) -> JSONValue
  {
    var parser = JSONParser(bytes: bytes, keepLines: lines)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.i = 3 }
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.i == bytes.count else { throw parser.fail("trailing bytes") }
    return value
  }

  package static func parse(_ text: String, lines: Bool = false) throws(Failure) -> JSONValue {
    try parse(Array(text.utf8), lines: lines)
  }

  package static func parse(_ bytes: [UInt8], lines: Bool = false) throws(Failure) -> JSONValue {
    let result = bytes.withUnsafeBytes { b in
      Result { () throws(Failure) -> JSONValue in try parse(b, lines: lines) }
    }
    return try result.get()
  }

  func fail(_ reason: String) -> Failure { Failure(offset: i, line: line, reason: reason) }

  mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
      if bytes[i] == 0x0A { line += 1 }
      i += 1
    }
  }

  mutating func value(depth: Int) throws(Failure) -> JSONValue {
    guard keepLines else { return try bare(depth: depth) }
    let start = line
    return .located(line: start, try bare(depth: depth))
  }

  mutating func bare(depth: Int) throws(Failure) -> JSONValue {
    guard depth < 64 else { throw fail("nested too deep") }
    guard i < bytes.count else { throw fail("unexpected end") }
    switch bytes[i] {
    case 0x7B: return try object(depth: depth)
    case 0x5B: return try array(depth: depth)
    case 0x22: return .string(try string())
    case 0x74: try literal("true"); return .bool(true)
    case 0x66: try literal("false"); return .bool(false)
    case 0x6E: try literal("null"); return .null
    default: return .number(try number())
    }
  }

  mutating func literal(_ word: StaticString) throws(Failure) {
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { throw fail("unexpected end") }
    for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("unknown literal") }
    i += n
  }

  mutating func object(depth: Int) throws(Failure) -> JSONValue {
    var out: [String: JSONValue] = [:]
    if opens(0x7D) { return .object(out) }
    repeat {
      skipSpace()
      guard i < bytes.count, bytes[i] == 0x22 else { throw fail("expected a key") }
      let key = try string()
      skipSpace()
      guard i < bytes.count, bytes[i] == 0x3A else { throw fail("expected ':'") }
      i += 1
      skipSpace()
      out[key] = try value(depth: depth + 1)
    } while try !closes(0x7D)
    return .object(out)
  }

  mutating func array(depth: Int) throws(Failure) -> JSONValue {
    var out: [JSONValue] = []
    if opens(0x5D) { return .array(out) }
    repeat {
      skipSpace()
      out.append(try value(depth: depth + 1))
    } while try !closes(0x5D)
    return .array(out)
  }

  /// Steps over an opening bracket; true when the container is empty (its `close` follows).
  mutating func opens(_ close: UInt8) -> Bool {
    i += 1
    skipSpace()
    guard i < bytes.count, bytes[i] == close else { return false }
    i += 1
    return true
  }

  /// After a member: false at a comma, true at the container's `close`.
  mutating func closes(_ close: UInt8) throws(Failure) -> Bool {
    skipSpace()
    guard i < bytes.count else { throw fail("unexpected end") }
    let b = bytes[i]
    i += 1
    if b == 0x2C { return false }
    if b == close { return true }
    throw fail("expected ',' or the end of the container")
  }

  mutating func string() throws(Failure) -> String {
    i += 1
    let start = i
    // Fast path: no escapes.
    while i < bytes.count, bytes[i] != 0x22, bytes[i] != 0x5C {
      guard bytes[i] >= 0x20 else { throw fail("control character in a string") }
      i += 1
    }
    guard i < bytes.count else { throw fail("unterminated string") }
    if bytes[i] == 0x22 {
      i += 1
      return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
    }
    var out = Array(bytes[start..<i])
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x22 {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      guard b >= 0x20 else { throw fail("control character in a string") }
      guard b == 0x5C else {
        out.append(b)
        i += 1
        continue
      }
      guard i + 1 < bytes.count else { throw fail("unterminated escape") }
      let e = bytes[i + 1]
      i += 2
      switch e {
      case 0x22, 0x5C, 0x2F: out.append(e)
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x6E: out.append(0x0A)
      case 0x72: out.append(0x0D)
      case 0x74: out.append(0x09)
      case 0x75:
        var scalar = try hex4()
        if scalar >= 0xD800, scalar < 0xDC00, i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
          // A high surrogate pairs with a low one; otherwise it stands alone (U+FFFD) and the
          // next escape is read on its own.
          let next = i
          i += 2
          let low = try hex4()
          if low >= 0xDC00, low < 0xE000 {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else {
            i = next
          }
        }
        out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
      default: throw fail("unknown escape")
      }
    }
    throw fail("unterminated string")
  }

  mutating func hex4() throws(Failure) -> UInt32 {
    guard i + 4 <= bytes.count else { throw fail("short \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let d: UInt32
      switch b {
      case 0x30...0x39: d = UInt32(b - 0x30)
      case 0x41...0x46: d = UInt32(b - 0x41 + 10)
      case 0x61...0x66: d = UInt32(b - 0x61 + 10)
      default: throw fail("bad hex digit")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }

  mutating func number() throws(Failure) -> Double {
    let start = i
    if i < bytes.count, bytes[i] == 0x2D { i += 1 }
    var integer = true
    var digits = 0
    var whole: Int = 0
    while i < bytes.count {
      let b = bytes[i]
      if b >= 0x30 && b <= 0x39 {
        if integer, digits < 18 { whole = whole * 10 + Int(b - 0x30) }
        digits += 1
      } else if b == 0x2E || b == 0x65 || b == 0x45 || b == 0x2B || (b == 0x2D && i > start) {
        integer = false
      } else {
        break
      }
      i += 1
    }
    guard digits > 0 else { throw fail("unexpected character") }
    if integer, digits < 18 { return Double(bytes[start] == 0x2D ? -whole : whole) }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    guard let d = Double(text) else { throw fail("bad number") }
    return d
  }
}
