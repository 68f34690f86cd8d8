import BlastRadiusBase
import BlastRadiusIntegrity
import BlastRadiusStore
import Hummingbird

/// What a wiper did: the store's integrity snapshots, and the changes from one to another,
/// counted by class (removed, wiped, encrypted, overwritten first), compared in SQL as `diff` does.
extension ConsoleServer {
  func changesPage(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let form = FormBody(request.uri.query ?? "")
    let snapshots = try database.snapshots()
    let chosenClass = ChangeClass(rawValue: form["class"] ?? "")
    let from = snapshots.first { $0.label == form["from"] } ?? (snapshots.count >= 2 ? snapshots.first : nil)
    let to = snapshots.first { $0.label == form["to"] } ?? (snapshots.count >= 2 ? snapshots.last : nil)
    var changes: [Change] = []
    var summary: DiffSummary?
    if let from, let to, from.label != to.label {
      var s = DiffSummary(baseline: from.label, entriesByTop: [:], threshold: 100)
      try database.compare(from: from, to: to, scope: nil, summary: &s) { change in
        if changes.count < 1000, chosenClass == nil || change.changeClass == chosenClass {
          changes.append(change)
        }
      }
      summary = s
    }
    return frame(context, title: "Integrity changes") { h in
      h.raw("<table><thead><tr><th>snapshot</th><th>roots</th><th>entries</th><th>files</th><th>state</th>")
      h.raw("</tr></thead><tbody>")
      for s in snapshots {
        h.raw("<tr><td>")
        h.text(s.label)
        h.raw("</td><td class=\"path\">")
        h.text(s.roots.joined(separator: ", "))
        h.raw("</td><td class=\"n\">")
        h.text(Self.number(s.entries))
        h.raw("</td><td class=\"n\">")
        h.text(Self.number(s.files))
        h.raw("</td><td>")
        h.text(s.complete ? "complete" : "INCOMPLETE")
        h.raw("</td></tr>")
      }
      h.raw("</tbody></table>")
      guard let from, let to, let summary else {
        h.raw(
          "<p>Two snapshots are needed (`blastradius baseline --store`, then again after the incident).</p>")
        return
      }
      h.raw("<form method=\"get\" action=\"/changes\" class=\"filter\">")
      for (name, chosen) in [("from", from.label), ("to", to.label)] {
        h.raw("<label>\(name == "from" ? "From" : "To") <select name=\"\(name)\">")
        for s in snapshots {
          h.raw("<option value=\"")
          h.text(s.label)
          h.raw(s.label == chosen ? "\" selected>" : "\">")
          h.text(s.label)
          h.raw("</option>")
        }
        h.raw("</select></label>")
      }
      h.raw("<button>Compare</button></form><h2>")
      h.text(from.label + " → " + to.label + ": " + Self.number(summary.changes) + " changes")
      h.raw("</h2><table id=\"change-classes\"><thead><tr><th>class</th><th>entries</th></tr></thead><tbody>")
      for c in ChangeClass.allCases {
        h.raw("<tr><td>")
        h.text(c.rawValue + (c.isDestructive ? " (destructive)" : ""))
        h.raw("</td><td class=\"n\"><a href=\"/changes?from=")
        h.text(HTML.query(from.label))
        h.raw("&amp;to=")
        h.text(HTML.query(to.label))
        h.raw("&amp;class=\(c.rawValue)\">")
        h.text(Self.number(summary.counts[c] ?? 0))
        h.raw("</a></td></tr>")
      }
      h.raw(
        "</tbody></table><table><thead><tr><th>class</th><th>path</th><th>what differs</th></tr></thead><tbody>"
      )
      for change in changes {
        h.raw("<tr><td>")
        h.text(change.changeClass.rawValue)
        h.raw("</td><td class=\"path\">")
        h.text(change.path)
        h.raw("</td><td>")
        h.text(change.fields.joined(separator: ", "))
        h.raw("</td></tr>")
      }
      h.raw("</tbody></table>")
      if changes.count == 1000 {
        h.raw("<p>The first 1,000 are listed; `blastradius diff` writes them all.</p>")
      }
    }
  }
}
