import BlastRadiusBase
import BlastRadiusReport
import BlastRadiusStore
import Foundation
import Hummingbird

/// The console's pages: server-rendered, every dynamic string escaped, no script.
extension ConsoleServer {
  func frame(_ context: ConsoleContext, title: String, _ body: (inout HTML) -> Void) -> Response {
    var csrf: String?
    if let identity = context.identity, case .session(_, let token) = identity.via { csrf = token }
    return Self.html(
      HTML.page(
        title: title, user: context.identity?.user.name, csrf: csrf ?? "",
        admin: (context.identity?.access ?? .open) >= .admin, body))
  }

  static func number(_ n: Int) -> String { TextFormat.grouped(n) }

  func overviewPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
    let o = try overview()
    // People need every record read: the overview waits for them only briefly.
    let (made, current, failure) = try await impact(wait: 0)
    return frame(context, title: "Overview") { h in
      var scans = ScanSummary()
      scans.formats = o.formats
      if !o.complete {
        h.raw(
          "<p class=\"error\">INCOMPLETE: a scan behind these figures could not read everything; see its errors.</p>"
        )
      } else if scans.unreadDescription == nil {
        h.raw("<p class=\"complete\">Every scan behind these figures read everything.</p>")
      }
      if let unread = scans.unreadDescription {
        h.raw("<p class=\"error\" id=\"not-read\">Not read: ")
        h.text(unread)
        h.raw("</p>")
      }
      h.raw("<dl class=\"headline\"><dt>Files</dt><dd><a href=\"/files?order=path\">")
      h.text(Self.number(o.files))
      h.raw("</a></dd><dt>Files with findings</dt><dd><a href=\"/files\">")
      h.text(Self.number(o.filesWithFindings))
      h.raw("</a></dd><dt>Findings</dt><dd><a href=\"/files\">")
      h.text(Self.number(o.findings))
      h.raw("</a></dd><dt>False positives</dt><dd>")
      h.text(Self.number(o.triage[TriageDecision.State.falsePositive.rawValue] ?? 0))
      h.raw("</dd><dt>Distinct values</dt><dd><a href=\"/values\">")
      h.text(Self.number(o.detectors.reduce(0) { $0 + $1.unique }))
      h.raw("</a></dd>")
      if let report = made?.report {
        h.raw("<dt>People</dt><dd><a href=\"/people\">")
        h.text(Self.number(report.people.count))
        h.raw("</a></dd><dt>To notify</dt><dd><a href=\"/people\">")
        h.text(Self.number(report.peopleToNotify))
        h.raw("</a></dd><dt>Hunt hits</dt><dd><a href=\"/hunt\">")
        h.text(Self.number(made?.hunts.count ?? 0))
        h.raw("</a></dd>")
      }
      h.raw("</dl>")
      Self.impactNote(&h, made, current: current, failure: failure)
      if let report = made?.report {
        h.raw("<h2><a href=\"/people\">People per notification trigger</a></h2>")
        h.raw(
          SVGBarChart(
            id: "chart-triggers", title: "People per trigger",
            bars: report.triggers.filter { $0.people > 0 }.map {
              .init(label: $0.trigger.rawValue, value: Double($0.people), display: Self.number($0.people))
            }
          ).render())
        Self.triggerTable(&h, report)
      }
      h.raw(
        SVGBarChart(
          id: "chart-detectors", title: "Findings per detector",
          bars: o.detectors.filter { $0.total > 0 }.sorted { $0.total > $1.total }.prefix(15).map {
            .init(label: $0.detector, value: Double($0.total), display: Self.number($0.total))
          }
        ).render())
      h.raw("<h2>Detectors</h2><table><thead><tr><th>detector</th><th>findings</th>")
      h.raw("<th>unique values</th></tr></thead><tbody>")
      for d in o.detectors where d.total > 0 {
        h.raw("<tr id=\"detector-")
        h.text(d.detector)
        h.raw("\"><td>")
        h.text(d.detector)
        h.raw("</td><td class=\"n\">")
        h.text(Self.number(d.total))
        h.raw("</td><td class=\"n\"><a href=\"/values?detector=")
        h.text(HTML.query(d.detector))
        h.raw("\">")
        h.text(Self.number(d.unique))
        h.raw("</a></td></tr>")
      }
      h.raw("</tbody></table><h2><a href=\"/scans\">Scans</a></h2>")
      Self.scanTable(&h, o.scans)
    }
  }

  /// The files query of a request: `q` (a substring of the path), `order` (findings or path),
  /// `after` (the cursor of the previous page), `limit` (1 to 500). Pages take what they can of a
  /// bad parameter; the API (`strict`) refuses it: nil.
  static func fileQuery(_ request: Request, strict: Bool = false) -> FileQuery? {
    let form = FormBody(request.uri.query ?? "")
    var q = FileQuery()
    q.filter = form["q"] ?? ""
    if let order = form["order"] {
      guard let known = FileQuery.Order(rawValue: order) else { return strict ? nil : q }
      q.order = known
    }
    if let limit = form["limit"] {
      guard let n = Int(limit), (1...500).contains(n) else {
        if strict { return nil }
        q.limit = min(500, max(1, Int(limit) ?? 50))
        return q
      }
      q.limit = n
    }
    if let after = form["after"] {
      guard let (findings, path) = Self.splitCursor(after) else { return strict ? nil : q }
      q.after = FileRow(path: path, findings: findings, size: 0)
    }
    return q
  }

  /// A `count:path` cursor's two parts, split at its first `:` byte. Not at its first `:`
  /// character: a path that starts with a combining mark (`62:\u{102F}…`) makes the colon and
  /// the mark one character, and the cursor was refused (schemathesis found it).
  static func splitCursor(_ text: String) -> (Int, String)? {
    let bytes = Array(text.utf8)
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
      let n = count(Substring(String(decoding: bytes[..<colon], as: UTF8.self)))
    else { return nil }
    return (n, String(decoding: bytes[(colon + 1)...], as: UTF8.self))
  }

  /// The count at the head of a cursor: 1 to 18 ASCII digits, nothing else (not `+5`, not `٣`).
  static func count(_ text: Substring) -> Int? {
    guard (1...18).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
      return nil
    }
    return Int(text)
  }

  static func cursor(_ row: FileRow) -> String { "\(row.findings):\(row.path)" }

  func filesPage(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let q = Self.fileQuery(request) ?? FileQuery()
    let rows = try database.files(q)
    return frame(context, title: "Files") { h in
      h.raw(
        "<form method=\"get\" action=\"/files\" class=\"filter\"><label>Path contains <input name=\"q\" value=\""
      )
      h.text(q.filter)
      h.raw("\"></label><label>Order <select name=\"order\">")
      for order in FileQuery.Order.allCases {
        h.raw("<option value=\"\(order.rawValue)\"\(order == q.order ? " selected" : "")>")
        h.text(order == .findings ? "most findings first" : "by path")
        h.raw("</option>")
      }
      h.raw("</select></label><button>Show</button></form>")
      h.raw("<table><thead><tr><th>file</th><th>findings</th><th>bytes</th></tr></thead><tbody>")
      for row in rows {
        h.raw("<tr><td class=\"path\"><a href=\"/file?path=")
        h.text(HTML.query(row.path))
        h.raw("\">")
        h.text(row.path)
        h.raw("</a></td><td class=\"n\">")
        h.text(Self.number(row.findings))
        h.raw("</td><td class=\"n\">")
        h.text(Self.number(Int(row.size)))
        h.raw("</td></tr>")
      }
      h.raw("</tbody></table>")
      if rows.count == q.limit, let last = rows.last {
        h.raw("<p><a rel=\"next\" href=\"/files?q=")
        h.text(HTML.query(q.filter))
        h.raw("&amp;order=\(q.order.rawValue)&amp;limit=\(q.limit)&amp;after=")
        h.text(HTML.query(Self.cursor(last)))
        h.raw("\">Next page</a></p>")
      }
    }
  }

  /// Every scan the store keeps, by host, with its state and whether it read everything.
  func scansPage(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let scans = try overview().scans
    let hosts = Dictionary(grouping: scans, by: \.host)
    return frame(context, title: "Scans and hosts") { h in
      h.raw("<h2>Hosts</h2><table><thead><tr><th>host</th><th>scans</th><th>last scan</th><th>status</th>")
      h.raw("<th>errors</th></tr></thead><tbody>")
      for host in hosts.keys.sorted() {
        let last = hosts[host]!.max { $0.id < $1.id }!
        h.raw("<tr><td>")
        h.text(host)
        h.raw("</td><td class=\"n\">")
        h.text(Self.number(hosts[host]!.count))
        h.raw("</td><td>#")
        h.text(String(last.id))
        h.raw("</td><td>")
        h.text(last.status)
        h.raw("</td><td class=\"n\">")
        h.text(last.errors.map(Self.number) ?? "")
        h.raw("</td></tr>")
      }
      h.raw("</tbody></table><h2>Scans</h2>")
      Self.scanTable(&h, scans)
    }
  }

  /// The scans, latest first: roots, start, status (complete with errors shown as such), files
  /// read and reused, findings, errors.
  static func scanTable(_ h: inout HTML, _ scans: [StoredScan]) {
    h.raw("<table><thead><tr><th>#</th><th>host</th><th>roots</th><th>started (UTC)</th><th>status</th>")
    h.raw("<th>files read</th><th>reused</th><th>findings</th><th>errors</th></tr></thead><tbody>")
    for s in scans.reversed() {
      h.raw("<tr><td>")
      h.text(String(s.id))
      h.raw("</td><td>")
      h.text(s.host)
      h.raw("</td><td class=\"path\">")
      h.text(s.roots.joined(separator: ", "))
      h.raw("</td><td>")
      h.text(Date(timeIntervalSince1970: s.startedAt).formatted(.iso8601))
      h.raw("</td><td>")
      h.text(s.status == "complete" && (s.errors ?? 0) > 0 ? "complete, with errors" : s.status)
      for figure in [s.filesRead, s.filesReused, s.findings, s.errors] as [Int?] {
        h.raw("</td><td class=\"n\">")
        h.text(figure.map(number) ?? "")
      }
      h.raw("</td></tr>")
    }
    h.raw("</tbody></table>")
  }

  func auditPage(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let entries = try database.auditLog(limit: 500)
    return frame(context, title: "Audit log") { h in
      h.raw("<table><thead><tr><th>when (UTC)</th><th>user</th><th>action</th><th>target</th><th>detail</th>")
      h.raw("</tr></thead><tbody>")
      for e in entries {
        h.raw("<tr><td>")
        h.text(Date(timeIntervalSince1970: e.at).formatted(.iso8601))
        h.raw("</td><td>")
        h.text(e.user)
        h.raw("</td><td>")
        h.text(e.action)
        h.raw("</td><td>")
        h.text(e.target)
        h.raw("</td><td>")
        h.text(e.detail)
        h.raw("</td></tr>")
      }
      h.raw("</tbody></table>")
    }
  }
}
