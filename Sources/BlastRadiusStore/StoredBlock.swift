import BlastRadiusBase
import BlastRadiusScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A block of findings read back from a store (SQLite or PostgreSQL, which keep the same bytes)
/// and turned back into the JSONL lines the scan wrote.
package enum StoredBlock {
  /// Appends to `lines` each record of a block with its path, its fingerprint (from the index,
  /// since v3) and its revealed value put back; false when the parts do not agree (a damaged
  /// block), with nothing appended.
  /// With `keep`, only the records whose number it accepts.
  package static func lines(
    index: UnsafeRawBufferPointer, count: Int, ends: UnsafeRawBufferPointer, records json: [UInt8],
    values: [[UInt8]]?, path: String, into lines: inout [[UInt8]], keep: ((Int) -> Bool)? = nil
  ) -> Bool {
    guard let index = FingerprintIndex(index, count: count), ends.count == 4 * count else { return false }
    let first = lines.count
    let path = escaped(path)
    var start = 1
    var line: [UInt8] = []
    for i in 0..<count {
      let end = Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
      guard start <= end, end <= json.count else {
        lines.removeSubrange(first...)
        return false
      }
      if let keep, !keep(i) {
        start = end + 1
        continue
      }
      let value = values.flatMap { i < $0.count ? $0[i] : nil }
      line.removeAll(keepingCapacity: true)
      splice(json[start..<end], path: path, fingerprint: index.digest(i), value: value, into: &line)
      lines.append(line)
      start = end + 1
    }
    return true
  }

  /// The numbers of the findings of a block whose fingerprint starts with `word`.
  package static func matching(_ word: UInt64, index: UnsafeRawBufferPointer, count: Int) -> Set<Int> {
    guard let index = FingerprintIndex(index, count: count) else { return [] }
    return Set((0..<count).filter { index[$0].word0 == word })
  }

  /// The 8 bytes to look for in blocks' indexes for a fingerprint that starts with `word`:
  /// big-endian where blocks hold whole fingerprints, little-endian in older ones.
  package static func needles(_ word: UInt64) -> (big: [UInt8], little: [UInt8]) {
    (withUnsafeBytes(of: word.bigEndian) { Array($0) }, withUnsafeBytes(of: word.littleEndian) { Array($0) })
  }

  /// A block's records as one Zstandard frame, decompressed; nil when damaged.
  package static func records(frame: UnsafeRawBufferPointer, decompressor: Zstd.Decompressor) -> [UInt8]? {
    decompressor.decompress(frame)
  }

  /// A stored record with its path put back, and its fingerprint (the 32 bytes from the block's
  /// index, since v3) and its value (when revealed): the bytes of the record exactly as the scan
  /// would have written them.
  package static func splice(
    _ record: ArraySlice<UInt8>, path: String, fingerprint: UnsafeRawBufferPointer?, value: [UInt8]?,
    into line: inout [UInt8]
  ) {
    splice(record, path: escaped(path), fingerprint: fingerprint, value: value, into: &line)
  }

  /// `"path":` and the path as the record writes it (with `path_bytes` when it is not UTF-8):
  /// made once per file, not per record.
  static func escaped(_ path: String) -> [UInt8] {
    var json = JSONBuilder(capacity: path.utf8.count + 16)
    json.raw("\"path\":")
    json.path(path, key: "path")
    return json.bytes
  }

  static func splice(
    _ record: ArraySlice<UInt8>, path: [UInt8], fingerprint: UnsafeRawBufferPointer?, value: [UInt8]?,
    into line: inout [UInt8]
  ) {
    guard let at = find(pathMarker, in: record) else {
      line += record
      return
    }
    // Written into `line`'s own buffer, which the caller reuses from record to record.
    var json = JSONBuilder(capacity: 0)
    swap(&json.bytes, &line)
    defer { swap(&json.bytes, &line) }
    json.bytes.reserveCapacity(json.bytes.count + record.count + path.count + 128)
    json.bytes += record[..<at.lowerBound]
    json.bytes += path
    var rest = record[at.upperBound...]
    if let fingerprint, fingerprint.count == 32, let f = find(fingerprintMarker, in: rest, fromEnd: true) {
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
  }

  /// Where `marker` occurs in `bytes` (indices of `bytes`), the first from the start, or with
  /// `fromEnd` the last: the fingerprint sits near a stored record's end, the path near its
  /// start, so each search reads a few dozen bytes. A plain loop over raw bytes: the generic
  /// `firstRange(of:)` cost most of an export's time.
  static func find(_ marker: [UInt8], in bytes: ArraySlice<UInt8>, fromEnd: Bool = false) -> Range<Int>? {
    bytes.withUnsafeBytes { hay in
      marker.withUnsafeBytes { needle -> Range<Int>? in
        let n = needle.count
        guard n > 1, hay.count >= n else { return nil }
        let (first, second) = (needle[0], needle[1])
        let last = hay.count - n
        var i = fromEnd ? last : 0
        while i >= 0 && i <= last {
          if hay[i] == first, hay[i + 1] == second, memcmp(hay.baseAddress! + i, needle.baseAddress!, n) == 0
          {
            return (bytes.startIndex + i)..<(bytes.startIndex + i + n)
          }
          i += fromEnd ? -1 : 1
        }
        return nil
      }
    }
  }

  static let pathMarker = Array("\"path\":\"\"".utf8)
  static let fingerprintMarker = Array("\"fingerprint\":\"\"".utf8)

  /// Values as `ValueSealer` blocks hold them: a UInt32 length, then the bytes.
  package static func splitValues(_ bytes: [UInt8]) -> [[UInt8]] {
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
