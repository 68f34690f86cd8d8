#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase

extension EntryRecord {
  /// The metadata of `st`, for the entry `name` in `dir`.
  init(dir: String, name: String, top: String, stat st: stat) {
    self.init(
      dir: dir, name: name, top: top, kind: EntryKind(mode: UInt32(st.st_mode)),
      mode: UInt32(st.st_mode) & 0o7777,
      uid: UInt32(st.st_uid), gid: UInt32(st.st_gid), device: UInt64(st.st_dev), inode: UInt64(st.st_ino),
      links: UInt64(st.st_nlink), size: Int64(st.st_size), mtime: FileStamp(st).mtime,
      ctime: FileStamp(st).ctime)
  }
}
