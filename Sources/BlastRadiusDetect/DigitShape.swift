/// A numeric shape a detector accepts without any context: digit groups and the separators
/// allowed between them, e.g. `3-2-4` with `-` or space for an SSN.
package struct DigitShape: Sendable {
  /// Allowed digit count of each group, in order; nil accepts any grouping.
  package var groups: [ClosedRange<Int>]?
  /// Separators allowed between groups; one value uses one separator throughout.
  package var separators: [UInt8]
  /// The run is preceded by a parenthesised group of this many digits, as in `(212) 555-0147`.
  package var parenthesizedLead: ClosedRange<Int>?
  /// The value may begin up to this many bytes before the run with letters and digits, as an
  /// IBAN's `DE89 ` before its digits; the validator finds the real start.
  package var alphanumericLead = 0

  package init(
    _ groups: [ClosedRange<Int>]?, separators: String = "",
    parenthesizedLead: ClosedRange<Int>? = nil, alphanumericLead: Int = 0
  ) {
    self.groups = groups
    self.separators = Array(separators.utf8)
    self.parenthesizedLead = parenthesizedLead
    self.alphanumericLead = alphanumericLead
  }

  package init(_ groups: Int..., separators: String = "") {
    self.init(groups.map { $0...$0 }, separators: separators)
  }
}
