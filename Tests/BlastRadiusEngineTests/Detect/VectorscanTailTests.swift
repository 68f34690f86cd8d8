import Testing

@testable import BlastRadiusMatch

/// Vectorscan 5.4.9 misses matches of class repeats that end in a buffer's last bytes at some
/// alignments of the buffer (an address at the end of a file, measured: 5 of 64 alignments of a
/// 248-byte text found nothing). `VectorscanDatabase.scan` rescans the tail from a padded copy:
/// at every alignment, and for buffers longer and shorter than the copied tail, the matches are
/// those of a plain reading.
struct VectorscanTailTests {
  static let patterns = [
    VectorscanPattern("@[a-z]+", id: 0),
    VectorscanPattern(#"@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}"#, id: 1),
    VectorscanPattern("ghp_", id: 2),
  ]

  /// Every (id, end) a plain reading of `text` gives for the three patterns.
  static func expected(_ text: [UInt8]) -> [String] {
    func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    func isLabel(_ b: UInt8) -> Bool {
      isLower(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
    }
    func isLetter(_ b: UInt8) -> Bool { isLower(b) || (b >= 0x41 && b <= 0x5A) }
    var out: [(end: Int, id: Int)] = []
    for (at, b) in text.enumerated() where b == 0x40 {
      var i = at + 1
      while i < text.count, isLower(text[i]) {
        i += 1
        out.append((i, 0))
      }
      // `@label(.label)*.tld`: every end after a dot where 2–24 letters follow.
      var j = at + 1
      var labels = 0
      while j < text.count {
        let s = j
        while j < text.count, isLabel(text[j]) { j += 1 }
        guard j > s else { break }
        labels += 1
        guard j < text.count, text[j] == 0x2E else { break }
        var k = j + 1
        while k < text.count, k - j - 1 < 24, isLetter(text[k]) {
          k += 1
          if k - j - 1 >= 2 { out.append((k, 1)) }
        }
        j += 1
      }
    }
    for i in 0..<max(0, text.count - 3) where Array(text[i..<(i + 4)]) == Array("ghp_".utf8) {
      out.append((i + 4, 2))
    }
    // One report per (id, end), in end order, as Vectorscan gives them.
    var seen = Set<String>()
    return out.sorted { ($0.end, $0.id) < ($1.end, $1.id) }.map { "\($0.id)@\($0.end)" }.filter {
      seen.insert($0).inserted
    }
  }

  static func scanned(_ db: VectorscanDatabase, _ text: [UInt8], alignment: Int) throws -> [String] {
    let list = MatchList()
    let scratch = try db.makeScratch()
    let storage = UnsafeMutableRawPointer.allocate(byteCount: text.count + 128, alignment: 64)
    defer { storage.deallocate() }
    storage.initializeMemory(as: UInt8.self, repeating: 0, count: text.count + 128)
    (storage + alignment).copyMemory(from: text, byteCount: text.count)
    try db.scan(
      UnsafeRawBufferPointer(start: storage + alignment, count: text.count), scratch: scratch, into: list)
    let found = (0..<list.count).map { (list[$0].end, Int(list[$0].id)) }
    return found.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { "\($0.1)@\($0.0)" }
  }

  @Test(arguments: [0, 200, 8_000, 9_000, 20_000])
  func addressesAtTheEndAreFoundAtEveryAlignment(prefix: Int) throws {
    let db = try VectorscanDatabase(patterns: Self.patterns, padsTail: true, cache: nil)
    var text = Array(
      String(repeating: "lorem ipsum dolor ghp_ x ", count: prefix / 25 + 1).utf8.prefix(prefix))
    text += Array(
      "data hello world : x the } { fJZqueiDxZnmCMgxqQVgrLXbnznrqKYtttOknynqDSwOa the user53@mail-53.example.co"
        .utf8)
    let expected = Self.expected(text)
    #expect(expected.contains("1@\(text.count)"))
    for alignment in 0..<64 {
      #expect(try Self.scanned(db, text, alignment: alignment) == expected, "alignment \(alignment)")
    }
  }
}
