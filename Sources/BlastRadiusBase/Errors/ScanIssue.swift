/// Something the scan could not read or decode, as an error record: a stable `code`, a message,
/// and where. The scan goes on; the summary counts these and says the scan is incomplete.
public struct ScanIssue: Sendable, Equatable {
  /// Stable codes; tests and scripts depend on them.
  public enum Code: String, Sendable, CaseIterable {
    case permissionDenied = "permission_denied"
    case notFound = "not_found"
    case ioError = "io_error"
    case badEncoding = "bad_encoding"
    case symlinkLoop = "symlink_loop"
    /// A container or member is damaged; what came before it was scanned.
    case corrupt
    /// A container or member is encrypted: its content was not read.
    case encrypted
    /// An extraction limit (depth, size, members, ratio) stopped reading; the message names it.
    case limitExceeded = "limit_exceeded"
    /// A container format libarchive cannot read.
    case unsupported
    /// A document has no text to read (a PDF of scanned images).
    case noText = "no_text"
    /// A file changed size or time while it was being read: what was read is not one state.
    case changedWhileRead = "changed_while_read"
    /// The pattern matcher (Vectorscan) or YARA failed on the item: the rest of it was not
    /// searched. Not a read error: the bytes were there.
    case matcherFailed = "matcher_failed"
    /// A work item of a scan shared by agents was given up (its agents stopped too many times
    /// before finishing it): what it held was not read.
    case notScanned = "not_scanned"
  }

  public var code: Code
  public var message: String
  public var path: String
  public var within: [String] = []

  public init(code: Code, message: String, path: String, within: [String] = []) {
    self.code = code
    self.message = message
    self.path = path
    self.within = within
  }

  /// An issue from a failed system call's `errno`.
  public static func fromErrno(_ err: Int32, path: String, doing what: String) -> ScanIssue {
    let code: Code =
      switch err {
      case EACCES, EPERM: .permissionDenied
      case ENOENT, ENOTDIR: .notFound
      case ELOOP: .symlinkLoop
      default: .ioError
      }
    let reason = String(cString: strerror(err))
    return ScanIssue(code: code, message: "\(what): \(reason)", path: path)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
