import BlastRadiusBase
import BlastRadiusStore
import Foundation
import Hummingbird

/// The values pages: one row per fingerprint (a value copied into a hundred files is one row),
/// and where one value appears. Decisions on a value hold wherever it appears.
extension ConsoleServer {
  /// The values of the current view, counted again only when the view changed.
  func valueRows() throws -> (rows: [ValueRow], detectors: [String]) {
    let version = try database.viewVersion()
    if let cached = cachedValues.withLock({ $0 }), cached.version == version {
      return (cached.rows, cached.detectors)
    }
    let rows = try database.valueTable()
    let detectors = Set(rows.lazy.map(\.detector)).sorted()
    cachedValues.withLock { $0 = (version, rows, detectors) }
    return (rows, detectors)
  }

  /// The decision that holds on each value, by the fingerprint's first 64 bits.
  func valueStates() throws -> [UInt64: TriageDecision.State] {
    var out: [UInt64: TriageDecision.State] = [:]
    for d in try database.decisions() where d.scope == .value {
      if let word = ValueRow.word(d.key), out[word] == nil { out[word] = d.state }
    }
    return out
  }

  /// Which values to list: `detector`, `after` (the cursor of the previous page, `findings:id`),
  /// `limit` (1 to 500). Nil when the API was sent a bad parameter.
  struct ValueQuery {
    var detector = ""
    var after: (findings: Int, word: UInt64)?
    var limit = 50

    init?(_ request: Request, strict: Bool) {
      let form = FormBody(request.uri.query ?? "")
      detector = form["detector"] ?? ""
      if let limit = form["limit"] {
        if let n = Int(limit), (1...500).contains(n) {
          self.limit = n
        } else if strict {
          return nil
        }
      }
      if let after = form["after"] {
        let parts = after.split(separator: ":")
        if parts.count == 2, let n = ConsoleServer.count(parts[0]), parts[1].utf8.count == 16,
          let word = ValueRow.word(String(parts[1]))
        {
          self.after = (n, word)
        } else if strict {
          return nil
        }
      }
    }

    /// The page of `rows` (most findings first, then by id) this query asks for.
    func page(_ rows: [ValueRow]) -> ArraySlice<ValueRow> {
      var start = 0
      if let after {
        // Rows are sorted by (findings descending, word ascending): the first row past the cursor.
        var (low, high) = (0, rows.count)
        while low < high {
          let mid = (low + high) / 2
          let r = rows[mid]
          if r.findings > after.findings || (r.findings == after.findings && r.word <= after.word) {
            low = mid + 1
          } else {
            high = mid
          }
        }
        start = low
      }
      guard !detector.isEmpty else { return rows[start..<min(rows.count, start + limit)] }
      var end = start
      var taken = 0
      var picked: [ValueRow] = []
      while end < rows.count, taken < limit {
        if rows[end].detector == detector {
          picked.append(rows[end])
          taken += 1
        }
        end += 1
      }
      return picked[...]
    }
  }

  static func cursor(_ row: ValueRow) -> String { "\(row.findings):\(row.id)" }

  func valuesPage(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let q = ValueQuery(request, strict: false)!
    let (rows, detectors) = try valueRows()
    let page = q.page(rows)
    let states = try valueStates()
    return frame(context, title: "Values") { h in
      h.raw("<p>")
      h.text(Self.number(rows.count))
      h.raw(
        " distinct values, one row each, most findings first. A decision on a value holds in every file that holds it, now and after rescans.</p>"
      )
      h.raw(
        "<form method=\"get\" action=\"/values\" class=\"filter\"><label>Detector <select name=\"detector\">")
      h.raw("<option value=\"\">all</option>")
      for d in detectors {
        h.raw("<option value=\"")
        h.text(d)
        h.raw(d == q.detector ? "\" selected>" : "\">")
        h.text(d)
        h.raw("</option>")
      }
      h.raw("</select></label><button>Show</button></form>")
      h.raw("<table><thead><tr><th>value (fingerprint)</th><th>detector</th><th>findings</th><th>files</th>")
      h.raw("<th>decision</th></tr></thead><tbody>")
      for row in page {
        h.raw("<tr><td class=\"path\"><a href=\"/value?id=\(row.id)\">\(row.id)</a></td><td>")
        h.text(row.detector)
        h.raw("</td><td class=\"n\">")
        h.text(Self.number(row.findings))
        h.raw("</td><td class=\"n\"><a href=\"/value?id=\(row.id)\">")
        h.text(Self.number(row.files))
        h.raw("</a></td><td>")
        h.text(states[row.word]?.rawValue ?? "new")
        h.raw("</td></tr>")
      }
      h.raw("</tbody></table>")
      if page.count == q.limit, let last = page.last {
        h.raw("<p><a rel=\"next\" href=\"/values?detector=")
        h.text(HTML.query(q.detector))
        h.raw("&amp;limit=\(q.limit)&amp;after=")
        h.text(HTML.query(Self.cursor(last)))
        h.raw("\">Next page</a></p>")
      }
    }
  }

  /// A finding of one value, with its file.
  struct Place {
    var path: String
    var row: FindingRow
  }

  /// The first findings of the value `word` in the current view, by path.
  func places(_ word: UInt64, limit: Int) throws -> [Place] {
    let id = ValueRow.id(word)
    return try database.findings(of: word, limit: limit).compactMap { line in
      guard let v = try? JSONParser.parse(line), let row = Self.findingRow(v), row.fingerprint.hasPrefix(id),
        let path = v["path"]?.string
      else { return nil }
      return Place(path: path, row: row)
    }
  }

  func valuePage(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let id = FormBody(request.uri.query ?? "")["id"] ?? ""
    let limit = 200
    guard let word = ValueRow.word(id), case let places = try places(word, limit: limit),
      let first = places.first
    else {
      return Self.html(
        HTML.page(title: "No such value", user: context.identity?.user.name, csrf: csrf(context)) { h in
          h.raw("<p>No file of the current view holds a value with this fingerprint.</p>")
        }, status: .notFound)
    }
    // The counts from the values table; the places listed stop at `limit`.
    let counted = try valueRows().rows.first { $0.word == word }
    let findings = counted?.findings ?? places.count
    let files = counted?.files ?? Set(places.map(\.path)).count
    let fingerprint = first.row.fingerprint
    let state = try valueStates()[word]
    let canTriage = (context.identity?.access ?? .open) >= .triage
    let token = csrf(context) ?? ""
    return frame(context, title: "Value \(ValueRow.id(word))") { h in
      h.raw("<p>")
      h.text(first.row.detector)
      h.raw(", masked <strong>")
      h.text(first.row.masked)
      h.raw("</strong>: ")
      h.text(Self.number(findings))
      h.raw(findings == 1 ? " finding" : " findings")
      h.raw(" in ")
      h.text(Self.number(files))
      h.raw(files == 1 ? " file" : " files")
      h.raw(". Decision: <strong>")
      h.text(state?.rawValue ?? "new")
      h.raw("</strong></p>")
      if findings > places.count {
        h.raw(
          "<p class=\"note\">The first \(places.count) places are listed; /api/v1/export.jsonl has them all.</p>"
        )
      }
      if canTriage {
        for (state, label) in [
          (TriageDecision.State.falsePositive, "False positive everywhere"), (.confirmed, "Confirm"),
          (.acceptedRisk, "Accept the risk"), (.remediated, "Remediated"), (.new, "Back to new"),
        ] {
          Self.triageForm(
            &h, csrf: token, scope: .value, key: fingerprint, detector: first.row.detector,
            back: "/value?id=" + ValueRow.id(word), state: state, label: label)
        }
      }
      h.raw("<table><thead><tr><th>file</th><th>where</th><th>confidence</th><th></th></tr></thead><tbody>")
      for place in places {
        h.raw("<tr><td class=\"path\"><a href=\"/file?path=")
        h.text(HTML.query(place.path))
        h.raw("\">")
        h.text(place.path)
        h.raw("</a></td><td>")
        h.text(place.row.place)
        h.raw("</td><td>")
        h.text(place.row.confidence)
        h.raw("</td><td>")
        if canTriage { Self.revealForm(&h, csrf: token, path: place.path, row: place.row) }
        h.raw("</td></tr>")
      }
      h.raw("</tbody></table>")
    }
  }

  func valuesJSON(_ request: Request, _ context: ConsoleContext) throws -> Response {
    guard let q = ValueQuery(request, strict: true) else {
      return Self.json(
        "{\"error\":\"limit 1 to 500, after a cursor of a previous page\"}\n", status: .badRequest)
    }
    let page = q.page(try valueRows().rows)
    let states = try valueStates()
    var j = JSONBuilder()
    j.raw("{\"values\":")
    j.array(Array(page)) { j, r in
      j.raw("{\"id\":")
      j.string(r.id)
      j.raw(",\"detector\":")
      j.string(r.detector)
      j.raw(",\"findings\":")
      j.int(r.findings)
      j.raw(",\"files\":")
      j.int(r.files)
      j.raw(",\"state\":")
      j.string(states[r.word]?.rawValue ?? "new")
      j.raw("}")
    }
    j.raw(",\"next\":")
    if page.count == q.limit, let last = page.last { j.string(Self.cursor(last)) } else { j.raw("null") }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }
}
