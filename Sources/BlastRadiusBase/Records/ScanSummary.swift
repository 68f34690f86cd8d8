/// The totals of a scan: what was read, what was not, and per detector how many findings and
/// how many distinct values. Written as the last JSONL record and as the table.
public struct ScanSummary: Sendable, Equatable {
  /// One detector's findings and distinct values (by fingerprint).
  public struct DetectorCount: Sendable, Equatable {
    public var detector: String
    public var category: String
    public var total: Int
    public var unique: Int

    public init(detector: String, category: String, total: Int, unique: Int) {
      self.detector = detector
      self.category = category
      self.total = total
      self.unique = unique
    }
  }

  public init() {}

  public var files = 0
  public var bytes = 0
  public var seconds = 0.0
  public var findings = 0
  public var errors = 0
  public var errorsByCode: [String: Int] = [:]
  /// Entries not scanned on purpose: `binary`, `special`, `symlink`, `excluded`, `duplicate`.
  public var skipped: [String: Int] = [:]
  public var encodings: [String: Int] = [:]
  /// Containers opened, by format, and the members read from them (at every depth).
  public var containers: [String: Int] = [:]
  public var members = 0
  /// Documents parsed, by type (pdf, docx, xlsx, pptx, odt, ods, eml, mbox, html).
  public var documents: [String: Int] = [:]
  public var detectors: [DetectorCount] = []
  /// Files with the most findings, most first.
  public var topFiles: [(path: String, findings: Int)] = []
  /// Hunting: items (files, members, attachments, texts) with evidence by level, and hits by
  /// kind; `hunt` holds the rest when the scan hunted at all.
  public var huntLevels: [String: Int] = [:]
  public var huntHits: [String: Int] = [:]
  public var hunt: HuntSummary?

  /// Items at level `alert`: they make the exit status 1 as findings do.
  public var alerts: Int { huntLevels[HuntLevel.alert.rawValue] ?? 0 }

  /// False when anything could not be read or decoded: the scan must not look complete.
  public var complete: Bool { errors == 0 }

  public static func == (a: ScanSummary, b: ScanSummary) -> Bool {
    a.files == b.files && a.bytes == b.bytes && a.findings == b.findings && a.errors == b.errors
      && a.errorsByCode == b.errorsByCode && a.skipped == b.skipped && a.detectors == b.detectors
      && a.topFiles.map(\.path) == b.topFiles.map(\.path)
  }
}

/// What a hunting scan used and how it read: written in the summary record as `hunt`.
public struct HuntSummary: Sendable, Equatable {
  /// Rule files and rules; `cache` is `hit` (compiled rules loaded, nothing compiled), `miss`
  /// (compiled and cached) or `off`; `compiled` says whether compilation ran.
  public var yaraFiles = 0
  public var yaraRules = 0
  public var yaraCache: String?
  public var yaraSeconds = 0.0
  /// Indicators in use by type.
  public var indicators: [String: Int] = [:]
  /// Bytes hashed or kept for YARA.
  public var bytes = 0
  /// Files on disk read a second time (YARA on a file larger than `--max-hunt-bytes`, hashes of
  /// a file read out of order).
  public var secondReads = 0
  public var warnings: [String] = []

  public init() {}
}
