/// One affected person after linking: the same person found in fifty files is one `Person`,
/// with what is exposed about them and where. Values are masked; the name is raw only when the
/// notification list may be written.
public struct Person: Sendable {
  /// An identifier of the person, masked, with its fingerprint for matching across scans.
  package struct Identifier: Sendable, Hashable {
    package var detector: String
    package var fingerprint: String
    package var masked: String
  }

  /// Fingerprint of the strongest identifier (SSN first); nil for a named person with no
  /// identifier (a name with a diagnosis code), who is never merged with anyone.
  package var key: String?
  package var keyDetector: String?
  /// Initials, when a name was found.
  package var maskedName: String?
  /// The raw name, only with consent.
  package var name: String?
  /// Key identifiers, strongest first.
  package var identifiers: [Identifier]
  /// Detector ids of everything exposed about them (and `phi` for a health document naming them).
  package var elements: [String]
  package var triggers: [NotificationTrigger]
  package var fileCount: Int
  /// The first of their files by path.
  package var firstFile: String
}
