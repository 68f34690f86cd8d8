import Crypto
import Foundation
import Synchronization
import Testing

/// The scan store in a real PostgreSQL 15 server (`PostgresServer`): the same results as the
/// SQLite store, resumable after kill -9, incremental, and closed to passwords in URLs.
@Suite(.serialized) struct PostgresStoreTests {
  static func server() throws -> PostgresServer { try PostgresServer.shared.get() }

  /// A new database with the store's schema.
  static func store() throws -> String {
    let url = try server().database()
    let initialized = try CLI.run("blastradius", ["store", "init", url])
    #expect(initialized.status == 0, "\(initialized.stderr)")
    return url
  }

  @Test func sameFindingsAsTheSQLiteStore() throws {
    let fixture = try ScanStoreTests.tree()
    let url = try Self.store()
    let scan = try ScanStoreTests.scan(fixture, url)
    #expect(scan.status == 1, "\(scan.stderr)")
    let sqlite = fixture.root.appendingPathComponent("same.db").path
    #expect(try ScanStoreTests.scan(fixture, sqlite).status == 1)
    let inPostgres = try ScanStoreTests.exported(url)
    #expect(inPostgres.count > 300)
    #expect(inPostgres == (try ScanStoreTests.exported(sqlite)))
    #expect(ScanStoreTests.storeSummary(scan)["files_read"] as? Int == 64)

    // Unchanged: nothing read, the same counts; touched: one file read.
    let again = try ScanStoreTests.scan(fixture, url)
    #expect(ScanStoreTests.storeSummary(again)["files_read"] as? Int == 0)
    #expect(ScanStoreTests.sameDetectors(scan, again))
    let touched = fixture.tree.appendingPathComponent("dept1/emp3.txt")
    try Data(contentsOf: touched).write(to: touched)
    let third = try ScanStoreTests.scan(fixture, url)
    #expect(ScanStoreTests.storeSummary(third)["files_read"] as? Int == 1)
    #expect(try ScanStoreTests.exported(url) == inPostgres)

    // A new copy of the large CSV is not matched: its findings are attributed to it.
    let copy = fixture.tree.appendingPathComponent("dept3/contacts (1).csv")
    try FileManager.default.copyItem(
      at: fixture.tree.appendingPathComponent("exports/contacts.csv"), to: copy)
    let withCopy = try ScanStoreTests.scan(fixture, url)
    #expect(ScanStoreTests.storeSummary(withCopy)["files_read"] as? Int == 0)
    #expect(ScanStoreTests.storeSummary(withCopy)["files_reused"] as? Int == 65)
    #expect(try Self.server().sql(url, "SELECT COUNT(*) FROM reads WHERE source_read IS NOT NULL") == "1\n")
    let plain = try fixture.scan(["-j", "2"])
    let plainLines = plain.stdout.split(separator: "\n").filter { !$0.contains("\"kind\":\"summary\"") }
      .map(String.init).sorted()
    #expect(try ScanStoreTests.exported(url) == plainLines)
    #expect(ScanStoreTests.sameDetectors(withCopy, plain))

    // The scans it keeps, and what changed between the first and the last: one new file, whose
    // values were all there already.
    let listing = try CLI.run("blastradius", ["scans", "--store", url, "--format", "jsonl"])
    #expect(listing.status == 0, "\(listing.stderr)")
    #expect(
      listing.records.map { $0["status"] as? String } == ["complete", "complete", "complete", "complete"])
    #expect(listing.records.map { $0["files_read"] as? Int } == [64, 0, 1, 0])
    // One key for all of them: the fixture's.
    #expect(Set(listing.records.compactMap { $0["key_id"] as? String }).count == 1)
    let diff = try CLI.run("blastradius", ["scans", "--store", url, "--diff", "1", "4", "--format", "jsonl"])
    #expect(diff.status == 0, "\(diff.stderr)")
    #expect(diff.records.first?["new_files"] as? [String] == [copy.path])
    #expect(diff.records.first?["gone_files"] as? [String] == [])
    #expect((diff.records.first?["detectors"] as? [String: Any])?.isEmpty == true)

    // The report reads the same store, and says what the SQLite one says.
    #expect(try ScanStoreTests.scan(fixture, sqlite).status == 1)
    let report = try CLI.run("blastradius", ["report", "--store", url])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout == (try CLI.run("blastradius", ["report", "--store", sqlite])).stdout)
  }

  @Test(arguments: [1, 3]) func killedScanResumesToTheSameResult(commit: Int) throws {
    let fixture = try ScanStoreTests.tree()
    let reference = try Self.store()
    #expect(try ScanStoreTests.scan(fixture, reference).status == 1)
    let expected = try ScanStoreTests.exported(reference)

    let url = try Self.store()
    let killed = try ScanStoreTests.scan(
      fixture, url, ["--store-commit-files", "5", "--test-kill-after-commit", "\(commit)"])
    #expect(killed.status == 9 || killed.status == 137, "\(killed.stderr)")
    #expect(try Self.server().sql(url, "SELECT status FROM scans") == "running\n")
    let resumed = try ScanStoreTests.scan(fixture, url)
    #expect(resumed.status == 1, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming scan #1"))
    #expect(try ScanStoreTests.exported(url) == expected)
    #expect(try Self.server().sql(url, "SELECT status FROM scans") == "complete\n")
    // Killed inside a commit: nothing of it stays.
    let inCommit = try Self.store()
    let dead = try ScanStoreTests.scan(
      fixture, inCommit, ["--store-commit-files", "5", "--test-kill-in-commit", "\(commit)"])
    #expect(dead.status == 9 || dead.status == 137)
    #expect(try ScanStoreTests.scan(fixture, inCommit).status == 1)
    #expect(try ScanStoreTests.exported(inCommit) == expected)
  }

  /// Two hosts with disjoint roots and a file in common: the second host does not match its copy
  /// again, both copies are listed, and the numbers are those of one scan of both roots.
  @Test func hostsSharingAFileCountItsValuesOnce() throws {
    let fixture = try ScanStoreTests.tree()
    let alpha = fixture.tree.appendingPathComponent("exports").path
    let beta = fixture.tree.appendingPathComponent("backup").path
    let url = try Self.store()
    let first = try fixture.scan(["--store", url, "--host", "alpha"], paths: [alpha])
    #expect(first.status == 1, "\(first.stderr)")
    let second = try fixture.scan(["--store", url, "--host", "beta"], paths: [beta])
    #expect(second.status == 1, "\(second.stderr)")
    // backup/ holds contacts-copy.csv (the same bytes as exports/contacts.csv) and w2.zip.
    #expect(ScanStoreTests.storeSummary(second)["files_read"] as? Int == 1)
    #expect(ScanStoreTests.storeSummary(second)["files_reused"] as? Int == 1)
    #expect(
      try Self.server().sql(url, "SELECT host, COUNT(*) FROM scan_files GROUP BY host ORDER BY host")
        == "alpha|1\nbeta|2\n")
    #expect(try Self.server().sql(url, "SELECT COUNT(*) FROM reads WHERE source_read IS NOT NULL") == "1\n")

    let sqlite = fixture.root.appendingPathComponent("both.db").path
    #expect(try fixture.scan(["--store", sqlite], paths: [alpha, beta]).status == 1)
    #expect(try ScanStoreTests.exported(url) == (try ScanStoreTests.exported(sqlite)))
    let shared = try CLI.run("blastradius", ["report", "--store", url])
    #expect(shared.status == 0, "\(shared.stderr)")
    #expect(shared.stdout == (try CLI.run("blastradius", ["report", "--store", sqlite])).stdout)
  }

  /// `sslmode=require` encrypts (the server logs the connection as TLS) without checking the
  /// self-signed certificate; `verify-full` refuses it.
  @Test func tlsAsAsked() throws {
    let server = try Self.server()
    let url = try Self.store()
    let secure = url.replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")
    let exported = try CLI.run("blastradius", ["export", "--store", secure])
    #expect(exported.status == 0, "\(exported.stderr)")
    let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
    #expect(
      server.log.split(separator: "\n").contains {
        $0.contains("database=\(database)") && $0.contains("SSL enabled")
      }, "\(server.log.suffix(2000))")
    let checked = url.replacingOccurrences(of: "sslmode=disable", with: "sslmode=verify-full")
    let refused = try CLI.run("blastradius", ["export", "--store", checked])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("connecting"), "\(refused.stderr)")
  }

  /// A second writer of the same host's roots is refused at once while the first holds the
  /// lock (here a psql session holding the same advisory lock); another host's scan goes on.
  @Test func secondWriterOfTheSameRootsIsRefused() throws {
    let fixture = try ScanStoreTests.tree()
    let server = try Self.server()
    let url = try Self.store()
    let root = fixture.tree.appendingPathComponent("dept0").path
    let digest = Array(SHA256.hash(data: Array("alpha\n\(root)".utf8)))
    let key = digest.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
    let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: PostgresServer.bin + "/psql")
    holder.arguments = [
      "-h", "127.0.0.1", "-p", "\(server.port)", "-U", "blastradius", "-d", database, "-c",
      "SELECT pg_advisory_lock(\(key)), pg_sleep(20)",
    ]
    holder.standardOutput = FileHandle.nullDevice
    holder.standardError = FileHandle.nullDevice
    try holder.run()
    defer { holder.terminate() }
    // Until psql holds the lock.
    for _ in 0..<100 {
      if try server.sql(url, "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") == "1\n"
      {
        break
      }
      usleep(50_000)
    }
    let refused = try fixture.scan(["--store", url, "--host", "alpha"], paths: [root])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("locked: another scan of these roots on alpha"), "\(refused.stderr)")
    let other = try fixture.scan(["--store", url, "--host", "beta"], paths: [root])
    #expect(other.status == 1, "\(other.stderr)")
  }

  /// The rights docs/store.md lists for a scanning role suffice for a scan, a kill and its
  /// resumption, and for an agent; a reporting role with SELECT alone exports, and cannot scan.
  @Test func documentedRightsSuffice() throws {
    let fixture = try ScanStoreTests.tree()
    let server = try Self.server()
    let url = try Self.store()
    let role = "scanner_\(UInt32.random(in: 0...UInt32.max))"
    let reader = "reader_\(UInt32.random(in: 0...UInt32.max))"
    _ = try server.sql(
      url,
      """
      CREATE ROLE \(role) LOGIN PASSWORD '\(PostgresServer.password)';
      CREATE ROLE \(reader) LOGIN PASSWORD '\(PostgresServer.password)';
      GRANT SELECT ON blastradius_migrations TO \(role);
      GRANT SELECT, INSERT, UPDATE ON scans, scan_files TO \(role);
      GRANT SELECT, INSERT, UPDATE, DELETE ON reads, scan_seen TO \(role);
      GRANT SELECT, INSERT, DELETE ON finding_blocks, read_records, scan_issues TO \(role);
      GRANT SELECT, INSERT, UPDATE ON work_items, agents TO \(role);
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(role);
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(reader);
      """)
    let asScanner = url.replacingOccurrences(of: "blastradius@", with: "\(role)@")
    let killed = try ScanStoreTests.scan(
      fixture, asScanner, ["--store-commit-files", "5", "--test-kill-after-commit", "2"])
    #expect(killed.status == 9 || killed.status == 137, "\(killed.stderr)")
    let resumed = try ScanStoreTests.scan(fixture, asScanner)
    #expect(resumed.status == 1, "\(resumed.stderr)")
    // An agent, and a scan handed to it, under the same rights.
    #expect(try AgentTests.plan(fixture, asScanner).status == 0)
    let agent = try AgentTests.agent(fixture, asScanner, "limited")
    #expect(agent.status == 0, "\(agent.stderr)")
    #expect(AgentTests.scans(try AgentTests.status(url)).first?["complete"] as? Bool == true)
    let asReader = url.replacingOccurrences(of: "blastradius@", with: "\(reader)@")
    #expect(try ScanStoreTests.exported(asReader) == (try ScanStoreTests.exported(url)))
    let denied = try ScanStoreTests.scan(fixture, asReader)
    #expect(denied.status == 2)
    #expect(denied.stderr.contains("permission denied"), "\(denied.stderr)")
  }

  /// Hosts setting the store up at the same moment: every `store init` succeeds, once each
  /// migration.
  @Test func concurrentInitsAgree() throws {
    let server = try Self.server()
    let url = try server.database()
    let results = Mutex<[Int32]>([])
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      let status = (try? CLI.run("blastradius", ["store", "init", url]))?.status ?? -1
      results.withLock { $0.append(status) }
    }
    #expect(results.withLock { $0 } == [0, 0, 0, 0])
    #expect(
      try server.sql(url, "SELECT identifier FROM blastradius_migrations ORDER BY identifier")
        == "v1 scans\nv2 work queue\nv3 console\nv4 file findings\n")
  }

  @Test func badURLsAndStoresAreRefusedClearly() throws {
    let fixture = try ScanStoreTests.tree()
    let server = try Self.server()
    // A password in the URL would show in `ps`: refused before anything is sent.
    let withPassword = try ScanStoreTests.scan(
      fixture, "postgres://blastradius:hunter2@127.0.0.1:\(server.port)/postgres")
    #expect(withPassword.status == 2)
    #expect(withPassword.stderr.contains("set PGPASSWORD or ~/.pgpass instead"), "\(withPassword.stderr)")
    #expect(!withPassword.stderr.contains("hunter2"))
    // A database without the schema.
    let empty = try server.database()
    let uninitialized = try ScanStoreTests.scan(fixture, empty)
    #expect(uninitialized.status == 2)
    #expect(uninitialized.stderr.contains("no store here: `blastradius store init URL` creates one"))
    // A wrong password.
    let denied = try CLI.run(
      "blastradius", ["export", "--store", try Self.store()], environment: ["PGPASSWORD": "wrong"])
    #expect(denied.status == 2)
    #expect(denied.stderr.contains("password authentication failed"), "\(denied.stderr)")
    // A store a newer release upgraded.
    let newer = try Self.store()
    _ = try server.sql(newer, "INSERT INTO blastradius_migrations (identifier) VALUES ('v99 future')")
    let refused = try ScanStoreTests.scan(fixture, newer)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("made by a newer release"), "\(refused.stderr)")
  }
}
