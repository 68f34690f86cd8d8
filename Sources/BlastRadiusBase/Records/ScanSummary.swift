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
  /// Per format (container, document or image type), items read, skipped and failed.
  public var formats: [String: FormatCount] = [:]
  public var detectors: [DetectorCount] = []
  /// Files with the most findings, most first.
  public var topFiles: [(path: String, findings: Int)] = []
  /// Hunting: items (files, members, attachments, texts) with evidence by level, and hits by
  /// kind; `hunt` holds the rest when the scan hunted at all.
  public var huntLevels: [String: Int] = [:]
  public var huntHits: [String: Int] = [:]
  public var hunt: HuntSummary?
  /// Files whose results a store gave back unread: unchanged since a scan under the same
  /// configuration (`files` counts them too).
  public var reusedFiles = 0
  /// Stopped (Ctrl-C, a full disk) before every file was read.
  public var interrupted = false
  /// The store the scan wrote to, when it had one.
  public var store: StoreRun?
  /// What OCR (`--ocr`) read and what it cost; nil when the scan did not OCR.
  public var ocr: OCRRun?

  /// Pages OCR'd (images, their pages, PDF pages without text) and the seconds spent decoding or
  /// rendering and recognising them, summed over the workers: the price of `--ocr`.
  public struct OCRRun: Sendable, Equatable {
    public var pages: Int
    public var seconds: Double
    public init(pages: Int = 0, seconds: Double = 0) {
      self.pages = pages
      self.seconds = seconds
    }
  }

  /// A scan's place in its store: its id, whether it continued an interrupted one, and its status.
  public struct StoreRun: Sendable, Equatable {
    public var scan: Int64
    public var resumed: Bool
    public var status: String
    /// Seconds the workers spent in the store's transactions (their share of the scan's cost).
    public var writeSeconds: Double
    public init(scan: Int64, resumed: Bool, status: String, writeSeconds: Double = 0) {
      self.scan = scan
      self.resumed = resumed
      self.status = status
      self.writeSeconds = writeSeconds
    }
  }

  /// Items at level `alert`: they make the exit status 1 as findings do.
  public var alerts: Int { huntLevels[HuntLevel.alert.rawValue] ?? 0 }

  /// False when anything could not be read or decoded: the scan must not look complete.
  public var complete: Bool { errors == 0 && !interrupted }

  /// Formats with items whose content was not read (skipped or failed), by format: what the
  /// headline names, so that unread mailboxes or scans are never hidden in a total.
  public var unreadFormats: [(format: String, count: FormatCount)] {
    formats.filter { $0.value.unread > 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  /// "pst 1 of 3 failed; png 2 of 2 skipped (read with --ocr)": the formats not wholly read, for
  /// a headline; nil when every item of every format was read.
  public var unreadDescription: String? {
    let parts = unreadFormats.map { f, c -> String in
      let total = c.read + c.unread
      var what: [String] = []
      if c.failed > 0 { what.append("\(c.failed) of \(total) failed") }
      if c.skipped > 0 {
        what.append(
          "\(c.skipped) of \(total) skipped" + (FormatCount.images.contains(f) ? " (read with --ocr)" : ""))
      }
      return f + " " + what.joined(separator: ", ")
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }

  /// Two scans' totals as one (a report over several scan logs): counts add up, and the scan is
  /// complete only if both were. Distinct values per detector cannot be added exactly from two
  /// summaries: the larger is kept, a floor (the report counts distinct values from findings).
  public func merged(with o: ScanSummary) -> ScanSummary {
    var m = self
    m.files += o.files
    m.bytes += o.bytes
    m.seconds += o.seconds
    m.findings += o.findings
    m.errors += o.errors
    m.errorsByCode.merge(o.errorsByCode, uniquingKeysWith: +)
    m.skipped.merge(o.skipped, uniquingKeysWith: +)
    m.encodings.merge(o.encodings, uniquingKeysWith: +)
    m.containers.merge(o.containers, uniquingKeysWith: +)
    m.members += o.members
    m.documents.merge(o.documents, uniquingKeysWith: +)
    m.formats.merge(o.formats, uniquingKeysWith: +)
    m.huntLevels.merge(o.huntLevels, uniquingKeysWith: +)
    m.huntHits.merge(o.huntHits, uniquingKeysWith: +)
    m.reusedFiles += o.reusedFiles
    if let run = o.ocr {
      m.ocr = OCRRun(pages: (m.ocr?.pages ?? 0) + run.pages, seconds: (m.ocr?.seconds ?? 0) + run.seconds)
    }
    m.interrupted = interrupted || o.interrupted
    for d in o.detectors {
      if let i = m.detectors.firstIndex(where: { $0.detector == d.detector }) {
        m.detectors[i].total += d.total
        m.detectors[i].unique = max(m.detectors[i].unique, d.unique)
      } else {
        m.detectors.append(d)
      }
    }
    m.topFiles = Array(
      (topFiles + o.topFiles).sorted { ($0.findings, $1.path) > ($1.findings, $0.path) }.prefix(10))
    if m.hunt == nil { m.hunt = o.hunt }
    m.store = nil
    return m
  }

  public static func == (a: ScanSummary, b: ScanSummary) -> Bool {
    a.files == b.files && a.bytes == b.bytes && a.findings == b.findings && a.errors == b.errors
      && a.errorsByCode == b.errorsByCode && a.skipped == b.skipped && a.formats == b.formats
      && a.detectors == b.detectors
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
