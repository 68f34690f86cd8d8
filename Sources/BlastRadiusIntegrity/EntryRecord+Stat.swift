#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension EntryRecord {
  /// The metadata of `st`, for the entry `name` in `dir`.
  init(dir: String, name: String, top: String, stat st: stat) {
    self.init(
      dir: dir, name: name, top: top, kind: EntryKind(mode: UInt32(st.st_mode)),
      mode: UInt32(st.st_mode) & 0o7777,
      uid: UInt32(st.st_uid), gid: UInt32(st.st_gid), device: UInt64(st.st_dev), inode: UInt64(st.st_ino),
      links: UInt64(st.st_nlink), size: Int64(st.st_size), mtime: Self.modified(st), ctime: Self.changed(st))
  }

  /// `st_mtime` in nanoseconds.
  static func modified(_ st: stat) -> Int64 {
    #if canImport(Darwin)
      nanoseconds(st.st_mtimespec)
    #else
      nanoseconds(st.st_mtim)
    #endif
  }

  /// `st_ctime` in nanoseconds.
  static func changed(_ st: stat) -> Int64 {
    #if canImport(Darwin)
      nanoseconds(st.st_ctimespec)
    #else
      nanoseconds(st.st_ctim)
    #endif
  }

  static func nanoseconds(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }
}
