#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failure that stops a command: a store that cannot be used, rules or indicators that cannot
/// be read, a matcher that cannot start, an output that cannot be written. Problems with one
/// scanned file are `ScanIssue` records instead, and the scan goes on.
///
/// Like swift-nio's errors: a stable `code` that scripts and tests can rely on, a message for
/// people, where it happened, and the underlying cause.
public struct BlastRadiusError: Error, CustomStringConvertible, Sendable {
  /// Stable snake_case codes; new ones may be added, existing ones keep their meaning.
  public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// No store at the path, or no snapshot of that name in it.
    public static let storeMissing = Code(rawValue: "store_missing")
    /// The store cannot be created, opened, read or written (corrupt, locked, full disk).
    public static let storeUnusable = Code(rawValue: "store_unusable")
    /// libyara cannot start, or cannot give a worker a scanner.
    public static let yaraUnavailable = Code(rawValue: "yara_unavailable")
    /// YARA rules that cannot be read or do not compile.
    public static let yaraRules = Code(rawValue: "yara_rules")
    /// Indicator files (Loki, STIX) that cannot be read or used.
    public static let indicators = Code(rawValue: "indicators_invalid")
    /// A rules file (`--rules`) that cannot be read or does not define usable detectors.
    public static let rules = Code(rawValue: "rules_invalid")
    /// The pattern matcher (Vectorscan) cannot compile its patterns or get scratch space.
    public static let matcher = Code(rawValue: "matcher_failed")
    /// The fingerprint key cannot be read or created.
    public static let key = Code(rawValue: "key_unusable")
    /// An input (a scan log, a diff) that cannot be read.
    public static let input = Code(rawValue: "input_unreadable")
    /// An output file that cannot be created or written.
    public static let output = Code(rawValue: "output_failed")
    /// Something the user must ask for explicitly (`--reveal` before names are written).
    public static let consent = Code(rawValue: "consent_required")
    /// A console user or token that does not exist, exists already, or may not be given.
    public static let console = Code(rawValue: "console_invalid")
  }

  public var code: Code
  /// What went wrong, for people; does not repeat `path`.
  public var message: String
  /// The file the failure is about (a store, a rule or indicator file, an output), if any.
  public var path: String?
  /// The 1-based line in `path`, when the failure has one.
  public var line: Int?
  /// What failed underneath (a system call, a library), if anything.
  public var cause: (any Error)?

  public init(
    _ code: Code, _ message: String, path: String? = nil, line: Int? = nil, cause: (any Error)? = nil
  ) {
    self.code = code
    self.message = message
    self.path = path
    self.line = line
    self.cause = cause
  }

  /// `path:line: message: cause`, each part only when known.
  public var description: String {
    var out = ""
    if let path { out += path + (line.map { ":\($0)" } ?? "") + ": " }
    out += message
    if let cause { out += ": \(cause)" }
    return out
  }
}

/// A cause known only by its text.
public struct DescribedError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(description: String) { self.description = description }
}

/// The text of a failed system call's `errno`, as a cause.
public struct SystemCallError: Error, CustomStringConvertible, Sendable {
  public var errno: Int32
  public init(errno: Int32) { self.errno = errno }
  public var description: String { String(cString: strerror(errno)) }
}
