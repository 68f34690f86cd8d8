import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `scan --store`, `export`, `scans` and `report --store` end to end: a store's export is the
/// scan's own output; a scan killed at any point and run again gives exactly the same export;
/// unchanged files are not read again; bad stores are refused with a clear error.
struct ScanStoreTests {
  /// A tree with findings in most files, a zip, two copies of one large file and a binary.
  static func tree() throws -> Fixture {
    let fixture = try Fixture()
    for d in 0..<4 {
      for f in 0..<15 {
        let n = d * 100 + f
        var text = "Employee record \(n)\nName: Jane Doe\(n)\nSSN: \(ssn(n))\n"
        text += "Email: jane.\(n)@example.com\nPhone: (212) 555-\(String(format: "%04d", 1000 + n))\n"
        if f % 3 == 0 { text += "No identifiers on this line.\n" }
        try fixture.write("dept\(d)/emp\(f).txt", text)
      }
    }
    var big = ""
    for i in 0..<3000 { big += "row \(i), contact \(i)@corp.example, SSN \(ssn(900 + i % 50))\n" }
    try fixture.write("exports/contacts.csv", big)
    try fixture.write("backup/contacts-copy.csv", big)
    let zip = try ArchiveFixture.make(.zip, entries: [("inner/w2.txt", Array("SSN: \(ssn(7))\n".utf8))])
    try fixture.write("backup/w2.zip", zip)
    try fixture.write("misc/blob.bin", [UInt8](repeating: 0, count: 512) + [1, 2, 3])
    return fixture
  }

  /// Valid SSNs (area 100–899, not 666; group and serial not zero).
  static func ssn(_ n: Int) -> String {
    let area = 100 + (n * 7) % 500
    return String(format: "%03d-%02d-%04d", area == 666 ? 667 : area, 10 + n % 89, 1000 + n)
  }

  static func scan(_ fixture: Fixture, _ db: String, _ extra: [String] = []) throws -> CLI.Result {
    try fixture.scan(["--store", db, "-j", "2"] + extra)
  }

  /// The export's records but the summaries, sorted: what must not depend on how a scan ran.
  static func exported(_ db: String, _ extra: [String] = []) throws -> [String] {
    let result = try CLI.run("blastradius", ["export", "--store", db] + extra)
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout.split(separator: "\n").filter { !$0.contains("\"kind\":\"summary\"") }.map(
      String.init
    )
    .sorted()
  }

  /// Whether two summaries count the same findings and distinct values per detector.
  static func sameDetectors(_ a: CLI.Result, _ b: CLI.Result) -> Bool {
    guard let x = a.summary["detectors"] as? [String: Any], let y = b.summary["detectors"] as? [String: Any]
    else {
      return false
    }
    return NSDictionary(dictionary: x) == NSDictionary(dictionary: y)
  }

  static func storeSummary(_ result: CLI.Result) -> [String: Any] {
    result.summary["store"] as? [String: Any] ?? [:]
  }

  @Test func exportIsTheScansOwnOutput() throws {
    let fixture = try Self.tree()
    let plain = try fixture.scan(["-j", "2"])
    #expect(plain.status == 1)
    let db = fixture.root.appendingPathComponent("scan.db").path
    let stored = try Self.scan(fixture, db)
    #expect(stored.status == 1, "\(stored.stderr)")
    // With --store the findings go to the store; standard output holds the summary only.
    #expect(stored.records.count == 1)
    let plainLines = plain.stdout.split(separator: "\n").filter { !$0.contains("\"kind\":\"summary\"") }.map(
      String.init
    ).sorted()
    #expect(plainLines.count > 300)
    #expect(try Self.exported(db) == plainLines)
    for key in ["files", "findings", "bytes", "errors", "members"] {
      #expect(stored.summary[key] as? Int == plain.summary[key] as? Int, "\(key)")
    }
    #expect(Self.sameDetectors(stored, plain))
    var st = stat()
    #expect(stat(db, &st) == 0 && st.st_mode & 0o777 == 0o600)
    let counts = Self.storeSummary(stored)
    #expect((counts["files_read"] as! Int) + (counts["files_reused"] as! Int) == 64)
  }

  /// A copy of a file already in the store, at another path, is not matched again: the
  /// original's findings are attributed to it, exactly as if it had been read.
  @Test func copiesAreMatchedOnce() throws {
    let fixture = try Self.tree()
    let db = fixture.root.appendingPathComponent("scan.db").path
    _ = try Self.scan(fixture, db)
    let original = fixture.tree.appendingPathComponent("exports/contacts.csv").path
    let copy = fixture.tree.appendingPathComponent("dept3/contacts (1).csv").path
    try FileManager.default.copyItem(atPath: original, toPath: copy)
    let rescan = try Self.scan(fixture, db)
    #expect(Self.storeSummary(rescan)["files_read"] as? Int == 0)
    #expect(Self.storeSummary(rescan)["files_reused"] as? Int == 65)
    let plain = try fixture.scan(["-j", "2"])
    let plainLines = plain.stdout.split(separator: "\n").filter { !$0.contains("\"kind\":\"summary\"") }.map(
      String.init
    ).sorted()
    #expect(try Self.exported(db) == plainLines)
    #expect(rescan.summary["findings"] as? Int == plain.summary["findings"] as? Int)
    #expect(Self.sameDetectors(rescan, plain))
  }

  @Test func unchangedRescanReadsNothingAndTouchedFileIsReadAlone() throws {
    let fixture = try Self.tree()
    let db = fixture.root.appendingPathComponent("scan.db").path
    let first = try Self.scan(fixture, db)
    let before = try Self.exported(db)
    let again = try Self.scan(fixture, db)
    #expect(again.status == 1)
    #expect(Self.storeSummary(again)["files_read"] as? Int == 0)
    #expect(Self.storeSummary(again)["files_reused"] as? Int == 64)
    #expect(again.summary["findings"] as? Int == first.summary["findings"] as? Int)
    #expect(Self.sameDetectors(again, first))
    #expect(try Self.exported(db) == before)

    // A touched file is read again, alone; the counts stay as they were.
    let touched = fixture.tree.appendingPathComponent("dept1/emp3.txt").path
    #expect(utimes(touched, nil) == 0)
    let third = try Self.scan(fixture, db)
    #expect(Self.storeSummary(third)["files_read"] as? Int == 1)
    #expect(third.summary["findings"] as? Int == first.summary["findings"] as? Int)
    #expect(Self.sameDetectors(third, first))
    #expect(try Self.exported(db) == before)

    // --rehash compares content: files read without their hash are read once more (to learn
    // it); then a touched file with the same bytes is not read, and a changed one is.
    let hashing = try Self.scan(fixture, db, ["--rehash"])
    #expect(Self.storeSummary(hashing)["files_read"] as! Int >= 60)
    #expect(utimes(touched, nil) == 0)
    let rehashed = try Self.scan(fixture, db, ["--rehash"])
    #expect(Self.storeSummary(rehashed)["files_read"] as? Int == 0)
    try fixture.write("dept1/emp3.txt", "SSN: \(Self.ssn(3333))\n")
    let changed = try Self.scan(fixture, db, ["--rehash"])
    #expect(Self.storeSummary(changed)["files_read"] as? Int == 1)

    // Another configuration rescans everything.
    let narrower = try Self.scan(fixture, db, ["--only", "us_ssn"])
    #expect(Self.storeSummary(narrower)["files_read"] as! Int >= 63)
  }

  @Test func vanishedFilesLeaveTheViewAndHistoryStays() throws {
    let fixture = try Self.tree()
    let db = fixture.root.appendingPathComponent("scan.db").path
    _ = try Self.scan(fixture, db)
    let gone = fixture.tree.appendingPathComponent("dept2/emp4.txt").path
    try FileManager.default.removeItem(atPath: gone)
    try fixture.write("dept2/new.txt", "SSN: \(Self.ssn(4242))\n")
    _ = try Self.scan(fixture, db)
    let now = try Self.exported(db)
    #expect(!now.contains { $0.contains(gone) })
    #expect(now.contains { $0.contains("dept2/new.txt") })
    // Scan 1, as it saw the tree, still has the file.
    #expect(try Self.exported(db, ["--scan", "1"]).contains { $0.contains(gone) })
    let diff = try CLI.run("blastradius", ["scans", "--store", db, "--diff", "1", "2", "--format", "jsonl"])
    #expect(diff.status == 0, "\(diff.stderr)")
    let record = diff.records.first!
    #expect(record["new_files"] as? [String] == [fixture.tree.appendingPathComponent("dept2/new.txt").path])
    #expect(record["gone_files"] as? [String] == [gone])
    let detectors = record["detectors"] as! [String: [String: Int]]
    #expect(detectors["us_ssn"] == ["new": 1, "gone": 1])
    #expect(detectors["email_address"] == ["new": 0, "gone": 1])
    let listing = try CLI.run("blastradius", ["scans", "--store", db, "--format", "jsonl"])
    #expect(listing.records.map { $0["status"] as? String } == ["complete", "complete"])
    #expect(listing.records.map { $0["files_read"] as? Int } == [64, 1])
  }

  /// Killed inside a commit (rolled back) or just after one, at several points, then run again:
  /// the export equals an uninterrupted scan's, and the summary's counts too.
  @Test(arguments: [("in", 1), ("after", 1), ("in", 4), ("after", 6), ("after", 11)])
  func killedScanResumesToTheSameResult(point: String, commit: Int) throws {
    let fixture = try Self.tree()
    let reference = fixture.root.appendingPathComponent("reference.db").path
    let whole = try Self.scan(fixture, reference)
    let expected = try Self.exported(reference)

    let db = fixture.root.appendingPathComponent("killed.db").path
    let killed = try Self.scan(
      fixture, db, ["--store-commit-files", "5", "--test-kill-\(point)-commit", String(commit)])
    #expect(killed.status == SIGKILL)
    let listing = try CLI.run("blastradius", ["scans", "--store", db, "--format", "jsonl"])
    #expect(listing.records.map { $0["status"] as? String } == ["running"])
    // A report on the killed scan says it is incomplete.
    let partial = try CLI.run("blastradius", ["report", "--store", db])
    #expect(partial.stdout.contains("INCOMPLETE"), "\(partial.stdout)")

    let resumed = try Self.scan(fixture, db, ["--store-commit-files", "5"])
    #expect(resumed.status == 1, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming scan #1"))
    #expect(Self.storeSummary(resumed)["resumed"] as? Bool == true)
    #expect(Self.storeSummary(resumed)["scan"] as? Int == 1)
    let reused = Self.storeSummary(resumed)["files_reused"] as! Int
    // Files committed before the kill are not read again; a commit killed before its end is not
    // kept.
    if point == "in" && commit == 1 { #expect(reused == 0) } else { #expect(reused > 0) }
    #expect(try Self.exported(db) == expected)
    for key in ["files", "findings", "bytes", "errors"] {
      #expect(resumed.summary[key] as? Int == whole.summary[key] as? Int, "\(key)")
    }
    #expect(Self.sameDetectors(resumed, whole))
    let after = try CLI.run("blastradius", ["scans", "--store", db, "--format", "jsonl"])
    #expect(after.records.map { $0["status"] as? String } == ["complete"])
  }

  /// SIGKILL from outside at a few moments of a longer scan.
  @Test func killedByTimerResumesToTheSameResult() throws {
    let fixture = try Self.tree()
    for i in 0..<400 {
      try fixture.write("bulk/f\(i).txt", "id \(i) SSN \(Self.ssn(i)) mail x\(i)@example.org\n")
    }
    let reference = fixture.root.appendingPathComponent("reference.db").path
    _ = try Self.scan(fixture, reference, ["-j", "1"])
    let expected = try Self.exported(reference)
    for (n, delay) in [30_000, 120_000, 250_000].enumerated() {
      let db = fixture.root.appendingPathComponent("timer\(n).db").path
      let process = Process()
      process.executableURL = CLI.products.appendingPathComponent("blastradius")
      process.arguments = [
        "scan", fixture.tree.path, "--store", db, "--key-file", fixture.key.path, "-q", "-j", "1",
        "--store-commit-files", "3", "--format", "jsonl",
      ]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(useconds_t(delay))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let resumed = try Self.scan(fixture, db, ["-j", "1"])
      #expect(resumed.status == 1, "\(resumed.stderr)")
      #expect(try Self.exported(db) == expected, "killed after \(delay) µs")
    }
  }

  /// Ctrl-C stops cleanly: the scan is marked interrupted, says how to resume, and resumes.
  @Test func interruptedScanSaysHowToResume() throws {
    let fixture = try Self.tree()
    for i in 0..<3000 { try fixture.write("bulk/f\(i).txt", "id \(i) SSN \(Self.ssn(i))\n") }
    let reference = fixture.root.appendingPathComponent("reference.db").path
    _ = try Self.scan(fixture, reference)
    let db = fixture.root.appendingPathComponent("int.db").path
    let process = Process()
    process.executableURL = CLI.products.appendingPathComponent("blastradius")
    process.arguments = [
      "scan", fixture.tree.path, "--store", db, "--key-file", fixture.key.path, "-q", "-j", "1",
      "--store-commit-files", "20", "--format", "jsonl",
    ]
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    usleep(400_000)
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    if process.terminationStatus == 130 {
      #expect(message.contains("run the same command again to resume"))
      let listing = try CLI.run("blastradius", ["scans", "--store", db, "--format", "jsonl"])
      #expect(listing.records.map { $0["status"] as? String } == ["interrupted"])
    } else {
      // The scan finished before the signal came: nothing to resume.
      #expect(process.terminationStatus == 1, "\(message)")
    }
    let resumed = try Self.scan(fixture, db)
    #expect(resumed.status == 1, "\(resumed.stderr)")
    #expect(try Self.exported(db) == (try Self.exported(reference)))
  }

  /// A store that cannot be written mid-scan (the file size limit stands in for a full disk):
  /// exit status 2, the scan left resumable, and a run without the limit completes it.
  @Test func storeFailingMidScanLeavesAResumableScan() throws {
    let fixture = try Self.tree()
    for i in 0..<600 {
      try fixture.write(
        "bulk/f\(i).txt", String(repeating: "id \(i) SSN \(Self.ssn(i)) x\(i)@example.org\n", count: 20))
    }
    let reference = fixture.root.appendingPathComponent("reference.db").path
    _ = try Self.scan(fixture, reference)
    let db = fixture.root.appendingPathComponent("full.db").path
    let binary = CLI.products.appendingPathComponent("blastradius").path
    let limited = try CLI.execute(
      "/bin/sh",
      [
        "-c",
        "trap '' XFSZ; ulimit -f 12000; exec \"$0\" scan \"$1\" --store \"$2\" --key-file \"$3\" -q --format jsonl --store-commit-files 10",
        binary, fixture.tree.path, db, fixture.key.path,
      ])
    #expect(limited.status == 2, "\(limited.stdout)\(limited.stderr)")
    #expect(limited.stderr.contains("store"), "\(limited.stderr)")
    let listing = try CLI.run("blastradius", ["scans", "--store", db, "--format", "jsonl"])
    #expect(listing.records.first?["status"] as? String != "complete")
    let resumed = try Self.scan(fixture, db)
    #expect(resumed.status == 1, "\(resumed.stderr)")
    #expect(Self.storeSummary(resumed)["resumed"] as? Bool == true, "\(limited.stderr)")
    #expect(try Self.exported(db) == (try Self.exported(reference)))
  }

  @Test func badStoresAreRefusedClearly() throws {
    let fixture = try Self.tree()
    // Not a database.
    let garbage = try fixture.write("../garbage.db", String(repeating: "not sqlite ", count: 500))
    let corrupt = try Self.scan(fixture, garbage)
    #expect(corrupt.status == 2)
    #expect(corrupt.stderr.contains("not a BlastRadius store, or damaged"), "\(corrupt.stderr)")

    // Made by a newer release.
    let db = fixture.root.appendingPathComponent("scan.db").path
    _ = try Self.scan(fixture, db)
    let sql = try CLI.execute(
      "/usr/bin/python3",
      [
        "-c",
        "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v9 future')\"); c.commit()",
        db,
      ])
    #expect(sql.status == 0, "\(sql.stderr)")
    let newer = try Self.scan(fixture, db)
    #expect(newer.status == 2)
    #expect(newer.stderr.contains("made by a newer release of BlastRadius"), "\(newer.stderr)")
    let export = try CLI.run("blastradius", ["export", "--store", db])
    #expect(export.status == 2)

    // Locked by another writer.
    let other = fixture.root.appendingPathComponent("locked.db").path
    _ = try Self.scan(fixture, other)
    let fd = open(other, O_RDONLY)
    #expect(flock(fd, LOCK_EX) == 0)
    let locked = try Self.scan(fixture, other)
    #expect(locked.status == 2)
    #expect(locked.stderr.contains("locked:"), "\(locked.stderr)")
    close(fd)
    // Readers are not writers: export works while a scan holds the lock (here, after).
    #expect(try Self.exported(other).count > 300)

    // No store at all.
    let missing = try CLI.run(
      "blastradius", ["export", "--store", fixture.root.appendingPathComponent("none.db").path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no store here"))
  }

  /// A store made before scans existed (snapshots only) is upgraded in place.
  @Test func olderStoreIsUpgradedInPlace() throws {
    let fixture = try Self.tree()
    let db = fixture.root.appendingPathComponent("old.db").path
    let baseline = try CLI.run(
      "blastradius", ["baseline", fixture.tree.path, "--db", db, "-q", "--format", "jsonl"])
    #expect(baseline.status == 0, "\(baseline.stderr)")
    // Back to the first schema: what a release before scans left.
    let downgrade = try CLI.execute(
      "/usr/bin/python3",
      [
        "-c",
        """
        import sqlite3,sys
        c=sqlite3.connect(sys.argv[1])
        for t in ['scans','scan_files','reads','scan_seen','finding_blocks','read_records','scan_issues',
                  'console_users','console_sessions','console_tokens','console_triage','console_audit']:
            c.execute('DROP TABLE ' + t)
        c.execute('DROP VIEW current_findings')
        c.execute("DELETE FROM grdb_migrations WHERE identifier != 'v1 snapshots'")
        c.commit()
        """, db,
      ])
    #expect(downgrade.status == 0, "\(downgrade.stderr)")
    let scan = try Self.scan(fixture, db)
    #expect(scan.status == 1, "\(scan.stderr)")
    #expect(try Self.exported(db).count > 300)
    let snapshots = try CLI.run("blastradius", ["snapshots", "--db", db, "--format", "jsonl"])
    #expect(snapshots.records.first?["label"] as? String == "baseline")
  }

  /// A store written by the release before blocks were compressed (JSON text, the old view) is
  /// upgraded in place: its findings read back unchanged, and a rescan adds compressed blocks
  /// beside them.
  @Test func textBlocksOfTheSecondSchemaStillRead() throws {
    let fixture = try Self.tree()
    let db = fixture.root.appendingPathComponent("v2.db").path
    #expect(try Self.scan(fixture, db).status == 1)
    let before = try Self.exported(db)
    let findings = before.filter { $0.contains("\"kind\":\"finding\"") }
    let exportFile = fixture.root.appendingPathComponent("findings.jsonl")
    try findings.joined(separator: "\n").write(to: exportFile, atomically: false, encoding: .utf8)
    // With libzstd itself (through ctypes), Python reads the view as this release's connections do
    // (the same records as the export), then takes the store back to the v2 form: every block as
    // text with its fingerprints in the records and 10-byte index entries, and the v2 view.
    let downgrade = try CLI.execute(
      "/usr/bin/python3",
      [
        "-c",
        """
        import ctypes,ctypes.util,json,sqlite3,struct,sys
        z=ctypes.CDLL(ctypes.util.find_library('zstd') or 'libzstd.so.1')
        z.ZSTD_getFrameContentSize.restype=ctypes.c_ulonglong
        z.ZSTD_decompress.restype=ctypes.c_size_t
        def unpack(blob):
            if isinstance(blob,str): return blob
            size=z.ZSTD_getFrameContentSize(blob,len(blob))
            out=ctypes.create_string_buffer(size)
            assert z.ZSTD_decompress(out,ctypes.c_size_t(size),blob,ctypes.c_size_t(len(blob)))==size
            return out.raw.decode()
        def view(c):
            return sorted(json.dumps(json.loads(r[0]),sort_keys=True) for r in c.execute('SELECT record FROM current_findings'))
        exported=sorted(json.dumps(json.loads(l),sort_keys=True) for l in open(sys.argv[2]))
        c=sqlite3.connect(sys.argv[1])
        c.create_function('blastradius_records',1,unpack,deterministic=True)
        assert view(c)==exported, 'the v3 view differs from the export'
        n=0
        for rowid,count,index,blob in c.execute('SELECT rowid, count, values_index, records FROM finding_blocks').fetchall():
            text=unpack(blob)
            assert len(index)==34*count
            entries=[index[34*i:34*i+34] for i in range(count)]
            parts=text.split('"fingerprint":""')
            assert len(parts)==count+1
            text=parts[0]+''.join('"fingerprint":"'+e[2:].hex()+'"'+p for e,p in zip(entries,parts[1:]))
            ends=[i+1 for i,ch in enumerate(text) if ch==chr(10)]
            old=b''.join(e[:2]+e[2:10][::-1] for e in entries)
            c.execute('UPDATE finding_blocks SET records=?, values_index=?, ends=? WHERE rowid=?',
                (text,old,b''.join(struct.pack('<I',e) for e in ends),rowid))
            n+=1
        assert n>0
        c.execute('DROP VIEW current_findings')
        c.execute("CREATE VIEW current_findings AS SELECT f.path AS path, r.scan_id AS scan_id, r.id AS read_id, "
          "json_set(j.value, '$.path', f.path) AS record FROM scan_files f JOIN reads r ON r.id = f.current_read "
          "JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id), json_each(b.records) j WHERE f.present")
        c.execute("DELETE FROM grdb_migrations WHERE identifier = 'v3 compressed findings'")
        c.commit()
        c=sqlite3.connect(sys.argv[1])
        assert view(c)==exported, 'the v2 view differs from the export'
        print(len(exported))
        """, db, exportFile.path,
      ])
    #expect(downgrade.status == 0, "\(downgrade.stderr)")
    #expect(downgrade.stdout == "\(findings.count)\n")
    #expect(try Self.exported(db) == before)
    // A rewritten file is read again: its new blocks are compressed, the others stay text.
    let changed = fixture.tree.appendingPathComponent("dept0/emp0.txt")
    try Data(contentsOf: changed).write(to: changed)
    let rescan = try Self.scan(fixture, db)
    #expect(rescan.status == 1, "\(rescan.stderr)")
    #expect(Self.storeSummary(rescan)["files_read"] as? Int == 1)
    #expect(try Self.exported(db) == before)
    let kinds = try CLI.execute(
      "/usr/bin/python3",
      [
        "-c",
        "import sqlite3,sys; print(sorted({r[0] for r in sqlite3.connect(sys.argv[1]).execute("
          + "'SELECT typeof(records) FROM finding_blocks')}))",
        db,
      ])
    #expect(kinds.stdout == "['blob', 'text']\n", "\(kinds.stderr)")
    // A damaged frame is an error, not a silently shorter export.
    let damage = try CLI.execute(
      "/usr/bin/python3",
      [
        "-c",
        "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE finding_blocks SET records="
          + "x'28b52ffd0000' WHERE typeof(records)='blob'\"); c.commit()",
        db,
      ])
    #expect(damage.status == 0, "\(damage.stderr)")
    let broken = try CLI.run("blastradius", ["export", "--store", db])
    #expect(broken.status == 2)
    #expect(broken.stderr.contains("a block of findings is damaged"), "\(broken.stderr)")
  }

  /// Raw values are stored only with --reveal --store-values, encrypted: the file never holds them.
  @Test func revealedValuesAreEncryptedAtRest() throws {
    let fixture = try Self.tree()
    let db = fixture.root.appendingPathComponent("values.db").path
    let valuesKey = fixture.root.appendingPathComponent("values.key").path
    try Data(repeating: 9, count: 32).write(to: URL(fileURLWithPath: valuesKey))
    let scan = try Self.scan(fixture, db, ["--reveal", "--store-values", "--values-key", valuesKey])
    #expect(scan.status == 1, "\(scan.stderr)")
    let checkpoint = try CLI.execute(
      "/usr/bin/python3",
      [
        "-c",
        "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)')",
        db,
      ])
    #expect(checkpoint.status == 0)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
    #expect(bytes.range(of: Data(Self.ssn(3).utf8)) == nil)
    #expect(bytes.range(of: Data("jane.3@example.com".utf8)) == nil)

    let masked = try CLI.run("blastradius", ["export", "--store", db])
    #expect(!masked.stdout.contains(Self.ssn(3)))
    let revealed = try CLI.run(
      "blastradius", ["export", "--store", db, "--reveal", "--values-key", valuesKey])
    #expect(revealed.status == 0, "\(revealed.stderr)")
    #expect(revealed.stdout.contains("\"value\":\"\(Self.ssn(3))\""))
    // Without --store-values, --reveal keeps values out of the store.
    let plain = fixture.root.appendingPathComponent("plain.db").path
    _ = try Self.scan(fixture, plain, ["--reveal"])
    let none = try CLI.run(
      "blastradius", ["export", "--store", plain, "--reveal", "--values-key", valuesKey])
    #expect(!none.stdout.contains(Self.ssn(3)))
    let refused = try Self.scan(fixture, plain, ["--store-values"])
    #expect(refused.status == 2)
  }

  /// The report from a store equals the report from the same scan's JSONL; CSV export has a
  /// row per finding.
  @Test func reportAndCSVFromTheStore() throws {
    let fixture = try Self.tree()
    let plain = try fixture.scan(["-j", "2"])
    let log = fixture.root.appendingPathComponent("scan.jsonl").path
    try Data(plain.stdout.utf8).write(to: URL(fileURLWithPath: log))
    let db = fixture.root.appendingPathComponent("scan.db").path
    _ = try Self.scan(fixture, db)
    let fromLog = try CLI.run("blastradius", ["report", log])
    let fromStore = try CLI.run("blastradius", ["report", "--store", db])
    #expect(fromStore.status == 0, "\(fromStore.stderr)")
    #expect(fromStore.stdout == fromLog.stdout)
    #expect(fromStore.stdout.contains("complete scan"))
    let csv = try CLI.run("blastradius", ["export", "--store", db, "--format", "csv"])
    let rows = csv.stdout.split(separator: "\n")
    #expect(
      rows.first
        == "path,within,detector,category,confidence,line,column,offset,sheet,cell,page,masked,fingerprint,value"
    )
    #expect(rows.count - 1 == plain.findings.count)
  }
}
