import Foundation
import NIOCore
package import BlastRadiusBase
import BlastRadiusScan
package import BlastRadiusStore
import PostgresNIO

/// One agent's side of the work queue in PostgreSQL: it claims items with `FOR UPDATE SKIP
/// LOCKED` under a lease it renews, commits each item's findings with the item's completion in
/// one transaction, and ends a scan once none of its items is left. Times are the server's
/// (`now()`), so agents on hosts whose clocks differ agree on leases.
package struct AgentQueue: Sendable {
  package let store: PostgresStore
  package let name: String
  /// The host this agent reads: it takes items of this host and items of shared trees.
  package let host: String
  package let leaseSeconds: Double

  package init(store: PostgresStore, name: String, host: String, leaseSeconds: Double) {
    self.store = store
    self.name = name
    self.host = host
    self.leaseSeconds = leaseSeconds
  }

  /// Lists this agent (or takes its name over again after a restart) with a fresh heartbeat.
  package func register() throws(BlastRadiusError) {
    let pid = Int64(getpid())
    _ = try store.attempt("registering the agent") {
      try store.read { [name, host] db in
        try await db.query(
          """
          INSERT INTO agents (name, host, pid, started_at, heartbeat) VALUES (\(name), \(host), \(pid), now(), now())
          ON CONFLICT (name) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = now(),
            heartbeat = now(), item = NULL, stopped = false
          """, logger: PostgresStore.quiet)
      }
    }
  }

  /// Marks the agent stopped (it left cleanly).
  package func unregister() {
    _ = try? store.read { [name] db in
      try await db.query(
        "UPDATE agents SET stopped = true, item = NULL, heartbeat = now() WHERE name = \(name)",
        logger: PostgresStore.quiet)
    }
  }

  /// Renews the agent's heartbeat and the leases of the items it holds; returns those no longer
  /// its own (their lease expired and another agent took them).
  package func heartbeat(_ items: [ClaimedItem]) throws -> Set<Int64> {
    try store.read { [name, leaseSeconds] db in
      let q = PostgresStore.quiet
      let first = items.map(\.id).min()
      try await db.query(
        "UPDATE agents SET heartbeat = now(), item = \(first) WHERE name = \(name)", logger: q)
      guard !items.isEmpty else { return [] }
      var kept: Set<Int64> = []
      for try await (id, attempts) in try await db.query(
        """
        UPDATE work_items SET lease_until = now() + make_interval(secs => \(leaseSeconds))
        WHERE id = ANY(\(items.map(\.id))) AND agent = \(name) AND state = 'running' RETURNING id, attempts
        """, logger: q
      ).decode((Int64, Int32).self) where items.contains(where: { $0.id == id && $0.attempt == attempts }) {
        kept.insert(id)
      }
      return Set(items.map(\.id)).subtracting(kept)
    }
  }

  /// Takes the next item this agent may scan, if any: a pending one, or one whose holder's lease
  /// expired. Items whose holders stopped `max_attempts` times are marked failed first.
  /// `excluding` lists scans this agent cannot serve (another configuration).
  package func claim(excluding: [Int64]) throws(BlastRadiusError) -> ClaimedItem? {
    try store.attempt("taking a work item") {
      try store.transaction { [name, host, leaseSeconds] db in
        let q = PostgresStore.quiet
        try await db.query(
          """
          UPDATE work_items SET state = 'failed', finished_at = now(), lease_until = NULL,
            error = 'given up after ' || attempts || ' attempts: the last agent to hold it (' || agent
              || ') stopped before finishing it' || COALESCE(' (' || error || ')', '')
          WHERE state = 'running' AND lease_until < now() AND attempts >= max_attempts
          """, logger: q)
        let rows = try await db.query(
          """
          UPDATE work_items w SET state = 'running', agent = \(name), attempts = w.attempts + 1,
            lease_until = now() + make_interval(secs => \(leaseSeconds)), started_at = now()
          FROM scans s
          WHERE s.id = w.scan_id AND w.id = (
            SELECT id FROM work_items
            WHERE (state = 'pending' OR (state = 'running' AND lease_until < now()))
              AND (host IS NULL OR host = \(host)) AND NOT (scan_id = ANY(\(excluding)))
            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING w.id, w.scan_id, w.attempts, w.kind, w.paths, s.host, s.plan, s.config_hash
          """, logger: q
        ).collect()
        guard let row = rows.first else { return nil }
        let (id, scan, attempt, kind, paths, scanHost, plan, configHash) = try row.decode(
          (Int64, Int64, Int32, String, [String], String, String, String).self)
        let parsed = try? JSONParser.parse(plan)
        let arguments = Agent.Plan(
          arguments: parsed?["arguments"]?.array?.compactMap(\.string) ?? [],
          excludes: parsed?["excludes"]?.array?.compactMap(\.string) ?? [])
        try await db.query(
          "UPDATE agents SET item = \(id), heartbeat = now() WHERE name = \(name)", logger: q)
        return ClaimedItem(
          id: id, scan: scan, attempt: attempt, kind: ClaimedItem.Kind(rawValue: kind) ?? .files,
          paths: paths,
          host: scanHost, plan: arguments, configHash: configHash)
      }
    }
  }

  /// Items this agent could take, or may take over: pending ones and those held by anyone, but
  /// those of the scans it cannot serve.
  package func openItems(excluding: [Int64]) throws(BlastRadiusError) -> Int64 {
    try store.attempt("reading the queue") {
      try store.read { [host] db in
        try await db.query(
          """
          SELECT COUNT(*) FROM work_items WHERE state IN ('pending', 'running') AND (host IS NULL OR host = \(host))
            AND NOT (scan_id = ANY(\(excluding)))
          """, logger: PostgresStore.quiet
        ).collect().first!.decode(Int64.self)
      }
    }
  }

  /// Gives an item back: to the queue (`counted` false: this agent could not serve its scan, and
  /// the attempt does not count), or as a failed attempt with its error, failed for good once
  /// it had `max_attempts`.
  package func release(_ item: ClaimedItem, error: String, counted: Bool) {
    _ = try? store.read { [name] db in
      let q = PostgresStore.quiet
      if counted {
        try await db.query(
          """
          UPDATE work_items SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
            finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
            agent = NULL, lease_until = NULL, error = \(error)
          WHERE id = \(item.id) AND agent = \(name) AND attempts = \(item.attempt) AND state = 'running'
          """, logger: q)
      } else {
        try await db.query(
          """
          UPDATE work_items SET state = 'pending', agent = NULL, lease_until = NULL, attempts = attempts - 1
          WHERE id = \(item.id) AND agent = \(name) AND attempts = \(item.attempt) AND state = 'running'
          """, logger: q)
      }
      try await db.query(
        "UPDATE agents SET item = NULL WHERE name = \(name) AND item = \(item.id)", logger: q)
    }
  }

  /// What an item produced besides its files' results.
  package struct Outcome: Sendable {
    /// The item's summary record (counts of what it read).
    package var summary: String
    /// Error records of problems outside a file (an unreadable folder).
    package var issues: [String] = []
    /// New items found inside it: subfolders, and batches of its files beyond the first.
    package var children: [(kind: ClaimedItem.Kind, paths: [String])] = []
    package var bytes: Int64 = 0
    package var seconds: Double = 0

    package init(summary: String) { self.summary = summary }
  }

  /// Commits an item whole: its files' findings and records (through `COPY`), its new items, and
  /// its "done" mark, in one transaction that first checks the lease is still this agent's.
  /// Nothing is committed when it is not: the item's new holder does the work again.
  package func complete(_ item: ClaimedItem, files: [PendingFile], outcome: Outcome, scan: ScanStore)
    throws(BlastRadiusError)
  {
    let context = PostgresScanWriter.Context(
      scan: item.scan, host: item.host, sealer: scan.sealer, configHash: scan.configuration.hash)
    let before = scan.options.beforeCommit
    let n = scan.commits.add(1, ordering: .relaxed).newValue
    let started = MonotonicClock.now()
    defer { scan.writeNanoseconds.add(Int((MonotonicClock.now() - started) * 1e9), ordering: .relaxed) }
    _ = try store.attempt("committing work item #\(item.id)") {
      try store.transaction { [name] db in
        let q = PostgresStore.quiet
        let held = try await db.query(
          """
          SELECT 1 FROM work_items WHERE id = \(item.id) AND agent = \(name) AND attempts = \(item.attempt)
            AND state = 'running' FOR UPDATE
          """, logger: q
        ).collect()
        guard !held.isEmpty else { throw LostItem(item: item.id) }
        var load = CopyLoad()
        if Set(files.map(\.path)).count == files.count {
          _ = try await PostgresScanWriter.write(files, complete: true, context, load: &load, db)
        } else {
          for file in files {
            _ = try await PostgresScanWriter.write([file], complete: true, context, load: &load, db)
          }
        }
        for (kind, paths) in outcome.children {
          try await db.query(
            """
            INSERT INTO work_items (scan_id, host, kind, paths, max_attempts)
            SELECT scan_id, host, \(kind.rawValue), \(paths), max_attempts FROM work_items WHERE id = \(item.id)
            """, logger: q)
        }
        try await db.query(
          """
          UPDATE work_items SET state = 'done', finished_at = now(), lease_until = NULL, summary = \(outcome.summary),
            issues = \(outcome.issues), bytes = \(outcome.bytes) WHERE id = \(item.id)
          """, logger: q)
        try await db.query(
          """
          UPDATE agents SET item = NULLIF(item, \(item.id)), heartbeat = now(), items_done = items_done + 1,
            bytes_done = bytes_done + \(outcome.bytes), busy_seconds = busy_seconds + \(outcome.seconds)
          WHERE name = \(name)
          """, logger: q)
        before?(n)
        return 0
      }
    }
    scan.options.afterCommit?(n)
  }

  /// Ends every scan handed to agents whose items are all done or failed: its summary is the sum
  /// of its items', with unique values counted from the stored fingerprints of every file it
  /// saw (a value on two hosts counts once); a failed item makes it incomplete. One agent ends a
  /// scan (its row is locked); the others find it ended. Returns the scans ended.
  package func finishScans(category: @escaping @Sendable (String) -> String?) throws(BlastRadiusError)
    -> [Int64]
  {
    try store.attempt("ending a scan") {
      let ready = try store.read { db in
        try await db.query(
          """
          SELECT s.id FROM scans s WHERE s.plan IS NOT NULL AND s.status = 'running' AND NOT EXISTS (
            SELECT 1 FROM work_items w WHERE w.scan_id = s.id AND w.state IN ('pending', 'running'))
          ORDER BY s.id
          """, logger: PostgresStore.quiet
        ).collect().map { try $0.decode(Int64.self) }
      }
      var ended: [Int64] = []
      for id in ready where try store.transaction({ db in try await Self.finish(id, category: category, db) })
      {
        ended.append(id)
      }
      return ended
    }
  }

  static func finish(_ id: Int64, category: @escaping @Sendable (String) -> String?, _ db: PostgresConnection)
    async throws -> Bool
  {
    let q = PostgresStore.quiet
    guard
      let (host, roots, config, started, status) = try await db.query(
        "SELECT host, roots, config, started_at, status FROM scans WHERE id = \(id) FOR UPDATE", logger: q
      ).collect().first?.decode((String, String, String, Double, String).self),
      status == "running"
    else { return false }
    let open = try await db.query(
      "SELECT COUNT(*) FROM work_items WHERE scan_id = \(id) AND state IN ('pending', 'running')", logger: q
    ).collect().first!.decode(Int64.self)
    guard open == 0 else { return false }
    var summary = ScanSummary()
    var issues: [String] = []
    for try await (state, paths, record, itemIssues, error) in try await db.query(
      "SELECT state, paths, summary, issues, error FROM work_items WHERE scan_id = \(id) ORDER BY id",
      logger: q
    ).decode((String, [String], String?, [String], String?).self) {
      issues += itemIssues
      if state == "failed" {
        let issue = ScanIssue(
          code: .notScanned, message: "work item not scanned: \(error ?? "it failed")",
          path: paths.first ?? "")
        var json = JSONBuilder()
        RecordFormatter.append(issue, to: &json)
        issues.append(String(decoding: json.bytes, as: UTF8.self))
        summary.errors += 1
        summary.errorsByCode[ScanIssue.Code.notScanned.rawValue, default: 0] += 1
      } else if let record, let v = try? JSONParser.parse(record) {
        summary = summary.merged(with: ScanSummary(record: v, category: category))
      }
    }
    // Totals and distinct values per detector, from the fingerprints of every file the scan saw.
    let ids = ScanConfiguration.detectorIDs(config)
    let tally = ScanTally(detectors: ids.map { ($0, category($0) ?? "custom") })
    let rows = try await db.query(
      """
      SELECT b.values_index, b.count FROM scan_seen s JOIN reads r ON r.id = s.read_id
      JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id) WHERE s.scan_id = \(id)
      """, logger: q)
    for try await (index, count) in rows.decode((ByteBuffer, Int32).self) {
      let ok = index.readableBytesView.withUnsafeBytes { raw in
        guard let index = FingerprintIndex(raw, count: Int(count)) else { return false }
        tally.recordValues(index)
        return true
      }
      guard ok else { throw DamagedBlock() }
    }
    summary.detectors = tally.summary(seconds: 0).detectors
    summary.seconds = max(0, Date().timeIntervalSince1970 - started)
    summary.store = ScanSummary.StoreRun(
      scan: id, resumed: false, status: summary.interrupted ? "interrupted" : "complete")
    let failed = summary.errorsByCode[ScanIssue.Code.notScanned.rawValue, default: 0] > 0
    // A scan with items not read has not seen everything: nothing leaves the current view.
    try await PostgresScanWriter.end(
      id, host: host, summary: summary, issues: issues,
      roots: failed ? [] : roots.split(separator: "\n").map(String.init), db)
    return true
  }
}

/// The lease of a work item passed to another agent before this one committed it.
struct LostItem: Error, CustomStringConvertible {
  let item: Int64
  var description: String { "work item #\(item) was taken over by another agent (its lease expired)" }
}
