extension ScanSummary {
  /// A summary record read back (`RecordFormatter.append(_:to:)` wrote it): for reports over scan
  /// logs, and for a scan whose work items were done by several agents, each with its summary.
  /// `category` names a detector's category (the record keeps ids only).
  package init(record v: JSONValue, category: (String) -> String?) {
    self.init()
    files = v["files"]?.int ?? 0
    bytes = v["bytes"]?.int ?? 0
    seconds = v["seconds"]?.double ?? 0
    findings = v["findings"]?.int ?? 0
    errorsByCode = v["errors_by_code"]?.counts ?? [:]
    errors = v["errors"]?.int ?? errorsByCode.values.reduce(0, +)
    skipped = v["skipped"]?.counts ?? [:]
    encodings = v["encodings"]?.counts ?? [:]
    containers = v["containers"]?.counts ?? [:]
    members = v["members"]?.int ?? 0
    documents = v["documents"]?.counts ?? [:]
    formats = v["formats"]?.formats ?? [:]
    detectors = (v["detectors"]?.object ?? [:]).keys.sorted().map { id in
      let d = v["detectors"]![id]!
      return ScanSummary.DetectorCount(
        detector: id, category: category(id) ?? "custom", total: d["total"]?.int ?? 0,
        unique: d["unique"]?.int ?? 0)
    }
    // A summary that says it is not complete stays so (a stopped scan has no error to show it).
    interrupted = v["interrupted"]?.bool ?? (v["complete"]?.bool == false && errors == 0)
    reusedFiles = v["store"]?["files_reused"]?.int ?? 0
    if let run = v["ocr"] {
      ocr = OCRRun(pages: run["pages"]?.int ?? 0, seconds: run["seconds"]?.double ?? 0)
    }
  }
}
