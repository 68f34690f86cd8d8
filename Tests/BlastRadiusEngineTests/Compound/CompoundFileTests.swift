import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusExtract
import SynthFormats

/// The compound-file reader on files built byte by byte: streams found by name in storages,
/// small ones through the mini stream; damaged chains and sizes are clear errors, never a hang.
struct CompoundFileTests {
  static let budget = ExtractionBudget(limits: ExtractionLimits(), fileSize: 1 << 20)
  static let large = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) }

  static func sample() -> (bytes: [UInt8], starts: [String: Int]) {
    CompoundFileWriter.make([
      .stream("Small", Array("small stream".utf8)),
      .storage("Folder", [.stream("Large", large), .stream("Inner", Array("inner".utf8))]),
    ])
  }

  /// Points FAT entry `sector` at `next` (the FAT is sector 0 of these files).
  static func patchFAT(_ bytes: inout [UInt8], sector: Int, next: Int) {
    for k in 0..<4 { bytes[512 + 4 * sector + k] = UInt8(truncatingIfNeeded: next >> (8 * k)) }
  }

  @Test func streamsByNameFromTheMiniStreamAndRegularSectors() throws {
    var file = try CompoundFile(Self.sample().bytes, budget: Self.budget)
    #expect(file.children[0].map { file.entries[$0].name } == ["Small", "Folder"])
    let folder = try #require(file.child("folder"))
    #expect(file.children[folder].map { file.entries[$0].name } == ["Large", "Inner"])
    #expect(try file.stream(named: "Small") == Array("small stream".utf8))
    #expect(try file.stream(named: "Large", in: folder) == Self.large)
    #expect(try file.stream(named: "Inner", in: folder) == Array("inner".utf8))
    #expect(try file.stream(named: "Missing") == nil)
  }

  @Test func aLoopInTheFATIsCorrupt() throws {
    var (bytes, starts) = Self.sample()
    let start = try #require(starts["Large"])
    Self.patchFAT(&bytes, sector: start + 2, next: start)
    var file = try CompoundFile(bytes, budget: Self.budget)
    let folder = try #require(file.child("Folder"))
    #expect(throws: CompoundFileError(.corrupt, "a sector chain loops at sector \(start)")) {
      try file.stream(named: "Large", in: folder)
    }
  }

  @Test func aSectorPastTheEndIsCorrupt() throws {
    var (bytes, starts) = Self.sample()
    let start = try #require(starts["Large"])
    Self.patchFAT(&bytes, sector: start + 1, next: 100_000)
    var file = try CompoundFile(bytes, budget: Self.budget)
    let folder = try #require(file.child("Folder"))
    #expect(throws: CompoundFileError(.corrupt, "sector 100000 is past the end of the file")) {
      try file.stream(named: "Large", in: folder)
    }
  }

  @Test func aLoopInTheDirectoryChainIsCorrupt() throws {
    var bytes = Self.sample().bytes
    // The directory starts at sector 1, right after the FAT: make it its own successor.
    Self.patchFAT(&bytes, sector: 1, next: 1)
    #expect(throws: CompoundFileError(.corrupt, "a sector chain loops at sector 1")) {
      try CompoundFile(bytes, budget: Self.budget)
    }
  }

  @Test func damagedHeadersAreCorrupt() {
    var bytes = Self.sample().bytes
    #expect(throws: CompoundFileError(.corrupt, "not a compound file (no OLE2 header)")) {
      try CompoundFile(Array(bytes.prefix(300)), budget: Self.budget)
    }
    bytes[30] = 20  // sectors of 2^20 bytes
    #expect(throws: CompoundFileError(.corrupt, "unknown version 3 with sectors of 2^20 bytes")) {
      try CompoundFile(bytes, budget: Self.budget)
    }
  }

  @Test func streamReadsCountAgainstTheExtractionLimits() throws {
    var limits = ExtractionLimits()
    limits.maxTotalBytes = 4096
    var file = try CompoundFile(
      Self.sample().bytes, budget: ExtractionBudget(limits: limits, fileSize: 1 << 20))
    let folder = try #require(file.child("Folder"))
    #expect(throws: CompoundFileError(.limitExceeded, "expanded beyond 4096 bytes (--max-total-bytes)")) {
      try file.stream(named: "Large", in: folder)
    }
  }

  /// The example of the compressed-RTF specification (MS-OXRTFCP), decoded byte for byte: two
  /// dictionary references into the initial text, literals, and the end marker.
  @Test func compressedRTFSpecificationExample() {
    let compressed: [UInt8] = [
      0x2D, 0x00, 0x00, 0x00, 0x2B, 0x00, 0x00, 0x00, 0x4C, 0x5A, 0x46, 0x75, 0xF1, 0xC5, 0xC7, 0xA7,
      0x03, 0x00, 0x0A, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0A, 0xF3, 0x20,
      0x68, 0x65, 0x6C, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xB0, 0x6C, 0x64, 0x7D, 0x0A, 0x80, 0x0F,
      0xA0,
    ]
    #expect(CompressedRTF.prebuffer.count == 207)
    let rtf = CompressedRTF.decompress(compressed, limit: 1 << 20)
    #expect(rtf == Array("{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n".utf8))
    #expect(RTFText.text(rtf ?? []) == Array("hello world".utf8))
  }

  @Test func rtfTextSkipsTablesAndDecodesEscapes() {
    let rtf =
      #"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\*\generator x;}\pard Caf\'e9 SSN\~123-45-6789\par \u8364?5\par}"#
    #expect(String(decoding: RTFText.text(Array(rtf.utf8)), as: UTF8.self) == "Café SSN 123-45-6789\n€5\n")
  }
}
