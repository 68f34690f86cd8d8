import ArgumentParser
import BlastRadiusBase
import BlastRadiusServe
import BlastRadiusStore

/// `blastradius token create|list|revoke`: API tokens for `/api/v1`.
struct TokenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "token", abstract: "Manage the console's API tokens.",
    subcommands: [Create.self, List.self, Revoke.self])

  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create", abstract: "Create a token: printed once; the store keeps only its hash.")
    @Option(help: "The user the token acts for.") var user: String
    @Option(help: "read, triage or admin (no more than the user's role allows).") var scope: String
    @Option(help: "A note on what the token is for.") var label = ""
    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
    var store: String

    func run() throws {
      guard let scope = ConsoleToken.Scope(rawValue: scope) else {
        throw ValidationError("--scope must be read, triage or admin")
      }
      let (token, secret) = try ConsoleAdmin.createToken(
        StoreLocation(store).console(), user: user, scope: scope, label: label)
      print(secret)
      FileHandleStderr.write(
        "blastradius: token #\(token.id) for \(user), scope \(scope.rawValue) (shown once)\n")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the tokens (never their secrets).")
    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
    var store: String

    func run() throws {
      for t in try StoreLocation(store).console().tokens() {
        print("#\(t.id)\t\(t.user)\t\(t.scope.rawValue)\t\(t.revoked ? "revoked" : "active")\t\(t.label)")
      }
    }
  }

  struct Revoke: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "revoke", abstract: "Revoke a token by its number.")
    @Argument var id: Int64
    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
    var store: String

    func run() throws {
      try ConsoleAdmin.revokeToken(StoreLocation(store).console(), id: id)
      FileHandleStderr.write("blastradius: token #\(id) revoked\n")
    }
  }
}
