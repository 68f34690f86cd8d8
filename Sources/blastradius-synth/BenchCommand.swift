import ArgumentParser
import Foundation

/// `blastradius-synth bench DIR`: the benchmark corpus. Its one line of JSON on stdout is for scripts/bench.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Write a large benchmark corpus of prose, logs and CSV with sparse planted SSNs.",
    discussion: """
      Prints one line of JSON: {"bytes":N,"files":N,"planted_ssn":N,"csv_rows":N}. Each CSV row holds one phone \
      number and one email address. Existing files of the same names are overwritten; others are left alone.
      """
  )

  @Argument(help: "Folder to write into; created if missing.")
  var directory: String

  @Option(name: .customLong("size-mib"), help: "Corpus size in MiB (at least this much is written).")
  var sizeMiB = 1024

  @Option(help: "Number of files.")
  var files = 64

  @Option(help: "Seed of the deterministic generator.")
  var seed: UInt64 = 1

  @Flag(help: "Contact-export CSV only (name, phone, email, city per row): the store's dense corpus.")
  var contacts = false

  @Option(
    help: ArgumentHelp(
      "standard (a share's mix), dense (a third each of prose, logs and contact exports of name, phone, email, zip and amount) or contacts.",
      valueName: "mix"))
  var mix = "standard"

  func validate() throws {
    guard BenchCorpusWriter.Mix(rawValue: mix) != nil else {
      throw ValidationError("--mix must be standard, dense or contacts.")
    }
    guard sizeMiB > 0 else { throw ValidationError("--size-mib must be positive.") }
    guard files > 0 else { throw ValidationError("--files must be positive.") }
  }

  func run() throws {
    let writer = BenchCorpusWriter(
      root: URL(fileURLWithPath: directory, isDirectory: true), sizeMiB: sizeMiB, files: files, seed: seed,
      mix: contacts ? .contacts : BenchCorpusWriter.Mix(rawValue: mix)!)
    let summary = try writer.run()
    print(
      "{\"bytes\":\(summary.bytes),\"files\":\(summary.files),\"planted_ssn\":\(summary.plantedSSN),"
        + "\"csv_rows\":\(summary.csvRows)}")
  }
}
