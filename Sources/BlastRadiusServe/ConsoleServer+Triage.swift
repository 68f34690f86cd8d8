import BlastRadiusBase
import BlastRadiusStore
import Foundation
import Hummingbird

/// One file's findings, and the decisions analysts take on them.
extension ConsoleServer {
  /// A finding as the file page lists it.
  struct FindingRow {
    var detector: String
    var masked: String
    var place: String
    var confidence: String
    var fingerprint: String
    var within: [String]
    var offset: Int
  }

  static func findingRows(_ records: [[UInt8]]) -> [FindingRow] {
    records.compactMap { line in (try? JSONParser.parse(line)).flatMap(findingRow) }
  }

  /// The row of a `finding` record; nil for any other record.
  static func findingRow(_ v: JSONValue) -> FindingRow? {
    guard v["kind"]?.string == "finding" else { return nil }
    let within = v["within"]?.array?.compactMap(\.string) ?? []
    var place = within.joined(separator: " › ")
    if let line = v["line"]?.int { place += (place.isEmpty ? "" : ", ") + "line \(line)" }
    if let cell = v["cell"]?.string { place += (place.isEmpty ? "" : ", ") + "cell \(cell)" }
    if let page = v["page"]?.int { place += (place.isEmpty ? "" : ", ") + "page \(page)" }
    return FindingRow(
      detector: v["detector"]?.string ?? "", masked: v["masked"]?.string ?? "", place: place,
      confidence: v["confidence"]?.string ?? "", fingerprint: v["fingerprint"]?.string ?? "",
      within: within, offset: v["offset"]?.int ?? 0)
  }

  func filePage(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let path = FormBody(request.uri.query ?? "")["path"] ?? ""
    guard let records = try database.records(path: path, valuesKey: nil) else {
      return Self.html(
        HTML.page(title: "No such file", user: context.identity?.user.name, csrf: csrf(context)) { h in
          h.raw("<p>The current view has no file at this path.</p>")
        }, status: .notFound)
    }
    let rows = Self.findingRows(records)
    var held: [String: TriageDecision] = [:]
    for d in try database.decisions() { held[d.scope.rawValue + "\n" + d.key] = d }
    let canTriage = (context.identity?.access ?? .open) >= .triage
    let token = csrf(context) ?? ""
    return frame(context, title: "File") { h in
      h.raw("<p class=\"path\">")
      h.text(path)
      h.raw("</p>")
      if let d = held["file\n" + path] {
        h.raw("<p>Whole file: <strong>")
        h.text(d.state.rawValue)
        h.raw("</strong> (")
        h.text(d.user)
        h.raw(")</p>")
      }
      if canTriage {
        Self.triageForm(
          &h, csrf: token, scope: .file, key: path, detector: "", back: path, state: .falsePositive,
          label: "Whole file: false positive")
      }
      h.raw("<table><thead><tr><th>detector</th><th>value (masked)</th><th>where</th><th>confidence</th>")
      h.raw("<th>decision</th><th></th><th></th></tr></thead><tbody>")
      for row in rows {
        h.raw("<tr><td>")
        h.text(row.detector)
        h.raw("</td><td>")
        h.text(row.masked)
        h.raw("</td><td>")
        h.text(row.place)
        h.raw("</td><td>")
        h.text(row.confidence)
        h.raw("</td><td>")
        let decision =
          held["finding\n" + TriageDecision.findingKey(path: path, fingerprint: row.fingerprint)]
          ?? held["value\n" + row.fingerprint]
        h.text(decision?.state.rawValue ?? "new")
        h.raw("</td><td>")
        if canTriage, !row.fingerprint.isEmpty {
          Self.triageForm(
            &h, csrf: token, scope: .value, key: row.fingerprint, detector: row.detector, back: path,
            state: .falsePositive, label: "False positive everywhere")
          Self.triageForm(
            &h, csrf: token, scope: .value, key: row.fingerprint, detector: row.detector, back: path,
            state: .confirmed, label: "Confirm")
          Self.triageForm(
            &h, csrf: token, scope: .finding,
            key: TriageDecision.findingKey(path: path, fingerprint: row.fingerprint), detector: row.detector,
            back: path, state: .falsePositive, label: "False positive here only")
        }
        h.raw("</td><td>")
        if canTriage, !row.fingerprint.isEmpty {
          h.raw("<a href=\"/value?id=")
          h.text(String(row.fingerprint.prefix(16)))
          h.raw("\">everywhere</a>")
          Self.revealForm(&h, csrf: token, path: path, row: row)
        }
        h.raw("</td></tr>")
      }
      h.raw("</tbody></table>")
    }
  }

  func csrf(_ context: ConsoleContext) -> String? {
    if let identity = context.identity, case .session(_, let token) = identity.via { return token }
    return nil
  }

  static func triageForm(
    _ h: inout HTML, csrf: String, scope: TriageDecision.Scope, key: String, detector: String, back: String,
    state: TriageDecision.State, label: String
  ) {
    h.raw("<form method=\"post\" action=\"/triage\" class=\"triage\">")
    for (name, value) in [
      ("csrf", csrf), ("scope", scope.rawValue), ("key", key), ("detector", detector), ("back", back),
      ("state", state.rawValue),
    ] {
      h.raw("<input type=\"hidden\" name=\"\(name)\" value=\"")
      h.text(value)
      h.raw("\">")
    }
    h.raw("<input name=\"comment\" placeholder=\"comment\" aria-label=\"comment\"><button>")
    h.text(label)
    h.raw("</button></form>")
  }

  /// The decision a form or an API call asks for, by the identity's user, now.
  func decision(_ form: FormBody, _ context: ConsoleContext) throws -> TriageDecision? {
    guard let scope = TriageDecision.Scope(rawValue: form["scope"] ?? ""),
      let state = TriageDecision.State(rawValue: form["state"] ?? ""), let key = form["key"], !key.isEmpty,
      let user = context.identity?.user.name
    else { return nil }
    let d = TriageDecision(
      scope: scope, key: key, detector: form["detector"] ?? "", state: state, comment: form["comment"] ?? "",
      user: user, at: Self.now())
    try database.triage(d)
    metrics.triage(state.rawValue)
    try database.audit(
      user: user, action: "triage", target: scope.rawValue + " " + key,
      detail: state.rawValue + " " + d.comment,
      now: d.at)
    return d
  }

  func triagePost(_ request: Request, _ context: ConsoleContext, _ form: FormBody) throws -> Response {
    guard try decision(form, context) != nil else {
      return Self.text("scope, key and state are needed\n", status: .badRequest)
    }
    // Back to the value's or the file's page: a path of this server, whatever `back` holds.
    let back = form["back"] ?? ""
    if back.hasPrefix("/value?id="), let word = ValueRow.word(String(back.dropFirst(10))) {
      return Self.redirect("/value?id=" + ValueRow.id(word))
    }
    return Self.redirect(back.isEmpty ? "/" : "/file?path=" + HTML.query(back))
  }

  func triageAPI(_ request: Request, _ context: ConsoleContext, _ form: FormBody) throws -> Response {
    guard let d = try decision(form, context) else {
      return Self.json("{\"error\":\"scope, key and state are needed\"}\n", status: .badRequest)
    }
    var j = JSONBuilder()
    j.raw("{\"scope\":")
    j.string(d.scope.rawValue)
    j.raw(",\"key\":")
    j.string(d.key)
    j.raw(",\"state\":")
    j.string(d.state.rawValue)
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }
}
