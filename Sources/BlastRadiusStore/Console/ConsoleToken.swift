/// An API token as the store lists it: never its secret, which is shown once when created and
/// kept only as a SHA-256 hash.
public struct ConsoleToken: Sendable, Equatable {
  /// What a token may do: read aggregates and masked findings, also triage, or also manage the
  /// console (users, tokens) and read its metrics.
  public enum Scope: String, Sendable, CaseIterable, Comparable {
    case read, triage, admin

    public static func < (a: Scope, b: Scope) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
  }

  public var id: Int64
  public var user: String
  public var scope: Scope
  public var label: String
  public var createdAt: Double
  public var lastUsed: Double?
  public var revoked: Bool

  package init(
    id: Int64, user: String, scope: Scope, label: String, createdAt: Double, lastUsed: Double?, revoked: Bool
  ) {
    self.id = id
    self.user = user
    self.scope = scope
    self.label = label
    self.createdAt = createdAt
    self.lastUsed = lastUsed
    self.revoked = revoked
  }
}
