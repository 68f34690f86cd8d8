package import BlastRadiusBase
package import BlastRadiusScan

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
  package static func lines(
    index: UnsafeRawBufferPointer, count: Int, ends: UnsafeRawBufferPointer, records json: [UInt8],
    values: [[UInt8]]?, path: String, into lines: inout [[UInt8]]
  ) -> Bool {
    guard let index = FingerprintIndex(index, count: count), ends.count == 4 * count else { return false }
    let first = lines.count
    var start = 1
    var line: [UInt8] = []
    for i in 0..<count {
      let end = Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
      guard start <= end, end <= json.count else {
        lines.removeSubrange(first...)
        return false
      }
      let value = values.flatMap { i < $0.count ? $0[i] : nil }
      line.removeAll(keepingCapacity: true)
      splice(json[start..<end], path: path, fingerprint: index.digest(i), value: value, into: &line)
      lines.append(line)
      start = end + 1
    }
    return true
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
    guard let at = find(pathMarker, in: record) else {
      line += record
      return
    }
    // Written into `line`'s own buffer, which the caller reuses from record to record.
    var json = JSONBuilder(capacity: 0)
    swap(&json.bytes, &line)
    defer { swap(&json.bytes, &line) }
    json.bytes.reserveCapacity(json.bytes.count + record.count + path.utf8.count + 128)
    json.bytes += record[..<at.lowerBound]
    json.raw("\"path\":")
    json.path(path, key: "path")
    var rest = record[at.upperBound...]
    if let fingerprint, fingerprint.count == 32, let f = find(fingerprintMarker, in: rest) {
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

  /// Where `marker` first occurs in `bytes` (indices of `bytes`): a plain loop over raw bytes,
  /// where the generic `firstRange(of:)` cost most of an export's time.
  static func find(_ marker: [UInt8], in bytes: ArraySlice<UInt8>) -> Range<Int>? {
    bytes.withUnsafeBytes { hay in
      marker.withUnsafeBytes { needle -> Range<Int>? in
        let n = needle.count
        guard n > 0, hay.count >= n else { return nil }
        let first = needle[0]
        var i = 0
        while i <= hay.count - n {
          if hay[i] == first, memcmp(hay.baseAddress! + i, needle.baseAddress!, n) == 0 {
            return (bytes.startIndex + i)..<(bytes.startIndex + i + n)
          }
          i += 1
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
