import Testing

@testable import BlastRadiusCore

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
}
