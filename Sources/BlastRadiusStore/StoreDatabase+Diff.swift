import GRDB
public import BlastRadiusIntegrity
public import BlastRadiusBase

/// Comparing two snapshots in SQL, so that neither is held in memory: entries at the same path,
/// then entries gone and new, paired into moves by inode (a rename keeps inode and mtime) and
/// then by hash (a copy and delete).
extension StoreDatabase {
  /// Sends every change from `from` to `to` to `each`, counting into `summary`. With `scope`,
  /// only baseline entries under those roots can be removed (a diff of part of the tree).
  public func compare(
    from: Snapshot, to: Snapshot, scope: [String]? = nil, summary: inout DiffSummary, each: (Change) -> Void
  ) throws(BlastRadiusError) {
    try attempt("comparing '\(from.label)' with '\(to.label)'") {
      try queue.read { db in
        let a = EntryRecord.columnList("a")
        let b = EntryRecord.columnList("b")
        let width = EntryRecord.columns.count
        let same = """
          a.kind = b.kind AND a.mode = b.mode AND a.uid = b.uid AND a.gid = b.gid AND a.size = b.size
          AND a.mtime = b.mtime AND a.ctime = b.ctime AND a.links = b.links AND a.inode = b.inode
          AND a.device = b.device AND a.sha256 IS b.sha256 AND a.target IS b.target
          """
        let pairs = try Row.fetchCursor(
          db,
          sql: """
            SELECT \(a), \(b) FROM files a JOIN files b ON b.snapshot_id = ?2 AND b.dir = a.dir AND b.name = a.name
            WHERE a.snapshot_id = ?1 AND NOT (\(same)) ORDER BY a.dir, a.name
            """, arguments: [from.id, to.id])
        while let row = try pairs.next() {
          report(try EntryRecord(row: row, at: 0), try EntryRecord(row: row, at: width), &summary, each)
        }

        try db.execute(
          sql:
            "DROP TABLE IF EXISTS temp.gone; DROP TABLE IF EXISTS temp.new; DROP TABLE IF EXISTS temp.pairs")
        for (table, mine, other) in [("gone", from.id, to.id), ("new", to.id, from.id)] {
          try db.execute(
            sql: """
              CREATE TEMP TABLE \(table) AS SELECT a.* FROM files a WHERE a.snapshot_id = ?1 AND NOT EXISTS
                (SELECT 1 FROM files b WHERE b.snapshot_id = ?2 AND b.dir = a.dir AND b.name = a.name);
              CREATE UNIQUE INDEX temp.\(table)_path ON \(table)(dir, name);
              """, arguments: [mine, other])
        }
        summary.unverified += try forgetUnknown(db, to: to, scope: scope)

        // Pairs drive the join (CROSS JOIN keeps that order): SQLite has no statistics on them and
        // would otherwise scan the snapshot once per pair.
        try db.execute(
          sql: """
            CREATE TEMP TABLE pairs (gdir TEXT, gname TEXT, ndir TEXT, nname TEXT);
            CREATE INDEX temp.pairs_gone ON pairs(gdir, gname);
            CREATE INDEX temp.pairs_new ON pairs(ndir, nname);
            """)
        try pairUp(db, on: "device, inode, kind, mtime", where: "1")
        try pairUp(db, on: "sha256, size", where: "kind = 'file' AND size > 0 AND sha256 IS NOT NULL")
        let moves = try Row.fetchCursor(
          db,
          sql: """
            SELECT \(a), \(b) FROM pairs p
            CROSS JOIN files a ON a.snapshot_id = ?1 AND a.dir = p.gdir AND a.name = p.gname
            CROSS JOIN files b ON b.snapshot_id = ?2 AND b.dir = p.ndir AND b.name = p.nname ORDER BY b.dir, b.name
            """, arguments: [from.id, to.id])
        while let row = try moves.next() {
          report(try EntryRecord(row: row, at: 0), try EntryRecord(row: row, at: width), &summary, each)
        }
        let cols = EntryRecord.columns.joined(separator: ", ")
        let gone = try Row.fetchCursor(db, sql: "SELECT \(cols) FROM gone ORDER BY dir, name")
        while let row = try gone.next() { report(try EntryRecord(row: row, at: 0), nil, &summary, each) }
        let new = try Row.fetchCursor(db, sql: "SELECT \(cols) FROM new ORDER BY dir, name")
        while let row = try new.next() { report(nil, try EntryRecord(row: row, at: 0), &summary, each) }
        try db.execute(sql: "DROP TABLE temp.gone; DROP TABLE temp.new; DROP TABLE temp.pairs")
      }
    }
  }

  func report(
    _ before: EntryRecord?, _ after: EntryRecord?, _ summary: inout DiffSummary, _ each: (Change) -> Void
  ) {
    guard let change = ChangeClassifier.classify(before: before, after: after) else { return }
    summary.add(change)
    each(change)
  }

  /// Pairs gone and new entries that agree on `keys`, one to one (the n-th of each group with
  /// the n-th), and takes them out of `gone` and `new`.
  func pairUp(_ db: Database, on keys: String, where condition: String) throws {
    try db.execute(
      sql: """
        INSERT INTO pairs
        WITH g AS (SELECT dir, name, \(keys), ROW_NUMBER() OVER (PARTITION BY \(keys) ORDER BY dir, name) AS rn
                   FROM gone WHERE \(condition)),
             n AS (SELECT dir, name, \(keys), ROW_NUMBER() OVER (PARTITION BY \(keys) ORDER BY dir, name) AS rn
                   FROM new WHERE \(condition))
        SELECT g.dir, g.name, n.dir, n.name FROM g JOIN n USING (\(keys), rn);
        DELETE FROM gone WHERE EXISTS (SELECT 1 FROM pairs p WHERE p.gdir = gone.dir AND p.gname = gone.name);
        DELETE FROM new WHERE EXISTS (SELECT 1 FROM pairs p WHERE p.ndir = new.dir AND p.nname = new.name);
        """)
  }

  /// Drops from `gone` what is not known to be gone: entries under a folder `to` could not
  /// list, and, for a diff of part of the tree, entries outside `scope`. Returns how many were
  /// under unlisted folders.
  func forgetUnknown(_ db: Database, to: Snapshot, scope: [String]?) throws -> Int {
    let unlisted = try Row.fetchAll(
      db, sql: "SELECT dir, name FROM files WHERE snapshot_id = ? AND listed = 0", arguments: [to.id]
    ).map { EntryRecord.join($0[0], $0[1]) }
    var unknown = 0
    for folder in unlisted {
      try db.execute(
        sql: "DELETE FROM gone WHERE \(Self.under)",
        arguments: StatementArguments(Self.underArguments(folder)))
      unknown += db.changesCount
    }
    if let scope, !scope.contains("/") {
      let inScope = scope.map { _ in "(\(Self.under) OR (dir = ? AND name = ?))" }.joined(separator: " OR ")
      var arguments: [(any DatabaseValueConvertible)?] = []
      for root in scope {
        arguments += Self.underArguments(root)
        let slash = root.utf8.lastIndex(of: UInt8(ascii: "/"))!
        arguments += [
          slash == root.utf8.startIndex ? "/" : String(root[..<slash]),
          String(root[root.index(after: slash)...]),
        ]
      }
      try db.execute(sql: "DELETE FROM gone WHERE NOT (\(inScope))", arguments: StatementArguments(arguments))
    }
    return unknown
  }

  /// Entries whose folder is `?1` or lies below it (`?1/` ≤ dir < `?1` + `0`, as `0` follows `/`).
  static let under = "(dir = ? OR (dir >= ? AND dir < ?))"
  static func underArguments(_ folder: String) -> [(any DatabaseValueConvertible)?] {
    [folder, folder + "/", folder + "0"]
  }

  /// Entries per top folder of a snapshot, the denominators of the diff's shares.
  public func entriesByTop(_ snapshot: Snapshot) throws(BlastRadiusError) -> [String: Int] {
    try attempt("counting entries") {
      try queue.read { db in
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(
          db, sql: "SELECT top, COUNT(*) FROM files WHERE snapshot_id = ? GROUP BY top",
          arguments: [snapshot.id])
        {
          counts[try row.decode(atIndex: 0)] = try row.decode(atIndex: 1)
        }
        return counts
      }
    }
  }
}
