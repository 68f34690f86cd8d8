import Foundation
import GRDB
import BlastRadiusScan
public import BlastRadiusBase

/// The scans a store keeps, and the comparison of two of them.
extension StoreDatabase {
  public func scans() throws(BlastRadiusError) -> [StoredScan] {
    try attempt("listing scans") {
      try queue.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, host, roots, status, started_at, finished_at, files_read, files_reused, summary, config_hash,
              key_id
            FROM scans ORDER BY id
            """
        ).map { row in
          StoredScan(
            id: try row.decode(atIndex: 0), host: try row.decode(atIndex: 1),
            roots: try row.decode(atIndex: 2),
            status: try row.decode(atIndex: 3), startedAt: try row.decode(atIndex: 4),
            finishedAt: try row.decode(atIndex: 5), filesRead: try row.decode(atIndex: 6),
            filesReused: try row.decode(atIndex: 7), summary: try row.decode(atIndex: 8),
            configHash: try row.decode(atIndex: 9), keyID: try row.decode(atIndex: 10))
        }
      }
    }
  }

  /// Compares the values and files scan `from` saw with those scan `to` saw.
  public func compare(scan from: Int64, with to: Int64) throws(BlastRadiusError) -> ScanComparison {
    try attempt("comparing scans \(from) and \(to)") {
      try queue.read { db in
        for id in [from, to]
        where try Int64.fetchOne(db, sql: "SELECT id FROM scans WHERE id = ?", arguments: [id]) == nil {
          throw BlastRadiusError(.input, "no scan #\(id) in this store (see `blastradius scans`)", path: path)
        }
        var result = ScanComparison(
          from: from, to: to, before: try values(of: from, db), after: try values(of: to, db))
        let files = """
          SELECT f.path FROM scan_seen s JOIN scan_files f ON f.id = s.file_id
          WHERE s.scan_id = ? AND s.file_id NOT IN (SELECT file_id FROM scan_seen WHERE scan_id = ?) ORDER BY f.path
          """
        result.newFiles = try String.fetchAll(db, sql: files, arguments: [to, from])
        result.goneFiles = try String.fetchAll(db, sql: files, arguments: [from, to])
        return result
      }
    }
  }

  /// The distinct values (fingerprints' first words) per detector id that a scan saw.
  func values(of scan: Int64, _ db: Database) throws -> [String: Set<UInt64>] {
    let config =
      try String.fetchOne(db, sql: "SELECT config FROM scans WHERE id = ?", arguments: [scan]) ?? "{}"
    let ids = ScanConfiguration.detectorIDs(config)
    var out: [String: Set<UInt64>] = [:]
    let blocks = try Row.fetchCursor(
      db,
      sql: """
        SELECT b.values_index, b.count FROM scan_seen s JOIN reads r ON r.id = s.read_id
        JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id) WHERE s.scan_id = ?
        """, arguments: [scan])
    while let row = try blocks.next() {
      try Self.withIndex(row) { index in
        for i in 0..<index.count {
          let (d, word) = index[i]
          out[d < ids.count ? ids[d] : "unknown", default: []].insert(word)
        }
      }
    }
    return out
  }
}
