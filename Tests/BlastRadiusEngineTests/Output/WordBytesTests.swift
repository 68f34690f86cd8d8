import Testing
@testable import BlastRadiusBase

/// The word-at-a-time byte tricks agree with the byte-by-byte ones they stand for.
struct WordBytesTests {
  /// Every byte value in every lane, its neighbours random: each byte lowercased as
  /// `ASCII.lower` lowers it, none changed by another (no carry crosses lanes).
  @Test func lowercasingAWordLowersEachByteAlone() {
    var generator = SystemRandomNumberGenerator()
    for lane in 0..<8 {
      for value in 0...255 {
        var bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[lane] = UInt8(value)
        let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let lowered = withUnsafeBytes(of: WordBytes.lowercased(word)) { Array($0) }
        #expect(lowered == bytes.map(ASCII.lower), "lane \(lane) value \(value) in \(bytes)")
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
