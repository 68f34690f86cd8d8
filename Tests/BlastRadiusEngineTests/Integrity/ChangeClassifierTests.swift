import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport

/// Classes from pairs of records, one rule at a time.
struct ChangeClassifierTests {
  static func file(
    _ name: String = "a.txt", size: Int64 = 8192, content: ContentProfile? = profile(1, entropy: 4.5)
  ) -> EntryRecord {
    var e = EntryRecord(
      dir: "/t/docs", name: name, top: "/t/docs", kind: .file, mode: 0o644, uid: 0, gid: 0, device: 1,
      inode: 10,
      links: 1, size: size, mtime: 100, ctime: 100)
    e.content = content
    return e
  }

  static func profile(_ hash: UInt64, entropy: Double, type: ContentType = .text, period: Int = 0)
    -> ContentProfile
  {
    ContentProfile(
      sha256: ContentDigest(word0: hash, word1: 0, word2: 0, word3: 0), entropy: entropy, sampled: 8192,
      type: type,
      period: period)
  }

  static func classify(_ a: EntryRecord?, _ b: EntryRecord?) -> (ChangeClass, [String])? {
    ChangeClassifier.classify(before: a, after: b).map { ($0.changeClass, $0.fields) }
  }

  @Test func sameRecordIsNoChange() {
    #expect(Self.classify(Self.file(), Self.file()) == nil)
  }

  @Test func timesOnlyIsMetadata() {
    var touched = Self.file()
    touched.mtime = 200
    touched.ctime = 200
    #expect(Self.classify(Self.file(), touched)! == (.metadata, ["mtime", "ctime"]))
  }

  @Test func folderTimesAndLinksAreNotChanges() {
    var dir = Self.file()
    dir.kind = .directory
    dir.content = nil
    var later = dir
    later.mtime = 300
    later.ctime = 300
    later.links = 4
    #expect(Self.classify(dir, later) == nil)
    later.mode = 0o700
    #expect(Self.classify(dir, later)! == (.metadata, ["mode"]))
  }

  @Test func contentClasses() {
    let text = Self.file()
    var after = text
    after.content = Self.profile(2, entropy: 0, type: .binary, period: 1)
    #expect(Self.classify(text, after)!.0 == .wiped)
    after.content = Self.profile(2, entropy: 7.98, type: .binary)
    #expect(Self.classify(text, after)! == (.encrypted, ["content"]))
    after.content = Self.profile(2, entropy: 4.6)
    #expect(Self.classify(text, after)! == (.overwritten, ["content"]))
    after.size = 9000
    #expect(Self.classify(text, after)! == (.modified, ["content", "size"]))
  }

  @Test func randomOverRandomIsOverwrittenNotEncrypted() {
    let blob = Self.file(content: Self.profile(1, entropy: 7.98, type: .binary))
    var after = blob
    after.content = Self.profile(2, entropy: 7.97, type: .binary)
    #expect(Self.classify(blob, after)!.0 == .overwritten)
  }

  @Test func signatureReplacedByUnknownBytesIsEncrypted() {
    // A compressed document is near-random already: the lost signature tells.
    let docx = Self.file(content: Self.profile(1, entropy: 7.9, type: .ooxml))
    var after = docx
    after.content = Self.profile(2, entropy: 7.95, type: .binary)
    #expect(Self.classify(docx, after)!.0 == .encrypted)
    after.content = Self.profile(2, entropy: 7.95, type: .zip)
    #expect(Self.classify(docx, after)!.0 == .overwritten)
  }

  @Test func smallSamplesNeverLookRandom() {
    var p = Self.profile(1, entropy: 7.9)
    p.sampled = ContentProfile.minimumSample - 1
    #expect(!p.nearRandom)
    p.sampled = 4096
    #expect(p.nearRandom)
    p.entropy = 7.7
    #expect(!p.nearRandom)
  }

  /// Random data of a given length reaches only so much entropy: the expectation is exact for
  /// one byte value repeated never (n = 2) and close to 8 bits for long samples.
  @Test func randomEntropyByLength() {
    #expect(abs(ContentProfile.randomEntropy(2) - (1 - 1.0 / 256)) < 1e-9)
    #expect(abs(ContentProfile.randomEntropy(1 << 16) - 7.997) < 0.001)
    #expect(abs(ContentProfile.randomEntropy(64) - 5.7657) < 0.001)
    #expect(abs(ContentProfile.randomEntropy(1024) - 7.8088) < 0.001)
  }

  @Test func addedRemovedMovedTypeChanged() {
    #expect(Self.classify(nil, Self.file())!.0 == .added)
    #expect(Self.classify(Self.file(), nil)!.0 == .removed)
    var renamed = Self.file("b.txt")
    renamed.ctime = 300
    #expect(Self.classify(Self.file(), renamed)! == (.moved, ["ctime"]))
    var link = Self.file()
    link.kind = .symlink
    link.content = nil
    #expect(Self.classify(Self.file(), link)! == (.typeChanged, ["type"]))
    var retargeted = link
    link.target = "x"
    retargeted.target = "y"
    #expect(Self.classify(link, retargeted)! == (.modified, ["target"]))
  }

  @Test func unreadableFileIsJudgedBySizeOnly() {
    var unreadable = Self.file()
    unreadable.content = nil
    #expect(Self.classify(Self.file(), unreadable) == nil)
    unreadable.size = 1
    #expect(Self.classify(Self.file(), unreadable)! == (.modified, ["content", "size"]))
  }
}
