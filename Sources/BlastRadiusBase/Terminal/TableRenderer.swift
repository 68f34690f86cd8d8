/// The human summary: detectors with totals and distinct values, what was not read, and the
/// files with the most findings.
public enum TableRenderer {
  public static func render(
    _ s: ScanSummary, issues: [ScanIssue], minConfidence: Confidence, hunt: [HuntHit] = []
  ) -> String {
    var out = ""
    let skippedOnly = s.formats.values.reduce(0) { $0 + $1.skipped }
    let state =
      s.interrupted
      ? "INTERRUPTED: run the same command again to resume"
      : !s.complete
        ? "INCOMPLETE: \(s.errors) error(s), see below"
        : skippedOnly > 0 ? "NOT EVERYTHING READ: \(skippedOnly) item(s) skipped" : "complete"
    out += "BlastRadius scan \(state)\n"
    if let unread = s.unreadDescription { out += "not read: \(unread)\n" }
    if let store = s.store {
      out +=
        "store: scan #\(store.scan)\(store.resumed ? " (resumed)" : ""), \(s.files - s.reusedFiles) files read, \(s.reusedFiles) unchanged files reused\n"
    }
    out +=
      "\(s.files) files, \(ProgressLine.fixed(Double(s.bytes) / 1_048_576, 1)) MiB in \(ProgressLine.fixed(s.seconds, 2)) s; findings at \(minConfidence) confidence or higher: \(s.findings)\n\n"
    if s.hunt != nil { out += huntSection(s, hits: hunt) + "\n" }
    let rows = s.detectors.filter { $0.total > 0 }
    if rows.isEmpty {
      out += "No findings.\n"
    } else {
      out += table(
        ["detector", "category", "findings", "unique"],
        rows.map { [$0.detector, $0.category, String($0.total), String($0.unique)] },
        rightAligned: [2, 3])
    }
    if !s.containers.isEmpty || !s.documents.isEmpty {
      var parts: [String] = []
      if !s.containers.isEmpty {
        parts.append(
          "containers "
            + s.containers.keys.sorted().map { "\($0) \(s.containers[$0]!)" }.joined(separator: ", "))
        parts.append("\(s.members) members read")
      }
      if !s.documents.isEmpty {
        parts.append(
          "documents " + s.documents.keys.sorted().map { "\($0) \(s.documents[$0]!)" }.joined(separator: ", ")
        )
      }
      out += "\nOpened: " + parts.joined(separator: "; ") + "\n"
    }
    if let ocr = s.ocr {
      out += "OCR: \(ocr.pages) page(s) in \(ProgressLine.fixed(ocr.seconds, 1)) s\n"
    }
    if !s.skipped.isEmpty {
      out += "\nNot scanned on purpose: "
      out += s.skipped.keys.sorted().map { "\($0) \(s.skipped[$0]!)" }.joined(separator: ", ") + "\n"
    }
    if !s.topFiles.isEmpty {
      out += "\nFiles with the most findings:\n"
      out += table(
        ["findings", "file"], s.topFiles.map { [String($0.findings), $0.path] }, rightAligned: [0])
    }
    out += issueSection(issues)
    return out
  }

  /// The issues of a run, the first 50 of them, or nothing.
  package static func issueSection(_ issues: [ScanIssue]) -> String {
    guard !issues.isEmpty else { return "" }
    var out = "\nCould not read (\(issues.count)):\n"
    out += table(
      ["code", "path", "message"], issues.prefix(50).map { [$0.code.rawValue, $0.path, $0.message] },
      rightAligned: [])
    if issues.count > 50 { out += "… and \(issues.count - 50) more (use --format jsonl for all)\n" }
    return out
  }

  /// Columns padded to their widest cell; control characters in cells are escaped
  /// (`TerminalText`).
  package static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> String {
    // Every cell may hold a name from the scanned tree: escaped before it is measured.
    let all = ([header] + rows).map { $0.map(TerminalText.escaped) }
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    var out = ""
    for (r, row) in all.enumerated() {
      let cells = row.enumerated().map { c, cell -> String in
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        return rightAligned.contains(c) ? pad + cell : (c == row.count - 1 ? cell : cell + pad)
      }
      out += cells.joined(separator: "  ") + "\n"
      if r == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
    }
    return out
  }
}
