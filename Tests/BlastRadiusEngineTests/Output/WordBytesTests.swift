import Testing
@testable import BlastRadiusBase

/// The word-at-a-time byte tricks agree with the byte-by-byte ones they stand for.
struct WordBytesTests {
  /// Every byte value in every lane, its neighbours random: each byte lowercased as
  /// `ASCII.lower` lowers it, none changed by another (no carry crosses lanes).
  @Test func lowercasingAWordLowersEachByteAlone() {
    Self.everyByteInEveryLane { bytes, word in
      let lowered = withUnsafeBytes(of: WordBytes.lowercased(word)) { Array($0) }
      #expect(lowered == bytes.map(ASCII.lower), "\(bytes)")
    }
  }

  /// Every byte value in every lane, its neighbours random: the exact marks are those of the
  /// bytes that are equal to (or below) the value asked for, every one, so the first and the
  /// last mark are where the byte-by-byte walks stop.
  @Test func exactMarksMarkEachMatchingByteAndNoOther() {
    Self.everyByteInEveryLane { bytes, word in
      for b: UInt8 in [0, 0x22, 0x2F, 0x40, 0x7F, 0x80, 0xFF] {
        let marks = withUnsafeBytes(of: WordBytes.exactBytes(word, equalTo: b)) { Array($0) }
        #expect(marks == bytes.map { $0 == b ? 0x80 : 0 }, "\(bytes) equal to \(b)")
      }
      for n: UInt8 in [0, 1, 0x21, 0x41, 0x80] {
        let marks = withUnsafeBytes(of: WordBytes.exactBytes(word, below: n)) { Array($0) }
        #expect(marks == bytes.map { $0 < n ? 0x80 : 0 }, "\(bytes) below \(n)")
        let expected = bytes.lastIndex { $0 < n }
        let found = marks.contains(0x80) ? WordBytes.lastMarked(WordBytes.exactBytes(word, below: n)) : nil
        #expect(found == expected, "\(bytes) below \(n)")
      }
    }
  }

  /// Calls `body` with eight bytes and their little-endian word, once for every byte value in
  /// every lane, the other seven bytes random.
  private static func everyByteInEveryLane(_ body: (_ bytes: [UInt8], _ word: UInt64) -> Void) {
    var generator = SystemRandomNumberGenerator()
    for lane in 0..<8 {
      for value in 0...255 {
        var bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[lane] = UInt8(value)
        body(bytes, bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
      }
    }
  }

  /// A memo request that lowercases gives the HMAC of the lowercased text at every length
  /// around the word size (the word loop and the byte tail).
  @Test func lowercasingRequestsHashTheLowercasedValue() {
    let key = Array(repeating: UInt8(9), count: 32)
    let memo = FingerprintMemo(key: key)
    let plain = Fingerprinter(key: key)
    let values = (0..<40).map { n in
      String((0..<n).map { i in Character(UnicodeScalar(UInt8(0x40 + (i * 7) % 60))) })
    }
    memo.reserve(values.count)
    for (i, value) in values.enumerated() {
      var text = value
      text.withUTF8 { memo.request(lowercasing: UnsafeRawBufferPointer($0), detector: 1, index: i) }
    }
    memo.drain()
    for (i, value) in values.enumerated() {
      let lowered = String(decoding: value.utf8.map(ASCII.lower), as: UTF8.self)
      #expect(memo.results[i].0 == plain.fingerprint(lowered), "\(value)")
    }
  }
}
