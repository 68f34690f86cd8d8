import Foundation
import GRDB
import Synchronization
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
public import BlastRadiusBase
public import BlastRadiusIntegrity

/// The SQLite file that keeps snapshots and scans (GRDB, WAL journal: readers never wait for the
/// writer). Created with mode 0600: it names every file of the tree and holds their hashes and
/// findings. The journal files SQLite makes beside it take the same mode.
public final class StoreDatabase: Sendable {
  let queue: DatabasePool
  /// Copies the WAL while a scan writes (`startWriting`).
  let checkpointer = Mutex<WALCheckpointer?>(nil)
  /// Where it is, for error messages.
  let path: String

  /// `blastradius_records(records)`: a block's records as JSON text, for the `current_findings`
  /// view and anyone querying blocks with SQL through this release.
  static let recordsFunction = DatabaseFunction(StoreSchema.recordsFunction, argumentCount: 1, pure: true) {
    values in
    guard let json = try? StoreDatabase.records(values[0], decompressor: Zstd.Decompressor()) else {
      return nil
    }
    return String(decoding: json, as: UTF8.self)
  }

  /// Opens `path`, creating it (mode 0600) when `create` is true, and brings the schema up to
  /// date.
  public init(path: String, create: Bool) throws(BlastRadiusError) {
    self.path = path
    var st = stat()
    if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK {
      // A link planted at the path would have the store written wherever it points.
      throw BlastRadiusError(.storeUnusable, "is a symbolic link: refusing to follow it", path: path)
    }
    if access(path, F_OK) != 0 {
      guard create else {
        throw BlastRadiusError(
          .storeMissing, "no store here: `blastradius baseline` or `blastradius scan --store` creates one",
          path: path)
      }
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard fd >= 0 else {
        throw BlastRadiusError(
          .storeUnusable, "cannot create", path: path, cause: SystemCallError(errno: errno))
      }
      fchmod(fd, 0o600)
      close(fd)
      // Large pages: a block of findings is tens of KiB, and fewer, larger pages cost less to
      // write. The size is fixed by the first write, so it is set before anything else.
      do {
        let setup = try DatabaseQueue(path: path)
        try setup.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA page_size = 65536; PRAGMA journal_mode = WAL")
        }
        try setup.close()
      } catch {
        throw BlastRadiusError(.storeUnusable, "cannot create", path: path, cause: error)
      }
    }
    var config = Configuration()
    config.prepareDatabase { db in
      // NORMAL: a commit survives a crash of the process; after a power loss the last commits may
      // be lost, never half kept (WAL).
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // Statement journals (an upsert's undo log within its transaction) in memory: with 64 KiB
      // pages they were a 64 KiB write to a temporary file per page touched, 2.7 GB for 20,000
      // small files. They only ever serve the open transaction; a crash loses nothing they held.
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
      db.add(function: Self.recordsFunction)
    }
    config.maximumReaderCount = 8
    config.busyMode = .timeout(10)
    let pool: DatabasePool
    do {
      pool = try DatabasePool(path: path, configuration: config)
    } catch {
      throw BlastRadiusError(
        .storeUnusable, "cannot open (not a BlastRadius store, or damaged)", path: path, cause: error)
    }
    queue = pool
    let newer: [String]
    do {
      newer = try pool.read { db in
        try StoreSchema.migrator.appliedIdentifiers(db).subtracting(StoreSchema.known).sorted()
      }
      if newer.isEmpty {
        try StoreSchema.migrator.migrate(pool)
      }
    } catch {
      throw BlastRadiusError(
        .storeUnusable, "cannot open (not a BlastRadius store, or damaged)", path: path, cause: error)
    }
    guard newer.isEmpty else {
      throw BlastRadiusError(
        .storeUnusable,
        "made by a newer release of BlastRadius (it has \(newer.joined(separator: ", "))): upgrade blastradius to use it",
        path: path)
    }
  }

  deinit {
    // Closed before a scan's lock descriptor on the same file can be: closing a descriptor drops
    // the process's POSIX locks on the file, SQLite's among them.
    try? queue.close()
  }

  /// Copies the WAL's pages into the database file and empties the WAL. Below SQLite's automatic
  /// checkpoint (1,000 pages, 64 MiB here) a scan's writes would otherwise stay in the WAL, and
  /// the next process to open the store reads all of it to rebuild its index. Best effort: what
  /// is in the WAL is committed either way.
  func checkpoint() {
    try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
  }

  /// Whether commits checkpoint the WAL themselves once it passes 1,000 pages (SQLite's default);
  /// off while a `WALCheckpointer` does it.
  func automaticCheckpoints(_ on: Bool) {
    try? queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA wal_autocheckpoint = \(on ? 1000 : 0)")
    }
  }

  /// A scan starts writing: its WAL is checkpointed beside the commits, on a thread of its own
  /// (or by the commits, as SQLite does by default, when that thread's connection cannot open).
  package func startWriting() {
    checkpointer.withLock { c in
      guard c == nil, let started = try? WALCheckpointer(path: path) else { return }
      c = started
      automaticCheckpoints(false)
    }
  }

  /// The scan is done writing: the checkpointer stops and the WAL is emptied.
  package func finishWriting() {
    let stopped = checkpointer.withLock { c in
      defer { c = nil }
      return c
    }
    guard let stopped else { return }
    stopped.stop()
    automaticCheckpoints(true)
    checkpoint()
  }

  /// Runs `body` and turns GRDB's errors into `BlastRadiusError`s that name what was being done.
  func attempt<T>(_ what: String, _ body: () throws -> T) throws(BlastRadiusError) -> T {
    do { return try body() } catch let error as BlastRadiusError { throw error } catch {
      throw BlastRadiusError(.storeUnusable, what, path: path, cause: error)
    }
  }

  /// A partial snapshot's counts are taken from its rows as they are; a complete one's were
  /// stored when it finished.
  static let snapshotColumns = """
    id, label, roots, generation, complete,
    CASE WHEN complete THEN entries ELSE (SELECT COUNT(*) FROM files WHERE snapshot_id = id) END,
    CASE WHEN complete THEN files ELSE (SELECT COUNT(*) FROM files WHERE snapshot_id = id AND kind = 'file') END,
    CASE WHEN complete THEN bytes ELSE (SELECT IFNULL(SUM(size), 0) FROM files WHERE snapshot_id = id AND kind = 'file') END,
    CASE WHEN complete THEN errors ELSE (SELECT COUNT(*) FROM issues WHERE snapshot_id = id) END
    """

  static func snapshot(_ row: Row) throws -> Snapshot {
    Snapshot(
      id: try row.decode(atIndex: 0), label: try row.decode(atIndex: 1),
      roots: (try row.decode(String.self, atIndex: 2)).split(separator: "\n").map(String.init),
      generation: try row.decode(atIndex: 3), complete: try row.decode(atIndex: 4),
      entries: try row.decode(atIndex: 5), files: try row.decode(atIndex: 6),
      bytes: try row.decode(atIndex: 7), errors: try row.decode(atIndex: 8))
  }

  public func snapshot(_ label: String) throws(BlastRadiusError) -> Snapshot? {
    try attempt("reading snapshot '\(label)'") {
      try queue.read { db in
        try Row.fetchOne(
          db, sql: "SELECT \(Self.snapshotColumns) FROM snapshots WHERE label = ?", arguments: [label]
        )
        .map(Self.snapshot)
      }
    }
  }

  public func snapshots() throws(BlastRadiusError) -> [Snapshot] {
    try attempt("listing snapshots") {
      try queue.read { db in
        try Row.fetchAll(db, sql: "SELECT \(Self.snapshotColumns) FROM snapshots ORDER BY label").map(
          Self.snapshot)
      }
    }
  }

  /// Starts a run on `label`: a new snapshot, or the next generation of an existing one. It is
  /// marked partial until `finish`; its issues are the new run's.
  public func begin(_ label: String, roots: [String]) throws(BlastRadiusError) -> Snapshot {
    try attempt("starting snapshot '\(label)'") {
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO snapshots (label, roots, started_at) VALUES (?, ?, ?)
            ON CONFLICT(label) DO UPDATE SET generation = generation + 1, complete = 0, roots = excluded.roots,
              started_at = excluded.started_at, finished_at = NULL
            """, arguments: [label, roots.joined(separator: "\n"), Date().timeIntervalSince1970])
        let row = try Row.fetchOne(
          db, sql: "SELECT \(Self.snapshotColumns) FROM snapshots WHERE label = ?", arguments: [label])!
        let snapshot = try Self.snapshot(row)
        try db.execute(sql: "DELETE FROM issues WHERE snapshot_id = ?", arguments: [snapshot.id])
        return snapshot
      }
    }
  }

  /// The sink a run writes through; `prior` gives the entries whose hashes may be kept.
  public func recorder(for snapshot: Snapshot, prior: Snapshot?) -> any SnapshotSink {
    SnapshotRecorder(queue: queue, snapshot: snapshot, priorID: prior?.id)
  }

  /// Ends a run: entries it did not see are dropped, the counts updated, the snapshot marked
  /// complete.
  @discardableResult
  public func finish(_ snapshot: Snapshot) throws(BlastRadiusError) -> Snapshot {
    defer { checkpoint() }
    return try attempt("finishing snapshot '\(snapshot.label)'") {
      try queue.write { db in
        try db.execute(
          sql: "DELETE FROM files WHERE snapshot_id = ? AND generation < ?",
          arguments: [snapshot.id, snapshot.generation])
        try db.execute(
          sql: """
            UPDATE snapshots SET complete = 1, finished_at = ?2,
              entries = (SELECT COUNT(*) FROM files WHERE snapshot_id = ?1),
              files = (SELECT COUNT(*) FROM files WHERE snapshot_id = ?1 AND kind = 'file'),
              bytes = (SELECT IFNULL(SUM(size), 0) FROM files WHERE snapshot_id = ?1 AND kind = 'file'),
              errors = (SELECT COUNT(*) FROM issues WHERE snapshot_id = ?1)
            WHERE id = ?1
            """,
          arguments: [snapshot.id, Date().timeIntervalSince1970])
        return try Self.snapshot(
          try Row.fetchOne(
            db, sql: "SELECT \(Self.snapshotColumns) FROM snapshots WHERE id = ?", arguments: [snapshot.id])!)
      }
    }
  }

  public func delete(_ snapshot: Snapshot) throws(BlastRadiusError) {
    try attempt("deleting snapshot '\(snapshot.label)'") {
      try queue.write { db in
        try db.execute(sql: "DELETE FROM snapshots WHERE id = ?", arguments: [snapshot.id])
      }
    }
  }

  /// `--update`: `current` takes the place and label of `baseline`, in one transaction.
  public func replace(_ baseline: Snapshot, with current: Snapshot) throws(BlastRadiusError) {
    try attempt("updating snapshot '\(baseline.label)'") {
      try queue.write { db in
        try db.execute(sql: "DELETE FROM snapshots WHERE id = ?", arguments: [baseline.id])
        try db.execute(
          sql: "UPDATE snapshots SET label = ? WHERE id = ?", arguments: [baseline.label, current.id])
      }
    }
  }

  /// Records (or re-records) the boot area of a device in `snapshot`.
  public func store(_ area: BootArea, in snapshot: Snapshot) throws(BlastRadiusError) {
    try attempt("storing the boot area of \(area.path)") {
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT OR REPLACE INTO devices (snapshot_id, path, bytes, sha256, entropy, sampled, content_type, period, regions)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            snapshot.id, area.path, area.bytes, Data(area.content.sha256.bytes), area.content.entropy,
            area.content.sampled, area.content.type.rawValue, area.content.period,
            Data(area.regionDigests.flatMap(\.bytes)),
          ])
      }
    }
  }

  public func bootAreas(of snapshot: Snapshot) throws(BlastRadiusError) -> [BootArea] {
    try attempt("reading boot areas") {
      try queue.read { db in
        try Row.fetchAll(
          db,
          sql:
            "SELECT path, bytes, sha256, entropy, sampled, content_type, period, regions FROM devices WHERE snapshot_id = ? ORDER BY path",
          arguments: [snapshot.id]
        ).map { row in
          let regions = try row.decode(Data.self, atIndex: 7)
          return BootArea(
            path: try row.decode(atIndex: 0), bytes: try row.decode(atIndex: 1),
            content: ContentProfile(
              sha256: (try row.decode(Data.self, atIndex: 2)).withUnsafeBytes { ContentDigest(bytes: $0) },
              entropy: try row.decode(atIndex: 3),
              sampled: try row.decode(atIndex: 4),
              type: ContentType(rawValue: try row.decode(atIndex: 5)) ?? .binary,
              period: try row.decode(atIndex: 6)),
            regionDigests: stride(from: 0, to: regions.count, by: 32).map { start in
              regions[start..<start + 32].withUnsafeBytes { ContentDigest(bytes: $0) }
            })
        }
      }
    }
  }

  /// The issues recorded by the snapshot's last run.
  public func issues(of snapshot: Snapshot) throws(BlastRadiusError) -> [ScanIssue] {
    try attempt("reading issues") {
      try queue.read { db in
        try Row.fetchAll(
          db, sql: "SELECT path, code, message FROM issues WHERE snapshot_id = ? ORDER BY path",
          arguments: [snapshot.id]
        )
        .map { ScanIssue(code: ScanIssue.Code(rawValue: $0[1]) ?? .ioError, message: $0[2], path: $0[0]) }
      }
    }
  }
}
