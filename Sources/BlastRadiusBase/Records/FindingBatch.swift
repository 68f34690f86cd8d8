/// Findings of one item, as a worker sends them: the item's place once, then per finding fixed
/// fields and spans of `text`. A sink that writes records reads them as they are
/// (`FindingWriter`); one that keeps `Finding` values makes them with `materialized`.
public struct FindingBatch: Sendable {
  public var place: ItemPlace
  public var names: DetectorNames
  public var findings: [CompactFinding] = []
  /// Masked texts and revealed values, back to back.
  public var text: [UInt8] = []

  public init(place: ItemPlace, names: DetectorNames) {
    self.place = place
    self.names = names
  }

  public var isEmpty: Bool { findings.isEmpty }
  public var count: Int { findings.count }

  /// Empties the batch for the next findings of `place`, keeping its storage.
  public mutating func reset(place: ItemPlace) {
    self.place = place
    findings.removeAll(keepingCapacity: true)
    text.removeAll(keepingCapacity: true)
  }

  /// The bytes of a span of `text`.
  public func bytes(_ span: CompactFinding.Span) -> ArraySlice<UInt8> {
    text[Int(span.start)..<Int(span.start + span.count)]
  }

  /// The findings as `Finding` values: what the JSONL writer would write, field for field.
  public var materialized: [Finding] {
    findings.map { c in
      var f = Finding(
        path: place.path, within: place.within, detector: names.ids[Int(c.detector)],
        category: names.categories[Int(c.detector)], confidence: c.confidence, reasons: c.reasons,
        line: c.line, column: c.column, offset: c.offset,
        masked: String(decoding: bytes(c.masked), as: UTF8.self), fingerprint: c.fingerprint,
        value: c.value.map { String(decoding: bytes($0), as: UTF8.self) })
      if let sheet = place.sheet {
        f.sheet = sheet
        f.row = c.line
        f.cell = Self.columnName(c.column - 1) + String(c.line)
      }
      f.page = place.page
      f.record = c.record >= 0 ? c.record : nil
      return f
    }
  }

  /// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
  public static func columnName(_ index: Int) -> String {
    var letters: (UInt64, UInt64) = (0, 0)
    let n = withUnsafeMutableBytes(of: &letters) { FindingWriter.columnLetters(index, into: $0) }
    return withUnsafeBytes(of: &letters) { String(decoding: $0[(16 - n)...], as: UTF8.self) }
  }
}
