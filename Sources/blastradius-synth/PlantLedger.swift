/// Records every planted value at the moment it is written, so the manifest is derived from what went to disk rather
/// than from counts kept by hand beside the writers.
struct PlantLedger {
  private var perFile: [String: [DetectorID: Int]] = [:]
  private var totals: [DetectorID: Int] = [:]
  private var distinct: [DetectorID: Set<String>] = [:]

  /// Lists a file in the manifest even when nothing is planted in it (negatives, logs).
  mutating func register(file: String) {
    if perFile[file] == nil { perFile[file] = [:] }
  }

  mutating func record(_ detector: DetectorID, _ value: String, in file: String) {
    register(file: file)
    perFile[file, default: [:]][detector, default: 0] += 1
    totals[detector, default: 0] += 1
    distinct[detector, default: []].insert(detector.canonical(value))
  }

  func manifest(seed: UInt64) -> SampleManifest {
    var detectors: [String: SampleManifest.Count] = [:]
    for detector in DetectorID.allCases {
      detectors[detector.rawValue] = SampleManifest.Count(
        total: totals[detector] ?? 0, unique: distinct[detector]?.count ?? 0)
    }
    var files: [String: [String: Int]] = [:]
    for (file, counts) in perFile {
      var row: [String: Int] = [:]
      for detector in DetectorID.allCases { row[detector.rawValue] = counts[detector] ?? 0 }
      files[file] = row
    }
    return SampleManifest(seed: seed, detectors: detectors, files: files)
  }
}
