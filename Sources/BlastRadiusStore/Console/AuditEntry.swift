/// One line of the console's audit log: who did what, to what, when. Never a raw value.
public struct AuditEntry: Sendable, Equatable {
  public var id: Int64
  public var at: Double
  public var user: String
  public var action: String
  public var target: String
  public var detail: String
}
