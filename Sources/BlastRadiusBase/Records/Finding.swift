/// One detected value, placed in its file, as the output contract describes it.
public struct Finding: Sendable {
  public var path: String
  /// The chain inside the file on disk (archive members, attachments); empty for a plain file.
  public var within: [String]
  public var detector: String
  public var category: String
  public var confidence: Confidence
  public var reasons: Reasons
  public var line: Int
  public var column: Int
  /// Byte offset in the decoded-from file (for UTF-16, of the value's first code unit).
  public var offset: Int
  public var masked: String
  public var fingerprint: Fingerprint
  /// The raw value, only when the user asked for `--reveal`.
  public var value: String?
  /// Spreadsheet findings: the sheet, the row (1-based) and the cell (`B7`).
  public var sheet: String? = nil
  public var row: Int? = nil
  public var cell: String? = nil
  /// PDF findings: the page (1-based).
  public var page: Int? = nil
  /// Personal identifiers and names: the offset where their record (row or paragraph) starts,
  /// which groups them into people in the report.
  public var record: Int? = nil
  /// Document classes: the terms that decided it and how often each occurs.
  public var evidence: [Evidence]? = nil

  /// Inlinable: the scan builds one per finding, in another module.
  @inlinable public init(
    path: String, within: [String], detector: String, category: String, confidence: Confidence,
    reasons: Reasons, line: Int, column: Int, offset: Int, masked: String, fingerprint: Fingerprint,
    value: String? = nil, sheet: String? = nil, row: Int? = nil, cell: String? = nil, page: Int? = nil,
    record: Int? = nil, evidence: [Evidence]? = nil
  ) {
    self.path = path
    self.within = within
    self.detector = detector
    self.category = category
    self.confidence = confidence
    self.reasons = reasons
    self.line = line
    self.column = column
    self.offset = offset
    self.masked = masked
    self.fingerprint = fingerprint
    self.value = value
    self.sheet = sheet
    self.row = row
    self.cell = cell
    self.page = page
    self.record = record
    self.evidence = evidence
  }

  /// A term that decided a document class, and how often it occurs.
  public struct Evidence: Sendable, Equatable {
    public var term: String
    public var count: Int

    public init(term: String, count: Int) {
      self.term = term
      self.count = count
    }
  }
}
