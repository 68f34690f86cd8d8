import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusIntegrity
import BlastRadiusReport
import BlastRadiusServe
import BlastRadiusStore

/// The views behind the headline: values, people, hunt hits, integrity changes, the findings
/// API and its exports, and "show a value", over a real store the test scans.
@Suite(.temporaryStores) struct ConsoleViewsTests {
  typealias T = ConsoleServerTests

  /// A store of two files sharing one SSN, a record naming a person, and users of each role.
  static func store() throws -> (StoreDatabase, String) {
    let dir = TemporaryStores.folder("br-views")
    let tree = dir.appendingPathComponent("share")
    try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
    try "SSN: 401-23-4567\nSSN: 512-44-1234\n".write(
      to: tree.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    try "Employee SSN 401-23-4567\n".write(
      to: tree.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
    try "name,ssn,phone\nMaria Gonzalez,287-65-4321,\n".write(
      to: tree.appendingPathComponent("staff.csv"), atomically: true, encoding: .utf8)
    let database = try StoreDatabase(path: dir.appendingPathComponent("store.db").path, create: true)
    try T.scan(database, tree.path)
    _ = try ConsoleAdmin.addUser(database, name: "ada", role: .admin, password: "correct horse battery")
    _ = try ConsoleAdmin.addUser(database, name: "ann", role: .analyst, password: "analyst password 1")
    _ = try ConsoleAdmin.addUser(database, name: "val", role: .viewer, password: "viewer password 1")
    return (database, tree.path)
  }

  static func json(_ response: TestResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
  }

  static func bearer(_ database: StoreDatabase) throws -> HTTPFields {
    let (_, secret) = try ConsoleAdmin.createToken(database, user: "val", scope: .read, label: "test")
    return [.authorization: "Bearer \(secret)"]
  }

  /// The finding records of the store's current view, as `export` writes them.
  static func exported(_ database: StoreDatabase) throws -> [String] {
    var out: [String] = []
    _ = try database.export { line in
      let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .newlines)
      if text.hasPrefix("{\"kind\":\"finding\"") { out.append(text) }
    }
    return out
  }

  @Test func valuesOneRowPerFingerprintPagedAndTriagedEverywhere() async throws {
    let (database, tree) = try Self.store()
    let server = T.server(database)
    let auth = try Self.bearer(database)
    try await Application(router: server.router()).test(.router) { client in
      let all = try Self.json(
        try await client.execute(uri: "/api/v1/values?detector=us_ssn", method: .get, headers: auth))
      let rows = try #require(all["values"] as? [[String: Any]])
      // 401-23-4567 twice in two files, then the other two once each, by id.
      #expect(rows.map { $0["findings"] as? Int } == [2, 1, 1])
      #expect(rows.map { $0["files"] as? Int } == [2, 1, 1])
      #expect(rows.allSatisfy { $0["state"] as? String == "new" && $0["detector"] as? String == "us_ssn" })
      #expect(all["next"] is NSNull)
      let ids = rows.compactMap { $0["id"] as? String }
      #expect(ids[1] < ids[2])
      // One at a time: the cursors walk the same rows.
      var walked: [String] = []
      var after: String?
      repeat {
        let uri = "/api/v1/values?detector=us_ssn&limit=1" + (after.map { "&after=" + T.query($0) } ?? "")
        let page = try Self.json(try await client.execute(uri: uri, method: .get, headers: auth))
        walked += (page["values"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        after = page["next"] as? String
      } while after != nil && walked.count < 10
      #expect(walked == ids)
      let bad = try await client.execute(uri: "/api/v1/values?limit=0", method: .get, headers: auth)
      #expect(bad.status == .badRequest)

      // The value's page lists both files; a decision there holds for both.
      let session = try #require(try await T.signIn(client, "ann", "analyst password 1"))
      let cookie: HTTPFields = [.cookie: "br_session=\(session)"]
      let page = T.text(try await client.execute(uri: "/value?id=\(ids[0])", method: .get, headers: cookie))
      #expect(page.contains(">\(tree)/a.txt</a>") && page.contains(">\(tree)/b.txt</a>"))
      #expect(!page.contains("401-23-4567"))
      let form = try #require(page.range(of: "name=\"key\" value=\"").map { page[$0.upperBound...] })
      let key = String(form.prefix(64))
      #expect(key.hasPrefix(ids[0]))
      let marked = try await client.execute(
        uri: "/triage", method: .post, headers: cookie,
        body: ByteBuffer(
          string:
            "csrf=\(T.csrf(page)!)&scope=value&key=\(key)&detector=us_ssn&state=false_positive&back=%2Fvalue%3Fid%3D\(ids[0])"
        ))
      #expect(marked.status == .seeOther)
      #expect(marked.headers[.location] == "/value?id=\(ids[0])")
      let after2 = try Self.json(
        try await client.execute(uri: "/api/v1/values?detector=us_ssn", method: .get, headers: auth))
      #expect((after2["values"] as? [[String: Any]])?.first?["state"] as? String == "false_positive")
      #expect(try await T.ssns(client, session) == (2, 2))
      let triage = try Self.json(try await client.execute(uri: "/api/v1/triage", method: .get, headers: auth))
      #expect((triage["counts"] as? [String: Int]) == ["false_positive": 1])
      // One finding alone: the other copy of its value stays counted.
      let staff = T.text(
        try await client.execute(
          uri: "/file?path=" + T.query(tree + "/staff.csv"), method: .get, headers: cookie))
      // The "here only" form of the SSN's row.
      let forms = staff.components(separatedBy: "<form ").filter {
        $0.contains("name=\"scope\" value=\"finding\"") && $0.contains("name=\"detector\" value=\"us_ssn\"")
      }
      #expect(forms.count == 1)
      let form2 = try #require(forms.first)
      let fingerprint = try #require(
        form2.range(of: "staff.csv\n").map { String(form2[$0.upperBound...].prefix(64)) })
      let single = try await client.execute(
        uri: "/api/v1/triage", method: .post, headers: cookie,
        body: ByteBuffer(
          string:
            "csrf=\(T.csrf(staff)!)&scope=finding&key=\(T.query(tree + "/staff.csv\n" + fingerprint))&state=false_positive"
        ))
      #expect(single.status == .ok)
      #expect(try await T.ssns(client, session) == (1, 1))
      let missing = try await client.execute(uri: "/value?id=0000000000000000", method: .get, headers: cookie)
      #expect(missing.status == .notFound)
    }
  }

  @Test func findingsPagedByCursorAndExportedWhole() async throws {
    let (database, _) = try Self.store()
    let server = T.server(database)
    let auth = try Self.bearer(database)
    let expected = try Self.exported(database)
    #expect(expected.count >= 5)
    try await Application(router: server.router()).test(.router) { client in
      var walked: [String] = []
      var after: String?
      var pages = 0
      repeat {
        let uri = "/api/v1/findings?limit=2" + (after.map { "&after=" + T.query($0) } ?? "")
        let page = try Self.json(try await client.execute(uri: uri, method: .get, headers: auth))
        let findings = try #require(page["findings"] as? [[String: Any]])
        #expect(findings.count <= 2)
        for f in findings {
          let data = try JSONSerialization.data(withJSONObject: f, options: [.sortedKeys])
          walked.append(String(decoding: data, as: UTF8.self))
        }
        after = page["next"] as? String
        pages += 1
      } while after != nil && pages < 50
      func canonical(_ s: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(s.utf8))
        return String(
          decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
      }
      #expect(walked == (try expected.map(canonical)))
      let jsonl = try await client.execute(uri: "/api/v1/export.jsonl", method: .get, headers: auth)
      #expect(jsonl.headers[.contentType] == "application/x-ndjson")
      #expect(String(buffer: jsonl.body).split(separator: "\n").map(String.init) == expected)
      let csv = try await client.execute(uri: "/api/v1/export.csv", method: .get, headers: auth)
      let lines = String(buffer: csv.body).split(separator: "\n")
      #expect(lines.first.map(String.init) == FindingsCSV.header.trimmingCharacters(in: .newlines))
      #expect(lines.count == expected.count + 1)
      #expect(!String(buffer: csv.body).contains("401-23-4567"))
      let bad = try await client.execute(uri: "/api/v1/findings?after=nonsense", method: .get, headers: auth)
      #expect(bad.status == .badRequest)
      // A path after the colon that starts with a combining mark (U+102F): the colon and the
      // mark are one character, and the cursor was refused until it was split by bytes.
      for api in ["findings", "files"] {
        let marked = try await client.execute(
          uri: "/api/v1/\(api)?limit=116&after=62%3A%E1%80%AF", method: .get, headers: auth)
        #expect(marked.status == .ok, "\(api)")
      }
    }
  }

  @Test func peopleAndTriggersAreTheReportsFigures() async throws {
    let (database, _) = try Self.store()
    let server = T.server(database)
    let auth = try Self.bearer(database)
    let report = try ReportJob.run(name: "test", outputs: .init(), catalog: BuiltinDetectors.catalog) {
      (line: (UnsafeRawBufferPointer) -> Void) throws(BlastRadiusError) in
      _ = try database.export(withoutFalsePositives: true) { bytes in
        bytes.withUnsafeBytes { line(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
      }
    }
    #expect(report.people.count >= 1)
    try await Application(router: server.router()).test(.router) { client in
      let people = try Self.json(try await client.execute(uri: "/api/v1/people", method: .get, headers: auth))
      #expect(people["people"] as? Int == report.people.count)
      #expect(people["to_notify"] as? Int == report.peopleToNotify)
      let triggers = try #require(people["triggers"] as? [[String: Any]])
      #expect(triggers.map { $0["trigger"] as? String } == report.triggers.map(\.trigger.rawValue))
      #expect(triggers.map { $0["people"] as? Int } == report.triggers.map(\.people))
      #expect(triggers.first { $0["trigger"] as? String == "name+ssn" }?["people"] as? Int == 1)
      let session = try #require(try await T.signIn(client, "val", "viewer password 1"))
      let cookie: HTTPFields = [.cookie: "br_session=\(session)"]
      let page = T.text(
        try await client.execute(uri: "/people?trigger=name%2Bssn", method: .get, headers: cookie))
      #expect(page.contains("staff.csv"))
      #expect(!page.contains("Maria") && !page.contains("287-65-4321"))
      let overview = T.text(try await client.execute(uri: "/", method: .get, headers: cookie))
      #expect(overview.contains("id=\"chart-triggers\"") && overview.contains("id=\"chart-detectors\""))
      #expect(!overview.contains("<script") && !overview.contains("style=\""))
      let hunt = try await client.execute(uri: "/hunt", method: .get, headers: cookie)
      #expect(hunt.status == .ok && T.text(hunt).contains("alert: 0"))
    }
  }

  @Test func showAValueOnceWithAReasonAndAnAuditEntry() async throws {
    let (database, tree) = try Self.store()
    var options = ServeOptions()
    options.fingerprintKey = [UInt8](repeating: 7, count: 32)
    let server = ConsoleServer(database: database, options: options)
    try await Application(router: server.router()).test(.router) { client in
      let session = try #require(try await T.signIn(client, "ann", "analyst password 1"))
      let cookie: HTTPFields = [.cookie: "br_session=\(session)"]
      let page = T.text(
        try await client.execute(uri: "/file?path=" + T.query(tree + "/b.txt"), method: .get, headers: cookie)
      )
      let form = try #require(page.range(of: "action=\"/reveal\"").map { String(page[$0.upperBound...]) })
      let fingerprint = try #require(
        form.range(of: "name=\"fingerprint\" value=\"").map { String(form[$0.upperBound...].prefix(64)) })
      let csrf = try #require(T.csrf(page))
      func reveal(_ reason: String, _ headers: HTTPFields) async throws -> TestResponse {
        try await client.execute(
          uri: "/reveal", method: .post, headers: headers,
          body: ByteBuffer(
            string:
              "csrf=\(csrf)&path=\(T.query(tree + "/b.txt"))&fingerprint=\(fingerprint)&within=&offset=13&reason=\(reason)"
          ))
      }
      let noReason = try await reveal("", cookie)
      #expect(noReason.status == .badRequest)
      let shown = try await reveal("notification+letter+check", cookie)
      #expect(shown.status == .ok)
      #expect(T.text(shown).contains("<pre class=\"value\">401-23-4567</pre>"))
      #expect(shown.headers[.cacheControl] == "no-store")
      let entry = try #require(try database.auditLog(limit: 1).first)
      #expect(entry.action == "reveal" && entry.user == "ann" && entry.detail == "notification letter check")
      #expect(entry.target == tree + "/b.txt " + fingerprint)
      #expect(!entry.target.contains("401-23-4567") && !entry.detail.contains("401-23-4567"))
      // The file changed since the scan: the value is not shown, and the attempt is logged.
      try "Employee SSN 402-23-4567\n".write(toFile: tree + "/b.txt", atomically: true, encoding: .utf8)
      let changed = try await reveal("again", cookie)
      #expect(T.text(changed).contains("Not shown") && !T.text(changed).contains("402-23-4567"))
      #expect(try database.auditLog(limit: 1).first?.action == "reveal_failed")
      // Only a finding of the view: another file is not scanned for a known fingerprint.
      let elsewhere = try await client.execute(
        uri: "/reveal", method: .post, headers: cookie,
        body: ByteBuffer(string: "csrf=\(csrf)&path=%2Fetc%2Fpasswd&fingerprint=\(fingerprint)&reason=probe"))
      #expect(T.text(elsewhere).contains("the current view has no such finding"))
      #expect(try database.auditLog(limit: 1).first?.action == "reveal_failed")
      // A viewer may not.
      let viewer = try #require(try await T.signIn(client, "val", "viewer password 1"))
      let refused = try await reveal("curious", [.cookie: "br_session=\(viewer)"])
      #expect(refused.status == .forbidden)
    }
  }

  @Test func integrityChangesBetweenSnapshots() async throws {
    let (database, tree) = try Self.store()
    func snapshot(_ label: String) throws {
      let s = try database.begin(label, roots: [tree])
      _ = SnapshotTaker(
        options: SnapshotOptions(roots: [tree], jobs: 1), sink: database.recorder(for: s, prior: nil)
      ).run()
      _ = try database.finish(s)
    }
    try snapshot("a-before")
    try FileManager.default.removeItem(atPath: tree + "/a.txt")
    try Data(repeating: 0, count: 25).write(to: URL(fileURLWithPath: tree + "/b.txt"))
    try snapshot("b-after")
    let server = T.server(database)
    try await Application(router: server.router()).test(.router) { client in
      let session = try #require(try await T.signIn(client, "val", "viewer password 1"))
      let cookie: HTTPFields = [.cookie: "br_session=\(session)"]
      let page = T.text(try await client.execute(uri: "/changes", method: .get, headers: cookie))
      #expect(page.contains("a-before → b-after: 2 changes"))
      #expect(page.contains("class=removed\">1</a>") && page.contains("class=wiped\">1</a>"))
      let removed = T.text(
        try await client.execute(
          uri: "/changes?from=a-before&to=b-after&class=removed", method: .get, headers: cookie))
      #expect(removed.contains(tree + "/a.txt") && !removed.contains(tree + "/b.txt"))
    }
  }
}
