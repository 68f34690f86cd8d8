/// The totals of a scan: what was read, what was not, and per detector how many findings and
/// how many distinct values. Written as the last JSONL record and as the table.
package struct ScanSummary: Sendable, Equatable {
  package struct DetectorCount: Sendable, Equatable {
    package var detector: String
    package var category: String
    package var total: Int
    package var unique: Int

    package init(detector: String, category: String, total: Int, unique: Int) {
      self.detector = detector
      self.category = category
      self.total = total
      self.unique = unique
    }
  }

  package init() {}

  package var files = 0
  package var bytes = 0
  package var seconds = 0.0
  package var findings = 0
  package var errors = 0
  package var errorsByCode: [String: Int] = [:]
  /// Entries not scanned on purpose: `binary`, `special`, `symlink`, `excluded`, `duplicate`.
  package var skipped: [String: Int] = [:]
  package var encodings: [String: Int] = [:]
  /// Containers opened, by format, and the members read from them (at every depth).
  package var containers: [String: Int] = [:]
  package var members = 0
  /// Documents parsed, by type (pdf, docx, xlsx, pptx, odt, ods, eml, mbox, html).
  package var documents: [String: Int] = [:]
  package var detectors: [DetectorCount] = []
  /// Files with the most findings, most first.
  package var topFiles: [(path: String, findings: Int)] = []
  /// Hunting: items (files, members, attachments, texts) with evidence by level, and hits by
  /// kind; `hunt` holds the rest when the scan hunted at all.
  package var huntLevels: [String: Int] = [:]
  package var huntHits: [String: Int] = [:]
  package var hunt: HuntSummary?

  /// Items at level `alert`: they make the exit status 1 as findings do.
  package var alerts: Int { huntLevels[HuntLevel.alert.rawValue] ?? 0 }

  /// False when anything could not be read or decoded: the scan must not look complete.
  package var complete: Bool { errors == 0 }

  package static func == (a: ScanSummary, b: ScanSummary) -> Bool {
    a.files == b.files && a.bytes == b.bytes && a.findings == b.findings && a.errors == b.errors
      && a.errorsByCode == b.errorsByCode && a.skipped == b.skipped && a.detectors == b.detectors
      && a.topFiles.map(\.path) == b.topFiles.map(\.path)
  }
}

/// What a hunting scan used and how it read: written in the summary record as `hunt`.
package struct HuntSummary: Sendable, Equatable {
  /// Rule files and rules; `cache` is `hit` (compiled rules loaded, nothing compiled), `miss`
  /// (compiled and cached) or `off`; `compiled` says whether compilation ran.
  package var yaraFiles = 0
  package var yaraRules = 0
  package var yaraCache: String?
  package var yaraSeconds = 0.0
  /// Indicators in use by type.
  package var indicators: [String: Int] = [:]
  /// Bytes hashed or kept for YARA.
  package var bytes = 0
  /// Files on disk read a second time (YARA on a file larger than `--max-hunt-bytes`, hashes of
  /// a file read out of order).
  package var secondReads = 0
  package var warnings: [String] = []

  package init() {}
}
