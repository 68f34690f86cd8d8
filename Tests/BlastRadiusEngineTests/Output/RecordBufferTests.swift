import Testing
@testable import BlastRadiusBase

/// The record buffer's shortcuts (pairs of digits, word moves for fixed text, a word-wide check
/// for bytes to escape) write what the plain ways write.
struct RecordBufferTests {
  static func written(_ body: (inout RecordBuffer) -> Void) -> String {
    var buffer = RecordBuffer(capacity: 64)
    buffer.reserve(4096)
    body(&buffer)
    return String(decoding: buffer.bytes, as: UTF8.self)
  }

  @Test func integersAsDecimal() {
    var values: [Int] = [
      0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, Int.max, Int.min, Int.min + 1, -1, -10, -99,
    ]
    var power = 1
    for _ in 0..<18 {
      power *= 10
      values += [power - 1, power, power + 1, -power, 7 * power + 3]
    }
    for v in values {
      #expect(Self.written { $0.putInt(v) } == String(v), "\(v)")
    }
  }

  /// Every number below 200,000, and at random a few thousand of each length up to twenty
  /// digits, each followed by text: the word-wide digits store bytes past the number, which
  /// what comes next must overwrite.
  @Test func integersOfEveryLengthInARecord() {
    var values = Array(0..<200_000)
    var random = SystemRandomNumberGenerator()
    var power: UInt64 = 1
    for _ in 1...19 {
      let low = power
      power = power &* 10
      let high = power > UInt64(Int.max) ? UInt64(Int.max) : power - 1
      for _ in 0..<3_000 { values.append(Int(UInt64.random(in: low...high, using: &random))) }
    }
    values += values.suffix(20_000).map { -$0 }
    // The extremes: Int.min's magnitude has no positive Int.
    values += [
      Int.max, Int.min, Int.min + 1, 9_999_999_999_999_999, 10_000_000_000_000_000, 99_999_999, 100_000_000,
    ]
    var expected = ""
    var buffer = RecordBuffer(capacity: 64)
    for chunk in stride(from: 0, to: values.count, by: 1_000) {
      buffer.removeAll()
      expected = ""
      for v in values[chunk..<min(chunk + 1_000, values.count)] {
        buffer.reserve(64)
        buffer.putInt(v)
        buffer.put(",")
        expected += "\(v),"
      }
      #expect(String(decoding: buffer.bytes, as: UTF8.self) == expected)
    }
  }

  @Test func fixedTextOfEveryLength() {
    #expect(Self.written { $0.put("") } == "")
    #expect(Self.written { $0.put("a") } == "a")
    #expect(Self.written { $0.put("abc") } == "abc")
    #expect(Self.written { $0.put("abcd") } == "abcd")
    #expect(Self.written { $0.put("abcdefg") } == "abcdefg")
    #expect(Self.written { $0.put("abcdefgh") } == "abcdefgh")
    #expect(Self.written { $0.put(",\"masked\":\"") } == ",\"masked\":\"")
    #expect(Self.written { $0.put("abcdefghijklmnop") } == "abcdefghijklmnop")
    #expect(Self.written { $0.put("\",\"fingerprint\":\"") } == "\",\"fingerprint\":\"")
    #expect(Self.written { $0.put("abcdefghijklmnopqrstuvwxyz012345") } == "abcdefghijklmnopqrstuvwxyz012345")
    #expect(
      Self.written { $0.put("abcdefghijklmnopqrstuvwxyz0123456789") }
        == "abcdefghijklmnopqrstuvwxyz0123456789")
    // Pieces one after another land where they belong.
    #expect(
      Self.written {
        $0.put("ab"); $0.put("cdefghijk"); $0.put("l"); $0.put("mnopq")
      } == "abcdefghijklmnopq")
  }

  /// Every byte value, at every place in a word and in the tail, against `JSONBuilder.string`.
  @Test func escapesAsTheBuilderDoes() {
    for b in 0...255 {
      for length in [1, 7, 8, 9, 15, 16, 17] {
        for at in 0..<length {
          var bytes = [UInt8](repeating: 0x61, count: length)
          bytes[at] = UInt8(b)
          let plain = b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F
          #expect(bytes.withUnsafeBytes { RecordBuffer.isPlain($0) } == plain, "\(b) at \(at) of \(length)")
          if b < 0x80 {
            var json = JSONBuilder()
            json.string(String(decoding: bytes, as: UTF8.self))
            let inner = String(decoding: json.bytes.dropFirst().dropLast(), as: UTF8.self)
            #expect(Self.written { w in bytes.withUnsafeBytes { w.putEscaped($0) } } == inner)
          }
        }
      }
    }
  }
}
