/// One finding of a record, as linking needs it: what it is, where in the record, and its
/// fingerprint and masked form (the raw value only for names, only with consent).
package struct RecordEntry: Sendable, Equatable {
  package var detector: String
  package var offset: Int
  package var fingerprint: String
  package var masked: String
  /// A name's raw text, kept only when the notification list may be written.
  package var value: String?

  package init(detector: String, offset: Int, fingerprint: String, masked: String, value: String? = nil) {
    self.detector = detector
    self.offset = offset
    self.fingerprint = fingerprint
    self.masked = masked
    self.value = value
  }

  package var isName: Bool { detector == PersonalData.name }
}
