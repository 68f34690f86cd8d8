/// How a hunt reads: what `HuntWorker` needs of a scan's options.
public struct HuntOptions: Sendable {
  /// Skip the personal-data detectors (YARA and indicators only).
  public var huntOnly = false
  /// Seconds one YARA scan of one item may take before it is stopped (an error record).
  public var yaraTimeout = 10
  /// Bytes of one item (file or member) held in memory for YARA. A larger file on disk is
  /// mapped by YARA itself, a second read of it; a larger member is not YARA-scanned.
  public var maxHuntBytes = 64 << 20
  /// Put the matched bytes in YARA evidence (`--reveal`).
  package var reveal = false

  public init() {}
}
