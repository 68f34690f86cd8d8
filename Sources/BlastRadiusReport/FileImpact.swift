package import BlastRadiusBase

/// What one file on disk exposes (its members and documents included) and how urgently it must
/// be locked down.
package struct FileImpact: Sendable {
  package var path: String
  /// Mode and owner, from the scan's `file` record; nil when the scan did not write one.
  package var facts: FileFacts?
  package var findings: Int
  /// Detector ids found in it, sorted.
  package var elements: [String]
  package var categories: [String: Int]
  /// Distinct people named or identified in it.
  package var people: Int
  package var risk: Double

  /// Who may read it, in words.
  package var exposure: String {
    guard let facts else { return "unknown" }
    return facts.worldReadable ? "everyone" : facts.groupReadable ? "group" : "owner"
  }

  /// The folder that holds it.
  package var folder: String { Self.folder(of: path) }

  package static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
