import BlastRadiusBase

/// Where the value after a label starts: `SSN: 123`, `"ssn": "123"`, `DEA no. AB123`,
/// `Diagnosis code - E11.9`. Punctuation and filler words (`number`, `no`, `is`, `code`) are
/// skipped; any other word means the label names something else.
package enum LabelValue {
  /// How far after a label its value may start.
  static let reach = 40

  static let fillers: Set<[UInt8]> = Set(
    ["number", "no", "num", "nbr", "is", "of", "id", "code", "value", "the"].map { Array($0.utf8) })

  package static func start(after labelEnd: Int, in buffer: UnsafeRawBufferPointer) -> Int? {
    var i = labelEnd
    let limit = min(buffer.count, labelEnd + reach)
    scan: while i < limit {
      let b = buffer[i]
      switch b {
      case ASCII.space, ASCII.tab, 0x3A, 0x3D, 0x23, ASCII.quote, 0x27, ASCII.hyphen, 0x28, 0x29,
        0x5B, 0x5D, ASCII.dot, 0x5F, 0x3E:
        i += 1
      case _ where ASCII.isLetter(b):
        var j = i
        while j < limit, ASCII.isLetter(buffer[j]) { j += 1 }
        guard fillers.contains(buffer[i..<j].map(ASCII.lower)) else { break scan }
        i = j
      default:
        break scan
      }
    }
    guard i < limit, ASCII.isAlnum(buffer[i]) || buffer[i] == 0x28 else { return nil }
    return i
  }
}
