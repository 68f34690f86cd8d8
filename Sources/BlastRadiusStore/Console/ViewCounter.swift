package import BlastRadiusBase
package import BlastRadiusScan

/// Counts the current view from its blocks of fingerprints, whichever store they come from:
/// findings and distinct values per detector and the files with findings, leaving out what the
/// triage filter names. Blocks must come by path.
package struct ViewCounter {
  let filter: TriageFilter
  var totals: [String: Int] = [:]
  var unique: [String: Set<UInt64>] = [:]
  package private(set) var findings = 0
  package private(set) var files = 0
  var lastPath = ""

  package init(filter: TriageFilter) { self.filter = filter }

  /// One block of `path`, its detectors numbered as in `detectors`.
  package mutating func add(path: String, detectors list: [String], index: FingerprintIndex) {
    var kept = 0
    for i in 0..<index.count where filter.isEmpty || !filter.excludes(path: path, digest: index.digest(i)) {
      let (detector, word) = index[i]
      guard detector < list.count else { continue }
      totals[list[detector], default: 0] += 1
      unique[list[detector], default: []].insert(word)
      kept += 1
    }
    findings += kept
    if kept > 0, path != lastPath {
      files += 1
      lastPath = path
    }
  }

  /// The counts per detector, in `order` (the detectors of the scans' configurations, latest first).
  package func detectors(order: [String]) -> [ScanSummary.DetectorCount] {
    order.map {
      ScanSummary.DetectorCount(
        detector: $0, category: "", total: totals[$0] ?? 0, unique: unique[$0]?.count ?? 0)
    }
  }

  /// Every detector id of the configurations given (latest first), each once.
  package static func order(_ configurations: [String]) -> [String] {
    var order: [String] = []
    for config in configurations {
      for id in ScanConfiguration.detectorIDs(config) where !order.contains(id) { order.append(id) }
    }
    return order
  }
}

/// The values table (`ValueRow`) of the current view from its blocks of fingerprints, by path:
/// one row per fingerprint with its findings and files, in a compact tally per value.
package struct ValueTableBuilder {
  struct Tally {
    var findings: UInt32 = 0
    var files: UInt32 = 0
    var lastFile: UInt32 = 0
    var detector: UInt16
  }

  var table: [UInt64: Tally] = [:]
  var names: [String] = []
  var numbers: [String: UInt16] = [:]
  var file: UInt32 = 0
  var lastPath: String?

  package init() {}

  package mutating func add(path: String, detectors list: [String], index: FingerprintIndex) {
    if path != lastPath {
      file += 1
      lastPath = path
    }
    for i in 0..<index.count {
      let (detector, word) = index[i]
      guard detector < list.count else { continue }
      let number = self.number(list[detector])
      table[word, default: Tally(detector: number)].findings += 1
      if table[word]!.lastFile != file {
        table[word]!.lastFile = file
        table[word]!.files += 1
      }
    }
  }

  mutating func number(_ name: String) -> UInt16 {
    if let n = numbers[name] { return n }
    names.append(name)
    numbers[name] = UInt16(names.count - 1)
    return UInt16(names.count - 1)
  }

  /// The rows, most findings first, then by fingerprint.
  package consuming func rows() -> [ValueRow] {
    var rows = table.map {
      ValueRow(
        word: $0.key, detector: names[Int($0.value.detector)], findings: Int($0.value.findings),
        files: Int($0.value.files))
    }
    table = [:]
    rows.sort { ($0.findings, $1.word) > ($1.findings, $0.word) }
    return rows
  }
}
