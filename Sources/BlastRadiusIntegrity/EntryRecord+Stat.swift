#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase

extension EntryRecord {
  /// The metadata of `st`, for the entry `name` in `dir`.
  init(dir: String, name: String, top: String, stat st: stat) {
    let stamp = FileStamp(st)
    self.init(
      dir: dir, name: name, top: top, kind: EntryKind(mode: UInt32(st.st_mode)),
      mode: UInt32(st.st_mode) & 0o7777,
      uid: UInt32(st.st_uid), gid: UInt32(st.st_gid), device: stamp.device, inode: stamp.inode,
      links: UInt64(st.st_nlink), size: stamp.size, mtime: stamp.mtime,
      ctime: stamp.ctime)
  }
}
