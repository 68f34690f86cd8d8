import GRDB
import BlastRadiusBase

/// The findings triaged as false positives, to be counted out: whole files, values wherever they
/// appear (by their fingerprint's 32 bytes), and single findings (path and fingerprint). Built
/// from the latest decision on each key.
package struct TriageFilter: Sendable {
  var files: Set<String> = []
  var values: Set<[UInt8]> = []
  var findings: Set<String> = []

  package var isEmpty: Bool { files.isEmpty && values.isEmpty && findings.isEmpty }

  /// Whether the finding of `path` with this fingerprint (nil in blocks written before v3) is out.
  package func excludes(path: String, digest: UnsafeRawBufferPointer?) -> Bool {
    if files.contains(path) { return true }
    guard let digest, !(values.isEmpty && findings.isEmpty) else { return false }
    let bytes = Array(digest)
    if values.contains(bytes) { return true }
    return !findings.isEmpty
      && findings.contains(TriageDecision.findingKey(path: path, fingerprint: Hex.lower(bytes)))
  }

  /// The false positives among decisions that hold (the latest on each key).
  package init(decisions: [TriageDecision]) {
    for d in decisions where d.state == .falsePositive {
      switch d.scope {
      case .file: files.insert(d.key)
      case .value: if let bytes = Hex.bytes(d.key[...]), bytes.count == 32 { values.insert(bytes) }
      case .finding: findings.insert(d.key)
      }
    }
  }

  package init() {}

  /// The false positives decided in a store.
  static func load(_ db: Database) throws -> TriageFilter {
    var filter = TriageFilter()
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT scope, key FROM console_triage t WHERE state = 'false_positive'
          AND id = (SELECT MAX(id) FROM console_triage u WHERE u.scope = t.scope AND u.key = t.key)
        """)
    {
      let key: String = row[1]
      switch TriageDecision.Scope(rawValue: row[0]) {
      case .file: filter.files.insert(key)
      case .value: if let bytes = Hex.bytes(key[...]), bytes.count == 32 { filter.values.insert(bytes) }
      case .finding: filter.findings.insert(key)
      case nil: break
      }
    }
    return filter
  }
}
