package import BlastRadiusBase

/// A detector as data: what it looks for, how candidates are checked, and how context moves its
/// confidence. Built-in detectors are a table of these (`BuiltinDetectors`); the engine knows
/// nothing about any particular detector.
public struct DetectorSpec: Sendable {
  /// Stable snake_case id, part of the output contract.
  public var id: String
  /// Output category: `national_id`, `financial`, `contact`, `personal`, ...
  public var category: String
  public var summary: String
  /// A masked example for `blastradius detectors`.
  public var example: String
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
  /// A catch-all (`generic_secret`, `password`) that gives way when a more specific detector
  /// reports a value at the same place (`ghp_…` assigned to `GITHUB_TOKEN`).
  package var fallback = false
  /// For a document class: the terms and rule that classify a whole item.
  package var documentClass: DocumentClass? = nil
  /// Masks a raw value for output.
  package var mask: MaskRule = .keepLast4

  /// A Vectorscan expression and how to find the candidate around a match end.
  ///
  /// Block-mode Vectorscan reports only where a match ends (start-of-match tracking costs more
  /// than all else), so each rule says in Swift where its candidate lies: a token scanned back
  /// from an anchor, a prefix extended forward, or the value assigned to a key.
  package struct PatternRule: Sendable {
    package var expression: String
    package var caseless = false
    /// The candidate's bytes around a match that ends at `matchEnd`, or nil to drop the match.
    package var locate: @Sendable (_ buffer: UnsafeRawBufferPointer, _ matchEnd: Int) -> Range<Int>?
    /// For an expression whose start cannot be found from its end (a user's rule): Vectorscan
    /// reports the span, and this checks it in its buffer.
    package var span: (@Sendable (_ buffer: UnsafeRawBufferPointer, _ match: Range<Int>) -> Range<Int>?)? =
      nil
    /// For a rule found by one byte every value holds (`init(trigger:tokenStart:)`: an email's
    /// `@`), that byte; its `expression` is empty and Vectorscan never sees it.
    package var trigger: UInt8? = nil
    /// For a token rule (`init(_:tokenStart:)`, `init(trigger:tokenStart:)`): where its token
    /// starts, which the analyzer calls itself; `locate` does the same for other callers.
    package var tokenStart: TokenStart? = nil

    /// Where a token starts, given the buffer (`base`, `count`) and a match's end; -1 for no
    /// token. A C function pointer: it has no context, so a call per match costs no reference
    /// count (the context of a Swift closure, shared by every worker, was retained by both
    /// cores at every email address).
    package typealias TokenStart =
      @convention(c) (
        _ base: UnsafeRawPointer?, _ count: Int, _ matchEnd: Int
      ) -> Int

    package init(
      _ expression: String, caseless: Bool = false,
      locate: @escaping @Sendable (_ buffer: UnsafeRawBufferPointer, _ matchEnd: Int) -> Range<Int>?
    ) {
      self.expression = expression
      self.caseless = caseless
      self.locate = locate
    }

    /// A rule matched with start-of-match tracking: `check` sees the whole match and its buffer.
    package init(
      spanning expression: String, caseless: Bool = false,
      check: @escaping @Sendable (_ buffer: UnsafeRawBufferPointer, _ match: Range<Int>) -> Range<Int>?
    ) {
      self.expression = expression
      self.caseless = caseless
      self.locate = { _, _ in nil }
      self.span = check
    }

    /// A token whose start is found backwards from the match (`tokenStart`), and which runs up
    /// to the first byte no token holds (space, quote, comma, angle bracket, control byte); UTF-8
    /// bytes are held (internationalised addresses).
    package init(_ expression: String, tokenStart: TokenStart) {
      self.init(expression) { buffer, matchEnd in
        let start = tokenStart(buffer.baseAddress, buffer.count, matchEnd)
        guard start >= 0 else { return nil }
        return start..<Self.tokenEnd(buffer, from: start)
      }
      self.tokenStart = tokenStart
    }

    /// A token around each `trigger` byte of a buffer, which the analyzer finds itself
    /// (`memchr`), its start found back from the byte (`tokenStart`, given the byte's end as
    /// the match end) and its end as `init(_:tokenStart:)` has it. For a value every one of
    /// which holds a byte rare elsewhere, whose validator is stricter than any expression
    /// would be: a Vectorscan expression then only filters, at a cost. An email's took 60 % of
    /// the Vectorscan time on a contact export, reporting two matches per address.
    package init(trigger: UInt8, tokenStart: TokenStart) {
      self.init("", tokenStart: tokenStart)
      self.trigger = trigger
    }

    /// The first byte from `start` on that no token holds (space, control byte, DEL, quote,
    /// angle bracket, comma), at most 320 bytes on: eight bytes at a time, since a contact
    /// export has an address to read through per row.
    static func tokenEnd(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Int {
      let limit = min(buffer.count, start + 320)
      var stop = start
      while stop + 8 <= limit {
        let w = buffer.loadUnaligned(fromByteOffset: stop, as: UInt64.self)
        let marks =
          WordBytes.bytes(w, below: 0x21) | WordBytes.bytes(w, equalTo: 0x7F)
          | WordBytes.bytes(w, equalTo: ASCII.quote) | WordBytes.bytes(w, equalTo: 0x3C)
          | WordBytes.bytes(w, equalTo: 0x3E) | WordBytes.bytes(w, equalTo: ASCII.comma)
        if marks != 0 { return stop + WordBytes.firstMarked(marks) }
        stop += 8
      }
      while stop < limit, buffer[stop] > 0x20, buffer[stop] != 0x7F, buffer[stop] != ASCII.quote,
        buffer[stop] != 0x3C, buffer[stop] != 0x3E, buffer[stop] != ASCII.comma
      {
        stop += 1
      }
      return stop
    }
  }
}
