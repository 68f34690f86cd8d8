/// Decides the class of a change from the entry before and after. Content classes are judged
/// from the new bytes' profile against the old one: a repeated pattern is wiping, a jump to
/// near-random bytes or a signature replaced by unknown bytes is encryption.
package enum ChangeClassifier {
  /// The change from `before` to `after`, or nil when nothing that matters differs. `moved`
  /// pairs have different paths; their content decides between `moved` and a content class.
  package static func classify(before: EntryRecord?, after: EntryRecord?) -> Change? {
    guard let before else { return after.map { Change(.added, before: nil, after: $0) } }
    guard let after else { return Change(.removed, before: before, after: nil) }
    let moved = before.path != after.path
    guard before.kind == after.kind else {
      return Change(.typeChanged, before: before, after: after, fields: ["type"])
    }
    var fields = metadataFields(before, after)
    var contentClass: ChangeClass?
    switch after.kind {
    case .file:
      if let content = contentChange(before, after) {
        fields.insert(contentsOf: before.size != after.size ? ["content", "size"] : ["content"], at: 0)
        contentClass = content
      }
    case .symlink:
      if before.target != after.target {
        fields.insert("target", at: 0)
        contentClass = .modified
      }
    case .directory, .other:
      break
    }
    if let contentClass { return Change(contentClass, before: before, after: after, fields: fields) }
    if moved { return Change(.moved, before: before, after: after, fields: fields) }
    return fields.isEmpty ? nil : Change(.metadata, before: before, after: after, fields: fields)
  }

  /// Mode, owner and, but for folders, times, links and inode. A folder's times and link count
  /// follow its entries, whose own changes are reported.
  static func metadataFields(_ a: EntryRecord, _ b: EntryRecord) -> [String] {
    var fields: [String] = []
    if a.mode != b.mode { fields.append("mode") }
    if a.uid != b.uid { fields.append("uid") }
    if a.gid != b.gid { fields.append("gid") }
    guard b.kind != .directory else { return fields }
    if a.mtime != b.mtime { fields.append("mtime") }
    if a.ctime != b.ctime { fields.append("ctime") }
    if a.links != b.links { fields.append("links") }
    if a.inode != b.inode || a.device != b.device { fields.append("inode") }
    return fields
  }

  /// The content class of a file whose bytes differ, or nil. Without both hashes (a file that
  /// could not be read) only a size change is known.
  static func contentChange(_ before: EntryRecord, _ after: EntryRecord) -> ChangeClass? {
    guard let old = before.content, let new = after.content else {
      return before.size != after.size ? .modified : nil
    }
    guard old.sha256 != new.sha256 || before.size != after.size else { return nil }
    if new.period > 0 { return .wiped }
    if new.nearRandom && !old.nearRandom { return .encrypted }
    if old.type.hasSignature && new.type == .binary { return .encrypted }
    return before.size == after.size ? .overwritten : .modified
  }
}
