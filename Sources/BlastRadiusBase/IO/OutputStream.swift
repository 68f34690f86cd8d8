import Synchronization
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file descriptor that many workers append whole records to. Records are formatted outside
/// the lock; the lock only orders the writes.
///
/// A file is written under a partial name of its own beside its path (`NAME.partial-XXXXXXXX`,
/// created with mode 0600, never following a link) and moved to its path by `finish()`. So a
/// link planted at the path is replaced, not followed (nothing outside the asked-for output is
/// truncated or chmod'ed), and a run that dies leaves the previous file whole and its own output
/// under a name that says it is partial.
public final class OutputStream: Sendable {
  let fd: Int32
  let owned: Bool
  /// Where the output goes, and the partial name it is written under until `finish()`.
  let target: (path: String, partial: String)?
  let failure = Mutex<String?>(nil)
  let finished = Mutex(false)

  /// Standard output.
  public static let standardOutput = OutputStream(fd: 1, owned: false, target: nil)

  init(fd: Int32, owned: Bool, target: (path: String, partial: String)?) {
    self.fd = fd
    self.owned = owned
    self.target = target
  }

  /// Output to `path`, mode 0600: it names files and may hold revealed values. A character
  /// device or a pipe at `path` (`/dev/null`, a FIFO) is written directly.
  public convenience init(path: String) throws(BlastRadiusError) {
    var st = stat()
    if lstat(path, &st) == 0 {
      switch st.st_mode & S_IFMT {
      case S_IFDIR:
        throw BlastRadiusError(.output, "is a folder", path: path)
      case S_IFCHR, S_IFIFO, S_IFSOCK:
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
          throw BlastRadiusError(.output, "cannot open", path: path, cause: SystemCallError(errno: errno))
        }
        self.init(fd: fd, owned: true, target: nil)
        return
      default:
        break
      }
    }
    var generator = SystemRandomNumberGenerator()
    while true {
      let suffix = String(UInt32.random(in: 0...UInt32.max, using: &generator), radix: 16)
      let partial = path + ".partial-" + suffix
      let fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
      if fd < 0 && errno == EEXIST { continue }
      guard fd >= 0 else {
        throw BlastRadiusError(.output, "cannot create", path: partial, cause: SystemCallError(errno: errno))
      }
      fchmod(fd, 0o600)  // the umask may have taken bits away; this file is ours
      self.init(fd: fd, owned: true, target: (path, partial))
      return
    }
  }

  deinit { if owned { close(fd) } }

  public func write(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { write($0) }
  }

  public func write(_ buffer: UnsafeRawBufferPointer) {
    guard !buffer.isEmpty else { return }
    failure.withLock { failed in
      guard failed == nil else { return }
      var offset = 0
      while offset < buffer.count {
        let n = posixWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failed = String(cString: strerror(errno))
          return
        }
        offset += n
      }
    }
  }

  /// The first write error, if any (a full disk must not pass silently).
  package var writeError: String? { failure.withLock { $0 } }
}

/// `write(2)`, named apart from `OutputStream.write`.
private func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

extension OutputStream {
  /// Makes the output whole, or throws: a write that failed (full disk, closed pipe) is an error,
  /// since output that looks whole must be. A file is flushed to disk and moved from its partial
  /// name to its path. Call it once everything is written; later calls do nothing.
  public func finish(_ what: String = "writing output") throws(BlastRadiusError) {
    if let failure = writeError {
      throw BlastRadiusError(.output, "\(what) failed: \(failure)", path: target?.partial)
    }
    guard let target, !finished.withLock({ $0 }) else { return }
    guard fsync(fd) == 0 else {
      throw BlastRadiusError(
        .output, "\(what) failed", path: target.partial, cause: SystemCallError(errno: errno))
    }
    guard rename(target.partial, target.path) == 0 else {
      throw BlastRadiusError(
        .output, "cannot move into place", path: target.path, cause: SystemCallError(errno: errno))
    }
    finished.withLock { $0 = true }
  }
}
