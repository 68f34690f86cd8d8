/// A boot area that differs from its record: wiped, encrypted or overwritten, and which regions.
public struct BootChange: Sendable {
  package var changeClass: ChangeClass
  /// Names from `BootArea.regions`.
  package var regions: [String]
  package var before: BootArea
  package var after: BootArea
}
