/// A labelled snapshot as stored: `complete` is false while a run is writing it, and stays
/// false if that run was interrupted, until a run finishes.
package struct Snapshot: Sendable {
  package var id: Int64
  package var label: String
  package var roots: [String]
  /// Bumped by every run; entries not written by the latest finished run are gone.
  package var generation: Int64
  package var complete: Bool
  package var entries: Int
  package var files: Int
  package var bytes: Int
  package var errors: Int
}
