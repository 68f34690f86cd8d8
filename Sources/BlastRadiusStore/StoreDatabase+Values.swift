import Foundation
import GRDB
public import BlastRadiusBase
import BlastRadiusScan

/// The values of the current view, from the fingerprints stored beside each block of findings:
/// counted without opening a single record.
extension StoreDatabase {
  /// Calls `body` with each block of fingerprints of the current view's files, by path, with
  /// the detector ids its scan's configuration numbers them by.
  static func forEachCurrentBlock(
    _ db: Database, _ body: (_ path: String, _ detectors: [String], _ index: FingerprintIndex) throws -> Void
  ) throws {
    var ids: [String: [String]] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT config_hash, config FROM scans GROUP BY config_hash") {
      ids[row[0]] = ScanConfiguration.detectorIDs(row[1])
    }
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT f.path, r.config_hash, b.values_index, b.count FROM scan_files f JOIN reads r ON r.id = f.current_read
        JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id) WHERE f.present ORDER BY f.path
        """)
    while let row = try rows.next() {
      let path: String = row[0]
      let list = ids[row[1]] ?? []
      let data: Data = row[2]
      let count: Int = row[3]
      try data.withUnsafeBytes { raw in
        if let index = FingerprintIndex(raw, count: count) { try body(path, list, index) }
      }
    }
  }

  public func valueTable() throws(BlastRadiusError) -> [ValueRow] {
    try console("counting values") { db in
      var builder = ValueTableBuilder()
      try Self.forEachCurrentBlock(db) { builder.add(path: $0, detectors: $1, index: $2) }
      return builder.rows()
    }
  }

  public func findings(of word: UInt64, limit: Int) throws(BlastRadiusError) -> [[UInt8]] {
    // SQLite's instr finds the word in a block's index; the index confirms where it sits, and
    // only blocks that hold it are opened.
    let (big, little) = StoredBlock.needles(word)
    return try console("finding a value") { db in
      var out: [[UInt8]] = []
      let decompressor = Zstd.Decompressor()
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT f.path, b.values_index, b.count, b.ends, b.records FROM scan_files f
          JOIN reads r ON r.id = f.current_read JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id)
          WHERE f.present AND (instr(b.values_index, ?) > 0 OR instr(b.values_index, ?) > 0) ORDER BY f.path, b.seq
          """, arguments: [Data(big), Data(little)])
      while out.count < limit, let row = try rows.next() {
        let path: String = row[0]
        let index: Data = row[1]
        let count: Int = row[2]
        let ends: Data = row[3]
        let wanted = index.withUnsafeBytes { StoredBlock.matching(word, index: $0, count: count) }
        guard !wanted.isEmpty else { continue }
        let json = try Self.records(row[4], decompressor: decompressor)
        let ok = index.withUnsafeBytes { index in
          ends.withUnsafeBytes { ends in
            StoredBlock.lines(
              index: index, count: count, ends: ends, records: json, values: nil, path: path, into: &out,
              keep: wanted.contains)
          }
        }
        guard ok else {
          throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a block of findings is damaged")
        }
      }
      return Array(out.prefix(limit))
    }
  }
}
