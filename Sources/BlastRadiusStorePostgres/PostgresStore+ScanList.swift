import NIOCore
public import BlastRadiusBase
import BlastRadiusScan
public import BlastRadiusStore
import PostgresNIO

/// The scans a PostgreSQL store keeps (every host's), and the comparison of two of them, as the
/// SQLite store gives them.
extension PostgresStore {
  public func scans() throws(BlastRadiusError) -> [StoredScan] {
    try attempt("listing scans") {
      try read { db in
        var out: [StoredScan] = []
        let rows = try await db.query(
          """
          SELECT id, host, roots, status, started_at, finished_at, files_read, files_reused, summary, config_hash,
              key_id
          FROM scans ORDER BY id
          """, logger: PostgresStore.quiet)
        for try await row in rows {
          let (id, host, roots, status, started, finished) =
            try row.decode((Int64, String, String, String, Double, Double?).self)
          let columns = row.makeRandomAccess()
          out.append(
            StoredScan(
              id: id, host: host, roots: roots, status: status, startedAt: started, finishedAt: finished,
              filesRead: Int(try columns[6].decode(Int64.self)),
              filesReused: Int(try columns[7].decode(Int64.self)),
              summary: try columns[8].decode(String?.self), configHash: try columns[9].decode(String.self),
              keyID: try columns[10].decode(String.self)))
        }
        return out
      }
    }
  }

  /// Compares the values and files scan `from` saw with those scan `to` saw.
  public func compare(scan from: Int64, with to: Int64) throws(BlastRadiusError) -> ScanComparison {
    try attempt("comparing scans \(from) and \(to)") {
      try read { db in
        let q = PostgresStore.quiet
        for id in [from, to]
        where try await db.query("SELECT id FROM scans WHERE id = \(id)", logger: q).collect().isEmpty {
          throw BlastRadiusError(.input, "no scan #\(id) in this store (see `blastradius scans`)")
        }
        var result = ScanComparison(
          from: from, to: to, before: try await Self.values(of: from, db),
          after: try await Self.values(of: to, db))
        result.newFiles = try await Self.files(seenBy: to, notBy: from, db)
        result.goneFiles = try await Self.files(seenBy: from, notBy: to, db)
        return result
      }
    }
  }

  static func files(seenBy a: Int64, notBy b: Int64, _ db: PostgresConnection) async throws -> [String] {
    var out: [String] = []
    for try await path in try await db.query(
      """
      SELECT f.path FROM scan_seen s JOIN scan_files f ON f.id = s.file_id
      WHERE s.scan_id = \(a) AND s.file_id NOT IN (SELECT file_id FROM scan_seen WHERE scan_id = \(b)) ORDER BY f.path
      """, logger: quiet
    ).decode(String.self) {
      out.append(path)
    }
    return out
  }

  /// The distinct values (fingerprints' first words) per detector id that a scan saw.
  static func values(of scan: Int64, _ db: PostgresConnection) async throws -> [String: Set<UInt64>] {
    let config =
      try await db.query("SELECT config FROM scans WHERE id = \(scan)", logger: quiet).collect().first?
      .decode(
        String.self) ?? "{}"
    let ids = ScanConfiguration.detectorIDs(config)
    var out: [String: Set<UInt64>] = [:]
    let rows = try await db.query(
      """
      SELECT b.values_index, b.count FROM scan_seen s JOIN reads r ON r.id = s.read_id
      JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id) WHERE s.scan_id = \(scan)
      """, logger: quiet)
    for try await (index, count) in rows.decode((ByteBuffer, Int32).self) {
      let ok = index.readableBytesView.withUnsafeBytes { raw in
        guard let index = FingerprintIndex(raw, count: Int(count)) else { return false }
        for i in 0..<index.count {
          let (d, word) = index[i]
          out[d < ids.count ? ids[d] : "unknown", default: []].insert(word)
        }
        return true
      }
      guard ok else { throw DamagedBlock() }
    }
    return out
  }
}
