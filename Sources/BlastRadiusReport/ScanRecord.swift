package import BlastRadiusBase

/// One line of a scan's JSONL, decoded by its `kind`.
package enum ScanRecord: Sendable {
  case finding(LoggedFinding)
  case file(FileFacts)
  case error(LoggedIssue)
  case summary(ScanSummary)
  /// Hunt evidence: part of a scan's log, not of the exposure the report counts.
  case hunt

  /// The record a line holds; nil for an unknown kind (a later version's) or a line that is not
  /// a record.
  package static func decode(_ v: JSONValue, catalog: DetectorCatalog) -> ScanRecord? {
    switch v["kind"]?.string {
    case "finding": return LoggedFinding(v).map { .finding($0) }
    case "error": return LoggedIssue(v).map { .error($0) }
    case "file":
      guard let path = v["path"]?.string else { return nil }
      let mode = Int(v["mode"]?.string ?? "", radix: 8) ?? 0
      return .file(
        FileFacts(
          path: path, size: v["size"]?.int ?? 0, mode: mode, uid: v["uid"]?.int ?? -1,
          gid: v["gid"]?.int ?? -1,
          owner: v["owner"]?.string, findings: v["findings"]?.int ?? 0))
    case "summary": return .summary(ScanSummary(record: v, category: catalog.category(of:)))
    case "hunt": return .hunt
    default: return nil
    }
  }
}
