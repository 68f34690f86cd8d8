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

  package struct Evidence: Sendable, Equatable {
    package var term: String
    package var count: Int
  }
}
