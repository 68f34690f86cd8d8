import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusDetect

/// The word-at-a-time search for a row's delimiters and quotes finds what a byte-by-byte walk
/// finds, and so do the column lookup and the column reader built on it.
struct DelimitedHeaderTests {
  /// Lines of commas, quotes and letters in every arrangement the generator makes.
  static func lines() -> [[UInt8]] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var lines: [[UInt8]] = []
    for length in 0..<40 {
      for _ in 0..<30 {
        var line: [UInt8] = []
        for _ in 0..<length {
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          let pick = Int(truncatingIfNeeded: state >> 59)
          line.append(pick < 3 ? ASCII.comma : pick < 5 ? ASCII.quote : UInt8(0x61 + pick % 26))
        }
        lines.append(line)
      }
    }
    return lines
  }

  @Test func findsTheFirstDelimiterOrQuote() {
    let header = DelimitedHeader(delimiter: ASCII.comma, columns: [], names: [])
    for line in Self.lines() {
      line.withUnsafeBytes { bytes in
        for from in 0...line.count {
          for to in from...line.count {
            let expected = (from..<to).first { line[$0] == ASCII.comma || line[$0] == ASCII.quote } ?? to
            #expect(header.nextDelimiterOrQuote(in: bytes, from: from, to: to) == expected)
          }
        }
      }
    }
  }

  @Test func columnOfAPositionRespectsQuotes() {
    let header = DelimitedHeader(delimiter: ASCII.comma, columns: [], names: [])
    for line in Self.lines() {
      var column = 0
      var quoted = false
      line.withUnsafeBytes { bytes in
        for position in 0...line.count {
          #expect(header.column(of: position, lineStart: 0, in: bytes) == column, "\(line) \(position)")
          if position < line.count {
            if line[position] == ASCII.quote {
              quoted.toggle()
            } else if line[position] == ASCII.comma, !quoted {
              column += 1
            }
          }
        }
      }
    }
  }

  /// Cells are read whole, quoted delimiters inside them, the last one up to the line's end.
  @Test func quotedCellsAreReadWhole() {
    let found = DetectionHarness.values(
      """
      note,ssn,zip
      "a, b",123456789,12345
      "x ""y"", z","234567890"
      """)
    #expect(found == ["us_ssn=123456789", "us_ssn=234567890"])
  }
}
