public import BlastRadiusBase

/// The human views of `baseline` and `diff`.
extension TableRenderer {
  /// Changes shown in a diff table; the JSONL output has them all.
  public static let changeRows = 200

  public static func render(_ s: DiffSummary, changes: [Change], issues: [ScanIssue]) -> String {
    var out =
      "BlastRadius diff against '\(s.baseline)': \(s.changes) change(s) in \(s.baselineEntries) baseline entries\n"
    if s.massDestruction {
      out +=
        "MASS DESTRUCTION: \(percent(DiffSummary.share(s.destructive, of: s.baselineEntries))) of the baseline removed, wiped, encrypted or overwritten (threshold \(ProgressLine.fixed(s.threshold, 2)) %)"
      out += s.bootChanges.isEmpty ? "\n" : "; \(s.bootChanges.count) boot area(s) changed\n"
    }
    out += "\n"
    for boot in s.bootChanges {
      out +=
        "Boot area of \(TerminalText.escaped(boot.after.path)) \(boot.changeClass.rawValue): \(boot.regions.joined(separator: ", "))\n"
    }
    if s.changes == 0 && s.bootChanges.isEmpty {
      out += "No changes.\n"
    } else {
      out += table(
        ["class", "entries", "share"],
        s.counts.keys.sorted().map {
          [
            $0.rawValue, String(s.counts[$0]!),
            percent(DiffSummary.share(s.counts[$0]!, of: s.baselineEntries)),
          ]
        },
        rightAligned: [1, 2])
      let folders = s.folders.filter { $0.value.changes > 0 }.sorted {
        ($0.value.destructive, $1.key) > ($1.value.destructive, $0.key)
      }
      out += "\nBy top folder:\n"
      out += table(
        ["folder", "entries", "changes", "destroyed", "share destroyed"],
        folders.prefix(50).map {
          [
            $0.key, String($0.value.entries), String($0.value.changes), String($0.value.destructive),
            percent(DiffSummary.share($0.value.destructive, of: $0.value.entries)),
          ]
        }, rightAligned: [1, 2, 3, 4])
      out +=
        "\nChanges"
        + (changes.count < s.changes ? " (first \(changes.count); use --format jsonl for all)" : "") + ":\n"
      out += table(
        ["class", "path", "fields"],
        changes.map { c in
          let from =
            c.before.flatMap { b in c.after.map { $0.path != b.path ? " (from \(b.path))" : "" } } ?? ""
          return [c.changeClass.rawValue, c.path + from, c.fields.joined(separator: ",")]
        }, rightAligned: [])
    }
    if s.unverified > 0 {
      out += "\n\(s.unverified) baseline entries could not be checked (their folder could not be listed).\n"
    }
    return out + issueSection(issues)
  }

  public static func render(_ s: SnapshotSummary, label: String, complete: Bool, issues: [ScanIssue])
    -> String
  {
    var out = "BlastRadius baseline '\(label)' \(complete ? "complete" : "PARTIAL")\n"
    out +=
      "\(s.entries) entries: \(s.files) files, \(s.directories) folders, \(s.symlinks) links, \(s.others) other\n"
    out +=
      "\(s.hashed) files hashed (\(ProgressLine.fixed(Double(s.bytesHashed) / 1_048_576, 1)) MiB), \(s.reused) unchanged kept, in \(ProgressLine.fixed(s.seconds, 2)) s\n"
    return out + issueSection(issues)
  }

  static func percent(_ share: Double) -> String { ProgressLine.fixed(share * 100, 2) + " %" }
}
