import ArgumentParser
import FoundationEssentials
import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusExtract
import BlastRadiusHunt
import BlastRadiusScan
import BlastRadiusStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The options that decide what a scan looks for and how it reads: shared by `scan` and `agent`,
/// and written back as arguments (`arguments`) into a plan that agents on other hosts parse, so
/// that every agent of a scan runs the same configuration.
struct ScanSettings: ParsableArguments {
  @Flag(help: "Follow symbolic links (never in a loop; each file once).")
  var followSymlinks = false

  @Flag(help: "Also scan files that look binary, as raw bytes.")
  var binary = false

  @Option(help: "Lowest confidence reported: low, medium or high.")
  var minConfidence: String = "medium"

  @Option(help: "Only these detectors or categories (comma-separated).")
  var only: String?

  @Option(help: "Not these detectors or categories (comma-separated).")
  var except: String?

  @Option(
    help: ArgumentHelp("Add the detectors of a YAML rules file (repeatable; see README).", valueName: "FILE"))
  var rules: [String] = []

  @Option(
    help: ArgumentHelp(
      "Key for fingerprints (default: created once in the config folder).", valueName: "FILE"))
  var keyFile: String?

  @Option(help: .hidden)
  var chunkSize: Int?

  @Option(help: "Containers nested at most this deep (zip in zip...).")
  var maxDepth: Int = ExtractionLimits().maxDepth

  @Option(help: "Bytes one archive member may expand to.")
  var maxMemberBytes: Int = ExtractionLimits().maxMemberBytes

  @Option(help: "Bytes all members of one file on disk may expand to.")
  var maxTotalBytes: Int = ExtractionLimits().maxTotalBytes

  @Option(help: "Members one file on disk may hold, at every depth.")
  var maxMembers: Int = ExtractionLimits().maxMembers

  @Option(help: "Expansion per byte of the file on disk, checked past 16 MiB (archive bombs).")
  var maxRatio: Int = ExtractionLimits().maxRatio

  @Option(help: "Bytes of a PDF, mail, HTML file or Office part read whole to be parsed.")
  var maxDocumentBytes: Int = ExtractionLimits().maxDocumentBytes

  @Flag(
    help:
      "Read images (PNG, JPEG, TIFF, BMP) and PDF pages without text by OCR (tesseract; about a second a page)."
  )
  var ocr = false

  @Option(
    help: "With --ocr: pixels (width × height) of one image page or PDF page at 300 dpi that may be read.")
  var maxImagePixels: Int = ExtractionLimits().maxImagePixels

  @Option(
    help: ArgumentHelp("With --ocr: seconds tesseract may spend on one page.", valueName: "SECONDS"))
  var ocrTimeout: Int = ExtractionLimits().ocrSecondsPerPage

  @Option(
    help: ArgumentHelp(
      "YARA rules: a rule file or a folder of .yar/.yara files (repeatable).", valueName: "PATH"))
  var yara: [String] = []

  @Option(
    help: ArgumentHelp(
      "Indicators of compromise: Loki hash, filename or c2 files, or STIX 2.1 JSON bundles; a file or a folder (repeatable).",
      valueName: "PATH"))
  var iocs: [String] = []

  @Option(
    help: ArgumentHelp(
      "Seconds one YARA scan of one file may take; past it, an error record.", valueName: "SECONDS"))
  var yaraTimeout: Int = HuntOptions().yaraTimeout

  @Option(
    help: "Bytes of one file or member held in memory for YARA (larger files on disk are read again by YARA)."
  )
  var maxHuntBytes: Int = HuntOptions().maxHuntBytes

  @Flag(help: "Hunt for compromise only (--yara, --iocs): skip the personal-data detectors.")
  var huntOnly = false

  @Flag(
    help:
      "With --store: reuse a file's results only when its content (SHA-256) is unchanged, not its size and times."
  )
  var rehash = false

  func validate() throws {
    guard Confidence(name: minConfidence) != nil else {
      throw ValidationError("--min-confidence must be low, medium or high, not '\(minConfidence)'")
    }
    for (flag, list) in [("--yara", yara), ("--iocs", iocs)] {
      for path in list where access(path, R_OK) != 0 {
        throw ValidationError("\(flag): no such file or folder: \(path)")
      }
    }
    if huntOnly && yara.isEmpty && iocs.isEmpty {
      throw ValidationError("--hunt-only needs --yara or --iocs")
    }
    if yaraTimeout < 1 { throw ValidationError("--yara-timeout must be at least 1 second") }
    if ocrTimeout < 1 { throw ValidationError("--ocr-timeout must be at least 1 second") }
    if maxImagePixels < 1 { throw ValidationError("--max-image-pixels must be at least 1") }
  }

  /// What a scan of `roots` runs with: its options, detectors, hunting set and the configuration
  /// a store keeps (`ScanConfiguration`).
  struct Setup {
    var options: ScanOptions
    var detectors: DetectorSet
    var hunt: HuntSet?
    var ruleFiles: [String]
  }

  /// Loads the key, the detectors (built-in and rules files) and the hunting rules. Warnings
  /// about hunting rules go to stderr.
  func setup(roots: [String], jobs: Int, excludes: [String], reveal: Bool) throws -> Setup {
    let key = try KeyStore.load(path: keyFile ?? KeyStore.defaultPath(), create: keyFile == nil)
    let custom = try CustomRuleFiles.load(rules)
    let only = Self.idSet(only)
    let except = Self.idSet(except)
    try Self.checkKnown(only, "--only", in: BuiltinDetectors.all + custom)
    try Self.checkKnown(except, "--except", in: BuiltinDetectors.all + custom)
    // A pure compromise sweep runs no detector at all (credential files and document classes
    // included).
    let detectors =
      try huntOnly ? DetectorSet([]) : DetectorSet.builtin(only: only, except: except, extra: custom)

    var hunt: HuntSet?
    if !yara.isEmpty || !iocs.isEmpty {
      let set = try HuntSet(yara: yara, iocs: iocs)
      for warning in set.warnings {
        FileHandleStderr.write("blastradius: warning: \(TerminalText.escaped(warning))\n")
      }
      hunt = set
    }

    var options = ScanOptions(roots: roots, jobs: jobs, key: key)
    options.followSymlinks = followSymlinks
    options.excludes = excludes
    options.scanBinary = binary
    options.minConfidence = Confidence(name: minConfidence)!
    options.reveal = reveal
    if let chunkSize { options.chunkSize = max(64, chunkSize & ~1) }
    options.limits.maxDepth = maxDepth
    options.limits.maxMemberBytes = maxMemberBytes
    options.limits.maxTotalBytes = maxTotalBytes
    options.limits.maxMembers = maxMembers
    options.limits.maxRatio = maxRatio
    options.limits.maxDocumentBytes = maxDocumentBytes
    options.ocr = ocr
    options.limits.maxImagePixels = maxImagePixels
    options.limits.ocrSecondsPerPage = ocrTimeout
    options.hunt.huntOnly = huntOnly
    options.hunt.yaraTimeout = yaraTimeout
    options.hunt.maxHuntBytes = maxHuntBytes
    return Setup(
      options: options, detectors: detectors, hunt: hunt, ruleFiles: RuleFiles.expand(rules + yara + iocs)
    )
  }

  /// These settings as command-line arguments that parse back to them, with every file named by
  /// its absolute path: what a plan keeps for agents on other hosts. The key file is left out:
  /// each agent names its own copy of the deployment's key, checked by its id.
  func arguments() -> [String] {
    var out: [String] = []
    if followSymlinks { out.append("--follow-symlinks") }
    if binary { out.append("--binary") }
    out += ["--min-confidence", minConfidence]
    if let only { out += ["--only", only] }
    if let except { out += ["--except", except] }
    for r in StoreOptions.resolve(rules) { out += ["--rules", r] }
    if let chunkSize { out += ["--chunk-size", String(chunkSize)] }
    out += ["--max-depth", String(maxDepth), "--max-member-bytes", String(maxMemberBytes)]
    out += ["--max-total-bytes", String(maxTotalBytes), "--max-members", String(maxMembers)]
    out += ["--max-ratio", String(maxRatio), "--max-document-bytes", String(maxDocumentBytes)]
    if ocr {
      out += ["--ocr", "--max-image-pixels", String(maxImagePixels), "--ocr-timeout", String(ocrTimeout)]
    }
    for y in StoreOptions.resolve(yara) { out += ["--yara", y] }
    for i in StoreOptions.resolve(iocs) { out += ["--iocs", i] }
    out += ["--yara-timeout", String(yaraTimeout), "--max-hunt-bytes", String(maxHuntBytes)]
    if huntOnly { out.append("--hunt-only") }
    if rehash { out.append("--rehash") }
    return out
  }

  /// This machine's name, as a store keeps its files under by default.
  static func hostName() -> String {
    var name = [UInt8](repeating: 0, count: 256)
    let ok = name.withUnsafeMutableBufferPointer { gethostname($0.baseAddress!, 255) } == 0
    return ok ? String(decoding: name.prefix { $0 != 0 }, as: UTF8.self) : "unknown"
  }

  static func idSet(_ list: String?) -> Set<String> {
    Set((list ?? "").split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty })
  }

  /// Refuses ids and categories that name no detector: a typo must not silently scan for
  /// everything, or for nothing.
  static func checkKnown(_ ids: Set<String>, _ option: String, in specs: [DetectorSpec]) throws {
    for id in ids.sorted() where !specs.contains(where: { $0.id == id || $0.category == id }) {
      throw ValidationError("\(option): unknown detector or category '\(id)' (see `blastradius detectors`)")
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
