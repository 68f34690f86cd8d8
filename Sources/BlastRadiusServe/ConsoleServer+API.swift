import BlastRadiusBase
import BlastRadiusStore
import Hummingbird

/// `/api/v1`: the same figures as the pages, as JSON, for bearer tokens (or a session).
extension ConsoleServer {
  func summaryJSON(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let o = try overview()
    var j = JSONBuilder()
    j.raw("{\"complete\":")
    j.bool(o.complete)
    j.raw(",\"files\":")
    j.int(o.files)
    j.raw(",\"files_with_findings\":")
    j.int(o.filesWithFindings)
    j.raw(",\"findings\":")
    j.int(o.findings)
    j.raw(",\"detectors\":")
    RecordFormatter.detectors(o.detectors, &j)
    j.raw(",\"triage\":")
    j.counts(o.triage)
    j.raw(",\"scans\":")
    j.array(o.scans) { j, s in
      j.raw("{\"id\":")
      j.int(Int(s.id))
      j.raw(",\"host\":")
      j.string(s.host)
      j.raw(",\"roots\":")
      j.strings(s.roots)
      j.raw(",\"status\":")
      j.string(s.status)
      j.raw(",\"files_read\":")
      j.int(s.filesRead)
      j.raw("}")
    }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }

  func filesJSON(_ request: Request, _ context: ConsoleContext) throws -> Response {
    guard let q = Self.fileQuery(request, strict: true) else {
      return Self.json(
        "{\"error\":\"order must be findings or path, limit 1 to 500, after a cursor of a previous page\"}\n",
        status: .badRequest)
    }
    let rows = try database.files(q)
    var j = JSONBuilder()
    j.raw("{\"files\":")
    j.array(rows) { j, r in
      j.raw("{\"path\":")
      j.string(r.path)
      j.raw(",\"findings\":")
      j.int(r.findings)
      j.raw(",\"bytes\":")
      j.int(Int(r.size))
      j.raw("}")
    }
    j.raw(",\"next\":")
    if rows.count == q.limit, let last = rows.last { j.string(Self.cursor(last)) } else { j.raw("null") }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }

  /// The decisions that hold, latest first, with their counts per state.
  func decisionsJSON(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let decisions = try database.decisions()
    var counts: [String: Int] = [:]
    for d in decisions { counts[d.state.rawValue, default: 0] += 1 }
    var j = JSONBuilder()
    j.raw("{\"counts\":")
    j.counts(counts)
    j.raw(",\"decisions\":")
    j.array(decisions) { j, d in ConsoleAdmin.append(d, to: &j, kind: false) }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }

  func tokensJSON(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let tokens = try database.tokens()
    var j = JSONBuilder()
    j.raw("{\"tokens\":")
    j.array(tokens) { j, t in
      j.raw("{\"id\":")
      j.int(Int(t.id))
      j.raw(",\"user\":")
      j.string(t.user)
      j.raw(",\"scope\":")
      j.string(t.scope.rawValue)
      j.raw(",\"label\":")
      j.string(t.label)
      j.raw(",\"revoked\":")
      j.bool(t.revoked)
      j.raw("}")
    }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }

  func auditJSON(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let entries = try database.auditLog(limit: 1000)
    var j = JSONBuilder()
    j.raw("{\"entries\":")
    j.array(entries) { j, e in
      j.raw("{\"at\":")
      j.double(e.at)
      j.raw(",\"user\":")
      j.string(e.user)
      j.raw(",\"action\":")
      j.string(e.action)
      j.raw(",\"target\":")
      j.string(e.target)
      j.raw(",\"detail\":")
      j.string(e.detail)
      j.raw("}")
    }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }
}
