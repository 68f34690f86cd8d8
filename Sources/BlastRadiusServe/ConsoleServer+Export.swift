import BlastRadiusBase
import BlastRadiusReport
import BlastRadiusStore
import Hummingbird
import NIOCore

/// The findings themselves over the API, masked: a page at a time behind a cursor, or the whole
/// view streamed as JSONL or CSV file by file, so neither side holds the view in memory.
extension ConsoleServer {
  /// Where a page of findings starts: `skip` findings into the file at `path` (0: from its start),
  /// or the first file when nil. Written `skip:path`.
  struct FindingCursor {
    var skip = 0
    var path: String?

    init() {}

    init?(_ text: String) {
      guard let (n, path) = ConsoleServer.splitCursor(text) else { return nil }
      skip = n
      self.path = path
    }

    var text: String { "\(skip):\(path ?? "")" }
  }

  /// Calls `body` with each file of the current view holding findings, by path, from `start`
  /// (included), with its finding records; `body` returns false to stop.
  func forEachFileWithFindings(
    from start: String?, _ body: (String, [[UInt8]]) async throws -> Bool
  ) async throws {
    var q = FileQuery()
    q.order = .path
    q.limit = 500
    if let start { q.after = FileRow(path: start, findings: 0, size: 0) }
    var first = start
    while true {
      var rows = try database.files(q)
      // `after` is exclusive: the starting file itself is read first.
      if let path = first {
        first = nil
        rows.insert(FileRow(path: path, findings: 1, size: 0), at: 0)
      }
      for row in rows where row.findings > 0 {
        let findings = (try database.records(path: row.path, valuesKey: nil) ?? []).filter {
          $0.starts(with: Self.findingPrefix)
        }
        guard try await body(row.path, findings) else { return }
      }
      guard rows.count >= q.limit, let last = rows.last else { return }
      q.after = FileRow(path: last.path, findings: 0, size: 0)
    }
  }

  static let findingPrefix = Array("{\"kind\":\"finding\"".utf8)

  func findingsJSON(_ request: Request, _ context: ConsoleContext) async throws -> Response {
    let form = FormBody(request.uri.query ?? "")
    var limit = 100
    if let text = form["limit"] {
      guard let n = Int(text), (1...1000).contains(n) else {
        return Self.json("{\"error\":\"limit is 1 to 1000\"}\n", status: .badRequest)
      }
      limit = n
    }
    var cursor = FindingCursor()
    if let text = form["after"] {
      guard let c = FindingCursor(text) else {
        return Self.json("{\"error\":\"after must be the cursor of a previous page\"}\n", status: .badRequest)
      }
      cursor = c
    }
    var out: [[UInt8]] = []
    var next: FindingCursor?
    try await forEachFileWithFindings(from: cursor.path) { path, findings in
      let skip = path == cursor.path ? cursor.skip : 0
      guard skip < findings.count else { return true }
      let room = limit - out.count
      let taken = findings[skip..<min(findings.count, skip + room)]
      out += taken
      if out.count >= limit {
        var c = FindingCursor()
        c.skip = skip + taken.count
        c.path = path
        next = c
        return false
      }
      return true
    }
    var j = JSONBuilder()
    j.raw("{\"findings\":[")
    for (i, line) in out.enumerated() {
      if i > 0 { j.raw(",") }
      j.bytes += line.last == 0x0A ? line.dropLast() : line[...]
    }
    j.raw("],\"next\":")
    if let next { j.string(next.text) } else { j.raw("null") }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }

  /// Every finding of the view, masked, streamed: `format=csv` for the columns of
  /// `export --format csv`, JSONL otherwise.
  func exportStream(_ request: Request, _ context: ConsoleContext, csv: Bool) throws -> Response {
    let server = self
    let body = ResponseBody { writer in
      // The body is written after the handler returned: off the pool too, for the store's calls.
      try await withTaskExecutorPreference(server.executor) {
        if csv { try await writer.write(ByteBuffer(string: FindingsCSV.header)) }
        try await server.forEachFileWithFindings(from: nil) { _, findings in
          var buffer = ByteBuffer()
          for line in findings {
            if csv {
              let row = line.withUnsafeBytes { raw in
                FindingsCSV.row(
                  UnsafeRawBufferPointer(rebasing: raw[..<(raw.last == 0x0A ? raw.count - 1 : raw.count)]))
              }
              if let row { buffer.writeString(row) }
            } else {
              buffer.writeBytes(line)
              if line.last != 0x0A { buffer.writeInteger(UInt8(0x0A)) }
            }
          }
          try await writer.write(buffer)
          return true
        }
        try await writer.finish(nil)
      }
    }
    return Response(
      status: .ok,
      headers: [
        .contentType: csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
        .contentDisposition: "attachment; filename=\"findings.\(csv ? "csv" : "jsonl")\"",
      ], body: body)
  }

  func scansJSON(_ request: Request, _ context: ConsoleContext) throws -> Response {
    var j = JSONBuilder()
    j.raw("{\"scans\":")
    j.array(try overview().scans.reversed()) { j, s in
      j.raw("{\"id\":")
      j.int(Int(s.id))
      j.raw(",\"host\":")
      j.string(s.host)
      j.raw(",\"roots\":")
      j.strings(s.roots)
      j.raw(",\"status\":")
      j.string(s.status)
      j.raw(",\"started_at\":")
      j.double(s.startedAt)
      j.raw(",\"finished_at\":")
      if let f = s.finishedAt { j.double(f) } else { j.raw("null") }
      j.raw(",\"files_read\":")
      j.int(s.filesRead)
      j.raw(",\"files_reused\":")
      j.int(s.filesReused)
      j.raw(",\"findings\":")
      if let f = s.findings { j.int(f) } else { j.raw("null") }
      j.raw(",\"errors\":")
      if let e = s.errors { j.int(e) } else { j.raw("null") }
      j.raw("}")
    }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }

  func hostsJSON(_ request: Request, _ context: ConsoleContext) throws -> Response {
    let hosts = Dictionary(grouping: try overview().scans, by: \.host)
    var j = JSONBuilder()
    j.raw("{\"hosts\":")
    j.array(hosts.keys.sorted()) { j, host in
      let scans = hosts[host]!
      let last = scans.max { $0.id < $1.id }!
      j.raw("{\"host\":")
      j.string(host)
      j.raw(",\"scans\":")
      j.int(scans.count)
      j.raw(",\"last_scan\":")
      j.int(Int(last.id))
      j.raw(",\"status\":")
      j.string(last.status)
      j.raw(",\"errors\":")
      if let e = last.errors { j.int(e) } else { j.raw("null") }
      j.raw("}")
    }
    j.raw("}\n")
    return Self.json(String(decoding: j.bytes, as: UTF8.self))
  }
}
