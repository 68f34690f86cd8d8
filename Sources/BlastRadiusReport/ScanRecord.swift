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
    case "summary": return .summary(summary(v, catalog: catalog))
    case "hunt": return .hunt
    default: return nil
    }
  }

  static func summary(_ v: JSONValue, catalog: DetectorCatalog) -> ScanSummary {
    var s = ScanSummary()
    s.files = v["files"]?.int ?? 0
    s.bytes = v["bytes"]?.int ?? 0
    s.seconds = v["seconds"]?.double ?? 0
    s.findings = v["findings"]?.int ?? 0
    s.errorsByCode = v["errors_by_code"]?.counts ?? [:]
    s.errors = v["errors"]?.int ?? s.errorsByCode.values.reduce(0, +)
    s.skipped = v["skipped"]?.counts ?? [:]
    s.encodings = v["encodings"]?.counts ?? [:]
    s.containers = v["containers"]?.counts ?? [:]
    s.members = v["members"]?.int ?? 0
    s.documents = v["documents"]?.counts ?? [:]
    s.detectors = (v["detectors"]?.object ?? [:]).keys.sorted().map { id in
      let d = v["detectors"]![id]!
      return ScanSummary.DetectorCount(
        detector: id, category: catalog.category(of: id) ?? "custom", total: d["total"]?.int ?? 0,
        unique: d["unique"]?.int ?? 0)
    }
    // A summary that says it is not complete stays so (a stopped scan has no error to show it).
    s.interrupted = v["interrupted"]?.bool ?? (v["complete"]?.bool == false && s.errors == 0)
    s.reusedFiles = v["store"]?["files_reused"]?.int ?? 0
    return s
  }
}
