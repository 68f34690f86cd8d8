package import BlastRadiusBase

/// The header row of delimited data (CSV, TSV, pipe or semicolon separated): its delimiter and
/// what each column's name says, so a bare number in an `ssn` column counts.
package struct DelimitedHeader: Sendable, Equatable {
  package var delimiter: UInt8
  package var columns: [LabelClass?]
  package var names: [String]

  /// Reads the header from the first bytes of a file, if they look like delimited data: a first
  /// line of named fields (letters, not values), and a second line with the same field count.
  package static func detect(_ bytes: UnsafeRawBufferPointer) -> DelimitedHeader? {
    let limit = min(bytes.count, 8192)
    guard let firstEnd = (0..<limit).first(where: { bytes[$0] == ASCII.newline }) else { return nil }
    let first = Array(bytes[0..<firstEnd]).filter { $0 != ASCII.carriageReturn }
    var best: (delimiter: UInt8, count: Int)?
    for d in [UInt8(0x09), ASCII.comma, 0x7C, 0x3B] {
      let n = fields(first, delimiter: d).count - 1
      if n > (best?.count ?? 0) { best = (d, n) }
    }
    guard let (delimiter, _) = best else { return nil }
    let names = fields(first, delimiter: delimiter).map { Array(first[$0]) }
    let named = names.filter { n in n.contains(where: ASCII.isLetter) && n.count <= 64 }
    guard named.count * 2 > names.count,
      !names.contains(where: { n in n.contains(where: ASCII.isDigit) && !n.contains(where: ASCII.isLetter) })
    else {
      return nil
    }
    // The next line, when present within the sample, must have as many fields.
    let secondStart = firstEnd + 1
    if let secondEnd = (secondStart..<limit).first(where: { bytes[$0] == ASCII.newline }) {
      let second = Array(bytes[secondStart..<secondEnd]).filter { $0 != ASCII.carriageReturn }
      guard fields(second, delimiter: delimiter).count == names.count else { return nil }
    }
    return DelimitedHeader(
      delimiter: delimiter,
      columns: names.map { LabelLexicon.classify($0) },
      names: names.map { String(decoding: $0, as: UTF8.self) })
  }

  /// Field ranges of one line, quotes respected, surrounding quotes and spaces trimmed.
  package static func fields(_ line: [UInt8], delimiter: UInt8) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    var quoted = false
    for (i, b) in line.enumerated() {
      if b == ASCII.quote {
        quoted.toggle()
      } else if b == delimiter, !quoted {
        result.append(trim(line, start..<i))
        start = i + 1
      }
    }
    result.append(trim(line, start..<line.count))
    return result
  }

  static func trim(_ line: [UInt8], _ r: Range<Int>) -> Range<Int> {
    var lo = r.lowerBound
    var hi = r.upperBound
    while lo < hi, line[lo] == ASCII.space || line[lo] == ASCII.quote { lo += 1 }
    while hi > lo,
      line[hi - 1] == ASCII.space || line[hi - 1] == ASCII.quote || line[hi - 1] == ASCII.carriageReturn
    { hi -= 1 }
    return lo..<hi
  }

  /// The column index of byte `position` in a line starting at `lineStart`.
  package func column(of position: Int, lineStart: Int, in bytes: UnsafeRawBufferPointer) -> Int {
    var column = 0
    var quoted = false
    var i = lineStart
    while true {
      let at = nextDelimiterOrQuote(in: bytes, from: i, to: position)
      guard at < position else { return column }
      if bytes[at] == ASCII.quote { quoted.toggle() } else if !quoted { column += 1 }
      i = at + 1
    }
  }

  /// The first delimiter or quote in `bytes[from..<to]`, or `to`: eight bytes at a time.
  package func nextDelimiterOrQuote(in bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
    var i = from
    if let base = bytes.baseAddress {
      while i + 8 <= to {
        let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let marks = WordBytes.bytes(w, equalTo: delimiter) | WordBytes.bytes(w, equalTo: ASCII.quote)
        if marks != 0 { return i + WordBytes.firstMarked(marks) }
        i += 8
      }
    }
    while i < to {
      if bytes[i] == delimiter || bytes[i] == ASCII.quote { return i }
      i += 1
    }
    return to
  }
}
