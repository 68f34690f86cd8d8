import ArgumentParser
import BlastRadiusBase
import BlastRadiusStorePostgres

/// `blastradius store init URL`: the PostgreSQL store's schema, created or upgraded.
struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store",
    abstract: "Set up a PostgreSQL store shared by several hosts.",
    subcommands: [Init.self])

  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Create the store's tables in a PostgreSQL database, or upgrade them.",
      discussion: """
        The password comes from PGPASSWORD or ~/.pgpass, never from the URL. Run it once, as a \
        role that may create tables; agents then need only the rights docs/store.md lists.
        """)

    @Argument(help: ArgumentHelp("postgres://USER@HOST[:PORT]/DB[?sslmode=require]", valueName: "URL"))
    var url: String

    func run() throws {
      let url = try PostgresURL(url)
      _ = try PostgresStore(url: url, create: true)
      FileHandleStderr.write("blastradius: the store at \(url.description) is ready\n")
    }
  }
}
