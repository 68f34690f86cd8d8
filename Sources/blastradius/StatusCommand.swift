import ArgumentParser
import BlastRadiusBase
import BlastRadiusStorePostgres

/// `blastradius status --store URL`: the work queue of a PostgreSQL store, per scan, host and agent.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show the progress of the scans handed to agents: per scan, host and agent.")

  @Option(help: ArgumentHelp("The PostgreSQL store: postgres://USER@HOST[:PORT]/DB.", valueName: "URL"))
  var store: String

  @Option(help: "Output format: table or json.")
  var format: String = "table"

  func validate() throws {
    guard PostgresURL.isPostgres(store) else { throw ValidationError("--store must be a PostgreSQL URL") }
    guard format == "table" || format == "json" else {
      throw ValidationError("--format must be table or json")
    }
  }

  func run() throws {
    let status = try PostgresStore(url: PostgresURL(store), create: false).status()
    print(format == "json" ? status.json() : status.table(), terminator: "")
  }
}
