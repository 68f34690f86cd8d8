import ArgumentParser
import FoundationEssentials
import BlastRadiusBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options every walking command shares: threads, excludes, and where and how output goes.
struct RunOptions: ParsableArguments {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case jsonl, table
  }

  @Option(name: .shortAndLong, help: "Worker threads (default: the number of processors).")
  var jobs: Int?

  @Option(help: ArgumentHelp("Skip files and folders matching GLOB (repeatable).", valueName: "GLOB"))
  var exclude: [String] = []

  @Option(help: "Output format: jsonl or table (default: table on a terminal, else jsonl).")
  var format: Format?

  @Option(name: .shortAndLong, help: ArgumentHelp("Write output to FILE (mode 0600).", valueName: "FILE"))
  var output: String?

  @Flag(name: .shortAndLong, help: "No progress line on stderr.")
  var quiet = false

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  var threads: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

  var resolvedFormat: Format { format ?? (output == nil && isatty(1) == 1 ? .table : .jsonl) }

  /// Standard output, or `--output` created with mode 0600.
  func openStream() throws -> BlastRadiusBase.OutputStream {
    guard let output else { return .standardOutput }
    return try OutputStream(path: output)
  }

  /// Whether to draw a progress line: not asked to be quiet, and stderr is a terminal.
  var showProgress: Bool { !quiet && ProgressLine.stderrIsTerminal }
}
