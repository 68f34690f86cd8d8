import Foundation
import Testing

/// The console over a PostgreSQL store (a real PostgreSQL 15 server): the same figures as over
/// the SQLite store of the same tree, sessions and tokens kept in PostgreSQL, and a value marked
/// false positive counted out of the API and of `report --store`, also after a rescan.
@Suite(.serialized) struct ConsolePostgresTests {
  /// A cursor as a query value.
  static func query(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
  }

  /// GET `path` of a console with a bearer token; the body parsed as JSON.
  static func get(_ server: ConsoleProcess, _ path: String, _ token: String) throws -> [String: Any] {
    let result = try CLI.execute(
      "/usr/bin/curl", ["-sS", "-H", "Authorization: Bearer \(token)", server.base + path])
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  /// The distinct SSNs of a summary.
  static func uniqueSSNs(_ summary: [String: Any]) -> Int? {
    ((summary["detectors"] as? [String: Any])?["us_ssn"] as? [String: Any])?["unique"] as? Int
  }

  static func token(_ store: String, scope: String) throws -> String {
    let created = try CLI.run(
      "blastradius", ["token", "create", "--user", "ops", "--scope", scope, "--store", store])
    #expect(created.status == 0, "\(created.stderr)")
    return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func theConsoleOverPostgresAgreesWithSQLite() throws {
    let fixture = try ScanStoreTests.tree()
    let url = try PostgresStoreTests.store()
    #expect(try ScanStoreTests.scan(fixture, url).status == 1)
    let sqlite = fixture.root.appendingPathComponent("console.db").path
    #expect(try ScanStoreTests.scan(fixture, sqlite).status == 1)
    for store in [url, sqlite] {
      let added = try ConsoleProcess.addUser(
        "ops", role: "admin", password: "console test password", store: store)
      #expect(added.status == 0, "\(added.stderr)")
    }
    let users = try CLI.run("blastradius", ["user", "list", "--store", url])
    #expect(users.stdout == "ops\tadmin\n")
    let (pgToken, liteToken) = (try Self.token(url, scope: "triage"), try Self.token(sqlite, scope: "read"))
    #expect(try PostgresStoreTests.server().sql(url, "SELECT COUNT(*) FROM console_tokens") == "1\n")
    let pg = try ConsoleProcess(store: url)
    let lite = try ConsoleProcess(store: sqlite)

    // The same headline, values and findings from both stores.
    let summary = try Self.get(pg, "/api/v1/summary", pgToken)
    let liteSummary = try Self.get(lite, "/api/v1/summary", liteToken)
    for key in ["files", "files_with_findings", "findings", "complete"] {
      #expect("\(summary[key] ?? "nil")" == "\(liteSummary[key] ?? "nil")", "\(key)")
    }
    #expect(
      NSDictionary(dictionary: summary["detectors"] as? [String: Any] ?? [:])
        == NSDictionary(dictionary: liteSummary["detectors"] as? [String: Any] ?? [:]))
    let values = try Self.get(pg, "/api/v1/values?limit=500", pgToken)["values"] as? [[String: Any]] ?? []
    let liteValues =
      try Self.get(lite, "/api/v1/values?limit=500", liteToken)["values"] as? [[String: Any]] ?? []
    #expect(values.count > 50)
    #expect(
      values.map { "\($0["id"]!) \($0["findings"]!) \($0["files"]!)" }
        == liteValues.map {
          "\($0["id"]!) \($0["findings"]!) \($0["files"]!)"
        })
    var findings: [[String: Any]] = []
    var after: String?
    repeat {
      let page = try Self.get(
        pg, "/api/v1/findings?limit=1000" + (after.map { "&after=" + Self.query($0) } ?? ""), pgToken)
      findings += page["findings"] as? [[String: Any]] ?? []
      after = page["next"] as? String
    } while after != nil && findings.count < 100_000
    #expect(findings.count == (summary["findings"] as? Int))

    // A session kept in PostgreSQL: sign in with the form, see the overview.
    let jar = fixture.root.appendingPathComponent("cookies").path
    let form = try CLI.execute("/usr/bin/curl", ["-sS", "-c", jar, pg.base + "/login"])
    let csrf = try #require(
      form.stdout.range(of: "name=\"csrf\" value=\"").map { String(form.stdout[$0.upperBound...].prefix(64)) }
    )
    let signIn = try CLI.execute(
      "/usr/bin/curl",
      [
        "-sS", "-b", jar, "-c", jar, "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
        "--data", "csrf=\(csrf)&user=ops&password=console+test+password", pg.base + "/login",
      ])
    #expect(signIn.stdout == "303 \(pg.base)/")
    let overview = try CLI.execute("/usr/bin/curl", ["-sS", "-b", jar, pg.base + "/"])
    #expect(overview.stdout.contains("<h1>Overview</h1>") && overview.stdout.contains("Sign out ops"))
    #expect(try PostgresStoreTests.server().sql(url, "SELECT COUNT(*) FROM console_sessions") == "1\n")
    // One value's places, read from the blocks that hold it.
    let top = try #require(values.first)
    let valuePage = try CLI.execute("/usr/bin/curl", ["-sS", "-b", jar, pg.base + "/value?id=\(top["id"]!)"])
    #expect(
      valuePage.stdout.contains("\(top["findings"]!) findings in \(top["files"]!) files"),
      "\(valuePage.stdout.prefix(3000))")
    #expect(
      valuePage.stdout.components(separatedBy: "action=\"/reveal\"").count - 1
        == min(200, top["findings"] as? Int ?? 0))

    // An SSN marked false positive: one fewer in the API and in the report, also after a rescan.
    let ssn = try #require(findings.first { $0["detector"] as? String == "us_ssn" })
    let fingerprint = try #require(ssn["fingerprint"] as? String)
    let before = try #require(Self.uniqueSSNs(summary))
    let marked = try CLI.execute(
      "/usr/bin/curl",
      [
        "-sS", "-H", "Authorization: Bearer \(pgToken)", "--data",
        "scope=value&key=\(fingerprint)&detector=us_ssn&state=false_positive&comment=test",
        pg.base + "/api/v1/triage",
      ])
    #expect(marked.stdout.contains("\"state\":\"false_positive\""), "\(marked.stdout)")
    #expect(Self.uniqueSSNs(try Self.get(pg, "/api/v1/summary", pgToken)) == before - 1)
    #expect(try ConsoleCommandTests.uniqueSSNs(url, in: fixture) == before - 1)
    let touched = fixture.tree.appendingPathComponent("dept1/emp3.txt")
    try Data(contentsOf: touched).write(to: touched)
    #expect(try ScanStoreTests.scan(fixture, url).status == 1)
    #expect(Self.uniqueSSNs(try Self.get(pg, "/api/v1/summary", pgToken)) == before - 1)
    #expect(try ConsoleCommandTests.uniqueSSNs(url, in: fixture) == before - 1)
    let audit = try PostgresStoreTests.server().sql(url, "SELECT action FROM console_audit ORDER BY id")
    #expect(audit.hasSuffix("login\ntriage\n"), "\(audit)")
    // Decisions move from PostgreSQL to SQLite as JSONL.
    let exported = try CLI.run("blastradius", ["triage", "export", "--store", url])
    #expect(exported.records.map { $0["key"] as? String } == [fingerprint])
  }
}
