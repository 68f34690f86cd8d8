import BlastRadiusBase

/// A SHA-256 digest kept as four big-endian words: compared and stored without an allocation
/// per file.
package struct ContentDigest: Sendable, Hashable {
  package var word0: UInt64
  package var word1: UInt64
  package var word2: UInt64
  package var word3: UInt64

  package init(word0: UInt64, word1: UInt64, word2: UInt64, word3: UInt64) {
    (self.word0, self.word1, self.word2, self.word3) = (word0, word1, word2, word3)
  }

  /// From the 32 bytes of a digest.
  package init(bytes: UnsafeRawBufferPointer) {
    precondition(bytes.count == 32)
    func word(_ k: Int) -> UInt64 { (0..<8).reduce(0) { $0 << 8 | UInt64(bytes[k * 8 + $1]) } }
    self.init(word0: word(0), word1: word(1), word2: word(2), word3: word(3))
  }

  /// The 32 bytes, for storage.
  package var bytes: [UInt8] {
    [word0, word1, word2, word3].flatMap { w in (0..<8).map { UInt8(truncatingIfNeeded: w >> (56 - 8 * $0)) }
    }
  }

  /// 64 lowercase hex digits.
  package var hex: String {
    var json = JSONBuilder(capacity: 66)
    json.hex(words: word0, word1, word2, word3)
    return String(decoding: json.bytes.dropFirst().dropLast(), as: UTF8.self)
  }
}
