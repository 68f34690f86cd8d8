import PostgresNIO

/// A work item an agent holds under its lease: a folder (its files are read, its subfolders
/// become items of their own) or a batch of files, of one scan handed to agents. `attempt` fences
/// the lease: once it expired and another agent took the item, this one's results are refused.
package struct ClaimedItem: Sendable {
  package enum Kind: String, Sendable {
    case folder, files
  }

  package let id: Int64
  package let scan: Int64
  package let attempt: Int32
  package let kind: Kind
  package let paths: [String]
  /// The host name the scan keeps its files under.
  package let host: String
  /// The scan's settings as arguments and its excludes, as `scan --plan` wrote them.
  package let plan: Agent.Plan
  /// The configuration hash the scan was submitted with: an agent whose own differs (another
  /// key, other rules files) must not scan for it.
  package let configHash: String

  /// Drops what an earlier holder of this item wrote before it stopped: the parts of files it had
  /// not finished (reads not complete), which this holder reads again.
  func clearParts(_ db: PostgresConnection) async throws {
    let q = PostgresStore.quiet
    let dirs = kind == .folder ? paths : []
    let files = kind == .files ? paths : []
    for table in ["finding_blocks", "read_records"] {
      try await db.query(
        """
        DELETE FROM \(unescaped: table) WHERE read_id IN (SELECT r.id FROM reads r JOIN scan_files f ON f.id = r.file_id
          WHERE r.scan_id = \(scan) AND NOT r.complete AND f.host = \(host)
            AND (f.dir = ANY(\(dirs)) OR f.path = ANY(\(files))))
        """, logger: q)
    }
    try await db.query(
      """
      DELETE FROM reads r USING scan_files f WHERE f.id = r.file_id AND r.scan_id = \(scan) AND NOT r.complete
        AND f.host = \(host) AND (f.dir = ANY(\(dirs)) OR f.path = ANY(\(files)))
      """, logger: q)
  }
}
