public import BlastRadiusHunt
public import BlastRadiusBase
public import BlastRadiusExtract

/// What one `blastradius scan` run does: roots, walking rules, reading rules, output policy.
public struct ScanOptions: Sendable {
  package var roots: [String]
  /// Worker threads; defaults to the processors this process may use.
  package var jobs: Int
  public var followSymlinks = false
  public var excludes: [String] = []
  /// Scan files that look binary as raw bytes instead of skipping them.
  public var scanBinary = false
  /// Read the text of images and of PDF pages without a text layer by OCR (tesseract). Off by
  /// default: a page costs about a second, where a text file costs microseconds.
  public var ocr = false
  public var minConfidence: Confidence = .medium
  /// Put raw values in findings. Off by default: nothing raw leaves the process.
  public var reveal = false
  package var key: [UInt8]
  /// Bounds on what containers may expand to.
  public var limits = ExtractionLimits()
  /// Bytes read per `pread`; memory per worker is about twice this.
  public var chunkSize = 256 * 1024
  /// How hunting reads (`--hunt-only`, `--yara-timeout`, `--max-hunt-bytes`); its `reveal`
  /// follows this `reveal`.
  public var hunt = HuntOptions()

  public init(roots: [String], jobs: Int, key: [UInt8]) {
    self.roots = roots
    self.jobs = jobs
    self.key = key
  }
}

extension ScanOptions {
  /// The hunt's options, revealing what the scan reveals.
  var huntOptions: HuntOptions {
    var h = hunt
    h.reveal = reveal
    return h
  }
}
