import ArgumentParser
import BlastRadiusBase
import BlastRadiusStore

/// `blastradius snapshots --db FILE`: the snapshots a database keeps, and which are partial.
struct SnapshotsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshots", abstract: "List the snapshots in a database.")

  @Option(help: ArgumentHelp("The SQLite database of snapshots.", valueName: "FILE"))
  var db: String

  @Option(help: "Output format: jsonl or table.")
  var format: RunOptions.Format = .table

  func run() throws {
    let database = try StoreDatabase(path: db, create: false)
    let snapshots = try database.snapshots()
    switch format {
    case .jsonl:
      var json = JSONBuilder()
      for s in snapshots { RecordFormatter.append(s, to: &json) }
      print(String(decoding: json.bytes, as: UTF8.self), terminator: "")
    case .table:
      for s in snapshots {
        let line =
          "\(s.label)  \(s.complete ? "complete" : "PARTIAL")  \(s.entries) entries, \(s.files) files  \(s.roots.joined(separator: " "))"
        print(TerminalText.escaped(line))
      }
    }
  }
}
