import Foundation
import Testing

/// Archives and compressed files: members are scanned as files, `within` says where, and hostile
/// containers stop within their limits with an error record.
struct ContainerTests {
  static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

  /// `(within chain) detector line:column masked`, for exact comparison.
  func describe(_ fixture: Fixture, _ findings: [[String: Any]]) -> Set<String> {
    Set(
      findings.map { f in
        let path = (f["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
        let within = (f["within"] as! [String]).joined(separator: " > ")
        return "\(path) [\(within)] \(f["detector"]!) \(f["line"]!):\(f["column"]!) \(f["masked"]!)"
      })
  }

  func errors(_ fixture: Fixture, _ result: CLI.Result) -> Set<String> {
    Set(
      result.errors.map { e in
        let path = (e["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
        return "\(e["code"]!) \(path) [\((e["within"] as! [String]).joined(separator: " > "))]"
      })
  }

  @Test func nestedZipsThreeLevelsDeep() throws {
    let fixture = try Fixture()
    let inner = try ArchiveFixture.make(
      .zip, entries: [("terminations/term_list.csv", Self.text("name,ssn\nAnn,123456789\n"))])
    let middle = try ArchiveFixture.make(
      .zip, entries: [("old/2012_archive.zip", inner), ("readme.txt", Self.text("nothing\n"))])
    let outer = try ArchiveFixture.make(
      .zip, entries: [("nested/level2.zip", middle), ("top.txt", Self.text("SSN: 234-56-7890\n"))])
    try fixture.write("backup.zip", outer)
    let result = try fixture.scan()
    #expect(result.status == 1)
    #expect(
      describe(fixture, result.findings) == [
        "backup.zip [nested/level2.zip > old/2012_archive.zip > terminations/term_list.csv] us_ssn 2:5 *****6789",
        // The name in the SSN's row, which makes it one person's.
        "backup.zip [nested/level2.zip > old/2012_archive.zip > terminations/term_list.csv] person_name 2:1 A.",
        "backup.zip [top.txt] us_ssn 1:6 ***-**-7890",
      ])
    #expect((result.summary["containers"] as! [String: Int]) == ["zip": 3])
    #expect(result.summary["members"] as? Int == 5)  // every member read, the two inner zips included
    #expect(result.summary["files"] as? Int == 1)
    #expect(result.errors.isEmpty)
  }

  @Test func utf16CSVInsideZip() throws {
    let fixture = try Fixture()
    let csv = "name,ssn\r\nAnn,123-45-6789\r\n"
    let utf16: [UInt8] = [0xFF, 0xFE] + Array(csv.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    try fixture.write("hr.zip", try ArchiveFixture.make(.zip, entries: [("census.csv", utf16)]))
    let result = try fixture.scan()
    #expect(
      describe(fixture, result.findings) == [
        "hr.zip [census.csv] us_ssn 2:5 ***-**-6789", "hr.zip [census.csv] person_name 2:1 A.",
      ])
    #expect(result.findings.first { $0["detector"] as? String == "us_ssn" }?["offset"] as? Int == 2 + 2 * 14)
    #expect(
      result.findings.first { $0["detector"] as? String == "person_name" }?["offset"] as? Int == 2 + 2 * 10)
  }

  @Test func tarCompressedAndLoneCompressedFiles() throws {
    let fixture = try Fixture()
    let entries = [
      ("a.txt", Self.text("SSN: 123-45-6789\n")), ("b/c.log", Self.text("x\nDOB: 03/05/1980\n")),
    ]
    try fixture.write("one.tar.gz", try ArchiveFixture.make(.tar, filter: .gzip, entries: entries))
    try fixture.write("two.tar.bz2", try ArchiveFixture.make(.tar, filter: .bzip2, entries: entries))
    try fixture.write("three.tar.xz", try ArchiveFixture.make(.tar, filter: .xz, entries: entries))
    try fixture.write("four.7z", try ArchiveFixture.make(.sevenZip, entries: entries))
    try fixture.write(
      "app.log.gz",
      try ArchiveFixture.make(.raw, filter: .gzip, entries: [("data", Self.text("SSN 234-56-7890\n"))]))
    let result = try fixture.scan()
    var expected: Set<String> = ["app.log.gz [app.log] us_ssn 1:5 ***-**-7890"]
    for name in ["one.tar.gz", "two.tar.bz2", "three.tar.xz", "four.7z"] {
      expected.insert("\(name) [a.txt] us_ssn 1:6 ***-**-6789")
      expected.insert("\(name) [b/c.log] date_of_birth 2:6 **/**/1980")
    }
    #expect(describe(fixture, result.findings) == expected)
    #expect((result.summary["containers"] as! [String: Int]) == ["gzip": 2, "bzip2": 1, "xz": 1, "7z": 1])
    #expect(result.errors.isEmpty)
  }

  @Test func compressedTextIsNotMistakenForAnArchive() throws {
    let fixture = try Fixture()
    let changelog = """
      python3-example (1.0-1) unstable; urgency=medium

        * New upstream release; see SSN 123-45-6789 in the test data.

       -- Maintainer <maintainer@example.org>  Mon, 01 Jan 2024 00:00:00 +0000

      """
    try fixture.write(
      "changelog.gz", try ArchiveFixture.make(.raw, filter: .gzip, entries: [("data", Self.text(changelog))]))
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(describe(fixture, result.findings) == ["changelog.gz [changelog] us_ssn 3:35 ***-**-6789"])
    #expect(result.errors.isEmpty)
  }

  @Test func encryptedMembersAreReportedOthersScanned() throws {
    let fixture = try Fixture()
    let secret = try ArchiveFixture.make(
      .zip, entries: [("payroll.csv", Self.text("ssn\n123456789\n"))], password: "hunter2")
    try fixture.write("locked.zip", secret)
    try fixture.write(
      "open.zip", try ArchiveFixture.make(.zip, entries: [("a.txt", Self.text("SSN: 123-45-6789\n"))]))
    let result = try fixture.scan()
    #expect(describe(fixture, result.findings) == ["open.zip [a.txt] us_ssn 1:6 ***-**-6789"])
    #expect(errors(fixture, result) == ["encrypted locked.zip [payroll.csv]"])
    #expect(result.summary["complete"] as? Bool == false)
  }

  @Test func truncatedZipKeepsWhatCameBefore() throws {
    let fixture = try Fixture()
    let filler = Array(String(repeating: "lorem ipsum dolor sit amet\n", count: 4000).utf8)
    let zip = try ArchiveFixture.make(
      .zip,
      entries: [
        ("first.txt", Self.text("SSN: 123-45-6789\n")),
        ("second.txt", filler + Self.text("SSN: 234-56-7890\n")),
      ])
    try fixture.write("cut.zip", Array(zip[0..<(zip.count / 2)]))
    let result = try fixture.scan()
    #expect(describe(fixture, result.findings) == ["cut.zip [first.txt] us_ssn 1:6 ***-**-6789"])
    let codes = Set(result.errors.map { $0["code"] as! String })
    #expect(codes == ["corrupt"])
    #expect(result.summary["complete"] as? Bool == false)
  }

  @Test(arguments: [UInt8(0x30), 0x00])
  func archiveBombStopsWithinTheLimits(fill: UInt8) throws {
    let fixture = try Fixture()
    // 42.zip in small: 64 MiB of one byte (text "0" or binary NUL), nested three levels 16 wide:
    // 256 GiB if fully expanded.
    var level = try ArchiveFixture.make(
      .zip, entries: [("zeros.bin", [UInt8](repeating: fill, count: 64 << 20))])
    for depth in 0..<3 {
      level = try ArchiveFixture.make(.zip, entries: (0..<16).map { ("layer\(depth)-\($0).zip", level) })
    }
    try fixture.write("42.zip", level)
    let result = try fixture.scan()
    // Stopped inside the first member: far less read than even one member's 64 MiB.
    let read = result.summary["bytes"] as? Int ?? .max
    #expect(read < 32 << 20, "read \(read) bytes")
    let limits = result.errors.filter { $0["code"] as? String == "limit_exceeded" }
    #expect(limits.count == 1)
    #expect((limits.first?["message"] as? String)?.contains("--max-ratio") == true)
    #expect(result.summary["complete"] as? Bool == false)
  }

  @Test func depthAndMemberLimits() throws {
    let fixture = try Fixture()
    let inner = try ArchiveFixture.make(.zip, entries: [("deep.txt", Self.text("SSN: 123-45-6789\n"))])
    let outer = try ArchiveFixture.make(
      .zip, entries: [("inner.zip", inner), ("a.txt", Self.text("SSN: 234-56-7890\n"))])
    try fixture.write("n.zip", outer)
    let shallow = try fixture.scan(["--max-depth", "1"])
    #expect(describe(fixture, shallow.findings) == ["n.zip [a.txt] us_ssn 1:6 ***-**-7890"])
    #expect(errors(fixture, shallow) == ["limit_exceeded n.zip [inner.zip]"])
    let few = try fixture.scan(["--max-members", "1"])
    #expect(
      errors(fixture, few) == ["limit_exceeded n.zip []"]
        || errors(fixture, few) == ["limit_exceeded n.zip [inner.zip]"])
  }

  @Test func traversalNamesAreOnlyNames() throws {
    let fixture = try Fixture()
    let target = fixture.root.appendingPathComponent("escaped.txt")
    try fixture.write(
      "evil.zip",
      try ArchiveFixture.make(.zip, entries: [("../../escaped.txt", Self.text("SSN: 123-45-6789\n"))]))
    let result = try fixture.scan()
    #expect(describe(fixture, result.findings) == ["evil.zip [../../escaped.txt] us_ssn 1:6 ***-**-6789"])
    #expect(!FileManager.default.fileExists(atPath: target.path))
  }
}

/// Damage in the middle of a zip, and file kinds that cannot be read: each is an error record, and
/// everything readable around them is still scanned.
struct DamagedContainerTests {
  @Test func corruptMemberInTheMiddle() throws {
    let fixture = try Fixture()
    let filler = Array(String(repeating: "lorem ipsum dolor sit amet 0123456789\n", count: 3000).utf8)
    var zip = try ArchiveFixture.make(
      .zip,
      entries: [
        ("first.txt", Array("SSN: 123-45-6789\n".utf8)), ("middle.txt", filler),
        ("last.txt", Array("SSN: 234-56-7890\n".utf8)),
      ])
    // Overwrite bytes inside the middle member's compressed data.
    let marker = Array("middle.txt".utf8)
    let at = (0..<(zip.count - marker.count)).first { Array(zip[$0..<($0 + marker.count)]) == marker }!
    for i in (at + 40)..<(at + 90) { zip[i] ^= 0x5A }
    try fixture.write("damaged.zip", zip)
    let result = try fixture.scan()
    let found = Set(result.findings.map { ($0["within"] as! [String]).joined() })
    #expect(found.contains("first.txt"))
    #expect(found.contains("last.txt"))
    #expect(Set(result.errors.map { $0["code"] as! String }) == ["corrupt"])
    #expect(result.errors.allSatisfy { ($0["within"] as! [String]) == ["middle.txt"] })
  }

  @Test func damagedCompoundFilesAreReported() throws {
    let fixture = try Fixture()
    // The OLE2 signature and nothing else of a compound file's header.
    let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
    let path = try fixture.write("payroll.xls", ole)
    let result = try fixture.scan()
    #expect(
      result.errors.map { "\($0["code"]!) \($0["path"]!) \($0["message"]!)" } == [
        "corrupt \(path) ole2: bad byte order mark in the header"
      ])
    #expect(result.summary["complete"] as? Bool == false)
  }
}
