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

  public func files(holding word: UInt64, limit: Int) throws(BlastRadiusError) -> [String] {
    // The word is stored big-endian in blocks with whole fingerprints, little-endian in older
    // ones: SQLite's instr finds either in the blob, and the index confirms where it sits.
    let big = withUnsafeBytes(of: word.bigEndian) { Data($0) }
    let little = withUnsafeBytes(of: word.littleEndian) { Data($0) }
    return try console("finding a value") { db in
      var out: [String] = []
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT f.path, b.values_index, b.count FROM scan_files f JOIN reads r ON r.id = f.current_read
          JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id)
          WHERE f.present AND (instr(b.values_index, ?) > 0 OR instr(b.values_index, ?) > 0) ORDER BY f.path
          """, arguments: [big, little])
      while out.count < limit, let row = try rows.next() {
        let path: String = row[0]
        guard path != out.last else { continue }
        let data: Data = row[1]
        let count: Int = row[2]
        let holds = data.withUnsafeBytes { raw in
          guard let index = FingerprintIndex(raw, count: count) else { return false }
          return (0..<count).contains { index[$0].word0 == word }
        }
        if holds { out.append(path) }
      }
      return out
    }
  }
}
