/// The totals of a scan: what was read, what was not, and per detector how many findings and
/// how many distinct values. Written as the last JSONL record and as the table.
package struct ScanSummary: Sendable, Equatable {
  package struct DetectorCount: Sendable, Equatable {
    package var detector: String
    package var category: String
    package var total: Int
    package var unique: Int
  }

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

  /// False when anything could not be read or decoded: the scan must not look complete.
  package var complete: Bool { errors == 0 }

  package static func == (a: ScanSummary, b: ScanSummary) -> Bool {
    a.files == b.files && a.bytes == b.bytes && a.findings == b.findings && a.errors == b.errors
      && a.errorsByCode == b.errorsByCode && a.skipped == b.skipped && a.detectors == b.detectors
      && a.topFiles.map(\.path) == b.topFiles.map(\.path)
  }
}
