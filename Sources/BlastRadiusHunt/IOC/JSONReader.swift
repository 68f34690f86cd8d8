package import BlastRadiusBase

/// A JSON value with the line it starts on, so that indicators read from a STIX bundle can be
/// reported with their place in the file.
struct JSONNode: Sendable {
  indirect enum Value: Sendable {
    case object([(key: String, node: JSONNode)])
    case array([JSONNode])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
  }

  var value: Value
  var line: Int

  subscript(key: String) -> JSONNode? {
    if case .object(let members) = value { return members.first { $0.key == key }?.node }
    return nil
  }

  var string: String? {
    if case .string(let s) = value { return s }
    return nil
  }

  var array: [JSONNode]? {
    if case .array(let a) = value { return a }
    return nil
  }

  var bool: Bool? {
    if case .bool(let b) = value { return b }
    return nil
  }
}

/// A strict, small JSON parser (RFC 8259) for indicator bundles; not used on scanned data.
struct JSONReader {
  struct Failure: Error, CustomStringConvertible {
    var line: Int
    var message: String
    var description: String { "line \(line): \(message)" }
  }

  let bytes: [UInt8]
  var i = 0
  var line = 1
  var depth = 0

  static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONNode {
    var reader = JSONReader(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.i = 3 }
    let node = try reader.value()
    reader.skipSpace()
    guard reader.i == bytes.count else { throw reader.fail("text after the JSON value") }
    return node
  }

  init(bytes: [UInt8]) { self.bytes = bytes }

  func fail(_ message: String) -> Failure { Failure(line: line, message: message) }

  mutating func skipSpace() {
    while i < bytes.count {
      switch bytes[i] {
      case ASCII.newline: line += 1
      case ASCII.space, ASCII.tab, ASCII.carriageReturn: break
      default: return
      }
      i += 1
    }
  }

  mutating func value() throws(Failure) -> JSONNode {
    skipSpace()
    guard i < bytes.count else { throw fail("unexpected end") }
    let start = line
    switch bytes[i] {
    case 0x7B:
      var members: [(String, JSONNode)] = []
      try elements(close: 0x7D) { r throws(Failure) in
        r.skipSpace()
        guard r.i < r.bytes.count, r.bytes[r.i] == ASCII.quote else { throw r.fail("expected a member name") }
        let key = try r.string()
        r.skipSpace()
        guard r.i < r.bytes.count, r.bytes[r.i] == 0x3A else { throw r.fail("expected ':'") }
        r.i += 1
        members.append((key, try r.value()))
      }
      return JSONNode(value: .object(members), line: start)
    case 0x5B:
      var items: [JSONNode] = []
      try elements(close: 0x5D) { r throws(Failure) in items.append(try r.value()) }
      return JSONNode(value: .array(items), line: start)
    case ASCII.quote:
      return JSONNode(value: .string(try string()), line: start)
    case 0x74 where bytes[i...].starts(with: Array("true".utf8)):
      i += 4
      return JSONNode(value: .bool(true), line: start)
    case 0x66 where bytes[i...].starts(with: Array("false".utf8)):
      i += 5
      return JSONNode(value: .bool(false), line: start)
    case 0x6E where bytes[i...].starts(with: Array("null".utf8)):
      i += 4
      return JSONNode(value: .null, line: start)
    default:
      let from = i
      while i < bytes.count, ASCII.isDigit(bytes[i]) || [0x2D, 0x2B, 0x2E, 0x65, 0x45].contains(bytes[i]) {
        i += 1
      }
      guard i > from, let number = Double(String(decoding: bytes[from..<i], as: UTF8.self)) else {
        throw fail("unexpected character")
      }
      return JSONNode(value: .number(number), line: start)
    }
  }

  /// The elements of an object or array (`i` on its opening bracket) up to `close`, each read
  /// by `element`.
  mutating func elements(close: UInt8, _ element: (inout JSONReader) throws(Failure) -> Void) throws(Failure)
  {
    depth += 1
    guard depth < 256 else { throw fail("nested too deep") }
    defer { depth -= 1 }
    i += 1
    skipSpace()
    if i < bytes.count, bytes[i] == close {
      i += 1
      return
    }
    while true {
      try element(&self)
      skipSpace()
      guard i < bytes.count else { throw fail("unexpected end") }
      if bytes[i] == ASCII.comma {
        i += 1
        continue
      }
      guard bytes[i] == close else { throw fail("expected ',' or '\(Character(UnicodeScalar(close)))'") }
      i += 1
      return
    }
  }

  /// A string literal at `i` (on its opening quote), escapes decoded.
  mutating func string() throws(Failure) -> String {
    i += 1
    var out: [UInt8] = []
    while i < bytes.count {
      let b = bytes[i]
      i += 1
      switch b {
      case ASCII.quote:
        return String(decoding: out, as: UTF8.self)
      case 0x5C:
        guard i < bytes.count else { throw fail("unexpected end") }
        let e = bytes[i]
        i += 1
        switch e {
        case 0x6E: out.append(ASCII.newline)
        case 0x74: out.append(ASCII.tab)
        case 0x72: out.append(ASCII.carriageReturn)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x75:
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
            i += 2
            let low = try hex4()
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
          }
          out.append(contentsOf: String(UnicodeScalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
        default: out.append(e)  // \" \\ \/
        }
      case ASCII.newline:
        throw fail("line break in a string")
      default:
        out.append(b)
      }
    }
    throw fail("unterminated string")
  }

  mutating func hex4() throws(Failure) -> UInt32 {
    guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
    else {
      throw fail("bad \\u escape")
    }
    i += 4
    return v
  }
}
