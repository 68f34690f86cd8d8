import Foundation
import Testing

/// `blastradius scan` on trees the tests build: exact findings, exact error records, exit codes.
struct ScanCommandTests {
  @Test func exactFindingsInPlainText() throws {
    let fixture = try Fixture()
    try fixture.write(
      "notes.txt",
      """
      Employee SSN: 123-45-6789
      bare 234567890 without a label
      SSN 345678901
      Invoice 456-78-9012
      masked ***-**-6789 and XXX-XX-1234
      void 078-05-1120, 666-12-3456, 900-12-3456
      Order #: 567890123

      """)
    let result = try fixture.scan()
    #expect(result.status == 1)
    #expect(
      fixture.describe(result.findings) == [
        "notes.txt us_ssn 1:15 ***-**-6789",
        "notes.txt us_ssn 3:5 *****8901",
      ])
  }

  @Test func utf16AndCRLF() throws {
    let fixture = try Fixture()
    let text = "Name: Ann\r\nSSN: 123-45-6789\r\n"
    try fixture.write(
      "le.txt", [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    try fixture.write("be.txt", Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    try fixture.write(
      "crlf.csv", "name,ssn,dob\r\nAnn,234567890,01/02/1970\r\nBob,345-67-8901,1980-12-31\r\n")
    let result = try fixture.scan()
    #expect(
      fixture.describe(result.findings) == [
        "le.txt us_ssn 2:6 ***-**-6789",
        "be.txt us_ssn 2:6 ***-**-6789",
        "crlf.csv us_ssn 2:5 *****7890",
        "crlf.csv date_of_birth 2:15 **/**/1970",
        "crlf.csv us_ssn 3:5 ***-**-8901",
        "crlf.csv date_of_birth 3:17 ****-12-31",
        // Each record's name, which links its values to one person.
        "le.txt person_name 1:7 A.", "be.txt person_name 1:7 A.",
        "crlf.csv person_name 2:1 A.", "crlf.csv person_name 3:1 B.",
      ])
    // Offsets are file bytes: a BOM and two bytes per UTF-16 code unit.
    let offsets = Dictionary(
      uniqueKeysWithValues: result.findings.filter {
        ($0["path"] as! String).hasSuffix("e.txt") && $0["detector"] as? String == "us_ssn"
      }.map {
        (($0["path"] as! String).components(separatedBy: "/").last!, $0["offset"] as! Int)
      })
    #expect(offsets == ["le.txt": 2 + 2 * 16, "be.txt": 2 * 16])
    let encodings = result.summary["encodings"] as! [String: Int]
    #expect(encodings == ["utf-16le": 1, "utf-16be": 1, "utf-8": 1])
  }

  @Test func valuesAcrossChunkBoundariesAreFoundOnce() throws {
    let fixture = try Fixture()
    // Values placed every 61 bytes through 40 KiB, read 64 bytes at a time and at the default.
    var text = ""
    var expected: Set<String> = []
    var line = 1
    while text.utf8.count < 40_000 {
      let serial = 1000 + line
      let row = String(repeating: "0", count: 4 - String(line).count) + String(line)
      text += "row \(row) padding padding SSN: 123-45-\(serial)\n"
      expected.insert("big.txt us_ssn \(line):31 ***-**-\(serial)")
      line += 1
    }
    try fixture.write("big.txt", text)
    for chunk in [["--chunk-size", "64"], ["--chunk-size", "4096"], []] {
      let result = try fixture.scan(chunk)
      let found = fixture.describe(result.findings)
      #expect(result.findings.count == expected.count, "\(chunk)")
      #expect(found.subtracting(expected).sorted().prefix(5) == [], "\(chunk)")
      #expect(expected.subtracting(found).sorted().prefix(5) == [], "\(chunk)")
    }
  }

  @Test func binaryFilesAreSkippedUnlessAsked() throws {
    let fixture = try Fixture()
    try fixture.write(
      "blob.bin", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 0] + Array(" SSN: 123-45-6789 ".utf8) + [0, 0])
    let skipped = try fixture.scan()
    #expect(skipped.status == 0)
    #expect(skipped.findings.isEmpty)
    #expect((skipped.summary["skipped"] as! [String: Int]) == ["binary": 1])
    let scanned = try fixture.scan(["--binary"])
    #expect(fixture.describe(scanned.findings) == ["blob.bin us_ssn 1:15 ***-**-6789"])
  }

  @Test func unreadableFilesAndFoldersAreErrorRecords() throws {
    let fixture = try Fixture()
    try fixture.write("ok.txt", "SSN: 123-45-6789\n")
    let secret = try fixture.write("locked.txt", "SSN: 234-56-7890\n")
    let folder = try fixture.write("closed/inner.txt", "SSN: 345-67-8901\n")
    chmod(secret, 0)
    let closedDir = (folder as NSString).deletingLastPathComponent
    chmod(closedDir, 0)
    defer { chmod(closedDir, 0o755) }
    // Root reads everything, so the scan runs as an unprivileged user when the tests are root.
    let user = geteuid() == 0 ? "65534" : nil
    let result = try fixture.scan(asUser: user)
    #expect(result.status == 1)
    #expect(fixture.describe(result.findings) == ["ok.txt us_ssn 1:6 ***-**-6789"])
    let errors = Set(result.errors.map { "\($0["code"]!) \($0["path"]!)" })
    #expect(errors == ["permission_denied \(secret)", "permission_denied \(closedDir)"])
    #expect(result.summary["complete"] as? Bool == false)
    #expect(result.summary["errors"] as? Int == 2)
  }

  @Test func malformedUTF16IsReportedAndStillScanned() throws {
    let fixture = try Fixture()
    var units = Array("SSN: 123-45-6789 ".utf16)
    units.append(0xD800)  // a lone high surrogate
    units += Array("x\n".utf16)
    let path = try fixture.write(
      "bad.txt", [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    let result = try fixture.scan()
    #expect(fixture.describe(result.findings) == ["bad.txt us_ssn 1:6 ***-**-6789"])
    #expect(result.errors.map { "\($0["code"]!) \($0["path"]!)" } == ["bad_encoding \(path)"])
    #expect(
      result.errors.first?["message"] as? String == "malformed utf-16le (unpaired surrogate) at byte 36")
  }

  @Test func symlinksExcludesAndLoops() throws {
    let fixture = try Fixture()
    try fixture.write("a/one.txt", "SSN: 123-45-6789\n")
    try fixture.write("skip/two.txt", "SSN: 234-56-7890\n")
    try fixture.write("logs/three.log", "SSN: 345-67-8901\n")
    let outside = fixture.root.appendingPathComponent("outside.txt")
    try "SSN: 456-78-9012\n".write(to: outside, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: fixture.tree.appendingPathComponent("a/link.txt").path, withDestinationPath: outside.path)
    try FileManager.default.createSymbolicLink(
      atPath: fixture.tree.appendingPathComponent("a/loop").path, withDestinationPath: fixture.tree.path)
    mkfifo(fixture.tree.appendingPathComponent("a/pipe").path, 0o644)

    let plain = try fixture.scan(["--exclude", "skip", "--exclude", "*.log"])
    #expect(fixture.describe(plain.findings) == ["a/one.txt us_ssn 1:6 ***-**-6789"])
    #expect((plain.summary["skipped"] as! [String: Int]) == ["excluded": 2, "symlink": 2, "special": 1])

    let followed = try fixture.scan(["--follow-symlinks"])
    #expect(
      fixture.describe(followed.findings) == [
        "a/one.txt us_ssn 1:6 ***-**-6789", "skip/two.txt us_ssn 1:6 ***-**-7890",
        "logs/three.log us_ssn 1:6 ***-**-8901", "a/link.txt us_ssn 1:6 ***-**-9012",
      ])
    #expect(followed.findings.count == 4)
  }

  @Test func exitCodes() throws {
    let fixture = try Fixture()
    try fixture.write("clean.txt", "nothing to see here\n")
    #expect(try fixture.scan().status == 0)
    try fixture.write("dirty.txt", "SSN: 123-45-6789\n")
    #expect(try fixture.scan().status == 1)
    #expect(try fixture.scan(["--min-confidence", "extreme"]).status == 2)
    #expect(try fixture.scan(paths: [fixture.root.appendingPathComponent("missing").path]).status == 2)
    #expect(try CLI.run("blastradius", ["scan", "--no-such-flag", fixture.tree.path]).status == 2)
  }

  @Test func outputFileIsPrivate() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", "SSN: 123-45-6789\n")
    let out = fixture.root.appendingPathComponent("out.jsonl").path
    let result = try fixture.scan(["--reveal", "--output", out])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    var st = stat()
    stat(out, &st)
    #expect(st.st_mode & 0o777 == 0o600)
    #expect(try String(contentsOfFile: out, encoding: .utf8).contains("\"value\":\"123-45-6789\""))
  }

  @Test func tableFormat() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", "SSN: 123-45-6789\nSSN: 123-45-6789\n")
    let result = try CLI.run(
      "blastradius", ["scan", fixture.tree.path, "--format", "table", "--key-file", fixture.key.path])
    #expect(result.status == 1)
    #expect(result.stdout.contains("BlastRadius scan complete"))
    #expect(result.stdout.contains("us_ssn"))
    let row = result.stdout.split(separator: "\n").first { $0.hasPrefix("us_ssn") }
    #expect(row?.split(separator: " ").map(String.init) == ["us_ssn", "national_id", "2", "1"])
  }

  @Test func fingerprintsAgreeAcrossScansWithOneKey() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", "SSN: 123-45-6789\n")
    try fixture.write("b.csv", "name,ssn\nAnn,123456789\n")
    let result = try fixture.scan()
    let prints = Set(
      result.findings.filter { $0["detector"] as? String == "us_ssn" }.map { $0["fingerprint"] as! String })
    #expect(prints.count == 1)
    #expect(
      try fixture.scan(["--only", "us_ssn"]).findings.map { $0["fingerprint"] as! String }.allSatisfy(
        prints.contains))
  }

  @Test func detectorsCommandListsEveryDetector() throws {
    let result = try CLI.run("blastradius", ["detectors", "--format", "json"])
    let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: String]]
    let ids = list.map { $0["id"]! }
    #expect(
      Array(ids.prefix(10)) == [
        "us_ssn", "us_itin", "payment_card", "us_bank_routing", "iban", "email_address", "phone_number",
        "date_of_birth", "us_passport", "us_drivers_license",
      ])
    #expect(Set(ids).count == ids.count)
    #expect(
      Set(list.map { $0["category"]! }) == [
        "national_id", "financial", "contact", "personal", "credential", "medical", "hr", "confidential",
      ])
    #expect(list.filter { $0["category"] == "credential" }.count >= 60)
    #expect(
      Set(list.filter { $0["category"] == "medical" }.map { $0["id"]! })
        == ["medical_record_number", "us_npi", "us_dea", "health_plan_id", "icd10_code", "us_mbi", "phi"])
    #expect(list.allSatisfy { !($0["description"] ?? "").isEmpty && !($0["example"] ?? "").isEmpty })
  }

  /// The databases a scan compiles, as scripts/bench-vectorscan measures them: the combined one
  /// is exactly the patterns and the value-label phrases together.
  @Test func detectorsCommandListsTheVectorscanDatabases() throws {
    let result = try CLI.run("blastradius", ["detectors", "--vectorscan"])
    #expect(result.status == 0)
    let rows = result.stdout.split(separator: "\n").map {
      $0.split(separator: "\t", maxSplits: 2).map(String.init)
    }
    #expect(rows.allSatisfy { $0.count == 3 && ["-", "i"].contains($0[1]) })
    var byDatabase: [String: [String]] = [:]
    for row in rows { byDatabase[row[0], default: []].append(row[1] + " " + row[2]) }
    #expect(Set(byDatabase.keys) == ["anchors", "value_labels", "combined", "labels"])
    #expect(byDatabase["combined"]! == byDatabase["anchors"]! + byDatabase["value_labels"]!)
    #expect(byDatabase["anchors"]!.contains("- AKIA"))
    #expect(byDatabase["value_labels"]!.contains("i ssn"))
  }
}
