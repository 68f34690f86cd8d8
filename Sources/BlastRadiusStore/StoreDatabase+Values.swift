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
    struct Tally {
      var findings: UInt32 = 0
      var files: UInt32 = 0
      var lastFile: UInt32 = 0
      var detector: UInt16
    }
    return try console("counting values") { db in
      var table: [UInt64: Tally] = [:]
      var names: [String] = []
      var numbers: [String: UInt16] = [:]
      var file: UInt32 = 0
      var lastPath = ""
      try Self.forEachCurrentBlock(db) { path, list, index in
        if path != lastPath || file == 0 {
          file += 1
          lastPath = path
        }
        for i in 0..<index.count {
          let (detector, word) = index[i]
          guard detector < list.count else { continue }
          let name = list[detector]
          let number =
            numbers[name]
            ?? {
              names.append(name)
              numbers[name] = UInt16(names.count - 1)
              return UInt16(names.count - 1)
            }()
          table[word, default: Tally(detector: number)].findings += 1
          if table[word]!.lastFile != file {
            table[word]!.lastFile = file
            table[word]!.files += 1
          }
        }
      }
      var rows = table.map {
        ValueRow(
          word: $0.key, detector: names[Int($0.value.detector)], findings: Int($0.value.findings),
          files: Int($0.value.files))
      }
      table = [:]
      rows.sort { ($0.findings, $1.word) > ($1.findings, $0.word) }
      return rows
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
