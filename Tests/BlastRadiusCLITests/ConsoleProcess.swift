import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `blastradius serve` started for a test on a free loopback port, stopped when it is released.
final class ConsoleProcess {
  let process = Process()
  let port = PostgresServer.freePort()
  let tls: Bool
  var base: String { "\(tls ? "https" : "http")://127.0.0.1:\(port)" }

  /// With `certificate` (PEM certificate and key files), the console speaks HTTPS only.
  init(store: String, certificate: (cert: String, key: String)? = nil) throws {
    tls = certificate != nil
    process.executableURL = CLI.products.appendingPathComponent("blastradius")
    process.arguments = ["serve", "--store", store, "--listen", "127.0.0.1:\(port)"]
    if let certificate {
      process.arguments! += ["--tls-cert", certificate.cert, "--tls-key", certificate.key]
    }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    for _ in 0..<100 {
      if (try? CLI.execute("/usr/bin/curl", ["-sfk", base + "/health"]))?.stdout == "ok\n" { return }
      usleep(100_000)
    }
    throw PostgresServer.Failure("the console did not start on port \(port)")
  }

  deinit {
    process.terminate()
    process.waitUntilExit()
  }

  /// Adds a user with this password (read from standard input, as an administrator would).
  static func addUser(_ name: String, role: String, password: String, store: String) throws -> CLI.Result {
    try CLI.execute(
      "/bin/sh",
      [
        "-c", "printf '%s\\n' \"$2\" | \"$0\" user add \"$1\" --role \"$3\" --store \"$4\"",
        CLI.products.appendingPathComponent("blastradius").path, name, password, role, store,
      ])
  }
}
