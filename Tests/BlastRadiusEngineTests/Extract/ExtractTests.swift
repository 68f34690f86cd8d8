import CByteScan
import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity

struct EncodingSnifferTests {
  static func sniff(_ bytes: [UInt8]) -> (TextEncoding, Int) {
    bytes.withUnsafeBytes {
      let r = EncodingSniffer.sniff($0); return (r.encoding, r.bom)
    }
  }

  @Test func byteOrderMarks() {
    #expect(Self.sniff([0xEF, 0xBB, 0xBF, 0x41]) == (.utf8, 3))
    #expect(Self.sniff([0xFF, 0xFE, 0x41, 0]) == (.utf16LE, 2))
    #expect(Self.sniff([0xFE, 0xFF, 0, 0x41]) == (.utf16BE, 2))
  }

  @Test func utf16WithoutBOM() {
    let le = Array("SSN 123-45-6789\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(Self.sniff(le) == (.utf16LE, 0))
    let be = Array("SSN 123-45-6789\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(Self.sniff(be) == (.utf16BE, 0))
  }

  @Test func zerosInABinaryBlobAreNotUTF16() {
    // Short or binary data with zeros in every other byte: not text.
    #expect(Self.sniff([0x00, 0x01, 0x00, 0x02, 0x00, 0x03]).0 == .binary)
    #expect(Self.sniff((0..<64).flatMap { [UInt8(0), UInt8($0 % 7 + 1)] }).0 == .binary)
  }

  @Test func binaryLatinAndUTF8() {
    #expect(Self.sniff([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1]).0 == .binary)
    #expect(Self.sniff(Array("naïve café".utf8)).0 == .utf8)
    #expect(Self.sniff([0x63, 0x61, 0x66, 0xE9, 0x20, 0x41]).0 == .windows1252)
  }
}

struct UTF16NarrowerTests {
  @Test func asciiStaysOthersBecomePlaceholders() {
    let units: [UInt16] = [0x53, 0xE9, 0xD83D, 0xDE00, 0x31]
    let bytes = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    var out = [UInt8](repeating: 0, count: 5)
    var narrower = UTF16Narrower(bigEndian: false)
    let n = bytes.withUnsafeBytes { src in
      out.withUnsafeMutableBytes { narrower.narrow(src, into: $0.baseAddress!) }
    }
    narrower.finish()
    #expect(n == 5)
    #expect(out == [0x53, 0x80, 0x80, 0x80, 0x31])
    #expect(narrower.firstInvalidUnit == nil)
  }

  @Test func unpairedSurrogateIsReported() {
    let bytes: [UInt8] = [0x41, 0, 0x00, 0xD8, 0x42, 0]  // A, lone high surrogate, B
    var out = [UInt8](repeating: 0, count: 3)
    var narrower = UTF16Narrower(bigEndian: false)
    _ = bytes.withUnsafeBytes { src in
      out.withUnsafeMutableBytes { narrower.narrow(src, into: $0.baseAddress!) }
    }
    narrower.finish()
    #expect(narrower.firstInvalidUnit == 1)
  }
}

/// The vector and the portable code, each against a plain count (serialized: the switch between
/// them is process-wide).
@Suite(.serialized)
struct ByteCounterTests {
  @Test(arguments: [false, true])
  func countsAtEveryLengthAndAlignment(portable: Bool) {
    br_byte_scan_force_portable(portable ? 1 : 0)
    defer { br_byte_scan_force_portable(0) }
    let storage = (0..<400).map { UInt8($0 % 7 == 0 ? 0x0A : ($0 % 5 == 0 ? 0x8A : 0x41)) }
    storage.withUnsafeBytes { all in
      for offset in 0..<8 {
        for n in 0..<(400 - offset) where n < 140 || n % 61 == 0 {
          let slice = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + n)])
          #expect(ByteCounter.count(0x0A, in: slice) == slice.filter { $0 == 0x0A }.count)
          #expect(ByteCounter.count(0x8A, in: slice) == slice.filter { $0 == 0x8A }.count)
        }
      }
    }
    let many = [UInt8](repeating: 0x0A, count: 20_000)
    #expect(many.withUnsafeBytes { ByteCounter.count(0x0A, in: $0) } == 20_000)
    #expect(many.withUnsafeBytes { ByteCounter.count(0x41, in: $0) } == 0)
  }
}
