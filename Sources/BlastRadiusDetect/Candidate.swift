package import BlastRadiusBase

/// A piece of text that may be a detector's value, and how it was found.
package struct Candidate {
  /// How the candidate came to be looked at: its shape alone, or the context that named it.
  package enum Source: Equatable {
    case shape
    case pattern
    case label(LabelClass)
    case column(LabelClass)
  }

  /// The bytes from the candidate's first byte: exactly the token for shapes and patterns; for
  /// labels and columns, the rest of the value (up to a field or line end), which the validator
  /// parses from the front.
  package var bytes: [UInt8]
  package var source: Source

  package init(bytes: [UInt8], source: Source) {
    self.bytes = bytes
    self.source = source
  }
}

/// The canonical form of a value: what is fingerprinted, so equal values count once.
package enum Canonical: Equatable {
  case text(String)
  /// Up to 16 bytes held inline (a phone number's ten digits): no string per value.
  case short(SIMD16<UInt8>, count: Int)
  /// The value's own bytes with ASCII letters lowercased (an ASCII email address), made from
  /// the buffer when it is fingerprinted: no string per value.
  case lowercasedValue
}

/// A validator's verdict on a candidate that passed.
package struct Validation {
  /// Where the value starts within the candidate's bytes (non-zero only for leads).
  package var offset = 0
  /// How many bytes from `offset` form the value.
  package var length: Int
  /// The canonical form that is fingerprinted: digits only for numbers, lowercase for emails.
  package var canonical: Canonical
  /// Why it passed: `luhn`, `iin:visa`, `aba_checksum`, ...
  package var reasons: Reasons
  /// Set when the validator itself judges the value (a placeholder password is `low` whatever
  /// names it); nil leaves it to the detector's context rule.
  package var confidence: Confidence?

  package init(
    offset: Int = 0, length: Int, canonical: String, reasons: Reasons, confidence: Confidence? = nil
  ) {
    self.init(
      offset: offset, length: length, form: .text(canonical), reasons: reasons, confidence: confidence)
  }

  package init(
    offset: Int = 0, length: Int, form canonical: Canonical, reasons: Reasons, confidence: Confidence? = nil
  ) {
    self.offset = offset
    self.length = length
    self.canonical = canonical
    self.reasons = reasons
    self.confidence = confidence
  }
}
