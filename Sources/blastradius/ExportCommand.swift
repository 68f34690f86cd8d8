import ArgumentParser
import BlastRadiusBase
import BlastRadiusReport
import BlastRadiusStore

/// `blastradius export --store FILE`: the store's current findings in the JSONL contract (or CSV).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a store's current findings as JSONL (the scan's output contract) or CSV.",
    discussion: """
      The current view is every file present when last scanned, with its latest results; --scan \
      gives one scan's files as that scan saw them. Raw values are written only with --reveal, \
      from a store that kept them (scan --store-values), with the values key.
      """)

  @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
  var store: String

  @Option(help: "jsonl (every record) or csv (findings only).")
  var format: Format = .jsonl

  @Option(help: ArgumentHelp("One scan's files, as it saw them (see `blastradius scans`).", valueName: "ID"))
  var scan: Int64?

  @Flag(help: "Write the raw values the store kept (scan --store-values).")
  var reveal = false

  @Option(
    help: ArgumentHelp(
      "The key of the stored values (default: the one in the config folder).", valueName: "FILE"))
  var valuesKey: String?

  @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE (mode 0600).", valueName: "FILE"))
  var output: String?

  enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

  /// `$XDG_CONFIG_HOME/blastradius/store-values.key`.
  static func defaultValuesKey() -> String { UserFolders.config() + "/store-values.key" }

  /// The values key at `path` (or the default one), which must exist.
  static func valuesKey(_ path: String?) throws -> [UInt8] {
    try KeyStore.load(path: path ?? defaultValuesKey(), create: false)
  }

  func run() throws {
    let location = try StoreLocation(store)
    let key = try reveal ? Self.valuesKey(valuesKey) : nil
    let stream = try output.map { try OutputStream(path: $0) } ?? .standardOutput
    if format == .csv { stream.write(Array(FindingsCSV.header.utf8)) }
    // Lines gathered into writes of about 1 MiB: a write per line cost a system call each.
    var pending: [UInt8] = []
    pending.reserveCapacity(1 << 20 + 4096)
    _ = try location.export(scan: scan, valuesKey: key) { line in
      switch format {
      case .jsonl:
        pending += line
      case .csv:
        line.withUnsafeBytes { raw in
          if let row = FindingsCSV.row(raw) { pending += row.utf8 }
        }
      }
      if pending.count >= 1 << 20 {
        stream.write(pending)
        pending.removeAll(keepingCapacity: true)
      }
    }
    if !pending.isEmpty { stream.write(pending) }
    try stream.finish()
  }
}
