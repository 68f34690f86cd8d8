import ArgumentParser
import Foundation

/// `blastradius-synth documents DIR`: the document and archive benchmark corpus. Its one line of JSON on stdout is
/// for scripts/bench-documents.
struct DocumentsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "documents",
    abstract: "Write a benchmark corpus of workbooks, letters, PDFs, mail and zip backups with planted SSNs.",
    discussion: """
      Writes DIR/xlsx, DIR/docx, DIR/pdf, DIR/eml and DIR/zip (about 20/25/25/20/10 % of the files) and prints one \
      line of JSON: {"files":N,"bytes":N,"planted_ssn":N,"by_type":{"xlsx":{"files":N,"bytes":N,"planted_ssn":N},\
      ...}}. planted_ssn counts every planted SSN occurrence a scan at the default confidence reports as us_ssn, \
      inside documents and nested archives included. Existing files of the same names are overwritten; others are \
      left alone.
      """
  )

  @Argument(help: "Folder to write into; created if missing.")
  var directory: String

  @Option(help: "Number of files on disk.")
  var count = 400

  @Option(help: "Seed of the deterministic generator.")
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("Write the planted SSNs per file as JSON to this file.", valueName: "file"))
  var manifest: String?

  func validate() throws {
    guard count > 0 else { throw ValidationError("--count must be positive.") }
  }

  func run() throws {
    let writer = DocumentCorpusWriter(
      root: URL(fileURLWithPath: directory, isDirectory: true), count: count, seed: seed)
    let summary = try writer.run()
    if let manifest {
      try Data(summary.manifest.utf8).write(to: URL(fileURLWithPath: manifest))
    }
    print(summary.json)
  }
}
