import Foundation
import Synchronization
import Testing

/// Input made to attack the scanner or the person reading its output.
struct HostileInputTests {
  /// File names that hold terminal escape sequences (screen clear, a fake hyperlink, a carriage
  /// return that overwrites the line) are printed as visible escapes in the table, never
  /// interpreted; the JSONL keeps the exact name.
  @Test func escapeSequencesInNamesStayText() throws {
    let fixture = try Fixture()
    let names = [
      "\u{1B}[2Jcleared.csv", "\u{1B}]8;;https:evil.example\u{07}link\u{1B}]8;;\u{07}.csv", "safe\rEVIL.csv",
    ]
    for name in names { try fixture.write(name, "SSN: 234-56-7890\n") }
    let table = try CLI.run(
      "blastradius",
      ["scan", fixture.tree.path, "--format", "table", "--key-file", fixture.key.path, "--quiet"])
    #expect(table.status == 1, "\(table.stderr)")
    let printed = Array(table.stdout.utf8)
    #expect(!printed.contains(0x1B) && !printed.contains(0x07) && !printed.contains(0x0D))
    #expect(table.stdout.contains("\\e[2Jcleared.csv"))
    #expect(table.stdout.contains("safe\\rEVIL.csv"))

    let jsonl = try fixture.scan()
    let paths = Set(
      jsonl.findings.map {
        ($0["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
      })
    #expect(paths == Set(names))
  }
}

/// Outputs never follow a link planted at their path, and never change a file the tool did not
/// create.
struct OutputSafetyTests {
  /// A victim file and links to it at every output path: after the run the victim is intact, with
  /// its mode, and each output is a file of its own with mode 0600.
  @Test func plantedLinksAreReplacedNotFollowed() throws {
    let fixture = try Fixture()
    try fixture.write("share/hr.csv", "name,ssn\nAnn,234-56-7890\n")
    let victim = fixture.root.appendingPathComponent("victim.txt")
    try Data("precious\n".utf8).write(to: victim)
    chmod(victim.path, 0o644)
    let out = fixture.root.appendingPathComponent("out.jsonl")
    let report = fixture.root.appendingPathComponent("report")
    try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: out.path, withDestinationPath: victim.path)
    for name in ["scan.jsonl", "report.html", "report.json", "files.csv", "results.sarif"] {
      try FileManager.default.createSymbolicLink(
        atPath: report.appendingPathComponent(name).path, withDestinationPath: victim.path)
    }
    let result = try fixture.scan(["-o", out.path, "--report", report.path], paths: [fixture.tree.path])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    var st = stat()
    #expect(stat(victim.path, &st) == 0 && st.st_mode & 0o777 == 0o644)
    for path in [out.path]
      + ["scan.jsonl", "report.html", "results.sarif"].map({ report.appendingPathComponent($0).path })
    {
      #expect(
        lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG && st.st_mode & 0o777 == 0o600, "\(path)")
    }
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.last?.contains("\"kind\":\"summary\"") == true)
    // Nothing partial is left behind by a run that finished.
    let left =
      try FileManager.default.contentsOfDirectory(atPath: fixture.root.path)
      + FileManager.default.contentsOfDirectory(atPath: report.path)
    #expect(left.filter { $0.contains(".partial-") }.isEmpty)
  }

  /// A store path that is a link is refused.
  @Test func storeLinkIsRefused() throws {
    let fixture = try Fixture()
    try fixture.write("share/a.txt", "a\n")
    let victim = fixture.root.appendingPathComponent("victim.db")
    try Data("precious\n".utf8).write(to: victim)
    let db = fixture.root.appendingPathComponent("store.db")
    try FileManager.default.createSymbolicLink(atPath: db.path, withDestinationPath: victim.path)
    let result = try CLI.run("blastradius", ["baseline", fixture.tree.path, "--db", db.path, "--quiet"])
    #expect(result.status == 2)
    #expect(result.stderr == "blastradius: \(db.path): is a symbolic link: refusing to follow it\n")
    #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
  }

  /// Output to a character device is written to it, not replaced.
  @Test func devNullStaysADevice() throws {
    let fixture = try Fixture()
    try fixture.write("share/hr.csv", "name,ssn\nAnn,234-56-7890\n")
    let result = try fixture.scan(["-o", "/dev/null"])
    #expect(result.status == 1, "\(result.stderr)")
    var st = stat()
    #expect(lstat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
  }
}

/// A file that changes while it is scanned is reported: what was read is not one state.
struct ChangedWhileReadTests {
  @Test func growingFileIsReported() throws {
    let fixture = try Fixture()
    let line = "SSN: 234-56-7890 and some filler text to make the file long enough to take a while\n"
    let path = try fixture.write("share/growing.log", String(repeating: line, count: 40_000))
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    let stop = StopFlag()
    let writer = Thread {
      while !stop.load() {
        handle.write(Data("appended \(Date().timeIntervalSince1970)\n".utf8))
        usleep(200)
      }
    }
    writer.start()
    defer {
      stop.store(true)
      while !writer.isFinished { usleep(1000) }
      try? handle.close()
    }
    let result = try fixture.scan(["-j", "1"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.summary["complete"] as? Bool == false)
    let errors = result.errors.map { "\($0["code"]!) \(($0["path"] as! String).hasSuffix("growing.log"))" }
    #expect(errors == ["changed_while_read true"])
    // Read up to the size it had when opened, not chased as it grows.
    #expect(result.findings.filter { $0["detector"] as? String == "us_ssn" }.count == 40_000)
  }
}

/// A flag two threads share, for the test's writer.
final class StopFlag: Sendable {
  private let flag = Mutex(false)
  func load() -> Bool { flag.withLock { $0 } }
  func store(_ new: Bool) { flag.withLock { $0 = new } }
}

/// A limit met inside a mail is coded as a limit, not as damage.
struct MailLimitCodeTests {
  @Test func partLimitIsLimitExceeded() throws {
    let fixture = try Fixture()
    var mail = "From: a@example.com\nSubject: many\nContent-Type: multipart/mixed; boundary=b\n\n"
    for i in 0..<10_000 { mail += "--b\nContent-Type: text/plain\n\npart \(i)\n" }
    mail += "--b--\n"
    try fixture.write("mail/many.eml", mail)
    let result = try fixture.scan()
    #expect(result.summary["complete"] as? Bool == false)
    let errors = result.errors.map { "\($0["code"]!) \($0["message"]!) \($0["within"]!)" }
    #expect(errors == ["limit_exceeded mail: part limit 1000 reached []"])
  }
}

/// Compressed streams and archives whose bytes libarchive would leave unread.
struct ContainerCompletenessTests {
  static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

  /// Text that starts with zero bytes, or with ar's magic, looks like an empty tar or ar archive
  /// once decompressed: it is read as the text it is.
  @Test(arguments: [ArchiveFixture.Filter.gzip, .bzip2, .xz])
  func compressedTextThatLooksLikeAnEmptyArchive(_ filter: ArchiveFixture.Filter) throws {
    let fixture = try Fixture()
    let zeros = [UInt8](repeating: 0, count: 2048) + Self.text("\nSSN: 234-56-7890\n")
    let arch = Self.text("!<arch>\nSSN: 345-67-8901\n")
    try fixture.write(
      "zeros.bin.gz", try ArchiveFixture.make(.raw, filter: filter, entries: [("data", zeros)]))
    try fixture.write("arch.txt.gz", try ArchiveFixture.make(.raw, filter: filter, entries: [("data", arch)]))
    let result = try fixture.scan(["--binary"])
    #expect(result.errors.isEmpty, "\(result.errors)")
    let found = Set(
      result.findings.filter { $0["detector"] as? String == "us_ssn" }.map { $0["masked"] as! String })
    #expect(found == ["***-**-7890", "***-**-8901"])
  }

  /// Text appended after a tar's end-of-archive blocks is read.
  @Test func textAfterTheEndOfATar() throws {
    let fixture = try Fixture()
    let tar = try ArchiveFixture.make(.tar, entries: [("inside.txt", Self.text("SSN: 234-56-7890\n"))])
    try fixture.write("backup.tar", tar + Self.text("SSN: 345-67-8901\n"))
    let result = try fixture.scan()
    #expect(result.errors.isEmpty, "\(result.errors)")
    let found = result.findings.filter { $0["detector"] as? String == "us_ssn" }.map {
      "\(($0["within"] as! [String]).joined(separator: "/")) \($0["masked"]!)"
    }
    #expect(Set(found) == ["inside.txt ***-**-7890", "after the end of the archive ***-**-8901"])
  }
}

/// Markup that would hide data: a CSV export that starts like a web page, data in comments and
/// in JSON data islands.
struct MarkupHidingTests {
  @Test func csvAfterAnUnterminatedCommentIsRead() throws {
    let fixture = try Fixture()
    try fixture.write("export.csv", "<html><!--\nname,ssn\nAnn Lee,234-56-7890\nBo Chan,345-67-8901\n")
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(result.errors.isEmpty)
    #expect(Set(result.findings.map { $0["masked"] as! String }) == ["***-**-7890", "***-**-8901"])
  }

  @Test func commentsAndJSONIslandsAreRead() throws {
    let fixture = try Fixture()
    try fixture.write(
      "page.html",
      """
      <!DOCTYPE html><html><body><p>Staff</p>
      <!-- old record: SSN 234-56-7890 -->
      <script type="application/json">{"employees": [{"name": "Ann Lee", "ssn": "345-67-8901"}]}</script>
      </body></html>
      """)
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(Set(result.findings.map { $0["masked"] as! String }) == ["***-**-7890", "***-**-8901"])
  }
}

/// Names that are not UTF-8 (Latin-1 from old shares) are opened by their own bytes, printed with
/// those bytes escaped, and given exactly in hex beside.
struct NonUTF8NameTests {
  /// Creates `dir/name` (bytes) holding `text`, and the folder first.
  static func make(_ dir: [UInt8], _ name: [UInt8], in root: String, _ text: String) throws {
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    let folder = Array(root.utf8) + [0x2F] + dir
    let file = folder + [0x2F] + name
    _ = (folder + [0]).withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) }
    }
    let fd = (file + [0]).withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    }
    try #require(fd >= 0)
    _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
  }

  static let folder: [UInt8] = Array("Pers".utf8) + [0xF6] + Array("nlich".utf8)  // "Persönlich" in Latin-1
  static let resume: [UInt8] = [0x72, 0xE9, 0x73, 0x75, 0x6D, 0xE9, 0x2E, 0x74, 0x78, 0x74]  // "résumé.txt"

  @Test func latin1NamesAreScanned() throws {
    let fixture = try Fixture()
    try fixture.write("ok.txt", "nothing\n")
    try Self.make(Self.folder, Self.resume, in: fixture.tree.path, "SSN: 234-56-7890\n")
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.summary["complete"] as? Bool == true)
    let finding = try #require(result.findings.first)
    let shown = (finding["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
    #expect(shown == "Pers\\xF6nlich/r\\xE9sum\\xE9.txt")
    let exact = Array(fixture.tree.path.utf8) + [0x2F] + Self.folder + [0x2F] + Self.resume
    #expect(finding["path_bytes"] as? String == exact.map { String(format: "%02x", $0) }.joined())
  }

  /// A wiped and a deleted file with such names are changes, not "no change".
  @Test func latin1NamesInBaselineAndDiff() throws {
    let fixture = try Fixture()
    let plain = String(repeating: "Quarterly numbers for the payroll review, draft two. ", count: 200)
    try Self.make(Self.folder, Self.resume, in: fixture.tree.path, plain)
    // "nómina" in Latin-1.
    try Self.make(Self.folder, [0x6E, 0xF3, 0x6D, 0x69, 0x6E, 0x61], in: fixture.tree.path, plain)
    let db = fixture.root.appendingPathComponent("store.db").path
    let baseline = try CLI.run(
      "blastradius", ["baseline", fixture.tree.path, "--db", db, "--format", "jsonl", "--quiet"])
    #expect(baseline.status == 0, "\(baseline.stderr)")
    #expect(baseline.errors.isEmpty, "\(baseline.errors)")
    let folder = Array(fixture.tree.path.utf8) + [0x2F] + Self.folder
    let resume = folder + [0x2F] + Self.resume
    _ = (resume + [0]).withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { p -> Int32 in
        let fd = open(p.baseAddress!, O_WRONLY)
        _ = [UInt8](repeating: 0, count: plain.utf8.count).withUnsafeBytes {
          write(fd, $0.baseAddress, $0.count)
        }
        return close(fd)
      }
    }
    _ = (folder + [0x2F, 0x6E, 0xF3, 0x6D, 0x69, 0x6E, 0x61, 0]).withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { unlink($0.baseAddress!) }
    }
    let diff = try CLI.run("blastradius", ["diff", "--db", db, "--format", "jsonl", "--quiet"])
    let changes = diff.records.filter { $0["kind"] as? String == "change" }.map {
      "\($0["class"]!) \(($0["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: ""))"
    }
    #expect(Set(changes) == ["wiped Pers\\xF6nlich/r\\xE9sum\\xE9.txt", "removed Pers\\xF6nlich/n\\xF3mina"])
  }
}

/// Two zips written one after the other: both are read.
struct ConcatenatedZipTests {
  @Test func bothZipsAreRead() throws {
    let fixture = try Fixture()
    let first = try ArchiveFixture.make(.zip, entries: [("first.txt", Array("SSN: 234-56-7890\n".utf8))])
    let second = try ArchiveFixture.make(.zip, entries: [("second.txt", Array("SSN: 345-67-8901\n".utf8))])
    try fixture.write("joined.zip", first + second)
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(result.errors.isEmpty, "\(result.errors)")
    let found = result.findings.map {
      "\(($0["within"] as! [String]).joined(separator: "/")) \($0["masked"]!)"
    }
    #expect(Set(found) == ["first.txt ***-**-7890", "second.txt ***-**-8901"])
  }
}

/// Classes of hostile input that already hold, kept so: each ends with exact records and the
/// summary's complete flag, in bounded time and memory.
struct KnownHostileInputTests {
  static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

  /// One line far longer than any buffer (64 MiB, 256 times the read chunk): values at both
  /// ends are found, on line 1, at their columns.
  @Test func oneVeryLongLine() throws {
    let fixture = try Fixture()
    let filler = [UInt8](repeating: 0x78, count: 64 << 20)  // "xxxx…"
    try fixture.write("long.txt", Self.bytes("SSN 234-56-7890 ") + filler + Self.bytes(" SSN 345-67-8901\n"))
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(result.summary["complete"] as? Bool == true)
    let found = result.findings.map { "\($0["line"]!):\($0["column"]!) \($0["masked"]!)" }
    #expect(Set(found) == ["1:5 ***-**-7890", "1:\(16 + (64 << 20) + 6) ***-**-8901"])
  }

  /// A FIFO in the tree is skipped, never read (reading one would block the scan forever).
  @Test func fifoIsSkipped() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", "SSN: 234-56-7890\n")
    #expect(mkfifo(fixture.tree.appendingPathComponent("pipe").path, 0o644) == 0)
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(result.status == 1)
    #expect(result.summary["complete"] as? Bool == true)
    #expect((result.summary["skipped"] as? [String: Int])?["special"] == 1)
    #expect(result.findings.count == 1)
  }

  /// Billion laughs in an Office part: entities are not expanded, the document reads as written.
  @Test func entityExpansionInOOXMLIsNotExpanded() throws {
    let fixture = try Fixture()
    var dtd = #"<!DOCTYPE w:document [<!ENTITY l0 "lol">"#
    for i in 1...12 { dtd += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
    dtd += "]>"
    let document =
      #"<?xml version="1.0"?>"# + dtd
      + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&l12; SSN: 234-56-7890</w:t></w:r></w:p></w:body></w:document>"#
    let docx = try ArchiveFixture.make(
      .zip,
      entries: [
        ("[Content_Types].xml", Self.bytes(#"<?xml version="1.0"?><Types/>"#)),
        ("word/document.xml", Self.bytes(document)),
      ])
    try fixture.write("laughs.docx", docx)
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(result.summary["complete"] as? Bool == true)
    #expect(result.findings.map { $0["masked"] as! String } == ["***-**-7890"])
  }

  /// Billion laughs in a rules file (YAML aliases): refused as not a rules file, quickly.
  @Test func aliasBombInRulesIsRefused() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", "hello\n")
    var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    for (previous, name) in zip(names, names.dropFirst()) {
      yaml +=
        "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
    }
    yaml += "rules: *i\n"
    let rules = fixture.root.appendingPathComponent("bomb.yaml")
    try Data(yaml.utf8).write(to: rules)
    let started = Date()
    let result = try fixture.scan(["--rules", rules.path])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("blastradius: \(rules.path): not a rules file"))
    #expect(Date().timeIntervalSince(started) < 30)
  }

  /// A filename indicator shaped for catastrophic backtracking runs in linear time (Vectorscan
  /// does not backtrack) against a long name.
  @Test func redosShapedIndicatorIsLinear() throws {
    let f = try HuntFixture()
    let iocs = try f.indicators("filename-iocs.txt", "(a+)+$;80\n(x|x)*y;80\n")
    let long = String(repeating: "a", count: 200) + "!"
    try f.write(long, "x\n")
    let started = Date()
    let result = try f.scan(["--iocs", iocs, "--hunt-only"])
    #expect(Date().timeIntervalSince(started) < 30)
    #expect(result.summary["complete"] as? Bool == true, "\(result.stderr)")
  }

  /// A gzip that expands to a gigabyte of zeros stops at the expansion ratio, with its record;
  /// read whole when the ratio allows, since zeros pass for an empty tar once decompressed.
  @Test func gzipBombStopsAtTheRatio() throws {
    let fixture = try Fixture()
    let bomb = fixture.tree.appendingPathComponent("zeros.gz")
    try FileManager.default.createDirectory(at: fixture.tree, withIntermediateDirectories: true)
    let made = try CLI.execute("/bin/sh", ["-c", "head -c 1073741824 /dev/zero | gzip -1 > '\(bomb.path)'"])
    #expect(made.status == 0, "\(made.stderr)")
    // gzip -1 makes about 230 bytes of zeros per byte: past a ratio of 100, reading stops.
    let result = try fixture.scan(["--max-ratio", "100"])
    #expect(result.summary["complete"] as? Bool == false)
    let errors = result.errors.map { "\($0["code"]!) \(($0["message"] as! String).contains("--max-ratio"))" }
    #expect(errors == ["limit_exceeded true"])
    // Within the limits it is read to its end, whole and without error.
    let whole = try fixture.scan()
    #expect(whole.summary["complete"] as? Bool == true, "\(whole.errors)")
  }
}

/// A zip of 200,000 members stops at the member limit, with its record, after reading the first
/// 100,000.
struct ManyMembersTests {
  @Test func memberLimit() throws {
    let fixture = try Fixture()
    let entries = (0..<200_000).map { ("m\($0).txt", [UInt8]("x\n".utf8)) }
    try fixture.write("many.zip", try ArchiveFixture.make(.zip, entries: entries))
    let result = try fixture.scan()
    #expect(result.summary["complete"] as? Bool == false)
    #expect(result.summary["members"] as? Int == 100_000)
    let errors = result.errors.map {
      "\($0["code"]!) \(($0["message"] as! String).contains("--max-members"))"
    }
    #expect(errors == ["limit_exceeded true"])
  }
}

/// A zip whose central directory lists many names for the same stored bytes (the overlapping
/// entries of zip bombs): the bytes are read once, nothing expands.
struct OverlappingZipTests {
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
      crc ^= UInt32(b)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
    withUnsafeBytes(of: v.littleEndian) { Array($0) }
  }

  @Test func overlappingEntriesAreReadOnce() throws {
    let fixture = try Fixture()
    let data = Array(String(repeating: "SSN: 234-56-7890\n", count: 1000).utf8)
    let crc = Self.crc32(data)
    let size = Self.le(UInt32(data.count))
    let name = Array("a.txt".utf8)
    let local: [UInt8] =
      Self.le(UInt32(0x0403_4B50)) + Self.le(UInt16(20)) + [UInt8](repeating: 0, count: 8) + Self.le(crc)
      + size
      + size + Self.le(UInt16(name.count)) + Self.le(UInt16(0)) + name + data
    var directory: [UInt8] = []
    let entries = 50
    for i in 0..<entries {
      let member = Array("m\(i).txt".utf8)
      directory +=
        Self.le(UInt32(0x0201_4B50)) + Self.le(UInt16(20)) + Self.le(UInt16(20))
        + [UInt8](repeating: 0, count: 8)
        + Self.le(crc) + size + size + Self.le(UInt16(member.count)) + [UInt8](repeating: 0, count: 12)
        + Self.le(UInt32(0)) + member
    }
    let end: [UInt8] =
      Self.le(UInt32(0x0605_4B50)) + [UInt8](repeating: 0, count: 4) + Self.le(UInt16(entries))
      + Self.le(UInt16(entries)) + Self.le(UInt32(directory.count)) + Self.le(UInt32(local.count))
      + Self.le(UInt16(0))
    try fixture.write("overlap.zip", local + directory + end)
    let result = try fixture.scan(["--only", "us_ssn"])
    #expect(result.summary["complete"] as? Bool == true, "\(result.errors)")
    #expect(result.summary["members"] as? Int == 1)
    #expect(result.summary["bytes"] as? Int == data.count)
    #expect(result.findings.count == 1000)
  }
}

/// A report run killed with SIGKILL leaves the folder as the previous run made it, and its own
/// output under names that say they are partial.
struct KilledReportTests {
  @Test func killedRunLeavesThePreviousReportWhole() throws {
    let fixture = try Fixture()
    try fixture.write("a.csv", "name,ssn\nAnn,234-56-7890\n")
    let report = fixture.root.appendingPathComponent("report")
    let first = try fixture.scan(["--report", report.path])
    #expect(first.status == 1, "\(first.stderr)")
    let names = ["scan.jsonl", "report.html", "report.json", "files.csv", "results.sarif"]
    let before = try names.map { try Data(contentsOf: report.appendingPathComponent($0)) }
    // A tree large enough that the second run is still scanning when it is killed.
    let line = "name,ssn\n" + String(repeating: "Bo Chan,345-67-8901\n", count: 50_000)
    for i in 0..<40 { try fixture.write("big/\(i).csv", line) }
    let process = Process()
    process.executableURL = CLI.products.appendingPathComponent("blastradius")
    process.arguments = [
      "scan", fixture.tree.path, "--report", report.path, "--format", "jsonl", "--key-file", fixture.key.path,
      "--quiet", "-j", "1",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Killed once its log has started.
    let deadline = Date().addingTimeInterval(60)
    var partial: String?
    while partial == nil, Date() < deadline, process.isRunning {
      partial = try FileManager.default.contentsOfDirectory(atPath: report.path).first {
        $0.hasPrefix("scan.jsonl.partial-")
      }
      if partial == nil { usleep(5_000) }
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(partial != nil)
    let after = try names.map { try Data(contentsOf: report.appendingPathComponent($0)) }
    #expect(after == before)
  }
}
