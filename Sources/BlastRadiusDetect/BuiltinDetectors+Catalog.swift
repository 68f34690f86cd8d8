public import BlastRadiusBase

extension BuiltinDetectors {
  /// The built-in detectors by id, for reports read back from a scan's log.
  public static let catalog = DetectorCatalog(
    all.map { DetectorCatalog.Entry(id: $0.id, category: $0.category, summary: $0.summary) })
}
