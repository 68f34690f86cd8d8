import Foundation
import Testing

/// The console's commands: users and tokens, triage decisions moved between stores as JSONL and
/// counted out of `report --store`, and `serve`'s refusal of plain HTTP off loopback.
struct ConsoleCommandTests {
  static func uniqueSSNs(_ db: String, in fixture: Fixture) throws -> Int? {
    let out = fixture.root.appendingPathComponent("r-\(UUID().uuidString).json").path
    let report = try CLI.run("blastradius", ["report", "--store", db, "--json", out])
    #expect(report.status == 0, "\(report.stderr)")
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
    return (json?["headline"] as? [String: Any])?["unique_ssns"] as? Int
  }

  @Test func falsePositivesMoveBetweenStoresAndLeaveTheReport() throws {
    let fixture = try ScanStoreTests.tree()
    let db = fixture.root.appendingPathComponent("a.db").path
    #expect(try ScanStoreTests.scan(fixture, db).status == 1)
    let before = try #require(try Self.uniqueSSNs(db, in: fixture))
    let ssn = try #require(
      try CLI.run("blastradius", ["export", "--store", db]).findings.first {
        $0["detector"] as? String == "us_ssn"
      })
    let fingerprint = try #require(ssn["fingerprint"] as? String)
    let decisions = fixture.root.appendingPathComponent("decisions.jsonl")
    try """
    {"kind":"triage","scope":"value","key":"\(fingerprint)","detector":"us_ssn","state":"false_positive","comment":"test number","user":"ada","at":1800000000}

    """.write(to: decisions, atomically: true, encoding: .utf8)
    let imported = try CLI.run("blastradius", ["triage", "import", decisions.path, "--store", db])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr == "blastradius: 1 decisions recorded\n")
    #expect(try Self.uniqueSSNs(db, in: fixture) == before - 1)
    let text = try CLI.run("blastradius", ["report", "--store", db])
    #expect(
      text.stdout.hasSuffix("  triage decisions: false_positive 1 (false positives counted out)\n"),
      "\(text.stdout)")
    // Still out after a rescan that reads a changed file.
    let touched = fixture.tree.appendingPathComponent("dept1/emp3.txt")
    try Data(contentsOf: touched).write(to: touched)
    #expect(try ScanStoreTests.scan(fixture, db).status == 1)
    #expect(try Self.uniqueSSNs(db, in: fixture) == before - 1)
    // Exported, and recorded in another store of the same tree.
    let exported = try CLI.run("blastradius", ["triage", "export", "--store", db])
    #expect(exported.status == 0)
    #expect(exported.records.map { $0["key"] as? String } == [fingerprint])
    #expect(exported.records.first?["comment"] as? String == "test number")
    let other = fixture.root.appendingPathComponent("b.db").path
    #expect(try ScanStoreTests.scan(fixture, other).status == 1)
    let moved = fixture.root.appendingPathComponent("moved.jsonl")
    try exported.stdout.write(to: moved, atomically: true, encoding: .utf8)
    #expect(try CLI.run("blastradius", ["triage", "import", moved.path, "--store", other]).status == 0)
    #expect(try Self.uniqueSSNs(other, in: fixture) == before - 1)
    // A line that is not a decision is refused with its number.
    try "{\"kind\":\"triage\",\"scope\":\"value\"}\n".write(to: moved, atomically: true, encoding: .utf8)
    let bad = try CLI.run("blastradius", ["triage", "import", moved.path, "--store", other])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("\(moved.path):1: not a triage decision"), "\(bad.stderr)")
  }

  @Test func usersAndTokens() throws {
    let fixture = try ScanStoreTests.tree()
    let db = fixture.root.appendingPathComponent("c.db").path
    #expect(try ScanStoreTests.scan(fixture, db).status == 1)
    let added = try CLI.execute(
      "/bin/sh",
      [
        "-c", "echo 'twelve chars or more' | \"$0\" user add ada --role admin --store \"$1\"",
        CLI.products.appendingPathComponent("blastradius").path, db,
      ])
    #expect(added.status == 0, "\(added.stderr)")
    let short = try CLI.execute(
      "/bin/sh",
      [
        "-c", "echo short | \"$0\" user add bob --role viewer --store \"$1\"",
        CLI.products.appendingPathComponent("blastradius").path, db,
      ])
    #expect(short.status == 2)
    #expect(short.stderr.contains("at least 12 characters"))
    let generated = try CLI.run(
      "blastradius", ["user", "add", "val", "--role", "viewer", "--generate", "--store", db])
    #expect(generated.status == 0)
    #expect(generated.stdout.hasPrefix("password for val (shown once): "))
    let users = try CLI.run("blastradius", ["user", "list", "--store", db])
    #expect(users.stdout == "ada\tadmin\nval\tviewer\n")
    let token = try CLI.run(
      "blastradius", ["token", "create", "--user", "val", "--scope", "read", "--store", db])
    #expect(token.status == 0)
    #expect(token.stdout.hasPrefix("brt_") && token.stdout.count == 4 + 64 + 1)
    let tooHigh = try CLI.run(
      "blastradius", ["token", "create", "--user", "val", "--scope", "admin", "--store", db])
    #expect(tooHigh.status == 2)
    #expect(try CLI.run("blastradius", ["token", "revoke", "1", "--store", db]).status == 0)
    let list = try CLI.run("blastradius", ["token", "list", "--store", db])
    #expect(list.stdout == "#1\tval\tread\trevoked\t\n")
    #expect(!list.stdout.contains(String(token.stdout.dropLast())))
    // Plain HTTP is refused off loopback.
    let open = try CLI.run("blastradius", ["serve", "--store", db, "--listen", "0.0.0.0:18443"])
    #expect(open.status == 2)
    #expect(open.stderr.contains("without TLS"))
  }

  @Test func httpsEndToEndWithSecureCookies() throws {
    let fixture = try ScanStoreTests.tree()
    let db = fixture.root.appendingPathComponent("tls.db").path
    #expect(try ScanStoreTests.scan(fixture, db).status == 1)
    #expect(
      try ConsoleProcess.addUser("ada", role: "admin", password: "tls test password", store: db).status == 0)
    let cert = fixture.root.appendingPathComponent("cert.pem").path
    let key = fixture.root.appendingPathComponent("key.pem").path
    let made = try CLI.execute(
      "/usr/bin/openssl",
      [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
      ])
    #expect(made.status == 0, "\(made.stderr)")
    let server = try ConsoleProcess(store: db, certificate: (cert, key))
    // Verified against the test's own certificate, not merely accepted.
    let health = try CLI.execute("/usr/bin/curl", ["-sS", "--cacert", cert, server.base + "/health"])
    #expect(health.stdout == "ok\n", "\(health.stderr)")
    let plain = try CLI.execute(
      "/usr/bin/curl",
      ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(server.port)/health"])
    #expect(plain.stdout != "200")
    let jar = fixture.root.appendingPathComponent("tls-cookies").path
    let form = try CLI.execute("/usr/bin/curl", ["-sS", "--cacert", cert, "-c", jar, server.base + "/login"])
    let csrf = try #require(
      form.stdout.range(of: "name=\"csrf\" value=\"").map { String(form.stdout[$0.upperBound...].prefix(64)) }
    )
    let signIn = try CLI.execute(
      "/usr/bin/curl",
      [
        "-sS", "--cacert", cert, "-b", jar, "-D", "-", "-o", "/dev/null", "--data",
        "csrf=\(csrf)&user=ada&password=tls+test+password", server.base + "/login",
      ])
    let cookie = try #require(
      signIn.stdout.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: br_session=") })
    #expect(
      cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
      "\(cookie)")
  }
}
