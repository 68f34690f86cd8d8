import Foundation
public import BlastRadiusBase
public import BlastRadiusStore
import PostgresNIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Handing a scan to agents, and reading the queue's progress.
extension PostgresStore {
  /// A scan handed to agents.
  public struct PlannedScan: Sendable {
    public var host: String
    public var scan: Int64
    /// True when a scan of the same host, roots and configuration was still under way: it goes
    /// on, and no item is added.
    public var continued: Bool
  }

  /// Submits a scan of `roots` for agents: on each of `hosts` (each host's agents take its items;
  /// files are kept under that host), or, when `hosts` is nil, of a tree any agent can reach at
  /// these paths, kept under `sharedHost`. Each root becomes a work item; agents cut folders into
  /// more as they list them. `arguments` are the scan's settings as `scan` parses them.
  public func submitPlan(
    roots: [String], hosts: [String]?, sharedHost: String, configuration c: ScanConfiguration,
    arguments: [String], excludes: [String], maxAttempts: Int
  ) throws(BlastRadiusError) -> [PlannedScan] {
    var plan = JSONBuilder()
    plan.raw("{\"arguments\":")
    plan.strings(arguments)
    plan.raw(",\"excludes\":")
    plan.strings(excludes)
    plan.raw("}")
    let planText = String(decoding: plan.bytes, as: UTF8.self)
    let joined = roots.joined(separator: "\n")
    let attempts = Int32(maxAttempts)
    var out: [PlannedScan] = []
    for host in hosts ?? [sharedHost] {
      let itemHost: String? = hosts == nil ? nil : host
      let planned = try attempt("submitting the scan") {
        try transaction { db in
          let q = PostgresStore.quiet
          // One submission at a time per host and roots: two at once must not both start one.
          try await db.query(
            "SELECT pg_advisory_xact_lock(\(PostgresScanWriter.lockKey(host: host, roots: roots)))", logger: q
          )
          if let running = try await db.query(
            """
            SELECT id FROM scans WHERE host = \(host) AND roots = \(joined) AND config_hash = \(c.hash)
              AND plan IS NOT NULL AND status = 'running' ORDER BY id DESC LIMIT 1
            """, logger: q
          ).collect().first?.decode(Int64.self) {
            return PlannedScan(host: host, scan: running, continued: true)
          }
          let now = Date().timeIntervalSince1970
          let id = try await db.query(
            """
            INSERT INTO scans (host, roots, config_hash, config, key_id, started_at, status, plan, planned_hosts)
            VALUES (\(host), \(joined), \(c.hash), \(c.json), \(c.keyID), \(now), 'running', \(planText),
              \(hosts?.joined(separator: ",")))
            RETURNING id
            """, logger: q
          ).collect().first!.decode(Int64.self)
          for root in roots {
            try await db.query(
              """
              INSERT INTO work_items (scan_id, host, kind, paths, max_attempts)
              VALUES (\(id), \(itemHost), 'folder', \([root]), \(attempts))
              """, logger: q)
          }
          return PlannedScan(host: host, scan: id, continued: false)
        }
      }
      out.append(planned)
    }
    return out
  }
}
