import ArgumentParser
import Foundation

/// `blastradius-synth tree DIR`: many files of mixed sizes in nested folders, for the integrity
/// benchmark (`scripts/bench-integrity`). Prints one line of JSON: files, folders and bytes.
struct TreeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tree",
    abstract: "Write a tree of many files of mixed sizes (text and binary) for integrity benchmarks.",
    discussion: """
      Sizes are log-uniform, scaled so that the total is --size-mib; 500 files per folder, folders \
      spread over 16 top folders. Prints {"files":N,"folders":N,"bytes":N}.
      """)

  @Argument(help: "Folder to write into; created if missing.")
  var directory: String

  @Option(help: "Number of files.")
  var files = 200_000

  @Option(name: .customLong("size-mib"), help: "Total size in MiB.")
  var sizeMiB = 2048

  @Option(help: "Seed of the deterministic generator.")
  var seed: UInt64 = 1

  func validate() throws {
    guard files > 0, sizeMiB >= 0 else {
      throw ValidationError("--files must be positive, --size-mib not negative.")
    }
  }

  func run() throws {
    let summary = try TreeWriter(root: directory, files: files, bytes: sizeMiB << 20, seed: seed).run()
    print("{\"files\":\(summary.files),\"folders\":\(summary.folders),\"bytes\":\(summary.bytes)}")
  }
}
