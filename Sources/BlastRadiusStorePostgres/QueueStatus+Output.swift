import BlastRadiusBase

/// The queue's status for people (a table) and for scripts (JSON).
extension QueueStatus {
  static func items(_ i: QueueStatus.Items) -> String {
    "\(i.pending) pending, \(i.running) running, \(i.done) done, \(i.failed) failed"
  }

  static func rate(_ bytesPerSecond: Double) -> String {
    bytesPerSecond >= 1_048_576
      ? ProgressLine.fixed(bytesPerSecond / 1048576, 1) + " MiB/s"
      : String(Int((bytesPerSecond / 1024).rounded())) + " KiB/s"
  }

  /// The status as `status` prints it on a terminal; names from hosts are escaped.
  public func table() -> String {
    let s = self
    var out = "scans\n"
    if s.scans.isEmpty { out += "  none handed to agents\n" }
    for scan in s.scans {
      let state: String
      switch scan.complete {
      case .none: state = "running: \(scan.items.done) of \(scan.items.total) items done"
      case .some(true): state = "complete"
      case .some(false):
        state =
          scan.items.failed > 0
          ? "INCOMPLETE: \(scan.items.failed) items not scanned" : "INCOMPLETE: see its errors"
      }
      out +=
        "  #\(scan.id) \(TerminalText.escaped(scan.host)) \(TerminalText.escaped(scan.roots.joined(separator: ", "))): \(state)\n"
      out +=
        "    items: \(Self.items(scan.items)); \(scan.bytes) bytes read in \(ProgressLine.fixed(scan.seconds, 1)) s\n"
    }
    out += "hosts\n"
    for h in s.hosts {
      out +=
        "  \(TerminalText.escaped(h.host)): \(Self.items(h.items)); \(h.bytes) bytes, \(Self.rate(h.bytesPerSecond))\n"
    }
    out += "agents\n"
    for a in s.agents {
      // Past three minutes without a heartbeat (three of the default lease's renewals), an agent that
      // did not say it stopped was killed or cut off: its item goes to another agent once its lease ends.
      let silent = !a.stopped && a.heartbeatAge > 180
      let state =
        a.stopped
        ? "stopped" : silent ? "SILENT (killed or cut off?)" : a.item.map { "on item #\($0)" } ?? "idle"
      out +=
        "  \(TerminalText.escaped(a.name)) (\(TerminalText.escaped(a.host))): \(state), last heartbeat \(Int(a.heartbeatAge.rounded())) s ago; \(a.itemsDone) items, \(a.bytesDone) bytes, \(Self.rate(a.bytesPerSecond))\n"
    }
    return out
  }

  /// The status as one JSON object (`status --format json`).
  public func json() -> String {
    let s = self
    var j = JSONBuilder()
    func items(_ i: QueueStatus.Items) {
      j.raw("{\"pending\":"); j.int(i.pending)
      j.raw(",\"running\":"); j.int(i.running)
      j.raw(",\"done\":"); j.int(i.done)
      j.raw(",\"failed\":"); j.int(i.failed)
      j.raw("}")
    }
    j.raw("{\"scans\":[")
    for (n, scan) in s.scans.enumerated() {
      if n > 0 { j.raw(",") }
      j.raw("{\"scan\":"); j.int(Int(scan.id))
      j.raw(",\"host\":"); j.string(scan.host)
      j.raw(",\"roots\":["); for (i, r) in scan.roots.enumerated() { if i > 0 { j.raw(",") }; j.string(r) }
      j.raw("],\"status\":"); j.string(scan.status)
      j.raw(",\"complete\":"); if let c = scan.complete { j.bool(c) } else { j.raw("null") }
      j.raw(",\"items\":"); items(scan.items)
      j.raw(",\"bytes\":"); j.int(Int(scan.bytes))
      j.raw(",\"seconds\":"); j.double(scan.seconds)
      j.raw("}")
    }
    j.raw("],\"hosts\":[")
    for (n, h) in s.hosts.enumerated() {
      if n > 0 { j.raw(",") }
      j.raw("{\"host\":"); j.string(h.host)
      j.raw(",\"items\":"); items(h.items)
      j.raw(",\"bytes\":"); j.int(Int(h.bytes))
      j.raw(",\"bytes_per_second\":"); j.double(h.bytesPerSecond)
      j.raw("}")
    }
    j.raw("],\"agents\":[")
    for (n, a) in s.agents.enumerated() {
      if n > 0 { j.raw(",") }
      j.raw("{\"name\":"); j.string(a.name)
      j.raw(",\"host\":"); j.string(a.host)
      j.raw(",\"item\":"); if let i = a.item { j.int(Int(i)) } else { j.raw("null") }
      j.raw(",\"heartbeat_age\":"); j.double(a.heartbeatAge)
      j.raw(",\"items_done\":"); j.int(Int(a.itemsDone))
      j.raw(",\"bytes_done\":"); j.int(Int(a.bytesDone))
      j.raw(",\"bytes_per_second\":"); j.double(a.bytesPerSecond)
      j.raw(",\"stopped\":"); j.bool(a.stopped)
      j.raw("}")
    }
    j.raw("]}\n")
    return String(decoding: j.bytes, as: UTF8.self)
  }
}
