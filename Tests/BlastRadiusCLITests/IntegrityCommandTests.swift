import Foundation
import Testing

/// `baseline` and `diff` end to end: a generated tree, a scripted attack, interrupted and
/// resumed baselines, unreadable parts, boot areas.
struct IntegrityCommandTests {
  /// A small share: prose, high-entropy media, Office documents, logs, an archive folder.
  static func generatedTree() throws -> Fixture {
    let fixture = try Fixture()
    var bytes = TreeBytes(seed: 7)
    for i in 1...12 {
      try fixture.write("docs/report-\(i < 10 ? "0" : "")\(i).txt", bytes.text(6000 + 100 * i))
    }
    for i in 1...6 { try fixture.write("media/photo-0\(i).bin", bytes.random(16_384 + i)) }
    for name in ["letter", "budget"] {
      let docx = try ArchiveFixture.make(
        .zip,
        entries: [
          ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types/>".utf8)),
          (
            "word/document.xml", Array("<w:document>".utf8) + bytes.text(20_000) + Array("</w:document>".utf8)
          ),
        ])
      try fixture.write("office/\(name).docx", docx)
    }
    try fixture.write("logs/app.log", bytes.text(5000))
    try fixture.write("logs/old.log", bytes.text(3000))
    try fixture.write("archive/2019/q1.txt", bytes.text(2000))
    try fixture.write("archive/2019/q2.txt", bytes.text(2100))
    try fixture.write("notes/todo.txt", bytes.text(300))
    return fixture
  }

  @Test func scriptedAttackIsClassifiedExactly() throws {
    let fixture = try Self.generatedTree()
    let baseline = try fixture.integrity("baseline", [fixture.tree.path])
    #expect(baseline.status == 0, "\(baseline.stderr)")
    #expect(baseline.summary["entries"] as? Int == 33)
    #expect(baseline.summary["complete"] as? Bool == true)

    let untouched = try fixture.integrity("diff")
    #expect(untouched.status == 0)
    #expect(fixture.describeChanges(untouched) == [])
    #expect(untouched.summary["changes"] as? Int == 0)

    var bytes = TreeBytes(seed: 99)
    let fm = FileManager.default
    for gone in ["docs/report-01.txt", "media/photo-01.bin", "logs/old.log"] {
      try fm.removeItem(atPath: fixture.path(gone))
    }
    try fixture.overwrite("media/photo-02.bin", bytes.random(try fixture.size("media/photo-02.bin")))
    try fixture.overwrite("docs/report-02.txt", bytes.random(try fixture.size("docs/report-02.txt")))
    try fixture.overwrite("docs/report-03.txt", bytes.text(try fixture.size("docs/report-03.txt")))
    try fixture.overwrite(
      "docs/report-04.txt", [UInt8](repeating: 0, count: try fixture.size("docs/report-04.txt")))
    let fill = Array("WIPE".utf8)
    try fixture.overwrite(
      "media/photo-03.bin", (0..<(try fixture.size("media/photo-03.bin"))).map { fill[$0 % 4] })
    try fm.moveItem(
      atPath: fixture.path("docs/report-05.txt"), toPath: fixture.path("docs/report-05.txt.old"))
    try fm.moveItem(atPath: fixture.path("archive/2019"), toPath: fixture.path("archive/2019-old"))
    chmod(fixture.path("docs/report-06.txt"), 0o600)
    try fixture.overwrite("office/letter.docx", bytes.random(try fixture.size("office/letter.docx")))
    try fixture.overwrite("logs/app.log", Array("2026-11-27 12:00:00 INFO rotated\n".utf8), append: true)
    #expect(utimes(fixture.path("docs/report-07.txt"), nil) == 0)  // touch
    try fixture.write("docs/README-RECOVER.txt", "Your files are encrypted.\n")
    try fm.removeItem(atPath: fixture.path("notes/todo.txt"))
    try fm.createDirectory(atPath: fixture.path("notes/todo.txt"), withIntermediateDirectories: false)

    let diff = try fixture.integrity("diff")
    #expect(diff.status == 3, "\(diff.stderr)")
    #expect(
      fixture.describeChanges(diff) == [
        "removed docs/report-01.txt", "removed media/photo-01.bin", "removed logs/old.log",
        "overwritten media/photo-02.bin", "encrypted docs/report-02.txt", "overwritten docs/report-03.txt",
        "wiped docs/report-04.txt", "wiped media/photo-03.bin",
        "moved docs/report-05.txt.old from docs/report-05.txt", "moved archive/2019-old from archive/2019",
        "moved archive/2019-old/q1.txt from archive/2019/q1.txt",
        "moved archive/2019-old/q2.txt from archive/2019/q2.txt",
        "metadata docs/report-06.txt", "encrypted office/letter.docx", "modified logs/app.log",
        "metadata docs/report-07.txt", "added docs/README-RECOVER.txt", "type-changed notes/todo.txt",
      ])
    let summary = diff.summary
    #expect(summary["changes"] as? Int == 18)
    #expect(summary["destructive"] as? Int == 9)
    #expect(summary["mass_destruction"] as? Bool == true)
    let classes = summary["classes"] as! [String: [String: Any]]
    #expect(classes["removed"]!["count"] as? Int == 3)
    #expect(abs((classes["removed"]!["share"] as! Double) - 3.0 / 33) < 1e-6)
    let folders = summary["folders"] as! [String: [String: Any]]
    let docs = folders[fixture.tree.resolvingSymlinksInPath().path + "/docs"]!
    #expect(docs["entries"] as? Int == 13 && docs["changes"] as? Int == 8)
    #expect(abs((docs["destructive_share"] as! Double) - 4.0 / 13) < 1e-6)
    let touch = diff.records.first { ($0["path"] as? String)?.hasSuffix("report-07.txt") == true }!
    #expect(touch["fields"] as? [String] == ["mtime", "ctime"])

    let table = try CLI.run("blastradius", ["diff", "--db", fixture.db, "--format", "table", "--quiet"])
    #expect(table.status == 3)
    #expect(table.stdout.contains("MASS DESTRUCTION: 27.27 % of the baseline"))
    #expect(try fixture.integrity("diff", ["--threshold", "30"]).status == 1)

    #expect(try fixture.integrity("diff", ["--update"]).status == 3)
    let accepted = try fixture.integrity("diff")
    #expect(accepted.status == 0)
    #expect(fixture.describeChanges(accepted) == [])
  }

  @Test func aTouchedTreeHasOnlyMetadataChanges() throws {
    let fixture = try Self.generatedTree()
    #expect(try fixture.integrity("baseline", [fixture.tree.path]).status == 0)
    var touched: Set<String> = []
    let files = FileManager.default.enumerator(atPath: fixture.tree.path)!
    while let relative = files.nextObject() as? String {
      #expect(utimes(fixture.path(relative), nil) == 0)
      if files.fileAttributes?[.type] as? FileAttributeType != .typeDirectory {
        touched.insert("metadata \(relative)")
      }
    }
    let diff = try fixture.integrity("diff")
    #expect(diff.status == 1)
    #expect(touched.count == 25)
    #expect(fixture.describeChanges(diff) == touched)
    #expect(diff.summary["destructive"] as? Int == 0)
  }

  @Test func killedBaselineIsPartialThenResumed() throws {
    let fixture = try Fixture()
    var bytes = TreeBytes(seed: 3)
    for d in 0..<3 {
      for f in 0..<100 { try fixture.write("d\(d)/f\(f).txt", bytes.text(200 + f)) }
    }
    let killed = try fixture.integrity(
      "baseline", [fixture.tree.path, "-j", "1", "--batch-size", "10", "--test-kill-after-batches", "5"])
    #expect(killed.status == SIGKILL)
    let listing = try CLI.run("blastradius", ["snapshots", "--db", fixture.db, "--format", "jsonl"])
    let partial = listing.records.first!
    #expect(partial["complete"] as? Bool == false)
    #expect(partial["entries"] as? Int == 50)
    let hashedBefore = partial["files"] as! Int
    #expect(hashedBefore > 0)

    let refused = try fixture.integrity("diff")
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("snapshot 'baseline' is partial"))

    let resumed = try fixture.integrity("baseline")
    #expect(resumed.status == 0)
    #expect(resumed.summary["complete"] as? Bool == true)
    #expect(resumed.summary["entries"] as? Int == 304)
    #expect(resumed.summary["reused"] as? Int == hashedBefore)
    #expect(resumed.summary["hashed"] as? Int == 300 - hashedBefore)

    let diff = try fixture.integrity("diff")
    #expect(diff.status == 0)
    #expect(fixture.describeChanges(diff) == [])
    // The resumed snapshot is the one a fresh run makes.
    #expect(
      try fixture.integrity("baseline", [fixture.tree.path, "--label", "fresh", "--rehash"]).summary["hashed"]
        as? Int == 300)
    let same = try fixture.integrity("diff", ["--from", "baseline", "--to", "fresh"])
    #expect(same.status == 0)
    #expect(fixture.describeChanges(same) == [])
  }

  @Test func unreadableFolderAndFileAndSymlinkLoops() throws {
    let fixture = try Fixture()
    try fixture.write("open/a.txt", "a\n")
    try fixture.write("secret/s1.txt", "s1\n")
    try fixture.write("secret/s2.txt", "s2\n")
    let locked = try fixture.write("locked.txt", "locked\n")
    chmod(locked, geteuid() == 0 ? 0o600 : 0o000)
    try FileManager.default.createSymbolicLink(atPath: fixture.path("loop1"), withDestinationPath: "loop2")
    try FileManager.default.createSymbolicLink(atPath: fixture.path("loop2"), withDestinationPath: "loop1")
    // Permissions mean nothing to root: run as nobody, with the database where nobody may write.
    let user = geteuid() == 0 ? "65534" : nil
    let dbDir = fixture.root.appendingPathComponent("db")
    try FileManager.default.createDirectory(at: dbDir, withIntermediateDirectories: true)
    chmod(dbDir.path, 0o777)
    let db = dbDir.appendingPathComponent("state.db").path

    let baseline = try fixture.integrity("baseline", [fixture.tree.path], db: db, asUser: user)
    #expect(baseline.status == 0, "\(baseline.stderr)")
    #expect(
      baseline.errors.map { "\($0["code"]!) \(fixture.relative($0["path"] as! String))" } == [
        "permission_denied locked.txt"
      ])
    #expect(baseline.summary["symlinks"] as? Int == 2)
    #expect(baseline.summary["complete"] as? Bool == true)

    chmod(fixture.path("secret"), geteuid() == 0 ? 0o700 : 0o000)
    let diff = try fixture.integrity("diff", db: db, asUser: user)
    #expect(diff.status == 1, "\(diff.stderr)")
    #expect(
      Set(diff.errors.map { "\($0["code"]!) \(fixture.relative($0["path"] as! String))" }) == [
        "permission_denied locked.txt", "permission_denied secret",
      ])
    // What the folder held is unknown, not removed.
    #expect(fixture.describeChanges(diff) == ["metadata secret"])
    #expect(diff.summary["unverified"] as? Int == 2)
    chmod(fixture.path("secret"), 0o755)

    let loopRoot = try CLI.run(
      "blastradius",
      [
        "baseline", fixture.path("loop1"), "--db", fixture.db, "--label", "loop", "--format", "jsonl",
        "--quiet",
      ])
    #expect(loopRoot.status == 0)
    #expect(loopRoot.errors.map { $0["code"] as! String } == ["symlink_loop"])
    #expect(loopRoot.summary["entries"] as? Int == 0)
  }

  @Test func bootAreaOfADiskImage() throws {
    let fixture = try Fixture()
    try fixture.write("etc/hosts", "127.0.0.1 localhost\n")
    var bytes = TreeBytes(seed: 11)
    var image = bytes.random(446) + [UInt8](repeating: 0, count: 64) + [0x55, 0xAA]
    image += Array("EFI PART".utf8) + [UInt8](repeating: 0, count: 504) + bytes.random(1024)
    image += [UInt8](repeating: 0, count: 2 << 20 - image.count)
    let imagePath = fixture.root.appendingPathComponent("disk.img").path
    try Data(image).write(to: URL(fileURLWithPath: imagePath))

    let baseline = try fixture.integrity("baseline", [fixture.tree.path, "--device", imagePath])
    #expect(baseline.status == 0)
    #expect(baseline.summary["devices"] as? Int == 1)
    #expect(try fixture.integrity("diff").status == 0)

    // A new partition table: only that region differs.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: imagePath))
    try handle.seek(toOffset: 446)
    try handle.write(contentsOf: Data([0x80, 0, 2, 0, 0x83]))
    let changedTable = try fixture.integrity("diff")
    #expect(changedTable.status == 3)
    let record = changedTable.records.first { $0["kind"] as? String == "change" }!
    #expect(record["type"] as? String == "device" && record["class"] as? String == "overwritten")
    #expect(record["regions"] as? [String] == ["partition_table"])
    #expect(changedTable.summary["boot_areas_changed"] as? Int == 1)

    // The first mebibyte zeroed, as Destover did.
    try handle.seek(toOffset: 0)
    try handle.write(contentsOf: Data(count: 1 << 20))
    try handle.close()
    let wiped = try fixture.integrity("diff")
    #expect(wiped.status == 3)
    let wipe = wiped.records.first { $0["kind"] as? String == "change" }!
    #expect(wipe["class"] as? String == "wiped")
    #expect(wipe["regions"] as? [String] == ["boot_code", "partition_table", "gpt_header", "gpt_entries"])
  }

  @Test func labelsIncrementalRunsAndDatabaseMode() throws {
    let fixture = try Self.generatedTree()
    #expect(try fixture.integrity("baseline", [fixture.tree.path, "--label", "monday"]).status == 0)
    var st = stat()
    stat(fixture.db, &st)
    #expect(st.st_mode & 0o777 == 0o600)

    let again = try fixture.integrity("baseline", ["--label", "monday"])
    #expect(again.summary["reused"] as? Int == 25 && again.summary["hashed"] as? Int == 0)
    #expect(
      try fixture.integrity("baseline", ["--label", "monday", "--rehash"]).summary["hashed"] as? Int == 25)

    var bytes = TreeBytes(seed: 5)
    try fixture.overwrite("docs/report-09.txt", bytes.text(try fixture.size("docs/report-09.txt")))
    let tuesday = try fixture.integrity("baseline", [fixture.tree.path, "--label", "tuesday"])
    #expect(tuesday.summary["hashed"] as? Int == 25)
    let diff = try fixture.integrity("diff", ["--from", "monday", "--to", "tuesday"])
    #expect(diff.status == 1)
    #expect(fixture.describeChanges(diff) == ["overwritten docs/report-09.txt"])
    let listing = try CLI.run("blastradius", ["snapshots", "--db", fixture.db, "--format", "jsonl"])
    #expect(
      listing.records.map { "\($0["label"]!) \($0["complete"] as! Bool) \($0["files"]!)" } == [
        "monday true 25", "tuesday true 25",
      ])
  }
}
