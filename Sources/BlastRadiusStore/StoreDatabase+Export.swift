import Foundation
import GRDB
import BlastRadiusScan
public import BlastRadiusBase

/// Reading scans back: the JSONL contract of the current view (or of one scan), the list of
/// scans, and what changed between two of them.
extension StoreDatabase {
  /// What `export` wrote.
  public struct ExportCounts: Sendable {
    public var files = 0
    public var findings = 0
    public var records = 0
    public init() {}
  }

  /// Writes, one JSONL line per call of `write`, the records of the files in the current view
  /// (every file present when last seen), or of the files scan `scan` saw as it saw them:
  /// findings, errors, hunt evidence and file records, by path; then the walk's errors and the
  /// summary record of each scan behind them (a scan killed before its end gets an interrupted
  /// one, so that nothing built from it looks complete). Raw values are written only with
  /// `valuesKey`, from a store that kept them (`--store-values`). With `withoutFalsePositives`,
  /// findings triaged as false positives in the console (their file, their value or themselves)
  /// are left out, as reports count them.
  public func export(
    scan: Int64? = nil, valuesKey: [UInt8]? = nil, withoutFalsePositives: Bool = false,
    _ write: ([UInt8]) throws -> Void
  ) throws(BlastRadiusError) -> ExportCounts {
    try export(
      scan: scan, valuesKey: valuesKey, withoutFalsePositives: withoutFalsePositives, path: nil, write)
  }

  /// The same, for one file of the current view when `path` is set (without the scans' records).
  func export(
    scan: Int64? = nil, valuesKey: [UInt8]? = nil, withoutFalsePositives: Bool = false, path only: String?,
    _ write: ([UInt8]) throws -> Void
  ) throws(BlastRadiusError) -> ExportCounts {
    let sealer = valuesKey.map { ValueSealer(key: $0) }
    return try attempt("exporting") {
      try queue.read { db in
        var counts = ExportCounts()
        let triaged = withoutFalsePositives ? try TriageFilter.load(db) : TriageFilter()
        let files =
          only != nil
          ? try Row.fetchCursor(
            db,
            sql: """
              SELECT f.path, r.id, COALESCE(r.source_read, r.id) FROM scan_files f JOIN reads r ON r.id = f.current_read
              WHERE f.present AND f.path = ?
              """, arguments: [only])
          : scan == nil
            ? try Row.fetchCursor(
              db,
              sql: """
                SELECT f.path, r.id, COALESCE(r.source_read, r.id) FROM scan_files f JOIN reads r ON r.id = f.current_read
                WHERE f.present ORDER BY f.path
                """)
            : try Row.fetchCursor(
              db,
              sql: """
                SELECT f.path, r.id, COALESCE(r.source_read, r.id) FROM scan_seen s JOIN scan_files f ON f.id = s.file_id
                JOIN reads r ON r.id = s.read_id WHERE s.scan_id = ? ORDER BY f.path
                """, arguments: [scan])
        let blocks = try db.cachedStatement(
          sql: """
            SELECT values_index, count, seq, ends, records, sealed_values FROM finding_blocks WHERE read_id = ?
            ORDER BY seq
            """)
        let records = try db.cachedStatement(
          sql: "SELECT read_id, kind, record FROM read_records WHERE read_id IN (?, ?) ORDER BY seq")
        let decompressor = Zstd.Decompressor()
        var line: [UInt8] = []
        var lines: [[UInt8]] = []
        while let file = try files.next() {
          let path: String = file[0]
          let own: Int64 = file[1]
          let source: Int64 = file[2]
          counts.files += 1
          let rows = try Row.fetchCursor(blocks, arguments: [source])
          while let block = try rows.next() {
            let seq: Int = block[2]
            let ends: Data = block[3]
            let json = try Self.records(block[4], decompressor: decompressor)
            var values: [[UInt8]]?
            if let sealer, let sealed = block[5] as Data? {
              values = StoredBlock.splitValues(try sealer.open(sealed, read: source, block: seq))
            }
            let data: Data = block[0]
            try data.withUnsafeBytes { index in
              try ends.withUnsafeBytes { ends in
                let ok = StoredBlock.lines(
                  index: index, count: block[1], ends: ends, records: json, values: values, path: path,
                  into: &lines)
                guard ok else {
                  throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a block of findings is damaged")
                }
                if !triaged.isEmpty, let fingerprints = FingerprintIndex(index, count: block[1]) {
                  var kept: [[UInt8]] = []
                  for (i, l) in lines.enumerated()
                  where !triaged.excludes(path: path, digest: fingerprints.digest(i)) {
                    kept.append(l)
                  }
                  lines = kept
                }
              }
            }
            for l in lines { try write(l) }
            counts.findings += lines.count
            counts.records += lines.count
            lines.removeAll(keepingCapacity: true)
          }
          let extra = try Row.fetchCursor(records, arguments: [own, source])
          while let row = try extra.next() {
            let readID: Int64 = row[0]
            let kind: String = row[1]
            // A copy's own `file` record, not its source's; its source's errors and evidence.
            if own != source, (kind == "file") != (readID == own) { continue }
            let text: String = row[2]
            line.removeAll(keepingCapacity: true)
            StoredBlock.splice(Array(text.utf8)[...], path: path, fingerprint: nil, value: nil, into: &line)
            try write(line)
            counts.records += 1
          }
        }
        if only != nil { return counts }
        // The walk's errors and the summaries of the scans behind the view.
        let latest = try Int64.fetchAll(db, sql: "SELECT MAX(id) FROM scans GROUP BY roots ORDER BY 1")
        let scans = scan.map { [$0] } ?? latest
        for id in scans {
          for record in try String.fetchAll(
            db, sql: "SELECT record FROM scan_issues WHERE scan_id = ? ORDER BY seq", arguments: [id])
          {
            try write(Array(record.utf8))
            counts.records += 1
          }
        }
        for id in scans {
          guard
            let row = try Row.fetchOne(
              db, sql: "SELECT summary, status FROM scans WHERE id = ?", arguments: [id])
          else { continue }
          if let summary = row[0] as String? {
            try write(Array(summary.utf8))
          } else {
            var s = ScanSummary()
            s.interrupted = true
            s.store = ScanSummary.StoreRun(scan: id, resumed: false, status: row[1])
            var json = JSONBuilder()
            RecordFormatter.append(s, to: &json)
            try write(json.bytes)
          }
          counts.records += 1
        }
        return counts
      }
    }
  }

  /// A block's JSON array of records: a Zstandard frame, or text in stores written before
  /// blocks were compressed.
  static func records(_ value: DatabaseValue, decompressor: Zstd.Decompressor) throws -> [UInt8] {
    switch value.storage {
    case .string(let text):
      return Array(text.utf8)
    case .blob(let frame):
      if let json = frame.withUnsafeBytes({ decompressor.decompress($0) }) { return json }
    default:
      break
    }
    throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a block of findings is damaged")
  }
}
