/// What someone decided about a finding, a value or a file. Decisions are kept by key, not by
/// read: a value's decision holds for every copy of it, and outlives rescans. The latest decision
/// on a key is the one that holds.
public struct TriageDecision: Sendable, Equatable {
  /// What the decision is about.
  public enum Scope: String, Sendable, CaseIterable {
    /// One finding: `key` is its path and fingerprint (`TriageDecision.findingKey`).
    case finding
    /// A value wherever it appears: `key` is its fingerprint (64 hex digits).
    case value
    /// Every finding of one file: `key` is its path.
    case file
  }

  public enum State: String, Sendable, CaseIterable {
    case new, confirmed
    case falsePositive = "false_positive"
    case acceptedRisk = "accepted_risk"
    case remediated
  }

  public var scope: Scope
  public var key: String
  /// The value's detector (for values and findings), for the counts per detector.
  public var detector: String
  public var state: State
  public var comment: String
  public var user: String
  public var at: Double

  public init(
    scope: Scope, key: String, detector: String = "", state: State, comment: String = "", user: String,
    at: Double
  ) {
    self.scope = scope
    self.key = key
    self.detector = detector
    self.state = state
    self.comment = comment
    self.user = user
    self.at = at
  }

  /// The key of one finding: its file and its value's fingerprint.
  public static func findingKey(path: String, fingerprint: String) -> String { path + "\n" + fingerprint }
}
