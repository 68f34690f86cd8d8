/// What happened to one entry between two snapshots, most telling class first: the class says
/// whether the change looks like destruction, not only that bytes differ.
public enum ChangeClass: String, Sendable, CaseIterable, Comparable {
  case removed
  /// Zero-filled, or one short pattern repeated through the whole file.
  case wiped
  /// Content now near-random where it was not, or a format's signature replaced by unknown bytes.
  case encrypted
  /// Same size, other content, without the signs of wiping or encryption.
  case overwritten
  case modified
  /// File became folder, link became file, and so on.
  case typeChanged = "type-changed"
  /// At a new path, found by its inode (a rename) or its hash (a copy then delete).
  case moved
  case added
  /// Mode, owner, times or inode only; the content is the same.
  case metadata

  /// Classes that count toward mass destruction (`--threshold`).
  public var isDestructive: Bool {
    self == .removed || self == .wiped || self == .encrypted || self == .overwritten
  }

  public static func < (a: ChangeClass, b: ChangeClass) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
