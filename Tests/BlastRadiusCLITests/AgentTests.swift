import Foundation
import Synchronization
import Testing

/// Agents sharing scans through the PostgreSQL store's work queue (`scan --plan`, `agent`,
/// `status`), against a real server: several agents, one killed with SIGKILL mid-item, give
/// exactly what one process gives; an item given up makes its scan incomplete; a value on two
/// hosts counts once.
@Suite(.serialized) struct AgentTests {
  static func store() throws -> String { try PostgresStoreTests.store() }

  /// Hands the scan of `fixture`'s tree to agents as the shared tree "tree".
  static func plan(_ fixture: Fixture, _ url: String, _ extra: [String] = []) throws -> CLI.Result {
    try CLI.run(
      "blastradius",
      ["scan", "--store", url, "--plan", fixture.tree.path, "--key-file", fixture.key.path, "--host", "tree"]
        + extra)
  }

  /// Runs one agent until the queue has nothing left for it.
  static func agent(_ fixture: Fixture, _ url: String, _ name: String, _ extra: [String] = []) throws
    -> CLI.Result
  {
    try agent(key: fixture.key.path, url, name, extra)
  }

  static func agent(key: String, _ url: String, _ name: String, _ extra: [String] = []) throws -> CLI.Result {
    let options = ["--exit-when-idle", "--lease", "2", "--batch-files", "4", "-j", "1"]
    return try CLI.run(
      "blastradius", ["agent", "--store", url, "--name", name, "--key-file", key] + options + extra)
  }

  static func status(_ url: String) throws -> [String: Any] {
    let result = try CLI.run("blastradius", ["status", "--store", url, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
  }

  static func scans(_ status: [String: Any]) -> [[String: Any]] { status["scans"] as? [[String: Any]] ?? [] }

  @Test func threeAgentsOneKilledGiveWhatOneProcessGives() throws {
    let fixture = try ScanStoreTests.tree()
    let url = try Self.store()
    let planned = try Self.plan(fixture, url)
    #expect(planned.status == 0, "\(planned.stderr)")
    #expect(planned.stdout == "scan #1 on tree: handed to the agents\n")
    let waiting = Self.scans(try Self.status(url))
    #expect(waiting.first?["complete"] is NSNull)
    #expect(
      (waiting.first?["items"] as? [String: Int]) == ["pending": 1, "running": 0, "done": 0, "failed": 0])

    // The first agent lists the root, then dies inside the commit of its second item, after its
    // findings were sent: the others wait for its lease to expire and take the item over.
    let killed = try Self.agent(fixture, url, "k1", ["--test-kill-in-item", "2"])
    #expect(killed.status == 9, "\(killed.stderr)")
    let midway = Self.scans(try Self.status(url)).first
    #expect(midway?["complete"] is NSNull)
    #expect((midway?["items"] as? [String: Int])?["running"] == 1)
    let others = Mutex<[String]>([])
    let key = fixture.key.path
    DispatchQueue.concurrentPerform(iterations: 2) { i in
      // Each scans two items at once.
      let r = try? Self.agent(key: key, url, "k\(i + 2)", ["-j", "2"])
      if r?.status != 0 { others.withLock { $0.append(r?.stderr ?? "did not run") } }
    }
    #expect(others.withLock { $0 } == [])
    let done = try Self.status(url)
    let scan = Self.scans(done).first
    #expect(scan?["complete"] as? Bool == true)
    #expect((scan?["items"] as? [String: Int])?["failed"] == 0)
    #expect((scan?["items"] as? [String: Int])?["running"] == 0)
    let agents = (done["agents"] as? [[String: Any]] ?? []).map { $0["name"] as? String ?? "" }
    #expect(agents == ["k1", "k2", "k3"])
    // The killed agent never said it stopped: once its heartbeat is old, status calls it silent.
    _ = try PostgresStoreTests.server().sql(
      url, "UPDATE agents SET heartbeat = now() - interval '10 minutes' WHERE name = 'k1'")
    let table = try CLI.run("blastradius", ["status", "--store", url]).stdout
    #expect(table.contains("SILENT (killed or cut off?), last heartbeat 600 s ago"), "\(table)")
    #expect(table.components(separatedBy: "SILENT").count == 2)
    // The dead agent's item was taken once more; no read was left half written.
    #expect(try PostgresStoreTests.server().sql(url, "SELECT MAX(attempts) FROM work_items") == "2\n")
    #expect(
      try PostgresStoreTests.server().sql(url, "SELECT COUNT(*) FROM reads WHERE NOT complete") == "0\n")

    // The same as one agent alone, and as the SQLite store scanned by one process.
    let alone = try Self.store()
    #expect(try Self.plan(fixture, alone).status == 0)
    #expect(try Self.agent(fixture, alone, "solo").status == 0)
    let sqlite = fixture.root.appendingPathComponent("one.db").path
    #expect(try ScanStoreTests.scan(fixture, sqlite).status == 1)
    let shared = try ScanStoreTests.exported(url)
    #expect(shared.count > 300)
    #expect(shared == (try ScanStoreTests.exported(alone)))
    #expect(shared == (try ScanStoreTests.exported(sqlite)))
    #expect(try ScanStoreTests.exported(url, ["--scan", "1"]) == shared)
    let report = try CLI.run("blastradius", ["report", "--store", url])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout == (try CLI.run("blastradius", ["report", "--store", sqlite])).stdout)
    #expect(report.stdout == (try CLI.run("blastradius", ["report", "--store", alone])).stdout)

    // The scan's summary counts what one process counts.
    let summaries = try CLI.run("blastradius", ["export", "--store", url]).records.filter {
      $0["kind"] as? String == "summary"
    }
    let single = try CLI.run("blastradius", ["export", "--store", sqlite]).records.filter {
      $0["kind"] as? String == "summary"
    }
    #expect(summaries.count == 1)
    for key in ["files", "bytes", "findings", "errors", "complete"] {
      #expect("\(summaries.first?[key] ?? "-")" == "\(single.first?[key] ?? "+")", "\(key)")
    }
    #expect(
      NSDictionary(dictionary: summaries.first?["detectors"] as? [String: Any] ?? [:])
        == NSDictionary(dictionary: single.first?["detectors"] as? [String: Any] ?? ["-": 0]))

    // A rescan handed to the agents reads nothing unchanged.
    #expect(try Self.plan(fixture, url).stdout == "scan #2 on tree: handed to the agents\n")
    #expect(try Self.agent(fixture, url, "k2").status == 0)
    let listing = try CLI.run("blastradius", ["scans", "--store", url, "--format", "jsonl"])
    // Every file once (the copy of the large CSV may have been found by content, if its original
    // was committed first), then nothing read.
    #expect(
      listing.records.map { ($0["files_read"] as? Int ?? 0) + ($0["files_reused"] as? Int ?? 0) } == [64, 64])
    #expect(listing.records.last?["files_read"] as? Int == 0)
    #expect(try ScanStoreTests.exported(url) == shared)
  }

  /// The scan's settings reach the agents: what they find is what `scan` finds with the same options.
  @Test func agentsScanWithThePlansSettings() throws {
    let fixture = try ScanStoreTests.tree()
    let url = try Self.store()
    let options = [
      "--only", "us_ssn,email_address", "--min-confidence", "high", "--exclude", "*.csv", "--max-depth", "0",
    ]
    let planned = try CLI.run(
      "blastradius",
      ["scan", "--store", url, "--plan", fixture.tree.path, "--key-file", fixture.key.path] + options + [
        "--exclude", "dept2",
      ])
    #expect(planned.status == 0, "\(planned.stderr)")
    #expect(try Self.agent(fixture, url, "a").status == 0)
    let sqlite = fixture.root.appendingPathComponent("same.db").path
    let direct = try fixture.scan(["--store", sqlite] + options + ["--exclude", "dept2"])
    #expect(direct.status == 1, "\(direct.stderr)")
    let exported = try ScanStoreTests.exported(url)
    #expect(exported == (try ScanStoreTests.exported(sqlite)))
    let findings = exported.filter { $0.contains("\"kind\":\"finding\"") }
    #expect(!findings.isEmpty)
    #expect(findings.allSatisfy { !$0.contains(".csv\"") && !$0.contains("/dept2/") })
    let detectors = Set(
      findings.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        .compactMap { $0["detector"] as? String })
    #expect(
      detectors.contains("us_ssn") && detectors.isSubset(of: ["us_ssn", "email_address"]), "\(detectors)")
  }

  @Test func anItemGivenUpMakesTheScanIncomplete() throws {
    let fixture = try ScanStoreTests.tree()
    let url = try Self.store()
    #expect(try Self.plan(fixture, url, ["--attempts", "1"]).status == 0)
    // Killed on its first item, the root: with one attempt allowed, nobody takes it again.
    #expect(try Self.agent(fixture, url, "k1", ["--test-kill-in-item", "1"]).status == 9)
    let survivor = try Self.agent(fixture, url, "k2")
    #expect(survivor.status == 0, "\(survivor.stderr)")
    let scan = Self.scans(try Self.status(url)).first
    #expect(scan?["complete"] as? Bool == false)
    #expect((scan?["items"] as? [String: Int]) == ["pending": 0, "running": 0, "done": 0, "failed": 1])
    let table = try CLI.run("blastradius", ["status", "--store", url])
    #expect(table.stdout.contains("#1 tree \(fixture.tree.path): INCOMPLETE: 1 items not scanned"))
    let exported = try CLI.run("blastradius", ["export", "--store", url])
    #expect(exported.findings.isEmpty)
    #expect(exported.errors.map { $0["code"] as? String } == ["not_scanned"])
    #expect(exported.errors.first?["path"] as? String == fixture.tree.path)
    #expect(
      (exported.errors.first?["message"] as? String)?.hasPrefix(
        "work item not scanned: given up after 1 attempts: the last agent to hold it (k1) stopped") == true)
    #expect(exported.summary["complete"] as? Bool == false)
    #expect((exported.summary["errors_by_code"] as? [String: Int]) == ["not_scanned": 1])
  }

  @Test func anAgentWithAnotherKeyLeavesTheScanToOthers() throws {
    let fixture = try ScanStoreTests.tree()
    let url = try Self.store()
    #expect(try Self.plan(fixture, url).status == 0)
    let otherKey = fixture.root.appendingPathComponent("other.key")
    try Data(repeating: 9, count: 32).write(to: otherKey)
    let stranger = try CLI.run(
      "blastradius",
      ["agent", "--store", url, "--name", "stranger", "--key-file", otherKey.path, "--exit-when-idle"])
    #expect(stranger.status == 0, "\(stranger.stderr)")
    #expect(stranger.stderr.contains("cannot take the items of scan #1: this agent's configuration differs"))
    #expect((Self.scans(try Self.status(url)).first?["items"] as? [String: Int])?["pending"] == 1)
    #expect(try Self.agent(fixture, url, "member").status == 0)
    #expect(Self.scans(try Self.status(url)).first?["complete"] as? Bool == true)
  }

  @Test func hostsWithTheSameFileCountItsValuesOnce() throws {
    let fixture = try Fixture()
    var shared = ""
    for i in 0..<3000 { shared += "row \(i), SSN \(ScanStoreTests.ssn(i % 40))\n" }
    let a = fixture.tree.appendingPathComponent("hostA")
    let b = fixture.tree.appendingPathComponent("hostB")
    try fixture.write("hostA/exports/people.csv", shared)
    try fixture.write("hostB/backup/people-2014.csv", shared)
    try fixture.write("hostA/notes.txt", "SSN: \(ScanStoreTests.ssn(500))\nSSN: \(ScanStoreTests.ssn(3))\n")
    try fixture.write("hostB/memo.txt", "SSN: \(ScanStoreTests.ssn(501))\n")
    let url = try Self.store()
    // Each agent scans its own host's roots.
    for (name, root) in [("alpha", a), ("beta", b)] {
      let run = try CLI.run(
        "blastradius",
        [
          "agent", "--store", url, "--name", name, "--host", name, "--root", root.path, "--key-file",
          fixture.key.path,
          "--exit-when-idle", "-j", "1",
        ])
      #expect(run.status == 0, "\(run.stderr)")
    }
    let status = try Self.status(url)
    #expect(Self.scans(status).map { $0["host"] as? String } == ["alpha", "beta"])
    #expect(Self.scans(status).map { $0["complete"] as? Bool } == [true, true])
    #expect((status["hosts"] as? [[String: Any]])?.map { $0["host"] as? String } == ["alpha", "beta"])
    // beta's copy was not read: its findings are alpha's, under its own path.
    #expect(
      try PostgresStoreTests.server().sql(url, "SELECT COUNT(*) FROM reads WHERE source_read IS NOT NULL")
        == "1\n")
    let exported = try CLI.run("blastradius", ["export", "--store", url])
    let paths = Set(exported.findings.compactMap { $0["path"] as? String })
    #expect(
      paths
        == Set(
          ["exports/people.csv", "notes.txt"].map { a.path + "/" + $0 }
            + ["backup/people-2014.csv", "memo.txt"].map { b.path + "/" + $0 }))
    // One answer across hosts: the same as one process scanning both trees.
    let sqlite = fixture.root.appendingPathComponent("both.db").path
    let both = try fixture.scan(["--store", sqlite], paths: [a.path, b.path])
    #expect(both.status == 1, "\(both.stderr)")
    #expect(try ScanStoreTests.exported(url) == (try ScanStoreTests.exported(sqlite)))
    let report = try CLI.run(
      "blastradius", ["report", "--store", url, "--json", fixture.root.appendingPathComponent("r.json").path])
    #expect(report.status == 0, "\(report.stderr)")
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: fixture.root.appendingPathComponent("r.json")))
    let detectors = ((json as? [String: Any])?["detectors"] as? [String: Any])?["us_ssn"] as? [String: Any]
    // 40 in the shared file, 2 more on alpha (one of them also in the file), 1 on beta.
    #expect(detectors?["unique"] as? Int == 42)
    #expect(((json as? [String: Any])?["headline"] as? [String: Any])?["unique_ssns"] as? Int == 42)
    #expect(report.stdout == (try CLI.run("blastradius", ["report", "--store", sqlite])).stdout)
  }
}
