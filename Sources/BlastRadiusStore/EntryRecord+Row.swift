import Foundation
import GRDB
import BlastRadiusIntegrity

/// How an entry maps to a `files` row: one column list, read by position so that two entries
/// (before and after) can come from one joined row.
extension EntryRecord {
  static let columns = [
    "dir", "name", "top", "kind", "mode", "uid", "gid", "device", "inode", "links", "size", "mtime", "ctime",
    "target", "sha256", "entropy", "sampled", "content_type", "period", "listed",
  ]

  /// `a.dir, a.name, …` for a table alias.
  static func columnList(_ alias: String) -> String {
    columns.map { "\(alias).\($0)" }.joined(separator: ", ")
  }

  /// The entry in `row` starting at column `at`.
  init(row: Row, at i: Int) throws {
    self.init(
      dir: try row.decode(atIndex: i), name: try row.decode(atIndex: i + 1),
      top: try row.decode(atIndex: i + 2),
      kind: EntryKind(rawValue: try row.decode(atIndex: i + 3)) ?? .other,
      mode: UInt32(truncatingIfNeeded: try row.decode(atIndex: i + 4) as Int64),
      uid: UInt32(truncatingIfNeeded: try row.decode(atIndex: i + 5) as Int64),
      gid: UInt32(truncatingIfNeeded: try row.decode(atIndex: i + 6) as Int64),
      device: UInt64(bitPattern: try row.decode(atIndex: i + 7)),
      inode: UInt64(bitPattern: try row.decode(atIndex: i + 8)),
      links: UInt64(bitPattern: try row.decode(atIndex: i + 9)), size: try row.decode(atIndex: i + 10),
      mtime: try row.decode(atIndex: i + 11), ctime: try row.decode(atIndex: i + 12))
    target = try row.decode(atIndex: i + 13)
    if let digest = try row.decode(Data?.self, atIndex: i + 14) {
      content = ContentProfile(
        sha256: digest.withUnsafeBytes { ContentDigest(bytes: $0) }, entropy: try row.decode(atIndex: i + 15),
        sampled: try row.decode(atIndex: i + 16),
        type: ContentType(rawValue: try row.decode(atIndex: i + 17)) ?? .binary,
        period: try row.decode(atIndex: i + 18))
    }
    listed = try row.decode(atIndex: i + 19)
  }

  /// The values of `columns`, in order.
  var arguments: [(any DatabaseValueConvertible)?] {
    [
      dir, name, top, kind.rawValue, Int64(mode), Int64(uid), Int64(gid), Int64(bitPattern: device),
      Int64(bitPattern: inode), Int64(bitPattern: links), size, mtime, ctime, target,
      content.map { Data($0.sha256.bytes) }, content?.entropy, content?.sampled, content?.type.rawValue,
      content?.period, listed,
    ]
  }
}
