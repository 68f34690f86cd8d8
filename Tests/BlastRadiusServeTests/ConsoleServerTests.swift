import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import NIOCore
import Testing
import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusScan
import BlastRadiusServe
import BlastRadiusStore

/// The console's routes through Hummingbird's test client, over a real store scanned from a
/// tree the test writes: closed without credentials, CSRF-guarded, escaped, throttled.
@Suite(.temporaryStores) struct ConsoleServerTests {
  /// A store holding a scan of three files, one named like markup, and an admin and a viewer.
  static func store() throws -> (StoreDatabase, String) {
    let dir = TemporaryStores.folder("br-serve")
    let tree = dir.appendingPathComponent("share")
    try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
    try "SSN: 401-23-4567\nSSN: 512-44-1234\n".write(
      to: tree.appendingPathComponent("<img src=x onerror=alert(1)>.txt"), atomically: true, encoding: .utf8)
    try "Employee SSN 287-65-4321\n".write(
      to: tree.appendingPathComponent("hr.txt"), atomically: true, encoding: .utf8)
    try "nothing here\n".write(
      to: tree.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let database = try StoreDatabase(path: dir.appendingPathComponent("store.db").path, create: true)
    try scan(database, tree.path)
    _ = try ConsoleAdmin.addUser(database, name: "ada", role: .admin, password: "correct horse battery")
    _ = try ConsoleAdmin.addUser(database, name: "val", role: .viewer, password: "viewer password 1")
    return (database, tree.path)
  }

  /// Scans `tree` into the store (a rescan reads only what changed).
  static func scan(_ database: StoreDatabase, _ tree: String) throws {
    let options = ScanOptions(roots: [tree], jobs: 1, key: [UInt8](repeating: 7, count: 32))
    let detectors = try DetectorSet.builtin(only: [], except: [], extra: [])
    let configuration = try ScanConfiguration(
      roots: [tree], options: options, detectors: detectors, ruleFiles: [], valuesKept: false)
    let store = try ScanStore(database: database, configuration: configuration, options: .init())
    let scanner = Scanner(options: options, detectors: detectors, sink: store)
    var summary = try scanner.run()
    try store.finish(&summary, tally: scanner.tally)
  }

  static func server(_ database: StoreDatabase, attempts: Int = 5, idle: Double = 1800) -> ConsoleServer {
    var options = ServeOptions()
    options.loginAttempts = attempts
    options.idleSeconds = idle
    return ConsoleServer(database: database, options: options)
  }

  static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

  /// The value of a cookie the response sets.
  static func setCookie(_ response: TestResponse, _ name: String) -> String? {
    for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
      return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
    }
    return nil
  }

  /// The CSRF token of the first form of a page.
  static func csrf(_ page: String) -> String? {
    guard let start = page.range(of: "name=\"csrf\" value=\"") else { return nil }
    return String(page[start.upperBound...].prefix { $0 != "\"" })
  }

  /// Signs in through the form; returns the session cookie.
  static func signIn(
    _ client: some TestClientProtocol, _ user: String, _ password: String, code: String = ""
  ) async throws -> String? {
    let form = try await client.execute(uri: "/login", method: .get)
    let token = csrf(text(form)) ?? ""
    let loginCookie = setCookie(form, "br_login") ?? ""
    let body =
      "csrf=\(token)&user=\(user)&password=\(password.replacingOccurrences(of: " ", with: "+"))&code=\(code)"
    let response = try await client.execute(
      uri: "/login", method: .post,
      headers: [.cookie: "br_login=\(loginCookie)", .contentType: "application/x-www-form-urlencoded"],
      body: ByteBuffer(string: body))
    guard response.status == .seeOther, response.headers[.location] == "/" else { return nil }
    return setCookie(response, "br_session")
  }

  @Test func everyClosedRouteRefusesWithoutCredentials() async throws {
    let (database, _) = try Self.store()
    let server = Self.server(database)
    #expect(
      server.routes.filter { $0.access == .open }.map(\.path).sorted() == [
        "/favicon.ico", "/health", "/login", "/login", "/static/console.css",
      ])
    try await Application(router: server.router()).test(.router) { client in
      for route in server.routes where route.access > .open {
        for headers: HTTPFields in [
          [:], [.cookie: "br_session=forged"], [.authorization: "Bearer brt_forged"],
        ] {
          let response = try await client.execute(uri: route.path, method: route.method, headers: headers)
          if route.api {
            #expect(response.status == .unauthorized, "\(route.path)")
          } else {
            #expect(response.status == .seeOther, "\(route.path)")
            #expect(response.headers[.location] == "/login", "\(route.path)")
          }
          #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
        }
      }
      #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
    }
  }

  @Test func signInCSRFAndSignOut() async throws {
    let (database, _) = try Self.store()
    let server = Self.server(database)
    try await Application(router: server.router()).test(.router) { client in
      // A sign-in posted without the form's own token is refused.
      let forged = try await client.execute(
        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "csrf=x&user=ada&password=correct+horse+battery"))
      #expect(forged.status == .unauthorized)
      #expect(Self.setCookie(forged, "br_session") == nil)
      let login = try await client.execute(uri: "/login", method: .get)
      let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("br_login=") })
      #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))

      let session = try #require(try await Self.signIn(client, "ada", "correct horse battery"))
      let overview = try await client.execute(
        uri: "/", method: .get, headers: [.cookie: "br_session=\(session)"])
      #expect(overview.status == .ok)
      let page = Self.text(overview)
      #expect(page.contains("<h1>Overview</h1>"))
      #expect(page.contains("<script") == false && page.contains("style=") == false)
      let token = try #require(Self.csrf(page))
      // Signing out is a state change: without the session's CSRF token it is refused.
      let noToken = try await client.execute(
        uri: "/logout", method: .post, headers: [.cookie: "br_session=\(session)"],
        body: ByteBuffer(string: "csrf=no"))
      #expect(noToken.status == .forbidden)
      let out = try await client.execute(
        uri: "/logout", method: .post, headers: [.cookie: "br_session=\(session)"],
        body: ByteBuffer(string: "csrf=\(token)"))
      #expect(out.status == .seeOther)
      #expect(out.headers[.location] == "/login")
      let after = try await client.execute(
        uri: "/", method: .get, headers: [.cookie: "br_session=\(session)"])
      #expect(after.status == .seeOther)
      // The audit log has both.
      let actions = try database.auditLog(limit: 10).map(\.action)
      #expect(actions.prefix(2) == ["logout", "login"])
    }
  }

  @Test func fileNamesAreTextNotMarkup() async throws {
    let (database, tree) = try Self.store()
    let server = Self.server(database)
    try await Application(router: server.router()).test(.router) { client in
      let session = try #require(try await Self.signIn(client, "val", "viewer password 1"))
      let files = Self.text(
        try await client.execute(uri: "/files", method: .get, headers: [.cookie: "br_session=\(session)"]))
      #expect(files.contains("&lt;img src=x onerror=alert(1)&gt;.txt"))
      #expect(!files.contains("<img"))
      // Sorted by findings: the two-SSN file first, the empty one not listed with a count above it.
      let order = ["&lt;img", "hr.txt", "notes.txt"].map { files.range(of: $0)?.lowerBound }
      #expect(order.allSatisfy { $0 != nil })
      #expect(order[0]! < order[1]! && order[1]! < order[2]!)
      // A filter with markup in it comes back escaped, and pages go on from a cursor.
      let filtered = Self.text(
        try await client.execute(
          uri: "/files?q=%3Cscript%3E&limit=1", method: .get, headers: [.cookie: "br_session=\(session)"]))
      #expect(filtered.contains("value=\"&lt;script&gt;\""))
      let first = Self.text(
        try await client.execute(
          uri: "/files?limit=1", method: .get, headers: [.cookie: "br_session=\(session)"]))
      #expect(first.contains("rel=\"next\""))
      let api = try await client.execute(
        uri: "/api/v1/files?limit=2&order=path", method: .get, headers: [.cookie: "br_session=\(session)"])
      let json = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
      let paths = (json?["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
      #expect(paths == ["<img src=x onerror=alert(1)>.txt", "hr.txt"].map { tree + "/" + $0 })
      #expect(json?["next"] as? String == "1:\(tree)/hr.txt")
      let scans = Self.text(
        try await client.execute(uri: "/scans", method: .get, headers: [.cookie: "br_session=\(session)"]))
      #expect(scans.contains("<td>complete</td>"))
      #expect(scans.components(separatedBy: "<td>complete</td>").count == 3)
      // A viewer does not see the audit log.
      let audit = try await client.execute(
        uri: "/audit", method: .get, headers: [.cookie: "br_session=\(session)"])
      #expect(audit.status == .forbidden)
    }
  }

  @Test func tokensActWithinTheirScopeUntilRevoked() async throws {
    let (database, _) = try Self.store()
    let server = Self.server(database)
    let (readToken, secret) = try ConsoleAdmin.createToken(database, user: "val", scope: .read, label: "ci")
    #expect(throws: BlastRadiusError.self) {
      try ConsoleAdmin.createToken(database, user: "val", scope: .admin, label: "")
    }
    #expect(try database.tokens().map(\.id) == [readToken.id])
    try await Application(router: server.router()).test(.router) { client in
      let summary = try await client.execute(
        uri: "/api/v1/summary", method: .get, headers: [.authorization: "Bearer \(secret)"])
      #expect(summary.status == .ok)
      let json = try JSONSerialization.jsonObject(with: Data(buffer: summary.body)) as? [String: Any]
      #expect(json?["findings"] as? Int == 3)
      #expect(json?["files"] as? Int == 3)
      #expect(json?["files_with_findings"] as? Int == 2)
      #expect(json?["complete"] as? Bool == true)
      #expect(((json?["detectors"] as? [String: Any])?["us_ssn"] as? [String: Any])?["unique"] as? Int == 3)
      let tokens = try await client.execute(
        uri: "/api/v1/tokens", method: .get, headers: [.authorization: "Bearer \(secret)"])
      #expect(tokens.status == .forbidden)
      try ConsoleAdmin.revokeToken(database, id: readToken.id)
      let revoked = try await client.execute(
        uri: "/api/v1/summary", method: .get, headers: [.authorization: "Bearer \(secret)"])
      #expect(revoked.status == .unauthorized)
    }
    #expect(!String(describing: try database.auditLog(limit: 10)).contains(secret))
  }

  @Test func metricsForAdminTokensOnly() async throws {
    let (database, _) = try Self.store()
    let server = Self.server(database)
    let (_, admin) = try ConsoleAdmin.createToken(database, user: "ada", scope: .admin, label: "prometheus")
    let (_, reader) = try ConsoleAdmin.createToken(database, user: "val", scope: .read, label: "")
    try await Application(router: server.router()).test(.router) { client in
      _ = try await Self.signIn(client, "ada", "wrong password here")
      _ = try await client.execute(
        uri: "/api/v1/summary", method: .get, headers: [.authorization: "Bearer \(reader)"])
      _ = try await client.execute(uri: "/no/such/page", method: .get)
      let denied = try await client.execute(
        uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(reader)"])
      #expect(denied.status == .forbidden)
      let metrics = try await client.execute(
        uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(admin)"])
      #expect(metrics.status == .ok)
      let text = Self.text(metrics)
      #expect(
        text.contains(
          "blastradius_http_requests_total{route=\"/api/v1/summary\",method=\"GET\",status=\"200\"} 1"))
      #expect(text.contains("route=\"other\""))
      #expect(!text.contains("/no/such/page"))
      #expect(text.contains("blastradius_logins_total{result=\"failed\"} 1"))
      #expect(text.contains("blastradius_view_findings 3"))
    }
  }

  @Test func failedSignInsAreThrottled() async throws {
    let (database, _) = try Self.store()
    let server = Self.server(database, attempts: 3)
    try await Application(router: server.router()).test(.router) { client in
      for _ in 0..<3 {
        let session = try await Self.signIn(client, "ada", "wrong password!!")
        #expect(session == nil)
      }
      // The right password no longer helps until the window passes.
      let blocked = try await Self.signIn(client, "ada", "correct horse battery")
      #expect(blocked == nil)
      #expect(try database.auditLog(limit: 1).first?.action == "login_throttled")
    }
  }

  @Test func idleSessionsEndAndUnknownUsersAreRefusedAlike() async throws {
    let (database, _) = try Self.store()
    let server = Self.server(database, idle: 1)
    try await Application(router: server.router()).test(.router) { client in
      let session = try #require(try await Self.signIn(client, "val", "viewer password 1"))
      // Past the idle time (a slow machine only makes it later): `sessionsLiveWhileUsed` checks
      // the other side with the store's clock.
      try await Task.sleep(for: .milliseconds(1500))
      let stale = try await client.execute(
        uri: "/", method: .get, headers: [.cookie: "br_session=\(session)"])
      #expect(stale.status == .seeOther)
      #expect(stale.headers[.location] == "/login")
      let unknown = try await Self.signIn(client, "nobody", "viewer password 1")
      #expect(unknown == nil)
      #expect(try database.auditLog(limit: 1).first?.action == "login_failed")
    }
  }

  /// Sessions by the store's own clock: used within the idle time they live on, past it they end.
  @Test func sessionsLiveWhileUsed() throws {
    let (database, _) = try Self.store()
    let user = try #require(try database.user(named: "val")).user
    let (secret, csrf) = try database.createSession(user: user.id, now: 1000)
    #expect(try database.session(secret: secret, now: 1500, idle: 600)?.csrf == csrf)
    #expect(try database.session(secret: secret, now: 2000, idle: 600)?.user == user)
    #expect(try database.session(secret: secret, now: 2601, idle: 600) == nil)
    #expect(try database.session(secret: secret, now: 2602, idle: 600000) == nil)
    #expect(try database.session(secret: "forged", now: 1000, idle: 600) == nil)
  }

  /// A store that fails under the server gives a plain 500 with the same headers, naming nothing.
  @Test func aFailingStoreGivesAPlainServerError() async throws {
    let (database, tree) = try Self.store()
    let server = Self.server(database)
    let (_, admin) = try ConsoleAdmin.createToken(database, user: "ada", scope: .admin, label: "")
    // Another process breaks the table the audit page reads.
    let path = URL(fileURLWithPath: tree).deletingLastPathComponent().appendingPathComponent("store.db").path
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = [
      "python3", "-c",
      "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('DROP TABLE console_audit')",
      path,
    ]
    try python.run()
    python.waitUntilExit()
    #expect(python.terminationStatus == 0)
    try await Application(router: server.router()).test(.router) { client in
      let response = try await client.execute(
        uri: "/api/v1/audit", method: .get, headers: [.authorization: "Bearer \(admin)"])
      #expect(response.status == .internalServerError)
      #expect(Self.text(response) == "the console cannot read its store now\n")
      #expect(response.headers[.contentSecurityPolicy] != nil)
    }
  }

  @Test func oneTimeCodesWhenTurnedOn() async throws {
    let (database, _) = try Self.store()
    let server = Self.server(database)
    let url = try ConsoleAdmin.enableTOTP(database, user: "val")
    #expect(url.hasPrefix("otpauth://totp/val?secret="))
    let secret = try #require(try database.user(named: "val")?.user.totpSecret)
    try await Application(router: server.router()).test(.router) { client in
      let without = try await Self.signIn(client, "val", "viewer password 1")
      #expect(without == nil)
      // A code of none of the three steps the server accepts (now, and one either side).
      let totp = TOTP(secret: secret)
      let valid = Set([-30.0, 0, 30].map { totp.compute(date: Date(timeIntervalSinceNow: $0)) })
      let bad = (0..<4).first { !valid.contains($0) }!
      let wrong = try await Self.signIn(client, "val", "viewer password 1", code: String(format: "%06d", bad))
      #expect(wrong == nil)
      let code = String(format: "%06d", TOTP(secret: secret).compute())
      let with = try await Self.signIn(client, "val", "viewer password 1", code: code)
      #expect(with != nil)
    }
  }

  /// A scan that left a scanned image unread (no `--ocr`) is not called whole on the overview.
  @Test func overviewNamesFormatsNotRead() async throws {
    let (database, tree) = try Self.store()
    let overview = { () async throws -> String in
      try await Application(router: Self.server(database).router()).test(.router) { client in
        let session = try #require(try await Self.signIn(client, "ada", "correct horse battery"))
        return Self.text(
          try await client.execute(uri: "/", method: .get, headers: [.cookie: "br_session=\(session)"]))
      }
    }
    let whole = try await overview()
    #expect(whole.contains("Every scan behind these figures read everything."))
    #expect(!whole.contains("id=\"not-read\""))
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(
      to: URL(fileURLWithPath: tree).appendingPathComponent("passport.png"))
    try Self.scan(database, tree)
    let partial = try await overview()
    #expect(!partial.contains("Every scan behind these figures read everything."))
    #expect(
      partial.contains(
        "<p class=\"error\" id=\"not-read\">Not read: png 1 of 1 skipped (read with --ocr)</p>"))
  }

  @Test func signInNeverRedirectsElsewhere() async throws {
    let (database, _) = try Self.store()
    let server = Self.server(database)
    try await Application(router: server.router()).test(.router) { client in
      let form = try await client.execute(uri: "/login?next=https://evil.example/", method: .get)
      let token = Self.csrf(Self.text(form)) ?? ""
      let response = try await client.execute(
        uri: "/login?next=https://evil.example/", method: .post,
        headers: [
          .cookie: "br_login=\(Self.setCookie(form, "br_login") ?? "")",
          .contentType: "application/x-www-form-urlencoded",
        ],
        body: ByteBuffer(
          string: "csrf=\(token)&user=ada&password=correct+horse+battery&next=https://evil.example/"))
      #expect(response.headers[.location] == "/")
    }
  }

  /// The SSN counts the API gives: findings and distinct values.
  static func ssns(_ client: some TestClientProtocol, _ session: String) async throws -> (Int?, Int?) {
    let summary = try await client.execute(
      uri: "/api/v1/summary", method: .get, headers: [.cookie: "br_session=\(session)"])
    let json = try JSONSerialization.jsonObject(with: Data(buffer: summary.body)) as? [String: Any]
    let ssn = (json?["detectors"] as? [String: Any])?["us_ssn"] as? [String: Any]
    return (ssn?["total"] as? Int, ssn?["unique"] as? Int)
  }

  @Test func aValueMarkedFalsePositiveIsCountedOutEverywhereAndAfterRescans() async throws {
    let (database, tree) = try Self.store()
    let server = Self.server(database)
    let marked = tree + "/<img src=x onerror=alert(1)>.txt"
    try await Application(router: server.router()).test(.router) { client in
      let session = try #require(try await Self.signIn(client, "ada", "correct horse battery"))
      let cookie: HTTPFields = [.cookie: "br_session=\(session)"]
      #expect(try await Self.ssns(client, session) == (3, 3))
      let page = Self.text(
        try await client.execute(uri: "/file?path=" + Self.query(marked), method: .get, headers: cookie))
      #expect(page.contains("4567") && page.contains("1234"))
      #expect(!page.contains("401-23-4567"))
      // The first finding's "false positive everywhere" form.
      let form = try #require(page.range(of: "name=\"scope\" value=\"value\"").map { page[$0.upperBound...] })
      let key = try #require(
        form.range(of: "name=\"key\" value=\"").map { String(form[$0.upperBound...].prefix(64)) })
      let token = try #require(Self.csrf(page))
      // Without the CSRF token nothing is recorded.
      let forged = try await client.execute(
        uri: "/triage", method: .post, headers: cookie,
        body: ByteBuffer(string: "scope=value&key=\(key)&state=false_positive"))
      #expect(forged.status == .forbidden)
      #expect(try database.decisions().isEmpty)
      let marking = try await client.execute(
        uri: "/triage", method: .post, headers: cookie,
        body: ByteBuffer(
          string:
            "csrf=\(token)&scope=value&key=\(key)&detector=us_ssn&state=false_positive&comment=test+card&back=\(Self.query(marked))"
        ))
      #expect(marking.status == .seeOther)
      let location = try #require(marking.headers[.location])
      #expect(location.hasPrefix("/file?path="))
      #expect(location.dropFirst("/file?path=".count).removingPercentEncoding == marked)
      #expect(try await Self.ssns(client, session) == (2, 2))
      let overview = Self.text(try await client.execute(uri: "/", method: .get, headers: cookie))
      #expect(overview.contains("<dt>False positives</dt><dd>1</dd>"))
      // The report's input leaves it out too.
      var lines = 0
      _ = try database.export(withoutFalsePositives: true) { line in
        if String(decoding: line, as: UTF8.self).contains("\"detector\":\"us_ssn\"") { lines += 1 }
      }
      #expect(lines == 2)
      // A rescan, and a new copy of the value in another file: still counted out.
      try "copied: \(marked.hasSuffix(".txt") ? "401-23-4567" : "")\n".write(
        toFile: tree + "/copy.txt", atomically: true, encoding: .utf8)
      try Self.scan(database, tree)
      let after = try await Self.ssns(client, session)
      #expect(after.1 == 2)
      let decisions = try database.decisions()
      #expect(decisions.map(\.state) == [.falsePositive])
      #expect(decisions.first?.user == "ada" && decisions.first?.comment == "test card")
      #expect(try database.auditLog(limit: 1).first?.action == "triage")
    }
  }

  static func query(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
  }
}
