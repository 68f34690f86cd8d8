import GRDB
import BlastRadiusBase
import BlastRadiusIntegrity

/// Writes a snapshot run into the store: each batch in one transaction, every row stamped with
/// the run's generation. Known entries come from `priorID`'s rows (the same snapshot for an
/// incremental baseline, the baseline for a quick diff), or nowhere when every file is read.
struct SnapshotRecorder: SnapshotSink {
  let queue: DatabasePool
  let snapshot: Snapshot
  let priorID: Int64?

  static let insert =
    "INSERT OR REPLACE INTO files (snapshot_id, generation, \(EntryRecord.columns.joined(separator: ", "))) VALUES (?, ?"
    + String(repeating: ", ?", count: EntryRecord.columns.count) + ")"
  static let known =
    "SELECT \(EntryRecord.columnList("f")) FROM files f WHERE f.snapshot_id = ? AND f.dir = ? AND f.name BETWEEN ? AND ?"

  func known(in dir: String, from first: String, through last: String) throws -> [String: EntryRecord] {
    guard let priorID else { return [:] }
    return try queue.read { db in
      var known: [String: EntryRecord] = [:]
      let rows = try Row.fetchCursor(
        db.cachedStatement(sql: Self.known), arguments: [priorID, dir, first, last])
      while let row = try rows.next() {
        let entry = try EntryRecord(row: row, at: 0)
        known[entry.name] = entry
      }
      return known
    }
  }

  func write(_ entries: [EntryRecord]) throws {
    try queue.write { db in
      let statement = try db.cachedStatement(sql: Self.insert)
      for entry in entries {
        try statement.execute(
          arguments: StatementArguments([snapshot.id, snapshot.generation] + entry.arguments))
      }
    }
  }

  func receive(_ issue: ScanIssue) {
    _ = try? queue.write { db in
      try db.execute(
        sql: "INSERT INTO issues (snapshot_id, path, code, message) VALUES (?, ?, ?, ?)",
        arguments: [snapshot.id, issue.path, issue.code.rawValue, issue.message])
    }
  }
}
