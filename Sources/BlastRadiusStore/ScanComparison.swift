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
}
