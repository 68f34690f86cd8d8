import BlastRadiusBase

/// A finding as a scan's JSONL gives it back: the fields the report reads.
package struct LoggedFinding: Sendable {
  package var path: String
  package var within: [String]
  package var detector: String
  package var category: String
  package var confidence: String
  package var line: Int
  package var column: Int
  package var offset: Int
  package var masked: String
  package var fingerprint: String
  /// The raw value, when the scan was run with `--reveal`. Only names are ever kept from it.
  package var value: String?
  package var sheet: String?
  package var cell: String?
  package var page: Int?
  /// Where the finding's record starts (personal identifiers and names only).
  package var record: Int?
  /// A verdict on a whole item (document classes carry their evidence), not a value in it.
  package var wholeItem: Bool

  init?(_ v: JSONValue) {
    guard let path = v["path"]?.string, let detector = v["detector"]?.string else { return nil }
    self.path = path
    within = v["within"]?.array?.compactMap(\.string) ?? []
    self.detector = detector
    category = v["category"]?.string ?? "unknown"
    confidence = v["confidence"]?.string ?? "medium"
    line = v["line"]?.int ?? 1
    column = v["column"]?.int ?? 1
    offset = v["offset"]?.int ?? 0
    masked = v["masked"]?.string ?? ""
    fingerprint = v["fingerprint"]?.string ?? ""
    value = v["value"]?.string
    sheet = v["sheet"]?.string
    cell = v["cell"]?.string
    page = v["page"]?.int
    record = v["record"]?.int
    wholeItem = v["evidence"] != nil || detector == "credential_file"
  }
}
