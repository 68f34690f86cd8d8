import BlastRadiusAggregate
import BlastRadiusBase
import BlastRadiusReport
import BlastRadiusStore
import HTTPTypes
import Hummingbird

/// People per notification trigger, and the attacker's tools found: both from the impact report
/// of the current view (`ImpactCache`), masked as the report masks them.
extension ConsoleServer {
  /// The impact report, waiting a moment for a current one; pages say when theirs is older.
  func impact(wait: Double) async throws -> (made: ImpactCache.Made?, current: Bool, failure: String?) {
    await impacts.report(version: try database.viewVersion(), wait: wait)
  }

  /// A note above figures that are not yet of the current view; the page reloads itself (a
  /// `meta` refresh, no script) until they are.
  static func impactNote(_ h: inout HTML, _ made: ImpactCache.Made?, current: Bool, failure: String?) {
    if let failure {
      h.raw("<p class=\"error\">The people could not be counted: ")
      h.text(failure)
      h.raw("</p>")
    } else if made == nil {
      h.raw("<p class=\"note\">Counting people and hunt hits over every record of the view…</p>")
    } else if !current {
      h.raw(
        "<p class=\"note\">These figures are being brought up to date with the latest scans and decisions.</p>"
      )
    }
  }

  func peoplePage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
    let form = FormBody(request.uri.query ?? "")
    let trigger = NotificationTrigger(rawValue: form["trigger"] ?? "")
    let start = max(0, Int(form["start"] ?? "") ?? 0)
    let (made, current, failure) = try await impact(wait: 2)
    var response = frame(context, title: "People") { h in
      Self.impactNote(&h, made, current: current, failure: failure)
      guard let report = made?.report else { return }
      h.raw("<p>")
      h.text(Self.number(report.people.count))
      h.raw(" people found, ")
      h.text(Self.number(report.peopleToNotify))
      h.raw(" with a notification trigger. Names are shown as initials, identifiers masked.</p>")
      Self.triggerTable(&h, report)
      // Lazily: a view may hold millions of people, and a page needs 101 of them.
      let page = Array(
        report.people.lazy.filter { trigger == nil || $0.triggers.contains(trigger!) }.dropFirst(start)
          .prefix(101))
      h.raw("<h2>")
      h.text(trigger.map { "People: " + $0.title } ?? "Everyone")
      h.raw("</h2><table><thead><tr><th>name</th><th>identifiers</th><th>data exposed</th><th>triggers</th>")
      h.raw("<th>files</th><th>first file</th></tr></thead><tbody>")
      for p in page.prefix(100) {
        h.raw("<tr><td>")
        h.text(p.maskedName ?? "")
        h.raw("</td><td>")
        h.text(p.identifiers.map { $0.detector + " " + $0.masked }.joined(separator: ", "))
        h.raw("</td><td>")
        h.text(p.elements.joined(separator: ", "))
        h.raw("</td><td>")
        h.text(p.triggers.map(\.rawValue).joined(separator: ", "))
        h.raw("</td><td class=\"n\">")
        h.text(Self.number(p.fileCount))
        h.raw("</td><td class=\"path\"><a href=\"/file?path=")
        h.text(HTML.query(p.firstFile))
        h.raw("\">")
        h.text(p.firstFile)
        h.raw("</a></td></tr>")
      }
      h.raw("</tbody></table>")
      if page.count > 100 {
        h.raw("<p><a rel=\"next\" href=\"/people?trigger=")
        h.text(HTML.query(trigger?.rawValue ?? ""))
        h.raw("&amp;start=\(start + 100)\">Next page</a></p>")
      }
    }
    if !current { response.headers[HTTPField.Name("Refresh")!] = "3" }
    return response
  }

  /// People per trigger, each count linking to its people.
  static func triggerTable(_ h: inout HTML, _ report: ImpactReport) {
    h.raw(
      "<table id=\"triggers\"><thead><tr><th>trigger</th><th>what</th><th>people</th></tr></thead><tbody>")
    for (trigger, people) in report.triggers {
      h.raw("<tr><td>")
      h.text(trigger.rawValue)
      h.raw("</td><td>")
      h.text(trigger.title)
      h.raw("</td><td class=\"n\"><a href=\"/people?trigger=")
      h.text(HTML.query(trigger.rawValue))
      h.raw("\">")
      h.text(Self.number(people))
      h.raw("</a></td></tr>")
    }
    h.raw("</tbody></table>")
  }

  func huntPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
    let level = FormBody(request.uri.query ?? "")["level"] ?? ""
    let (made, current, failure) = try await impact(wait: 2)
    var response = frame(context, title: "Hunt hits") { h in
      Self.impactNote(&h, made, current: current, failure: failure)
      guard let hunts = made?.hunts else { return }
      var counts: [String: Int] = [:]
      for hit in hunts { counts[hit.level, default: 0] += 1 }
      h.raw("<p>")
      for l in HuntLevel.allCases {
        h.raw("<a href=\"/hunt?level=\(l.rawValue)\">")
        h.text(l.rawValue + ": " + Self.number(counts[l.rawValue] ?? 0))
        h.raw("</a> ")
      }
      h.raw("<a href=\"/hunt\">all</a></p>")
      h.raw(
        "<table><thead><tr><th>level</th><th>score</th><th>match</th><th>rule or indicator</th><th>file</th>")
      h.raw("</tr></thead><tbody>")
      for hit in hunts.lazy.filter({ level.isEmpty || $0.level == level }).prefix(1000) {
        h.raw("<tr><td>")
        h.text(hit.level)
        h.raw("</td><td class=\"n\">")
        h.text(String(hit.score))
        h.raw("</td><td>")
        h.text(hit.match)
        h.raw("</td><td>")
        h.text(hit.name)
        h.raw("</td><td class=\"path\"><a href=\"/file?path=")
        h.text(HTML.query(hit.path))
        h.raw("\">")
        h.text(([hit.path] + hit.within).joined(separator: " › "))
        h.raw("</a></td></tr>")
      }
      h.raw("</tbody></table>")
    }
    if !current { response.headers[HTTPField.Name("Refresh")!] = "3" }
    return response
  }

  /// People per trigger as JSON: waits (up to a minute) for the current view's count.
  func peopleJSON(_ request: Request, _ context: ConsoleContext) async throws -> Response {
    let (made, current, failure) = try await impact(wait: 60)
    if let failure {
      var j = JSONBuilder()
      j.raw("{\"error\":")
      j.string("the people could not be counted: " + failure)
      j.raw("}\n")
      return Self.json(String(decoding: j.bytes, as: UTF8.self), status: .internalServerError)
    }
    guard let report = made?.report, current else {
      return Self.json(
        "{\"error\":\"the people are still being counted: ask again\"}\n", status: .serviceUnavailable,
        extra: [.retryAfter: "5"])
    }
    var j = JSONBuilder()
    j.raw("{\"people\":")
    j.int(report.people.count)
    j.raw(",\"to_notify\":")
    j.int(report.peopleToNotify)
    j.raw(",\"health_people\":")
    j.int(report.healthPeople)
    j.raw(",\"unique_ssns\":")
    j.int(report.uniqueSSNs)
    j.raw(",\"credentials\":")
    j.int(report.credentials)
    j.raw(",\"hunt_hits\":")
    j.int(made?.hunts.count ?? 0)
    j.raw(",\"triggers\":")
    j.array(report.triggers) { j, t in
      j.raw("{\"trigger\":")
      j.string(t.trigger.rawValue)
      j.raw(",\"people\":")
      j.int(t.people)
      j.raw("}")
    }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }
}
