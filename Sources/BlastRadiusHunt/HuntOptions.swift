/// How a hunt reads: what `HuntWorker` needs of a scan's options.
package struct HuntOptions: Sendable {
  /// Skip the personal-data detectors (YARA and indicators only).
  package var huntOnly = false
  /// Seconds one YARA scan of one item may take before it is stopped (an error record).
  package var yaraTimeout = 10
  /// Bytes of one item (file or member) held in memory for YARA. A larger file on disk is
  /// mapped by YARA itself, a second read of it; a larger member is not YARA-scanned.
  package var maxHuntBytes = 64 << 20
  /// Put the matched bytes in YARA evidence (`--reveal`).
  package var reveal = false

  package init() {}
}
