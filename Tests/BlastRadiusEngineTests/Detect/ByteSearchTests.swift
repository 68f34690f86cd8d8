import Testing

@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity

struct ByteSearchTests {
  @Test func findsWithinBounds() {
    let text = Array("ab-----END RSA-----x-----".utf8)
    #expect(ByteSearch.find(Array("-----".utf8), in: text) == 2)
    #expect(text.withUnsafeBytes { ByteSearch.find(Array("-----".utf8), in: $0, from: 3) } == 14)
    // The last occurrence ends exactly at the end; a bound that cuts it finds nothing.
    #expect(text.withUnsafeBytes { ByteSearch.find(Array("-----".utf8), in: $0, from: 15) } == 20)
    #expect(text.withUnsafeBytes { ByteSearch.find(Array("-----".utf8), in: $0, from: 15, to: 24) } == nil)
    #expect(ByteSearch.find(Array("END".utf8), in: Array("EN".utf8)) == nil)
    #expect(ByteSearch.find([], in: text) == nil)
    #expect(ByteSearch.contains(Array("AKIAIOSFODNN7EXAMPLE".utf8), Array("EXAMPLE".utf8)))
  }

  @Test func firstAndLastByte() {
    let text = Array("ab\ncd\nef".utf8)
    text.withUnsafeBytes { b in
      #expect(ByteSearch.firstIndex(of: 0x0A, in: b, from: 0) == 2)
      #expect(ByteSearch.firstIndex(of: 0x0A, in: b, from: 3) == 5)
      #expect(ByteSearch.firstIndex(of: 0x0A, in: b, from: 6) == nil)
      #expect(ByteSearch.firstIndex(of: 0x0A, in: b, from: 8) == nil)
      #expect(ByteSearch.lastIndex(of: 0x0A, in: b, before: 8) == 5)
      #expect(ByteSearch.lastIndex(of: 0x0A, in: b, before: 5) == 2)
      #expect(ByteSearch.lastIndex(of: 0x0A, in: b, before: 2) == nil)
      #expect(ByteSearch.lastIndex(of: 0x0A, in: b, before: 0) == nil)
      #expect(PersonRecord.lineBounds(of: 4, in: b) == 3..<5)
      #expect(PersonRecord.lineBounds(of: 0, in: b) == 0..<2)
      #expect(PersonRecord.lineBounds(of: 8, in: b) == 6..<8)
      #expect(PersonRecord.lineBounds(of: 5, in: b) == 3..<5)
    }
  }
}
