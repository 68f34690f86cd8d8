/// What changed between two scans of a store (`scans --diff A B`): per detector, the distinct
/// values (by fingerprint) that only the later scan saw and those only the earlier one saw, and
/// the files each saw that the other did not.
public struct ScanComparison: Sendable, Equatable {
  public struct DetectorChange: Sendable, Equatable {
    public var detector: String
    public var new: Int
    public var gone: Int
  }

  public var from: Int64
  public var to: Int64
  public var detectors: [DetectorChange] = []
  public var newFiles: [String] = []
  public var goneFiles: [String] = []

  /// The comparison of the distinct values per detector each scan saw.
  package init(from: Int64, to: Int64, before a: [String: Set<UInt64>], after b: [String: Set<UInt64>]) {
    self.from = from
    self.to = to
    for id in Set(a.keys).union(b.keys).sorted() {
      let before = a[id] ?? []
      let after = b[id] ?? []
      let change = DetectorChange(
        detector: id, new: after.subtracting(before).count, gone: before.subtracting(after).count)
      if change.new > 0 || change.gone > 0 { detectors.append(change) }
    }
  }
}
