import Synchronization
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file descriptor that many workers append whole records to. Records are formatted outside
/// the lock; the lock only orders the writes.
public final class OutputStream: Sendable {
  let fd: Int32
  let owned: Bool
  let failure = Mutex<String?>(nil)

  /// Standard output.
  public static let standardOutput = OutputStream(fd: 1, owned: false)

  init(fd: Int32, owned: Bool) {
    self.fd = fd
    self.owned = owned
  }

  /// Creates or truncates `path` with mode 0600: output names files and may hold revealed values.
  public convenience init(path: String) throws(BlastRadiusError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw BlastRadiusError(.output, "cannot open", path: path, cause: SystemCallError(errno: errno))
    }
    fchmod(fd, 0o600)
    self.init(fd: fd, owned: true)
  }

  deinit { if owned { close(fd) } }

  public func write(_ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    failure.withLock { failed in
      guard failed == nil else { return }
      bytes.withUnsafeBytes { buffer in
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
  }

  /// The first write error, if any (a full disk must not pass silently).
  package var writeError: String? { failure.withLock { $0 } }
}

/// `write(2)`, named apart from `OutputStream.write`.
private func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

extension OutputStream {
  /// Throws when a write failed (full disk, closed pipe): output that looks whole must be.
  public func checkWritten(_ what: String = "writing output", path: String? = nil) throws(BlastRadiusError) {
    if let failure = writeError { throw BlastRadiusError(.output, "\(what) failed: \(failure)", path: path) }
  }
}
