/// One detected value, placed in its file, as the output contract describes it.
package struct Finding: Sendable {
  package var path: String
  /// The chain inside the file on disk (archive members, attachments); empty for a plain file.
  package var within: [String]
  package var detector: String
  package var category: String
  package var confidence: Confidence
  package var reasons: Reasons
  package var line: Int
  package var column: Int
  /// Byte offset in the decoded-from file (for UTF-16, of the value's first code unit).
  package var offset: Int
  package var masked: String
  package var fingerprint: Fingerprint
  /// The raw value, only when the user asked for `--reveal`.
  package var value: String?
  /// Spreadsheet findings: the sheet, the row (1-based) and the cell (`B7`).
  package var sheet: String? = nil
  package var row: Int? = nil
  package var cell: String? = nil
  /// PDF findings: the page (1-based).
  package var page: Int? = nil
  /// Personal identifiers and names: the offset where their record (row or paragraph) starts,
  /// which groups them into people in the report.
  package var record: Int? = nil
  /// Document classes: the terms that decided it and how often each occurs.
  package var evidence: [Evidence]? = nil

  /// Inlinable: the scan builds one per finding, in another module.
  @inlinable package init(
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

  package struct Evidence: Sendable, Equatable {
    package var term: String
    package var count: Int

    package init(term: String, count: Int) {
      self.term = term
      self.count = count
    }
  }
}
