/// Counts of a diff by class and by top folder, with the share of the baseline each affects,
/// and whether the destruction passes the threshold.
public struct DiffSummary: Sendable {
  /// Entries and changes under one top folder of the baseline.
  package struct Folder: Sendable {
    package var entries = 0
    package var counts: [ChangeClass: Int] = [:]
    package var changes: Int { counts.values.reduce(0, +) }
    package var destructive: Int { counts.filter { $0.key.isDestructive }.values.reduce(0, +) }
  }

  package var baseline: String
  package var baselineEntries = 0
  package var counts: [ChangeClass: Int] = [:]
  package var folders: [String: Folder] = [:]
  /// Baseline entries that could not be checked: under a folder that could not be listed now.
  package var unverified = 0
  public var bootChanges: [BootChange] = []
  public var errorsByCode: [String: Int] = [:]
  /// Percent of the baseline's entries removed, wiped, encrypted or overwritten that means
  /// mass destruction.
  package var threshold: Double
  public var seconds = 0.0

  public init(baseline: String, entriesByTop: [String: Int], threshold: Double) {
    self.baseline = baseline
    self.threshold = threshold
    for (top, n) in entriesByTop {
      folders[top, default: Folder()].entries = n
      baselineEntries += n
    }
  }

  package mutating func add(_ change: Change) {
    counts[change.changeClass, default: 0] += 1
    folders[change.top, default: Folder()].counts[change.changeClass, default: 0] += 1
  }

  public var changes: Int { counts.values.reduce(0, +) }
  package var destructive: Int { counts.filter { $0.key.isDestructive }.values.reduce(0, +) }
  package var errors: Int { errorsByCode.values.reduce(0, +) }

  /// `count` as a share of `entries` (0 when there is no baseline to share).
  package static func share(_ count: Int, of entries: Int) -> Double {
    entries > 0 ? Double(count) / Double(entries) : 0
  }

  /// More than `threshold` percent destroyed, or a boot area changed (what Destover did first).
  public var massDestruction: Bool {
    Self.share(destructive, of: baselineEntries) * 100 > threshold || !bootChanges.isEmpty
  }
}
