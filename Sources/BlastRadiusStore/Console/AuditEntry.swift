/// One line of the console's audit log: who did what, to what, when. Never a raw value.
public struct AuditEntry: Sendable, Equatable {
  public var id: Int64
  public var at: Double
  public var user: String
  public var action: String
  public var target: String
  public var detail: String

  package init(id: Int64, at: Double, user: String, action: String, target: String, detail: String) {
    self.id = id
    self.at = at
    self.user = user
    self.action = action
    self.target = target
    self.detail = detail
  }
}
