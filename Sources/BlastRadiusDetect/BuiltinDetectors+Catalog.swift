public import BlastRadiusBase

extension BuiltinDetectors {
  /// The built-in detectors by id, for reports read back from a scan's log.
  public static let catalog = DetectorCatalog(
    all.map { ($0.id, $0.category, $0.summary) })
}
