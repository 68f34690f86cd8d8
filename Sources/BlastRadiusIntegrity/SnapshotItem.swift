/// Work of a snapshot walk. A folder's own record waits for its listing, which decides whether
/// what lies under it is known.
enum SnapshotItem: Sendable {
  /// A folder to list. `childTop` is the top folder of its entries; nil for a root, whose
  /// entries are each their own top.
  case directory(EntryRecord, childTop: String?)
  /// Names in `dir`, in byte order, to stat and read.
  case names(dir: String, childTop: String?, names: [String])
}
