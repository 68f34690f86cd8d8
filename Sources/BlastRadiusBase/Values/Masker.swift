/// Masked forms of values, so reports can show what was found without showing the value.
package enum Masker {
  /// Every letter and digit but the last four becomes `*`; separators stay (`***-**-6789`).
  @Sendable package static func keepLast4(_ value: [UInt8]) -> String {
    keep(value, first: 0, last: 4)
  }

  /// Keeps the first `first` and last `last` letters or digits.
  package static func keep(_ value: [UInt8], first: Int, last: Int) -> String {
    let alnumCount = value.reduce(0) { $0 + (ASCII.isAlnum($1) ? 1 : 0) }
    // Written straight into the string's storage: this runs once per finding.
    return String(unsafeUninitializedCapacity: value.count) { out in
      var seen = 0
      for (i, b) in value.enumerated() {
        if ASCII.isAlnum(b) {
          out[i] = seen < first || seen >= alnumCount - last ? b : 0x2A
          seen += 1
        } else {
          out[i] = b < 0x80 ? b : 0x3F
        }
      }
      return value.count
    }
  }

  /// `j***@example.com`: the domain says whose mail system; the person stays hidden.
  @Sendable package static func email(_ value: [UInt8]) -> String {
    guard let at = value.firstIndex(of: ASCII.at), at > 0 else { return keepLast4(value) }
    let domain = value.count - at
    return String(unsafeUninitializedCapacity: 4 + domain) { out in
      out[0] = value[0] < 0x80 ? value[0] : 0x3F
      out[1] = 0x2A
      out[2] = 0x2A
      out[3] = 0x2A
      for k in 0..<domain { out[4 + k] = value[at + k] }
      return 4 + domain
    }
  }

  /// Country code and last four: `DE** **** **** **** **30 00`.
  @Sendable package static func iban(_ value: [UInt8]) -> String { keep(value, first: 2, last: 4) }

  /// Everything but the year: `**/**/1980`.
  @Sendable package static func date(_ value: [UInt8]) -> String { keepLast4(value) }
}

extension Masker {
  /// A secret keeps its public prefix (`ghp_`, `AKIA`) and its last four characters when it is
  /// long enough that four say little; the rest is starred.
  @Sendable package static func secret(_ value: [UInt8], keep prefix: Int) -> String {
    let tail = value.count - prefix >= 20 ? 4 : 0
    var out = Array(value.prefix(prefix))
    out += [UInt8](repeating: 0x2A, count: max(0, min(value.count - prefix - tail, 16)))
    out += value.suffix(tail)
    return String(decoding: out.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
  }

  /// Nothing of the value, not even its length: passwords.
  @Sendable package static func hidden(_ value: [UInt8]) -> String { "********" }
}
