import BlastRadiusBase

/// Which numeric runs some detector shape may take, from their digit and group counts and the
/// bytes just before them: most runs (a log's dates, request ids and addresses) fit none, and
/// are dropped where they are found, before they are stored or classified.
///
/// A view of the flags the analyzer owns (`ChunkAnalyzer.shapeFlags`), by run key
/// (`DetectorSet.shapeKey`): bit 0 when a shape without a lead takes the key, bit 1 when one
/// after `(212) ` does.
package struct ShapeGate {
  let flags: UnsafeBufferPointer<UInt8>

  /// Whether a shape may take the run at `start` of `base`: its key alone, a letter before it
  /// (a lead such as an IBAN's `DE89 `), or a closing parenthesis with a shape that wants one.
  @inline(__always)
  package func mayFit(_ base: UnsafeRawPointer, start: Int, digits: Int, groups: Int) -> Bool {
    let key = DetectorSet.shapeKey(groups: groups, digits: digits).map { flags[$0] } ?? 0
    if key & 1 != 0 { return true }
    let before: UInt8 = start > 0 ? base.load(fromByteOffset: start - 1, as: UInt8.self) : ASCII.newline
    if Self.isLetterBefore(base, start, before) { return true }
    return key & 2 != 0 && Self.isParenBefore(base, start, before)
  }

  /// A letter before a run, or one space or hyphen after a letter or digit (`DE89 `, `ID-`).
  @inline(__always)
  static func isLetterBefore(_ base: UnsafeRawPointer, _ start: Int, _ before: UInt8) -> Bool {
    ASCII.isLetter(before)
      || ((before == ASCII.space || before == ASCII.hyphen) && start >= 2
        && ASCII.isAlnum(base.load(fromByteOffset: start - 2, as: UInt8.self)))
  }

  /// A closing parenthesis before a run, or one then a space (`(212) 555-0147`).
  @inline(__always)
  static func isParenBefore(_ base: UnsafeRawPointer, _ start: Int, _ before: UInt8) -> Bool {
    before == 0x29
      || (before == ASCII.space && start >= 2 && base.load(fromByteOffset: start - 2, as: UInt8.self) == 0x29)
  }
}
