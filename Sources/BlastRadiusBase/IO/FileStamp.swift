#if canImport(Glibc)
  package import Glibc
#elseif canImport(Darwin)
  package import Darwin
#endif

/// What tells that a file is still the one that was read: device, inode, size, and the
/// modification and change times in nanoseconds. A scan compares the stamp taken before reading
/// with the one after; a baseline keeps it.
public struct FileStamp: Sendable, Equatable {
  public var device: UInt64
  public var inode: UInt64
  public var size: Int64
  public var mtime: Int64
  public var ctime: Int64

  public init(device: UInt64, inode: UInt64, size: Int64, mtime: Int64, ctime: Int64) {
    self.device = device
    self.inode = inode
    self.size = size
    self.mtime = mtime
    self.ctime = ctime
  }

  package init(_ st: stat) {
    device = UInt64(st.st_dev)
    inode = UInt64(st.st_ino)
    size = Int64(st.st_size)
    #if canImport(Darwin)
      mtime = Self.nanoseconds(st.st_mtimespec)
      ctime = Self.nanoseconds(st.st_ctimespec)
    #else
      mtime = Self.nanoseconds(st.st_mtim)
      ctime = Self.nanoseconds(st.st_ctim)
    #endif
  }

  static func nanoseconds(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }
}
