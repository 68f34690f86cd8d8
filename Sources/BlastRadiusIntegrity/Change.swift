/// One changed entry: its class, the entry before and after (either is nil when added or
/// removed), and the fields that differ.
public struct Change: Sendable {
  public package(set) var changeClass: ChangeClass
  package var before: EntryRecord?
  package var after: EntryRecord?
  /// Names of the fields that differ, as in the JSONL record (`content`, `size`, `mode`…).
  public package(set) var fields: [String]

  package init(_ changeClass: ChangeClass, before: EntryRecord?, after: EntryRecord?, fields: [String] = []) {
    self.changeClass = changeClass
    self.before = before
    self.after = after
    self.fields = fields
  }

  /// The path now (or where it was, when removed).
  public var path: String { (after ?? before)!.path }
  /// The baseline's top folder, so that damage is counted where the baseline had the entry.
  package var top: String { (before ?? after)!.top }
  package var kind: EntryKind { (after ?? before)!.kind }
}
