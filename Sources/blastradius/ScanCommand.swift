import ArgumentParser
import BlastRadiusCore
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `blastradius scan PATH...`: walks, reads, detects, and writes findings and a summary.
struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Scan files and folders for personal data, and hunt for compromise (YARA, indicators).",
    discussion: """
      Findings carry a masked value and a keyed fingerprint (HMAC-SHA256); raw values are printed \
      only with --reveal. Unreadable files become error records and the scan goes on; the summary \
      says whether the scan was complete.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case jsonl, table
  }

  @Argument(help: "Files or folders to scan.")
  var paths: [String]

  @Option(name: .shortAndLong, help: "Worker threads (default: the number of processors).")
  var jobs: Int?

  @Flag(help: "Follow symbolic links (never in a loop; each file once).")
  var followSymlinks = false

  @Option(help: ArgumentHelp("Skip files and folders matching GLOB (repeatable).", valueName: "GLOB"))
  var exclude: [String] = []

  @Flag(help: "Also scan files that look binary, as raw bytes.")
  var binary = false

  @Option(help: "Lowest confidence reported: low, medium or high.")
  var minConfidence: String = "medium"

  @Option(help: "Only these detectors or categories (comma-separated).")
  var only: String?

  @Option(help: ArgumentHelp("Key for fingerprints (default: created once in the config folder).", valueName: "FILE"))
  var keyFile: String?

  @Flag(help: "Include raw values in the output. Output files are created with mode 0600.")
  var reveal = false

  @Option(help: "Output format: jsonl or table (default: table on a terminal, else jsonl).")
  var format: Format?

  @Option(name: .shortAndLong, help: ArgumentHelp("Write output to FILE (mode 0600).", valueName: "FILE"))
  var output: String?

  @Flag(name: .shortAndLong, help: "No progress line on stderr.")
  var quiet = false

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

  @Option(help: ArgumentHelp("YARA rules: a rule file or a folder of .yar/.yara files (repeatable).", valueName: "PATH"))
  var yara: [String] = []

  @Option(
    help: ArgumentHelp(
      "Indicators of compromise: Loki hash, filename or c2 files, or STIX 2.1 JSON bundles; a file or a folder (repeatable).",
      valueName: "PATH"))
  var iocs: [String] = []

  @Option(help: ArgumentHelp("Seconds one YARA scan of one file may take; past it, an error record.", valueName: "SECONDS"))
  var yaraTimeout: Int = ScanOptions(roots: [], jobs: 1, key: []).yaraTimeout

  @Option(help: "Bytes of one file or member held in memory for YARA (larger files on disk are read again by YARA).")
  var maxHuntBytes: Int = ScanOptions(roots: [], jobs: 1, key: []).maxHuntBytes

  @Flag(help: "Hunt for compromise only (--yara, --iocs): skip the personal-data detectors.")
  var huntOnly = false

  func validate() throws {
    guard Confidence(name: minConfidence) != nil else {
      throw ValidationError("--min-confidence must be low, medium or high, not '\(minConfidence)'")
    }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    for path in paths where access(path, F_OK) != 0 {
      throw ValidationError("no such file or folder: \(path)")
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
    for id in onlySet {
      guard BuiltinDetectors.all.contains(where: { $0.id == id || $0.category == id }) else {
        throw ValidationError("--only: unknown detector or category '\(id)' (see `blastradius detectors`)")
      }
    }
  }

  var onlySet: Set<String> {
    Set((only ?? "").split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty })
  }

  func run() throws {
    let key: [UInt8]
    do {
      key = try KeyStore.load(path: keyFile ?? KeyStore.defaultPath(), create: keyFile == nil)
    } catch {
      throw ValidationError(error.description)
    }
    let stream: BlastRadiusCore.OutputStream
    if let output {
      do { stream = try OutputStream(path: output) } catch { throw ValidationError(error.description) }
    } else {
      stream = .standardOutput
    }
    let format = format ?? (output == nil && isatty(1) == 1 ? .table : .jsonl)
    let detectors: DetectorSet
    do { detectors = try DetectorSet.builtin(only: onlySet) } catch {
      FileHandleStderr.write("blastradius: \(error)\n")
      throw ExitCode(2)
    }

    var hunt: HuntSet?
    if !yara.isEmpty || !iocs.isEmpty {
      do {
        hunt = try HuntSet(yara: yara, iocs: iocs)
      } catch {
        FileHandleStderr.write("blastradius: \(error)\n")
        throw ExitCode(2)
      }
      for warning in hunt!.warnings { FileHandleStderr.write("blastradius: warning: \(warning)\n") }
    }

    var options = ScanOptions(
      roots: paths, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, key: key)
    options.followSymlinks = followSymlinks
    options.excludes = exclude
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
    options.huntOnly = huntOnly
    options.yaraTimeout = yaraTimeout
    options.maxHuntBytes = maxHuntBytes

    let collector = IssueCollector()
    let sink: any ScanSink = format == .jsonl ? JSONLSink(stream: stream) : collector
    let scanner = Scanner(options: options, detectors: detectors, hunt: hunt, sink: sink)
    let stopProgress = !quiet && ProgressLine.stderrIsTerminal ? ProgressLine(tally: scanner.tally).start() : {}
    let summary: ScanSummary
    do {
      summary = try scanner.run()
    } catch {
      stopProgress()
      FileHandleStderr.write("blastradius: \(error)\n")
      throw ExitCode(2)
    }
    stopProgress()

    switch format {
    case .jsonl:
      var json = JSONBuilder()
      RecordFormatter.append(summary, to: &json)
      stream.write(json.bytes)
    case .table:
      stream.write(Array(TableRenderer.render(
        summary, issues: collector.collected, minConfidence: options.minConfidence, hunt: collector.huntHits).utf8))
    }
    if let failure = stream.writeError {
      FileHandleStderr.write("blastradius: writing output failed: \(failure)\n")
      throw ExitCode(2)
    }
    if summary.findings > 0 || summary.alerts > 0 { throw ExitCode(1) }
  }
}

extension String {
  func trimmingSpaces() -> String {
    String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
