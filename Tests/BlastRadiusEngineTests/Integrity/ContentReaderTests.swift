import Foundation
import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport
@testable import BlastRadiusScan

/// Profiles of files read in chunks: hash, entropy, type and fill pattern.
struct ContentReaderTests {
  static func profile(_ bytes: [UInt8], chunkSize: Int = 16_384) throws -> ContentProfile {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "br-content-\(UUID().uuidString)"
    ).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { unlink(path) }
    let fd = open(path, O_RDONLY)
    defer { close(fd) }
    var st = stat()
    fstat(fd, &st)
    let reader = ContentReader(chunkSize: chunkSize)
    switch reader.profile(fd: fd, path: path, opened: st) {
    case .success(let (profile, read)):
      #expect(read == bytes.count)
      return profile
    case .failure(let error): throw error
    }
  }

  static func random(_ n: Int, seed: UInt64 = 1) -> [UInt8] {
    var x = seed
    return (0..<n).map { _ in
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: x >> 56)
    }
  }

  @Test func hashIsSHA256OfAllChunks() throws {
    // 100,003 bytes read 16 KiB at a time: the digest must be that of the whole file.
    let bytes = Self.random(100_003)
    let p = try Self.profile(bytes)
    #expect(p.sha256 == ContentReader.profile(of: bytes).sha256)
    #expect(
      try Self.profile(Array("abc".utf8)).sha256.hex
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func repeatedPatternsAcrossChunks() throws {
    #expect(try Self.profile([UInt8](repeating: 0, count: 50_000)).period == 1)
    let pattern = Array("DEADBEEF".utf8)
    let filled = (0..<10_001).flatMap { _ in pattern }
    #expect(try Self.profile(filled).period == 8)
    // A 3-byte pattern whose phase differs at each chunk start.
    let three = [UInt8]((0..<30_000).map { _ in [UInt8(1), 2, 3] }.joined())
    #expect(try Self.profile(three).period == 3)
    var broken = filled
    broken[70_000] = 0  // in the fifth chunk
    #expect(try Self.profile(broken).period == 0)
    #expect(try Self.profile(Self.random(50_000)).period == 0)
  }

  @Test func entropyOfRandomAndText() throws {
    let random = try Self.profile(Self.random(40_000))
    #expect(random.nearRandom)
    #expect(random.sampled == 3 * 4096)  // chunks of 16,384, 16,384 and 7,232 bytes
    let text = try Self.profile(
      Array(String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 900).utf8))
    #expect(!text.nearRandom)
    #expect(text.entropy > 3.5 && text.entropy < 5)
  }

  /// Random bytes of small files look random for their length, text of the same length does not,
  /// and a small file overwritten with random bytes is encrypted, not overwritten.
  @Test func smallRandomFilesAreEncrypted() throws {
    let text = Array(
      "Quarterly payroll adjustments for the Culver City office, approved by HR on 2014-11-03. "
        .utf8)
    for length in [40, 100, 300, 700, 1000] {
      var words: [UInt8] = []
      while words.count < length { words += text }
      let plain = try Self.profile(Array(words.prefix(length)))
      let noise = try Self.profile(Self.random(length))
      #expect(!plain.nearRandom, "text of \(length) bytes: \(plain.entropy)")
      #expect(noise.nearRandom, "random \(length) bytes: \(noise.entropy)")
      var before = EntryRecord(
        dir: "/t", name: "a", top: "/t", kind: .file, mode: 0o644, uid: 0, gid: 0, device: 1, inode: 1,
        links: 1, size: Int64(length), mtime: 1, ctime: 1)
      before.content = plain
      var after = before
      after.content = noise
      #expect(ChangeClassifier.classify(before: before, after: after)?.changeClass == .encrypted, "\(length)")
    }
  }

  @Test func typesFromFirstBytes() {
    func type(_ bytes: [UInt8]) -> ContentType { bytes.withUnsafeBytes { ContentType.sniff($0) } }
    var docx: [UInt8] =
      [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26) + Array("[Content_Types].xml".utf8)
    #expect(type(docx) == .ooxml)
    docx.replaceSubrange(30..., with: Array("word/document.xml".utf8))
    #expect(type(docx) == .zip)
    #expect(type(Array("%PDF-1.4\n".utf8)) == .pdf)
    #expect(type(Array("plain words\n".utf8)) == .text)
    #expect(type([]) == .empty)
    #expect(type([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]) == .png)
    #expect(type(Self.random(512)) == .binary)
  }
}
