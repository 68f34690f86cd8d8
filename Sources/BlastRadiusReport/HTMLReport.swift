import BlastRadiusAggregate

/// The report counsel reads: one self-contained HTML page (inline style, script and SVG; no
/// network) with the headline numbers, charts, the file table and what could not be read.
/// It shows counts, paths and detector names only: no value, masked or raw, and no name.
package struct HTMLReport {
  let report: ImpactReport
  /// Rows of the file table; the rest are in files.csv and report.json.
  package static let fileRowLimit = 5000
  static let chartBars = 10

  package init(_ report: ImpactReport) { self.report = report }

  package func render() -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    out += "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
    out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
    out += "<title>Breach impact report</title><style>\(Self.style)</style></head><body>"
    out +=
      "<header><h1>Breach impact report</h1><p>From \(TextFormat.html(report.input)) · \(scanLine())</p></header><main>"
    out += headline()
    out += triggers()
    out += charts()
    out += fileTable()
    out += integrity()
    out += coverage()
    out +=
      "<p class=\"note\">Values are never shown here; the notification list (people.csv) is written only with explicit consent. Risk and triggers are explained in docs/risk-score.md and docs/notification-triggers.md.</p>"
    out += "</main><script>\(Self.script)</script></body></html>\n"
    return out
  }

  func scanLine() -> String {
    guard let s = report.summary else { return "the scan did not finish (no summary record)" }
    return
      "\(TextFormat.grouped(s.files)) files, \(TextFormat.grouped(s.bytes)) bytes read in \(TextFormat.decimal(s.seconds)) s · \(s.complete ? "complete" : "INCOMPLETE")"
  }

  func card(_ id: String, _ value: Int, _ label: String, alert: Bool = false, note: String = "") -> String {
    "<div class=\"card\(alert ? " alert" : "")\" id=\"card-\(id)\"><div class=\"figure\" data-figure=\"\(id)\">\(TextFormat.grouped(value))</div><div class=\"label\">\(label)</div>\(note.isEmpty ? "" : "<div class=\"note\">\(note)</div>")</div>"
  }

  func headline() -> String {
    let r = report
    var out = "<h2>Headline</h2><div class=\"cards\">"
    out += card("unique_ssns", r.uniqueSSNs, "Unique SSNs", alert: r.uniqueSSNs > 0)
    out += card("people", r.people.count, "People affected", alert: r.people.count > 0)
    out += card(
      "people_to_notify", r.peopleToNotify, "People with a notification trigger", alert: r.peopleToNotify > 0)
    out += card(
      "credentials", r.credentials, "Credentials exposed", alert: r.credentials > 0, note: "distinct secrets")
    out += card("files_read", r.filesRead, "Files read")
    let skipped = r.skipped.values.reduce(0, +)
    out += card(
      "files_not_read", r.notReadOnDisk, "Files and folders not read", alert: r.notReadOnDisk > 0,
      note:
        "\(TextFormat.grouped(r.partlyRead)) partly read; \(TextFormat.grouped(skipped)) skipped on purpose")
    out += card("files_with_findings", r.files.count, "Files with findings")
    out += "</div>"
    let threshold = NotificationTrigger.hipaaThreshold
    if r.hipaaThresholdReached {
      out +=
        "<div class=\"banner bad\" id=\"hipaa\" data-reached=\"true\">HIPAA: \(TextFormat.grouped(r.healthPeople)) people with health data and their name: the \(threshold)-person threshold is reached (HHS and media notice, 45 CFR 164.406 and 164.408).</div>"
    } else {
      out +=
        "<div class=\"banner ok\" id=\"hipaa\" data-reached=\"false\">HIPAA: \(TextFormat.grouped(r.healthPeople)) people with health data and their name, below the \(threshold)-person threshold.</div>"
    }
    if !r.complete {
      out +=
        "<div class=\"banner bad\">The scan is incomplete: some data was not read (see Coverage). Counts are a floor, not the total.</div>"
    } else if let unread = r.unreadDescription {
      out +=
        "<div class=\"banner bad\" id=\"not-read\">Not everything was read: \(TextFormat.html(unread)). Counts are a floor, not the total.</div>"
    }
    return out
  }

  func triggers() -> String {
    var out =
      "<h2>People per notification trigger</h2><table id=\"triggers-table\"><thead><tr><th>Trigger</th><th>What</th><th class=\"num\">People</th></tr></thead><tbody>"
    for (t, n) in report.triggers {
      out +=
        "<tr><td>\(t.rawValue)</td><td>\(TextFormat.html(t.title))</td><td class=\"num\" data-trigger=\"\(t.rawValue)\">\(TextFormat.grouped(n))</td></tr>"
    }
    out += "</tbody></table>"
    return out
  }

  func charts() -> String {
    let r = report
    var out = "<h2>Where the data is</h2><div class=\"charts\">"
    out += SVGBarChart(
      id: "chart-triggers", title: "People per trigger",
      bars: r.triggers.filter { $0.people > 0 }.map {
        .init(label: $0.trigger.rawValue, value: Double($0.people), display: TextFormat.grouped($0.people))
      },
      color: "#8e44ad"
    ).render()
    out += SVGBarChart(
      id: "chart-categories", title: "Findings by category",
      bars: r.categories.map {
        .init(label: $0.category, value: Double($0.findings), display: TextFormat.grouped($0.findings))
      },
      color: "#2c7fb8"
    ).render()
    let folders = r.folders.sorted { ($0.findings, $1.path) > ($1.findings, $0.path) }.prefix(Self.chartBars)
    out += SVGBarChart(
      id: "chart-folders", title: "Folders holding the most findings",
      bars: folders.map {
        .init(
          label: $0.path, value: Double($0.findings),
          display: "\(TextFormat.grouped($0.findings)) (\(TextFormat.grouped($0.people)) people)")
      },
      color: "#e67e22"
    ).render()
    out += SVGBarChart(
      id: "chart-files", title: "Riskiest files",
      bars: r.files.prefix(Self.chartBars).map {
        .init(label: $0.path, value: $0.risk, display: TextFormat.decimal($0.risk))
      }
    ).render()
    return out + "</div>"
  }

  /// What a wiper or ransomware did, from the baseline diff given with the scan.
  func integrity() -> String {
    guard let c = report.changes else { return "" }
    var out = "<h2>Integrity: what changed since the baseline</h2>"
    let verdict =
      c.massDestruction
      ? "<div class=\"banner bad\" id=\"mass-destruction\">Mass destruction: \(TextFormat.decimal(c.destructiveShare * 100)) % of the baseline's \(TextFormat.grouped(c.baselineEntries)) entries removed, wiped, encrypted or overwritten (threshold \(TextFormat.decimal(c.thresholdPercent)) %)\(c.bootAreasChanged > 0 ? ", and a disk's boot area changed" : "").</div>"
      : "<div class=\"banner ok\" id=\"mass-destruction\">\(TextFormat.grouped(c.changes)) changes against a baseline of \(TextFormat.grouped(c.baselineEntries)) entries; below the mass-destruction threshold.</div>"
    out +=
      c.finished
      ? verdict
      : "<div class=\"banner bad\">The diff did not finish (no summary record): counts are a floor.</div>"
    out += "<div class=\"charts\">"
    out += SVGBarChart(
      id: "chart-changes", title: "Changes by class",
      bars: c.classes.map {
        .init(label: $0.name, value: Double($0.count), display: TextFormat.grouped($0.count))
      },
      color: "#c0392b"
    ).render()
    out += "</div>"
    if !c.listed.isEmpty {
      out += "<table id=\"changes-table\"><thead><tr><th>Change</th><th>Path</th></tr></thead><tbody>"
      for item in c.listed {
        out += "<tr><td>\(TextFormat.html(item.change))</td><td>\(TextFormat.html(item.path))</td></tr>"
      }
      out += "</tbody></table>"
      let destructive = c.classes.filter { ChangeDigest.destructive.contains($0.name) }.reduce(0) {
        $0 + $1.count
      }
      if destructive > c.listed.count {
        out +=
          "<p class=\"note\">The first \(TextFormat.grouped(c.listed.count)) of \(TextFormat.grouped(destructive)) destructive changes; all are in the diff's JSONL.</p>"
      }
    }
    return out
  }

  func fileTable() -> String {
    let files = report.files.prefix(Self.fileRowLimit)
    var out = "<h2>Files, riskiest first</h2>"
    out +=
      "<p><input id=\"file-filter\" type=\"search\" placeholder=\"Filter files (path, data, owner)\"> <span id=\"files-shown\">\(files.count)</span> of \(TextFormat.grouped(files.count)) shown"
    if report.files.count > files.count {
      out +=
        "; the \(TextFormat.grouped(report.files.count - files.count)) less risky files are in files.csv and report.json"
    }
    out +=
      "</p><table id=\"files-table\"><thead><tr><th class=\"num\">Risk</th><th>File</th><th class=\"num\">People</th><th class=\"num\">Findings</th><th>Data found</th><th>Readable by</th><th>Mode</th><th>Owner</th></tr></thead><tbody>"
    for f in files {
      let mode = f.facts.map { "0" + String($0.mode, radix: 8) } ?? "?"
      let owner = f.facts.map { $0.owner ?? "uid \($0.uid)" } ?? "?"
      out +=
        "<tr><td class=\"num\" data-v=\"\(f.risk)\">\(TextFormat.decimal(f.risk))</td><td class=\"path\">\(TextFormat.html(f.path))</td>"
      out +=
        "<td class=\"num\" data-v=\"\(f.people)\">\(TextFormat.grouped(f.people))</td><td class=\"num\" data-v=\"\(f.findings)\">\(TextFormat.grouped(f.findings))</td>"
      out +=
        "<td>\(TextFormat.html(f.elements.joined(separator: ", ")))</td><td\(f.exposure == "everyone" ? " class=\"everyone\"" : "")>\(f.exposure)</td><td>\(mode)</td><td>\(TextFormat.html(owner))</td></tr>"
    }
    return out + "</tbody></table>"
  }

  static let issueRowLimit = 500

  func coverage() -> String {
    let r = report
    var out = "<h2>Coverage: what was read and what was not</h2>"
    let state: String
    if r.summary == nil {
      state =
        "The scan did not finish: its log has no summary record, so files may be missing from every count."
    } else if r.complete, let unread = r.unreadDescription {
      state = "The scan read every file without an error, but not every item: \(TextFormat.html(unread))."
    } else if r.complete {
      state = "The scan was complete: every file it was asked to read was read."
    } else {
      state = "The scan was incomplete: \(TextFormat.grouped(r.issueCount)) error record(s) below."
    }
    out += "<p id=\"scan-state\" data-complete=\"\(r.complete)\">\(state)</p>"
    if r.unreadableLines > 0 {
      out +=
        "<p class=\"banner bad\">\(TextFormat.grouped(r.unreadableLines)) line(s) of the scan log were not records (a cut line?) and were left out.</p>"
    }
    out +=
      "<table id=\"errors-by-code\"><thead><tr><th>Error code</th><th class=\"num\">Records</th></tr></thead><tbody>"
    for code in r.errorsByCode.keys.sorted() {
      out +=
        "<tr><td>\(TextFormat.html(code))</td><td class=\"num\">\(TextFormat.grouped(r.errorsByCode[code]!))</td></tr>"
    }
    if r.errorsByCode.isEmpty { out += "<tr><td colspan=\"2\">none</td></tr>" }
    out += "</tbody></table>"
    if !r.formats.isEmpty {
      out +=
        "<table id=\"formats-table\"><thead><tr><th>Format</th><th class=\"num\">Read</th><th class=\"num\">Skipped</th><th class=\"num\">Failed</th></tr></thead><tbody>"
      for (format, c) in r.formats.sorted(by: { $0.key < $1.key }) {
        out +=
          "<tr><td>\(TextFormat.html(format))</td><td class=\"num\">\(TextFormat.grouped(c.read))</td><td class=\"num\">\(TextFormat.grouped(c.skipped))</td><td class=\"num\(c.failed > 0 ? " bad" : "")\">\(TextFormat.grouped(c.failed))</td></tr>"
      }
      out += "</tbody></table>"
    }
    if !r.skipped.isEmpty {
      out +=
        "<p>Not scanned on purpose: "
        + r.skipped.keys.sorted().map { "\(TextFormat.html($0)) \(TextFormat.grouped(r.skipped[$0]!))" }
        .joined(separator: ", ") + ".</p>"
    }
    if !r.issues.isEmpty {
      out +=
        "<h3>Could not read</h3><table id=\"errors-table\"><thead><tr><th>Code</th><th>Path</th><th>Inside</th><th>Why</th></tr></thead><tbody>"
      for i in r.issues.prefix(Self.issueRowLimit) {
        out +=
          "<tr><td>\(TextFormat.html(i.code))</td><td class=\"path\">\(TextFormat.html(i.path))</td><td>\(TextFormat.html(i.within.joined(separator: " › ")))</td><td>\(TextFormat.html(i.message))</td></tr>"
      }
      out += "</tbody></table>"
      if r.issueCount > Self.issueRowLimit {
        out +=
          "<p class=\"note\">\(TextFormat.grouped(r.issueCount - Self.issueRowLimit)) more in report.json and the scan log.</p>"
      }
    }
    return out
  }
}
