import Foundation
import NIOCore
import BlastRadiusBase
import BlastRadiusScan
import BlastRadiusStore
import PostgresNIO
import Crypto

/// The scan store's driver for PostgreSQL (`ScanStoreDriver`), for the scans of one host: files
/// are keyed by host and path, and a file's copy may be found on any host (same content, same
/// configuration). Each commit is one transaction on a connection of its own; its blocks of
/// findings and its records are loaded with `COPY … FROM STDIN` inside it, so that a file's
/// findings and its "done" mark land together or not at all.
struct PostgresScanWriter: ScanStoreDriver {
  let store: PostgresStore
  let host: String
  /// Current reads of the folders looked up last.
  let folders = FolderReads()
  /// The work item this writer scans for an agent, when it does: the scan is the item's, and
  /// the item's lease, not a lock, keeps other writers away.
  var claim: ClaimedItem?

  init(store: PostgresStore, host: String, claim: ClaimedItem? = nil) {
    self.store = store
    self.host = host
    self.claim = claim
  }

  var location: String { store.url.description }

  /// Copies may be on other hosts, which cannot hash this host's files later.
  var hashesLargeFiles: Bool { true }

  /// An advisory lock on the host and roots, held by a connection kept for the scan: another
  /// process scanning the same roots of the same host is refused; other hosts and roots go on.
  func lockForWriting(_ c: ScanConfiguration) throws(BlastRadiusError) -> any Sendable {
    if claim != nil { return 0 }
    let key = Self.lockKey(host: host, roots: c.roots)
    let held = try store.attempt("locking the scan of these roots") {
      try Blocking.run { [store] () -> PostgresLockHolder? in
        let connection = try await store.connect()
        let rows = try await connection.query(
          "SELECT pg_try_advisory_lock(\(key))", logger: PostgresStore.quiet
        )
        .collect()
        guard try rows.first?.decode(Bool.self) == true else {
          store.release(connection)
          return nil
        }
        return PostgresLockHolder(connection: connection)
      }
    }
    guard let held else {
      throw BlastRadiusError(
        .storeUnusable,
        "locked: another scan of these roots on \(host) is writing to this store; wait for it or stop it",
        path: location)
    }
    return held
  }

  static func lockKey(host: String, roots: [String]) -> Int64 {
    let digest = Array(SHA256.hash(data: Array((host + "\n" + roots.joined(separator: "\n")).utf8)))
    return digest.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
  }

  func beginScan(_ c: ScanConfiguration) throws(BlastRadiusError) -> (id: Int64, resumed: Bool) {
    if let claim {
      try store.attempt("starting a work item") {
        try store.transaction { db in try await claim.clearParts(db) }
      }
      return (claim.scan, false)
    }
    let roots = c.roots.joined(separator: "\n")
    return try store.attempt("starting the scan") {
      try store.transaction { [host] db in
        // Parts of reads a killed run of these roots left incomplete: their files are read again.
        try await db.query(
          """
          DELETE FROM finding_blocks WHERE read_id IN (SELECT r.id FROM reads r JOIN scans s ON s.id = r.scan_id
            WHERE NOT r.complete AND s.host = \(host) AND s.roots = \(roots))
          """, logger: PostgresStore.quiet)
        try await db.query(
          """
          DELETE FROM read_records WHERE read_id IN (SELECT r.id FROM reads r JOIN scans s ON s.id = r.scan_id
            WHERE NOT r.complete AND s.host = \(host) AND s.roots = \(roots))
          """, logger: PostgresStore.quiet)
        try await db.query(
          """
          DELETE FROM reads r USING scans s WHERE s.id = r.scan_id AND NOT r.complete
            AND s.host = \(host) AND s.roots = \(roots)
          """, logger: PostgresStore.quiet)
        let pid = Int64(getpid())
        let last = try await db.query(
          """
          SELECT id, status FROM scans WHERE host = \(host) AND roots = \(roots) AND config_hash = \(c.hash)
          ORDER BY id DESC LIMIT 1
          """, logger: PostgresStore.quiet
        ).collect().first?.decode((Int64, String).self)
        if let last, last.1 != "complete" {
          try await db.query(
            """
            UPDATE scans SET status = 'running', pid = \(pid), finished_at = NULL, summary = NULL WHERE id = \(last.0)
            """, logger: PostgresStore.quiet)
          try await db.query("DELETE FROM scan_seen WHERE scan_id = \(last.0)", logger: PostgresStore.quiet)
          try await db.query("DELETE FROM scan_issues WHERE scan_id = \(last.0)", logger: PostgresStore.quiet)
          return (last.0, true)
        }
        let now = Date().timeIntervalSince1970
        let id = try await db.query(
          """
          INSERT INTO scans (host, roots, config_hash, config, key_id, started_at, status, pid)
          VALUES (\(host), \(roots), \(c.hash), \(c.json), \(c.keyID), \(now), 'running', \(pid)) RETURNING id
          """, logger: PostgresStore.quiet
        ).collect().first!.decode(Int64.self)
        return (id, false)
      }
    }
  }

  static let priorColumns =
    "r.id, f.host, f.path, r.device, r.inode, r.size, r.mtime_ns, r.ctime_ns, r.sha256, r.config_hash, r.complete, r.whole_item, r.tally"

  /// A read as `priorColumns` selects it. A read made on another host has no path here: its
  /// file cannot be opened from this one.
  func priorRead(_ row: PostgresRow) throws -> PriorRead {
    let (id, fileHost, path, device, inode, size, mtime, ctime) =
      try row.decode((Int64, String, String, Int64, Int64, Int64, Int64, Int64).self)
    let columns = row.makeRandomAccess()
    let sha = try columns[8].decode(ByteBuffer?.self)
    let configHash = try columns[9].decode(String.self)
    let complete = try columns[10].decode(Bool.self)
    let wholeItem = try columns[11].decode(Bool.self)
    let tally = try columns[12].decode(String?.self)
    return PriorRead(
      id: id, path: fileHost == host ? path : "",
      stamp: FileStamp(
        device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode), size: size, mtime: mtime,
        ctime: ctime),
      sha256: sha.map { Array($0.readableBytesView) }, configHash: configHash, complete: complete,
      wholeItem: wholeItem, tally: tally.flatMap { FileTally(json: Array($0.utf8)) })
  }

  /// The read a path points to now. Looked up a folder at a time (the walk gives a folder's
  /// files together), since a query per file costs a round trip each: 7.8 s of the 9.7 s an
  /// unchanged rescan of 20,000 small files took over loopback.
  func currentRead(path: String) throws -> PriorRead? {
    let dir = Self.folder(path)
    switch folders.reads(in: dir) {
    case .some(.some(let known)): return known[path]
    case .some(.none): return try onlyRead(path: path)
    case .none: break
    }
    let limit = FolderReads.largest
    let reads = try store.read { [self] db -> [String: PriorRead]? in
      var out: [String: PriorRead] = [:]
      for try await row in try await db.query(
        """
        SELECT \(unescaped: Self.priorColumns) FROM scan_files f JOIN reads r ON r.id = f.current_read
        WHERE f.host = \(host) AND f.dir = \(dir) LIMIT \(limit + 1)
        """, logger: PostgresStore.quiet)
      {
        let read = try priorRead(row)
        out[read.path] = read
      }
      return out.count > limit ? nil : out
    }
    folders.keep(reads, for: dir)
    return try reads.map { $0[path] } ?? onlyRead(path: path)
  }

  /// The read one path points to (in a folder too large to keep whole).
  func onlyRead(path: String) throws -> PriorRead? {
    try store.read { [self] db in
      try await db.query(
        """
        SELECT \(unescaped: Self.priorColumns) FROM scan_files f JOIN reads r ON r.id = f.current_read
        WHERE f.host = \(host) AND f.path = \(path)
        """, logger: PostgresStore.quiet
      ).collect().first.map(priorRead)
    }
  }

  /// The folder part of a path: what `scan_files.dir` holds.
  static func folder(_ path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
    return String(path[..<slash])
  }

  func sameSizeReads(size: Int64, configHash: String) throws -> [PriorRead] {
    try store.read { [self] db in
      try await db.query(
        """
        SELECT \(unescaped: Self.priorColumns) FROM reads r JOIN scan_files f ON f.id = r.file_id
        WHERE r.size = \(size) AND r.config_hash = \(configHash) AND r.complete AND r.source_read IS NULL
        ORDER BY r.sha256 IS NULL, r.id DESC LIMIT 8
        """, logger: PostgresStore.quiet
      ).collect().map(priorRead)
    }
  }

  func setHash(_ sha: [UInt8], read: Int64) throws {
    _ = try store.read { db in
      try await db.query(
        "UPDATE reads SET sha256 = \(ByteBuffer(bytes: sha)) WHERE id = \(read)", logger: PostgresStore.quiet)
    }
  }

  func commit(_ files: [PendingFile], store scan: ScanStore) throws {
    _ = try timed(scan) { context, load, db in
      if Set(files.map(\.path)).count == files.count {
        _ = try await Self.write(files, complete: true, context, load: &load, db)
      } else {
        // The same path twice in one commit (roots that overlap): one file at a time.
        for file in files { _ = try await Self.write([file], complete: true, context, load: &load, db) }
      }
      return 0
    }
  }

  func commitPart(_ part: PendingFile, store scan: ScanStore) throws -> Int64 {
    try timed(scan) { context, load, db in
      try await Self.write([part], complete: false, context, load: &load, db)[0]
    }
  }

  /// One commit: `body` writes the files' rows, then the blocks and records it gathered are
  /// loaded, all in one transaction; counted and timed for the summary, with the tests' kill hooks.
  func timed(
    _ scan: ScanStore,
    _ body: @escaping @Sendable (Context, inout CopyLoad, PostgresConnection) async throws -> Int64
  ) throws -> Int64 {
    let n = scan.commits.add(1, ordering: .relaxed).newValue
    let started = MonotonicClock.now()
    defer { scan.writeNanoseconds.add(Int((MonotonicClock.now() - started) * 1e9), ordering: .relaxed) }
    let context = Context(
      scan: scan.scanID, host: host, sealer: scan.sealer, configHash: scan.configuration.hash)
    let before = scan.options.beforeCommit
    let id = try store.transaction { db in
      var load = CopyLoad()
      let id = try await body(context, &load, db)
      try await load.send(db)
      before?(n)
      return id
    }
    scan.options.afterCommit?(n)
    return id
  }

  /// What a commit needs from the scan, as values it can carry into its task.
  struct Context: Sendable {
    let scan: Int64
    let host: String
    let sealer: ValueSealer?
    let configHash: String
  }

  /// Writes finished files' rows with a handful of statements whatever their number (arrays
  /// bound as parameters and `unnest`ed), where a statement per file would cost a round trip
  /// each: 40 s instead of 4 for 20,000 small files over loopback. Paths must be distinct. The
  /// files' "done" marks go with them when `complete` (not for the first parts of a file still
  /// being read); returns the read that stands for each file.
  static func write(
    _ files: [PendingFile], complete: Bool, _ c: Context, load: inout CopyLoad, _ db: PostgresConnection
  ) async throws -> [Int64] {
    guard !files.isEmpty else { return [] }
    let q = PostgresStore.quiet
    var fileIDs: [String: Int64] = [:]
    let paths = files.map(\.path)
    for try await (id, path) in try await db.query(
      """
      INSERT INTO scan_files (host, path, dir, present, last_scan) SELECT \(c.host), u.p, u.d, true, \(c.scan)
      FROM unnest(\(paths)::text[], \(paths.map(Self.folder))::text[]) AS u(p, d)
      ON CONFLICT (host, path) DO UPDATE SET present = true, last_scan = excluded.last_scan RETURNING id, path
      """, logger: q
    ).decode((Int64, String).self) {
      fileIDs[path] = id
    }
    // New reads, for files read now or taken from a copy elsewhere.
    let plans = files.map(\.readPlan)
    var readIDs: [Int64: Int64] = [:]
    let fresh = files.indices.filter { plans[$0].existing == nil }
    if !fresh.isEmpty {
      let ids = fresh.map { fileIDs[files[$0].path]! }
      let stamps = fresh.map { files[$0].file.stamp }
      let shas = fresh.map { ByteBuffer(bytes: files[$0].sha256 ?? []) }
      let sources = fresh.map { plans[$0].source ?? 0 }
      let devices = stamps.map { Int64(bitPattern: $0.device) }
      let inodes = stamps.map { Int64(bitPattern: $0.inode) }
      for try await (read, file) in try await db.query(
        """
        INSERT INTO reads (file_id, scan_id, device, inode, size, mtime_ns, ctime_ns, sha256, config_hash, source_read)
        SELECT u.f, \(c.scan), u.d, u.i, u.s, u.m, u.c, NULLIF(u.h, ''::bytea), \(c.configHash), NULLIF(u.r, 0)
        FROM unnest(\(ids)::bigint[], \(devices)::bigint[], \(inodes)::bigint[], \(stamps.map(\.size))::bigint[],
          \(stamps.map(\.mtime))::bigint[], \(stamps.map(\.ctime))::bigint[], \(shas)::bytea[], \(sources)::bigint[])
          AS u(f, d, i, s, m, c, h, r)
        RETURNING id, file_id
        """, logger: q
      ).decode((Int64, Int64).self) {
        readIDs[file] = read
      }
    }
    var reads: [Int64] = []
    for (i, file) in files.enumerated() {
      let fileID = fileIDs[file.path]!
      let readID = plans[i].existing ?? readIDs[fileID]!
      reads.append(readID)
      for (b, block) in file.blocks.enumerated() where block.count > 0 {
        let seq = file.blocksSent + b
        let sealed = try c.sealer.map { try $0.seal(block.values, read: readID, block: seq) }
        load.add(block, read: readID, seq: seq, sealed: sealed.map { Array($0) })
      }
      for (r, record) in file.records.enumerated() {
        load.add(record: record.json, kind: record.kind, read: readID, seq: file.recordsSent + r)
      }
    }
    try await load.send(db)
    load = CopyLoad()
    guard complete else { return reads }
    // Done marks: reads completed with their totals (not those reused unchanged), files pointed
    // at them, and the scan's record of what it saw.
    let done = files.indices.filter {
      if case .unchanged = files[$0].origin { return false }
      return true
    }
    if !done.isEmpty {
      let tallies = done.map { files[$0].tally ?? FileTally() }
      let ids = done.map { reads[$0] }
      let counts = tallies.map { Int64($0.findings) }
      let texts = tallies.map { String(decoding: $0.json(), as: UTF8.self) }
      let whole = done.map { files[$0].wholeItem }
      let shas = done.map { ByteBuffer(bytes: files[$0].sha256 ?? []) }
      try await db.query(
        """
        UPDATE reads SET complete = true, findings = u.n, tally = u.t, whole_item = u.w,
          sha256 = COALESCE(NULLIF(u.h, ''::bytea), reads.sha256)
        FROM unnest(\(ids)::bigint[], \(counts)::bigint[], \(texts)::text[], \(whole)::bool[], \(shas)::bytea[])
          AS u(id, n, t, w, h)
        WHERE reads.id = u.id
        """, logger: q)
    }
    let ids = files.map { fileIDs[$0.path]! }
    let reused = plans.map(\.reused)
    try await db.query(
      """
      UPDATE scan_files SET current_read = u.r, findings = (SELECT findings FROM reads WHERE id = u.r)
      FROM unnest(\(ids)::bigint[], \(reads)::bigint[]) AS u(f, r)
      WHERE scan_files.id = u.f
      """, logger: q)
    try await db.query(
      """
      INSERT INTO scan_seen (scan_id, file_id, read_id, reused)
      SELECT \(c.scan), u.f, u.r, u.u FROM unnest(\(ids)::bigint[], \(reads)::bigint[], \(reused)::bool[]) AS u(f, r, u)
      ON CONFLICT (scan_id, file_id) DO UPDATE SET read_id = excluded.read_id, reused = excluded.reused
      """, logger: q)
    return reads
  }

  func reusedCounts(scan: Int64, configuration c: ScanConfiguration, tally: ScanTally) throws
    -> [ScanSummary.DetectorCount]?
  {
    let roots = c.roots.joined(separator: "\n")
    let blocks = try store.read { [host] db -> [ScanSummary.DetectorCount]? in
      let q = PostgresStore.quiet
      let (seen, reused) = try await db.query(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE reused) FROM scan_seen WHERE scan_id = \(scan)", logger: q
      ).collect().first!.decode((Int64, Int64).self)
      if seen == reused, seen > 0,
        let previous = try await db.query(
          """
          SELECT id, summary FROM scans WHERE id < \(scan) AND status = 'complete' AND host = \(host)
            AND roots = \(roots) AND config_hash = \(c.hash) ORDER BY id DESC LIMIT 1
          """, logger: q
        ).collect().first?.decode((Int64, String?).self),
        let summary = previous.1,
        try await db.query("SELECT COUNT(*) FROM scan_seen WHERE scan_id = \(previous.0)", logger: q)
          .collect().first!.decode(Int64.self) == seen,
        try await db.query(
          """
          SELECT COUNT(*) FROM scan_seen a JOIN scan_seen b
            ON b.scan_id = \(previous.0) AND b.file_id = a.file_id AND b.read_id = a.read_id
          WHERE a.scan_id = \(scan)
          """, logger: q
        ).collect().first!.decode(Int64.self) == seen,
        let counts = StoreDatabase.detectorCounts(summary, order: c.detectors)
      {
        return counts
      }
      let rows = try await db.query(
        """
        SELECT b.values_index, b.count FROM scan_seen s JOIN reads r ON r.id = s.read_id
        JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id)
        WHERE s.scan_id = \(scan) AND s.reused
        """, logger: q)
      for try await (index, count) in rows.decode((ByteBuffer, Int32).self) {
        let ok = index.readableBytesView.withUnsafeBytes { raw in
          guard let index = FingerprintIndex(raw, count: Int(count)) else { return false }
          tally.recordValues(index)
          return true
        }
        guard ok else { throw DamagedBlock() }
      }
      return nil
    }
    return blocks
  }

  func endScan(_ id: Int64, summary: ScanSummary, walkIssues: [ScanIssue], roots: [String]) throws {
    let issues = walkIssues.map { issue in
      var json = JSONBuilder()
      RecordFormatter.append(issue, to: &json)
      return String(decoding: json.bytes, as: UTF8.self)
    }
    _ = try store.transaction { [host] db in
      try await Self.end(id, host: host, summary: summary, issues: issues, roots: roots, db)
      return 0
    }
  }

  /// Records a scan's end on `db`: its walk problems (as error records), status and summary;
  /// when it saw everything, files under its roots it did not see leave the current view.
  static func end(
    _ id: Int64, host: String, summary: ScanSummary, issues: [String], roots: [String],
    _ db: PostgresConnection
  ) async throws {
    var json = JSONBuilder()
    RecordFormatter.append(summary, to: &json)
    let record = String(decoding: json.bytes, as: UTF8.self)
    let q = PostgresStore.quiet
    try await db.query("DELETE FROM scan_issues WHERE scan_id = \(id)", logger: q)
    if !issues.isEmpty {
      let seqs = issues.indices.map { Int32($0) }
      try await db.query(
        """
        INSERT INTO scan_issues (scan_id, seq, record) SELECT \(id), u.s, u.r
        FROM unnest(\(seqs)::integer[], \(issues)::text[]) AS u(s, r)
        """, logger: q)
    }
    if !summary.interrupted {
      for root in roots {
        let prefix = root == "/" ? "/" : root + "/"
        try await db.query(
          """
          UPDATE scan_files SET present = false
          WHERE host = \(host) AND present AND (path = \(root) OR left(path, length(\(prefix))) = \(prefix))
            AND id NOT IN (SELECT file_id FROM scan_seen WHERE scan_id = \(id))
          """, logger: q)
      }
    }
    let status = summary.interrupted ? "interrupted" : "complete"
    let read = Int64(summary.files - summary.reusedFiles)
    let reusedFiles = Int64(summary.reusedFiles)
    let now = Date().timeIntervalSince1970
    try await db.query(
      """
      UPDATE scans SET status = \(status), finished_at = \(now), files_read = \(read), files_reused = \(reusedFiles),
        summary = \(record) WHERE id = \(id)
      """, logger: q)
  }

  func startWriting() {}
  func finishWriting() {}
}

/// Holds the connection whose session holds a scan's advisory lock; closing it releases the lock.
final class PostgresLockHolder: Sendable {
  let connection: PostgresConnection
  init(connection: PostgresConnection) { self.connection = connection }
  deinit { try? connection.close().wait() }
}

/// A stored block whose parts do not agree.
struct DamagedBlock: Error, CustomStringConvertible {
  var description: String { "a block of findings is damaged" }
}
