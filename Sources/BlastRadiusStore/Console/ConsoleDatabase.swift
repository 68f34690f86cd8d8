public import BlastRadiusBase
public import BlastRadiusIntegrity

/// What the console (`blastradius serve`) keeps and reads in a store: users, sessions, API
/// tokens and the audit log, and the views its pages show. Secrets (session cookies, tokens)
/// are kept only as SHA-256 hashes; passwords as bcrypt hashes made by the caller.
public protocol ConsoleDatabase: Sendable {
  /// Adds a user; refused when the name is taken.
  func addUser(name: String, role: ConsoleUser.Role, passwordHash: String) throws(BlastRadiusError)
    -> ConsoleUser
  /// A user with their password hash, by name.
  func user(named name: String) throws(BlastRadiusError) -> (user: ConsoleUser, passwordHash: String)?
  func users() throws(BlastRadiusError) -> [ConsoleUser]
  /// Turns one-time codes on (a secret) or off (nil).
  func setTOTP(user: String, secret: String?) throws(BlastRadiusError)

  /// A new session for a user: its cookie secret and its CSRF token.
  func createSession(user: Int64, now: Double) throws(BlastRadiusError) -> (secret: String, csrf: String)
  /// The session a cookie secret names, if it was used less than `idle` seconds ago (it is then
  /// touched); an idle one is deleted.
  func session(secret: String, now: Double, idle: Double) throws(BlastRadiusError) -> (
    user: ConsoleUser, csrf: String
  )?
  func endSession(secret: String) throws(BlastRadiusError)
  /// Deletes the sessions last used before `before` (idle ones nobody came back to).
  func endIdleSessions(before: Double) throws(BlastRadiusError)

  /// A new API token: its listing and its secret, shown once.
  func createToken(user: String, scope: ConsoleToken.Scope, label: String, now: Double)
    throws(BlastRadiusError)
    -> (token: ConsoleToken, secret: String)
  /// The user and scope of a token secret that is not revoked.
  func token(secret: String, now: Double) throws(BlastRadiusError) -> (
    user: ConsoleUser, scope: ConsoleToken.Scope
  )?
  func tokens() throws(BlastRadiusError) -> [ConsoleToken]
  /// False when there is no such token.
  func revokeToken(id: Int64, now: Double) throws(BlastRadiusError) -> Bool

  func audit(user: String, action: String, target: String, detail: String, now: Double)
    throws(BlastRadiusError)
  func auditLog(limit: Int) throws(BlastRadiusError) -> [AuditEntry]

  /// Records a decision (the latest on a key holds; earlier ones stay as history).
  func triage(_ decision: TriageDecision) throws(BlastRadiusError)
  /// The decisions that hold now, latest first.
  func decisions() throws(BlastRadiusError) -> [TriageDecision]
  /// Every decision ever recorded, oldest first (what `triage export` writes).
  func decisionHistory() throws(BlastRadiusError) -> [TriageDecision]
  /// The current records of one file of the current view (findings masked, as `export` writes
  /// them, with raw values only under `valuesKey` from a store that kept them), or nil when the
  /// view has no such file.
  func records(path: String, valuesKey: [UInt8]?) throws(BlastRadiusError) -> [[UInt8]]?
  /// Every record of the current view, as `export` writes them, one JSONL line per call;
  /// findings triaged as false positives left out when asked.
  func forEachRecord(withoutFalsePositives: Bool, _ write: ([UInt8]) throws -> Void) throws(BlastRadiusError)
  /// Every distinct value of the current view (false positives included), most findings first.
  func valueTable() throws(BlastRadiusError) -> [ValueRow]
  /// The finding records (masked) of the value whose fingerprint starts with `word` in the
  /// current view, by path, at most `limit`: only the blocks that hold it are opened.
  func findings(of word: UInt64, limit: Int) throws(BlastRadiusError) -> [[UInt8]]
  /// The integrity snapshots the store keeps (empty when it keeps none).
  func snapshots() throws(BlastRadiusError) -> [Snapshot]
  /// Every change from one snapshot to another, counted into `summary`.
  func compare(
    from: Snapshot, to: Snapshot, scope: [String]?, summary: inout DiffSummary, each: (Change) -> Void
  ) throws(BlastRadiusError)

  /// The headline of the current view, false positives counted out.
  func overview() throws(BlastRadiusError) -> ConsoleOverview
  /// Changes whenever the overview may: a commit, a scan's end, a decision. The server keeps the
  /// last overview until it does.
  func viewVersion() throws(BlastRadiusError) -> String
  /// A page of the current view's files, `filter` a substring of the path.
  func files(_ query: FileQuery) throws(BlastRadiusError) -> [FileRow]
}

/// The current view in figures: what the overview page and `/api/v1/summary` show.
public struct ConsoleOverview: Sendable, Equatable {
  public var scans: [StoredScan] = []
  public var files = 0
  public var filesWithFindings = 0
  public var findings = 0
  /// Per detector, counted from the stored fingerprints of the current view's files.
  public var detectors: [ScanSummary.DetectorCount] = []
  /// Decisions that hold, by state (`false_positive`, …).
  public var triage: [String: Int] = [:]
  /// False when a scan behind the view was interrupted or could not read something.
  public var complete = true
  /// Items per format read, skipped and failed, over the scans behind the view.
  public var formats: [String: FormatCount] = [:]

  public init() {}
}

/// Which files to list: a substring of the path, the order, and where the previous page ended.
public struct FileQuery: Sendable, Equatable {
  public enum Order: String, Sendable, CaseIterable {
    /// Most findings first, then by path.
    case findings
    /// By path.
    case path
  }

  public var filter = ""
  public var order = Order.findings
  /// The last row of the previous page: the next page starts after it.
  public var after: FileRow?
  public var limit = 50

  public init() {}
}

/// One file of the current view.
public struct FileRow: Sendable, Equatable {
  public var path: String
  public var findings: Int
  public var size: Int64

  public init(path: String, findings: Int, size: Int64) {
    self.path = path
    self.findings = findings
    self.size = size
  }
}
