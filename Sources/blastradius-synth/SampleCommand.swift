import ArgumentParser
import Foundation

/// `blastradius-synth sample DIR`: the demo share, and with `--manifest` the planted truth tests compare against.
struct SampleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample",
    abstract:
      "Write a small sample file share (under 2 MB) with planted personal data, credentials and sensitive documents.",
    discussion: """
      The manifest is a JSON object: "detectors" maps each detector id to the total number of planted \
      occurrences and the number of distinct canonical values; "files" maps each written file to its planted \
      occurrences per detector.
      """
  )

  @Argument(help: "Folder to write into; created if missing.")
  var directory: String

  @Option(help: "Seed of the deterministic generator.")
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("Write the planted counts as JSON to this file.", valueName: "file"))
  var manifest: String?

  func run() throws {
    var writer = SampleShareWriter(root: URL(fileURLWithPath: directory, isDirectory: true), seed: seed)
    try writer.writeAll()
    if let manifest {
      try writer.ledger.manifest(seed: seed).jsonData().write(to: URL(fileURLWithPath: manifest))
    }
    print("wrote \(writer.fileCount) files, \(writer.byteCount) bytes, to \(directory)")
  }
}
