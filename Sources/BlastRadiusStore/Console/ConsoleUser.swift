/// A person who may use the console (`blastradius serve`), with the role that decides what they
/// see and change.
public struct ConsoleUser: Sendable, Equatable {
  /// What a user may do: viewers see aggregates and masked findings, analysts also triage,
  /// admins also manage users and tokens. Ordered: a role includes those below it.
  public enum Role: String, Sendable, CaseIterable, Comparable {
    case viewer, analyst, admin

    public static func < (a: Role, b: Role) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
  }

  public var id: Int64
  public var name: String
  public var role: Role
  /// Present when the user turned on one-time codes (`user totp NAME`).
  public var totpSecret: String?

  public init(id: Int64, name: String, role: Role, totpSecret: String? = nil) {
    self.id = id
    self.name = name
    self.role = role
    self.totpSecret = totpSecret
  }
}
