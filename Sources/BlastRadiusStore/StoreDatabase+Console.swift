import Crypto
import Foundation
import GRDB
public import BlastRadiusBase
import BlastRadiusScan

/// The console's tables in the SQLite store (`StoreSchema.consoleTables`).
extension StoreDatabase: ConsoleDatabase {
  /// 32 random bytes from the system's generator, in hex: a session cookie, a token, a CSRF token.
  package static func secret() -> String {
    var generator = SystemRandomNumberGenerator()
    return Hex.lower((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
  }

  package static func digest(_ secret: String) -> [UInt8] { Array(SHA256.hash(data: Array(secret.utf8))) }

  func console<T>(_ what: String, write: Bool = false, _ body: (Database) throws -> T)
    throws(BlastRadiusError) -> T
  {
    do {
      return write ? try queue.write(body) : try queue.read(body)
    } catch let error as BlastRadiusError {
      throw error
    } catch {
      throw BlastRadiusError(.storeUnusable, what, path: path, cause: error)
    }
  }

  static func user(_ row: Row) -> ConsoleUser {
    ConsoleUser(
      id: row["id"], name: row["name"], role: ConsoleUser.Role(rawValue: row["role"]) ?? .viewer,
      totpSecret: row["totp_secret"])
  }

  public func addUser(name: String, role: ConsoleUser.Role, passwordHash: String) throws(BlastRadiusError)
    -> ConsoleUser
  {
    try console("adding a user", write: true) { db in
      if try Int.fetchOne(db, sql: "SELECT 1 FROM console_users WHERE name = ?", arguments: [name]) != nil {
        throw BlastRadiusError(.console, "a user named '\(name)' exists already")
      }
      try db.execute(
        sql: "INSERT INTO console_users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
        arguments: [name, role.rawValue, passwordHash, Date().timeIntervalSince1970])
      return ConsoleUser(id: db.lastInsertedRowID, name: name, role: role)
    }
  }

  public func user(named name: String) throws(BlastRadiusError) -> (user: ConsoleUser, passwordHash: String)?
  {
    try console("reading users") { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM console_users WHERE name = ? AND NOT disabled", arguments: [name]
      ).map { (Self.user($0), $0["password_hash"]) }
    }
  }

  public func users() throws(BlastRadiusError) -> [ConsoleUser] {
    try console("reading users") { db in
      try Row.fetchAll(db, sql: "SELECT * FROM console_users ORDER BY name").map(Self.user)
    }
  }

  public func setTOTP(user: String, secret: String?) throws(BlastRadiusError) {
    try console("changing a user", write: true) { db in
      try db.execute(
        sql: "UPDATE console_users SET totp_secret = ? WHERE name = ?", arguments: [secret, user])
      guard db.changesCount == 1 else { throw BlastRadiusError(.console, "no user named '\(user)'") }
    }
  }

  public func createSession(user: Int64, now: Double) throws(BlastRadiusError) -> (
    secret: String, csrf: String
  ) {
    let (secret, csrf) = (Self.secret(), Self.secret())
    try console("starting a session", write: true) { db in
      try db.execute(
        sql:
          "INSERT INTO console_sessions (token_hash, user_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)",
        arguments: [Data(Self.digest(secret)), user, csrf, now, now])
    }
    return (secret, csrf)
  }

  public func session(secret: String, now: Double, idle: Double) throws(BlastRadiusError) -> (
    user: ConsoleUser, csrf: String
  )? {
    let hash = Data(Self.digest(secret))
    return try console("reading a session", write: true) { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT u.*, s.csrf, s.last_seen FROM console_sessions s JOIN console_users u ON u.id = s.user_id
            WHERE s.token_hash = ? AND NOT u.disabled
            """, arguments: [hash])
      else { return nil }
      let lastSeen: Double = row["last_seen"]
      guard now - lastSeen < idle else {
        try db.execute(sql: "DELETE FROM console_sessions WHERE token_hash = ?", arguments: [hash])
        return nil
      }
      // Touched at most every few seconds: a page's requests need not each write.
      if now - lastSeen > 5 {
        try db.execute(
          sql: "UPDATE console_sessions SET last_seen = ? WHERE token_hash = ?", arguments: [now, hash])
      }
      return (Self.user(row), row["csrf"])
    }
  }

  public func endSession(secret: String) throws(BlastRadiusError) {
    try console("ending a session", write: true) { db in
      try db.execute(
        sql: "DELETE FROM console_sessions WHERE token_hash = ?", arguments: [Data(Self.digest(secret))])
    }
  }

  public func endIdleSessions(before: Double) throws(BlastRadiusError) {
    try console("ending idle sessions", write: true) { db in
      try db.execute(sql: "DELETE FROM console_sessions WHERE last_seen < ?", arguments: [before])
    }
  }

  public func createToken(user: String, scope: ConsoleToken.Scope, label: String, now: Double)
    throws(BlastRadiusError) -> (token: ConsoleToken, secret: String)
  {
    let secret = "brt_" + Self.secret()
    return try console("creating a token", write: true) { db in
      guard
        let owner = try Row.fetchOne(db, sql: "SELECT * FROM console_users WHERE name = ?", arguments: [user])
      else { throw BlastRadiusError(.console, "no user named '\(user)'") }
      let role = Self.user(owner).role
      // A token does no more than its user may.
      let allowed: ConsoleToken.Scope = role == .admin ? .admin : role == .analyst ? .triage : .read
      guard scope <= allowed else {
        throw BlastRadiusError(.console, "a \(role.rawValue) cannot have a token of scope \(scope.rawValue)")
      }
      try db.execute(
        sql:
          "INSERT INTO console_tokens (user_id, scope, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)",
        arguments: [Self.user(owner).id, scope.rawValue, Data(Self.digest(secret)), label, now])
      let token = ConsoleToken(
        id: db.lastInsertedRowID, user: user, scope: scope, label: label, createdAt: now, lastUsed: nil,
        revoked: false)
      return (token, secret)
    }
  }

  public func token(secret: String, now: Double) throws(BlastRadiusError) -> (
    user: ConsoleUser, scope: ConsoleToken.Scope
  )? {
    let hash = Data(Self.digest(secret))
    return try console("reading a token", write: true) { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT u.*, t.scope, t.id AS token_id, t.last_used FROM console_tokens t
            JOIN console_users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL AND NOT u.disabled
            """, arguments: [hash]),
        let scope = ConsoleToken.Scope(rawValue: row["scope"])
      else { return nil }
      let lastUsed: Double? = row["last_used"]
      if now - (lastUsed ?? 0) > 60 {
        let id: Int64 = row["token_id"]
        try db.execute(sql: "UPDATE console_tokens SET last_used = ? WHERE id = ?", arguments: [now, id])
      }
      return (Self.user(row), scope)
    }
  }

  public func tokens() throws(BlastRadiusError) -> [ConsoleToken] {
    try console("reading tokens") { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT t.*, u.name FROM console_tokens t JOIN console_users u ON u.id = t.user_id ORDER BY t.id
          """
      ).map { row in
        let revoked: Double? = row["revoked_at"]
        return ConsoleToken(
          id: row["id"], user: row["name"], scope: ConsoleToken.Scope(rawValue: row["scope"]) ?? .read,
          label: row["label"], createdAt: row["created_at"], lastUsed: row["last_used"],
          revoked: revoked != nil)
      }
    }
  }

  public func revokeToken(id: Int64, now: Double) throws(BlastRadiusError) -> Bool {
    try console("revoking a token", write: true) { db in
      try db.execute(
        sql: "UPDATE console_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
        arguments: [now, id])
      return db.changesCount == 1
    }
  }

  public func audit(user: String, action: String, target: String, detail: String, now: Double)
    throws(BlastRadiusError)
  {
    try console("writing the audit log", write: true) { db in
      try db.execute(
        sql: "INSERT INTO console_audit (at, user, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        arguments: [now, user, action, target, detail])
    }
  }

  public func auditLog(limit: Int) throws(BlastRadiusError) -> [AuditEntry] {
    try console("reading the audit log") { db in
      try Row.fetchAll(db, sql: "SELECT * FROM console_audit ORDER BY id DESC LIMIT ?", arguments: [limit])
        .map {
          AuditEntry(
            id: $0["id"], at: $0["at"], user: $0["user"], action: $0["action"], target: $0["target"],
            detail: $0["detail"])
        }
    }
  }

  public func triage(_ d: TriageDecision) throws(BlastRadiusError) {
    try console("recording a decision", write: true) { db in
      try db.execute(
        sql: """
          INSERT INTO console_triage (scope, key, detector, state, comment, user, at) VALUES (?, ?, ?, ?, ?, ?, ?)
          """, arguments: [d.scope.rawValue, d.key, d.detector, d.state.rawValue, d.comment, d.user, d.at])
    }
  }

  public func decisions() throws(BlastRadiusError) -> [TriageDecision] {
    try decisions(
      """
      SELECT * FROM console_triage t
      WHERE id = (SELECT MAX(id) FROM console_triage u WHERE u.scope = t.scope AND u.key = t.key) ORDER BY id DESC
      """)
  }

  public func decisionHistory() throws(BlastRadiusError) -> [TriageDecision] {
    try decisions("SELECT * FROM console_triage ORDER BY id")
  }

  func decisions(_ sql: String) throws(BlastRadiusError) -> [TriageDecision] {
    try console("reading decisions") { db in
      try Row.fetchAll(db, sql: sql).compactMap { row in
        guard let scope = TriageDecision.Scope(rawValue: row["scope"]),
          let state = TriageDecision.State(rawValue: row["state"])
        else { return nil }
        return TriageDecision(
          scope: scope, key: row["key"], detector: row["detector"], state: state, comment: row["comment"],
          user: row["user"], at: row["at"])
      }
    }
  }

  public func records(path: String, valuesKey: [UInt8]?) throws(BlastRadiusError) -> [[UInt8]]? {
    var out: [[UInt8]] = []
    let counts = try export(valuesKey: valuesKey, path: path) { out.append($0) }
    return counts.files == 0 ? nil : out
  }

  public func forEachRecord(withoutFalsePositives: Bool, _ write: ([UInt8]) throws -> Void)
    throws(BlastRadiusError)
  {
    _ = try export(withoutFalsePositives: withoutFalsePositives, write)
  }

  public func viewVersion() throws(BlastRadiusError) -> String {
    try console("reading the current view") { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT (SELECT MAX(id) FROM reads), (SELECT MAX(id) FROM scans), (SELECT MAX(finished_at) FROM scans),
            (SELECT COUNT(*) FROM scans WHERE status = 'running'), (SELECT MAX(id) FROM console_triage)
          """)
      return (0..<5).map { "\(row?[$0] as DatabaseValue? ?? .null)" }.joined(separator: "/")
    }
  }

  public func overview() throws(BlastRadiusError) -> ConsoleOverview {
    var out = ConsoleOverview()
    out.scans = try scans()
    try console("reading the current view") { db in
      out.files =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM scan_files WHERE present AND current_read IS NOT NULL") ?? 0
      for summary in try String.fetchAll(
        db, sql: "SELECT summary FROM scans WHERE id IN (SELECT MAX(id) FROM scans GROUP BY host, roots)")
      {
        guard let v = try? JSONParser.parse(summary) else { continue }
        let scan = ScanSummary(record: v, category: { _ in nil })
        if !scan.complete { out.complete = false }
        out.formats.merge(scan.formats, uniquingKeysWith: +)
      }
      if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scans WHERE summary IS NULL") ?? 0 > 0 {
        out.complete = false
      }
      let (detectors, findings, files) = try Self.valueCounts(db, filter: TriageFilter.load(db))
      out.detectors = detectors
      out.findings = findings
      out.filesWithFindings = files
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT state, COUNT(*) FROM console_triage t
          WHERE id = (SELECT MAX(id) FROM console_triage u WHERE u.scope = t.scope AND u.key = t.key) GROUP BY state
          """)
      {
        out.triage[row[0]] = row[1]
      }
    }
    return out
  }

  /// Findings and distinct values per detector in the current view, and the files with
  /// findings, from the stored fingerprints, leaving out what `filter` names.
  static func valueCounts(_ db: Database, filter: TriageFilter) throws -> (
    [ScanSummary.DetectorCount], Int, Int
  ) {
    let order = ViewCounter.order(
      try String.fetchAll(db, sql: "SELECT config FROM scans GROUP BY config_hash ORDER BY MAX(id) DESC"))
    var counter = ViewCounter(filter: filter)
    try forEachCurrentBlock(db) { counter.add(path: $0, detectors: $1, index: $2) }
    return (counter.detectors(order: order), counter.findings, counter.files)
  }

  public func files(_ q: FileQuery) throws(BlastRadiusError) -> [FileRow] {
    // A LIKE pattern with the filter's own % and _ taken literally.
    var pattern = "%"
    for c in q.filter {
      if c == "%" || c == "_" || c == "\\" { pattern.append("\\") }
      pattern.append(c)
    }
    pattern.append("%")
    var sql = """
      SELECT f.path, f.findings, r.size FROM scan_files f JOIN reads r ON r.id = f.current_read
      WHERE f.present AND f.current_read IS NOT NULL AND f.path LIKE ? ESCAPE '\\'
      """
    var arguments: StatementArguments = [pattern]
    switch q.order {
    case .findings:
      if let after = q.after {
        sql += " AND (f.findings < ? OR (f.findings = ? AND f.path > ?))"
        arguments += [after.findings, after.findings, after.path]
      }
      sql += " ORDER BY f.findings DESC, f.path LIMIT ?"
    case .path:
      if let after = q.after {
        sql += " AND f.path > ?"
        arguments += [after.path]
      }
      sql += " ORDER BY f.path LIMIT ?"
    }
    arguments += [q.limit]
    let (query, args) = (sql, arguments)
    return try console("reading files") { db in
      try Row.fetchAll(db, sql: query, arguments: args).map {
        FileRow(path: $0["path"], findings: $0["findings"], size: $0["size"])
      }
    }
  }
}
