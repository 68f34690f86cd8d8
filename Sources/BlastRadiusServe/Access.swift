/// What a route needs: nothing (the login page, the health check), or at least this much.
/// Ordered: each level includes the ones below it.
public enum Access: Int, Sendable, Comparable, CaseIterable {
  /// Anyone, signed in or not.
  case open
  /// Aggregates and masked findings: viewers, read tokens and above.
  case read
  /// Triage decisions: analysts, triage tokens and above.
  case triage
  /// Users, tokens, metrics: admins and admin tokens.
  case admin

  public static func < (a: Access, b: Access) -> Bool { a.rawValue < b.rawValue }
}
