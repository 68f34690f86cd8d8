import Foundation
public import BlastRadiusBase
import PostgresNIO

/// The work queue as `blastradius status` shows it: each scan handed to agents with its items by
/// state and whether it is complete, the same per host, and each agent with its heartbeat and
/// speed.
public struct QueueStatus: Sendable {
  /// Items by state.
  public struct Items: Sendable, Equatable {
    public var pending = 0
    public var running = 0
    public var done = 0
    public var failed = 0
    public var total: Int { pending + running + done + failed }
  }

  public struct Scan: Sendable {
    public var id: Int64
    public var host: String
    public var roots: [String]
    /// `running`, `complete` or `interrupted`, as the scan row says.
    public var status: String
    /// Whether the ended scan read everything (no item failed, no file unreadable); nil while running.
    public var complete: Bool?
    public var items: Items
    public var bytes: Int64
    public var seconds: Double
  }

  public struct Host: Sendable {
    public var host: String
    public var items: Items
    public var bytes: Int64
    /// Bytes read per second of wall time, from the first item's start to the last one's end.
    public var bytesPerSecond: Double
  }

  public struct AgentState: Sendable {
    public var name: String
    public var host: String
    public var item: Int64?
    /// Seconds since the agent's last heartbeat, by the server's clock.
    public var heartbeatAge: Double
    public var itemsDone: Int64
    public var bytesDone: Int64
    /// Bytes read per second of the time it spent scanning.
    public var bytesPerSecond: Double
    /// It said it stopped (a clean exit); an agent killed says nothing, and its heartbeat ages.
    public var stopped: Bool
  }

  public var scans: [Scan] = []
  public var hosts: [Host] = []
  public var agents: [AgentState] = []
}

extension PostgresStore {
  /// The queue's state now.
  public func status() throws(BlastRadiusError) -> QueueStatus {
    try attempt("reading the queue") {
      try read { db in
        let q = PostgresStore.quiet
        var status = QueueStatus()
        func add(_ state: String, _ n: Int, to items: inout QueueStatus.Items) {
          switch state {
          case "pending": items.pending += n
          case "running": items.running += n
          case "done": items.done += n
          default: items.failed += n
          }
        }
        var byScan: [Int64: (QueueStatus.Items, Int64)] = [:]
        for try await (scan, state, n, bytes) in try await db.query(
          "SELECT scan_id, state, COUNT(*), SUM(bytes)::bigint FROM work_items GROUP BY scan_id, state",
          logger: q
        ).decode((Int64, String, Int64, Int64).self) {
          var entry = byScan[scan] ?? (QueueStatus.Items(), 0)
          add(state, Int(n), to: &entry.0)
          entry.1 += bytes
          byScan[scan] = entry
        }
        for try await (id, host, roots, state, started, finished, summary) in try await db.query(
          """
          SELECT id, host, roots, status, started_at, finished_at, summary FROM scans WHERE plan IS NOT NULL
          ORDER BY id
          """, logger: q
        ).decode((Int64, String, String, String, Double, Double?, String?).self) {
          var complete: Bool?
          if state != "running" {
            complete = summary.flatMap { try? JSONParser.parse($0) }?["complete"]?.bool ?? false
          }
          let (items, bytes) = byScan[id] ?? (QueueStatus.Items(), 0)
          status.scans.append(
            .init(
              id: id, host: host, roots: roots.split(separator: "\n").map(String.init), status: state,
              complete: complete, items: items, bytes: bytes,
              seconds: (finished ?? Date().timeIntervalSince1970) - started))
        }
        var hosts: [String: QueueStatus.Host] = [:]
        for try await (host, state, n, bytes, seconds) in try await db.query(
          """
          SELECT COALESCE(w.host, s.host), w.state, COUNT(*), SUM(w.bytes)::bigint,
            COALESCE(EXTRACT(EPOCH FROM MAX(w.finished_at) - MIN(w.started_at)), 0)::float8
          FROM work_items w JOIN scans s ON s.id = w.scan_id GROUP BY 1, 2 ORDER BY 1
          """, logger: q
        ).decode((String, String, Int64, Int64, Double).self) {
          var h = hosts[host] ?? QueueStatus.Host(host: host, items: .init(), bytes: 0, bytesPerSecond: 0)
          add(state, Int(n), to: &h.items)
          if state == "done" {
            h.bytes += bytes
            h.bytesPerSecond = seconds > 0 ? Double(bytes) / seconds : 0
          }
          hosts[host] = h
        }
        status.hosts = hosts.keys.sorted().map { hosts[$0]! }
        for try await (name, host, item, age, done, bytes, busy, stopped) in try await db.query(
          """
          SELECT name, host, item, EXTRACT(EPOCH FROM now() - heartbeat)::float8, items_done, bytes_done, busy_seconds,
            stopped FROM agents ORDER BY name
          """, logger: q
        ).decode((String, String, Int64?, Double, Int64, Int64, Double, Bool).self) {
          status.agents.append(
            .init(
              name: name, host: host, item: item, heartbeatAge: age, itemsDone: done, bytesDone: bytes,
              bytesPerSecond: busy > 0 ? Double(bytes) / busy : 0, stopped: stopped))
        }
        return status
      }
    }
  }
}
