import ArgumentParser
import BlastRadiusBase
import BlastRadiusServe
import BlastRadiusStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `blastradius user add|list|totp`: the console's accounts.
struct UserCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user", abstract: "Manage the console's users.",
    subcommands: [Add.self, List.self, TOTPOn.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Add a user: the password is read from standard input, or generated and printed once.")

    @Argument var name: String
    @Option(help: "admin, analyst or viewer.") var role: String
    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
    var store: String
    @Flag(help: "Generate the password and print it once, even when standard input is not a terminal.")
    var generate = false

    func run() throws {
      guard let role = ConsoleUser.Role(rawValue: role) else {
        throw ValidationError("--role must be admin, analyst or viewer")
      }
      let database = try StoreLocation(store).console()
      var password: String
      let generated = generate || isatty(0) == 1
      if generated {
        password = ConsoleAdmin.generatePassword()
      } else {
        password = readLine(strippingNewline: true) ?? ""
      }
      _ = try ConsoleAdmin.addUser(database, name: name, role: role, password: password)
      if generated { print("password for \(name) (shown once): \(password)") }
      FileHandleStderr.write("blastradius: user \(name) added as \(role.rawValue)\n")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users.")
    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
    var store: String

    func run() throws {
      for user in try StoreLocation(store).console().users() {
        print("\(user.name)\t\(user.role.rawValue)\(user.totpSecret == nil ? "" : "\tone-time codes")")
      }
    }
  }

  struct TOTPOn: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "totp", abstract: "Turn on one-time codes for a user: prints the otpauth:// URL once.")
    @Argument var name: String
    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
    var store: String

    func run() throws {
      print(try ConsoleAdmin.enableTOTP(StoreLocation(store).console(), user: name))
    }
  }
}
