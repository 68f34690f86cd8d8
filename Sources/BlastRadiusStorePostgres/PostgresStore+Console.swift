import Foundation
import NIOCore
public import BlastRadiusBase
public import BlastRadiusIntegrity
import BlastRadiusScan
public import BlastRadiusStore
import PostgresNIO

/// The console's tables in a PostgreSQL store (`PostgresSchema.console`), so that a team's agents
/// and its console share one database; the same contract as the SQLite store's.
extension PostgresStore: ConsoleDatabase {
  static func user(_ row: PostgresRow) throws -> (ConsoleUser, String) {
    let (id, name, role, hash, totp) = try row.decode((Int64, String, String, String, String?).self)
    return (
      ConsoleUser(id: id, name: name, role: ConsoleUser.Role(rawValue: role) ?? .viewer, totpSecret: totp),
      hash
    )
  }

  static let userColumns = "u.id, u.name, u.role, u.password_hash, u.totp_secret"

  @discardableResult
  func console<T: Sendable>(
    _ what: String, write: Bool = false, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
  ) throws(BlastRadiusError) -> T {
    try attempt(what) { write ? try transaction(body) : try read(body) }
  }

  public func addUser(name: String, role: ConsoleUser.Role, passwordHash: String) throws(BlastRadiusError)
    -> ConsoleUser
  {
    try console("adding a user", write: true) { db in
      if try await !db.query("SELECT 1 FROM console_users WHERE name = \(name)", logger: Self.quiet).collect()
        .isEmpty
      {
        throw BlastRadiusError(.console, "a user named '\(name)' exists already")
      }
      let now = Date().timeIntervalSince1970
      let rows = try await db.query(
        """
        INSERT INTO console_users (name, role, password_hash, created_at) VALUES (\(name), \(role.rawValue), \(passwordHash), \(now))
        RETURNING id
        """, logger: Self.quiet
      ).collect()
      return ConsoleUser(id: try rows.first!.decode(Int64.self), name: name, role: role)
    }
  }

  public func user(named name: String) throws(BlastRadiusError) -> (user: ConsoleUser, passwordHash: String)?
  {
    try console("reading users") { db in
      try await db.query(
        "SELECT \(unescaped: Self.userColumns) FROM console_users u WHERE u.name = \(name) AND NOT u.disabled",
        logger: Self.quiet
      ).collect().first.map(Self.user)
    }
  }

  public func users() throws(BlastRadiusError) -> [ConsoleUser] {
    try console("reading users") { db in
      try await db.query(
        "SELECT \(unescaped: Self.userColumns) FROM console_users u ORDER BY u.name", logger: Self.quiet
      ).collect().map { try Self.user($0).0 }
    }
  }

  public func setTOTP(user: String, secret: String?) throws(BlastRadiusError) {
    try console("changing a user", write: true) { db in
      let rows = try await db.query(
        "UPDATE console_users SET totp_secret = \(secret) WHERE name = \(user) RETURNING id",
        logger: Self.quiet
      ).collect()
      guard rows.count == 1 else { throw BlastRadiusError(.console, "no user named '\(user)'") }
    }
  }

  public func createSession(user: Int64, now: Double) throws(BlastRadiusError) -> (
    secret: String, csrf: String
  ) {
    let (secret, csrf) = (StoreDatabase.secret(), StoreDatabase.secret())
    let hash = ByteBuffer(bytes: StoreDatabase.digest(secret))
    try console("starting a session", write: true) { db in
      try await db.query(
        """
        INSERT INTO console_sessions (token_hash, user_id, csrf, created_at, last_seen)
        VALUES (\(hash), \(user), \(csrf), \(now), \(now))
        """, logger: Self.quiet)
    }
    return (secret, csrf)
  }

  public func session(secret: String, now: Double, idle: Double) throws(BlastRadiusError) -> (
    user: ConsoleUser, csrf: String
  )? {
    let hash = ByteBuffer(bytes: StoreDatabase.digest(secret))
    return try console("reading a session", write: true) { db in
      guard
        let row = try await db.query(
          """
          SELECT \(unescaped: Self.userColumns), s.csrf, s.last_seen FROM console_sessions s
          JOIN console_users u ON u.id = s.user_id WHERE s.token_hash = \(hash) AND NOT u.disabled
          """, logger: Self.quiet
        ).collect().first
      else { return nil }
      let (user, _) = try Self.user(row)
      let columns = row.makeRandomAccess()
      let csrf = try columns[5].decode(String.self)
      let lastSeen = try columns[6].decode(Double.self)
      guard now - lastSeen < idle else {
        try await db.query("DELETE FROM console_sessions WHERE token_hash = \(hash)", logger: Self.quiet)
        return nil
      }
      // Touched at most every few seconds: a page's requests need not each write.
      if now - lastSeen > 5 {
        try await db.query(
          "UPDATE console_sessions SET last_seen = \(now) WHERE token_hash = \(hash)", logger: Self.quiet)
      }
      return (user, csrf)
    }
  }

  public func endSession(secret: String) throws(BlastRadiusError) {
    let hash = ByteBuffer(bytes: StoreDatabase.digest(secret))
    try console("ending a session", write: true) { db in
      try await db.query("DELETE FROM console_sessions WHERE token_hash = \(hash)", logger: Self.quiet)
    }
  }

  public func endIdleSessions(before: Double) throws(BlastRadiusError) {
    try console("ending idle sessions", write: true) { db in
      try await db.query("DELETE FROM console_sessions WHERE last_seen < \(before)", logger: Self.quiet)
    }
  }

  public func createToken(user: String, scope: ConsoleToken.Scope, label: String, now: Double)
    throws(BlastRadiusError) -> (token: ConsoleToken, secret: String)
  {
    let secret = "brt_" + StoreDatabase.secret()
    let hash = ByteBuffer(bytes: StoreDatabase.digest(secret))
    return try console("creating a token", write: true) { db in
      guard
        let row = try await db.query(
          "SELECT \(unescaped: Self.userColumns) FROM console_users u WHERE u.name = \(user)",
          logger: Self.quiet
        ).collect().first
      else { throw BlastRadiusError(.console, "no user named '\(user)'") }
      let (owner, _) = try Self.user(row)
      // A token does no more than its user may.
      let allowed: ConsoleToken.Scope =
        owner.role == .admin ? .admin : owner.role == .analyst ? .triage : .read
      guard scope <= allowed else {
        throw BlastRadiusError(
          .console, "a \(owner.role.rawValue) cannot have a token of scope \(scope.rawValue)")
      }
      let id = try await db.query(
        """
        INSERT INTO console_tokens (user_id, scope, token_hash, label, created_at)
        VALUES (\(owner.id), \(scope.rawValue), \(hash), \(label), \(now)) RETURNING id
        """, logger: Self.quiet
      ).collect().first!.decode(Int64.self)
      let token = ConsoleToken(
        id: id, user: user, scope: scope, label: label, createdAt: now, lastUsed: nil, revoked: false)
      return (token, secret)
    }
  }

  public func token(secret: String, now: Double) throws(BlastRadiusError) -> (
    user: ConsoleUser, scope: ConsoleToken.Scope
  )? {
    let hash = ByteBuffer(bytes: StoreDatabase.digest(secret))
    return try console("reading a token", write: true) { db in
      guard
        let row = try await db.query(
          """
          SELECT \(unescaped: Self.userColumns), t.scope, t.id, t.last_used FROM console_tokens t
          JOIN console_users u ON u.id = t.user_id
          WHERE t.token_hash = \(hash) AND t.revoked_at IS NULL AND NOT u.disabled
          """, logger: Self.quiet
        ).collect().first
      else { return nil }
      let (user, _) = try Self.user(row)
      let columns = row.makeRandomAccess()
      guard let scope = ConsoleToken.Scope(rawValue: try columns[5].decode(String.self)) else { return nil }
      let id = try columns[6].decode(Int64.self)
      if now - (try columns[7].decode(Double?.self) ?? 0) > 60 {
        try await db.query(
          "UPDATE console_tokens SET last_used = \(now) WHERE id = \(id)", logger: Self.quiet)
      }
      return (user, scope)
    }
  }

  public func tokens() throws(BlastRadiusError) -> [ConsoleToken] {
    try console("reading tokens") { db in
      var out: [ConsoleToken] = []
      let rows = try await db.query(
        """
        SELECT t.id, u.name, t.scope, t.label, t.created_at, t.last_used, t.revoked_at FROM console_tokens t
        JOIN console_users u ON u.id = t.user_id ORDER BY t.id
        """, logger: Self.quiet)
      for try await (id, user, scope, label, created, used, revoked) in rows.decode(
        (Int64, String, String, String, Double, Double?, Double?).self)
      {
        out.append(
          ConsoleToken(
            id: id, user: user, scope: ConsoleToken.Scope(rawValue: scope) ?? .read, label: label,
            createdAt: created, lastUsed: used, revoked: revoked != nil))
      }
      return out
    }
  }

  public func revokeToken(id: Int64, now: Double) throws(BlastRadiusError) -> Bool {
    try console("revoking a token", write: true) { db in
      try await !db.query(
        "UPDATE console_tokens SET revoked_at = COALESCE(revoked_at, \(now)) WHERE id = \(id) RETURNING id",
        logger: Self.quiet
      ).collect().isEmpty
    }
  }

  public func audit(user: String, action: String, target: String, detail: String, now: Double)
    throws(BlastRadiusError)
  {
    try console("writing the audit log", write: true) { db in
      try await db.query(
        """
        INSERT INTO console_audit (at, "user", action, target, detail) VALUES (\(now), \(user), \(action), \(target), \(detail))
        """, logger: Self.quiet)
    }
  }

  public func auditLog(limit: Int) throws(BlastRadiusError) -> [AuditEntry] {
    try console("reading the audit log") { db in
      var out: [AuditEntry] = []
      let rows = try await db.query(
        "SELECT id, at, \"user\", action, target, detail FROM console_audit ORDER BY id DESC LIMIT \(limit)",
        logger: Self.quiet)
      for try await (id, at, user, action, target, detail) in rows.decode(
        (Int64, Double, String, String, String, String).self)
      {
        out.append(AuditEntry(id: id, at: at, user: user, action: action, target: target, detail: detail))
      }
      return out
    }
  }

  public func triage(_ d: TriageDecision) throws(BlastRadiusError) {
    try console("recording a decision", write: true) { db in
      try await db.query(
        """
        INSERT INTO console_triage (scope, key, detector, state, comment, "user", at)
        VALUES (\(d.scope.rawValue), \(d.key), \(d.detector), \(d.state.rawValue), \(d.comment), \(d.user), \(d.at))
        """, logger: Self.quiet)
    }
  }

  public func decisions() throws(BlastRadiusError) -> [TriageDecision] {
    try decisions(
      """
      SELECT scope, key, detector, state, comment, "user", at FROM console_triage t
      WHERE id = (SELECT MAX(id) FROM console_triage u WHERE u.scope = t.scope AND u.key = t.key) ORDER BY id DESC
      """)
  }

  public func decisionHistory() throws(BlastRadiusError) -> [TriageDecision] {
    try decisions("SELECT scope, key, detector, state, comment, \"user\", at FROM console_triage ORDER BY id")
  }

  func decisions(_ sql: String) throws(BlastRadiusError) -> [TriageDecision] {
    try console("reading decisions") { db in
      var out: [TriageDecision] = []
      let rows = try await db.query(PostgresQuery(unsafeSQL: sql), logger: Self.quiet)
      for try await (scope, key, detector, state, comment, user, at) in rows.decode(
        (String, String, String, String, String, String, Double).self)
      {
        guard let scope = TriageDecision.Scope(rawValue: scope),
          let state = TriageDecision.State(rawValue: state)
        else { continue }
        out.append(
          TriageDecision(
            scope: scope, key: key, detector: detector, state: state, comment: comment, user: user, at: at))
      }
      return out
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
      let row = try await db.query(
        """
        SELECT (SELECT MAX(id) FROM reads), (SELECT MAX(id) FROM scans), (SELECT MAX(finished_at) FROM scans),
          (SELECT COUNT(*) FROM scans WHERE status = 'running'), (SELECT MAX(id) FROM console_triage)
        """, logger: Self.quiet
      ).collect().first!
      let (a, b, c, d, e) = try row.decode((Int64?, Int64?, Double?, Int64, Int64?).self)
      return "\(a ?? 0)/\(b ?? 0)/\(c ?? 0)/\(d)/\(e ?? 0)"
    }
  }

  /// Calls `body` with each block of fingerprints of the current view's files, by path, with
  /// the detector ids its scan's configuration numbers them by; rows are streamed, not held.
  static func forEachCurrentBlock(
    _ db: PostgresConnection, _ body: (String, [String], FingerprintIndex) throws -> Void
  ) async throws {
    var ids: [String: [String]] = [:]
    for try await (hash, config) in try await db.query(
      "SELECT config_hash, MIN(config) FROM scans GROUP BY config_hash", logger: quiet
    ).decode((String, String).self) {
      ids[hash] = ScanConfiguration.detectorIDs(config)
    }
    let rows = try await db.query(
      """
      SELECT f.path, r.config_hash, b.values_index, b.count FROM scan_files f JOIN reads r ON r.id = f.current_read
      JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id) WHERE f.present ORDER BY f.path, f.id, b.seq
      """, logger: quiet)
    for try await (path, hash, index, count) in rows.decode((String, String, ByteBuffer, Int32).self) {
      let list = ids[hash] ?? []
      try index.readableBytesView.withUnsafeBytes { raw in
        if let index = FingerprintIndex(raw, count: Int(count)) { try body(path, list, index) }
      }
    }
  }

  public func overview() throws(BlastRadiusError) -> ConsoleOverview {
    var out = ConsoleOverview()
    out.scans = try scans()
    let filter = TriageFilter(decisions: try decisions())
    let counted = try console("reading the current view") { db in
      var o = ConsoleOverview()
      o.files = Int(
        try await db.query(
          "SELECT COUNT(*) FROM scan_files WHERE present AND current_read IS NOT NULL", logger: Self.quiet
        ).collect().first!.decode(Int64.self))
      for try await summary in try await db.query(
        "SELECT summary FROM scans WHERE id IN (SELECT MAX(id) FROM scans GROUP BY host, roots)",
        logger: Self.quiet
      ).decode(String?.self) {
        guard let summary else {
          o.complete = false
          continue
        }
        guard let v = try? JSONParser.parse(summary) else { continue }
        let scan = ScanSummary(record: v, category: { _ in nil })
        if !scan.complete { o.complete = false }
        o.formats.merge(scan.formats, uniquingKeysWith: +)
      }
      var configurations: [String] = []
      for try await config in try await db.query(
        "SELECT MIN(config) FROM scans GROUP BY config_hash ORDER BY MAX(id) DESC", logger: Self.quiet
      ).decode(String.self) {
        configurations.append(config)
      }
      var counter = ViewCounter(filter: filter)
      try await Self.forEachCurrentBlock(db) { counter.add(path: $0, detectors: $1, index: $2) }
      o.detectors = counter.detectors(order: ViewCounter.order(configurations))
      o.findings = counter.findings
      o.filesWithFindings = counter.files
      return o
    }
    out.files = counted.files
    out.complete = counted.complete
    out.formats = counted.formats
    out.detectors = counted.detectors
    out.findings = counted.findings
    out.filesWithFindings = counted.filesWithFindings
    for d in try decisions() { out.triage[d.state.rawValue, default: 0] += 1 }
    return out
  }

  public func valueTable() throws(BlastRadiusError) -> [ValueRow] {
    try console("counting values") { db in
      var builder = ValueTableBuilder()
      try await Self.forEachCurrentBlock(db) { builder.add(path: $0, detectors: $1, index: $2) }
      return builder.rows()
    }
  }

  public func findings(of word: UInt64, limit: Int) throws(BlastRadiusError) -> [[UInt8]] {
    let (big, little) = StoredBlock.needles(word)
    let (bigBuffer, littleBuffer) = (ByteBuffer(bytes: big), ByteBuffer(bytes: little))
    return try console("finding a value") { db in
      var out: [[UInt8]] = []
      let decompressor = Zstd.Decompressor()
      let rows = try await db.query(
        """
        SELECT f.path, b.values_index, b.count, b.ends, b.records FROM scan_files f
        JOIN reads r ON r.id = f.current_read JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id)
        WHERE f.present AND (position(\(bigBuffer) IN b.values_index) > 0 OR position(\(littleBuffer) IN b.values_index) > 0)
        ORDER BY f.path, f.id, b.seq
        """, logger: Self.quiet)
      for try await (path, index, count, ends, records) in rows.decode(
        (String, ByteBuffer, Int32, ByteBuffer, ByteBuffer).self)
      {
        guard out.count < limit else { continue }
        let wanted = index.readableBytesView.withUnsafeBytes {
          StoredBlock.matching(word, index: $0, count: Int(count))
        }
        guard !wanted.isEmpty else { continue }
        guard
          let json = records.readableBytesView.withUnsafeBytes({
            StoredBlock.records(frame: $0, decompressor: decompressor)
          })
        else { throw DamagedBlock() }
        let ok = index.readableBytesView.withUnsafeBytes { index in
          ends.readableBytesView.withUnsafeBytes { ends in
            StoredBlock.lines(
              index: index, count: Int(count), ends: ends, records: json, values: nil, path: path, into: &out,
              keep: wanted.contains)
          }
        }
        guard ok else { throw DamagedBlock() }
      }
      return Array(out.prefix(limit))
    }
  }

  public func files(_ q: FileQuery) throws(BlastRadiusError) -> [FileRow] {
    // A LIKE pattern with the filter's own % and _ taken literally (backslash is the escape).
    var pattern = "%"
    for c in q.filter {
      if c == "%" || c == "_" || c == "\\" { pattern.append("\\") }
      pattern.append(c)
    }
    pattern.append("%")
    let query = q
    let like = pattern
    return try console("reading files") { db in
      let base = """
        SELECT f.path, f.findings, r.size FROM scan_files f JOIN reads r ON r.id = f.current_read
        WHERE f.present AND f.current_read IS NOT NULL AND
        """
      var sql = PostgresQuery(unsafeSQL: "")
      switch (query.order, query.after) {
      case (.findings, let after?):
        sql = """
          \(unescaped: base) f.path LIKE \(like)
            AND (f.findings < \(after.findings) OR (f.findings = \(after.findings) AND f.path > \(after.path)))
          ORDER BY f.findings DESC, f.path LIMIT \(query.limit)
          """
      case (.findings, nil):
        sql = """
          \(unescaped: base) f.path LIKE \(like) ORDER BY f.findings DESC, f.path LIMIT \(query.limit)
          """
      case (.path, let after?):
        sql = """
          \(unescaped: base) f.path LIKE \(like) AND f.path > \(after.path)
          ORDER BY f.path LIMIT \(query.limit)
          """
      case (.path, nil):
        sql =
          "\(unescaped: base) f.path LIKE \(like) ORDER BY f.path LIMIT \(query.limit)"
      }
      var out: [FileRow] = []
      for try await (path, findings, size) in try await db.query(sql, logger: Self.quiet).decode(
        (String, Int64, Int64).self)
      {
        out.append(FileRow(path: path, findings: Int(findings), size: size))
      }
      return out
    }
  }

  /// A PostgreSQL store keeps no integrity snapshots: they are taken into a SQLite store.
  public func snapshots() throws(BlastRadiusError) -> [Snapshot] { [] }

  public func compare(
    from: Snapshot, to: Snapshot, scope: [String]?, summary: inout DiffSummary, each: (Change) -> Void
  ) throws(BlastRadiusError) {
    throw BlastRadiusError(.input, "a PostgreSQL store keeps no integrity snapshots")
  }
}
