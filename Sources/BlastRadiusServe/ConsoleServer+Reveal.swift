import BlastRadiusBase
import BlastRadiusStore
import Hummingbird

/// "Show a value": the one place a raw value leaves the server. Analysts and admins only, with
/// a reason; every request, shown or not, is in the audit log with who, when, why and which
/// finding. The page is not cached.
extension ConsoleServer {
  static func revealForm(_ h: inout HTML, csrf: String, path: String, row: FindingRow) {
    h.raw("<form method=\"post\" action=\"/reveal\" class=\"triage\">")
    for (name, value) in [
      ("csrf", csrf), ("path", path), ("fingerprint", row.fingerprint),
      ("within", row.within.joined(separator: "\n")), ("offset", String(row.offset)),
    ] {
      h.raw("<input type=\"hidden\" name=\"\(name)\" value=\"")
      h.text(value)
      h.raw("\">")
    }
    h.raw(
      "<input name=\"reason\" required placeholder=\"why (kept in the audit log)\" aria-label=\"reason\"><button>Show value</button></form>"
    )
  }

  func revealPost(_ request: Request, _ context: ConsoleContext, _ form: FormBody) throws -> Response {
    let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    guard let path = form["path"], !path.isEmpty, let fingerprint = form["fingerprint"],
      fingerprint.utf8.count == 64, ValueRow.word(fingerprint) != nil, let user = context.identity?.user.name
    else {
      return Self.text("path and fingerprint are needed\n", status: .badRequest)
    }
    guard !reason.isEmpty else {
      return Self.text(
        "a reason is needed to show a value: it goes into the audit log\n", status: .badRequest)
    }
    let within =
      (form["within"] ?? "").isEmpty ? [] : (form["within"] ?? "").split(separator: "\n").map(String.init)
    let target = ValueFinder.Target(
      path: path, within: within, offset: Int(form["offset"] ?? "") ?? 0, fingerprint: fingerprint)
    // Only a finding of the current view: the form's path and fingerprint are the client's to
    // change, and the server must not become a probe of arbitrary files for known values.
    let known = Self.findingRows(try database.records(path: path, valuesKey: nil) ?? []).contains {
      $0.fingerprint == fingerprint
    }
    let outcome = known ? finder.find(target) : .notFound("the current view has no such finding")
    let shown: Bool
    if case .found = outcome { shown = true } else { shown = false }
    try database.audit(
      user: user, action: shown ? "reveal" : "reveal_failed",
      target: ([path] + within).joined(separator: " › ") + " " + fingerprint, detail: reason, now: Self.now())
    metrics.reveal(shown ? "shown" : "not_found")
    var response = frame(context, title: "Value") { h in
      h.raw("<p class=\"path\">")
      h.text(([path] + within).joined(separator: " › "))
      h.raw("</p>")
      switch outcome {
      case .found(let value, let from):
        h.raw("<p>Shown once, and written to the audit log with your reason. Read ")
        h.text(from == "store" ? "from the store's sealed values" : "again from the file")
        h.raw(":</p><pre class=\"value\">")
        h.text(value)
        h.raw("</pre>")
      case .notFound(let why):
        h.raw("<p class=\"error\">Not shown: ")
        h.text(why)
        h.raw(".</p>")
      }
    }
    response.headers[.cacheControl] = "no-store"
    return response
  }
}
