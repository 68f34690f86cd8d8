/// What one `blastradius scan` run does: roots, walking rules, reading rules, output policy.
package struct ScanOptions: Sendable {
  package var roots: [String]
  /// Worker threads; defaults to the processors this process may use.
  package var jobs: Int
  package var followSymlinks = false
  package var excludes: [String] = []
  /// Scan files that look binary as raw bytes instead of skipping them.
  package var scanBinary = false
  package var minConfidence: Confidence = .medium
  /// Put raw values in findings. Off by default: nothing raw leaves the process.
  package var reveal = false
  package var key: [UInt8]
  /// Bounds on what containers may expand to.
  package var limits = ExtractionLimits()
  /// Bytes read per `pread`; memory per worker is about twice this.
  package var chunkSize = 256 * 1024
  /// Hunting: skip the personal-data detectors (YARA and indicators only).
  package var huntOnly = false
  /// Seconds one YARA scan of one item may take before it is stopped (an error record).
  package var yaraTimeout = 10
  /// Bytes of one item (file or member) held in memory for YARA. A larger file on disk is
  /// mapped by YARA itself, a second read of it; a larger member is not YARA-scanned.
  package var maxHuntBytes = 64 << 20

  package init(roots: [String], jobs: Int, key: [UInt8]) {
    self.roots = roots
    self.jobs = jobs
    self.key = key
  }
}
