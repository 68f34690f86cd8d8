import Foundation
import NIOCore
public import BlastRadiusBase
import BlastRadiusScan
public import BlastRadiusStore
import PostgresNIO

/// Reading scans back: the same JSONL lines as the SQLite store's `export`, a page of files at a
/// time so that memory stays bounded whatever the store's size.
extension PostgresStore {
  /// One page of the view: files with the blocks and records of the reads that stand for them.
  struct Page: Sendable {
    struct File: Sendable {
      var path: String
      var own: Int64
      var source: Int64
    }
    struct Block: Sendable {
      var read: Int64
      var seq: Int
      var count: Int
      var index: ByteBuffer
      var ends: ByteBuffer
      var records: ByteBuffer
      var sealed: ByteBuffer?
    }
    var files: [File] = []
    /// Blocks of the page's small reads; reads with more than `smallRead` blocks are in `large`,
    /// their blocks fetched a chunk at a time.
    var blocks: [Block] = []
    var large: Set<Int64> = []
    var records: [(read: Int64, kind: String, record: String)] = []
  }

  static let pageSize = 200
  static let smallRead = 16
  static let chunkBlocks = 64

  /// Writes the records of the files in the current view (every file present when last seen),
  /// or of the files scan `scan` saw, by path; then the walk's errors and the summary record of
  /// each scan behind them (an interrupted one for a scan that did not end).
  /// With `withoutFalsePositives`, findings triaged as false positives in the console are left
  /// out; with `path`, only the files at that path (on any host) are written, without the
  /// scans' records.
  public func export(
    scan: Int64? = nil, valuesKey: [UInt8]? = nil, withoutFalsePositives: Bool = false,
    path only: String? = nil,
    _ write: ([UInt8]) throws -> Void
  ) throws(BlastRadiusError) -> StoreDatabase.ExportCounts {
    let sealer = valuesKey.map { ValueSealer(key: $0) }
    let triaged = withoutFalsePositives ? TriageFilter(decisions: try decisions()) : TriageFilter()
    return try attempt("exporting") {
      var counts = StoreDatabase.ExportCounts()
      let decompressor = Zstd.Decompressor()
      var lines: [[UInt8]] = []
      var line: [UInt8] = []
      var after: (path: String, file: Int64) = ("", 0)
      while true {
        let from = after
        let page = try read { db in try await PostgresStore.page(scan: scan, after: from, only: only, db) }
        guard let last = page.files.last else { break }
        after = (last.path, last.own)
        var blocks = page.blocks[...]
        var records = page.records[...]
        // Blocks and records come sorted by read; files may share a source read (copies).
        var byRead: [Int64: (blocks: [Page.Block], records: [(read: Int64, kind: String, record: String)])] =
          [:]
        while let b = blocks.popFirst() { byRead[b.read, default: ([], [])].blocks.append(b) }
        while let r = records.popFirst() { byRead[r.read, default: ([], [])].records.append(r) }
        for file in page.files {
          counts.files += 1
          var pending = byRead[file.source]?.blocks ?? []
          var nextSeq: Int32 = 0
          while true {
            if pending.isEmpty, page.large.contains(file.source) {
              let (source, from) = (file.source, nextSeq)
              pending = try read { db in try await PostgresStore.blocks(of: source, from: from, db) }
              nextSeq = Int32(pending.last.map { $0.seq + 1 } ?? 0)
            }
            if pending.isEmpty { break }
            let block = pending.removeFirst()
            guard
              let json = block.records.readableBytesView.withUnsafeBytes({
                StoredBlock.records(frame: $0, decompressor: decompressor)
              })
            else { throw DamagedBlock() }
            var values: [[UInt8]]?
            if let sealer, let sealed = block.sealed {
              values = StoredBlock.splitValues(
                try sealer.open(Data(sealed.readableBytesView), read: file.source, block: block.seq))
            }
            let ok = block.index.readableBytesView.withUnsafeBytes { index in
              block.ends.readableBytesView.withUnsafeBytes { ends in
                StoredBlock.lines(
                  index: index, count: block.count, ends: ends, records: json, values: values,
                  path: file.path,
                  into: &lines)
              }
            }
            guard ok else { throw DamagedBlock() }
            if !triaged.isEmpty {
              let path = file.path
              lines = block.index.readableBytesView.withUnsafeBytes { raw in
                guard let fingerprints = FingerprintIndex(raw, count: block.count) else { return lines }
                return lines.enumerated().filter {
                  !triaged.excludes(path: path, digest: fingerprints.digest($0.offset))
                }
                .map(\.element)
              }
            }
            for l in lines { try write(l) }
            counts.findings += lines.count
            counts.records += lines.count
            lines.removeAll(keepingCapacity: true)
            if !page.large.contains(file.source), pending.isEmpty { break }
          }
          var extra = byRead[file.own]?.records ?? []
          if file.own != file.source { extra = (byRead[file.source]?.records ?? []) + extra }
          for r in extra {
            // A copy's own `file` record, not its source's; its source's errors and evidence.
            if file.own != file.source, (r.kind == "file") != (r.read == file.own) { continue }
            line.removeAll(keepingCapacity: true)
            StoredBlock.splice(
              Array(r.record.utf8)[...], path: file.path, fingerprint: nil, value: nil, into: &line)
            try write(line)
            counts.records += 1
          }
        }
      }
      if only != nil { return counts }
      let tail = try read { db in try await PostgresStore.scanRecords(scan: scan, db) }
      for record in tail {
        try write(Array(record.utf8))
        counts.records += 1
      }
      return counts
    }
  }

  /// The next page of files after `after`, with their blocks and records.
  static func page(
    scan: Int64?, after: (path: String, file: Int64), only: String? = nil, _ db: PostgresConnection
  ) async throws -> Page {
    var page = Page()
    let rows =
      only != nil
      ? try await db.query(
        """
        SELECT f.path, r.id, COALESCE(r.source_read, r.id) FROM scan_files f JOIN reads r ON r.id = f.current_read
        WHERE f.present AND f.path = \(only!) AND (f.path, r.id) > (\(after.path), \(after.file))
        ORDER BY f.path, r.id LIMIT \(pageSize)
        """, logger: quiet)
      : scan == nil
        ? try await db.query(
          """
          SELECT f.path, r.id, COALESCE(r.source_read, r.id) FROM scan_files f JOIN reads r ON r.id = f.current_read
          WHERE f.present AND (f.path, r.id) > (\(after.path), \(after.file))
          ORDER BY f.path, r.id LIMIT \(pageSize)
          """, logger: quiet)
        : try await db.query(
          """
          SELECT f.path, r.id, COALESCE(r.source_read, r.id) FROM scan_seen s JOIN scan_files f ON f.id = s.file_id
          JOIN reads r ON r.id = s.read_id WHERE s.scan_id = \(scan!) AND (f.path, r.id) > (\(after.path), \(after.file))
          ORDER BY f.path, r.id LIMIT \(pageSize)
          """, logger: quiet)
    for try await (path, own, source) in rows.decode((String, Int64, Int64).self) {
      page.files.append(.init(path: path, own: own, source: source))
    }
    guard !page.files.isEmpty else { return page }
    let reads = Array(Set(page.files.flatMap { [$0.own, $0.source] }))
    for try await read in try await db.query(
      """
      SELECT read_id FROM finding_blocks WHERE read_id = ANY(\(reads)) GROUP BY read_id
      HAVING COUNT(*) > \(smallRead)
      """, logger: quiet
    ).decode(Int64.self) {
      page.large.insert(read)
    }
    let small = reads.filter { !page.large.contains($0) }
    page.blocks = try await blocks(
      db.query(
        """
        SELECT read_id, seq, count, values_index, ends, records, sealed_values FROM finding_blocks
        WHERE read_id = ANY(\(small)) ORDER BY read_id, seq
        """, logger: quiet))
    let records = try await db.query(
      "SELECT read_id, kind, record FROM read_records WHERE read_id = ANY(\(reads)) ORDER BY read_id, seq",
      logger: quiet)
    for try await (read, kind, record) in records.decode((Int64, String, String).self) {
      page.records.append((read, kind, record))
    }
    return page
  }

  /// Up to `chunkBlocks` blocks of read `read` from `seq` on.
  static func blocks(of read: Int64, from seq: Int32, _ db: PostgresConnection) async throws -> [Page.Block] {
    try await blocks(
      db.query(
        """
        SELECT read_id, seq, count, values_index, ends, records, sealed_values FROM finding_blocks
        WHERE read_id = \(read) AND seq >= \(seq) ORDER BY seq LIMIT \(chunkBlocks)
        """, logger: quiet))
  }

  static func blocks(_ rows: PostgresRowSequence) async throws -> [Page.Block] {
    var out: [Page.Block] = []
    for try await (read, seq, count, index, ends, records, sealed) in rows.decode(
      (Int64, Int32, Int32, ByteBuffer, ByteBuffer, ByteBuffer, ByteBuffer?).self)
    {
      out.append(
        .init(
          read: read, seq: Int(seq), count: Int(count), index: index, ends: ends, records: records,
          sealed: sealed))
    }
    return out
  }

  /// The walk's errors, then the summary of each scan behind the view (the latest of each host
  /// and roots), or of scan `scan`.
  static func scanRecords(scan: Int64?, _ db: PostgresConnection) async throws -> [String] {
    var scans: [Int64] = []
    if let scan {
      scans = [scan]
    } else {
      for try await id in try await db.query(
        "SELECT MAX(id) FROM scans GROUP BY host, roots ORDER BY 1", logger: quiet
      ).decode(Int64.self) {
        scans.append(id)
      }
    }
    var out: [String] = []
    for id in scans {
      for try await record in try await db.query(
        "SELECT record FROM scan_issues WHERE scan_id = \(id) ORDER BY seq", logger: quiet
      ).decode(String.self) {
        out.append(record)
      }
    }
    for id in scans {
      guard
        let (summary, status) = try await db.query(
          "SELECT summary, status FROM scans WHERE id = \(id)", logger: quiet
        ).collect().first?.decode((String?, String).self)
      else { continue }
      if let summary {
        out.append(summary)
      } else {
        var s = ScanSummary()
        s.interrupted = true
        s.store = ScanSummary.StoreRun(scan: id, resumed: false, status: status)
        var json = JSONBuilder()
        RecordFormatter.append(s, to: &json)
        out.append(String(decoding: json.bytes, as: UTF8.self))
      }
    }
    return out
  }
}
