import Foundation
import GRDB
import GRDBSQLite
package import BlastRadiusBase
package import BlastRadiusScan
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing scans: the lock, a scan's start and end, and each batch of files in one transaction.
extension StoreDatabase: ScanStoreDriver {
  static let priorColumns =
    "r.id, f.path, r.device, r.inode, r.size, r.mtime_ns, r.ctime_ns, r.sha256, r.config_hash, r.complete, r.whole_item, r.tally"

  static func priorRead(_ row: Row) throws -> PriorRead {
    let sha: Data? = try row.decode(atIndex: 7)
    let tally: String? = try row.decode(atIndex: 11)
    return PriorRead(
      id: try row.decode(atIndex: 0), path: try row.decode(atIndex: 1),
      stamp: FileStamp(
        device: UInt64(bitPattern: try row.decode(Int64.self, atIndex: 2)),
        inode: UInt64(bitPattern: try row.decode(Int64.self, atIndex: 3)), size: try row.decode(atIndex: 4),
        mtime: try row.decode(atIndex: 5), ctime: try row.decode(atIndex: 6)),
      sha256: sha.map { Array($0) }, configHash: try row.decode(atIndex: 8),
      complete: try row.decode(atIndex: 9),
      wholeItem: try row.decode(atIndex: 10), tally: tally.flatMap { FileTally(json: Array($0.utf8)) })
  }

  /// Takes the writer lock (the whole file, whatever the roots); refused at once, naming the scan under way, when another process
  /// holds it.
  package var location: String { path }

  /// One machine: a file is hashed only when a file of its size comes along.
  package var hashesLargeFiles: Bool { false }

  package func lockForWriting(_ configuration: ScanConfiguration) throws(BlastRadiusError) -> any Sendable {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw BlastRadiusError(.storeUnusable, "cannot open", path: path, cause: SystemCallError(errno: errno))
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let err = errno
      close(fd)
      let running = try? queue.read { db in
        try Row.fetchOne(
          db, sql: "SELECT id, pid, host FROM scans WHERE status = 'running' ORDER BY id DESC LIMIT 1")
      }
      let who =
        running.flatMap { $0 }.map { row in
          "scan #\(row[0] as Int64) (pid \((row[1] as Int64?) ?? 0) on \((row[2] as String?) ?? "?"))"
        } ?? "another scan"
      throw BlastRadiusError(
        .storeUnusable, "locked: \(who) is writing to this store; wait for it or stop it", path: path,
        cause: SystemCallError(errno: err))
    }
    return StoreLock(fd: fd)
  }

  /// Starts a scan, or resumes the latest scan of the same roots and configuration when it did
  /// not finish (killed, or stopped with Ctrl-C). Reads left incomplete by a killed run are
  /// dropped: their files are read again.
  package func beginScan(_ c: ScanConfiguration) throws(BlastRadiusError) -> (id: Int64, resumed: Bool) {
    try attempt("starting the scan") {
      try queue.write { db in
        try db.execute(
          sql: """
            DELETE FROM finding_blocks WHERE read_id IN (SELECT id FROM reads WHERE complete = 0);
            DELETE FROM read_records WHERE read_id IN (SELECT id FROM reads WHERE complete = 0);
            DELETE FROM reads WHERE complete = 0;
            """)
        let roots = c.roots.joined(separator: "\n")
        let pid = Int64(getpid())
        let now = Date().timeIntervalSince1970
        if let last = try Row.fetchOne(
          db,
          sql: "SELECT id, status FROM scans WHERE roots = ? AND config_hash = ? ORDER BY id DESC LIMIT 1",
          arguments: [roots, c.hash]), (last[1] as String) != "complete"
        {
          let id: Int64 = last[0]
          try db.execute(
            sql: """
              UPDATE scans SET status = 'running', pid = ?, host = ?, finished_at = NULL, summary = NULL WHERE id = ?;
              DELETE FROM scan_seen WHERE scan_id = ?;
              DELETE FROM scan_issues WHERE scan_id = ?;
              """, arguments: [pid, c.host, id, id, id])
          return (id, true)
        }
        try db.execute(
          sql: """
            INSERT INTO scans (host, roots, config_hash, config, key_id, started_at, status, pid)
            VALUES (?, ?, ?, ?, ?, ?, 'running', ?)
            """, arguments: [c.host, roots, c.hash, c.json, c.keyID, now, pid])
        return (db.lastInsertedRowID, false)
      }
    }
  }

  /// The read a path points to now, if any.
  package func currentRead(path: String) throws -> PriorRead? {
    try queue.unsafeRead { db in
      try Row.fetchOne(
        db.cachedStatement(
          sql:
            "SELECT \(Self.priorColumns) FROM scan_files f JOIN reads r ON r.id = f.current_read WHERE f.path = ?"
        ),
        arguments: [path]
      ).map(Self.priorRead)
    }
  }

  /// Complete reads of other files with this size under this configuration, newest first: the
  /// candidates for the same content.
  package func sameSizeReads(size: Int64, configHash: String) throws -> [PriorRead] {
    try queue.unsafeRead { db in
      try Row.fetchAll(
        db.cachedStatement(
          sql: """
            SELECT \(Self.priorColumns) FROM reads r JOIN scan_files f ON f.id = r.file_id
            WHERE r.size = ? AND r.config_hash = ? AND r.complete AND r.source_read IS NULL
            ORDER BY r.id DESC LIMIT 8
            """), arguments: [size, configHash]
      ).map(Self.priorRead)
    }
  }

  package func setHash(_ sha: [UInt8], read: Int64) throws {
    try queue.write { db in
      try db.execute(sql: "UPDATE reads SET sha256 = ? WHERE id = ?", arguments: [Data(sha), read])
    }
  }

  /// Commits finished files, each with its records and its "done" mark, in one transaction.
  package func commit(_ files: [PendingFile], store: ScanStore) throws {
    let n = store.commits.add(1, ordering: .relaxed).newValue
    let started = MonotonicClock.now()
    defer { store.writeNanoseconds.add(Int((MonotonicClock.now() - started) * 1e9), ordering: .relaxed) }
    try queue.write { db in
      for file in files { _ = try write(file, complete: true, store: store, db) }
      store.options.beforeCommit?(n)
    }
    store.options.afterCommit?(n)
  }

  /// Commits the first part of a file still being read; returns its read's id.
  package func commitPart(_ part: PendingFile, store: ScanStore) throws -> Int64 {
    let n = store.commits.add(1, ordering: .relaxed).newValue
    let started = MonotonicClock.now()
    defer { store.writeNanoseconds.add(Int((MonotonicClock.now() - started) * 1e9), ordering: .relaxed) }
    let id = try queue.write { db in
      let id = try write(part, complete: false, store: store, db)
      store.options.beforeCommit?(n)
      return id
    }
    store.options.afterCommit?(n)
    return id
  }

  /// Writes one file's rows; returns the read that now stands for it.
  func write(_ file: PendingFile, complete: Bool, store: ScanStore, _ db: Database) throws -> Int64 {
    let scan = store.scanID
    let fileID = try Int64.fetchOne(
      db.cachedStatement(
        sql: """
          INSERT INTO scan_files (path, present, last_scan) VALUES (?, 1, ?)
          ON CONFLICT(path) DO UPDATE SET present = 1, last_scan = excluded.last_scan RETURNING id
          """), arguments: [file.path, scan])!
    let (existing, source, reused) = file.readPlan
    let readID: Int64
    if let existing {
      readID = existing
    } else {
      let st = file.file.stamp
      try db.cachedStatement(
        sql: """
          INSERT INTO reads (file_id, scan_id, device, inode, size, mtime_ns, ctime_ns, sha256, config_hash, source_read)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        fileID, scan, Int64(bitPattern: st.device), Int64(bitPattern: st.inode), st.size, st.mtime, st.ctime,
        file.sha256.map { Data($0) }, store.configuration.hash, source,
      ])
      readID = db.lastInsertedRowID
    }
    let blockInsert = try db.cachedStatement(
      sql:
        "INSERT INTO finding_blocks (read_id, seq, count, values_index, ends, records, sealed_values) VALUES (?, ?, ?, ?, ?, ?, ?)"
    )
    for (i, block) in file.blocks.enumerated() where block.count > 0 {
      let seq = file.blocksSent + i
      let sealed = try store.sealer.map { try $0.seal(block.values, read: readID, block: seq) }
      try Self.insert(block, read: readID, seq: seq, sealed: sealed, with: blockInsert)
    }
    let recordInsert = try db.cachedStatement(
      sql: "INSERT INTO read_records (read_id, seq, kind, record) VALUES (?, ?, ?, ?)")
    for (i, record) in file.records.enumerated() {
      try recordInsert.execute(arguments: [
        readID, file.recordsSent + i, record.kind, String(decoding: record.json, as: UTF8.self),
      ])
    }
    guard complete else { return readID }
    if case .unchanged = file.origin {
    } else {
      let tally = file.tally ?? FileTally()
      try db.cachedStatement(
        sql:
          "UPDATE reads SET complete = 1, findings = ?, tally = ?, whole_item = ?, sha256 = COALESCE(?, sha256) WHERE id = ?"
      ).execute(arguments: [
        tally.findings, String(decoding: tally.json(), as: UTF8.self), file.wholeItem,
        file.sha256.map { Data($0) }, readID,
      ])
    }
    try db.cachedStatement(
      sql:
        "UPDATE scan_files SET current_read = ?1, findings = (SELECT findings FROM reads WHERE id = ?1) WHERE id = ?2"
    ).execute(arguments: [readID, fileID])
    try db.cachedStatement(
      sql: "INSERT OR REPLACE INTO scan_seen (scan_id, file_id, read_id, reused) VALUES (?, ?, ?, ?)"
    ).execute(arguments: [scan, fileID, readID, reused])
    return readID
  }

  /// Inserts one block with SQLite's own binding: its bytes go straight from the block's buffers
  /// into the statement (no copy, no UTF-8 check: the JSON writer made them), which is most of
  /// what a finding costs the store.
  static func insert(_ block: FindingBlock, read: Int64, seq: Int, sealed: Data?, with statement: Statement)
    throws
  {
    let s = statement.sqliteStatement
    sqlite3_reset(s)
    sqlite3_clear_bindings(s)
    sqlite3_bind_int64(s, 1, read)
    sqlite3_bind_int64(s, 2, Int64(seq))
    sqlite3_bind_int64(s, 3, Int64(block.count))
    let code = block.index.withUnsafeBytes { index in
      block.ends.withUnsafeBytes { ends in
        (block.packed ?? block.json.bytes).withUnsafeBytes { records in
          // SQLITE_STATIC: the buffers outlive the step.
          sqlite3_bind_blob(s, 4, index.baseAddress, Int32(index.count), nil)
          sqlite3_bind_blob(s, 5, ends.baseAddress, Int32(ends.count), nil)
          if block.packed != nil {
            sqlite3_bind_blob(s, 6, records.baseAddress, Int32(records.count), nil)
          } else {
            sqlite3_bind_text(
              s, 6, records.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(records.count), nil)
          }
          if let sealed {
            return sealed.withUnsafeBytes { v in
              sqlite3_bind_blob(s, 7, v.baseAddress, Int32(v.count), nil)
              return sqlite3_step(s)
            }
          }
          return sqlite3_step(s)
        }
      }
    }
    sqlite3_reset(s)
    sqlite3_clear_bindings(s)
    guard code == SQLITE_DONE else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "inserting a block of findings")
    }
  }

  /// Calls `body` with the index of a block row whose first two columns are `values_index` and
  /// `count`; throws when they do not agree (a damaged store).
  static func withIndex(_ row: Row, _ body: (FingerprintIndex) throws -> Void) throws {
    let data: Data = try row.decode(atIndex: 0)
    let count: Int = try row.decode(atIndex: 1)
    try data.withUnsafeBytes { raw in
      guard let index = FingerprintIndex(raw, count: count) else {
        throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a block of findings is damaged")
      }
      try body(index)
    }
  }

  /// The per-detector counts of a scan that read nothing: those of the previous complete scan of
  /// the same roots and configuration when it saw exactly the same reads; otherwise nil, after
  /// counting every reused finding's value into `tally`.
  package func reusedCounts(scan: Int64, configuration c: ScanConfiguration, tally: ScanTally) throws
    -> [ScanSummary.DetectorCount]?
  {
    try queue.read { db -> [ScanSummary.DetectorCount]? in
      let row = try Row.fetchOne(
        db, sql: "SELECT COUNT(*), IFNULL(SUM(reused), 0) FROM scan_seen WHERE scan_id = ?", arguments: [scan]
      )!
      let (seen, reused): (Int64, Int64) = (row[0], row[1])
      if seen == reused, seen > 0,
        let previous = try Row.fetchOne(
          db,
          sql: """
            SELECT id, summary FROM scans WHERE id < ? AND status = 'complete' AND roots = ? AND config_hash = ?
            ORDER BY id DESC LIMIT 1
            """, arguments: [scan, c.roots.joined(separator: "\n"), c.hash]),
        let summary = previous[1] as String?,
        try Int64.fetchOne(
          db, sql: "SELECT COUNT(*) FROM scan_seen WHERE scan_id = ?", arguments: [previous[0]])
          == seen,
        try Int64.fetchOne(
          db,
          sql: """
            SELECT COUNT(*) FROM scan_seen a JOIN scan_seen b
              ON b.scan_id = ? AND b.file_id = a.file_id AND b.read_id = a.read_id
            WHERE a.scan_id = ?
            """, arguments: [previous[0], scan]) == seen,
        let counts = Self.detectorCounts(summary, order: c.detectors)
      {
        return counts
      }
      let blocks = try Row.fetchCursor(
        db,
        sql: """
          SELECT b.values_index, b.count FROM scan_seen s JOIN reads r ON r.id = s.read_id
          JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id)
          WHERE s.scan_id = ? AND s.reused = 1
          """, arguments: [scan])
      while let block = try blocks.next() {
        try Self.withIndex(block) { tally.recordValues($0) }
      }
      return nil
    }
  }

  /// The `detectors` of a stored summary record, in the configuration's order (the record has no
  /// categories: the caller keeps its own).
  package static func detectorCounts(_ summary: String, order: [String]) -> [ScanSummary.DetectorCount]? {
    guard let value = try? JSONParser.parse(summary), let detectors = value["detectors"]?.object else {
      return nil
    }
    var out: [ScanSummary.DetectorCount] = []
    for id in order {
      guard let d = detectors[id], let total = d["total"]?.int, let unique = d["unique"]?.int else {
        return nil
      }
      out.append(ScanSummary.DetectorCount(detector: id, category: "", total: total, unique: unique))
    }
    return out
  }

  /// Ends a scan: its walk problems, its status and summary; when it saw everything, the files
  /// under its roots it did not see leave the current view (their reads stay, as history).
  package func endScan(_ id: Int64, summary: ScanSummary, walkIssues: [ScanIssue], roots: [String]) throws {
    try queue.write { db in
      try db.execute(sql: "DELETE FROM scan_issues WHERE scan_id = ?", arguments: [id])
      for (i, issue) in walkIssues.enumerated() {
        var json = JSONBuilder()
        RecordFormatter.append(issue, to: &json)
        try db.execute(
          sql: "INSERT INTO scan_issues (scan_id, seq, record) VALUES (?, ?, ?)",
          arguments: [id, i, String(decoding: json.bytes, as: UTF8.self)])
      }
      if !summary.interrupted {
        for root in roots {
          let prefix = root == "/" ? "/" : root + "/"
          try db.execute(
            sql: """
              UPDATE scan_files SET present = 0
              WHERE present = 1 AND (path = ?1 OR substr(path, 1, length(?2)) = ?2)
                AND id NOT IN (SELECT file_id FROM scan_seen WHERE scan_id = ?3)
              """, arguments: [root, prefix, id])
        }
      }
      var json = JSONBuilder()
      RecordFormatter.append(summary, to: &json)
      try db.execute(
        sql: """
          UPDATE scans SET status = ?, finished_at = ?, files_read = ?, files_reused = ?, summary = ? WHERE id = ?
          """,
        arguments: [
          summary.interrupted ? "interrupted" : "complete", Date().timeIntervalSince1970,
          summary.files - summary.reusedFiles, summary.reusedFiles,
          String(decoding: json.bytes, as: UTF8.self), id,
        ])
    }
  }
}
