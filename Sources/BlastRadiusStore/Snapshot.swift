/// A labelled snapshot as stored: `complete` is false while a run is writing it, and stays
/// false if that run was interrupted, until a run finishes.
public struct Snapshot: Sendable {
  package var id: Int64
  public var label: String
  public var roots: [String]
  /// Bumped by every run; entries not written by the latest finished run are gone.
  package var generation: Int64
  public var complete: Bool
  public var entries: Int
  public var files: Int
  package var bytes: Int
  package var errors: Int
}
