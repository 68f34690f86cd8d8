/// Reads a value token from the front of a candidate's bytes, for validators.
package enum TokenReader {
  /// A numeric token: up to `letters` leading letters, then digit groups joined by one `-`, `.`
  /// or `/`, or by one space when a digit follows. It must end on a boundary (no letter, digit or
  /// underscore right after it).
  package struct Numeric: Equatable {
    package var length: Int
    package var letters: [UInt8]
    package var digits: [UInt8]
    package var groups: [Int]
    /// The separators used between groups, in order.
    package var separators: [UInt8]

    /// One separator used throughout, or none.
    package var isConsistent: Bool { separators.allSatisfy { $0 == separators.first } }
    package var digitString: String { String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self) }
  }

  package static func numeric(_ b: [UInt8], letters maxLetters: Int = 0) -> Numeric? {
    var i = 0
    var letters: [UInt8] = []
    while i < b.count, ASCII.isLetter(b[i]), letters.count < maxLetters {
      letters.append(ASCII.upper(b[i]))
      i += 1
    }
    guard i < b.count, ASCII.isDigit(b[i]) else { return nil }
    var digits: [UInt8] = []
    var groups: [Int] = []
    var separators: [UInt8] = []
    var run = 0
    while i < b.count {
      let c = b[i]
      if ASCII.isDigit(c) {
        digits.append(c - 0x30)
        run += 1
        i += 1
      } else if i + 1 < b.count, ASCII.isDigit(b[i + 1]),
        c == ASCII.hyphen || c == ASCII.dot || c == ASCII.slash || c == ASCII.space
      {
        groups.append(run)
        separators.append(c)
        run = 0
        i += 1
      } else {
        break
      }
    }
    groups.append(run)
    if i < b.count, ASCII.isWord(b[i]) { return nil }
    return Numeric(length: i, letters: letters, digits: digits, groups: groups, separators: separators)
  }

  /// Trims a candidate window to its printable ASCII token for revealing or masking.
  package static func string(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
}
