#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
package import BlastRadiusBase

/// Bytes of one item, read front to back: a file on disk or a member inside a container. The
/// scanner reads every item through this, so a zip member is scanned exactly like a file.
package protocol ByteSource {
  /// Reads up to `count` bytes into `buffer`; 0 means the end.
  mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ScanIssueError) -> Int
  /// Goes on from `offset` (bytes from the item's start) when the source can jump; others (a
  /// container member) always go on where the last read of any copy of them stopped.
  mutating func resume(at offset: Int)
}

extension ByteSource {
  package mutating func resume(at offset: Int) {}
}

/// A source that can jump: some containers (7z) keep their index at the end.
package protocol SeekableByteSource: ByteSource {
  var size: Int { get }
  mutating func seek(to offset: Int)
}

extension SeekableByteSource {
  package mutating func resume(at offset: Int) { seek(to: offset) }
}

/// A regular file read with `pread` from an open descriptor (no mapping: a file truncated while
/// mapped would kill the process).
package struct FileSource: SeekableByteSource {
  let fd: Int32
  let path: String
  package let size: Int
  package private(set) var offset = 0

  package init(fd: Int32, path: String, size: Int) {
    self.fd = fd
    self.path = path
    self.size = size
  }

  package mutating func seek(to offset: Int) { self.offset = max(0, offset) }

  /// Reads no further than the size the file had when it was opened: a log written faster than
  /// it is read must not be chased forever (the scan reports that it changed). A file that says
  /// it is empty (`/proc`, some FUSE files) is read to its end.
  package mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ScanIssueError) -> Int {
    let wanted = size > 0 ? min(count, size - offset) : count
    guard wanted > 0 else { return 0 }
    var n: Int
    repeat { n = pread(fd, buffer, wanted, off_t(offset)) } while n < 0 && errno == EINTR
    if n < 0 {
      throw ScanIssueError(.fromErrno(errno, path: path, doing: "read failed at byte \(offset)"))
    }
    offset += n
    return n
  }
}
