package import BlastRadiusBase

/// Writes SARIF 2.1.0 as the scan log is read: one run whose results are the findings (masked
/// values only), whose rules are the detectors that found something, and whose invocation lists
/// what could not be read. Results stream to the file; only rules and notices wait for the end.
package struct SARIFWriter {
  let stream: OutputStream
  /// The rules' descriptions.
  let catalog: DetectorCatalog
  var json = JSONBuilder(capacity: 1 << 20)
  var rules: [(id: String, category: String)] = []
  var ruleIndex: [String: Int] = [:]
  var notices = JSONBuilder()
  var noticeCount = 0
  var results = 0
  static let flushAt = 1 << 20

  package init(stream: OutputStream, catalog: DetectorCatalog) {
    self.stream = stream
    self.catalog = catalog
    json.raw(
      "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"results\":["
    )
  }

  static func level(_ confidence: String) -> String {
    switch confidence {
    case "high": "error"
    case "low": "note"
    default: "warning"
    }
  }

  package mutating func add(_ f: LoggedFinding) {
    let index =
      ruleIndex[f.detector]
      ?? {
        rules.append((f.detector, f.category))
        ruleIndex[f.detector] = rules.count - 1
        return rules.count - 1
      }()
    if results > 0 { json.raw(",") }
    results += 1
    json.raw("{\"ruleId\":"); json.string(f.detector)
    json.key("ruleIndex"); json.int(index)
    json.key("level"); json.string(Self.level(f.confidence))
    json.raw(",\"message\":{\"text\":")
    var text = "\(f.detector) \(f.masked) (\(f.confidence) confidence)"
    if !f.within.isEmpty { text += " in " + f.within.joined(separator: " > ") }
    if let sheet = f.sheet, let cell = f.cell { text += ", sheet \(sheet) cell \(cell)" }
    if let page = f.page { text += ", page \(page)" }
    json.string(text)
    json.raw("},\"locations\":[")
    location(f.path, line: f.line, column: f.column)
    json.raw("],\"partialFingerprints\":{\"valueFingerprint/v1\":"); json.string(f.fingerprint)
    json.raw("},\"properties\":{\"category\":"); json.string(f.category)
    json.key("within"); json.strings(f.within)
    json.raw("}}")
    if json.bytes.count >= Self.flushAt {
      stream.write(json.bytes)
      json.bytes.removeAll(keepingCapacity: true)
    }
  }

  mutating func location(_ path: String, line: Int?, column: Int?) {
    json.raw("{\"physicalLocation\":{\"artifactLocation\":{\"uri\":"); json.string(TextFormat.uri(path))
    json.raw("}")
    if let line, let column {
      json.raw(",\"region\":{\"startLine\":"); json.int(max(1, line))
      json.key("startColumn"); json.int(max(1, column))
      json.raw("}")
    }
    json.raw("}}")
  }

  /// An error record: a notice of the run's invocation (the first `ImpactReport.issueLimit`).
  package mutating func add(_ issue: LoggedIssue) {
    guard noticeCount < ImpactReport.issueLimit else { return }
    if noticeCount > 0 { notices.raw(",") }
    noticeCount += 1
    notices.raw("{\"level\":\"warning\",\"message\":{\"text\":")
    notices.string(
      "\(issue.code): \(issue.message)"
        + (issue.within.isEmpty ? "" : " in " + issue.within.joined(separator: " > ")))
    notices.raw("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    notices.string(TextFormat.uri(issue.path))
    notices.raw("}}}],\"descriptor\":{\"id\":"); notices.string(issue.code)
    notices.raw("}}")
  }

  /// Closes the results and writes the tool, its rules and the invocation.
  package mutating func finish(complete: Bool) {
    json.raw("],\"tool\":{\"driver\":{\"name\":\"BlastRadius\",\"semanticVersion\":\"0.1.0\",\"rules\":[")
    for (i, rule) in rules.enumerated() {
      if i > 0 { json.raw(",") }
      json.raw("{\"id\":"); json.string(rule.id)
      json.key("name"); json.string(rule.id)
      json.raw(",\"shortDescription\":{\"text\":");
      json.string(catalog.summary(of: rule.id) ?? "User rule \(rule.id)")
      json.raw("},\"properties\":{\"category\":"); json.string(rule.category)
      json.raw("}}")
    }
    json.raw("]}},\"invocations\":[{\"executionSuccessful\":"); json.bool(complete)
    json.raw(",\"toolExecutionNotifications\":[")
    json.bytes += notices.bytes
    json.raw("]}]}]}\n")
    stream.write(json.bytes)
    json.bytes.removeAll()
  }
}
