import ArgumentParser
import BlastRadiusCore
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
    let database = try StoreOptions.orExit { try StoreDatabase(path: db, create: false) }
    let snapshots = try StoreOptions.orExit { try database.snapshots() }
    switch format {
    case .jsonl:
      var json = JSONBuilder()
      for s in snapshots {
        json.raw("{\"kind\":\"snapshot\"")
        json.key("label"); json.string(s.label)
        json.key("complete"); json.bool(s.complete)
        json.key("roots"); json.strings(s.roots)
        json.key("entries"); json.int(s.entries)
        json.key("files"); json.int(s.files)
        json.key("bytes"); json.int(s.bytes)
        json.key("errors"); json.int(s.errors)
        json.raw("}\n")
      }
      print(String(decoding: json.bytes, as: UTF8.self), terminator: "")
    case .table:
      for s in snapshots {
        print("\(s.label)  \(s.complete ? "complete" : "PARTIAL")  \(s.entries) entries, \(s.files) files  \(s.roots.joined(separator: " "))")
      }
    }
  }
}
