/// The fields of an `application/x-www-form-urlencoded` body or a query string.
struct FormBody {
  var fields: [String: String] = [:]

  init(_ text: String) {
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = Self.decode(parts[0])
      let value = parts.count > 1 ? Self.decode(parts[1]) : ""
      if fields[key] == nil { fields[key] = value }
    }
  }

  subscript(_ key: String) -> String? { fields[key] }

  /// Percent-decoding with `+` as a space; invalid escapes are kept as they are.
  static func decode(_ s: Substring) -> String {
    var bytes: [UInt8] = []
    var u = Array(s.utf8)[...]
    while let b = u.popFirst() {
      if b == UInt8(ascii: "+") {
        bytes.append(UInt8(ascii: " "))
      } else if b == UInt8(ascii: "%"), u.count >= 2, let hi = hex(u[u.startIndex]),
        let lo = hex(u[u.startIndex + 1])
      {
        bytes.append(hi << 4 | lo)
        u = u.dropFirst(2)
      } else {
        bytes.append(b)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func hex(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
