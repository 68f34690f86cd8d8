import ArgumentParser
import Foundation

/// `blastradius-synth hunt DIR`: the hunting benchmark's tree (`DIR/tree`), rule set
/// (`DIR/rules.yar`) and planted matches (`DIR/planted.tsv`, rule and path per line).
struct HuntCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hunt",
    abstract:
      "Write a tree of executables, logs and binary files and a YARA rule set for the hunting benchmark.",
    discussion:
      "Prints one line of JSON: {\"bytes\":N,\"files\":N,\"rules\":N,\"planted\":N}. DIR/tree is replaced."
  )

  @Argument(help: "Folder to write into; created if missing.")
  var directory: String

  @Option(name: .customLong("size-mib"), help: "Tree size in MiB (at least this much is written).")
  var sizeMiB = 512

  @Option(help: "Number of YARA rules.")
  var rules = 120

  @Option(help: "Seed of the deterministic generator.")
  var seed: UInt64 = 1

  func validate() throws {
    guard sizeMiB > 0 else { throw ValidationError("--size-mib must be positive.") }
    guard rules > 0 else { throw ValidationError("--rules must be positive.") }
  }

  func run() throws {
    let writer = HuntCorpusWriter(
      root: URL(fileURLWithPath: directory, isDirectory: true), sizeMiB: sizeMiB, ruleCount: rules, seed: seed
    )
    let s = try writer.run()
    print("{\"bytes\":\(s.bytes),\"files\":\(s.files),\"rules\":\(s.rules),\"planted\":\(s.planted)}")
  }
}
