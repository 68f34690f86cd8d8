/// Appends JSON to a byte buffer without Foundation: records are written per finding, and
/// `JSONEncoder` would cost more than the scan of the bytes they came from.
package struct JSONBuilder {
  package var bytes: [UInt8] = []

  package init() { bytes.reserveCapacity(4096) }

  package mutating func raw(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  package mutating func string(_ s: String) {
    bytes.append(ASCII.quote)
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

  package mutating func int(_ n: Int) { bytes.append(contentsOf: String(n).utf8) }

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

  package mutating func strings(_ list: [String]) {
    bytes.append(0x5B)
    for (i, s) in list.enumerated() {
      if i > 0 { bytes.append(ASCII.comma) }
      string(s)
    }
    bytes.append(0x5D)
  }

  /// `"key":` with a leading comma unless `first`.
  package mutating func key(_ k: StaticString, first: Bool = false) {
    if !first { bytes.append(ASCII.comma) }
    bytes.append(ASCII.quote)
    raw(k)
    bytes.append(ASCII.quote)
    bytes.append(0x3A)
  }

  package mutating func key(dynamic k: String, first: Bool = false) {
    if !first { bytes.append(ASCII.comma) }
    string(k)
    bytes.append(0x3A)
  }
}
