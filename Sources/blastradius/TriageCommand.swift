import ArgumentParser
import BlastRadiusBase
import BlastRadiusServe
import BlastRadiusStore

/// `blastradius triage export|import`: the console's decisions as JSONL, between stores.
struct TriageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "triage", abstract: "Move triage decisions between stores as JSONL.",
    subcommands: [Export.self, Import.self])

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export", abstract: "Write every decision, oldest first, as JSONL on standard output.")
    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
    var store: String

    func run() throws {
      let n = try ConsoleAdmin.exportDecisions(StoreLocation(store).console()) {
        print($0, terminator: "")
      }
      FileHandleStderr.write("blastradius: \(n) decisions\n")
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Record the decisions of a JSONL file (as `triage export` writes them).")
    @Argument(help: ArgumentHelp("The JSONL file.", valueName: "FILE")) var file: String
    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
    var store: String

    func run() throws {
      let n = try ConsoleAdmin.importDecisions(StoreLocation(store).console(), file: file)
      FileHandleStderr.write("blastradius: \(n) decisions recorded\n")
    }
  }
}
