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
  }

  /// Writes, one JSONL line per call of `write`, the records of the files in the current view
  /// (every file present when last seen), or of the files scan `scan` saw as it saw them:
  /// findings, errors, hunt evidence and file records, by path; then the walk's errors and the
  /// summary record of each scan behind them (a scan killed before its end gets an interrupted
  /// one, so that nothing built from it looks complete). Raw values are written only with
  /// `valuesKey`, from a store that kept them (`--store-values`).
  public func export(
    scan: Int64? = nil, valuesKey: [UInt8]? = nil, _ write: ([UInt8]) throws -> Void
  ) throws(BlastRadiusError) -> ExportCounts {
    let sealer = valuesKey.map { ValueSealer(key: $0) }
    return try attempt("exporting") {
      try queue.read { db in
        var counts = ExportCounts()
        let files =
          scan == nil
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
              values = Self.splitValues(try sealer.open(sealed, read: source, block: seq))
            }
            var whole = true
            try Self.withIndex(block) { index in
              var start = 1
              ends.withUnsafeBytes { raw in
                guard raw.count == 4 * index.count else {
                  whole = false
                  return
                }
                for i in 0..<index.count {
                  let end = Int(
                    UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                  guard start <= end, end <= json.count else {
                    whole = false
                    return
                  }
                  let value = values.flatMap { i < $0.count ? $0[i] : nil }
                  line.removeAll(keepingCapacity: true)
                  Self.splice(
                    json[start..<end], path: path, fingerprint: index.digest(i), value: value, into: &line)
                  lines.append(line)
                  start = end + 1
                }
              }
            }
            guard whole else {
              throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a block of findings is damaged")
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
            Self.splice(Array(text.utf8)[...], path: path, fingerprint: nil, value: nil, into: &line)
            try write(line)
            counts.records += 1
          }
        }
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

  /// A stored record with its path put back, and its fingerprint (the 32 bytes from the block's
  /// index, since v3) and its value (when revealed): the bytes of the record exactly as the scan
  /// would have written them.
  static func splice(
    _ record: ArraySlice<UInt8>, path: String, fingerprint: UnsafeRawBufferPointer?, value: [UInt8]?,
    into line: inout [UInt8]
  ) {
    var json = JSONBuilder(capacity: record.count + path.utf8.count + 128)
    let at = record.firstRange(of: Self.pathMarker)
    guard let at else {
      line += record
      return
    }
    json.bytes += record[..<at.lowerBound]
    json.raw("\"path\":")
    json.path(path, key: "path")
    var rest = record[at.upperBound...]
    if let fingerprint, fingerprint.count == 32, let f = rest.firstRange(of: Self.fingerprintMarker) {
      // Record keys and strings are escaped JSON: the marker's bare quotes occur nowhere else.
      json.bytes += rest[..<f.lowerBound]
      json.raw("\"fingerprint\":")
      json.hex(
        words: UInt64(bigEndian: fingerprint.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
        UInt64(bigEndian: fingerprint.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
        UInt64(bigEndian: fingerprint.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
        UInt64(bigEndian: fingerprint.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
      rest = rest[f.upperBound...]
    }
    if let value, !value.isEmpty, rest.count >= 2, rest.last == ASCII.newline {
      // The value is the record's last field: before "}\n".
      rest = rest.dropLast(2)
      json.bytes += rest
      json.raw(",\"value\":")
      json.string(String(decoding: value, as: UTF8.self))
      json.raw("}\n")
    } else {
      json.bytes += rest
    }
    line += json.bytes
  }

  static let pathMarker = Array("\"path\":\"\"".utf8)
  static let fingerprintMarker = Array("\"fingerprint\":\"\"".utf8)

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

  /// Values as `ValueSealer` blocks hold them: a UInt32 length, then the bytes.
  static func splitValues(_ bytes: [UInt8]) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var i = 0
    while i + 4 <= bytes.count {
      let n = Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 | Int(bytes[i + 3]) << 24
      i += 4
      out.append(Array(bytes[i..<min(bytes.count, i + n)]))
      i += n
    }
    return out
  }
}
