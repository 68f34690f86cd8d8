/// A detector as data: what it looks for, how candidates are checked, and how context moves its
/// confidence. Built-in detectors are a table of these (`BuiltinDetectors`); the engine knows
/// nothing about any particular detector.
package struct DetectorSpec: Sendable {
  /// Stable snake_case id, part of the output contract.
  package var id: String
  /// Output category: `national_id`, `financial`, `contact`, `personal`, ...
  package var category: String
  package var summary: String
  /// A masked example for `blastradius detectors`.
  package var example: String
  /// Numeric shapes accepted without context.
  package var shapes: [DigitShape] = []
  /// Vectorscan expressions accepted without context; a match's end is where the validator's
  /// token ends or continues (the validator is given the bytes from the token start).
  package var patterns: [PatternRule] = []
  /// Labels or column headers whose value is a candidate, and which raise confidence.
  package var labels: Set<LabelClass> = []
  /// Labels that say the number is something else; a shape match next to one drops to `low`.
  package var negativeLabels: Set<LabelClass> = []
  /// Confidence of a shape or pattern match with no label either way.
  package var standalone: Confidence = .medium
  /// Confidence when a supporting label or column header is present.
  package var supported: Confidence = .high
  /// Checks a candidate and returns its canonical form, or nil to reject it.
  package var validate: @Sendable (Candidate) -> Validation?
  /// Masks a raw value for output.
  package var mask: @Sendable ([UInt8]) -> String = Masker.keepLast4

  /// A Vectorscan expression and how to find the token's start from a match end.
  package struct PatternRule: Sendable {
    package var expression: String
    /// Which bytes may precede the anchor inside the token (scanned backwards from the match).
    package var tokenStart: @Sendable (_ buffer: UnsafeRawBufferPointer, _ matchEnd: Int) -> Int?
    package init(
      _ expression: String,
      tokenStart: @escaping @Sendable (_ buffer: UnsafeRawBufferPointer, _ matchEnd: Int) -> Int?
    ) {
      self.expression = expression
      self.tokenStart = tokenStart
    }
  }
}
