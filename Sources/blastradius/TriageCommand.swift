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
    @Option(help: ArgumentHelp("The SQLite store.", valueName: "FILE")) var store: String

    func run() throws {
      let n = try ConsoleAdmin.exportDecisions(StoreDatabase(path: store, create: false)) {
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
    @Option(help: ArgumentHelp("The SQLite store.", valueName: "FILE")) var store: String

    func run() throws {
      let n = try ConsoleAdmin.importDecisions(StoreDatabase(path: store, create: false), file: file)
      FileHandleStderr.write("blastradius: \(n) decisions recorded\n")
    }
  }
}
