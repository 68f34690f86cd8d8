import ArgumentParser
import BlastRadiusBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `blastradius` command: what a breach exposes, found fast and reported without raw values.
struct BlastRadiusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "blastradius",
    abstract: "Find personal data and secrets exposed in file shares, dumps and archives.",
    discussion:
      "Exit status: 0 nothing found, 1 findings (diff: changes), 2 usage or fatal error, 3 mass destruction (diff).",
    version: "0.1.0",
    subcommands: [
      ScanCommand.self, ReportCommand.self, DetectorsCommand.self, BaselineCommand.self, DiffCommand.self,
      SnapshotsCommand.self, ExportCommand.self, ScansCommand.self, StoreCommand.self, AgentCommand.self,
      StatusCommand.self, ServeCommand.self, UserCommand.self, TokenCommand.self, TriageCommand.self,
    ],
    defaultSubcommand: nil)
}

/// Entry point with the exit codes of the output contract (argument errors are 2, not 64).
@main
enum Main {
  static func main() async {
    do {
      var command = try BlastRadiusCommand.parseAsRoot()
      if var server = command as? any AsyncParsableCommand {
        try await server.run()
      } else {
        try command.run()
      }
    } catch let code as ExitCode {
      exit(code.rawValue)
    } catch let failure as BlastRadiusError {
      // Every command's failures end here: one message, exit status 2.
      // Its lines may quote names from the scanned tree: each is escaped for the terminal.
      let lines = failure.description.split(separator: "\n", omittingEmptySubsequences: false)
      FileHandleStderr.write(
        "blastradius: " + lines.map { TerminalText.escaped(String($0)) }.joined(separator: "\n") + "\n")
      exit(2)
    } catch {
      let code = BlastRadiusCommand.exitCode(for: error)
      let message = BlastRadiusCommand.fullMessage(for: error)
      if code == .success {
        print(message)
        exit(0)
      }
      FileHandleStderr.write(message + "\n")
      exit(2)
    }
  }
}

/// Writes to standard error without Foundation.
enum FileHandleStderr {
  static func write(_ s: String) {
    let bytes = Array(s.utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
  }
}
