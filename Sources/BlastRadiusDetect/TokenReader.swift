import BlastRadiusBase

/// Reads a value token from the front of a candidate's bytes, for validators.
package enum TokenReader {
  /// A numeric token: up to `letters` leading letters, then digit groups joined by one `-`, `.`
  /// or `/`, or by one space when a digit follows. It must end on a boundary (no letter, digit or
  /// underscore right after it).
  package struct Numeric: Equatable {
    package var length: Int
    /// Leading letters, uppercased.
    package var letters: SmallList
    /// Digit values (0...9), the form the validators take.
    package var digits: [UInt8]
    /// Digits per group; more than eight groups is no detector's shape (`groups.overflowed`).
    package var groups: SmallList
    /// The separators used between groups, in order.
    package var separators: SmallList

    /// One separator used throughout, or none.
    package var isConsistent: Bool { separators.isUniform && !groups.overflowed }
    package var digitString: String {
      String(unsafeUninitializedCapacity: digits.count) { out in
        for (i, d) in digits.enumerated() { out[i] = d + 0x30 }
        return digits.count
      }
    }
    package var letterString: String { String(decoding: letters.bytes, as: UTF8.self) }
  }

  package static func numeric(_ b: [UInt8], letters maxLetters: Int = 0) -> Numeric? {
    numeric(b[...], letters: maxLetters)
  }

  package static func numeric(_ b: ArraySlice<UInt8>, letters maxLetters: Int = 0) -> Numeric? {
    var i = b.startIndex
    var letters = SmallList()
    while i < b.endIndex, ASCII.isLetter(b[i]), letters.count < maxLetters {
      letters.append(Int(ASCII.upper(b[i])))
      i += 1
    }
    guard i < b.endIndex, ASCII.isDigit(b[i]) else { return nil }
    var digits: [UInt8] = []
    digits.reserveCapacity(20)
    var groups = SmallList()
    var separators = SmallList()
    var run = 0
    while i < b.endIndex {
      let c = b[i]
      if ASCII.isDigit(c) {
        digits.append(c - 0x30)
        run += 1
        i += 1
      } else if i + 1 < b.endIndex, ASCII.isDigit(b[i + 1]),
        c == ASCII.hyphen || c == ASCII.dot || c == ASCII.slash || c == ASCII.space
      {
        groups.append(run)
        separators.append(Int(c))
        run = 0
        i += 1
      } else {
        break
      }
    }
    groups.append(run)
    if i < b.endIndex, ASCII.isWord(b[i]) { return nil }
    return Numeric(
      length: i - b.startIndex, letters: letters, digits: digits, groups: groups, separators: separators)
  }
}
