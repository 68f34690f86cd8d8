/// A finding as a worker holds it until it is written: fixed-size fields, and the masked text
/// (and, under `--reveal`, the value) as spans of its batch's `text`. Sending one costs no
/// allocation and no reference counting; a batch makes `Finding` values only for sinks that
/// ask for them (`FindingBatch.findings`).
public struct CompactFinding: Sendable {
  /// A stretch of the batch's `text`.
  public struct Span: Sendable, Equatable {
    public var start: Int32
    public var count: Int32

    @inlinable public init(start: Int, count: Int) {
      self.start = Int32(truncatingIfNeeded: start)
      self.count = Int32(truncatingIfNeeded: count)
    }
  }

  /// Index into the batch's `names`.
  public var detector: Int32
  public var confidence: Confidence
  public var reasons: Reasons
  public var line: Int
  /// In a sheet, the cell's column (A = 1); its row is `line`.
  public var column: Int
  public var offset: Int
  /// The offset where the finding's record starts (`Finding.record`), or -1 for none.
  public var record: Int
  public var fingerprint: Fingerprint
  public var masked: Span
  /// The raw value, only under `--reveal`.
  public var value: Span?

  /// Inlinable: a worker makes one per finding, and the call copied its fields twice.
  @inlinable public init(
    detector: Int, confidence: Confidence, reasons: Reasons, line: Int, column: Int, offset: Int,
    record: Int?, fingerprint: Fingerprint, masked: Span, value: Span?
  ) {
    self.detector = Int32(truncatingIfNeeded: detector)
    self.confidence = confidence
    self.reasons = reasons
    self.line = line
    self.column = column
    self.offset = offset
    self.record = record ?? -1
    self.fingerprint = fingerprint
    self.masked = masked
    self.value = value
  }
}
